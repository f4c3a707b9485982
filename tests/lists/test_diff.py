"""monitor/lists/diff.py: pairing by stable id, changed fields, suspect downloads."""

from __future__ import annotations

from monitor.lists.diff import diff_entries, suspect_reason
from sanctions_monitor_sources.publication import ListEntry, Publication, make_entry


def entry(entry_id: str, name: str = "ACME", **kw: object) -> ListEntry:
    return make_entry("ofac-sdn", entry_id, name, **kw)  # type: ignore[arg-type]


def test_added_removed_changed_unchanged() -> None:
    old = [entry("1"), entry("2", programmes=["IRAN"]), entry("3")]
    new = [entry("2", programmes=["IRAN", "SDGT"]), entry("3"), entry("4")]
    diff = diff_entries(old, new)
    assert [e.entry_id for e in diff.added] == ["4"]
    assert [e.entry_id for e in diff.removed] == ["1"]
    assert [(c.after.entry_id, c.fields) for c in diff.changed] == [("2", ("programmes",))]
    assert diff.counts() == {"added": 1, "removed": 1, "changed": 1}


def test_changed_fields_name_each_kind_of_change() -> None:
    a = entry("9", "OLD NAME", aliases=["X"], ids=["IMO 1"], countries=["Iran"])
    b = entry("9", "NEW NAME", aliases=["X", "Y"], ids=["IMO 2"], countries=["Iran"])
    [change] = diff_entries([a], [b]).changed
    assert change.fields == ("name", "aliases", "ids")


def test_a_change_outside_the_compared_fields_is_details() -> None:
    [change] = diff_entries([entry("5", details=["remark a"])], [entry("5", details=["remark b"])]).changed
    assert change.fields == ("details",)


def test_order_of_aliases_is_not_a_change() -> None:
    assert diff_entries([entry("5", aliases=["A", "B"])], [entry("5", aliases=["B", "A"])]).changed == ()


def test_entries_sort_numerically() -> None:
    diff = diff_entries([], [entry("10"), entry("9"), entry("100")])
    assert [e.entry_id for e in diff.added] == ["9", "10", "100"]


def pub(n: int, record_count: int | None = None) -> Publication:
    return Publication("ofac-sdn", None, record_count, tuple(entry(str(i)) for i in range(n)))


def test_suspect_reasons() -> None:
    assert suspect_reason(pub(100, 100), 100) is None
    assert suspect_reason(pub(90), 100) is None  # exactly 90% is fine
    assert "under 90%" in (suspect_reason(pub(89), 100) or "")
    assert "Record_Count 120 but holds 100" in (suspect_reason(pub(100, 120), 100) or "")
    assert "no entries" in (suspect_reason(pub(0), None) or "")
    assert suspect_reason(pub(3), None) is None  # first snapshot: nothing to compare
