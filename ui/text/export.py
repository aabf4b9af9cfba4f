"""Text of the export page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "export.title": ("导出与分享", "Export and share"),
    "export.intro": (
        "把排名带走：表格文件给同事和管理层，方案文件或链接用来在别处重现同样的排名。",
        "Take the ranking with you: spreadsheet files for colleagues and managers, a scenario "
        "file or link to reproduce the same ranking elsewhere.",
    ),
    "export.ranked_header": ("排名表", "Ranked list"),
    "export.ranked_caption": (
        "{rows} 位客户，{columns} 列：排名、客户编号、得分、分组、原始数据列，"
        "以及每个因素对得分的贡献。",
        "{rows} customers, {columns} columns: rank, customer ID, score, tier, your data's "
        "columns and each factor's contribution to the score.",
    ),
    "export.csv": ("下载 CSV", "Download CSV"),
    "export.xlsx": ("下载 Excel（XLSX）", "Download Excel (XLSX)"),
    "export.xlsx_help": (
        "三个工作表：排名表、分组汇总、方案（参数与 JSON）。",
        "Three sheets: the ranked list, the tier summary and the scenario (settings and JSON).",
    ),
    "export.formula_note": (
        "以 = + - @ 开头的文字会加上前导单引号 '，"
        "在 Excel、WPS 中作为文字显示而不会被当作公式执行。"
        "CSV 为带 BOM 的 UTF-8，Excel 打开中文不乱码。",
        "Text starting with = + - @ gets a leading ' so Excel and WPS show it as text instead "
        "of running it as a formula. The CSV is UTF-8 with a BOM, so Excel opens Chinese "
        "correctly.",
    ),
    "export.presentation_note": (
        "演示模式已开启：导出文件中的客户编号和客户名称均替换为匿名代号（客户 A、客户 B …），"
        "与屏幕上显示的一致。关闭演示模式可导出真实名称。",
        "Presentation mode is on: customer IDs and names in the exported files are replaced by "
        "the aliases shown on screen (Customer A, Customer B …). Turn presentation mode off to "
        "export the real names.",
    ),
    "export.sheet_ranking": ("排名", "Ranking"),
    "export.sheet_tiers": ("分组汇总", "Tier summary"),
    "export.sheet_scenario": ("方案", "Scenario"),
    "export.scenario_header": ("方案文件", "Scenario file"),
    "export.scenario_caption": (
        "方案记录了因素、方向、权重、方法和分组规则（不含客户数据）。保存后可以再次上传，"
        "或在命令行中使用：python -m core score 数据文件 --scenario scenario.json。",
        "The scenario records the factors, directions, weights, method and tier rules (no "
        "customer data). Save it to upload again later, or use it on the command line: "
        "python -m core score <data file> --scenario scenario.json.",
    ),
    "export.json": ("下载方案 JSON", "Download scenario JSON"),
    "export.upload": ("上传方案 JSON", "Upload a scenario JSON"),
    "export.upload_help": (
        "上传之前保存的 scenario.json；它引用的列必须存在于当前数据中。",
        "Upload a scenario.json saved earlier; the columns it names must exist in the current "
        "data.",
    ),
    "export.upload_ok": ("已应用方案 {name}。", "Applied the scenario from {name}."),
    "export.upload_error": (
        "无法应用该方案，当前方案保持不变。{error}。"
        "请确认文件是本工具保存的方案，且与当前数据的列名一致（必要时先在「数据」页加载对应的数据）。",
        "That scenario cannot be applied; the current one is kept. {error}. Check that the "
        "file is a scenario saved by this tool for data with the same column names (load that "
        "data on the Data page first if needed).",
    ),
    "export.share_header": ("分享链接", "Share link"),
    "export.share_caption": (
        "打开此链接会恢复当前的权重、方法和分组规则。链接中不含客户数据：对方需要加载同样的数据文件"
        "（示例数据除外）。",
        "Opening this link restores the current weights, method and tier rules. The link holds "
        "no customer data: the other person needs the same data file (except for the sample).",
    ),
    "export.report_header": ("客户报告", "Client report"),
    "export.report_caption": (
        "一个独立的 HTML 文件：方案与权重、前列客户、分组汇总、图表、各组策略和专家调整。"
        "不依赖网络，可直接用浏览器打开、打印（或在打印对话框中另存为 PDF）或通过邮件发送；"
        "图表另可下载为 PNG 图片，用于幻灯片。",
        "One self-contained HTML file: the scenario and weights, the top customers, the tier "
        "summary, charts, the strategy per group and expert overrides. It needs no network: "
        "open it in a browser, print it (or save it as a PDF from the print dialog) or mail it "
        "as it is; its charts also come as PNG images for slides.",
    ),
    "export.report_lang": ("报告语言", "Report language"),
    "export.report_anonymize": ("匿名化客户", "Anonymise customers"),
    "export.report_anonymize_help": (
        "客户显示为客户 A、客户 B …，报告中不出现客户编号和名称（演示模式下默认开启）。",
        "Customers appear as Customer A, Customer B …; their IDs and names are left out (on by "
        "default in presentation mode).",
    ),
    "export.report_build": ("生成报告", "Build report"),
    "export.report_building": ("正在生成报告与图表…", "Building the report and its charts…"),
    "export.report_download": ("下载报告（HTML）", "Download report (HTML)"),
    "export.charts_download": ("图表（PNG，zip）", "Charts (PNG, zip)"),
    "export.charts_help": (
        "报告中的三张图表（因素权重、各组客户数、得分构成），双倍分辨率的 PNG 图片，"
        "语言和匿名设置与报告相同，可直接放入幻灯片或打印。",
        "The report's three charts (factor weights, customers per group, score make-up) as "
        "double-resolution PNG images, in the report's language and anonymisation, ready for "
        "slides or print.",
    ),
    "export.charts_missing": (
        "无法生成 PNG 图表：缺少 vl-convert 组件（pip install vl-convert-python）。"
        "HTML 报告仍可下载。",
        "The PNG charts cannot be drawn: vl-convert is missing (pip install "
        "vl-convert-python). The HTML report can still be downloaded.",
    ),
    "export.charts_font_missing": (
        "未找到中文字体，PNG 图表中的中文可能无法显示；请安装中文字体（如 Noto Sans CJK）。",
        "No Chinese font found: Chinese labels in the PNG charts may be missing; install a "
        "Chinese font (such as Noto Sans CJK).",
    ),
    "export.report_preview": ("预览（{kb:,.0f} KB）：", "Preview ({kb:,.0f} KB):"),
    "export.report_stale": (
        "排名或报告设置已改变：请重新生成报告。",
        "The ranking or the report settings changed: build the report again.",
    ),
}
