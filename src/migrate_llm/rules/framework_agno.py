"""ML685: agno's OpenAI classes, its default model and its `openai:` model strings. What agno
looks like is in `migrate_llm.frameworks.agno`.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import agno as ag
from migrate_llm.model import FixClass, Severity
from migrate_llm.openai_sdk import KEY_VARS_TO_SWITCH
from migrate_llm.registry import Provider
from migrate_llm.rules.agno_images import Runs, image_runs
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import base_url_expr, key_expr, python_literal
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.framework_args import argument, callee, passes_mapping, qualified
from migrate_llm.rules.framework_classes import (
    Plan,
    endpoint,
    first_keyword,
    framework_class,
    report_typed_key_prompt,
    set_thinking_off,
    thinking_words,
)
from migrate_llm.rules.framework_langchain import FrameworkClassRule
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.thinking_switch import thinking_switch

_TAKERS = ag.AGENT_CLASSES | ag.TEAM_CLASSES
# the class apply writes for OpenAIChat (models/openai/like.py, re-exported), and that one
_LIKE = frozenset({ag.OPENAI_LIKE, "agno.models.openai.like.OpenAILike"})
_CHAT = "agno.models.openai.OpenAIChat"
OPENAI_KEY = "OPENAI_API_KEY"  # what a class given no `api_key=` reads
# what a provider's `[supports] structured_outputs` says, in a message
_OUTPUTS = "structured outputs (response_format json_schema)"
_TAKES_OUTPUTS: dict[bool | str, str] = {
    False: f"has no {_OUTPUTS}",
    "partial": f"takes {_OUTPUTS} on some models only",
    "unknown": f"is not known to take {_OUTPUTS}",
}


def _openai_string(value: str) -> tuple[str, str] | None:
    """(the class agno builds, the model) for a model string naming OpenAI, else None."""
    for prefix, cls in ag.OPENAI_PREFIXES.items():
        if value.startswith(prefix):
            return cls, value[len(prefix) :].strip()
    return None


def _model_strings(ctx: PythonContext, call: cst.Call) -> Iterator[tuple[str, cst.Arg]]:
    """(keyword, argument) for each model an `Agent(...)` / `Team(...)` is given."""
    if qualified(ctx, call.func, _TAKERS) is None:
        return
    for name in ag.MODEL_KEYWORDS:
        arg = keyword(call, name)
        if arg is not None:
            yield name, arg


def agno_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model strings ML685 reports: the `openai:` ones an Agent or Team is given."""
    for _name, arg in _model_strings(ctx, call):
        resolved = ctx.resolve_literal(arg.value)
        if resolved is not None and _openai_string(resolved[1]) is not None:
            yield resolved[0]


def _streams(node: cst.CSTNode) -> bool:
    """Whether a node is a `stream=` argument that may turn streaming on (not `False`)."""
    return (
        isinstance(node, cst.Arg)
        and node.keyword is not None
        and node.keyword.value == ag.STREAM
        and not (isinstance(node.value, cst.Name) and node.value.value in ("False", "None"))
    )


def dimensions_to_send(provider: Provider) -> int | None:
    """The `dimensions=` an OpenAIEmbedder pointed at `provider` needs: the provider's default
    size where the one agno sends is not among the sizes it offers (or, with none listed, is
    not its default)."""
    offered = provider.params.get("embedding_dimensions")
    default = provider.params.get("embedding_default_dimensions")
    if not isinstance(default, int):
        return None
    if isinstance(offered, list):
        return default if ag.EMBEDDER_DIMENSIONS not in offered else None
    return default if default != ag.EMBEDDER_DIMENSIONS else None


