"""Human-language names in many languages and forms, mapped to ISO 639-1 codes.

The table is built on first use from langcodes' display names (each common language named in the main
European and Asian languages) plus a hand table of the forms langcodes lacks: adjectival and declined
forms ("deutschen", "française", "inglesa"), dialect and script names (Mandarin, Flemish, Castilian).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache

from langcodes import Language

log = logging.getLogger(__name__)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The languages postings ask for; rarer ones are still reachable through ``language_code``'s fallback.
COMMON_CODES: tuple[str, ...] = _words(
    "en fr de es it nl pt pl sv da no fi is cs sk sl hr sr bs hu ro bg el tr ru uk be lt lv et ga cy ca "
    "eu gl mt sq mk lb ja zh ko vi th id ms tl hi ur bn pa ta te mr gu kn ml si ne fa ar he sw am af zu "
    "yo ha ka hy az kk uz mn km lo my "
    # Less common, yet asked for by name in postings (community, support, translation and health roles)
    "ig ht so xh st tn sn rw ps ku tg ky tk ti om mg ny wo ln mi sm fo fy gd yi or sd bo ug tt eo rm qu "
    "ff bm iu fj to mh ch lg tw nv"
)

# The languages whose display names are read: the ones postings are written in.
_DISPLAY_LANGUAGES: tuple[str, ...] = _words(
    "en fr de es it nl pt pl sv da nb fi cs sk ro hu tr ru uk el ja zh ko"
)

# Codes langcodes answers that postings mean as one of ours.
_FOLD_CODES = {"cmn": "zh", "yue": "zh", "nb": "no", "nn": "no", "fil": "tl", "zsm": "ms", "iw": "he"}

# Forms langcodes lacks: dialects, other names, declined and adjectival forms in the posting languages.
_HAND_NAMES: dict[str, str] = {
    # English other names and dialects
    "mandarin": "zh",
    "haitian": "ht",
    "haitian creole": "ht",
    "kreyol": "ht",
    "kreyòl": "ht",
    "gaelic": "gd",
    "scottish gaelic": "gd",
    "pushto": "ps",
    "kirghiz": "ky",
    "cantonese": "zh",
    "putonghua": "zh",
    "flemish": "nl",
    "castilian": "es",
    "brazilian": "pt",
    "farsi": "fa",
    "tagalog": "tl",
    "filipino": "tl",
    "bahasa": "ms",
    "bokmal": "no",
    "bokmål": "no",
    "nynorsk": "no",
    "hebrew": "he",
    "malaysian": "ms",
    "bahasa malaysia": "ms",
    "bahasa melayu": "ms",
    "bahasa indonesia": "id",
    "mandarin chinese": "zh",
    "brazilian portuguese": "pt",
    "swiss german": "de",
    "high german": "de",
    "latin american spanish": "es",
    "european portuguese": "pt",
    "simplified chinese": "zh",
    "traditional chinese": "zh",
    "english language": "en",
    "serbo-croatian": "sr",
    "dari": "fa",
    "francophone": "fr",
    "anglophone": "en",
    "germanophone": "de",
    "hispanophone": "es",
    "lusophone": "pt",
    "italophone": "it",
    "néerlandophone": "nl",
    "arabophone": "ar",
    # German declined forms
    "deutsche": "de",
    "deutschen": "de",
    "deutscher": "de",
    "deutsches": "de",
    "englische": "en",
    "englischen": "en",
    "englischer": "en",
    "englisches": "en",
    "französische": "fr",
    "französischen": "fr",
    "französischer": "fr",
    "spanische": "es",
    "spanischen": "es",
    "spanischer": "es",
    "italienische": "it",
    "italienischen": "it",
    "italienischer": "it",
    "niederländische": "nl",
    "niederländischen": "nl",
    "polnische": "pl",
    "polnischen": "pl",
    "chinesische": "zh",
    "chinesischen": "zh",
    "japanische": "ja",
    "japanischen": "ja",
    "russische": "ru",
    "russischen": "ru",
    "türkische": "tr",
    "türkischen": "tr",
    "portugiesische": "pt",
    "portugiesischen": "pt",
    "arabische": "ar",
    "arabischen": "ar",
    # French feminine and plural forms
    "française": "fr",
    "anglaise": "en",
    "allemande": "de",
    "espagnole": "es",
    "italienne": "it",
    "néerlandaise": "nl",
    "portugaise": "pt",
    "chinoise": "zh",
    "japonaise": "ja",
    "arabe": "ar",
    "polonaise": "pl",
    "russe": "ru",
    "coréenne": "ko",
    "turque": "tr",
    "suédoise": "sv",
    # Spanish, Italian and Portuguese gendered forms
    "española": "es",
    "castellano": "es",
    "inglesa": "en",
    "francesa": "fr",
    "alemana": "de",
    "italiana": "it",
    "portuguesa": "pt",
    "japonesa": "ja",
    "holandés": "nl",
    "inglese": "en",
    "tedesca": "de",
    "spagnola": "es",
    "francese": "fr",
    "portoghese": "pt",
    "olandese": "nl",
    "cinese": "zh",
    "giapponese": "ja",
    "inglês": "en",
    "espanhola": "es",
    "alemã": "de",
    # Dutch, Scandinavian, Polish declined forms
    "engelse": "en",
    "nederlandse": "nl",
    "duitse": "de",
    "franse": "fr",
    "spaanse": "es",
    "italiaanse": "it",
    "vlaams": "nl",
    "hollands": "nl",
    "svenska": "sv",
    "danska": "da",
    "norska": "no",
    "finska": "fi",
    "dansk": "da",
    "norsk": "no",
    "engelsk": "en",
    "tysk": "de",
    "angielskiego": "en",
    "angielskim": "en",
    "polskiego": "pl",
    "polskim": "pl",
    "niemieckiego": "de",
    "niemieckim": "de",
    "francuskiego": "fr",
    "hiszpańskiego": "es",
    "włoskiego": "it",
}

# The languages whose names are looked for in running text: the ones postings are written in.
_SCAN_LANGUAGES: tuple[str, ...] = _words("en fr de es it nl pt pl sv da nb")

# Display names that are also places ("Italia" is Finnish for Italian): a place name is never a language.
_PLACES = frozenset(
    _words(
        "indonesia persia china polska holland luxemburg vietnam korea italia romania malta georgia serbia "
        "bulgaria ukraina galicia arabia armenia bosnia latvia makedonia kroatia burma"
    )
)
# Names that are more often an English word, a person's name or half of a name in running text.
_NOT_IN_TEXT = _PLACES | frozenset(
    _words(
        "bahasa brazilian malaysian filipino lets fins turks dari mongol arab serbo lett finn iers pools "
        "russo greco basco fries shona tatar peul ganda tonga fidschi"
    )
)

# German compounds carry a language name as their first part ("Englischkenntnisse", "deutschsprachig").
_GERMAN_SUFFIXES = re.compile(r"(kenntnisse|kenntnissen|sprachige[nrs]?|sprachig|sprachler(in)?|niveau)$")
# Dutch "-talig" ("Nederlandstalig", "Franstalige") and English "-speaking" / "-speaker" forms.
_OTHER_SUFFIXES = re.compile(r"(?:talige?|[\s-]+(?:speaking|speaker|speakers|language|fluency|fluent))$")


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lower().replace("’", "'")


def _as_common(code: str) -> str | None:
    base = _FOLD_CODES.get(code, code)
    base = _FOLD_CODES.get(base.split("-")[0], base.split("-")[0])
    return base if len(base) == 2 else None


def _display_names(languages: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code in COMMON_CODES:
        lang = Language.get(code)
        for display in languages:
            name = _fold(lang.display_name(display))
            if name and name != code and name not in _PLACES and not re.search(r"[()\d]", name):
                table.setdefault(name, code)
    return table


@cache
def _names() -> dict[str, str]:
    """Build (once) every known name, lower-case, → ISO 639-1."""
    table = _display_names(_DISPLAY_LANGUAGES)
    table.update({_fold(k): v for k, v in _HAND_NAMES.items()})
    log.debug("language names built", extra={"names": len(table)})
    return table


@cache
def scan_names() -> dict[str, str]:
    """Return the names safe to look for word by word in running text (Latin script, not other words)."""
    table = _display_names(_SCAN_LANGUAGES)
    table.update({_fold(k): v for k, v in _HAND_NAMES.items() if " " not in k})
    return {
        name: code
        for name, code in table.items()
        if len(name) >= 4 and name not in _NOT_IN_TEXT and _is_latin_word(name)
    }


def _is_latin_word(name: str) -> bool:
    return all(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _strip_forms(name: str) -> str:
    name = _OTHER_SUFFIXES.sub("", name).strip()
    return _GERMAN_SUFFIXES.sub("", name) if name not in _names() else name


@cache
def language_code(name: str) -> str | None:
    """Return the ISO 639-1 code of a language name in any language ("French", "français", "Französisch")."""
    folded = _fold(name)
    if not folded:
        return None
    table = _names()
    for candidate in (folded, _strip_forms(folded), _strip_forms(folded).rstrip("s")):
        if candidate in table:
            return table[candidate]
    return _rare_language(folded)


def _rare_language(folded: str) -> str | None:
    """Find a language outside the common table through langcodes; only full names, never short words."""
    if len(folded) < 5:
        return None
    try:
        found = Language.find(folded)
    except LookupError:
        return None
    code = _as_common(found.language or "")
    # langcodes also finds codes for ordinary words (Java → Javanese); accept only an exact name match.
    if code and _fold(Language.get(code).display_name("en")) == folded:
        return code
    return None


def language_name(code: str) -> str:
    """Return the English name of a language code ("fr" → "French"); the code itself when unknown."""
    folded = _fold(code)
    if not re.fullmatch(r"[a-z]{2,3}", folded):
        return code
    lang = Language.get(_FOLD_CODES.get(folded, folded))
    return lang.display_name("en") if lang.is_valid() else code
