"""The starting folder `routes init` writes: one source, node, segment, route, cost and event,
commented, that validates as is when laid over the packaged data (and is shown in
`docs/data.md` as the example of each file).

The example is a planned pipeline from Kenkiyak (on the Kazakhstan–China line) west to the
Aktau terminal, with a pump station on it, and a route that takes it to Baku and BTC. Its
capacity and tariff are left unknown (null with a note): fill them in from your own sources.
"""

from __future__ import annotations

import json
from typing import Any, Final

#: Where the example line starts and ends: the packaged Kenkiyak and Aktau nodes.
KENKIYAK: Final[tuple[float, float]] = (57.15635, 48.58961)
AKTAU: Final[tuple[float, float]] = (51.2387, 43.59551)
PUMP_STATION: Final[tuple[float, float]] = (54.5, 46.3)

README: Final[str] = """\
# My routes

Files here are laid over the packaged data: an entry with a packaged id replaces it whole, a
new id adds to it. Check the folder with

    routes validate --data {folder}

and compare with

    routes compare my-route trans-caspian --data {folder}

Every field is described in docs/data.md (`routes data-path` prints where the packaged data
and the docs live). The GeoJSON files cannot hold comments: their notes say what each part is.
"""

SOURCES: Final[str] = """\
# sources.yaml: every figure names its source by id. Give the address of the document itself,
# never a site's homepage; a document that is not online needs publisher, date and title.
- id: my-source
  title: Title of the document that gives your figures
  url: https://example.org/reports/my-document.pdf
  publisher: Who published it
  date: '2026-01-31'
"""

ROUTES: Final[str] = """\
# routes.yaml: a route is an ordered chain of segments from its origin to a market. A stage
# with alternatives is {parallel: [[ids...], [ids...]]}; every branch ends at the same node.
- id: my-route
  name: Kenkiyak–Aktau pipeline, Caspian tanker and BTC
  origin: atyrau
  destination: augusta
  segments:
  - atyrau-kenkiyak      # packaged: Atyrau to Kenkiyak on the Kazakhstan–China line
  - my-pipeline          # yours, in segments.geojson
  - aktau-sangachal      # packaged: Caspian tanker to Sangachal
  - btc                  # packaged: Baku–Tbilisi–Ceyhan
  - ceyhan-augusta       # packaged: tanker to Augusta
  sources: [my-source]
  description: A planned line from Kenkiyak to Aktau, then the Trans-Caspian corridor.
"""

COSTS: Final[str] = """\
# costs.yaml: tariffs, freight and port charges, paid once by a route that uses any of their
# segments. Use USD/t or USD/bbl. A figure no source gives is null with a note, never a guess;
# a stand-in you choose is labelled assumption: true.
- id: my-pipeline-tariff
  kind: tariff
  segments: [my-pipeline]
  value: null
  unit: USD/t
  as_of: null
  note: No tariff published yet; give one with its source when you have it.
"""

EVENTS: Final[str] = """\
# events.yaml: dated disruptions of a segment or node. share_lost is the observed share of
# capacity lost (0-1), null with a note when not reported. Category 'planned' (announced
# maintenance) is logged but left out of the risk score.
- id: my-pipeline-test-stop
  target: my-pipeline
  start: '2026-06-01'
  end: '2026-06-02'
  share_lost: null
  cause: Example entry; replace it with a real disruption and its source
  category: planned
  sources: [my-source]
  note: Share not reported.
"""


def _geojson(features: list[dict[str, Any]]) -> str:
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


NODES: Final[str] = _geojson(
    [
        {
            "type": "Feature",
            "properties": {
                "id": "my-pump-station",
                "name": "My pump station",
                "kind": "pump_station",
                "status": "planned",
                "sources": ["my-source"],
                "note": "A node is a GeoJSON Point, [longitude, latitude]. This one sits on "
                "my-pipeline; a line is only split where a segment ends.",
            },
            "geometry": {"type": "Point", "coordinates": list(PUMP_STATION)},
        }
    ]
)

SEGMENTS: Final[str] = _geojson(
    [
        {
            "type": "Feature",
            "properties": {
                "id": "my-pipeline",
                "name": "Kenkiyak – Aktau (planned)",
                "mode": "pipeline",
                "from": "kenkiyak",
                "to": "aktau",
                "status": "planned",
                "crude": "kazakh-export",
                "capacity": {
                    "value": None,
                    "unit": "Mt/yr",
                    "as_of": None,
                    "note": "Not decided yet; give the design capacity with its source.",
                },
                "sources": ["my-source"],
                "note": "A segment is a GeoJSON LineString from its 'from' node to its 'to' node "
                "(each end within 2 km of its node), [longitude, latitude] positions. "
                "Planned: it counts only in the 'if built' capacity.",
            },
            "geometry": {
                "type": "LineString",
                "coordinates": [list(KENKIYAK), list(PUMP_STATION), list(AKTAU)],
            },
        }
    ]
)

#: The files `routes init` writes, by name.
FILES: Final[dict[str, str]] = {
    "README.md": README,
    "sources.yaml": SOURCES,
    "nodes.geojson": NODES,
    "segments.geojson": SEGMENTS,
    "routes.yaml": ROUTES,
    "costs.yaml": COSTS,
    "events.yaml": EVENTS,
}


def template_files(folder_name: str) -> dict[str, bytes]:
    """The template's files, the README naming the folder it goes in."""
    return {
        name: (text.format(folder=folder_name) if name == "README.md" else text).encode("utf-8")
        for name, text in FILES.items()
    }
