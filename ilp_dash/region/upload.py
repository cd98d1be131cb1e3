"""Apply a file a planner uploads to a region: validate everything first, then swap — or change nothing.

:func:`apply_upload` takes the bytes of one file and the kind of file it is
(a register, the stunting table, the population table or the village
boundaries) and:

1. refuses, before any reader sees the bytes, files over :data:`MAX_BYTES`,
   types the loaders cannot read, unsafe archives (zip-slip, zip bombs),
   workbooks with macros or XML entities, and absurd row counts
   (:mod:`ilp_dash.io.upload_guard`) — each with a message and a fix in both languages;
2. writes the served version's files into a fresh staging folder under
   ``<data_dir>/.staging/``, the upload taking the place of the file of its kind;
3. loads the whole staged set with :func:`ilp_dash.io.dataset.load_dataset`,
   so a file is also checked against the others (ambulance bases against the
   Puskesmas list, registers against uploaded boundaries);
4. only when nothing is an error, publishes the set as the region's next
   data version (:func:`ilp_dash.region.versions.publish`: written aside, then named
   in the version pointer with :func:`os.replace`), mirrors the file into
   ``<data_dir>/<code>/`` under its usual name, and serves it in this worker at
   once; the other workers follow within a second;
5. otherwise deletes the staging folder and returns the report: the folder on
   disk, the versions and the data being served are exactly as before.

Child-level stunting rows (one row per measured child) are not kept: the
loader adds them up per village and month, and that village table is what is
stored as ``stunting_desa.csv``. Only when the operator opts in
(``ILP_KEEP_CHILD_ROWS=1``) is the file as sent also kept, in
``<data_dir>/<code>/anak/``, readable by the server's user only.

Accepted village boundaries are stored as ``batas_desa.<zip|gpkg|geojson|json>``;
:func:`ilp_dash.io.dataset.load_folder` loads a region folder with them.

No Dash here: the upload screen (:mod:`ilp_dash.pages.upload`) only decodes the
browser's payload and shows the :class:`UploadOutcome`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from ilp_dash.config import settings
from ilp_dash.io.dataset import (
    BOUNDARY_NAMES,
    BOUNDARY_SUFFIXES,
    FILE_NAMES,
    Dataset,
    boundary_file,
    find_files,
    load_dataset,
)
from ilp_dash.io.problems import DataValidationError, Problem, ValidationReport
from ilp_dash.io.upload_guard import inspect_upload
from ilp_dash.io.upload_limits import BOUNDARIES, KIND_LABELS, KINDS
from ilp_dash.io.upload_messages import problem as _problem
from ilp_dash.io.upload_messages import thousands
from ilp_dash.region import store, versions

log = logging.getLogger(__name__)

# what the upload box offers; the server explains why .xls and a lone .shp are refused
ACCEPT = ".csv,.xlsx,.xls,.zip,.gpkg,.geojson,.json,.shp"
STAGING = ".staging"

# words in a file name that tell its kind (after find_files' exact names)
_NAME_WORDS: dict[str, str] = {
    "posyandu": "posyandu",
    "pustu": "pustu",
    "puskesmas": "puskesmas",
    "pkm": "puskesmas",
    "rumahsakit": "hospitals",
    "rs": "hospitals",
    "rsud": "hospitals",
    "hospital": "hospitals",
    "hospitals": "hospitals",
    "ambulans": "ambulances",
    "ambulance": "ambulances",
    "ambulances": "ambulances",
    "psc": "ambulances",
    "penduduk": "population",
    "population": "population",
    "stunting": "stunting",
    "batas": BOUNDARIES,
    "boundary": BOUNDARIES,
    "boundaries": BOUNDARIES,
}

_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
_locks_guard = threading.Lock()


@dataclass(frozen=True)
class UploadOutcome:
    """What became of one uploaded file.

    Attributes
    ----------
    ok
        ``True`` when the file was accepted and is being served.
    code, kind, filename
        Region, file kind (one of :data:`KINDS`, ``None`` when it could not be told)
        and the file name as received (made safe for a file system).
    report
        Every problem found (errors, warnings, info) in the uploaded file and,
        since the region is validated as a whole, in the region's other files.
    counts
        Rows per kind in the data being served *after* the call (villages for
        ``boundaries``, village-months for ``stunting``).
    previous
        The same before the call (equal to ``counts`` when the file was refused).
    version
        Data version being served after the call (:func:`ilp_dash.region.store.version`).
    stored_as
        File name in ``<data_dir>/<code>/`` when accepted.
    """

    ok: bool
    code: str
    kind: str | None
    filename: str
    report: ValidationReport = field(default_factory=ValidationReport)
    counts: dict[str, int] = field(default_factory=dict)
    previous: dict[str, int] = field(default_factory=dict)
    version: int = 0
    stored_as: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems

    @property
    def errors(self) -> list[Problem]:
        return self.report.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.report.warnings


# ------------------------------------------------------------------ names and kinds
def safe_name(filename: str | None) -> str:
    """The last part of ``filename`` with only letters, digits, ``. _ -`` (never empty)."""
    base = re.split(r"[\\/]", str(filename or ""))[-1].strip()
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")[-120:]
    return base or "berkas"


def detect_kind(filename: str) -> str | None:
    """The kind of a file from its name, or ``None``.

    The usual names (:data:`ilp_dash.io.dataset.FILE_NAMES`, e.g. ``pustu.csv``,
    ``stunting_desa.csv``) first, then the first telling word of the name
    (``posyandu_2025.xlsx`` → posyandu, ``data_rumah_sakit.csv`` → hospitals,
    ``batas_desa.zip`` → boundaries); a GIS file whose name says nothing is
    taken for boundaries.
    """
    name = Path(filename).name.lower()
    for kind, names in FILE_NAMES.items():
        if name in names:
            return kind
    if name in BOUNDARY_NAMES:
        return BOUNDARIES
    stem, suffix = Path(name).stem, Path(name).suffix
    words = re.sub(r"rumah[^a-z0-9]*sakit", "rumahsakit", stem)
    for word in re.split(r"[^a-z0-9]+", words):
        if word in _NAME_WORDS:
            return _NAME_WORDS[word]
    if suffix in (*BOUNDARY_SUFFIXES, ".shp"):
        return BOUNDARIES
    return None


def stored_name(kind: str, suffix: str) -> str:
    """The name a file of ``kind`` is kept under in ``<data_dir>/<code>/``."""
    if kind == BOUNDARIES:
        return "batas_desa" + suffix
    for name in FILE_NAMES[kind]:
        if Path(name).suffix == suffix:
            return name
    raise ValueError(f"no stored name for {kind!r} files ending {suffix!r}")


def _names_of(kind: str) -> tuple[str, ...]:
    return BOUNDARY_NAMES if kind == BOUNDARIES else FILE_NAMES[kind]


def served_files(code: str) -> dict[str, str]:
    """Names of the region's files in ``<data_dir>/<code>/`` by kind (what an upload replaces)."""
    folder = settings().data_dir / code
    if not folder.is_dir():
        return {}
    out = {kind: path.name for kind, path in find_files(folder).items()}
    boundaries = boundary_file(folder)
    if boundaries is not None:
        out[BOUNDARIES] = boundaries.name
    return out


