"""The checks themselves can fail: `found` refuses a selector that matches nothing, and the page guard
(`conftest.guard`, behind every "no request to another host, no error" assertion) sees each kind of problem."""

import pytest

from ..conftest import guard
from .found import found


def test_found_fails_on_a_selector_that_matches_nothing_or_too_little(browser):
    page = browser.new_page()
    page.set_content("<dl class='card'><dt>Byline</dt><dd>x</dd><dt>Date</dt><dd>y</dd></dl>")
    assert found(page.locator(".card dt"), 2).count() == 2
    with pytest.raises(AssertionError, match="matched 0 element"):
        found(page.locator(".card > p"))  # the markup changed: the check would have looked at nothing
    with pytest.raises(AssertionError, match="matched 2 element"):
        found(page.locator(".card dt"), 3)
    page.close()


def test_the_page_guard_sees_another_host_an_error_and_a_failed_request(browser, site):
    page = browser.new_page()
    problems = guard(page)
    page.goto(site + "index.html", wait_until="networkidle")
    assert problems.all() == []  # a page of the course, for the contrast
    page.close()
    page = browser.new_page()
    problems = guard(page)
    page.set_content(
        "<img src='http://192.0.2.1/pixel.png'><img src='" + site + "no-such-file.png'>"
        "<script>console.error('broken'); null.x</script>"
    )
    page.wait_for_timeout(500)
    assert problems.off_host == ["http://192.0.2.1/pixel.png"]
    assert any("no-such-file.png" in f for f in problems.failed), problems.failed  # 404, or refused
    assert any("broken" in e for e in problems.errors) and any("pageerror" in e for e in problems.errors)
    page.close()
