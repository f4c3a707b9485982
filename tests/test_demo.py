"""`monitor demo`: the sample feeds through the real daemon, served on loopback.

Also a guard on the analyzer: the sample items are ordinary news, and the demo must show the
confirmed US lift for Belavia (two sources, two languages), the Belaruskali talk only as a
signal, the EU package against Belarus, and nothing for the route and court-case items.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from monitor.cli import cli
from monitor.storage.db import open_database
from monitor.storage.models import EntityStatus, Event, Evidence, Item
from tests.support.servers import LoopbackServer, Request, Response


def _demo(*args: str) -> str:
    result = CliRunner().invoke(cli, ["demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _events(db: Path) -> dict[tuple[str, str, str | None, str], Event]:
    with Session(open_database(f"sqlite:///{db}")) as session:
        return {(e.entity, e.action, e.jurisdiction, e.certainty): e for e in session.exec(select(Event))}


def test_demo_shows_the_lift_the_signal_and_the_package_and_nothing_for_distractors(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    output = _demo("--db", str(db))
    events = _events(db)
    assert set(events) == {
        ("belavia", "lift", "US", "confirmed"),
        ("belaruskali", "lift", "US", "speculative"),
        ("belarus", "impose", "EU", "confirmed"),
    }
    belavia = events["belavia", "lift", "US", "confirmed"]
    assert belavia.source_count == 2 and belavia.reported == date(2025, 11, 4)  # first report, either order
    with Session(open_database(f"sqlite:///{db}")) as session:
        titles = {ev.title for ev in session.exec(select(Evidence))}
        assert len(session.exec(select(Item)).all()) == 9
        status = {(s.entity, s.jurisdiction): s.state for s in session.exec(select(EntityStatus))}
    assert not any("court" in t or "Абу-Даби" in t for t in titles)  # the distractors made no event
    assert status == {("belavia", "US"): "lifted", ("belarus", "EU"): "sanctioned"}
    for section in ("monitor sources", "monitor events", "monitor status", "monitor diff"):
        assert f"({section}) ==" in output
    assert (
        "Belavia: US sanctions lifted\n  Status: unknown -> lifted\n  Certainty: reported by 2 sources, not yet on OFAC SDN"
        in output
    )
    assert "Belaruskali: US may ease sanctions (speculative report)" in output
    assert "https://wire.example/2025/11/04/us-treasury-removes-belavia" in output
    assert "EU court dismisses Belaruskali challenge to sanctions" in output  # listed as an item


def test_demo_again_on_the_same_database_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    _demo("--db", str(db))
    before = _events(db)
    output = _demo("--db", str(db))
    assert {k: (e.id, e.source_count) for k, e in _events(db).items()} == {
        k: (e.id, e.source_count) for k, e in before.items()
    }
    assert "== What changed in this run: the alert text (monitor diff) ==\nno changes\n" in output


def test_demo_without_db_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    output = _demo()
    assert "(temporary)" in output and list(tmp_path.iterdir()) == []


def test_demo_delivers_each_change_to_the_webhook(http_server: LoopbackServer) -> None:
    received: list[dict[str, object]] = []

    def hook(request: Request) -> Response:
        received.append(json.loads(request.body))
        return Response(204)

    http_server.route("/hook", hook)
    output = _demo("--webhook", http_server.url("/hook"))
    changes = [c for doc in received for c in doc["changes"]]  # type: ignore[attr-defined]
    assert sorted((c["entity"]["key"], c["kind"], c["after"]) for c in changes) == [
        ("belarus", "status", "sanctioned"),
        ("belaruskali", "signal", "eased"),
        ("belavia", "status", "lifted"),
    ]
    assert "== Alerts (monitor alerts) ==" in output and output.count("delivered") == 3


def test_demo_rejects_a_webhook_that_is_not_http() -> None:
    result = CliRunner().invoke(cli, ["demo", "--webhook", "hooks.example.org/x"])
    assert result.exit_code == 1
    assert result.output == "Error: --webhook: expected an http:// or https:// URL, got 'hooks.example.org/x'\n"
