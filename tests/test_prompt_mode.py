"""`vcf-tui ask` with questionary prompts, driven through prompt_toolkit pipes."""

from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from vcf_tui.prompt_mode import PromptSession
from vcf_tui.recorder import Recorder
from vcf_tui.steps import TEXT_STEPS, AnotherStoryStep, ConsentStep, TagStep, ToldStep
from vcf_tui.store import DataFile, read_tables

DOWN, UP, ENTER, ESC, SPACE = "\x1b[B", "\x1b[A", "\r", "\x1b", " "


def run_with_keys(path: Path, instrument, keys: list[str], mode: str = "interview",
                  shown: list[str] | None = None) -> list[str]:
    """Run a whole session on ``keys``; what was printed goes to ``shown``."""
    shown = [] if shown is None else shown
    with DataFile.open(path) as store, create_pipe_input() as pipe:
        for chunk in keys:
            pipe.send_text(chunk)
        pipe.close()  # keys that run out end in EOFError, not in a prompt waiting for ever
        recorder = Recorder.start(store, instrument, mode, respondent="P1")
        PromptSession(recorder, echo=shown.append, input=pipe, output=DummyOutput()).run()
    return shown


def test_whole_session_with_keys(tmp_path, mini):
    path = tmp_path / "data.json"
    keys = [
        ENTER,
        DOWN + DOWN + ENTER,        # meetings: 3-5
        UP + UP + ENTER,            # confidence (optional): the cursor starts on "(skip)"; up to 5, up to 4
        "Ran a drill" + ESC + ENTER,  # idea-used (longtext)
        SPACE + DOWN + DOWN + DOWN + SPACE + ENTER,  # tools: plans + Other...
        "mentoring" + ENTER,        # other text
        "abc" + ENTER,              # hours: refused by validation
        "\x7f\x7f\x7f" + "12" + ENTER,
        ENTER,                      # note: Continue
        "A moment" + ESC + ENTER,   # story 1 immediate
        ESC + ENTER,                # potential skipped
        "Used it" + ESC + ENTER,    # used
        DOWN + ENTER,               # another story? 2. No
        "It did" + ENTER,           # success
    ]
    shown = run_with_keys(path, mini, keys)
    tables = read_tables(path)
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    assert values == {
        "meetings": "3-5", "confidence": 4, "idea-used": "Ran a drill", "tools": ["plans", "Other: mentoring"],
        "hours": 12, "story[1].immediate": "A moment", "story[1].potential": None, "story[1].used": "Used it",
        "success": "It did",
    }
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete"
    assert "  Probe: Ask for one concrete session." in shown


def test_self_mode_shows_no_probe(tmp_path, mini):
    path = tmp_path / "data.json"
    keys = [ENTER, ENTER, "\x03"]  # agree, None, then Ctrl-C
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys, mode="self")
    values = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert values == {"meetings": "None"}


def test_back_goes_to_the_previous_question(tmp_path, mini):
    path = tmp_path / "data.json"
    # agree; 1-2; on confidence pick "<- back" (just below "(skip)", where the cursor starts);
    # meetings again, its cursor on the saved 1-2: up to None
    keys = [ENTER, DOWN + ENTER, DOWN + ENTER, UP + ENTER, "\x03"]
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys)
    values = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert values == {"meetings": "None"}


def test_ctrl_c_in_ask_keeps_answers_and_says_how_to_resume(tmp_path, mini, monkeypatch, capsys):
    monkeypatch.setattr("vcf_tui.cli.session.stdin_is_terminal", lambda: True)
    from vcf_tui import prompt_mode
    from vcf_tui.cli import main

    def answer_two_then_stop(self):
        self.recorder.submit(True)
        self.recorder.submit("1-2")
        raise KeyboardInterrupt

    monkeypatch.setattr(prompt_mode.PromptSession, "run", answer_two_then_stop)
    data = tmp_path / "data.json"
    assert main(["ask", mini.path, "--data", str(data)]) == 130
    err = capsys.readouterr().err
    (session,) = read_tables(data)["sessions"].values()
    assert f"--resume {session['session_id'][:8]}" in err and "Every answer so far is saved" in err
    assert {a["question_id"] for a in read_tables(data)["answers"].values()} == {"meetings"}
    monkeypatch.setattr(prompt_mode.PromptSession, "run", lambda self: self.recorder.submit(4))
    assert main(["ask", mini.path, "--data", str(data), "--resume", session["session_id"][:8]]) == 0
    values = {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()}
    assert values == {"meetings": "1-2", "confidence": 4}


