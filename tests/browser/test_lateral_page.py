"""The lateral-reading chapter in Chromium: its byline exercise teaches the repost caveat, and the card's
"Read laterally" part links each finding to its bibliography entry."""


def test_byline_exercise_and_card_links(page, site):
    page.goto(site + "book/lateral-reading.html")
    root = page.locator('.sb-exercise[data-exercise-id="lateral-recalibration-byline"]')
    root.locator("button.sb-check").wait_for()
    root.get_by_label("Erhan Yalvaç wrote it, since the record confirms the byline.").check()
    root.locator("button.sb-check").click()
    status = root.locator('.sb-feedback[role="status"]')
    assert status.inner_text().startswith("✗ Not quite") and "Elizabeth Wishnick" in status.inner_text()
    root.get_by_label("Most likely Wishnick; the byline may be the repost's.").check()
    root.locator("button.sb-check").click()
    assert status.inner_text().startswith("✓ Correct")

    page.goto(site + "book/sources/recalibration-2023.html")
    lateral = page.locator(".sb-source-card .sb-lateral")
    assert "Read laterally" in lateral.locator(".rubric").inner_text()
    link = lateral.locator("a[href*='bibliography.html#']").first
    link.click()
    page.wait_for_url("**/bibliography.html#*")
    target = page.evaluate("location.hash.slice(1)")
    assert "Wishnick" in page.locator(f"[id='{target}']").inner_text()
