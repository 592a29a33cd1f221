"""mem0's configs beyond the llm and embedder parts (trial t47b): the LLM reranker and the
LLM config nested in it (ML670, and ML401 for the provider's key given there), a config dict
of mem0's shape handed to `Memory.from_config` in another module (ML401 leaves its key read),
an embedder pointed at the provider with OpenAI's model or sizes (ML670 review edits), and
the vector-store size hint by store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

from .cli_findings import run_json

URL = "https://open.bigmodel.cn/api/paas/v4"
BASE_READ = f'os.environ.get("ZAI_BASE_URL", "{URL}")'
HEAD = f"import os\nfrom mem0 import Memory\n\nBASE = {BASE_READ}\n"
LLM = (
    '    "llm": {\n        "provider": "openai",\n'
    '        "config": {"openai_base_url": BASE, "model": "glm-4-air-250414"},\n    },\n'
)


def found(registry, text: str, provider: str = "zhipu"):
    """(rule, line, severity, fix, message) of each finding but notes."""
    ctx = RuleContext(registry, registry.get(provider))
    results = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [
        (f.rule, f.line, f.severity, f.fix, f.message)
        for f in results
        if f.severity is not Severity.NOTE
    ]


RERANKER = (
    HEAD
    + "m = Memory.from_config({\n"
    + LLM
    + '    "embedder": {"provider": "ollama"},\n'
    + '    "reranker": {"provider": "llm_reranker", "config": {"top_k": 2}},\n'
    + "})\n"
)
RERANKER_MESSAGE = (
    "\"reranker\" of Memory.from_config() picks provider 'llm_reranker': mem0's LLM reranker, "
    'which builds mem0\'s openai llm, which goes to OpenAI: its "config" takes no '
    '"openai_base_url" (it reads OPENAI_API_KEY and OPENAI_BASE_URL, and sends gpt-5-mini by '
    'default), only a "llm" given there does; for Zhipu AI (GLM) give its "config" "llm": '
    '{"provider": "openai", "config": {...}} and set in that "config" "openai_base_url" to the '
    f'base URL from ZAI_BASE_URL (default {URL}), "api_key" to the key from ZAI_API_KEY and '
    "\"model\" to 'glm-4-air-250414' (instead of 'gpt-5-mini'), by hand"
)


def test_an_llm_reranker_is_an_error(registry):
    assert found(registry, RERANKER) == [
        ("ML670", 11, Severity.ERROR, FixClass.MANUAL, RERANKER_MESSAGE)
    ]


NESTED = (
    HEAD
    + "m = Memory.from_config({\n"
    + LLM
    + '    "embedder": {"provider": "ollama"},\n'
    + '    "reranker": {"provider": "llm_reranker", "config": {"model": "glm-4-air-250414",\n'
    + '        "llm": {"provider": "openai", "config": {"api_key": os.environ["ZAI_API_KEY"]}}}},\n'
    + "})\n"
)


def test_a_nested_llm_without_base_url_gets_the_providers_key_is_an_error(registry):
    assert found(registry, NESTED) == [
        (
            "ML670",
            12,
            Severity.ERROR,
            FixClass.MANUAL,
            '"llm" of the "reranker" of Memory.from_config() picks provider \'openai\': mem0\'s '
            'openai llm, which goes to OpenAI unless its "config" sets "openai_base_url" (it '
            "reads OPENAI_API_KEY and OPENAI_BASE_URL for what that leaves out, and sends "
            'gpt-5-mini by default); for Zhipu AI (GLM) set in its "config" "openai_base_url" '
            f'to the base URL from ZAI_BASE_URL (default {URL}), "api_key" to the key from '
            "ZAI_API_KEY, by hand",
        ),
        (
            "ML401",
            12,
            Severity.ERROR,
            FixClass.MANUAL,
            'reads ZAI_API_KEY, the key of "llm" of the "reranker" of Memory.from_config() on '
            "line 12, mem0's openai llm, which talks to OpenAI (ML670): Zhipu AI (GLM)'s key "
            f'goes there; set beside it "openai_base_url": {BASE_READ} (see ML670), or keep it '
            "on OpenAI with OpenAI's key, by hand",
        ),
    ]


def test_rerankers_not_reaching_openai_are_left(registry):
    pointed = NESTED.replace(
        '{"api_key": os.environ', '{"openai_base_url": BASE, "api_key": os.environ'
    )
    assert found(registry, pointed) == []
    for reranker in (
        '{"provider": "cohere", "config": {"api_key": "k"}}',
        '{"provider": "llm_reranker", "config": {"provider": "ollama", "model": "llama3"}}',
    ):
        text = RERANKER.replace('{"provider": "llm_reranker", "config": {"top_k": 2}}', reranker)
        assert found(registry, text) == []


APP = """import os

