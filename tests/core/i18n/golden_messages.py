"""The messages whose Chinese is pinned by ``messages_golden.json`` (English → Chinese).

Each case runs core code that produces messages: the bad-input corpus through ingest and
ranking, the examples of the message tests and every scenario validation message. The golden
file was written from the Chinese the pattern-matched back-translation showed before messages
carried identities, so a test can check that the catalogues still say the same
(``test_golden_messages.py``). ``python tests/core/i18n/golden_messages.py`` adds the messages of
new cases and keeps every pinned one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from core.errors import InputError  # noqa: E402
from core.ingest.read import read_table  # noqa: E402
from core.mapping.columns import detect_mapping  # noqa: E402
from core.method.ahp import combine_judges, read_pairwise_csv, validate_pairwise  # noqa: E402
from core.method.ranking import rank_customers  # noqa: E402
from core.method.scenario import Scenario  # noqa: E402
from core.method.scenario_mapping import default_scenario  # noqa: E402
from core.orders.log import aggregate_orders  # noqa: E402
from core.strategy.allocation import AllocationPolicy  # noqa: E402
from core.workshop.rules import parse_code  # noqa: E402

CORPUS = HERE.parents[1] / "corpus"
GOLDEN = HERE.parents[1] / "messages_golden.json"


def _minimal(**changes) -> dict:
    return {"id_column": "客户编号", "factors": [{"column": "销售额"}], **changes}


SCENARIOS = [  # the scenario validation examples of test_scenario.py and test_messages.py
    _minimal(factors=[{"column": "销售额", "weight": -1}]),
    _minimal(factors=[{"column": "销售额", "weight": "heavy"}]),
    _minimal(factors=[{"column": "a", "weight": 0}, {"column": "b", "weight": 0}]),
    _minimal(method="ahp"),
    _minimal(missing="zero"),
    _minimal(factors=[{"column": "销售额", "normalize": "rank"}]),
    _minimal(factors=[{"column": "销售额", "direction": "up"}]),
    _minimal(tiers={"shares": [0.2, 0.3, 0.4]}),
    _minimal(tiers={"shares": [0.5, 0.5]}),
    _minimal(tiers={"scheme": "threshold", "thresholds": [50]}),
    _minimal(tiers={"scheme": "abc", "labels": ["A", "B"], "cuts": [0.8, 0.95]}),
    _minimal(tiers={"scheme": "pyramid"}),
    _minimal(tiers={"labels": ["A", "A", "B"]}),
    _minimal(tiers={"labels": ["A", " ", "B"]}),
    _minimal(as_of="2024-13-01"),
    {"factors": [{"column": "a"}]},
    {"id_column": "id"},
    _minimal(factors=[]),
    _minimal(factors=["销售额"]),
    _minimal(factors=[{"weight": 1}]),
    _minimal(factors=[{"column": "a"}, {"column": "a"}]),
    _minimal(id_column=""),
    _minimal(tiers=["share"]),
    [1, 2],
    _minimal(tiers={"labels": 5}),
    '{"id_column": ',
    '{"id_column": "x", "factors": [{"column": "a"}], "method": "best"}',
]
BAD_FILES = [  # (content, name): files a library refuses to read
    (b"PK\x03\x04garbage", "broken.xlsx"),
    (b"PAR1xx", "broken.parquet"),
    (b"a,b,a\n1,2,3\n", "x.csv"),
    ("金额,客户\n10,a\nabc,b\n3,c\n".encode(), "x.csv"),
]


def _raised(action: Callable[[], object]) -> list:
    try:
        action()
    except InputError as exc:
        return [exc.args[0]]
    raise AssertionError(f"{action} raised nothing")


def _read(source, name: str | None = None) -> Iterator:
    try:
        ingest = read_table(source, name=name) if name else read_table(source)
    except InputError as exc:
        yield exc.args[0]
        return
    yield from ingest.notes
    yield from ingest.warnings
    yield from (c.note for c in ingest.conversions if c.note)
    try:
        scenario = default_scenario(detect_mapping(ingest.frame))
        ranking = rank_customers(ingest.frame, scenario, excluded=ingest.excluded)
    except InputError as exc:
        yield exc.args[0]
        return
    yield from ranking.warnings
    yield from ranking.excluded["reason"].tolist()


def _scenario(data) -> list:
    if isinstance(data, str):
        return _raised(lambda: Scenario.from_json(data))
    return _raised(lambda: Scenario.from_dict(data))


def cases() -> dict[str, list]:
    """Case name → the messages (str or Message) it produces, in order."""
    found: dict[str, list] = {}
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.name != "make_corpus.py":  # orders/ has its own tests
            found[f"corpus/{path.name}"] = list(_read(path))
    for k, (content, name) in enumerate(BAD_FILES):
        found[f"file {k}: {name}"] = list(_read(content, name))
    for k, data in enumerate(SCENARIOS):
        found[f"scenario {k}"] = _scenario(data)
    returns = pd.DataFrame(
        {"客户编号": ["a", "b"], "订单日期": ["2024-01-01", "2024-01-02"], "金额": [-5, -3]}
    )
    found["ahp: outside the scale"] = _raised(
        lambda: validate_pairwise([[1, 10], [0.1, 1]], names=["a", "b"])
    )
    found["ahp: not reciprocal"] = _raised(lambda: read_pairwise_csv(b",a,b\na,1,3\nb,3,1\n"))
    found["ahp: judge"] = _raised(lambda: combine_judges([np.ones((2, 2)), [[1, 0], [1, 1]]]))
    found["orders: no line"] = _raised(lambda: aggregate_orders(returns, as_of="2023-12-31"))
    found["allocation: negative share"] = _raised(lambda: AllocationPolicy(tier_shares={"A": -1}))
    found["rooms: bad code"] = _raised(lambda: parse_code("xx"))
    return found


def write() -> None:
    """Add the messages of new cases (their Chinese as the catalogues give it now); the
    messages already pinned, and the ``library_text`` list, are kept as they are."""
    from core.i18n import localize

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for messages in cases().values():
        for m in messages:
            golden["messages"].setdefault(str(m), localize(m, "zh"))
    golden["messages"] = dict(sorted(golden["messages"].items()))
    text = json.dumps(golden, ensure_ascii=False, indent=1) + "\n"
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"{len(golden['messages'])} messages in {GOLDEN.name}")


if __name__ == "__main__":
    write()
