"""No symlink, FIFO or device is followed or replaced: data path, journal, temporary files, export/merge outputs."""

import os

import pytest

from vcf_tui.cli import main
from vcf_tui.store import DataFile, StoreError, read_tables
from vcf_tui.store.atomic import tmp_path_for, write_atomic
from vcf_tui.store.follow import Follower
from vcf_tui.store.journal import journal_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs as on POSIX")


@pytest.fixture
def victim(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "precious.txt"
    target.write_text("do not touch")
    return target


def one_line_refusal(error, what):
    message = str(error.value)
    assert what in message and "\n" not in message
    return message


def test_a_link_at_the_data_path_is_refused(tmp_path, victim):
    path = tmp_path / "data.json"
    path.symlink_to(victim)
    with pytest.raises(StoreError) as error:
        DataFile.open(path)
    one_line_refusal(error, "data.json: is a symbolic link")
    for read in (read_tables, Follower):
        with pytest.raises(StoreError, match="is a symbolic link"):
            read(path)
    assert victim.read_text() == "do not touch"
    assert not journal_path(path).exists()


def test_a_link_at_the_journal_path_is_refused(tmp_path, victim):
    path = tmp_path / "data.json"
    DataFile.open(path).close()
    journal_path(path).symlink_to(victim)
    with pytest.raises(StoreError) as error:
        DataFile.open(path)
    one_line_refusal(error, "data.json.journal: is a symbolic link")
    with pytest.raises(StoreError, match="journal: is a symbolic link"):
        read_tables(path)
    assert victim.read_text() == "do not touch"


def test_a_dangling_link_at_the_journal_path_creates_nothing(tmp_path):
    path = tmp_path / "data.json"
    elsewhere = tmp_path / "elsewhere.txt"
    journal_path(path).symlink_to(elsewhere)
    with pytest.raises(StoreError, match="is a symbolic link"):
        DataFile.open(path)
    assert not elsewhere.exists() and not path.exists()


def test_a_fifo_at_the_data_or_journal_path_does_not_hang(tmp_path):
    path = tmp_path / "data.json"
    os.mkfifo(path)
    with pytest.raises(StoreError, match="is not a regular file"):
        DataFile.open(path)
    with pytest.raises(StoreError, match="is not a regular file"):
        read_tables(path)
    other = tmp_path / "other.json"
    DataFile.open(other).close()
    os.mkfifo(journal_path(other))
    with pytest.raises(StoreError, match="journal: is not a regular file"):
        DataFile.open(other)
    with pytest.raises(StoreError, match="journal: is not a regular file"):
        read_tables(other)


def test_a_link_planted_at_the_temporary_path_is_refused(tmp_path, victim):
    path = tmp_path / "data.json"
    tmp_path_for(path).symlink_to(victim)
    with pytest.raises(StoreError) as error:
        write_atomic(path, b"{}")
    one_line_refusal(error, "exists already")
    assert victim.read_text() == "do not touch" and not path.exists()
    assert tmp_path_for(path).is_symlink()  # not ours to remove


def test_write_atomic_never_replaces_a_link_or_fifo(tmp_path, victim):
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    with pytest.raises(StoreError, match=r"out\.csv: is a symbolic link"):
        write_atomic(link, b"x")
    assert link.is_symlink() and victim.read_text() == "do not touch"
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match=r"pipe\.csv: is not a regular file"):
        write_atomic(fifo, b"x")
    assert list(tmp_path.glob(".*.tmp")) == []


def test_export_and_merge_outputs_refuse_a_link(tmp_path, victim, capsys):
    path = tmp_path / "data.json"
    DataFile.open(path).close()
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    assert main(["export", str(path), "--format", "csv", "-o", str(link)]) == 1
    assert "is a symbolic link" in capsys.readouterr().err
    assert main(["merge", str(path), "-o", str(link), "--force"]) == 1
    err = capsys.readouterr().err
    assert "is a symbolic link" in err and "Traceback" not in err
    assert victim.read_text() == "do not touch"
