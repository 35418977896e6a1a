"""`make dist`: the built site as one zip file, to copy to a USB stick and open from disk.

    python -m sourcebook.offline.dist _build/html _build/dist/china-russia-central-asia.zip

The files are stored under one top folder, in sorted order with a fixed date, so the same site gives
the same zip byte for byte. Nothing that only the build needs (`.buildinfo`) goes in.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

LEFT_OUT = {".buildinfo"}
DATE = (2026, 1, 1, 0, 0, 0)


def make_zip(site: Path, target: Path) -> Path:
    """Zip the folder `site` into `target` (its files under a folder named after the zip)."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no index.html here; build the course first (make book)")
    target.parent.mkdir(parents=True, exist_ok=True)
    top = target.stem
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name not in LEFT_OUT):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", DATE)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    out = make_zip(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{out}: {out.stat().st_size:,} bytes")
