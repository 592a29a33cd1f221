"""ML689: graphiti's config classes given the provider's key or model without a base URL, and
`Graphiti(...)` building its default OpenAI clients. What graphiti looks like is in
`migrate_llm.frameworks.graphiti`.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import graphiti as gr
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import keyword
from migrate_llm.rules.rewrite import keyword_insertion
from migrate_llm.rules.wording import and_listed


class GraphitiOpenAI(PythonRule):
    """graphiti's configs without a base URL, and `Graphiti(...)` without its clients.

    ## What it does
    Finds, by qualified name, `LLMConfig(...)` and `OpenAIEmbedderConfig(...)` of graphiti-core
    given the provider's key (a read of its key variable) or one of its models, with no
    `base_url=`; and `Graphiti(...)` not given `llm_client`, `embedder` or `cross_encoder`
    (by keyword or position; `None` counts as not given).

    ## Why
    graphiti's OpenAI clients (OpenAIClient, OpenAIGenericClient, OpenAIEmbedder,
    OpenAIRerankerClient) build `AsyncOpenAI(api_key=config.api_key,
    base_url=config.base_url)`: a config without `base_url` sends the provider's key and model
    to api.openai.com. For what it is not given, `Graphiti(...)` builds `OpenAIClient()`,
    `OpenAIEmbedder()` and `OpenAIRerankerClient()`, which read OPENAI_API_KEY and talk to
    OpenAI; OpenAIClient calls the Responses API (`responses.parse`), and the reranker asks
    for `logprobs`.

    ## Fix (review / manual)
    A config whose arguments are all keywords gets `base_url=os.environ.get("<PROVIDER>_BASE_URL",
    "<official URL>")` (review); any other is left to you (manual). `Graphiti(...)` is left to
    you (an error, so `check` fails): the message names what to pass, built from the provider
    file: `OpenAIGenericClient` (chat completions) with `structured_output_mode='json_object'`
    where the file does not confirm structured outputs (json_schema), an `OpenAIEmbedder` on
    the provider's embedding model, and an `OpenAIRerankerClient`, noting whether the file
    confirms the `logprobs` it needs. An OpenAI client given no `config` (nor `client`), or
    an `OpenAIClient` where the provider file does not list the Responses API, is left to you
    likewise, with the client to build. A `**mapping` or `*args` in a call is not judged.

    ## Data
    `framework` ("graphiti"), `class`; for a config `api_key_env` or `model`, `base_url_env`;
    for `Graphiti` `missing` (the keywords not given) and, with a provider, `api_key_env`,
    `base_url_env`.
    """

    code = "ML689"
    name = "graphiti-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "import os\n\nfrom graphiti_core.llm_client import LLMConfig\n\n"
            "llm = OpenAIRerankerClient(config=LLMConfig(api_key=os.environ['ACME_API_KEY'], "
            "model='acme-large'))\n",
            provider="acme",
            message="LLMConfig() (graphiti) is given ACME_API_KEY and no base_url: graphiti's "
            "OpenAI clients send it to api.openai.com; apply passes "
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")',
            after="import os\n\nfrom graphiti_core.llm_client import LLMConfig\n\n"
            "llm = OpenAIRerankerClient(\n"
            "    config=LLMConfig(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        api_key=os.environ['ACME_API_KEY'],\n"
            "        model='acme-large',\n"
            "    )\n"
            ")\n",
        ),
        Example(
            "from graphiti_core.embedder import OpenAIEmbedderConfig\n\n"
            "cfg = OpenAIEmbedderConfig(**{'api_key': k, 'embedding_model': 'acme-embed'})\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from graphiti_core import Graphiti\n\ng = Graphiti(uri, user, password)\n",
            provider="acme",
            message="Graphiti() (graphiti) builds OpenAIClient(), OpenAIEmbedder() and "
            "OpenAIRerankerClient() for what it is not given (llm_client, embedder, "
            "cross_encoder): they read OPENAI_API_KEY and talk to api.openai.com; for Acme "
            "Cloud pass llm_client=OpenAIGenericClient(LLMConfig("
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), model="acme-large"), '
            "structured_output_mode='json_object') (from graphiti_core.llm_client."
            "openai_generic_client import OpenAIGenericClient; Acme Cloud's structured "
            "outputs (json_schema) are not confirmed), "
            "embedder=OpenAIEmbedder(OpenAIEmbedderConfig("
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), embedding_model="acme-embed")) and '
            "cross_encoder=OpenAIRerankerClient(LLMConfig("
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), model="acme-large")) (it needs logprobs, which '
            "Acme Cloud's provider file does not confirm), by hand",
        ),
        Example(
            "import graphiti_core\n\ng = graphiti_core.Graphiti(uri, user, pw, llm, emb, ce)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from graphiti_core.cross_encoder import OpenAIRerankerClient\n\n"
            "rr = OpenAIRerankerClient()\n",
            provider="acme",
            message="OpenAIRerankerClient() (graphiti): given no config, it reads OPENAI_API_KEY "
            "and talks to api.openai.com; use OpenAIRerankerClient(LLMConfig("
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), model="acme-large")) (it needs logprobs, which '
            "Acme Cloud's provider file does not confirm), by hand",
        ),
        Example(
            "from graphiti_core.llm_client import OpenAIClient\n\nllm = OpenAIClient(config=cfg)\n",
            provider="acme",
            message="OpenAIClient() (graphiti): it calls the Responses API (responses.parse), "
            "which Acme Cloud's provider file does not list; use OpenAIGenericClient(LLMConfig("
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), model="acme-large"), '
            "structured_output_mode='json_object') (from graphiti_core.llm_client."
            "openai_generic_client import OpenAIGenericClient; Acme Cloud's structured "
            "outputs (json_schema) are not confirmed), by hand",
        ),
        Example(
            "class Graphiti:\n    pass\n\n\ng = Graphiti('bolt://x')\n",
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.mentions(gr.MODULE):
            return
        provider = self.provider
        if provider is not None and not self.ctx.rules.switching:
            return
        config = qualified(self.ctx, node.func, frozenset(gr.CONFIGS))
        if config is not None:
            if provider is not None:
                self._config(node, gr.CONFIGS[config], provider)
        elif qualified(self.ctx, node.func, gr.GRAPHITI) is not None:
            self._graphiti(node, provider)
        elif provider is not None:
            client = qualified(self.ctx, node.func, frozenset(gr.CLIENTS))
            if client is not None:
                self._client(node, client, provider)

    def _client(self, node: cst.Call, qualname: str, provider: Provider) -> None:
        """An OpenAI client given no config (OPENAI_API_KEY, api.openai.com), or graphiti's
        OpenAIClient, whose Responses API the provider may not offer."""
        if any(arg.star for arg in node.args):
            return
        name = qualname.rpartition(".")[2]
        given = keyword(node, gr.CONFIG_KEYWORD) or keyword(node, gr.CLIENT_KEYWORD)
        unconfigured = given is None and not any(arg.keyword is None for arg in node.args)
        responses = (
            name == gr.RESPONSES_CLIENT and provider.support(gr.RESPONSES_SURFACE) is not True
        )
        if not unconfigured and not responses:
            return
        reasons = []
        if unconfigured:
            reasons.append(
                f"given no {gr.CONFIG_KEYWORD}, it reads {gr.KEY_VARIABLE} and talks to "
                f"{gr.OPENAI_HOST}"
            )
        if responses:
            reasons.append(
                f"it calls the Responses API (responses.parse), which {provider.name}'s "
                "provider file does not list"
            )
        kind = gr.CLIENTS[qualname]
        client = {"llm": "llm_client", "embedder": "embedder", "reranker": "cross_encoder"}[kind]
        default = next(c for c in gr.DEFAULT_CLIENTS if c.keyword == client)
        advice = self._client_advice(default, provider).partition("=")[2]
        self.report(
            node,
            f"{name}() ({gr.LABEL}): {'; '.join(reasons)}; use {advice}, by hand",
            fix=FixClass.MANUAL,
            data={"framework": gr.LABEL, "class": name},
        )

    def _config(self, node: cst.Call, cls: gr.ConfigClass, provider: Provider) -> None:
        """A config given the provider's key or model and no base URL."""
        if any(arg.star for arg in node.args) or keyword(node, cls.base_url) is not None:
            return
        key = keyword(node, cls.key)
        read = env_var_read(self.ctx, key.value) if key is not None else None
        model = keyword(node, cls.model)
        resolved = self.ctx.resolve_literal(model.value) if model is not None else None
        data: dict[str, object] = {"framework": gr.LABEL, "class": cls.name}
        if read is not None and read[0] == provider.api_key_env:
            given = provider.api_key_env
            data["api_key_env"] = given
        elif resolved is not None and provider.serves(resolved[1]):
            given = f"{provider.name}'s model {resolved[1]!r}"
            data["model"] = resolved[1]
        else:
            return
        assert self.ctx.rules.base_url is not None
        url = base_url_expr(provider, self.ctx.rules.base_url)
        data["base_url_env"] = provider.base_url_env
        head = (
            f"{cls.name}() ({gr.LABEL}) is given {given} and no {cls.base_url}: graphiti's "
            f"OpenAI clients send it to {gr.OPENAI_HOST}"
        )
        simple = all(arg.keyword is not None for arg in node.args)
        edit = keyword_insertion(self.ctx, node, cls.base_url, url) if simple else None
        if edit is None:
            self.report(
                node, f"{head}; pass {cls.base_url}={url}, by hand", fix=FixClass.MANUAL, data=data
            )
            return
        edit = type(edit)(edit.span, edit.text, (IMPORT_OS,))
        self.report(node, f"{head}; apply passes {cls.base_url}={url}", edit=edit, data=data)

    def _graphiti(self, node: cst.Call, provider: Provider | None) -> None:
        """`Graphiti(...)` building a default OpenAI client for what it is not given."""
        if any(arg.star for arg in node.args):
            return
        positional = [arg for arg in node.args if arg.keyword is None]
        missing = []
        for client in gr.DEFAULT_CLIENTS:
            arg = keyword(node, client.keyword)
            if arg is None and client.position < len(positional):
                arg = positional[client.position]
            if arg is None or (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                missing.append(client)
        if not missing:
            return
        built = and_listed([f"{client.built}()" for client in missing])
        keywords = ", ".join(client.keyword for client in missing)
        head = (
            f"{gr.GRAPHITI_NAME}() ({gr.LABEL}) builds {built} for what it is not given "
            f"({keywords}): they read {gr.KEY_VARIABLE} and talk to {gr.OPENAI_HOST}"
        )
        data: dict[str, object] = {
            "framework": gr.LABEL,
            "class": gr.GRAPHITI_NAME,
            "missing": [client.keyword for client in missing],
        }
        if provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm scan --provider ID` says what to pass instead",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        data |= {"api_key_env": provider.api_key_env, "base_url_env": provider.base_url_env}
        advice = and_listed([self._client_advice(client, provider) for client in missing])
        self.report(
            node,
            f"{head}; for {provider.name} pass {advice}, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )

    def _client_advice(self, client: gr.DefaultClient, provider: Provider) -> str:
        """What to pass as `client.keyword` for the provider, from its file."""
        assert self.ctx.rules.base_url is not None
        pointed = (
            f"api_key={key_expr(provider)}, "
            f"base_url={base_url_expr(provider, self.ctx.rules.base_url)}"
        )
        mapped = self.ctx.rules.map_model
        # for the LLM client, else what OpenAIGenericClient's own default maps to
        fallback = mapped(gr.GENERIC_MODEL) if client.keyword == "llm_client" else None
        model = mapped(client.default_model) or fallback or "<model>"
        name = provider.name
        if client.keyword == "embedder":
            if provider.support("embeddings") is False:
                return f"embedder=<an embedder of another service> ({name} has no embeddings API)"
            config = f'OpenAIEmbedderConfig({pointed}, embedding_model="{model}")'
            return f"embedder={gr.EMBEDDER_CLASS}({config})"
        config = f'LLMConfig({pointed}, model="{model}")'
        if client.keyword == "cross_encoder":
            logprobs = provider.params.get(gr.RERANKER_PARAM)
            if logprobs is True:
                return f"cross_encoder={gr.RERANKER_CLASS}({config})"
            why = (
                f"which {name} rejects: pass a CrossEncoderClient of another kind"
                if logprobs is False
                else f"which {name}'s provider file does not confirm"
            )
            return (
                f"cross_encoder={gr.RERANKER_CLASS}({config}) (it needs {gr.RERANKER_PARAM}, {why})"
            )
        if provider.support("structured_outputs") is True:
            return f"llm_client={gr.GENERIC_CLIENT}({config}) ({gr.GENERIC_IMPORT})"
        mode = (
            f"{name}'s structured outputs (json_schema) are not confirmed, json_object is"
            if provider.support("json_mode") in (True, "partial")
            else f"{name}'s structured outputs (json_schema) are not confirmed"
        )
        return (
            f"llm_client={gr.GENERIC_CLIENT}({config}, {gr.JSON_OBJECT_MODE}) "
            f"({gr.GENERIC_IMPORT}; {mode})"
        )


GRAPHITI_RULES = (GraphitiOpenAI,)
