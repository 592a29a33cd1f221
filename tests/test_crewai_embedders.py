"""ML692: crewAI knowledge, memory and crewai_tools' RAG tools given no embedder embed with
OpenAI (OPENAI_API_KEY). Exact findings with the real provider files; crewAI is not installed
for the tests: its defaults were checked against crewai and crewai-tools 1.15.30
(frameworks/crewai.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import ScanOptions, plan, scan

QWEN_SPEC = (
    '{"provider": "openai", "config": {"model_name": "text-embedding-v4", "api_key": '
    'os.environ["DASHSCOPE_API_KEY"], "api_base": os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1")}}'
)
QWEN_BATCH = (
    "by hand (Alibaba Qwen (DashScope / Model Studio) embeds at most 10 texts a request, and "
    "crewAI sends up to 100: its openai embedder has no batch-size setting, so for more texts "
    'at once pass {"provider": "custom", "config": {"embedding_callable": ...}} with an '
    "embedding function of your own that sends at most 10)"
)
NO_EMBEDDINGS = (
    "DeepSeek has no OpenAI-compatible embeddings API: pass {shape} with an embedder of a "
    "provider that serves them (not OpenAI's), by hand"
)
KEY = "(key from OPENAI_API_KEY)"
TOOL_HEAD = (
    "{tool}() is given no embedding_model in config: crewai_tools embeds with OpenAI's "
    "text-embedding-3-small (key from OPENAI_API_KEY, needed when the tool is built)"
)
CREW_BOTH = (
    "Crew(memory=True, knowledge_sources=...) is given no embedder: crewAI embeds its memory "
    f"and knowledge with OpenAI's text-embedding-3-large and text-embedding-3-small {KEY}"
)
AGENT_KNOWLEDGE = (
    "Agent(knowledge_sources=...) is given no embedder, nor is a Crew of the module: crewAI "
    f"embeds its knowledge with OpenAI's text-embedding-3-small {KEY}"
)
AGENT_MEMORY = (
    "Agent(memory=True) builds Memory() with no embedder: it embeds with OpenAI's "
    f"text-embedding-3-large {KEY}"
)

# the trial's repro (crewAI-examples' meta_quest_knowledge, reduced)
CREW = (
    "from crewai import Agent, Crew\n"
    "from crewai.knowledge.source.string_knowledge_source import StringKnowledgeSource\n"
    "from crewai_tools import WebsiteSearchTool\n"
    "\n"
    'agent = Agent(role="r", goal="g", backstory="b", llm="dashscope/qwen-plus", '
    "tools=[WebsiteSearchTool()])\n"
    "crew = Crew(agents=[agent], tasks=[], memory=True, "
    'knowledge_sources=[StringKnowledgeSource(content="x")])\n'
)


def embedder_findings(tmp_path: Path, text: str, provider: str) -> list[tuple[int, str, str]]:
    (tmp_path / "crew.py").write_text(text, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), provider=provider, cwd=tmp_path, jobs=1))
    return [
        (f.line, f"{f.severity.value} {f.fix.value}", f.message)
        for f in result.findings
        if f.rule == "ML692"
    ]


def test_a_crews_knowledge_memory_and_rag_tool_get_the_providers_embedder(tmp_path):
    assert embedder_findings(tmp_path, CREW, "qwen") == [
        (
            5,
            "error manual",
            f"{TOOL_HEAD.format(tool='WebsiteSearchTool')}; pass "
            f'config={{"embedding_model": {QWEN_SPEC}}}, {QWEN_BATCH}',
        ),
        (6, "error manual", f"{CREW_BOTH}; pass embedder={QWEN_SPEC}, {QWEN_BATCH}"),
    ]
    options = ScanOptions(paths=(tmp_path,), provider="qwen", cwd=tmp_path, jobs=1)
    assert {p.change.path: p.change.after for p in plan(options).planned} == {"crew.py": CREW}


def test_a_provider_without_embeddings_is_said_to_have_none(tmp_path):
    assert embedder_findings(tmp_path, CREW, "deepseek") == [
        (
            5,
            "error manual",
            f"{TOOL_HEAD.format(tool='WebsiteSearchTool')}; "
            + NO_EMBEDDINGS.format(shape='config={"embedding_model": ...}'),
        ),
        (6, "error manual", f"{CREW_BOTH}; " + NO_EMBEDDINGS.format(shape="embedder=...")),
    ]


def test_an_agents_knowledge_takes_the_embedder_of_a_crew_of_the_module(tmp_path):
    agent = 'agent = Agent(role="r", goal="g", backstory="b", knowledge_sources=[notes])\n'
    alone = "from crewai import Agent, Crew\n\n" + agent
    assert embedder_findings(tmp_path, alone, "qwen") == [
        (3, "error manual", f"{AGENT_KNOWLEDGE}; pass embedder={QWEN_SPEC}, {QWEN_BATCH}")
    ]
    for crew in ("crew = Crew(agents=[agent], embedder=EMBEDDER)\n", "crew = Crew(**settings)\n"):
        assert embedder_findings(tmp_path, alone + crew, "qwen") == []


def test_an_agents_memory_is_its_own_memory(tmp_path):
    """`Agent(memory=True)` builds a Memory() without an embedder: the crew's is not used."""
    text = (
        "from crewai import Agent, Crew\n\n"
        'agent = Agent(role="r", goal="g", backstory="b", memory=True)\n'
        "crew = Crew(agents=[agent], embedder=EMBEDDER)\n"
    )
    assert embedder_findings(tmp_path, text, "qwen") == [
        (
            3,
            "error manual",
            f"{AGENT_MEMORY}; pass memory=Memory(llm=..., embedder={QWEN_SPEC}) (from crewai "
            "import Memory; llm=...: the agent's model, else Memory() analyses with OpenAI's "
            f"gpt-5.4-mini), {QWEN_BATCH}",
        )
    ]


