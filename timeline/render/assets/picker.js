/* A searchable picker: a text box whose matches drop down as the reader types, so that a
 * corpus of any size never becomes one <option> per document. At most MAX_SHOWN matches are in
 * the document at a time. Labels become text nodes (TimelineSources.el).
 */
var TimelinePicker = (function () {
  "use strict";
  var el = TimelineSources.el;
  var add = TimelineSources.add;
  var MAX_SHOWN = 30;

  /* makeItems() gives [{value, label, detail, key}] where key is the lowercase text a query
     must match; it is called once, when the picker is first used. onPick(value) is called
     with an item's value, or "" when the box is cleared */
  function create(input, list, makeItems, onPick) {
    var matches = [];
    var active = -1;
    var made = null;
    function items() { return made || (made = makeItems()); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(j) {
      var old = active >= 0 ? document.getElementById(list.id + "-" + active) : null;
      if (old) { old.setAttribute("aria-selected", "false"); }
      active = j;
      var now = j >= 0 ? document.getElementById(list.id + "-" + j) : null;
      if (now) {
        now.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", now.id);
        now.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var total = 0, all = items();
      matches = [];
      for (var i = 0; i < all.length; i++) {
        var key = all[i].key, ok = true;
        for (var t = 0; t < terms.length; t++) {
          if (key.indexOf(terms[t]) < 0) { ok = false; break; }
        }
        if (ok) {
          total += 1;
          if (matches.length < MAX_SHOWN) { matches.push(all[i]); }
        }
      }
      list.textContent = "";
      matches.forEach(function (item, j) {
        var li = el("li", "option", item.label);
        li.id = list.id + "-" + j;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-index", String(j));
        if (item.detail) { add(li, el("span", "detail", item.detail)); }
        list.appendChild(li);
      });
      if (total > matches.length) {
        list.appendChild(el("li", "note", (total - matches.length) + " more: type to narrow"));
      } else if (!total) {
        list.appendChild(el("li", "note", "Nothing matches"));
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      setActive(matches.length ? 0 : -1);
    }

    function pick(item) {
      input.value = item.label;
      close();
      onPick(item.value);
    }

    input.addEventListener("input", function () {
      if (!input.value.trim()) { close(); onPick(""); return; }
      render();
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        if (list.hidden) { render(); } else { setActive(Math.min(active + 1, matches.length - 1)); }
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        setActive(Math.max(active - 1, 0));
      } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
        ev.preventDefault();
        pick(matches[active]);
      } else if (ev.key === "Escape" && !list.hidden) {
        ev.stopPropagation();
        close();
      }
    });
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    list.addEventListener("click", function (ev) {
      var li = ev.target.closest ? ev.target.closest("li[data-index]") : null;
      if (li) { pick(matches[+li.getAttribute("data-index")]); }
    });
    input.addEventListener("blur", close);

    return {
      /* show the item with this value in the box (or empty it) without calling onPick */
      show: function (value) {
        var label = "", all = value ? items() : [];
        for (var i = 0; i < all.length; i++) {
          if (all[i].value === value) { label = all[i].label; break; }
        }
        input.value = label;
        close();
        return label !== "" || !value;
      }
    };
  }

  return { create: create };
})();
