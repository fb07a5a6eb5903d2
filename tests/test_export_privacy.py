"""Pseudonyms from a key file kept apart from the data, names redacted, personal answers left out."""

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tests.golden import GOLDEN, golden_copy
from vcf_tui.cli import main
from vcf_tui.export.pseudonyms import pseudonym

KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
LEGACY_KEY = "round-1-legacy-key-0123456789abcdef0123456789abcdef"
FORMATS = ("csv", "wide-csv", "json", "markdown")


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)
    return tmp_path / "config"


@pytest.fixture
def data(tmp_path):
    return golden_copy(tmp_path)


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "secret.key"
    path.write_text(f"  {KEY}\n\n")
    return path


def export(files, out, fmt, *extra):
    code = main(["export", *map(str, files), "--format", fmt, "-o", str(out), *extra])
    return code, (Path(out).read_text() if code == 0 else "")


def respondents(text):
    return {r["session_id"]: r["respondent"] for r in csv.DictReader(io.StringIO(text))}


def test_missing_key_file_is_made_private_and_reused(data, tmp_path, config):
    code, first = export([data], tmp_path / "a.csv", "csv", "--pseudonymise")
    key_file = config / "vcf-tui" / "pseudonym.key"
    assert code == 0 and key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    secret = key_file.read_text().strip()
    assert len(secret) == 64 and int(secret, 16) >= 0
    assert respondents(first)["00000000-0000-4000-8000-000000000001"] == pseudonym(secret, "respondent", "Alice Jones")
    assert export([data], tmp_path / "b.csv", "csv", "--pseudonymise")[1] == first
    assert secret not in first and secret not in data.read_text()


def test_same_key_same_pseudonym_whatever_the_input_order(data, tmp_path, key_file):
    other = tmp_path / "other"
    other.mkdir()
    text = data.read_text().replace("00000000-0000-4000-8000-0000000000", "11111111-0000-4000-8000-0000000000")
    (other / "data.json").write_text(text.replace('"device": "golden"', '"device": "other"'))
    _, forward = export(
        [data, other / "data.json"], tmp_path / "f.csv", "csv", "--pseudonymise", "--key-file", str(key_file)
    )
    _, backward = export(
        [other / "data.json", data], tmp_path / "b.csv", "csv", "--pseudonymise", "--key-file", str(key_file)
    )
    assert respondents(forward) == respondents(backward)
    names = respondents(forward)
    assert (
        names["00000000-0000-4000-8000-000000000001"]
        == names["11111111-0000-4000-8000-000000000001"]
        == pseudonym(KEY, "respondent", "Alice Jones")
    )
    _, golden = export([GOLDEN / "data.json"], tmp_path / "g.csv", "csv", "--pseudonymise", "--key-file", str(key_file))
    assert respondents(golden)["00000000-0000-4000-8000-000000000001"] == names["00000000-0000-4000-8000-000000000001"]


@pytest.mark.parametrize("secret", ["", "short", " " * 40 + "x" * 31 + "\n"])
def test_a_key_file_with_too_little_secret_is_refused(data, tmp_path, capsys, secret):
    key_file = tmp_path / "weak.key"
    key_file.write_text(secret)
    assert export([data], tmp_path / "x.csv", "csv", "--pseudonymise", "--key-file", str(key_file))[0] == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{key_file}: a pseudonym key needs at least 32 characters" in err
    assert not (tmp_path / "x.csv").exists()


def test_the_environment_key_overrides_the_default_file(data, tmp_path, monkeypatch, config):
    monkeypatch.setenv("VCF_TUI_PSEUDONYM_KEY", KEY)
    _, text = export([data], tmp_path / "x.csv", "csv", "--pseudonymise")
    assert respondents(text)["00000000-0000-4000-8000-000000000002"] == pseudonym(KEY, "respondent", "Bob Brown")
    assert not (config / "vcf-tui").exists()


