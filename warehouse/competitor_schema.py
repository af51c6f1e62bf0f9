"""Competitor observations (issue 16, migration 0014): one row per Page/account, platform
and period, as a competitor export or the competitor template reported it.

`competitor` is the Page as the export names it; `is_own` marks the organisation's own Page
(the export lists it among the competitors). `period_start` / `period_end` are the days the
figures cover: a calendar month for the template (a date stands for its month), the range
the admin chose for LinkedIn's export. `followers` is the count at the end of the period,
`new_followers`, `posts` and `engagements` happened within it; NULL = not reported. The
latest import of the same Page, platform and period wins; `import_id` is the export that
supplied the row.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Index, Integer, String, Table

from warehouse.schema import metadata

COMPETITOR_MEASURES: tuple[str, ...] = ("followers", "new_followers", "posts", "engagements")

competitor_observations = Table(
    "competitor_observations",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("competitor", String(200), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("period_end", Date, primary_key=True),
    Column("is_own", Boolean, nullable=False),
    *[Column(name, Float) for name in COMPETITOR_MEASURES],
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Index("ix_competitor_observations_period", "period_end", "platform"),
    Index("ix_competitor_observations_import_id", "import_id"),
)
