"""Rendering results for people (rich) and machines (JSON). The only module that imports rich,
and only in the functions that draw for a person: `check`'s reports, JSON and a scan with
nothing to show never import it."""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from migrate_llm import __version__
from migrate_llm.frameworks import crewai
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.json_text import dumps_indented
from migrate_llm.model import FileChange, FileError, Finding, FixClass, ScanResult, Severity
from migrate_llm.rules.code_templates import UNSET_KEY

if TYPE_CHECKING:
    from rich.console import Console
    from rich.pager import Pager
    from rich.table import Table

    from migrate_llm.engine import Plan
    from migrate_llm.provider_sources import Source
    from migrate_llm.registry import Provider, Registry
    from migrate_llm.rule_docs import ShownExample
    from migrate_llm.rules.base import Rule
    from migrate_llm.verify import Check

# Control characters (ESC, CR, NUL, the C1 range...) in a file name, a config value or a model
# string would drive the terminal; they are shown as `\x1b` escapes. Tab is kept.
_CONTROL = {
    c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0))
}


def printable(text: str) -> str:
    """`text` for a terminal or a one-line report: control characters as `\\xNN`."""
    return text.translate(_CONTROL)


def escape(text: str) -> str:
    """`text` safe to print with rich: no markup, no control characters."""
    from rich.markup import escape as escape_markup

    return escape_markup(printable(text))


REPORT_VERSION = 1
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}
PROGRESS_MIN_FILES = 200
# A scan that has waited this long on one file shows the bar too, naming the file.
SLOW_FILE_SECONDS = 2.0


def console_for(
    stream: IO[str] | None = None, *, stderr: bool = False, plain: bool = False
) -> Console:
    """A console that writes `stream` (default stdout/stderr); `plain` turns off colour."""
    target = stream or (sys.stderr if stderr else sys.stdout)
    terminal = not plain and target.isatty()
    columns = os.environ.get("COLUMNS", "")
    from rich.console import Console

    return Console(
        file=stream,
        stderr=stderr,
        no_color=not terminal or None,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        # a pipe or a file gets long lines, unless COLUMNS asks for a width
        width=None if terminal else int(columns) if columns.isdigit() else 200,
    )


def scan_json(result: ScanResult) -> str:
    """The JSON report of DESIGN.md §3."""
    data = {
        "version": REPORT_VERSION,
        "tool": f"migrate-llm {__version__}",
        "provider": result.provider,
        "files": result.files,
        "parsed": result.parsed,
        "findings": [f.to_json() for f in result.findings],
        "errors": [e.to_json() for e in result.errors],
        "ignored": list(result.ignored),
    }
    return dumps_indented(data) + "\n"


def scan_table(
    result: ScanResult,
    console: Console,
    compat: tuple[Provider, dict[str, int], dict[str, tuple[int, int]]] | None = None,
    show_notes: bool = False,
) -> None:
    """Findings grouped by file, unscannable files, a summary by category, the provider's
    support of the API surfaces the code uses (`compat`: the target and call sites by
    surface), and the summary line last. Information-only findings (fix none) are listed
    with `show_notes` only; the summary line counts them.

    Each finding is `line:col rule severity what (fix)` under its file, the advice on a
    `help:` line below; the target provider is named by its id, and its base URL said once
    at the end."""
    provider = compat[0] if compat is not None else None
    current = None
    lines = _Lines()
    shown = [f for f in result.findings if show_notes or f.fix is not FixClass.NONE]
    for finding in shown:
        if finding.path != current:
            if current is not None:
                lines.add()
            lines.add((finding.path, "bold"))
            current = finding.path
        style = SEVERITY_STYLE[finding.severity.value]
        what, advice = split_advice(shorten(finding.message, provider))
        where = finding.where_in_file
        lines.add(
            f"  {where} ",
            (finding.rule, "bold"),
            " ",
            (finding.severity.value, style),
            f" {what} ",
            (f"({finding.fix.value})", "dim"),
        )
        if advice:
            lines.add("    ", (f"help: {advice}", "dim"))
    if result.errors:
        if current is not None:
            lines.add()
        lines.add(("Could not scan", "bold red"))
        for error in result.errors:
            where = error.path + (f":{error.line}" if error.line else "")
            lines.add(f"  {where} {error.message}")
    if result.ignored:
        if current is not None or result.errors:
            lines.add()
        lines.add((IGNORED_HEADING, "bold"))
        for path in result.ignored:
            lines.add(f"  {path}")
    lines.print(console)
    if result.findings:
        console.print()
        _print_summary(result, console)
    if compat is not None and (compat[1] or compat[2]):
        console.print()
        compat_summary_table(compat[0], compat[1], console, compat[2])
        console.print()
    if provider is not None and shown:
        console.print(f"{provider.id} is {escape(provider.name)}, key in {provider.api_key_env}")
        console.print(f"  base URL {escape(provider.base_url)}")
        console.print(f"  docs     {escape(provider.docs)}")
    line = summary_line(result)
    hidden = len(result.findings) - len(shown)
    if hidden:
        line += f" ({hidden} information-only not listed: --show-notes)"
    console.print(line)


class _Lines:
    """Lines printed at once, each made of pieces of text, some with a style.

    rich's work for each print call was most of the time of a report with thousands of
    lines (a generated module's findings, its diff); a file or a pipe (no colour system)
    gets the plain text rich would write there (soft wrap: no line is cut), without that
    work, unless a tab asks for rich's expansion."""

    def __init__(self) -> None:
        self._lines: list[tuple[str | tuple[str, str], ...]] = []

    def add(self, *pieces: str | tuple[str, str]) -> None:
        """One line: plain text, or (text, rich style) pairs."""
        self._lines.append(pieces)

    def print(self, console: Console) -> None:
        if not self._lines:
            return
        if console.color_system is None and console.soft_wrap and not console.record:
            text = "\n".join(
                "".join(printable(p if isinstance(p, str) else p[0]) for p in line)
                for line in self._lines
            )
            if "\t" not in text:
                console.file.write(text + "\n")
                return
        console.print("\n".join(self._markup(line) for line in self._lines))

    @staticmethod
    def _markup(line: tuple[str | tuple[str, str], ...]) -> str:
        return "".join(
            escape(p) if isinstance(p, str) else f"[{p[1]}]{escape(p[0])}[/]" for p in line
        )


def summary_only(
    result: ScanResult,
    compat: tuple[Provider, dict[str, int], dict[str, tuple[int, int]]] | None = None,
) -> str | None:
    """The whole of `scan_table` when it is the summary line alone (nothing found, nothing
    left out): written as it is, without rich. None when the table has more to show, or the
    line has what rich would read as markup."""
    if result.findings or result.errors or result.ignored:
        return None
    if compat is not None and (compat[1] or compat[2]):
        return None
    line = summary_line(result)
    if "[" in line or not line.isprintable():
        return None
    return line + "\n"


# code and text a message quotes as `apply` writes it (`"Input your DeepSeek key: "`)
_QUOTED = re.compile(r'"[^"]*"|`[^`]*`')


def shorten(message: str, provider: Provider | None) -> str:
    """A finding's message for the table: the target's id for its name; its docs and the
    default of its base-URL variable, which the table's last lines give once, left out (a
    base URL to set stays written out, as apply and check show it). Not inside double quotes
    or backticks, nor in the provider's model ids (`MiniMax-M2.5`, t53g D6): what `apply`
    writes is shown as it writes it."""
    if provider is None or provider.passthrough_models:  # OpenAI itself: its name is the API's
        return message
    ids = sorted({m for m in provider.models.values() if provider.name in m}, key=len)
    kept = "|".join([_QUOTED.pattern, *(re.escape(m) for m in reversed(ids))])
    parts = re.split(f"({kept})", message)
    parts[::2] = [_shorten(part, provider) for part in parts[::2]]
    return "".join(parts)


def _shorten(message: str, provider: Provider) -> str:
    for said_once in (f" (default {provider.base_url})", f" (see {provider.docs})"):
        message = message.replace(said_once, "")
    # "an Alibaba Qwen model" becomes "a qwen model": the article goes with the id
    name = re.escape(provider.name)
    named = re.compile(rf"\b([Aa])n? {name}{_WORD_ENDS}")
    message = named.sub(lambda m: f"{_article(m.group(1), provider.id)} {provider.id}", message)
    # a word of its own: `ChatDeepSeek`, a class, and `MiniMax-M2.5`, a model id as apply
    # writes it (t53g D6), keep their names
    return re.sub(rf"(?<![\w./=-]){name}{_WORD_ENDS}", provider.id, message)


# where the provider's name ends a word: not inside a name or a model id (`ChatDeepSeek`,
# `MiniMax-M2.5`, `Qwen/Qwen3-8B`: joined to what follows by `-`, `_`, `.` or `/` with a digit
# in it); "a Qwen-like thing" and a full stop ending a sentence are no part of one
_WORD_ENDS = r"(?![\w/]|[-_.][\w.-]*\d)"


