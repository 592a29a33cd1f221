"""Libraries configured for OpenAI with a dict (ML670): embedchain's and mem0's `"llm"` and
`"embedder"` parts, scrapegraphai's `"llm"` model (awesome-llm-apps' chat_with_pdf,
ai_web_scrapper and memory tutorials, where scan, apply and check said nothing). Each text runs
the whole pipeline (prefilter, every Python rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

ZHIPU_URL = "https://open.bigmodel.cn/api/paas/v4"
ZHIPU_SET = (
    f'"{{url_key}}" to the base URL from ZAI_BASE_URL (default {ZHIPU_URL}), "api_key" to the '
    "key from ZAI_API_KEY"
)


def findings(registry, text: str, provider: str | None = "zhipu"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []


def ml670(registry, text: str, provider: str | None = "zhipu"):
    """(line, column, message) of each ML670 finding."""
    return [
        (f.line, f.column, f.message)
        for f in findings(registry, text, provider)
        if f.rule == "ML670"
    ]


def zhipu(url_key: str, model: str, size: str = "") -> str:
    """The advice for Zhipu: set the base URL, the key and the model (and an embedder's size)."""
    sized = f', and "{size}" to the size of its vectors' if size else ""
    return f'for Zhipu AI (GLM) set in its "config" {ZHIPU_SET.format(url_key=url_key)}{model}{sized}, by hand'


EMBEDCHAIN_BOT = """from embedchain import App


def bot(db_path, key):
    return App.from_config(
        config={
            "llm": {"provider": "openai", "config": {"model": "gpt-4", "api_key": key}},
            "vectordb": {"provider": "chroma", "config": {"dir": db_path}},
            "embedder": {"provider": "openai", "config": {"api_key": key}},
        }
    )
"""
EMBEDCHAIN_LLM = (
    "\"llm\" of App.from_config() picks provider 'openai': embedchain's openai llm, which goes "
    'to OpenAI unless its "config" sets "base_url" (it reads OPENAI_API_KEY and OPENAI_API_BASE '
    "for what that leaves out, and sends gpt-4o-mini by default); "
    + zhipu("base_url", " and \"model\" to 'glm-4-plus' (for 'gpt-4')")
)
EMBEDCHAIN_EMBEDDER = (
    "\"embedder\" of App.from_config() picks provider 'openai': embedchain's openai embedder, "
    'which goes to OpenAI unless its "config" sets "api_base" (it reads OPENAI_API_KEY and '
    "OPENAI_API_BASE for what that leaves out, and sends text-embedding-ada-002 by default); "
    + zhipu(
        "api_base",
        " and \"model\" to 'embedding-3' (instead of 'text-embedding-ada-002')",
        "vector_dimension",
    )
)


def test_embedchain_parts_that_pick_openai_are_reported_with_what_to_set(registry):
    found = [f for f in findings(registry, EMBEDCHAIN_BOT) if f.rule == "ML670"]
    assert [(f.line, f.column, f.message) for f in found] == [
        (7, 33, EMBEDCHAIN_LLM),
        (9, 38, EMBEDCHAIN_EMBEDDER),
    ]
    assert [(f.severity, f.fix, dict(f.data)) for f in found] == [
        (
            Severity.WARNING,
            FixClass.MANUAL,
            {
                "library": "embedchain",
                "section": "llm",
                "variables": ["OPENAI_API_KEY", "OPENAI_API_BASE"],
                "base_url_key": "base_url",
            },
        ),
        (
            Severity.WARNING,
            FixClass.MANUAL,
            {
                "library": "embedchain",
                "section": "embedder",
                "variables": ["OPENAI_API_KEY", "OPENAI_API_BASE"],
                "base_url_key": "api_base",
            },
        ),
    ]


def test_the_model_of_a_reported_part_is_named_not_mapped(registry):
    # ML204 mapped "gpt-4" alone: glm-4-plus then went to OpenAI with the OpenAI key
    assert [f.rule for f in findings(registry, EMBEDCHAIN_BOT)] == ["ML670", "ML670"]


SCRAPER = """from scrapegraphai.graphs import SmartScraperGraph

config = {"llm": {"api_key": "k", "model": "openai/gpt-4o-mini"}}


def scrape(url):
    return SmartScraperGraph(prompt="x", source=url, config=config).run()
"""


def test_scrapegraphai_openai_model_in_a_bound_config(registry):
    assert ml670(registry, SCRAPER) == [
        (
            3,
            44,
            "\"llm\" of SmartScraperGraph() picks model 'openai/gpt-4o-mini': scrapegraphai's "
            'openai model (langchain\'s ChatOpenAI), which goes to OpenAI unless "llm" sets '
            '"base_url" (it reads OPENAI_API_KEY and OPENAI_API_BASE for what that leaves out); '
            'for Zhipu AI (GLM) set in "llm" '
            + ZHIPU_SET.format(url_key="base_url")
            + " and \"model\" to 'openai/glm-4-air-250414' (for 'openai/gpt-4o-mini'), by hand",
        )
    ]


def test_scrapegraphai_bare_openai_model_positional_config(registry):
    # a bare OpenAI model id picks scrapegraphai's openai provider too; written mapped, it
    # must keep the prefix (a bare "glm-5.3" is in no provider's table: ValueError)
    text = 'from scrapegraphai.graphs import SearchGraph\n\ng = SearchGraph("q", {"llm": {"model": "gpt-4o"}})\n'
    found = findings(registry, text)
    assert [(f.line, f.column, f.rule) for f in found] == [(3, 40, "ML670")]
    assert found[0].message.endswith(" and \"model\" to 'openai/glm-5.3' (for 'gpt-4o'), by hand")


MEM0_STORE_ONLY = """import os

from mem0 import Memory

os.environ["OPENAI_API_KEY"] = os.environ.get("KEY", "")
config = {"vector_store": {"provider": "qdrant", "config": {"host": "localhost", "port": 6333}}}
memory = Memory.from_config(config)
"""


def test_mem0_parts_left_out_are_its_openai_defaults(registry):
    assert ml670(registry, MEM0_STORE_ONLY) == [
        (
            7,
            10,
            'Memory.from_config() is given no "llm": mem0\'s openai llm, which goes to OpenAI (it '
            "reads OPENAI_API_KEY and OPENAI_BASE_URL, and sends gpt-5-mini); for Zhipu AI (GLM) "
            'add "llm": {"provider": "openai", "config": {...}} and set in that "config" '
            + ZHIPU_SET.format(url_key="openai_base_url")
            + " and \"model\" to 'glm-4-air-250414' (instead of 'gpt-5-mini'), by hand",
        ),
        (
            7,
            10,
            'Memory.from_config() is given no "embedder": mem0\'s openai embedder, which goes to '
            "OpenAI (it reads OPENAI_API_KEY, OPENAI_API_BASE and OPENAI_BASE_URL, and sends "
            'text-embedding-3-small); for Zhipu AI (GLM) add "embedder": {"provider": "openai", '
            '"config": {...}} and set in that "config" '
            + ZHIPU_SET.format(url_key="openai_base_url")
            + " and \"model\" to 'embedding-3' (instead of 'text-embedding-3-small'), and "
            '"embedding_dims" to 2048 and "vector_store": {"config": {"embedding_model_dims": '
            "2048}} (mem0's vector stores hold 1536 unless told); re-embed the vectors stored "
            "with OpenAI's model, by hand",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "from mem0 import Memory\n\nm = Memory()\n",
            [
                (3, 5, "Memory() is given no config: mem0's openai llm"),
                (3, 5, "Memory() is given no config: mem0's openai embedder"),
            ],
            id="mem0-bare",
        ),
        pytest.param(
            "from embedchain import App\nfrom embedchain.llm.ollama import OllamaLlm\n\n"
            "app = App(llm=OllamaLlm())\n",
            [(4, 7, "App() is given no embedding_model=: embedchain's openai embedder")],
            id="embedchain-app-default-embedder",
        ),
        pytest.param(
            'import mem0\n\nm = mem0.AsyncMemory.from_config({"llm": {"config": {"temperature": 0.1}},'
            ' "embedder": {"provider": "ollama"}})\n',
            [(3, 35, '"llm" of AsyncMemory.from_config() names no "provider": mem0\'s openai llm')],
            id="mem0-no-provider",
        ),
        pytest.param(
            "from mem0 import Memory\n\n\ndef remember(cfg):\n    return Memory.from_config(cfg)\n",
            [
                (
                    5,
                    31,
                    '"llm" of Memory.from_config() may be mem0\'s openai llm (`cfg` is not shown here)',
                ),
                (
                    5,
                    31,
                    '"embedder" of Memory.from_config() may be mem0\'s openai embedder (`cfg` is not shown here)',
                ),
            ],
            id="mem0-config-not-shown",
        ),
    ],
)
def test_defaults_and_configs_not_shown_are_reported(registry, text, expected):
    found = ml670(registry, text)
    assert [
        (line, column, message.split(", which ")[0]) for line, column, message in found
    ] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "from embedchain import App\n\napp = App.from_config(config={\n"
            '    "llm": {"provider": "ollama", "config": {"model": "llama3"}},\n'
            '    "embedder": {"provider": "ollama", "config": {"model": "llama3"}},\n})\n',
            id="embedchain-ollama",
        ),
        pytest.param(
            "from embedchain import App\nfrom embedchain.llm.ollama import OllamaLlm\n\n"
            "app = App(llm=OllamaLlm(), embedding_model=make_embedder())\n",
            id="embedchain-objects",
        ),
        pytest.param(
            "from mem0 import Memory\nfrom mem0.configs.base import MemoryConfig\n"
            "from mem0.llms.configs import LlmConfig\nfrom mem0.embeddings.configs import EmbedderConfig\n\n"
            'm = Memory(MemoryConfig(llm=LlmConfig(provider="deepseek"), '
            'embedder=EmbedderConfig(provider="huggingface")))\n',
            id="mem0-config-classes",
        ),
        pytest.param(
            "from mem0 import Memory\n\nm = Memory.from_config(dict(\n"
            '    llm=dict(provider="openai", config=dict(openai_base_url="http://127.0.0.1:8000/v1")),\n'
            '    embedder={"provider": "ollama"},\n))\n',
            id="mem0-openai-pointed-elsewhere",
        ),
        pytest.param(
            "from scrapegraphai.graphs import SmartScraperGraph\n\n"
            'cfg = {"llm": {"model": "ollama/llama3.2", "base_url": "http://localhost:11434"}}\n'
            'g = SmartScraperGraph("x", "u", cfg)\n'
            'h = SmartScraperGraph("x", "u", {"llm": {"model_instance": mine, "model_tokens": 8192, "model": "gpt-4o"}})\n',
            id="scrapegraphai-own-models",
        ),
    ],
)
def test_parts_of_another_provider_or_pointed_elsewhere_are_left(registry, text):
    assert ml670(registry, text) == []


