"""The catalog: broken, hostile and clashing files in ./instruments never break listing, the home screen or export."""

from pathlib import Path

from textual.widgets import OptionList, Static

from vcf_tui.cli import main
from vcf_tui.export.sources import session_instruments
from vcf_tui.instrument import find_instruments, resolve_instrument
from vcf_tui.instrument.catalog import bundled_dir
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.home import HomeScreen

MINI = (Path(__file__).parent / "fixtures" / "mini.yaml").read_text()
ROOT = Path(__file__).resolve().parent.parent


def local_folder(tmp_path, monkeypatch, files: dict[str, str]) -> Path:
    folder = tmp_path / "instruments"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_broken_file_is_listed_with_its_first_error(tmp_path, monkeypatch, capsys):
    local_folder(
        tmp_path,
        monkeypatch,
        {
            "mine.yaml": MINI,
            "deep.yaml": "x: " + "[" * 900 + "]" * 900,
            "typo.yaml": MINI.replace("type: single", "typ: single", 2),
        },
    )
    assert main(["instruments"]) == 0
    out, err = capsys.readouterr()
    assert any(line.startswith("mini ") for line in out.splitlines())
    assert any(line.startswith("coach-cop-review ") for line in out.splitlines())
    lines = err.splitlines()
    assert "broken: instruments/deep.yaml:1:67: refused: nested more than 64 levels deep" in lines
    typo = next(line for line in lines if "typo.yaml" in line)
    assert typo == "broken: instruments/typo.yaml:13:9: missing required key 'type' in a question (and 4 more)"
    assert main(["validate", "instruments/typo.yaml"]) == 1
    assert "unknown key 'typ' in a question (did you mean 'type'?)" in capsys.readouterr().err


def test_a_local_instrument_with_a_bundled_id_is_reported_and_wins_by_id(tmp_path, monkeypatch, capsys):
    bundled = (bundled_dir() / "coach-cop-review.yaml").read_text()
    local_folder(tmp_path, monkeypatch, {"my-review.yaml": bundled.replace("title: ", "title: Local ", 1)})
    assert main(["instruments"]) == 0
    err = capsys.readouterr().err
    assert (
        f"instruments/my-review.yaml: same id 'coach-cop-review' as the bundled "
        f"{bundled_dir() / 'coach-cop-review.yaml'}; by id, this local file is used"
    ) in err
    assert resolve_instrument("coach-cop-review").title.startswith("Local ")


def test_two_local_files_with_one_id_are_reported(tmp_path, monkeypatch):
    local_folder(tmp_path, monkeypatch, {"a.yaml": MINI, "b.yaml": MINI})
    warnings = [e.warning() for e in find_instruments() if e.origin == "local"]
    assert warnings == [None, "instruments/b.yaml: same id 'mini' as instruments/a.yaml; give one of them another id"]


def test_in_the_checkout_each_bundled_instrument_is_listed_once(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # ./instruments is the bundled folder itself
    entries = find_instruments()
    paths = [e.path.resolve() for e in entries]
    assert len(paths) == len(set(paths)) == len(list(bundled_dir().glob("*.yaml")))
    assert all(e.warning() is None for e in entries)
    assert main(["instruments"]) == 0
    out = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in out[1:]]
    assert len(ids) == len(set(ids))


def test_export_skips_a_broken_or_hostile_instrument(tmp_path, monkeypatch):
    folder = local_folder(tmp_path, monkeypatch, {"mini.yaml": "a: &a [*a]", "deep.yaml": "{" * 3000})
    sessions = [{"session_id": f"s-{name}", "instrument_id": name} for name in ("mini", "deep")]
    assert session_instruments(sessions, [], folder) == {}


async def test_the_home_screen_lists_a_broken_file_as_text(tmp_path, monkeypatch):
    local_folder(tmp_path, monkeypatch, {"mine.yaml": MINI, "[bold]broken.yaml": "format: vcf-instrument/1\nid: x\n"})
    store = DataFile.open(tmp_path / "data.json")
    app = make_app(store, RunOptions())
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#instruments", OptionList).option_count == len(find_instruments()) - 1
        shown = [str(s.render()) for s in app.screen.query(".problem").results(Static)]
        assert shown == [
            "! broken: instruments/[bold]broken.yaml:1:1: missing required key 'framework' "
            "in the instrument (and 2 more)"
        ]
    store.close()
