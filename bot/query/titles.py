"""Job titles typed as words: "software engineer" is one title, not the words "software" and "engineer".

A run of plain words ending in a job noun is read as one *job title* term. It holds when its words stand
together in the title or text (hyphen or space alike, a short form or its words: "ML" or "machine
learning"), or when each of them is in the title ("Engineer, Software", "Software Engineers"). In the text
the noun must be singular: "work with product managers" names colleagues, not the job.

Titles in French, Spanish, Italian and Portuguese put the noun first: "ingeniero de software", "ingénieur
logiciel", "chef de projet". The small word between is part of the phrase, not needed in the title.

The term's value spells every form it accepts, so a stored query means the same whatever these tables say
later: slots separated by spaces, a slot's alternatives by "|", the words of one alternative by "~"
(" ml|machine~learning engineer|engineers "); the noun is the last slot, or the one marked "=" when it comes
first, and a slot marked "?" (a small word: "de") is needed in the phrase only (" =ingeniero|ingenieros ?de
software ").
"""

from __future__ import annotations

from functools import lru_cache

# Nouns that end a job title, English first, then the other languages the bot is used in (folded: no
# accents). Plurals are made by :func:`_plurals`; irregular ones are listed beside.
JOB_NOUNS: frozenset[str] = frozenset({
    "engineer", "developer", "programmer", "manager", "analyst", "designer", "scientist", "researcher",
    "consultant", "architect", "specialist", "coordinator", "associate", "representative", "rep",
    "recruiter", "accountant", "lawyer", "attorney", "paralegal", "nurse", "administrator", "admin",
    "assistant", "advisor", "adviser", "executive", "director", "officer", "strategist", "planner",
    "technician", "operator", "writer", "editor", "producer", "artist", "animator", "illustrator",
    "photographer", "marketer", "buyer", "agent", "auditor", "controller", "economist", "statistician",
    "mathematician", "physicist", "chemist", "biologist", "pharmacist", "therapist", "physician", "doctor",
    "dentist", "teacher", "tutor", "instructor", "trainer", "educator", "lecturer", "professor", "coach",
    "counselor", "counsellor", "advocate", "evangelist", "owner", "lead", "head", "supervisor", "partner",
    "clerk", "cashier", "receptionist", "secretary", "bookkeeper", "underwriter", "actuary", "banker",
    "trader", "broker", "investor", "generalist", "tester", "scrum master", "copywriter", "journalist",
    "reporter", "translator", "interpreter", "mechanic", "electrician", "driver", "chef", "cook",
    "technologist", "hygienist", "surgeon", "psychologist", "veterinarian", "pilot", "steward", "guard",
    "inspector", "estimator", "surveyor", "drafter", "machinist", "welder", "scheduler", "dispatcher",
    "expert", "fellow", "investigator", "modeler", "modeller", "closer", "sdr", "bdr",
    # other languages
    "ingenieur", "ingeniero", "ingegnere", "engenheiro", "entwickler", "developpeur", "desarrollador",
    "sviluppatore", "desenvolvedor", "berater", "consultor", "consulente", "analista", "gerente",
    "responsable", "leiter", "referent", "sachbearbeiter", "comptable", "auditeur",
    "redacteur", "programador", "programmeur", "tecnico", "technicien", "disenador",
    "medewerker", "adviseur", "kaufmann", "kauffrau", "analist", "analityk", "programista",
})  # fmt: skip
_IRREGULAR_PLURALS = {
    "salesman": "salesmen", "chef": "chefs", "ingeniero": "ingenieros", "analista": "analistas",
    "analist": "analisten", "analityk": "analitycy", "programista": "programisci",
    "gerente": "gerentes", "consultor": "consultores", "desarrollador": "desarrolladores",
    "programador": "programadores", "ingegnere": "ingegneri", "sviluppatore": "sviluppatori",
    "consulente": "consulenti", "engenheiro": "engenheiros", "desenvolvedor": "desenvolvedores",
    "entwickler": "entwickler", "berater": "berater", "leiter": "leiter", "kaufmann": "kaufleute",
    "disenador": "disenadores", "tecnico": "tecnicos", "attorney": "attorneys",
}  # fmt: skip
# Nouns that start a title in French, Spanish, Italian and Portuguese, before the field ("ingeniero de
# software", "développeur web"); "chef" only with a small word after it ("chef de projet", not "chef
# cuisine").
NOUNS_FIRST: frozenset[str] = frozenset({
    "ingeniero", "ingeniera", "ingenieur", "ingenieure", "ingegnere", "engenheiro", "engenheira",
    "developpeur", "developpeuse", "desarrollador", "desarrolladora", "sviluppatore", "desenvolvedor",
    "analista", "analyste", "responsable", "consultor", "consultora", "consulente", "gerente", "programador",
    "programmeur", "technicien", "tecnico", "disenador", "redacteur", "comptable", "auditeur", "directeur",
    "directrice", "jefe", "coordinador", "coordinatore", "coordinateur", "especialista", "specialiste",
    "charge", "chargee", "chef", "cheffe", "conseiller", "conseillere", "commercial", "asistente",
})  # fmt: skip
NEEDS_SMALL_WORD: frozenset[str] = frozenset({"chef", "cheffe", "charge", "chargee", "commercial"})
SMALL_WORDS: frozenset[str] = frozenset({
    "de", "du", "des", "d", "del", "della", "dello", "di", "da", "do", "dos", "das", "en",
})  # fmt: skip
# Fields of work whose words are one thing: "machine learning" alone is a phrase, and inside a title one
# word of it ("Machine Learning Engineer" needs both "machine" and "learning" in the title, together).
FIELD_PHRASES: frozenset[str] = frozenset({
    "machine learning", "deep learning", "data science", "data engineering", "data analytics",
    "product management", "project management", "program management", "product design", "product marketing",
    "customer success", "customer support", "customer service", "customer experience", "business development",
    "business intelligence", "business analysis", "supply chain", "human resources", "talent acquisition",
    "public relations", "user experience", "user interface", "user research", "quality assurance",
    "artificial intelligence", "computer vision", "natural language processing", "site reliability",
    "front end", "back end", "full stack", "information security", "cyber security", "real estate",
    "private equity", "venture capital", "investment banking", "financial planning", "revenue operations",
    "sales operations", "people operations", "growth marketing", "content marketing", "digital marketing",
    "performance marketing", "social media", "software development",
    "web development", "game design", "graphic design", "interaction design", "solutions architecture",
    "technical support", "account management", "field marketing", "demand generation", "embedded systems",
    "asset management", "wealth management", "risk management", "market making", "prop trading",
    "proprietary trading", "climate tech", "power platform", "generative ai", "gen ai", "biz dev",
    "dev rel", "dev ops", "data ops", "ml ops", "kunstliche intelligenz",
    # fields of study, which postings ask for in these words ("PhD in computer science")
    "computer science", "computer engineering", "electrical engineering", "mechanical engineering",
    "software engineering", "civil engineering", "chemical engineering", "information technology",
    "information systems", "operations research", "data analysis",
})  # fmt: skip
# Short forms and joined spellings that mean the same words, in a title: each one group.
_SAME_WORDS: tuple[tuple[str, ...], ...] = (
    ("ml", "machine learning"), ("ai", "artificial intelligence"), ("qa", "quality assurance"),
    ("ux", "user experience"), ("ui", "user interface"), ("hr", "human resources"),
    ("bi", "business intelligence"), ("pr", "public relations"), ("bd", "business development"),
    ("cx", "customer experience"), ("nlp", "natural language processing"), ("sre", "site reliability"),
    ("frontend", "front end"), ("backend", "back end"), ("fullstack", "full stack"),
    ("devops", "dev ops"), ("infosec", "information security"), ("cybersecurity", "cyber security"),
    ("revops", "revenue operations"), ("genai", "gen ai"), ("ecommerce", "e commerce"),
    ("bizdev", "biz dev"), ("devrel", "dev rel"), ("dataops", "data ops"), ("mlops", "ml ops"),
    ("ib", "investment banking"), ("rh", "ressources humaines", "recursos humanos"),
)  # fmt: skip
SAME_WORDS: dict[str, tuple[str, ...]] = {word: group for group in _SAME_WORDS for word in group}
# Other languages' short forms of the words above, and their words in full: German "KI" (künstliche
# Intelligenz) is AI. They mean the English ones too; the English ones do not search for them.
_OTHER_LANGUAGES_SAME: dict[str, tuple[str, ...]] = {"ki": ("kunstliche intelligenz", "ai")}
SAME_WORDS.update(
    {
        word: (short, words, *SAME_WORDS[english])
        for short, (words, english) in _OTHER_LANGUAGES_SAME.items()
        for word in (short, words)
    }
)
# Short forms standing for words, not spellings of one word: "ML" is "machine learning" (a keyword typed
# either way is searched both ways, and the reading says so), where "backend" is "back end" spelled apart.
ABBREVIATED: frozenset[str] = frozenset(
    word for word, group in SAME_WORDS.items() if len({form.replace(" ", "") for form in group}) > 1
)
# Names of several words that start with a short word standing for something else when alone: "Go" (the
# language) is not in "Go-To-Market" or "Go-Live". Keyed by the padded phrase, the names padded too.
NAMES_HOLDING: dict[str, tuple[str, ...]] = {
    " go ": (" go to market ", " go live ", " go lives ", " go getter ", " go getters ", " on the go ",
             " ready to go "),
}  # fmt: skip


