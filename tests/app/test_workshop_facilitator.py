"""AppTest of the facilitator's live view: customer names in the consensus top list (aliases in
presentation mode), joining times as local wall-clock text, and the one-participant state."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, ROOT, app

ALONE = {
    "en": "Only Ann has submitted so far: the consensus is their weights.",
    "zh": "目前只有 Ann 提交了权重，共识即其权重。",
}
SAMPLES = {"en": "sample_customers_en.csv", "zh": "sample_customers_zh.csv"}


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def room_with(lang: str, *names: str) -> AppTest:
    """A facilitator's open room in which each of ``names`` submitted the default weights."""
    host = app(lang).switch_page("pages/workshop.py").run()
    host.button(key="workshop_create").click().run()
    for name in names:
        guest = app(lang)
        guest.query_params["room"] = host.session_state["workshop_room_code"]
        guest.switch_page("pages/join.py").run()
        guest.text_input(key="join_name").input(name).run()
        guest.button(key="join_submit").click().run()
        assert not guest.exception
    host.run()
    assert not host.exception
    return host


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if header in d.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_one_participant_is_a_clear_state(lang: str) -> None:
    host = room_with(lang, "Ann")
    assert any(i.value.startswith(ALONE[lang]) for i in host.info)
    assert host.metric[2].value == "—"  # no agreement to measure yet
    charts = host.get("vega_lite_chart")
    assert len(charts) == 1  # the spread; no distance chart of one bar at 0 %


def test_the_top_list_names_customers_and_times_are_local() -> None:
    host = room_with("en", "Ann", "Bo")
    assert not any(i.value.startswith("Only ") for i in host.info)
    assert len(host.get("vega_lite_chart")) == 2  # spread and distances
    top = table_with(host, "👤 Ann")
    names = pd.read_csv(ROOT / "data" / SAMPLES["en"]).set_index("customer_id")["customer_name"]
    assert top["Consensus"].tolist() == names[top["Customer ID"]].tolist()
    assert set(top["👤 Ann"]) <= set(names)
    people = table_with(host, "Name")
    (joined,) = [c for c in people.columns if c.startswith("Joined (")]
    assert joined == "Joined (UTC)"  # AppTest has no browser time zone
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", v) for v in people[joined])


def test_presentation_mode_lists_aliases() -> None:
    host = room_with("zh", "Ann", "Bo")
    host.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    top = table_with(host, "👤 Ann")
    assert "客户编号" not in top.columns
    assert top["共识"].str.fullmatch(r"客户 [A-Z]+").all()
    assert top["👤 Bo"].str.fullmatch(r"客户 [A-Z]+").all()
