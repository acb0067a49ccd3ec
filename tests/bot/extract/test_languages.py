import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.languages import _HEADING_WORDS, _MANY_WORDS, _NAME_WORD, extract_languages
from bot.models import Posting


def read(text: str, title: str = "Account Executive"):
    langs, posting_language = extract_languages(Posting(id="t", title=title), text)
    return (
        {lang.code for lang in langs if lang.required},
        {lang.code for lang in langs if not lang.required},
        posting_language,
        {lang.code: lang for lang in langs},
    )


def required(text: str, title: str = "Account Executive") -> set[str]:
    return read(text, title)[0]


def preferred(text: str, title: str = "Account Executive") -> set[str]:
    return read(text, title)[1]


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("- Fluent French", {"fr"}),
        ("You are a native German speaker.", {"de"}),
        ("Proficient in English and Italian to work with our partners.", {"en", "it"}),
        ("Excellent written and spoken Spanish.", {"es"}),
        ("Business-level Japanese is required.", {"ja"}),
        ("Portuguese at C1 level or higher", {"pt"}),
        ("- German (C1)", {"de"}),
        ("You speak Dutch with ease.", {"nl"}),
        ("Our working language is English.", {"en"}),
        ("You are fluent in German or French.", {"de", "fr"}),
        ("Strong communication skills in English and Polish", {"en", "pl"}),
        ("Fluency in Mandarin and English is a must", {"zh", "en"}),
        ("Native-level Korean (spoken and written)", {"ko"}),
        ("Fluent in Brazilian Portuguese", {"pt"}),
        ("Bilingual (Spanish/English) candidates only", {"es", "en"}),
        ("Excellent verbal communication in Bahasa Malaysia and English.", {"ms", "en"}),
        (
            "Fluent in English and at least two of: Portuguese, Spanish, Italian, or Greek",
            {"en", "pt", "es", "it", "el"},
        ),
        ("Languages: English (fluent), German (basic)", {"en", "de"}),
        ("Spanish: native; English: C1", {"es", "en"}),
        ("You are comfortable presenting in English and Danish.", {"en", "da"}),
        ("Must be able to read and write Vietnamese.", {"vi"}),
        ("- Japanese (JLPT N1)", {"ja"}),
        ("Please apply in English - it is our company language.", {"en"}),
    ],
)
def test_stated_requirements_are_required(sentence, codes):
    assert required(sentence) == codes


@pytest.mark.parametrize(
    ("sentence", "req", "pref"),
    [
        ("Fluent English is required, Spanish is a plus.", {"en"}, {"es"}),
        ("Speaking Arabic would be beneficial.", set(), {"ar"}),
        ("Nice to have: you can hold a conversation in Italian.", set(), {"it"}),
        ("Fluent in English and ideally a B2 level of German", {"en"}, {"de"}),
        ("Proficiency in Swedish is an advantage.", set(), {"sv"}),
        ("Bonus: you read Japanese or Korean", set(), {"ja", "ko"}),
        ("Fluency in English (French is a plus, but not a must).", {"en"}, {"fr"}),
        ("Fluent in English; German, Italian, or Spanish is a plus", {"en"}, {"de", "it", "es"}),
        ("Full proficiency in English required; German (B2) nice to have", {"en"}, {"de"}),
        ("Fluent English. A second language is a plus, in particular French or Dutch.", {"en"}, {"fr", "nl"}),
        ("Arabic speakers are encouraged to apply.", set(), {"ar"}),
        ("Danish is nice to have, since most of our drivers speak Danish.", set(), {"da"}),
        ("- Ability to read Hungarian (bonus for the Budapest office)", set(), {"hu"}),
    ],
)
def test_hedged_requirements_are_preferred(sentence, req, pref):
    got_req, got_pref, *_ = read(sentence)
    assert (got_req, got_pref) == (req, pref)


