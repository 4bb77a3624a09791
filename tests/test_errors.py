"""How a message echoes a bad value (`routes.errors.shown`)."""

from __future__ import annotations

import pytest

from routes.errors import SHOWN_CHARS, shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("x" * 78, "'" + "x" * 78 + "'"),  # 80 characters with the quotes: shown whole
        ("x" * 79, "'" + "x" * 78 + "…"),  # one more: cut to 80
        ("two\nlines", "'two lines'"),  # a message stays on one line
        ({k: i for i, k in enumerate("abcdef")}, "{a: 0, b: 1, c: 2, d: 3, e: 4, ...}"),
        (list(range(6)), "[0, 1, 2, 3, 4, ...]"),
        (1.2345678901234567e20, "1.23457e+20"),  # a huge number in six digits
        (12345678.5, "12345678.5"),  # an ordinary one as written
        (-float("inf"), "-infinity"),
    ],
)
def test_a_value_is_shown_in_the_datas_words(value: object, text: str) -> None:
    assert shown(value) == text
    assert len(shown(value)) <= SHOWN_CHARS
