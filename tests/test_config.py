"""monitor/config.py: every mistake is one line naming the file, the key and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import check_ready, load_config, parse_duration
from monitor.errors import ConfigError
from tests.support.paths import ROOT

WATCHLIST = ROOT / "seeds" / "entities.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[watchlist]\nfiles = ["{WATCHLIST}"]\n{text}', encoding="utf-8")
    return path


def check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(path), "check-config"])
    return result.exit_code, result.output


def test_bundled_config_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    config = load_config(ROOT / "config.toml")
    # no [database] url: the database lives in the state folder, never next to the config
    assert config.database.url == f"sqlite:///{tmp_path / 'state' / 'sanctions-monitor' / 'monitor.db'}"
    feeds = [s for s in config.sources if s.kind == "feed"]
    assert len(feeds) >= 20 and all(s.url and s.url.startswith("https://") for s in feeds)
    assert {s.lang for s in feeds} >= {"en", "ru", "be", "uk", "pl", "lt"}
    check_ready(config)


def test_every_key_is_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            """
[database]
url = "sqlite:///db/m.db"
[http]
timeout = "5s"
deadline = "1m"
max_bytes = 1000
max_redirects = 2
per_host = 1
user_agent = "ua"
[daemon]
concurrency = 3
parse_processes = 0
max_backoff = "2h"
deliver_every = "10s"
[[source]]
name = "a"
kind = "feed"
url = "https://a.example/rss"
every = "1h"
enabled = false
lang = "ru"
max_bytes = 5
headers = { "Accept-Language" = "ru", "X-Token" = "t" }
""",
        )
    )
    assert config.database.url == f"sqlite:///{tmp_path / 'db' / 'm.db'}"
    assert (config.http.timeout, config.http.deadline, config.http.per_host) == (5.0, 60.0, 1)
    assert (config.daemon.parse_processes, config.daemon.max_backoff, config.daemon.deliver_every) == (0, 7200.0, 10.0)
    source = config.source("a")
    assert (source.every, source.enabled, source.lang, source.max_bytes) == (3600.0, False, "ru", 5)
    assert source.headers == {"Accept-Language": "ru", "X-Token": "t"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[http]\ntimeot = "5s"\n', "[http]: unknown key 'timeot' (did you mean 'timeout'?)"),
        ("[htp]\n", "unknown key 'htp' (did you mean 'http'?)"),
        ('[daemon]\nconcurrency = "many"\n', "[daemon]: concurrency: expected a whole number, got 'many'"),
        ('[http]\ntimeout = "soon"\n', "[http]: timeout: expected a duration like"),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://a.example/"\nevery = "5 minutes"\n',
            "[[source]] #1 ('a'): every: expected a duration",
        ),
        ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://a.example/"\n', "[[source]] 'a': kind is 'rss'"),
        ('[[source]]\nname = "a"\nkind = "feed"\n', "[[source]] 'a': url is required"),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://a.example/"\nheaders = "x"\n',
            "[[source]] #1 ('a'): headers: expected a table",
        ),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://a/"\n[[source]]\nname = "a"\nkind = "feed"\n'
            'url = "https://b/"\n',
            "name 'a' is used twice",
        ),
        ("[http]\nper_host = 0\n", "must be positive"),
        ("this is = not toml", "not valid TOML"),
    ],
)
def test_config_error_names_file_key_and_reason(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    code, output = check(path)
    assert code == 1 and output.startswith("Error: ") and message in output
    assert "Traceback" not in output and output.count("\n") == 1


def test_missing_env_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOOK_SECRET_FOR_TEST", raising=False)
    path = write(
        tmp_path,
        '[[alert]]\nname = "hook"\nkind = "webhook"\nurl = "https://h.example/"\nsecret_env = "HOOK_SECRET_FOR_TEST"\n',
    )
    code, output = check(path)
    assert code == 1 and str(path) in output and "'hook': secret_env" in output
    assert "environment variable HOOK_SECRET_FOR_TEST is not set" in output and "Traceback" not in output
    monkeypatch.setenv("HOOK_SECRET_FOR_TEST", "whsec_dGVzdA==")
    assert check(path) == (0, f"{path.resolve()}: OK (0 sources, 1 alerts)\n")


def test_missing_watchlist_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[watchlist]\nfiles = ["nowhere.toml"]\n', encoding="utf-8")
    code, output = check(path)
    assert code == 1 and f"[watchlist] files[0]: {tmp_path / 'nowhere.toml'} does not exist" in output


def test_missing_config_file(tmp_path: Path) -> None:
    code, output = check(tmp_path / "absent.toml")
    assert code == 1 and "absent.toml: config file not found" in output


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("20s", 20), ("1.5h", 5400), ("7d", 604800), (30, 30), ("250ms", 0.25)]
)
def test_parse_duration(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "-5", True, "5 minutes", -1])
def test_parse_duration_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
