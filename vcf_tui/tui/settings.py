"""What the app remembers between runs on this computer: for now, the interviewer's name.

Kept in ``$XDG_CONFIG_HOME/vcf-tui/settings.json`` (else ``~/.config/vcf-tui/settings.json``), mode 0600,
written whole with the store's atomic write. A missing, unreadable or malformed file is taken as
empty: a setting is a convenience, never a reason to stop a session. Unknown keys are kept.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from vcf_tui.paths import is_special
from vcf_tui.store.atomic import write_atomic
from vcf_tui.store.errors import StoreError


def settings_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "vcf-tui" / "settings.json"


def load_settings() -> dict[str, Any]:
    path = settings_path()
    if is_special(path):  # a FIFO or device there would block the start for ever
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_interviewer() -> str | None:
    name = load_settings().get("interviewer")
    return name if isinstance(name, str) and name.strip() else None


def remember_interviewer(name: str | None) -> bool:
    """Keep ``name`` for the next run; False if the settings file could not be written."""
    if not name or name == remembered_interviewer():
        return True
    settings = load_settings()
    settings["interviewer"] = name
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))
    except (OSError, StoreError):
        return False
    return True
