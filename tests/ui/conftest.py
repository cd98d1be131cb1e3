"""Cases shared by several ui test files: the stunting villages, the ambulance instance, the display's views."""

import numpy as np
import pandas as pd

from ilp_dash.region import display as rd
from ilp_dash.region.results import SitingInputs
from ilp_dash.ui import display_views as dv

# ------------------------------------------------------------------ stunting screen (test_stunting*.py)
# Five villages whose answers are worked out by hand:
#
# ====  ======  ========  =====  ========  ===========  =====  =====  ======
# kode  diukur  stunting  crude  rate_eb   class        small  gi_z   gi_q
# ====  ======  ========  =====  ========  ===========  =====  =====  ======
# A     100     30        0.30   0.28      hot          no      3.10  0.010
# B     200     20        0.10   0.11      cold         no     -2.50  0.020
# C     50      10        0.20   0.19      not sig.     no      0.40  0.700
# D     8       3         0.375  0.21      not sig.     yes     1.00  NaN
# E     0       0         NaN    0.18      not sig.     yes     NaN   NaN
# ====  ======  ========  =====  ========  ===========  =====  =====  ======
#
# class index: A hot 0, B cold 1, C 2, D fewer than 20 measured 3, E nothing measured NaN.
NAN = float("nan")
H = pd.DataFrame(
    {
        "kode_desa": ["A", "B", "C", "D", "E"],
        "diukur": [100, 200, 50, 8, 0],
        "stunting": [30, 20, 10, 3, 0],
        "rate_crude": [0.30, 0.10, 0.20, 0.375, NAN],
        "rate_eb": [0.28, 0.11, 0.19, 0.21, 0.18],
        "eb_lower": [0.20, 0.07, 0.10, 0.105171, 0.05],
        "eb_upper": [0.40, 0.16, 0.30, 0.347395, 0.40],
        "gi_z": [3.10, -2.50, 0.40, 1.00, NAN],
        "gi_q": [0.010, 0.020, 0.700, NAN, NAN],
        "small_n": [False, False, False, True, True],
        "class": ["hot", "cold", "not significant", "not significant", "not significant"],
    }
)
VIL = pd.DataFrame(
    {
        "kode": ["A", "B", "C", "D", "E"],
        "nama": ["Alas", "Bumi", "Cepu", "Dawe", "Ekor"],
        "kecamatan": ["K1", "K1", "K2", "K2", "K2"],
    }
)


# ------------------------------------------------------------------ ambulance planner (test_ambulance*.py)
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
MINUTES = np.array([[5.0, 20.0, 12.0], [25.0, 8.0, 9.0], [30.0, 14.0, 6.0]])


def inputs(minutes=MINUTES, base=(True, False, False)) -> SitingInputs:
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


# ------------------------------------------------------------------ public display (test_display*.py)
JEPARA = "33.20"


def view_content(code: str, key: str, lang: str) -> dv.View:
    return dv.view_content(rd.view_data(code, key), lang)
