"""What aider's configuration looks like: the files and variables it reads models from, each of
which it hands to litellm (`litellm.completion(model=...)`, aider/models.py `send_completion`).

Knowledge of the tool only, checked against Aider-AI/aider @5dc9490 (2026-05-22), file named
beside each entry. A model there is a litellm model string: a provider's own model needs
litellm's prefix for it (`moonshot/kimi-k2.6`), else litellm fails with "LLM Provider NOT
provided" (t54b: `AIDER_MODEL=kimi-k2.6`).
"""

from __future__ import annotations

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
