"""`monitor init`: a starter config and watchlist for a new user, written from the bundled ones.

The config is the bundled `config.toml` (the reference by example) pointed at the new
`watchlist.toml` next to it; the watchlist is the bundled seed watchlist, to edit. Existing
files are never overwritten unless asked.

May import: `monitor.config`, `monitor.errors`, `monitor.seedfiles`.
"""

from __future__ import annotations

from pathlib import Path

from monitor.config import BUNDLED_CONFIG, state_dir
from monitor.errors import ConfigError
from monitor.seedfiles import SEEDS_PATH

__all__ = ["write_starter"]

_WATCHLIST_LINE = 'files = ["seeds:entities.toml"]'
_CONFIG_HEAD = """\
# Your sanctions-monitor config, written by `monitor init` from the bundled one. Check it with
# `monitor --config {path} check-config`, run with `monitor --config {path} run`.
#
"""
_WATCHLIST_HEAD = """\
# Your watchlist, written by `monitor init` from the bundled one: edit, add, remove entities.
# Each [[entity]]: key (unique), name, kind (person | organization | country | vessel |
# aircraft), country (ISO code, required for kind "country"), aliases (what you would type:
# the matcher finds inflections and other scripts itself), ids (official list ids, optional).
#
"""


def write_starter(folder: Path, *, force: bool = False) -> list[Path]:
    """Write `config.toml` and `watchlist.toml` into `folder` (created if needed).

    Returns:
        The files written.

    Raises:
        ConfigError: a file exists already (and not `force`), or the folder cannot be written.
    """
    config_path, watchlist_path = folder / "config.toml", folder / "watchlist.toml"
    for path in (config_path, watchlist_path):
        if path.exists() and not force:
            raise ConfigError(f"{path}: exists already; use --force to overwrite it")
    config = BUNDLED_CONFIG.read_text(encoding="utf-8")
    if _WATCHLIST_LINE not in config:
        raise ConfigError(f"{BUNDLED_CONFIG}: the bundled config has no watchlist line to point at yours")
    config = _CONFIG_HEAD.format(path=config_path) + config.replace(_WATCHLIST_LINE, 'files = ["watchlist.toml"]', 1)
    config = config.replace('# url = "sqlite:///monitor.db"', f'# url = "sqlite:///{state_dir() / "monitor.db"}"', 1)
    watchlist = _WATCHLIST_HEAD + (SEEDS_PATH / "entities.toml").read_text(encoding="utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        config_path.write_text(config, encoding="utf-8")
        watchlist_path.write_text(watchlist, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot write the starter files: {exc.strerror}") from None
    return [config_path, watchlist_path]
