"""The bad-input corpus: every malformed file gives the exact line a user reads.

``tests/bad_input/`` holds files a district health office might bring (written
by ``tests/make_bad_input.py``); ``tests/bad_input/MANIFEST.csv`` lists per file
the ``ilp-dash validate`` flag, the region, the expected exit status and the
exact first line shown, in Bahasa Indonesia and English. Each file is checked
twice: through the CLI function (what a user sees on the terminal, in
``tests/cli/test_main.py``) and here through
:func:`ilp_dash.io.dataset.load_dataset` (the :class:`Problem` behind the line).
Rows marked ``known_bug`` crash the loader today; they are strict xfails that
hold the line the loader should print.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ilp_dash import cli
from ilp_dash.io.dataset import load_dataset
from ilp_dash.io.problems import DataValidationError, ValidationReport

HERE = Path(__file__).resolve().parents[1]  # tests/
CORPUS = HERE / "bad_input"
MANIFEST = CORPUS / "MANIFEST.csv"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
KIND_BY_FLAG = {
    "--posyandu": "posyandu",
    "--pustu": "pustu",
    "--puskesmas": "puskesmas",
    "--hospitals": "hospitals",
    "--ambulances": "ambulances",
    "--stunting": "stunting",
    "--population": "population",
}
SHAPEFILE_SIDECARS = (".shx", ".dbf", ".prj", ".cpg")


def _manifest() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CASES = _manifest()


def _params(cases):
    out = []
    for c in cases:
        marks = []
        if c["known_bug"]:
            marks.append(pytest.mark.xfail(reason=c["known_bug"], raises=TypeError, strict=True))
        out.append(pytest.param(c, id=c["file"], marks=marks))
    return out


def _load(case: dict[str, str]) -> tuple[int, ValidationReport]:
    """Load one corpus file with load_dataset: (exit status the CLI would give, report)."""
    path = CORPUS / case["file"]
    if case["flag"] == "--boundaries":
        files, boundaries = {}, path
    else:
        files, boundaries = {KIND_BY_FLAG[case["flag"]]: path}, None
    try:
        ds = load_dataset(case["region"], files, boundaries)
    except DataValidationError as exc:
        return 1, exc.report
    return 0, ds.report


def _first(report: ValidationReport):
    """The problem a user reads first: the CLI lists errors, then warnings, then notes."""
    return min(
        report.problems, key=lambda p: SEVERITY_ORDER[p.severity]
    )  # first of the lowest rank


# --- the manifest and the corpus ----------------------------------------------


def test_manifest_lists_every_corpus_file():
    listed = {c["file"] for c in CASES}
    assert len(listed) == len(CASES), "a file is listed twice"
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "MANIFEST.csv"}
    main_files = {n for n in on_disk if Path(n).suffix.lower() not in SHAPEFILE_SIDECARS}
    assert main_files == listed
    for name in on_disk - main_files:  # shapefile parts belong to a listed .shp
        assert Path(name).with_suffix(".shp").name in listed, name


def test_corpus_size_and_mix():
    errors = [c for c in CASES if c["exit"] == "1"]
    handled = [c for c in CASES if c["exit"] == "0"]
    assert len(CASES) >= 34
    assert len(errors) >= 30
    assert {c["code"] for c in handled} >= {
        "coord_swapped",
        "coord_decimal_comma",
        "coord_dms",
        "encoding_latin1",
        "header_found_below",
        "village_fuzzy",
        "coord_sign",
        "crs_reprojected",
        "geom_repaired",
    }
    for c in CASES:
        assert c["region"] and c["flag"] in {*KIND_BY_FLAG, "--boundaries"}, c["file"]
        assert (c["exit"] == "1") == (c["severity"] == "error"), c["file"]
        if c["severity"] == "info":  # validate hides INFO lines unless --verbose
            assert "--verbose" in c["args"].split(), c["file"]


def test_corpus_is_what_the_generator_writes(tmp_path):
    """``make_bad_input.py`` is deterministic and the committed files are up to date."""
    from tests import make_bad_input

    written = make_bad_input.build(tmp_path)
    committed = sorted(p for p in CORPUS.iterdir() if p.is_file())
    assert [p.name for p in written] == [p.name for p in committed]
    stale = [p.name for p in written if p.read_bytes() != (CORPUS / p.name).read_bytes()]
    assert not stale, f"run tests/make_bad_input.py to refresh: {stale}"


# --- what the user sees ------------------------------------------------------


@pytest.mark.parametrize("case", _params(CASES))
def test_loader_reports_expected_problem(case):
    status, report = _load(case)
    assert status == int(case["exit"])
    assert report.has_errors == (case["exit"] == "1")
    problem = _first(report)
    assert (problem.code, problem.severity) == (case["code"], case["severity"])
    assert problem.row == (int(case["row"]) if case["row"] else None)
    assert problem.column == (case["column"] or None)
    assert problem.text("id") == case["line_id"]
    assert problem.text("en") == case["line_en"]


@pytest.mark.parametrize("case", _params([c for c in CASES if c["exit"] == "1"]))
def test_error_names_its_place_and_a_fix(case):
    _, report = _load(case)
    problem = report.errors[0]
    line_id, line_en = problem.text("id"), problem.text("en")
    assert line_id.startswith(f"[GALAT] {case['file']}") and line_en.startswith(
        f"[ERROR] {case['file']}"
    )
    if case["level"] == "row":
        assert problem.row is not None and problem.column, (
            "a row-level error names its row and column"
        )
        assert f", baris {problem.row}, kolom '{problem.column}': " in line_id
        assert f", row {problem.row}, column '{problem.column}': " in line_en
    elif case["level"] == "header":
        assert problem.row is not None, "a header problem names the header row"
        assert f", baris {problem.row}" in line_id and f", row {problem.row}" in line_en
    assert problem.fix_id.strip() and problem.fix_en.strip()
    assert " Perbaikan: " in line_id and " Fix: " in line_en


def _loaded(name: str):
    case = next(c for c in CASES if c["file"] == name)
    path = CORPUS / name
    if case["flag"] == "--boundaries":
        return load_dataset(case["region"], {}, path).region.villages
    kind = KIND_BY_FLAG[case["flag"]]
    ds = load_dataset(case["region"], {kind: path})
    return ds.facilities[kind] if kind in ds.facilities else getattr(ds, kind)


def test_handled_files_load_the_repaired_values():
    """Files that only warn are loaded, and loaded right."""
    row = _loaded("posyandu_lintang_bujur_tertukar.csv").set_index("id").loc["PY-002"]
    assert (row.lat, row.lon, row.kode_desa) == (-6.6952, 110.6373, "33.20.01.2002")
    row = _loaded("posyandu_lintang_tanpa_minus.csv").set_index("id").loc["PY-002"]
    assert (row.lat, row.lon) == (-6.6952, 110.6373)
    row = _loaded("posyandu_koma_desimal.csv").set_index("id").loc["PY-001"]
    assert (row.lat, row.lon) == (-6.7099, 110.6178)
    row = _loaded("posyandu_koordinat_dms.csv").set_index("id").loc["PY-002"]
    assert (round(row.lat, 4), round(row.lon, 4)) == (
        -6.6952,
        110.6373,
    ) and not row.lokasi_perkiraan
    row = _loaded("posyandu_desa_mirip.csv").set_index("id").loc["PY-001"]
    assert (row.kode_desa, row.desa) == ("33.20.01.2001", "Kedungmalang")
    names = _loaded("posyandu_latin1.csv")["nama"].tolist()
    assert "Posyandu Melati Ñ" in names and "Posyandu Anggrék" in names
    assert len(_loaded("posyandu_judul_di_atas_bersih.xlsx")) == 4
    assert len(_loaded("posyandu_kecamatan_salah_desa_unik.csv")) == 4
    stunting = _loaded("stunting_anak_umur_lebih_59_bulan.csv")
    assert stunting["diukur"].sum() == 3  # the 67-month-old is not counted

    big = _loaded("batas_big_utm49s.zip")
    assert len(big) == 18 and set(big["kecamatan"]) == {"Kedung"}
    assert big.set_index("kode").loc["33.20.01.2010", "nama"] == "Bulak Baru"
    assert big.crs.to_epsg() == 4326 and big.total_bounds[0] > 110 and big.total_bounds[1] < -6
    for name in (
        "batas_utm_dengan_prj.shp",
        "batas_derajat_tanpa_prj.shp",
        "batas_poligon_bowtie.geojson",
    ):
        vil = _loaded(name)
        assert len(vil) == 3 and vil.is_valid.all(), name
        assert vil.geom_type.isin(["Polygon", "MultiPolygon"]).all(), name


def test_spreadsheet_rows_count_title_and_comment_lines():
    """Row numbers are the rows the user sees in Excel or a text editor."""
    by_file = {c["file"]: c for c in CASES}
    _, report = _load(by_file["posyandu_judul_dan_kader_salah.xlsx"])
    assert [(p.code, p.row) for p in report.problems] == [
        ("header_found_below", 3),
        ("bad_number", 5),
    ]
    _, report = _load(by_file["posyandu_kode_ganda.csv"])  # '# ...' comment line is row 1
    assert report.errors[0].row == 7 and "baris 3" in report.errors[0].message_id


# ------------------------------------------------------------------ the same corpus through the CLI
def _argv(case: dict[str, str]) -> list[str]:
    return [
        "validate",
        "--region",
        case["region"],
        case["flag"],
        str(CORPUS / case["file"]),
        *case["args"].split(),
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_cli_prints_expected_first_line(case, capsys):
    status = cli.main(_argv(case))
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert status == int(case["exit"]), out
    # --lang both: the first problem in Indonesian, then in English.
    assert lines[0] == case["line_id"], out
    assert lines[1] == case["line_en"], out
    assert case["line_id"] in out and case["line_en"] in out


def test_info_lines_need_verbose(capsys):
    case = next(c for c in CASES if c["file"] == "posyandu_judul_di_atas_bersih.xlsx")
    argv = [a for a in _argv(case) if a != "--verbose"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert case["line_id"] not in out
    assert out.splitlines()[0] == "Tidak ada masalah. / No problems found."


def test_console_script_exits_1_end_to_end():
    """The installed ``ilp-dash`` entry point, run as a user would."""
    exe = Path(sys.executable).with_name("ilp-dash")
    exe = str(exe) if exe.exists() else shutil.which("ilp-dash")
    assert exe, "the ilp-dash console script is not installed"
    case = next(c for c in CASES if c["file"] == "posyandu_luar_wilayah.csv")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [exe, *_argv(case)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[:2] == [case["line_id"], case["line_en"]]
    assert "1 galat, 0 peringatan. / 1 errors, 0 warnings." in proc.stdout
