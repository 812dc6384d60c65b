"""The one error type users meet: a file that cannot be read, and why."""
from __future__ import annotations


class BaocaoError(Exception):
    """Base of every error baocao reports to users as a message, not a traceback."""


class ReadError(BaocaoError):
    """A file that cannot be read as a report. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):
        # An ingest worker hands its error back pickled; by default pickle rebuilds it from the
        # message alone, which this __init__ does not take, and the whole pool breaks.
        return ReadError, (self.path, self.problem)


class RuleError(BaocaoError):
    """A rule file that is malformed or holds a rule that can never fire."""
