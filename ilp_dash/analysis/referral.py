"""The referral chain: Posyandu (or village) → Pustu → Puskesmas → RSUD, in km and minutes.

Rules (domain notes, "referral chain"):

* **Pustu** — the Pustu of the Posyandu's village (the fastest one if the village
  has several), else the fastest Pustu anywhere (``pustu_dipilih`` = ``"desa"`` /
  ``"terdekat"``). With no Pustu register the leg is 0 and the chain starts at
  the Puskesmas (``"tanpa pustu"``).
* **Puskesmas** — the one named in the Pustu's ``puskesmas`` column when it
  matches a Puskesmas (case, spaces and a "Puskesmas"/"PKM" prefix ignored),
  else the fastest (``puskesmas_dipilih`` = ``"induk"`` / ``"terdekat"``).
* **RSUD** — the fastest referral hospital from that Puskesmas: a hospital whose
  owner (``milik``) is in :data:`ilp_dash.policy.REFERRAL_HOSPITAL_OWNERS`
  (government by default; without a ``milik`` column it is inferred from the
  name, :func:`ilp_dash.io.faskes.owner_from_name`). A region with no such
  hospital falls back to any hospital (``ReferralChain.fallback``); hospitals
  left out are listed in ``ReferralChain.excluded``.

"Fastest" is by the travel model's minutes; when nothing is reachable the
nearest by great-circle km is named instead and its legs stay ``inf``.
Totals are banded with :func:`travel_band` (≤ 15, 16–30, 31–60, > 60 minutes by
default; a value exactly at a threshold is inside it). Unreachable chains keep
their row with ``inf`` minutes and the band :data:`UNREACHABLE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import geopandas as gpd
import numpy as np
import pandas as pd

from ilp_dash.analysis.distance import haversine_km
from ilp_dash.analysis.roads import TravelError
from ilp_dash.analysis.travel import TravelMatrix, TravelModel, travel_model
from ilp_dash.io.faskes import owner_from_name
from ilp_dash.policy import REFERRAL_HOSPITAL_OWNERS, TRAVEL_BANDS

DEFAULT_BANDS: tuple[float, ...] = TRAVEL_BANDS
"""Upper edges (minutes) of the national health survey's travel-time bands."""
UNREACHABLE = "tidak terjangkau"
LEGS = ("pustu", "puskesmas", "rsud")
REQUIRED = ("id", "nama", "lon", "lat")


class ReferralError(TravelError):
    """Bad arguments to the referral chain (missing registers or columns)."""


@dataclass(frozen=True, eq=False)
class ReferralChain:
    """The chain per Posyandu and per village (``None`` without village polygons)."""

    posyandu: pd.DataFrame
    villages: pd.DataFrame | None
    method: str
    thresholds: tuple[float, ...]
    fallback: bool = False
    """True when no hospital had an allowed owner and the chain ends at any hospital."""
    excluded: tuple[str, ...] = ()
    """Ids of the hospitals that are not referral destinations (private, unknown owner)."""

    def band_counts(self, level: str = "posyandu") -> pd.Series:
        """Rows per band, in band order (unreachable last)."""
        frame = self.posyandu if level == "posyandu" else self.villages
        if frame is None:
            raise ReferralError(f"no {level} table in this chain")
        return frame["kelompok_waktu"].value_counts(sort=False)


def band_labels(thresholds: tuple[float, ...] = DEFAULT_BANDS) -> list[str]:
    """``(15, 30, 60)`` → ``["≤ 15", "16–30", "31–60", "> 60"]``."""
    t = _check_thresholds(thresholds)

    def fmt(v: float) -> str:
        return f"{v:g}"

    labels = [f"≤ {fmt(t[0])}"]
    for lo, hi in pairwise(t):
        labels.append(
            f"{fmt(lo + 1)}–{fmt(hi)}" if float(lo).is_integer() else f"> {fmt(lo)}–{fmt(hi)}"
        )
    return labels + [f"> {fmt(t[-1])}"]


def _check_thresholds(thresholds) -> tuple[float, ...]:
    t = tuple(float(x) for x in thresholds)
    if not t or not all(np.isfinite(t)) or any(b <= a for a, b in pairwise(t)) or t[0] <= 0:
        raise ReferralError(f"band thresholds must be positive and increasing, got {thresholds!r}")
    return t


