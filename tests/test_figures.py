"""The static map: sizes, text never under 7 pt or cut at the frame, names that never collide,
byte-identical PNG, SVG and PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import struct
from typing import Any

import pytest

from routes.figures import (
    FIGURE_FORMATS,
    MIN_TEXT_PT,
    SIZES,
    FigureLayout,
    map_figure,
    map_layout,
)
from routes.maps import MapOptions, map_model
from routes.network import Network
from tests.test_maps import scored

DAY = dt.date(2026, 11, 26)
TITLE = "Kazakhstan crude export routes"


def layout_of(
    net: Network, metrics: Any, risks: Any, *, size: str = "a4", title: str = TITLE
) -> FigureLayout:
    model = map_model(net, metrics, risks, MapOptions(title=title, date=DAY))
    return map_layout(model, size=size)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def routes(net: Network) -> tuple[Any, Any]:
    return scored(net)  # type: ignore[no-any-return]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_text_is_legible_inside_the_page_and_names_never_collide(
    net: Network, routes: tuple[Any, Any], size: str
) -> None:
    metrics, risks = routes
    layout = layout_of(net, metrics, risks, size=size)
    w, h = layout.inches
    assert (w, h) == SIZES[size].inches
    for t in layout.texts:
        assert t.size_pt >= MIN_TEXT_PT, t
        x0, y0, x1, y1 = t.box_in
        assert x0 >= 0 and x1 <= w and y0 >= 0 and y1 <= h, t
    labels = [t for t in layout.texts if t.role.startswith("label-")]
    mx0, my0, mx1, my1 = layout.map_box_in
    for t in labels:  # never cut at the map's frame
        x0, y0, x1, y1 = t.box_in
        assert mx0 <= x0 and x1 <= mx1 and my0 <= y0 and y1 <= my1, t
    for a, b in itertools.combinations(labels, 2):
        assert not (
            a.box_in[0] < b.box_in[2]
            and b.box_in[0] < a.box_in[2]
            and a.box_in[1] < b.box_in[3]
            and b.box_in[1] < a.box_in[3]
        ), (a, b)
    texts = " ".join(t.text.replace("\n", " ").replace("\u00a0", " ") for t in layout.texts)
    # Every route in the key with its risk score; the routes' ends and the story's countries
    # named on the map.
    for r in risks:
        assert f"risk {r.score:.0f}" in texts
    placed = {t.text for t in labels}
    assert {"Alashankou", "Augusta, Sicily", "Samara", "Atyrau"} <= placed
    assert {"RUSSIA", "KAZAKHSTAN", "TURKEY"} <= placed
    assert sum(t.role == "label-route" for t in labels) == len(metrics)


def test_the_title_is_the_callers(net: Network, routes: tuple[Any, Any]) -> None:
    metrics, risks = routes
    layout = layout_of(net, metrics, risks, title="My memo's map")
    assert layout.texts[0].role == "title" and layout.texts[0].text == "My memo's map"
    assert layout.texts[1].text == f"data version {net.data_version} · 2026-11-26"


@pytest.mark.parametrize("size", list(SIZES))
def test_png_size_follows_the_preset(net: Network, routes: tuple[Any, Any], size: str) -> None:
    metrics, risks = routes
    data = map_figure(net, metrics, risks, title=TITLE, date=DAY, size=size)  # type: ignore[arg-type]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    preset = SIZES[size]
    assert struct.unpack(">II", data[16:24]) == (
        int(preset.inches[0] * preset.dpi),
        int(preset.inches[1] * preset.dpi),
    )


def test_a4_png_keeps_its_old_size(net: Network, routes: tuple[Any, Any]) -> None:
    metrics, risks = routes
    data = map_figure(net, metrics, risks, title=TITLE, date=DAY)
    assert struct.unpack(">II", data[16:24]) == (1753, 1240)


@pytest.mark.parametrize("fmt", FIGURE_FORMATS)
def test_same_inputs_same_bytes_and_no_dates_inside(
    net: Network, routes: tuple[Any, Any], fmt: str
) -> None:
    metrics, risks = routes
    one = map_figure(net, metrics, risks, title=TITLE, date=DAY, size="column", fmt=fmt)  # type: ignore[arg-type]
    two = map_figure(net, metrics, risks, title=TITLE, date=DAY, size="column", fmt=fmt)  # type: ignore[arg-type]
    assert one == two
    assert b"CreationDate" not in one and b"<dc:date>" not in one
    assert b"Software" not in one[:2000] and b"Matplotlib" not in one


def test_svg_keeps_its_text_as_text(net: Network, routes: tuple[Any, Any]) -> None:
    metrics, risks = routes
    svg = map_figure(net, metrics, risks, title=TITLE, date=DAY, fmt="svg").decode("utf-8")
    assert f">{TITLE}</text>" in svg
    sizes = {float(s) for s in __import__("re").findall(r"font-size: ([0-9.]+)px", svg)}
    assert min(sizes) >= MIN_TEXT_PT  # SVG user units are points at 72 per inch


def test_a_key_too_long_for_the_page_says_how_many_routes_it_leaves_out(
    tmp_path: Any,
) -> None:
    from routes.metrics import all_route_metrics
    from routes.risk import load_profile, route_risk
    from routes.validate import load_network

    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "routes.yaml").write_text(
        "".join(
            f"- id: extra-{i}\n  name: Extra route number {i} to Samara\n  origin: atyrau\n"
            "  destination: samara\n  segments: [uas-atyrau-samara]\n"
            for i in range(60)
        ),
        encoding="utf-8",
    )
    net = load_network([folder])
    metrics = all_route_metrics(net, [])
    risks = [route_risk(net, m, load_profile()) for m in metrics]
    layout = layout_of(net, metrics, risks, size="column")
    keys = [t.text.replace("\n", " ") for t in layout.texts if t.role == "key"]
    listed = sum("kb/d today" in k for k in keys)  # one line of the key per route listed
    assert 0 < listed < len(metrics) == 65
    assert f"… and {65 - listed} more routes, all in the HTML map" in keys
    h = layout.inches[1]
    assert all(t.box_in[1] >= 0 and t.box_in[3] <= h for t in layout.texts)
    assert layout.map_box_in[3] - layout.map_box_in[1] > h * 0.4  # the map keeps its room


@pytest.mark.parametrize(("size", "km"), [("a4", "1000"), ("column", "1000"), ("slide", "1000")])
def test_the_scale_bar_shows_the_longest_round_length_that_fits_a_fifth_of_the_map(
    net: Network, routes: tuple[Any, Any], size: str, km: str
) -> None:
    metrics, risks = routes
    layout = layout_of(net, metrics, risks, size=size)
    scale = [t.text for t in layout.texts if t.role == "scale"]
    # The map spans about 72° of longitude at 44° N (5,800 km): 1,000 km fits in a fifth,
    # 2,000 km does not.
    assert scale == ["0", str(int(km) // 2), km, "km, true at 44° N"]
