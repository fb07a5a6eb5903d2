"""A session is resumed under the instrument it began with, never under an edited one."""

import pytest

from vcf_tui import session_setup as setup
from vcf_tui.instrument import load_instrument
from vcf_tui.store import DataFile

YAML = """format: vcf-instrument/1
id: edited
version: "1"
title: Edited
framework: vcf-2011
sections:
  - id: one
    title: One
    cycle: immediate
    questions:
      - {id: first, type: text, text: First?}
      - {id: second, type: text, text: Second?}
"""


def started(tmp_path):
    path = tmp_path / "edited.yaml"
    path.write_text(YAML)
    data = tmp_path / "d.json"
    with DataFile.open(data) as store:
        recorder = setup.begin(store, load_instrument(path), "interview")
        recorder.submit("an answer")
    path.write_text(YAML.replace("cycle: immediate", "cycle: potential"))  # edited after the session began
    return path, data, recorder.session["session_id"]


def test_an_edited_instrument_resumes_as_it_began(tmp_path):
    path, data, session_id = started(tmp_path)
    with DataFile.open(data) as store:
        recorder = setup.begin(store, load_instrument(path), "interview", resume=session_id[:8])
        assert recorder.engine.instrument.sections[0].cycles == ("immediate",)
        recorder.submit("another")
    with DataFile.open(data) as store:
        second = next(a for a in store.records("answers") if a["question_id"] == "second")
    assert second["cycles"] == ["immediate"]


def test_an_edited_instrument_whose_first_version_is_not_stored_is_refused(tmp_path):
    path, data, session_id = started(tmp_path)
    with DataFile.open(data) as store:
        for record in store.records("instruments"):
            store.tables["instruments"].pop(record["instrument_sha256"])
        with pytest.raises(setup.SetupError, match="began with another version of edited"):
            setup.begin(store, load_instrument(path), "interview", resume=session_id[:8])


async def test_the_app_started_on_a_session_it_cannot_resume_stops_with_an_error(tmp_path):
    from vcf_tui.tui.app import RunOptions, make_app

    path, data, session_id = started(tmp_path)
    with DataFile.open(data) as store:
        for record in store.records("instruments"):
            store.tables["instruments"].pop(record["instrument_sha256"])
        app = make_app(store, RunOptions(load_instrument(path), "interview", "Sam", "P1", resume=session_id[:8]))
        async with app.run_test() as pilot:
            await pilot.pause()
        assert app.return_code == 1
