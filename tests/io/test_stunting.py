from datetime import date, timedelta

import pytest

from ilp_dash.io.growth import haz
from ilp_dash.io.problems import DataValidationError
from ilp_dash.io.stunting import (
    load_population,
    load_stunting,
    read_village_totals,
    stunting_totals,
)


def test_village_table(write, jepara):
    p = write(
        "s.csv",
        "kode_desa,bulan,diukur,stunting\n33.20.01.2001,2024-06,40,7\n3320012002,Juni 2024,12,0\n",
    )
    res = load_stunting(p, jepara)
    assert res.data.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "bulan": "2024-06", "diukur": 40, "stunting": 7},
        {"kode_desa": "33.20.01.2002", "bulan": "2024-06", "diukur": 12, "stunting": 0},
    ]
    assert res.data.attrs["shape"] == "village"


def test_village_table_errors(write, jepara):
    p = write(
        "s.csv",
        "desa,kecamatan,bulan,diukur,stunting\n"
        "Kedungmalang,Kedung,2024-06,10,12\n"
        "Kedungmalang,Kedung,2024-07,10,2\n"
        "Kedungmalang,Kedung,2024-07,10,2\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert [(e.code, e.row) for e in exc.value.report.errors] == [
        ("stunted_gt_measured", 2),
        ("duplicate_village_month", 4),
    ]


def _row(sex, birth, measured, height, pos, village="Kedungmalang"):
    return f"{sex},{birth},{measured},{height},{pos},{village},Kedung\n"


def test_child_rows_are_scored_and_aggregated(write, jepara):
    b = date(2022, 6, 1)
    m = b + timedelta(days=round(24 * 30.4375))
    # WHO boys 24 mo height: median 87.1, -2SD 81.0 -> 80.0 is stunted; girls 60 mo -2SD 99.9
    g = date(2019, 8, 1)
    gm = g + timedelta(days=round(60 * 30.4375))
    rows = (
        _row("L", b, m, 87.1, "berdiri")
        + _row("L", b, m, 80.0, "berdiri")
        + _row("P", g, gm, 99.0, "berdiri")
        + _row("P", g, gm, 104.0, "berdiri", "Bulak Baru")
        + _row(
            "L", date(2018, 1, 1), m, 100.0, "berdiri"
        )  # older than 59 months: skipped with warning
    )
    p = write("c.csv", "jk,tgl_lahir,tgl_ukur,tinggi,cara_ukur,desa,kecamatan\n" + rows)
    res = load_stunting(p, jepara)
    assert haz("L", b, m, 80.0, "H") < -2 < haz("L", b, m, 87.1, "H")
    recs = {
        (r["kode_desa"], r["bulan"]): (r["diukur"], r["stunting"])
        for r in res.data.to_dict("records")
    }
    assert recs == {
        ("33.20.01.2001", m.strftime("%Y-%m")): (2, 1),
        ("33.20.01.2001", gm.strftime("%Y-%m")): (1, 1),
        (_code(jepara, "Bulak Baru"), gm.strftime("%Y-%m")): (1, 0),
    }
    assert "age_out_of_range" in res.report.codes()
    assert res.data.attrs["shape"] == "child"
    assert list(res.data.columns) == [
        "kode_desa",
        "bulan",
        "diukur",
        "stunting",
    ]  # no child rows kept


def _code(region, name):
    v = region.villages
    return v.loc[v["nama"] == name, "kode"].iloc[0]


def test_child_rows_errors(write, jepara):
    p = write(
        "c.csv",
        "jk,tgl_lahir,tgl_ukur,tinggi,desa,kecamatan\n"
        "X,2022-01-01,2024-01-01,80,Kedungmalang,Kedung\n"
        "L,2022-31-01,2024-01-01,80,Kedungmalang,Kedung\n"
        "L,2022-01-01,2024-01-01,delapan,Kedungmalang,Kedung\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert [(e.code, e.row, e.column) for e in exc.value.report.errors] == [
        ("bad_sex", 2, "jk"),
        ("bad_date", 3, "tgl_lahir"),
        ("bad_number", 4, "tinggi"),
    ]


def test_population(write, jepara):
    p = write("pop.csv", "kode_desa,penduduk,balita\n33.20.01.2001,5000,380\n")
    assert load_population(p, jepara).data.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "penduduk": 5000, "balita": 380}
    ]


def test_village_totals_without_months(write, jepara):
    p = write("t.csv", "village_code,measured,stunted\n33.20.01.2001,40,7\n3320012002,12,0\n")
    frame, synthetic = read_village_totals(p, jepara)
    assert frame.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "diukur": 40, "stunting": 7},
        {"kode_desa": "33.20.01.2002", "diukur": 12, "stunting": 0},
    ]
    assert not synthetic
    assert stunting_totals(p, jepara)[0].equals(frame)


