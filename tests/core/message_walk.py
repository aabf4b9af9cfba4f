"""The messages the core can show a user, found in its source (for tests/core/test_messages.py).

:class:`CoreMessages` walks the syntax trees of the core modules and turns every message it
finds into a sample text with plausible values, so a test can check each one has Chinese.
"""

from __future__ import annotations

import ast
from pathlib import Path

Functions = ast.FunctionDef | ast.AsyncFunctionDef
CORE = Path(__file__).resolve().parents[2] / "core"
GENERIC = "word"  # the sample value of a placeholder nothing pins down
NESTED = "Weights: all weights are zero; give at least one factor a weight > 0."  # for {exc}
MARKERS = ("warning", "reason", "note")  # names of what carries text for the user


def core_trees() -> dict[str, ast.Module]:
    """Every core module the app can run (the CLI's own modules and this table left out)."""
    return {
        path.stem: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(CORE.glob("*.py"))
        if not path.stem.startswith(("cli", "messages"))
    }


def _scoped(node: ast.AST, scope: Functions | None = None):
    """Every node under ``node`` with the function it is in."""
    for child in ast.iter_child_nodes(node):
        inner = child if isinstance(child, Functions) else scope
        yield child, inner
        yield from _scoped(child, inner)


def _marked(name: str | None) -> bool:
    """``warnings``, ``table_warnings``, ``_conversion_warning``, ``note``: not ``note_html``."""
    return name is not None and name.lower().split("_")[-1].rstrip("s") in MARKERS


