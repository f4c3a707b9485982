"""The status page in a real headless Chromium (Debian's `chromium`, driven by Playwright with
that executable; `playwright install` is never run): the tables as the browser builds them,
and a screenshot of the timeline that shows the status bands in their colours.

Skips with the reason when /usr/bin/chromium is missing (`.ci/run` installs it with apt-get).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor.web.pages import STATE_COLOURS
from tests.support.png import decode_png
from tests.support.web import populated, running

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _skip_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_tables_in_the_dom(tmp_path: Path, browser: Any) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        page = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)  # a phone
        page.goto(srv.url)
        assert page.title() == "Sanctions monitor"
        sources = page.locator("#sources tbody tr")
        assert sources.count() == 3
        assert sources.nth(0).locator("td").all_inner_texts()[:3] == ["news", "feed", "ok"]
        status = page.locator("#status tbody tr")
        cells = status.nth(0).locator("td").all_inner_texts()
        assert status.count() == 1 and cells[0] == "Belavia" and cells[1].startswith("lifted since ")
        assert page.locator("#status thead th").all_inner_texts() == ["Entity", "US"]
        assert page.locator("#changes article.change").count() == 3
        assert page.locator("#changes article.change h3").first.inner_text() == "Belavia: US sanctions lifted"
        # usable on a phone: the page itself does not scroll sideways; wide tables scroll in their box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click("text=Belavia")
        assert page.url == srv.url + "entity/belavia"
        assert page.locator("#events tbody tr").count() == 3
        assert page.locator("#timeline svg rect.band").count() == 3
        assert page.locator("#events thead th").all_inner_texts()[:2] == ["Date", "Report"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#timeline svg").bounding_box()["width"] > 300  # the picture fills the phone
        page.close()


def test_timeline_screenshot_shows_the_bands(tmp_path: Path, browser: Any) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        page = browser.new_page(viewport={"width": 800, "height": 900})
        page.goto(srv.url + "entity/belavia")
        svg = page.locator("#timeline svg")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 40
        shot = svg.screenshot()
        page.close()
    width, height, pixels = decode_png(shot)
    assert width > 300 and height > 40
    colours = set(pixels)
    assert len(colours) > 10  # not a blank area
    counts = {
        state: sum(1 for p in pixels if p == _rgb(STATE_COLOURS[state]))
        for state in ("sanctioned", "lifted", "unknown")
    }
    # the red "sanctioned" band spans 38 of the 48 days; the green "lifted" band the last 3
    assert counts["sanctioned"] > 5 * counts["lifted"] > 0 and counts["unknown"] > 0, counts
    assert sum(1 for p in pixels if p == (255, 255, 255)) < 0.9 * len(pixels)
