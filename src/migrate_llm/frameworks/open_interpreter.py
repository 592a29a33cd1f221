"""Open Interpreter (PyPI `open-interpreter`, module `interpreter`): where it takes the model it
hands to litellm, read from open-interpreter 0.4.3 (OpenInterpreter/open-interpreter @ dcfcffa).

Its `Llm` sends `litellm.completion(model=self.model, ...)` with `api_key=self.api_key` and
`api_base=self.api_base` only where they are set (interpreter/core/llm/llm.py L54-69, L283-292,
L443),
so a model without a provider prefix goes to OpenAI and the provider's own needs litellm's
route (`zai/glm-5.3`), which reads the route's key and base-URL variables itself (t61c A: a bare
`glm-5.3` failed with "LLM Provider NOT provided")."""

from __future__ import annotations

import re

# interpreter/__init__.py: `from .core.core import OpenInterpreter` and the instance every
# script uses, `interpreter = OpenInterpreter()` (L59-61)
INSTANCES = frozenset({"interpreter.interpreter"})
CLASSES = frozenset({"interpreter.OpenInterpreter", "interpreter.core.core.OpenInterpreter"})
# the interpreter's `llm` (interpreter/core/core.py L130: `self.llm = Llm(self)`) and the attributes
# of `Llm` it passes to litellm (interpreter/core/llm/llm.py `Llm.__init__`)
LLM_ATTRIBUTE = "llm"
MODEL_ATTRIBUTE = "model"
KEY_ATTRIBUTE = "api_key"
BASE_URL_ATTRIBUTE = "api_base"
# A profile (YAML) sets those attributes by its nested keys (profiles.py
# `apply_profile_to_object`: `setattr` for each key under `llm:`): `llm: {model: gpt-4o}`.
# Profiles live in `platformdirs.user_config_dir("open-interpreter")/profiles`
# (terminal_interface/utils/oi_dir.py, profiles.py L16-20: `default.yaml` there), in the
# package's terminal_interface/profiles/defaults/, or at the path `--profile x.yaml` names.
PROFILE_MODEL_KEYS = (LLM_ATTRIBUTE, MODEL_ATTRIBUTE)
# Where a Python file's bytes show it uses Open Interpreter's API (its module is called
# `interpreter`, a common word: only its instance or class imported from it, or read from it)
IMPORT_TEXT = re.compile(
    rb"^[ \t]*from[ \t]+interpreter[ \t]+import[ \t]+[^\n]*\b(?:interpreter|OpenInterpreter)\b"
    rb"|\binterpreter\.(?:interpreter|OpenInterpreter)\b",
    re.MULTILINE,
)


# The commands open-interpreter installs (pyproject.toml `[tool.poetry.scripts]`: `interpreter`,
# `interpreter-classic`, and `i`, too common a word to tell apart, not read) and the option
# naming the model there (terminal_interface/start_terminal_interface.py `arguments`: `"name":
# "model", "nickname": "m"` set on `interpreter.llm.model`, flags `-m` and `--model`).
# The command word only, at the start of the command (after `;`, `&&`, `||`, `|`: the
# caller cuts there): after a subshell's `(`, a recipe's `@`/`-`, a `$(` or backtick,
# `VAR=value` assignments, `exec`/`env`/`nohup`/`time`, `then`/`do`/`else`, `poetry run`-like
# runners, or as a path ending in /interpreter; not a word of an argument (`llm --system "act
# as a python interpreter" -m gpt-4o` is simonw's llm, the review of session 62).
_ASSIGNMENT = r"""[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|[^\s"'`$()]*)"""
COMMAND = re.compile(
    r"^[\s({@&|-]*"
    rf"(?:(?:{_ASSIGNMENT}|exec|env|nohup|time|then|do|else|!)\s+)*"
    r"(?:[A-Za-z_]\w*=)?(?:\$\(|`)?\s*"
    r"(?:(?:poetry|uv|pdm|hatch|rye|pipx)\s+run\s+)?"
    r"(?:[^\s\"'`]*/)?interpreter(?:-classic)?(?:\s|$)"
)
MODEL_FLAG = re.compile(r"(?:\s|^)(?:--model[ \t]*=?|-m)[ \t]*$")
# Given `--api_base` (`-ab`), the command writes `openai/` before a model not on that route
# (start_terminal_interface.py L531-539: `interpreter.llm.model = "openai/" + ...`): a model
# on the provider's own litellm route would become `openai/zai/glm-5.3` there.
API_BASE_FLAG = re.compile(r"(?:\s|^)(?:--api_base|-ab)(?:[\s=]|$)")


def command_model(text: str, at: int) -> bool:
    """Whether the word at offset `at` of a script (a shell script, a Makefile's recipe) is
    the model of an `interpreter` command line (`interpreter --model gpt-4o`, `interpreter -m
    gpt-4o`) that gives no `--api_base`: the command before it on its line, lines continued
    with a backslash read as one, and the rest of that command."""
    start = text.rfind("\n", 0, at) + 1
    while start >= 2 and text[start - 2] == "\\":
        start = text.rfind("\n", 0, start - 2) + 1
    before = text[start:at]
    cut = max(before.rfind(sep) for sep in (";", "&&", "||", "|"))
    command = before[cut + 1 :] if cut >= 0 else before
    if MODEL_FLAG.search(command) is None or COMMAND.search(command) is None:
        return False
    end = at
    while True:  # the rest of the command, through continued lines
        end = text.find("\n", end)
        if end < 0 or text[end - 1 : end] != "\\":
            break
        end += 1
    rest = text[at : len(text) if end < 0 else end]
    stop = min(
        (i for i in (rest.find(sep) for sep in (";", "&&", "||", "|")) if i >= 0), default=-1
    )
    rest = rest[:stop] if stop >= 0 else rest
    return API_BASE_FLAG.search(command + " " + rest) is None


def profile_model(keys: tuple[str, ...]) -> bool:
    """Whether the entry at `keys` of a YAML file is a profile's model (`llm: {model: ...}`)."""
    return keys == PROFILE_MODEL_KEYS
