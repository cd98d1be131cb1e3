"""Synthetic village stunting counts with planted, spatially clustered risk.

Model (all distances in km in the region's UTM zone):

    logit(risk_v) = a + Σ_k h_k · exp(−d(v, c_k)² / 2σ_k²)      # hotspot bumps
                      + g · min(d(v, town) / d90, 1)              # gradient away from town
                      + ε_v,  ε_v ~ N(0, 0.25)                    # village noise

where d90 is the 90th percentile of the villages' distances to the town
(so the gradient has the same strength in a city and a large regency).
``risk_v`` is clipped to 4%–40% and the intercept ``a`` is solved (bisection)
so that the under-five-weighted mean risk equals the reported SSGI 2022
prevalence of the regency. Each month m (2024-06 … 2025-05):

    diukur_vm   ~ Binomial(balita_v, share_vm),  share_vm = clip(s_m + N(0, 0.03), 0.6, 0.9),
                  s_m ~ U(0.62, 0.88) per month
    stunting_vm ~ Binomial(diukur_vm, risk_v · (1 + 0.008 · (5.5 − m)))

i.e. a slight downward trend (≈ −0.8% relative per month) centred on the
calibrated level.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MONTHS = [f"2024-{m:02d}" for m in range(6, 13)] + [f"2025-{m:02d}" for m in range(1, 6)]
RISK_MIN, RISK_MAX = 0.04, 0.40
TREND = 0.008


def _expit(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _village_xy(v: pd.DataFrame, kec: str, name: str) -> tuple[float, float]:
    hit = v[(v["kecamatan"] == kec) & (v["nama"] == name)]
    if len(hit) != 1:
        raise ValueError(f"village {name!r} (Kec. {kec}) not found")
    return float(hit["x"].iloc[0]), float(hit["y"].iloc[0])


def risk_surface(v: pd.DataFrame, spec, rng: np.random.Generator) -> np.ndarray:
    """True stunting risk per village (aligned with ``v``), calibrated to ``spec.ssgi``."""
    x, y = v["x"].to_numpy(), v["y"].to_numpy()
    z = np.zeros(len(v))
    for kec, name, sigma_km, height in spec.hotspots:
        cx, cy = _village_xy(v, kec, name)
        z += height * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma_km**2))
    tx, ty = _village_xy(v, *spec.town)
    d = np.hypot(x - tx, y - ty)
    z += spec.gradient * np.minimum(d / np.quantile(d, 0.9), 1.0)
    z += rng.normal(0, 0.25, len(v))
    w = v["balita"].to_numpy(dtype=float)
    lo, hi = -8.0, 4.0
    for _ in range(100):
        a = (lo + hi) / 2
        mean = np.average(np.clip(_expit(a + z), RISK_MIN, RISK_MAX), weights=w)
        lo, hi = (a, hi) if mean < spec.ssgi else (lo, a)
    return np.clip(_expit((lo + hi) / 2 + z), RISK_MIN, RISK_MAX)


def stunting_table(v: pd.DataFrame, risk: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Rows ``kode_desa, desa, kecamatan, bulan, diukur, stunting``: village × month."""
    balita = v["balita"].to_numpy()
    frames = []
    for m, month in enumerate(MONTHS):
        share = np.clip(rng.uniform(0.62, 0.88) + rng.normal(0, 0.03, len(v)), 0.6, 0.9)
        diukur = rng.binomial(balita, share)
        p = np.clip(risk * (1 + TREND * (5.5 - m)), 0.0, 1.0)
        frames.append(
            pd.DataFrame(
                {
                    "kode_desa": v["kode"].to_numpy(),
                    "desa": v["nama"].to_numpy(),
                    "kecamatan": v["kecamatan"].to_numpy(),
                    "bulan": month,
                    "diukur": diukur,
                    "stunting": rng.binomial(diukur, p),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["kode_desa", "bulan"], kind="stable").reset_index(drop=True)
