"""The HTML of the status page and the entity pages, and the timeline picture (inline SVG).

Server-rendered, no JavaScript; one narrow column with scrolling tables reads on a phone.
Every value is escaped here; the inputs are the JSON-ready dicts of `monitor.reports`.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote

__all__ = ["STATE_COLOURS", "entity_page", "index_page", "timeline_svg"]

STATE_COLOURS = {
    "sanctioned": "#c62828",
    "eased": "#f9a825",
    "lifted": "#2e7d32",
    "not listed": "#78909c",
    "unknown": "#d9d9d9",
}
_CSS = """
body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:.5rem 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.6rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;min-width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f3f3f3}.ok{color:#2e7d32}.bad{color:#c62828;font-weight:600}.muted{color:#666}
.state{padding:0 .35rem;border-radius:.25rem;white-space:nowrap}
.s-sanctioned{background:#ffcdd2}.s-eased{background:#fff3c4}.s-lifted{background:#c8e6c9}
.s-not-listed{background:#cfd8dc}.s-unknown{background:#eee}
article{border-left:4px solid #90a4ae;padding:.1rem .75rem;margin:.75rem 0}
article h3{font-size:1rem;margin:.2rem 0}blockquote{margin:.2rem 0 .2rem 1rem;color:#444}
figure{margin:0}svg{max-width:100%;height:auto}.legend{display:flex;flex-wrap:wrap;gap:.2rem .8rem}
#entity-status td,#events td:first-child,#sources td:nth-child(-n+3){white-space:nowrap}
#events td:nth-child(2),#sources td:last-child{min-width:14rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.2rem}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _page(title: str, body: str, generated: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style>"
        f'<link rel="alternate" type="application/atom+xml" title="Changes" href="/changes.atom"></head>'
        f'<body>{body}<footer class="muted"><p>Generated {_e(generated)} · JSON: '
        f'<a href="/api/status">status</a>, <a href="/api/events">events</a>, <a href="/api/sources">sources</a>, '
        f'<a href="/api/changes">changes</a> · <a href="/changes.atom">Atom feed of changes</a></p></footer>'
        f"</body></html>\n"
    )


def _table(table_id: str, head: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p id="{table_id}" class="muted">{_e(empty)}</p>'
    th = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table id="{table_id}"><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table></div>'


def _state(state: str | None) -> str:
    state = state or "unknown"
    return f'<span class="state s-{_e(state.replace(" ", "-"))}">{_e(state)}</span>'


def _entity_link(key: str, name: str) -> str:
    return f'<a href="/entity/{quote(key, safe="")}">{_e(name)}</a>'


def _health(row: dict[str, Any]) -> str:
    if not row["enabled"]:
        return '<span class="muted">disabled</span>'
    if row["failures"]:
        return f'<span class="bad">failing ({row["failures"]}×)</span>'
    if row["last_success"] is None:
        return '<span class="muted">not polled yet</span>'
    return '<span class="ok">ok</span>'


def _changes(changes: list[dict[str, Any]]) -> str:
    if not changes:
        return '<p id="changes" class="muted">No changes in this period.</p>'
    out = ['<div id="changes">']
    for c in changes:
        doc = c["change"]
        evidence = "".join(
            f'<li>{_link(ev["link"], ev["title"])} <span class="muted">({_e(ev["source"])}'
            f"{', ' + _e((ev['published'] or '')[:10]) if ev['published'] else ''})</span>"
            + (f"<blockquote>{_e(ev['excerpt'])}</blockquote>" if ev["excerpt"] else "")
            + "</li>"
            for ev in doc["evidence"]
        )
        who = doc["entity"]
        name = _entity_link(who["key"], who["name"]) if who["key"] else _e(who["name"])
        out.append(
            f'<article class="change" id="{_e(c["id"])}"><h3>{_e(c["headline"])}</h3>'
            f'<p class="muted">{_e(c["at"][:16].replace("T", " "))} UTC · {name} · {_e(doc["kind"])} · '
            f"{_state(doc['before'])} → {_state(doc['after'])} · {_e(doc['certainty'])}, "
            f"{_e(doc['sources'])} source(s)</p><ul>{evidence}</ul></article>"
        )
    out.append("</div>")
    return "".join(out)


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text or url)}</a>'
    return _e(text)


def index_page(
    *,
    sources: list[dict[str, Any]],
    status: list[dict[str, Any]],
    names: dict[str, str],
    changes: list[dict[str, Any]],
    health: tuple[bool, list[str]],
    generated: str,
    days: int,
) -> str:
    """The status page: health, sources, entities × jurisdictions, recent changes with evidence."""
    ok, reasons = health
    verdict = (
        '<p id="health" class="ok">Healthy.</p>'
        if ok
        else '<p id="health" class="bad">Unhealthy: ' + "; ".join(_e(r) for r in reasons) + "</p>"
    )
    source_rows = [
        [
            _e(s["name"]),
            _e(s["kind"]),
            _health(s),
            _e(s["last_success"] or "never"),
            _e(s["items"]),
            _e(s["next_due"] or "-"),
            _e(s["last_error"] or ""),
        ]
        for s in sources
    ]
    jurisdictions = sorted({s["jurisdiction"] for s in status})
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for s in status:
        cells.setdefault(s["entity"], {})[s["jurisdiction"]] = s

    def order(key: str) -> tuple[str, str]:
        return (names.get(key) or key).casefold(), key

    entities = sorted(cells, key=order)
    matrix = [
        [_entity_link(k, names.get(k, k))]
        + [
            (
                _state(cells[k][j]["state"])
                + (f' <span class="muted">since {_e(cells[k][j]["since"])}</span>' if cells[k][j]["since"] else "")
            )
            if j in cells[k]
            else '<span class="muted">-</span>'
            for j in jurisdictions
        ]
        for k in entities
    ]
    body = (
        f"<h1>Sanctions monitor</h1>{verdict}"
        f"<h2>Sources</h2>{_table('sources', ['Source', 'Kind', 'Health', 'Last success', 'Items', 'Next due', 'Last error'], source_rows, 'No sources configured.')}"
        f"<h2>Status by jurisdiction</h2>{_table('status', ['Entity', *jurisdictions], matrix, 'No status recorded yet.')}"
        f"<h2>Changes in the last {days} days</h2>{_changes(changes)}"
    )
    return _page("Sanctions monitor", body, generated)


def entity_page(
    *, timeline: dict[str, Any], status: list[dict[str, Any]], events: list[dict[str, Any]], generated: str
) -> str:
    """One entity: current status per jurisdiction, the timeline picture, its events with evidence."""
    name = timeline["name"]
    status_rows = [
        [_e(s["jurisdiction"]), _state(s["state"]), _e(s["since"] or "-"), _e(s["certainty"] or "-")] for s in status
    ]
    event_rows = [
        [
            _e(e["date"]),
            _link(e["link"], e["title"]),
            _e(e["action"]),
            _e(e["jurisdiction"] or "?"),
            _e(e["certainty"]),
            _e(e["sources"]),
            _e(e["list"]),
        ]
        for e in events
    ]
    legend = "".join(
        f'<span><i class="swatch" style="background:{c}"></i>{_e(s)}</span>' for s, c in STATE_COLOURS.items()
    )
    legend += "<span>● news: filled confirmed, open speculative</span><span>◆ official list</span>"
    body = (
        f'<p><a href="/">← all entities</a></p><h1>{_e(name)}</h1>'
        f"<h2>Status</h2>{_table('entity-status', ['Jurisdiction', 'State', 'Since', 'Certainty'], status_rows, 'No status recorded yet.')}"
        f'<h2>Timeline</h2><figure id="timeline">{timeline_svg(timeline)}'
        f'<figcaption class="legend">{legend}</figcaption></figure>'
        f"<h2>Events</h2>{_table('events', ['Date', 'Report', 'Action', 'Jurisdiction', 'Certainty', 'Sources', 'List'], event_rows, 'No events.')}"
    )
    return _page(f"{name}: sanctions status", body, generated)


def timeline_svg(timeline: dict[str, Any]) -> str:
    """Status per jurisdiction over time as coloured bands, events as marks; scales to the page."""
    width, left, right, top, row_h = 640, 56, 12, 16, 44
    rows = timeline["rows"]
    height = top + row_h * max(1, len(rows)) + 34
    start, end = date.fromisoformat(timeline["start"]), date.fromisoformat(timeline["end"])
    span = max(1, (end - start).days)

    def x(day: str | date) -> float:
        d = date.fromisoformat(day) if isinstance(day, str) else day
        return left + (width - left - right) * (d - start).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="tl-title">'
        f'<title id="tl-title">{_e(timeline["name"])}: sanctions status by jurisdiction from '
        f"{_e(timeline['start'])} to {_e(timeline['end'])}</title>"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>'
    ]
    index = {r["jurisdiction"]: i for i, r in enumerate(rows)}
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + row_h / 2 + 5}" text-anchor="end" font-size="18" '
            f'font-family="sans-serif">{_e(row["jurisdiction"])}</text>'
        )
        for band in row["bands"]:
            x0, x1 = x(band["start"]), x(band["end"])
            colour = STATE_COLOURS.get(band["state"], "#d9d9d9")
            parts.append(
                f'<rect class="band" data-state="{_e(band["state"])}" x="{x0:.1f}" y="{y + 6}" '
                f'width="{max(1.0, x1 - x0):.1f}" height="{row_h - 12}" fill="{colour}">'
                f"<title>{_e(row['jurisdiction'])}: {_e(band['state'])} from {_e(band['start'])} "
                f"to {_e(band['end'])}</title></rect>"
            )
    for mark in timeline["marks"]:
        if mark["jurisdiction"] not in index:
            continue
        cx, cy = x(mark["date"]), top + index[mark["jurisdiction"]] * row_h + row_h / 2
        label = (
            f"{_e(mark['date'])} {_e(mark['action'])} ({_e(mark['certainty'])}, {_e(mark['kind'])}): "
            f"{_e(mark['title'])}"
        )
        if mark["kind"] == "list":
            parts.append(
                f'<path class="mark list" d="M{cx:.1f} {cy - 10:.1f}l10 10-10 10-10-10z" fill="#1a237e" '
                f'stroke="#fff" stroke-width="1.5"><title>{label}</title></path>'
            )
        else:
            fill = "#fff" if mark["certainty"] == "speculative" else "#111"
            parts.append(
                f'<circle class="mark news" cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="{fill}" '
                f'stroke="#111" stroke-width="2"><title>{label}</title></circle>'
            )
    axis_y = top + row_h * max(1, len(rows)) + 4
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#666"/>')
    ticks = 2
    for t in range(ticks + 1):
        day = date.fromordinal(start.toordinal() + round(span * t / ticks))
        anchor = "start" if t == 0 else "end" if t == ticks else "middle"
        parts.append(
            f'<text x="{x(day):.1f}" y="{axis_y + 22}" text-anchor="{anchor}" font-size="15" '
            f'font-family="sans-serif" fill="#444">{day.isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