def test_a_hedge_governs_the_whole_sentence():
    text = (
        "You will work with teams across the region, and high levels of written and oral fluency in "
        "Portuguese and English would be beneficial for this role, including industry vocabulary."
    )
    assert read(text)[:2] == (set(), {"pt", "en"})


def test_a_nice_to_have_section_makes_its_items_preferred():
    text = (
        "What you bring\n- Fluent English\n- Three years in sales\n\nNice to have\n- Fluent German\n"
        "- Experience with CRM tools\n\nWe offer a friendly team and a good salary, and many other "
        "benefits that you will enjoy from your first day with us.\n- Russian speaker"
    )
    got_req, got_pref, *_ = read(text)
    assert got_pref == {"de"}
    assert got_req == {"en", "ru"}


@pytest.mark.parametrize(
    "sentence",
    [
        "You will grow our base of French customers.",
        "We have offices in Paris, Madrid and Berlin.",
        "Expand our presence across the Spanish market.",
        "Experience with German GAAP and local tax rules.",
        "Must have valid Dutch work rights.",
        "We build tools in Go, Rust and R.",
        "Our app is available in 12 languages, including Italian and Portuguese.",
        "We are an English-speaking company with people from 40 nations.",
        "Manage accounts in German-speaking Switzerland.",
        "Polish the user experience of our dashboards.",
        "We welcome applicants of every nationality and background.",
        "Most of the team also speaks Spanish.",
        "You are fluent in English (no French required).",
        "We support our customers in English, French and German.",
        "Our platform supports Spanish, Italian and French.",
        "Located in the German-speaking part of Switzerland.",
        "Knowledge of Spanish law and local regulations.",
        "Fluent written and spoken English plus proficiency in a second language.",
    ],
)
def test_markets_places_and_other_words_are_not_requirements(sentence):
    got_req, got_pref, *_ = read(sentence)
    assert got_req - {"en"} == set() and got_pref == set()
    if "English" not in sentence:
        assert got_req == set()


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("Account Executive (German)", {"de"}),
        ("DACH Sales - German speaking", {"de"}),
        ("Customer Success Manager, Italian Speaking", {"it"}),
        ("Technical Account Manager - German, Portuguese or Italian speaker", {"de", "pt", "it"}),
        ("Business Developer [Hebrew Fluency]", {"he"}),
        ("Mid-Market Account Executive (w/ German - Remote Europe)", {"de"}),
        ("Community Manager - Polish & English (m/f/d)", {"pl", "en"}),
        ("Spanish Teacher", {"es"}),
        ("AI Training for Japanese Writers", {"ja"}),
        ("German Translators", {"de"}),
        ("Operations Coordinator - Spanish Market", set()),
        ("Sales Executive Egypt & French speaking Africa", set()),
        ("French Tax Manager", set()),
    ],
)
def test_titles_that_name_the_language_of_the_role(title, codes):
    langs, _ = extract_languages(Posting(id="t", title=title), "We are a growing team.")
    assert {lang.code for lang in langs if lang.required} == codes
    assert all(lang.basis == "title" for lang in langs)


def test_levels_are_read_next_to_each_language():
    *_, by_code = read("Fluency in Italian (C1/C2 level or equivalent), Spanish (B1/B2), and strong English.")
    assert by_code["it"].level == "C1"
    assert by_code["es"].level == "B1"
    *_, by_code = read("Native German speaker with business-level English.")
    assert by_code["de"].level == "native"


def test_business_before_a_noun_is_no_level():
    text = "Excellent communication in English and French mandatory to liaise with a tech and business team."
    *_, by_code = read(text)
    assert by_code["fr"].required and by_code["fr"].level is None
    *_, by_code = read("Professional proficiency in French, and English at a business level.")
    assert by_code["fr"].level == "business" and by_code["en"].level == "business"


