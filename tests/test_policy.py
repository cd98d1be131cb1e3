"""Planning standards live once, in ``ilp_dash/policy.py``; every output names the same ambulance standard."""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest

from ilp_dash import policy

from .conftest import ROOT

PACKAGE = ROOT / "ilp_dash"
# names under which a planning standard was (or could be) defined again
STANDARD_NAME = re.compile(
    r"MINUTES|THRESHOLD|ALPHA|MIN_MEASURED|CIRCUITY|SPEED_KMH|BANDS|TARGET|HOTSPOT_SEED|EXTRA", re.I
)
STANDARD_ARGS = {
    "minutes",
    "alpha",
    "min_measured",
    "threshold",
    "circuity",
    "speed_kmh",
    "extra",
    "target_percent",
    "limit",
    "bands",
    "thresholds",
}
NOT_STANDARDS = {  # same names, other meanings
    "matching.py suggestions(limit=3)",  # how many close names a message suggests
}


def _literal(node: ast.AST):
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    numbers = value if isinstance(value, tuple) else (value,)
    if numbers and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in numbers):
        return value
    return None


def redefinitions(path) -> list[str]:
    """Numeric literals bound to a standard's name, or given as the default of a standard's argument."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            value = _literal(node.value) if node.value is not None else None
            if value is not None and any(STANDARD_NAME.search(n) and n.isupper() for n in names):
                found.append(f"{path.name}:{node.lineno} {names[0]} = {value!r}")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = (
                node.args.args[len(node.args.args) - len(node.args.defaults) :]
                + node.args.kwonlyargs
            )
            defaults = node.args.defaults + [d for d in node.args.kw_defaults]
            for arg, default in zip(args, defaults):
                if default is None or arg.arg not in STANDARD_ARGS:
                    continue
                value = _literal(default)
                if value is not None:
                    found.append(f"{path.name}:{node.lineno} {node.name}({arg.arg}={value!r})")
        elif isinstance(node, ast.Call):
            for kw in node.keywords:  # argparse: add_argument("--alpha", default=0.05)
                if kw.arg == "default" and node.args and isinstance(node.args[0], ast.Constant):
                    flag = str(node.args[0].value).lstrip("-").replace("-", "_")
                    value = _literal(kw.value)
                    if flag in STANDARD_ARGS and value is not None:
                        found.append(f"{path.name}:{node.lineno} --{flag} default={value!r}")
    return found


def test_no_planning_standard_is_defined_outside_policy():
    offenders = [
        f"{p.relative_to(ROOT)}: {hit}"
        for p in sorted(PACKAGE.rglob("*.py"))
        if p != PACKAGE / "policy.py"
        for hit in redefinitions(p)
        if re.sub(r":\d+", "", hit) not in NOT_STANDARDS
    ]
    assert offenders == []


def test_the_check_finds_a_planted_redefinition(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "AMBULANCE_MINUTES = 30.0\n"
        "def f(code, minutes: float = 15.0, *, alpha=0.05):\n    pass\n"
        "p.add_argument('--min-measured', type=int, default=20)\n"
    )
    assert len(redefinitions(planted)) == 4


def test_the_old_values_are_gone_from_the_text():
    """The three ambulance values of old (30, 15, 10 minutes) became one: no "30 min" ambulance text is left."""
    pattern = re.compile(r"(≤|<=)\s*30\s*(menit|min)[^\n]{0,30}ambulan", re.I)
    hits = [
        str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text())
    ]
    assert hits == []


@pytest.mark.parametrize(
    ("minutes", "inside"),
    [(30.0, True), (30.0000000001, True), (30.01, False), (np.inf, False), (0.0, True)],
)
def test_one_rule_for_a_threshold(minutes, inside):
    assert bool(policy.within([minutes], 30.0)[0]) is inside
    assert bool(policy.beyond([minutes], 30.0)[0]) is (not inside)


def test_missing_minutes_are_neither_within_nor_beyond():
    assert not policy.within([np.nan], 30.0)[0] and not policy.beyond([np.nan], 30.0)[0]


def test_standard_text_names_the_value_in_both_languages():
    assert "≤ 15 menit" in policy.ambulance_standard_text("id")
    assert "≤ 15 minutes" in policy.ambulance_standard_text("en")
