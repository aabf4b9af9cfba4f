"""English catalogue: message id → template (``str.format`` fields, same names in every language).

English is the core's own language: ``str()`` of every Message is its English text, which is the
CLI's public contract. Keep ids grouped by area and sorted within an area.
"""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}: {message}",
    # Loading a scenario (core.scenario_io)
    "scenario_io.file": "scenario file {path!r}",
    "scenario_io.unreadable": "{file}: cannot read it ({reason})",
    # Scenario schema (core.scenario_schema): version, unknown fields, tier keys
    "scenario_schema.bad_version": (
        "scenario: 'schema_version' is {value!r}; it must be a whole number ≥ 1"
    ),
    "scenario_schema.newer_version": (
        "scenario: schema version {version} is newer than this program's ({known}); "
        "fields it does not know are ignored"
    ),
    "scenario_schema.tier_keys": (
        "scenario: tier keys {written!r} do not match the tiers; expected {expected} "
        "(keys follow the scheme and the number of tiers)"
    ),
    "scenario_schema.unknown": "scenario: unknown field {field!r} is ignored",
    "scenario_schema.unknown_hint": (
        "scenario: unknown field {field!r} is ignored; did you mean {suggestion!r}?"
    ),
    # Scenario rules in the CLI (core.cli_rules): key-account types, allocation
    "scenario_rules.allocation": "allocation: budget {budget:g} ({unit}); {tiers}",
    "scenario_rules.no_columns": (
        "key-account rules: no column for scale, potential or influence; set 'scale_column', "
        "'potential_column' and 'influence_column' in the scenario"
    ),
    # Typed scenario fields (core.account_rules, core.allocation_policy)
    "account_rules.column": "key-account rules: {field!r} must name a column",
    "account_rules.expected": (
        "key-account rules: expected a list of rules or an object with 'rules'"
    ),
    "account_rules.not_a_list": "key-account rules: 'rules' must be a list of rule objects",
    "account_rules.not_an_object": (
        'key-account rules: each rule must be an object such as {{"name": "strategic"}}'
    ),
    "account_rules.wrong_type": "key-account rules: a field has the wrong type",
    "allocation_policy.wrong_type": "allocation: a field has the wrong type",
}
