"""Encodings on the CLI and in the app: a file that is not UTF-8 is read by a stated order
(Western European first) and the guess is named, with how to avoid it."""

from __future__ import annotations

import pytest

from tests.app.apptest_support import app
from tests.hostile.support import corpus_file, run_cli, upload

GUESS = "the file is not UTF-8, so its encoding was guessed as cp1252"
GUESS_ZH = "文件不是 UTF-8 编码，已推测为 cp1252"
FILES = {
    "encoding_latin1.csv": ["Ñandú SA", "Café Olé", "Müller GmbH"],
    "encoding_cp1252_quotes.csv": ["“Ñandú” – Sur", "Café €uro", "Zoë"],
}
PATHS = {name: corpus_file(name) for name in FILES}


@pytest.mark.parametrize("name", sorted(FILES))
def test_western_text_reads_right_with_a_warning_on_the_cli(name):
    run = run_cli("score", PATHS[name])
    assert run.rc == 0
    for customer in FILES[name]:
        assert customer in run.out
    assert GUESS in run.err
    assert "save the file as UTF-8" in run.err


@pytest.mark.parametrize(("lang", "expected"), [("en", GUESS), ("zh", GUESS_ZH)])
def test_western_text_reads_right_with_a_warning_in_the_app(lang, expected):
    at = upload(app(lang), "encoding_latin1.csv", PATHS["encoding_latin1.csv"].read_bytes())
    assert not at.exception, at.exception
    assert at.session_state["ingest"].frame["name"].tolist() == FILES["encoding_latin1.csv"]
    shown = [w.value for w in at.warning] + [w.value for w in at.caption]
    assert any(expected in text for text in shown), shown
