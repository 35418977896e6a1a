"""Offline after one visit: the service worker and the web app manifest, written at build-finished.

The worker's precache list is exactly the files the built pages use: every page, the scripts, style
sheets, icons and images they link, the fonts their style sheets name and the chart library their
charts load. Its cache is named after a hash of all those files, so a new build installs beside the
old one, whole or not at all, and takes over only when the reader reloads (see offline.js).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

from ..stylesheet import _url, _walk
from ..translation import own_files

WORKER = "sw.js"  # at the site's root, so that its scope is the whole site
MANIFEST = "manifest.webmanifest"
TEMPLATE = Path(__file__).parent / "sw.js"
LINKED = {"stylesheet", "icon", "manifest", "preload", "modulepreload"}
# The only start tags whose attributes name what a page loads: the parser reads these, not whole pages.
TAGS = re.compile(r"<(?:html|script|link|img|figure)\b[^>]*>", re.I)


class _References(HTMLParser):
    """The addresses a page loads: script and image sources, linked style sheets and icons, and the
    vega bundle a chart figure names (`data-vega`, loaded by chart.js from the page's content root)."""

    def __init__(self):
        super().__init__()
        self.found, self.root = [], ""

    def set_cdata_mode(self, *args, **kwargs):
        """Fed start tags only (see TAGS), so no tag opens raw text (a script's body)."""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs.get("data-content_root") or ""
        if tag in ("script", "img") and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "link" and LINKED & set((attrs.get("rel") or "").split()) and attrs.get("href"):
            self.found.append(attrs["href"])
        if attrs.get("data-vega"):
            self.found.append(f"{self.root}_static/sourcebook/vendor/{attrs['data-vega']}")


def _local(base: str, address: str) -> str | None:
    """`address` (as written in the file at `base`) as a path from the site's root, or None when it
    points elsewhere (another host, a data: URL, an anchor)."""
    address = address.split("#", 1)[0].split("?", 1)[0]
    if not address or ":" in address.split("/", 1)[0] or address.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), address))


def page_files(outdir: Path) -> list[str]:
    """Every file the built pages use, as sorted paths from the site's root."""
    pages = sorted(
        p.relative_to(outdir).as_posix()
        for p in own_files(outdir, outdir.rglob("*.html"))
        if not p.relative_to(outdir).as_posix().startswith("_static/")
    )
    files = set(pages)  # the manifest and the icon are linked from every page
    if (outdir / "favicon.ico").is_file():  # what a browser asks for on a page that links no icon
        files.add("favicon.ico")
    for page in pages:
        parser = _References()
        parser.feed("".join(TAGS.findall((outdir / page).read_text(encoding="utf-8"))))
        for address in parser.found:
            local = _local(page, address)
            if local and (outdir / local).is_file():
                files.add(local)
    for sheet in [f for f in sorted(files) if f.endswith(".css")]:
        rules = tinycss2.parse_stylesheet((outdir / sheet).read_text(encoding="utf-8"), skip_comments=True)
        for url in filter(None, map(_url, _walk(rules))):
            local = _local(sheet, url)
            if local and (outdir / local).is_file():
                files.add(local)
    return sorted(files)


def write_manifest(outdir: Path, title: str, favicon: str | None) -> None:
    """The web app manifest: the course opens at its first page, like an installed app, with the
    site's icon (`html_favicon`, which Sphinx copies into _static/)."""
    manifest: dict = {
        "name": title,
        "short_name": "Central Asia course",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#ffffff",
        "icons": [],
    }
    icon = f"_static/{Path(favicon).name}" if favicon else None
    if icon and (outdir / icon).is_file():
        manifest["icons"].append({"src": icon, "type": "image/png" if icon.endswith(".png") else "image/x-icon"})
    (outdir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_worker(outdir: Path) -> dict:
    """Write sw.js for the site in `outdir`: its precache list and the build hash naming its cache.
    Returns {"version", "files", "bytes"}."""
    files = page_files(outdir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (outdir / name).read_bytes() + b"\0")
    version = digest.hexdigest()[:16]
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace('"__VERSION__"', json.dumps(version))
        .replace("__FILES__", json.dumps(files, indent=1))
    )
    (outdir / WORKER).write_text(text, encoding="utf-8")
    return {"version": version, "files": files, "bytes": sum((outdir / f).stat().st_size for f in files)}


def write_offline_files(app, exception):
    """build-finished: the manifest, then the worker (after the style sheet bundle is written)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    write_manifest(outdir, app.config.html_title or app.config.project, app.config.html_favicon)
    write_worker(outdir)


def link_manifest(app, pagename, templatename, context, doctree):
    """html-page-context: every page names the manifest."""
    href = context["pathto"](MANIFEST, 1)
    context["metatags"] = context.get("metatags", "") + f'\n<link rel="manifest" href="{href}" />'
