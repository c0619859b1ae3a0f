"""Where the guide is published, and what that means for who else can read a patient's diary."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A GitHub Pages project site: https://<account>.github.io/<repository>/ (the account's own site has no path).
PROJECT_SITE = re.compile(r"^[a-z0-9-]+\.github\.io$", re.IGNORECASE)


def shared_origin_notice(base_url: str) -> str:
    """One line when base_url is a github.io project address, whose origin every site of that account shares."""
    parts = urlsplit(base_url or "")
    if not (PROJECT_SITE.match(parts.hostname or "") and parts.path.strip("/")):
        return ""
    return (f"Notice: {parts.scheme}://{parts.hostname}/ is shared by every GitHub Pages site of the account "
            f"'{parts.hostname.split('.')[0]}', and any of them can read the patients' diaries; use a custom domain "
            "or an account that publishes nothing else (docs/deploying.md, 'One account, one origin').")
