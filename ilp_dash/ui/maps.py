"""Figure builders for maps: pure functions, data in → ``go.Figure`` out.

Maps use plotly's MapLibre traces with the ``white-bg`` style, so they need no
tile server and work offline; village polygons travel once as GeoJSON with the
Kemendagri code as feature id.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go

SEQUENTIAL = "YlGnBu"  # colour-blind safe (ColorBrewer)


def village_geojson(villages: gpd.GeoDataFrame) -> dict:
    """Minimal GeoJSON: geometry and the code as ``id``, nothing else."""
    gj = villages[["kode", "geometry"]].set_index("kode").__geo_interface__
    for f in gj["features"]:
        f["properties"] = {}
    return gj


def _view(gdf: gpd.GeoDataFrame, width_px: int = 900, height_px: int = 480) -> tuple[dict, float]:
    """Centre and zoom that fit ``gdf`` into a map of about ``width_px`` × ``height_px``.

    MapLibre draws the world 512 px wide at zoom 0, so a span of ``d`` degrees
    fills ``512 * 2**zoom * d / 360`` pixels (near the equator).
    """
    minx, miny, maxx, maxy = gdf.total_bounds
    center = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    lon_zoom = math.log2(width_px / 256 * 360 / max(maxx - minx, 1e-3))
    lat_zoom = math.log2(height_px / 256 * 180 / max((maxy - miny) * 1.15, 1e-3))
    return center, max(min(lon_zoom, lat_zoom) - 0.35, 1.0)


def detached_villages(villages: gpd.GeoDataFrame, gap_km: float = 15.0) -> np.ndarray:
    """Mask of villages lying more than ``gap_km`` from the regency's main body (islands).

    Villages are grown by half the gap in the local UTM zone; the connected
    group holding most villages is the main body, the rest are detached.
    """
    from ilp_dash.io.wilayah_source import utm_crs_for

    c = villages.union_all().representative_point()
    utm = villages.to_crs(utm_crs_for(c.x, c.y)).geometry
    grown = utm.buffer(gap_km * 500).union_all()
    parts = list(getattr(grown, "geoms", [grown]))
    if len(parts) == 1:
        return np.zeros(len(villages), dtype=bool)
    pts = utm.representative_point()
    group = np.array([next(i for i, part in enumerate(parts) if part.contains(p)) for p in pts])
    main = np.bincount(group).argmax()
    return group != main


def _outline(gdf: gpd.GeoDataFrame) -> tuple[list, list]:
    lons, lats = [], []
    for geom in gdf.geometry.boundary:
        for line in getattr(geom, "geoms", [geom]):
            xs, ys = line.xy
            lons.extend(list(xs) + [None])
            lats.extend(list(ys) + [None])
    return lons, lats


def village_map(
    villages: gpd.GeoDataFrame,
    values: np.ndarray,
    *,
    label: str,
    hover_text: list[str],
    kecamatan: gpd.GeoDataFrame | None = None,
    zmin: float = 0,
    zmax: float = 100,
    colorscale: str = SEQUENTIAL,
    no_data_label: str = "tidak ada data",
) -> go.Figure:
    """A village choropleth with a colour bar, kecamatan outlines and grey for no data.

    The view fits the main body; villages far from it (e.g. the Karimunjawa
    islands of Jepara) stay in the figure and are shown by :func:`inset_map`.
    """
    detached = detached_villages(villages)
    center, zoom = _view(villages[~detached] if detached.any() else villages)
    vals = np.asarray(values, dtype=float)
    fig = go.Figure()
    style = dict(zmin=zmin, zmax=zmax, colorscale=colorscale, label=label, no_data_label=no_data_label)
    for trace in _choropleth(villages, vals, hover_text, subplot="map", showscale=True, **style):
        fig.add_trace(trace)
    if kecamatan is not None:
        lons, lats = _outline(kecamatan)
        fig.add_trace(go.Scattermap(lon=lons, lat=lats, mode="lines", line=dict(width=1.2, color="#333"),
                                    hoverinfo="skip", name="batas kecamatan", showlegend=True))
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom),
        margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(x=0.01, y=0.01, bgcolor="rgba(255,255,255,0.85)"),
        uirevision="keep",
    )
    return fig


def _choropleth(villages, vals, hover_text, *, subplot, showscale, zmin, zmax, colorscale, label,
                no_data_label) -> list[go.Choroplethmap]:
    """Coloured villages plus a grey trace for villages without a value."""
    has = ~np.isnan(vals)
    traces = []
    common = dict(subplot=subplot, marker_line_width=0.5, marker_line_color="white", hoverinfo="text")
    if (~has).any():
        sub = villages[~has]
        traces.append(go.Choroplethmap(
            geojson=village_geojson(sub), locations=sub["kode"], z=np.zeros(len(sub)),
            colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]], showscale=False, name=no_data_label,
            showlegend=True, text=[t for t, h in zip(hover_text, has) if not h], customdata=sub["kode"], **common,
        ))
    sub = villages[has]
    traces.append(go.Choroplethmap(
        geojson=village_geojson(sub), locations=sub["kode"], z=vals[has], zmin=zmin, zmax=zmax,
        colorscale=colorscale, showscale=showscale, name=label, customdata=sub["kode"],
        colorbar=dict(title=dict(text=label, side="right"), thickness=14, len=0.75),
        text=[t for t, h in zip(hover_text, has) if h], **common,
    ))
    return traces


def inset_map(
    villages: gpd.GeoDataFrame,
    values: np.ndarray,
    *,
    hover_text: list[str],
    zmin: float = 0,
    zmax: float = 100,
    colorscale: str = SEQUENTIAL,
    no_data_label: str = "tidak ada data",
) -> go.Figure | None:
    """A small map of the detached villages (islands), or ``None`` when there are none.

    It is a separate figure (laid over the main map by the page) because
    plotly's MapLibre maps do not render reliably as two subplots of one figure.
    """
    detached = detached_villages(villages)
    if not detached.any():
        return None
    idx = np.flatnonzero(detached)
    sub = villages.iloc[idx]
    vals = np.asarray(values, dtype=float)[idx]
    fig = go.Figure(_choropleth(sub, vals, [hover_text[i] for i in idx], subplot="map", showscale=False,
                                zmin=zmin, zmax=zmax, colorscale=colorscale, label="",
                                no_data_label=no_data_label))
    center, zoom = _view(sub, width_px=300, height_px=170)
    names = ", ".join(sorted(set(sub["kecamatan"].dropna())))
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom),
        margin=dict(l=0, r=0, t=22, b=0), showlegend=False, uirevision="keep",
        title=dict(text=f"Kec. {names}", x=0.02, y=0.98, font=dict(size=13)),
    )
    return fig