def test_no_provider_gives_a_neutral_message(registry):
    assert ml670(registry, SCRAPER, provider=None) == [
        (
            3,
            44,
            "\"llm\" of SmartScraperGraph() picks model 'openai/gpt-4o-mini': scrapegraphai's "
            'openai model (langchain\'s ChatOpenAI), which goes to OpenAI unless "llm" sets '
            '"base_url" (it reads OPENAI_API_KEY and OPENAI_API_BASE for what that leaves out); '
            'for another provider set in "llm" "base_url" to its base URL, "api_key" to its key '
            'and "model" to one of its models, by hand (`migrate-llm scan --provider ID` names them)',
        )
    ]
    assert ml670(registry, SCRAPER, provider="openai") == []


def test_check_fails_and_apply_leaves_the_configs(tmp_path, monkeypatch):
    (tmp_path / "bot.py").write_text(EMBEDCHAIN_BOT, encoding="utf-8")
    (tmp_path / "scrape.py").write_text(SCRAPER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"])
    assert applied.exit_code == 0
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == EMBEDCHAIN_BOT
    assert (tmp_path / "scrape.py").read_text(encoding="utf-8") == SCRAPER
    result = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split("::")[1].split(",title=")[0] for line in lines[:-1]] == [
        "warning file=bot.py,line=7,col=33,endLine=7,endColumn=41",
        "warning file=bot.py,line=9,col=38,endLine=9,endColumn=46",
        "warning file=scrape.py,line=3,col=44,endLine=3,endColumn=64",
    ]
    assert lines[-1] == "3 findings for zhipu in 2 of 2 files; 0 error, 3 warning, 0 note"


