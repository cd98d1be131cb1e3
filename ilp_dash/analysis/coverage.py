"""ILP coverage: Posyandu and ILP Posyandu per village and month."""

from __future__ import annotations

import pandas as pd


def village_ilp(village_codes: pd.Series, posyandu: pd.DataFrame, month: str) -> pd.DataFrame:
    """Posyandu, ILP Posyandu and the ILP share per village at the end of ``month``.

    A Posyandu counts as ILP from its ``bulan_ilp`` (``YYYY-MM``) onwards; one
    with ``ilp`` true but no month counts from any month. Villages with no
    Posyandu get 0 and a share of NaN (nothing to measure).
    """
    since = posyandu["bulan_ilp"].fillna("")
    is_ilp = posyandu["ilp"].astype(bool) & ((since == "") | (since <= month))
    frame = pd.DataFrame({"kode_desa": posyandu["kode_desa"], "ilp": is_ilp})
    counts = frame.groupby("kode_desa")["ilp"].agg(posyandu="size", posyandu_ilp="sum")
    out = counts.reindex(pd.Index(village_codes, name="kode_desa")).fillna(0).astype(int).reset_index()
    out["persen_ilp"] = (100.0 * out["posyandu_ilp"] / out["posyandu"]).where(out["posyandu"] > 0)
    return out


def months(posyandu: pd.DataFrame) -> list[str]:
    """The months in which Posyandu became ILP, sorted."""
    return sorted(m for m in posyandu["bulan_ilp"].dropna().unique())
