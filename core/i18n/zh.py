"""中文 catalogue: message id → template (the same ids and fields as :mod:`core.i18n.en`)."""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}：{message}",
    # Resource allocation (core.allocation): caps and minimums
    "allocation.minimum_above_caps": (
        "资源配置：分组「{tier}」的保底为 {minimum}，但其 {customers} 个客户 × 单个客户上限 {cap} "
        "最多只能分到 {most}；请降低保底或提高上限"
    ),
}
