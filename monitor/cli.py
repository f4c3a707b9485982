"""The `monitor` command line. Each command parses options, calls one library function and
prints the result; a `MonitorError` becomes a one-line message and exit status 1."""

from __future__ import annotations

import functools
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


# --- config, sources, daemon (issue 2) -------------------------------------------------------


# --- analyze (issue 3) -----------------------------------------------------------------------


# --- status, diff, events, alerts (issue 4) --------------------------------------------------


# --- official lists (issue 5) ----------------------------------------------------------------
