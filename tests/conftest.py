from pathlib import Path

import pytest

from vcf_tui.instrument import Instrument, load_instrument

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini() -> Instrument:
    return load_instrument(FIXTURES / "mini.yaml")


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """Remembered settings go to a folder of the test's own, never the user's ~/.config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "vcf-tui" / "settings.json"
