"""Data versions shared by every worker (ilp_dash.region.versions + ilp_dash.region.store).

Each test serves a fresh copy of data/ with its own state folder. "Another
worker" is a separate Python process started on the same folders: it must
serve the same version number and the same data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from ilp_dash.config import settings
from ilp_dash.region import store, upload, versions

from ..conftest import ROOT

CODE = "35.79"  # Kota Batu: 24 villages, loads fast


def _other_worker(code: str = CODE) -> dict:
    """Version and Pustu count served by a fresh process on the same folders."""
    script = (
        "import json; from ilp_dash.region import store; v, ds = store.current(%r); "
        "print(json.dumps({'version': v, 'pustu': len(ds.facilities['pustu'])}))" % code
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _age(path, seconds: float = 10.0) -> None:
    """Make a file look written ``seconds`` ago (the folder check waits for files to settle)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def _pustu_minus_last(data_dir) -> bytes:
    lines = (data_dir / CODE / "pustu.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return ("\n".join(lines[:-1]) + "\n").encode("utf-8")


def test_first_use_makes_version_1_from_the_folder_with_checksums(data_dir):
    assert store.version(CODE) == 1
    state = settings().state_dir / CODE
    assert state == data_dir / ".ilp" / CODE
    assert (state / "current").read_text().strip() == "1"
    meta = versions.info(CODE, 1)
    assert meta.source == "folder" and "pustu.csv" in meta.files and "README.md" in meta.files
    assert versions.damaged_files(CODE, 1) == []
    # the version's files are read-only copies, not the operator's files
    kept = versions.folder_of(CODE, 1) / "pustu.csv"
    assert kept.read_bytes() == (data_dir / CODE / "pustu.csv").read_bytes()
    assert not os.access(kept, os.W_OK) or os.geteuid() == 0
    assert kept.stat().st_mode & 0o222 == 0


def test_upload_is_seen_by_another_worker_process(data_dir):
    v, ds = store.current(CODE)
    n_before = len(ds.facilities["pustu"])
    body = _pustu_minus_last(data_dir)
    out = upload.apply_upload(CODE, "pustu", "pustu.csv", body, user="perencana")
    assert out.ok, [p.text("en") for p in out.errors]
    assert out.version == v + 1 == store.version(CODE)
    assert versions.info(CODE, out.version).user == "perencana"
    assert (data_dir / CODE / "pustu.csv").read_bytes() == body
    assert _other_worker() == {"version": v + 1, "pustu": n_before - 1}


def test_worker_follows_the_pointer_within_a_second(data_dir, monkeypatch):
    monkeypatch.setattr(store, "CHECK_SECONDS", 3600.0)
    v, ds = store.current(CODE)
    # another process publishes (here: restore makes a new version with the same files)
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from ilp_dash.region import versions; versions.restore({CODE!r}, {v})",
        ],
        env=os.environ.copy(),
        check=True,
        timeout=60,
    )
    assert versions.current_version(CODE) == v + 1
    assert store.version(CODE) == v  # checked less than CHECK_SECONDS ago
    monkeypatch.setattr(store, "CHECK_SECONDS", 0.0)
    assert store.version(CODE) == v + 1
    assert store.dataset(CODE) is not ds


def test_corrupt_file_in_the_folder_changes_nothing_but_a_planner_warning(data_dir):
    v, ds = store.current(CODE)
    served = len(ds.facilities["pustu"])
    target = data_dir / CODE / "pustu.csv"
    fixed = _pustu_minus_last(data_dir)
    target.write_bytes(b"\x00\xff garbage \x00" * 50)
    _age(target)
    assert versions.sync_folder(CODE, lambda f: store._load(f, CODE)) is None
    problem = versions.problem(CODE)
    assert (
        problem["kind"] == "folder"
        and problem["files"] == ["pustu.csv"]
        and problem["serving"] == v
    )
    assert problem["problems"] and all(
        p["message_id"] and p["message_en"] for p in problem["problems"]
    )
    assert versions.current_version(CODE) == v
    store.reset()  # even a worker started now serves the last good version
    assert store.version(CODE) == v and len(store.dataset(CODE).facilities["pustu"]) == served
    assert _other_worker()["version"] == v
    # the next look does not re-read the same bad file
    assert versions.sync_folder(CODE, lambda f: store._load(f, CODE)) is None
    # the operator fixes the file: a new version, the warning goes
    target.write_bytes(fixed)
    _age(target, 5)
    assert versions.sync_folder(CODE, lambda f: store._load(f, CODE)) == v + 1
    assert versions.problem(CODE) is None
    assert (
        versions.info(CODE, v + 1).source == "folder"
        and versions.info(CODE, v + 1).note == "pustu.csv"
    )


def test_a_file_still_being_written_is_not_taken_yet(data_dir):
    v = store.version(CODE)
    target = data_dir / CODE / "pustu.csv"
    target.write_bytes(_pustu_minus_last(data_dir))  # mtime: now
    assert versions.sync_folder(CODE, lambda f: store._load(f, CODE)) is None
    assert versions.problem(CODE) is None and versions.current_version(CODE) == v
    assert versions.sync_folder(CODE, lambda f: store._load(f, CODE), now=time.time() + 5) == v + 1


