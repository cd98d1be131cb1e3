"""Number, percent and month formats in both languages (ilp_dash.i18n)."""

from ilp_dash.i18n import month_name, number, percent, signed, tr


def test_numbers_follow_the_language():
    assert number(1234.5, "id", 1) == "1.234,5"
    assert number(1234.5, "en", 1) == "1,234.5"
    assert percent(97.0149, "id") == "97%" and percent(float("nan"), "id") == "–"
    assert (
        signed(15, "id") == "+15"
        and signed(-0.04, "en", 1) == "±0"
        and signed(-0.06, "en", 1) == "−0.1"
        and signed(0, "id") == "±0"
    )
    assert month_name("2025-05", "id") == "Mei 2025" and month_name("2025-05", "en") == "May 2025"
    assert tr("en", "Desa", "Villages") == "Villages" and tr("id", "Desa", "Villages") == "Desa"


def test_a_year_only_period_reads_as_a_year():
    from ilp_dash.i18n import month_name

    assert month_name("2024", "id") == "tahun 2024" and month_name("2024", "en") == "year 2024"
    assert month_name("2025-05", "id") == "Mei 2025"
