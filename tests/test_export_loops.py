"""The csv's loop column and the matrix find loops the same way, whatever order the questionnaire gives."""

import csv
import io

from vcf_tui.analysis.matrix import matrix
from vcf_tui.cli import main
from vcf_tui.store import DataFile, read_tables


def test_the_csv_loop_column_agrees_with_the_matrix(tmp_path):
    """Steps answered realised first, then immediate: a loop back, though their ids sort the other way round."""
    path = tmp_path / "d.json"
    with DataFile.open(path) as store:
        store.put(
            "sessions",
            {"session_id": "s1", "instrument_id": "gone", "instrument_version": "1", "status": "complete"},
        )
        for cycle, at in (("realised", "2026-01-01T00:01:00Z"), ("immediate", "2026-01-01T00:02:00Z")):
            store.put(
                "answers",
                {
                    "answer_id": cycle,
                    "session_id": "s1",
                    "question_id": f"story[1].{cycle}",
                    "cycles": [cycle],
                    "value": f"a {cycle} step",
                    "type": "story",
                    "answered_at": at,
                    "story": {"section": "story", "instance": 1, "step": cycle},
                },
            )
    (story,) = matrix(read_tables(path)).stories
    assert story.cells["immediate"][0].loops_back
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "--format", "csv", "-o", str(out)]) == 0
    rows = {row["question_id"]: row["loop"] for row in csv.DictReader(io.StringIO(out.read_text(), newline=""))}
    assert rows == {"story[1].immediate": "yes", "story[1].realised": ""}  # the csv leaves a step without a loop blank
