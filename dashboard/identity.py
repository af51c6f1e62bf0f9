"""Who is using the dashboard: the signed-in identity, or nobody in particular.

With an `[auth]` section in `.streamlit/secrets.toml` (docs/deploy.md) the app is a team
server: every page asks for a login through Streamlit's OpenID Connect support (`st.login`)
first, the records name the identity's e-mail, and the role comes from `SOCIALKPI_ROLES`
entries for that e-mail or its groups (`workflows.roles.identity_role`), never from a name
typed in a form. Every write passes that role to the workflow, which refuses what the role
may not do, whatever the page showed.

Without `[auth]` the app is the embedded single-user default (`socialkpi serve` binds
127.0.0.1): no login, a typed name labels the records, and `SOCIALKPI_ROLES` by that name is
a convenience for a shared desk, not a control (the sidebar says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.i18n import _
from workflows.roles import identity_role


@dataclass(frozen=True)
class Identity:
    """A signed-in person: `name` is what records and the audit log name (the e-mail)."""

    name: str
    role: str
    display: str
    signed_in_at: str = ""  # the identity token's `iat` (the same on every page load)


def _auth_section() -> Any:
    """The `[auth]` section of the secrets (None without one, or without a secrets file)."""
    try:
        return st.secrets.get("auth", None)
    except Exception:  # no secrets file at all: the single-user default
        return None


def login_configured() -> bool:
    """Whether `.streamlit/secrets.toml` configures a login (`[auth]`)."""
    return bool(_auth_section())


def _provider(auth: Any) -> str | None:
    """The provider to log in with: the only named one (`[auth.<name>]`), else the default."""
    named = [k for k, v in dict(auth).items() if isinstance(v, dict) and "client_id" in v]
    return named[0] if len(named) == 1 else None


def _groups(user: Any) -> list[str]:
    value = user.get("groups") if hasattr(user, "get") else None
    if isinstance(value, str):
        return [value]
    return [str(g) for g in value or []]


def _identity() -> Identity | None:
    """The signed-in identity from `st.user` (read anew on every call: nothing a session
    holds can stand in for it); None when nobody is signed in."""
    info = st.user.to_dict()
    if info.get("is_logged_in") is not True:
        return None
    email = str(info.get("email") or "").strip()
    if not email or info.get("email_verified") is False:  # an unverified e-mail names nobody
        return None
    return Identity(
        name=email,
        role=identity_role(email, _groups(info)),
        display=str(info.get("name") or email),
        signed_in_at=_issued_at(info),
    )


def _issued_at(info: dict[str, Any]) -> str:
    from datetime import UTC, datetime

    issued = info.get("iat") or info.get("auth_time")
    try:
        return datetime.fromtimestamp(float(str(issued)), UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def signed_in() -> Identity | None:
    """The signed-in identity; None in single-user mode. Behind a login, a visitor who is
    not signed in (or whose sign-in gave no e-mail) sees the sign-in button and nothing
    else: the run stops here."""
    if not login_configured():
        return None
    identity = _identity()
    if identity is None:
        st.title("socialkpi")
        if st.user.to_dict().get("is_logged_in") is True:
            st.error(_("The sign-in gave no verified e-mail address, so no role can be given."))
            if st.button(_("Sign out"), key="identity_logout_noemail"):
                st.logout()
        else:
            st.write(_("Sign in to see your organisation's figures."))
            if st.button(_("Sign in"), type="primary", key="identity_login"):
                st.login(_provider(_auth_section()))
        st.stop()
    return identity


def acting(typed_name: str) -> tuple[str, str | None]:
    """Who writes and with which role: the signed-in identity and its role (whatever name
    was typed), else, in single-user mode, the typed name and None (the workflow reads
    SOCIALKPI_ROLES by that name). Behind a login with nobody signed in, nobody: the run
    stops."""
    if not login_configured():
        return typed_name, None
    identity = _identity()
    if identity is None:
        st.stop()
    return identity.name, identity.role


def name_input(key: str, container: Any = None) -> str:
    """The name a write is recorded under: the signed-in identity's (shown, not asked), or
    in single-user mode the name typed in a field."""
    place = container if container is not None else st
    if login_configured():
        identity = _identity()
        if identity is None:
            st.stop()
        place.caption(_("As {name}").format(name=identity.display))
        return identity.name
    return str(place.text_input(_("Your name"), key=key))


def role_of_writer(typed_name: str) -> str | None:
    """The signed-in identity's role; None in single-user mode (SOCIALKPI_ROLES by name)."""
    return acting(typed_name)[1]
