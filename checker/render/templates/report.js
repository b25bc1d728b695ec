(function () {
  "use strict";
  /* Filters, search and sorting for the report. Without this script every finding and target is shown in
     the order the report gives; the controls stay hidden because they would do nothing. Items carry
     data-severity, data-category and data-plan; data-search marks rows that only the search box filters
     (targets). The filters in force are kept in the address (?severity=...&category=...&plan=...&q=...),
     so a filtered view can be bookmarked, reloaded or sent. */
  document.documentElement.classList.add("js");

  /* sortable tables: a button in each header cell; a cell sorts by its data-sort, else its text */
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = table.getAttribute("data-sort-label") || "";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
          var cell = row.cells[column];
          var key = cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
          return {row: row, key: key, number: /^-?\d+(\.\d+)?$/.test(key) ? parseFloat(key) : null, index: index};
        });
        rows.sort(function (a, b) {
          var order = a.number !== null && b.number !== null ? a.number - b.number :
            (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
          return (descending ? -order : order) || a.index - b.index;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  });

  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var findings = Array.prototype.slice.call(document.querySelectorAll("[data-finding]"));
  var searchable = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[name=severity]"));
  var category = bar.querySelector("select[name=category]");
  var plan = bar.querySelector("select[name=plan]");
  var search = bar.querySelector("input[name=q]");
  var output = bar.querySelector("output");
  var template = output ? output.getAttribute("data-template") : "";

  function text(el) {
    var cached = el.getAttribute("data-text");
    if (cached === null) {
      cached = el.textContent.replace(/\s+/g, " ").toLowerCase();
      el.setAttribute("data-text", cached);
    }
    return cached;
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (params.has("severity")) {
      var wanted = params.get("severity").split(",");
      boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    }
    [["category", category], ["plan", plan]].forEach(function (pair) {
      var value = params.get(pair[0]);
      if (pair[1] && value !== null && pair[1].querySelector("option[value='" + CSS.escape(value) + "']")) {
        pair[1].value = value;
      }
    });
    if (search && params.has("q")) { search.value = params.get("q"); }
  }

  function remember(severities, cat, pl, q) {
    var params = new URLSearchParams();
    if (severities.length !== boxes.length) { params.set("severity", severities.join(",")); }
    if (cat) { params.set("category", cat); }
    if (pl) { params.set("plan", pl); }
    if (q) { params.set("q", q); }
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* an address that cannot change (some file viewers): the filters still work */ }
  }

  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var cat = category ? category.value : "";
    var pl = plan ? plan.value : "";
    var raw = search ? search.value.replace(/\s+/g, " ").trim() : "";
    var q = raw.toLowerCase();
    var shown = 0;
    findings.forEach(function (el) {
      var ok = severities.indexOf(el.getAttribute("data-severity")) >= 0 &&
        (!cat || el.getAttribute("data-category") === cat) &&
        (!pl || el.getAttribute("data-plan") === pl) &&
        (!q || text(el).indexOf(q) >= 0);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    searchable.forEach(function (el) { el.hidden = !!q && text(el).indexOf(q) < 0; });
    groups.forEach(function (group) {
      group.hidden = group.querySelector("[data-finding]:not([hidden])") === null;
    });
    if (output) {
      output.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(findings.length));
    }
    remember(severities, cat, pl, raw);
  }

  bar.addEventListener("input", apply);
  bar.addEventListener("change", apply);
  bar.addEventListener("submit", function (event) { event.preventDefault(); });
  restore();
  apply();
}());
