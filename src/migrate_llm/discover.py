"""Finding the files to scan: walk the paths, honour .gitignore, skip what is never source."""

from __future__ import annotations

import functools
import operator
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, cast

from migrate_llm import forked
from migrate_llm.errors import MigrateError
from migrate_llm.formats import FORMATS, kind_of
from migrate_llm.frameworks.promptflow import RUN_DIRECTORY as PROMPTFLOW_RUNS
from migrate_llm.ignore_patterns import Kept, Patterns, patterns_of
from migrate_llm.textio import UnreadableFile, read_bytes

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
    # what `pf flow test` records beside a flow (its requests and replies, `flow.detail.json`)
    f"{PROMPTFLOW_RUNS}/",
    "package-lock.json",
)


class SourceFile(NamedTuple):
    """A file to scan (`name`: its path as found) and the reader it needs ("python" or a
    config kind). (A tuple: a large tree makes one a file, and a frozen dataclass costs
    several times as much to make.)"""

    name: str
    kind: str

    @property
    def path(self) -> Path:
        # made when asked for: most files of a large tree are read by name only
        return Path(self.name)


_NAME = operator.attrgetter("name")
# `SourceFile(*fields)` without the call to its `__new__`: a forked walk sends back thousands
_source_file = functools.partial(tuple.__new__, SourceFile)

# A walk is shared among processes from the first level of the tree that holds this many
# directories for each process (with fewer, the larger ones would leave processes idle).
SHARE_DIRECTORIES = 32


@dataclass(frozen=True)
class Sharing:
    """How `discover` may share the walk of a directory among `jobs` processes (forked
    copies of this one, see `_shared_walk`), `on_found` doing its work on the files each
    finds: a copy sends back its files, those .gitignore left out, and `report(files)`,
    what that work found there; this process takes them in with `receive(files, report)`.
    `started` is called here once the copies are forked, before this process walks on."""

    jobs: int
    report: Callable[[list[SourceFile]], object]
    receive: Callable[[list[SourceFile], object], None]
    started: Callable[[], None] | None = None


def shareable(paths: Sequence[Path]) -> bool:
    """Whether `discover` may share the walk of `paths` among forked processes: one
    directory (of several, a file reached twice would be found in two processes), in a
    process that may fork (`forked.possible`)."""
    return len(paths) == 1 and forked.possible()


# The kinds whose gitignored files are worth a mention: where a user keeps real settings.
CONFIG_FILES = frozenset(FORMATS[k] for k in ("dotenv", "yaml", "toml", "json"))


def file_kind(path: Path) -> str | None:
    """The kind of file `path` is (`migrate_llm.formats.FORMATS`), or None."""
    return kind_of(path.as_posix())


_SLASHED = os.sep == "/"  # paths are written as patterns match them


def _gitignore(directory: str, kept: Kept | None = None) -> Patterns | None:
    """The patterns of the .gitignore in `directory` (`kept`: what runs keep of them); None
    when it has none that reads. Its bytes are read by descriptor (a `Path` and a text file
    cost ten times the read: a repository may keep hundreds), whatever their size."""
    try:
        data = read_bytes(os.path.join(directory, ".gitignore"), sys.maxsize)
    except UnreadableFile:  # none, a directory of that name, no permission
        return None
    return _patterns_in(data, kept)


@functools.lru_cache(maxsize=256)
def _patterns_in(data: bytes, kept: Kept | None) -> Patterns:
    """The patterns of a .gitignore's bytes, found again by its bytes: packages made from one
    template share them."""
    return patterns_of(data.decode("utf-8", "replace").splitlines(), kept)


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _root_layers(root: Path, kept: Kept | None = None) -> list[tuple[str, Patterns]]:
    """The .gitignore files that apply to `root`, from the repository root down, each with
    the path prefix of its directory."""
    layers = []
    for parent in reversed(_ancestors_to_repo_root(root)):
        spec = _gitignore(str(parent), kept)
        if spec is not None:
            layers.append((_prefix(parent), spec))
    return layers


