"""The watchlist: tracked entities read from TOML files under `seeds/` (several combine).

    [[entity]]
    key = "belavia"                       # stable id used everywhere
    name = "Belavia"
    kind = "organization"                 # organization | person | vessel | aircraft | country
    country = "BY"
    aliases = ["Belavia Belarusian Airlines", "Белавиа", "Белавіа"]
    exact_case = []                       # aliases that match only as written (all-caps
                                          # aliases of up to 4 letters always do)
    ids = { ofac = "44541" }              # optional identifiers on official lists

Aliases are what a user would type; inflections and other spellings are the matcher's job.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import SeedError
from monitor.matching.countries import country_names
from monitor.matching.normalize import list_words
from monitor.seedfiles import read_seed_file, seed_strings

__all__ = ["ENTITY_KINDS", "Entity", "load_watchlist", "with_list_names"]

ENTITY_KINDS = ("organization", "person", "vessel", "aircraft", "country")
_FIELDS = ("key", "name", "kind", "country", "aliases", "exact_case", "ids")
_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Entity:
    """One tracked entity: a stable key, a display name, aliases and list identifiers."""

    key: str
    name: str
    kind: str = "organization"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    exact_case: tuple[str, ...] = ()


def load_watchlist(paths: Iterable[Path | str]) -> tuple[Entity, ...]:
    """Read and validate watchlist files; their entities combine in order.

    Raises:
        SeedError: a file is missing or not TOML, or an entity is wrong; the message names the
            file and the entity (`seeds/entities.toml: entity[3] (key 'x'): ...`, counting from 1),
            and a key used twice names both places.
    """
    entities: list[Entity] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        raw = read_seed_file(path, "watchlist file")
        if set(raw) - {"entity"}:
            raise SeedError(
                f"{path}: unknown top-level key {sorted(set(raw) - {'entity'})[0]!r}; write entities as [[entity]]"
            )
        tables = raw.get("entity", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise SeedError(f"{path}: entities must be written as [[entity]] tables")
        for number, table in enumerate(tables, 1):
            where = f"{path}: entity[{number}]" + (
                f" (key {table['key']!r})" if isinstance(table.get("key"), str) else ""
            )
            entity = _entity(table, where)
            if entity.key in seen:
                raise SeedError(f"{where}: key {entity.key!r} is already used by {seen[entity.key]}")
            seen[entity.key] = where
            entities.append(entity)
    return tuple(entities)


def _entity(table: dict[str, Any], where: str) -> Entity:
    for name in table:
        if name not in _FIELDS:
            close = difflib.get_close_matches(name, _FIELDS, n=1)
            raise SeedError(f"{where}: unknown key {name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    for required in ("key", "name"):
        if not isinstance(table.get(required), str) or not table[required].strip():
            raise SeedError(f"{where}: {required} must be a non-empty string")
    if not _KEY.match(table["key"]):
        raise SeedError(f"{where}: key must be lowercase letters, digits, '.', '_' or '-', got {table['key']!r}")
    kind = table.get("kind", "organization")
    if kind not in ENTITY_KINDS:
        raise SeedError(f"{where}: kind is {kind!r}; expected one of: {', '.join(ENTITY_KINDS)}")
    country = table.get("country") or None  # "" = unknown, as a user may leave it
    if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
        raise SeedError(f'{where}: country must be an ISO code like "BY", got {country!r}')
    if kind == "country" and country is None:
        raise SeedError(f'{where}: an entity of kind "country" needs country = "XX"')
    if kind == "country" and not country_names(country):
        raise SeedError(f"{where}: country {country!r} is not a territory CLDR knows")
    if not list_words(table["name"]):
        raise SeedError(f"{where}: name {table['name']!r} has no letters or digits")
    aliases = seed_strings(table.get("aliases", []), f"{where}: aliases")
    for i, alias in enumerate(aliases):
        if not list_words(alias):
            raise SeedError(f"{where}: aliases[{i}] {alias!r} has no letters or digits")
    exact_case = seed_strings(table.get("exact_case", []), f"{where}: exact_case")
    for i, alias in enumerate(exact_case):
        if alias != table["name"] and alias not in aliases:
            raise SeedError(f"{where}: exact_case[{i}] {alias!r} is neither the name nor an alias")
    ids = table.get("ids", {})
    if not isinstance(ids, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in ids.items()):
        raise SeedError(f'{where}: ids must map list names to id strings, like {{ ofac = "44541" }}')
    return Entity(
        key=table["key"],
        name=table["name"].strip(),
        kind=kind,
        country=country,
        aliases=aliases,
        ids=dict(ids),
        exact_case=exact_case,
    )


def with_list_names(
    entities: Iterable[Entity], entries: Mapping[str, Mapping[str, Sequence[str]]]
) -> tuple[Entity, ...]:
    """The entities, each with every name of the official list entries its `ids` point at.

    An entity with `ids = { ofac = "32746" }` takes the SDN entry's name and a.k.a.s as aliases
    of its own (EU nameAlias in any language or script, UN and UK aliases alike), so the matcher
    finds the entity under every name an authority gives it. Pure: the caller reads the stored
    snapshots.

    Args:
        entities: the watchlist.
        entries: id key (`ofac`, `eu`, `uk`, `un`, as in `Entity.ids`) → entry id → the entry's
            names, its main name first.
    """
    out = []
    for entity in entities:
        extra = [
            name for key, entry_id in entity.ids.items() for name in entries.get(key, {}).get(str(entry_id).strip(), ())
        ]
        known = {entity.name, *entity.aliases}
        new = tuple(dict.fromkeys(n.strip() for n in extra if n.strip() and n.strip() not in known and list_words(n)))
        out.append(dataclasses.replace(entity, aliases=entity.aliases + new) if new else entity)
    return tuple(out)