def test_agents_are_judged_by_the_whole_module_after_an_earlier_finding(tmp_path):
    """A `Memory()` reported before the agents is no end to the module: an agent's memory
    after it is reported, and its knowledge takes a Crew's embedder given further down."""
    text = (
        "from crewai import Agent, Crew, Memory\n\n"
        "shared = Memory()\n"
        'agent = Agent(role="r", goal="g", backstory="b", memory=True, knowledge_sources=[n])\n'
        "crew = Crew(agents=[agent], tasks=[], embedder=EMBEDDER)\n"
    )
    assert embedder_findings(tmp_path, text, "deepseek") == [
        (
            3,
            "error manual",
            "Memory() is given no embedder: it embeds with OpenAI's text-embedding-3-large "
            f"{KEY}; " + NO_EMBEDDINGS.format(shape="embedder=..."),
        ),
        (
            4,
            "error manual",
            f"{AGENT_MEMORY}; "
            + NO_EMBEDDINGS.format(shape="memory=Memory(llm=..., embedder=...)"),
        ),
    ]


@pytest.mark.parametrize(
    "call",
    [
        'PDFSearchTool(pdf="a.pdf", config={"embedding_model": EMBEDDER})',
        "PDFSearchTool(config=TOOL_CONFIG)",  # not shown: left
        'PDFSearchTool(config={"embedder": {"provider": "ollama"}})',  # crewai-tools 0.x
        "PDFSearchTool(**options)",
    ],
)
def test_a_rag_tool_given_an_embedder_or_an_unknown_config_is_left(tmp_path, call):
    text = f"from crewai_tools import PDFSearchTool\n\ntool = {call}\n"
    assert embedder_findings(tmp_path, text, "qwen") == []


def test_a_rag_tool_by_its_module_path_with_a_config_of_its_vector_store_only(tmp_path):
    """A file importing only crewai_tools is read; a config without `embedding_model` still
    builds chromadb's OpenAI default."""
    text = (
        "from crewai_tools.tools.csv_search_tool.csv_search_tool import CSVSearchTool\n\n"
        'tool = CSVSearchTool(config={"vectordb": {"provider": "chromadb", "config": {}}})\n'
    )
    assert embedder_findings(tmp_path, text, "deepseek") == [
        (
            3,
            "error manual",
            f"{TOOL_HEAD.format(tool='CSVSearchTool')}; "
            + NO_EMBEDDINGS.format(shape='config={"embedding_model": ...}'),
        )
    ]


