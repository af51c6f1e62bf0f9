"""`socialkpi serve` on an address others can reach, without a login, says so (issue 14):
the single-user default is meant for 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import cli_serve


class Replaced(Exception):
    """Raised by the stand-in for os.execve: the process would have become Streamlit."""


@pytest.mark.parametrize(
    ("host", "auth", "warned"),
    [("0.0.0.0", False, True), ("0.0.0.0", True, False), ("127.0.0.1", False, False)],
)
def test_serving_beyond_this_computer_without_a_login_warns(
    host: str,
    auth: bool,
    warned: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nclient_id = "x"\n' if auth else 'other = "y"\n', encoding="utf-8")
    monkeypatch.setattr(cli_serve, "secrets_files", lambda: [tmp_path / "missing.toml", secrets])

    def execve(*_: object) -> None:
        raise Replaced

    monkeypatch.setattr(cli_serve.os, "execve", execve)
    with pytest.raises(Replaced):
        cli_serve.launch_dashboard(host=host, port=8599, db_url="sqlite://", strategy=None)
    err = capsys.readouterr().err
    if warned:
        assert err.strip() == (
            "Warning: listening on 0.0.0.0 without a login: anyone who can reach this address "
            "reads and changes everything. Configure a login (docs/deploy.md) or serve on "
            "127.0.0.1."
        )
    else:
        assert "without a login" not in err
