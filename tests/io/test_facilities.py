import geopandas as gpd
import pytest
from shapely.geometry import Point

from ilp_dash.io.facilities import load_facilities, point_in_polygon, resolve_ambulance_bases
from ilp_dash.io.problems import DataValidationError

HEADER = "nama_posyandu,desa,kecamatan,lintang,bujur,kader,status_ilp,bulan_ilp\n"


def load(write, body, kind="posyandu", region=None, header=HEADER, name="p.csv"):
    return load_facilities(write(name, header + body), kind, region)


def test_clean_row_with_decimal_comma(write, jepara):
    res = load(
        write, 'Melati,Kedungmalang,Kedung,"-6,7074","110,6229",5,ya,2024-06\n', region=jepara
    )
    row = res.data.iloc[0]
    assert (row.lat, row.lon, row.kode_desa, row.kader, row.ilp, row.bulan_ilp) == (
        -6.7074,
        110.6229,
        "33.20.01.2001",
        5,
        True,
        "2024-06",
    )
    assert not row.lokasi_perkiraan
    assert res.report.codes() == ["coord_decimal_comma", "coord_decimal_comma"]
    assert res.data.crs.to_epsg() == 4326


def test_village_only_is_placed_inside_and_flagged(write, jepara):
    res = load(write, "Mawar,Bulakbaru,Kedung,,,4,tidak,\n", region=jepara)
    row = res.data.iloc[0]
    poly = jepara.villages.set_index("kode").loc[row.kode_desa, "geometry"]
    assert row.desa == "Bulak Baru" and row.lokasi_perkiraan
    assert poly.contains(Point(row.lon, row.lat))
    again = load(write, "Mawar,Bulakbaru,Kedung,,,4,tidak,\n", region=jepara, name="q.csv")
    assert (again.data.iloc[0].lon, again.data.iloc[0].lat) == (row.lon, row.lat)  # deterministic
    assert res.report.codes() == ["location_approximate"]


def test_swapped_coordinates_fixed_with_warning(write, jepara):
    res = load(write, "Mawar,,,110.6229,-6.7074,4,,\n", region=jepara)
    assert (res.data.iloc[0].lat, res.data.iloc[0].lon) == (-6.7074, 110.6229)
    assert res.data.iloc[0].kode_desa == "33.20.01.2001"  # found from the point
    assert res.report.codes() == ["coord_swapped"]


def test_outside_region_is_an_error_with_distance(write, jepara):
    with pytest.raises(DataValidationError) as exc:
        load(write, "Mawar,,,-7.5,110.6,4,,\n", region=jepara)
    p = exc.value.report.errors[0]
    assert (p.code, p.row, p.column) == ("coord_outside", 2, "lintang")
    assert "78.8 km di luar Kabupaten Jepara" in p.message_id


def test_all_errors_are_reported_together(write, jepara):
    body = (
        "A,Kedungmalang,Kedung,,,x,,\nB,Desaku,Kedung,,,3,,\nC,Kedungmalang,Kedung,,,3,mungkin,\n"
    )
    with pytest.raises(DataValidationError) as exc:
        load(write, body, region=jepara)
    errs = exc.value.report.errors
    assert [(e.code, e.row) for e in errs] == [
        ("bad_number", 2),
        ("village_unknown", 3),
        ("bad_yes_no", 4),
    ]


def test_duplicate_codes(write, jepara):
    header = "kode_posyandu,nama_posyandu,desa,kecamatan\n"
    body = "P1,A,Kedungmalang,Kedung\nP1,B,Kedungmalang,Kedung\n"
    with pytest.raises(DataValidationError) as exc:
        load(write, body, region=jepara, header=header)
    e = exc.value.report.errors[0]
    assert (e.code, e.row, e.message_en) == (
        "duplicate_code",
        3,
        "Code 'P1' is already used on row 2.",
    )


def test_ilp_month_implies_ilp(write, jepara):
    res = load(
        write, "A,Kedungmalang,Kedung,,,3,,2025-01\nB,Kedungmalang,Kedung,,,3,ya,\n", region=jepara
    )
    assert res.data["ilp"].tolist() == [True, True]
    assert res.data["bulan_ilp"].tolist()[0] == "2025-01"


def test_hospital_may_lie_just_outside(write, jepara):
    header = "nama_rs,lintang,bujur\n"
    # 0.1° south of Jepara's southern edge (about 11 km): accepted for a hospital with a warning
    res = load(
        write, "RSUD Tetangga,-6.90,110.70\n", kind="hospitals", region=jepara, header=header
    )
    assert res.report.codes() == ["coord_near_edge"]


def test_point_in_polygon_is_inside():
    from shapely.geometry import box

    b = box(0, 0, 1, 1)
    x, y = point_in_polygon(b, "seed")
    assert b.contains(Point(x, y))
    assert point_in_polygon(b, "seed") == (x, y)


def test_ambulance_bases_resolved(write, jepara):
    pk = load_facilities(
        write(
            "pk.csv",
            "nama_puskesmas,desa,kecamatan,lintang,bujur\n"
            "Puskesmas Kedung I,Kedungmalang,Kedung,-6.7074,110.6229\n",
        ),
        "puskesmas",
        jepara,
    ).data
    amb = load_facilities(
        write("a.csv", "kode_ambulans,pangkalan\nK-1,Kedung I\n"), "ambulances", jepara
    ).data
    res = resolve_ambulance_bases(amb, pk, "a.csv")
    assert (res.data.iloc[0].lat, res.data.iloc[0].lon) == (-6.7074, 110.6229)
    bad = load_facilities(
        write("b.csv", "kode_ambulans,pangkalan\nK-2,Puskesmas Antah\n"), "ambulances", jepara
    ).data
    with pytest.raises(DataValidationError) as exc:
        resolve_ambulance_bases(bad, pk, "b.csv")
    assert exc.value.report.errors[0].code == "base_unknown"
    assert isinstance(res.data, gpd.GeoDataFrame)
