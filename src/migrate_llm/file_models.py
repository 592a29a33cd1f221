"""The models a project's settings files give its requests, read where a module sends one.

t60d: TaskWeaver-like code loads `cfg = json.load(open("settings.json"))` and sends
`model=cfg["model"]` with `temperature=cfg.get("temperature", 0)`. ML503 maps the file's
`"model": "gpt-4o"` to kimi-k2.6, which rejects any temperature but its own, yet the rules
reading the module saw a model chosen at run time. So a YAML, TOML or JSON file naming a model
entry is marked while it is screened (`names_model`), read again where the run switches
provider and its project uses an OpenAI client (`file_models`: the mappings whose model goes
to the provider once migrated, as ML507 and ML508 read them, `config_thinking.config_models`),
and what it gives goes into the project's facts (`RunFacts.config_file_models`). A request's
model read from a module-level name bound to that file's loader (`file_settings.loaded_files`)
is then that model (`entry_models`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.file_settings import stands_for

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# an entry named for a model (`"model":`, `model:`, `model_name =`), as ML503's keys name one
_MODEL_ENTRY = re.compile(rb"(?i)\bmodel(?:_?name|_?id)?[\"']?[ \t]*[:=]")


class FileModel(NamedTuple):
    """A model entry of a settings file: `path`, the file's path as `PythonContext.path`
    names a module (so a module's directory compares with it), `entry` its keys joined by
    `.` (`llm.model`), `model` the provider's model it sends once migrated and `model_from`
    the OpenAI model that maps to it ("" where written as the provider's)."""

    path: str
    entry: str
    model: str
    model_from: str


def names_model(data: bytes) -> bool:
    """Whether a YAML, TOML or JSON file's bytes may hold an entry naming a model."""
    return _MODEL_ENTRY.search(data) is not None


def file_models(
    rules: RuleContext, path: str, shown: str, kind: str, text: str, recorded: str | None
) -> list[FileModel]:
    """The model entries of a settings file (`shown`, of `kind`) that go to the provider once
    migrated (`config_models`, as ML508 reads them); none in a program's recorded output or a
    file that does not parse."""
    from migrate_llm.formats import FormatError
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.rules.config_thinking import config_models

    try:
        doc = ConfigDocument.read(shown, kind, text, recorded)
    except FormatError:
        return []
    if doc.recorded is not None:
        return []
    _, found = config_models(rules, doc)
    return [
        FileModel(path, ".".join(entry.path), model, model_from or "")
        for entry, model, model_from in found.values()
    ]


def entry_models(
    models: Iterable[FileModel], module: str, written: str, entry: str
) -> list[FileModel]:
    """The model entries `entry` of the settings file a module at `module` loads by the path
    `written` (as its loader writes it, `/` between parts: `settings.json`,
    `conf/config.yaml`): those of the file that path names from the nearest directory, the
    module's own or one above it (a relative path opens it from where the program runs), the
    file itself before its examples (`settings.example.json`); none where no such file is
    there (an absolute path, or one climbing with `..`, is not followed)."""
    if written.startswith("/") or not module:
        return []
    parts = posixpath.normpath(written).split("/")  # `./settings.json` as `settings.json`
    if ".." in parts:
        return []
    base, below = parts[-1], os.path.join("", *parts[:-1]) if parts[:-1] else ""
    here = os.path.dirname(os.path.abspath(module))
    best: tuple[int, bool] | None = None
    found: list[FileModel] = []
    for each in models:
        if each.entry != entry or not stands_for(each.path, base):
            continue
        place = os.path.dirname(os.path.abspath(each.path))
        if below:
            if not place.endswith(os.sep + below):
                continue
            place = place[: -len(below) - 1]
        if not (here == place or here.startswith(place.rstrip(os.sep) + os.sep)):
            continue
        rank = (len(place), os.path.basename(each.path) == base)
        if best is None or rank > best:
            best, found = rank, [each]
        elif rank == best:
            found.append(each)
    return found
