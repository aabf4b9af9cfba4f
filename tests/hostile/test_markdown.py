"""Data is text (issue 15, item 6): Markdown in names, IDs, headers, cells and the file name
renders nowhere as a link, image, colour, icon or formula, on any page, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.apptest_support import LANGS, ROOT, app
from tests.core.i18n.markdown_render import markup, text_of
from tests.hostile.support import corpus_file, run_cli, upload
from ui import state

NAMES = corpus_file("markdown_names.csv")
FILE_NAME = "![f](https://evil.example/f.png) [x](https://evil.example).csv"
PAGES = ["streamlit_app.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]
FORBIDDEN = {"link", "image", "directive", "math", "emoji", "icon"}
HTML_PAYLOAD = "<b>"  # the catalogue's own <data file> is HTML-like text too (shown as text)
# Elements whose text is shown as it is (no Markdown), and plain fields of Markdown elements.
PLAIN_ELEMENTS = {"Text", "Code", "Json", "Html", "Dataframe", "VegaLiteChart", "Arrow"}
PLAIN_FIELDS = {"Selectbox": {"options"}, "MultiSelect": {"options"}}
MARKDOWN_FIELDS = {"body", "label", "help", "content", "options", "captions", "caption"}


def _strings(message, plain: set[str]) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in plain:
            continue
        repeated = not isinstance(value, str | bytes) and not hasattr(value, "ListFields")
        values = value if repeated and hasattr(value, "__iter__") else [value]
        for item in values:
            if isinstance(item, str) and field.name in MARKDOWN_FIELDS:
                yield item
            elif hasattr(item, "ListFields"):
                kind = type(item).__name__
                if kind not in PLAIN_ELEMENTS:
                    yield from _strings(item, PLAIN_FIELDS.get(kind, set()))


def markdown_texts(at) -> Iterator[tuple[str, str]]:
    """(element kind, text) for every text of the page that Streamlit renders as Markdown."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = type(proto).__name__
        if proto is None or kind in PLAIN_ELEMENTS:
            continue
        for text in _strings(proto, PLAIN_FIELDS.get(kind, set())):
            yield kind, text


def forbidden(text: str) -> set[str]:
    found = markup(text)
    return (found & FORBIDDEN) | ({"html"} & found if HTML_PAYLOAD in text else set())


def rendered_markup(at) -> list[tuple[str, str, set[str]]]:
    return [(k, s, forbidden(s)) for k, s in markdown_texts(at) if forbidden(s)]


def listing(found: dict[str, list]) -> str:
    return "\n".join(
        f"{p}: {k} {sorted(m)} {s[:160]!r}" for p, bad in found.items() for k, s, m in bad
    )


def hostile_app(lang: str, presentation: bool = False):
    at = app(lang)
    upload(at, FILE_NAME, NAMES.read_bytes())
    assert not at.exception, at.exception
    assert at.session_state["ingest"].source == FILE_NAME
    at.session_state[state.PRESENTATION] = presentation
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_renders_markdown_from_the_data(lang: str) -> None:
    at = hostile_app(lang)
    found = {}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        if page == "pages/sensitivity.py":  # the robust top list needs a run
            at.number_input(key="sens_draws").set_value(50)
            next(b for b in at.button if b.proto.icon == ":material/casino:").click().run()
            assert not at.exception, at.exception
        if bad := rendered_markup(at):
            found[page] = bad
    assert found == {}, listing(found)


def test_presentation_mode_renders_no_markdown_from_the_data() -> None:
    at = hostile_app("en", presentation=True)
    found = {}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        if bad := rendered_markup(at):
            found[page] = bad
    assert found == {}, listing(found)


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_shows_the_file_name_as_its_characters(lang: str) -> None:
    at = hostile_app(lang)
    shown = [text_of(s) for _, s in markdown_texts(at)]
    assert any(FILE_NAME in s.replace("\u2060", "") for s in shown)


def test_the_cli_prints_the_names_as_plain_text(tmp_path: Path) -> None:
    run = run_cli("score", NAMES, "--top", "40")
    assert run.rc == 0
    assert "![img](https://evil.exampl" in run.out  # a long name is cut short, never rendered
    out = tmp_path / "ranked.csv"
    assert run_cli("score", NAMES, "--out", out).rc == 0
    assert "[phish](https://evil.example/login)" in out.read_text(encoding="utf-8")
