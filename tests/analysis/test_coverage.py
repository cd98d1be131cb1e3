"""Coverage on a three-village example worked out by hand.

Villages A, B in kecamatan K1; C in K2.
Posyandu: p1 A ILP since 2024-06 (5 kader, PKM 1); p2 A ILP since 2024-08 (3, PKM 1);
p3 B not ILP (4, PKM 1); p4 C ILP without a month (6, PKM 2). Pustu in A and C.

2024-06: A 1/2, B 0/1, C 1/1 -> K1 1/3, regency 2/4 (50%), gap 2.
2024-08: A 2/2 -> K1 2/3, regency 3/4, gap 1; PKM 1 area (A, B) 2/3.
Kader K1 = 5+3+4 = 12 over 3 Posyandu = 4.0.
Pace over 2024-06..08 = (3 - 2) / 2 = 0.5 a month; 1 left -> 2 months -> 2024-10.
"""

import pandas as pd
import pytest

from ilp_dash.analysis.coverage import (
    CoverageError,
    completion_table,
    coverage_table,
    month_range,
    projected_completion,
    village_puskesmas,
)

VIL = pd.DataFrame(
    {
        "kode": ["A", "B", "C"],
        "nama": ["Desa A", "Desa B", "Desa C"],
        "kode_kec": ["K1", "K1", "K2"],
        "kecamatan": ["Kec 1", "Kec 1", "Kec 2"],
        "kode_kab": "KAB",
        "kabupaten": "Kabupaten Uji",
    }
)
POS = pd.DataFrame(
    {
        "kode_desa": ["A", "A", "B", "C"],
        "ilp": [True, True, False, True],
        "bulan_ilp": ["2024-06", "2024-08", None, None],
        "kader": [5, 3, 4, 6],
        "puskesmas": ["PKM 1", "PKM 1", "PKM 1", "PKM 2"],
    }
)
PUSTU = pd.DataFrame({"kode_desa": ["A", "C"], "puskesmas": ["PKM 1", "PKM 2"]})
MONTHS = month_range("2024-06", "2024-08")


@pytest.fixture(scope="module")
def table():
    return coverage_table(VIL, POS, PUSTU, months_=MONTHS)


def row(table, level, code, month):
    return table[(table.tingkat == level) & (table.kode == code) & (table.bulan == month)].iloc[0]


def test_month_range():
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_villages(table):
    a = row(table, "desa", "A", "2024-06")
    assert (a.posyandu, a.posyandu_ilp, a.persen_ilp, a.desa_dengan_ilp, a.desa_dengan_pustu) == (
        2,
        1,
        50.0,
        1,
        1,
    )
    assert row(table, "desa", "A", "2024-08").posyandu_ilp == 2
    c = row(table, "desa", "C", "2024-06")
    assert (c.posyandu_ilp, c.persen_ilp) == (1, 100.0)  # ILP without a month counts in every month


def test_kecamatan_and_kader(table):
    k1 = row(table, "kecamatan", "K1", "2024-06")
    assert (
        k1.nama,
        k1.posyandu,
        k1.posyandu_ilp,
        k1.desa,
        k1.desa_dengan_ilp,
        k1.desa_dengan_pustu,
    ) == ("Kec 1", 3, 1, 2, 1, 1)
    assert k1.persen_ilp == pytest.approx(100 / 3)
    assert k1.kader_per_posyandu == 4.0
    assert row(table, "kecamatan", "K1", "2024-08").posyandu_ilp == 2


def test_regency_gap_and_puskesmas_area(table):
    kab = row(table, "kabupaten", "KAB", "2024-06")
    assert (kab.nama, kab.posyandu, kab.posyandu_ilp, kab.persen_ilp, kab.gap_posyandu) == (
        "Kabupaten Uji",
        4,
        2,
        50.0,
        2,
    )
    assert row(table, "kabupaten", "KAB", "2024-08").gap_posyandu == 1
    p1 = row(table, "puskesmas", "PKM 1", "2024-08")
    assert (p1.posyandu, p1.posyandu_ilp) == (3, 2)
    assert village_puskesmas(VIL, POS, PUSTU).to_dict() == {
        "A": "PKM 1",
        "B": "PKM 1",
        "C": "PKM 2",
    }


def test_target_below_100(table):
    t = coverage_table(VIL, POS, PUSTU, months_=["2024-06"], target_percent=75)
    # ceil(0.75 * 4) = 3 needed, 2 ILP -> gap 1
    assert row(t, "kabupaten", "KAB", "2024-06").gap_posyandu == 1
    with pytest.raises(CoverageError):
        coverage_table(VIL, POS, PUSTU, months_=["2024-06"], target_percent=0)


def test_projected_completion(table):
    s = pd.Series([2, 2, 3], index=MONTHS)
    assert projected_completion(s, 4) == "2024-10"
    assert projected_completion(pd.Series([2, 2, 2], index=MONTHS), 4) is None  # no progress
    assert projected_completion(pd.Series([3, 4, 4], index=MONTHS), 4) == "2024-07"  # already met
    comp = completion_table(table).set_index(["tingkat", "kode"])
    assert comp.loc[("kabupaten", "KAB"), "bulan_target_tercapai"] == "2024-10"
    assert comp.loc[("desa", "A"), "bulan_target_tercapai"] == "2024-08"
    assert pd.isna(comp.loc[("desa", "B"), "bulan_target_tercapai"])


def test_report_months_follow_a_monthly_stunting_table_else_the_rollout():
    from ilp_dash.analysis.coverage import report_months

    pos = pd.DataFrame({"ilp": [True, True, False], "bulan_ilp": ["2024-11", "2025-02", None]})
    monthly = pd.DataFrame({"bulan": ["2025-03", "2025-01", "2025-03"]})
    yearly = pd.DataFrame({"bulan": ["2024", "2024"]})
    assert report_months(pos, monthly) == ["2025-01", "2025-03"]
    # a yearly table has no months: the roll-out from the first to the last ILP month, inclusive
    assert report_months(pos, yearly) == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert report_months(None, yearly) == []
    assert report_months(pos, None) == report_months(pos, yearly)
