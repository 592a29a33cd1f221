"""Rules about LlamaIndex's OpenAI classes (`OpenAI`, `OpenAIEmbedding`) and its default model.
What the classes look like is in `migrate_llm.frameworks.llamaindex`.
"""

from __future__ import annotations

import itertools
import re
from typing import cast

import libcst as cst
from libcst.metadata import Assignment, FunctionScope, GlobalScope

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.frameworks.pins import version_text
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_classes import (
    Plan,
    endpoint,
    first_keyword,
    framework_class,
    local_names,
    mentions_framework,
    report_typed_key_prompt,
    unserved_surface,
)
from migrate_llm.rules.framework_langchain import FrameworkClassRule, SentParameter, _Fact
from migrate_llm.rules.llamaindex_module_base import module_base_readers
from migrate_llm.rules.models import article
from migrate_llm.rules.project_calls import imports_any_file
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    ends_in_exit,
    keyword,
    last_name,
    self_attribute,
    string_value,
)
from migrate_llm.run_facts import settings_made


def _import_of(qualname: str) -> tuple[str, str]:
    """(`from module import Name`, Name) for a class's qualified name."""
    module, name = qualname.rsplit(".", 1)
    return f"from {module} import {name}", name


class LlamaIndexOpenAI(FrameworkClassRule):
    """A LlamaIndex OpenAI LLM or embedding model (`llama_index.llms.openai.OpenAI`).

    ## What it does
    Finds constructions of `llama_index.llms.openai.OpenAI` and
    `llama_index.embeddings.openai.OpenAIEmbedding` (and `from llama_index.llms import
    OpenAI` of llama-index<0.10), `OpenAIMultiModal` and `OpenAIResponses`, wherever they
    stand (`Settings.llm = OpenAI(...)`, `ServiceContext.from_defaults(llm=OpenAI(...))`),
    by qualified name. Classes pointed at
    another host (a URL written as `api_base=`) are reported as notes and left alone; so is one
    given a name bound once to a read of the provider's own variable (`_base = os.environ.get(
    "ACME_BASE_URL", URL)`, then `api_base=_base`), as that read written at the call is. One
    whose base URL is computed at run time is left too, as an error for you (manual): make
    sure it is the provider's, and, as `OpenAI` and `OpenAIEmbedding` refuse the provider's
    model names, build `OpenAILike(model=...)` / `OpenAILikeEmbedding(model_name=...)` there
    (the message names the class and its package; t66a: private-gpt's embedding factory). The
    model such a class is given stays OpenAI's (ML204 leaves it). A
    class handed on as a value (`{"openai": OpenAIEmbedding}`) is left to a person, as ML601
    leaves LangChain's.

    ## Why
    These classes reject model names they do not know (`OpenAI` looks up the context window
    of the model, `OpenAIEmbedding` its engine), so they cannot simply be pointed at a
    provider: LlamaIndex's `OpenAILike` and `OpenAILikeEmbedding` take any model.

    ## Fix (review)
    `apply` replaces `OpenAI(...)` with `OpenAILike(...)` (`from llama_index.llms.openai_like
    import OpenAILike`), `OpenAIEmbedding(model=...)` with `OpenAILikeEmbedding(model_name=...)`
    (`from llama_index.embeddings.openai_like import OpenAILikeEmbedding`), maps the model (or
    adds the mapped default), passes the provider's key variable as `api_key=` and
    `api_base=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, and for the LLM
    `is_chat_model=True`, `is_function_calling_model=` (False only where the provider's
    file says the model takes no tools) and `context_window=` when the provider file gives
    one. Add the package named in the message (`llama-index-llms-openai-like`,
    `llama-index-embeddings-openai-like`) to your requirements: `data.requirement`.
    llama-index<0.10's `OpenAIEmbedding` has no OpenAI-like counterpart: reported, not
    rewritten; so are `OpenAIMultiModal` (no OpenAI-like class
    takes its `image_documents`), `OpenAIResponses` (it sends the Responses API) and a
    construction with positional arguments. A key a person types (`input()`, `getpass()`) is
    kept; its prompt is reworded as ML001 rewords a client's (review), or left to you (a
    warning) where it names OpenAI otherwise, also on the OpenAILike classes apply writes.
    The LLM (and OpenAILike) sends `temperature` in every request, 0.1 when not given, and no
    setting leaves it out: where the model fixes it (`[model_params]`) that is reported (manual,
    also for an OpenAILike pointed at the provider) and `temperature=` is kept; pass the
    value the provider documents (the finding names its source when the provider file has
    one): a value equal to the one its `[fixed_values]` give for the thinking mode the
    requests run in (thinking turned off by the switch in `additional_kwargs={"extra_body":
    ...}`, else on) is not reported, as ML601 accepts it.

    ## Data
    `framework` ("llamaindex"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to`, `replacement` (the qualified name of the class written instead) and
    `requirement` (the package that provides it, for llama-index>=0.10). A parameter the
    model fixes: ML601's, with `default`. `surface` and `value`: ML601's.
    """

    code = "ML611"
    name = "llamaindex-openai-class"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = li.CLASSES
    label = "LlamaIndex"
    request_params = li.REQUEST_PARAMS
    sent_by_default = li.SENT_BY_DEFAULT
    body_holders = (li.ADDITIONAL_KWARGS,)
    examples = (
        Example(
            'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o")\n',
            message="OpenAI() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from llama_index.core import Settings\nfrom llama_index.llms.openai import OpenAI\n"
            'Settings.llm = OpenAI(model="gpt-4o-mini", temperature=0.1)\n',
            provider="acme",
            message="OpenAI() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); for Acme "
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); model 'gpt-4o-mini' -> 'acme-small'; it becomes "
            "OpenAILike: add the package llama-index-llms-openai-like to your requirements",
            after="import os\n\nfrom llama_index.core import Settings\n"
            "from llama_index.llms.openai_like import OpenAILike\nSettings.llm = OpenAILike(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    is_chat_model=True,\n"
            "    is_function_calling_model=True,\n"
            '    model="acme-small",\n'
            "    temperature=0.1,\n"
            ")\n",
        ),
        Example(
            "from llama_index.embeddings.openai import OpenAIEmbedding\n\n\ndef make():\n"
            '    return OpenAIEmbedding(model="text-embedding-3-small", embed_batch_size=10)\n',
            provider="acme",
            after="import os\n\n"
            "from llama_index.embeddings.openai_like import OpenAILikeEmbedding\n\n\n"
            "def make():\n    return OpenAILikeEmbedding(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        model_name="acme-embed",\n'
            "        embed_batch_size=10,\n"
            "    )\n",
        ),
        # t66a: its base URL computed at run time: left, but it refuses the provider's models
        Example(
            "from llama_index.embeddings.openai import OpenAIEmbedding\n\n\n"
            "def make(api_base, key):\n"
            '    return OpenAIEmbedding(api_base=api_base, api_key=key, model="m")\n',
            provider="acme",
            message="OpenAIEmbedding() (LlamaIndex) takes its base URL from a value computed at "
            "run time and its key from `key`; make sure they are Acme Cloud's "
            "(https://api.acme.example/v1, the key from ACME_API_KEY); OpenAIEmbedding raises "
            "ValueError when built with a model name that is not OpenAI's: for Acme Cloud's "
            "models build OpenAILikeEmbedding(model_name=...) there instead (from "
            "llama_index.embeddings.openai_like; package llama-index-embeddings-openai-like)",
        ),
        Example(
            "from llama_index.embeddings import OpenAIEmbedding\nemb = OpenAIEmbedding()\n",
            provider="acme",
            message="OpenAIEmbedding() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); "
            "llama-index<0.10 has no OpenAILikeEmbedding and its OpenAIEmbedding accepts only "
            "OpenAI models: upgrade to llama-index>=0.10 and use "
            "llama_index.embeddings.openai_like.OpenAILikeEmbedding "
            "(package llama-index-embeddings-openai-like)",
        ),
        Example(
            "from llama_index.multi_modal_llms.openai import OpenAIMultiModal\n"
            'vision = OpenAIMultiModal(model="gpt-4o", max_new_tokens=300)\n',
            provider="acme",
            message="OpenAIMultiModal() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); "
            "it is LlamaIndex's OpenAI LLM, which accepts only OpenAI model names, and no "
            "OpenAI-like class takes its image_documents: use "
            "llama_index.llms.openai_like.OpenAILike (package llama-index-llms-openai-like) "
            "with the images as ImageBlock items of a ChatMessage's blocks (llama-index<0.10 "
            "has neither: upgrade first)",
        ),
        Example(
            "from llama_index.llms.openai import OpenAIResponses\nllm = OpenAIResponses()\n",
            provider="acme",
            message="OpenAIResponses() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); "
            "it sends OpenAI's Responses API and, without context_window=, accepts only OpenAI "
            "model names: where the provider serves /responses pass it api_key=, api_base= and "
            "context_window= with the provider's model; else use "
            "llama_index.llms.openai_like.OpenAILike (package llama-index-llms-openai-like), "
            "which sends chat completions",
        ),
        Example(
            "from llama_index.llms.openai_like import OpenAILike\n"
            'llm = OpenAILike(model="acme-large", api_base="https://api.acme.example/v1")\n',
            provider="acme",
            finds=False,
        ),
        # t62d: the value the provider documents, with thinking turned off, and with it on
        Example(
            "from llama_index.llms.openai_like import OpenAILike\n\nllm = OpenAILike(\n"
            '    api_base="https://api.moonshot.cn/v1",\n'
            '    additional_kwargs={"extra_body": {"thinking": {"type": "disabled"}}},\n'
            '    model="kimi-k2.6",\n    temperature=0.6,\n)\n',
            provider="moonshot",
            finds=False,
        ),
        Example(
            "from llama_index.llms.openai_like import OpenAILike\n\nllm = OpenAILike(\n"
            '    api_base="https://api.moonshot.cn/v1", model="kimi-k2.6", temperature=1.0\n)\n',
            provider="moonshot",
            finds=False,
        ),
        Example(
            "from llama_index.llms.openai_like import OpenAILike\n\nllm = OpenAILike(\n"
            '    api_base="https://api.moonshot.cn/v1",\n'
            '    additional_kwargs={"extra_body": {"thinking": {"type": "disabled"}}},\n'
            '    model="kimi-k2.6",\n    temperature=1.0,\n)\n',
            provider="moonshot",
            message="kimi-k2.6 fixes temperature on Moonshot AI (Kimi): OpenAILike from "
            "llama_index.llms.openai_like sends temperature in every request, 0.1 when not "
            "given; LlamaIndex has no setting that leaves it out: pass temperature= the value "
            "Moonshot AI (Kimi) documents for the model "
            "(https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi)",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.like_names = local_names(ctx, li.OPENAI_LIKE) if self.active else frozenset()
        self.embedding_like_names = (
            local_names(ctx, li.OPENAI_LIKE_EMBEDDING) if self.active else frozenset()
        )

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        for table, names in (
            (li.OPENAI_LIKE, self.like_names),
            (li.OPENAI_LIKE_EMBEDDING, self.embedding_like_names),
        ):
            found = framework_class(self.ctx, node.func, table, names) if names else None
            if found is None or not self.on_target(endpoint(self.ctx, node, found[1].base_url)):
                continue
            # the class apply wrote: what it still sends the model, and the prompt of a key
            # a person types
            if table is li.OPENAI_LIKE:
                self.report_parameters(node, self.model_parameters(node, *found, False))
            if (key := first_keyword(node, found[1].key)) is not None:
                report_typed_key_prompt(self, node, key.value)

    def model_parameters(
        self,
        node: cst.Call,
        qualname: str,
        cls: FrameworkClass,
        mapped: bool,
        p: Plan | None = None,
    ) -> list[SentParameter]:
        if qualname not in li.SENT_BY_DEFAULT:  # OpenAIResponses: another API
            return []
        return super().model_parameters(node, qualname, cls, mapped, p)

    def instead(self, said: _Fact, written: str) -> str:
        """LlamaIndex sends the parameter whatever the code passes: only its value can change."""
        provider = self.provider
        assert provider is not None
        head = "LlamaIndex has no setting that leaves it out: "
        if said.fact != "fixed":
            return head + "use a client that sends it only when given"
        sources = provider.source_of("model_params", said.glob, said.param)
        url = next((f" ({s.url})" for s in sources if s.url), "")
        return f"{head}pass {said.param}= the value {provider.name} documents for the model{url}"

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        # nothing apply can point at a provider (one serving no embeddings: `plan` says so)
        if cls.replacement is None and unserved_surface(self.ctx, cls) != "embeddings":
            data = {"framework": cls.framework, "class": cls.name}
            self.report(node, f"{head}; {cls.manual}", fix=FixClass.MANUAL, data=data)
            return
        super().migrate(node, qualname, cls, head)

    def adjust(self, node, qualname, cls: FrameworkClass, p: Plan, data) -> None:
        provider = self.provider
        assert provider is not None and cls.replacement is not None
        statement, name = _import_of(cls.replacement)
        p.func = name
        p.imports = (*p.imports, statement)
        data["replacement"] = cls.replacement
        if cls.requirement:
            data["requirement"] = cls.requirement
        if cls.kind == "chat":
            wanted = {
                "is_chat_model": "True",
                # False only where the provider's file says the model takes no tools: with
                # False, OpenAIAgent.from_tools refuses the LLM before any request
                # (sec-insights' agents on Hunyuan, whose tools are "partial")
                "is_function_calling_model": str(
                    provider.takes_tools(_model_to(data)) is not False
                ),
            }
            window = provider.frameworks.get("context_window")
            if isinstance(window, int):
                wanted["context_window"] = str(window)
            for name, value in wanted.items():
                if keyword(node, name) is None:
                    p.set_args[name] = value

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        name = str(data.get("replacement", "")).rsplit(".", 1)[-1]
        if cls.requirement:
            return f"; it becomes {name}: add the package {cls.requirement} to your requirements"
        return f"; it becomes {name}"


class LlamaIndexDefaults(PythonRule):
    """LlamaIndex code that falls back on its default OpenAI models.

    ## What it does
    Finds `ServiceContext.from_defaults(...)` calls (llama-index<0.10) that leave out `llm=`
    or `embed_model=`, or pass `"default"` for them, unless a module it imports sets the
    global service context (`set_global_service_context(...)`, which they then start from,
    counted as for the calls below; a module setting it itself is not spared: its own call
    may build that context), and `resolve_llm("default")` / `resolve_embed_model("default")`
    (also given a value the module defaults to "default", not where the call runs only when
    that value is not "default": `emb if p.embed_model == "default" else
    resolve_embed_model(p.embed_model)`, `if x != "default":`, after `if x == "default":
    return ...`). And, when neither the module nor a module of the
    project it imports sets `Settings.llm` or `Settings.embed_model` (llama-index<0.10:
    `set_global_service_context(...)`), the first call of it that then uses that default:
    `index.as_query_engine()`,
    `as_chat_engine()`, `VectorStoreIndex.from_documents(...)`, chat engines'
    `from_defaults(...)`, `ReActAgent.from_tools(...)` and the others of
    `frameworks/llamaindex.py`'s `DEFAULT_USERS`, given no `llm=` / `embed_model=` (or
    `service_context=`) of their own, also in a `**` mapping (a dict display, a name or
    `self.X` assigned one, keys the module sets on it by subscript or `update()`; a mapping
    shown otherwise, `**self._kwargs` assigned a call's result, holds none; a parameter of
    the calling function, or `self.X` assigned only one, is its callers' to fill and not
    read): LlamaIndex's starter program. A setting at a
    module's top level (also under `if __name__ == "__main__":`) counts for that module and
    for the modules and notebooks that import it (`import settings`, `from app.setup import
    x`, relatively; a package's `__init__.py` also for the modules of the package imported
    through it), also through other modules of the project (`from pkg.utils import build`,
    pkg/utils.py importing the setting module; the first 400 modules read); one made only
    inside a function likewise, for the modules importing its module directly (they may call
    it), but not for a use at its own module's top level that no top-level call of that
    function (or of one calling it) precedes: it has not run at import. Elsewhere (an
    independent script beside them) the call is reported naming the files that set it. One a
    notebook makes counts for that notebook alone (no other file runs in its kernel). A
    notebook naming LlamaIndex but not OpenAI is examined for these calls, as a module is.

    ## Why
    LlamaIndex then builds its default `OpenAI()` LLM (gpt-3.5-turbo) or `OpenAIEmbedding()`,
    which read `OPENAI_API_KEY` and call OpenAI, whatever else `apply` changed. A setting
    runs only in a program that runs its module (and calls its function): private-gpt sets
    its embedding model in the server's `initialize_globals()`, and its ingestion script,
    which never calls it, asked for OpenAI's key; LlamaIndex's starter script sent its
    documents to OpenAI while another script beside it set `Settings.embed_model`. Where
    OPENAI_API_KEY is unset those classes take the openai module's `api_key`, and where
    OPENAI_API_BASE is unset its `base_url`, each on its own: in a module that sets them
    ML103 leaves them on OpenAI (pointed at the provider, they would send it OpenAI's
    model names, and OPENAI_API_KEY where it is set); the message says so (and, where only
    another file of the project sets them, that it may).

    ## Fix
    Set `Settings.llm = OpenAILike(...)` and `Settings.embed_model = OpenAILikeEmbedding(...)`
    built for the provider once at start, in each script or in a module each imports (or
    pass `llm=` / `embed_model=`).
    """

    code = "ML612"
    name = "llamaindex-default-model"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from llama_index import ServiceContext\n"
            "ctx = ServiceContext.from_defaults(chunk_size=512)\n",
            message="ServiceContext.from_defaults() without llm= uses LlamaIndex's default "
            "OpenAI LLM (OPENAI_API_KEY, api.openai.com): pass llm= a model built for the "
            "provider",
        ),
        Example(
            "from llama_index import ServiceContext\n"
            "ctx = ServiceContext.from_defaults(llm=llm, embed_model=emb)\n",
            finds=False,
        ),
        Example(
            "from llama_index.core.embeddings import resolve_embed_model\n"
            'embed = resolve_embed_model("default")\n',
            message='resolve_embed_model("default") builds LlamaIndex\'s default OpenAI '
            "embedding model (OPENAI_API_KEY, api.openai.com): pass a model built for the "
            "provider",
        ),
        Example(
            "from llama_index.core.embeddings import resolve_embed_model\n"
            'embed = resolve_embed_model("local:BAAI/bge-small-en")\n',
            finds=False,
        ),
        Example(
            "from llama_index.core import SimpleDirectoryReader, VectorStoreIndex\n\n"
            'docs = SimpleDirectoryReader("data").load_data()\n'
            "index = VectorStoreIndex.from_documents(docs)\n",
            message="VectorStoreIndex.from_documents() uses LlamaIndex's default embedding "
            "model: it is given no embed_model= and no file of this project sets "
            "Settings.embed_model, so LlamaIndex builds OpenAI's text-embedding-ada-002 "
            "(OPENAI_API_KEY, api.openai.com); set Settings.embed_model to a model built for "
            "the provider once at start (llama-index<0.10: set_global_service_context), or "
            "pass embed_model=",
        ),
        Example(
            "import os\n\nimport openai\nfrom llama_index.core import VectorStoreIndex\n\n"
            'openai.api_key = os.environ["ACME_API_KEY"]\n'
            "index = VectorStoreIndex.from_documents(docs, embed_model=embed)\n"
            "engine = index.as_query_engine()\n",
            provider="acme",
            message="index.as_query_engine() uses LlamaIndex's default LLM: it is given no "
            "llm= and no file of this project sets Settings.llm, so LlamaIndex builds OpenAI's "
            "gpt-3.5-turbo (its key from OPENAI_API_KEY, else the openai.api_key this module "
            "sets, and its base URL from OPENAI_API_BASE, else the openai.base_url it sets: "
            "apply leaves those on OpenAI (ML103); pointed at the provider, they would send it "
            "OpenAI's model name, and OPENAI_API_KEY where it is set); set Settings.llm to a "
            "model built for the provider once at start "
            "(llama-index<0.10: set_global_service_context), or pass llm=",
        ),
        Example(
            "from llama_index.core import VectorStoreIndex\n\n\ndef ask(index, llm, q):\n"
            "    return index.as_query_engine(llm=llm).query(q)\n",
            finds=False,
        ),
        Example(
            "from pydantic import BaseModel, Field\n"
            "from llama_index.core.embeddings import resolve_embed_model\n\n\n"
            'class Params(BaseModel):\n    embed_model: str = Field(default="default")\n\n\n'
            "def build(params):\n    return resolve_embed_model(params.embed_model)\n",
            message='resolve_embed_model(`params.embed_model`), when that is "default", builds '
            "LlamaIndex's default OpenAI embedding model (OPENAI_API_KEY, api.openai.com): pass "
            "a model built for the provider",
        ),
        Example(
            "from pydantic import BaseModel, Field\n"
            "from llama_index.core.embeddings import resolve_embed_model\n\n\n"
            'class Params(BaseModel):\n    embed_model: str = Field(default="default")\n\n\n'
            "def build(params, ours):\n"
            "    return (\n"
            '        ours if params.embed_model == "default" '
            "else resolve_embed_model(params.embed_model)\n"
            "    )\n",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = mentions_framework(ctx)
        # the default models this module may still be reported for using
        self.unset = set(ctx.rules.facts.llamaindex_unset) if "llama_index" in ctx.text else set()
        # by default model: where the first top-level call of a function setting it is
        self._setter_calls: dict[str, int] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        if self.unset:
            self._default_use(node)
        if last_name(node.func) in _RESOLVER_NAMES:  # before resolving names: most calls are not
            resolved = self.ctx.qualnames(node.func) & set(li.DEFAULT_RESOLVERS)
            if resolved:
                self._resolver(node, li.DEFAULT_RESOLVERS[min(resolved)])
                return
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value != "from_defaults":
            return
        if not self.ctx.qualnames(node.func) & li.SERVICE_CONTEXT:
            return
        if any(a.star == "**" for a in node.args):
            return  # the mapping may hold them
        for name in li.SERVICE_CONTEXT_SETTINGS:
            arg = keyword(node, name)
            if arg is not None and not (
                isinstance(arg.value, cst.SimpleString) and arg.value.evaluated_value == "default"
            ):
                continue
            if self._set_globally(name):
                continue  # it starts from the global service context another module sets
            what = "LLM" if name == "llm" else "embedding model"
            self.report(
                node,
                f"ServiceContext.from_defaults() without {name}= uses LlamaIndex's default "
                f"OpenAI {what} {self._reaches()}: pass {name}= "
                f"{self._built_for(what)}",
                data={"framework": li.FRAMEWORK, "setting": name},
            )

    def _set_globally(self, setting: str) -> bool:
        """Whether the global service context gives `ServiceContext.from_defaults()` its
        `setting` here (`li.SERVICE_CONTEXT_SETTINGS`): a module this one imports sets it
        at its top level (through others too: `RunFacts.llamaindex_unset`), or only inside
        a function and this module imports it, as for the calls of `DEFAULT_USERS`. Not in
        a module setting it itself, whose own call may build that context."""
        if _sets_itself(self.ctx.text, setting):
            return False
        facts = self.ctx.rules.facts
        if setting not in facts.llamaindex_unset:
            return True
        setters = [n for s, n in facts.llamaindex_set_in if s == setting]
        return bool(setters) and imports_any_file(self.ctx, setters)

    def _default_use(self, node: cst.Call) -> None:
        """A call that uses a default model no file of the project sets: reported once a module
        for each model (one place to say it; the setting is made once for the program)."""
        settings = _settings_used(self.ctx, node)
        if not settings:
            self._settings_read(node)
            return
        spread = _spread_keys(self.ctx, node)
        if spread is None:
            return  # its function's callers decide what the `**` parameter holds
        mappings = [f"**{self.ctx.code(a.value)}" for a in node.args if a.star == "**"]
        nor = f" (nor in {', '.join(mappings)})" if mappings else ""
        for setting in settings:
            if setting in self.unset and not any(
                _given(node, name) or name in spread for name in li.DEFAULT_OVERRIDES[setting]
            ):
                used = f"{self.snippet(node.func)}() uses LlamaIndex's default"
                self._report_default(node, setting, used, f"it is given no {setting}={nor} and ")

    def _settings_read(self, call: cst.Call) -> None:
        """`Settings.llm.complete(...)`: a call on the default itself."""
        func = call.func
        while isinstance(func, cst.Attribute):
            setting = func.attr.value
            if setting in li.DEFAULT_SETTINGS and setting in self.unset:
                if any(
                    n.startswith("llama_index.") and n.endswith(f".Settings.{setting}")
                    for n in self.ctx.qualnames(func)
                ):
                    used = f"{self.snippet(func)} is LlamaIndex's default"
                    self._report_default(func, setting, used, "")
                return
            func = func.value

    def _report_default(self, node: cst.CSTNode, setting: str, used: str, given: str) -> None:
        """Report the use of a default model (`used`: what uses it; `given`: why the call's
        own arguments do not replace it), once a module for each model. A setting counts
        where the program may run it: the module making it at its top level, and those that
        import it (screening tells which of them this one is not: `llamaindex_set_apart`);
        one made only inside a function, the module making it and those that import it
        (they may call the function). A module that does neither may be run alone: a script
        beside the server that sets it."""
        facts = self.ctx.rules.facts
        setters = sorted(n for s, n in facts.llamaindex_set_in if s == setting)
        if _sets_itself(self.ctx.text, setting) and self._before_own_setting(
            node, setting, setters
        ):
            self.unset.discard(setting)
            self.report(
                node,
                f"{used} {_WHAT[setting]}: {given}Settings.{setting} is set only inside a "
                "function of this module, which has not run when its top level gets here, so "
                "importing or running this module makes LlamaIndex build OpenAI's "
                f"{_DEFAULT_MODEL[setting]} {self._reaches()}; set Settings.{setting} to "
                f"{self._built_for(_WHAT[setting])} at the top level of this module before "
                f"this call or of a module it imports, or pass {setting}=",
                data={"framework": li.FRAMEWORK, "setting": setting},
            )
            return
        if _sets_itself(self.ctx.text, setting) and not self.ctx.path.endswith(".ipynb"):
            return  # a use in a function, which may run after the setting's: the next may not
        self.unset.discard(setting)
        llm = setting == "llm"
        what, default = (
            ("LLM", "gpt-3.5-turbo") if llm else ("embedding model", "text-embedding-ada-002")
        )
        name = f"Settings.{setting}"
        tops = sorted(n for s, n in facts.llamaindex_set_apart if s == setting)
        notebook = self.ctx.path.endswith(".ipynb")
        if notebook and _sets_itself(self.ctx.text, setting):
            return  # a notebook's own setting, which counts for it alone (`run_facts`)
        if not setters and not tops:
            unset = (
                f"this notebook does not set {name} (another notebook's setting does not reach "
                "it), nor does a module of the project at its top level"
                if notebook
                else f"no file of this project sets {name}"
            )
            self.report(
                node,
                f"{used} {what}: {given}{unset}, so LlamaIndex "
                f"builds OpenAI's {default} {self._reaches()}; set {name} to "
                f"{self._built_for(what)} once at start (llama-index<0.10: "
                f"set_global_service_context), or pass {setting}=",
                data={"framework": li.FRAMEWORK, "setting": setting},
            )
            return
        if _sets_itself(self.ctx.text, setting):
            return
        if setters and imports_any_file(self.ctx, setters):
            return
        this = "this notebook" if notebook else "this module"
        where = [f"at the top level of {_listed(tops)}"] if tops else []
        if setters:
            where.append(f"{'' if tops else 'only '}inside a function of {_listed(setters)}")
        many = len(tops) + len(setters) > 1
        none = f"none of which {this} imports" if many else f"which {this} does not import"
        if not tops:
            runs = "a program that gets here without calling that function (a script, a worker)"
        elif notebook:
            runs = f"its kernel, which {'runs none of them' if many else 'does not run it'},"
        else:
            them = "them" if many else "it"
            runs = f"a program that runs this module without importing {them} (a script of its own)"
        self.report(
            node,
            f"{used} {what}: {given}{name} is set {' and '.join(where)}, {none}, so {runs} "
            f"makes LlamaIndex build OpenAI's {default} {self._reaches()}; set {name} to "
            f"{self._built_for(what)} in {this} or at the top level of a module it imports, "
            f"or pass {setting}=",
            data={"framework": li.FRAMEWORK, "setting": setting},
        )

    def _before_own_setting(self, node: cst.CSTNode, setting: str, setters: list[str]) -> bool:
        """Whether `node` runs at this module's top level (also under `if __name__ ==
        "__main__":`) while the module sets `setting` only inside a function that no top-level
        call before it may have run (a call of a function of the module setting it, or calling
        one that does), nor one of a module it imports that sets it in a function."""
        if not _at_top(self.ctx, node):
            return False
        if imports_any_file(self.ctx, setters):
            return False
        if setting not in self._setter_calls:
            self._setter_calls[setting] = _first_setter_call(self.ctx, setting)
        return self.ctx.index_of(node) < self._setter_calls[setting]

    def _resolver(self, node: cst.Call, what: str) -> None:
        """`resolve_embed_model("default")`: LlamaIndex's default OpenAI model."""
        arg = node.args[0] if node.args and node.args[0].keyword is None else None
        if arg is None:
            return
        name = last_name(node.func)
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is not None:
            if resolved[1] != "default":
                return
            called = f'{name}("default")'
        elif _defaults_to_default(self.ctx.text, last_name(arg.value)):
            # a setting the module gives "default" (rags' `embed_model` field)
            called = f'{name}(`{self.snippet(arg.value)}`), when that is "default",'
        else:
            return
        if _not_default_there(self.ctx, node, arg.value):
            return  # `emb if x == "default" else resolve_embed_model(x)`
        self.report(
            node,
            f"{called} builds LlamaIndex's default OpenAI {what} {self._reaches()}: pass "
            f"{self._built_for(what)}",
            data={"framework": li.FRAMEWORK, "setting": name or ""},
        )

    def _reaches(self) -> str:
        """Where LlamaIndex's default OpenAI class sends its requests, in parentheses. It takes
        its key and base URL from OPENAI_API_KEY / OPENAI_API_BASE, else from the openai
        module's `api_key` / `base_url` (`resolve_openai_credentials`), which ML103 points at
        the provider: the provider then gets OpenAI's model name."""
        if not self.ctx.rules.switching:
            return _OPENAI_DEFAULT
        if _MODULE_SETTINGS.search(self.ctx.text) and module_base_readers(self.ctx):
            return (
                "(its key from OPENAI_API_KEY, else the openai.api_key this module sets, and "
                "its base URL from OPENAI_API_BASE, else the openai.base_url it sets: apply "
                "leaves those on OpenAI (ML103); pointed at the provider, they would send it "
                "OpenAI's model name, and OPENAI_API_KEY where it is set)"
            )
        if _MODULE_SETTINGS.search(self.ctx.text):
            return (
                "(its key from OPENAI_API_KEY, else the openai.api_key this module sets, and "
                "its base URL from OPENAI_API_BASE, else the openai.base_url it sets, which "
                "then gets OpenAI's model name)"
            )
        if self.ctx.rules.facts.openai_configured:
            return (
                "(OPENAI_API_KEY, api.openai.com; or, where the program sets openai.api_key "
                "and openai.base_url, as a file of this project does, that endpoint, which "
                "then gets OpenAI's model name)"
            )
        return _OPENAI_DEFAULT

    def _built_for(self, what: str) -> str:
        """What to pass instead of the default `what` ("LLM", "embedding model")."""
        provider = self.provider
        if what != "LLM" and provider is not None and provider.support("embeddings") is False:
            return f"an embedding model of a provider that serves them ({provider.name} has none)"
        return "a model built for the provider"


_OPENAI_DEFAULT = "(OPENAI_API_KEY, api.openai.com)"
# the openai module's settings LlamaIndex's OpenAI classes read (not in a comment)
_MODULE_SETTINGS = re.compile(r"^[ \t]*openai\.(?:api_key|base_url|api_base)\s*=(?!=)", re.M)
_RESOLVER_NAMES = frozenset(name.rsplit(".", 1)[1] for name in li.DEFAULT_RESOLVERS)
_DEFAULT_USER_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in li.DEFAULT_USERS)


