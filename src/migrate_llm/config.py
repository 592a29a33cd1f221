"""Project configuration: `[tool.migrate-llm]` in pyproject.toml, or a migrate-llm.toml.

Found by walking up from the scanned path; every key is validated and an unknown or malformed
key is a ConfigError naming the file and the key. Command-line flags win (see `merge`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrate_llm.errors import ConfigError
from migrate_llm.registry import AZURE_APIS, AZURE_AUTHS

if TYPE_CHECKING:
    # pathspec is imported where a per-file-ignores pattern is compiled: a run without one
    # does not pay for it
    import pathspec

CONFIG_FILE = "migrate-llm.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.migrate-llm"
KEYS = (
    "provider",
    "region",
    "exclude",
    "models",
    "provider-paths",
    "ignore",
    "per-file-ignores",
    "azure-api",
    "azure-auth",
    "fail-on",
)
# How clients reach an Azure OpenAI target (`azure-api`, `azure-auth`; `--azure-api`,
# `--azure-auth`): the API style and the credential.
# `check`'s threshold (`fail-on`, `--fail-on`): the lowest severity that fails it.
FAIL_ON_CHOICES = ("error", "warning", "note")
RULE_CODE = re.compile(r"ML[0-9]{3}", re.IGNORECASE)


@dataclass(frozen=True)
class Config:
    """Settings from a config file; `Config()` is the default when there is none."""

    provider: str | None = None
    region: str | None = None
    exclude: tuple[str, ...] = ()
    models: dict[str, str] = field(default_factory=dict)
    provider_paths: tuple[Path, ...] = ()
    ignore: frozenset[str] = frozenset()
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    azure_api: str | None = None
    azure_auth: str | None = None
    fail_on: str | None = None
    root: Path | None = None
    source: Path | None = None
    _specs: tuple[tuple[pathspec.PathSpec, frozenset[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        specs: tuple[tuple[pathspec.PathSpec, frozenset[str]], ...] = ()
        if self.per_file_ignores:
            import pathspec

            specs = tuple(
                (pathspec.GitIgnoreSpec.from_lines([pattern]), codes)
                for pattern, codes in self.per_file_ignores.items()
            )
        object.__setattr__(self, "_specs", specs)

    def ignores(self, path: str, code: str, cwd: Path | None = None) -> bool:
        """Whether a finding of rule `code` at `path` (as findings carry it: relative to `cwd`
        when under it, `/` separators) is turned off by `ignore` or `per-file-ignores`."""
        code = code.upper()
        if code in self.ignore:
            return True
        if not self._specs:
            return False
        base = (cwd or Path.cwd()).resolve()
        full = Path(os.path.normpath(base / path))
        try:
            rel = full.relative_to(self.root.resolve() if self.root else base).as_posix()
        except ValueError:
            return False  # outside the config's tree: its patterns do not apply
        return any(code in codes and spec.match_file(rel) for spec, codes in self._specs)


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None


def _locate(start: Path) -> tuple[Path, Any] | None:
    """The config file nearest `start` and its settings table (not yet validated)."""
    directory = Path(os.path.abspath(start))
    if directory.is_file():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own, _read_toml(own)
        pyproject = candidate / PYPROJECT
        if pyproject.is_file():
            try:
                tool = _read_toml(pyproject).get("tool")
            except ConfigError:
                if _names_us(pyproject):
                    raise
                continue  # a broken pyproject.toml that does not configure migrate-llm
            if isinstance(tool, dict) and "migrate-llm" in tool:
                return pyproject, tool["migrate-llm"]
    return None


def _names_us(pyproject: Path) -> bool:
    """Whether a pyproject.toml's text has a `[tool.migrate-llm]` table (even a broken one)."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return re.search(r"^\s*\[+\s*tool\.[\"']?migrate-llm", text, re.MULTILINE) is not None


def find_config(start: Path) -> Path | None:
    """The nearest migrate-llm.toml, or pyproject.toml with a `[tool.migrate-llm]` table, in
    `start` or a directory above it; migrate-llm.toml wins within one directory."""
    found = _locate(start)
    return found[0] if found else None


_TOML_TYPES = (
    (bool, "a boolean"),
    (str, "a string"),
    (int, "an integer"),
    (float, "a float"),
    (list, "an array"),
    (dict, "a table"),
    ((dt.date, dt.time), "a date/time"),
)


def _toml_type(value: object) -> str:
    return next((name for kind, name in _TOML_TYPES if isinstance(value, kind)), "a value")


