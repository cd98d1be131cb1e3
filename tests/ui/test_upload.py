"""What the upload screen says about an outcome (ilp_dash.ui.upload): verdict lines and the problem report."""

from ilp_dash.io.problems import Problem, ValidationReport
from ilp_dash.region import upload
from ilp_dash.ui import upload as uv


# ------------------------------------------------------------------ what the screen says
def _p(file, severity, row=None):
    return Problem(file, row, None, severity, "x", "pesan", "message", "", "")


def test_verdict_lines_in_both_languages():
    report = ValidationReport(
        [
            _p("a.csv", "error", 2),
            _p("a.csv", "error", 3),
            _p("pustu.csv", "error", 5),
            _p("a.csv", "warning", 4),
        ]
    )
    refused = upload.UploadOutcome(
        False, "33.20", "posyandu", "a.csv", report, {"posyandu": 9}, {"posyandu": 9}, 0
    )
    ok, head, detail = uv.verdict(refused, "id")
    assert not ok and head == "Berkas ditolak: 3 galat. Data yang tampil tidak berubah."
    assert "Galat per berkas: a.csv 2, pustu.csv 1." in detail and "Juga 1 peringatan." in detail
    assert (
        uv.verdict(refused, "en")[1]
        == "File rejected: 3 errors. The data being served has not changed."
    )
    one = upload.UploadOutcome(
        False, "33.20", "posyandu", "a.csv", ValidationReport([_p("a.csv", "error")])
    )
    assert (
        uv.verdict(one, "en")[1] == "File rejected: 1 error. The data being served has not changed."
    )
    accepted = upload.UploadOutcome(
        True,
        "33.20",
        "pustu",
        "b.csv",
        ValidationReport([_p("b.csv", "warning")]),
        {"pustu": 1164},
        {"pustu": 1163},
        4,
        "pustu.csv",
    )
    ok, head, detail = uv.verdict(accepted, "id")
    assert ok and head == "Berkas diterima: Pustu 1.163 → 1.164 baris. Versi data sekarang 4."
    assert detail.startswith("b.csv disimpan sebagai pustu.csv") and "1 peringatan" in detail
    assert (
        uv.verdict(accepted, "en")[1]
        == "File accepted: Pustu 1,163 → 1,164 rows. Data version is now 4."
    )


def test_report_rows_put_errors_and_the_uploaded_file_first_and_skip_others_info():
    report = ValidationReport(
        [
            _p("pustu.csv", "info", 3),
            _p("a.csv", "info", 9),
            _p("pustu.csv", "error", 7),
            _p("a.csv", "warning", 2),
            _p("a.csv", "error", 8),
            _p("a.csv", "error", 4),
        ]
    )
    shown = uv.shown_problems(report, "a.csv")
    assert [(p.file, p.severity, p.row) for p in shown] == [
        ("a.csv", "error", 4),
        ("a.csv", "error", 8),
        ("pustu.csv", "error", 7),
        ("a.csv", "warning", 2),
        ("a.csv", "info", 9),
    ]
    rows = uv.problem_rows(shown[:1], "en")
    assert rows == [
        {
            "berkas": "a.csv",
            "baris": 4,
            "kolom": "",
            "tingkat": "ERROR",
            "pesan": "message",
            "perbaikan": "",
        }
    ]
    assert uv.problem_rows(shown[:1], "id")[0]["tingkat"] == "GALAT"
