"""``export --format parquet`` from streamed records (``export.streamed``): rows one session at a time.

Each session's kept answers are placed as ``json_stream.StreamedExport``
places them (questionnaire order, personal answers left out when asked,
story loops), decoded and redacted as ``rows.flatten`` gives them, and turned
into the rows ``parquet.flat_columns`` gives; the session's answers are dropped
once its rows are made.
"""

from __future__ import annotations

from collections.abc import Iterator

from vcf_tui.export.json_stream import StreamedExport
from vcf_tui.export.parquet import Columns, session_columns
from vcf_tui.export.streamed import record_of


def streamed_columns(export: StreamedExport) -> Iterator[Columns]:
    """The rows of each session of ``export``, in order, as columns."""
    redactor = export.privacy.redactor
    for session, shown, looping in export.shown_sessions():
        answers = [redactor.record(record_of(answer[-1])) for answer in shown]
        yield session_columns(session, answers, export.questionnaire(session), looping)
