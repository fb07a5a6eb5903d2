"""Which answers are personal (a name, an e-mail address): never shown to coders or counted in a tally.

An answer is personal when its record says ``personal: true`` or, for records written before the flag
existed, when its question is marked ``personal: true`` in the session's instrument (the one stored in the
data file, else the catalog's).
"""

from __future__ import annotations

from vcf_tui.export.privacy import is_personal
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.sources import session_instruments
from vcf_tui.store.datafile import Tables


def personal_answer_ids(tables: Tables) -> set[str]:
    """The ids of the personal answers in ``tables``."""
    sessions = list(tables["sessions"].values())
    instruments = session_instruments(sessions, list(tables.get("instruments", {}).values()))
    indexes = {session_id: Questionnaire(instrument) for session_id, instrument in instruments.items()}
    found = set()
    for answer in tables["answers"].values():
        questionnaire = indexes.get(str(answer.get("session_id")))
        question = questionnaire.question(answer) if questionnaire else None
        if is_personal(answer, question):
            found.add(str(answer.get("answer_id")))
    return found