def _article(first: str, word: str) -> str:
    """The indefinite article for `word`, capitalised as `first` is."""
    return first + ("n" if word[:1].lower() in "aeiou" else "")


_OPENS = " ([{=,:"


def split_advice(message: str) -> tuple[str, str]:
    """(what was found, what to do): a message split at its first `; ` outside brackets and
    quotes; ("message", "") when it has none."""
    depth = 0
    quote = ""
    for i, char in enumerate(message):
        if quote:
            quote = "" if char == quote else quote
        elif char == "`" or (char in "'\"" and (i == 0 or message[i - 1] in _OPENS)):
            quote = char  # an apostrophe inside a word (`OpenAI's`) opens nothing
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0 and message[i + 1 : i + 2] == " ":
            return message[:i], message[i + 2 :]
    return message, ""


IGNORED_HEADING = (
    "Ignored by .gitignore, so not migrated, but naming OpenAI (the settings your program "
    "reads? name the file, or pass --no-gitignore):"
)


# Below this width the summary by category is a list: its nine columns would cut words.
NARROW = 100


def _category_counts(result: ScanResult) -> dict[str, Counter[str]]:
    by_category: dict[str, Counter[str]] = {}
    for finding in result.findings:
        counts = by_category.setdefault(finding.category, Counter())
        counts["total"] += 1
        counts[finding.severity.value] += 1
        counts[finding.fix.value] += 1
    return dict(sorted(by_category.items()))


def _print_summary(result: ScanResult, console: Console) -> None:
    """The summary by category: a table, or a list on a narrow terminal."""
    by_category = _category_counts(result)
    if console.width >= NARROW:
        console.print(_summary_table(by_category))
        return
    console.print("Summary by category")
    for category, counts in by_category.items():
        parts = [
            ", ".join(f"{counts[k.value]} {k.value}" for k in kinds if counts[k.value])
            for kinds in (Severity, FixClass)
        ]
        console.print(f"  {category}: {counts['total']} ({'; '.join(p for p in parts if p)})")


def _summary_table(by_category: dict[str, Counter[str]]) -> Table:
    from rich.table import Table

    table = Table(title="Summary by category", title_justify="left", show_edge=False)
    table.add_column("category")
    table.add_column("findings", justify="right")
    for sev in Severity:
        table.add_column(sev.value, justify="right")
    for fix in FixClass:
        table.add_column(fix.value, justify="right")
    for category, counts in by_category.items():
        table.add_row(
            category,
            str(counts["total"]),
            *(str(counts[s.value] or "") for s in Severity),
            *(str(counts[f.value] or "") for f in FixClass),
        )
    return table


def summary_line(result: ScanResult) -> str:
    severities = Counter(f.severity.value for f in result.findings)
    files_with = len({f.path for f in result.findings})
    target = f" for {result.provider}" if result.provider else ""
    parts = [
        f"{len(result.findings)} finding{'s' * (len(result.findings) != 1)}{target} "
        f"in {files_with} of {result.files} file{'s' * (result.files != 1)}"
    ]
    if result.findings:
        parts.append(", ".join(f"{severities[s.value]} {s.value}" for s in Severity))
    if result.errors:
        n = len(result.errors)
        parts.append(f"{n} file{'s' * (n != 1)} could not be scanned")
    return "; ".join(parts)


@contextmanager
def progress_bar(
    enabled: bool, slow_after: float = SLOW_FILE_SECONDS, console: Console | None = None
) -> Iterator[Callable[[int, int, Path | str | None], None]]:
    """Yields a (done, total, current file) callback that shows a transient bar on stderr:
    at once for a long scan, and for any scan that has waited `slow_after` seconds on one
    file (a 50,000-line module), naming that file when this process reads it."""
    import threading

    lock = threading.Lock()
    state: dict[str, Any] = {"latest": (0, 0, None)}

    def show() -> None:
        with lock:
            if "bar" in state or state.get("closed"):
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console or Console(stderr=True),
                transient=True,
            )
            done, total, current = state["latest"]
            bar.start()
            state["task"] = bar.add_task(_doing(current), total=total, completed=done)
            state["bar"] = bar

    def arm() -> None:
        timer = state.get("timer")
        if timer is not None:
            timer.cancel()
        timer = threading.Timer(slow_after, show)
        timer.daemon = True
        state["timer"] = timer
        timer.start()

    def update(done: int, total: int, current: Path | str | None = None) -> None:
        if not enabled:
            return
        state["latest"] = (done, total, current)
        if "bar" in state:
            with lock:
                state["bar"].update(state["task"], completed=done, description=_doing(current))
        elif total >= PROGRESS_MIN_FILES:
            show()
        elif done < total:
            arm()  # shown only if nothing moves for `slow_after` seconds

    try:
        yield update
    finally:
        with lock:
            state["closed"] = True
            if "timer" in state:
                state["timer"].cancel()
            if "bar" in state:
                state["bar"].stop()


def _doing(current: Path | str | None) -> str:
    if isinstance(current, Path):
        path = current
        try:
            current = path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            current = path.as_posix()
    return f"reading {escape(current)}" if current else "scanning"


def providers_table(registry: Registry, console: Console) -> None:
    from rich.table import Table

    table = Table(show_edge=False)
    for column in ("id", "name", "aliases", "base URL", "key variable", "as of"):
        table.add_column(column, overflow="fold")
    for pid in registry.ids:
        p = registry.providers[pid]
        table.add_row(
            p.id, p.name, ", ".join(p.aliases), p.base_url, p.api_key_env, p.as_of.isoformat()
        )
    console.print(table)


def provider_json(provider: Provider) -> str:
    return json.dumps(provider.to_json(), indent=2, ensure_ascii=False) + "\n"


def provider_details(provider: Provider, console: Console) -> None:
    """One provider, for people: each fact with the number of its source, listed at the end."""
    numbers: dict[Source, int] = {}

    def cite(path: tuple[str, ...]) -> str:
        refs = [numbers.setdefault(s, len(numbers) + 1) for s in provider.source_of(*path)]
        mark = " *" if path and provider.is_uncertain(*path) else ""
        return (f"  [{','.join(map(str, refs))}]" if refs else "") + mark

    def section(title: str, rows: Sequence[tuple[str, str, tuple[str, ...]]]) -> None:
        if not rows:
            return
        console.print(f"\n[bold]{title}[/]")
        width = max(len(k) for k, _, _ in rows)
        for key, value, path in rows:
            console.print(f"  {escape(key.ljust(width))}  {escape(value)}{escape(cite(path))}")

    def table(title: str, name: str, show: Callable[[Any], str] = str) -> None:
        values = getattr(provider, name)
        section(title, [(k, show(v), (name, k)) for k, v in values.items()])

    console.print(f"[bold]{escape(provider.name)}[/] ({provider.id})")
    base_key: tuple[str, ...] = ("base_url",)
    if provider.default_region and not provider.source_of(*base_key):
        base_key = ("regions", provider.default_region)
    section(
        "Endpoint",
        [
            ("base URL", provider.base_url, base_key),
            *((f"region {name}", url, ("regions", name)) for name, url in provider.regions.items()),
            ("key variable", provider.api_key_env, ("api_key_env",)),
            *(
                (f"key variable {name}", env, ("region_env", name))
                for name, env in provider.region_env.items()
            ),
            ("base-URL variable", provider.base_url_env, ("base_url_env",)),
            ("aliases", ", ".join(provider.aliases) or "-", ()),
            ("docs", provider.docs, ()),
            ("facts as of", provider.as_of.isoformat(), ()),
        ],
    )
    table("Models by tier", "tiers")
    table("OpenAI model -> provider model", "models")
    table("API support", "supports", _support_word)
    table("Parameters", "params", json.dumps)
    section(
        "Parameters per model (removed by ML115)",
        [
            (
                f"{'every model' if glob == '*' else glob}: {param}",
                fact,
                ("model_params", glob, param),
            )
            for glob, facts in provider.model_params.items()
            for param, fact in facts.items()
        ],
    )
    table("Default headers", "default_headers")
    if provider.azure is not None:
        settings = provider.azure.to_json()
        rows: list[tuple[str, str, tuple[str, ...]]] = [
            (k, str(v), ("azure", k)) for k, v in settings.items() if k != "regions"
        ]
        for region, values in settings.get("regions", {}).items():
            rows += [
                (f"{k} ({region})", str(v), ("azure", "regions", region, k))
                for k, v in values.items()
            ]
        section("Azure client", rows)
    table("Frameworks", "frameworks")
    table(
        "Error replies (ML119)",
        "errors",
        lambda reply: json.dumps(reply.to_json(), ensure_ascii=False),
    )
    if provider.notes:
        console.print("\n[bold]Notes[/]")
        for i, note in enumerate(provider.notes):
            console.print(f"  - {escape(note)}{escape(cite(('notes', str(i))))}")
    section("Uncertain facts (marked *)", [(k, v, ()) for k, v in provider.uncertain.items()])
    if numbers:
        console.print("\n[bold]Sources[/]")
        for source, number in numbers.items():
            console.print(f"  [{number}] {escape(source.describe())}", soft_wrap=True)


