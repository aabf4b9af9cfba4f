"""Text shared by every page (shell, navigation, messages): key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("客户重要性排序工作台", "Customer Importance Workbench"),
    "app.tagline": (
        "按多个因素为客户打分、排序、分组，并为每组制定策略。",
        "Score, rank and group customers on several factors, with a strategy for each group.",
    ),
    "nav.home": ("概览", "Overview"),
    "nav.data": ("数据", "Data"),
    "nav.weights": ("权重", "Weights"),
    "nav.ranking": ("排名", "Ranking"),
    "nav.groups": ("分组与策略", "Groups & strategies"),
    "nav.export": ("导出", "Export"),
    "nav.accounts": ("重点客户与资源", "Key accounts & resources"),
    "nav.ahp": ("层次分析与客观权重", "AHP & objective weights"),
    "nav.scenarios": ("方案与对比", "Scenarios & comparison"),
    "nav.sensitivity": ("敏感性分析", "Sensitivity"),
    "nav.orders": ("订单与 RFM", "Orders & RFM"),
    "nav.review": ("定期回顾", "Periodic review"),
    "nav.workshop": ("研讨会", "Workshop"),
    "nav.join": ("加入研讨会", "Join a workshop"),
    "shell.language": ("语言 Language", "Language 语言"),
    "shell.data_source": (
        "数据：{name} · {rows} 行 · {factors} 个因素",
        "Data: {name} · {rows} rows · {factors} factors",
    ),
    "shell.presentation": ("演示模式", "Presentation mode"),
    "shell.presentation_help": (
        "投影与客户演示：字号更大、列更少，客户名称匿名化（客户 A、客户 B …）。",
        "For projectors and client demos: larger type, fewer columns, anonymised names "
        "(Customer A, Customer B …).",
    ),
    "shell.weights": ("权重", "Weights"),
    "shell.load_error": (
        "无法使用该数据，仍保留之前的数据。{error}",
        "That data could not be used; the previous data is kept. {error}",
    ),
    "shell.link_error": (
        "分享链接无法打开，当前权重保持不变。{error}",
        "The share link could not be opened; the current weights are kept. {error}",
    ),
    "shell.rank_error": (
        "无法排序：{error}。请在「数据」或「权重」页调整。",
        "Cannot rank: {error}. Adjust it on the Data or Weights page.",
    ),
    "weights.slider_label": ("{factor} {arrow} · {share:.0%}", "{factor} {arrow} · {share:.0%}"),
    "weights.slider_help": (
        "相对权重（0–100）；标签中的百分比是它在全部权重中的占比。↑ 越高越好，↓ 越低越好。",
        "Relative weight (0–100); the percentage is its share of all weights. "
        "↑ higher is better, ↓ lower is better.",
    ),
    "col.rank": ("排名", "Rank"),
    "col.customer_id": ("客户编号", "Customer ID"),
    "col.name": ("客户名称", "Customer"),
    "col.score": ("得分", "Score"),
    "col.tier": ("分组", "Tier"),
    "col.change": ("变化", "Change"),
    "home.customers": ("客户数", "Customers"),
    "home.excluded": ("排除行", "Excluded rows"),
    "home.top_share": ("前 20% 客户收入占比", "Revenue share of top 20 %"),
    "home.method": ("方法", "Method"),
    "home.top_list": ("前 {n} 名客户", "Top {n} customers"),
    "home.tiers": ("分组概况", "Tiers at a glance"),
    "home.next": (
        "下一步：在左侧拖动权重，或前往「数据」页上传自己的客户表。",
        "Next: move a weight on the left, or upload your own customer table on the Data page.",
    ),
    "method.weighted_sum": ("加权求和", "Weighted sum"),
    "method.topsis": ("TOPSIS", "TOPSIS"),
    "empty.no_ranking": (
        "还没有可显示的排名：请在「数据」页选择至少一个因素列。",
        "Nothing to rank yet: choose at least one factor column on the Data page.",
    ),
}
