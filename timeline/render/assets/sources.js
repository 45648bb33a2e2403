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

  function quoteNode(src, info) {
    var q = el("blockquote");
    var text = src.quote;
    var m = info && info.mark;
    if (m && m[0] >= 0 && m[1] <= text.length && m[0] < m[1]) {
      add(q, text.slice(0, m[0]), el("mark", null, text.slice(m[0], m[1])), text.slice(m[1]));
    } else {
      add(q, text);
    }
    return q;
  }

  function docLine(docId, docs, docInfo) {
    var d = docs[docId];
    var p = el("p", "doc");
    if (!d) { return add(p, docId); }
    add(p, el("cite", null, d.label));
    var rest = [];
    if (d.publisher) { rest.push(d.publisher); }
    if (d.published) { rest.push(d.published); }
    if (rest.length) { add(p, " \u2014 " + rest.join(", ")); }
    var web = link(d.href, "read online", false);
    var file = link(d.file, "local copy", true);
    if (web) { add(p, " \u00b7 ", web); }
    if (file) { add(p, " \u00b7 ", file); }
    var raw = docInfo[docId] && docInfo[docId].url;
    if (raw && !web) { add(p, " \u00b7 ", el("span", "rawurl", raw)); }
    return p;
  }

  var AGREE_TEXT = {
    agrees: "agrees with the curated date",
    disagrees: "disagrees with the curated date",
    undated: "no date in this sentence"
  };

  function corpusSource(e, src, info, docs, docInfo) {
    var box = el("div", "source" + (src.section === "comment" ? " comment" : ""));
    add(box, quoteNode(src, info));
    var badges = el("p");
    if (e.kind === "curated") {
      add(badges, el("span", "badge " + info.agree, AGREE_TEXT[info.agree]));
    }
    if (src.dismissed) {
      add(badges, el("span", "badge dismissed", "not a conflict, says the curator: " + src.dismissed));
    }
    if (src.section === "comment") {
      add(badges, el("span", "badge comment", "reader comment, not the publisher"));
    }
    if (src.via === "context") {
      add(badges, el("span", "badge context",
        "linked by its paragraph: continues a sentence that names the event"));
    }
    if (badges.childNodes.length) { add(box, badges); }
    if (info.reading) { add(box, el("p", "reading", info.reading)); }
    add(box, docLine(src.doc, docs, docInfo));
    return box;
  }

  function referenceSource(src, info) {
    var li = el("li");
    add(li, el("b", null, src.publisher), ", ");
    var web = link(info && info.href, src.title, false);
    add(li, web || el("cite", null, src.title));
    if (info && info.when) { add(li, ", " + info.when); }
    if (src.url && !web) { add(li, " ", el("span", "rawurl", src.url)); }
    return li;
  }

  /* fill the panel body with everything known about event ``e`` (``p``: its view entry) */
  function fill(body, e, p, docs, docInfo) {
    body.textContent = "";
    var h = el("h2", null, e.title);
    h.id = "panel-title";
    add(body, h);
    add(body, el("p", "when", p.when + (e.kind === "candidate"
      ? " \u00b7 candidate: found in the articles, not curated" : " \u00b7 curated event")));
    if (e.tags && e.tags.length) {
      var tags = el("p", "tags");
      e.tags.forEach(function (t) { add(tags, el("span", "tag", t)); });
      add(body, tags);
    }
    if (e.summary) { add(body, el("p", "summary", e.summary)); }
    if (e.conflicts && e.conflicts.length) {
      add(body, el("h3", "warn", "\u26a0 Sources disagree"));
      var ul = el("ul", "conflicts");
      e.conflicts.forEach(function (c) {
        var li = el("li", null, c.message);
        var d = docs[c.doc];
        if (d) { add(li, " (", el("cite", null, d.label), ")"); }
        add(ul, li);
      });
      add(body, ul);
    }
    var corpus = [], refs = [];
    (e.sources || []).forEach(function (src, j) {
      (src.kind === "corpus" ? corpus : refs).push([src, p.sources[j], j]);
    });
    /* dated sentences first: they are the ones that say when */
    corpus.sort(function (a, b) {
      return (a[0].timex ? 0 : 1) - (b[0].timex ? 0 : 1) || a[2] - b[2];
    });
    add(body, el("h3", null, corpus.length
      ? "In the articles (" + corpus.length + ")" : "In the articles: no mention found"));
    corpus.forEach(function (pair) {
      add(body, corpusSource(e, pair[0], pair[1], docs, docInfo));
    });
    if (refs.length) {
      add(body, el("h3", null, "References (" + refs.length + ")"));
      var list = el("ul", "refs");
      refs.forEach(function (pair) { add(list, referenceSource(pair[0], pair[1])); });
      add(body, list);
    }
    var share = el("p", "share");
    var a = el("a", null, "Link to this event");
    a.setAttribute("href", "#event=" + encodeURIComponent(e.id));
    add(body, add(share, a));
  }

  return { el: el, add: add, link: link, fill: fill };
})();
