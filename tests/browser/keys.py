"""Keyboard-only helpers shared by the page and the JupyterLab walkthroughs, and the exercises they walk."""

# One exercise of each type, all on the Stronski page (and in a notebook made of them).
ONE_OF_EACH_TYPE = {
    "single": "stronski-2018-byline",
    "multiple": "stronski-2018-hedges",
    "evidence": "stronski-2018-evidence",
    "classify": "stronski-2018-classify-theses",
    "match": "stronski-2018-terms",
    "order": "stronski-2018-chronology",
    "open": "stronski-2018-uneasy",
}


def tab_to(page, css: str, limit: int = 400, back: bool = False) -> None:
    """Press Tab until the focused element matches `css` (fails if it never does)."""
    for _ in range(limit):
        if page.evaluate("css => !!document.activeElement && document.activeElement.matches(css)", css):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"never reached {css} with the keyboard")


def choose_in_select(page, answer_value: str, limit: int = 12):
    """With a <select> focused, move with the arrow keys until it holds `answer_value`."""
    page.keyboard.press("Home")
    for _ in range(limit):
        if page.evaluate("document.activeElement.value") == answer_value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {answer_value} not reachable")