def test_key_options_need_pseudonymise(data, tmp_path, key_file, capsys):
    assert export([data], tmp_path / "x.csv", "csv", "--key-file", str(key_file))[0] == 1
    assert "--pseudonymise" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_key_no_name_and_no_personal_answer_in_a_pseudonymised_export(data, tmp_path, key_file, fmt):
    code, text = export(
        [data],
        tmp_path / "x",
        fmt,
        "--pseudonymise",
        "--key-file",
        str(key_file),
        "--redact-names",
        str(GOLDEN / "names.txt"),
    )
    assert code == 0
    for secret in (KEY, LEGACY_KEY, "Alice", "alice", "Bob", "brown", "Sam Smith", "alice@example.org"):
        assert secret.lower() not in text.lower()
    if fmt != "markdown":
        assert "[person-1]" in text and "contact" not in text.replace("contact you", "")
    if fmt == "wide-csv":
        assert "contact" not in (tmp_path / "x.codebook.csv").read_text()


def test_redacted_names_are_numbered_by_the_list_and_whole_words_only():
    from vcf_tui.export.privacy import Redactor

    redactor = Redactor(["Bob Brown", "alice", "Bob"])
    assert (
        redactor.text("BOB  brown met Alice, not Aliceville; bob too.")
        == "[person-1] met [person-2], not Aliceville; [person-3] too."
    )
    assert redactor.record({"value": ["alice"], "note": "Bob", "question_id": "bob"}) == {
        "value": ["[person-2]"],
        "note": "[person-3]",
        "question_id": "bob",
    }


def test_redaction_reaches_notes_and_codings(data, tmp_path, key_file):
    _, text = export(
        [data],
        tmp_path / "x.json",
        "json",
        "--pseudonymise",
        "--key-file",
        str(key_file),
        "--redact-names",
        str(GOLDEN / "names.txt"),
    )
    answers = {a["question_id"]: a for a in json.loads(text)["sessions"][0]["answers"]}
    assert answers["why"]["note"] == "[person-1] was there"
    assert answers["why"]["codings"][0]["comment"] == "[person-1] again"
    assert answers["story[1].applied"]["value"] == "-used it with [person-2]"


def test_personal_answers_stay_in_a_plain_export_but_never_in_a_reading_pack(data, tmp_path):
    tables = json.loads(data.read_text())
    contact = next(a for a in tables["answers"].values() if a["question_id"] == "contact")
    contact.update(cycles=["immediate"], personal=True)  # as a round-1 record of a question now marked personal
    data.write_text(json.dumps(tables))
    assert "alice@example.org" in export([data], tmp_path / "x.csv", "csv")[1]
    pack = export([data], tmp_path / "x.md", "markdown")[1]
    assert "alice@example.org" not in pack and "Alice Jones" in pack


def test_a_question_marked_personal_is_personal():
    from vcf_tui.export.privacy import is_personal

    class Question:
        personal = True

    assert is_personal({}, Question()) and is_personal({"personal": True}, None)
    assert not is_personal({}, object()) and not is_personal({"personal": "no"}, None)


def test_bundled_contact_question_never_reaches_a_pseudonymised_export(tmp_path, key_file):
    session = {
        "session_id": "s-1",
        "instrument_id": "value-story-interview",
        "respondent": "P1",
        "status": "complete",
        "started_at": "2026-03-01T10:00:00Z",
    }
    answers = [
        {
            "answer_id": f"a-{qid}",
            "session_id": "s-1",
            "question_id": qid,
            "type": kind,
            "value": value,
            "cycles": ["immediate"],
            "story": None,
        }
        for qid, kind, value in (("can-contact", "single", "Yes"), ("contact-detail", "text", "alice@example.org"))
    ]
    data = tmp_path / "vsi.json"
    data.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema": 1, "file_id": "f-1"}},
                "sessions": {"1": session},
                "answers": {str(i): a for i, a in enumerate(answers, 1)},
                "codings": {},
            }
        )
    )
    os.chmod(data, 0o600)
    for fmt in FORMATS:
        code, text = export(
            [data],
            tmp_path / f"out-{fmt}",
            fmt,
            "--pseudonymise",
            "--key-file",
            str(key_file),
            "--instruments",
            str(tmp_path),
        )
        assert code == 0 and "alice@example.org" not in text
    assert "alice@example.org" not in export([data], tmp_path / "plain.md", "markdown")[1]
