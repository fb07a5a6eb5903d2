"""The kiosk PIN: kept only as a digest, with a growing wait after each wrong try."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable

FIRST_WAIT = 1.0  # seconds after the first wrong PIN; doubled after each further one
LONGEST_WAIT = 60.0


def pin_digest(pin: str) -> str:
    return hashlib.sha256(pin.encode()).hexdigest()


class PinGuard:
    """Checks PINs for one kiosk run; wrong tries make the next try wait 1 s, 2 s, 4 s ... up to a minute."""

    def __init__(self, digest: str, clock: Callable[[], float] | None = None) -> None:
        self.digest = digest
        self.clock = clock or time.monotonic
        self.wrong = 0
        self.open_at = 0.0

    def wait(self) -> int:
        """Whole seconds until the next try is allowed (0: now)."""
        return max(0, math.ceil(self.open_at - self.clock()))

    def check(self, pin: str) -> bool:
        """True for the right PIN; a wrong one (or any try while waiting) is refused."""
        if self.wait():
            return False
        if pin_digest(pin) == self.digest:
            self.wrong = 0
            return True
        self.wrong += 1
        self.open_at = self.clock() + min(LONGEST_WAIT, FIRST_WAIT * 2 ** (self.wrong - 1))
        return False
