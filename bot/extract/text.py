"""Posting text as clean plain text: HTML (even entity-escaped HTML) becomes lines, whitespace is tidied."""

from __future__ import annotations

import html
import re

from bot.extract.bounded_html import BoundedHTMLParser, LookaheadSpent

# Every run is possessive: giving back a space, letter or attribute character could never let a later
# part match, and trying to costs the square of the run's length ("<" and 100,000 spaces).
_TAG = re.compile(r"<\s*+/?+\s*+[a-zA-Z][a-zA-Z0-9]*+[^<>]*+>")
# An entity-escaped tag is its opening ("&lt;p", "&lt; /div") with a "&gt;" anywhere after it.
_ESCAPED_OPEN = re.compile(r"&lt;\s*+/?+\s*+[a-zA-Z]")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
    }
    | {"header", "footer", "blockquote", "pre", "hr", "dt", "dd"}
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
# Horizontal whitespace that folds to one space: the space, and these (tab, no-break, typographic spaces).
_ODD_SPACES = "\t\f\v\u00a0" + "".join(map(chr, range(0x2000, 0x200C))) + "\u202f\u205f\u3000"
_SPACE_RUN = re.compile(r" {2,}")
# A list item whose text sits in a block of its own ("<li><p>Fluent French</p></li>") flattens to a lone
# "-" line before the text: the marker goes back in front of its text, as a plain "<li>" gives it. The
# line break before the "-" is part of the pattern (not "^" of a multi-line pattern, which the regex engine
# tries at every character): a literal start it finds fast. ``to_plain`` puts one before the text.
_LONE_BULLET = re.compile(r"\n-\n\n?(?=[^\n-])")


class _Flattener(BoundedHTMLParser):
    def __init__(self, size: int = 0) -> None:
        super().__init__(size)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# The plain shapes of tags that HTMLParser reads one way only: a name of letters and digits; quoted
