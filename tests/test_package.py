"""The package as a package: the wheel holds every module and data file of `sourcebook/`, installs
without `-e` in a fresh venv with the dependencies `pyproject.toml` declares, and from a folder
outside the project checks, builds and reads a copy of the course named with `--course` or found
from the current folder upward."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sourcebook.course import CourseNotFound, find_course
from sourcebook.reading.workformat import new_work, write_work

from .conftest import ROOT, copy_course_data

COURSE_FILES = ("_config.yml", "_toc.yml", "book", "exercises", "seeds")


def package_files() -> set[str]:
    """Every file of the package in the tree (what the wheel must carry)."""
    tree = ROOT / "sourcebook"
    return {
        p.relative_to(ROOT).as_posix()
        for p in tree.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def run(cmd: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, cmd))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def constraints(folder: Path) -> Path:
    """requirements.txt's pins without the editable install of this project: the venv gets the same versions."""
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if not line.startswith("-e")]
    path = folder / "constraints.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built as `pip wheel --no-deps .` builds it."""
    wheels, source = tmp_path_factory.mktemp("wheels"), tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):  # a copy: a build in the tree would leave build/ behind
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "sourcebook", source / "sourcebook", ignore=shutil.ignore_patterns("__pycache__"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(source)], cwd=wheels)
    (built,) = wheels.glob("sourcebook-*.whl")
    return built


def test_the_wheel_holds_every_module_and_data_file_of_the_package(wheel):
    inside = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("sourcebook/")}
    expected = package_files()
    assert len(expected) > 80 and {"sourcebook/instructor/report.py", "sourcebook/schemas/bank.schema.json"} <= expected
    assert expected - inside == set() and inside - expected == set()


def test_the_course_is_found_from_the_current_folder_upward_or_named(tmp_path, monkeypatch):
    course = copy_course_data(tmp_path / "course")
    (course / "notes" / "deep").mkdir(parents=True)
    monkeypatch.chdir(course / "notes" / "deep")
    assert find_course() == course.resolve()
    assert find_course(course) == course.resolve()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(
        CourseNotFound, match=f"looked for seeds/sources.yml in {re.escape(str(elsewhere.resolve()))} and"
    ):
        find_course()
    with pytest.raises(CourseNotFound, match=f"{re.escape(str(elsewhere.resolve()))} is not a course folder"):
        find_course(elsewhere)


def test_the_wheel_installs_and_runs_the_course_from_outside(tmp_path, wheel):
    start = time.perf_counter()
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile"]
    run([*pip, "-c", str(constraints(tmp_path)), str(wheel)], cwd=tmp_path)
    installed = Path(
        run([str(venv / "bin/python"), "-c", "import sourcebook; print(sourcebook.__file__)"], tmp_path).stdout
    )
    assert str(venv) in str(installed) and str(ROOT) not in str(installed)
    timings = {"wheel and venv": time.perf_counter() - start}

    course = tmp_path / "course"  # the course's own files, without the package's source
    course.mkdir()
    for name in COURSE_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, course / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    sourcebook = str(venv / "bin/sourcebook")

    checked = run([sourcebook, "--course", str(course), "check"], elsewhere, env=env).stdout
    assert "exercises: 117 in 12 bank(s)" in checked and checked.rstrip().endswith("ok")
    # From a folder inside the course, without --course: found upward.
    found = run([sourcebook, "paragraphs", "stronski-2018"], course / "book" / "data", env=env).stdout
    assert found.count("stronski-2018:p") >= 10
    # From a folder outside it, without --course: the error says what was looked for, and where.
    lost = subprocess.run([sourcebook, "check"], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert lost.returncode == 1
    assert f"looked for seeds/sources.yml in {elsewhere.resolve()} and every folder above" in lost.stderr
    wrong = subprocess.run(
        [sourcebook, "--course", str(elsewhere), "check"], cwd=elsewhere, capture_output=True, text=True
    )
    assert wrong.returncode == 1 and "is not a course folder" in wrong.stderr and "seeds/sources.yml" in wrong.stderr

    timings["check"] = time.perf_counter() - start - sum(timings.values())
    build = run(
        [
            str(venv / "bin/jupyter-book"),
            "build",
            str(course),
            "--path-output",
            str(tmp_path / "out"),
            "-W",
            "-n",
            "--keep-going",
        ],
        elsewhere,
        env=env,
    )
    html = tmp_path / "out/_build/html"
    pages = list(html.rglob("*.html"))
    assert len(pages) >= 20 and "build succeeded" in build.stdout
    assert (html / "_static/sourcebook/exercise.js").is_file() and (html / "sw.js").is_file()
    timings["build"] = time.perf_counter() - start - sum(timings.values())

    work = new_work(name="Ada Outside")
    work["exercises"]["stronski-2018-byline"] = {"updated": "2026-12-01T10:00:00.000Z", "attempts": 1, "correct": True}
    write_work(elsewhere / "ada.json", work)
    report = run(
        [
            sourcebook,
            "--course",
            str(course),
            "overview",
            "ada.json",
            "--out",
            "report.html",
            "--moodle-csv",
            "m.csv",
            "--draft",
        ],
        elsewhere,
        env=env,
    )
    assert "students: 1" in report.stdout and "Ada Outside" in (elsewhere / "report.html").read_text(encoding="utf-8")
    exported = run(
        [
            sourcebook,
            "--course",
            str(course),
            "export-questions",
            "week-1-sourcing",
            "--format",
            "qti",
            "--out",
            "w.zip",
        ],
        elsewhere,
        env=env,
    )
    assert "question(s), qti" in exported.stdout and zipfile.ZipFile(elsewhere / "w.zip").namelist()
    timings["overview and export"] = time.perf_counter() - start - sum(timings.values())
    print(json.dumps({k: round(v, 1) for k, v in timings.items()}))


def test_the_map_does_not_import_the_charts_that_list_it():
    """charts.py lists the map among its charts; the map takes what it shares with them from chartstyle.py."""
    probe = "import sys, sourcebook.places.map; print(sorted(m for m in sys.modules if m.startswith('sourcebook.c')))"
    loaded = run([sys.executable, "-c", probe], ROOT).stdout
    assert "sourcebook.chartstyle" in loaded and "sourcebook.charts'" not in loaded
