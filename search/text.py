"""Query-side text helpers for the search views: query cleaning, matching, highlighting.

Folding itself (``fold``, ``words``, ``folded_words``, ``new_folded_words``) lives in
``programme.search_text``, shared with what the programme models index: the query is
searched both as typed and folded, so accents and scripts match both ways whether or
not the database folds them itself.
"""

import unicodedata
from dataclasses import dataclass, field

from anyascii import anyascii
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from programme.search_text import WORD_RE, fold, folded_words, new_folded_words, words

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "MAX_WORD_CHARS",
    "WORD_RE",
    "SearchTerms",
    "clean_display_query",
    "excerpt",
    "fold",
    "folded_words",
    "highlight",
    "match_spans",
    "new_folded_words",
    "parse_query",
    "words",
]

#: How much of a query is read at all; the rest is ignored.
MAX_QUERY_CHARS = 200
#: How many words of a query are searched for.
MAX_QUERY_WORDS = 10
#: A longer "word" is cut to this length (nobody types a 2,000-letter word).
MAX_WORD_CHARS = 64

# Characters that never belong in a displayed or logged query: control, format
# (e.g. RTL/LTR marks, zero-width joiners), surrogates, private use, unassigned.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_display_query(raw: str) -> str:
    """The query as typed, minus invisible characters and extra spaces, bounded in length."""
    raw = unicodedata.normalize("NFKC", (raw or "")[: MAX_QUERY_CHARS * 4])
    visible = "".join(
        " " if ch.isspace() else ch
        for ch in raw
        if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )
    return " ".join(visible.split())[:MAX_QUERY_CHARS].strip()


@dataclass(frozen=True)
class SearchTerms:
    """A query reduced to what the search backends are given."""

    display: str
    #: Words as typed (lower case), for the backends.
    words: tuple[str, ...] = ()
    #: The same words folded to ASCII, for matching and highlighting.
    folded: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def needs_folded_search(self) -> bool:
        return self.folded != self.words


def parse_query(raw: str) -> SearchTerms:
    """Turn whatever was typed into safe search terms.

    Only words reach the backend, each as a quoted term, so operators (``AND``,
    ``NEAR(``, ``*``, ``"``, ``--``) are searched for as plain words or dropped.
    """
    display = clean_display_query(raw)
    found: list[str] = []
    for word in words(display):
        word = word[:MAX_WORD_CHARS]
        if word not in found:
            found.append(word)
        if len(found) >= MAX_QUERY_WORDS:
            break
    folded: list[str] = []
    for word in found:
        for part in folded_words(word):
            if part not in folded:
                folded.append(part)
    return SearchTerms(display=display, words=tuple(found), folded=tuple(folded))


# -- Matching and highlighting -------------------------------------------------------


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and for each folded character its source index."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char).startswith("M"):
            continue  # A combining accent folds to nothing and splits no word.
        folded = anyascii(unicodedata.normalize("NFKC", char)).lower() or " "
        if not char.isalnum():
            # Punctuation and spaces stay word separators, whatever they fold to.
            folded = " " if not folded.isalnum() else folded
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions


def match_spans(text: str, terms) -> list[tuple[int, int]]:
    """Spans of ``text`` holding a whole word that starts with one of the folded ``terms``."""
    if not text or not terms:
        return []
    folded, positions = _folded_with_positions(text)
    spans: list[tuple[int, int]] = []
    for match in WORD_RE.finditer(folded):
        word = match.group()
        if any(word.startswith(term) for term in terms):
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            # Widen to the whole source word (a folded word may map to part of one).
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans


def highlight(text: str, terms) -> SafeString:
    """``text`` escaped, with the words that match ``terms`` in ``<mark>``."""
    text = unicodedata.normalize("NFC", text or "")
    pieces, last = [], 0
    for start, end in match_spans(text, terms):
        pieces.append(escape(text[last:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def excerpt(texts, terms, length: int = 240) -> SafeString:
    """A highlighted excerpt of the first text that matches ``terms`` (else of the first text)."""
    texts = [
        unicodedata.normalize("NFC", " ".join(text.split()))
        for text in texts
        if text and text.strip()
    ]
    if not texts:
        return mark_safe("")
    for text in texts:
        spans = match_spans(text, terms)
        if spans:
            break
    else:
        text, spans = texts[0], []
    start = 0
    if spans and spans[0][0] > length // 3:
        start = spans[0][0] - length // 4
        # Begin at a word boundary.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    html = highlight(window, terms)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - highlight() escaped the text