QWEN = "Alibaba Qwen (DashScope / Model Studio)"


def ml401(registry, text: str, provider: str = "qwen"):
    """(line, column, fix, message) of each ML401 finding."""
    return [
        (f.line, f.column, f.fix, f.message)
        for f in findings(registry, text, provider)
        if f.rule == "ML401"
    ]


def key_left(section: str, taker: str, line: int, builds: str, url_key: str) -> str:
    """ML401's message for a key read given in a config part ML670 reports (qwen)."""
    return (
        f'reads OPENAI_API_KEY, the key of "{section}" of {taker}() on line {line}, {builds}, '
        f"which apply leaves talking to OpenAI (ML670): given {QWEN}'s key (DASHSCOPE_API_KEY) "
        f'it would send that key there; point that "{section}" at {QWEN} (its "{url_key}" and '
        '"model"), then read DASHSCOPE_API_KEY, by hand'
    )


# t45g defect 1: ML401 renamed these reads (safe) while ML670 left the parts on OpenAI, so
# the DashScope key went to api.openai.com
MEM0_EMBEDDER_KEY = (
    "import os\nfrom mem0 import Memory\n\n"
    'm = Memory.from_config({"embedder": {"provider": "openai", "config": '
    '{"api_key": os.environ["OPENAI_API_KEY"]}}})\n'
)
EMBEDCHAIN_LLM_KEY = (
    "import os\nfrom embedchain import App\n\n"
    'app = App.from_config(config={"llm": {"provider": "openai", "config": '
    '{"api_key": os.getenv("OPENAI_API_KEY")}}})\n'
)
MEM0_KEY_BY_NAME = (
    'import os\nfrom mem0 import Memory\n\nKEY = os.getenv("OPENAI_API_KEY")\n'
    'm = Memory.from_config({"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini", '
    '"api_key": KEY}}})\n'
)
MEM0_SETTINGS_CALL = (
    "import os\nfrom mem0 import Memory\n\n"
    "settings = dict(api_key=os.environ['OPENAI_API_KEY'])\n"
    'm = Memory.from_config({"embedder": {"config": settings}})\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            MEM0_EMBEDDER_KEY,
            (
                4,
                82,
                key_left(
                    "embedder", "Memory.from_config", 4, "mem0's openai embedder", "openai_base_url"
                ),
            ),
            id="mem0-embedder",
        ),
        pytest.param(
            EMBEDCHAIN_LLM_KEY,
            (4, 83, key_left("llm", "App.from_config", 4, "embedchain's openai llm", "base_url")),
            id="embedchain-llm",
        ),
        pytest.param(
            MEM0_KEY_BY_NAME,
            (
                4,
                7,
                key_left("llm", "Memory.from_config", 5, "mem0's openai llm", "openai_base_url"),
            ),
            id="mem0-key-through-a-name",
        ),
        pytest.param(
            MEM0_SETTINGS_CALL,
            (
                4,
                25,
                key_left(
                    "embedder", "Memory.from_config", 5, "mem0's openai embedder", "openai_base_url"
                ),
            ),
            id="mem0-settings-dict-call",
        ),
    ],
)
def test_a_key_read_given_to_a_part_left_on_openai_is_not_renamed(registry, text, expected):
    line, column, message = expected
    assert ml401(registry, text) == [(line, column, FixClass.MANUAL, message)]


