"""The coding screen: blind coding of one passage at a time, its details, and the story's review."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from vcf_tui.analysis import coding
from vcf_tui.analysis.story_reviews import review_of
from vcf_tui.cycles import CAPITALS, cycle_label
from vcf_tui.errors import VcfError
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.project.model import Project
from vcf_tui.store import DataFile
from vcf_tui.text import one_line, printable
from vcf_tui.tui.coding import details
from vcf_tui.tui.coding.keys import key_lines
from vcf_tui.tui.coding.passages import questionnaires, step_places
from vcf_tui.tui.widgets.badges import badges
from vcf_tui.tui.widgets.choices import ChoiceField

PROMPTS = {
    "comment": "Comment on this coding",
    "indicator": "Indicator this passage speaks to",
    "theme": "Theme",
    "memo": "Memo (your analytic note)",
    "note": "Note on the story's review",
}
BLIND = "(hidden until coded)"


class CodingScreen(Screen[None]):
    """Walks the passages; digits toggle cycles; letters set details; every change is saved at once."""

    DEFAULT_CSS = """
    CodingScreen #status { background: $panel; text-style: bold; padding: 0 1; }
    CodingScreen #where, CodingScreen #asked { padding: 0 1; color: $text-muted; }
    CodingScreen #passage { height: auto; max-height: 50%; border: round $primary; padding: 0 1; }
    CodingScreen #cycles { height: auto; padding: 0 1; }
    CodingScreen #details, CodingScreen #review { padding: 0 1; }
    CodingScreen #field { margin: 0 1; display: none; }
    CodingScreen #field.-editing { display: block; }
    CodingScreen #message { color: $error; padding: 0 1; }
    CodingScreen #evidence { padding: 0 1; }
    CodingScreen #choices { padding: 0 1; height: auto; max-height: 6; color: $text-muted; display: none; }
    CodingScreen #keys { dock: bottom; height: 2; background: $panel; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter,right", "next", "Next"),
        Binding("pageup,left", "previous", "Back", priority=True),
        Binding("s", "next", "Skip", show=False),
        Binding("k", "capital", "Capital"),
        Binding("i", "edit('indicator')", "Indicator"),
        Binding("t", "edit('theme')", "Theme"),
        Binding("f", "confidence", "Confidence"),
        Binding("m", "edit('memo')", "Memo"),
        Binding("c", "edit('comment')", "Comment"),
        Binding("r", "review_status", "Review"),
        Binding("p", "plausibility", "Plausibility"),
        Binding("n", "edit('note')", "Review note"),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(
        self,
        store: DataFile,
        coder: str,
        passages: list[coding.Passage],
        pseudonym_key: str,
        project: Project | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.passages = passages
        self.index = 0
        self.key = pseudonym_key
        self.project = project
        self.editing: str | None = None
        self.questionnaires = questionnaires(store.tables, passages)
        self.places = step_places(store.tables)
        self.indicators = {i.id.casefold(): i for i in project.indicators} if project else {}

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield Static("", id="where", markup=False)
        yield Static("", id="asked", markup=False)
        with VerticalScroll(id="passage"):
            yield Static("", id="text", markup=False)
        yield Static("", id="evidence", markup=False)
        yield ChoiceField([], multi=True, id="cycles")
        yield Static("", id="details", markup=False)
        yield Static("", id="review", markup=False)
        indicators = [i.id for i in self.indicators.values()]
        yield Static("", id="choices", markup=False)
        yield Input(id="field", suggester=SuggestFromList(indicators, case_sensitive=False) if indicators else None)
        yield Static("", id="message", markup=False)
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        self.show()

    @property
    def passage(self) -> coding.Passage | None:
        return self.passages[self.index] if 0 <= self.index < len(self.passages) else None

    @property
    def tables(self) -> Any:
        return self.store.tables

    def show(self, message: str = "") -> None:
        done = sum(1 for p in self.passages if coding.cycles_of(self.tables, p.answer_id, self.coder))
        status = one_line(f"Coding as {self.coder}: {done} of {len(self.passages)} passages coded")
        passage = self.passage
        self._show_keys()
        if passage is None:
            self.query_one("#status", Static).update(status + "  (nothing to code with these filters)")
            return
        self.query_one("#status", Static).update(f"{status}  [passage {self.index + 1} of {len(self.passages)}]")
        chosen = sorted(coding.cycles_of(self.tables, passage.answer_id, self.coder))
        framework = passage.session.get("framework")
        who = pseudonym(self.key, "respondent", passage.session.get("respondent")) or "no respondent id"
        designed = badges(passage.designed, framework) if self._revealed(passage) else Text(BLIND, style="italic")
        story = details.story_of(passage)
        wave = passage.session.get("wave") or "-"
        tagged = "tagged" if story is not None else "designed for"
        self.query_one("#where", Static).update(
            Text.assemble(
                one_line(f"{who}  {passage.session.get('instrument_id')}  wave: {wave}  {tagged}: "), designed
            )
        )
        self.query_one("#asked", Static).update(Text(printable(self._asked(passage))))
        self.query_one("#text", Static).update(Text(printable(passage.answer.get("value"))))
        options = [(c, cycle_label(c, framework)) for c in passage.framework_cycles]
        self.query_one(ChoiceField).set_options(options, multi=True, chosen=chosen)
        self.query_one("#details", Static).update(details.details_line(self.tables, passage, self.coder))
        evidence = self.query_one("#evidence", Static)
        evidence.display = story is not None
        evidence.update(Text(one_line(f"Evidence: {passage.answer.get('evidence_text') or '(none given)'}")))
        review = self.query_one("#review", Static)
        review.display = story is not None
        if story is not None:
            review.update(details.review_line(self.tables, story))
        self.query_one("#message", Static).update(Text(printable(message)))
        self.refresh_bindings()
        if self.editing is None:
            self.query_one(ChoiceField).focus()

    def _revealed(self, passage: coding.Passage) -> bool:
        """The coder has coded this passage (even if since un-coded): its designed cycle can be shown."""
        codings = self.tables["codings"]
        return any(coding.coding_id(passage.answer_id, self.coder, c) in codings for c in passage.framework_cycles)

    def _asked(self, passage: coding.Passage) -> str:
        questionnaire = self.questionnaires.get(passage.session["session_id"])
        text = questionnaire.text(passage.answer) if questionnaire else ""
        if not text:
            return "(this question's text is in neither the file's instruments table nor the catalog)"
        story = passage.answer.get("story")
        if not isinstance(story, dict):
            return text
        place = self.places.get(passage.answer_id)
        step = f", step {place[0]} of {place[1]}" if place else ""
        return f"Story {story.get('instance')}{step}: {text}"

    def _save(self, table: str, records: list[dict[str, Any]]) -> bool:
        try:
            self.store.put_many([(table, r) for r in records])
        except VcfError as error:
            self.show(f"! Not saved: {error}")
            return False
        return True

    @on(ChoiceField.Changed, "#cycles")
    def _toggled(self, event: ChoiceField.Changed) -> None:
        passage = self.passage
        if passage is None:
            return
        before = coding.cycles_of(self.tables, passage.answer_id, self.coder)
        changed = sorted(set(event.field.value) ^ before)
        if self._save("codings", [coding.toggle(self.tables, passage, self.coder, cycle) for cycle in changed]):
            self.show()

    def _set_detail(self, name: str, value: Any) -> None:
        passage = self.passage
        if passage is None:
            return
        try:
            records = details.detail_records(self.tables, passage, self.coder, name, value)
        except VcfError as error:
            self.show(f"! {error}")
            return
        if self._save("codings", records):
            self.show()

    def _set_review(self, name: str, value: Any) -> None:
        story = details.story_of(self.passage) if self.passage else None
        if story is None:
            return
        if self._save("story_reviews", [details.review_record(self.tables, story, self.coder, name, value)]):
            self.show()

    def action_capital(self) -> None:
        if self.passage:
            old = details.current(self.tables, self.passage, self.coder, "capital")
            self._set_detail("capital", details.following(CAPITALS, old))

    def action_confidence(self) -> None:
        if self.passage:
            old = details.current(self.tables, self.passage, self.coder, "confidence")
            self._set_detail("confidence", details.following(details.CONFIDENCES, old))

    def action_review_status(self) -> None:
        story = details.story_of(self.passage) if self.passage else None
        self._set_review("status", details.next_status(self.tables, story) if story else None)

    def action_plausibility(self) -> None:
        story = details.story_of(self.passage) if self.passage else None
        old = (review_of(self.tables, story) or {}).get("plausibility") if story else None
        self._set_review("plausibility", details.following(details.PLAUSIBILITIES, old))

    def action_edit(self, name: str) -> None:
        passage = self.passage
        if passage is None:
            return
        if name == "note":
            story = details.story_of(passage)
            value = (review_of(self.tables, story) or {}).get("note") if story else None
        else:
            value = details.current(self.tables, passage, self.coder, name)
        self.editing = name
        field = self.query_one("#field", Input)
        field.placeholder = PROMPTS[name] + " (Enter to save, Escape to cancel)"
        field.value = "" if value is None else str(value)
        field.add_class("-editing")
        field.focus()
        self._show_choices(name == "indicator")
        self._show_keys()

    def _show_keys(self) -> None:
        passage = self.passage
        story = passage is not None and details.story_of(passage) is not None
        cycles = len(passage.framework_cycles) if passage else 0
        self.query_one("#keys", Static).update(key_lines(cycles, self.editing, story))

    def _show_choices(self, shown: bool) -> None:
        """The project's indicators to choose from, while an indicator is being written."""
        choices = self.query_one("#choices", Static)
        choices.display = shown and bool(self.indicators)
        choices.update(
            Text("\n".join(one_line(f"{i.id}  ({i.cycle or '-'})  {i.text or ''}") for i in self.indicators.values()))
        )

    @on(Input.Submitted, "#field")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip() or None
        if self.editing == "indicator" and value and self.indicators:
            known = self.indicators.get(value.casefold())
            if known is None:
                self.query_one("#message", Static).update(
                    Text(one_line(f"! {value} is not one of this project's indicators: choose one listed above"))
                )
                return
            value = known.id
        name, self.editing = self.editing, None
        event.input.remove_class("-editing")
        self._show_choices(False)
        if name == "note":
            self._set_review("note", value)
        elif name == "comment":
            self._comment(value)
        elif name:
            self._set_detail(name, value)
        self.query_one(ChoiceField).focus()

    def _comment(self, value: str | None) -> None:
        passage = self.passage
        if passage is None:
            return
        records = coding.comment_on(self.tables, passage, self.coder, value or "")
        if not records:
            self.show("! Tag a cycle first; the comment goes with the coding.")
        elif self._save("codings", records):
            self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a field is being written, the arrow keys and Enter belong to it; reviews only for story steps."""
        if action in ("review_status", "plausibility") or (action == "edit" and parameters == ("note",)):
            return self.passage is not None and details.story_of(self.passage) is not None
        return self.editing is None or action not in ("next", "previous")

    def action_cancel(self) -> None:
        self.editing = None
        self.query_one("#field", Input).remove_class("-editing")
        self._show_choices(False)
        self._show_keys()
        self.query_one(ChoiceField).focus()

    def action_next(self) -> None:
        if self.index < len(self.passages) - 1:
            self.index += 1
            self.show()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.show()
