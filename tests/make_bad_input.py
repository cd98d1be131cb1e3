"""Write the bad-input corpus in ``tests/bad_input/`` and its ``MANIFEST.csv``.

Every file a district health office might bring by mistake (or in a slightly
odd but acceptable shape) is written here from code, so the binary files
(XLSX, Shapefile, zip) can be regenerated and reviewed::

    .venv/bin/python tests/make_bad_input.py            # writes tests/bad_input/
    .venv/bin/python tests/make_bad_input.py --out DIR  # writes elsewhere

The output is deterministic (fixed dates inside XLSX/zip/DBF, seeded random
bytes), so ``tests/test_bad_input.py`` can check that the committed files are
exactly what this script writes.

``MANIFEST.csv`` lists per file the ``ilp-dash validate`` flag it is passed
with, the region, extra arguments, the expected exit status, and the exact
first line a user sees (``Problem.text("id")`` and ``Problem.text("en")``) —
the first error, or for files that only warn, the first warning (or the first
INFO line, shown with ``--verbose``). The expected lines below are written by
hand after reading what the loaders say; they are not computed from the loaders.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "bad_input"
FIXED_ZIP_TIME = (2024, 6, 1, 0, 0, 0)
FIXED_ISO = "2024-06-01T00:00:00Z"
UTM_49S = "EPSG:32749"

# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------


def write_csv(
    path: Path,
    rows: list[list[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    comments: tuple[str, ...] = (),
) -> None:
    buf = io.StringIO()
    for c in comments:
        buf.write(c + "\n")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    path.write_bytes(buf.getvalue().encode(encoding))


def _rezip(path: Path, replace: Callable[[str, bytes], bytes] | None = None) -> None:
    """Rewrite a zip with fixed timestamps (and optionally patched members)."""
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            if replace:
                data = replace(name, data)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Posyandu") -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)

    def fix_dates(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            text = data.decode("utf-8")
            text = re.sub(
                r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                rf"\g<1>{FIXED_ISO}\g<3>",
                text,
            )
            return text.encode("utf-8")
        return data

    _rezip(path, fix_dates)


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def write_shapefile(path: Path, gdf, drop: tuple[str, ...] = ()) -> None:
    """Write a shapefile, fix the DBF date, and delete the parts in ``drop``."""
    for s in SHP_PARTS:
        path.with_suffix(s).unlink(missing_ok=True)
    gdf.to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[1:4] = bytes([124, 6, 1])  # last update: 2024-06-01 (years since 1900)
    dbf.write_bytes(bytes(data))
    for s in drop:
        path.with_suffix(s).unlink()


def write_geojson(path: Path, gdf) -> None:
    path.unlink(missing_ok=True)
    gdf.to_file(path, driver="GeoJSON", engine="pyogrio", layer_options={"COORDINATE_PRECISION": 6})


def random_bytes(seed: int, n: int) -> bytes:
    return random.Random(seed).randbytes(n)


# --------------------------------------------------------------------------
# Geometry sources (the bundled boundaries, simplified to keep files small)
# --------------------------------------------------------------------------

_CACHE: dict[str, object] = {}


def villages(region: str = "33.20", kec: str | None = "33.20.01", n: int | None = 3):
    """Official villages of ``region`` (optionally one kecamatan), simplified, in EPSG:4326."""
    import geopandas as gpd
    import shapely

    from ilp_dash.io.geodata import load_region

    key = f"{region}|{kec}|{n}"
    if key not in _CACHE:
        v = load_region(region).villages
        if kec:
            v = v[v["kode_kec"] == kec]
        v = v.sort_values("kode").head(n) if n else v.sort_values("kode")
        geom = shapely.set_precision(
            v.geometry.simplify(0.0005, preserve_topology=True).values, 1e-6
        )
        _CACHE[key] = gpd.GeoDataFrame(
            {
                "kode": v["kode"].tolist(),
                "nama": v["nama"].tolist(),
                "kecamatan": v["kecamatan"].tolist(),
            },
            geometry=list(geom),
            crs="EPSG:4326",
        )
    return _CACHE[key].copy()


def big_schema(gdf):
    """The attribute table of a BIG (Badan Informasi Geospasial) village layer."""
    import geopandas as gpd

    return gpd.GeoDataFrame(
        {
            "NAMOBJ": gdf["nama"],
            "FCODE": "BA03070040",
            "REMARK": "Batas Desa/Kelurahan",
            "TIPADM": 1,
            "WADMKD": gdf["nama"],
            "WADMKC": gdf["kecamatan"],
            "WADMKK": "Jepara",
            "WADMPR": "Jawa Tengah",
            "KDEPUM": gdf["kode"],
            "KDCPUM": gdf["kode"].str[:8],
            "KDPKAB": "33.20",
            "KDPPUM": "33",
            "KDEBPS": "",
            "KDCBPS": "",
            "LUASWH": 0.0,
        },
        geometry=gdf.geometry,
        crs=gdf.crs,
    )


# --------------------------------------------------------------------------
# Table contents
# --------------------------------------------------------------------------

PY_HEADER = [
    "Kode Posyandu",
    "Nama Posyandu",
    "Desa",
    "Kecamatan",
    "Lintang",
    "Bujur",
    "Jumlah Kader",
    "Status ILP",
    "Bulan ILP",
]
PY_ROWS = [
    [
        "PY-001",
        "Posyandu Melati I",
        "Kedungmalang",
        "Kedung",
        "-6.7099",
        "110.6178",
        "5",
        "ya",
        "2024-06",
    ],
    ["PY-002", "Posyandu Mawar", "Kalianyar", "Kedung", "-6.6952", "110.6373", "6", "tidak", ""],
    [
        "PY-003",
        "Posyandu Anggrek",
        "Bulak Baru",
        "Kedung",
        "-6.665",
        "110.6448",
        "4",
        "ya",
        "2024-08",
    ],
    [
        "PY-004",
        "Posyandu Kenanga",
        "Tedunan",
        "Kedung",
        "-6.7091",
        "110.6684",
        "5",
        "ya",
        "2024-07",
    ],
]


def posyandu(
    changes: dict[tuple[int, str], str] | None = None,
    header: list[str] | None = None,
    rows: list[list[str]] | None = None,
) -> list[list[str]]:
    """The clean register with some cells changed: ``{(data_index, column): value}``."""
    header = list(header or PY_HEADER)
    rows = [list(r) for r in (rows or PY_ROWS)]
    for (i, col), value in (changes or {}).items():
        rows[i][PY_HEADER.index(col)] = value
    return [header, *rows]


ST_HEADER = ["Kode Desa", "Desa", "Kecamatan", "Bulan", "Jumlah Diukur", "Jumlah Stunting"]
ST_ROWS = [
    ["33.20.01.2001", "Kedungmalang", "Kedung", "2024-06", "120", "18"],
    ["33.20.01.2002", "Kalianyar", "Kedung", "2024-06", "95", "11"],
    ["33.20.01.2003", "Karangaji", "Kedung", "2024-06", "143", "25"],
    ["33.20.01.2004", "Tedunan", "Kedung", "2024-06", "88", "9"],
]

CH_HEADER = [
    "NIK Anak",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Tanggal Ukur",
    "Tinggi Badan",
    "Cara Ukur",
    "Desa",
    "Kecamatan",
]
CH_ROWS = [
    ["A-0001", "L", "2022-03-17", "2024-06-10", "85.0", "berdiri", "Kedungmalang", "Kedung"],
    ["A-0002", "P", "2023-01-05", "2024-06-10", "72.5", "terlentang", "Kedungmalang", "Kedung"],
    ["A-0003", "L", "2020-11-20", "2024-06-11", "96.4", "berdiri", "Kalianyar", "Kedung"],
    ["A-0004", "P", "2021-08-02", "2024-06-11", "88.1", "berdiri", "Kalianyar", "Kedung"],
]


def table(header, rows, changes=None):
    rows = [list(r) for r in rows]
    for (i, col), value in (changes or {}).items():
        rows[i][header.index(col)] = value
    return [list(header), *rows]


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


@dataclass
class Case:
    file: str
    flag: str
    code: str
    severity: str
    exit: int
    level: str  # "file", "header" or "row": where the first problem points
    row: str  # expected Problem.row ("" when none)
    column: str  # expected Problem.column ("" when none)
    line_id: str
    line_en: str
    args: str = ""  # extra CLI arguments, space separated
    region: str = "33.20"
    note: str = ""
    known_bug: str = ""  # the loader crashes today; line_id/line_en hold the line it should print


MANIFEST_FIELDS = [
    "file",
    "flag",
    "region",
    "args",
    "exit",
    "severity",
    "code",
    "level",
    "row",
    "column",
    "line_id",
    "line_en",
    "note",
    "known_bug",
]
assert sorted(MANIFEST_FIELDS) == sorted(f.name for f in fields(Case))

WRITERS: dict[str, Callable[[Path], None]] = {}
CASES: list[Case] = []


def case(writer: Callable[[Path], None], **kw) -> None:
    c = Case(**kw)
    assert c.file not in WRITERS, c.file
    WRITERS[c.file] = writer
    CASES.append(c)


def _csv(rows, **kw):
    return lambda p: write_csv(p, rows, **kw)


# ---- whole files ------------------------------------------------------------

case(
    lambda p: p.write_bytes(b""),
    file="posyandu_kosong.csv",
    flag="--posyandu",
    code="file_empty",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] posyandu_kosong.csv: Berkas kosong: tidak ada baris data. Perbaikan: Isi berkas dengan header di baris pertama dan satu baris per Posyandu.",
    line_en="[ERROR] posyandu_kosong.csv: The file is empty: it has no data rows. Fix: Fill the file with a header on the first row and one row per Posyandu.",
    note="0 bytes",
)

case(
    _csv([PY_HEADER]),
    file="posyandu_hanya_header.csv",
    flag="--posyandu",
    code="file_empty",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] posyandu_hanya_header.csv: Berkas kosong: tidak ada baris data. Perbaikan: Isi berkas dengan header di baris pertama dan satu baris per Posyandu.",
    line_en="[ERROR] posyandu_hanya_header.csv: The file is empty: it has no data rows. Fix: Fill the file with a header on the first row and one row per Posyandu.",
)

case(
    lambda p: p.write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    ),
    file="daftar_posyandu.pdf",
    flag="--posyandu",
    code="file_type",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] daftar_posyandu.pdf: Jenis berkas '.pdf' tidak didukung untuk Posyandu. Perbaikan: Gunakan CSV atau XLSX.",
    line_en="[ERROR] daftar_posyandu.pdf: File type '.pdf' is not supported for Posyandu. Fix: Use CSV or XLSX.",
    note="DUBIOUS: English fix says 'CSV atau XLSX' (Indonesian 'atau' in the English line)",
)

case(
    lambda p: p.write_bytes(random_bytes(20240601, 2048)),
    file="posyandu_rusak.xlsx",
    flag="--posyandu",
    code="file_unreadable",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] posyandu_rusak.xlsx: Berkas tidak dapat dibaca sebagai XLSX: bukan arsip XLSX yang utuh. Perbaikan: Buka dan simpan ulang berkas di Excel/LibreOffice sebagai XLSX.",
    line_en="[ERROR] posyandu_rusak.xlsx: The file cannot be read as XLSX: not a complete XLSX archive. Fix: Open the file and save it again from Excel/LibreOffice as XLSX.",
    note="random bytes with an .xlsx suffix; DUBIOUS: English line carries the Indonesian detail 'bukan arsip XLSX yang utuh'",
)

case(
    _csv(
        [
            ["PY-001", "Posyandu Melati I", "Kedungmalang", "Kedung", "-6.7099", "110.6178", "5"],
            ["PY-002", "Posyandu Mawar", "Kalianyar", "Kedung", "-6.6952", "110.6373", "6"],
        ]
    ),
    file="posyandu_tanpa_header.csv",
    flag="--posyandu",
    code="header_not_found",
    severity="error",
    exit=1,
    level="header",
    row="1",
    column="",
    line_id="[GALAT] posyandu_tanpa_header.csv, baris 1: Tidak ada baris header dengan kolom yang dikenali (dicari: kode, nama, puskesmas, rw, strata, kader, ilp, bulan_ilp). Perbaikan: Pastikan baris header berisi nama kolom, mis. kode, nama, puskesmas, rw.",
    line_en="[ERROR] posyandu_tanpa_header.csv, row 1: No header row with recognised columns was found (looked for: kode, nama, puskesmas, rw, strata, kader, ilp, bulan_ilp). Fix: Make sure the header row holds column names, e.g. kode, nama, puskesmas, rw.",
    note="data rows without a header line; DUBIOUS: 'looked for' lists only the first 8 canonical names, none of the location columns (desa, lintang, bujur)",
)

# ---- title rows in Excel ------------------------------------------------------

XLSX_TITLE = [["DAFTAR POSYANDU PUSKESMAS KEDUNG I"], ["Keadaan bulan Juni 2024"]]


def _xlsx_rows(rows):
    out = []
    for r in rows:
        cells = []
        for c in r:
            if c == "":
                cells.append(None)
                continue
            try:
                cells.append(int(c) if re.fullmatch(r"-?\d+", c) else float(c))
            except ValueError:
                cells.append(c)
        out.append(cells)
    return out


case(
    lambda p: write_xlsx(
        p, XLSX_TITLE + [PY_HEADER] + _xlsx_rows(posyandu({(1, "Jumlah Kader"): "lima"})[1:])
    ),
    file="posyandu_judul_dan_kader_salah.xlsx",
    flag="--posyandu",
    code="bad_number",
    severity="error",
    exit=1,
    level="row",
    row="5",
    column="Jumlah Kader",
    line_id="[GALAT] posyandu_judul_dan_kader_salah.xlsx, baris 5, kolom 'Jumlah Kader': 'lima' bukan angka. Perbaikan: Tulis angka saja, mis. 12.",
    line_en="[ERROR] posyandu_judul_dan_kader_salah.xlsx, row 5, column 'Jumlah Kader': 'lima' is not a number. Fix: Write a plain number, e.g. 12.",
    note="two title rows, header on row 3, bad value on spreadsheet row 5",
)

case(
    lambda p: write_xlsx(p, XLSX_TITLE + [PY_HEADER] + _xlsx_rows(PY_ROWS)),
    file="posyandu_judul_di_atas_bersih.xlsx",
    flag="--posyandu",
    code="header_found_below",
    severity="info",
    exit=0,
    level="header",
    row="3",
    column="",
    args="--verbose",
    line_id="[INFO] posyandu_judul_di_atas_bersih.xlsx, baris 3: Baris judul di atas tabel dilewati; header ada di baris 3.",
    line_en="[INFO] posyandu_judul_di_atas_bersih.xlsx, row 3: Title rows above the table were skipped; the header is on row 3.",
    note="clean register below two title rows",
)

# ---- columns ----------------------------------------------------------------

case(
    _csv(
        [[h for h in PY_HEADER if h != "Nama Posyandu"]]
        + [[c for j, c in enumerate(r) if j != 1] for r in PY_ROWS]
    ),
    file="posyandu_tanpa_kolom_nama.csv",
    flag="--posyandu",
    code="missing_column",
    severity="error",
    exit=1,
    level="header",
    row="1",
    column="",
    line_id="[GALAT] posyandu_tanpa_kolom_nama.csv, baris 1: Kolom wajib 'nama' tidak ada. Kolom yang ada: 'Kode Posyandu', 'Desa', 'Kecamatan', 'Lintang', 'Bujur', 'Jumlah Kader', 'Status ILP', 'Bulan ILP'. Perbaikan: Tambahkan kolom 'nama' (nama lain yang diterima: nama_posyandu, posyandu, nama, name, posyandu_name).",
    line_en="[ERROR] posyandu_tanpa_kolom_nama.csv, row 1: Required column 'nama' is missing. Columns present: 'Kode Posyandu', 'Desa', 'Kecamatan', 'Lintang', 'Bujur', 'Jumlah Kader', 'Status ILP', 'Bulan ILP'. Fix: Add a column 'nama' (other accepted names: nama_posyandu, posyandu, nama, name, posyandu_name).",
)

case(
    _csv(
        [
            ["Kode Posyandu", "Nama Posyandu", "Jumlah Kader", "Status ILP"],
            ["PY-001", "Posyandu Melati I", "5", "ya"],
            ["PY-002", "Posyandu Mawar", "6", "tidak"],
        ]
    ),
    file="posyandu_tanpa_kolom_lokasi.csv",
    flag="--posyandu",
    code="missing_one_of",
    severity="error",
    exit=1,
    level="header",
    row="1",
    column="",
    line_id="[GALAT] posyandu_tanpa_kolom_lokasi.csv, baris 1: Tidak ada kolom untuk lokasi: perlu salah satu dari lintang+bujur, koordinat, kode_desa, desa. Perbaikan: Tambahkan salah satu kolom tersebut.",
    line_en="[ERROR] posyandu_tanpa_kolom_lokasi.csv, row 1: No column for the location: one of lintang+bujur, koordinat, kode_desa, desa is needed. Fix: Add one of those columns.",
)

case(
    _csv([PY_HEADER + ["Latitude"]] + [r + [r[4]] for r in PY_ROWS]),
    file="posyandu_kolom_lintang_ganda.csv",
    flag="--posyandu",
    code="duplicate_column",
    severity="error",
    exit=1,
    level="header",
    row="1",
    column="Latitude",
    line_id="[GALAT] posyandu_kolom_lintang_ganda.csv, baris 1, kolom 'Latitude': Kolom 'lat' muncul lebih dari sekali (sebagai 'Lintang', 'Latitude'). Perbaikan: Hapus atau ganti nama salah satu kolom.",
    line_en="[ERROR] posyandu_kolom_lintang_ganda.csv, row 1, column 'Latitude': Column 'lat' appears more than once (as 'Lintang', 'Latitude'). Fix: Delete or rename one of the columns.",
)

# ---- row values -------------------------------------------------------------

case(
    _csv(
        posyandu() + [list(PY_ROWS[0])],
        comments=("# Daftar Posyandu Puskesmas Kedung I, Juni 2024",),
    ),
    file="posyandu_kode_ganda.csv",
    flag="--posyandu",
    code="duplicate_code",
    severity="error",
    exit=1,
    level="row",
    row="7",
    column="Kode Posyandu",
    line_id="[GALAT] posyandu_kode_ganda.csv, baris 7, kolom 'Kode Posyandu': Kode 'PY-001' sudah dipakai di baris 3. Perbaikan: Setiap kode harus unik: perbaiki atau hapus salah satu baris.",
    line_en="[ERROR] posyandu_kode_ganda.csv, row 7, column 'Kode Posyandu': Code 'PY-001' is already used on row 3. Fix: Every code must be unique: correct or delete one of the rows.",
    note="a '#' comment line above the header counts as row 1",
)

case(
    _csv(posyandu({(2, "Nama Posyandu"): ""})),
    file="posyandu_nama_kosong.csv",
    flag="--posyandu",
    code="missing_value",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Nama Posyandu",
    line_id="[GALAT] posyandu_nama_kosong.csv, baris 4, kolom 'Nama Posyandu': Nilai 'Nama Posyandu' kosong. Perbaikan: Isi nilai Nama Posyandu pada baris ini atau hapus baris ini.",
    line_en="[ERROR] posyandu_nama_kosong.csv, row 4, column 'Nama Posyandu': 'Nama Posyandu' is empty. Fix: Fill in Nama Posyandu on this row or delete the row.",
)

case(
    _csv(posyandu({(1, "Jumlah Kader"): "lima"})),
    file="posyandu_kader_bukan_angka.csv",
    flag="--posyandu",
    code="bad_number",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Jumlah Kader",
    line_id="[GALAT] posyandu_kader_bukan_angka.csv, baris 3, kolom 'Jumlah Kader': 'lima' bukan angka. Perbaikan: Tulis angka saja, mis. 12.",
    line_en="[ERROR] posyandu_kader_bukan_angka.csv, row 3, column 'Jumlah Kader': 'lima' is not a number. Fix: Write a plain number, e.g. 12.",
)

case(
    _csv(posyandu({(2, "Jumlah Kader"): "-3"})),
    file="posyandu_kader_negatif.csv",
    flag="--posyandu",
    code="negative_number",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Jumlah Kader",
    line_id="[GALAT] posyandu_kader_negatif.csv, baris 4, kolom 'Jumlah Kader': Nilai -3 negatif. Perbaikan: Tulis jumlah 0 atau lebih.",
    line_en="[ERROR] posyandu_kader_negatif.csv, row 4, column 'Jumlah Kader': Value -3 is negative. Fix: Write a count of 0 or more.",
)

case(
    _csv(posyandu({(1, "Status ILP"): "mungkin"})),
    file="posyandu_status_ilp_tidak_dikenal.csv",
    flag="--posyandu",
    code="bad_yes_no",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Status ILP",
    line_id="[GALAT] posyandu_status_ilp_tidak_dikenal.csv, baris 3, kolom 'Status ILP': 'mungkin' tidak dikenali sebagai ya/tidak. Perbaikan: Tulis 'ya' atau 'tidak' (juga diterima: 1/0, yes/no).",
    line_en="[ERROR] posyandu_status_ilp_tidak_dikenal.csv, row 3, column 'Status ILP': 'mungkin' is not recognised as yes/no. Fix: Write 'ya' or 'tidak' (also accepted: 1/0, yes/no).",
)

case(
    _csv(posyandu({(2, "Bulan ILP"): "2024-13"})),
    file="posyandu_bulan_ilp_salah.csv",
    flag="--posyandu",
    code="bad_month",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Bulan ILP",
    line_id="[GALAT] posyandu_bulan_ilp_salah.csv, baris 4, kolom 'Bulan ILP': '2024-13' bukan bulan yang dikenali. Perbaikan: Tulis bulan sebagai TTTT-BB, mis. 2024-06.",
    line_en="[ERROR] posyandu_bulan_ilp_salah.csv, row 4, column 'Bulan ILP': '2024-13' is not a recognised month. Fix: Write the month as YYYY-MM, e.g. 2024-06.",
)

# ---- villages -----------------------------------------------------------------

case(
    _csv(posyandu({(1, "Desa"): "Sukamaju"})),
    file="posyandu_desa_tidak_dikenal.csv",
    flag="--posyandu",
    code="village_unknown",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Desa",
    line_id="[GALAT] posyandu_desa_tidak_dikenal.csv, baris 3, kolom 'Desa': Desa 'Sukamaju' di Kecamatan Kedung tidak ditemukan di Kabupaten Jepara. Perbaikan: Gunakan nama resmi Kemendagri atau kode desa; yang paling mirip: Karangaji, Bulak Baru, Surodadi.",
    line_en="[ERROR] posyandu_desa_tidak_dikenal.csv, row 3, column 'Desa': Village 'Sukamaju' in kecamatan Kedung was not found in Kabupaten Jepara. Fix: Use the official Kemendagri name or the village code; closest names: Karangaji, Bulak Baru, Surodadi.",
)

PY_CODE_HEADER = ["Kode Posyandu", "Nama Posyandu", "Kode Desa", "Jumlah Kader"]
case(
    _csv(
        [
            PY_CODE_HEADER,
            ["PY-001", "Posyandu Melati I", "33.20.01.2001", "5"],
            ["PY-002", "Posyandu Mawar", "33.20.01.2099", "6"],
            ["PY-003", "Posyandu Anggrek", "33.20.01.2010", "4"],
        ]
    ),
    file="posyandu_kode_desa_tidak_dikenal.csv",
    flag="--posyandu",
    code="village_code_unknown",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Kode Desa",
    line_id="[GALAT] posyandu_kode_desa_tidak_dikenal.csv, baris 3, kolom 'Kode Desa': Kode desa '33.20.01.2099' tidak ada di Kabupaten Jepara. Perbaikan: Gunakan kode Kemendagri PP.KK.CC.DDDD, mis. 33.20.01.2001.",
    line_en="[ERROR] posyandu_kode_desa_tidak_dikenal.csv, row 3, column 'Kode Desa': Village code '33.20.01.2099' does not exist in Kabupaten Jepara. Fix: Use the Kemendagri code PP.KK.CC.DDDD, e.g. 33.20.01.2001.",
)

case(
    _csv(posyandu({(1, "Desa"): "Getaspejaten", (1, "Kecamatan"): "Kudus"})),
    file="posyandu_kecamatan_tidak_dikenal.csv",
    flag="--posyandu",
    code="kecamatan_unknown",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Kecamatan",
    line_id="[GALAT] posyandu_kecamatan_tidak_dikenal.csv, baris 3, kolom 'Kecamatan': Kecamatan 'Kudus' tidak ada di Kabupaten Jepara. Perbaikan: Gunakan nama kecamatan resmi: Bangsri, Batealit, Donorojo, Jepara, Kalinyamatan, Karimunjawa, Kedung, Keling, Kembang, Mayong, Mlonggo, Nalumsari, Pakis Aji, Pecangaan, Tahunan, Welahan.",
    line_en="[ERROR] posyandu_kecamatan_tidak_dikenal.csv, row 3, column 'Kecamatan': Kecamatan 'Kudus' does not exist in Kabupaten Jepara. Fix: Use an official kecamatan name: Bangsri, Batealit, Donorojo, Jepara, Kalinyamatan, Karimunjawa, Kedung, Keling, Kembang, Mayong, Mlonggo, Nalumsari, Pakis Aji, Pecangaan, Tahunan, Welahan.",
    note="a row of the neighbouring regency (Kudus) in a Jepara register",
)

case(
    _csv(posyandu({(1, "Kecamatan"): "Kudus"})),
    file="posyandu_kecamatan_salah_desa_unik.csv",
    flag="--posyandu",
    code="kecamatan_unknown",
    severity="warning",
    exit=0,
    level="row",
    row="3",
    column="Kecamatan",
    line_id="[PERINGATAN] posyandu_kecamatan_salah_desa_unik.csv, baris 3, kolom 'Kecamatan': Kecamatan 'Kudus' tidak ada di Kabupaten Jepara. Perbaikan: Gunakan nama kecamatan resmi: Bangsri, Batealit, Donorojo, Jepara, Kalinyamatan, Karimunjawa, Kedung, Keling, Kembang, Mayong, Mlonggo, Nalumsari, Pakis Aji, Pecangaan, Tahunan, Welahan.",
    line_en="[WARNING] posyandu_kecamatan_salah_desa_unik.csv, row 3, column 'Kecamatan': Kecamatan 'Kudus' does not exist in Kabupaten Jepara. Fix: Use an official kecamatan name: Bangsri, Batealit, Donorojo, Jepara, Kalinyamatan, Karimunjawa, Kedung, Keling, Kembang, Mayong, Mlonggo, Nalumsari, Pakis Aji, Pecangaan, Tahunan, Welahan.",
    note="unknown kecamatan, but the village name is unique in Jepara so it is used",
)

case(
    _csv(
        [
            ["Nama Posyandu", "Desa", "Jumlah Kader"],
            ["Posyandu Dahlia", "Ngulungkulon", "5"],
            ["Posyandu Cempaka", "Sawahan", "7"],
        ]
    ),
    file="posyandu_desa_ganda_tanpa_kecamatan.csv",
    flag="--posyandu",
    region="35.03",
    code="village_ambiguous",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Desa",
    line_id="[GALAT] posyandu_desa_ganda_tanpa_kecamatan.csv, baris 3, kolom 'Desa': Nama desa 'Sawahan' cocok dengan beberapa desa: Sawahan (Kec. Panggul), Sawahan (Kec. Watulimo). Perbaikan: Isi kolom kecamatan atau kode desa agar desa dapat dibedakan.",
    line_en="[ERROR] posyandu_desa_ganda_tanpa_kecamatan.csv, row 3, column 'Desa': Village name 'Sawahan' matches several villages: Sawahan (Kec. Panggul), Sawahan (Kec. Watulimo). Fix: Fill in the kecamatan or the village code to tell them apart.",
    note="Jepara (33.20) has no two villages with the same name, so this case uses Trenggalek (35.03): Sawahan is in Kec. Panggul and Kec. Watulimo",
)

# ---- coordinates --------------------------------------------------------------

case(
    _csv(posyandu({(1, "Lintang"): "-7.5", (1, "Bujur"): "110.6"})),
    file="posyandu_luar_wilayah.csv",
    flag="--posyandu",
    code="coord_outside",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Lintang",
    line_id="[GALAT] posyandu_luar_wilayah.csv, baris 3, kolom 'Lintang': Titik (-7.5, 110.6) berada 78.8 km di luar Kabupaten Jepara. Perbaikan: Periksa koordinat: apakah lintang dan bujur tertukar, atau titik milik kabupaten lain?",
    line_en="[ERROR] posyandu_luar_wilayah.csv, row 3, column 'Lintang': Point (-7.5, 110.6) lies 78.8 km outside Kabupaten Jepara. Fix: Check the coordinates: are latitude and longitude swapped, or does the point belong to another regency?",
)

case(
    _csv(posyandu({(1, "Lintang"): "-6,69,52"})),
    file="posyandu_koordinat_tak_terbaca.csv",
    flag="--posyandu",
    code="coord_unparseable",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Lintang",
    line_id="[GALAT] posyandu_koordinat_tak_terbaca.csv, baris 3, kolom 'Lintang': Koordinat '-6,69,52' tidak dapat dibaca. Perbaikan: Tulis derajat desimal (mis. -6.5897) atau derajat-menit-detik (mis. 6°35'23\"S).",
    line_en="[ERROR] posyandu_koordinat_tak_terbaca.csv, row 3, column 'Lintang': Coordinate '-6,69,52' cannot be read. Fix: Write decimal degrees (e.g. -6.5897) or degrees-minutes-seconds (e.g. 6°35'23\"S).",
)

case(
    _csv(posyandu({(2, "Bujur"): ""})),
    file="posyandu_hanya_lintang.csv",
    flag="--posyandu",
    code="coord_half",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Bujur",
    line_id="[GALAT] posyandu_hanya_lintang.csv, baris 4, kolom 'Bujur': Hanya lintang yang diisi; bujur kosong. Perbaikan: Isi lintang dan bujur, atau kosongkan keduanya.",
    line_en="[ERROR] posyandu_hanya_lintang.csv, row 4, column 'Bujur': Only latitude is filled in; longitude is empty. Fix: Fill in both latitude and longitude, or leave both empty.",
)

case(
    _csv(posyandu({(1, "Lintang"): "6°65'10\"S", (1, "Bujur"): "110°38'14\"E"})),
    file="posyandu_dms_menit_lebih_60.csv",
    flag="--posyandu",
    code="coord_dms_range",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Lintang",
    line_id="[GALAT] posyandu_dms_menit_lebih_60.csv, baris 3, kolom 'Lintang': Menit atau detik pada '6°65'10\"S' bernilai 60 atau lebih. Perbaikan: Menit dan detik harus di bawah 60, mis. 6°35'23\"S.",
    line_en="[ERROR] posyandu_dms_menit_lebih_60.csv, row 3, column 'Lintang': Minutes or seconds in '6°65'10\"S' are 60 or more. Fix: Minutes and seconds must be below 60, e.g. 6°35'23\"S.",
    note="DUBIOUS: says 'cannot be read' instead of 'minutes must be below 60'",
)

case(
    _csv(posyandu({(1, "Bujur"): "-6.6952", (1, "Lintang"): "110.6373"})),
    file="posyandu_lintang_bujur_tertukar.csv",
    flag="--posyandu",
    code="coord_swapped",
    severity="warning",
    exit=0,
    level="row",
    row="3",
    column="Lintang",
    line_id="[PERINGATAN] posyandu_lintang_bujur_tertukar.csv, baris 3, kolom 'Lintang': Lintang dan bujur tertukar (110.6373, -6.6952); sudah ditukar menjadi (-6.6952, 110.6373). Perbaikan: Tukar isi kolom lintang dan bujur di berkas asli.",
    line_en="[WARNING] posyandu_lintang_bujur_tertukar.csv, row 3, column 'Lintang': Latitude and longitude were swapped (110.6373, -6.6952); swapped to (-6.6952, 110.6373). Fix: Swap the latitude and longitude columns in the original file.",
)

case(
    _csv(posyandu({(1, "Lintang"): "6.6952"})),
    file="posyandu_lintang_tanpa_minus.csv",
    flag="--posyandu",
    code="coord_sign",
    severity="warning",
    exit=0,
    level="row",
    row="3",
    column="Lintang",
    line_id="[PERINGATAN] posyandu_lintang_tanpa_minus.csv, baris 3, kolom 'Lintang': Lintang 6.6952 tanpa tanda minus berada di luar Kabupaten Jepara; dibaca sebagai -6.6952 (Lintang Selatan). Perbaikan: Tulis lintang selatan dengan tanda minus, mis. -6.6952.",
    line_en="[WARNING] posyandu_lintang_tanpa_minus.csv, row 3, column 'Lintang': Latitude 6.6952 without a minus sign lies outside Kabupaten Jepara; read as -6.6952 (south). Fix: Write southern latitudes with a minus sign, e.g. -6.6952.",
)

case(
    _csv(
        [PY_HEADER]
        + [[c.replace(".", ",") if j in (4, 5) else c for j, c in enumerate(r)] for r in PY_ROWS],
        delimiter=";",
    ),
    file="posyandu_koma_desimal.csv",
    flag="--posyandu",
    code="coord_decimal_comma",
    severity="info",
    exit=0,
    level="row",
    row="2",
    column="Lintang",
    args="--verbose",
    line_id="[INFO] posyandu_koma_desimal.csv, baris 2, kolom 'Lintang': Koma desimal dibaca sebagai titik: '-6,7099' menjadi -6.7099.",
    line_en="[INFO] posyandu_koma_desimal.csv, row 2, column 'Lintang': Decimal comma read as a point: '-6,7099' became -6.7099.",
    note="semicolon-separated, as Excel saves CSV in an Indonesian locale",
)

case(
    _csv(
        posyandu(
            {
                (0, "Lintang"): "6°42'35.6\"S",
                (0, "Bujur"): "110°37'04.1\"E",
                (1, "Lintang"): "6°41'42.7\" LS",
                (1, "Bujur"): "110°38'14.3\" BT",
            }
        )
    ),
    file="posyandu_koordinat_dms.csv",
    flag="--posyandu",
    code="coord_dms",
    severity="info",
    exit=0,
    level="row",
    row="2",
    column="Lintang",
    args="--verbose",
    line_id="[INFO] posyandu_koordinat_dms.csv, baris 2, kolom 'Lintang': Derajat-menit-detik '6°42'35.6\"S' diubah menjadi -6.70989.",
    line_en="[INFO] posyandu_koordinat_dms.csv, row 2, column 'Lintang': Degrees-minutes-seconds '6°42'35.6\"S' converted to -6.70989.",
)

case(
    _csv(
        posyandu(
            {(0, "Nama Posyandu"): "Posyandu Melati Ñ", (2, "Nama Posyandu"): "Posyandu Anggrék"}
        ),
        encoding="cp1252",
    ),
    file="posyandu_latin1.csv",
    flag="--posyandu",
    code="encoding_latin1",
    severity="warning",
    exit=0,
    level="file",
    row="",
    column="",
    line_id="[PERINGATAN] posyandu_latin1.csv: Berkas bukan UTF-8; dibaca sebagai Windows-1252 (Latin-1). Perbaikan: Simpan ulang sebagai 'CSV UTF-8' agar huruf khusus tidak berubah.",
    line_en="[WARNING] posyandu_latin1.csv: The file is not UTF-8; it was read as Windows-1252 (Latin-1). Fix: Save it again as 'CSV UTF-8' so special letters are kept.",
    note="saved by Excel as 'CSV (Comma delimited)' in Windows-1252",
)

case(
    _csv(posyandu({(0, "Desa"): "Kedungmalng"})),
    file="posyandu_desa_mirip.csv",
    flag="--posyandu",
    code="village_fuzzy",
    severity="warning",
    exit=0,
    level="row",
    row="2",
    column="Desa",
    line_id="[PERINGATAN] posyandu_desa_mirip.csv, baris 2, kolom 'Desa': 'Kedungmalng' dicocokkan dengan Desa Kedungmalang (33.20.01.2001), kemiripan 96%. Perbaikan: Periksa kecocokan ini; tulis nama resmi agar pasti.",
    line_en="[WARNING] posyandu_desa_mirip.csv, row 2, column 'Desa': 'Kedungmalng' was matched to village Kedungmalang (33.20.01.2001), similarity 96%. Fix: Check this match; write the official name to be sure.",
)

case(
    _csv(posyandu({(1, "Lintang"): "-6.7099", (1, "Bujur"): "110.6178"})),
    file="posyandu_titik_di_desa_lain.csv",
    flag="--posyandu",
    code="coord_other_village",
    severity="warning",
    exit=0,
    level="row",
    row="3",
    column="Lintang",
    line_id="[PERINGATAN] posyandu_titik_di_desa_lain.csv, baris 3, kolom 'Lintang': Titik berada di Desa Kedungmalang, bukan di Desa Kalianyar seperti tertulis. Perbaikan: Periksa koordinat atau nama desa.",
    line_en="[WARNING] posyandu_titik_di_desa_lain.csv, row 3, column 'Lintang': The point lies in village Kedungmalang, not in Kalianyar as written. Fix: Check the coordinates or the village name.",
    note="row 3 says Kalianyar but the point is in Kedungmalang",
)

# ---- stunting: village table ------------------------------------------------

case(
    _csv(table(ST_HEADER, ST_ROWS, {(2, "Jumlah Stunting"): "150"})),
    file="stunting_lebih_dari_diukur.csv",
    flag="--stunting",
    code="stunted_gt_measured",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Jumlah Stunting",
    line_id="[GALAT] stunting_lebih_dari_diukur.csv, baris 4, kolom 'Jumlah Stunting': Jumlah stunting (150) lebih besar dari jumlah balita diukur (143). Perbaikan: Periksa kedua angka; stunting tidak boleh melebihi yang diukur.",
    line_en="[ERROR] stunting_lebih_dari_diukur.csv, row 4, column 'Jumlah Stunting': Stunted children (150) exceed children measured (143). Fix: Check both numbers; stunted cannot exceed measured.",
)

case(
    _csv(
        table(
            ST_HEADER, ST_ROWS + [["33.20.01.2002", "Kalianyar", "Kedung", "Juni 2024", "97", "12"]]
        )
    ),
    file="stunting_desa_bulan_ganda.csv",
    flag="--stunting",
    code="duplicate_village_month",
    severity="error",
    exit=1,
    level="row",
    row="6",
    column="Bulan",
    line_id="[GALAT] stunting_desa_bulan_ganda.csv, baris 6, kolom 'Bulan': Desa Kalianyar bulan 2024-06 sudah ada di baris 3. Perbaikan: Gabungkan kedua baris menjadi satu.",
    line_en="[ERROR] stunting_desa_bulan_ganda.csv, row 6, column 'Bulan': Village Kalianyar, month 2024-06 is already on row 3. Fix: Merge the two rows into one.",
    note="the same month written '2024-06' and 'Juni 2024'",
)

case(
    _csv(table(ST_HEADER, ST_ROWS, {(3, "Jumlah Diukur"): ""})),
    file="stunting_diukur_kosong.csv",
    flag="--stunting",
    code="missing_value",
    severity="error",
    exit=1,
    level="row",
    row="5",
    column="Jumlah Diukur",
    line_id="[GALAT] stunting_diukur_kosong.csv, baris 5, kolom 'Jumlah Diukur': Nilai 'Jumlah Diukur' kosong. Perbaikan: Isi nilai Jumlah Diukur pada baris ini atau hapus baris ini.",
    line_en="[ERROR] stunting_diukur_kosong.csv, row 5, column 'Jumlah Diukur': 'Jumlah Diukur' is empty. Fix: Fill in Jumlah Diukur on this row or delete the row.",
)

case(
    _csv(table(ST_HEADER, ST_ROWS, {(1, "Bulan"): "Juni"})),
    file="stunting_bulan_salah.csv",
    flag="--stunting",
    code="bad_month",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Bulan",
    line_id="[GALAT] stunting_bulan_salah.csv, baris 3, kolom 'Bulan': 'Juni' bukan bulan yang dikenali. Perbaikan: Tulis bulan sebagai TTTT-BB, mis. 2024-06.",
    line_en="[ERROR] stunting_bulan_salah.csv, row 3, column 'Bulan': 'Juni' is not a recognised month. Fix: Write the month as YYYY-MM, e.g. 2024-06.",
    note="month without a year",
)

case(
    _csv([[h for h in ST_HEADER if h != "Jumlah Diukur"]] + [r[:4] + r[5:] for r in ST_ROWS]),
    file="stunting_tanpa_kolom_diukur.csv",
    flag="--stunting",
    code="missing_column",
    severity="error",
    exit=1,
    level="header",
    row="1",
    column="",
    line_id="[GALAT] stunting_tanpa_kolom_diukur.csv, baris 1: Kolom wajib 'diukur' tidak ada. Kolom yang ada: 'Kode Desa', 'Desa', 'Kecamatan', 'Bulan', 'Jumlah Stunting'. Perbaikan: Tambahkan kolom 'diukur' (nama lain yang diterima: diukur, jumlah_diukur, balita_diukur, jml_balita_diukur, measured).",
    line_en="[ERROR] stunting_tanpa_kolom_diukur.csv, row 1: Required column 'diukur' is missing. Columns present: 'Kode Desa', 'Desa', 'Kecamatan', 'Bulan', 'Jumlah Stunting'. Fix: Add a column 'diukur' (other accepted names: diukur, jumlah_diukur, balita_diukur, jml_balita_diukur, measured).",
)

# ---- stunting: child rows ----------------------------------------------------

case(
    _csv(table(CH_HEADER, CH_ROWS, {(1, "Jenis Kelamin"): "X"})),
    file="stunting_anak_jenis_kelamin_salah.csv",
    flag="--stunting",
    code="bad_sex",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Jenis Kelamin",
    line_id="[GALAT] stunting_anak_jenis_kelamin_salah.csv, baris 3, kolom 'Jenis Kelamin': Jenis kelamin 'X' tidak dikenali. Perbaikan: Tulis L (laki-laki) atau P (perempuan).",
    line_en="[ERROR] stunting_anak_jenis_kelamin_salah.csv, row 3, column 'Jenis Kelamin': Sex 'X' is not recognised. Fix: Write L (male, laki-laki) or P (female, perempuan).",
)

case(
    _csv(table(CH_HEADER, CH_ROWS, {(2, "Tanggal Lahir"): "31/02/2021"})),
    file="stunting_anak_tanggal_salah.csv",
    flag="--stunting",
    code="bad_date",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Tanggal Lahir",
    line_id="[GALAT] stunting_anak_tanggal_salah.csv, baris 4, kolom 'Tanggal Lahir': '31/02/2021' bukan tanggal yang dikenali. Perbaikan: Tulis tanggal sebagai TTTT-BB-HH, mis. 2022-03-17.",
    line_en="[ERROR] stunting_anak_tanggal_salah.csv, row 4, column 'Tanggal Lahir': '31/02/2021' is not a recognised date. Fix: Write the date as YYYY-MM-DD, e.g. 2022-03-17.",
    note="31 February",
)

case(
    _csv(table(CH_HEADER, CH_ROWS, {(3, "Tinggi Badan"): "850"})),
    file="stunting_anak_tinggi_tak_masuk_akal.csv",
    flag="--stunting",
    code="height_out_of_range",
    severity="error",
    exit=1,
    level="row",
    row="5",
    column="Tinggi Badan",
    line_id="[GALAT] stunting_anak_tinggi_tak_masuk_akal.csv, baris 5, kolom 'Tinggi Badan': Tinggi/panjang badan 850 cm di luar rentang balita (30–150 cm). Perbaikan: Periksa satuan (cm, bukan mm) dan angka tinggi/panjang badan.",
    line_en="[ERROR] stunting_anak_tinggi_tak_masuk_akal.csv, row 5, column 'Tinggi Badan': Length/height 850 cm is outside the range for under-fives (30–150 cm). Fix: Check the unit (cm, not mm) and the length/height value.",
    note="height typed in millimetres; DUBIOUS: says '850' is not a number (it is a number outside 30-150 cm)",
)

case(
    _csv(table(CH_HEADER, CH_ROWS, {(1, "Tinggi Badan"): "72,5 cm"})),
    file="stunting_anak_tinggi_dengan_satuan.csv",
    flag="--stunting",
    code="bad_number",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="Tinggi Badan",
    line_id="[GALAT] stunting_anak_tinggi_dengan_satuan.csv, baris 3, kolom 'Tinggi Badan': '72,5 cm' bukan angka. Perbaikan: Tulis angka saja, mis. 82.5.",
    line_en="[ERROR] stunting_anak_tinggi_dengan_satuan.csv, row 3, column 'Tinggi Badan': '72,5 cm' is not a number. Fix: Write a plain number, e.g. 82.5.",
)

case(
    _csv(table(CH_HEADER, CH_ROWS, {(2, "Tanggal Lahir"): "2018-11-20"})),
    file="stunting_anak_umur_lebih_59_bulan.csv",
    flag="--stunting",
    code="age_out_of_range",
    severity="warning",
    exit=0,
    level="row",
    row="4",
    column="Tanggal Lahir",
    line_id="[PERINGATAN] stunting_anak_umur_lebih_59_bulan.csv, baris 4, kolom 'Tanggal Lahir': Umur 67 bulan di luar 0–59 bulan. Perbaikan: Periksa tanggal lahir dan tanggal ukur; hanya balita 0–59 bulan dihitung.",
    line_en="[WARNING] stunting_anak_umur_lebih_59_bulan.csv, row 4, column 'Tanggal Lahir': Age 67 months is outside 0–59 months. Fix: Check birth and measurement dates; only children 0–59 months are counted.",
)

# ---- population -------------------------------------------------------------

case(
    _csv(
        [
            ["Kode Desa", "Desa", "Jumlah Penduduk", "Jumlah Balita"],
            ["33.20.01.2001", "Kedungmalang", "6.412", "498"],
            ["3320012002", "Kalianyar", "4.075", "311"],
            ["33.20.01.2001", "Kedungmalang", "6.412", "498"],
        ]
    ),
    file="penduduk_desa_ganda.csv",
    flag="--population",
    code="duplicate_code",
    severity="error",
    exit=1,
    level="row",
    row="4",
    column="Kode Desa",
    line_id="[GALAT] penduduk_desa_ganda.csv, baris 4, kolom 'Kode Desa': Kode '33.20.01.2001' sudah dipakai di baris 2. Perbaikan: Setiap kode harus unik: perbaiki atau hapus salah satu baris.",
    line_en="[ERROR] penduduk_desa_ganda.csv, row 4, column 'Kode Desa': Code '33.20.01.2001' is already used on row 2. Fix: Every code must be unique: correct or delete one of the rows.",
)

# ---- boundaries -----------------------------------------------------------------


def _shp(drop=(), crs=None, gdf=None):
    def w(p: Path) -> None:
        g = villages() if gdf is None else gdf()
        if crs:
            g = g.to_crs(crs)
        write_shapefile(p, g, drop)

    return w


case(
    _shp(drop=(".shx",)),
    file="batas_tanpa_shx.shp",
    flag="--boundaries",
    code="shp_missing_part",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_tanpa_shx.shp: Shapefile tidak lengkap: berkas .shx tidak ada. Perbaikan: Salin semua berkas shapefile (.shp, .shx, .dbf, .prj) bersama-sama.",
    line_en="[ERROR] batas_tanpa_shx.shp: The shapefile is incomplete: the .shx file is missing. Fix: Copy all shapefile parts (.shp, .shx, .dbf, .prj) together.",
    note=".shp, .dbf, .prj, .cpg present; .shx missing",
)

case(
    _shp(drop=(".prj",), crs=UTM_49S),
    file="batas_utm_tanpa_prj.shp",
    flag="--boundaries",
    code="crs_missing_projected",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_utm_tanpa_prj.shp: Tidak ada sistem koordinat (.prj) dan koordinat dalam meter (mis. 455164, 9256433): zona UTM tidak dapat ditebak. Perbaikan: Sertakan berkas .prj dari sumber data (BIG biasanya UTM 49S = EPSG:32749).",
    line_en="[ERROR] batas_utm_tanpa_prj.shp: No coordinate system (.prj) and coordinates are in metres (e.g. 455164, 9256433): the UTM zone cannot be guessed. Fix: Include the .prj file from the data source (BIG usually uses UTM 49S = EPSG:32749).",
    note="UTM 49S metres, .prj missing",
)

case(
    _shp(crs=UTM_49S),
    file="batas_utm_dengan_prj.shp",
    flag="--boundaries",
    code="crs_reprojected",
    severity="info",
    exit=0,
    level="file",
    row="",
    column="",
    args="--verbose",
    line_id="[INFO] batas_utm_dengan_prj.shp: Sistem koordinat EPSG:32749 diubah ke WGS 84 (EPSG:4326).",
    line_en="[INFO] batas_utm_dengan_prj.shp: Coordinate system EPSG:32749 was reprojected to WGS 84 (EPSG:4326).",
)

case(
    _shp(drop=(".prj",)),
    file="batas_derajat_tanpa_prj.shp",
    flag="--boundaries",
    code="crs_assumed_wgs84",
    severity="warning",
    exit=0,
    level="file",
    row="",
    column="",
    line_id="[PERINGATAN] batas_derajat_tanpa_prj.shp: Tidak ada sistem koordinat (.prj); koordinat tampak dalam derajat sehingga dianggap WGS 84. Perbaikan: Sertakan berkas .prj agar pasti.",
    line_en="[WARNING] batas_derajat_tanpa_prj.shp: No coordinate system (.prj); coordinates look like degrees so WGS 84 was assumed. Fix: Include the .prj file to be sure.",
)


def _big_zip(p: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / "ADMINISTRASIDESA_AR_25K.shp"
        write_shapefile(shp, big_schema(villages(n=None)).to_crs(UTM_49S))
        write_zip(
            p, {f"ADMINISTRASIDESA_AR_25K{s}": shp.with_suffix(s).read_bytes() for s in SHP_PARTS}
        )


case(
    _big_zip,
    file="batas_big_utm49s.zip",
    flag="--boundaries",
    code="crs_reprojected",
    severity="info",
    exit=0,
    level="file",
    row="",
    column="",
    args="--verbose",
    line_id="[INFO] batas_big_utm49s.zip: Sistem koordinat EPSG:32749 diubah ke WGS 84 (EPSG:4326).",
    line_en="[INFO] batas_big_utm49s.zip: Coordinate system EPSG:32749 was reprojected to WGS 84 (EPSG:4326).",
    note="BIG schema (NAMOBJ, WADMKD, WADMKC, KDEPUM, ...) in UTM 49S, zipped, all 18 villages of Kec. Kedung",
)

case(
    lambda p: p.write_bytes(b"PK\x03\x04" + random_bytes(35, 1500)),
    file="batas_zip_rusak.zip",
    flag="--boundaries",
    code="file_unreadable",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_zip_rusak.zip: Berkas tidak dapat dibaca sebagai ZIP: arsip zip rusak. Perbaikan: Buat ulang arsip zip dari berkas-berkas aslinya.",
    line_en="[ERROR] batas_zip_rusak.zip: The file cannot be read as ZIP: damaged zip archive. Fix: Make the zip archive again from the original files.",
    note="truncated/corrupt zip; DUBIOUS: English line carries the Indonesian detail 'arsip zip rusak' and the fix says to re-save the ZIP from Excel/LibreOffice",
)

case(
    lambda p: write_zip(
        p,
        {
            "batas_desa/BACA_SAYA.txt": b"Shapefile menyusul.\n",
            "batas_desa/peta.pdf": b"%PDF-1.4\n",
        },
    ),
    file="batas_zip_tanpa_shp.zip",
    flag="--boundaries",
    code="zip_no_shapefile",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_zip_tanpa_shp.zip: Arsip zip tidak berisi berkas .shp, .gpkg atau .geojson. Perbaikan: Masukkan semua berkas shapefile ke dalam zip.",
    line_en="[ERROR] batas_zip_tanpa_shp.zip: The zip archive holds no .shp, .gpkg or .geojson file. Fix: Put all the shapefile parts in the zip.",
)

case(
    lambda p: write_zip(
        p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    ),
    file="batas_desa.docx",
    flag="--boundaries",
    code="file_type",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_desa.docx: Jenis berkas '.docx' tidak didukung untuk batas desa. Perbaikan: Gunakan Shapefile (.shp/.zip), GeoPackage (.gpkg) atau GeoJSON.",
    line_en="[ERROR] batas_desa.docx: File type '.docx' is not supported for village boundaries. Fix: Use Shapefile (.shp/.zip), GeoPackage (.gpkg) or GeoJSON.",
    note="DUBIOUS: English fix contains Indonesian 'atau'",
)


def _geojson(make):
    return lambda p: write_geojson(p, make())


def _dup_codes():
    g = villages()
    g.loc[2, "kode"] = g.loc[0, "kode"]
    return g


def _no_code():
    return villages()[["nama", "kecamatan", "geometry"]]


def _points():
    g = villages()
    g["geometry"] = g.geometry.representative_point()
    return g


def _other_regency():
    return villages("35.79", kec=None, n=3)


def _flat_polygon():
    from shapely.geometry import Polygon

    g = villages()
    x0, y0, x1, y1 = g.geometry.iloc[1].bounds
    y = round((y0 + y1) / 2, 6)
    g.loc[1, "geometry"] = Polygon([(x0, y), (x1, y), (round((x0 + x1) / 2, 6), y), (x0, y)])
    return g


def _bowtie():
    from shapely.geometry import Polygon

    g = villages()
    x0, y0, x1, y1 = g.geometry.iloc[1].bounds
    g.loc[1, "geometry"] = Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0)])
    return g


case(
    _geojson(_dup_codes),
    file="batas_kode_ganda.geojson",
    flag="--boundaries",
    code="duplicate_code",
    severity="error",
    exit=1,
    level="row",
    row="3",
    column="kode",
    line_id="[GALAT] batas_kode_ganda.geojson, baris 3, kolom 'kode': Kode '33.20.01.2001' sudah dipakai di baris 1. Perbaikan: Setiap kode harus unik: perbaiki atau hapus salah satu baris.",
    line_en="[ERROR] batas_kode_ganda.geojson, row 3, column 'kode': Code '33.20.01.2001' is already used on row 1. Fix: Every code must be unique: correct or delete one of the rows.",
)

case(
    _geojson(_no_code),
    file="batas_tanpa_kolom_kode.geojson",
    flag="--boundaries",
    code="boundary_no_code",
    severity="error",
    exit=1,
    level="file",
    row="",
    column="",
    line_id="[GALAT] batas_tanpa_kolom_kode.geojson: Tidak ada kolom kode desa (dicari: KDEPUM, kode, kode_desa, KD_DESA, kode_kemendagri, village_code, code, kode_wilayah). Perbaikan: Tambahkan kolom 'kode' berisi kode Kemendagri, mis. 33.20.01.2001.",
    line_en="[ERROR] batas_tanpa_kolom_kode.geojson: No village code column (looked for: KDEPUM, kode, kode_desa, KD_DESA, kode_kemendagri, village_code, code, kode_wilayah). Fix: Add a 'kode' column with the Kemendagri code, e.g. 33.20.01.2001.",
)

case(
    _geojson(_points),
    file="batas_lapisan_titik.geojson",
    flag="--boundaries",
    code="geom_not_polygon",
    severity="error",
    exit=1,
    level="row",
    row="1",
    column="geometry",
    line_id="[GALAT] batas_lapisan_titik.geojson, baris 1, kolom 'geometry': Geometri berjenis Point, bukan poligon. Perbaikan: Gunakan lapisan batas desa berbentuk poligon.",
    line_en="[ERROR] batas_lapisan_titik.geojson, row 1, column 'geometry': The geometry is a Point, not a polygon. Fix: Use a village boundary layer made of polygons.",
)

case(
    _geojson(_other_regency),
    file="batas_desa_kabupaten_lain.geojson",
    flag="--boundaries",
    code="boundary_other_region",
    severity="error",
    exit=1,
    level="row",
    row="1",
    column="kode",
    line_id="[GALAT] batas_desa_kabupaten_lain.geojson, baris 1, kolom 'kode': Desa 35.79.01.1001 bukan bagian dari 33.20. Perbaikan: Pilih wilayah yang sesuai atau hapus desa dari kabupaten lain.",
    line_en="[ERROR] batas_desa_kabupaten_lain.geojson, row 1, column 'kode': Village 35.79.01.1001 is not part of 33.20. Fix: Choose the matching region or delete villages of other regencies.",
    note="villages of Kota Batu (35.79) checked as Jepara (33.20); DUBIOUS: the region is shown as the bare code '33.20', not 'Kabupaten Jepara'",
)

case(
    _geojson(_flat_polygon),
    file="batas_poligon_tak_terperbaiki.geojson",
    flag="--boundaries",
    code="geom_unrepairable",
    severity="error",
    exit=1,
    level="row",
    row="2",
    column="geometry",
    line_id="[GALAT] batas_poligon_tak_terperbaiki.geojson, baris 2, kolom 'geometry': Poligon tidak valid (Self-intersection[110.637695 -6.694944]) dan tidak dapat diperbaiki. Perbaikan: Gambar ulang poligon desa ini di aplikasi SIG.",
    line_en="[ERROR] batas_poligon_tak_terperbaiki.geojson, row 2, column 'geometry': Invalid polygon (Self-intersection[110.637695 -6.694944]) that cannot be repaired. Fix: Redraw this village polygon in a GIS application.",
    note="village 2 was digitised as a flat (zero-area) ring along one latitude; reason is GEOS's raw English text 'Self-intersection[lon lat]'",
)

case(
    _geojson(_bowtie),
    file="batas_poligon_bowtie.geojson",
    flag="--boundaries",
    code="geom_repaired",
    severity="warning",
    exit=0,
    level="row",
    row="2",
    column="geometry",
    line_id="[PERINGATAN] batas_poligon_bowtie.geojson, baris 2, kolom 'geometry': Poligon tidak valid (Self-intersection[110.637695 -6.6949435]); diperbaiki otomatis. Perbaikan: Periksa bentuk desa ini di aplikasi SIG.",
    line_en="[WARNING] batas_poligon_bowtie.geojson, row 2, column 'geometry': Invalid polygon (Self-intersection[110.637695 -6.6949435]); repaired automatically. Fix: Check this village's shape in a GIS application.",
    note="village 2 is a self-crossing 'bow-tie' ring",
)


# --------------------------------------------------------------------------


def write_manifest(path: Path) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
    w.writeheader()
    for c in CASES:
        w.writerow({f: getattr(c, f) for f in MANIFEST_FIELDS})
    path.write_bytes(buf.getvalue().encode("utf-8"))


def build(out: Path = OUT) -> list[Path]:
    """Write every corpus file and MANIFEST.csv into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    for c in CASES:
        WRITERS[c.file](out / c.file)
    write_manifest(out / "MANIFEST.csv")
    return sorted(p for p in out.iterdir() if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    written = build(args.out)
    print(f"{len(CASES)} cases, {len(written)} files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
