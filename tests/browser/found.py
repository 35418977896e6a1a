"""One guard for every selector a browser test relies on: a check that selects nothing fails."""

from __future__ import annotations

from playwright.sync_api import Locator


def found(locator: Locator, at_least: int = 1) -> Locator:
    """`locator`, after asserting that it matches at least `at_least` elements right now: a selector that
    no longer matches the page (its markup changed) fails the test instead of checking nothing."""
    count = locator.count()
    assert count >= at_least, f"{locator} matched {count} element(s), expected at least {at_least}"
    return locator


def found_in_page(page, css: str, at_least: int = 1) -> int:
    """How many elements `css` matches in the page (also inside a script's `querySelectorAll`), asserted
    to be at least `at_least`."""
    return found(page.locator(css), at_least).count()
