"""Exercise banks: each kind of bad bank stops with `exercises/<file>.yml:<line>: <reason>`."""

import re
import subprocess
import sys

import pytest

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.exercises.payload import build_payload

from .conftest import ROOT, copy_course_data, sourcebook_cli

GOOD = """\
exercises:
  - id: t-single
    type: single
    skill: sourcing
    theses: [hedging]
    passages: [stronski-2018:p2]
    prompt: Who published it first?
    options:
      - text: East Asia Forum
        correct: true
        feedback: Yes.
      - text: The Carnegie Endowment
        feedback: No.
  - id: t-classify
    type: classify
    skill: corroboration
    by: thesis
    passages: [recalibration-2023:p16]
    prompt: Which thesis?
    items:
      - passage: recalibration-2023:p16
        excerpt: Russia maintains considerable negative hegemony
        answer: negative-hegemony
        feedback: Named in the text.
"""

# (old text, new text, expected line, expected message)
CASES = {
    "bad-yaml": (
        "    prompt: Who published it first?",
        "    prompt: [unclosed",
        8,
        "invalid YAML: expected ',' or ']', but got ':' (in the flow sequence that starts on line 7)",
    ),
    "unknown-type": ("type: single", "type: essay", 3, "exercise 't-single': unknown type 'essay'"),
    "missing-answer": (
        "        correct: true\n",
        "",
        8,
        "exercise 't-single': missing answer (no option has 'correct: true')",
    ),
    "two-answers": (
        "        feedback: No.",
        "        feedback: No.\n        correct: true",
        8,
        "exercise 't-single': 2 options are correct; this type takes one",
    ),
    "answer-not-an-option": (
        "answer: negative-hegemony",
        "answer: hegemony",
        23,
        "exercise 't-classify': answer 'hegemony' is not among the options",
    ),
    "unknown-passage": (
        "passages: [stronski-2018:p2]",
        "passages: [stronski-2018:p77]",
        6,
        "unknown paragraph 'stronski-2018:p77'",
    ),
    "unknown-source": (
        "passages: [stronski-2018:p2]",
        "passages: [stronsky-2018:p2]",
        6,
        "unknown source 'stronsky-2018'",
    ),
    "unknown-thesis": ("theses: [hedging]", "theses: [hedgehog]", 5, "exercise 't-single': unknown thesis 'hedgehog'"),
    "excerpt-not-verbatim": (
        "excerpt: Russia maintains considerable negative hegemony",
        "excerpt: Russia maintains enormous negative hegemony",
        22,
        "excerpt is not verbatim in recalibration-2023:p16",
    ),
    "missing-prompt": ("    prompt: Who published it first?\n", "", 2, "is missing 'prompt'"),
    "unknown-key": ("    skill: sourcing\n", "    skill: sourcing\n    hint: none\n", 5, "has unknown key 'hint'"),
    "unknown-skill": ("skill: sourcing", "skill: memory", 4, "unknown skill 'memory'"),
    "not-a-boolean": (
        "        correct: true",
        "        correct: maybe",
        10,
        "exercise 't-single': 'correct' must be true or false",
    ),
    "key-of-another-type": (
        "    by: thesis\n",
        "    by: thesis\n    rubric: [a]\n",
        18,
        "has unknown key 'rubric' for its type",
    ),
    "duplicate-id": ("id: t-classify", "id: t-single", 14, "duplicate exercise id 't-single'"),
    "misquote-in-feedback": (
        "        feedback: No.",
        '        feedback: It says "first published by the Carnegie Endowment".',
        13,
        "quoted words not found verbatim in the five texts, the lateral-reading findings or "
        "the bibliography's notes: “first published by the Carnegie Endowment”",
    ),
    "unbalanced-quote": (
        "Who published it first?",
        'Who published "it first?',
        7,
        "exercise 't-single', prompt: unbalanced double quotation mark",
    ),
}

# Quotations a bank may make: a text's words (first letter's case changed), recorded outside words
# (a lateral-reading finding, a bibliography note), the course's own words in single marks, a code span.
QUOTING = GOOD.replace(
    "        feedback: No.",
    """\
        feedback: >-
          "originally published by the East Asia Forum" (¶2); lateral reading found nothing "in the stored
          pages we could search", and a cable's header reads "No. 52 l May 2020 KENNAN CABLE". Not
          ‘the Carnegie piece’; the markup `"as printed"` is shown, not quoted.""",
)


def make_course(tmp_path, bank_text, name="bank.yml"):
    copy_course_data(tmp_path, exercises=False)
    (tmp_path / "exercises" / name).write_text(bank_text, encoding="utf-8")
    return tmp_path


