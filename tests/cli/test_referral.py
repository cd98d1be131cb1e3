"""``ilp-dash referral`` (ilp_dash/cli/referral.py) on the bundled Jepara sample."""

import itertools

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from ilp_dash.analysis.referral import UNREACHABLE
from ilp_dash.cli import main

from ..conftest import ROOT

DATA = ROOT / "data" / "33.20"


def test_cli_referral(tmp_path, capsys):
    out = tmp_path / "rujukan.csv"
    assert main(["referral", "--region", "33.20", "--data", str(DATA), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (
        "4 penyeberangan laut / sea links (sea_links.csv)" in err and "DATA CONTOH SINTETIS" in err
    )
    table = pd.read_csv(out)
    assert len(table) == 1139 and table["menit_total"].notna().all()
    assert (table.loc[table["kode_desa"].str.startswith("33.20.10."), "menit_total"] > 60).all()
    village = tmp_path / "desa.csv"
    assert (
        main(
            [
                "referral",
                "--region",
                "33.20",
                "--data",
                str(DATA),
                "--no-sea-links",
                "--level",
                "village",
                "--out",
                str(village),
                "--bands",
                "20,40",
            ]
        )
        == 0
    )
    v = pd.read_csv(village)
    assert len(v) == 195 and set(v["kelompok_waktu"]) <= {"≤ 20", "21–40", "> 40", UNREACHABLE}
    island = v["kode_desa"].str.startswith("33.20.10.")
    assert (
        v.loc[island, "menit_total"].isna().all()
        and (v.loc[island, "kelompok_waktu"] == UNREACHABLE).all()
    )


def test_cli_referral_bad_sea_links(tmp_path, capsys, write):
    bad = write(
        "laut.csv",
        "nama,dari,lintang_dari,bujur_dari,ke,lintang_ke,bujur_ke,menit\nA,P,-6.5,110.6,Q,-5.8,110.4,0\n",
    )
    with pytest.raises(SystemExit) as exc:
        main(["referral", "--region", "33.20", "--data", str(DATA), "--sea-links", str(bad)])
    assert exc.value.code == 1
    assert "Crossing time 0 minutes must be greater than 0." in capsys.readouterr().err


def test_cli_referral_on_a_road_grid(tmp_path, capsys):
    from shapely.geometry import LineString

    xs, ys = (
        np.arange(110.55, 111.01, 0.02),
        np.arange(-6.86, -6.34, 0.02),
    )  # mainland only, 2.2 km mesh
    segs = [LineString([(a, y), (b, y)]) for y in ys for a, b in itertools.pairwise(xs)]
    segs += [LineString([(x, a), (x, b)]) for x in xs for a, b in itertools.pairwise(ys)]
    gpd.GeoDataFrame(
        {"highway": ["secondary"] * len(segs)}, geometry=segs, crs="EPSG:4326"
    ).to_file(tmp_path / "jalan.gpkg")
    out = tmp_path / "rujukan.csv"
    assert (
        main(
            [
                "referral",
                "--region",
                "33.20",
                "--data",
                str(DATA),
                "--roads",
                str(tmp_path / "jalan.gpkg"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "jaringan jalan / road network (jalan.gpkg)" in err
    assert "sea links with no road near a port (not used): KMC Kartini (kapal cepat)" in err
    table = pd.read_csv(out)
    island = table["kode_desa"].str.startswith("33.20.10.")
    assert (
        table.loc[island, "menit_total"].isna().all()
        and table.loc[~island, "menit_total"].notna().all()
    )
