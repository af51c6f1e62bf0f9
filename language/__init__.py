"""The reader's language, below both faces: the gettext catalogs looked up by an explicit
language (`language.catalogs`), and the extraction of the reports' strings for pybabel
(`language.extract`). The dashboard (`dashboard.i18n`, the viewer's language) and the reports
(`reports.i18n_reports`, the strategy's language) both read the catalogs through here."""
