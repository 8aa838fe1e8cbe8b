/* Search of the staff FAQ: filters the entries and triage rows in the page, no network. */
(function () {
  "use strict";
  var input = document.getElementById("faq-search-input");
  var count = document.getElementById("faq-search-count");
  if (!input) { return; }
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").toLowerCase();
  }
  var entries = [].slice.call(document.querySelectorAll(".faq-entry, #triage-criteria tbody tr"));
  var index = entries.map(function (e) { return fold(e.textContent); });
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
    count.textContent = words.length
      ? shown + (shown > 1 ? " questions trouvées." : " question trouvée.")
      : shown + " questions.";
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
