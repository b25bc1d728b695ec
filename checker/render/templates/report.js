(function () {
  "use strict";
  /* Filters and search for the report. Without this script every finding and target is shown; the
     controls stay hidden because they would do nothing. Items carry data-severity, data-category and
     data-plan; data-search marks rows that only the search box filters (targets). */
  document.documentElement.classList.add("js");
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

  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var cat = category ? category.value : "";
    var pl = plan ? plan.value : "";
    var q = search ? search.value.replace(/\s+/g, " ").trim().toLowerCase() : "";
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
  }

  bar.addEventListener("input", apply);
  bar.addEventListener("change", apply);
  bar.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
}());
