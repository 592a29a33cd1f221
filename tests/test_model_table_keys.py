"""A model set in code that is a key of a table keyed by OpenAI model in a config file of the
project, which ML503 leaves (ML204, `model_table_keys`, `model_left.table_key_reason`).

chatgpt-telegram-bot stores `"gpt-4o"` as the user's `current_model` and `ChatGPT()` asserts
it is a key of `config.models["info"]`, loaded from config/models.yml (`info: {gpt-4o: ...}`).
apply mapped the code's literals and (rightly) left the table's keys: AssertionError `Unknown
model: glm-5.3` after `/new` or a photo (t50c). Now the code's model is left with the table
(manual, naming the file and line), until the table has an entry for what it maps to.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_table_keys import ModelKey, keys_models, table_keys
from migrate_llm.registry import builtin_providers_dir, load_registry

MODELS = """available_text_models: ["gpt-4o-mini", "gpt-4o"]

info:
  gpt-4o:
    name: GPT-4o
    vision: true
  gpt-4o-mini:
    name: GPT-4o mini
    vision: true
"""

CONFIG = """import yaml

with open("config/models.yml") as f:
    models = yaml.safe_load(f)
"""

CHAT = """import config
from openai import OpenAI

client = OpenAI()


class Chat:
    def __init__(self, model="gpt-4o-mini"):
        assert model in config.models["info"], f"Unknown model: {model}"
        self.model = model

    def ask(self, text):
        messages = [{"role": "user", "content": text}]
        return client.chat.completions.create(model=self.model, messages=messages)


def new_dialog(db, user):
    db.set_user_attribute(user, "current_model", "gpt-4o-mini")


def photo(db, user):
    current_model = "gpt-4o"
    db.set_user_attribute(user, "current_model", "gpt-4o")
    return Chat(model=current_model)
"""

CLIENT = """import os

