from core.i18n import Items, msg
from core.i18n.message import MAX_FIELD_CHARS, MAX_ITEMS, shortened


def test_short_text_is_kept():
    assert shortened("revenue") == "revenue"


def test_long_text_keeps_its_start_and_end():
    text = "a" * 500 + "b" * 500
    short = shortened(text)
    assert len(short) == MAX_FIELD_CHARS
    assert short.startswith("aaa") and short.endswith("bbb") and "…" in short


def test_a_quoted_cell_is_shortened_in_every_language():
    message = msg("ingest.row_value", row=2, value="x" * 700_000)
    assert len(message) < 2 * MAX_FIELD_CHARS
    assert len(message.render("zh")) < 2 * MAX_FIELD_CHARS


def test_a_long_list_shows_its_first_items_and_how_many_more():
    columns = Items((f"c{i}" for i in range(MAX_ITEMS + 30)), "comma")
    text = msg("scenario.column_not_data_available_columns", c="x", columns=columns)
    assert f"c{MAX_ITEMS - 1}, … (+30)" in text
    assert f"c{MAX_ITEMS}," not in text


def test_numbers_keep_their_format():
    assert "12,345 columns" in msg("ingest.too_many_columns", file="a.csv", n=12_345, limit=2_000)


def test_a_library_detail_is_bounded():
    text = msg("ingest.cannot_split_file_into_columns", file="a.csv", detail="y" * 10_000)
    assert len(text) < 1_000
