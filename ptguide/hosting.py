"""Where the guide is published, and what that means for who else can read a patient's diary."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Every site of a GitHub account (https://<account>.github.io/ and each /<repository>/) is served from one origin.
GITHUB_PAGES_HOST = re.compile(r"^[a-z0-9-]+\.github\.io$", re.IGNORECASE)


def shared_host(base_url: str) -> str:
    """The host name when base_url is a github.io address, whose origin every site of that account shares; else ""."""
    host = urlsplit(base_url or "").hostname or ""
    return host if GITHUB_PAGES_HOST.match(host) else ""


def shared_origin_notice(base_url: str) -> str:
    """One line for the build's output when the guide is published on a shared github.io origin."""
    host = shared_host(base_url)
    if not host:
        return ""
    return (f"Notice: every GitHub Pages site of the account '{host.split('.')[0]}' shares https://{host}/, and any of "
            "them can read the patients' diaries; use a custom domain or an account that publishes nothing else "
            "(docs/deploying.md, 'One account, one origin').")