def _support_word(value: bool | str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def rules_table(rules: Sequence[type[Rule]], console: Console) -> None:
    from rich.table import Table

    table = Table(show_edge=False)
    for column in ("code", "name", "category", "severity", "fix", "summary"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        table.add_row(
            rule.code, rule.name, rule.category, rule.severity.value, rule.fix.value, rule.summary()
        )
    console.print(table)


def rule_details(rule: type[Rule], examples: Sequence[ShownExample], console: Console) -> None:
    """One rule: its documentation rendered as help text, then its examples as run."""
    from rich.markdown import Markdown  # a tenth of a second: only for this command

    console.print(
        f"[bold]{rule.code}[/] {rule.name} ({rule.category}, {rule.severity.value}, "
        f"fix: {rule.fix.value})\n"
    )
    console.print(Markdown(rule.docs()))
    for example in examples:
        label = "Reported" if example.finds else "Not reported"
        target = f" with --provider {example.provider}" if example.provider else ""
        console.print(f"\n[bold]{label}{target}[/] ({escape(example.path)}):")
        for line in example.before.splitlines():
            console.print(f"    {escape(line)}")
        if example.message:
            console.print(f"  -> {escape(example.message)}")
        if example.after is not None:
            console.print("  apply writes:")
            for line in example.after.splitlines():
                console.print(f"    {escape(line)}")


def show_diff(text: str, console: Console, pager: Pager | None = None) -> None:
    """A unified diff in colour: additions green, removals red, hunk headers cyan. Given a
    `pager`, a diff taller than the terminal goes through it (`apply --interactive`)."""
    lines = text.splitlines()
    if pager is not None and console.is_terminal and len(lines) >= console.height:
        with console.pager(pager, styles=True):
            _print_diff(lines, console)
        return
    _print_diff(lines, console)


def system_pager() -> Pager:
    """The user's pager ($PAGER, else less or more), as `git` pages."""
    from rich.pager import SystemPager

    return SystemPager()


def _print_diff(lines: list[str], console: Console) -> None:
    out = _Lines()
    for line in lines:
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        else:
            style = ""
        out.add((line, style) if style else line)
    out.print(console)


def _needs_person(finding: Finding) -> bool:
    """Left findings worth listing: anything but information."""
    return finding.fix is not FixClass.NONE


def apply_summary(
    plan: Plan,
    written: Sequence[FileChange],
    failed: Sequence[FileError],
    console: Console,
    wrote: bool = True,
) -> None:
    """What `apply` did (with `wrote=False`, what `apply --diff` would do), what a person
    should review or do, and the next step."""
    provider = plan.provider
    fixed = [f for change in written for f in change.fixed]
    by_fix = Counter(f.fix.value for f in fixed)
    files = len(written)
    did = "Changed" if wrote else "The diff changes"
    console.print(
        f"[bold]{did} {files} file{'s' * (files != 1)} for {escape(provider.name)}[/]: "
        f"{by_fix['safe']} safe fix{'es' * (by_fix['safe'] != 1)}, "
        f"{by_fix['review']} to review."
    )
    review = [f for f in fixed if f.fix is FixClass.REVIEW]
    if review:
        console.print("\n[bold]Review[/] (rewritten; check the choice):")
        listed = _Lines()
        for f in review:
            listed.add(f"  {f.where} {f.rule} {f.message}")
        listed.print(console)
    left = [
        f
        for change in plan.changes
        if change.error is None
        for f in (change.left if change in written else change.findings)
        if _needs_person(f)
    ]
    if left:
        console.print("\n[bold]Left for you[/] (not rewritten):")
        listed = _Lines()
        for f in left:
            listed.add(f"  {f.where} {f.rule} {f.severity.value} {f.message}")
        listed.print(console)
    errors = [c.error for c in plan.changes if c.error is not None] + list(failed)
    if errors:
        console.print("\n[bold red]Could not migrate[/] (left as they were):")
        for e in errors:
            where = e.path + (f":{e.line}" if e.line else "")
            console.print(f"  {escape(where)} {escape(e.message)}")
    parts = [p for c in plan.changes if c.error is None for p in c.problems]  # e.g. a cell
    if parts:
        console.print(
            "\n[bold red]Could not migrate these parts[/] (left as they were; the rest of "
            "each file is migrated):"
        )
        for e in parts:
            where = e.path + (f":{e.line}" if e.line else "")
            console.print(f"  {escape(where)} {escape(e.message)}")
    v0_held = [path for path in plan.v0_held if any(c.path == path for c in written)]
    if v0_held:
        console.print(
            "\n[bold red]Needs openai>=1, which the project's requirements keep below 1[/] "
            "(ML504 above says which pins to move; until they move, this code fails at "
            "import):"
        )
        for path in v0_held:
            console.print(f"  {escape(path)}")
    if plan.ignored:
        console.print(f"\n[bold]{IGNORED_HEADING}[/]")
        for path in plan.ignored:
            console.print(f"  {escape(path)}")
    downloads = _tokenizer_downloads(plan)
    if downloads:
        console.print(f"\n[bold]Note[/]: {escape(downloads)}")
    kept = _kept_on_openai(provider, left)
    if kept:
        console.print(f"\n[bold]Still on OpenAI[/]: {escape(kept)}")
    dead = _dead_on_openai(provider, left)
    if dead:
        console.print(f"\n[bold red]Fails on OpenAI too[/]: {escape(dead)}")
    if not wrote and not written:
        return  # an empty diff: nothing to write, no step to take
    from migrate_llm.lock_files import relock_step

    first = "" if wrote else "write it (`git apply`, or apply again with --yes), then "
    step = _next_step(plan, fixed, left, written, bool(first))
    # steps of any run: the program's own variables that config placeholders read, and
    # lock files left stale
    steps = [step] if step else []
    settings = _settings_file_step(fixed)
    shared = _shared_default_step(plan, fixed)
    account = _account_env_step(plan, fixed)
    routed = _route_keys_step(provider, fixed)
    steps_more = (_placeholder_step(plan, left), settings, shared, account, routed)
    for more in (*steps_more, relock_step(plan.stale_locks)):
        if more:  # a sentence of its own after another; lowercase first, as the others are
            steps.append(escape(more[:1].upper() + more[1:] if steps else more))
    if steps:
        console.print(f"\n[bold]Next[/]: {first}{' '.join(steps)}")


def _account_env_step(plan: Plan, fixed: Sequence[Finding]) -> str:
    """Where apply pointed an SDK client at the provider (a client finding, or an openai<1
    call rewritten onto a v1 client), or a LangChain OpenAI class (`_LANGCHAIN_MOVES`), while
    the environment it runs in sets OpenAI's account ids (`sdk.ACCOUNT_ENV_HEADERS`,
    `langchain.ACCOUNT_ENV_HEADERS`: LangChain 0.0.x reads OPENAI_ORGANIZATION), which such a
    client given none reads and sends as headers to any host: to unset them (the values are
    not shown). No file of the project need set them (chatgpt-retrieval-plugin's
    `openai.Embedding.create`, rewritten: the user's shell), so only the environment tells."""
    from migrate_llm import openai_sdk as sdk
    from migrate_llm.frameworks import langchain as lc

    provider = plan.provider
    if provider.passthrough_models:
        return ""
    readers: list[tuple[str, dict[str, str]]] = []
    if any(f.category in ("client", "legacy") for f in fixed):
        sdk_headers = {v: h for v, (_, h) in sdk.ACCOUNT_ENV_HEADERS.items()}
        readers.append(("the openai SDK's clients", sdk_headers))
    if any(f.rule in _LANGCHAIN_MOVES for f in fixed):
        readers.append(("LangChain's OpenAI classes", lc.ACCOUNT_ENV_HEADERS))
    found: dict[str, str] = {}
    senders: list[str] = []
    for who, table in readers:
        read = {v: h for v, h in table.items() if os.environ.get(v)}
        if read:
            found.update(read)
            senders.append(who)
    if not found:
        return ""
    names = " and ".join(found)
    headers = list(dict.fromkeys(found.values()))
    them = "them" if len(found) > 1 else "it"
    plural = "s" if len(headers) > 1 else ""
    return (
        f"unset {names} where the program runs: this shell sets {them}, and "
        f"{' and '.join(senders)} send {them} to {provider.name} as the "
        f"{' and '.join(headers)} header{plural} of every request."
    )


# The rules whose fixes point a LangChain OpenAI class at the provider (ML601; ML603's
# `init_chat_model`), whose account ids it then sends there (`_account_env_step`)
_LANGCHAIN_MOVES = frozenset({"ML601", "ML603"})


def _next_step(
    plan: Plan,
    fixed: Sequence[Finding],
    left: Sequence[Finding],
    written: Sequence[FileChange],
    diff: bool,
) -> str | None:
    """The Next line's steps for what apply wrote (rich markup, escaped), or None where there
    is none to take (`diff`: for `apply --diff`, whose Next line asks to write it first)."""
    provider = plan.provider
    if provider.passthrough_models:  # modernising for OpenAI itself
        if any(f.category == "legacy" for f in fixed):
            return (
                "install openai>=1 (pip install -U 'openai>=1'), then "
                "run your tests: the code now uses the v1 client."
            )
        return "run your tests." if diff else None
    # the routes apply wrote, and those crewAI's findings left say to write (ML690's agent
    # with no llm: its route's variables, not the SDK's, must be set once it is given one)
    routed = [*fixed, *(f for f in left if f.rule in _ROUTE_ADVISERS)]
    routes = sorted({r for f in routed if isinstance(r := f.data.get("litellm_route"), str)})
    keys = _program_keys(provider, fixed)
    held = _held_config(provider, left, fixed)
    # the key variable of the program's entry for the target apply selected (ML204's
    # `entry_key_env`: TradingAgents' "qwen-cn" reads DASHSCOPE_CN_API_KEY), which it reads
    entry = _entry_key_env(fixed)
    key_env = entry or provider.api_key_env
    reads_key = entry is not None or any(provider.api_key_env in c.after for c in written)
    crew = _crewai_step(plan, routed, also=reads_key or bool(routes))
    chat_route = _langchain_route_step(plan, fixed, reads_key)
    if not reads_key and chat_route:  # LangChain's route reads the provider's key itself
        step = " ".join(s for s in (chat_route, keys[:1].upper() + keys[1:]) if s)
        return f"{escape(step)}{escape(held)}"
    if not reads_key:
        if routes or crew:  # litellm's and crewAI's routes read the provider's key themselves
            litellm = _litellm_step(plan, routes, left=left, written=written) if routes else ""
            hand = _hand_reads_step(plan, left, written) if routes else ""
            step = " ".join(s for s in (litellm, hand, crew) if s)
            step += f" {keys[:1].upper()}{keys[1:]}" if keys else ""
            return escape(step)
        if keys:
            return f"{escape(keys)}{escape(held)}"
        # nothing written reads the provider's key: no variable to set for it
        return "run your tests." if diff else None
    unset = _unset_reads(provider.api_key_env, provider.name, written)
    unset = f" {escape(unset)}" if unset else ""
    if provider.azure is not None:  # the endpoint is per resource: there is no default
        return (
            f"export {provider.api_key_env}=<your resource's key> and "
            f"{provider.base_url_env}=<your resource's endpoint, such as {plan.base_url}> (the "
            f"OpenAI key does not work there).{unset}"
        )
    # the provider's base-URL variable is named only where written code reads it (a run whose
    # only reads are litellm's routes, aider's, reads litellm's own)
    reads_base = any(provider.base_url_env in change.after for change in written)
    base = _base_url_step(plan, fixed, reads_base, _key_fallbacks(provider, fixed, left))
    base = " ".join(s for s in (base, _region_step(plan, left), _camel_step(plan, left)) if s)
    litellm = (
        _litellm_step(plan, routes, True, contrast=reads_base, left=left, written=written)
        if routes
        else _litellm_calls_step(plan, reads_base, left, written)
    )
    hand = _hand_reads_step(plan, left, written) if litellm else ""
    litellm = f" {escape(litellm)}" if litellm else ""
    litellm += f" {escape(hand)}" if hand else ""
    litellm += f" {escape(crew)}" if crew else ""
    litellm += f" {escape(chat_route)}" if chat_route else ""
    keys = f" {escape(keys[:1].upper() + keys[1:])}" if keys else ""
    its = "the program's entry apply selected reads it; " if key_env != provider.api_key_env else ""
    return (
        f"export {key_env}=<your {escape(provider.name)}"
        f" key> ({its}the OpenAI key does not work there).{unset}"
        f"{' ' + escape(base) if base else ''}{litellm}{keys}{escape(held)}"
    )


def _unset_reads(variable: str, name: str, written: Sequence[FileChange]) -> str:
    """Where apply wrote a read of the provider's key variable with the placeholder "unset"
    as its default (`code_templates.UNSET_KEY`: a client built at import, or one whose class
    the project's tests double): with the variable unset such a client starts, and the
    provider answers its first request with 401; and where it wrote `os.environ[...]`, which
    stops with KeyError instead (t62d: the line spoke of the placeholder alone while most
    reads were `os.environ[...]`), unless an `if "<variable>" in os.environ:` holds it (t65b:
    lmql's openai_secret.py reads it only when it is set); an assignment or `del` of it is no
    read (`_written_lines`, t67c). "" where apply wrote no read with the placeholder."""
    quoted = rf"""["']{re.escape(variable)}["']"""
    # `os.environ.get(VAR, "unset")`, or `os.environ.get(VAR) or "unset"` (never empty, for
    # litellm: `code_templates.key_expr`'s `filled`)
    placeholder = _new_reads(
        re.compile(rf"""{quoted}\s*(?:,|\)\s*or)\s*["']{UNSET_KEY}["']"""), written
    )
    strict = _new_reads(
        re.compile(rf"""os\.environ\[\s*{quoted}\s*\]"""),
        written,
        lambda text: _set_tested_lines(text, variable) | _written_lines(text, variable),
    )
    if not placeholder:
        return ""
    many = len(placeholder) > 1
    said = (
        f"Until it is set, the key read{'s' * many} apply wrote with the placeholder "
        f'"{UNSET_KEY}" ({_first_few(placeholder)}) send{"" if many else "s"} that '
        f"placeholder: a 401 from {name} means the variable is not set."
    )
    if strict:
        several = len(strict) > 1
        said += (
            f' {"Those" if several else "The one"} it wrote as os.environ["{variable}"] '
            f"({_first_few(strict)}) stop{'' if several else 's'} the program with KeyError "
            "instead."
        )
    return said


def _new_reads(
    read: re.Pattern[str],
    written: Sequence[FileChange],
    skipped: Callable[[str], set[int]] | None = None,
) -> list[str]:
    """`path:line` of each match of `read` apply added (the last ones of each file), but
    those on the lines `skipped` gives for the text after apply."""
    found: list[str] = []
    for change in written:
        new = len(read.findall(change.after)) - len(read.findall(change.before))
        if new <= 0:
            continue
        lines = [change.after.count("\n", 0, m.start()) + 1 for m in read.finditer(change.after)]
        skip = skipped(change.after) if skipped is not None else set()
        found += [f"{change.path}:{line}" for line in lines[-new:] if line not in skip]
    return found


def _set_tested_lines(text: str, variable: str) -> set[int]:
    """The lines of the Python `text` inside the body of an `if "<variable>" in os.environ:`
    (a test holding that comparison): a read of it there cannot raise KeyError. Empty for
    text that does not parse (a notebook's JSON)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    lines: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.If) or not any(
            isinstance(c, ast.Compare)
            and isinstance(c.left, ast.Constant)
            and c.left.value == variable
            and isinstance(c.ops[0], ast.In)
            and ast.unparse(c.comparators[0]) == "os.environ"
            for c in ast.walk(node.test)
        ):
            continue
        for statement in node.body:
            lines.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    return lines


def _written_lines(text: str, variable: str) -> set[int]:
    """The lines of the Python `text` where `os.environ["<variable>"]` is only assigned or
    deleted (`os.environ["ZAI_API_KEY"] = "test-key"`, ML404's rename of a stand-in, t67c): no
    read there, so nothing raises KeyError. Empty for text that does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    stored: set[int] = set()
    loaded: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and node.slice.value == variable
            and ast.unparse(node.value) == "os.environ"
        ):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.lineno)
    return stored - loaded


def _entry_key_env(fixed: Sequence[Finding]) -> str | None:
    """The key variable of the program's entry for the target that apply selected, where
    ML204 or ML503 names one (`entry_key_env`) and only one; else None."""
    found = {v for f in fixed if isinstance(v := f.data.get("entry_key_env"), str)}
    return found.pop() if len(found) == 1 else None


def _placeholder_step(plan: Plan, left: Sequence[Finding]) -> str:
    """The program's own variables that config entries beside the provider's models read for
    their base URL and key (`${BASE_URL}`: ML502's `url_variable` and `key_variable`), which
    the provider's variables do not fill. "" where there are none."""
    found = [f for f in left if f.rule == "ML502" and _PLACEHOLDER_DATA & f.data.keys()]
    if not found:
        return ""
    provider = plan.provider
    urls = sorted({v for f in found if isinstance(v := f.data.get("url_variable"), str)})
    keys = sorted({v for f in found if isinstance(v := f.data.get("key_variable"), str)})
    sets = [f"{v}={plan.base_url}" for v in urls] + [
        f"{v}=<your {provider.name} key>" for v in keys
    ]
    what = " and ".join(w for w, named in (("base URL", urls), ("key", keys)) if named)
    ours = " and ".join(
        v for v, named in ((provider.base_url_env, urls), (provider.api_key_env, keys)) if named
    )
    where = _first_few([f"{f.path}:{f.line}" for f in found], " (see Left for you)")
    return (
        f"set {' and '.join(sets)} where the program reads them: its config entries for "
        f"{provider.name}'s models read their {what} from them ({where}), not from {ours}."
    )


_PLACEHOLDER_DATA = frozenset({"url_variable", "key_variable"})


def _shared_default_step(plan: Plan, fixed: Sequence[Finding]) -> str:
    """The class fields whose default key apply made read the provider's variable (ML402's
    `field`): every instance built without a key of its own shares it, wherever its base URL
    points (t58a: MetaGPT's `LLMConfig`, an `open_llm` entry in ~/.metagpt/config2.yaml sent
    the Zhipu key to the local server). "" where there are none."""
    found = [
        f"{f.data['setting']} ({f.path}:{f.line})"
        for f in fixed
        if f.rule == "ML402" and f.data.get("field") is True
    ]
    if not found:
        return ""
    provider = plan.provider
    return (
        f"the default key of {_first_few(found)} now reads {provider.api_key_env}: an object "
        "built without a key of its own (a config entry naming another server, also one kept "
        f"outside this tree) sends your {provider.name} key wherever its base URL points; give "
        "such entries their own key (check reports those in this tree, ML502)."
    )


def _settings_file_step(fixed: Sequence[Finding]) -> str:
    """The entries apply rewrote in a table of defaults that the program writes to a file
    under the user's home on its first run and reads back over the table afterwards (ML204's
    `settings_file`: shell_gpt's `~/.config/shell_gpt/.sgptrc`): a file written before the
    switch keeps the old values. "" where apply rewrote none."""
    files: dict[tuple[str, str], dict[str, str]] = {}
    for f in fixed:
        home, path, key, new = (
            f.data.get(k) for k in ("settings_file", "settings_path", "settings_key", "model_to")
        )
        if all(isinstance(v, str) for v in (home, path, key, new)):
            files.setdefault((str(home), str(path)), {})[str(key)] = str(new)
    said = []
    for (home, path), keys in sorted(files.items()):
        sets = " and ".join(f"{k}={v}" for k, v in sorted(keys.items()))
        said.append(
            f"where {home} (`{path}`) exists, set {sets} in it: the program wrote it from its "
            "defaults on its first run and reads it over them, so it keeps the values it was "
            "written with."
        )
    return " ".join(said)


# Rules whose findings left to a person name the route to write (their data's
# `litellm_route` / `crewai_route`), which apply's Next line names the variables of
_ROUTE_ADVISERS = frozenset({"ML690"})


def _crewai_step(plan: Plan, fixed: Sequence[Finding], also: bool) -> str:
    """What to set for crewAI's own routes of the provider (`dashscope/<model>`, ML690 and
    ML503's `crewai_route`): the key where nothing else asks for it (not `also`), the base-URL
    variable where the route's default is another region's host, and litellm's variables
    for releases before the route (`crewai_routes_from`). "" when apply wrote none."""
    found = [f.data for f in fixed if isinstance(f.data.get("crewai_route"), str)]
    if not found:
        return ""
    provider = plan.provider
    shown = " and ".join(sorted({f"{d['crewai_route']}/" for d in found}))
    key = (
        f"export {provider.api_key_env}=<your {provider.name} key> (the OpenAI key does not "
        "work there)"
    )
    based = next((d for d in found if "crewai_base_url_env" in d), None)
    said = []
    if based is not None:
        variable, default = based["crewai_base_url_env"], based["crewai_base_url"]
        setting = f"{variable}={plan.base_url}"
        said.append(
            f"crewAI's {shown} route reads {variable}, and without it goes to {default}: "
            f"export {setting} too."
            if also
            else f"{key} and {setting}: crewAI's {shown} route reads them, and without "
            f"{variable} goes to {default}."
        )
    elif not also:
        said.append(f"{key}, which crewAI's {shown} route reads.")
    older = next((d for d in found if "crewai_routes_from" in d), None)
    if older is not None:
        base = provider.frameworks.get("litellm_base_url_env")
        setting = f" and export {base}={plan.base_url}" if isinstance(base, str) else ""
        said.append(
            f"crewai<{older['crewai_routes_from']} takes {shown} through litellm: install "
            f"{crewai.LITELLM_EXTRA}{setting}."
        )
    return " ".join(said)


# Keys the program keeps in its own settings that apply hands a provider's URL, named on
# the Next line (at most this many; the Review list has them all)
SHOWN_KEYS = 3


def _route_keys_step(provider: Provider, fixed: Sequence[Finding]) -> str:
    """The key variables of other providers' litellm routes that apply now passes to the calls
    on them (ML645's `key_env`, other than the provider's own, which the line names first):
    unset, such a call stops with KeyError or gets a 401 where it sent OPENAI_API_KEY before.
    "" where there are none."""
    found: dict[str, tuple[str, list[str]]] = {}
    for f in fixed:
        variable, route = f.data.get("key_env"), f.data.get("route")
        if f.rule != "ML645" or not isinstance(variable, str) or not isinstance(route, str):
            continue
        if variable != provider.api_key_env:
            found.setdefault(variable, (route, []))[1].append(f.where)
    if not found:
        return ""
    names = sorted(found)
    where = [w for name in names for w in found[name][1]]
    routes = " and ".join(f"{found[name][0]}/" for name in names)
    one = len(names) == 1
    return (
        f"export {' and '.join(names)}: the litellm call{'s' * (len(where) > 1)} on "
        f"{routes} apply gave a key read ({_first_few(where)}) now read"
        f"{'s' * (len(where) == 1)} {'it' if one else 'them'}, not OPENAI_API_KEY."
    )


def _program_keys(provider: Provider, fixed: Sequence[Finding]) -> str:
    """Where the program keeps the key it gives a client apply pointed at the provider
    (`config.openai_api_key`, ML001's and ML003's `program_key`): the provider's key must go
    there, and an OpenAI key left there would be sent to the provider. "" when there is none."""
    found = [(f.where, k) for f in fixed if isinstance(k := f.data.get("program_key"), str)]
    if not found:
        return ""
    shown = _first_few([f"`{key}` ({where})" for where, key in found], " (see Review)")
    return (
        f"put your {provider.name} key where the program keeps the key it hands "
        f"{'these clients' if len(found) > 1 else 'this client'}: {shown}; an OpenAI key left "
        "there would be sent to the provider."
    )


def _kept_on_openai(provider: Provider, left: Sequence[Finding]) -> str:
    """The clients apply left on OpenAI because their only requests are APIs the provider
    does not serve (ML001's and ML003's `unserved`): they still need OpenAI's key, and the
    SDK refuses to build one without it (gpt-discord-bot's moderation client stopped the bot
    at import where only the provider's variables were set). "" where there are none. An
    Azure client left so (ML002's) reads Azure's key, not OpenAI's: not one of them."""
    found = [
        (f, named)
        for f in left
        if isinstance(named := f.data.get("unserved"), list)
        and not _only_shut_down(f)
        and f.rule != "ML002"
    ]
    if not found:
        return ""
    read = [(f, named) for f, named in found if "key_given" not in f.data]
    given = [(f, named) for f, named in found if "key_given" in f.data]
    parts = []
    if read:
        them = "these clients" if len(read) > 1 else "the client"
        parts.append(
            f"keep OPENAI_API_KEY set to an OpenAI key for {them} apply left there, whose "
            f"only requests are {_apis(read)}, which {provider.name} does not serve: "
            f"{_first_few([f.where for f, _ in read], ' (see Left for you)')}; without it the "
            "SDK refuses to build the client."
        )
    if given:
        said = _given_keys_left(provider, given)
        parts.append(said[0].upper() + said[1:] if parts else said)
    return " ".join(parts)


def _apis(found: Sequence[tuple[Finding, list[object]]]) -> str:
    return " and ".join(sorted({str(api) for _, named in found for api in named}))


def _given_keys_left(provider: Provider, found: Sequence[tuple[Finding, list[object]]]) -> str:
    """The clients apply left on OpenAI that take a key the program hands them (ML001's
    `key_given`: a parameter, `self.api_key`): that key, not OPENAI_API_KEY (read only where
    it is None), goes to OpenAI; a caller passing the provider's key to every tool (t68f,
    agentscope's openai_* tools) sends it to OpenAI."""
    keys = []
    for f, _ in found:
        at = f.where if f.cell is not None else f"{f.path}:{f.data.get('key_given_line')}"
        what = ", the parameter" if f.data.get("key_given_param") else ""
        keys.append(f"`{f.data['key_given']}` ({at}{what})")
    them, takes = ("these clients", "take") if len(found) > 1 else ("the client", "takes")
    return (
        f"{them} apply left there, whose only requests are {_apis(found)}, which "
        f"{provider.name} does not serve ({_first_few([f.where for f, _ in found])}), "
        f"{takes} the key from {_first_few(keys)}: it must hold an OpenAI key (the SDK reads "
        f"OPENAI_API_KEY only where it is None); a {provider.name} key passed there goes to "
        "OpenAI."
    )


def _only_shut_down(finding: Finding) -> bool:
    """Whether every API a client apply left on OpenAI calls (ML001's and ML003's
    `unserved`) is one OpenAI shut down as well (their `shut_down`: the Assistants API)."""
    named, gone = finding.data.get("unserved"), finding.data.get("shut_down")
    return isinstance(named, list) and isinstance(gone, dict) and set(named) <= set(gone)


def _dead_on_openai(provider: Provider, left: Sequence[Finding]) -> str:
    """The clients apply left on OpenAI whose every API OpenAI shut down too
    (`_only_shut_down`): their requests fail there as well, and keeping OpenAI's key saves
    none of them; where their code can go, from the findings' `shut_down` (OpenAI's file)
    and the target's `[own_api]`. "" where there are none."""
    found = [f for f in left if _only_shut_down(f)]
    if not found:
        return ""
    gone: dict[str, dict[str, str]] = {}
    for f in found:
        gone.update(cast("dict[str, dict[str, str]]", f.data["shut_down"]))
    them = "these clients" if len(found) > 1 else "the client"
    moves = []
    for surface, fact in sorted(gone.items()):
        own = provider.own_api.get(surface)
        elsewhere = f" or to {provider.name}'s own {own.name} ({own.url})" if own else ""
        moves.append(
            f"the {surface} API was shut down on OpenAI on {fact['on']}: move its requests to "
            f"the {fact['instead']} API (on OpenAI){elsewhere}"
        )
    where = _first_few([f.where for f in found], " (see Left for you)")
    return (
        f"{them} apply left on OpenAI, whose only requests are {' and '.join(sorted(gone))}, "
        f"which {provider.name} does not serve: {where}; {'; '.join(moves)}, by hand."
    )


def _tokenizer_downloads(plan: Plan) -> str:
    """What the notes of ML208 say, in one line: the modules whose tiktoken encodings are
    downloaded from OpenAI's host on first use, which a program that cannot reach it stops
    at (trials where the host was unreachable stopped most entry points there, while the
    notes showed only with `scan --show-notes`); its warnings are listed as left for you.
    "" where there are none."""
    found = [
        f
        for change in plan.changes
        if change.error is None
        for f in change.findings
        if f.rule == "ML208" and f.severity is Severity.NOTE
    ]
    if not found:
        return ""
    host, variable = found[0].data.get("host"), found[0].data.get("cache_variable")
    modules = len({f.path for f in found})
    return (
        f"tiktoken downloads its encodings from {host}, OpenAI's host, the first time "
        f"{'these modules load' if modules > 1 else 'this module loads'} one ({modules} "
        f"module{'s' * (modules > 1)}: ML208, `scan --show-notes` lists them) unless {variable} "
        "holds them: a file of the project names that variable; make sure the directory it "
        "names holds them wherever the program runs."
    )


def _first_few(items: Sequence[str], rest: str = "") -> str:
    """The first SHOWN_KEYS of `items`, then how many more (followed by `rest`)."""
    shown = ", ".join(items[:SHOWN_KEYS])
    more = len(items) - SHOWN_KEYS
    return f"{shown} and {more} more{rest}" if more > 0 else shown


def _held_config(provider: Provider, left: Sequence[Finding], fixed: Sequence[Finding]) -> str:
    """The config entries holding OpenAI's base URL and the OpenAI key that goes with it, which
    ML502 left (its `key_line`): where the program reads them, they win over the variables
    migrated code falls back on. The key entry may be left empty only where a key the program
    hands a client now falls back to the provider's variable (`_key_fallbacks`): VideoLingo
    stopped at `if not load_key("api.key"): raise` when told to, and ChatDev's client apply
    left (ML003) sent OPENAI_API_KEY to the provider's URL (t59a). "" when there are none."""
    found = [
        f"{f.path}:{f.line} and {f.path}:{line}"
        for f in left
        if f.rule == "ML502" and isinstance(line := f.data.get("key_line"), int)
    ]
    if not found:
        return ""
    shown = _first_few(found, " (see Left for you)")
    key = (
        f"the key entry left empty if the program then reads {provider.api_key_env} (a key "
        "written there fails check: ML505)"
        if _key_fallbacks(provider, fixed, left)
        else f"your {provider.name} key in the key entry ({_no_fallback(provider, left)}; your "
        "own copy of the file: a key committed there fails check, ML505)"
    )
    return (
        f" OpenAI's base URL and key stay in {shown} (left for you): where the program reads "
        f"them, they win over any variable; point both at {provider.name} together: its base "
        f"URL in the URL entry, {key}."
    )


def _key_fallbacks(provider: Provider, fixed: Sequence[Finding], left: Sequence[Finding]) -> bool:
    """Whether apply gave a key the program hands a client (`program_key`) the provider's
    variable as its fallback where it is empty (`key or os.environ.get(<KEY_VAR>, ...)`),
    and left no client whose key, where empty, makes the SDK read OPENAI_API_KEY (ML003's
    `key_when_none`: ChatDev's `if self.base_url:` client beside the one apply wrote the
    fallback into): only then does an empty key entry reach that variable, not OpenAI's."""
    if any(f.data.get("key_when_none") for f in left):
        return False
    return any(
        isinstance(f.data.get("program_key"), str)
        and f.edit is not None
        and provider.api_key_env in f.edit.text
        for f in fixed
    )


def _no_fallback(provider: Provider, left: Sequence[Finding]) -> str:
    """Why the key entry takes the provider's key rather than being left empty: the clients
    apply left whose key, where empty, makes the SDK read OPENAI_API_KEY (ML003's
    `key_when_none`), else that no key apply kept falls back to the provider's variable."""
    found = [f"{f.path}:{f.line}" for f in left if f.data.get("key_when_none")]
    if not found:
        return f"no key apply kept falls back to {provider.api_key_env}"
    many = len(found) > 1
    whose = "the keys of the clients" if many else "the key of the client"
    return (
        f"left empty, {whose} at {_first_few(found)} {'are' if many else 'is'} None and the "
        f"SDK sends OPENAI_API_KEY to the URL beside {'them' if many else 'it'}"
    )


def _camel_step(plan: Plan, left: Sequence[Finding]) -> str:
    """camel's platform for the provider reads its own variables (ML670's advice), not the
    ones apply writes reads of (t53g: MINIMAX_API_BASE_URL, not MINIMAX_BASE_URL). "" where
    no camel call is left, or camel's variables are the provider's."""
    from migrate_llm.frameworks import camel  # a table: no rule imported

    platform = camel.PLATFORMS.get(plan.provider.id)
    if platform is None or not any(
        f.rule == "ML670" and f.data.get("library") == camel.PACKAGE for f in left
    ):
        return ""
    if platform.base_url_env == plan.provider.base_url_env:
        return ""
    return (
        f"camel's {platform.member} platform (ML670) reads its key from {platform.api_key_env} "
        f"and its base URL from {platform.base_url_env} (not {plan.provider.base_url_env}) "
        "where it is given neither url= nor api_key=."
    )


def _region_step(plan: Plan, left: Sequence[Finding]) -> str:
    """The clients already pointed at the provider in another region than the run's (ML003's
    `region`), which the provider's base-URL variable does not move: run for that region to
    keep the program on one platform. "" when there are none."""
    found = [f for f in left if f.rule == "ML003" and isinstance(f.data.get("region"), str)]
    if not found:
        return ""
    regions = sorted({str(f.data["region"]) for f in found})
    where = _first_few([f"{f.path}:{f.line}" for f in found], " (see Left for you)")
    return (
        f"{where} already {'talks' if len(found) == 1 else 'talk'} to {plan.provider.name} in "
        f"region {' and '.join(regions)} (its URL not read from {plan.provider.base_url_env}): "
        f"apply with --region {regions[0]} to keep the program on one platform."
    )


def _persisted_step(provider: Provider, fixed: Sequence[Finding]) -> str:
    """Where the program keeps the defaults apply rewrote in a settings file of its own
    (ML402's `persisted`, t58b D4): the variables count only until that file is written."""
    found = [f"{f.path}:{f.line}" for f in fixed if f.rule == "ML402" and f.data.get("persisted")]
    if not found:
        return ""
    return (
        f" The defaults at {_first_few(found)} go to a settings file the program reads "
        f"instead once it is written (see ML402 there): set {provider.base_url_env} and "
        f"{provider.api_key_env} before it is written, or put {provider.name}'s base URL and "
        "key in that file."
    )


def _base_url_step(
    plan: Plan, fixed: Sequence[Finding], reads: bool = True, empty_key: bool = False
) -> str:
    """What overrides the base URL: the provider's variable (where written code `reads` it),
    or, where ML502 wrote the provider's URL into config entries (no OpenAI key going with
    them), those entries, which win over the variable where the program reads them. A stand-in
    key beside them may be left empty only where `empty_key` (`_key_fallbacks`)."""
    provider = plan.provider
    found = [
        f"{f.path}:{f.line}"
        for f in fixed
        if f.rule == "ML502"
        and f.edit is not None
        and "url_to" in f.data
        and "variable" not in f.data
    ]
    if not found and not reads:
        return ""
    if not found:
        urls = _urls_only(provider, fixed)
        if urls:  # t52b: a table's row apply rewrote, which the program's own path ignores
            return (
                f"{provider.base_url_env} overrides the base URL {plan.base_url} only where "
                f"apply wrote its read, in {_first_few(urls)} (a proxy, a region, a test "
                "server): code that takes its URL elsewhere does not read it."
            ) + _persisted_step(provider, fixed)
        return (
            f"{provider.base_url_env} overrides the base URL {plan.base_url} (a proxy, a "
            f"region, a test server){_program_bases(fixed)}."
        ) + _persisted_step(provider, fixed)
    shown = _first_few(found)
    entries, hold, win = ("it", "holds", "wins") if len(found) == 1 else ("them", "hold", "win")
    step = (
        f"{shown} now {hold} {provider.name}'s base URL {plan.base_url}: where the program reads "
        f"{entries}, {'it' if len(found) == 1 else 'they'} {win} over {provider.base_url_env} "
        f"(change {entries} there for a proxy, a region, a test server)."
    )
    placeholders = [
        f"{f.path}:{f.data['stand_in_key_line']}"
        for f in fixed
        if f.rule == "ML502" and f.edit is not None and "stand_in_key_line" in f.data
    ]
    if placeholders:
        step += (
            f" Beside {'it' if len(found) == 1 else 'them'}, {_first_few(placeholders)} "
            f"{'holds a stand-in' if len(placeholders) == 1 else 'hold stand-ins'} for the key: "
            f"a program reading its key from there sends the stand-in to {provider.name}: give "
            f"it your {provider.name} key where it reads it (your own copy of the file: a key "
            "committed there is ML505's error)"
            + (
                f", or leave the entry empty where the program then reads {provider.api_key_env}."
                if empty_key
                else "."
            )
        )
    return step


def _program_bases(fixed: Sequence[Finding]) -> str:
    """Where the program sets a base URL of its own on the clients apply builds, from the
    configuration it takes their key from (ML301's `program_base_url`): it wins over the
    variable wherever that configuration gives one. "" where there is none."""
    found = [(f.where, u) for f in fixed if isinstance(u := f.data.get("program_base_url"), str)]
    if not found:
        return ""
    shown = _first_few([f"`{url}` ({where})" for where, url in found])
    return (
        f", except where the program sets its own, with the key, from its configuration: "
        f"{shown}, which wins wherever that configuration gives one"
    )


def _urls_only(provider: Provider, fixed: Sequence[Finding]) -> list[str]:
    """Where apply wrote a read of the provider's base-URL variable in place of an OpenAI URL
    written in the code (ML402: a constant, a table's row), where no other edit of the run
    writes one (a client's, a request's): those places alone read it. [] otherwise."""
    wired = [
        f
        for f in fixed
        if f.edit is not None
        and any(provider.base_url_env in t for t in (f.edit.text, *f.edit.setup))
    ]
    if not wired or any(f.rule != "ML402" for f in wired):
        return []
    return [f"{f.path}:{f.line}" for f in wired]


def _langchain_route_step(plan: Plan, fixed: Sequence[Finding], also: bool) -> str:
    """Where apply wrote a model on LangChain's route for the provider (`deepseek:<model>`,
    ML204's `langchain_route`): the variables the route's class reads (ChatDeepSeek:
    DEEPSEEK_API_KEY and DEEPSEEK_API_BASE, not the provider file's base-URL variable), after
    what migrated code reads (`also`) or alone. "" where apply wrote none."""
    from migrate_llm.frameworks.langchain import INIT_ROUTES

    names = {
        n
        for f in fixed
        if f.edit is not None and isinstance(n := f.data.get("langchain_route"), str)
    }
    routes = [INIT_ROUTES[n] for n in sorted(names) if n in INIT_ROUTES]
    if not routes:
        return ""
    provider = plan.provider
    route = routes[0]
    cls = route.cls.rsplit(".", 1)[1]
    override = f"{route.base_url_env} overrides its base URL {route.base_url}"
    if also:
        other = (
            f" (not {provider.base_url_env})" if route.base_url_env != provider.base_url_env else ""
        )
        return (
            f"LangChain's `{route.name}:` models ({cls}) read {route.api_key_env} and "
            f"{route.base_url_env}{other}: {override} (a proxy, a region, a test server)."
        )
    return (
        f"export {route.api_key_env}=<your {provider.name} key> (the OpenAI key does not work "
        f"there): LangChain's `{route.name}:` models ({cls}) read it; {override} (a proxy, a "
        "region, a test server)."
    )


def _litellm_step(
    plan: Plan,
    routes: Sequence[str],
    also: bool = False,
    whose: str = "litellm's",
    contrast: bool = True,
    left: Sequence[Finding] = (),
    written: Sequence[FileChange] = (),
) -> str:
    """What to set for litellm's routes of the provider (`deepseek/<model>`), which read their
    own variables (`[frameworks] litellm_api_key_env`, `litellm_base_url_env` of the provider
    file) where a call passes no api_key or api_base: after what migrated code reads
    (`also`, the routes named after `whose`; `contrast`: the line named the provider's
    base-URL variable, which litellm does not read), or alone. On a route that sends
    OPENAI_API_KEY where the key is empty (`litellm.OPENAI_KEY_FALLBACK`), the step says so:
    unset OpenAI's key, or, where a client apply left on OpenAI needs it (`left`:
    `_kept_on_openai`, the Still on OpenAI line), never leave the provider's empty; the key
    reads apply wrote that are never empty (`written`: `os.environ[...] or "unset"`) are
    named with the placeholder they send instead."""
    provider = plan.provider
    shown = " and ".join(f"{r}/" for r in routes)
    route = provider.litellm_route()
    if route is None:
        return (
            f"litellm's {shown} route reads its own key and base-URL variables where a call "
            "passes no api_key or api_base: see litellm's page for it."
        )
    prefix, key, base = route
    setting = f"{base}={plan.base_url}"
    if not also or key != provider.api_key_env:
        setting = f"{key}=<your {provider.name} key> and {setting}"
    reads = f"{whose} {shown} route reads {key} and {base}"
    fallback = (
        _openai_key_fallback(provider, key, left, written)
        if prefix in fw_litellm.OPENAI_KEY_FALLBACK
        else ""
    )
    if also:
        other = (
            f" (not {provider.base_url_env})" if contrast and base != provider.base_url_env else ""
        )
        return (
            f"{reads}{other} where a call passes no api_key or api_base: export {setting} too."
            + fallback
        )
    return (
        f"export {setting} (the OpenAI key does not work there): litellm's {shown} route reads "
        "them where a call passes no api_key or api_base." + fallback
    )


def _openai_key_fallback(
    provider: Provider, key: str, left: Sequence[Finding], written: Sequence[FileChange]
) -> str:
    """`_litellm_step`'s sentence on a route sending OPENAI_API_KEY in place of an empty key:
    unset it, unless a client left on OpenAI needs it (then the provider's key must never
    be empty), and where apply wrote key reads that are never empty, what they send."""
    openai_key = fw_litellm.OPENAI_KEY_VAR
    said = f" Where {key} is unset or empty it sends {openai_key} instead"
    if _kept_on_openai(provider, left):
        said += (
            ", which the client left on OpenAI needs (Still on OpenAI): never leave "
            f"{key} empty where it runs."
        )
    else:
        said += f": unset {openai_key} (and remove it from .env files) wherever it runs."
    quoted = rf"""["']{re.escape(provider.api_key_env)}["']"""
    filled = _new_reads(re.compile(rf"""{quoted}\s*[\])]\s*or\s*["']{UNSET_KEY}["']"""), written)
    if filled:
        said += (
            f" The key read{'s' * (len(filled) > 1)} apply wrote for litellm "
            f'({_first_few(filled)}) send{"" if len(filled) > 1 else "s"} "{UNSET_KEY}" in '
            f"place of an empty {provider.api_key_env}: a 401 from {provider.name} means it "
            "is empty."
        )
    return said


def _hand_reads_step(plan: Plan, left: Sequence[Finding], written: Sequence[FileChange]) -> str:
    """Said after `_litellm_step`: the provider file's variables that the code ML640 leaves
    to a person reads (its `hand_reads`: `api_base=os.environ.get("ZAI_BASE_URL", ...)`, as
    apply's own edits write it), where litellm's route reads another one itself
    (ZAI_API_BASE) and no code apply wrote reads it (the Next line named it then). A call
    given `api_base` that way ignores litellm's variable, so both must be set, to the same
    URL (t61c: the Next line named ZAI_API_BASE alone, the hand edit ZAI_BASE_URL). "" where
    there is none."""
    provider = plan.provider
    route = provider.litellm_route()
    if route is None:
        return ""
    _, key, base = route
    theirs = {provider.api_key_env: (key, "api_key"), provider.base_url_env: (base, "api_base")}
    where: dict[str, list[str]] = {}
    for f in left:
        named = f.data.get("hand_reads")
        for variable in named if isinstance(named, list) else ():
            if variable in theirs and theirs[variable][0] != variable:
                where.setdefault(variable, []).append(f.where)
    shown = [v for v in theirs if v in where and not any(v in change.after for change in written)]
    if not shown:
        return ""
    sets = " and ".join(
        f"{v}={plan.base_url}" if v == provider.base_url_env else f"{v}=<your {provider.name} key>"
        for v in shown
    )
    passes = " and ".join(f"{theirs[v][1]} from {v}" for v in shown)
    ignored = " and ".join(theirs[v][0] for v in shown)
    given = " and ".join(theirs[v][1] for v in shown)
    at = _first_few(list(dict.fromkeys(w for v in shown for w in where[v])))
    return (
        f"Left for you asks to give litellm calls ({at}) {passes}, as apply's edits do, and "
        f"litellm does not read {ignored} for a call given {given}: once you write that, "
        f"export {sets} too."
    )


def _litellm_calls_step(
    plan: Plan,
    contrast: bool = True,
    left: Sequence[Finding] = (),
    written: Sequence[FileChange] = (),
) -> str:
    """Where a litellm call of the run may take the provider's route (`Plan.litellm_routed`:
    a model chosen at run time, ML640; one written on the route already) but apply wrote none
    of its routes: once it reaches the provider's route, litellm reads its own variables, not
    the SDK's (`_litellm_step`). "" where the provider file names no such route or variables,
    or they are the SDK's."""
    provider = plan.provider
    route = provider.litellm_route()
    if not plan.litellm_routed or route is None:
        return ""
    prefix, key, base = route
    if key == provider.api_key_env and base == provider.base_url_env:
        return ""
    return _litellm_step(
        plan,
        [prefix],
        also=True,
        whose="A module calls litellm: its",
        contrast=contrast,
        left=left,
        written=written,
    )


def verify_table(checks: Sequence[Check], console: Console) -> None:
    """`verify`'s results: model, check, result, latency, the provider's message.

    ✓ passed, ✗ failed, - not supported by the endpoint (does not fail the command).
    """
    from rich.table import Table

    table = Table(show_edge=False)
    for column in ("model", "check", "result", "latency ms", "detail"):
        table.add_column(
            column, overflow="fold", justify="right" if column == "latency ms" else "left"
        )
    for check in checks:
        if check.ok:
            result = "[green]✓[/]"
        elif check.failed:
            result = "[bold red]✗[/]"
        else:
            result = "[yellow]-[/]"
        latency = "" if check.latency_ms is None else str(check.latency_ms)
        table.add_row(escape(check.model or "-"), check.name, result, latency, escape(check.detail))
    console.print(table)


def compat_summary_table(
    provider: Provider,
    counts: dict[str, int],
    console: Console,
    params: dict[str, tuple[int, int]] | None = None,
) -> None:
    """`scan --provider`'s compatibility summary: call sites per API surface and whether
    `provider` supports that surface (yes, no, partial, unknown; * uncertain), then the
    request parameters it does not take as written (how many, and how many `apply` fixes)."""
    from rich.table import Table

    table = Table(
        title=f"Compatibility with {escape(provider.name)}", title_justify="left", show_edge=False
    )
    table.add_column("API surface")
    table.add_column("call sites", justify="right")
    table.add_column(f"{provider.id} support")
    styles = {"yes": "green", "no": "bold red", "partial": "yellow", "unknown": "yellow"}
    uncertain = False
    for surface, count in counts.items():
        word = _support_word(provider.support(surface))
        mark = "*" if f"supports.{surface}" in provider.uncertain else ""
        uncertain = uncertain or bool(mark)
        table.add_row(surface, str(count), f"[{styles[word]}]{word}[/]{mark}")
    if params:
        table.add_section()
        for name, (total, fixed) in params.items():
            left = total - fixed
            verdict = f"{fixed} rewritten by apply" + (
                f", [bold red]{left} for you[/]" if left else ""
            )
            table.add_row(f"parameter: {name}", str(total), verdict)
    console.print()
    console.print(table)
    if uncertain:
        console.print(f"  * uncertain: see `migrate-llm providers show {provider.id}`")


def compare_matrix_table(matrix, console: Console) -> None:  # a compat_summary.Matrix
    """`providers compare`: API surfaces and key parameters by provider. `*N` marks an
    uncertain fact, explained in footnote N under the table."""
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("feature")
    for p in matrix.providers:
        table.add_column(p.id, overflow="fold")
    styles = {"yes": "green", "no": "red", "partial": "yellow", "?": "dim"}
    notes: list[str] = []

    def row(name: str, cells) -> None:
        shown = []
        for p in matrix.providers:
            c = cells[p.id]
            text = f"[{styles[c.text]}]{c.text}[/]" if c.text in styles else escape(c.text)
            if c.uncertain:
                notes.append(f"{p.id} {name}: {c.uncertain}")
                text += f"*{len(notes)}"
            shown.append(text)
        table.add_row(name, *shown)

    if console.width < _matrix_width(matrix):
        _compare_lists(matrix, console, notes)
    else:
        for surface, cells in matrix.surfaces.items():
            row(surface, cells)
        table.add_section()
        for param, cells in matrix.params.items():
            row(param, cells)
        console.print(table)
    console.print("\n? unknown" + ("; * uncertain:" if notes else ""))
    for number, note in enumerate(notes, 1):
        console.print(f"  *{number} {escape(note)}")


# Width of one provider's column in `providers compare` (a value such as `partial*12`).
_CELL_WIDTH = 12


def _matrix_width(matrix) -> int:
    names = [*matrix.surfaces, *matrix.params]
    return max(map(len, names)) + 3 + _CELL_WIDTH * len(matrix.providers)


def _compare_lists(matrix, console: Console, notes: list[str]) -> None:
    """The matrix for a terminal too narrow for its columns: per feature, the providers
    grouped by value (`yes: a, b; partial*1: c`)."""
    everyone = len(matrix.providers)
    names = [*matrix.surfaces, *matrix.params]
    width = max(map(len, names))
    for rows in (matrix.surfaces, matrix.params):
        for name, cells in rows.items():
            groups: dict[str, list[str]] = {}
            for p in matrix.providers:
                cell = cells[p.id]
                text = cell.text
                if cell.uncertain:
                    notes.append(f"{p.id} {name}: {cell.uncertain}")
                    text += f"*{len(notes)}"
                groups.setdefault(text, []).append(p.id)
            if len(groups) == 1 and everyone > 1:
                shown = f"{next(iter(groups))}: all {everyone}"
            else:
                shown = "; ".join(f"{value}: {', '.join(ids)}" for value, ids in groups.items())
            console.print(f"{escape(name.ljust(width))}  {escape(shown)}")


def compare_paths_table(ranked, best: Sequence[str], console: Console) -> None:
    """`providers compare --paths`: what `apply` would leave per provider, best fit first,
    then which fits best. `ranked`: (provider id, compat_summary.Leftover) pairs; `best`: the
    ids tied for first place."""
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("provider")
    for column in ("left for a person", "errors", "warnings"):
        table.add_column(column, justify="right")
    for pid, lo in ranked:
        table.add_row(pid, str(lo.left), str(lo.errors), str(lo.warnings))
    console.print(table)
    if best:
        top = dict(ranked)[best[0]]
        tied = f" (tied: {', '.join(best)})" if len(best) > 1 else ""
        console.print(
            f"\nBest fit: {best[0]}{tied}, with {top.left} finding{'s' * (top.left != 1)} left "
            f"for a person ({top.errors} error{'s' * (top.errors != 1)}, "
            f"{top.warnings} warning{'s' * (top.warnings != 1)})"
        )
