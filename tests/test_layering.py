"""The package's picture is its architecture: layers imported in one direction only, no cycles.

Every ``import`` in ``ilp_dash/`` is read with :mod:`ast` — function-level ones
too — and resolved to the package module it names. The layers, each allowed
to import only those before it::

    config, i18n, access, policy → io → analysis → sample → region → ui → pages → web → cli
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "ilp_dash"
LAYERS = ("foundation", "io", "analysis", "sample", "region", "ui", "pages", "web", "cli")
FOUNDATION = ("ilp_dash", "ilp_dash.config", "ilp_dash.i18n", "ilp_dash.access", "ilp_dash.policy")
DASH = re.compile(r"^\s*(import dash|from dash)\b", re.M)


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    """Dotted name → file of every module in the package."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → package modules it imports (anywhere in the file, ``from x import module`` resolved)."""
    modules = module_names(root)
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        graph[name]
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_pkg else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules]
                targets = subs + ([mod] if len(subs) < len(node.names) else [])
            else:
                continue
            for target in targets:
                if target == "ilp_dash" or target.startswith("ilp_dash."):
                    found = _resolve(target, modules)
                    if found and found != name and found != "ilp_dash":
                        graph[name].add(found)
    return dict(graph)


def layer_of(module: str) -> int:
    if module in FOUNDATION:
        return 0
    return LAYERS.index(module.split(".")[1])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from a later layer than the importer's own."""
    return sorted(
        (a, b) for a, targets in graph.items() for b in targets if layer_of(b) > layer_of(a)
    )


def test_every_module_belongs_to_a_layer():
    unknown = [m for m in module_names() if m not in FOUNDATION and m.split(".")[1] not in LAYERS]
    assert unknown == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_no_import_against_the_layer_order():
    assert upward_imports(import_graph()) == []


def test_the_checks_catch_what_they_look_for(tmp_path):
    """A planted cycle (through a function-level import) and an upward import are both found."""
    pkg = tmp_path / "ilp_dash"
    for folder in ("io", "region", "ui"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "io" / "a.py").write_text("def f():\n    from ilp_dash.region import b\n")
    (pkg / "region" / "b.py").write_text("from ilp_dash.io import a\nfrom . import c\n")
    (pkg / "region" / "c.py").write_text("from ilp_dash.ui.d import x\n")
    (pkg / "ui" / "d.py").write_text("x = 1\n")
    graph = import_graph(pkg)
    assert cycles(graph) == [["ilp_dash.io.a", "ilp_dash.region.b"]]
    assert upward_imports(graph) == [
        ("ilp_dash.io.a", "ilp_dash.region.b"),
        ("ilp_dash.region.c", "ilp_dash.ui.d"),
    ]


def test_io_and_analysis_do_not_import_dash():
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("ilp_dash/io", "ilp_dash/analysis", "ilp_dash/region")
        for p in (ROOT / folder).rglob("*.py")
        if DASH.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_two_unrelated_modules_share_a_name():
    """A module's name is its topic: the same name in two layers is the same topic, never two."""
    topics = {
        "coverage",
        "stunting",
        "referral",
        "ambulance",
        "upload",
        "briefing",
        "display",
        "versions",
        "login",
        "hotspots",
        "roads",
        "facilities",
        "__init__",
        "__main__",
    }
    by_name = defaultdict(list)
    for name in module_names():
        by_name[name.rsplit(".", 1)[-1]].append(name)
    shared = {k: v for k, v in by_name.items() if len(v) > 1 and k not in topics}
    assert shared == {}


def test_modules_stay_small():
    """A file that passes ~400 lines is usually two topics (message catalogues excepted)."""
    catalogues = {"ilp_dash/io/messages.py"}
    big = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420
        and str(p.relative_to(ROOT)) not in catalogues
    }
    assert big == {}


def test_app_never_reads_shared_folder():
    for p in (ROOT / "ilp_dash").rglob("*.py"):
        assert "shared/data" not in p.read_text(encoding="utf-8"), p
