"""Text of the groups page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "groups.title": ("客户分组与策略", "Customer groups and strategies"),
    "groups.caption": (
        "选择分组方式，查看各组的客户数、收入与得分，并为每组制定差异化策略。",
        "Choose how to group customers, see each group's size, revenue and scores, and give "
        "each group its own strategy.",
    ),
    "groups.scheme_title": ("分组方式", "Grouping scheme"),
    "groups.scheme": ("方式", "Scheme"),
    "groups.scheme_share": ("按排名比例", "Shares of the ranking"),
    "groups.scheme_threshold": ("按得分阈值", "Score thresholds"),
    "groups.scheme_abc": ("ABC 分类（二八法则）", "ABC (Pareto 80/20)"),
    "groups.scheme_quadrant": ("价值 × 潜力矩阵", "Value × potential matrix"),
    "groups.help_share": (
        "排名最前的一定比例客户归入第一组，依此类推；比例之和须为 100%。",
        "The top share of the ranking goes to the first group, and so on; shares must add up "
        "to 100 %.",
    ),
    "groups.help_threshold": (
        "得分不低于第一个阈值的归入第一组，依此类推；其余归入最后一组。",
        "Customers scoring at least the first threshold go to the first group, and so on; the "
        "rest go to the last group.",
    ),
    "groups.help_abc": (
        "按价值列从大到小累计：累计占比达到第一个分界点之前为 A 类，其次为 B 类，其余为 C 类。",
        "Sorted by the value column, largest first: customers before the first cut-off of "
        "the cumulative share are A, then B up to the second cut-off, the rest C.",
    ),
    "groups.help_quadrant": (
        "以两列的中位数为界：高价值高潜力为战略型，低价值高潜力为高潜力型，高价值低潜力为"
        "基础型，其余为低效型。",
        "Split at both columns' medians: high value and potential = strategic, low value and "
        "high potential = high potential, high value and low potential = basic, the rest = "
        "low efficiency.",
    ),
    "groups.count": ("组数", "Number of groups"),
    "groups.label": ("第 {n} 组名称", "Name of group {n}"),
    "groups.new_label": ("第 {n} 组", "Group {n}"),
    "groups.share": ("{label} 占比 %", "{label} share %"),
    "groups.threshold": ("{label} 最低得分", "{label} minimum score"),
    "groups.apply": ("应用", "Apply"),
    "groups.shares_total": (
        "各组占比之和为 {total:g}%，须为 100%：请调整后再应用。",
        "The shares add up to {total:g} %; they must add up to 100 %. Adjust them and apply again.",
    ),
    "groups.thresholds_order": (
        "阈值须从高到低排列（第一组的最低得分最高）。",
        "Thresholds must go from high to low (the first group needs the highest score).",
    ),
    "groups.invalid": ("该设置无法使用：{error}", "That setting cannot be used: {error}"),
    "groups.value_column": ("价值列", "Value column"),
    "groups.potential_column": ("潜力列", "Potential column"),
    "groups.cuts": ("ABC 分界点（累计占比 %）", "ABC cut-offs (cumulative share %)"),
    "groups.no_numbers": (
        "数据中没有数值列，无法使用此分组方式；请选择其他方式。",
        "The data has no numeric column for this scheme; choose another scheme.",
    ),
    "groups.summary_title": ("分组概况", "Tier summary"),
    "groups.pareto_title": ("帕累托曲线（二八法则）", "Pareto curve (80/20)"),
    "groups.pareto_caption": (
        "{column}：前 {top:.0%} 的客户贡献 80%；虚线为 ABC 分界点。",
        "{column}: the top {top:.0%} of customers make 80 %; dashed lines are the ABC cut-offs.",
    ),
    "groups.pareto_customers": ("客户累计占比", "Cumulative share of customers"),
    "groups.pareto_value": ("{column} 累计占比", "Cumulative share of {column}"),
    "groups.no_value": (
        "没有收入或利润列：映射一个金额列后可查看帕累托曲线。",
        "No revenue or profit column: map a money column to see the Pareto curve.",
    ),
    "groups.axis_score": ("得分", "Score"),
    "groups.axis_count": ("客户数", "Customers"),
    "groups.axis_tier": ("分组", "Group"),
    "groups.axis_name": ("客户", "Customer"),
    "groups.matrix_title": ("价值 × 潜力", "Value × potential"),
    "groups.matrix_caption": (
        "每个点是一位客户；虚线为两列的中位数。横轴为对数刻度。",
        "Each dot is a customer; dashed lines are the medians. The horizontal axis is logarithmic.",
    ),
    "groups.matrix_missing": (
        "需要两个数值列（价值与潜力）才能画出矩阵。",
        "The matrix needs two numeric columns (value and potential).",
    ),
    "groups.playbook_title": ("每组策略", "Strategy per group"),
    "groups.playbook_caption": (
        "默认策略来自客户分级管理的常见做法，可直接修改；保存后随方案一起导出和分享。",
        "Defaults follow common key-account practice; edit them freely. Saved strategies "
        "travel with the scenario (export and share links).",
    ),
    "groups.card_stats": (
        "{customers} 位客户 · 占客户 {share:.0%}",
        "{customers} customers · {share:.0%} of customers",
    ),
    "groups.card_revenue": (" · 占收入 {share:.0%}", " · {share:.0%} of revenue"),
    "groups.save": ("保存策略", "Save strategy"),
    "groups.reset": ("恢复默认策略", "Restore default strategies"),
    "groups.resources_total": (
        "各组资源占比之和为 {total:g}%，而不是 100%。",
        "The groups' shares of resources add up to {total:g} %, not 100 %.",
    ),
    "groups.field_service_level": ("服务水平", "Service level"),
    "groups.field_contact_frequency": ("联系频率", "Contact frequency"),
    "groups.field_account_team": ("客户团队", "Account team"),
    "groups.field_marketing": ("营销策略", "Marketing"),
    "groups.field_resources": ("资源占比 %", "Share of resources (%)"),
    "groups.field_kpis": ("关键指标", "KPIs"),
}