def test_monthly_table_is_not_totals_but_still_counted(write, jepara):
    p = write("s.csv", "kode_desa,bulan,diukur,stunting\n33.20.01.2001,2024-06,40,7\n")
    assert read_village_totals(p, jepara) is None
    frame, _ = stunting_totals(p, jepara)
    assert frame.columns.tolist() == ["kode_desa", "diukur", "stunting"] and len(frame) == 1


def test_village_totals_need_both_counts(write, jepara):
    p = write("t.csv", "kode_desa,diukur\n33.20.01.2001,40\n")
    with pytest.raises(DataValidationError) as exc:
        read_village_totals(p, jepara)
    assert exc.value.report.codes() == ["missing_column"]


# ------------------------------------------------------------------ exports as they come (issue 11)
SIGIZI = (
    "Kecamatan,Puskesmas,Kelurahan,Bulan,Tahun,Sasaran_Balita,Balita_Ditimbang,"
    "Balita_Diukur_PB_TB,Jml_Balita_Stunting,Jml_Balita_Wasting,Prevalensi_Stunting\n"
)


def test_sigizi_month_name_with_year_and_future_rows(write, jepara):
    p = write(
        "r.csv",
        SIGIZI + "Kedung,Kedung I,Kedungmalang,Desember,2024,150,125,120,18,3,15\n"
        "Kedung,Kedung I,Kalianyar,Desember,2024,140,95,90,9,1,10\n"
        "Kedung,Kedung I,Kedungmalang,Januari,2025,150,,,,,\n"
        "Kedung,Kedung I,Kalianyar,Januari,2025,140,,,,,\n",
    )
    res = load_stunting(p, jepara)
    assert res.data.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "bulan": "2024-12", "diukur": 120, "stunting": 18},
        {"kode_desa": "33.20.01.2002", "bulan": "2024-12", "diukur": 90, "stunting": 9},
    ]
    assert res.data.attrs["period"] == "month" and res.data.attrs["measured"]
    skipped = [x for x in res.report.problems if x.code == "rows_not_reported"]
    assert len(skipped) == 1 and skipped[0].severity == "warning"
    assert "2 rows without counts" in skipped[0].message_en and "rows 4–5" in skipped[0].message_en
    ignored = [x for x in res.report.problems if x.code == "columns_ignored"]
    assert len(ignored) == 1 and ignored[0].severity == "info"
    assert ignored[0].message_en == (
        "5 columns are not used and were ignored: Puskesmas, Sasaran_Balita, "
        "Balita_Ditimbang, Jml_Balita_Wasting, Prevalensi_Stunting."
    )


def test_half_filled_row_is_an_error(write, jepara):
    p = write("r.csv", SIGIZI + "Kedung,Kedung I,Kedungmalang,Desember,2024,150,125,,18,3,15\n")
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert [(e.code, e.row, e.column) for e in exc.value.report.errors] == [
        ("missing_value", 2, "Balita_Diukur_PB_TB")
    ]


def test_only_future_rows_is_an_error(write, jepara):
    p = write("r.csv", SIGIZI + "Kedung,Kedung I,Kedungmalang,Januari,2025,150,,,,,\n")
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert exc.value.report.codes() == ["columns_ignored", "rows_not_reported", "nothing_reported"]


