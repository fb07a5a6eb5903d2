"""`vcf-tui code`: blind coding of text answers and story steps, with coding details and story reviews."""

from vcf_tui.tui.coding.app import CodingApp
from vcf_tui.tui.coding.screen import CodingScreen

__all__ = ["CodingApp", "CodingScreen"]
