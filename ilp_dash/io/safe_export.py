"""Tables made safe to open in Excel or LibreOffice (CSV/formula injection).

A village, Posyandu or facility name comes from a file someone uploaded. When
such a name starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return), a spreadsheet opening the exported CSV — or openpyxl writing the
XLSX — takes it for a formula: ``=HYPERLINK("http://…","Klik")`` becomes a
live link, and older Excel versions can even start programs. :func:`safe_cells`
puts an apostrophe in front of such text, the usual spreadsheet sign for
"this is text"; numbers, including negative ones, are left as they are.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# the ASCII triggers and their full-width forms, which some spreadsheets also accept
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_text(value: object) -> object:
    """``value`` with an apostrophe in front when it is text a spreadsheet would run as a formula.

    Text that is just a number (``"-6.59"``) is left alone: a spreadsheet reads
    it as that number, which is harmless; so is anything that is not text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot act as spreadsheet formulas.

    Parameters
    ----------
    frame
        The table about to be written to CSV or XLSX.

    Returns
    -------
    pandas.DataFrame
        Same index, columns and dtypes; every text cell starting with ``=``,
        ``+``, ``-``, ``@``, a tab or a carriage return (or a full-width
        ``＝ ＋ － ＠``) gets a leading ``'``. Numeric columns are untouched.
    """
    out = frame.copy()
    for i, dtype in enumerate(out.dtypes):
        if not (
            dtype == np.dtype(object) or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype))
        ):
            continue
        values = out.iloc[:, i].astype(object)
        risky = np.fromiter((safe_text(v) is not v for v in values), dtype=bool, count=len(values))
        if risky.any():  # categories gain new values, so a categorical column becomes text
            safe = values.copy()
            safe[risky] = "'" + values[risky]
            out.isetitem(i, safe.astype(dtype) if isinstance(dtype, pd.StringDtype) else safe)
    return out
