"""Lateral reading: what other sources say about each of the five texts, kept apart from the texts.

`book/data/lateral.yml` holds, for every source, the findings (the course's words, each citing the
bibliography entries it rests on), how sure we can be, and a note saying why. A finding is never
the text's own testimony: that stays in `seeds/sources.yml`. Every cited entry must exist in
`book/references.bib` with the address and the date it was consulted (`url`, `urldate`).
Errors are `file:line: reason`, like the other data files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bibliography import Bibliography
from .datafile import DataError, check_shape, load_yaml, require_mapping
from .sources import Corpus

LATERAL = "book/data/lateral.yml"
CERTAINTY = {
    "shown": "Shown: another source states it directly.",
    "likely": "Likely: inferred from what other sources show; not stated by any of them.",
    "open": "Open: what we found does not settle it.",
}


@dataclass(frozen=True)
class Finding:
    text: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Lateral:
    """What lateral reading found about one source."""

    source: str
    findings: tuple[Finding, ...]
    certainty: str
    why: str


def load_lateral(path: str | Path, bib: Bibliography, corpus: Corpus) -> dict[str, Lateral]:
    """Read and check `lateral.yml`: one entry per source, known references (in `bib`) with address and date."""
    path, references = Path(path), bib.path
    top = require_mapping(path, load_yaml(path), "lateral.yml", line=1)
    check_shape(
        path, top, "lateral", lambda where: "lateral entry" if len(where) == 2 else "" if where else "lateral.yml"
    )
    out: dict[str, Lateral] = {}
    for node in top["sources"]:
        sid = node["source"]
        if sid not in corpus:
            raise DataError(path, node.line_of("source"), f"unknown source '{sid}' (known: {', '.join(corpus)})")
        if sid in out:
            raise DataError(path, node.line_of("source"), f"'{sid}' has two entries")
        findings = []
        for finding in node["findings"]:
            cite = finding.get("cite", [])
            for key in cite:
                if key not in bib:
                    raise DataError(path, finding.line_of("cite"), f"'{key}' is not in {references.name}")
                missing = {"title", "url", "urldate"} - bib[key].keys()
                if missing:
                    raise DataError(
                        path,
                        finding.line_of("cite"),
                        f"the {references.name} entry '{key}' needs "
                        f"{', '.join(sorted(missing))} (what was read, where, and when)",
                    )
            findings.append(Finding(" ".join(finding["text"].split()), tuple(cite)))
        out[sid] = Lateral(sid, tuple(findings), node["certainty"], " ".join(node["why"].split()))
    missing = [s for s in corpus if s not in out]
    if missing:
        raise DataError(path, top.line_of("sources"), f"no lateral-reading entry for {', '.join(missing)}")
    return out
