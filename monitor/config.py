"""Load and validate `config.toml` into frozen dataclasses.

Every section is a dataclass; its fields are the only keys allowed. A typo, a wrong type or a
bad duration is a `ConfigError` naming the file, the key and what is wrong. Paths resolve
against the config file's folder; a path written `seeds:NAME` is a file of the bundled seed
data. Secrets never sit in the file: keys ending in `_env` name an environment variable, read
with `secret()` when the secret is needed.

Which file: `--config`, else `MONITOR_CONFIG`, else `./config.toml`, else the user's and the
system's config folders, else the bundled config (`find_config`). The database defaults to a
SQLite file in the state folder (`state_dir`), never next to the config.

May import: `monitor.errors`, `monitor.seedfiles`, `monitor.vocabulary`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import difflib
import ipaddress
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import ConfigError
from monitor.seedfiles import SEEDS_PATH
from monitor.vocabulary import ACTIONS, ALERT_KINDS, CERTAINTIES, LIST_KINDS, SOURCE_KINDS

__all__ = [
    "AlertConfig",
    "Config",
    "DaemonConfig",
    "DatabaseConfig",
    "HttpConfig",
    "Listen",
    "SourceConfig",
    "WatchConfig",
    "WatchlistConfig",
    "WebConfig",
    "check_ready",
    "config_candidates",
    "find_config",
    "load_config",
    "parse_duration",
    "parse_listen",
    "readiness_problems",
    "secret",
    "state_dir",
    "webhook_secret_problem",
]

APP = "sanctions-monitor"
BUNDLED_CONFIG = SEEDS_PATH / "config.toml"
SEEDS_PREFIX = "seeds:"


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$")
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")  # what an environment variable's name looks like
_SECRET_KEYS = re.compile(r"(_env|secret|password|token|authorization|cookie)\b", re.I)  # values not echoed
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}


class Duration(float):
    """Seconds, written in the file as "15m", "20s", "1h", "7d" or a number of seconds."""


def parse_duration(value: object) -> Duration:
    """Parse "15m", "20s", "1.5h", "7d" or a plain number of seconds.

    Raises:
        ValueError: the value is not a duration.
    """
    if isinstance(value, bool):
        raise ValueError(f'expected a duration like "15m", got {value!r}')
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return Duration(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return Duration(float(m.group(1)) * _UNIT_SECONDS[m.group(2)])
    raise ValueError(f'expected a duration like "15m", "20s", "1h" or "7d", got {value!r}')


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = ""  # empty: SQLite in the state folder (`state_dir()`)


@dataclass(frozen=True)
class WatchlistConfig:
    files: tuple[Path, ...] = (SEEDS_PATH / "entities.toml",)


@dataclass(frozen=True)
class HttpConfig:
    timeout: Duration = Duration(20)
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    deadline: Duration = Duration(120)  # whole request incl. a slowly dripping body
    per_host: int = 4  # requests in flight to one host at once (politeness)
    user_agent: str = "sanctions-monitor/0.1 (+https://github.com/sanctions-monitor/sanctions-monitor)"


@dataclass(frozen=True)
class DaemonConfig:
    concurrency: int = 16  # sources fetched at once
    parse_processes: int = 2  # feed parsing runs in this many processes; 0 = in the daemon
    max_backoff: Duration = Duration(6 * 3600)
    deliver_every: Duration = Duration(30)
    unconfirmed_after: Duration = Duration(7 * 86400)  # news not matched by a list within this
    max_items_per_feed: int = 2000  # items taken from one feed response, the newest


@dataclass(frozen=True)
class WebConfig:
    """The status page, API, feed, /metrics and /healthz (monitor.web); off unless `listen` is set."""

    listen: str = ""  # "127.0.0.1:8080"; empty = no server
    token_env: str | None = None  # required when listen is not loopback
    max_alert_age: Duration = Duration(3600)  # /healthz fails when the oldest pending alert is older


@dataclass(frozen=True)
class Listen:
    """Where the web server binds: `parse_listen("127.0.0.1:8080")`."""

    host: str
    port: int
    loopback: bool  # only this machine can connect: no token needed

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_listen(text: str) -> Listen:
    """Parse `[web] listen`: "HOST:PORT", "[IPv6]:PORT" or ":PORT" (every interface).

    Loopback means 127.0.0.0/8, ::1 or "localhost"; every other host (a name, 0.0.0.0, ::, a
    LAN address) can be reached from elsewhere, so the server asks for a token there.

    Raises:
        ValueError: not HOST:PORT, or the port is not 1 to 65535.
    """
    m = re.fullmatch(r"\s*(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]]*)):(\d{1,5})\s*", text)
    if not m:
        raise ValueError(f'expected HOST:PORT like "127.0.0.1:8080" or "[::1]:8080", got {text!r}')
    host = m.group(1) or m.group(2) or "0.0.0.0"
    port = int(m.group(3))
    if not 0 < port < 65536:
        raise ValueError(f"port must be 1 to 65535, got {port}")
    if m.group(1) is not None or host.replace(".", "").isdigit():
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            raise ValueError(f"{host!r} is not an IP address") from None
        return Listen(host, port, address.is_loopback)
    return Listen(host, port, host.lower() in ("localhost", "localhost."))


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str | None = None  # list kinds have a default URL
    every: Duration = Duration(900)
    enabled: bool = True
    lang: str | None = None
    max_bytes: int | None = None  # overrides [http].max_bytes (official lists are large)
    format: str | None = None  # ofac-sdn: "xml" or "csv"
    min_size_percent: int = 90  # list kinds: a download under this % of the last snapshot is suspect
    max_removals: int | None = None  # list kinds: more removals in one publication are held (default
    # max(50, 0.5% of the list))
    headers: dict[str, str] = field(default_factory=dict, hash=False)  # extra request headers


@dataclass(frozen=True)
class AlertConfig:
    name: str
    kind: str
    entities: tuple[str, ...] = ()  # empty = every entity
    jurisdictions: tuple[str, ...] = ()  # empty = every jurisdiction
    actions: tuple[str, ...] = ()  # empty = lift and impose
    min_certainty: str = "confirmed"
    digest: Duration = Duration(0)  # 0 = send at once
    enabled: bool = True
    # email
    host: str | None = None
    port: int | None = None
    starttls: bool = False
    tls: bool = False
    username_env: str | None = None
    password_env: str | None = None
    from_: str | None = None  # written `from` in the file
    to: tuple[str, ...] = ()
    # webhook
    url: str | None = None
    secret_env: str | None = None
    timeout: Duration = Duration(10)
    max_age: Duration = Duration(86400)
    user_agent: str | None = None  # webhook: default [http].user_agent (filled in at load)
    # apprise
    urls_env: str | None = None  # names a variable holding Apprise URLs (they carry tokens)


@dataclass(frozen=True)
class WatchConfig:
    """A watch on a whole programme or country of the official lists."""

    name: str
    programme: str | None = None
    country: str | None = None
    lists: tuple[str, ...] = ()  # source names; empty = every list source


@dataclass(frozen=True)
class Config:
    path: Path
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    watchlist: WatchlistConfig = field(default_factory=WatchlistConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    web: WebConfig = field(default_factory=WebConfig)
    sources: tuple[SourceConfig, ...] = ()
    alerts: tuple[AlertConfig, ...] = ()
    watches: tuple[WatchConfig, ...] = ()

    def source(self, name: str) -> SourceConfig:
        for s in self.sources:
            if s.name == name:
                return s
        raise ConfigError(f"{self.path}: no [[source]] named {name!r}")

    def alert(self, name: str) -> AlertConfig:
        for a in self.alerts:
            if a.name == name:
                return a
        raise ConfigError(f"{self.path}: no [[alert]] named {name!r}")


def config_candidates() -> list[Path]:
    """Where a config is looked for when none is given, in order (the first that exists wins).

    `MONITOR_CONFIG`; `./config.toml`; `$CONFIGURATION_DIRECTORY` (systemd) or
    `$XDG_CONFIG_HOME/sanctions-monitor` (default `~/.config/...`); `/etc/sanctions-monitor`;
    and last the bundled config, which always exists.
    """
    env = os.environ.get("MONITOR_CONFIG")
    if env:
        return [Path(env)]
    user = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    folders = [Path(d) for d in os.environ.get("CONFIGURATION_DIRECTORY", "").split(":") if d]
    folders += [Path(user) / APP, Path("/etc") / APP]
    return [Path("config.toml"), *(folder / "config.toml" for folder in folders), BUNDLED_CONFIG]


def find_config() -> Path:
    """The config file to read when none is given (see `config_candidates`)."""
    candidates = config_candidates()
    return next((p for p in candidates if p.is_file()), candidates[-1])


def state_dir() -> Path:
    """Where the database lives by default: `$STATE_DIRECTORY` under systemd, else
    `$XDG_STATE_HOME/sanctions-monitor` (default `~/.local/state/sanctions-monitor`)."""
    systemd = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    if systemd:
        return Path(systemd)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP


def secret(name: str | None, where: str) -> str | None:
    """Read the environment variable a `*_env` key names; None when no key was given.

    Raises:
        ConfigError: the key names a variable that is not set.
    """
    if name is None:
        return None
    value = os.environ.get(name)
    if value is None or value == "":
        if not _ENV_NAME.match(name):  # perhaps the secret itself was typed here: never echo it
            raise ConfigError(
                f"{where}: names no environment variable that is set, and the value (not shown) "
                "does not look like a variable name; write the variable's name, e.g. SMTP_PASSWORD"
            )
        raise ConfigError(f"{where}: environment variable {name} is not set")
    return value


def webhook_secret_problem(value: str) -> str | None:
    """Why `value` is not a Standard Webhooks secret (`whsec_` + base64, or bare base64); None if it is."""
    raw = value.strip().removeprefix("whsec_")
    try:
        key = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        return "is not base64"
    return None if key else "is empty"


def check_ready(config: Config) -> None:
    """Check what loading cannot: the watchlist files exist, every `*_env` secret is set, and a
    webhook's secret is `whsec_` + base64 (it is never echoed).

    Raises:
        ConfigError: every problem found, one line each, naming the file, the key and the reason.
    """
    problems = readiness_problems(config)
    if problems:
        raise ConfigError("\n".join(problems))


def readiness_problems(config: Config) -> list[str]:
    """Each missing watchlist file or unset `*_env` secret, one line each (see `check_ready`)."""
    problems = []
    for i, path in enumerate(config.watchlist.files):
        if not path.is_file():
            problems.append(f"{config.path}: [watchlist] files[{i}]: {path} does not exist")
    for alert in config.alerts:
        if not alert.enabled:
            continue
        for f in dataclasses.fields(alert):
            if f.name.endswith("_env"):
                try:
                    secret(getattr(alert, f.name), f"{config.path}: [[alert]] {alert.name!r}: {f.name}")
                except ConfigError as exc:
                    problems.append(str(exc))
        if alert.kind == "webhook" and alert.secret_env and os.environ.get(alert.secret_env):
            problem = webhook_secret_problem(os.environ[alert.secret_env])
            if problem:
                problems.append(
                    f"{config.path}: [[alert]] {alert.name!r}: secret_env: the value of "
                    f"{alert.secret_env} {problem}; a webhook secret is whsec_ followed by base64 "
                    "(e.g. from `openssl rand -base64 32`)"
                )
    if config.web.listen:
        try:
            token = secret(config.web.token_env, f"{config.path}: [web] token_env")
        except ConfigError as exc:
            problems.append(str(exc))
        else:
            if token is not None and len(token) < 16:
                problems.append(
                    f"{config.path}: [web] token_env: the token in {config.web.token_env} is shorter than 16 characters"
                )
    return problems


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate a config file.

    Raises:
        ConfigError: the file is missing, not TOML, or has a wrong key, type or value.
    """
    path = Path(path) if path is not None else find_config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    base = path.resolve().parent
    tables = {
        "database": DatabaseConfig,
        "watchlist": WatchlistConfig,
        "http": HttpConfig,
        "daemon": DaemonConfig,
        "web": WebConfig,
    }
    arrays = {"source": SourceConfig, "alert": AlertConfig, "watch": WatchConfig}
    _reject_unknown(raw, set(tables) | set(arrays), str(path), "top level")
    kwargs: dict[str, Any] = {}
    for key, cls in tables.items():
        value = raw.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{key}] must be a table")
        kwargs[key] = _build(cls, value, f"{path}: [{key}]", base)
    for key, cls in arrays.items():
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(f"{path}: {key} must be written as [[{key}]] tables")
        built = []
        for i, table in enumerate(value, 1):
            label = f"{path}: [[{key}]] #{i}" + (f" ({table['name']!r})" if isinstance(table.get("name"), str) else "")
            built.append(_build(cls, table, label, base))
        kwargs[key + "s" if key != "watch" else "watches"] = tuple(built)
    url = kwargs["database"].url or f"sqlite:///{state_dir() / 'monitor.db'}"
    kwargs["database"] = DatabaseConfig(url=_resolve_sqlite_url(url, base))
    kwargs["alerts"] = tuple(
        dataclasses.replace(a, user_agent=a.user_agent or kwargs["http"].user_agent) for a in kwargs["alerts"]
    )
    config = Config(path=path.resolve(), **kwargs)
    _check_semantics(config)
    return config


