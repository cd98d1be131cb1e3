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


def _view(gdf: gpd.GeoDataFrame, width_px: int = 900, height_px: int = 600) -> tuple[dict, float]:
    minx, miny, maxx, maxy = gdf.total_bounds
    center = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    lon_zoom = math.log2(width_px / 256 * 360 / max(maxx - minx, 1e-3))
    lat_zoom = math.log2(height_px / 256 * 180 / max((maxy - miny) * 1.15, 1e-3))
    return center, max(min(lon_zoom, lat_zoom) - 0.35, 1.0)


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
    """A village choropleth with a colour bar, kecamatan outlines and grey for no data."""
    center, zoom = _view(villages)
    gj = village_geojson(villages)
    vals = np.asarray(values, dtype=float)
    has = ~np.isnan(vals)
    fig = go.Figure()
    if (~has).any():
        fig.add_trace(go.Choroplethmap(
            geojson=gj, locations=villages["kode"][~has], z=np.zeros((~has).sum()),
            colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]], showscale=False, name=no_data_label,
            marker_line_width=0.5, marker_line_color="white", showlegend=True,
            text=[hover_text[i] for i in np.flatnonzero(~has)], hoverinfo="text",
        ))
    fig.add_trace(go.Choroplethmap(
        geojson=gj, locations=villages["kode"][has], z=vals[has], zmin=zmin, zmax=zmax,
        colorscale=colorscale, marker_line_width=0.5, marker_line_color="white",
        colorbar=dict(title=dict(text=label, side="right"), thickness=14, len=0.75),
        text=[hover_text[i] for i in np.flatnonzero(has)], hoverinfo="text",
        customdata=villages["kode"][has], name=label,
    ))
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
