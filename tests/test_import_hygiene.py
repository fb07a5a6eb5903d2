"""The core never imports the UI libraries: Textual and questionary stay out."""

import subprocess
import sys

import pytest

CORE = [
    "vcf_tui.cycles",
    "vcf_tui.instrument",
    "vcf_tui.answers",
    "vcf_tui.engine",
    "vcf_tui.store",
    "vcf_tui.recorder",
    "vcf_tui.replay",
    "vcf_tui.session_setup",
    "vcf_tui.analysis.tally",
    "vcf_tui.analysis.tally_report",
    "vcf_tui.analysis.merge",
    "vcf_tui.export",
    "vcf_tui.analysis.coding",
    "vcf_tui.analysis.agreement",
    "vcf_tui.analysis.live_tally",
    "vcf_tui.cli",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_ui(module):
    script = (f"import sys, {module}; "
              "bad = [m for m in ('textual', 'questionary', 'prompt_toolkit') if m in sys.modules]; "
              "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
