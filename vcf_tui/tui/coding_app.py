"""`vcf-tui code`: read text answers and story steps and code them to cycles."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from vcf_tui.analysis import coding
from vcf_tui.cycles import cycle_label
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.export.rows import answer_text, load_instruments
from vcf_tui.store import DataFile, StoreError
from vcf_tui.text import one_line, printable
from vcf_tui.tui.widgets.badges import badges
from vcf_tui.tui.widgets.choices import ChoiceField


class CodingApp(App[None]):
    """Walks the passages; digits toggle cycles, each change saved at once."""

    CSS = """
    #status { background: $panel; text-style: bold; padding: 0 1; }
    #where, #asked { padding: 0 1; color: $text-muted; }
    #passage { height: 1fr; border: round $primary; padding: 0 1; }
    #cycles { height: auto; padding: 0 1; }
    #comment { margin: 0 1; }
    #message { color: $error; padding: 0 1; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("enter,right", "next", "Next"),
        Binding("pageup,left", "previous", "Back", priority=True),
        Binding("s", "next", "Skip", show=False),
        Binding("c", "comment", "Comment"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, store: DataFile, coder: str, passages: list[coding.Passage]) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.passages = passages
        self.index = 0
        meta = store.meta
        self.key = meta.get("pseudonym_key") or meta["file_id"]
        instruments = load_instruments({p.session.get("instrument_id", "") for p in passages})
        self.texts = {instrument_id: i.texts() for instrument_id, i in instruments.items()}

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield Static("", id="where", markup=False)
        yield Static("", id="asked", markup=False)
        with VerticalScroll(id="passage"):
            yield Static("", id="text", markup=False)
        yield ChoiceField([], multi=True, id="cycles")
        yield Input(placeholder="Comment on this coding (c to write, Enter to keep)", id="comment")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    @property
    def passage(self) -> coding.Passage | None:
        return self.passages[self.index] if 0 <= self.index < len(self.passages) else None

    def show(self) -> None:
        done = sum(1 for p in self.passages if coding.cycles_of(self.store.tables, p.answer_id, self.coder))
        status = one_line(f"Coding as {self.coder}: {done} of {len(self.passages)} passages coded")
        passage = self.passage
        if passage is None:
            self.query_one("#status", Static).update(status + "  (nothing to code with these filters)")
            return
        self.query_one("#status", Static).update(f"{status}  [passage {self.index + 1} of {len(self.passages)}]")
        who = pseudonym(self.key, "respondent", passage.session.get("respondent")) or "no respondent id"
        self.query_one("#where", Static).update(Text.assemble(
            one_line(f"{who}  {passage.session.get('instrument_id')}  {passage.answer['question_id']}  designed: "),
            badges(passage.designed, passage.session.get("framework"))))
        self.query_one("#asked", Static).update(printable(self._asked(passage)))
        self.query_one("#text", Static).update(printable(passage.answer.get("value")))
        chosen = sorted(coding.cycles_of(self.store.tables, passage.answer_id, self.coder))
        framework = passage.session.get("framework")
        options = [(c, cycle_label(c, framework)) for c in passage.framework_cycles]
        self.query_one(ChoiceField).set_options(options, multi=True, chosen=chosen)
        comments = [c["comment"] for c in coding.codings_of(self.store.tables, passage.answer_id, self.coder)
                    if c.get("comment")]
        self.query_one("#comment", Input).value = comments[0] if comments else ""
        self.query_one("#message", Static).update("")
        self.query_one(ChoiceField).focus()

    def _asked(self, passage: coding.Passage) -> str:
        text = answer_text(self.texts.get(passage.session.get("instrument_id", ""), {}), passage.answer)
        story = passage.answer.get("story")
        return f"Story {story['instance']}: {text}" if story and text else text

    @on(ChoiceField.Changed, "#cycles")
    def _toggled(self, event: ChoiceField.Changed) -> None:
        passage = self.passage
        if passage is None:
            return
        now_chosen = set(event.field.value)
        before = coding.cycles_of(self.store.tables, passage.answer_id, self.coder)
        comment = self.query_one("#comment", Input).value.strip() or None
        records = [coding.toggle(self.store.tables, passage, self.coder, cycle, comment)
                   for cycle in sorted(now_chosen ^ before)]
        try:
            self.store.put_many([("codings", r) for r in records])
        except StoreError as error:
            self.query_one("#message", Static).update(printable(f"! Not saved: {error}"))
            event.field.set_options(event.field.options, multi=True, chosen=sorted(before))
            return
        self.show()

    @on(Input.Submitted, "#comment")
    def _commented(self, event: Input.Submitted) -> None:
        passage = self.passage
        if passage is None:
            return
        records = coding.comment_on(self.store.tables, passage, self.coder, event.value.strip())
        if not records:
            self.query_one("#message", Static).update("! Tag a cycle first; the comment goes with the coding.")
            return
        try:
            self.store.put_many([("codings", r) for r in records])
        except StoreError as error:
            self.query_one("#message", Static).update(printable(f"! Not saved: {error}"))
            return
        self.query_one(ChoiceField).focus()

    def action_next(self) -> None:
        if self.focused is self.query_one("#comment", Input):
            return
        if self.index < len(self.passages) - 1:
            self.index += 1
            self.show()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.show()

    def action_comment(self) -> None:
        self.query_one("#comment", Input).focus()
