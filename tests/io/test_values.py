from datetime import date

import pytest

from ilp_dash.io.values import (
    excel_serial,
    month_of_year,
    parse_count,
    parse_date,
    parse_float,
    parse_month,
    parse_year,
    parse_yes_no,
)


@pytest.mark.parametrize(
    "raw, v", [("12", 12), ("1.139", 1139), ("6,443", 6443), ("7.0", 7), ("-3", -3)]
)
def test_count(raw, v):
    assert parse_count(raw) == v


@pytest.mark.parametrize("raw", ["x", "1.5", "", "12 orang"])
def test_count_rejects(raw):
    with pytest.raises(ValueError):
        parse_count(raw)


@pytest.mark.parametrize(
    "raw, v",
    [
        ("2024-06", "2024-06"),
        ("2024-6", "2024-06"),
        ("06/2024", "2024-06"),
        ("Juni 2024", "2024-06"),
        ("jun-24", "2024-06"),
        ("2024-06-01", "2024-06"),
        ("2024-06-01 00:00:00", "2024-06"),
        ("Agustus 2024", "2024-08"),
        ("Nopember 2024", "2024-11"),
        # every common form of May 2025 (issue 11)
        ("2025-05", "2025-05"),
        ("05/2025", "2025-05"),
        ("2025/05", "2025-05"),
        ("Mei 2025", "2025-05"),
        ("Mei-25", "2025-05"),
        ("May 2025", "2025-05"),
        ("MEI 2025", "2025-05"),
        ("202505", "2025-05"),
        ("17/05/2025", "2025-05"),  # a date, day first
        ("17 Mei 2025", "2025-05"),
        ("2025-05-17T00:00:00", "2025-05"),  # an Excel date cell as read from XLSX
        ("45778", "2025-05"),  # Excel serial: 1899-12-30 + 45778 days = 2025-05-01
        ("45808.0", "2025-05"),  # + 30 days = 2025-05-31
    ],
)
def test_month(raw, v):
    assert parse_month(raw) == v


@pytest.mark.parametrize("raw", ["2024-13", "juno 2024", "24", "", "Desember", "12345", "2024"])
def test_month_rejects(raw):
    with pytest.raises(ValueError):
        parse_month(raw)


@pytest.mark.parametrize(
    "raw, v",
    [
        ("2022-03-17", date(2022, 3, 17)),
        ("17/03/2022", date(2022, 3, 17)),
        ("17-03-2022", date(2022, 3, 17)),
        ("17 Maret 2022", date(2022, 3, 17)),
        ("2022-03-17T00:00:00", date(2022, 3, 17)),
    ],
)
def test_date(raw, v):
    assert parse_date(raw) == v


def test_yes_no_and_float():
    assert (
        parse_yes_no("Ya") is True and parse_yes_no("tidak") is False and parse_yes_no("") is False
    )
    with pytest.raises(ValueError):
        parse_yes_no("mungkin")
    assert parse_float("82,5") == 82.5


def test_excel_serial():
    assert excel_serial("45658") == date(2025, 1, 1)  # 1899-12-30 + 45658 days
    assert excel_serial("1200") is None and excel_serial("2024") is None


@pytest.mark.parametrize(
    "month, year, v",
    [
        ("Desember", "2024", "2024-12"),
        ("desember.", "2024", "2024-12"),
        ("DES", "2024.0", "2024-12"),
        ("12", "2024", "2024-12"),
        ("3", "2025", "2025-03"),
        ("Des 2024", "2024", "2024-12"),
        ("2024-12", "2024", "2024-12"),
    ],
)
def test_month_of_year(month, year, v):
    assert month_of_year(month, year) == v


@pytest.mark.parametrize(
    "month, year", [("Desember", "24"), ("13", "2024"), ("Des 2023", "2024"), ("Juno", "2024")]
)
def test_month_of_year_rejects(month, year):
    with pytest.raises(ValueError):
        month_of_year(month, year)


def test_year_and_typographic_minus():
    assert parse_year("2024") == "2024" and parse_year("2024.0") == "2024"
    for bad in ("24", "1850", "tahun"):
        with pytest.raises(ValueError):
            parse_year(bad)
    assert parse_float("−2,31") == -2.31
