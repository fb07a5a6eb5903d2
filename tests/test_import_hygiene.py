"""The core never imports a user interface: Textual, questionary and vcf_tui's own UI stay out.

The list of core modules is the import-linter contract's in ``pyproject.toml`` (``lint-imports`` checks the
import graph statically); this test backs it at run time: each core module, with every submodule, is
imported in a fresh interpreter and no UI library may have been loaded.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]
CORE = CONTRACT["source_modules"]
UI = ("textual", "questionary", "prompt_toolkit", "vcf_tui.tui", "vcf_tui.prompt_mode", "vcf_tui.cli")

SCRIPT = """
import importlib, pkgutil, sys
top = importlib.import_module(sys.argv[1])
for found in pkgutil.walk_packages(getattr(top, "__path__", []), top.__name__ + "."):
    importlib.import_module(found.name)
print(",".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_the_contract_forbids_the_ui() -> None:
    assert set(UI) <= set(CONTRACT["forbidden_modules"])


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_ui(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, module, *UI], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
