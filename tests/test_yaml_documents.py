"""YAML files of several documents (`---`), as litellm-based apps keep their model configs
(an llm document, then an embedder document): each document's records are its own, an
embedder's OpenAI base URL stays where its model does, and a catalogue read by litellm is
told to add records on litellm's route."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats import yamldoc
from migrate_llm.formats.document import dotted

DEEPSEEK = ["--provider", "deepseek"]

# The app's default record first, two more that map to the same model, then an embedder.
LLM_THEN_EMBEDDER = (
    "type: llm\n"
    "provider: litellm_llm\n"
    "models:\n"
    "  - alias: default\n"
    "    model: gpt-4.1-nano-2025-04-14\n"
    "  - model: gpt-4.1-mini-2025-04-14\n"
    "  - model: gpt-5-nano-2025-08-07\n"
    "---\n"
    "type: embedder\n"
    "provider: litellm_embedder\n"
    "models:\n"
    "  - model: text-embedding-3-large\n"
    "    alias: default\n"
    "    api_base: https://api.openai.com/v1\n"
)
LITELLM_APP = (
    "import yaml\n"
    "from litellm import completion\n"
    'llm = next(yaml.safe_load_all(open("config.yaml")))\n'
    'print(completion(model=llm["models"][0]["model"], messages=[]))\n'
)


def _config_findings(tmp_path, monkeypatch, command: str = "scan") -> list[dict]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(LLM_THEN_EMBEDDER)
    (tmp_path / "app.py").write_text(LITELLM_APP)
    result = CliRunner().invoke(app, [command, ".", *DEEPSEEK, "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    return [f for f in found if f["path"] == "config.yaml"]


def test_each_document_roots_its_own_paths():
    entries = yamldoc.read("models:\n  - model: a\n---\nmodels:\n  - model: b\n")
    models = [e for e in entries if e.key == "model"]
    assert [(e.path, e.document, e.rooted) for e in models] == [
        (("models", "0", "model"), 0, ("models", "0", "model")),
        (("models", "0", "model"), 1, ("--- 1", "models", "0", "model")),
    ]


def test_the_first_record_is_reported_beside_a_second_document(tmp_path, monkeypatch):
    found = _config_findings(tmp_path, monkeypatch)
    assert [(f["line"], f["rule"], f["fix"]) for f in found] == [
        (5, "ML503", "manual"),
        (6, "ML503", "manual"),
        (7, "ML503", "manual"),
        (12, "ML503", "manual"),
        (14, "ML502", "manual"),
    ]
    # litellm reads the catalogue: a record named bare would fail there
    assert found[0]["message"] == (
        "gpt-4.1-nano-2025-04-14 names a record of a catalogue of per-model settings (model:): "
        "apply leaves the record, as writing deepseek/deepseek-flash there would make two "
        "records of one model; add one for deepseek/deepseek-flash by hand"
    )
    assert found[0]["data"]["record_for"] == "deepseek/deepseek-flash"


def test_an_embedder_base_url_stays_with_its_openai_model(tmp_path, monkeypatch):
    found = _config_findings(tmp_path, monkeypatch)
    assert found[-1]["message"] == (
        "https://api.openai.com/v1 is OpenAI's endpoint; left alone: its record's model "
        "text-embedding-3-large is OpenAI's, for embeddings, which DeepSeek does not serve, so "
        "switched alone it would send that model, and the OpenAI key its requests carry, to "
        "DeepSeek; keep it on OpenAI, or point it at a provider that serves embeddings, with "
        "that provider's model and key, by hand"
    )
    assert found[-1]["data"] == {
        "url_from": "https://api.openai.com/v1",
        "url_to": "https://api.deepseek.com",
        "model": "text-embedding-3-large",
    }
    done = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "config.yaml").read_text() == LLM_THEN_EMBEDDER


def test_a_chat_record_with_no_mapping_keeps_its_base_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "llm:\n  model: gpt-4o-audio-preview\n  api_base: https://api.openai.com/v1\n"
    (tmp_path / "config.yaml").write_text(text)
    result = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML502"]
    assert [(f["line"], f["fix"], f["message"]) for f in found] == [
        (
            3,
            "manual",
            "https://api.openai.com/v1 is OpenAI's endpoint; left alone: its record's model "
            "gpt-4o-audio-preview is OpenAI's and has no DeepSeek mapping, so switched alone it "
            "would send that model, and the OpenAI key its requests carry, to DeepSeek; keep it "
            "on OpenAI, or point the model (--model gpt-4o-audio-preview=NAME), this URL and "
            "its key at DeepSeek together",
        )
    ]


def test_a_mapped_record_still_moves_its_base_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "llm:\n  model: gpt-4o-mini\n  api_base: https://api.openai.com/v1\n"
    (tmp_path / "config.yaml").write_text(text)
    done = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "config.yaml").read_text() == (
        "llm:\n  model: deepseek-flash\n  api_base: https://api.deepseek.com\n"
    )


def test_a_litellm_catalogue_is_told_the_route_form(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(LLM_THEN_EMBEDDER.split("---\n")[0])
    (tmp_path / "app.py").write_text(LITELLM_APP)
    result = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["path"] == "config.yaml"]
    assert [(f["line"], f["data"].get("record_for")) for f in found] == [
        (5, "deepseek/deepseek-flash"),
        (6, "deepseek/deepseek-flash"),
        (7, "deepseek/deepseek-flash"),
    ]
    assert found[1]["message"].endswith("add one for deepseek/deepseek-flash by hand")


def test_a_rooted_path_is_named_without_its_document():
    assert dotted(("--- 2", "models", "0")) == "models.0"
    assert dotted(("models", "0")) == "models.0"


# Review r4 y2: a placeholder-key component, then one with an OpenAI key and no base_url.
TWO_COMPONENTS = (
    "provider: OpenAIChatCompletionClient\n"
    "config:\n"
    "  model: gpt-4o-mini\n"
    "  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    "---\n"
    "provider: OpenAIChatCompletionClient\n"
    "config:\n"
    "  model: gpt-4o\n"
    "  api_key: sk-proj-Abc123def456ghi789jkl012mno345pqr678\n"
)


def test_a_component_held_in_the_second_document_keeps_its_model(tmp_path, monkeypatch):
    """The hold of the second document's component (its OpenAI key stays, ML663) was keyed
    by its unrooted path, so it landed on the first document: the second's model was
    rewritten beside OpenAI's key and URL, the first's left. Each now keeps its own."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model_config.yaml").write_text(TWO_COMPONENTS)
    done = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes", "--no-cache"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "model_config.yaml").read_text() == (
        "provider: OpenAIChatCompletionClient\n"
        "config:\n"
        "  model: deepseek-flash\n"
        "  base_url: https://api.deepseek.com\n"
        "  model_info:\n"
        "    vision: true\n"
        "    function_calling: true\n"
        "    json_output: true\n"
        "    family: unknown\n"
        "    structured_output: false\n"
        "  api_key: REPLACE_WITH_YOUR_API_KEY\n" + TWO_COMPONENTS[TWO_COMPONENTS.index("---") :]
    )
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json", "--no-cache"])
    left = [
        (f["rule"], f["line"], f["fix"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] in ("ML503", "ML663") and f["line"] > 12
    ]
    assert left == [("ML663", 13, "manual"), ("ML503", 15, "manual")]


GRAPHRAG_TWO = (
    "completion_models:\n  default_completion_model:\n    model_provider: openai\n"
    "    model: gpt-4.1\n    api_key: ${GRAPHRAG_API_KEY}\n---\n"
    "completion_models:\n  other_model:\n    model_provider: openai\n"
    "    model: gpt-4o\n    api_key: ${GRAPHRAG_API_KEY}\n"
)


def test_a_graphrag_entry_of_the_second_document_moves_with_the_first(tmp_path, monkeypatch):
    """Review r4: a model entry was found only at a path of two parts, so the second
    document's (rooted under `--- 1`) was none, and the first's key variable, read there too,
    left both on OpenAI. Both entries now move, each with its URL and key."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.yaml").write_text(GRAPHRAG_TWO)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.stderr
    url = "    api_base: https://dashscope.aliyuncs.com/compatible-mode/v1\n"
    assert (tmp_path / "settings.yaml").read_text() == (
        GRAPHRAG_TWO.replace("model: gpt-4.1\n", "model: qwen4-max\n" + url)
        .replace("model: gpt-4o\n", "model: qwen4-max\n" + url)
        .replace("GRAPHRAG_API_KEY", "DASHSCOPE_API_KEY")
    )


def test_an_alpaca_annotator_of_the_second_document_is_seen(tmp_path, monkeypatch):
    """Review r4: the annotators were keyed by rooted path and looked up by the unrooted one,
    so the provider's model in an annotator of the second document, whose client alpaca_eval
    still builds on OpenAI, went unreported and `check` passed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "configs.yaml").write_text(
        "other:\n  x: 1\n---\nmy_judge_fn:\n"
        '  fn_completions: "openai_completions"\n'
        "  completions_kwargs:\n"
        '    model_name: "qwen4-max"\n'
    )
    checked = CliRunner().invoke(
        app, ["check", ".", "--provider", "qwen", "--format", "json", "--no-cache"]
    )
    found = [(f["rule"], f["line"], f["fix"]) for f in json.loads(checked.stdout)["findings"]]
    assert (checked.exit_code, found) == (1, [("ML503", 7, "manual")])