def ignored(path: str, is_dir: bool, layers: list[tuple[str, Patterns]]) -> bool:
    """Whether a .gitignore of `layers` (directory prefix, patterns) ignores `path`."""
    for prefix, spec in layers:
        if path.startswith(prefix):
            rel = path[len(prefix) :]
            if spec.match_file(rel + "/" if is_dir else rel):
                return True
    return False


def _held_names(
    directory: str, names: list[str], layers: list[tuple[str, Patterns]]
) -> set[str] | None:
    """Of the entries `names` of `directory`, those a layer's patterns may ignore (each is
    then matched in full); None when every one must be."""
    held: set[str] = set()
    head = directory + os.sep
    for prefix, spec in layers:
        if not head.startswith(prefix):
            return None
        relative = head[len(prefix) :]
        screen = spec.files_in(relative if _SLASHED else relative.replace(os.sep, "/"))
        if screen is None:
            return None
        held.update(screen.held(names))
    return held


def _prefix(directory: Path | str) -> str:
    """`directory` (as `Path` writes it) as the start of the paths under it (`/` at the
    root: no double slash)."""
    text = str(directory)
    return text if text.endswith(os.sep) else text + os.sep


class _DefaultExcludes:
    """DEFAULT_EXCLUDES matched by name: each is a directory name (`build/`), a directory
    name pattern (`*.egg-info/`) or a name (`package-lock.json`), so a set lookup decides
    what pathspec would (checked against pathspec in the tests)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.dirs: set[str] = set()
        self.dir_suffixes: list[str] = []
        self.files: set[str] = set()
        for pattern in patterns:
            name = pattern.rstrip("/")
            if pattern.endswith("/"):
                if name.startswith("*"):
                    self.dir_suffixes.append(name[1:])
                else:
                    self.dirs.add(name)
            else:
                self.files.add(name)
        self.suffixes = tuple(self.dir_suffixes)

    def __call__(self, name: str, is_dir: bool) -> bool:
        if name in self.files:  # a pattern without `/` names directories too
            return True
        return is_dir and (
            name in self.dirs or (bool(self.suffixes) and name.endswith(self.suffixes))
        )


def _ancestors_to_repo_root(start: Path) -> list[Path]:
    """`start` and its parents up to the directory holding `.git` (just `start` if none)."""
    chain = []
    for directory in (start, *start.parents):
        chain.append(directory)
        if (directory / ".git").exists():
            return chain
    return [start]


class _TrackedButIgnored:
    """The files under `root` that git tracks although a .gitignore pattern matches them
    (ChatPaper commits its `apikey.ini` and lists it in .gitignore): git does not ignore a
    tracked file, so neither does discovery. `files` is empty outside a git work tree or
    where git cannot say. git is asked as the walk starts and read when it ends (`git
    ls-files` takes 60 ms on 25,000 tracked files, which the walk hides); the files it names
    are added then, without walking the ignored directories that hold them."""

    def __init__(self, root: Path) -> None:
        self.top = str(root)
        self.repo = str(_ancestors_to_repo_root(root)[-1])
        self._asked: subprocess.Popen[bytes] | None = None
        self._known: frozenset[str] | None = None
        if not os.path.exists(os.path.join(self.repo, ".git")):
            self._known = frozenset()
            return
        command = ["git", "-C", self.repo, "ls-files", "--cached", "--ignored"]
        try:
            self._asked = subprocess.Popen(
                [*command, "--exclude-standard", "-z"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._known = frozenset()

    @property
    def files(self) -> frozenset[str]:
        if self._known is None:
            self._known = self._read()
        return self._known

    def close(self) -> None:
        """Stop git where its answer was not read (the walk failed)."""
        asked, self._asked = self._asked, None
        if asked is not None:
            asked.kill()
            asked.communicate()

    def _read(self) -> frozenset[str]:
        asked, self._asked = self._asked, None
        assert asked is not None
        try:
            output, _ = asked.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            asked.kill()
            asked.communicate()
            return frozenset()
        if asked.returncode != 0 or not output:
            return frozenset()
        paths = (
            os.path.join(self.repo, os.fsdecode(raw).replace("/", os.sep))
            for raw in output.split(b"\0")
            if raw
        )
        return frozenset(p for p in paths if p.startswith(self.top + os.sep))


def ignored_untracked(path: Path) -> bool:
    """Whether .gitignore ignores the file `path` (its directories' patterns, as the walk
    reads them) and git does not track it: a file named on the command line that a walk
    would have left out (git is asked only where a pattern matches it)."""
    if not ignored(str(path), False, _root_layers(path.parent)):
        return False
    tracked = _TrackedButIgnored(path.parent)
    try:
        return str(path) not in tracked.files
    finally:
        tracked.close()


def _excluded_on_the_way(path: str, root: Path, excluded: Callable[[str, str, bool], bool]) -> bool:
    """Whether the default or given excludes rule out `path` (under `root`) or a directory
    on the way to it, as the walk would have."""
    top = str(root)
    parts = path[len(top) + 1 :].split(os.sep)
    where = top
    for i, part in enumerate(parts):
        where = os.path.join(where, part)
        if excluded(where, part, i < len(parts) - 1):
            return True
    return False


def discover(
    paths: Iterable[Path],
    exclude: Iterable[str] = (),
    use_gitignore: bool = True,
    cwd: Path | None = None,
    ignored: list[Path] | None = None,
    on_found: Callable[[Sequence[SourceFile]], None] | None = None,
    sharing: Sharing | None = None,
    kept: Kept | None = None,
) -> list[SourceFile]:
    """Every file to scan under `paths`, sorted and without duplicates.

    A file named explicitly is scanned even if ignored; directories are walked without
    following symlinked directories (so a link loop cannot trap the walk). Config files and
    Python modules that .gitignore leaves out in the directories walked (a user's real
    `config.json`, `.env` or `config_private.py`) and not named explicitly are appended to
    `ignored` when a list is given. `on_found` is
    given the files as the walk finds them, a directory at a time (work on them can start
    before the walk ends). With `sharing`, the walk of a single directory may be shared
    among processes. With `kept`, the .gitignore and exclude patterns are read as earlier
    runs kept them (what this run adds is in `kept.learned()`).
    """
    cwd = cwd or Path.cwd()
    default = _DefaultExcludes(DEFAULT_EXCLUDES)
    user_spec = patterns_of(exclude, kept) if exclude else None
    cwd_prefix = _prefix(cwd)
    seen: set[object] = set()
    found: list[SourceFile] = []

    def excluded(path: str, name: str, is_dir: bool) -> bool:
        if default(name, is_dir):
            return True
        if user_spec is None:
            return False
        rel = path[len(cwd_prefix) :] if path.startswith(cwd_prefix) else path
        rel = rel.replace(os.sep, "/")
        slash = "/" if is_dir else ""
        return user_spec.match_file(rel + slash) or user_spec.match_file(name + slash)

    def add(path: str, kind: str) -> None:
        # the file itself, however it was reached (overlapping paths, a link): one stat,
        # where resolving the path costs one per directory above it
        key: object = path
        try:
            found_stat = os.stat(path)
            key = (found_stat.st_dev, found_stat.st_ino)
        except OSError:
            pass
        if key not in seen:
            seen.add(key)
            found.append(SourceFile(path, kind))

    paths = list(paths)
    left_out: list[str] = []  # the config files .gitignore left out of the walks
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
            before = len(found)
            add(str(path), kind)
            if on_found is not None and len(found) > before:
                on_found(found[before:])
            continue
        skipped: list[str] = []
        root = path.resolve() if path.is_symlink() else path

        def take(walk: Iterable[tuple[list[str], list[str]]]) -> None:
            for files, links in walk:
                before = len(found)
                if len(paths) == 1:
                    # a plain file met in the only directory walked is met once, by its name
                    for file in files:
                        kind = _kind_of(file)
                        if kind is not None:
                            found.append(_source_file((file, kind)))
                else:
                    links = [*files, *links]
                for file in links:
                    kind = _kind_of(file)
                    if kind is not None:
                        add(file, kind)
                if on_found is not None and len(found) > before:
                    on_found(found[before:])

        tracked = _TrackedButIgnored(root) if use_gitignore else None
        walker = _Walker(root, excluded, use_gitignore, skipped, kept)
        try:
            if sharing is not None and shareable(paths):
                _shared_walk(sharing, walker, found, skipped, take)
            else:
                take(walker.walk_all())
            if tracked is not None and tracked.files:
                before = len(found)
                # the walk met those its patterns do not ignore (git's own excludes file)
                met = {source.name for source in found}
                for file in sorted(tracked.files - met):
                    kind = _kind_of(file)
                    if kind is not None and not _excluded_on_the_way(file, root, excluded):
                        add(file, kind)
                if skipped:
                    skipped[:] = [f for f in skipped if f not in tracked.files]
                if on_found is not None and len(found) > before:
                    on_found(found[before:])
        finally:
            if tracked is not None:
                tracked.close()
        left_out += (f for f in skipped if _told_of(f))
    if ignored is not None:
        ignored.extend(Path(f) for f in left_out if not _named(f, seen))
    if os.sep == "/":
        found.sort()  # by name: no two are the same file
    else:
        found.sort(key=lambda source: source.name.replace(os.sep, "/"))
    return found


def _told_of(path: str) -> bool:
    """Whether a file .gitignore left out is one a program may read by name: a config file
    (`.env`, YAML, TOML, JSON) or a Python module (`gitignored`)."""
    kind = kind_of(path)
    return kind == "python" or FORMATS.get(kind or "") in CONFIG_FILES


def _named(path: str, seen: set[object]) -> bool:
    """Whether the file `path` was also named on the command line (`seen`: the files `add`
    took, by device and inode)."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) in seen


