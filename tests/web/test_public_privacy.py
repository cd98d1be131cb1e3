"""Nothing the public can reach shows a village's count of children below 5, nor a rate built on it.

A copy of the sample data in which a few villages measured 3 children (1
stunted) in the latest month is served; every public response is collected
(the briefing ``/``, ``/laporan``, the display ``/layar`` with each turn of its
rotation, in both languages, the GeoJSON) and searched for those villages.
The same detector must find them on the planners' ``/stunting`` screen, and
on the display when its suppression is switched off, so it can fail.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ilp_dash.analysis.landmasses import detached_villages
from ilp_dash.config import settings
from ilp_dash.i18n import percent
from ilp_dash.region import results, store

ROOT = Path(__file__).resolve().parents[2]
REGIONS = ("33.20", "35.03", "35.79", "18.10")
LANGS = ("id", "en")
ROUTER = ".._pages_content.children..._pages_store.data.."
CHILD = r"(?:diukur|measured|stunting|stunted|anak|children|balita)"


# ------------------------------------------------------------------ data: a few villages with 3 measured, 1 stunted
def _edit_stunting(path: Path, villages) -> None:
    """Latest month: three villages (one on an island, if any) 3 measured / 1 stunted; one 60 / 2."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head = "".join(line for line in lines if line.startswith("#"))
    table = pd.read_csv(
        io.StringIO("".join(line for line in lines if not line.startswith("#"))), dtype=str
    )
    latest = table["bulan"].max()
    rows = table.index[table["bulan"] == latest].tolist()
    codes = villages["kode"].astype(str).tolist()
    island = [codes[i] for i in np.flatnonzero(detached_villages(villages))]
    tiny = {codes[0], codes[len(codes) // 2], *(island[:1] or [codes[-1]])}
    for i in rows:
        if table.at[i, "kode_desa"] in tiny:
            table.loc[i, ["diukur", "stunting"]] = ["3", "1"]
        elif table.at[i, "kode_desa"] == codes[len(codes) // 3]:
            table.loc[i, ["diukur", "stunting"]] = ["60", "2"]
    path.write_text(head + table.to_csv(index=False), encoding="utf-8")


def _reload() -> None:
    settings.cache_clear()
    store.reset()
    results.clear()


@pytest.fixture(scope="module")
def small_data(tmp_path_factory):
    """Serve a data copy with small counts; login off, so the planner screen can be read for the control."""
    from ilp_dash.io.geodata import load_region

    root = tmp_path_factory.mktemp("privacy")
    data = root / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".ilp", ".staging"))
    for code in REGIONS:
        _edit_stunting(data / code / "stunting_desa.csv", load_region(code).villages)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ILP_DATA_DIR", str(data))
        mp.setenv("ILP_STATE_DIR", str(root / "state"))
        mp.setenv("ILP_CACHE_DIR", str(root / "cache"))
        mp.setenv("ILP_AUTH", "off")
        mp.delenv("ILP_BRIEFING_LOGIN", raising=False)
        _reload()
        try:
            yield data
        finally:
            mp.undo()
            _reload()


@pytest.fixture(scope="module")
def app(small_data):
    from ilp_dash.web.app import create_app

    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


# ------------------------------------------------------------------ what must not be shown
@dataclass
class Secret:
    """A village with a small count: the counts below 5 and every rate built on its counts (percent)."""

    kode: str
    nama: str
    counts: tuple[int, ...]
    rates: tuple[float, ...]
    patterns: list = field(default_factory=list)

    def __post_init__(self) -> None:
        for c in self.counts:
            self.patterns += [
                re.compile(
                    rf"\b{CHILD}\b[^\d<>]{{0,4}}(?<![\d.,]){c}(?![\d]|[.,]\d)", re.IGNORECASE
                ),
                re.compile(rf"(?<![\d.,])(?<!< ){c}\s+{CHILD}\b", re.IGNORECASE),
            ]
        for r in self.rates:
            forms = {
                f"{r:.1f}",
                f"{r:.2f}",
                f"{r:.1f}".replace(".", ","),
                f"{r:.2f}".replace(".", ","),
            }
            forms |= {f"{round(r)}%", f"{round(r)} %"}
            self.patterns += [
                re.compile(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)") for s in forms
            ]

    def found_in(self, text: str) -> str | None:
        for p in self.patterns:
            m = p.search(text)
            if m:
                return m.group(0)
        return None


def secrets(code: str) -> dict[str, Secret]:
    """Villages of ``code`` whose measured or stunted count (latest month) is below 5, from the served data."""
    st = store.dataset(code).stunting
    latest = st[st["bulan"] == st["bulan"].max()]
    hs = results.hotspots(code).set_index("kode_desa")
    names = store.dataset(code).region.villages.set_index("kode")["nama"]
    out = {}
    for kode, m, s in zip(latest["kode_desa"], latest["diukur"], latest["stunting"]):
        small = tuple(int(v) for v in (m, s) if v < 5)
        if not small:
            continue
        rates = [100.0 * s / m] if m else []
        rates += [
            100.0 * hs.loc[kode, c] for c in ("rate_eb", "eb_lower", "eb_upper") if kode in hs.index
        ]
        out[str(kode)] = Secret(
            str(kode), str(names[kode]), small, tuple(r for r in rates if math.isfinite(r))
        )
    return out


# ------------------------------------------------------------------ the detector
def _strings(node):
    """Every string in a JSON value; a row-like dict also as one "key: value; ..." line."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in node.values()):
            yield "; ".join(f"{k}: {v}" for k, v in node.items() if not isinstance(v, (dict, list)))
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def _figures(node):
    if isinstance(node, dict):
        if isinstance(node.get("data"), list) and any(
            isinstance(t, dict) and "locations" in t for t in node["data"]
        ):
            yield node
        for v in node.values():
            yield from _figures(v)
    elif isinstance(node, list):
        for v in node:
            yield from _figures(v)


def _label(trace: dict) -> str:
    bar = (trace.get("colorbar") or {}).get("title") or {}
    return " ".join(
        str(x)
        for x in (
            trace.get("name"),
            bar.get("text") if isinstance(bar, dict) else bar,
            trace.get("hovertemplate"),
        )
        if x
    )


def _item(values, i):
    return values[i] if isinstance(values, list) and i < len(values) else None


def figure_leaks(fig: dict, hidden: dict[str, Secret]) -> list[str]:
    """Per village trace (``locations``): a stunting value, or a hover/customdata text with a secret, of a hidden village."""
    found = []
    for n, trace in enumerate(fig.get("data") or []):
        locs = trace.get("locations") if isinstance(trace, dict) else None
        if not isinstance(locs, list):
            continue
        stunting = re.search("stunting|prevalen", _label(trace), re.IGNORECASE) is not None
        for i, kode in enumerate(locs):
            sec = hidden.get(str(kode))
            if sec is None:
                continue
            if stunting and _item(trace.get("z"), i) is not None:
                found.append(
                    f"trace {n} ({_label(trace)[:40]}): value {trace['z'][i]} for {sec.nama}"
                )
            for key in ("text", "hovertext", "customdata"):
                for s in _strings(_item(trace.get(key), i)):
                    hit = sec.found_in(s)
                    if hit:
                        found.append(f"trace {n} {key}: {sec.nama}: {hit!r} in {s!r}")
    return found


def text_leaks(text: str, hidden: dict[str, Secret]) -> list[str]:
    """A text naming a hidden village (by name or code) that also carries one of its secrets."""
    found = []
    for sec in hidden.values():
        if sec.kode in text or re.search(rf"(?<!\w){re.escape(sec.nama)}(?!\w)", text):
            hit = sec.found_in(text)
            if hit:
                found.append(f"{sec.nama}: {hit!r} in {text[:160]!r}")
    return found


def json_leaks(payload, hidden: dict[str, Secret]) -> list[str]:
    found = [leak for fig in _figures(payload) for leak in figure_leaks(fig, hidden)]
    return found + [leak for s in _strings(payload) for leak in text_leaks(s, hidden)]


def html_leaks(page: str, hidden: dict[str, Secret]) -> list[str]:
    """HTML cut into table rows, paragraphs and items; each piece, without tags, searched as a text."""
    pieces = re.split(r"</tr>|</p>|</li>|</div>|</h\d>|<br\s*/?>|</section>", page)
    return [leak for p in pieces for leak in text_leaks(re.sub(r"<[^>]+>", " ", p), hidden)]


# ------------------------------------------------------------------ Dash requests
def route(client, path: str, search: str) -> dict:
    """The page router's answer for ``path?search`` (what a browser receives as the page's content)."""
    body = {
        "output": ROUTER,
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()


def turn_body(app, state: dict, trigger: str) -> dict:
    """The request the display's rotation callback gets, built from the app's callback map."""
    key = next(k for k in app.callback_map if "ly-title.children" in k)
    cb = app.callback_map[key]
    outputs = []
    for part in key.strip(".").split("..."):
        cid, prop = part.split(".", 1)
        outputs.append({"id": cid, "property": prop})
    values = {
        "ly-rotate": 1 if trigger == "ly-rotate" else None,
        "ly-refresh": 1 if trigger == "ly-refresh" else None,
    }
    inputs = [
        {"id": i["id"], "property": i["property"], "value": values[i["id"]]} for i in cb["inputs"]
    ]
    assert [s["id"] for s in cb["state"]] == ["ly-state"]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [f"{trigger}.n_intervals"],
        "state": [{"id": "ly-state", "property": "data", "value": state}],
    }


def find_props(node, cid: str):
    """``props`` of the component with id ``cid`` in a layout JSON."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") == cid:
            return props
        for v in node.values():
            hit = find_props(v, cid)
            if hit is not None:
                return hit
    elif isinstance(node, list):
        for v in node:
            hit = find_props(v, cid)
            if hit is not None:
                return hit
    return None


