"""Every export format of the golden data file, byte for byte (regenerate: ``python -m tests.golden``)."""

from tests.golden import EXPECTED, render


def test_exports_match_the_golden_files(tmp_path):
    made = render(tmp_path)
    expected = {p.name: p.read_bytes() for p in sorted(EXPECTED.iterdir())}
    assert sorted(made) == sorted(expected)
    for name, data in expected.items():
        assert made[name] == data, f"{name} differs from tests/golden/expected/{name}; see tests/golden/__init__.py"
