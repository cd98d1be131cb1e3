import pandas as pd
import pytest

from ilp_dash.io.matching import VillageMatcher, normalise_code, normalise_name

VILLAGES = pd.DataFrame(
    {
        "kode": [
            "33.20.01.2001",
            "33.20.01.2002",
            "33.20.15.2001",
            "33.20.13.2001",
            "33.20.02.2001",
            "33.20.03.2001",
        ],
        "nama": ["Bulak Baru", "Kedungmalang", "Pakis Aji", "Kalinyamatan", "Sukodono", "Sukodono"],
        "kode_kec": ["33.20.01", "33.20.01", "33.20.15", "33.20.13", "33.20.02", "33.20.03"],
        "kecamatan": ["Kedung", "Kedung", "Pakis Aji", "Kalinyamatan", "Pecangaan", "Welahan"],
    }
)


@pytest.fixture
def m():
    return VillageMatcher(VILLAGES)


@pytest.mark.parametrize(
    "raw, norm",
    [
        ("Bulak Baru", "bulakbaru"),
        ("Desa Bulakbaru", "bulakbaru"),
        ("Kel. Pakis-Aji", "pakisaji"),
        ("  KEDUNG MALANG ", "kedungmalang"),
        ("Pekon Sukoharjo", "sukoharjo"),
    ],
)
def test_normalise_name(raw, norm):
    assert normalise_name(raw) == norm


@pytest.mark.parametrize(
    "raw, code",
    [
        ("33.20.01.2001", "33.20.01.2001"),
        ("3320012001", "33.20.01.2001"),
        ("33 20 01 2001", "33.20.01.2001"),
        ("33-20-01-2001", "33.20.01.2001"),
        ("33.20.01", None),
        ("abc", None),
    ],
)
def test_normalise_code(raw, code):
    assert normalise_code(raw) == code


def test_code_first(m):
    r = m.match("3320012002", "whatever", None)
    assert (r.code, r.method) == ("33.20.01.2002", "kode")


def test_unknown_code(m):
    assert m.match("33.20.99.2001").method == "bad_code"


def test_normalised_name_within_kecamatan(m):
    assert m.match(None, "Bulakbaru", "Kedung").code == "33.20.01.2001"
    assert m.match(None, "Pakisaji", "Pakis Aji").code == "33.20.15.2001"
    assert m.match(None, "Kedung Malang", "kec. kedung").method == "nama"


def test_fuzzy_name(m):
    r = m.match(None, "Kalinyamat", "Kalinyamatan")
    # ratio("kalinyamat", "kalinyamatan") = 2*10/22 = 90.9
    assert (r.code, r.method, r.score) == ("33.20.13.2001", "fuzzy", 90.9)


def test_ambiguous_without_kecamatan(m):
    r = m.match(None, "Sukodono", None)
    assert r.method == "ambiguous" and set(r.candidates) == {"33.20.02.2001", "33.20.03.2001"}
    assert m.match(None, "Sukodono", "Welahan").code == "33.20.03.2001"


def test_unknown_name_and_kecamatan(m):
    assert m.match(None, "Desaku", "Kedung").method == "none"
    # a unique name still matches when the kecamatan is unknown; the caller warns
    r = m.match(None, "Kedungmalang", "Kecamatan Antah")
    assert (r.code, r.kecamatan_known) == ("33.20.01.2002", False)
    assert m.match(None, "Sukodono", "Kecamatan Antah").method == "ambiguous"
    assert m.suggestions("Kedungmalng", "33.20.01")[0] == "Kedungmalang"


# --- through a register: one fuzzy warning per distinct name, one report line per name ----------


def test_fuzzy_warning_once_per_name_listing_rows(write, jepara):
    from ilp_dash.io.facilities import load_facilities

    # 12 rows of 'Kedungmalng' (Kedungmalang, 96%) and 12 of 'Bulakbru' (Bulak Baru), interleaved
    body = "".join(f"P{i},Kedungmalng,Kedung\nQ{i},Bulakbru,Kedung\n" for i in range(12))
    res = load_facilities(
        write("p.csv", "nama_posyandu,desa,kecamatan\n" + body), "posyandu", jepara
    )
    fuzzy = [p for p in res.report.problems if p.code == "village_fuzzy"]
    assert [(p.row, p.column) for p in fuzzy] == [(2, "desa"), (3, "desa")]
    rows_k = ", ".join(str(r) for r in range(2, 26, 2))  # 2, 4, …, 24
    assert fuzzy[0].message_en == (
        "'Kedungmalng' was matched to village Kedungmalang (33.20.01.2001), similarity 96%"
        f" — 12 rows: {rows_k}."
    )
    assert fuzzy[1].message_id.startswith("'Bulakbru' dicocokkan dengan Desa Bulak Baru")
    assert "— 12 baris: 3, 5, 7" in fuzzy[1].message_id
    # the match report: one line per distinct name with its rows
    rep = res.matches
    assert rep[["desa_tertulis", "jumlah_baris", "cara", "desa"]].values.tolist() == [
        ["Kedungmalng", 12, "fuzzy", "Kedungmalang"],
        ["Bulakbru", 12, "fuzzy", "Bulak Baru"],
    ]
    assert rep["baris"].iloc[0] == "; ".join(str(r) for r in range(2, 26, 2))


def test_single_fuzzy_row_keeps_the_plain_message(write, jepara):
    from ilp_dash.io.facilities import load_facilities

    res = load_facilities(
        write("p.csv", "nama_posyandu,desa,kecamatan\nA,Kedungmalng,Kedung\n"), "posyandu", jepara
    )
    assert [p for p in res.report.problems if p.code == "village_fuzzy"][0].message_en == (
        "'Kedungmalng' was matched to village Kedungmalang (33.20.01.2001), similarity 96%."
    )
