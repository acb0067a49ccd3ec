"""Employment type: intern, full time, part time, contract, temporary, apprenticeship.

Order of trust: the source's own field, then the title, then the body. Vendors file many internships
and apprenticeships as "FullTime", "Temporary" or "PartTime", so a title that plainly says intern or
apprentice wins over any source value but another kind of role; one that says apprentice also wins over
"Intern" (vendors without an apprenticeship type), and one that says freelance or contract over "FullTime".
The body is read only through phrases that describe *this*
job ("a 6-month internship", "Employment type: Intern"), never passing mentions ("previous internship
experience", "you will mentor interns").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.extract.dates import SEASON_COMPOUND_WORDS
from bot.extract.keyscan import (
    CaselessPattern,
    all_starts,
    body_keys,
    key_starts,
    keys_found,
    line_cache,
    lower,
    text_cache,
    words,
)
from bot.models import EmploymentFacet, EmploymentType, Posting

_EVIDENCE_CHARS = 80
_WINDOW = 100

# Query words and vendor field values, folded to lowercase letters only ("Full-Time" → "fulltime").
_TERMS: dict[str, EmploymentType] = {
    **dict.fromkeys(
        words(
            "intern interns internship internships coop coops stage stages stagiaire stagiaires praktikum "
            "praktika praktikant praktikantin pflichtpraktikum practicas prácticas becario becaria becarios "
            "tirocinio tirocinante stagista stagisti summerintern pasantia pasantía pasantías pasantias "
            "pasante pasantes estagio estágio estagiario estagiário estagiaria estagiária stagiair stagiairs "
            "practicante practicantes externship externships intership interships"
        ),
        "intern",
    ),
    **dict.fromkeys(
        words(
            "fulltime regular permanent newgrad newgrads newgraduate cdi vollzeit festanstellung "
            "unbefristet tempsplein tiempocompleto jornadacompleta tempopieno indeterminato "
            "tempoindeterminato"
        ),
        "full_time",
    ),
    **dict.fromkeys(
        words(
            "parttime werkstudent werkstudentin workingstudent workingstudents teilzeit tempspartiel "
            "tiempoparcial mediajornada jornadaparcial tempoparziale minijob"
        ),
        "part_time",
    ),
    **dict.fromkeys(
        words(
            "contract contractor contractors freelance freelancer freelancers freelancing "
            "independentcontractor contingent contingentworker"
        ),
        "contract",
    ),
    **dict.fromkeys(
        words("temporary temp seasonal fixedterm befristet cdd interim intérim tempodeterminato"),
        "temporary",
    ),
    **dict.fromkeys(
        words(
            "apprentice apprentices apprenticeship apprenticeships alternance alternant alternante apprenti "
            "apprentie apprentissage ausbildung azubi auszubildende auszubildender apprendistato aprendiz"
        ),
        "apprenticeship",
    ),
    # Vendor values for a training contract: Personio's "trainee", Recruitee's "traineeship" (a trainee
    # programme: paid training on the job, neither a student's internship nor an open-ended post). Only
    # vendor fields read these; in a title "Trainee" is as often an entry-level job title.
    **dict.fromkeys(words("trainee traineeship traineeships"), "apprenticeship"),
}
_ROLE_KINDS = frozenset({"intern", "apprenticeship"})
# A vendor value the title makes precise: a vendor with no apprenticeship type files apprentices as interns
# ("Ads Project Manager Apprentice", Ashby: Intern), and "full time" says the hours, which a freelance
# engagement may have too ("Senior Data Engineer (Freelance)", Ashby: FullTime).
_TITLE_OVER_VENDOR = frozenset({("intern", "apprenticeship"), ("full_time", "contract")})
# Vendor words for an open-ended contract, which say nothing of the hours ("Permanent Part-Time").
_OPEN_ENDED = re.compile(r"\b(?:permanent|regular|unbefristet|cdi)\b", re.IGNORECASE)
_NON_LETTERS = re.compile(r"[^a-zà-ÿ]+")
# Words a vendor value adds to the type that say nothing of it ("Regular Employee", "Contingent Worker").
_VENDOR_NOISE = re.compile(r"\b(?:employees?|workers?|staff|positions?|roles?|jobs?|type)\b", re.IGNORECASE)

# Title words, most specific first. "Stage" counts only where French titles put it, never "Growth Stage".
_TITLE_RULES: tuple[tuple[EmploymentType, re.Pattern[str]], ...] = (
    (
        "intern",
        re.compile(
            # German compounds name kinds of internship: "Sommerpraktikum", "Praktikumsstelle"; "Intership"
            # is a common misspelling
            r"\b(?:interns?|internships?|interships?|co-?op|stagiaire|\w*praktikum(?:s(?:stellen?|pl[aä]tze?|semester))?"
            r"|\w*praktikant(?:in)?|\w*praxissemester"
            r"|pr[aá]cticas|becari[oa]s?|tirocinio|tirocinante|stagista|pasant[ií]as?|pasantes?"
            r"|est[aá]gio|estagi[aá]ri[oa]s?|stagiairs?"
            # a season's or an off-cycle programme, named by its role alone: "Summer 2026 Analyst",
            # "Off-Cycle Associate"
            r"|(?:summer|winter|spring|fall|autumn|off[- ]?cycle)(?:\s+(?:20\d\d|['’]\d\d))?"
            r"\s+(?:analyst|associate)s?"
            r"|practicantes?|externships?"
            r"|praktykant(?:ka)?|sta[żz]yst(?:a|ka)|sta[żz]|praktyki|praktikant(?:er)?"
            r"|(?:industrial|sandwich) placement|placement (?:year|student)|year in industry"
            # a placement as the role itself ("Engineering Placement 2026", "Placement - Marketing"), not an
            # ad's or a private one ("Media Placement", "Private Placement Analyst")
            r"|(?<!private )(?<!media )(?<!product )(?<!job )(?<!ad )placements?"
            r"(?=\s*(?:$|[-–—(|,:/]|(?:20\d\d|programme|program|scheme)\b))"
            # Dutch kinds of internship ("Afstudeerstage", "Meewerkstage"): "stage" ends the compound
            r"|(?:afstudeer|meewerk|snuffel|onderzoeks|werkervarings|eind)stage"
            # a season's ("Zomerstage", "Voorjaarsstage", "Sommarpraktik"), from dates' season words
            rf"|(?:{'|'.join(SEASON_COMPOUND_WORDS)})s?(?:stages?|praktik)"
            # a student's thesis written in the company: "Masterarbeit", "Master Thesis", "Examensarbete"
            r"|(?<!betreuung )(?<!betreuung von )(?:master|bachelor|abschluss)arbeit|examensarbete|exjobb"
            r"|afstudeeropdracht|(?:master|bachelor|msc|bsc)(?:['’]?s)? thesis"
            r"|thesis (?:student|project|position))\b"
            r"(?!\s*(?:program(?:me)?\s+)?(?:manager|coordinator|recruiter|recruiting|lead|director|partner|"
            r"specialist|mentor|supervisor|supervision|advisor|betreuer(?:in)?)\b)"
            r"|(?:^|[-–—(/|,:]\s*)stage\b(?!\s+(?:manager|lead|director|engineer|designer|technician|hand|"
            r"operations|crew))"
            r"|实习|實習|インターン|인턴",  # Chinese, Japanese and Korean write no word breaks to look for
            re.IGNORECASE,
        ),
    ),
    (
        "apprenticeship",
        re.compile(
            r"\b(?:apprentice(?:ship)?|alternan(?:ce|t|te)|apprenti(?:e|ssage)?|ausbildung|azubi"
            r"|auszubildende[rn]?|apprendistato|aprendiz|lehrlinge?|lehrstellen?|lehre (?:als|zum|zur)"
            # Swiss: "Lernende/r Kauffrau EFZ", "Lernende:r Informatik"; not "Ausbildner für Lernende"
            r"|(?<!für )(?<!von )lernende[rn]?"
            # German dual study (a degree with an apprenticeship), France's work-study contract
            r"|duales? studium|dual(?:e[rn]?)? student(?:in)?|contrat (?:de )?pro(?:fessionnalisation)?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "part_time",
        re.compile(
            r"\b(?:werkstudent(?:in)?|working students?|part[- ]?time|teilzeit|temps partiel"
            r"|tiempo parcial|media jornada|tempo parziale|mini-?job|hiwi"
            r"|studentische (?:hilfskraft|aushilfe|mitarbeiter(?:in)?))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "temporary",
        re.compile(
            r"\b(?:temporary|fixed[- ]term|befristet|seasonal|tempo determinato|interim"
            r"|(?:maternity|paternity|parental)(?: leave)? cover|elternzeitvertretung)\b"
            # "Assistant RH (CDD)", "CDD de 6 mois"; but before another word of the title it is customer due
            # diligence: "CDD Risk Analyst", "KYC/CDD Specialist"
            r"|(?<![/&])\bcdd\b(?!\s*[/&])(?!\s+(?!de\b|d['’]|du\b)[^\W\d_])"
            # "Temp Clinical Product Lead", "Receptionist (Temp)": but a temp agency's own staff are not temps
            r"|\btemp\b(?![- ](?:agency|agencies|staffing|recruit\w*|consultant|coordinator))",
            re.IGNORECASE,
        ),
    ),
    (
        "contract",
        re.compile(
            r"\b(?:freelancer?|contractor|1099|contractual)\b"
            r"|[-–—(|,:]\s*(?:\d+[- ]months?\s+)?contract(?:[- ]to[- ](?:hire|perm))?\b(?!\s*(?:manager|lead|"
            r"specialist|engineer|analyst|counsel|attorney|administrator|negotiator))"
            r"|\bcontract (?:role|position|to hire|to perm)\b|\b\d+[- ]months? contract\b"
            # a title that opens with the word: "Contract Data Architect", not "Contract Manager"
            r"|^\s*contract\s+(?=[^\W\d_])(?!(?:\w+\s+)?(?:manager|management|lead|specialist|analyst|counsel|attorney|lawyer"
            r"|administrator|administration|negotiator|coordinator|officer|review|reviewer|compliance|pricing"
            r"|estimator|closeout|lifecycle|associate|director|paralegal)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "full_time",
        re.compile(
            r"\b(?:full[- ]?time|vollzeit|cdi|temps plein|tiempo completo|jornada completa|tempo pieno"
            r"|permanent|unbefristet|new grad(?:uate)?s?|fresh grad(?:uate)?s?|graduate program(?:me)?"
            r"|college graduate|graduates?)\b"
            # a graduate hire in Chinese and Japanese ("2026届校招", "应届生", "新卒採用"), written unspaced
            r"|校招|校园招聘|校園招聘|应届|應屆|新卒",
            re.IGNORECASE,
        ),
    ),
)

# "PFE" (projet de fin d'études) is France's final-year internship, but elsewhere an acronym of other things
# (PFE pipes, a stock ticker): it says intern only beside French, in the title or, failing that, the text.
_PFE = re.compile(r"\bpfe\b", re.IGNORECASE)
# French small words in lower case only: "DE" and "EN" in a title are a country and a language
_FRENCH_TITLE = re.compile(
    r"[éèêàçœÉÈ]|\b(?:[HhFf]\s*/\s*[FfHh]|de|du|des|d['’]|en|pour|au|aux|le|les|et"
    r"|(?i:stage|stagiaire))\b"
)
_FRENCH_TEXT = re.compile(r"\b(?:vous|nous|votre|notre|stagiaire|fin d['’](?:é|e)tudes)\b", re.IGNORECASE)
_FRENCH_TEXT_CHARS = 3000
# The text offering France's final-year internship ("stage de fin d'études", "PFE de 6 mois", "dans le cadre
# de votre projet de fin d'études"): that says intern even where the title has no type word and the vendor
# filed it as FullTime. A past one ("vous avez réalisé votre stage de fin d'études") is experience, not
# this job, so only an offer's wording counts: an article or "dans le cadre de", or a duration after.
_FINAL_YEAR_KEYS = body_keys(" fin d", "pfe")
_FINAL_YEAR_WORDS = r"(?:stage (?:de )?(?:fin d['’][ée]tudes|pfe)|projet de fin d['’][ée]tudes|pfe)"
_FINAL_YEAR = re.compile(
    r"\b(?:un|ce|le|notre|en|pour (?:un|votre|ton|son)|dans le cadre (?:de|d['’]un)(?: votre| ton| son)?)\s+"
    + _FINAL_YEAR_WORDS
    + r"|\b"
    + _FINAL_YEAR_WORDS
    + r"(?:\s*\(pfe\))?\s*(?:[-–,:]\s*)?"
    r"(?:de|d['’]une durée de|d['’]une durée d['’]environ)\s+\d+\s*(?:à\s*\d+\s*)?mois"
    # a heading or the opening words of a line: "Stage de fin d'études - Data", "PFE : …", "… (PFE) au sein"
    r"|(?m:^)[-•*· \t]*" + _FINAL_YEAR_WORDS + r"(?:\s*\(pfe\))?(?:\s*[-–:]|\s+(?:au sein|chez)\b)",
    re.IGNORECASE,
)

# A labelled field in the body ("Employment Type: Intern", "Type de contrat : Stage", "Vertragsart: …").
_FIELD_KEYS = body_keys(
    "type",
    "status",
    "contrat",
    "contrato",
    "contratto",
    "vertragsart",
    "anstellungsart",
    "beschäftigungsart",
    "jornada",
    "commitment",
)
_FIELD = re.compile(
    r"^[ \t]*(?:type de (?:contrat|poste)|tipo de (?:contrato|jornada)|tipo di contratto|contrat|vertragsart"
    r"|anstellungsart|beschäftigungsart|commitment"
    r"|(?:employment|job|contract|position|work|engagement|role)?\s*(?:type|status)(?: of (?:contract"
    r"|employment))?)",
    re.IGNORECASE | re.MULTILINE,
)
# What may stand between an earlier line start and "type"/"status" in a label (see _field_labels).
_FIELD_LEAD = re.compile(
    r"[ \t]*(?:employment|job|contract|position|work|engagement|role)?\s*", re.IGNORECASE
)
_FIELD_VALUE = re.compile(r"\s*[:：]\s*([^\n]{1,40})")
_ALTERNATIVES = re.compile(r"\bor\b|\bund\b|\bou\b|/|,|&|\band\b", re.IGNORECASE)

# Body phrases that describe this job, per type, each behind cheap substrings (most bodies have none).
# Checked in this order; the first that matches wins.
_BODY_RULES: tuple[tuple[EmploymentType, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        "intern",
        ("intern", "stage", "praktikum", "prácticas", "practicas", "beca", "tirocinio"),
        re.compile(
            r"\b(?:this|the|our|paid|unpaid|summer|fall|autumn|winter|spring|full[- ]time|part[- ]time)"
            r"\s+(?:\w+\s+){0,2}internship\s+(?:is|will|starts?|starting|program(?:me)? (?:is|runs|lasts)|"
            r"lasts|runs|period|duration|opportunity|position|role|based|in (?:our|the) \w+ (?:office"
            r"|team))\b"
            r"|\b(?:\d+|one|two|three|four|five|six|twelve)\s*(?:[-–]|to)?\s*(?:\d+\s*)?[- ]?months?"
            r"(?:'s?)?\s+(?:long\s+)?internship\b"
            r"|\b(?:join|joining) (?:us|the team|our team) (?:for|as) an? (?:\w+\s+){0,3}intern(?:ship)?\b"
            r"|\b(?:looking|searching|seeking|hiring) for an? (?:\w+\s+){0,4}intern(?:ship)?\b"
            r"|\bas an? (?:\w+\s+){0,4}intern\b,?\s+you\b"
            r"|\binternship (?:starting|start date|from|beginning)\b"
            r"|\bstage (?:de (?:fin d(?:'|’)études|\d+ (?:à \d+ )?mois|pré-embauche)|conventionné|d(?:'"
            r"|’)une durée)"
            r"|\bconvention de stage\b|\b(?:dein|ihr|unser|ein|das) (?:\w+ )?praktikum\b|\bpflichtpraktikum\b"
            r"|\b(?:en )?pr[aá]cticas (?:remuneradas|curriculares|extracurriculares)\b|\bbeca de\b"
            r"|\bcontrato de pr[aá]cticas\b|\b(?:tirocinio|stage) (?:curriculare|extracurriculare|retribuito|"
            r"di \d+ mesi)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "apprenticeship",
        ("alternance", "apprentissage", "apprenticeship", "ausbildung"),
        re.compile(
            r"\b(?:en|contrat d(?:'|’)|poste en) (?:alternance|apprentissage)\b"
            r"|\bthis (?:is an? )?apprenticeship\b"
            r"|\b(?:deine|ihre|eine) ausbildung (?:zum|zur|als)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "part_time",
        ("part-time", "part time", "werkstudent", "teilzeit", "minijob", "partiel", "parcial", "parziale"),
        re.compile(
            r"\b(?:this|the) (?:role|position|job) is (?:an? )?part[- ]time\b|\bthis is an? part[- ]time\b"
            # "in Teilzeit", "à temps partiel", "jornada parcial": but "Vollzeit oder Teilzeit" is either
            r"|\b(?:in|als) teilzeit\b(?!\s*(?:oder|und|/)\s*vollzeit)|\bminijob\b"
            r"|\bà temps partiel\b|\b(?:jornada|tiempo) parcial\b|\bmedia jornada\b|\ba tempo parziale\b"
            r"|\bpart[- ]time (?:role|position|job|contract|opportunity|basis)\b|\bwerkstudent(?:in)?\b"
            r"|(?m:^)[-•*· \t]*part[- ]time\b(?! (?:students?|employees|staff|workers)\b)"
            # "We are looking for a part-time AI Trainer", but not "a part-time or full-time …"
            r"|\b(?:looking|searching|seeking|hiring)\s+for\s+an?\s+part[- ]time\b"
            r"(?![\s,/]*(?:(?:or|and)\s+)?(?:an?\s+)?(?:part|full)[- ]?time)",
            re.IGNORECASE,
        ),
    ),
    (
        "temporary",
        ("fixed", "befristet", "durée déterminée", "temporary", "temp ", "(temp)", "seasonal"),
        re.compile(
            r"\bfixed[- ]term (?:contract|role|position|basis)\b|\bbefristet\w*\b"
            r"|\b(?:this|the|a|an) (?:[\w-]+,? ){0,2}temp (?:role|position|assignment|contract)\b"
            r"|\bcontrat à durée déterminée\b"
            r"|\b(?:this|the) (?:role|position) is temporary\b|\btemporary (?:role|position|contract"
            r"|basis)\b"
            # "looking for a temporary …", "looking for an expert character rigging artist (temporary)"
            r"|\b(?:looking|searching|seeking|hiring)\s+for\s+an?\s+(?:temporary|seasonal)\b"
            r"|\b(?:looking|searching|seeking|hiring)\s+for\s+an?\s+(?:[\w-]+\s+){0,5}?\(temp(?:orary)?\)",
            re.IGNORECASE,
        ),
    ),
    (
        "contract",
        ("contract", "freelance", "1099"),
        re.compile(
            r"\b(?:this|the) (?:is an? )?(?:role|position|engagement) is (?:an? )?(?:\d+[- ]months? )?"
            r"(?:contract|freelance|contractor)\b|\bthis is an? (?:\d+[- ]months? )?(?:contract|freelance)"
            r" (?:role|position)\b|\b(?:as|is|be) an independent contractor\b"
            r"|\bon an? (?:independent |freelance )?(?:contract|contractor|freelance) basis\b"
            r"|\b1099 (?:contractor|position|role|basis)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "full_time",
        (
            *("full-time", "full time", "cdi", "unbefristet", "indéterminée", "vollzeit", "festanstellung"),
            *("indefinido", "completa", "completo", "plein", "pieno", "indeterminato"),
        ),
        re.compile(
            # "in Vollzeit", "Festanstellung", "contrato indefinido", "à temps plein", "a tempo pieno"
            r"\b(?:in|als) vollzeit\b(?!\s*(?:oder|und|/)\s*teilzeit)"
            r"|\bfestanstellung\b|\bcontrato indefinido\b|\bjornada completa\b|\btiempo completo\b"
            r"|\bà temps plein\b|\ba tempo (?:pieno|indeterminato)\b|"
            r"\b(?:this|the) (?:role|position|job) is (?:an? )?(?:permanent,? )?full[- ]time\b"
            r"|\bthis is an? (?:permanent,? )?full[- ]time\b|\bfull[- ]time,? (?:permanent )?(?:role"
            r"|position|"
            r"employment|contract|job|opportunity)\b|\bCDI\b|\bunbefristete?\w*\b"
            r"|\bcontrat à durée indéterminée\b"
            r"|(?m:^)[-•*· \t]*full[- ]time\b(?! (?:students?|employees|staff)\b)"
            r"|\b(?:looking|searching|seeking|hiring)\s+for\s+an?\s+full[- ]time\b"
            r"(?![\s,/]*(?:(?:or|and)\s+)?(?:an?\s+)?(?:part|full)[- ]?time)",
            re.IGNORECASE,
        ),
    ),
)
body_keys(*(key for _, keys, _ in _BODY_RULES for key in keys))
# The title rules as lower-cased twins behind word screens (``CaselessPattern``: the same spans, about twice
# as fast on a title); they give spans only, so what they found is cut from the title itself.
_CASELESS_TITLE_RULES = tuple((value, CaselessPattern(pattern)) for value, pattern in _TITLE_RULES)
# The body rules with their twins beside them: a tuple, not a dict keyed by the rule (hashing a compiled
# pattern hashes its whole code, each time).
_CASELESS_BODY_RULES = tuple(
    (value, keys, pattern, CaselessPattern(pattern)) for value, keys, pattern in _BODY_RULES
)


def employment_term(word: str) -> EmploymentType | None:
    """Return the employment type a query word names ("intern", "stage", "Praktikum", "new grad")."""
    return _TERMS.get(_NON_LETTERS.sub("", word.casefold()))


@line_cache
def intern_in_title(title: str) -> str | None:
    """Return the words by which a title plainly says intern ("Intern", "Praktikum", "Stage"), or None."""
    title = title.replace("_", " ")
    found = _CASELESS_TITLE_RULES[0][1].search(title) or _french_pfe(title)
    return title[found.start() : found.end()].strip(" -–—(|,:") if found else None


def _french_pfe(title: str, body: str = "") -> re.Match[str] | None:
    """The "PFE" of a title in French ("PFE Ingénieur logiciel", "Stagiaire PFE (H/F)"), or None.

    Without French words in the title, French in the text's first lines counts ("PFE - Data" with
    "vous rejoindrez …"); English text around "PFE" says some other PFE.
    """
    found = _PFE.search(title) if "pfe" in title.lower() else None
    if found is None:
        return None
    if _FRENCH_TITLE.search(title) or (body and _FRENCH_TEXT.search(body, 0, _FRENCH_TEXT_CHARS)):
        return found
    return None


def _final_year(body: str) -> re.Match[str] | None:
    """Where the text offers France's final-year internship ("un stage de fin d'études", "PFE de 6 mois")."""
    # Speed: most texts hold neither key, which the pass over the lowered text that other readers share
    # tells (``_from_body`` has made it when this runs after it)
    low = lower(body)
    starts = sorted(key_starts(low, " fin d") + key_starts(low, "pfe"))
    if not starts:
        return None
    if len(low) == len(body):  # the same offsets: look around each key only ("afin de" is no offer)
        found = next(
            (m for at in starts if (m := _FINAL_YEAR.search(body, max(0, at - _WINDOW), at + _WINDOW))), None
        )
    else:
        found = _FINAL_YEAR.search(body)
    if (
        found
        and "fin d" not in found.group().lower()
        and not _FRENCH_TEXT.search(body, 0, _FRENCH_TEXT_CHARS)
    ):
        return None  # a bare "PFE" says the French internship only in French text ("PFE - Pfizer" is not)
    return found


