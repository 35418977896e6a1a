"""python -m sourcebook.paper HTML_DIR OUT_DIR [--title T]: print a built edition to PDF."""

from .cli import main

raise SystemExit(main())
