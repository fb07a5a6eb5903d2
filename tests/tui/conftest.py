from pathlib import Path

import pytest

from vcf_tui.store import DataFile

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def store(tmp_path):
    data = DataFile.open(tmp_path / "data.json")
    yield data
    data.close()


@pytest.fixture
def home_store(tmp_path, monkeypatch, mini):
    """A store at ./vcf-responses.json in a fresh folder, where the home screen lists only the test instrument."""
    from vcf_tui.instrument.catalog import Entry

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("vcf_tui.tui.app.find_instruments", lambda: [Entry(mini.path, "local", mini)])
    data = DataFile.open("vcf-responses.json")
    yield data
    data.close()