from state import initialize_state

OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")
DEFAULT_CONFIG = {
    "llm": {"provider": "openai", "config": {"api_key": OPENAI_API_KEY, "model": "glm-4-air-250414"}},
    "vector_store": {"provider": "qdrant", "config": {"path": "/tmp/app"}},
}
memory = initialize_state(DEFAULT_CONFIG)
"""
STATE = """from mem0 import Memory


def initialize_state(config):
    return Memory.from_config(config)
"""


def _scan_json(tmp_path: Path) -> list[dict]:
    _, report = run_json("scan", "-p", "zhipu")
    return [f for f in report["findings"] if f["path"] == "app.py"]


def test_a_config_of_mems_shape_given_in_another_module_keeps_its_key_read(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "state.py").write_text(STATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shaped = (
        '"llm" of DEFAULT_CONFIG, a dict shaped like mem0\'s config (a module of the project '
        "imports mem0, and may be given it),"
    )
    assert [
        (f["rule"], f["line"], f["severity"], f["fix"], f["message"]) for f in _scan_json(tmp_path)
    ] == [
        (
            "ML401",
            5,
            "warning",
            "manual",
            f"reads OPENAI_API_KEY, the key of {shaped} on line 7, mem0's openai llm, which "
            "apply leaves talking to OpenAI (ML670): given Zhipu AI (GLM)'s key (ZAI_API_KEY) "
            'it would send that key there; point that "llm" at Zhipu AI (GLM) (its '
            '"openai_base_url" and "model"), then read ZAI_API_KEY, by hand',
        ),
        (
            "ML670",
            7,
            "warning",
            "manual",
            f"{shaped} picks provider 'openai': mem0's openai llm, which goes to OpenAI unless "
            'its "config" sets "openai_base_url" (it reads OPENAI_API_KEY and OPENAI_BASE_URL '
            "for what that leaves out, and sends gpt-5-mini by default); for Zhipu AI (GLM) set "
            'in its "config" "openai_base_url" to the base URL from ZAI_BASE_URL (default '
            f'{URL}), "api_key" to the key from ZAI_API_KEY, by hand',
        ),
    ]
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1


def test_without_mem0_in_the_project_the_dict_is_no_config(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [(f["rule"], f["fix"]) for f in _scan_json(tmp_path)] == [("ML401", "safe")]


def _embedder(config: str, store: str = "") -> str:
    return (
        HEAD
        + "m = Memory.from_config({\n"
        + LLM
        + '    "embedder": {\n        "provider": "openai",\n'
        + f'        "config": {config},\n    }},\n'
        + store
        + "})\n"
    )


NO_MODEL = _embedder(
    '{"openai_base_url": BASE}',
    '    "vector_store": {\n        "provider": "qdrant",\n        "config": {"embedding_model_dims": 2048},\n    },\n',
)
WRONG_SIZES = _embedder(
    '{\n            "openai_base_url": BASE,\n            "model": "embedding-3",\n'
    '            "embedding_dims": 1536,\n        }',
    '    "vector_store": {\n        "provider": "faiss",\n        "config": {"path": "/tmp/f"},\n    },\n',
)
STORE_LEFT = _embedder('{"openai_base_url": BASE, "model": "embedding-3"}')


def test_an_embedder_pointed_at_the_provider_with_openais_model_or_sizes(registry):
    assert found(registry, NO_MODEL) == [
        (
            "ML670",
            11,
            Severity.ERROR,
            FixClass.REVIEW,
            '"embedder" of Memory.from_config() is pointed at Zhipu AI (GLM) but gives no '
            '"model": mem0\'s openai embedder then sends text-embedding-3-small, which Zhipu '
            'AI (GLM) does not serve; set "model": "embedding-3" (its embedding model)',
        )
    ]
    assert found(registry, WRONG_SIZES) == [
        (
            "ML670",
            11,
            Severity.ERROR,
            FixClass.REVIEW,
            '"vector_store" (faiss) holds 1536 unless its "embedding_model_dims" says, and '
            '"embedder" of Memory.from_config() returns vectors of 2048: the store rejects '
            'them; set "embedding_model_dims": 2048 in its "config"',
        ),
        (
            "ML670",
            15,
            Severity.ERROR,
            FixClass.REVIEW,
            '"embedding_dims" 1536 of "embedder" of Memory.from_config(): sent as '
            "dimensions=1536, which Zhipu AI (GLM) rejects (its model returns 256, 512, 1024, "
            "2048; 2048 when not asked); set 2048, with the vector store the same",
        ),
    ]
    assert found(registry, STORE_LEFT) == [
        (
            "ML670",
            11,
            Severity.ERROR,
            FixClass.MANUAL,
            '"vector_store" (qdrant) holds 1536 unless its "embedding_model_dims" says, and '
            '"embedder" of Memory.from_config() returns vectors of 2048: the store rejects '
            'them; set "embedding_model_dims": 2048 in its "config"',
        )
    ]


def test_apply_gives_the_embedder_the_providers_model_and_sizes(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text(NO_MODEL, encoding="utf-8")
    (tmp_path / "b.py").write_text(WRONG_SIZES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == NO_MODEL.replace(
        '{"openai_base_url": BASE}', '{"model": "embedding-3", "openai_base_url": BASE}'
    )
    assert (tmp_path / "b.py").read_text(encoding="utf-8") == WRONG_SIZES.replace(
        '"embedding_dims": 1536', '"embedding_dims": 2048'
    ).replace('{"path": "/tmp/f"}', '{"embedding_model_dims": 2048, "path": "/tmp/f"}')
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 0


def test_the_size_hint_follows_the_store(registry):
    text = (
        "import os\nfrom mem0 import Memory\n\nm = Memory.from_config({\n"
        '    "llm": {"provider": "ollama"},\n'
        '    "embedder": {"provider": "openai", "config": {"model": "text-embedding-3-small"}},\n'
        '    "vector_store": {"provider": "chroma", "config": {"path": "/tmp/c"}},\n'
        "})\n"
    )
    [(rule, _, _, _, message)] = found(registry, text)
    assert rule == "ML670"
    assert message.endswith(
        "and \"model\" to 'embedding-3' (for 'text-embedding-3-small'), leaving "
        '"embedding_dims" out or at a size its model returns (chroma takes no size setting: it '
        "sizes a collection by the vectors first stored there); make the collections holding "
        "OpenAI's vectors anew, by hand"
    )


def test_a_dict_of_mems_shape_in_a_module_importing_mem0_but_not_calling_it(registry):
    # mem0's server/main.py imports mem0.exceptions and hands DEFAULT_CONFIG to server_state.py
    text = "from mem0.exceptions import ValidationError\n\n" + APP.replace(
        "from state import initialize_state\n", ""
    ).replace("memory = initialize_state(DEFAULT_CONFIG)\n", "")
    assert [(rule, line, fix) for rule, line, _, fix, _ in found(registry, text)] == [
        ("ML401", 6, FixClass.MANUAL),
        ("ML670", 8, FixClass.MANUAL),
    ]


# t56c: the size held in a module constant given to the embedder and the store
DIMS_CONSTANT = (
    HEAD.replace("BASE =", "DIMS = 1536\nBASE =")
    + "m = Memory.from_config({\n"
    + LLM
    + '    "embedder": {\n        "provider": "openai",\n'
    + '        "config": {"openai_base_url": BASE, "model": "embedding-3", "embedding_dims": DIMS},\n'
    + "    },\n"
    + '    "vector_store": {"provider": "qdrant", "config": {"embedding_model_dims": DIMS}},\n'
    + "})\n"
)


def test_a_size_held_in_a_module_constant_is_followed(registry):
    assert found(registry, DIMS_CONSTANT) == [
        (
            "ML670",
            13,
            Severity.ERROR,
            FixClass.MANUAL,
            '"embedding_dims" DIMS (1536, line 4) of "embedder" of Memory.from_config(): sent '
            "as dimensions=1536, which Zhipu AI (GLM) rejects (its model returns 256, 512, "
            "1024, 2048; 2048 when not asked); set DIMS to 2048, with the vector store the same",
        ),
        (
            "ML670",
            15,
            Severity.ERROR,
            FixClass.MANUAL,
            '"embedding_model_dims" DIMS (1536, line 4) of "vector_store" (qdrant): "embedder" '
            "of Memory.from_config() returns vectors of 2048, which a store made for 1536 "
            "rejects; set DIMS to 2048 (re-embed what it holds)",
        ),
    ]
    assert found(registry, DIMS_CONSTANT.replace("DIMS = 1536", "DIMS = 2048")) == []
    # 1024 is a size the model returns: the store alone is wrong
    assert [
        (line, message[:40])
        for _, line, _, _, message in found(
            registry,
            DIMS_CONSTANT.replace("DIMS = 1536", "DIMS = 1024").replace(
                '"embedding_model_dims": DIMS', '"embedding_model_dims": 2048'
            ),
        )
    ] == [(15, '"embedding_model_dims" 2048 of "vector_s')]


def test_apply_leaves_a_size_constant_to_a_person(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text(DIMS_CONSTANT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == DIMS_CONSTANT
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1


# t56c: a reranker's llm "config" looked up in a module-level dict (`LLM["config"]`)
LOOKED_UP = (
    HEAD
    + 'CHAT = {"provider": "openai", "config": {"openai_base_url": BASE, "model": "glm-4-air-250414"}}\n'
    + "m = Memory.from_config({\n"
    + '    "llm": CHAT,\n'
    + '    "embedder": {"provider": "ollama"},\n'
    + '    "reranker": {"provider": "llm_reranker", "config": {\n'
    + '        "llm": {"provider": "openai", "config": CHAT["config"]}}},\n'
    + "})\n"
)


def test_a_config_looked_up_in_a_module_dict_is_read(registry):
    assert found(registry, LOOKED_UP) == []
    # the dict the lookup finds has no base URL: the reranker's llm goes to OpenAI
    without = LOOKED_UP.replace('"openai_base_url": BASE, ', "")
    assert [(rule, line, severity) for rule, line, severity, _, _ in found(registry, without)] == [
        ("ML670", 5, Severity.WARNING),
        ("ML670", 10, Severity.ERROR),
    ]
    assert found(registry, without)[1][4] == (
        '"llm" of the "reranker" of Memory.from_config() picks provider \'openai\': mem0\'s '
        'openai llm, which goes to OpenAI unless its "config" sets "openai_base_url" (it '
        "reads OPENAI_API_KEY and OPENAI_BASE_URL for what that leaves out, and sends "
        'gpt-5-mini by default); for Zhipu AI (GLM) set in its "config" "openai_base_url" '
        f'to the base URL from ZAI_BASE_URL (default {URL}), "api_key" to the key from '
        "ZAI_API_KEY, by hand"
    )
