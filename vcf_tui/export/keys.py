"""The pseudonym key: a secret kept in a file of its own, never in a data file or an export."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from vcf_tui.errors import VcfError
from vcf_tui.paths import is_special

KEY_ENV = "VCF_TUI_PSEUDONYM_KEY"
MIN_SECRET = 32


class PseudonymKeyError(VcfError):
    """The key file cannot be made or read, or holds too short a secret."""


def default_key_file() -> Path:
    """``$XDG_CONFIG_HOME/vcf-tui/pseudonym.key``, else ``~/.config/vcf-tui/pseudonym.key``."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "vcf-tui" / "pseudonym.key"


def checked(secret: str, where: str) -> str:
    """The secret without surrounding whitespace; an error if it is shorter than MIN_SECRET characters."""
    secret = secret.strip()
    if len(secret) < MIN_SECRET:
        raise PseudonymKeyError(
            f"{where}: a pseudonym key needs at least {MIN_SECRET} characters of secret (it has {len(secret)})"
        )
    return secret


def make_key_file(path: Path) -> str:
    """Create ``path`` (mode 0600, its new folders 0700) holding 64 random hex characters."""
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for folder in missing:
            os.chmod(folder, 0o700)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
    except OSError as error:
        raise PseudonymKeyError(f"{path}: cannot make a pseudonym key file: {error.strerror}") from None
    print(
        f"vcf-tui: made a new pseudonym key in {path}; keep it safe, apart from the data, and use it "
        "for every export of this evaluation",
        file=sys.stderr,
    )
    return key


def read_key_file(path: Path) -> str:
    if is_special(path):  # reading a FIFO would wait for a writer
        raise PseudonymKeyError(f"{path}: a pseudonym key file must be a regular file (not a FIFO or device)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PseudonymKeyError(f"{path}: a pseudonym key file must be UTF-8 text") from None
    except OSError as error:
        raise PseudonymKeyError(f"{path}: cannot read the pseudonym key: {error.strerror}") from None
    return checked(text, str(path))


def pseudonym_key(key_file: str | None) -> str:
    """``key_file`` if given, else ``$VCF_TUI_PSEUDONYM_KEY``, else the default key file (made if missing)."""
    if key_file is None and os.environ.get(KEY_ENV):
        return checked(os.environ[KEY_ENV], f"${KEY_ENV}")
    path = Path(key_file) if key_file is not None else default_key_file()
    if not path.exists() and not path.is_symlink():
        return make_key_file(path)
    return read_key_file(path)
