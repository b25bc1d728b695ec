"""plancheck command line: options -> checker API -> renderer -> exit code. No checking logic lives here.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage, or the
machine refusing (a full disk, a read-only folder, a permission), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__, api, baseline, scaffold, waivers
from checker.corpus import Corpus, Validation
from checker.discovery import corpus_of_files, display_name, printable
from checker.findings import at_or_above
from checker.functions import REGISTRY
from checker.incremental import changed_since
from checker.output import describe_os_error, replaces_a_file, write_atomic
from checker.problems import InputError, Problem
from checker.render import FORMATS, PROBLEM_FORMATS, text_format
from checker.schema import NAMES as SCHEMA_NAMES, schema_text

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def _paths(paths: tuple[str, ...]) -> list[Path]:
    return [Path(p) for p in paths] or [Path("plans")]


def _progress(what: str = "parsing plan files"):
    """A progress line on stderr during long steps (parsing files, writing report pages), when stderr is
    a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return None

    shown = [-1]  # the last percentage shown

    def show(done: int, total: int) -> None:
        if total < 64:
            return
        percent = done * 100 // total
        if percent != shown[0] or done == total:
            shown[0] = percent
            click.echo(f"\r{what}: {done}/{total} ({percent}%)", nl=False, err=True)
            if done == total:
                click.echo("", err=True)
    return show


def _report_problems(problems, stream=None, lang: str = "en") -> None:
    stream = stream or sys.stderr
    for problem in problems:
        click.echo(problem.show(lang), file=stream)


LANG_OPTION = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           help="Language of the messages (findings and input problems).")


class Interrupted(Exception):
    """Ctrl-C inside a command, carried past click (which would print "Aborted!" and exit 1) to main()."""


