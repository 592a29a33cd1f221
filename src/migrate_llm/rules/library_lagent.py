"""lagent (`migrate_llm.frameworks.lagent`): ML697, a `model_type` that lagent's GPTAPI
builds no request for, given to the class or to a `dict(type=GPTAPI, ...)` config."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import libcst as cst

from migrate_llm.frameworks import lagent as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.config_common import points_at_openai
from migrate_llm.rules.framework_args import argument, passes_mapping, qualified
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value


class _Site(NamedTuple):
    """A model given to lagent's class: its literal, value, how it is reached (`literal`,
    `constant NAME`...), the class's short name and whether it is a config's entry."""

    node: cst.BaseExpression
    value: str
    how: str
    label: str
    config: bool


def _lagent_class(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The qualified name of lagent's class `expr` names (also as a dotted string, which
    `create_object` imports), or None."""
    text = string_value(expr)
    if text is not None:
        return text if text in fw.CLASSES else None
    return qualified(ctx, expr, fw.CLASSES)


def _lagent_call(ctx: PythonContext, call: cst.Call) -> tuple[str, bool] | None:
    """The qualified name of lagent's class `call` builds, and whether it does so as a
    config `dict(type=GPTAPI, ...)` that `create_object` builds it from; None for any other."""
    if not ctx.mentions(fw.PACKAGE):
        return None
    name = _lagent_class(ctx, call.func)
    if name is not None:
        return name, False
    if isinstance(call.func, cst.Name) and call.func.value == "dict":
        kind = keyword(call, fw.CONFIG_TYPE_KEY)
        name = _lagent_class(ctx, kind.value) if kind is not None else None
        return (name, True) if name is not None else None
    return None


def model_site(ctx: PythonContext, call: cst.Call) -> _Site | None:
    """The model literal given to lagent's GPTAPI by `call`: `GPTAPI(model_type=...)`, or a
    config `dict(type=GPTAPI, model_type=...)` that `create_object` builds it from."""
    found = _lagent_call(ctx, call)
    if found is None:
        return None
    name, config = found
    if config:
        arg = keyword(call, fw.MODEL_KEYWORD)
    else:
        arg = argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if resolved is None:
        return None
    node, value, how = resolved
    return _Site(node, value, how, name.rpartition(".")[2], config)


def _url_argument(call: cst.Call) -> cst.Arg | None:
    """The URL keyword (`api_base`, v0.1's `openai_api_base`) given to lagent's class."""
    return next((a for k in fw.URL_KEYWORDS if (a := keyword(call, k)) is not None), None)