def phrase_apart(phrase: str, text: str) -> bool:
    """True when the padded ``phrase`` is in the padded ``text`` other than inside a name holding it."""
    if phrase not in text:
        return False
    names = NAMES_HOLDING.get(phrase)
    if names is None:
        return True
    for name in names:
        while name in text:
            text = text.replace(name, " ")
    return phrase in text


# Spellings of one word with and without its space ("backend", "back end"): a keyword typed one way is
# searched both ways, as postings write either.
JOINED_SPELLINGS: dict[str, tuple[str, ...]] = {
    word: tuple(other for other in group if other != word)
    for group in _SAME_WORDS
    if len({form.replace(" ", "") for form in group}) == 1
    for word in group
}
# Short forms people type for a whole job title ("SWE intern"): the title's words, noun last, each a slot of
# spellings (bot.query.titles' title_value). The short form itself is searched too.
SHORT_TITLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "swe": (("software",), ("engineer", "engineers", "engineering")),
    "sde": (("software",), ("engineer", "engineers", "engineering")),
    "pm": (("product",), ("manager", "managers")),
    "mle": (("machine learning", "ml"), ("engineer", "engineers", "engineering")),
    "tpm": (("technical",), ("program", "programme"), ("manager", "managers")),
    "em": (("engineering",), ("manager", "managers")),  # typed "EM": lower-case "em" is Portuguese "in"
    "apm": (("associate",), ("product",), ("manager", "managers")),
}
# Short forms of job nouns people type ("frontend dev", "ops mgr"): the short form is searched, and the
# nouns it stands for, as postings write the noun whole. Not "development": nearly every posting has it
# ("professional development"); not "eng", which is also English's language code.
NOUN_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "dev": ("developer", "developers"), "devs": ("developers", "developer"),
    "engr": ("engineer", "engineering"), "eng": ("engineer", "engineering"),
    "mgr": ("manager",), "mngr": ("manager",),
}  # fmt: skip
# The same short forms ending a title ("data eng", "frontend dev"): the noun's forms, the short form last;
# and before another job word ("eng manager"), the field they shorten.
_SHORT_NOUNS: dict[str, tuple[str, ...]] = {
    "eng": ("engineer", "engineers", "engineering", "eng"),
    "engr": ("engineer", "engineers", "engineering", "engr"),
    "dev": ("developer", "developers", "dev", "devs"), "devs": ("developer", "developers", "devs", "dev"),
    "mgr": ("manager", "managers", "mgr"), "mngr": ("manager", "managers", "mngr"),
}  # fmt: skip
_SHORT_MODIFIERS: dict[str, tuple[str, ...]] = {
    "eng": ("eng", "engineering"), "engr": ("engr", "engineering"), "dev": ("dev", "development"),
    "mgmt": ("mgmt", "management"),
}  # fmt: skip
# What else a short form may name, said beside its reading.
SHORT_TITLE_OTHERS: dict[str, str] = {
    "pm": 'a project or program manager: write "project manager" or "program manager"',
}
# Words that name a technology or tool: before a job noun they ask for a skill, which postings name in their
# text rather than their title ("Backend Engineer" using Python), so they stay keywords of their own.
TECHNOLOGY_WORDS: frozenset[str] = frozenset({
    "python", "java", "javascript", "typescript", "js", "ts", "react", "angular", "vue", "node", "nodejs",
    "golang", "go", "rust", "ruby", "rails", "php", "c", "c++", "c#", ".net", "dotnet", "scala", "kotlin",
    "swift", "ios", "android", "sql", "aws", "azure", "gcp", "django", "flask", "spring", "flutter",
    "unity", "unreal", "kubernetes", "k8s", "terraform", "docker", "linux", "elixir", "erlang", "haskell",
    "perl", "r", "matlab", "sas", "tableau", "excel", "salesforce", "sap", "oracle", "workday", "servicenow",
    "hubspot", "shopify", "wordpress", "laravel", "symfony", "solidity", "blockchain", "web3", "spark",
    "hadoop", "kafka", "snowflake", "dbt", "pytorch", "tensorflow", "llm", "graphql", "clojure", "dart",
    "fpga", "verilog", "vhdl", "cobol", "fortran", "lua", "julia", "abap", "powerbi",
})  # fmt: skip
# Words often found before another title word, that make a title together ("senior" aside): the farthest
# of two words before the noun joins the title only when it is one of these ("data platform engineer").
TITLE_MODIFIERS: frozenset[str] = frozenset({
    "software", "data", "product", "project", "program", "programme", "sales", "account", "business",
    "marketing", "financial", "finance", "technical", "solutions", "solution", "customer", "client",
    "systems", "system", "platform", "infrastructure", "security", "network", "cloud", "mobile", "web",
    "frontend", "backend", "fullstack", "embedded", "hardware", "electrical", "mechanical", "civil",
    "chemical", "research", "applied", "analytics", "growth", "brand", "content", "digital", "creative",
    "visual", "graphic", "interaction", "operations", "ops", "people", "talent", "legal", "tax", "audit",
    "risk", "compliance", "investment", "quantitative", "quant", "field", "partner", "channel",
    "enterprise", "strategic", "regional", "national", "global", "senior", "site", "reliability",
    "test", "automation", "release", "build", "game", "gameplay", "graphics", "devops", "database", "ml",
    "ai", "qa", "ux", "ui", "hr", "bi", "it", "support", "success", "supply", "chain", "procurement",
    "inside", "outside", "territory", "key", "clinical", "medical", "registered", "staff", "process",
    "manufacturing", "quality", "design", "technology", "information", "user", "revenue", "demand",
    "performance", "social", "media", "communications", "community", "event", "events", "office",
    "executive", "administrative", "general", "accounts", "payable", "receivable", "principal", "lead",
})  # fmt: skip
# Slashed words that name one technology, not alternatives: "CI/CD engineer" is not "CI engineer or CD
# engineer"; they stay keywords, as technology names do.
WHOLE_WITH_SLASH: frozenset[str] = frozenset({"ci/cd", "tcp/ip", "a/b", "b2b/b2c", "ar/vr", "ts/sci"})