@line_cache
def _from_title(title: str) -> EmploymentFacet | None:
    title = title.replace("_", " ")  # "Internship_AI Engineer"
    lowered = title.lower()
    for value, pattern in _CASELESS_TITLE_RULES:
        found = pattern.search(title, lowered) or (_french_pfe(title) if value == "intern" else None)
        if found:
            return EmploymentFacet(value, title[found.start() : found.end()].strip(" -–—(|,:"), "title")
    return None


def _from_source(vendor: str) -> EmploymentType | None:
    """Read a vendor value ("FullTime", "Intern", "Regular", "permanent", "Werkstudent") as a type."""
    # Recruitee writes codes ("fulltime_fixed_term"), Workday adds the kind of worker ("Regular Employee")
    vendor = _VENDOR_NOISE.sub(" ", vendor.replace("_", " ")).strip() or vendor
    known = employment_term(vendor)
    if known is not None:
        return known
    # In a vendor value the first type named wins ("Full-time (contract-to-hire possible)"), except that
    # a kind of role beats a number of hours: a "Full-Time Intern" is an intern who works full days, and a
    # "Full-time, Fixed Term" job is temporary.
    found = [(match.start(), value) for value, pattern in _TITLE_RULES if (match := pattern.search(vendor))]
    if len(found) > 1:
        # "Permanent" and "Regular" say the contract has no end, not the hours: "Permanent Part-Time"
        plain = _OPEN_ENDED.sub(lambda m: " " * len(m.group()), vendor)
        found = [
            (m.start(), value) for value, pattern in _TITLE_RULES if (m := pattern.search(plain))
        ] or found
    roles = [item for item in found if item[1] in _ROLE_KINDS]
    # a fixed term beats the hours too: a "Full Time Temporary" job ends
    terms = [item for item in found if item[1] == "temporary"]
    return min(roles or terms or found)[1] if found else None