class AgnoOpenAI(FrameworkClassRule):
    """agno code that talks to OpenAI: its OpenAI classes, default model, `openai:` strings.

    ## What it does
    Finds constructions of agno's `OpenAIChat`, `OpenAIResponses` and `OpenAIEmbedder`
    (`agno.models.openai`, `agno.knowledge.embedder.openai`, agno 1.x's
    `agno.embedder.openai`), by qualified name; an `Agent(...)` or `Team(...)` given no
    `model=`, or given an `"openai:..."`, `"openai-chat:..."` or `"openai-responses:..."`
    string as `model=` (also `reasoning_model=`, `parser_model=`, `output_model=`,
    `followup_model=`); and a vector database (`PgVector`, `LanceDb`, `ChromaDb`, `Qdrant`,
    `Milvus`, `MongoDb`, `Weaviate`, `PineconeDb`, `RedisDb`) given no `embedder`. A class
    given a `base_url=` of another host is a note and left alone. A class handed on as a value
    is left to a person, as ML601 leaves LangChain's.

    ## Why
    Each class builds an OpenAI SDK client from `api_key` (else OPENAI_API_KEY), no base URL
    (OpenAI's, or OPENAI_BASE_URL) and an OpenAI model (`gpt-5.4-mini`,
    `text-embedding-3-small` in agno 3.x) unless told otherwise. An agent or team without a
    model runs `OpenAIResponses(id="gpt-5.4")`, a model string's `openai:` prefix builds an
    OpenAI class whatever the model, and those vector databases embed with
    `OpenAIEmbedder()`. The SDK rules see none of it.

    ## Fix (review)
    `apply` makes `OpenAIChat(...)` an `OpenAILike(...)` (`from agno.models.openai import
    OpenAILike`: it sends the system prompt as "system", where OpenAIChat sends "developer")
    and points it, `OpenAIEmbedder(...)` and, where the provider serves the Responses API,
    `OpenAIResponses(...)` at the provider: `api_key=` the provider's key variable,
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, the model mapped
    (or the mapped default added), `organization=` dropped; an embedder also gets
    `dimensions=` the provider's default size where the provider does not offer the 1536
    agno sends. Where the provider's `[supports] structured_outputs` is not true, the
    `OpenAILike` also gets `supports_native_structured_outputs=False` (agno<1.1.14, pinned in
    a requirements file of the project: `supports_structured_outputs=False`), so an agent's
    `output_schema` asks for JSON mode instead of a json_schema `response_format`. Where the
    provider does not take `stream_options` (`[params]`), a module that streams
    (`stream=True`) gets a note, once: agno sends it with every streamed request. A model
    whose agent or team is run with images (`run`, `arun`, `print_response`,
    `aprint_response` given `images=`: `agno_images`) gets the provider's model for images,
    as ML201 maps a request sending them; where other runs send none, only if that model
    answers text too (`Provider.image_model_answers_text`). A key a person types (a prompt's
    answer: `EnvNames.is_prompt`) is kept, as ML601 keeps it, and the prompt asks for the
    provider's key; unless that key also goes somewhere apply leaves on OpenAI
    (`typed_answers`), where the class stays with it. Once the key goes to an `OpenAILike`
    on the provider's base URL (after apply), the prompt and the texts beside it (its
    `help=`) that still name OpenAI's key are reported as before apply (manual where apply
    cannot reword them: `platform.openai.com`). Left for you (manual, so `check`
    fails): an agent run both ways whose provider's model for images is not known to answer
    text, or a provider naming none; another key (an OpenAI key must not go to the provider);
    the provider's key without `base_url=`; `OpenAIResponses` where the provider has no
    Responses API; an embedder where it serves no embeddings; an agent or team without a
    model, a model string naming OpenAI, a vector database without an embedder (the message
    gives the code to pass). For another key, or the provider's key without `base_url=`, the
    message names the whole change, so that one edit is enough: `OpenAIChat` becomes
    `OpenAILike(id=<the provider's model>, api_key=..., base_url=...)` (structured outputs off
    as above, and thinking off as the rewrite of the call would turn it off, in the same
    words); another class gets its model where that is OpenAI's, the key, the base URL and
    an embedder's `dimensions=`.

    ## Data
    `framework` ("agno"), `class`, `api_key_env`, `base_url_env`, `model_from` / `model_to`,
    `replacement` (the class written instead of `OpenAIChat`), `vision` (true where a run sends
    it images); `surface` and `value`: ML601's.
    """

    code = "ML685"
    name = "agno-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = ag.CLASSES
    label = ag.LABEL
    examples = (
        Example(
            "from agno.models.openai import OpenAIChat\n\nmodel = OpenAIChat()\n",
            message="OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from agno.agent import Agent\n"
            "from agno.models.openai import OpenAIChat\n\n"
            'agent = Agent(model=OpenAIChat(id="gpt-4o"), markdown=True)\n',
            provider="acme",
            message="OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); for Acme "
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); model 'gpt-4o' -> 'acme-large'; it becomes "
            "OpenAILike, which sends the system prompt as 'system' (OpenAIChat: 'developer'), "
            "with supports_native_structured_outputs=False: Acme Cloud is not known to take "
            "structured outputs (response_format json_schema), so agno asks for JSON mode "
            "(json_object) instead",
            after="import os\n\n"
            "from agno.agent import Agent\n"
            "from agno.models.openai import OpenAILike\n\n"
            "agent = Agent(\n"
            "    model=OpenAILike(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        supports_native_structured_outputs=False,\n"
            '        id="acme-large",\n'
            "    ),\n"
            "    markdown=True,\n"
            ")\n",
        ),
        Example(
            "from agno.knowledge.embedder.openai import OpenAIEmbedder\n\n\n"
            "def embedder():\n    return OpenAIEmbedder()\n",
            provider="acme",
            after="import os\n\nfrom agno.knowledge.embedder.openai import OpenAIEmbedder\n\n\n"
            "def embedder():\n    return OpenAIEmbedder(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        id="acme-embed",\n'
            "        dimensions=1024,\n    )\n",
        ),
        Example(
            "from agno.models.openai import OpenAIResponses\n\n"
            'model = OpenAIResponses(id="gpt-4o")\n',
            provider="acme",
            message="OpenAIResponses() (agno) talks to OpenAI (key from OPENAI_API_KEY); it "
            "sends OpenAI's Responses API, which Acme Cloud does not serve: pass "
            'OpenAILike(id="acme-large", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "supports_native_structured_outputs=False) instead (from agno.models.openai import "
            "OpenAILike; chat completions), by hand",
        ),
        Example(
            'from agno.agent import Agent\n\nagent = Agent(instructions="Be brief.")\n',
            provider="acme",
            message="Agent() is given no model: agno's default model is "
            'OpenAIResponses(id="gpt-5.4") at OpenAI (key from OPENAI_API_KEY) unless a Team '
            "given a model runs it; pass "
            'model=OpenAILike(id="<model>", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "supports_native_structured_outputs=False) (from agno.models.openai import "
            "OpenAILike), <model> one of acme-large, "
            "acme-medium, acme-small, by hand",
        ),
        Example(
            'from agno.agent import Agent\n\nagent = Agent(model="openai:gpt-4o-mini")\n',
            provider="acme",
            message="Agent(model='openai:gpt-4o-mini') builds OpenAIResponses at OpenAI "
            "(key from OPENAI_API_KEY): agno's openai: strings go there whatever the model; "
            'pass model=OpenAILike(id="acme-small", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "supports_native_structured_outputs=False) (from agno.models.openai import "
            "OpenAILike), by hand",
        ),
        Example(
            "import streamlit as st\nfrom agno.models.openai import OpenAIChat\n\n"
            'model = OpenAIChat(id="gpt-4o", api_key=st.session_state.key)\n',
            provider="acme",
            message="OpenAIChat() (agno) talks to OpenAI (key from `st.session_state.key`); "
            'apply replaces only OPENAI_API_KEY: make it OpenAILike(id="acme-large", '
            'api_key=os.environ["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), supports_native_structured_outputs=False), its '
            "other arguments kept (from agno.models.openai import OpenAILike; it sends the "
            "system prompt as 'system', where OpenAIChat sends 'developer'), by hand (an OpenAI "
            "key must not go to Acme Cloud)",
        ),
        Example(
            "from getpass import getpass\n\nfrom agno.models.openai import OpenAIChat\n\n"
            'model = OpenAIChat(id="gpt-4o", api_key=getpass("Acme key: "))\n',
            provider="acme",
            after="import os\nfrom getpass import getpass\n\n"
            "from agno.models.openai import OpenAILike\n\n"
            "model = OpenAILike(\n"
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    supports_native_structured_outputs=False,\n"
            '    id="acme-large",\n'
            '    api_key=getpass("Acme key: "),\n'
            ")\n",
        ),
        Example(
            "from agno.models.openai import OpenAIChat\n\n"
            'model = OpenAIChat(id="qwen2", base_url="http://localhost:8000/v1")\n',
            provider="acme",
            message="OpenAIChat() (agno) points at http://localhost:8000/v1, not OpenAI; left "
            "as it is",
        ),
        Example(
            "class OpenAIChat:\n    pass\n\n\nmodel = OpenAIChat()\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = self.active and ctx.mentions("agno")
        # a Team's member agent without a model runs the team's (team/_init.py): where the
        # module builds teams, only they are held to a model
        self.teams = self.active and ctx.mentions(ag.TEAM_MODULE)
        self.stream_noted = False  # the note on `stream_options`, once a module
        self.runs: Runs | None = None  # the runs with images of the class being migrated

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        if framework_class(self.ctx, node.func, self.table, self.names) is not None:
            super().visit_Call(node)
            return
        if self.provider is not None and not self.ctx.rules.switching:
            return
        if self.provider is not None and qualified(self.ctx, node.func, _LIKE) is not None:
            self.like_on_target(node)
            return
        if qualified(self.ctx, node.func, _TAKERS) is not None:
            for name, arg in _model_strings(self.ctx, node):
                self.model_string(name, arg, node)
            given = keyword(node, ag.AGENT_MODEL) is not None or passes_mapping(node)
            if not given and (not self.teams or qualified(self.ctx, node.func, ag.TEAM_CLASSES)):
                self.default_model(node)
            return
        database = qualified(self.ctx, node.func, ag.VECTOR_DBS)
        if database is not None:
            self.vector_db(node, ag.VECTOR_DBS[database])

    def like_on_target(self, node: cst.Call) -> None:
        """`OpenAILike(...)` on the provider's base URL (as apply writes it) given a key a
        person types: its prompt and the texts beside it, where they still name OpenAI's key
        (t53j N1: the help= of the prompt whose answer apply sent to OpenAILike)."""
        chat = ag.CLASSES[_CHAT]
        if not self.on_target(endpoint(self.ctx, node, chat.base_url)):
            return
        if (key := first_keyword(node, chat.key)) is not None:
            report_typed_key_prompt(self, node, key.value)

    # --- the classes ---------------------------------------------------------------------

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        left = self.images_left(node) or self.left_to_person(node, cls)
        if left:
            data = {"framework": cls.framework, "class": cls.name}
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
        else:
            super().migrate(node, qualname, cls, head)
        if cls.replacement is not None:
            self.stream_options(node, cls)

    # --- images ------------------------------------------------------------------------

    def sends_images(self, node: cst.Call) -> bool:
        """Whether the model built by `node` (or the agent or team `node`) is sent images by
        a run (`agno_images`), and can take the provider's model for images: its runs send
        none, or that model answers text too (`Provider.image_model_answers_text`)."""
        runs = image_runs(self.ctx).get(id(node))
        if runs is None or self.provider is None:
            return False
        return not runs.without or self.provider.image_model_answers_text()

    def images_said(self, runs: Runs) -> str:
        """`the run on line 9 sends it images` (and `, the run on line 11 none`)."""
        said = f"the run on {self.line_of(runs.with_images[0])} sends it images"
        if runs.without:
            said += f", the run on {self.line_of(runs.without[0])} none"
        return said

    def line_of(self, node: cst.CSTNode) -> str:
        return self.ctx.line_label(self.ctx.position(node)[0][0])

    def images_left(self, node: cst.Call) -> str:
        """Why a model that a run sends images is left for a person: the provider names no
        model for images, or its model for images is not known to answer text and other runs
        send none; "" otherwise."""
        provider = self.provider
        assert provider is not None
        runs = image_runs(self.ctx).get(id(node))
        if runs is None:
            return ""
        image = provider.image_model()
        if image is None:
            return (
                f"{self.images_said(runs)}, and {provider.name} names no model for images: "
                "send them to another provider's model, by hand"
            )
        if runs.without and not self.sends_images(node):
            return (
                f"{self.images_said(runs)}: {image!r}, {provider.name}'s model for images, is "
                "not known to answer text alone; give the runs with images an agent of their "
                f"own on {self.openai_like(image)}, the others one on a text model, by hand"
            )
        return ""

    def sent_model(
        self, node: cst.Call, cls: FrameworkClass, mapped: bool
    ) -> tuple[str, str | None] | None:
        sent = super().sent_model(node, cls, mapped)
        if sent is None or sent[1] is None or not mapped or not self.sends_images(node):
            return sent
        image = self.ctx.rules.map_model(sent[1], True)
        return (image, sent[1]) if image is not None else None

    def outputs_field(self) -> str | None:
        """The field that turns agno's native structured outputs off (agno<1.1.14, pinned in
        a requirements file of the project: its old name), where the provider has none."""
        provider = self.provider
        assert provider is not None
        if provider.support("structured_outputs") is True:
            return None
        return (
            ag.OLD_NATIVE_OUTPUTS
            if self.ctx.rules.facts.agno_old_outputs_field
            else ag.NATIVE_OUTPUTS
        )

    def no_outputs(self) -> str:
        """Why apply turns native structured outputs off, in words."""
        provider = self.provider
        assert provider is not None
        support = provider.support("structured_outputs")
        takes = _TAKES_OUTPUTS.get(support, _TAKES_OUTPUTS["unknown"])
        return f"{provider.name} {takes}, so agno asks for JSON mode (json_object) instead"

    def stream_options(self, node: cst.Call, cls: FrameworkClass) -> None:
        """A note, once a module, where the module streams (`stream=` not False) and the
        provider does not take the `stream_options` agno sends with every streamed request."""
        provider = self.provider
        assert provider is not None
        if self.stream_noted or provider.params.get(ag.STREAM_OPTIONS) is not False:
            return
        self.stream_noted = True
        streams = next((a for a in self.ctx.nodes if _streams(a)), None)
        if streams is None:
            return
        where = (
            f"{self.ctx.code(streams)} on {self.ctx.line_label(self.ctx.position(streams)[0][0])}"
        )
        reason = provider.uncertain.get(f"params.{ag.STREAM_OPTIONS}")
        unconfirmed = f" (unconfirmed: {reason})" if reason else ""
        self.report(
            node,
            f"agno sends {ag.STREAM_OPTIONS}= with every streamed request ({where}), which "
            f"{provider.name} does not take{unconfirmed}, and has no setting that leaves it "
            "out: if a streamed run fails, run it without streaming",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"framework": cls.framework, "class": cls.name},
        )

    def left_to_person(self, node: cst.Call, cls: FrameworkClass) -> str:
        """Why apply leaves a class that talks to OpenAI for a person; empty when it points
        it at the provider."""
        provider = self.provider
        assert provider is not None
        if cls.kind == ag.RESPONSES and provider.support("responses") is not True:
            model = self.sent_model(node, cls, True)
            return (
                f"it sends OpenAI's Responses API, which {provider.name} does not serve: pass "
                f"{self.openai_like(model[0] if model else None)} instead "
                f"({ag.OPENAI_LIKE_IMPORT}; chat completions), by hand"
            )
        arg = first_keyword(node, cls.key)
        if arg is None:
            return ""
        read = env_var_read(self.ctx, arg.value)
        variable = read[0] if read is not None else None
        if variable == provider.api_key_env:
            return (
                f"without {ag.BASE_URL}= it sends that key to OpenAI: "
                f"{self.whole_change(node, cls, False)}, by hand"
            )
        if variable is None and env_names(self.ctx).is_prompt(arg.value) is not None:
            return ""  # a key a person types: kept, its prompt asking for the provider's (`plan`)
        if variable not in KEY_VARS_TO_SWITCH:
            return (
                f"apply replaces only {OPENAI_KEY}: {self.whole_change(node, cls, True)}, by "
                f"hand (an OpenAI key must not go to {provider.name})"
            )
        return ""

    def whole_change(self, node: cst.Call, cls: FrameworkClass, key: bool) -> str:
        """What a person writes to point a class at the provider in one go (t46b: a second
        round named the model and the role once the key and base URL were in): OpenAIChat
        becomes OpenAILike with the provider's model, key and base URL (and structured outputs
        off, as apply writes it); another class gets its model where that is OpenAI's (or
        not known), the key (`key`: where it is not the provider's already), the base URL,
        and an embedder the provider's size."""
        provider = self.provider
        assert provider is not None
        sent = self.sent_model(node, cls, True)
        model = sent[0] if sent is not None else None
        if cls.replacement is not None:
            # the switch apply's rewrite of the same call passes (ML118), said as it says it
            p = Plan(cls, {}, set(), model_from=sent[1] if sent else None, model_to=model)
            set_thinking_off(self.ctx, cls, node, p)
            body = p.set_args.get(ag.EXTRA_BODY)  # else added to its own, said below
            return (
                f"make it {self.openai_like(model, body)}, its other arguments kept "
                f"({ag.OPENAI_LIKE_IMPORT}; it sends the system prompt as 'system', where "
                f"{cls.name} sends 'developer'){thinking_words(self, p, by_hand=True)}"
            )
        parts = [f"{ag.KEY}={key_expr(provider)}"] if key else []
        if sent is None or sent[1] is not None:  # OpenAI's model, or one not known here
            parts.insert(0, f'{ag.MODEL}="{model or "<model>"}"')
        parts.append(f"{ag.BASE_URL}={self.base_url()}")
        size = dimensions_to_send(provider) if cls.kind == "embeddings" else None
        if size is not None and keyword(node, ag.DIMENSIONS) is None:
            parts.append(f"{ag.DIMENSIONS}={size}")
        return f"pass {', '.join(parts)}"

    def adjust(self, node, qualname, cls: FrameworkClass, p: Plan, data) -> None:
        provider = self.provider
        assert provider is not None
        self.runs = image_runs(self.ctx).get(id(node))
        if self.runs is not None:
            data["vision"] = True
        if cls.replacement is not None:
            p.func = ag.OPENAI_LIKE_NAME
            p.imports = (*p.imports, ag.OPENAI_LIKE_IMPORT)
            data["replacement"] = cls.replacement
            field = self.outputs_field()
            given = keyword(node, ag.NATIVE_OUTPUTS) or keyword(node, ag.OLD_NATIVE_OUTPUTS)
            if field is not None and given is None:
                p.set_args[field] = "False"
        if cls.kind == "embeddings" and keyword(node, ag.DIMENSIONS) is None:
            size = dimensions_to_send(provider)
            if size is not None:
                p.set_args[ag.DIMENSIONS] = str(size)

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        said = self.images_extra(p)
        return said + self.class_extra(cls, p)

    def images_extra(self, p: Plan) -> str:
        """What is said of the model of a class whose runs send images."""
        provider = self.provider
        assert provider is not None
        if self.runs is None:
            return ""
        image = provider.image_model()
        sent = p.model_to or p.model_from
        said = f"; {self.images_said(self.runs)}"
        if sent == image and self.runs.without:
            return f"{said}: {image!r} is {provider.name}'s model for images, and answers text too"
        if sent == image:
            return f"{said}: {image!r} is {provider.name}'s model for images"
        return f"{said}: make sure its model takes images ({image!r} does)"

    def class_extra(self, cls: FrameworkClass, p) -> str:
        if cls.replacement is not None:
            said = (
                f"; it becomes {ag.OPENAI_LIKE_NAME}, which sends the system prompt as 'system' "
                "(OpenAIChat: 'developer')"
            )
            field = next(
                (f for f in (ag.NATIVE_OUTPUTS, ag.OLD_NATIVE_OUTPUTS) if f in p.set_args), None
            )
            if field is not None:
                said += f", with {field}=False: {self.no_outputs()}"
            return said
        size = p.set_args.get(ag.DIMENSIONS)
        if size is not None:
            provider = self.provider
            assert provider is not None
            return (
                f"; {ag.DIMENSIONS}={size}, {provider.name}'s size: agno would send "
                f"{ag.EMBEDDER_DIMENSIONS} (re-embed what you store)"
            )
        return ""

    def left_on_target(self, node: cst.Call, cls: FrameworkClass, owner: Provider) -> str:
        said = super().left_on_target(node, cls, owner)
        if cls.replacement is not None and owner.params.get("developer_role") is False:
            field = self.outputs_field()
            outputs = f" with {field}=False" if field is not None else ""
            role = (
                f"it sends the system prompt as 'developer', which {owner.name} does not take: "
                f"use {ag.OPENAI_LIKE_NAME} ({ag.OPENAI_LIKE_IMPORT}){outputs}"
            )
            said = f"{said}; {role}" if said else role
        return said

    # --- agents, teams, vector databases ----------------------------------------------------

    def model_string(self, name: str, arg: cst.Arg, call: cst.Call) -> None:
        resolved = self.ctx.resolve_literal(arg.value)
        found = _openai_string(resolved[1]) if resolved is not None else None
        if resolved is None or found is None:
            return
        cls, model = found
        head = (
            f"{callee(call.func)}({name}={resolved[1]!r}) builds {cls} at OpenAI (key from "
            f"{OPENAI_KEY}): agno's {resolved[1].split(':', 1)[0]}: strings go there whatever "
            "the model"
        )
        advice = self.pass_model(name, model, self.sends_images(call))
        self.report(resolved[0], f"{head}; {advice}", fix=FixClass.MANUAL)

    def default_model(self, node: cst.Call) -> None:
        head = (
            f"{callee(node.func)}() is given no model: agno's default model is "
            f'{ag.DEFAULT_CLASS}(id="{ag.DEFAULT_MODEL}") at OpenAI (key from {OPENAI_KEY})'
        )
        if qualified(self.ctx, node.func, ag.AGENT_CLASSES):
            head += " unless a Team given a model runs it"
        advice = self.pass_model(ag.AGENT_MODEL, ag.DEFAULT_MODEL, self.sends_images(node))
        self.report(node.func, f"{head}; {advice}", fix=FixClass.MANUAL)

    def pass_model(self, name: str, model: str, images: bool = False) -> str:
        """The advice to pass `name=OpenAILike(...)` for the provider, with `model` mapped
        (`images`: to its model for images, the agent's runs sending them)."""
        provider = self.provider
        if provider is None:
            return "`migrate-llm scan --provider ID` says what to pass"
        target = model if provider.serves(model) else self.ctx.rules.map_model(model, images)
        choice = "" if target else f", <model> one of {', '.join(provider.candidates())}"
        # thinking off where the model it is mapped to thinks unless told not to (ML118)
        needed = thinking_switch(self.ctx.rules, model, target) if target else None
        like = self.openai_like(target, python_literal(needed) if needed else None)
        return f"pass {name}={like} ({ag.OPENAI_LIKE_IMPORT}){choice}, by hand"

    def vector_db(self, node: cst.Call, position: int) -> None:
        if passes_mapping(node) or argument(node, ag.EMBEDDER_KEYWORD, position) is not None:
            return
        provider = self.provider
        head = (
            f"{callee(node.func)}() is given no {ag.EMBEDDER_KEYWORD}: agno builds "
            f"{ag.EMBEDDER_NAME}() (text-embedding-3-small at OpenAI, key from {OPENAI_KEY})"
        )
        if provider is None:
            advice = "`migrate-llm scan --provider ID` says what to pass"
        elif provider.support("embeddings") is False:
            advice = (
                f"{provider.name} has no OpenAI-compatible embeddings API: pass an "
                f"{ag.EMBEDDER_KEYWORD} of a provider that serves them (not OpenAI's), by hand"
            )
        else:
            cls = ag.CLASSES[f"agno.knowledge.embedder.openai.{ag.EMBEDDER_NAME}"]
            model = self.ctx.rules.map_model(cls.default_model) or provider.tiers.get("embedding")
            size = dimensions_to_send(provider)
            tail = f", {ag.DIMENSIONS}={size}" if size is not None else ""
            advice = (
                f"pass {ag.EMBEDDER_KEYWORD}={ag.EMBEDDER_NAME}({self.arguments(model)}{tail}) "
                f"({ag.EMBEDDER_IMPORT}), by hand"
            )
        self.report(node.func, f"{head}; {advice}", fix=FixClass.MANUAL)

    def openai_like(self, model: str | None, body: str | None = None) -> str:
        """`OpenAILike(id=..., api_key=..., base_url=...)` for the provider, with `body` as its
        `extra_body=` where given, and structured outputs off where apply turns them off."""
        field = self.outputs_field()
        extra = f", {ag.EXTRA_BODY}={body}" if body is not None else ""
        outputs = f", {field}=False" if field is not None else ""
        return f"{ag.OPENAI_LIKE_NAME}({self.arguments(model)}{extra}{outputs})"

    def arguments(self, model: str | None) -> str:
        """`id=..., api_key=..., base_url=...` for the provider (`<model>` when not known)."""
        provider = self.provider
        assert provider is not None
        return (
            f'{ag.MODEL}="{model or "<model>"}", {ag.KEY}={key_expr(provider)}, '
            f"{ag.BASE_URL}={self.base_url()}"
        )

    def base_url(self) -> str:
        assert self.provider is not None and self.ctx.rules.base_url is not None
        return base_url_expr(self.provider, self.ctx.rules.base_url)


AGNO_RULES = (AgnoOpenAI,)
