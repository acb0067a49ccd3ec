"""The query language explained to a person, in one paragraph and a list of fields."""

FIELDS_HELP = (
    "city:, country:, region:, lang:, lang!: (required only; also required:), type:, level:, degree:, "
    "workplace:, company:, team:, title:, start:, keyword:"
)
QUERY_HELP = (
    "Join terms with + (or a space), give alternatives with , or | or / (Berlin/Munich; between different "
    "kinds of thing, as in Remote, Germany, a comma or | lists criteria: write or for either), exclude "
    "with -term, not or no. Bare words are read "
    "as places (Cambridge, MA and Paris, Texas are one place; Bay Area, DMV, Randstad are areas; Georgia "
    "Tech and Washington Post are names, searched as phrases), languages, "
    "types (intern, full time…), career levels (new grad, junior, senior), degrees (PhD, master's, MSc, "
    "bachelor's, undergrad: postings naming that degree among those they ask for or accept), "
    "remote/hybrid/onsite, companies "
    "or years (2026, summer 2026, summer intern; Spring developer is the word spring), "
    "else as keywords (C++, C#, .NET included). Keywords ending in a job noun are one job title: software "
    "engineer matches its words together in the title or text, or each in the title (ML engineer = machine "
    "learning engineer); fields like machine learning are phrases. Fields: " + FIELDS_HELP + " "
    "(country:BI is that ISO code; lang:fra and lang:pt-BR work; country:United Kingdom takes the words "
    "that make one name). Q1 2027 is a start in its main season; SWE, SDE, PM are the word or the title "
    "(software engineer, product manager); counties (Hampshire, Orange County) are areas of their towns. "
    "A language matches required or preferred languages; fluent French, French required or lang!:fr asks "
    "for French as required; German not required leaves out postings that require German. A word I do not "
    "know but that looks like a typo is named with a suggestion; "
    "quote it to search it as written. Example: Madrid, Barcelona + Spanish + intern"
)
