"""Outlines' OpenAI model (ML696): the model given to `outlines.from_openai()` mapped like a
request's unless the module's calls of that model ask for a json_schema the mapped model does
not take; a provider's model given there reported at each output type asking for json_schema
it does not take; outlines<1.0's `outlines.models.openai()`, which builds its own client.
Exact findings with every rule running, bytes after `apply`, exit codes of `check` (t63f)."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import cli, write_here

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
LISTED = f"{QWEN}'s file names the models that do: qwen4-max, qwen3.8-max"
PICK = "from pydantic import BaseModel\n\n\nclass Pick(BaseModel):\n    color: str\n\n\n"
CLIENT = (
    "client = openai.OpenAI(\n"
    '    api_key=os.environ["DASHSCOPE_API_KEY"], base_url=os.environ["DASHSCOPE_BASE_URL"]\n'
    ")\n"
)
HEAD = "import os\n\nimport openai\nimport outlines\n" + PICK + CLIENT


def found(registry, text: str, provider: str = "qwen") -> list[tuple[int, str, str, str, str]]:
    """(line, rule, severity, fix, message) of every finding on `text` but the notes (ML003
    says the client is already the provider's)."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.severity.value != "note"
    ]


def test_a_provider_model_refusing_json_schema_is_reported_at_each_structured_call(registry):
    text = (
        HEAD + 'model = outlines.from_openai(client, "qwen-plus")\n'
        'print(model("Pick.", Pick))\n'
        'print(model("Pick as JSON.", dict))\n'
        'print(model("Say hi."))\n'
        "gen = outlines.Generator(model, output_type=Pick)\n"
        'for part in model.stream("Pick.", Pick):\n    print(part)\n'
    )
    words = (
        "Outlines asks for structured outputs (response_format json_schema) for this output "
        f"type; qwen-plus does not take it ({LISTED}), so this call fails on every run (HTTP "
        "400): give from_openai() one of those models, or pass dict for JSON mode (type "
        "json_object), describe the fields in the prompt and validate the reply yourself, by "
        "hand"
    )
    assert found(registry, text) == [
        (line, "ML696", "error", "manual", words) for line in (16, 19, 20)
    ]


def test_a_structured_model_and_json_mode_are_left(registry):
    text = HEAD + 'model = outlines.from_openai(client, "qwen4-max")\nprint(model("P.", Pick))\n'
    assert found(registry, text) == []
    text = HEAD + 'model = outlines.from_openai(client, "qwen-plus")\nprint(model("P.", dict))\n'
    assert found(registry, text) == []


def test_an_openai_model_is_mapped_by_apply_and_check_passes(registry, tmp_path, monkeypatch):
    text = (
        HEAD + 'MODEL = "gpt-4o-mini"\nmodel = outlines.models.OpenAI(client, model_name=MODEL)\n'
        'print(model("Say hi.", max_tokens=20))\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    assert found(registry, text) == [
        (
            15,
            "ML696",
            "error",
            "review",
            "constant MODEL = 'gpt-4o-mini' (the model_name of outlines.from_openai()) is the "
            "model of every request Outlines sends; apply writes 'qwen-plus', the model table's "
            f"choice for {QWEN}",
        )
    ]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == text.replace(
        '"gpt-4o-mini"', '"qwen-plus"'
    ).encode()
    assert cli("check", ".", "--provider", "qwen").exit_code == 0


def test_an_openai_model_whose_mapping_refuses_the_modules_json_schema_is_left(
    registry, tmp_path, monkeypatch
):
    text = HEAD + 'model = outlines.from_openai(client, "gpt-4o-mini")\nprint(model("P.", Pick))\n'
    write_here(tmp_path, monkeypatch, {"app.py": text})
    assert found(registry, text) == [
        (
            15,
            "ML696",
            "error",
            "manual",
            "model_name='gpt-4o-mini' of outlines.from_openai() is the model of every request "
            f"Outlines sends; it maps to qwen-plus on {QWEN}, which does not take the "
            "json_schema this module's calls of the model ask for (the models that do: "
            "qwen4-max, qwen3.8-max): give it one of those, or pass dict for JSON mode (type "
            "json_object) and map it to qwen-plus, by hand",
        )
    ]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == text
    assert cli("check", ".", "--provider", "qwen").exit_code == 1


