"""The plain English words the query language knows itself: workplaces, employment types, seasons."""

from __future__ import annotations

import re

from bot.extract.dates import INTERNSHIP_SEASONS, SEASON_COMPOUND_WORDS, SEASON_HOLIDAY_WORDS
from bot.models import EmploymentType, Workplace
from bot.query.folding import fold

WORKPLACE_WORDS: dict[str, Workplace] = {
    "remote": "remote",
    "fully remote": "remote",
    "wfh": "remote",
    "work from home": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on site": "onsite",
    "on-site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
    "office based": "onsite",
    "office-based": "onsite",
    "in person": "onsite",
    "in-person": "onsite",
    # remote with no place attached: "remote anywhere" is remote, not remote AND the word "anywhere"
    "anywhere": "remote",
    "worldwide": "remote",
    "remote anywhere": "remote",
    "remote worldwide": "remote",
    "remote global": "remote",
    "remote globally": "remote",
    "globally remote": "remote",
    "work from anywhere": "remote",
    "remote first": "remote",
    # in the other languages of the communities that use the bot
    "a distance": "remote",
    "hybride": "hybrid",
    "hibrido": "hybrid",
    "ibrido": "hybrid",
    "presentiel": "onsite",
    "presencial": "onsite",
    "remote-first": "remote",
    "fully-remote": "remote",
    "100% remote": "remote",
    "remote only": "remote",
    "remote-only": "remote",
    "remote friendly": "remote",
    "remote-friendly": "remote",
    "home office": "remote",
    "homeoffice": "remote",
    "home based": "remote",
    "home-based": "remote",
    "telecommute": "remote",
    "telecommuting": "remote",
    "teletravail": "remote",  # fr, télétravail
    "teletrabajo": "remote",  # es
    "remoto": "remote",  # es, it, pt
    "remota": "remote",  # es, it, pt: "vaga remota", "posición remota"
    "100% remoto": "remote",
    "100% remota": "remote",
    "a distancia": "remote",  # es
    "da remoto": "remote",  # it: "lavoro da remoto"
    "work anywhere": "remote",
    "in remoto": "remote",  # it
    "full remote": "remote",  # as Europeans write "fully remote"
    "open to remote": "remote",  # the workplace asked for; "open" is no keyword here
    "open for remote": "remote",
    "open to hybrid": "hybrid",
    "full-remote": "remote",
    "fully distributed": "remote",
    "remotos": "remote",
    "remotas": "remote",
    "hibrida": "hybrid",  # es, pt, as "hibrido"
    "ibrida": "hybrid",  # it
    "thuiswerken": "remote",  # nl
    "op afstand": "remote",
    "praca zdalna": "remote",  # pl, praca zdalna
    "zdalna": "remote",
    "zdalnie": "remote",
    "praca hybrydowa": "hybrid",
    "hybrydowa": "hybrid",
    "hybrydowo": "hybrid",
    "mobiles arbeiten": "remote",  # de
    "remote ok": "remote",
    "remote-ok": "remote",
    "remote possible": "remote",
    "hybrid remote": "hybrid",
}
TYPE_WORDS: dict[str, EmploymentType] = {
    "intern": "intern",
    "interns": "intern",
    "internship": "intern",
    "internships": "intern",
    "full time": "full_time",
    "full-time": "full_time",
    "fulltime": "full_time",
    "part time": "part_time",
    "part-time": "part_time",
    "parttime": "part_time",
    "contract": "contract",
    "contractor": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "apprenticeship": "apprenticeship",
    "apprentice": "apprenticeship",
    # other languages' words for an internship that extraction's table does not read as query words
    "estagio": "intern",  # pt, estágio
    "estagios": "intern",
    "estagiario": "intern",
    "estagiaria": "intern",
    "staz": "intern",  # pl, staż
    "stazysta": "intern",
    "praktyka": "intern",
    "praktyki": "intern",
    "praktykant": "intern",
    "praktykantka": "intern",
    "pasantia": "intern",  # es, pasantía
    "pasante": "intern",
    "praktik": "intern",  # da, no, sv
    "praktikant": "intern",
    # the UK's year-long internships
    "placement": "intern",
    "placements": "intern",
    "placement year": "intern",
    "industrial placement": "intern",
    "year in industry": "intern",
    "sandwich placement": "intern",
    "sandwich year": "intern",
    # a French student job ("job étudiant"): part-time work beside one's studies, as "Werkstudent" is
    "job etudiant": "part_time",
    "jobs etudiants": "part_time",
    "job etudiants": "part_time",
    "emploi etudiant": "part_time",
    "emplois etudiants": "part_time",
    # France's final-year internship ("stage de fin d'études", "PFE"), as the lexer folds its words
    "fin d'etudes": "intern",
    "stage de fin d'etudes": "intern",
    "projet de fin d'etudes": "intern",
    # kinds of internship a degree asks for, named in full: an internship, not a keyword beside one
    "practicas profesionales": "intern",  # es
    "practica profesional": "intern",  # and in the singular, as Latin American boards title one
    "practica": "intern",
    "practica preprofesional": "intern",
    "practicas preprofesionales": "intern",
    "practicas curriculares": "intern",
    "practicas extracurriculares": "intern",
    "tirocinio curriculare": "intern",  # it
    "tirocinio extracurriculare": "intern",
    "tirocinio formativo": "intern",
    "estagio curricular": "intern",  # pt
    "estagio obrigatorio": "intern",
    "estagio nao obrigatorio": "intern",
    "stage obligatoire": "intern",  # fr
    "stage conventionne": "intern",
    "freiwilliges praktikum": "intern",  # de
    "praktyki studenckie": "intern",  # pl
    "beca": "intern",  # es: a paid internship, as Spanish job boards title it ("Beca Marketing")
    "becas": "intern",
    "mi-temps": "part_time",  # fr
    "medio tiempo": "part_time",  # es
    "meio periodo": "part_time",  # pt, meio período
    "tempo parcial": "part_time",
    "tempo integral": "full_time",
    "deeltijd": "part_time",  # nl
    "voltijd": "full_time",
    "poł etatu": "part_time",  # pl, pół etatu, as the lexer folds it
    "pełny etat": "full_time",
    "pełen etat": "full_time",
    "mi temps": "part_time",
    "contrat pro": "apprenticeship",  # fr: work-study contracts, as "alternance" is
    "contrat de professionnalisation": "apprenticeship",
    "contrat d'apprentissage": "apprenticeship",
    "summer analyst": "intern",  # banks' internships
    "summer associate": "intern",  # law firms' and consultancies' internships
    "contract to hire": "contract",
    "contract-to-hire": "contract",
    "temp to perm": "contract",
    "temp-to-perm": "contract",
    "maternity cover": "temporary",  # UK: a fixed-term role while someone is on leave
    "maternity leave cover": "temporary",
    "mat cover": "temporary",
    "parental leave cover": "temporary",
    "freelance": "contract",
    "freelancer": "contract",
    # recruiters' shorthand: contract-to-hire, corp-to-corp and 1099 (US contractors' tax form) are contract
    # work; a full-time equivalent and a permanent role are full-time; a fixed-term contract is temporary
    "c2h": "contract",
    "c2c": "contract",
    "corp to corp": "contract",
    "corp-to-corp": "contract",
    "1099": "contract",
    "fte": "full_time",
    "ftc": "temporary",
    "fixed term contract": "temporary",
    "fixed-term contract": "temporary",
    # Chinese, Japanese, Korean (keyed folded, as query words are looked up)
    **{
        fold(word): "intern"
        for word in ("实习", "实习生", "實習", "實習生", "インターン", "インターンシップ", "인턴", "인턴십")
    },
}
# Words for a type that postings are not always read for (extraction reads "PFE" only beside French, and none
# of these in a text alone): such a word asks for the type *or* the word itself, so no posting is missed.
TYPES_ALSO_SEARCHED: dict[str, EmploymentType] = {
    "pfe": "intern",  # fr, "projet de fin d'études": the final-year internship ("stage PFE")
    "praxissemester": "intern",  # de, a degree's semester of work
    "afstudeerstage": "intern",  # nl, a final-year internship; "stage" is the Dutch word for one
    "stageplaats": "intern",
    "lehrstelle": "apprenticeship",  # de-AT, de-CH: "Lehre" is an apprenticeship there
    "lehrling": "apprenticeship",
}
# German compounds ending in a type's word: "Sommerpraktikum", "Auslandspraktikum", "Praktikumsstelle",
# "Werkstudentenstelle". What comes before names its kind (a season: "Sommer" is a start in summer).
_COMPOUND_TYPE = re.compile(
    r"^(?P<prefix>\w*?)(?P<head>praktik(?:um|a|ant|antin|anten)|werkstudent(?:in|en)?)"
    r"(?:s|en)?(?:stelle|stellen|platz|platze)?$"
)
_COMPOUND_HEADS: dict[str, EmploymentType] = {"praktik": "intern", "werkstudent": "part_time"}
# Dutch ones of a season and "stage" ("zomerstage"); only a season before it, as "backstage" is no internship
_SEASON_STAGE = re.compile(rf"^(?P<prefix>(?:{'|'.join(map(fold, SEASON_COMPOUND_WORDS))})s?)stages?$")


