"""The one-page printable briefing (print-ready HTML with the map as a PNG) and the map PNG itself.

Answers the four questions of a briefing: how far from 100% ILP Posyandu,
where the stunting hotspots are, which villages are more than 30 minutes from
a Puskesmas, and where two more ambulances should go. Dash-free: served by
plain Flask routes in :mod:`ilp_dash.web.app`.

The report is handed out, so it is always the public version: counts of
children below 5, and the rates built on them, are withheld
(:mod:`ilp_dash.region.privacy`), whoever prints it.
"""

from __future__ import annotations

import base64
from datetime import date
from html import escape

import numpy as np

from ilp_dash import policy
from ilp_dash.analysis.coverage import completion_table
from ilp_dash.i18n import month_name, number, percent, tr
from ilp_dash.region import results, store
from ilp_dash.region.briefing import (
    ambulance_proposal,
    briefing,
    sample_inputs_text,
    source_text,
)
from ilp_dash.region.privacy import (
    THRESHOLD,
    WITHHELD,
    count_labels,
    display_count,
    rate_text,
    rule_text,
    shown_hotspots,
    shown_total,
)
from ilp_dash.ui.export import map_png
from ilp_dash.ui.shell import sample_text
from ilp_dash.ui.stunting import significance_text


def ilp_map_png(code: str, lang: str, *, today: date | None = None) -> bytes:
    """PNG of the ILP share per village (latest month) with title, legend, source and date."""
    ds = store.dataset(code)
    vil = ds.region.villages
    months = results.report_months(code)
    cov = results.village_coverage(code, months[-1]) if months else None
    values = (
        cov["persen_ilp"].to_numpy(dtype=float) if cov is not None else np.full(len(vil), np.nan)
    )
    when = month_name(months[-1], lang) if months else ""
    return map_png(
        vil,
        values,
        kecamatan=ds.region.kecamatan,
        detached=results.detached(code),
        title=tr(
            lang,
            f"Posyandu ILP per desa — {ds.region.name}, {when}",
            f"ILP Posyandu per village — {ds.region.name}, {when}",
        ),
        legend=tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"),
        source=source_text(code, lang),
        no_data_label=tr(lang, "tanpa Posyandu", "no Posyandu"),
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        sample_note=(
            ": ".join(
                filter(
                    None, [tr(lang, "DATA CONTOH", "SAMPLE DATA"), sample_inputs_text(code, lang)]
                )
            )
            if ds.synthetic
            else None
        ),
        today=today,
    )


def _rows(items: list[tuple]) -> str:
    return "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in items
    )


def regency_stunting(stunted: int | None, measured: int | None, lang: str) -> str:
    """The regency's crude prevalence with its counts, small counts withheld ("" without stunting data)."""
    if stunted is None or measured is None:
        return ""
    pct = shown_total(stunted, measured)
    text = rate_text(pct, lang, 1, withheld=pct is None)
    s, m = display_count(stunted, lang), display_count(measured, lang)
    return tr(
        lang,
        f"Seluruh kabupaten: {text} stunting ({s} dari {m} anak diukur).",
        f"Whole regency: {text} stunted ({s} of {m} children measured).",
    )


def _hospital_note(code: str, lang: str) -> str:
    """One sentence when the referral chain has no government hospital to end at."""
    ref = results.referral(code)
    if ref is None or not ref.fallback:
        return ""
    return " " + escape(
        tr(
            lang,
            "Tidak ada rumah sakit pemerintah dalam data: rantai rujukan berakhir di rumah sakit "
            "terdekat apa pun kepemilikannya.",
            "No government hospital in the data: the referral chain ends at the nearest hospital "
            "of any ownership.",
        )
    )


