"""monitor/lists/snapshots.py + monitor/polling/lists.py: each list kind polled from a real loopback server,
snapshots, diffs, conditional GET and the suspect-download cases."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from monitor.config import Config, load_config
from monitor.lists.snapshots import BASELINE, last_diff, list_overview
from monitor.polling.lists import companion_urls
from monitor.storage.db import open_database
from monitor.storage.models import Item, ListChange, ListEntryRow, ListPublication
from tests.support.paths import FIXTURES
from tests.support.polling import poll, serve_file
from tests.support.servers import LoopbackServer

LISTS = FIXTURES / "lists"
NOW = datetime(2025, 11, 4, 18, 0, tzinfo=UTC)

# kind, path served, format, fixture before, fixture after, ids (removed, added, changed)
KINDS = [
    ("ofac-sdn", "/SDN.XML", None, "sdn_before.xml", "sdn_after.xml", ("36001", "36011", "36006")),
    ("eu-fsf", "/eu.xml", None, "eu_before.xml", "eu_after.xml", ("130001", "130011", "130006")),
    ("uk-sanctions", "/uk.xml", None, "uk_before.xml", "uk_after.xml", ("BLR0001", "BLR0011", "IRN0006")),
    ("un-sc", "/consolidated.xml", None, "un_before.xml", "un_after.xml", ("6908001", "6908011", "6908006")),
]


def make_config(tmp_path: Path, sources: str, *, database_url: str | None = None) -> Config:
    path = tmp_path / "config.toml"
    url = database_url or f"sqlite:///{tmp_path / 'monitor.db'}"
    path.write_text(f'[database]\nurl = "{url}"\n{sources}', encoding="utf-8")
    return load_config(path)


def source_table(name: str, kind: str, url: str, fmt: str | None = None) -> str:
    return f'[[source]]\nname = "{name}"\nkind = "{kind}"\nurl = "{url}"\n' + (f'format = "{fmt}"\n' if fmt else "")


def count(engine: Engine, model: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model.__table__)).scalar_one())


def diff_rows(engine: Engine) -> int:
    """ListChange rows but the one `baseline` marker a first snapshot leaves for monitor.lists.events."""
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(ListChange.__table__).where(ListChange.__table__.c.change != BASELINE)
            ).scalar_one()
        )


@pytest.mark.parametrize("kind,path,fmt,before,after,ids", KINDS, ids=[k[0] for k in KINDS])
def test_each_list_kind_snapshots_and_diffs(
    tmp_path: Path,
    http_server: LoopbackServer,
    kind: str,
    path: str,
    fmt: str | None,
    before: str,
    after: str,
    ids: tuple[str, str, str],
    database_url: str,
) -> None:
    config = make_config(tmp_path, source_table("list", kind, http_server.url(path), fmt), database_url=database_url)
    engine = open_database(config.database.url)
    serve_file(http_server, path, before, '"v1"')
    assert poll(config, engine, "list").ok
    first = last_diff(engine, "list")
    assert first is not None and (first["baseline"], first["entries"], first["changes"]) == (True, 10, [])
    serve_file(http_server, path, after, '"v2"')
    assert poll(config, engine, "list", NOW + timedelta(hours=1)).ok
    diff = last_diff(engine, "list")
    assert diff is not None
    removed, added, changed = ids
    assert [(c["change"], c["entry_id"]) for c in diff["changes"]] == [
        ("added", added),
        ("removed", removed),
        ("changed", changed),
    ]
    assert (diff["added"], diff["removed"], diff["changed"], diff["baseline"]) == (1, 1, 1, False)
    assert diff["changes"][2]["fields"] and diff["changes"][2]["before"] != diff["changes"][2]["after"]
    assert diff["published"] in ("2025-11-04", None)


def test_ofac_csv_trio_from_one_folder(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/exports/SDN.CSV"), "csv"), database_url=database_url
    )
    engine = open_database(config.database.url)
    for folder, etag in (("csv_before", '"a"'), ("csv_after", '"b"')):
        for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV"):
            serve_file(http_server, f"/exports/{name}", f"{folder}/{name}", etag)
        assert poll(config, engine, "sdn").ok
    diff = last_diff(engine, "sdn")
    assert diff is not None
    assert [(c["change"], c["entry_id"], c["fields"]) for c in diff["changes"]] == [
        ("added", "36011", []),
        ("removed", "36001", []),
        ("changed", "36006", ["aliases", "programmes"]),
    ]


def test_ofac_csv_joins_sdn_comments_and_goes_on_without_it(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/exports/SDN.CSV"), "csv"), database_url=database_url
    )
    engine = open_database(config.database.url)
    for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"):
        serve_file(http_server, f"/exports/{name}", f"csv_comments/{name}", '"a"')
    first = poll(config, engine, "sdn")
    assert first.ok and first.error is None
    with Session(engine) as session:
        ids = json.loads(session.exec(sqlmodel_select(ListEntryRow.ids).where(ListEntryRow.entry_id == "36102")).one())
    assert "Passport 4005123456 (Russia)" in ids
    http_server.route("/exports/SDN_COMMENTS.CSV", status=404, body=b"not found")  # gone: a warning, not a failure
    serve_file(http_server, "/exports/SDN.CSV", "csv_comments/SDN.CSV", '"b"')
    second = poll(config, engine, "sdn", NOW + timedelta(hours=1))
    assert second.ok and "HTTP 404" in (second.error or "") and "SDN_COMMENTS.CSV not used" in (second.error or "")
    diff = last_diff(engine, "sdn")  # the cut remarks lose identifiers: shown as changes
    assert diff is not None and [c["entry_id"] for c in diff["changes"]] == ["36101", "36102", "36103"]
    assert len(http_server.hits("/exports/SDN_COMMENTS.CSV")) == 2
    for bad in (b"36101\r\n", b"<html><body>Not here</body></html>"):  # unreadable: a warning as well
        serve_file(http_server, "/exports/SDN_COMMENTS.CSV", bad, '"bad"')
        serve_file(http_server, "/exports/SDN.CSV", "csv_comments/SDN.CSV", f'"c{len(bad)}"')
        third = poll(config, engine, "sdn", NOW + timedelta(hours=2))
        assert third.ok and "SDN_COMMENTS.CSV" in (third.error or "") and "stay cut" in (third.error or "")


def test_companion_urls_keep_folder_and_case() -> None:
    assert companion_urls("https://x/exports/SDN.CSV") == ("https://x/exports/ALT.CSV", "https://x/exports/ADD.CSV")
    assert companion_urls("https://x/data/sdn.csv") == ("https://x/data/alt.csv", "https://x/data/add.csv")
    assert companion_urls("https://x/exports/") == ("https://x/exports/ALT.CSV", "https://x/exports/ADD.CSV")
    assert companion_urls("https://x/SDN.CSV?token=1") == ("https://x/ALT.CSV?token=1", "https://x/ADD.CSV?token=1")
    assert companion_urls("https://x/data/sdn.csv", ("SDN_COMMENTS.CSV",)) == ("https://x/data/sdn_comments.csv",)


def test_not_modified_and_same_content_store_nothing_new(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML")), database_url=database_url
    )
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v1"')
    poll(config, engine, "sdn")
    poll(config, engine, "sdn")  # 304
    assert http_server.hits("/SDN.XML")[-1].headers["if-none-match"] == '"v1"'
    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v2"')
    assert poll(config, engine, "sdn").ok  # 200, same entries
    assert count(engine, ListPublication) == 1


SUSPECT = [
    ("sdn_small.xml", "suspect download .* rejected: 6 entries is under 90% of the last good snapshot's 10"),
    ("sdn_record_count_mismatch.xml", "Record_Count 14 but holds 10"),
    ("sdn_truncated.xml", "not well-formed XML \\(truncated download\\?\\)"),
    ("html_challenge.html", "got an HTML page instead of the list"),
]


@pytest.mark.parametrize("fixture,reason", SUSPECT, ids=[s[0] for s in SUSPECT])
def test_suspect_download_is_a_source_error_and_keeps_the_last_good_snapshot(
    tmp_path: Path, http_server: LoopbackServer, fixture: str, reason: str, database_url: str
) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML")), database_url=database_url
    )
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v1"')
    assert poll(config, engine, "sdn").ok
    serve_file(http_server, "/SDN.XML", fixture, '"bad"')
    result = poll(config, engine, "sdn", NOW + timedelta(hours=1))
    assert not result.ok
    assert result.error is not None and re.search(reason, result.error)
    assert (count(engine, ListPublication), diff_rows(engine)) == (1, 0)
    [overview] = list_overview(engine, config)
    assert overview["entries"] == 10 and overview["last_error"] == result.error
    serve_file(http_server, "/SDN.XML", "sdn_after.xml", '"v2"')  # a good file again
    assert poll(config, engine, "sdn", NOW + timedelta(hours=2)).ok
    diff = last_diff(engine, "sdn")
    assert diff is not None and (diff["added"], diff["removed"], diff["changed"]) == (1, 1, 1)


def test_old_snapshots_lose_their_entries_but_keep_their_changes(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML")), database_url=database_url
    )
    engine = open_database(config.database.url)
    for i, fixture in enumerate(("sdn_before.xml", "sdn_after.xml", "sdn_before.xml")):
        serve_file(http_server, "/SDN.XML", fixture, f'"v{i}"')
        assert poll(config, engine, "sdn", NOW + timedelta(hours=i)).ok
    assert (count(engine, ListPublication), count(engine, ListEntryRow), diff_rows(engine)) == (3, 20, 6)


def test_recent_actions_page_becomes_items(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(tmp_path, source_table("ofac-actions", "ofac-actions", http_server.url("/recent-actions")))
    engine = open_database(config.database.url)
    http_server.route(
        "/recent-actions",
        body=(LISTS / "recent_actions.html").read_bytes(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    assert poll(config, engine, "ofac-actions").ok
    with Session(engine) as session:
        titles = session.exec(sqlmodel_select(Item.title).order_by(col(Item.id))).all()
    assert titles[0] == "Belarus-related Designations Removals; Counter Terrorism Designations"
    assert len(titles) == 3


def test_overview_lists_only_list_sources(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(
        tmp_path,
        source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML"))
        + source_table("news", "feed", http_server.url("/feed")),
    )
    engine = open_database(config.database.url)
    assert [(o["source"], o["entries"], o["last_error"]) for o in list_overview(engine, config)] == [
        ("sdn", None, None)
    ]
    assert last_diff(engine, "sdn") is None
    assert json.dumps(list_overview(engine, config))


def test_cli_lists_and_list_diff(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    from click.testing import CliRunner

    from monitor.cli import cli

    config = make_config(
        tmp_path,
        source_table("ofac-sdn", "ofac-sdn", http_server.url("/SDN.XML"))
        + source_table("news", "feed", http_server.url("/feed")),
        database_url=database_url,
    )
    engine = open_database(config.database.url)
    for i, fixture in enumerate(("sdn_before.xml", "sdn_after.xml")):
        serve_file(http_server, "/SDN.XML", fixture, f'"v{i}"')
        poll(config, engine, "ofac-sdn", NOW + timedelta(hours=i))
    runner = CliRunner()
    args = ["--config", str(config.path)]
    table = runner.invoke(cli, [*args, "lists"])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[1].split()[:7] == ["ofac-sdn", "ofac-sdn", "2025-11-04", "10", "1", "1", "1"]
    [row] = json.loads(runner.invoke(cli, [*args, "lists", "--json"]).output)
    assert (row["source"], row["entries"], row["added"]) == ("ofac-sdn", 10, 1)
    text = runner.invoke(cli, [*args, "list-diff", "ofac-sdn"]).output
    assert "+ 36011      SLAVKALI  [BELARUS-EO14038]" in text
    assert "- 36001      BELAVIA BELARUSIAN AIRLINES  [BELARUS-EO14038]" in text
    assert "~ 36006      SEA STAR SHIPPING  [IRAN; SDGT]  changed: aliases, programmes" in text
    doc = json.loads(runner.invoke(cli, [*args, "list-diff", "ofac-sdn", "--json"]).output)
    assert doc["changes"][2]["before"]["programmes"] == ["IRAN"]
    wrong = runner.invoke(cli, [*args, "list-diff", "news"])
    assert wrong.exit_code == 1 and "not an official list" in wrong.output and "Traceback" not in wrong.output
    missing = runner.invoke(cli, [*args, "list-diff", "nope"])
    assert missing.exit_code == 1 and "no [[source]] named 'nope'" in missing.output


def test_operator_can_accept_a_real_large_shrink(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML")) + "min_size_percent = 50\n"
    )
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v1"')
    poll(config, engine, "sdn")
    serve_file(http_server, "/SDN.XML", "sdn_small.xml", '"v2"')  # 6 of 10 entries
    assert poll(config, engine, "sdn", NOW + timedelta(hours=1)).ok
    diff = last_diff(engine, "sdn")
    assert diff is not None and (diff["entries"], diff["removed"]) == (6, 4)  # 36001, 36008-36010


def test_csv_cut_at_a_row_boundary_is_caught_by_its_size(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.CSV"), "csv"))
    engine = open_database(config.database.url)
    for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV"):
        serve_file(http_server, f"/{name}", f"csv_before/{name}", '"a"')
    assert poll(config, engine, "sdn").ok
    rows = (LISTS / "csv_after" / "SDN.CSV").read_bytes().split(b"\r\n")
    serve_file(http_server, "/SDN.CSV", b"\r\n".join(rows[:5]) + b"\r\n", '"cut"')  # whole rows only
    for name in ("ALT.CSV", "ADD.CSV"):
        serve_file(http_server, f"/{name}", f"csv_after/{name}", '"b"')
    result = poll(config, engine, "sdn", NOW + timedelta(hours=1))
    assert not result.ok and "5 entries is under 90% of the last good snapshot's 10" in (result.error or "")
    serve_file(http_server, "/SDN.CSV", "csv_truncated_SDN.CSV", '"cut2"')  # cut mid-row
    result = poll(config, engine, "sdn", NOW + timedelta(hours=2))
    assert not result.ok and "SDN.CSV: row 7 has 2 fields" in (result.error or "")
    assert diff_rows(engine) == 0


@pytest.mark.parametrize(
    "extra,message",
    [
        ("min_size_percent = 0\n", "min_size_percent must be 1 to 100"),
        (
            '[[watch]]\nname = "w"\nprogramme = "BLR"\nlists = ["nope"]\n',
            "lists names 'nope', which is not an official-list",
        ),
    ],
)
def test_config_checks_for_lists(tmp_path: Path, extra: str, message: str) -> None:
    from monitor.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        make_config(tmp_path, source_table("sdn", "ofac-sdn", "https://x/SDN.XML") + extra)


@pytest.mark.parametrize("kind,path,fmt,before,after,ids", KINDS, ids=[k[0] for k in KINDS])
def test_every_kind_rejects_html_and_cut_files(
    tmp_path: Path,
    http_server: LoopbackServer,
    kind: str,
    path: str,
    fmt: str | None,
    before: str,
    after: str,
    ids: tuple[str, str, str],
) -> None:
    config = make_config(tmp_path, source_table("list", kind, http_server.url(path), fmt))
    engine = open_database(config.database.url)
    serve_file(http_server, path, before, '"v1"')
    assert poll(config, engine, "list").ok
    body = (LISTS / after).read_bytes()
    for i, bad in enumerate(((LISTS / "html_challenge.html").read_bytes(), body[: len(body) * 2 // 3])):
        serve_file(http_server, path, bad, f'"bad{i}"')
        result = poll(config, engine, "list", NOW + timedelta(hours=i + 1))
        assert not result.ok and ("HTML page" in (result.error or "") or "truncated" in (result.error or ""))
    assert (count(engine, ListPublication), diff_rows(engine)) == (1, 0)


def test_a_nul_character_in_a_list_file_is_dropped_not_fatal(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    # PostgreSQL text cannot hold NUL, and the csv module passes it through
    config = make_config(
        tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/exports/SDN.CSV"), "csv"), database_url=database_url
    )
    engine = open_database(config.database.url)
    sdn = (LISTS / "csv_before" / "SDN.CSV").read_bytes().replace(b'"BELAVIA BELARUSIAN', b'"BELAVIA\x00 BELARUSIAN')
    serve_file(http_server, "/exports/SDN.CSV", sdn)
    for name in ("ALT.CSV", "ADD.CSV"):
        serve_file(http_server, f"/exports/{name}", f"csv_before/{name}")
    assert poll(config, engine, "sdn").ok
    with Session(engine) as session:
        names = session.exec(sqlmodel_select(ListEntryRow.name)).all()
    assert "BELAVIA BELARUSIAN AIRLINES" in names and not any("\x00" in n for n in names)