def compound_type(key: str) -> tuple[str, EmploymentType] | None:
    """(the word before, type) of a folded German compound ending in a type's word, or None."""
    dutch = _SEASON_STAGE.match(key)
    if dutch is not None:
        return dutch["prefix"], "intern"
    found = _COMPOUND_TYPE.match(key)
    if found is None or found["head"] == key:
        return None
    return found["prefix"], next(
        kind for head, kind in _COMPOUND_HEADS.items() if found["head"].startswith(head)
    )


# How the words above are written in their own language, for a suggestion a person recognises: "did you mean
# estágio?" rather than the folded "estagio" (both read alike).
WRITTEN_WITH_ACCENTS: dict[str, str] = {
    "estagio": "estágio", "estagios": "estágios", "estagiario": "estagiário", "estagiaria": "estagiária",
    "staz": "staż", "stazysta": "stażysta", "pasantia": "pasantía", "teletravail": "télétravail",
    "presentiel": "présentiel", "hibrido": "híbrido", "a distance": "à distance",
}  # fmt: skip
# Names people give a group of companies: "Big 4" asks for jobs at those firms, not for the words, which
# postings use of experience elsewhere ("3 years at a Big 4 firm"). (what the group is, the firms' names as
# job boards list them); keyed by folded words, a hyphen as a space.
COMPANY_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    **dict.fromkeys(
        ("big 4", "big four", "big4"),
        ("the Big Four accounting firms",
         ("Deloitte", "PwC", "PricewaterhouseCoopers", "EY", "Ernst & Young", "KPMG")),
    ),
    "mbb": ("the MBB strategy consultancies",
            ("McKinsey", "McKinsey & Company", "BCG", "Boston Consulting Group", "Bain", "Bain & Company")),
    **dict.fromkeys(
        ("faang", "maang"),
        ("the FAANG companies", ("Meta", "Facebook", "Amazon", "Apple", "Netflix", "Google", "Alphabet")),
    ),
}  # fmt: skip
# Programmes postings name in their title and describe in their text, that are no employment type of their
# own: France's "VIE" (Volontariat International en Entreprise), a paid posting abroad of 6 to 24 months.
# (the word its title has, the words its text has); keyed by folded words without dots.
PROGRAMMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "vie": ("VIE", ("volontariat international", "v i e")),
}  # fmt: skip
# Short forms that are common words once folded: the word "it" or "go" is in nearly every posting, so "IT"
# and "Go" are searched in the title, or by what they stand for in the text. "IT" only typed upper-case.
COMMON_WORD_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "it": ("information technology",),
    "go": ("golang",),
    # Portuguese, Spanish and French "TI" ("estágio TI", "soporte TI"): IT, "ti" being a word ("you")
    "ti": (
        "information technology", "tecnologia da informacao", "tecnologia de la informacion",
        "tecnologias de la informacion", "technologies de l information",
    ),
}  # fmt: skip
TYPE_LABELS: dict[str, str] = {
    "intern": "internship",
    "full_time": "full time",
    "part_time": "part time",
    "contract": "contract",
    "temporary": "temporary",
    "apprenticeship": "apprenticeship",
}
# Other languages' words for a type that are also English words: "stage" is an internship in French and
# German, a phase in English ("Stage 0 Propellant"). The type is kept, and the English reading named.
# Names written in camel case that are one word, so a hashtag of them stays whole ("#GitHub", "#LinkedIn")
# where "#DataScience" is its words; technology names and the level, type and workplace words count too.
CAMEL_CASE_NAMES: frozenset[str] = frozenset({
    "github", "gitlab", "bitbucket", "linkedin", "youtube", "facebook", "tiktok", "paypal", "openai",
    "deepmind", "doordash", "airbnb", "dropbox", "mailchimp", "jetbrains", "cloudflare", "datadog",
    "mongodb", "mysql", "postgresql", "postgres", "nosql", "devops", "devsecops", "mlops", "fintech",
    "edtech", "healthtech", "proptech", "insurtech", "iphone", "ipad", "macos", "playstation", "powerpoint",
    "sharepoint", "smartrecruiters", "jobteaser", "glassdoor", "rabbitmq", "webgl", "opengl", "pagerduty",
    "whatsapp", "bytedance", "nvidia", "sportradar", "zendesk", "salesforce", "hubspot", "wordpress",
    "servicenow", "powerbi", "nodejs", "nextjs", "reactjs", "vuejs", "typescript", "javascript",
})  # fmt: skip
ENGLISH_HOMOGRAPHS = frozenset({"stage", "stages"})
# Career level, matched against the seniority extraction reads from titles (bot.extract.seniority).
LEVEL_WORDS: dict[str, str] = {
    "new grad": "entry",
    "first job": "entry",
    "new grads": "entry",
    "newgrad": "entry",  # as a hashtag writes it ("#NewGrad")
    "newgrads": "entry",
    "new graduate": "entry",
    "new graduates": "entry",
    "recent graduate": "entry",
    "recent graduates": "entry",
    "graduate": "entry",
    "graduates": "entry",
    "grad": "entry",
    "entry level": "entry",
    "entry-level": "entry",
    "early career": "entry",
    "early-career": "entry",
    "no experience": "entry",
    "no experience required": "entry",
    "no experience needed": "entry",
    "without experience": "entry",
    "graduate scheme": "entry",
    "graduate programme": "entry",
    "graduate program": "entry",
    "grad scheme": "entry",
    "grad program": "entry",
    "grad programme": "entry",
    "junior": "entry",
    "juniors": "entry",  # "jobs for juniors"
    "jr": "entry",
    "fresh graduate": "entry",  # "job for fresh graduate", as it is said in Asia and the Gulf
    "fresh graduates": "entry",
    "fresh grad": "entry",
    "fresh grads": "entry",
    "fresher": "entry",  # India's word for a new graduate ("freshers hiring")
    "freshers": "entry",
    "mid level": "mid",
    "mid-level": "mid",
    "midlevel": "mid",
    "trainee": "entry",
    "trainees": "entry",
    "beginner": "entry",  # "job in tech for beginner", as non-native speakers write it
    "beginners": "entry",
    "entry": "entry",
    "mid": "mid",
    "intermediate": "mid",
    "medior": "mid",
    "senior": "senior",
    "seniors": "senior",
    "sr": "senior",
    "sr.": "senior",
    "snr": "senior",
    "senior level": "senior",
    "senior-level": "senior",
    "jr.": "entry",
    "junior level": "entry",
    "junior-level": "entry",
    # the levels extraction reads from titles above senior (bot.extract.seniority)
    "staff": "lead",
    "lead": "lead",
    "tech lead": "lead",
    "team lead": "lead",
    "principal": "principal",
    "distinguished": "principal",
    # title grades, as extraction reads them in titles ("Software Engineer II")
    "ii": "mid",
    "iii": "senior",
    "iv": "senior",
    "director": "director",
    "head of": "director",
    "vp": "director",
    "vice president": "director",
}
# Other languages' words for a beginner that extraction reads in titles (bot.extract.seniority)
LEVEL_WORDS.update(
    dict.fromkeys(("berufseinsteiger", "berufseinsteigerin", "debutant", "debutante"), "entry")
)
# Words for a graduate's first job that extraction does not read in titles: the level, or the word itself,
# so no posting naming its beginners so is missed ("Absolvent (m/w/d) Controlling").
LEVELS_ALSO_SEARCHED: dict[str, str] = dict.fromkeys(
    ("absolvent", "absolventin", "absolventen", "hochschulabsolvent", "hochschulabsolventen",
     "berufsanfanger", "traineeprogramm", "jeune diplome", "jeune diplomee", "jeunes diplomes",
     "recien graduado", "recien egresado", "neolaureato", "neolaureata", "neolaureati", "recem formado",
     "recem graduado"),
    "entry",
)  # fmt: skip
# Brazil's and Latin America's middle grade between junior and senior ("Analista de Dados Pleno", "semi
# senior"): the level, or the word, as extraction does not read it in titles.
LEVELS_ALSO_SEARCHED.update(
    dict.fromkeys(("pleno", "plena", "semi senior", "semi-senior", "semisenior", "semi sr", "semi-sr"), "mid")
)
# Polish grades ("młodszy programista", "starszy analityk"), as the lexer folds them (ł stays)
LEVELS_ALSO_SEARCHED.update(dict.fromkeys(("młodszy", "młodsza", "mlodszy", "mlodsza"), "entry"))
LEVELS_ALSO_SEARCHED.update(dict.fromkeys(("starszy", "starsza"), "senior"))
# Career levels from lowest to highest, as extraction ranks the words of a title (bot.extract.seniority).
LEVEL_ORDER: tuple[str, ...] = ("intern", "entry", "mid", "senior", "lead", "principal", "director")
LEVEL_LABELS: dict[str, str] = {
    "intern": "intern",
    "entry": "entry (new grad, junior)",
    "mid": "mid",
    "senior": "senior",
    "lead": "lead or staff",
    "principal": "principal",
    "distinguished": "principal",
    # title grades, as extraction reads them in titles ("Software Engineer II")
    "ii": "mid",
    "iii": "senior",
    "iv": "senior",
    "director": "director or head",
}
# Degrees, matched against the degree levels extraction reads from postings (bot.extract.degree). Only words
# that name nothing else: "MS" (Microsoft), "BA" (business analyst), "MA" (Massachusetts) and "MBA" (asked
# for by name) stay words, and "master" alone is the Scrum Master's.
DEGREE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("phd", "ph.d", "ph.d.", "ph d", "phds", "doctorate", "doctoral", "dphil", "phd degree",
         "phd student", "phd students", "phd candidate", "phd candidates", "doctoral student",
         "doctoral candidate"),
        "phd",
    ),
    **dict.fromkeys(
        ("master's", "masters", "master's degree", "masters degree", "msc", "m.sc", "m.sc.", "meng", "m.eng",
         "master's student", "masters student", "master's students", "masters students", "msc student"),
        "master",
    ),
    **dict.fromkeys(
        ("bachelor's", "bachelors", "bachelor", "bachelor's degree", "bachelors degree", "bsc", "b.sc",
         "b.sc.", "beng", "b.eng", "undergrad", "undergrads", "undergraduate", "undergraduates",
         "undergrad student", "undergraduate student", "undergraduate students", "bachelor's student",
         "bachelor student"),
        "bachelor",
    ),
}  # fmt: skip
DEGREE_LABELS: dict[str, str] = {"bachelor": "bachelor's", "master": "master's", "phd": "PhD"}
# Words around a language that make it a requirement: "fluent French", "French required", "French-speaking",
# "speaks Japanese", "bilingual Spanish", "fluent in German", "native German speaker", "German C1".
# The same words in the languages of the communities that use the bot (folded: "fließend" is "fliessend").
_REQUIRED_ELSEWHERE = frozenset({
    "courant", "natif", "native", "bilingue", "requis", "obligatoire", "exige",  # fr
    "fliessend", "verhandlungssicher", "muttersprachler", "muttersprachlerin", "erforderlich",  # de
    "avanzado", "fluido", "nativo", "nativa", "obligatorio", "requerido",  # es
    "fluente", "madrelingua", "richiesto", "obbligatorio",  # it, pt
})  # fmt: skip
REQUIRED_BEFORE = frozenset({
    "fluent", "native", "required", "mandatory", "speaks", "speak", "speaking", "bilingual", "proficient",
    "proficiency", "fluency", "business", "need", "needs", "needing", "require", "requires", "requiring",
}) | _REQUIRED_ELSEWHERE  # fmt: skip
REQUIRED_AFTER = frozenset({
    "required", "mandatory", "fluent", "fluency", "native", "speaking", "speaker", "speakers", "must",
    "bilingual", "proficiency", "proficient", "needed", "business",
}) | _REQUIRED_ELSEWHERE  # fmt: skip
# Language certificates name their language, and asking for one asks for the language: "JLPT N2".
LANGUAGE_TESTS: dict[str, str] = {
    "jlpt": "ja", "hsk": "zh", "topik": "ko", "delf": "fr", "dalf": "fr", "tcf": "fr", "dele": "es",
    "siele": "es", "testdaf": "de", "goethe": "de", "cils": "it", "celi": "it", "toefl": "en", "ielts": "en",
    "toeic": "en", "celpe-bras": "pt", "celpe bras": "pt",
}  # fmt: skip
# Words that only join the words above to the language: "fluent *in* German", "business *level* Japanese".
REQUIRED_GLUE = frozenset({"in", "level", "a", "is"})
# Words that name a language without asking for it more strongly: "conversational Spanish" is Spanish.
WEAK_LANGUAGE_WORDS = frozenset({"conversational", "basic", "working", "some", "knowledge", "of"})
# Varieties of a language, which postings' language facets do not tell apart: "Cantonese" is matched as
# Chinese, "Brazilian Portuguese" as Portuguese, and the explanation says so.
LANGUAGE_VARIETIES: dict[str, str] = {
    "mandarin": "zh", "cantonese": "zh", "simplified chinese": "zh", "traditional chinese": "zh",
    "swiss german": "de", "austrian german": "de", "brazilian portuguese": "pt", "european portuguese": "pt",
    "latin american spanish": "es", "latam spanish": "es", "castilian": "es", "castilian spanish": "es",
    "canadian french": "fr", "quebecois": "fr", "belgian french": "fr",
    "swiss french": "fr", "flemish": "nl", "american english": "en", "british english": "en",
}  # fmt: skip
# ISO 639-3 codes of the languages inside a macrolanguage, which postings carry by the macrolanguage's code:
# "lang:yue" (Cantonese) and "lang:cmn" (Mandarin) are Chinese, as "Cantonese" is.
LANGUAGE_MEMBERS: dict[str, str] = {
    "cmn": "zh", "yue": "zh", "wuu": "zh", "nan": "zh", "hak": "zh", "arb": "ar", "zsm": "ms", "pes": "fa",
    "swh": "sw", "ekk": "et", "lvs": "lv", "als": "sq", "khk": "mn",
    # and the codes postings file under another: Filipino is read as Tagalog, Bokmål and Nynorsk as Norwegian
    "fil": "tl", "nb": "no", "nn": "no",
}  # fmt: skip
# Words after a language that ask for it less than required: "French preferred", "German is a plus",
# "Spanish nice to have" are Spanish; "French optional" asks that French not be required.
PREFERRED_AFTER = frozenset({
    "preferred", "preferable", "optional", "plus", "bonus", "desirable", "advantage", "asset", "nice", "to",
    "have", "welcome", "helpful",
})  # fmt: skip
# Language levels: CEFR (A1 to C2), JLPT (N1 to N5), HSK (1 to 6): "German C1", "Japanese N2", "B2 French".
LANGUAGE_LEVEL = re.compile(r"^(?:[abc][12]|n[1-5]|hsk ?[1-6])$")
# Upper-case short forms that are ISO country codes but, typed alone, mean a field of work: "ML engineer" is
# machine learning, not Mali. Read as keywords; the country stays one field away (country:ML).
JOB_ABBREVIATIONS = frozenset({
    "ML", "AI", "QA", "HR", "PR", "UX", "UI", "IT", "BI", "PM", "BA", "CS", "DS", "SE", "CV", "AR", "VR",
    "GM", "AD", "MS", "TV", "IO", "SA",
    "KI",  # German for AI (künstliche Intelligenz), not Kiribati
    "SWE",  # software engineer (Sweden is SWE in ISO 3166 alpha-3)
    "BD", "AE", "EE", "CX", "PO", "PE", "TL", "CI", "CD",  # business development, account executive,
    # electrical engineering, customer experience, product owner, private equity, tech lead, CI/CD
    "SRE", "SDE", "MLE", "TPM", "APM", "EM",  # short titles, so "SWE/SRE" is either
})  # fmt: skip
# Upper-case short forms of employment types, as job boards write them ("FT/PT"): "FT" is full time; "PT"
# stays Portugal, whose code it is, and the explanation names part time.
TYPE_SHORT_FORMS: dict[str, EmploymentType] = {"FT": "full_time", "PT": "part_time"}
# Recruiters' short words for a type that are something else when capitalised: "perm" is a permanent role,
# "Perm" the Russian city and "PERM" the US labour certification.
LOWER_CASE_TYPE_WORDS: dict[str, EmploymentType] = {"perm": "full_time", "perms": "full_time"}
# Upper-case short forms for areas whose letters are also a country code ("Remote - NA" is North America).
AREA_SHORT_FORMS: dict[str, str] = {"NA": "North America", "NAM": "North America", "TO": "Toronto"}
# Lower-case words that are also town names: read as keywords unless capitalized ("Mobile", city:mobile).
WORDS_BEFORE_PLACES = frozenset({
    "mobile", "split", "nice", "reading", "bath", "sale", "orange", "best", "university", "bar", "deal",
    "march", "normal", "surprise", "federal", "union", "hope", "unity", "liberty", "energy", "marine",
    "commerce", "industry", "opportunity", "perm", "media", "officer", "bank", "alliance", "green",
    "enterprise", "julia", "gap",
    # common words the gazetteer also knows as a town, or as a town's misspelling ("part", Perth)
    "time", "mission", "most", "part", "manage", "pen", "shaping", "turn", "mentor", "hire", "come", "date",
    "pace", "much", "along", "peer", "same", "buy", "goes", "save", "rest", "central", "basic", "drug",
    "say", "spoken", "name", "alley", "oral", "humble", "independence", "young", "superior", "tape", "rich",
    "okay", "sake", "paramount", "lend", "logos", "solo", "mile", "tour", "soul", "marks", "lens", "fleet",
    "gold", "retreat", "boom", "yoga", "golden", "pets", "semi", "dual", "evergreen", "police", "pristine",
    "bend",
})  # fmt: skip
# Names of technologies and jobs whose words would each be read as something else: "Spring Boot" is not a
# start in spring, "social media" not the town Médéa, "staff accountant" not the staff level, "chief of
# staff" not a director. Read as one keyword phrase.
KEYWORD_PHRASES = frozenset({
    "spring boot", "spring framework", "spring cloud", "spring mvc", "spring batch", "spring security",
    "social media", "chief of staff", "staff accountant", "staff nurse", "staff writer", "support staff",
    "lead generation", "lead gen", "summer school",
    # technologies of several words, each of which alone means something else ("on", "native", "cloud")
    "ruby on rails", "react native", "power bi", "sql server", "google cloud", "unreal engine",
    "objective c", "visual basic", "big data", "hedge fund", "private cloud",
    # jobs and programmes of several words, each of which alone means something else ("master", "spring")
    "data entry", "call center", "call centre", "contact center", "contact centre", "help desk",
    "service desk", "front desk", "low latency",
    # a company's age or a stage of work, not the French internship ("early stage startup")
    "early stage", "late stage", "growth stage", "seed stage", "center stage", "centre stage",
    "scrum master", "spring week", "spring insight", "insight week", "duales studium", "dualer studiengang",
    # a thesis position, as German "Masterarbeit" is: not the degree "master" beside the word "thesis"
    "master thesis", "masters thesis", "master's thesis", "master’s thesis", "bachelor thesis",
    "bachelors thesis", "bachelor's thesis", "bachelor’s thesis",
    # names holding a short form that means something else alone: "Go" (the language)
    "go to market", "go live",
    # a bank's internship outside the summer, written apart as often as hyphened
    "off cycle", "gap year",
    # fields and programmes holding "work", which alone is in nearly every posting and left out
    "social work", "work study", "youth work", "field work",
})  # fmt: skip
# Names that start with (or hold) a place but name a school, a company or a paper: "Georgia Tech" is not
# Georgia and the word "tech". Read as one phrase, and the explanation says so. Any other place followed by
# capitalised words ending in one of NAME_ENDINGS ("Boston Consulting Group", "Washington Post") is too.
NAMES_WITH_PLACES = frozenset({
    "georgia tech", "virginia tech", "texas tech", "louisiana tech", "michigan tech", "penn state",
    "ohio state", "michigan state", "arizona state", "florida state", "iowa state", "oregon state",
    "kansas state", "kent state", "boston consulting group", "washington post", "new york times",
    "texas instruments",
    "bank of america", "bank of england", "bank of canada", "bank of ireland", "bank of montreal",
    "bank of china", "bank of new york", "bank of new york mellon", "american express", "american airlines",
    "deutsche bank", "deutsche telekom", "deutsche bahn", "swiss re", "china mobile", "singapore airlines",
    "texas a&m", "london business school", "london stock exchange", "new york life", "boston scientific",
    "boston dynamics", "canada goose",
    "jp morgan", "j.p. morgan", "j. p. morgan", "jp morgan chase", "j.p. morgan chase", "morgan stanley",
    "wells fargo", "royal bank of canada", "air france", "air canada", "qatar airways", "british airways",
    "munich re", "hannover re", "zurich insurance", "credit suisse", "booz allen hamilton",
    "berkshire hathaway", "northern trust", "state street", "hudson river trading", "jane street",
    "lockheed martin", "jaguar land rover", "virgin atlantic", "china construction bank",
})  # fmt: skip
# Names written with a spaced "&" that is part of the name, not AND: "Ernst & Young" is one firm.
NAMES_WITH_AMPERSAND = frozenset({
    "ernst & young", "bain & company", "mckinsey & company", "procter & gamble", "johnson & johnson",
    "marks & spencer", "at & t", "m & a", "r & d", "p & g", "s & p", "b & q", "h & m", "m & s", "l & d",
    "q & a", "fp & a", "p & l",
})  # fmt: skip
# Only words that end organisations' names: "Boston Consulting", "Sydney Hospital" or "Paris School" may
# well mean consulting, a hospital or a school in that town, so those words are not here.
NAME_ENDINGS = frozenset({
    "university", "college", "institute", "group", "post", "times", "tribune", "herald", "journal",
    "gazette", "chronicle", "bank", "instruments", "dynamics", "scientific", "airlines", "airways",
    "partners", "inc", "ltd", "llc", "gmbh", "corp", "corporation", "holdings", "labs", "laboratories",
    "exchange",
})  # fmt: skip
# Words that say nothing a posting could be matched on, in queries typed as sentences ("junior analyst
# role in London", "US only", "Berlin based"): left out, and the explanation says so. A name that holds
# one ("The Hague", "head of", "fluent in German") is read whole before its words are.
FILLER_WORDS = frozenset({
    "a", "an", "the", "in", "at", "for", "of", "to", "with", "near", "around", "based", "only", "please",
    "job", "jobs", "role", "roles", "position", "positions", "opening", "openings", "vacancy", "vacancies",
    "looking", "seeking", "i", "me", "my", "want", "any", "that", "which", "who", "within", "nearby",
    "radius", "surrounding", "commutable", "start", "starting",
    "as", "am", "ok", "okay",  # "I am looking for job in London as data analyst", "English ok"
    # words in nearly every posting, so no filter: "work in paris with english", "company hiring ..."
    "work", "company", "companies",
    # a request typed as a sentence: "can you show me ... where Spanish is needed", "I'm looking for ..."
    "i'm", "im", "i'd", "you", "can", "could", "would", "show", "find", "give", "send", "like", "interested",
    "but", "ones", "everything", "anything", "all", "where", "hi", "hello", "hey", "thanks", "pls", "plz",
    "preferably", "ideally", "also", "from", "do", "does", "about", "notify", "need",
    "hiring",  # "#hiring", as posts announcing jobs tag themselves: every posting is hiring
    # the small words of the other languages the bot is used in, in lower case ("EN" stays a code; "de"
    # alone stays a word, as a bare two-letter query is more likely a search than German)
    "du", "des", "les", "en", "au", "aux", "pour", "dans", "avec", "para", "con", "del", "em", "com",
    "fur", "mit", "bei", "als", "ab", "bereich", "w", "we",  # "im Bereich HR", Polish "staż w IT"
    # and their words for a job or an opening, as "jobs" is ("vaga remota", "trabajo remoto", "lavoro")
    "trabajo", "trabajos", "empleo", "empleos", "vaga", "vagas", "emprego", "lavoro", "emploi", "emplois",
    "offre", "offres", "stelle", "stellen", "stellenangebot", "vacature", "vacatures", "praca", "oferta",
    "ofertas",
    # "je cherche un stage", "busco prácticas", "cerco un tirocinio", "ich suche ein Praktikum"
    "je", "cherche", "recherche", "un", "une", "busco", "buscando", "cerco", "ich", "suche", "ein", "eine",
    "einen", "procuro", "um", "uma",
    "het", "een", "bij", "voor",  # Dutch small words ("stage in het buitenland", "stage bij een startup")
})  # fmt: skip
# Extraction's one table of season words, folded as the query reads words ("d'été" is "d'ete"), and those
# of them that name the holidays, not a season: beside an internship they are the summer break's ("estágio de
# férias"), alone only the word ("férias" is any holiday, "wakacje" the summer holidays).
_SEASONS = {fold(word): season for word, season in INTERNSHIP_SEASONS.items()}
HOLIDAY_WORDS = frozenset(fold(word) for word in SEASON_HOLIDAY_WORDS)
_SEASON_WORDS = "|".join(sorted(_SEASONS, key=len, reverse=True))
_SEASON_TEXT = re.compile(rf"^(?:({_SEASON_WORDS})[\s-]*(\d{{4}}|'?\d{{2}})?|(\d{{4}})\s+({_SEASON_WORDS}))$")
# Season words that are also English words ("estate", Italian summer): a start only with a year beside them.
_DATED_SEASONS = {"estate": "summer"}
_DATED_SEASON = re.compile(r"^(?:(estate)[\s-]*(\d{4}|'\d{2})|(\d{4})\s+(estate))$")
# A month is matched as its season, as matching reads a posting's start date (December is the next winter's).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
# The months in the other languages of the bot's communities ("ab März 2027", "septembre 2026"), folded;
# those that are also names or English words ("Marco", "Mayo", "Julio", "mars", "mai") are left out.
_OTHER_MONTHS: dict[str, int] = {
    "januar": 1, "februar": 2, "marz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "fevrier": 2, "avril": 4, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4,
    "junio": 6, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12, "janeiro": 1, "fevereiro": 2, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
}  # fmt: skip
MONTHS.update(_OTHER_MONTHS)
# Months whose names are also words or names in one of the bot's languages ("May", "Mai", "mars", "Mayo",
# "Julio", "março", Dutch "mei"): a start only with a year after them ("ab Mai 2027") or after a word saying
# from when ("from May"); alone they stay what they are ("Mai" is a town in Kenya, "may" a word).
WORD_MONTHS: dict[str, int] = {
    "mai": 5, "mars": 3, "mayo": 5, "julio": 7, "marco": 3, "maj": 5, "mei": 5, "maart": 3, "januari": 1,
    "februari": 2, "augustus": 8,
}  # fmt: skip
# Words saying from when a job starts, before its month or season ("ab Mai 2027", "à partir de septembre",
# "desde junio", "vanaf september"): the month is the start; the words themselves are left out (folded).
START_FROM: frozenset[str] = frozenset({
    "from", "starting", "starting from", "start", "start in", "starting in", "beginning", "beginning in",
    "from mid", "ab", "a partir de", "a partir do", "a partir da",
    "a partir del", "a partir d", "desde", "vanaf", "dal", "dalla", "dallo",
})  # fmt: skip
# Words asking for a job that starts at once: no posting says so in a way that can be read, and searched as
# words they would match only postings that happen to use them. Left out, and the explanation says why.
START_NOW = frozenset({
    "asap", "a.s.a.p", "a.s.a.p.", "as soon as possible", "immediately", "immediate start", "start asap",
    "start immediately", "sofort", "ab sofort", "des que possible", "immediatement", "de inmediato",
    "inmediato", "inmediata", "incorporacion inmediata", "immediatamente", "subito", "imediato",
    "imediatamente", "per direct", "immediate joiner", "immediate joiners", "immediate joining",
    "urgently", "urgent hiring", "urgently hiring", "immediate hire", "immediately available",
})  # fmt: skip
# How sought-after or recent a job is, which no posting's words say: left out, said. Every new posting is
# sent as it comes, so "latest" asks for nothing more. Not "new grad", "top secret" (other words).
NO_FILTER_WORDS = frozenset({"hot", "hottest", "trending", "latest", "newest", "fresh jobs"})
# Pay, which postings are not read for: a word asking for it ("paid", "salary", "stipend") is searched as
# written, a currency sign alone left out, and the explanation says so either way. Not the words of jobs
# ("compensation analyst", "payroll").
PAY_WORDS = frozenset({
    "paid", "unpaid", "salary", "salaried", "stipend", "stipends", "remunerated", "bezahlt", "verguetet",
    "vergutet", "verguetung", "vergutung", "gehalt", "remunere", "remuneree", "remunerado", "remunerada",
    "remunerato", "remunerata", "retribuido", "retribuida", "pagado", "pagada", "pago", "paga", "platny",
    "platna", "betaald", "gratificacion", "gratification", "bolsa",
})  # fmt: skip
CURRENCY_SIGNS = frozenset("$€£¥₹")
MONTH_SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
                 7: "summer", 8: "summer", 9: "fall", 10: "fall", 11: "fall"}  # fmt: skip
