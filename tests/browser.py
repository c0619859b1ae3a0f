"""Find and launch a Chromium for the browser tests, and watch a page for failures."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Chromium's own background traffic has nowhere to go on a closed network and would only add noise.
QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
]


def chromium_path() -> str | None:
    """$CHROME_PATH, else an installed Chromium or Chrome, else None (Playwright's own build)."""
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def launch_options(headless: bool = True) -> dict:
    flags = list(QUIET_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return {"executable_path": chromium_path(), "headless": headless, "args": flags}


@dataclass
class PageWatch:
    """Every console error, uncaught exception, failed request and 4xx/5xx response a page caused."""

    problems: list[str] = field(default_factory=list)
    expected_statuses: dict[str, int] = field(default_factory=dict)

    def attach(self, page) -> PageWatch:
        page.on("console", self._check_console)
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("requestfailed", self._check_failure)
        page.on("response", self._check_status)
        return self

    def _check_failure(self, request) -> None:
        # A request cut short because the test moved on to the next page is not a fault of the page.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _check_console(self, message) -> None:
        # Chromium logs every 4xx as a console error; _check_status judges those with the expected statuses.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console: {message.text}")

    def _check_status(self, response) -> None:
        if response.status >= 400 and self.expected_statuses.get(response.url) != response.status:
            self.problems.append(f"HTTP {response.status}: {response.url}")
