"""The words every stage shares: source and list kinds, actions, certainties, jurisdictions.

One place for each: adding an official list kind is one entry in `LIST_KINDS` and one parser
module in `sanctions_monitor_sources` (with its poller in `monitor.polling.lists`).

May import: nothing of `monitor`.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ACTIONS",
    "ALERT_KINDS",
    "CERTAINTIES",
    "CERTAINTY_RANK",
    "CHANGE_KINDS",
    "JURISDICTIONS",
    "LIST_KINDS",
    "NEWS_KINDS",
    "SOURCE_KINDS",
    "ListKind",
]


class ListKind(NamedTuple):
    """An official list: how alerts name it, the authority that publishes it, and the key of
    its entry ids in a watchlist entity's `ids` (`ids = { ofac = "44541" }`)."""

    label: str
    jurisdiction: str
    id_key: str


ACTIONS = ("lift", "impose")
"""What an event does to an entity's sanctions."""

CERTAINTIES = ("speculative", "confirmed", "official")
"""Talk; reported as done by the news; on an official list. Ranked weakest first."""
CERTAINTY_RANK = {c: rank for rank, c in enumerate(CERTAINTIES)}

JURISDICTIONS = ("US", "EU", "UK", "UN", "CA", "CH", "UA", "JP", "AU", "other")
"""Who acts: `other` is any other state, or one EU member state acting alone."""

LIST_KINDS: dict[str, ListKind] = {
    "ofac-sdn": ListKind("OFAC SDN", "US", "ofac"),
    "eu-fsf": ListKind("EU Financial Sanctions Files", "EU", "eu"),
    "uk-sanctions": ListKind("UK Sanctions List", "UK", "uk"),
    "un-sc": ListKind("UN Security Council Consolidated List", "UN", "un"),
}
NEWS_KINDS = ("feed", "ofac-actions")
SOURCE_KINDS = NEWS_KINDS + tuple(LIST_KINDS)

ALERT_KINDS = ("email", "webhook", "apprise")
"""apprise: any Apprise URL (Slack, Teams, Telegram, Matrix, Discord, ntfy, ...)."""
CHANGE_KINDS = ("status", "confirmation", "signal", "list")
"""status: before != after; confirmation: a list confirms the current state; signal: a
speculative report (status unchanged); list: a change in a watched programme or country."""
