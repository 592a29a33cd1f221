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
from migrate_llm.model_registry import (
    DECORATOR,
    LOOKUP,
    RegisteredModel,
    may_register,
    registered_models,
)
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


KEY_NOTE = (
    "gpt-4 under backend: is the key the program registers its class by (backends.py:24), not "
    "a model its requests send (the record sends model:, mapped on its own): apply leaves it"
)
MAPPED = "gpt-4 is an OpenAI model; it maps to qwen4-max on Alibaba Qwen (DashScope / Model Studio)"


def test_a_yaml_value_a_decorator_registers_is_left(tmp_path, monkeypatch, server):
    # s64: the record's registry key (`backend:`) stays, a note; its `model:` is the model
    # the class sends, mapped as usual (before: both left, manual: 343 on AgentVerse)
    project(tmp_path, monkeypatch)
    note_data = {"model_from": "gpt-4", "registry": "backends.py:24"}
    assert ml503("scan") == [
        ("settings.yaml", 2, "none", KEY_NOTE, note_data),
        ("settings.yaml", 3, "review", MAPPED, {"model_from": "gpt-4", "model_to": "qwen4-max"}),
    ]
    apply()
    after = "writer:\n  backend: gpt-4\n  model: qwen4-max\n"
    assert (tmp_path / "settings.yaml").read_text() == after
    assert ml503("check") == []  # the key's note says nothing left to do
    # the program still finds its class by its key and sends the provider's model
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "PYTHONPATH"}
    env |= {"DASHSCOPE_API_KEY": "test-key-qwen", "DASHSCOPE_BASE_URL": server.base}
    guard = tmp_path / "guard"
    proc = run_python(["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert (proc.returncode, proc.stdout) == (0, "reply from qwen4-max\n"), proc.stderr
    assert network_guard.blocked_hosts(guard) == []
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-qwen"


def test_a_value_alone_registered_by_decorator_is_left(tmp_path, monkeypatch):
    # nothing tells the registry's key from a model sent: left with the registry (manual)
    project(tmp_path, monkeypatch, **{"settings.yaml": "writer:\n  backend: gpt-4\n"})
    assert ml503("scan") == [("settings.yaml", 2, "manual", WHY, DATA)]


LOADER = """from agents import llm_registry


def load_llm(llm_config):
    llm_type = llm_config.pop("llm_type", "text-davinci-003")
    return llm_registry.build(llm_type, **llm_config)


def load_memory(config):
    return memory_registry.build(config["memory_type"])
"""


def test_the_config_key_a_registry_lookup_is_given_is_read():
    serves = load_registry().get("openai").serves
    assert may_register(LOADER.encode())
    assert registered_models("load.py", "load.py", LOADER.encode(), serves) == [
        RegisteredModel("load.py", "load.py", "llm_type", 6, LOOKUP, "llm_registry.build"),
        RegisteredModel("load.py", "load.py", "memory_type", 10, LOOKUP, "memory_registry.build"),
    ]
    assert not may_register(b"def f(c):\n    return pool.build(c.pop('kind'))\n")


def test_a_value_under_the_key_a_registry_looks_up_is_a_note(tmp_path, monkeypatch):
    # AgentVerse's task records without `model:`: `llm_type` is what `load_llm` looks up
    agents = BACKENDS.replace("catalog", "llm_registry").replace("Catalog", "Registry")
    yaml_text = "writer:\n  llm_type: gpt-4\n  temperature: 0\n"
    project(tmp_path, monkeypatch, **{"agents.py": agents, "load.py": LOADER})
    (tmp_path / "settings.yaml").write_text(yaml_text)
    note = (
        "gpt-4 under llm_type: is the key the program registers its class by (agents.py:24), "
        "not a model its requests send (the record names none: the class's own default is "
        "sent): apply leaves it"
    )
    data = {"model_from": "gpt-4", "registry": "agents.py:24"}
    assert ml503("scan")[-1] == ("settings.yaml", 2, "none", note, data)
    apply()
    assert (tmp_path / "settings.yaml").read_text() == yaml_text


def test_the_value_moves_once_the_program_registers_what_it_maps_to(tmp_path, monkeypatch):
    added = '@catalog.add("gpt-4")\n@catalog.add("qwen4-max")\n'
    both = BACKENDS.replace('@catalog.add("gpt-4")\n', added)
    project(tmp_path, monkeypatch, **{"backends.py": both})
    assert [(line, fix) for _, line, fix, _, _ in ml503("scan")] == [(2, "review"), (3, "review")]
    apply()
    assert (tmp_path / "settings.yaml").read_text() == SETTINGS.replace("gpt-4", "qwen4-max")
