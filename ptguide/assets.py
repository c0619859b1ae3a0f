"""CSS and JS bundles: minified, content-hashed file names, URLs relative to each page."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from flask_assets import Bundle, Environment
from webassets.filter import register_filter
from webassets.version import Manifest

from .esm_concat import EsmConcat
from .urls import relative

register_filter(EsmConcat)

GENERATED = "gen"  # under static/; ignored by git and rebuilt on every freeze

# One stylesheet per page: the shared core plus that kind of page's rules, so no page carries another
# page's styles and none pays for a second request (templates/base.html links "content"; the tool pages
# override its `stylesheet` block).
CSS_CORE = ["css/tokens.css", "css/base.css", "css/layout.css", "css/components.css", "css/print.css"]
CSS_BUNDLES: dict[str, list[str]] = {
    "content": [*CSS_CORE, "css/content.css"],
    "checklists": [*CSS_CORE, "css/pain-check.css"],
    "diary": [*CSS_CORE, "css/diary.css"],
    "programme": [*CSS_CORE, "css/programme.css"],
}


# Each page loads the common script plus its own; the order is the modules' dependency order.
JS_BUNDLES: dict[str, list[str]] = {
    "app": ["js/start-modules.js", "js/header-menu.js", "js/offline-status.js", "js/app.js"],
    "faq": ["js/start-modules.js", "js/lib/faq-filter.js", "js/faq-page.js"],
    "home": ["js/start-modules.js", "js/install-help.js", "js/home-page.js"],
    "pain-check": ["js/lib/storage.js", "js/lib/pain-check-rules.js", "js/lib/pain-check-answers.js", "js/pain-check.js"],
    # Fetched by the pain check only when the patient saves a result to the diary.
    # Its storage.js is the pain check's own, handed over (storage-handoff.js).
    "pain-check-diary": ["js/storage-handoff.js", "js/lib/storage-salvage.js", "js/lib/diary-session.js", "js/lib/diary-model.js",
                         "js/lib/pain-check-diary.js", "js/lib/storage-lock.js", "js/pain-check-diary-page.js"],
    "next-session": ["js/lib/storage.js", "js/next-session.js"],
    "diary": ["js/lib/storage.js", "js/lib/storage-salvage.js", "js/lib/storage-recovery.js", "js/lib/storage-lock.js",
              "js/lib/diary-session.js", "js/lib/diary-model.js", "js/lib/diary-observe.js", "js/lib/diary-json.js",
              "js/lib/diary-chart.js",
              "js/lib/session-view.js", "js/lib/diary-view.js", "js/diary-sessions.js", "js/diary.js",
              "js/lib/session-morning.js", "js/session-morning.js"],
    "diary-share": ["js/diary-model-handoff.js", "js/lib/programme-model.js", "js/lib/session-csv.js", "js/lib/diary-share.js",
                    "js/diary-share-page.js"],
    # The guided session: its own page, its own bundle (the diary's model to save its one entry).
    # Its Save loads "pain-check-diary", the one-entry writer with the diary's salvage and lock rules.
    "session": ["js/lib/storage.js", "js/lib/diary-session.js", "js/lib/diary-model.js", "js/lib/pain-check-rules.js",
                "js/lib/session-timer.js", "js/lib/programme-model.js", "js/lib/session-flow.js", "js/lib/session-save.js",
                "js/session.js"],
    # My programme; also fetched by the home page for "Today's exercises", only when a programme is kept on the phone
    # (home-page.js): one bundle for both, so the offline app stores the programme's code once.
    "programme": ["js/lib/storage.js", "js/lib/storage-lock.js", "js/lib/diary-session.js", "js/lib/diary-model.js",
                  "js/lib/programme-model.js", "js/home-today.js", "js/programme.js",
                  # The next morning's question on the home page (a session needs a programme, so this bundle is there).
                  "js/lib/session-morning.js", "js/session-morning.js"],
}


class MemoryManifest(Manifest):
    """Remembers each bundle's hash for the life of the app, so no manifest file is left in the tree."""

    def __init__(self):
        self.versions: dict[str, str] = {}

    def remember(self, bundle, ctx, version):
        self.versions[bundle.output] = version

    def query(self, bundle, ctx):
        return self.versions.get(bundle.output)


def init_assets(app: Flask) -> Environment:
    """Register the bundles on the app and expose `bundle_url()` to templates."""
    app.config.setdefault("ASSETS_DEBUG", False)  # debug mode would serve raw ES modules that need the bundler
    app.config.setdefault("ASSETS_URL_EXPIRE", False)  # the hash is in the name: no ?query cache-busters
    app.config.setdefault("ASSETS_VERSIONS", "hash")
    app.config.setdefault("ASSETS_MANIFEST", MemoryManifest())
    app.config.setdefault("ASSETS_CACHE", False)
    env = Environment(app)
    for name, files in CSS_BUNDLES.items():
        env.register(f"css-{name}", Bundle(*files, filters="rcssmin", output=f"{GENERATED}/{name}.%(version)s.css"))
    for name, files in JS_BUNDLES.items():
        env.register(f"js-{name}", Bundle(*files, filters=("esm_concat", "rjsmin"), output=f"{GENERATED}/{name}.%(version)s.js"))

    built: dict[str, str] = app.extensions.setdefault("ptguide_bundle_urls", {})

    def bundle_url(name: str) -> str:
        # While freezing, sources cannot change, so each bundle is checked once rather than on every page;
        # the dev server checks every time so that an edited stylesheet shows on the next reload.
        if name not in built or not app.config.get("FREEZING"):
            (built[name],) = env[name].urls()
        return relative(built[name])

    app.jinja_env.globals["bundle_url"] = bundle_url
    return env


def bundle_files(app: Flask) -> list[str]:
    """Root-relative URLs of every built bundle (the freezer and the precache list use these)."""
    env: Environment = app.jinja_env.assets_environment
    with app.test_request_context():
        return [url for name in bundle_names() for url in env[name].urls()]


def bundle_names() -> list[str]:
    """Every registered bundle's name."""
    return [*(f"css-{name}" for name in CSS_BUNDLES), *(f"js-{name}" for name in JS_BUNDLES)]


def clean_generated(app: Flask) -> None:
    """Delete bundles from earlier builds so none is frozen or served by mistake."""
    shutil.rmtree(Path(app.static_folder) / GENERATED, ignore_errors=True)
    app.extensions.get("ptguide_bundle_urls", {}).clear()
