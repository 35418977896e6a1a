"""The 2023 essay's chapter moved when its citation label stopped asserting an authorship: the old
address still works, paragraph anchor included, and no page cites it by the repost's byline."""

import re


def test_the_old_address_redirects_with_its_paragraph(page, site):
    page.goto(site + "book/sources/yalvac-2023.html#yalvac-2023-p7")
    page.wait_for_url("**/book/sources/recalibration-2023.html#recalibration-2023-p7")
    assert page.locator("#recalibration-2023-p7").is_visible()


def test_no_page_cites_the_essay_by_its_byline(book):
    offenders = [
        str(p.relative_to(book.html))
        for p in book.html.rglob("*.html")
        if re.search(r"Yalvaç 2023|Yalvaç ¶|Yalvaç \(2023\)", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
