"""The catalogue of messages a user can see about their files.

Each code has a message and a suggested fix, in Bahasa Indonesia and English.
Keeping them in one place keeps the two languages in step and lets the tests
assert the exact text a user reads.
"""

from __future__ import annotations

from dataclasses import dataclass

# code: (message_id, message_en, fix_id, fix_en)
CATALOGUE: dict[str, tuple[str, str, str, str]] = {
    # --- whole files -------------------------------------------------------
    "file_not_found": (
        "Berkas tidak ditemukan.",
        "File not found.",
        "Periksa nama dan folder berkas.",
        "Check the file name and folder.",
    ),
    "file_type": (
        "Jenis berkas '{ext}' tidak didukung untuk {what}.",
        "File type '{ext}' is not supported for {what_en}.",
        "Gunakan {allowed}.",
        "Use {allowed_en}.",
    ),
    "file_empty": (
        "Berkas kosong: tidak ada baris data.",
        "The file is empty: it has no data rows.",
        "Isi berkas dengan header di baris pertama dan satu baris per {item}.",
        "Fill the file with a header on the first row and one row per {item_en}.",
    ),
    "file_unreadable": (
        "Berkas tidak dapat dibaca sebagai {kind}: {detail}.",
        "The file cannot be read as {kind}: {detail_en}.",
        "{fix}",
        "{fix_en}",
    ),
    "encoding_latin1": (
        "Berkas bukan UTF-8; dibaca sebagai Windows-1252 (Latin-1).",
        "The file is not UTF-8; it was read as Windows-1252 (Latin-1).",
        "Simpan ulang sebagai 'CSV UTF-8' agar huruf khusus tidak berubah.",
        "Save it again as 'CSV UTF-8' so special letters are kept.",
    ),
    "header_found_below": (
        "Baris judul di atas tabel dilewati; header ada di baris {header_row}.",
        "Title rows above the table were skipped; the header is on row {header_row}.",
        "",
        "",
    ),
    "header_not_found": (
        "Tidak ada baris header dengan kolom yang dikenali (dicari: {expected}).",
        "No header row with recognised columns was found (looked for: {expected}).",
        "Pastikan baris header berisi nama kolom, mis. {example}.",
        "Make sure the header row holds column names, e.g. {example}.",
    ),
    "missing_column": (
        "Kolom wajib '{field}' tidak ada. Kolom yang ada: {found}.",
        "Required column '{field}' is missing. Columns present: {found}.",
        "Tambahkan kolom '{field}' (nama lain yang diterima: {aliases}).",
        "Add a column '{field}' (other accepted names: {aliases}).",
    ),
    "missing_one_of": (
        "Tidak ada kolom untuk {what}: perlu salah satu dari {options}.",
        "No column for {what_en}: one of {options} is needed.",
        "Tambahkan salah satu kolom tersebut.",
        "Add one of those columns.",
    ),
    "duplicate_column": (
        "Kolom '{field}' muncul lebih dari sekali (sebagai {names}).",
        "Column '{field}' appears more than once (as {names}).",
        "Hapus atau ganti nama salah satu kolom.",
        "Delete or rename one of the columns.",
    ),
    # --- values ------------------------------------------------------------
    "missing_value": (
        "Nilai '{field}' kosong.",
        "'{field}' is empty.",
        "Isi nilai {field} pada baris ini atau hapus baris ini.",
        "Fill in {field} on this row or delete the row.",
    ),
    "duplicate_code": (
        "Kode '{value}' sudah dipakai di baris {other_row}.",
        "Code '{value}' is already used on row {other_row}.",
        "Setiap kode harus unik: perbaiki atau hapus salah satu baris.",
        "Every code must be unique: correct or delete one of the rows.",
    ),
    "bad_number": (
        "'{value}' bukan angka.",
        "'{value}' is not a number.",
        "Tulis angka saja, mis. {example}.",
        "Write a plain number, e.g. {example}.",
    ),
    "negative_number": (
        "Nilai {value} negatif.",
        "Value {value} is negative.",
        "Tulis jumlah 0 atau lebih.",
        "Write a count of 0 or more.",
    ),
    "bad_yes_no": (
        "'{value}' tidak dikenali sebagai ya/tidak.",
        "'{value}' is not recognised as yes/no.",
        "Tulis 'ya' atau 'tidak' (juga diterima: 1/0, yes/no).",
        "Write 'ya' or 'tidak' (also accepted: 1/0, yes/no).",
    ),
    "bad_month": (
        "'{value}' bukan bulan yang dikenali.",
        "'{value}' is not a recognised month.",
        "Tulis bulan sebagai TTTT-BB, mis. 2024-06.",
        "Write the month as YYYY-MM, e.g. 2024-06.",
    ),
    "bad_date": (
        "'{value}' bukan tanggal yang dikenali.",
        "'{value}' is not a recognised date.",
        "Tulis tanggal sebagai TTTT-BB-HH, mis. 2022-03-17.",
        "Write the date as YYYY-MM-DD, e.g. 2022-03-17.",
    ),
    "stunted_gt_measured": (
        "Jumlah stunting ({stunted}) lebih besar dari jumlah balita diukur ({measured}).",
        "Stunted children ({stunted}) exceed children measured ({measured}).",
        "Periksa kedua angka; stunting tidak boleh melebihi yang diukur.",
        "Check both numbers; stunted cannot exceed measured.",
    ),
    "duplicate_village_month": (
        "Desa {village} bulan {month} sudah ada di baris {other_row}.",
        "Village {village}, month {month} is already on row {other_row}.",
        "Gabungkan kedua baris menjadi satu.",
        "Merge the two rows into one.",
    ),
    # --- coordinates -------------------------------------------------------
    "coord_unparseable": (
        "Koordinat '{value}' tidak dapat dibaca.",
        "Coordinate '{value}' cannot be read.",
        "Tulis derajat desimal (mis. -6.5897) atau derajat-menit-detik (mis. 6°35'23\"S).",
        "Write decimal degrees (e.g. -6.5897) or degrees-minutes-seconds (e.g. 6°35'23\"S).",
    ),
    "coord_dms_range": (
        "Menit atau detik pada '{value}' bernilai 60 atau lebih.",
        "Minutes or seconds in '{value}' are 60 or more.",
        "Menit dan detik harus di bawah 60, mis. 6°35'23\"S.",
        "Minutes and seconds must be below 60, e.g. 6°35'23\"S.",
    ),
    "coord_half": (
        "Hanya {present} yang diisi; {absent} kosong.",
        "Only {present_en} is filled in; {absent_en} is empty.",
        "Isi lintang dan bujur, atau kosongkan keduanya.",
        "Fill in both latitude and longitude, or leave both empty.",
    ),
    "coord_decimal_comma": (
        "Koma desimal dibaca sebagai titik: '{value}' menjadi {parsed}.",
        "Decimal comma read as a point: '{value}' became {parsed}.",
        "",
        "",
    ),
    "coord_dms": (
        "Derajat-menit-detik '{value}' diubah menjadi {parsed}.",
        "Degrees-minutes-seconds '{value}' converted to {parsed}.",
        "",
        "",
    ),
    "coord_swapped": (
        "Lintang dan bujur tertukar ({lat}, {lon}); sudah ditukar menjadi ({fixed_lat}, {fixed_lon}).",
        "Latitude and longitude were swapped ({lat}, {lon}); swapped to ({fixed_lat}, {fixed_lon}).",
        "Tukar isi kolom lintang dan bujur di berkas asli.",
        "Swap the latitude and longitude columns in the original file.",
    ),
    "coord_sign": (
        "Lintang {lat} tanpa tanda minus berada di luar {region}; dibaca sebagai {fixed_lat} (Lintang Selatan).",
        "Latitude {lat} without a minus sign lies outside {region}; read as {fixed_lat} (south).",
        "Tulis lintang selatan dengan tanda minus, mis. {fixed_lat}.",
        "Write southern latitudes with a minus sign, e.g. {fixed_lat}.",
    ),
    "coord_outside": (
        "Titik ({lat}, {lon}) berada {km} km di luar {region}.",
        "Point ({lat}, {lon}) lies {km} km outside {region}.",
        "Periksa koordinat: apakah lintang dan bujur tertukar, atau titik milik kabupaten lain?",
        "Check the coordinates: are latitude and longitude swapped, or does the point belong to another regency?",
    ),
    "coord_near_edge": (
        "Titik ({lat}, {lon}) berada {km} km di luar batas {region} (pantai atau batas yang disederhanakan); diterima.",
        "Point ({lat}, {lon}) lies {km} km outside the {region} boundary (coast or simplified boundary); accepted.",
        "Periksa koordinat bila fasilitas ini seharusnya di daratan.",
        "Check the coordinates if this facility should be inland.",
    ),
    "coord_other_village": (
        "Titik berada di Desa {found_name}, bukan di Desa {village_name} seperti tertulis.",
        "The point lies in village {found_name}, not in {village_name} as written.",
        "Periksa koordinat atau nama desa.",
        "Check the coordinates or the village name.",
    ),
    "coord_near_border": (
        "Titik ({lat}, {lon}) berada {km} km di luar batas {region} (batas yang disederhanakan); diterima.",
        "Point ({lat}, {lon}) lies {km} km outside the {region} boundary (simplified boundary); accepted.",
        "Periksa koordinat bila fasilitas ini seharusnya di dalam kabupaten.",
        "Check the coordinates if this facility should lie inside the regency.",
    ),
    "coord_other_regency": (
        "Titik ({lat}, {lon}) berada di {other}, {km} km di luar {region}.",
        "Point ({lat}, {lon}) lies in {other}, {km} km outside {region}.",
        "Hapus baris ini dari register {region} atau perbaiki koordinatnya.",
        "Remove this row from the {region} register or correct its coordinates.",
    ),
    "facility_same_place": (
        "{n} {item} berjarak paling jauh {metres} m satu sama lain (baris {rows}: {names}): tempat yang sama dua kali, atau titik bawaan geocoder?",
        "{n} facilities ({item_en}) lie at most {metres} m from each other (rows {rows}: {names}): the same place twice, or a geocoder's default point?",
        "Periksa koordinat tiap baris di lapangan atau di peta; hapus baris yang ganda.",
        "Check each row's coordinates on site or on a map; delete duplicate rows.",
    ),
    "points_not_points": (
        "Lapisan berisi {geom_type}, bukan titik: register {item} perlu satu titik per fasilitas.",
        "The layer holds {geom_type}, not points: a {item_en} register needs one point per facility.",
        "Ekspor lapisan titik (Point) dari aplikasi SIG, atau gunakan CSV/XLSX dengan lintang dan bujur.",
        "Export a point layer from the GIS application, or use CSV/XLSX with latitude and longitude.",
    ),
    "faskes_other_regency": (
        "{n} baris dari kabupaten/kota lain dilewati ({regencies}).",
        "{n} rows of other regencies and cities were skipped ({regencies}).",
        "",
        "",
    ),
    "faskes_other_kind": (
        "{n} baris jenis lain ({kinds}) dilewati: berkas ini dibaca sebagai daftar {item}.",
        "{n} rows of another kind ({kinds}) were skipped: this file was read as the {item_en} list.",
        "",
        "",
    ),
    "hospital_owner_inferred": (
        "Kepemilikan {n} rumah sakit ditebak dari nama (kolom kepemilikan tidak ada atau kosong): "
        "{gov} pemerintah (RSUD, RSUP, RS Bhayangkara, RS TNI…), {other} tidak diketahui — "
        "dianggap swasta, bukan tujuan rujukan.",
        "The ownership of {n} hospitals was inferred from their names (no or empty ownership "
        "column): {gov} government (RSUD, RSUP, RS Bhayangkara, military…), {other} unknown — "
        "treated as private, not a referral destination.",
        "Tambahkan kolom 'kepemilikan' (pemerintah / swasta) bila tebakan ini salah.",
        "Add a 'kepemilikan' column (pemerintah / swasta) if this guess is wrong.",
    ),
    "faskes_none_in_region": (
        "Tidak ada {item} dari {region} di berkas ini ({n} baris milik kabupaten/kota lain atau jenis lain).",
        "The file holds no {item_en} of {region} ({n} rows belong to other regencies or kinds).",
        "Periksa kode wilayah (--region) atau gunakan daftar faskes yang memuat {region}.",
        "Check the region code (--region) or use a facility list that covers {region}.",
    ),
    "village_fuzzy_rows": (
        "'{value}' dicocokkan dengan Desa {name} ({code}), kemiripan {score}% — {n} baris: {rows}.",
        "'{value}' was matched to village {name} ({code}), similarity {score}% — {n} rows: {rows}.",
        "Periksa kecocokan ini; tulis nama resmi agar pasti.",
        "Check this match; write the official name to be sure.",
    ),
    "location_approximate": (
        "Tanpa koordinat: diletakkan di dalam Desa {village_name} dan ditandai 'perkiraan'.",
        "No coordinates: placed inside village {village_name} and flagged 'approximate'.",
        "Tambahkan lintang/bujur untuk lokasi yang tepat.",
        "Add latitude/longitude for an exact location.",
    ),
    "no_location": (
        "Tidak ada koordinat dan tidak ada desa: lokasi tidak diketahui.",
        "No coordinates and no village: the location is unknown.",
        "Isi kolom desa (atau kode desa) atau lintang/bujur.",
        "Fill in the village (or village code) or latitude/longitude.",
    ),
    # --- villages ----------------------------------------------------------
    "village_unknown": (
        "Desa '{value}'{in_kec} tidak ditemukan di {region}.",
        "Village '{value}'{in_kec_en} was not found in {region}.",
        "Gunakan nama resmi Kemendagri atau kode desa; yang paling mirip: {suggestions}.",
        "Use the official Kemendagri name or the village code; closest names: {suggestions}.",
    ),
    "village_code_unknown": (
        "Kode desa '{value}' tidak ada di {region}.",
        "Village code '{value}' does not exist in {region}.",
        "Gunakan kode Kemendagri PP.KK.CC.DDDD, mis. {example}.",
        "Use the Kemendagri code PP.KK.CC.DDDD, e.g. {example}.",
    ),
    "village_fuzzy": (
        "'{value}' dicocokkan dengan Desa {name} ({code}), kemiripan {score}%.",
        "'{value}' was matched to village {name} ({code}), similarity {score}%.",
        "Periksa kecocokan ini; tulis nama resmi agar pasti.",
        "Check this match; write the official name to be sure.",
    ),
    "village_ambiguous": (
        "Nama desa '{value}' cocok dengan beberapa desa: {candidates}.",
        "Village name '{value}' matches several villages: {candidates}.",
        "Isi kolom kecamatan atau kode desa agar desa dapat dibedakan.",
        "Fill in the kecamatan or the village code to tell them apart.",
    ),
    "village_code_name_mismatch": (
        "Kode {code} adalah Desa {code_name}, tetapi nama tertulis '{value}'; kode yang dipakai.",
        "Code {code} is village {code_name}, but the name says '{value}'; the code was used.",
        "Periksa kode dan nama desa.",
        "Check the village code and name.",
    ),
    "kecamatan_unknown": (
        "Kecamatan '{value}' tidak ada di {region}.",
        "Kecamatan '{value}' does not exist in {region}.",
        "Gunakan nama kecamatan resmi: {options}.",
        "Use an official kecamatan name: {options}.",
    ),
    "base_unknown": (
        "Pangkalan '{value}' tidak ada di daftar Puskesmas/rumah sakit.",
        "Base '{value}' is not in the list of Puskesmas/hospitals.",
        "Tulis nama Puskesmas atau rumah sakit persis seperti di daftarnya, mis. {example}.",
        "Write the Puskesmas or hospital name exactly as in its register, e.g. {example}.",
    ),
    # --- stunting child rows -----------------------------------------------
    "bad_sex": (
        "Jenis kelamin '{value}' tidak dikenali.",
        "Sex '{value}' is not recognised.",
        "Tulis L (laki-laki) atau P (perempuan).",
        "Write L (male, laki-laki) or P (female, perempuan).",
    ),
    "bad_position": (
        "Cara ukur '{value}' tidak dikenali.",
        "Measuring position '{value}' is not recognised.",
        "Tulis 'terlentang' (panjang badan) atau 'berdiri' (tinggi badan).",
        "Write 'terlentang' (lying, length) or 'berdiri' (standing, height).",
    ),
    "height_out_of_range": (
        "Tinggi/panjang badan {value} cm di luar rentang balita (30–150 cm).",
        "Length/height {value} cm is outside the range for under-fives (30–150 cm).",
        "Periksa satuan (cm, bukan mm) dan angka tinggi/panjang badan.",
        "Check the unit (cm, not mm) and the length/height value.",
    ),
    "age_out_of_range": (
        "Umur {age_months} bulan di luar 0–59 bulan.",
        "Age {age_months} months is outside 0–59 months.",
        "Periksa tanggal lahir dan tanggal ukur; hanya balita 0–59 bulan dihitung.",
        "Check birth and measurement dates; only children 0–59 months are counted.",
    ),
    "haz_implausible": (
        "Tinggi {height} cm memberi z-score TB/U {z}, di luar batas WHO (−6 s.d. +6); baris tidak dihitung.",
        "Height {height} cm gives a height-for-age z-score of {z}, outside the WHO limits (−6 to +6); row not counted.",
        "Periksa tinggi/panjang badan dan tanggal lahir.",
        "Check the length/height and the birth date.",
    ),
    "children_aggregated": (
        "{n} baris pengukuran anak dijumlahkan menjadi {villages} baris desa-bulan.",
        "{n} child measurement rows were aggregated to {villages} village-month rows.",
        "",
        "",
    ),
    # --- stunting exports as they come (issue 11) ---------------------------
    "columns_ignored": (
        "{n} kolom tidak dipakai dan diabaikan: {names}.",
        "{n} columns are not used and were ignored: {names}.",
        "",
        "",
    ),
    "personal_columns_dropped": (
        "Kolom data pribadi ({names}) dibuang saat membaca; isinya tidak disimpan atau ditampilkan.",
        "Personal data columns ({names}) were dropped on reading; their contents are not stored or shown.",
        "",
        "",
    ),
    "rows_not_reported": (
        "{n} baris tanpa angka (bulan yang belum dilaporkan) dilewati: baris {rows}.",
        "{n} rows without counts (months not yet reported) were skipped: rows {rows}.",
        "Tidak perlu tindakan; isi angkanya bila bulan itu sudah dilaporkan.",
        "Nothing to do; fill in the counts once that month is reported.",
    ),
    "nothing_reported": (
        "Tidak ada baris dengan angka stunting; semua baris kosong.",
        "No row holds stunting counts; every row is empty.",
        "Isi jumlah balita diukur dan stunting, atau pilih berkas bulan yang sudah dilaporkan.",
        "Fill in children measured and stunted, or choose the file of a month already reported.",
    ),
    "missing_period": (
        "Tidak ada kolom bulan atau tahun. Kolom yang ada: {found}.",
        "No month or year column. Columns present: {found}.",
        "Tambahkan kolom 'bulan' (mis. 2024-06 atau 'Juni' dengan kolom 'tahun') atau 'tahun'.",
        "Add a 'bulan' column (e.g. 2024-06, or 'Juni' with a 'tahun' column) or a 'tahun' column.",
    ),
    "bad_year": (
        "'{value}' bukan tahun yang dikenali.",
        "'{value}' is not a recognised year.",
        "Tulis tahun dengan empat angka, mis. 2024.",
        "Write the year with four digits, e.g. 2024.",
    ),
    "month_year_disagree": (
        "Bulan '{value}' tidak cocok dengan tahun {year} di kolom tahun.",
        "Month '{value}' does not agree with the year {year} in the year column.",
        "Perbaiki bulan atau tahunnya agar sama.",
        "Correct the month or the year so that they agree.",
    ),
    "stunting_yearly": (
        "Angka stunting per tahun ({years}); ditampilkan sebagai tahun, tidak dibagi ke bulan.",
        "Yearly stunting figures ({years}); shown as a year, not split into months.",
        "",
        "",
    ),
    "stunting_counts_only": (
        "Tabel hanya berisi jumlah balita stunting, tanpa jumlah balita diukur: ditampilkan sebagai jumlah, bukan prevalensi; analisis hotspot tidak dibuat.",
        "The table holds only counts of stunted children, no children measured: shown as counts, never as a prevalence; no hotspot analysis.",
        "Untuk prevalensi dan hotspot, muat tabel yang juga berisi jumlah balita diukur (mis. rekap e-PPGBM).",
        "For a prevalence and hotspots, load a table that also holds children measured (e.g. the e-PPGBM recap).",
    ),
    "stunting_needs_measured": (
        "Tabel tidak berisi jumlah balita diukur; prevalensi dan hotspot tidak dapat dihitung.",
        "The table holds no children measured; prevalence and hotspots cannot be computed.",
        "Muat tabel yang berisi jumlah balita diukur dan jumlah stunting.",
        "Load a table holding children measured and children stunted.",
    ),
    "unit_not_count": (
        "Satuan '{value}' bukan jumlah orang; angka stunting harus berupa jumlah balita.",
        "Unit '{value}' is not a count of people; stunting figures must be numbers of children.",
        "Gunakan tabel dengan satuan ORANG/BALITA (jumlah), bukan persen.",
        "Use a table whose unit is ORANG/BALITA (a count), not a percentage.",
    ),
    "rows_other_region": (
        "{n} baris dari kabupaten/kota lain ({codes}) dilewati: baris {rows}.",
        "{n} rows of other regencies ({codes}) were skipped: rows {rows}.",
        "Tidak perlu tindakan bila berkas memuat seluruh provinsi; periksa kodenya bila tidak.",
        "Nothing to do when the file covers the whole province; otherwise check those codes.",
    ),
    "zscore_disagrees": (
        "Z-score TB/U dari berkas berbeda lebih dari {tolerance} dengan perhitungan WHO 2006 pada {n} dari {compared} baris (contoh: {examples}); yang dipakai hitungan WHO 2006.",
        "The file's height-for-age z-score differs by more than {tolerance} from the WHO 2006 computation on {n} of {compared} rows (e.g. {examples_en}); the WHO 2006 computation is used.",
        "Periksa tanggal lahir, tanggal ukur, tinggi dan cara ukur di baris tersebut, atau versi tabel rujukan aplikasi pencatatnya.",
        "Check the birth date, measurement date, height and position on those rows, or the reference tables of the recording application.",
    ),
    # --- boundaries --------------------------------------------------------
    "shp_missing_part": (
        "Shapefile tidak lengkap: berkas {part} tidak ada.",
        "The shapefile is incomplete: the {part} file is missing.",
        "Salin semua berkas shapefile (.shp, .shx, .dbf, .prj) bersama-sama.",
        "Copy all shapefile parts (.shp, .shx, .dbf, .prj) together.",
    ),
    "crs_missing_projected": (
        "Tidak ada sistem koordinat (.prj) dan koordinat dalam meter (mis. {x}, {y}): zona UTM tidak dapat ditebak.",
        "No coordinate system (.prj) and coordinates are in metres (e.g. {x}, {y}): the UTM zone cannot be guessed.",
        "Sertakan berkas .prj dari sumber data (BIG biasanya UTM 49S = EPSG:32749).",
        "Include the .prj file from the data source (BIG usually uses UTM 49S = EPSG:32749).",
    ),
    "crs_assumed_wgs84": (
        "Tidak ada sistem koordinat (.prj); koordinat tampak dalam derajat sehingga dianggap WGS 84.",
        "No coordinate system (.prj); coordinates look like degrees so WGS 84 was assumed.",
        "Sertakan berkas .prj agar pasti.",
        "Include the .prj file to be sure.",
    ),
    "crs_reprojected": (
        "Sistem koordinat {crs} diubah ke WGS 84 (EPSG:4326).",
        "Coordinate system {crs} was reprojected to WGS 84 (EPSG:4326).",
        "",
        "",
    ),
    "zip_no_shapefile": (
        "Arsip zip tidak berisi berkas .shp, .gpkg atau .geojson.",
        "The zip archive holds no .shp, .gpkg or .geojson file.",
        "Masukkan semua berkas shapefile ke dalam zip.",
        "Put all the shapefile parts in the zip.",
    ),
    "boundary_no_code": (
        "Tidak ada kolom kode desa (dicari: {aliases}).",
        "No village code column (looked for: {aliases}).",
        "Tambahkan kolom 'kode' berisi kode Kemendagri, mis. 33.20.01.2001.",
        "Add a 'kode' column with the Kemendagri code, e.g. 33.20.01.2001.",
    ),
    "boundary_bad_code": (
        "Kode desa '{value}' tidak berbentuk kode Kemendagri.",
        "Village code '{value}' is not a Kemendagri code.",
        "Tulis kode sebagai PP.KK.CC.DDDD, mis. 33.20.01.2001.",
        "Write the code as PP.KK.CC.DDDD, e.g. 33.20.01.2001.",
    ),
    "geom_missing": (
        "Baris ini tidak punya geometri.",
        "This row has no geometry.",
        "Gambar ulang poligon desa atau hapus baris ini.",
        "Redraw the village polygon or delete the row.",
    ),
    "geom_not_polygon": (
        "Geometri berjenis {geom_type}, bukan poligon.",
        "The geometry is a {geom_type}, not a polygon.",
        "Gunakan lapisan batas desa berbentuk poligon.",
        "Use a village boundary layer made of polygons.",
    ),
    "geom_repaired": (
        "Poligon tidak valid ({reason}); diperbaiki otomatis.",
        "Invalid polygon ({reason}); repaired automatically.",
        "Periksa bentuk desa ini di aplikasi SIG.",
        "Check this village's shape in a GIS application.",
    ),
    "geom_unrepairable": (
        "Poligon tidak valid ({reason}) dan tidak dapat diperbaiki.",
        "Invalid polygon ({reason}) that cannot be repaired.",
        "Gambar ulang poligon desa ini di aplikasi SIG.",
        "Redraw this village polygon in a GIS application.",
    ),
    "geom_out_of_range": (
        "Koordinat poligon di luar rentang derajat (mis. {x}, {y}).",
        "Polygon coordinates are outside the range of degrees (e.g. {x}, {y}).",
        "Periksa sistem koordinat berkas (.prj).",
        "Check the file's coordinate system (.prj).",
    ),
    "boundary_other_region": (
        "Desa {code} bukan bagian dari {region}.",
        "Village {code} is not part of {region}.",
        "Pilih wilayah yang sesuai atau hapus desa dari kabupaten lain.",
        "Choose the matching region or delete villages of other regencies.",
    ),
    "region_unknown": (
        "Wilayah '{value}' tidak tersedia. Wilayah yang ada: {options}.",
        "Region '{value}' is not available. Available regions: {options}.",
        "Gunakan salah satu kode wilayah tersebut.",
        "Use one of those region codes.",
    ),
    # --- the boundary source (ilp_dash.io.wilayah_source, ilp-dash add-region) ---------------------
    "source_not_found": (
        "Sumber batas wilayah '{path}' tidak ditemukan.",
        "The boundary source '{path}' was not found.",
        "Unduh github.com/cahyadsn/wilayah_boundaries (git clone atau 'Download ZIP') dan berikan folder atau berkas zip-nya ke --source.",
        "Download github.com/cahyadsn/wilayah_boundaries (git clone or 'Download ZIP') and give its folder or zip file to --source.",
    ),
    "source_layout_unknown": (
        "'{path}' bukan salinan wilayah_boundaries: tidak ada folder db/kab (atau kab/) berisi berkas SQL.",
        "'{path}' is not a copy of wilayah_boundaries: there is no db/kab (or kab/) folder of SQL files.",
        "Berikan folder hasil git clone, folder db/-nya, atau berkas zip dari 'Download ZIP' GitHub.",
        "Give the folder of a git clone, its db/ folder, or the zip file of GitHub's 'Download ZIP'.",
    ),
    "source_zip_damaged": (
        "Arsip zip '{path}' rusak atau tidak lengkap.",
        "The zip archive '{path}' is damaged or incomplete.",
        "Unduh ulang zip dari GitHub ('Code' > 'Download ZIP').",
        "Download the zip again from GitHub ('Code' > 'Download ZIP').",
    ),
    "source_file_missing": (
        "Berkas sumber untuk {value} tidak ada.",
        "The source file for {value} is missing.",
        "Gunakan salinan lengkap repositori wilayah_boundaries (git clone atau 'Download ZIP'); berkas ini harus ada.",
        "Use a complete copy of the wilayah_boundaries repository (git clone or 'Download ZIP'); this file must be there.",
    ),
    "source_file_damaged": (
        "Berkas sumber tidak dapat dibaca: {detail}.",
        "The source file cannot be read: {detail}.",
        "Unduh ulang berkas ini (atau seluruh repositori) dari wilayah_boundaries.",
        "Download this file (or the whole repository) from wilayah_boundaries again.",
    ),
    "region_code_bad": (
        "'{value}' bukan kode kabupaten/kota.",
        "'{value}' is not a regency/city code.",
        "Tulis kode Kemendagri kabupaten/kota sebagai PP.KK, mis. 33.20 (Kabupaten Jepara) atau 64.74 (Kota Bontang).",
        "Write the Kemendagri regency/city code as PP.KK, e.g. 33.20 (Kabupaten Jepara) or 64.74 (Kota Bontang).",
    ),
    "region_province_unknown": (
        "'{value}': kode provinsi {prov} tidak ada di Indonesia.",
        "'{value}': province code {prov} does not exist in Indonesia.",
        "Periksa kode; kode provinsi 11–96, mis. 33 Jawa Tengah, 64 Kalimantan Timur.",
        "Check the code; province codes run 11–96, e.g. 33 Jawa Tengah, 64 Kalimantan Timur.",
    ),
    "region_code_level": (
        "'{value}' adalah kode {level}, bukan kode kabupaten/kota.",
        "'{value}' is a {level_en} code, not a regency/city code.",
        "Gunakan kode kabupaten/kota {suggest} (dua bagian: provinsi.kabupaten).",
        "Use the regency/city code {suggest} (two parts: province.regency).",
    ),
    "region_not_in_source": (
        "Kabupaten/kota {value} tidak ada di sumber. Di provinsi {prov} ada: {options}.",
        "Regency/city {value} is not in the source. Province {prov} has: {options}.",
        "Gunakan salah satu kode tersebut.",
        "Use one of those codes.",
    ),
    "region_no_villages": (
        "Tidak ada desa/kelurahan {value} di berkas ini.",
        "This file holds no village of {value}.",
        "Berkas mungkin kosong atau salah; unduh ulang dari wilayah_boundaries.",
        "The file may be empty or the wrong one; download it again from wilayah_boundaries.",
    ),
    "region_bundled": (
        "{value} ({name}) sudah tersedia bersama aplikasi.",
        "{value} ({name}) already comes with the app.",
        "Tidak perlu ditambahkan: pilih di pemilih wilayah. Untuk membangun ulang geodata/ gunakan 'ilp-dash build-geodata'.",
        "No need to add it: choose it in the region switcher. To rebuild geodata/ use 'ilp-dash build-geodata'.",
    ),
    "sql_row_damaged": (
        "Baris SQL rusak atau terpotong ({detail}).",
        "Damaged or cut-off SQL row ({detail}).",
        "Unduh ulang berkas ini dari wilayah_boundaries; jangan menyuntingnya dengan tangan.",
        "Download this file from wilayah_boundaries again; do not edit it by hand.",
    ),
    "sql_truncated": (
        "Berkas berhenti di tengah perintah INSERT (baris data terakhir diakhiri koma): berkas terpotong.",
        "The file stops in the middle of an INSERT (the last data row ends with a comma): it was cut off.",
        "Unduh ulang berkas ini dari wilayah_boundaries.",
        "Download this file from wilayah_boundaries again.",
    ),
    "source_geom_empty": (
        "Wilayah {code} tidak punya poligon.",
        "Area {code} has no polygon.",
        "Unduh ulang berkas ini dari wilayah_boundaries.",
        "Download this file from wilayah_boundaries again.",
    ),
    "source_geom_outside": (
        "Poligon {code} berada di luar Indonesia (mis. lintang {lat}, bujur {lon}).",
        "The polygon of {code} lies outside Indonesia (e.g. latitude {lat}, longitude {lon}).",
        "Sumber menulis setiap titik sebagai [lintang, bujur]; pasangan yang tertukar atau rusak berasal dari berkas yang diubah. Unduh ulang berkas asli.",
        "The source writes each point as [latitude, longitude]; swapped or broken pairs come from an altered file. Download the original file again.",
    ),
    "source_village_no_polygon": (
        "Sumber tidak punya poligon untuk desa {code} ({name}); desa ini tidak ada di peta.",
        "The source has no polygon for village {code} ({name}); it is left off the map.",
        "Baris register untuk desa ini tidak akan cocok dengan desa mana pun; laporkan ke github.com/cahyadsn/wilayah_boundaries.",
        "Register rows for this village will not match any village; report it to github.com/cahyadsn/wilayah_boundaries.",
    ),
    "village_kecamatan_missing": (
        "Desa {code} merujuk kecamatan {kec} yang tidak ada di {kec_file}.",
        "Village {code} refers to kecamatan {kec}, which is not in {kec_file}.",
        "Gunakan berkas kec dan kel dari salinan wilayah_boundaries yang sama.",
        "Use the kec and kel files of the same copy of wilayah_boundaries.",
    ),
    # --- roads and sea links (ilp_dash.io.roads, ilp_dash.io.sea_links) ---------------------------
    "road_no_lines": (
        "Berkas tidak berisi garis jalan (LineString).",
        "The file holds no road lines (LineString).",
        "Ekspor lapisan jalan yang berbentuk garis, bukan titik atau poligon.",
        "Export the road layer made of lines, not points or polygons.",
    ),
    "road_not_line": (
        "{n} fitur bukan garis (mis. {geom_type}) dan dilewati.",
        "{n} features are not lines (e.g. {geom_type}) and were skipped.",
        "",
        "",
    ),
    "road_class_unknown": (
        "{n} ruas jalan berkelas '{value}' tidak dikenal dan dilewati.",
        "{n} road lines of class '{value}' are not recognised and were skipped.",
        "Isi kolom kecepatan (km/jam) atau gunakan kelas yang dikenal: {known}.",
        "Fill in a speed column (km/h) or use a recognised class: {known}.",
    ),
    "road_class_skipped": (
        "{n} ruas berkelas {value} (bukan jalan yang dapat dilalui) dilewati.",
        "{n} lines of class {value} (not passable roads) were skipped.",
        "",
        "",
    ),
    "road_bad_speed": (
        "{n} ruas jalan tanpa kecepatan yang sah di kolom '{speed_col}' (mis. fitur {rows}: '{value}').",
        "{n} road lines have no valid speed in column '{speed_col}' (e.g. feature {rows}: '{value}').",
        "Isi kecepatan dalam km/jam, lebih dari 0, atau sediakan kolom kelas jalan.",
        "Fill in the speed in km/h, above 0, or provide a road class column.",
    ),
    "road_speeds_used": (
        "Kecepatan: {n_column} ruas dari kolom '{speed_col}', {n_class} ruas dari kelas jalan (tabel bawaan).",
        "Speeds: {n_column} lines from column '{speed_col}', {n_class} lines from the road class (default table).",
        "",
        "",
    ),
    "road_reader_missing": (
        "Membaca berkas .osm.pbf memerlukan paket Python 'osmium' (pyosmium), yang belum terpasang.",
        "Reading an .osm.pbf file needs the Python package 'osmium' (pyosmium), which is not installed.",
        "Pasang dengan 'pip install osmium', atau ekspor jalan sebagai GeoPackage.",
        "Install it with 'pip install osmium', or export the roads as a GeoPackage.",
    ),
    "sea_minutes_bad": (
        "Waktu penyeberangan {value} menit harus lebih dari 0.",
        "Crossing time {value} minutes must be greater than 0.",
        "Tulis lama penyeberangan dalam menit, termasuk naik-turun kapal, mis. 120.",
        "Write the crossing time in minutes, boarding included, e.g. 120.",
    ),
    "sea_port_unknown": (
        "Pelabuhan '{value}' tidak punya koordinat di baris mana pun.",
        "Port '{value}' has no coordinates on any row.",
        "Isi lintang dan bujur pelabuhan ini setidaknya di satu baris.",
        "Fill in this port's latitude and longitude on at least one row.",
    ),
    "sea_coord_range": (
        "Koordinat pelabuhan ({lat}, {lon}) di luar rentang derajat.",
        "Port coordinates ({lat}, {lon}) are outside the range of degrees.",
        "Periksa apakah lintang dan bujur tertukar.",
        "Check whether latitude and longitude are swapped.",
    ),
    "sea_same_ends": (
        "Pelabuhan asal dan tujuan sama ({value}).",
        "The departure and arrival ports are the same ({value}).",
        "Periksa koordinat atau nama pelabuhan tujuan.",
        "Check the arrival port's coordinates or name.",
    ),
    "sea_port_conflict": (
        "Pelabuhan '{value}' punya koordinat lain di baris {other_row} ({km} km dari yang ini).",
        "Port '{value}' has other coordinates on row {other_row} ({km} km from these).",
        "Samakan koordinat pelabuhan yang sama di semua baris.",
        "Use the same coordinates for the same port on every row.",
    ),
    "sea_port_far": (
        "Pelabuhan '{value}' berada {km} km di luar {region}.",
        "Port '{value}' lies {km} km outside {region}.",
        "Periksa koordinat; abaikan bila kapal memang berlabuh di kabupaten lain.",
        "Check the coordinates; ignore this if the boat does call at another regency's port.",
    ),
}


@dataclass(frozen=True)
class Message:
    message_id: str
    message_en: str
    fix_id: str
    fix_en: str


class _Default(dict):
    """Leave unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, /, **params: object) -> Message:
    """Fill the templates of ``code`` with ``params``."""
    try:
        templates = CATALOGUE[code]
    except KeyError:
        raise KeyError(f"no message with code {code!r}") from None
    values = _Default({k: v for k, v in params.items()})
    # English variants of parameters default to the Indonesian ones.
    for key in list(values):
        values.setdefault(f"{key}_en", values[key])
    return Message(*(t.format_map(values) for t in templates))