def _kind_of(path: str) -> str | None:
    """`kind_of`, at once for most files of a tree: a `.py` file other than `setup.py`."""
    if path.endswith(".py"):
        name = path[path.rfind(os.sep) + 1 :]
        if name.lower() != "setup.py":
            return "python"
    return kind_of(path)


# a directory still to walk, and the .gitignore layers that apply to it
_Pending = tuple[str, list[tuple[str, Patterns]]]


class _Walker:
    """The walk of `root` (`walk_all`), a directory at a time."""

    def __init__(
        self,
        root: Path,
        excluded: Callable[[str, str, bool], bool],
        use_gitignore: bool,
        skipped: list[str] | None = None,
        kept: Kept | None = None,
    ) -> None:
        self.root, self.top = root, str(root)
        self.excluded, self.use_gitignore, self.skipped = excluded, use_gitignore, skipped
        self.kept = kept
        self._real_root: Path | None = None

    def start(self) -> _Pending:
        return self.top, _root_layers(self.root, self.kept) if self.use_gitignore else []

    def walk_all(self) -> Iterator[tuple[list[str], list[str]]]:
        """The files under the root that neither `excluded` nor a .gitignore rules out, a
        directory at a time: its files, and its symlinks to files outside the root (one to a
        file inside is met by its own name)."""
        return self.walk([self.start()])

    def walk(self, stack: list[_Pending]) -> Iterator[tuple[list[str], list[str]]]:
        """The directories of `stack` and all below them, depth first."""
        while stack:
            visited = self.visit(*stack.pop(), stack)
            if visited is not None:
                yield visited

    def level(
        self, level: list[_Pending], below: list[_Pending]
    ) -> Iterator[tuple[list[str], list[str]]]:
        """The directories of `level`, breadth first: those in them go to `below`."""
        for pending in level:
            visited = self.visit(*pending, below)
            if visited is not None:
                yield visited

    def visit(
        self, directory: str, layers: list[tuple[str, Patterns]], into: list[_Pending]
    ) -> tuple[list[str], list[str]] | None:
        """The files of `directory` and its links to files outside the root, the
        directories in it to walk appended to `into`; None for one not to walk
        (unreadable, a virtualenv)."""
        try:
            entries = sorted(os.scandir(directory), key=_NAME)
        except OSError:
            return None
        names = [e.name for e in entries]
        if directory != self.top:
            if "pyvenv.cfg" in names and _is_virtualenv(Path(directory)):
                return None
            if self.use_gitignore and ".gitignore" in names:
                spec = _gitignore(directory, self.kept)
                if spec is not None:
                    layers = [*layers, (_prefix(directory), spec)]
        excluded, skipped = self.excluded, self.skipped
        files: list[str] = []
        links: list[str] = []
        # the names a layer's patterns may ignore, files and directories (None: all)
        held = _held_names(directory, names, layers) if layers else set()
        for entry in entries:
            path, name = entry.path, entry.name
            if entry.is_dir(follow_symlinks=False):
                if excluded(path, name, True):
                    continue
                if (held is None or name in held) and ignored(path, True, layers):
                    continue
                into.append((path, layers))
            elif entry.is_file():
                link = entry.is_symlink()
                if link:
                    self._real_root = self._real_root or self.root.resolve()
                    if Path(path).resolve().is_relative_to(self._real_root):
                        continue  # scanned under its real name
                if excluded(path, name, False):
                    continue
                if (held is None or name in held) and ignored(path, False, layers):
                    if skipped is not None:
                        skipped.append(path)
                    continue
                (links if link else files).append(path)
        return files, links


