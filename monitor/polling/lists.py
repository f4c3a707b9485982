"""Pollers for the official-list kinds and OFAC's Recent Actions page (`monitor.polling.poll`
puts them in its registry next to the feed poller).

A list poller fetches conditionally (a 304 ends the poll), parses off the event loop with
`ctx.run_parser`, and hands `store_publication` to the poll's transaction. `ofac-sdn` reads
SDN.XML, or with `format = "csv"` the trio SDN.CSV / ALT.CSV / ADD.CSV and SDN_COMMENTS.CSV
from the same folder (the conditional GET is on SDN.CSV; the others are fetched when it
changed; a missing SDN_COMMENTS.CSV is a warning, not a failure). A source with no `url` uses
the authority's published address; lists get a 200 MB size cap unless set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from monitor.config import SourceConfig
from monitor.errors import SourceError
from monitor.lists.snapshots import store_publication
from monitor.polling.context import PollContext, Polled, Poller, Validators
from monitor.storage.items import store_items
from sanctions_monitor_sources import eu_fsf, ofac_actions, ofac_sdn, uk_sanctions, un_sc
from sanctions_monitor_sources.publication import Publication

__all__ = ["LIST_MAX_BYTES", "POLLERS", "companion_urls", "poll_ofac_actions", "poll_ofac_sdn"]

LIST_MAX_BYTES = 200_000_000


def _with_defaults(source: SourceConfig, default_url: str) -> SourceConfig:
    return dataclasses.replace(source, url=source.url or default_url, max_bytes=source.max_bytes or LIST_MAX_BYTES)


def companion_urls(sdn_csv_url: str, names: tuple[str, ...] = ("ALT.CSV", "ADD.CSV")) -> tuple[str, ...]:
    """ALT.CSV and ADD.CSV (or `names`) next to SDN.CSV (same folder, same letter case, same query);
    a folder URL works too."""
    parts = urlsplit(sdn_csv_url)
    folder, _, name = parts.path.rpartition("/")
    if name.lower() != "sdn.csv":
        folder, name = parts.path.rstrip("/"), "SDN.CSV"
    return tuple(urlunsplit(parts._replace(path=f"{folder}/{n if name[:3].isupper() else n.lower()}")) for n in names)


async def _sdn_comments(source: SourceConfig, sdn_url: str, ctx: PollContext) -> tuple[bytes | None, str | None]:
    """SDN_COMMENTS.CSV next to SDN.CSV, or (None, why) when it cannot be had or read (an HTTP
    error, an HTML page, not OFAC's layout): the poll goes on with remarks cut at 1,000
    characters, and says so as the source's warning."""

    [url] = companion_urls(sdn_url, ("SDN_COMMENTS.CSV",))
    try:
        fetched = await ctx.fetch(source, Validators(), url)
        await ctx.run_parser(ofac_sdn.parse_sdn_comments, fetched.body, where=url)  # a small file: read twice
    except SourceError as exc:
        return None, f"{exc} (SDN_COMMENTS.CSV not used: remarks over 1,000 characters stay cut)"
    return fetched.body, None


def _polled(
    validators: Validators,
    source: SourceConfig,
    publication: Publication,
    url: str,
    ctx: PollContext | None = None,
    warning: str | None = None,
) -> Polled:
    tracked = ctx.tracked if ctx is not None else None

    tracked = ctx.tracked if ctx is not None else None
    return Polled(
        validators,
        lambda conn, now: store_publication(
            conn,
            source=source.name,
            publication=publication,
            url=url,
            now=now,
            min_ratio=source.min_size_percent / 100,
            max_removals=source.max_removals,
            tracked=tracked,
        ),
        warning,
    )


def _xml_list_poller(parse: Callable[..., Publication], default_url: str) -> Poller:
    async def poll(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:

        source = _with_defaults(source, default_url)
        fetched = await ctx.fetch(source, validators)
        kept = Validators(fetched.etag, fetched.last_modified)
        if fetched.not_modified:
            return Polled(kept)
        publication = await ctx.run_parser(parse, fetched.body, where=fetched.url)
        return _polled(kept, source, publication, fetched.url, ctx)

    poll.__doc__ = f"Poll a list published as XML (default {default_url})."
    return poll


async def poll_ofac_sdn(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """OFAC's SDN list as SDN.XML or (format "csv", or a .csv URL) as the CSV trio and SDN_COMMENTS.CSV."""

    as_csv = source.format == "csv" or (source.format is None and (source.url or "").lower().endswith(".csv"))
    if not as_csv:
        return await _XML_SDN(source, validators, ctx)
    source = _with_defaults(source, ofac_sdn.DEFAULT_CSV_URLS[0])
    assert source.url is not None
    sdn = await ctx.fetch(source, validators)
    kept = Validators(sdn.etag, sdn.last_modified)
    if sdn.not_modified:
        return Polled(kept)
    alt_url, add_url = companion_urls(sdn.url)
    alt = await ctx.fetch(source, Validators(), alt_url)
    add = await ctx.fetch(source, Validators(), add_url)
    comments, warning = await _sdn_comments(source, sdn.url, ctx)
    publication = await ctx.run_parser(ofac_sdn.parse_sdn_csv, sdn.body, alt.body, add.body, comments, where=sdn.url)
    return _polled(kept, source, publication, sdn.url, ctx, warning)


async def poll_ofac_actions(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """OFAC's Recent Actions page: each action becomes a news item for the analyzer."""

    source = dataclasses.replace(source, url=source.url or ofac_actions.DEFAULT_URL)
    fetched = await ctx.fetch(source, validators)
    kept = Validators(fetched.etag, fetched.last_modified)
    if fetched.not_modified:
        return Polled(kept)
    items = await ctx.run_parser(ofac_actions.parse_recent_actions, fetched.body, url=fetched.url, source=source.name)
    return Polled(kept, lambda conn, now: store_items(conn, items, now=now))


_XML_SDN = _xml_list_poller(ofac_sdn.parse_sdn_xml, ofac_sdn.DEFAULT_XML_URL)

POLLERS: dict[str, Poller] = {
    "ofac-sdn": poll_ofac_sdn,
    "eu-fsf": _xml_list_poller(eu_fsf.parse_eu_xml, eu_fsf.DEFAULT_URL),
    "uk-sanctions": _xml_list_poller(uk_sanctions.parse_uk_xml, uk_sanctions.DEFAULT_URL),
    "un-sc": _xml_list_poller(un_sc.parse_un_xml, un_sc.DEFAULT_URL),
    "ofac-actions": poll_ofac_actions,
}
