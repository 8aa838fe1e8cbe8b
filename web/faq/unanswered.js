/* Staff page: counts of unanswered questions, read from unanswered.csv (same server). */
(function () {
  "use strict";
  var KINDS = { topic: "Sujet pratique", drug: "Médicament non décrit" };
  var status = document.getElementById("unanswered-status");
  var table = document.getElementById("unanswered-table");
  fetch("unanswered.csv", { cache: "no-store" })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
    .then(function (text) {
      var rows = text.trim().split("\n").slice(1).filter(Boolean);
      var body = table.querySelector("tbody");
      rows.forEach(function (line) {
        var cells = line.split(",");
        var tr = document.createElement("tr");
        [KINDS[cells[0]] || cells[0], cells[1], cells[2], cells[3]].forEach(function (value) {
          var td = document.createElement("td");
          td.textContent = value;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      status.textContent = rows.length ? rows.length + " sujets ou médicaments." : "Aucune question sans réponse pour l'instant.";
      table.hidden = rows.length === 0;
    })
    .catch(function () { status.textContent = "Les chiffres ne sont pas disponibles (serveur web de l'assistant requis)."; });
}());