class _Commands(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="plancheck")
def cli() -> None:
    """Check Chinese development plans (YAML) against the plans above and beside them."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False, path_type=str),
              help="Extra folder of rule sets / indicators.yaml (repeatable).")
@LANG_OPTION
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=str),
              help="Folder of the plans' source documents: every cited line and quote is checked against them.")
def validate(paths: tuple[str, ...], rules_dirs: tuple[str, ...], lang: str, sources_dir: str | None) -> None:
    """Validate plan files, regions.yaml and catalogues (files or folders, recursive; default ./plans)."""
    result = api.validate(_paths(paths), [Path(r) for r in rules_dirs])
    if not result.problems and sources_dir:
        try:
            cited = _source_problems(_paths(paths), api.configure([Path(r) for r in rules_dirs]), Path(sources_dir))
        except InputError as err:
            cited = err.problems
        result = Validation(result.count, cited, corpus=result.corpus)
    _report_problems(result.problems, lang=lang)
    if result.elsewhere:
        where = display_name(result.corpus)
        click.echo(f"注：{where} 中其他规划文件还有 {result.elsewhere} 个问题未显示；运行 `plancheck validate {where}` 查看"
                   if lang == "zh" else
                   f"note: {result.elsewhere} problem(s) in other plan files of {where} "
                   f"are not shown; run `plancheck validate {where}` for them", err=True)
    if result.problems:
        click.echo(f"{result.count} 个文件中有 {len(result.problems)} 个问题" if lang == "zh" else
                   f"{len(result.problems)} problem(s) in {result.count} file(s)", err=True)
        sys.exit(EXIT_INPUT)
    if lang == "zh":
        where = f"（所在语料库 {display_name(result.corpus)}）" if result.corpus is not None else ""
        click.echo(f"{result.count} 个文件均有效{where}")
    else:
        where = f" (in the corpus {display_name(result.corpus)})" if result.corpus is not None else ""
        click.echo(f"{result.count} file(s) valid{where}")


RULES_OPTION = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=str),
                            help="Extra folder of rule sets / indicators.yaml (repeatable).")


WAIVERS_OPTION = click.option("--waivers", "waiver_files", multiple=True,
                              type=click.Path(dir_okay=False, path_type=str),
                              help="Waivers file, besides the corpus's waivers.yaml (repeatable).")


def _changed(changed: tuple[str, ...], since: str | None) -> tuple[list[Path] | None, str | None]:
    """The changed files of --changed and --since (None when neither was given: check everything), and
    the commit --since names."""
    if not changed and since is None:
        return None, None
    files = [Path(c) for c in changed]
    commit = None
    if since is not None:
        listed, commit = changed_since(since)
        files += listed
    return files, commit


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str), help="Write to FILE instead of stdout.")
@click.option("--html", "html_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder for the HTML report (default ./reports).")
@click.option("--no-html", is_flag=True, help="Do not write the HTML report.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "none"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this severity remains (waived or baselined ones never do).")
@click.option("--plan", "plan_ids", multiple=True, help="Only findings about this plan id (repeatable).")
@click.option("--changed", "changed", multiple=True, type=click.Path(path_type=str),
              help="Only findings involving the plan in this changed file (repeatable); the plans they can "
                   "involve are still checked.")
@click.option("--since", metavar="GIT_REF", help="Only findings involving plans changed since this git ref "
                                                  "(git diff, plus untracked files).")
@WAIVERS_OPTION
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=str),
              help="Findings listed in this baseline (see `plancheck baseline`) are shown but do not fail.")
@LANG_OPTION
@click.option("--documents", "documents_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder of the plans' source documents, shown in the HTML report with a link from every quote "
                   "(default: `documents` in the configuration).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text format: auto colours a terminal unless NO_COLOR is set.")
@click.option("--quiet", "-q", is_flag=True,
              help="Text format: only the findings at or above --fail-on that count, and the summary.")
@RULES_OPTION
def check(paths, fmt, output, html_dir, no_html, fail_on, plan_ids, changed, since, waiver_files, baseline_file, lang,
          documents_dir, color, quiet, rules_dirs) -> None:
    """Check plans against the plans above and beside them (default ./plans)."""
    try:
        settings = api.configure([Path(r) for r in rules_dirs])
        documents = documents_dir or settings.config.documents
        changed_files, revision = _changed(changed, since)
        report = api.check(_paths(paths), [Path(r) for r in rules_dirs], config=settings.config, plans=plan_ids or None,
                           changed=changed_files, waiver_files=[Path(w) for w in waiver_files],
                           baseline=Path(baseline_file) if baseline_file else None, progress=_progress(),
                           revision=revision)
        if documents and Path(documents).is_dir():  # the documents are here: citations are checked before output
            cited = _source_problems(_paths(paths), settings, Path(documents), missing_is_a_problem=False,
                                     loaded=report.corpus)
            if cited:
                raise InputError(cited)
        colour = fmt == "text" and _colour(color, output)
        if fmt == "text":
            text = text_format.render(report, lang, color=colour, quiet=fail_on if quiet else None)
        else:
            text = FORMATS[fmt](report, lang)
        if not no_html:
            from checker.render import html
            html.write_report(report, Path(html_dir or "reports"), lang, progress=_progress("writing report pages"),
                              documents=Path(documents) if documents else None)
    except InputError as err:
        if fmt in PROBLEM_FORMATS:  # CI reads this output: say there why nothing was checked
            _emit(PROBLEM_FORMATS[fmt](err.problems, lang), output)
        _report_problems(err.problems, lang=lang)
        sys.exit(EXIT_INPUT)
    _emit(text, output, colour)
    failing = [f for f in report.findings if not f.suppressed and at_or_above(f.severity, fail_on)]
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _colour(choice: str, output: str | None) -> bool:
    """--color: always and never say it all; auto colours stdout when it is a terminal, unless NO_COLOR
    (https://no-color.org) is set to anything but nothing, or TERM is dumb."""
    if choice != "auto":
        return choice == "always"
    if output or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None, colour: bool = False) -> None:
    """Text to --output or stdout; click keeps the colours only when told (it strips them off a pipe)."""
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False, color=colour or None)


@cli.command("baseline")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@WAIVERS_OPTION
@RULES_OPTION
def write_baseline(file, paths, waiver_files, rules_dirs) -> None:
    """Write the fingerprints of the current findings to FILE, for `check --baseline FILE`."""
    report = api.check(_paths(paths), [Path(r) for r in rules_dirs], waiver_files=[Path(w) for w in waiver_files])
    write_atomic(Path(file), baseline.render(report.findings))
    click.echo(f"{len(report.findings) - report.waived_count} finding(s) written to {file}")