@pytest.mark.parametrize(
    "month, year, code",
    [
        ("Desember", "24", "bad_year"),
        ("Des 2023", "2024", "month_year_disagree"),
        ("Dec.", "", "bad_month"),
    ],
)
def test_month_and_year_problems(write, jepara, month, year, code):
    p = write(
        "r.csv",
        f"desa,kecamatan,bulan,tahun,diukur,stunting\nKedungmalang,Kedung,{month},{year},10,1\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert [(e.code, e.row) for e in exc.value.report.errors] == [(code, 2)]


def test_months_in_every_common_form(write, jepara):
    forms = [
        "2025-05",
        "05/2025",
        "2025/05",
        "Mei 2025",
        "Mei-25",
        "May 2025",
        "17/05/2025",
        "45778",
    ]
    rows = "".join(f"33.20.01.{2001 + i},{m},10,{i}\n" for i, m in enumerate(forms))
    res = load_stunting(write("m.csv", "kode_desa,bulan,diukur,stunting\n" + rows), jepara)
    assert set(res.data["bulan"]) == {"2025-05"} and len(res.data) == len(forms)


OPEN = (
    "kode_provinsi,nama_kabupaten_kota,kemendagri_kode_kecamatan,kemendagri_kode_desa_kelurahan,"
    "bps_kode_desa_kelurahan,nama_desa_kelurahan,jumlah_balita_stunting,satuan,tahun\n"
)


def test_open_data_yearly_counts_only(write, jepara):
    p = write(
        "o.csv",
        OPEN + "33,KABUPATEN JEPARA,332001,3320012001,3320010001,Kedungmalang,21,ORANG,2024\n"
        "33,KABUPATEN JEPARA,332001,3320012002,3320010002,Kalianyar,13,ORANG,2024\n",
    )
    res = load_stunting(p, jepara)
    assert res.data["bulan"].tolist() == ["2024", "2024"]  # a year, no month invented
    assert res.data["diukur"].isna().all() and res.data["stunting"].tolist() == [21, 13]
    assert res.data.attrs["period"] == "year" and res.data.attrs["measured"] is False
    assert {"stunting_counts_only", "stunting_yearly"} <= set(res.report.codes())
    with pytest.raises(DataValidationError) as exc:  # the CLI's hotspots need children measured
        stunting_totals(p, jepara)
    assert exc.value.report.codes() == ["stunting_needs_measured"]


def test_open_data_monthly_with_periode_and_measured(write, jepara):
    p = write(
        "o.csv",
        "kemendagri_kode_desa_kelurahan,nama_desa_kelurahan,periode,jumlah_balita_diukur,"
        "jumlah_balita_stunting,satuan,tahun\n"
        "3320012001,Kedungmalang,Juni,40,7,ORANG,2024\n",
    )
    assert load_stunting(p, jepara).data.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "bulan": "2024-06", "diukur": 40, "stunting": 7}
    ]


def test_open_data_percentages_are_refused(write, jepara):
    p = write(
        "o.csv",
        OPEN + "33,KABUPATEN JEPARA,332001,3320012001,3320010001,Kedungmalang,12.5,PERSEN,2024\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert exc.value.report.errors[0].code == "unit_not_count"
    assert exc.value.report.errors[0].column == "satuan"


def test_monthly_table_without_measured_stays_an_error(write, jepara):
    p = write("s.csv", "kode_desa,bulan,stunting\n33.20.01.2001,2024-06,7\n")
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert exc.value.report.errors[0].code == "missing_column"


CHILD = "NIK,Nama,JK,Tgl Lahir,Tanggal Pengukuran,Berat,Tinggi,Cara Ukur,Desa/Kel,Posyandu,RT,RW,Alamat,TB/U,ZS TB/U\n"


def test_child_export_drops_personal_data_and_checks_its_z_scores(write, jepara):
    b = date(2022, 6, 1)
    m = b + timedelta(days=round(24 * 30.4375))
    z_ok, z_off = haz("L", b, m, 80.0, "H"), haz("L", b, m, 87.1, "H") + 0.2
    p = write(
        "c.csv",
        CHILD + f"3320990000000001,Budi Sintetis,L,{b},{m},10,80.0,Berdiri,Kedungmalang,Melati,1,2,"
        f"Jl. Rahasia 1,Pendek,{z_ok:.2f}\n"
        f"3320990000000002,Sari Sintetis,L,{b},{m},12,87.1,Berdiri,Kedungmalang,Melati,1,2,"
        f"Jl. Rahasia 2,Normal,{z_off:.2f}\n",
    )
    res = load_stunting(p, jepara)
    assert res.data.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "bulan": m.strftime("%Y-%m"), "diukur": 2, "stunting": 1}
    ]
    z = [x for x in res.report.problems if x.code == "zscore_disagrees"]
    assert len(z) == 1 and "on 1 of 2 rows (e.g. row 3: " in z[0].message_en
    dropped = [x for x in res.report.problems if x.code == "personal_columns_dropped"]
    assert "(NIK, Nama, RT, RW, Alamat)" in dropped[0].message_en
    seen = res.report.to_text() + res.data.to_csv() + res.matches.to_csv()
    for secret in ("Budi", "Sari", "3320990000000001", "Rahasia"):
        assert secret not in seen


def test_child_errors_never_show_names(write, jepara):
    p = write(
        "c.csv",
        CHILD
        + "3320990000000009,Budi Sintetis,X,2022-01-01,2024-01-01,9,80,,Kedungmalang,,,,Jl. Rahasia,,\n",
    )
    with pytest.raises(DataValidationError) as exc:
        load_stunting(p, jepara)
    assert exc.value.report.codes()[-1] == "bad_sex"
    text = exc.value.report.to_text() + str(exc.value)
    assert "Budi" not in text and "3320990000000009" not in text and "Rahasia" not in text