# A quarter is matched as the season most of its months are in: Q1 (January, February, March) is winter.
QUARTER_SEASONS = {1: "winter", 2: "spring", 3: "summer", 4: "fall"}
_QUARTER_TEXT = re.compile(r"^q([1-4])(?:[\s-]*(\d{4}|'\d{2}))?$|^(\d{4})[\s-]*q([1-4])$")
_MONTH_TEXT = re.compile(r"^([a-z]+)\.?(?:[\s-]*(\d{4}|'\d{2}))?$")
# A distance from a place ("within 50km of Lyon"): postings are matched on the place itself, so it is left
# out like the words that name nothing, and the explanation says so.
DISTANCE = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:km|kms|kilometers?|kilometres?|mi|miles?)$")
# What postings are not read for, so words naming it are searched as written, and the explanation says so:
# (pattern on the folded words, what it is). The longest run of words matching one is read as one phrase.
SEARCHED_ONLY: tuple[tuple[re.Pattern[str], str], ...] = (
    (  # "3+ years", "0-2 years experience", "5 years of experience"
        re.compile(r"^\d+\+?(?:\s*-\s*\d+)?\+?\s*(?:years?|yrs?|yoe)(?:\s+(?:of\s+)?(?:experience|exp))?$"
                   r"|^\d+\+?\s*(?:yoe)$"),
        "years of experience",
    ),
    (  # "6 months", "3-6 months", "3 à 6 mois", "6 Monate", as the bot's communities say it
        re.compile(r"^\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|a|bis|ate|hasta|do|tot|or|ou|oder|o)\s*\d+(?:[.,]\d+)?)?"
                   r"[\s-]*(?:months?|mos?|weeks?|wks?|years?|yrs?|mois|monate?|meses|mesi"
                   r"|miesiecy|maanden|semaines|wochen|semanas)$"),
        "how long a job lasts",
    ),
    (re.compile(r"^\d+\s*(?:h|hrs?|hours?|std|stunden|heures)(?:\s*(?:/|per|a)\s*(?:week|wk|w|woche|semaine|semana|settimana))?$"),
     "hours a week"),
    (  # "80-100%", "60%": a Swiss posting's workload, a share of full time ("100%" alone is "fully")
        re.compile(r"^(?:\d{1,3}\s*%?\s*[-–]\s*)\d{1,3}\s*%$|^(?:[1-9]\d?)\s*%$"),
        "workload (a share of full time)",
    ),
    (  # "$100k", "50k", "1500€/month", "€20 per hour"
        re.compile(r"^(?:[$€£]\s?\d[\d,.]*\s?k?|\d[\d,.]*\s?k|\d[\d,.]*\s?[$€£])\+?"
                   r"(?:\s*(?:/|per|a|an|pro|par|al)\s*(?:months?|mo|years?|yr|annum|hours?|hr|h|weeks?|wk"
                   r"|monat|mois|mes|mese|ano|jahr|an|stunde|heure|hora))?$"),
        "pay",
    ),
    (re.compile(rf"^(?:{'|'.join(sorted(PAY_WORDS))})$"), "pay"),  # "paid internship", "stipend"
    (  # "first years", "final year students": the year of study a job is for, which postings say in words
        re.compile(r"^(?:first|second|third|fourth|final|penultimate|pre-?final|last|1st|2nd|3rd|4th)[\s-]+"
                   r"years?(?:\s+(?:students?|undergrad(?:uate)?s?|university\s+students?))?$"
                   r"|^(?:freshman|freshmen|sophomores?)(?:\s+(?:years?|students?))?$"),
        "which year of study a job is for",
    ),
    (  # "remote EST", "UTC+1", "CET +/- 2h", "US timezones": where a remote team works from is a place
        re.compile(r"^(?:(?:utc|gmt)(?:\s*[+±-]\s*\d{1,2}(?::?\d{2})?)?|[ecmp][sd]t|ce[s]?t|ee[s]?t|wet"
                   r"|bst|ist|jst|kst|sgt|aest|aedt|nzst|brt)(?:\s+(?:time\s*zones?|timezones?|hours|[+±-]\s*\d+h?))?$"
                   r"|^(?:time\s*zones?|timezones?)(?:\s+overlap)?$"),
        "time zones",
    ),
    (  # "L4", "IC3", "E5", "SDE 2": one company's ladder, not a career level postings share
        re.compile(r"^(?:l|e|ic)\d{1,2}$|^(?:sde|swe|sdet)\s*-?\s*[1-4]$"),
        "company level codes",
    ),
    (  # "visa sponsorship", "H1B", "relocation": the words are in "we cannot offer visa sponsorship" too
        re.compile(r"^(?:(?:visa|h-?1-?b|work\s+visa)\s*)?(?:sponsor|sponsors|sponsored|sponsorship)$"
                   r"|^(?:visa|h-?1-?b|opt|cpt|stem\s+opt|work\s+permit|blue\s+card|work\s+visa)$"
                   r"|^relocation(?:\s+(?:package|assistance|support|bonus))?$|^relocate$"),
        "whether a job offers visa sponsorship or relocation (a posting refusing it uses the same words)",
    ),
    (  # "US citizens only", "security clearance", "TS/SCI", "green card holders": who may apply
        re.compile(r"^(?:(?:us|u\.s\.|eu|uk|u\.k\.)\s+)?(?:citizens?|citizenship|nationals?)$"
                   r"|^(?:(?:active|security|secret|top\s+secret)\s+)*clearance$|^ts\s*/?\s*sci$"
                   r"|^green\s+card(?:\s+holders?)?$"),
        "whether a job asks for a citizenship or a security clearance",
    ),
    (  # "class of 2026": when a person graduates, which postings name in words
        re.compile(r"^class\s+of\s+(?:20)?\d\d$"),
        "graduation years",
    ),
    (  # "4-day week", "hybrid 2 days", "3 days a week"; "in office" after them stays a workplace
        re.compile(r"^(?:\d|one|two|three|four|five)[\s-]*days?(?:\s+(?:a|per|/)?\s*(?:work(?:ing)?\s+)?week)?$"),
        "days in the office or in the working week",
    ),
)  # fmt: skip


