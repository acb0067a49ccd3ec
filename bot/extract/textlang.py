"""The language a text is written in, from stop-word profiles and scripts: cheap, no model."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from math import lcm
from operator import itemgetter
from typing import Any

from bot.extract.keyscan import CharScreen, line_cache, lower

# The most frequent function words of each language, chosen to overlap little between languages.
_PROFILES: dict[str, str] = {
    "en": "the and of to in is are for with you our we will be on as this that your or an at from have by",
    "fr": "le la les des et est pour une dans vous nous avec sur du au aux qui que votre nos notre sont ce "
    "être en ou pas",
    "de": "der die das und ist für mit wir sie ein eine zu den dem von auf bei uns ihre im nicht oder auch "
    "werden sind du dich dein",
    "es": "el los las y es para con una por que del nuestro nuestra somos tu su como más se al sus en "
    "tus estamos",
    "it": "il gli le e è per con una che della del di dei nel nella siamo sono lo ai alla delle un tua "
    "nostro nostra",
    "nl": "de het een en van is voor met wij je jouw ons onze zijn op bij naar die niet ook wordt in aan",
    "pt": "o os as e é para com uma que do da dos das no na nosso nossa em você um se ao são",
    "pl": "i w z na do jest się oraz dla nie że od jako przez będzie lub nas twoje naszej",
    "sv": "och att är för med som på av vi du en ett det till din vår våra har inte kommer",
    "da": "og at er for med som på af vi du en et det til din vores har ikke bliver",
    "no": "og at er for med som på av vi du en et det til din vår våre har ikke blir",
    "fi": "ja on että ovat kanssa sinä me meidän olet tai myös sekä jotta",
    "cs": "a je pro se na v s do že jako nebo ve by jsme jsou budete vás",
    "ro": "și este pentru cu în la de o un care că sunt noastre vei sau",
    "tr": "ve bir bu için ile olan da de olarak gibi sahip ekibimize",
    "hu": "és a az egy hogy van nem vagy is mint csapat számára",
}

# Scripts that name their language by themselves: (language, letters of that script).
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)
_NON_LATIN_SCREEN = CharScreen(_NON_LATIN)
_LETTER = re.compile(r"[^\W\d_]")
_CJK_WEIGHT = 2
_MAX_CHARS = 8_000  # the start of a long posting says enough
_MIN_HITS = 5  # fewer stop words than this is too little text to judge
# A short text ("Buscamos un desarrollador para nuestro equipo en Madrid") holds few stop words: there
# fewer suffice, but only for a language other than English, which short texts in any language borrow from.
_SHORT_WORDS = 60
_SHORT_MIN_HITS = 3  # distinct stop words of the language, none of them English too
_SHORT_LEAD = 2  # and twice the score of any other language
# Each share 1/n is a whole number of these parts, so scores can be counted exactly in integers.
_PARTS = lcm(*range(1, len(_PROFILES) + 1))
# A relative gap far beyond any rounding of the float sums (a few thousand additions, 2**-53 each).
_CLEAR_GAP = 1e-9


@cache
def _word_languages() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each stop word → the (language, share) it counts for: a word of n languages counts 1/n to each."""
    table: dict[str, list[str]] = {}
    for lang, words in _PROFILES.items():
        for word in words.split():
            table.setdefault(word, []).append(lang)
    return {word: tuple((lang, 1 / len(langs)) for lang in langs) for word, langs in table.items()}


@cache
def _word_parts() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each stop word → the (language, parts of ``_PARTS``) it counts for: its share, as a whole number."""
    return {
        word: tuple((lang, _PARTS // len(shares)) for lang, _ in shares)
        for word, shares in _word_languages().items()
    }


def _exact_scores(lowered: str) -> dict[str, int]:
    """``language_scores`` of the lower-cased sample, in whole parts of ``_PARTS``: exact, no line walk."""
    table = _word_parts()
    counts = _stop_word_counts(lowered)
    if counts is None:  # whitespace outside ASCII: the words are split out one by one
        counts = Counter(filter(table.__contains__, lowered.split()))
    scores: dict[str, int] = {}
    for word, count in counts.items():
        for lang, parts in table[word]:
            scores[lang] = scores.get(lang, 0) + count * parts
    return scores


# ``str.split`` cuts at these too, besides ASCII whitespace (no other character c has c.isspace()).
_WIDE_SPACES = "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# ASCII whitespace (as ``str.split`` reads it: the separators \x1c-\x1f too) → a space; other bytes stay.
_ASCII_SPACES = bytes(0x20 if chr(b).isspace() else b for b in range(0x80)) + bytes(range(0x80, 0x100))


def _stop_word_counts(lowered: str) -> dict[str, int] | None:
    """How often each stop word is a word of ``lowered`` (as ``str.split`` cuts it); None: it cannot tell.

    Splitting a long sample makes a thousand word strings to look up, most of them no stop word. One
    automaton pass over its UTF-8 bytes, ASCII whitespace made spaces and a space put at each end, finds
    each stop word with a space on either side exactly where it is a word of the sample (hits overlap:
    "the and" shares a space). Whitespace outside ASCII ends a word too; the same pass looks for it, and
    where there is any (tidy text has almost none), the answer is None.
    """
    automaton, words = _stop_word_automaton()
    raw = b" " + lowered.encode("utf-8", "surrogatepass").translate(_ASCII_SPACES) + b" "
    counts = Counter(map(itemgetter(0), automaton.find_matches_as_indexes(raw, overlapping=True)))
    if any(words[index] is None for index in counts):
        return None
    return {words[index]: count for index, count in counts.items()}  # type: ignore[misc]


@cache
def _stop_word_automaton() -> tuple[Any, tuple[str | None, ...]]:
    """The automaton of the stop words (a space on either side) and wide spaces; each key's word or None."""
    from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind  # loaded on first use

    words = tuple(_word_parts())
    keys = [f" {word} ".encode() for word in words] + [space.encode() for space in _WIDE_SPACES]
    automaton = BytesAhoCorasick(keys, matchkind=MatchKind.Standard, implementation=Implementation.DFA)
    return automaton, words + (None,) * len(_WIDE_SPACES)


