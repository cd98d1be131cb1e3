import csv
from pathlib import Path

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
    assert res.report.codes() == ["coord_near_edge", "hospital_owner_inferred"]


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


# --- real shapes: the national list, facility sanity (fixtures: synthetic values) ------------

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "facilities"
NATIONAL = FIXTURES / "faskes_nasional_sintetis.csv"


def national_xlsx(tmp_path: Path) -> Path:
    """The XLSX twin of the national list CSV (same header, same synthetic rows)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in csv.reader(NATIONAL.read_text(encoding="utf-8").splitlines()):
        ws.append(row)
    out = tmp_path / "faskes_nasional_sintetis.xlsx"
    wb.save(out)
    return out


@pytest.mark.parametrize("shape", ["csv", "xlsx"])
def test_national_list_cut_to_jepara_puskesmas(shape, jepara, tmp_path):
    path = NATIONAL if shape == "csv" else national_xlsx(tmp_path)
    res = load_facilities(path, "puskesmas", jepara)
    # P3320… rows of 33.20, plus the Jepara row without a code (kept by its position)
    assert res.data[["id", "nama", "kepemilikan", "baris"]].values.tolist() == [
        ["P3320010101", "KEDUNG I", "Pemda", 2],
        ["P3320020201", "KEMBANG", "Pemda", 3],
        ["puskesmas-7", "WELAHAN CONTOH", "Pemda", 7],
    ]
    assert res.report.codes() == ["faskes_other_regency", "faskes_other_kind"]
    other, kind = res.report.problems
    assert other.severity == kind.severity == "info"
    # 18.10 ×3, 64.74 ×2 by code; the 35.03 row without a code by its province
    assert other.message_en == (
        "6 rows of other regencies and cities were skipped (18.10: 3, 64.74: 2, prov. 35: 1)."
    )
    assert "(KLINIK PRATAMA: 1, RUMAH SAKIT: 2)" in kind.message_en


def test_national_list_hospitals_keep_ownership(jepara):
    res = load_facilities(NATIONAL, "hospitals", jepara)
    assert res.data[["id", "kelas", "kepemilikan", "kode_desa"]].values.tolist() == [
        ["R3320001", "C", "Pemda", "33.20.01.2006"],
        ["R3320002", "D", "Swasta", "33.20.04.2016"],
    ]
    assert "(KLINIK PRATAMA: 1, PUSKESMAS: 3)" in res.report.problems[1].message_en
    # ownership normalised from the column ("Pemda" → government), never guessed from the name
    assert res.data["milik"].tolist() == ["pemerintah", "swasta"]
    assert "hospital_owner_inferred" not in res.report.codes()


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("RSUD Kartini", "pemerintah"),
        ("RSU Daerah Kelet", "pemerintah"),
        ("Rumah Sakit Umum Daerah dr. Soetomo", "pemerintah"),
        ("RSUP Dr. Kariadi", "pemerintah"),
        ("RS Bhayangkara Semarang", "pemerintah"),
        ("RS TNI AD Jepara", "pemerintah"),
        ("RST Wijayakusuma", "pemerintah"),
        ("RSAL dr. Ramelan", "pemerintah"),
        ("RSAU Esnawan", "pemerintah"),
        ("RS Paru Jember", "pemerintah"),
        ("RS Islam Sultan Agung", "tidak diketahui"),
        ("RS Graha Husada", "tidak diketahui"),
        ("RSIA Kasih Ibu", "tidak diketahui"),
        ("Rumah Sakit Sudirman", "tidak diketahui"),  # "RSUD" only as a word, not inside names
    ],
)
def test_owner_inferred_from_name(name, owner):
    from ilp_dash.io.faskes import hospital_owner

    assert hospital_owner(name) == (owner, True)


@pytest.mark.parametrize(
    ("cell", "owner"),
    [
        ("Pemda", "pemerintah"),
        ("Pemerintah Kabupaten", "pemerintah"),
        ("Kemenkes", "pemerintah"),
        ("TNI AD", "pemerintah"),
        ("POLRI", "pemerintah"),
        ("Swasta", "swasta"),
        ("Swasta/Lainnya", "swasta"),
        ("Organisasi Keagamaan", "swasta"),
        ("Non Pemerintah", "swasta"),
        ("Yayasan", "swasta"),
        ("BUMN", "swasta"),
    ],
)
def test_owner_from_column_beats_the_name(cell, owner):
    from ilp_dash.io.faskes import hospital_owner

    # the column wins even where the name reads otherwise
    assert hospital_owner("RSUD Contoh", cell) == (owner, False)


def test_unreadable_owner_cell_falls_back_to_the_name():
    from ilp_dash.io.faskes import hospital_owner

    assert hospital_owner("RSUD Contoh", "lainnya") == ("pemerintah", True)
    assert hospital_owner("RS Contoh", "", "RSUD") == ("pemerintah", True)  # the type column


def test_hospital_register_without_ownership_says_how_many_were_inferred(write, jepara):
    res = load(
        write,
        "RSUD Kartini,-6.60,110.68\nRS Graha Husada,-6.59,110.67\nRS Bhayangkara,-6.61,110.69\n",
        kind="hospitals",
        region=jepara,
        header="nama_rs,lintang,bujur\n",
    )
    assert res.data["milik"].tolist() == ["pemerintah", "tidak diketahui", "pemerintah"]
    notes = [p for p in res.report.problems if p.code == "hospital_owner_inferred"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert notes[0].message_id.startswith(
        "Kepemilikan 3 rumah sakit ditebak dari nama (kolom kepemilikan tidak ada atau kosong): "
        "2 pemerintah"
    )
    assert "1 unknown — treated as private" in notes[0].message_en


def test_hospital_ownership_column_is_normalised(write, jepara):
    res = load(
        write,
        "RS Graha Husada,-6.59,110.67,Pemerintah Kabupaten\nRSUD Kartini,-6.60,110.68,Swasta\n",
        kind="hospitals",
        region=jepara,
        header="nama_rs,lintang,bujur,kepemilikan\n",
    )
    assert res.data["milik"].tolist() == ["pemerintah", "swasta"]
    assert res.data["kepemilikan"].tolist() == ["Pemerintah Kabupaten", "Swasta"]
    assert "hospital_owner_inferred" not in res.report.codes()


def test_bundled_regions_each_have_a_government_hospital():
    from ilp_dash.config import settings
    from ilp_dash.io.faskes import hospital_owner

    for path in sorted(settings().data_dir.glob("*/rumah_sakit.csv")):
        rows = [r for r in csv.reader(path.read_text(encoding="utf-8").splitlines()[1:])][1:]
        owners = [hospital_owner(r[1])[0] for r in rows]
        assert "pemerintah" in owners, path


def test_national_list_of_another_region_only_is_an_error(write, jepara):
    p = write(
        "faskes.csv",
        NATIONAL.read_text(encoding="utf-8").splitlines()[0]
        + "\n64,KALIMANTAN TIMUR,R6474032,RUMAH SAKIT,RS X,Jl. X,0.14,117.48,C,BUMN\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_facilities(p, "hospitals", jepara)
    assert exc.value.report.codes() == ["faskes_other_regency", "faskes_none_in_region"]


def test_same_place_warned_once_per_group(jepara):
    res = load_facilities(FIXTURES / "rumah_sakit_titik_sama_sintetis.csv", "hospitals", jepara)
    warned = [p for p in res.report.problems if p.code == "facility_same_place"]
    # R1 = R2, R3 0.0001° (11 m) north; R4–R5 0.0002° (22 m); R6–R7 0.00025° (28 m): not warned
    assert [(p.row, p.column) for p in warned] == [(2, "lintang"), (5, "lintang")]
    assert warned[0].message_en.startswith(
        "3 facilities (hospital) lie at most 11 m from each other "
        "(rows 2, 3, 4: RS Contoh Satu, RS Contoh Dua, RS Contoh Tiga)"
    )
    assert "2 facilities (hospital) lie at most 22 m" in warned[1].message_en
    assert "titik bawaan geocoder?" in warned[0].message_id
    assert len(res.data) == 7  # a warning, nothing dropped


def test_point_in_another_known_regency_is_named(write, jepara):
    # a representative point of Besuki, Kec. Panggul, Kabupaten Trenggalek (35.03)
    with pytest.raises(DataValidationError) as exc:
        load(write, "RS Jauh,-8.25047,111.41075\n", "hospitals", jepara, header="nama_rs,lat,lon\n")
    e = exc.value.report.errors[0]
    assert (e.code, e.row, e.column) == ("coord_other_regency", 2, "lat")
    assert e.message_en.startswith("Point (-8.25047, 111.41075) lies in Kabupaten Trenggalek, ")
    assert e.message_en.endswith("km outside Kabupaten Jepara.")


def test_landlocked_region_has_no_sea_tolerance(write):
    from ilp_dash.io.geodata import load_region
    from ilp_dash.io.placement import has_coast

    pringsewu = load_region("18.10")
    assert not has_coast(pringsewu) and has_coast(load_region("33.20"))
    header = "nama_rs,lintang,bujur\n"
    km = pringsewu.locator.distance_km(104.655, -5.40)
    assert 19.5 < km < 21.0  # about 20 km west of Pringsewu
    with pytest.raises(DataValidationError) as exc:
        load(write, "RS Luar,-5.40,104.655\n", "hospitals", pringsewu, header=header)
    e = exc.value.report.errors[0]
    assert e.code == "coord_outside" and f"{km:,.1f} km outside Kabupaten Pringsewu" in e.message_en
    # a Posyandu 0.5 km off the simplified border: accepted, without talk of a coast
    res = load(
        write,
        "Posyandu Tepi,-5.40,104.885\n",
        "posyandu",
        pringsewu,
        header="nama_posyandu,lintang,bujur\n",
        name="t.csv",
    )
    assert res.report.codes() == ["coord_near_border"]
    assert "(simplified boundary); accepted" in res.report.problems[0].message_en


def test_posyandu_may_share_a_place(write, jepara):
    # Posyandu meet in neighbours' houses: two at one point are not warned (Puskesmas would be)
    body = "A,,,-6.70989,110.61781,3,,\nB,,,-6.70989,110.61781,3,,\n"
    assert load(write, body, region=jepara).report.codes() == []
