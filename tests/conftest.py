import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from ilp_dash.io.geodata import load_region

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "wilayah_boundaries"


@pytest.fixture(scope="session", autouse=True)
def served_data_copy(tmp_path_factory):
    """Serve a copy of data/ in every test, so data versions and state never land in the repository."""
    from ilp_dash.config import settings

    if os.environ.get("ILP_DATA_DIR"):
        yield
        return
    copy = tmp_path_factory.mktemp("served") / "data"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns(".ilp", ".staging"))
    os.environ["ILP_DATA_DIR"] = str(copy)
    settings.cache_clear()
    yield
    os.environ.pop("ILP_DATA_DIR", None)
    settings.cache_clear()


@pytest.fixture(scope="session")
def jepara():
    return load_region("33.20")


@pytest.fixture
def write(tmp_path):
    """Write a text file into tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.write_text(text, encoding=encoding)
        return p

    return _write


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private copy of data/ served from now on (its own versions, results cleared before and after)."""
    from ilp_dash.config import settings
    from ilp_dash.region import results, store

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns(".ilp", ".staging"))
    monkeypatch.setenv("ILP_DATA_DIR", str(copy))
    monkeypatch.delenv("ILP_STATE_DIR", raising=False)
    monkeypatch.delenv("ILP_KEEP_VERSIONS", raising=False)
    settings.cache_clear()
    store.reset()
    results.clear()
    yield copy
    settings.cache_clear()
    store.reset()
    results.clear()


def two_island_sea_net():
    """Two landmasses joined by a fast boat (60 min) and a slow ferry (200 min) between the same ports."""
    import pandas as pd

    from ilp_dash.analysis.referral_lines import sea_net

    # port P (0.1, 0) on land 0, port Q (0.9, 0) on land 1; a fast boat (60 min) and a slow ferry (200 min)
    links = pd.DataFrame(
        {
            "from_lon": [0.1, 0.9],
            "from_lat": [0.0, 0.0],
            "to_lon": [0.9, 0.1],
            "to_lat": [0.0, 0.0],
            "minutes": [60.0, 200.0],
            "name": ["fast", "ferry"],
        }
    )
    return sea_net(links, from_land=[0, 1], to_land=[1, 0])


# ------------------------------------------------------------------ ambulance planner (tests/analysis/siting/test_plan.py, tests/ui/test_ambulance*.py)
# A 3-village × 3-candidate instance solved by hand.
#
# Minutes (rows villages V1–V3, columns candidates C1–C3), population 100, 50, 30;
# C1 is today's only base; standard T = 10 minutes::
#
#          C1  C2  C3
#     V1    5  20  12
#     V2   25   8   9
#     V3   30  14   6
#
# Within 10 minutes C1 covers {V1}, C2 covers {V2}, C3 covers {V2, V3}.
# Today: 100 of 180 covered (55.6%); mean minutes (100·5 + 50·25 + 30·30)/180 = 2650/180.
# K = 2 (C1 fixed + one more): C2 adds 50, C3 adds 80 → C3 is proposed; all 180 covered;
# nearest minutes 5, 9, 6 → mean 1130/180. People nearest each base: C1 100, C3 80.
SITING_MINUTES = np.array([[5.0, 20.0, 12.0], [25.0, 8.0, 9.0], [30.0, 14.0, 6.0]])


def siting_case(minutes=SITING_MINUTES, base=(True, False, False)):
    """Three villages, three candidate sites (see the table above ``SITING_MINUTES``)."""
    import pandas as pd

    from ilp_dash.region.results import SitingInputs

    demand = pd.DataFrame({"kode": ["V1", "V2", "V3"], "penduduk": [100, 50, 30]})
    cand = pd.DataFrame(
        {
            "id": ["C1", "C2", "C3"],
            "nama": ["Puskesmas Satu", "Pustu Dua", "Rumah Sakit Tiga"],
            "jenis": ["Puskesmas", "Pustu", "Rumah sakit"],
            "lon": [110.1, 110.2, 110.3],
            "lat": [-6.1, -6.2, -6.3],
            "base": list(base),
        }
    )
    return SitingInputs(
        demand=demand, candidates=cand, minutes=minutes, sea=np.zeros_like(minutes, dtype=bool)
    )