# An exercise whose key gives itself away by length, and a bank where the key is always the longest.
LONG_KEY = GOOD.replace(
    "      - text: East Asia Forum\n",
    "      - text: The East Asia Forum, a platform for analysis of politics and economics in the region\n",
)
BALANCED = """\
  - id: t-b{n}
    type: single
    skill: sourcing
    passages: [stronski-2018:p2]
    prompt: Question {n}?
    options:
      - {{text: "An answer of moderate length {n}", correct: true, feedback: Yes.}}
      - {{text: "A distractor of a similar length {n}", feedback: No.}}
      - {{text: "Another distractor about as long {n}", feedback: No.}}
"""


def test_guard_rejects_a_key_longer_than_its_distractors(tmp_path):
    with pytest.raises(DataError) as err:
        load_course(make_course(tmp_path, LONG_KEY))
    assert (
        str(err.value)
        .splitlines()[0]
        .endswith(
            "exercises/bank.yml:8: exercise 't-single': the correct option is 3.82 times as long as the median "
            "distractor (84 vs 22 characters; at most 1.5)"
        )
    )


def test_guard_rejects_a_bank_whose_key_is_mostly_the_longest(tmp_path):
    bank = "exercises:\n" + "".join(BALANCED.format(n=n) for n in range(5))
    load_course(make_course(tmp_path, bank))  # the key is never the longest: allowed
    keyed_longest = bank.replace("A distractor of a similar length", "A short distractor").replace(
        "Another distractor about as long", "Another short one"
    )
    with pytest.raises(DataError) as err:
        load_course(make_course(tmp_path / "b", keyed_longest))
    assert str(err.value).endswith(
        "exercises/bank.yml:1: the correct option is the longest in 5 of 5 single/evidence "
        "exercises (100%; at most 40%): shorten keys or lengthen distractors"
    ), str(err.value)


def test_check_command_lists_every_unbalanced_exercise(tmp_path, monkeypatch):
    bank = LONG_KEY + LONG_KEY.replace("exercises:\n", "").replace("t-single", "t-single-2").replace(
        "t-classify", "t-c2"
    )
    root = make_course(tmp_path, bank)
    monkeypatch.chdir(root)  # errors name files relative to the current folder
    result = sourcebook_cli("--root", root, "check")  # in this process; the course's own check runs as one below
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: exercises/bank.yml:8: exercise 't-single': the correct option is 3.82")
    assert lines[1].startswith("exercises/bank.yml:31: exercise 't-single-2': the correct option is 3.82")
    assert lines[2].startswith("exercises/bank.yml:1: the correct option is the longest in 2 of 2")


def test_good_bank_loads(tmp_path):
    course = load_course(make_course(tmp_path, GOOD))
    assert list(course.banks.exercises) == ["t-single", "t-classify"]


def test_quotations_of_the_texts_and_of_recorded_outside_words_pass(tmp_path):
    course = load_course(make_course(tmp_path, QUOTING))
    assert "KENNAN CABLE" in course.banks.exercises["t-single"].data["options"][1]["feedback"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_bank_names_file_line_and_reason(tmp_path, case):
    old, new, line, message = CASES[case]
    assert old in GOOD
    root = make_course(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataError) as err:
        load_course(root)
    assert f"exercises/bank.yml:{line}: " in str(err.value)
    assert err.value.line == line and message in err.value.message, str(err.value)


def test_duplicate_id_across_banks(tmp_path):
    root = make_course(tmp_path, GOOD)
    (root / "exercises" / "other.yml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(
        DataError, match=r"other\.yml:2: duplicate exercise id 't-single' \(first defined at bank\.yml:2\)"
    ):
        load_course(root)


def test_check_command_reports_the_same_error(tmp_path, monkeypatch):
    root = make_course(tmp_path, GOOD.replace("type: single", "type: essay"))
    monkeypatch.chdir(root)
    result = sourcebook_cli("--root", root, "check")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: exercises/bank.yml:3: exercise 't-single': unknown type 'essay' "
        "(known: single, multiple, classify, match, order, evidence, open)"
    )


