"""Pollers for the official-list kinds and OFAC's Recent Actions page (registered in `monitor.poll`).

A list poller fetches conditionally (a 304 ends the poll), parses off the event loop with
`ctx.run_parser`, and hands `store_publication` to the poll's transaction. `ofac-sdn` reads
SDN.XML, or with `format = "csv"` the trio SDN.CSV / ALT.CSV / ADD.CSV from the same folder
(the conditional GET is on SDN.CSV; the other two are fetched when it changed). A source with
no `url` uses the authority's published address; lists get a 200 MB size cap unless set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from monitor.lists import store_publication
from monitor.store import store_items
from sources import eu_fsf, ofac_actions, ofac_sdn, uk_sanctions, un_sc
from sources.lists import Publication

if TYPE_CHECKING:
    from monitor.config import SourceConfig
    from monitor.poll import PollContext, Polled, Poller, Validators

__all__ = ["LIST_MAX_BYTES", "POLLERS", "companion_urls", "poll_ofac_actions", "poll_ofac_sdn"]

LIST_MAX_BYTES = 200_000_000


def _with_defaults(source: SourceConfig, default_url: str) -> SourceConfig:
    return dataclasses.replace(source, url=source.url or default_url,
                               max_bytes=source.max_bytes or LIST_MAX_BYTES)


def companion_urls(sdn_csv_url: str) -> tuple[str, str]:
    """ALT.CSV and ADD.CSV next to SDN.CSV (same folder, same letter case, same query); a folder URL works too."""
    parts = urlsplit(sdn_csv_url)
    folder, _, name = parts.path.rpartition("/")
    if name.lower() != "sdn.csv":
        folder, name = parts.path.rstrip("/"), "SDN.CSV"
    alt, add = (urlunsplit(parts._replace(path=f"{folder}/{n if name[:3].isupper() else n.lower()}"))
                for n in ("ALT.CSV", "ADD.CSV"))
    return alt, add


def _polled(validators: Validators, source: SourceConfig, publication: Publication, url: str,
            ctx: PollContext | None = None) -> Polled:
    from monitor.poll import Polled   # here, not at the top: monitor.poll imports this module

    tracked = ctx.tracked if ctx is not None else None
    return Polled(validators, lambda conn, now: store_publication(
        conn, source=source.name, publication=publication, url=url, now=now,
        min_ratio=source.min_size_percent / 100, max_removals=source.max_removals, tracked=tracked))


def _xml_list_poller(parse: Callable[..., Publication], default_url: str) -> Poller:
    async def poll(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
        from monitor.poll import Polled, Validators as Kept

        source = _with_defaults(source, default_url)
        fetched = await ctx.fetch(source, validators)
        kept = Kept(fetched.etag, fetched.last_modified)
        if fetched.not_modified:
            return Polled(kept)
        publication = await ctx.run_parser(parse, fetched.body, where=fetched.url)
        return _polled(kept, source, publication, fetched.url, ctx)

    poll.__doc__ = f"Poll a list published as XML (default {default_url})."
    return poll


async def poll_ofac_sdn(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """OFAC's SDN list as SDN.XML or (format "csv", or a .csv URL) as the CSV trio."""
    from monitor.poll import Polled, Validators as Kept

    as_csv = source.format == "csv" or (source.format is None and (source.url or "").lower().endswith(".csv"))
    if not as_csv:
        return await _XML_SDN(source, validators, ctx)
    source = _with_defaults(source, ofac_sdn.DEFAULT_CSV_URLS[0])
    assert source.url is not None
    sdn = await ctx.fetch(source, validators)
    kept = Kept(sdn.etag, sdn.last_modified)
    if sdn.not_modified:
        return Polled(kept)
    alt_url, add_url = companion_urls(sdn.url)
    alt = await ctx.fetch(source, Kept(), alt_url)
    add = await ctx.fetch(source, Kept(), add_url)
    publication = await ctx.run_parser(ofac_sdn.parse_sdn_csv, sdn.body, alt.body, add.body, where=sdn.url)
    return _polled(kept, source, publication, sdn.url, ctx)


async def poll_ofac_actions(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """OFAC's Recent Actions page: each action becomes a news item for the analyzer."""
    from monitor.poll import Polled, Validators as Kept

    source = dataclasses.replace(source, url=source.url or ofac_actions.DEFAULT_URL)
    fetched = await ctx.fetch(source, validators)
    kept = Kept(fetched.etag, fetched.last_modified)
    if fetched.not_modified:
        return Polled(kept)
    items = await ctx.run_parser(ofac_actions.parse_recent_actions, fetched.body, url=fetched.url,
                                 source=source.name)
    return Polled(kept, lambda conn, now: store_items(conn, items, now=now))


_XML_SDN = _xml_list_poller(ofac_sdn.parse_sdn_xml, ofac_sdn.DEFAULT_XML_URL)

POLLERS: dict[str, Poller] = {
    "ofac-sdn": poll_ofac_sdn,
    "eu-fsf": _xml_list_poller(eu_fsf.parse_eu_xml, eu_fsf.DEFAULT_URL),
    "uk-sanctions": _xml_list_poller(uk_sanctions.parse_uk_xml, uk_sanctions.DEFAULT_URL),
    "un-sc": _xml_list_poller(un_sc.parse_un_xml, un_sc.DEFAULT_URL),
    "ofac-actions": poll_ofac_actions,
}