def test_ctrl_c_before_any_answer_saves_nothing(tmp_path, mini, monkeypatch, capsys):
    monkeypatch.setattr("vcf_tui.cli.session.stdin_is_terminal", lambda: True)
    from vcf_tui import prompt_mode
    from vcf_tui.cli import main

    def stop(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(prompt_mode.PromptSession, "run", stop)
    data = tmp_path / "data.json"
    assert main(["ask", mini.path, "--data", str(data)]) == 130
    assert "nothing was saved" in capsys.readouterr().err
    assert read_tables(data)["sessions"] == {}


def test_enter_on_an_optional_scale_skips_it(tmp_path, mini):
    path = tmp_path / "data.json"
    keys = [ENTER, DOWN + ENTER, ENTER, "\x03"]  # agree; 1-2; Enter on confidence with nothing chosen
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys)
    values = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert values == {"meetings": "1-2", "confidence": None}


def test_long_prompts_print_their_text_and_hints_on_lines_of_their_own(tmp_path, mini):
    # a multiline prompt line wider than the terminal renders as a blank screen: the text must not be in it
    keys = [ENTER, DOWN + ENTER, ENTER, "Ran a drill" + ESC + ENTER, "\x03"]
    shown: list[str] = []
    path = tmp_path / "data.json"
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys, shown=shown)
    assert "Describe an idea you used." in shown
    assert "(Esc then Enter to finish; empty to skip; '<' to go back)" in shown
    assert read_tables(path)["answers"]


# -- self mode: nothing of the framework -------------------------------------------------------------------

def _option_keys(index: int, count: int, optional: bool) -> str:
    """Keys that move a select's cursor to option ``index`` of ``count``: it starts on "(skip)" when optional."""
    return UP * (count - index) if optional else DOWN * index


def _keys_for(step, last: bool) -> str:
    """Scripted keys for any step: the first (or ``last``) choice, point and bound; text where text is asked."""
    if isinstance(step, ConsentStep):
        return ENTER
    if isinstance(step, AnotherStoryStep):
        return ENTER if last and step.instance == 1 else DOWN + ENTER  # two stories at most: no new text after
    if isinstance(step, ToldStep) and step.position > 1:
        return ESC + ENTER  # an empty step ends a told story
    if isinstance(step, TEXT_STEPS):
        return "A moment that mattered" + ESC + ENTER
    if isinstance(step, TagStep):
        return DOWN * (len(step.options("self")) - 1 if last else 0) + ENTER
    question = step.question
    count = len(question.choices) + question.other
    index = count - 1 if last else 0
    other = "mentoring" + ENTER if question.other and index == count - 1 else ""
    if question.type == "single":
        return _option_keys(index, count, not question.required) + ENTER + other
    if question.type == "multi":
        return DOWN * index + SPACE + ENTER + other
    if question.type == "scale":
        points = len(question.points())
        index = points - 1 if last else 0
        return _option_keys(index, points, not question.required) + ENTER
    if question.type == "number":
        bound = question.maximum if last else question.minimum
        return str(int(bound or 1)) + ENTER
    if question.type == "longtext":
        return "Some words" + ESC + ENTER
    return ("Some words" if question.type == "text" else "") + ENTER


def _participant_texts(instrument) -> list[str]:
    """Every text of the instrument that a self-completing participant is meant to read."""
    texts = [instrument.consent or ""]
    for section in instrument.sections:
        texts += [section.title, section.intro or "", section.repeat.prompt, section.evidence_prompt or ""]
        texts += [section.self_text or section.text or "", *(step.wording("self") for step in section.steps)]
        for question in (*section.questions, *section.story_questions):
            texts += [question.wording("self"), *(c.label for c in question.choices), *question.labels.values()]
    return sorted({" ".join(t.split()) for t in texts if t.strip()}, key=len, reverse=True)


def _framework_words(instrument) -> set[str]:
    from vcf_tui.cycles import ALIASES, CAPITALS, CYCLES

    words = set(CYCLES) | set(ALIASES) | {c.label for c in CYCLES.values()} | set(CAPITALS)
    return words | {q.indicator for q in instrument.questions() if q.indicator}


def _walk_in_self_mode(tmp_path, instrument, last: bool) -> tuple[str, set[str]]:
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    screen = io.StringIO()
    class Scripted(PromptSession):
        def ask(self, step):
            with create_pipe_input() as pipe:  # closed: keys that run out end in EOFError, not in a hang
                pipe.send_text(_keys_for(step, last))
                pipe.close()
                self.io["input"] = pipe
                return super().ask(step)

    with DataFile.open(tmp_path / f"{instrument.id}-{last}.json") as store:
        recorder = Recorder.start(store, instrument, "self")
        Scripted(recorder, echo=lambda text: screen.write(text + "\n"), output=PlainTextOutput(screen)).run()
        assert recorder.session["status"] == "complete"
        shown = {key for key, record in recorder.answers.items() if record["value"] is not None}
    return screen.getvalue(), shown


