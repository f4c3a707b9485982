"""Where the seed data lives and how a seed file is read: one place for the folder, the TOML
reading and the common checks, so every loader reports a bad file the same way.

The seed data is the package `sanctions_monitor_seeds` (the `seeds/` folder of a checkout),
found with `importlib.resources`, so it works from a wheel as from a checkout. An installed
package is a folder on disk (not a zip), so its files are handed out as `Path`s.

May import: `monitor.errors` only.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from monitor.errors import SeedError

__all__ = ["SEEDS_PATH", "read_seed_file", "seed_strings", "shown_path"]

SEEDS_PATH = Path(str(resources.files("sanctions_monitor_seeds")))


def read_seed_file(path: Path, what: str = "seed file") -> dict[str, Any]:
    """Parse one TOML seed file.

    Raises:
        SeedError: the file is missing, unreadable or not TOML (the message names the file).
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(f"{shown_path(path)}: {what} not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SeedError(f"{shown_path(path)}: cannot read {what}: {exc}") from None


def seed_strings(value: object, where: str) -> tuple[str, ...]:
    """A list of non-empty strings, stripped.

    Raises:
        SeedError: not a list, or an entry that is not a non-empty string (names `where[i]`).
    """
    if not isinstance(value, list):
        raise SeedError(f"{where}: expected a list of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise SeedError(f"{where}[{i}]: expected a non-empty string, got {item!r}")
    return tuple(item.strip() for item in value)


def shown_path(path: Path) -> str:
    """A bundled seed file as `seeds/names/x.toml`, any other file as given."""
    for seeds in (SEEDS_PATH, SEEDS_PATH.resolve()):
        if path.absolute().is_relative_to(seeds):
            return "seeds/" + str(path.absolute().relative_to(seeds))
    return str(path)
