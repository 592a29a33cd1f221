"""mem0 configs across modules and forms (trial t47d): a key read a settings module binds for
other modules to import (ML401 leaves it), a config a function returns (ML670, ML401), the
model of mem0's litellm llm (ML204 writes litellm's route), an embedder model read from the
environment with a default and a config pointed at the provider handed to mem0 in another
module (ML670's store size)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here

URL = "https://open.bigmodel.cn/api/paas/v4"
STATE = "from mem0 import Memory\n\n\ndef initialize_state(config):\n    return Memory.from_config(config)\n"
SETTINGS = 'import os\n\nOPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")\n'
APP = (
    "from settings import OPENAI_API_KEY\nfrom state import initialize_state\n\n"
    'CONFIG = {"llm": {"provider": "openai", "config": {"api_key": OPENAI_API_KEY}}}\n'
    "memory = initialize_state(CONFIG)\n"
)
BUILD = (
    "import os\n\n\ndef make_config():\n"
    '    key = os.environ.get("OPENAI_API_KEY")\n'
    "    return {\n"
    '        "llm": {"provider": "openai", "config": {"api_key": key}},\n'
    '        "embedder": {"provider": "openai", "config": {"api_key": key}},\n'
    "    }\n"
)
APP2 = "from build import make_config\nfrom state import initialize_state\n\ninitialize_state(make_config())\n"


def _scan(path: str) -> list[tuple[str, int, str, str, str]]:
    _, report = run_json("scan", "-p", "zhipu")
    found = finding_rows(report, "path", "rule", "line", "severity", "fix", "message")
    return [tuple(rest) for where, *rest in found if where == path and rest[2] != "note"]


def _apply_twice() -> None:
    """Apply, then apply again: the second changes nothing."""
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    before = {p: p.read_text(encoding="utf-8") for p in Path(".").glob("*.py")}
    again = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"])
    assert again.exit_code == 0 and again.stderr.startswith("Changed 0 files")
    assert {p: p.read_text(encoding="utf-8") for p in Path(".").glob("*.py")} == before


EXPORTED = (
    "reads OPENAI_API_KEY; not switched: it is bound to OPENAI_API_KEY at the module's top "
    "level, which this module does not use: another module may import it into a config, and "
    'the project hands configs to mem0, whose "llm" and "embedder" send the key they are given '
    'to OpenAI unless given "openai_base_url": renamed, Zhipu AI (GLM)\'s key would go there; '
    "point each config given OPENAI_API_KEY at Zhipu AI (GLM), then read ZAI_API_KEY, by hand"
)


def test_a_key_read_a_settings_module_exports_is_left_in_a_mem0_project(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"settings.py": SETTINGS, "app.py": APP, "state.py": STATE})
    assert _scan("settings.py") == [("ML401", 3, "warning", "manual", EXPORTED)]
    _apply_twice()
    assert (tmp_path / "settings.py").read_text(encoding="utf-8") == SETTINGS
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1


def test_without_mem0_or_with_a_use_in_the_module_the_read_is_renamed(tmp_path, monkeypatch):
    used = SETTINGS + "\nprint(bool(OPENAI_API_KEY))\n"
    write_here(tmp_path, monkeypatch, {"settings.py": SETTINGS, "used.py": used})
    assert [r[3] for r in _scan("settings.py")] == ["safe"]
    (tmp_path / "state.py").write_text(STATE, encoding="utf-8")
    assert [r[3] for r in _scan("used.py")] == ["safe"]
    private = SETTINGS.replace("OPENAI_API_KEY =", "_KEY =")
    (tmp_path / "settings.py").write_text(private, encoding="utf-8")
    assert [r[3] for r in _scan("settings.py")] == ["safe"]


SHAPED = (
    "the dict make_config() returns, shaped like mem0's config (a module of the project imports "
    "mem0, and may be given it),"
)


def test_a_config_a_function_returns_is_reported_and_keeps_its_key_read(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"build.py": BUILD, "app2.py": APP2, "state.py": STATE})
    assert _scan("build.py") == [
        (
            "ML401",
            5,
            "warning",
            "manual",
            f'reads OPENAI_API_KEY, the key of "llm" of {SHAPED} on line 7, mem0\'s openai llm, '
            "which apply leaves talking to OpenAI (ML670): given Zhipu AI (GLM)'s key "
            '(ZAI_API_KEY) it would send that key there; point that "llm" at Zhipu AI (GLM) '
            '(its "openai_base_url" and "model"), then read ZAI_API_KEY, by hand',
        ),
        (
            "ML670",
            7,
            "warning",
            "manual",
            f"\"llm\" of {SHAPED} picks provider 'openai': mem0's openai llm, which goes to "
            'OpenAI unless its "config" sets "openai_base_url" (it reads OPENAI_API_KEY and '
            "OPENAI_BASE_URL for what that leaves out, and sends gpt-5-mini by default); for "
            'Zhipu AI (GLM) set in its "config" "openai_base_url" to the base URL from '
            f'ZAI_BASE_URL (default {URL}), "api_key" to the key from ZAI_API_KEY and "model" '
            "to 'glm-4-air-250414' (instead of 'gpt-5-mini'), by hand",
        ),
        (
            "ML670",
            8,
            "warning",
            "manual",
            f"\"embedder\" of {SHAPED} picks provider 'openai': mem0's openai embedder, which "
            'goes to OpenAI unless its "config" sets "openai_base_url" (it reads OPENAI_API_KEY, '
            "OPENAI_API_BASE and OPENAI_BASE_URL for what that leaves out, and sends "
            'text-embedding-3-small by default); for Zhipu AI (GLM) set in its "config" '
            f'"openai_base_url" to the base URL from ZAI_BASE_URL (default {URL}), "api_key" to '
            "the key from ZAI_API_KEY and \"model\" to 'embedding-3' (instead of "
            '\'text-embedding-3-small\'), and "embedding_dims" to 2048 and "vector_store": '
            '{"config": {"embedding_model_dims": 2048}} (mem0\'s vector stores hold 1536 unless '
            "told); re-embed the vectors stored with OpenAI's model, by hand",
        ),
    ]
    _apply_twice()
    assert (tmp_path / "build.py").read_text(encoding="utf-8") == BUILD
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1


LITELLM = (
    "from mem0 import Memory\n\nm = Memory.from_config({\n"
    '    "llm": {"provider": "litellm", "config": {"model": "gpt-4o-mini"}},\n'
    '    "embedder": {"provider": "ollama"},\n'
    "})\n"
)


def test_the_model_of_mems_litellm_llm_goes_on_litellms_route(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": LITELLM})
    assert _scan("app.py") == [
        (
            "ML204",
            4,
            "warning",
            "review",
            "entry 'model' = 'gpt-4o-mini' maps to 'zai/glm-4-air-250414' on Zhipu AI (GLM), on "
            "litellm's route for it: mem0's 'litellm' llm (line 4) gives it to litellm as it "
            "is, which sends a model without a provider prefix to OpenAI; that route reads "
            "ZAI_API_KEY and ZAI_API_BASE (the library passes no api_key or api_base): export "
            f"ZAI_API_BASE={URL}",
        )
    ]
    result = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        f"Next: export ZAI_API_KEY=<your Zhipu AI (GLM) key> and ZAI_API_BASE={URL} (the "
        "OpenAI key does not work there): litellm's zai/ route reads them where a call passes "
        "no api_key or api_base. Where ZAI_API_KEY is unset or empty it sends OPENAI_API_KEY "
        "instead: unset OPENAI_API_KEY (and remove it from .env files) wherever it runs."
    )
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == LITELLM.replace(
        '"gpt-4o-mini"', '"zai/glm-4-air-250414"'
    )
    _apply_twice()
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 0


VAR_MODEL = (
    "import os\nfrom mem0 import Memory\n\n"
    f'BASE = os.environ.get("ZAI_BASE_URL", "{URL}")\n'
    'EMB = os.environ.get("EMB_MODEL", "embedding-3")\n'
    "m = Memory.from_config({\n"
    '    "llm": {"provider": "ollama"},\n'
    '    "embedder": {"provider": "openai", "config": {"openai_base_url": BASE, "model": EMB}},\n'
    '    "vector_store": {"provider": "qdrant", "config": {"embedding_model_dims": 1536}},\n'
    "})\n"
)


def test_an_embedder_model_read_with_a_default_sizes_the_store(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": VAR_MODEL})
    assert _scan("app.py") == [
        (
            "ML670",
            9,
            "error",
            "review",
            '"embedding_model_dims" 1536 of "vector_store" (qdrant): "embedder" of '
            "Memory.from_config() (its model embedding-3, the default of the variable it reads) "
            "returns vectors of 2048, which a store made for 1536 rejects; set 2048 (re-embed "
            "what it holds)",
        )
    ]
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1
    _apply_twice()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == VAR_MODEL.replace("1536", "2048")
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 0


POINTED = (
    "import os\nfrom state import initialize_state\n\n"
    f'BASE = os.environ.get("ZAI_BASE_URL", "{URL}")\n'
    "CONFIG = {\n"
    '    "embedder": {\n'
    '        "provider": "openai",\n'
    '        "config": {"openai_base_url": BASE, "model": "embedding-3"},\n'
    "    },\n"
    '    "vector_store": {\n'
    '        "provider": "qdrant",\n'
    '        "config": {"path": "/tmp/q"},\n'
    "    },\n"
    "}\n"
    "memory = initialize_state(CONFIG)\n"
)


def test_a_config_pointed_at_the_provider_handed_to_mem0_elsewhere_sizes_its_store(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"app.py": POINTED, "state.py": STATE})
    assert _scan("app.py") == [
        (
            "ML670",
            7,
            "error",
            "review",
            '"vector_store" (qdrant) holds 1536 unless its "embedding_model_dims" says, and '
            '"embedder" of CONFIG, a dict shaped like mem0\'s config (a module of the project '
            "imports mem0, and may be given it) returns vectors of 2048: the store rejects them; "
            'set "embedding_model_dims": 2048 in its "config"',
        )
    ]
    _apply_twice()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == POINTED.replace(
        '{"path": "/tmp/q"}', '{"embedding_model_dims": 2048, "path": "/tmp/q"}'
    )
    assert _scan("app.py") == []
