from __future__ import annotations

import pytest

from core.ingest.read import read_table

LATIN = "customer_id,name,revenue\nC1,Ñandú SA,100\nC2,Café Olé,200\nC3,Müller,300\n"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_european_text_is_read_as_cp1252_with_a_warning(encoding):
    result = read_table(LATIN.encode(encoding), "clients.csv")
    assert result.encoding == "cp1252"
    assert result.frame["name"].tolist() == ["Ñandú SA", "Café Olé", "Müller"]
    assert list(result.warnings) == [
        "clients.csv: the file is not UTF-8, so its encoding was guessed as cp1252 "
        "(read: Ñandú, Café, Olé); if these letters look wrong, save the file as UTF-8 "
        "(Excel: CSV UTF-8) and load it again"
    ]
    assert result.warnings[0].render("zh") == (
        "clients.csv：文件不是 UTF-8 编码，已推测为 cp1252（读出：Ñandú、Café、Olé）；"
        "如果这些文字不对，请将文件另存为 UTF-8（Excel：CSV UTF-8）后重新载入"
    )


def test_a_guess_that_is_not_western_is_named_too():
    text = "customer_id,name,revenue\nC1,Москва,100\nC2,Санкт-Петербург,200\n"
    result = read_table(text.encode("cp1251"), "ru.csv")
    assert result.encoding not in ("utf-8", "gb18030")
    assert f"guessed as {result.encoding}" in result.warnings[0]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LATIN.encode("utf-8"), "utf-8"),
        (LATIN.encode("utf-8-sig"), "utf-8-sig"),
        ("客户编号,销售额\nC1,100\nC2,200\n".encode("gbk"), "gb18030"),
    ],
)
def test_no_warning_when_the_encoding_is_no_guess(data, encoding):
    result = read_table(data, "a.csv")
    assert result.encoding == encoding
    assert not [w for w in result.warnings if "UTF-8" in w]
