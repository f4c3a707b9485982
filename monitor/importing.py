"""Watchlist entries from the data people already use: FollowTheMoney entities (as OpenSanctions
and yente export them) and the stored snapshots of the official lists.

`entries_from_ftm` turns FtM entities into watchlist entries (name, aliases in every script,
kind, country, ids); `entry_from_list` does the same for one stored list entry;
`merge_watchlist` writes them into a watchlist TOML document, keeping what a user edited by
hand: an entity already in the file (found by its ids, else its key) keeps its key, name, kind,
country and comments, and gains only the aliases and ids it lacks; entities the import does not
name stay as they are. tomlkit keeps the file's comments and layout.

May import: `monitor.lists`, `monitor.storage`, `monitor.config`, `monitor.errors`,
`monitor.vocabulary`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from anyascii import anyascii
from sqlalchemy.engine import Engine
from tomlkit.items import AoT, Table

from monitor.config import Config
from monitor.errors import ConfigError
from monitor.lists.events import country_code
from monitor.lists.snapshots import last_publication, load_entries
from monitor.matching.watchlist import Entity, with_list_names
from monitor.storage.db import open_database
from monitor.vocabulary import LIST_KINDS

__all__ = [
    "FtmFilter",
    "WatchlistEntry",
    "add_list_names",
    "entries_from_ftm",
    "entry_from_list",
    "merge_watchlist",
    "read_ftm",
    "stored_list_names",
]

# FtM schema → watchlist kind; other schemata (addresses, sanctions, ownership...) are skipped.
FTM_KINDS = {
    "Person": "person",
    "Company": "organization",
    "Organization": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
# OpenSanctions ids of official-list records (in `referents` or the id itself) → watchlist `ids` keys.
REFERENT_PREFIXES = {"ofac-": "ofac", "eu-fsf-": "eu", "gb-fcdo-": "uk", "unsc-": "un"}
LIST_TYPES = {"individual": "person", "entity": "organization", "vessel": "vessel", "aircraft": "aircraft"}
_NOT_KEY = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class WatchlistEntry:
    """One entity to write into a watchlist file."""

    key: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FtmFilter:
    """Which FtM entities to take: each given criterion must hold (empty = any)."""

    schemata: frozenset[str] = frozenset()
    datasets: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    def accepts(self, entity: Mapping[str, Any]) -> bool:
        props = entity.get("properties") or {}
        return (
            (not self.schemata or entity.get("schema") in self.schemata)
            and (not self.datasets or bool(self.datasets & set(entity.get("datasets") or ())))
            and (not self.topics or bool(self.topics & set(props.get("topics") or ())))
            and (not self.ids or entity.get("id") in self.ids or bool(self.ids & set(entity.get("referents") or ())))
        )


def read_ftm(lines: Iterable[str], where: str) -> list[dict[str, Any]]:
    """Parse FtM JSON lines (blank lines skipped).

    Raises:
        ConfigError: a line is not a JSON object with `schema` and `properties` (names the line).
    """
    entities = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(entity, dict) or "schema" not in entity or not isinstance(entity.get("properties"), dict):
            raise ConfigError(f"{where}:{number}: not a FollowTheMoney entity (needs schema and properties)")
        entities.append(entity)
    return entities


def entries_from_ftm(
    entities: Iterable[Mapping[str, Any]], only: FtmFilter = FtmFilter(), *, weak_aliases: bool = False
) -> list[WatchlistEntry]:
    """Watchlist entries for the FtM entities that `only` accepts and whose schema we track.

    The display name is the first Latin-script `name` (else the first); the other names,
    `alias` and `previousName` (and `weakAlias` if asked: short nicknames match too much) are
    aliases, in every script. `country` (else `nationality`, `jurisdiction`, `flag`) gives
    the country; the entity id and the official-list referents give `ids`.
    """
    out = []
    for entity in entities:
        kind = FTM_KINDS.get(str(entity.get("schema")))
        if kind is None or not only.accepts(entity):
            continue
        props = entity["properties"]
        names = _strings(props.get("name"))
        if not names:
            continue
        name = next((n for n in names if anyascii(n) == n), names[0])
        others = [*names, *_strings(props.get("alias")), *_strings(props.get("previousName"))]
        if weak_aliases:
            others += _strings(props.get("weakAlias"))
        country = next(
            (
                c.upper()
                for prop in ("country", "nationality", "jurisdiction", "flag")
                for c in _strings(props.get(prop))
                if len(c) == 2 and c.isalpha()
            ),
            None,
        )
        ids = {"opensanctions": str(entity["id"])} if entity.get("id") else {}
        for ref in (str(entity.get("id") or ""), *map(str, entity.get("referents") or ())):
            for prefix, id_key in REFERENT_PREFIXES.items():
                if ref.startswith(prefix) and ref[len(prefix) :]:
                    ids.setdefault(id_key, ref[len(prefix) :])
        out.append(WatchlistEntry(_key(name), name, kind, country, _unique(others, name), ids))
    return out


def entry_from_list(engine: Engine, source: str, kind: str, entry_id: str) -> WatchlistEntry:
    """A watchlist entry from the newest stored snapshot of list `source`: name, aliases,
    country and the list id.

    Raises:
        ConfigError: the list was never stored, or has no entry with that id.
    """
    with engine.connect() as conn:
        publication = last_publication(conn, source)
        if publication is None:
            raise ConfigError(f"list {source!r} has no stored snapshot yet: run `monitor run --once` first")
        entry = next((e for e in load_entries(conn, publication.id, kind) if e.entry_id == entry_id), None)
    if entry is None:
        raise ConfigError(
            f"list {source!r}: no entry {entry_id!r} in the snapshot of {publication.fetched_at:%Y-%m-%d}"
        )
    codes = [country_code(c) for c in entry.countries]
    country = next((c for c in codes if len(c) == 2 and c.isalpha() and c.isupper()), None)
    return WatchlistEntry(
        _key(entry.name),
        entry.name,
        LIST_TYPES.get(entry.type, "organization"),
        country,
        _unique(entry.aliases, entry.name),
        {LIST_KINDS[kind].id_key: entry_id},
    )


def stored_list_names(engine: Engine, config: Config) -> dict[str, dict[str, tuple[str, ...]]]:
    """Id key (ofac, eu, uk, un) → entry id → the entry's names, from the last good snapshot of
    every configured official list (empty when none was polled yet): what `ids` bring into the
    matcher (`monitor.matching.watchlist.with_list_names`)."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    with engine.connect() as conn:
        for source in config.sources:
            if source.kind not in LIST_KINDS:
                continue
            last = last_publication(conn, source.name)
            if last is None:
                continue
            names = found.setdefault(LIST_KINDS[source.kind].id_key, {})
            for entry in load_entries(conn, last.id, source.kind):
                names[entry.entry_id] = (entry.name, *entry.aliases)
    return found