def test_self_mode_shows_no_cycle_capital_or_indicator_in_any_bundled_instrument(tmp_path):
    import re

    from vcf_tui.instrument import find_instruments, resolve_instrument

    ids = sorted(e.instrument.id for e in find_instruments() if e.origin == "bundled" and e.instrument)
    assert len(ids) >= 4
    for instrument_id in ids:
        instrument = resolve_instrument(instrument_id)
        answered: set[str] = set()
        for last in (False, True):
            screen, shown = _walk_in_self_mode(tmp_path, instrument, last)
            answered |= shown
            rest = " ".join(screen.split())
            for text in _participant_texts(instrument):
                rest = rest.replace(text, " ")
            for word in _framework_words(instrument):
                assert not re.search(rf"\b{re.escape(word)}\b", rest, re.IGNORECASE), (instrument_id, word, rest)
        asked = {q.id for q in instrument.questions() if q.type != "note"}
        assert len(answered & asked) >= len(asked) * 2 // 3, (instrument_id, asked - answered)


def test_self_mode_uses_self_text(tmp_path):
    from vcf_tui.instrument import resolve_instrument

    instrument = resolve_instrument("coach-cop-review")
    screen, _ = _walk_in_self_mode(tmp_path, instrument, last=False)
    meetings = instrument.question("meetings")
    assert meetings.self_text in screen and meetings.text not in screen


def test_progress_never_jumps(tmp_path, mini):
    import re

    # meetings 3-5 shows the questions and the last part that "None" would hide; two stories add steps
    keys = [ENTER, DOWN + DOWN + ENTER, UP + UP + ENTER, "Ran a drill" + ESC + ENTER, SPACE + ENTER, "12" + ENTER,
            ENTER, "A" + ESC + ENTER, ESC + ENTER, ESC + ENTER, ENTER, "B" + ESC + ENTER, ESC + ENTER,
            ESC + ENTER, "It did" + ENTER]
    shown = run_with_keys(tmp_path / "data.json", mini, keys)
    counts = [tuple(map(int, m.groups())) for line in shown for m in re.finditer(r"(\d+)\s*(?:/|of)\s*(\d+)", line)]
    assert counts and {total for _, total in counts} == {len(mini.sections)}
    assert [k for k, _ in counts] == sorted(k for k, _ in counts)
    assert "== A story (part 2 of 3, story 2) ==" in "\n".join(shown)


def test_lock_runs_self_mode_and_refuses_interview_mode(tmp_path, mini, monkeypatch, capsys):
    from vcf_tui.cli import main, session

    started = []
    monkeypatch.setattr(session, "run_app", lambda options, name, project=None: started.append(options) or 0)
    data = str(tmp_path / "data.json")
    assert main(["run", mini.path, "--data", data, "--lock"]) == 0
    assert main(["run", mini.path, "--data", data]) == 0
    assert [(o.mode, o.lock) for o in started] == [("self", True), ("interview", False)]
    with pytest.raises(SystemExit) as refused:
        main(["run", mini.path, "--data", data, "--lock", "--mode", "interview"])
    assert refused.value.code == 2 and "--lock is for self mode" in capsys.readouterr().err
    assert len(started) == 2


def test_lock_does_not_resume_an_interview(tmp_path, mini, capsys, monkeypatch):
    from vcf_tui.cli import main

    monkeypatch.setattr("vcf_tui.tui.terminal.require_terminal", lambda command: None)

    data = tmp_path / "data.json"
    with DataFile.open(data) as store:
        recorder = Recorder.start(store, mini, "interview")
        recorder.submit(True)
        short = recorder.session["session_id"][:8]
    assert main(["run", mini.path, "--data", str(data), "--lock", "--resume", short]) == 1
    assert "--lock resumes only self mode sessions" in capsys.readouterr().err


def test_a_save_that_fails_says_the_answer_was_not_saved_and_how_to_resume(tmp_path, mini, monkeypatch, capsys):
    monkeypatch.setattr("vcf_tui.cli.session.stdin_is_terminal", lambda: True)
    from vcf_tui import prompt_mode
    from vcf_tui.cli import main
    from vcf_tui.store import StoreError

    save = DataFile.put_many
    saves = []

    def disk_full_at_the_third(store, puts):
        saves.append(puts)
        if len(saves) == 3:
            raise StoreError(f"{store.path}: cannot save: No space left on device; the answers saved before "
                             "this one are safe")
        save(store, puts)

    def answer_three(self):
        self.recorder.submit(True)
        self.recorder.submit("1-2")
        self.recorder.submit(4)

    monkeypatch.setattr(DataFile, "put_many", disk_full_at_the_third)
    monkeypatch.setattr(prompt_mode.PromptSession, "run", answer_three)
    data = tmp_path / "data.json"
    assert main(["ask", mini.path, "--data", str(data)]) == 1
    err = capsys.readouterr().err
    (session,) = read_tables(data)["sessions"].values()
    assert "the answer just given was NOT saved: " in err and "No space left on device" in err
    assert f"--resume {session['session_id'][:8]}" in err and "Traceback" not in err
    assert {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()} == {"meetings": "1-2"}
