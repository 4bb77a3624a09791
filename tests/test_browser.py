"""Open the saved maps in Debian's headless Chromium, at a desktop's and a phone's size, and check
what a person sees and does: click every route's own line, close the popup, fold the panel,
reach the layer toggles from the keyboard.

Every request that is not file: or data: is aborted and counted. The screenshots go to the
folder named by ROUTES_SCREENSHOTS, for a person to look at, else to the test's temporary
folder: tests write nothing into the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routes.cli import app
from tests.test_maps import XSS, xss_folder

CHROMIUM = "/usr/bin/chromium"
ROUTES = ("cpc", "trans-caspian", "baku-supsa", "atyrau-samara", "kazakhstan-china", "xss")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
pytestmark = pytest.mark.browser

#: The rightmost point of the element's own visible pixels (nearest the panel, where a popup
#: is likeliest to run under it): along its stroke, where the element itself is what the
#: pointer would hit (not a marker, a label, the panel or another line).
OWN_POINT = """el => {
    const len = el.getTotalLength(), m = el.getScreenCTM();
    let best = null;
    for (let i = 0; i <= 60; i++) {
        const p = el.getPointAtLength(len * i / 60);
        const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
        if (x < 5 || y < 5 || x > innerWidth - 5 || y > innerHeight - 5) continue;
        if (document.elementFromPoint(x, y) === el && (best === null || x > best[0])) {
            best = [x, y];
        }
    }
    return best;
}"""


#: What the popup shares with the title, the zoom buttons and the panel (rectangles).
COVERED = """() => {
    const p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
    return ['#routes-title', '.leaflet-top.leaflet-left', '#routes-panel']
        .map(s => [s, document.querySelector(s).getBoundingClientRect()])
        .filter(([, r]) => r.left < p.right && p.left < r.right && r.top < p.bottom
                           && p.top < r.bottom)
        .map(([s]) => s);
}"""
#: Place markers a route line would catch the pointer on (none: places sit on top).
UNDER_LINES = """() => Array.from(document.querySelectorAll('path.node')).filter(m => {
    const r = m.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && hit.classList.contains('route-line');
}).length"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $ROUTES_SCREENSHOTS when set, else a temporary folder."""
    chosen = os.environ.get("ROUTES_SCREENSHOTS")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def saved_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline map of every route plus one whose name would run as markup."""
    folder = tmp_path_factory.mktemp("browser")
    out = folder / "map.html"
    result = CliRunner().invoke(
        app, ["map", "--data", str(xss_folder(folder)), "--output", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    return out


class Visit:
    """A page opened with every outside request aborted and every error recorded."""

    def __init__(self, browser: Any, path: Path, size: str) -> None:
        phone = size == "phone"
        self.context = browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._gate)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def _gate(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


@pytest.mark.parametrize("size", list(SIZES))
def test_a_person_can_use_the_map(browser: Any, saved_map: Path, size: str, shots: Path) -> None:
    visit = Visit(browser, saved_map, size)
    page = visit.page
    page.wait_for_selector("path.route-line")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"map-{size}.png"))
    assert page.locator("path.node").count() > 20
    assert page.evaluate(UNDER_LINES) == 0
    panel = page.locator("#routes-panel")
    toggle = page.locator("#routes-panel-toggle")
    body = page.locator("#routes-panel-body")
    # On a phone the panel starts folded; on a desktop open. Either way it folds and unfolds.
    assert body.is_visible() == (size == "desktop")
    toggle.click()
    assert body.is_visible() == (size == "phone")
    assert toggle.get_attribute("aria-expanded") == ("true" if size == "phone" else "false")
    toggle.click()
    assert body.is_visible() == (size == "desktop")
    if size == "phone":
        assert "folded" in (panel.get_attribute("class") or "")

    # Every route's popup opens by clicking its own line, fits the window, and closes with ×.
    for route_id in ROUTES:
        page.locator("a.routes-home").click()  # every route back in view
        page.wait_for_timeout(350)
        lines = page.locator(f"path.hit.route-{route_id}")
        assert lines.count() > 0, route_id
        # Its own legs (the test's extra route shares Atyrau–Samara's only leg), at the point
        # nearest the panel.
        counts = [
            sum(
                c.startswith("route-") and c != "route-line"
                for c in (lines.nth(i).get_attribute("class") or "").split()
            )
            for i in range(lines.count())
        ]
        fewest = min(counts)
        points = [lines.nth(i).evaluate(OWN_POINT) for i, n in enumerate(counts) if n == fewest]
        found = [p for p in points if p is not None]
        point = max(found, key=lambda p: p[0]) if found else None
        assert point is not None, f"no clickable point on {route_id}'s own line"
        page.mouse.click(*point)
        popup = page.locator(".leaflet-popup")
        popup.wait_for()
        text = page.locator(".leaflet-popup-content").inner_text()
        name = (
            XSS
            if route_id == "xss"
            else page.evaluate(
                f"JSON.parse(document.getElementById('routes-data').textContent)"
                f".routes.find(r => r.id === '{route_id}').name"
            )
        )
        assert name in text
        page.wait_for_timeout(250)  # the fade-in, and any pan to fit it
        box = popup.bounding_box()
        assert box is not None and box["y"] >= 0 and box["x"] >= 0
        assert box["y"] + box["height"] <= SIZES[size]["height"]
        assert box["x"] + box["width"] <= SIZES[size]["width"]
        # Nothing that floats over the map covers any of it: not the title, the zoom buttons
        # or the panel.
        assert page.evaluate(COVERED) == [], route_id
        if route_id == "cpc":
            page.screenshot(path=str(shots / f"map-{size}-popup.png"))
        page.locator(".leaflet-popup-close-button").click()  # fails if anything covers it
        popup.wait_for(state="detached", timeout=2000)

    # The Details button opens a route's popup too; on a phone the open panel folds for it.
    if body.is_hidden():
        toggle.click()
    page.get_by_role(
        "button", name="Details of CPC via Novorossiysk and the Turkish Straits"
    ).click()
    page.locator(".leaflet-popup").wait_for()
    assert "Tengiz field → Augusta, Sicily" in page.locator(".leaflet-popup-content").inner_text()
    assert body.is_visible() == (size == "desktop")
    page.wait_for_timeout(250)
    assert page.evaluate(COVERED) == []
    page.locator(".leaflet-popup-close-button").click()

    # The user's route name shows as text, and its markup never ran.
    assert page.evaluate("window.routesXss") is None
    assert visit.dialogs == []
    assert visit.outside == [], f"requests left the page: {visit.outside}"
    assert visit.errors == []

    # Names on the map never overlap each other.
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.lbl'))
        .filter(e => !e.classList.contains('lbl-hidden'))
        .map(e => e.getBoundingClientRect())
        .map(r => [r.left, r.top, r.right, r.bottom])""")
    assert len(boxes) >= 8
    # ... nor anything floating over the map (title, panel, zoom buttons, scale, credits).
    floating = page.evaluate("""() => ['#routes-title', '#routes-panel',
        '.leaflet-top.leaflet-left', '.leaflet-bottom.leaflet-left',
        '.leaflet-bottom.leaflet-right']
        .map(s => document.querySelector(s).getBoundingClientRect())
        .map(r => [r.left, r.top, r.right, r.bottom])""")
    for a in boxes:
        for b in floating:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (
                a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
            ), (a, b)
    visit.context.close()