# attributes after ASCII whitespace; an optional "/" of an empty tag. Markup made only of these is
# flattened without the parser, several times faster; anything else (comments, doctypes, a bare "<",
# unquoted attributes, elements whose content is raw text) goes through HTMLParser.
_PLAIN_WS = "[ \t\n\r\f]"
_PLAIN_START = re.compile(
    rf"<([a-zA-Z][a-zA-Z0-9]*)(?:{_PLAIN_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    rf"(?:{_PLAIN_WS}*={_PLAIN_WS}*(?:\"[^\"<>]*\"|'[^'<>]*'))?)*{_PLAIN_WS}*(/?)>"
)
_PLAIN_END = re.compile(rf"</([a-zA-Z][a-zA-Z0-9]*){_PLAIN_WS}*>")
# Skipped elements, and those some HTMLParser versions read as raw text: always left to the parser.
_PARSER_ONLY_TAGS = _SKIP_TAGS | {"textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}


# Either shape in one pattern, for ``re.split``: (end tag name, start tag name, the "/" of an empty tag).
# The "<" both start with is written once, so the regex engine skips to each "<" at C speed.
_PLAIN_TAG = re.compile(f"<(?:{_PLAIN_END.pattern[1:]}|{_PLAIN_START.pattern[1:]})")


class _TagTexts(dict[tuple[str | None, str | None, str | None], str | None]):
    """What each tag (as ``_PLAIN_TAG`` splits it out) adds to the text; None for a parser-only tag.

    A tag's text depends only on its name, whether it closes and whether it is empty, so a dict keyed
    by the split's groups answers each tag in C; a new key is worked out once (a bounded memory). A tag
    that adds nothing gets the mark "<" (see ``_flatten_plain``), which no text between tags holds.
    """

    def __missing__(self, key: tuple[str | None, str | None, str | None]) -> str | None:
        end, start, empty = key
        name = (end or start or "").lower()
        if name in _PARSER_ONLY_TAGS:
            text = None
        elif name not in _BLOCK_TAGS:
            text = _MARK
        elif end is not None:
            text = "\n"
        else:  # "<br/>": a start and an end tag, as HTMLParser reports it
            text = ("\n- " if name == "li" else "\n") + ("\n" if empty else "")
        if len(self) < 4096:
            self[key] = text
        return text


_MARK = "<"
_TAG_TEXTS = _TagTexts()


def _flatten_plain(markup: str) -> str | None:
    """``_Flattener``'s text of ``markup`` when every tag in it has a plain shape, else None.

    One ``re.split`` cuts the markup at its plain tags, in C. When every "<" opens one of them (no tag
    holds a "<" of its own, so the count of "<" is the count of tags), the parser's text is each chunk
    between tags, unescaped on its own, joined with each tag's text (``_TAG_TEXTS``). A "<" left in a
    chunk is a tag of another shape: the parser reads that markup.

    The chunks are unescaped in one ``html.unescape`` of the joined text, with each tag that adds nothing
    marked by a "<": no character reference can run from one chunk into the next, as a line break (each
    other tag's text starts with one) or a "<" ends it. So when the result holds no more "<" than the
    marks, they are all marks, and dropping them gives the chunks each unescaped on its own. (A "&lt;"
    in a chunk adds a "<": then each chunk is unescaped apart.)
    """
    pieces = _PLAIN_TAG.split(markup)
    tags = (len(pieces) - 1) // 4
    if markup.count("<") != tags:
        return None
    texts = list(map(_TAG_TEXTS.__getitem__, zip(pieces[1::4], pieces[2::4], pieces[3::4], strict=True)))
    if None in texts and not _empty_elements(pieces, texts):
        return None
    joined: list[str | None] = [None] * (2 * tags + 1)
    joined[::2] = pieces[::4]
    joined[1::2] = texts
    marked = "".join(joined)  # type: ignore[arg-type]
    if "&" in marked:
        unescaped = html.unescape(marked)
        if unescaped.count(_MARK) != texts.count(_MARK):
            chunks = [html.unescape(chunk) for chunk in pieces[::4]]  # type: ignore[arg-type]
            joined[::2] = chunks
            joined[1::2] = ["" if text == _MARK else text for text in texts]
            return "".join(joined)  # type: ignore[arg-type]
        marked = unescaped
    return marked.replace(_MARK, "")


def _empty_elements(pieces: list[str | None], texts: list[str | None]) -> bool:
    """Tell whether each parser-only tag opens an element closed at once; mark those pairs as adding nothing.

    ``<iframe src="…"></iframe>``: whether a parser reads the element's content as raw text or as markup,
    and whether it skips it, there is no content, so the pair adds nothing, as the parser's text shows.
    """
    for index, text in enumerate(texts):
        if text is not None:
            continue
        start, empty = pieces[4 * index + 2], pieces[4 * index + 3]
        if start is None or empty or index + 1 == len(texts) or pieces[4 * index + 4]:
            return False  # an end tag, an empty tag, or an element with content: for the parser
        end = pieces[4 * index + 5]
        if end is None or end.lower() != start.lower():
            return False
        texts[index] = texts[index + 1] = _MARK
    return True


# Escaped markup is looked for in a text's head only.
_ESCAPED_HEAD = 20000


def _has_tag(text: str, end: int) -> bool:
    """Tell whether a tag (``_TAG``) lies in ``text[:end]``."""
    # Every tag holds a "<": ``str.find`` tells that a prose text has none far faster than the regex,
    # which visits each character.
    return text.find("<", 0, end) >= 0 and _TAG.search(text, 0, end) is not None


def _has_escaped_tag(text: str) -> bool:
    """Tell whether an entity-escaped tag (an opening, then "&gt;") lies in the text's head."""
    # The first opening has the most text after it: when no "&gt;" follows it, none follows a later one.
    # (Looking for a "&gt;" after each opening in turn took the square of the head's length.)
    head = _ESCAPED_HEAD
    if text.find("&lt;", 0, head) < 0:
        return False
    opening = _ESCAPED_OPEN.search(text, 0, head)
    return opening is not None and text.find("&gt;", opening.end(), head) >= 0


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries markup (plain or entity-escaped) rather than prose."""
    return _has_tag(text, len(text)) or _has_escaped_tag(text)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment, one block element a line."""
    if _has_escaped_tag(markup) and not _has_tag(markup, _ESCAPED_HEAD):
        markup = html.unescape(markup)  # Greenhouse sends &lt;p&gt;…: unescape once to get the markup
    plain = _flatten_plain(markup)
    if plain is not None:
        return plain
    parser = _Flattener(len(markup))
    try:
        parser.feed(markup)
        parser.close()
    except LookaheadSpent as stop:
        return "".join(parser.parts) + _degraded(parser.rawdata[stop.at :])
    except AssertionError:  # a construct some Python version's parser refuses outright
        return _degraded(markup)
    return "".join(parser.parts)


# A tag for ``_degraded``: each run is possessive and stops at the next "<" or ">", so a try from one
# "<" reads no further than the next, and the whole text is read once.
_LOOSE_TAG = re.compile(r"<(/?+)([a-zA-Z][a-zA-Z0-9]*+)[^<>]*+>")


def _degraded(markup: str) -> str:
    """The text of markup the parser gave up on: tags dropped (block tags as line breaks), the rest kept."""

    def tag_text(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name not in _BLOCK_TAGS:
            return ""
        return "\n- " if name == "li" and not match.group(1) else "\n"

    return html.unescape(_LOOSE_TAG.sub(tag_text, markup))


def tidy(text: str) -> str:
    """Folded horizontal whitespace, trimmed lines, at most one blank line in a row."""
    # A regex over every character of a long text is slow; ``in`` and ``replace`` are not. Each odd space
    # present becomes a space, then runs of spaces become one: the same as folding every run of the whole
    # class at once. Then a strip per line, and blank runs cut only where there are any.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    # No run of spaces crosses a line break, and folding runs commutes with a strip: each line is stripped
    # on its own, then only the few lines still holding a run (not just an indent) are folded.
    lines = [
        _SPACE_RUN.sub(" ", bare) if "  " in (bare := line.strip()) else bare for line in text.split("\n")
    ]
    # "\n{3,}" → "\n\n" over the joined lines keeps one blank line of each run of blank lines: a blank
    # line is kept only after a line that is not blank (one at the very start goes with the strip). Each
    # line is paired with the one before it (the list one longer, whose last is never read: no slice).
    kept = [line for line, before in zip(lines, ["", *lines], strict=False) if line or before]
    return "\n".join(kept).strip()


def to_plain(text: str | None) -> str:
    """Plain, tidy text from a description that may be plain text or HTML."""
    if not text:
        return ""
    if not looks_like_html(text):
        return tidy(text)
    plain = tidy(html_to_text(text))
    return _LONE_BULLET.sub("\n- ", "\n" + plain)[1:] if "-\n" in plain else plain