def test_evidence_quotes_the_sentence_and_says_where():
    *_, by_code = read("About the job.\n- Fluent in Dutch and English, written and spoken.")
    assert by_code["nl"].evidence == "Fluent in Dutch and English, written and spoken."
    assert by_code["nl"].basis == "body"
    long = "We need someone who " + "works hard and " * 30 + "is fluent in Czech."
    *_, by_code = read(long)
    assert len(by_code["cs"].evidence) <= 200
    assert "Czech" in by_code["cs"].evidence


def test_required_wins_over_preferred_for_the_same_language():
    got_req, got_pref, *_ = read("- German required\n- German at C2 level is a plus")
    assert (got_req, got_pref) == ({"de"}, set())


FRENCH_POSTING = (
    "Nous recherchons un(e) stagiaire pour rejoindre notre équipe marketing à Lyon. Vous serez en charge "
    "de la création de contenus pour nos réseaux sociaux et vous travaillerez avec les équipes produit. "
    "Profil recherché : vous êtes curieux, organisé et vous avez le sens du détail. La maîtrise de "
    "l'anglais est un plus. Le poste est à pourvoir dès que possible pour une durée de six mois."
)


def test_a_posting_written_in_french_requires_french():
    got_req, got_pref, posting_language, by_code = read(FRENCH_POSTING, title="Stagiaire Marketing")
    assert posting_language == "fr"
    assert got_req == {"fr"}
    assert got_pref == {"en"}
    assert by_code["fr"].evidence == "the posting is written in French"


def test_german_posting_with_compound_language_words():
    text = (
        "Wir suchen für unser Team in Hamburg eine engagierte Kollegin oder einen engagierten Kollegen. "
        "Du bist für die Betreuung unserer Kunden verantwortlich und arbeitest eng mit dem Vertrieb "
        "zusammen.\n"
        "Das bringst du mit:\n- Verhandlungssichere Deutschkenntnisse\n- Englischkenntnisse sind von Vorteil"
    )
    got_req, got_pref, posting_language, _ = read(text, title="Kundenberater (m/w/d)")
    assert posting_language == "de"
    assert got_req == {"de"}
    assert got_pref == {"en"}


def test_english_posting_with_a_foreign_footer_stays_english():
    text = (
        "We are looking for a data engineer to build our pipelines and help the team ship reliable data "
        "products. You will work with the analytics team and own our warehouse. You have experience with "
        "SQL and Python and you enjoy working in a small team where everyone has a voice.\n"
        "Nous sommes un employeur garantissant l'égalité des chances."
    )
    got_req, _, posting_language, _ = read(text, title="Data Engineer")
    assert posting_language == "en"
    assert got_req == set()


def test_language_names_in_other_languages():
    assert required("Buona conoscenza della lingua inglese e madrelingua italiana.") >= {"en", "it"}
    assert required("Se requiere un nivel avanzado de inglés y español nativo.") >= {"en", "es"}
    assert required("Anglais courant exigé.") >= {"en"}


def test_nothing_when_nothing_is_said():
    assert read("Excellent communication skills and a love for details.") == (set(), set(), None, {})
    assert extract_languages(Posting(id="t", title=""), "") == ((), None)


@pytest.mark.parametrize(
    ("sentence", "req", "pref"),
    [
        ("・ビジネスレベルの英語力（TOEIC 800点以上）", {"en"}, set()),
        ("・韓国語が話せる方歓迎", set(), {"ko"}),
        ("英语流利，能够作为工作语言", {"en"}, set()),
        ("영어 능통자 우대", set(), {"en"}),
    ],
)
def test_requirements_written_in_japanese_chinese_or_korean(sentence, req, pref):
    got_req, got_pref, posting_language, _ = read(sentence)
    assert got_req - {posting_language} == req
    assert got_pref == pref


def test_a_jlpt_grade_is_the_level():
    *_, by_code = read("日本語能力試験N1レベルの日本語力")
    assert by_code["ja"].level == "N1"


