"""The scan pipeline: discover, read once, prefilter, parse once, run rules, in parallel.

The engine never prints and never exits: it returns a ScanResult or raises MigrateError.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from migrate_llm.discover import SourceFile, discover
from migrate_llm.model import FileError, FileResult, Finding, ScanResult
from migrate_llm.registry import Provider, Registry, load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.secrets import SECRET_KEY
from migrate_llm.suppress import drop_suppressed
from migrate_llm.textio import UnreadableFile, read_source

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 48
CHUNK_SIZE = 16

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ScanOptions:
    """What to scan and for which provider."""

    paths: tuple[Path, ...] = (Path("."),)
    provider: str | None = None
    exclude: tuple[str, ...] = ()
    provider_dirs: tuple[Path, ...] = ()
    use_gitignore: bool = True
    jobs: int = 0  # 0: one per CPU
    cwd: Path = field(default_factory=Path.cwd)


def display_path(path: Path, cwd: Path) -> str:
    """Relative to `cwd` when under it, with `/` separators."""
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def prefilters(openai: Provider) -> dict[str, re.Pattern[str]]:
    """Cheap text tests that decide whether a file is worth parsing at all.

    A licence header that names OpenAI does not pass the Python test: it needs an import of
    openai, an OPENAI_ variable, an OpenAI host or a key.
    """
    hosts = "|".join(re.escape(h) for h in openai.hosts) or r"(?!)"
    common = rf"OPENAI_|{hosts}|{SECRET_KEY.pattern}"
    models = []
    for pattern in openai.model_patterns:
        stem = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        models.append(re.escape(stem) if stem != pattern else re.escape(stem) + r"\b")
    model_alternatives = "|".join(rf"\b{m}" for m in models) or r"(?!)"
    return {
        "python": re.compile(rf"\bimport\b[^\n]*\bopenai\b|\bfrom\s+openai\b|{common}"),
        "config": re.compile(rf"{common}|{model_alternatives}"),
        "requirements": re.compile(r"(?i)\bopenai\b"),
    }


class FileScanner:
    """Scans one file at a time for one provider; one instance per process."""

    def __init__(self, registry: Registry, provider: Provider | None, cwd: Path) -> None:
        self.ctx = RuleContext(registry, provider)
        self.cwd = cwd
        self.filters = prefilters(registry.openai)

    def _filter_for(self, kind: str) -> re.Pattern[str]:
        if kind in ("python", "requirements"):
            return self.filters[kind]
        if kind == "setup":
            return self.filters["requirements"]
        return self.filters["config"]

    def scan(self, source: SourceFile) -> FileResult:
        shown = display_path(source.path, self.cwd)
        try:
            decoded = read_source(source.path, python=source.kind in ("python", "setup"))
        except UnreadableFile as exc:
            return FileResult(shown, error=FileError(shown, str(exc)))
        text = decoded.text
        if not self._filter_for(source.kind).search(text):
            return FileResult(shown)
        try:
            findings = self._check(source, text)
        except _ParseFailure as exc:
            return FileResult(shown, error=FileError(shown, exc.message, exc.line))
        findings = drop_suppressed(findings, text)
        return FileResult(
            shown,
            findings=tuple(_with_path(f, shown) for f in findings),
            parsed=True,
        )

    def _check(self, source: SourceFile, text: str) -> list[Finding]:
        if source.kind == "python" or (source.kind == "setup" and source.path.suffix == ".py"):
            findings = self._check_python(text)
            if source.kind == "setup":
                findings += self._check_config(source, text)
            return findings
        return self._check_config(source, text)

    def _check_python(self, text: str) -> list[Finding]:
        import libcst

        from migrate_llm.rules import PYTHON_RULES
        from migrate_llm.rules.python import check_python

        try:
            return check_python(text, self.ctx, PYTHON_RULES)
        except libcst.ParserSyntaxError as exc:
            raise _ParseFailure(f"syntax error: {exc.message}", exc.raw_line) from None
        except RecursionError:
            raise _ParseFailure("too deeply nested to parse") from None

    def _check_config(self, source: SourceFile, text: str) -> list[Finding]:
        from migrate_llm.formats import FormatError
        from migrate_llm.rules.config_files import check_config

        try:
            return check_config(source.path.name, text, self.ctx)
        except FormatError as exc:
            raise _ParseFailure(f"cannot parse {source.kind}: {exc}", exc.line) from None


class _ParseFailure(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _with_path(finding: Finding, path: str) -> Finding:
    from dataclasses import replace

    return replace(finding, path=path)


# Per-process state for the pool workers.
_worker: FileScanner | None = None


def _init_worker(provider_dirs: tuple[Path, ...], provider: str | None, cwd: Path) -> None:
    global _worker
    registry = load_registry(provider_dirs)
    _worker = FileScanner(registry, registry.get(provider) if provider else None, cwd)


def _scan_in_worker(source: SourceFile) -> FileResult:
    assert _worker is not None
    return _worker.scan(source)


def resolve_jobs(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def scan(options: ScanOptions, progress: Progress | None = None) -> ScanResult:
    """Scan every file under `options.paths`; raise MigrateError for bad paths or providers."""
    registry = load_registry(options.provider_dirs)
    provider = registry.get(options.provider) if options.provider else None
    sources = discover(options.paths, options.exclude, options.use_gitignore, options.cwd)
    results = run_files(sources, registry, provider, options, progress)
    findings = sorted(
        (f for r in results for f in r.findings),
        key=lambda f: (f.path, f.line, f.column, f.rule),
    )
    errors = sorted((r.error for r in results if r.error), key=lambda e: e.path)
    return ScanResult(
        provider=provider.id if provider else None,
        files=len(sources),
        findings=tuple(findings),
        errors=tuple(errors),
        parsed=sum(r.parsed for r in results),
    )


def run_files(
    sources: Sequence[SourceFile],
    registry: Registry,
    provider: Provider | None,
    options: ScanOptions,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Scan `sources` in this process or in a pool, reporting progress as files finish."""
    total = len(sources)
    jobs = min(resolve_jobs(options.jobs), max(1, total // CHUNK_SIZE))
    results: list[FileResult] = []
    if jobs <= 1 or total < PARALLEL_THRESHOLD:
        scanner = FileScanner(registry, provider, options.cwd)
        for source in sources:
            results.append(scanner.scan(source))
            if progress:
                progress(len(results), total)
        return results
    init = (options.provider_dirs, provider.id if provider else None, options.cwd)
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=init) as pool:
        for result in pool.map(_scan_in_worker, sources, chunksize=CHUNK_SIZE):
            results.append(result)
            if progress:
                progress(len(results), total)
    return results