import config
from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
"""
# what apply writes: the client only, every model left with the table
APPLIED = CLIENT + CHAT.partition("client = OpenAI()\n")[2]


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, models: str = MODELS) -> Path:
    for name, text in {
        "config/models.yml": models,
        "bot/config.py": CONFIG,
        "bot/chat.py": CHAT,
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def ml204(tmp_path: Path) -> list[tuple[object, ...]]:
    result = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML204"
    ]


def apply(tmp_path: Path) -> str:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "bot/chat.py").read_text()


# the same table, its models reading text only
TEXT_MODELS = MODELS.replace("vision: true", "vision: false")


def left(
    line: int, subject: str, model: str, new: str, at: int, written: str, images: bool = False
) -> tuple:
    its = (
        f", its model for images (its entry in config/models.yml:{at} says vision: true)"
        if images
        else ""
    )
    return (
        line,
        "manual",
        f"{subject} maps to {new!r} on Zhipu AI (GLM){its}, but apply leaves it: {model!r} is a "
        f"key of the table info in config/models.yml:{at}, which apply leaves (ML503), and it "
        f"has no entry for {new!r} (a lookup there misses once mapped): add one, then change "
        f"the {written}, by hand",
        {"model_from": model, "model_to": new, "table": f"config/models.yml:{at}"},
    )


def test_models_keying_a_table_apply_leaves_are_left_with_it(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, TEXT_MODELS)
    setting = "setting 'current_model' of db.set_user_attribute()"
    assert ml204(tmp_path) == [
        left(
            8, "default of model = 'gpt-4o-mini'", "gpt-4o-mini", "glm-4-air-250414", 7, "default"
        ),
        left(18, f"{setting} = 'gpt-4o-mini'", "gpt-4o-mini", "glm-4-air-250414", 7, "setting"),
        left(22, "variable current_model = 'gpt-4o'", "gpt-4o", "glm-5.3", 4, "variable"),
        left(23, f"{setting} = 'gpt-4o'", "gpt-4o", "glm-5.3", 4, "setting"),
    ]
    assert apply(tmp_path) == APPLIED
    assert (tmp_path / "config/models.yml").read_text() == TEXT_MODELS
    assert apply(tmp_path) == APPLIED  # a second run changes nothing


def test_models_whose_entries_read_images_are_the_providers_model_for_images(tmp_path, monkeypatch):
    # t50c: `vision: true` in the bot's models.yml, and its photo fallback `current_model =
    # "gpt-4o"`: glm-5.3 and glm-4-air-250414 read text only (400 on the photo)
    project(tmp_path, monkeypatch)
    setting = "setting 'current_model' of db.set_user_attribute()"
    v = "glm-4.6v"
    assert ml204(tmp_path) == [
        left(8, "default of model = 'gpt-4o-mini'", "gpt-4o-mini", v, 7, "default", True),
        left(18, f"{setting} = 'gpt-4o-mini'", "gpt-4o-mini", v, 7, "setting", True),
        left(22, "variable current_model = 'gpt-4o'", "gpt-4o", v, 4, "variable", True),
        left(23, f"{setting} = 'gpt-4o'", "gpt-4o", v, 4, "setting", True),
    ]
    assert apply(tmp_path) == APPLIED
    # an entry for it added by hand, as the findings say: every model moves there (the lines
    # of the applied module, its client five lines longer)
    (tmp_path / "config/models.yml").write_text(MODELS + "  glm-4.6v:\n    vision: true\n")
    assert [(line, fix) for line, fix, _, _ in ml204(tmp_path)] == [
        (13, "review"),
        (23, "review"),
        (27, "review"),
        (28, "review"),
    ]
    assert apply(tmp_path) == APPLIED.replace('"gpt-4o-mini"', f'"{v}"').replace(
        '"gpt-4o"', f'"{v}"'
    )


def test_a_provider_whose_model_for_images_reads_no_text_keeps_the_tables_choice(
    tmp_path, monkeypatch
):
    # the program sends these models text too: a model for images alone would refuse it
    project(tmp_path, monkeypatch)
    provider = tmp_path / "providers/zhipu.toml"
    provider.parent.mkdir()
    text = (builtin_providers_dir() / "zhipu.toml").read_text()
    provider.write_text(text.replace("vision_model_text = true", "vision_model_text = false"))
    (tmp_path / "pyproject.toml").write_text('[tool.migrate-llm]\nprovider-paths = ["providers"]\n')
    assert [(f[0], f[3]["model_to"]) for f in ml204(tmp_path)] == [
        (8, "glm-4-air-250414"),
        (18, "glm-4-air-250414"),
        (22, "glm-5.3"),
        (23, "glm-5.3"),
    ]


def test_model_whose_table_has_its_mapped_entry_is_mapped(tmp_path, monkeypatch):
    # an entry for glm-5.3 added by hand, as ML503 says: gpt-4o moves, gpt-4o-mini stays
    project(tmp_path, monkeypatch, TEXT_MODELS + "  glm-5.3:\n    name: GLM-5.3\n")
    found = ml204(tmp_path)
    assert [(line, fix) for line, fix, _, _ in found] == [
        (8, "manual"),
        (18, "manual"),
        (22, "review"),
        (23, "review"),
    ]
    assert apply(tmp_path) == APPLIED.replace('= "gpt-4o"\n', '= "glm-5.3"\n').replace(
        '"current_model", "gpt-4o")', '"current_model", "glm-5.3")'
    )


def test_recorded_output_keeps_no_model(tmp_path, monkeypatch):
    # a program's recorded results keyed by model are no table it looks models up in
    project(tmp_path, monkeypatch, "name: bot\n")
    results = tmp_path / "benchmark_results/usage.json"
    results.parent.mkdir()
    results.write_text('{"gpt-4o": {"tokens": 12}, "gpt-4o-mini": {"tokens": 3}}\n')
    assert [fix for _, fix, _, _ in ml204(tmp_path)] == ["review"] * 4


def test_table_keys_read_every_key_of_a_table_keyed_by_model():
    serves = load_registry().get("openai").serves
    assert keys_models(MODELS.encode())
    assert not keys_models(b"model: gpt-4o\nname: bot\n")
    assert table_keys(
        "config/models.yml", "yaml", MODELS + "  whisper:\n    x: 1\n", None, serves
    ) == [
        ModelKey("config/models.yml", "info", "gpt-4o", 4, "vision: true"),
        ModelKey("config/models.yml", "info", "gpt-4o-mini", 7, "vision: true"),
        ModelKey("config/models.yml", "info", "whisper", 10),
    ]
    assert table_keys("models.json", "json", '{"gpt-4o": 8000, "o3-mini": 4000}', None, serves) == [
        ModelKey("models.json", "", "gpt-4o", 1),
        ModelKey("models.json", "", "o3-mini", 1),
    ]
    assert table_keys("x.yml", "yaml", "a: [", None, serves) == []
