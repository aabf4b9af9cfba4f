"""Text of the data page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "data.title": ("数据", "Data"),
    "data.intro": (
        "上传客户表（每行一个客户，每列一个属性或因素），或使用内置样例。",
        "Upload a customer table (one row per customer, one column per attribute or factor), "
        "or use a bundled sample.",
    ),
    "data.upload": ("上传客户表", "Upload a customer table"),
    "data.upload_help": (
        "CSV / TSV / TXT（UTF-8 或 GBK）、XLSX / XLSM 或 Parquet；第一行是表头。",
        "CSV / TSV / TXT (UTF-8 or GBK), XLSX / XLSM or Parquet; the first row holds the headers.",
    ),
    "data.samples": ("或使用样例数据", "Or use sample data"),
    "data.sample_zh": ("中文样例（500 个客户）", "Chinese sample (500 customers)"),
    "data.sample_en": ("英文样例（500 个客户）", "English sample (500 customers)"),
    "data.current": (
        "当前数据：**{name}** · {rows} 行 · {cols} 列",
        "Current data: **{name}** · {rows} rows · {cols} columns",
    ),
    "data.sample_note": (
        "这是内置样例。上传自己的表后，下方会自动识别客户编号、名称和因素列，可逐列修改。",
        "This is the bundled sample. Upload your own table and the ID, name and factor columns "
        "are detected below; you can change each one.",
    ),
    "data.error_hint": (
        "提示：请另存为 CSV（UTF-8）或 XLSX，确认第一行是表头后重新上传。之前的数据仍在使用。",
        "Hint: save the file as CSV (UTF-8) or XLSX with the headers in the first row and "
        "upload it again. The previous data is still in use.",
    ),
    "data.sheet": ("工作表", "Sheet"),
    "data.sheet_choose": ("请选择工作表", "Choose a sheet"),
    "data.sheet_help": (
        "该工作簿有多个工作表，请选择客户表所在的一个。",
        "The workbook has several sheets; choose the one holding the customer table.",
    ),
    "data.preview": ("预览（前 {n} 行）", "Preview (first {n} rows)"),
    "data.mapping": ("列的用途", "Column mapping"),
    "data.mapping_help": (
        "列的类型自动识别；勾选「纳入」的列就是当前方案的因素（载入的方案显示它自己的因素），"
        "在此修改只改动该项，权重等其余设置不变。↑ 越高越好，↓ 越低越好（如逾期天数）。",
        "Column types are detected automatically. Columns ticked “Include” are the current "
        "scenario's factors (a loaded scenario shows its own); a change here edits only that, "
        "weights and the rest stay. Benefit = higher is better, cost = lower is better (e.g. "
        "days overdue).",
    ),
    "data.id_column": ("客户编号列", "Customer ID column"),
    "data.name_column": ("客户名称列", "Customer name column"),
    "data.no_name": ("（无）", "(none)"),
    "data.col.column": ("列", "Column"),
    "data.col.kind": ("类型", "Type"),
    "data.col.factor": ("因素", "Factor"),
    "data.col.direction": ("方向", "Direction"),
    "data.col.include": ("纳入", "Include"),
    "data.custom": ("自定义因素", "Custom factor"),
    "data.benefit": ("↑ 越高越好", "↑ benefit"),
    "data.cost": ("↓ 越低越好", "↓ cost"),
    "data.kind.number": ("数值", "number"),
    "data.kind.date": ("日期", "date"),
    "data.kind.text": ("文本", "text"),
    "data.kind.percent": ("百分比", "percent"),
    "data.other_columns": (
        "其他列（分组属性或不参与打分）：{columns}",
        "Other columns (grouping attributes or not scored): {columns}",
    ),
    "data.mapping_error": ("无法应用该修改：{error}", "That change could not be applied: {error}"),
    "data.no_factors": (
        "还没有纳入任何因素：请在上表中至少勾选一个数值或日期列。",
        "No factor is included yet: tick at least one number or date column above.",
    ),
    "data.report": ("导入报告", "Ingest report"),
    "data.format": ("格式", "Format"),
    "data.encoding": ("编码", "Encoding"),
    "data.delimiter": ("分隔符", "Delimiter"),
    "data.conversions": ("各列的类型转换", "Column conversions"),
    "data.conv.parsed": ("已转换", "Parsed"),
    "data.conv.failed": ("失败", "Failed"),
    "data.conv.missing": ("空值", "Empty"),
    "data.conv.examples": ("失败示例", "Failed examples"),
    "data.conv.note": ("说明", "Note"),
    "data.warnings": ("提醒", "Warnings"),
    "data.no_warnings": ("没有提醒：所有单元格均已读取。", "No warnings: every cell was read."),
    "data.excluded": ("排除的行（{n}）", "Excluded rows ({n})"),
    "data.no_excluded": ("没有排除任何行。", "No row was excluded."),
    "data.ex.row": ("行号", "Row"),
    "data.ex.reason": ("原因", "Reason"),
}