_WHAT = {"llm": "LLM", "embed_model": "embedding model"}
_DEFAULT_MODEL = {"llm": "gpt-3.5-turbo", "embed_model": "text-embedding-ada-002"}


def default_models_built(ctx: PythonContext, call: cst.Call) -> str:
    """The default models ("LLM", "embedding model", both joined by "and") that `call` makes
    LlamaIndex build on OpenAI: it uses a setting no file of the project sets
    (`RunFacts.llamaindex_unset`) nor this module, given no model of its own for it nor a
    `**` mapping; llama-index<0.10's `ServiceContext.from_defaults()` without them; a
    resolver given "default" (`li.DEFAULT_RESOLVERS`); "" for none."""
    if any(a.star == "**" for a in call.args):
        return ""
    func = call.func
    if (
        isinstance(func, cst.Attribute)
        and func.attr.value == "from_defaults"
        and ctx.qualnames(func) & li.SERVICE_CONTEXT
    ):  # llama-index<0.10: each model it is not given
        return " and ".join(
            _WHAT[name]
            for name in li.SERVICE_CONTEXT_SETTINGS
            if (arg := keyword(call, name)) is None
            or (isinstance(arg.value, cst.SimpleString) and arg.value.evaluated_value == "default")
        )
    if last_name(call.func) in _RESOLVER_NAMES and call.args and call.args[0].keyword is None:
        resolved = ctx.qualnames(call.func) & set(li.DEFAULT_RESOLVERS)
        literal = ctx.resolve_literal(call.args[0].value) if resolved else None
        if resolved and literal is not None and literal[1] == "default":
            return li.DEFAULT_RESOLVERS[min(resolved)]  # `resolve_embed_model("default")`
    unset = ctx.rules.facts.llamaindex_unset
    if not unset:
        return ""
    built = [
        _WHAT[setting]
        for setting in _settings_used(ctx, call)
        if setting in unset
        and not _sets_itself(ctx.text, setting)
        and not any(_given(call, name) for name in li.DEFAULT_OVERRIDES[setting])
    ]
    return " and ".join(built)


