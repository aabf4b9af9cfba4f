"""Text of the orders page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "orders.title": ("订单与 RFM", "Orders & RFM"),
    "orders.intro": (
        "从交易明细（订单表）计算每位客户的最近购买、购买频率与金额（RFM），按规则分群，"
        "并可把这些客户交给排名页排序。",
        "Turn a transaction log into recency, frequency and monetary value (RFM) per customer, "
        "segment the customers by rules, and hand them to the ranking pages.",
    ),
    "orders.upload": (
        "上传订单表（CSV / XLSX / Parquet）",
        "Upload an order log (CSV / XLSX / Parquet)",
    ),
    "orders.upload_help": (
        "每行一笔订单或订单行：客户、日期、金额，可选毛利与订单号。中英文列名均可识别。",
        "One line per order or order line: customer, date, amount, optionally profit and order "
        "ID. Chinese and English headers are recognised.",
    ),
    "orders.source": ("订单表：**{name}**", "Order log: **{name}**"),
    "orders.sample_note": (
        "这是内置的示例订单（与示例客户表为同一批客户）。",
        "This is the bundled sample log (the same customers as the sample customer table).",
    ),
    "orders.use_sample": ("改用示例订单", "Use the sample log"),
    "orders.read_error": ("无法读取订单表：{error}", "The order log could not be read: {error}"),
    "orders.role.customer": ("客户列", "Customer column"),
    "orders.role.date": ("日期列", "Date column"),
    "orders.role.amount": ("金额列", "Amount column"),
    "orders.role.profit": ("毛利列（可选）", "Profit column (optional)"),
    "orders.role.order_id": ("订单号列（可选）", "Order ID column (optional)"),
    "orders.none": ("（无）", "(none)"),
    "orders.pick_columns": (
        "请选择客户、日期和金额三列（每列只用一次）。",
        "Choose the customer, date and amount columns (each column once).",
    ),
    "orders.period": ("周期长度（天）", "Period length (days)"),
    "orders.period_help": (
        "本期 = 截止日期前的 N 天；上期 = 再往前的 N 天（用于本期/上期金额与增长率）。",
        "Current period = the N days ending at the as-of date; previous = the N days before "
        "(for current/previous spend and growth).",
    ),
    "orders.as_of": ("截止日期", "As-of date"),
    "orders.as_of_help": (
        "默认为订单表中最新的日期；之后的订单行视为「未来日期」并排除。",
        "Defaults to the latest date in the log; lines after it count as future and are excluded.",
    ),
    "orders.aggregate_error": (
        "无法汇总订单：{error}",
        "The orders could not be aggregated: {error}",
    ),
    "orders.report": ("读取报告", "What happened to every line"),
    "orders.report_summary": (
        "共 {lines:,} 行，其中购买 {purchases:,} 行，{customers:,} 位客户；截止 {as_of}；"
        "引擎 {engine}。下表列出所有未作为购买计入的行，没有任何行被静默丢弃。",
        "{lines:,} lines, {purchases:,} purchases, {customers:,} customers; as of {as_of}; "
        "engine {engine}. Every line not counted as a purchase is listed below: nothing is "
        "dropped silently.",
    ),
    "orders.no_issues": ("所有行都是有效购买。", "Every line is a valid purchase."),
    "orders.col.category": ("类别", "Category"),
    "orders.col.lines": ("行数", "Lines"),
    "orders.col.amount": ("金额合计", "Amount"),
    "orders.col.rows": ("示例行号", "Example rows"),
    "orders.issue.duplicate": (
        "重复行（各列完全相同）：已去除",
        "Duplicate line (identical in every column): dropped",
    ),
    "orders.issue.missing_customer": ("缺少客户编号：已排除", "No customer ID: excluded"),
    "orders.issue.bad_date": ("日期缺失或无法识别：已排除", "Date missing or unreadable: excluded"),
    "orders.issue.bad_amount": (
        "金额缺失或不是数字：已排除",
        "Amount missing or not a number: excluded",
    ),
    "orders.issue.missing_order_id": ("缺少订单号：已排除", "No order ID: excluded"),
    "orders.issue.future": ("日期晚于截止日期：已排除", "Dated after the as-of date: excluded"),
    "orders.issue.return": (
        "负金额（退货）：冲减金额与毛利，不计为订单",
        "Negative amount (return): lowers amount and profit, not an order",
    ),
    "orders.issue.zero_amount": ("金额为 0：不计为订单", "Zero amount: not an order"),
    "orders.issue.missing_profit": ("缺少毛利：按 0 计", "No profit value: counted as 0"),
    "orders.no_purchase": (
        "{n} 位客户只有退货或 0 金额行、截止日前没有购买，未纳入汇总：{ids}",
        "{n} customer(s) with only returns or zero lines and no purchase up to the as-of date "
        "are left out: {ids}",
    ),
    "orders.rfm": ("RFM 评分与客户分群", "RFM scores and segments"),
    "orders.rfm_mode": ("R/F/M 评分方式（1–5 分）", "How R/F/M are scored (1–5)"),
    "orders.mode.quintiles": ("按五分位", "By quintile"),
    "orders.mode.cuts": ("按自定义分割点", "By cut points"),
    "orders.cuts.r": ("R 分割点（天，越近越好）", "R cut points (days, recent is better)"),
    "orders.cuts.f": ("F 分割点（订单数）", "F cut points (orders)"),
    "orders.cuts.m": ("M 分割点（金额）", "M cut points (amount)"),
    "orders.cuts_help": (
        "四个递增的数，用逗号分隔；留空则该项按五分位评分。",
        "Four increasing numbers, separated by commas; leave empty to score that letter by "
        "quintile.",
    ),
    "orders.cuts_error": (
        "分割点无法使用，改按五分位评分：{error}",
        "Those cut points cannot be used; scoring by quintile instead: {error}",
    ),
    "orders.rules": ("分群规则（可编辑）", "Segment rules (editable)"),
    "orders.rules_help": (
        "自上而下匹配，第一条同时满足 R 区间和 FM 区间（FM = F 与 M 的平均分）的规则生效；"
        "最后一条必须覆盖全部分数（R 1–5、FM 1–5），保证每位客户恰好属于一个分群。",
        "Checked top to bottom: the first rule whose R range and FM range (FM = mean of F and "
        "M) hold the customer wins; the last rule must cover every score (R 1–5, FM 1–5) so "
        "each customer lands in exactly one segment.",
    ),
    "orders.rules_error": (
        "规则无效，仍使用上一次有效的规则：{error}",
        "Those rules are not valid; the last valid rules stay in force: {error}",
    ),
    "orders.rules_reset": ("恢复默认规则", "Restore the default rules"),
    "orders.rule.segment": ("分群键", "Key"),
    "orders.rule.zh": ("中文名称", "Chinese name"),
    "orders.rule.en": ("英文名称", "English name"),
    "orders.rule.r_min": ("R 最小", "R min"),
    "orders.rule.r_max": ("R 最大", "R max"),
    "orders.rule.fm_min": ("FM 最小", "FM min"),
    "orders.rule.fm_max": ("FM 最大", "FM max"),
    "orders.segments": ("分群概况", "Segment overview"),
    "orders.segments_caption": (
        "每个分群的客户数、订单数、收入（净额）与客单价；图中对比客户占比与收入占比。",
        "Customers, orders, net revenue and average order value per segment; the chart sets "
        "each segment's share of customers against its share of revenue.",
    ),
    "orders.customers": ("客户占比", "Share of customers"),
    "orders.revenue": ("收入占比", "Share of revenue"),
    "orders.share": ("占比", "Share"),
    "orders.col.segment": ("分群", "Segment"),
    "orders.col.customers": ("客户数", "Customers"),
    "orders.col.customer_share": ("客户占比", "Customer share"),
    "orders.col.orders": ("订单数", "Orders"),
    "orders.col.revenue": ("收入", "Revenue"),
    "orders.col.revenue_share": ("收入占比", "Revenue share"),
    "orders.col.avg_order_value": ("客单价", "Avg order value"),
    "orders.col.mean_recency": ("平均距今天数", "Mean recency (days)"),
    "orders.frequency": ("购买频率分类", "Purchase-frequency classes"),
    "orders.frequency_caption": (
        "高频：每年 ≥ 12 单；低频：其余 ≥ 2 单；首次：仅 1 单；潜在：在当前客户表中但没有订单。",
        "High: ≥ 12 orders a year; low: other customers with ≥ 2 orders; first-time: one "
        "order; prospective: in the current customer table without orders.",
    ),
    "orders.frequency_no_master": (
        "当前客户表与订单表没有共同的客户编号，因此无法统计潜在客户。",
        "The current customer table shares no customer ID with the log, so prospective "
        "customers cannot be counted.",
    ),
    "orders.customers_table": ("每位客户的指标（{n} 位）", "Per-customer features ({n})"),
    "orders.col.customer_id": ("客户编号", "Customer ID"),
    "orders.col.recency_days": ("距今天数", "Recency (days)"),
    "orders.col.monetary_total": ("金额（净额）", "Monetary (net)"),
    "orders.col.monetary_mean": ("平均每单金额", "Mean per order"),
    "orders.col.profit": ("毛利", "Profit"),
    "orders.col.tenure_days": ("合作天数", "Tenure (days)"),
    "orders.col.growth": ("增长率 %", "Growth %"),
    "orders.col.r_score": ("R", "R"),
    "orders.col.f_score": ("F", "F"),
    "orders.col.m_score": ("M", "M"),
    "orders.col.rfm_cell": ("RFM", "RFM"),
    "orders.col.frequency_class": ("频率分类", "Frequency class"),
    "orders.rank": ("为这些客户排名", "Rank these customers"),
    "orders.rank_caption": (
        "把订单指标（距今天数越少越好、订单数、金额、毛利，等权重）作为当前数据与方案，"
        "在排名、分组等页面使用。",
        "Make the order features (recency — lower is better —, orders, amount, profit; equal "
        "weights) the current data and scenario for the Ranking, Groups and other pages.",
    ),
    "orders.rank_mode": ("数据", "Data"),
    "orders.rank_mode.merge": ("并入当前客户表", "Join to the current customer table"),
    "orders.rank_mode.alone": ("仅用订单指标", "Order features alone"),
    "orders.rank_button": ("为这些客户排名", "Rank these customers"),
    "orders.rank_done": (
        "已设为当前数据（{n} 位客户）与方案。",
        "Now the current data ({n} customers) and scenario.",
    ),
    "orders.rank_error": ("无法排名：{error}", "Cannot rank them: {error}"),
    "orders.go_ranking": ("查看排名", "See the ranking"),
}
