"""Chinese for the messages about reading a table and ranking it (see :mod:`core.messages`).

Ingest and parsing notes, the column mapping, ranking notes and excluded rows, presets,
explanations and exports.
"""

DATA: tuple[tuple[str, str], ...] = (
    # Reading a file (core.ingest)
    ("{f}: file not found at {path}; check the path", "{f}：找不到文件 {path}；请检查路径"),
    ("{f}: cannot read the file ({error})", "{f}：无法读取文件（{error}）"),
    (
        "{f} is really a {kind} file; read it as {kind}",
        "{f} 实际上是 {kind} 文件，已按 {kind} 读取",
    ),
    ("{f} has no sheets; ignored sheet '{s}'", "{f} 没有工作表；已忽略指定的工作表「{s}」"),
    ("{f}, sheet '{s}'", "{f} 的工作表「{s}」"),
    (
        "{f!m} is empty: no header and no rows; export the sheet again with a header row",
        "{f} 是空的：没有表头也没有数据；请带表头重新导出",
    ),
    (
        "{f} has a header row but no data rows; add the customer rows below the header",
        "{f} 只有表头没有数据行；请在表头下方添加客户数据",
    ),
    (
        "{f} does not look like a text table (binary content); upload a CSV, XLSX or Parquet "
        "file, or open it in Excel and save it as .xlsx or CSV",
        "{f} 不是文本表格（二进制内容）；请上传 CSV、XLSX 或 Parquet 文件，"
        "或在 Excel 中另存为 .xlsx 或 CSV",
    ),
    (
        "{f}: cannot work out the text encoding; save it again as 'CSV UTF-8'",
        "{f}：无法识别文本编码；请另存为「CSV UTF-8」格式",
    ),
    (
        "{f}: found only one column (no comma, semicolon, tab or | between values); "
        "if the file should have several columns, export it again as CSV",
        "{f}：只找到一列（值之间没有逗号、分号、制表符或 |）；如果文件应有多列，请重新导出为 CSV",
    ),
    (
        "{f}: cannot split the file into columns ({error}); export it again",
        "{f}：无法把文件拆分成列（{error}）；请重新导出",
    ),
    (
        "{f}: line {line} has {seen} fields but the header has {expected}; a value probably "
        "contains an unquoted {sign!m}: put quotes around it or export the file again",
        "{f}：第 {line} 行有 {seen} 个字段，表头却有 {expected} 个；可能某个值含有未加引号的"
        "{sign}：请给它加上引号，或重新导出文件",
    ),
    (
        "{f}: cannot open the workbook ({error}); open it in Excel and save it again as .xlsx",
        "{f}：无法打开工作簿（{error}）；请在 Excel 中打开并另存为 .xlsx",
    ),
    ("{f}: the workbook has no sheets; export it again", "{f}：工作簿中没有工作表；请重新导出"),
    (
        "{f}: no sheet named '{s}'; available sheets: {names}",
        "{f}：没有名为「{s}」的工作表；可用的工作表：{names}",
    ),
    ("{f}: cannot read sheet '{s}' ({error})", "{f}：无法读取工作表「{s}」（{error}）"),
    (
        "{f}: cannot read the Parquet file ({error}); export it again",
        "{f}：无法读取 Parquet 文件（{error}）；请重新导出",
    ),
    (
        "{f}: duplicate column names: {where!l}; rename them so every header is unique",
        "{f}：列名重复：{where}；请修改列名，使每个表头都不相同",
    ),
    ("{name} (columns {numbers!a})", "{name}（第 {numbers} 列）"),
    ("{f}: columns without a header were named {named}", "{f}：没有表头的列已命名为 {named}"),
    ("{f}: dropped {n} empty column(s) without a header", "{f}：已删除 {n} 个没有表头的空列"),
    (
        "{f}: column {c}: {n} value(s) could not be read as {kind!m} and are now missing "
        "({examples!l})",
        "{f}：列「{c}」有 {n} 个值无法识别为{kind}，已按缺失处理（{examples}）",
    ),
    (
        "{f}: column {c}: {n} value(s) start with = + - or @ ({examples!l}); "
        "kept as plain text, never evaluated",
        "{f}：列「{c}」有 {n} 个值以 = + - 或 @ 开头（{examples}），按纯文本保存，不会作为公式执行",
    ),
    ("{f}: column {c} has no values", "{f}：列「{c}」没有任何值"),
    ("{f}: skipped {n} empty row(s) (row {rows})", "{f}：跳过 {n} 个空行（第 {rows} 行）"),
    ("row {row}: '{value}'", "第 {row} 行：「{value}」"),
    # Column kinds (core.parsing)
    ("identifier header: kept as text", "列名表明是编号：按文本保留"),
    ("values with leading zeros: kept as text", "值有前导零：按文本保留"),
    ("numbers too long to store exactly: kept as text", "数字位数过多，无法精确保存：按文本保留"),
    ("{n} Excel serial number(s) read as dates", "{n} 个 Excel 日期序列号已识别为日期"),
    ("no values", "没有任何值"),
    ("{k} of {n} values are numbers: kept as text", "{n} 个值中有 {k} 个是数字：按文本保留"),
    # Mapping columns to factors (core.mapping)
    ("the table has no columns; check the file's header row", "表格没有任何列；请检查文件的表头行"),
    (
        "no factor columns found: the table needs at least one numeric or date column (for "
        "example 销售额 / revenue); add one to the file or name the factors in a scenario",
        "没有找到因素列：表格至少需要一个数值或日期列（例如 销售额 / revenue）；"
        "请在文件中添加，或在方案中指定因素",
    ),
    (
        "column {c!r} holds dates but no as-of date is known",
        "列「{c}」是日期，但没有截止日期，无法换算",
    ),
    (
        "column {c!r} holds text, not numbers; map another column as the factor or fix the "
        "values (see the ingest report for the cells that failed)",
        "列「{c}」是文本而不是数字；请改用其他列作为因素，或修正这些值（无法识别的单元格见读取报告）",
    ),
    # Ranking notes (core.ranking)
    (
        "column {c!r}: {n} missing value(s) filled with the column median",
        "列「{c}」：{n} 个缺失值已用该列中位数填补",
    ),
    (
        "column {c!r}: {n} missing value(s) filled with the column's worst value",
        "列「{c}」：{n} 个缺失值已按该列最差值处理",
    ),
    (
        "column {c!r}: {n} missing value(s) left out for those customers "
        "(their weights renormalised)",
        "列「{c}」：{n} 个缺失值，这些客户不计该因素（其余权重重新分配）",
    ),
    (
        "column {c!r} has the same value for every customer; it adds the same to everyone "
        "and does not change the order",
        "列「{c}」所有客户取值相同：对每位客户加分相同，不影响排序",
    ),
    ("column {c!r} has no values; it is left out of the score", "列「{c}」没有任何值，不参与评分"),
    (
        "column {c!r}: infinite value(s) in row(s) {rows} treated as missing",
        "列「{c}」：第 {rows} 行的无穷大值按缺失处理",
    ),
    (
        "no customer can be ranked: every row was excluded (see the excluded rows and their "
        "reasons)",
        "没有可排序的客户：所有行都被排除（见排除行及原因）",
    ),
    (
        "no factor with a positive weight has any values; include another factor or fill in "
        "the data",
        "权重为正的因素都没有值；请加入其他因素或补全数据",
    ),
    # Excluded rows (core.ranking)
    ("missing customer ID in column {c!r}", "列「{c}」中缺少客户编号"),
    (
        "duplicate customer ID {id!r} (first seen in row {row}); only the first row is ranked",
        "客户编号「{id}」重复（首次出现在第 {row} 行），只对第一行排序",
    ),
    ("no value for any factor", "所有因素都没有值"),
    # Presets, explanations, exports (core.presets, core.explain, core.export)
    (
        "unknown weight preset {name!r}; use one of: {names}",
        "未知的权重预设「{name}」；可选：{names}",
    ),
    (
        "preset {name!r} gives every included factor weight 0: the data has none of {wanted}; "
        "map such a column on the Data page or choose another preset",
        "预设「{name}」使所有已选因素的权重都为 0：数据中没有 {wanted} 中的任何一个；"
        "请在「数据」页映射这样的列，或选择其他预设",
    ),
    (
        "customer {id!r} is not in the ranking; pick another customer",
        "客户「{id}」不在排名中；请选择其他客户",
    ),
    (
        "export: nothing to write; give at least one sheet",
        "导出：没有可写入的内容；请至少提供一个工作表",
    ),
    (
        "output {path!r}: unknown file type {suffix!r}; use one of: {formats}",
        "输出文件「{path}」：未知的文件类型「{suffix}」；可选：{formats}",
    ),
    (
        "cannot write the charts into {folder!r} ({error}); give a folder you may write to "
        "(it is created if missing)",
        "无法把图表写入「{folder}」（{error}）；请指定一个有写入权限的文件夹（不存在时会自动创建）",
    ),
)

DATA_WORDS = {
    "numbers": "数字",
    "dates": "日期",
    "percentages": "百分比",
    "comma": "逗号",
    "semicolon": "分号",
    "tab": "制表符",
}
