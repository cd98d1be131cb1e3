"""Briefing numbers and the ambulance proposal (ilp_dash.region.briefing)."""

from itertools import combinations

import pytest

from ilp_dash.region import results, store
from ilp_dash.region.briefing import ambulance_proposal, briefing


def test_briefing_counts_match_the_registers():
    ds = store.dataset("33.20")
    pos = ds.facilities["posyandu"]
    b = briefing("33.20")
    month = b.month
    # independent count: ILP Posyandu whose ILP month is on or before the month shown
    ilp = pos["ilp"].astype(bool) & (pos["bulan_ilp"].fillna("") <= month)
    assert b.month == "2025-05" and b.previous == "2025-04"
    assert b.posyandu == len(pos)
    assert b.posyandu_ilp == int(ilp.sum())
    assert b.villages_ilp == pos.loc[ilp, "kode_desa"].nunique()
    assert (
        b.villages_pustu
        == ds.region.villages["kode"].isin(set(ds.facilities["pustu"]["kode_desa"])).sum()
    )
    latest = ds.stunting[ds.stunting["bulan"] == "2025-05"]
    assert b.stunted == latest["stunting"].sum() and b.measured == latest["diukur"].sum()
    assert b.gap == len(pos) - int(ilp.sum())
    assert b.hot == int((results.hotspots("33.20")["class"] == "hot").sum())


def test_ambulance_proposal_is_the_best_pair_by_brute_force():
    code = "35.79"
    inp = results.siting_inputs(code)
    prop = ambulance_proposal(code, extra=2, minutes=15.0)
    w = inp.demand["penduduk"].to_numpy(dtype=float)
    ids = inp.candidates["id"].tolist()
    cur = [ids.index(c) for c in inp.current]
    free = [i for i in range(len(ids)) if i not in cur]

    def covered(cols):
        return w[(inp.minutes[:, cols] <= 15.0).any(axis=1)].sum()

    best = max(covered(cur + list(pair)) for pair in combinations(free, 2))
    assert prop.covered_after == pytest.approx(best)
    assert prop.covered_before == pytest.approx(covered(cur))
    assert covered(cur + [ids.index(p) for p in prop.proposed]) == pytest.approx(best)