def default_url_key(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> str | None:
    """The short name of lagent's class where `arg` is the key given to it (or to its
    config) with no URL, so that it posts the key to `fw.DEFAULT_URL` (OpenAI's); None
    where the call may give a URL (`**kwargs`, more positional arguments than the key's)."""
    found = _lagent_call(ctx, call)
    if found is None or passes_mapping(call) or _url_argument(call) is not None:
        return None
    name, config = found
    positional = sum(1 for a in call.args if a.keyword is None)
    if (config and positional) or positional > fw.KEY_POSITION + 1:
        return None
    key = argument(call, fw.KEY_KEYWORD, None if config else fw.KEY_POSITION)
    return name.rpartition(".")[2] if key is arg else None


def own_server(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether lagent's class `call` (or its config) is given a URL written as a literal
    (or a constant) that is not on OpenAI's host: the user's own server, whose model apply
    does not know (ML206 as for any other library, not ML697)."""
    url = _url_argument(call)
    resolved = ctx.resolve_literal(url.value) if url is not None else None
    return resolved is not None and not points_at_openai(ctx.rules, resolved[1])


def _sent(ctx: PythonContext, value: str) -> str | None:
    """The model lagent would be given once applied: `value` itself, or the provider's model
    the table maps an OpenAI model to (None where apply maps none, or keeps OpenAI)."""
    if not ctx.rules.openai.serves(value):
        return value
    if not ctx.rules.switching:
        return None
    return ctx.rules.map_model(value)


def lagent_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal of lagent's GPTAPI that ML697 reports, as lagent refuses what it
    is or maps to: ML204-ML206 leave it (no edit, no advice to write the refused name)."""
    site = model_site(ctx, call)
    sent = _sent(ctx, site.value) if site is not None and not own_server(ctx, call) else None
    if site is not None and sent is not None and not fw.accepts(sent):
        yield site.node


class LagentModelType(PythonRule):
    """A model name lagent's GPTAPI builds no request for.

    ## What it does
    Finds the `model_type` of lagent's `GPTAPI` / `AsyncGPTAPI` (`frameworks/lagent.py`),
    given to the class (`GPTAPI(model_type="gpt-4o-mini")`, or first) or as the entry of a
    config `dict(type=GPTAPI, model_type=...)` that lagent's `create_object` builds it from
    (InternLM/MindSearch's `mindsearch/agent/models.py`), as a literal or a constant, where
    the name is one lagent refuses: an OpenAI model whose mapping for the provider does not
    start with `gpt`, `internlm` or `qwen` (Zhipu's `glm-4-air-250414`), or such a name
    written there (by hand, or by an earlier apply). Not where the class or config is given a
    URL written there that is not OpenAI's (`api_base="http://127.0.0.1:8000/v1/..."`, a
    server of the user's own, whose models are not known): ML206's warning, as for any
    other library.

    ## Why
    From lagent 0.2.4 (checked through 0.5.0rc3) `GPTAPI.generate_request_data` builds a
    request body only for a `model_type` whose lowercased name starts with `gpt`, `internlm`
    or `qwen`, and raises `NotImplementedError: Model type ... is not supported` for any
    other before a request is sent (t66c: MindSearch's GPTAPI config mapped to
    `glm-4-air-250414` sent nothing while `check` was green). A mapping that starts so
    (Qwen's `qwen-plus`) is left to ML204 (the config's entry, review) or ML206 (the class's
    argument, manual).

    ## Fix (manual)
    `apply` leaves the name (ML204 makes no edit there, ML206 gives no such advice): subclass
    GPTAPI and override `generate_request_data` to send the provider's model in the OpenAI
    chat body (`{"model": model_type, "messages": messages, **gen_params}`) and use that
    class in the config, or give it one of the provider's models whose name lagent accepts,
    where it has one.

    ## Data
    `model`, `model_from` / `model_to` (an OpenAI model and what it maps to), `class`,
    `accepted_starts`.
    """

    code = "ML697"
    name = "lagent-model-type"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from lagent.llms import GPTAPI\nfrom lagent.utils import create_object\n\n"
            'llm = create_object(dict(type=GPTAPI, model_type="gpt-4o-mini", key="none"))\n',
            provider="zhipu",
            message="model_type='gpt-4o-mini' of the dict(type=GPTAPI) config maps to "
            "'glm-4-air-250414' on Zhipu AI (GLM), a name lagent refuses: GPTAPI builds a "
            "request only for a model_type starting with gpt, internlm or qwen (lagent 0.2.4 "
            "to 0.5.0rc3, lagent/llms/openai.py, GPTAPI.generate_request_data) and raises "
            "NotImplementedError for any other before sending one, so apply leaves it: "
            "subclass GPTAPI and override generate_request_data to send that model in the "
            'OpenAI chat body ({"model": model_type, "messages": messages, **gen_params}), '
            "or give it a model lagent accepts (none of Zhipu AI (GLM)'s models starts so), "
            "by hand",
        ),
        Example(
            'from lagent.llms import GPTAPI\n\nllm = GPTAPI(model_type="glm-4-air-250414")\n',
            provider="zhipu",
            message="model_type='glm-4-air-250414' of GPTAPI(), a name lagent refuses: GPTAPI "
            "builds a request only for a model_type starting with gpt, internlm or qwen "
            "(lagent 0.2.4 to 0.5.0rc3, lagent/llms/openai.py, GPTAPI.generate_request_data) "
            "and raises NotImplementedError for any other before sending one: subclass GPTAPI "
            "and override generate_request_data to send that model in the OpenAI chat body "
            '({"model": model_type, "messages": messages, **gen_params}), or give it a model '
            "lagent accepts (none of Zhipu AI (GLM)'s models starts so), by hand",
        ),
        # Qwen's models start with qwen: ML204 maps the entry
        Example(
            'from lagent.llms import GPTAPI\n\ncfg = dict(type=GPTAPI, model_type="gpt-4o-mini")\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            'from lagent.llms import GPTAPI\n\nllm = GPTAPI(model_type="internlm2.5-latest")\n',
            provider="zhipu",
            finds=False,
        ),
        # pointed at the user's own server, whose models apply does not know: ML206's
        Example(
            "from lagent.llms import GPTAPI\n\n"
            'cfg = dict(\n    type=GPTAPI,\n    model_type="gpt-4o-mini",\n'
            '    api_base="http://127.0.0.1:8000/v1/chat/completions",\n)\n',
            provider="zhipu",
            finds=False,
        ),
        Example(
            "from lagent.llms import GPTAPI\n\nllm = GPTAPI(\n"
            '    model_type="gpt-4o-mini", openai_api_base="http://localhost:23333/v1/chat"\n)\n',
            provider="zhipu",
            finds=False,
        ),
        # another library's class given the same keyword
        Example(
            'from camel.types import ModelType\n\ncfg = dict(type=Other, model_type="glm-4")\n',
            provider="zhipu",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._seen: set[int] = set()  # the literals reported (a constant given twice)

    def visit_Call(self, node: cst.Call) -> None:
        site = model_site(self.ctx, node)
        if site is None or id(site.node) in self._seen or own_server(self.ctx, node):
            return
        sent = _sent(self.ctx, site.value)
        if sent is None or fw.accepts(sent):
            return
        self._seen.add(id(site.node))
        where = f"the dict(type={site.label}) config" if site.config else f"{site.label}()"
        subject = f"{fw.MODEL_KEYWORD}={site.value!r} of {where}"
        if site.how != "literal":
            subject = f"{site.how} = {site.value!r} (the {fw.MODEL_KEYWORD} of {where})"
        data: dict[str, object] = {
            "model": site.value,
            "class": site.label,
            "accepted_starts": list(fw.ACCEPTED_STARTS),
        }
        provider = self.provider
        if sent != site.value:
            assert provider is not None
            data |= {"model_from": site.value, "model_to": sent}
            head = f"{subject} maps to {sent!r} on {provider.name}, a name lagent refuses"
            left = ", so apply leaves it"
        else:
            head, left = f"{subject}, a name lagent refuses", ""
        starts = ", ".join(fw.ACCEPTED_STARTS[:-1]) + f" or {fw.ACCEPTED_STARTS[-1]}"
        advice = "or give it a model lagent accepts"
        if provider is not None:
            taken = [m for m in provider.candidates() if fw.accepts(m)]
            advice += (
                f" ({provider.name}'s: {', '.join(taken)})"
                if taken
                else f" (none of {provider.name}'s models starts so)"
            )
        self.report(
            site.node,
            f"{head}: {site.label} builds a request only for a {fw.MODEL_KEYWORD} starting with "
            f"{starts} ({fw.LABEL} {fw.REFUSING_SINCE} to {fw.CHECKED}, {fw.SOURCE}, "
            f"{site.label}.generate_request_data) and raises "
            f"NotImplementedError for any other before sending one{left}: subclass "
            f"{site.label} and override generate_request_data to send that model in the "
            'OpenAI chat body ({"model": model_type, "messages": messages, **gen_params}), '
            f"{advice}, by hand",
            data=data,
        )


LAGENT_RULES = (LagentModelType,)
