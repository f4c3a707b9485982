"""The `monitor` command line. Each command parses options, calls one library function and
prints the result; a `MonitorError` becomes a one-line message and exit status 1."""

from __future__ import annotations

import functools
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from monitor.config import Config, load_config
from monitor.errors import MonitorError

__all__ = ["cli"]


def friendly_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a MonitorError into `Error: <one line>` and exit 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def get_config(ctx: click.Context) -> Config:
    """The config chosen with --config or MONITOR_CONFIG, loaded once per invocation."""
    obj = ctx.ensure_object(dict)
    if "config" not in obj:
        try:
            obj["config"] = load_config(obj.get("config_path"))
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from None
    return obj["config"]


@click.group()
@click.option("--config", "config_path", type=click.Path(path_type=Path), envvar="MONITOR_CONFIG",
              help="Config file (default: the bundled config.toml; env MONITOR_CONFIG).")
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """sanctions-monitor: alerts when sanctions on tracked entities are imposed or lifted."""
    ctx.ensure_object(dict)["config_path"] = config_path
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("alembic", "apscheduler", "httpx"):  # a line per migration step, job, request: only with -v
        logging.getLogger(chatty).setLevel(logging.DEBUG if verbose else logging.WARNING)


# --- config, sources, daemon (issue 2) -------------------------------------------------------

@cli.command()
@click.option("--once", is_flag=True, help="Poll every enabled source once, process, and exit.")
@click.pass_context
@friendly_errors
def run(ctx: click.Context, once: bool) -> None:
    """Run the daemon in the foreground (logs to stderr; stop with Ctrl-C or SIGTERM).

    With --once, exit status is 1 when every source failed.

    Example:

        monitor run --once
    """
    import asyncio

    from monitor.daemon import run_daemon, run_once

    config = get_config(ctx)
    if not once:
        asyncio.run(run_daemon(config))
        return
    results = asyncio.run(run_once(config))
    failed = [r for r in results if not r.ok]
    click.echo(f"polled {len(results)} sources: {len(results) - len(failed)} ok, {len(failed)} failed, "
               f"{sum(r.stored.new for r in results)} new items, {sum(r.stored.updated for r in results)} updated")
    if results and len(failed) == len(results):
        raise click.ClickException("every source failed; see `monitor sources`")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def sources(ctx: click.Context, as_json: bool) -> None:
    """Show each configured source: last success, last error, failures, items stored, next due.

    Example:

        monitor sources --json
    """
    from monitor.report import format_sources, source_report

    report = source_report(get_config(ctx))
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_sources(report))


@cli.command("check-config")
@click.pass_context
@friendly_errors
def check_config(ctx: click.Context) -> None:
    """Validate the config: keys, types, durations, watchlist files and `*_env` secrets.

    Example:

        monitor --config /etc/sanctions-monitor/config.toml check-config
    """
    from monitor.daemon import preflight

    config = get_config(ctx)
    preflight(config)
    click.echo(f"{config.path}: OK ({len(config.sources)} sources, {len(config.alerts)} alerts)")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Keep the demo's SQLite database here (default: a temporary one, deleted after).")
@click.option("--webhook", metavar="URL", help="Also deliver the alerts, unsigned, to this webhook URL.")
@friendly_errors
def demo(db: Path | None, webhook: str | None) -> None:
    """Run the whole service once, offline, on the sample feeds of seeds/demo/ and show the result.

    The feeds are served on 127.0.0.1; no config or internet is needed (--config is ignored).

    Example:

        monitor demo
    """
    from monitor.demo import run_demo

    click.echo(run_demo(db, webhook=webhook))


# --- analyze (issue 3) -----------------------------------------------------------------------

@cli.command("analyze")
@click.option("--entities", "entity_files", multiple=True, type=click.Path(path_type=Path),
              help="Watchlist file(s) to use instead of the configured watchlist (repeatable).")
@click.option("--list-names", "list_names", is_flag=True,
              help="Also match each entity by the names of the official list entries its ids point at "
                   "(from the stored snapshots of the configured database).")
@click.pass_context
@friendly_errors
def analyze_command(ctx: click.Context, entity_files: tuple[Path, ...], list_names: bool) -> None:
    """Read JSON Lines items on stdin; print mentions and sanctions events, one line per item.

    Each input line is {"id", "title", "summary", "published"?, "lang"?, "link"?}; a bad line
    gives {"id", "error"} and the others go on.

    Example:

        echo '{"id": 1, "title": "US lifts sanctions on Belavia"}' | monitor analyze
    """
    from monitor.analyze import analyze_lines, load_analyzer

    files = entity_files or get_config(ctx).watchlist.files
    if list_names:
        from monitor.analyze import Analyzer
        from monitor.match import build_matcher
        from monitor.watchlist import load_watchlist, with_list_names

        entities = with_list_names(load_watchlist(files), _stored_list_names(get_config(ctx)))
        analyzer = Analyzer(entities, build_matcher(entities))
    else:
        analyzer = load_analyzer(files)
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")  # whatever the locale
    out = sys.stdout.buffer
    for result in analyze_lines(lines, analyzer):
        out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()


def _stored_list_names(config: Config) -> dict[str, dict[str, tuple[str, ...]]]:
    """Id key (ofac, eu, uk, un) → entry id → the entry's names, from the last good snapshot of
    every configured official list (empty when none was polled yet)."""
    from sqlmodel import select

    from monitor.config import LIST_KINDS
    from monitor.db import open_database
    from monitor.listevents import ID_KEYS
    from monitor.lists import load_entries
    from monitor.models import ListPublication

    found: dict[str, dict[str, tuple[str, ...]]] = {}
    engine = open_database(config.database.url)
    try:
        with engine.connect() as conn:
            for source in config.sources:
                if source.kind not in LIST_KINDS:
                    continue
                table = ListPublication.__table__
                last = conn.execute(select(table).where(table.c.source == source.name)
                                    .order_by(table.c.id.desc()).limit(1)).first()
                if last is None:
                    continue
                names = found.setdefault(ID_KEYS[source.kind], {})
                for entry in load_entries(conn, last.id, source.kind):
                    names[entry.entry_id] = (entry.name, *entry.aliases)
    finally:
        engine.dispose()
    return found


