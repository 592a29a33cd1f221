"""The OpenAI key and base URL a project's config module reads from a settings file it loads.

chatgpt-telegram-bot's bot/config.py loads config/config.yml (`with open(config_dir /
"config.yml") as f: config_yaml = yaml.safe_load(f)`) and binds `openai_api_key =
config_yaml["openai_api_key"]` and `openai_api_base = config_yaml.get("openai_api_base",
None)`, which its client takes (`AsyncOpenAI(api_key=config.openai_api_key,
base_url=config.openai_api_base)`); config/config.example.yml shows them as
`openai_api_key: ""` and `openai_api_base: null`. No environment variable is read, so the
provider's URL and key go in that file. A module that may bind such a setting is marked while
it is screened (`config_tables.holds_table`), read again where its project uses an OpenAI
client (`settings_of`), and what it binds goes into the project's facts
(`RunFacts.config_file_settings`): ML502 reports the file's entries (`stands_for`), ML003
names them.

Only a form whose reads are known counts: a module-level name bound once to `obj["KEY"]` or
`obj.get("KEY"[, default])`, KEY named for OpenAI's key or base URL (`openai_api_key`,
`openai_api_base`, `openai_base_url`), `obj` a module-level name bound once to a YAML, JSON or
TOML loader's result (`yaml.safe_load(f)`, `json.load(open("settings.json"))`) whose argument,
or the `with open(...) as f` naming it, writes the file's name (its last string literal ending
in `.yml`, `.yaml`, `.json` or `.toml`).
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

from migrate_llm.formats import config_name
from migrate_llm.textio import python_tree

# a line binding a name at the module's level to such a read (`openai_api_base =
# config_yaml.get("openai_api_base", None)`)
_SETTING_READ = re.compile(
    rb"(?mi)^\w+[ \t]*=[ \t]*\w+[ \t]*(?:\[|\.get[ \t]*\()[ \t]*[\"']openai[_-]?(?:api[_-]?)?"
    rb"(?:key|base|base[_-]?url|url|endpoint)[\"']"
)
# the rest of a key after `openai` (lowercase, without `_` and `-`), by what it holds
_ROLES = {
    "key": "key",
    "apikey": "key",
    "base": "base_url",
    "apibase": "base_url",
    "baseurl": "base_url",
    "apibaseurl": "base_url",
    "url": "base_url",
    "apiurl": "base_url",
    "endpoint": "base_url",
}
# the loaders of a settings file: module, function
_LOADERS = frozenset(
    {
        ("yaml", "safe_load"),
        ("yaml", "load"),
        ("yaml", "full_load"),
        ("json", "load"),
        ("json", "loads"),
        ("toml", "load"),
        ("tomllib", "load"),
        ("tomli", "load"),
    }
)
_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
# the words of an example file's name before its suffix (`config.example.yml`)
_EXAMPLE = re.compile(r"(?i)(.+)[._-](?:example|sample|template|dist)(\.[a-z]+)")


class FileSetting(NamedTuple):
    """A setting a config module binds from a file it loads: `module`, the module's file name
    as the run found it (as `PythonContext.path` gives it); `shown`, as messages show it;
    `name`, the module-level name (`openai_api_base`); `file`, the base name of the file it
    loads (`config.yml`); `key`, the file's entry (`openai_api_base`); `role`, "key" or
    "base_url"."""

    module: str
    shown: str
    name: str
    file: str
    key: str
    role: str


def reads_file_setting(data: bytes) -> bool:
    """Whether a module's bytes may bind such a setting (`_SETTING_READ`); searched only in
    a module holding `openai` or `OPENAI` (the caller's test, made once for several)."""
    return _SETTING_READ.search(data) is not None


def role_of(key: str) -> str | None:
    """ "key" or "base_url" for a file's entry named for OpenAI's key or base URL."""
    plain = key.lower().replace("_", "").replace("-", "")
    return _ROLES.get(plain[len("openai") :]) if plain.startswith("openai") else None


def stands_for(name: str, file: str) -> bool:
    """Whether the config file `name` (a path) is the file `file` (a base name) or an example
    of it (`config.example.yml`, `config.yml.example`)."""
    base = config_name(name)
    example = _EXAMPLE.fullmatch(base)
    return file in (base, f"{example[1]}{example[2]}" if example else "")


def settings_of(module: str, shown: str, data: bytes) -> list[FileSetting]:
    """The settings a module's bytes bind from a file they load (see the module's docstring);
    none where they cannot be parsed."""
    tree = python_tree(data)
    if tree is None:
        return []
    from migrate_llm.config_tables import module_values

    values, _ = module_values(tree)
    loaded = loaded_files(tree, values)
    found: list[tuple[int, FileSetting]] = []
    for name, value in values.items():
        read = _read(value)
        role = role_of(read[1]) if read is not None else None
        if read is None or role is None:
            continue
        file = loaded.get(read[0])
        if file is not None:
            line = getattr(value, "lineno", 0)
            found.append((line, FileSetting(module, shown, name, file, read[1], role)))
    return [setting for _, setting in sorted(found)]


def loaded_files(
    tree: ast.Module, values: dict[str, ast.AST] | None = None, whole: bool = False
) -> dict[str, str]:
    """The module-level names bound once to a settings file's loader (`cfg =
    json.load(open("settings.json"))`, also in a `with open(...) as f` block), each with the
    base name of the file it loads (`_loaded_file`), or with `whole` the path as written
    (`conf/settings.json`, `/` between its parts); `values`: `module_values(tree)[0]`."""
    if values is None:
        from migrate_llm.config_tables import module_values

        values, _ = module_values(tree)
    # the value of each assignment in the body of a `with` statement: that statement
    within: dict[int, ast.With | ast.AsyncWith] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    within[id(statement.value)] = node
    found = {}
    for name, value in values.items():
        file = _loaded_file(value, within.get(id(value)), whole)
        if file is not None:
            found[name] = file
    return found


def _read(value: ast.AST) -> tuple[str, str] | None:
    """(holder, key) of `holder["key"]` or `holder.get("key"[, default])`."""
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):
        key = value.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return value.value.id, key.value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and isinstance(value.func.value, ast.Name)
        and 1 <= len(value.args) <= 2
        and not value.keywords
        and isinstance(key := value.args[0], ast.Constant)
        and isinstance(key.value, str)
    ):
        return value.func.value.id, key.value
    return None


def _loaded_file(
    value: ast.AST | None, block: ast.With | ast.AsyncWith | None, whole: bool = False
) -> str | None:
    """The base name of the file a loader's call (`value`) reads (with `whole`, its path as
    written): the last string literal ending in a settings file's suffix in its argument, or
    in the item of the `with` statement around it (`block`) binding the name it is given."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Name)
        and (value.func.value.id, value.func.attr) in _LOADERS
        and len(value.args) >= 1
    ):
        return None
    argument = value.args[0]
    if isinstance(argument, ast.Name):
        if block is None:
            return None
        items = [
            i.context_expr
            for i in block.items
            if isinstance(i.optional_vars, ast.Name) and i.optional_vars.id == argument.id
        ]
        if len(items) != 1:
            return None
        argument = items[0]
    names = [
        node.value
        for node in ast.walk(argument)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.lower().endswith(_SUFFIXES)
    ]
    if not names:
        return None
    written = names[-1].replace("\\", "/")
    return written if whole else written.rsplit("/", 1)[-1]
