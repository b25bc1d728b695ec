"""What plancheck costs before it does any work: start-up and imports, as ratios to `python -c pass`.

    python benchmarks/startup.py [--runs 11] [--source DIR ...]

Each command runs in a fresh process, alternating with `python -c pass` (the floor) run just before it; a
figure is the median of the run-by-run ratios with their range. The commands: importing the command line,
`plancheck --version`, and `validate` and `check --no-html` (warm cache) on the smallest synthetic corpus
(13 plans) and on the bundled plans (checked from the repository, so that its configuration's documents
folder is read and the citations are checked too). Then, for each command, what it imports beyond the
standard library (from `python -X importtime`), so that an import that should wait for its command shows.

`--source DIR` (repeatable) measures the checkout in DIR (its cli.py and checker/, through PYTHONPATH and
`python -m cli`) instead of the installed command; with two, each round runs both in turn, so that a
before/after comparison sees the same drift of the machine. The processes run with Python's bytecode
cache on (under a new temporary folder, removed at the end, as is everything this writes), as an
installed copy has it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_corpus import MIN_SCALE, generate  # noqa: E402
from run import plancheck  # noqa: E402
from timing import environment, interleave, run_process  # noqa: E402

FLOOR = [sys.executable, "-c", "pass"]


def imported(command: list[str], cwd: Path, env: dict[str, str]) -> set[str]:
    """What `command` imports beyond the standard library (python -X importtime, through its environment
    variable): other packages, and plancheck's own packages (checker.render, checker.extract ...)."""
    env = dict(env, PYTHONPROFILEIMPORTTIME="1")
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=600)
    names = set()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2 or line.endswith("package"):
            continue
        parts = line.rsplit("|", 1)[1].strip().split(".")
        if parts[0] == "checker" and len(parts) > 1 and (ROOT / "checker" / parts[1]).is_dir():
            names.add(".".join(parts[:2]))
        elif parts[0] not in sys.stdlib_module_names and parts[0] not in ("checker", "cli", "org"):
            names.add(parts[0])  # (org: copy and pickle look for Jython's org.python.core)
    return names


def commands(command: list[str], work: Path, tiny: Path, bundled: Path) -> dict[str, tuple[list[str], Path]]:
    """What is measured, as (arguments, working folder); `command` runs plancheck."""
    python = [sys.executable] if command[0] != sys.executable else command[:1]
    return {
        "import cli": (python + ["-c", "import cli"], work),
        "plancheck --version": (command + ["--version"], work),
        "validate, 13 plans, warm": (command + ["validate", str(tiny)], work),
        "check --no-html, 13 plans, warm": (command + ["check", str(tiny), "--no-html", "--fail-on", "none"], work),
        "check --no-html, bundled plans + citations": (
            command + ["check", str(bundled), "--no-html", "--fail-on", "none"], ROOT),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="alternating floor/command pairs (default 11)")
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="a checkout to measure instead of the installed plancheck (repeatable)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="plancheck-startup-"))
    try:
        tiny, bundled = work / "tiny", work / "bundled"
        generate(tiny, MIN_SCALE)
        shutil.copytree(ROOT / "plans", bundled, ignore=shutil.ignore_patterns(".plancheck-cache"))
        base = environment(work)
        versions: dict[str, tuple[dict, dict[str, str]]] = {}
        for source in args.source or [None]:
            if source is None:
                versions["installed"] = (commands(plancheck(), work, tiny, bundled), base)
            else:  # its own files first; the working folder (ROOT for one command) never on the path
                env = dict(base, PYTHONPATH=str(source.resolve()), PYTHONSAFEPATH="1")
                versions[str(source)] = (commands([sys.executable, "-m", "cli"], work, tiny, bundled), env)
        for listed, env in versions.values():  # fills the caches: plans, bytecode, files
            for command, cwd in [(FLOOR, work), *listed.values()]:
                run_process(command, cwd, env)
        at_start = imported(FLOOR, work, base)  # site's own: the editable install's finder and the like
        print(f"load average {os.getloadavg()[0]:.2f}; ratio to `python -c pass` just before: median (range) "
              f"of {args.runs} runs; median seconds")
        names = next(iter(versions.values()))[0]
        width = max(len(name) + len(version) for name in names for version in versions) + 3
        for name in names:
            steps = {version: (lambda _, c=listed[name], e=env: run_process(c[0], c[1], e))
                     for version, (listed, env) in versions.items()}
            figures = interleave(lambda: run_process(FLOOR, work, base), steps, args.runs)
            for version, figure in figures.items():
                command, cwd = versions[version][0][name]
                extra = sorted(imported(command, cwd, versions[version][1]) - at_start)
                print(f"{name + ' (' + version + ')':<{width}}  {figure.show()}  {figure.seconds:.3f} s "
                      f"(floor {figure.floor:.3f} s); CPU time {figure.show(cpu=True)}")
                print(f"{'':<{width}}  imports: {', '.join(extra) or 'nothing beyond the standard library'}")
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
