"""A model setting that is a model id the program registers, in a project whose registry apply
leaves (ML204, `model_registry`, `model_left.registry_reason`).

simonw/llm registers its models in llm/default_plugins/openai_models.py
(`register(Chat("gpt-4o-mini", ...), aliases=("4o-mini",))`, left by ML205), and
llm/__init__.py's `DEFAULT_MODEL` is the key `get_model()` looks up among them. apply mapped
the constant to an id nothing registers, and `llm "hi"` failed: unknown model. Now the
setting is left (manual, naming the registry's file and line) until the program registers
what it maps to; a setting the module sends as `model=` itself is still mapped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_registry import (
    ALIAS,
    ID,
    KEY,
    RegisteredModel,
    may_register,
    registered_models,
)
from migrate_llm.registry import load_registry
from migrate_llm.run_facts import REGISTERS_MODELS, facts_of

from . import network_guard
from .program_runner import run_python

INIT = """DEFAULT_MODEL = "gpt-4o-mini"

_registry = {}


def _register(model, aliases=()):
    for name in (model.model_id, *aliases):
        _registry[name] = model


def get_model(name=None):
    if not _registry:
        from pkg.reg import register_models

        register_models(_register)
    name = name or DEFAULT_MODEL
    if name not in _registry:
        raise SystemExit(f"Unknown model: {name}")
    return _registry[name]
"""
REG = """from pkg.models import Model


def register_models(register):
    register(Model("gpt-4o-mini"), aliases=("4o-mini",))
"""
MODELS = """from openai import OpenAI


class Model:
    def __init__(self, model_id):
        self.model_id = model_id

    def prompt(self, text):
        client = OpenAI()
        messages = [{"role": "user", "content": text}]
        return client.chat.completions.create(model=self.model_id, messages=messages)
"""
APP = """import pkg

print(pkg.get_model().prompt("hi").choices[0].message.content)
"""
FILES = {
    "pyproject.toml": '[project]\nname = "pkg"\n',
    "pkg/__init__.py": INIT,
    "pkg/reg.py": REG,
    "pkg/models.py": MODELS,
    "app.py": APP,
}
LEFT = (
    "pkg/__init__.py",
    1,
    "manual",
    "constant DEFAULT_MODEL = 'gpt-4o-mini' maps to 'deepseek-flash' on DeepSeek, but apply "
    "leaves it: 'gpt-4o-mini' is a model id the program registers (register() on line 5 of "
    "pkg/reg.py), and it registers no 'deepseek-flash': mapped, the program would look up a "
    "model it does not know; register DeepSeek's 'deepseek-flash' there (or map the "
    "registry's entries too) first, then change the constant, by hand",
    {"model_from": "gpt-4o-mini", "model_to": "deepseek-flash", "registry": "pkg/reg.py:5"},
)
# the module registering DeepSeek's model by hand, as the finding says (it names no OpenAI
# code: the screening reads it anyway)
PLUGIN = """from pkg.models import Model


def register_more(register):
    register(Model("deepseek-flash"))
