"""The settings classes whose key field defaults to the provider's key variable once applied,
for the config entries that inherit that default (`RunFacts.shared_key_defaults`, ML502).

MetaGPT's `LLMConfig` (a pydantic model) holds `api_key: str = "sk-"` beside `base_url: str =
"https://api.openai.com/v1"`; ML402 makes them read the provider's key and base-URL variables.
Every entry of the project's config files builds one, and one that names its own server and no
key (`llm: {api_type: open_llm, base_url: http://127.0.0.1:8000/v1}`, as MetaGPT documents
for local models) then sends the provider's key to that server (t58a). An entry naming no
base URL takes the default too: the provider's, not OpenAI's. So a module's classes are read
for a key field (`sdk.KEY_ENTRY_NAMES`) and a base-URL field (`sdk.URL_ENTRY_NAMES`) whose
defaults read the provider's variables (its key variable; its base-URL variable or a URL on
its host) or are a literal key beside OpenAI's URL, or read OpenAI's variables (a key variable
beside a base-URL variable or the provider's URL), which apply rewrites so; not a pydantic
`BaseSettings` class, whose defaults ML402 leaves.

A class whose key field has no default (`api_key: str` beside `api_base: str =
"https://api.openai.com/v1"`: Kirara AI's `OpenAIConfig`, t62f) shares no key, but every entry
naming no base URL still takes the base-URL default ML402 moves: its key, written for OpenAI,
goes to the provider (`key_default` False; ML505 reports that key).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_read_calls import environ_key, lookup_test
from migrate_llm.textio import python_tree

# a module larger than this is not read again
MAX_BYTES = 512 * 1024


@dataclass(frozen=True, order=True)
class SharedKeyDefault:
    """A settings class `cls` of the module shown as `shown` whose field `key_field` (on
    `line`) defaults to the provider's key variable (`applied`), or will once apply rewrites
    it (a literal key beside OpenAI's URL), beside `url_field` (on `url_line`), whose default
    is (or becomes) the provider's base URL. `fields`: the class's field names, as
    `config_key` writes them. `key_default`: whether the key field has a default at all
    (False: `api_key: str`, each entry gives its own key)."""

    shown: str
    line: int
    cls: str
    key_field: str
    url_field: str
    url_line: int
    fields: tuple[str, ...]
    applied: bool
    key_default: bool = True


def key_defaults(
    key_env: str,
    base_env: str,
    hosts: tuple[str, ...],
    openai_hosts: tuple[str, ...],
    renamed: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> Callable[[str, str, bytes], list[SharedKeyDefault]]:
    """The search of a module's bytes for its `SharedKeyDefault`s, for a provider whose key
    and base-URL variables are `key_env` and `base_env` and whose URLs are on `hosts`.
    `renamed`: OpenAI's key and base-URL variables whose reads ML401 points at those two."""
    key_vars, url_vars = renamed
    needles = (
        key_env.encode(),
        base_env.encode(),
        *(h.encode() for h in openai_hosts),
        *(v.encode() for v in sorted(key_vars)),
    )

    def search(_module: str, shown: str, data: bytes) -> list[SharedKeyDefault]:
        if len(data) > MAX_BYTES or b"class " not in data or not any(n in data for n in needles):
            return []
        tree = python_tree(data)
        if tree is None:
            return []
        found = []
        lookup = lookup_test(data)
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            if any(ast.unparse(b).rpartition(".")[2] in sdk.SETTINGS_BASES for b in cls.bases):
                continue  # pydantic reads its fields from the environment first: ML402 leaves it
            fields = _fields(cls)
            key = next((f for f in fields if f.lower() in sdk.KEY_ENTRY_NAMES), None)
            url = next((f for f in fields if f.lower() in sdk.URL_ENTRY_NAMES), None)
            if key is None or url is None:
                continue
            key_value, url_value = fields[key][1], fields[url][1]
            # `api_key: str`, `Field(...)`, `Field(description=...)`: each entry gives its own
            key_default = key_value is not None and not (
                isinstance(key_value, ast.Constant) and key_value.value is Ellipsis
            )
            provider_url = _reads(url_value, base_env, lookup) or _host(url_value) in hosts
            if not key_default and _host(url_value) in openai_hosts:
                applied = False  # ML402 moves the URL
            elif (not key_default or _reads(key_value, key_env, lookup)) and provider_url:
                applied = True
            elif (_literal(key_value) and _host(url_value) in openai_hosts) or (
                _reads_any(key_value, key_vars | {key_env}, lookup)
                and (
                    _reads_any(url_value, url_vars | {base_env}, lookup)
                    or _host(url_value) in hosts
                )
            ):
                applied = False  # apply rewrites both, or renames the OpenAI variables read
            else:
                continue
            names = tuple(sorted({_config_key(f) for f in fields}))
            found.append(
                SharedKeyDefault(
                    shown,
                    fields[key][0],
                    cls.name,
                    key,
                    url,
                    fields[url][0],
                    names,
                    applied,
                    key_default,
                )
            )
        return found

    return search


def _fields(cls: ast.ClassDef) -> dict[str, tuple[int, ast.expr | None]]:
    """The fields a class body binds by name, each with its line and default (the `default`
    of `Field(...)` where it is one)."""
    found: dict[str, tuple[int, ast.expr | None]] = {}
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = (node.lineno, _default(node.value))
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            found[node.targets[0].id] = (node.lineno, _default(node.value))
    return found


def _default(value: ast.expr | None) -> ast.expr | None:
    """`value`, or the default it gives as pydantic's `Field(default)` / `Field(default=...)`."""
    if isinstance(value, ast.Call) and ast.unparse(value.func).split(".")[-1] == "Field":
        given = next((k.value for k in value.keywords if k.arg == "default"), None)
        return given if given is not None else (value.args[0] if value.args else None)
    return value


def _reads(value: ast.expr | None, variable: str, lookup: Callable[[ast.expr], bool]) -> bool:
    """Whether `value` reads the environment variable `variable` (`os.environ[X]`, or a
    lookup of the env-reader table, `lookup`: `os.getenv(X)`, decouple's `config(X)`)."""
    if isinstance(value, ast.Call) and value.args and lookup(value.func):
        first = value.args[0]
        return isinstance(first, ast.Constant) and first.value == variable
    key = environ_key(value) if value is not None else None
    if key is not None:
        return isinstance(key, ast.Constant) and key.value == variable
    return False


def _reads_any(
    value: ast.expr | None, variables: Collection[str], lookup: Callable[[ast.expr], bool]
) -> bool:
    """Whether `value` reads one of the environment variables `variables`."""
    return any(_reads(value, v, lookup) for v in variables)


def _literal(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and bool(value.value)


def _host(value: ast.expr | None) -> str | None:
    """The host of a URL literal, lowercased; None for anything else."""
    if not isinstance(value, ast.Constant) or not isinstance(value.value, str):
        return None
    return urlsplit(value.value.strip()).hostname


def _config_key(key: str) -> str:
    """A name as `config_common.config_key` writes a mapping key."""
    return key.lower().replace("_", "").replace("-", "")


def provider_hosts(base_urls: tuple[str, ...], hosts: tuple[str, ...]) -> tuple[str, ...]:
    """The hosts of a provider: those its file names and those of its base URLs."""
    return tuple(sorted({*hosts, *(h for u in base_urls if (h := urlsplit(u).hostname))}))


def built_class(
    defaults: frozenset[SharedKeyDefault], keys: Collection[str]
) -> SharedKeyDefault | None:
    """The settings class of `defaults` a config mapping with `keys` (as `config_key` writes
    them) builds: one that has a field of every key (the first by module and line); None
    where none has."""
    if not keys:
        return None
    return next((d for d in sorted(defaults) if set(keys) <= set(d.fields)), None)