def test_apply_leaves_the_key_of_a_part_left_on_openai_and_check_stays_red(tmp_path, monkeypatch):
    texts = {"a.py": MEM0_EMBEDDER_KEY, "b.py": EMBEDCHAIN_LLM_KEY, "c.py": MEM0_KEY_BY_NAME}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0
    for name, text in texts.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert CliRunner().invoke(app, ["check", "-p", "qwen"]).exit_code == 1


def test_the_key_of_a_part_pointed_at_the_provider_is_still_renamed(registry):
    # the section's own base URL takes the key with it: ML670 is silent, ML401 renames
    text = (
        "import os\nfrom mem0 import Memory\n\n"
        'KEY = os.getenv("OPENAI_API_KEY")\n'
        'm = Memory.from_config({"llm": {"provider": "openai", "config": {"model": "qwen-plus", '
        '"api_key": KEY, "openai_base_url": "https://dashscope.aliyuncs.com/compatible-mode/v1"}}, '
        '"embedder": {"provider": "ollama"}})\n'
    )
    assert ml670(registry, text, "qwen") == []
    assert [(line, fix) for line, _, fix, _ in ml401(registry, text)] == [(4, FixClass.SAFE)]


# t45g defect 3: the proxy builds `Memory()` (or `Memory.from_config(config)`) unless given
# api_key=, when it is mem0's platform client; check said nothing
@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(
            "Mem0()",
            [
                (3, 10, "Mem0() is given no config: mem0's openai llm"),
                (3, 10, "Mem0() is given no config: mem0's openai embedder"),
            ],
            id="bare",
        ),
        pytest.param(
            'Mem0(config={"llm": {"provider": "openai", "config": {"model": "gpt-4o"}}, '
            '"embedder": {"provider": "ollama"}})',
            [(3, 43, "\"llm\" of Mem0() picks provider 'openai': mem0's openai llm")],
            id="config",
        ),
        pytest.param('Mem0(api_key=os.environ["MEM0_API_KEY"])', [], id="platform"),
        pytest.param('Mem0(None, "m0-key")', [], id="platform-by-position"),
    ],
)
def test_mem0s_proxy_is_reported_as_the_memory_it_builds(registry, call, expected):
    text = f"from mem0.proxy.main import Mem0\n\nclient = {call}\n"
    found = ml670(registry, text, "qwen")
    assert [(line, column, message.split(", which ")[0]) for line, column, message in found] == (
        expected
    )


