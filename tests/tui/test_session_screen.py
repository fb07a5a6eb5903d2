"""The session runner driven with keys, as a person uses it."""

from textual.widgets import Input, Static

from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.session import SessionScreen
from vcf_tui.tui.widgets.choices import ChoiceField


def saved(store):
    return {a["question_id"]: a for a in read_tables(store.path)["answers"].values()}


def text_of(app, selector):
    return str(app.screen.query_one(selector, Static).render())


async def test_interview_with_keys_saves_each_answer(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SessionScreen)
        assert "Do you agree" in text_of(app, "#question")
        await app.background_done()  # the tally is counted in a worker
        await pilot.pause()
        tally = app.screen.query_one("#tally")
        shown = "\n".join(line.text for line in tally.render_lines(tally.region.reset_offset))
        assert all(cycle in shown for cycle in ("immediate", "potential", "applied", "realised", "reframing"))
        await pilot.press("1", "enter")
        assert isinstance(app.focused, ChoiceField)
        await pilot.press("3", "enter")  # meetings: 3-5
        assert saved(store)["meetings"]["value"] == "3-5"
        assert "Probe" not in text_of(app, "#probe")
        await pilot.press("4", "enter")  # confidence: 4
        assert saved(store)["confidence"]["value"] == 4
        assert text_of(app, "#probe") == "Probe: Ask for one concrete session."
        await pilot.press(*"Ran a drill", "enter", *"with the U12s")
        app.screen.query_one("#note", Input).value = "strong example"
        await pilot.press("ctrl+s")
        answer = saved(store)["idea-used"]
        assert answer["value"] == "Ran a drill\nwith the U12s" and answer["note"] == "strong example"
        await pilot.press("1", "4", *"peers", "enter")  # plans + Other, which takes the focus
        assert saved(store)["tools"]["value"] == ["plans", "Other: peers"]
        await pilot.press(*"abc")  # restricted: letters are not typed into a number
        await pilot.press("1", "0", "0", "0", "enter")
        assert "from 0 to 100" in text_of(app, "#message")
        await pilot.press("backspace", "backspace", "enter")
        assert saved(store)["hours"]["value"] == 10
        await pilot.press("enter")  # the note
        await pilot.press(*"A moment", "ctrl+s")  # story 1
        assert "Story 1" in text_of(app, "#story-so-far")
        await pilot.press("ctrl+s", *"Used it", "ctrl+s")
        await pilot.press("2", "enter")  # no other story
        await pilot.press(*"It did", "enter")
        assert isinstance(app.screen, EndScreen)
    (session,) = read_tables(store.path)["sessions"].values()
    assert session["status"] == "complete" and session["interviewer"] == "Sam"
    assert saved(store)["story[1].potential"]["value"] is None


async def test_back_keeps_typed_text_and_changes_hide_questions(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter", "2", "enter", "5", "enter")
        await pilot.press(*"half typed")
        await pilot.press("pageup")  # back to confidence, draft kept
        assert app.screen.query_one(ChoiceField).value == 5
        await pilot.press("enter")
        assert app.screen.recorder.current.key == "idea-used"
        assert "half typed" in app.screen.answer.raw()
        await pilot.press("pageup", "pageup")  # meetings
        await pilot.press("1", "enter")  # None: hides confidence and idea-used
        assert app.screen.recorder.current.key == "tools"
        assert saved(store)["confidence"]["hidden"] is True


async def test_required_answer_message(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "enter")
        assert "required" in text_of(app, "#message")
        assert app.screen.recorder.current.key == "meetings"


async def test_self_mode_shows_no_probe_note_or_tally(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "2", "enter")
        assert text_of(app, "#question").startswith("How much more confident do you feel, in your own words?")
        await pilot.press("4", "enter")  # idea-used has a probe for interviewers
        assert app.screen.recorder.current.key == "idea-used"
        assert not app.screen.query("#probe") and not app.screen.query("#note") and not app.screen.query("#tally")


async def test_self_mode_leaving_asks_first(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "2", "enter")
        await pilot.press("ctrl+q")
        assert app.screen.__class__.__name__ == "ConfirmLeave"
        await pilot.press("2")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("4")  # picked, not yet accepted: kept on leaving
        await pilot.press("ctrl+q", "1")
    assert saved(store)["meetings"]["value"] == "1-2"
    assert saved(store)["confidence"]["value"] == 4
    (session,) = read_tables(store.path)["sessions"].values()
    assert session["status"] == "in_progress"


async def test_declining_consent_ends_the_session(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        assert isinstance(app.screen, EndScreen)
        assert "chose not to take part" in text_of(app, "#end-message")
        await pilot.press("enter")  # kiosk: a fresh session for the next participant
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(ChoiceField).value is None
    statuses = sorted(s["status"] for s in read_tables(store.path)["sessions"].values())
    assert statuses == ["abandoned"]  # the fresh session has no answer yet, so no record


async def test_text_with_brackets_is_shown_as_typed(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "1", "enter", "enter", "enter")  # consent, None, tools skipped, note
        await pilot.press(*"[bold]we met[/] [x]", "ctrl+s")
        recap = text_of(app, "#story-so-far")
        assert "• [bold]we met[/] [x]" in recap and "immediate" not in recap.lower()
    assert saved(store)["story[1].immediate"]["value"] == "[bold]we met[/] [x]"


async def test_the_mouse_picks_choices(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click(ChoiceField, offset=(5, 0))  # "I agree"
        await pilot.press("enter")
        await pilot.click(ChoiceField, offset=(5, 2))  # third line: 3-5
        assert app.screen.query_one(ChoiceField).value == "3-5"
        await pilot.press("enter")
    assert saved(store)["meetings"]["value"] == "3-5"


async def test_arrows_and_space_choose_the_option_under_the_cursor(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter")  # consent
        await pilot.press("down", "down", "space", "enter")  # meetings: the third choice, 3-5
        assert saved(store)["meetings"]["value"] == "3-5"


async def test_leaving_when_the_answer_being_typed_cannot_be_saved_says_so_and_fails(store, mini, monkeypatch):
    from vcf_tui.store import StoreError

    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter")  # consent: saved
        await pilot.press("3")  # meetings: picked, not yet accepted

        def full_disk(puts):
            raise StoreError("d.json: the disk is full")

        monkeypatch.setattr(app.recorder, "_write", full_disk)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1
    assert "meetings" not in saved(store)
