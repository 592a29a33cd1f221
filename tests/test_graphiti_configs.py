"""graphiti after the t54e re-run: a config's key and base URL move in one apply, or neither
(D-G1); OpenAIGenericClient's default json_schema (D-G3); the project's own graphiti, whose
clients apply points where they are built (noise); graphiti's mcp_server test data (D-G2)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

HEAD = (
    "import os\n\nfrom graphiti_core.llm_client import LLMConfig\n"
    "from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient\n\n"
)
POINTED = (
    "llm = OpenAIGenericClient(\n"
    "    config=LLMConfig(\n"
    '        base_url=os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1"),\n'
    "        api_key={key},\n"
    '        model="Baichuan4",\n'
    "    ),\n"
    '    structured_output_mode="json_object",\n'
    ")\n"
)


def _scan(path: Path, provider: str = "baichuan") -> list[tuple[str, int, str, str, str]]:
    code, report = run_json("scan", str(path), "-p", provider)
    assert code == 0, report
    return finding_rows(report, "rule", "line", "severity", "fix", "message")


def _apply(path: Path, provider: str = "baichuan") -> str:
    done = CliRunner().invoke(app, ["apply", str(path), "-p", provider, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    return path.read_text(encoding="utf-8")


def _write(tmp_path: Path, source: str, name: str = "app.py") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_a_key_through_a_constant_moves_with_the_base_url_in_one_apply(tmp_path):
    source = (
        HEAD + 'KEY = os.environ["OPENAI_API_KEY"]\n'
        'llm = OpenAIGenericClient(config=LLMConfig(api_key=KEY, model="Baichuan4"))\n'
    )
    path = _write(tmp_path, source)
    found = [f[:4] for f in _scan(path)]
    assert found == [
        ("ML401", 6, "warning", "safe"),
        ("ML689", 7, "warning", "review"),
        ("ML689", 7, "error", "review"),
    ]
    [config] = [f for f in _scan(path) if f[2] == "error"]
    assert config[4] == (
        "LLMConfig() (graphiti) is given OPENAI_API_KEY, which apply points at "
        "BAICHUAN_API_KEY, and no base_url: graphiti's OpenAI clients send it to "
        'api.openai.com; apply passes base_url=os.environ.get("BAICHUAN_BASE_URL", '
        '"https://api.baichuan-ai.com/v1")'
    )
    after = _apply(path)
    assert after == HEAD + 'KEY = os.environ["BAICHUAN_API_KEY"]\n' + POINTED.format(key="KEY")
    assert _apply(path) == after  # a second apply changes nothing
    assert _scan(path) == []


def test_a_key_read_in_the_call_moves_with_the_base_url_in_one_apply(tmp_path):
    source = (
        HEAD + "llm = OpenAIGenericClient(\n"
        '    config=LLMConfig(api_key=os.environ["OPENAI_API_KEY"], model="Baichuan4")\n)\n'
    )
    path = _write(tmp_path, source)
    after = _apply(path)
    assert after == HEAD + POINTED.format(key='os.environ["BAICHUAN_API_KEY"]')
    assert _apply(path) == after
    assert _scan(path) == []


def test_a_config_given_its_key_by_position_keeps_both(tmp_path):
    source = HEAD + 'KEY = os.environ["OPENAI_API_KEY"]\nconfig = LLMConfig(KEY, "Baichuan4")\n'
    path = _write(tmp_path, source)
    found = _scan(path)
    assert [f[:4] for f in found] == [
        ("ML401", 6, "warning", "manual"),
        ("ML689", 7, "error", "manual"),
    ]
    assert found[1][4] == (
        "LLMConfig() (graphiti) is given OPENAI_API_KEY and no base_url: graphiti's OpenAI "
        'clients send it to api.openai.com; pass base_url=os.environ.get("BAICHUAN_BASE_URL", '
        '"https://api.baichuan-ai.com/v1") and the key from BAICHUAN_API_KEY (apply leaves '
        "both: an argument given by position), by hand"
    )
    assert _apply(path) == source


def test_a_key_also_sent_elsewhere_stays_and_so_does_the_base_url(tmp_path):
    source = (
        HEAD + "from somelib import OpenAIThing\n\n"
        'KEY = os.environ["OPENAI_API_KEY"]\n'
        'config = LLMConfig(api_key=KEY, model="Baichuan4")\n'
        "thing = OpenAIThing(api_key=KEY)\n"
    )
    path = _write(tmp_path, source)
    assert [f[:4] for f in _scan(path)] == [("ML401", 8, "warning", "manual")]
    assert _apply(path) == source


def test_generic_clients_default_json_schema(tmp_path):
    source = (
        "from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient\n\n"
        "a = OpenAIGenericClient(config)\n"
        "b = OpenAIGenericClient(config=config, structured_output_mode='json_schema')\n"
        "c = OpenAIGenericClient(config=config, structured_output_mode='json_object')\n"
        "d = OpenAIGenericClient(config=config, structured_output_mode=mode)\n"
    )
    path = _write(tmp_path, source)
    found = _scan(path)
    head = (
        "OpenAIGenericClient() (graphiti) asks for structured outputs by json_schema ({how}), "
        "which Baichuan's provider file does not confirm; {does} structured_output_mode="
        "'json_object' (json_object, which it confirms on some models; graphiti then puts the "
        "schema in the prompt){by}"
    )
    assert found == [
        (
            "ML689",
            3,
            "warning",
            "review",
            head.format(how="its default", does="apply passes", by=""),
        ),
        ("ML689", 4, "warning", "manual", head.format(how="given", does="pass", by=", by hand")),
    ]
    after = _apply(path)
    assert (
        after.splitlines()[2]
        == 'a = OpenAIGenericClient(config, structured_output_mode="json_object")'
    )
    assert after.splitlines()[3:] == source.splitlines()[3:]
    # a provider whose file rejects json_schema: an error; one that confirms it: nothing
    assert [f[:4] for f in _scan(path, "deepseek")] == [("ML689", 4, "error", "manual")]
    assert [f[0] for f in _scan(_write(tmp_path, source, "b.py"), "openai")] == []


GRAPHITI = (
    "from graphiti_core.cross_encoder.openai_reranker_client import OpenAIRerankerClient\n"
    "from graphiti_core.embedder import OpenAIEmbedder\n"
    "from graphiti_core.llm_client import OpenAIClient\n\n\n"
    "class Graphiti:\n"
    "    def __init__(self, uri, llm_client=None, embedder=None, cross_encoder=None):\n"
    "        self.llm_client = llm_client or OpenAIClient()\n"
    "        self.embedder = embedder or OpenAIEmbedder()\n"
    "        self.cross_encoder = cross_encoder or OpenAIRerankerClient()\n"
)
RUNNER = "from graphiti_core import Graphiti\n\ng = Graphiti('bolt://localhost:7687')\n"


def _tree(tmp_path: Path) -> Path:
    _write(tmp_path, "from graphiti_core.graphiti import Graphiti\n", "graphiti_core/__init__.py")
    _write(tmp_path, GRAPHITI, "graphiti_core/graphiti.py")
    _write(tmp_path, "", "graphiti_core/maintenance/__init__.py")
    _write(tmp_path, RUNNER, "graphiti_core/maintenance/runner.py")
    return tmp_path


def test_the_projects_own_graphiti_says_only_what_still_fails(tmp_path):
    tree = _tree(tmp_path)
    found = _scan(tree / "graphiti_core")
    assert [f[:4] for f in found] == [
        ("ML689", 8, "error", "manual"),  # OpenAIClient(): the Responses API
        ("ML689", 3, "error", "manual"),  # Graphiti(): its OpenAIClient()
    ]
    assert found[0][4].startswith(
        "OpenAIClient() (graphiti): it calls the Responses API (responses.parse), which "
        "Baichuan's provider file does not list; use OpenAIGenericClient(LLMConfig("
    )
    assert found[1][4].startswith(
        "Graphiti() (graphiti) builds OpenAIClient() for what it is not given (llm_client): "
        "OpenAIClient() calls the Responses API (responses.parse), which Baichuan's provider "
        "file does not list; for Baichuan pass llm_client="
    )
    # a provider serving the Responses API: nothing left of them in the tree
    openai_like = [f for f in _scan(tree / "graphiti_core", "openai") if f[0] == "ML689"]
    assert openai_like == []


def test_an_app_of_its_own_still_hears_where_graphitis_defaults_go(tmp_path):
    path = _write(tmp_path / "app", GRAPHITI.replace("class Graphiti", "class Store"))
    found = [f for f in _scan(path) if f[0] == "ML689"]
    assert [f[1] for f in found] == [8, 9, 10]
    assert found[1][4].startswith(
        "OpenAIEmbedder() (graphiti): given no config, it reads OPENAI_API_KEY and talks to "
        "api.openai.com; use OpenAIEmbedder(OpenAIEmbedderConfig("
    )


FACTORIES_TEST = """import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / 'src'))

