"""Small-count suppression: hand-worked tables (threshold 5)."""

import numpy as np
import pandas as pd
import pytest

from ilp_dash.region.privacy import count_labels, display_count, suppress_counts


@pytest.fixture
def villages():
    # kode, children measured, children stunted, crude rate
    return pd.DataFrame(
        {
            "kode": ["A", "B", "C", "D", "E", "F"],
            "diukur": [4, 5, 0, 120, np.nan, 200],
            "stunting": [1, 5, 0, 3, np.nan, 40],
            "rate": [0.25, 1.0, np.nan, 0.025, np.nan, 0.2],
        }
    )


def test_small_counts_and_their_rates_are_withheld(villages):
    out = suppress_counts(villages, ["diukur", "stunting"], ["rate"])
    # A: 4 measured (and 1 stunted) -> both "< 5", rate withheld
    # B: 5 and 5 stay, with their rate; F: nothing small
    # C: 0 measured -> withheld, and no division error; D: 3 stunted of 120 -> rate withheld
    # E: no report at all -> missing, not "small"
    assert (
        np.isnan(out.loc[0, "diukur"])
        and out.loc[1, "diukur"] == 5
        and np.isnan(out.loc[2, "diukur"])
    )
    assert out.loc[3, "diukur"] == 120 and np.isnan(out.loc[3, "stunting"])
    assert out["diukur_ditahan"].tolist() == [True, False, True, False, False, False]
    assert out["stunting_ditahan"].tolist() == [True, False, True, True, False, False]
    assert out["ditahan"].tolist() == [True, False, True, True, False, False]
    rate = out["rate"].to_numpy()
    assert np.isnan(rate[[0, 2, 3, 4]]).all()
    assert rate[1] == 1.0 and rate[5] == 0.2
    assert out.loc[5, "stunting"] == 40 and out.loc[1, "stunting"] == 5
    assert out["kode"].tolist() == list("ABCDEF")


def test_the_input_is_not_changed(villages):
    before = villages.copy()
    suppress_counts(villages, ["diukur", "stunting"], ["rate"])
    pd.testing.assert_frame_equal(villages, before)


def test_threshold_can_be_raised():
    t = pd.DataFrame({"n": [9, 10], "p": [0.5, 0.5]})
    out = suppress_counts(t, ["n"], ["p"], threshold=10)
    assert np.isnan(out.loc[0, "n"]) and np.isnan(out.loc[0, "p"])
    assert out.loc[1, "n"] == 10 and out.loc[1, "p"] == 0.5


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="stunting"):
        suppress_counts(pd.DataFrame({"diukur": [10]}), ["diukur", "stunting"])


def test_display_count():
    assert display_count(4, "id") == "< 5"
    assert display_count(np.int64(3), "en") == "< 5"
    assert display_count(0, "id") == "< 5"
    assert display_count(5, "id") == "5"
    assert display_count(57417, "id") == "57.417" and display_count(57417, "en") == "57,417"
    assert display_count(None, "id") == "–" and display_count(float("nan"), "id") == "–"


def test_count_labels_say_withheld_not_missing(villages):
    out = suppress_counts(villages, ["diukur", "stunting"], ["rate"])
    assert count_labels(out, "diukur", "id") == ["< 5", "5", "< 5", "120", "–", "200"]
    assert count_labels(out, "stunting", "en") == ["< 5", "5", "< 5", "< 5", "–", "40"]
