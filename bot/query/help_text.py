"""The query language explained to a person, in one paragraph and a list of fields."""

FIELDS_HELP = (
    "city:, country:, region:, lang:, lang!: (required only; also required:), type:, workplace:, "
    "company:, team:, title:, start:, keyword:"
)
QUERY_HELP = (
    "Join terms with + (or a space), give alternatives with , or |, exclude with -term. Bare words are read "
    "as places, languages, types (intern, full time…), remote/hybrid/onsite, companies or years (2026, "
    "summer 2026), else as keywords. Fields: " + FIELDS_HELP + ". A language matches required or preferred "
    "languages; lang!:fr asks for French as required. Example: Madrid, Barcelona + Spanish + intern"
)
