"""The blind vignette corpus (tests/vignettes/, written from the clinical reference by people
who never saw the lexicon), through the engine as scripts/vignettes.py runs it.

The dev half is what the lexicon was tuned on: no under-triage is allowed there. The
held-out half measures what generalises; its target (0 under-triage) is not met yet, so this
test holds the line at the figure reached (a ratchet: it fails if more held-out emergencies
or urgent cases are missed), and the README reports the figures.
"""

from collections import Counter

import pytest

from immuno.criteria import load_criteria
from scripts import vignettes

# Messages by patients and relatives on public pages (tests/vignettes/external/): never tuned on.
EXTERNAL_UNDER_TRIAGE_CEILING = (
    35  # 2026-12-01: 19 on the first 75 messages + 16 on 57 of the third collection
)
HELDOUT_UNDER_TRIAGE_CEILING = 161  # 2026-12-01 with the fourth batch's held-out half (100 before it); lower it as the lexicon improves


@pytest.fixture(scope="module")
def reports():
    return {split: vignettes.report(split) for split in vignettes.SPLITS}


def test_the_corpus_covers_every_sign_in_both_halves():
    data = {split: vignettes.load(split) for split in vignettes.SPLITS}
    cases = data["dev"]["cases"] + data["heldout"]["cases"]
    assert len(cases) >= 800
    assert len(data["dev"]["conversations"]) + len(data["heldout"]["conversations"]) >= 60
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "a case id is in both halves or twice in one"
    positives = Counter(c["sign"] for c in cases if c["kind"] == "positive")
    near = Counter(c["sign"] for c in cases if c["kind"] == "near_miss")
    signs = [r["id"] for r in load_criteria().data["signs"]]
    assert [s for s in signs if positives[s] < 8] == []
    assert [s for s in signs if near[s] < 4] == []


def test_no_under_triage_on_the_dev_half(reports):
    missed = [(o.case["id"], o.expected, o.level) for o in reports["dev"].under_triage]
    assert missed == []


def test_dev_half_meets_the_targets(reports):
    figures = reports["dev"].figures()
    assert figures["emergency_exact"] >= 0.98
    assert figures["benign_escalated"] <= 0.10


def test_held_out_under_triage_does_not_grow(reports):
    assert len(reports["heldout"].under_triage) <= HELDOUT_UNDER_TRIAGE_CEILING


def test_under_triage_on_messages_written_outside_the_project_does_not_grow(reports):
    assert len(reports["external"].under_triage) <= EXTERNAL_UNDER_TRIAGE_CEILING
