"""The exceptions the library raises for user mistakes (bad data, bad usage)."""

from __future__ import annotations

import math
from collections.abc import Iterable


class RoutesError(Exception):
    """Base class for every error a user can fix; the message is one plain sentence."""


class DataError(RoutesError, ValueError):
    """A data file or feature is wrong; the CLI exits with code 1."""

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = problems or (message,)


class UsageError(RoutesError, ValueError):
    """An option or argument is wrong; the CLI exits with code 2."""


#: How many characters of a bad value a message echoes.
SHOWN_CHARS = 80


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A bad value as a message echoes it: in the data's own words (``null``, ``true``, quoted
    text, ``[...]``), nested structures cut short and the whole at most `limit` characters, so
    that a huge or self-repeating value (a YAML alias bomb) still gives a one-line message.

    >>> shown(None), shown(True), shown("truck"), shown(12.5), shown([1, [2, [3, [4]]]])
    ('null', 'true', "'truck'", '12.5', '[1, [2, [3, [...]]]]')
    >>> shown({"value": 1, "unit": "kb/d"})
    "{value: 1, unit: 'kb/d'}"
    >>> len(shown("x" * 500)) <= 80
    True
    >>> shown(float("inf")), shown(float("nan")), shown({"b", "a"}), shown(b"x")
    ('infinity', 'NaN', "['a', 'b']", 'binary data')
    """
    text = _shown(value, depth=0, budget=[limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: object, *, depth: int, budget: list[int]) -> str:
    # `budget` counts characters still wanted, so a wide or deep value stops being walked early.
    if budget[0] <= 0:
        return "…"
    if value is None:
        out = "null"
    elif isinstance(value, bool):
        out = "true" if value else "false"
    elif isinstance(value, str):
        cut = value if len(value) <= budget[0] else value[: budget[0]] + "…"
        out = "'" + cut.replace("\n", " ") + "'"
    elif isinstance(value, float) and not math.isfinite(value):
        # YAML's .inf and .nan, or a JSON number too large for a float (1e400).
        out = "NaN" if math.isnan(value) else "infinity" if value > 0 else "-infinity"
    elif isinstance(value, int | float):
        out = (
            repr(value)
            if isinstance(value, int)
            else f"{value:g}"
            if abs(value) >= 1e16
            else repr(value)
        )
    elif isinstance(value, set | frozenset):  # a YAML !!set
        out = _shown(sorted(value, key=str), depth=depth, budget=budget)
    elif isinstance(value, bytes):  # a YAML !!binary
        out = "binary data"
    elif isinstance(value, list | tuple | dict):
        if depth >= 3:
            out = "[...]" if not isinstance(value, dict) else "{...}"
        else:
            parts: list[str] = []
            items = list(value.items())[:5] if isinstance(value, dict) else list(value[:5])
            for item in items:
                if budget[0] <= 0:
                    break
                part = (
                    f"{item[0]}: {_shown(item[1], depth=depth + 1, budget=budget)}"
                    if isinstance(value, dict)
                    else _shown(item, depth=depth + 1, budget=budget)
                )
                budget[0] -= len(part) + 2
                parts.append(part)
            if len(parts) < len(value):
                parts.append("...")
            body = ", ".join(parts)
            out = f"{{{body}}}" if isinstance(value, dict) else f"[{body}]"
    elif hasattr(value, "isoformat"):
        out = str(value.isoformat())
    else:
        out = "a value of an unknown kind"
    return out


def closest(value: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close (or the
    value is no text: a list or a number is not a misspelling)."""
    return did_you_mean(closest_choice(value, choices))


def did_you_mean(match: str | None) -> str:
    return f" (did you mean '{match}'?)" if match is not None else ""


def closest_choice(value: object, choices: Iterable[str]) -> str | None:
    """The choice `value` most likely misspells (one it begins, else the closest), or None."""
    import difflib

    if not isinstance(value, str):
        return None
    options = list(choices)
    match = [c for c in options if value and c.startswith(value)][:1] or difflib.get_close_matches(
        value, options, n=1, cutoff=0.6
    )
    return match[0] if match else None
