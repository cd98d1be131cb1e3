"""Browser tests of the Unggah data screen: a bad file shows its report and changes nothing; a good one is served.

The app serves a temporary copy of ``data/`` (``ILP_DATA_DIR``), never the
repository's folder.
"""

import shutil
import time
from pathlib import Path

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_villages
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

from ilp_dash.config import settings
from ilp_dash.region import results, store
from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad_input"


@pytest.fixture(scope="module", autouse=True)
def repository_data_untouched():
    def tree():
        return {
            str(p.relative_to(ROOT)): p.read_bytes()
            for p in sorted((ROOT / "data").rglob("*"))
            if p.is_file()
        }

    before = tree()
    yield
    assert tree() == before, "a test changed the repository's data/ folder"


def _forget() -> None:
    settings.cache_clear()
    store.reset()
    results.clear()
    results._geojson.cache_clear()  # not covered by results.clear()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("ILP_DATA_DIR", str(copy))
    _forget()
    yield copy
    monkeypatch.undo()
    _forget()


def _wait(predicate, timeout: float = 15, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
        except (
            NoSuchElementException,
            StaleElementReferenceException,
        ):  # the panel is being redrawn
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_bad_file_shows_row_and_column_and_leaves_the_map(dash_duo, data_dir):
    before_files = {p.name: p.read_bytes() for p in (data_dir / "33.20").iterdir()}
    open_page(dash_duo, create_app(), "/unggah")
    wait_villages(dash_duo, 195)
    z_before = figure_data(dash_duo)[1]["z"]
    dash_duo.find_element("#up-upload input").send_keys(str(BAD / "posyandu_kader_bukan_angka.csv"))
    dash_duo.wait_for_contains_text(
        "#up-summary", "Berkas ditolak: 1 galat. Data yang tampil tidak berubah.", timeout=30
    )
    cells = _wait(
        lambda: [c.text for c in dash_duo.find_elements("#up-report td")], what="report table"
    )
    assert cells[:6] == [
        "posyandu_kader_bukan_angka.csv",
        "3",
        "Jumlah Kader",
        "GALAT",
        "'lima' bukan angka.",
        "Tulis angka saja, mis. 12.",
    ]
    assert figure_data(dash_duo)[1]["z"] == z_before
    assert "data versi 1" in dash_duo.find_element("#up-map-title").text
    assert {p.name: p.read_bytes() for p in (data_dir / "33.20").iterdir()} == before_files
    assert store.version("33.20") == 1
    shot(dash_duo, "unggah_error")
    no_console_errors(dash_duo)


def test_file_over_the_limit_is_refused_in_the_browser_with_a_message(dash_duo, data_dir, tmp_path):
    """Sent, a 21 MB file would meet the server's request limit and vanish without a word."""
    big = tmp_path / "posyandu_besar.csv"
    big.write_bytes(b"kode_posyandu,nama_posyandu,desa\n" + b"P1,Posyandu Mawar,Temas\n" * 920_000)
    assert 20 * 1024 * 1024 < big.stat().st_size < 22 * 1024 * 1024
    open_page(dash_duo, create_app(), "/unggah?region=35.79&lang=en")
    wait_villages(dash_duo, 24)
    dash_duo.find_element("#up-upload input").send_keys(str(big))
    dash_duo.wait_for_contains_text(
        "#up-too-big", "posyandu_besar.csv: The file is 21.1 MB, over the 20 MB limit.", timeout=30
    )
    assert "Save the register as CSV" in dash_duo.find_element("#up-too-big").text
    assert (
        store.version("35.79") == 1 and "version 1" in dash_duo.find_element("#up-map-title").text
    )
    shot(dash_duo, "unggah_too_big")
    no_console_errors(dash_duo)


def test_good_file_is_accepted_and_served(dash_duo, data_dir, tmp_path):
    pustu = (data_dir / "35.79" / "pustu.csv").read_text(encoding="utf-8")
    rows = [ln for ln in pustu.splitlines() if ln.startswith("PST-")]
    assert len(rows) == 14 and not any(
        ",35.79.01.1001," in r for r in rows
    )  # Temas has no Pustu yet
    new = tmp_path / "pustu.csv"
    new.write_text(
        pustu.rstrip("\n")
        + "\nPST-BARU,Pustu Temas,35.79.01.1001,Temas,Batu,Puskesmas Batu I,1,1\n",
        encoding="utf-8",
    )
    open_page(dash_duo, create_app(), "/unggah?region=35.79&lang=en")
    wait_villages(dash_duo, 24)
    dash_duo.find_element("#up-upload input").send_keys(str(new))
    dash_duo.wait_for_contains_text(
        "#up-summary", "File accepted: Pustu 14 → 15 rows. Data version is now 2.", timeout=30
    )
    _wait(
        lambda: "version 2" in dash_duo.find_element("#up-map-title").text, what="map of version 2"
    )
    wait_villages(dash_duo, 24)
    _wait(
        lambda: "version 2" in dash_duo.find_element("#up-served summary").text, what="served list"
    )
    assert (data_dir / "35.79" / "pustu.csv").read_bytes() == new.read_bytes()
    assert len(store.dataset("35.79").facilities["pustu"]) == 15
    shot(dash_duo, "unggah_ok")
    # the planner changes their mind: version 1 back, as version 3, on disk and on screen
    dash_duo.find_element("#up-versions summary").click()
    restore = dash_duo.wait_for_element("#up-versions button.up-restore")
    assert restore.text == "Restore 1"
    restore.click()
    dash_duo.wait_for_contains_text(
        ".up-verdict", "Version 1 restored: now served as version 3.", timeout=30
    )
    _wait(
        lambda: "version 3" in dash_duo.find_element("#up-map-title").text, what="map of version 3"
    )
    assert len(store.dataset("35.79").facilities["pustu"]) == 14
    assert (data_dir / "35.79" / "pustu.csv").read_text(encoding="utf-8") == pustu
    shot(dash_duo, "unggah_restored")
    no_console_errors(dash_duo)
