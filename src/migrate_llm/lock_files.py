"""The lock files package managers keep beside a project's requirements, and what brings one
up to date once apply has changed those requirements (apply never edits a lock file: its
hashes and resolved versions come from the package manager alone)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate_llm.formats import FormatError
from migrate_llm.formats.dependencies import requirements
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.model import FileChange


@dataclass(frozen=True)
class LockFile:
    """A lock file (`name`) of the requirements in `manifest` beside it: the command that
    re-locks it (`relock`; `older`: what older releases of the tool take instead), and the
    command checking it, which fails while it is stale (`checked_by`)."""

    name: str
    manifest: str
    relock: str
    checked_by: str
    older: str = ""
    # the command moving one package (`{package}`) of the lock to its newest release the
    # manifest admits, keeping the others; "" where its versions are not read
    # (`formats.LOCKED_NAMES`)
    upgrade: str = ""


# uv: docs.astral.sh/uv/concepts/projects/sync (`--locked` fails on a stale uv.lock, t51a);
# Poetry: `poetry check --lock` ("pyproject.toml changed significantly since poetry.lock was
# last generated"), before 2.0 `poetry lock` also upgraded the other packages unless
# `--no-update`; PDM: pdm-project.org usage/lockfile (`pdm lock --check`); Pipenv: `pipenv
# install --deploy` fails when Pipfile.lock is out of date. One package moved: `uv lock
# --upgrade-package <package>` (docs.astral.sh/uv/concepts/projects/sync, "Upgrading locked
# package versions"), `poetry update <package>` (python-poetry.org/docs/cli/#update).
LOCK_FILES = (
    LockFile(
        "uv.lock",
        "pyproject.toml",
        "uv lock",
        "uv sync --locked",
        upgrade="uv lock --upgrade-package {package}",
    ),
    LockFile(
        "poetry.lock",
        "pyproject.toml",
        "poetry lock",
        "poetry check --lock",
        older="`poetry lock --no-update` before Poetry 2",
        upgrade="poetry update {package}",
    ),
    LockFile("pdm.lock", "pyproject.toml", "pdm lock", "pdm lock --check"),
    LockFile("Pipfile.lock", "Pipfile", "pipenv lock", "pipenv install --deploy"),
)


@dataclass(frozen=True)
class StaleLock:
    """A lock file beside a requirements file whose requirements apply changes (display
    paths)."""

    manifest: str
    lock: str
    tool: LockFile


def stale_locks(changes: list[tuple[Path, FileChange]]) -> tuple[StaleLock, ...]:
    """The lock files standing beside the files of `changes` (each with its path on disk)
    whose declared requirements apply changes: each must be re-locked."""
    found = []
    for path, change in changes:
        if not change.changed:
            continue
        for tool in LOCK_FILES:
            if path.name != tool.manifest or not (path.parent / tool.name).is_file():
                continue
            if not _requirements_changed(change):
                break
            head = change.path[: len(change.path) - len(path.name)]
            found.append(StaleLock(change.path, head + tool.name, tool))
    return tuple(found)


def _requirements_changed(change: FileChange) -> bool:
    """Whether the requirements a file declares differ after apply (a `pyproject.toml` whose
    edits touch only a tool's settings, `[tool.app] model = ...`, leaves its lock as it is)."""
    if not change.path.endswith(".toml"):
        return True  # a Pipfile: no reader of its tables, so any change counts
    try:
        before, after = (
            ConfigDocument.read(change.path, "toml", text) for text in (change.before, change.after)
        )
    except FormatError:
        return True
    return _declared(before) != _declared(after)


def _declared(doc: ConfigDocument) -> list[str]:
    """The requirements of `doc` as written."""
    return [doc.text[r.span.start : r.span.end] for r in requirements(doc)]


def relock_step(stale: tuple[StaleLock, ...]) -> str:
    """What apply's Next line says of stale lock files ("" where there are none)."""
    said = []
    for each in stale:
        tool = each.tool
        older = f", or {tool.older}" if tool.older else ""
        said.append(
            f"re-lock {each.lock} with `{tool.relock}`{older}: apply changed the requirements "
            f"of {each.manifest} beside it and leaves lock files as they are (`{tool.checked_by}` "
            "fails until then)."
        )
    return " ".join(s[:1].upper() + s[1:] if i else s for i, s in enumerate(said))


def lock_file(name: str) -> LockFile | None:
    """The lock file of `LOCK_FILES` named `name` (a base name), or None."""
    return next((tool for tool in LOCK_FILES if tool.name == name), None)