def test_store_looks_at_the_folder_in_the_background(data_dir, monkeypatch):
    v = store.version(CODE)
    target = data_dir / CODE / "pustu.csv"
    target.write_bytes(b'kode,nama\n"unclosed')
    _age(target)
    monkeypatch.setattr(store, "CHECK_SECONDS", 0.0)
    monkeypatch.setattr(store, "SYNC_SECONDS", 0.0)
    deadline = time.monotonic() + 30
    while versions.problem(CODE) is None and time.monotonic() < deadline:
        store.version(CODE)
        time.sleep(0.05)
    assert versions.problem(CODE) is not None
    assert store.version(CODE) == v


def test_damaged_version_on_disk_falls_back_to_the_last_good_one_for_every_worker(data_dir):
    v1, ds = store.current(CODE)
    out = upload.apply_upload(CODE, "pustu", "pustu.csv", _pustu_minus_last(data_dir))
    assert out.ok and out.version == v1 + 1
    damaged = versions.folder_of(CODE, v1 + 1) / "pustu.csv"
    os.chmod(damaged, 0o644)
    damaged.write_bytes(b"PK\x03\x04 not what was validated")
    store.reset()  # a worker (re)started now
    v, ds2 = store.current(CODE)
    assert v == v1 + 2  # a new version holding version 1's files
    assert (
        versions.info(CODE, v).source == "fallback"
        and versions.info(CODE, v).note == f"{v1 + 1}->{v1}"
    )
    assert len(ds2.facilities["pustu"]) == len(ds.facilities["pustu"])
    assert versions.problem(CODE)["kind"] == "damaged" and versions.problem(CODE)["files"] == [
        "pustu.csv"
    ]
    assert _other_worker()["version"] == v


def test_at_least_five_versions_are_kept_and_any_can_be_restored(data_dir, monkeypatch):
    monkeypatch.setenv("ILP_KEEP_VERSIONS", "2")  # asks for fewer than the minimum
    settings.cache_clear()
    assert settings().keep_versions == 5
    first = store.version(CODE)
    original = (data_dir / CODE / "pustu.csv").read_bytes()
    for _ in range(6):
        versions.restore(CODE, versions.current_version(CODE))
    kept = versions.numbers(CODE)
    assert len(kept) == 5 and kept[-1] == first + 6
    upload.apply_upload(CODE, "pustu", "pustu.csv", _pustu_minus_last(data_dir))
    newest = versions.current_version(CODE)
    assert (data_dir / CODE / "pustu.csv").read_bytes() != original
    restored = versions.restore(CODE, kept[-1], user="perencana")
    assert restored == newest + 1 and versions.info(CODE, restored).note == str(kept[-1])
    assert (data_dir / CODE / "pustu.csv").read_bytes() == original  # the operator's folder follows
    assert not versions.folder_changed(CODE)
    with pytest.raises(versions.VersionError):
        versions.restore(CODE, first)  # pruned


def test_two_uploads_validated_against_the_same_version_do_not_undo_each_other(
    data_dir, monkeypatch
):
    v = store.version(CODE)
    body = _pustu_minus_last(data_dir)
    real = versions.publish

    def someone_else_first(code, files, **kw):
        real(code, files, source="upload", note="other", base=kw["base"])  # the other planner wins
        return real(code, files, **kw)

    monkeypatch.setattr(upload.versions, "publish", someone_else_first)
    out = upload.apply_upload(CODE, "pustu", "pustu.csv", body)
    assert not out.ok and [p.code for p in out.errors] == ["upload_conflict"]
    assert "upload" in out.errors[0].fix_en and out.errors[0].message_id
    assert versions.current_version(CODE) == v + 1


def test_child_rows_are_kept_only_when_the_operator_opts_in(data_dir, monkeypatch):
    code, name = "33.20", "stunting_anak_umur_lebih_59_bulan.csv"
    body = (ROOT / "tests" / "bad_input" / name).read_bytes()
    out = upload.apply_upload(code, "stunting", name, body)
    assert out.ok and out.stored_as == "stunting_desa.csv"
    assert not (data_dir / code / "anak").exists()
    assert not [p for p in data_dir.rglob("*") if p.is_file() and b"A-0001" in p.read_bytes()]
    monkeypatch.setenv("ILP_KEEP_CHILD_ROWS", "1")
    settings.cache_clear()
    out = upload.apply_upload(code, "stunting", name, body)
    kept = list((data_dir / code / "anak").iterdir())
    assert out.ok and len(kept) == 1 and kept[0].read_bytes() == body
    assert kept[0].stat().st_mode & 0o077 == 0
    # the versions still hold only the village table
    assert (
        b"A-0001" not in (versions.folder_of(code, out.version) / "stunting_desa.csv").read_bytes()
    )


def test_a_region_without_a_data_folder_is_served_with_its_boundaries_only(data_dir):
    shutil.rmtree(data_dir / CODE)
    v, ds = store.current(CODE)
    assert v == 1 and versions.info(CODE, 1).files == {}
    assert len(ds.region.villages) == 24 and ds.facilities == {}
