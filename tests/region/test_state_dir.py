"""A region's state folder: atomic writes, the lock and the fingerprint of the operator's folder."""

import os

from ilp_dash.region import state_dir


def test_atomic_write_replaces_whole_files_and_leaves_no_parts(tmp_path):
    target = tmp_path / "sub" / "current"
    state_dir.write_atomic(target, b"7\n")
    state_dir.write_atomic(target, b"8\n")
    assert target.read_bytes() == b"8\n" and os.listdir(target.parent) == ["current"]
    state_dir.write_json(tmp_path / "x.json", {"a": "é"})
    assert state_dir.read_json(tmp_path / "x.json") == {"a": "é"}
    assert state_dir.read_json(tmp_path / "missing.json") is None


def test_fingerprint_skips_hidden_lock_and_partial_files(tmp_path):
    for name in ("posyandu.csv", ".hidden", "~$posyandu.xlsx", "a.part", "b.tmp"):
        (tmp_path / name).write_text("x")
    (tmp_path / "folder").mkdir()
    assert list(state_dir.fingerprint(tmp_path)) == ["posyandu.csv"]
    assert state_dir.fingerprint(tmp_path / "none") == {}


def test_lock_refuses_a_second_holder_without_waiting():
    with state_dir.locked("99.99") as first:
        with state_dir.locked("99.99", wait=False) as second:
            assert first and not second
    with state_dir.locked("99.99", wait=False) as again:
        assert again
