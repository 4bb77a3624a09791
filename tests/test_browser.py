"""Open the saved offline map in Debian's headless Chromium and check what a person sees.

Every request that is not file: or data: is aborted and counted. The screenshot is kept in
test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routes.cli import app
from tests.test_maps import XSS, xss_folder

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Any:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


MID_STROKE = """el => {
    const p = el.getPointAtLength(el.getTotalLength() / 2);
    const m = el.getScreenCTM();
    return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
}"""


def test_offline_map_in_chromium(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(app, ["map", "--data", str(xss_folder(tmp_path)),
                                      "--output", str(out)])
    assert result.exit_code == 0, result.stderr

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def gate(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", gate)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector(".leaflet-container")
    page.wait_for_timeout(300)

    assert outside == [], f"requests left the page: {outside}"
    assert errors == []
    for route_id in ("cpc", "trans-caspian", "baku-supsa", "atyrau-samara", "kazakhstan-china",
                     "xss"):
        assert page.locator(f"path.route-{route_id}").count() > 0, route_id

    # A click on the CPC line (Kropotkinskaya – terminal, no marker on it) opens its popup.
    x, y = page.locator("path.route-cpc").nth(3).evaluate(MID_STROKE)
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "CPC via Novorossiysk and the Turkish Straits" in popup.inner_text()
    assert "Risk score" in popup.inner_text()
    page.wait_for_timeout(400)  # let the popup's fade-in finish before the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-offline.png"))

    # The user's route name shows as text, and nothing ran.
    assert page.get_by_text(XSS, exact=False).count() > 0
    assert dialogs == []

    # Unticking the CPC layer removes its lines.
    label = page.locator(".leaflet-control-layers-overlays label",
                         has_text="CPC via Novorossiysk")
    label.locator("input").uncheck()
    assert page.locator("path.route-cpc").count() == 0
    assert page.locator("path.route-trans-caspian").count() > 0
    page.close()
