"""What the command line prints, made safe to print: the CLI's standard streams go through here.

A report is text someone else wrote. A .txt may hold ESC or BEL, which a terminal obeys (colours,
cursor moves, a rewritten title bar), and a file name may hold bytes that are not UTF-8 (kept as
surrogate escapes), which no UTF-8 stream can encode. The archive keeps both as they were; only
what is printed is escaped. A stream that cannot take the output (a full disk, an encoding
without Vietnamese letters) ends the command with one line instead of a traceback.
"""
from __future__ import annotations

import errno
import io
import os
import sys

import click

# Control characters become their Unicode pictures (␛, ␇, …), C1 controls and the surrogate
# escapes of undecodable file-name bytes a visible \xNN. Tab and newline are layout, not data.
_VISIBLE = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE |= {code: f"\\x{code:02x}" for code in range(0x80, 0xA0)}
_VISIBLE |= {0xDC00 + byte: f"\\x{byte:02x}" for byte in range(0x80, 0x100)}


def printable(text: str) -> str:
    """`text` with every character a terminal would obey, or could not encode, made visible."""
    return text.translate(_VISIBLE)


class OutputError(click.ClickException):
    """The output stream refused what baocao wrote: one line on stderr, exit 2."""
    exit_code = 2

    def show(self, file=None) -> None:
        stderr = sys.__stderr__ or sys.stderr
        try:
            stderr.write(f"baocao: error: {self.message}\n")
            stderr.flush()
        except (OSError, ValueError):
            pass  # stderr is gone too: the exit code is all that is left to say it


class _SafeStream(io.TextIOBase):
    def __init__(self, stream, name: str):
        self._stream, self._name, self._broken = stream, name, False

    @property
    def encoding(self):
        return getattr(self._stream, "encoding", None)

    @property
    def errors(self):
        return getattr(self._stream, "errors", None)

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        safe = printable(text)  # bytes raise TypeError here: click probes streams that way
        if self._broken or not text:
            # click probes a stream with an empty write and ignores what that raises: a failure
            # there would be lost, so an empty write never reaches the stream.
            return 0
        try:
            self._stream.write(safe)
        except UnicodeEncodeError:
            self._fail()
            raise OutputError(f"the {self._name}'s encoding ({self.encoding}) cannot show Vietnamese letters; "
                              f"use a UTF-8 terminal, or set PYTHONIOENCODING=utf-8") from None
        except OSError as exc:
            self._failed_write(exc)
        return len(text)

    def flush(self) -> None:
        if self._broken:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._failed_write(exc)

    def _failed_write(self, exc: OSError) -> None:
        self._fail()
        if exc.errno == errno.EPIPE:
            # The reader stopped reading (`baocao reports | head`): what it wanted, it has.
            raise SystemExit(0)
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror or str(exc)
        raise OutputError(f"could not write to the {self._name}: {reason}") from None

    def _fail(self) -> None:
        """Drop the rest: what is buffered would fail again at exit, with a traceback of its own."""
        self._broken = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, io.UnsupportedOperation):
            pass  # not a real file descriptor (a test's capture): nothing is flushed at exit


def guard_streams() -> None:
    """Route the command's stdout and stderr through the escaping, failure-reporting wrapper."""
    if not isinstance(sys.stdout, _SafeStream):
        sys.stdout = _SafeStream(sys.stdout, "standard output")
    if not isinstance(sys.stderr, _SafeStream):
        sys.stderr = _SafeStream(sys.stderr, "standard error")