def apply_patch(figure: dict, patch: dict) -> dict:
    """A figure after a Dash ``Patch`` of assignments (the only kind the display sends)."""
    fig = copy.deepcopy(figure)
    for op in patch["operations"]:
        assert op["operation"] == "Assign", f"patch operation not handled here: {op['operation']}"
        *path, last = op["location"]
        node = fig
        for key in path:
            node = node[key]
        node[last] = op["params"]["value"]
    return fig


def rotation_payloads(app, client, layout: dict):
    """Each picture of the display: every turn (patches applied to the figures) and each full rebuild."""
    figures = {cid: find_props(layout, cid)["figure"] for cid in ("village-map", "inset-map")}
    state = find_props(layout, "ly-state")["data"]
    assert state["views"], "the display has no view"
    for _ in range(len(state["views"]) + 1):
        for trigger in ("ly-rotate", "ly-refresh"):
            sent = (
                dict(state, version=-1) if trigger == "ly-refresh" else state
            )  # -1: rebuild the figures
            r = client.post("/_dash-update-component", json=turn_body(app, sent, trigger))
            assert r.status_code == 200, r.get_data(as_text=True)[:300]
            out = r.get_json()["response"]
            for cid, before in list(figures.items()):
                fig = (out.get(cid) or {}).get("figure")
                if isinstance(fig, dict) and "__dash_patch_update" in fig:
                    figures[cid] = apply_patch(before, fig)
                elif fig is not None:
                    figures[cid] = fig
            state = out["ly-state"]["data"]
            yield (
                state["views"][state["index"]],
                {"response": out, "figures": copy.deepcopy(figures)},
            )


