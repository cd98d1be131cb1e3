"""Benchmark: what the dashboard sends, how fast it answers and how soon the map is usable (issue 4).

Two instances: Kabupaten Jepara (33.20, 195 villages: the app's bundled data, its real
analyses) and all 8,561 villages of Jawa Tengah (33), built from the real boundaries in
``../shared/data/wilayah_boundaries`` by ``benchmarks/province.py`` (cached under
``artifacts/bench/``) with a seeded synthetic coverage table (12 months, Posyandu,
kader, ILP roll-out). Every figure is printed next to a peer:

1. **First map payload** — ours: the figure JSON as Dash sends it
   (:func:`ilp_dash.ui.maps.village_map` with kecamatan borders, as the pages call it;
   for Jepara also the whole Ringkasan and Cakupan page responses of the real app) plus
   the two GeoJSON files the browser fetches once: the villages
   (``ui.geojson.encode(feature_collection(villages))``) and the kecamatan border lines
   (``kecamatan_collection``, drawn as a ``map.layers`` line layer). Peer: the naive figure,
   ``plotly.express.choropleth_map`` with the full-precision geometry embedded. Raw and
   gzip (level 6) bytes; the target applies to raw bytes, because the app does not
   compress responses today (Dash's ``compress=True`` needs flask-compress).
2. **Indicator switch payload** — ours: :func:`~ilp_dash.ui.maps.value_patch` serialised
   as Dash does (``plotly.io.json.to_json_plotly``: ``json.dumps`` with
   ``PlotlyJSONEncoder``, compact separators), worst case over 4 indicators × 12 months;
   for Jepara also the real Cakupan callback response. Peer: a whole new figure.
3. **Callback server time** — an indicator-switch callback body in process (select the
   month's rows of the per-village table, compute the indicator, build the patch,
   JSON-serialise the response), 200 calls, p50/p95; peer: the same returning a whole new
   figure. For Jepara also the real Cakupan ``_update_map`` callback POSTed to
   ``/_dash-update-component`` through Flask's test client (Dash dispatch included).
4. **Map interactive in headless Chromium** — Debian's chromium + chromedriver, a fresh
   browser (cold cache) per run, median of ``--browser-reps``. Clock: from navigation
   start (``performance.timeOrigin``) until the map is drawn. Signal (a script injected
   before any page script via CDP ``Page.addScriptToEvaluateOnNewDocument`` polls every
   10 ms): the graph's MapLibre map (``gd._fullLayout.map._subplot.map``) has its
   ``plotly-trace-layer-…`` fill layers, ``map.loaded()`` is true (style, sources and
   tiles loaded — the GeoJSON has been tiled by the worker) and
   ``map.queryRenderedFeatures`` on those layers returns village polygons, i.e. they
   were drawn in a rendered frame and the map answers hover/zoom. Cases: the real app
   (Ringkasan and Cakupan pages, Jepara, after one untimed warm-up visit so server
   caches are warm), and a tiny Dash app (one ``dcc.Graph`` + a Flask route serving the
   GeoJSON) with our figure or the naive one, for Jepara and Jawa Tengah, plus figure
   variants (without the kecamatan line layer; values trace only; the grey no-data trace
   holding only the villages without a value) that show where the browser spends its time.
   All cases of a region are served at once and their runs interleaved, so load changes hit
   them alike. A run that does not finish within ``--timeout`` is reported as "> N s".

Run: ``python benchmarks/bench_dashboard.py [--quick] [--skip-browser] [--reps 200]
[--browser-reps 5] [--variant-reps 3] [--timeout 90] [--coverage-clean] [--out benchmarks/dashboard.md]``.
``--quick`` (fewer repetitions, 2 browser runs, no variants) writes ``artifacts/bench/dashboard-quick.md``;
a full run rewrites ``benchmarks/dashboard.md`` but keeps its hand-written part (below the marker).
``--coverage-clean`` also sizes the village GeoJSON after ``shapely.coverage_clean`` (~200 s more).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from machine_info import cpu_model  # benchmarks/ is the script's folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
ART = ROOT / "artifacts" / "bench"
JEPARA, PROV = "33.20", "33"
SEED = 20241104
GZIP_LEVEL = 6  # flask-compress's default
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
INDICATORS = ("persen_ilp", "posyandu_ilp", "kader_per_posyandu", "gap_posyandu")
TARGETS = {  # issue 4, performance
    "payload": {JEPARA: 300e3, PROV: 3e6},
    "switch": {JEPARA: 5e3, PROV: 50e3},
    "p95": {JEPARA: 0.030, PROV: 0.200},
    "interactive": {JEPARA: 1.5, PROV: 4.0},
}


# ------------------------------------------------------------------ helpers
def machine() -> dict[str, str]:
    import dash
    import plotly
    import selenium

    cpu = cpu_model()
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "not found"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "plotly / dash / selenium": f"{plotly.__version__} / {dash.__version__} / {selenium.__version__}",
        "browser": chromium or "?",
        "load average (1, 5 min) at start": load(),
    }


def load() -> str:
    a, b, _ = os.getloadavg()
    return f"{a:.1f}, {b:.1f}"


def wire(obj) -> bytes:
    """JSON bytes exactly as Dash serialises layouts and callback responses."""
    from dash._utils import to_json

    return to_json(obj).encode()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL))


def kb(n: float) -> str:
    return f"{n / 1e3:,.1f} KB" if n < 1e6 else f"{n / 1e6:,.2f} MB"


def ms(s: float) -> str:
    return f"{s * 1e3:,.1f} ms"


def secs(s: float | None, timeout: float | None = None) -> str:
    return f"> {timeout:.0f} s" if s is None else f"{s:.2f} s"


def pct(a: np.ndarray, q: float) -> float:
    return float(np.percentile(np.asarray(a), q))


# ------------------------------------------------------------------ instances
@dataclass
class Instance:
    code: str
    name: str
    villages: object  # GeoDataFrame
    table: (
        pd.DataFrame
    )  # one row per village and month: kode, bulan, posyandu, posyandu_ilp, kader, gap_posyandu
    months: list[str]
    geo: bytes  # the village GeoJSON the browser fetches
    kec_geo: bytes  # the kecamatan border lines (a map line layer)
    view: object  # villages the map view fits (the main body)
    naive_villages: object  # full-precision geometry for the naive peer
    notes: dict = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return self.villages["kode"].astype(str).tolist()


def indicator_values(rows: pd.DataFrame, indicator: str) -> np.ndarray:
    """The Cakupan screen's map indicators (see ``ilp_dash.ui.coverage``); NaN without Posyandu."""
    pos = rows["posyandu"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = {
            "persen_ilp": 100.0 * rows["posyandu_ilp"].to_numpy(dtype=float) / pos,
            "posyandu_ilp": rows["posyandu_ilp"].to_numpy(dtype=float),
            "kader_per_posyandu": rows["kader"].to_numpy(dtype=float) / pos,
            "gap_posyandu": rows["gap_posyandu"].to_numpy(dtype=float),
        }[indicator]
    return np.where(pos > 0, v, np.nan)


def scales(table: pd.DataFrame) -> dict:
    from ilp_dash.ui.maps import Scale

    most = float(table["posyandu"].max())
    ratio = table["kader"] / table["posyandu"].where(table["posyandu"] > 0)
    return {
        "persen_ilp": Scale(label="Posyandu ILP (%)", unit="%", hover_format=".0f"),
        "posyandu_ilp": Scale(label="Jumlah Posyandu ILP", zmin=0, zmax=most, hover_format=".0f"),
        "kader_per_posyandu": Scale(
            label="Kader per Posyandu",
            zmin=math.floor(ratio.min()),
            zmax=math.ceil(ratio.max()),
            hover_format=".1f",
        ),
        "gap_posyandu": Scale(
            label="Posyandu belum ILP (kurang)",
            zmin=0,
            zmax=most,
            colorscale="OrRd",
            hover_format=".0f",
        ),
    }


def month_rows(inst: Instance, month: str) -> pd.DataFrame:
    """One row per village (boundary order) at the end of ``month`` — as ``results.village_coverage``."""
    t = inst.table
    return t[t["bulan"].to_numpy() == month].set_index("kode").reindex(inst.codes)


def detached_mask(villages, cache: Path | None) -> tuple[np.ndarray, float]:
    from ilp_dash.analysis.landmasses import detached_villages

    if cache is not None and cache.exists():
        return np.load(cache), float("nan")
    t = time.perf_counter()
    mask = detached_villages(villages)
    took = time.perf_counter() - t
    if cache is not None:
        np.save(cache, mask)
    return mask, took


def jepara() -> Instance:
    from province import villages as province_villages

    from ilp_dash.region import results, store

    ds = store.dataset(JEPARA)
    vil = ds.region.villages
    cov = results.coverage(JEPARA)
    table = cov[cov["tingkat"] == "desa"][
        ["kode", "bulan", "posyandu", "posyandu_ilp", "kader", "gap_posyandu"]
    ]
    mask, took = detached_mask(vil, None)
    src = province_villages(PROV, verbose=False)
    inst = Instance(
        JEPARA,
        ds.region.name,
        vil,
        table.reset_index(drop=True),
        results.report_months(JEPARA),
        results.geojson_bytes(JEPARA, store.version(JEPARA)),
        results.kecamatan_geojson_bytes(JEPARA, store.version(JEPARA)),
        vil[~mask],
        src[src["kode_kab"] == JEPARA].reset_index(drop=True),
    )
    inst.notes["detached_s"] = took
    return inst


def synthetic_table(vil, months: list[str], seed: int = SEED) -> pd.DataFrame:
    """Posyandu per village ~ 1 + Poisson(4.8) (1 % of villages without), kader ≈ 5.6 per Posyandu,
    each Posyandu becoming ILP in a month drawn uniformly from 6 months before the first to
    2 months after the last (so ~30 % → ~88 % ILP across the year)."""
    rng = np.random.default_rng(seed)
    n, m = len(vil), len(months)
    pos = 1 + rng.poisson(4.8, n)
    pos[rng.random(n) < 0.01] = 0
    kader = np.maximum(pos * 5.6 + rng.normal(0, 3, n), pos).round().astype(int)
    owner = np.repeat(np.arange(n), pos)
    start = rng.integers(-6, m + 2, len(owner))
    counts = np.zeros((n, m + 8), dtype=int)
    np.add.at(counts, (owner, np.clip(start, -6, m + 1) + 6), 1)
    ilp = counts.cumsum(axis=1)[:, 6 : 6 + m]  # converted by the end of each month
    return pd.DataFrame(
        {
            "kode": np.repeat(vil["kode"].astype(str).to_numpy(), m),
            "bulan": np.tile(months, n),
            "posyandu": np.repeat(pos, m),
            "posyandu_ilp": ilp.ravel(),
            "kader": np.repeat(kader, m),
            "gap_posyandu": (np.repeat(pos, m) - ilp.ravel()),
        }
    )


def province() -> Instance:
    from province import villages as province_villages

    from ilp_dash.io.geojson import encode, feature_collection, kecamatan_collection

    vil = province_villages(PROV)
    months = [
        f"{y}-{mm:02d}"
        for y, mm in [(2024, k) for k in range(6, 13)] + [(2025, k) for k in range(1, 6)]
    ]
    ART.mkdir(parents=True, exist_ok=True)
    mask, took = detached_mask(vil, ART / f"detached_{PROV}.npy")
    t = time.perf_counter()
    geo = encode(feature_collection(vil))
    t_geo = time.perf_counter() - t
    kec = encode(kecamatan_collection(vil))
    inst = Instance(
        PROV,
        "Provinsi Jawa Tengah",
        vil,
        synthetic_table(vil, months),
        months,
        geo,
        kec,
        vil[~mask],
        vil,
    )
    inst.notes.update(detached_s=took, geojson_s=t_geo)
    return inst


# ------------------------------------------------------------------ figures
def ours_figure(
    inst: Instance,
    indicator: str = "persen_ilp",
    month: str | None = None,
    geo_url: str | None = None,
    inset: bool = False,
):
    from ilp_dash.analysis.landmasses import detached_villages
    from ilp_dash.ui.maps import inset_map, village_map

    values = indicator_values(month_rows(inst, month or inst.months[-1]), indicator)
    scale = scales(inst.table)[indicator]
    url = geo_url or f"/geo/{inst.code}/1.json"
    fig = village_map(
        inst.villages,
        values,
        scale,
        geo_url=url,
        kecamatan=inst.villages,
        outline_label="batas kecamatan",
        no_data_label="tanpa Posyandu",
        view=inst.view,
    )
    if not inset:
        return fig, None
    return fig, inset_map(
        inst.villages,
        values,
        scale,
        detached=detached_villages(inst.villages),
        geo_url=url,
        no_data_label="tanpa Posyandu",
    )


def naive_figure(inst: Instance, indicator: str = "persen_ilp", month: str | None = None):
    """What the plotly docs show: the GeoDataFrame's geometry embedded in the figure."""
    import plotly.express as px

    from ilp_dash.io.geojson import bounds_view

    g = inst.naive_villages
    rows = month_rows(inst, month or inst.months[-1]).reindex(g["kode"].astype(str))
    center, zoom = bounds_view(inst.view)
    return px.choropleth_map(
        g,
        geojson=g.geometry,
        locations=g.index,
        color=indicator_values(rows, indicator),
        hover_name="nama",
        hover_data={"kecamatan": True},
        map_style="white-bg",
        color_continuous_scale="YlGnBu",
        range_color=(0, 100),
        center=center,
        zoom=zoom,
        labels={"color": "Posyandu ILP (%)"},
    )


# ------------------------------------------------------------------ 1 + 2: payloads
def payloads(inst: Instance) -> dict:
    from ilp_dash.ui.maps import value_patch

    fig, inset = ours_figure(inst, inset=inst.code == JEPARA)
    fig_b = wire(fig)
    inset_b = wire(inset) if inset is not None else b""
    traces = {i: len(wire(tr)) for i, tr in enumerate(fig.data)}
    t = time.perf_counter()
    naive_b = wire(naive_figure(inst))
    t_naive = time.perf_counter() - t
    sc = scales(inst.table)
    switch = []
    for month in inst.months:
        rows = month_rows(inst, month)
        for ind in INDICATORS:
            b = wire(value_patch(indicator_values(rows, ind), sc[ind]))
            switch.append((len(b), gz(b), ind, month))
    worst = max(switch)
    latest = [s for s in switch if s[3] == inst.months[-1] and s[2] == "persen_ilp"][0]
    whole = wire(ours_figure(inst, worst[2], worst[3])[0])
    return {
        "figure": len(fig_b),
        "figure_gz": gz(fig_b),
        "inset": len(inset_b),
        "inset_gz": gz(inset_b) if inset_b else 0,
        "geo": len(inst.geo),
        "geo_gz": gz(inst.geo),
        "kec": len(inst.kec_geo),
        "kec_gz": gz(inst.kec_geo),
        "traces": traces,
        "naive": len(naive_b),
        "naive_gz": gz(naive_b),
        "naive_build_s": t_naive,
        "switch_worst": worst,
        "switch_latest": latest,
        "switch_whole": len(whole),
        "switch_whole_gz": gz(whole),
        "naive_bytes": naive_b,
        "figure_bytes": fig_b,
    }


def cleaned(inst: Instance) -> Instance:
    """``inst`` with its village coverage cleaned (shared borders made identical, gaps < 0.0002° closed)."""
    import shapely

    t = time.perf_counter()
    vil = inst.villages.copy()
    vil["geometry"] = np.asarray(shapely.coverage_clean(vil.geometry.to_numpy(), gap_width=0.0002))
    print(f"coverage_clean {inst.name}: {time.perf_counter() - t:.1f} s", flush=True)
    return Instance(
        inst.code,
        inst.name,
        vil,
        inst.table,
        inst.months,
        inst.geo,
        inst.kec_geo,
        inst.view,
        inst.naive_villages,
    )


def geojson_sweep(inst: Instance) -> list[dict]:
    """GeoJSON size for coarser simplification and fewer decimals (a proposal for large regions)."""
    from ilp_dash.io.geojson import encode, feature_collection, tolerance_deg

    base = tolerance_deg(inst.villages)
    minx, miny, maxx, maxy = inst.villages.total_bounds
    extent = max(maxx - minx, maxy - miny)
    out = []
    for divisor in (1500, 1000, 750, 500):
        tol = max(extent / divisor, 0.0002)
        for decimals in (4, 3):
            b = encode(feature_collection(inst.villages, tolerance=tol, decimals=decimals))
            out.append(
                {
                    "divisor": divisor,
                    "tolerance": tol,
                    "metres": tol * 111_320,
                    "decimals": decimals,
                    "raw": len(b),
                    "gz": gz(b),
                    "default": abs(tol - base) < 1e-12,
                }
            )
    return out


def kecamatan_alternatives(inst: Instance) -> dict:
    """The kecamatan border file: as built now, and with the small holes left by gaps between villages dropped.

    ``kecamatan_collection`` dissolves the simplified villages; the source's village polygons
    leave slivers between them, which become tiny holes, each drawn as a ring.
    """
    import geopandas as gpd
    import shapely

    from ilp_dash.io.geojson import _round, encode, simplified, tolerance_deg

    tol = tolerance_deg(inst.villages)
    simple = gpd.GeoDataFrame(
        {"kode_kec": inst.villages["kode_kec"].to_numpy()},
        geometry=simplified(inst.villages, tol),
        crs=inst.villages.crs,
    )
    kec = simple.dissolve("kode_kec")
    holes = sum(len(p.interiors) for g in kec.geometry for p in getattr(g, "geoms", [g]))
    feats = []
    for code, geom in zip(kec.index.astype(str), kec.geometry):
        polys = [
            shapely.Polygon(
                p.exterior, [r for r in p.interiors if shapely.Polygon(r).area >= (10 * tol) ** 2]
            )
            for p in getattr(geom, "geoms", [geom])
        ]
        line = shapely.simplify(shapely.MultiPolygon(polys).boundary, tol)
        gj = shapely.geometry.mapping(line)
        feats.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": gj["type"], "coordinates": _round(gj["coordinates"], 4)},
            }
        )
    return {
        "tolerance": tol,
        "holes": holes,
        "now": len(inst.kec_geo),
        "proposal": len(encode({"type": "FeatureCollection", "features": feats})),
    }


