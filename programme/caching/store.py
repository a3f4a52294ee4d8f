"""Cached responses validated by tag tokens: invalidation is a token change, never a key scan.

Every cached response records the token of each tag it depends on ("page:12",
"person:3", "programme", "site") as they were *before* it was rendered. A change
replaces the tokens of the tags it touches; an entry whose recorded tokens no
longer match is a miss. Recording tokens before rendering closes the race where
a slow render reads old rows, a save commits and invalidates, and the render
then stores what it read.

Entries also expire when the programme moves on by itself: "upcoming" lists
drop a show when it ends and "today" turns into tomorrow, so no entry outlives
the next show's end or the next programme day (``middleware.next_programme_change``).

This module and the package's ``__init__`` import no models: page models use
``remember`` and the tag names. What queries the programme (``dependencies``,
``signals``, ``middleware``) sits above the models.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import BaseCache, caches
from django.http import HttpResponse
from django.utils import timezone

from .. import conf

T = TypeVar("T")

TAG_KEY_PREFIX = "programme:tag:"
ENTRY_PREFIX = "programme:response:"
NEXT_CHANGE_KEY = "programme:next-change"

#: Everything: page tree moves and anything whose dependents are not worked out.
SITE = "site"
#: Any change to programme data: listings, search, feeds and the API depend on it.
PROGRAMME = "programme"


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def person_tag(person_id: int) -> str:
    return f"person:{person_id}"


def cache() -> BaseCache:
    return caches[conf.page_cache_alias()]


def current_tokens(tags: Iterable[str]) -> dict[str, str]:
    """The live token of each tag, creating one for a tag never seen (or evicted)."""
    keys = {TAG_KEY_PREFIX + tag: tag for tag in tags}
    store = cache()
    found = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # A new token, not a fixed "0": an evicted tag must not revalidate old entries.
        for key in missing:
            store.add(key, uuid.uuid4().hex, timeout=None)
        found.update(store.get_many(missing))
    return {keys[key]: token for key, token in found.items()}


def invalidate(tags: Iterable[str]) -> None:
    tags = set(tags)
    if tags:
        cache().set_many({TAG_KEY_PREFIX + tag: uuid.uuid4().hex for tag in tags}, timeout=None)


def remember(name: str, compute: Callable[[], T]) -> T:
    """A value derived from the programme (filter choices, counts), kept until any change."""
    tokens = current_tokens([SITE, PROGRAMME])
    key = f"programme:derived:{name}:{tokens[SITE]}:{tokens[PROGRAMME]}"
    value = cache().get(key)
    if value is None:
        value = compute()
        cache().set(key, value, timeout=conf.page_cache_timeout())
    return value


@dataclass
class Entry:
    response: HttpResponse
    tokens: dict[str, str]
    expires: datetime.datetime


@dataclass
class Recorder:
    """Collects, while a response renders, the tags it depends on and their tokens."""

    tokens: dict[str, str] = field(default_factory=dict)
    refused: bool = False

    def depend_on(self, *tags: str) -> None:
        new = [tag for tag in tags if tag not in self.tokens]
        if new:
            self.tokens.update(current_tokens(new))

    def refuse(self) -> None:
        """This response must not be shared (e.g. a page behind a password)."""
        self.refused = True

    @property
    def wants_storing(self) -> bool:
        return bool(self.tokens) and not self.refused


def load(key: str, now: datetime.datetime | None = None) -> HttpResponse | None:
    entry = cache().get(ENTRY_PREFIX + key)
    if not isinstance(entry, Entry):
        return None
    if entry.expires <= (now or timezone.now()):
        return None
    if current_tokens(entry.tokens) != entry.tokens:
        return None
    return entry.response


def save(
    key: str, response: HttpResponse, tokens: dict[str, str], expires: datetime.datetime
) -> None:
    """Store a response until ``expires`` (its next programme change) or an invalidation."""
    timeout = max(1, int((expires - timezone.now()).total_seconds()))
    cache().set(ENTRY_PREFIX + key, Entry(response, dict(tokens), expires), timeout=timeout)
