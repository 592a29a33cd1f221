"""ML209: constants of OpenAI models that the program tells apart and the mapping makes one.

chatgpt-on-wechat (t54d): `if conf_model in [const.O1, ..., const.GPT_5_MINI]:` drops the
temperature for reasoning models. ML204 maps the constants where they are written, `GPT_4o`
and `GPT_5_MINI` both to 'ernie-4.5-turbo-128k', so the program's default model passed the
test and lost its temperature, with `check` green. A constant is read here as the OpenAI model
it holds (a module constant `GPT_5_MINI = "gpt-5-mini"`), or, after `apply`, as the one its
name spells where the mapping of that one is what it holds (`member_model`), or, for a
constant of another module of the project (`const.GPT_5_MINI`, `from common.const import
GPT_5_MINI`), as the one its name spells: the same finding before and after `apply`. The
other model must be one the module names (a constant, an OpenAI model written as a string, or
what apply wrote for one), not any model of the provider's table: a test of reasoning models
taking in the provider's other reasoning models is no merge worth a warning.
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.model import FixClass, Severity
from migrate_llm.openai_sdk import member_model
from migrate_llm.registry import MODEL_ID
from migrate_llm.rules.base import Example
from migrate_llm.rules.model_members import project_owned
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value

_DISPLAYS = (cst.List, cst.Tuple, cst.Set)


def named_model(ctx: PythonContext, expr: cst.CSTNode) -> tuple[str, str] | None:
    """(the OpenAI model, what the mapping makes it) of a constant naming a model: see the
    module's docstring. None for anything else, or a model the mapping keeps or has none for."""
    rules = ctx.rules
    if isinstance(expr, cst.Name):
        name = expr.value
    elif isinstance(expr, cst.Attribute):
        name = expr.attr.value
    else:
        return None
    serves = rules.openai.serves
    spelled = member_model(name, serves)
    resolved = ctx.resolve_literal(expr) if isinstance(expr, cst.Name) else None
    if resolved is not None:
        if not resolved[2].startswith("constant "):
            return None
        value = resolved[1]
        mapped = rules.map_model(value) if serves(value) else None
        if mapped is not None and mapped != value:
            return value, mapped  # before apply: `GPT_5_MINI = "gpt-5-mini"`
        if spelled is not None and spelled != value and rules.map_model(spelled) == value:
            return spelled, value  # after: `GPT_5_MINI = "ernie-4.5-turbo-128k"`
        return None
    if spelled is None or not any(project_owned(ctx, q) for q in ctx.qualnames(expr)):
        return None
    mapped = rules.map_model(spelled)
    return (spelled, mapped) if mapped is not None and mapped != spelled else None