def counts(ds: Dataset) -> dict[str, int]:
    """Rows per kind of a data set (villages for boundaries, village-months for stunting)."""
    out = {BOUNDARIES: len(ds.region.villages)}
    out.update({kind: len(frame) for kind, frame in ds.facilities.items()})
    if ds.population is not None:
        out["population"] = len(ds.population)
    if ds.stunting is not None:
        out["stunting"] = len(ds.stunting)
    return out


# ------------------------------------------------------------------ refusals
# ------------------------------------------------------------------ applying
def _lock(code: str) -> threading.Lock:
    with _locks_guard:
        return _locks[code]


def village_table_csv(stunting: pd.DataFrame, source: str) -> bytes:
    """The village × month stunting table as the CSV kept on disk (no child rows)."""
    lines = []
    if stunting.attrs.get("synthetic"):
        lines.append(
            "# DATA CONTOH SINTETIS / SYNTHETIC SAMPLE DATA — bukan data resmi / not official data."
        )
    lines.append(
        f"# Dijumlahkan per desa dan bulan dari {source} / summed per village and month from {source}."
    )
    table = stunting[["kode_desa", "bulan", "diukur", "stunting"]].to_csv(
        index=False, lineterminator="\n"
    )
    return ("\n".join(lines) + "\n" + table).encode("utf-8")


def shrink_warning(kind: str, filename: str, before: int, after: int) -> Problem | None:
    """A warning when an accepted file holds less than half the rows of the one it replaces."""
    if before <= 0 or after * 2 >= before:
        return None
    label_id, label_en = KIND_LABELS[kind]
    (after_id, after_en), (before_id, before_en) = thousands(after), thousands(before)
    return _problem(
        filename,
        "upload_fewer_rows",
        severity="warning",
        label_id=label_id,
        label_en=label_en,
        after_id=after_id,
        after_en=after_en,
        before_id=before_id,
        before_en=before_en,
    )


def _new_files(
    code: str, kind: str, name: str, content: bytes, ds: Dataset, base: dict[str, bytes]
) -> tuple[dict[str, bytes], dict[str, bytes | None], str]:
    """The files of the next version, the changes to mirror into ``data/<code>/``, and the stored name."""
    suffix = Path(name).suffix.lower()
    if kind == "stunting" and ds.stunting is not None and ds.stunting.attrs.get("shape") == "child":
        target, content = "stunting_desa.csv", village_table_csv(ds.stunting, name)
    else:
        target = stored_name(kind, suffix)
    files = {n: b for n, b in base.items() if n not in _names_of(kind)}
    files[target] = content
    mirror: dict[str, bytes | None] = {n: None for n in _names_of(kind) if n != target}
    mirror[target] = content
    return files, mirror, target


