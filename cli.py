"""plancheck command line: options -> checker API -> renderer -> exit code. No checking logic lives here.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__
from checker.corpus import validate_paths
from checker.problems import InputError
from checker.schema import NAMES as SCHEMA_NAMES, schema_text

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _paths(paths: tuple[str, ...]) -> list[Path]:
    return [Path(p) for p in paths] or [Path("plans")]


def _report_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        click.echo(str(problem), file=stream)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="plancheck")
def cli() -> None:
    """Check Chinese development plans (YAML) against the plans above and beside them."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False, path_type=str),
              help="Extra folder of rule sets / indicators.yaml (repeatable).")
def validate(paths: tuple[str, ...], rules_dirs: tuple[str, ...]) -> None:
    """Validate plan files, regions.yaml and catalogues (files or folders, recursive; default ./plans)."""
    count, problems = validate_paths(_paths(paths), [Path(r) for r in rules_dirs])
    if problems:
        _report_problems(problems)
        click.echo(f"{len(problems)} problem(s) in {count} file(s)", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{count} file(s) valid")


@cli.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="plan")
def schema(name: str) -> None:
    """Print the JSON Schema of a file kind (plan, regions, indicators, rules)."""
    click.echo(schema_text(name), nl=False)


def main() -> None:
    """Console entry point: turns any failure into a message and an exit code, never a traceback."""
    try:
        cli(prog_name="plancheck")
    except InputError as err:
        _report_problems(err.problems)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in plancheck, not in the input: say so without a traceback
        if os.environ.get("PLANCHECK_DEBUG"):
            raise
        click.echo(f"plancheck: internal error: {type(exc).__name__}: {exc} "
                   "(set PLANCHECK_DEBUG=1 for details and please report it)", err=True)
        sys.exit(EXIT_INPUT)


if __name__ == "__main__":
    main()
