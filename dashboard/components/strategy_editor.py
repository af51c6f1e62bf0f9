"""Strategy editing on the Strategy page: which strategy is in force, the edit forms (targets,
KPI and objective details; for admins: add objective, add KPI, retire / reinstate) and the
version history with YAML download and upload.

Every change goes through workflows.strategy_versions (roles checked there, not only here);
this module only collects the inputs and shows the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components.plain_text import markdown_text
from dashboard.components.problems import problems_table
from dashboard.formatting import format_datetime, format_period, format_value
from dashboard.i18n import _
from dashboard.identity import acting, login_configured, name_input, role_of_writer
from dashboard.refusals import ROLE_NAMES
from dashboard.roles_messages import roles_error_markdown
from metrics.periods import Period
from metrics.problems import StrategyInvalid
from metrics.strategy_edits import (
    AddKpi,
    AddObjective,
    Change,
    EditKpi,
    EditObjective,
    EditOp,
    RetireKpi,
    RetireObjective,
    SetTargets,
)
from metrics.strategy_model import (
    ALL_PLATFORMS,
    ConeElement,
    Direction,
    Frequency,
    Grain,
    Level,
    MetricType,
    StrategyFile,
    Unit,
)
from workflows.roles import RolesInvalid, configured_role, roles_configured

# The editor's vocabulary is the model's (typing.get_args), never a copy of it.
UNITS: tuple[str, ...] = get_args(Unit)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
FREQUENCIES: tuple[str, ...] = get_args(Frequency)
LEVELS: tuple[str, ...] = ("", *get_args(Level))
CONE: tuple[str, ...] = ("", *get_args(ConeElement))
METRIC_TYPES: tuple[str, ...] = get_args(MetricType)
GRAINS: tuple[str, ...] = ("", *get_args(Grain))
FLASH = "strategy_editor_flash"


# --- which strategy is in force ---------------------------------------------------------


def source_notice(source: Any) -> bool:
    """Say where the strategy in force comes from; True when edits here take effect."""
    if source.kind == "warehouse":
        st.caption(
            _("In force: strategy version {version}, kept in the database.").format(
                version=source.version_id
            )
        )
        return True
    if source.kind == "sample":
        st.caption(
            _(
                "In force: the sample strategy. The first edit saved here becomes the "
                "strategy in force."
            )
        )
        return True
    st.warning(
        _(
            "In force: the file {path}, which overrides the versions kept in the database "
            "(--strategy, SOCIALKPI_STRATEGY or ./strategy.yaml). To edit in the app, import "
            "it below as a version, then stop using the file."
        ).format(path=source.path)
    )
    return False


# --- outcome of an edit -----------------------------------------------------------------


def change_text(change: Change, sf: StrategyFile | None = None) -> str:
    """One change in the reader's language."""
    unit = None
    if sf is not None and change.kpi_id:
        try:
            unit = sf.kpi(change.kpi_id).unit
        except KeyError:
            unit = None
    what = change.kpi_id or change.objective_id or ""
    templates = {
        "objective_added": _("Objective {what} added"),
        "objective_removed": _("Objective {what} removed"),
        "objective_retired": _("Objective {what} retired from {new}"),
        "objective_reinstated": _("Objective {what} reinstated"),
        "objective_field": _("Objective {what}: {field} changed from “{old}” to “{new}”"),
        "kpi_added": _("KPI {what} added"),
        "kpi_removed": _("KPI {what} removed"),
        "kpi_retired": _("KPI {what} retired from {new}"),
        "kpi_reinstated": _("KPI {what} reinstated"),
        "kpi_field": _("KPI {what}: {field} changed from “{old}” to “{new}”"),
        "kpi_definition": _("KPI {what}: definition changed ({field})"),
        "target": _("KPI {what}: target for {period} {old} → {new}"),
        "baseline": _("KPI {what}: baseline {old} → {new}"),
        "settings": _("Setting {field} changed"),
    }
    template = templates.get(change.kind)
    if template is None:
        return change.describe()
    if change.kind == "target":
        old, new = format_value(change.old, unit), format_value(change.new, unit)
    else:
        old = "–" if change.old in (None, "") else str(change.old)
        new = "–" if change.new in (None, "") else str(change.new)
    return template.format(
        what=what,
        field=change.field or "",
        period=format_period(change.period) if change.period else "",
        old=old,
        new=new,
    )


def _show_refusal(exc: StrategyInvalid) -> None:
    st.error(_("Not saved: {count} problem(s).").format(count=len(exc.errors)))
    st.dataframe(problems_table(exc.errors), hide_index=True, width="stretch")


