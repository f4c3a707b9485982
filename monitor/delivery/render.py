"""Turn changes into what channels send: subject, plain text, HTML and the webhook document.

Pure: values in, strings out. Every piece of feed text is escaped in HTML, and only http(s)
links become anchors, so a hostile feed cannot inject markup or script into an alert.

The certainty line never says a bare "confirmed" for news: it says how many sources report it
and whether the official list of the jurisdiction has it yet (`Change.certainty_text`). Each
piece of evidence quotes the sentence that carries the event. A `monitor test-alert` sample is
marked as a test everywhere: subject "[TEST] ...", webhook type "sanctions.test".

May import: `monitor.events.changes`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from monitor.events.changes import Change

__all__ = [
    "DOCUMENT_TYPE",
    "DOCUMENT_VERSION",
    "TEST_DOCUMENT_TYPE",
    "TEST_PREFIX",
    "document",
    "headline",
    "html_body",
    "is_test",
    "subject",
    "text_body",
]

DOCUMENT_TYPE = "sanctions.diff"
TEST_DOCUMENT_TYPE = "sanctions.test"  # `monitor test-alert`: same shape, nothing changed
DOCUMENT_VERSION = 1
TEST_PREFIX = "[TEST] "

_VERB = {
    "sanctioned": "imposed",
    "lifted": "lifted",
    "eased": "eased",
    "not listed": "not listed",
    "unknown": "unknown",
}
_MAY = {
    ("lift", "partial"): "may ease",
    ("lift", None): "may lift",
    ("lift", "full"): "may lift",
    ("impose", None): "may impose",
    ("impose", "full"): "may impose",
    ("impose", "partial"): "may impose",
}


def headline(change: Change) -> str:
    """One line that says what changed: "Belavia: US sanctions lifted"."""
    who = f"{change.jurisdiction} " if change.jurisdiction else ""
    if change.kind == "list":
        verb = "added to" if change.action == "impose" else "removed from"
        return f"{change.entity_name}: {verb} {who}{change.programme or 'list'} (watch {change.watch})"
    if change.kind == "signal" and change.certainty == "speculative":
        return f"{change.entity_name}: {who}{_MAY[change.action, change.scope]} sanctions (speculative report)"
    line = f"{change.entity_name}: {who}sanctions {_VERB.get(change.after or '', change.after)}"
    if change.jurisdiction is None:
        line += " (jurisdiction not stated)"
    if change.kind == "confirmation":
        line += f", confirmed by {change.confirmed_by}"
    if change.late:
        line += f" (late: as of {(change.effective_date or change.reported or '')}, recorded after newer changes)"
    return line


def is_test(changes: Sequence[Change]) -> bool:
    """Whether a message is a `monitor test-alert` sample."""
    return any(c.test for c in changes)


def subject(changes: Sequence[Change]) -> str:
    """The email subject (and chat title): the first headline, plus how many more changes the
    message holds; "[TEST] " first on a test alert."""
    if not changes:
        raise ValueError("a message needs at least one change")
    more = len(changes) - 1
    line = headline(changes[0]) + (f" (+{more} more change{'s' if more > 1 else ''})" if more else "")
    return TEST_PREFIX + line if is_test(changes) else line


def _facts(change: Change) -> list[str]:
    if change.kind == "signal":
        lines = [f"Status: {change.before}, unchanged (the report would make it {change.after})"]
    else:
        lines = [f"Status: {change.before} -> {change.after}"]
    lines.append(f"Certainty: {change.certainty_text}")
    if change.effective_date:
        lines.append(f"Effective: {change.effective_date.isoformat()}")
    elif change.reported:
        lines.append(f"Reported: {change.reported.isoformat()} (no effective date stated)")
    if change.scope:
        lines.append(f"Scope: {change.scope}")
    return lines


def text_body(changes: Sequence[Change]) -> str:
    """The plain-text part: each change with its facts and evidence."""
    out = [_TEST_NOTE, ""] if is_test(changes) else []
    for change in changes:
        out.append(headline(change))
        out += [f"  {line}" for line in _facts(change)]
        if change.evidence:
            out.append("  Evidence:")
        for ev in change.evidence:
            where = f"{ev.source}{', ' + ev.published[:10] if ev.published else ''}"
            if _in_headline(ev.excerpt, ev.title):
                out.append(f'  - "{ev.title}" (the headline; {where})')
            else:
                out.append(f"  - {ev.title} ({where})")
            if ev.link:
                out.append(f"    {ev.link}")
            if ev.excerpt.strip() and not _in_headline(ev.excerpt, ev.title):
                out.append(f'    "{ev.excerpt}"')
        out.append("")
    return "\n".join(out)


_TEST_NOTE = "This is a test alert from sanctions-monitor (monitor test-alert): nothing changed."


def _in_headline(excerpt: str, title: str) -> bool:
    """Whether the sentence that carries the event is the headline itself (quoted once, as such)."""
    return bool(excerpt.strip()) and excerpt.strip() == title.strip()


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def html_body(changes: Sequence[Change]) -> str:
    """The HTML part: the same content as the text, every value escaped."""
    parts = ["<!DOCTYPE html><html><body>"]
    if is_test(changes):
        parts.append(f"<p><strong>{html.escape(_TEST_NOTE)}</strong></p>")
    for change in changes:
        parts.append(f"<h2>{html.escape(headline(change))}</h2><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in _facts(change)]
        parts.append("</ul>")
        if change.evidence:
            parts.append("<p>Evidence:</p><ul>")
        for ev in change.evidence:
            when = f", {html.escape(ev.published[:10])}" if ev.published else ""
            if _in_headline(ev.excerpt, ev.title):
                parts.append(f"<li>“{_link(ev.link, ev.title)}” (the headline; {html.escape(ev.source)}{when})</li>")
                continue
            quote = f"<blockquote>{html.escape(ev.excerpt)}</blockquote>" if ev.excerpt.strip() else ""
            parts.append(
                f"<li>{_link(ev.link, ev.title or ev.link or '')} ({html.escape(ev.source)}{when}){quote}</li>"
            )
        if change.evidence:
            parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def document(message_id: str, channel: str, created_at: datetime, changes: Sequence[Change]) -> dict[str, Any]:
    """The webhook body (version 1): type, version, id (= webhook-id), channel, time, changes.

    `type` is "sanctions.test" for a `monitor test-alert` sample, else "sanctions.diff".
    """
    return {
        "type": TEST_DOCUMENT_TYPE if is_test(changes) else DOCUMENT_TYPE,
        "version": DOCUMENT_VERSION,
        "id": message_id,
        "channel": channel,
        "created_at": created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "changes": [c.to_json() for c in changes],
    }
