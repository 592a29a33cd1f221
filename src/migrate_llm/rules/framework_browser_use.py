"""ML687: browser-use's own OpenAI and Azure OpenAI chat classes, and its DeepSeek class left on
its defaults. What browser-use looks like is in `migrate_llm.frameworks.browser_use`.
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import browser_use as bu
from migrate_llm.model import FixClass, Severity
from migrate_llm.openai_sdk import STRUCTURED_TYPE
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, passes_mapping, qualified
from migrate_llm.rules.framework_classes import (
    Plan,
    azure_literals,
    framework_class,
    key_left_to_person,
    model_instead,
    reports_azure,
)
from migrate_llm.rules.framework_langchain import FrameworkClassRule
from migrate_llm.rules.python_context import PythonContext, keyword

OPENAI_KEY = "OPENAI_API_KEY"  # what a class given no `api_key=` reads (through the SDK)
_OUTPUTS = "structured outputs (response_format json_schema)"
_TAKES_OUTPUTS: dict[bool | str, str] = {
    False: f"has no {_OUTPUTS}",
    "partial": f"takes {_OUTPUTS} on some models only",
    "unknown": f"is not known to take {_OUTPUTS}",
}


def vision_agents(ctx: PythonContext) -> dict[int, cst.Call]:
    """By id of a chat class construction: the browser-use `Agent(...)` it is given to as
    `llm` (in the call, or through a name bound once) without `use_vision=False`, which sends
    it screenshots; computed once per module."""
    found = ctx.analyses.get(vision_agents)
    if found is not None:
        return cast("dict[int, cst.Call]", found)
    agents: dict[int, cst.Call] = {}
    for node in ctx.nodes:
        if type(node) is not cst.Call or qualified(ctx, node.func, bu.AGENT_CLASSES) is None:
            continue
        vision = keyword(node, bu.USE_VISION)
        if (
            vision is not None
            and isinstance(vision.value, cst.Name)
            and vision.value.value == "False"
        ):
            continue
        llm = argument(node, bu.AGENT_LLM, bu.AGENT_LLM_POSITION)
        value = llm.value if llm is not None else None
        if isinstance(value, cst.Name):
            value = ctx.bound_value(value)
        if isinstance(value, cst.Call):
            agents[id(value)] = node
    ctx.analyses[vision_agents] = agents
    return agents


class BrowserUseOpenAI(FrameworkClassRule):
    """browser-use's `ChatOpenAI` and `ChatAzureOpenAI`, and its `ChatDeepSeek` on its defaults.

    ## What it does
    Finds constructions of browser-use's own `ChatOpenAI` (`from browser_use import
    ChatOpenAI`, `browser_use.llm`, `browser_use.llm.openai.chat`; not LangChain's) and
    `ChatAzureOpenAI` (also `browser_use.llm.azure.chat`), by qualified name, and of its
    `ChatDeepSeek` given no `api_key=` or no `model=`. A `ChatOpenAI` given a `base_url=` of
    another host is a note and left alone; one pointed at the provider that reads
    OPENAI_API_KEY (no `api_key=`) gets it, as ML601 does, and one that would send the
    provider a json_schema it refuses is reported. `ChatAzureOpenAI` is left alone when the
    target is Azure OpenAI.

    ## Why
    `ChatOpenAI` wraps the SDK's `AsyncOpenAI`: without `base_url=` it talks to OpenAI
    (OPENAI_BASE_URL, else api.openai.com), with `api_key=` or OPENAI_API_KEY, whatever the
    model is called. Its structured output sends a strict json_schema `response_format`
    unless given `dont_force_structured_output=True`. `ChatAzureOpenAI` builds
    `AsyncAzureOpenAI` (AZURE_OPENAI_KEY, AZURE_OPENAI_ENDPOINT...) whatever it is given.
    `ChatDeepSeek()` sends `deepseek-chat`, which DeepSeek retired, and without `api_key=` the
    SDK sends OPENAI_API_KEY to api.deepseek.com. An `Agent(llm=...)` sends the model
    screenshots unless given `use_vision=False`.

    ## Fix (review)
    `apply` points `ChatOpenAI(...)` at the provider: `api_key=` the provider's key
    variable, `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, the model
    mapped, `organization=` / `project=` dropped. A model given to an `Agent` without
    `use_vision=False` becomes the provider's model for images (`[tiers] vision`). Where the
    provider's `[params] response_format` lacks json_schema, it also gets
    `add_schema_to_system_prompt=True` and `dont_force_structured_output=True` (the schema in
    the prompt, no `response_format` sent); where the code gives either setting otherwise
    (or may, through `**mapping`), both are left to you, also once it points at the provider.
    Elsewhere, where `[supports] structured_outputs` is not true, only
    `add_schema_to_system_prompt=True`: the schema in the prompt is what such a provider
    follows. Left for you (manual, so `check` fails): the provider's key without `base_url=`
    (it would go to OpenAI), another key (an OpenAI key must not go to the provider), each
    `ChatDeepSeek` default (pass `api_key=` DeepSeek's key; a model DeepSeek serves), and
    `ChatAzureOpenAI` (the message gives the `ChatOpenAI(...)` to build instead, its model
    mapped where written in the call). browser-use also sends `frequency_penalty=0.3` and
    `max_completion_tokens=4096` unless set to None; neither is checked against the provider.

    ## Data
    `framework` ("browser_use"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to`, `vision` (true where an `Agent` sends it screenshots); a retired default
    model: `model_from`, `replacement`, `retired_on`.
    """

    code = "ML687"
    name = "browser-use-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = bu.CLASSES
    label = bu.LABEL
    examples = (
        Example(
            "from browser_use import ChatOpenAI\n\nllm = ChatOpenAI(model='gpt-4.1-mini')\n",
            message="ChatOpenAI() (browser-use) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from browser_use import Agent, ChatOpenAI\n\n"
            "llm = ChatOpenAI(model='gpt-4.1')\n"
            "agent = Agent(task='t', llm=llm)\n",
            provider="deepseek",
            message="ChatOpenAI() (browser-use) talks to OpenAI (key from OPENAI_API_KEY); for "
            "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from "
            "DEEPSEEK_BASE_URL (default https://api.deepseek.com); model 'gpt-4.1' -> "
            "'deepseek-flash'; the Agent on line 4 sends it screenshots (no use_vision=False): "
            "'deepseek-flash' is DeepSeek's model for images; add_schema_to_system_prompt=True "
            'and dont_force_structured_output=True: response_format type "json_schema" is not '
            "accepted by DeepSeek (accepted: text, json_object), so the schema goes in the "
            "system prompt and no response_format is sent",
            after="import os\n\n"
            "from browser_use import Agent, ChatOpenAI\n\n"
            "llm = ChatOpenAI(\n"
            '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
            "    add_schema_to_system_prompt=True,\n"
            "    dont_force_structured_output=True,\n"
            "    model='deepseek-flash',\n"
            ")\n"
            "agent = Agent(task='t', llm=llm)\n",
        ),
        Example(
            "import os\n\nfrom browser_use import ChatOpenAI\n\n"
            "llm = ChatOpenAI(model='acme-large', api_key=os.getenv('ACME_API_KEY'))\n",
            provider="acme",
            message="ChatOpenAI() (browser-use) talks to OpenAI (key from ACME_API_KEY); "
            "without base_url= it sends that key to OpenAI: pass "
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")',
        ),
        Example(
            "from browser_use import ChatAzureOpenAI\n\n"
            "llm = ChatAzureOpenAI(model='gpt-4o-mini')\n",
            provider="acme",
            message="ChatAzureOpenAI() (browser-use) talks to Azure OpenAI; for Acme Cloud build "
            'ChatOpenAI(model="acme-small", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "add_schema_to_system_prompt=True, dont_force_structured_output=True) (from "
            "browser_use import ChatOpenAI) instead, without the Azure settings, by hand",
        ),
        Example(
            "from browser_use import ChatDeepSeek\n\nllm = ChatDeepSeek()\n",
            provider="deepseek",
            message="ChatDeepSeek() (browser-use) is given no api_key: the OpenAI SDK then "
            "reads OPENAI_API_KEY and sends it to DeepSeek (https://api.deepseek.com/v1); "
            'pass api_key=os.environ["DEEPSEEK_API_KEY"], by hand',
        ),
        Example(
            "from browser_use import ChatOpenAI\n\n"
            "llm = ChatOpenAI(model='qwen2', base_url='http://localhost:8000/v1')\n",
            provider="acme",
            message="ChatOpenAI() (browser-use) points at http://localhost:8000/v1, not "
            "OpenAI; left as it is",
        ),
        Example(
            "class ChatOpenAI:\n    pass\n\n\nllm = ChatOpenAI(model='gpt-4o')\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = self.active and ctx.mentions("browser_use")
        self.agent: cst.Call | None = None  # the Agent sending screenshots to the class migrated
        # the settings that keep a strict json_schema away from a provider refusing it, which
        # the code gives otherwise (or may, through `**mapping`): left to a person
        self.schema_by_hand: tuple[str, ...] = ()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        if framework_class(self.ctx, node.func, self.table, self.names) is not None:
            super().visit_Call(node)
        elif qualified(self.ctx, node.func, bu.DEEPSEEK_CLASSES) is not None:
            self.deepseek_defaults(node)
        elif reports_azure(self.ctx, node, bu.AZURE_CLASSES):
            self.azure_class(node)

    # --- ChatOpenAI ------------------------------------------------------------------------

    def sends_images(self, node: cst.Call) -> bool:
        return id(node) in vision_agents(self.ctx)

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        left = key_left_to_person(self.ctx, node, cls)
        if left:
            data = {"framework": cls.framework, "class": cls.name}
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
            return
        super().migrate(node, qualname, cls, head)

    def adjust(self, node, qualname, cls: FrameworkClass, p: Plan, data) -> None:
        provider = self.provider
        assert provider is not None
        self.agent = vision_agents(self.ctx).get(id(node))
        if self.agent is not None:
            data["vision"] = True
        self.schema_by_hand = ()
        if refused_schema(provider) is not None:
            # both settings, or neither: the schema must be in the prompt once no
            # response_format carries it
            missing = unset_schema_settings(node)
            if passes_mapping(node) or any(keyword(node, n) is not None for n in missing):
                self.schema_by_hand = missing
            else:
                p.set_args.update(dict.fromkeys(missing, "True"))
        elif provider.support("structured_outputs") is not True and (
            keyword(node, bu.SCHEMA_IN_PROMPT) is None and not passes_mapping(node)
        ):
            p.set_args[bu.SCHEMA_IN_PROMPT] = "True"

    def extra(self, cls: FrameworkClass, p: Plan, data: dict[str, object]) -> str:
        provider = self.provider
        assert provider is not None
        said = "" if self.agent is None else f"; {self.vision(p)}"
        added = [name for name in bu.SCHEMA_SETTINGS if name in p.set_args]
        if self.schema_by_hand:
            said += f"; {schema_advice(provider, self.schema_by_hand)}, by hand"
        elif added and refused_schema(provider) is not None:
            said += (
                f"; {_and(added)}: {refusal(provider)}, so the schema goes in the system "
                "prompt and no response_format is sent"
            )
        elif added:
            support = provider.support("structured_outputs")
            takes = _TAKES_OUTPUTS.get(support, _TAKES_OUTPUTS["unknown"])
            said += (
                f"; {bu.SCHEMA_IN_PROMPT}=True: {provider.name} {takes}, so the schema also "
                "goes in the system prompt"
            )
        return said

    def left_on_target(self, node: cst.Call, cls: FrameworkClass, owner: Provider) -> str:
        said = super().left_on_target(node, cls, owner)
        missing = unset_schema_settings(node)
        if refused_schema(owner) is None or not missing or passes_mapping(node):
            return said
        advice = schema_advice(owner, missing)
        return f"{said}; {advice}" if said else advice

    def vision(self, p: Plan) -> str:
        """What is said of the model of a class an Agent sends screenshots to."""
        provider = self.provider
        assert provider is not None and self.agent is not None
        where = self.ctx.line_label(self.ctx.position(self.agent)[0][0])
        sends = f"the Agent on {where} sends it screenshots (no {bu.USE_VISION}=False)"
        image = provider.image_model()
        sent = p.model_to
        if sent is None and p.model_from is not None and provider.serves(p.model_from):
            sent = p.model_from
        if image is None:
            return (
                f"{sends}, and {provider.name} names no model for images: pass "
                f"{bu.USE_VISION}=False there, or a model that takes images, by hand"
            )
        if sent == image:
            return f"{sends}: {image!r} is {provider.name}'s model for images"
        if sent is None:
            return f"{sends}: make sure its model takes images ({image!r} does)"
        return (
            f"{sends}, and {sent!r} may read text only: pass {bu.MODEL}={image!r} "
            f"({provider.name}'s model for images) or {bu.USE_VISION}=False there, by hand"
        )

    def base_url(self) -> str:
        assert self.provider is not None and self.ctx.rules.base_url is not None
        return base_url_expr(self.provider, self.ctx.rules.base_url)

    # --- ChatDeepSeek ----------------------------------------------------------------------

    def deepseek_defaults(self, node: cst.Call) -> None:
        """`ChatDeepSeek(...)` given no key (the SDK sends OPENAI_API_KEY to its base URL) or no
        model (its default, retired by DeepSeek)."""
        if passes_mapping(node):
            return
        head = f"{bu.DEEPSEEK_NAME}() ({bu.LABEL})"
        registry = self.ctx.rules.registry
        deepseek = registry.providers.get(bu.DEEPSEEK_PROVIDER)
        if keyword(node, bu.KEY) is None:
            given_url = keyword(node, bu.BASE_URL)
            where = (
                f"its {bu.BASE_URL} ({self.ctx.code(given_url.value)})"
                if given_url is not None
                else f"DeepSeek ({bu.DEEPSEEK_URL})"
            )
            # the variable is provider data: a registry without DeepSeek's file names none
            advice = (
                f'pass {bu.KEY}=os.environ["{deepseek.api_key_env}"]'
                if deepseek is not None
                else f"pass DeepSeek's key as {bu.KEY}="
            )
            provider = self.provider
            if provider is not None and provider.id != bu.DEEPSEEK_PROVIDER:
                advice += (
                    f" (DeepSeek's key), or to move it to {provider.name} use ChatOpenAI("
                    f'model="<model>", {bu.KEY}={key_expr(provider)}, '
                    f"{bu.BASE_URL}={self.base_url()}) (from browser_use import ChatOpenAI)"
                )
            self.report(
                node,
                f"{head} is given no {bu.KEY}: the OpenAI SDK then reads {OPENAI_KEY} and sends "
                f"it to {where}; {advice}, by hand",
                fix=FixClass.MANUAL,
                data={"framework": bu.FRAMEWORK, "class": bu.DEEPSEEK_NAME},
            )
        retirement = (
            deepseek.retirement(bu.DEEPSEEK_DEFAULT_MODEL) if deepseek is not None else None
        )
        if argument(node, bu.MODEL, 0) is None and retirement is not None:
            on = f" on {retirement.on.isoformat()}" if retirement.on else ""
            self.report(
                node.func,
                f"{head} is given no {bu.MODEL}, so it sends its default "
                f"{bu.DEEPSEEK_DEFAULT_MODEL!r}: DeepSeek retired it{on}, so requests for it "
                f"fail; {retirement.advice()}, by hand",
                fix=FixClass.MANUAL,
                data={
                    "framework": bu.FRAMEWORK,
                    "class": bu.DEEPSEEK_NAME,
                    **self.ctx.rules.retired_data(bu.DEEPSEEK_DEFAULT_MODEL, "", retirement),
                },
            )

    # --- ChatAzureOpenAI -------------------------------------------------------------------

    def azure_class(self, node: cst.Call) -> None:
        """`ChatAzureOpenAI(...)`: Azure OpenAI whatever it is given; what to build instead
        for the provider (browser-use's ChatOpenAI pointed there), left to a person."""
        head = f"{bu.AZURE_NAME}() ({bu.LABEL}) talks to Azure OpenAI"
        data: dict[str, object] = {"framework": bu.FRAMEWORK, "class": bu.AZURE_NAME}
        provider = self.provider
        if provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm scan --provider ID` says what to build instead",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        data |= {"api_key_env": provider.api_key_env, "base_url_env": provider.base_url_env}
        images = id(node) in vision_agents(self.ctx)
        model = model_instead(self.ctx, argument(node, bu.MODEL, 0), data, images)
        settings = [
            f'{bu.MODEL}="{model}"',
            f"{bu.KEY}={key_expr(provider)}",
            f"{bu.BASE_URL}={self.base_url()}",
        ]
        if refused_schema(provider) is not None:
            settings += [f"{name}=True" for name in bu.SCHEMA_SETTINGS]
        elif provider.support("structured_outputs") is not True:
            settings.append(f"{bu.SCHEMA_IN_PROMPT}=True")
        self.report(
            node,
            f"{head}; for {provider.name} build {bu.CHAT.name}({', '.join(settings)}) "
            f"({bu.CHAT_IMPORT}) instead, without the Azure settings, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )


def azure_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literal written in a `ChatAzureOpenAI(...)` ML687 reports: ML204-ML206 leave
    it."""
    if not ctx.mentions("browser_use"):
        return []
    return azure_literals(ctx, call, bu.AZURE_CLASSES, argument(call, bu.MODEL, 0))


def refused_schema(provider: Provider) -> list[str] | None:
    """The `response_format` types the provider accepts (`[params]`), where json_schema is
    not among them; None where it is, or the file does not say."""
    accepted = provider.params.get("response_format")
    return None if accepted is None or STRUCTURED_TYPE in accepted else list(accepted)


def refusal(provider: Provider) -> str:
    """That the provider refuses the strict json_schema browser-use sends, in ML111's words."""
    from migrate_llm.rules.compat import param_unconfirmed  # compat imports this module

    accepted = refused_schema(provider) or []
    return (
        f'response_format type "{STRUCTURED_TYPE}" is not accepted by {provider.name} '
        f"(accepted: {', '.join(accepted)}){param_unconfirmed(provider, 'response_format')}"
    )


def unset_schema_settings(call: cst.Call) -> tuple[str, ...]:
    """Of the two settings keeping json_schema from the provider, those `call` does not give
    as `True`."""
    return tuple(
        name
        for name in bu.SCHEMA_SETTINGS
        if not (
            (arg := keyword(call, name)) is not None
            and isinstance(arg.value, cst.Name)
            and arg.value.value == "True"
        )
    )


def schema_advice(provider: Provider, missing: tuple[str, ...]) -> str:
    """What to pass so that structured output reaches a provider refusing json_schema."""
    return (
        f"{refusal(provider)}, which browser-use sends for structured output: pass {_and(missing)}"
    )


def _and(names: list[str] | tuple[str, ...]) -> str:
    return " and ".join(f"{name}=True" for name in names)


BROWSER_USE_RULES = (BrowserUseOpenAI,)
