"""Command line: ``room`` — workshop rooms from a terminal or a script.

::

    room create --scenario FILE.json [--show-data INPUT] [--json]
        open a room; prints the join code and the facilitator key (keep the key secret)
    room submit CODE --participant NAME --weights '{"column": weight, …}'
        submit (or replace) NAME's weights for the current round
    room summary CODE [--key-file FILE] [--data INPUT] [--method mean|median|geometric] [--json]
        participants, consensus weights, Kendall's W of the current round
    room export CODE [--key-file FILE] --out FILE.json|FILE.csv
        every round and every submission

Every subcommand takes ``--db PATH|URL`` (default: the app's store, see core.workshop.db).

The facilitator key (``summary``, ``export``) is read from ``--key-file FILE`` (its first line;
``-`` reads standard input), else from ``$CIW_ROOM_KEY``: never from the command line, which
every user of the computer can see (``ps``). ``--key KEY`` is still accepted, with a warning.

From the command line a participant is identified by name alone (case-insensitive): a second
``submit`` with the same name replaces that person's earlier submission for the round. In the
app each participant holds a secret token instead, so nobody can change another's weights.

``summary`` computes Kendall's W over the customer rankings the participants' weights give on
``--data INPUT`` (the same scenario, each participant's weights); without ``--data``, over the
factor rankings of the weight vectors themselves (``"w_basis": "factors"``). NaN W (fewer than
two participants) prints as null.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from core.analysis.consensus import CONSENSUS_METHODS
from core.cli.common import add_json, err, json_text, load_scenario, print_json
from core.errors import InputError
from core.i18n import msg
from core.ingest.read import read_table
from core.mapping.row_ids import with_row_ids
from core.method.json_limits import check_json_limits
from core.report.export import write_csv
from core.workshop.rooms import RoomStore
from core.workshop.rules import format_code, summarize

ENV_KEY = "CIW_ROOM_KEY"
KEY_READ = 4096  # characters read from a key file at most (a key is 43)


def add_room_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``room`` and its subcommands."""
    parser = subparsers.add_parser(
        "room",
        help="live workshop rooms: create, submit weights, summarise, export",
        description="Workshop rooms: participants submit weights, the room finds a consensus.",
    )
    actions = parser.add_subparsers(dest="room_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="open a room for a scenario")
    create.add_argument("--scenario", required=True, metavar="FILE.json", help="scenario JSON")
    submit = actions.add_parser("submit", help="submit or replace a participant's weights")
    submit.add_argument("code", metavar="CODE")
    submit.add_argument("--participant", required=True, metavar="NAME", help="display name")
    submit.add_argument("--weights", required=True, metavar="JSON", help='{"column": weight}')
    summary = actions.add_parser("summary", help="consensus and agreement of the current round")
    summary.add_argument("code", metavar="CODE")
    summary.add_argument("--data", metavar="INPUT", help="customer table for Kendall's W")
    summary.add_argument("--method", choices=CONSENSUS_METHODS, default="mean")
    export = actions.add_parser("export", help="all rounds and submissions as JSON or CSV")
    export.add_argument("code", metavar="CODE")
    export.add_argument("--out", required=True, metavar="FILE", help="FILE.json or FILE.csv")
    for sub in (summary, export):
        _add_key(sub)
    for sub in (create, submit, summary, export):
        sub.add_argument("--db", metavar="PATH|URL", help="room store (default: the app's)")
    for sub in (create, summary):
        add_json(sub)


def _add_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key-file",
        metavar="FILE",
        help=f"read the facilitator key from FILE's first line (- = stdin); else ${ENV_KEY}",
    )
    parser.add_argument(
        "--key",
        metavar="KEY",
        help=f"the key itself: UNSAFE, other users see it (ps); use ${ENV_KEY} or --key-file",
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def facilitator_key(args: argparse.Namespace) -> str:
    """The facilitator key: ``--key-file`` (``-``: stdin), else ``--key`` (with a warning: the
    command line is public), else ``$CIW_ROOM_KEY``; InputError when none gives one."""
    if args.key_file is not None:
        if args.key_file == "-":
            text = sys.stdin.read(KEY_READ)
        else:
            with open(args.key_file, encoding="utf-8", errors="replace") as file:
                text = file.read(KEY_READ)
        key = _first_line(text)
        if not key:
            raise InputError(msg("cli.room_key_file_empty", path=args.key_file))
        return key
    if args.key is not None:
        err(f"warning: {msg('cli.room_key_on_command_line', env=ENV_KEY)}")
        return args.key
    key = os.environ.get(ENV_KEY, "").strip()
    if not key:
        raise InputError(msg("cli.room_key_missing", env=ENV_KEY))
    return key


def _weights(text: str) -> dict[str, Any]:
    check_json_limits(text, "--weights")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(msg("cli.weights_not_json", column=exc.colno, detail=exc.msg)) from None
    if not isinstance(data, dict):
        raise InputError(msg("cli.weights_not_object"))
    return data


def _create(store: RoomStore, args: argparse.Namespace) -> None:
    created = store.create_room(load_scenario(args.scenario))
    if args.json:
        print_json({"code": created.code, "facilitator_key": created.facilitator_key})
        return
    print(f"code: {format_code(created.code)}")
    print(f"facilitator key: {created.facilitator_key}")
    print("keep the key secret: it opens the facilitator view and the summary")


def _submit(store: RoomStore, args: argparse.Namespace) -> None:
    receipt = store.submit(args.code, args.participant, _weights(args.weights), by_name=True)
    print(f"stored: {receipt.participant}, round {receipt.round}, revision {receipt.revision}")


def _summary(store: RoomStore, args: argparse.Namespace) -> None:
    room = store.room(args.code)
    table = store.submissions(args.code, facilitator_key(args), round=room.round)
    frame = with_row_ids(read_table(Path(args.data))).frame if args.data else None
    summary = summarize(table, room.scenario, args.method, frame)
    if args.json:
        data = {
            "participants": len(summary.participants),
            "round": room.round,
            "round_open": room.round_open,
            "method": args.method,
            "consensus": {k: v for k, v in summary.consensus.items()},
            "kendall_w": summary.kendall_w,
            "w_basis": summary.w_basis,
        }
        print_json(data)
        return
    state = "open" if room.round_open else "closed"
    print(f"room {format_code(room.code)}, round {room.round} ({state})")
    print(f"participants: {len(summary.participants)}")
    w = "-" if math.isnan(summary.kendall_w) else f"{summary.kendall_w:.3f}"
    print(f"Kendall's W: {w} (over {summary.w_basis} rankings)")
    print(f"consensus ({args.method}):")
    for column, weight in summary.consensus.items():
        print(f"  {column}: {weight:.4f}")


def _export(store: RoomStore, args: argparse.Namespace) -> None:
    out = Path(args.out)
    if out.suffix.lower() not in (".json", ".csv"):
        raise InputError(msg("cli.room_export_suffix", path=args.out))
    key = facilitator_key(args)
    if out.suffix.lower() == ".json":
        text = json_text(store.export(args.code, key), indent=2)
        out.write_text(text + "\n", encoding="utf-8")
    else:
        write_csv(store.submissions(args.code, key), out)
    print(f"wrote: {out}")


ACTIONS = {"create": _create, "submit": _submit, "summary": _summary, "export": _export}


def run_room(args: argparse.Namespace) -> int:
    """Run one ``room`` action; InputError (exit 2) for bad input or a wrong key."""
    ACTIONS[args.room_action](RoomStore(args.db), args)
    return 0
