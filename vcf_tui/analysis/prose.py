"""Reflow instrument text for the screen: YAML block lines join, blank lines stay paragraphs."""

from __future__ import annotations

import re

_PARAGRAPHS = re.compile(r"\n\s*\n")


def reflow(text: str | None) -> str:
    if not text:
        return ""
    paragraphs = _PARAGRAPHS.split(text.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)
