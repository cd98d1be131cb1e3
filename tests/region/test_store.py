"""The data set each worker serves (region/store.py); versions on disk are tested in test_versions.py."""

from __future__ import annotations

import dataclasses

import pytest

from ilp_dash.config import settings
from ilp_dash.region import results, store

CODE = "35.79"


@pytest.fixture
def fresh():
    yield
    store.reset(CODE)
    results.clear()


def test_a_handed_in_data_set_is_served_as_is_with_the_next_version(fresh):
    served, ds = store.current(CODE)
    smaller = dataclasses.replace(
        ds, facilities={k: v for k, v in ds.facilities.items() if k != "pustu"}
    )
    assert store.replace(CODE, smaller) == served + 1
    assert store.dataset(CODE) is smaller and "pustu" not in store.dataset(CODE).facilities
    assert store.current(CODE, fresh=True) == (served + 1, smaller)  # pinned: the disk is not read
    assert store.folder(CODE) == settings().data_dir / CODE
    assert store.served_versions()[CODE] == served + 1


def test_reset_serves_the_version_on_disk_again(fresh):
    served, ds = store.current(CODE)
    store.replace(CODE, dataclasses.replace(ds, stunting=None))
    store.reset(CODE)
    again, ds2 = store.current(CODE)
    assert again == served and ds2.stunting is not None
    assert CODE in store.loaded_codes()


@pytest.mark.parametrize(
    ("asked", "served"),
    [("33.20", "33.20"), ("35.03", "35.03"), ("99.99", "33.20"), (None, "33.20"), ("", "33.20")],
)
def test_an_unknown_region_falls_back_to_the_default(asked, served):
    assert store.valid_region(asked) == served
