"""The region's referral chain ends at a government hospital (issue 12, part 6)."""

from __future__ import annotations

import pytest

from ilp_dash.region import results, store


@pytest.mark.parametrize("code", ["35.03", "33.20"])
def test_chain_hospitals_are_government_ones(code):
    ref = results.referral(code)
    hospitals = store.dataset(code).facilities["hospitals"]
    government = set(hospitals.loc[hospitals["milik"] == "pemerintah", "id"].astype(str))
    assert government  # the sample registers name RSUDs only
    for level in (ref.posyandu, ref.villages):
        assert set(level["rsud_milik"]) == {"pemerintah"}
        assert set(level["rsud_id"].astype(str)) <= government
    assert not ref.fallback and ref.excluded == ()
