"""Human languages a posting requires or prefers, and the language the posting is written in.

A language name is a requirement only when the words around it (in the same clause) say the candidate
uses it: "fluent French", "German (C1)", "you speak Dutch". The same names also name markets, offices
and nationalities ("our French customers"), which are not requirements. A hedge ("is a plus", "ideally",
a "Nice to have" heading) makes a requirement a preference. A posting written in another language than
English requires that language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.extract.keyscan import (
    CaselessPattern,
    WordScan,
    all_starts,
    body_keys,
    line_cache,
    lower,
    text_cache,
)
from bot.extract.language_cjk import cjk_requirements, has_cjk
from bot.extract.language_clauses import is_bare_item, only_names, split_clauses
from bot.extract.language_cues import (
    CUE,
    HEDGE_HEADING,
    LEVELS,
    MARKET_CLAUSE,
    NEGATED,
    NEXT_WORDS,
    OTHERS_SPEAK,
    POST_HEDGE,
    PRE_HEDGE,
    REQUIRED_WORD,
    STRONG_CUE,
    UNIT_BREAK,
    WORKING_LANGUAGE,
)
from bot.extract.language_names import language_code, language_name, scan_names
from bot.extract.language_titles import title_requirements
from bot.extract.textlang import detect_language, may_hold_scripts
from bot.models import LanguageRequirement, Posting

__all__ = ["extract_languages", "language_code", "language_name"]

_NAME_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"(?:\s+|-)([^\W\d_]+)")
_SPEAKING = re.compile(r"[\s-]*(?:speaking|speakers?)\b")
_SPEAKING_PLACE = re.compile(
    r"[\s-]*speaking\s+(?:africa|europe|countries|country|markets?|regions?|world|customers|clients|users|"
    r"cantons?|switzerland|belgium|canada|territor\w+|part)"
)
_SPEAKING_CULTURE = re.compile(
    r"[\s-]*speaking\s+(?:company|environment|team|office|workplace|culture|startup)"
)
_CONTINUES = re.compile(
    r"\s*(?:in\s+particular|particularly|such\s+as|e\.?g\.?|especially|including|like|namely)\b", re.I
)
# A hedge right before a language's name makes it a wish for that language: "…, ideally also French".
_HEDGED_NAME = re.compile(r"\b(?:ideally|preferably)\s+(?:also\s+|some\s+)?$", re.I)
_COMPOUND_ENDINGS = ("kenntnisse", "kenntnissen", "sprachig", "sprachige", "sprachigen", "talig", "talige")
_BAHASA = re.compile(r"\s+(malaysia|melayu|indonesia)\b")
_POSTPOSED = re.compile(r"\s*[(:\-–—]")
_OTHER_LANGUAGES = re.compile(r"languages?|other|additional|another|further", re.I)
# Noted among the shared pass's keys: where each occurs in a body is read from that pass, not searched for.
_COMPOUND_HINTS = body_keys("kenntniss", "sprachig", "talig", "bahasa")
# After a sentence-opening "Polish": a bracket or colon, or the next word after an optional "and"/"or".
_POLISH_FOLLOW = re.compile(r"\s*(?:[(:]|(?:(?:and|or|&|/)\s*)?([^\W\d_]+))")
# "and"/"with" and the word after it: another subject when that word is not a language.
_CONJOINED = re.compile(r"\b(?:and|with|as\s+well\s+as|along\s+with)\s+([^\W\d_]+)", re.I)
_PLURAL_HEDGE = re.compile(r"\b(?:are|would\s+all\s+be)\b", re.I)
# A language level word right before a name ("professional Chinese", "native-level Japanese") ...
_LEVEL_BEFORE = re.compile(
    r"\b(?:native|professional|business|fluent|bilingual|proficient|conversational|working)"
    r"(?:[\s-]+(?:level|like|grade|working))?[\s-]+$"
)
# ... and, after the name, one to three words and then "skills": the name is a skill the candidate has
# ("professional Chinese narrative skills", "business-level Japanese narrative and presentation skills").
_SKILL_AFTER = re.compile(r"(?:[\s-]+[^\W\d_]+){1,3}[\s-]+(?:skills?|abilit(?:y|ies)|proficiency)\b")
# Words after "and" that continue the same subject ("German and or English"); names do too.
NEXT_WORDS_AFTER_AND = frozenset({"or"})
# A word before a bracketed hedge that is a subject of its own, not filler ("a", "is", "would be", "big").
_OWN_SUBJECT = re.compile(
    r"(?!(?:a|an|is|are|would|will|be|big|huge|definite|real|also|very|highly|considered|strong)\b)"
    r"\b[^\W_]+",
    re.I,
)
# The case-blind cues, run as lower-cased twins behind word screens (same spans, several times faster).
_CUE = CaselessPattern(CUE)
_STRONG_CUE = CaselessPattern(STRONG_CUE)
_WORKING_LANGUAGE = CaselessPattern(WORKING_LANGUAGE)
_MARKET_CLAUSE = CaselessPattern(MARKET_CLAUSE)
_POST_HEDGE = CaselessPattern(POST_HEDGE)
_REQUIRED_WORD = CaselessPattern(REQUIRED_WORD)
_PRE_HEDGE = CaselessPattern(PRE_HEDGE)
_HEDGE_HEADING = CaselessPattern(HEDGE_HEADING)
_NEGATED = CaselessPattern(NEGATED)
# Grades (read as text) stay as they are; the case-blind level words are read by span only.
_LEVELS: tuple[tuple[re.Pattern[str] | CaselessPattern, str | None], ...] = tuple(
    (CaselessPattern(pattern) if level is not None else pattern, level) for pattern, level in LEVELS
)
_GRADES = tuple(pattern for pattern, level in LEVELS if level is None)  # "C1", "N2": read as text
_URL = re.compile(r"https?://\S+|www\.\S+")
# ``UNIT_BREAK``, tried only where a break can start: each of its alternatives opens with a space or a
# bullet, so the look-ahead lets no other match through and the engine skips the other characters at
# once instead of trying every alternative there (the same splits, about twice as fast on a long line).
_UNIT_BREAK = re.compile(rf"(?=[\s•·▪])(?:{UNIT_BREAK.pattern})", UNIT_BREAK.flags)
_NAME_SCAN = WordScan(lambda: scan_names().keys())  # has_word(text, scan_names()), in one automaton pass
_WORKING_WINDOW = 40
_EVIDENCE_CHARS = 200
_HEADING_WORDS = 10
# Matches a text with more than _HEADING_WORDS runs of letters (as _NAME_WORD finds them), counting no
# further: each run is taken whole, as a run can only be followed by a character that is not a letter.
# Possessive runs say so to the engine, which then gives up on a short line without trying to split them.
_MANY_WORDS = re.compile(rf"[\W\d_]*+[^\W\d_]++(?:[\W\d_]++[^\W\d_]++){{{_HEADING_WORDS}}}")
_SHORT_HEDGE_WORDS = 8
_LABEL_CHARS = 60
# A sentence is read in pieces of at most this many characters: each language name in a sentence looks
# back over its clause, so one endless "sentence" (a list run together without stops) would cost the
# square of its length. Real sentences are far shorter; a piece is cut at a space where one is.
_UNIT_CHARS = 1000


@dataclass(frozen=True, slots=True)
class _Mention:
    """One language name in a sentence: where it is and whether the word itself says "language"."""

    code: str
    start: int
    end: int
    inherent_cue: bool  # "Deutschkenntnisse", "French-speaking"


def extract_languages(posting: Posting, body: str) -> tuple[tuple[LanguageRequirement, ...], str | None]:
    """Return (the languages asked for, the posting's own language)."""
    found: dict[str, LanguageRequirement] = {}
    title_requirements = _title_requirements(posting.title)
    for req in title_requirements:
        _merge(found, req)
    body_requirements, posting_language = _body_facts(body)
    for req in body_requirements:
        _merge(found, req)
    if "en" not in found and posting_language in (None, "en"):
        partner = _bilingual_partner((*title_requirements, *body_requirements))
        if partner is not None:
            _merge(found, partner)
    if posting_language and posting_language != "en":
        written_in = f"the posting is written in {language_name(posting_language)}"
        _merge(found, LanguageRequirement(posting_language, True, None, written_in, "body"))
    return tuple(found.values()), posting_language


def _bilingual_partner(reqs: tuple[LanguageRequirement, ...]) -> LanguageRequirement | None:
    """English, when an English posting asks to be "bilingual" in one other language: "Bilingual Spanish".

    Bilingual names two languages; with one named, the other is the posting's own. A quote naming two
    ("bilingual in Dutch/French") or a wish ("bilingual … is a plus") adds nothing.
    """
    named: dict[str, list[LanguageRequirement]] = {}
    for req in reqs:
        named.setdefault(req.evidence, []).append(req)
    for req in reqs:
        bilingual = req.level == "bilingual" or (req.basis == "title" and "bilingual" in req.evidence.lower())
        if req.required and req.code != "en" and bilingual and len(named[req.evidence]) == 1:
            return LanguageRequirement("en", True, "bilingual", req.evidence, req.basis)
    return None


@text_cache
def _body_facts(body: str) -> tuple[tuple[LanguageRequirement, ...], str | None]:
    """(the requirements the body states, in order, its CJK ones after; the body's language)."""
    found = list(_body_requirements(body))
    # A body with no letter of a non-Latin script (most) has no CJK sentence, and its script names no
    # language: one screen for both (after the walk above, whose key pass makes it cheap).
    scripts = may_hold_scripts(lower(body))
    if scripts and has_cjk(body):
        found.extend(cjk_requirements(body))
    return tuple(found), detect_language(body, scripts) if body else None


@line_cache
def _title_requirements(title: str) -> tuple[LanguageRequirement, ...]:
    return tuple(title_requirements(title))


def _merge(found: dict[str, LanguageRequirement], req: LanguageRequirement) -> None:
    """Keep the strongest reading of each language: required beats preferred, a stated level beats none."""
    old = found.get(req.code)
    stronger = old is not None and req.required and not old.required
    better_said = old is not None and old.required == req.required and not old.level and bool(req.level)
    if old is None or stronger or better_said:
        found[req.code] = req


def _body_requirements(body: str) -> Iterator[LanguageRequirement]:
    """Yield every language requirement stated in the body, sentence by sentence, in order."""
    lowered = lower(body)
    runs = _NAME_SCAN.body_runs(lowered)
    hints = all_starts(lowered, _COMPOUND_HINTS)  # where each hint found occurs
    # Most bodies name no language at all (five in six): then no line can, and the walk is skipped.
    if not runs and not hints:
        return
    may_name = _lines_that_may_name(body, lowered, runs, hints)
    lines = body.split("\n")
    if may_name is not None:
        # Only a line that may name a language yields; the section state the lines after the last such
        # line would update is read by no line after them. So the walk ends at that line (most of a long
        # body lies after its language requirements).
        del lines[max(may_name, default=-1) + 1 :]
    hedged_section = False
    section_lines = 0
    for index, raw_line in enumerate(lines):
        line = raw_line.strip()
        if not line:
            continue
        if may_name is None or index in may_name:
            heading, hedge_heading, prose, named = _line_shape(line)
        else:
            heading, hedge_heading, prose, named = _unnamed_line_shape(line)
        if heading:
            hedged_section = hedge_heading
            section_lines = 0
        else:
            if hedged_section and section_lines and prose:
                hedged_section = False  # a paragraph after the nice-to-have list: the section is over
            section_lines += 1
        if named:
            yield from _line_requirements(line, heading, hedged_section)


@line_cache
def _line_shape(line: str) -> tuple[bool, bool, bool, bool]:
    """(opens a section, that section hedges, is a paragraph, may name a language) for a stripped line."""
    lower = line.lower()
    unnamed = not _NAME_SCAN.found_in(lower)
    wordy = _MANY_WORDS.match(lower) is not None
    # A short line naming a language is an item of the section above ("Nice to have\nFluent Italian"),
    # not a heading of its own, unless it is shaped like one ("Languages:", "GERMAN").
    heading = _is_heading(line, wordy) and (line.endswith(":") or line.isupper() or unnamed)
    hedge_heading = heading and bool(_HEDGE_HEADING.search(line))
    named = not unnamed or any(hint in lower for hint in _COMPOUND_HINTS)
    return heading, hedge_heading, _is_prose(line, wordy), named


def _lines_that_may_name(
    body: str, lowered: str, runs: list[tuple[int, int]], hints: list[list[int]]
) -> set[int] | None:
    """The indexes of the body's lines that ``_line_shape`` may find a language name in; None: any line.

    Read from the scan of the whole lower-cased body (``runs``: its language names; ``hints``: where each
    compound hint found occurs, from ``all_starts``) instead of one scan a line: a line names a language
    exactly where the whole text does within that line, since a line's ends are line breaks or spaces,
    which are no letters, and lower-casing reads no character across them (a final sigma looks only
    through letters and marks). Where lower-casing changed the text's length (one letter became two:
    "İ"), offsets differ and every line is read itself.
    """
    if len(lowered) != len(body):
        return None
    # No hint holds a space or a line break, so each occurrence lies within a line. (A find loop resuming
    # after each hit passes over an occurrence overlapping the one before: it lies on that one's line.)
    starts = [start for start, _ in runs]
    starts.extend(at for found in hints for at in found)
    lines: set[int] = set()
    line = at = 0
    for start in sorted(starts):  # line breaks counted once, from one start to the next
        line += lowered.count("\n", at, start)
        at = start
        lines.add(line)
    return lines


@line_cache
def _unnamed_line_shape(line: str) -> tuple[bool, bool, bool, bool]:
    """``_line_shape`` of a stripped line that names no language (no name scan needed)."""
    # Lower-casing keeps each character a letter or not, one for one, bar "İ" (it becomes two, the second
    # no letter): the line's own runs of letters are those of its lower case, and counting the first few
    # costs far less than lower-casing a long paragraph to count them.
    wordy = _MANY_WORDS.match(line.lower() if "İ" in line else line) is not None
    heading = _is_heading(line, wordy)
    return heading, heading and bool(_HEDGE_HEADING.search(line)), _is_prose(line, wordy), False


@line_cache
def _line_requirements(line: str, heading: bool, hedged_section: bool) -> tuple[LanguageRequirement, ...]:
    """The requirements a line states, sentence by sentence, under a hedged section or not."""
    # A heading's hedge governs the lines under it; its own words are read clause by clause. A line that
    # says it is required ("Native German is required") stays a requirement under "Ideally, you bring:".
    line_hedged = (hedged_section and not heading and not _insists(line)) or _hedged_label(line)
    # "Please apply in English. It is our company language": the statement covers the whole line.
    line_cued = _working_languages(line)
    return tuple(
        requirement
        for sentence in _UNIT_BREAK.split(_without_urls(line))
        if sentence
        for unit in _bounded(sentence)
        for requirement in _unit_requirements(unit, hedged=line_hedged, cued=line_cued)
    )


def _bounded(sentence: str) -> Iterator[str]:
    """``sentence`` in pieces of at most ``_UNIT_CHARS`` characters, each cut after a space where one is."""
    while len(sentence) > _UNIT_CHARS:
        cut = sentence.rfind(" ", 0, _UNIT_CHARS) + 1 or _UNIT_CHARS
        yield sentence[:cut]
        sentence = sentence[cut:]
    if sentence:
        yield sentence


def _insists(line: str) -> bool:
    """Tell whether a line says something is required, and does not deny it ("French is a must")."""
    return _REQUIRED_WORD.search(line) is not None and _NEGATED.search(line) is None


def _without_urls(line: str) -> str:
    """The line with each URL replaced by a space."""
    # Every match of ``_URL`` (case-sensitive) holds "http" or "www.": a line with neither has none.
    return _URL.sub(" ", line) if "http" in line or "www." in line else line


def _is_heading(line: str, wordy: bool) -> bool:
    """Tell whether a short line opens a section ("Nice to have:", "REQUIREMENTS", "What you bring").

    ``wordy``: the line has more than ``_HEADING_WORDS`` runs of letters.
    """
    if wordy or line.startswith(("-", "•", "*")):
        return False
    return line.endswith(":") or line.isupper() or not line.endswith((".", "!", "?", ";", ","))


def _is_prose(line: str, wordy: bool) -> bool:
    """Tell whether a line is a paragraph rather than a list item (``wordy``: as for ``_is_heading``)."""
    return wordy and not line.startswith(("-", "•", "*", "·", "▪")) and not line[0].isdigit()


def _hedged_label(line: str) -> bool:
    """Tell whether the line opens with a hedging label: "Bonus: …", "Nice to have - …", "(bonus) …"."""
    line = line.lstrip("-•* ")
    if line.startswith("("):
        head = line[1 : line.find(")")] if ")" in line else ""
    else:
        head = re.split(r":|\s[-–—]\s", line, maxsplit=1)[0]
        head = "" if head == line else head
    return 0 < len(head) < _LABEL_CHARS and bool(_HEDGE_HEADING.search(head))


def _compound_code(word: str) -> str | None:
    """Return the language a compound names ("englischkenntnisse", "deutschsprachig", "franstalig")."""
    if len(word) > len("kenntnisse") and word.endswith(_COMPOUND_ENDINGS):
        return language_code(word)
    return None


def _working_languages(line: str) -> frozenset[str]:
    """Return the languages a line names as the working language ("English - it is our company language")."""
    codes: set[str] = set()
    for match in _WORKING_LANGUAGE.finditer(line):
        window = line[max(0, match.start() - _WORKING_WINDOW) : match.end() + _WORKING_WINDOW].lower()
        codes.update(code for w in _NAME_WORD.findall(window) if (code := scan_names().get(w)))
    return frozenset(codes)


def _unit_requirements(unit: str, *, hedged: bool, cued: frozenset[str]) -> Iterator[LanguageRequirement]:
    """Yield the requirements of one sentence or list item."""
    mentions = list(_mentions(unit))
    if not mentions:
        return
    clauses = split_clauses(unit)
    inherited_hedge = inherited_cue = led = False
    for index, (start, end) in enumerate(clauses):
        clause = unit[start:end]
        here = [m for m in mentions if start <= m.start < end]
        if not here:
            # "Excellent communicator (important for a remote team) in English": the cue came before
            inherited_hedge = bool(_POST_HEDGE.search(clause))
            inherited_cue = inherited_cue or bool(_STRONG_CUE.search(clause))
            led = _only_hedge(clause)  # "Ideally, you bring native German": the next clause is hedged
            continue
        if _not_about_candidate(clause):
            inherited_hedge = led = False
            continue
        follows = (inherited_hedge and bool(_CONTINUES.match(clause))) or led
        bare_before_next = index + 1 < len(clauses) and only_names(clause, levels=True)
        # "Hebrew - mother tongue", "German – C1": a bare name takes its cue from the clause after it
        if not inherited_cue and bare_before_next:
            inherited_cue = bool(_CUE.search(unit[clauses[index + 1][0] : clauses[index + 1][1]]))
        trailing = _trailing_hedge(unit, clauses, index, mentions)
        negated = bool(_NEGATED.search(clause))
        level_end = clauses[index + 1][1] if bare_before_next else end  # "Hebrew - mother tongue"
        for mention in here:
            if not (
                mention.code in cued
                or inherited_cue
                or mention.inherent_cue
                or follows
                or trailing
                or _has_cue(clause, unit)
                or _HEDGED_NAME.search(clause[: mention.start - start]) is not None
            ):
                continue
            preferred = (
                hedged
                or follows
                or trailing
                or _is_hedged(clause, mention.start - start, mention.end - start)
            )
            if negated and not preferred:
                continue
            yield LanguageRequirement(
                code=mention.code,
                required=not preferred,
                level=_level(unit, (start, level_end), mention, mentions),
                evidence=_evidence(unit, *_quote_span(start, end, mention)),
                basis="body",
            )
        inherited_hedge = inherited_cue = led = False


def _only_hedge(clause: str) -> bool:
    """Tell whether a clause is a hedge word and nothing more: "Ideally", "- Preferably:"."""
    found = _PRE_HEDGE.search(clause)
    return (
        found is not None
        and not clause[: found.start()].strip(" -–—•*,;:")
        and not clause[found.end() :].strip(" ,;:")
    )


def _trailing_hedge(unit: str, clauses: list[tuple[int, int]], index: int, mentions: list[_Mention]) -> bool:
    """Tell whether the next clause is a short bracketed hedge with no language: "German (bonus for …)"."""
    if index + 1 >= len(clauses):
        return False
    start, end = clauses[index + 1]
    if any(start <= m.start < end for m in mentions):
        return False
    bracketed = unit[clauses[index][1] : start].strip().startswith("(")
    text = unit[start:end]
    if not bracketed or len(text.split()) > _SHORT_HEDGE_WORDS or _OTHER_LANGUAGES.search(text):
        return False
    hedge = _POST_HEDGE.search(text)
    # "(TOEIC 800+ a plus)" hedges the score it names, not the language before the bracket
    return bool(hedge) and not _OWN_SUBJECT.search(text[: hedge.start()])


def _mentions(unit: str) -> Iterator[_Mention]:
    """Yield the names in ``unit`` used as languages, not as adjectives of other nouns."""
    names = scan_names()
    lower = unit.lower()
    if any(h in lower for h in _COMPOUND_HINTS):
        words = [(m.group(), m.start(), m.end()) for m in _NAME_WORD.finditer(lower)]
    else:
        # No compound ("Deutschkenntnisse") nor "bahasa" can be there: only the words that are names
        # count, and the automaton finds just those (most sentences of a naming line have none).
        words = [(lower[start:end], start, end) for start, end in _NAME_SCAN.runs(lower)]
    for word, start, end in words:
        code = names.get(word)
        inherent = False
        if code is None:
            code = _compound_code(word)
            inherent = code is not None
        elif word == "polish" and _polish_is_verb(unit, lower, start, end):
            continue
        if word == "bahasa":  # "Bahasa Malaysia", "Bahasa Indonesia": the second word names the language
            bahasa = _BAHASA.match(lower, end)
            code = language_code("bahasa " + bahasa.group(1)) if bahasa else None
            end = bahasa.end() if bahasa else end
        if code is None or lower[max(0, start - 4) : start] == "non-":
            continue
        after = lower[end : end + 40]
        if _SPEAKING.match(after):
            if _SPEAKING_PLACE.match(after) or (code == "en" and _SPEAKING_CULTURE.match(after)):
                continue
            inherent = True
        elif not inherent and not _is_language_use(after) and not _levelled_skill(lower, start, after):
            continue
        yield _Mention(code, start, end, inherent)


def _polish_is_verb(unit: str, lower: str, start: int, end: int) -> bool:
    """Tell whether "polish" is the verb: lower-case, or opening a sentence without a language word after it.

    "Polish the UI" and "Polish and ship features" are the verb; "Polish and English fluency a must" and
    "Polish speaker" name the language.
    """
    if unit[start] != "P":
        return True
    if unit[:start].strip(" -•*"):
        return False
    follow = _POLISH_FOLLOW.match(lower, end)
    if follow is None:
        return True
    word = follow.group(1)
    return word is not None and word not in NEXT_WORDS and not scan_names().get(word)


def _is_language_use(after: str) -> bool:
    """Tell whether the next word leaves the name a language (not "French customers", "German GAAP")."""
    match = _NEXT_WORD.match(after)
    return not match or match.group(1) in NEXT_WORDS or bool(scan_names().get(match.group(1)))


def _levelled_skill(lower: str, start: int, after: str) -> bool:
    """Tell whether a name between a language level word and "skills" is a language.

    "professional Chinese narrative skills" names Chinese; without the level word, "German engineering
    skills" stays a craft, and "Chinese customers" (no "skills") stays an adjective.
    """
    return bool(_SKILL_AFTER.match(after)) and bool(_LEVEL_BEFORE.search(lower, max(0, start - 30), start))


def _not_about_candidate(clause: str) -> bool:
    """Tell whether a clause is about customers, markets or translations rather than the candidate."""
    return bool(_MARKET_CLAUSE.search(clause)) and not _STRONG_CUE.search(clause)


@line_cache
def _has_cue(clause: str, unit: str) -> bool:
    """Tell whether the clause says its names are languages the candidate uses (asked once a clause)."""
    clause = OTHERS_SPEAK.sub(" ", clause)
    if _CUE.search(clause) or _WORKING_LANGUAGE.search(clause) or _POST_HEDGE.search(clause):
        return True
    return is_bare_item(unit)


def _is_hedged(clause: str, offset: int, end: int) -> bool:
    """Tell whether a hedge governs the mention at ``offset:end``: "X is a plus", "ideally X".

    A hedge after the name reaches it only across words that keep the same subject: in "Fluency in German
    required and SQL knowledge is a plus" the plus is about SQL.
    """
    post_hedges, pre_hedge = _hedges(clause)
    for hedge_start, hedge_end in post_hedges:
        if hedge_start < offset or _hedge_reaches(clause[end:hedge_start], clause[end:hedge_end]):
            return True
    return pre_hedge is not None and pre_hedge < offset


@line_cache
def _hedges(clause: str) -> tuple[tuple[tuple[int, int], ...], int | None]:
    """The spans of the clause's hedges (``POST_HEDGE``), and where its first ``PRE_HEDGE`` starts.

    Found once a clause, for all the names in it ("Spanish and English would be beneficial").
    """
    pre = _PRE_HEDGE.search(clause)
    return tuple(hedge.span() for hedge in _POST_HEDGE.finditer(clause)), pre.start() if pre else None


def _hedge_reaches(between: str, through: str) -> bool:
    """Tell whether a hedge after ``between`` still speaks of the name before it.

    Not past a requirement word ("German is a must and …"), nor past "and"/"with" that brings in another
    subject ("… and experience in fintech is a plus"), unless a plural verb joins them all ("Spanish
    skills and LatAm experience are a plus").
    """
    if _REQUIRED_WORD.search(between):
        return False
    if _PLURAL_HEDGE.search(through):
        return True
    names = scan_names()
    return all(
        word.group(1).lower() in names or word.group(1).lower() in NEXT_WORDS_AFTER_AND
        for word in _CONJOINED.finditer(between)
    )


def _level(unit: str, span: tuple[int, int], mention: _Mention, mentions: list[_Mention]) -> str | None:
    """Return the level said for the mention, from its clause (``span`` of ``unit``).

    A grade or a bracketed level right after the name wins ("German (C1)", "Hebrew - native"), then the
    nearest level word before it ("fluent English and basic German"), then any level in the clause.
    """
    following = [m.start for m in mentions if m.start > mention.start]
    near = unit[mention.end : min(following[0] if following else len(unit), mention.end + 40)]
    for pattern in _GRADES:  # a level word right after it counts after a bracket, colon or dash
        match = pattern.search(near)
        if match:
            return match.group().upper()
    if _POSTPOSED.match(near):
        found = _first_level(near)
        if found:
            return found
    before = unit[span[0] : mention.start]
    lowered = before.lower()
    best: tuple[int, str] | None = None
    for pattern, level in _LEVELS:
        for match in _finditer(pattern, before, lowered):
            if best is None or match.start() > best[0]:
                best = (match.start(), level or match.group().upper())
    return best[1] if best else _first_level(unit[span[0] : span[1]])


@line_cache
def _first_level(text: str) -> str | None:
    lowered = text.lower()  # once for every level word (each would lower the text again)
    for pattern, level in _LEVELS:
        match = _search(pattern, text, lowered)
        if match:
            return level or match.group().upper()
    return None


def _search(pattern: re.Pattern[str] | CaselessPattern, text: str, lowered: str) -> re.Match[str] | None:
    """The first match of a grade (read as text) or of a level word (``lowered`` is text.lower())."""
    return pattern.search(text, lowered) if isinstance(pattern, CaselessPattern) else pattern.search(text)


def _finditer(pattern: re.Pattern[str] | CaselessPattern, text: str, lowered: str) -> Iterator[re.Match[str]]:
    """The matches of a grade (read as text) or of a level word (``lowered`` is text.lower())."""
    return pattern.finditer(text, lowered) if isinstance(pattern, CaselessPattern) else pattern.finditer(text)


def _quote_span(start: int, end: int, mention: _Mention) -> tuple[int, int]:
    """Return the clause span, or the part of a long clause around the mention."""
    if end - start <= _EVIDENCE_CHARS:
        return start, end
    return max(start, mention.start - _EVIDENCE_CHARS // 2), min(end, mention.end + _EVIDENCE_CHARS // 2)


def _evidence(unit: str, start: int, end: int) -> str:
    """Quote the sentence, or when it is long, the part of it around the clause at ``start:end``."""
    text = " ".join(unit.split()).strip(" -•*;,")
    if len(text) <= _EVIDENCE_CHARS:
        return text
    spare = max(0, _EVIDENCE_CHARS - (end - start)) // 2
    left, right = max(0, start - spare), min(len(unit), end + spare)
    window = " ".join(unit[left:right].split())
    if left > 0:
        window = "…" + window.split(" ", 1)[-1]
    if right < len(unit):
        window = window.rsplit(" ", 1)[0] + "…"
    return window if len(window) <= _EVIDENCE_CHARS else window[: _EVIDENCE_CHARS - 1] + "…"
