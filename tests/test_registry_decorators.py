"""A setting naming an id the program registers with a decorator (`model_registry`,
`DECORATOR`): OpenBMB/AgentVerse's `@llm_registry.register("gpt-4")` on its OpenAI class, looked
up by a task YAML's `llm_type: gpt-4`. ML503 mapped that value to `qwen4-max`, which nothing
registers, and the program raised "not registered" before any request (t63b). Now the value is
left (manual, naming the decorator) until the program registers what it maps to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_registry import DECORATOR, RegisteredModel, may_register, registered_models
from migrate_llm.registry import load_registry

from . import network_guard
from .program_runner import run_python

BACKENDS = """from openai import OpenAI


class Catalog:
    def __init__(self):
        self.kinds = {}

    def add(self, name):
        def wrap(cls):
            self.kinds[name] = cls
            return cls

        return wrap

    def make(self, name, **kw):
        if name not in self.kinds:
            raise ValueError(f"{name} is not a known backend")
        return self.kinds[name](**kw)


catalog = Catalog()


@catalog.add("gpt-4")
class ChatBackend:
    def __init__(self, model):
        self.model = model
        self.client = OpenAI()

    def ask(self, text):
        messages = [{"role": "user", "content": text}]
        reply = self.client.chat.completions.create(model=self.model, messages=messages)
        return reply.choices[0].message.content
"""
MAIN = """import yaml
from backends import catalog

conf = yaml.safe_load(open("settings.yaml"))["writer"]
print(catalog.make(conf["backend"], model=conf["model"]).ask("hello"))
"""
SETTINGS = "writer:\n  backend: gpt-4\n  model: gpt-4\n"
FILES = {"backends.py": BACKENDS, "main.py": MAIN, "settings.yaml": SETTINGS}
WHY = (
    "gpt-4 is an OpenAI model; it maps to qwen4-max on Alibaba Qwen (DashScope / Model Studio), "
    "but apply leaves it: 'gpt-4' is a model id the program registers (the decorator "
    "@catalog.add('gpt-4') on line 24 of backends.py), and it registers no 'qwen4-max': mapped, "
    "the program would look up a model it does not know; register Alibaba Qwen (DashScope / "
    "Model Studio)'s 'qwen4-max' there (or map the registry's entries too) first, then change "
    "this value, by hand"
)
DATA = {"model_from": "gpt-4", "model_to": "qwen4-max", "registry": "backends.py:24"}


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **changed: str) -> None:
    for name, text in {**FILES, **changed}.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def ml503(command: str) -> list[tuple[object, ...]]:
    args = [command, ".", "-p", "qwen", "--format", "json", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == (0 if command == "scan" else 1), result.output
    return [
        (f["path"], f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML503"
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def test_a_decorator_registering_an_id_is_read():
    serves = load_registry().get("openai").serves
    text = (
        "@llm_registry.register('gpt-4')\n"
        "@llm_registry.register('gpt-3.5-turbo')\n"
        "class OpenAIChat:\n    pass\n\n\n"
        '@register_model("o3")\n'
        "def build():\n    pass\n\n\n"
        "registry.register('gpt-4o')(Chat)\n"
        "@app.route('/gpt-4o-mini')\n"  # not a registering name
        "class View:\n    pass\n\n\n"
        "seen.add('gpt-4.1')\n"  # a set's add, not applied to a class
    )
    assert may_register(text.encode())
    assert may_register(b'registry.register("gpt-4")(Chat)\n')
    assert not may_register(b"@dataclass\nclass A:\n    pass\nseen.add('gpt-4')\n")

    def entry(model: str, line: int, by: str) -> RegisteredModel:
        return RegisteredModel("m.py", "m.py", model, line, DECORATOR, by)

    assert registered_models("m.py", "m.py", text.encode(), serves) == [
        entry("gpt-4", 1, "llm_registry.register"),
        entry("gpt-3.5-turbo", 2, "llm_registry.register"),
        entry("o3", 7, "register_model"),
        entry("gpt-4o", 12, "registry.register"),
    ]


def test_a_yaml_value_a_decorator_registers_is_left(tmp_path, monkeypatch, server):
    project(tmp_path, monkeypatch)
    left = [("settings.yaml", 2, "manual", WHY, DATA), ("settings.yaml", 3, "manual", WHY, DATA)]
    assert ml503("scan") == left
    apply()
    assert (tmp_path / "settings.yaml").read_text() == SETTINGS
    # apply imported os above the decorator in backends.py
    moved = [
        (*f[:3], WHY.replace("line 24", "line 26"), {**DATA, "registry": "backends.py:26"})
        for f in left
    ]
    assert ml503("check") == moved
    # the program still finds its class (mapped alone: "qwen4-max is not a known backend")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "PYTHONPATH"}
    env |= {"DASHSCOPE_API_KEY": "test-key-qwen", "DASHSCOPE_BASE_URL": server.base}
    guard = tmp_path / "guard"
    proc = run_python(["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert (proc.returncode, proc.stdout) == (0, "reply from gpt-4\n"), proc.stderr
    assert network_guard.blocked_hosts(guard) == []
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-qwen"


def test_the_value_moves_once_the_program_registers_what_it_maps_to(tmp_path, monkeypatch):
    added = '@catalog.add("gpt-4")\n@catalog.add("qwen4-max")\n'
    both = BACKENDS.replace('@catalog.add("gpt-4")\n', added)
    project(tmp_path, monkeypatch, **{"backends.py": both})
    assert [(line, fix) for _, line, fix, _, _ in ml503("scan")] == [(2, "review"), (3, "review")]
    apply()
    assert (tmp_path / "settings.yaml").read_text() == SETTINGS.replace("gpt-4", "qwen4-max")
