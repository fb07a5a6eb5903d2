from vcf_tui.cli import run

run()
