"""Synthetic facility registers: Puskesmas, Pustu, Posyandu, hospitals, ambulances.

Every function takes the region's village table ``v`` (one row per village,
sorted by code, with ``x``/``y`` centroid columns in km in the UTM zone and a
``penduduk`` column) and a ``numpy.random.Generator``; nothing here reads the
clock or global random state, so the output depends on the seed only.
See ``data/README.md`` for the rules in prose.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import shapely

from ilp_dash.io.matching import normalise_name

# Months a Posyandu can become ILP (index 5 = 2024-06, index 16 = 2025-05).
ILP_MONTHS = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 6)]
MID = ILP_MONTHS.index("2024-06")
POSYANDU_NAMES = (
    "Mawar",
    "Melati",
    "Anggrek",
    "Kenanga",
    "Dahlia",
    "Flamboyan",
    "Cempaka",
    "Teratai",
    "Seruni",
    "Kamboja",
    "Bougenvil",
    "Aster",
    "Lili",
    "Matahari",
    "Nusa Indah",
    "Edelweis",
    "Asoka",
    "Delima",
    "Srikandi",
    "Arjuna",
    "Nakula",
    "Sadewa",
    "Pelangi",
    "Sehati",
    "Harapan",
    "Sejahtera",
    "Bina Sehat",
    "Cendana",
    "Jambu",
    "Manggis",
)
STRATA = ("Pratama", "Madya", "Purnama", "Mandiri")


def random_point(poly, rng: np.random.Generator, near: bool = False) -> tuple[float, float]:
    """(lon, lat) of a random point inside ``poly``; ``near`` keeps it close to the
    polygon's representative point (used for Puskesmas and hospitals). Callers pass
    the village clipped to the regency outline (coastal villages reach past it)."""
    minx, miny, maxx, maxy = poly.bounds
    rep = poly.representative_point()
    shapely.prepare(poly)
    for _ in range(50):
        if near:
            r = 0.15 * max(maxx - minx, maxy - miny)
            xs, ys = rep.x + rng.normal(0, r, 32), rep.y + rng.normal(0, r, 32)
        else:
            xs, ys = rng.uniform(minx, maxx, 32), rng.uniform(miny, maxy, 32)
        inside = shapely.contains_xy(poly, xs, ys)
        if inside.any():
            i = int(np.argmax(inside))
            return round(float(xs[i]), 5), round(float(ys[i]), 5)
    return round(rep.x, 5), round(rep.y, 5)


def largest_remainder(weights: np.ndarray, total: int, minimum: int = 0) -> np.ndarray:
    """Integers proportional to ``weights``, each ≥ ``minimum``, summing to ``total``."""
    n = len(weights)
    free = total - minimum * n
    raw = free * weights / weights.sum()
    out = np.floor(raw).astype(int)
    rest = free - out.sum()
    order = np.argsort(-(raw - out), kind="stable")
    out[order[:rest]] += 1
    return out + minimum


# ---------------------------------------------------------------------- Puskesmas


def _seat_villages(g: pd.DataFrame, kec_name: str, n: int) -> list[int]:
    """Villages (index labels of ``g``) hosting the kecamatan's ``n`` Puskesmas.

    First seat: the village named like the kecamatan (else one whose name
    contains it, else the most populous). Further seats: the village that
    maximises distance-to-nearest-seat × √population (spreads them out).
    """
    k = normalise_name(kec_name)
    norm = g["nama"].map(normalise_name)
    cand = g[norm == k]
    if cand.empty:
        cand = g[norm.str.contains(k, regex=False)]
    if cand.empty:
        cand = g
    seats = [cand["penduduk"].idxmax()]
    while len(seats) < n:
        d = np.min([np.hypot(g["x"] - g.at[s, "x"], g["y"] - g.at[s, "y"]) for s in seats], axis=0)
        score = pd.Series(d * np.sqrt(g["penduduk"].to_numpy()), index=g.index).drop(seats)
        seats.append(score.idxmax())
    return seats


def make_puskesmas(
    v, names: tuple[str, ...] | None, n_total: int, rng, inpatient_kec: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Puskesmas register. ``names`` (Jepara) are real names mapped to kecamatan by
    dropping a trailing " I"/" II"; otherwise 1–2 per kecamatan named after it.
    ``rawat_inap`` is random (40%), always "ya" in ``inpatient_kec``."""
    kec_names = v.drop_duplicates("kode_kec").set_index("kode_kec")["kecamatan"]
    if names:
        by_norm = {normalise_name(n): k for k, n in kec_names.items()}
        plan: dict[str, list[str]] = {}
        for name in names:
            base = re.sub(r"^Puskesmas\s+|\s+I{1,2}$", "", name)
            plan.setdefault(by_norm[normalise_name(base)], []).append(name)
    else:
        pop = v.groupby("kode_kec")["penduduk"].sum().sort_values(ascending=False, kind="stable")
        two = set(pop.index[: n_total - len(kec_names)])
        plan = {
            k: (
                [f"Puskesmas {kec_names[k]} I", f"Puskesmas {kec_names[k]} II"]
                if k in two
                else [f"Puskesmas {kec_names[k]}"]
            )
            for k in kec_names.index
        }
    rows = []
    for k in sorted(plan):
        g = v[v["kode_kec"] == k]
        for j, (name, seat) in enumerate(
            zip(plan[k], _seat_villages(g, kec_names[k], len(plan[k])))
        ):
            lon, lat = random_point(v.at[seat, "geometry"], rng, near=True)
            inpatient = rng.random() < 0.4 or k in inpatient_kec
            rows.append(
                {
                    "kode_puskesmas": f"PKM-{k}-{j + 1}",
                    "nama_puskesmas": name,
                    "kode_desa": v.at[seat, "kode"],
                    "desa": v.at[seat, "nama"],
                    "kecamatan": kec_names[k],
                    "lintang": lat,
                    "bujur": lon,
                    "rawat_inap": "ya" if inpatient else "tidak",
                    "lokasi_perkiraan": "ya",
                    "_kode_kec": k,
                }
            )
    return pd.DataFrame(rows)


