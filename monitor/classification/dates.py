"""Effective dates ("from 4 November", "с 1 декабря 2025 года", "od 1 grudnia", "nuo gruodžio 1 d.").

Only a date introduced by an "effective from" word counts (`seeds/cues/<lang>.toml::effective`,
or `effective_after` for postpositions such as kk "бастап"): "until February 2027" is not one.
Month names are stems from the same file; a missing year comes from the item's publication date.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from monitor.classification.cues import CueBook

__all__ = ["find_effective_date", "is_past_time", "month_number"]

_YEAR = r"(?:19|20)\d\d"


@functools.cache
def _date_regex(book: CueBook) -> re.Pattern[str] | None:
    before = book.meta["effective"]
    after = book.meta["effective_after"]
    months = "|".join(sorted({re.escape(f) for forms in book.meta["months"] for f in forms}, key=len, reverse=True))
    day_month = rf"(?P<d1>\d{{1,2}})\.?(?:-?(?:го|ое|ого))?\s*(?P<m1>(?:{months})\w*)\.?(?:,?\s+(?P<y1>{_YEAR}))?"
    month_day = rf"(?P<m2>(?:{months})\w*)\.?\s+(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th|\s*d\.)?(?:,?\s+(?P<y2>{_YEAR}))?"
    year_first = (
        rf"(?P<y3>{_YEAR})\s*(?:m\.|г\.|года|року|gada|a\.)?\s+(?P<m3>(?:{months})\w*)\s+(?P<d3>\d{{1,2}})(?!\d)"
    )
    iso = rf"(?P<iso>{_YEAR}-\d\d-\d\d)"
    parts = []
    if before:
        words = "|".join(sorted((re.escape(w) for w in before), key=len, reverse=True))
        parts.append(rf"(?<!\w)(?:{words})\s+(?:\w+,?\s+){{0,2}}?(?:{iso}|{year_first}|{day_month}|{month_day})")
    if after:
        words = "|".join(sorted((re.escape(w) for w in after), key=len, reverse=True))
        parts.append(rf"(?P<d4>\d{{1,2}})\s*(?P<m4>(?:{months})\w*)\s+(?:{words})(?!\w)")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def month_number(book: CueBook, word: str) -> int | None:
    """The month (1-12) a word names by the book's month stems, or None."""
    word = word.lower()
    best, number = 0, None
    for i, forms in enumerate(book.meta["months"], 1):
        for f in forms:
            if word.startswith(f) and len(f) > best:
                best, number = len(f), i
    return number


def find_effective_date(text: str, book: CueBook, published: date | None) -> date | None:
    """The first effective date stated in `text`, or None.

    Args:
        text: one sentence or clause.
        book: the cue book of the text's language (months and "from" words).
        published: the item's date, for the year when the text omits it.
    """
    regex = _date_regex(book)
    if regex is None:
        return None
    for m in regex.finditer(text):
        g = m.groupdict()
        if g.get("iso"):
            try:
                return date.fromisoformat(g["iso"])
            except ValueError:
                continue
        for n in "1234":
            if g.get(f"m{n}") and g.get(f"d{n}"):
                month = month_number(book, g[f"m{n}"])
                year = g.get(f"y{n}")
                found = _make_date(int(year) if year else None, month, int(g[f"d{n}"]), published)
                if found is not None:
                    return found
    return None


def _make_date(year: int | None, month: int | None, day: int, published: date | None) -> date | None:
    if month is None:
        return None
    if year is None:
        if published is None:
            return None
        year = published.year
        if (published.month - month) > 6:  # "from 1 January" written in December
            year += 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_past_time(words: list[str], book: CueBook, published: date) -> bool:
    """Do the (lowercased) words name a past time: a year before the item's year introduced as a
    time ("in 2021", "в 2021 году", "in April 2021"), or a month of the item's year at least two
    months back ("in April 2022" in September 2022, "2022 жылғы сәуірде")?"""
    before, after = book.meta["year_before"], book.meta["year_after"]
    for i, t in enumerate(words):
        if len(t) != 4 or not t.isdigit() or not t.startswith(("19", "20")):
            continue
        nxt = (
            words[i + 2] if i + 2 < len(words) and words[i + 1] == "." else (words[i + 1] if i + 1 < len(words) else "")
        )
        near = [month_number(book, w) for w in words[max(0, i - 2) : i] + words[i + 1 : i + 3] if w[0].isalpha()]
        month = next((m for m in near if m), None)
        if int(t) < published.year and ((i > 0 and words[i - 1] in before) or nxt in after or month):
            return True
        if int(t) == published.year and month and month <= published.month - 2:
            return True
    return False
