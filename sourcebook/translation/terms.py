"""One vocabulary: `locales/LANG/terms.yml` gives each English term of the course one name in the
language, with the reason for the choice. `term_problems` finds, in every catalogue, a translation
of a message that names an English term but uses one of the renderings listed under `avoid` (a
second name for the same thesis or skill) or leaves the term's listed name out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalogues import read_catalogue


@dataclass
class Term:
    en: str
    ru: str
    stem: re.Pattern
    avoid: list[str]
    why: str


def load_terms(root: Path, language: str = "ru") -> list[Term]:
    data = yaml.safe_load((Path(root) / "locales" / language / "terms.yml").read_text(encoding="utf-8"))
    return [
        Term(t["en"], t["ru"], re.compile(t["stem"], re.I), list(t.get("avoid") or []), t["why"]) for t in data["terms"]
    ]


def _english(term: Term) -> re.Pattern:
    """The English term as a word, in its usual spellings (labor/labour, cooperation-dominant)."""
    words = [re.escape(w).replace("labor", "labou?r") for w in term.en.split()]
    return re.compile(r"\b" + r"[\s-]+".join(words) + r"\b", re.I)


def _forms(phrase: str) -> re.Pattern:
    """A Russian phrase in any case form: each word's last two letters may change."""
    words = [re.escape(w[:-2] if len(w) > 4 else w) + "[а-яё]*" for w in phrase.split()]
    return re.compile(r"\b" + r"\s+".join(words), re.I)


def catalogues(root: Path, language: str = "ru") -> list[Path]:
    return sorted((Path(root) / "locales" / language / "LC_MESSAGES").rglob("*.po"))


def term_problems(root: Path, language: str = "ru") -> tuple[int, list[str]]:
    """(translations checked, problems): each problem names the catalogue, the message and the term."""
    terms, checked, problems = load_terms(root, language), 0, []
    for path in catalogues(root, language):
        for message in read_catalogue(path, language):
            if not message.id or not message.string or message.fuzzy:
                continue
            english = message.id if isinstance(message.id, str) else " ".join(message.id)
            russian = message.string if isinstance(message.string, str) else " ".join(message.string)
            checked += 1
            for term in terms:
                for other in term.avoid:
                    if _forms(other).search(russian):
                        problems.append(f"{path.name}: “{english[:50]}”: «{other}» for {term.en} (use «{term.ru}»)")
                if (
                    _english(term).search(english)
                    and not term.stem.search(russian)
                    and term.en.lower() not in russian.lower()
                ):
                    problems.append(f"{path.name}: “{english[:50]}”: {term.en} without «{term.ru}»")
    return checked, problems
