"""The Cakupan ILP screen's village profile (ilp_dash.ui.coverage_profile), on the Jepara sample and by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from ilp_dash.region import results, store
from ilp_dash.ui import coverage_profile as cp


# ------------------------------------------------------------------ village profile (Jepara sample data)
def _independent(kode: str, month: str) -> dict:
    """The same facts straight from the registers with plain pandas."""
    ds = store.dataset("33.20")
    pos = ds.facilities["posyandu"]
    mine = pos[pos["kode_desa"] == kode]
    since = mine["bulan_ilp"]
    is_ilp = mine["ilp"].astype(bool) & (since.isna() | (since <= month))
    pustu = ds.facilities["pustu"]
    return {
        "n": len(mine),
        "ilp": int(is_ilp.sum()),
        "kader": int(mine["kader"].sum()),
        "ilp_names": sorted(mine.loc[is_ilp, "nama"]),
        "pustu": sorted(pustu.loc[pustu["kode_desa"] == kode, "nama"]),
        "area": mine["puskesmas"].value_counts().sort_index().idxmax(),
    }


@pytest.mark.parametrize(
    "kode, month",
    [("33.20.01.2013", "2024-10"), ("33.20.08.2001", "2025-05"), ("33.20.01.2001", "2024-06")],
)
def test_village_profile_matches_the_registers(kode, month):
    ds = store.dataset("33.20")
    f = ds.facilities
    p = cp.village_profile(
        kode,
        month,
        villages=ds.region.villages,
        posyandu=f["posyandu"],
        pustu=f["pustu"],
        puskesmas=f["puskesmas"],
        hospitals=f["hospitals"],
    )
    want = _independent(kode, month)
    vil = ds.region.villages.set_index("kode").loc[kode]
    assert (p.nama, p.kecamatan) == (vil["nama"], vil["kecamatan"])
    assert (p.n_posyandu, p.n_ilp, p.kader) == (want["n"], want["ilp"], want["kader"])
    assert sorted(p.posyandu.loc[p.posyandu["ilp"], "nama"]) == want["ilp_names"]
    assert list(p.pustu) == want["pustu"]
    assert p.puskesmas_area == want["area"]
    # and it agrees with the coverage table the map is drawn from
    cov = results.village_coverage("33.20", month).loc[kode]
    assert (cov["posyandu"], cov["posyandu_ilp"], cov["kader"]) == (p.n_posyandu, p.n_ilp, p.kader)
    assert math.isclose(p.persen_ilp, 100.0 * want["ilp"] / want["n"])


def test_mixed_village_profile_says_how_many_to_go():
    ds = store.dataset("33.20")
    f = ds.facilities
    p = cp.village_profile(
        "33.20.01.2013",
        "2024-10",
        villages=ds.region.villages,
        posyandu=f["posyandu"],
        pustu=f["pustu"],
    )
    assert (p.n_ilp, p.n_posyandu) == (7, 8)
    text = str(cp.profile_panel(p, "id"))
    assert "7 dari 8 Posyandu sudah ILP (88%) — kurang 1 (akhir Oktober 2024)" in text
    assert "Belum ada data pengukuran" in text  # no trend figure given


def test_profile_of_unknown_village_raises():
    ds = store.dataset("33.20")
    with pytest.raises(KeyError, match="99.99.99.9999"):
        cp.village_profile(
            "99.99.99.9999",
            "2025-05",
            villages=ds.region.villages,
            posyandu=ds.facilities["posyandu"],
        )


def test_village_without_posyandu_by_hand():
    villages = pd.DataFrame({"kode": ["V1"], "nama": ["Sukamaju"], "kecamatan": ["Kota"]})
    posyandu = pd.DataFrame(
        {
            "kode_desa": ["V2"],
            "nama": ["Posyandu Lain"],
            "kader": [5],
            "ilp": [True],
            "bulan_ilp": ["2024-01"],
            "puskesmas": ["Puskesmas Kota"],
        }
    )
    pustu = pd.DataFrame(
        {"kode_desa": ["V1"], "nama": ["Pustu Sukamaju"], "puskesmas": ["Puskesmas Kota"]}
    )
    p = cp.village_profile("V1", "2025-05", villages=villages, posyandu=posyandu, pustu=pustu)
    assert (p.n_posyandu, p.n_ilp, p.kader, p.pustu) == (0, 0, 0, ("Pustu Sukamaju",))
    assert p.puskesmas_area == "Puskesmas Kota"  # from its Pustu
    assert math.isnan(p.persen_ilp)
    assert "Tidak ada Posyandu tercatat" in str(cp.profile_panel(p, "id"))


def test_stunting_series_by_hand():
    st = pd.DataFrame(
        {
            "kode_desa": ["A", "A", "B", "B"],
            "bulan": ["2025-02", "2025-01", "2025-01", "2025-02"],
            "diukur": [40, 50, 0, 10],
            "stunting": [4, 10, 0, 1],
        }
    )
    one = cp.stunting_series(st, "A")
    assert one["bulan"].tolist() == ["2025-01", "2025-02"]
    np.testing.assert_allclose(one["persen"], [20.0, 10.0])
    region = cp.stunting_series(st)
    np.testing.assert_allclose(region["persen"], [20.0, 10.0])  # 10/50 and 5/50
    assert cp.stunting_series(st, "B")["persen"].isna().tolist() == [True, False]
    fig = cp.trend_figure(one, "en", region)
    assert [t.name for t in fig.data] == ["regency", "this village"]
    assert fig.data[1].text[0] == "January 2025: 20.0% (10 of 50 measured)"
