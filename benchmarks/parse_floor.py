"""The parse floor: a process that reads every YAML file of a corpus with PyYAML's CSafeLoader, and nothing else.

    python benchmarks/parse_floor.py CORPUS

It is what the benchmarks divide by: a check must at least read the same files, and libyaml's C loader is
the fastest way the Python world commonly does. Timed as a whole process, start-up and imports included, as
the checks it is compared with are.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def corpus_files(corpus: Path) -> list[Path]:
    """regions.yaml and every plan file: the YAML a check of the corpus reads."""
    return [corpus / "regions.yaml", *sorted((corpus / "plans").rglob("*.yaml"))]


def parse(files: list[Path]) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle, Loader=loader)


if __name__ == "__main__":
    parse(corpus_files(Path(sys.argv[1])))
