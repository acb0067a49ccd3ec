"""A parsed query as stored with its subscription, so a worker's index is rebuilt without parsing again.

Parsing resolves places and words through the gazetteer (about 0.2 ms a query); reading the stored form
back is a few microseconds. Bump :data:`STORED_VERSION` whenever the parser or the vocabulary would read a
stored text differently: every older stored form is then ignored and its text parsed again.
"""

from __future__ import annotations

from typing import Any, get_args

from bot.query.model import Clause, Query, Term, TermKind

STORED_VERSION = 16  # 2: career levels, qualified places, short forms, metros, technology names (issue 9)
# 3: negation words, "/" alternatives, words in parentheses, more levels, remote and language phrasings
# 4: towns before their state ("Kermit, TX"), a state code after a comma, "bilingual X/Y", unused alt names
# 5: time zones, level codes, visa words as phrases; request words left out; "French not required/optional";
#    language varieties; "Georgia (country)"; FT/PT; chat mentions; "don't require X"; "6 mois", "20h/week";
#    other languages' small words, workplace words and or/and/without; "anything but X"; "_remote_"
#    and Chinese and Japanese keywords searched character by character ("实习" in "运营实习生"), kana
#    keep their sound marks, Korean its syllables
#    and places: Brazilian states and their codes, misspelt country names, company initials, "… City"
#    venue names
# 6: country:XX is exactly its ISO code; short foreign country names ("CAD", "sec") are words; lang:
#    takes ISO 639-2/3 codes and region tags ("lang:fra", "lang:pt-BR"), "iw" is Hebrew; degrees ("PhD",
#    "master's", "undergrad", degree:) are a term kind of their own; "summer intern" keeps its season,
#    and a season beside a keyword is a word ("Spring developer"); names that start with a place
#    ("Georgia Tech", "Boston Consulting Group") are one phrase; islands are regions (Corsica, Sardinia,
#    Balearic and Canary Islands, Madeira, Azores, Crete; Flanders, Wallonia, Tyrol, Galicia, Lapland);
#    Baltics, Iberia, Balkans, Caribbean are areas;
#    "NA", "KSA", "DFW", "City of London", "Tampa Bay", a lone state code ("PA", not Panama), local
#    province codes, company initials ("TD Bank"), misspelt big cities; less common languages (Igbo,
#    Haitian Creole…); "externship", "practicante", "contingent"; "French Riviera" and "Côte d'Azur",
#    "South Tyrol" (Italy's) are areas; "lang:fil", "lang:nb"; "stage de fin d'études" is an internship;
#    job titles: plain words ending in a job noun are one job_title term ("software engineer", "ML
#    engineer", "frontend/backend engineer", "ingeniero de software"), fields of work are phrases
#    ("machine learning"); "Ruby on Rails", "React Native" and other technologies of several words are
#    phrases; "Mt"/"Mtn" for Mountain ("Mt. View"); a town named like a state before another state's
#    code ("Wyoming, MN", "Indiana, PA"); a state's code hyphened to its country ("US-CA-San Jose");
#    a city without its river in brackets ("Halle" is Halle (Saale)); "Deutschlandweit"; "Toda" no
#    Japanese city; Chinese and Japanese addresses without spaces ("大阪府大阪市") read part by part;
#    cities named like words count with their state ("Independence, MO", "Union, NJ")
# 7: type words postings are not read for ("PFE", "Praxissemester", German compounds such as
#    "Praktikumsstelle") ask for the type or the word; "Sommerpraktikum" starts in summer; quarters ("Q1
#    2027") are starts; a place or start field takes the words after it that make one name
#    ("country:United Kingdom"); counties are areas of their towns ("Hampshire", "Orange County"), and
#    one not listed is a keyword said to be no place ("Wayne County"); "SWE", "SDE", "PM" are the word or
#    the title ("software engineer", "product manager"); "backend" is "back end" too; seasons in other
#    languages ("verão", "letni", "estivo", "d'été"); a small word between words is left out ("de");
#    levels side by side are one, the highest ("Senior Staff" is staff); England's regions ("South East",
#    "Midlands", "Home Counties", "Thames Valley") and Long Island are areas; "Orange County, CA" is the area;
#    types side by side keep the most specific, the other searched ("part-time internship"); a flag beside a
#    word is its country ("🇩🇪 intern"); "senior+" is senior or any level above, "mid-senior" either; a
#    spaced slash between words is "or" ("DevOps / SRE"); kinds of internship named in full ("prácticas
#    profesionales", "tirocinio curriculare", "stage obligatoire") are internships; "Kent State" is a name
# 8: a spaced dash before words separates ("Backend Engineer - Go - Berlin"); German compound job words
#    are searched joined, apart and feminine ("Softwareentwickler"), thesis words as thesis positions
#    ("Masterarbeit"); "Big 4", "MBB", "FAANG" are their firms; "VIE" is the French programme; "IT" and
#    "Go" are title words or "information technology" / "golang"; gender markers left out; technologies
#    around a slash are either ("Python/Django"); alternatives in parentheses; single-quoted phrases;
#    "data entry", "scrum master", "duales Studium" are phrases; "Absolvent", "Berufseinsteiger" are entry;
#    "English teacher" is a title; "summer/fall 2026" shares the year; "DACH region" is the area;
#    company names holding a place or "&" ("JP Morgan", "Ernst & Young"); common lower-case words are no
#    towns ("date"); citizenship, clearance and "class of 2026" searched as words; other languages' months;
#    "contrat pro", "mi-temps", "beca"; "React.js", "e-commerce", "AI/ML" spellings; "Entwickler*in"; "w/"
# 9: companies side by side are any of them ("PwC Deloitte KPMG"), group firms so listed are companies;
#    two-digit and academic years ("intern 26", "2026/27", "2026 2027", "summer 2026 - 2027"); a season
#    and a year apart in a run are one start; "golang" is also Go in a title; "dev", "mgr" are also the
#    nouns; "anywhere in <place>" is the place; a bare firm name is the company listed with a suffix;
#    a season after a dated season shares its year ("summer 2026 or fall")
# 10: other languages' workplace, part- and full-time and job words ("vaga remota", "praca zdalna",
#    "thuiswerken", "medio tiempo", "deeltijd", "trabajo"); "4-day work week" one phrase; "early stage"
#    a phrase, not an internship; a pasted link left out; a hashtag is its word ("#SWE" not Sweden),
#    "#NewGrad" the level, "#hiring" left out; "full remote", "100% remoto"; "praktykant"; a named word
#    on both sides of an "or" read once ("US remote or Canada remote"); a workload ("80-100%") searched
# 11: other languages' summer internships start in summer ("zomerstage", "estágio de férias", "staż
#    wakacyjny", Dutch season compounds); a camel-case hashtag is its words ("#DataScience") unless a
#    known name ("#GitHub"); "open to remote" is remote
# 12: short forms and their words alike ("ML", "machine learning"), "KI" is AI; "férias", "wakacje" alone
#    are words; a company's legal form left out ("Siemens AG"), its name and division words one name
#    ("Meta Group"); a comma between a job and a skill is AND; a month that is a word ("Mai") a start only
#    with a year or after "ab"/"from"; "à partir de", "desde", "vanaf", "ASAP", currency signs, postal codes
#    or districts after a place left out; "3-6 months" one phrase; month ranges ("June–August") their
#    seasons; "mid-2026" the year; "LDN", "BCN", "BLR", "HYD", "ATX", "DXB", "MUC"; "fresher" is entry;
#    "first years", "sophomore" phrases; pay words searched and said; lower-case "man", "forest" words; a
#    firm named with a name or division word is also the company listed so ("Meta Group")
# 13: a job then a word after a comma is AND ("Product Manager, SaaS"); short job words in titles ("data
#    eng", "eng manager", "frontend dev") and short titles ("MLE", "TPM", "EM"); German semesters ("WS
#    26/27", "ab SS 2027") their seasons; Portuguese "férias"/"verão" beside an internship summer or
#    winter; "MAN", "CAT" in capitals words; a word-named town by a job the word ("Mobile developer");
#    "DMV area"; "pleno", "semi senior" mid; "TI" is IT; fields of study phrases ("computer science");
#    "IB"; "off cycle"; "program" after a type left out; "2027 summer analyst" the bank internship;
#    a season south of the equator also the northern one; "práctica profesional"; "analist", "młodszy",
#    "APM", French "RH"; "w", "Bereich" left out; a word-named town after a title's dash a word
# 14: a field's word or phrase around a slash before a job noun is either title ("AI/machine learning
#    engineer", "iOS/Mobile engineer"); "SWE/SRE" also "software engineer", "backend/frontend" either;
#    lower-case "us", "sf", "ny" among places are the places; "German working student" the type; a
#    lower-case state code after a town in a lower-case query ("arlington va", "falls church, va"); "Rio";
#    a season with places both sides of the equator said to be the northern one; two job nouns around a
#    slash share the words before them ("data engineer/analyst"); "da remoto"; Dutch "het", "een" left
#    out; "estate 2027" the Italian summer; a word, "or", a word and a job noun either title ("frontend or
#    backend developer"); place codes around a slash either place ("nyc/sf/la", "remote/us"); "work
#    anywhere"; a spaced slash before a job noun as the unspaced one ("Mobile / iOS engineer"); two firms
#    or-joined before a job either firm; "je cherche un", "cerco un", "ich suche ein" left out;
#    "#remotejobs", "#internship2027" the word and "jobs" or the year
# 15: "atl", "chi" Atlanta and Chicago among places; "remote/us", "remote/europe" remote within the place;
#    "AI / machine learning engineer" as the unspaced one; "job étudiant" part-time; "master thesis",
#    "bachelor thesis" the thesis position; "hot", "latest" left out; a two-letter word beside a type
#    ("ds intern", "de intern") says what else it may be
# 16: recruiters' shorthand for types ("C2H", "C2C", "corp to corp", "1099" contract; "FTE", lower-case
#    "perm" full-time; "FTC", "fixed-term contract" temporary); "beginner" the entry level; "as" left out;
#    in a comma list already read as criteria, words go on as AND ("Madrid, intern, 6 months, marketing")
#    and a negated word is its own criterion ("..., python, not finance"); a field's short form after words
#    and a dash is the field ("Thesis student - ML"), not the country; "PT"/"FT" after a comma and a town
#    elsewhere is the type ("london, PT"); "maternity cover" temporary; "fresh graduate" entry; "am", "ok"
#    left out; lower-case "it" alone the field IT ("it job in warsaw"); a spaced dash in
#    parentheses is a separator ("(Remote - UK)"); "work", "company" left out ("social work" stays whole)
_KINDS: frozenset[str] = frozenset(get_args(TermKind))


