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
    ],
    "kecamatan": ["kecamatan", "kec", "nama_kecamatan", "district", "subdistrict", "wadmkc"],
    "lat": ["lat", "lintang", "latitude", "y", "koordinat_lintang"],
    "lon": ["lon", "lng", "long", "bujur", "longitude", "x", "koordinat_bujur"],
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
        "kode": ["kode_puskesmas", "kode_pkm", "id_puskesmas", "id", "code"],
        "nama": ["nama_puskesmas", "puskesmas", "nama", "name"],
        "rawat_inap": ["rawat_inap", "inpatient", "ranap"],
        "lokasi_perkiraan": ["lokasi_perkiraan", "perkiraan", "approximate"],
    },
    "hospitals": {
        "kode": ["kode_rs", "kode_rumah_sakit", "id", "code"],
        "nama": ["nama_rs", "nama_rumah_sakit", "rumah_sakit", "rs", "nama", "name", "hospital"],
        "kelas": ["kelas", "tipe", "kelas_rs", "class", "type"],
        "lokasi_perkiraan": ["lokasi_perkiraan", "perkiraan", "approximate"],
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
    "bulan": ["bulan", "periode", "month", "bulan_pengukuran", "period"],
    "diukur": [
        "diukur",
        "jumlah_diukur",
        "balita_diukur",
        "jml_balita_diukur",
        "measured",
        "children_measured",
        "sasaran_diukur",
    ],
    "stunting": [
        "stunting",
        "jumlah_stunting",
        "balita_stunting",
        "jml_stunting",
        "stunted",
        "children_stunted",
        "pendek",
    ],
}

STUNTING_CHILD = {
    **{k: v for k, v in LOCATION.items() if k in ("kode_desa", "desa", "kecamatan")},
    "id_anak": ["id_anak", "nik_anak", "nik", "child_id", "id"],
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
}

POPULATION = {
    **{k: v for k, v in LOCATION.items() if k in ("kode_desa", "desa", "kecamatan")},
    "penduduk": ["penduduk", "jumlah_penduduk", "population", "pop"],
    "balita": ["balita", "jumlah_balita", "under5", "children_under_5", "sasaran_balita"],
}