@pytest.mark.parametrize(
    ("sentence", "req", "pref"),
    [
        ("Sehr gute Deutsch- und Englischkenntnisse in Wort und Schrift", {"de", "en"}, set()),
        ("Französischkenntnisse sind ein Plus", set(), {"fr"}),
        ("Maîtrise de l'anglais indispensable", {"en"}, set()),
        ("Un bon niveau d'anglais est un plus", set(), {"en"}),
        ("Inglés avanzado (C1)", {"en"}, set()),
        # the level words of other languages are cues too, not only the English ones
        ("- Anglais professionnel", {"en"}, set()),
        ("- Inglés avanzado", {"en"}, set()),
        ("- Inglés profesional", {"en"}, set()),
        ("Italiano madrelingua e inglese professionale", {"it", "en"}, set()),
        ("Conhecimento avançado de inglês", {"en"}, set()),
        ("Buenas habilidades de comunicación en inglés", {"en"}, set()),
        ("Se valorará inglés", set(), {"en"}),
        ("Je spreekt vloeiend Nederlands en Engels", {"nl", "en"}, set()),
        # a short text with three Dutch function words is written in Dutch: the posting's own language
        ("Kennis van het Frans is een pré", {"nl"}, {"fr"}),
        ("Any additional language (e.g. German, French) is a bonus", set(), {"de", "fr"}),
        ("Languages: German (native), English (fluent), Czech is a plus", {"de", "en"}, {"cs"}),
    ],
)
def test_sentences_in_other_languages_and_list_forms(sentence, req, pref):
    got_req, got_pref, *_ = read(sentence)
    assert (got_req, got_pref) == (req, pref)


@pytest.mark.parametrize(
    ("text", "req", "pref"),
    [
        ("Nice to have\nFluency in Italian\nExperience with Figma", set(), {"it"}),
        ("Preferred qualifications\nProficient in Korean\n\nAbout you\nFluent English", {"en"}, {"ko"}),
        ("Bonus points\nYou speak Portuguese", set(), {"pt"}),
        ("Minimum qualifications\n- Fluent in Korean\nPreferred qualifications\n- Mandarin", {"ko"}, {"zh"}),
    ],
)
def test_a_line_naming_a_language_under_a_hedge_heading_is_an_item_not_a_new_heading(text, req, pref):
    got_req, got_pref, *_ = read(text)
    assert (got_req, got_pref) == (req, pref)


@pytest.mark.parametrize(
    ("sentence", "req", "pref"),
    [
        ("Fluent in French and English and experience in fintech is a plus", {"fr", "en"}, set()),
        ("Fluency in German required and SQL knowledge is a plus", {"de"}, set()),
        ("Fluent German is a must and knowledge of Spanish is a plus", {"de"}, {"es"}),
        ("- Fluent in Mandarin with experience in B2B sales a plus", {"zh"}, set()),
        ("Fluent written and spoken German, French is a plus", {"de"}, {"fr"}),
        ("- Native-level Japanese and business English (TOEIC 800+ a plus)", {"ja", "en"}, set()),
        ("Spanish language skills and experience in LatAm markets are a plus", set(), {"es"}),
        ("German and English skills are a plus", set(), {"de", "en"}),
        ("- Portuguese, Spanish, or German is a plus", set(), {"pt", "es", "de"}),
    ],
)
def test_a_later_plus_governs_its_own_subject_not_an_earlier_requirement(sentence, req, pref):
    got_req, got_pref, *_ = read(sentence)
    assert (got_req, got_pref) == (req, pref)


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("Fluent in Japanese & Business level English", {"ja", "en"}),
        ("Polish and English fluency a must", {"pl", "en"}),
        ("- Polish speaker with B2 English", {"pl", "en"}),
        ("Fluency in Spanish or Portuguese depending on location", {"es", "pt"}),
        ("- Fluent Spanish or Portuguese, depending on the market you cover", {"es", "pt"}),
        ("- Fluent English; Spanish or Portuguese depending on location", {"en", "es", "pt"}),
        ("Requirements:\n- Spanish or Portuguese depending on location\n- 3+ years in sales", {"es", "pt"}),
        ("- Proficiency in English, plus Spanish or Portuguese depending on the country", {"en", "es", "pt"}),
    ],
)
def test_requirements_joined_by_and_or_or_are_all_kept(sentence, codes):
    assert required(sentence) == codes


