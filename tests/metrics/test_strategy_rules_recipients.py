"""`recipients:` of a strategy (who receives its report by e-mail) are checked addresses."""

from __future__ import annotations

import pytest

from metrics.problems import StrategyInvalid
from metrics.strategy import parse_strategy

BASE = """\
organisation: Lakeside
strategies:
  - id: main
    recipients: {recipients}
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: posts
        name: Posts
        metric: {{type: count, grain: post}}
"""


def test_recipients_are_read_as_a_list() -> None:
    sf = parse_strategy(BASE.format(recipients="ana@lakeside.example"), file="s.yaml")
    assert sf.strategies[0].recipients == ["ana@lakeside.example"]
    sf = parse_strategy(
        BASE.format(recipients="[ana@lakeside.example, 'Board <board@lakeside.example>']"),
        file="s.yaml",
    )
    assert sf.strategies[0].recipients == ["ana@lakeside.example", "Board <board@lakeside.example>"]


def test_a_wrong_address_is_refused_with_its_place() -> None:
    with pytest.raises(StrategyInvalid) as raised:
        parse_strategy(
            BASE.format(recipients="[ana@lakeside.example, ana.lakeside]"), file="s.yaml"
        )
    [problem] = raised.value.errors
    assert problem.code == "invalid_recipient"
    assert "recipient 'ana.lakeside' is not an e-mail address" in problem.message
    assert problem.line == 4
