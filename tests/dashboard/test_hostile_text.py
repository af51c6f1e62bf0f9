"""What people and exports wrote is shown and downloaded as text (issue 14, hole 9).

The probes: an account named `<img src=...>` on the Platforms page made the browser fetch a
URL (the name went raw into `st.markdown`); a post text beginning with `=` came out of the
dashboard's CSV downloads (Streamlit's own table export) as a formula a spreadsheet runs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.cli_serve import sample_strategy_path, streamlit_command
from dashboard.components.plain_text import markdown_text
from data_contracts.pipeline import import_files
from reports.csv_text import csv_bytes
from warehouse.engine import open_database

REPO = Path(__file__).resolve().parents[2]
# an X account overview names no account: the one given is the account (a content export's
# links name its own, which wins)
OVERVIEW = REPO / "sample_data/exports/x/account_overview_analytics (1).csv"
HOSTILE = '<img src="http://127.0.0.1:9/x.png"> ![p](http://127.0.0.1:9/y.png) **b** :red[r] $x$'


def test_markdown_text_escapes_every_markup_character() -> None:
    assert markdown_text("a_b *c* [d](e) <f>\nnext") == (
        "a\\_b \\*c\\* \\[d\\]\\(e\\) \\<f\\> next"
    )
    assert markdown_text("Northwind Policy") == "Northwind Policy"


def test_the_platforms_page_shows_a_hostile_account_name_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    engine = open_database(url)
    [result] = import_files(engine, [OVERVIEW], account=HOSTILE)
    engine.dispose()
    assert result.status == "loaded"
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(sample_strategy_path()))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["period"] = "2026-10"
    at.run()
    at.switch_page("views/platforms_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    [card] = [m.value for m in at.markdown if m.value.startswith("**X**")]
    assert card == "**X** · " + (
        '\\<img src\\=\\"http\\:\\/\\/127\\.0\\.0\\.1\\:9\\/x\\.png\\"\\> '
        "\\!\\[p\\]\\(http\\:\\/\\/127\\.0\\.0\\.1\\:9\\/y\\.png\\) \\*\\*b\\*\\* "
        "\\:red\\[r\\] \\$x\\$"
    )
    # Streamlit's own table export (which wrote cells unescaped) is off in the app
    assert st.get_option("client.disableDataExport") is True


def test_serve_starts_streamlit_without_its_table_export() -> None:
    command = streamlit_command("127.0.0.1", 8599)
    at = command.index("--client.disableDataExport")
    assert command[at + 1] == "true"


def test_csv_downloads_escape_cells_a_spreadsheet_would_run() -> None:
    frame = pd.DataFrame(
        {
            "Post": ['=HYPERLINK("http://x","y")', "+1", "-cmd", "@SUM(A1)", "\tx", "fine"],
            "Impressions": [-3, 1, 2, 3, 4, 5],
            "=Header": ["a", "b", "c", "d", "e", None],
        }
    )
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with the mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Post", "Impressions", "'=Header"]
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x","y")',
        "'+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "fine",
    ]
    assert [r[1] for r in rows[1:]] == ["-3", "1", "2", "3", "4", "5"]  # numbers stay numbers
    assert rows[6][2] == ""
