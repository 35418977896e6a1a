"""Content slips of issue 23 that a test can hold: the prose must not contradict the coded claims."""

import re

import yaml

from .conftest import ROOT

CLAIMS = yaml.safe_load((ROOT / "book" / "data" / "claims.yml").read_text(encoding="utf-8"))["claims"]
THESES = yaml.safe_load((ROOT / "book" / "data" / "theses.yml").read_text(encoding="utf-8"))["theses"]
PAGES = sorted((ROOT / "book").rglob("*.md"))
# The words by which a passage names each thesis (a row that does not name it says "Not named").
NAMES = {
    "division-of-labor": r"division of labou?r",
    "condominium": r"condominium",
    "hedging": r"hedg",
    "negative-hegemony": r"negative hegemony",
    "cooperation-dominant": r"cooperation is still the dominant|dominant framework",
    "rivalry": r"rivalry",
}


def test_no_page_says_a_supported_thesis_is_supported_by_no_source():
    supported = {c["thesis"] for c in CLAIMS if c["stance"] == "supports"}
    labels = {t["id"]: t["label"].split(" (")[0] for t in THESES}
    assert supported and len(PAGES) > 20
    found = []
    for page in PAGES:
        text = " ".join(page.read_text(encoding="utf-8").split())
        for thesis in supported:
            if re.search(rf"{re.escape(labels[thesis])}\W+is (supported|backed) by no source", text, re.I):
                found.append(f"{page.relative_to(ROOT)}: {labels[thesis]}")
    assert not found, found


def test_a_mentions_row_that_does_not_name_its_thesis_says_so():
    from sourcebook.course import load_course

    corpus = load_course(ROOT).corpus
    rows = [c for c in CLAIMS if c["stance"] == "mentions"]
    assert len(rows) >= 5
    unnamed = [c for c in rows if not re.search(NAMES[c["thesis"]], corpus.passage(c["passage"]).text, re.I)]
    assert unnamed  # the check has something to check
    assert [f"{c['passage']} {c['thesis']}" for c in unnamed if "Not named" not in c["note"]] == []


def test_the_free_trade_zone_reports_are_not_said_to_name_no_source():
    """Unsigned ¶24 quotes Ambassador Barskii: the chapter that compares the three reports says so."""
    page = " ".join((ROOT / "book" / "theses" / "negative-hegemony.md").read_text(encoding="utf-8").split())
    bullet = page[page.index("**One story, retold.**") :][:600]
    assert "none names its source" not in bullet and "Barskii" in bullet and "unsigned-article:p24" in bullet
