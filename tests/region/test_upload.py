"""Applying an uploaded file to a region (ilp_dash.region.upload): refused files change nothing, clean ones are served.

Every test works on a temporary copy of ``data/`` (``ILP_DATA_DIR``); the
repository's own folder is checked byte for byte at the end of the module.
"""

from __future__ import annotations

import hashlib
import io
import shutil

import pandas as pd
import pytest

from ilp_dash.config import settings
from ilp_dash.io.dataset import load_folder
from ilp_dash.io.upload_limits import MAX_BYTES
from ilp_dash.region import results, store, upload
from ilp_dash.region.upload import apply_upload, detect_kind, safe_name

from ..conftest import ROOT

BAD = ROOT / "tests" / "bad_input"
REPO_DATA = ROOT / "data"


def _tree(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _digest(folder) -> str:
    h = hashlib.sha256()
    for name, body in _tree(folder).items():
        h.update(name.encode() + b"\0" + body)
    return h.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def repository_data_untouched():
    before = _digest(REPO_DATA)
    yield
    assert _digest(REPO_DATA) == before, "a test changed the repository's data/ folder"


def _forget() -> None:
    settings.cache_clear()
    store.reset()
    results.clear()
    results._geojson.cache_clear()  # not covered by results.clear(); boundaries may change in a test


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ that the app serves for the duration of one test."""
    copy = tmp_path / "data"
    shutil.copytree(REPO_DATA, copy)
    monkeypatch.setenv("ILP_DATA_DIR", str(copy))
    _forget()
    assert settings().data_dir == copy
    yield copy
    monkeypatch.undo()
    _forget()


def _unchanged(data_dir, code, before_tree, before_version, before_ds):
    assert _tree(data_dir / code) == before_tree
    assert store.version(code) == before_version
    assert store.dataset(code) is before_ds
    staging = data_dir / ".staging"
    assert not staging.exists() or not any(staging.iterdir())


# ------------------------------------------------------------------ names
@pytest.mark.parametrize(
    "name, kind",
    [
        ("posyandu.xlsx", "posyandu"),
        ("pustu.csv", "pustu"),
        ("rumah_sakit.csv", "hospitals"),
        ("ambulans.csv", "ambulances"),
        ("penduduk.csv", "population"),
        ("stunting_desa.csv", "stunting"),
        ("posyandu_kader_bukan_angka.csv", "posyandu"),
        ("daftar_posyandu.pdf", "posyandu"),
        ("Data Rumah Sakit 2025.xlsx", "hospitals"),
        ("penduduk_desa_ganda.csv", "population"),
        ("batas_desa.zip", "boundaries"),
        ("jepara_desa.gpkg", "boundaries"),
        ("catatan.csv", None),
    ],
)
def test_detect_kind_from_the_file_name(name, kind):
    assert detect_kind(name) == kind


def test_safe_name_keeps_only_the_last_part_and_plain_characters():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\bidan\\data posyandu (2).xlsx") == "data_posyandu_2_.xlsx"
    assert safe_name("") == "berkas"
    assert safe_name(".hidden.csv") == "hidden.csv"


# ------------------------------------------------------------------ refused
def test_bad_posyandu_is_refused_with_row_and_column_and_nothing_changes(data_dir):
    code = "33.20"
    version, ds = store.current(code)
    before = _tree(data_dir / code)
    body = (BAD / "posyandu_kader_bukan_angka.csv").read_bytes()
    out = apply_upload(code, "auto", "posyandu_kader_bukan_angka.csv", body)
    assert not out.ok and out.kind == "posyandu"
    assert [(p.file, p.row, p.column, p.code) for p in out.errors] == [
        ("posyandu_kader_bukan_angka.csv", 3, "Jumlah Kader", "bad_number")
    ]
    assert out.errors[0].message_id == "'lima' bukan angka."
    assert out.errors[0].message_en == "'lima' is not a number."
    assert out.version == version and out.counts == out.previous and out.counts["posyandu"] == 1139
    _unchanged(data_dir, code, before, version, ds)


def test_boundaries_missing_villages_of_the_registers_are_refused(data_dir):
    """A clean boundary file of one kecamatan only: the registers name villages it lacks."""
    code = "33.20"
    version, ds = store.current(code)
    before = _tree(data_dir / code)
    out = apply_upload(
        code, None, "batas_big_utm49s.zip", (BAD / "batas_big_utm49s.zip").read_bytes()
    )
    assert not out.ok and out.kind == "boundaries"
    files = {p.file for p in out.errors}
    assert "batas_big_utm49s.zip" not in files  # the file itself is fine ...
    assert {
        "posyandu.xlsx",
        "pustu.csv",
        "penduduk.csv",
    } <= files  # ... but the others no longer fit
    _unchanged(data_dir, code, before, version, ds)


def test_oversize_file_is_refused_in_both_languages(data_dir):
    code = "35.79"
    version, ds = store.current(code)
    before = _tree(data_dir / code)
    out = apply_upload(code, "pustu", "pustu.csv", b"x" * (MAX_BYTES + 1))
    assert not out.ok
    [p] = out.errors
    assert p.code == "upload_too_large"
    assert "20,0 MB" in p.message_id and "batas 20 MB" in p.message_id
    assert "20.0 MB" in p.message_en and "20 MB limit" in p.message_en
    assert p.fix_id and p.fix_en
    _unchanged(data_dir, code, before, version, ds)


@pytest.mark.parametrize(
    "name, kind, code_",
    [
        ("daftar_posyandu.pdf", "auto", "file_type"),
        ("posyandu.xls", "posyandu", "upload_old_excel"),
        ("batas_tanpa_shx.shp", "auto", "upload_lone_shp"),
        ("batas_desa.csv", "boundaries", "file_type"),
        ("catatan.csv", "auto", "upload_kind_unknown"),
    ],
)
def test_wrong_type_or_unknown_kind_is_refused(data_dir, name, kind, code_):
    code = "35.79"
    version, ds = store.current(code)
    before = _tree(data_dir / code)
    out = apply_upload(code, kind, name, b"kode,nama\n1,a\n")
    assert not out.ok
    assert [p.code for p in out.errors] == [code_]
    p = out.errors[0]
    assert p.message_id != p.message_en and p.fix_id and p.fix_en
    _unchanged(data_dir, code, before, version, ds)


def test_pdf_message_names_the_extension(data_dir):
    out = apply_upload(
        "35.79", None, "daftar_posyandu.pdf", (BAD / "daftar_posyandu.pdf").read_bytes()
    )
    assert "'.pdf'" in out.errors[0].message_id and "'.pdf'" in out.errors[0].message_en
    assert out.errors[0].fix_en == "Use CSV (.csv) or Excel (.xlsx)."


def test_a_file_that_cannot_be_stored_changes_nothing(data_dir, monkeypatch):
    code = "35.79"
    version, ds = store.current(code)
    before = _tree(data_dir / code)

    def full_disk(*_args, **_kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(upload.versions, "_publish_locked", full_disk)
    out = apply_upload(code, "pustu", "pustu.csv", (data_dir / code / "pustu.csv").read_bytes())
    assert not out.ok and [p.code for p in out.errors] == ["upload_not_stored"]
    assert "No space left on device" in out.errors[0].message_en
    _unchanged(data_dir, code, before, version, ds)


# ------------------------------------------------------------------ accepted
def _pustu_plus_one(text: str, villages: pd.DataFrame) -> tuple[str, str]:
    """The pustu.csv text with one more Pustu, in the first village that has none; and that village."""
    lines = text.splitlines()
    table = pd.read_csv(
        io.StringIO("\n".join(ln for ln in lines if not ln.startswith("#"))), dtype=str
    )
    free = villages[~villages["kode"].isin(table["kode_desa"])].iloc[0]
    same_kec = table[table["kecamatan"] == free["kecamatan"]]
    puskesmas = same_kec["puskesmas"].iloc[0] if len(same_kec) else table["puskesmas"].iloc[0]
    row = f"PST-{free['kode']},Pustu {free['nama']},{free['kode']},{free['nama']},{free['kecamatan']},{puskesmas},1,1"
    return text.rstrip("\n") + "\n" + row + "\n", free["kode"]


def test_good_pustu_with_one_more_row_is_served_as_a_new_version(data_dir):
    code = "33.20"
    version, ds = store.current(code)
    pustu_before = results.facility_counts(code)["pustu"]
    with_pustu_before = results.level_totals(code).iloc[-1]["desa_dengan_pustu"]
    text = (data_dir / code / "pustu.csv").read_text(encoding="utf-8")
    assert text.count("\nPST-") == 163
    new_text, village = _pustu_plus_one(text, ds.region.villages)
    assert pustu_before[village] == 0

    out = apply_upload(code, "auto", "pustu.csv", new_text.encode("utf-8"))

    assert out.ok, [p.text("en") for p in out.errors]
    assert out.version == version + 1 == store.version(code)
    assert out.previous["pustu"] == 163 and out.counts["pustu"] == 164
    assert out.counts["posyandu"] == out.previous["posyandu"] == 1139
    assert out.stored_as == "pustu.csv"
    assert (data_dir / code / "pustu.csv").read_bytes() == new_text.encode("utf-8")
    assert store.dataset(code) is not ds and len(store.dataset(code).facilities["pustu"]) == 164
    # the results follow the new version
    after = results.facility_counts(code)["pustu"]
    assert after[village] == 1 and after.sum() == pustu_before.sum() + 1
    assert results.level_totals(code).iloc[-1]["desa_dengan_pustu"] == with_pustu_before + 1
    assert not any((data_dir / ".staging").iterdir())
    assert not [p for p in (data_dir / code).iterdir() if p.name.startswith(".unggah-")]


def test_child_rows_are_summed_and_never_kept(data_dir):
    """Kedungmalang: 2 children measured, the girl of 17 months at 72.5 cm is below −2 SD (WHO −2 SD
    ≈ 74 cm), the boy of 27 months at 85.0 cm is not (−2 SD ≈ 82 cm); Kalianyar: the child of 67
    months is not counted, the girl of 34 months at 88.1 cm is not stunted (−2 SD ≈ 86 cm)."""
    code = "33.20"
    body = (BAD / "stunting_anak_umur_lebih_59_bulan.csv").read_bytes()
    out = apply_upload(code, None, "stunting_anak_umur_lebih_59_bulan.csv", body)
    assert out.ok and out.kind == "stunting" and out.stored_as == "stunting_desa.csv"
    assert "age_out_of_range" in [p.code for p in out.warnings]
    stored = (data_dir / code / "stunting_desa.csv").read_text(encoding="utf-8")
    assert "NIK" not in stored and "A-0001" not in stored and "Tanggal" not in stored
    table = pd.read_csv(io.StringIO(stored), comment="#", dtype={"kode_desa": str})
    assert table.to_dict("records") == [
        {"kode_desa": "33.20.01.2001", "bulan": "2024-06", "diukur": 2, "stunting": 1},
        {"kode_desa": "33.20.01.2002", "bulan": "2024-06", "diukur": 1, "stunting": 0},
    ]
    served = store.dataset(code).stunting
    assert list(served.columns) == ["kode_desa", "bulan", "diukur", "stunting"]
    assert served[["diukur", "stunting"]].to_numpy().tolist() == [[2, 1], [1, 0]]
    # no copy of the child rows is left anywhere under the data folder
    assert not [p for p in data_dir.rglob("*") if p.is_file() and b"A-0001" in p.read_bytes()]
    # the stored table loads back to the same numbers after a restart
    again = load_folder(code, data_dir / code)
    assert again.stunting[["diukur", "stunting"]].to_numpy().tolist() == [[2, 1], [1, 0]]


def test_a_much_shorter_register_is_accepted_with_a_warning(data_dir):
    code = "33.20"
    body = (BAD / "posyandu_judul_di_atas_bersih.xlsx").read_bytes()
    out = apply_upload(code, "posyandu", "posyandu_judul_di_atas_bersih.xlsx", body)
    assert out.ok and out.stored_as == "posyandu.xlsx"
    [warning] = [p for p in out.warnings if p.code == "upload_fewer_rows"]
    n = out.counts["posyandu"]
    assert n < 1139 / 2
    assert f"berisi {n} baris Posyandu; data sebelumnya 1.139" in warning.message_id
    assert f"holds {n} Posyandu rows; the previous data had 1,139" in warning.message_en
    assert (data_dir / code / "posyandu.xlsx").read_bytes() == body


def test_a_csv_register_replaces_the_xlsx_of_its_kind(data_dir):
    code = "33.20"
    body = (BAD / "posyandu_koma_desimal.csv").read_bytes()
    out = apply_upload(code, "posyandu", "posyandu_koma_desimal.csv", body)
    assert out.ok and out.stored_as == "posyandu.csv"
    assert not (data_dir / code / "posyandu.xlsx").exists()
    assert (data_dir / code / "posyandu.csv").read_bytes() == body
    assert upload.served_files(code)["posyandu"] == "posyandu.csv"


def test_a_reader_crash_is_reported_and_changes_nothing(data_dir, monkeypatch):
    code = "35.79"
    version, ds = store.current(code)
    before = _tree(data_dir / code)

    def broken(*_args, **_kw):
        raise KeyError("kolom")

    monkeypatch.setattr(upload, "load_dataset", broken)
    out = apply_upload(code, "pustu", "pustu.csv", (data_dir / code / "pustu.csv").read_bytes())
    assert not out.ok and [p.code for p in out.errors] == ["file_unreadable"]
    assert "KeyError" in out.errors[0].message_en
    _unchanged(data_dir, code, before, version, ds)
