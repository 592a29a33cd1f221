"""ML689: graphiti's config classes given the provider's key or model without a base URL, and
`Graphiti(...)` building its default OpenAI clients. What graphiti looks like is in
`migrate_llm.frameworks.graphiti`.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import graphiti as gr
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.env_roles import switched_keys
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import keyword_insertion
from migrate_llm.rules.wording import and_listed


class GraphitiOpenAI(PythonRule):
    """graphiti's configs without a base URL, and `Graphiti(...)` without its clients.

    ## What it does
    Finds, by qualified name, `LLMConfig(...)` and `OpenAIEmbedderConfig(...)` of graphiti-core
    given the provider's key (a read of its key variable, also through a name bound to one) or
    one of its models, or a read of OpenAI's key that ML401 points at the provider's, with no
    `base_url=`; `Graphiti(...)` not given `llm_client`, `embedder` or `cross_encoder`
    (by keyword or position; `None` counts as not given); and `OpenAIGenericClient(...)`
    asking for structured outputs by json_schema (its default).

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
    "<official URL>")` (review), in the same pass as ML401 renames OpenAI's key there; any
    other is left to you (manual), and ML401 then leaves OpenAI's key given it
    (`config_key_left`): the key and the base URL move together or not at all. An
    `OpenAIGenericClient` not given a mode gets `structured_output_mode="json_object"` where
    the provider file does not confirm json_schema and confirms json_object (review; a
    warning, an error where the file rejects json_schema); one given json_schema is left to
    you. In the project's own graphiti (the classes imported from the project), the clients it
    builds are migrated where they are built: only what still fails at the provider is
    reported (the Responses API, embeddings, `logprobs`). `Graphiti(...)` is left to
    you (an error, so `check` fails): the message names what to pass, built from the provider
    file: `OpenAIGenericClient` (chat completions) with `structured_output_mode='json_object'`
    where the file does not confirm structured outputs (json_schema), an `OpenAIEmbedder` on
    the provider's embedding model, and an `OpenAIRerankerClient`, noting whether the file
    confirms the `logprobs` it needs. An OpenAI client given no `config` (nor `client`), or
    an `OpenAIClient` where the provider file does not list the Responses API, is left to you
    likewise, with the client to build. A `**mapping` or `*args` in a call is not judged.

    ## Data
    `framework` ("graphiti"), `class`; for a config `api_key_env` (with `variable_from`,
    OpenAI's variable ML401 renames) or `model`, `base_url_env`; for a generic client
    `structured_output_mode` ("json_schema");
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
        # t54e D-G1: OpenAI's key, which ML401 renames in the same pass, through a constant
        Example(
            "import os\n\nfrom graphiti_core.llm_client import LLMConfig\n\n"
            "KEY = os.environ['OPENAI_API_KEY']\n"
            "config = LLMConfig(api_key=KEY, model='acme-large')\n",
            provider="acme",
            message="LLMConfig() (graphiti) is given OPENAI_API_KEY, which apply points at "
            "ACME_API_KEY, and no base_url: graphiti's OpenAI clients send it to "
            'api.openai.com; apply passes base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1")',
        ),
        Example(
            "import os\n\nfrom graphiti_core.llm_client import LLMConfig\n\n"
            "config = LLMConfig(os.environ['OPENAI_API_KEY'], 'gpt-4o')\n",
            provider="acme",
            message="LLMConfig() (graphiti) is given OPENAI_API_KEY and no base_url: graphiti's "
            "OpenAI clients send it to api.openai.com; pass base_url=os.environ.get("
            '"ACME_BASE_URL", "https://api.acme.example/v1") and the key from ACME_API_KEY '
            "(apply leaves both: an argument given by position), by hand",
        ),
        # t54e D-G3: json_schema, OpenAIGenericClient's default
        Example(
            "from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient\n\n"
            "llm = OpenAIGenericClient(config)\n",
            provider="acme",
            message="OpenAIGenericClient() (graphiti) asks for structured outputs by json_schema "
            "(its default), which Acme Cloud's provider file rejects; apply passes "
            "structured_output_mode='json_object' (json_object, which it confirms; graphiti then "
            "puts the schema in the prompt)",
            after="from graphiti_core.llm_client.openai_generic_client import "
            "OpenAIGenericClient\n\n"
            'llm = OpenAIGenericClient(config, structured_output_mode="json_object")\n',
        ),
        Example(
            "from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient\n\n"
            "llm = OpenAIGenericClient(config=config, structured_output_mode='json_object')\n",
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
        """An OpenAI client given no config (OPENAI_API_KEY, api.openai.com: not said of a
        class of the project's own, whose client apply points where it is built), graphiti's
        OpenAIClient, whose Responses API the provider may not offer, or an
        OpenAIGenericClient asking for json_schema (`_mode`)."""
        if any(arg.star for arg in node.args):
            return
        name = qualname.rpartition(".")[2]
        own = project_module(self.ctx, node.func) is not None
        given = keyword(node, gr.CONFIG_KEYWORD) or keyword(node, gr.CLIENT_KEYWORD)
        unconfigured = (
            not own and given is None and not any(arg.keyword is None for arg in node.args)
        )
        responses = (
            name == gr.RESPONSES_CLIENT and provider.support(gr.RESPONSES_SURFACE) is not True
        )
        if not unconfigured and not responses:
            if name == gr.GENERIC_CLIENT:
                self._mode(node, provider)
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

    def _mode(self, node: cst.Call, provider: Provider) -> None:
        """An OpenAIGenericClient asking for structured outputs by json_schema (its default,
        or given) where the provider file does not confirm them: json_object where it
        confirms that (an edit where the mode is not given), else by hand."""
        formats = provider.params.get("response_format")
        schema = provider.support("structured_outputs")
        if formats is not None and schema == "unknown":
            schema = gr.DEFAULT_MODE in formats or False  # the formats it takes, listed
        if schema is True:
            return
        arg = _given(node, gr.MODE_KEYWORD, gr.MODE_POSITION)
        if arg is not None and string_value(arg.value) != gr.DEFAULT_MODE:
            return  # json_object, or chosen at run time
        said = {False: "rejects", "partial": "confirms only in part"}.get(
            schema, "does not confirm"
        )
        how = "its default" if arg is None else "given"
        head = (
            f"{gr.GENERIC_CLIENT}() ({gr.LABEL}) asks for structured outputs by "
            f"{gr.DEFAULT_MODE} ({how}), which {provider.name}'s provider file {said}"
        )
        data: dict[str, object] = {
            "framework": gr.LABEL,
            "class": gr.GENERIC_CLIENT,
            "structured_output_mode": gr.DEFAULT_MODE,
        }
        severity = Severity.ERROR if schema is False else Severity.WARNING
        json_mode = provider.support("json_mode")
        if formats is not None and json_mode == "unknown" and gr.OBJECT_MODE in formats:
            json_mode = True
        if json_mode not in (True, "partial"):
            self.report(
                node,
                f"{head}, nor {gr.OBJECT_MODE}: a request for structured output may fail "
                "there; check it, or pass a client of another kind, by hand",
                severity=severity,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        confirmed = f"{gr.OBJECT_MODE}, which it confirms" + (
            "" if json_mode is True else " on some models"
        )
        edit = _keyword_added(self.ctx, node, gr.MODE_KEYWORD, literal(gr.OBJECT_MODE))
        if arg is not None or edit is None:
            self.report(
                node,
                f"{head}; pass {gr.JSON_OBJECT_MODE} ({confirmed}; graphiti then puts the "
                "schema in the prompt), by hand",
                severity=severity,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        self.report(
            node,
            f"{head}; apply passes {gr.JSON_OBJECT_MODE} ({confirmed}; graphiti then puts the "
            "schema in the prompt)",
            severity=severity,
            edit=edit,
            data=data,
        )

    def _config(self, node: cst.Call, cls: gr.ConfigClass, provider: Provider) -> None:
        """A config given the provider's key or model and no base URL, or OpenAI's key that
        ML401 points at the provider's variable: its base URL moves in the same pass."""
        if any(arg.star for arg in node.args) or _given(node, cls.base_url, cls.base_url_position):
            return
        key = _given(node, cls.key, cls.key_position)
        read = key_read(self.ctx, key.value) if key is not None else None
        model = keyword(node, cls.model)
        resolved = self.ctx.resolve_literal(model.value) if model is not None else None
        data: dict[str, object] = {"framework": gr.LABEL, "class": cls.name}
        simple = all(arg.keyword is not None for arg in node.args)
        if read is not None and read[0] == provider.api_key_env:
            given = provider.api_key_env
            data["api_key_env"] = given
        elif read is not None and read[0] in switched_keys(self.ctx):
            if simple and not _renamed(self.ctx, read[1]):
                return  # ML401 leaves the key OpenAI's (and says why): the config stays too
            given = (
                f"{read[0]}, which apply points at {provider.api_key_env},"
                if simple
                else f"{read[0]}"
            )
            data |= {"api_key_env": provider.api_key_env, "variable_from": read[0]}
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
        edit = keyword_insertion(self.ctx, node, cls.base_url, url) if simple else None
        if edit is None:
            also = (
                f" and the key from {provider.api_key_env} (apply leaves both: an argument "
                "given by position)"
                if "variable_from" in data
                else ""
            )
            self.report(
                node,
                f"{head}; pass {cls.base_url}={url}{also}, by hand",
                fix=FixClass.MANUAL,
                data=data,
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
        # the project's own graphiti (its source in the tree): apply points the clients it
        # builds at the provider where they are built; what they ask of it may still fail
        own = provider is not None and project_module(self.ctx, node.func) is not None
        failing = {c.keyword: self._fails(c, provider) for c in missing} if own else {}
        if own:
            missing = [client for client in missing if failing[client.keyword]]
        if not missing:
            return
        built = and_listed([f"{client.built}()" for client in missing])
        keywords = ", ".join(client.keyword for client in missing)
        head = (
            f"{gr.GRAPHITI_NAME}() ({gr.LABEL}) builds {built} for what it is not given "
            f"({keywords}): "
            + (
                "; ".join(failing[client.keyword] for client in missing)
                if own
                else f"they read {gr.KEY_VARIABLE} and talk to {gr.OPENAI_HOST}"
            )
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

    @staticmethod
    def _fails(client: gr.DefaultClient, provider: Provider | None) -> str:
        """Why the default client for `client.keyword`, pointed at the provider, still fails
        there, from its file; "" where nothing says it does."""
        assert provider is not None
        name = provider.name
        if (
            client.built == gr.RESPONSES_CLIENT
            and provider.support(gr.RESPONSES_SURFACE) is not True
        ):
            return (
                f"{client.built}() calls the Responses API (responses.parse), which {name}'s "
                "provider file does not list"
            )
        if client.keyword == "embedder" and provider.support("embeddings") is False:
            return f"{name} has no embeddings API"
        if client.keyword == "cross_encoder" and provider.params.get(gr.RERANKER_PARAM) is False:
            return f"{client.built}() needs {gr.RERANKER_PARAM}, which {name} rejects"
        return ""

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


def _given(node: cst.Call, name: str, position: int | None) -> cst.Arg | None:
    """The argument of `node` for the parameter `name`, by keyword or at `position`."""
    found = keyword(node, name)
    if found is None and position is not None:
        positional = [arg for arg in node.args if arg.keyword is None]
        found = positional[position] if position < len(positional) else None
    return found


def key_read(
    ctx: PythonContext, value: cst.BaseExpression, depth: int = 3
) -> tuple[str, cst.BaseExpression] | None:
    """(variable, read) where `value` reads an environment variable, directly or through a
    name bound once to one (`KEY = os.environ["OPENAI_API_KEY"]`, then `api_key=KEY`)."""
    found = env_var_read(ctx, value)
    if found is not None:
        return found[0], value
    if not depth or not isinstance(value, cst.Name):
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    assigned = ctx.index.assigned.get(id(bound[0].node))
    return key_read(ctx, assigned, depth - 1) if assigned is not None else None


def _renamed(ctx: PythonContext, read: cst.BaseExpression) -> bool:
    """Whether ML401 points `read`, of one of OpenAI's key variables, at the provider's."""
    from migrate_llm.rules.url_keys import read_renamed  # it imports the framework rules

    names = env_names(ctx)
    access = names.by_node.get(id(read))
    return access is not None and read_renamed(ctx, names, access)


def config_key_left(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` is the key of a graphiti config given no base URL that ML689 cannot pass
    one to (an argument given by position): a key ML401 renamed there would go to OpenAI,
    so it leaves it (`key_destinations`)."""
    if not ctx.mentions(gr.MODULE) or any(a.star for a in call.args):
        return False
    found = qualified(ctx, call.func, frozenset(gr.CONFIGS))
    if found is None:
        return False
    cls = gr.CONFIGS[found]
    return (
        _given(call, cls.key, cls.key_position) is arg
        and _given(call, cls.base_url, cls.base_url_position) is None
        and any(a.keyword is None for a in call.args)
    )


def _keyword_added(ctx: PythonContext, call: cst.Call, name: str, value: str) -> Edit | None:
    """An insertion passing `name=value` to `call` after its last argument (or between its
    empty parentheses); on a line of its own where the closing parenthesis stands on one."""
    if not call.args:
        return keyword_insertion(ctx, call, name, value, empty=True)
    text = ctx.text
    last = ctx.span(call.args[-1].value)
    close = ctx.span(call).end - 1  # ")"
    if "\n" not in text[last.end : close]:
        return Edit(Span(last.end, last.end), f", {name}={value}")
    start = ctx.span(call.args[-1]).start
    indent = text[text.rfind("\n", 0, start) + 1 : start]
    indent = indent if not indent.strip() else "    "
    line = text.rfind("\n", 0, close) + 1
    if text[last.end : close].lstrip(" \t").startswith(",") and not text[line:close].strip():
        return Edit(Span(line, line), f"{indent}{name}={value},\n")  # after a trailing comma
    return Edit(Span(last.end, last.end), f",\n{indent}{name}={value},")
