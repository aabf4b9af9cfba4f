"""Messages with identities say in Chinese what the pattern-matched translation said.

``messages_golden.json`` holds the English and the Chinese of every message of the cases in
``golden_messages.py``, written before messages carried identities. Where that Chinese held a
library's English text inside the sentence, the library text is now a separate detail after a
fully Chinese explanation: those cases are listed under ``library_text`` with both forms.
"""

import json

import pytest

from core.i18n import Message, localize
from tests.core.i18n.golden_messages import GOLDEN, cases

GOLD = json.loads(GOLDEN.read_text(encoding="utf-8"))
PRODUCED = [(case, m) for case, ms in cases().items() for m in ms]


@pytest.mark.parametrize(("case", "message"), PRODUCED, ids=[c for c, _ in PRODUCED])
def test_each_message_keeps_its_english_and_chinese(case: str, message) -> None:
    assert isinstance(message, Message), f"{case}: {message!r} has no identity"
    english = str(message)
    assert english in GOLD["messages"], f"{case}: the English changed: {english!r}"
    changed = GOLD["library_text"].get(english)
    expected = changed["now"] if changed else GOLD["messages"][english]
    assert localize(message, "zh") == expected


def test_every_golden_message_is_still_produced() -> None:
    produced = {str(m) for _, m in PRODUCED}
    assert sorted(set(GOLD["messages"]) - produced) == []


def test_library_text_cases_are_listed_with_the_old_chinese() -> None:
    for english, forms in GOLD["library_text"].items():
        assert forms["before"] == GOLD["messages"][english]
        assert forms["detail"] in forms["before"]  # the library's text, once inside
        assert forms["now"].endswith(f"（详情：{forms['detail']}）")  # now after the sentence
        assert forms["detail"] not in forms["now"].removesuffix(f"（详情：{forms['detail']}）")
