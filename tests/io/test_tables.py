import openpyxl
import pytest

from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.tables import norm_header, read_table

ALIASES = {"nama": ["nama_posyandu"], "desa": ["kelurahan"], "kader": ["jumlah_kader"]}


def test_norm_header():
    assert norm_header(" Nama Posyandu ") == "nama_posyandu"
    assert norm_header("RW/Dusun") == "rw_dusun"
    assert norm_header("Jumlah Kader (org)") == "jumlah_kader_org"


def test_semicolon_comment_and_aliases(write):
    p = write(
        "a.csv",
        "# DATA CONTOH SINTETIS\nNama Posyandu;Kelurahan;Jumlah Kader\nMelati;Kedungmalang;5\n",
    )
    rep = ValidationReport()
    t = read_table(p, ALIASES, rep, item="x", item_en="x")
    assert list(t.frame.columns) == ["nama", "desa", "kader"]
    assert t.rows == [3] and t.header_row == 2 and t.synthetic
    assert t.source_columns["nama"] == "Nama Posyandu"
    assert rep.problems == []


def test_latin1_is_read_with_warning(write):
    p = write("b.csv", "nama,desa\nPosyandu Señor,Kedungmalang\n", encoding="cp1252")
    rep = ValidationReport()
    t = read_table(p, ALIASES, rep, item="x", item_en="x")
    assert t.frame.loc[0, "nama"] == "Posyandu Señor"
    assert rep.codes() == ["encoding_latin1"] and rep.problems[0].severity == "warning"


def test_xlsx_title_rows_are_skipped(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR POSYANDU PUSKESMAS KEDUNG I TAHUN 2024"])
    ws.append([])
    ws.append(["Nama Posyandu", "Desa", "Jumlah Kader"])
    ws.append(["Melati", "Kedungmalang", 5])
    ws.append([None, None, None])
    ws.append(["Mawar", "Bulak Baru", 4.0])
    p = tmp_path / "c.xlsx"
    wb.save(p)
    rep = ValidationReport()
    t = read_table(p, ALIASES, rep, item="x", item_en="x")
    assert t.rows == [4, 6]
    assert t.frame["kader"].tolist() == ["5", "4"]
    assert rep.codes() == ["header_found_below"] and rep.problems[0].row == 3


@pytest.mark.parametrize(
    "text, code",
    [("", "file_empty"), ("nama,desa\n", "file_empty"), ("a,b\n1,2\n", "header_not_found")],
)
def test_unusable_tables(write, text, code):
    rep = ValidationReport()
    assert read_table(write("d.csv", text), ALIASES, rep, item="x", item_en="x") is None
    assert rep.codes() == [code]


def test_duplicate_canonical_column(write):
    rep = ValidationReport()
    assert (
        read_table(write("e.csv", "nama,nama posyandu\na,b\n"), ALIASES, rep, item="x", item_en="x")
        is None
    )
    assert rep.codes() == ["duplicate_column"]
