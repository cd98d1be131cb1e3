"""Stunting exports as offices have them, end to end: file → load_dataset → region results → briefing.

The fixtures (tests/fixtures/stunting/, SYNTHETIC values, real headers) are
loaded unmodified for Jepara (33.20), served with the bundled registers via
``store.replace`` and read back through ``results`` and ``briefing`` — the
numbers the stunting screen and the briefing show. Every expected number is
worked out by hand from ``make_fixtures.py``.
"""

from dataclasses import replace
from pathlib import Path

import pytest

from ilp_dash.io.dataset import load_dataset
from ilp_dash.region import results, store
from ilp_dash.region.briefing import briefing

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stunting"
CODE = "33.20"
KEDUNG = {n: f"33.20.01.{s}" for s, n in [("2001", "Kedungmalang"), ("2002", "Kalianyar")]}


@pytest.fixture
def serve():
    """Serve the bundled Jepara registers with the stunting table of ``name``."""
    results.clear()

    def _serve(name: str):
        loaded = load_dataset(CODE, {"stunting": FIXTURES / name})
        store.replace(CODE, replace(store.dataset(CODE), stunting=loaded.stunting))
        return loaded

    yield _serve
    store.reset(CODE)
    results.clear()


def _villages_exist():
    names = set(store.dataset(CODE).region.villages["nama"])
    assert {"Kedungmalang", "Kalianyar", "Karangaji", "Tedunan"} <= names


@pytest.mark.parametrize(
    "name", ["sigizi_rekap_kelurahan_sintetis.xlsx", "sigizi_rekap_desa_kel_sintetis.csv"]
)
def test_sigizi_recap_to_briefing(serve, name):
    _villages_exist()
    loaded = serve(name)
    codes = loaded.report.codes()
    # 2 future months × 4 villages skipped in ONE warning; 19 indicator columns named in ONE note
    assert codes.count("rows_not_reported") == 1 and codes.count("columns_ignored") == 1
    assert not loaded.report.errors
    assert results.stunting_months(CODE) == ["2024-10", "2024-11", "2024-12"]
    # December 2024: stunted 18 + 9 + 10 + 4 = 41 of 120 + 90 + 50 + 40 = 300 measured
    assert results.regency_prevalence(CODE, "2024-12") == (41, 300)
    hs = results.hotspots(CODE)
    assert hs.attrs["month"] == "2024-12"
    row = hs.set_index("kode_desa").loc[KEDUNG["Kedungmalang"]]
    assert (row["diukur"], row["stunting"]) == (120, 18)
    assert row["rate_crude"] == pytest.approx(0.15)
    assert int((~hs["small_n"]).sum()) == 4  # the four villages measured ≥ 20 children
    b = briefing(CODE)
    assert (b.stunting_month, b.stunted, b.measured) == ("2024-12", 41, 300)
    assert b.prevalence == pytest.approx(100 * 41 / 300)
    # November: 31 of 295
    assert b.prevalence_prev == pytest.approx(100 * 31 / 295)


def test_child_rows_to_briefing_without_personal_data(serve):
    loaded = serve("eppgbm_anak_sintetis.csv")
    frame = loaded.stunting
    # WHO 2006: 87.1 cm boy at 24 mo −0.01; 80.0 cm −2.33 (stunted); 99.0 cm girl at 60 mo −2.19
    # (stunted), 104.0 cm −1.14 → Kedungmalang 2024-06: 1 of 2, 2024-07: 1 of 1; Kalianyar 2024-07: 0 of 1
    assert frame.to_dict("records") == [
        {"kode_desa": KEDUNG["Kedungmalang"], "bulan": "2024-06", "diukur": 2, "stunting": 1},
        {"kode_desa": KEDUNG["Kedungmalang"], "bulan": "2024-07", "diukur": 1, "stunting": 1},
        {"kode_desa": KEDUNG["Kalianyar"], "bulan": "2024-07", "diukur": 1, "stunting": 0},
    ]
    z = [p for p in loaded.report.problems if p.code == "zscore_disagrees"]
    assert len(z) == 1 and "2 of 4 rows" in z[0].message_en
    assert "row 3: -2.18 vs WHO -2.33" in z[0].message_en and "row 5: -0.50" in z[0].message_en
    text = loaded.report.to_text() + loaded.report.to_json() + frame.to_csv()
    text += "".join(m.to_csv() for m in loaded.matches.values())
    for secret in (
        "Anak Sintetis",
        "Ortu Sintetis",
        "33209900000000",
        "Jl. Contoh",
        "Posyandu Sintetis",
    ):
        assert secret not in text
    assert "NIK" in text  # the dropped header is named, its values never
    assert results.regency_prevalence(CODE, "2024-07") == (1, 2)
    assert briefing(CODE).stunted == 1


def test_open_data_yearly_counts_are_never_a_prevalence(serve):
    loaded = serve("opendata_stunting_desa_tahunan_sintetis.csv")
    assert loaded.stunting.attrs["period"] == "year" and not loaded.stunting.attrs["measured"]
    assert loaded.report.codes().count("rows_other_region") == 1  # the two Kudus rows
    # a year stays a year: no month invented
    assert results.stunting_months(CODE) == ["2024"]
    assert results.regency_prevalence(CODE, "2024") == (21 + 13 + 8, 0)
    assert not results.measured_known(CODE)
    assert results.hotspots(CODE) is None  # nothing divided, no hotspot analysis
    b = briefing(CODE)
    assert (b.stunting_month, b.stunted, b.measured, b.prevalence) == ("2024", 42, None, None)
    assert b.hot is None and b.prevalence_prev is None


@pytest.fixture(scope="module")
def app():
    """The app registers the screens (Dash Pages need one before a page module is imported)."""
    from ilp_dash.web.app import create_app

    return create_app()


def _render(page, **query) -> str:
    """A screen's layout as JSON text (what the browser receives)."""
    import json

    return json.dumps(
        page.layout(region=CODE, **query).to_plotly_json(), default=lambda o: o.to_plotly_json()
    )


@pytest.mark.parametrize(
    "name",
    [
        "sigizi_rekap_kelurahan_sintetis.xlsx",
        "eppgbm_anak_sintetis.csv",
        "opendata_stunting_desa_tahunan_sintetis.csv",
    ],
)
def test_each_export_reaches_the_screens(app, serve, name):
    from ilp_dash.pages import briefing as briefing_page
    from ilp_dash.pages import stunting as stunting_page
    from ilp_dash.region import display

    serve(name)
    brief, stunting = _render(briefing_page), _render(stunting_page)
    assert "kpi-ambulans" in brief and "Stunting" in stunting
    if name.startswith("opendata"):
        # counts without children measured: no prevalence card, no stunting view on the display
        assert "kpi-stunting" not in brief and "stunting" not in display.available_views(CODE)
    else:
        assert "kpi-stunting" in brief and "village-map" in stunting
