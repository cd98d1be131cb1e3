"""The national health-facility list: one file for the whole country, cut to one region.

The list has ``kode_prov``, ``name_prov``, ``kode_faskes``, ``jenis_faskes``,
``nama_faskes``, ``alamat_faskes``, ``lat_``, ``long_`` and sometimes ``kelas``
and ownership. A facility code is a letter and digits whose first four digits
are the regency: ``P3320101201`` is a Puskesmas of 33.20, ``R6474032`` a
hospital of 64.74. :func:`national_rows` keeps the rows of the region (by code,
by province and position when the code is missing) and of the register's kind
(by ``jenis_faskes``, else by the code's letter); the rest are dropped with one
note each, never an error.

Hospital ownership (:func:`hospital_owner`) is normalised to :data:`OWNERS`:
from the ownership column when it says who owns the hospital, else inferred
from the name and type (RSUD, RSUP, RS Bhayangkara, TNI hospitals, RS Paru… are
government); a hospital whose owner cannot be told is ``"tidak diketahui"``
(the referral chain treats it as private unless policy says otherwise).
"""

from __future__ import annotations

import re
from collections import Counter

from ilp_dash.io.coords import CoordinateError, RegionLocator, parse_coordinate
from ilp_dash.io.geodata import Region
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.tables import Table

FASKES_CODE = re.compile(r"^([A-Z])(\d{4})\d{2,}$")
_LETTER_KIND = {"P": "puskesmas", "R": "hospitals"}


GOVERNMENT, PRIVATE, UNKNOWN = "pemerintah", "swasta", "tidak diketahui"
OWNERS = (GOVERNMENT, PRIVATE, UNKNOWN)
"""Values of the normalised ``milik`` column of a hospital register."""

# ownership column text (lower case, punctuation as spaces); checked private first ("non pemerintah")
_PRIVATE_OWNER = re.compile(
    r"\b(swasta|private|yayasan|perkumpulan|organisasi|ormas|perorangan|perusahaan|pt|"
    r"bumn|bumd|badan hukum|non pemerintah|nonpemerintah)\b"
)
_GOVERNMENT_OWNER = re.compile(
    r"\b(pemerintah|pemda|pemkab|pemkot|pemprov|kemenkes|kementerian|kementrian|tni|polri|"
    r"kabupaten|kab|kota|provinsi|prov|pusat|vertikal|daerah|public|government|negeri)\b"
)
# hospital names (and types) that only government hospitals carry
_GOVERNMENT_NAME = re.compile(
    r"\b(rsud|rsup|rsupn|rsu daerah|rumah sakit umum daerah|rumah sakit umum pusat|rsd|"
    r"rumah sakit daerah|bhayangkara|rs tni|rumah sakit tni|tni|rst|rsad|rsal|rsau|rumkit|"
    r"rs paru|rumah sakit paru|rsj daerah|rsjd|rs jiwa daerah|rs polri|polri)\b"
)


def _words(text: object) -> str:
    return "" if text is None else re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def owner_from_column(text: object) -> str | None:
    """``pemerintah`` / ``swasta`` from an ownership cell; ``None`` when it does not say."""
    w = _words(text)
    if not w:
        return None
    if _PRIVATE_OWNER.search(w):
        return PRIVATE
    if _GOVERNMENT_OWNER.search(w):
        return GOVERNMENT
    return None


def owner_from_name(*texts: object) -> str:
    """``pemerintah`` when a name or type reads like a government hospital, else ``tidak diketahui``."""
    return GOVERNMENT if any(_GOVERNMENT_NAME.search(_words(t)) for t in texts) else UNKNOWN


def hospital_owner(name: object, ownership: object = None, kind: object = None) -> tuple[str, bool]:
    """The normalised owner and whether it was inferred (no usable ownership cell)."""
    found = owner_from_column(ownership)
    if found is not None:
        return found, False
    return owner_from_name(name, kind), True


def _code(text: str) -> re.Match | None:
    return FASKES_CODE.match(re.sub(r"\s+", "", str(text)).upper())


