"""Where the guide is published, and what that means for who else can reach a patient's diary."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# Every site of a GitHub account (https://<account>.github.io/ and each /<repository>/) is served from one origin.
GITHUB_PAGES_HOST = re.compile(r"^[a-z0-9-]+\.github\.io$", re.IGNORECASE)
# What a site on a shared origin can do to the guide: the storage and the service worker's caches are per origin.
REACH = ("can read, change or delete the patients' diaries and replace the guide's offline pages, "
         "emergency advice included")
REMEDY = ("use a custom domain or an account that publishes nothing else "
          "(docs/deploying.md, 'One account, one origin')")


def shared_host(base_url: str) -> str:
    """The host name when base_url is a github.io address, whose origin every site of that account shares; else ""."""
    host = urlsplit(base_url or "").hostname or ""
    return host if GITHUB_PAGES_HOST.match(host) else ""


def shared_origin_notice(base_url: str, environ: Mapping[str, str] | None = None) -> str:
    """One line for the build's output when the guide is, or may be, published on a shared github.io origin.

    With base_url empty (the default) the build cannot know the address: GitHub Actions names the account that
    publishes, so its github.io host is named; elsewhere the line says what to check.
    """
    host = shared_host(base_url)
    if host:
        return (f"Notice: every GitHub Pages site of the account '{host.split('.')[0]}' shares https://{host}/, and any "
                f"of them {REACH}; {REMEDY}.")
    if base_url:
        return ""
    environ = {} if environ is None else environ
    owner = environ.get("GITHUB_REPOSITORY_OWNER", "") if environ.get("GITHUB_ACTIONS") == "true" else ""
    if re.fullmatch(r"[A-Za-z0-9-]+", owner):
        return (f"Notice: base_url is empty; unless this guide has a custom domain, it is published on "
                f"https://{owner.lower()}.github.io/, which every GitHub Pages site of the account '{owner}' shares, "
                f"and any of them {REACH}; {REMEDY}, then set base_url.")
    return ("Notice: base_url is empty, so the build cannot tell where the guide is published; on a github.io address "
            f"every GitHub Pages site of the same account {REACH}; {REMEDY}, then set base_url.")
