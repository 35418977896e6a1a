"""Classic-script forms of the page modules, made at build time: pages opened from disk (`file://`)
cannot load module scripts, so every page links these instead, over http as from disk.

The modules stay ES modules in the package (Jupyter loads exercise.js as the widget's `_esm`). The
transform knows the few forms the modules use: `import {a, b as c} from "./name.js";` of a sibling
module, `export` before a declaration, `export default EXPR;`. Each module becomes one function scope
that registers its exports in `window.sourcebookModules[name]`; a page links a module's imports before
it. Any other import or export form stops the build with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

MODULES = Path(__file__).resolve().parent.parent / "static" / "sourcebook"
FOLDER = "sourcebook/classic"  # under _static
IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w-]+)\.js";?[ \t]*$', re.M)
DECLARATION = re.compile(r"^export\s+((?:async\s+)?function\*?|const|let|var|class)\s+([\w$]+)", re.M)
DEFAULT = re.compile(r"^export\s+default\s+", re.M)
UNSUPPORTED = re.compile(r"^\s*(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b", re.M)
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
REGISTRY = "window.sourcebookModules"


@dataclass
class Classic:
    """A module's classic form and the sibling modules it imports (to be linked before it)."""

    text: str
    imports: list[str]


def to_classic(name: str, source: str, path: str = "<module>") -> Classic:
    """The classic-script form of module `name` (its text `source`, read from `path`)."""
    imports, lines = [], []
    for match in IMPORT.finditer(source):
        names = [part.strip() for part in match[1].split(",") if part.strip()]
        pattern = ", ".join(n.replace(" as ", ": ") if " as " in n else n for n in names)
        imports.append(match[2])
        lines.append(f'const {{ {pattern} }} = {REGISTRY}["{match[2]}"];')
    body = IMPORT.sub("", source)
    exported = [m[2] for m in DECLARATION.finditer(body)]
    body = DECLARATION.sub(lambda m: f"{m[1]} {m[2]}", body)
    if DEFAULT.search(body):
        body = DEFAULT.sub("const __default = ", body, count=1)
        exported.append("default: __default")
    code = BLOCK_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), body)  # JSDoc may say import("./x.js")
    for match in UNSUPPORTED.finditer(code):
        line = body[: match.start()].count("\n") + 1  # the substitutions above keep every line break
        raise ExtensionError(
            f"{path}:{line}: the classic-script transform does not handle "
            f"'{match[0].strip()}' (use a named sibling import, export before a declaration, "
            "or export default)"
        )
    text = (
        f"/* The classic-script form of {name}.js, made at build time (sourcebook.offline.classic). */\n"
        '(function () {\n"use strict";\n'
        + "".join(line + "\n" for line in lines)
        + body.rstrip()
        + f'\n({REGISTRY} = {REGISTRY} || {{}})["{name}"] = {{ {", ".join(exported)} }};\n}})();\n'
    )
    return Classic(text, imports)


def write_classic_scripts(app):
    """builder-inited: write the classic form of each module that pages load (the node scripts of
    `htmlnodes.add_html_node`) and of the modules they import, into a static folder of its own."""
    if app.builder.format != "html":
        return
    folder = Path(app.doctreedir).parent / "sourcebook-classic"
    app.sourcebook_classic = {}
    pending = sorted({Path(js).stem for js in getattr(app, "sourcebook_node_scripts", {}).values() if js})
    while pending:
        name = pending.pop(0)
        path = MODULES / f"{name}.js"
        classic = to_classic(name, path.read_text(encoding="utf-8"), str(path))
        target = folder / FOLDER / f"{name}.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != classic.text:
            target.write_text(classic.text, encoding="utf-8")
        app.sourcebook_classic[name] = classic.imports
        pending += [n for n in classic.imports if n not in app.sourcebook_classic and n not in pending]
    app.config.html_static_path.append(str(folder))


def link_classic_scripts(app, pagename, templatename, context, doctree):
    """html-page-context: each page module's script tag becomes its classic form's, after the
    classic forms of the modules it imports (each once)."""
    classic = getattr(app, "sourcebook_classic", {})
    scripts, linked = [], set()

    def link(name, like):
        for dependency in classic[name]:
            link(dependency, like)
        if name not in linked:
            linked.add(name)
            scripts.append(_JavaScript(f"_static/{FOLDER}/{name}.js", priority=like.priority))

    for script in context.get("script_files", []):
        match = re.fullmatch(r"_static/sourcebook/([\w-]+)\.js", script.filename or "")
        if match and match[1] in classic and getattr(script, "attributes", {}).get("type") == "module":
            link(match[1], script)
        else:
            scripts.append(script)
    context["script_files"] = scripts
