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
    clash: Path | None = None  # another file found earlier with the same instrument id

    def warning(self) -> str | None:
        """One line about what is wrong with this entry, or None: its first error, or an id clash."""
        if self.error is not None:
            return f"broken: {self.error.first_line()}"
        if self.clash is None or self.instrument is None:
            return None
        if self.origin == "local" and self.clash.resolve().is_relative_to(bundled_dir().resolve()):
            return (
                f"{self.path}: same id '{self.instrument.id}' as the bundled {self.clash}; "
                "by id, this local file is used"
            )
        return f"{self.path}: same id '{self.instrument.id}' as {self.clash}; give one of them another id"


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def find_instruments(local_dir: Path = LOCAL_DIR) -> list[Entry]:
    """Bundled instruments first, then local ones; each file once, broken ones with their error."""
    entries: list[Entry] = []
    seen_files: set[Path] = set()
    first_with_id: dict[str, Path] = {}
    for folder, origin in ((bundled_dir(), "bundled"), (local_dir, "local")):
        for path in _yaml_files(folder):
            if path.resolve() in seen_files:
                continue  # run in the checkout, ./instruments is the bundled folder
            seen_files.add(path.resolve())
            try:
                instrument = load_instrument(path)
            except InstrumentError as error:
                entries.append(Entry(path, origin, None, error))
                continue
            entries.append(Entry(path, origin, instrument, clash=first_with_id.get(instrument.id)))
            first_with_id.setdefault(instrument.id, path)
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
    named = [local_dir / f"{name}{suffix}" for suffix in (".yaml", ".yml")]  # the usual case
    for candidate in named:
        if candidate.is_file():
            try:
                instrument = load_instrument(candidate)
            except InstrumentError:
                continue
            if instrument.id == name:
                return instrument
    entries = find_instruments(local_dir)
    matches = [e for e in entries if e.instrument and e.instrument.id == name]
    chosen = [e for e in matches if e.origin == "local"] or matches
    if not chosen:
        known = sorted({e.instrument.id for e in entries if e.instrument})
        raise UnknownInstrument(f"{name}: no instrument with this id; known ids: {', '.join(known)}")
    assert chosen[0].instrument is not None
    return chosen[0].instrument
