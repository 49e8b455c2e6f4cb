"""The dashboard in a real browser: headless Chromium, driven through chromedriver, against
`eventwire serve`'s app on the demo corpus. Asserts on what a reader sees."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import ingest
from eventwire.serve.api import create_app
from eventwire.store.db import Store
from eventwire.store.reader import Reader
from tests.conftest import DEMO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT = 20  # seconds for the page to settle

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (installed by .ci/run)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    path = tmp_path_factory.mktemp("dashboard") / "demo.db"
    with Store(str(path)) as store:
        ingest([str(DEMO)], store)
    reader = Reader(str(path))
    port = free_port()
    config = uvicorn.Config(create_app(reader), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    reader.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1800", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def settled(browser: Any) -> str:
    """Wait until the page reports what it loaded; return that status line."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def done(driver: Any) -> str | bool:
        text = str(driver.find_element(By.ID, "status").text)
        return text if "events shown" in text or text.startswith("Error") else False

    status = str(WebDriverWait(browser, WAIT).until(done))
    assert not status.startswith("Error"), status
    return status


def rows(browser: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr"))


def test_the_dashboard_shows_timeline_network_events_stories_and_flags(
    browser: Any, server: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    status = settled(browser)
    assert int(status.split()[0]) == len(rows(browser)) > 0
    for chart in ("timeline-chart", "network-chart"):
        canvas = browser.find_element(By.CSS_SELECTOR, f"#{chart} canvas")
        assert canvas.is_displayed() and canvas.size["width"] > 200
    stories = browser.find_elements(By.CSS_SELECTOR, "#stories-list li")
    assert len(stories) > 5
    flags = browser.find_element(By.ID, "flags-list").text
    assert "role_not_held_on_date" in flags and "Ben Wallace" in flags
    shot = tmp_path / "dashboard.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_a_filter_narrows_the_view_and_lives_in_a_shareable_url(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    settled(browser)
    everything = len(rows(browser))
    actor = browser.find_element(By.ID, "f-actor")
    actor.clear()
    actor.send_keys("RUS")
    browser.find_element(By.ID, "apply").click()
    time.sleep(0.3)  # the status is rewritten once the new view is in
    settled(browser)
    narrowed = rows(browser)
    assert 0 < len(narrowed) < everything
    assert all("RUS" in row.find_elements(By.TAG_NAME, "td")[2].text for row in narrowed)
    assert "actor=RUS" in browser.current_url
    browser.get(server + "/?type=CONSULT&to=2022-12-31")  # a shared link
    settled(browser)
    shared = rows(browser)
    assert browser.find_element(By.ID, "f-type").get_attribute("value") == "CONSULT"
    assert shared and all(
        row.find_elements(By.TAG_NAME, "td")[1].text.startswith("CONSULT") for row in shared
    )
    assert all(row.find_elements(By.TAG_NAME, "td")[0].text <= "2022-12-31" for row in shared)


def test_opening_an_event_highlights_its_evidence_in_the_article(
    browser: Any, server: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as visible
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/?outlet=Capitol%20Brief")
    settled(browser)
    first = rows(browser)[0]
    evidence = first.find_elements(By.TAG_NAME, "td")[3].text.rstrip("…")
    first.click()
    mark = WebDriverWait(browser, WAIT).until(
        visible.visibility_of_element_located((By.ID, "evidence-mark"))
    )
    assert mark.text.startswith(evidence[:100])
    assert "Capitol Brief" in browser.find_element(By.ID, "evidence-meta").text
    browser.find_element(By.CSS_SELECTOR, "#removed summary").click()
    removed = browser.find_elements(By.CSS_SELECTOR, "#removed-list li")
    assert removed and all(item.is_displayed() for item in removed)
    shot = tmp_path / "evidence.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
