"""Serve a built site the way GitHub Pages does: under a subpath, 404.html for missing addresses.

Used by `make preview` and by the browser tests, so both see what a real host serves.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import mimetypes
import posixpath
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under each mounted prefix; folders answer with index.html; anything else gets 404.html, status 404.

    Several sites can be mounted under different prefixes of one origin, as on username.github.io.
    """

    def __init__(self, *args, mounts: dict[str, str], **kwargs):
        self.mounts = mounts
        super().__init__(*args, directory=next(iter(mounts.values())), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 (stdlib's signature)
        pass

    def end_headers(self):
        # GitHub Pages caches for 10 minutes; the tests and preview want to see every rebuild at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        # The longest matching prefix wins, so /a/ and /a/b/ can both be mounted.
        prefix = max((p for p in self.mounts if path.startswith(p) or path + "/" == p), key=len, default=None)
        if prefix is None:
            return self._not_found()
        self.directory = self.mounts[prefix]
        relative = path[len(prefix):] if path.startswith(prefix) else ""
        target = Path(self.directory) / posixpath.normpath("/" + relative).lstrip("/")
        if target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        return self._send_file(target, 200)

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send_file(page, 404)
        self.send_error(404)
        return None

    def _send_file(self, file: Path, status: int):
        body = file.open("rb")
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(file.stat().st_size))
        self.end_headers()
        return body


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection early (a page closed mid-download) is not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def normalise_prefix(prefix: str) -> str:
    """'/pt-guide' or 'pt-guide/' -> '/pt-guide/'; '' -> '/'."""
    return "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


def make_server(directory: Path | None = None, prefix: str = "/", host: str = "127.0.0.1", port: int = 0,
                mounts: dict[str, Path] | None = None) -> QuietServer:
    """A server for `directory` under `prefix` (or several `mounts`: prefix -> folder); port 0 picks a free port."""
    mounts = mounts or {prefix: directory}
    handler = functools.partial(PagesHandler, mounts={normalise_prefix(p): str(d) for p, d in mounts.items()})
    return QuietServer((host, port), handler)


def serve_in_thread(directory: Path | None = None, prefix: str = "/", mounts: dict[str, Path] | None = None,
                    ) -> tuple[QuietServer, str]:
    """Start a server in a background thread; return it and the base URL of `prefix` (or of the origin, with mounts)."""
    server = make_server(directory, prefix, mounts=mounts)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    return server, origin + ("/" if mounts else normalise_prefix(prefix))


def _lan_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Preview a built PT Guide the way GitHub Pages serves it.")
    parser.add_argument("directory", nargs="?", default="build", type=Path)
    parser.add_argument("--prefix", default="/pt-guide/", help="subpath to serve under, as on GitHub Pages (default /pt-guide/)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--lan", action="store_true", help="also listen on the local network, to try it on a phone")
    args = parser.parse_args(argv)
    host = "0.0.0.0" if args.lan else "127.0.0.1"
    server = make_server(args.directory, args.prefix, host, args.port)
    port, prefix = server.server_address[1], normalise_prefix(args.prefix)
    print(f"Serving {args.directory}/ at http://127.0.0.1:{port}{prefix}")
    if args.lan:
        print(f"On a phone on the same Wi-Fi: http://{_lan_address()}:{port}{prefix}\n"
              "  (pages and tools work there; offline mode needs HTTPS, so try that after publishing)")
    print("Press Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
