"""Text of the sensitivity page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "sensitivity.title": ("敏感性分析", "Sensitivity"),
    "sensitivity.intro": (
        "权重本身有不确定性。蒙特卡洛模拟在当前权重附近随机抽取许多组权重并重新排名，看每位客户"
        "的排名在多大范围内波动；单因素扫描则看某个因素的权重变到多少时，头部客户会换组。",
        "Weights are uncertain. The Monte Carlo run draws many weight vectors around the current "
        "ones and re-ranks for each, showing how far every customer's rank moves; the one-factor "
        "sweep shows at which weight of one factor a top customer changes tier.",
    ),
    "sensitivity.error": (
        "无法进行敏感性分析：{error}",
        "Cannot run the sensitivity analysis: {error}",
    ),
    "sensitivity.draws": ("抽样次数", "Draws"),
    "sensitivity.draws_help": (
        "随机权重的组数。越多越精确，也越慢；1,000 次通常足够。",
        "How many random weight vectors. More is more precise and slower; 1,000 is usually enough.",
    ),
    "sensitivity.kappa": ("集中度 κ", "Concentration κ"),
    "sensitivity.kappa_help": (
        "κ 越大，随机权重越贴近当前权重（扰动越小）；κ 越小，权重变化越大。"
        "每个权重的方差为 w(1 − w)/(κ + 1)。",
        "Higher = the drawn weights stay closer to the current ones (smaller perturbation); "
        "lower = they vary more. Each weight's variance is w(1 − w)/(κ + 1).",
    ),
    "sensitivity.seed": ("随机种子", "Random seed"),
    "sensitivity.top_n": ("前 N 名", "Top N"),
    "sensitivity.run": ("运行模拟", "Run"),
    "sensitivity.running": ("模拟中…", "Simulating…"),
    "sensitivity.not_run": (
        "设置参数后点击「运行模拟」。结果会保留，直到权重或数据改变后再次运行。",
        "Set the parameters and press Run. The result is kept until you run again after the "
        "weights or the data change.",
    ),
    "sensitivity.stale": (
        "权重或数据在上次模拟后已改变，下面的结果已过时；请重新运行。",
        "The weights or the data changed since this run, so the result below is out of date; "
        "run it again.",
    ),
    "sensitivity.intervals": ("前 {n} 名的排名区间", "Rank intervals of the top {n}"),
    "sensitivity.intervals_caption": (
        "条形为 {draws} 次抽样中排名的 5%–95% 区间，圆点为中位数，"
        "红色刻度为当前排名（κ = {kappa:g}）。",
        "Bars span the 5th–95th percentile of the rank over {draws} draws, the dot is the median, "
        "the red tick the current rank (κ = {kappa:g}).",
    ),
    "sensitivity.median": ("中位排名", "Median rank"),
    "sensitivity.p_top_tier": ("留在最高组的概率", "P(top tier)"),
    "sensitivity.p_top_n": ("进入前 {n} 名的概率", "P(top {n})"),
    "sensitivity.robust": ("稳健的前 {n} 名（{k} 位）", "Robust top {n} ({k} customers)"),
    "sensitivity.robust_caption": (
        "至少 90% 的抽样中都排在前 {n} 名的客户，按稳健程度排列。",
        "Customers in the top {n} in at least 90 % of the draws, most robust first.",
    ),
    "sensitivity.robust_none": (
        "没有客户在 90% 的抽样中都排在前 {n} 名；提高 κ 或 N 试试。",
        "No customer is in the top {n} in 90 % of the draws; try a larger κ or N.",
    ),
    "sensitivity.sweep": ("单因素权重扫描", "One-factor weight sweep"),
    "sensitivity.sweep_caption": (
        "让一个因素的权重从 0% 变到 100%，其他因素保持彼此的比例；虚线为当前权重。",
        "One factor's weight goes from 0 % to 100 % while the others keep their proportions; the "
        "dashed line marks the current weight.",
    ),
    "sensitivity.sweep_need_two": (
        "扫描至少需要两个有数据的因素。",
        "A sweep needs at least two factors with values.",
    ),
    "sensitivity.factor": ("因素", "Factor"),
    "sensitivity.sweep_n": ("跟踪前 N 名", "Follow the top N"),
    "sensitivity.current_weight": (
        "{factor} 当前权重占比 {weight:.1%}。",
        "{factor} has {weight:.1%} of the weight now.",
    ),
    "sensitivity.weight_of": ("{factor} 的权重占比", "Weight of {factor}"),
    "sensitivity.below": ("降至此权重时换组", "Changes tier at (lower)"),
    "sensitivity.tier_below": ("届时分组（降低）", "Tier then (lower)"),
    "sensitivity.above": ("升至此权重时换组", "Changes tier at (higher)"),
    "sensitivity.tier_above": ("届时分组（提高）", "Tier then (higher)"),
    "sensitivity.switch_caption": (
        "离当前权重最近、客户分组发生变化的权重；“—”表示在该方向上分组不变。",
        "The nearest weight to the current one at which the customer's tier changes; — means the "
        "tier holds in that direction.",
    ),
}
