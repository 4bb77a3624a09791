"""The exceptions the library raises for user mistakes (bad data, bad usage)."""

from __future__ import annotations


class RoutesError(Exception):
    """Base class for every error a user can fix; the message is one plain sentence."""


class DataError(RoutesError, ValueError):
    """A data file or feature is wrong; the CLI exits with code 1."""

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = problems or (message,)


class UsageError(RoutesError, ValueError):
    """An option or argument is wrong; the CLI exits with code 2."""
