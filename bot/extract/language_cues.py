"""The words around a language name that say whether, how strongly and how well it is asked for.

English first, then the posting languages jobbot meets most (German, French, Spanish, Italian, Dutch,
Portuguese, Polish, the Nordic languages). All patterns are compiled once and matched case-insensitively.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Where a sentence or list item ends inside one line.
# A sentence ends at a full stop (not "e.g."); a dash before a capital starts a new inline list item,
# unless a level follows ("German – C1").
UNIT_BREAK = re.compile(
    r"(?<=[.!?;])(?<![a-z]\.[a-z]\.)\s+|\s+[-–—•·▪]\s+(?=[A-Z(])(?![ABC][12]\b)|\s*[•·▪]\s*|(?<=[a-z)])\s+-\s*(?=[A-Z])(?![ABC][12]\b)"
)

# Where a clause ends inside a sentence: commas, brackets, dashes, "but", "whereas".
CLAUSE_BREAK = re.compile(r"[,()\[\];]|\s[-–—]\s|\s+(?:but|whereas|while|aber|mais|pero|ma|maar)\s+", _I)

# Words that say the name is a language the candidate uses.
CUE = re.compile(
    r"fluen|native|mother[\s-]tongue|proficien|bilingual|trilingual|multilingual|speak(?!s)|spoken|written|"
    r"writing|verbal|oral|language|skills?\b|command\s+of|level|\b[abc][12]\b|jlpt|\bhsk\b|\bn[1-3]\b|"
    r"communicat|knowledge\s+of|read\b|reading|conversational|business[\s-]level|working\s+proficiency|"
    r"excellent|strong|perfect|flawless|impeccable|good\s+(?:command|knowledge)|mastery|grasp\s+of|"
    r"requirements?\b|required|mandatory|essential|a\s+must|must[\s-]have|"
    r"basic|intermediate|advanced|"
    # "Spanish or Portuguese depending on location": one of them is needed, which one depends on where
    r"depending\s+on\s+(?:the\s+|your\s+)?(?:location|country|region|office|site|territory|city|team)|"
    r"\b(?:work|working|present|presenting|negotiat\w*|operat\w*|conduct\w*|deliver\w*|converse)\s+in\b|"
    # German, French, Spanish, Italian, Dutch, Portuguese, Polish, Nordic
    r"fließend|fliessend|verhandlungssicher|muttersprach|kenntnis|sprache|sprachlich|"
    r"courant|couramment|bilingue|maîtris|parl[ée]|écrit|langue|niveau|natif|native|"
    r"fluid[oa]|idioma|nivel|dominio|nativ[oa]|hablad[oa]|escrit[oa]|"
    r"madrelingua|lingua|conoscenza|padronanza|ottim[oa]|"
    r"vloeiend|beheersing|\btaal|moedertaal|spreek|"
    r"fluente|falad[oa]|flu[êe]ncia|obrigat[óo]ri|essencial|intermedi[áa]ri|b[áa]sic[oa]|"
    # "Anglais professionnel", "Inglés avanzado", "Conhecimento avançado de inglês"
    r"professionnel|profesional|professionale|profissional|avanzad|avancé|avançad|avanzat|"
    r"conocimiento|conhecimento|comunicaci|comunicaç|comunicazion|"
    r"biegł|znajomoś|język|"
    r"flytande|flydende|språk|sprog",
    _I,
)

# Someone else speaking a language ("most of our riders speak Dutch"): says nothing about the candidate.
OTHERS_SPEAK = re.compile(
    r"\b(?:they|staff|team|teams|customers|clients|users|riders|drivers|people|members|colleagues|partners|"
    r"everyone|everybody|most|many|locals|population|patients|students|guests|who)\b"
    r"(?:\s+[^\W\d_]+){0,3}?\s+(?:also\s+|mostly\s+|mainly\s+|only\s+)?speaks?\b",
    _I,
)

# Cues that address the candidate directly, strong enough to outweigh a market word in the same clause.
STRONG_CUE = re.compile(
    r"fluen|native|mother[\s-]tongue|proficien|bilingual|\byou\s+speak|skills?\b|\b[abc][12]\b|"
    r"command\s+of|level|communicat|excellent|strong|mandatory|required|essential|\bmust\b|"
    # "Ability to converse in Spanish with customers", "You will speak French with clients"
    r"\bconverse\s+in\b|\b(?:will|to|can)\s+speak\b|"
    r"fließend|muttersprach|kenntnis|courant|maîtris|madrelingua|vloeiend",
    _I,
)

# "our working language is English": the candidate must work in it.
WORKING_LANGUAGE = re.compile(
    r"(?:working|company|business|official|corporate|team|main|primary|internal)\s+language|"
    r"language\s+of\s+(?:work|communication|the\s+(?:company|team|role))|\bwe\s+(?:all\s+)?speak|"
    r"Arbeitssprache|Unternehmenssprache|langue\s+de\s+travail",
    _I,
)

# Words that may follow a language name used as a language ("German is a plus", "English skills",
# "French (C1)"); any other word makes the name an adjective of a noun ("French customers", "German GAAP").
NEXT_WORDS = frozenset(
    _words(
        "and or nor as at in is are was be will would could should can must also both either only plus "
        "preferred required mandatory essential a an to for with from considered highly strongly creole "
        "speaking speaker speakers speak spoken written writing verbal oral reading fluency fluent fluently "
        "natively native proficiency proficient skills skill language languages level levels communication "
        "communications knowledge mother conversational conversation business professional working "
        "competency competence ability desired desirable nice beneficial advantageous welcome helpful "
        "useful preferably ideally would a bonus optional necessary needed bilingual c b depending "
        # English function words: after them the name was a noun of its own ("English along with …")
        "about above across after against along among around before behind below beside between beyond by "
        "despite during except inside into like near off on onto out over per through throughout toward "
        "towards under until upon via within without but yet because although though whereas while if unless "
        "whether than which that who whom whose what this these those it its their your our we you they "
        "been being has have had do does did shall may might too very well just even mainly primarily "
        "especially particularly now then etc so since including e g i ie eg when where "
        # German, French, Spanish, Italian, Dutch, Portuguese, Nordic
        "und oder sowie als ist sind wäre auf in von zwingend fließend fliessend verhandlungssicher "
        "kenntnisse sprachkenntnisse muttersprache muttersprachlich erforderlich wünschenswert "
        "et ou est sont serait un une courant courante couramment exigé requis souhaité souhaitée niveau "
        "parlé écrit obligatoire indispensable apprécié natif native bilingue langue "
        "y o es son será nivel fluido fluida avanzado avanzada nativo nativa imprescindible valorable "
        "hablado escrito deseable se "
        "e è sarà madrelingua fluente ottimo ottima costituisce scritto parlata scritta parlato livello "
        "gradita gradito preferibile sia "
        "professionnel professionnelle profesional professionale profissional avancé avancée avanzato "
        "avanzata avançado avançada "
        "en of is zijn vloeiend vereist moedertaal niveau "
        "um é obrigatório obrigatória desejável diferencial essencial nível básico básica intermediário "
        "intermediária "
        "będzie jest mile wymagana wymagany wymagane wymagana lub oraz na poziomie "
        "och eller og är er flytande flydende"
    )
)

# A clause about customers, markets or products: the languages in it are not the candidate's.
MARKET_CLAUSE = re.compile(
    r"customers|clients|markets?\b|merchants|users\b|audiences?|translat|locali[sz]|subtitl|"
    r"available\s+in|support(?:s|ed)?\s+(?:in\s+)?(?:\d+|many|multiple)|offices?\s+in|based\s+in|"
    r"headquarter|nationalit|citizens",
    _I,
)

# Hedges after the name ("German is a plus") or anywhere in its clause.
POST_HEDGE = re.compile(
    # "plus" hedges as "a (big) plus" or at the end, not as "and" ("English plus a second language")
    r"\b(?:a|an|un|ein|een|is|are)\s+(?:[^\W\d_]+\s+)?plus\b|\bplus\s*[!.)]*\s*$|advantage|beneficial|\bbenefit\b|bonus|nice[\s-]to[\s-]have|\bpreferr|\bpreferable|"
    r"desirable|desired|\bwelcome|encouraged|valued|\basset\b|appreciated|helpful|set\s+you\s+apart|"
    r"optional|would\s+be\s+(?:great|good|nice|ideal)|"
    r"even\s+better|extra\s+points|"
    r"von\s+vorteil|vorteilhaft|wünschenswert|pluspunkt|idealerweise|"
    r"\batout\b|un\s+plus|apprécié|souhaité|souhaitable|"
    r"valorar|valorable|deseable|se\s+valora|"
    r"gradit[oa]|preferenzial|preferibil|costituisce\s+un|"
    r"\bpré\b|meriterande|meritterende|fordel|mile\s+widzian|\batut(?:em)?\b|"
    # Portuguese: "Espanhol será um diferencial", "desejável", "é um plus"
    r"\bdiferencial\b|desej[áa]ve(?:l|is)\b|\bum\s+plus\b",
    _I,
)

# Words that make what comes before them a requirement, out of reach of a later hedge in the same clause:
# "Fluency in German required and SQL knowledge is a plus".
REQUIRED_WORD = re.compile(
    r"\b(?:required|mandatory|essential|necessary|needed|must|obligatory)\b|"
    r"erforderlich|zwingend|obligatoire|exigé|requis|imprescindible|indispensable|obbligatori|vereist|"
    r"wymagan[aey]\b|"
    r"obrigat[óo]ri[oa]|imprescind[íi]vel|essencial",
    _I,
)

# Hedges that only govern what follows them ("Fluent English and ideally some German").
PRE_HEDGE = re.compile(
    r"ideally|preferably|if\s+you\s+also|great\s+if|bonus\s+if|plus\s+if|idéalement|idealmente", _I
)

# Headings and line labels that open a section of nice-to-haves, as pattern pieces over lower-case text: the
# one table for the language cues (a language under such a heading is preferred, not required) and for
# boilerplate's job headings (such a heading opens the job's own text again).
NICE_TO_HAVE_HEADINGS: tuple[str, ...] = (
    # English: "Nice to have", "Bonus points", "Preferred qualifications", "What sets you apart"
    r"nice[\s-]to[\s-]haves?", r"bonus", r"\bplus\b", r"preferred", r"preferable", r"ideally", r"great\s+if",
    r"sets?\s+you\s+apart", r"desirable", r"desired\s+(?:skills|qualifications|experience)",
    r"extra\s+points", r"even\s+better", r"stand\s+out", r"(?:great|good)\s+to\s+have", r"brownie\s+points",
    # German: "Pluspunkte", "Wünschenswert", "Von Vorteil"
    r"wünschenswert", r"von\s+vorteil", r"pluspunkte", r"idealerweise",
    # French: "Atouts", "Serait un plus", "Compétences appréciées"
    r"atouts?\b", r"(?:serait\s+)?un\s+plus", r"souhaité", r"apprécié",
    # Spanish: "Se valorará", "Deseable"; Italian: "Gradito", "Titoli preferenziali"
    r"(?:se\s+)?valor(?:ar|able|amos)", r"deseable", r"gradit", r"preferenziali",
    # Dutch, Portuguese, Polish, Swedish: "Pluspunten", "Diferenciais", "Mile widziane", "Meriterande"
    r"pluspunten", r"diferenciais", r"desej[áa]ve(?:l|is)", r"mile\s+widziane", r"meriterande",
)  # fmt: skip
HEDGE_HEADING = re.compile("|".join(NICE_TO_HAVE_HEADINGS), _I)

# A requirement that is denied ("French is not required", "no German needed").
NEGATED = re.compile(
    r"not\s+(?:required|mandatory|a\s+must|necessary|needed|essential)|no\s+need|"
    r"\bno\s+(?:[^\W\d_]+\s+){1,2}(?:required|needed|necessary)|(?:do|does)\s*n[o']t\s+need|"
    r"(?:don't|do\s+not|doesn't)\s+(?:have\s+to|need\s+to)\s+speak|nicht\s+erforderlich|pas\s+obligatoire",
    _I,
)

# How well: (pattern, level); a level of None means "the matched text, upper-cased" (CEFR and JLPT grades).
LEVELS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"\b[ABC][12]\b"), None),
    (re.compile(r"\bN[1-5]\b"), None),
    (
        re.compile(r"native|mother[\s-]tongue|muttersprach|madrelingua|natif|nativ[oa]|moedertaal", _I),
        "native",
    ),
    (re.compile(r"bilingual|bilingue|zweisprachig", _I), "bilingual"),
    (
        re.compile(
            r"(?:business|professional)(?![\s-]+(?:audiences?|partners?|stakeholders?|development|units?|needs|"
            r"leaders?|teams?|customers?|clients?|owners?|cases?|school|degrees?|administration|analysts?|"
            r"intelligence|operations|process(?:es)?|requirements?|goals?|impact|acumen|sense|environments?|"
            r"context|problems?|value|strateg(?:y|ies)|growth|experience|services|background|settings?)\b)"
            r"|working\s+proficiency|verhandlungssicher|professionnel|profesional",
            _I,
        ),
        "business",
    ),
    (re.compile(r"fluen|fließend|fliessend|courant|vloeiend|flytande|flydende|fluid", _I), "fluent"),
    (re.compile(r"advanced|avancé|fortgeschritten", _I), "advanced"),
    (re.compile(r"intermediate|conversational|intermédiaire", _I), "intermediate"),
    (re.compile(r"basic|grundkenntnisse|notions", _I), "basic"),
)
