"""A region's data set (io/dataset.py): which inputs are sample data, file by file."""

from __future__ import annotations

import shutil

from ilp_dash.io.dataset import find_files, load_dataset, load_folder

from ..conftest import ROOT


def real_puskesmas(tmp_path):
    """The sample Puskesmas list without its "DATA CONTOH SINTETIS" line: a planner's own file."""
    lines = (ROOT / "data" / "35.79" / "puskesmas.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "puskesmas.csv"
    path.write_text("\n".join(line for line in lines if not line.startswith("#")) + "\n")
    return path


def test_every_input_says_whether_it_is_sample_data():
    ds = load_folder("35.79", ROOT / "data" / "35.79")
    assert ds.synthetic and ds.all_sample
    assert set(ds.sample_inputs) == set(find_files(ROOT / "data" / "35.79"))


def test_one_real_file_beside_sample_registers_keeps_the_sample_flag(tmp_path):
    folder = tmp_path / "35.79"
    shutil.copytree(ROOT / "data" / "35.79", folder)
    shutil.copy(real_puskesmas(tmp_path), folder / "puskesmas.csv")
    ds = load_folder("35.79", folder)
    assert ds.inputs["puskesmas"] is False and ds.inputs["posyandu"] is True
    assert ds.synthetic and not ds.all_sample  # the badge stays
    assert "puskesmas" not in ds.sample_inputs and "posyandu" in ds.sample_inputs


def test_only_real_files_are_not_sample_data(tmp_path):
    ds = load_dataset("35.79", {"puskesmas": real_puskesmas(tmp_path)})
    assert not ds.synthetic and ds.sample_inputs == () and not ds.all_sample
