"""Text of the ranking page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "ranking.title": ("客户排名", "Customer ranking"),
    "ranking.caption": (
        "按当前权重重新排序；「变化」一列对比基准方案：▲ 上升、▼ 下降。",
        "Re-ranked with the current weights; the Change column compares with the baseline: "
        "▲ moved up, ▼ moved down.",
    ),
    "ranking.baseline_equal": (
        "基准：当前方案的等权重版本。",
        "Baseline: the equal-weights version of the current scenario.",
    ),
    "ranking.baseline_pinned": (
        "基准：已固定的方案（{factors}）。",
        "Baseline: the pinned scenario ({factors}).",
    ),
    "ranking.baseline_failed": (
        "固定的基准无法用于当前数据，改用等权重基准。{error}",
        "The pinned baseline does not fit the current data; using equal weights instead. {error}",
    ),
    "ranking.pin": ("固定当前为基准", "Pin current as baseline"),
    "ranking.pin_help": (
        "记住当前权重；之后调整权重时，「变化」列显示相对于它的名次变化。",
        "Remember the current weights; after you change them, the Change column shows moves "
        "against this one.",
    ),
    "ranking.clear": ("清除基准", "Clear baseline"),
    "ranking.search": ("搜索（编号或名称）", "Search (ID or name)"),
    "ranking.search_placeholder": ("例如 C0001 或 公司名", "e.g. C0001 or a company name"),
    "ranking.filter_tier": ("分组", "Tier"),
    "ranking.filter_all": ("全部", "All"),
    "ranking.top_n": ("显示前 N 名", "Show top N"),
    "ranking.top_all": ("全部", "All"),
    "ranking.shown": ("显示 {shown} / {total} 位客户", "Showing {shown} of {total} customers"),
    "ranking.no_match": (
        "没有符合条件的客户：清空搜索框或放宽筛选。",
        "No customer matches: clear the search box or widen the filters.",
    ),
    "ranking.new": ("新", "new"),
    "ranking.change_help": (
        "相对基准的名次变化：▲ 上升、▼ 下降、— 不变。",
        "Places moved against the baseline: ▲ up, ▼ down, — unchanged.",
    ),
    "ranking.score_help": ("0–100 的综合得分", "Overall score, 0–100"),
    "ranking.explain": ("单个客户解析", "One customer explained"),
    "ranking.pick": ("选择客户（或在表格中点选一行）", "Pick a customer (or select a table row)"),
    "ranking.pick_placeholder": ("选择客户…", "Choose a customer…"),
    "ranking.pick_hint": (
        "选择一位客户，查看每个因素贡献了多少分，以及它在各因素上超过了多少客户。",
        "Pick a customer to see how many points each factor gave it and how it compares with "
        "the others on each factor.",
    ),
    "ranking.metric_rank": ("排名", "Rank"),
    "ranking.metric_score": ("得分", "Score"),
    "ranking.metric_tier": ("分组", "Tier"),
    "ranking.metric_change": ("相对基准", "Against baseline"),
    "ranking.contrib_title": ("得分构成", "What made the score"),
    "ranking.contrib_caption": (
        "各因素贡献的分数之和等于总分 {score:.1f}。",
        "The factors' points add up to the score, {score:.1f}.",
    ),
    "ranking.percentile_title": ("与其他客户相比", "Against the other customers"),
    "ranking.percentile_caption": (
        "条形表示该客户在各因素上优于多少比例的客户（50 = 中位）；悬停可见原始值。",
        "Each bar: the share of customers this one beats on the factor (50 = median); hover "
        "for the raw value.",
    ),
    "ranking.axis_factor": ("因素", "Factor"),
    "ranking.axis_points": ("贡献分数", "Points"),
    "ranking.axis_share": ("占总分", "Share of score"),
    "ranking.axis_percentile": ("百分位（优于 % 的客户）", "Percentile (beats % of customers)"),
    "ranking.axis_value": ("原始值", "Raw value"),
    "ranking.warnings": ("排序提示（{n} 条）", "Ranking notes ({n})"),
}
