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

# field → (中文, English) per position; "resources" is filled in by resource_shares().
_POSITION_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "top": {
        "service_level": (
            "定制化产品与服务、VIP 优先权益、快速响应机制",
            "Customised products and services, VIP priority rights, fast-response mechanism",
        ),
        "contact_frequency": (
            "每周联系；每季度高层对话",
            "Weekly contact; quarterly executive dialogue",
        ),
        "account_team": (
            "专属服务团队（客户经理 + 技术与服务支持）",
            "Dedicated service team (account manager + technical and service support)",
        ),
        "marketing": (
            "联合规划、共同制定年度计划、专属活动",
            "Joint planning, a shared annual plan, exclusive events",
        ),
        "kpis": ("客户终身价值、NPS、留存率、钱包份额", "CLV, NPS, retention, share of wallet"),
    },
    "middle": {
        "service_level": (
            "标准服务加优先处理；培育其向最高组发展",
            "Standard service with priority handling; nurture toward the top group",
        ),
        "contact_frequency": ("每月定期拜访", "Regular monthly visits"),
        "account_team": ("客户经理（共享）", "Shared account manager"),
        "marketing": ("促销活动、交叉销售、升级推荐", "Promotions, cross-selling, up-selling"),
        "kpis": ("销售增长、交叉销售率、回购率", "Sales growth, cross-sell rate, repurchase rate"),
    },
    "bottom": {
        "service_level": (
            "标准产品、自助服务；研究其需求，决定培育或放弃",
            "Standard products, self-service; research their needs, decide whom to cultivate",
        ),
        "contact_frequency": ("每季度或按需", "Quarterly or on demand"),
        "account_team": (
            "低成本渠道：电话、线上、经销商",
            "Low-cost channels: phone, online, dealers",
        ),
        "marketing": ("标准化营销、线上活动", "Standardised marketing, online campaigns"),
        "kpis": ("服务成本、转化率、流失率", "Cost to serve, conversion rate, churn rate"),
    },
}

_QUADRANT_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "strategic": _POSITION_TEXT["top"],
    "high_potential": {
        "service_level": (
            "优先资源投入，培育为战略型客户",
            "Invest resources first; develop into strategic customers",
        ),
        "contact_frequency": ("每两周联系", "Every two weeks"),
        "account_team": ("客户经理 + 解决方案专家", "Account manager + solution specialist"),
        "marketing": (
            "交叉销售、试用与样品、共同开发新需求",
            "Cross-selling, trials and samples, co-develop new needs",
        ),
        "kpis": ("销售增长率、钱包份额、转化率", "Sales growth, share of wallet, conversion rate"),
    },
    "basic": {
        "service_level": (
            "保持稳定服务，控制服务成本",
            "Keep service steady while controlling cost to serve",
        ),
        "contact_frequency": ("每月定期拜访", "Regular monthly visits"),
        "account_team": ("客户经理（共享）", "Shared account manager"),
        "marketing": (
            "忠诚度计划、续约与回购激励",
            "Loyalty programme, renewal and repurchase offers",
        ),
        "kpis": ("回购率、利润率、满意度", "Repurchase rate, margin, satisfaction"),
    },
    "low_efficiency": _POSITION_TEXT["bottom"],
}

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
    texts = {**_POSITION_TEXT, **_QUADRANT_TEXT}
    pick = 0 if lang == "zh" else 1
    playbook = {}
    for label, kind, share in zip(labels, kinds, resource_shares(kinds), strict=True):
        entry = {name: pair[pick] for name, pair in texts[kind].items()}
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
