"""What every screen's frame needs from the region being served and from the request.

Not a screen: the page modules call :func:`frame`, :func:`geo_url` and
:func:`source_line` here, which gather the region's header, the viewer and the
provenance line and hand them to the pure builders of :mod:`ilp_dash.ui.shell`.
"""

from __future__ import annotations

from dash import html

from ilp_dash import access
from ilp_dash.io.geodata import region_index
from ilp_dash.region import store, versions
from ilp_dash.region.briefing import sample_inputs_text, source_text
from ilp_dash.ui import shell


def header(code: str, lang: str = "id") -> shell.Header:
    """The frame's view of a region: name, sample flag, the region list and any data-folder warning."""
    ds = store.dataset(code)
    return shell.Header(
        code=code,
        name=ds.region.name,
        synthetic=ds.synthetic,
        regions=tuple((e["code"], e["name"]) for e in region_index()),
        problem=versions.problem(code),
        sample=sample_inputs_text(code, lang),
    )


def frame(
    path: str, code: str, lang: str, body, *, title: str | None = None, wide: bool = False
) -> html.Div:
    """A screen of region ``code``: the shared header above ``body``."""
    return shell.frame(
        path, lang, body, header=header(code, lang), viewer=access.viewer(), title=title, wide=wide
    )


def geo_url(code: str) -> str:
    """URL of the region's village GeoJSON for the data version being served."""
    return shell.geo_url(code, store.version(code))


def source_line(code: str, lang: str, what: str = "") -> html.P:
    """The provenance line under a figure of region ``code``."""
    return shell.source_line(source_text(code, lang), lang, what)