# ------------------------------------------------------------------ the tests
def test_the_served_copy_has_small_counts(small_data):
    for code in REGIONS:
        hidden = secrets(code)
        assert sum(1 for s in hidden.values() if 3 in s.counts and 1 in s.counts) >= 3, code


def test_detector_finds_the_small_counts_on_the_planner_screen(client):
    """The planners see exact numbers: the detector must find them there, or it proves nothing."""
    for code in ("33.20", "18.10"):
        hidden = secrets(code)
        for lang in LANGS:
            leaks = json_leaks(route(client, "/stunting", f"?region={code}&lang={lang}"), hidden)
            assert any("value" in leak for leak in leaks), (code, lang)  # the map's rates
            word = "diukur 3" if lang == "id" else "measured 3"
            assert any(word in leak for leak in leaks), (
                code,
                lang,
                leaks[:3],
            )  # the hover's counts


def test_detector_finds_a_display_without_suppression(app, client, monkeypatch):
    from ilp_dash.region import display

    monkeypatch.setattr(display, "shown_stunting", lambda table: table.assign(ditahan=False))
    code = "33.20"
    layout = route(client, "/layar", f"?region={code}")
    leaks = [
        leak
        for view, payload in rotation_payloads(app, client, layout)
        if view == "stunting"
        for leak in json_leaks(payload, secrets(code))
    ]
    assert any("value" in leak for leak in leaks)


@pytest.mark.parametrize("code", REGIONS)
def test_public_display_never_shows_a_small_count(app, client, code):
    hidden = secrets(code)
    assert hidden
    for lang in LANGS:
        search = f"?region={code}&lang={lang}"
        html = client.get(f"/layar{search}").get_data(as_text=True)
        assert html_leaks(html, hidden) == []
        layout = route(client, "/layar", search)
        assert json_leaks(layout, hidden) == [], (code, lang)
        shown = set()
        for view, payload in rotation_payloads(app, client, layout):
            shown.add(view)
            assert json_leaks(payload, hidden) == [], (code, lang, view)
            if view == "stunting":
                text = json.dumps(payload["response"], ensure_ascii=False)
                assert (
                    "ditahan untuk privasi" in text
                    or "withheld for privacy" in text
                    or "tidak ditampilkan" in text
                    or "not shown" in text
                )
        assert "stunting" in shown and shown == set(find_props(layout, "ly-state")["data"]["views"])