"""


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **changed: str) -> None:
    for name, text in {**FILES, **changed}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)


def ml204(command: str = "scan", rules: tuple[str, ...] = ("ML204",)) -> list[tuple[object, ...]]:
    args = [command, ".", "-p", "deepseek", "--format", "json", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == (0 if command == "scan" else 1), result.output
    return [
        (f["path"], f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in rules
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def run_app(tmp_path: Path, server) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "PYTHONPATH"}
    env |= {"DEEPSEEK_API_KEY": "test-key-deepseek", "DEEPSEEK_BASE_URL": server.base}
    guard = tmp_path / "guard"
    proc = run_python(["app.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def test_a_registered_model_whose_mapping_nothing_registers_is_left(tmp_path, monkeypatch, server):
    project(tmp_path, monkeypatch)
    assert ml204() == [LEFT]
    apply()
    assert (tmp_path / "pkg/__init__.py").read_text() == INIT
    assert (tmp_path / "pkg/reg.py").read_text() == REG
    # check stays red on it, and on the registered id ML205 leaves
    assert ml204("check") == [LEFT]
    # the program still finds its default (mapped alone: `Unknown model: deepseek-flash`),
    # through the provider's client; the registry's id is a person's to change
    assert run_app(tmp_path, server)[:2] == (0, "reply from gpt-4o-mini\n")
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert request.body["model"] == "gpt-4o-mini"


def test_the_default_moves_once_the_program_registers_what_it_maps_to(
    tmp_path, monkeypatch, server
):
    registering = REG + "    from pkg.plugin import register_more\n\n    register_more(register)\n"
    project(tmp_path, monkeypatch, **{"pkg/reg.py": registering, "pkg/plugin.py": PLUGIN})
    assert ml204() == [
        (
            "pkg/__init__.py",
            1,
            "review",
            "constant DEFAULT_MODEL = 'gpt-4o-mini' maps to 'deepseek-flash' on DeepSeek",
            {"model_from": "gpt-4o-mini", "model_to": "deepseek-flash"},
        )
    ]
    apply()
    assert (tmp_path / "pkg/__init__.py").read_text() == INIT.replace(
        '"gpt-4o-mini"', '"deepseek-flash"'
    )
    assert run_app(tmp_path, server)[:2] == (0, "reply from deepseek-flash\n")
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert request.body["model"] == "deepseek-flash"
    apply()  # a second run changes nothing
    assert (tmp_path / "pkg/__init__.py").read_text().startswith('DEFAULT_MODEL = "deepseek-flash"')


def test_a_registered_model_the_module_sends_itself_is_mapped(tmp_path, monkeypatch):
    sends = (
        "from openai import OpenAI\n\n"
        'MODEL = "gpt-4o-mini"\n\n\n'
        "def ask(text):\n"
        "    messages = [{'role': 'user', 'content': text}]\n"
        "    return OpenAI().chat.completions.create(model=MODEL, messages=messages)\n"
    )
    project(tmp_path, monkeypatch, **{"pkg/ask.py": sends})
    # ML202's: a request sends it to the API as it is, not a key looked up
    assert [(path, line, fix) for path, line, fix, _, _ in ml204(rules=("ML202", "ML204"))] == [
        ("pkg/__init__.py", 1, "manual"),
        ("pkg/ask.py", 3, "review"),
    ]
    apply()
    assert 'MODEL = "deepseek-flash"\n' in (tmp_path / "pkg/ask.py").read_text()
    assert (tmp_path / "pkg/__init__.py").read_text() == INIT


def test_a_key_of_a_dict_of_models_is_a_registered_id(tmp_path, monkeypatch):
    table = (
        "from pkg.models import Model\n\n"
        'MODELS = {\n    "gpt-4o-mini": Model("gpt-4o-mini"),\n}\n'
        'MODELS["4o-mini"] = MODELS["gpt-4o-mini"]\n'
    )
    project(tmp_path, monkeypatch, **{"pkg/reg.py": table})
    ((path, line, fix, message, data),) = ml204()
    assert (path, line, fix, data["registry"]) == ("pkg/__init__.py", 1, "manual", "pkg/reg.py:4")
    assert "(a key of MODELS, line 4 of pkg/reg.py)" in message


def test_registered_models_reads_the_ids_a_module_registers():
    serves = load_registry().get("openai").serves
    text = (
        "import llm\n"
        "from llm import models\n\n\n"
        "@llm.hookimpl\n"
        "def register_models(register):\n"
        '    register(Chat("gpt-4o"), AsyncChat("gpt-4o"), aliases=("4o",))\n'
        '    for model_id in ("gpt-4.1", "gpt-4.1-mini"):\n'
        "        register(Chat(model_id), aliases=(model_id.replace('gpt-', ''),))\n"
        "    for extra in load_extra():\n"  # not a display of strings: not known here
        "        register(Chat(extra))\n"
        "    register(chat_model)\n"  # no construction shown
        '    registry.register(models.Chat(model_id="o3"))\n'
        'LIMITS = {"gpt-4o": 1}\n'  # a table of values, not of models
        'BUILT = {"o1": Chat("o1"), "mine": Local()}\n'
        'BUILT["o1-mini"] = Chat("o1-mini")\n'
        'OTHER = {"mine": Local()}\n'  # no OpenAI model keys it
    )
    assert may_register(text.encode())
    assert may_register(b'MODELS = {"gpt-4o": Chat("gpt-4o")}\n')
    assert not may_register(b'LIMITS = {"gpt-4o": 1}\nregister(model)\n')

    def entry(model: str, line: int, how: str, by: str = "register") -> RegisteredModel:
        return RegisteredModel("/p/m.py", "m.py", model, line, how, by)

    assert registered_models("/p/m.py", "m.py", text.encode(), serves) == [
        entry("gpt-4o", 7, ID),
        entry("4o", 7, ALIAS),
        entry("gpt-4.1", 9, ID),
        entry("gpt-4.1-mini", 9, ID),
        entry("o3", 13, ID, "registry.register"),
        entry("o1", 15, KEY, "BUILT"),
        entry("mine", 15, KEY, "BUILT"),
        entry("o1-mini", 16, KEY, "BUILT"),
    ]
    assert registered_models("m.py", "m.py", b"register(Chat(", serves) == []


def test_a_module_ruled_out_that_registers_models_is_flagged():
    # PLUGIN names no OpenAI code: the rules pass it over, the registry is read from it
    assert facts_of("python", PLUGIN.encode(), False, False, set()) & REGISTERS_MODELS
    assert not facts_of("python", b"def f(register):\n    register(x)\n", False, False, set())


def test_a_config_value_that_is_a_registered_id_is_left_with_it(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, **{".env": "LLM_MODEL=gpt-4o-mini\n"})
    assert ml204(rules=("ML503",)) == [
        (
            ".env",
            1,
            "manual",
            "gpt-4o-mini is an OpenAI model; it maps to deepseek-flash on DeepSeek, but apply "
            + LEFT[3].partition("apply ")[2].replace("the constant", "this value"),
            LEFT[4],
        )
    ]
    apply()
    assert (tmp_path / ".env").read_text() == "LLM_MODEL=gpt-4o-mini\n"
