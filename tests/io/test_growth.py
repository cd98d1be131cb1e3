"""Height-for-age z-scores against the WHO 2006 Child Growth Standards tables.

Values are read from the WHO "Length/height-for-age" z-score tables
(lhfa_boys_z_exp / lhfa_girls_z_exp, 0-2 years length and 2-5 years height):
median and -2 SD at completed months. The tables round to 0.1 cm, so a
z-score within 0.05 of 0 or -2 is a match.
"""

from datetime import date, timedelta

import pytest

from ilp_dash.io.growth import ZSCORE_TOLERANCE, haz

BIRTH = date(2020, 1, 1)
# (sex, months, position, median_cm, minus2sd_cm)
WHO = [
    ("L", 0, "L", 49.9, 46.1),
    ("L", 6, "L", 67.6, 63.3),
    ("L", 12, "L", 75.7, 71.0),
    ("L", 24, "H", 87.1, 81.0),
    ("L", 36, "H", 96.1, 88.7),
    ("L", 48, "H", 103.3, 94.9),
    ("L", 60, "H", 110.0, 100.7),
    ("P", 0, "L", 49.1, 45.4),
    ("P", 12, "L", 74.0, 68.9),
    ("P", 60, "H", 109.4, 99.9),
]


def _at(months: int) -> date:
    return BIRTH + timedelta(days=round(months * 30.4375))


@pytest.mark.parametrize("sex, months, pos, median, minus2", WHO)
def test_haz_matches_who_tables(sex, months, pos, median, minus2):
    assert haz(sex, BIRTH, _at(months), median, pos) == pytest.approx(0.0, abs=0.05)
    assert haz(sex, BIRTH, _at(months), minus2, pos) == pytest.approx(-2.0, abs=0.05)


def test_standing_below_two_years_is_corrected_by_0_7_cm():
    # A 12-month-old boy measured standing at 70.3 cm equals 71.0 cm lying (WHO -2 SD)
    assert haz("L", BIRTH, _at(12), 70.3, "H") == pytest.approx(-2.0, abs=0.05)


def test_position_defaults_to_who_convention():
    assert haz("L", BIRTH, _at(12), 71.0) == pytest.approx(haz("L", BIRTH, _at(12), 71.0, "L"))
    assert haz("L", BIRTH, _at(36), 88.7) == pytest.approx(haz("L", BIRTH, _at(36), 88.7, "H"))


def test_table_rounding_stays_within_the_export_tolerance():
    # the WHO tables round to 0.1 cm; 0.05 cm at 24 months (S about 0.035, M 87.1) moves z by
    # 0.05 / (87.1 * 0.035) = 0.016, well inside the tolerance an export's ZS TB/U is checked with
    step = haz("L", BIRTH, _at(24), 87.15, "H") - haz("L", BIRTH, _at(24), 87.1, "H")
    assert 0.01 < step < 0.02 < ZSCORE_TOLERANCE == 0.05