def travel_band(minutes, *, thresholds: tuple[float, ...] = DEFAULT_BANDS) -> pd.Categorical:
    """Band of each travel time; a value equal to a threshold belongs to the band it closes.

    Minutes are rounded to 1e-6 first so float noise (15.0000000001) does not
    flip a band; ``inf`` and NaN give :data:`UNREACHABLE`.
    """
    t = np.asarray(_check_thresholds(thresholds))
    m = np.round(np.asarray(minutes, dtype=float), 6)
    labels = band_labels(tuple(t)) + [UNREACHABLE]
    code = np.where(np.isfinite(m), np.searchsorted(t, m, side="left"), len(t) + 1)
    return pd.Categorical.from_codes(code, categories=labels, ordered=True)


def _key(name: object) -> str:
    s = "" if name is None or pd.isna(name) else re.sub(r"[^a-z0-9]", "", str(name).lower())
    return re.sub(r"^(puskesmas|pkm)", "", s)


def _check(frame: pd.DataFrame, kind: str, *, allow_empty: bool = False) -> None:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ReferralError(f"{kind}: missing column(s) {', '.join(missing)}")
    if frame.empty and not allow_empty:
        raise ReferralError(f"{kind}: no rows — the referral chain needs at least one")


def _nearest(tm: TravelMatrix, gc_km: np.ndarray, allowed: np.ndarray | None = None) -> np.ndarray:
    """Column index of the fastest destination per row; by km where none is reachable."""
    minutes, km = tm.minutes, gc_km
    if allowed is not None:
        minutes, km = np.where(allowed, minutes, np.inf), np.where(allowed, gc_km, np.inf)
    idx = np.argmin(minutes, axis=1)
    none = ~np.isfinite(minutes[np.arange(len(idx)), idx])
    idx[none] = np.argmin(km[none], axis=1)
    return idx


