from __future__ import annotations

import pytest

from metrics.periods import Period
from metrics.status import find_target, progress, rag_status
from metrics.strategy_model import Kpi


def _kpi(metric: dict[str, object], targets: dict[str, float], **extra: object) -> Kpi:
    return Kpi.model_validate(
        {"id": "k", "name": "K", "metric": metric, "targets": targets, **extra}
    )


RATIO = {"type": "ratio", "numerator": "engagements", "denominator": "impressions"}
SUM = {"type": "sum", "measure": "impressions"}


@pytest.mark.parametrize(
    ("value", "target", "direction", "band", "status"),
    [
        (0.03, 0.03, "up", 0.1, "green"),
        (3 / 100, 0.03, "up", 0.1, "green"),
        (0.027, 0.03, "up", 0.1, "amber"),
        (0.0269, 0.03, "up", 0.1, "red"),
        (0.0269, 0.03, "up", 0.2, "amber"),
        (4.0, 4.0, "down", 0.1, "green"),
        (4.4, 4.0, "down", 0.1, "amber"),
        (4.41, 4.0, "down", 0.1, "red"),
        (-5.0, -10.0, "up", 0.1, "green"),
        (-10.5, -10.0, "up", 0.1, "amber"),
        (None, 3.0, "up", 0.1, "no_data"),
        (3.0, None, "up", 0.1, "no_target"),
        (None, None, "down", 0.1, "no_data"),
    ],
)
def test_rag_status(
    value: float | None, target: float | None, direction: str, band: float, status: str
) -> None:
    assert rag_status(value, target, direction, band) == status


def test_level_kpis_inherit_quarter_then_year() -> None:
    kpi = _kpi(RATIO, {"2026-Q4": 0.03, "2026": 0.04, "2026-11": 0.05})
    assert find_target(kpi, Period.parse("2026-11")).value == 0.05
    assert find_target(kpi, Period.parse("2026-10")).value == 0.03
    assert find_target(kpi, Period.parse("2026-10")).period == "2026-Q4"
    assert find_target(kpi, Period.parse("2026-03")).value == 0.04
    assert find_target(kpi, Period.parse("2026-Q1")).value == 0.04
    assert find_target(kpi, Period.parse("2026-W43")).value == 0.03
    assert find_target(kpi, Period.parse("2025-10")).value is None


@pytest.mark.parametrize(
    "metric_type", ["mean", "last", "growth", "derived", "median", "percentile"]
)
def test_every_level_type_inherits(metric_type: str) -> None:
    kpi = _kpi({"type": metric_type}, {"2026": 7})
    assert find_target(kpi, Period.parse("2026-05")).value == 7


@pytest.mark.parametrize("metric_type", ["sum", "count", "change"])
def test_additive_kpis_do_not_inherit(metric_type: str) -> None:
    kpi = _kpi({"type": metric_type}, {"2026-Q4": 30, "2026": 120})
    assert find_target(kpi, Period.parse("2026-10")).value is None
    assert find_target(kpi, Period.parse("2026-Q4")).value == 30


def test_cumulative_prorates_the_year_target() -> None:
    kpi = _kpi(SUM, {"2026": 1200, "2026-06": 500}, cumulative=True)
    october = find_target(kpi, Period.parse("2026-10"))
    assert october.value == pytest.approx(1000)
    assert (october.period, october.prorated) == ("2026", pytest.approx(10 / 12))
    assert find_target(kpi, Period.parse("2026-06")).value == 500  # written targets win
    assert find_target(kpi, Period.parse("2026-Q3")).value == pytest.approx(900)
    assert find_target(kpi, Period.parse("2026-W02")).value == pytest.approx(1200 * 11 / 365)
    assert find_target(kpi, Period.parse("2027-01")).value is None


def test_progress() -> None:
    assert progress(0.025, 0.02, 0.03) == pytest.approx(0.5)
    assert progress(4.0, 6.0, 2.0) == pytest.approx(0.5)  # down KPIs progress too
    assert progress(None, 0.02, 0.03) is None
    assert progress(0.025, None, 0.03) is None
    assert progress(0.025, 0.03, 0.03) is None
