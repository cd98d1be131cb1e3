"""Facility registers in the shapes offices have them, from file to the planner's numbers.

Each shape (the national health-facility list as CSV and XLSX, a QGIS GeoJSON
of hospital points, a GeoPackage in UTM 49S) is loaded unmodified with
:func:`ilp_dash.io.dataset.load_dataset`, served with ``store.replace`` and
used by the siting inputs and the referral chain. Values are synthetic
(tests/fixtures/facilities/README.md).
"""

from __future__ import annotations

import geopandas as gpd
import pytest

from ilp_dash.config import PROJECT_ROOT
from ilp_dash.io.dataset import find_files, load_dataset
from ilp_dash.region import results, store

from ..io.test_facilities import NATIONAL, national_xlsx
from ..io.test_points import GEOJSON


@pytest.fixture
def served():
    codes = []
    yield codes
    for code in codes:
        store.reset(code)
    results.clear()


@pytest.mark.parametrize("shape", ["csv", "xlsx"])
def test_national_list_serves_pringsewu(shape, served, tmp_path):
    national = NATIONAL if shape == "csv" else national_xlsx(tmp_path)
    sample = find_files(PROJECT_ROOT / "data" / "18.10")
    files = {"posyandu": sample["posyandu"], "puskesmas": national, "hospitals": national}
    ds = load_dataset("18.10", files)
    assert ds.facilities["puskesmas"]["id"].tolist() == ["P1810010101"]
    assert ds.facilities["hospitals"][["id", "kepemilikan"]].values.tolist() == [
        ["R1810001", "Pemda"],
        ["R1810002", "TNI"],
    ]
    served.append("18.10")
    store.replace("18.10", ds)
    inputs = results.siting_inputs("18.10")
    assert inputs.candidates["id"].tolist() == ["P1810010101", "R1810001", "R1810002"]
    assert inputs.minutes.shape == (len(ds.region.villages), 3)
    chain = results.referral("18.10")
    assert chain is not None


@pytest.mark.parametrize("shape", ["geojson", "gpkg"])
def test_hospital_points_serve_jepara(shape, served, tmp_path):
    hospitals = GEOJSON
    if shape == "gpkg":
        hospitals = tmp_path / "rumah_sakit.gpkg"
        gpd.read_file(GEOJSON).to_crs("EPSG:32749").to_file(hospitals, driver="GPKG")
    ds = load_dataset("33.20", {"puskesmas": NATIONAL, "hospitals": hospitals})
    assert ds.facilities["hospitals"]["kode_desa"].tolist() == [
        "33.20.01.2006",
        "33.20.04.2016",
        "33.20.02.2003",
    ]
    assert (ds.matches["hospitals"]["cara"] == "koordinat").all()
    served.append("33.20")
    store.replace("33.20", ds)
    inputs = results.siting_inputs("33.20")
    assert inputs.candidates["jenis"].value_counts().to_dict() == {"Puskesmas": 3, "Rumah sakit": 3}
    assert inputs.minutes.shape == (len(ds.region.villages), 6)


@pytest.fixture(scope="module")
def app():
    """The app registers the screens (Dash Pages need one before a page module is imported)."""
    from ilp_dash.web.app import create_app

    return create_app()


def test_national_list_reaches_the_referral_and_ambulance_screens(app, served):
    import json

    from ilp_dash.pages import ambulance, referral

    sample = find_files(PROJECT_ROOT / "data" / "18.10")
    ds = load_dataset(
        "18.10", {"posyandu": sample["posyandu"], "puskesmas": NATIONAL, "hospitals": NATIONAL}
    )
    served.append("18.10")
    store.replace("18.10", ds)
    for page in (referral, ambulance):
        shown = json.dumps(
            page.layout(region="18.10").to_plotly_json(), default=lambda o: o.to_plotly_json()
        )
        assert "village-map" in shown, page.__name__
