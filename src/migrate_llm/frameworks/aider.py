"""What aider's configuration looks like: the files and variables it reads models from, each of
which it hands to litellm (`litellm.completion(model=...)`, aider/models.py `send_completion`).

Knowledge of the tool only, checked against Aider-AI/aider @5dc9490 (2026-05-22), file named
beside each entry. A model there is a litellm model string: a provider's own model needs
litellm's prefix for it (`moonshot/kimi-k2.6`), else litellm fails with "LLM Provider NOT
provided" (t54b: `AIDER_MODEL=kimi-k2.6`).
"""

from __future__ import annotations

import re
from pathlib import PurePath

# aider/args.py `get_parser`: `configargparse.ArgumentParser(..., auto_env_var_prefix="AIDER_")`,
# so every option is also read from AIDER_<OPTION> (the environment, and the .env files
# aider/main.py `load_dotenv_files` loads with `load_dotenv(fname, override=True)`).
ENV_PREFIX = "AIDER_"
# the options naming a model (aider/args.py: "--model", "--weak-model", "--editor-model"), as
# variables and as keys of `.aider.conf.yml` (aider/main.py: `conf_fname =
# Path(".aider.conf.yml")`, searched in the git root, the cwd and the home directory)
MODEL_ENV = frozenset({"AIDER_MODEL", "AIDER_WEAK_MODEL", "AIDER_EDITOR_MODEL"})
CONF_FILE = ".aider.conf.yml"
CONF_MODEL_KEYS = frozenset({"model", "weak-model", "editor-model"})
# `--model-settings-file` (aider/args.py, default ".aider.model.settings.yml"): a list of
# ModelSettings records (aider/models.py `class ModelSettings`: `name`, `weak_model_name`,
# `editor_model_name`, each a litellm model string)
SETTINGS_FILE = ".aider.model.settings.yml"
SETTINGS_MODEL_KEYS = frozenset({"name", "weak_model_name", "editor_model_name"})


def model_setting(path: str, kind: str, keys: tuple[str, ...]) -> bool:
    """Whether the entry at `keys` of the file `path` (of format `kind`) is a model aider
    reads: AIDER_MODEL and its kin in a .env, `model:` and its kin at the top of
    `.aider.conf.yml`, `name:` and its kin of a record of `.aider.model.settings.yml`."""
    name = PurePath(path).name
    if kind == "dotenv":
        return len(keys) == 1 and keys[0] in MODEL_ENV
    if name == CONF_FILE:
        return len(keys) == 1 and keys[0] in CONF_MODEL_KEYS
    if name == SETTINGS_FILE:
        return len(keys) == 2 and keys[0].isdigit() and keys[1] in SETTINGS_MODEL_KEYS
    return False


def configures(names: set[str | None]) -> bool:
    """Whether a .env setting the variables `names` configures aider (sets an AIDER_ one)."""
    return any(name is not None and name.startswith(ENV_PREFIX) for name in names)


# aider's scripting API (aider/models.py `class Model(ModelSettings)`: `def __init__(self,
# model, weak_model=None, editor_model=None, editor_edit_format=None, verbose=False)`): each
# model it is given is a litellm model string, mapped through MODEL_ALIASES first (L334; the
# weak and editor models are built as `Model(name, ...)` too, `get_weak_model` L603-620).
MODEL_CLASSES = frozenset({"aider.models.Model"})
PACKAGE = "aider"
# the model arguments: keyword, and position (None: keyword only in practice)
MODEL_ARGUMENTS: tuple[tuple[str, int | None], ...] = (
    ("model", 0),
    ("weak_model", 1),
    ("editor_model", 2),
)
# aider/models.py `MODEL_ALIASES` (L99-123), the entries naming an OpenAI model: a model
# aider reads (`--model 4o`, `model: 4o`, `Model("4o")`) is looked up there first.
OPENAI_ALIASES: dict[str, str] = {
    "4": "gpt-4-0613",
    "4o": "gpt-4o",
    "4-turbo": "gpt-4-1106-preview",
    "35turbo": "gpt-3.5-turbo",
    "35-turbo": "gpt-3.5-turbo",
    "3": "gpt-3.5-turbo",
}
# aider/deprecated.py `add_deprecated_model_args` (flags with `action="store_true"`) and
# `handle_deprecated_model_args` (`model_map`, L89-101): the shortcut flags choosing an OpenAI
# model for the main chat, also keys of `.aider.conf.yml` (`4o: true`) and AIDER_<FLAG>
# variables, as every option is; flag -> model.
OPENAI_FLAGS: dict[str, str] = {
    "4": "gpt-4-0613",
    "4o": "gpt-4o",
    "mini": "gpt-4o-mini",
    "4-turbo": "gpt-4-1106-preview",
    "35turbo": "gpt-3.5-turbo",
    "35-turbo": "gpt-3.5-turbo",
    "3": "gpt-3.5-turbo",
    "o1-mini": "o1-mini",
    "o1-preview": "o1-preview",
}
# the option naming the main model, which replaces a shortcut flag (aider/args.py `--model`)
MODEL_OPTION = "model"
# the command aider installs (pyproject.toml `[project.scripts] aider = "aider.main:main"`),
# also run as a module (`python -m aider`, aider/__main__.py)
COMMAND = re.compile(r"(?:^|[\s;&|(`])(?:\S*/)?aider(?:\s|$)|\s-m[ \t]+aider(?:\s|$)")
# Where a script's or config file's text may name an aider alias or shortcut flag of an
# OpenAI model (the prefilter's test for ML621 and ML503)
_FLAGS = "|".join(re.escape(flag) for flag in sorted(OPENAI_FLAGS, key=len, reverse=True))
_ALIASES = "|".join(re.escape(a) for a in sorted(OPENAI_ALIASES, key=len, reverse=True))
NAMED_TEXT = (
    rf"(?m)--(?:{_FLAGS})(?![\w-])"
    rf"|(?:^|[\s-])(?:model|weak-model|editor-model)[ \t]*[:= \t][ \t]*[\"']?"
    rf"(?:(?:{_ALIASES})(?![\w-])|openai/)"
    rf"|^[ \t]*[\"']?(?:{_FLAGS})[\"']?[ \t]*:"
)


def openai_model(value: str) -> str | None:
    """The OpenAI model an aider alias of one names (`4o`: gpt-4o), else None."""
    return OPENAI_ALIASES.get(value)


def command_option(text: str, at: int) -> bool:
    """Whether the word at offset `at` of a script stands in an aider command line (`aider
    --model gpt-4o`, `python -m aider --4o`): the command before it on its line, lines
    continued with a backslash read as one."""
    start = text.rfind("\n", 0, at) + 1
    while start >= 2 and text[start - 2] == "\\":
        start = text.rfind("\n", 0, start - 2) + 1
    line = text[start:at]
    cut = max(line.rfind(sep) for sep in (";", "&&", "||", "|"))
    return COMMAND.search(line[cut + 1 :] if cut >= 0 else line) is not None
