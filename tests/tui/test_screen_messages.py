"""Screens are tested on their own: they post messages up and never call the app."""

from textual.app import App

from vcf_tui import session_setup as setup
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.home import HomeScreen
from vcf_tui.tui.screens.session import SessionScreen


class Bare(App[None], inherit_bindings=False):
    """Shows one screen and keeps every message the screens post (no app keys of its own)."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.first = screen
        self.posted: list = []

    def on_mount(self) -> None:
        self.push_screen(self.first)

    def on_home_screen_start(self, message) -> None:
        self.posted.append(message)

    def on_session_screen_finished(self, message) -> None:
        self.posted.append(message)

    def on_session_screen_leave(self, message) -> None:
        self.posted.append(message)

    def on_end_screen_chosen(self, message) -> None:
        self.posted.append(message)


async def test_session_screen_posts_leave_and_finished(store, mini):
    recorder = setup.begin(store, mini, "self", None)
    app = Bare(SessionScreen(recorder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        assert [type(m) for m in app.posted] == [SessionScreen.Leave]
        assert app.posted[0].screen is app.screen
        await pilot.press("2", "enter")  # no consent: the session ends
        assert isinstance(app.posted[-1], SessionScreen.Finished)
        assert app.posted[-1].status == "abandoned"


async def test_home_screen_posts_start(store, mini):
    app = Bare(HomeScreen([mini], [], str(store.path), []))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#respondent").value = "P4"
        await pilot.press("ctrl+t", "enter")
        (start,) = app.posted
        assert (start.request.instrument, start.request.mode, start.request.respondent) == (mini, "self", "P4")


async def test_end_screen_posts_the_choice(store):
    app = Bare(EndScreen("complete", "interview"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        assert [m.choice for m in app.posted] == ["quit"]
