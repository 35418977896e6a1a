"""Which Chromium prints the PDFs and runs the browser tests: Debian's (/usr/bin/chromium), or, with
SOURCEBOOK_BROWSER=playwright (GitHub's runners, where `playwright install --with-deps chromium` put it),
Playwright's own build."""

from __future__ import annotations

import os
import shutil

CHROMIUM = None if os.environ.get("SOURCEBOOK_BROWSER") == "playwright" \
    else shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
