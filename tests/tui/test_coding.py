"""Coding passages with keys: each toggle is saved at once."""

from vcf_tui.analysis import coding
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables
from vcf_tui.tui.coding_app import CodingApp


async def test_coding_session_saves_codings(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    recorder = Recorder.start(store, mini, "interview", respondent="P1")
    for value in (True, "1-2", 3, "I used the drill", [], None, None, "A moment", "", "Used it", False):
        recorder.submit(value)
    found = coding.passages(store.tables, "Ann")
    assert [p.answer["question_id"] for p in found] == ["idea-used", "story[1].immediate", "story[1].used"]
    app = CodingApp(store, "Ann", found)
    async with app.run_test(size=(90, 30)) as pilot:
        assert "0 of 3 passages coded" in str(app.query_one("#status").render())
        await pilot.press("3", "4")                       # idea-used: applied + realised
        saved = {(c["answer_id"], c["cycle"]) for c in read_tables(path)["codings"].values()}
        assert saved == {(found[0].answer_id, "applied"), (found[0].answer_id, "realised")}
        await pilot.press("c", *"clear example", "enter")
        await pilot.press("enter", "1", "enter", "2")      # next: immediate; next: potential
        await pilot.press("pageup", "1")                   # back: immediate off again
        assert "2 of 3 passages coded" in str(app.query_one("#status").render())
    store.close()
    codings = list(read_tables(path)["codings"].values())
    active = {(c["answer_id"], c["cycle"]) for c in codings if coding.active(c)}
    assert active == {(found[0].answer_id, "applied"), (found[0].answer_id, "realised"),
                      (found[2].answer_id, "potential")}
    assert all(c["coder"] == "Ann" for c in codings)
    assert {c["comment"] for c in codings if c["answer_id"] == found[0].answer_id} == {"clear example"}
    assert coding.passages(read_tables(path), "Ann", uncoded_only=True)[0].answer_id == found[1].answer_id
