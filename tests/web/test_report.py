"""The printed report and the map PNG (ilp_dash.web.report), as /laporan and /ekspor/peta.png serve them."""

import pytest

from ilp_dash.region import results, store
from ilp_dash.region.briefing import briefing
from ilp_dash.web.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_map_png_is_a_png(client):
    r = client.get("/ekspor/peta.png?region=35.79")
    assert r.status_code == 200 and r.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert "attachment" in r.headers["Content-Disposition"]
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(r.data)).size == (1753, 1240)  # A4 landscape at 150 dpi


def test_report_answers_the_four_questions_in_both_languages(client):
    html = client.get("/laporan?region=33.20").get_data(as_text=True)
    b = briefing("33.20")
    assert (
        f"{b.posyandu_ilp:,}".replace(",", ".") + " / " + f"{b.posyandu:,}".replace(",", ".")
        in html
    )
    assert "hotspot stunting" in html and "30 menit dari Puskesmas" in html and "2 ambulans" in html
    assert "DATA CONTOH" in html and "data:image/png;base64," in html
    far = results.village_to_puskesmas_minutes("33.20")
    names = (
        store.dataset("33.20").region.villages.set_index("kode").loc[far[far > 30].index, "nama"]
    )
    assert all(n in html for n in names)
    en = client.get("/laporan?region=33.20&lang=en").get_data(as_text=True)
    assert "How far from 100% ILP Posyandu?" in en and "SAMPLE DATA" in en


def test_unknown_region_falls_back_to_the_default(client):
    assert client.get("/laporan?region=99.99").status_code == 200
    assert client.get("/geo/99.99/0.json").status_code == 404
