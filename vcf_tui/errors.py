"""The one base class of every error that a user should see as one line."""


class VcfError(Exception):
    """Bad input or a failed check: the CLI prints ``vcf-tui: <message>`` and exits 1."""
