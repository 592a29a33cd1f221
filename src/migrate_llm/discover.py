"""Finding the files to scan: walk the paths, honour .gitignore, skip what is never source."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from migrate_llm.errors import MigrateError
from migrate_llm.formats import FORMATS, kind_of

DEFAULT_EXCLUDES = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "venv/",
    ".tox/",
    ".nox/",
    "node_modules/",
    "site-packages/",
    "__pycache__/",
    "build/",
    "dist/",
    ".eggs/",
    "*.egg-info/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    "package-lock.json",
)


@dataclass(frozen=True)
class SourceFile:
    """A file to scan and the reader it needs ("python" or a config kind)."""

    path: Path
    kind: str


# The kinds whose gitignored files are worth a mention: where a user keeps real settings.
CONFIG_FILES = frozenset(FORMATS[k] for k in ("dotenv", "yaml", "toml", "json"))


def file_kind(path: Path) -> str | None:
    """The kind of file `path` is (`migrate_llm.formats.FORMATS`), or None."""
    return kind_of(path.as_posix())


def _spec(lines: Iterable[str]) -> pathspec.PathSpec:
    """The patterns of a .gitignore; a line git would ignore as invalid (`[z-a]`, a lone
    backslash) is skipped rather than failing the run."""
    lines = list(lines)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec raises several kinds (re.error, ValueError, ...)
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if _valid(line)])


def _valid(line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    try:
        text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _spec(text.splitlines())


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


class _Ignores:
    """The .gitignore files that apply to a directory, from the repository root down."""

    def __init__(self, root: Path, use_gitignore: bool) -> None:
        self.layers: list[tuple[Path, pathspec.PathSpec]] = []
        self.use = use_gitignore
        if use_gitignore:
            for parent in reversed(_ancestors_to_repo_root(root)):
                spec = _gitignore(parent)
                if spec is not None:
                    self.layers.append((parent, spec))

    def ignored(
        self, path: Path, is_dir: bool, layers: list[tuple[Path, pathspec.PathSpec]]
    ) -> bool:
        for base, spec in layers:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + "/" if is_dir else rel):
                return True
        return False


def _ancestors_to_repo_root(start: Path) -> list[Path]:
    """`start` and its parents up to the directory holding `.git` (just `start` if none)."""
    chain = []
    for directory in (start, *start.parents):
        chain.append(directory)
        if (directory / ".git").exists():
            return chain
    return [start]


def discover(
    paths: Iterable[Path],
    exclude: Iterable[str] = (),
    use_gitignore: bool = True,
    cwd: Path | None = None,
    ignored: list[Path] | None = None,
) -> list[SourceFile]:
    """Every file to scan under `paths`, sorted and without duplicates.

    A file named explicitly is scanned even if ignored; directories are walked without
    following symlinked directories (so a link loop cannot trap the walk). Config files that
    .gitignore leaves out in the directories walked (a user's real `config.json` or `.env`)
    are appended to `ignored` when a list is given.
    """
    cwd = cwd or Path.cwd()
    default_spec = _spec(DEFAULT_EXCLUDES)
    user_spec = _spec(exclude)
    seen: set[object] = set()
    found: list[SourceFile] = []

    def excluded(path: Path, is_dir: bool) -> bool:
        name = path.name + ("/" if is_dir else "")
        if default_spec.match_file(name):
            return True
        try:
            rel = path.relative_to(cwd).as_posix()
        except ValueError:
            rel = path.as_posix()
        return user_spec.match_file(rel + ("/" if is_dir else "")) or user_spec.match_file(name)

    def add(path: Path, kind: str) -> None:
        # the file itself, however it was reached (overlapping paths, a link): one stat,
        # where resolving the path costs one per directory above it
        try:
            found_stat = os.stat(path)
            key: object = (found_stat.st_dev, found_stat.st_ino)
        except OSError:
            key = path
        if key not in seen:
            seen.add(key)
            found.append(SourceFile(path, kind))

    for given in paths:
        path = given if given.is_absolute() else cwd / given
        if not path.exists():
            raise MigrateError(f"{given}: no such file or directory")
        if path.is_file():
            kind = file_kind(path)
            if kind is None:
                raise MigrateError(
                    f"{given}: not a Python, notebook or config file migrate-llm reads"
                )
            add(path, kind)
            continue
        skipped: list[Path] = []
        root = path.resolve() if path.is_symlink() else path
        for file in _walk(root, excluded, use_gitignore, skipped):
            kind = file_kind(file)
            if kind is not None:
                add(file, kind)
        if ignored is not None:
            ignored.extend(f for f in skipped if FORMATS.get(file_kind(f) or "") in CONFIG_FILES)
    return sorted(found, key=lambda f: f.path.as_posix())


def _walk(
    root: Path, excluded, use_gitignore: bool, skipped: list[Path] | None = None
) -> Iterator[Path]:
    ignores = _Ignores(root, use_gitignore)
    stack: list[tuple[Path, list[tuple[Path, pathspec.PathSpec]]]] = [(root, ignores.layers)]
    while stack:
        directory, layers = stack.pop()
        if use_gitignore and directory != root:
            spec = _gitignore(directory)
            if spec is not None:
                layers = [*layers, (directory, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if excluded(path, True) or ignores.ignored(path, True, layers):
                    continue
                if _is_virtualenv(path):
                    continue
                stack.append((path, layers))
            elif entry.is_file():
                if entry.is_symlink() and path.resolve().is_relative_to(root.resolve()):
                    continue  # scanned under its real name
                if excluded(path, False):
                    continue
                if ignores.ignored(path, False, layers):
                    if skipped is not None:
                        skipped.append(path)
                    continue
                yield path
