"""List changes → official events for tracked entities, and alerts for [[watch]] rules.

The daemon calls `process_list_changes` after each poll. Each publication's unprocessed
changes are handled in one transaction that also marks them processed, so a crash leaves a
publication either fully handled or still pending, never half (no lost, no doubled alert).

- An addition or removal of an entry that is a tracked entity becomes an official event
  (`impose` / `lift`, certainty official, the list's jurisdiction, the publication date)
  through `monitor.events.official.record_official_event`, which sets status and confirms news.
  An entry is a tracked entity when the entity's `ids` name it (`ids.ofac = "36001"`), or
  when the news matcher (monitor/matching/match.py) finds the entity in the entry's name or an alias
  covering all of it but legal-form words: a longer entry name that merely contains the
  entity's name ("BELARUSKALI TRADING HOUSE") is not a match.
- The first snapshot of a list (its `baseline` marker row) records, for each entry that is a
  tracked entity, a silent official `impose` event dated the entry's listing date when the
  list gives one, else the publication date: status says `sanctioned` from the first poll,
  and no alert is enqueued, since nothing changed. Watch rules ignore the baseline.
- An entry entering or leaving a watched programme or country (by addition, removal, or a
  change of its programmes or countries) becomes a "list" alert for each matching watch.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time

from anyascii import anyascii
from babel import Locale
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import Config, WatchConfig
from monitor.errors import DatabaseUnavailable
from monitor.events.changes import Change, EvidenceRef
from monitor.events.official import record_official_event
from monitor.events.outbox import enqueue_changes
from monitor.lists.snapshots import BASELINE, load_entries
from monitor.matching import name_data
from monitor.matching.match import Matcher, build_matcher
from monitor.matching.normalize import iter_tokens, token_key
from monitor.matching.watchlist import Entity, load_watchlist
from monitor.storage.db import database_unavailable, describe, serializable
from monitor.storage.models import ListChange, ListPublication
from monitor.vocabulary import LIST_KINDS
from sanctions_monitor_sources.publication import ListEntry

__all__ = ["country_code", "process_list_changes", "tracked_keys", "watch_matches"]

log = logging.getLogger(__name__)


def _label(kind: str) -> str:
    return LIST_KINDS[kind].label if kind in LIST_KINDS else kind


_NON_WORD = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    """Case-, accent-, script- and punctuation-blind form of a name: "Belaruskali, OAO" → "belaruskali oao"."""
    return _NON_WORD.sub(" ", anyascii(text).lower()).strip()


@functools.cache
def _country_codes() -> dict[str, str]:
    """English country names (babel's CLDR data) → ISO 3166 alpha-2 codes."""
    return {_fold(name): code for code, name in Locale("en").territories.items() if code.isalpha()}


def country_code(value: str) -> str:
    """ "BY", "Belarus", "BELARUS" → "BY"; a name CLDR does not know is returned as its name key."""
    if len(value) == 2 and value.isalpha():
        return value.upper()
    key = _fold(value)
    return _country_codes().get(key, key)


@functools.cache
def _legal_form_keys() -> frozenset[str]:
    """Token keys of legal-form words (seeds/names/legal_forms.toml::forms): "OAO", "JSC", "LLC"."""
    return frozenset(token_key(t.group()) for form in name_data.legal_forms() for t in iter_tokens(form))


def _whole_name_keys(matcher: Matcher, name: str) -> set[str]:
    """Entities the news matcher finds in a list name when the match covers the whole name but
    legal-form words: "BELARUSKALI OAO" is Belaruskali, "BELARUSKALI TRADING HOUSE" is not."""
    tokens = list(iter_tokens(name))
    found = set()
    for m in matcher.find(name):
        outside = (t.group() for t in tokens if t.end() <= m.start or t.start() >= m.end)
        if all(token_key(word) in _legal_form_keys() for word in outside):
            found.add(m.key)
    return found


def tracked_keys(entry: ListEntry, entities: Sequence[Entity], matcher: Matcher) -> list[str]:
    """Watchlist keys this entry is: by list id (`ids.ofac` etc.) first, else by a whole name or alias."""
    id_key = LIST_KINDS[entry.list].id_key if entry.list in LIST_KINDS else None
    by_id = [e.key for e in entities if id_key and str(e.ids.get(id_key, "")).strip() == entry.entry_id]
    if by_id:
        return by_id
    found: set[str] = set()
    for name in (entry.name, *entry.aliases):
        found |= _whole_name_keys(matcher, name)
    return [e.key for e in entities if e.key in found]


def watch_matches(watch: WatchConfig, source: str, entry: ListEntry | None) -> str | None:
    """The programme or country by which `entry` falls under `watch`, or None.

    A programme matches when equal ignoring case, or, for regime names written as a phrase
    (the UK's "The Republic of Belarus (Sanctions) ... Regulations"), when it contains the
    watched words.
    """
    if entry is None or (watch.lists and source not in watch.lists):
        return None
    if watch.programme:
        wanted = watch.programme.strip().lower()
        for programme in entry.programmes:
            p = programme.lower()
            if p == wanted or (" " in p and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", p)):
                return programme
    if watch.country:
        code = country_code(watch.country)
        for country in entry.countries:
            if country_code(country) == code:
                return country
    return None


def _entry(doc: str | None, kind: str) -> ListEntry | None:
    return ListEntry.from_json(kind, json.loads(doc)) if doc else None


def _watch_changes(
    row: ListChange,
    pub: ListPublication,
    before: ListEntry | None,
    after: ListEntry | None,
    watches: Iterable[WatchConfig],
    day: date,
) -> list[Change]:
    label = _label(pub.kind)
    out = []
    for watch in watches:
        was, now_in = watch_matches(watch, pub.source, before), watch_matches(watch, pub.source, after)
        if bool(was) == bool(now_in):
            continue
        entry = after or before
        assert entry is not None
        action = "impose" if now_in else "lift"
        verb = {"added": "added to", "removed": "removed from"}.get(row.change, "changed on")
        evidence = EvidenceRef(
            title=f"{label} publication of {day.isoformat()}",
            source=pub.source,
            link=pub.url,
            excerpt=f"{entry.name} ({entry.entry_id}) {verb} the list; programmes: "
            f"{', '.join(entry.programmes) or '-'}",
            published=datetime.combine(day, time(), tzinfo=UTC).isoformat(),
        )
        out.append(
            Change(
                kind="list",
                entity_key=None,
                entity_name=entry.name,
                jurisdiction=(LIST_KINDS[pub.kind].jurisdiction if pub.kind in LIST_KINDS else None),
                action=action,
                before="sanctioned" if was else "not listed",
                after="sanctioned" if now_in else "lifted",
                certainty="official",
                effective_date=day,
                watch=watch.name,
                programme=now_in or was,
                evidence=(evidence,),
            )
        )
    return out


def _record_baseline(
    session: Session,
    pub: ListPublication,
    *,
    entities: Sequence[Entity],
    matcher: Matcher,
    config: Config,
    now: datetime,
) -> None:
    """Status for the tracked entities already on a list's first snapshot, without alerts."""
    day = pub.published or pub.fetched_at.date()
    label = _label(pub.kind)
    assert pub.id is not None
    for entry in load_entries(session.connection(), pub.id, pub.kind):
        for key in tracked_keys(entry, entities, matcher):
            since = entry.listed_on or day
            record_official_event(
                session,
                entity=key,
                action="impose",
                jurisdiction=LIST_KINDS[pub.kind].jurisdiction,
                effective_date=since,
                source=pub.source,
                title=f"{entry.name} on the {label} of {day.isoformat()}",
                url=pub.url,
                excerpt=f"{entry.name} ({entry.entry_id}); programmes: {', '.join(entry.programmes) or '-'}",
                now=now,
                config=config,
                ref=f"{pub.id}:{BASELINE}:{entry.entry_id}",
                baseline=True,
            )


def _process_publication(
    session: Session,
    pub: ListPublication,
    rows: Sequence[ListChange],
    *,
    entities: Sequence[Entity],
    matcher: Matcher,
    config: Config,
    now: datetime,
) -> int:
    day = pub.published or pub.fetched_at.date()
    label = _label(pub.kind)
    jurisdiction = LIST_KINDS[pub.kind].jurisdiction
    alerts: list[Change] = []
    for row in rows:
        before, after = _entry(row.before, pub.kind), _entry(row.after, pub.kind)
        if row.change == BASELINE:
            _record_baseline(session, pub, entities=entities, matcher=matcher, config=config, now=now)
        elif row.change in ("added", "removed"):
            entry = after if row.change == "added" else before
            assert entry is not None
            for key in tracked_keys(entry, entities, matcher):
                verb = "added to" if row.change == "added" else "removed from"
                record_official_event(
                    session,
                    entity=key,
                    action="impose" if row.change == "added" else "lift",
                    jurisdiction=jurisdiction,
                    effective_date=day,
                    source=pub.source,
                    title=f"{entry.name} {verb} the {label} ({day.isoformat()})",
                    url=pub.url,
                    excerpt=f"{entry.name} ({entry.entry_id}); programmes: {', '.join(entry.programmes) or '-'}",
                    now=now,
                    config=config,
                    ref=f"{pub.id}:{row.change}:{entry.entry_id}",
                )
        alerts += _watch_changes(row, pub, before, after, config.watches, day)
        row.processed_at = now
        session.add(row)
    enqueue_changes(session, alerts, config.alerts, now=now)
    return len(rows)


def process_list_changes(
    engine: Engine,
    *,
    config: Config,
    now: datetime,
    entities: Sequence[Entity] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Handle every unprocessed list change, one publication per transaction; return how many.

    `entities` defaults to the configured watchlist. A publication whose transaction fails is
    logged and stays pending for the next round.
    """
    with Session(engine) as session:
        pending = session.exec(
            select(ListChange.publication_id)
            .where(col(ListChange.processed_at).is_(None))
            .distinct()
            .order_by(col(ListChange.publication_id))
        ).all()
    if not pending:
        return 0
    if entities is None:
        entities = load_watchlist(config.watchlist.files)
    matcher = build_matcher(entities)
    done = 0
    writer = serializable(engine)
    for publication_id in pending:
        if should_stop is not None and should_stop():
            break
        try:
            with Session(writer) as session:
                pub = session.get(ListPublication, publication_id)
                assert pub is not None
                rows = session.exec(
                    select(ListChange)
                    .where(ListChange.publication_id == publication_id, col(ListChange.processed_at).is_(None))
                    .order_by(col(ListChange.id))
                ).all()
                done += _process_publication(
                    session, pub, rows, entities=entities, matcher=matcher, config=config, now=now
                )
                session.commit()
        except Exception as exc:
            if database_unavailable(exc):
                raise DatabaseUnavailable(
                    f"{describe(exc)}; the changes of {len(pending)} list publications stay pending"
                ) from exc
            log.exception("list changes of publication=%s failed; they stay pending", publication_id)
    return done
