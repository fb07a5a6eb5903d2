"""What a pseudonymised export hides: names of people (pseudonyms, ``[person-N]``) and personal answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.errors import VcfError
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.paths import is_special

# Answer fields that hold ids, enums or times, never free text to redact.
STRUCTURAL = {
    "answer_id",
    "session_id",
    "question_id",
    "section_id",
    "type",
    "cycles",
    "capital",
    "evidence",
    "story",
    "scale",
    "answered_at",
    "updated_at",
    "revision",
    "hidden",
    "personal",
    "coding_id",
    "cycle",
    "at",
    "span",
    "confidence",
}


class NamesError(VcfError):
    """The --redact-names file cannot be read."""


def read_names(path: Path) -> list[str]:
    """Names to redact, one a line; blank lines and surrounding whitespace ignored, first spelling kept."""
    if is_special(path):  # reading a FIFO would wait for a writer
        raise NamesError(f"{path}: a names file must be a regular file (not a FIFO or device)")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise NamesError(f"{path}: a names file must be UTF-8 text") from None
    except OSError as error:
        raise NamesError(f"{path}: cannot read the names to redact: {error.strerror}") from None
    names: dict[str, str] = {}
    for line in lines:
        name = " ".join(line.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


class Redactor:
    """Replaces each listed name, as a whole word in any case, with ``[person-N]`` (N: its line in the list)."""

    def __init__(self, names: list[str]) -> None:
        self.numbers = {name.casefold(): n for n, name in enumerate(names, 1)}
        words = sorted(names, key=len, reverse=True)  # "Ann Lee" before "Ann"
        pattern = "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in words)
        self.pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE) if names else None

    def text(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: f"[person-{self.numbers[' '.join(m.group(0).split()).casefold()]}]", text)

    def value(self, value: Any) -> Any:
        """Strings, and strings inside lists and mappings, redacted; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value

    def record(self, record: dict[str, Any]) -> dict[str, Any]:
        """An answer or coding with every free-text field redacted."""
        if self.pattern is None:
            return record
        return {k: v if k in STRUCTURAL else self.value(v) for k, v in record.items()}


@dataclass
class Privacy:
    """How an export treats people: ``key`` set means pseudonymised (personal answers dropped too)."""

    key: str | None = None
    redactor: Redactor = field(default_factory=lambda: Redactor([]))
    drop_personal: bool = False

    def __post_init__(self) -> None:
        self.drop_personal = self.drop_personal or self.key is not None

    def session(self, session: dict[str, Any]) -> dict[str, Any]:
        if self.key is None:
            return session
        return dict(
            session,
            respondent=pseudonym(self.key, "respondent", session.get("respondent")),
            interviewer=pseudonym(self.key, "interviewer", session.get("interviewer")),
        )


def is_personal(answer: dict[str, Any], question: Any) -> bool:
    """An identifying answer: its record, or its question in the instrument, says ``personal: true``."""
    return answer.get("personal") is True or getattr(question, "personal", False) is True
