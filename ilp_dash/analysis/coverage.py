"""ILP coverage: Posyandu, ILP Posyandu, Pustu and kader per area and month.

Rules
-----
* A Posyandu is ILP from its ``bulan_ilp`` (``YYYY-MM``) onwards; one marked
  ``ilp`` without a month counts as ILP in every month.
* Areas: village (``desa``), kecamatan, Puskesmas area and the whole regency
  (``kabupaten``). A village belongs to the Puskesmas named most often by its
  Posyandu (ties: alphabetical), else by its Pustu, else ``"(tanpa Puskesmas)"``.
* ``gap_posyandu`` = Posyandu that must still become ILP to reach the target
  share (``ceil(target% × posyandu) − ilp``, never negative).
* Completion month at the current pace: the average monthly increase of ILP
  Posyandu over the last ``window`` months; the month in which the remaining
  Posyandu would be reached. ``None`` when the pace is zero and the target is
  not met. When the target is already met, the first month it was met.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ilp_dash.policy import ILP_TARGET_PERCENT

LEVELS = ("desa", "kecamatan", "puskesmas", "kabupaten")
NO_PUSKESMAS = "(tanpa Puskesmas)"


class CoverageError(ValueError):
    pass


def month_range(start: str, end: str) -> list[str]:
    """Months from ``start`` to ``end`` inclusive, as ``YYYY-MM``."""
    periods = pd.period_range(pd.Period(start, "M"), pd.Period(end, "M"), freq="M")
    return [str(p) for p in periods]


def add_months(month: str, n: int) -> str:
    return str(pd.Period(month, "M") + n)


def ilp_at(posyandu: pd.DataFrame, month: str) -> pd.Series:
    """Boolean per Posyandu: ILP at the end of ``month``."""
    since = posyandu["bulan_ilp"].fillna("")
    return posyandu["ilp"].astype(bool) & ((since == "") | (since <= month))


def village_ilp(village_codes: pd.Series, posyandu: pd.DataFrame, month: str) -> pd.DataFrame:
    """Posyandu, ILP Posyandu and the ILP share per village at the end of ``month``.

    Villages with no Posyandu get 0 and a share of NaN (nothing to measure).
    """
    frame = pd.DataFrame({"kode_desa": posyandu["kode_desa"], "ilp": ilp_at(posyandu, month)})
    counts = frame.groupby("kode_desa")["ilp"].agg(posyandu="size", posyandu_ilp="sum")
    out = (
        counts.reindex(pd.Index(village_codes, name="kode_desa"))
        .fillna(0)
        .astype(int)
        .reset_index()
    )
    out["persen_ilp"] = (100.0 * out["posyandu_ilp"] / out["posyandu"]).where(out["posyandu"] > 0)
    return out


def months(posyandu: pd.DataFrame) -> list[str]:
    """The months in which Posyandu became ILP, sorted."""
    return sorted(m for m in posyandu["bulan_ilp"].dropna().unique())


def report_months(posyandu: pd.DataFrame | None, stunting: pd.DataFrame | None) -> list[str]:
    """Months to report: those of a monthly stunting table, else the span of the ILP roll-out (none: ``[]``).

    A yearly stunting table (periods like ``"2024"``) has no months, so the
    roll-out of the Posyandu register sets them.
    """
    if stunting is not None and len(stunting):
        periods = sorted(stunting["bulan"].astype(str).unique())
        if all(len(p) == 7 and p[4] == "-" for p in periods):
            return periods
    if posyandu is None:
        return []
    found = months(posyandu)
    return month_range(found[0], found[-1]) if found else []


def village_puskesmas(
    villages: pd.DataFrame, posyandu: pd.DataFrame, pustu: pd.DataFrame | None
) -> pd.Series:
    """The Puskesmas area of each village (see the module rules)."""

    def majority(frame: pd.DataFrame) -> pd.Series:
        f = frame.dropna(subset=["kode_desa", "puskesmas"])
        if f.empty:
            return pd.Series(dtype=object)
        counts = f.groupby(["kode_desa", "puskesmas"]).size().reset_index(name="n")
        counts = counts.sort_values(["kode_desa", "n", "puskesmas"], ascending=[True, False, True])
        return counts.drop_duplicates("kode_desa").set_index("kode_desa")["puskesmas"]

    area = pd.Series(NO_PUSKESMAS, index=pd.Index(villages["kode"], name="kode_desa"), dtype=object)
    if pustu is not None and "puskesmas" in pustu:
        by_pustu = majority(pustu)
        area.loc[area.index.intersection(by_pustu.index)] = by_pustu
    by_pos = majority(posyandu) if "puskesmas" in posyandu else pd.Series(dtype=object)
    area.loc[area.index.intersection(by_pos.index)] = by_pos
    return area


def _village_month(villages, posyandu, pustu, month) -> pd.DataFrame:
    cov = village_ilp(villages["kode"], posyandu, month).set_index("kode_desa")
    kader = posyandu.groupby("kode_desa")["kader"].sum(min_count=1) if "kader" in posyandu else None
    cov["kader"] = kader.reindex(cov.index).fillna(0).astype(int) if kader is not None else 0
    with_pustu = set(pustu["kode_desa"].dropna()) if pustu is not None else set()
    cov["desa"] = 1
    cov["desa_dengan_ilp"] = (cov["posyandu_ilp"] > 0).astype(int)
    cov["desa_dengan_pustu"] = cov.index.isin(with_pustu).astype(int)
    return cov


SUMMED = ["posyandu", "posyandu_ilp", "kader", "desa", "desa_dengan_ilp", "desa_dengan_pustu"]


def coverage_table(
    villages: pd.DataFrame,
    posyandu: pd.DataFrame,
    pustu: pd.DataFrame | None = None,
    *,
    months_: list[str],
    target_percent: float = ILP_TARGET_PERCENT,
) -> pd.DataFrame:
    """Coverage per level, area and month (long format).

    Parameters
    ----------
    villages : ``kode``, ``nama``, ``kode_kec``, ``kecamatan`` of every village of the region.
    posyandu : ``kode_desa``, ``ilp``, ``bulan_ilp``, ``kader`` (and ``puskesmas``).
    pustu : ``kode_desa`` (and ``puskesmas``), or ``None``.
    months_ : the months to report, ``YYYY-MM``.
    target_percent : the ILP share aimed at.

    Returns
    -------
    DataFrame with ``tingkat`` (level), ``kode``, ``nama``, ``bulan`` and
    :data:`SUMMED` counts, ``persen_ilp``, ``kader_per_posyandu``,
    ``persen_desa_ilp``, ``persen_desa_pustu``, ``gap_posyandu``.
    """
    if not 0 < target_percent <= 100:
        raise CoverageError(f"target_percent must be in (0, 100], got {target_percent}")
    if not months_:
        raise CoverageError("no months to report")
    area = village_puskesmas(villages, posyandu, pustu)
    v = villages.set_index("kode")
    frames = []
    for month in months_:
        vm = _village_month(villages, posyandu, pustu, month)
        vm["kode_kec"] = v.loc[vm.index, "kode_kec"]
        vm["puskesmas"] = area.loc[vm.index]
        vm["kabupaten"] = villages["kode_kab"].iloc[0] if "kode_kab" in villages else "kabupaten"
        desa = vm[SUMMED].assign(tingkat="desa", kode=vm.index, nama=v.loc[vm.index, "nama"].values)
        kec = vm.groupby("kode_kec")[SUMMED].sum().assign(tingkat="kecamatan")
        kec["kode"] = kec.index
        kec["nama"] = (
            v.drop_duplicates("kode_kec").set_index("kode_kec").loc[kec.index, "kecamatan"].values
        )
        pkm = vm.groupby("puskesmas")[SUMMED].sum().assign(tingkat="puskesmas")
        pkm["kode"] = pkm.index
        pkm["nama"] = pkm.index
        kab = vm.groupby("kabupaten")[SUMMED].sum().assign(tingkat="kabupaten")
        kab["kode"] = kab.index
        kab["nama"] = villages["kabupaten"].iloc[0] if "kabupaten" in villages else kab.index
        for f in (desa, kec, pkm, kab):
            frames.append(f.reset_index(drop=True).assign(bulan=month))
    out = pd.concat(frames, ignore_index=True)
    out["persen_ilp"] = (100.0 * out["posyandu_ilp"] / out["posyandu"]).where(out["posyandu"] > 0)
    out["kader_per_posyandu"] = (out["kader"] / out["posyandu"]).where(out["posyandu"] > 0)
    out["persen_desa_ilp"] = 100.0 * out["desa_dengan_ilp"] / out["desa"]
    out["persen_desa_pustu"] = 100.0 * out["desa_dengan_pustu"] / out["desa"]
    needed = np.ceil(out["posyandu"] * target_percent / 100.0 - 1e-9).astype(int)
    out["gap_posyandu"] = (needed - out["posyandu_ilp"]).clip(lower=0)
    cols = [
        "tingkat",
        "kode",
        "nama",
        "bulan",
        *SUMMED,
        "persen_ilp",
        "kader_per_posyandu",
        "persen_desa_ilp",
        "persen_desa_pustu",
        "gap_posyandu",
    ]
    return out[cols]


def projected_completion(
    ilp_by_month: pd.Series,
    total: int,
    *,
    target_percent: float = ILP_TARGET_PERCENT,
    window: int = 3,
) -> str | None:
    """The month the target is reached at the current pace (see the module rules).

    ``ilp_by_month`` is indexed by consecutive ``YYYY-MM`` months, sorted.
    """
    s = ilp_by_month.sort_index()
    needed = math.ceil(total * target_percent / 100.0 - 1e-9)
    reached = s[s >= needed]
    if len(reached):
        return str(reached.index[0])
    if len(s) < 2:
        return None
    w = min(window, len(s) - 1)
    pace = (s.iloc[-1] - s.iloc[-1 - w]) / w
    if pace <= 0:
        return None
    return add_months(str(s.index[-1]), math.ceil((needed - s.iloc[-1]) / pace))


def completion_table(
    table: pd.DataFrame, *, target_percent: float = ILP_TARGET_PERCENT, window: int = 3
) -> pd.DataFrame:
    """Per area of :func:`coverage_table`: latest share, gap and projected completion month."""
    rows = []
    last = table["bulan"].max()
    for (level, code), g in table.groupby(["tingkat", "kode"], sort=False):
        series = g.set_index("bulan")["posyandu_ilp"]
        latest = g[g["bulan"] == last].iloc[0]
        rows.append(
            {
                "tingkat": level,
                "kode": code,
                "nama": latest["nama"],
                "bulan": last,
                "posyandu": int(latest["posyandu"]),
                "posyandu_ilp": int(latest["posyandu_ilp"]),
                "persen_ilp": latest["persen_ilp"],
                "gap_posyandu": int(latest["gap_posyandu"]),
                "bulan_target_tercapai": projected_completion(
                    series, int(latest["posyandu"]), target_percent=target_percent, window=window
                ),
            }
        )
    return pd.DataFrame(rows)
