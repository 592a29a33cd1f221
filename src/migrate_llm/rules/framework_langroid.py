"""ML693: langroid's OpenAI configuration (`migrate_llm.frameworks.langroid`): a config given a
member of its OpenAI model enum or no model, and an agent config given no `llm=`."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import langroid as fw
from migrate_llm.langroid_defaults import AGENT, CONFIG
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr, literal
from migrate_llm.rules.framework_args import argument, callee, qualified
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import rebuild_call


def bare_config(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds langroid's `OpenAIGPTConfig` given no server of its own (no
    `api_base=`, `api_key=` nor `**mapping`): it talks to OpenAI, unless the project defines
    that class itself with the provider's server and model as its default (`CONFIG`)."""
    if any(a.star for a in call.args) or not ctx.mentions(fw.MODULE):
        return False
    if CONFIG in ctx.rules.facts.langroid_defaults:
        return False
    if qualified(ctx, call.func, fw.CONFIG_CLASSES) is None:
        return False
    return not any(argument(call, k, None) for k in (fw.BASE_URL_KEYWORD, fw.KEY_KEYWORD))


def owns_model(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is the `chat_model=` of such a config (ML693 maps it, not ML206)."""
    above = ctx.ancestors(node)
    if len(above) < 2 or not isinstance(above[-1], cst.Arg) or above[-1].value is not node:
        return False
    arg, call = above[-1], above[-2]
    keyword = arg.keyword.value if arg.keyword is not None else None
    return keyword == fw.MODEL_KEYWORD and isinstance(call, cst.Call) and bare_config(ctx, call)


class LangroidOpenAIModel(PythonRule):
    """langroid's OpenAI model: an `OpenAIGPTConfig` that talks to OpenAI.

    ## What it does
    Finds langroid's `OpenAIGPTConfig(...)` given no `api_base=` (nor `api_key=` or a
    `**mapping`) whose `chat_model=` is a member of langroid's `OpenAIChatModel` enum
    (`lm.OpenAIChatModel.GPT4o`, the OpenAI model `gpt-4o`), an OpenAI model written out, or
    absent (langroid's default, `gpt-4o` unless OPENAI_CHAT_MODEL names another); and
    `ChatAgentConfig(...)` (`AgentConfig`) given no `llm=`, whose default is `OpenAIGPTConfig()`.

    ## Why
    Without `api_base=`, langroid sends a model with no route prefix of its own to OpenAI
    (OPENAI_API_BASE, else api.openai.com) with OPENAI_API_KEY, whatever the model: mapping the
    model alone would send the provider's model name to OpenAI.

    ## Fix (review)
    `apply` passes `api_base=os.environ.get("<BASE_URL_VAR>", "<URL>")` and `api_key=` the
    provider's key variable, and a model the provider's table gives the OpenAI model: an enum
    member or a model written out becomes that id as a string (not where the enum's name is
    used nowhere else: its import would go unused; then manual), an absent model is given.
    An agent config given no `llm=` is left to you (manual): pass it such an `OpenAIGPTConfig`.

    In a project that defines these classes itself (a fork of langroid), they are judged by
    its own defaults: an agent config given no `llm=` is not reported where the project's
    `AgentConfig.llm` default names the provider's base URL, or is a bare `OpenAIGPTConfig()`
    this rule points at the provider in the same run; a bare `OpenAIGPTConfig()` is not
    reported where the project's class reads the provider's base URL and key and defaults to
    a model that is not OpenAI's. Where its fields stay on OpenAI's variables (ML401 holds
    langroid's: its `create()` builds classes for other servers), each bare config is
    rewritten as above.
    With no provider chosen (`scan` without `--provider`), each such config is reported as
    talking to OpenAI (manual: `apply --provider ID` points it at a provider), as ML601
    reports LangChain's classes.
    OPENAI_CHAT_MODEL is langroid's model selector (ML401 says so): set it to a provider model
    only where the configs it reaches point at the provider.
    """

    code = "ML693"
    name = "langroid-openai-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "import langroid.language_models as lm\n\n"
            "cfg = lm.OpenAIGPTConfig(chat_model=lm.OpenAIChatModel.GPT4o, timeout=45)\n",
            message="OpenAIGPTConfig(chat_model=OpenAIChatModel.GPT4o) is OpenAI's gpt-4o, and "
            "without api_base= langroid sends it to OpenAI with OPENAI_API_KEY; `migrate-llm "
            "apply --provider ID` points it at a provider",
        ),
        Example(
            "import langroid.language_models as lm\n\n"
            "cfg = lm.OpenAIGPTConfig(chat_model=lm.OpenAIChatModel.GPT4o)\n",
            provider="acme",
            message="OpenAIGPTConfig(chat_model=OpenAIChatModel.GPT4o) is OpenAI's gpt-4o, and "
            "without api_base= langroid sends it to OpenAI with OPENAI_API_KEY; for Acme Cloud "
            'apply passes chat_model="acme-large" with Acme Cloud\'s base URL and key '
            "(ACME_BASE_URL, ACME_API_KEY)",
            after="import os\n\nimport langroid.language_models as lm\n\n"
            "cfg = lm.OpenAIGPTConfig(\n"
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    chat_model="acme-large",\n'
            ")\n",
        ),
        Example(
            "import langroid as lr\n\n\ndef make():\n"
            "    return lr.language_models.OpenAIGPTConfig(temperature=0.2)\n",
            provider="acme",
            message="OpenAIGPTConfig() without chat_model= uses langroid's default model, "
            "OpenAI's gpt-4o (or the one OPENAI_CHAT_MODEL names), and without api_base= "
            "langroid sends it to OpenAI with OPENAI_API_KEY; for Acme Cloud apply passes "
            'chat_model="acme-large" with Acme Cloud\'s base URL and key (ACME_BASE_URL, '
            "ACME_API_KEY)",
            after="import os\n\nimport langroid as lr\n\n\ndef make():\n"
            "    return lr.language_models.OpenAIGPTConfig(\n"
            '        chat_model="acme-large",\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "        temperature=0.2,\n"
            "    )\n",
        ),
        Example(
            "import langroid as lr\n\nagent = lr.ChatAgent(lr.ChatAgentConfig())\n",
            provider="acme",
            message="ChatAgentConfig() without llm= uses langroid's OpenAIGPTConfig(): "
            "OpenAI's gpt-4o, sent to OpenAI with OPENAI_API_KEY; pass "
            'llm=OpenAIGPTConfig(chat_model="acme-large", api_base=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ.get('
            '"ACME_API_KEY", "unset")), by hand',
        ),
        Example(
            "import langroid.language_models as lm\n\n"
            'cfg = lm.OpenAIGPTConfig(chat_model="ollama/llama3")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nimport langroid.language_models as lm\n\n"
            'cfg = lm.OpenAIGPTConfig(chat_model="acme-large", api_base=os.environ["URL"])\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is not None and not self.ctx.rules.switching:
            return  # `--provider openai`: nothing moves
        if not self.ctx.mentions(fw.MODULE) or any(a.star for a in node.args):
            return
        if qualified(self.ctx, node.func, fw.AGENT_CONFIGS) is not None:
            own = AGENT in self.ctx.rules.facts.langroid_defaults
            if argument(node, fw.LLM_KEYWORD, 0) is None and not own:
                self._agent(node)
            return
        if qualified(self.ctx, node.func, fw.CONFIG_CLASSES) is None:
            return
        if not bare_config(self.ctx, node):
            return
        given = argument(node, fw.MODEL_KEYWORD, None)
        if given is None:
            self._model(node, None, fw.DEFAULT_MODEL)
            return
        value, head = given.value, None
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
            head, value = value.left, value.right  # `model or OpenAIChatModel.GPT4o` (t59g)
        written = string_value(value)
        if written is not None:
            if self.ctx.rules.openai.serves(written):
                self._model(node, given, written, head=head)
            return
        member = self._member(value)
        if member is not None:
            self._model(node, given, fw.MODEL_MEMBERS[member], member, head)

    def _member(self, value: cst.BaseExpression) -> str | None:
        """The member of langroid's OpenAI model enum `value` names (`lm.OpenAIChatModel.GPT4o`)."""
        if not isinstance(value, cst.Attribute) or value.attr.value not in fw.MODEL_MEMBERS:
            return None
        return value.attr.value if qualified(self.ctx, value.value, fw.MODEL_ENUMS) else None

    def _model(
        self,
        call: cst.Call,
        given: cst.Arg | None,
        model: str,
        member: str | None = None,
        head: cst.BaseExpression | None = None,
    ) -> None:
        """Report a config talking to OpenAI with OpenAI's `model`: the enum's `member`, a
        model written out, or langroid's default (`given` None); with `head`, the model the
        program may give first (`model or OpenAIChatModel.GPT4o`), which then goes to the
        provider too."""
        provider = self.provider
        name = callee(call.func)
        first = f"{self.snippet(head)} or " if head is not None else ""
        default = f"OpenAIChatModel.{member}" if member is not None else repr(model)
        if head is not None:
            subject = (
                f"{name}(chat_model={first}{default}) is OpenAI's {model} where "
                f"`{self.snippet(head)}` is empty"
            )
        elif member is not None:
            subject = f"{name}(chat_model=OpenAIChatModel.{member}) is OpenAI's {model}"
        elif given is not None:
            subject = f"{name}(chat_model={model!r}) is OpenAI's {model}"
        else:
            subject = (
                f"{name}() without chat_model= uses langroid's default model, OpenAI's {model} "
                f"(or the one {fw.MODEL_VARIABLE} names)"
            )
        subject += ", and without api_base= langroid sends it to OpenAI with OPENAI_API_KEY"
        if provider is None:
            self._unmoved(call, subject, {"framework": fw.MODULE, "model_from": model})
            return
        mapped = self.ctx.rules.map_model(model)
        variables = f"({provider.base_url_env}, {provider.api_key_env})"
        data = {"framework": fw.MODULE, "model_from": model, "model_to": mapped}
        if mapped is None:
            message = (
                f"{subject}; {provider.name} has no model for it in its table: pass "
                f"chat_model= one of its models with api_base= and api_key= {provider.name}'s "
                f"{variables}, by hand"
            )
            self.report(call, message, fix=FixClass.MANUAL, data=data)
            return
        chosen = literal(mapped)
        if head is not None:
            chosen = f"{self.ctx.code(head)} or {chosen}"
        if member is not None and not self._named_elsewhere(given):
            message = (
                f"{subject}; pass chat_model={first}{mapped!r} with {provider.name}'s base URL "
                f"and key {variables} as api_base= and api_key=, and remove the enum's import, "
                "by hand"
            )
            self.report(call, message, fix=FixClass.MANUAL, data=data)
            return
        keywords = {
            fw.BASE_URL_KEYWORD: base_url_expr(provider, self.ctx.rules.base_url or ""),
            fw.KEY_KEYWORD: key_expr(provider, at_import=self.ctx.at_import(call)),
        }
        said = (
            f"apply passes chat_model={first}{literal(mapped)} with {provider.name}'s base URL "
            f"and key {variables}"
        )
        if head is not None:
            said += (
                f"; a model `{self.snippet(head)}` names goes there too: it must be one of "
                f"{provider.name}'s"
            )
        text = rebuild_call(self.ctx, call, {fw.MODEL_KEYWORD: chosen, **keywords}, merge=False)
        edit = Edit(self.ctx.span(call), text, ("import os",))
        message = f"{subject}; for {provider.name} {said}"
        self.report(call, message, fix=FixClass.REVIEW, edit=edit, data=data)

    def _named_elsewhere(self, given: cst.Arg | None) -> bool:
        """Whether the root name of the enum member `given` holds is used elsewhere in the
        module than in this argument (so its import stays used once the member is replaced)."""
        value = given.value if given is not None else None
        if isinstance(value, cst.BooleanOperation):
            value = value.right
        while isinstance(value, cst.Attribute):
            value = value.value
        if not isinstance(value, cst.Name):
            return False
        uses = [n for n in self.ctx.nodes if isinstance(n, cst.Name) and n.value == value.value]
        return len(uses) > 2  # the import's own name and this use

    def _unmoved(self, call: cst.Call, subject: str, data: dict[str, object]) -> None:
        """Report, with no provider chosen, a config that talks to OpenAI, as ML601 reports
        LangChain's classes: apply with a provider points it there (manual here: nothing
        is rewritten without one)."""
        message = f"{subject}; `migrate-llm apply --provider ID` points it at a provider"
        self.report(call, message, fix=FixClass.MANUAL, data=data)

    def _agent(self, call: cst.Call) -> None:
        provider = self.provider
        subject = (
            f"{callee(call.func)}() without llm= uses langroid's OpenAIGPTConfig(): OpenAI's "
            f"{fw.DEFAULT_MODEL}, sent to OpenAI with OPENAI_API_KEY"
        )
        data: dict[str, object] = {"framework": fw.MODULE, "model_from": fw.DEFAULT_MODEL}
        if provider is None:
            self._unmoved(call, subject, data)
            return
        mapped = self.ctx.rules.map_model(fw.DEFAULT_MODEL) or f"<a {provider.name} model>"
        config = (
            f"OpenAIGPTConfig(chat_model={literal(mapped)}, "
            f"api_base={base_url_expr(provider, self.ctx.rules.base_url or '')}, "
            f"api_key={key_expr(provider, at_import=self.ctx.at_import(call))})"
        )
        message = f"{subject}; pass llm={config}, by hand"
        self.report(call, message, fix=FixClass.MANUAL, data=data)


LANGROID_RULES = (LangroidOpenAIModel,)
