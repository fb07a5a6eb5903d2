"""The evaluation project file (``format: vcf-project/1``)."""

from vcf_tui.project.loader import ProjectError, find_project, load_project, parse_project
from vcf_tui.project.model import Indicator, Project, Wave

__all__ = [
    "Indicator",
    "Project",
    "ProjectError",
    "Wave",
    "find_project",
    "load_project",
    "parse_project",
]
