"""The classic-script transform of the page modules: what it turns into what, and the forms it refuses."""

import pytest
from sphinx.errors import ExtensionError

from sourcebook.offline.classic import to_classic


def test_imports_and_exports_become_a_registry():
    classic = to_classic(
        "progress",
        'import { readProgress, STORAGE_KEY as KEY } from "./exercise.js";\n'
        "export function renderProgress() {}\nexport const N = 1;\n"
        "const hidden = 2;\nexport default { renderProgress };\n",
    )
    assert classic.imports == ["exercise"]
    text = classic.text
    assert 'const { readProgress, STORAGE_KEY: KEY } = window.sourcebookModules["exercise"];' in text
    assert "function renderProgress() {}\nconst N = 1;" in text and "export" not in text.split("*/", 1)[1]
    assert text.rstrip().endswith('["progress"] = { renderProgress, N, default: __default };\n})();')
    assert "hidden" not in text.rsplit("=", 1)[1]


@pytest.mark.parametrize(
    "line",
    [
        'export * from "./x.js";',
        'const m = await import("./x.js");',
        "const here = import.meta.url;",
        'import x from "./x.js";',
    ],
)
def test_other_module_forms_stop_the_build_with_file_and_line(line):
    with pytest.raises(ExtensionError, match=r"^chart\.js:3: the classic-script transform does not handle"):
        to_classic("chart", f"// @ts-check\nconst a = 1;\n{line}\n", "chart.js")
