"""What an upload's refusal says: every message and fix of :mod:`ilp_dash.io.upload_guard` and
:mod:`ilp_dash.region.upload`, in Bahasa Indonesia and English.

A catalogue only (like :mod:`ilp_dash.io.messages`): ``MESSAGES[code]`` is
``(message_id, message_en, fix_id, fix_en)`` with ``{named}`` fields;
:func:`problem` fills them in.
"""

from __future__ import annotations

from ilp_dash.io.problems import Problem

# code: (message_id, message_en, fix_id, fix_en), like ilp_dash.io.messages
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "upload_too_large": (
        "Berkas berukuran {mb_id} MB, melebihi batas {limit} MB.",
        "The file is {mb_en} MB, over the {limit} MB limit.",
        (
            "Simpan register sebagai CSV dan hapus lembar atau kolom yang tidak dipakai; untuk batas "
            "desa, kirim hanya desa kabupaten ini atau sederhanakan poligonnya."
        ),
        (
            "Save the register as CSV and delete unused sheets or columns; for village boundaries, "
            "send only this regency's villages or simplify the polygons."
        ),
    ),
    "upload_kind_unknown": (
        "Jenis berkas tidak dapat dikenali dari nama '{name}'.",
        "The kind of file cannot be told from the name '{name}'.",
        (
            "Pilih jenisnya di daftar 'Jenis berkas', atau beri nama seperti posyandu.xlsx, pustu.csv, "
            "puskesmas.csv, rumah_sakit.csv, ambulans.csv, penduduk.csv, stunting_desa.csv, batas_desa.zip."
        ),
        (
            "Choose its kind in the 'File kind' list, or name it like posyandu.xlsx, pustu.csv, "
            "puskesmas.csv, rumah_sakit.csv, ambulans.csv, penduduk.csv, stunting_desa.csv, batas_desa.zip."
        ),
    ),
    "upload_old_excel": (
        "Format Excel lama (.xls, Excel 97–2003) tidak dapat dibaca.",
        "The old Excel format (.xls, Excel 97–2003) cannot be read.",
        (
            "Buka berkas di Excel/LibreOffice lalu simpan sebagai 'Excel Workbook (.xlsx)' atau "
            "'CSV UTF-8', kemudian unggah lagi."
        ),
        (
            "Open the file in Excel/LibreOffice, save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8', "
            "then upload it again."
        ),
    ),
    "upload_lone_shp": (
        "Berkas .shp saja tidak cukup: bagian .shx, .dbf dan .prj juga diperlukan.",
        "A .shp file alone is not enough: its .shx, .dbf and .prj parts are needed too.",
        "Masukkan .shp, .shx, .dbf dan .prj ke dalam satu arsip .zip, lalu unggah arsip itu.",
        "Put the .shp, .shx, .dbf and .prj files into one .zip archive and upload that.",
    ),
    "upload_content_mismatch": (
        "Isi berkas '{name}' bukan {type_id}{seen_id}. Mengganti akhiran nama berkas tidak mengubah isinya.",
        "The content of '{name}' is not {type_en}{seen_en}. Renaming a file does not change its content.",
        "{fix_id}",
        "{fix_en}",
    ),
    "upload_damaged": (
        "Berkas '{name}' rusak atau tidak lengkap ({detail_id}).",
        "The file '{name}' is damaged or incomplete ({detail_en}).",
        (
            "Unggah lagi; jika tetap gagal, buka berkas aslinya di komputer Anda dan simpan ulang (berkas "
            "bisa terpotong saat diunduh atau disalin)."
        ),
        (
            "Upload it again; if it still fails, open the original on your computer and save it again "
            "(a file can be cut short when downloaded or copied)."
        ),
    ),
    "upload_zip_slip": (
        "Arsip '{name}' berisi '{member}', {what_id}. Arsip seperti ini dapat menimpa berkas lain dan tidak diterima.",
        "The archive '{name}' holds '{member}', {what_en}. Such an archive could overwrite other files and is refused.",
        (
            "Buat arsip baru yang berisi berkas-berkasnya saja, tanpa jalur folder di atasnya dan tanpa "
            "tautan (shortcut/symlink); untuk Excel, buka dan simpan ulang di Excel/LibreOffice."
        ),
        (
            "Make a new archive holding only the files themselves, with no folder path above them and no "
            "links (shortcuts/symlinks); for Excel, open and save the file again in Excel/LibreOffice."
        ),
    ),
    "upload_zip_bomb": (
        "Arsip '{name}' mengembang jauh melebihi ukurannya: {detail_id}.",
        "The archive '{name}' unpacks to far more than its size: {detail_en}.",
        (
            "Kirim hanya data kabupaten ini; untuk batas desa, sederhanakan poligon di aplikasi SIG (mis. QGIS) "
            "lalu buat arsipnya lagi."
        ),
        (
            "Send only this regency's data; for village boundaries, simplify the polygons in a GIS application "
            "(e.g. QGIS) and make the archive again."
        ),
    ),
    "upload_zip_nested": (
        "Arsip '{name}' berisi arsip lain ('{member}'). Arsip di dalam arsip tidak dibuka.",
        "The archive '{name}' holds another archive ('{member}'). Archives inside archives are not opened.",
        "Buka arsip yang di dalam, lalu masukkan berkas-berkasnya langsung ke satu arsip .zip.",
        "Unpack the inner archive and put its files directly into one .zip archive.",
    ),
    "upload_zip_encrypted": (
        "Arsip '{name}' dikunci dengan kata sandi ('{member}').",
        "The archive '{name}' is locked with a password ('{member}').",
        "Buat arsip lagi tanpa kata sandi, lalu unggah arsip itu.",
        "Make the archive again without a password and upload that.",
    ),
    "upload_too_many_members": (
        "Arsip '{name}' berisi {count} berkas; batasnya {limit}.",
        "The archive '{name}' holds {count} files; the limit is {limit}.",
        "{fix_id}",
        "{fix_en}",
    ),
    "upload_macro": (
        "Berkas '{name}' berisi makro (VBA). Makro tidak diterima.",
        "The file '{name}' contains macros (VBA). Macros are not accepted.",
        "Di Excel pilih Simpan Sebagai → 'Excel Workbook (.xlsx)' (tanpa makro), lalu unggah berkas .xlsx itu.",
        "In Excel choose Save As → 'Excel Workbook (.xlsx)' (without macros), then upload that .xlsx file.",
    ),
    "upload_xml_entities": (
        "Berkas '{name}' berisi deklarasi XML (DTD/entitas) di '{member}' yang tidak pernah dibuat Excel dan tidak diterima.",
        "The file '{name}' holds XML declarations (DTD/entities) in '{member}' that Excel never writes; they are refused.",
        "Buka berkas di Excel/LibreOffice dan simpan ulang sebagai .xlsx, atau simpan sebagai CSV UTF-8.",
        "Open the file in Excel/LibreOffice and save it again as .xlsx, or save it as CSV UTF-8.",
    ),
    "upload_not_stored": (
        "Berkas sudah benar tetapi tidak dapat disimpan di folder data ({reason}).",
        "The file is valid but could not be stored in the data folder ({reason}).",
        "Periksa ruang disk dan izin tulis folder data, lalu unggah lagi.",
        "Check the disk space and write permission of the data folder, then upload again.",
    ),
    "upload_conflict": (
        "Data wilayah ini baru saja diganti oleh unggahan lain (versi {version}); berkas ini belum dipakai.",
        "This region's data was just replaced by another upload (version {version}); this file was not used.",
        "Muat ulang halaman untuk melihat data terbaru, lalu unggah berkas ini lagi.",
        "Reload the page to see the latest data, then upload this file again.",
    ),
    "upload_fewer_rows": (
        (
            "Berkas ini berisi {after_id} baris {label_id}; data sebelumnya {before_id}. Berkas ini "
            "menggantikan seluruh data {label_id}."
        ),
        (
            "This file holds {after_en} {label_en} rows; the previous data had {before_en}. The file "
            "replaces all {label_en} data."
        ),
        "Jika ini hanya sebagian, unggah lagi data {label_id} yang lengkap.",
        "If this is only part of it, upload the complete {label_en} data again.",
    ),
    "upload_too_many_rows": (
        "Berkas '{name}' berisi {found_id} baris{where_id}; batas untuk data {label_id} adalah {limit_id} baris.",
        "The file '{name}' holds {found_en} rows{where_en}; the limit for {label_en} data is {limit_en} rows.",
        "{fix_id}",
        "{fix_en}",
    ),
}

