"""Accent- and script-insensitive text folding, shared by indexing and searching.

Folding is the same on every database: ``fold()`` turns text into lower-case ASCII
with ``anyascii`` ("Lucía Domínguez" → "lucia dominguez", "Дорогие" → "dorogie",
"Łódź" → "lodz"). What the programme models index carries the folded form of every
word that folding changes (see ``programme.search_index``), so a search that also
folds its query matches accents and scripts both ways, whether or not the database
folds them itself.
"""

import re
import unicodedata

from anyascii import anyascii

#: A word: letters and digits only. Everything else (punctuation, quotes, FTS or SQL
#: operators' symbols, emoji, control and direction marks) separates words.
WORD_RE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ASCII transliteration of ``text`` ("Domínguez" → "dominguez")."""
    return anyascii(unicodedata.normalize("NFKC", text or "")).lower()


def words(text: str) -> list[str]:
    """The lower-case words of ``text``, in order (duplicates kept)."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text or "").lower())


def folded_words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def new_folded_words(texts) -> list[str]:
    """Folded words that do not already appear, as they are, in ``texts``.

    Indexing these next to the original text makes "Dominguez" find "Domínguez"
    without doubling the index: ASCII words are not repeated.
    """
    texts = [text for text in texts if text]
    present = {word for text in texts for word in words(text)}
    seen, extra = set(), []
    for text in texts:
        for word in folded_words(text):
            if word not in present and word not in seen:
                seen.add(word)
                extra.append(word)
    return extra