def _resolve_sqlite_url(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file's folder, not the cwd."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str(base / url[len(prefix) :])
    return url


def _check_semantics(config: Config) -> None:
    where = str(config.path)
    if config.http.max_bytes <= 0 or config.daemon.concurrency <= 0 or config.http.per_host <= 0:
        raise ConfigError(f"{where}: [http].max_bytes, [http].per_host and [daemon].concurrency must be positive")
    if config.daemon.parse_processes < 0 or config.http.max_redirects < 0:
        raise ConfigError(f"{where}: [daemon].parse_processes and [http].max_redirects cannot be negative")
    if config.daemon.max_items_per_feed <= 0:
        raise ConfigError(f"{where}: [daemon] max_items_per_feed must be positive")
    if config.web.listen:
        try:
            listen = parse_listen(config.web.listen)
        except ValueError as exc:
            raise ConfigError(f"{where}: [web] listen: {exc}") from None
        if not listen.loopback and not config.web.token_env:
            raise ConfigError(
                f"{where}: [web] listen: {listen} is not loopback, so the server needs a token: set "
                "token_env to the environment variable that holds it"
            )
    _unique([s.name for s in config.sources], f"{where}: [[source]]")
    _unique([a.name for a in config.alerts], f"{where}: [[alert]]")
    for s in config.sources:
        label = f"{where}: [[source]] {s.name!r}"
        _one_of(s.kind, SOURCE_KINDS, f"{label}: kind")
        if s.kind == "feed" and not s.url:
            raise ConfigError(f'{label}: url is required for kind "feed"')
        if s.url and not re.match(r"^(https?|file)://", s.url):
            raise ConfigError(f"{label}: url must start with http:// or https://, got {s.url!r}")
        if s.every < 1:
            raise ConfigError(f"{label}: every must be at least 1s")
        if s.format is not None:
            _one_of(s.format, ("xml", "csv"), f"{label}: format")
    for a in config.alerts:
        label = f"{where}: [[alert]] {a.name!r}"
        _one_of(a.kind, ALERT_KINDS, f"{label}: kind")
        _one_of(a.min_certainty, CERTAINTIES, f"{label}: min_certainty")
        for action in a.actions:
            _one_of(action, ACTIONS, f"{label}: actions")
        if a.kind == "email" and (not a.host or not a.from_ or not a.to):
            raise ConfigError(f"{label}: an email alert needs host, from and to")
        if a.kind == "email" and a.tls and a.starttls:
            raise ConfigError(f"{label}: choose tls (implicit TLS) or starttls, not both")
        if a.kind == "webhook" and not a.url:
            raise ConfigError(f"{label}: a webhook alert needs url")
        if a.kind == "apprise" and not a.urls_env:
            raise ConfigError(
                f"{label}: an apprise alert needs urls_env (the name of an environment variable "
                "that holds its Apprise URLs)"
            )
        if a.kind == "apprise" and a.url:
            raise ConfigError(f"{label}: an apprise alert reads its URLs from urls_env, not url (they carry tokens)")
    for s in config.sources:
        if not 0 < s.min_size_percent <= 100:
            raise ConfigError(f"{where}: [[source]] {s.name!r}: min_size_percent must be 1 to 100")
    list_sources = {s.name for s in config.sources if s.kind in LIST_KINDS}
    for w in config.watches:
        if not (w.programme or w.country):
            raise ConfigError(f"{where}: [[watch]] {w.name!r}: give a programme or a country")
        for name in w.lists:
            if name not in list_sources:
                raise ConfigError(
                    f"{where}: [[watch]] {w.name!r}: lists names {name!r}, which is not an official-list [[source]]"
                )


def _unique(names: list[str], label: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ConfigError(f"{label}: name {name!r} is used twice")
        seen.add(name)


def _one_of(value: str, allowed: tuple[str, ...], label: str) -> None:
    if value not in allowed:
        raise ConfigError(f"{label} is {value!r}; expected one of: {', '.join(allowed)}")


def _reject_unknown(table: dict[str, Any], allowed: set[str], file: str, label: str) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            where = f"{file}: {label}" if label != "top level" else file
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")


def _build(cls: type, table: dict[str, Any], label: str, base: Path) -> Any:
    """Build dataclass `cls` from a TOML table, checking keys and types."""
    hints = typing.get_type_hints(cls)
    fields = {f.name.rstrip("_"): f for f in dataclasses.fields(cls) if f.name != "path"}
    for key in table:
        if key not in fields:
            close = difflib.get_close_matches(key, sorted(fields), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{label}: unknown key {key!r}{hint}")
    kwargs = {}
    for key, f in fields.items():
        if key in table:
            kwargs[f.name] = _coerce(table[key], hints[f.name], f"{label}: {key}", base)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{label}: required key {key!r} is missing")
    return cls(**kwargs)


def _shown(value: Any, label: str) -> str:
    """`value` for an error message; hidden when the key may hold a secret (`password_env`, ...)."""
    key = label.rsplit(":", 1)[-1].strip().split("[")[0]  # e.g. password_env, headers.Authorization
    return "a value (not shown)" if _SECRET_KEYS.search(key) else repr(value)


def _coerce(value: Any, hint: Any, label: str, base: Path) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = next(a for a in args if a is not type(None))
        return _coerce(value, inner, label, base)
    if hint is Duration:
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise ConfigError(f"{label}: {exc}") from None
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{label}: expected a table, got {type(value).__name__}")
        return {str(k): _coerce(v, args[1], f"{label}.{k}", base) for k, v in value.items()}
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{label}: expected a list, got {type(value).__name__}")
        return tuple(_coerce(v, args[0], f"{label}[{i}]", base) for i, v in enumerate(value))
    if hint is Path:
        if not isinstance(value, str):
            raise ConfigError(f"{label}: expected a path string, got {type(value).__name__}")
        if value.startswith(SEEDS_PREFIX):
            return SEEDS_PATH / value[len(SEEDS_PREFIX) :]
        p = Path(value).expanduser()
        return p if p.is_absolute() else base / p
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{label}: expected true or false, got {_shown(value, label)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{label}: expected a whole number, got {_shown(value, label)}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{label}: expected a string, got {_shown(value, label)}")
        return value
    raise TypeError(f"unsupported config type {hint!r}")
