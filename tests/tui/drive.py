"""Answer whatever step is on screen with the keys a person would press."""

from vcf_tui.steps import TEXT_STEPS, AnotherStoryStep, ConsentStep, TagStep, ToldStep
from vcf_tui.tui.screens.session import SessionScreen


def keys_for(step) -> list[str]:
    if isinstance(step, ConsentStep):
        return ["1", "enter"]
    if isinstance(step, AnotherStoryStep):
        return ["2", "enter"]
    if isinstance(step, ToldStep) and step.position > 1:
        return ["ctrl+s"]  # an empty step ends a told story
    if isinstance(step, TEXT_STEPS):
        return [*"a moment", "ctrl+s"]
    if isinstance(step, TagStep):
        return ["1", "enter"]
    question = step.question
    if question.type in ("single", "multi"):
        return ["1", "enter"]
    if question.type == "scale":
        middle = int((question.minimum + question.maximum) // 2)
        return [*str(middle), "enter"]
    if question.type == "number":
        return [*str(int(question.minimum or 0) + 1), "enter"]
    if question.type == "text":
        return [*"fine", "enter"]
    if question.type == "longtext":
        return [*"a long answer", "ctrl+s"]
    return ["enter"]


async def answer_all(app, pilot, limit: int = 200) -> int:
    """Answer every step until the session screen closes; returns how many steps were answered."""
    count = 0
    while isinstance(app.screen, SessionScreen) and count < limit:
        step = app.screen.recorder.current
        await pilot.press(*keys_for(step))
        count += 1
    return count


def bunch(app, keys) -> None:
    """Post ``keys`` to the app all at once, as a paste or a slow SSH link delivers them in one read."""
    from textual import events
    from textual.keys import _character_to_key

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        char = key if len(key) == 1 else {"space": " "}.get(key)
        app.post_message(events.Key(key, char))


def screen_text(app) -> str:
    """Every character the current screen shows (as the terminal would get it), without styles."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)