@pytest.mark.parametrize(
    "sentence", ["Polish and ship features end to end.", "Polish the onboarding flow with design."]
)
def test_polish_the_verb_at_the_start_of_a_sentence_is_not_a_language(sentence):
    assert read(sentence)[:2] == (set(), set())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab ,.1_²\u0301é-’İ\n", max_size=50))
def test_many_words_counts_runs_of_letters_as_the_word_pattern_finds_them(text: str):
    assert (_MANY_WORDS.match(text) is not None) == (len(_NAME_WORD.findall(text)) > _HEADING_WORDS)


def _reference_body_requirements(body: str):
    """The walk as it was: every line's shape read by ``_line_shape`` itself (its own name scan)."""
    from bot.extract.keyscan import lower
    from bot.extract.languages import _COMPOUND_HINTS, _NAME_SCAN, _line_requirements, _line_shape

    lowered = lower(body)
    if not _NAME_SCAN.found_in(lowered) and not any(h in lowered for h in _COMPOUND_HINTS):
        return
    hedged_section = False
    section_lines = 0
    for raw_line in body.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        heading, hedge_heading, prose, named = _line_shape(line)
        if heading:
            hedged_section = hedge_heading
            section_lines = 0
        else:
            if hedged_section and section_lines and prose:
                hedged_section = False
            section_lines += 1
        if named:
            yield from _line_requirements(line, heading, hedged_section)


_TRICKY_BODIES = [
    "Nice to have:\n- Fluent French\n- German\n\nWe build tools.\nEnglish is our working language.",
    "  Requirements  \n\tEnglish\t\n  GERMAN  \nDeutschkenntnisse von Vorteil\nNederlandstalig",
    "ENGLISH\nSpanish-speaking a plus.\nBahasa Indonesia\nPortuguese",
    "İstanbul office. English required.\nİİİ Turkish\nFrench",  # lower-casing lengthens "İ"
    "ΟΔΟΣ ΚΑΙ ΣΟΦΟΣ\nGreek and English\nΣ\nEnglish",  # final sigmas around line breaks
    "French\n\nfrench\nFRENCHMAN\nEnglisch\nenglishness\nxEnglish\nEnglish_\n_English\n4English",
    "Bonus: Japanese\n(nice to have) Korean\nNice to have - Mandarin\nWe speak Italian.\n",
    "\n\n  \nEnglish\r\nGerman\r\n  Swahili  \r\n",
    "Sprachkenntnisse: Englischkenntnisse\nfranstalig\ndeutschsprachig\nkenntniss",
]


@pytest.mark.parametrize("body", _TRICKY_BODIES)
def test_body_requirements_match_a_line_by_line_scan(body: str) -> None:
    from bot.extract.keyscan import clear_caches
    from bot.extract.languages import _body_requirements

    clear_caches()
    fast = list(_body_requirements(body))
    clear_caches()
    assert fast == list(_reference_body_requirements(body))


_LINE_WORDS = st.sampled_from([
    "English", "english", "ENGLISH", "French", "german", "Deutsch", "Englischkenntnisse", "bahasa", "talig",
    "Nice to have:", "Requirements", "fluent", "is a plus.", "We", "build", "and", "or", "-", "•", "İ", "Σ",
    "ς", "ΟΣ", "é", "_", "4", ",", ".", ":", "(bonus)", "speaking", "Frenchman", "xEnglish",
])  # fmt: skip
_LINE = st.lists(_LINE_WORDS, max_size=14).map(" ".join)
_SPACE = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\r"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_SPACE, _LINE, _SPACE), max_size=12))
def test_body_requirements_match_a_line_by_line_scan_on_any_lines(lines) -> None:
    from bot.extract.keyscan import clear_caches
    from bot.extract.languages import _body_requirements

    body = "\n".join(before + line + after for before, line, after in lines)
    clear_caches()
    fast = list(_body_requirements(body))
    clear_caches()
    assert fast == list(_reference_body_requirements(body))


