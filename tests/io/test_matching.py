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
