"""Text of the join (participant) page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "join.title": ("加入研讨会", "Join the workshop"),
    "join.code": ("房间码", "Room code"),
    "join.need_code": (
        "请输入主持人给出的房间码，或扫描投影上的二维码。",
        "Enter the room code from the facilitator, or scan the QR code on the screen.",
    ),
    "join.too_many_lookups": (
        "尝试次数过多，请一分钟后再试。",
        "Too many attempts; try again in a minute.",
    ),
    "join.no_room": ("找不到该房间。{error}", "That room was not found. {error}"),
    "join.room": (
        "房间 {code} · 第 {round} 轮 · {status}",
        "Room {code} · round {round} · {status}",
    ),
    "join.open": ("可以提交", "open for submissions"),
    "join.closed": ("本轮已结束", "this round is closed"),
    "join.how": (
        "给每个因素打 0–100 的相对权重（↑ 越高越好，↓ 越低越好）；本轮结束前可以随时修改。",
        "Give each factor a relative weight from 0 to 100 (↑ higher is better, ↓ lower is "
        "better); you can change it until the round closes.",
    ),
    "join.mode": ("打分方式", "How to weigh"),
    "join.mode.sliders": ("滑块", "Sliders"),
    "join.mode.ahp": ("两两比较（AHP）", "Pairwise comparison (AHP)"),
    "join.how_ahp": (
        "每次比较两个因素，哪个更重要、重要多少；系统由这些比较算出你的权重（层次分析法）。"
        "本轮结束前可以随时修改。",
        "Compare the factors two at a time: which matters more, and how much. Your weights "
        "follow from these comparisons (AHP). You can change them until the round closes.",
    ),
    "join.ahp_many": (
        "{n} 个因素共需 {pairs} 组比较，已按因素分组；打开一组，只改你有看法的比较，"
        "其余保持不变即可。",
        "{n} factors make {pairs} comparisons, grouped by factor: open a group and change only "
        "the comparisons you have a view on; leave the others as they are.",
    ),
    "join.ahp_group": ("{factor} 与其他因素（{pairs} 组）", "{factor} against others ({pairs})"),
    "join.ahp_still_submit": (
        "仍然可以提交：提交的是这些比较算出的权重。",
        "You can still submit: the weights these comparisons give are what is stored.",
    ),
    "join.seat_hint": (
        "本页地址已记住你的席位：刷新或重新打开都会回到这里。请勿分享此链接。",
        "This page's address now holds your seat: reload or reopen it to carry on. Don't share "
        "the link.",
    ),
    "join.seat_unknown": (
        "链接中的席位不属于这个房间，已忽略；请输入名字加入。",
        "The seat in this link does not belong to this room and was ignored; join with your name.",
    ),
    "join.data": ("查看匿名数据（{rows} 行）", "See the anonymised data ({rows} rows)"),
    "join.name": ("你的名字（会显示给主持人）", "Your name (shown to the facilitator)"),
    "join.as": ("你以「{name}」的身份参加。", "You take part as “{name}”."),
    "join.weights": ("你的权重", "Your weights"),
    "join.submit": ("提交权重", "Submit weights"),
    "join.update": ("更新我的权重", "Update my weights"),
    "join.rejected": ("未能提交：{error}", "Not submitted: {error}"),
    "join.stored": (
        "已保存（第 {revision} 次提交）。",
        "Saved (submission number {revision}).",
    ),
    "join.wait": (
        "本轮已结束，请等待主持人开始下一轮；页面会自动更新。",
        "This round is closed; wait for the facilitator to open the next one. The page updates "
        "by itself.",
    ),
}
