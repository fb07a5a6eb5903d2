"""Keys in order: each key reaches the screen only after the previous one, and all it set off, is handled.

A paste ending in Enter, or keys bunched by a slow SSH link, arrive in one read. Textual would hand
them all to the widget focused *now*, before the Enter has moved the session to the next question,
so an answer could land under the wrong question. ``KeyGateApp`` holds keys (and pastes) in a queue
and lets the next one through only when the app and its current screen have no message left to
handle, and never before the first real screen is up.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

from textual import events
from textual.app import App, ReturnType
from textual.message_pump import MessagePump

QUIET_ROUNDS = 2  # rounds in a row in which no widget had anything waiting
LONGEST_WAIT = 3.0  # seconds: a screen that never settles still gets its keys (late rather than lost)


class KeyGateApp(App[ReturnType]):
    """An ``App`` that feeds typed keys and pastes to its screens one at a time."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key | events.Paste] = deque()
        self._feeding: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if isinstance(event, events.Key) and event.key == "ctrl+j":
                # Enter typed before the app took the terminal reaches it as a newline (the tty's ICRNL)
                event = events.Key("enter", "\r")
            self._held.append(event)
            if self._feeding is None:
                self._feeding = asyncio.create_task(self._feed())
            return
        await super().on_event(event)

    async def _feed(self) -> None:
        try:
            while self._held and self.is_running:  # no await between this test and the end: no key is left behind
                await self._quiet()
                if self.is_running:
                    self.call_later(self._let_through, self._held.popleft())
        finally:
            self._feeding = None

    async def _let_through(self, event: events.Key | events.Paste) -> None:
        await super().on_event(event)

    def _pumps(self) -> list[MessagePump]:
        return [self, *self.screen.walk_children(with_self=True)]

    def _screen_settled(self) -> bool:
        """A screen of ours is up (not Textual's blank first screen) and nothing waits anywhere.

        ``call_after_refresh`` callbacks (such as focusing the next answer box) wait on the screen
        until it has repainted, so they count as waiting too.
        """
        try:
            screen = self.screen
        except Exception:  # no screen yet
            return False
        return (
            screen.id != "_default"
            and screen.is_mounted
            and not screen._callbacks
            and all(pump.message_queue_size == 0 and not pump._next_callbacks for pump in self._pumps())
        )

    async def _quiet(self) -> None:
        """Wait until every message the app and the current screen hold, and all they set off, is handled."""
        quiet = 0
        give_up = time.monotonic() + LONGEST_WAIT
        while quiet < QUIET_ROUNDS and self.is_running and time.monotonic() < give_up:
            quiet = quiet + 1 if self._screen_settled() else 0
            await self._round()

    async def _round(self) -> None:
        """One message round trip through every pump (each handles what it already holds first)."""
        try:
            pumps = self._pumps()
        except Exception:
            await asyncio.sleep(0.01)
            return
        done = [asyncio.Event() for _ in pumps]
        waiting = [flag.wait() for pump, flag in zip(pumps, done, strict=True) if pump.call_later(flag.set)]
        if waiting:
            await asyncio.wait([asyncio.ensure_future(w) for w in waiting], timeout=1)
        else:
            await asyncio.sleep(0.01)
