"""Company boilerplate ("About us", EEO statements): text that describes the employer, not the job.

Two layers. Section headings ("About TikTok", "Why Join Us", "Benefits", "Über uns", …) open a
boilerplate section that lasts until a job heading ("About the team", "Responsibilities", …) or a page
separator; inside job sections, single sentences that list the company's offices or carry legal notices
(EEO, privacy, recruiting fraud) are dropped. ``RepeatedParagraphs`` learns, per company, the paragraphs
that recur across its postings, and ``strip_boilerplate`` drops those too when given their fingerprints.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from bot.extract.keyscan import (
    AlternativesPattern,
    AsciiKeys,
    CaselessPattern,
    FactorScreen,
    left_context,
    line_cache,
)
from bot.extract.language_cues import NICE_TO_HAVE_HEADINGS

HeadingKind = Literal["boilerplate", "job", "separator", "ambiguous"]

_HEADING_MAX_WORDS = 9
_HEADING_MAX_CHARS = 80
_SEPARATOR_MAX_CHARS = 120
_FINGERPRINT_MIN_WORDS = 12
_FINGERPRINT_MIN_CHARS = 40

# Decoration on headings (bullets, emoji, markdown, numbering): a leading run of characters that are not
# word characters nor "¿¡", and a trailing run of characters that are not word characters nor ")".
_LEADING_DECORATION = re.compile(r"[^\w¿¡]+")

# A heading that opens a section about the employer, checked before job headings ("What you'll get").
_BOILER_HEADING = re.compile(
    r"^(?:about us|about the company|about our company|more about us|learn more about"
    r"|who (?:we are|are we)|what we do|what we(?:'|’)?re building|what we are building"
    r"|our (?:mission|story|values|culture|vision|company|benefits|perks|commitment|offices|locations|"
    r"investors|backers|funding|principles|promise|purpose|history|team (?:&|and) culture|dna)"
    r"|(?:our |the |\w+ )?(?:benefits|perks)\b.*|what we offer|we offer"
    r"|what(?: do)? we offer"
    r"|our offer|what(?:'|’)?s in it for you|what you(?:'|’)?ll get|what you get|what you will get"
    r"|what you can expect(?! to do)|total rewards|compensation (?:&|and) benefits|therefore,? we offer"
    r"|equal (?:employment )?opportunit|eeo\b|eoe\b|equal-opportunity|diversity|inclusion|dei\b"
    r"|(?:reasonable )?accommodations?\b|privacy|data (?:protection|privacy)|gdpr|e-verify"
    r"|recruit(?:ment|ing) (?:fraud|scams?)|fraud|beware|a note on (?:fraud|scams)|company videos"
    r"|qui (?:sommes[- ]nous|nous sommes)|pourquoi (?:nous )?rejoindre|nos (?:valeurs|avantages|bureaux)"
    r"|ce que nous (?:offrons|proposons)|avantages|nous vous offrons"
    r"|über uns|ueber uns|wer wir sind|was wir (?:bieten|dir bieten|ihnen bieten)|unser angebot"
    r"|das bieten wir|wir bieten|unsere (?:werte|vorteile|benefits|kultur)|chancengleichheit"
    r"|sobre (?:nosotros|la empresa)|qui[eé]nes somos|qu[eé] ofrecemos|te ofrecemos|beneficios"
    r"|por qu[eé] (?:unirte|trabajar)|chi siamo|perch[eé] (?:unirti|lavorare)|cosa offriamo|offriamo"
    r"|i nostri valori)"
)

# Headings about a named thing ("About Acme", "Why Acme?", "Life at Acme"), checked after job headings.
_NAMED_BOILER_HEADING = re.compile(
    r"^(?:(?:more |a bit |a little )?about |why (?!this |you(?:'|’)?(?:re| are| should| might| would| could))"
    r"|life at |working at |work at |join us\b"
    r"|à propos |a propos |l(?:'|’)entreprise|warum |über |sobre |perch[eé] )"
)

# A heading that opens (or returns to) the job itself.
_JOB_HEADING = re.compile(
    r"^(?:about (?:the|this|our|your|a) |about (?:you|yourself)\b|why (?:this|the) (?:role|position|job|team)"
    r"|(?:à|a) propos (?:du poste|de la mission|du rôle|de l'équipe|du stage|de vous|de toi)"
    r"|über (?:die|diese|deine|ihre) (?:rolle|stelle|position|aufgabe)"
    r"|sobre (?:el|la|este|esta) (?:puesto|rol|posici[oó]n|equipo|vacante)"
    r"|(?:the |your )?(?:role|position|job|team)\b"
    r"|what (?:you(?:'|’)?ll|you will|you(?:'|’)?d|you|we(?:'|’)?re looking|we are looking|we look|"
    r"will you|we need|we expect)"
    r"|who (?:you are|we(?:'|’)?re looking|we are looking)|you(?:'|’)?(?:ll| will)? (?:bring|have|are|do)"
    r"|in this role|the opportunity|minimum|basic|must[- ]haves?"
    # a section of nice-to-haves: "Preferred qualifications", "Bonus points", "Pluspunkte", "Atouts"
    rf"|{'|'.join(NICE_TO_HAVE_HEADINGS)}"
    r"|job |position |role |location|team\b|the team|compensation|salary|pay\b|how to apply|interview"
    r"|your |key |ideal candidate|how you(?:'|’)?(?:ll| will)? |what success|you will also"
    r"|an ideal candidate|day[- ]to[- ]day|internship|stage\b|details"
    r"|vos missions|ta mission|votre mission|le poste|profil|descriptif|missions?\b|ce que tu"
    r"|ihre aufgaben|deine aufgaben|aufgaben|dein profil|ihr profil|anforderungen|das bringst du mit|"
    r"was du mitbringst|was sie mitbringen|deine rolle"
    r"|responsabilidades|requisitos|funciones|tu perfil|lo que har[aá]s|el puesto|el rol"
    r"|responsabilit[aà]|requisiti|il ruolo|mansioni|cosa farai|profilo)"
)

# Headings told by a word anywhere in them rather than by how they open: one that ends with an offer word
# ("Health & wellness benefits") is boilerplate, one that names a job word ("Key responsibilities") is the
# job's. As ``.*\b(?:…)`` alternatives of the heading patterns they were retried at every character of
# every heading, more work than all the other alternatives together; ``heading_kind`` tests them apart,
# in the same order (offer words with the boilerplate headings, before the job headings).
_OFFER_ENDINGS = ("benefits", "perks")
_ENDS_WITH_OFFER = re.compile(rf"\b(?:{'|'.join(_OFFER_ENDINGS)})$")
_JOB_WORD = re.compile(
    r"\b(?:responsibilit|qualification|requirement|duties|tasks|skills|experience|profile|mission)"
)
_JOB_WORD_SCREEN = FactorScreen(_JOB_WORD)  # most headings hold none of the words: ``in`` tells fast

# Headings that are boilerplate only at the foot of a posting (after the job sections): a
# "Trust & Safety" heading at the top is more likely the job's category than a wellbeing notice.
_AMBIGUOUS_HEADING = re.compile(r"^(?:trust (?:&|and) safety|data security(?: statement)?|disclaimer)$")

_SECOND_PERSON = re.compile(r"\byou(?:'ll|'re|'d)?\b|\byour\b|\bvous\b|\bdu\b|\bdein\w*|\bsie\b|\btu\b")
_OFFER_WORDS = re.compile(r"\b(?:offer|get|perks?|benefits?|love|like|enjoy|expect|us|join)\b")

# Page chrome that separates parts of a page: it ends a boilerplate section and is kept.
_SEPARATOR = re.compile(
    r"^(?:want more jobs like this|get jobs in|share this|apply (?:now|for this|here)|job information"
    r"|back to (?:jobs|all)|view all jobs|similar jobs|related jobs|#li-)"
)

# Job cues strong enough to end a boilerplate section without a heading.
# A short line stating the job's terms; kept even inside an offer/benefits section.
_TERMS_LINE = re.compile(
    r"\b(?:full[- ]time|part[- ]time|permanent (?:contract|position|role)|fixed[- ]term|cdi|cdd|unbefristet"
    r"|befristet|vollzeit|teilzeit|temps plein|temps partiel|internship|start date|date de début|startdatum"
    r"|duration|durée|dauer)\b",
    re.IGNORECASE,
)
_TERMS_LINE_MAX_CHARS = 120
_BULLETS = frozenset("-•*·–")
_SEPARATOR_STARTS = (
    "want more",
    "get jobs",
    "share this",
    "apply",
    "job information",
    "back to",
    "view all",
    "similar jobs",
    "related jobs",
    "#li-",
)

_SEPARATOR_START_CHARS = max(map(len, _SEPARATOR_STARTS))

# The heading patterns as one alternation, in the order they are tried: a match at the start takes the
# first alternative that matches there, as separate ``match`` calls in that order would (none holds a
# group of its own, so the group that matched names the kind).
_HEADING_KINDS: tuple[tuple[str, re.Pattern[str], HeadingKind], ...] = (
    ("separator", _SEPARATOR, "separator"),
    ("ambiguous", _AMBIGUOUS_HEADING, "ambiguous"),
    ("boilerplate", _BOILER_HEADING, "boilerplate"),
    ("job", _JOB_HEADING, "job"),
    ("named", _NAMED_BOILER_HEADING, "boilerplate"),  # "About Acme": after the job's own "About the team"
)
_HEADING = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern, _ in _HEADING_KINDS))
_KIND_OF_GROUP: dict[str | None, HeadingKind] = {name: kind for name, _, kind in _HEADING_KINDS}

_JOB_CUE = re.compile(
    r"(?:we(?:'|’)re|we are|is) (?:looking for|seeking|hiring|searching for)\b|this (?:role|position"
    r"|internship)\b"
    r"|the (?:role|position|internship|job) (?:is|will|requires|offers)\b"
    r"|\bas an? (?:\w+ ){0,4}(?:intern|engineer|manager|analyst|associate|designer|developer),? you\b"
    r"|nous recherchons\b|wir suchen\b|buscamos\b|cerchiamo\b"
)


_JOB_CUE_SEARCH = AlternativesPattern(_JOB_CUE)  # only the cues whose words the line holds
# Words one of the cues needs, but for "as a … you" (tested apart): a line holding none of them has no cue.
# A stricter screen than the pattern's own (which passes lines holding only its common words, "the ",
# "this "), and one automaton pass.
_JOB_CUE_WORDS = (
    "ing for", "seeking", "hiring", "role", "position", "internship", "job ", "recherchons", "suchen",
    "buscamos", "cerchiamo",
)  # fmt: skip
_JOB_CUE_SCREEN = FactorScreen(re.compile("|".join(map(re.escape, _JOB_CUE_WORDS))))


def _may_hold_job_cue(lowered: str) -> bool:
    """False when no ``_JOB_CUE`` match can be in ``lowered``; True when one may."""
    return _JOB_CUE_SCREEN.may_match(lowered) or ("as a" in lowered and "you" in lowered)


@line_cache
def _job_cue(line: str) -> bool:
    """Tell whether a line plainly talks about the job (a boilerplate section ended without a heading)."""
    bullet = line[0] in _BULLETS
    if bullet and not line.endswith(":"):
        return False  # benefit bullets never end a section (nor lower-cased, a lead-in ends with ":")
    lowered = line.lower()
    if lowered.endswith(":") and len(lowered) < 130 and _SECOND_PERSON.search(lowered):
        return True  # a lead-in to a list: "You will be a good fit if you:"
    return not bullet and _may_hold_job_cue(lowered) and bool(_JOB_CUE_SEARCH.search(lowered))


# Sentences that describe the employer or carry legal notices, wherever they appear. Matched on
# lowercased text, and only on lines holding one of ``_NOTICE_KEYS`` (a cheap substring test first).
_NOTICE_KEYS = AsciiKeys((
    "headquarter", "hq", "offices", "hubs", "bureaux", "standort", "opportunit", "privacy", "fair chance",
))  # fmt: skip
_NOTICE_SENTENCE = re.compile(
    r"headquartered (?:in|at|out of)\b|\bheadquarters\b[^.;]{0,30}?\b(?:is|are|in|located)\b"
    r"|\bhq(?:'d|s)?\s+(?:is |are )?(?:in|at|located)\b|\b(?:siège|hauptsitz|sede central|sede principale)\b"
    r"|\b(?:offices|hubs|campuses|studios|bureaux|standorte|sedi|oficinas|uffici)\b"
    r"[^.;]{0,40}?\b(?:in|include|including|across|around|throughout|spanning|located|à|en|a)\b"
    r"|equal (?:employment )?opportunit|without regard to\b|regardless of (?:race|age|gender|sex)"
    r"|affirmative action\b|reasonable accommodations?\b|e-verify\b|protected veteran"
    r"|égalité des chances\b|chancengleichheit\b|pari opportunità\b|igualdad de oportunidades\b"
    r"|privacy (?:policy|notice|statement)\b|applicant privacy\b|\bgdpr\b|datenschutz"
    r"|recruit(?:ment|ing) (?:fraud|scams?)\b|fraudulent\b|fair chance (?:ordinance|act|initiative)"
)
_NOTICE_SCREEN = FactorScreen(_NOTICE_SENTENCE)  # the words a notice needs: most sentences hold none
_NOTICE_SEARCH = AlternativesPattern(_NOTICE_SENTENCE)  # only the kinds of notice whose words are there
_NOTICE_WINDOW = 80
_NOTICE_CONTEXT = left_context(_NOTICE_SENTENCE)
# An office list that the job itself is about ("you can work from our offices in …") is kept.
_JOB_PLACE = re.compile(
    r"\byou\b|\byour\b|\b(?:this|the) (?:role|position|job|internship)\b|\bbased (?:in|at|out of)\b|\bvous\b"
    r"|\bdu\b|\bSie\b",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(r"\bcandidates?\b|\bintern(?:ship)?s?\b", re.IGNORECASE)
_TERMS_LINE_LOW = CaselessPattern(_TERMS_LINE)
_JOB_PLACE_LOW = CaselessPattern(_JOB_PLACE)
_CANDIDATE_LOW = CaselessPattern(_CANDIDATE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"“„(A-ZÀ-Ý¿¡0-9-])")


def fingerprint(paragraph: str) -> str:
    """Return a stable key for a paragraph: its words, case-folded, hashed (punctuation ignored)."""
    words = re.findall(r"\w+", paragraph.casefold())
    return hashlib.blake2b(" ".join(words).encode(), digest_size=10).hexdigest()


def _fold_heading(line: str) -> str:
    stripped = line.strip()
    # The runs are read from each end, not by ``re.sub(r"^[^\w¿¡]+|[^\w)]+$", "", …)``, which tries its
    # trailing branch at every position: the same spans (the leading run, then the longest trailing run
    # after it). A word character (``\w``) is one that ``str.isalnum`` holds, or "_": most headings open
    # with a letter, and then no regex is run for the leading run.
    lead = None if stripped[:1].isalnum() else _LEADING_DECORATION.match(stripped)
    start = lead.end() if lead else 0
    end = len(stripped)
    while end > start and not (stripped[end - 1].isalnum() or stripped[end - 1] in "_)"):
        end -= 1
    folded = stripped[start:end].replace("’", "'").casefold()
    # No whitespace is left at either end, so splitting and joining folds each run of it as "\s+" → " ".
    return " ".join(folded.split())


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _HEADING_MAX_CHARS or stripped.startswith(("- ", "• ", "* ")):
        return False
    if stripped.endswith((".", ",", ";")) and not stripped.endswith("etc."):
        return False
    # Split no further than one word past the limit: a long line's other words are not counted.
    return len(stripped.split(None, _HEADING_MAX_WORDS)) <= _HEADING_MAX_WORDS


def heading_kind(line: str) -> HeadingKind | None:
    """Return what a short line opens: a boilerplate section, a job section, a page separator, or None."""
    if not _looks_like_heading(line):
        # Only the opening is lower-cased: ``str.lower`` maps each character on its own (but for sigma's
        # final form, never an ASCII letter), so it opens the same way as the whole line lower-cased.
        if not line[:_SEPARATOR_START_CHARS].lower().startswith(_SEPARATOR_STARTS):
            return None
        return "separator" if _SEPARATOR.match(_fold_heading(line)) else None
    folded = _fold_heading(line)
    if not folded:
        return None
    found = _HEADING.match(folded)
    group = found.lastgroup if found is not None else None
    if group not in ("separator", "ambiguous", "boilerplate"):  # the word tests come next in order
        if folded.endswith(_OFFER_ENDINGS) and _ENDS_WITH_OFFER.search(folded):
            return "boilerplate"
        if group != "job" and _JOB_WORD_SCREEN.may_match(folded) and _JOB_WORD.search(folded):
            return "job"
    if group is not None:
        return _KIND_OF_GROUP[group]
    if _SECOND_PERSON.search(folded) and not _OFFER_WORDS.search(folded):
        return "job"  # "You'll thrive here if you…", "Could that be you?"
    return None


def _inline_heading_kind(line: str) -> HeadingKind | None:
    """Return the kind of a heading that opens a line before its text ("About Acme: Acme is …")."""
    head, sep, rest = line.partition(":")
    # The short head first; ``isspace`` tells a blank rest without copying a long paragraph's text.
    if not sep or len(head.split()) > 5 or not rest or rest.isspace():
        return None
    kind = heading_kind(head)
    return kind if kind in ("boilerplate", "job") else None


def _notice_lines(text: str) -> set[int]:
    """Indexes of the lines that hold a notice sentence: keys found on the whole text, checked around each."""
    found = _NOTICE_KEYS.hits(text)  # where they are in text.lower(), without lower-casing the whole text
    if found is None:  # lower-casing changes the text's length: offsets would not agree
        return set(range(text.count("\n") + 1))
    # Each key, in text order, with the index of the line holding it: line breaks counted from one key to
    # the next, so the text is read once up to the last key rather than from its start for each.
    lines: set[int] = set()
    line = previous = 0
    for at in sorted(at for starts in found.values() for at in starts):
        line += text.count("\n", previous, at)
        previous = at
        if line in lines:
            continue  # a notice was already found around another key of this line
        start = max(0, at - _NOTICE_WINDOW)
        # The window and what the pattern may read before it ("\b"), so it reads as in the whole text.
        # Only the window is lower-cased: the same characters as that stretch of text.lower() (bar a
        # final sigma's form at its ends, a letter either way, which no notice word reads).
        before = min(start, _NOTICE_CONTEXT)
        if _notice_in(text[start - before : at + _NOTICE_WINDOW].lower(), before):
            lines.add(line)
    return lines


@line_cache
def _terms_line(line: str) -> bool:
    return bool(_TERMS_LINE_LOW.search(line))


@line_cache
def _notice_in(window: str, start: int) -> bool:
    """Tell whether a notice sentence matches in ``window`` from ``start`` (windows of one employer recur)."""
    return _NOTICE_SEARCH.search(window, start) is not None


@line_cache
def _drop_notice_sentences(line: str) -> str:
    if not _is_notice(line.lower()):
        return line
    kept = [
        sentence
        for sentence in _SENTENCE_END.split(line)
        if not (_is_notice(lowered := sentence.lower()) and not _JOB_PLACE_LOW.search(sentence, lowered))
    ]
    return " ".join(kept)


def _is_notice(lowered: str) -> bool:
    return _NOTICE_SCREEN.may_match(lowered) and _NOTICE_SEARCH.search(lowered) is not None


# A paragraph's opening that names a company and says what it is or does ("Acme's platform helps …").
_COMPANY_INTRO = re.compile(
    r"(?:at )?([\w.&' -]{2,40}?)(?:'s|’s)?\s+(?:is|are|was|builds|helps|makes|provides|powers)\b",
    re.IGNORECASE,
)
_NOT_KEY = re.compile(r"[\W_]+")  # what a company key leaves out of a name


@line_cache
def _opens_with_company(line: str, company_key: str) -> bool:
    """Tell whether a paragraph opens by describing the company in the third person ("Acme is a …")."""
    if len(line.split(None, 7)) < 8:  # fewer than 8 words (a long paragraph is not split to its end)
        return False
    head = _COMPANY_INTRO.match(line)
    if not head:
        return False
    key = _company_key(head.group(1))
    if not key or not (key.startswith(company_key) or company_key.startswith(key)):
        return False
    if _job_cue(line):
        return False
    lowered = line.lower()  # read by both patterns below
    return not (_JOB_PLACE_LOW.search(line, lowered) or _CANDIDATE_LOW.search(line, lowered))


@line_cache
def _read_line_kind(line: str) -> HeadingKind | None:
    """Return the heading kind of a line, or of a heading that opens it; None for ordinary text."""
    if (
        len(line) <= _SEPARATOR_MAX_CHARS and line[0] not in _BULLETS
    ):  # cheap tests first: most lines are prose
        kind = heading_kind(line)
        if kind is not None:
            return kind
    colon = line.find(":", 0, 60)
    return _inline_heading_kind(line) if colon > 0 else None


def _company_key(company: str) -> str:
    return _NOT_KEY.sub("", company.casefold())


def strip_boilerplate(text: str, company: str = "", known: Iterable[str] | None = None) -> str:
    """``text`` without the paragraphs that describe the company rather than the job.

    ``known`` holds fingerprints (see ``fingerprint``) of paragraphs already known to be boilerplate
    for this company, e.g. from ``RepeatedParagraphs``.
    """
    if not text:
        return text
    known_set = known if isinstance(known, set | frozenset) else frozenset(known or ())
    company_key = _company_key(company)
    # A company intro ("Acme is a …") holds the name's first letters early in the line: a cheap test
    # that most lines fail, done here rather than through a remembered call per line.
    intro_key = company_key[:3] if len(company_key) >= 3 else ""
    intro_span = len(company_key) + 12
    notice_lines = _notice_lines(text)
    kept: list[str] = []
    in_boilerplate = False
    seen_job = False
    for index, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped:
            if not in_boilerplate:
                kept.append(line)
            continue
        if known_set and len(stripped) > _FINGERPRINT_MIN_CHARS and fingerprint(stripped) in known_set:
            continue
        prose = len(stripped) > _SEPARATOR_MAX_CHARS or stripped[0] in _BULLETS
        if prose and stripped.find(":", 0, 60) <= 0:
            kind = None  # a paragraph or list item with no label: no heading (not worth remembering)
        else:
            kind = _read_line_kind(stripped)
            if kind == "ambiguous":
                kind = "boilerplate" if seen_job else None
        if kind is None:  # most lines: ordinary text, which ends a boilerplate section only by a job cue
            if in_boilerplate:
                # A bullet ends no section unless it leads in to a list (``_job_cue``): most lines under
                # "What we offer" are benefit bullets, told here without a remembered call for each.
                if (stripped[0] in _BULLETS and not stripped.endswith(":")) or not _job_cue(stripped):
                    if len(stripped) <= _TERMS_LINE_MAX_CHARS and _terms_line(stripped):
                        kept.append(line)  # "- Full-time, permanent contract" under "What we offer"
                    continue
                in_boilerplate = False
        elif kind == "boilerplate":
            in_boilerplate = True
            continue
        else:  # a job heading or a separator
            in_boilerplate = False
            seen_job = seen_job or kind == "job"
        if (
            intro_key
            and intro_key in stripped[:intro_span].casefold()
            and _opens_with_company(stripped, company_key)
        ):
            continue
        kept.append(_drop_notice_sentences(line) if index in notice_lines else line)
    return "\n".join(kept).strip()


class RepeatedParagraphs:
    """Learns one company's boilerplate: paragraphs that recur across at least ``min_postings`` postings."""

    __slots__ = ("_counts", "_postings", "min_postings")

    def __init__(self, min_postings: int = 3) -> None:
        self.min_postings = min_postings
        self._counts: Counter[str] = Counter()
        self._postings = 0

    def add(self, text: str) -> None:
        """Count the long paragraphs of one posting's text (each paragraph once per posting)."""
        self._postings += 1
        seen = {
            fingerprint(stripped)
            for line in text.split("\n")
            if len((stripped := line.strip()).split()) >= _FINGERPRINT_MIN_WORDS
            and not stripped.startswith("-")
        }
        self._counts.update(seen)

    @property
    def postings(self) -> int:
        """How many postings were added."""
        return self._postings

    def boilerplate(self) -> frozenset[str]:
        """Fingerprints of the paragraphs seen in at least ``min_postings`` postings."""
        if self._postings < self.min_postings:
            return frozenset()
        return frozenset(key for key, count in self._counts.items() if count >= self.min_postings)