def report_html(code: str, lang: str, *, today: date | None = None) -> str:
    ds = store.dataset(code)
    b = briefing(code)
    vil = ds.region.villages.set_index("kode")
    today = today or date.today()
    sections = []
    # 1. ILP
    if b.posyandu:
        comp = completion_table(results.coverage(code))
        kab = comp[comp["tingkat"] == "kabupaten"].iloc[0]
        when = kab["bulan_target_tercapai"]
        pace = (
            tr(
                lang,
                f"Dengan laju 3 bulan terakhir, target tercapai {month_name(when, lang)}.",
                f"At the pace of the last 3 months the target is reached in {month_name(when, lang)}.",
            )
            if when
            else tr(
                lang,
                "Dengan laju sekarang target belum tercapai.",
                "At the current pace the target is not reached.",
            )
        )
        sections.append(
            (
                "1. "
                + tr(
                    lang, "Seberapa jauh dari 100% Posyandu ILP?", "How far from 100% ILP Posyandu?"
                ),
                f"<p class='big'>{number(b.posyandu_ilp, lang)} / {number(b.posyandu, lang)} "
                f"({percent(b.ilp_percent, lang)}) — "
                + tr(
                    lang,
                    f"kurang {number(b.gap, lang)} Posyandu",
                    f"{number(b.gap, lang)} Posyandu to go",
                )
                + f"</p><p>{escape(pace)}</p>",
            )
        )
    # 2. hotspots
    hs = results.hotspots(code)
    if hs is not None:
        # the printed report is handed out: always the public version (small counts withheld)
        hot = shown_hotspots(hs[hs["class"] == "hot"]).sort_values(
            "rate_eb", ascending=False, na_position="last"
        )
        rows = [
            (
                vil.loc[k, "nama"],
                vil.loc[k, "kecamatan"],
                rate_text(100 * r, lang, 1, withheld=w),
                m,
            )
            for k, r, w, m in zip(
                hot["kode_desa"], hot["rate_eb"], hot[WITHHELD], count_labels(hot, "diukur", lang)
            )
        ][:12]
        head = tr(
            lang,
            "<tr><th>Desa</th><th>Kecamatan</th><th>Prevalensi (dihaluskan)</th><th>Diukur</th></tr>",
            "<tr><th>Village</th><th>District</th><th>Prevalence (smoothed)</th><th>Measured</th></tr>",
        )
        rule = significance_text(hs.attrs, lang)  # the screens' own sentence of the rule
        more = (
            tr(lang, f" (12 teratas dari {len(hot)})", f" (top 12 of {len(hot)})")
            if len(hot) > 12
            else ""
        )
        total = regency_stunting(b.stunted, b.measured, lang)
        sections.append(
            (
                "2. "
                + tr(
                    lang,
                    f"Di mana hotspot stunting? {len(hot)} desa",
                    f"Where are the stunting hotspots? {len(hot)} villages",
                )
                + more,
                (f"<p id='regency-stunting'>{escape(total)}</p>" if total else "")
                + f"<table>{head}{_rows(rows)}</table><p class='note'>{escape(rule)} "
                f"{escape(rule_text(lang))}</p>",
            )
        )
    # 3. > 30 min from a Puskesmas
    far = results.village_to_puskesmas_minutes(code)
    if far is not None:
        slow = far[policy.beyond(far, policy.PUSKESMAS_MINUTES)].sort_values(ascending=False)
        rows = [
            (
                vil.loc[k, "nama"],
                vil.loc[k, "kecamatan"],
                "∞" if not np.isfinite(m) else number(m, lang),
            )
            for k, m in slow.items()
        ][:15]
        head = tr(
            lang,
            "<tr><th>Desa</th><th>Kecamatan</th><th>Menit ke Puskesmas</th></tr>",
            "<tr><th>Village</th><th>District</th><th>Minutes to Puskesmas</th></tr>",
        )
        sections.append(
            (
                "3. "
                + tr(
                    lang,
                    f"Desa > 30 menit dari Puskesmas: {len(slow)}",
                    f"Villages > 30 minutes from a Puskesmas: {len(slow)}",
                ),
                (f"<table>{head}{_rows(rows)}</table>" if rows else "")
                + "<p class='note'>"
                + escape(
                    tr(
                        lang,
                        "Perkiraan garis lurus × 1,3 pada 40 km/jam, ditambah penyeberangan laut.",
                        "Estimate: straight line × 1.3 at 40 km/h, plus sea crossings.",
                    )
                )
                + _hospital_note(code, lang)
                + "</p>",
            )
        )
    # 4. two more ambulances
    prop = ambulance_proposal(code) if "ambulances" in ds.facilities else None
    if prop is not None:
        gain = prop.covered_after - prop.covered_before
        names = ", ".join(prop.names) or tr(
            lang, "tidak ada tambahan yang menambah cakupan", "no extra base adds coverage"
        )
        text = tr(
            lang,
            f"Usulan: {names}. Penduduk ≤ {prop.minutes:.0f} menit dari ambulans naik dari "
            f"{percent(100 * prop.covered_before / prop.total, lang, 1)} menjadi "
            f"{percent(100 * prop.covered_after / prop.total, lang, 1)} (+{number(gain, lang)} jiwa).",
            f"Proposed: {names}. Population ≤ {prop.minutes:.0f} min from an ambulance rises from "
            f"{percent(100 * prop.covered_before / prop.total, lang, 1)} to "
            f"{percent(100 * prop.covered_after / prop.total, lang, 1)} (+{number(gain, lang)} people).",
        )
        sections.append(
            (
                "4. "
                + tr(
                    lang, "Di mana 2 ambulans berikutnya?", "Where should two more ambulances go?"
                ),
                f"<p>{escape(text)}</p><p class='note'>"
                + escape(
                    policy.ambulance_standard_text(lang)
                    + " "
                    + tr(
                        lang,
                        f"Model MCLP (optimum pasti), {len(prop.current)} pangkalan sekarang tetap.",
                        f"MCLP model (exact optimum), today's {len(prop.current)} bases kept.",
                    )
                )
                + "</p>",
            )
        )
    png = base64.b64encode(ilp_map_png(code, lang, today=today)).decode()
    badge = (
        f"<span class='badge'>{escape(sample_text(lang, sample_inputs_text(code, lang)))}</span>"
        if ds.synthetic
        else ""
    )
    body = "".join(f"<section><h2>{escape(h)}</h2>{c}</section>" for h, c in sections)
    title = tr(lang, f"Ringkasan ILP — {ds.region.name}", f"ILP briefing — {ds.region.name}")
    when = month_name(b.month, lang) if b.month else ""
    public = tr(
        lang,
        f"Versi publik: angka < {THRESHOLD} anak ditahan (< {THRESHOLD} = ditahan untuk privasi).",
        f"Public version: counts below {THRESHOLD} children withheld (< {THRESHOLD} = withheld for privacy).",
    )
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: A4 portrait; margin: 12mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; }}
h1 {{ font-size: 16pt; margin: 0 0 2mm; }} h2 {{ font-size: 11pt; margin: 3mm 0 1mm; color: #1f4e79; }}
.badge {{ background: #b35806; color: white; padding: 1mm 2mm; font-weight: bold; font-size: 9pt; }}
img {{ width: 100%; border: 1px solid #999; }} table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
td, th {{ border-bottom: 1px solid #ccc; padding: 0.6mm 1.5mm; text-align: left; }}
.big {{ font-size: 13pt; font-weight: bold; margin: 1mm 0; }} .note, .source {{ font-size: 7.5pt; color: #444; }}
section {{ break-inside: avoid; }} .cols {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }}
@media screen {{ body {{ padding: 10mm; }} .print {{ margin: 4mm 0; }} }} @media print {{ .print {{ display: none; }} }}
</style></head><body>
<h1>{escape(title)} {badge}</h1>
<p>{escape(tr(lang, f"Keadaan akhir {when}. Dicetak {today.isoformat()}.", f"Situation at the end of {when}. Printed {today.isoformat()}."))}</p>
<button class="print" onclick="window.print()">{escape(tr(lang, "Cetak", "Print"))}</button>
<img src="data:image/png;base64,{png}" alt="{escape(tr(lang, "Peta Posyandu ILP per desa", "Map of ILP Posyandu per village"))}">
<div class="cols">{body}</div>
<p class="note privacy" id="privacy-note">{escape(public)}</p>
<p class="source">{escape(source_text(code, lang))} {escape(tr(lang, "Dibuat dengan ILP Dash.", "Made with ILP Dash."))}</p>
</body></html>"""
