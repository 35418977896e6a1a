"""The publishing workflow passes zizmor's audit (offline: no GitHub API calls)."""

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

ZIZMOR = str(Path(sys.executable).parent / "zizmor")


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ZIZMOR, "--offline", "--format", "plain", str(folder)], capture_output=True, text=True)


def test_workflow_has_no_zizmor_finding():
    result = zizmor(ROOT / ".github" / "workflows")
    assert result.returncode == 0 and "No findings" in result.stdout + result.stderr, result.stdout + result.stderr


def test_zizmor_flags_an_unpinned_action_and_broad_permissions(tmp_path):
    """The same audit fails the workflow with a tag instead of a commit and Pages rights for every job."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    text = text.replace("permissions: {}", "permissions: {contents: read, pages: write, id-token: write}")
    text = text.replace("    permissions:\n      contents: read\n", "", 1)  # the build job inherits them
    text = text.replace("actions/checkout@11d5960a326750d5838078e36cf38b85af677262", "actions/checkout@v4")
    (folder / "book.yml").write_text(text, encoding="utf-8")
    result = zizmor(folder)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "excessive-permissions" in result.stdout, result.stdout
