"""Answer whatever step is on screen with the keys a person would press."""

from vcf_tui.tui.screens.session import SessionScreen


def keys_for(step) -> list[str]:
    if step.kind == "consent":
        return ["1", "enter"]
    if step.kind == "more":
        return ["2", "enter"]
    if step.kind == "story":
        return [*"a moment", "ctrl+s"]
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
