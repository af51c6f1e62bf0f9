"""Header vocabularies are data: every column of every contract is known in English, Spanish,
Dutch, Portuguese, French and German, and each contract says where each language's names
come from (a genuine export, parsers of genuine exports, or the platform's own UI term)."""

from __future__ import annotations

from data_contracts.model import UI_LANGUAGES, all_contracts


def test_every_column_is_known_in_six_languages() -> None:
    gaps = [
        (contract.id, table.id, key, language)
        for contract in all_contracts()
        for table in contract.tables
        for key, column in table.columns.items()
        for language in UI_LANGUAGES
        if not column.aliases.get(language) and not column.english_everywhere
    ]
    assert gaps == []


# Contracts whose English headers do not come from a genuine file, and why: no copy of
# LinkedIn's Competitors export is public, only a parser written against it (docs/exports.md
# "LinkedIn competitors"); the competitor template's headers are socialkpi's own.
ENGLISH_NOT_FROM_A_FILE = {
    "linkedin_competitors": "parser_of_genuine_files",
    "competitor_benchmarks": "socialkpi_template",
}


def test_every_contract_says_where_each_language_comes_from() -> None:
    for contract in all_contracts():
        assert set(UI_LANGUAGES) <= set(contract.alias_evidence), contract.id
        expected = ENGLISH_NOT_FROM_A_FILE.get(contract.id, "genuine_file")
        assert contract.alias_evidence["en"].kind == expected, contract.id


def test_the_genuine_spanish_instagram_header_is_known_column_by_column() -> None:
    """The header of issue 11, as Meta wrote it: `Veces que se guardó` was not known, so 53
    posts were stored without saves."""
    header = [
        "Identificador de la publicación",
        "Identificador de la cuenta",
        "Nombre de usuario de la cuenta",
        "Nombre de la cuenta",
        "Descripción",
        "Duración (segundos)",
        "Hora de publicación",
        "Enlace permanente",
        "Tipo de publicación",
        "Comentario sobre los datos",
        "Fecha",
        "Visualizaciones",
        "Alcance",
        "Me gusta",
        "Veces que se compartió",
        "Seguimientos",
        "Comentarios",
        "Veces que se guardó",
    ]
    table = next(c for c in all_contracts() if c.id == "meta_instagram_posts").tables[0]
    index = table.alias_index()
    from data_contracts.parsing import normalise_header

    mapped = {name: index.get(normalise_header(name)) for name in header}
    assert mapped["Veces que se guardó"] == "saves"
    assert {name: table.columns[key].maps_to for name, key in mapped.items() if key} == {
        "Identificador de la publicación": "post_id",
        "Identificador de la cuenta": None,
        "Nombre de usuario de la cuenta": "account",
        "Descripción": "text",
        "Hora de publicación": "published_at",
        "Enlace permanente": "permalink",
        "Tipo de publicación": "post_type",
        "Visualizaciones": "impressions",
        "Alcance": "reach",
        "Me gusta": "reactions",
        "Veces que se compartió": "shares",
        "Seguimientos": None,
        "Comentarios": "comments",
        "Veces que se guardó": "saves",
    }
    passed = {normalise_header(n) for n in table.not_stored_names()}
    unread = [n for n, key in mapped.items() if key is None and normalise_header(n) not in passed]
    assert unread == []  # the account name, duration, data comment and `Fecha` are read past
