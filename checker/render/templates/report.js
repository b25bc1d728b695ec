(function () {
  "use strict";
  /* Filters, search and sorting for the report. Without this script every finding and target is shown in
     the order the report gives; the controls stay hidden because they would do nothing. Items carry
     data-severity, data-category and data-plan; data-search marks rows that only the search box filters
     (targets). The filters in force are kept in the address (?severity=...&category=...&plan=...&q=...),
     so a filtered view can be bookmarked, reloaded or sent. */
  document.documentElement.classList.add("js");

  /* A plan page's link chips and graph, drawn from its data block (#page-data: the plans it refers to, the
     chips' relation words, the graph's layout) and the plans' data files (window.plancheck, one file per
     plan: page, title and, for each target in the plan's order, [anchor, chip label, value, state, box
     label if another]); a target is named by plan index and position. Only text and attributes are set,
     never markup. */
  var SVG = "http://www.w3.org/2000/svg";
  var store = window.plancheck || {};
  var block = document.getElementById("page-data");
  var page = block ? JSON.parse(block.textContent) : null;

  function joined(parts) { return parts.filter(function (p) { return p; }).join(" \u00b7 "); }

  function position(plan, anchor) {  /* a target's position in its plan, by its anchor */
    if (!plan.at) {
      plan.at = {};
      plan.t.forEach(function (record, i) { plan.at[record[0]] = i; });
    }
    return plan.at[anchor];
  }

  function target(index, at, anchor) {  /* by position, or (at undefined) by anchor */
    var plan = store[page.plans[index]];
    var record = plan && plan.t[at === undefined ? position(plan, anchor) : at];
    if (!record) { return null; }
    return {label: record[1], value: record[2], state: record[3], box: record.length > 4 ? record[4] : record[1],
            title: plan.title, href: (index === 0 ? "" : plan.page) + "#t-" + record[0]};
  }

  function drawChips(cell) {
    var chips = [];
    var row = cell.parentNode.id.slice(2);  /* a token without ':anchor' names the row's own anchor */
    var ok = cell.getAttribute("data-links").split(" ").every(function (token) {
      var m = /^([A-Za-z])(\d+)(?::(\d+))?(?:!([a-z]+))?$/.exec(token);
      var other = m && target(parseInt(m[2], 10), m[3] === undefined ? undefined : parseInt(m[3], 10), row);
      if (!other || !page.rel[m[1]]) { return false; }
      var a = document.createElement("a");
      a.className = "chip st-" + (m[4] || "consistent");
      a.href = other.href;
      a.title = joined([other.title, other.label, other.value]);
      var b = document.createElement("b");
      b.textContent = page.rel[m[1]];
      a.appendChild(b);
      a.appendChild(document.createTextNode(other.label));
      chips.push(a);
      return true;
    });
    if (!ok) { return; }  /* a data file missing: the counts stay */
    cell.textContent = "";
    chips.forEach(function (a) { cell.appendChild(a); });
  }

  function width(text, size) {  /* as svg.text_width: CJK characters are square, others 0.6 em */
    return Array.from(text).reduce(function (w, ch) { return w + (ch.codePointAt(0) > 0x2E80 ? size : size * 0.6); }, 0);
  }

  function clip(text, size, room) {  /* as svg.clip */
    if (width(text, size) <= room) { return text; }
    var used = 0, out = "";
    Array.from(text).every(function (ch) {
      var wide = ch.codePointAt(0) > 0x2E80 ? size : size * 0.6;
      if (used + wide + size * 0.6 > room) { return false; }
      used += wide;
      out += ch;
      return true;
    });
    return out + "\u2026";
  }

  function num(x) { return String(Math.round(x * 10) / 10); }

  function make(tag, attributes, text) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { el.setAttribute(k, attributes[k]); });
    if (text) { el.textContent = text; }
    return el;
  }

  function drawBox(x, y, w, box) {
    var value = box.value;
    var room = w - 12;
    if (value) {
      value = clip(value, 11, Math.min(width(value, 11), w * 0.45));
      room -= width(value, 11) + 8;
    }
    var g = make("g", {"class": "node state-" + box.state + (box.dashed ? " dashed" : ""),
                       transform: "translate(" + num(x) + " " + num(y) + ")"});
    g.appendChild(make("title", {}, box.tooltip || box.label));
    g.appendChild(make("rect", {width: num(w), height: "20", rx: "4"}));
    g.appendChild(make("text", {x: "6", y: "14.5"}, clip(box.label, 12, room)));
    if (value) { g.appendChild(make("text", {x: num(w - 6), y: "14.5", "text-anchor": "end", "class": "node-value"}, value)); }
    if (!box.href) { return g; }
    var a = make("a", {href: box.href});
    a.appendChild(g);
    return a;
  }

  var RELATIONS = {a: "assigned", r: "refines", s: "shares", p: "peer", g: "gap"};

  function drawGraph(holder, graph) {
    var svg = make("svg", {"class": "graph", viewBox: "0 0 " + num(graph.w) + " " + num(graph.h), width: num(graph.w),
                           height: num(graph.h), role: "group", "aria-label": graph.label});
    svg.appendChild(make("title", {}, graph.label));
    var legend = make("g", {"class": "legend"});
    graph.legend.forEach(function (key) {
      legend.appendChild(make("rect", {x: num(key[2]), y: "6", width: "14", height: "12", rx: "2", "class": "key state-" + key[0]}));
      legend.appendChild(make("text", {x: num(key[2] + 19), y: "16", "class": "legend"}, key[1]));
    });
    svg.appendChild(legend);
    var places = [], drawn = [];
    graph.columns.forEach(function (column) {
      var x = column[0], w = column[1];
      drawn.push(make("text", {x: num(x), y: num(column[3]), "class": "col-title"}, column[2]));
      column[4].forEach(function (row) {
        if (row.length === 3) {  /* a line of a group heading */
          var heading = make("text", {x: num(x), y: num(row[0]), "class": "group-title"});
          if (row[2]) { heading.appendChild(make("title", {}, row[2])); }
          heading.appendChild(document.createTextNode(row[1]));
          drawn.push(heading);
          return;
        }
        var box = row[1];
        if (typeof box === "string") {
          var at = box.indexOf(":");
          var other = target(parseInt(box.slice(0, at), 10), parseInt(box.slice(at + 1), 10)) ||
            {value: "", state: "unlinked", box: box, title: "", href: ""};
          box = {label: other.box, value: other.value, state: other.state, href: other.href,
                 tooltip: joined([other.title, other.box, other.value])};
        }
        places.push([x, row[0], w]);
        drawn.push(drawBox(x, row[0], w, box));
      });
    });
    (graph.edges ? graph.edges.split(",") : []).forEach(function (line) {  /* under the boxes: they stay readable */
      var edge = line.split(" "), how = edge[2].split("!");
      var a = places[parseInt(edge[0], 10)], b = places[parseInt(edge[1], 10)];
      var x1 = a[0] < b[0] ? a[0] + a[2] : a[0], x2 = a[0] < b[0] ? b[0] : b[0] + b[2];
      var y1 = a[1] + 10, y2 = b[1] + 10, mid = (x1 + x2) / 2;
      svg.appendChild(make("path", {d: "M" + num(x1) + " " + num(y1) + " C" + num(mid) + " " + num(y1) + " " + num(mid) +
        " " + num(y2) + " " + num(x2) + " " + num(y2), "class": "edge rel-" + RELATIONS[how[0]] + " state-" + (how[1] || "consistent")}));
    });
    drawn.forEach(function (el) { svg.appendChild(el); });
    holder.textContent = "";
    holder.appendChild(svg);
  }

  /* a quote in a table is cut to one line: the whole of it as its tooltip */
  Array.prototype.forEach.call(document.querySelectorAll("table.targets .q"), function (q) { q.title = q.textContent; });

  if (page) {
    Array.prototype.forEach.call(document.querySelectorAll("table.targets tr[id] > td > .dot"), function (dot) {
      dot.title = page.states[dot.className.replace("dot st-", "")] || "";
    });
    Array.prototype.forEach.call(document.querySelectorAll("td[data-links]"), drawChips);
    var holder = document.querySelector("[data-graph]");
    if (holder && page.graph) { drawGraph(holder, page.graph); }
  }

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