def is_national_list(table: Table) -> bool:
    """A ``jenis_faskes`` column, or facility codes of more than one regency."""
    if table.has("jenis_faskes"):
        return True
    if not table.has("kode"):
        return False
    codes = [c for c in table.frame["kode"] if str(c).strip()]
    found = [_code(c) for c in codes]
    return bool(codes) and all(found) and len({m.group(2) for m in found}) > 1  # type: ignore[union-attr]


def row_kind(jenis: str, code: str) -> str | None:
    """``puskesmas``, ``hospitals``, another type as written (``KLINIK``), or ``None`` (unknown)."""
    j = re.sub(r"\s+", " ", str(jenis).strip().lower())
    if "puskesmas" in j or j == "pkm":
        return "puskesmas"
    if "rumah sakit" in j or "rumahsakit" in j or re.match(r"^rs(u|ud|ia|k|b)?\b", j):
        return "hospitals"
    if j:
        return str(jenis).strip().upper()
    m = _code(code)
    return _LETTER_KIND.get(m.group(1)) if m else None


def _far(locator: RegionLocator, lat_txt: str, lon_txt: str, tol: float) -> bool:
    """Whether a typed point lies (as typed and swapped) more than ``tol`` km outside."""
    try:
        lat, lon = parse_coordinate(lat_txt).value, parse_coordinate(lon_txt).value
    except CoordinateError:
        return False
    return min(locator.distance_km(lon, lat), locator.distance_km(lat, lon)) > tol


def national_rows(
    table: Table, kind: str, region: Region, report: ValidationReport, tol: float, item: tuple
) -> Table | None:
    """The rows of ``region`` and ``kind``; notes say what was dropped (``None``: nothing left)."""
    digits = region.code.replace(".", "")
    keep, other_regency, other_kind = [], Counter(), Counter()
    frame = table.frame
    for i, rec in enumerate(frame.to_dict("records")):
        code = str(rec.get("kode", "") or "")
        m = _code(code)
        if m and m.group(2) != digits:
            other_regency[f"{m.group(2)[:2]}.{m.group(2)[2:]}"] += 1
            continue
        prov = str(rec.get("kode_prov", "") or "").strip()
        if not m and prov.isdigit() and prov.zfill(2) != digits[:2]:
            other_regency[f"prov. {prov.zfill(2)}"] += 1
            continue
        if not m and _far(region.locator, rec.get("lat", "") or "", rec.get("lon", "") or "", tol):
            other_regency[""] += 1  # no code: placed outside by its coordinates
            continue
        found = row_kind(rec.get("jenis_faskes", "") or "", code)
        if found is not None and found != kind:
            label = {"puskesmas": "PUSKESMAS", "hospitals": "RUMAH SAKIT"}.get(found, found)
            other_kind[label] += 1
            continue
        keep.append(i)
    if other_regency:
        report.add(
            "faskes_other_regency",
            file=table.file,
            severity="info",
            n=sum(other_regency.values()),
            regencies=", ".join(
                f"{k or 'tanpa kode, di luar menurut koordinat'}: {n}"
                for k, n in sorted(other_regency.items())
            ),
            regencies_en=", ".join(
                f"{k or 'no code, outside by its coordinates'}: {n}"
                for k, n in sorted(other_regency.items())
            ),
        )
    if other_kind:
        report.add(
            "faskes_other_kind",
            file=table.file,
            severity="info",
            n=sum(other_kind.values()),
            kinds=", ".join(f"{k}: {n}" for k, n in sorted(other_kind.items())),
            item=item[0],
            item_en=item[1],
        )
    if not keep:
        report.add(
            "faskes_none_in_region",
            file=table.file,
            n=len(frame),
            item=item[0],
            item_en=item[1],
            region=region.name,
        )
        return None
    rows = [table.rows[i] for i in keep]
    kept = frame.iloc[keep].reset_index(drop=True)
    return Table(table.file, kept, rows, table.header_row, table.source_columns, table.synthetic)
