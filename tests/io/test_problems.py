"""The validation report (io/problems.py): problems, their text and JSON, and the error it raises."""

import json
from pathlib import Path

import pytest

from ilp_dash.io.problems import DataValidationError, Problem, ValidationReport, raise_if_errors


def sample_report() -> ValidationReport:
    """A warning, an error and an info note, added out of severity order."""
    report = ValidationReport()
    report.add("encoding_latin1", file="desa.csv", severity="warning")
    report.add(
        "missing_value",
        file=Path("/data/33.20/desa.csv"),
        row=5,
        column="penduduk",
        field="penduduk",
    )
    report.add("header_found_below", file="desa.csv", severity="info", header_row=3)
    return report


def test_add_fills_the_catalogue_and_sorts_by_severity():
    report = sample_report()
    assert report.codes() == ["encoding_latin1", "missing_value", "header_found_below"]
    assert [p.code for p in report.errors] == ["missing_value"]
    assert [p.code for p in report.warnings] == ["encoding_latin1"]
    assert report.has_errors
    error = report.errors[0]
    assert error == Problem(
        file="desa.csv",  # a Path is reduced to its name
        row=5,
        column="penduduk",
        severity="error",
        code="missing_value",
        message_id="Nilai 'penduduk' kosong.",
        message_en="'penduduk' is empty.",
        fix_id="Isi nilai penduduk pada baris ini atau hapus baris ini.",
        fix_en="Fill in penduduk on this row or delete the row.",
    )
    empty = ValidationReport()
    assert not empty.has_errors and empty.errors == [] and empty.warnings == []
    assert empty.to_text() == "Tidak ada masalah. / No problems found."


def test_to_text_names_file_row_column_and_fix_in_both_languages():
    report = sample_report()
    assert report.to_text().split("\n") == [
        "[GALAT] desa.csv, baris 5, kolom 'penduduk': Nilai 'penduduk' kosong."
        " Perbaikan: Isi nilai penduduk pada baris ini atau hapus baris ini.",
        "[ERROR] desa.csv, row 5, column 'penduduk': 'penduduk' is empty."
        " Fix: Fill in penduduk on this row or delete the row.",
        "",
        "[PERINGATAN] desa.csv: Berkas bukan UTF-8; dibaca sebagai Windows-1252 (Latin-1)."
        " Perbaikan: Simpan ulang sebagai 'CSV UTF-8' agar huruf khusus tidak berubah.",
        "[WARNING] desa.csv: The file is not UTF-8; it was read as Windows-1252 (Latin-1)."
        " Fix: Save it again as 'CSV UTF-8' so special letters are kept.",
        "",
        # an empty fix adds no "Fix:" part
        "[INFO] desa.csv: Baris judul di atas tabel dilewati; header ada di baris 3.",
        "[INFO] desa.csv: Title rows above the table were skipped; the header is on row 3.",
        "",
        "1 galat, 1 peringatan. / 1 errors, 1 warnings.",
    ]
    english = report.to_text(langs=("en",)).split("\n")
    assert english[0].startswith("[ERROR] desa.csv, row 5, column 'penduduk': ")
    assert not any(line.startswith(("[GALAT]", "[PERINGATAN]")) for line in english)


def test_to_json_round_trip():
    report = sample_report()
    out = json.loads(report.to_json())
    assert (out["ok"], out["errors"], out["warnings"]) == (False, 1, 1)
    assert [Problem(**d) for d in out["problems"]] == report.problems
    assert json.loads(ValidationReport().to_json()) == {
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "problems": [],
    }


def test_raise_if_errors_carries_the_report():
    clean = ValidationReport()
    clean.add("encoding_latin1", file="desa.csv", severity="warning")
    raise_if_errors(clean)  # warnings alone do not raise
    report = sample_report()
    matches = object()
    with pytest.raises(DataValidationError) as exc:
        raise_if_errors(report, matches)
    assert exc.value.report is report and exc.value.matches is matches
    assert isinstance(exc.value, ValueError)
    assert str(exc.value) == (
        "[ERROR] desa.csv, row 5, column 'penduduk': 'penduduk' is empty."
        " Fix: Fill in penduduk on this row or delete the row."
    )
    report.add("file_not_found", file="puskesmas.csv")
    with pytest.raises(DataValidationError, match=r"is empty\. .* \(\+1 more errors\)$"):
        raise_if_errors(report)
