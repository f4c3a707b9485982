"""Secrets stay out of errors, logs, `last_error` and `check-config`.

One pure function, `sources.redact.redact`, masks URL credentials and `?token=`-like values; it
is applied where fetch and delivery errors are formatted, to `last_error` of sources and
messages, to CLI error lines and (as a logging filter) to every log line.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session

from monitor.cli import cli
from monitor.config import webhook_secret_problem
from monitor.delivery.outbox import deliver_due
from monitor.storage.models import OutboxMessage
from sanctions_monitor_sources.redact import RedactFilter, redact
from tests.support.alerting import NOW, database, queue, sample_change, webhook_alert, write_config
from tests.support.paths import ROOT
from tests.support.servers import LoopbackServer

WATCHLIST = ROOT / "seeds" / "entities.toml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "webhook a: https://user:pa:ss@hooks.example/x?token=abc&b=1: answered 500",
            "webhook a: https://***@hooks.example/x?token=***&b=1: answered 500",
        ),
        ("http://h.example/p?x=1&api_key=zz#frag", "http://h.example/p?x=1&api_key=***#frag"),
        (
            "http://h.example/p?access_token=a&sig=b&X-Amz-Signature=c&key=",
            "http://h.example/p?access_token=***&sig=***&X-Amz-Signature=***&key=",
        ),
        ("http://h.example/a?keyword=z&monkey=1&my_token=q", "http://h.example/a?keyword=z&monkey=1&my_token=***"),
        ("fetching http://[::1]:80/a?Token=1.", "fetching http://[::1]:80/a?Token=***."),
        ("refused redirect to 'http://u@10.0.0.1/'", "refused redirect to 'http://***@10.0.0.1/'"),
        ("postgresql+psycopg://monitor:hunter2@db.example/monitor", "postgresql+psycopg://***@db.example/monitor"),
        ("no url here, token=abc", "no url here, token=abc"),
        ("https://plain.example/feed.xml", "https://plain.example/feed.xml"),
        ("(see https://u:p@h.example.)", "(see https://***@h.example.)"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert redact(expected) == expected  # idempotent


def test_log_filter_redacts_formatted_messages() -> None:
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        'HTTP Request: POST %s "%s"',
        ("https://hooks.example/in?token=abc", "HTTP/1.1 200 OK"),
        None,
    )
    assert (
        RedactFilter().filter(record)
        and record.getMessage() == 'HTTP Request: POST https://hooks.example/in?token=*** "HTTP/1.1 200 OK"'
    )


def _last_error(engine, message_id: str) -> str:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None and row.last_error is not None
        return row.last_error


def test_webhook_errors_and_last_error_hide_credentials(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.support.alerting import SECRET

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    http_server.route("/hook", status=500)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    url = f"http://bot:p4ss@127.0.0.1:{http_server.port}/hook?token=t0ken&v=2"
    down = f"http://bot:p4ss@127.0.0.1:{dead}/hook?token=t0ken"
    config = write_config(tmp_path, webhook_alert("up", url) + webhook_alert("down", down))
    engine = database(config)
    first, second = queue(engine, config, [sample_change()])
    caplog.handler.addFilter(RedactFilter())  # as `monitor` installs it on its log handler
    with caplog.at_level(logging.INFO), caplog.at_level(logging.INFO, logger="httpx"):  # as with `monitor -v`
        deliver_due(engine, config, now=NOW)
    assert (
        _last_error(engine, first)
        == f"webhook up: http://***@127.0.0.1:{http_server.port}/hook?token=***&v=2: answered 500"
    )
    assert _last_error(engine, second).startswith(
        f"webhook down: http://***@127.0.0.1:{dead}/hook?token=***: ConnectError: "
    )
    assert "HTTP Request: POST http://***@127.0.0.1" in caplog.text  # httpx's own line
    assert "p4ss" not in caplog.text and "t0ken" not in caplog.text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[watchlist]\nfiles = ["{WATCHLIST}"]\n{text}', encoding="utf-8")
    return path


def check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(path), "check-config"])
    return result.exit_code, result.output


@pytest.mark.parametrize("value", ["not base64!", "whsec_***", "whsec_", "c2VjcmV0"[:-1]])
def test_a_webhook_secret_that_is_not_base64_fails_check_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("HOOK_SECRET_FOR_TEST", value)
    path = write(
        tmp_path,
        '[[alert]]\nname = "hook"\nkind = "webhook"\nurl = "https://h.example/"\nsecret_env = "HOOK_SECRET_FOR_TEST"\n',
    )
    code, output = check(path)
    assert code == 1 and output.count("\n") == 1 and "Traceback" not in output
    assert output.startswith(
        f"Error: {path.resolve()}: [[alert]] 'hook': secret_env: the value of HOOK_SECRET_FOR_TEST "
    )
    assert "whsec_ followed by base64" in output
    if len(value) > 6:
        assert value not in output


@pytest.mark.parametrize("value", ["whsec_dGVzdA==", "dGVzdA==", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY="])
def test_good_webhook_secrets(value: str) -> None:
    assert webhook_secret_problem(value) is None


def test_a_password_typed_into_password_env_is_not_echoed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[alert]]\nname = "mail"\nkind = "email"\nhost = "smtp.example"\nfrom = "a@example.org"\n'
        'to = ["b@example.org"]\npassword_env = "correct horse-battery!"\n',
    )
    code, output = check(path)
    assert code == 1 and output.count("\n") == 1 and "correct horse" not in output
    assert "'mail': password_env: names no environment variable that is set, and the value (not shown)" in output


def test_a_wrong_type_in_a_secret_key_is_not_echoed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[alert]]\nname = "mail"\nkind = "email"\nhost = "smtp.example"\nfrom = "a@example.org"\n'
        'to = ["b@example.org"]\npassword_env = 80475521\n',
    )
    code, output = check(path)
    assert code == 1 and "80475521" not in output
    assert "password_env: expected a string, got a value (not shown)" in output


def test_check_config_errors_hide_url_credentials(tmp_path: Path) -> None:
    path = write(tmp_path, '[[source]]\nname = "f"\nkind = "feed"\nurl = "ftp://u:pw@h.example/rss?token=abc"\n')
    code, output = check(path)
    assert code == 1 and "url must start with http:// or https://, got 'ftp://***@h.example/rss?token=***'" in output


def test_a_wrong_type_in_an_authorization_header_is_not_echoed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[source]]\nname = "f"\nkind = "feed"\nurl = "https://f.example/"\n'
        "headers = { Authorization = 80475521, Accept = 7 }\n",
    )
    code, output = check(path)
    assert code == 1 and "80475521" not in output
    assert "headers.Authorization: expected a string, got a value (not shown)" in output
