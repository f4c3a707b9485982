"""Issue 10, item 7: a short list publication must not become mass delistings.

Besides the size guard (under 90 % of the last snapshot is rejected), a publication that removes
more than max(50, 0.5 % of the list) entries, or an undated one (no `publshInformation`) that
removes a tracked entity, is held: no change, no event, no alert, until the next publication
agrees or an operator runs `monitor lists accept SOURCE`. Real-format SDN.XML files, served
by a loopback server and polled by the real poller.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.cli import cli
from monitor.config import Config
from monitor.daemon import tracked_entry
from monitor.lists.diff import removal_limit
from monitor.lists.events import process_list_changes
from monitor.lists.snapshots import BASELINE
from monitor.polling.poll import PollContext, PollResult, poll_source
from monitor.storage.db import open_database
from monitor.storage.models import EntityStatus, ListChange, ListPublication, OutboxMessage
from sanctions_monitor_sources.http import make_client
from tests.lists.test_events import make_config
from tests.support.paths import FIXTURES
from tests.support.polling import serve_file
from tests.support.servers import LoopbackServer

LISTS = FIXTURES / "lists"
NOW = datetime(2025, 11, 5, 9, 0, tzinfo=UTC)
FILLERS = 1000


def sdn_xml(*, fillers: range = range(FILLERS), drop: tuple[str, ...] = (), date: str | None = "10/28/2025") -> bytes:
    """SDN.XML as OFAC writes it: the fixture's ten entries plus `fillers` generated ones,
    without the entries whose uid is in `drop`; `date=None` leaves out publshInformation."""
    text = (LISTS / "sdn_before.xml").read_text(encoding="utf-8")
    for uid in drop:
        text = re.sub(rf"  <sdnEntry>\s*<uid>{uid}</uid>.*?</sdnEntry>\n", "", text, flags=re.S)
    extra = "".join(
        f"  <sdnEntry>\n    <uid>{50000 + i}</uid>\n    <lastName>FILLER TRADING {i} LLC</lastName>\n"
        f"    <sdnType>Entity</sdnType>\n    <programList><program>IRAN</program></programList>\n"
        f"    <addressList><address><uid>{70000 + i}</uid><country>Iran</country></address></addressList>\n"
        f"  </sdnEntry>\n"
        for i in fillers
    )
    text = text.replace("</sdnList>", extra + "</sdnList>")
    count = text.count("<sdnEntry>")
    text = re.sub(r"<Record_Count>\d+</Record_Count>", f"<Record_Count>{count}</Record_Count>", text)
    text = text.replace("<Publish_Date>10/28/2025</Publish_Date>", f"<Publish_Date>{date}</Publish_Date>")
    if date is None:
        text = re.sub(r"  <publshInformation>.*?</publshInformation>\n", "", text, flags=re.S)
    return text.encode("utf-8")


def poll(config: Config, engine: Engine, now: datetime = NOW) -> PollResult:
    """One real poll of the "sdn" source, with the daemon's watchlist check."""

    async def run() -> PollResult:
        async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=5, user_agent="test", max_connections=4) as client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser, tracked=tracked_entry(config))
            return await poll_source(
                config.source("sdn"), ctx=ctx, engine=engine, now=now, max_backoff=3600, rng=random.Random(1)
            )

    return asyncio.run(run())


def diff_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(ListChange.__table__).where(ListChange.__table__.c.change != BASELINE)
            ).scalar_one()
        )


def state(engine: Engine, entity: str = "belavia") -> str | None:
    with Session(engine) as session:
        row = session.get(EntityStatus, (entity, "US"))
        return row.state if row else None


def lift_alerts(engine: Engine) -> int:
    with Session(engine) as session:
        return sum('"after": "lifted"' in m.changes for m in session.exec(select(OutboxMessage)).scalars())


def test_removal_limit_is_50_or_half_a_percent() -> None:
    assert removal_limit(1000) == 50
    assert removal_limit(18_000) == 90
    assert removal_limit(18_000, max_removals=10) == 10


