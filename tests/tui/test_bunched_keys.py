"""Keys that arrive together (a paste ending in Enter, a slow SSH link) still go to their own question."""

from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.end import EndScreen

from .drive import bunch

WHOLE_SESSION = [
    "1", "enter",                       # consent
    "3", "enter",                       # meetings: 3-5
    "4", "enter",                       # confidence: 4
    *"ran a drill", "ctrl+s",           # idea-used
    "1", "enter",                       # tools: plans
    *"12", "enter",                     # hours
    "enter",                            # the note
    *"first", "ctrl+s", *"second", "ctrl+s", *"third", "ctrl+s",   # story 1
    "2", "enter",                       # no other story
    *"it did", "enter",                 # success
]
EXPECTED = {"meetings": "3-5", "confidence": 4, "idea-used": "ran a drill", "tools": ["plans"], "hours": 12,
            "story[1].immediate": "first", "story[1].potential": "second", "story[1].used": "third",
            "success": "it did"}


def saved_values(path):
    return {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}


async def wait_for(pilot, condition, seconds=10.0):
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


async def test_a_whole_session_in_one_read_files_every_answer_under_its_question(store, mini):
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        bunch(app, WHOLE_SESSION)
        await wait_for(pilot, lambda: isinstance(app.screen, EndScreen))
        assert isinstance(app.screen, EndScreen)
    values = saved_values(store.path)
    assert {key: values.get(key) for key in EXPECTED} == EXPECTED


async def test_a_session_typed_before_the_first_question_is_drawn_goes_to_its_questions(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    bunch(app, WHOLE_SESSION)                 # queued before the app has even started
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, EndScreen))
    values = saved_values(store.path)
    assert {key: values.get(key) for key in EXPECTED} == EXPECTED
