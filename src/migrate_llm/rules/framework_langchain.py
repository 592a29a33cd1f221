"""Rules about LangChain's OpenAI classes (`ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings` and their
Azure and deprecated forms). What the classes look like is in `migrate_llm.frameworks.langchain`.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_classes import (
    describe_target,
    endpoint,
    framework_class,
    key_source,
    local_names,
    mentions_framework,
    plan,
    plan_data,
    plan_edit,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext


class FrameworkClassRule(PythonRule):
    """Shared by the LangChain and LlamaIndex class rules: find a class of `table`, tell where
    it points, and rewrite it for the provider."""

    table: ClassVar[dict[str, FrameworkClass]] = {}
    label: ClassVar[str] = ""

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = mentions_framework(ctx)
        self.names = local_names(ctx, self.table) if self.active else frozenset()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        found = framework_class(self.ctx, node.func, self.table, self.names)
        if found is None:
            return
        qualname, cls = found
        head = f"{cls.name}() ({self.label})"
        where = endpoint(self.ctx, node, cls.base_url)
        provider = self.provider
        if cls.azure and where.kind == "openai":
            head = f"{cls.name}() ({self.label}) talks to Azure OpenAI"
        elif where.kind == "openai":
            head += f" talks to OpenAI ({key_source(self, node, cls)})"
        else:
            self.report_endpoint(node, head, where)
            return
        if provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm apply --provider ID` points it at a provider",
                fix=FixClass.MANUAL,
                data={"framework": cls.framework, "class": cls.name},
            )
            return
        if not self.ctx.rules.switching:
            return
        self.migrate(node, qualname, cls, head)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A project class deriving from a framework class: its constructions are not traced
        (their arguments may be rewritten by the class), so it is left to a person."""
        if not self.active:
            return
        for base in node.bases:
            found = framework_class(self.ctx, base.value, self.table, self.names)
            if found is None:
                continue
            cls = found[1]
            where = (
                f"the key, base URL and model for {self.provider.name}"
                if self.provider is not None
                else "the key, base URL and model"
            )
            self.report(
                node.name,
                f"{node.name.value} derives from {cls.name} ({self.label}); its constructions "
                f"are not rewritten: pass {where} where it is built (or in its __init__)",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"framework": cls.framework, "class": cls.name},
            )

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        p = plan(self, node, cls)
        data = plan_data(self, p)
        if p.blocked:
            self.report(node, f"{head}; {p.blocked}", fix=FixClass.MANUAL, data=data)
            return
        self.adjust(node, qualname, cls, p, data)
        edit = plan_edit(self, node, p)
        message = f"{head}; {describe_target(self, p)}{self.extra(cls, p, data)}"
        self.report(
            node, message, edit=edit, fix=FixClass.REVIEW if edit else FixClass.MANUAL, data=data
        )

    def adjust(self, node, qualname, cls, p, data) -> None:
        """Framework-specific changes to the plan (class replacement, extra settings)."""

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        return ""

    def report_endpoint(self, node: cst.Call, head: str, where) -> None:
        provider = self.provider
        if where.kind == "provider" and where.provider is not None:
            owner = where.provider
            if provider is not None and owner.id == provider.id:
                message, severity = f"{head} already points at {owner.name}", Severity.NOTE
            elif provider is not None:
                message = f"{head} points at {owner.name}, not {provider.name}; left as it is"
                severity = Severity.WARNING
            else:
                message, severity = f"{head} points at {owner.name}; left as it is", Severity.NOTE
            self.report(node, message, severity=severity, fix=FixClass.NONE)
        elif where.kind == "custom":
            self.report(
                node,
                f"{head} points at {where.detail}, not OpenAI; left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
        else:
            source = where.detail or "a value computed"
            tail = (
                f"make sure it names {provider.name} ({self.ctx.rules.base_url})"
                if provider is not None
                else "check where it points"
            )
            self.report(
                node,
                f"{head} takes its base URL from {source} at run time; {tail}",
                fix=FixClass.MANUAL,
            )


class LangChainOpenAI(FrameworkClassRule):
    """A LangChain OpenAI class (`ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings`, Azure forms).

    ## What it does
    Finds constructions of `langchain_openai.ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings`,
    `AzureChatOpenAI`, `AzureOpenAI` and `AzureOpenAIEmbeddings`, and of the deprecated
    `langchain.chat_models` / `langchain.llms` / `langchain.embeddings` and
    `langchain_community.*` classes, by qualified name: aliases and module imports are
    followed, a project's own class named `ChatOpenAI` is not matched. Classes pointed at
    another host (`base_url=`/`openai_api_base=`) are reported as notes and left alone.

    ## Why
    These classes build an OpenAI SDK client from their own settings: `OPENAI_API_KEY`, the
    OpenAI URL and an OpenAI model unless told otherwise. The SDK rules do not see them.

    ## Fix (review)
    `apply` passes the provider's key variable (`api_key=`, or `openai_api_key=` for the
    deprecated classes, keeping the keyword the code uses) and
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, maps `model=` /
    `model_name=` (or adds the mapped default model when none is given), drops
    `organization=`, and adds `check_embedding_ctx_length=False` to `OpenAIEmbeddings` (a
    provider rejects the token ids LangChain sends by default). A chat class whose model is
    mapped gets `tiktoken_model_name=` the OpenAI model: LangChain counts tokens with tiktoken
    by model name and raises NotImplementedError for a provider's model (memory classes such
    as `ConversationTokenBufferMemory` count). Embeddings get `chunk_size=` the provider's
    `embedding_batch_max` when it is below LangChain's 1000 inputs per request (DashScope:
    10). Azure classes become their plain counterparts without the Azure settings. Where the
    provider has its own LangChain integration, `data.langchain_integration` names it; the
    OpenAI-compatible class is kept.
    A class of the project deriving from one of these is reported (manual): its
    constructions are not rewritten.

    ## Data
    `framework` ("langchain"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to` (the model written or the class's default, and its mapping),
    `langchain_integration` (chat classes, when the provider has one), `completions` (the
    provider's support of the text completions endpoint, for `OpenAI`).
    """

    code = "ML601"
    name = "langchain-openai-class"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = lc.CLASSES
    label = "LangChain"
    examples = (
        Example(
            'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", '
            "temperature=0)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); model 'gpt-4o' -> 'acme-large'",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    tiktoken_model_name="gpt-4o",\n'
            '    model="acme-large",\n'
            "    temperature=0,\n"
            ")\n",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings as Emb\n\n\ndef make():\n"
            '    return Emb(model="text-embedding-3-small")\n',
            provider="acme",
            after="import os\n\nfrom langchain_openai import OpenAIEmbeddings as Emb\n\n\n"
            "def make():\n    return Emb(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        check_embedding_ctx_length=False,\n"
            "        chunk_size=16,\n"
            '        model="acme-embed",\n    )\n',
        ),
        Example(
            "from langchain.chat_models import ChatOpenAI\n"
            'llm = ChatOpenAI(openai_api_key="sk-0123456789abcdefghijKLMN")\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (hard-coded key sk-01…MN); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); model 'gpt-3.5-turbo' -> 'acme-small'",
            after="import os\n\nfrom langchain.chat_models import ChatOpenAI\nllm = ChatOpenAI(\n"
            '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-small",\n'
            '    tiktoken_model_name="gpt-3.5-turbo",\n'
            '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            ")\n",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n"
            'llm = ChatOpenAI(base_url="http://localhost:8000/v1", model="qwen2")\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) points at http://localhost:8000/v1, not OpenAI; "
            "left as it is",
        ),
        Example(
            "class ChatOpenAI:\n    pass\n\n\nllm = ChatOpenAI()\n", provider="acme", finds=False
        ),
    )

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        provider = self.provider
        assert provider is not None
        tail = ""
        support = provider.supports.get("completions", "unknown")
        if cls.kind == "llm" and support is not True:
            said = _COMPLETIONS_SUPPORT.get(support, "does not list")
            tail += (
                f"; {cls.name}() calls the text completions endpoint, which {provider.name} "
                f"{said}: use ChatOpenAI"
            )
            data["completions"] = support
        integration = data.get("langchain_integration")
        if integration:
            tail += f" ({provider.name} also has its own LangChain class, {integration})"
        return tail


# What a finding says of a provider's text completions endpoint, by its `supports` value.
_COMPLETIONS_SUPPORT = {False: "does not offer", "partial": "offers for some models only"}


class LangChainEmbeddingTokens(PythonRule):
    """A deprecated LangChain `OpenAIEmbeddings`, which sends token ids a provider rejects.

    ## What it does
    Finds `OpenAIEmbeddings` from `langchain.embeddings` or `langchain_community.embeddings`
    when a provider is the target.

    ## Why
    These classes always split the input with tiktoken and send token ids, not text; they
    have no `check_embedding_ctx_length` setting (and reject unknown settings). OpenAI-
    compatible providers expect text.

    ## Fix
    Use `langchain_openai.OpenAIEmbeddings` (package `langchain-openai`) with
    `check_embedding_ctx_length=False`; `apply` then keeps that setting.
    """

    code = "ML602"
    name = "langchain-embedding-tokens"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from langchain.embeddings import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n",
            provider="acme",
            message="OpenAIEmbeddings from langchain.embeddings sends token ids, which Acme "
            "Cloud may reject: use langchain_openai.OpenAIEmbeddings (package langchain-openai) "
            "with check_embedding_ctx_length=False",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = mentions_framework(ctx)
        self.names = local_names(ctx, lc.CLASSES) if self.active else frozenset()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active or not self.ctx.rules.switching or self.provider is None:
            return
        found = framework_class(self.ctx, node.func, lc.CLASSES, self.names)
        if found is None or found[0] not in lc.TOKEN_ARRAYS:
            return
        module = found[0].rsplit(".", 1)[0]
        self.report(
            node,
            f"OpenAIEmbeddings from {module} sends token ids, which {self.provider.name} may "
            f"reject: use {lc.MODERN_EMBEDDINGS} (package {lc.MODERN_PACKAGE}) with "
            "check_embedding_ctx_length=False",
            data={"framework": lc.FRAMEWORK, "class": "OpenAIEmbeddings", "module": module},
        )


LANGCHAIN_RULES = (LangChainOpenAI, LangChainEmbeddingTokens)