def keep_child_rows(code: str, name: str, content: bytes) -> Path:
    """The operator opted in (``ILP_KEEP_CHILD_ROWS=1``): keep the child rows as sent, readable by the owner only."""
    folder = settings().data_dir / code / "anak"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-{name}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def _stage(
    kind: str, name: str, content: bytes, base: dict[str, bytes], staging: Path
) -> tuple[dict[str, Path], Path | None]:
    """Write the served version's files into ``staging/current``, the upload into ``staging/upload``."""
    current, upload = staging / "current", staging / "upload"
    current.mkdir()
    upload.mkdir()
    for n, body in base.items():
        (current / n).write_bytes(body)
    files = {k: p for k, p in find_files(current).items() if k != kind}
    boundaries = boundary_file(current) if kind != BOUNDARIES else None
    (upload / name).write_bytes(content)
    if kind == BOUNDARIES:
        boundaries = upload / name
    else:
        files[kind] = upload / name
    return files, boundaries


def _unreadable(name: str, exc: Exception) -> ValidationReport:
    report = ValidationReport()
    report.add(
        "file_unreadable",
        file=name,
        kind=Path(name).suffix.lstrip(".").upper() or "berkas",
        detail=type(exc).__name__,
        detail_en=type(exc).__name__,
        fix="Periksa bahwa berkas dapat dibuka di Excel/LibreOffice atau aplikasi SIG, lalu unggah lagi.",
        fix_en="Check that the file opens in Excel/LibreOffice or a GIS application, then upload it again.",
    )
    return report


def apply_upload(
    code: str, kind: str | None, filename: str, content_bytes: bytes, *, user: str | None = None
) -> UploadOutcome:
    """Validate an uploaded file together with the region's other files; serve it only when clean.

    Parameters
    ----------
    code
        Region code (``PP.KK``), e.g. ``"33.20"``.
    kind
        One of :data:`KINDS`; anything else (``None``, ``"auto"``) means: tell it
        from the file name (:func:`detect_kind`).
    filename
        The name the file had on the user's computer.
    content_bytes
        The file's bytes.
    user
        The planner who sent it (kept in the version's manifest).

    Returns
    -------
    UploadOutcome
        ``ok`` with the new version and row counts, or the report of what is wrong;
        when not ``ok`` neither ``<data_dir>/<code>/`` nor the data served has changed.
    """
    name = safe_name(filename)
    kind = kind if kind in KINDS else detect_kind(name)
    with _lock(code):
        version, before = store.current(code, fresh=True)
        previous = counts(before)
        refused = inspect_upload(kind, name, content_bytes)
        if refused.has_errors:
            return UploadOutcome(False, code, kind, name, refused, previous, previous, version)
        base = versions.read_files(store.folder(code))
        root = settings().data_dir / STAGING
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{code}-", dir=root))
        try:
            files, boundaries = _stage(kind, name, content_bytes, base, staging)
            try:
                ds = load_dataset(code, files, boundaries=boundaries)
            except DataValidationError as exc:
                return UploadOutcome(
                    False, code, kind, name, exc.report, previous, previous, version
                )
            except (
                Exception
            ) as exc:  # a reader failing on odd bytes must not change anything either
                log.exception("upload %s for %s could not be read", name, code)
                return UploadOutcome(
                    False, code, kind, name, _unreadable(name, exc), previous, previous, version
                )
            new_files, mirror, stored = _new_files(code, kind, name, content_bytes, ds, base)
            try:
                new_version = versions.publish(
                    code,
                    new_files,
                    source="upload",
                    note=name,
                    user=user,
                    base=version,
                    mirror=mirror,
                )
            except versions.VersionError:
                report = ValidationReport(list(ds.report.problems))
                report.problems.append(
                    _problem(name, "upload_conflict", version=versions.current_version(code))
                )
                return UploadOutcome(False, code, kind, name, report, previous, previous, version)
            except OSError as exc:
                log.exception("upload %s for %s could not be stored", name, code)
                report = ValidationReport(list(ds.report.problems))
                report.problems.append(
                    _problem(name, "upload_not_stored", reason=exc.strerror or exc)
                )
                return UploadOutcome(False, code, kind, name, report, previous, previous, version)
            if (
                ds.stunting is not None
                and ds.stunting.attrs.get("shape") == "child"
                and settings().keep_child_rows
            ):
                keep_child_rows(code, name, content_bytes)
            store.install(code, new_version, ds)
            after = counts(ds)
            report = ValidationReport(list(ds.report.problems))
            shrunk = shrink_warning(kind, name, previous.get(kind, 0), after.get(kind, 0))
            if shrunk is not None:
                report.problems.insert(0, shrunk)
            return UploadOutcome(
                True, code, kind, name, report, after, previous, new_version, stored
            )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
