"""Reading the sea-links table (io/sea_links.py)."""

import pandas as pd
import pytest

from ilp_dash.io.problems import DataValidationError
from ilp_dash.io.sea_links import read_sea_links

SEA_HEADER = "nama,dari,lintang_dari,bujur_dari,ke,lintang_ke,bujur_ke,menit\n"


def test_sea_links_named_ports_fill_coordinates(write):
    body = (
        'Kapal A,Pelabuhan X,-6.585,110.655,Pelabuhan Y,"-5,873",110.428,120\n'
        ",Pelabuhan X,,,pelabuhan  y,,,270\n"
    )
    res = read_sea_links(write("laut.csv", SEA_HEADER + body))
    df = res.data
    assert df.columns.tolist() == [
        "name",
        "from_name",
        "from_lon",
        "from_lat",
        "to_name",
        "to_lon",
        "to_lat",
        "minutes",
        "km",
        "note",
    ]
    assert df["to_lat"].tolist() == [-5.873, -5.873] and df["from_lon"].tolist() == [
        110.655,
        110.655,
    ]
    assert df["minutes"].tolist() == [120.0, 270.0]
    assert df["name"].tolist() == ["Kapal A", "Pelabuhan X – pelabuhan  y"]
    assert df["km"].isna().all()


def test_sea_links_errors_listed_together(write):
    body = (
        "A,P,-6.5,110.6,Q,-5.8,110.4,0\n"
        "B,P,,,R,,,60\n"
        "C,P,-6.5,110.6,S,-6.5,110.6,30\n"
        "D,P,-6.5,110.6,T,-5.8,,30\n"
        "E,P,-6.5,110.6,U,-5.8,110.4,dua jam\n"
    )
    with pytest.raises(DataValidationError) as exc:
        read_sea_links(write("laut.csv", SEA_HEADER + body))
    got = [(p.code, p.row, p.column) for p in exc.value.report.errors]
    assert got == [
        ("sea_minutes_bad", 2, "menit"),
        ("coord_half", 5, "bujur_ke"),
        ("bad_number", 6, "menit"),
        ("sea_port_unknown", 3, "ke"),
        ("sea_same_ends", 4, None),
    ]


def test_sample_sea_links_file_is_marked_synthetic(jepara):
    from ..conftest import ROOT

    path = ROOT / "data" / "33.20" / "sea_links.csv"
    assert path.read_text(encoding="utf-8").startswith(
        "# DATA CONTOH SINTETIS / SYNTHETIC SAMPLE DATA — "
    )
    res = read_sea_links(path, region=jepara)
    assert res.data.attrs["synthetic"] and len(res.data) == 4 and res.report.warnings == []
    assert isinstance(res.data, pd.DataFrame)