@pytest.mark.parametrize("code", REGIONS)
def test_briefing_and_report_never_show_a_small_count(client, code):
    hidden = secrets(code)
    for lang in LANGS:
        search = f"?region={code}&lang={lang}"
        assert html_leaks(client.get(f"/{search}").get_data(as_text=True), hidden) == []
        page = route(client, "/", search)
        assert json_leaks(page, hidden) == [], (code, lang)
        report = client.get(f"/laporan{search}").get_data(as_text=True)
        assert html_leaks(report, hidden) == [], (code, lang)
        assert ("ditahan untuk privasi" if lang == "id" else "withheld for privacy") in report
        rule = "ditahan untuk privasi" if lang == "id" else "withheld for privacy"
        assert rule in json.dumps(page, ensure_ascii=False)


def test_briefing_range_leaves_out_villages_with_small_counts(client):
    """The card's "smoothed 7%–38%" ends are single villages: none with a small count may be one."""
    naive_differs = False
    for code in REGIONS:
        hs = results.hotspots(code)
        tested = hs[~hs["small_n"]]
        shown = tested[~tested["kode_desa"].astype(str).isin(secrets(code))]
        for lang in LANGS:
            card = find_props(route(client, "/", f"?region={code}&lang={lang}"), "kpi-stunting")
            note = card["children"][2]["props"]["children"]
            lo, hi = (
                percent(100 * shown["rate_eb"].min(), lang),
                percent(100 * shown["rate_eb"].max(), lang),
            )
            assert f"{lo}–{hi}" in note, (code, note)
            naive = (
                percent(100 * tested["rate_eb"].min(), lang),
                percent(100 * tested["rate_eb"].max(), lang),
            )
            naive_differs |= naive != (lo, hi)
    # the range over all tested villages would show a small-count village's rate somewhere: the check bites
    assert naive_differs


def test_geojson_carries_shapes_and_codes_only(client):
    for code in REGIONS:
        v = store.version(code)
        for suffix in (".json", ".kec.json"):
            r = client.get(f"/geo/{code}/{v}{suffix}")
            assert r.status_code == 200
            feats = json.loads(r.data)["features"]
            assert feats and all(set(f) <= {"type", "id", "geometry", "properties"} for f in feats)
            assert all(not f.get("properties") for f in feats)


def test_report_withholds_a_small_hotspot_and_a_small_regency(client, monkeypatch):
    """A hot village with 3 stunted and a regency with 3 stunted: "< 5", no rate, in both languages."""
    from ilp_dash.web import report

    code = next(
        c for c in REGIONS if 0 < (results.hotspots(c)["class"] == "hot").sum() <= 12
    )  # all listed
    hs = results.hotspots(code).copy()
    hot = hs.index[hs["class"] == "hot"]
    i = hot[0]
    hs.loc[i, ["diukur", "stunting"]] = [40, 3]
    kode, rate = str(hs.loc[i, "kode_desa"]), 100 * float(hs.loc[i, "rate_eb"])
    monkeypatch.setattr(results, "hotspots", lambda c: hs if c == code else None)
    from ilp_dash.region import briefing

    real = briefing.briefing(code)
    monkeypatch.setattr(
        report, "briefing", lambda c: dataclasses.replace(real, stunted=3, measured=40)
    )
    name = str(store.dataset(code).region.villages.set_index("kode").loc[kode, "nama"])
    hidden = {kode: Secret(kode, name, (3,), (rate, 100 * 3 / 40))}
    for lang in LANGS:
        page = client.get(f"/laporan?region={code}&lang={lang}").get_data(as_text=True)
        row = next(r for r in page.split("</tr>") if name in r)
        assert ("ditahan" if lang == "id" else "withheld") in row and "40" in row
        assert html_leaks(page, hidden) == []
        regency = re.search(r"<p id='regency-stunting'>(.*?)</p>", page).group(1)
        assert "&lt; 5" in regency and "7,5" not in regency and "7.5" not in regency


def test_briefing_card_withholds_a_small_regency(client, monkeypatch):
    import sys

    import dash

    code = "35.79"
    module = sys.modules[next(p["module"] for p in dash.page_registry.values() if p["path"] == "/")]
    real = module.briefing(code)
    monkeypatch.setattr(
        module, "briefing", lambda c: dataclasses.replace(real, stunted=3, measured=40)
    )
    for lang in LANGS:
        card = json.dumps(
            find_props(route(client, "/", f"?region={code}&lang={lang}"), "kpi-stunting"),
            ensure_ascii=False,
        )
        assert ("ditahan" if lang == "id" else "withheld") in card and "< 5" in card
        assert "7,5" not in card and "7.5" not in card
