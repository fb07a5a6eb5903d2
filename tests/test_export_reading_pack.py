"""The reading pack tells one respondent's sessions apart and lists each text answer once with its codings."""

from vcf_tui.cli import main
from vcf_tui.store import DataFile


def session(sid, wave, started):
    return {
        "session_id": sid,
        "instrument_id": "none",
        "instrument_version": "1",
        "framework": "vcf-2011",
        "status": "complete",
        "respondent": "R1",
        "wave": wave,
        "started_at": started,
    }


def step(sid, text):
    return {
        "answer_id": f"{sid}-step",
        "session_id": sid,
        "question_id": "story[1].step-1",
        "cycles": ["applied"],
        "value": text,
        "type": "story",
        "evidence_text": "the register",
        "story": {"section": "story", "instance": 1, "step": "step-1", "position": 1},
    }


def coding(answer_id, coder, cycle):
    return {"coding_id": f"{coder}-{cycle}", "answer_id": answer_id, "coder": coder, "cycle": cycle}


def reading_pack(tmp_path):
    path = tmp_path / "d.json"
    with DataFile.open(path) as store:
        for sid, wave, started in (
            ("cccccccc-3", "12-months", "2026-03-01T00:00:00Z"),
            ("aaaaaaaa-1", "baseline", "2026-01-01T00:00:00Z"),
            ("bbbbbbbb-2", "5-months", "2026-02-01T00:00:00Z"),
        ):
            store.put("sessions", session(sid, wave, started))
            store.put("answers", step(sid, f"used it at {wave}"))
        why = {"answer_id": "why", "session_id": "aaaaaaaa-1", "question_id": "why", "cycles": ["applied"]}
        store.put("answers", {**why, "value": "It helped", "type": "longtext"})
        for coder, cycle in (("Eve", "realised"), ("Eve", "immediate"), ("Bob", "realised")):
            store.put("codings", coding("why", coder, cycle))
    out = tmp_path / "pack.md"
    assert main(["export", str(path), "--format", "markdown", "-o", str(out)]) == 0
    return out.read_text()


def test_one_respondents_sessions_get_headings_naming_their_wave_and_session(tmp_path):
    text = reading_pack(tmp_path)
    headings = [line for line in text.splitlines() if line.startswith("### R1")]
    assert headings == [
        f"### R1 · {wave} · session {sid}: story, story 1 (told in the narrator's order)"
        for wave, sid in (("baseline", "aaaaaaaa"), ("5-months", "bbbbbbbb"), ("12-months", "cccccccc"))
    ]
    assert "1. **Applied value**: used it at baseline\n   - Evidence: the register\n" in text


def test_a_text_answer_is_listed_once_with_each_coders_cycles(tmp_path):
    answers = reading_pack(tmp_path).split("## Text answers by cycle", 1)[1].split("\n## ", 1)[0]
    assert answers.count("It helped") == 1
    assert "- **R1**, why: It helped\n  - coded by Bob: Realized value; Eve: Immediate value, Realized value" in answers