MEM0_BARE = "from mem0 import Memory\n\nm = Memory()\n"
STORE = '"vector_store": {"config": {"embedding_model_dims": '
AGAIN = "; re-embed the vectors stored with OpenAI's model, by hand"


# t45g defect 4: "the size of its vectors" (1024 for text-embedding-v4) broke mem0's default
# store, made for 1536
@pytest.mark.parametrize(
    ("provider", "tail"),
    [
        pytest.param(
            "qwen",
            " and \"model\" to 'text-embedding-v4' (instead of 'text-embedding-3-small'), and "
            '"embedding_dims" to 1536: its model returns that size when asked, and mem0\'s vector '
            f"stores hold 1536 unless told (for another size it returns, set {STORE}<that size>}}}} "
            f"to the same){AGAIN}",
            id="qwen-returns-1536",
        ),
        pytest.param(
            "zhipu",
            " and \"model\" to 'embedding-3' (instead of 'text-embedding-3-small'), and "
            f'"embedding_dims" to 2048 and {STORE}2048}}}} (mem0\'s vector stores hold 1536 '
            f"unless told){AGAIN}",
            id="zhipu-sizes-without-1536",
        ),
        pytest.param(
            "siliconflow",
            " and \"model\" to 'BAAI/bge-m3' (instead of 'text-embedding-3-small'), and "
            f"{STORE}1024}}}}, the size its model returns (mem0's vector stores hold 1536 unless "
            'told), leaving "embedding_dims" out (mem0 sends it as dimensions=, which SiliconFlow '
            f"may not take){AGAIN}",
            id="siliconflow-default-size-only",
        ),
        pytest.param(
            None,
            ' and "model" to one of its models, and "embedding_dims" to a size its model '
            f"returns, with {STORE}<that size>}}}} the same (mem0's vector stores hold 1536 "
            f"unless told){AGAIN} (`migrate-llm scan --provider ID` names them)",
            id="no-provider",
        ),
    ],
)
def test_mem0s_embedder_advice_sizes_the_vector_store_too(registry, provider, tail):
    embedder = [m for _, _, m in ml670(registry, MEM0_BARE, provider) if "embedder" in m]
    assert len(embedder) == 1
    assert embedder[0].endswith(tail), embedder[0]