def _referral_hospitals(
    hospitals: pd.DataFrame, owners: tuple[str, ...]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Hospitals with a ``milik`` column (inferred from the name when missing) and the allowed mask."""
    h = pd.DataFrame(hospitals).reset_index(drop=True)
    if "milik" not in h.columns:
        h = h.assign(milik=None)
    guess = [
        owner_from_name(n, h["jenis_rs"].iloc[i] if "jenis_rs" in h.columns else None)
        for i, n in enumerate(h["nama"])
    ]
    h["milik"] = [m if isinstance(m, str) and m else g for m, g in zip(h["milik"], guess)]
    return h, h["milik"].isin(tuple(owners)).to_numpy()


def _gc(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    return haversine_km(
        a["lon"].to_numpy(float),
        a["lat"].to_numpy(float),
        b["lon"].to_numpy(float),
        b["lat"].to_numpy(float),
    )


def _leg(tm: TravelMatrix, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = np.arange(len(idx))
    return tm.minutes[rows, idx], tm.km[rows, idx], tm.sea[rows, idx]


def _to_puskesmas(
    points: pd.DataFrame, puskesmas: pd.DataFrame, model: TravelModel
) -> dict[str, np.ndarray]:
    """Puskesmas of each point (declared by name, else fastest) and the leg to it."""
    tm = model.matrix(points, puskesmas)
    nearest = _nearest(tm, _gc(points, puskesmas))
    lookup: dict[str, int] = {}
    for i, name in enumerate(puskesmas["nama"]):
        lookup.setdefault(_key(name), i)
    declared = (
        points["puskesmas"] if "puskesmas" in points.columns else pd.Series([None] * len(points))
    )
    match = np.array([lookup.get(_key(n), -1) if _key(n) else -1 for n in declared], dtype=np.int64)
    idx = np.where(match >= 0, match, nearest)
    minutes, km, sea = _leg(tm, idx)
    return {
        "idx": idx,
        "rule": np.where(match >= 0, "induk", "terdekat"),
        "minutes": minutes,
        "km": km,
        "sea": sea,
    }


def _chain(origins: pd.DataFrame, pustu: pd.DataFrame, pk: dict, ctx: dict) -> pd.DataFrame:
    """Leg columns for ``origins`` (``lon``, ``lat``, ``kode_desa`` and optionally ``puskesmas``)."""
    model, puskesmas, hospitals, rs = ctx["model"], ctx["puskesmas"], ctx["hospitals"], ctx["rs"]
    n = len(origins)
    out = pd.DataFrame(index=origins.index)
    if len(pustu):
        tm = model.matrix(origins, pustu)
        codes = origins["kode_desa"].to_numpy(object)
        same = (codes[:, None] == pustu["kode_desa"].to_numpy(object)[None, :]) & pd.notna(codes)[
            :, None
        ]
        has = same.any(axis=1)
        gc = _gc(origins, pustu)
        idx = np.where(has, _nearest(tm, gc, same), _nearest(tm, gc))
        m1, k1, s1 = _leg(tm, idx)
        pk_idx = pk["idx"][idx]
        m2, k2, s2 = pk["minutes"][idx], pk["km"][idx], pk["sea"][idx]
        out["pustu_id"], out["pustu"] = pustu["id"].to_numpy()[idx], pustu["nama"].to_numpy()[idx]
        out["pustu_dipilih"] = np.where(has, "desa", "terdekat")
        pk_rule = pk["rule"][idx]
    else:
        own = _to_puskesmas(origins, puskesmas, model)
        m1, k1, s1 = np.zeros(n), np.zeros(n), np.zeros(n, bool)
        pk_idx, m2, k2, s2, pk_rule = own["idx"], own["minutes"], own["km"], own["sea"], own["rule"]
        out["pustu_id"], out["pustu"], out["pustu_dipilih"] = None, None, "tanpa pustu"
    out["km_ke_pustu"], out["menit_ke_pustu"] = k1, m1
    out["puskesmas_id"] = puskesmas["id"].to_numpy()[pk_idx]
    out["puskesmas"] = puskesmas["nama"].to_numpy()[pk_idx]
    out["puskesmas_dipilih"] = pk_rule
    out["km_ke_puskesmas"], out["menit_ke_puskesmas"] = k2, m2
    h = rs["idx"][pk_idx]
    m3, k3, s3 = rs["minutes"][pk_idx], rs["km"][pk_idx], rs["sea"][pk_idx]
    out["rsud_id"], out["rsud"] = hospitals["id"].to_numpy()[h], hospitals["nama"].to_numpy()[h]
    out["rsud_milik"] = hospitals["milik"].to_numpy()[h]
    out["km_ke_rsud"], out["menit_ke_rsud"] = k3, m3
    out["km_total"], out["menit_total"] = k1 + k2 + k3, m1 + m2 + m3
    out["kelompok_waktu"] = travel_band(out["menit_total"].to_numpy(), thresholds=ctx["thresholds"])
    out["lewat_laut"] = s1 | s2 | s3
    return out


def referral_chain(
    posyandu: pd.DataFrame,
    pustu: pd.DataFrame | None,
    puskesmas: pd.DataFrame,
    hospitals: pd.DataFrame,
    *,
    villages: gpd.GeoDataFrame | None = None,
    model: TravelModel | None = None,
    thresholds: tuple[float, ...] = DEFAULT_BANDS,
    owners: tuple[str, ...] = REFERRAL_HOSPITAL_OWNERS,
) -> ReferralChain:
    """The referral chain of every Posyandu, and of every village when ``villages`` is given.

    Parameters
    ----------
    posyandu, pustu, puskesmas, hospitals : facility frames with ``id``, ``nama``,
        ``lon``, ``lat`` (as ``Dataset.facilities``); Posyandu and Pustu also
        ``kode_desa``; Pustu ``puskesmas`` (the parent's name). ``pustu`` may be
        ``None`` or empty.
    villages : village polygons (``kode``, ``nama``, ``kecamatan``); each
        village's chain starts at its representative point (a point inside the
        polygon, not the population centre).
    model : travel model; default ``travel_model(villages=villages)`` —
        straight lines within landmasses, no sea links.
    thresholds : band upper edges in minutes.
    owners : hospital owners (``milik``) the chain may end at; none in the
        region → any hospital, flagged ``fallback``.

    Returns
    -------
    ReferralChain
        Per row: ``pustu_id, pustu, pustu_dipilih, km_ke_pustu, menit_ke_pustu,
        puskesmas_id, puskesmas, puskesmas_dipilih, km_ke_puskesmas,
        menit_ke_puskesmas, rsud_id, rsud, rsud_milik, km_ke_rsud, menit_ke_rsud, km_total,
        menit_total, kelompok_waktu, lewat_laut``; village rows also count their
        Posyandu and give the slowest Posyandu total (``menit_total_posyandu_maks``).
    """
    pustu = (
        pustu if pustu is not None else pd.DataFrame(columns=[*REQUIRED, "kode_desa", "puskesmas"])
    )
    for frame, kind in (
        (posyandu, "posyandu"),
        (pustu, "pustu"),
        (puskesmas, "puskesmas"),
        (hospitals, "hospitals"),
    ):
        _check(frame, kind, allow_empty=kind in ("posyandu", "pustu"))
    for frame, kind in ((posyandu, "posyandu"), (pustu, "pustu")):
        if "kode_desa" not in frame.columns:
            raise ReferralError(f"{kind}: missing column kode_desa")
    thresholds = _check_thresholds(thresholds)
    model = model if model is not None else travel_model(villages=villages)
    pustu = pd.DataFrame(pustu).reset_index(drop=True)
    puskesmas = pd.DataFrame(puskesmas).reset_index(drop=True)
    hospitals, allowed = _referral_hospitals(hospitals, owners)
    tm = model.matrix(puskesmas, hospitals)
    fallback = not allowed.any()
    h = _nearest(tm, _gc(puskesmas, hospitals), None if fallback else allowed[None, :])
    m, k, s = _leg(tm, h)
    ctx = {
        "model": model,
        "puskesmas": puskesmas,
        "hospitals": hospitals,
        "thresholds": thresholds,
        "rs": {"idx": h, "minutes": m, "km": k, "sea": s},
    }
    extra = {
        "fallback": bool(fallback),
        "excluded": () if fallback else tuple(hospitals["id"].astype(str)[~allowed]),
    }
    pk = _to_puskesmas(pustu, puskesmas, model) if len(pustu) else {}
    posy = pd.DataFrame(posyandu).reset_index(drop=True)
    keep = [c for c in ("id", "nama", "kode_desa", "desa", "kecamatan") if c in posy.columns]
    if villages is None:
        return ReferralChain(
            posyandu=pd.concat([posy[keep], _chain(posy, pustu, pk, ctx)], axis=1),
            villages=None,
            method=model.method,
            thresholds=thresholds,
            **extra,
        )
    pts = villages.geometry.to_crs("EPSG:4326").representative_point()
    vil = pd.DataFrame(
        {
            "kode_desa": villages["kode"].to_numpy(),
            "desa": villages["nama"].to_numpy(),
            "kecamatan": villages["kecamatan"].to_numpy() if "kecamatan" in villages else None,
            "lon": pts.x.to_numpy(),
            "lat": pts.y.to_numpy(),
        }
    )
    # one travel matrix for Posyandu and village points together (one search per Pustu on a road network)
    cols = [c for c in ("lon", "lat", "kode_desa", "puskesmas") if c in posy.columns]
    legs = _chain(
        pd.concat([posy[cols], vil[["lon", "lat", "kode_desa"]]], ignore_index=True), pustu, pk, ctx
    )
    posy_out = pd.concat([posy[keep], legs.iloc[: len(posy)]], axis=1)
    vil_out = pd.concat(
        [vil[["kode_desa", "desa", "kecamatan"]], legs.iloc[len(posy) :].reset_index(drop=True)],
        axis=1,
    )
    per = posy_out.groupby("kode_desa")["menit_total"].agg(["size", "max"])
    vil_out["posyandu"] = vil_out["kode_desa"].map(per["size"]).fillna(0).astype(int)
    vil_out["menit_total_posyandu_maks"] = vil_out["kode_desa"].map(per["max"])
    return ReferralChain(
        posyandu=posy_out, villages=vil_out, method=model.method, thresholds=thresholds, **extra
    )
