"""Stunting screen: the priority list for desa lokus — its input, the ranked frame, rows, columns, CSV.

:func:`priority_inputs` builds the input of
:func:`ilp_dash.analysis.priority.priority_index`; :func:`priority_frame` joins
the ranking with names and counts for export (:func:`priority_csv`) and for the
DataTable (:func:`priority_rows`, :func:`priority_columns`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ilp_dash.analysis.priority import DEFAULT_WEIGHTS
from ilp_dash.i18n import number, tr
from ilp_dash.io.safe_export import safe_cells


def rounded(x: float, d: int) -> float | None:
    return round(float(x), d) if x is not None and np.isfinite(x) else None


def number_format(lang: str, decimals: int) -> dict:
    from dash.dash_table.Format import Format, Group, Scheme

    sep = {"decimal_delimiter": ",", "group_delimiter": "."} if lang != "en" else {}
    return Format(precision=decimals, scheme=Scheme.fixed, group=Group.yes, **sep).to_plotly_json()


def priority_inputs(
    frame: pd.DataFrame, coverage: pd.DataFrame | None, referral_villages: pd.DataFrame | None
) -> pd.DataFrame:
    """The input of :func:`~ilp_dash.analysis.priority.priority_index`, one row per village of ``frame``.

    ``coverage`` is indexed by village code (``persen_ilp``); ``referral_villages``
    has ``kode_desa`` and ``menit_total``. A missing table leaves its column out
    (the index then drops that component and its weight).
    """
    out = pd.DataFrame(
        {
            "kode_desa": frame["kode_desa"].astype(str).to_numpy(),
            "rate_eb": frame["rate_eb"].to_numpy(dtype=float),
            "hotspot": (frame["class"].eq("hot") & ~frame["small_n"].astype(bool)).to_numpy(),
        }
    )
    if coverage is not None and "persen_ilp" in coverage:
        out["persen_ilp"] = coverage["persen_ilp"].reindex(out["kode_desa"]).to_numpy(dtype=float)
    if referral_villages is not None and "menit_total" in referral_villages:
        minutes = referral_villages.drop_duplicates("kode_desa").set_index("kode_desa")[
            "menit_total"
        ]
        out["menit_rujukan"] = minutes.reindex(out["kode_desa"]).to_numpy(dtype=float)
    return out


def priority_frame(
    ranked: pd.DataFrame, villages: pd.DataFrame, frame: pd.DataFrame
) -> pd.DataFrame:
    """The full priority list for export: rank, names, score, components and the data behind them."""
    names = villages.set_index(villages["kode"].astype(str))[["nama", "kecamatan"]]
    counts = frame.set_index(frame["kode_desa"].astype(str))[["diukur", "stunting"]]
    out = ranked.join(names, on="kode_desa").join(counts, on="kode_desa")
    out["persen_stunting_eb"] = (100 * out["rate_eb"]).round(2)
    cols = [
        "peringkat",
        "kode_desa",
        "nama",
        "kecamatan",
        "skor",
        "k_stunting",
        "k_hotspot",
        "k_ilp_gap",
        "k_rujukan",
        "komponen",
        "diukur",
        "stunting",
        "persen_stunting_eb",
        "hotspot",
        "persen_ilp",
        "menit_rujukan",
    ]
    out = out[[c for c in cols if c in out]].rename(columns={"nama": "desa"})
    for c in (
        "skor",
        "k_stunting",
        "k_hotspot",
        "k_ilp_gap",
        "k_rujukan",
        "persen_ilp",
        "menit_rujukan",
    ):
        if c in out:
            out[c] = out[c].astype(float).round(3)
    return out.reset_index(drop=True)


def priority_csv(full: pd.DataFrame) -> str:
    """CSV text of :func:`priority_frame` (comma separated, decimal point, UTF-8).

    Village names come from uploaded files: text a spreadsheet would run as a
    formula gets a leading apostrophe (:func:`ilp_dash.io.safe_export.safe_cells`).
    """
    return safe_cells(full).to_csv(index=False, lineterminator="\n")


def priority_rows(full: pd.DataFrame, lang: str, top: int = 15) -> list[dict]:
    """DataTable rows of the ``top`` ranked villages."""
    rows = []
    for _, r in full.head(top).iterrows():
        row = {
            "peringkat": int(r["peringkat"]),
            "desa": r["desa"],
            "kecamatan": r["kecamatan"],
            "skor": rounded(r["skor"], 1),
        }
        for c in ("k_stunting", "k_hotspot", "k_ilp_gap", "k_rujukan"):
            row[c] = rounded(r[c], 2) if c in r else None
        row["eb"] = rounded(r["persen_stunting_eb"], 1)
        row["ilp"] = rounded(r["persen_ilp"], 0) if "persen_ilp" in r else None
        row["menit"] = rounded(r["menit_rujukan"], 0) if "menit_rujukan" in r else None
        rows.append(row)
    return rows


def priority_columns(lang: str) -> list[dict]:
    comp = tr(lang, "Komponen (0–1)", "Components (0–1)")
    data = tr(lang, "Data", "Data")
    return [
        {"id": "peringkat", "name": ["", "#"], "type": "numeric"},
        {"id": "desa", "name": ["", tr(lang, "Desa", "Village")]},
        {"id": "kecamatan", "name": ["", "Kecamatan"]},
        {
            "id": "skor",
            "name": ["", tr(lang, "Skor", "Score")],
            "type": "numeric",
            "format": number_format(lang, 1),
        },
        {
            "id": "k_stunting",
            "name": [comp, "Stunting"],
            "type": "numeric",
            "format": number_format(lang, 2),
        },
        {
            "id": "k_hotspot",
            "name": [comp, "Hotspot"],
            "type": "numeric",
            "format": number_format(lang, 2),
        },
        {
            "id": "k_ilp_gap",
            "name": [comp, tr(lang, "Belum ILP", "Not yet ILP")],
            "type": "numeric",
            "format": number_format(lang, 2),
        },
        {
            "id": "k_rujukan",
            "name": [comp, tr(lang, "Rujukan", "Referral")],
            "type": "numeric",
            "format": number_format(lang, 2),
        },
        {
            "id": "eb",
            "name": [data, tr(lang, "Stunting EB %", "Stunting EB %")],
            "type": "numeric",
            "format": number_format(lang, 1),
        },
        {
            "id": "ilp",
            "name": [data, tr(lang, "Posyandu ILP %", "ILP Posyandu %")],
            "type": "numeric",
            "format": number_format(lang, 0),
        },
        {
            "id": "menit",
            "name": [data, tr(lang, "Menit rujukan s.d. RSUD", "Referral minutes to hospital")],
            "type": "numeric",
            "format": number_format(lang, 0),
        },
    ]


def priority_explanation(lang: str, minutes_cap: float = 120.0) -> str:
    w = {k: number(100 * v, lang) for k, v in DEFAULT_WEIGHTS.items()}
    cap = number(minutes_cap, lang)
    return tr(
        lang,
        f"Skor 0–100 = {w['stunting']}% stunting EB (diskalakan: terendah 0, tertinggi 1) + {w['hotspot']}% "
        f"hotspot + {w['ilp_gap']}% bagian Posyandu yang belum ILP + {w['rujukan']}% waktu rujukan Posyandu → Pustu → Puskesmas → RSUD "
        f"(≥ {cap} menit = 1); komponen yang tidak ada datanya tidak dihitung.",
        f"Score 0–100 = {w['stunting']}% EB stunting (scaled: lowest 0, highest 1) + {w['hotspot']}% hot spot "
        f"+ {w['ilp_gap']}% share of Posyandu not yet ILP + {w['rujukan']}% referral time Posyandu → Pustu → "
        f"Puskesmas → hospital "
        f"(≥ {cap} min = 1); components without data are left out.",
    )
