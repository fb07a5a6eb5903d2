"""Coding passages with keys: blind coding, question text, details and story reviews, each saved at once."""

from vcf_tui.analysis import coding
from vcf_tui.analysis.story_reviews import reviews_by_story
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables
from vcf_tui.tui.coding import CodingApp, CodingScreen

from .drive import bunch

KEY = "a-test-pseudonym-key-of-enough-characters"


def shown(app, selector) -> str:
    widget = app.screen.query_one(selector)
    return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))


def interview(store, mini, respondent="P1"):
    recorder = Recorder.start(store, mini, "interview", respondent=respondent)
    for value in (True, "1-2", 3, "I used the drill", [], None, None, "A moment", "", "Used it", False):
        recorder.submit(value)


def active_codings(path):
    return {(c["answer_id"], c["cycle"]) for c in read_tables(path)["codings"].values() if coding.active(c)}


async def test_coding_is_blind_shows_question_text_and_saves_codings(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    interview(store, mini)
    found = coding.passages(store.tables, "Ann")
    assert [p.answer["question_id"] for p in found] == ["idea-used", "story[1].immediate", "story[1].used"]
    app = CodingApp(store, "Ann", found, KEY)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert "0 of 3 passages coded" in shown(app, "#status")
        where = shown(app, "#where")
        assert "hidden until coded" in where and "Applied" not in where
        assert pseudonym(KEY, "respondent", "P1") in where and "P1 " not in where  # as in exports
        assert "Describe an idea you used." in shown(app, "#asked")
        assert "idea-used" not in shown(app, "#asked")
        assert not app.screen.query_one("#review").display  # not a story step
        await pilot.press("3", "4")  # applied + realised
        assert active_codings(path) == {(found[0].answer_id, "applied"), (found[0].answer_id, "realised")}
        assert "Applied" in shown(app, "#where")  # revealed once coded
        await pilot.press("3", "4", "3", "4")  # off and on again: still shown
        assert "Applied" in shown(app, "#where")
        await pilot.press("c", *"clear example", "enter")
        await pilot.press("enter", "1", "enter", "2")  # next: immediate; next: potential
        await pilot.press("pageup", "1")  # back: immediate off again
        assert "2 of 3 passages coded" in shown(app, "#status")
    store.close()
    codings = list(read_tables(path)["codings"].values())
    assert active_codings(path) == {
        (found[0].answer_id, "applied"),
        (found[0].answer_id, "realised"),
        (found[2].answer_id, "potential"),
    }
    assert all(c["coder"] == "Ann" for c in codings)
    assert {c["comment"] for c in codings if c["answer_id"] == found[0].answer_id} == {"clear example"}
    assert coding.passages(read_tables(path), "Ann", uncoded_only=True)[0].answer_id == found[1].answer_id


async def test_details_of_a_coding_are_saved_at_once(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    interview(store, mini)
    found = coding.passages(store.tables, "Ann")
    app = CodingApp(store, "Ann", found, KEY)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("f")
        assert "tag a cycle first" in shown(app, "#message")
        await pilot.press("3", "k")
        assert "tag potential first" in shown(app, "#message")
        await pilot.press("2", "k", "k", "f", "f")  # potential; capital 2; confidence 2
        await pilot.press("i", *"ideas-used", "enter", "t", *"drills", "enter", "m", *"ask again", "enter")
        assert "confidence: 2" in shown(app, "#details") and "theme: drills" in shown(app, "#details")
        await pilot.press("t", *"dropped", "escape")  # Escape leaves it as it was
    store.close()
    saved = {c["cycle"]: c for c in read_tables(path)["codings"].values() if c["answer_id"] == found[0].answer_id}
    assert saved["potential"]["capital"] == "social"
    assert "capital" not in saved["applied"]
    for record in saved.values():
        assert (record["confidence"], record["indicator"], record["theme"], record["memo"]) == (
            2,
            "ideas-used",
            "drills",
            "ask again",
        )


async def test_a_story_review_from_the_coding_screen(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    interview(store, mini)
    found = coding.passages(store.tables, "Ann")
    app = CodingApp(store, "Ann", found, KEY)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("r", "n")  # not a story step: no review
        assert app.screen.check_action("review_status", ()) is False  # and not in the footer
        assert not read_tables(path)["story_reviews"] and app.screen.editing is None
        await pilot.press("enter")  # story[1].immediate
        assert app.screen.query_one("#review").display
        assert "A moment that mattered?" in shown(app, "#asked")
        await pilot.press("r", "r", "p", "p", "p", "n", *"phoned her", "enter")
        assert "corroborated" in shown(app, "#review")
    store.close()
    ((key, record),) = reviews_by_story(read_tables(path)).items()
    assert key == (found[1].session["session_id"], "story", 1)
    assert (record["status"], record["plausibility"], record["note"], record["reviewer"]) == (
        "corroborated",
        3,
        "phoned her",
        "Ann",
    )


async def test_keys_in_one_read_code_each_passage_on_its_own(tmp_path, mini):
    """Digits and Enter posted all at once: each digit codes the passage on screen when it was typed."""
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    for n in range(3):
        interview(store, mini, respondent=f"P{n}")
    found = coding.passages(store.tables, "Ann")
    assert len(found) == 9
    cycles = ["1", "2", "3", "4", "5", "1", "2", "3", "4"]
    keys = [key for cycle in cycles for key in (cycle, "enter")]
    expected = {
        (p.answer_id, {"1": "immediate", "2": "potential", "3": "applied", "4": "realised", "5": "reframing"}[c])
        for p, c in zip(found, cycles, strict=True)
    }
    app = CodingApp(store, "Ann", found, KEY)
    async with app.run_test(size=(100, 34)) as pilot:
        bunch(app, keys)
        for _ in range(200):  # 10 s; a stalled gate takes 3 s a key (54 s)
            if active_codings(path) == expected and app.screen.index == len(found) - 1:
                break
            await pilot.pause(0.05)
    store.close()
    assert active_codings(path) == expected


def test_a_story_step_before_it_is_coded_looks_right(snap_compare, store, mini):
    interview(store, mini)
    found = coding.passages(store.tables, "Ann")
    assert snap_compare(CodingApp(store, "Ann", found[1:], KEY), terminal_size=(100, 24))
