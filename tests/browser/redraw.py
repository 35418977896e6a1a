"""Waiting for a chart to redraw after a filter, rather than sleeping and hoping it has."""


def redrawn(page, css: str, before: int, timeout: float = 15000) -> int:
    """The number of elements matching `css` once it differs from `before` (a timeout if it never does)."""
    page.wait_for_function(
        "([css, before]) => document.querySelectorAll(css).length !== before", arg=[css, before], timeout=timeout
    )
    return page.locator(css).count()
