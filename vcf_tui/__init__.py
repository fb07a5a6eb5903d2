"""vcf-tui: a terminal companion for Value-Creation Framework evaluations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vcf-tui")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
