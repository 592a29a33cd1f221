"""The command line: options in, engine, report, exit code out.

Exit codes: 0 success; 1 findings that fail the command (`scan --strict`); 2 usage, config
or provider-file errors. Heavy modules (libcst, rich, openai) are imported inside commands so
that `migrate-llm --help` stays fast. The annotations here are objects, not text (no
`from __future__ import annotations`): typer reads each command's parameters from them, and
would compile and evaluate every one written as text (an eighth of `--help`).
"""

import atexit
import contextlib
import copy
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from migrate_llm import __version__
from migrate_llm.errors import MigrateError

if TYPE_CHECKING:
    from migrate_llm.engine import ScanOptions
    from migrate_llm.registry import Provider, Registry

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

app = typer.Typer(
    name="migrate-llm",
    help="Move a Python codebase off the OpenAI API onto an OpenAI-compatible provider.\n\n"
    "Exit codes: 0 success; 1 the command's work is incomplete (findings left, files not "
    "migrated, a failed check); 2 usage, config or provider-file error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
providers_app = typer.Typer(
    help="List the providers migrate-llm knows, or show one.",
    rich_markup_mode=None,
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(providers_app, name="providers")


class ScanFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """One line on stderr, then exit."""
    typer.echo(f"migrate-llm: error: {message}", err=True)
    raise typer.Exit(code)


def load_providers(provider_dirs=()) -> "Registry":
    """The provider registry (built-ins plus `provider_dirs`); a broken file fails the command.
    Each command loads it once, here."""
    from migrate_llm.registry import load_registry

    try:
        registry = load_registry(provider_dirs)
    except MigrateError as exc:
        fail(str(exc))
    if provider_dirs:
        _note_replaced(registry, load_registry(()))
    return registry


_NOTED: set[str] = set()  # said once per process


def _note_replaced(registry: "Registry", builtin: "Registry") -> None:
    """Say on stderr which built-in providers a provider directory replaces: a project's
    provider file decides where keys go and what code `apply` writes."""
    for pid, provider in sorted(registry.providers.items()):
        if pid in _NOTED:
            continue
        if pid in builtin.providers and provider.source != builtin.providers[pid].source:
            _NOTED.add(pid)
            typer.echo(
                f"migrate-llm: note: provider {pid!r} comes from {provider.source}, replacing "
                "the built-in one",
                err=True,
            )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"migrate-llm {__version__}")
        raise typer.Exit()


def _arguments_without_a_type() -> None:
    """`--help` lists an argument by its name (`PATHS`), not with typer's `<list[Path]>`:
    typer 0.2x shows each argument's Python type next to it."""
    from typer import core

    klass = getattr(core, "TyperArgument", None)
    if klass is not None and hasattr(klass, "display_type_rich"):
        klass.display_type_rich = lambda self, ctx: None


_arguments_without_a_type()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Move a Python codebase off the OpenAI API onto an OpenAI-compatible provider.

    Exit codes: 0 success, 1 findings that fail the command, 2 usage/config/provider error.
    """


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATHS",
        help="Files or directories to scan (default: the current directory).",
    ),
]
ApplyPathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATHS",
        help="Files or directories to migrate: their OpenAI code and config are rewritten for "
        "the provider (default: the current directory; `-` migrates Python from stdin).",
    ),
]
ProviderOpt = Annotated[
    str | None,
    typer.Option(
        "--provider", "-p", metavar="ID", help="Target provider id or alias (see `providers`)."
    ),
]
ProvidersDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--providers-dir",
        metavar="DIR",
        help="Extra directory of provider TOML files (repeatable).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file."),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="Skip paths matching this gitignore-style glob (repeatable).",
    ),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", metavar="N", help="Parallel processes (0: one per CPU).")
]
NoGitignoreOpt = Annotated[
    bool, typer.Option("--no-gitignore", help="Also take the files .gitignore excludes.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Read every file again; keep no results.")
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Where results are kept between runs (default: .migrate-llm-cache); one that "
        "cannot be written gets a warning, and the exit code is unchanged.",
        metavar="DIR",
    ),
]
ApplyNoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Screen every file again; read no kept screenings.")
]
ApplyCacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Where a scan kept its results (default: .migrate-llm-cache); apply only reads "
        "the screenings there and writes nothing to it.",
        metavar="DIR",
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option("--region", metavar="REGION", help="Provider region (see `providers show`)."),
]
ModelMapOpt = Annotated[
    list[str] | None,
    typer.Option("--model", metavar="OLD=NEW", help="Map an OpenAI model yourself (repeatable)."),
]
AzureApiOpt = Annotated[
    str | None,
    typer.Option(
        "--azure-api",
        help="Azure OpenAI target only: v1 (plain OpenAI client on <endpoint>/openai/v1/) or "
        "classic (AzureOpenAI with api_version).",
        metavar="v1|classic",
    ),
]
AzureAuthOpt = Annotated[
    str | None,
    typer.Option(
        "--azure-auth",
        help="Azure OpenAI target only: key (AZURE_OPENAI_API_KEY) or entra (keyless, "
        "azure-identity token provider).",
        metavar="key|entra",
    ),
]


@app.command(short_help="List every place that depends on OpenAI.")
def scan(
    paths: PathsArg = None,
    provider: ProviderOpt = None,
    output_format: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ScanFormat.table,
    output: OutputOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = 0,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 if an error or warning is found or a file cannot be scanned."
        ),
    ] = False,
    no_gitignore: NoGitignoreOpt = False,
    providers_dir: ProvidersDirOpt = None,
    show_notes: Annotated[
        bool,
        typer.Option(
            "--show-notes", help="Also list information-only findings (fix: none) in the table."
        ),
    ] = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """List every place that depends on OpenAI: code, config files and dependency pins.

    Exit codes: 0 done (even with findings); 1 with --strict when errors or warnings are found
    or a file could not be scanned; 2 bad path, unknown provider or broken provider file.
    """
    from migrate_llm import report
    from migrate_llm.engine import scan as run_scan

    options = _options(
        paths=paths,
        provider=provider,
        exclude=exclude,
        providers_dir=providers_dir,
        no_gitignore=no_gitignore,
        jobs=jobs,
        cache_dir=_cache_dir(no_cache, cache_dir),
    )
    try:
        with report.progress_bar(sys.stderr.isatty()) as progress:
            result = run_scan(options, progress)
    except MigrateError as exc:
        fail(str(exc))
    _warn_unkept(result.cache_unwritten, cache_dir)

    target = None
    if result.provider and output_format is not ScanFormat.json:
        target = load_providers(options.provider_dirs).get(result.provider)
    if output is not None:
        try:
            with output.open("w", encoding="utf-8") as stream:
                _write_scan(result, output_format, stream, target, show_notes, plain=True)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        typer.echo(f"wrote {output_format.value} report to {output}", err=True)
    else:
        _write_scan(result, output_format, None, target, show_notes)

    failing = any(f.severity.rank >= 2 for f in result.findings) or bool(result.errors)
    raise typer.Exit(EXIT_FINDINGS if strict and failing else EXIT_OK)


def _write_scan(
    result,
    output_format: ScanFormat,
    stream,
    target: "Provider | None" = None,
    show_notes: bool = False,
    plain: bool = False,
) -> None:
    """The scan report to `stream` (None: stdout); the table ends with the compatibility
    summary for `target` (the provider scanned for). Information-only findings are in the JSON
    always, in the table with `show_notes`. Only the table needs a rich console (`plain`: no
    colour)."""
    from migrate_llm import report

    if output_format is ScanFormat.json:
        (stream or sys.stdout).write(report.scan_json(result))
        return
    if output_format is ScanFormat.markdown:
        from migrate_llm.markdown_report import scan_markdown

        (stream or sys.stdout).write(scan_markdown(result, target))
        return
    compat = None
    if target is not None:
        from migrate_llm.compat_summary import parameter_counts, surface_counts

        compat = (target, surface_counts(result.findings), parameter_counts(result.findings))
    alone = report.summary_only(result, compat)
    if alone is not None:  # nothing found: one line, no need for rich
        (stream or sys.stdout).write(alone)
        return
    console = report.console_for(stream, plain=plain)
    if compat is not None:
        report.scan_table(result, console, compat, show_notes=show_notes)
    else:
        report.scan_table(result, console, show_notes=show_notes)


@app.command()
def check(
    paths: PathsArg = None,
    provider: ProviderOpt = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity that fails the check (default: fail-on in "
            "[tool.migrate-llm], else warning).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Fail only on findings this baseline does not hold.",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record today's findings as the baseline; exit 0.",
        ),
    ] = None,
    report_unused_ignores: Annotated[
        bool,
        typer.Option("--report-unused-ignores", help="Report suppressions that suppress nothing."),
    ] = False,
    region: RegionOpt = None,
    azure_api: AzureApiOpt = None,
    azure_auth: AzureAuthOpt = None,
    model: ModelMapOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = 0,
    no_gitignore: NoGitignoreOpt = False,
    providers_dir: ProvidersDirOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Fail CI while anything is left to migrate for the provider. Never writes source files.

    Reports the findings at or above --fail-on (`scan` lists everything).

    Exit codes: 0 nothing left at or above --fail-on (default: warning; notes never fail
    unless --fail-on note, information-only findings never); 1 findings remain, or a file
    could not be scanned (an incomplete check never passes); 2 usage, config or
    provider-file error.
    """
    from migrate_llm import ci_formats, report
    from migrate_llm.engine import scan as run_scan
    from migrate_llm.model import FixClass, Severity
    from migrate_llm.rules import all_rules

    options = _options(
        paths=paths,
        provider=provider,
        region=region,
        azure_api=azure_api,
        azure_auth=azure_auth,
        model=model,
        exclude=exclude,
        providers_dir=providers_dir,
        no_gitignore=no_gitignore,
        jobs=jobs,
        report_unused_ignores=report_unused_ignores,
        needs_provider="check",
        cache_dir=_cache_dir(no_cache, cache_dir),
    )
    try:
        with report.progress_bar(sys.stderr.isatty()) as progress:
            result = run_scan(options, progress)
        _warn_unkept(result.cache_unwritten, cache_dir)
        if write_baseline is not None:
            from migrate_llm.cli_support.baseline_filter import record_baseline

            count = record_baseline(write_baseline, result, options.cwd)
            typer.echo(f"wrote {count} baseline entries to {write_baseline}", err=True)
            raise typer.Exit(EXIT_OK)
        if baseline is not None:
            from migrate_llm.cli_support.baseline_filter import without_baseline

            filtered = without_baseline(result, baseline, options.cwd)
            result = filtered.result
            if filtered.fixed:
                typer.echo(
                    f"{filtered.fixed} baseline findings are gone: refresh the baseline", err=True
                )
    except MigrateError as exc:
        fail(str(exc))

    wanted = fail_on.value if fail_on is not None else options.config.fail_on or "warning"
    threshold = Severity(wanted).rank
    result = replace(
        result,
        findings=tuple(
            f
            for f in result.findings
            if f.severity.rank >= threshold and f.fix is not FixClass.NONE
        ),
    )
    if output_format is CheckFormat.json:
        text = report.scan_json(result)
    elif output_format is CheckFormat.sarif:
        from migrate_llm.json_text import dumps_indented

        text = dumps_indented(ci_formats.sarif_report(result, all_rules())) + "\n"
    elif output_format is CheckFormat.github:
        from migrate_llm.cli_support.step_summary import append_step_summary

        text = ci_formats.github_annotations(result)
        try:
            append_step_summary(result)
        except MigrateError as exc:
            fail(str(exc))
    else:
        text = ci_formats.text_report(result)
    _emit(text, output)

    raise typer.Exit(EXIT_FINDINGS if result.findings or result.errors else EXIT_OK)


def _emit(text: str, output: Path | None) -> None:
    """A report to stdout, or to `output` with a status line on stderr."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote report to {output}", err=True)


@app.command()
def apply(
    paths: ApplyPathsArg = None,
    provider: ProviderOpt = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write the changes without asking.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff to stdout; write nothing.")
    ] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask file by file before writing.")
    ] = False,
    model: ModelMapOpt = None,
    region: RegionOpt = None,
    azure_api: AzureApiOpt = None,
    azure_auth: AzureAuthOpt = None,
    allow_dirty: Annotated[
        bool,
        typer.Option("--allow-dirty", help="Write even where git shows uncommitted changes."),
    ] = False,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = 0,
    no_gitignore: NoGitignoreOpt = False,
    providers_dir: ProvidersDirOpt = None,
    no_cache: ApplyNoCacheOpt = False,
    cache_dir: ApplyCacheDirOpt = None,
) -> None:
    """Rewrite code and config for a provider, showing the diff first.

    Exit codes: 0 done (or nothing to do; findings left for a person do not count: `check`
    fails on them); 1 some files could not be migrated (they are left as they were), or
    code was rewritten to the openai>=1 API while pins apply leaves keep openai<1 (ML504:
    that code fails at import until they move); 2 bad input, no terminal to
    confirm on without --yes/--diff, or uncommitted changes without --allow-dirty. `apply -`
    migrates Python from stdin to stdout.
    """
    from migrate_llm import engine, report

    options = _options(
        paths=paths,
        provider=provider,
        region=region,
        azure_api=azure_api,
        azure_auth=azure_auth,
        model=model,
        exclude=exclude,
        providers_dir=providers_dir,
        no_gitignore=no_gitignore,
        jobs=jobs,
        needs_provider="apply",
        cache_dir=_cache_dir(no_cache, cache_dir),
    )
    if paths and [str(p) for p in paths] == ["-"]:
        _apply_stdin(options)
    writing = not diff
    for given in options.paths:  # a path that is not there says so before anything else
        if not (given if given.is_absolute() else options.cwd / given).exists():
            fail(f"{given}: no such file or directory")
    if writing and not yes and not sys.stdin.isatty():
        if options.provider:  # a provider that is not there says so first, as a path does
            try:
                load_providers(options.provider_dirs).get(options.provider)
            except MigrateError as exc:
                fail(str(exc))
        fail("no terminal to confirm on: pass --yes to write the changes, or --diff to see them")
    if writing and not allow_dirty:
        from migrate_llm.vcs import uncommitted

        dirty = uncommitted(options.paths, options.cwd)
        if dirty:
            more = f" and {len(dirty) - 3} more" if len(dirty) > 3 else ""
            fail(
                f"uncommitted changes in {', '.join(dirty[:3])}{more}: commit or stash them "
                "first, or pass --allow-dirty"
            )
    try:
        with report.progress_bar(sys.stderr.isatty()) as progress:
            plan = engine.plan(options, progress)
    except MigrateError as exc:
        fail(str(exc))

    from migrate_llm.diff import encoded_diff, preview_diff

    changed = [p for p in plan.planned if p.change.changed]
    broken = any(p.change.error is not None or p.change.problems for p in plan.planned)
    err = report.console_for(stderr=True)
    if diff:
        from migrate_llm.vcs import diff_name

        masked = []
        for planned in changed:
            source = planned.source
            data, hid = encoded_diff(
                planned.change,
                source.encoding if source else "utf-8",
                bool(source and source.bom),
                diff_name(planned.path, options.cwd),
            )
            sys.stdout.flush()
            sys.stdout.buffer.write(data)  # the file's own bytes: git apply compares bytes
            sys.stdout.buffer.flush()
            if hid:
                masked.append(planned.change.path)
        if masked:
            typer.echo(
                f"migrate-llm: keys are masked in the diff of {', '.join(masked)}; `git apply` "
                "rejects those hunks, so write them with --yes",
                err=True,
            )
        report.apply_summary(plan, [p.change for p in changed], [], err, wrote=False)
        raise typer.Exit(EXIT_FINDINGS if broken or plan.v0_held else EXIT_OK)

    chosen = changed
    if not yes and changed:
        chosen = []
        if interactive:
            chosen = _choose_files(changed, err)
        else:
            for planned in changed:
                report.show_diff(preview_diff(planned.change), err)
            n = len(changed)
            if _confirm(f"Apply these changes to {n} file{'s' * (n != 1)}?"):
                chosen = changed
    failures: list = []
    done: list[str] = []
    try:
        for planned in chosen:
            error = engine.write(planned)
            if error is None:
                done.append(planned.change.path)
            else:
                failures.append(error)
    except KeyboardInterrupt:
        shown = ", ".join(done) if done else "none"
        typer.echo(f"migrate-llm: interrupted; files written before that: {shown}", err=True)
        raise typer.Exit(130) from None
    written = [p.change for p in chosen if p.change.path in done]
    if changed and not chosen:
        err.print("Nothing written.")
        raise typer.Exit(EXIT_FINDINGS if broken else EXIT_OK)
    report.apply_summary(plan, written, failures, err)
    held = any(path in done for path in plan.v0_held)
    raise typer.Exit(EXIT_FINDINGS if broken or failures or held else EXIT_OK)


def _choose_files(changed: list, err) -> list:
    """`apply --interactive`: each file's diff (through $PAGER when taller than the terminal),
    then y (write it), n (skip it), a (it and all the rest), q (none of the rest), as
    `git add -p` asks; end of input is q."""
    from migrate_llm import report
    from migrate_llm.diff import preview_diff

    chosen = []
    for number, planned in enumerate(changed, 1):
        report.show_diff(preview_diff(planned.change), err, report.system_pager())
        while True:
            typer.echo(
                f"({number}/{len(changed)}) Apply to {report.printable(planned.change.path)}? "
                "[y,n,a,q,?]: ",
                nl=False,
                err=True,
            )
            line = sys.stdin.readline()
            answer = line.strip().lower() if line else "q"
            if answer in ("y", "n", "a", "q"):
                break
            typer.echo(
                "y - write this file\nn - do not write this file\na - write this file and all "
                "the rest\nq - write none of the rest",
                err=True,
            )
        if answer == "y":
            chosen.append(planned)
        elif answer == "a":
            return chosen + changed[number - 1 :]
        elif answer == "q":
            break
    return chosen


def _confirm(question: str) -> bool:
    """A yes/no question on stderr; only `y`/`yes` is yes, and end of input is no."""
    typer.echo(f"{question} [y/N]: ", nl=False, err=True)
    answer = sys.stdin.readline()
    if not answer:
        typer.echo("", err=True)
    return answer.strip().lower() in ("y", "yes")


def _cache_dir(no_cache: bool, cache_dir: Path | None) -> Path | None:
    """The cache directory `scan` and `check` use (and `apply` reads): --cache-dir, else
    .migrate-llm-cache in the current directory; none with --no-cache (which leaves the
    store's modules unimported)."""
    if no_cache:
        return None
    from migrate_llm.cache import DEFAULT_DIRECTORY

    return (cache_dir or Path(DEFAULT_DIRECTORY)).absolute()


def _warn_unkept(unwritten: str | None, cache_dir: Path | None) -> None:
    """Say why the results were not kept (`unwritten`) when --cache-dir asked for them to be
    (the default directory is used where it can be, silently: a read-only checkout is not an
    error)."""
    if cache_dir is not None and unwritten:
        typer.echo(f"migrate-llm: warning: results not kept: {unwritten}", err=True)


def _options(**flags) -> "ScanOptions":
    """ScanOptions from the flags and `[tool.migrate-llm]` (see `scan_options`); a broken
    config, a bad --model or a missing provider fails the command."""
    from migrate_llm.cli_support.scan_options import scan_options

    provider = flags.get("provider")
    if provider is not None and not provider.strip():
        fail("--provider needs a provider id (see `migrate-llm providers`)")
    if flags.get("jobs", 0) < 0:
        fail(f"--jobs takes 0 (one per CPU) or more processes, not {flags['jobs']}")
    azure_api, azure_auth = flags.pop("azure_api", None), flags.pop("azure_auth", None)

    try:
        options = scan_options(**flags)
    except MigrateError as exc:
        fail(str(exc))
    if options.provider_dirs:
        load_providers(options.provider_dirs)  # a broken file fails here; replacements said
    return _azure_options(options, azure_api, azure_auth)


def _azure_options(options: "ScanOptions", api: str | None, auth: str | None) -> "ScanOptions":
    """`--azure-api` / `--azure-auth` (else `azure-api` / `azure-auth` of the config) as
    the target's client options (see `Provider.azure_client`). The flags are
    refused for a provider without `[azure]`; the config keys are then ignored."""
    from migrate_llm.registry import AZURE_APIS, AZURE_AUTHS

    for flag, value, choices in (
        ("--azure-api", api, AZURE_APIS),
        ("--azure-auth", auth, AZURE_AUTHS),
    ):
        if value is not None and value not in choices:
            fail(f"{flag} takes {' or '.join(choices)}, got {value!r}")
    given = api is not None or auth is not None
    api = api or options.config.azure_api
    auth = auth or options.config.azure_auth
    if (api is None and auth is None) or not options.provider:
        if given:
            fail("--azure-api and --azure-auth need an Azure OpenAI target (--provider azure)")
        return options
    try:
        target = load_providers(options.provider_dirs).get(options.provider)
    except MigrateError as exc:
        fail(str(exc))
    if target.azure is None:
        if given:
            fail(
                f"--azure-api and --azure-auth apply to Azure OpenAI targets only, not "
                f"{target.name}"
            )
        return options
    return replace(options, azure_api=api, azure_auth=auth)


def _apply_stdin(options) -> NoReturn:
    """`apply -`: Python source in, migrated source out; problems on stderr."""
    from migrate_llm import engine
    from migrate_llm.textio import UnreadableFile, decode

    try:
        text = decode(sys.stdin.buffer.read(), python=True).text
    except UnreadableFile as exc:
        fail(f"<stdin>: {exc}")
    try:
        change = engine.plan_text(text, options)
    except MigrateError as exc:
        fail(str(exc))
    if change.error is not None:
        sys.stdout.write(text)
        where = f":{change.error.line}" if change.error.line else ""
        typer.echo(f"migrate-llm: <stdin>{where}: {change.error.message}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    sys.stdout.write(change.after)
    for finding in change.left:
        if finding.severity.rank >= 2:
            typer.echo(
                f"<stdin>:{finding.line}:{finding.column} {finding.rule} {finding.message}",
                err=True,
            )
    for name, module in engine.unread_imports(text, options):
        typer.echo(
            f"<stdin>: note: {name} comes from {module}, which is not found from the current "
            "directory, so apply cannot tell what it derives from (a subclass of dspy.OpenAI "
            "is migrated where it is built): run apply on the project's directory, or pipe "
            "the file from there",
            err=True,
        )
    raise typer.Exit(EXIT_OK)


@app.command()
def verify(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATHS", help="Check the models this code uses once migrated."),
    ] = None,
    provider: ProviderOpt = None,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            metavar="MODEL",
            help="A model to check (repeatable; OpenAI names map).",
        ),
    ] = None,
    features: Annotated[
        bool,
        typer.Option("--features", help="Also try streaming, tools, JSON mode and embeddings."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", help="Seconds to wait for each request."),
    ] = 30.0,
    region: RegionOpt = None,
    azure_api: AzureApiOpt = None,
    azure_auth: AzureAuthOpt = None,
    providers_dir: ProvidersDirOpt = None,
) -> None:
    """Send minimal real requests to the provider with the openai SDK.

    Uses the key in the provider's key variable and the base URL in its base-URL variable
    (or the catalogue's). Checks `GET /models`, then one chat completion (max_tokens=1) per
    model: the --model values, else the models PATHS use after mapping, else the flagship,
    balanced and fast tiers.

    Exit codes: 0 every check passed (an endpoint that does not list models, HTTP 404, does
    not fail); 1 a check failed (rejected model, bad key, down, timed out); 2 key not set,
    unknown provider or region, bad options.
    """
    from migrate_llm import report
    from migrate_llm import verify as checks_module
    from migrate_llm.cli_support.verify_env import endpoint_from_env

    options = _options(
        paths=paths,
        provider=provider,
        region=region,
        azure_api=azure_api,
        azure_auth=azure_auth,
        exclude=None,
        providers_dir=providers_dir,
        no_gitignore=False,
        jobs=0,
    )
    if not options.provider:
        fail("verify needs a provider: pass --provider ID or set provider in [tool.migrate-llm]")
    if timeout < 0.1:
        fail(f"--timeout takes at least 0.1 seconds, not {timeout}")
    registry = load_providers(options.provider_dirs)
    try:
        target = registry.get(options.provider)
        endpoint = endpoint_from_env(target, options.region)
    except MigrateError as exc:
        fail(str(exc))
    base_url, api_key = endpoint.base_url, endpoint.api_key
    if checks_module.plain_http_elsewhere(base_url):
        typer.echo(
            f"migrate-llm: warning: {base_url} is plain http on another machine: the key is "
            "sent unencrypted (use https, or a loopback address for a local server)",
            err=True,
        )
    scanned = None
    if paths and not model:
        from migrate_llm.engine import scan as run_scan

        try:
            scanned = checks_module.scanned_models(run_scan(options).findings)
        except MigrateError as exc:
            fail(str(exc))
    models, notes = checks_module.choose_models(target, model or (), scanned, dict(options.models))
    for note in notes:
        typer.echo(f"migrate-llm: note: {note}", err=True)
    results = checks_module.run_checks(
        target,
        base_url,
        api_key,
        models,
        features,
        timeout,
        region=options.region,
        azure_api=options.azure_api,
    )
    report.verify_table(results, report.console_for())
    typer.echo(checks_module.summary_line(results, target, base_url))
    raise typer.Exit(EXIT_FINDINGS if checks_module.failures(results) else EXIT_OK)


@providers_app.callback()
def providers_list(
    ctx: typer.Context,
    providers_dir: ProvidersDirOpt = None,
) -> None:
    """List the providers (id, name, aliases, base URL, key variable, facts' date)."""
    from migrate_llm.config import load_config

    try:  # the project's `provider-paths`, as the other commands read them
        configured = load_config(Path.cwd()).provider_paths
    except MigrateError as exc:
        fail(str(exc))
    ctx.obj = tuple(dict.fromkeys((*configured, *(Path(p) for p in providers_dir or ()))))
    if ctx.invoked_subcommand is not None:
        return
    from migrate_llm import report

    report.providers_table(load_providers(ctx.obj), report.console_for())


@providers_app.command("show")
def providers_show(
    ctx: typer.Context,
    provider_id: Annotated[str, typer.Argument(metavar="ID", help="Provider id or alias.")],
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.table,
) -> None:
    """Show one provider: endpoint, regions, key variables, model map, support, parameters.

    Exit codes: 0 shown; 2 unknown provider or broken provider file.
    """
    from migrate_llm import report

    registry = load_providers(ctx.obj or ())
    try:
        provider = registry.get(provider_id)
    except MigrateError as exc:
        fail(str(exc))
    if output_format is ShowFormat.json:
        sys.stdout.write(report.provider_json(provider))
    else:
        report.provider_details(provider, report.console_for())


@providers_app.command("compare")
def providers_compare(
    ctx: typer.Context,
    provider_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="IDS", help="Provider ids or aliases (default: all but openai)."),
    ] = None,
    paths: Annotated[
        list[Path] | None,
        typer.Option(
            "--paths",
            metavar="PATH",
            help="Scan these files or directories once per provider and rank the providers "
            "by what `apply` would leave (repeatable).",
        ),
    ] = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.table,
) -> None:
    """Compare providers side by side, or rank them for your code with --paths.

    Without --paths: a support matrix of API surfaces (yes, no, partial, ? unknown) and key
    parameters; * marks facts the provider files call uncertain. With --paths: for each
    provider, the findings `apply` would leave for a person (fix manual, error or warning),
    best fit first (fewest errors, then fewest left).

    Exit codes: 0 shown; 2 unknown provider id, missing path or broken provider file.
    """
    from migrate_llm import compat_summary, report

    provider_dirs = tuple(ctx.obj or ())
    registry = load_providers(provider_dirs)
    try:
        if provider_ids:
            chosen = list({p.id: p for p in map(registry.get, provider_ids)}.values())
        else:
            chosen = [registry.providers[pid] for pid in registry.ids if pid != "openai"]
    except MigrateError as exc:
        fail(str(exc))

    if not paths:
        matrix = compat_summary.support_matrix(chosen)
        if output_format is ShowFormat.json:
            import json

            sys.stdout.write(json.dumps(matrix.to_json(), indent=2, ensure_ascii=False) + "\n")
        else:
            report.compare_matrix_table(matrix, report.console_for())
        raise typer.Exit(EXIT_OK)

    from migrate_llm.engine import scan as run_scan

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    options = _options(
        paths=paths,
        provider=None,
        exclude=None,
        providers_dir=list(provider_dirs),
        no_gitignore=False,
        jobs=0,
    )
    results = {}
    unscanned = 0
    try:
        for target in chosen:
            result = run_scan(replace(options, provider=target.id, region=None, models=()))
            results[target.id] = compat_summary.leftover(result.findings)
            unscanned = len(result.errors)
    except MigrateError as exc:
        fail(str(exc))
    ranked = compat_summary.rank(results)
    best = compat_summary.best_fits(ranked)
    if output_format is ShowFormat.json:
        import json

        data = {pid: lo.to_json() for pid, lo in ranked}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        report.compare_paths_table(ranked, best, report.console_for())
    if unscanned:
        typer.echo(
            f"migrate-llm: note: {unscanned} file{'s' * (unscanned != 1)} could not be "
            "scanned (run `scan` to see which); the counts leave them out",
            err=True,
        )
    raise typer.Exit(EXIT_OK)


