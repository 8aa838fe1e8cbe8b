"""The staff FAQ's search folds the query in JavaScript (web/faq/faq.js) and compares it
with the entries' data-search, folded by immuno.normalize.fold: both must agree."""

import json
import re
import shutil
import subprocess

from immuno.normalize import fold
from immuno.paths import ROOT

SAMPLES = [
    "Cœur",
    "l'œil",
    "L’équipe",
    "anti-PD1",
    "PD‑1",
    "Fièvre  À 38,5",
    "ÇA VA ?",
    "naïve",
    "Æsthésie",
    "straße",
    "diarrhée",
    "aujourd'hui",
]


def test_the_page_script_folds_as_the_builder_does():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node is needed to run web/faq/faq.js's fold (apt-get install nodejs)"
    script = (ROOT / "web" / "faq" / "faq.js").read_text(encoding="utf-8")
    ligatures = re.search(r"var LIGATURES = .*?;\n", script).group(0)
    function = re.search(r"  function fold\(text\) \{.*?\n  \}\n", script, re.S).group(0)
    program = (
        ligatures + function + f"console.log(JSON.stringify({json.dumps(SAMPLES)}.map(fold)));"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [fold(s) for s in SAMPLES]


def test_one_folding_for_every_spelling_of_a_word():
    assert fold("Cœur") == fold("coeur") == fold("CŒUR") == "coeur"
    assert fold("l’équipe") == fold("l'equipe") == "l equipe"
    assert fold("anti-PD1") == fold("anti pd1") == "anti pd1"
