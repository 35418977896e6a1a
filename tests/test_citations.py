"""Citation syntax in real (small) Sphinx builds: links, tooltips, and every bad input's message."""

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup


def built_page(fb, name="index"):
    return BeautifulSoup((fb.root / "_out" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_citations_render_as_links_with_tooltips(fixture_book):
    fixture_book.write(
        "index.md",
        """
        # Page

        ```{toctree}
        text
        ```

        See {passage}`stronski-2018:p7` and {passage}`this paragraph <stronski-2018:p6>`.
        He writes {quote}`Moscow knows it can do little <stronski-2018:p7>`.

        ```{passage} stronski-2018:p10
        Beijing smartly refrains … in the region.
        ```
        """,
    )
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    soup = built_page(fixture_book)
    links = soup.select("a.sb-cite")
    assert [a.get_text() for a in links] == [
        "Stronski 2018 ¶7",
        "this paragraph",
        "Stronski 2018 ¶7",
        "Stronski 2018 ¶10",
    ]
    assert links[0]["href"] == "text.html#stronski-2018-p7"
    # on paper, where links do not work, a citation in the course's own words also names its paragraph
    assert [span.get_text() for span in soup.select(".sb-cite-print")] == [" (Stronski 2018 ¶6)"]
    assert links[0]["title"].startswith("Russia seems unconcerned about China's economic dominance")
    assert links[0]["title"].endswith(" …") and len(links[0]["title"]) <= 242  # a preview, not the whole paragraph
    assert soup.select_one(".sb-quote").get_text() == "“Moscow knows it can do little”"
    assert soup.select_one("blockquote.sb-passage p").get_text() == "Beijing smartly refrains … in the region."
    text = built_page(fixture_book, "text")
    anchor = text.select_one("#stronski-2018-p7")
    assert anchor.select_one("a.sb-pnum").get_text() == "¶7"
    assert "Russia seems unconcerned" in anchor.get_text()
    assert len(text.select(".sb-source-text p.sb-para")) == 13


BAD = {
    # case: (markup on the page's line 9, message)
    "unknown source": ("{passage}`nobody-2020:p1`", "unknown source 'nobody-2020' in passage 'nobody-2020:p1'"),
    "unknown paragraph": (
        "{passage}`stronski-2018:p99`",
        "unknown paragraph 'stronski-2018:p99': stronski-2018 has paragraphs 1–13",
    ),
    "misquote": (
        "{quote}`Moscow knows it can do a lot <stronski-2018:p7>`",
        "quotation not found verbatim in stronski-2018:p7: “Moscow knows it can do a lot”",
    ),
    "bad excerpt": (
        "```{passage} stronski-2018:p10\nBeijing loudly announces a base.\n```",
        "quotation not found verbatim in stronski-2018:p10: “Beijing loudly announces a base.”",
    ),
    "unknown source text": ("```{source-text} nobody-2020\n```", "unknown source 'nobody-2020'"),
}


def test_bad_citations_stop_the_build_with_file_and_line_even_without_W(fixture_book):
    """Every bad case on its own page of one build, run without -W: the extension itself fails the build
    (-W is not what stops a bad quote), and each page's error is reported at its line."""
    pages = {case: f"case-{n}" for n, case in enumerate(BAD)}
    for case, (markup, _) in BAD.items():
        fixture_book.write(f"{pages[case]}.md", f"# Page\n\n```{{toctree}}\ntext\n```\n\nLine seven.\n\n{markup}\n")
    fixture_book.write("index.md", "# Cases\n\n```{toctree}\n" + "\n".join(pages.values()) + "\n```\n")
    root = fixture_book.root
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(root), str(root / "_out")],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode != 0
    assert f"{len(BAD)} content error(s) in the course" in result.stderr, result.stderr
    missing = [
        f"{case}: {pages[case]}.md:9: {message}"
        for case, (_, message) in BAD.items()
        if not re.search(rf"{pages[case]}\.md:9: WARNING: " + re.escape(message), result.stderr)
    ]
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\n" + result.stderr


def test_citing_a_source_no_page_shows_fails(fixture_book):
    (fixture_book.root / "text.md").unlink()
    fixture_book.write("index.md", "# Page\n\nSee {passage}`recalibration-2023:p4`.\n")
    result = fixture_book.build()
    assert result.returncode != 0
    assert "recalibration-2023:p4 is cited but no page shows the text of 'recalibration-2023'" in result.stderr


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda p: p.write_text(p.read_text().replace("sources:\n", "sources: [\n", 1)),
            r"seeds/sources\.yml:\d+: invalid YAML",
        ),
        (
            lambda p: p.write_text(p.read_text().replace("file: 002_4f60105775cef0a0.txt", "file: 002_gone.txt")),
            r"seeds/sources\.yml:\d+: seed file '002_gone.txt' not found",
        ),
        (
            lambda p: (p.parent / "002_4f60105775cef0a0.txt").unlink(),
            r"seeds/sources\.yml:\d+: seed file '002_4f60105775cef0a0.txt' not found",
        ),
    ],
)
def test_bad_sources_file_stops_the_build(fixture_book, edit, message):
    fixture_book.write("index.md", "# Page\n\n```{toctree}\ntext\n```\n")
    edit(fixture_book.root / "seeds" / "sources.yml")
    result = fixture_book.build()
    assert result.returncode != 0
    assert re.search(message, result.stderr), result.stderr
