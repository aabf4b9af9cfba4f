"""Chinese for the messages about weights (see :mod:`core.messages`).

AHP pairwise matrices and judges, objective weights (entropy, CRITIC) and blending, group
consensus and sensitivity analysis.
"""

WEIGHTS: tuple[tuple[str, str], ...] = (
    # AHP (core.ahp)
    (
        "AHP needs between 1 and {most} criteria, got {n}; group the factors into dimensions "
        "and compare within each.",
        "层次分析需要 1 到 {most} 个因素，实际为 {n} 个；请把因素按维度分组，在每组内比较。",
    ),
    ("Pairwise matrix: not a table of numbers ({error}).", "判断矩阵：不是数字表格（{error}）。"),
    (
        "Pairwise matrix: must be square with one row and one column per criterion, "
        "got shape {shape}.",
        "判断矩阵：必须是方阵，每个因素一行一列；实际形状为 {shape}。",
    ),
    (
        "Pairwise matrix: {n} rows but {k} criterion names.",
        "判断矩阵：有 {n} 行，却有 {k} 个因素名称。",
    ),
    (
        "{where!m}: {v!r} is not a positive number; use 1/9 … 9.",
        "{where}：{v} 不是正数；请使用 1/9 … 9。",
    ),
    (
        "{where!m}: {v!r} is outside Saaty's scale 1/9 … 9.",
        "{where}：{v} 超出 Saaty 标度 1/9 … 9。",
    ),
    (
        "{where!m}: the diagonal must be 1 (a criterion equals itself).",
        "{where}：对角线必须为 1（因素与自身同等重要）。",
    ),
    (
        "{where!m}: {v!r} and its mirror {mirror!m} = {w!r} are not reciprocal; the mirror "
        "should be {fraction}.",
        "{where}：{v} 与对称位置（{mirror}）的 {w} 不互为倒数；对称位置应为 {fraction}。",
    ),
    (
        '{where!m}: "{text}" is not a positive number; write an integer, a decimal or a '
        "fraction like 1/3.",
        "{where}：「{text}」不是正数；请填写整数、小数或分数（如 1/3）。",
    ),
    (
        "Combine judges: no pairwise matrices given; add at least one judge.",
        "综合评审：没有判断矩阵；请至少添加一位评审人。",
    ),
    (
        "Judge {k}: matrix is {n}×{n} but judge 1 compared {m} criteria; all judges must "
        "compare the same ones.",
        "评审人 {k}：矩阵为 {n}×{n}，但评审人 1 比较了 {m} 个因素；所有评审人必须比较相同的因素。",
    ),
    ("Judge {k}: {error!m}", "评审人 {k}：{error}"),
    (
        "Pairwise judgements: need at least one criterion, got n = {n}.",
        "两两比较：至少需要一个因素，实际 n = {n}。",
    ),
    (
        "Pairwise judgements: pair ({i}, {j}) is not two different criteria 0…{last}.",
        "两两比较：({i}, {j}) 不是 0…{last} 中两个不同的因素。",
    ),
    (
        "Pairwise judgements: pair ({i}, {j}) is given twice; keep one.",
        "两两比较：({i}, {j}) 这一对给出了两次；请只保留一个。",
    ),
    (
        "Pairwise judgements: no judgement for pair(s) {pairs}; add them.",
        "两两比较：{pairs} 尚未比较；请补上。",
    ),
    (
        "{label!m}: needs a header row of criterion names and one row per criterion.",
        "{label}：需要一行因素名称作为表头，且每个因素占一行。",
    ),
    (
        "{label!m}: criterion names in the header must be unique and non-empty.",
        "{label}：表头中的因素名称必须唯一且不能为空。",
    ),
    (
        "{label!m}: the first column must list {names} in the header's order, got {rows}.",
        "{label}：第一列必须按表头的顺序列出 {names}，实际为 {rows}。",
    ),
    (
        '{label!m}, row "{name}": expected {n} values, one per criterion, got {k}.',
        "{label}「{name}」行：应有 {n} 个值（每个因素一个），实际为 {k} 个。",
    ),
    (
        '{label!m}, row "{a}", column "{b}": empty, and so is its mirror; fill one of them.',
        "{label}「{a}」行「{b}」列：为空，对称位置也为空；请填写其中一个。",
    ),
    ("{label!m}: cannot be read ({error}).", "{label}：无法读取（{error}）。"),
    (
        "{label!m}: not UTF-8 or GB18030 text; save it as CSV UTF-8.",
        "{label}：不是 UTF-8 或 GB18030 编码的文本；请另存为 CSV UTF-8。",
    ),
    # Where a pairwise judgement is: phrases inside the messages above
    ('Pairwise matrix, row "{a}", column "{b}"', "判断矩阵「{a}」行「{b}」列"),
    ("Pairwise matrix, row {i}, column {j}", "判断矩阵第 {i} 行第 {j} 列"),
    ('row "{a}", column "{b}"', "「{a}」行「{b}」列"),
    ("row {i}, column {j}", "第 {i} 行第 {j} 列"),
    ('pairwise CSV, row "{a}", column "{b}"', "判断矩阵 CSV「{a}」行「{b}」列"),
    ('file {name!r}, row "{a}", column "{b}"', "文件「{name}」「{a}」行「{b}」列"),
    ("Pairwise judgements, pair ({i}, {j})", "两两比较 ({i}, {j})"),
    ("file {name!r}", "文件「{name}」"),
    # Objective weights and blending (core.weights)
    (
        "Blend: the share of subjective weights must be between 0 and 1, got {alpha}.",
        "融合：主观权重占比必须在 0 到 1 之间，实际为 {alpha}。",
    ),
    (
        "Blend: {s} subjective weights but {o} objective weights; both must cover the same "
        "factors.",
        "融合：有 {s} 个主观权重，却有 {o} 个客观权重；两者必须对应相同的因素。",
    ),
    ("Weights: {w} is not a list of numbers.", "权重：{w} 不是数字列表。"),
    (
        "Weights: weight {k} is {v}; every weight must be a number ≥ 0.",
        "权重：第 {k} 个权重为 {v}；每个权重都必须是 ≥ 0 的数。",
    ),
    (
        "Weights: all weights are zero; give at least one factor a weight > 0.",
        "权重：所有权重都为零；请至少给一个因素大于 0 的权重。",
    ),
    (
        "{method!m}: expected a table of customers × factors, got {shape}.",
        "{method}：应为客户 × 因素的表格，实际形状为 {shape}。",
    ),
    (
        "{method!m}: {n} factor columns but {k} directions; give one direction (benefit or "
        "cost) per factor.",
        "{method}：有 {n} 个因素列，却有 {k} 个方向；"
        "请为每个因素给出一个方向（越高越好或越低越好）。",
    ),
    (
        "{method!m}: {n} factor columns but {k} names.",
        "{method}：有 {n} 个因素列，却有 {k} 个名称。",
    ),
    (
        "{method!m}: factor {f} has missing or infinite values; fill or drop them before "
        "computing weights.",
        "{method}：因素 {f} 有缺失值或无穷大值；计算权重前请填补或删除。",
    ),
    (
        "{method!m}: every factor has the same value for all customers, so the data cannot say "
        "which matters more; use more customers or set the weights by hand.",
        "{method}：每个因素对所有客户取值都相同，数据无法区分哪个更重要；"
        "请使用更多客户，或手动设定权重。",
    ),
    (
        "CRITIC weights: {factors} are perfectly correlated, so CRITIC cannot tell them apart; "
        "their weights follow their standard deviations instead.",
        "CRITIC 权重：{factors} 完全相关，CRITIC 无法区分它们；改按各自的标准差分配权重。",
    ),
    (
        "Factor {f} has the same value for every customer, so it carries no information and "
        "gets weight 0.",
        "因素 {f} 对所有客户取值相同，不含区分信息，权重为 0。",
    ),
    # Group consensus (core.consensus)
    (
        "consensus method {m!r} is unknown; use one of: {allowed}",
        "未知的共识方法「{m}」；可选：{allowed}",
    ),
    (
        "consensus: every factor has a zero weight from someone, so the geometric mean is zero "
        "everywhere; use the mean or the median",
        "共识：每个因素都有人给了零权重，几何平均处处为零；请改用平均值或中位数",
    ),
    # Sensitivity (core.sensitivity)
    (
        "sensitivity: draws ({draws}) must be ≥ 1 and κ ({kappa}) > 0; a larger κ keeps the "
        "draws closer to the current weights",
        "敏感性分析：抽样次数（{draws}）必须 ≥ 1，κ（{kappa}）必须 > 0；κ 越大，抽样越贴近当前权重",
    ),
    (
        "sensitivity: {m} customers × {draws} draws is too much to hold; use at most {most} draws",
        "敏感性分析：{m} 位客户 × {draws} 次抽样，数据量过大；最多抽样 {most} 次",
    ),
    (
        "sensitivity: {c!r} is not a factor; use one of {columns}",
        "敏感性分析：「{c}」不是因素；可选：{columns}",
    ),
    (
        "sensitivity: a sweep needs at least 2 factors and 2 grid points",
        "敏感性分析：扫描至少需要 2 个因素和 2 个网格点",
    ),
)

WEIGHTS_WORDS = {
    "pairwise CSV": "判断矩阵 CSV",
    "Entropy weights": "熵权法",
    "CRITIC weights": "CRITIC 权重",
}
