"""AppTest of presentation mode: no real customer name or ID of the sample appears anywhere on any
page (texts, options, tables, chart data), and one customer has one alias everywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, ROOT, app
from ui.shell import PAGES

SAMPLES = {"en": "sample_customers_en.csv", "zh": "sample_customers_zh.csv"}
PAGE_PATHS = [path for _, path, _ in PAGES if (ROOT / path).exists()]


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def real_identities(lang: str) -> list[bytes]:
    """Every customer ID and name of the sample table and the sample order log, as UTF-8."""
    customers = pd.read_csv(ROOT / "data" / SAMPLES[lang], dtype=str)
    orders = pd.read_csv(ROOT / "data" / "sample_orders.csv", dtype=str)
    texts = {*customers.iloc[:, 0], *customers.iloc[:, 1]}
    texts |= set(orders["客户编号"].dropna())
    return sorted(t.encode() for t in texts if len(t) >= 4)


def elements(node) -> Iterator:
    """Every element and block under ``node`` (the tree AppTest keeps of the last run)."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


def leaks(at: AppTest, identities: list[bytes]) -> set[str]:
    """The real IDs and names found in any element's message (labels, values, options and the
    Arrow bytes of tables and chart data all travel inside it)."""
    found = set()
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        raw = proto.SerializeToString()
        found |= {i.decode() for i in identities if i in raw}
    return found


def presenting(lang: str) -> AppTest:
    at = app(lang)
    at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_shows_a_real_name_or_id(lang: str) -> None:
    identities = real_identities(lang)
    at = presenting(lang)
    seen = {}
    for path in PAGE_PATHS:
        at.switch_page(path).run()
        assert not at.exception, path
        seen[path] = sorted(leaks(at, identities))[:5]
    assert seen == {path: [] for path in PAGE_PATHS}, seen


def aliases_on(at: AppTest, header: str) -> list[str]:
    """The column ``header`` of the first table that has it."""
    return next(d.value[header] for d in at.dataframe if header in d.value.columns).tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_deeper_states_stay_anonymous(lang: str) -> None:
    """A Monte Carlo result, kept review snapshots (watchlist, history) and a workshop round."""
    identities = real_identities(lang)
    at = presenting(lang).switch_page("pages/sensitivity.py").run()
    at.number_input(key="sens_draws").set_value(50)
    at = next(b for b in at.button if b.label in ("Run", "运行模拟")).click().run()
    assert not at.exception and len(at.dataframe) == 2
    assert leaks(at, identities) == set()
    at = at.switch_page("pages/review.py").run()
    at = at.button(key="review_keep_1").click().run()
    at = at.button(key="review_keep_2").click().run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 3  # with the watchlist
    assert leaks(at, identities) == set()
    at = at.switch_page("pages/workshop.py").run()
    at = at.button(key="workshop_create").click().run()
    guest = app(lang)
    guest.query_params["room"] = at.session_state["workshop_room_code"]
    guest.switch_page("pages/join.py").run()
    guest.text_input(key="join_name").input("Ann").run()
    guest.button(key="join_submit").click().run()
    assert not guest.exception
    at.run()
    assert not at.exception and leaks(at, identities) == set()


def ranking_column(at: AppTest, header: str) -> dict[int, str]:
    """Rank → ``header`` in the Ranking page's table."""
    at.switch_page("pages/ranking.py").run()
    table = next(d.value for d in at.dataframe if "Score" in d.value.columns)
    return dict(zip(table["Rank"], table[header], strict=True))


def test_one_customer_has_one_alias_on_every_page() -> None:
    at = presenting("en")
    alias_at_rank = ranking_column(at, "Customer")
    at.switch_page("pages/data.py").run()
    preview = at.dataframe[0].value
    assert preview["customer_name"].tolist() == preview["customer_id"].tolist()
    first_ids = pd.read_csv(ROOT / "data" / SAMPLES["en"])["customer_id"].head(len(preview))
    preview_alias = dict(zip(first_ids, preview["customer_id"], strict=True))
    at.sidebar.toggle(key="presentation_toggle").set_value(False).run()
    id_at_rank = ranking_column(at, "Customer ID")
    alias_of_id = {id_at_rank[r]: alias_at_rank[r] for r in id_at_rank}
    assert all(alias_of_id[c] == a for c, a in preview_alias.items() if c in alias_of_id)
    assert len(set(preview_alias) & set(alias_of_id)) >= 10
