"""PT Guide: a Flask app that is frozen into a static, offline, installable site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from . import brand, diary, exercises, faq, home, pain_check, programme, pwa, seo, session
from .assets import init_assets
from .content import build_date, load_content
from .page_shell import init_page_shell
from .search_index import SYNONYMS_FILE, load_synonyms
from .settings import load_settings, review_warnings

__version__ = "0.1.0"

ROOT = Path(__file__).resolve().parent.parent

# Blueprints in menu order; each one also lists the pages it contributes to the build.
BLUEPRINTS = (home, faq, pain_check, diary, exercises, programme, session, pwa, brand, seo)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app for the content folder in PTGUIDE_SITE (default: site/)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.from_mapping(
        SITE_DIR=Path(os.environ.get("PTGUIDE_SITE", ROOT / "site")),
        BUILD_DATE=build_date(dict(os.environ)),
        VERSION=__version__,
    )
    if test_config:
        app.config.update(test_config)
    site_dir = Path(app.config["SITE_DIR"])
    settings = load_settings(site_dir / "site.toml")
    content = load_content(site_dir, settings)
    app.extensions["ptguide"] = {
        "settings": settings,
        "content": content,
        "synonyms": load_synonyms(site_dir / SYNONYMS_FILE, set(content.positions)),
        "warnings": review_warnings(site_dir / "site.toml", settings, app.config["BUILD_DATE"]),
        "brand": brand.load_brand(site_dir, settings),
    }
    init_assets(app)
    init_page_shell(app)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    return app


def site_pages(app: Flask) -> list[tuple[str, dict[str, Any]]]:
    """Every page of the site as (endpoint, url values): drives the freezer, the tests and the precache list."""
    return [page for module in BLUEPRINTS for page in module.pages(app)]