def job_noun(word: str) -> bool:
    """True for a folded word that ends a job title: "engineer", "engineers", "ingenieur"."""
    return word in JOB_NOUNS or word in _SINGULAR or word in _SHORT_NOUNS


def _plurals(noun: str) -> tuple[str, ...]:
    if noun in _IRREGULAR_PLURALS:
        return (_IRREGULAR_PLURALS[noun],)
    if noun.endswith(("s", "sh", "ch", "x")):
        return (noun + "es",)
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return (noun[:-1] + "ies",)
    return (noun + "s",)


_SINGULAR: dict[str, str] = {plural: noun for noun in JOB_NOUNS | NOUNS_FIRST for plural in _plurals(noun)}


def noun_forms(word: str) -> tuple[str, ...]:
    """The singular and plural of a job noun, whichever was typed ("engineers" → engineer, engineers)."""
    if word in _SHORT_NOUNS:  # "eng": engineer, engineers, engineering, eng
        return _SHORT_NOUNS[word]
    noun = _SINGULAR.get(word, word)
    return (noun, *_plurals(noun))


def short_label(word: str, noun: bool) -> str:
    """How a short word reads in a title's label, else ``word``.

    "eng" ending a title is "engineer/engineering"; before another job word, "engineering".
    """
    if not noun:
        return _SHORT_MODIFIERS.get(word, (word,))[-1]
    forms = _SHORT_NOUNS.get(word)
    return "/".join(forms[:1] + tuple(f for f in forms[1:-1] if not f.endswith("s"))) if forms else word