def flash() -> None:
    """The message of the edit or import saved just before this run, once."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message)


def save_edit(op: EditOp, *, author: str, reason: str) -> None:
    """Apply one edit to the strategy in force, from any page (the Monthly review's target
    change): a new version on success (rerun with a message for `flash`), else why not."""
    stamp = loaders.strategy_version_stamp()
    _save(op, author=author, reason=reason, expected=stamp[0] if stamp is not None else 0)


def _save(op: EditOp, *, author: str, reason: str, expected: int) -> None:
    """Apply the edit as a new version; on success rerun with a message, else show why."""
    from workflows.strategy_versions import apply_edit

    if not author.strip() or not reason.strip():
        st.error(_("Give your name and a reason."))
        return
    author, role = acting(author)  # behind a login: the signed-in identity and its role
    _saved(
        lambda: apply_edit(
            loaders.engine(),
            op,
            author=author,
            reason=reason,
            role=role,
            expected_version=expected,
        )
    )


def _saved(save: Callable[[], Any]) -> None:
    """Run one save (an edit or an import); on success rerun with its message for `flash`,
    else show why nothing was saved."""
    try:
        saved = save()
    except StrategyInvalid as exc:
        _show_refusal(exc)
        return
    except RolesInvalid as exc:
        st.error(roles_error_markdown(exc))
        return
    st.session_state[FLASH] = _("Saved as strategy version {version}.").format(
        version=saved.version_id
    )
    st.rerun()


# --- the edit section -------------------------------------------------------------------


def _kpi_label(sf: StrategyFile) -> dict[str, str]:
    labels = {}
    for objective in sf.objectives:
        for kpi in objective.kpis:
            retired = f" · {_('retired from {period}').format(period=kpi.retired)}"
            labels[kpi.id] = f"{kpi.name} ({objective.name})" + (retired if kpi.retired else "")
    return labels


def _index(options: tuple[str, ...] | list[str], value: str | None) -> int:
    return options.index(value) if value in options else 0


def edit_section(sf: StrategyFile, *, period: str, key: str = "strategy_edit") -> None:
    """The edit forms; shows the author's role and only the forms that role may use."""
    stamp = loaders.strategy_version_stamp()
    expected = stamp[0] if stamp is not None else 0
    author = name_input(f"{key}_author")
    if not author.strip():
        st.info(_("Give your name to edit: every change is kept with its author and reason."))
        return
    try:
        role = role_of_writer(author) or configured_role(author)
    except RolesInvalid as exc:
        st.error(roles_error_markdown(exc))
        return
    st.caption(_("Your role: {role}").format(role=_(ROLE_NAMES[role])))
    if not roles_configured() and not login_configured():
        st.caption(
            _(
                "SOCIALKPI_ROLES is not set, so everybody who gives a name is an admin "
                "(see docs/strategy.md)."
            )
        )
    if role == "viewer":
        st.info(_("Viewers cannot edit the strategy. Ask an admin to give you a role."))
        return

    names = [_("Targets"), _("KPI details"), _("Objective details")]
    if role == "admin":
        names += [_("Add objective"), _("Add KPI"), _("Retire or reinstate")]
    tabs = st.tabs(names)
    kpi_labels = _kpi_label(sf)
    with tabs[0]:
        _targets_form(sf, kpi_labels, author=author, expected=expected, key=f"{key}_targets")
    with tabs[1]:
        _kpi_form(sf, kpi_labels, author=author, expected=expected, key=f"{key}_kpi")
    with tabs[2]:
        _objective_form(sf, author=author, expected=expected, key=f"{key}_objective")
    if role == "admin":
        with tabs[3]:
            _add_objective_form(sf, author=author, expected=expected, key=f"{key}_addobj")
        with tabs[4]:
            _add_kpi_form(sf, author=author, expected=expected, key=f"{key}_addkpi")
        with tabs[5]:
            _retire_form(
                sf, kpi_labels, period=period, author=author, expected=expected, key=f"{key}_retire"
            )


def _pick_kpi(sf: StrategyFile, labels: dict[str, str], key: str) -> Any:
    """The KPI a form edits, chosen by its label; None (and a notice) when there is none."""
    if not labels:
        st.info(_("This strategy has no KPIs yet."))
        return None
    kpi_id = st.selectbox(_("KPI"), list(labels), format_func=labels.__getitem__, key=f"{key}_kpi")
    return sf.kpi(kpi_id)


