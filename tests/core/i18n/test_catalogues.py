"""Messages with identities (core.i18n): the catalogues, rendering, pickling, and Chinese with
no English left in it.

Every id has an English and a Chinese template with the same fields; every id the source uses
is in the catalogues (and every catalogue id is used); a Message's ``str()`` is its English and
survives pickling; every message the bad-input corpus and the golden cases produce reads as
Chinese once its data values and its library detail are set aside.
"""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from core.errors import InputError, ScenarioError
from core.i18n import Items, Message, Tail, en, localize, message_of, msg, phrases, prefixed, zh
from core.i18n.message import CATALOGUES
from core.method.scenario import Scenario
from tests.core.i18n.golden_messages import cases
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [
    *sorted(
        p
        for f in ("core", "ui", "pages")
        for p in (ROOT / f).rglob("*.py")
        if "i18n" not in p.parts
    ),
    ROOT / "streamlit_app.py",
]
# msg("area.id" …) and msg(f"area.prefix_{…}" …): the ids the source names
LITERAL_ID = re.compile(
    r"""\bmsg\(\s*"([\w.]+)"|\bMessage\(\s*"([\w.]+)"|Tail\([^)]*"([\w.]+)"\)"""
)
PREFIX_ID = re.compile(r"""\bmsg\(\s*f"([\w.]+)\{""")
QUOTED_ID = re.compile(r"""["']([a-z_]+\.[a-z_.]+)["']""")
PHRASES = re.compile(r"""\bphrases\(\s*"([\w.]+)\"""")
# Words a Chinese sentence may keep: file types, products, fields of the scenario JSON and CLI
# flags a user must type as they are, units and names.
_TECHNICAL = """CSV XLSX xlsx csv json html JSON HTML PDF PNG UTF GB Excel Parquet DuckDB
    pandas Saaty
    TOPSIS CRITIC RFM ABC FM CJK Noto Sans Mac Ctrl+P vl-convert YYYY-MM-DD DATABASE_URL
    id_column factors column tiers tier rank overrides value value_column as_of
    potential_column customer_id monetary_total scheme share revenue profit weights out col
    scenario A.json
    B.json NPS VIP schema_version rules scale_column influence_column key_account_rules
    allocation first sum Spark Java pyspark python pip requirements-spark.txt
    spark-conf KEY VALUE spark.executor.memory install
    name-col spark-master spark-remote engine spark features-out out URI SPARK_REMOTE
    SPARK_MASTER key key-file FILE ps BG NBD Gamma-Gamma alpha margin profit-col"""
TECHNICAL = set(_TECHNICAL.split())


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ── the catalogues ─────────────────────────────────────────────────────────────────────────


def test_every_id_has_both_languages() -> None:
    assert sorted(set(en.MESSAGES) ^ set(zh.MESSAGES)) == []
    assert len([k for k in en.MESSAGES if not k.startswith("ui.")]) > 250
    assert len([k for k in en.MESSAGES if k.startswith("ui.")]) > 700  # the app's own text


def test_the_app_text_comes_from_the_same_catalogues() -> None:
    assert t("nav.home", "zh") == zh.MESSAGES["ui.nav.home"] == "概览"
    assert t("nav.home", "en") == "Overview"
    assert t("nav.home", "fr") == "Overview"
    assert t("no.such.key", "zh") == "no.such.key"
    assert t("shell.data_source", "zh", name="a.csv", rows=3, factors=2) == (
        "数据：a.csv · 3 行 · 2 个因素"
    )


@pytest.mark.parametrize("message_id", sorted(en.MESSAGES))
def test_both_languages_have_the_same_fields(message_id: str) -> None:
    english, chinese = en.MESSAGES[message_id], zh.MESSAGES[message_id]
    # {detail} may sit inside the English sentence; Chinese shows it after the sentence
    assert fields(english) - {"detail"} == fields(chinese) - {"detail"}
    sample = {name: "x" for name in fields(english)}
    formatted = re.sub(r"\{(\w+)(![rsa])?:[^}]*\}", r"{\1}", chinese)
    assert formatted.format(**sample) is not None  # a well-formed template


