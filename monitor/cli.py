"""The `monitor` command line. Each command parses options, calls one library function and
prints the result; an error it expects (`monitor.errors.USER_ERRORS`) becomes a one-line message and exit status 1."""

from __future__ import annotations

import functools
import io
import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import click

from monitor.config import Config, load_config
from monitor.errors import USER_ERRORS
from sanctions_monitor_sources.redact import RedactFilter, redact

__all__ = ["cli"]


def friendly_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an expected error into `Error: <one line>` and exit 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except USER_ERRORS as exc:
            raise click.ClickException(redact(str(exc))) from None

    return wrapper


def get_config(ctx: click.Context) -> Config:
    """The config chosen with --config or MONITOR_CONFIG, loaded once per invocation."""
    obj = ctx.ensure_object(dict)
    if "config" not in obj:
        try:
            obj["config"] = load_config(obj.get("config_path"))
        except USER_ERRORS as exc:
            raise click.ClickException(redact(str(exc))) from None
    return obj["config"]


@click.group()
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    envvar="MONITOR_CONFIG",
    help="Config file (default: $MONITOR_CONFIG, ./config.toml, ~/.config/sanctions-monitor/, "
    "/etc/sanctions-monitor/, else the bundled config).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """sanctions-monitor: alerts when sanctions on tracked entities are imposed or lifted."""
    ctx.ensure_object(dict)["config_path"] = config_path
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:  # no URL credentials or ?token= in any log line
        if not any(isinstance(f, RedactFilter) for f in handler.filters):
            handler.addFilter(RedactFilter())
    for chatty in ("alembic", "apscheduler", "httpx"):  # a line per migration step, job, request: only with -v
        logging.getLogger(chatty).setLevel(logging.DEBUG if verbose else logging.WARNING)


# --- config, sources, daemon -------------------------------------------------------


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
    click.echo(
        f"polled {len(results)} sources: {len(results) - len(failed)} ok, {len(failed)} failed, "
        f"{sum(r.stored.new for r in results)} new items, {sum(r.stored.updated for r in results)} updated"
    )
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
    from monitor.reports.sources import format_sources, source_report

    report = source_report(get_config(ctx))
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_sources(report))


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--force", is_flag=True, help="Overwrite config.toml and watchlist.toml if they exist.")
@friendly_errors
def init(folder: Path, force: bool) -> None:
    """Write a commented starter config.toml and watchlist.toml into FOLDER (default: here).

    The config is the bundled one, pointed at the new watchlist; the database goes to the
    state folder (~/.local/state/sanctions-monitor, or $STATE_DIRECTORY under systemd).

    Example:

        monitor init ~/.config/sanctions-monitor
    """
    from monitor.starter import write_starter

    written = write_starter(folder, force=force)
    click.echo("wrote " + " and ".join(str(p) for p in written))
    click.echo(f"next: monitor --config {written[0]} check-config")


@cli.group()
def watchlist() -> None:
    """Build watchlist entries from OpenSanctions/FollowTheMoney data or the official lists.

    Each subcommand prints watchlist TOML, or with -o merges it into a file, keeping what you
    edited by hand there (see docs/configuration.md).

    Example:

        monitor watchlist import opensanctions.json --topic sanction -o watchlist.toml
    """


def _write_entries(entries: list[Any], output: Path | None) -> None:
    from monitor.importing import merge_watchlist

    before = output.read_text(encoding="utf-8") if output is not None and output.exists() else ""
    text, added, updated = merge_watchlist(before, entries)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror}") from None
    click.echo(f"{output}: {added} entities added, {updated} updated, {len(entries) - added - updated} unchanged")


@watchlist.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Merge into this watchlist file (default: print TOML).",
)
@click.option("--schema", "schemata", multiple=True, help="Only these FtM schemata (Person, Company, Vessel, ...).")
@click.option("--dataset", "datasets", multiple=True, help="Only entities in these datasets (us_ofac_sdn, ...).")
@click.option("--topic", "topics", multiple=True, help="Only entities with these topics (sanction, ...).")
@click.option("--id", "ids", multiple=True, help="Only these entity ids or referents.")
@click.option("--weak-aliases", is_flag=True, help="Also take weakAlias (short nicknames; they match more).")
@friendly_errors
def watchlist_import(
    file: Path,
    output: Path | None,
    schemata: tuple[str, ...],
    datasets: tuple[str, ...],
    topics: tuple[str, ...],
    ids: tuple[str, ...],
    weak_aliases: bool,
) -> None:
    """Read FollowTheMoney entities (JSON lines, as OpenSanctions and yente export them).

    Example:

        monitor watchlist import entities.ftm.json --schema Company --dataset us_ofac_sdn
    """
    from monitor.importing import FtmFilter, entries_from_ftm, read_ftm

    with file.open(encoding="utf-8") as lines:
        entities = read_ftm(lines, str(file))
    only = FtmFilter(frozenset(schemata), frozenset(datasets), frozenset(topics), frozenset(ids))
    _write_entries(entries_from_ftm(entities, only, weak_aliases=weak_aliases), output)


@watchlist.command("add")
@click.option("--from", "source", required=True, help="An official-list [[source]] name (ofac-sdn, eu-fsf, ...).")
@click.option("--id", "entry_id", required=True, help="The entry's id on that list (OFAC ent_num, EU logicalId, ...).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Merge into this watchlist file (default: print TOML).",
)
@click.pass_context
@friendly_errors
def watchlist_add(ctx: click.Context, source: str, entry_id: str, output: Path | None) -> None:
    """An entry from the stored snapshot of an official list: name, aliases, country, the id.

    Example:

        monitor watchlist add --from ofac-sdn --id 44541 -o watchlist.toml
    """
    from monitor.importing import entry_from_list
    from monitor.storage.db import open_database
    from monitor.vocabulary import LIST_KINDS

    config = get_config(ctx)
    kind = config.source(source).kind
    if kind not in LIST_KINDS:
        raise click.ClickException(f"source {source!r} is a {kind}, not an official list")
    engine = open_database(config.database.url)
    try:
        entry = entry_from_list(engine, source, kind, entry_id)
    finally:
        engine.dispose()
    _write_entries([entry], output)


@cli.command("check-config")
@click.pass_context
@friendly_errors
def check_config(ctx: click.Context) -> None:
    """Validate the config: keys, types, durations, watchlist files, `*_env` secrets and the
    database (URL, driver, folder writable). Prints every problem, one line each.

    Example:

        monitor --config /etc/sanctions-monitor/config.toml check-config
    """
    from monitor.daemon import preflight_problems

    config = get_config(ctx)
    problems = preflight_problems(config)
    if problems:
        raise click.ClickException("\n".join(problems))
    click.echo(f"{config.path}: OK ({len(config.sources)} sources, {len(config.alerts)} alerts)")


@cli.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the demo's SQLite database here (default: a temporary one, deleted after).",
)
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


# --- analyze -----------------------------------------------------------------------


@cli.command("analyze")
@click.option(
    "--entities",
    "entity_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Watchlist file(s) to use instead of the configured watchlist (repeatable).",
)
@click.option(
    "--list-names",
    "list_names",
    is_flag=True,
    help="Also match each entity by the names of the official list entries its ids point at "
    "(from the stored snapshots of the configured database).",
)
@click.pass_context
@friendly_errors
def analyze_command(ctx: click.Context, entity_files: tuple[Path, ...], list_names: bool) -> None:
    """Read JSON Lines items on stdin; print mentions and sanctions events, one line per item.

    Each input line is {"id", "title", "summary", "published"?, "lang"?, "link"?}; a bad line
    gives {"id", "error"} and the others go on.

    Example:

        echo '{"id": 1, "title": "US lifts sanctions on Belavia"}' | monitor analyze
    """
    from monitor.classification.analyzer import analyze_lines, load_analyzer

    files = entity_files or get_config(ctx).watchlist.files
    if list_names:
        from monitor.classification.analyzer import Analyzer
        from monitor.importing import add_list_names
        from monitor.matching.match import build_matcher
        from monitor.matching.watchlist import load_watchlist

        entities = add_list_names(load_watchlist(files), get_config(ctx))
        analyzer = Analyzer(entities, build_matcher(entities))
    else:
        analyzer = load_analyzer(files)
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")  # whatever the locale
    out = sys.stdout.buffer
    for result in analyze_lines(lines, analyzer):
        out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()


@watchlist.command("show")
@click.argument("key", required=False)
@click.option(
    "--entities",
    "entity_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Watchlist file(s) to use instead of the configured watchlist (repeatable).",
)
@click.option(
    "--lists/--no-lists",
    "use_lists",
    default=True,
    help="Add the names of the official list entries that an entity's ids point at (default: on).",
)
@click.option("--text", "sample", metavar="TEXT", help="Also show which names match in this sample text, and where.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
@friendly_errors
def watchlist_show(
    ctx: click.Context,
    key: str | None,
    entity_files: tuple[Path, ...],
    use_lists: bool,
    sample: str | None,
    as_json: bool,
) -> None:
    """Show the names each watchlist entity (or KEY) is matched by: its own, those of the
    official list entries its ids point at (from the stored snapshots), and the forms the
    matcher derives; with --text, which of them match a sample and where.

    Example:

        monitor watchlist show lukashenko --text "Лукашэнку ўвялі санкцыі"
    """
    from monitor.matching.match import build_matcher
    from monitor.matching.name_index import matched_names
    from monitor.matching.watchlist import load_watchlist

    config = None if entity_files and not use_lists else get_config(ctx)
    files = entity_files or (config.watchlist.files if config is not None else ())
    entities = load_watchlist(files)
    own = {e.key: {e.name, *e.aliases} for e in entities}
    if use_lists and config is not None:
        from monitor.importing import add_list_names

        entities = add_list_names(entities, config)
    if key is not None:
        entities = tuple(e for e in entities if e.key == key)
        if not entities:
            raise click.ClickException(f"no entity with key {key!r} in {', '.join(map(str, files))}")
    matches = build_matcher(entities).find(sample) if sample else []
    rows: list[dict[str, Any]] = [
        {
            "key": e.key,
            "kind": e.kind,
            "names": [
                {"name": n, "from": "watchlist" if n in own[e.key] else "list" if n in e.aliases else "matcher"}
                for n in matched_names(e)
            ],
            "matches": [
                {"surface": m.surface, "start": m.start, "end": m.end, "by": m.alias} for m in matches if m.key == e.key
            ],
        }
        for e in entities
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['key']} ({row['kind']})")
        for name in row["names"]:
            click.echo(f"    {name['name']}" + ("" if name["from"] == "watchlist" else f"    [{name['from']}]"))
        if sample is not None:
            found = row["matches"]
            click.echo(
                "  in the text: "
                + (
                    "; ".join(f"{m['surface']!r} at {m['start']}-{m['end']} (as {m['by']!r})" for m in found)
                    if found
                    else "no match"
                )
            )


# --- status, diff, events, alerts --------------------------------------------------


def _now() -> Any:
    from datetime import datetime

    return datetime.now(UTC)


def _since_option(default: str | None) -> Callable[..., Any]:
    """`--since 7d` or `--since 2025-11-01`, parsed into a UTC datetime."""

    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
        from monitor.reports.history import parse_since

        try:
            return None if value is None else parse_since(value, _now())
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option(
        "--since",
        default=default,
        callback=parse,
        show_default=True,
        help="How far back: a duration (7d, 12h) or a date (2025-11-01).",
    )


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
    from monitor.reports.history import format_status, status_report

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
    from monitor.reports.history import diff_report, format_diff

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
    from monitor.reports.history import events_report, format_events

    _echo(events_report(get_config(ctx), since=since, entity=entity, now=_now()), as_json, format_events)


@cli.group(invoke_without_command=True)
@click.option("--failed", is_flag=True, help="Only alerts that failed for good.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly_errors
def alerts(ctx: click.Context, failed: bool, as_json: bool) -> None:
    """List queued, delivered and failed alerts with attempts and the last error.

    Example:

        monitor alerts --failed
    """
    if ctx.invoked_subcommand is not None:
        return
    from monitor.reports.history import alerts_report, format_alerts

    _echo(alerts_report(get_config(ctx), failed=failed), as_json, format_alerts)


@alerts.command("retry")
@click.option("--channel", metavar="NAME", help="Only this alert channel.")
@click.option(
    "--failed-since",
    "failed_since",
    metavar="WHEN",
    callback=lambda c, p, v: _since_value(v),
    help="Only alerts whose last attempt was this recent: a duration (2h, 7d) or a date.",
)
@click.pass_context
@friendly_errors
def alerts_retry(ctx: click.Context, channel: str | None, failed_since: Any) -> None:
    """Re-queue alerts that failed for good (an SMTP 535 after a password change, a 404 while a
    receiver moved): they are sent again, with the same id, by the running daemon or the next run.

    Example:

        monitor alerts retry --channel desk-mail --failed-since 1d
    """
    from monitor.delivery.outbox import retry_failed
    from monitor.storage.db import open_database

    config = get_config(ctx)
    if channel is not None and channel not in {a.name for a in config.alerts}:
        raise click.BadParameter(f"no [[alert]] named {channel!r} in {config.path}", param_hint="--channel")
    engine = open_database(config.database.url)
    try:
        ids = retry_failed(engine, now=_now(), channel=channel, failed_since=failed_since)
    finally:
        engine.dispose()
    click.echo(f"re-queued {len(ids)} failed alert{'s' if len(ids) != 1 else ''}")


def _since_value(value: str | None) -> Any:
    from monitor.reports.history import parse_since

    try:
        return None if value is None else parse_since(value, _now())
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command("test-alert")
@click.argument("name")
@click.pass_context
@friendly_errors
def test_alert(ctx: click.Context, name: str) -> None:
    """Send a sample change through the alert channel NAME now (not queued).

    Example:

        monitor test-alert ops-webhook
    """
    from monitor.delivery.outbox import send_test_alert

    message_id = send_test_alert(get_config(ctx), name, now=_now())
    click.echo(f"sent a test alert through {name!r} (id {message_id})")


# --- official lists ----------------------------------------------------------------


@cli.group("lists", invoke_without_command=True)
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
    if ctx.invoked_subcommand is not None:
        return
    from monitor.reports.lists import format_lists, lists_report

    rows = lists_report(get_config(ctx))
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_lists(rows))


@lists_command.command("accept")
@click.argument("source")
@click.pass_context
@friendly_errors
def lists_accept(ctx: click.Context, source: str) -> None:
    """Accept the publication of SOURCE held as suspect (too many removals, or an undated one
    that removes tracked entities): its changes become events and alerts in the next round.

    Example:

        monitor lists accept ofac-sdn
    """
    from monitor.lists.snapshots import accept_held
    from monitor.storage.db import open_database

    config = get_config(ctx)
    config.source(source)
    engine = open_database(config.database.url)
    try:
        done = accept_held(engine, source, now=_now())
    finally:
        engine.dispose()
    click.echo(
        f"accepted the held publication of {source} ({done['published'] or 'undated'}, {done['entries']} "
        f"entries): {done['added']} added, {done['removed']} removed, {done['changed']} changed"
    )


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
    from monitor.reports.lists import format_list_diff, list_diff_report

    report = list_diff_report(get_config(ctx), source)
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_list_diff(report))