def _targets_form(
    sf: StrategyFile, labels: dict[str, str], *, author: str, expected: int, key: str
) -> None:
    kpi = _pick_kpi(sf, labels, key)
    if kpi is None:
        return
    kpi_id = kpi.id
    frame = pd.DataFrame(
        {
            "period": pd.Series(list(kpi.targets), dtype=object),
            "target": pd.Series(list(kpi.targets.values()), dtype=float),
        }
    )
    with st.form(f"{key}_form"):
        st.caption(
            _(
                "One row per period: 2026-10, 2026-Q4, 2026 or 2026-W43. Percentages as "
                "fractions (4.5% is 0.045). Delete a row to drop its target."
            )
        )
        edited = st.data_editor(
            frame,
            num_rows="dynamic",
            hide_index=True,
            key=f"{key}_table_{kpi_id}",
            column_config={
                "period": st.column_config.TextColumn(_("Period"), required=True),
                "target": st.column_config.NumberColumn(_("Target"), format="%.4g"),
            },
        )
        left, right = st.columns(2)
        baseline_period = left.text_input(
            _("Baseline period"),
            value=kpi.baseline.period if kpi.baseline else "",
            key=f"{key}_bp_{kpi_id}",
        )
        baseline_value = right.number_input(
            _("Baseline value (empty: measured from the data)"),
            value=kpi.baseline.value if kpi.baseline else None,
            format="%.6g",
            key=f"{key}_bv_{kpi_id}",
        )
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Save targets")):
            targets: dict[str, float | None] = {}
            for row in edited.itertuples():
                text = "" if pd.isna(row.period) else str(row.period).strip()
                value = None if pd.isna(row.target) else float(row.target)
                if text or value is not None:
                    targets[text] = value
            baseline = (
                (baseline_period.strip(), baseline_value) if baseline_period.strip() else None
            )
            op = SetTargets(
                kpi_id,
                targets,
                baseline=baseline,
                clear_baseline=not baseline_period.strip() and kpi.baseline is not None,
            )
            _save(op, author=author, reason=reason, expected=expected)


def _kpi_form(
    sf: StrategyFile, labels: dict[str, str], *, author: str, expected: int, key: str
) -> None:
    kpi = _pick_kpi(sf, labels, key)
    if kpi is None:
        return
    kpi_id = kpi.id
    with st.form(f"{key}_form"):
        values: dict[str, Any] = {
            "name": st.text_input(_("Name"), value=kpi.name, key=f"{key}_name_{kpi_id}"),
            "description": st.text_area(
                _("Description"), value=kpi.description or "", key=f"{key}_desc_{kpi_id}"
            ),
            "owner": st.text_input(_("Owner"), value=kpi.owner or "", key=f"{key}_owner_{kpi_id}"),
            "source": st.text_input(
                _("Source"), value=kpi.source or "", key=f"{key}_source_{kpi_id}"
            ),
        }
        columns = st.columns(4)
        values["frequency"] = columns[0].selectbox(
            _("Frequency"), FREQUENCIES, _index(FREQUENCIES, kpi.frequency), key=f"{key}_f_{kpi_id}"
        )
        values["unit"] = columns[1].selectbox(
            _("Unit"), UNITS, _index(UNITS, kpi.unit), key=f"{key}_u_{kpi_id}"
        )
        values["direction"] = columns[2].selectbox(
            _("Direction"), DIRECTIONS, _index(DIRECTIONS, kpi.direction), key=f"{key}_d_{kpi_id}"
        )
        values["level"] = columns[3].selectbox(
            _("Level"), LEVELS, _index(LEVELS, kpi.level), key=f"{key}_l_{kpi_id}"
        )
        st.caption(
            _(
                "The formula, platforms and accounts are the KPI's definition: to change them, "
                "an admin retires the KPI and adds a new one, so that its history stays "
                "comparable."
            )
        )
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Save KPI details")):
            current = {name: getattr(kpi, name) or "" for name in values}
            changed = {n: v for n, v in values.items() if (v or "") != current[n]}
            if not changed:
                st.info(_("Nothing changed."))
            else:
                _save(EditKpi(kpi_id, changed), author=author, reason=reason, expected=expected)


