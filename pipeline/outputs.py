"""Writing what a command produces without ever harming what it read.

An output that is the same file as an input or the archive (by inode, so a hard link or another
spelling of the path counts) is refused. Every output is written to a temporary file beside it
and renamed into place, so a failure part-way (a full disk) leaves no half-written file, and the
file that was there, if any, stays whole.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.errors import BaocaoError
from pipeline.store import printable


def shown_path(path: str) -> str:
    """A path as the user would type it: relative to here when it is below here; bytes of a name
    that are not UTF-8 as \\xe1, so printing it never fails."""
    try:
        return printable(str(Path(path).relative_to(Path.cwd())))
    except ValueError:
        return printable(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def replacing(out: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """A temporary path to write `out` to; renamed onto `out` when the block ends without error."""
    target = Path(out)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise BaocaoError(f"{out}: is the same file as the input {source}; choose another output file")
    if not target.parent.is_dir():
        raise BaocaoError(f"{out}: the folder {target.parent} does not exist; create it or choose another")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise BaocaoError(f"{out}: cannot write in {target.parent} ({exc.strerror})") from None
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise BaocaoError(f"{out}: could not be written ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
