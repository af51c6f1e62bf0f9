from __future__ import annotations

import pytest

from metrics.expressions import ExpressionError, evaluate, parse_expression


def test_names_and_evaluation() -> None:
    expr = "(reactions_total + 2 * comments) / posts_published - -1"
    assert parse_expression(expr) == {"reactions_total", "comments", "posts_published"}
    values = {"reactions_total": 10.0, "comments": 5.0, "posts_published": 4.0}
    assert evaluate(expr, values) == pytest.approx(6.0)


def test_missing_input_or_zero_divisor_is_none() -> None:
    assert evaluate("a / b", {"a": 1.0, "b": 0.0}) is None
    assert evaluate("a / b", {"a": 1.0, "b": None}) is None
    assert evaluate("a + b", {"a": 1.0}) is None
    assert evaluate("a / (b - b)", {"a": 1.0, "b": 3.0}) is None


@pytest.mark.parametrize(
    "expr",
    [
        "__import__('os').system('x')",
        "a ** 2",
        "a % 2",
        "a if b else c",
        "a.b",
        "f(a)",
        "'x'",
        "a < b",
        "",
        "a +",
    ],
)
def test_rejects_anything_but_arithmetic(expr: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(expr)