from config.schema import LLMConfig, OpenAIProviderConfig
from services.factories import LLMClientFactory, is_non_openai_provider


@pytest.mark.parametrize(
    'base_url',
    [None, 'https://api.openai.com/v1', 'https://api.openai.com', pytest.param('https://api.openai.com/v1/', id='slash')],
)
def test_official_is_openai(base_url):
    assert is_non_openai_provider(base_url) is False


class TestRouting:
    @staticmethod
    def _config(api_url):
        return LLMConfig(openai=OpenAIProviderConfig(api_key='test-key', api_url=api_url))

    def test_official(self):
        assert LLMClientFactory.create(self._config('https://api.openai.com/v1'))

    def test_effort(self):
        config = OpenAIProviderConfig(api_key='test-key', api_url='https://api.openai.com/v1')
        assert LLMClientFactory.create(LLMConfig(openai=config))
"""


def test_a_src_layouts_test_data_stays_openais(tmp_path):
    _write(tmp_path, "", "server/src/config/__init__.py")
    _write(tmp_path, "class OpenAIProviderConfig: ...\n", "server/src/config/schema.py")
    _write(tmp_path, "", "server/src/services/__init__.py")
    _write(tmp_path, "", "server/tests/__init__.py")
    path = _write(tmp_path, FACTORIES_TEST, "server/tests/test_factories.py")
    found = [f for f in _scan(path) if f[0] in ("ML401", "ML402")]
    case = (
        "OpenAI URL {url} is a case of a parametrized test (pytest.mark.parametrize() on line "
        "12): test data for the code under test; left (switched, the test would check "
        "something else)"
    )
    given = (
        "OpenAI URL https://api.openai.com/v1 given to {callee}(), the project's own, in a test: "
        "test data for the project's handling of OpenAI's URL, with no OpenAI key beside it; "
        "left (switched, the test would check something else)"
    )
    assert found == [
        ("ML402", 14, "note", "none", case.format(url="https://api.openai.com/v1")),
        ("ML402", 14, "note", "none", case.format(url="https://api.openai.com")),
        ("ML402", 14, "note", "none", case.format(url="https://api.openai.com/v1/")),
        ("ML402", 26, "note", "none", given.format(callee="self._config")),
        ("ML402", 29, "note", "none", given.format(callee="OpenAIProviderConfig")),
    ]
    assert _apply(path) == FACTORIES_TEST