@pytest.mark.parametrize("message_id", sorted(k for k in zh.MESSAGES if not k.startswith("ui.")))
def test_chinese_templates_keep_no_english_words(message_id: str) -> None:
    template = re.sub(r"\{[^}]*\}", " ", zh.MESSAGES[message_id])
    words = set(re.findall(r"[A-Za-z][A-Za-z_.+-]*[A-Za-z]", template)) - TECHNICAL
    assert words == set()
    if template.strip(" :：") and message_id != "scenario.prefix":
        assert has_chinese(template) or template.strip() in TECHNICAL


def test_every_id_the_source_names_is_in_the_catalogues_and_every_id_is_used() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    literal = {g for m in LITERAL_ID.finditer(text) for g in m.groups() if g}
    prefixes = {m[1] for m in PREFIX_ID.finditer(text)} | {m[1] for m in PHRASES.finditer(text)}
    assert sorted(literal - set(en.MESSAGES)) == []
    literal |= set(QUOTED_ID.findall(text)) & set(en.MESSAGES)  # ids chosen by a lookup
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in en.MESSAGES), prefix
    unused = [
        k
        for k in en.MESSAGES
        if k not in literal
        and k != "prefixed"
        and not k.startswith("ui.")  # the app's text: t("key") looks up "ui.key"
        and not any(map(k.startswith, prefixes))
    ]
    assert unused == []


# ── Message ────────────────────────────────────────────────────────────────────────────────


def test_str_is_the_english_and_render_gives_each_language() -> None:
    m = msg("ranking.missing_filled_median", column="销售额", n=3)
    assert isinstance(m, str)
    assert m == "column '销售额': 3 missing value(s) filled with the column median"
    assert m.render("zh") == "列「销售额」：3 个缺失值已用该列中位数填补"
    assert m.render("fr") == str(m)  # a language without a catalogue shows English
    assert (m.id, m.params, m.detail) == (
        "ranking.missing_filled_median",
        {"column": "销售额", "n": 3},
        None,
    )


def test_nested_messages_items_and_words_render_in_the_same_language() -> None:
    examples = Items(
        [msg("ingest.row_value", row=4, value="abc"), msg("ingest.row_value", row=5, value="x")]
    )
    m = msg(
        "ingest.column_value_could_not_read",
        file="a.csv",
        column="销售额",
        n=2,
        kind=msg("word.numbers"),
        examples=examples,
    )
    assert str(m) == (
        "a.csv: column 销售额: 2 value(s) could not be read as numbers and are now missing "
        "(row 4: 'abc'; row 5: 'x')"
    )
    assert m.render("zh") == (
        "a.csv：列「销售额」有 2 个值无法识别为数字，已按缺失处理"
        "（第 4 行：「abc」；第 5 行：「x」）"
    )
    numbers = msg("ingest.duplicate_name_columns", name="a", numbers=Items(["1", "3"], "and"))
    assert (str(numbers), numbers.render("zh")) == ("a (columns 1 and 3)", "a（第 1、3 列）")


def test_library_text_is_a_detail_inside_the_english_and_after_the_chinese() -> None:
    m = msg("ingest.cannot_open_workbook_open_excel", file="b.xlsx", detail="Bad zip")
    assert str(m) == (
        "b.xlsx: cannot open the workbook (Bad zip); open it in Excel and save it again as .xlsx"
    )
    assert (
        m.render("zh") == "b.xlsx：无法打开工作簿；请在 Excel 中打开并另存为 .xlsx（详情：Bad zip）"
    )
    assert msg("ahp.cannot_read", label="m.csv", detail=OSError("gone")).detail == "gone"
    # an id whose English has no {detail} gets it appended in every language
    plain = msg("ranking.no_value_any_factor", detail="why")
    assert (str(plain), plain.render("zh")) == (
        "no value for any factor (why)",
        "所有因素都没有值（详情：why）",
    )


