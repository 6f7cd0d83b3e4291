"""Browser fixtures: Debian's Chromium driven by Playwright, pointed at the gateway."""

from __future__ import annotations

import random
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.support import INBOX_API

# Debian's own Chromium: Playwright must never download a browser of its own here.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NewPage = Callable[[str], Page]


@pytest.fixture(scope="session")
def counter_url(gateway_url: str) -> str:
    """Where the web counter is served: the gateway (GUICHET_GATEWAY_URL), or for a quick try
    any server of web/dist such as `npx vite preview --port 8000`."""
    try:
        with urllib.request.urlopen(f"{gateway_url}/", timeout=5) as response:  # noqa: S310
            response.read(1)
    except (urllib.error.URLError, OSError) as error:
        pytest.fail(f"the web counter is not reachable at {gateway_url}/ ({error})")
    return gateway_url


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread
# while it is open, and other modules' tests use asyncio.run().
@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium: Browser) -> Iterator[NewPage]:
    """Opens a page in a fresh browser profile whose preferred language is `locale`."""
    contexts: list[BrowserContext] = []

    def open_page(locale: str) -> Page:
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Callable[[], httpx.Client]]:
    """httpx clients from a loopback address of their own, so Python's calls do not spend the
    browser's rate-limit budget (Chromium is 127.0.0.1)."""
    opened: list[httpx.Client] = []
    local = urlsplit(gateway_url).hostname in ("127.0.0.1", "localhost")

    def open_client() -> httpx.Client:
        address = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        transport = httpx.HTTPTransport(local_address=address) if local else None
        client = httpx.Client(base_url=gateway_url, transport=transport, timeout=30.0)
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        client.close()


@pytest.fixture
def cleanup_inbox() -> Iterator[list[str]]:
    recipients: list[str] = []
    yield recipients
    with httpx.Client(base_url=INBOX_API, timeout=10) as client:
        for recipient in recipients:
            client.delete("/messages", params={"to": recipient})
