/*
 * Danh sách chi bộ (/chi-bo/): filter, search by name or secretary without diacritics, sort by any
 * column, live count, and the whole state in the address (?loai=&trang-thai=&xep-loai=&q=
 * &sap-xep=), so a copied link shows the same view and the back button works.
 *
 * Without this script the page shows the full table. No framework; works with Material's
 * instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  var PARAMS = ["loai", "trang-thai", "xep-loai", "q"];

  /* "Chi bộ Khoa Dược" → "chi bo khoa duoc": what a reader may type without diacritics. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* The code in a "chibo-<kind>--<code>" class inside a cell, or "". */
  function code(cell, kind) {
    var span = cell && cell.querySelector(".chibo-" + kind);
    if (!span) return "";
    var prefix = "chibo-" + kind + "--";
    for (var i = 0; i < span.classList.length; i++) {
      if (span.classList[i].indexOf(prefix) === 0) return span.classList[i].slice(prefix.length);
    }
    return "";
  }

  /*
   * Each row's rank under every column's order, computed by the build (data-thu-tu): the
   * Vietnamese alphabet (a ă â b c d đ … ư v x y, tone marks only break ties), people by
   * given name, the most advanced status and rating first. One order for page and script.
   */
  function ranks(row) {
    return (row.getAttribute("data-thu-tu") || "").split(" ").map(Number);
  }

  function setup(root) {
    var form = document.querySelector("form.chibo-filter");
    var table = root.querySelector("table");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      var cells = row.cells;
      return {
        el: row,
        index: index,
        loai: code(cells[1], "type"),
        status: code(cells[3], "status"),
        rating: code(cells[4], "rating"),
        text: fold(cells[0].textContent) + " | " + fold(cells[2].textContent),
        keys: ranks(row)
      };
    });
    var output = form.querySelector("output");
    var sort = { column: -1, descending: false };

    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chibo-sort";
      button.textContent = th.textContent;
      button.title = "Sắp xếp theo cột này";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = sort.column === column ? !sort.descending : false;
        apply(readState(), { column: column, descending: descending });
        save("push");
      });
    });

    function readState() {
      var state = {};
      PARAMS.forEach(function (name) { state[name] = form.elements[name].value; });
      return state;
    }

    function fromUrl() {
      var query = new URLSearchParams(window.location.search);
      if (typeof window.__chiboListQuery === "string") {
        // Set aside by main.html so that Material's search does not open for ?q=.
        query.set("q", window.__chiboListQuery);
        delete window.__chiboListQuery;
      }
      var state = {};
      PARAMS.forEach(function (name) { state[name] = query.get(name) || ""; });
      var key = query.get("sap-xep") || "";
      var match = /^(-?)(\d)$/.exec(key);
      return { state: state, sort: match ? { column: +match[2], descending: match[1] === "-" }
                                         : { column: -1, descending: false } };
    }

    function save(mode) {
      var query = new URLSearchParams(window.location.search);
      PARAMS.forEach(function (name) {
        var value = form.elements[name].value;
        if (value) query.set(name, value); else query.delete(name);
      });
      if (sort.column >= 0) query.set("sap-xep", (sort.descending ? "-" : "") + sort.column);
      else query.delete("sap-xep");
      var text = query.toString();
      var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      try {
        window.history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
      } catch (error) {
        /* file:// in some browsers: the view still works, only the address stays. */
      }
    }

    function apply(state, order) {
      PARAMS.forEach(function (name) {
        var field = form.elements[name];
        if (field.tagName === "SELECT" && state[name] &&
            !field.querySelector('option[value="' + CSS.escape(state[name]) + '"]')) {
          state[name] = "";  // an unknown value in a shared link: show everything
        }
        field.value = state[name];
      });
      var phrase = fold(state.q);
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!state.loai || row.loai === state.loai) &&
          (!state["trang-thai"] || row.status === state["trang-thai"]) &&
          (!state["xep-loai"] || row.rating === state["xep-loai"]) &&
          (!phrase || row.text.indexOf(phrase) >= 0);
        row.el.hidden = !visible;
        if (visible) shown += 1;
      });
      output.value = shown + "/" + rows.length + " chi bộ";
      sort = order;
      var sorted = rows.slice().sort(function (a, b) {
        if (order.column < 0) return a.index - b.index;
        var result = a.keys[order.column] - b.keys[order.column];
        return (order.descending ? -result : result) || a.index - b.index;
      });
      sorted.forEach(function (row) { body.appendChild(row.el); });
      headers.forEach(function (th, column) {
        if (column === order.column) th.setAttribute("aria-sort", order.descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) {
      apply(readState(), sort);
      save(event.target.name === "q" ? "replace" : "push");
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") save("push");
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(readState(), { column: -1, descending: false }); save("push"); }, 0);
    });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(form)) return;
      var saved = fromUrl();
      apply(saved.state, saved.sort);
    });

    var initial = fromUrl();
    apply(initial.state, initial.sort);
    save("replace");
    form.hidden = false;
  }

  function init() {
    var root = document.querySelector(".chibo-cells");
    if (root) setup(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
