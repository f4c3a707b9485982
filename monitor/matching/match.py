"""Find watchlist entities in text, in any script, inflected or transliterated.

Rules (each has a test in tests/test_match.py):

- Whole words only: a text word matches a name word when their keys
  (monitor/matching/normalize.py::token_key) are equal, or when the text word is the name word (or its
  stem) plus a case ending of the text's language (seeds/names/endings/*::oblique; without a
  language, those of the word's script). A stem is the name word less a dictionary-form ending
  (seeds/names/endings/*::nominative), possibly with its last consonant alternated
  (seeds/names/alternations.toml: Łukaszenk-a → Łukaszenc-e), and keeps 4+ key letters.
  So «Беларуськалия», «Белавіі», Lukašenkos match, while Белавиационный, "amazing" and
  Belaruskali do not match Белавиа, MAZ, Belarus.
- Every word of a several-word name may inflect (Білоруської калійної компанії); the words
  must follow each other across spaces, hyphens or quotes only, never a line break.
- Ukrainian and Belarusian write other vowels than Russian in one name (Білоруськалій,
  Роснафти): a Cyrillic word also matches a name word of 4+ consonants whose
  key has the same consonants, vowels in the same places (normalize.vowel_class).
- Word parts of one meaning across languages share a key (seeds/names/word_parts.toml:
  нафта = нефть, розвиток = развитие), and a name also matches without an optional phrase
  inside it (legal_forms.toml::optional: "Bank of [the Republic of] Belarus").
- A name may come in another language's dictionary form (Lukashenka in English news, for the
  watchlist's Lukashenko): every language's nominative endings count as endings everywhere.
- A capitalised Latin word may read c as k, English style (Sovcomflot / Совкомфлот), and a
  watchlist word with such a c matches both ways.
- English "<head> of [the] <country>" names also match country first (Belarusian / Belarus's
  Development Bank); the possessive 's is no word of its own.
- A name with a capitalised word needs a capitalised word in the text ("STEP S.A." is not
  "the next steps"); country adjectives and case-exact aliases are exempt.
- Short all-caps aliases (≤ 4 letters: MAZ, BPC, БКК) and aliases listed in an entity's
  `exact_case` match only in their exact case; all-caps ones may carry a lowercase ending
  (МАЗу, МАЗом).
- The longest match wins; matches do not overlap (entities sharing one span are all
  reported). A span that is a country's name and its adjective at once follows its case.
- A person's one-word alias (a surname) does not match next to another given name or initial:
  "Viktor Lukashenko", "V. Lukashenko", "LUKASHENKA, Viktar" are not Alexander Lukashenko
  (monitor/matching/surnames.py, seeds/names/person_context.toml). The person's own given name, in any spelling and case,
  does not block (a listed spelling, or the same consonants: Аляксандар, Aleksandro); an
  unknown capitalised word does, except a title, a function word, a watchlist word, a word
  opening a sentence or quotation («Режим Лукашенка»), or any word in German or in a Title
  Case headline.

- A person is also found by the given name's forms in other languages
  (seeds/names/given_names.toml), by the surname alone (a surname two watchlist persons share
  only after the own given name), without a patronymic or a second surname.
- A capitalised Latin word that matches nothing is read back under the transliteration
  systems of its language or letters (seeds/names/transliteration.toml: Sjuganow, Mahiloŭ,
  Reseıdiń, Marozau).
- Persons' and countries' names may be lowercase in Cyrillic (seeds/names/lowercase.toml);
  a country's 4-letter name and short words of longer names inflect on 3 letters (Кубы, Чыжа).
- An English possessive inside a match only where the country comes first.

The watchlist is compiled once (monitor/matching/name_index.py) into a token automaton: a trie over
name-word keys with a hash index from keys and stems to words, so the cost per text word is a
few hash probes, whatever the size of the watchlist.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from monitor.matching import name_data
from monitor.matching.name_index import MIN_STEM, SHORT_STEM, NameIndex, NameRef, compile_names, reading_skeleton
from monitor.matching.normalize import (
    clean_token,
    fold_extra,
    hard_c_key,
    iter_tokens,
    repair_homoglyphs,
    token_key,
    token_script,
    transliteration_readings,
    vowel_class,
)
from monitor.matching.surnames import NameTokens, surname_stands
from monitor.matching.watchlist import Entity

__all__ = ["MIN_STEM", "Match", "Matcher", "build_matcher"]

# Between the words of one name: spaces (not line breaks), hyphens, dashes, quotes; after
# the first of them an English possessive ("Belarus's Development Bank").
_GAP_OK = re.compile(r"(?:['\u2019][sS]\b)?[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\-\u2010-\u2015'\"«»„“”‚‘’`]*")
_POSSESSIVE = re.compile(r"['\u2019][sS]\b")
_MEMO_LIMIT = 100_000  # words per language remembered (≈ 12 MB); then start afresh
_SPAN = re.Match.span
_GROUP = re.Match.group
_K = TypeVar("_K")
_V = TypeVar("_V")
_NO_ENDINGS: tuple[frozenset[str], list[int]] = (frozenset(), [])


@dataclass(frozen=True)
class Match:
    """One mention of a watchlist entity."""

    key: str  # entity key
    start: int  # character offsets into the ORIGINAL text passed to find()
    end: int
    surface: str  # text[start:end]
    alias: str = ""  # the watchlist name or alias that matched
    form: str = "name"  # "name", or "adjective" for a country's adjective ("Belarusian")


class Matcher:
    """A compiled watchlist. `find` is pure (same text in, same matches out) and may be called
    from several threads; it only adds to its per-word memo."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._memos: dict[str | None, _Memo[str, tuple[str, ...]]] = {}
        # the states a word's candidates start a name in, per candidate tuple (few distinct ones)
        self._starts: _Memo[tuple[str, ...], list[Any]] = _Memo(
            lambda first: [index.roots[c] for c in first if c in index.roots]
        )
        # written endings as a set per language (and script), with their lengths, longest first
        self._written = {
            lang: (frozenset(e), sorted({len(x) for x in e}, reverse=True)) for lang, e in index.written.items()
        }
        self._by_system: dict[str, frozenset[str]] = {}
        self._systems: dict[str | None, tuple[name_data.Transliteration, ...]] = {}
        self._letters = frozenset("".join(s.letters for s in name_data.transliterations()))
        self._written_by_script = {
            script: (frozenset(e), sorted({len(x) for x in e}, reverse=True))
            for script, e in index.written_by_script.items()
        }

    def find(self, text: str, lang: str | None = None) -> list[Match]:
        """Every mention in `text`, in order, non-overlapping, the longest first.

        Args:
            text: any text; offsets of the result point into it.
            lang: the text's language code if known; its endings are then the only ones
                allowed (otherwise the endings of every language of the word's script).
        """
        lang = lang.lower().split("-")[0] if lang else None
        lang = lang if lang in name_data.endings_by_language() else None
        memo = self._memos.get(lang)
        if memo is None:
            memo = self._memos[lang] = _Memo(functools.partial(self._candidates, lang=lang))
        tokens_found = list(iter_tokens(text))
        raws = list(map(_GROUP, tokens_found))
        cands = list(map(memo.__getitem__, raws))
        if not any(cands):
            return []
        spans = list(map(_SPAN, tokens_found))
        found: list[tuple[int, int, NameRef]] = []
        goto, finals, count = self._index.goto, self._index.finals, len(cands)
        firsts = list(map(self._starts.__getitem__, cands))
        for i in itertools.compress(range(count), firsts):
            states = firsts[i]
            j = i + 1
            while states:
                for state in states:
                    if state in finals:
                        found.extend((i, j, ref) for ref in finals[state])
                if j == count or not cands[j] or not _GAP_OK.fullmatch(text, spans[j - 1][1], spans[j][0]):
                    break
                states = [goto[(s, c)] for s in states for c in cands[j] if (s, c) in goto]
                j += 1
        tokens = NameTokens(text, spans, raws)
        nouns_capitalised = lang in self._index.nouns_capitalised
        lowercase_ok = lang not in self._index.lowercase_not_languages
        is_name = functools.partial(self._candidates, lang=None)
        kept = [
            f
            for f in found
            if (f[2].possessive or f[1] - f[0] < 2 or not _possessive_inside(text, spans, f[0], f[1]))
            and (
                not f[2].capitalised
                or any(raw[0].isupper() for raw in raws[f[0] : f[1]])
                or (f[2].lowercase_ok and lowercase_ok and self._lowercase_name(raws[f[0] : f[1]]))
            )
        ]
        # a surname inside a longer name loses to it anyway (but a shared one after its own given
        # name may stand inside another person's name): check the others only
        covered = {k: ref.key for i, j, ref in kept if j - i > 1 for k in range(i, j)}
        kept = [
            f
            for f in kept
            if f[2].given_initials is None
            or (
                (f[0] not in covered or (f[2].ambiguous and covered[f[0]] != f[2].key))
                and surname_stands(self._index, tokens, f[0], f[2], nouns_capitalised, is_name)
            )
        ]
        return [
            Match(ref.key, spans[i][0], spans[j - 1][1], text[spans[i][0] : spans[j - 1][1]], ref.alias, ref.form)
            for i, j, ref in _longest_first(kept, tokens, self._index.conjunctions)
        ]

    def _read_back(self, raw: str, lang: str | None, endings: frozenset[str]) -> set[str]:
        """A capitalised Latin word read under the transliteration systems that apply to it
        (seeds/names/transliteration.toml), each reading looked up like a word of its own."""
        index = self._index
        ids: set[str] = set()
        lower = raw.casefold()
        systems = self._systems.get(lang)
        if systems is None:
            systems = self._systems[lang] = tuple(s for s in name_data.transliterations() if lang in s.languages)
        if not self._letters.isdisjoint(lower):  # Mahiloŭ, Reseı: letters that tell a system
            systems += tuple(
                s for s in name_data.transliterations() if s not in systems and any(ch in lower for ch in s.letters)
            )
        if not systems:
            return ids
        key = token_key(raw)
        # (a system without letters of its own only where a reading can meet a name: a stem has
        # this word's skeleton, less an ending)
        near = (
            any(
                reading_skeleton(key[: len(key) - cut]) in index.skeletons
                for cut in range(0, 4)
                if len(key) - cut > MIN_STEM
            )
            if any(not s.letters for s in systems)
            else False
        )
        for system in systems:
            if not near and not system.letters:
                continue
            # without the item's language, the endings of the system's languages count too
            system_endings = endings if lang is not None else self._system_endings(system.name, endings)
            for reading in transliteration_readings(raw, system.name):
                key = token_key(reading)
                ids |= _lookup(key, system_endings, index.stems, index.bare, index.ending_sizes)
                if lang in index.extra:
                    stems, bare, extra_endings = index.extra[lang]
                    ids |= _lookup(fold_extra(key, lang), extra_endings, stems, bare, index.ending_sizes)
                if system.vowels_any:
                    ids |= _lookup(
                        vowel_class(key),
                        index.vowel_endings.get(lang, index.vowel_endings[None]),
                        index.vowel_stems,
                        index.vowel_bare,
                        index.vowel_ending_sizes,
                    )
        return ids

    def _system_endings(self, system: str, endings: frozenset[str]) -> frozenset[str]:
        found = self._by_system.get(system)
        if found is None:
            languages = next(s.languages for s in name_data.transliterations() if s.name == system)
            found = self._by_system[system] = endings.union(
                *(self._index.oblique[lang] for lang in languages if lang in self._index.oblique)
            )
        return found

    def _lowercase_name(self, raws: list[str]) -> bool:
        """Whether lowercase words may be a person's or country's name written in lowercase on
        purpose ("росія", "лукашенко"): a script that outlets write so, long enough, no common word."""
        index = self._index
        return all(
            token_script(raw) in index.lowercase_scripts
            and len(key) >= index.lowercase_letters
            and key not in index.lowercase_common
            for raw in raws
            for key in (token_key(raw),)
        )

    def _candidates(self, raw: str, lang: str | None) -> tuple[str, ...]:
        """The name-word ids a text word can stand for."""
        index = self._index
        key = token_key(raw)
        script = token_script(raw)
        endings = index.oblique[lang] if lang is not None else index.oblique_by_script.get(script, frozenset())
        ids = _lookup(key, endings, index.stems, index.bare, index.ending_sizes)
        if lang in index.extra:
            stems, bare, extra_endings = index.extra[lang]
            ids |= _lookup(fold_extra(key, lang), extra_endings, stems, bare, index.ending_sizes)
        if not ids and script == "latin" and raw[0].isupper():
            hard = hard_c_key(raw)  # "Sovcomflot" for a watchlist's Совкомфлот
            if hard:
                ids = _lookup(hard, endings, index.stems, index.bare, index.ending_sizes)
        if not ids and raw[0].isupper():
            # The ending may have fused with the stem in the key (Rosneft-s → "rosnefc", since
            # ts folds to c): strip endings as written, then fold. Capitalised words only.
            lower = raw.casefold()
            written, sizes = (
                self._written[lang] if lang is not None else self._written_by_script.get(script, _NO_ENDINGS)
            )
            for size in sizes:
                if len(lower) - size >= MIN_STEM and lower[-size:] in written:
                    ids.update(index.stems.get(token_key(lower[:-size]), ()))
        if not ids and script == "latin" and raw[0].isupper():
            ids = self._read_back(raw, lang, endings)  # Sjuganow, Mahiloŭ, Reseıdiń, Marozau
        if (
            not ids
            and raw[0].isupper()
            and len(key) > SHORT_STEM
            and key[:SHORT_STEM] in index.short_stems
            and key[SHORT_STEM:] in endings
        ):
            ids.update(index.short_stems[key[:SHORT_STEM]])  # Куба → Кубы, Kuba → Kubie
        if script == "cyrillic":
            # Long Cyrillic words: the same consonants, vowels in the same places, whichever
            # vowels (Ukrainian Білоруськалію, Роснафти for Беларуськалий, Роснефть; a name
            # still needs a capitalised word, so «нефтяные» alone is no Naftan).
            vowel_endings = index.vowel_endings.get(lang, index.vowel_endings[None])
            ids |= _lookup(
                vowel_class(key), vowel_endings, index.vowel_stems, index.vowel_bare, index.vowel_ending_sizes
            )
        if raw[0] in index.exact_initials:
            exact = repair_homoglyphs(clean_token(raw))
            if exact in index.exact:
                ids.add(index.exact[exact])
            else:
                ids.update(_acronym_with_ending(exact, index.exact, endings))
        return tuple(sorted(ids)) if ids else ()


