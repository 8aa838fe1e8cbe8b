"""immuno.gibberish: keyboard mashes go to the rule, never a word a patient writes."""

import re

import pytest
import yaml

from immuno.gibberish import is_mash
from immuno.paths import ROOT

# The mashes that were out_of_scope examples until the rule took them over (data/nlu/).
OWNED = """asdfgh azerty wxcvbn qsdfgh azertyuiop ghjklm jjjjjjj poiuytreza xcvbnmm dfgdfgdfg
hhhhhh lkjhgf zzzzzz aaaaa aaaaaaaaaa qsdfghjkl azertyu mlkjhg ertyuiop qqqqqq kkkkkkk sdfsdf
fghfghfgh ppppppp xxxxxx azazaz vbnvbn dsqdsqd fjfjfj mlkjh azeaze ttttt qsdfghjklm
ujhygt olkiuj jdk45s x q h""".split()


@pytest.mark.parametrize(
    "text", OWNED + ["QSDFGH !", "azerty azerty", "qwerty", "zxcvbnm", "X", "h ?", "plokij"]
)
def test_keyboard_mashes_are_mashes(text):
    assert is_mash(text)


@pytest.mark.parametrize(
    "text",
    # SMS spellings, interjections, acronyms, drug codes, words that repeat a syllable,
    # short replies: the classifier reads them.
    "slt jsp mrc bjr stp ok oui non nononon coucou bonbon hahaha mdrrrr pffff hmmm ouiiii "
    "merciiii byeee cbnpc bcbnpc pd1 ctla4 il2 cd20 pdl1 her2 14h30 38,5 tutu papa o n k y "
    # words that touch neighbouring keys but go back to one: not a hand sliding
    "dessert desert redresser resserre".split()
    + ["bla bla bla", "qsdfgh j'ai mal", "azerty 12", "ééééé", "x y", "j'ai 39", "a+", "A+"],
)
def test_words_and_short_replies_are_not_mashes(text):
    assert not is_mash(text)


def test_no_training_example_is_owned_by_the_rule():
    # The rule answers the mashes before the classifier is read: an example it owns would
    # only teach DIET character noise, and a word of another intent must never be one.
    files = [ROOT / "data" / "nlu.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]
    owned = []
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (item.get("examples") or "").splitlines():
                text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:])
                if is_mash(text):
                    owned.append((item.get("intent"), text))
    assert owned == []


def test_no_word_of_the_knowledge_or_the_conversation_cases_is_a_mash():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "knowledge").rglob("*.yml")]
    texts += [
        p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "conversations").glob("*.yml")
    ]
    # Words of two letters or more: one letter is a mash only as a whole message.
    words = {w for t in texts for w in re.findall(r"[a-z]{2,}", t.lower())}
    assert sorted(w for w in words if is_mash(w)) == ["qsdfghjklm"]  # the gibberish case
