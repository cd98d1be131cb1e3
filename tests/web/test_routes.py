"""The plain Flask routes (ilp_dash.web.routes): village and kecamatan GeoJSON per data version, health."""

import json

import pytest

from ilp_dash.region import store
from ilp_dash.web.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def _max_age(cache_control: str) -> int:
    parts = dict(p.strip().partition("=")[::2] for p in cache_control.split(","))
    return int(parts["max-age"])


def test_villages_geojson_has_one_feature_per_village(client):
    version = store.version("33.20")
    r = client.get(f"/geo/33.20/{version}.json")
    assert r.status_code == 200 and r.mimetype == "application/geo+json"
    assert "public" in r.headers["Cache-Control"]
    assert _max_age(r.headers["Cache-Control"]) >= 24 * 3600  # the URL names the version
    gj = json.loads(r.data)
    villages = store.dataset("33.20").region.villages
    assert gj["type"] == "FeatureCollection"
    ids = [f["id"] for f in gj["features"]]
    assert len(ids) == len(villages) and sorted(ids) == sorted(villages["kode"].astype(str))
    assert {f["geometry"]["type"] for f in gj["features"]} <= {"Polygon", "MultiPolygon"}


def test_kecamatan_geojson_is_lines(client):
    version = store.version("33.20")
    r = client.get(f"/geo/33.20/{version}.kec.json")
    assert r.status_code == 200 and r.mimetype == "application/geo+json"
    assert _max_age(r.headers["Cache-Control"]) >= 24 * 3600
    feats = json.loads(r.data)["features"]
    kec = store.dataset("33.20").region.villages["kode_kec"].astype(str)
    assert sorted(f["id"] for f in feats) == sorted(kec.unique())
    assert {f["geometry"]["type"] for f in feats} <= {"LineString", "MultiLineString"}


def test_unknown_region_geojson_is_404(client):
    assert client.get("/geo/99.99/1.json").status_code == 404
    assert client.get("/geo/99.99/1.kec.json").status_code == 404


def test_health_answers_ok_with_the_served_versions(client):
    version = store.version("33.20")  # loads Jepara in this worker
    r = client.get("/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["ok"] is True and isinstance(body["pid"], int)
    assert body["versions"]["33.20"] == version
    assert body["versions"] == store.served_versions()
