"""AppTest of pairwise weighting on the join page: the short set (each factor against a
reference) completed into weights and submitted, "answer more", the consistency verdict."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.method.ahp_apply import snap_to_scale
from core.method.ahp_incomplete import incomplete_ahp
from core.workshop.rooms import RoomStore
from tests.app.apptest_support import LANGS, app

WORKSHOP = "pages/workshop.py"
JOIN = "pages/join.py"
UNCHECKED = {
    "en": "No comparison repeats another yet",
    "zh": "目前的比较彼此没有交叉，还无法检验一致性",
}
CONSISTENT = {"en": "Consistency ratio CR = ", "zh": "一致性比率 CR = "}


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def open_room(lang: str) -> tuple[str, list[str]]:
    host = app(lang).switch_page(WORKSHOP).run()
    host.button(key="workshop_create").click().run()
    code = host.session_state["workshop_room_code"]
    return code, RoomStore().room(code).scenario.columns


def pairwise_guest(lang: str, code: str, name: str = "Ann") -> AppTest:
    guest = app(lang)
    guest.query_params["room"] = code
    guest.switch_page(JOIN).run()
    guest.text_input(key="join_name").input(name).run()
    guest.segmented_control(key="join_mode").set_value("ahp").run()
    assert not guest.exception
    return guest


def pair_keys(guest: AppTest) -> list[str]:
    return [s.key for s in guest.select_slider]


def judge(guest: AppTest, code: str, i: int, j: int, value: float) -> AppTest:
    return guest.select_slider(key=f"join_pair_{code}_{i}_{j}").set_value(value).run()


def shares(weights: dict[str, float], columns: list[str]) -> np.ndarray:
    w = np.array([weights[c] for c in columns], dtype=float)
    return w / w.sum()


@pytest.mark.parametrize("lang", LANGS)
def test_the_short_set_gives_every_weight_and_is_stored(lang: str) -> None:
    code, columns = open_room(lang)
    n = len(columns)
    guest = pairwise_guest(lang, code)
    assert pair_keys(guest) == [f"join_pair_{code}_0_{k}" for k in range(1, n)]  # n − 1
    assert not guest.expander
    answers = {(0, 1): 3.0, (0, 2): 1 / 2, (0, 3): 5.0, (0, 4): 1 / 4}  # the others stay equal
    for (i, j), value in answers.items():
        guest = judge(guest, code, i, j, value)
    # On a spanning set the weights are exact: w_0 / w_k is the answer given for (0, k).
    ratios = np.array([1.0] + [answers.get((0, k), 1.0) for k in range(1, n)])
    expected = (1 / ratios) / (1 / ratios).sum()
    assert np.allclose(guest.dataframe[-1].value.iloc[:, 1], expected)
    assert guest.info[0].value.startswith(UNCHECKED[lang]) and not guest.warning
    assert not guest.success
    guest.button(key="join_submit").click().run()
    assert not guest.exception and not guest.error
    stored = RoomStore().my_weights(code, guest.query_params["me"])
    assert np.allclose(shares(stored, columns), expected)
    assert max(stored.values()) == pytest.approx(100)  # on the sliders' scale


@pytest.mark.parametrize("lang", LANGS)
def test_answer_more_adds_pairs_and_shows_the_consistency_ratio(lang: str) -> None:
    code, columns = open_room(lang)
    n = len(columns)
    guest = pairwise_guest(lang, code)
    guest.button(key="join_ahp_more").click().run()
    keys = pair_keys(guest)
    assert len(keys) == n - 1 + 3 and len(set(keys)) == len(keys)
    added = [tuple(map(int, k.rsplit("_", 2)[1:])) for k in keys[n - 1 :]]
    assert all(0 not in pair for pair in added)  # none repeats a pair with the reference
    assert all(guest.select_slider(key=k).value == 1.0 for k in keys[n - 1 :])  # as implied
    assert guest.success[0].value.startswith(CONSISTENT[lang])  # all equal: consistent
    assert not any(UNCHECKED[lang] in i.value for i in guest.info)
    guest.button(key="join_ahp_more").click().run()
    assert len(pair_keys(guest)) == n - 1 + 6
    guest.button(key="join_ahp_fewer").click().run()
    assert len(pair_keys(guest)) == n - 1 and guest.info[0].value.startswith(UNCHECKED[lang])


def test_contradicting_answers_warn_name_the_pair_and_can_be_submitted() -> None:
    code, columns = open_room("en")
    n = len(columns)
    guest = pairwise_guest("en", code, "Bo")
    guest = judge(guest, code, 0, 1, 9.0)  # revenue ≫ profit
    guest = judge(guest, code, 0, 2, 1 / 9)  # orders ≫ revenue
    short = guest.dataframe[-1].value.iloc[:, 1].to_numpy()
    answered = {(0, 1): 9.0, (0, 2): 1 / 9} | {(0, k): 1.0 for k in range(3, n)}
    guest.button(key="join_ahp_more").click().run()
    assert not guest.warning  # the added pairs start at the ratio the short set implies
    for key in pair_keys(guest)[n - 1 :]:
        i, j = map(int, key.rsplit("_", 2)[1:])
        assert guest.select_slider(key=key).value == snap_to_scale(short[i] / short[j])
    for key in pair_keys(guest)[n - 1 :]:  # each added pair answered against the short set
        i, j = map(int, key.rsplit("_", 2)[1:])
        answered[(i, j)] = 1 / 9 if short[i] > short[j] else 9.0
        guest = judge(guest, code, i, j, answered[(i, j)])
    expected = incomplete_ahp(n, answered)
    assert not expected.consistent
    warning = guest.warning[0].value
    assert f"CR = {expected.cr:.3f}" in warning and "contradict each other" in warning
    assert "You can still submit" in warning
    assert np.allclose(guest.dataframe[-1].value.iloc[:, 1], expected.weights)
    guest.button(key="join_submit").click().run()
    assert not guest.exception and guest.info[-1].value == "Saved (submission number 1)."
    stored = RoomStore().my_weights(code, guest.query_params["me"])
    assert np.allclose(shares(stored, columns), expected.weights)


def test_another_reference_asks_each_factor_against_it() -> None:
    code, columns = open_room("en")
    guest = pairwise_guest("en", code)
    guest.selectbox(key=f"join_ahp_ref_{code}").set_value(columns[2]).run()
    assert pair_keys(guest) == [f"join_pair_{code}_2_{k}" for k in range(len(columns)) if k != 2]
    assert "against Frequency" in guest.caption[1].value
    guest = judge(guest, code, 2, 0, 4.0)  # orders 4× revenue
    weights = guest.dataframe[-1].value.iloc[:, 1].to_numpy()
    assert weights[2] / weights[0] == pytest.approx(4.0)
