"""Printable pictures of a map: a PNG with title, legend, source and date (matplotlib, offline).

The browser's own "download plot" button gives a PNG of what is on screen but
without title or source; this one is made for a briefing paper or a slide.
"""

from __future__ import annotations

import io
from datetime import date

import geopandas as gpd
import numpy as np

from ilp_dash.ui.maps import kecamatan_shapes

NO_DATA = "#d9d9d9"


def map_png(
    villages: gpd.GeoDataFrame,
    values,
    *,
    title: str,
    legend: str,
    source: str,
    kecamatan: gpd.GeoDataFrame | None = None,
    detached: np.ndarray | None = None,
    cmap: str = "YlGnBu",
    vmin: float = 0.0,
    vmax: float = 100.0,
    no_data_label: str = "tidak ada data",
    outline_label: str = "batas kecamatan",
    sample_note: str | None = None,
    today: date | None = None,
    dpi: int = 150,
) -> bytes:
    """A landscape A4-proportioned PNG of a village choropleth.

    ``detached`` marks villages drawn in an inset (islands far from the main
    body), as on screen.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch as LegendPatch

    vals = np.asarray(values, dtype=float)
    gdf = villages.assign(_v=vals)
    detached = (
        np.zeros(len(gdf), dtype=bool) if detached is None else np.asarray(detached, dtype=bool)
    )
    fig = plt.figure(figsize=(11.69, 8.27), dpi=dpi)
    ax = fig.add_axes([0.03, 0.1, 0.8, 0.78])
    main = gdf[~detached]
    _draw(ax, main, cmap, vmin, vmax)
    if kecamatan is not None:
        kecamatan_shapes(main).boundary.plot(ax=ax, color="#333333", linewidth=0.8)
    ax.set_axis_off()
    ax.set_aspect("equal")
    if detached.any():
        ins = fig.add_axes([0.03, 0.66, 0.24, 0.22])
        _draw(ins, gdf[detached], cmap, vmin, vmax)
        ins.set_xticks([])
        ins.set_yticks([])
        ins.set_xlabel("")
        ins.set_ylabel("")
        ins.set_aspect("equal")
        names = ", ".join(sorted(set(gdf.loc[detached, "kecamatan"].dropna())))
        ins.set_title(f"Kec. {names}", fontsize=9, loc="left")
    cax = fig.add_axes([0.86, 0.25, 0.02, 0.5])
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(vmin=vmin, vmax=vmax))
    bar = fig.colorbar(sm, cax=cax)
    bar.set_label(legend, fontsize=11)
    handles = [LegendPatch(facecolor=NO_DATA, edgecolor="white", label=no_data_label)]
    if kecamatan is not None:
        handles.append(Line2D([0], [0], color="#333333", linewidth=0.8, label=outline_label))
    fig.legend(
        handles=handles, loc="lower right", bbox_to_anchor=(0.97, 0.12), fontsize=9, frameon=True
    )
    fig.text(0.03, 0.95, title, fontsize=16, weight="bold", va="top")
    foot = f"{source}  ·  {(today or date.today()).isoformat()}"
    fig.text(0.03, 0.04, foot, fontsize=8, color="#333333", wrap=True)
    if sample_note:
        fig.text(
            0.97,
            0.95,
            sample_note,
            fontsize=11,
            weight="bold",
            color="white",
            ha="right",
            va="top",
            bbox=dict(facecolor="#b35806", edgecolor="none", pad=4),
        )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


def _draw(ax, gdf: gpd.GeoDataFrame, cmap: str, vmin: float, vmax: float) -> None:
    has = np.isfinite(gdf["_v"].to_numpy())
    if (~has).any():
        gdf[~has].plot(ax=ax, color=NO_DATA, edgecolor="white", linewidth=0.3)
    if has.any():
        gdf[has].plot(
            ax=ax, column="_v", cmap=cmap, vmin=vmin, vmax=vmax, edgecolor="white", linewidth=0.3
        )
