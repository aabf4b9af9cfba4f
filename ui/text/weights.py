"""Text of the weights page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "weights.title": ("权重", "Weights"),
    "weights.intro": (
        "拖动滑块设定每个因素的相对权重；标签中的百分比是它占全部权重的比例，右侧排名即时更新。",
        "Move a slider to set a factor's relative weight; the percentage is its share of the "
        "total, and the ranking on the right updates at once.",
    ),
    "weights.presets": ("预设", "Presets"),
    "weights.preset.equal": ("平均", "Equal"),
    "weights.preset.value": ("价值优先", "Value-focused"),
    "weights.preset.growth": ("增长优先", "Growth-focused"),
    "weights.preset.relationship": ("关系优先", "Relationship-focused"),
    "weights.preset.rfm": ("经典 RFM", "Classic RFM"),
    "weights.preset.risk_averse": ("风险规避", "Risk-averse"),
    "weights.preset_help.equal": ("每个因素权重相同。", "Every factor weighs the same."),
    "weights.preset_help.value": (
        "销售额与利润最高，其次利润率与购买频率。",
        "Revenue and profit highest, then profit rate and frequency.",
    ),
    "weights.preset_help.growth": (
        "增长潜力、市场影响力、战略协同度最高。",
        "Growth, market influence and strategic fit highest.",
    ),
    "weights.preset_help.relationship": (
        "满意度、推荐意愿、回购率最高。",
        "Satisfaction, NPS and repurchase rate highest.",
    ),
    "weights.preset_help.rfm": (
        "只用最近购买、购买频率、销售额，其他因素为 0。",
        "Recency, frequency and revenue only; every other factor 0.",
    ),
    "weights.preset_help.risk_averse": (
        "信用风险与流失风险（投诉）最高，并看重利润。",
        "Credit risk and churn risk (complaints) highest, plus profit.",
    ),
    "weights.preset_other": (
        "预设未提到的因素取小权重 10（经典 RFM 取 0）。",
        "Factors a preset does not name get a small weight of 10 (0 in classic RFM).",
    ),
    "weights.preset_error": ("无法应用预设：{error}", "Cannot apply the preset: {error}"),
    "weights.reset": ("重置为平均权重", "Reset to equal weights"),
    "weights.sliders": ("各因素权重", "Factor weights"),
    "weights.settings": ("方法与归一化", "Method and normalisation"),
    "weights.method": ("打分方法", "Scoring method"),
    "weights.method_help": (
        "加权求和：各因素归一化后按权重相加（0–100）。TOPSIS：与理想客户、最差客户的距离之比。",
        "Weighted sum: normalised factors added by weight (0–100). TOPSIS: closeness to the "
        "ideal customer versus the worst one.",
    ),
    "weights.normalize": ("归一化（全部因素）", "Normalisation (all factors)"),
    "weights.normalize_mixed": ("各因素不同", "differs by factor"),
    "weights.normalize_each": ("按因素设置归一化", "Normalisation per factor"),
    "weights.normalize_help": (
        "最小–最大：线性缩放到 0–1；百分位：按排名，适合偏态金额；Z 分数：标准化后截断；"
        "对数：先取对数再最小–最大。TOPSIS 使用自身的向量归一化。",
        "Min–max: linear to 0–1; percentile: by rank, good for skewed money figures; z-score: "
        "standardised and clipped; log: log first, then min–max. TOPSIS uses its own vector "
        "normalisation.",
    ),
    "weights.norm.minmax": ("最小–最大", "Min–max"),
    "weights.norm.percentile": ("百分位", "Percentile"),
    "weights.norm.zscore": ("Z 分数", "Z-score"),
    "weights.norm.log": ("对数", "Log"),
    "weights.topsis_note": (
        "TOPSIS 不使用这里的归一化设置。",
        "TOPSIS does not use the normalisation set here.",
    ),
    "weights.missing": ("缺失值处理", "Missing values"),
    "weights.missing.median": ("用中位数填补", "Fill with the median"),
    "weights.missing.worst": ("按最差值处理", "Treat as the worst value"),
    "weights.missing.skip": ("跳过该因素（重新分配权重）", "Skip the factor (reweight)"),
    "weights.missing_help": (
        "某客户缺少某因素的值时如何处理。",
        "What to do when a customer has no value for a factor.",
    ),
    "weights.top": ("当前权重下的前 {n} 名", "Top {n} under these weights"),
    "weights.chart": ("权重分布", "Weight shares"),
    "weights.share": ("占比", "Share"),
    "weights.dimension": ("维度", "Dimension"),
}
