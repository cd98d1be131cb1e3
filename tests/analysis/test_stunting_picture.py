"""The stunting picture of a month (ilp_dash/analysis/stunting_picture.py) and its month rule (io.stunting.month_rows)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ilp_dash import policy
from ilp_dash.analysis.hotspots import hotspots
from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.analysis.stunting_picture import month_picture
from ilp_dash.io.stunting import StuntingPeriodError, month_rows


@pytest.fixture(scope="module")
def kedung(jepara):
    return jepara.villages[jepara.villages["kecamatan"] == "Kedung"].reset_index(drop=True)


@pytest.fixture(scope="module")
def monthly(kedung):
    """Two months per village: June 50 measured / 10 stunted, July 40 / 2 (the first village 40 / 30)."""
    codes = kedung["kode"].tolist()
    rows = [(c, "2024-06", 50, 10) for c in codes] + [
        (c, "2024-07", 40, 30 if i == 0 else 2) for i, c in enumerate(codes)
    ]
    return pd.DataFrame(rows, columns=["kode_desa", "bulan", "diukur", "stunting"])


def test_month_rows_latest_by_default_and_never_summed(monthly):
    rows, month = month_rows(monthly)
    assert month == "2024-07" and rows.columns.tolist() == ["kode_desa", "diukur", "stunting"]
    assert rows["diukur"].tolist() == [40] * len(rows)  # not 90: months are not added
    rows, month = month_rows(monthly, "2024-06")
    assert month == "2024-06" and rows["stunting"].tolist() == [10] * len(rows)


def test_month_rows_unknown_month_is_a_bilingual_error(monthly):
    with pytest.raises(StuntingPeriodError) as exc:
        month_rows(monthly, "2023-12")
    text = str(exc.value)
    assert "tidak ada di tabel stunting" in text and "not in the stunting table" in text
    assert "2024-06, 2024-07" in text


def test_a_table_without_months_is_one_period(kedung):
    totals = pd.DataFrame({"kode_desa": kedung["kode"], "diukur": 30, "stunting": 6})
    rows, month = month_rows(totals)
    assert month is None and rows.equals(totals.reset_index(drop=True))
    totals.attrs["month"] = "2024-08"
    assert month_rows(totals)[1] == "2024-08" and month_rows(totals, "2024-08")[1] == "2024-08"
    with pytest.raises(StuntingPeriodError, match="no month column"):
        month_rows(totals, "2024-06")


def test_picture_is_the_latest_month_by_hand(monthly, kedung):
    pic = month_picture(monthly, kedung)
    assert pic.attrs["month"] == "2024-07"
    first = pic.iloc[0]
    # by hand: 30 of 40 in July (the sum of both months would be 40 of 90)
    assert (first["diukur"], first["stunting"]) == (40, 30)
    assert first["rate_crude"] == pytest.approx(0.75)
    assert pic["rate_crude"].iloc[1:].tolist() == pytest.approx([0.05] * (len(pic) - 1))
    # the EB rate lies between the village's own rate and the regional rate, inside its interval
    pooled = (30 + 2 * (len(pic) - 1)) / (40 * len(pic))
    assert pooled < first["rate_eb"] < 0.75
    assert (pic["eb_lower"] <= pic["rate_eb"]).all() and (pic["rate_eb"] <= pic["eb_upper"]).all()
    assert not pic["small_n"].any()


def test_picture_uses_the_screens_rule(monthly, kedung):
    pic = month_picture(monthly, kedung)
    a = pic.attrs
    assert a["seed"] == policy.HOTSPOT_SEED and a["significance"] == policy.HOTSPOT_SIGNIFICANCE
    assert a["alpha"] == policy.FDR_ALPHA and a["min_measured"] == policy.MIN_MEASURED
    # 'auto': 2 m / alpha - 1 permutations for m tested villages, at least 999
    assert a["permutations"] == max(999, int(np.ceil(2 * len(kedung) / policy.FDR_ALPHA)) - 1)
    assert a["rule"] == (
        f"gi_star; {policy.HOTSPOT_SIGNIFICANCE} p; BH FDR {policy.FDR_ALPHA:g}; "
        f"min {policy.MIN_MEASURED} measured"
    )
    direct = hotspots(
        monthly.loc[monthly["bulan"] == "2024-07", ["kode_desa", "diukur", "stunting"]],
        kedung,
        permutations="auto",
        seed=policy.HOTSPOT_SEED,
        significance=policy.HOTSPOT_SIGNIFICANCE,
    )
    pd.testing.assert_frame_equal(pic, direct)


def test_picture_is_the_same_every_time(monthly, kedung):
    pd.testing.assert_frame_equal(month_picture(monthly, kedung), month_picture(monthly, kedung))


@pytest.mark.parametrize("rule", ["permutation", "normal"])
def test_rule_is_read_from_policy_when_called(monkeypatch, monthly, kedung, rule):
    monkeypatch.setattr(policy, "HOTSPOT_SIGNIFICANCE", rule)
    pic = month_picture(monthly, kedung)
    assert pic.attrs["significance"] == rule and f"{rule} p" in pic.attrs["rule"]
    other = "normal" if rule == "permutation" else "permutation"
    assert month_picture(monthly, kedung, significance=other).attrs["significance"] == other


def test_small_villages_are_flagged(monthly, kedung):
    small = monthly.copy()
    small.loc[(small["bulan"] == "2024-07") & (small.index % 2 == 0), "diukur"] = 19
    small["stunting"] = np.minimum(small["stunting"], small["diukur"])
    pic = month_picture(small, kedung)
    assert pic["small_n"].tolist() == (pic["diukur"] < policy.MIN_MEASURED).tolist()
    assert (pic.loc[pic["small_n"], "class"] == "not significant").all()


def test_unknown_month_and_counts_only_are_clear_errors(monthly, kedung):
    with pytest.raises(HotspotError, match="month 2030-01 is not in the stunting table"):
        month_picture(monthly, kedung, "2030-01")
    counts_only = monthly.assign(diukur=pd.NA)
    counts_only.attrs["measured"] = False
    with pytest.raises(HotspotError) as exc:
        month_picture(counts_only, kedung)
    assert "tanpa jumlah diukur" in str(exc.value) and "not children measured" in str(exc.value)