def simple_season(text: str) -> tuple[str | None, int | None] | None:
    """(season, year) when ``text`` is an English season and/or year such as "summer 2026", else None."""
    match = _SEASON_TEXT.match(fold(text).strip())
    if not match:
        dated = _DATED_SEASON.match(fold(text).strip())  # "estate 2027": Italian summer, with its year only
        return (_DATED_SEASONS[dated[1] or dated[4]], _full_year(dated[2] or dated[3])) if dated else None
    season = match.group(1) or match.group(4)
    year = match.group(2) or match.group(3)
    return _SEASONS[season], _full_year(year) if year else None


def month_start(text: str, any_month: bool = False) -> tuple[str, int | None] | None:
    """(season, year) of a month and year such as "September 2026", "Sept '26", "January", else None.

    A month alone must be written in full: "mar", "may" and "jun" are words too (other languages' months,
    "März", "juin", are no English words). ``any_month``: a word said the start comes ("from May"), so any
    month's name counts, alone too.
    """
    match = _MONTH_TEXT.match(fold(text).strip())
    month = MONTHS.get(match.group(1)) if match else None
    if match is not None and month is None and (match.group(2) or any_month):  # "Mai 2027", "from May"
        month = WORD_MONTHS.get(match.group(1))
    short = len(match.group(1)) < 6 and match.group(1) not in _OTHER_MONTHS if match else True  # "juni"
    if match is None or month is None or (not match.group(2) and short and not any_month):
        return None
    return MONTH_SEASONS[month], _full_year(match.group(2)) if match.group(2) else None


