"""Chinese for the messages about order logs (see :mod:`core.messages`).

Reading and aggregating an order log, joining it to the customer table, RFM cut points and
segment rules, periodic reviews and snapshots.
"""

ORDERS: tuple[tuple[str, str], ...] = (
    # Reading and aggregating (core.orders, core.orders_engine, core.orders_duckdb)
    (
        "order log: unknown role {role!r}; use one of: {roles}",
        "订单表：未知的列角色「{role}」；可选：{roles}",
    ),
    (
        "order log: column {c!r} (given for the {role!m}) is not in the file; "
        "available columns: {columns}",
        "订单表：文件中没有指定为{role}列的「{c}」；可用的列：{columns}",
    ),
    (
        "order log: no {role!m} column found (looked for {names} …); available columns: "
        "{columns}; name it with --{flag}-col",
        "订单表：没有找到{role}列（已查找 {names} …）；可用的列：{columns}；请手动指定该列",
    ),
    ("unknown engine {engine!r}; use one of: {engines}", "未知的引擎「{engine}」；可选：{engines}"),
    (
        "as-of date {value!r} is not a date; write it as YYYY-MM-DD",
        "截止日期「{value}」不是日期；请写成 YYYY-MM-DD",
    ),
    ("period length {n} must be 1 day or more", "周期长度 {n} 必须至少为 1 天"),
    ("{f!m}: the order log has no lines", "{f}：没有任何订单行"),
    (
        "order log: {what!m}; check the customer, date and amount columns (see the report)",
        "订单表：{what}；请检查客户、日期和金额列（见读取报告）",
    ),
    (
        "{f}: DuckDB cannot read the file ({error}); save it as UTF-8 CSV or Parquet, or use "
        "the pandas engine",
        "{f}：DuckDB 无法读取该文件（{error}）；请另存为 UTF-8 CSV 或 Parquet，或改用 pandas 引擎",
    ),
    ("{f!m}: DuckDB cannot read it ({error})", "{f}：DuckDB 无法读取（{error}）"),
    # Joining to the customer table (core.orders_merge)
    (
        "{n} customer ID(s) in the customer table but without orders (prospective): {ids}",
        "{n} 个客户编号在客户表中但没有订单（潜在客户）：{ids}",
    ),
    (
        "{n} customer ID(s) in the order log but not in the customer table (left out): {ids}",
        "{n} 个客户编号在订单表中但不在客户表中（未纳入）：{ids}",
    ),
    (
        "customer table: no column {c!r}; available: {columns}",
        "客户表：没有列「{c}」；可用的列：{columns}",
    ),
    (
        "order features: none of the default factor columns is present",
        "订单指标：默认的因素列一个都没有",
    ),
    # RFM cut points and segment rules (core.rfm)
    ("RFM cut points {cuts}: give 4 increasing numbers", "RFM 分割点 {cuts}：请给出 4 个递增的数"),
    (
        "RFM cut points for {letters}: use the letters r, f and m",
        "RFM 分割点 {letters}：请使用字母 r、f、m",
    ),
    (
        "segment rules: the table is empty; add at least a catch-all rule",
        "分群规则：规则表为空；请至少添加一条兜底规则",
    ),
    ("segment rules: a segment is named twice in {names}", "分群规则：{names} 中有重复的分群"),
    (
        "segment rules: the last rule ({segment!r}) must cover R 1–5 and FM 1–5 so that every "
        "customer lands in a segment",
        "分群规则：最后一条规则（「{segment}」）必须覆盖 R 1–5 和 FM 1–5，"
        "使每位客户都能归入一个分群",
    ),
    (
        "segment rules: a row is incomplete or not numeric ({error})",
        "分群规则：有一行不完整或不是数字（{error}）",
    ),
    # Periodic review (core.review)
    (
        "review: no purchase up to {end} (the end of the earlier period); the log is shorter "
        "than two periods of {n} days: choose a shorter --period-days",
        "回顾：截至 {end}（上一周期末）没有购买；订单表不足两个 {n} 天的周期：请缩短周期长度",
    ),
    ("review of {f}: {error!m}", "回顾 {f}：{error}"),
    # Snapshots and the watchlist (core.snapshots)
    ("snapshot: the ranking has no {columns} column", "快照：排名表中没有 {columns} 列"),
    (
        "snapshot name {name!r}: give a name of 1 to {n} characters",
        "快照名称「{name}」：名称须为 1 到 {n} 个字符",
    ),
    (
        "snapshot as-of date {value!r}: write it as YYYY-MM-DD",
        "快照截止日期「{value}」：请写成 YYYY-MM-DD",
    ),
    (
        "no snapshot named {name!r}; kept snapshots: {names!m}",
        "没有名为「{name}」的快照；已保存的快照：{names}",
    ),
    (
        "snapshot {name!r}: customer {id!r} appears twice",
        "快照「{name}」：客户「{id}」出现了两次",
    ),
    (
        "a snapshot is already named {name!r}; choose another name or overwrite it",
        "已有名为「{name}」的快照；请换一个名称，或选择覆盖",
    ),
    ("watchlist: top N {n} must be 1 or more", "关注名单：前 N 名的 N（{n}）必须至少为 1"),
)

ORDERS_WORDS = {
    "order log": "订单表",
    "customer": "客户",
    "date": "日期",
    "amount": "金额",
    "profit": "毛利",
    "order_id": "订单号",
    "no line has a customer, a readable date and an amount": (
        "没有一行同时具有客户、可识别的日期和金额"
    ),
    "no purchase (amount > 0) up to the as-of date": "截止日期之前没有购买（金额 > 0）",
}