def test_check_command_passes_on_the_course():
    result = subprocess.run([sys.executable, "-m", "sourcebook", "check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_bad_bank_stops_the_build(fixture_book):
    (fixture_book.root / "exercises" / "bank.yml").write_text(GOOD.replace("type: single", "type: essay"))
    fixture_book.write("index.md", "# Page\n")
    result = fixture_book.build()
    assert result.returncode != 0
    assert "exercises/bank.yml:3: exercise 't-single': unknown type 'essay'" in result.stderr


def test_placing_an_unknown_exercise_stops_the_build(fixture_book):
    (fixture_book.root / "exercises" / "bank.yml").write_text(GOOD)
    fixture_book.write("index.md", "# Page\n\n```{toctree}\ntext\n```\n\n```{exercise} t-nope\n```\n")
    result = fixture_book.build()
    assert result.returncode != 0
    assert re.search(r"index\.md:7: WARNING: exercise 't-nope' is placed here but is not in any bank", result.stderr)


def test_markup_in_exercise_text_is_escaped(tmp_path):
    """A bank cannot inject HTML: Markdown is rendered with raw HTML disabled."""
    evil = GOOD.replace(
        "prompt: Who published it first?",
        "prompt: 'Who <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))'",
    )
    course = load_course(make_course(tmp_path, evil))
    payload = build_payload(course.banks.exercises["t-single"], course.corpus, course.banks)
    html = payload["prompt_html"]
    assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_payload_is_deterministic_and_never_starts_solved():
    course = load_course()
    for ex in course.banks.exercises.values():
        a = build_payload(ex, course.corpus, course.banks)
        b = build_payload(ex, course.corpus, course.banks)
        assert a == b
        if ex.type == "order":
            assert [i["key"] for i in a["items"]] != a["answer"]
        if ex.type in ("match", "classify", "evidence", "open", "single", "multiple", "order"):
            assert "teacher_notes" not in str(a)


# The two giveaways the course had (issue 23): a distractor's feedback naming the key's paragraph, and one
# quoting the words of a correct option; the guard must find each, with its file and line.
GIVEAWAYS = [
    (
        "unsigned-article.yml",
        "Look for the passage where the author says so in their own voice.",
        "¶21 is the direct concession.",
        "exercise 'unsigned-article-concedes-competition': a distractor's feedback cites ¶21, the correct passage",
    ),
    (
        "recalibration-2023.yml",
        "Reread unsigned ¶24: does it say that Russia opposed the proposals openly?",
        'The unsigned article says Russia "neither openly opposed it, nor expressed any support for it" (¶24),',
        "exercise 'recalibration-2023-ftz': a distractor's feedback repeats the correct option's words",
    ),
]


@pytest.mark.parametrize("bank, fixed, giveaway, message", GIVEAWAYS, ids=["cites-the-key", "quotes-the-key"])
def test_guard_rejects_feedback_that_gives_the_key_away(tmp_path, bank, fixed, giveaway, message):
    copy_course_data(tmp_path)
    path = tmp_path / "exercises" / bank
    text = path.read_text(encoding="utf-8")
    assert text.count(fixed) == 1
    path.write_text(text.replace(fixed, giveaway), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if giveaway in row)
    with pytest.raises(DataError) as err:
        load_course(tmp_path)
    assert f"exercises/{bank}:{line}: {message}" in str(err.value), str(err.value)


def test_no_distractor_feedback_gives_the_key_away():
    from sourcebook.exercises.giveaway import CHOICE_TYPES, giveaways

    course = load_course(ROOT)
    checked = [e for e in course.banks.exercises.values() if e.type in CHOICE_TYPES]
    assert len(checked) > 50
    assert giveaways(course.banks, course.corpus) == []


def test_every_authored_file_names_the_schema_that_check_applies():
    """Banks, assignments and the thesis vocabulary open with the editor's schema line, pointing at the
    schema file `sourcebook check` validates them against."""
    named = {
        "bank": sorted((ROOT / "exercises").glob("*.yml")),
        "assignment": sorted((ROOT / "exercises" / "assignments").glob("*.yml")),
        **{
            name: [ROOT / "book" / "data" / f"{name}.yml"]
            for name in ("theses", "claims", "events", "figures", "lateral")
        },
    }
    assert sum(len(paths) for paths in named.values()) >= 18
    for name, paths in named.items():
        assert paths, name
        for path in paths:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
            assert match, path
            assert (path.parent / match.group(1)).resolve() == ROOT / "sourcebook" / "schemas" / f"{name}.schema.json"


def test_a_bank_with_several_shape_errors_lists_them_all_in_file_order(tmp_path):
    copy_course_data(tmp_path, exercises=False)
    bad = GOOD.replace("skill: sourcing", "skill: memory").replace("    by: thesis\n", "    by: author\n")
    (tmp_path / "exercises" / "bank.yml").write_text(bad, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_course(tmp_path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert re.search(r"bank\.yml:4: exercise 't-single': unknown skill 'memory'", lines[0])
    assert re.search(r"bank\.yml:17: exercise 't-classify': unknown by 'author' \(known: thesis, source\)", lines[1])
