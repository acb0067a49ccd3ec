"""An HTMLParser whose time stays linear in its input, and that reads any "<![" section.

Markup whose constructs never end ("<a <a <a …", "<!--x>" over and over) makes HTMLParser look for the
end of each one as far as the end of the text before reading it as text: time grows as the square of the
length (CPython gh-135462). ``BoundedHTMLParser`` is given a budget of such looking, far more than any real
page needs, and raises ``LookaheadSpent`` when it is used up, so its owner reads the rest some other way.
"""

from __future__ import annotations

from html.parser import HTMLParser

_RESCAN_PER_CHAR = 8
_RESCAN_FLOOR = 100_000


class LookaheadSpent(Exception):
    """The parser used up its look-ahead budget; ``at`` is where in its buffer (``rawdata``) it was."""

    def __init__(self, at: int) -> None:
        super().__init__(at)
        self.at = at


class BoundedHTMLParser(HTMLParser):
    """HTMLParser with a look-ahead budget for ``size`` characters of markup (fed once, then closed)."""

    def __init__(self, size: int = 0, *, convert_charrefs: bool = True) -> None:
        super().__init__(convert_charrefs=convert_charrefs)
        self._lookahead = _RESCAN_PER_CHAR * size + _RESCAN_FLOOR

    def _spent(self, at: int, end: int) -> int:
        """``end`` as a parse method returned it; a construct left open (-1) is charged what it looked at."""
        if end < 0:
            self._lookahead -= len(self.rawdata) - at
            if self._lookahead < 0:
                raise LookaheadSpent(at)
        return end

    def parse_starttag(self, i: int) -> int:
        return self._spent(i, super().parse_starttag(i))

    def parse_endtag(self, i: int) -> int:
        return self._spent(i, super().parse_endtag(i))

    def parse_comment(self, i: int, report: int = 1) -> int:
        return self._spent(i, super().parse_comment(i, report))

    def parse_pi(self, i: int) -> int:
        return self._spent(i, super().parse_pi(i))

    def parse_html_declaration(self, i: int) -> int:
        return self._spent(i, super().parse_html_declaration(i))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Some Python versions refuse a section they do not know ("<![if !supportLists]>" is known, but not
        # "<![foo[…") with an AssertionError; HTML reads it as a comment.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)
