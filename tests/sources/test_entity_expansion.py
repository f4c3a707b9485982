"""Entity expansion in an official list or a feed is named as such.

It used to be reported as "not well-formed XML (truncated download?)", which sends an operator
looking for a network fault. Nothing is ever expanded or loaded: a list declaring entities is
refused before parsing, and feedparser drops entity declarations.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from monitor.errors import ParseError
from sanctions_monitor_sources.feed import parse_feed
from sanctions_monitor_sources.publication import iter_elements, xml_error

LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
BILLION_LAUGHS = (
    f'<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY lol0 "lol">{LAUGHS}]>\n'
    "<sdnList><publshInformation>&lol9;</publshInformation></sdnList>\n"
).encode()
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    b"<sdnList><a>&e;</a></sdnList>\n"
)


@pytest.mark.parametrize("body", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_a_list_declaring_entities_is_refused_by_name(body: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        list(iter_elements(body, "ofac-sdn", "sdnList"))
    message = str(caught.value)
    assert message.startswith("ofac-sdn: the document declares XML entities, refused (entity expansion")
    assert "truncated" not in message and "root:" not in message


def test_expat_messages_are_named() -> None:
    """Were an entity to reach expat (no DOCTYPE check), its own refusal is named too."""

    def error(body: bytes) -> str:
        try:
            ET.fromstring(body)
        except ET.ParseError as exc:
            return xml_error(exc, body)
        raise AssertionError("parsed")

    assert error(BILLION_LAUGHS).startswith(
        "XML entity expansion refused (billion laughs?): limit on input amplification"
    )
    assert error(XXE).startswith("not well-formed XML (an undefined or external entity")
    assert error(b"<sdnList>\n<a>x</a>\n<b>cut her").startswith("not well-formed XML (truncated download?)")
    assert (
        error(b"<sdnList>\n<a>x</b>\n<b>y</b>\n</sdnList>") == "not well-formed XML: mismatched tag: line 2, column 6"
    )


def test_a_feed_declaring_entities_expands_nothing_and_says_why() -> None:
    body = BILLION_LAUGHS.replace(
        b"<sdnList><publshInformation>&lol9;</publshInformation></sdnList>",
        b'<rss version="2.0"><channel><title>x</title><item><title>&lol9;</title></item></channel></rss>',
    ).replace(b"DOCTYPE sdnList", b"DOCTYPE rss")
    parsed = parse_feed(body, url="https://x.example/", headers={}, source="s")
    assert [len(i.title) for i in parsed.items] == [len("&lol9;")]  # not expanded
    assert parsed.warning is not None and "entity declarations are not expanded" in parsed.warning


def test_a_feed_that_is_only_entities_is_a_parse_error_that_names_them() -> None:
    body = BILLION_LAUGHS.replace(b"sdnList", b"rss").replace(b"publshInformation", b"channel")
    with pytest.raises(
        ParseError,
        match=r"^not a usable feed: the document declares XML entities \(entity "
        r"declarations are not expanded\): ",
    ):
        parse_feed(body, url="https://x.example/", headers={}, source="s")
