"""Files rbtool writes (exports, --output) never destroy anything: not the previous file, not an input.

The text goes to a temporary file in the target's folder, is flushed to disk, and only then renamed over the
target, so a failed write (full disk, file size limit, an interrupt) leaves the previous file as it was.
Targets that are inputs are refused: the corpus and its -wal/-shm files, the source PDFs, and any existing
file that starts like a PDF or an SQLite database. Devices and pipes (/dev/stdout, /dev/full, a FIFO) are
written directly, since they cannot be renamed over.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterable

from rbtool.errors import OutputError, printable

# The first bytes of files rbtool reads and must never overwrite with an export.
INPUT_SIGNATURES = (b"%PDF-", b"SQLite format 3\x00")


def write_text(target: str | Path, produce: Callable[[IO], None], protected: Iterable[str | Path] = (),
               binary: bool = False) -> None:
    """Call `produce(file)` to write UTF-8 text (bytes when `binary`: a spreadsheet) to `target`, atomically;
    refuse inputs (`protected` paths)."""
    path = Path(target)
    where = printable(target)
    _refuse_inputs(path, protected, where)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", where) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError("is a folder; give a file name", where)
    try:
        if mode is not None and not stat.S_ISREG(mode):  # a device or a pipe: nothing to replace
            with open(path, *_mode(binary)) as fh:
                produce(fh)
            return
        _replace(path, produce, mode, binary)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", where) from None


def _mode(binary: bool) -> tuple:
    """open() arguments: bytes, or UTF-8 text with newlines as written."""
    return ("wb",) if binary else ("w", -1, "utf-8", None, "")


def _replace(path: Path, produce: Callable[[IO], None], mode: int | None, binary: bool = False) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"no such folder: {printable(folder)}", printable(path))
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, *_mode(binary)) as fh:
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _refuse_inputs(path: Path, protected: Iterable[str | Path], where: str) -> None:
    target = path.resolve()
    for item in protected:
        if Path(item).resolve() == target:
            raise OutputError("refusing to overwrite an input of rbtool (the corpus or a source PDF); "
                              "choose another file name", where)
    try:
        if not path.is_file():  # never opened to look: a FIFO would block
            return
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return
    if head.startswith(INPUT_SIGNATURES):
        kind = "a PDF" if head.startswith(b"%PDF-") else "an SQLite database"
        raise OutputError(f"refusing to overwrite {kind} with an export; choose another file name", where)
