"""Text of the ahp page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "ahp.title": ("层次分析与客观权重", "AHP & objective weights"),
    "ahp.intro": (
        "两两比较因素的重要性（Saaty 1–9 标度），由判断矩阵求出权重并检验一致性；"
        "也可以从数据中计算客观权重（熵权法、CRITIC），再与当前权重融合。",
        "Compare the factors two at a time on Saaty's 1–9 scale; the judgements give weights and "
        "a consistency check. Or compute objective weights from the data (entropy, CRITIC) and "
        "blend them with the current weights.",
    ),
    "ahp.factors": ("参与比较的因素", "Factors to compare"),
    "ahp.factors_help": (
        "默认选权重最大的 6 个因素（最多 15 个）。n 个因素需要 n(n−1)/2 次比较。",
        "By default the 6 largest-weight factors (at most 15). n factors need n(n−1)/2 "
        "comparisons.",
    ),
    "ahp.others_note": (
        "已选 {n} 个因素，共 {pairs} 组比较。应用时，所选因素按层次分析结果分配它们当前的"
        "合计权重；未选的因素保持当前占比不变。",
        "{n} factors chosen, {pairs} comparisons. When applied, the chosen factors share their "
        "current combined weight by the AHP result; the factors left out keep their current "
        "share.",
    ),
    "ahp.need_two": (
        "至少选择两个因素才能两两比较。",
        "Choose at least two factors to compare them in pairs.",
    ),
    "ahp.judge_prefix": ("评审人", "Judge"),
    "ahp.judge_default": ("评审人 1", "Judge 1"),
    "ahp.new_judge": ("新增评审人", "Add a judge"),
    "ahp.new_judge_hint": ("输入姓名后按回车", "Type a name, press Enter"),
    "ahp.add_judge": ("添加", "Add"),
    "ahp.remove_judge": ("删除评审人", "Remove judge"),
    "ahp.pairs": ("两两比较 · {judge}", "Pairwise comparisons · {judge}"),
    "ahp.scale_help": (
        "滑块越靠左，左边的因素越重要；居中为同等重要。1 同等、3 稍重要、5 明显重要、"
        "7 强烈重要、9 极端重要，2、4、6、8 介于其间。",
        "The further left, the more the left factor matters; the middle means equal. 1 equal, "
        "3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 in "
        "between.",
    ),
    "ahp.equal": ("同等重要", "equal"),
    "ahp.sentence": ("{a} 比 {b} 重要 {k} 倍", "{a} is {k}× as important as {b}"),
    "ahp.equal_sentence": ("{a} 与 {b} 同等重要", "{a} and {b} are equally important"),
    "ahp.result_judge": ("结果 · {judge}", "Result · {judge}"),
    "ahp.result_combined": (
        "{n} 位评审人的综合结果（几何平均）",
        "Combined result of {n} judges (geometric mean)",
    ),
    "ahp.consistent": (
        "一致性比率 CR = {cr:.3f} < {limit:.2f}：判断基本一致。",
        "Consistency ratio CR = {cr:.3f} < {limit:.2f}: the judgements are consistent enough.",
    ),
    "ahp.inconsistent": (
        "一致性比率 CR = {cr:.3f} ≥ {limit:.2f}：判断之间相互矛盾，建议修改：",
        "Consistency ratio CR = {cr:.3f} ≥ {limit:.2f}: the judgements contradict each other. "
        "Revise:",
    ),
    "ahp.revise": (
        "- 现为「{given}」，其他判断提示应为「{suggested}」",
        '- now "{given}"; the other judgements suggest "{suggested}"',
    ),
    "ahp.use_suggestion": ("采用建议：{value}", "Use the suggestion: {value}"),
    "ahp.error": ("无法计算层次分析权重：{error}", "Cannot compute the AHP weights: {error}"),
    "ahp.col_factor": ("因素", "Factor"),
    "ahp.col_current": ("当前权重", "Current"),
    "ahp.col_ahp": ("层次分析", "AHP"),
    "ahp.col_applied": ("应用后占比", "Share once applied"),
    "ahp.col_blended": ("融合", "Blended"),
    "ahp.share": ("权重占比", "Share of weight"),
    "ahp.apply": ("应用到权重滑块", "Apply to the sliders"),
    "ahp.apply_help": (
        "把「应用后占比」写入当前方案的权重；排名随之更新。",
        "Writes the 'share once applied' into the current scenario's weights; the ranking follows.",
    ),
    "ahp.applied": ("权重已更新。", "Weights updated."),
    "ahp.objective": ("客观权重（来自数据）", "Objective weights (from the data)"),
    "ahp.objective_intro": (
        "熵权法：取值越分散的因素越能区分客户，权重越大。CRITIC：同时考虑离散程度和与其他因素的"
        "冲突（低相关）。缺失值按当前方案的策略填补。",
        "Entropy: a factor whose values are spread unevenly tells customers apart and weighs "
        "more. CRITIC: spread and conflict with the other factors (low correlation) both add "
        "weight. Missing values are filled by the scenario's policy.",
    ),
    "ahp.objective_error": (
        "无法从数据计算客观权重：{error}",
        "Cannot compute objective weights from the data: {error}",
    ),
    "ahp.constant": (
        "以下因素对所有客户取值相同，不含区分信息，客观权重为 0：{columns}",
        "These factors have the same value for every customer, carry no information and get "
        "objective weight 0: {columns}",
    ),
    "ahp.objective_method": ("客观方法", "Objective method"),
    "ahp.method.entropy": ("熵权法", "Entropy"),
    "ahp.method.critic": ("CRITIC", "CRITIC"),
    "ahp.alpha": ("主观权重占比 α", "Share of the subjective weights α"),
    "ahp.alpha_help": (
        "融合权重 = α × 当前（主观）权重 + (1 − α) × 客观权重。"
        "α = 1 只用当前权重，α = 0 只用客观权重。",
        "Blended = α × current (subjective) + (1 − α) × objective. α = 1 keeps the current "
        "weights, α = 0 uses only the objective ones.",
    ),
    "ahp.apply_blend": ("应用融合权重（α = {alpha:.2f}）", "Apply the blend (α = {alpha:.2f})"),
}
