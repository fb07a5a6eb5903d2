"""Complete sessions of every bundled instrument, in both modes, with keys only."""

import pytest

from vcf_tui.instrument import find_instruments
from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.end import EndScreen

from .drive import answer_all

BUNDLED = sorted((e.instrument for e in find_instruments() if e.origin == "bundled"), key=lambda i: i.id)


@pytest.mark.parametrize("mode", ["interview", "self"])
@pytest.mark.parametrize("instrument", BUNDLED, ids=lambda i: i.id)
async def test_complete_session(store, instrument, mode):
    app = make_app(store, RunOptions(instrument, mode, interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        steps = await answer_all(app, pilot)
        assert isinstance(app.screen, EndScreen)
    tables = read_tables(store.path)
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete" and session["mode"] == mode
    assert session["instrument_sha256"] == instrument.sha256
    answered = [a for a in tables["answers"].values() if a["value"] is not None]
    notes = sum(1 for q in instrument.questions() if q.type == "note")
    consent = 1 if instrument.consent else 0
    assert steps - consent - len(answered) <= notes + 1  # notes and the "another story?" take no record
    context = {q.id for q in instrument.questions() if not q.cycles}  # cycle: none and personal questions
    assert all(a["cycles"] for a in answered if a["question_id"] not in context)
    assert all(not a["cycles"] for a in answered if a["question_id"] in context)
