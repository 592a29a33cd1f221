"""ML115 where a request's model is a default its callers give through a method or from
another module (t56f S1, shell_gpt).

shell_gpt's command takes `model` with its config's default through a typer option and hands
it, with `temperature` and `top_p`, to a handler's method in another module, whose request
sends the three. After apply the default is kimi-k2.6, which rejects both values, yet only
a note was said and check was green: the defaults were followed only to functions of the
request's own module called by their name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from migrate_llm.caller_models import may_pass_model
from migrate_llm.model import FixClass

from . import network_guard
from .cli_findings import cli as invoke
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_handed_default_models import TEMPERATURE, THINKS, TOP_P, said

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
MIGRATED_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n)\n\n\n'
)
REQUEST = (
    "    return client.chat.completions.create(\n"
    "        model=model, temperature=temperature, top_p=top_p, messages=messages,\n"
    "    )\n"
)
FIXED_REQUEST = (
    "    return client.chat.completions.create(\n"
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    "        model=model, temperature=0.6, top_p=0.95, messages=messages,\n"
    "    )\n"
)
# a method of the module's class, called on an instance the call makes
METHOD = (
    "class Handler:\n"
    "    def complete(self, model, temperature, top_p, messages):\n"
    + REQUEST.replace("    ", "        ", 1).replace("\n    ", "\n        ")
    + "\n\n"
    'def main(prompt, model="gpt-4o-mini", temperature=0.0, top_p=1.0):\n'
    '    return Handler().complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)
# a typer command's options
OPTIONS = (
    "def complete(model, temperature, top_p, messages):\n" + REQUEST + "\n\n"
    "def main(\n"
    "    prompt: str,\n"
    '    model: str = typer.Option("gpt-4o-mini", help="Model to use."),\n'
    "    temperature: float = typer.Option(0.0),\n"
    "    top_p: float = typer.Option(1.0),\n"
    "):\n"
    '    return complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)
BY_HAND = (
    "kimi-k2.6 fixes {0} on Moonshot AI (Kimi), and it is the default of model of main() in "
    "app.py: remove {0}= by hand (the model ignores or rejects it; apply leaves it: a caller may "
    "pass another model)"
)
# two modules: the request's, and the command's calling it
HANDLER = "def complete(model, temperature, top_p, messages):\n" + REQUEST
APP = (
    "from handler import complete\n\n\n"
    'def main(prompt, model="gpt-4o-mini", temperature=0.0, top_p=1.0):\n'
    '    return complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)


def found(tmp_path: Path, *rules: str) -> list[tuple[str, str, int, int, str, str]]:
    """The findings of `rules` that check reports on the tree at `tmp_path` (the current
    directory), as (path, rule, line, column, fix, message)."""
    checked = invoke("check", ".", "--provider", "moonshot", "--format", "json")
    return [
        (f["path"], f["rule"], f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(checked.stdout)["findings"]
        if f["rule"] in rules
    ]


def write(tmp_path: Path, **modules: str) -> None:
    for name, text in modules.items():
        (tmp_path / f"{name}.py").write_text(text)


def test_a_method_called_on_an_instance_the_call_makes_hands_the_default_on(registry):
    label = "model of main()"
    assert said(registry, CLIENT + METHOD) == [
        ("ML118", 8, 16, FixClass.REVIEW, THINKS.format(label)),
        ("ML115", 9, 26, FixClass.REVIEW, TEMPERATURE.format(label)),
        ("ML115", 9, 51, FixClass.REVIEW, TOP_P.format(label)),
    ]


def test_a_typer_options_default_is_the_parameters_default(registry):
    label = "model of main()"
    text = "import typer\n" + CLIENT + OPTIONS
    assert said(registry, text) == [
        ("ML118", 8, 12, FixClass.REVIEW, THINKS.format(label)),
        ("ML115", 9, 22, FixClass.REVIEW, TEMPERATURE.format(label)),
        ("ML115", 9, 47, FixClass.REVIEW, TOP_P.format(label)),
    ]


def test_an_option_of_another_library_is_no_default(registry):
    text = "import fire\n" + CLIENT + OPTIONS.replace("typer.Option", "fire.Option")
    assert [(row[0], row[3]) for row in said(registry, text)] == [("ML118", FixClass.MANUAL)]


@pytest.fixture
def server():
    running = LoopbackServer(key="test-key").start()
    yield running
    running.stop()


def run_main(registry, server, tmp_path: Path) -> dict[str, object]:
    """What the program's `app.main("hi")` sends the loopback server, once."""
    provider = registry.get("moonshot")
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    env = network_guard.subprocess_env(env, tmp_path / "guard")
    program = "import app\nprint(app.main('hi').choices[0].message.content)\n"
    proc = run_python(["-c", program], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert (sent.path, sent.headers["authorization"]) == (
        "/v1/chat/completions",
        "Bearer test-key",
    )
    return {k: sent.body.get(k) for k in ("model", "temperature", "top_p", "thinking")}


def test_a_default_of_another_modules_caller_is_followed_and_apply_fixes_the_request(
    registry, server, tmp_path, monkeypatch
):
    write(tmp_path, handler=CLIENT + HANDLER, app=APP)
    monkeypatch.chdir(tmp_path)
    label = "model of main() in app.py"
    assert found(tmp_path, "ML115", "ML118") == [
        ("handler.py", "ML118", 7, 12, "review", THINKS.format(label)),
        ("handler.py", "ML115", 8, 22, "review", TEMPERATURE.format(label)),
        ("handler.py", "ML115", 8, 47, "review", TOP_P.format(label)),
    ]
    done = invoke("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "handler.py").read_text() == (
        MIGRATED_CLIENT + "def complete(model, temperature, top_p, messages):\n" + FIXED_REQUEST
    )
    assert (tmp_path / "app.py").read_text() == APP.replace("gpt-4o-mini", "kimi-k2.6")
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 0, checked.stdout
    assert run_main(registry, server, tmp_path) == {
        "model": "kimi-k2.6",
        "temperature": 0.6,
        "top_p": 0.95,
        "thinking": {"type": "disabled"},
    }


# the trial's state after apply: the caller's default is Kimi's, the request left as it was
MIGRATED_HANDLER = MIGRATED_CLIENT + HANDLER
MIGRATED_APP = APP.replace("gpt-4o-mini", "kimi-k2.6")


@pytest.mark.parametrize(
    ("handler", "app_text"),
    [
        pytest.param(MIGRATED_HANDLER, MIGRATED_APP, id="function"),
        pytest.param(
            MIGRATED_CLIENT + "class Handler:\n"
            "    def complete(self, model, temperature, top_p, messages):\n"
            "        return client.chat.completions.create(\n"
            "            model=model, temperature=temperature, top_p=top_p, messages=messages,\n"
            "        )\n",
            MIGRATED_APP.replace("import complete", "import Handler").replace(
                "return complete(", "return Handler().complete("
            ),
            id="method",
        ),
    ],
)
def test_check_is_red_while_another_modules_default_meets_values_kimi_rejects(
    tmp_path, monkeypatch, handler, app_text
):
    # app.py names no OpenAI code: the screening rules it out, and it is read for its calls
    write(tmp_path, handler=handler, app=app_text)
    monkeypatch.chdir(tmp_path)
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 1
    line = 14 if "class" in handler else 13
    column = 26 if "class" in handler else 22
    assert checked.stdout.splitlines()[1:3] == [
        f"handler.py:{line}:{column} ML115 {BY_HAND.format('temperature')}",
        f"handler.py:{line}:{column + 25} ML115 {BY_HAND.format('top_p')}",
    ]
    # removed by hand, as the findings say, and thinking turned off (ML118's warning)
    switch = ' extra_body={"thinking": {"type": "disabled"}},'
    write(tmp_path, handler=handler.replace(" temperature=temperature, top_p=top_p,", switch))
    assert invoke("check", ".", "--provider", "moonshot").exit_code == 0


@pytest.mark.parametrize(
    "given",
    [
        # a model the caller does not show: nothing is known of it
        "import sys\n\nfrom handler import complete\n\n\n"
        "def main(prompt, temperature=0.0, top_p=1.0):\n"
        "    return complete(sys.argv[1], temperature, top_p, [])\n",
        # one Kimi does not fix the values of
        "from handler import complete\n\n\n"
        'def main(prompt, model="moonshot-v1-8k", temperature=0.0, top_p=1.0):\n'
        "    return complete(model, temperature, top_p, [])\n",
        # callers giving two models, one of them unknown
        MIGRATED_APP + "\n\ndef other(model, prompt):\n    return complete(model, 0.3, 1.0, [])\n",
    ],
)
def test_a_model_the_callers_do_not_make_known_says_nothing_new(tmp_path, monkeypatch, given):
    write(tmp_path, handler=MIGRATED_HANDLER, app=given)
    monkeypatch.chdir(tmp_path)
    assert found(tmp_path, "ML115") == []


# shell_gpt's shape: a typer command reading its default model from the config object of the
# project's table of defaults, calling a method a handler subclass inherits
CONFIG = (
    "import os\n\n"
    "DEFAULT_CONFIG = {\n"
    '    "DEFAULT_MODEL": os.getenv("DEFAULT_MODEL", "gpt-4o-mini"),\n'
    '    "DEFAULT_COLOR": os.getenv("DEFAULT_COLOR", "magenta"),\n'
    "}\n\n\n"
    "class Config(dict):\n"
    "    def __init__(self, **defaults):\n"
    "        super().__init__(**defaults)\n\n"
    "    def get(self, key):\n"
    "        return os.getenv(key) or super().get(key)\n\n\n"
    "cfg = Config(**DEFAULT_CONFIG)\n"
)
HANDLER_CLASS = (
    "class Handler:\n"
    "    def handle(self, prompt, model, temperature, top_p):\n"
    "        return client.chat.completions.create(\n"
    "            model=model, temperature=temperature, top_p=top_p, messages=[prompt],\n"
    "        )\n"
)
SUBCLASS = (
    "from handler import Handler\n\n\n"
    "class DefaultHandler(Handler):\n"
    "    def __init__(self, role):\n"
    "        self.role = role\n"
)
COMMAND = (
    "import typer\n\n"
    "from config import cfg\n"
    "from default_handler import DefaultHandler\n\n\n"
    "def main(\n"
    "    prompt: str,\n"
    '    model: str = typer.Option(cfg.get("DEFAULT_MODEL")),\n'
    "    temperature: float = typer.Option(0.0),\n"
    "    top_p: float = typer.Option(1.0),\n"
    "):\n"
    '    return DefaultHandler("user").handle(\n'
    '        {"role": "user", "content": prompt}, model=model, temperature=temperature, top_p=top_p\n'
    "    )\n"
)


def test_a_command_defaulting_to_the_config_through_a_subclass_is_fixed_by_apply(
    registry, server, tmp_path, monkeypatch
):
    write(
        tmp_path,
        config=CONFIG,
        handler=CLIENT + HANDLER_CLASS,
        default_handler=SUBCLASS,
        app=COMMAND,
    )
    monkeypatch.chdir(tmp_path)
    label = "model of main() in app.py"
    assert found(tmp_path, "ML115", "ML118") == [
        ("handler.py", "ML118", 8, 16, "review", THINKS.format(label)),
        ("handler.py", "ML115", 9, 26, "review", TEMPERATURE.format(label)),
        ("handler.py", "ML115", 9, 51, "review", TOP_P.format(label)),
    ]
    done = invoke("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "handler.py").read_text() == MIGRATED_CLIENT + HANDLER_CLASS.replace(
        "            model=model, temperature=temperature, top_p=top_p,",
        '            extra_body={"thinking": {"type": "disabled"}},\n'
        "            model=model, temperature=0.6, top_p=0.95,",
    )
    assert (tmp_path / "config.py").read_text() == CONFIG.replace("gpt-4o-mini", "kimi-k2.6")
    assert (tmp_path / "app.py").read_text() == COMMAND
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 0, checked.stdout

    provider = registry.get("moonshot")
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "DEFAULT_MODEL"}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    env = network_guard.subprocess_env(env, tmp_path / "guard")
    program = "import sys\n\nimport typer\n\nimport app\n\nsys.argv = ['sgpt', 'hi']\ntyper.run(app.main)\n"
    proc = run_python(["-c", program], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert {k: sent.body.get(k) for k in ("model", "temperature", "top_p", "thinking")} == {
        "model": "kimi-k2.6",
        "temperature": 0.6,
        "top_p": 0.95,
        "thinking": {"type": "disabled"},
    }


MIGRATED_SHAPE = {
    "config": CONFIG.replace("gpt-4o-mini", "kimi-k2.6"),
    "handler": MIGRATED_CLIENT + HANDLER_CLASS,
    "default_handler": SUBCLASS,
    "app": COMMAND,
}


def test_after_apply_the_inherited_method_keeps_check_red(tmp_path, monkeypatch):
    write(tmp_path, **MIGRATED_SHAPE)
    monkeypatch.chdir(tmp_path)
    assert [row[:5] for row in found(tmp_path, "ML115")] == [
        ("handler.py", "ML115", 14, 26, "manual"),
        ("handler.py", "ML115", 14, 51, "manual"),
    ]
    assert invoke("check", ".", "--provider", "moonshot").exit_code == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # the subclass has a method of its own: not the one sending the request
        (
            "default_handler",
            SUBCLASS + "\n    def handle(self, prompt, model, temperature, top_p):\n"
            "        return None\n",
        ),
        # the config's entry has no default: the model is the environment's
        ("config", MIGRATED_SHAPE["config"].replace(', "kimi-k2.6")', ")")),
    ],
)
def test_an_overriding_subclass_or_an_unknown_config_says_nothing_new(
    tmp_path, monkeypatch, name, text
):
    write(tmp_path, **{**MIGRATED_SHAPE, name: text})
    monkeypatch.chdir(tmp_path)
    assert found(tmp_path, "ML115") == []


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ('def main(prompt, model="kimi-k2.6"):\n', True),
        ("complete(msgs, model_name=os.environ['LLM'])\n", True),
        ('ask(llm_model=cfg.get("model"))\n', True),
        ('MODEL_ID = os.getenv("MODEL_ID")\n', True),
        ('model: str = typer.Option(cfg.get("DEFAULT_MODEL"))\n', True),
        ('load(model_dir="x")\n', False),
        ('AutoConfig(model_type="bert")\n', False),
        ('model_dir = os.environ["MODEL_DIR"]\n', False),
        ('MODEL_PATH = os.getenv("MODEL_PATH")\n', False),
    ],
)
def test_the_screening_for_a_model_given_reads_only_a_models_own_names(text, gives):
    """#16: a keyword or parameter named for something else of a model (its directory, its
    type) does not make the run read the module again for the models it gives."""
    assert may_pass_model(text.encode()) is gives