@pytest.mark.parametrize(
    "value",
    [
        msg("ranking.missing_filled_median", column="a", n=1),
        msg("ingest.cannot_read_sheet", file="f", sheet="s", detail="boom"),
        msg(
            "ingest.column_value_start_with_kept",
            file="f",
            column="c",
            n=1,
            examples=Items([msg("ingest.row_value", row=2, value="=1")]),
        ),
        prefixed("judge 2", msg("ahp.combine_judges_no_pairwise_matrices")),
        prefixed(
            msg("scenario_io.file", path="a.json"),
            Tail(msg("scenario.factors_empty_include_least_one"), "scenario.prefix"),
        ),
    ],
)
def test_a_message_survives_pickling(value: Message) -> None:
    back = pickle.loads(pickle.dumps(value))
    assert type(back) is Message
    assert (str(back), back.id, back.detail) == (str(value), value.id, value.detail)
    assert back.render("zh") == value.render("zh")


def test_items_and_tail_pickle_with_their_kind() -> None:
    items = pickle.loads(pickle.dumps(Items(["a", "b"], "and")))
    assert (tuple(items), items.kind) == (("a", "b"), "and")
    tail = pickle.loads(pickle.dumps(Tail(msg("word.scenario"), "scenario.prefix")))
    assert tail.render("zh") == "方案"


def test_localize_renders_messages_and_exceptions_and_leaves_anything_else() -> None:
    exc = ScenarioError(msg("scenario.factors_empty_include_least_one"))
    assert str(exc) == "scenario: 'factors' is empty; include at least one factor"
    assert localize(exc, "zh") == "方案：因素列表（factors）为空；请至少包含一个因素"
    assert localize(exc, "en") == str(exc)
    assert localize("plain text", "zh") == "plain text"
    assert localize(7, "zh") == 7
    plain = InputError("plain")
    assert localize(plain, "zh") is plain


def test_message_of_keeps_the_message_an_exception_carries() -> None:
    carried = msg("word.budget")
    assert message_of(InputError(carried)) is carried
    assert message_of(ValueError("bare")) == "bare"


def test_prefixed_takes_an_exception_and_keeps_its_message() -> None:
    inner = InputError(msg("ahp.combine_judges_no_pairwise_matrices"))
    m = prefixed("m.csv", inner)
    assert str(m) == "m.csv: Combine judges: no pairwise matrices given; add at least one judge."
    assert m.render("zh") == "m.csv：综合评审：没有判断矩阵；请至少添加一位评审人。"


