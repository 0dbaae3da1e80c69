"""The window's modules depend on each other in one direction: widgets never import dialogs, and
no chain of imports among the ui modules comes back to where it began.

Read from the source (no Qt needed): every import counts, at the top of a module or inside a
function; only those for type checkers alone (`if TYPE_CHECKING:`) are left out of the circle
check, as they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import lkoe_desktop

PACKAGE = Path(lkoe_desktop.__file__).parent
UI = "lkoe_desktop.ui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _for_type_checkers(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
    return name == "TYPE_CHECKING"


def _imports(tree: ast.AST, *, running: bool) -> Iterator[str]:
    """Every module an import statement in `tree` names (a `from` import's names too, which may
    be modules); with `running`, not those under `if TYPE_CHECKING:`."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if running and _for_type_checkers(node):
            assert isinstance(node, ast.If)
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        pending.extend(ast.iter_child_nodes(node))


def _imported_modules(name: str, *, running: bool) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    return {found for found in _imports(tree, running=running) if found in MODULES} - {name}


def ui_graph() -> dict[str, set[str]]:
    """Each ui module and the ui modules it imports when it runs."""
    return {
        name: {found for found in _imported_modules(name, running=True) if found.startswith(UI)}
        for name in MODULES
        if name.startswith(UI)
    }


def circle(graph: dict[str, set[str]]) -> list[str]:
    """One chain of imports that comes back to where it began, or [] if there is none."""
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> list[str]:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return []
        path.append(name)
        for following in sorted(graph.get(name, ())):
            found = visit(following)
            if found:
                return found
        path.pop()
        done.add(name)
        return []

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return []


def test_no_widget_imports_a_dialog() -> None:
    widgets = [name for name in MODULES if name.startswith(f"{UI}.widgets.")]
    assert widgets
    importing = {
        name: sorted(
            found for found in _imported_modules(name, running=False) if ".dialogs" in found
        )
        for name in widgets
    }
    assert {name: found for name, found in importing.items() if found} == {}


def test_no_chain_of_imports_among_the_ui_modules_comes_back() -> None:
    assert circle(ui_graph()) == []


def test_an_import_inside_a_function_counts_and_one_for_type_checkers_does_not() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from lkoe_desktop.ui.forms.form import FormDialog\n"
        "def open_meeting() -> None:\n"
        "    from lkoe_desktop.ui.dialogs.meeting_form import open_meeting_form\n"
    )
    found = set(_imports(ast.parse(source), running=True))
    assert "lkoe_desktop.ui.dialogs.meeting_form" in found
    assert "lkoe_desktop.ui.forms.form" not in found


def test_a_circle_is_found_and_a_chain_without_one_is_not() -> None:
    assert circle({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
