"""Every ``--json`` output of the ``ilp-dash`` command is JSON and nothing else.

Each command runs in a subprocess (``python -m ilp_dash.cli``) and the WHOLE of
its stdout goes through ``json.loads``: a solver banner, a progress line or a
warning on stdout breaks every script that parses it. Messages go to stderr.
The commands with ``--json``: ``regions``, ``validate``, ``site``,
``versions list`` (``grep 'add_argument("--json"' ilp_dash/cli``).
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from ilp_dash.analysis.siting import solver

from ..conftest import ROOT

DEMAND_CSV = "id,lon,lat,weight\nd0,110.00,-6.50,10\nd1,110.05,-6.50,20\nd2,110.30,-6.50,30\n"
CAND_CSV = "id,lon,lat\nc0,110.00,-6.50\nc1,110.30,-6.50\n"
# d0–d1 are 5.5 km apart (10.7 min at 1.3 × 40 km/h), d2 is 33 km from c0 and 0 km from c1


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # this tree; ILP_DATA_DIR: the session's data copy
    return subprocess.run(
        [sys.executable, "-m", "ilp_dash.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def _json(run: subprocess.CompletedProcess):
    """The whole of stdout as JSON (raises if anything else is on it)."""
    assert "HiGHS" not in run.stdout, run.stdout[:300]
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError as exc:
        pytest.fail(f"stdout is not pure JSON ({exc}):\n{run.stdout[:500]}\n{run.stderr[-500:]}")


def test_regions_json():
    run = _cli("regions", "--json")
    assert run.returncode == 0, run.stderr
    regions = {r["code"]: r for r in _json(run)}
    assert {"33.20", "35.03", "35.79", "18.10"} <= set(regions)
    assert regions["33.20"]["villages"] == regions["33.20"]["desa"] + regions["33.20"]["kelurahan"]


def test_validate_json_clean_and_broken(tmp_path):
    data = os.environ["ILP_DATA_DIR"]
    run = _cli("validate", "--region", "33.20", "--data", f"{data}/33.20", "--json")
    assert run.returncode == 0, run.stderr
    report = _json(run)
    assert report["ok"] is True and report["errors"] == 0
    # a Puskesmas register with no recognised column: exit 1, the report is still pure JSON
    bad = tmp_path / "puskesmas.csv"
    bad.write_text("kolom_asing,lainnya\n1,2\n", encoding="utf-8")  # synthetic
    run = _cli("validate", "--region", "33.20", "--puskesmas", str(bad), "--json")
    assert run.returncode == 1
    report = _json(run)
    assert report["ok"] is False and report["errors"] >= 1
    assert any(p["file"] == "puskesmas.csv" for p in report["problems"])


@pytest.mark.parametrize("backend", ["highspy", "scipy"])
def test_site_json_has_no_solver_text(write, backend):
    if backend == "highspy" and not solver._has_highspy():
        pytest.skip("highspy not installed")
    files = [
        "--demand",
        str(write("d.csv", DEMAND_CSV)),
        "--candidates",
        str(write("c.csv", CAND_CSV)),
    ]
    common = [*files, "--minutes", "15", "--json", "--backend", backend]
    run = _cli("site", *common, "--k", "1")
    assert run.returncode == 0, run.stderr
    out = _json(run)
    # c0 covers d0+d1 (30), c1 covers d2 (30): a tie, 30 of 60 either way
    assert out["backend"] == backend and out["objective"] == 30 and out["total_weight"] == 60
    run = _cli("site", *common, "--model", "pmedian", "--k", "2")
    assert _json(run)["assignment"] == {"d0": "c0", "d1": "c0", "d2": "c1"}
    run = _cli("site", *common, "--model", "lscp")
    assert run.returncode == 0 and _json(run)["selected"] == ["c0", "c1"]


def test_site_errors_go_to_stderr(write):
    files = [
        "--demand",
        str(write("d.csv", DEMAND_CSV)),
        "--candidates",
        str(write("c.csv", CAND_CSV)),
    ]
    run = _cli("site", *files, "--minutes", "15", "--json")  # mclp without --k
    assert run.returncode == 2 and run.stdout == "" and "--k" in run.stderr
    broken = write("bad.csv", "id,lon,lat,weight\nd0,110,-6.5,sepuluh\n")  # synthetic
    run = _cli(
        "site", "--demand", str(broken), "--candidates", files[3], "--k", "1", "--minutes", "15"
    )
    assert run.returncode == 1 and run.stdout == "" and "baris 2" in run.stderr


def test_versions_list_json():
    run = _cli("versions", "list", "33.20", "--json")
    assert run.returncode == 0, run.stderr
    rows = _json(run)
    assert rows and sum(r["current"] for r in rows) == 1
    assert {"version", "created", "source", "files"} <= set(rows[0])


def _tiny_mclp() -> solver.MilpProblem:
    # max 3 x0 + 2 x1  s.t.  x0 + x1 <= 1, binary: x0 = 1, objective 3
    return solver.MilpProblem(
        c=np.array([3.0, 2.0]),
        col_lb=np.zeros(2),
        col_ub=np.ones(2),
        integer=np.ones(2, dtype=np.int32),
        indptr=np.array([0, 1, 2]),
        indices=np.array([0, 0]),
        data=np.array([1.0, 1.0]),
        row_lb=np.array([-np.inf]),
        row_ub=np.array([1.0]),
        maximize=True,
    )


@pytest.mark.parametrize("backend", ["highspy", "scipy"])
def test_solver_writes_nothing_to_stdout(capfd, backend):
    """At file-descriptor level: HiGHS's banner is C output that capsys would not see."""
    if backend == "highspy" and not solver._has_highspy():
        pytest.skip("highspy not installed")
    capfd.readouterr()
    milp = solver.solve_milp(_tiny_mclp(), backend=backend)
    lp = solver.solve_lp(_tiny_mclp(), backend=backend)
    out, err = capfd.readouterr()
    assert milp.status == "optimal" and milp.objective == 3 and list(milp.x) == [1, 0]
    assert lp.status == "optimal" and lp.objective == pytest.approx(3)
    assert out == "" and "HiGHS" not in err