def _objective_form(sf: StrategyFile, *, author: str, expected: int, key: str) -> None:
    objectives = {o.id: o for o in sf.objectives}
    if not objectives:
        st.info(_("This strategy has no objectives yet."))
        return
    oid = st.selectbox(
        _("Objective"),
        list(objectives),
        format_func=lambda o: objectives[o].name,
        key=f"{key}_objective",
    )
    objective = objectives[oid]
    with st.form(f"{key}_form"):
        values: dict[str, Any] = {
            "name": st.text_input(_("Name"), value=objective.name, key=f"{key}_name_{oid}"),
            "description": st.text_area(
                _("Description"), value=objective.description or "", key=f"{key}_desc_{oid}"
            ),
            "cone_element": st.selectbox(
                _("Strategy Cone element"),
                CONE,
                _index(CONE, objective.cone_element),
                key=f"{key}_cone_{oid}",
            ),
        }
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Save objective details")):
            changed = {
                n: v for n, v in values.items() if (v or "") != (getattr(objective, n) or "")
            }
            if not changed:
                st.info(_("Nothing changed."))
            else:
                _save(EditObjective(oid, changed), author=author, reason=reason, expected=expected)


def _add_objective_form(sf: StrategyFile, *, author: str, expected: int, key: str) -> None:
    strategies = [s.id for s in sf.strategies]
    with st.form(f"{key}_form", clear_on_submit=False):
        left, right = st.columns(2)
        new_id = left.text_input(_("Id (letters, digits, _)"), key=f"{key}_id")
        name = right.text_input(_("Name"), key=f"{key}_name")
        description = st.text_area(_("Description"), key=f"{key}_desc")
        left, right = st.columns(2)
        strategy = left.selectbox(_("Strategy"), strategies, key=f"{key}_strategy")
        cone = right.selectbox(_("Strategy Cone element"), CONE, key=f"{key}_cone")
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Add objective")):
            objective = {
                "id": new_id,
                "name": name,
                "description": description,
                "cone_element": cone or None,
                "strategy": strategy if len(strategies) > 1 else None,
            }
            _save(AddObjective(objective), author=author, reason=reason, expected=expected)


def _add_kpi_form(sf: StrategyFile, *, author: str, expected: int, key: str) -> None:
    objectives = {o.id: o.name for o in sf.objectives if o.retired is None}
    if not objectives:
        st.info(_("Add an objective first."))
        return
    with st.form(f"{key}_form"):
        oid = st.selectbox(
            _("Objective"), list(objectives), format_func=objectives.__getitem__, key=f"{key}_obj"
        )
        left, right = st.columns(2)
        new_id = left.text_input(_("Id (letters, digits, _)"), key=f"{key}_id")
        name = right.text_input(_("Name"), key=f"{key}_name")
        description = st.text_area(_("Description"), key=f"{key}_desc")
        st.markdown("**" + _("Metric") + "**")
        columns = st.columns(5)
        metric: dict[str, Any] = {
            "type": columns[0].selectbox(_("Type"), METRIC_TYPES, key=f"{key}_type"),
            "grain": columns[1].selectbox(_("Grain"), GRAINS, key=f"{key}_grain"),
            "measure": columns[2].text_input(_("Measure"), key=f"{key}_measure"),
            "q": columns[3].number_input(
                _("Quantile (percentile)"), value=None, format="%.2f", key=f"{key}_q"
            ),
            "threshold": columns[4].number_input(
                _("Within hours (within)"), value=None, format="%.1f", key=f"{key}_threshold"
            ),
        }
        columns = st.columns(4)
        metric["numerator"] = columns[0].text_input(_("Numerator (ratio)"), key=f"{key}_num")
        metric["denominator"] = columns[1].text_input(_("Denominator (ratio)"), key=f"{key}_den")
        metric["of"] = columns[2].text_input(_("Growth of KPI"), key=f"{key}_of")
        metric["expr"] = columns[3].text_input(_("Expression (derived)"), key=f"{key}_expr")
        platforms = st.multiselect(
            _("Platforms (none: all)"), list(ALL_PLATFORMS), key=f"{key}_platforms"
        )
        columns = st.columns(4)
        unit = columns[0].selectbox(_("Unit"), UNITS, key=f"{key}_unit")
        direction = columns[1].selectbox(_("Direction"), DIRECTIONS, key=f"{key}_direction")
        frequency = columns[2].selectbox(
            _("Frequency"), FREQUENCIES, index=1, key=f"{key}_frequency"
        )
        level = columns[3].selectbox(_("Level"), LEVELS, key=f"{key}_level")
        left, right = st.columns(2)
        owner = left.text_input(_("Owner"), key=f"{key}_owner")
        source = right.text_input(_("Source"), key=f"{key}_source")
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Add KPI")):
            kpi = {
                "id": new_id,
                "name": name,
                "description": description,
                "metric": {k: v for k, v in metric.items() if v not in (None, "")},
                "platforms": platforms or None,
                "unit": unit,
                "direction": direction,
                "owner": owner,
                "frequency": frequency,
                "source": source,
                "level": level or None,
            }
            _save(AddKpi(oid, kpi), author=author, reason=reason, expected=expected)