def _shared_walk(
    sharing: Sharing,
    walker: _Walker,
    found: list[SourceFile],
    skipped: list[str],
    take: Callable[[Iterable[tuple[list[str], list[str]]]], None],
) -> None:
    """The walk of `walker.root`, shared among `sharing.jobs` processes once it proves wide:
    walked a level at a time until a level holds `SHARE_DIRECTORIES` directories per
    process (a tree that never does is walked here), then forked, each process walking the
    next of that level's directories not yet taken (`forked.Tickets`), and all below it,
    until none is left. A copy sends back what it found and which directories it took, and
    ends (`Fork.finish`); here the copies' files join `found`, and the directories a copy
    that failed had taken are walked here. (`found` and `skipped` are what `take` and the
    walker add to.)"""
    level = [walker.start()]
    while level and len(level) < SHARE_DIRECTORIES * sharing.jobs:
        below: list[_Pending] = []
        take(walker.level(level, below))
        level = below
    if not level or not forked.possible():
        take(walker.walk(level))
        return
    # a ticket a directory (a group of them, when the level holds more than a pipe holds)
    count = min(len(level), forked.Tickets.LIMIT)
    groups = [level[i::count] for i in range(count)]
    try:
        tickets = forked.Tickets(len(groups))
    except OSError:  # a pipe too small for them: walked here
        take(walker.walk(level))
        return
    fork = forked.Fork(sharing.jobs)
    marks = len(found), len(skipped)
    taken: list[int] = []
    try:
        fork.start()
        if not fork.copy and sharing.started is not None:
            sharing.started()
        while (ticket := tickets.take()) is not None:
            taken.append(ticket)
            take(walker.walk(list(groups[ticket])))
        if fork.copy:
            files = found[marks[0] :]
            learned = walker.kept.learned() if walker.kept is not None else None
            fork.finish(
                (taken, *_columns(files), skipped[marks[1] :], sharing.report(files), learned)
            )
        results = fork.results()
    except BaseException:
        if fork.copy:
            fork.fail()
        fork.stop()  # interrupted here: the copies are ended, not left to finish
        raise
    finally:
        tickets.close()
    left = set(range(len(groups))) - set(taken)
    for result in results:
        if result is None:  # a copy that failed: what it had taken is walked below
            continue
        done, names, kinds, codes, left_out, report, learned = cast(
            "tuple[list[int], str, tuple[str, ...], bytes, list[str], object, dict | None]",
            result,
        )
        if learned and walker.kept is not None:
            walker.kept.take_in(learned)
        left.difference_update(done)
        files = _files(names, kinds, codes)
        found.extend(files)
        skipped.extend(left_out)
        sharing.receive(files, report)
    for ticket in sorted(left):
        take(walker.walk(list(groups[ticket])))


def _columns(files: list[SourceFile]) -> tuple[str, tuple[str, ...], bytes]:
    """`files` as a copy sends them back: their names joined by NUL (which no path holds),
    the kinds among them, and each file's kind as its place among those."""
    kinds = tuple(sorted({f.kind for f in files}))
    place = {kind: i for i, kind in enumerate(kinds)}
    return "\0".join([f.name for f in files]), kinds, bytes([place[f.kind] for f in files])


def _files(names: str, kinds: tuple[str, ...], codes: bytes) -> list[SourceFile]:
    """The files `_columns` sent."""
    split = names.split("\0") if names else []
    return list(map(_source_file, zip(split, [kinds[c] for c in codes], strict=True)))
