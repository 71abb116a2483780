"""The package's layout shows the pipeline: stages in order, imports one way, small modules.

Read from the source (every import, those inside functions and ``TYPE_CHECKING``
blocks included), not from what happens to be loaded.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reports"

#: The stages in pipeline order: a module imports only its own stage and earlier ones.
STAGES = (
    "__init__",  # the version
    "cache",  # the content-addressed cache and the stat fingerprints of the memos
    "polish",
    "domain",
    "inputs",
    "checking",
    "document",
    "render",
    "publish",
    "pipeline",
    "web",
    "cli",
)
#: Libraries whose quirks live in one place, and the only stages that may import them.
LIBRARY_STAGES = {
    "openpyxl": {"inputs", "publish", "render"},
    "docx": {"render"},
    "jinja2": {"render", "publish", "web"},
    "weasyprint": {"render"},
}
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return _modules()[name].name == "__init__.py"


def _imports(name: str) -> set[str]:
    """The raport modules and the libraries ``name`` imports (dotted names)."""
    modules = _modules()
    tree = ast.parse(modules[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name if _is_package(name) else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                origin = f"{base}.{node.module}" if node.module else base
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                found.add(submodule if submodule in modules else origin)
    return found


def _internal(name: str) -> set[str]:
    return {target for target in _imports(name) if target in _modules() and target != name}


def _stage(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_top_level_reads_as_the_pipeline() -> None:
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert len(entries) <= 12, entries
    assert {Path(e).stem for e in entries if e not in {"templates"}} <= set(STAGES), entries


@pytest.mark.parametrize("name", sorted(_modules()))
def test_a_module_imports_only_its_stage_and_earlier_ones(name: str) -> None:
    order = STAGES.index(_stage(name))
    later = sorted(t for t in _internal(name) if STAGES.index(_stage(t)) > order)
    assert not later, f"{name} imports later stages: {later}"


def test_no_import_circle() -> None:
    """Tarjan's strongly connected components: every one is a single module."""
    graph = {name: _internal(name) for name in _modules()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert not circles


@pytest.mark.parametrize("library", sorted(LIBRARY_STAGES))
def test_a_library_is_imported_only_by_its_stages(library: str) -> None:
    users = {
        _stage(name)
        for name in _modules()
        if any(t == library or t.startswith(library + ".") for t in _imports(name))
    }
    assert users <= LIBRARY_STAGES[library], users


def test_the_domain_model_does_no_io() -> None:
    libraries = {"openpyxl", "docx", "jinja2", "weasyprint", "pydyf", "pikepdf"}
    for name in _modules():
        if _stage(name) == "domain":
            used = {t.split(".")[0] for t in _imports(name)}
            assert not used & libraries, (name, used & libraries)


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_module_is_over_600_lines(name: str) -> None:
    lines = len(_modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}: {lines} lines"
