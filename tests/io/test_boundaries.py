import zipfile

import pytest
from shapely.geometry import Polygon

from ilp_dash.io.boundaries import load_boundaries
from ilp_dash.io.problems import DataValidationError


@pytest.fixture
def big(jepara):
    """Jepara's villages in the BIG schema (KDEPUM, WADMKD, WADMKC, WADMKK)."""
    v = jepara.villages.head(12)
    return v.rename(
        columns={"kode": "KDEPUM", "nama": "WADMKD", "kecamatan": "WADMKC", "kabupaten": "WADMKK"}
    )[["KDEPUM", "WADMKD", "WADMKC", "WADMKK", "geometry"]]


def test_big_schema_in_utm_is_reprojected(tmp_path, big, jepara):
    path = tmp_path / "desa.shp"
    big.to_crs("EPSG:32749").to_file(path)
    res = load_boundaries(path, "33.20")
    assert res.report.codes() == ["crs_reprojected"]
    assert list(res.data["kode"]) == list(big["KDEPUM"])
    assert res.data.crs.to_epsg() == 4326
    assert res.data["luas_km2"].tolist() == pytest.approx(
        jepara.villages.head(12)["luas_km2"].tolist(), rel=1e-3
    )


def test_zipped_shapefile_and_gpkg(tmp_path, big):
    big.to_file(tmp_path / "desa.shp")
    zpath = tmp_path / "desa.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            if (tmp_path / f"desa.{ext}").exists():
                zf.write(tmp_path / f"desa.{ext}", f"batas/desa.{ext}")
    assert len(load_boundaries(zpath, "33.20").data) == 12
    plain = big.rename(columns={"KDEPUM": "kode", "WADMKD": "nama"})[["kode", "nama", "geometry"]]
    plain.to_file(tmp_path / "desa.gpkg")
    assert load_boundaries(tmp_path / "desa.gpkg").data["nama"].tolist() == plain["nama"].tolist()


def test_missing_prj_in_metres_is_refused(tmp_path, big):
    big.to_crs("EPSG:32749").to_file(tmp_path / "utm.shp")
    (tmp_path / "utm.prj").unlink()
    with pytest.raises(DataValidationError) as exc:
        load_boundaries(tmp_path / "utm.shp")
    assert exc.value.report.codes() == ["crs_missing_projected"]


def test_missing_prj_in_degrees_assumed_wgs84(tmp_path, big):
    big.to_file(tmp_path / "deg.shp")
    (tmp_path / "deg.prj").unlink()
    res = load_boundaries(tmp_path / "deg.shp")
    assert res.report.codes() == ["crs_assumed_wgs84"]


def test_bow_tie_repaired_and_duplicates_refused(tmp_path, big):
    g = big.copy()
    g.loc[g.index[0], "geometry"] = Polygon(
        [(110.6, -6.7), (110.61, -6.71), (110.61, -6.7), (110.6, -6.71)]
    )
    g.to_file(tmp_path / "bow.geojson")
    res = load_boundaries(tmp_path / "bow.geojson")
    assert res.report.codes() == ["geom_repaired"] and res.report.problems[0].row == 1
    assert res.data.geometry.is_valid.all()
    d = big.copy()
    d.loc[d.index[1], "KDEPUM"] = d.loc[d.index[0], "KDEPUM"]
    d.to_file(tmp_path / "dup.geojson")
    with pytest.raises(DataValidationError) as exc:
        load_boundaries(tmp_path / "dup.geojson")
    e = exc.value.report.errors[0]
    assert (e.code, e.row, e.column) == ("duplicate_code", 2, "KDEPUM")