def nearest_puskesmas(v, pkm: pd.DataFrame, to_utm) -> pd.Series:
    """Name of the nearest Puskesmas of the same kecamatan, per village (index of ``v``)."""
    px, py = to_utm.transform(pkm["bujur"].to_numpy(), pkm["lintang"].to_numpy())
    pkm = pkm.assign(px=np.asarray(px) / 1000, py=np.asarray(py) / 1000)
    out = {}
    for i, row in v.iterrows():
        c = pkm[pkm["_kode_kec"] == row["kode_kec"]]
        d = np.hypot(c["px"] - row["x"], c["py"] - row["y"])
        out[i] = c["nama_puskesmas"].iloc[int(np.argmin(d.to_numpy()))]
    return pd.Series(out)


# ---------------------------------------------------------------------- Pustu


def make_pustu(v, pkm: pd.DataFrame, rng) -> pd.DataFrame:
    """One Pustu in ~93% of desa and ~30% of kelurahan without a Puskesmas."""
    seats = set(pkm["kode_desa"])
    rows = []
    for i, row in v.iterrows():
        p = 0.30 if row["tipe"] == "kelurahan" else 0.93
        if row["kode"] in seats or rng.random() >= p:
            continue
        rows.append(
            {
                "kode_pustu": f"PST-{row['kode']}",
                "nama_pustu": f"Pustu {row['nama']}",
                "kode_desa": row["kode"],
                "desa": row["nama"],
                "kecamatan": row["kecamatan"],
                "puskesmas": row["puskesmas"],
                "bidan": int(rng.choice([0, 1, 2], p=[0.05, 0.75, 0.20])),
                "perawat": int(rng.choice([0, 1, 2], p=[0.20, 0.65, 0.15])),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------- Posyandu


def cumulative_targets(n_final: int, n_mid: int, scale: float = 2.2) -> np.ndarray:
    """Cumulative ILP Posyandu per month of :data:`ILP_MONTHS`: a logistic curve
    through ``n_mid`` at 2024-06 and ``n_final`` at 2025-05, rising every month
    after 2024-06."""
    t = np.arange(len(ILP_MONTHS), dtype=float)

    def frac(t0: float) -> np.ndarray:
        def lg(s):
            return 1 / (1 + np.exp(-(s - t0) / scale))

        return (lg(t) - lg(-1.0)) / (lg(t[-1]) - lg(-1.0))

    lo, hi = -30.0, 60.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if frac(mid)[MID] > n_mid / n_final else (lo, mid)
    cum = np.rint(n_final * frac((lo + hi) / 2)).astype(int)
    cum[MID], cum[-1] = n_mid, n_final
    cum[:MID] = np.minimum(np.maximum.accumulate(cum[:MID]), n_mid)
    for i in range(MID + 1, len(cum)):
        cum[i] = max(cum[i], cum[i - 1] + 1)
    cum[-1] = n_final
    for i in range(len(cum) - 2, MID, -1):
        cum[i] = min(cum[i], cum[i + 1] - 1)
    return cum


def make_posyandu(v, spec, rng) -> pd.DataFrame:
    """Posyandu register (see ``data/README.md``, "posyandu.xlsx")."""
    n_v = len(v)
    pop = v["penduduk"].to_numpy(dtype=float)
    if spec.posyandu_total:
        counts = largest_remainder(pop, spec.posyandu_total, minimum=1)
    else:
        counts = largest_remainder(pop, round(spec.posyandu_per_village * n_v), minimum=2)
    vi = np.repeat(np.arange(n_v), counts)
    n = len(vi)
    # kader: 3–9 each; with a reported total, nudge random rows until the sum is exact
    kader = np.clip(np.rint(rng.normal(spec.kader_mean, 1.3, n)), 3, 9).astype(int)
    if spec.kader_total:
        while (diff := spec.kader_total - kader.sum()) != 0:
            ok = np.flatnonzero(kader < 9) if diff > 0 else np.flatnonzero(kader > 3)
            pick = rng.choice(ok, size=min(abs(diff), len(ok)), replace=False)
            kader[pick] += 1 if diff > 0 else -1
    # ILP roll-out: latent start = kecamatan + Puskesmas + village + Posyandu terms;
    # the earliest get the earliest months along cumulative_targets().
    kec_codes = sorted(v["kode_kec"].unique())
    kec_off = dict(zip(kec_codes, rng.normal(0, 1.5, len(kec_codes))))
    pkm_names = sorted(v["puskesmas"].unique())
    pkm_off = dict(zip(pkm_names, rng.normal(0, 0.7, len(pkm_names))))
    early = (
        sorted(rng.choice(pkm_names, size=spec.early_puskesmas, replace=False))
        if spec.early_puskesmas
        else []
    )
    for name in early:  # Kota Batu: "ILP in 3 Puskesmas first"
        pkm_off[name] -= 3.0
    vill_lat = (v["kode_kec"].map(kec_off) + v["puskesmas"].map(pkm_off)).to_numpy()
    vill_lat = vill_lat + rng.normal(0, 0.6, n_v)
    latent = vill_lat[vi] + rng.normal(0, 1.0, n)
    eligible = np.ones(n, bool)
    if spec.ilp_villages:  # only the earliest villages take part (Trenggalek: 84 of 157)
        chosen = np.argsort(vill_lat, kind="stable")[: spec.ilp_villages]
        in_chosen = np.isin(vi, chosen)
        first = np.zeros(n, bool)
        for c in chosen:
            rows = np.flatnonzero(vi == c)
            first[rows[np.argmin(latent[rows])]] = True
        eligible = in_chosen & ((rng.random(n) < spec.ilp_within_village) | first)
    n_final = int(eligible.sum()) if spec.ilp_villages else round(spec.ilp_final_share * n)
    n_mid = spec.ilp_mid_count or round(spec.ilp_mid_share * n_final)
    cum = cumulative_targets(n_final, n_mid)
    order = np.flatnonzero(eligible)[np.argsort(latent[eligible], kind="stable")][:n_final]
    month = np.full(n, "", dtype=object)
    month[order] = [ILP_MONTHS[i] for i in np.searchsorted(cum, np.arange(n_final), side="right")]
    ilp = month != ""
    strata_p = np.where(ilp[:, None], [0.02, 0.18, 0.55, 0.25], [0.08, 0.35, 0.45, 0.12])
    strata = [STRATA[rng.choice(4, p=p)] for p in strata_p]
    has_xy = rng.random(n) < 0.30
    rows, k_in_village = [], np.zeros(n_v, int)
    perms = {}
    for j in range(n):
        i = vi[j]
        if i not in perms:
            perms[i] = rng.permutation(len(POSYANDU_NAMES))
        k = k_in_village[i]
        k_in_village[i] += 1
        base = POSYANDU_NAMES[perms[i][k % len(POSYANDU_NAMES)]]
        name = f"Posyandu {base}" + (
            f" {k // len(POSYANDU_NAMES) + 1}" if k >= len(POSYANDU_NAMES) else ""
        )
        lon = lat = None
        if has_xy[j]:
            lon, lat = random_point(v.iloc[i]["geometry"], rng)
        rows.append(
            {
                "Nama Posyandu": name,
                "Desa": v.iloc[i]["nama"],
                "Kecamatan": v.iloc[i]["kecamatan"],
                "RW/Dusun": f"RW {k + 1:02d}" if spec.rw_label == "RW" else f"Dusun {k + 1}",
                "Strata": strata[j],
                "Jumlah Kader": int(kader[j]),
                "Status ILP": "ya" if ilp[j] else "tidak",
                "Bulan ILP": month[j] or None,
                "Lintang": lat,
                "Bujur": lon,
                "Puskesmas": v.iloc[i]["puskesmas"],
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["early_puskesmas"] = [str(e) for e in early]
    return out


# ---------------------------------------------------------------------- hospitals, ambulances


def make_hospitals(v, spec, rng) -> pd.DataFrame:
    rows = []
    for j, (name, kelas, kec, desa, _amb) in enumerate(spec.hospitals):
        hit = v[(v["kecamatan"] == kec) & (v["nama"] == desa)]
        if len(hit) != 1:
            raise ValueError(f"{spec.code}: hospital village {desa!r} (Kec. {kec}) not found")
        row = hit.iloc[0]
        lon, lat = random_point(row["geometry"], rng, near=True)
        rows.append(
            {
                "kode_rs": f"RS-{spec.code}-{j + 1}",
                "nama_rs": name,
                "kelas": kelas,
                "kode_desa": row["kode"],
                "desa": row["nama"],
                "kecamatan": kec,
                "lintang": lat,
                "bujur": lon,
                "lokasi_perkiraan": "ya",
            }
        )
    return pd.DataFrame(rows)


def make_ambulances(pkm: pd.DataFrame, spec, rng) -> pd.DataFrame:
    """One ambulance at ~80% of Puskesmas (bought 2010–2023); the named new ones
    (tahun 2024) always; hospitals get the count given in the spec."""
    rows = []
    for name in pkm["nama_puskesmas"]:
        if name in spec.new_ambulances:
            rows.append((name, "gawat darurat", 2024))
        elif rng.random() < 0.8:
            rows.append(
                (
                    name,
                    str(rng.choice(["gawat darurat", "transport"])),
                    int(rng.integers(2010, 2024)),
                )
            )
    for name, _k, _kec, _d, n_amb in spec.hospitals:
        for _ in range(n_amb):
            rows.append((name, "gawat darurat", int(rng.integers(2016, 2024))))
    return pd.DataFrame(
        [
            {
                "kode_ambulans": f"AMB-{spec.code}-{i + 1:02d}",
                "pangkalan": b,
                "jenis": j,
                "tahun": t,
            }
            for i, (b, j, t) in enumerate(rows)
        ]
    )