DEEPSEEK_NO_EMBEDDINGS = (
    "DeepSeek has no OpenAI-compatible embeddings API (see https://api-docs.deepseek.com): keep "
    "it on OpenAI or point it at a provider that serves embeddings (its key and base URL), by "
    "hand; acme, azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "from mem0 import Memory\n\nconfig = {\n"
            '    "embedder": {"provider": "openai", "config": {"model": "text-embedding-3-small"}},\n'
            '    "llm": {"provider": "ollama", "config": {"model": "llama3"}},\n'
            "}\nm = Memory.from_config(config)\n",
            [
                (
                    4,
                    30,
                    "\"embedder\" of Memory.from_config() picks provider 'openai': mem0's openai "
                    'embedder, which goes to OpenAI unless its "config" sets "openai_base_url" '
                    "(it reads OPENAI_API_KEY, OPENAI_API_BASE and OPENAI_BASE_URL for what that "
                    "leaves out, and sends text-embedding-3-small by default); "
                    + DEEPSEEK_NO_EMBEDDINGS,
                )
            ],
            id="mem0-embedder",
        ),
        pytest.param(
            "from mem0 import Memory\n\nm = Memory()\n",
            [
                (
                    3,
                    5,
                    "Memory() is given no config: mem0's openai llm, which goes to OpenAI (it "
                    "reads OPENAI_API_KEY and OPENAI_BASE_URL, and sends gpt-5-mini); for "
                    'DeepSeek give it a config with "llm": {"provider": "openai", "config": '
                    '{...}} and set in that "config" "openai_base_url" to the base URL from '
                    'DEEPSEEK_BASE_URL (default https://api.deepseek.com), "api_key" to the key '
                    "from DEEPSEEK_API_KEY and \"model\" to 'deepseek-flash' (instead of "
                    "'gpt-5-mini'), by hand",
                ),
                (
                    3,
                    5,
                    "Memory() is given no config: mem0's openai embedder, which goes to OpenAI "
                    "(it reads OPENAI_API_KEY, OPENAI_API_BASE and OPENAI_BASE_URL, and sends "
                    "text-embedding-3-small); " + DEEPSEEK_NO_EMBEDDINGS,
                ),
            ],
            id="mem0-bare",
        ),
        pytest.param(
            "from embedchain import App\n\napp = App.from_config(config={\n"
            '    "llm": {"provider": "ollama", "config": {"model": "llama3"}},\n'
            '    "embedder": {"provider": "openai", "config": {"model": "text-embedding-3-small"}},\n'
            "})\n",
            [
                (
                    5,
                    30,
                    "\"embedder\" of App.from_config() picks provider 'openai': embedchain's "
                    'openai embedder, which goes to OpenAI unless its "config" sets "api_base" '
                    "(it reads OPENAI_API_KEY and OPENAI_API_BASE for what that leaves out, and "
                    "sends text-embedding-ada-002 by default); " + DEEPSEEK_NO_EMBEDDINGS,
                )
            ],
            id="embedchain-embedder",
        ),
    ],
)
def test_an_embedder_for_a_provider_without_embeddings(registry, text, expected):
    # DeepSeek's [supports] embeddings = false: no model or size to set there (t45 h11)
    assert ml670(registry, text, "deepseek") == expected
