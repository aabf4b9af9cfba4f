"""The strategy playbook (METHOD.md §5): what each customer group gets, and how much of it.

A playbook maps a tier to one text per field (service level, contact frequency, account
team, marketing, share of resources in %, KPIs). Defaults come from the tier's *position*
(highest, middle, lowest) or, for the value × potential scheme, from its quadrant; the user's
edits are stored in ``Scenario.playbook`` by tier *key* (core.method.tiers.tier_keys), so they
survive new labels, and override the defaults field by field. :func:`resolve_playbook` gives the
playbook to show keyed by label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.errors import ScenarioError
from core.i18n import msg
from core.method.scenario_schema import PLAYBOOK_FIELDS as FIELDS
from core.method.tiers import tier_keys

# Default strategy texts live in the catalogues as ``playbook.<kind>.<field>``; the strategic
# and low-efficiency quadrants share the top and bottom positions' texts.
_TEXT_KIND = {"strategic": "top", "low_efficiency": "bottom"}
_TEXT_FIELDS = tuple(f for f in FIELDS if f != "resources")  # "resources": resource_shares()

QUADRANTS = ("strategic", "high_potential", "basic", "low_efficiency")
# Relative claim on limited resources (sales hours, budget, account managers) per group kind.
_RESOURCE_WEIGHT = {
    "top": 50.0,
    "middle": 35.0,
    "bottom": 15.0,
    "strategic": 45.0,
    "high_potential": 30.0,
    "basic": 20.0,
    "low_efficiency": 5.0,
}


def positions(count: int) -> list[str]:
    """The position of each of ``count`` tiers, best first: top, middle …, bottom."""
    if count <= 1:
        return ["top"] * count
    return ["top", *["middle"] * (count - 2), "bottom"]


def group_kinds(count: int, scheme: str) -> list[str]:
    """Position names, or quadrant names for the value × potential scheme with 4 groups."""
    return list(QUADRANTS) if scheme == "quadrant" and count == 4 else positions(count)


def resource_shares(kinds: Sequence[str]) -> list[int]:
    """Whole-percent shares of resources per group, adding up to exactly 100.

    share_k = 100 · w_k / Σ w, rounded by largest remainder (so the total stays 100).
    """
    weights = [_RESOURCE_WEIGHT[k] for k in kinds]
    if not weights:
        return []
    exact = [100.0 * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda k: shares[k] - exact[k])
    for k in by_remainder[: 100 - sum(shares)]:
        shares[k] += 1
    return shares


def default_playbook(labels: Sequence[str], scheme: str, lang: str) -> dict[str, dict[str, str]]:
    """The default strategy per tier label (labels best first), in ``lang`` ('zh' or 'en')."""
    kinds = group_kinds(len(labels), scheme)
    playbook = {}
    for label, kind, share in zip(labels, kinds, resource_shares(kinds), strict=True):
        text_kind = _TEXT_KIND.get(kind, kind)
        entry = {name: msg(f"playbook.{text_kind}.{name}").render(lang) for name in _TEXT_FIELDS}
        entry["resources"] = str(share)
        playbook[str(label)] = {name: entry[name] for name in FIELDS}
    return playbook


def resolve_playbook(
    saved: Mapping[str, Mapping[str, str]],
    labels: Sequence[str],
    scheme: str,
    lang: str,
    keys: Sequence[str] | None = None,
) -> dict[str, dict[str, str]]:
    """The playbook to show, keyed by label: the defaults, overridden field by field by the
    saved entries (keyed by tier key, ``keys`` in label order; default: the scheme's keys; an
    entry saved under the label itself is read too).

    Only the current tiers appear; a saved entry for a tier no longer in use is ignored
    (it stays in the scenario, so switching back to that scheme brings it back).
    """
    stable = tier_keys(scheme, len(labels)) if keys is None else keys
    playbook = default_playbook(labels, scheme, lang)
    for (label, entry), key in zip(playbook.items(), stable, strict=True):
        own = saved.get(key) or saved.get(label) or {}
        entry.update({k: str(v) for k, v in own.items() if k in FIELDS})
    return playbook


def resource_total(playbook: Mapping[str, Mapping[str, str]]) -> float:
    """The sum of the groups' resource shares in %; ScenarioError names a non-numeric one."""
    total = 0.0
    for label, entry in playbook.items():
        text = str(entry.get("resources", "0")).strip().rstrip("%").strip() or "0"
        try:
            total += float(text)
        except ValueError:
            raise ScenarioError(
                msg(
                    "playbook.share_resources_not_number_write",
                    label=label,
                    value=entry.get("resources"),
                )
            ) from None
    return total
