"""The command line: every command documented; `run --once` and `sources` on a loopback feed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from monitor.cli import cli
from tests.support.paths import FIXTURES, ROOT
from tests.support.servers import LoopbackServer

FEEDS = FIXTURES / "feeds"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name: str) -> None:
    command = cli.commands[name]
    assert command.help and "Example:" in command.help, f"`monitor {name}` needs a docstring with an Example:"
    assert re.search(rf"\bmonitor (\S+ )*{re.escape(name)}\b", README), f"README.md never shows `monitor {name}`"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_main_help_lists_the_commands() -> None:
    output = CliRunner().invoke(cli, ["--help"]).output
    assert all(name in output for name in ("run", "sources", "check-config"))
    assert isinstance(cli, click.Group)


def _config(tmp_path: Path, sources: dict[str, str]) -> Path:
    tables = "".join(f'[[source]]\nname = "{n}"\nkind = "feed"\nurl = "{u}"\n' for n, u in sources.items())
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///monitor.db"\n[watchlist]\nfiles = ["{ROOT / "seeds/entities.toml"}"]\n'
        f'[http]\ntimeout = "2s"\n[daemon]\nparse_processes = 0\n{tables}',
        encoding="utf-8",
    )
    return path


def test_run_once_stores_items_and_sources_json_shows_them(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/rss", body=(FEEDS / "rss2.xml").read_bytes(), headers={"Content-Type": "application/rss+xml"})
    http_server.route(
        "/page", body=(FEEDS / "html_challenge_200.html").read_bytes(), headers={"Content-Type": "text/html"}
    )
    path = _config(tmp_path, {"news": http_server.url("/rss"), "blocked": http_server.url("/page")})
    run = CliRunner().invoke(cli, ["--config", str(path), "run", "--once"])
    assert run.exit_code == 0, run.output
    assert "polled 2 sources: 1 ok, 1 failed, 3 new items, 0 updated" in run.output
    shown = CliRunner().invoke(cli, ["--config", str(path), "sources", "--json"])
    rows = {row["name"]: row for row in json.loads(shown.output)}
    assert rows["news"]["items"] == 3 and rows["news"]["failures"] == 0 and rows["news"]["last_error"] is None
    assert rows["news"]["last_success"].endswith("Z") and rows["news"]["next_due"] > rows["news"]["last_success"]
    assert (
        rows["blocked"]["items"] == 0 and rows["blocked"]["failures"] == 1 and rows["blocked"]["last_success"] is None
    )
    assert rows["blocked"]["last_error"].startswith("got an HTML page titled 'Just a moment...'")
    table = CliRunner().invoke(cli, ["--config", str(path), "sources"]).output
    assert table.splitlines()[0].split()[:3] == ["NAME", "KIND", "LAST_SUCCESS"]
    assert any(line.startswith("blocked") and "got an HTML page" in line for line in table.splitlines())


def test_run_once_fails_when_every_source_fails(tmp_path: Path) -> None:
    path = _config(tmp_path, {"gone": "http://feeds.invalid/rss"})
    result = CliRunner().invoke(cli, ["--config", str(path), "run", "--once"])
    assert result.exit_code == 1 and "every source failed" in result.output and "Traceback" not in result.output


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "monitor", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "check-config" in result.stdout
