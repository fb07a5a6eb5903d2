"""`vcf-tui dashboard`: live figures, a value-creation matrix and story coverage of files being written."""

from vcf_tui.tui.dashboard.app import DashboardApp
from vcf_tui.tui.dashboard.matrix_view import MatrixScreen
from vcf_tui.tui.dashboard.session_detail import SessionDetail

__all__ = ["DashboardApp", "MatrixScreen", "SessionDetail"]
