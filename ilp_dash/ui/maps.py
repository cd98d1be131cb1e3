"""Figure builders for maps: pure functions, data in → ``go.Figure`` (or ``Patch``) out.

Maps use plotly's MapLibre traces with the ``white-bg`` style, so they need no
tile server and work offline. Village polygons are not inside the figure: the
choropleth traces name the region's GeoJSON by URL (``geo_url``, served by
:mod:`ilp_dash.web.app` from :mod:`ilp_dash.io.geojson`), so the browser fetches them
once; a new indicator, month or filter is a :func:`value_patch` of the values.

Trace order of :func:`village_map` (patches rely on it):

0. grey "no data" layer under every village;
1. the values (``null`` where a village has none, so the grey shows through);
2. kecamatan outlines;
3… optional point layers (facilities, bases, lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go
from dash import Patch

from ilp_dash.io.geojson import bounds_view

SEQUENTIAL = "YlGnBu"  # colour-blind safe (ColorBrewer)
STUNTING = "OrRd"  # sequential, colour-blind safe
NO_DATA = "#d9d9d9"
OUTLINE_COLOR = "#333333"
VALUE_TRACE = 1
OUTLINE_TRACE = 2
# Okabe–Ito: distinguishable with the common colour-vision deficiencies
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Scale:
    """How values become colours: a continuous scale, or categories (``z`` = category index)."""

    label: str
    zmin: float = 0.0
    zmax: float = 100.0
    colorscale: str | list = SEQUENTIAL
    hover_format: str = ".1f"
    unit: str = ""
    categories: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @classmethod
    def categorical(cls, label: str, categories: list[str], colors: list[str]) -> "Scale":
        n = len(categories)
        stops = []
        for i, c in enumerate(colors):
            stops += [[i / n, c], [(i + 1) / n, c]]
        return cls(
            label=label,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=stops,
            categories=tuple(categories),
            colors=tuple(colors),
        )

    def colorbar(self) -> dict:
        bar = dict(
            title=dict(text=self.label, side="right"),
            thickness=14,
            len=0.75,
            bgcolor="rgba(255,255,255,0.8)",
        )
        if self.categories:
            bar.update(
                tickvals=list(range(len(self.categories))),
                ticktext=list(self.categories),
                ticks="",
                len=min(0.12 * len(self.categories) + 0.1, 0.8),
            )
        return bar

    def hovertemplate(self) -> str:
        if self.categories:
            return "%{text}<br>" + self.label + ": %{customdata}<extra></extra>"
        return (
            "%{text}<br>"
            + self.label
            + ": %{z:"
            + self.hover_format
            + "}"
            + self.unit
            + "<extra></extra>"
        )


def _stops(colorscale):
    """Named colour scales as explicit stops: plotly.js knows only some names (not e.g. "OrRd")."""
    if isinstance(colorscale, str):
        from plotly.colors import get_colorscale

        return [list(stop) for stop in get_colorscale(colorscale)]
    return colorscale


def _z(values) -> list:
    """Values for JSON: NaN/inf → ``None`` (not drawn, so the grey layer shows)."""
    v = np.asarray(values, dtype=float)
    return [None if not np.isfinite(x) else round(float(x), 2) for x in v]


def _custom(scale: Scale, values) -> list | None:
    if not scale.categories:
        return None
    return [
        scale.categories[int(x)] if np.isfinite(x) else "–" for x in np.asarray(values, dtype=float)
    ]


def kecamatan_shapes(villages: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Kecamatan as the union of their villages, so outlines follow the village borders exactly.

    (The separate kecamatan layer of the source is drawn at another precision
    and would not line up with the villages.)
    """
    return villages[["kode_kec", "kecamatan", "geometry"]].dissolve("kode_kec", as_index=False)


