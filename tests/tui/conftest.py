from pathlib import Path

import pytest

from vcf_tui.store import DataFile

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def store(tmp_path):
    data = DataFile.open(tmp_path / "data.json")
    yield data
    data.close()
