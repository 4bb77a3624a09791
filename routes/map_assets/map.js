/* The routes map: draws the JSON model in #routes-data with Leaflet.
 * Every text from the data goes into the page through textContent, never as markup. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("routes-data").textContent);
  var message = document.getElementById("routes-message");

  function say(text, notice) {
    message.textContent = text;
    message.className = notice ? "notice" : "";
    message.hidden = false;
  }

  var small = window.matchMedia("(max-width: 700px)");
  var title = document.getElementById("routes-title");
  var panel = document.getElementById("routes-panel");
  var toggle = document.getElementById("routes-panel-toggle");
  function panelOpen() { return !panel.classList.contains("folded"); }
  function fold(folded) {
    panel.classList.toggle("folded", folded);
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
  }
  var afterFold = function () {};  // once the map is drawn: place the names again
  toggle.addEventListener("click", function () { fold(panelOpen()); afterFold(); });
  fold(small.matches);

  if (typeof L === "undefined") {
    document.getElementById("routes-layers").hidden = true;
    say("The map library (Leaflet) could not be loaded from cdn.jsdelivr.net: this online " +
        "version of the map needs a network connection. The offline version works anywhere " +
        "(routes map --offline). The routes it shows: " +
        document.getElementById("routes-summary").textContent);
    return;
  }

  // --- small DOM helpers: text only ------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  }
  function rowsTable(rows) {
    var table = el("table", "routes-popup");
    rows.forEach(function (r) {
      var tr = el("tr");
      var th = el("th", null, r[0]);
      th.scope = "row";
      add(table, add(tr, th, el("td", null, r[1])));
    });
    return table;
  }
  function badge(route) {
    var b = el("span", "risk", route.risk);
    b.style.background = route.riskColour;
    b.style.color = route.riskText;
    b.title = "risk score " + route.risk + " of 100";
    return b;
  }
  function swatch(colour) {
    var s = el("span", "sw");
    s.style.background = colour;
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  function sourcesBlock(indexes, summaryText) {
    if (!indexes.length) { return null; }
    var details = el("details");
    add(details, el("summary", null, (summaryText || "Sources") + " (" + indexes.length + ")"));
    var ol = el("ol");
    indexes.forEach(function (i) {
      var name = D.sources[i][0], url = D.sources[i][1];
      var li = el("li");
      if (url && /^https?:\/\//i.test(url)) {
        var a = el("a", null, name);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        add(li, a);
      } else {
        li.textContent = name;
      }
      add(ol, li);
    });
    return add(details, ol);
  }
  function listBlock(items, title) {
    if (!items.length) { return null; }
    var details = el("details");
    add(details, el("summary", null, title + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (t) { add(ul, el("li", null, t)); });
    return add(details, ul);
  }

  // --- popups ------------------------------------------------------------------------------
  function routeBody(ri) {
    var r = D.routes[ri];
    var box = el("div");
    add(box, rowsTable(r.rows));
    var f = el("details");
    add(f, el("summary", null, "Risk factors"));
    var t = el("table", "routes-popup factors");
    var head = el("tr");
    ["factor", "value", "weight", "points"].forEach(function (h) {
      var th = el("th", null, h);
      th.scope = "col";
      add(head, th);
    });
    add(t, head);
    r.factors.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (c) { add(tr, el("td", null, c)); });
      add(t, tr);
    });
    add(box, add(f, t), listBlock(r.notes, "Notes"), sourcesBlock(r.src));
    return box;
  }
  function routeSection(ri, open) {
    var r = D.routes[ri];
    var sec = el("details", "pp-route");
    sec.open = open;
    sec.style.borderLeftColor = r.colour;
    var sum = el("summary");
    add(sum, el("h3", null, r.name), badge(r));
    return add(sec, sum, routeBody(ri));
  }
  function legContent(li) {
    var leg = D.legs[li];
    var box = el("div", "pp");
    add(box, el("h2", null, leg.name), rowsTable(leg.rows));
    var n = leg.stripes.length;
    add(box, el("p", null, n === 1 ? "Route using this leg:" : "Used by " + n + " routes:"));
    leg.stripes.forEach(function (s) { add(box, routeSection(s[0], n === 1)); });
    return add(box, el("p", "muted", D.legend));
  }
  function routeContent(ri) {
    var r = D.routes[ri];
    var box = el("div", "pp");
    var h = el("h2", null, r.name);
    add(h, badge(r));
    var sec = el("div", "pp-route");
    sec.style.borderLeftColor = r.colour;
    add(sec, routeBody(ri));
    return add(box, h, sec, el("p", "muted", D.legend));
  }
  function placeContent(pi) {
    var p = D.places[pi];
    var box = el("div", "pp");
    add(box, el("h2", null, p.name), rowsTable(p.rows));
    if (p.inc.length) {
      add(box, el("p", null, "Incidents in the event log (" + p.inc.length + "):"));
      var ul = el("ul");
      p.inc.forEach(function (t) { add(ul, el("li", null, t)); });
      add(box, ul);
    } else {
      add(box, el("p", null, "No incident in the event log."));
    }
    return add(box, sourcesBlock(p.src));
  }

  // --- the map -----------------------------------------------------------------------------
  // Without a hover (touch screens) a tooltip would only cover what a tap opens.
  var hover = !window.matchMedia("(hover: none)").matches;
  function tip(layer, content, options) {
    return hover ? layer.bindTooltip(content, options) : layer;
  }
  var map = L.map("routes-map", {zoomControl: false, attributionControl: false, minZoom: 2,
                                 zoomSnap: 0.25});
  [["basemap", 200], ["routes", 400], ["scenario", 450], ["arrows", 500], ["labels", 560],
   ["places", 620]].forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
  map.getPane("basemap").style.pointerEvents = "none";
  map.getPane("arrows").style.pointerEvents = "none";
  map.getPane("labels").style.pointerEvents = "none";

  var attribution = L.control.attribution({position: "bottomright",
                                           prefix: "<a href='https://leafletjs.com'>Leaflet</a>"});
  attribution.addAttribution(window.ROUTES_CREDITS).addTo(map);
  if (D.waterBox) {
    L.rectangle(D.waterBox, {pane: "basemap", interactive: false, stroke: false,
                             fillColor: D.look.water, fillOpacity: 1}).addTo(map);
  }
  if (D.basemap) {
    L.geoJSON(D.basemap, {pane: "basemap", interactive: false, style: function () {
      return {fillColor: D.look.land, color: D.look.border, weight: 0.6, fillOpacity: 1};
    }}).addTo(map);
  }
  if (window.ROUTES_TILES) {
    var failed = 0;
    L.tileLayer(window.ROUTES_TILES, {maxZoom: 18, attribution:
      "&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a> contributors"})
      .on("tileerror", function () {
        failed += 1;
        if (failed === 1) {
          say("The basemap tiles from tile.openstreetmap.org could not be loaded (no network?): " +
              "the routes are drawn on a blank background. The offline version needs no " +
              "network (routes map --offline).", true);
        }
      }).addTo(map);
  }
  L.control.zoom({position: "topleft"}).addTo(map);
  L.control.scale({position: "bottomleft", imperial: false, maxWidth: 140}).addTo(map);

  function titleBottom() { return title.getBoundingClientRect().bottom; }
  function placeZoom() {
    var corner = document.querySelector(".leaflet-top.leaflet-left");
    if (corner) { corner.style.top = Math.round(titleBottom()) + "px"; }
  }
  L.DomEvent.disableClickPropagation(panel);
  L.DomEvent.disableScrollPropagation(panel);

  function popupOptions() {
    var size = map.getSize();
    // Below the title, the zoom buttons and the folded panel, which all sit over the map.
    var corner = document.querySelector(".leaflet-top.leaflet-left");
    var top = Math.max(titleBottom(), corner ? corner.getBoundingClientRect().bottom : 0,
                       panelOpen() ? 0 : panel.getBoundingClientRect().bottom) + 8;
    var right = panelOpen() ? panel.getBoundingClientRect().width + 20 : 10;
    return {maxWidth: Math.max(200, Math.min(420, size.x - right - 40)),
            minWidth: Math.min(260, size.x - 60),
            maxHeight: Math.max(160, size.y - top - 70),
            autoPanPaddingTopLeft: [10, top], autoPanPaddingBottomRight: [right, 30]};
  }
  function openAt(latlng, content) {
    if (small.matches) { fold(true); }
    L.popup(popupOptions()).setLatLng(latlng).setContent(content).openOn(map);
  }

  // --- routes: each leg drawn once, striped when routes share it ----------------------------
  var on = D.routes.map(function () { return true; });
  var cssId = function (s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "_"); };
  var legLayers = D.legs.map(function () { return L.layerGroup(); });
  function legTooltip(li) {
    var leg = D.legs[li];
    var names = leg.stripes.map(function (s) { return D.routes[s[0]].name; }).join(", ");
    return el("span", null, names + ": " + leg.name +
              (leg.status === "operating" ? "" : " (" + leg.status + ")"));
  }
  function drawLeg(li) {
    var leg = D.legs[li], group = legLayers[li];
    group.clearLayers();
    var shown = leg.stripes.filter(function (s) { return on[s[0]]; });
    if (!shown.length) { map.removeLayer(group); return; }
    var opacity = D.look.opacity[leg.look];
    var classes = "route-line leg-" + li + " status-" + cssId(leg.look);
    shown.forEach(function (s) {
      var r = D.routes[s[0]];
      group.addLayer(L.polyline(leg.ll, {
        pane: "routes", weight: s[1], opacity: opacity, dashArray: leg.dash,
        color: leg.look === "cancelled" ? D.look.cancelled : r.colour,
        lineCap: leg.dash ? "butt" : "round", lineJoin: "round",
        className: classes + " route-" + cssId(r.id)}));
    });
    var inner = shown[shown.length - 1][1];
    if (leg.look === "hollow") {
      group.addLayer(L.polyline(leg.ll, {pane: "routes", weight: inner * D.look.core,
        color: D.look.coreColour, opacity: 1, dashArray: leg.dash, lineCap: "butt",
        className: classes + " core"}));
    }
    // A wider, invisible line on top makes thin lines easy to click and tap.
    group.addLayer(L.polyline(leg.ll, {pane: "routes", weight: Math.max(14, shown[0][1] + 8),
      opacity: 0, className: classes + " hit " + shown.map(function (s) {
        return "route-" + cssId(D.routes[s[0]].id); }).join(" ")}));
    group.eachLayer(function (line) {
      line.on("click", function (e) { L.DomEvent.stop(e); openAt(e.latlng, legContent(li)); });
      tip(line, legTooltip(li), {sticky: true});
    });
    var a = leg.arrow;
    group.addLayer(L.marker([a[0], a[1]], {pane: "arrows", interactive: false, keyboard: false,
      icon: L.divIcon({className: "arrow", iconSize: [14, 14], iconAnchor: [7, 7],
                       html: "<span style='display:inline-block;transform:rotate(" + a[2] +
                             "deg)'>&#10148;</span>"})}));
    group.addTo(map);
  }

  // --- places ------------------------------------------------------------------------------
  var places = L.layerGroup();
  D.places.forEach(function (p, pi) {
    var marker = L.circleMarker(p.ll, {pane: "places", radius: p.r, color: "#ffffff", weight: 1.5,
                          fillColor: p.colour, fillOpacity: 1,
                          className: "node node-" + cssId(p.kind)})
      .on("click", function (e) { L.DomEvent.stop(e); openAt(p.ll, placeContent(pi)); })
      .addTo(places);
    tip(marker, el("span", null, p.name));
  });
  places.addTo(map);

  // --- scenario ----------------------------------------------------------------------------
  var flows = L.layerGroup(), cuts = L.layerGroup();
  if (D.scenario) {
    D.scenario.flows.forEach(function (f) {
      tip(L.polyline(f.ll, {pane: "scenario", color: D.look.flow, weight: f.w, opacity: 0.85,
                            className: "scenario-flow flow-" + cssId(f.id)}),
          el("span", null, f.tip), {sticky: true})
        .addTo(flows);
    });
    D.scenario.cuts.forEach(function (c) {
      var layer = c.line
        ? L.polyline(c.ll, {pane: "scenario", color: D.look.cut, weight: 4, opacity: 0.95,
                            dashArray: D.look.cutDash,
                            className: "scenario-cut cut-" + cssId(c.id)})
        : L.circleMarker(c.ll[0], {pane: "scenario", radius: 12, color: D.look.cut, weight: 3,
                                   fill: false, className: "scenario-cut cut-" + cssId(c.id)});
      tip(layer, el("span", null, c.tip), {sticky: c.line}).addTo(cuts);
    });
    flows.addTo(map);
    cuts.addTo(map);
  }

  // --- first view --------------------------------------------------------------------------
  D.legs.forEach(function (leg, li) { drawLeg(li); });
  function fit(all) {
    placeZoom();
    var right = panelOpen() && !small.matches ? panel.getBoundingClientRect().width + 20 : 10;
    var options = {paddingTopLeft: [20, titleBottom() + 10], paddingBottomRight: [right, 30]};
    if (small.matches && !all) {
      // A phone shows the middle of the routes a step closer; the ends are a pan away.
      var bounds = L.latLngBounds(D.bounds);
      map.setView(bounds.getCenter(), map.getBoundsZoom(bounds, false, L.point(30, 40)) + 1.5);
    } else {
      map.fitBounds(D.bounds, options);
    }
  }
  fit(false);
  // A button under the zoom buttons brings every route back into view.
  var Home = L.Control.extend({options: {position: "topleft"}, onAdd: function () {
    var bar = el("div", "leaflet-bar leaflet-control");
    var a = el("a", "routes-home", "\u2922");
    a.href = "#";
    a.setAttribute("role", "button");
    a.title = "Show all routes";
    a.setAttribute("aria-label", "Show all routes");
    L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); fit(true); });
    L.DomEvent.disableClickPropagation(bar);
    return add(bar, a);
  }});
  new Home().addTo(map);

  // --- labels, placed so they never collide ------------------------------------------------
  var labelsOn = true, placesOn = true;
  var labelLayer = L.layerGroup().addTo(map);
  var labels = D.labels.map(function (d) {
    var content = el("div", null, d.t);
    if (d.k === "route") {
      var r = D.routes[d.route];
      content.style.borderColor = r.colour;
      add(content, badge(r));
    }
    var marker = L.marker(d.ll[0], {pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "lbl lbl-" + d.k, html: content, iconSize: null})});
    marker.addTo(labelLayer);
    return {d: d, m: marker, node: marker.getElement(), w: 0, h: 0};
  });
  labels.forEach(function (lab) {
    lab.w = lab.node.offsetWidth;
    lab.h = lab.node.offsetHeight;
  });
  function offsets(kind, w, h) {
    if (kind === "place") {
      return [[8, -h / 2], [-w - 8, -h / 2], [-w / 2, -h - 7], [-w / 2, 7]];
    }
    if (kind === "route") {  // beside its line first, so the name does not hide it
      return [[-w / 2, -h - 8], [-w / 2, 8], [10, -h / 2], [-w - 10, -h / 2], [6, -h - 6],
              [-w - 6, -h - 6], [6, 6], [-w - 6, 6], [-w / 2, -h / 2]];
    }
    return [[-w / 2, -h / 2]];
  }
  // The visible lines, sampled every few pixels into a grid: names of countries and seas keep
  // off every line, a route's name off the other routes' lines.
  var CELL = 8;
  function lineGrid() {
    var grid = new Map();
    D.legs.forEach(function (leg) {
      var shown = leg.stripes.filter(function (s) { return on[s[0]]; });
      if (!shown.length) { return; }
      var who = shown.length === 1 ? shown[0][0] : -1;
      var pts = leg.ll.map(function (ll) { return map.latLngToContainerPoint(ll); });
      for (var i = 1; i < pts.length; i++) {
        var a = pts[i - 1], b = pts[i];
        var n = Math.max(1, Math.ceil(a.distanceTo(b) / (CELL / 2)));
        for (var k = 0; k <= n; k++) {
          var key = Math.floor((a.x + (b.x - a.x) * k / n) / CELL) + "," +
                    Math.floor((a.y + (b.y - a.y) * k / n) / CELL);
          var had = grid.get(key);
          grid.set(key, had === undefined || had === who ? who : -1);
        }
      }
    });
    return grid;
  }
  function onLines(grid, box, own) {
    for (var cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
      for (var cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) {
        var who = grid.get(cx + "," + cy);
        if (who !== undefined && (own === null || who !== own)) { return true; }
      }
    }
    return false;
  }
  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function declutter() {
    var size = map.getSize(), placed = [], grid = lineGrid();
    // What floats over the map (the map fills the window, so page and map points agree).
    ["#routes-title", "#routes-panel", ".leaflet-top.leaflet-left", ".leaflet-bottom.leaflet-left",
     ".leaflet-bottom.leaflet-right"].forEach(function (sel) {
      var r = document.querySelector(sel).getBoundingClientRect();
      if (r.width && r.height) { placed.push([r.left - 2, r.top - 2, r.right + 2, r.bottom + 2]); }
    });
    if (placesOn) {
      D.places.forEach(function (p) {
        var pt = map.latLngToContainerPoint(p.ll), r = p.r + 1;
        placed.push([pt.x - r, pt.y - r, pt.x + r, pt.y + r]);
      });
    }
    labels.forEach(function (lab) {
      var d = lab.d;
      var visible = labelsOn && (d.k === "route" ? on[d.route] : d.k !== "place" || placesOn);
      var done = false;
      var offs = offsets(d.k, lab.w, lab.h);
      for (var c = 0; visible && !done && c < d.ll.length; c++) {
        var pt = map.latLngToContainerPoint(d.ll[c]);
        for (var o = 0; o < offs.length; o++) {
          var x = pt.x + offs[o][0], y = pt.y + offs[o][1];
          var box = [x - 2, y - 2, x + lab.w + 2, y + lab.h + 2];
          if (x < 2 || y < 2 || x + lab.w > size.x - 2 || y + lab.h > size.y - 2) { continue; }
          if (placed.some(function (p) { return overlaps(box, p); })) { continue; }
          if (d.k !== "place" && onLines(grid, box, d.k === "route" ? d.route : null)) {
            continue;
          }
          lab.m.setLatLng(d.ll[c]);
          lab.node.style.marginLeft = Math.round(offs[o][0]) + "px";
          lab.node.style.marginTop = Math.round(offs[o][1]) + "px";
          placed.push(box);
          done = true;
          break;
        }
      }
      lab.node.classList.toggle("lbl-hidden", !done);
    });
  }

  // --- the panel: layer toggles, details, the comparison table -----------------------------
  var fieldset = document.getElementById("routes-layers");
  function checkbox(id, checked, onChange) {
    var input = el("input");
    input.type = "checkbox";
    input.id = id;
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); declutter(); });
    return input;
  }
  var compareRows = document.querySelectorAll("#routes-compare tbody[data-route]");
  D.routes.forEach(function (r, ri) {
    var row = el("div", "layer-row");
    var label = el("label");
    var text = el("span");
    add(text, document.createTextNode(r.name), badge(r), el("span", "cap", r.cap));
    add(label, checkbox("layer-route-" + ri, true, function (checked) {
      on[ri] = checked;
      D.legs.forEach(function (leg, li) {
        if (leg.stripes.some(function (s) { return s[0] === ri; })) { drawLeg(li); }
      });
      compareRows[ri].classList.toggle("off", !checked);
    }), swatch(r.colour), text);
    var more = el("button", "more", "Details");
    more.type = "button";
    more.setAttribute("aria-label", "Details of " + r.name);
    more.addEventListener("click", function () {
      var lab = labels.filter(function (l) { return l.d.route === ri; })[0];
      var at = lab && !lab.node.classList.contains("lbl-hidden") ? lab.m.getLatLng() : lab.d.ll[0];
      openAt(at, routeContent(ri));
    });
    add(fieldset, add(row, label, more));
  });
  function simpleToggle(id, name, layer, setter) {
    var row = el("div", "layer-row");
    var label = el("label");
    add(label, checkbox(id, true, function (checked) {
      if (checked) { layer.addTo(map); } else { map.removeLayer(layer); }
      if (setter) { setter(checked); }
    }), el("span", null, name));
    add(fieldset, add(row, label));
  }
  simpleToggle("layer-places", "Places and chokepoints", places,
               function (v) { placesOn = v; });
  simpleToggle("layer-labels", "Names on the map", labelLayer, function (v) { labelsOn = v; });
  if (D.scenario) {
    simpleToggle("layer-flows", "Scenario: flows in " + D.scenario.band, flows);
    simpleToggle("layer-cuts", "Scenario: what is cut", cuts);
  }
  if (!small.matches) {
    document.getElementById("routes-compare").open = true;
  }

  declutter();
  map.on("moveend resize", declutter);  // a zoom ends with moveend too: laid out once
  afterFold = declutter;
  window.addEventListener("resize", placeZoom);
}());