# ------------------------------------------------------------------ 3: callback time
def switch_response(inst: Instance, sc: dict, indicator: str, month: str) -> bytes:
    from ilp_dash.ui.maps import value_patch

    values = indicator_values(month_rows(inst, month), indicator)
    return wire(
        {"multi": True, "response": {"village-map": {"figure": value_patch(values, sc[indicator])}}}
    )


def figure_response(inst: Instance, sc: dict, indicator: str, month: str) -> bytes:
    from ilp_dash.ui.maps import village_map

    values = indicator_values(month_rows(inst, month), indicator)
    fig = village_map(
        inst.villages,
        values,
        sc[indicator],
        geo_url=f"/geo/{inst.code}/1.json",
        kecamatan=inst.villages,
        view=inst.view,
    )
    return wire({"multi": True, "response": {"village-map": {"figure": fig}}})


def callback_times(inst: Instance, reps: int, peer_reps: int) -> dict:
    sc = scales(inst.table)
    combos = [(ind, mo) for mo in inst.months for ind in INDICATORS]
    switch_response(inst, sc, *combos[0])  # first call: imports
    ours = []
    for i in range(reps):
        t = time.perf_counter()
        switch_response(inst, sc, *combos[i % len(combos)])
        ours.append(time.perf_counter() - t)
    figure_response(inst, sc, *combos[0])  # dissolves kecamatan once (cached, as in the app)
    peer = []
    for i in range(peer_reps):
        t = time.perf_counter()
        figure_response(inst, sc, *combos[(7 * i) % len(combos)])
        peer.append(time.perf_counter() - t)
    return {
        "p50": pct(ours, 50),
        "p95": pct(ours, 95),
        "n": reps,
        "peer_p50": pct(peer, 50),
        "peer_p95": pct(peer, 95),
        "peer_n": peer_reps,
    }