def _field_labels(body: str, lowered: str, keys_found: list[list[int]]) -> Iterator[re.Match[str]]:
    """The matches of ``_FIELD.finditer(body)``, tried only at the line starts a label can begin at.

    Every label holds a field key (``keys_found``: where each key of ``_FIELD_KEYS`` occurs in
    ``lowered``) and begins at the start of that key's line, or, for "type"/"status", at an earlier line
    start from which only blank lines and one leading word ("Employment", a blank line, "Type") lead up
    to it. Where the case-blind label can match a letter that lowers to another one ("ſ" for "s"), every
    line start is tried.
    """
    if len(lowered) != len(body) or (not lowered.isascii() and ("ı" in lowered or "ſ" in lowered)):
        yield from _FIELD.finditer(body)
        return
    starts: set[int] = set()
    for found in keys_found:
        for at in found:
            line = body.rfind("\n", 0, at) + 1
            starts.add(line)
            while line and _FIELD_LEAD.fullmatch(body, earlier := body.rfind("\n", 0, line - 1) + 1, at):
                starts.add(earlier)
                line = earlier
    end = 0
    for start in sorted(starts):
        if start >= end:
            label = _FIELD.match(body, start)
            if label is not None:
                yield label
                end = label.end()


def _from_field(body: str, labels: Iterable[re.Match[str]] | None = None) -> EmploymentFacet | None:
    """Read a labelled "Employment type: …" line; a value naming several types says nothing."""
    for label in _FIELD.finditer(body) if labels is None else labels:
        value = _FIELD_VALUE.match(body, label.end())
        if not value:
            continue
        words = value.group(1).strip()
        # "Tipo de jornada: Completa" names its type with the label's own word ("jornada completa").
        qualify = "jornada " if "jornada" in label.group(0).lower() else ""
        parts = [part for part in _ALTERNATIVES.split(words) if part.strip()]
        kinds = {_from_source(part) or (_from_source(qualify + part) if qualify else None) for part in parts}
        kinds.discard(None)
        if len(kinds) == 1:
            evidence = (label.group(0).strip() + ": " + words)[:_EVIDENCE_CHARS]
            return EmploymentFacet(kinds.pop(), evidence, "body")
        if len(kinds) > 1:
            return None
    return None


