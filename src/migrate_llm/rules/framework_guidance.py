"""ML688: guidance's OpenAI model class and its Azure OpenAI helper. What guidance looks like is
in `migrate_llm.frameworks.guidance`.
"""

from __future__ import annotations

import re
from typing import cast

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import guidance as gd
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_classes import (
    azure_literals,
    framework_class,
    key_left_to_person,
    model_instead,
    reports_azure,
)
from migrate_llm.rules.framework_langchain import FrameworkClassRule
from migrate_llm.rules.python_context import PythonContext, keyword


class GuidanceOpenAI(FrameworkClassRule):
    """guidance's `models.OpenAI` and its `create_azure_openai_model()`.

    ## What it does
    Finds constructions of guidance's `OpenAI` model class (`guidance.models.OpenAI`, `from
    guidance.models import OpenAI`, `from guidance import models` then `models.OpenAI`), by
    qualified name, and calls of `guidance.models.create_azure_openai_model()`. One given a
    `base_url=` of another host is a note and left alone; one pointed at the provider that
    reads OPENAI_API_KEY (no `api_key=`) gets it, as ML601 does. The helper is left alone
    when the target is Azure OpenAI.

    ## Why
    guidance's `OpenAI(model, ..., api_key=None, **kwargs)` builds `openai.OpenAI(api_key=...,
    **kwargs)`: without `base_url=` it talks to OpenAI (OPENAI_BASE_URL, else
    api.openai.com) with `api_key=` or OPENAI_API_KEY, whatever the model is called; so a
    provider's key given to it alone goes to OpenAI. `create_azure_openai_model()` builds
    `openai.AzureOpenAI` whatever it is given.

    ## Fix (review)
    `apply` points `models.OpenAI(...)` at the provider: `api_key=` the provider's key
    variable, `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, the model
    mapped where it stands (its first argument; a module constant or an environment default
    where it is written, ML204), `organization=` / `project=` dropped. Left for you (manual,
    so `check` fails): the provider's key without `base_url=` (it would go to OpenAI), another
    key (an OpenAI key must not go to the provider), positional arguments after the model,
    and `create_azure_openai_model()` (the message gives the `models.OpenAI(...)` to build
    instead, its model mapped where written in the call). guidance sends `logprobs` and
    `top_logprobs` with its requests; whether the provider takes them is not checked.

    ## Data
    `framework` ("guidance"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to`.
    """

    code = "ML688"
    name = "guidance-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = gd.CLASSES
    label = gd.LABEL
    examples = (
        Example(
            "from guidance import models\n\nlm = models.OpenAI('gpt-4o-mini')\n",
            message="OpenAI() (guidance) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from guidance import models\n\nlm = models.OpenAI('gpt-4o-mini', echo=False)\n",
            provider="acme",
            message="OpenAI() (guidance) talks to OpenAI (key from OPENAI_API_KEY); for Acme "
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); model 'gpt-4o-mini' -> 'acme-small'",
            after="import os\n\nfrom guidance import models\n\n"
            "lm = models.OpenAI(\n"
            "    'acme-small',\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    echo=False,\n"
            ")\n",
        ),
        Example(
            "import os\n\nimport guidance\n\n"
            "lm = guidance.models.OpenAI('acme-small', api_key=os.environ['ACME_API_KEY'])\n",
            provider="acme",
            message="OpenAI() (guidance) talks to OpenAI (key from ACME_API_KEY); without "
            'base_url= it sends that key to OpenAI: pass base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1")',
        ),
        Example(
            "from guidance.models import create_azure_openai_model\n\n"
            "lm = create_azure_openai_model(\n"
            "    'https://x.openai.azure.com/', 'chat', model_name='gpt-4o-mini', api_key=k\n"
            ")\n",
            provider="acme",
            message="create_azure_openai_model() (guidance) talks to Azure OpenAI; for Acme Cloud "
            'build models.OpenAI("acme-small", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")) (from '
            "guidance import models) instead, without the Azure settings, by hand",
        ),
        Example(
            "from guidance import models\n\n"
            "lm = models.OpenAI('qwen2', base_url='http://localhost:8000/v1')\n",
            provider="acme",
            message="OpenAI() (guidance) points at http://localhost:8000/v1, not OpenAI; left "
            "as it is",
        ),
        Example(
            "class OpenAI:\n    pass\n\n\nlm = OpenAI('gpt-4o')\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = self.active and imports_guidance(ctx)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        if framework_class(self.ctx, node.func, self.table, self.names) is not None:
            super().visit_Call(node)
        elif reports_azure(self.ctx, node, gd.AZURE_FUNCTIONS):
            self.azure_helper(node)

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        left = key_left_to_person(self.ctx, node, cls)
        if left:
            data = {"framework": cls.framework, "class": cls.name}
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
            return
        super().migrate(node, qualname, cls, head)

    def azure_helper(self, node: cst.Call) -> None:
        """`create_azure_openai_model(...)`: Azure OpenAI whatever it is given; what to build
        instead for the provider (guidance's OpenAI pointed there), left to a person."""
        head = f"{gd.AZURE_NAME}() ({gd.LABEL}) talks to Azure OpenAI"
        data: dict[str, object] = {"framework": gd.FRAMEWORK, "class": gd.AZURE_NAME}
        provider = self.provider
        if provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm scan --provider ID` says what to build instead",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        assert self.ctx.rules.base_url is not None
        data |= {"api_key_env": provider.api_key_env, "base_url_env": provider.base_url_env}
        model = model_instead(self.ctx, keyword(node, gd.AZURE_MODEL), data)
        settings = [
            f'"{model}"',
            f"{gd.KEY}={key_expr(provider)}",
            f"{gd.BASE_URL}={base_url_expr(provider, self.ctx.rules.base_url)}",
        ]
        self.report(
            node,
            f"{head}; for {provider.name} build {gd.CHAT_CALL}({', '.join(settings)}) "
            f"({gd.CHAT_IMPORT}) instead, without the Azure settings, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )


_IMPORT = re.compile(import_pattern((gd.FRAMEWORK,)), re.MULTILINE)


def imports_guidance(ctx: PythonContext) -> bool:
    """Whether the module imports guidance (at the start of a line): the word alone is prose
    (paper-qa's "question-specific guidance" in a field's description). Found once."""
    found = ctx.analyses.get(imports_guidance)
    if found is None:
        found = ctx.mentions(gd.FRAMEWORK) and _IMPORT.search(ctx.text) is not None
        ctx.analyses[imports_guidance] = found
    return cast(bool, found)


def azure_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literal written in a `create_azure_openai_model(...)` ML688 reports:
    ML204-ML206 leave it."""
    if not imports_guidance(ctx):
        return []
    return azure_literals(ctx, call, gd.AZURE_FUNCTIONS, keyword(call, gd.AZURE_MODEL))


GUIDANCE_RULES = (GuidanceOpenAI,)
