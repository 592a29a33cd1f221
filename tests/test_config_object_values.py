"""ML111 follows a request's `self.config.X` to the values the config object's class (a class
of the module) gives X, a settings getter's default among them, and a local taken from an
attribute to the attribute's values (t51e: TaskWeaver sent top_p=0.0 to Zhipu on every
request, check green)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n"
RANGE = " is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0"
ZHIPU_RANGE = (
    " is outside the range Zhipu AI (GLM) accepts, [0.01, 1.0]; use 0.01 (unconfirmed: upper "
    "bound 0.99 (the zhipuai SDK clamps) vs 1 (third-party API reference))"
)
SERVICE = """

class Service:
    def __init__(self, config: Config):
        self.config = config

    def ask(self, messages, temperature=None):
        temperature = temperature if temperature is not None else self.config.temperature
        return client.chat.completions.create(
            model="acme-large", messages=messages, temperature=temperature
        )
"""
# TaskWeaver's taskweaver/llm/openai.py, cut down
TASKWEAVER = """\
from openai import OpenAI


class OpenAIServiceConfig(LLMServiceConfig):
    def _configure(self) -> None:
        self.model = self._get_str("model", "glm-4-plus")
        self.top_p = self._get_float("top_p", 0)


class OpenAIService:
    def __init__(self, config: OpenAIServiceConfig):
        self.config = config
        self.client = OpenAI()

    def chat_completion(self, messages, top_p=None):
        top_p = top_p if top_p is not None else self.config.top_p
        return self.client.chat.completions.create(
            model=self.config.model, messages=messages, top_p=top_p
        )
"""


def findings(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML111"
    ]


def migrate(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def one_finding(line, subject, column):
    return [(line, column, Severity.WARNING, FixClass.MANUAL, subject + RANGE)]


def test_a_getters_default_in_the_config_class_is_reported_at_the_request(registry):
    text = (
        HEAD + "\n\nclass Config:\n    def __init__(self, data):\n"
        '        self.temperature = data.get("llm.temperature", 1.5)\n' + SERVICE
    )
    assert findings(registry, text) == one_finding(
        18, "temperature 1.5 (one of the values self.config.temperature may hold, line 8)", 64
    )
    after = migrate(registry, text).after  # left to a person: it may be set elsewhere
    assert '        self.temperature = data.get("llm.temperature", 1.5)\n' in after
    [again] = findings(registry, after)  # check stays red
    assert again[4] == findings(registry, text)[0][4].replace("line 8", "line 13")


def test_a_dataclass_default_and_a_construction_in_init(registry):
    text = (
        "from dataclasses import dataclass\n\n" + HEAD + "\n\n@dataclass\nclass Config:\n"
        "    temperature: float = 1.5\n"
        + SERVICE.replace(
            "    def __init__(self, config: Config):\n        self.config = config\n",
            "    def __init__(self):\n        self.config = Config()\n",
        )
    )
    assert findings(registry, text) == one_finding(
        20, "temperature 1.5 (one of the values self.config.temperature may hold, line 10)", 64
    )


def test_a_config_the_class_body_annotates(registry):
    text = (
        HEAD + "\n\nclass Config:\n    def __init__(self):\n"
        "        self.temperature = 1.5\n\n\nclass Service:\n    config: Config\n\n"
        "    def ask(self, messages):\n        return client.chat.completions.create(\n"
        '            model="acme-large", messages=messages,\n'
        "            temperature=self.config.temperature,\n        )\n"
    )
    assert findings(registry, text) == one_finding(
        17, "temperature 1.5 (one of the values self.config.temperature may hold, line 8)", 25
    )


def test_a_local_taken_from_a_self_attribute(registry):
    text = HEAD + (
        "\n\nclass Service:\n    def __init__(self):\n        self.temperature = 1.5\n\n"
        "    def ask(self, messages, temperature=None):\n        if temperature is None:\n"
        "            temperature = self.temperature\n"
        "        return client.chat.completions.create(\n"
        '            model="acme-large", messages=messages, temperature=temperature\n'
        "        )\n"
    )
    assert findings(registry, text) == one_finding(
        14, "temperature 1.5 (one of the values self.temperature may hold, line 8)", 64
    )


def test_a_value_in_range_an_unknown_class_or_two_classes_say_nothing(registry):
    in_range = (
        HEAD + "\n\nclass Config:\n    def __init__(self, data):\n"
        '        self.temperature = data.get("temperature", 0.7)\n' + SERVICE
    )
    imported = HEAD.replace("\n\n", "\nfrom app.settings import Config\n\n", 1) + SERVICE
    two = (
        HEAD + "\n\nclass Config:\n    temperature = 1.5\n\n\nclass Other:\n"
        "    temperature = 1.5\n"
        + SERVICE.replace(
            "    def __init__(self, config: Config):\n        self.config = config\n",
            "    def __init__(self, fast):\n        self.config = Config()\n"
            "        if fast:\n            self.config = Other()\n",
        )
    )
    for text in (in_range, imported, two):
        assert findings(registry, text) == [], text


def test_taskweavers_top_p_makes_check_fail_on_zhipu(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "openai_service.py").write_text(TASKWEAVER)
    result = CliRunner().invoke(
        app, ["check", ".", "-p", "zhipu", "-j", "1", "--no-cache", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML111"]
    assert [(f["line"], f["column"], f["fix"], f["message"]) for f in found] == [
        (
            18,
            63,
            "manual",
            "top_p 0 (one of the values self.config.top_p may hold, line 7)" + ZHIPU_RANGE,
        )
    ]
