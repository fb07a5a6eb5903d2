"""One version string: ``vcf-tui --version`` is the installed package's metadata."""

from importlib.metadata import PackageNotFoundError, version

import pytest

from vcf_tui.cli import main


def test_version_flag_prints_the_package_metadata_version(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        expected = version("vcf-tui")
    except PackageNotFoundError:
        pytest.skip("vcf-tui is not installed (running from a source tree)")
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"vcf-tui {expected}"
