"""Text of the scenarios page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "scenarios.title": ("方案与对比", "Scenarios & comparison"),
    "scenarios.intro": (
        "把当前的权重、方法和分组保存为命名方案，随时载入；固定一个方案作为基准，排名页的 ▲▼ "
        "与它比较；并在当前数据上比较任意两个方案。",
        "Save the current weights, method and tiers as a named scenario and load it any time; "
        "pin one as the baseline the Ranking page's ▲▼ compares with; and compare any two "
        "scenarios on the current data.",
    ),
    "scenarios.save": ("保存当前方案", "Save the current scenario"),
    "scenarios.name": ("方案名称", "Scenario name"),
    "scenarios.name_hint": ("例如：2025 年价值优先", "e.g. 2025 value-focused"),
    "scenarios.overwrite": ("同名时覆盖", "Overwrite if the name exists"),
    "scenarios.save_button": ("保存", "Save"),
    "scenarios.saved": ("已保存的方案（{n}）", "Saved scenarios ({n})"),
    "scenarios.empty": (
        "还没有保存的方案。在左侧输入名称并点击「保存」（或按回车），当前的权重、方法和分组就会"
        "保存下来，之后可以载入、复制、改名或固定为基准。",
        "No saved scenarios yet. Type a name on the left and press Save (or Enter): the current "
        "weights, method and tiers are kept, to load, duplicate, rename or pin as the baseline "
        "later.",
    ),
    "scenarios.col_name": ("名称", "Name"),
    "scenarios.col_updated": ("更新时间 (UTC)", "Updated (UTC)"),
    "scenarios.col_method": ("方法", "Method"),
    "scenarios.col_factors": ("因素数", "Factors"),
    "scenarios.col_pinned": ("基准", "Baseline"),
    "scenarios.pick": ("选择方案", "Scenario"),
    "scenarios.load": ("载入", "Load"),
    "scenarios.pin": ("设为基准", "Pin as baseline"),
    "scenarios.pin_help": (
        "排名页的「变化」列将与这个方案比较；重新打开应用后仍然有效。",
        "The Ranking page's change column compares with this scenario; it stays pinned after a "
        "restart.",
    ),
    "scenarios.unpin": ("取消基准", "Unpin"),
    "scenarios.delete": ("删除", "Delete"),
    "scenarios.confirm_delete": (
        "确定删除方案「{name}」？此操作无法撤销。",
        'Delete the scenario "{name}"? This cannot be undone.',
    ),
    "scenarios.confirm_yes": ("确定删除", "Yes, delete"),
    "scenarios.confirm_no": ("取消", "Cancel"),
    "scenarios.new_name": ("新名称（改名或复制）", "New name (rename or duplicate)"),
    "scenarios.rename": ("改名", "Rename"),
    "scenarios.duplicate": ("复制为新方案", "Duplicate"),
    "scenarios.done.save": ("已保存方案「{name}」。", 'Saved "{name}".'),
    "scenarios.done.load": ("已载入方案「{name}」。", 'Loaded "{name}".'),
    "scenarios.done.rename": ("已改名为「{name}」。", 'Renamed to "{name}".'),
    "scenarios.done.duplicate": ("已复制为「{name}」。", 'Duplicated as "{name}".'),
    "scenarios.done.delete": ("已删除方案「{name}」。", 'Deleted "{name}".'),
    "scenarios.done.pin": ("「{name}」已设为基准。", '"{name}" is now the baseline.'),
    "scenarios.done.unpin": ("已取消基准。", "No baseline pinned now."),
    "scenarios.store_error": ("方案库出错：{error}", "Scenario store: {error}"),
    "scenarios.compare": ("比较两个方案", "Compare two scenarios"),
    "scenarios.current": ("当前方案", "Current scenario"),
    "scenarios.equal": ("平均权重", "Equal weights"),
    "scenarios.top_n": ("前 N 名", "Top N"),
    "scenarios.compare_error": (
        "无法在当前数据上计算该方案：{error}",
        "Cannot rank this scenario on the current data: {error}",
    ),
    "scenarios.spearman": ("Spearman ρ", "Spearman ρ"),
    "scenarios.spearman_help": (
        "两个排名的秩相关：1 = 完全相同，0 = 无关，−1 = 完全相反。",
        "Rank correlation of the two rankings: 1 = identical, 0 = unrelated, −1 = reversed.",
    ),
    "scenarios.kendall": ("Kendall τ", "Kendall τ"),
    "scenarios.kendall_help": (
        "任取两位客户，两个方案给出相同先后顺序的程度（τ-b，考虑并列）。",
        "How often two customers are in the same order under both scenarios (τ-b, with ties).",
    ),
    "scenarios.overlap": ("前 {n} 名重合", "Top {n} overlap"),
    "scenarios.common": ("共同客户", "Customers in both"),
    "scenarios.migration": ("分组迁移", "Tier migration"),
    "scenarios.migration_caption": (
        "行：在 A 中的分组；列：在 B 中的分组；对角线为未变的客户。",
        "Rows: tier in A; columns: tier in B; the diagonal holds the customers who stayed.",
    ),
    "scenarios.customers": ("客户数", "Customers"),
    "scenarios.movers": ("变动最大的客户", "Biggest movers"),
    "scenarios.no_movers": (
        "两个方案的排名完全相同。",
        "Both scenarios rank every customer alike.",
    ),
    "scenarios.rank_a": ("A 排名", "Rank in A"),
    "scenarios.rank_b": ("B 排名", "Rank in B"),
    "scenarios.tier_a": ("A 分组", "Tier in A"),
    "scenarios.tier_b": ("B 分组", "Tier in B"),
    "scenarios.slope": ("前 {n} 名的排名变化", "Rank change of the top {n}"),
    "scenarios.slope_caption": (
        "A 或 B 的前 N 名客户；蓝线在 B 中上升，红线下降。",
        "Customers in the top N of A or B; blue lines rise in B, red ones fall.",
    ),
}
