"""The package tree: no import cycle between any two modules of core or ui.

The layer rules (imports point downwards only) are import-linter contracts in pyproject.toml,
checked by ``lint-imports`` in .ci/run; this test adds what a layers contract cannot see, a
cycle between modules of the same package. Imports under ``if TYPE_CHECKING`` do not count.
"""

from __future__ import annotations

import grimp
import pytest


def import_cycles(package: str) -> list[list[str]]:
    """Every cycle found by a depth-first walk of ``package``'s module imports."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(imported) == 1:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                visit(imported, path)
        path.pop()
        state[module] = 2

    for module in sorted(graph.modules):
        if module not in state:
            visit(module, [])
    return cycles


@pytest.mark.parametrize("package", ["core", "ui"])
def test_no_import_cycles(package: str) -> None:
    assert import_cycles(package) == []


def test_a_cycle_is_found(tmp_path, monkeypatch) -> None:
    root = tmp_path / "loop"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from loop import b\n")
    (root / "b.py").write_text("from loop import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("loop") == [["loop.a", "loop.b", "loop.a"]]