def _find_component(node, cid: str):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == cid:
            return node
        for v in node.values():
            hit = _find_component(v, cid)
            if hit is not None:
                return hit
    elif isinstance(node, list):
        for v in node:
            hit = _find_component(v, cid)
            if hit is not None:
                return hit
    return None


def _body(dep: dict, values: dict, changed: str) -> dict:
    """A ``/_dash-update-component`` request for callback ``dep`` (from ``/_dash-dependencies``)."""
    out = dep["output"]
    if out.startswith(".."):
        outputs = [dict(zip(("id", "property"), o.split(".", 1))) for o in out[2:-2].split("...")]
    else:
        outputs = dict(zip(("id", "property"), out.split(".", 1)))

    def pick(deps):
        return [dict(d, value=values.get(f"{d['id']}.{d['property']}")) for d in deps]

    return {
        "output": out,
        "outputs": outputs,
        "inputs": pick(dep["inputs"]),
        "state": pick(dep["state"]),
        "changedPropIds": [changed],
    }


def app_callbacks(reps: int) -> dict:
    """The real app (Jepara) through Flask's test client: page responses and the Cakupan indicator callback."""
    from ilp_dash.region import results, store
    from ilp_dash.web.app import create_app

    app = create_app()
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    pages = next(d for d in deps if "_pages_content" in d["output"])
    out: dict = {"pages": {}}

    def post(body):
        t = time.perf_counter()
        r = client.post("/_dash-update-component", json=body)
        took = time.perf_counter() - t
        if r.status_code not in (200, 204):
            raise RuntimeError(
                f"callback {body['output'][:60]} answered {r.status_code}: {r.data[:300]!r}"
            )
        return r, took

    search = f"?region={JEPARA}"
    for path in ("/", "/cakupan"):
        values = {"_pages_location.pathname": path, "_pages_location.search": search}
        _, cold = post(_body(pages, values, "_pages_location.pathname"))
        r, warm = post(_body(pages, values, "_pages_location.pathname"))
        out["pages"][path] = {
            "bytes": len(r.data),
            "gz": gz(r.data),
            "cold_s": cold,
            "warm_s": warm,
            "json": r.get_json(),
        }
    for key, suffix in (("geo", ".json"), ("kec", ".kec.json")):
        r = client.get(f"/geo/{JEPARA}/{store.version(JEPARA)}{suffix}")
        body = r.data if r.status_code == 200 else b""
        out[key], out[f"{key}_gz"] = len(body), (gz(body) if body else 0)

    dep = next((d for d in deps if any(i["id"] == "ck-indicator" for i in d["inputs"])), None)
    if dep is None:  # no Cakupan page yet: the region / language callback
        dep = next(d for d in deps if any(i["id"] == "region-select" for i in d["inputs"]))
        times = []
        for i in range(reps):
            _, took = post(
                _body(
                    dep,
                    {
                        "region-select.value": JEPARA,
                        "lang-select.value": ("id", "en")[i % 2],
                        "url.search": search,
                    },
                    "lang-select.value",
                )
            )
            times.append(took)
        out["callback"] = {"name": "shell region/lang switch (no Cakupan page yet)", "times": times}
        return out
    ctx = _find_component(out["pages"]["/cakupan"]["json"], "ck-ctx")
    if ctx is None:
        raise RuntimeError(
            "the Cakupan page has no ck-ctx store: update bench_dashboard.app_callbacks"
        )
    state = ctx["props"]["data"]
    months = results.report_months(JEPARA)
    inds = [
        o["value"]
        for o in (
            _find_component(out["pages"]["/cakupan"]["json"], "ck-indicator")["props"].get(
                "options"
            )
            or []
        )
    ] or list(INDICATORS)
    times, sizes, sizes_gz, maps_only = [], [], [], []
    for i in range(reps + 1):
        ind, m = inds[i % len(inds)], (len(months) - 1 - (i // len(inds))) % len(months)
        changed = "ck-indicator.value" if i % 2 == 0 else "ck-month.value"
        r, took = post(
            _body(
                dep,
                {
                    "ck-indicator.value": ind,
                    "ck-month.value": m,
                    "ck-kec.value": "all",
                    "ck-ctx.data": state,
                },
                changed,
            )
        )
        if i:  # the first call warms the month's caches
            times.append(took)
            sizes.append(len(r.data))
            sizes_gz.append(gz(r.data))
            resp = json.loads(r.data)["response"]
            maps_only.append(
                sum(len(wire(resp[k])) for k in ("village-map", "inset-map") if k in resp)
            )
    parts = json.loads(r.data)["response"]
    out["callback"] = {
        "name": "Cakupan `_update_map` (indicator / month)",
        "times": times,
        "bytes_max": max(sizes),
        "bytes_median": statistics.median(sizes),
        "gz_max": max(sizes_gz),
        "maps_max": max(maps_only),
        "parts": {k: len(wire(v)) for k, v in parts.items()},
    }
    return out


# ------------------------------------------------------------------ 4: browser
POLL_JS = r"""
window.__bench = {};
(function poll() {
  const b = window.__bench;
  try {
    if (window.Plotly && b.plotly === undefined) b.plotly = performance.now();
    const gd = document.querySelector('#village-map .js-plotly-plot');
    if (gd && b.graph === undefined) b.graph = performance.now();
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const m = sub && sub.map;
    if (m) {
      if (b.map === undefined) b.map = performance.now();
      const order = m.getLayersOrder ? m.getLayersOrder() : Object.keys(m.style._layers);
      const ids = order.filter(id => id.indexOf('plotly-trace-layer') === 0 && m.getLayer(id).type === 'fill');
      if (ids.length && m.loaded()) {
        const n = m.queryRenderedFeatures({layers: ids}).length;
        if (n > 0) { b.ready = performance.now(); b.features = n; return; }
      }
    }
  } catch (e) { b.error = String(e); }
  setTimeout(poll, 10);
})();
"""

STATS_JS = r"""
const res = performance.getEntriesByType('resource');
const nav = performance.getEntriesByType('navigation')[0];
const geo = res.filter(e => e.name.indexOf('geo') >= 0 && e.name.endsWith('.json'));
const lay = res.filter(e => e.name.indexOf('_dash-layout') >= 0);
const upd = res.filter(e => e.name.indexOf('_dash-update-component') >= 0);
return {bytes: res.reduce((s, e) => s + (e.transferSize || 0), 0) + (nav ? nav.transferSize : 0),
        geo_end: geo.length ? geo[0].responseEnd : null,
        layout_end: upd.length ? upd[0].responseEnd : (lay.length ? lay[0].responseEnd : null),
        dcl: nav ? nav.domContentLoadedEventEnd : null};
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Dash server in a subprocess (started here, stopped by its pid)."""

    def __init__(
        self, args: list[str], port: int, log: Path, ready_path: str = "/", timeout: float = 600
    ):
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server {args} exited; see {log}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server {args} not ready after {timeout} s; see {log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def browser_run(url: str, timeout: float) -> dict:
    """One cold visit in a fresh headless Chromium; seconds from navigation start to the drawn map."""
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for a in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,720",
        "--disable-extensions",
        "--no-first-run",
    ):
        opts.add_argument(a)
    opts.binary_location = CHROMIUM
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": POLL_JS})
        driver.set_page_load_timeout(timeout)
        t0 = time.time()
        try:
            driver.get(url)
        except TimeoutException:
            return {"ready": None}
        b = {}
        while time.time() - t0 < timeout + 5:
            b = driver.execute_script("return window.__bench || {}")
            if b.get("ready") is not None:
                break
            time.sleep(0.05)
        if b.get("ready") is None or b["ready"] / 1e3 > timeout:
            return {"ready": None, "error": b.get("error")}
        stats = driver.execute_script(STATS_JS)
        return {
            "ready": b["ready"] / 1e3,
            "graph": b.get("graph", 0) / 1e3,
            "plotly": b.get("plotly", 0) / 1e3,
            "features": b.get("features"),
            "geo": (stats["geo_end"] or 0) / 1e3 or None,
            "dcl": (stats["dcl"] or 0) / 1e3,
            "layout": (stats["layout_end"] or 0) / 1e3 or None,
            "bytes": stats["bytes"],
        }
    finally:
        driver.quit()


def serve_tiny(figure: str, geo_dir: str, port: int) -> None:
    """``--serve``: one dcc.Graph with a prepared figure, and a route serving the GeoJSON files of ``geo_dir``."""
    from dash import Dash, dcc, html
    from flask import Response, abort

    fig = json.loads(Path(figure).read_text(encoding="utf-8"))
    files = {p.name: p.read_bytes() for p in Path(geo_dir).glob("*.json")}
    app = Dash(__name__, serve_locally=True, update_title=None, assets_folder=tempfile.mkdtemp())
    app.layout = html.Div(
        [
            dcc.Graph(
                id="village-map",
                figure=fig,
                style={"height": "640px"},
                config={"displaylogo": False},
            )
        ]
    )

    @app.server.route("/bench-geo/<name>")
    def _geo(name):
        if name not in files:
            abort(404)
        return Response(files[name], mimetype="application/geo+json")

    app.run(host="127.0.0.1", port=port, debug=False)


def figure_variants(inst: Instance, url: str) -> dict:
    """Our figure, and variants that show where the browser spends its time."""
    fig, _ = ours_figure(inst, geo_url=url)
    out = {"ours": fig}
    no_lines = copy.deepcopy(fig)
    no_lines.layout.map.layers = ()
    out["ours-no-kec-layer"] = no_lines
    values_only = copy.deepcopy(no_lines)
    values_only.data = values_only.data[1:2]
    out["ours-values-only"] = values_only
    grey_nodata = copy.deepcopy(fig)
    z = np.array([np.nan if v is None else v for v in fig.data[1].z], dtype=float)
    keep = np.flatnonzero(~np.isfinite(z))
    grey = grey_nodata.data[0]
    grey.locations = [grey.locations[i] for i in keep]
    grey.z = [0] * len(keep)
    grey.text = [grey.text[i] for i in keep]
    out["ours-grey-nodata-only"] = grey_nodata
    return out


VARIANT_LABELS = {
    "ours": "ILP Dash figure",
    "naive": "naive figure",
    "ours-no-kec-layer": "variant: without the kecamatan line layer",
    "ours-values-only": "variant: values trace only (no grey trace, no kecamatan layer)",
    "ours-grey-nodata-only": "variant: grey trace holding only the villages without a value",
}


def summarise(runs: list[dict]) -> dict:
    done = [r for r in runs if r["ready"] is not None]

    def med(k):
        return (
            statistics.median(r[k] for r in done) if done and all(r.get(k) for r in done) else None
        )

    median = statistics.median([r["ready"] if r["ready"] is not None else math.inf for r in runs])
    return {
        "median": None if math.isinf(median) else median,
        "runs": runs,
        "n": len(runs),
        "graph": med("graph"),
        "geo": med("geo"),
        "dcl": med("dcl"),
        "layout": med("layout"),
        "plotly": med("plotly"),
        "bytes": med("bytes"),
    }


def browser(
    insts: dict[str, Instance], pays: dict, reps: int, timeout: float, variant_reps: int = 0
) -> dict:
    """All cases of a region are served at once and their runs interleaved (run 1 of every case, then run 2,
    …), so a change in the machine's load hits every case alike."""
    results = {}
    logs = ART / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    geo_dir = ART / "geo"
    geo_dir.mkdir(parents=True, exist_ok=True)
    for code, inst in insts.items():
        (geo_dir / f"{code}.json").write_bytes(inst.geo)
        (geo_dir / f"{code}.kec.json").write_bytes(inst.kec_geo)  # maps.kecamatan_url of the above
    for code, inst in insts.items():
        servers: dict[str, tuple[Server, str, int]] = {}
        try:
            if code == JEPARA:  # the real app
                port = free_port()
                srv = Server(
                    ["-m", "ilp_dash.cli", "serve", "--port", str(port)], port, logs / "app.log"
                )
                for label, path in (
                    ("ringkasan", f"/?region={JEPARA}"),
                    ("cakupan", f"/cakupan?region={JEPARA}"),
                ):
                    browser_run(
                        srv.url + path, max(timeout, 120)
                    )  # warm the server's caches, untimed
                    servers[f"app_{label}"] = (srv, path, reps)
            figs = figure_variants(inst, f"/bench-geo/{code}.json")
            kinds = ["ours", "naive"] + ([k for k in figs if k != "ours"] if variant_reps else [])
            for kind in kinds:
                path = ART / f"fig_{kind}_{code}.json"
                path.write_bytes(pays[code]["naive_bytes"] if kind == "naive" else wire(figs[kind]))
                port = free_port()
                args = [
                    str(Path(__file__).resolve()),
                    "--serve",
                    str(path),
                    "--serve-geo",
                    str(geo_dir),
                    "--port",
                    str(port),
                ]
                servers[f"{kind}_{code}"] = (
                    Server(args, port, logs / f"tiny_{kind}_{code}.log"),
                    "/",
                    reps if kind in ("ours", "naive") else variant_reps,
                )
            runs: dict[str, list[dict]] = {k: [] for k in servers}
            for rep in range(reps):
                for key, (srv, path, n) in servers.items():
                    failed = sum(r["ready"] is None for r in runs[key])
                    if (
                        rep < n and failed < 2
                    ):  # do not wait out every run of a case that cannot finish
                        runs[key].append(browser_run(srv.url + path, timeout))
            for key, rr in runs.items():
                results[key] = summarise(rr)
                print(f"  browser, {key}: {fmt_case(results[key], timeout)}", flush=True)
        finally:
            for srv in {id(v[0]): v[0] for v in servers.values()}.values():
                srv.stop()
    return results


def fmt_case(c: dict, timeout: float) -> str:
    runs = ", ".join(secs(r["ready"], timeout) for r in c["runs"])
    return f"median {secs(c['median'], timeout)} ({runs})"


# ------------------------------------------------------------------ report
def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "**miss**"
    return "pass" if value <= target else f"**miss** (+{(value / target - 1) * 100:.0f}%)"


def ratio(peer: float | None, ours: float | None, timeout: float | None = None) -> str:
    if ours in (None, 0):
        return "–"
    if peer is None:
        return f"> {timeout / ours:.0f}×" if timeout else "–"
    return f"{peer / ours:,.1f}×"


def summary_rows(insts, pays, app, cbs, brw, timeout) -> list[list[str]]:
    rows = []
    tgt = TARGETS
    for code, inst in insts.items():
        p = pays[code]
        ours = p["figure"] + p["inset"] + p["geo"] + p["kec"]
        ours_gz = p["figure_gz"] + p["inset_gz"] + p["geo_gz"] + p["kec_gz"]
        rows.append(
            [
                f"first map payload, {inst.name}: figure + 2 GeoJSON files (raw; gzip)",
                f"{kb(ours)}; {kb(ours_gz)}",
                f"{kb(p['naive'])}; {kb(p['naive_gz'])}",
                ratio(p["naive"], ours),
                f"≤ {kb(tgt['payload'][code])}",
                verdict(ours, tgt["payload"][code]),
            ]
        )
    if app:
        for path, label in (("/", "Ringkasan"), ("/cakupan", "Cakupan")):
            pg = app["pages"][path]
            ours = pg["bytes"] + app["geo"] + app["kec"]
            p = pays[JEPARA]
            rows.append(
                [
                    f"first map payload, Jepara, real {label} page response + 2 GeoJSON files (raw; gzip)",
                    f"{kb(ours)}; {kb(pg['gz'] + app['geo_gz'] + app['kec_gz'])}",
                    f"{kb(p['naive'])}; {kb(p['naive_gz'])}",
                    ratio(p["naive"], ours),
                    f"≤ {kb(tgt['payload'][JEPARA])}",
                    verdict(ours, tgt["payload"][JEPARA]),
                ]
            )
    for code, inst in insts.items():
        p = pays[code]
        w = p["switch_worst"]
        rows.append(
            [
                f"indicator switch, {inst.name}: value_patch, worst of {len(INDICATORS)} × {len(inst.months)} "
                "(raw; gzip)",
                f"{kb(w[0])}; {kb(w[1])}",
                f"{kb(p['switch_whole'])}; {kb(p['switch_whole_gz'])}",
                ratio(p["switch_whole"], w[0]),
                f"≤ {kb(tgt['switch'][code])}",
                verdict(w[0], tgt["switch"][code]),
            ]
        )
    if app and "bytes_max" in app["callback"]:
        c = app["callback"]
        rows.append(
            [
                "indicator switch, Jepara, real Cakupan callback response, largest (raw; gzip)",
                f"{kb(c['bytes_max'])}; {kb(c['gz_max'])}",
                f"{kb(pays[JEPARA]['switch_whole'])}; {kb(pays[JEPARA]['switch_whole_gz'])}",
                ratio(pays[JEPARA]["switch_whole"], c["bytes_max"]),
                f"≤ {kb(tgt['switch'][JEPARA])}",
                verdict(c["bytes_max"], tgt["switch"][JEPARA]),
            ]
        )
        rows.append(
            [
                "… of which the map patches (village-map + inset-map), largest (raw)",
                kb(c["maps_max"]),
                kb(pays[JEPARA]["switch_whole"]),
                ratio(pays[JEPARA]["switch_whole"], c["maps_max"]),
                f"≤ {kb(tgt['switch'][JEPARA])}",
                verdict(c["maps_max"], tgt["switch"][JEPARA]),
            ]
        )
    for code, inst in insts.items():
        c = cbs[code]
        rows.append(
            [
                f"callback p95, {inst.name}: indicator switch in process ({c['n']} calls; peer {c['peer_n']})",
                ms(c["p95"]) + f" (p50 {ms(c['p50'])})",
                ms(c["peer_p95"]) + f" (p50 {ms(c['peer_p50'])})",
                ratio(c["peer_p95"], c["p95"]),
                f"≤ {ms(tgt['p95'][code])}",
                verdict(c["p95"], tgt["p95"][code]),
            ]
        )
    if app:
        c = app["callback"]
        t = np.asarray(c["times"])
        rows.append(
            [
                f"callback p95, Jepara: real app, {c['name']}, Flask test client ({len(t)} calls)",
                ms(pct(t, 95)) + f" (p50 {ms(pct(t, 50))})",
                "–",
                "–",
                f"≤ {ms(tgt['p95'][JEPARA])}",
                verdict(pct(t, 95), tgt["p95"][JEPARA]),
            ]
        )
    if brw:
        for key, label in (
            ("app_ringkasan", "real app, Ringkasan"),
            ("app_cakupan", "real app, Cakupan"),
        ):
            c, peer = brw[key], brw[f"naive_{JEPARA}"]
            rows.append(
                [
                    f"map interactive, Jepara, {label} (median of {c['n']}; peer: naive figure, tiny app)",
                    secs(c["median"], timeout),
                    secs(peer["median"], timeout),
                    ratio(peer["median"], c["median"], timeout),
                    f"≤ {TARGETS['interactive'][JEPARA]} s",
                    verdict(c["median"], TARGETS["interactive"][JEPARA]),
                ]
            )
        for code, inst in insts.items():
            c, peer = brw[f"ours_{code}"], brw[f"naive_{code}"]
            rows.append(
                [
                    f"map interactive, {inst.name}, tiny app (median of {c['n']})",
                    secs(c["median"], timeout),
                    secs(peer["median"], timeout),
                    ratio(peer["median"], c["median"], timeout),
                    f"≤ {TARGETS['interactive'][code]} s",
                    verdict(c["median"], TARGETS["interactive"][code]),
                ]
            )
    return rows


def table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
        *["| " + " | ".join(r) + " |" for r in rows],
    ]


def write_report(out: Path, args, info, insts, pays, app, cbs, brw, sweep, kecs) -> str:
    lines = [
        "# Dashboard benchmark: payloads, callback time, time to an interactive map",
        "",
        f"Generated by `python benchmarks/bench_dashboard.py{' --quick' if args.quick else ''}"
        f"{' --skip-browser' if args.skip_browser else ''}` on {time.strftime('%Y-%m-%d %H:%M')}. "
        "Jepara: the app's bundled boundaries and sample data. Jawa Tengah: 8,561 villages built from "
        "`../shared/data/wilayah_boundaries` with `benchmarks/province.py`, seeded synthetic coverage table. "
        "Peer: the naive figure, `plotly.express.choropleth_map` with the full-precision geometry embedded "
        "(for payloads and time to map) or a whole new figure (indicator switch, callback time). "
        "Ratio = peer ÷ ours.",
        "",
        "| machine | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "## Summary",
        "",
    ]
    lines += table(
        ["case", "ILP Dash", "peer", "ratio", "target", "met?"],
        summary_rows(insts, pays, app, cbs, brw, args.timeout),
        ["---", "---:", "---:", "---:", "---:", "---"],
    )

    lines += ["", "## 1. First map payload", ""]
    rows = []
    for code, inst in insts.items():
        p = pays[code]
        tr = p["traces"]
        rows.append(
            [
                inst.name,
                f"{len(inst.villages):,}",
                f"{kb(p['figure'])} / {kb(p['figure_gz'])}",
                f"{kb(tr.get(0, 0))}, {kb(tr.get(1, 0))}, {kb(tr.get(2, 0))}",
                f"{kb(p['inset'])} / {kb(p['inset_gz'])}" if p["inset"] else "–",
                f"{kb(p['geo'])} / {kb(p['geo_gz'])}",
                f"{kb(p['kec'])} / {kb(p['kec_gz'])}",
                f"{kb(p['naive'])} / {kb(p['naive_gz'])}",
            ]
        )
    lines += table(
        [
            "region",
            "villages",
            "our figure raw / gzip",
            "… traces 0 grey, 1 values, 2 legend entry",
            "inset figure",
            "village GeoJSON",
            "kecamatan lines GeoJSON",
            "naive figure raw / gzip",
        ],
        rows,
        ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
    )
    if app:
        lines += [
            "",
            "Real app, Jepara (Flask test client, `/_dash-update-component` of the page container):",
            "",
        ]
        rows = [
            [path, f"{kb(pg['bytes'])} / {kb(pg['gz'])}", f"{pg['cold_s']:.2f} s", ms(pg["warm_s"])]
            for path, pg in app["pages"].items()
        ]
        rows.append([f"`/geo/{JEPARA}/….json`", f"{kb(app['geo'])} / {kb(app['geo_gz'])}", "", ""])
        rows.append(
            [f"`/geo/{JEPARA}/….kec.json`", f"{kb(app['kec'])} / {kb(app['kec_gz'])}", "", ""]
        )
        lines += table(
            ["page", "response raw / gzip", "first (cold caches)", "again (warm)"],
            rows,
            ["---", "---:", "---:", "---:"],
        )
    if sweep:
        lines += [
            "",
            "Village GeoJSON size for other simplification tolerances and decimals "
            "(`feature_collection(villages, tolerance=extent / divisor, decimals=…)`; at the zoom that fits "
            "the region into ~1000 px one pixel is ~1/1000 of the extent):",
            "",
        ]
        names = {code: inst.name for code, inst in insts.items()}
        names.update(
            {
                code + " clean": inst.name + ", after coverage_clean(gap_width=0.0002)"
                for code, inst in insts.items()
            }
        )
        rows = [
            [
                names[code],
                f"extent / {s['divisor']}" + (" (default)" if s["default"] else ""),
                f"{s['tolerance']:.5f}° (~{s['metres']:.0f} m)",
                str(s["decimals"]),
                kb(s["raw"]),
                kb(s["gz"]),
            ]
            for code, sw in sweep.items()
            for s in sw
        ]
        lines += table(
            ["region", "tolerance", "degrees", "decimals", "raw", "gzip"],
            rows,
            ["---", "---", "---:", "---:", "---:", "---:"],
        )
    if kecs:
        lines += [
            "",
            "Kecamatan lines (`kecamatan_collection`): the dissolved simplified villages keep the gaps "
            "between the source's village polygons as tiny holes, each drawn as a ring.",
            "",
        ]
        rows = [
            [insts[code].name, f"{o['holes']:,}", kb(o["now"]), kb(o["proposal"])]
            for code, o in kecs.items()
        ]
        lines += table(
            ["region", "holes", "now", "holes < (10 × tolerance)² dropped"],
            rows,
            ["---", "---:", "---:", "---:"],
        )
        lines += [
            "",
            "What would meet the first-payload target in raw bytes (map only, as in the first rows of "
            "the summary):",
            "",
        ]
        rows = []
        for code, inst in insts.items():
            p, o = pays[code], kecs[code]
            fig = p["figure"] + p["inset"] + o["proposal"]
            target = TARGETS["payload"][code]
            rows.append(
                [
                    inst.name,
                    kb(p["figure"] + p["inset"] + p["geo"] + p["kec"]),
                    kb(p["figure_gz"] + p["inset_gz"] + p["geo_gz"] + p["kec_gz"]),
                    kb(fig + p["geo"]),
                ]
            )
            cands = [
                (f"extent / {s['divisor']}, {s['decimals']} decimals", s)
                for s in (sweep or {}).get(code, [])
            ]
            cands += [
                (f"after coverage_clean, extent / {s['divisor']}, {s['decimals']} decimals", s)
                for s in (sweep or {}).get(code + " clean", [])
            ]
            fits = [(label, s) for label, s in cands if fig + s["raw"] <= target]
            best = max(fits, key=lambda ls: (ls[1]["decimals"], ls[1]["divisor"]), default=None)
            rows[-1].append(
                f"{best[0]}: {kb(fig + best[1]['raw'])}" if best else "none of the settings tried"
            )
            rows[-1].append(kb(target))
        lines += table(
            [
                "region",
                "now",
                "now, gzip",
                "holes dropped",
                "holes dropped + finest village GeoJSON that fits",
                "target",
            ],
            rows,
            ["---", "---:", "---:", "---:", "---", "---:"],
        )

    lines += ["", "## 2. Indicator switch payload", ""]
    rows = []
    for code, inst in insts.items():
        p = pays[code]
        w, la = p["switch_worst"], p["switch_latest"]
        rows.append(
            [
                inst.name,
                f"{kb(la[0])} / {kb(la[1])}",
                f"{kb(w[0])} / {kb(w[1])} ({w[2]}, {w[3]})",
                f"{kb(p['switch_whole'])} / {kb(p['switch_whole_gz'])}",
                f"{kb(p['naive'])}",
            ]
        )
    lines += table(
        [
            "region",
            "value_patch, persen_ilp, latest month",
            "worst indicator × month",
            "peer: whole new figure (geometry by URL)",
            "naive whole figure",
        ],
        rows,
        ["---", "---:", "---:", "---:", "---:"],
    )
    if app and "parts" in app["callback"]:
        c = app["callback"]
        lines += [
            "",
            f"Real Cakupan callback response (Jepara): median {kb(c['bytes_median'])}, largest "
            f"{kb(c['bytes_max'])}; parts of the last one: "
            + ", ".join(f"{k} {kb(v)}" for k, v in c["parts"].items())
            + ".",
        ]

    lines += ["", "## 3. Callback server time", ""]
    rows = []
    for code, inst in insts.items():
        c = cbs[code]
        rows.append(
            [
                inst.name,
                ms(c["p50"]),
                ms(c["p95"]),
                str(c["n"]),
                ms(c["peer_p50"]),
                ms(c["peer_p95"]),
                str(c["peer_n"]),
            ]
        )
    lines += table(
        ["region", "value_patch p50", "p95", "calls", "whole figure p50", "p95", "calls"],
        rows,
        ["---", "---:", "---:", "---:", "---:", "---:", "---:"],
    )
    if app:
        t = np.asarray(app["callback"]["times"])
        lines += [
            "",
            f"Real app, {app['callback']['name']}, Jepara, through Flask's test client (Dash dispatch, "
            f"JSON in and out): p50 {ms(pct(t, 50))}, p95 {ms(pct(t, 95))}, max {ms(t.max())} over "
            f"{len(t)} calls (indicator and month alternating, kecamatan = all).",
        ]

    if brw:
        lines += [
            "",
            "## 4. Map interactive in headless Chromium",
            "",
            f"Fresh browser per run (cold cache), {args.browser_reps} runs ({args.variant_reps} for the "
            f"variants), timeout {args.timeout:.0f} s; the cases of a region run interleaved (run 1 of "
            "each, then run 2, …) so load changes hit them alike; the real app gets one untimed visit "
            "per page first (server caches warm). "
            "Medians, seconds from navigation start: “scripts” = DOMContentLoaded (JS bundles loaded "
            "and run), “layout” = the response carrying the figure arrived (`_dash-layout`, or for the "
            "real app the page-content callback), “plotly.js” = `window.Plotly` defined (dcc.Graph loads the "
            "4.8 MB bundle lazily, after the layout), “graph” = the plotly div exists, “GeoJSON” = its "
            "fetch finished, “map” = villages drawn (the time measured); “bytes” = everything "
            "transferred on the cold visit (JS bundles included).",
            "",
        ]
        names = {
            "app_ringkasan": "real app, Jepara, Ringkasan",
            "app_cakupan": "real app, Jepara, Cakupan",
        }
        for code, inst in insts.items():
            for kind, label in VARIANT_LABELS.items():
                names[f"{kind}_{code}"] = f"tiny app, {inst.name}, {label}"
        rows = []
        for key, label in names.items():
            c = brw.get(key)
            if c is None:
                continue

            def opt(k):
                return secs(c[k]) if c.get(k) else "–"

            rows.append(
                [
                    label,
                    opt("dcl"),
                    opt("layout"),
                    opt("plotly"),
                    opt("graph"),
                    opt("geo"),
                    "**" + secs(c["median"], args.timeout) + "**",
                    ", ".join(secs(r["ready"], args.timeout) for r in c["runs"]),
                    kb(c["bytes"]) if c["bytes"] else "–",
                ]
            )
        lines += table(
            [
                "case",
                "scripts",
                "layout",
                "plotly.js",
                "graph",
                "GeoJSON",
                "map (median)",
                "runs",
                "bytes",
            ],
            rows,
            ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---:"],
        )
    notes = [
        f"- Load average (1, 5 min): {info['load average (1, 5 min) at start']} at start, {load()} at the end. "
        "The machine is shared (2 cores, other jobs running browser tests): compare ratios rather than "
        "absolute times, and treat browser times as upper bounds."
    ]
    for code, inst in insts.items():
        d = inst.notes.get("detached_s")
        if d is not None and not math.isnan(d):
            notes.append(
                f"- `landmasses.detached_villages` on {inst.name} ({len(inst.villages):,} villages), first call: "
                f"{d:.1f} s (`village_map` calls it when no `view` is given)."
            )
    if PROV in insts and "geojson_s" in insts[PROV].notes:
        notes.append(
            f"- Building the Jawa Tengah GeoJSON (`feature_collection`, coverage simplification): "
            f"{insts[PROV].notes['geojson_s']:.1f} s."
        )
    lines += ["", "## Notes", "", *notes]
    text = "\n".join(lines) + "\n"
    if out.exists() and KEEP in out.read_text(encoding="utf-8"):  # the hand-written findings stay
        text += "\n" + KEEP + out.read_text(encoding="utf-8").split(KEEP, 1)[1]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


KEEP = "<!-- hand-written below: kept when the script rewrites this file -->"


# ------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, 2 browser runs")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument(
        "--reps", type=int, default=None, help="callback calls (default 200; --quick 50)"
    )
    ap.add_argument(
        "--browser-reps",
        type=int,
        default=None,
        help="browser runs per case (default 5; --quick 2)",
    )
    ap.add_argument(
        "--variant-reps",
        type=int,
        default=None,
        help="browser runs per figure variant (default 3; --quick 0 = no variants)",
    )
    ap.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds per browser run (default 90; --quick 40)",
    )
    ap.add_argument(
        "--coverage-clean",
        action="store_true",
        help="also size the village GeoJSON after shapely.coverage_clean (~200 s more for the province)",
    )
    ap.add_argument("--out", default=None)
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    ap.add_argument("--serve-geo", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve_tiny(args.serve, args.serve_geo, args.port)
        return
    args.reps = args.reps or (50 if args.quick else 200)
    args.browser_reps = args.browser_reps or (2 if args.quick else 5)
    args.variant_reps = (0 if args.quick else 3) if args.variant_reps is None else args.variant_reps
    args.timeout = args.timeout or (40.0 if args.quick else 90.0)
    out = (
        Path(args.out)
        if args.out
        else (ART / "dashboard-quick.md" if args.quick else HERE / "dashboard.md")
    )
    info = machine()
    print(" | ".join(f"{k}: {v}" for k, v in info.items()), flush=True)

    insts = {JEPARA: jepara(), PROV: province()}
    pays, cbs = {}, {}
    for code, inst in insts.items():
        t = time.perf_counter()
        pays[code] = payloads(inst)
        p = pays[code]
        print(
            f"{inst.name}: figure {kb(p['figure'])} + GeoJSON {kb(p['geo'])} (naive {kb(p['naive'])}); "
            f"switch worst {kb(p['switch_worst'][0])} ({time.perf_counter() - t:.1f} s)",
            flush=True,
        )
        cbs[code] = callback_times(
            inst,
            args.reps,
            (10 if code == JEPARA else 5) if args.quick else (50 if code == JEPARA else 15),
        )
        c = cbs[code]
        print(
            f"  callback p50 {ms(c['p50'])} p95 {ms(c['p95'])}; whole figure p95 {ms(c['peer_p95'])}",
            flush=True,
        )
    sweep = {
        code: geojson_sweep(inst)
        for code, inst in insts.items()
        if not args.quick or code == JEPARA
    }
    if args.coverage_clean:
        for code in list(sweep):
            sweep[code + " clean"] = geojson_sweep(cleaned(insts[code]))
    kecs = {code: kecamatan_alternatives(inst) for code, inst in insts.items()}
    app = app_callbacks(args.reps)
    t = np.asarray(app["callback"]["times"])
    print(
        f"real app: {app['callback']['name']} p50 {ms(pct(t, 50))} p95 {ms(pct(t, 95))}; pages "
        + ", ".join(f"{k} {kb(v['bytes'])}" for k, v in app["pages"].items()),
        flush=True,
    )
    for pg in app["pages"].values():
        pg.pop("json")
    brw = (
        None
        if args.skip_browser
        else browser(insts, pays, args.browser_reps, args.timeout, args.variant_reps)
    )
    text = write_report(out, args, info, insts, pays, app, cbs, brw, sweep, kecs)
    print()
    print("\n".join(text.split("## Summary", 1)[1].split("\n## 1.", 1)[0].strip().splitlines()))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
