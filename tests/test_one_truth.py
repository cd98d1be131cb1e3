"""One truth: the CLI, the region results, the briefing and the printed report give the same numbers.

For every bundled region the public numbers are computed twice — through the
command line (``ilp-dash hotspots``, ``ilp-dash coverage --summary``, reading
the files) and through what the screens call (``results.hotspots``,
``briefing``) and the printed report (``/laporan``, both languages) — and must
be equal: the hotspot class of every village, the number of hot and cold
villages, crude and EB rates of the latest month, the ILP Posyandu count and
share of the latest month, the ambulance coverage share.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from ilp_dash.cli import main
from ilp_dash.i18n import number, percent
from ilp_dash.region import results
from ilp_dash.region.briefing import ambulance_proposal, briefing

from .conftest import ROOT

REGIONS = ["33.20", "35.03", "35.79", "18.10"]
LANGS = ["id", "en"]


@pytest.fixture(scope="module")
def client():
    from ilp_dash.web.app import create_app

    return create_app().server.test_client()


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """The CLI's answers per region: ``(hotspot table, kabupaten row of the coverage summary)``."""
    out: dict[str, tuple[pd.DataFrame, pd.Series]] = {}

    def get(code: str):
        if code not in out:
            d = tmp_path_factory.mktemp(code.replace(".", "_"))
            src = ROOT / "data" / code / "stunting_desa.csv"
            args = ["hotspots", "--region", code, "--input", str(src), "--out", str(d / "x.csv")]
            assert main(args) == 0
            assert main(["coverage", "--region", code, "--summary", "--out", str(d / "y.csv")]) == 0
            hs = pd.read_csv(d / "x.csv", dtype={"kode_desa": str}, keep_default_na=False)
            cov = pd.read_csv(d / "y.csv", dtype={"kode": str, "bulan": str})
            out[code] = (hs, cov[cov["tingkat"] == "kabupaten"].iloc[0])
        return out[code]

    return get


def _report(client, code: str, lang: str) -> str:
    r = client.get(f"/laporan?region={code}&lang={lang}")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def _parse_percent(text: str, lang: str) -> float:
    text = text.strip().rstrip("%")
    text = text.replace(".", "").replace(",", ".") if lang == "id" else text.replace(",", "")
    return float(text)


@pytest.mark.parametrize("code", REGIONS)
def test_cli_hotspots_equal_the_screens(code, cli):
    hs, _ = cli(code)
    screen = results.hotspots(code)
    b = briefing(code)
    assert hs["kode_desa"].tolist() == screen["kode_desa"].tolist()
    assert hs["class"].tolist() == screen["class"].tolist()  # every village's class
    assert (hs["class"] == "hot").sum() == b.hot and (hs["class"] == "cold").sum() == b.cold
    for col in ("rate_crude", "rate_eb", "eb_lower", "eb_upper"):  # the CSV rounds to 4 decimals
        np.testing.assert_allclose(
            hs[col].replace("", np.nan).astype(float), screen[col].round(4), atol=1e-12
        )
    assert hs["small_n"].astype(str).eq(screen["small_n"].astype(str)).all()
    # the latest month, not a sum of months: the CLI's children add up to the briefing's month
    assert b.stunting_month == screen.attrs["month"]
    assert int(hs["diukur"].sum()) == b.measured and int(hs["stunting"].sum()) == b.stunted


@pytest.mark.parametrize("code", REGIONS)
def test_cli_coverage_equals_the_briefing(code, cli):
    _, kab = cli(code)
    b = briefing(code)
    assert kab["bulan"] == b.month
    assert (int(kab["posyandu_ilp"]), int(kab["posyandu"])) == (b.posyandu_ilp, b.posyandu)
    assert kab["persen_ilp"] == pytest.approx(b.ilp_percent, rel=1e-9)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", REGIONS)
def test_the_report_prints_the_same_numbers(code, lang, cli, client):
    hs, kab = cli(code)
    page = html.unescape(_report(client, code, lang))
    # ILP Posyandu count and share of the latest month, from the CLI's numbers
    ilp, pos = int(kab["posyandu_ilp"]), int(kab["posyandu"])
    expected = f"{number(ilp, lang)} / {number(pos, lang)} ({percent(100 * ilp / pos, lang)})"
    assert expected in page
    # number of hotspots and the EB rates of the listed ones
    hot = hs[hs["class"] == "hot"]
    title = (
        "Di mana hotspot stunting? {} desa"
        if lang == "id"
        else "Where are the stunting hotspots? {} villages"
    )
    assert title.format(len(hot)) in page
    section = page.split("<h2>2. ", 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>", section)
    names = dict(zip(hot["desa"], hot["rate_eb"].astype(float)))
    assert len(rows) == min(len(hot), 12)
    for name, _, rate in rows:
        assert name in names
        if rate not in ("ditahan", "withheld"):
            assert _parse_percent(rate, lang) == pytest.approx(100 * names[name], abs=0.051)
    # the ambulance coverage share: the report's "from" share is the briefing's
    b = briefing(code)
    prop = ambulance_proposal(code)
    assert prop is not None and b.ambulance_share is not None
    assert 100 * prop.covered_before / prop.total == pytest.approx(b.ambulance_share, abs=1e-9)
    word = "dari" if lang == "id" else "from"
    assert f"{word} {percent(b.ambulance_share, lang, 1)} " in page
