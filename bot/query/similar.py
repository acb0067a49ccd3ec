"""Telling a typo from a new word: the closest known word within one or two edits, same first letter."""

from __future__ import annotations

from collections.abc import Mapping

from bot.query.folding import fold


def distance(a: str, b: str, limit: int, substitution: int = 1) -> int:
    """Edits (insert, delete, substitute, swap neighbours) from ``a`` to ``b``; ``limit + 1`` when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else substitution
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Lexicon:
    """Known words (folded key → how to write it), filed by first letter so a lookup reads few of them."""

    def __init__(self, known: Mapping[str, str]) -> None:
        """File every non-empty key of ``known`` under its first letter."""
        self._by_letter: dict[str, list[tuple[str, str]]] = {}
        for key, value in known.items():
            if key:
                self._by_letter.setdefault(key[0], []).append((key, value))
        self._known = frozenset(known)

    def closest(
        self, word: str, max_distance: int, substitutions: bool = True, any_first: bool = False
    ) -> str | None:
        """The known word nearest ``word`` within ``max_distance`` edits, or None.

        People rarely mistype a word's first letter, and short words are too near each other to guess at,
        so both must hold before a word counts as a typo; ties go to the word filed first. Without
        ``substitutions`` only a letter left out, added or swapped counts: changing one letter of a common
        word often makes a place name ("Sales", Salem), while leaving one out rarely does. With
        ``any_first`` the first letter may be the typo too: a word typed with accents is another language's,
        whose first letters are left out as easily as any ("stágio" for estágio).
        """
        folded = fold(word).strip()
        if len(folded) < 4 or folded in self._known:
            return None
        cost = 1 if substitutions else max_distance + 1
        best: tuple[int, str] | None = None
        letters = self._by_letter if any_first else {folded[0]: self._by_letter.get(folded[0], [])}
        candidates = [entry for letter in letters for entry in letters[letter]]
        if any_first:  # the word's own first letter first, so ties go as without any_first
            candidates.sort(key=lambda entry: entry[0][0] != folded[0])
        for key, value in candidates:
            if abs(len(key) - len(folded)) > max_distance:
                continue
            found = distance(folded, key, max_distance, cost)
            if found <= max_distance and (best is None or found < best[0]):
                best = (found, value)
        return best[1] if best else None


def closest(word: str, known: Mapping[str, str], max_distance: int, substitutions: bool = True) -> str | None:
    """Like :meth:`Lexicon.closest`, for a table read once (a :class:`Lexicon` is for tables read often)."""
    return Lexicon(known).closest(word, max_distance, substitutions)
