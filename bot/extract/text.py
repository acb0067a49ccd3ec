"""Posting text as clean plain text: HTML (even entity-escaped HTML) becomes lines, whitespace is tidied."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>")
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*.*?&gt;", re.S)
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
_BLANK_LINES = re.compile(r"\n{3,}")


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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


def _flatten_plain(markup: str) -> str | None:
    """``_Flattener``'s text of ``markup`` when every tag in it has a plain shape, else None."""
    parts: list[str] = []
    append = parts.append
    pos = 0
    while True:
        at = markup.find("<", pos)
        chunk = markup[pos:] if at < 0 else markup[pos:at]
        if chunk:
            append(html.unescape(chunk))
        if at < 0:
            return "".join(parts)
        if markup.startswith("</", at):
            tag = _PLAIN_END.match(markup, at)
            closing = True
        else:
            tag = _PLAIN_START.match(markup, at)
            closing = False
        if tag is None:
            return None
        name = tag.group(1).lower()
        if name in _PARSER_ONLY_TAGS:
            return None
        if name in _BLOCK_TAGS:
            if closing:
                append("\n")
            else:
                append("\n- " if name == "li" else "\n")
                if tag.group(2):  # "<br/>": a start and an end tag, as HTMLParser reports it
                    append("\n")
        pos = tag.end()


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries markup (plain or entity-escaped) rather than prose."""
    return bool(_TAG.search(text) or _ESCAPED_TAG.search(text[:20000]))


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment, one block element a line."""
    if _ESCAPED_TAG.search(markup[:20000]) and not _TAG.search(markup[:20000]):
        markup = html.unescape(markup)  # Greenhouse sends &lt;p&gt;…: unescape once to get the markup
    plain = _flatten_plain(markup)
    if plain is not None:
        return plain
    parser = _Flattener()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def tidy(text: str) -> str:
    """Folded horizontal whitespace, trimmed lines, at most one blank line in a row."""
    # A regex over every character of a long text is slow; ``in`` and ``replace`` are not. Each odd space
    # present becomes a space, then runs of spaces become one: the same as folding every run of the whole
    # class at once. Then a strip per line, and blank runs cut only where there are any.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def to_plain(text: str | None) -> str:
    """Plain, tidy text from a description that may be plain text or HTML."""
    if not text:
        return ""
    return tidy(html_to_text(text) if looks_like_html(text) else text)