def test_keyboard_reaches_the_layer_toggles_and_shows_focus(browser: Any, saved_map: Path) -> None:
    visit = Visit(browser, saved_map, "desktop")
    page = visit.page
    page.wait_for_selector("path.route-line")
    presses = 0
    while presses < 10:
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.id") == "layer-route-0":
            break
    assert presses <= 3, "the first layer toggle is more than 3 Tab presses away"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # Space toggles the layer: its lines go, the others stay; again, they come back.
    page.keyboard.press("Space")
    assert page.locator("path.route-cpc").count() == 0
    assert page.locator("path.route-trans-caspian").count() > 0
    page.keyboard.press("Space")
    assert page.locator("path.route-cpc").count() > 0
    assert page.evaluate(UNDER_LINES) == 0  # a layer shown again stays under the places
    # A hidden route's name goes with it.
    page.uncheck("#layer-route-0")
    names = page.evaluate("""() => Array.from(document.querySelectorAll('.lbl-route'))
        .filter(e => !e.classList.contains('lbl-hidden')).map(e => e.textContent)""")
    assert names and not any(n.startswith("CPC via") for n in names)
    page.check("#layer-route-0")
    # A shared leg stays while one of its routes is shown.
    page.uncheck("#layer-route-2")  # Baku–Supsa
    assert page.locator("path.hit.route-baku-supsa").count() == 0
    assert page.locator("path.hit.route-trans-caspian").count() > 0
    page.keyboard.press("Escape")
    assert visit.errors == []
    visit.context.close()


def test_online_map_without_a_network_says_so(browser: Any, tmp_path: Path, shots: Path) -> None:
    out = tmp_path / "online.html"
    result = CliRunner().invoke(app, ["map", "--online", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    visit = Visit(browser, out, "phone")
    page = visit.page
    message = page.locator("#routes-message")
    message.wait_for()
    assert "could not be loaded" in message.inner_text()
    assert "routes map --offline" in message.inner_text()
    # Only what the map uses was asked for: Leaflet's script and style, nothing else.
    assert sorted(Path(u).name for u in visit.outside) == ["leaflet.css", "leaflet.js"]
    page.screenshot(path=str(shots / "map-online-no-network.png"))
    visit.context.close()


#: Boxes of the labels shown, in page pixels.
LABEL_BOXES = """() => Array.from(document.querySelectorAll('.lbl:not(.lbl-hidden)')).map(n => {
    const r = n.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
})"""


def test_labels_are_placed_again_after_a_zoom(browser: Any, saved_map: Path) -> None:
    """Zooming in moves every line: the names are laid out again (once, on moveend), so
    none overlaps another and all stay inside the window."""
    visit = Visit(browser, saved_map, "desktop")
    page = visit.page
    page.wait_for_selector("path.route-line")
    page.wait_for_timeout(300)
    before = page.evaluate(LABEL_BOXES)
    page.click(".leaflet-control-zoom-in")
    page.wait_for_timeout(700)
    after = page.evaluate(LABEL_BOXES)
    assert after and after != before
    width, height = SIZES["desktop"]["width"], SIZES["desktop"]["height"]
    for i, (x0, y0, x1, y1) in enumerate(after):
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
        for a0, b0, a1, b1 in after[i + 1 :]:
            assert not (x0 < a1 - 1 and a0 < x1 - 1 and y0 < b1 - 1 and b0 < y1 - 1)
    assert visit.errors == []
