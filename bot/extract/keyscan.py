"""Cheap key scanning: find where key words start, so heavy patterns run only there.

Regex alternations scan every character of a long posting; ``str.find`` on a few literal keys is an
order of magnitude faster, and most postings hold none of a facet's keys.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Set
from functools import lru_cache
from itertools import compress
from operator import itemgetter, not_
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, TypeVar

# Automata and screens are built on first use, and the shared body pass takes more keys as modules first
# read: a worker extracts postings in several threads at once (``asyncio.to_thread``), so builds and notes
# run under this lock, and each is published whole (its "built" mark set last).
BUILD_LOCK = threading.RLock()

T = TypeVar("T")


# Letters a case-blind regex takes for ASCII letters that ``str.lower`` does not turn into them ("ı" is
# "i" and "ſ" is "s" to the regex): a pattern run over a lower-cased copy instead of the text itself, to be
# fast, must leave a text holding one of them to the case-blind pattern.
CASE_BLIND_ONLY = ("ı", "ſ")


def word_starts(lowered: str, keys: tuple[str, ...]) -> list[int]:
    """Return the offsets, in text order, where a key starts a word (no letter just before it)."""
    return _at_word_starts(lowered, all_starts(lowered, keys))


def word_starts_in(hits: dict[str, list[int]], lowered: str, keys: tuple[str, ...]) -> list[int]:
    """``word_starts`` read from ``hits``, a ``KeySet.hits(lowered)`` of a set holding every key."""
    return _at_word_starts(lowered, (hits.get(key, ()) for key in keys))


def _at_word_starts(lowered: str, found: Iterable[Iterable[int]]) -> list[int]:
    """The offsets of ``found`` (each key's) with no letter just before them, in text order."""
    starts = [at for offsets in found for at in offsets if at == 0 or not lowered[at - 1].isalpha()]
    starts.sort()
    return starts


def all_starts(lowered: str, keys: tuple[str, ...]) -> list[list[int]]:
    """``key_starts(lowered, key)`` of each key that occurs (read from the shared pass in one go)."""
    hits = _body_hits(lowered)
    noted = _BODY.keys
    return [
        found
        for key in keys
        if (found := hits.get(key) if key in noted else _find_loop(lowered, key))  # type: ignore[arg-type]
    ]


class KeySet:
    """Keys found all at once, each where a ``str.find`` loop resuming after each hit would find it.

    One pass of an Aho-Corasick DFA (ahocorasick_rs, in Rust) over a lower-cased text finds every
    occurrence of every key: a ``str.find`` loop per key reads the whole text once per key, and a trie
    that follows failure links character by character is several times slower. Built on first use.
    """

    __slots__ = ("_built", "generation", "keys")

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.keys: frozenset[str] = frozenset(keys)  # replaced, never changed: a reader's copy stays whole
        self._built: tuple[Any, tuple[str, ...], frozenset[str]] | None = None
        self.generation = 0  # how many times keys were added: what a pass over a text found depends on it

    def add(self, keys: Iterable[str]) -> None:
        """Note more keys (the automaton is built again on next use)."""
        with BUILD_LOCK:
            self.keys = self.keys.union(keys)
            self._built = None
            self.generation += 1

    def _build(self) -> tuple[Any, tuple[str, ...], frozenset[str]]:
        from ahocorasick_rs import AhoCorasick, Implementation, MatchKind  # loaded on first use

        with BUILD_LOCK:
            if self._built is not None:  # another thread built it meanwhile
                return self._built
            keys = tuple(sorted(self.keys))
            automaton = AhoCorasick(keys, matchkind=MatchKind.Standard, implementation=Implementation.DFA)
            # Whether a key can overlap itself ("aa" in "aaa"): then the pass's hits are thinned as a
            # ``str.find`` loop that resumes after each hit would find them.
            overlaps = frozenset(k for k in keys if any(k[:n] == k[-n:] for n in range(1, len(k))))
            self._built = automaton, keys, overlaps
            return self._built

    def starts(self, lowered: str) -> list[int]:
        """Every position where some key occurs in ``lowered`` (overlaps too), in order, each once."""
        if not lowered or not self.keys:
            return []
        automaton, keys, _ = self._built or self._build()
        try:
            found = {start for _, start, _ in automaton.find_matches_as_indexes(lowered, overlapping=True)}
        except UnicodeEncodeError:  # a lone surrogate, which the automaton's UTF-8 cannot hold
            found = set()
            for key in keys:
                at = lowered.find(key)
                while at != -1:
                    found.add(at)
                    at = lowered.find(key, at + 1)
        return sorted(found)

    def hits(self, lowered: str) -> dict[str, list[int]]:
        """Each key found in ``lowered`` → where, in order (keys not found are left out)."""
        found: dict[str, list[int]] = {}
        if not lowered or not self.keys:
            return found
        automaton, keys, overlaps = self._built or self._build()
        try:
            # Every occurrence of every key, overlapping ones too, in the order of where they end: for
            # one key, in the order of where they start.
            hits = automaton.find_matches_as_indexes(lowered, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate, which the automaton's UTF-8 cannot hold
            return {key: starts for key in keys if (starts := _find_loop(lowered, key))}
        for index, start, _ in hits:
            found.setdefault(keys[index], []).append(start)
        for key in overlaps.intersection(found):
            starts = found[key]
            if len(starts) > 1:
                kept = [starts[0]]
                for at in starts[1:]:
                    if at >= kept[-1] + len(key):
                        kept.append(at)
                found[key] = kept
        return found


# Per key of an ``AsciiKeys``: (offset, index, bytes) of each key that may start inside an occurrence.
_Inside = tuple[tuple[tuple[int, int, bytes], ...], ...]


class AsciiKeys:
    """Keys of ASCII lower-case characters found case-blind in a text, with no lower-cased copy of it.

    ``str.lower`` of a long text that is not all ASCII costs a few nanoseconds a character; its UTF-8
    bytes lower-case at C speed, ASCII letters only. Only "K" (Kelvin sign, to "k") and "İ" (to "i̇", two
    characters) lower-case into ASCII letters, so for keys without a "k" and a text without an "İ", the
    keys occur in the lower-cased bytes exactly where a ``KeySet`` finds them in ``text.lower()``. Byte
    offsets are turned back into character offsets. Built on first use.
    """

    __slots__ = ("_built", "keys")

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = tuple(sorted(set(keys)))
        if not all(key.isascii() and key == key.lower() and "k" not in key for key in self.keys):
            raise ValueError("AsciiKeys takes ASCII lower-case keys without a 'k'")
        self._built: tuple[Any, frozenset[str], _Inside] | None = None

    def _build(self) -> tuple[Any, frozenset[str], _Inside]:
        from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

        # Leftmost-first, not overlapping: the automaton can skip ahead to a key's rare bytes (several
        # times faster than reporting every overlapping occurrence). The occurrences it does not report
        # start inside reported ones (see ``hits``).
        automaton = BytesAhoCorasick(
            [key.encode() for key in self.keys],
            matchkind=MatchKind.LeftmostFirst,
            implementation=Implementation.DFA,
        )
        overlaps = frozenset(k for k in self.keys if any(k[:n] == k[-n:] for n in range(1, len(k))))
        # For each key, the keys that may start inside an occurrence of it: at which offset, agreeing
        # with its bytes where the two overlap ("standort" may start at the last "s" of "offices").
        encoded = [key.encode() for key in self.keys]
        inside = tuple(
            tuple(
                (offset, other, other_key)
                for offset in range(len(key))
                for other, other_key in enumerate(encoded)
                if (offset, other) != (0, index)
                and key[offset : offset + len(other_key)] == other_key[: len(key) - offset]
            )
            for index, key in enumerate(encoded)
        )
        self._built = automaton, overlaps, inside
        return self._built

    def hits(self, text: str) -> dict[str, list[int]] | None:
        """``KeySet(keys).hits(text.lower())``; None when lower-casing changes the text's length ("İ")."""
        if "\u0130" in text:
            return None
        found: dict[str, list[int]] = {}
        if not text:
            return found
        automaton, overlaps, inside = self._built or self._build()
        raw = text.encode("utf-8", "surrogatepass").lower()
        keys = self.keys
        occurrences: set[tuple[int, int]] = set()
        for index, start, _ in automaton.find_matches_as_indexes(raw):
            occurrences.add((index, start))
            # An occurrence the scan skipped starts inside a reported one: it cannot start before it (that
            # one would not be leftmost) nor at or after its end (the scan goes on from there).
            for offset, other, key in inside[index]:
                if raw.startswith(key, start + offset):
                    occurrences.add((other, start + offset))
        for index, start in sorted(occurrences, key=itemgetter(1)):  # each key's in the order they start
            found.setdefault(keys[index], []).append(start)
        for key in overlaps.intersection(found):  # as a find loop resuming after each hit finds them
            kept = [found[key][0]]
            for at in found[key][1:]:
                if at >= kept[-1] + len(key):  # ASCII keys: as many bytes as characters
                    kept.append(at)
            found[key] = kept
        if found and not text.isascii():
            chars = _char_offsets(raw, sorted({at for starts in found.values() for at in starts}))
            found = {key: [chars[at] for at in starts] for key, starts in found.items()}
        return found


def _char_offsets(raw: bytes, offsets: list[int]) -> dict[int, int]:
    """Each byte offset (at a character's start, in order) of UTF-8 ``raw`` → its character offset."""
    chars: dict[int, int] = {}
    count = previous = 0
    for at in offsets:
        count += len(raw[previous:at].decode("utf-8", "surrogatepass"))
        previous = at
        chars[at] = count
    return chars


# Every key a facet module looks for in a posting's body, found by one shared pass over the body.
_BODY = KeySet()


def body_keys(*keys: str) -> tuple[str, ...]:
    """Return ``keys``, noted as keys that ``key_starts`` finds in a body by the shared pass."""
    _BODY.add(keys)
    _body_hits_of.cache_clear()
    return keys


def _body_hits(lowered: str) -> dict[str, list[int]]:
    """The shared pass over ``lowered``, for every key noted before this call.

    A reader that saw a key noted, then calls this, finds it: a pass another thread remembered from before
    the note is not used (passes are remembered per generation of the keys).
    """
    return _body_hits_of(lowered, _BODY.generation)


@lru_cache(maxsize=8)
def _body_hits_of(lowered: str, generation: int) -> dict[str, list[int]]:
    return _BODY.hits(lowered)


def _find_loop(lowered: str, key: str) -> list[int]:
    """Where ``key`` occurs in ``lowered``, each ``str.find`` resuming after the hit before."""
    starts: list[int] = []
    at = lowered.find(key)
    while at != -1:
        starts.append(at)
        at = lowered.find(key, at + len(key))
    return starts


def keys_found(lowered: str, keys: tuple[str, ...]) -> list[tuple[str, list[int]]]:
    """Each of ``keys`` found in ``lowered``, with its ``key_starts`` (the shared pass looked up once)."""
    noted = _BODY.keys  # before the pass: every key noted by then is in it
    hits = _body_hits(lowered)
    return [
        (key, found)
        for key in keys
        if (found := hits.get(key) if key in noted else _find_loop(lowered, key))  # type: ignore[arg-type]
    ]


def key_starts(lowered: str, key: str) -> list[int]:
    """Where ``key`` occurs in ``lowered``, left to right, as ``str.find`` from after each hit finds it.

    A key noted with ``body_keys`` is read from one shared pass over ``lowered`` (meant for a posting's
    lower-cased body, which several modules scan); any other key is found by ``str.find``.
    """
    if key in _BODY.keys:
        return _body_hits(lowered).get(key, [])
    return _find_loop(lowered, key)


def match_at(pattern: re.Pattern[str], source: str, starts: list[int]) -> re.Match[str] | None:
    """Return the first match of ``pattern`` that begins at one of ``starts``."""
    for at in starts:
        found = pattern.match(source, at)
        if found:
            return found
    return None


def same_offsets(text: str, lowered: str) -> str:
    """Return the text to match on: ``text`` itself unless lowercasing changed its length (offsets differ)."""
    return text if len(lowered) == len(text) else lowered


_LINE_CACHE_SIZE = 8192
_CACHES: list[Any] = []


def line_cache(func: Callable[..., T]) -> Callable[..., T]:
    """Memoize a pure function of one line of text (and small keys), bounded.

    Postings of one employer repeat most of their lines (the company paragraph, benefits, legal notices):
    over real boards more than half the text of a posting was read before, in another posting.
    """
    cached = lru_cache(maxsize=_LINE_CACHE_SIZE)(func)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


_TEXT_CACHE_SIZE = 64


def text_cache(func: Callable[..., T]) -> Callable[..., T]:
    """Memoize a pure function of a whole posting text (and small keys), for the last few texts.

    One job is often posted once per location with the same description, one after another (a tenth of
    the postings of real boards): a worker reads that text once. Few entries, since texts are long.
    """
    cached = lru_cache(maxsize=_TEXT_CACHE_SIZE)(func)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every line and text remembered (benchmarks time postings whose lines were never read)."""
    for cached in _CACHES:
        cached.cache_clear()
    _NON_ASCII.clear()  # what ``lower`` noted of the texts it read


_ASCII_BYTES = bytes(range(0x80))
_LOWER_BYTES_MIN_CHARS = 2000  # below this, the plain ``str.lower`` is as fast


@lru_cache(maxsize=8)
def lower(text: str) -> str:
    """Return ``text`` lowercased; cached, because several facet modules read the same body in a row.

    ``str.lower`` of a long text that is not all ASCII costs a few nanoseconds a character. Its UTF-8 bytes
    lower-case at C speed, ASCII letters only (every byte of another character is 0x80 or above): when
    no other character changes under lower-casing (curly quotes, bullets, small accented letters), which
    the string of those characters alone tells, that is the same text. ("Σ" would, and so would "İ".)
    """
    if text.isascii() or len(text) < _LOWER_BYTES_MIN_CHARS:
        return text.lower()
    raw = text.encode("utf-8", "surrogatepass")
    others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    _note_non_ascii(text, others)
    if others.lower() != others:
        return text.lower()
    lowered = raw.lower().decode("utf-8", "surrogatepass")
    _note_non_ascii(lowered, others)  # lower-casing changed none of them
    return lowered


# A long text (and its lower-cased copy) → the string of its non-ASCII characters, for the last few texts
# ``lower`` read: a ``CharScreen`` needs only those, and need not encode a whole body again.
_NON_ASCII: dict[str, str] = {}
_NON_ASCII_SIZE = 16


def _note_non_ascii(text: str, others: str) -> None:
    if len(_NON_ASCII) >= _NON_ASCII_SIZE:
        _NON_ASCII.clear()
    _NON_ASCII[text] = others


def words(text: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of ``text`` (for word-list constants)."""
    return tuple(text.split())


_LETTER_RUN = re.compile(r"[^\W\d_]+")
# ASCII bytes that are not letters become spaces; letters and every byte of a non-ASCII character stay.
_ASCII_NON_LETTERS = bytes(b if (b >= 0x80 or chr(b).isalpha()) else 0x20 for b in range(256))


def has_word(text: str, vocabulary: Set[str]) -> bool:
    r"""Tell whether a run of letters of ``text`` (as ``[^\W\d_]+`` finds them) is in ``vocabulary``.

    The same answer as ``not vocabulary.isdisjoint(re.findall(r"[^\W\d_]+", text))``, about twice as
    fast on a long text: ASCII punctuation and digits become spaces byte-wise, ``str.split`` cuts the
    rest, and only the few pieces that still hold something other than letters (a curly apostrophe,
    a dash) go through the regex.
    """
    raw = text.encode("utf-8", "surrogatepass")
    spaced = raw.translate(_ASCII_NON_LETTERS).decode("utf-8", "surrogatepass")
    pieces = spaced.split()
    if not vocabulary.isdisjoint(pieces):
        return True
    mixed = list(compress(pieces, map(not_, map(str.isalpha, pieces))))
    return bool(mixed) and not vocabulary.isdisjoint(_LETTER_RUN.findall(" ".join(mixed)))


_LETTER = re.compile(r"[^\W\d_]")


class WordScan:
    r"""``has_word`` for one fixed vocabulary, by one automaton pass over the text instead of splitting it.

    A run of letters (``[^\W\d_]+``) that is a word of the vocabulary is an occurrence of that word with
    no letter of a run just before or after it; any such occurrence is such a run (a word that is not all
    run letters can be no run, and is left out). The automaton finds every occurrence, overlapping ones
    too, and only those few are checked. Built on first use (``vocabulary`` is called then).
    """

    __slots__ = ("_automaton", "_noted", "_runs", "_vocabulary", "_words")

    def __init__(self, vocabulary: Callable[[], Iterable[str]]) -> None:
        self._vocabulary = vocabulary
        self._automaton: Any = None
        self._words: frozenset[str] = frozenset()
        self._runs: frozenset[str] = frozenset()  # the words that are runs of letters: the ones looked for
        self._noted = False  # whether the shared body pass looks for them too

    def found_in(self, text: str) -> bool:
        """The answer of ``has_word(text, vocabulary)``."""
        if self._automaton is None:
            self._build()
        try:
            hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate, which the automaton's UTF-8 cannot hold
            return has_word(text, self._words)
        letter, end = _LETTER.match, len(text)
        return any(
            (start == 0 or not letter(text, start - 1)) and (stop == end or not letter(text, stop))
            for _, start, stop in hits
        )

    def runs(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each run of letters of ``text`` that is a word of the vocabulary, in order."""
        if self._automaton is None:
            self._build()
        try:
            hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate: the runs themselves, looked up
            return [(m.start(), m.end()) for m in _LETTER_RUN.finditer(text) if m.group() in self._words]
        letter, end = _LETTER.match, len(text)
        return sorted(
            (start, stop)
            for _, start, stop in hits
            if (start == 0 or not letter(text, start - 1)) and (stop == end or not letter(text, stop))
        )

    def body_runs(self, lowered: str) -> list[tuple[int, int]]:
        """``runs(lowered)`` of a lower-cased body, read from the shared pass over it, not a pass of its own.

        The words are noted among the shared pass's keys on first use. That pass finds a word as a
        ``str.find`` loop does, passing over an occurrence that overlaps the one before; such an
        occurrence has a letter of that one just before it, so it is no run: the runs are the same.
        """
        if self._automaton is None:
            self._build()
        if not self._noted:
            with BUILD_LOCK:
                if not self._noted:
                    _BODY.add(self._runs)
                    _body_hits_of.cache_clear()
                    self._noted = True
        words, letter, end = self._runs, _LETTER.match, len(lowered)
        return sorted(
            (start, start + len(word))
            for word, starts in _body_hits(lowered).items()
            if word in words
            for start in starts
            if (start == 0 or not letter(lowered, start - 1))
            and (start + len(word) == end or not letter(lowered, start + len(word)))
        )

    def _build(self) -> None:
        from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

        self._words = frozenset(self._vocabulary())
        runs = sorted(word for word in self._words if _LETTER_RUN.fullmatch(word))
        self._runs = frozenset(runs)
        if not runs:
            self._automaton = _NoHits()
            return
        self._automaton = AhoCorasick(runs, matchkind=MatchKind.Standard, implementation=Implementation.DFA)


class _NoHits:
    """An automaton that finds nothing (a vocabulary with no word shaped like a run of letters)."""

    def find_matches_as_indexes(self, text: str, overlapping: bool = False) -> list[tuple[int, int, int]]:
        return []


_CACHES.append(lower)
_CACHES.append(_body_hits_of)


def _utf8_lead(code: int) -> int:
    """The first byte of the UTF-8 encoding of code point ``code``."""
    if code < 0x80:
        return code
    if code < 0x800:
        return 0xC0 | code >> 6
    if code < 0x10000:
        return 0xE0 | code >> 12
    return 0xF0 | code >> 18


class CharScreen:
    """A cheap necessary test for a one-character class such as ``[\u3040-\u30ff\u4e00-\u9fff]``.

    A regex over every character of a long text is slow. Every character of the class starts its UTF-8
    encoding with one of a few bytes; a text none of whose bytes is one of them cannot hold one, and
    encoding plus ``bytes.translate`` tell that at C speed. When it may, the regex decides. A pattern that
    is not a plain class (after an edit) gets no screen: every text may hold one.
    """

    __slots__ = ("_beyond_ascii", "_others")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._beyond_ascii = False  # every character of the class is beyond ASCII
        self._others: bytes | None = None  # None: not a plain class, every text may hold one
        (op, items), *rest = sre_parse.parse(pattern.pattern, pattern.flags)
        if rest or op is not sre_parse.IN or pattern.flags & re.IGNORECASE:
            return
        leads: set[int] = set()
        for kind, value in items:
            if kind is sre_parse.LITERAL:
                leads.add(_utf8_lead(value))
            elif kind is sre_parse.RANGE:
                leads.update(range(_utf8_lead(value[0]), _utf8_lead(value[1]) + 1))
            else:
                return
        self._others = bytes(b for b in range(256) if b not in leads)
        self._beyond_ascii = min(leads) >= 0x80

    def may_hold(self, text: str) -> bool:
        """False when ``text`` holds no character of the class; True when it may."""
        if self._others is None:
            return True
        # When every character of the class is beyond ASCII, the text's other characters, if ``lower``
        # kept them, tell as much.
        others = _NON_ASCII.get(text) if self._beyond_ascii else None
        source = text if others is None else others
        return bool(source.encode("utf-8", "surrogatepass").translate(None, self._others))


def _can_match_newline(items: Any, dotall: bool) -> bool:
    """Tell whether a parsed pattern (``re._parser`` items) may match a line break anywhere."""
    for op, value in items:
        if op is sre_parse.LITERAL:
            if value == 0x0A:
                return True
        elif op is sre_parse.NOT_LITERAL:
            if value != 0x0A:
                return True
        elif op is sre_parse.IN:
            if _class_holds_newline(value):
                return True
        elif op is sre_parse.ANY:
            if dotall:  # "." stops at a line break unless DOTALL
                return True
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            if _can_match_newline(value[2], dotall):
                return True
        elif op is sre_parse.SUBPATTERN:
            _, add_flags, del_flags, inner = value
            scoped = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
            if _can_match_newline(inner, scoped):
                return True
        elif op is sre_parse.ATOMIC_GROUP:
            if _can_match_newline(value, dotall):
                return True
        elif op is sre_parse.BRANCH:
            if any(_can_match_newline(branch, dotall) for branch in value[1]):
                return True
        elif op is sre_parse.AT or op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            continue  # zero-width: consumes nothing
        else:
            return True  # anything else (groupref, …): no promise
    return False


def _class_holds_newline(items: Any) -> bool:
    negate = any(op is sre_parse.NEGATE for op, _ in items)
    holds = False
    for op, value in items:
        if op is sre_parse.LITERAL:
            holds = holds or value == 0x0A
        elif op is sre_parse.RANGE:
            holds = holds or value[0] <= 0x0A <= value[1]
        elif op is sre_parse.CATEGORY:
            holds = holds or value in (sre_parse.CATEGORY_SPACE, sre_parse.CATEGORY_NOT_DIGIT,
                                       sre_parse.CATEGORY_NOT_WORD, sre_parse.CATEGORY_LINEBREAK)  # fmt: skip
    return holds != negate


def _required_chars(items: Any) -> list[set[int]]:
    """Character sets the pattern must consume one of, each, for any match (top-level sequence only)."""
    required: list[set[int]] = []
    for op, value in items:
        if op is sre_parse.LITERAL:
            required.append({value})
        elif op is sre_parse.IN and all(kind is sre_parse.LITERAL for kind, _ in value):
            required.append({code for _, code in value})
    return required


class LinePattern:
    """A line-anchored pattern (``re.MULTILINE``, ``^…``) matched only on the lines that hold a mark.

    ``finditer`` gives exactly the matches of ``pattern.finditer(text)``. When no match can span a line
    break and every match holds one of ``marks`` (a label's colon), each match is the match at the start
    of a line holding a mark, and ``str.find`` on the marks finds those lines far faster than a regex
    visiting every character. Both conditions are read from the pattern when this is built; a pattern
    that does not meet them (``fast`` is False) is simply run over the whole text.
    """

    __slots__ = ("_marks", "fast", "pattern")

    def __init__(self, pattern: re.Pattern[str], marks: str = ":：") -> None:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
        anchored = bool(items) and items[0] == (sre_parse.AT, sre_parse.AT_BEGINNING)
        marked = any(chars <= {ord(m) for m in marks} for chars in _required_chars(items))
        newline = _can_match_newline(items, bool(pattern.flags & re.DOTALL))
        self.fast = bool(pattern.flags & re.MULTILINE) and anchored and marked and not newline
        self.pattern = pattern
        self._marks = marks

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``, in order."""
        if not self.fast:
            yield from self.pattern.finditer(text)
            return
        for start in _marked_lines(text, self._marks):
            match = self.pattern.match(text, start)
            if match is not None:
                yield match

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of ``pattern`` in ``text``, or None."""
        return next(self.finditer(text), None)


def marked_lines(text: str, marks: str = ":：") -> tuple[int, ...]:
    """Where each line of ``text`` that holds one of ``marks`` (a label's colon) starts, in order."""
    return _marked_lines(text, marks)


@lru_cache(maxsize=8)
def _marked_lines(text: str, marks: str) -> tuple[int, ...]:
    """Where each line of ``text`` that holds one of ``marks`` starts, in order (several patterns ask)."""
    starts: set[int] = set()
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            end = text.find("\n", at)
            at = -1 if end == -1 else text.find(mark, end)
    return tuple(sorted(starts))


_CACHES.append(_marked_lines)


def _factors(items: Any) -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence contains; None when unknown."""
    return _best_factor(_required_factors(items))


def _best_factor(candidates: list[set[str]]) -> set[str] | None:
    """The set of strings that screens best: its shortest string longest, then the fewest strings."""
    if not candidates:
        return None
    return max(candidates, key=lambda found: (min(map(len, found)), -len(found)))


def _required_factors(items: Any) -> list[set[str]]:
    r"""Every set of literal strings one of which each match of the parsed sequence contains, in order.

    "\bremote\s+work\s+(?:within|from)" needs "remote", "work" and one of "within" and "from": a text
    lacking any one of the three cannot match, however often it holds the others.
    """
    candidates: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is sre_parse.LITERAL:
            run += chr(value)
            continue
        if run:
            candidates.append({run})
            run = ""
        found: set[str] | None = None
        if op is sre_parse.SUBPATTERN:
            _, add_flags, _, inner = value
            found = None if add_flags & re.IGNORECASE else _factors(inner)
        elif op is sre_parse.BRANCH:
            branches = [_factors(branch) for branch in value[1]]
            if all(branch is not None for branch in branches):
                found = set().union(*branches)  # type: ignore[arg-type]
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            found = _factors(value[2]) if value[0] >= 1 else None
        elif (
            op is sre_parse.IN and 0 < len(value) <= 4 and all(kind is sre_parse.LITERAL for kind, _ in value)
        ):
            found = {chr(code) for _, code in value}
        if found:
            candidates.append(found)
    if run:
        candidates.append({run})
    return candidates


# From this many literal strings on, one automaton pass finds them faster than one ``in`` test each (each
# ``in`` has a setup cost, and reads the whole text when the string is not there).
_AUTOMATON_MIN_KEYS = 5


def _any_key_automaton(keys: tuple[str, ...]) -> Any:
    """An automaton finding ``keys`` (non-empty strings) in one pass; None when ``in`` tests are as fast."""
    if len(keys) < _AUTOMATON_MIN_KEYS:
        return None
    from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

    # Standard: every occurrence can be reported (``overlapping=True``); without it, a first one if any.
    return AhoCorasick(keys, matchkind=MatchKind.Standard, implementation=Implementation.DFA)


_ZERO_WIDTH = (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT)


def _leading(items: Any) -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence starts with; None when unknown."""
    run = ""
    for op, value in items:
        if op in _ZERO_WIDTH and not run:
            continue  # "\b", a look-around: nothing is read yet
        if op is sre_parse.LITERAL:
            run += chr(value)
            continue
        if run:
            return {run}
        if op is sre_parse.SUBPATTERN:
            _, add_flags, del_flags, inner = value
            return None if add_flags or del_flags else _leading(inner)
        if op is sre_parse.BRANCH:
            branches = [_leading(branch) for branch in value[1]]
            return set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        if op is sre_parse.IN and all(kind is sre_parse.LITERAL for kind, _ in value):
            return {chr(code) for _, code in value}
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT) and value[0] >= 1:
            return _leading(value[2])
        return None
    return {run} if run else None


def _search_from_starts(
    pattern: re.Pattern[str], leading: tuple[str, ...], text: str, pos: int
) -> re.Match[str] | None:
    r"""``pattern.search(text, pos)`` for a pattern each match of which starts with one of ``leading``.

    A pattern that opens with "\b" or a look-behind gives the regex engine no literal to skip ahead to,
    so it tries every position; a match can only start where one of those strings occurs, and
    ``str.find`` finds those. Each occurrence is tried in text order; past a few failed ones (a common
    string), the regex searches on from the next one itself.
    """
    nexts = {string: at for string in leading if (at := text.find(string, pos)) >= 0}
    tries = 0
    while nexts:
        at = min(nexts.values())
        if tries == _LEADING_MAX_TRIES:
            return pattern.search(text, at)  # no match starts before ``at``: the same answer
        found = pattern.match(text, at)
        if found is not None:
            return found
        tries += 1
        for string in [string for string, start in nexts.items() if start == at]:
            following = text.find(string, at + 1)
            if following < 0:
                del nexts[string]
            else:
                nexts[string] = following
    return None


_LEADING_MAX_TRIES = 12
_OPENING_MIN_CHARS = 3
# An alternative runs only over a text that holds its words (``AlternativesPattern``), mostly a short one:
# there even a one-letter opening ("5" of "5 days", "no" of "no remote") is found more cheaply by
# ``str.find`` than by the regex trying every position (past a dozen false starts the regex takes over).
_ALTERNATIVE_OPENING_MIN_CHARS = 1


class FactorScreen:
    """A cheap necessary test for a pattern: the literal strings one of which every match must contain.

    Read from the pattern itself (``re._parser``), so it follows any change to the pattern: "hybrid",
    "day", "tag", … for a rule about hybrid work. A text holding none of them cannot match, and ``in``
    (or, for many strings, one automaton pass) tells that far faster than the regex can. Patterns matched
    case-blind have no screen (it lets all pass).
    """

    __slots__ = ("_automaton", "factors")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        found = (
            None
            if pattern.flags & re.IGNORECASE
            else _factors(sre_parse.parse(pattern.pattern, pattern.flags))
        )
        self.factors: tuple[str, ...] | None = tuple(sorted(found)) if found else None
        self._automaton = _any_key_automaton(self.factors) if self.factors else None

    def may_match(self, text: str) -> bool:
        """False when no match of the pattern can be in ``text``; True when one may."""
        if self.factors is None:
            return True
        if self._automaton is not None:
            try:  # some factor occurs exactly when the automaton reports a first match
                return bool(self._automaton.find_matches_as_indexes(text))
            except UnicodeEncodeError:  # a lone surrogate, which the automaton's UTF-8 cannot hold
                pass
        for factor in self.factors:  # noqa: SIM110 (a plain loop: no generator, called very often)
            if factor in text:
                return True
        return False


class NeedsScreen:
    """A stronger necessary test than ``FactorScreen``, for text it lets pass: every word a match needs.

    Per top-level alternative of the pattern, the sets of literal strings its matches contain one of
    each ("as an", "intern" and "you" for "as an (…) intern, you"); a text passes when, for some
    alternative, it holds one string of every set. Worth it where the screen word is common and the
    regex run costly (a window around each "intern" of "international"). A pattern matched case-blind,
    or one alternative of which needs no literal string, lets all pass.
    """

    __slots__ = ("needs",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        needs: list[tuple[tuple[str, ...], ...]] = []
        if not pattern.flags & re.IGNORECASE and not pattern.flags & re.VERBOSE:
            for part in _alternatives(pattern.pattern):
                found = _required_factors(sre_parse.parse(part, pattern.flags))
                if not found:
                    needs = []
                    break
                needs.append(tuple(tuple(sorted(words)) for words in found))
        self.needs: tuple[tuple[tuple[str, ...], ...], ...] | None = tuple(needs) or None

    def may_match(self, text: str) -> bool:
        """False when no match of the pattern can be in ``text``; True when one may."""
        if self.needs is None:
            return True
        for alternative in self.needs:  # noqa: SIM110 (plain loops: called for many windows)
            if _holds_each(text, alternative):
                return True
        return False


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source ("a|(b|c)|[|]" → "a", "(b|c)", "[|]")."""
    parts: list[str] = []
    depth = start = at = 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 1  # the escaped character is never a bar or a bracket of the pattern
        elif char == "[":
            at += 1
            at += source.startswith("^", at)
            at += source.startswith("]", at)  # a "]" first in a class is one of its characters
            while at < len(source) and source[at] != "]":
                at += 2 if source[at] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:at])
            start = at + 1
        at += 1
    parts.append(source[start:])
    return parts


def _opening_strings(pattern: re.Pattern[str], least: int = _OPENING_MIN_CHARS) -> tuple[str, ...] | None:
    r"""The strings each match of ``pattern`` starts with, when it opens with "\b" or a look-around.

    None for a pattern the regex engine already skips through fast (it opens with a literal), or whose
    matches may start anywhere, or that is matched case-blind (its strings are not found by ``find``).
    """
    if pattern.flags & re.IGNORECASE:
        return None
    items = sre_parse.parse(pattern.pattern, pattern.flags)
    if not len(items):
        return None
    op, value = items[0]
    # A pattern of alternatives ("\byou\b|\byour\b") is one branch: each alternative must open so.
    branches = value[1] if op is sre_parse.BRANCH and len(items) == 1 else [items]
    if not all(len(branch) and branch[0][0] in _ZERO_WIDTH for branch in branches):
        return None
    found = _leading(items)
    if not found or min(map(len, found)) < least:
        return None  # a string of one or two letters ("in") starts too often in a long text to look for
    return tuple(sorted(found))


class AlternativesPattern:
    """``search`` of a pattern made of alternatives, running only the alternatives a text may hold.

    A regex tries every alternative at every position of the text; most alternatives need a word the
    text lacks (``FactorScreen`` of each alternative tells that with ``in``). The match ``search`` finds
    starts at the leftmost position where some alternative matches, and is the pattern's match there: so
    the earliest start among the alternatives that pass their screen, then ``pattern.match`` there. A
    pattern this cannot split (verbose, inline flags, one alternative) is searched as it is. The
    alternatives are compiled on first use, not at import.
    """

    __slots__ = (
        "_alternatives", "_automaton", "_built", "_by_factor", "_factor_alternatives", "_leading",
        "_needs", "_unscreened", "pattern",
    )  # fmt: skip

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._built = False
        self._alternatives: tuple[re.Pattern[str], ...] | None = None
        self._by_factor: dict[str, list[int]] = {}  # each word an alternative needs → those alternatives
        self._unscreened: list[int] = []  # alternatives with no such word: always run
        self._automaton: Any = None  # finds the words in one pass, when there are many
        self._factor_alternatives: tuple[list[int], ...] = ()  # the automaton's key index → alternatives
        # Per alternative that opens with "\b" or a look-around: the strings each of its matches starts with.
        self._leading: tuple[tuple[str, ...] | None, ...] = ()
        # Per alternative: the other sets of words it needs, each of which must have one word in the text.
        self._needs: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def _build(self) -> None:
        with BUILD_LOCK:  # every field set before ``_built``: a thread that sees it built sees it whole
            if not self._built:
                self._build_screens()
                self._built = True

    def _build_screens(self) -> None:
        pattern = self.pattern
        parts = _alternatives(pattern.pattern)
        if len(parts) < 2 or pattern.flags & re.VERBOSE or re.match(r"\(\?[a-zA-Z]", pattern.pattern):
            return
        compiled = [re.compile(part, pattern.flags) for part in parts]
        if sum(alternative.groups for alternative in compiled) != pattern.groups:
            return  # not split where the pattern's own bars are (a safeguard: never expected)
        for index, alternative in enumerate(compiled):
            factors = FactorScreen(alternative).factors
            if factors is None:
                self._unscreened.append(index)
            for factor in factors or ():
                self._by_factor.setdefault(factor, []).append(index)
        keys = tuple(self._by_factor)
        self._automaton = _any_key_automaton(keys)
        self._factor_alternatives = tuple(self._by_factor[key] for key in keys)
        self._leading = tuple(
            _opening_strings(alternative, _ALTERNATIVE_OPENING_MIN_CHARS) for alternative in compiled
        )
        self._needs = tuple(map(_needed_words, compiled))
        self._alternatives = tuple(compiled)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The same match as ``pattern.search(text, pos)``."""
        if not self._built:
            self._build()
        alternatives = self._alternatives
        if alternatives is None:
            return self.pattern.search(text, pos)
        chosen = set(self._unscreened)
        for indexes in self._screened(text):
            chosen.update(indexes)
        first = -1
        needs = self._needs
        for index in chosen:
            if needs[index] and not _holds_each(text, needs[index]):
                continue  # its screen word is there, but another word it needs is not
            leading = self._leading[index]
            if leading is None:
                found = alternatives[index].search(text, pos)
            else:
                found = _search_from_starts(alternatives[index], leading, text, pos)
            if found is not None and (first < 0 or found.start() < first):
                first = found.start()
        if first < 0:
            return None
        return self.pattern.match(text, first) or self.pattern.search(text, pos)  # (never the second)

    def _screened(self, text: str) -> Iterable[list[int]]:
        """The alternatives needing each word that ``text`` holds (each word once, however often held)."""
        if self._automaton is not None:
            try:  # every occurrence of every word, overlapping ones too
                found = self._automaton.find_matches_as_indexes(text, overlapping=True)
            except UnicodeEncodeError:  # a lone surrogate, which the automaton's UTF-8 cannot hold
                pass
            else:
                return map(self._factor_alternatives.__getitem__, set(map(itemgetter(0), found)))
        return [indexes for factor, indexes in self._by_factor.items() if factor in text]


def _needed_words(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """The sets of words a match of ``pattern`` needs one of each, but for the one its screen reads."""
    if pattern.flags & re.IGNORECASE:
        return ()
    needed = _required_factors(sre_parse.parse(pattern.pattern, pattern.flags))
    screen = _best_factor(needed)
    return tuple(tuple(sorted(words)) for words in needed if words != screen)


def _holds_each(text: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``text`` holds one word of each set (plain loops: called for every alternative run)."""
    for words in needs:
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


def left_context(pattern: re.Pattern[str]) -> int:
    r"""How many characters before a start position the pattern may read (``\b``, look-behinds)."""

    def widest(items: Any) -> int:
        found = 1  # "\b", "^" and the like read one character back
        for op, value in items:
            if op is sre_parse.ASSERT or op is sre_parse.ASSERT_NOT:
                direction, inner = value
                if direction < 0:
                    found = max(found, inner.getwidth()[1])
                found = max(found, widest(inner))
            elif op is sre_parse.SUBPATTERN:
                found = max(found, widest(value[-1]))
            elif op is sre_parse.BRANCH:
                found = max([found, *(widest(branch) for branch in value[1])])
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
                found = max(found, widest(value[2]))
            elif op is sre_parse.ATOMIC_GROUP:
                found = max(found, widest(value))
        return found

    return widest(sre_parse.parse(pattern.pattern, pattern.flags))


_LINE_FLAGS = re.MULTILINE | re.DOTALL  # scoped flags that only change how line breaks are read


def _case_twin(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A case-blind pattern's lower-cased twin, and the letters that must not be in a text it reads.

    Over lower-cased text the twin makes the same steps, so its matches have the same spans (their text
    is lower-cased). Not so where the regex engine lets one letter match another of the same lower case
    (``re._casefix``: "ſ" for "s", "ı" for "i"): a text holding one of those, for a letter the pattern
    names, goes to the pattern itself. A pattern plain lower-casing could change otherwise (a letter written
    as a code, a named group, an inline flag other than a scoped "m" or "s", a range of cased letters beyond
    a-z) gets no twin. ``(?m:^)`` and ``(?s:.)`` read line breaks, which lower-casing leaves as they are.
    """
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # another Python's engine: no promise
        return None
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[xuUN0-7]|\(\?P|\(\?(?![ms]+:)[a-zA-Z]", source):
        return None  # a letter written as a code, a named group, an inline flag: no plain lower-casing
    letters: set[int] = set()

    def walk(items: Any) -> bool:
        for op, value in items:
            if op in (sre_parse.LITERAL, sre_parse.NOT_LITERAL):
                letters.add(value)
            elif op is sre_parse.IN:
                for kind, item in value:
                    if kind is sre_parse.LITERAL:
                        letters.add(item)
                    elif kind is sre_parse.RANGE:
                        low, high = item
                        cased = any(chr(c).lower() != chr(c) or chr(c).upper() != chr(c) for c in (low, high))
                        if cased and not (
                            ord("a") <= low <= high <= ord("z") or ord("A") <= low <= high <= ord("Z")
                        ):
                            return False
                        letters.update(range(low, high + 1))
                    elif kind not in (sre_parse.CATEGORY, sre_parse.NEGATE):
                        return False
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
                if not walk(value[2]):
                    return False
            elif op is sre_parse.SUBPATTERN:
                if value[1] & ~_LINE_FLAGS or value[2] or not walk(value[3]):
                    return False
            elif op is sre_parse.BRANCH:
                if not all(walk(branch) for branch in value[1]):
                    return False
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                if not walk(value[1]):
                    return False
            elif op is sre_parse.ATOMIC_GROUP:
                if not walk(value):
                    return False
            elif op not in (sre_parse.AT, sre_parse.ANY, sre_parse.CATEGORY):
                return False
        return True

    if not walk(sre_parse.parse(source, pattern.flags)) or any(len(chr(c).lower()) != 1 for c in letters):
        return None
    others = {other for c in letters for other in _EXTRA_CASES.get(ord(chr(c).lower()), ())}
    twin = re.compile(_lower_source(source), pattern.flags & ~re.IGNORECASE)
    return twin, frozenset(map(chr, others))


def _lower_source(source: str) -> str:
    r"""A pattern's source lower-cased, escapes kept (``\W`` stays ``\W``, not ``\w``)."""
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


class CaselessPattern:
    """A case-blind pattern tested on lower-cased text: its lower-cased twin, behind a word screen.

    A case-blind regex is several times slower than its lower-cased twin over lower-cased text, and most
    texts hold none of the words the pattern needs (``FactorScreen`` of the twin), which ``in`` tells fast.
    ``search`` gives a match whose spans are the pattern's; its text is lower-cased, so callers read spans
    or truth, never ``group()`` text. Where the twin cannot promise that, the pattern itself runs. The
    twin and its screen are worked out on first use, not at import (modules hold dozens of these).
    """

    __slots__ = ("_built", "_leading", "_needs", "_others", "_screen", "_twin", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._built = False
        self._twin: re.Pattern[str] | None = None
        self._others: frozenset[str] = frozenset()
        self._screen: FactorScreen | None = None
        self._needs: NeedsScreen | None = None  # built on the first window read (``may_match_lowered``)
        self._leading: tuple[str, ...] | None = None

    def _build(self) -> None:
        found = _case_twin(self.pattern)
        if found is not None:
            self._twin, self._others = found
            self._screen = FactorScreen(self._twin)
            self._leading = _opening_strings(self._twin)
        self._built = True

    def twin_for(self, text: str, lowered: str) -> re.Pattern[str] | None:
        """The lower-cased twin when it reads ``lowered`` (text.lower()) as the pattern reads ``text``.

        Its matches then have the pattern's spans, between any bounds (``search(lowered, pos, endpos)``);
        None: run the pattern itself.
        """
        if not self._built:
            self._build()
        twin = self._twin
        if twin is None or len(lowered) != len(text):
            return None
        if self._others and not lowered.isascii():
            for char in self._others:  # one or two letters: a plain loop, no generator (called very often)
                if char in lowered:
                    return None
        return twin

    def may_match_lowered(self, window: str) -> bool:
        """False when the twin (which ``twin_for`` gave) cannot match in the lower-cased ``window``.

        First the one word screen (one pass), then every word of some alternative: worth it for the many
        short windows around a common key ("intern" of "international" has no "as an … you"). A match
        inside a window holds its words inside it, so a window cut from a longer text is read alike.
        """
        assert self._screen is not None and self._twin is not None
        if not self._screen.may_match(window):
            return False
        if self._needs is None:
            self._needs = NeedsScreen(self._twin)
        return self._needs.may_match(window)

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """A match of the pattern in ``text`` (spans only: see the class); ``lowered`` is text.lower()."""
        low = text.lower() if lowered is None else lowered
        twin = self.twin_for(text, low)
        if twin is None:
            return self.pattern.search(text)
        assert self._screen is not None
        if not self._screen.may_match(low):
            return None
        if self._leading is not None:
            return _search_from_starts(twin, self._leading, low, 0)
        return twin.search(low)

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of the pattern in ``text``, spans only (see the class)."""
        low = text.lower() if lowered is None else lowered
        twin = self.twin_for(text, low)
        if twin is None:
            return self.pattern.finditer(text)
        assert self._screen is not None
        if not self._screen.may_match(low):
            return iter(())
        return twin.finditer(low)
