"""What the classes of langroid a project defines itself (a fork of langroid, t54c) default
to (`RunFacts.langroid_defaults`), for ML693.

ML693 judges `ChatAgentConfig()` and a bare `OpenAIGPTConfig()` by langroid's defaults as
PyPI ships them (`frameworks.langroid`): OpenAI's model, sent to OpenAI. In a project that
defines those classes, they default to what the project's own class says:
- `AGENT`: its `AgentConfig.llm` defaults to an `OpenAIGPTConfig(...)` that names the
  provider's base URL, or to one ML693 gives it in the same run (no `api_base=`, `api_key=`
  nor `**mapping`; no model, or one the provider's table maps): an agent config given no
  `llm=` then talks to the provider;
- `CONFIG`: its `OpenAIGPTConfig` class reads the provider's base URL and key and defaults
  to a model that is not OpenAI's: a bare config then talks to the provider. Where its fields
  stay on OpenAI's variables (ML401 holds them), bare configs are still OpenAI's.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from migrate_llm.frameworks import langroid as fw
from migrate_llm.registry import Provider
from migrate_llm.settings_callers import last_name, module_tree

AGENT = "agent-llm"
CONFIG = "config"
_CONFIG = "OpenAIGPTConfig"


def may_define(data: bytes) -> bool:
    """Whether a module's bytes may define one of those classes."""
    return b"class " + fw.AGENT_BASE.encode() in data or b"class " + _CONFIG.encode() in data


def defaults(
    modules: Iterable[bytes],
    provider: Provider,
    maps: Callable[[str], str | None],
    openai_serves: Callable[[str], bool],
) -> frozenset[str]:
    """`AGENT` and/or `CONFIG` where the classes `modules` define default to `provider`
    (`maps(model)`: the provider's model apply maps an OpenAI model to)."""
    found: set[str] = set()
    for data in modules:
        tree = module_tree(data)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            fields = _fields(node)
            if node.name == fw.AGENT_BASE and _agent_default(
                fields.get(fw.LLM_KEYWORD), provider, maps, openai_serves
            ):
                found.add(AGENT)
            elif node.name == _CONFIG and _config_default(fields, provider, openai_serves):
                found.add(CONFIG)
    return frozenset(found)


def _agent_default(
    value: ast.expr | None,
    provider: Provider,
    maps: Callable[[str], str | None],
    openai_serves: Callable[[str], bool],
) -> bool:
    """Whether `llm`'s default is the provider's, or one ML693 makes the provider's."""
    if not isinstance(value, ast.Call) or last_name(value.func) != _CONFIG:
        return False
    given = {k.arg: k.value for k in value.keywords}
    if None in given:  # a `**mapping`
        return False
    if fw.BASE_URL_KEYWORD in given:
        return provider.base_url_env in ast.unparse(given[fw.BASE_URL_KEYWORD])
    if fw.KEY_KEYWORD in given or value.args:
        return False
    model = given.get(fw.MODEL_KEYWORD)
    if model is None:
        return maps(fw.DEFAULT_MODEL) is not None
    written = model.value if isinstance(model, ast.Constant) else None
    return isinstance(written, str) and openai_serves(written) and maps(written) is not None


def _config_default(
    fields: dict[str, ast.expr | None], provider: Provider, openai_serves: Callable[[str], bool]
) -> bool:
    """Whether the config class reads the provider's base URL and key (by a variable or alias
    naming them) and defaults to a model that is not OpenAI's."""
    variables = {fw.BASE_URL_KEYWORD: provider.base_url_env, fw.KEY_KEYWORD: provider.api_key_env}
    for field, variable in variables.items():
        value = fields.get(field)
        if value is None or variable not in ast.unparse(value):
            return False
    model = fields.get(fw.MODEL_KEYWORD)
    written = model.value if isinstance(model, ast.Constant) else None
    return isinstance(written, str) and not openai_serves(written)


def _fields(klass: ast.ClassDef) -> dict[str, ast.expr | None]:
    """The value each field of a class's body is given (None: annotated only)."""
    found: dict[str, ast.expr | None] = {}
    for statement in klass.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            found[statement.target.id] = statement.value
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value
    return found
