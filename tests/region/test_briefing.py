"""Briefing numbers, the ambulance proposal, the map PNG and the printable report."""

from itertools import combinations

import pytest

from ilp_dash.region import results, store
from ilp_dash.region.briefing import ambulance_proposal, briefing
from ilp_dash.web.app import create_app


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


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_map_png_is_a_png(client):
    r = client.get("/ekspor/peta.png?region=35.79")
    assert r.status_code == 200 and r.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert "attachment" in r.headers["Content-Disposition"]
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(r.data)).size == (1753, 1240)  # A4 landscape at 150 dpi


def test_report_answers_the_four_questions_in_both_languages(client):
    html = client.get("/laporan?region=33.20").get_data(as_text=True)
    b = briefing("33.20")
    assert (
        f"{b.posyandu_ilp:,}".replace(",", ".") + " / " + f"{b.posyandu:,}".replace(",", ".")
        in html
    )
    assert "hotspot stunting" in html and "30 menit dari Puskesmas" in html and "2 ambulans" in html
    assert "DATA CONTOH" in html and "data:image/png;base64," in html
    far = results.village_to_puskesmas_minutes("33.20")
    names = (
        store.dataset("33.20").region.villages.set_index("kode").loc[far[far > 30].index, "nama"]
    )
    assert all(n in html for n in names)
    en = client.get("/laporan?region=33.20&lang=en").get_data(as_text=True)
    assert "How far from 100% ILP Posyandu?" in en and "SAMPLE DATA" in en


def test_unknown_region_falls_back_to_the_default(client):
    assert client.get("/laporan?region=99.99").status_code == 200
    assert client.get("/geo/99.99/0.json").status_code == 404