def _retire_form(
    sf: StrategyFile,
    labels: dict[str, str],
    *,
    period: str,
    author: str,
    expected: int,
    key: str,
) -> None:
    st.caption(
        _(
            "A retired KPI or objective stays in the strategy, so its history and closed "
            "months stay readable, but leaves the scorecard from the period given."
        )
    )
    kinds = {"kpi": _("KPI"), "objective": _("Objective")}
    kind = st.radio(
        _("Retire"), list(kinds), format_func=kinds.__getitem__, horizontal=True, key=f"{key}_k"
    )
    options = labels if kind == "kpi" else {o.id: o.name for o in sf.objectives}
    if not options:
        st.info(_("Nothing to retire."))
        return
    item = st.selectbox(
        kinds[kind], list(options), format_func=options.__getitem__, key=f"{key}_{kind}"
    )
    model = sf.kpi(item) if kind == "kpi" else next(o for o in sf.objectives if o.id == item)
    with st.form(f"{key}_form"):
        if model.retired is not None:
            st.info(_("Retired from {period}.").format(period=format_period(model.retired)))
            reinstate = st.checkbox(_("Reinstate"), key=f"{key}_reinstate")
        else:
            reinstate = False
        start = st.text_input(
            _("Retired from (the first period it no longer counts)"),
            value=str(Period.parse(period).next()),
            key=f"{key}_from",
        )
        reason = st.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Save")):
            when = None if reinstate else start.strip()
            op: EditOp = RetireKpi(item, when) if kind == "kpi" else RetireObjective(item, when)
            _save(op, author=author, reason=reason, expected=expected)


# --- versions ---------------------------------------------------------------------------


def versions_section(
    source: Any, text_in_force: str | None, *, key: str = "strategy_versions"
) -> None:
    """History with author, time, reason and changes; YAML download of any version; upload
    of a YAML file as a new version (refused with its problems; nothing stored then)."""
    entries = loaders.strategy_history()
    if text_in_force is not None and source.kind != "warehouse":
        st.download_button(
            _("Download the strategy in force (YAML)"),
            data=text_in_force.encode("utf-8"),
            file_name="strategy.yaml",
            mime="application/yaml",
            key=f"{key}_in_force",
        )
    if not entries:
        st.info(_("No version saved yet: the first edit or import starts the history."))
    for entry in entries:
        record = entry.record
        in_force = source.kind == "warehouse" and source.version_id == record.id
        title = _("Version {version} · {when} · {author}").format(
            version=record.id, when=format_datetime(record.created_at), author=record.author
        )
        if in_force:
            title += " · " + _("in force")
        with st.expander(title, expanded=in_force):
            st.markdown(f"**{_('Reason')}:** {markdown_text(record.reason)}")
            if entry.first:
                st.caption(_("First version (from {source}).").format(source=record.source))
            for change in entry.changes:
                st.markdown(f"- {change_text(change)}")
            if not entry.first and not entry.changes:
                st.caption(_("No change in the strategy (layout or comments only)."))
            st.download_button(
                _("Download YAML"),
                data=record.yaml_text.encode("utf-8"),
                file_name=f"strategy-v{record.id}.yaml",
                mime="application/yaml",
                key=f"{key}_download_{record.id}",
            )
    _upload_form(key=f"{key}_upload")


def _upload_form(*, key: str) -> None:
    from workflows.strategy_versions import import_text

    st.markdown("#### " + _("Import a YAML file as a new version"))
    with st.form(key):
        upload = st.file_uploader(_("Strategy file"), type=["yaml", "yml"], key=f"{key}_file")
        left, right = st.columns(2)
        author = name_input(f"{key}_author", left)
        reason = right.text_input(_("Reason"), key=f"{key}_reason")
        if st.form_submit_button(_("Import as new version")):
            if upload is None:
                st.error(_("Choose a YAML file first."))
                return
            if not author.strip() or not reason.strip():
                st.error(_("Give your name and a reason."))
                return
            try:
                text = upload.getvalue().decode("utf-8-sig")
            except UnicodeDecodeError:
                st.error(_("The file is not UTF-8 text."))
                return
            writer, role = acting(author)
            _saved(
                lambda: import_text(
                    loaders.engine(),
                    text,
                    source=upload.name,
                    author=writer,
                    reason=reason,
                    role=role,
                )
            )
