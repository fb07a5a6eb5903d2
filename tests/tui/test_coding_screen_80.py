"""The coding screen at the field standard of 80x24: every working key shown, indicators from the project,
and a story step's place, evidence and wave."""

from pathlib import Path

from vcf_tui.analysis import coding
from vcf_tui.project import load_project
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables
from vcf_tui.tui.coding import CodingApp

from .test_coding import KEY, shown

PROJECT = load_project(Path(__file__).parent.parent.parent / "examples" / "vcf-project.yaml")


def interview_with_evidence(store, mini):
    recorder = Recorder.start(store, mini, "interview", respondent="P1", wave="baseline")
    for value in (True, "1-2", 3, "I used the drill", [], None, None, "A moment", "", "Used it", False):
        recorder.submit(value)
    used = next(a for a in store.tables["answers"].values() if a["question_id"] == "story[1].used")
    store.put("answers", dict(used, evidence_text="club [b]records[/b]"))


async def test_the_key_lines_show_every_working_key_at_80_columns(tmp_path, mini):
    store = DataFile.open(tmp_path / "data.json")
    interview_with_evidence(store, mini)
    app = CodingApp(store, "Ann", coding.passages(store.tables, "Ann"), KEY)
    async with app.run_test(size=(80, 24)) as pilot:
        keys = shown(app, "#keys")
        assert "k capital" in keys and "c comment" in keys and "^q quit" in keys and "review" not in keys
        await pilot.press("enter")  # a story step: reviews too
        keys = shown(app, "#keys")
        for label in (
            "1-5 cycle",
            "next",
            "s skip",
            "back",
            "i indicator",
            "t theme",
            "f confidence",
            "m memo",
            "r review",
            "p plausibility",
            "n note",
            "^q quit",
        ):
            assert label in keys
        await pilot.press("m")  # a field open: its own keys
        keys = shown(app, "#keys")
        assert "Enter save" in keys and "Escape cancel" in keys and "capital" not in keys
        await pilot.press("escape")
        assert "r review" in shown(app, "#keys")
    store.close()


async def test_a_project_offers_its_indicators_and_refuses_others(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    interview_with_evidence(store, mini)
    app = CodingApp(store, "Ann", coding.passages(store.tables, "Ann"), KEY, PROJECT)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#choices").display
        await pilot.press("3", "i")
        assert app.screen.query_one("#choices").display
        assert "ideas-used" in shown(app, "#choices") and "athlete-outcomes" in shown(app, "#choices")
        await pilot.press(*"bogus-ind", "enter")
        assert "bogus-ind is not one of this project's indicators" in shown(app, "#message")
        assert app.screen.editing == "indicator"  # still open to correct
        assert "Escape cancel" in shown(app, "#keys")
        await pilot.press(*["backspace"] * 9, *"IDEAS-USED", "enter")
        assert app.screen.editing is None and not app.screen.query_one("#choices").display
    store.close()
    indicators = {c.get("indicator") for c in read_tables(path)["codings"].values()}
    assert indicators == {"ideas-used"}


async def test_without_a_project_an_indicator_is_free_text(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    interview_with_evidence(store, mini)
    app = CodingApp(store, "Ann", coding.passages(store.tables, "Ann"), KEY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "i", *"my-own", "enter")
    store.close()
    assert {c.get("indicator") for c in read_tables(path)["codings"].values()} == {"my-own"}


async def test_a_story_step_shows_its_place_evidence_and_wave_and_stays_blind(tmp_path, mini):
    store = DataFile.open(tmp_path / "data.json")
    interview_with_evidence(store, mini)
    app = CodingApp(store, "Ann", coding.passages(store.tables, "Ann"), KEY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#evidence").display  # a plain answer: no evidence line
        await pilot.press("enter", "enter")
        assert "Story 1, step 2 of 2: What did you do with it?" in shown(app, "#asked")
        assert "Evidence: club [b]records[/b]" in shown(app, "#evidence")  # the narrator's words, as text
        where = shown(app, "#where")
        assert "wave: baseline" in where and "hidden until coded" in where and "Applied" not in where
        await pilot.press("1")
        assert "Applied" in shown(app, "#where")  # the narrator's tag, once coded
        await pilot.press("pageup")
        assert "step 1 of 2" in shown(app, "#asked") and "(none given)" in shown(app, "#evidence")
    store.close()


def test_a_story_step_looks_right_at_80_by_24(snap_compare, store, mini):
    interview_with_evidence(store, mini)
    found = coding.passages(store.tables, "Ann")
    assert snap_compare(CodingApp(store, "Ann", found[2:], KEY), terminal_size=(80, 24))