@app.command(short_help="List the rule codes, or show one rule.")
def rules(
    code: Annotated[
        str | None, typer.Argument(metavar="CODE", help="A rule code such as ML001.")
    ] = None,
) -> None:
    """List the rule codes, or show one rule's documentation and examples.

    Exit codes: 0 shown; 2 unknown rule code.
    """
    from migrate_llm import report
    from migrate_llm.rules.catalog import documented_rule, documented_rules

    console = report.console_for()
    if code is None:
        report.rules_table(documented_rules(), console)
        return
    rule = documented_rule(code)
    if rule is None:
        known = ", ".join(r.code for r in documented_rules())
        fail(f"unknown rule {code!r}; known rules: {known}")
    report.rule_details(rule, rule.shown, console)  # type: ignore[attr-defined]


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user.

    Usage errors are one line (`migrate-llm: error: ...`, exit 2); output that cannot be
    encoded is escaped rather than fatal; a closed or full stdout is an error, a closed pipe
    (`| head`) is not.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None:  # started with stdout closed: the exit code still tells
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    try:
        code = _app_for(sys.argv[1:])(prog_name="migrate-llm", standalone_mode=False)
        sys.stdout.flush()
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("migrate-llm: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # nothing left to flush there
        sys.exit(EXIT_OK)
    except OSError as exc:
        typer.echo(f"migrate-llm: error: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        if _is_a(exc, "NoArgsIsHelpError"):  # `migrate-llm` alone: the help, as before
            typer.echo(exc.format_message())  # type: ignore[attr-defined]
            sys.exit(EXIT_OK)
        if _is_a(exc, "ClickException"):  # a usage error (typer vendors click): one line
            ctx = getattr(exc, "ctx", None)
            message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
            hint = f" (see {ctx.command_path} --help)" if _is_a(exc, "UsageError") and ctx else ""
            typer.echo(f"migrate-llm: error: {message}{hint}", err=True)
            sys.exit(EXIT_ERROR)
        # a bug of ours: one line, not a traceback
        typer.echo(f"migrate-llm: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def run() -> NoReturn:
    """The `migrate-llm` command: `main`, then an exit that skips the interpreter's teardown
    once the output is flushed and the exit handlers have run (freeing every object of a
    large run one at a time, memory the system takes back at once, was a fourteenth of a
    scan of 25,000 files). `main` alone, as tests call it, exits as usual, and so does a
    run under a profiler or a tracer. The console script (`command.run`) pauses the
    collector and installs the kept code before importing this module."""
    from migrate_llm import collector, kept_code, process_end

    collector.pause_start()  # until the engine starts its run (`collector.started`)
    kept_code.install()
    process_end.ends_after_next_run()
    try:
        main()
        code: object = EXIT_OK
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # as `sys.exit` shows a message
        code = EXIT_ERROR
    run_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's, run at its exit
    if run_handlers is None or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage reports once the program has ended
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or EXIT_OK)


def _app_for(args: Sequence[str]) -> typer.Typer:
    """`app`, holding only the command `args` start with when they start with one: typer
    builds the options of every command it holds before parsing, which for all six was a
    tenth of `check` on a small file."""
    if not args:
        return app
    commands = [c for c in app.registered_commands if _command_name(c) == args[0]]
    groups = [g for g in app.registered_groups if g.name == args[0]]
    if not commands and not groups:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = groups
    return narrowed


def _command_name(command: typer.models.CommandInfo) -> str | None:
    """The name typer gives `command` on the command line."""
    if command.name is not None or command.callback is None:
        return command.name
    return typer.main.get_command_name(command.callback.__name__)


def _is_a(exc: BaseException, name: str) -> bool:
    """Whether `exc` is of a class named `name` (click's exceptions, wherever typer keeps
    click: its own copy or the package)."""
    return any(klass.__name__ == name for klass in type(exc).__mro__)
