"""The dashboard's main view at the field standard of 80x24: whole cycle names, short headers, observations."""

from textual.widgets import Static

from vcf_tui.store import DataFile
from vcf_tui.tui.dashboard import DashboardApp

from .test_matrix_view import PROJECT, screen_text, write_records


def write_with_observations(path):
    write_records(path)
    with DataFile.open(path) as store:
        for n, period in enumerate(("2026-01", "2026-02")):
            store.put(
                "observations",
                {
                    "observation_id": f"o{n}",
                    "indicator": "attendance",
                    "cycle": "realised",
                    "value": 10 + n,
                    "period": period,
                },
            )


async def test_the_cycle_table_reads_whole_at_80_columns(tmp_path):
    path = tmp_path / "data.json"
    write_with_observations(path)
    app = DashboardApp([str(path)], project=PROJECT)
    async with app.run_test(size=(80, 24)):
        lines = screen_text(app.query_one("#cycles", Static)).splitlines()
        header = lines[0].split()
        assert header == ["cycle", "ans", "scale", "%", "effect", "%", "contrib", "%", "obs"]
        rows = {line.split()[1]: line.split() for line in lines[1:] if line.strip().startswith("■")}
        assert set(rows) >= {"immediate", "potential", "applied", "realised", "reframing"}  # never cut short
        assert rows["realised"][2] == "3" and rows["realised"][-1] == "2"  # answers, observations
        assert "…" not in "".join(lines) and "█" not in "".join(lines)  # no bars at 80
        assert "obs: observations" in " ".join(lines)


async def test_wide_terminals_keep_the_bars(tmp_path):
    path = tmp_path / "data.json"
    write_with_observations(path)
    app = DashboardApp([str(path)], project=PROJECT)
    async with app.run_test(size=(160, 40)):
        assert "█" in screen_text(app.query_one("#cycles", Static))


def test_the_main_view_looks_right_at_80_by_24(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the title names the file: keep it the same on every run
    write_with_observations(tmp_path / "data.json")
    assert snap_compare(DashboardApp(["data.json"], project=PROJECT), terminal_size=(80, 24))


async def test_the_matrix_names_each_storys_respondent_and_wave_at_80_columns(tmp_path):
    path = tmp_path / "data.json"
    write_with_observations(path)
    app = DashboardApp([str(path)], project=PROJECT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        label = [
            line.split("│")[1].strip()
            for line in screen_text(app.screen.query_one("#matrix", Static)).splitlines()
            if line.startswith("│")
        ][:3]
        assert label == ["P1", "wave: 12-months", "story 1 told"]
