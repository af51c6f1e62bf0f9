"""The words of the executive reports in English, Spanish and Dutch.

Reports go to people who never open the app, in the strategy's language; they do not
depend on the dashboard's translation layer. `t(lang, key, **params)` formats a template;
an unknown language falls back to English.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "es", "nl")

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "report_title": "Social media performance report",
        "quarter_label": "Q{quarter} {year}",
        "week_label": "Week {week}, {year}",
        "period": "Period: {period}",
        "generated": "Generated on {date}",
        "closed": "Figures frozen at the month close of {date} by {who}.",
        "open_period": "Figures as computed on {date}; this period is not closed yet.",
        "executive_summary": "Executive summary",
        "scorecard": "Scorecard",
        "objective": "Objective",
        "kpi": "KPI",
        "value": "Value",
        "previous": "Previous",
        "target": "Target",
        "status": "Status",
        "progress": "Progress",
        "progress_note": (
            "Progress: how far the value has come from the baseline towards the target; "
            "100% means the target is reached."
        ),
        "owner": "Owner",
        "value_shown": "Value as shown",
        "target_shown": "Target as shown",
        "status_green": "On target",
        "status_amber": "Near target",
        "status_red": "Off target",
        "status_no_data": "No data",
        "status_no_target": "No target",
        "comments": "Commentary",
        "decision": "Decision",
        "actions": "Actions",
        "action_title": "Action",
        "due": "Due",
        "action_status": "State",
        "action_open": "open",
        "action_done": "done",
        "action_dropped": "dropped",
        "stories": "Success stories",
        "no_stories": "No success stories were recorded for this period.",
        "no_actions": "No open or recently closed actions.",
        "no_comments": "No commentary was recorded for this objective.",
        "data_quality": "Data quality appendix",
        "imports_used": "Imports used",
        "file": "File",
        "platform": "Platform",
        "account": "Account",
        "rows": "Rows loaded",
        "rejected_rows": "Rows quarantined",
        "imported_at": "Imported",
        "coverage_gaps": "Coverage gaps",
        "gap_line": "{platform} / {account}: no data for {month}",
        "no_gaps": "Every known account has data for every month of the period.",
        "no_imports": "No import covers this period.",
        "quarantined_total": "{count} rows were quarantined by the checks in these imports.",
        "chart_value": "Value",
        "chart_target": "Target",
        "summary_counts": (
            "{total} KPIs were reviewed for {period}: {green} on target, {amber} near "
            "target, {red} off target, {no_data} without data and {no_target} without a target."
        ),
        "improvements": "Biggest improvements",
        "declines": "Biggest declines",
        "off_target": "Not on target",
        "no_data_kpis": "No data",
        "improved_line": "{name} improved from {previous} to {value} ({change}).",
        "declined_line": "{name} worsened from {previous} to {value} ({change}).",
        "off_target_line": "{name}: {value} against a target of {target}.",
        "ytd_name": "{name} (year to date, compared with a year earlier)",
        "partial_months": "{name} ({done} of {total} months with data)",
        "partial_days": "{name} ({done} of {total} days with data)",
        "off_target_line_prorated": (
            "{name}: {value} against a target of {target} ({share} of the {period} target, "
            "pro-rated to the part of the period with data)."
        ),
        "no_data_line": "{name}: no data for {period}.",
        "more_lines": "… and {n} more: see the scorecard.",
        "nothing_improved": "No KPI improved on the previous period.",
        "nothing_declined": "No KPI worsened on the previous period.",
        "all_on_target": "Every KPI with data and a target is on target.",
        "page": "Page {page} of {pages}",
        "baseline": "Baseline",
        "hours": "{value} h",
        "points": "{value} pp",
        "notes_kpi": "{name}: {value} (target {target}, {status})",
        "story_by": "Recorded by {author}",
    },
    "es": {
        "report_title": "Informe de desempeño en redes sociales",
        "quarter_label": "T{quarter} {year}",
        "week_label": "Semana {week}, {year}",
        "period": "Periodo: {period}",
        "generated": "Generado el {date}",
        "closed": "Cifras congeladas en el cierre del mes del {date} por {who}.",
        "open_period": "Cifras calculadas el {date}; este periodo aún no está cerrado.",
        "executive_summary": "Resumen ejecutivo",
        "scorecard": "Cuadro de mando",
        "objective": "Objetivo",
        "kpi": "KPI",
        "value": "Valor",
        "previous": "Anterior",
        "target": "Meta",
        "status": "Estado",
        "progress": "Avance",
        "progress_note": (
            "Avance: cuánto ha avanzado el valor desde la línea de base hacia la meta; "
            "100% significa que se alcanzó la meta."
        ),
        "owner": "Responsable",
        "value_shown": "Valor mostrado",
        "target_shown": "Meta mostrada",
        "status_green": "En meta",
        "status_amber": "Cerca de la meta",
        "status_red": "Fuera de meta",
        "status_no_data": "Sin datos",
        "status_no_target": "Sin meta",
        "comments": "Comentarios",
        "decision": "Decisión",
        "actions": "Acciones",
        "action_title": "Acción",
        "due": "Fecha límite",
        "action_status": "Situación",
        "action_open": "abierta",
        "action_done": "hecha",
        "action_dropped": "descartada",
        "stories": "Casos de éxito",
        "no_stories": "No se registraron casos de éxito en este periodo.",
        "no_actions": "No hay acciones abiertas ni cerradas recientemente.",
        "no_comments": "No se registraron comentarios para este objetivo.",
        "data_quality": "Anexo de calidad de datos",
        "imports_used": "Importaciones usadas",
        "file": "Archivo",
        "platform": "Plataforma",
        "account": "Cuenta",
        "rows": "Filas cargadas",
        "rejected_rows": "Filas en cuarentena",
        "imported_at": "Importado",
        "coverage_gaps": "Vacíos de cobertura",
        "gap_line": "{platform} / {account}: sin datos para {month}",
        "no_gaps": "Todas las cuentas conocidas tienen datos para cada mes del periodo.",
        "no_imports": "Ninguna importación cubre este periodo.",
        "quarantined_total": "Las validaciones pusieron {count} filas en cuarentena.",
        "chart_value": "Valor",
        "chart_target": "Meta",
        "summary_counts": (
            "Se revisaron {total} KPI para {period}: {green} en meta, {amber} cerca de la "
            "meta, {red} fuera de meta, {no_data} sin datos y {no_target} sin meta."
        ),
        "improvements": "Mayores mejoras",
        "declines": "Mayores retrocesos",
        "off_target": "Sin alcanzar la meta",
        "no_data_kpis": "Sin datos",
        "improved_line": "{name}: mejora de {previous} a {value} ({change}).",
        "declined_line": "{name}: retroceso de {previous} a {value} ({change}).",
        "off_target_line": "{name}: {value} frente a una meta de {target}.",
        "ytd_name": "{name} (acumulado del año, comparado con un año antes)",
        "partial_months": "{name} ({done} de {total} meses con datos)",
        "partial_days": "{name} ({done} de {total} días con datos)",
        "off_target_line_prorated": (
            "{name}: {value} frente a una meta de {target} ({share} de la meta de {period}, "
            "prorrateada a la parte del período con datos)."
        ),
        "no_data_line": "{name}: sin datos para {period}.",
        "more_lines": "… y {n} más: véase el cuadro de mando.",
        "nothing_improved": "Ningún KPI mejoró respecto al periodo anterior.",
        "nothing_declined": "Ningún KPI empeoró respecto al periodo anterior.",
        "all_on_target": "Todos los KPI con datos y meta están en meta.",
        "page": "Página {page} de {pages}",
        "baseline": "Línea de base",
        "hours": "{value} h",
        "points": "{value} p. p.",
        "notes_kpi": "{name}: {value} (meta {target}, {status})",
        "story_by": "Registrado por {author}",
    },
    "nl": {
        "report_title": "Rapport sociale media",
        "quarter_label": "K{quarter} {year}",
        "week_label": "Week {week}, {year}",
        "period": "Periode: {period}",
        "generated": "Gemaakt op {date}",
        "closed": "Cijfers bevroren bij de maandafsluiting van {date} door {who}.",
        "open_period": "Cijfers berekend op {date}; deze periode is nog niet afgesloten.",
        "executive_summary": "Samenvatting voor de directie",
        "scorecard": "Scorekaart",
        "objective": "Doelstelling",
        "kpi": "KPI",
        "value": "Waarde",
        "previous": "Vorige",
        "target": "Doel",
        "status": "Status",
        "progress": "Voortgang",
        "progress_note": (
            "Voortgang: hoe ver de waarde van de nulmeting naar het doel is gekomen; "
            "100% betekent dat het doel is gehaald."
        ),
        "owner": "Eigenaar",
        "value_shown": "Waarde zoals getoond",
        "target_shown": "Doel zoals getoond",
        "status_green": "Op doel",
        "status_amber": "Bijna op doel",
        "status_red": "Niet op doel",
        "status_no_data": "Geen gegevens",
        "status_no_target": "Geen doel",
        "comments": "Toelichting",
        "decision": "Besluit",
        "actions": "Acties",
        "action_title": "Actie",
        "due": "Uiterlijk",
        "action_status": "Stand",
        "action_open": "open",
        "action_done": "klaar",
        "action_dropped": "vervallen",
        "stories": "Successen",
        "no_stories": "Er zijn voor deze periode geen successen vastgelegd.",
        "no_actions": "Geen open of onlangs afgeronde acties.",
        "no_comments": "Er is geen toelichting vastgelegd voor deze doelstelling.",
        "data_quality": "Bijlage datakwaliteit",
        "imports_used": "Gebruikte imports",
        "file": "Bestand",
        "platform": "Platform",
        "account": "Account",
        "rows": "Rijen geladen",
        "rejected_rows": "Rijen in quarantaine",
        "imported_at": "Geïmporteerd",
        "coverage_gaps": "Hiaten in de dekking",
        "gap_line": "{platform} / {account}: geen gegevens voor {month}",
        "no_gaps": "Elk bekend account heeft gegevens voor elke maand van de periode.",
        "no_imports": "Geen enkele import dekt deze periode.",
        "quarantined_total": "De controles zetten {count} rijen in quarantaine.",
        "chart_value": "Waarde",
        "chart_target": "Doel",
        "summary_counts": (
            "{total} KPI's beoordeeld voor {period}: {green} op doel, {amber} bijna op "
            "doel, {red} niet op doel, {no_data} zonder gegevens en {no_target} zonder doel."
        ),
        "improvements": "Grootste verbeteringen",
        "declines": "Grootste achteruitgang",
        "off_target": "Doel niet gehaald",
        "no_data_kpis": "Geen gegevens",
        "improved_line": "{name}: verbetering van {previous} naar {value} ({change}).",
        "declined_line": "{name}: verslechtering van {previous} naar {value} ({change}).",
        "off_target_line": "{name}: {value} tegenover een doel van {target}.",
        "ytd_name": "{name} (sinds begin van het jaar, vergeleken met een jaar eerder)",
        "partial_months": "{name} ({done} van {total} maanden met gegevens)",
        "partial_days": "{name} ({done} van {total} dagen met gegevens)",
        "off_target_line_prorated": (
            "{name}: {value} tegenover een doel van {target} ({share} van het doel voor "
            "{period}, naar rato van het deel van de periode met gegevens)."
        ),
        "no_data_line": "{name}: geen gegevens voor {period}.",
        "more_lines": "… en nog {n}: zie de scorekaart.",
        "nothing_improved": "Geen enkele KPI verbeterde ten opzichte van de vorige periode.",
        "nothing_declined": "Geen enkele KPI verslechterde ten opzichte van de vorige periode.",
        "all_on_target": "Elke KPI met gegevens en een doel haalt dat doel.",
        "page": "Pagina {page} van {pages}",
        "baseline": "Nulmeting",
        "hours": "{value} u",
        "points": "{value} procentpunt",
        "notes_kpi": "{name}: {value} (doel {target}, {status})",
        "story_by": "Vastgelegd door {author}",
    },
}


def report_language(code: str | None) -> str:
    """`es_GT`, `NL` → `es`, `nl`; anything else → English."""
    short = (code or "en").replace("-", "_").split("_", 1)[0].lower()
    return short if short in LANGUAGES else "en"


def t(lang: str, key: str, **params: object) -> str:
    """The template `key` in `lang`, formatted with `params`."""
    template = TEMPLATES[report_language(lang)].get(key) or TEMPLATES["en"][key]
    return template.format(**params) if params else template


def status_label(lang: str, status: str) -> str:
    return t(lang, f"status_{status}")
