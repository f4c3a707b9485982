"""Names of a country in the monitor's languages, from CLDR (via Babel) plus seeds.

A watchlist entry `kind = "country", country = "BY"` is enough: CLDR gives Belarus,
Беларусь, Білорусь, Białoruś, Baltarusija, Valgevene, Baltkrievija ...; what CLDR lacks
(Weißrussland, Белоруссия, and the adjectives news use) comes from
`seeds/names/countries.toml`.
"""

from __future__ import annotations

import functools

from babel import Locale

from monitor.matching import name_data
from monitor.matching.normalize import token_key

__all__ = [
    "LANGUAGES",
    "country_adjectives",
    "country_names",
    "english_adjective_codes",
    "english_adjectives",
    "english_country_codes",
    "english_country_name",
    "reset_caches",
]

# The languages the monitor reads (README "Understanding the news").
LANGUAGES = ("en", "ru", "uk", "be", "pl", "lt", "de", "et", "lv", "kk")


@functools.cache
def country_names(code: str) -> tuple[str, ...]:
    """The country's short name in every language of LANGUAGES, then the seeded extra names.

    Args:
        code: ISO 3166-1 alpha-2 code, e.g. "BY".

    Returns:
        Distinct names in first-seen order; empty for a code CLDR does not know.
    """
    code = code.upper()
    names = [Locale.parse(lang).territories.get(code) for lang in LANGUAGES]
    names += name_data.country_extras().get(code, ((), ()))[0]
    return tuple(dict.fromkeys(n for n in names if n))


def country_adjectives(code: str) -> tuple[str, ...]:
    """Adjectives for the country (Belarusian, белорусский, białoruski) from the seeds."""
    return name_data.country_extras().get(code.upper(), ((), ()))[1]


def english_adjectives(code: str) -> tuple[str, ...]:
    """The English adjectives among the seeded ones: capitalised and in ASCII letters
    (Belarusian, Byelorussian; German, Polish and Baltic adjectives are lowercase)."""
    return tuple(a for a in country_adjectives(code) if a[:1].isupper() and a.isascii())


@functools.cache
def english_country_codes() -> dict[str, str]:
    """CLDR's English short name of every country (not region) → its ISO code."""
    return {name: code for code, name in Locale.parse("en").territories.items() if code.isalpha()}


@functools.cache
def english_adjective_codes() -> dict[str, str]:
    """Comparison key of every seeded English country adjective → its ISO code."""
    return {token_key(a): code for code in name_data.country_extras() for a in english_adjectives(code)}


def english_country_name(code: str) -> str | None:
    """CLDR's English short name of the country ("BY" → "Belarus")."""
    return Locale.parse("en").territories.get(code.upper())


def reset_caches() -> None:
    """Forget cached country names (after editing seeds/names/countries.toml)."""
    country_names.cache_clear()
    english_country_codes.cache_clear()
    english_adjective_codes.cache_clear()
