"""Accepted column names (Indonesian and English) for every kind of register.

Names are compared after :func:`ilp_dash.io.tables.norm_header`, so case,
spaces and punctuation do not matter.
"""

from __future__ import annotations

LOCATION = {
    "kode_desa": [
        "kode_desa",
        "kode_kelurahan",
        "kode_desa_kelurahan",
        "kode_wilayah",
        "kode_kemendagri",
        "village_code",
        "kdepum",
        "kd_desa",
        "kemendagri_kode_desa_kelurahan",
        "kode_kemendagri_desa_kelurahan",
        "kemendagri_kode_desa",
        "kode_desa_kel",
        "kode_kel",
    ],
    "desa": [
        "desa",
        "kelurahan",
        "desa_kelurahan",
        "desa_kel",
        "nama_desa",
        "nama_kelurahan",
        "village",
        "village_name",
        "wadmkd",
        "pekon",
        "kampung",
        "nama_desa_kelurahan",
        "nama_desa_kel",
        "desa_kelurahan_nama",
    ],
    "kecamatan": [
        "kecamatan",
        "kec",
        "nama_kecamatan",
        "district",
        "subdistrict",
        "wadmkc",
        "kemendagri_nama_kecamatan",
        "bps_nama_kecamatan",
    ],
    "lat": ["lat", "lintang", "latitude", "y", "koordinat_lintang", "lat_faskes"],
    "lon": ["lon", "lng", "long", "bujur", "longitude", "x", "koordinat_bujur", "long_faskes"],
    "koordinat": [
        "koordinat",
        "coordinates",
        "coordinate",
        "titik_koordinat",
        "lat_lon",
        "latlong",
        "lat_long",
    ],
}

FACILITY_KINDS = ("posyandu", "pustu", "puskesmas", "hospitals", "ambulances")

KIND_LABEL = {
    "posyandu": ("Posyandu", "Posyandu"),
    "pustu": ("Pustu", "Pustu"),
    "puskesmas": ("Puskesmas", "Puskesmas"),
    "hospitals": ("rumah sakit", "hospital"),
    "ambulances": ("ambulans", "ambulance"),
}

# The national health-facility list (one file for the whole country, every Puskesmas and
# hospital): read by the Puskesmas and the hospital registers alike.
NATIONAL_LIST: dict[str, list[str]] = {
    "jenis_faskes": ["jenis_faskes", "jenis_fasyankes", "tipe_faskes", "kategori_faskes"],
    "alamat": ["alamat_faskes", "alamat", "address"],
    "kepemilikan": [
        "kepemilikan",
        "kepemilikan_faskes",
        "kepemilika",  # a Shapefile (DBF) cuts field names to 10 letters
        "status_kepemilikan",
        "pemilik",
        "penyelenggara",
        "ownership",
        "owner",
    ],
    "kode_prov": ["kode_prov", "kode_provinsi", "kd_prov"],
}

_BY_KIND: dict[str, dict[str, list[str]]] = {
    "posyandu": {
        "kode": ["kode_posyandu", "id_posyandu", "id", "code", "posyandu_id"],
        "nama": ["nama_posyandu", "posyandu", "nama", "name", "posyandu_name"],
        "puskesmas": [
            "puskesmas",
            "nama_puskesmas",
            "puskesmas_induk",
            "health_centre",
            "health_center",
        ],
        "rw": ["rw", "dusun", "rw_dusun", "dusun_rw", "hamlet"],
        "strata": ["strata", "strata_posyandu", "tingkat"],
        "kader": ["kader", "jumlah_kader", "kader_aktif", "jml_kader", "kader_count", "cadres"],
        "ilp": ["ilp", "status_ilp", "posyandu_ilp", "is_ilp"],
        "bulan_ilp": [
            "bulan_ilp",
            "ilp_sejak",
            "mulai_ilp",
            "tanggal_ilp",
            "ilp_since",
            "ilp_month",
        ],
    },
    "pustu": {
        "kode": ["kode_pustu", "id_pustu", "id", "code"],
        "nama": ["nama_pustu", "pustu", "nama", "name"],
        "puskesmas": [
            "puskesmas",
            "nama_puskesmas",
            "puskesmas_induk",
            "health_centre",
            "health_center",
        ],
        "bidan": ["bidan", "jumlah_bidan", "midwives"],
        "perawat": ["perawat", "jumlah_perawat", "nurses"],
    },
    "puskesmas": {
        "kode": ["kode_puskesmas", "kode_pkm", "id_puskesmas", "kode_faskes", "id", "code"],
        "nama": ["nama_puskesmas", "puskesmas", "nama_faskes", "nama", "name"],
        "rawat_inap": ["rawat_inap", "inpatient", "ranap"],
        "lokasi_perkiraan": ["lokasi_perkiraan", "perkiraan", "approximate"],
        **NATIONAL_LIST,
    },
    "hospitals": {
        "kode": ["kode_rs", "kode_rumah_sakit", "kode_faskes", "id", "code"],
        "nama": [
            "nama_rs",
            "nama_rumah_sakit",
            "rumah_sakit",
            "rs",
            "nama_faskes",
            "nama",
            "name",
            "hospital",
        ],
        "kelas": ["kelas", "tipe", "kelas_rs", "class", "type"],
        # RSUD / RSU / RSIA / RS Bhayangkara…: helps tell government hospitals when ownership is missing
        "jenis_rs": ["jenis_rs", "jenis_rumah_sakit", "jenis", "hospital_type"],
        "lokasi_perkiraan": ["lokasi_perkiraan", "perkiraan", "approximate"],
        **NATIONAL_LIST,
    },
    "ambulances": {
        "kode": [
            "kode_ambulans",
            "id_ambulans",
            "no_polisi",
            "nomor_polisi",
            "id",
            "code",
            "plate",
        ],
        "nama": ["nama", "nama_ambulans", "name"],
        "pangkalan": [
            "pangkalan",
            "base",
            "lokasi_pangkalan",
            "faskes",
            "fasilitas",
            "puskesmas",
            "station",
        ],
        "jenis": ["jenis", "jenis_ambulans", "type"],
        "tahun": ["tahun", "tahun_pengadaan", "year"],
        "lokasi_perkiraan": ["lokasi_perkiraan", "perkiraan", "approximate"],
    },
}


