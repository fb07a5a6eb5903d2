from pathlib import Path

import pytest

from vcf_tui.instrument import Instrument, load_instrument

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini() -> Instrument:
    return load_instrument(FIXTURES / "mini.yaml")
