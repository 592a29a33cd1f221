"""A table of models (a dict bound to a name that says it holds models) whose values are OpenAI
model ids: its values are the program's model settings (ML204, review), mapped where they are
written, so the lookup that feeds `model=` sends the provider's model.

screenshot-to-code keeps `OPENAI_MODEL_CONFIG = {Llm.X: {"api_name": "gpt-5.5", ...}}` and
sends `OPENAI_MODEL_CONFIG[model]["api_name"]`: ML205 left every entry to a person ("if it
reaches a request ... change it by hand"), and the applied program sent `gpt-5.5`. Exact text,
messages and fix classes, and the model the loopback receives."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_model_labels import migrated

FLAT = (
    "from openai import OpenAI\n\n"
    'MODELS = {"fast": "gpt-4o-mini", "best": "gpt-4o"}\n\n\n'
    "def ask(kind, prompt):\n"
    "    return OpenAI().chat.completions.create(model=MODELS[kind], messages=prompt)\n"
)

NESTED = (
    "from enum import Enum\n\n"
    "from openai import OpenAI\n\n\n"
    "class Llm(Enum):\n"
    '    SMALL = "small"\n'
    '    LARGE = "large"\n\n\n'
    "OPENAI_MODEL_CONFIG = {\n"
    '    Llm.SMALL: {"api_name": "gpt-4o-mini", "reasoning_effort": "low"},\n'
    '    Llm.LARGE: {"api_name": "gpt-4o", "reasoning_effort": "high"},\n'
    "}\n\n\n"
    "def api_name(model: Llm) -> str:\n"
    '    return OPENAI_MODEL_CONFIG[model]["api_name"]\n'
)


def _rows(found, rule="ML204"):
    return [(line, fix, message) for line, _, r, _, fix, message in found if r == rule]


def test_a_flat_table_of_models_is_mapped_where_it_is_written(registry):
    found, after = migrated(registry, FLAT)
    assert _rows(found) == [
        (3, "review", "entry 'fast' of MODELS = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud"),
        (3, "review", "entry 'best' of MODELS = 'gpt-4o' maps to 'acme-large' on Acme Cloud"),
    ]
    assert _rows(found, "ML205") == []
    assert 'MODELS = {"fast": "acme-small", "best": "acme-large"}\n' in after
    assert "model=MODELS[kind]" in after


def test_a_table_of_model_records_has_each_records_model_mapped(registry):
    found, after = migrated(registry, NESTED)
    assert _rows(found) == [
        (
            12,
            "review",
            "entry 'api_name' of OPENAI_MODEL_CONFIG = 'gpt-4o-mini' maps to 'acme-small' on "
            "Acme Cloud",
        ),
        (
            13,
            "review",
            "entry 'api_name' of OPENAI_MODEL_CONFIG = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        ),
    ]
    assert after == NESTED.replace('"gpt-4o-mini"', '"acme-small"').replace(
        '"gpt-4o",', '"acme-large",'
    )


def test_a_table_named_for_something_else_stays_a_check(registry):
    text = FLAT.replace("MODELS", "CHOICES")
    found, after = migrated(registry, text)
    assert _rows(found) == []
    assert [r[1] for r in _rows(found, "ML205")] == ["manual", "manual"]
    assert 'CHOICES = {"fast": "gpt-4o-mini", "best": "gpt-4o"}\n' in after


def test_a_tokenizers_table_is_not_a_table_of_models(registry):
    text = (
        "import tiktoken\n\n"
        'TOKENIZER_MODELS = {"fast": "gpt-4o-mini"}\n'
        'ENCODING = tiktoken.encoding_for_model(TOKENIZER_MODELS["fast"])\n'
    )
    found, after = migrated(registry, text)
    assert _rows(found) == []
    assert after == text


APP = (
    NESTED + "\n\ndef ask(model: Llm, prompt: str) -> str:\n"
    "    reply = OpenAI().chat.completions.create(\n"
    '        model=api_name(model), messages=[{"role": "user", "content": prompt}]\n'
    "    )\n"
    "    return reply.choices[0].message.content\n\n\n"
    'if __name__ == "__main__":\n'
    '    print(ask(Llm.LARGE, "ping"))\n'
)


def test_the_applied_table_sends_the_providers_model(registry, tmp_path, monkeypatch):
    provider = registry.get("qwen")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    applied = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert '"gpt-4o"' not in applied and '"gpt-4o-mini"' not in applied

    server = LoopbackServer().start()
    try:
        env = {
            provider.api_key_env: "qwen-key",
            provider.base_url_env: server.base + "/compatible-mode/v1",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert request.path == "/compatible-mode/v1/chat/completions"
    assert request.body["model"] == registry.get("qwen").map_model("gpt-4o")