def _value_traces(
    geo_url: str,
    codes: list[str],
    names: list[str],
    values,
    scale: Scale,
    *,
    showscale: bool,
    no_data_label: str,
) -> list:
    common = dict(
        geojson=geo_url,
        locations=codes,
        text=names,
        marker_line_width=0.5,
        marker_line_color="white",
    )
    grey = go.Choroplethmap(
        z=[0] * len(codes),
        colorscale=[[0, NO_DATA], [1, NO_DATA]],
        showscale=False,
        name=no_data_label,
        showlegend=showscale,
        hovertemplate="%{text}<br>" + no_data_label + "<extra></extra>",
        **common,
    )
    vals = go.Choroplethmap(
        z=_z(values),
        zmin=scale.zmin,
        zmax=scale.zmax,
        colorscale=_stops(scale.colorscale),
        showscale=showscale,
        colorbar=scale.colorbar(),
        customdata=_custom(scale, values) if scale.categories else codes,
        hovertemplate=scale.hovertemplate(),
        name=scale.label,
        **common,
    )
    return [grey, vals]


def village_map(
    villages: gpd.GeoDataFrame,
    values,
    scale: Scale,
    *,
    geo_url: str,
    names: list[str] | None = None,
    kecamatan: gpd.GeoDataFrame | None = None,
    no_data_label: str = "tidak ada data",
    outline_label: str = "batas kecamatan",
    points: list | None = None,
    view: gpd.GeoDataFrame | None = None,
    detached: np.ndarray | None = None,
) -> go.Figure:
    """A village choropleth: grey for no data, a colour bar (the legend), kecamatan outlines.

    The view fits ``view`` (default: the villages not ``detached``; villages far
    from the main body, e.g. the Karimunjawa islands of Jepara, stay in the
    figure and are shown by :func:`inset_map`). ``detached`` is the region's
    mask of :func:`ilp_dash.region.results.detached`, computed once per data version.
    """
    codes = villages["kode"].astype(str).tolist()
    names = (
        names
        if names is not None
        else [f"<b>{n}</b><br>Kec. {k}" for n, k in zip(villages["nama"], villages["kecamatan"])]
    )
    fig = go.Figure(
        _value_traces(
            geo_url, codes, names, values, scale, showscale=True, no_data_label=no_data_label
        )
    )
    # kecamatan borders: a line layer drawn from its own GeoJSON URL (fetched once, above the villages,
    # never catching the hover); this empty trace is only their legend entry
    fig.add_trace(
        go.Scattermap(
            lon=[None],
            lat=[None],
            mode="lines",
            line=dict(width=1.2, color=OUTLINE_COLOR),
            hoverinfo="skip",
            name=outline_label,
            showlegend=kecamatan is not None,
        )
    )
    for trace in points or []:
        fig.add_trace(trace)
    if view is None:
        view = villages[~detached] if detached is not None and detached.any() else villages
    center, zoom = bounds_view(view)
    fig.update_layout(
        map=dict(
            style="white-bg",
            center=center,
            zoom=zoom,
            layers=[kecamatan_layer(geo_url)] if kecamatan is not None else [],
        ),
        margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(
            x=0.01,
            y=0.01,
            xanchor="left",
            yanchor="bottom",
            bgcolor="rgba(255,255,255,0.85)",
            bordercolor="#999",
            borderwidth=1,
        ),
        uirevision="keep",
        font=dict(family="DejaVu Sans, Arial, sans-serif"),
    )
    return fig


def kecamatan_url(geo_url: str) -> str:
    """``/geo/33.20/0.json`` → ``/geo/33.20/0.kec.json`` (the kecamatan border lines)."""
    return geo_url[: -len(".json")] + ".kec.json" if geo_url.endswith(".json") else geo_url


def kecamatan_layer(geo_url: str) -> dict:
    return dict(
        sourcetype="geojson",
        source=kecamatan_url(geo_url),
        type="line",
        color=OUTLINE_COLOR,
        line=dict(width=1.2),
    )


def value_patch(values, scale: Scale, trace: int = VALUE_TRACE) -> Patch:
    """Only what changes when the indicator, month or filter changes: values, scale and labels."""
    p = Patch()
    p["data"][trace]["z"] = _z(values)
    if scale.categories:  # category names for the hover; a continuous scale leaves customdata alone
        p["data"][trace]["customdata"] = _custom(scale, values)
    p["data"][trace]["zmin"] = scale.zmin
    p["data"][trace]["zmax"] = scale.zmax
    p["data"][trace]["colorscale"] = _stops(scale.colorscale)
    p["data"][trace]["colorbar"] = scale.colorbar()
    p["data"][trace]["hovertemplate"] = scale.hovertemplate()
    p["data"][trace]["name"] = scale.label
    return p