class ModelsMerged(PythonRule):
    """Constants of OpenAI models the program tells apart that the mapping makes one model.

    ## What it does
    Reports a test or a table that tells OpenAI models apart through the program's constants
    (a membership test `model in [GPT_5, GPT_5_MINI]`, `not in`, a comparison `model ==
    GPT_5_MINI`, `!=`; the keys of a dict display) where the provider's mapping (`--model`
    included) makes them one: a member maps to the model that another model the module names
    and the test leaves out maps to (a constant, a string default such as
    `conf().get("model") or "gpt-3.5-turbo"`), or two keys of the dict map to one model. The
    constants are this module's (`GPT_5_MINI = "gpt-5-mini"`) or another module's of the
    project (`const.GPT_5_MINI`), read as the model they hold, or their names spell once
    `apply` has mapped them, so `check` keeps reporting them. Not a list that also holds
    OpenAI models written out (ML205's, which adds what they map to). A module is read where
    it holds another trace of OpenAI or a constant read as `const.GPT_...` (the prefilter).

    ## Why
    ML204 maps each constant where it is written. Two OpenAI models the program treats
    differently may map to one model of the provider: the test then holds for both
    (chatgpt-on-wechat's reasoning-model test, `[const.O1, ..., const.GPT_5_MINI]`, took in
    its default `GPT_4o` once both were 'ernie-4.5-turbo-128k', and dropped its
    temperature), and the dict keeps one entry where it had two.

    ## Fix (manual)
    Map them apart (`--model gpt-5-mini=<another model>`, or `models` in the config), or
    change the test or the table for the provider's models, by hand. Silent with `--provider
    openai`.
    """

    code = "ML209"
    name = "models-merged"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            'GPT_4O = "gpt-4o"\nGPT_4_TURBO = "gpt-4-turbo"\n\n\n'
            "def params(model=GPT_4O):\n"
            '    args = {"model": model, "temperature": 0.5}\n'
            "    if model in [GPT_4_TURBO]:\n"
            '        args.pop("temperature")\n'
            "    return args\n",
            provider="acme",
            message="`model in [GPT_4_TURBO]` tells OpenAI models apart that Acme Cloud serves "
            "as one: GPT_4_TURBO ('gpt-4-turbo') maps to 'acme-large', as GPT_4O ('gpt-4o') "
            "does, which the test leaves out, so once mapped a program on GPT_4O is taken there "
            "for GPT_4_TURBO; map them apart (`--model gpt-4-turbo=<another model>`) or change "
            "the test, by hand",
        ),
        Example(
            'GPT_4O = "gpt-4o"\nGPT_4_TURBO = "gpt-4-turbo"\n'
            "LIMITS = {GPT_4O: 128000, GPT_4_TURBO: 64000}\n",
            provider="acme",
            message="the keys GPT_4O ('gpt-4o') and GPT_4_TURBO ('gpt-4-turbo') of this dict "
            "both map to 'acme-large' on Acme Cloud: once mapped, the later entry replaces the "
            "earlier; map them apart (`--model gpt-4-turbo=<another model>`) or merge the "
            "entries, by hand",
        ),
        # after apply: the constants hold the provider's models, their names the OpenAI ones
        Example(
            'GPT_4O = "acme-large"\nGPT_4_TURBO = "acme-large"\n\n\n'
            "def reasoning(model):\n    return model == GPT_4_TURBO\n",
            provider="acme",
            message="`model == GPT_4_TURBO` tells OpenAI models apart that Acme Cloud serves as "
            "one: GPT_4_TURBO ('gpt-4-turbo') maps to 'acme-large', as GPT_4O ('gpt-4o') does, "
            "which the test leaves out, so once mapped a program on GPT_4O is taken there for "
            "GPT_4_TURBO; map them apart (`--model gpt-4-turbo=<another model>`) or change the "
            "test, by hand",
        ),
        # each maps to a model of its own: the test still tells them apart
        Example(
            'GPT_4O = "gpt-4o"\nGPT_4O_MINI = "gpt-4o-mini"\n\n\n'
            "def small(model):\n    return model in (GPT_4O_MINI,)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'GPT_4O = "gpt-4o"\nGPT_4_TURBO = "gpt-4-turbo"\n\n\n'
            "def old(model):\n    return model == GPT_4_TURBO\n",
            provider="openai",
            finds=False,
        ),
    )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if not self._switching() or len(node.comparisons) != 1:
            return
        operator, right = node.comparisons[0].operator, node.comparisons[0].comparator
        if isinstance(operator, (cst.In, cst.NotIn)) and isinstance(right, _DISPLAYS):
            members = [e.value for e in right.elements if not isinstance(e, cst.StarredElement)]
        elif isinstance(operator, (cst.Equal, cst.NotEqual)):
            members = [right, node.left]
        else:
            return
        named = [(m, read) for m in members if (read := named_model(self.ctx, m)) is not None]
        serves = self.ctx.rules.openai.serves
        if not named or any(serves(string_value(m) or "") for m in members):
            return  # a list also holding OpenAI models written out: ML205's, which widens it
        held = {read[0] for _, read in named} | {
            text for m in members if (text := string_value(m)) is not None
        }
        used = self._used()
        found = [
            (member, source, target, other, shown, short)
            for member, (source, target) in named
            for shown, short, other in used.get(target, ())
            if other not in held
        ]
        if not found:
            return
        member, source, target, other, shown, short = found[0]
        provider = self.ctx.rules.provider
        assert provider is not None
        name = self.snippet(member)
        self.report(
            node,
            f"`{self.snippet(node)}` tells OpenAI models apart that {provider.name} serves as "
            f"one: {name} ({source!r}) maps to {target!r}, as {shown} does, which the test "
            f"leaves out, so once mapped a program on {short} is taken there for {name}; map "
            f"them apart (`--model {source}=<another model>`) or change the test, by hand",
            data={"model_from": source, "model_to": target, "also_from": other},
        )

    def _used(self) -> dict[str, list[tuple[str, str, str]]]:
        """The models the module names, by what the mapping makes them, in the order of the
        text, as (how a message shows it, shorter, the OpenAI model): its constants naming
        models (`named_model`), the OpenAI models it writes as strings (`"gpt-3.5-turbo"`, a
        default ML204 maps) and, written as it is, a model of the provider's (what ML204 wrote
        there)."""
        known = self.ctx.analyses.get(ModelsMerged)
        if known is None:
            rules = self.ctx.rules
            table: dict[str, list[tuple[str, str, str]]] = {}
            for node in self.ctx.nodes:
                kind = type(node)
                if kind in (cst.Name, cst.Attribute):
                    model = named_model(self.ctx, cast(cst.BaseExpression, node))
                    if model is None:
                        continue
                    label = self.snippet(node)
                    entry = (f"{label} ({model[0]!r})", label, model[0])
                elif kind is cst.SimpleString:
                    text = string_value(cast(cst.SimpleString, node))
                    if not text or not MODEL_ID.match(text):
                        continue
                    mapped = rules.map_model(text) if rules.openai.serves(text) else None
                    model = (text, mapped or text)
                    shown = repr(text) if mapped else f"{text!r}, written in the module,"
                    entry = (shown, repr(text), text)
                else:
                    continue
                labels = table.setdefault(model[1], [])
                if entry not in labels:
                    labels.append(entry)
            known = self.ctx.analyses[ModelsMerged] = table
        return cast("dict[str, list[tuple[str, str, str]]]", known)

    def visit_Dict(self, node: cst.Dict) -> None:
        if not self._switching():
            return
        seen: dict[str, tuple[cst.BaseExpression, str]] = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            found = named_model(self.ctx, element.key)
            if found is None:
                continue
            source, target = found
            first = seen.setdefault(target, (element.key, source))
            if first[1] == source:
                continue
            provider = self.ctx.rules.provider
            assert provider is not None
            self.report(
                element.key,
                f"the keys {self.snippet(first[0])} ({first[1]!r}) and "
                f"{self.snippet(element.key)} ({source!r}) of this dict both map to {target!r} "
                f"on {provider.name}: once mapped, the later entry replaces the earlier; map "
                f"them apart (`--model {source}=<another model>`) or merge the entries, by hand",
                data={"model_from": source, "model_to": target, "also_from": first[1]},
            )
            return

    def _switching(self) -> bool:
        provider = self.ctx.rules.provider
        return self.ctx.rules.switching and provider is not None and not provider.passthrough_models


MODEL_MERGE_RULES = (ModelsMerged,)
