"""Find instruments: the bundled ones and those in ./instruments/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vcf_tui.instrument.loader import InstrumentError, load_instrument
from vcf_tui.instrument.model import Instrument

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path("instruments")


def bundled_dir() -> Path:
    """Where the bundled YAML lives: inside the wheel, or the checkout's instruments/."""
    installed = PACKAGE_DIR / "bundled"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "instruments"


@dataclass(frozen=True)
class Entry:
    """One instrument file found on disk, loaded or with the error it gave."""

    path: Path
    origin: str  # "bundled" or "local"
    instrument: Instrument | None
    error: InstrumentError | None = None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def find_instruments(local_dir: Path = LOCAL_DIR) -> list[Entry]:
    """Bundled instruments first, then local ones; a local file shadows nothing."""
    entries: list[Entry] = []
    bundled = bundled_dir().resolve()
    folders = [(bundled, "bundled")]
    if local_dir.is_dir() and local_dir.resolve() != bundled:
        folders.append((local_dir, "local"))
    for folder, origin in folders:
        for path in _yaml_files(folder):
            try:
                entries.append(Entry(path, origin, load_instrument(path)))
            except InstrumentError as error:
                entries.append(Entry(path, origin, None, error))
    return entries


class UnknownInstrument(Exception):
    """INSTRUMENT was neither a readable file nor a known id."""


def resolve_instrument(name: str, local_dir: Path = LOCAL_DIR) -> Instrument:
    """Load INSTRUMENT given as a path or an id (local instruments win over bundled)."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise UnknownInstrument(f"{name}: no such instrument file")
        return load_instrument(path)
    for folder in (local_dir, bundled_dir()):  # the usual case: the file is named after its id
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                try:
                    instrument = load_instrument(candidate)
                except InstrumentError:
                    continue
                if instrument.id == name:
                    return instrument
    matches = [e for e in find_instruments(local_dir) if e.instrument and e.instrument.id == name]
    local = [e for e in matches if e.origin == "local"]
    chosen = (local or matches)[:1]
    if not chosen:
        known = sorted({e.instrument.id for e in find_instruments(local_dir) if e.instrument})
        raise UnknownInstrument(f"{name}: no instrument with this id; known ids: {', '.join(known)}")
    assert chosen[0].instrument is not None
    return chosen[0].instrument
