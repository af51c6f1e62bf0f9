"""Arithmetic over KPI ids for `derived` metrics, parsed with `ast` and never `eval`."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {
    ast.UAdd: operator.pos,
    ast.USub: operator.neg,
}


class ExpressionError(ValueError):
    """The expression is not plain arithmetic over KPI ids and numbers."""


def _parse(expr: str) -> ast.expr:
    if not isinstance(expr, str) or not expr.strip():
        raise ExpressionError("the expression is empty")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"it does not parse ({exc.msg} at column {exc.offset})") from None
    return tree.body


def parse_expression(expr: str) -> set[str]:
    """The KPI ids `expr` refers to; raises ExpressionError for anything but + - * / ( )."""
    body = _parse(expr)
    names: set[str] = set()
    for node in ast.walk(body):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINARY:
                raise ExpressionError(
                    f"operator {type(node.op).__name__} is not allowed (only + - * /)"
                )
        elif isinstance(node, ast.UnaryOp):
            if type(node.op) not in _UNARY:
                raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise ExpressionError(f"constant {node.value!r} is not a number")
        elif isinstance(node, ast.operator | ast.unaryop | ast.expr_context):
            continue
        else:
            raise ExpressionError(
                f"{type(node).__name__} is not allowed: use KPI ids, numbers, + - * / and ( )"
            )
    return names


def evaluate(expr: str, values: Mapping[str, float | None]) -> float | None:
    """Value of `expr`; None when an input is None/missing or a divisor is 0."""
    parse_expression(expr)
    return _eval(_parse(expr), values)


def _eval(node: ast.expr, values: Mapping[str, float | None]) -> float | None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, int | float):
            return float(node.value)
        raise ExpressionError(f"constant {node.value!r} is not a number")
    if isinstance(node, ast.Name):
        value = values.get(node.id)
        return None if value is None else float(value)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return None if operand is None else _UNARY[type(node.op)](operand)
    if isinstance(node, ast.BinOp):
        left = _eval(node.left, values)
        right = _eval(node.right, values)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Div) and right == 0:
            return None
        return _BINARY[type(node.op)](left, right)
    raise ExpressionError(f"{type(node).__name__} is not allowed")