def word_forms(words: str) -> tuple[str, ...]:
    """The spellings that mean the same folded words in a title: "ml" → ml, machine learning."""
    return SAME_WORDS.get(words) or _SHORT_MODIFIERS.get(words) or (words,)


def title_value(slots: list[tuple[str, ...]], marks: tuple[str, ...] = ()) -> str:
    """Spell a title's slots, each a tuple of folded alternatives (the noun's first: singular), as a value.

    ``marks``: a prefix for each slot ("=" the noun before its field, "?" a small word), when not last.
    """
    marks = marks or ("",) * len(slots)
    return (
        " "
        + " ".join(
            mark + "|".join(a.replace(" ", "~") for a in slot)
            for mark, slot in zip(marks, slots, strict=True)
        )
        + " "
    )


@lru_cache(maxsize=8192)  # the index holds each title term once; postings test it again and again
def title_tests(value: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The padded phrases any one of which in the text satisfies ``value``, and its slots for the title.

    The noun is singular in the phrases: in the title a plural is covered by each slot's test.
    """
    marked = value.split()
    noun = next((number for number, slot in enumerate(marked) if slot[0] == "="), len(marked) - 1)
    phrases: list[str] = [" "]
    in_title: list[tuple[str, ...]] = []
    for number, slot in enumerate(marked):
        alts = tuple(" " + alt.replace("~", " ") + " " for alt in slot.lstrip("=?").split("|"))
        if slot[0] != "?":  # a small word ("de") is part of the phrase only
            in_title.append(alts)
        alts = alts if number != noun else alts[:1]  # the noun singular, as a job is named
        phrases = [f"{head}{alt.strip()} " for head in phrases for alt in alts][:64]
    return tuple(phrases), tuple(in_title)


def title_holds(value: str, title: str, body: str) -> bool:
    """True when the title's words stand together in ``body`` or each is in ``title`` (padded, folded)."""
    phrases, slots = title_tests(value)
    if any(phrase in body for phrase in phrases):
        return True
    return all(any(alt in title for alt in slot) for slot in slots)


# Words most postings hold somewhere in their text: a title is filed under another of its words if it can.
COMMON_IN_POSTINGS: frozenset[str] = frozenset({
    "engineer", "engineers", "manager", "managers", "developer", "developers", "data", "product", "products",
    "team", "teams", "business", "sales", "customer", "customers", "management", "development", "support",
    "experience", "lead", "director", "associate", "work", "people", "service", "services", "end", "back",
})  # fmt: skip


def _how_often(word: str) -> float:
    """A rough share of postings holding ``word``: common words, then short ones, are the most frequent."""
    return 1.0 if word in COMMON_IN_POSTINGS else 0.3 if len(word) >= 6 else 0.6


def title_index_words(value: str) -> tuple[tuple[str, ...], float]:
    """The words a posting holding the title must hold one of, from its most telling slot, and how often.

    Every match has one of a slot's spellings in its title or text, so it holds that spelling's rarest
    word: filing the query under those words misses none. The slot whose words are rarest is chosen.
    """
    best: tuple[str, ...] = ()
    best_cost = float("inf")
    for slot in value.split():
        if slot[0] == "?":
            continue
        rarest = tuple(min(alt.split("~"), key=_how_often) for alt in slot.lstrip("=").split("|"))
        cost = sum(_how_often(word) for word in dict.fromkeys(rarest))
        if cost < best_cost:
            best, best_cost = rarest, cost
    return tuple(dict.fromkeys(best)), min(best_cost, 1.0)


# German job words are compounds ("Softwareentwickler", "Datenanalyst"), written joined, hyphenated
# ("Software-Entwickler") or apart, and in the feminine or with a gender star ("Softwareentwicklerin",
# "Softwareentwickler*in"): a head noun (masculine → feminine, "" for a field of work) and the first word.
GERMAN_HEADS: dict[str, str] = {
    "entwickler": "entwicklerin", "ingenieur": "ingenieurin", "berater": "beraterin",
    "architekt": "architektin", "techniker": "technikerin", "informatiker": "informatikerin",
    "leiter": "leiterin", "referent": "referentin", "spezialist": "spezialistin",
    "wissenschaftler": "wissenschaftlerin", "sachbearbeiter": "sachbearbeiterin",
    "assistent": "assistentin", "koordinator": "koordinatorin", "programmierer": "programmiererin",
    "mitarbeiter": "mitarbeiterin", "elektroniker": "elektronikerin", "mechatroniker": "mechatronikerin",
    "analyst": "analystin", "manager": "managerin", "administrator": "administratorin",
    "designer": "designerin", "entwicklung": "", "beratung": "", "analyse": "", "informatik": "",
}  # fmt: skip
# Heads that are English words too: "Data Analyst" typed apart is English, only "Datenanalyst" German.
_ENGLISH_HEADS = frozenset({"analyst", "manager", "administrator", "designer"})
_FEMININE = {feminine: head for head, feminine in GERMAN_HEADS.items() if feminine}
# German thesis positions ("Masterarbeit", "Abschlussarbeit") and study programmes: the other words
# postings offer them under.
THESIS_SPELLINGS: dict[str, tuple[str, ...]] = {
    "masterarbeit": ("master arbeit", "masterarbeiten", "masterthesis", "master thesis", "abschlussarbeit"),
    "bachelorarbeit": ("bachelor arbeit", "bachelorarbeiten", "bachelorthesis", "bachelor thesis",
                       "abschlussarbeit"),
    # the English words for them, typed apart or joined
    "master thesis": ("masterthesis", "masters thesis", "master s thesis", "masterarbeit", "master arbeit",
                      "masterarbeiten", "abschlussarbeit"),
    "bachelor thesis": ("bachelorthesis", "bachelors thesis", "bachelor s thesis", "bachelorarbeit",
                        "bachelor arbeit", "bachelorarbeiten", "abschlussarbeit"),
    "abschlussarbeit": ("abschlussarbeiten", "masterarbeit", "bachelorarbeit", "diplomarbeit"),
    "abschlussarbeiten": ("abschlussarbeit", "masterarbeit", "bachelorarbeit", "diplomarbeit"),
    "diplomarbeit": ("abschlussarbeit", "masterarbeit"),
    # Germany's dual study programmes, a degree with paid work at a company, as their postings name them
    "duales studium": ("dualer studiengang", "dualer student", "duale studentin", "dual studieren"),
    "dualer studiengang": ("duales studium", "dualer student", "duale studentin", "dual studieren"),
}  # fmt: skip
for _typed, _same in (("master", "master thesis"), ("bachelor", "bachelor thesis")):
    for _form in (f"{_typed}thesis", f"{_typed}s thesis", f"{_typed} s thesis"):
        THESIS_SPELLINGS[_form] = tuple(f for f in (_same, *THESIS_SPELLINGS[_same]) if f != _form)
_MIN_FIRST_WORD = 3  # "Webentwickler": a shorter first part is more likely part of another word


def german_spellings(words: str) -> tuple[str, ...]:
    """The other ways postings write a German compound job word, given its folded words.

    "softwareentwickler" → software entwickler, softwareentwicklerin, software entwicklerin; "software
    entwickler" (typed apart) → the joined forms too; "masterarbeit" → the thesis words (THESIS_SPELLINGS).
    An English title typed apart ("data analyst") has none.
    """
    if words in THESIS_SPELLINGS:
        return THESIS_SPELLINGS[words]
    parts = words.split()
    if len(parts) == 1 and parts[0] in _FEMININE:  # "Entwicklerin": "Entwickler" too
        return (_FEMININE[parts[0]],)
    if len(parts) == 1 and GERMAN_HEADS.get(parts[0]) and parts[0] not in _ENGLISH_HEADS:
        return (GERMAN_HEADS[parts[0]],)  # "Entwickler": "Entwicklerin" too
    if len(parts) == 2:
        first, word = parts
        head = _FEMININE.get(word, word)
        if head not in GERMAN_HEADS or head in _ENGLISH_HEADS or len(first) < _MIN_FIRST_WORD:
            return ()
    elif len(parts) == 1:
        endings = (*_FEMININE.items(), *((head, head) for head in GERMAN_HEADS))  # "-analystin" first
        found = next(
            (
                (parts[0][: -len(form)], head)
                for form, head in endings
                if parts[0].endswith(form) and len(parts[0]) - len(form) >= _MIN_FIRST_WORD
            ),
            None,
        )
        if found is None:
            return ()
        first, head = found
    else:
        return ()
    forms = [f"{first}{head}", f"{first} {head}"]
    if GERMAN_HEADS[head]:
        forms += [f"{first}{GERMAN_HEADS[head]}", f"{first} {GERMAN_HEADS[head]}"]
    return tuple(form for form in forms if form != words)
