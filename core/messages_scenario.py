"""Chinese for the messages about scenarios (see :mod:`core.messages`).

Scenario files and share links, expert overrides, the scenario store, resource allocation,
key-account rules, playbooks and profitability.
"""

SCENARIO: tuple[tuple[str, str], ...] = (
    # Scenario fields (core.scenario, core.ranking)
    (
        "scenario: unknown method {v!r}; use one of: {allowed}",
        "方案：未知的打分方法「{v}」；可选：{allowed}",
    ),
    (
        "scenario: unknown missing-value policy {v!r}; use one of: {allowed}",
        "方案：未知的缺失值处理方式「{v}」；可选：{allowed}",
    ),
    (
        "scenario: unknown tier scheme {v!r}; use one of: {allowed}",
        "方案：未知的分组方式「{v}」；可选：{allowed}",
    ),
    (
        "scenario: unknown direction for factor {c!r}: {v!r}; use one of: {allowed}",
        "方案：因素「{c}」的方向「{v}」未知；可选：{allowed}",
    ),
    (
        "scenario: unknown normaliser for factor {c!r}: {v!r}; use one of: {allowed}",
        "方案：因素「{c}」的归一化方法「{v}」未知；可选：{allowed}",
    ),
    (
        "scenario: every factor needs a non-empty 'column' name",
        "方案：每个因素都需要非空的列名（column）",
    ),
    (
        "scenario: factor {c!r} has a weight that is not a number ({w}); use a number ≥ 0",
        "方案：因素「{c}」的权重不是数字（{w}）；请使用 ≥ 0 的数",
    ),
    (
        "scenario: factor {c!r} has a negative or invalid weight ({w}); weights must be "
        "numbers ≥ 0",
        "方案：因素「{c}」的权重为负或无效（{w}）；权重必须是 ≥ 0 的数",
    ),
    ("scenario: tier labels must be non-empty names", "方案：分组名称不能为空"),
    (
        "scenario: tier labels repeat: {labels}; make each unique",
        "方案：分组名称重复：{labels}；请让每个名称都不相同",
    ),
    (
        "scenario: {n} tier labels need {k} score thresholds, got {m}",
        "方案：{n} 个分组需要 {k} 个得分阈值，实际为 {m} 个",
    ),
    (
        "scenario: {n} ABC classes need {k} cut-offs, got {m}",
        "方案：{n} 个 ABC 类别需要 {k} 个分界点，实际为 {m} 个",
    ),
    (
        "scenario: {n} tier labels but {k} shares; give one share per tier",
        "方案：有 {n} 个分组，却有 {k} 个比例；请为每个分组给出一个比例",
    ),
    (
        "scenario: tier shares {shares} must be ≥ 0 and add up to 1",
        "方案：分组比例 {shares} 必须 ≥ 0 且合计为 1",
    ),
    (
        "scenario: the quadrant scheme needs 'potential_column' and 4 labels",
        "方案：四象限分组需要潜力列（potential_column）和 4 个分组名称",
    ),
    (
        "scenario: 'id_column' must name the customer-ID column",
        "方案：id_column 必须指定客户编号列",
    ),
    (
        "scenario: 'factors' is empty; include at least one factor",
        "方案：因素列表（factors）为空；请至少包含一个因素",
    ),
    ("scenario: factor column(s) listed twice: {columns}", "方案：因素列重复列出：{columns}"),
    (
        "scenario: 'as_of' {v!r} is not a date; write it as YYYY-MM-DD",
        "方案：截止日期（as_of）「{v}」不是日期；请写成 YYYY-MM-DD",
    ),
    (
        "scenario: all factor weights are zero; give at least one factor a positive weight",
        "方案：所有因素权重都为零；请至少给一个因素正权重",
    ),
    (
        "scenario: column {c!r} is not in the data; available columns: {columns}",
        "方案：数据中没有列「{c}」；可用的列：{columns}",
    ),
    (
        "scenario: expected a JSON object with 'id_column' and 'factors'",
        "方案：应为包含 id_column 和 factors 的 JSON 对象",
    ),
    ("scenario: missing required field {field!r}", "方案：缺少必填字段「{field}」"),
    (
        "scenario: 'factors' must be a list of objects with a 'column'",
        "方案：factors 必须是对象列表，每个对象都带 column",
    ),
    (
        'scenario: \'tiers\' must be an object such as {"scheme": "share"}',
        '方案：tiers 必须是对象，例如 {"scheme": "share"}',
    ),
    ("scenario: 'overrides' must be a list of objects", "方案：overrides 必须是对象列表"),
    ("scenario: a field has the wrong type ({error})", "方案：有字段的类型不对（{error}）"),
    (
        "{source!m}: not valid JSON at line {line}, column {column}; check the file",
        "{source}：第 {line} 行第 {column} 列不是有效的 JSON；请检查文件",
    ),
    ("{source!m}: not valid JSON; check the file", "{source}：不是有效的 JSON；请检查文件"),
    (
        "share link: the scenario in the link is damaged; copy it again",
        "分享链接：链接中的方案已损坏；请重新复制",
    ),
    # Expert overrides (core.overrides)
    (
        "scenario: an override has no 'customer_id'; name the customer",
        "方案：有一条专家调整没有客户编号（customer_id）；请写明客户",
    ),
    (
        "scenario: the override for customer {id!r} needs a reason; say why",
        "方案：客户「{id}」的专家调整需要写明理由",
    ),
    (
        "scenario: the override for customer {id!r} sets neither 'tier' nor 'rank'",
        "方案：客户「{id}」的专家调整既没有设置分组（tier）也没有设置名次（rank）",
    ),
    (
        "scenario: the override for customer {id!r} pins rank {rank}; use a whole number ≥ 1",
        "方案：客户「{id}」的专家调整把名次固定为 {rank}；请使用 ≥ 1 的整数",
    ),
    (
        "scenario: more than one override for customer(s) {ids}; keep one per customer",
        "方案：客户 {ids} 有多条专家调整；每位客户只保留一条",
    ),
    (
        "scenario: customers {a!r} and {b!r} are both pinned to rank {rank}; pin each rank once",
        "方案：客户「{a}」和「{b}」都被固定在第 {rank} 名；每个名次只能固定一位客户",
    ),
    (
        "scenario: the override for customer {id!r} moves it to tier {tier!r}, which is not a "
        "tier; use one of: {labels}",
        "方案：客户「{id}」的专家调整把它调到分组「{tier}」，但没有这个分组；可选：{labels}",
    ),
    (
        "override for customer {id!r}: rank {rank} is beyond the {m} ranked customers; "
        "placed at rank {place}",
        "客户「{id}」的专家调整：名次 {rank} 超出了参与排名的 {m} 位客户；已放在第 {place} 名",
    ),
    (
        "overrides for customer(s) not in the data, not applied: {ids}",
        "以下客户不在数据中，其专家调整未生效：{ids}",
    ),
    # The scenario store (core.store; the snapshot store shares the first two)
    (
        "{what!m} {path!r}: cannot create the folder ({error}); set {env} to a writable folder",
        "{what}「{path}」：无法创建文件夹（{error}）；请把 {env} 设为可写的文件夹",
    ),
    (
        "{what!m} {path!r}: {error}; if the file is damaged, move it away (a new one is "
        "created) or set {env} to another folder",
        "{what}「{path}」：{error}；如果文件已损坏，请把它移走（会自动新建），"
        "或把 {env} 设为其他文件夹",
    ),
    (
        "scenario store {path!r} was written by a newer version (schema {version}, this one "
        "knows {known}); update the app",
        "方案库「{path}」由更新版本的程序写入（数据版本 {version}，本程序只支持到 {known}）；"
        "请更新应用",
    ),
    (
        "scenario name {name!r}: give a name of 1 to {n} characters",
        "方案名称「{name}」：名称须为 1 到 {n} 个字符",
    ),
    (
        "no saved scenario named {name!r}; saved scenarios: {names!m}",
        "没有名为「{name}」的已保存方案；已保存的方案：{names}",
    ),
    (
        "a saved scenario is already named {name!r}; choose another name or overwrite it",
        "已有名为「{name}」的方案；请换一个名称，或选择覆盖",
    ),
    # Resource allocation (core.allocation)
    ("allocation: {what!m} is {value}; use {kind!m}", "资源配置：{what}为 {value}；请使用{kind}"),
    ("the share of tier {tier!r}", "分组「{tier}」的份额"),
    ("the minimum of tier {tier!r}", "分组「{tier}」的保底"),
    (
        "allocation: unknown unit {unit!r}; use one of: {units}",
        "资源配置：未知的单位「{unit}」；可选：{units}",
    ),
    (
        "allocation: unknown basis {basis!r}; use one of: {bases}",
        "资源配置：未知的分配依据「{basis}」；可选：{bases}",
    ),
    (
        "allocation: basis 'value' needs a 'value_column'",
        "资源配置：按数值（value）分配需要指定数值列（value_column）",
    ),
    ("allocation: the cap per customer must be more than 0", "资源配置：单个客户上限必须大于 0"),
    (
        'allocation: expected a JSON object such as {"unit": "money"}',
        '资源配置：应为 JSON 对象，例如 {"unit": "money"}',
    ),
    (
        "allocation: {name!r} must be an object: tier → number",
        "资源配置：「{name}」必须是对象：分组 → 数值",
    ),
    ("allocation: column {c!r} is not in the data", "资源配置：数据中没有列「{c}」"),
    (
        "allocation: no customer in tier(s) {tiers}; shared out to the others",
        "资源配置：分组 {tiers} 中没有客户；其份额已分给其他分组",
    ),
    (
        "allocation: the tier minimums add up to {total}, more than the budget {budget}; "
        "lower them or raise the budget",
        "资源配置：各分组保底合计 {total}，超过预算 {budget}；请降低保底或提高预算",
    ),
    (
        "allocation: no tier with customers has a share above 0",
        "资源配置：有客户的分组份额都为 0",
    ),
    (
        "allocation: there are no ranked customers to allocate to",
        "资源配置：没有已排名的客户可以分配",
    ),
    (
        "allocation: {m} customers × cap {cap} = {total} is less than the budget {budget}; "
        "raise the cap or lower the budget",
        "资源配置：{m} 位客户 × 上限 {cap} = {total}，少于预算 {budget}；请提高上限或降低预算",
    ),
    # Key-account types and the value matrix (core.key_accounts)
    (
        "key-account rules: every rule needs a type name",
        "大客户类型规则：每条规则都需要类型名称",
    ),
    (
        "key-account rules: {name!r} has {dimension!m} {value}; use a percentile between 0 and 100",
        "大客户类型规则：「{name}」的{dimension}为 {value}；请使用 0 到 100 之间的百分位",
    ),
    (
        "key-account rules: the rule table is empty; add at least one type",
        "大客户类型规则：规则表为空；请至少添加一种类型",
    ),
    ("key-account rules: type(s) listed twice: {names}", "大客户类型规则：类型重复：{names}"),
    ("key-account types: column {c!r} is not in the data", "大客户类型：数据中没有列「{c}」"),
    ("value matrix: column {c!r} is not in the data", "价值矩阵：数据中没有列「{c}」"),
    # Playbook and profitability (core.playbook, core.profitability)
    (
        "playbook: the share of resources for {label!r} is {value!r}, not a number; write a "
        "percentage such as 30",
        "各组策略：「{label}」的资源占比「{value}」不是数字；请填写百分比，例如 30",
    ),
    (
        "profitability: column {c!r} is not in the data; available columns: {columns}",
        "盈利分析：数据中没有列「{c}」；可用的列：{columns}",
    ),
    (
        "profitability: name at least one segment column (tier, region …)",
        "盈利分析：请至少指定一个细分维度列（分组、地区……）",
    ),
    (
        "profitability: segment column(s) {columns} are not in the data",
        "盈利分析：数据中没有细分维度列 {columns}",
    ),
)

SCENARIO_WORDS = {
    "scenario": "方案",
    "share link": "分享链接",
    "scenario store": "方案库",
    "snapshot store": "快照库",
    "none yet": "暂无",
    "the cap per customer": "单个客户上限",
    "the budget": "预算总量",
    "a number ≥ 0": " ≥ 0 的数",
    "a whole number ≥ 0": " ≥ 0 的整数",
    "scale": "业务规模",
    "potential": "合作潜力",
    "influence": "行业影响力",
}