def _first_setter_call(ctx: PythonContext, setting: str) -> int:
    """The index in `ctx.nodes` of the first call at the module's top level of a function of
    the module setting `setting` (or calling one that does, and so on); past the end if none."""
    functions = [n for n in ctx.nodes if type(n) is cst.FunctionDef]
    names = {f.name.value for f in functions if _sets_itself(ctx.code(f), setting)}
    while names:  # the functions calling one that sets it, and so on
        called = re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\s*\(")
        callers = {
            f.name.value
            for f in functions
            if f.name.value not in names and called.search(ctx.code(f))
        }
        if not callers:
            break
        names |= callers
    for i, n in enumerate(ctx.nodes):
        if type(n) is cst.Call and last_name(n.func) in names and _at_top(ctx, n):
            return i
    return len(ctx.nodes)


def _at_top(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` runs when its module is imported or run, in no function."""
    scope = ctx.scope(node)
    while scope is not None and not isinstance(scope, GlobalScope):
        if isinstance(scope, FunctionScope):
            return False
        scope = scope.parent
    return True


def _sets_itself(text: str, setting: str) -> bool:
    """Whether a module's text sets the default model `setting` (anywhere in it). What the
    text sets is kept for the text last asked (`_made`): a module's reports ask it of the
    same text several times."""
    if not (_made and _made[0][0] is text):
        _made[:] = [(text, settings_made(text.encode("utf-8", "surrogateescape")))]
    return setting in _made[0][1]


# (the text last given to `_sets_itself`, the settings it makes): held, so that no other
# text can be that object meanwhile
_made: list[tuple[str, frozenset[str]]] = []


def _listed(files: list[str]) -> str:
    """The first three of `files`, and how many more."""
    return ", ".join(files[:3]) + (f" and {len(files) - 3} more" if files[3:] else "")


def _spread_keys(ctx: PythonContext, call: cst.Call) -> frozenset[str] | None:
    """The keys the mappings `call` is given with `**` are known to hold: those of a dict
    display written there, or assigned to the name or `self.X` spread (in its class; private-
    gpt's `self._vector_kwargs = {...}`), and those the module sets on it by key
    (`kw["embed_model"] = m`, `kw.update(embed_model=m)`). A mapping shown otherwise (an
    attribute assigned a parameter, a call's result) is known to hold none: LlamaIndex then
    falls back on its default. None where one is a parameter of the function making the call
    (`**kwargs`), or `self.X` assigned only such parameters (`self._kwargs = kwargs`): its
    callers decide what it holds."""
    keys: set[str] = set()
    for arg in call.args:
        if arg.star != "**":
            continue
        value = arg.value
        if isinstance(value, cst.Name):
            if _parameter(ctx, value):
                return None
            bound = [b for b in ctx.bindings(value) if isinstance(b, Assignment)]
            values = [ctx.index.assigned.get(id(b.node)) for b in bound]
        elif self_attribute(value):
            values = list(ctx.self_values(cast(cst.Attribute, value)))
            if values and all(_parameter(ctx, v) for v in values):
                return None  # `self._kwargs = kwargs`: what the class's callers give
        else:
            values = [value]
        for held in values:
            keys.update(_written_keys(ctx, held))
        keys.update(_keys_set(ctx, value))
    return frozenset(keys)


def _parameter(ctx: PythonContext, value: cst.BaseExpression | None) -> bool:
    """Whether `value` is a parameter of the function it is written in."""
    if not isinstance(value, cst.Name):
        return False
    bound = ctx.bindings(value)
    return bool(bound) and all(
        isinstance(b, Assignment) and isinstance(b.node, cst.Param) for b in bound
    )


def _written_keys(ctx: PythonContext, value: cst.BaseExpression | None, depth: int = 3) -> set[str]:
    """The string keys a dict display (and the displays it spreads, through names bound once)
    or a `dict(k=v)` call is written with."""
    if isinstance(value, cst.Name) and depth:
        return _written_keys(ctx, ctx.bound_value(value), depth - 1)
    if isinstance(value, cst.Call) and last_name(value.func) == "dict":
        return {a.keyword.value for a in value.args if a.keyword is not None}
    if not isinstance(value, cst.Dict):
        return set()
    keys: set[str] = set()
    for element in value.elements:
        if isinstance(element, cst.StarredDictElement) and depth:
            keys.update(_written_keys(ctx, element.value, depth - 1))
        elif isinstance(element, cst.DictElement) and (key := string_value(element.key)):
            keys.add(key)
    return keys


def _keys_set(ctx: PythonContext, mapping: cst.BaseExpression) -> set[str]:
    """The keys the module sets on `mapping` (a name, or `self.X` in the same class) by
    subscript (`kw["embed_model"] = m`) or `update(...)` / `setdefault(...)`."""
    code = ctx.code(mapping)
    keys: set[str] = set()
    for node in ctx.nodes:
        if type(node) is cst.Assign:
            for target in node.targets:
                sub = target.target
                if (
                    isinstance(sub, cst.Subscript)
                    and len(sub.slice) == 1
                    and isinstance(sub.slice[0].slice, cst.Index)
                    and ctx.code(sub.value) == code
                    and (key := string_value(sub.slice[0].slice.value))
                ):
                    keys.add(key)
        elif (
            type(node) is cst.Call
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("update", "setdefault")
            and ctx.code(node.func.value) == code
        ):
            for given in node.args:
                if given.keyword is not None:
                    keys.add(given.keyword.value)
                elif node.func.attr.value == "setdefault" and (key := string_value(given.value)):
                    keys.add(key)
                    break
                else:
                    keys.update(_written_keys(ctx, given.value))
    return keys


def _given(call: cst.Call, name: str) -> bool:
    """Whether `call` passes `name=` something other than None (LlamaIndex takes a None
    model for "use the default")."""
    arg = keyword(call, name)
    return arg is not None and not (isinstance(arg.value, cst.Name) and arg.value.value == "None")


def _settings_used(ctx: PythonContext, call: cst.Call) -> tuple[str, ...]:
    """The default models a call may fall back on (`DEFAULT_USERS`): an index's methods by
    name, the rest by a qualified name under `llama_index` (cheaply ruled out by its last)."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in li.DEFAULT_USER_METHODS:
        return li.DEFAULT_USER_METHODS[func.attr.value]
    if last_name(func) not in _DEFAULT_USER_NAMES:
        return ()
    for name in sorted(ctx.qualnames(func)):
        if name.startswith("llama_index."):
            for suffix, settings in li.DEFAULT_USERS.items():
                if name.endswith("." + suffix):
                    return settings
    return ()


def _not_default_there(ctx: PythonContext, call: cst.Call, value: cst.BaseExpression) -> bool:
    """Whether `call` runs only where `value` (its argument) is not "default": in the `else`
    of an `if` or conditional expression testing `value == "default"`, in the body of one
    testing `value != "default"`, right of `value != "default" and` or `value == "default"
    or`, or after `if value == "default":` ending in return or raise in the same block."""
    written = ctx.code(value)
    path = (*ctx.ancestors(call), call)
    for parent, child in itertools.pairwise(path):
        if isinstance(parent, (cst.If, cst.IfExp)):
            if child is parent.orelse and _tests_default(ctx, parent.test, written, True):
                return True
            if child is parent.body and _tests_default(ctx, parent.test, written, False):
                return True
        elif isinstance(parent, cst.BooleanOperation) and child is parent.right:
            is_default = isinstance(parent.operator, cst.Or)
            if _tests_default(ctx, parent.left, written, is_default):
                return True
        elif isinstance(parent, cst.IndentedBlock | cst.Module) and child in parent.body:
            before = parent.body[: parent.body.index(child)]
            if any(
                isinstance(s, cst.If)
                and _tests_default(ctx, s.test, written, True)
                and ends_in_exit(s.body)
                for s in before
            ):
                return True
    return False


def _tests_default(ctx: PythonContext, test: cst.BaseExpression, written: str, equal: bool) -> bool:
    """Whether `test` is `<written> == "default"` (`equal`) or `<written> != "default"`,
    either side."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if not isinstance(target.operator, cst.Equal if equal else cst.NotEqual):
        return False
    sides = (test.left, target.comparator)
    return any(
        ctx.code(side) == written and string_value(other) == "default"
        for side, other in (sides, sides[::-1])
    )


def _defaults_to_default(text: str, name: str | None) -> bool:
    """Whether the module gives the setting `name` the default "default" (`name = "default"`,
    `name: str = Field(default="default", ...)`, a parameter's default)."""
    if not name:
        return False
    pattern = (
        rf"\b{re.escape(name)}\s*(?::[^=\n]*)?=\s*(?:Field\(\s*(?:default\s*=\s*)?)?"
        r"[\"']default[\"']"
    )
    return re.search(pattern, text) is not None


class LlamaIndexModelNameHelper(PythonRule):
    """A LlamaIndex helper that knows OpenAI's model names only, asked about a run-time model.

    ## What it does
    Finds calls of `is_function_calling_model`, `is_chat_model` and
    `openai_modelname_to_contextsize` from `llama_index.llms.openai_utils` (llama-index<0.10)
    and `is_chat_model`, `openai_modelname_to_contextsize` from `llama_index.llms.openai.utils`
    (`frameworks/llamaindex.py`'s `NAME_ONLY_FUNCTIONS`), unless given an OpenAI model id
    written at the call. And, where a requirements file of the project (`pyproject.toml`,
    `setup.cfg`) pins llama-index below 0.9.13 (`llama-index==0.9.7`),
    `OpenAIAgent.from_tools(...)` given an LLM (`NAME_CHECKING_AGENTS`); without such a pin
    it is not reported (0.9.13 and later check the LLM's metadata).

    ## Why
    They look the name up in LlamaIndex's lists of OpenAI models. After the switch the
    program's models are the provider's (`apply` maps them; ML611 makes the LLM an
    `OpenAILike` with a provider model), so `is_function_calling_model(llm.model)` returns
    False and the program quietly takes its other branch (a ReAct agent instead of an
    OpenAI function-calling one), and `openai_modelname_to_contextsize` raises ValueError.
    Nothing fails where `check` can see it. Before 0.9.13, `OpenAIAgent.from_tools` itself
    checks `is_function_calling_model(llm.model)` and raises ValueError for the provider's
    model: the program stops at start-up.

    ## Fix (manual)
    Read the LLM's metadata instead (`llm.metadata.is_function_calling_model`,
    `llm.metadata.is_chat_model`, `llm.metadata.context_window`), which `OpenAILike` takes
    from its own arguments. On a pinned llama-index<0.9.13 the message says so for
    `is_function_calling_model` too: upgrade llama-index to 0.9.13 or later, or use
    `ReActAgent`. Silent with `--provider openai`.

    ## Data
    `function` (the helper's qualified name); `upgrade` (`llama-index>=0.9.13`) where the pin
    matters.
    """

    code = "ML614"
    name = "llamaindex-openai-name-helper"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    silent_when_modernising = True  # OpenAI's model names stay then
    examples = (
        Example(
            "from llama_index.llms.openai_utils import is_function_calling_model\n\n\n"
            "def pick(llm):\n    return is_function_calling_model(llm.model)\n",
            provider="acme",
            message="is_function_calling_model() knows OpenAI's model names only: given an "
            "Acme Cloud model (the program's models after the switch) it returns False; read "
            "llm.metadata.is_function_calling_model instead, by hand",
        ),
        Example(
            "from llama_index.llms.openai.utils import openai_modelname_to_contextsize\n\n"
            "window = openai_modelname_to_contextsize(MODEL)\n",
            message="openai_modelname_to_contextsize() knows OpenAI's model names only: given "
            "another provider's model it raises ValueError; read llm.metadata.context_window "
            "instead, by hand",
        ),
        Example(
            "from llama_index.llms.openai_utils import is_chat_model\n\n"
            'CHAT = is_chat_model("gpt-4")\n',
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.wanted = any(name.rpartition(".")[2] in ctx.text for name in li.NAME_ONLY_FUNCTIONS)
        # a requirements file of the run pins a llama-index whose OpenAIAgent checks the name
        self.pinned = ctx.rules.facts.llamaindex_agent_by_name
        self.agents = self.pinned and "OpenAIAgent" in ctx.text

    def visit_Call(self, node: cst.Call) -> None:
        if not (self.wanted or self.agents) or last_name(node.func) is None:
            return
        names = self.ctx.qualnames(node.func)
        if self.agents and names & li.NAME_CHECKING_AGENTS:
            self._agent(node, min(names & li.NAME_CHECKING_AGENTS))
            return
        found = sorted(names & li.NAME_ONLY_FUNCTIONS.keys())
        if not found:
            return
        if node.args and node.args[0].keyword is None:
            resolved = self.ctx.resolve_literal(node.args[0].value)
            written = resolved is not None and resolved[2] == "literal"
            if written and resolved and self.ctx.rules.openai.serves(resolved[1]):
                return  # `is_chat_model("gpt-4")`: an OpenAI name stays one
        outcome, instead = li.NAME_ONLY_FUNCTIONS[found[0]]
        name = found[0].rpartition(".")[2]
        message = (
            f"{name}() knows OpenAI's model names only: given {self._model()} it {outcome}; "
            f"read {instead} instead, by hand"
        )
        data = {"function": found[0]}
        if self.pinned and name == "is_function_calling_model":
            message += (
                f"; on llama-index<{_FIRST}, which the project's requirements pin, "
                f"OpenAIAgent.from_tools() checks the name too and refuses the model: {_UPGRADE}"
            )
            data["upgrade"] = f"llama-index>={_FIRST}"
        self.report(node.func, message, data=data)

    def _agent(self, node: cst.Call, qualname: str) -> None:
        """`OpenAIAgent.from_tools(tools, llm=llm)` on a pinned llama-index that checks the
        LLM's model name (`li.NAME_CHECKING_AGENTS`); without an LLM it builds OpenAI's."""
        keyword_name, position = li.AGENT_LLM_ARGUMENT
        arg = keyword(node, keyword_name)
        if arg is None:
            positional = [a for a in node.args if a.keyword is None]
            if any(a.star for a in node.args[: position + 1]) or len(positional) <= position:
                return
            arg = positional[position]
        if isinstance(arg.value, cst.Name) and arg.value.value == "None":
            return
        self.report(
            node.func,
            f"OpenAIAgent.from_tools() checks the LLM's model name on llama-index<{_FIRST}, "
            f"which the project's requirements pin: given {self._model()} it raises "
            f'ValueError ("does not support function calling API"); {_UPGRADE}, by hand',
            data={"function": qualname, "upgrade": f"llama-index>={_FIRST}"},
        )

    def _model(self) -> str:
        provider = self.provider
        if provider is None:
            return "another provider's model"
        return (
            f"{article(provider.name)} {provider.name} model (the program's models after "
            "the switch)"
        )


_FIRST = version_text(li.FIRST_AGENT_BY_METADATA)
_UPGRADE = f"upgrade llama-index to >={_FIRST} or use ReActAgent"


LLAMAINDEX_RULES = (LlamaIndexOpenAI, LlamaIndexDefaults, LlamaIndexModelNameHelper)


def _model_to(data: dict) -> str | None:
    """The provider's model a plan's data says the class is given, if one."""
    model = data.get("model_to")
    return model if isinstance(model, str) else None
