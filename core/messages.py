"""Chinese for the core's most common messages (the core and the CLI speak English).

Each entry is an English pattern (matched whole) and its Chinese template; the template's
``{names}`` are the pattern's named groups, and :data:`VOCABULARY` translates single words a
group may hold. A message without an entry is shown as it is. The app and the client report
show core messages through :func:`localize`.
"""

import re

MESSAGES: tuple[tuple[str, str], ...] = (
    # Ranking notes (core.ranking)
    (
        r"column '(?P<c>.+)': (?P<n>\d+) missing value\(s\) filled with the column median",
        "列「{c}」：{n} 个缺失值已用该列中位数填补",
    ),
    (
        r"column '(?P<c>.+)': (?P<n>\d+) missing value\(s\) filled with the column's worst value",
        "列「{c}」：{n} 个缺失值已按该列最差值处理",
    ),
    (
        r"column '(?P<c>.+)': (?P<n>\d+) missing value\(s\) left out for those customers "
        r"\(their weights renormalised\)",
        "列「{c}」：{n} 个缺失值，这些客户不计该因素（其余权重重新分配）",
    ),
    (
        r"column '(?P<c>.+)' has the same value for every customer; it adds the same to everyone "
        r"and does not change the order",
        "列「{c}」所有客户取值相同：对每位客户加分相同，不影响排序",
    ),
    (
        r"column '(?P<c>.+)' has no values; it is left out of the score",
        "列「{c}」没有任何值，不参与评分",
    ),
    (
        r"column '(?P<c>.+)': infinite value\(s\) in row\(s\) (?P<rows>.+) treated as missing",
        "列「{c}」：第 {rows} 行的无穷大值按缺失处理",
    ),
    # Excluded rows (core.ranking)
    (r"missing customer ID in column '(?P<c>.+)'", "列「{c}」中缺少客户编号"),
    (
        r"duplicate customer ID '(?P<id>.+)' \(first seen in row (?P<row>\d+)\); "
        r"only the first row is ranked",
        "客户编号「{id}」重复（首次出现在第 {row} 行），只对第一行排序",
    ),
    (r"no value for any factor", "所有因素都没有值"),
    # Ingest (core.ingest)
    (
        r"(?P<f>.+?): column (?P<c>.+?): (?P<n>\d+) value\(s\) could not be read as "
        r"(?P<kind>numbers|dates|percentages) and are now missing \((?P<ex>.+)\)",
        "{f}：列「{c}」有 {n} 个值无法识别为{kind}，已按缺失处理（{ex}）",
    ),
    (
        r"(?P<f>.+?): column (?P<c>.+?): (?P<n>\d+) value\(s\) start with = \+ - or @ "
        r"\((?P<ex>.+)\); kept as plain text, never evaluated",
        "{f}：列「{c}」有 {n} 个值以 = + - 或 @ 开头（{ex}），按纯文本保存，不会作为公式执行",
    ),
    (r"(?P<f>.+?): column (?P<c>.+) has no values", "{f}：列「{c}」没有任何值"),
    (
        r"(?P<f>.+?): skipped (?P<n>\d+) empty row\(s\) \(row (?P<rows>.+)\)",
        "{f}：跳过 {n} 个空行（第 {rows} 行）",
    ),
    (
        r"(?P<f>.+?) is empty: no header and no rows; export the sheet again with a header row",
        "{f} 是空文件：没有表头也没有数据；请带表头重新导出",
    ),
    (
        r"(?P<f>.+?) has a header row but no data rows; add the customer rows below the header",
        "{f} 只有表头没有数据行；请在表头下方添加客户数据",
    ),
    (
        r"(?P<f>.+?) does not look like a text table \(binary content\); upload a CSV, XLSX or "
        r"Parquet file, or open it in Excel and save it as \.xlsx or CSV",
        "{f} 不是文本表格（二进制内容）；请上传 CSV、XLSX 或 Parquet 文件，"
        "或在 Excel 中另存为 .xlsx 或 CSV",
    ),
    (
        r"(?P<f>.+?): found only one column \(no comma, semicolon, tab or \| between values\); "
        r"if the file should have several columns, export it again as CSV",
        "{f}：只找到一列（值之间没有逗号、分号、制表符或 |）；如果文件应有多列，请重新导出为 CSV",
    ),
    (
        r"(?P<f>.+?): no sheet named '(?P<s>.+)'; available sheets: (?P<names>.+)",
        "{f}：没有名为「{s}」的工作表；可用的工作表：{names}",
    ),
    # Scenario (core.scenario)
    (
        r"scenario: column '(?P<c>.+)' is not in the data; available columns: (?P<cols>.+)",
        "方案：数据中没有列「{c}」；可用的列：{cols}",
    ),
    (
        r"(?P<src>.+?): not valid JSON at line (?P<l>\d+), column (?P<c>\d+); check the file",
        "{src}：第 {l} 行第 {c} 列不是有效的 JSON；请检查文件",
    ),
    (
        r"scenario: unknown (?P<what>.+?) '(?P<v>.*)'; use one of: (?P<allowed>.+)",
        "方案：未知的{what}「{v}」；可选：{allowed}",
    ),
    (
        r"scenario: factor '(?P<c>.+)' has a negative or invalid weight \((?P<w>.+)\); "
        r"weights must be numbers ≥ 0",
        "方案：因素「{c}」的权重为负或无效（{w}）；权重必须是 ≥ 0 的数",
    ),
    (
        r"scenario: missing required field '(?P<f>.+)'",
        "方案：缺少必填字段「{f}」",
    ),
    (
        r"scenario: tier shares (?P<s>.+) must be ≥ 0 and add up to 1",
        "方案：分组比例 {s} 必须 ≥ 0 且合计为 1",
    ),
    (
        r"scenario: all factor weights are zero; give at least one factor a positive weight",
        "方案：所有因素权重都为零；请至少给一个因素正权重",
    ),
    (
        r"share link: the scenario in the link is damaged; copy it again",
        "分享链接：链接中的方案已损坏；请重新复制",
    ),
    (
        r"no customer can be ranked: every row was excluded \(see the excluded rows and their "
        r"reasons\)",
        "没有可排序的客户：所有行都被排除（见排除行及原因）",
    ),
)

VOCABULARY = {
    "numbers": "数字",
    "dates": "日期",
    "percentages": "百分比",
    "method": "方法",
    "missing-value policy": "缺失值处理方式",
    "tier scheme": "分组方式",
}

_COMPILED = tuple((re.compile(pattern), template) for pattern, template in MESSAGES)


def localize(message: object, lang: str) -> object:
    """A core message (English) in ``lang``: Chinese when :data:`MESSAGES` knows it."""
    if lang != "zh" or not isinstance(message, str):
        return message
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found:
            parts = {k: VOCABULARY.get(v, v) for k, v in found.groupdict().items()}
            return template.format(**parts)
    return message