def add_list_names(entities: Iterable[Entity], config: Config) -> tuple[Entity, ...]:
    """`entities`, each also named by the list entries its ids point at, read from the
    configured database's newest snapshots (the CLI's `--list-names`, `watchlist show`)."""
    engine = open_database(config.database.url)
    try:
        return with_list_names(entities, stored_list_names(engine, config))
    finally:
        engine.dispose()


def merge_watchlist(text: str, entries: Sequence[WatchlistEntry]) -> tuple[str, int, int]:
    """`text` (a watchlist file, or "") with `entries` merged in; also how many were added and
    updated. See the module docstring for what a hand edit keeps."""
    doc = tomlkit.parse(text) if text.strip() else tomlkit.document()
    tables = doc.get("entity")
    if tables is None:
        tables = tomlkit.aot()
        doc.append("entity", tables)
    if not isinstance(tables, AoT):
        raise ConfigError("the watchlist's entities must be written as [[entity]] tables")
    keys = {str(t.get("key")) for t in tables}
    added = updated = 0
    for entry in entries:
        table = _find(tables, entry)
        if table is None:
            key = entry.key
            n = 2
            while key in keys:
                key, n = f"{entry.key}-{n}", n + 1
            keys.add(key)
            tables.append(_new_table(entry, key))
            added += 1
        elif _update(table, entry):
            updated += 1
    return tomlkit.dumps(doc), added, updated


def _find(tables: AoT, entry: WatchlistEntry) -> Table | None:
    for table in tables:
        ids = table.get("ids") or {}
        if any(str(ids.get(k, "")) == v for k, v in entry.ids.items()):
            return table
    return next((t for t in tables if t.get("key") == entry.key and not t.get("ids")), None)


def _new_table(entry: WatchlistEntry, key: str) -> Table:
    table = tomlkit.table()
    table["key"] = key
    table["name"] = entry.name
    table["kind"] = entry.kind
    if entry.country:
        table["country"] = entry.country
    table["aliases"] = _array(entry.aliases)
    if entry.ids:
        ids = tomlkit.inline_table()
        ids.update(entry.ids)
        table["ids"] = ids
    return table


def _update(table: Table, entry: WatchlistEntry) -> bool:
    """Add the aliases and ids `table` lacks; everything the user wrote stays."""
    changed = False
    have = {str(a) for a in table.get("aliases") or ()} | {str(table.get("name"))}
    missing = [a for a in entry.aliases if a not in have]
    if missing:
        if "aliases" not in table:
            table["aliases"] = _array(())
        for alias in missing:
            table["aliases"].append(alias)
        changed = True
    ids = table.get("ids")
    new_ids = {k: v for k, v in entry.ids.items() if not ids or k not in ids}
    if new_ids:
        if ids is None:
            ids = tomlkit.inline_table()
            table["ids"] = ids
        ids.update(new_ids)
        changed = True
    return changed


def _array(values: Iterable[str]) -> Any:
    array = tomlkit.array()
    array.extend(values)
    if len(array) > 3:
        array.multiline(True)
    return array


def _strings(value: Any) -> list[str]:
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []


def _unique(names: Iterable[str], name: str) -> tuple[str, ...]:
    seen = {name}
    out = []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)


def _key(name: str) -> str:
    return _NOT_KEY.sub("-", anyascii(name).lower()).strip("-")[:60] or "entity"
