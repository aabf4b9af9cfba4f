"""中文 catalogue: message id → template (the same ids and fields as :mod:`core.i18n.en`)."""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}：{message}",
    # Loading a scenario (core.scenario_io)
    "scenario_io.file": "方案文件「{path}」",
    "scenario_io.unreadable": "{file}：无法读取（{reason}）",
    # Scenario schema (core.scenario_schema): version, unknown fields, tier keys
    "scenario_schema.bad_version": "方案：'schema_version' 为 {value!r}，应为 ≥ 1 的整数",
    "scenario_schema.newer_version": (
        "方案：格式版本 {version} 比本程序支持的（{known}）更新；不认识的字段将被忽略"
    ),
    "scenario_schema.tier_keys": (
        "方案：分组键 {written!r} 与分组不符，应为 {expected}（键由分组方式和组数决定）"
    ),
    "scenario_schema.unknown": "方案：未知字段 {field!r}，已忽略",
    "scenario_schema.unknown_hint": "方案：未知字段 {field!r}，已忽略；是否想写 {suggestion!r}？",
    # Scenario rules in the CLI (core.cli_rules): key-account types, allocation
    "scenario_rules.allocation": "资源配置：预算 {budget:g}（{unit}）；{tiers}",
    "scenario_rules.no_columns": (
        "大客户规则：缺少规模、潜力或影响力对应的列；请在方案中设置 'scale_column'、"
        "'potential_column' 和 'influence_column'"
    ),
    # Typed scenario fields (core.account_rules, core.allocation_policy)
    "account_rules.column": "大客户规则：{field!r} 应为列名",
    "account_rules.expected": "大客户规则：应为规则列表，或带 'rules' 的对象",
    "account_rules.not_a_list": "大客户规则：'rules' 应为规则对象的列表",
    "account_rules.not_an_object": '大客户规则：每条规则应为对象，例如 {{"name": "strategic"}}',
    "account_rules.wrong_type": "大客户规则：有字段的类型不对",
    "allocation_policy.wrong_type": "资源配置：有字段的类型不对",
}