def test_a_scenario_file_names_itself_instead_of_scenario_in_both_languages(tmp_path) -> None:
    from core.cli.common import load_scenario

    path = tmp_path / "s.json"
    path.write_text('{"id_column": "id", "factors": []}', encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    where = repr(str(path))
    assert (
        str(info.value) == f"scenario file {where}: 'factors' is empty; include at least one factor"
    )
    assert localize(info.value, "zh") == (
        f"方案文件「{path}」：因素列表（factors）为空；请至少包含一个因素"
    )


def test_phrases_give_a_group_of_words_in_order() -> None:
    assert list(phrases("scenario.tier.", "zh").values()) == ["关键客户", "重点客户", "普通客户"]
    assert list(phrases("scenario.tier.", "en").values()) == ["Key", "Important", "Ordinary"]
    assert phrases("scenario.tier.", "fr") == phrases("scenario.tier.", "en")


def test_an_id_missing_from_chinese_falls_back_to_english(monkeypatch) -> None:
    monkeypatch.setitem(
        CATALOGUES, "zh", {k: v for k, v in zh.MESSAGES.items() if k != "word.budget"}
    )
    assert msg("word.budget").render("zh") == "the budget"


def test_an_unknown_id_is_an_error() -> None:
    with pytest.raises(KeyError):
        msg("nowhere.no_such_id")


def test_t_shows_core_messages_in_the_page_language() -> None:
    error = InputError(msg("ranking.no_value_any_factor"))
    assert "所有因素都没有值" in t("shell.rank_error", "zh", error=message_of(error))
    assert "no value for any factor" in t("shell.rank_error", "en", error=message_of(error))


# ── Chinese with no English left ───────────────────────────────────────────────────────────


WORDS = {text for k, text in en.MESSAGES.items() if k.startswith(("word.", "orders.role_"))}


def _data(value: object) -> list[str]:
    """The data texts inside a message: parameter values that are not messages themselves
    (nor one of the core's own phrases, which must be passed as its word message)."""
    if isinstance(value, Message):
        found = [value.detail] if value.detail else []
        return found + [d for v in value.params.values() for d in _data(v)]
    if isinstance(value, Items | list | tuple):
        return [d for v in value for d in _data(v)]
    if isinstance(value, Tail):
        return _data(value.message)
    return [] if str(value) in WORDS else [str(value)]


def _english_left(message: Message) -> list[str]:
    text = message.render("zh")
    for data in sorted(_data(message), key=len, reverse=True):  # whole values, not inside words
        text = re.sub(rf"(?<![A-Za-z]){re.escape(data)}(?![A-Za-z])", " ", text)
    return sorted(set(re.findall(r"[A-Za-z][A-Za-z_.+-]*[A-Za-z]", text)) - TECHNICAL)


PRODUCED = [(case, m) for case, ms in cases().items() for m in ms]


@pytest.mark.parametrize(("case", "message"), PRODUCED, ids=[c for c, _ in PRODUCED])
def test_every_corpus_and_golden_message_reads_as_chinese(case: str, message: Message) -> None:
    assert isinstance(message, Message)
    assert has_chinese(message.render("zh"))
    assert _english_left(message) == []


def test_the_english_check_catches_a_phrase_passed_as_plain_text() -> None:
    right = msg(
        "allocation.not_a_number", what=msg("word.budget"), value=-1, kind=msg("word.number_ge_0")
    )
    assert right.render("zh") == "资源配置：预算总量为 -1；请使用 ≥ 0 的数"
    assert _english_left(right) == []
    # the core's own phrase as a plain string (not its word message) stays English
    wrong = msg(
        "allocation.not_a_number", what="the budget", value=-1, kind=msg("word.number_ge_0")
    )
    assert _english_left(wrong) == ["budget", "the"]
    # a column that happens to be called "value" is data, not a phrase
    data = msg("ranking.column_has_no_values_left", column="Sales")
    assert _english_left(data) == []


def test_scenario_json_errors_name_their_source_in_chinese() -> None:
    with pytest.raises(ScenarioError) as info:
        Scenario.from_json('{"id_column": ')
    assert localize(info.value, "zh") == "方案：第 1 行第 15 列不是有效的 JSON；请检查文件"
    with pytest.raises(ScenarioError) as info:
        Scenario.from_token(
            Scenario.from_dict({"id_column": "a", "factors": [{"column": "b"}]}).to_token()[:-4]
        )
    assert has_chinese(localize(info.value, "zh"))


# ── no sentence outside the catalogues ─────────────────────────────────────────────────────

ERRORS = {"InputError", "IngestError", "ScenarioError", "ArgumentTypeError"}
CARRIERS = ("warnings", "notes", "reasons", "out")  # lists of messages for the user


def _text_literal(node: ast.AST) -> bool:
    """A sentence written in place: a string constant or an f-string (not ``""``)."""
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != ""


def _literal_messages(tree: ast.Module) -> list[int]:
    """Lines where core code raises an input error, or appends to a warnings list, with text
    written in place instead of a Message."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        target = func.value if isinstance(func, ast.Attribute) else None
        carrier = isinstance(target, ast.Name) and target.id.endswith(CARRIERS)
        if (name in ERRORS or (name == "append" and carrier)) and _text_literal(node.args[0]):
            lines.append(node.lineno)
    return sorted(lines)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "core").rglob("*.py") if "i18n" not in p.parts),
    ids=lambda p: str(p.relative_to(ROOT / "core")),
)
def test_core_raises_and_warns_with_messages_only(path: Path) -> None:
    assert _literal_messages(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_sentence_written_in_place() -> None:
    source = """
def check(value, warnings):
    if value < 0:
        raise InputError(f"{value} is below zero")
    warnings.append("a new note")
    warnings.append(msg("word.budget"))
    raise ScenarioError(msg("word.budget"))
"""
    assert _literal_messages(ast.parse(source)) == [4, 5]