FIX_ROWS = {
    "stunting": (
        (
            "Kirim tabel per desa dan bulan (kode_desa, bulan, diukur, stunting) alih-alih baris per anak, atau "
            "pecah data per kecamatan atau per bulan; hapus juga baris kosong di bawah tabel."
        ),
        (
            "Send the village-by-month table (kode_desa, bulan, diukur, stunting) instead of child rows, or split "
            "the data per kecamatan or per month; also delete empty rows below the table."
        ),
    ),
    "": (
        (
            "Periksa bahwa ini memang daftar {label_id} (satu baris per {label_id} atau per desa); hapus baris "
            "kosong di bawah tabel dan lembar yang tidak dipakai, atau pecah per kecamatan."
        ),
        (
            "Check that this is really the {label_en} list (one row per facility or per village); delete empty "
            "rows below the table and unused sheets, or split it per kecamatan."
        ),
    ),
}
FIX_MEMBERS = {
    ".zip": (
        (
            "Satu Shapefile hanya perlu beberapa berkas (.shp, .shx, .dbf, .prj, .cpg): kirim arsip yang "
            "hanya berisi lapisan batas desa."
        ),
        (
            "A Shapefile needs only a few files (.shp, .shx, .dbf, .prj, .cpg): send an archive holding only "
            "the village boundary layer."
        ),
    ),
    ".xlsx": (
        "Hapus lembar, gambar dan objek yang tidak dipakai, atau simpan tabel sebagai CSV UTF-8.",
        "Delete unused sheets, pictures and objects, or save the table as CSV UTF-8.",
    ),
}
# suffix: (type_id, type_en, fix_id, fix_en)
TYPES = {
    ".xlsx": (
        "buku kerja Excel (.xlsx)",
        "an Excel workbook (.xlsx)",
        (
            "Buka berkas aslinya di Excel/LibreOffice dan pilih Simpan Sebagai → 'Excel Workbook (.xlsx)' "
            "atau 'CSV UTF-8', lalu unggah berkas baru itu."
        ),
        (
            "Open the original in Excel/LibreOffice and choose Save As → 'Excel Workbook (.xlsx)' or "
            "'CSV UTF-8', then upload the new file."
        ),
    ),
    ".csv": (
        "tabel teks CSV",
        "a CSV text table",
        (
            "Buka berkas aslinya di Excel/LibreOffice dan pilih Simpan Sebagai → 'CSV UTF-8 (.csv)', lalu "
            "unggah berkas baru itu."
        ),
        (
            "Open the original in Excel/LibreOffice and choose Save As → 'CSV UTF-8 (.csv)', then upload "
            "the new file."
        ),
    ),
    ".zip": (
        "arsip .zip",
        "a .zip archive",
        (
            "Pilih berkas .shp, .shx, .dbf dan .prj, klik kanan → Kirim ke → Folder terkompresi (zip), lalu "
            "unggah arsip itu."
        ),
        (
            "Select the .shp, .shx, .dbf and .prj files, right-click → Send to → Compressed (zipped) folder, "
            "then upload that archive."
        ),
    ),
    ".gpkg": (
        "GeoPackage (.gpkg)",
        "a GeoPackage (.gpkg)",
        "Ekspor lagi lapisan batas desa dari aplikasi SIG (mis. QGIS) sebagai GeoPackage.",
        "Export the village boundary layer again from the GIS application (e.g. QGIS) as GeoPackage.",
    ),
    ".geojson": (
        "GeoJSON",
        "GeoJSON",
        "Ekspor lagi lapisan batas desa dari aplikasi SIG (mis. QGIS) sebagai GeoJSON.",
        "Export the village boundary layer again from the GIS application (e.g. QGIS) as GeoJSON.",
    ),
}
TYPES[".json"] = TYPES[".geojson"]


def problem(file: str, code: str, severity: str = "error", **params: object) -> Problem:
    """The :class:`Problem` of message ``code`` about ``file`` (``{name}`` defaults to the file)."""
    params.setdefault("name", file)
    mid, men, fid, fen = (text.format(**params) for text in MESSAGES[code])
    return Problem(
        file=file,
        row=None,
        column=None,
        severity=severity,
        code=code,  # type: ignore[arg-type]
        message_id=mid,
        message_en=men,
        fix_id=fid,
        fix_en=fen,
    )


def thousands(n: int) -> tuple[str, str]:
    """``n`` with thousands separators for each language: ``("1.234.567", "1,234,567")``."""
    return f"{n:,}".replace(",", "."), f"{n:,}"