class _Checker:
    def __init__(self, path: Path) -> None:
        self.prefix = (
            f"{_display(path)}:" if path.name == CONFIG_FILE else f"{_display(path)}: [{TABLE}]"
        )

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.prefix} {key!r} {problem}")

    def string(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string, not {_toml_type(value)}")
        return value

    def strings(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"must be an array of strings, not {_toml_type(value)}")
        return tuple(self.string(f"{key}[{i}]", item) for i, item in enumerate(value))

    def table(self, key: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_toml_type(value)}")
        return value

    def pattern(self, pattern: str) -> str:
        import pathspec

        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except ValueError as exc:
            raise self.fail("per-file-ignores", f"has an invalid pattern: {exc}") from None
        if not pattern.strip():
            raise self.fail("per-file-ignores", "has an empty pattern")
        return pattern

    def choice(self, key: str, value: object, choices: tuple[str, ...]) -> str | None:
        if value is None:
            return None
        if value not in choices:
            *others, last = (repr(c) for c in choices)
            wanted = f"{', '.join(others)} or {last}" if others else last
            raise self.fail(key, f"must be {wanted}, not {value!r}")
        return str(value)

    def codes(self, key: str, value: object) -> frozenset[str]:
        codes = self.strings(key, value)
        for code in codes:
            if not RULE_CODE.fullmatch(code):
                raise self.fail(key, f"has {code!r}, which is not a rule code such as ML001")
        return frozenset(c.upper() for c in codes)


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    """Validate the settings read from `path` (an absolute config file path)."""
    check = _Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{check.prefix} must be a table, not {_toml_type(data)}")
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{check.prefix} unknown key {key!r} (known: {', '.join(KEYS)})")
    root = path.parent
    get = data.get
    models = check.table("models", get("models", {}))
    per_file = check.table("per-file-ignores", get("per-file-ignores", {}))
    return Config(
        provider=None if get("provider") is None else check.string("provider", get("provider")),
        region=None if get("region") is None else check.string("region", get("region")),
        exclude=check.strings("exclude", get("exclude", [])),
        models={k: check.string(f"models.{k}", v) for k, v in models.items()},
        provider_paths=tuple(
            Path(os.path.normpath(root / p))
            for p in check.strings("provider-paths", get("provider-paths", []))
        ),
        ignore=check.codes("ignore", get("ignore", [])),
        per_file_ignores={
            check.pattern(pattern): check.codes(f"per-file-ignores.{pattern}", codes)
            for pattern, codes in per_file.items()
        },
        azure_api=check.choice("azure-api", get("azure-api"), AZURE_APIS),
        azure_auth=check.choice("azure-auth", get("azure-auth"), AZURE_AUTHS),
        fail_on=check.choice("fail-on", get("fail-on"), FAIL_ON_CHOICES),
        root=root,
        source=path,
    )


def load_config(start: Path) -> Config:
    """The configuration that applies to `start`; `Config()` when no file is found."""
    found = _locate(start)
    if found is None:
        return Config()
    return parse_config(found[1], found[0])


_MERGEABLE = {"provider", "region", "exclude", "models", "provider_paths", "ignore"}


def merge(config: Config, **flags: Any) -> Config:
    """`config` with command-line values on top. None or empty means "not given". `models`
    pairs override per key; `exclude` and `provider_paths` add to the config's; the others
    replace. Flag names are the Config field names."""
    unknown = set(flags) - _MERGEABLE
    if unknown:
        raise TypeError(f"merge() got unknown flags: {', '.join(sorted(unknown))}")
    changes: dict[str, Any] = {}
    for name in ("provider", "region"):
        if flags.get(name) is not None:
            changes[name] = flags[name]
    if flags.get("exclude"):
        changes["exclude"] = _unique((*config.exclude, *flags["exclude"]))
    if flags.get("provider_paths"):
        added = (Path(os.path.abspath(p)) for p in flags["provider_paths"])
        changes["provider_paths"] = _unique((*config.provider_paths, *added))
    if flags.get("models"):
        changes["models"] = {**config.models, **flags["models"]}
    if flags.get("ignore"):
        codes = tuple(flags["ignore"])
        for code in codes:
            if not RULE_CODE.fullmatch(code):
                raise ConfigError(f"--ignore: {code!r} is not a rule code such as ML001")
        changes["ignore"] = frozenset(c.upper() for c in codes)
    return dataclasses.replace(config, **changes)


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))
