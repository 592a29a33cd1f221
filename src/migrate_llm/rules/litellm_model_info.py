"""ML643: litellm's lookups of a model in its own map, given a model apply moves."""

from __future__ import annotations

from typing import Any

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import python_literal
from migrate_llm.rules.compat import fact_unconfirmed
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.framework_litellm import openai_model
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python import DeferredRule

# the provider file's facts the entry to register is made of
_FACTS = ("frameworks.context_window", "supports.tools", "supports.vision")
_HEAD = 'import litellm\n\nMODEL = "gpt-4o"\n\n\n'


class LitellmModelInfo(DeferredRule):
    """litellm's lookup of a model in its own map, given a model apply moves to the provider.

    ## What it does
    With `--provider P` (not `openai`), finds calls of litellm's lookups in its own map of
    models (`get_model_info`, `supports_function_calling`, `supports_vision` and the other
    `supports_*`: `MODEL_INFO_CALLS` of `migrate_llm.frameworks.litellm`) whose model may be
    (`model_values`: a constant, a default, `self.X`, what the module's calls pass) an OpenAI
    model that apply maps (not one written in the lookup itself, which asks about OpenAI's
    model on purpose), or the provider's model, bare or on its litellm route (as apply wrote
    it), in a module that does not call `litellm.register_model(...)`.

    ## Why
    litellm answers from a map of models shipped with each release: a release older than the
    provider's model does not know it (litellm 1.83.0 and `deepseek/deepseek-v4-pro`).
    `get_model_info` then raises ("This model isn't mapped yet") and the `supports_*`
    functions answer False, so a program that sizes its context or picks tools and images by
    them fails, or runs on with tools and images off and a guessed context window
    (open-interpreter fell back to 8000 tokens, text only). `check` passed on it.

    ## Fix (manual)
    Register the model before the lookups with what the provider file states (`[frameworks]
    context_window`, `[supports] tools`, the `vision` tier's model for images):
    `litellm.register_model({"deepseek/deepseek-v4-pro": {"litellm_provider": "deepseek",
    "mode": "chat", "max_input_tokens": 1000000, "supports_function_calling": True,
    "supports_vision": False}})` (for a provider without a litellm route, under the name the
    program passes), or give the program those values itself. A warning before and after
    apply, until the module registers a model.

    ## Data
    `models` (what litellm is asked about once migrated), `model_from` (the OpenAI models
    they come from, where apply maps them), `register` (model -> the entry to register).
    """

    code = "ML643"
    name = "litellm-model-info"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            _HEAD + "def window():\n    return litellm.get_model_info(MODEL)['max_input_tokens']\n",
            provider="deepseek",
            message="litellm.get_model_info() looks up `MODEL` (gpt-4o, which apply maps to "
            "deepseek-v4-pro) in litellm's own map of models, which a litellm release may not "
            "know: then it raises (\"This model isn't mapped yet\"); DeepSeek's file gives "
            "deepseek-v4-pro a context window of 1000000 tokens, tools, no images: register it "
            'before the lookup, litellm.register_model({"deepseek/deepseek-v4-pro": '
            '{"litellm_provider": "deepseek", "mode": "chat", "max_input_tokens": 1000000, '
            '"supports_function_calling": True, "supports_vision": False}}), or give the '
            "program those values itself, by hand",
        ),
        Example(
            'import litellm\n\nMODEL = "deepseek/deepseek-flash"\n\n\n'
            "def sees():\n    return litellm.supports_vision(model=MODEL)\n",
            provider="deepseek",
            message="litellm.supports_vision() looks up `MODEL` (deepseek/deepseek-flash) in "
            "litellm's own map of models, which a litellm release may not know: then it answers "
            "False; DeepSeek's file gives deepseek-flash a context window of 1000000 tokens, "
            "tools, images: register it before the lookup, litellm.register_model("
            '{"deepseek/deepseek-flash": {"litellm_provider": "deepseek", "mode": "chat", '
            '"max_input_tokens": 1000000, "supports_function_calling": True, '
            '"supports_vision": True}}), or give the program those values itself, by hand',
        ),
        Example(
            'import litellm\n\nlitellm.supports_function_calling("gpt-4o")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            _HEAD + "litellm.register_model({})\nlitellm.supports_function_calling(MODEL)\n",
            provider="deepseek",
            finds=False,
        ),
        Example(_HEAD + "litellm.supports_function_calling(MODEL)\n", finds=False),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.registers = False
        self.lookups: list[tuple[cst.Call, str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching:
            return
        function = self.ctx.callee(node)
        if qualified(self.ctx, function, fw.REGISTER_MODEL) is not None:
            self.registers = True
        name = qualified(self.ctx, function, fw.MODEL_INFO_CALLS)
        if name is not None:
            self.lookups.append((node, name))

    def finish(self) -> None:
        if not self.registers:
            for node, name in self.lookups:
                self._check(node, name)
        self.lookups = []

    def _check(self, node: cst.Call, name: str) -> None:
        arg = argument(node, *fw.MODEL_INFO_MODEL)
        provider = self.provider
        if arg is None or provider is None:
            return
        route = provider.frameworks.get("litellm_prefix")
        asked: dict[str, str] = {}  # the provider's model -> what the value is
        sources: list[str] = []
        for literal, value in model_values(self.ctx, arg.value):
            found = self._asked(value, provider, own=literal is arg.value)
            if found is not None:
                model, source = found
                label = f"{source}, which apply maps to {model}" if source else value
                asked.setdefault(model, label)
                sources += [source] if source and source not in sources else []
        if not asked:
            return
        # litellm knows a provider's model by its route name (`deepseek/deepseek-v4-pro`)
        entries = {
            f"{route}/{m}" if isinstance(route, str) else m: _entry(provider, m, route)
            for m in asked
        }
        facts = "; ".join(_facts(provider, m) for m in asked)
        if isinstance(route, str):
            how = f"litellm.register_model({python_literal(entries)})"
        else:
            how = "with litellm.register_model() under the name the program passes, with them"
        them = "it" if len(asked) == 1 else "them"
        unconfirmed = "".join(fact_unconfirmed(provider, path) for path in _FACTS)
        self.report(
            node.func,
            f"litellm.{name.rsplit('.', 1)[1]}() looks up `{self.ctx.code(arg.value)}` "
            f"({' or '.join(asked.values())}) in litellm's own map of models, which a litellm "
            f"release may not know: then it {fw.MODEL_INFO_CALLS[name]}; {provider.name}'s file "
            f"gives {facts}{unconfirmed}: register {them} before the lookup, {how}, or give the "
            "program those values itself, by hand",
            data={"models": list(entries), "model_from": sources, "register": entries},
        )

    def _asked(self, value: str, provider: Provider, own: bool) -> tuple[str, str | None] | None:
        """(the provider's model, the OpenAI model it comes from) for a model literal the
        lookup may be given: an OpenAI model the table maps (not written in the lookup itself,
        which asks about OpenAI's on purpose), or the provider's, bare or on its route."""
        head, model = fw.route(value)
        if openai_model(self.ctx, value, True) is not None:
            target = self.ctx.rules.map_model(model)
            return (target, model) if target is not None and not own else None
        if head in ("", provider.frameworks.get("litellm_prefix")) and provider.serves(model):
            return model, None
        return None


def _entry(provider: Provider, model: str, route: object) -> dict[str, Any]:
    """What to register for `model`: the facts the provider file states."""
    entry: dict[str, Any] = {"litellm_provider": route if isinstance(route, str) else "openai"}
    entry["mode"] = "chat"
    window = provider.frameworks.get("context_window")
    if isinstance(window, int):
        entry["max_input_tokens"] = window
    tools = provider.supports.get("tools")
    if isinstance(tools, bool):
        entry["supports_function_calling"] = tools
    images = _images(provider, model)
    if images is not None:
        entry["supports_vision"] = images
    return entry


def _images(provider: Provider, model: str) -> bool | None:
    """Whether `model` reads images, as the provider file says: the `vision` tier's model
    does; where the provider reads none or only some models do, the others do not."""
    if model == provider.image_model():
        return True
    vision = provider.supports.get("vision")
    return False if vision is False or vision == "partial" else None


def _facts(provider: Provider, model: str) -> str:
    """`deepseek-v4-pro a context window of 1000000 tokens, tools, no images`."""
    entry = _entry(provider, model, None)
    parts = []
    if "max_input_tokens" in entry:
        parts.append(f"a context window of {entry['max_input_tokens']} tokens")
    if "supports_function_calling" in entry:
        parts.append("tools" if entry["supports_function_calling"] else "no tools")
    if "supports_vision" in entry:
        parts.append("images" if entry["supports_vision"] else "no images")
    return f"{model} {', '.join(parts)}" if parts else f"{model} no capabilities"


LITELLM_MODEL_INFO_RULES = (LitellmModelInfo,)
