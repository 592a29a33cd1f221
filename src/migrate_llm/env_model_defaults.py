"""The OpenAI models a project's modules default to, for the rules of its other modules.

chatgpt-telegram-bot's `main.py` reads `model = os.environ.get("OPENAI_MODEL", "gpt-4o")`
and hands it to `default_max_tokens(model)` in `openai_helper.py`, which tests it against
its tuples (`GPT_4O_MODELS = ("gpt-4o", "gpt-4o-mini")`) and returns None for a model in
none of them. ML204 writes the provider's model as that default; ML205, reading the helper
alone, could not tell its tuples apart and left them, so the migrated program died at
start on `int(None)`. Within one module ML205 adds what the module's own models map to
(`own`); a default another module reads from the environment counts the same. So a module
the rules read that may read a variable with a model as its default (`may_default`) is
marked while it is screened, read again once the run knows its project uses an OpenAI
client (`env_defaults`), and what it holds goes into its project's facts
(`RunFacts.env_model_defaults`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import NamedTuple

from migrate_llm.env_read_calls import LOOKUP_TAILS, lookup_test, may_look_up, reads_any
from migrate_llm.textio import python_tree

# an environment read (`os.getenv(`, `os.environ.get(`, decouple's `config(`: the lookups of
# the env-reader table, `env_read_calls`) given a literal second argument that looks like a
# model id (one lowercase token: not a URL, a number, a path)
_ENV_DEFAULT = re.compile(
    LOOKUP_TAILS + rb"\(\s*[^,()\n]+,\s*(?:default\s*=\s*)?[\"'][a-z][a-z0-9.:-]*[\"']\s*\)"
)
# a module larger than this is not read again (its own rules still see its defaults)
MAX_BYTES = 256 * 1024


class EnvDefault(NamedTuple):
    """An OpenAI model `model` that the module `module` (its file name as the run found it,
    as `PythonContext.path` gives it; `shown`: as messages show it) gives as the default of
    a read of the environment variable `variable` (the code of the name where it is not a
    literal)."""

    module: str
    shown: str
    variable: str
    model: str


def may_default(data: bytes) -> bool:
    """Whether a module's bytes may read an environment variable with a model id as its
    default (`os.environ.get("OPENAI_MODEL", "gpt-4o")`); most hold no such read."""
    return may_look_up(data) and reads_any(_ENV_DEFAULT, data)


def env_defaults(
    module: str, shown: str, data: bytes, openai_model: Callable[[str], bool]
) -> list[EnvDefault]:
    """The reads of environment variables in a module's bytes whose default is a string
    `openai_model` takes for an OpenAI model id; none where it cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    found = []
    env_read = lookup_test(data)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or not env_read(node.func):
            continue
        default = node.args[1] if len(node.args) == 2 else None
        if len(node.args) == 1:
            default = next((k.value for k in node.keywords if k.arg == "default"), None)
        if not isinstance(default, ast.Constant) or not isinstance(default.value, str):
            continue
        if openai_model(default.value):
            name = node.args[0]
            variable = name.value if isinstance(name, ast.Constant) else ast.unparse(name)
            found.append(EnvDefault(module, shown, str(variable), default.value))
    return found
