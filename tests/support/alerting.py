"""Helpers for the issue-4 tests: a config on a tmp SQLite file, items, a scripted analyzer."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from monitor.classification.findings import Analysis, EventFinding, ItemText
from monitor.config import Config, load_config
from monitor.events.changes import Change, EvidenceRef
from monitor.events.outbox import enqueue_changes
from monitor.storage.db import open_database
from monitor.storage.models import Item
from tests.support.paths import FIXTURES
from tests.support.servers import LoopbackServer, Request, Response

FIXTURES = FIXTURES / "alerts"
NOW = datetime(2025, 11, 5, 9, 0, tzinfo=UTC)
SECRET = "whsec_" + "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY="


def write_config(tmp_path: Path, alerts: str = "", extra: str = "", *, database_url: str | None = None) -> Config:
    """A config with the fixture watchlist, a database (default: SQLite in tmp_path) and the given [[alert]] tables."""
    path = tmp_path / "config.toml"
    url = database_url or f"sqlite:///{tmp_path / 'monitor.db'}"
    path.write_text(
        f"""
[database]
url = "{url}"
[watchlist]
files = ["{FIXTURES / "entities.toml"}"]
{extra}
{alerts}
""",
        encoding="utf-8",
    )
    return load_config(path)


def webhook_alert(name: str, url: str, **filters: str) -> str:
    lines = [f'[[alert]]\nname = "{name}"\nkind = "webhook"\nurl = "{url}"\nsecret_env = "TEST_WEBHOOK_SECRET"']
    lines += [f"{k} = {v}" for k, v in filters.items()]
    return "\n".join(lines) + "\n"


def database(config: Config) -> Engine:
    return open_database(config.database.url)


def add_item(
    engine: Engine,
    *,
    guid: str,
    title: str,
    source: str = "news",
    summary: str = "",
    published: datetime = NOW,
    url: str | None = None,
) -> int:
    """Store an item as the poller would (pending analysis); return its id."""
    digest = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    with Session(engine) as session:
        item = Item(
            source=source,
            guid=guid,
            url=url or f"https://news.example/{guid}",
            title=title,
            summary=summary,
            published=published,
            content_hash=digest,
            first_seen=published,
            last_seen=published,
        )
        session.add(item)
        session.commit()
        assert item.id is not None
        return item.id


def edit_item(engine: Engine, item_id: int, *, title: str) -> None:
    """Change an item's text as the poller does when a feed edits it."""
    with Session(engine) as session:
        item = session.get(Item, item_id)
        assert item is not None
        item.title = title
        item.content_hash = hashlib.sha256(title.encode()).hexdigest()
        session.add(item)
        session.commit()


class ScriptedAnalyzer:
    """Stands in for monitor.classification.analyzer.Analyzer in unit tests: findings chosen per title."""

    def __init__(self, script: Mapping[str, Analysis]) -> None:
        self.script = script
        self.seen: list[str] = []

    def analyze(self, text: ItemText) -> Analysis:
        self.seen.append(text.title)
        return self.script.get(text.title, Analysis())


def finding(
    entity: str = "belavia",
    action: str = "lift",
    jurisdiction: str | None = "US",
    certainty: str = "confirmed",
    **kw: object,
) -> Analysis:
    """An Analysis with one event finding."""
    return Analysis(
        mentions=(entity,),
        events=(
            EventFinding(
                entity=entity,
                action=action,  # type: ignore[arg-type]
                jurisdiction=jurisdiction,
                certainty=certainty,
                **kw,
            ),
        ),
    )  # type: ignore[arg-type]


def sample_change(
    entity: str = "belavia",
    name: str = "Belavia",
    jurisdiction: str = "US",
    title: str = "US Treasury removes Belavia from sanctions list",
) -> Change:
    """A status change as the pipeline would build it."""
    return Change(
        kind="status",
        entity_key=entity,
        entity_name=name,
        jurisdiction=jurisdiction,
        action="lift",
        before="sanctioned",
        after="lifted",
        certainty="confirmed",
        effective_date=date(2025, 11, 4),
        scope="full",
        event_id=1,
        sources=2,
        evidence=(
            EvidenceRef(
                title=title,
                source="news",
                link="https://news.example/belavia",
                excerpt="The Treasury removed Belavia from the SDN list.",
                published="2025-11-04T10:00:00+00:00",
            ),
        ),
    )


def queue(engine: Engine, config: Config, changes: list[Change], now: datetime = NOW) -> list[str]:
    """Enqueue changes for the configured channels, committed; return the message ids."""
    with Session(engine) as session:
        messages = enqueue_changes(session, changes, config.alerts, now=now)
        ids = [m.id for m in messages]
        session.commit()
    return ids


class WebhookReceiver:
    """A route on the loopback server that verifies Standard Webhooks signatures.

    `status` sets the answer (change it to bring the receiver "up"); `accepted` keeps
    (webhook-id, document) for every verified request answered with 2xx.
    """

    def __init__(self, server: LoopbackServer, path: str = "/hook", status: int = 200) -> None:
        self.status = status
        self.accepted: list[tuple[str, dict[str, Any]]] = []
        self.rejected: list[str] = []
        self.url = server.url(path)
        server.route(path, self._handle)

    def _handle(self, request: Request) -> Response:
        try:
            doc = Webhook(SECRET).verify(request.body, request.headers)
        except WebhookVerificationError as exc:
            self.rejected.append(str(exc))
            return Response(401, b"bad signature")
        if 200 <= self.status < 300:
            self.accepted.append((request.headers["webhook-id"], doc))
        return Response(self.status, b"ok")


class MailSink:
    """An aiosmtpd handler that keeps every mail and can refuse recipients with a given reply."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.rcpt_reply: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.rcpt_reply is not None:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(BytesParser(policy=policy.default).parsebytes(envelope.content))  # type: ignore[arg-type]
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def smtp_server(**smtp_options: Any) -> Iterator[tuple[MailSink, int]]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), **smtp_options)
    controller.start()
    try:
        yield sink, controller.port
    finally:
        controller.stop()


def email_alert(name: str, port: int, **extra: str) -> str:
    lines = [
        f'[[alert]]\nname = "{name}"\nkind = "email"\nhost = "127.0.0.1"\nport = {port}\n'
        f'from = "monitor@example.org"\nto = ["analyst@example.org", "desk@example.org"]\ntimeout = "5s"'
    ]
    lines += [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def rss(items: Sequence[tuple[str, str, str, datetime]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, link, published) items."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<pubDate>{format_datetime(published, usegmt=True)}</pubDate></item>"
        for guid, title, link, published in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Loopback news</title>'
        f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


def feed_source(url: str, every: str = "5s") -> str:
    return f'[[source]]\nname = "loopback-news"\nkind = "feed"\nurl = "{url}"\nevery = "{every}"\nlang = "en"\n'


def monitor_command(config: Config, *args: str) -> list[str]:
    """The `monitor` console script of this venv, as a subprocess argv."""
    return [str(Path(sys.executable).parent / "monitor"), "--config", str(config.path), *args]
