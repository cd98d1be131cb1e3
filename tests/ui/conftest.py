"""Cases shared by several ui test files: the stunting villages, the ambulance instance, the display's views."""

import pandas as pd

from ilp_dash.region import display as rd
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


# ------------------------------------------------------------------ public display (test_display*.py)
JEPARA = "33.20"


def view_content(code: str, key: str, lang: str) -> dv.View:
    return dv.view_content(rd.view_data(code, key), lang)