def test_outlines_0x_models_openai_without_base_url_is_an_error(registry):
    text = (
        "import outlines\n\n\ndef build():\n"
        '    return outlines.models.openai("qwen-plus", max_retries=2)\n'
    )
    assert found(registry, text) == [
        (
            5,
            "ML696",
            "error",
            "manual",
            "outlines.models.openai('qwen-plus') (outlines<1.0) builds its own "
            "openai.AsyncOpenAI() from OPENAI_BASE_URL (else https://api.openai.com/v1) and "
            "OPENAI_API_KEY, so its requests go to OpenAI whatever the model: pass it "
            'base_url=os.environ.get("DASHSCOPE_BASE_URL", '
            '"https://dashscope.aliyuncs.com/compatible-mode/v1") and '
            'api_key=os.environ["DASHSCOPE_API_KEY"], which it hands to the client (or, on '
            f"outlines>=1, outlines.from_openai(client, model) with a client pointed at {QWEN}), "
            "by hand",
        )
    ]
    # given a client (outlines 0.x takes one too), or base_url=: left
    assert found(registry, "import outlines\n\nmodel = outlines.models.openai(client)\n") == []


def test_a_project_class_named_from_openai_is_not_outlines(registry):
    text = (
        "def from_openai(client, name):\n    return name\n\n\n"
        'model = from_openai(None, "qwen-plus")\nmodel("P.", dict(a=1))\n'
    )
    assert found(registry, text) == []


def test_on_a_provider_taking_json_schema_on_no_model_the_mapped_model_is_written(registry):
    text = "import outlines\n" + PICK + 'model = outlines.from_openai(client, "gpt-4o")\n'
    text += 'print(model("P.", Pick))\n'
    zhipu = registry.get("zhipu")
    mapped = zhipu.map_model("gpt-4o")
    assert found(registry, text, "zhipu") == [
        (
            9,
            "ML696",
            "error",
            "review",
            "model_name='gpt-4o' of outlines.from_openai() is the model of every request "
            f"Outlines sends; apply writes {mapped!r}, the model table's choice for {zhipu.name}",
        ),
        (
            10,
            "ML696",
            "error",
            "manual",
            "Outlines asks for structured outputs (response_format json_schema) for this output "
            f"type; {zhipu.name} does not accept that type (accepted response_format types: text, "
            "json_object), whatever the schema's strictness, so this call fails on every run: "
            "pass dict for JSON mode (type json_object), describe the fields in the prompt and "
            "validate the reply yourself, by hand",
        ),
    ]


def test_a_constant_given_to_two_fixtures_is_judged_by_every_models_calls(registry):
    # outlines' own tests/models/test_openai.py (t63f): MODEL_NAME reaches a sync and an
    # async fixture; a test takes the first as a parameter and asks it for json_schema
    text = (
        "import pytest\nfrom outlines.models.openai import AsyncOpenAI, OpenAI\n"
        + PICK
        + 'MODEL_NAME = "gpt-4o-mini"\n\n\n@pytest.fixture\ndef model(client):\n'
        "    return OpenAI(client, MODEL_NAME)\n\n\n@pytest.fixture\n"
        "def async_model(client):\n    return AsyncOpenAI(client, MODEL_NAME)\n\n\n"
        'def test_pick(model):\n    model.generate("P.", Pick)\n'
    )
    assert [(line, rule, fix) for line, rule, _, fix, _ in found(registry, text)] == [
        (10, "ML696", "manual")
    ]
    text = text.replace("Pick)\n", "None)\n")
    assert [(line, rule, fix) for line, rule, _, fix, _ in found(registry, text)] == [
        (10, "ML696", "review")
    ]
