/* The sources panel and the DOM helpers it shares with the page.
 *
 * Every string from the corpus or events.yaml becomes a text node (textContent,
 * createTextNode); links are made only for http(s) URLs and relative file paths, so a
 * ``javascript:`` URL shows as text.
 */
var TimelineSources = (function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }
  var SCHEME = /^[a-zA-Z][a-zA-Z0-9+.\-]*:/;
  function isHttp(url) { return typeof url === "string" && /^https?:\/\/\S+$/i.test(url); }
  function isRelative(url) {
    return typeof url === "string" && url.length > 0 && !SCHEME.test(url) &&
      url.indexOf("//") !== 0 && url.indexOf("\\") < 0 && url.indexOf("..") < 0;
  }
  function link(url, text, isFile) {
    if (isHttp(url)) {
      var a = el("a", null, text);
      a.setAttribute("href", url);
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("target", "_blank");
      return a;
    }
    if (isFile && isRelative(url)) {
      var f = el("a", null, text);
      f.setAttribute("href", url.split("/").map(encodeURIComponent).join("/"));
      return f;
    }
    return null;
  }

  /* a corpus source is a row: [doc, quote, mark start, mark end, reading, agreement, flags,
     dismissed?, page?] (view.py's source_row); doc and reading index the page's tables,
     dismissed is null when only a page follows */
  var DOC = 0, QUOTE = 1, LO = 2, HI = 3, READING = 4, AGREE = 5, FLAGS = 6, DISMISSED = 7,
    PAGE = 8;
  var COMMENT = 1, CONTEXT = 2;
  var AGREEMENT = ["undated", "agrees", "disagrees"];
  var SOURCE_CHUNK = 100;  /* "show all" adds an event's other sources this many at a time */

  function quoteNode(row) {
    var q = el("blockquote");
    var text = row[QUOTE], lo = row[LO], hi = row[HI];
    if (lo >= 0 && hi <= text.length && lo < hi) {
      add(q, text.slice(0, lo), el("mark", null, text.slice(lo, hi)), text.slice(hi));
    } else {
      add(q, text);
    }
    return q;
  }

  /* the document a source quotes; pageNumber: the PDF page the sentence is on, if any */
  function docLine(d, pageNumber) {
    var p = el("p", "doc");
    add(p, el("cite", null, d.label));
    if (pageNumber) { add(p, ", ", el("span", "pdfpage", "p. " + pageNumber)); }
    var rest = [];
    if (d.publisher) { rest.push(d.publisher); }
    if (d.published) { rest.push(d.published); }
    if (rest.length) { add(p, " \u2014 " + rest.join(", ")); }
    var web = link(d.href, "read online", false);
    var file = link(d.file, "local copy", true);
    if (web) { add(p, " \u00b7 ", web); }
    if (file) { add(p, " \u00b7 ", file); }
    if (d.url && !web) { add(p, " \u00b7 ", el("span", "rawurl", d.url)); }
    return p;
  }

  var AGREE_TEXT = {
    agrees: "agrees with the curated date",
    disagrees: "disagrees with the curated date",
    undated: "no date in this sentence"
  };

  function corpusSource(e, row, page) {
    var comment = (row[FLAGS] & COMMENT) !== 0;
    var box = el("div", "source" + (comment ? " comment" : ""));
    add(box, quoteNode(row));
    var badges = el("p");
    var agree = AGREEMENT[row[AGREE]];
    if (e.kind === "curated") {
      add(badges, el("span", "badge " + agree, AGREE_TEXT[agree]));
    }
    if (row[DISMISSED]) {
      add(badges, el("span", "badge dismissed",
        "not a conflict, says the curator: " + row[DISMISSED]));
    }
    if (comment) {
      add(badges, el("span", "badge comment", "reader comment, not the publisher"));
    }
    if (row[FLAGS] & CONTEXT) {
      add(badges, el("span", "badge context",
        "linked by its paragraph: continues a sentence that names the event"));
    }
    if (badges.childNodes.length) { add(box, badges); }
    if (row[READING] >= 0) { add(box, el("p", "reading", page.readings[row[READING]])); }
    add(box, docLine(page.docs[row[DOC]], row[PAGE]));
    return box;
  }

  function referenceSource(ref) {
    var li = el("li");
    add(li, el("b", null, ref.publisher), ", ");
    var web = link(ref.href, ref.title, false);
    add(li, web || el("cite", null, ref.title));
    if (ref.when) { add(li, ", " + ref.when); }
    if (ref.url && !web) { add(li, " ", el("span", "rawurl", ref.url)); }
    return li;
  }

  /* add rows[from..] to box, SOURCE_CHUNK at a time with a pause between chunks so that the
     page stays responsive; stops when the panel shows something else (box detached) */
  function addRows(box, e, rows, from, page, done) {
    var end = Math.min(from + SOURCE_CHUNK, rows.length);
    var frag = document.createDocumentFragment();
    for (var j = from; j < end; j++) { frag.appendChild(corpusSource(e, rows[j], page)); }
    box.appendChild(frag);
    if (end >= rows.length) { done(); return; }
    setTimeout(function () {
      if (document.contains(box)) { addRows(box, e, rows, end, page, done); }
    }, 0);
  }

  /* fill the panel body with everything known about event ``e`` (the page's view of it);
     ``page`` holds the shared tables (docs, readings); whenRest(e, done) gives done the
     sources after the first ones, which wait until the reader asks for them */
  function fill(body, e, page, whenRest) {
    body.textContent = "";
    var h = el("h2", null, e.title);
    h.id = "panel-title";
    add(body, h);
    add(body, el("p", "when", e.when + (e.kind === "candidate"
      ? " \u00b7 candidate: found in the articles, not curated" : " \u00b7 curated event")));
    if (e.tags && e.tags.length) {
      var tags = el("p", "tags");
      e.tags.forEach(function (t) { add(tags, el("span", "tag", t)); });
      add(body, tags);
    }
    if (e.summary) { add(body, el("p", "summary", e.summary)); }
    if (e.conflicts.length) {
      add(body, el("h3", "warn", "\u26a0 Sources disagree"));
      var ul = el("ul", "conflicts");
      e.conflicts.forEach(function (c) {
        var li = el("li", null, c.message);
        var d = page.docs[c.doc];
        if (d) { add(li, " (", el("cite", null, d.label), ")"); }
        add(ul, li);
      });
      add(body, ul);
    }
    var first = e.sources, total = first.length + e.more;
    add(body, el("h3", null, total
      ? "In the articles (" + total + ")" : "In the articles: no mention found"));
    var box = el("div", "sources");
    box.setAttribute("data-role", "source-list");
    add(body, box);
    for (var j = 0; j < first.length; j++) { box.appendChild(corpusSource(e, first[j], page)); }
    box.setAttribute("data-shown", String(first.length));
    if (e.more) {
      var more = el("button", "more", "Show all " + total + " sources");
      more.type = "button";
      more.setAttribute("data-role", "all-sources");
      more.addEventListener("click", function () {
        more.disabled = true;
        more.textContent = "Showing all " + total + " sources\u2026";
        whenRest(e, function (rows) {
          if (!rows.length) {
            more.textContent = "This browser cannot unpack the other " + e.more + " sources";
            return;
          }
          addRows(box, e, rows, 0, page, function () {
            box.setAttribute("data-shown", String(total));
            more.remove();
          });
        });
      });
      add(body, more);
    }
    if (e.refs.length) {
      add(body, el("h3", null, "References (" + e.refs.length + ")"));
      var list = el("ul", "refs");
      e.refs.forEach(function (ref) { add(list, referenceSource(ref)); });
      add(body, list);
    }
    var share = el("p", "share");
    var a = el("a", null, "Link to this event");
    a.setAttribute("href", "#event=" + encodeURIComponent(e.id));
    add(body, add(share, a));
  }

  return { el: el, add: add, link: link, fill: fill };
})();