def language_scores(text: str) -> dict[str, float]:
    """Count stop-word hits per language; a word shared by several languages counts a share for each."""
    scores: dict[str, float] = {}
    # The words of each line in order are the words of the text in order (no word spans a line), so the
    # scores add up exactly as a word-by-word loop over the text would.
    for line in text[:_MAX_CHARS].split("\n"):
        for shares in _line_shares(line):
            for lang, share in shares:
                scores[lang] = scores.get(lang, 0.0) + share
    return scores


@line_cache
def _line_shares(line: str) -> tuple[tuple[tuple[str, float], ...], ...]:
    """The (language, share) pairs of a line's stop words, in order (lines recur: remembered)."""
    # Splitting on spaces is enough: function words rarely carry punctuation, and it is fast. The
    # look-ups run in C (map, filter) and keep only the stop words (a third of a text).
    return tuple(filter(None, map(_word_languages().get, line.lower().split())))


def may_hold_scripts(lowered: str) -> bool:
    """False when a lower-cased text holds no letter of a script that names its language (``_NON_LATIN``).

    Nor did the text before lower-casing: a letter of those scripts lower-cases to letters of the same
    script. Most postings hold none. Cheap on a lower-cased body the shared key pass has read: its UTF-8
    bytes are kept with it then, and only they are screened.
    """
    return not lowered.isascii() and _NON_LATIN_SCREEN.may_hold(lowered)


def detect_language(text: str, scripts: bool = True) -> str | None:
    """Return the ISO 639-1 code ``text`` is mainly written in, or None when there is too little to tell.

    ``scripts``: False when the caller knows the text holds no letter of a non-Latin script.
    """
    sample = text[:_MAX_CHARS]
    if scripts and not sample.isascii() and _NON_LATIN_SCREEN.may_hold(sample) and _NON_LATIN.search(sample):
        script = _script_language(sample, len(_LETTER.findall(sample)))
        if script:
            return script
    # The whole text lowered is shared with the other readers of the body (``lower``); its start is the
    # sample lowered unless lowering changed a character's length (then each lowers to one character).
    whole = lower(text)
    exact = _exact_scores(whole[:_MAX_CHARS] if len(whole) == len(text) else sample.lower())
    if not exact:
        return None
    best = max(exact, key=exact.__getitem__)
    top = exact[best]
    runner_up = max((v for lang, v in exact.items() if lang != best), default=0)
    gap = _CLEAR_GAP * max(top, _MIN_HITS * _PARTS)
    if top - runner_up > gap and abs(top - _MIN_HITS * _PARTS) > gap:
        short = top >= _SHORT_LEAD * runner_up and _short_enough(text, best)
        return best if top >= _MIN_HITS * _PARTS or short else None
    # A tie, or a score at the threshold: the float sums in text order decide, as they always have.
    scores = language_scores(sample)
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= _MIN_HITS else None


def _short_enough(text: str, best: str) -> bool:
    """Tell whether a short text holds enough distinct stop words of ``best``, a language not English."""
    if best == "en":
        return False
    # Splitting at most one word past the limit tells a long text from a short one: splitting all of a
    # long posting was most of the cost of its language check. (split(None, n) yields min(words, n + 1)
    # parts, so more than n parts means more than n words.)
    if len(text.split(None, _SHORT_WORDS)) > _SHORT_WORDS:
        return False
    tokens = text.split()
    # only lower-case words: "El Paso, Los Angeles and Las Vegas" is English naming places
    return len(_profile_words(best).intersection(t for t in tokens if t.islower())) >= _SHORT_MIN_HITS


@cache
def _profile_words(lang: str) -> frozenset[str]:
    """The language's stop words that are not English ones too ("in" is Dutch and English)."""
    return frozenset(_PROFILES[lang].split()) - frozenset(_PROFILES["en"].split())


def _script_language(sample: str, letters: int) -> str | None:
    """Return the language of the non-Latin script most of ``sample`` is written in, if any."""
    kana, han = len(_KANA.findall(sample)), len(_HAN.findall(sample))
    # A CJK character carries about as much as two Latin letters; the other scripts are alphabets.
    if (kana + han) * _CJK_WEIGHT > letters - kana - han:
        return "ja" if kana else "zh"
    for lang, pattern in _SCRIPTS:
        count = len(pattern.findall(sample))
        weight = _CJK_WEIGHT if lang == "ko" else 1
        if count and count * weight > letters - count:
            return lang
    return None