def test_many_removals_are_held_until_the_next_publication_agrees(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    config = make_config(tmp_path, database_url=database_url, sdn_url=http_server.url("/SDN.XML"))
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", sdn_xml(), etag='"a"')
    assert poll(config, engine).ok
    # 60 removals (1,010 -> 950 entries, 94 %: the size guard lets it through); limit is 50
    short = sdn_xml(fillers=range(60, FILLERS), date="11/04/2025")
    serve_file(http_server, "/SDN.XML", short, etag='"b"')
    result = poll(config, engine)
    assert result.ok and "held as suspect: 60 removals is more than 50" in (result.error or "")
    assert "monitor lists accept sdn" in (result.error or "")
    assert diff_rows(engine) == 0
    process_list_changes(engine, config=config, now=NOW)
    assert state(engine) == "sanctioned" and lift_alerts(engine) == 0
    listed = CliRunner().invoke(cli, ["--config", str(config.path), "lists"])
    assert "held as suspect" in listed.output and "1010" in listed.output  # the last good snapshot stays
    # the same file again (no validators on this server) is not a second publication: still held
    serve_file(http_server, "/SDN.XML", short, etag='"c"')
    assert "held as suspect" in (poll(config, engine, NOW + timedelta(hours=1)).error or "")
    assert diff_rows(engine) == 0
    # the next publication removes the same 60 (and adds one): it agrees, and is stored as usual
    serve_file(http_server, "/SDN.XML", sdn_xml(fillers=range(60, FILLERS + 1), date="11/05/2025"), etag='"d"')
    result = poll(config, engine, NOW + timedelta(hours=2))
    assert result.ok and result.error is None
    assert diff_rows(engine) == 61
    with Session(engine) as session:
        pubs = session.exec(select(ListPublication).order_by(ListPublication.id)).scalars().all()
    assert [(p.entry_count, p.held) for p in pubs] == [(1010, None), (951, None)]
    engine.dispose()


def test_a_publication_that_restores_the_list_drops_the_hold(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(tmp_path, sdn_url=http_server.url("/SDN.XML"))
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", sdn_xml(), etag='"a"')
    poll(config, engine)
    serve_file(http_server, "/SDN.XML", sdn_xml(fillers=range(100, FILLERS)), etag='"b"')
    assert "held" in (poll(config, engine).error or "")
    serve_file(http_server, "/SDN.XML", sdn_xml(), etag='"c"')  # the cut file was a glitch
    assert poll(config, engine).error is None
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(ListPublication)).scalar_one() == 1
    assert diff_rows(engine) == 0
    engine.dispose()


def test_an_undated_short_sdn_that_removes_tracked_entities_is_held_until_accepted(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    """The issue's case: a well-formed SDN.XML without publshInformation, 10 % smaller (9 of 10
    entries: the 90 % guard passes), that drops Belavia: no "US sanctions lifted" until accepted."""
    config = make_config(tmp_path, database_url=database_url, sdn_url=http_server.url("/SDN.XML"))
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", "sdn_before.xml", etag='"a"')
    poll(config, engine)
    process_list_changes(engine, config=config, now=NOW)
    assert state(engine) == "sanctioned"
    serve_file(http_server, "/SDN.XML", "sdn_undated_short.xml", etag='"b"')
    result = poll(config, engine)
    assert "no publication date and removes 1 tracked entity (BELAVIA BELARUSIAN AIRLINES)" in (result.error or "")
    process_list_changes(engine, config=config, now=NOW)
    assert state(engine) == "sanctioned" and lift_alerts(engine) == 0
    runner = CliRunner()
    accepted = runner.invoke(cli, ["--config", str(config.path), "lists", "accept", "sdn"])
    assert accepted.exit_code == 0, accepted.output
    assert "0 added, 1 removed, 0 changed" in accepted.output
    again = runner.invoke(cli, ["--config", str(config.path), "lists", "accept", "sdn"])
    assert again.exit_code == 1 and "no publication of 'sdn' is held" in again.output
    process_list_changes(engine, config=config, now=NOW + timedelta(minutes=1))
    assert state(engine) == "lifted" and lift_alerts(engine) == 1
    engine.dispose()


def test_max_removals_is_configurable(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(tmp_path, sdn_url=http_server.url("/SDN.XML"))
    text = config.path.read_text().replace('kind = "ofac-sdn"\n', 'kind = "ofac-sdn"\nmax_removals = 3\n', 1)
    config.path.write_text(text)
    from monitor.config import load_config

    config = load_config(config.path)
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", sdn_xml(fillers=range(40)), etag='"a"')
    poll(config, engine)
    serve_file(http_server, "/SDN.XML", sdn_xml(fillers=range(4, 40)), etag='"b"')
    assert "4 removals is more than 3" in (poll(config, engine).error or "")
    serve_file(http_server, "/SDN.XML", sdn_xml(fillers=range(3, 40)), etag='"c"')  # 3 removals: fine
    assert poll(config, engine).error is None and diff_rows(engine) == 3
    engine.dispose()