@cli.command("watchlist")
@click.option("--entities", "entity_files", multiple=True, type=click.Path(path_type=Path),
              help="Watchlist file(s) to use instead of the configured watchlist (repeatable).")
@click.option("--lists/--no-lists", "use_lists", default=True,
              help="Add the names of the official list entries that an entity's ids point at (default: on).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
@friendly_errors
def watchlist_command(ctx: click.Context, entity_files: tuple[Path, ...], use_lists: bool, as_json: bool) -> None:
    """Show the names each watchlist entity is matched by: its own, those of the official list
    entries its ids point at (from the stored snapshots), and the forms the matcher derives.

    Example:

        monitor watchlist --json
    """
    from monitor.name_index import matched_names
    from monitor.watchlist import load_watchlist, with_list_names

    config = None if entity_files and not use_lists else get_config(ctx)
    entities = load_watchlist(entity_files or config.watchlist.files)
    own = {e.key: {e.name, *e.aliases} for e in entities}
    if use_lists and config is not None:
        entities = with_list_names(entities, _stored_list_names(config))
    rows = [{"key": e.key, "kind": e.kind, "names": [
        {"name": n, "from": "watchlist" if n in own[e.key] else "list" if n in e.aliases else "matcher"}
        for n in matched_names(e)]} for e in entities]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['key']} ({row['kind']})")
        for name in row["names"]:
            click.echo(f"    {name['name']}" + ("" if name["from"] == "watchlist" else f"    [{name['from']}]"))


# --- status, diff, events, alerts (issue 4) --------------------------------------------------

def _now() -> Any:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def _since_option(default: str | None) -> Callable[..., Any]:
    """`--since 7d` or `--since 2025-11-01`, parsed into a UTC datetime."""

    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
        from monitor.history import parse_since

        try:
            return None if value is None else parse_since(value, _now())
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option("--since", default=default, callback=parse, show_default=True,
                        help="How far back: a duration (7d, 12h) or a date (2025-11-01).")


def _echo(data: Any, as_json: bool, formatter: Callable[[Any], str]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else formatter(data))


@cli.command()
@click.argument("entity", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def status(ctx: click.Context, entity: str | None, as_json: bool) -> None:
    """Show each entity's sanctions status per jurisdiction; with ENTITY, also its timeline.

    Example:

        monitor status belavia
    """
    from monitor.history import format_status, status_report

    _echo(status_report(get_config(ctx), entity, now=_now()), as_json, format_status)


@cli.command()
@_since_option("7d")
@click.option("--json", "as_json", is_flag=True, help="Print the change documents as JSON.")
@click.pass_context
@friendly_errors
def diff(ctx: click.Context, since: Any, as_json: bool) -> None:
    """Show status changes, new signals and list confirmations recorded since a time.

    Example:

        monitor diff --since 30d --json
    """
    from monitor.history import diff_report, format_diff

    _echo(diff_report(get_config(ctx), since=since), as_json, format_diff)


@cli.command()
@_since_option(None)
@click.option("--entity", help="Only this entity (watchlist key).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def events(ctx: click.Context, since: Any, entity: str | None, as_json: bool) -> None:
    """List recorded events with their sources and whether a list confirmed them.

    Example:

        monitor events --since 30d --entity belavia
    """
    from monitor.history import events_report, format_events

    _echo(events_report(get_config(ctx), since=since, entity=entity, now=_now()), as_json, format_events)


@cli.command()
@click.option("--failed", is_flag=True, help="Only alerts that failed for good.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def alerts(ctx: click.Context, failed: bool, as_json: bool) -> None:
    """List queued, delivered and failed alerts with attempts and the last error.

    Example:

        monitor alerts --failed
    """
    from monitor.history import alerts_report, format_alerts

    _echo(alerts_report(get_config(ctx), failed=failed), as_json, format_alerts)


@cli.command("test-alert")
@click.argument("name")
@click.pass_context
@friendly_errors
def test_alert(ctx: click.Context, name: str) -> None:
    """Send a sample change through the alert channel NAME now (not queued).

    Example:

        monitor test-alert ops-webhook
    """
    from monitor.outbox import send_test_alert

    message_id = send_test_alert(get_config(ctx), name, now=_now())
    click.echo(f"sent a test alert through {name!r} (id {message_id})")



# --- official lists (issue 5) ----------------------------------------------------------------

@cli.command("lists")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def lists_command(ctx: click.Context, as_json: bool) -> None:
    """Show each official list source: last publication, entries, last diff counts, last error.

    A suspect download (an HTML page, a cut file, a Record_Count mismatch, under 90% of the last
    snapshot) shows in LAST_ERROR while the last good snapshot stays in place.

    Example:

        monitor lists --json
    """
    from monitor.listreport import format_lists, lists_report

    rows = lists_report(get_config(ctx))
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_lists(rows))


@cli.command("list-diff")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with each entry before and after.")
@click.pass_context
@friendly_errors
def list_diff_command(ctx: click.Context, source: str, as_json: bool) -> None:
    """Show the last diff of official list SOURCE: every entry added, removed or changed.

    Example:

        monitor list-diff ofac-sdn
    """
    from monitor.listreport import format_list_diff, list_diff_report

    report = list_diff_report(get_config(ctx), source)
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_list_diff(report))
