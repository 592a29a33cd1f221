"""ML692: crewAI's knowledge, memory and RAG tools given no embedder (see
`migrate_llm.frameworks.crewai`): they embed with OpenAI, with OPENAI_API_KEY."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import crewai as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import (
    argument,
    callee,
    dict_entries,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.framework_crewai_endpoints import (
    KeylessEmbedder,
    OpenAIEmbedder,
    keyless_embedders,
    openai_embedders,
)
from migrate_llm.rules.python import DeferredRule
from migrate_llm.rules.python_context import PythonContext, string_value


def _given(call: cst.Call, keyword: str) -> cst.Arg | None:
    """The `keyword=` argument of `call`, unless it is None or an empty list or tuple."""
    arg = argument(call, keyword, None)
    if arg is None or _named(arg.value, "None"):
        return None
    if isinstance(arg.value, (cst.List, cst.Tuple)) and not arg.value.elements:
        return None
    return arg


def _named(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


# the shapes of what to pass, around the embedder spec (`_SPEC`)
_SPEC = "<spec>"
_EMBEDDER = f"{fw.EMBEDDER_KEYWORD}={_SPEC}"
_TOOL = f'{fw.TOOL_CONFIG_KEYWORD}={{"{fw.TOOL_EMBEDDER_KEYS[0]}": {_SPEC}}}'
# an agent's Memory is given its llm too: a Memory given none analyses with OpenAI's model
_MEMORY_LLM = f"{fw.MEMORY_LLM_KEYWORD}=..."
_MEMORY = f"{fw.MEMORY_KEYWORD}=Memory({_MEMORY_LLM}, {fw.EMBEDDER_KEYWORD}={_SPEC})"
_BOTH = (
    f"{_EMBEDDER} and {fw.MEMORY_KEYWORD}=Memory({_MEMORY_LLM}, {fw.EMBEDDER_KEYWORD}=<the same>)"
)


class CrewaiDefaultEmbedder(DeferredRule):
    """crewAI knowledge, memory or a crewai_tools RAG tool that embeds with OpenAI.

    ## What it does
    Finds `Crew(knowledge_sources=...)` and `Crew(memory=True)` given no `embedder=`;
    `Agent(knowledge_sources=...)` given no `embedder=` in a module where no `Crew(...)` is
    given one (an agent takes its crew's); `Agent(memory=True)` and `Memory()` (which builds
    no embedder of the crew's); and crewai_tools' RAG tools (`RagTool` and the tools deriving
    from it: `WebsiteSearchTool`, `CSVSearchTool`, `PDFSearchTool`, ...) given no `config=`
    with an `embedding_model`, and a class of the module deriving from one (reported at the
    class, unless its body sets `config`). A call given `**kwargs`, or a tool's config the
    module does not show, is left alone. Also an OpenAI embedder given there (`embedder=` or
    a tool's `embedding_model`: `{"provider": "openai", "config": {...}}`, also through a
    name) whose config has no `api_base`, or OpenAI's: its model, key and URL are this rule's
    (ML204, ML401 and ML402 leave them: moved alone, the model or key would still go to
    OpenAI, or OpenAI's key to the provider). And an OpenAI embedder whose `api_base` is the
    provider's (its URL, a read of its base-URL variable) and whose config has no `api_key`.

    ## Why
    Without an embedder crewAI embeds knowledge and RAG tools' content with chromadb's
    `OpenAIEmbeddingFunction` (OpenAI's `text-embedding-3-small`) and memory with OpenAI's
    `text-embedding-3-large`, with the key in OPENAI_API_KEY: after `apply` the crew's model
    goes to the provider while its embeddings still go to OpenAI, or fail ("The
    OPENAI_API_KEY environment variable is not set", where a tool is built). An OpenAI
    embedder given no `api_key` reads EMBEDDINGS_OPENAI_API_KEY, else OPENAI_API_KEY (then
    chromadb's CHROMA_OPENAI_API_KEY): at the provider's `api_base` it sends the user's OpenAI
    key there.

    ## Fix (manual)
    The message gives what to pass: `embedder={"provider": "openai", "config":
    {"model_name": ..., "api_key": ..., "api_base": ...}}` (a RAG tool:
    `config={"embedding_model": {...}}`; an agent's memory: `memory=Memory(llm=...,
    embedder=...)`, with the agent's model as `llm`, since a `Memory` given none analyses with
    OpenAI's model: ML690 reports memory given no `llm`) with the provider's embedding model
    and its key and base-URL variables (for a given OpenAI embedder, the model its config
    names, and the other config entries to keep), and the provider's batch limit where it
    takes fewer texts a request than crewAI sends (100): crewAI's openai embedder has no
    batch-size setting (crewai 1.15.30), so the message names an embedder of one's own,
    `{"provider": "custom", "config": {"embedding_callable": ...}}`, for larger inputs. For a
    provider without embeddings it says so: pass an embedder of a provider that serves them.
    Vectors stored with OpenAI's model must be embedded again. An embedder at the provider's
    `api_base` without a key: add `"api_key": os.environ["<PROVIDER>_API_KEY"]` to its config.
    """

    code = "ML692"
    name = "crewai-default-embedder"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from crewai import Crew\n\ncrew = Crew(agents=[], tasks=[], memory=True)\n",
            provider="acme",
            message="Crew(memory=True) is given no embedder: crewAI embeds its memory with "
            "OpenAI's text-embedding-3-large (key from OPENAI_API_KEY); pass "
            'embedder={"provider": "openai", "config": {"model_name": "acme-embed", '
            '"api_key": os.environ["ACME_API_KEY"], "api_base": '
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")}}, by hand '
            "(Acme Cloud embeds at most 16 texts a request, and crewAI sends up to 100: its "
            "openai embedder has no batch-size setting, so for more texts at once pass "
            '{"provider": "custom", "config": {"embedding_callable": ...}} with an embedding '
            "function of your own that sends at most 16)",
        ),
        Example(
            "from crewai_tools import WebsiteSearchTool\n\nsearch = WebsiteSearchTool()\n",
            provider="acme",
            message="WebsiteSearchTool() is given no embedding_model in config: crewai_tools "
            "embeds with OpenAI's text-embedding-3-small (key from OPENAI_API_KEY, needed "
            'when the tool is built); pass config={"embedding_model": {"provider": "openai", '
            '"config": {"model_name": "acme-embed", "api_key": os.environ["ACME_API_KEY"], '
            '"api_base": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")}}}, '
            "by hand (Acme Cloud embeds at most 16 texts a request, and crewAI sends up to "
            "100: its openai embedder has no batch-size setting, so for more texts at once pass "
            '{"provider": "custom", "config": {"embedding_callable": ...}} with an embedding '
            "function of your own that sends at most 16)",
        ),
        Example(
            "from crewai import Agent, Crew\n\n"
            'agent = Agent(role="r", goal="g", backstory="b", knowledge_sources=[notes])\n'
            "crew = Crew(agents=[agent], tasks=[], embedder=EMBEDDER)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nfrom crewai import Crew\n\n"
            'SPEC = {"provider": "openai", "config": {"api_base": os.environ["ACME_BASE_URL"]}}\n'
            "crew = Crew(agents=[], tasks=[], memory=True, embedder=SPEC)\n",
            provider="acme",
            message="Crew() is given an OpenAI embedder with Acme Cloud's api_base and no "
            "api_key: crewAI sends that host the key in OPENAI_API_KEY (EMBEDDINGS_OPENAI_API_KEY "
            'where set), an OpenAI key; add "api_key": os.environ["ACME_API_KEY"] to its config, '
            "by hand",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # agents given memory=True or knowledge without an embedder (with whether they have
        # knowledge), reported once the module shows whether a Crew has an embedder
        self._agents: list[tuple[cst.Call, bool]] = []
        self._crew_embedder = False
        # what the visits found, reported in `finish`: a report reads `findings`, which
        # would finish the rule before the module's later agents and crews are seen
        self._found: list[tuple[cst.CSTNode, str]] = []
        self._specs: set[int] = set()  # the OpenAI embedder specs reported, by id

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching or not self.ctx.mentions("crewai"):
            return
        for embedder in openai_embedders(self.ctx, node):
            self._openai_spec(node, embedder)
        for keyless in keyless_embedders(self.ctx, node):
            self._keyless_spec(node, keyless)
        spread = passes_mapping(node)  # `**kwargs` may hold anything
        given = spread or _given(node, fw.EMBEDDER_KEYWORD) is not None
        if qualified(self.ctx, node.func, fw.CREW_CLASSES) is not None:
            self._crew_embedder = self._crew_embedder or given
            if not given:
                self._crew(node)
            return
        if spread:
            return
        if qualified(self.ctx, node.func, fw.RAG_TOOLS) is not None:
            self._tool(node)
            return
        if qualified(self.ctx, node.func, fw.MEMORY_CLASSES) is not None:
            if not given:
                head = f"{callee(node.func)}() is given no {fw.EMBEDDER_KEYWORD}: it embeds"
                self._report(node, f"{head} with OpenAI's {fw.MEMORY_MODEL}", fw.MEMORY_MODEL)
            return
        if qualified(self.ctx, node.func, fw.DEFAULT_TAKERS) is None:
            return
        knows = not given and _given(node, fw.KNOWLEDGE_KEYWORD) is not None
        if _remembers(node) or knows:
            self._agents.append((node, knows))

    def finish(self) -> None:
        for at, message in self._found:
            self.report(at, message, fix=FixClass.MANUAL)
        self._found = []
        for node, knows in self._agents:
            knows = knows and not self._crew_embedder  # an agent takes its crew's embedder
            remembers = _remembers(node)
            if not remembers and not knows:
                continue
            shown = callee(node.func)
            if not knows:
                head = (
                    f"{shown}({fw.MEMORY_KEYWORD}=True) builds Memory() with no "
                    f"{fw.EMBEDDER_KEYWORD}: it embeds with OpenAI's {fw.MEMORY_MODEL}"
                )
                self._report(node, head, fw.MEMORY_MODEL, _MEMORY)
                continue
            head = (
                f"{shown}({fw.KNOWLEDGE_KEYWORD}=...) is given no {fw.EMBEDDER_KEYWORD}, nor "
                f"is a Crew of the module: crewAI embeds its knowledge with OpenAI's "
                f"{fw.KNOWLEDGE_MODEL}"
            )
            if remembers:
                head = (
                    f"{shown}({fw.MEMORY_KEYWORD}=True, {fw.KNOWLEDGE_KEYWORD}=...) is given no "
                    f"{fw.EMBEDDER_KEYWORD}, nor is a Crew of the module: crewAI embeds its "
                    f"memory and knowledge with OpenAI's {fw.MEMORY_MODEL} and "
                    f"{fw.KNOWLEDGE_MODEL}"
                )
            self._report(node, head, fw.KNOWLEDGE_MODEL, _BOTH if remembers else _EMBEDDER)

    def _crew(self, node: cst.Call) -> None:
        uses = []
        if _remembers(node):
            uses.append((f"{fw.MEMORY_KEYWORD}=True", "memory", fw.MEMORY_MODEL))
        if _given(node, fw.KNOWLEDGE_KEYWORD) is not None:
            uses.append((f"{fw.KNOWLEDGE_KEYWORD}=...", "knowledge", fw.KNOWLEDGE_MODEL))
        if not uses:
            return
        what = " and ".join(u[1] for u in uses)
        models = " and ".join(u[2] for u in uses)
        self._report(
            node,
            f"{callee(node.func)}({', '.join(u[0] for u in uses)}) is given no "
            f"{fw.EMBEDDER_KEYWORD}: crewAI embeds its {what} with OpenAI's {models}",
            uses[0][2],
        )

    def _tool(self, node: cst.Call) -> None:
        config = argument(node, fw.TOOL_CONFIG_KEYWORD, None)
        if config is not None:
            entries = dict_entries(config.value)
            if entries is None or any(k in entries for k in fw.TOOL_EMBEDDER_KEYS):
                return  # a config the module does not show, or one choosing an embedder
        self._report(
            node,
            f"{callee(node.func)}() is given no {fw.TOOL_EMBEDDER_KEYS[0]} in "
            f"{fw.TOOL_CONFIG_KEYWORD}: crewai_tools embeds with OpenAI's {fw.KNOWLEDGE_MODEL}",
            fw.KNOWLEDGE_MODEL,
            _TOOL,
        )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A RAG tool of the module's own (`class SEC10KTool(RagTool)`), built elsewhere."""
        if not self.ctx.rules.switching or not self.ctx.mentions("crewai_tools"):
            return
        base = next(
            (a.value for a in node.bases if qualified(self.ctx, a.value, fw.RAG_TOOLS)), None
        )
        if base is None or _sets(node, fw.TOOL_CONFIG_KEYWORD):
            return
        self._report(
            node.name,
            f"{node.name.value}({callee(base)}) is a RAG tool: built with no "
            f"{fw.TOOL_EMBEDDER_KEYS[0]} in {fw.TOOL_CONFIG_KEYWORD}, it embeds with OpenAI's "
            f"{fw.KNOWLEDGE_MODEL}",
            fw.KNOWLEDGE_MODEL,
            _TOOL,
        )

    def _openai_spec(self, node: cst.Call, embedder: OpenAIEmbedder) -> None:
        """An OpenAI embedder spec given with no base URL of its own (or OpenAI's): crewAI
        embeds with OpenAI, whatever model it names. Reported once where a name holds it."""
        if id(embedder.spec) in self._specs:
            return
        self._specs.add(id(embedder.spec))
        model = embedder.model or fw.SPEC_DEFAULT_MODEL
        given = "embedding_model in config" if embedder.shape == "tool" else "embedder"
        base = any(string_value(e.key) == fw.EMBEDDER_BASE_KEY for e in embedder.entries)
        pointed = f"OpenAI's {fw.EMBEDDER_BASE_KEY}" if base else f"no {fw.EMBEDDER_BASE_KEY}"
        head = (
            f"{callee(node.func)}() is given an OpenAI {given} with {pointed}: crewAI embeds "
            f"with OpenAI's {model} (key from {self._key_of(embedder)})"
        )
        shape = _TOOL if embedder.shape == "tool" else _EMBEDDER
        advice = self._advice(model, shape)
        if embedder.others:
            advice += f" (keep its other config entries: {', '.join(embedder.others)})"
        message = f"{head}; {advice}"
        if self._finished:
            self.report(embedder.spec, message, fix=FixClass.MANUAL)
        else:
            self._found.append((embedder.spec, message))

    def _keyless_spec(self, node: cst.Call, embedder: KeylessEmbedder) -> None:
        """An OpenAI embedder spec pointed at the provider with no key: crewAI sends the
        user's OpenAI key there. Reported once where a name holds it."""
        provider = self.provider
        if id(embedder.spec) in self._specs or provider is None:
            return
        self._specs.add(id(embedder.spec))
        given = "embedding_model in config" if embedder.shape == "tool" else "embedder"
        message = (
            f"{callee(node.func)}() is given an OpenAI {given} with {provider.name}'s "
            f"{fw.EMBEDDER_BASE_KEY} and no {fw.EMBEDDER_KEY_KEY}: crewAI sends that host "
            f"the key in {fw.DEFAULT_EMBEDDER_KEY} ({fw.EMBEDDER_KEY_FIRST} where set), an "
            "OpenAI key; "
            f'add "{fw.EMBEDDER_KEY_KEY}": {key_expr(provider)} to its config, by hand'
        )
        if self._finished:
            self.report(embedder.spec, message, fix=FixClass.MANUAL)
        else:
            self._found.append((embedder.spec, message))

    def _key_of(self, embedder: OpenAIEmbedder) -> str:
        given = any(string_value(e.key) == fw.EMBEDDER_KEY_KEY for e in embedder.entries)
        return f"its {fw.EMBEDDER_KEY_KEY}" if given else fw.DEFAULT_EMBEDDER_KEY

    def _report(
        self, node: cst.Call | cst.Name, head: str, model: str, shape: str = _EMBEDDER
    ) -> None:
        """Report `node` (`head`: what embeds with OpenAI's `model`), with what to pass in the
        `shape` of `_EMBEDDER`, `_TOOL` or `_MEMORY`."""
        needed = ", needed when the tool is built" if shape == _TOOL else ""
        head = f"{head} (key from {fw.DEFAULT_EMBEDDER_KEY}{needed})"
        at = node.func if isinstance(node, cst.Call) else node
        message = f"{head}; {self._advice(model, shape)}"
        if self._finished:
            self.report(at, message, fix=FixClass.MANUAL)
        else:
            self._found.append((at, message))

    def _advice(self, model: str, shape: str) -> str:
        """What to pass: the provider's embedder, as crewAI's `openai` embedder spec."""
        provider = self.provider
        if provider is None:
            return "`migrate-llm scan --provider ID` says what to pass"
        if provider.support("embeddings") is False:
            return (
                f"{provider.name} has no OpenAI-compatible embeddings API: pass "
                f"{shape.replace(_SPEC, '...')} with an embedder of a provider that serves "
                "them (not OpenAI's), by hand"
            )
        rules = self.ctx.rules
        target = rules.map_model(model) or provider.tiers.get("embedding") or "<model>"
        assert rules.base_url is not None
        spec = (
            f'{{"provider": "{fw.EMBEDDER_PROVIDER}", "config": {{"{fw.EMBEDDER_MODEL_KEY}": '
            f'"{target}", "{fw.EMBEDDER_KEY_KEY}": {key_expr(provider)}, '
            f'"{fw.EMBEDDER_BASE_KEY}": {base_url_expr(provider, rules.base_url)}}}}}'
        )
        imported = ""
        if shape in (_MEMORY, _BOTH):
            imported = (
                f" ({fw.MEMORY_IMPORT}; {_MEMORY_LLM}: the agent's model, else Memory() "
                f"analyses with OpenAI's {fw.MEMORY_LLM})"
            )
        advice = f"pass {shape.replace(_SPEC, spec)}{imported}, by hand"
        return advice + self._batch_note()

    def _batch_note(self) -> str:
        """The provider's batch limit where crewAI may send more texts a request: its
        openai embedder has no setting for it (`fw.CUSTOM_EMBEDDER`)."""
        provider = self.provider
        most = provider.params.get("embedding_batch_max") if provider is not None else None
        if provider is None or not isinstance(most, int) or most >= fw.EMBEDDING_BATCH:
            return ""
        return (
            f" ({provider.name} embeds at most {most} texts a request, and crewAI sends up to "
            f"{fw.EMBEDDING_BATCH}: its openai embedder has no batch-size setting, so for more "
            f"texts at once pass {fw.CUSTOM_EMBEDDER} with an embedding function of your own "
            f"that sends at most {most})"
        )


def _sets(cls: cst.ClassDef, name: str) -> bool:
    """Whether the body of `cls` gives `name` a value (a field's default: `config = {...}`)."""
    for line in cls.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            targets: list[cst.BaseExpression] = []
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                targets = [small.target]
            if any(_named(t, name) for t in targets):
                return True
    return False


def _remembers(call: cst.Call) -> bool:
    """Whether `call` is given `memory=True`: crewAI builds a `Memory()` of its own."""
    memory = argument(call, fw.MEMORY_KEYWORD, None)
    return memory is not None and _named(memory.value, "True")


CREWAI_EMBEDDER_RULES = (CrewaiDefaultEmbedder,)
