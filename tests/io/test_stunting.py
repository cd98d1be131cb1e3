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
