"""Late work: a student's work on an assignment saved after its deadline, by the times in their own file.

Every exercise record and written answer in a work file carries `updated`, the time the student's
browser (or notebook) saved it, by the student's own clock: it says when the work was saved on their
machine, not when it was handed in, and a clock set wrong moves it. The report says so beside the
mark. An assignment's `late:` (a share, 0 to 1) is what its score keeps when the work is late; the
score is computed here, on the instructor's machine, from those times.
"""

from __future__ import annotations

import datetime as dt
import html

from .assignments import Assignment


def _time(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def last_saved(assignment: Assignment, work: dict) -> dt.datetime | None:
    """The latest `updated` among the assignment's exercise records and written answers in `work`."""
    records = [work.get("exercises", {}).get(ex_id) for ex_id in assignment.exercises]
    records += [work.get("answers", {}).get(assignment.answer_id(n)) for n in range(1, len(assignment.prompts) + 1)]
    times = [t for r in records if isinstance(r, dict) and (t := _time(r.get("updated")))]
    return max(times, default=None)


def saved_late(assignment: Assignment, work: dict) -> str:
    """When the last save came after the deadline: that time (ISO, UTC, as the file has it); else ""."""
    saved = last_saved(assignment, work)
    return f"{saved.astimezone(dt.UTC):%Y-%m-%dT%H:%M}Z" if saved and saved > assignment.deadline else ""


def late_mark_html(saved: str) -> str:
    """The report's mark beside a late score, saying what the time is."""
    if not saved:
        return ""
    when = dt.datetime.fromisoformat(saved.replace("Z", "+00:00"))
    return (
        f' <span class="late" title="the time in the student\'s file: their own clock, when their work was saved">'
        f"late: saved {html.escape(f'{when:%d %b %Y %H:%M}')} UTC (student's clock)</span>"
    )
