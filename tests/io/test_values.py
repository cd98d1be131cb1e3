from datetime import date

import pytest

from ilp_dash.io.values import parse_count, parse_date, parse_float, parse_month, parse_yes_no


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
    ],
)
def test_month(raw, v):
    assert parse_month(raw) == v


@pytest.mark.parametrize("raw", ["2024-13", "juno 2024", "24", ""])
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
