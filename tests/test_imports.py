"""Nothing heavy is imported before a command needs it: a pre-commit hook or a CI step pays plancheck's
start-up on every run, and on a small corpus start-up is most of the time (docs/performance.md).

Each case runs the command line in a fresh interpreter and lists the modules loaded when it exits."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from conftest import FIXTURES, PLANS, ROOT, SEEDS

# what plancheck uses for some commands only: the HTML templates, graph export, messages for invalid
# files, reading PDF and Word documents, Chinese numerals, and drafting plans from documents
HEAVY = ("jinja2", "markupsafe", "networkx", "jsonschema", "pdfplumber", "pdfminer", "docx", "cn2an", "proces")
PIPELINE = ("checker.extract.pipeline", "checker.extract.tables", "checker.extract.prose",
            "checker.extract.match", "checker.extract.draft", "checker.extract.bases")

RUN = """
import atexit, sys
listing, sys.argv = sys.argv[1], ["plancheck", *sys.argv[2:]]
def listed():
    with open(listing, "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
atexit.register(listed)
if sys.argv[1:] == ["import"]:
    import cli
else:
    from cli import main
    main()
"""


def loaded(tmp_path: Path, *args: str, cwd: Path = ROOT) -> set[str]:
    listing = tmp_path / "modules.txt"
    env = {k: v for k, v in os.environ.items() if k != "PLANCHECK_DEBUG"}
    done = subprocess.run([sys.executable, "-c", RUN, str(listing), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode in (0, 1), done.stderr
    return set(listing.read_text(encoding="utf-8").split())


def among(modules: set[str], packages) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages or m in packages)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", target, ignore=shutil.ignore_patterns(".plancheck-cache"))
    return target


def test_importing_the_command_line_loads_nothing_heavy(tmp_path):
    modules = loaded(tmp_path, "import")
    assert "checker.api" in modules  # the listing is real
    assert among(modules, HEAVY) == [] and among(modules, ("checker.extract",)) == []
    assert "email" not in modules  # importlib.metadata's: the version is written in checker/__init__.py


def test_version_needs_no_package_metadata(tmp_path):
    assert checker.__version__ == importlib.metadata.version("plancheck")
    modules = loaded(tmp_path, "--version")
    assert "importlib.metadata" not in modules and among(modules, HEAVY) == []


@pytest.mark.parametrize("command", [["check", "--no-html", "--format", "json"], ["validate"]])
def test_checking_a_valid_corpus_without_html_loads_nothing_heavy(tmp_path, tiny, command):
    modules = loaded(tmp_path, *command, str(tiny), cwd=tmp_path)
    assert "checker.engine" in modules
    assert among(modules, HEAVY) == [] and among(modules, ("checker.extract",)) == []


def test_the_html_report_loads_its_templates_and_nothing_else_heavy(tmp_path, tiny):
    modules = loaded(tmp_path, "check", str(tiny), "--html", str(tmp_path / "html"), cwd=tmp_path)
    assert "jinja2" in modules and (tmp_path / "html" / "index.html").is_file()
    assert {m.split(".")[0] for m in among(modules, HEAVY)} == {"jinja2", "markupsafe"}
    assert among(modules, ("checker.extract",)) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside this checkout")
def test_checking_citations_against_documents_loads_no_extraction_machinery(tmp_path):
    """From the repository, whose configuration names the seed documents, `check` verifies every citation
    first: it reads the plain-text documents and the quotes' digits, and needs neither the drafting
    pipeline nor the PDF, Word and Chinese-numeral libraries."""
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus, ignore=shutil.ignore_patterns(".plancheck-cache"))
    modules = loaded(tmp_path, "check", str(corpus), "--no-html", "--format", "json")
    assert "checker.extract.citations" in modules  # the citations were checked
    assert among(modules, HEAVY) == [] and [m for m in PIPELINE if m in modules] == []
