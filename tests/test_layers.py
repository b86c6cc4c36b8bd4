"""The house's layers: imports point one way, from the front ends down to the cables, and
no module's import leads back to itself (read from the source with `ast`, so a new file is
checked without being listed here)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "config")

_BELOW_CHAT = {"bot.cables", "bot.search", "bot.desk", "config"}
_BELOW_HANDLERS = _BELOW_CHAT | {"bot.chat"}
_BELOW_FRONT_ENDS = _BELOW_HANDLERS | {"handlers", "bot.render"}
# Each layer and the layers it may import besides itself. `bot/desk` sits beside
# `bot/cables`, for the chat layer and above; `config` reads the bundled library's place.
MAY_IMPORT: dict[str, set[str]] = {
    "bot.cables": set(),
    "bot.desk": {"bot.cables", "config"},
    "config": {"bot.cables"},
    "bot.search": {"bot.cables", "config"},
    "bot.chat": _BELOW_CHAT,
    "handlers": _BELOW_HANDLERS,
    "bot.render": _BELOW_HANDLERS | {"handlers"},
    "bot.discord": _BELOW_FRONT_ENDS,
    # `cablebot run` starts the Discord bot.
    "bot.cli": _BELOW_FRONT_ENDS | {"bot.discord"},
    # The package itself: `bot.create_bot`.
    "bot": {"bot.discord"},
}
# Outside libraries only some layers may use: Discord in the front ends and their renderer.
ONLY_IN = {"discord": {"bot.discord", "bot.cli", "bot.render"}}


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    target: str
    line: int
    # Run when the importer is imported: not inside a function or `if TYPE_CHECKING:`.
    at_load: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((REPO / package).rglob("*.py"))
    }


def _layer(module: str) -> str:
    """The longest layer name `module` is in (`bot.chat.grammar` -> `bot.chat`)."""
    return max((layer for layer in MAY_IMPORT if _within(module, layer)), key=len)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path, modules: set[str]) -> Iterator[Import]:
    def visit(node: ast.AST, at_load: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) or (
                isinstance(child, ast.If) and _is_type_checking(child.test)
            ):
                yield from visit(child, False)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(module, alias.name, child.lineno, at_load)
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0 and child.module, f"{path}:{child.lineno}: relative"
                yield Import(module, child.module, child.lineno, at_load)
                for alias in child.names:
                    submodule = f"{child.module}.{alias.name}"
                    if submodule in modules:  # `from handlers import cable`
                        yield Import(module, submodule, child.lineno, at_load)
            else:
                yield from visit(child, at_load)

    yield from visit(ast.parse(path.read_text("utf-8"), str(path)), True)


def _all_imports() -> list[Import]:
    sources = _sources()
    modules = set(sources)
    return [found for name, path in sources.items() for found in _imports(name, path, modules)]


def _ours(target: str) -> bool:
    return target.split(".")[0] in PACKAGES


def test_imports_follow_the_layers() -> None:
    wrong = []
    for found in _all_imports():
        here = _layer(found.importer)
        if _ours(found.target):
            there = _layer(found.target)
            allowed = there == here or there in MAY_IMPORT[here]
        else:
            allowed = here in ONLY_IN.get(found.target.split(".")[0], {here})
        if not allowed:
            wrong.append(f"{found.importer}:{found.line} imports {found.target}")
    assert wrong == []


def test_the_layer_check_sees_every_layer() -> None:
    # The check cannot pass by reading nothing: each layer is there and imports something.
    importers = {_layer(found.importer) for found in _all_imports()}
    assert importers >= set(MAY_IMPORT) - {"bot.desk"}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules along it; None when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def walk(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            found = walk(target)
            if found is not None:
                return found
        path.pop()
        done.add(module)
        return None

    return next((c for c in map(walk, sorted(graph)) if c is not None), None)


def _load_graph() -> dict[str, set[str]]:
    """What importing each module imports at once. A module's own packages are left out:
    they are being imported already when it is, without needing anything from it."""
    modules = set(_sources())
    graph: dict[str, set[str]] = {}
    for found in _all_imports():
        if found.at_load and found.target in modules and not _within(found.importer, found.target):
            graph.setdefault(found.importer, set()).add(found.target)
    return graph


def test_no_import_cycle_when_loading() -> None:
    assert _cycle(_load_graph()) is None


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = _load_graph()
    graph.setdefault("bot.chat.grammar", set()).add("handlers.cable")  # the old back arrow
    cycle = _cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]
    assert "handlers.cable" in cycle and "bot.chat.grammar" in cycle
