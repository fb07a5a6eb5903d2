"""What interviewers asked for in the session screen (issue #14): who is on screen, where we are, and keys."""

from pathlib import Path

from textual.widgets import Static

from vcf_tui.instrument import load_instrument
from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.dialogs import JumpTo
from vcf_tui.tui.screens.session import SessionScreen

from .drive import screen_text

LONG = Path(__file__).parent / "fixtures" / "long.yaml"


def text_of(app, selector):
    return str(app.screen.query_one(selector, Static).render())


def answers(store):
    return {a["question_id"]: a["value"] for a in read_tables(store.path)["answers"].values()}


async def test_header_names_respondent_wave_and_part(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P07", wave="baseline"))
    async with app.run_test(size=(120, 30)) as pilot:
        assert text_of(app, "#who") == "respondent P07 · wave baseline"
        assert text_of(app, "#progress").startswith("Before we start")
        await pilot.press("1", "enter")
        assert text_of(app, "#progress").startswith("Part 1 of 3 · question 1 of")
        await pilot.press("1", "enter")       # "None": later questions of the part are hidden
        assert text_of(app, "#progress").startswith("Part 1 of 3 · question 2 of 2")
        await pilot.press("pageup", "3", "enter")  # 3-5: they show again; the parts stay "of 3"
        assert text_of(app, "#progress").startswith("Part 1 of 3 · question 2 of 4")


async def test_pagedown_goes_forward_without_changing_the_answer(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("1", "enter", "3", "enter", "4", "enter")
        question = app.screen.recorder.current.key
        await pilot.press("pageup", "pageup")
        assert app.screen.recorder.current.key == "meetings"
        await pilot.press("1")                # picked but not accepted: PageDown leaves the saved answer as it is
        await pilot.press("pagedown", "pagedown")
        assert app.screen.recorder.current.key == question
        await pilot.press("pagedown")          # not answered yet: PageDown stays
        assert app.screen.recorder.current.key == question
    assert answers(store)["meetings"] == "3-5" and answers(store)["confidence"] == 4


async def test_ctrl_g_lists_only_reachable_questions_and_goes_to_the_one_picked(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("1", "enter", "3", "enter", "4", "enter")
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, JumpTo)
        labels = app.screen.labels
        assert len(labels) == 4 and labels[-1].startswith("· Describe an idea")  # consent, 2 answered, this one
        await pilot.press("up", "up", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.recorder.current.key == "meetings"
        assert app.screen.answer.raw() == "3-5"


async def test_number_field_says_why_letters_are_refused(store):
    app = make_app(store, RunOptions(load_instrument(LONG), "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter")
        await pilot.press("x")
        assert "letters cannot go here" in text_of(app, "#message")
        await pilot.press("7", "enter")
    assert answers(store)["years"] == 7


async def test_footer_shows_enter_on_a_one_line_text_question(store):
    app = make_app(store, RunOptions(load_instrument(LONG), "self", respondent="P1"))
    async with app.run_test(size=(80, 24)):
        footer = screen_text(app).splitlines()[-1]
        assert "⏎ Next" in footer and "pgup Back" in footer


async def test_probe_and_note_stay_on_an_80x24_screen(store):
    app = make_app(store, RunOptions(load_instrument(LONG), "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter", "4", "enter")
        shown = screen_text(app)
        assert "Probe: Ask for the date" in shown and "Interviewer's note" in shown
        await pilot.press(*"A meeting", "ctrl+s")
        assert "Probe: Ask for one concrete change." in screen_text(app)
