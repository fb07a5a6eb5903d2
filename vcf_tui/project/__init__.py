"""The evaluation project file (``format: vcf-project/1``)."""

from vcf_tui.project.loader import ProjectError, find_project, is_project_file, load_project, parse_project
from vcf_tui.project.model import Indicator, Project, Wave

__all__ = [
    "Indicator",
    "Project",
    "ProjectError",
    "Wave",
    "find_project",
    "is_project_file",
    "load_project",
    "parse_project",
]