def test_a_rag_tool_of_the_modules_own_is_reported_at_its_class(tmp_path):
    """crewAI-examples' stock_analysis derives `SEC10KTool(RagTool)` and builds it in another
    module; a class whose body sets `config` is left."""
    text = (
        "from crewai_tools import RagTool\n\n\n"
        "class FilingTool(RagTool):\n"
        '    name: str = "filings"\n\n\n'
        "class ConfiguredTool(RagTool):\n"
        "    config: dict = TOOL_CONFIG\n"
    )
    assert embedder_findings(tmp_path, text, "deepseek") == [
        (
            4,
            "error manual",
            "FilingTool(RagTool) is a RAG tool: built with no embedding_model in config, it "
            "embeds with OpenAI's text-embedding-3-small (key from OPENAI_API_KEY, needed when "
            "the tool is built); " + NO_EMBEDDINGS.format(shape='config={"embedding_model": ...}'),
        )
    ]


@pytest.mark.parametrize(
    "crew",
    [
        "Crew(agents=[], tasks=[], memory=False, knowledge_sources=[])",
        "Crew(agents=[], tasks=[], memory=True, embedder=EMBEDDER)",
        "Crew(agents=[], tasks=[], memory=Memory(embedder=EMBEDDER), knowledge_sources=None)",
    ],
)
def test_a_crew_with_an_embedder_or_nothing_to_embed_is_left(tmp_path, crew):
    text = f"from crewai import Crew, Memory\n\ncrew = {crew}\n"
    assert embedder_findings(tmp_path, text, "qwen") == []


def test_nothing_is_reported_for_openai_itself(tmp_path):
    assert embedder_findings(tmp_path, CREW, "openai") == []


def all_findings(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    (tmp_path / "crew.py").write_text(text, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), provider="qwen", cwd=tmp_path, jobs=1))
    return [(f.line, f.rule, f.message) for f in result.findings]


def test_an_openai_embedder_without_a_base_url_is_reported_whole_not_its_model(tmp_path):
    """The trial's repro: ML204 renamed the model alone, and crewAI still embedded with
    OpenAI (its key, its host). The model is left to the embedder as a whole."""
    text = (
        "from crewai import Crew\nfrom crewai_tools import WebsiteSearchTool\n\n"
        "crew = Crew(agents=[], tasks=[], memory=True, embedder={"
        '"provider": "openai", "config": {"model_name": "text-embedding-3-small"}})\n'
        'bare = Crew(agents=[], tasks=[], memory=True, embedder={"provider": "openai"})\n'
        'tool = WebsiteSearchTool(config={"embedding_model": {"provider": "openai", '
        '"config": {"model": "text-embedding-3-small", "dimensions": 1024}}})\n'
    )
    crew = "Crew() is given an OpenAI embedder with no api_base: crewAI embeds with OpenAI's"
    assert all_findings(tmp_path, text) == [
        (
            4,
            "ML692",
            f"{crew} text-embedding-3-small {KEY}; pass embedder={QWEN_SPEC}, {QWEN_BATCH}",
        ),
        (
            5,
            "ML692",
            f"{crew} text-embedding-3-large {KEY}; pass embedder={QWEN_SPEC}, {QWEN_BATCH}",
        ),
        (
            6,
            "ML692",
            "WebsiteSearchTool() is given an OpenAI embedding_model in config with no api_base: "
            f"crewAI embeds with OpenAI's text-embedding-3-small {KEY}; pass "
            f'config={{"embedding_model": {QWEN_SPEC}}}, {QWEN_BATCH} (keep its other config '
            "entries: dimensions)",
        ),
    ]
    options = ScanOptions(paths=(tmp_path,), provider="qwen", cwd=tmp_path, jobs=1)
    assert [p.change.path for p in plan(options).planned if p.change.after != text] == []