def _name(node: ast.AST) -> str | None:
    """The variable a target or call is about: ``x``, ``x[i]``, ``x.append`` → ``x``."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


class CoreMessages:
    """The messages a set of core modules can produce, found in their syntax trees.

    A message is the first argument of an ``…Error(…)`` call, or text appended, assigned or
    passed to a ``warnings``/``reason``/``note`` variable or parameter or returned by a
    ``…warning`` function; a call to a core helper stands for the texts it returns. Each
    placeholder becomes a sample value: the texts the source binds it to (a parameter's
    literal arguments or default, a local assignment, a loop over literal tuples, a helper's
    return), else ``word`` (``{exc}``: a nested message).
    """

    def __init__(self, trees: dict[str, ast.Module]) -> None:
        self.nodes = {m: list(_scoped(tree)) for m, tree in trees.items()}
        self.functions = {  # nested functions too; a module-level one wins a name clash
            (m, node.name): node
            for m, tree in trees.items()
            for node in [*ast.walk(tree), *tree.body]
            if isinstance(node, Functions)
        }
        self.imports = {
            m: {
                alias.asname or alias.name: (node.module.removeprefix("core."), alias.name)
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("core.")
                for alias in node.names
            }
            for m, tree in trees.items()
        }

    def samples(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Sample message → (where it is raised, the literal fragments in it)."""
        found = {}
        for module, pairs in self.nodes.items():
            for node, scope in pairs:
                for expr, position in self._carried(module, node, scope):
                    for template, where, fn in self._texts(module, expr, scope, position):
                        for text, fragments in self._fill(where, template, fn):
                            found.setdefault(text, (f"{where}:{template.lineno}", fragments))
        return found

    def _carried(self, module: str, node: ast.AST, scope: Functions | None):
        """The expressions ``node`` hands to the user as a message (with a tuple position)."""
        in_marked = scope is not None and _marked(scope.name)
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called.endswith("Error") or (
                called == "append" and (in_marked or _marked(_name(func)))
            ):
                yield node.args[0], None
            elif target := self._resolve(module, node):
                params = [a.arg for a in target[1].args.args]
                given = [*zip(params, node.args, strict=False)]
                given += [(k.arg, k.value) for k in node.keywords]
                yield from ((value, None) for param, value in given if _marked(param))
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.NamedExpr):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Tuple):
                    for k, element in enumerate(target.elts):
                        if _marked(_name(element)) and isinstance(node.value, ast.Call):
                            yield node.value, k
                elif _marked(_name(target)):
                    yield node.value, None
        elif isinstance(node, ast.Return) and in_marked and node.value is not None:
            yield node.value, None

    def _resolve(self, module: str, call: ast.Call) -> tuple[str, Functions] | None:
        """The core function a call by name runs, with its module."""
        if not isinstance(call.func, ast.Name):
            return None
        key = (module, call.func.id)
        key = key if key in self.functions else self.imports[module].get(call.func.id)
        return (key[0], self.functions[key]) if key in self.functions else None

    def _texts(self, module, expr, scope, position=None, seen=()):
        """The string and f-string nodes ``expr`` can evaluate to (module and function)."""
        if isinstance(expr, ast.JoinedStr) or (
            isinstance(expr, ast.Constant) and isinstance(expr.value, str)
        ):
            yield expr, module, scope
        elif isinstance(expr, ast.IfExp):
            for branch in (expr.body, expr.orelse):
                yield from self._texts(module, branch, scope, position, seen)
        elif isinstance(expr, ast.List | ast.Tuple):
            chosen = [expr.elts[position]] if position is not None else expr.elts
            for element in chosen:
                yield from self._texts(module, element, scope, None, seen)
        elif isinstance(expr, ast.ListComp | ast.GeneratorExp):
            yield from self._texts(module, expr.elt, scope, None, seen)
        elif isinstance(expr, ast.BinOp | ast.BoolOp):
            for part in (expr.left, expr.right) if isinstance(expr, ast.BinOp) else expr.values:
                yield from self._texts(module, part, scope, position, seen)
        elif isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.Name) and func.id in ("tuple", "list") and expr.args:
                yield from self._texts(module, expr.args[0], scope, position, seen)
            elif (target := self._resolve(module, expr)) and target[1] not in seen:
                where, fn = target
                for value in self._returns(where, fn):
                    yield from self._texts(where, value, fn, position, (*seen, fn))

    def _returns(self, module: str, fn: Functions) -> list[ast.AST]:
        """What ``fn`` returns (its ``return`` expressions)."""
        return [
            node.value
            for node, scope in self.nodes[module]
            if isinstance(node, ast.Return) and scope is fn and node.value is not None
        ]

    def _fill(self, module: str, template: ast.AST, scope: Functions | None):
        """Sample texts of a template: every placeholder at its first value, then each other
        value of each placeholder in turn; with the literal fragments each sample holds."""
        if isinstance(template, ast.Constant):
            yield template.value, ()
            return
        choices = []
        for part in template.values:
            if isinstance(part, ast.Constant):
                choices.append([(part.value, None)])
                continue
            values = self._values(module, part.value, scope)
            if part.conversion == ord("r"):  # a value shown as data, not a phrase
                choices.append([(repr(v), None) for v, _ in values])
            else:
                choices.append([(v, v if literal else None) for v, literal in values])
        base = [c[0] for c in choices]
        variants = [base] + [
            [*base[:i], other, *base[i + 1 :]] for i, c in enumerate(choices) for other in c[1:]
        ]
        for parts in variants:
            yield "".join(t for t, _ in parts), tuple(f for _, f in parts if f)

    def _values(self, module: str, expr: ast.AST, scope: Functions | None):
        """(value, is a literal of the source) for one placeholder."""
        if isinstance(expr, ast.Call) and (target := self._resolve(module, expr)):
            where, fn = target
            texts = [
                t for value in self._returns(where, fn) for t in self._literals(where, value, fn)
            ]
            return [(t, True) for t in texts] or [(GENERIC, False)]
        if not isinstance(expr, ast.Name) or scope is None:
            return [(GENERIC, False)]
        if expr.id == "exc":
            return [(NESTED, False)]
        bound = [*self._arguments(module, scope, expr.id), *self._assigned(module, scope, expr.id)]
        values = [(v, True) for e, m, s in bound if e is not None for v in self._literals(m, e, s)]
        if not bound or any(e is None or not self._literals(m, e, s) for e, m, s in bound):
            values.insert(0, (GENERIC, False))
        return values

    def _arguments(self, module: str, fn: Functions, name: str):
        """What the calls of ``fn`` pass for its parameter ``name`` (None: not literal)."""
        params = [a.arg for a in fn.args.args]
        if name not in params:
            return
        k = params.index(name)
        with_default = params[len(params) - len(fn.args.defaults) :]
        defaults = dict(zip(with_default, fn.args.defaults, strict=True))
        if name in defaults:
            yield defaults[name], module, fn
        for caller, pairs in self.nodes.items():
            for node, scope in pairs:
                if isinstance(node, ast.Call) and self._resolve(caller, node) == (module, fn):
                    given = {kw.arg: kw.value for kw in node.keywords}
                    arg = node.args[k] if k < len(node.args) else given.get(name)
                    if arg is not None:
                        yield arg, caller, scope

    def _assigned(self, module: str, fn: Functions, name: str):
        """Local assignments and literal loops that bind ``name`` inside ``fn``."""
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            ):
                yield node.value, module, fn
            elif (
                isinstance(node, ast.For)
                and isinstance(node.target, ast.Tuple)
                and isinstance(node.iter, ast.Tuple | ast.List)
            ):
                names = [_name(t) for t in node.target.elts]
                if name in names:
                    k = names.index(name)
                    for row in node.iter.elts:
                        yield (row.elts[k] if isinstance(row, ast.Tuple) else None), module, fn

    def _literals(self, module: str, expr: ast.AST, scope: Functions | None) -> list[str]:
        """The texts a literal expression can take: strings, f-strings (sampled), ``a if c
        else b``, ``x or "none"``, ``{…}[k]`` and ``{…}.get(k, d)``; [] when not literal."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, ast.JoinedStr):
            return [text for text, _ in self._fill(module, expr, scope)]
        if isinstance(expr, ast.Name) and scope is not None:
            return [
                text
                for value, where, fn in self._assigned(module, scope, expr.id)
                if value is not None
                for text in self._literals(where, value, fn)
            ]
        parts = []
        if isinstance(expr, ast.IfExp):
            parts = [expr.body, expr.orelse]
        elif isinstance(expr, ast.BoolOp):
            parts = expr.values
        elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Dict):
            parts = expr.value.values
        elif (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and expr.func.attr == "get"
            and isinstance(expr.func.value, ast.Dict)
        ):
            parts = [*expr.func.value.values, *expr.args[1:]]
        return [text for part in parts for text in self._literals(module, part, scope)]
