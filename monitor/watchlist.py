"""The watchlist: tracked entities read from TOML files under `seeds/` (several combine)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Entity"]

ENTITY_KINDS = ("organization", "person", "vessel", "aircraft", "country")


@dataclass(frozen=True)
class Entity:
    """One tracked entity: a stable key, a display name, aliases and list identifiers."""

    key: str
    name: str
    kind: str = "organization"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
