/* The timeline page: chart, search, filters, the event list and opening the sources panel.
 *
 * Every string that comes from the corpus or events.yaml reaches the document through
 * textContent, createTextNode or an attribute set with setAttribute (the panel itself is built
 * by sources.js); text handed to plotly is entity-escaped first.
 */
(function () {
  "use strict";

  performance.mark("timeline:start");
  var view = JSON.parse(document.getElementById("timeline-view").textContent);
  /* an event's sources after its first fifty, by event id: JSON deflated and in base64 (a
     large corpus's curated events have tens of thousands), unpacked once the chart is on
     screen or when first needed; until then an event has only its first sources */
  var rest = null;
  var unpacking = null;
  function restReady() {
    if (!unpacking) {
      unpacking = Promise.resolve(document.getElementById("timeline-sources").textContent)
        .then(unpack)
        .then(function (value) { rest = value; }, function () { rest = {}; });  /* no inflater */
    }
    return unpacking;
  }
  function unpack(text) {
    var binary = atob(text.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Response(bytes).body.pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).json();
  }
  function restOf(e) {
    return (e.more && rest && rest[e.id]) || [];
  }
  function whenRest(e, done) {  /* done(the sources of e after its first ones) */
    restReady().then(function () { done(restOf(e)); });
  }
  var events = view.events;
  var N = events.length;

  /* Dates in the reader's language: a day, a month or a year with no qualifier is written
     by Intl.DateTimeFormat in the browser's language ("3. März 2020", "March 3, 2020"); any
     other value (a week, a season, "end of June 2016", "c. 2016") keeps the page's words */
  var DATE_PARTS = {
    day: { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
    month: { month: "long", year: "numeric", timeZone: "UTC" },
    year: { year: "numeric", timeZone: "UTC" }
  };
  var dateFormats = {};
  function localDate(value) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value || "");
    if (!m) { return null; }
    var kind = m[3] ? "day" : m[2] ? "month" : "year";
    var day = new Date(Date.UTC(2000, m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
    day.setUTCFullYear(+m[1]);
    if (!dateFormats[kind]) {
      dateFormats[kind] = new Intl.DateTimeFormat(navigator.languages || navigator.language,
        DATE_PARTS[kind]);
    }
    return dateFormats[kind].format(day);
  }
  function localWhen(e) {
    var d = e.date || [];
    if (d[1] || d[3] || typeof Intl === "undefined") { return e.when; }
    try {
      var first = localDate(d[0]);
      var last = d.length > 2 ? localDate(d[2]) : "";
      return first === null || last === null ? e.when : first + (last ? " \u2013 " + last : "");
    } catch (err) {
      return e.when;
    }
  }
  function localPublished(doc) {
    if (!doc.date || typeof Intl === "undefined") { return doc.published; }
    try {
      var day = localDate(doc.date[0]);
      return day === null ? doc.published : day + (doc.date[1] ? ", est." : "");
    } catch (err) {
      return doc.published;
    }
  }
  events.forEach(function (e) { e.when = localWhen(e); });
  view.docs.forEach(function (d) { d.published = localPublished(d); });
  var CHUNK = 200;
  var PALETTE = ["#2f6db5", "#c2571a", "#23794a", "#8e44ad", "#a67c00", "#c73a6b", "#1b7f8c",
    "#5c6bc0", "#6d8f00", "#8d5524"];
  var CANDIDATE = "#6b7280";
  var DAY_MS = 86400000;
  var WARN = "#c0392b";

  function $(role) { return document.querySelector('[data-role="' + role + '"]'); }
  var ui = {
    counts: $("counts"), search: $("search"), tag: $("tag"), doc: $("doc"),
    docOptions: $("doc-options"), top: $("top"), sort: $("sort"), heading: $("list-heading"),
    allCandidates: $("all-candidates"),
    curated: $("show-curated"), candidates: $("show-candidates"), reset: $("reset"),
    status: $("status"), list: $("events"), more: $("more"), panel: $("sources"),
    body: $("panel-body"), close: $("close"), chart: document.getElementById("timeline-chart")
  };

  /* ------------------------------------------------------------------ small helpers */

  var el = TimelineSources.el;
  var add = TimelineSources.add;

  /* plotly parses a little HTML in its labels: hand it entities, never markup */
  function plotText(text, max) {
    var s = String(text);
    if (max && s.length > max) { s = s.slice(0, max - 1) + "\u2026"; }
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* ------------------------------------------------------------------ indexes */

  var byId = {};
  for (var i = 0; i < N; i++) { byId[events[i].id] = i; }

  /* the most salient candidates are drawn largest; the top-N control shows the first N */
  var CANDIDATES = 0;
  for (var c = 0; c < N; c++) { if (events[c].rank !== null) { CANDIDATES += 1; } }
  var TOPS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000].filter(function (n) {
    return n < CANDIDATES;
  });
  var DEFAULT_TOP = TOPS.indexOf(20) >= 0 ? 20 : 0;  /* 0: every candidate on the page */
  function candidateSize(rank, biggest) {
    return Math.round(7 + (biggest - 7) * (1 - Math.log(1 + rank) / Math.log(2 + CANDIDATES)));
  }

  /* the search index: one lowercase string per event (title, summary, tags, quotes) and the
     documents that mention it; built once, when the browser is idle or at the first search */
  var haystack = null;
  var reindexing = false;
  var docsOf = null;
  function ensureIndex() {
    if (haystack) { return; }
    if (!rest && !reindexing) {  /* searched before every quote is unpacked: again once it is */
      reindexing = true;
      restReady().then(function () { haystack = null; if (state.q || state.doc) { update(); } });
    }
    var hay = new Array(N), docs = new Array(N);
    for (var k = 0; k < N; k++) {
      var ev = events[k];
      var parts = [ev.title, ev.summary, ev.tags.join(" ")];
      var docSet = {};
      var rows = ev.more ? ev.sources.concat(restOf(ev)) : ev.sources;
      for (var s = 0; s < rows.length; s++) {
        parts.push(rows[s][1]);
        docSet[rows[s][0]] = true;
      }
      ev.refs.forEach(function (ref) { parts.push(ref.title); });
      hay[k] = parts.join("\n").toLowerCase();
      docs[k] = docSet;  /* doc index -> true */
    }
    haystack = hay;
    docsOf = docs;
  }
  performance.mark("timeline:indexed");
  var docIndex = {};
  view.docs.forEach(function (d, j) { docIndex[d.id] = j; });

  /* ------------------------------------------------------------------ state and hash */

  /* the list opens most salient first (curated events, then candidates by salience) */
  var SORTS = { salience: "Events, most salient first", date: "Events in date order" };
  var DEFAULT_SORT = "salience";
  var state = { q: "", tag: "", doc: "", curated: true, candidates: true, top: DEFAULT_TOP,
    sort: DEFAULT_SORT, event: null };

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var hide = (p.get("hide") || "").split(",");
    var top = p.get("top");
    var sort = p.get("sort");
    return {
      sort: SORTS.hasOwnProperty(sort) ? sort : DEFAULT_SORT,
      top: top === "all" ? 0 : (TOPS.indexOf(+top) >= 0 ? +top : DEFAULT_TOP),
      q: p.get("q") || "", tag: p.get("tag") || "", doc: p.get("doc") || "",
      curated: hide.indexOf("curated") < 0, candidates: hide.indexOf("candidates") < 0,
      event: p.get("event")
    };
  }
  function writeHash() {
    var p = new URLSearchParams();
    if (state.event) { p.set("event", state.event); }
    if (state.q) { p.set("q", state.q); }
    if (state.tag) { p.set("tag", state.tag); }
    if (state.doc) { p.set("doc", state.doc); }
    if (state.top !== DEFAULT_TOP) { p.set("top", state.top ? String(state.top) : "all"); }
    if (state.sort !== DEFAULT_SORT) { p.set("sort", state.sort); }
    var hide = [];
    if (!state.curated) { hide.push("curated"); }
    if (!state.candidates) { hide.push("candidates"); }
    if (hide.length) { p.set("hide", hide.join(",")); }
    var hash = p.toString();
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }

  /* ------------------------------------------------------------------ filtering */

  function matcher() {
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var doc = state.doc;
    if (terms.length || doc) { ensureIndex(); }
    var pub = null, docAt = null;
    if (doc.indexOf("pub:") === 0) { pub = doc.slice(4); }
    if (doc.indexOf("doc:") === 0) {
      docAt = docIndex.hasOwnProperty(doc.slice(4)) ? docIndex[doc.slice(4)] : -1;
    }
    return function (k) {
      var e = events[k];
      if (e.kind === "curated" ? !state.curated : !state.candidates) { return false; }
      if (state.top && e.rank !== null && e.rank >= state.top) { return false; }
      if (state.tag && e.tags.indexOf(state.tag) < 0) { return false; }
      if (docAt !== null && !docsOf[k][docAt]) { return false; }
      if (pub !== null) {
        var hit = false;
        for (var j in docsOf[k]) {
          if (view.docs[j].publisher === pub) { hit = true; break; }
        }
        if (!hit) { return false; }
      }
      for (var t = 0; t < terms.length; t++) {
        if (haystack[k].indexOf(terms[t]) < 0) { return false; }
      }
      return true;
    };
  }

  var shown = [];      // event indexes in the list's order, after filtering
  function applyFilter() {
    var ok = matcher();
    shown = (state.sort === "date" ? view.order : view.salient).filter(ok);
  }

  /* ------------------------------------------------------------------ chart */

  var webgl = (function () {
    try {
      var c = document.createElement("canvas");
      return !!(c.getContext("webgl") || c.getContext("experimental-webgl"));
    } catch (e) { return false; }
  })();
  var laneColor = view.lanes.map(function (lane, k) { return PALETTE[k % PALETTE.length]; });
  /* window.__timelineOptions (set before the page loads) lets benchmarks compare renderers */
  var OPTIONS = window.__timelineOptions || {};
  /* WebGL pays off above 300 events drawn; decided at each draw, since the page opens on a
     few of its events (the most salient candidates) and may show all of them later */
  var GL = false;
  function useGL(drawn) {
    return OPTIONS.gl !== undefined ? !!OPTIONS.gl && webgl : webgl && drawn > 300;
  }
  var SLIDER = OPTIONS.slider !== undefined ? !!OPTIONS.slider : true;
  /* the same traces whatever the filter, so that plotly updates them instead of rebuilding */
  function barKey(k) {
    var cand = events[k].kind === "candidate";
    return (cand ? "can" : "cur") + "|" + (events[k].approx ? 1 : 0) + "|" + (cand ? 0 : events[k].lane);
  }
  var BAR_KEYS = (function () {
    var keys = {};
    for (var k = 0; k < N; k++) { if (events[k].x1 !== null) { keys[barKey(k)] = true; } }
    return Object.keys(keys).sort();
  })();
  var plotted = false;

  var hoverCache = new Array(N);
  function hover(k) {
    return hoverCache[k] || (hoverCache[k] = hoverText(k));
  }
  function hoverText(k) {
    var e = events[k];
    var text = "<b>" + plotText(e.title, 90) + "</b><br>" + plotText(events[k].when);
    if (e.kind === "candidate") { text += " \u00b7 candidate"; }
    if (e.conflicts && e.conflicts.length) {
      text += "<br>\u26a0 " + plural(e.conflicts.length, "source disagrees", "sources disagree");
    }
    return text;
  }

  function buildTraces(list) {
    var type = GL ? "scattergl" : "scatter";
    var pts = { cur: { x: [], y: [], c: [], t: [], col: [], op: [] },
      can: { x: [], y: [], c: [], t: [], op: [], s: [] } };
    var bars = {};
    BAR_KEYS.forEach(function (key) {
      var bits = key.split("|");
      bars[key] = { x: [], y: [], c: [], t: [], s: [], cand: bits[0] === "can", approx: bits[1] === "1",
        lane: +bits[2] };
    });
    var conflict = { x: [], y: [] };
    for (var n = 0; n < list.length; n++) {
      var k = list[n], p = events[k], e = events[k];
      var cand = e.kind === "candidate";
      var h = hover(k);
      if (p.x1 === null) {
        var g = cand ? pts.can : pts.cur;
        g.x.push(p.x0 * DAY_MS); g.y.push(p.y); g.c.push(k); g.t.push(h); g.op.push(p.approx ? 0.5 : 1);
        if (cand) { g.s.push(e.rank === null ? 9 : candidateSize(e.rank, 18)); }
        if (!cand) { g.col.push(laneColor[p.lane]); }
      } else {
        var b = bars[barKey(k)];
        b.x.push(p.x0 * DAY_MS, p.xm * DAY_MS, p.x1 * DAY_MS, null); b.y.push(p.y, p.y, p.y, null);
        b.c.push(k, k, k, null); b.t.push(h, h, h, null);
        b.s.push(0, cand ? (e.rank === null ? 9 : candidateSize(e.rank, 16)) : 10, 0, 0);
      }
      if (e.conflicts && e.conflicts.length) { conflict.x.push(p.xm * DAY_MS); conflict.y.push(p.y); }
    }
    var traces = [];
    BAR_KEYS.forEach(function (key) {
      var b = bars[key];
      traces.push({
        type: type, mode: "lines+markers", x: b.x, y: b.y, customdata: b.c, hovertext: b.t,
        hoverinfo: "text", connectgaps: false, showlegend: false,
        opacity: b.approx ? 0.6 : (b.cand ? 0.75 : 0.9),
        line: { color: b.cand ? CANDIDATE : laneColor[b.lane], width: b.cand ? 4 : 7,
          dash: b.approx ? "dot" : "solid" },
        /* a square in the middle keeps a short span visible when zoomed out */
        marker: { size: b.s, symbol: b.cand ? "square-open" : "square",
          color: b.cand ? CANDIDATE : laneColor[b.lane],
          line: { color: b.cand ? CANDIDATE : "#ffffff", width: b.cand ? 2 : 1 } }
      });
    });
    traces.push({
      type: type, mode: "markers", x: pts.cur.x, y: pts.cur.y, customdata: pts.cur.c,
      hovertext: pts.cur.t, hoverinfo: "text", showlegend: false,
      marker: { size: 11, color: pts.cur.col, opacity: pts.cur.op,
        line: { color: "#ffffff", width: 1 } }
    });
    traces.push({
      type: type, mode: "markers", x: pts.can.x, y: pts.can.y, customdata: pts.can.c,
      hovertext: pts.can.t, hoverinfo: "text", showlegend: false,
      marker: { size: pts.can.s, symbol: "circle-open", color: CANDIDATE, opacity: pts.can.op,
        line: { color: CANDIDATE, width: 2 } }
    });
    traces.push({
      type: type, mode: "markers", x: conflict.x, y: conflict.y, hoverinfo: "skip",
      showlegend: false,
      marker: { size: 17, symbol: "circle-open", color: WARN, line: { color: WARN, width: 2.5 } }
    });
    if (GL) { traces.push(overview(list)); }
    traces.push(DENSITY);
    return traces;
  }

  /* The density strip above the lanes: how many sentences of the whole timeline (every
     candidate, not only those on the page) refer to each day, month or year. It does not
     change with the filters: it shows where the story is. */
  var DENSITY = (function () {
    var d = view.density, xs = [], ys = [], texts = [], most = 0;
    for (var b = 0; b < d.counts.length; b++) {
      xs.push(d.x[b] * DAY_MS);
      ys.push(d.counts[b]);
      texts.push(plotText(d.labels[b]) + ": " + plural(d.counts[b], "sentence", "sentences"));
      if (d.counts[b] > most) { most = d.counts[b]; }
    }
    xs.push(d.x[d.counts.length] * DAY_MS);
    ys.push(d.counts.length ? d.counts[d.counts.length - 1] : 0);
    texts.push("");
    return { type: "scatter", mode: "lines", name: "density", x: xs, y: ys, yaxis: "y2",
      line: { shape: "hv", color: "#2f6db5", width: 1 }, fill: "tozeroy",
      fillcolor: "rgba(47, 109, 181, 0.3)", hovertext: texts, hoverinfo: "text",
      showlegend: false, most: most };
  })();
  var STRIP_PX = 46;

  /* The range slider draws only SVG traces, so with WebGL it gets this light overview instead:
     how many events fall in each stretch of time, drawn at y = OVERVIEW_Y, far outside the
     lanes (the main plot clips it away; the slider's own y range shows only it). */
  var OVERVIEW_Y = -1000;
  function overview(list) {
    var r0 = Date.parse(view.range[0]), r1 = Date.parse(view.range[1]);
    var BINS = 240, width = (r1 - r0) / BINS, counts = [], most = 1, b;
    for (b = 0; b < BINS; b++) { counts.push(0); }
    for (var n = 0; n < list.length; n++) {
      b = Math.floor((events[list[n]].xm * DAY_MS - r0) / width);
      if (b >= 0 && b < BINS) { counts[b] += 1; }
    }
    for (b = 0; b < BINS; b++) { if (counts[b] > most) { most = counts[b]; } }
    var xs = [], ys = [];
    for (b = 0; b < BINS; b++) {
      var h = OVERVIEW_Y + counts[b] / most;
      xs.push(r0 + b * width, r0 + (b + 1) * width);
      ys.push(h, h);
    }
    xs.push(r1, r0);
    ys.push(OVERVIEW_Y, OVERVIEW_Y);
    return { type: "scatter", mode: "lines", x: xs, y: ys, fill: "toself",
      fillcolor: "rgba(47, 109, 181, 0.35)", line: { color: "#2f6db5", width: 1 },
      hoverinfo: "skip", showlegend: false };
  }


  var pageFont = null;
  function fontFamily() {
    return pageFont || (pageFont = getComputedStyle(document.documentElement).fontFamily);
  }

  function layout() {
    var lanes = view.lanes;
    var bottom = lanes.length ? lanes[lanes.length - 1].y1 : 1;
    var rows = bottom + 0.5;
    var narrow = window.innerWidth < 700;
    /* at least 20 px a lane, so lane names never overlap */
    var height = Math.max(narrow ? 260 : 300, lanes.length * 20 + 130,
      Math.min(640, Math.round(rows * 30 + 130))) + STRIP_PX;
    var strip = STRIP_PX / (height * 0.8);  /* the strip's share of the plot area */
    var shapes = lanes.map(function (lane, k) {
      return { type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: lane.y0 - 0.2,
        y1: lane.y1 + 0.2, line: { width: 0 }, fillcolor: k % 2 ? "#ffffff" : "#f4f6f9",
        layer: "below" };
    });
    return {
      height: height,
      margin: { l: 10, r: 16, t: 12, b: 10 },
      font: { family: fontFamily(), size: 12,
        color: "#1d2330" },
      paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
      hovermode: "closest", dragmode: "zoom", showlegend: false, uirevision: "keep",
      hoverlabel: { bgcolor: "#ffffff", bordercolor: "#9aa3af", font: { color: "#1d2330" },
        align: "left" },
      xaxis: { type: "date", range: view.range.slice(), showgrid: true, gridcolor: "#e4e7ec",
        zeroline: false, rangeslider: { visible: SLIDER, thickness: narrow ? 0.1 : 0.08,
          bgcolor: "#f4f6f9", range: view.range.slice(),
          yaxis: GL ? { rangemode: "fixed", range: [OVERVIEW_Y - 0.05, OVERVIEW_Y + 1.1] }
            : { rangemode: "auto" },
          yaxis2: { rangemode: "fixed", range: [0, Math.max(DENSITY.most, 1) * 1.05] } } },
      yaxis: { range: [bottom + 0.6, -0.8], fixedrange: true, zeroline: false, showgrid: false,
        automargin: true, domain: [0, 1 - strip],
        tickvals: lanes.map(function (l) { return (l.y0 + l.y1) / 2; }),
        ticktext: lanes.map(function (l) { return plotText(l.name, narrow ? 12 : 22); }) },
      yaxis2: { domain: [1 - strip * 0.85, 1], fixedrange: true, zeroline: false,
        showgrid: false, automargin: true, range: [0, Math.max(DENSITY.most, 1) * 1.05],
        tickvals: [Math.max(DENSITY.most, 1) / 2], ticktext: ["mentions"] },
      shapes: shapes
    };
  }

  var config = { displaylogo: false, responsive: true, scrollZoom: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"] };

  var chartLoaded = false;

  /* boot.js has started plotly.js while the page was loading; if that did not work (no blob:
     scripts here), the source is run inline once the list has been painted */
  function loadPlotly() {
    return Promise.resolve(window.__timelinePlotly).then(function () {
      var holder = document.getElementById("plotly-src");
      if (!window.Plotly && holder && holder.textContent) {
        var script = document.createElement("script");
        script.textContent = holder.textContent;
        document.head.appendChild(script);
        holder.textContent = "";
      }
      chartLoaded = !!window.Plotly;
    });
  }

  function drawChart() {
    if (!chartLoaded) { return Promise.resolve(); }
    GL = useGL(shown.length);
    var traces = buildTraces(shown);
    if (!plotted) {
      plotted = true;
      /* With WebGL the first plot settles the margins (lane names, range slider) on empty
         traces, then the events are drawn once. Plotted at once, they would be drawn twice:
         plotly redraws everything after it has grown the margins, and WebGL work is costly. */
      var first = !GL ? traces : traces.map(function (t) {
        return Object.assign({}, t, { x: [], y: [], customdata: [], hovertext: [] });
      });
      return Plotly.newPlot(ui.chart, first, layout(), config).then(function () {
        ui.chart.on("plotly_click", function (ev) {
          var pt = ev && ev.points && ev.points[0];
          if (pt && typeof pt.customdata === "number") { openEvent(pt.customdata, false); }
        });
        ui.chart.on("plotly_afterplot", markSelected);
        return GL ? Plotly.react(ui.chart, traces, layout()) : null;
      }).then(markSelected);
    }
    /* no config: it never changes, and handing it over again makes plotly copy and compare it */
    return Plotly.react(ui.chart, traces, layout());
  }

  /* the selected event: a ring drawn over the chart, so selecting never redraws the plot */
  var ring = el("div", "selected-ring");
  ring.setAttribute("aria-hidden", "true");
  ring.hidden = true;
  ui.chart.appendChild(ring);

  function markSelected() {
    var k = state.event !== null && byId.hasOwnProperty(state.event) ? byId[state.event] : -1;
    var full = ui.chart._fullLayout;
    if (k < 0 || !plotted || !full || !full.xaxis || !full.yaxis) { ring.hidden = true; return; }
    var xa = full.xaxis, ya = full.yaxis;
    var px = xa._offset + xa.l2p(events[k].xm * DAY_MS);
    var py = ya._offset + ya.l2p(events[k].y);
    var inside = px >= xa._offset && px <= xa._offset + xa._length &&
      py >= ya._offset && py <= ya._offset + ya._length;
    ring.hidden = !inside;
    ring.style.left = px + "px";
    ring.style.top = py + "px";
  }

  /* ------------------------------------------------------------------ list */

  var rendered = 0;
  var activeRow = null;

  function row(k) {
    var e = events[k], p = events[k];
    var li = el("li", e.kind);
    li.setAttribute("data-event-id", e.id);
    li.setAttribute("tabindex", "-1");
    if (e.id === state.event) { li.classList.add("selected"); li.setAttribute("aria-current", "true"); }
    var when = el("span", "when", p.when);
    var title = el("span", "title");
    if (e.kind === "candidate") { add(title, el("span", "badge candidate", "candidate")); }
    add(title, e.title);
    var meta = el("span", "meta");
    var bits = [];
    if (e.tags.length) { bits.push(e.tags.join(", ")); }
    if (e.rank !== null) {
      bits.push("#" + (e.rank + 1) + " most salient", plural(e.documents, "document", "documents"));
    } else {
      bits.push(plural(e.sources.length + e.more + e.refs.length, "source", "sources"));
    }
    add(meta, bits.join(" \u00b7 "));
    if (e.conflicts.length) {
      add(meta, " \u00b7 ", el("span", "warn",
        "\u26a0 " + plural(e.conflicts.length, "conflict", "conflicts")));
    }
    var summary = e.summary ? el("span", "row-summary", e.summary) : null;
    return add(li, when, title, meta, summary);
  }

  function appendChunk() {
    var end = Math.min(rendered + CHUNK, shown.length);
    if (end <= rendered) { return false; }
    var frag = document.createDocumentFragment();
    for (var n = rendered; n < end; n++) { frag.appendChild(row(shown[n])); }
    ui.list.appendChild(frag);
    if (rendered === 0 && ui.list.firstChild) { setActive(ui.list.firstChild, false); }
    rendered = end;
    var left = shown.length - rendered;
    ui.more.hidden = left <= 0;
    ui.more.textContent = "Show more (" + left + " left)";
    return true;
  }

  function renderList() {
    ui.list.textContent = "";
    rendered = 0;
    activeRow = null;
    if (!shown.length) {
      ui.more.hidden = true;
      var empty = el("li", "status", N ? "No event matches. Clear the search or the filters."
        : "This timeline has no events yet.");
      empty.setAttribute("data-role", "empty");
      ui.list.appendChild(empty);
      return;
    }
    appendChunk();
    var sel = state.event ? ui.list.querySelector(".selected") : null;
    if (sel) { setActive(sel, false); }
  }

  function setActive(li, focus) {
    if (activeRow && activeRow !== li) { activeRow.setAttribute("tabindex", "-1"); }
    activeRow = li;
    li.setAttribute("tabindex", "0");
    if (focus) { li.focus(); }
  }

  function rowOf(target) {
    while (target && target !== ui.list) {
      if (target.nodeType === 1 && target.hasAttribute("data-event-id")) { return target; }
      target = target.parentNode;
    }
    return null;
  }

  ui.list.addEventListener("click", function (ev) {
    var li = rowOf(ev.target);
    if (!li) { return; }
    setActive(li, false);
    openEvent(byId[li.getAttribute("data-event-id")], false);
  });
  ui.list.addEventListener("keydown", function (ev) {
    var li = rowOf(ev.target);
    if (!li) { return; }
    var next = null;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      openEvent(byId[li.getAttribute("data-event-id")], false);
      return;
    }
    if (ev.key === "ArrowDown") {
      if (!li.nextElementSibling) { appendChunk(); }
      next = li.nextElementSibling;
    } else if (ev.key === "ArrowUp") {
      next = li.previousElementSibling;
    } else if (ev.key === "Home") {
      next = ui.list.firstElementChild;
    } else if (ev.key === "End") {
      next = ui.list.lastElementChild;
    } else {
      return;
    }
    ev.preventDefault();
    if (next) { setActive(next, true); }
  });
  ui.list.addEventListener("focusin", function (ev) {
    var li = rowOf(ev.target);
    if (li) { setActive(li, false); }
  });
  ui.more.addEventListener("click", appendChunk);
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (en) { return en.isIntersecting; })) { appendChunk(); }
    }, { rootMargin: "400px" }).observe(ui.more);
  }
  window.addEventListener("beforeprint", function () { while (appendChunk()) { /* all rows */ } });

  /* ------------------------------------------------------------------ sources panel */

  function buildPanel(k) {
    TimelineSources.fill(ui.body, events[k], view, whenRest);
  }

  var returnFocus = null;

  function openEvent(k, fromHash) {
    if (typeof k !== "number" || k < 0 || k >= N) { return; }
    var e = events[k];
    var prev = ui.list.querySelector(".selected");
    if (prev) { prev.classList.remove("selected"); prev.removeAttribute("aria-current"); }
    state.event = e.id;
    var li = ui.list.querySelector('[data-event-id="' + cssEscape(e.id) + '"]');
    if (li) { li.classList.add("selected"); li.setAttribute("aria-current", "true"); }
    buildPanel(k);
    if (!fromHash) { returnFocus = document.activeElement; }
    ui.panel.hidden = false;
    ui.panel.scrollTop = 0;
    ui.panel.focus({ preventScroll: true });
    writeHash();
    markSelected();
  }

  function closePanel() {
    if (ui.panel.hidden) { return; }
    ui.panel.hidden = true;
    ui.body.textContent = "";
    var prev = ui.list.querySelector(".selected");
    if (prev) { prev.classList.remove("selected"); prev.removeAttribute("aria-current"); }
    state.event = null;
    writeHash();
    markSelected();
    if (returnFocus && document.contains(returnFocus)) { returnFocus.focus(); }
    returnFocus = null;
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&");
  }

  ui.close.addEventListener("click", closePanel);
  var skip = document.querySelector(".skip");
  if (skip) {
    skip.addEventListener("click", function (ev) {
      ev.preventDefault();
      document.getElementById("event-list").focus();
    });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !ui.panel.hidden) { closePanel(); }
  });

  /* ------------------------------------------------------------------ controls */

  function docItems() {
    var byPub = {}, items = [];
    view.docs.forEach(function (d) {
      if (d.publisher) { byPub[d.publisher] = (byPub[d.publisher] || 0) + 1; }
    });
    Object.keys(byPub).sort().forEach(function (pub) {
      items.push({ value: "pub:" + pub, label: pub,
        detail: "publisher \u00b7 " + plural(byPub[pub], "document", "documents"),
        key: pub.toLowerCase() });
    });
    view.docs.forEach(function (d) {
      var detail = [d.publisher, d.published].filter(Boolean).join(", ");
      items.push({ value: "doc:" + d.id, label: d.label, detail: detail,
        key: [d.label, d.publisher || "", d.id].join("\n").toLowerCase() });
    });
    return items;
  }

  var docPicker = TimelinePicker.create(ui.doc, ui.docOptions, docItems, function (value) {
    if (value === state.doc) { return; }
    state.doc = value;
    update();
  });

  function fillControls() {
    var tags = {};
    events.forEach(function (e) { e.tags.forEach(function (t) { tags[t] = true; }); });
    Object.keys(tags).sort().forEach(function (t) {
      var o = el("option", null, t);
      o.value = t;
      ui.tag.appendChild(o);
    });
    TOPS.forEach(function (n) {
      var o = el("option", null, "top " + n);
      o.value = String(n);
      ui.top.appendChild(o);
    });
    var all = el("option", null, "all " + CANDIDATES);
    all.value = "0";
    ui.top.appendChild(all);
    var c = view.counts;
    ui.counts.textContent = "";
    add(ui.counts, el("b", null, c.documents), c.documents === 1 ? " document \u00b7 " : " documents \u00b7 ",
      el("b", null, c.events), c.events === 1 ? " event \u00b7 " : " events \u00b7 ",
      el("b", null, c.candidates), c.candidates === 1 ? " candidate" : " candidates",
      CANDIDATES < c.candidates ? " (the " + CANDIDATES + " most salient on this page) \u00b7 " : " \u00b7 ",
      el("b", null, c.conflicts), c.conflicts === 1 ? " conflict" : " conflicts");
  }

  function syncControls() {
    ui.search.value = state.q;
    ui.tag.value = state.tag;
    if (ui.tag.value !== state.tag) { state.tag = ""; ui.tag.value = ""; }
    if (!docPicker.show(state.doc)) { state.doc = ""; }
    ui.top.value = String(state.top);
    ui.sort.value = state.sort;
    ui.heading.textContent = SORTS[state.sort];
    ui.curated.checked = state.curated;
    ui.candidates.checked = state.candidates;
  }

  function statusText() {
    var text = shown.length === N
      ? "Showing all " + plural(N, "event", "events")
      : "Showing " + shown.length + " of " + plural(N, "event", "events");
    var limited = state.top && state.candidates && state.top < CANDIDATES;
    ui.allCandidates.hidden = !limited;
    if (limited) {
      text += ": the " + state.top + " most salient of " + CANDIDATES + " candidates";
      ui.allCandidates.textContent = "Show all " + CANDIDATES + " candidates";
    }
    return text;
  }

  var updates = 0;
  function update() {
    var t0 = performance.now();
    applyFilter();
    renderList();
    ui.status.textContent = statusText();
    writeHash();
    return Promise.resolve(drawChart()).then(function () {
      updates += 1;
      window.__timelineUpdates = updates;
      window.__timelineLastUpdateMs = performance.now() - t0;
      document.body.setAttribute("data-updates", String(updates));
    });
  }

  var timer = null;
  var DEBOUNCE = N > 2000 ? 120 : 40;
  ui.search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = ui.search.value.trim(); update(); }, DEBOUNCE);
  });
  ui.tag.addEventListener("change", function () { state.tag = ui.tag.value; update(); });
  ui.top.addEventListener("change", function () { state.top = +ui.top.value; update(); });
  ui.sort.addEventListener("change", function () {
    state.sort = ui.sort.value;
    ui.heading.textContent = SORTS[state.sort];
    update();
  });
  ui.allCandidates.addEventListener("click", function () {
    state.top = 0;
    ui.top.value = "0";
    update();
  });
  ui.curated.addEventListener("change", function () { state.curated = ui.curated.checked; update(); });
  ui.candidates.addEventListener("change", function () {
    state.candidates = ui.candidates.checked;
    update();
  });
  ui.reset.addEventListener("click", function () {
    state.q = ""; state.tag = ""; state.doc = ""; state.curated = true; state.candidates = true;
    state.top = DEFAULT_TOP; state.sort = DEFAULT_SORT;
    syncControls();
    update();
  });

  function fromHash(ev) {
    /* a plain anchor such as #event-list is not page state */
    if (ev && location.hash && location.hash.indexOf("=") < 0) { return Promise.resolve(); }
    var h = readHash();
    var wanted = h.event;
    state.q = h.q; state.tag = h.tag; state.doc = h.doc; state.top = h.top; state.sort = h.sort;
    state.curated = h.curated; state.candidates = h.candidates;
    state.event = wanted && byId.hasOwnProperty(wanted) ? wanted : null;
    syncControls();
    return update().then(function () {
      if (state.event) { openEvent(byId[state.event], true); } else { closePanel(); }
    });
  }
  window.addEventListener("hashchange", fromHash);

  /* ------------------------------------------------------------------ start */

  fillControls();
  fromHash().then(function () {
    performance.mark("timeline:listed");
    window.__timelineListReady = performance.now();
    document.body.setAttribute("data-list-ready", "1");
    requestAnimationFrame(function () {
      setTimeout(function () {
        loadPlotly().then(function () {
          performance.mark("timeline:plotly");
          if (!chartLoaded) {
            ui.chart.textContent = "The chart could not be drawn; the list below has every event.";
          }
          return drawChart();
        }).then(function () {
          performance.mark("timeline:drawn");
          window.__timelineReady = performance.now();
          document.body.setAttribute("data-ready", "1");
          setTimeout(function () { restReady().then(ensureIndex); }, 50);
        });
      }, 0);
    });
  });
})();
