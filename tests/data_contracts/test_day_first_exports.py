"""A Meta post export written day first (`25/10/2026 13:15`, as a Spanish-UI or re-saved
file can be) imports with the same dates as its month-first twin: nothing quarantined,
nothing read the wrong way round."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select

from data_contracts.pipeline import import_files, validate_files
from warehouse.schema import posts

HEADER = [
    "Identificador de la publicación",
    "Identificador de la página",
    "Nombre de la página",
    "Título",
    "Hora de publicación",
    "Enlace permanente",
    "Tipo de publicación",
    "Fecha",
    "Visualizaciones",
    "Alcance",
    "Reacciones",
    "Comentarios",
    "Veces que se compartió",
]
DAYS = [1, 2, 7, 12, 13, 25, 31]  # ambiguous days first: only 13, 25 and 31 decide


def _write(path: Path, day_first: bool) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, day in enumerate(DAYS):
            when = f"{day:02d}/10/2026 09:{i:02d}" if day_first else f"10/{day:02d}/2026 09:{i:02d}"
            writer.writerow(
                [f"1827720132{i:06d}", "102938475610", "Fundación Andina", f"Informe {i}", when,
                 f"https://www.facebook.com/fundacionandina/posts/{i}", "Fotos", "De por vida",
                 1000 + i, 900 + i, 10 + i, i, 1]
            )  # fmt: skip
    return path


def _stored(engine: Engine) -> list[tuple[str, datetime, float]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(posts.c.post_id, posts.c.published_at, posts.c.impressions).order_by(
                posts.c.post_id
            )
        ).all()
    return [(r.post_id, r.published_at, r.impressions) for r in rows]


def test_day_first_dates_are_read_day_first(engine: Engine, tmp_path: Path) -> None:
    name = "Fundación Andina Oct-01-2026_Oct-31-2026.csv"
    day_first = _write(tmp_path / name, day_first=True)
    (result,) = import_files(engine, [day_first], timezone="America/Guatemala")
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("loaded", 7, 0)
    assert [when for _id, when, _v in _stored(engine)] == [
        datetime(2026, 10, day, 9, i) for i, day in enumerate(DAYS)
    ]


def test_month_first_twin_is_unchanged(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "mdy"
    folder.mkdir()
    twin = _write(folder / "Fundación Andina Oct-01-2026_Oct-31-2026.csv", day_first=False)
    (result,) = validate_files(engine, [twin], timezone="America/Guatemala")
    assert (result.status, result.rows_rejected) == ("loaded", 0)
    (result,) = import_files(engine, [twin], timezone="America/Guatemala")
    assert [when.day for _id, when, _v in _stored(engine)] == DAYS


def test_row_problems_name_the_column_as_the_file_writes_it(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "Fundación Andina Oct-01-2026_Oct-31-2026.csv", day_first=True)
    text = path.read_text(encoding="utf-8-sig").replace(",1003,903,", ",mucho,903,")
    path.write_text(text, encoding="utf-8-sig")
    (result,) = import_files(engine, [path], timezone="America/Guatemala")
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("partial", 6, 1)
    messages = [p["message"] for p in result.problems]
    assert any("row 5, column 'Visualizaciones': 'mucho'" in m for m in messages), messages
