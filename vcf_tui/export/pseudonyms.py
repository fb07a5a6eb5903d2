"""Stable pseudonyms: a keyed hash, so one person gets one pseudonym in every file, merge and export."""

from __future__ import annotations

import hashlib
import hmac


def pseudonym(key: str, role: str, name: str | None) -> str | None:
    """``R-1a2b3c4d5e`` for a respondent, ``I-...`` for an interviewer; None stays None."""
    if not name:
        return None
    digest = hmac.new(key.encode(), f"{role}:{name}".encode(), hashlib.sha256).hexdigest()
    return f"{role[0].upper()}-{digest[:10]}"