def test_an_openai_embedders_key_and_url_stay_openais_together(tmp_path):
    """Its key read renamed alone (ML401) would go to OpenAI; its URL switched alone (ML402)
    would take OpenAI's key to the provider: both are left to ML692."""
    text = (
        "import os\n\nfrom crewai import Memory\n\n"
        'memory = Memory(llm="dashscope/qwen-plus", embedder={"provider": "openai", "config": '
        '{"api_key": os.environ["OPENAI_API_KEY"], "api_base": "https://api.openai.com/v1"}})\n'
    )
    assert all_findings(tmp_path, text) == [
        (
            5,
            "ML692",
            "Memory() is given an OpenAI embedder with OpenAI's api_base: crewAI embeds with "
            "OpenAI's text-embedding-3-large (key from its api_key); pass "
            f"embedder={QWEN_SPEC}, {QWEN_BATCH}",
        )
    ]


@pytest.mark.parametrize(
    "spec",
    [
        QWEN_SPEC,  # the advice followed
        '{"provider": "openai", "config": {"api_base": "http://localhost:8080/v1"}}',
        '{"provider": "ollama", "config": {"model_name": "nomic-embed-text"}}',
        '{"provider": "openai", "config": SETTINGS}',  # not shown
    ],
)
def test_an_embedder_pointed_elsewhere_is_left(tmp_path, spec):
    text = f"import os\n\nfrom crewai import Crew\n\ncrew = Crew(memory=True, embedder={spec})\n"
    assert all_findings(tmp_path, text) == []


def test_an_openai_embedder_at_the_providers_url_without_its_key_is_given_it(tmp_path):
    """crewAI's openai embedder reads EMBEDDINGS_OPENAI_API_KEY, else OPENAI_API_KEY, when its
    config gives no api_key (chromadb then OPENAI_API_KEY, else CHROMA_OPENAI_API_KEY): the
    user's OpenAI key goes to the provider's host. Reported once where a name holds it."""
    text = (
        "import os\n\nfrom crewai import Crew, Memory\nfrom crewai_tools import PDFSearchTool\n\n"
        'EMBEDDER = {"provider": "openai", "config": {"api_base": '
        'os.environ["DASHSCOPE_BASE_URL"], "model_name": "text-embedding-v4"}}\n'
        "crew = Crew(agents=[], tasks=[], memory=True, embedder=EMBEDDER)\n"
        'memory = Memory(llm="dashscope/qwen-plus", embedder=EMBEDDER)\n'
        'tool = PDFSearchTool(config={"embedding_model": {"provider": "openai", "config": '
        '{"api_base": "https://dashscope.aliyuncs.com/compatible-mode/v1"}}})\n'
    )
    sends = (
        "api_base and no api_key: crewAI sends that host the key in OPENAI_API_KEY "
        '(EMBEDDINGS_OPENAI_API_KEY where set), an OpenAI key; add "api_key": '
        'os.environ["DASHSCOPE_API_KEY"] to its config, by hand'
    )
    qwen = "Alibaba Qwen (DashScope / Model Studio)'s"
    assert embedder_findings(tmp_path, text, "qwen") == [
        (6, "error manual", f"Crew() is given an OpenAI embedder with {qwen} {sends}"),
        (
            9,
            "error manual",
            f"PDFSearchTool() is given an OpenAI embedding_model in config with {qwen} {sends}",
        ),
    ]
    options = ScanOptions(paths=(tmp_path,), provider="qwen", cwd=tmp_path, jobs=1)
    assert [p.change.path for p in plan(options).planned if p.change.after != text] == []
    fixed = text.replace('"model_name"', '"api_key": os.environ["DASHSCOPE_API_KEY"], "model_name"')
    fixed = fixed.replace('/v1"}}', '/v1", "api_key": os.environ["DASHSCOPE_API_KEY"]}}')
    assert embedder_findings(tmp_path, fixed, "qwen") == []
    # another provider's URL, or a server of one's own, is left (as above)
    assert embedder_findings(tmp_path, text, "deepseek") == []
