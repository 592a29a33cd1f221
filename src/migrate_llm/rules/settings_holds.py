"""Why ML401 leaves a pydantic settings field reading OpenAI's variable as it is, though an
alias would make it read the provider's (`settings_fields`), and what a read of the same
variable left beside it does (t54c, langroid's `OpenAIGPTConfig`):

- the module builds subclasses of its settings classes with an `env_prefix` chosen at run
  time (`OpenAIGPTConfig.create("ollama")`: `SettingsConfigDict(env_prefix=prefix.upper() +
  "_")`): an alias ignores the prefix, so the fields of every such class (OLLAMA_API_KEY,
  OLLAMA_API_BASE) would read the provider's variables, and prompts meant for a local server
  would go to the provider;
- the class configures OpenAI embeddings (a field whose default is an OpenAI embeddings
  model) and the provider serves none: the client it configures stays on OpenAI (ML001,
  ML003), so its key and base URL do too;
- another module of the project builds the class passing the field by its name
  (`RunFacts.settings_fields_passed`): pydantic refuses that name once the field has an alias
  ("extra inputs are not permitted").
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, last_name, string_value


def computed_prefix(ctx: PythonContext) -> cst.Call | None:
    """The first `SettingsConfigDict(env_prefix=...)` of the module whose prefix is not a
    string the module shows (a class built at run time for another server)."""
    found = ctx.analyses.get(computed_prefix)
    if found is None:
        found = ctx.analyses[computed_prefix] = [_computed_prefix(ctx)]
    return cast("list[cst.Call | None]", found)[0]


def _computed_prefix(ctx: PythonContext) -> cst.Call | None:
    if sdk.SETTINGS_PREFIX not in ctx.text:
        return None
    for node in ctx.nodes:
        if not isinstance(node, cst.Call) or last_name(node.func) != "SettingsConfigDict":
            continue
        for arg in node.args:
            named = arg.keyword is not None and arg.keyword.value == sdk.SETTINGS_PREFIX
            if named and string_value(arg.value) is None and not isinstance(arg.value, cst.IfExp):
                return node
    return None


def embeddings_model(ctx: PythonContext, klass: cst.ClassDef) -> tuple[str, str] | None:
    """(field, model) of a field of `klass` whose default is an OpenAI embeddings model, where
    the provider serves no embeddings: the class configures a client apply leaves on OpenAI."""
    provider = ctx.rules.provider
    if provider is None or provider.support("embeddings") is not False:
        return None
    known = ctx.rules.openai.params.get("embedding_model_dimensions") or {}
    for line in klass.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                value = string_value(small.value) if small.value is not None else None
                if value is not None and value in known:
                    return small.target.value, value
    return None


def embeddings_fields(ctx: PythonContext) -> frozenset[str]:
    """The fields of the module's classes that configure OpenAI embeddings
    (`embeddings_model`): a client given one (`self.config.api_key`) reads OpenAI's key."""
    found = ctx.analyses.get(embeddings_fields)
    if found is None:
        names: set[str] = set()
        for node in ctx.nodes:
            if isinstance(node, cst.ClassDef) and embeddings_model(ctx, node) is not None:
                for line in node.body.body:
                    if isinstance(line, cst.SimpleStatementLine):
                        names |= {
                            s.target.value
                            for s in line.body
                            if isinstance(s, cst.AnnAssign) and isinstance(s.target, cst.Name)
                        }
        found = ctx.analyses[embeddings_fields] = frozenset(names)
    return cast("frozenset[str]", found)


def passed_elsewhere(ctx: PythonContext, klass: str, field: str) -> list[str]:
    """The other modules of the project building `klass` with `field` passed by its name
    (`RunFacts.settings_fields_passed`: modules defining no class of that name)."""
    return sorted(
        module
        for cls, name, module in ctx.rules.facts.settings_fields_passed
        if cls == klass and name == field
    )


def compared(ctx: PythonContext, read: cst.CSTNode) -> cst.Comparison | None:
    """The first `==`/`!=` of the module testing the value `read` (an environment read,
    bound to a name: `OPENAI_API_KEY = os.getenv(...)`, then `key == OPENAI_API_KEY`)."""
    above = ctx.ancestors(read)
    bound = next((a for a in reversed(above) if isinstance(a, cst.Assign)), None)
    names = set()
    if bound is not None and bound.value is read:
        names = {t.target.value for t in bound.targets if isinstance(t.target, cst.Name)}
    for node in ctx.nodes:
        if not isinstance(node, cst.Comparison):
            continue
        if not all(isinstance(c.operator, cst.Equal | cst.NotEqual) for c in node.comparisons):
            continue
        sides = [node.left, *(c.comparator for c in node.comparisons)]
        if any(s is read or (isinstance(s, cst.Name) and s.value in names) for s in sides):
            return node
    return None


def aliased_field(ctx: PythonContext, variable: str) -> str | None:
    """`Cls.field` of the first field of the module given `validation_alias=variable` (or
    `env=`), the provider's variable apply wrote there."""
    for node in ctx.nodes:
        if not isinstance(node, cst.ClassDef):
            continue
        for line in node.body.body:
            if not isinstance(line, cst.SimpleStatementLine):
                continue
            for small in line.body:
                if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                    continue
                if any(string_value(v) == variable for v in _alias_values(small)):
                    return f"{node.name.value}.{small.target.value}"
    return None


def _alias_values(field: cst.AnnAssign) -> list[cst.BaseExpression]:
    """The values of the `Field(...)` keywords naming a field's variable, in its value or its
    `Annotated[...]` annotation."""
    found: list[cst.BaseExpression] = []
    for node in (field.value, field.annotation.annotation):
        if node is None:
            continue
        for call in _calls(node):
            if last_name(call.func) == "Field":
                found += [
                    a.value
                    for a in call.args
                    if a.keyword is not None
                    and a.keyword.value in sdk.SETTINGS_ENV_KWARGS | sdk.SETTINGS_ALIAS_KWARGS
                ]
    return found


def _calls(node: cst.BaseExpression) -> list[cst.Call]:
    if isinstance(node, cst.Call):
        return [node]
    if isinstance(node, cst.Subscript):
        return [
            e.slice.value
            for e in node.slice
            if isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.Call)
        ]
    return []
