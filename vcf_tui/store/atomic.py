"""Files opened without following links, and whole files written so that they are either old or new, never half.

No symlink, FIFO or device is ever followed or replaced: the data file, its
journal and temporary files are opened with O_NOFOLLOW (and O_NONBLOCK, so
that a FIFO cannot hang us, then a regular-file check); temporary files are
created with O_EXCL.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from vcf_tui.store.errors import StoreError

FILE_MODE = 0o600
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_LINK_ERRNOS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP), getattr(errno, "EFTYPE", errno.ELOOP)}


def _refuse(path: Path, what: str) -> StoreError:
    return StoreError(f"{path}: {what}; vcf-tui reads and writes only regular files, never through links")


def check_target(path: Path) -> None:
    """StoreError if ``path`` exists and is not a regular file (a symlink, FIFO, device or folder)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise _refuse(path, "is a symbolic link")
    if not stat.S_ISREG(mode):
        raise _refuse(path, "is not a regular file")


def open_regular(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    """``os.open`` that never follows a symlink at ``path`` nor blocks on a FIFO; only regular files pass."""
    try:
        fd = os.open(path, flags | NOFOLLOW | _NONBLOCK | BINARY, mode)
    except OSError as error:
        if error.errno in _LINK_ERRNOS and os.path.islink(path):
            raise _refuse(path, "is a symbolic link") from None
        if error.errno in (errno.ENXIO, errno.EISDIR):
            raise _refuse(path, "is not a regular file") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refuse(path, "is not a regular file")
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` and its stat, read through one descriptor.

    ``FileIO.readall`` makes one buffer of the file's size and fills it with the
    interpreter released (chunks joined would need twice the file's size; a
    zero-filled ``bytearray`` holds the interpreter while it is cleared, a
    stall of a tenth of a second at 500 MB for a TUI reading in a thread).
    """
    fd = open_regular(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as file:
            return file.readall(), info
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def tmp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _replace(tmp: Path, path: Path) -> None:
    """os.replace; on Windows a reader or a virus scanner may hold the target a moment, so retry briefly."""
    for attempt in range(20):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A new temporary file beside ``path`` (mode 0600) that is fsynced and renamed over ``path`` when the block
    ends without an error, and removed otherwise: ``path`` is written whole or not at all.

    Refuses (StoreError) a ``path`` that is a symlink, FIFO, device or folder,
    and a temporary path that exists already (say, a planted link).
    """
    check_target(path)
    tmp = tmp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY, FILE_MODE)
    except FileExistsError:
        raise _refuse(tmp, "exists already (left by another process, or a planted link)") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path)
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see ``atomic_file``)."""
    with atomic_file(path) as handle:
        handle.write(data)


def remove_stale_tmp(path: Path) -> None:
    """Remove temporary files left by a writer that died mid-write (a link is removed, never followed)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def write_at(fd: int, data: bytes, offset: int) -> None:
    """Write all of ``data`` at ``offset`` (a short write, say on a nearly full disk, is continued or fails)."""
    os.lseek(fd, offset, os.SEEK_SET)  # lseek + write rather than pwrite, which Windows lacks
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_at(fd: int, size: int, offset: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0 and (chunk := os.read(fd, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
