"""The dashboard and the coding screen on malformed data files: text as text, never a traceback.

The command-line tests stop at the terminal check; these drive the apps themselves (``run_test``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.datafiles import DATA_CASES, DataCase, make_base
from tests.hostile.running import run_in_process

SCREEN_CASES = [case for case in DATA_CASES if case.in_process]


def on_screen(app) -> str:
    """Every line the current screen shows."""
    lines = []
    for widget in app.screen.walk_children(with_self=False):
        if widget.display and widget.region.area:
            lines += [strip.text for strip in widget.render_lines(widget.region.reset_offset)]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return make_base(tmp_path_factory.mktemp("base"))


@pytest.mark.parametrize("case", SCREEN_CASES, ids=lambda case: case.name)
async def test_the_dashboard_shows_any_file_it_can_read_and_refuses_the_rest(
    case: DataCase, base: dict, tmp_path: Path
) -> None:
    from vcf_tui.errors import VcfError
    from vcf_tui.store import read_tables
    from vcf_tui.tui.dashboard import DashboardApp

    path = case.write(tmp_path, base)
    try:
        read_tables(path)
    except VcfError:
        outcome = run_in_process(["dashboard", str(path)], tmp_path)  # refused before the app starts
        assert outcome.code == 1 and path.name in outcome.err and not outcome.crash, outcome
        return
    app = DashboardApp([str(path)], poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        shown = on_screen(app)
    assert app.return_code in (None, 0)
    assert "\x1b" not in shown and "\x07" not in shown and "Traceback" not in shown


# The cases that a writer accepts and that have passages to code (the others are refused, as the
# command-line fuzz checks).
CODABLE = (
    "good",
    "markup-and-control-text",
    "markup-and-control-ids",
    "unknown-tables-and-fields",
    "journal-torn-line",
)


@pytest.mark.parametrize("case", [case for case in SCREEN_CASES if case.name in CODABLE], ids=lambda case: case.name)
async def test_the_coding_screen_codes_any_file_a_writer_accepts(case: DataCase, base: dict, tmp_path: Path) -> None:
    from vcf_tui.analysis import coding
    from vcf_tui.store import DataFile, read_tables
    from vcf_tui.tui.coding import CodingApp

    path = case.write(tmp_path, base)
    store = DataFile.open(path)
    try:
        found = coding.passages(store.tables, "Zoe")
        assert found
        app = CodingApp(store, "Zoe", found, "k" * 64)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("1", "2", "enter", "1")
            await pilot.pause(0.1)
            shown = on_screen(app)
        assert app.return_code in (None, 0)
        assert "\x1b" not in shown and "\x07" not in shown and "Traceback" not in shown
    finally:
        store.close()
    coded = [c for c in read_tables(path)["codings"].values() if c.get("coder") == "Zoe"]
    assert coded, "the keys pressed saved no coding"
