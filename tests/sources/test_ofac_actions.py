"""sources/ofac_actions.py: OFAC's Recent Actions page into news items."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.errors import FeedBlocked, ParseError
from sanctions_monitor_sources.ofac_actions import parse_recent_actions
from tests.support.paths import FIXTURES

LISTS = FIXTURES / "lists"
PAGE = "https://ofac.treasury.gov/recent-actions"


def test_each_action_link_is_one_item_with_its_date() -> None:
    items = parse_recent_actions((LISTS / "recent_actions.html").read_bytes(), url=PAGE, source="ofac-actions")
    assert [(i.guid, i.title) for i in items] == [
        (
            "https://ofac.treasury.gov/recent-actions/20251104",
            "Belarus-related Designations Removals; Counter Terrorism Designations",
        ),
        ("https://ofac.treasury.gov/recent-actions/20251030", "Russia-related Designations & Updates"),
        ("https://ofac.treasury.gov/recent-actions/20251030_1", "Issuance of Amended Belarus-related General License"),
    ]
    assert items[0].published == datetime(2025, 11, 4, tzinfo=UTC)
    assert {(i.source, i.lang) for i in items} == {("ofac-actions", "en")}


def test_a_page_without_actions_is_an_error() -> None:
    with pytest.raises(ParseError, match="no recent actions"):
        parse_recent_actions((LISTS / "html_challenge.html").read_bytes(), url=PAGE, source="ofac-actions")
    with pytest.raises(FeedBlocked):
        parse_recent_actions(b"  ", url=PAGE, source="ofac-actions")
