"""The ``--project P`` option of the analysis commands."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vcf_tui.project import Project


def add_project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project", metavar="P", help="evaluation project file (default: ./vcf-project.yaml when there is one)"
    )


def project_of(args: argparse.Namespace) -> Project | None:
    """The project named with --project, else ./vcf-project.yaml, else None."""
    from vcf_tui.project import find_project

    return find_project(args.project)
