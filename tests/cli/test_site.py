"""``ilp-dash site`` (ilp_dash/cli/site.py): ambulance base siting from two small CSV files."""

import json
import subprocess
import sys

import pytest

from ilp_dash.cli import main

from ..conftest import ROOT

DEMAND_CSV = "id,lon,lat,weight\nd0,110.00,-6.50,10\nd1,110.05,-6.50,20\nd2,110.30,-6.50,30\n"
CAND_CSV = "# contoh / sample\nid,lon,lat,nama\nc0,110.00,-6.50,Satu\nc1,110.30,-6.50,Dua\n"
# d0–d1 are 5.5 km apart (10.7 min at 1.3 × 40 km/h), d2 is 33 km away from both.


def _files(write, demand=DEMAND_CSV, cand=CAND_CSV):
    return [
        "--demand",
        str(write("demand.csv", demand)),
        "--candidates",
        str(write("cand.csv", cand)),
    ]


def test_cli_mclp_json(write, capsys):
    code = main(["site", *_files(write), "--k", "1", "--minutes", "15", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    # c0 covers d0 and d1 (30), c1 covers d2 (30): a tie — either is optimal
    assert out["objective"] == 30 and out["covered_weight"] == 30 and out["total_weight"] == 60
    assert out["status"] == "optimal" and out["gap"] == 0 and len(out["selected"]) == 1
    assert {"selected", "seconds", "speed_kmh", "circuity"} <= set(out)
    main(["site", *_files(write), "--k", "2", "--minutes", "15", "--fixed", "c1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["selected"] == ["c0", "c1"] and out["objective"] == 60 and out["fixed"] == ["c1"]


def test_cli_table_and_speed(write, capsys):
    # at 20 km/h d1 is 21.4 minutes from c0: only d0 is within 15 minutes of c0
    assert main(["site", *_files(write), "--k", "1", "--minutes", "15", "--speed-kmh", "20"]) == 0
    text = capsys.readouterr().out
    assert "MCLP" in text and "optimal" in text and "c1" in text and "30" in text


def test_cli_lscp_impossible_and_pmedian(write, capsys):
    code = main(["site", *_files(write), "--model", "lscp", "--minutes", "5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["status"] == "impossible" and out["unreachable"] == ["d1"]
    code = main(["site", *_files(write), "--model", "lscp", "--minutes", "5"])
    assert code == 1 and "d1" in capsys.readouterr().out
    code = main(
        ["site", *_files(write), "--model", "pmedian", "--k", "2", "--minutes", "15", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["selected"] == ["c0", "c1"]
    assert out["assignment"] == {"d0": "c0", "d1": "c0", "d2": "c1"}


@pytest.mark.parametrize(
    ("demand", "message"),
    [
        ("id,lon,lat\nd0,110,-6.5\n", "columns missing: weight"),
        (
            "id,lon,lat,weight\nd0,110,-6.5,10\nd1,abc,-6.5,1\n",
            "row 3, column 'lon': 'abc' is not a number",
        ),
        ('id,lon,lat,weight\nd0,110,-6.5,10\nd1,"110,5",-6.5,1\n', "use a decimal point"),
        (
            "id,lon,lat,weight\nd0,110,-6.5,10\nd0,110,-6.5,1\n",
            "row 3, column 'id': 'd0' duplicates row 2",
        ),
        ("id,lon,lat,weight\nd0,-6.5,110,10\n", "lat and lon swapped"),
        ("id,lon,lat,weight\nd0,110,-6.5,-3\n", "column 'weight': -3 is negative"),
        ("id,lon,lat,weight\n", "no data rows"),
        ("", "empty file"),
    ],
)
def test_cli_bad_csv(write, capsys, demand, message):
    code = main(["site", *_files(write, demand=demand), "--k", "1", "--minutes", "15"])
    err = capsys.readouterr().err
    assert code == 1 and message in err and "demand.csv" in err


def test_cli_missing_k_and_missing_file(write, capsys):
    assert main(["site", *_files(write), "--minutes", "15"]) == 2
    assert "--k is required" in capsys.readouterr().err
    assert (
        main(
            [
                "site",
                "--demand",
                "nope.csv",
                "--candidates",
                "nope.csv",
                "--k",
                "1",
                "--minutes",
                "1",
            ]
        )
        == 1
    )
    assert "cannot be opened" in capsys.readouterr().err
    assert main(["site", *_files(write), "--k", "1", "--minutes", "15", "--fixed", "zz"]) == 1
    assert "not among the candidates" in capsys.readouterr().err


def test_cli_subprocess(write):
    exe = ROOT / ".venv" / "bin" / "ilp-dash"
    if not exe.exists():
        pytest.skip("console script not installed")
    done = subprocess.run(
        [str(exe), "site", *_files(write), "--k", "2", "--minutes", "15", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["objective"] == 60 and out["selected"] == ["c0", "c1"]


def test_site_path_imports_no_heavy_modules():
    """The CLI budget (≤ 1.5 s) leaves no room for pandas/geopandas/scipy.optimize."""
    code = (
        "import sys; import ilp_dash.cli.site, ilp_dash.analysis.siting.models, ilp_dash.analysis.distance; "
        "print(sorted(m for m in ('pandas', 'geopandas', 'scipy.optimize', 'dash') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "[]", done.stderr
