"""The Atom feed of changes (`/changes.atom`), from `monitor.reports.history.change_log`."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

__all__ = ["atom_feed"]

ATOM = "http://www.w3.org/2005/Atom"
_TAG = "tag:sanctions-monitor,2025:"


def atom_feed(changes: list[dict[str, Any]], *, self_url: str, page_url: str, updated: str) -> bytes:
    """An Atom 1.0 document, one entry per change (newest first); ids stay stable across requests."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", _TAG + "changes")
    sub(feed, "title", "Sanctions monitor: changes")
    sub(feed, "updated", changes[0]["at"] if changes else updated)
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=page_url, type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "sanctions-monitor")
    for c in changes:
        doc = c["change"]
        entry = sub(feed, "entry")
        sub(entry, "id", _TAG + "change/" + c["id"])
        sub(entry, "title", c["headline"])
        sub(entry, "updated", c["at"])
        sub(entry, "published", c["at"])
        link = next((e["link"] for e in doc["evidence"] if e["link"]), None)
        if link:
            sub(entry, "link", rel="alternate", href=link)
        if doc["entity"]["key"]:
            sub(entry, "category", term=doc["entity"]["key"], label=doc["entity"]["name"])
        if doc["jurisdiction"]:
            sub(entry, "category", term=doc["jurisdiction"], scheme=_TAG + "jurisdiction")
        sub(entry, "content", c["text"], type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
