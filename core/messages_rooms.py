"""Chinese for the messages of workshop rooms (see :mod:`core.messages`).

Room codes, participant names and tokens, submitted weights, rounds and the room store.
"""

ROOMS: tuple[tuple[str, str], ...] = (
    # Codes, names and weights (core.rooms)
    (
        "room code {code!r}: a code is {n} letters and digits such as {example}; check it with "
        "the facilitator",
        "房间码「{code}」：房间码由 {n} 个字母和数字组成，例如 {example}；请向主持人确认",
    ),
    (
        "name {name!r}: give a name of 1 to {n} characters (letters, digits, spaces)",
        "名字「{name}」：请填写 1 到 {n} 个字符（字母、数字、空格）",
    ),
    (
        'weights: give an object such as {"column": weight, …}',
        '权重：请给出对象，例如 {"column": weight, …}',
    ),
    (
        "weights: unknown factor(s) {unknown} and missing factor(s) {missing}; give one weight "
        "for each of: {columns}",
        "权重：未知的因素 {unknown}，缺少的因素 {missing}；请为以下每个因素给出一个权重：{columns}",
    ),
    (
        "weights: {c!r} has {value}; use a number ≥ 0",
        "权重：「{c}」的值为 {value}；请使用 ≥ 0 的数",
    ),
    (
        "weights: all weights are zero; give at least one factor a weight",
        "权重：所有权重都为零；请至少给一个因素权重",
    ),
    (
        "room summary: nobody has submitted weights in this round yet",
        "房间汇总：本轮还没有人提交权重",
    ),
    # The room store (core.rooms_db, core.rooms_store; its folder: see messages_scenario)
    (
        "room store {where}: {error}; check the file or the DATABASE_URL",
        "房间数据库 {where}：{error}；请检查文件或 DATABASE_URL",
    ),
    (
        "this browser's participant token is not valid for the room; join again with a new name",
        "此浏览器的参与者凭证对该房间无效；请用新名字重新加入",
    ),
    (
        "the name {name!r} is taken in this room; choose another name",
        "名字「{name}」在本房间已被使用；请换一个名字",
    ),
    (
        "room {code} is full ({n} participants); ask the facilitator",
        "房间 {code} 已满（{n} 位参与者）；请联系主持人",
    ),
    (
        "no room with code {code}; check the code with the facilitator",
        "没有房间码为 {code} 的房间；请向主持人确认房间码",
    ),
    (
        "room {code}: the facilitator key is wrong; use the key shown when the room was created",
        "房间 {code}：主持人密钥不正确；请使用创建房间时显示的密钥",
    ),
    (
        "room {code}: round {n} is closed; wait for the facilitator to open the next round",
        "房间 {code}：第 {n} 轮已结束；请等待主持人开始下一轮",
    ),
    (
        "too many submissions: at most {n} per minute; wait a moment and submit again",
        "提交过于频繁：每分钟最多 {n} 次；请稍后再提交",
    ),
)

ROOMS_WORDS = {"room store": "房间数据库"}