def inset_map(
    villages: gpd.GeoDataFrame,
    values,
    scale: Scale,
    *,
    detached: np.ndarray,
    geo_url: str,
    names: list[str] | None = None,
    no_data_label: str = "tidak ada data",
) -> go.Figure | None:
    """A small map of the ``detached`` villages (islands), or ``None`` when there are none.

    It is a separate figure (laid over the main map by the page, CSS class
    ``inset-map``) because plotly's MapLibre maps do not render reliably as two
    subplots of one figure. Patch it with ``value_patch(inset_values(...))``.
    """
    detached = np.asarray(detached, dtype=bool)
    if not detached.any():
        return None
    idx = np.flatnonzero(detached)
    sub = villages.iloc[idx]
    names = (
        names
        if names is not None
        else [f"<b>{n}</b><br>Kec. {k}" for n, k in zip(villages["nama"], villages["kecamatan"])]
    )
    fig = go.Figure(
        _value_traces(
            geo_url,
            sub["kode"].astype(str).tolist(),
            [names[i] for i in idx],
            np.asarray(values, dtype=float)[idx],
            scale,
            showscale=False,
            no_data_label=no_data_label,
        )
    )
    center, zoom = bounds_view(sub, width_px=300, height_px=170)
    label = ", ".join(sorted(set(sub["kecamatan"].dropna())))
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom),
        margin=dict(l=0, r=0, t=22, b=0),
        showlegend=False,
        uirevision="keep",
        title=dict(text=f"Kec. {label}", x=0.02, y=0.98, font=dict(size=13)),
    )
    return fig


def inset_values(values, detached: np.ndarray) -> np.ndarray:
    """The values of the detached villages, in the inset's order."""
    return np.asarray(values, dtype=float)[np.asarray(detached, dtype=bool)]


def map_pair(
    villages: gpd.GeoDataFrame,
    values,
    scale: Scale,
    *,
    detached: np.ndarray,
    geo_url: str,
    names: list[str] | None = None,
    no_data_label: str = "tidak ada data",
    inset_names: list[str] | None = None,
    **main,
) -> tuple[go.Figure, go.Figure | None]:
    """The main map and its island inset (``None`` without detached villages), drawn from one call.

    ``main`` goes to :func:`village_map` only (``kecamatan``, ``points``,
    ``view``, ``outline_label``); the inset shows the same values and names.
    """
    fig = village_map(
        villages,
        values,
        scale,
        geo_url=geo_url,
        names=names,
        no_data_label=no_data_label,
        detached=detached,
        **main,
    )
    inset = inset_map(
        villages,
        values,
        scale,
        detached=detached,
        geo_url=geo_url,
        names=inset_names if inset_names is not None else names,
        no_data_label=no_data_label,
    )
    return fig, inset


def points_trace(
    frame,
    *,
    name: str,
    color: str,
    size: int = 8,
    hover: list[str] | None = None,
    visible: bool | str = True,
    symbol: str = "circle",
) -> go.Scattermap:
    """Facilities (or bases) as dots with a legend entry; click the legend to hide them."""
    text = hover if hover is not None else [str(n) for n in frame["nama"]]
    return go.Scattermap(
        lon=np.round(frame["lon"].to_numpy(dtype=float), 5),
        lat=np.round(frame["lat"].to_numpy(dtype=float), 5),
        mode="markers",
        marker=dict(size=size, color=color, symbol=symbol),
        name=name,
        text=text,
        hovertemplate="%{text}<extra>" + name + "</extra>",
        visible=visible,
    )


def lines_trace(
    segments: list[tuple[float, float, float, float]], *, name: str, color: str, width: float = 2.0
) -> go.Scattermap:
    """Straight segments (lon1, lat1, lon2, lat2) as one line trace."""
    lons, lats = [], []
    for x1, y1, x2, y2 in segments:
        lons += [x1, x2, None]
        lats += [y1, y2, None]
    return go.Scattermap(
        lon=lons,
        lat=lats,
        mode="lines",
        line=dict(width=width, color=color),
        name=name,
        hoverinfo="skip",
    )