@text_cache
def _from_body(body: str) -> EmploymentFacet | None:
    lowered = lower(body)
    keys_found = all_starts(lowered, _FIELD_KEYS)
    if keys_found:
        field = _from_field(body, _field_labels(body, lowered, keys_found))
        if field is not None:
            return field
    source = body if len(lowered) == len(body) else lowered  # windows index both alike
    for value, keys, pattern, caseless in _CASELESS_BODY_RULES:
        windows = _windows(lowered, keys)
        if not windows:
            continue
        # The rule's lower-cased twin over the lowered body finds the same spans, several times faster.
        twin = caseless.twin_for(source, lowered)
        for start, end in windows:
            # most keys are in other words ("because", "international"): the twin needs words they lack
            if twin is not None and not caseless.may_match_lowered(lowered[start:end]):
                continue
            found = twin.search(lowered, start, end) if twin else pattern.search(source, start, end)
            if found:
                return EmploymentFacet(value, source[found.start() : found.end()][:_EVIDENCE_CHARS], "body")
    return None


def _windows(lowered: str, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of text around each occurrence of a key: the rule patterns only run there (speed)."""
    size = len(lowered)
    spans = [
        (max(0, at - _WINDOW), min(size, at + len(key) + _WINDOW))
        for key, starts in keys_found(lowered, keys)
        for at in starts
    ]
    spans.sort()
    return spans


def extract_employment(posting: Posting, body: str) -> EmploymentFacet | None:
    """Return the employment type, from the source field first, then the title, then the text."""
    title = _from_title(posting.title)
    if title is None and (pfe := _french_pfe(posting.title, body)):  # "PFE - Data", the text in French
        title = EmploymentFacet("intern", pfe.group(), "title")
    vendor = posting.hints.employment_type
    if vendor:
        source = _from_source(vendor)
        if source is not None:
            if title is None and source not in _ROLE_KINDS and (final := _final_year_facet(body)):
                return final  # as sure as a title word: it wins over "FullTime" as one would
            if source not in _ROLE_KINDS and title is not None and title.value in _ROLE_KINDS:
                # vendors file many internships (and apprenticeships) as FullTime, Temporary or PartTime;
                # the title knows better
                return title
            if title is not None and (source, title.value) in _TITLE_OVER_VENDOR:
                return title
            return EmploymentFacet(source, vendor, "source")
    if title is not None:
        return title
    found = _from_body(body)
    if found is None or found.value != "intern":
        # an internship may name its hours too ("à temps plein"): the final-year internship says more
        return _final_year_facet(body) or found
    return found


def _final_year_facet(body: str) -> EmploymentFacet | None:
    final = _final_year(body)
    return EmploymentFacet("intern", final.group()[:_EVIDENCE_CHARS], "body") if final else None