def facility_aliases(kind: str) -> dict[str, list[str]]:
    """The canonical columns and accepted spellings for one register kind."""
    if kind not in _BY_KIND:
        raise ValueError(f"unknown register kind {kind!r}; expected one of {FACILITY_KINDS}")
    return {**_BY_KIND[kind], **LOCATION}


STUNTING_VILLAGE = {
    **{k: v for k, v in LOCATION.items() if k in ("kode_desa", "desa", "kecamatan")},
    # a month (any spelling of :func:`ilp_dash.io.values.parse_month`), or a month name with ``tahun``
    "bulan": ["bulan", "month", "bulan_pengukuran", "bulan_ukur", "bln"],
    # a month or a year (open-data tables)
    "periode": ["periode", "period", "periode_data"],
    "tahun": ["tahun", "year", "thn", "tahun_data"],
    "diukur": [
        "diukur",
        "jumlah_diukur",
        "balita_diukur",
        "jml_balita_diukur",
        "measured",
        "children_measured",
        "sasaran_diukur",
        "balita_diukur_pb_tb",
        "balita_diukur_tb_pb",
        "jml_balita_diukur_pb_tb",
        "jumlah_balita_diukur",
        "jumlah_balita_diukur_pb_tb",
        "diukur_pb_tb",
    ],
    "stunting": [
        "stunting",
        "jumlah_stunting",
        "balita_stunting",
        "jml_stunting",
        "stunted",
        "children_stunted",
        "pendek",
        "jml_balita_stunting",
        "jumlah_balita_stunting",
        "jumlah_stunting_balita",
    ],
    # open-data tables: the unit of the counts (``ORANG``; a percentage is refused)
    "satuan": ["satuan", "unit"],
}

STUNTING_CHILD = {
    **{k: v for k, v in LOCATION.items() if k in ("kode_desa", "desa", "kecamatan")},
    "jk": ["jk", "jenis_kelamin", "kelamin", "sex", "gender", "l_p"],
    "tgl_lahir": ["tgl_lahir", "tanggal_lahir", "birth_date", "dob", "date_of_birth"],
    "tgl_ukur": [
        "tgl_ukur",
        "tanggal_ukur",
        "tanggal_pengukuran",
        "tgl_pengukuran",
        "measurement_date",
        "date_measured",
    ],
    "tinggi": [
        "tinggi",
        "tb",
        "pb",
        "tb_pb",
        "pb_tb",
        "tinggi_badan",
        "panjang_badan",
        "height",
        "length",
        "height_cm",
        "length_height",
    ],
    "cara_ukur": ["cara_ukur", "posisi", "posisi_ukur", "position", "measure"],
    "berat": ["berat", "bb", "berat_badan", "weight", "weight_kg"],
    # the export's own height-for-age z-score, compared with the WHO 2006 computation
    "zs_tbu": ["zs_tb_u", "zs_tbu", "zs_pb_u", "zs_pb_tb_u", "z_tb_u", "zscore_tb_u", "haz"],
}

# Child-row columns that identify a child or a household: dropped as soon as the
# table is read, never stored, logged or shown (header names after norm_header).
PERSONAL = (
    "nik",
    "nik_anak",
    "id_anak",
    "no_kk",
    "kk",
    "nama",
    "nama_anak",
    "nama_balita",
    "nama_ortu",
    "nama_orang_tua",
    "nama_ibu",
    "nama_ayah",
    "nik_ortu",
    "nik_ibu",
    "alamat",
    "rt",
    "rw",
    "rt_rw",
    "no_hp",
    "hp",
    "telepon",
)

POPULATION = {
    **{k: v for k, v in LOCATION.items() if k in ("kode_desa", "desa", "kecamatan")},
    "penduduk": ["penduduk", "jumlah_penduduk", "population", "pop"],
    "balita": ["balita", "jumlah_balita", "under5", "children_under_5", "sasaran_balita"],
}
