"""ML694: pandasai-openai's `OpenAI` and `AzureOpenAI` (`migrate_llm.frameworks.pandasai`),
which no argument points at a provider; pandasai-litellm's `LiteLLM` is ML640's."""

from __future__ import annotations

import os
from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks import pandasai as fw
from migrate_llm.import_roots import project_holds_package
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr, literal
from migrate_llm.rules.framework_args import argument, dict_entries, qualified
from migrate_llm.rules.framework_litellm import chat_prefix, endpoint_kind, provider_url
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value

_CLASSES = fw.OPENAI_CLASSES | fw.AZURE_CLASSES


def pandasai_class(ctx: PythonContext, call: cst.Call) -> str | None:
    """The qualified name of pandasai-openai's class `call` builds (the published package, not
    the project's own package of that name, pandas-ai's tree, whose code the other rules
    migrate), or None."""
    if not ctx.mentions(fw.OPENAI_MODULE):
        return None
    name = qualified(ctx, call.func, _CLASSES)
    if name is None or project_module(ctx, call.func) is not None:
        return None
    own = ctx.path and project_holds_package(os.path.dirname(ctx.path), fw.OPENAI_MODULE)
    return None if own else name


def _model_value(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The `model=` the call is given: its keyword, or the entry of the dict display its
    keywords are spread from (`OpenAI(**CONFIG)`, `CONFIG = {...}` bound once)."""
    given = argument(call, fw.MODEL, None)
    if given is not None:
        return given.value
    for arg in call.args:
        if arg.star != "**":
            continue
        value: cst.BaseExpression | None = arg.value
        if isinstance(value, cst.Name):
            value = ctx.bound_value(value)
        entry = (dict_entries(value) or {}).get(fw.MODEL) if value is not None else None
        if entry is not None:
            return entry.value
    return None


def pandasai_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal given to a pandasai-openai class (as a keyword or through a spread
    dict): ML694 reports it with the call, ML204-ML206 leave it (a provider's model there
    raises UnsupportedModelError)."""
    if pandasai_class(ctx, call) is None:
        return
    value = _model_value(ctx, call)
    resolved = ctx.resolve_literal(value) if value is not None else None
    if resolved is not None:
        yield resolved[0]


class PandasAIOpenAI(PythonRule):
    """pandasai-openai's `OpenAI` and `AzureOpenAI`, which no argument points at a provider.

    ## What it does
    Finds constructions of pandas-ai's `OpenAI` (`from pandasai_openai import OpenAI`, the
    published package pandasai-openai, not a module of the project's own of that name) and
    `AzureOpenAI`, given no `api_base=` of a host other than OpenAI's or the provider's.

    ## Why
    `OpenAI(api_token=None, **kwargs)` sends its requests to `api_base=` or OPENAI_API_BASE,
    else api.openai.com, with `api_token=` or OPENAI_API_KEY; and it accepts only OpenAI's
    model ids (`_supported_chat_models`): given any other it raises `UnsupportedModelError`,
    given an OpenAI id with the provider's base URL it sends a model the provider does not
    serve. `AzureOpenAI` is Azure OpenAI's. pandasai-litellm's `LiteLLM(model, **kwargs)`
    hands its keywords to `litellm.completion` and reaches any OpenAI-compatible server.

    ## Fix (manual)
    `apply` leaves the class and its model (mapping the model alone would raise); the
    message gives the `LiteLLM(...)` to build instead (pandasai-litellm installed): the model on
    litellm's route to the provider (`openai/<provider model>` for one without a route of its
    own; the class's default `gpt-4.1-mini` mapped where none is given) with the provider's
    `api_base=` and `api_key=`, as ML640 writes them.
    A subclass extending `_supported_chat_models` with the provider's model, given `api_base=`
    and `api_token=` of the provider, works too. ML640 then moves such a `LiteLLM(...)` given
    an OpenAI model (`openai/gpt-4o-mini` or `gpt-4o-mini`).

    ## Data
    `framework` ("pandasai-openai"), `class`, `model_from` / `model_to`.
    """

    code = "ML694"
    name = "pandasai-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import pandasai as pai\nfrom pandasai_openai import OpenAI\n\n"
            'pai.config.set({"llm": OpenAI()})\n',
            provider="acme",
            message="OpenAI() (pandasai-openai) talks to OpenAI (OPENAI_API_BASE, else "
            "https://api.openai.com/v1) with api_token= or OPENAI_API_KEY, and takes only "
            "OpenAI's model ids (any other raises UnsupportedModelError), so no argument "
            'points it at Acme Cloud; build LiteLLM(model="acme/acme-large", '
            'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            'api_key=os.environ.get("ACME_API_KEY", "unset")) (from pandasai_litellm.litellm '
            "import LiteLLM; pandasai-litellm) instead, by hand",
        ),
        Example(
            "from pandasai_openai import OpenAI\n\n"
            'CONFIG = {"model": "gpt-4o", "temperature": 0}\n\n\n'
            "def make():\n    return OpenAI(**CONFIG)\n",
            provider="acme",
            message="OpenAI() (pandasai-openai) talks to OpenAI (OPENAI_API_BASE, else "
            "https://api.openai.com/v1) with api_token= or OPENAI_API_KEY, and takes only "
            "OpenAI's model ids (any other raises UnsupportedModelError), so no argument "
            'points it at Acme Cloud; build LiteLLM(model="acme/acme-large", '
            'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            'api_key=os.environ["ACME_API_KEY"]) (from pandasai_litellm.litellm import '
            "LiteLLM; pandasai-litellm) instead, with its other keywords, by hand",
        ),
        Example(
            "from pandasai_openai import AzureOpenAI\n\n"
            'llm = AzureOpenAI(api_token="x", azure_endpoint="https://r.openai.azure.com", '
            'deployment_name="gpt-4o")\n',
            provider="acme",
            message="AzureOpenAI() (pandasai-openai) talks to Azure OpenAI; build "
            'LiteLLM(model="acme/<Acme Cloud model>", api_base=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ.get('
            '"ACME_API_KEY", "unset")) (from pandasai_litellm.litellm import LiteLLM; '
            "pandasai-litellm) instead, by hand",
        ),
        Example(
            "from pandasai_openai import OpenAI\n\n"
            'llm = OpenAI(api_token="x", api_base="http://localhost:8000/v1")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'class OpenAI:\n    pass\n\n\nllm = OpenAI(model="gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        name = pandasai_class(self.ctx, node)
        if name is None:
            return
        azure = name in fw.AZURE_CLASSES
        base = argument(node, fw.BASE_URL, None)
        if (
            not azure
            and base is not None
            and endpoint_kind(self.ctx, base.value) != "openai"
            and not provider_url(self.ctx, base.value)
        ):
            return  # another server of the project's choosing (a gateway taking OpenAI ids)
        data: dict[str, object] = {"framework": fw.LABEL, "class": name.rpartition(".")[2]}
        shown = f"{name.rpartition('.')[2]}() ({fw.LABEL})"
        if azure:
            head = f"{shown} talks to Azure OpenAI"
            model = f"<{provider.name} model>"
        else:
            head = (
                f"{shown} talks to OpenAI ({fw.BASE_URL_VARIABLE}, else {fw.DEFAULT_URL}) with "
                f"{fw.KEY}= or {fw.KEY_VARIABLE}, and takes only OpenAI's model ids (any other "
                f"raises UnsupportedModelError), so no argument points it at {provider.name}"
            )
            model = self._model(node, data) or f"<{provider.name} model>"
        recipe = (
            f"LiteLLM(model={literal(chat_prefix(self.ctx) + '/' + model)}, "
            f"api_base={base_url_expr(provider, self.ctx.rules.base_url or '')}, "
            f"api_key={key_expr(provider, at_import=self.ctx.at_import(node))})"
        )
        rest = [a for a in node.args if a.keyword is None or a.keyword.value != fw.MODEL]
        keeps = ", with its other keywords" if not azure and rest else ""
        message = (
            f"{head}; build {recipe} ({fw.LITELLM_IMPORT}; pandasai-litellm) instead{keeps}, "
            "by hand"
        )
        self.report(node, message, fix=FixClass.MANUAL, data=data)

    def _model(self, call: cst.Call, data: dict[str, object]) -> str | None:
        """The provider's model for the OpenAI model the call sends (its class default when
        given none), or None when it is not known here or the table has none."""
        value = _model_value(self.ctx, call)
        if value is None and any(a.star for a in call.args):
            return None  # a mapping the module does not show
        if value is None:
            model: str | None = fw.DEFAULT_MODEL
        else:
            resolved = self.ctx.resolve_literal(value)
            model = resolved[1] if resolved is not None else string_value(value)
        if model is None:
            return None
        provider = self.provider
        if provider is not None and provider.serves(model):
            return model  # already the provider's (the class raises on it)
        mapped = self.ctx.rules.map_model(model)
        data |= {"model_from": model, "model_to": mapped}
        return mapped


PANDASAI_RULES = (PandasAIOpenAI,)