@cli.command("rules")
@RULES_OPTION
def list_rules(rules_dirs) -> None:
    """List the rules in force (after the project's configuration)."""
    for rule in api.configure([Path(r) for r in rules_dirs]).rules:
        click.echo(f"{rule.id:40} {rule.severity:8} {rule.category:14} {rule.given:9} {rule.function}")


@cli.command()
@click.argument("rule_id")
@RULES_OPTION
def explain(rule_id, rules_dirs) -> None:
    """Print a rule's documentation: what it checks, options, examples."""
    rules = {r.id: r for r in api.configure([Path(r) for r in rules_dirs]).rules}
    rule = rules.get(rule_id)
    if rule is None and rule_id in REGISTRY:
        click.echo(REGISTRY[rule_id].__doc__)
        return
    about_waivers = {r.id: r for r in waivers.RULES}
    if rule is None and rule_id in about_waivers:
        click.echo(f"{rule_id}  ({about_waivers[rule_id].severity}, about waivers files)\n")
        click.echo(about_waivers[rule_id].doc)
        return
    if rule is None:
        raise InputError([Problem(rule_id, 0, 0, f"unknown rule; known: {', '.join(sorted(rules))}")])
    click.echo(f"{rule.id}  ({rule.severity}, {rule.category}, given: {rule.given}, function: {rule.function})")
    click.echo(f"{rule.description}\n")
    if rule.options:
        click.echo("options in force: " + ", ".join(f"{k}={v}" for k, v in sorted(rule.options.items())) + "\n")
    click.echo(rule.module.__doc__)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "dot", "graphml"]), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str))
@RULES_OPTION
def graph(paths, fmt, output, rules_dirs) -> None:
    """Export the dependency graph of regions, plans and targets."""
    from checker.render.graph_export import export
    text = export(api.graph(_paths(paths), [Path(r) for r in rules_dirs]), fmt)
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="plan")
def schema(name: str) -> None:
    """Print the JSON Schema of a file kind (plan, regions, indicators, rules, waivers), for editors."""
    click.echo(schema_text(name), nl=False)


@cli.command()
@click.option("--region", required=True, help="Region code (GB/T 2260) or group id from regions.yaml.")
@click.option("--level", type=click.Choice(["province", "city_cluster", "municipal", "county"]),
              help="Plan level (default: the region's own level).")