def _possessive_inside(text: str, spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether an English possessive stands between words i..j-1: "Lukoil's International
    business" is Lukoil's, not Lukoil International's."""
    return any(_POSSESSIVE.match(text, spans[k][1]) for k in range(i, j - 1))


def _lookup(
    key: str,
    endings: frozenset[str],
    stems: dict[str, tuple[str, ...]],
    bare: dict[str, tuple[str, ...]],
    sizes: tuple[int, ...],
) -> set[str]:
    """Word ids whose word or stem, plus one of `endings` (or nothing, for `bare`), is `key`."""
    ids = set(bare.get(key, ()))
    longest = len(key) - MIN_STEM
    for size in sizes:  # ascending
        if size > longest:
            break
        if key[-size:] in endings and key[:-size] in stems:
            ids.update(stems[key[:-size]])
    return ids


class _Memo(dict[_K, _V]):
    """Candidates per text word (or the like), computed on first sight; cleared when it grows
    too large."""

    def __init__(self, compute: Callable[[_K], _V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, raw: _K) -> _V:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        value = self[raw] = self._compute(raw)
        return value


def _acronym_with_ending(exact: str, table: dict[str, str], endings: frozenset[str]) -> list[str]:
    """МАЗу, МАЗом: an all-caps acronym followed by a lowercase case ending."""
    if len(exact) < 3 or exact[1].islower():
        return []  # (the common capitalised word) no two capitals before an ending
    cut = next((n for n, ch in enumerate(exact) if ch.islower()), 0)
    if cut < 2 or not exact[:cut].isupper() or not exact[cut:].islower():
        return []
    head = table.get(exact[:cut])
    return [head] if head is not None and head.startswith("=^") and token_key(exact[cut:]) in endings else []


def _after_and(tokens: NameTokens, at: int, conjunctions: frozenset[str]) -> bool:
    """Whether word `at` follows a conjunction ("Boris and [Arkady Rotenberg]")."""
    return at > 0 and token_key(tokens.raws[at - 1]) in conjunctions


def _longest_first(
    found: list[tuple[int, int, NameRef]], tokens: NameTokens, conjunctions: frozenset[str] = frozenset()
) -> list[tuple[int, int, NameRef]]:
    """Keep the longest matches (in characters) that do not overlap; same span, every entity.

    When one span of one entity reads both as the country's name and as its adjective
    (Ukrainian "білоруська" is the adjective, Kazakh "Беларуське" the name with an ending),
    a capitalised word is the name, a lowercase one the adjective.
    """
    spans = tokens.spans
    by_length = sorted(found, key=lambda f: (spans[f[0]][0] - spans[f[1] - 1][1], f[0], f[2].key))
    taken: list[tuple[int, int]] = []
    kept: dict[tuple[int, int, str], tuple[int, int, NameRef]] = {}
    for i, j, ref in by_length:
        if (
            ref.ambiguous
            and any(
                i < tj and ti < j and ((ti, tj, ref.key) in kept or not _after_and(tokens, ti, conjunctions))
                for ti, tj in taken
            )
        ) or ((i, j) not in taken and not ref.ambiguous and any(i < tj and ti < j for ti, tj in taken)):
            continue  # (a shared surname after its own given name may sit inside
            # another person's name: "Борис и Игорь Ротенберг")
        if (i, j) not in taken:
            taken.append((i, j))
        earlier = kept.setdefault((i, j, ref.key), (i, j, ref))[2]
        if earlier.form != ref.form and (ref.form == "name") == tokens.raws[i][0].isupper():
            kept[(i, j, ref.key)] = (i, j, ref)
    return sorted(kept.values(), key=lambda f: (f[0], f[2].key))


def build_matcher(entities: Iterable[Entity]) -> Matcher:
    """Compile a watchlist into a Matcher (names, aliases, country names, legal-form variants)."""
    return Matcher(compile_names(entities))
