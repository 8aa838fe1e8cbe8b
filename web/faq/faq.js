/* Search of the staff FAQ: filters the entries and triage rows in the page, no network. */
(function () {
  "use strict";
  var input = document.getElementById("faq-search-input");
  var count = document.getElementById("faq-search-count");
  if (!input) { return; }
  // immuno.normalize.fold, for the query (the page's entries carry theirs in data-search,
  // computed by scripts/build_faq.py); tests/unit/test_fold_js.py checks that both agree.
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d" };
  function fold(text) {
    return String(text || "").toLowerCase()
      .replace(/[œæßøłđ]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[-'\u2018\u2019\u02bc`\u00b4\u2010-\u2014]/g, " ")
      .split(/\s+/).filter(Boolean).join(" ");
  }
  var entries = [].slice.call(document.querySelectorAll(".faq-entry, #triage-criteria tbody tr"));
  var index = entries.map(function (e) { return e.getAttribute("data-search") || fold(e.textContent); });
  var sections = [].slice.call(document.querySelectorAll(".faq-section"));
  var timer = null;

  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (entry, i) {
      var match = words.every(function (w) { return index[i].indexOf(w) !== -1; });
      entry.hidden = !match;
      if (match && entry.classList.contains("faq-entry")) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = words.length > 0 &&
        !section.querySelector(".faq-entry:not([hidden]), #triage-criteria tbody tr:not([hidden])");
    });
    var key = !words.length ? "data-count-all"
      : (shown > 1 ? "data-count-found-many" : "data-count-found-one");
    count.textContent = count.getAttribute(key).replace("{count}", shown);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  if (location.hash.indexOf("#q=") === 0) {
    input.value = decodeURIComponent(location.hash.slice(3));
    apply();
  }
})();