@click.option("--id", "plan_id", help="Plan id, unique in the corpus (default: REGION-draft).")
@click.option("--kind", type=click.Choice(["master", "special"]), default="master", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Write the plan file here (default: stdout); an existing file is kept unless --force.")
@click.option("--corpus", type=click.Path(path_type=str),
              help="Folder whose regions.yaml names the region (default: the output's folder, else ./plans).")
@click.option("--force", is_flag=True, help="Overwrite an existing --output file.")
def new(region, level, plan_id, kind, output, corpus, force) -> None:
    """Start a plan file for a drafter: modeline, region, placeholders and a commented example target."""
    out = Path(output) if output else None
    if out is not None and replaces_a_file(out) and not force:
        raise InputError([Problem(output, 0, 0, "file exists; choose another --output or add --force")])
    regions, regions_file = scaffold.load_regions(Path(corpus) if corpus else out.parent if out else Path("plans"))
    text = scaffold.new_plan(regions, region, level, plan_id, kind, scaffold.schema_reference(out, regions_file))
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
        click.echo(f"wrote {output}", err=True)


@cli.group()
def regions() -> None:
    """Build or check regions.yaml from maintained data (needs: pip install 'plancheck[regions]')."""


THRESHOLD_OPTION = click.option("--threshold-km", type=float, default=2.0, show_default=True,
                                help="Neighbours share a border longer than this in every polygon layer.")


@regions.command("build")
@click.option("--province", "provinces", multiple=True, metavar="CODE",
              help="Province code such as 520000 (repeatable; default: the whole country).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str), help="Write to FILE instead of stdout.")
@click.option("--merge", type=click.Path(dir_okay=False, exists=True, path_type=str),
              help="Regions file whose groups, notes, aliases and regions are kept (default: --output, if it exists).")
@THRESHOLD_OPTION
@LANG_OPTION
def regions_build(provinces, output, merge, threshold_km, lang) -> None:
    """Write a regions file: codes, names, levels, parents and neighbours from the data packages."""
    from checker.regiondata import commands
    if merge is None and output and Path(output).is_file():
        merge = output
    try:
        text, built = commands.run_build(provinces, Path(merge) if merge else None, threshold_km)
    except InputError as err:
        _report_problems(err.problems, lang=lang)
        sys.exit(EXIT_INPUT)
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
    for line in commands.summary(built):
        click.echo(line, err=True)


@regions.command("check")
@click.argument("regions_file", required=False, metavar="[REGIONS]")
@THRESHOLD_OPTION
@LANG_OPTION
def regions_check(regions_file, threshold_km, lang) -> None:
    """Check a regions file (or a folder's regions.yaml; default ./plans) against the data packages."""
    from checker.regiondata import commands
    try:
        problems = commands.run_check(commands.regions_path(regions_file), threshold_km)
    except InputError as err:
        _report_problems(err.problems, lang=lang)
        sys.exit(EXIT_INPUT)
    _report_problems(problems, sys.stdout, lang=lang)
    if lang == "zh":
        click.echo(f"{len(problems)} 个问题" if problems else "区域与数据一致", err=True)
    else:
        click.echo(f"{len(problems)} problem(s)" if problems else "regions match the data", err=True)
    sys.exit(EXIT_FINDINGS if problems else EXIT_OK)


# --- intake: drafting a plan file from its document (checker/extract) ---

def _source_problems(paths: list[Path], settings: api.Settings, sources: Path,
                     missing_is_a_problem: bool = True, loaded: Corpus | None = None) -> list[Problem]:
    """The citation problems of the plans under `paths`. A corpus `loaded` from those same paths in full (not
    narrowed to a focus, not the corpus around a named file) is used as it is instead of loading it again."""
    from checker.extract.citations import check_sources
    if not sources.is_dir():
        return [Problem(str(sources), 0, 0, "--sources: no such folder")]
    whole = loaded is not None and not loaded.partial and corpus_of_files(paths) is None
    return check_sources(loaded if whole else api.load(paths, settings), sources, missing_is_a_problem)


EXTRACT_OPTIONS = [
    click.argument("document", type=click.Path(dir_okay=False, path_type=str)),
    click.option("--region", required=True, help="Region code (GB/T 2260) or group id of regions.yaml."),
    click.option("--level", type=click.Choice(["province", "city_cluster", "municipal", "county"]),
                 help="Plan level (default: the region's own level)."),
    click.option("--kind", type=click.Choice(["master", "special"]), default="master", show_default=True),
    click.option("--id", "plan_id", help="Plan id (default: REGION-draft)."),
    click.option("--title", help="Plan title (default: the document's first title line)."),
    click.option("--corpus", default="plans", show_default=True, type=click.Path(file_okay=False, path_type=str),
                 help="Corpus whose regions.yaml and catalogues name regions and indicators."),
]


def _extract_options(command):
    for option in reversed(EXTRACT_OPTIONS):
        command = option(command)
    return command


def _extract(document, region, level, kind, plan_id, title, corpus, output: Path | None):
    from checker.extract import extract
    from checker.scaffold import schema_reference
    loaded = api.load([Path(corpus)], api.configure())
    if plan_id is None and f"{region}-draft" in loaded.plans:
        raise InputError([Problem("--id", 0, 0, f"plan id {region}-draft is taken; give --id")])
    name = output.name if output else "draft.yaml"
    return loaded, extract(Path(document), loaded, region, level, kind, plan_id, title, name,
                           schema_reference(output, Path(corpus) / "regions.yaml"))


def _summary(extraction) -> str:
    draft = extraction.draft
    return (f"{draft.targets} target(s), {draft.review} marked REVIEW for a person to confirm; "
            f"{draft.proposed_indicators} indicator(s) and {draft.proposed_units} unit(s) proposed; "
            f"{len(draft.dropped)} number(s) left out")


@cli.command("extract")
@_extract_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Write the draft here (default: stdout); companions go beside it.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
def extract_command(document, region, level, kind, plan_id, title, corpus, output, force) -> None:
    """Draft a plan file from a plan document (.txt, .pdf, .docx, .html), every value cited."""
    from checker.extract.intake import companion_files, write_all
    out = Path(output) if output else None
    _, extraction = _extract(document, region, level, kind, plan_id, title, corpus, out)
    files = companion_files(extraction, out)
    write_all(files, force)
    if out is None:
        click.echo(extraction.draft.text, nl=False)
    for path in files:
        click.echo(f"wrote {path}", err=True)
    click.echo(_summary(extraction), err=True)


@cli.command("review")
@_extract_options
@click.option("--html", "html_dir", type=click.Path(file_okay=False, path_type=str),
              help="Folder for the HTML report (default: no HTML).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Keep the draft here, its companions beside it, as extract does (default: the draft is discarded).")
@click.option("--force", is_flag=True, help="Overwrite existing draft files.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def review_command(document, region, level, kind, plan_id, title, corpus, html_dir, output, force, lang) -> None:
    """Extract a draft and check it against the corpus (its upper plans and neighbours)."""
    import tempfile
    from checker.extract.intake import companion_files, unconfirmed, write_all
    with tempfile.TemporaryDirectory() as scratch:
        # the draft is never put inside the report folder: a report replaces its folder whole
        out = Path(output) if output else Path(scratch) / "draft.yaml"
        _, extraction = _extract(document, region, level, kind, plan_id, title, corpus, out)
        files = companion_files(extraction, out)
        write_all(files, force=force or not output)
        drafted = [path for path in files if path.suffix == ".yaml"]
        report = api.check([Path(corpus), *drafted], plans=[extraction.draft_plan_id])
        click.echo(_summary(extraction), err=True)
        click.echo(FORMATS["text"](report, lang), nl=False)
        notes = unconfirmed(report.findings, extraction.draft_plan_id, Path(document).name)
        if notes:
            click.echo(f"\n{len(notes)} finding(s) rest on extracted values not yet confirmed by a person:")
            for line in notes:
                click.echo(f"  {line}")
        if html_dir:
            from checker.render import html
            html.write_report(report, Path(html_dir), lang)
    failing = [f for f in report.findings if not f.suppressed and at_or_above(f.severity, "error")]
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@cli.command("indicators")
@click.argument("query", required=False)
@click.option("--corpus", default="plans", show_default=True, type=click.Path(file_okay=False, path_type=str),
              help="Corpus whose catalogue files are searched besides the bundled one.")
@RULES_OPTION
def indicators_command(query, corpus, rules_dirs) -> None:
    """Search the indicator catalogue by id, name (zh) or unit; no QUERY lists them all."""
    from checker.extract.intake import search_indicators
    catalogue = api.load([Path(corpus)], api.configure([Path(r) for r in rules_dirs])).indicators
    found = search_indicators(catalogue, query)
    for indicator in found:
        click.echo(f"{indicator.id:48} {indicator.unit:10} {' / '.join(indicator.names)}")
    click.echo(f"{len(found)} indicator(s)", err=True)


def main() -> None:
    """Console entry point: turns any failure into a message and an exit code, never a traceback."""
    try:
        cli(prog_name="plancheck")
    except InputError as err:
        _report_problems(err.problems)
        sys.exit(EXIT_INPUT)
    except (Interrupted, KeyboardInterrupt):
        click.echo("plancheck: interrupted (files and the report are as they were before the step that was "
                   "cut short)", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:  # the machine, not the input or plancheck: a full disk, a read-only folder ...
        where = f"{printable(os.fsdecode(exc.filename))}: " if exc.filename else ""
        click.echo(f"plancheck: {where}{describe_os_error(exc)}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # a bug in plancheck, not in the input: say so without a traceback
        if os.environ.get("PLANCHECK_DEBUG"):
            raise
        click.echo(f"plancheck: internal error: {type(exc).__name__}: {exc} "
                   "(set PLANCHECK_DEBUG=1 for details and please report it)", err=True)
        sys.exit(EXIT_INPUT)


if __name__ == "__main__":
    main()