_MONTH_RANGE = re.compile(
    r"^([a-z]+)\.?\s*(?:-|–|—|to|till|until|through|thru|bis|a|au|al|hasta|ate|tot)\s*([a-z]+)\.?"
    r"(?:[\s-]*(\d{4}|'\d{2}))?$"
)


def month_range(text: str) -> tuple[tuple[str, ...], int | None] | None:
    """(seasons, year) of a range of months ("June–August", "März bis Mai 2027"), in order, else None.

    A job starting in any month of the range starts in any of their seasons: June to September is summer or
    fall.
    """
    match = _MONTH_RANGE.match(fold(text).strip())
    if match is None:
        return None
    first, last = (MONTHS.get(name) or WORD_MONTHS.get(name) for name in (match.group(1), match.group(2)))
    if first is None or last is None or first == last:
        return None
    months = [(first - 1 + step) % 12 + 1 for step in range((last - first) % 12 + 1)]
    seasons = tuple(dict.fromkeys(MONTH_SEASONS[month] for month in months))
    return seasons, _full_year(match.group(3)) if match.group(3) else None


# German universities' semesters, as students name when an internship falls ("Praktikum im WS 2026/27",
# "ab SoSe 2027"): the winter one's lectures run from October to February, the summer one's from April to
# July. Folded names; "WS" and "SS" alone are Samoa's and South Sudan's codes, so they need a year or a word
# saying from when.
_SEMESTER_NAMES = {
    "ws": "winter", "wise": "winter", "wintersemester": "winter", "winter semester": "winter",
    "ss": "summer", "sose": "summer", "sommersemester": "summer", "summer semester": "summer",
}  # fmt: skip
SEMESTER_CODES = frozenset({"WS", "SS"})
_SEMESTER = re.compile(
    rf"^({'|'.join(sorted(_SEMESTER_NAMES, key=len, reverse=True))})\.?"
    r"(?:\s*(20[2-3]\d|'?[2-3]\d)(?:\s*[/-]\s*(?:20)?[2-3]\d)?)?$"
)


def semester_starts(text: str) -> tuple[tuple[str, int | None], ...] | None:
    """The (season, year) starts a German semester spans ("WS 2026/27": fall 2026, winter 2026 and 2027)."""
    match = _SEMESTER.match(fold(text).strip())
    if match is None:
        return None
    year = _full_year(match.group(2)) if match.group(2) else None
    if _SEMESTER_NAMES[match.group(1)] == "summer":
        return (("spring", year), ("summer", year))
    return (("fall", year), ("winter", year), *((("winter", year + 1),) if year else ()))


def quarter_start(text: str) -> tuple[str, int | None] | None:
    """(season, year) of a quarter ("Q1 2027", "2027 Q3", "Q4"): the season most of it is in; else None."""
    match = _QUARTER_TEXT.match(fold(text).strip())
    if match is None:
        return None
    quarter, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return QUARTER_SEASONS[int(quarter)], _full_year(year) if year else None


def _full_year(text: str) -> int:
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)
