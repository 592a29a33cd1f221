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
  ("extra inputs are not permitted");
- a read of the same variable the module keeps (`reads_kept`);
- another module of the project holds it for one of those reasons, with its own subclass or
  its own test of the field against a read it keeps (`RunFacts.settings_fields_held`, read by
  `held_settings`): the class is defined in one module, used in others.

`hold_reasons` yields them in that order for a class the module defines; ML401
(`SettingsFields._held`, which says a kept read its own way) and `held_key_fields` (for the
clients given the field, which read an embeddings configuration through `embeddings_fields`)
each take the first reason they count. A module importing the class counts the fields held
anywhere in the project (`imported_held`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.held_settings import HeldField
from migrate_llm.rules.python_context import PythonContext, last_name, self_attribute, string_value

if TYPE_CHECKING:
    from migrate_llm.rules.callee_keys import CalleeClient

_CALLEE_DEPTH = 2  # the levels of functions a field given to another module is followed there


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


class Hold(NamedTuple):
    """Why ML401 leaves a settings field reading OpenAI's variable (`hold_reasons`): `kind`
    ("prefix", "embeddings", "passed", "elsewhere", "callee", "library", "read") and what
    shows it (the computed prefix's call, the (field, model) of the embeddings default, the
    calling modules, the project's `HeldField`s, the call handing the field to another module
    and what it reaches there, the library's call and its model, the test of the field
    against a kept read)."""

    kind: str
    shown: object = None


def hold_reasons(ctx: PythonContext, klass: cst.ClassDef, field: str, name: str) -> Iterator[Hold]:
    """Why ML401 leaves `klass.field` (a class the module defines, the field reading `name`)
    as it is, in turn (see the module's docstring), each looked for only when asked."""
    # imported here: these modules import this one
    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.env_read_facts import reads_kept
    from migrate_llm.rules.env_roles import key_variables

    cls = klass.name.value
    if (computed := computed_prefix(ctx)) is not None:
        yield Hold("prefix", computed)
    if (embeddings := embeddings_model(ctx, klass)) is not None:
        yield Hold("embeddings", embeddings)
    if callers := passed_elsewhere(ctx, cls, field):
        yield Hold("passed", callers)
    if elsewhere := held_elsewhere(ctx, cls, field):
        yield Hold("elsewhere", elsewhere)
    if name in key_variables(ctx) and (given := given_to_callee(ctx, field)) is not None:
        yield Hold("callee", given)
    if name in key_variables(ctx) and (library := given_to_library(ctx, field)) is not None:
        yield Hold("library", library)
    keyed = name in key_variables(ctx) and _named(ctx, name)
    if keyed and reads_kept(ctx, env_names(ctx), [], name):
        yield Hold("read")


def given_to_callee(ctx: PythonContext, field: str) -> tuple[cst.Call, CalleeClient] | None:
    """The first call of the module given `x.field` (`settings.openai_api_key`, not `self.`)
    as an argument, a class or function of another module of the project, and what the key
    reaches there that could send the provider's key to OpenAI (`callee_keys`: vocode's
    `WhisperTranscriber(api_key=settings.openai_api_key)`, whose audio-only client ML001
    leaves on OpenAI, t64c). Aliased, the field would hold the provider's key there."""
    from migrate_llm.rules.callee_keys import callee_client  # it imports the rules
    from migrate_llm.rules.project_calls import defined_here

    if not ctx.path or f".{field}" not in ctx.text:
        return None
    for node in ctx.nodes:
        if type(node) is not cst.Arg or node.star:
            continue
        value = node.value
        if not isinstance(value, cst.Attribute) or value.attr.value != field:
            continue
        above = ctx.ancestors(node)
        call = above[-1] if above else None
        if self_attribute(value) or not isinstance(call, cst.Call):
            continue
        if ctx.constructed_client(call) is not None or defined_here(ctx, call):
            continue
        there = callee_client(ctx, call, node, _CALLEE_DEPTH)
        if there is not None:
            return call, there
    return None


# the destinations of a key (`key_destinations.Destination.kind`) in a library no table knows
# that apply leaves on OpenAI: its OpenAI model and no base URL, in a call or its settings
_LIBRARY_KINDS = frozenset({"model", "unmoved"})


def given_to_library(ctx: PythonContext, field: str) -> tuple[cst.Call, str] | None:
    """The first call of the module given `x.field` (not `self.`) as a key that is a
    library's no table knows, handed an OpenAI model and no base URL (`key_destinations`:
    `model`, `unmoved`), and that model as written: apply gives it no base URL, so it stays
    on OpenAI, as a read of OpenAI's variable given there stays (ML401). Aliased, the field
    would hand it the provider's key (`WhisperTranscriber(api_key=settings.openai_api_key,
    model="whisper-1")`)."""
    from migrate_llm.rules.env_names import env_names  # these modules import this one
    from migrate_llm.rules.key_destinations import risky_destination

    if f".{field}" not in ctx.text:
        return None
    for node in ctx.nodes:
        if type(node) is not cst.Arg or node.star:
            continue
        value = node.value
        if not isinstance(value, cst.Attribute) or value.attr.value != field:
            continue
        if self_attribute(value):
            continue
        found = risky_destination(ctx, env_names(ctx), value)
        if found is not None and found.kind in _LIBRARY_KINDS and isinstance(found.call, cst.Call):
            model = ctx.code(found.model) if found.model is not None else "an OpenAI model"
            return found.call, model
    return None


def instance_reasons(ctx: PythonContext, field: str, name: str) -> Iterator[Hold]:
    """Why a module importing an instance of a settings class of another module (`from
    config import settings`, the field `field` reading `name`) holds that field: it hands
    `settings.field` to a client apply leaves on OpenAI, through the project's code
    (`given_to_callee`) or to a library no table knows (`given_to_library`)."""
    from migrate_llm.rules.env_roles import key_variables  # it imports this module

    if name not in key_variables(ctx):
        return
    if (given := given_to_callee(ctx, field)) is not None:
        yield Hold("callee", given)
    if (library := given_to_library(ctx, field)) is not None:
        yield Hold("library", library)


def imported_reasons(ctx: PythonContext, cls: str, field: str, name: str) -> Iterator[Hold]:
    """Why a module using the settings class `cls` of another module (the field `field`
    reading `name`) holds that field, in turn: a subclass of it built with an env_prefix
    chosen at run time, or configuring OpenAI embeddings (`hold_reasons`'s own reasons, in
    the module's subclasses), or a test of `x.field` against a read of `name` the module
    keeps (the sentinel of `compared`: switched alone, the field would read the provider's
    key and the branch it guards send that key to another provider's server)."""
    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.env_read_facts import reads_kept

    subclasses = [
        node
        for node in ctx.nodes
        if isinstance(node, cst.ClassDef) and any(last_name(b.value) == cls for b in node.bases)
    ]
    if subclasses and (computed := computed_prefix(ctx)) is not None:
        yield Hold("prefix", computed)
    for subclass in subclasses:
        if (embeddings := embeddings_model(ctx, subclass)) is not None:
            yield Hold("embeddings", embeddings)
    if not _named(ctx, name):
        return
    names = env_names(ctx)
    for access in names.accesses:
        if access.kind != "read" or name not in access.names:
            continue
        test = compared(ctx, access.node)
        sides = [test.left, *(c.comparator for c in test.comparisons)] if test else []
        tests = any(isinstance(s, cst.Attribute) and s.attr.value == field for s in sides)
        if tests and reads_kept(ctx, names, [access], name):
            yield Hold("read", test)
            return


def held_elsewhere(ctx: PythonContext, cls: str, field: str) -> list[HeldField]:
    """What the modules of the project importing `cls` hold `cls.field` for
    (`RunFacts.settings_fields_held`)."""
    return sorted(
        held
        for held in ctx.rules.facts.settings_fields_held
        if held.cls == cls and held.field == field and not held.defines
    )


def imported_held(ctx: PythonContext) -> dict[str, tuple[str, str]]:
    """The fields held anywhere in the project (`RunFacts.settings_fields_held`) of the
    settings classes the module names without defining one of that name (it imports them),
    or one of their instances (`from config import settings`), by field name, with
    `Cls.field` and the variable: a client the module gives one of them (`cfg.api_key`) holds
    what the field reads."""
    held = ctx.rules.facts.settings_fields_held
    if not held:
        return {}
    own = {n.name.value for n in ctx.nodes if isinstance(n, cst.ClassDef)}
    found: dict[str, tuple[str, str]] = {}
    for each in sorted(held):
        # or an instance of it (`settings`: review r2 h1), for a hold another module makes
        # (a library given the field); the defining module's own (a validator reading the
        # field by name, which keeps its name and reads the provider's variable by an alias)
        # holds nothing a client given the instance's field reads
        names = (each.cls, *(() if each.defines else each.instances))
        if each.cls not in own and any(_mentions(ctx.text, name) for name in names):
            found.setdefault(each.field, (f"{each.cls}.{each.field}", each.variable))
    return found


def tested_held(
    ctx: PythonContext, read: cst.CSTNode, name: str
) -> tuple[str, cst.Comparison] | None:
    """`Cls.field` of a field of an imported class held in the project (`imported_held`)
    reading `name`, and the test of the module telling it from the read `read` of `name`
    (`if cfg.api_key == OPENAI_API_KEY:`): renamed alone, the read would name the provider's
    key, the field still OpenAI's, and the branch it guards send OpenAI's key elsewhere."""
    fields = {f: held for f, held in imported_held(ctx).items() if held[1] == name}
    test = compared(ctx, read) if fields else None
    if test is None:
        return None
    for side in [test.left, *(c.comparator for c in test.comparisons)]:
        if isinstance(side, cst.Attribute) and side.attr.value in fields:
            return fields[side.attr.value][0], test
    return None


def _mentions(text: str, name: str) -> bool:
    """Whether `text` holds `name` as a whole word."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = text.find(name, end)
    return False


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
                if any(string_value(v) == variable for v in alias_values(small)):
                    return f"{node.name.value}.{small.target.value}"
    return None


def alias_values(field: cst.AnnAssign) -> list[cst.BaseExpression]:
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


def held_key_fields(ctx: PythonContext) -> dict[str, tuple[str, str]]:
    """The fields of the module's settings classes reading one of OpenAI's key variables that
    ML401 leaves so (a class built at run time for other servers, callers passing the field
    by name, a read of the same variable the module keeps: `reads_kept`), by field name, with
    `Cls.field` and the variable. A client given such a field (`cfg.api_key`) holds OpenAI's
    key wherever the program's user keeps OPENAI_API_KEY set: `apply` leaves it where it is
    (`held_field`). The embeddings configuration's fields are `embeddings_fields`'."""
    found = ctx.analyses.get(held_key_fields)
    if found is None:
        found = ctx.analyses[held_key_fields] = _held_key_fields(ctx)
    return cast("dict[str, tuple[str, str]]", found)


def _held_key_fields(ctx: PythonContext) -> dict[str, tuple[str, str]]:
    # imported here: these modules import this one
    from migrate_llm.rules.env_roles import key_variables

    if ctx.rules.provider is None or not ctx.rules.switching:
        return {}
    keys = key_variables(ctx)
    found: dict[str, tuple[str, str]] = {}
    for node, field, name in settings_key_fields(ctx) if "class " in ctx.text else ():
        if name not in keys or field in found:
            continue
        # an embeddings configuration's clients are `embeddings_fields`'
        if any(h.kind != "embeddings" for h in hold_reasons(ctx, node, field, name)):
            found[field] = (f"{node.name.value}.{field}", name)
    for field, held in imported_held(ctx).items():
        if held[1] in keys:
            found.setdefault(field, held)
    return found


def settings_key_fields(ctx: PythonContext) -> Iterator[tuple[cst.ClassDef, str, str]]:
    """(class, field, variable) of each field of the module's settings classes (a
    `BaseSettings` base, or an `env_prefix` it states, with a literal `model_config`)."""
    from migrate_llm.rules.settings_fields import _assigned_names, _settings_config, _states_prefix

    for node in ctx.nodes:
        if not isinstance(node, cst.ClassDef) or not node.bases:
            continue
        based = any(last_name(b.value) in sdk.SETTINGS_BASES for b in node.bases)
        config = _settings_config(node)
        if config is None or not (based or _states_prefix(node)):
            continue
        prefix, case_sensitive = config
        for field, _ in _assigned_names(node):
            yield node, field, prefix + field if case_sensitive else (prefix + field).upper()


def held_field(
    ctx: PythonContext, expr: cst.BaseExpression, depth: int = 2
) -> tuple[str, str] | None:
    """(`Cls.field`, variable) of the held key field (`held_key_fields`) `expr` holds: `x.F`
    of such a field `F`, or `self.X` or a name one of the values assigned to which is one
    (`key = cfg.api_key`, then `key = os.getenv("GEMINI_API_KEY")` in one branch)."""
    fields = held_key_fields(ctx)
    if not fields or depth < 0:
        return None
    if isinstance(expr, cst.Attribute) and not self_attribute(expr):
        return fields.get(expr.attr.value)
    values: list[cst.BaseExpression] = []
    if isinstance(expr, cst.Attribute):
        values = ctx.self_values(expr)
    elif isinstance(expr, cst.Name):
        for binding in ctx.bindings(expr):
            if isinstance(binding, Assignment) and not isinstance(binding.node, cst.Param):
                value = ctx.index.assigned.get(id(binding.node))
                if value is not None:
                    values.append(value)
    return next(
        (found for value in values if (found := held_field(ctx, value, depth - 1)) is not None),
        None,
    )


def _named(ctx: PythonContext, name: str) -> bool:
    """Whether the module writes the variable's name as a string (a read of it)."""
    return f'"{name}"' in ctx.text or f"'{name}'" in ctx.text