# --- The body walk ends at the last line that may name a language (same requirements as reading all) ---

_WALK_PIECES = (
    "Requirements:",
    "Nice to have:",
    "LANGUAGES",
    "- Fluent English",
    "- German is a plus",
    "French (C1)",
    "Bonus: Spanish",
    "We build tools for teams across Europe and we care about quality of work and life.",
    "Deutschkenntnisse erforderlich",
    "Bahasa Indonesia",
    "- Python, SQL",
    "What you bring",
    "İstanbul office",
    "",
    "   ",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WALK_PIECES), max_size=14))
def test_body_walk_matches_walking_every_line(pieces):
    from bot.extract.keyscan import clear_caches
    from bot.extract.languages import _body_requirements

    body = "\n".join(pieces)
    clear_caches()
    assert list(_body_requirements(body)) == list(_reference_body_requirements(body))


def test_lines_that_name_no_language_yield_nothing():
    # The early end relies on this: a line outside ``_lines_that_may_name`` is read as naming nothing.
    from bot.extract.languages import _unnamed_line_shape

    for line in ("Fluent English", "Deutschkenntnisse", "Requirements:", "We are a team."):
        assert _unnamed_line_shape(line)[3] is False


# --- Lines are cut into sentences and items where ``UNIT_BREAK`` cuts them, URLs taken out first ---

_BREAK_PIECES = st.sampled_from([
    "Fluent English", "e.g.", "i.e.", "German", "C1", "B2", "(bonus)", "a", "Z", ".", "!", "?", ";", ")",
    " ", "  ", "\t", "\u00a0", "\u2003", "-", "–", "—", "•", "·", "▪", "x.y.", "https://x.io/a", "www.x.de",
    "http", "Www.", "HTTP://",
])  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_BREAK_PIECES, max_size=16).map("".join))
def test_units_are_cut_as_the_unit_break_pattern_cuts_them(line: str) -> None:
    import re

    from bot.extract.language_cues import UNIT_BREAK
    from bot.extract.languages import _UNIT_BREAK, _without_urls

    assert _UNIT_BREAK.split(line) == UNIT_BREAK.split(line)
    assert _without_urls(line) == re.sub(r"https?://\S+|www\.\S+", " ", line)


def test_lower_casing_keeps_each_character_a_letter_or_not():
    # ``_unnamed_line_shape`` counts the runs of letters of a line itself, not of its lower case, unless
    # the line holds "İ" (whose lower case is two characters): the same count, by this.
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            assert char == "İ"
            continue
        assert (letter.match(char) is None) == (letter.match(low) is None), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aB ,.1_²\u0301é-’İ\n", max_size=60))
def test_a_lines_shape_counts_the_words_of_its_lower_case(text: str):
    from bot.extract.languages import _is_heading, _is_prose, _unnamed_line_shape

    line = text.strip()
    if not line:
        return
    wordy = len(_NAME_WORD.findall(line.lower())) > _HEADING_WORDS
    heading, _, prose, _ = _unnamed_line_shape(line)
    assert (heading, prose) == (_is_heading(line, wordy), _is_prose(line, wordy))


def test_a_dotted_capital_i_splits_words_as_its_lower_case_does():
    from bot.extract.languages import _unnamed_line_shape

    # "aİa".lower() is "a", "i", a combining dot (no letter), "a": two runs of letters in each word
    assert _unnamed_line_shape("aİa " * 5 + "aİa") == (False, False, True, False)
