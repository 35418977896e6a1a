"""Which Chromium prints the PDFs and runs the browser tests and benchmarks: Debian's
(/usr/bin/chromium), or, with SOURCEBOOK_BROWSER=playwright (GitHub's runners, where `playwright install
--with-deps chromium` put it), Playwright's own build; and the local server it reads pages from."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

CHROMIUM = (
    None if os.environ.get("SOURCEBOOK_BROWSER") == "playwright" else shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: str | os.PathLike, handler: type = QuietHandler):
    """`folder` on an HTTP server on 127.0.0.1 (module scripts do not run from file://); yields its
    address, with a trailing slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(Path(folder))))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