def to_stored(query: Query) -> dict[str, Any]:
    """The JSON form of ``query``: {v, text, clauses: [{not, terms: [[kind, value, label, text, also]]}]}."""
    return {
        "v": STORED_VERSION,
        "text": query.text,
        "clauses": [
            {
                "not": clause.negated,
                "terms": [[t.kind, t.value, t.label, t.text, list(t.also)] for t in clause.terms],
            }
            for clause in query.clauses
        ],
    }


def from_stored(data: object) -> Query | None:
    """The query ``to_stored`` wrote, or None when ``data`` is another version or shape (parse the text)."""
    if not isinstance(data, dict) or data.get("v") != STORED_VERSION:
        return None
    try:
        clauses = tuple(
            Clause(tuple(_term(*fields) for fields in clause["terms"]), bool(clause["not"]))
            for clause in data["clauses"]
        )
        return Query(str(data["text"]), clauses)
    except (KeyError, TypeError, ValueError):
        return None


def _term(kind: str, value: str, label: str, text: str, also: list[str]) -> Term:
    if kind not in _KINDS:
        raise ValueError(f"unknown term kind {kind!r}")
    return Term(
        kind,  # type: ignore[arg-type]  # checked just above
        str(value),
        str(label),
        str(text),
        tuple(str(a) for a in also),
    )
