"""Review of session 65 (hB's unknown libraries' settings): which calls are a library's
settings, and which only show a key, copy a client, or share the key with a client.

hB took any call whose callee it could not resolve, or any third-party call, for a library
migrate-llm does not know: ML401 then left the key read OpenAI's (manual) while ML001 moved the
OpenAI client reading the same key (or the same dict) onto the provider, so the OpenAI key went
to the provider's host. Now not a library's settings: a call of an OpenAI client or of a copy of
one (`client.with_options(api_key=...)`), a call of what a call returns (`retry(make)(...)`), a
call that only shows, logs or records what it is given (`sdk.SHOWING_*`: `logger.debug`,
`console.print`, `st.write`, `wandb.init`), a key alone given to a callee the module does not
import (`registry.register`); and where the key read, or the dict holding it, also goes to an
OpenAI client (`OpenAI(api_key=CONFIG["api_key"])`, `OpenAI(**cfg)`), the key follows the
client. Also `Lib(**{"api_key": ...})` is now left as `Lib(api_key=...)` is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_t64f_unmoved_settings import migrate

ASK = (
    'reply = client.chat.completions.create(model={model}, messages=[{{"role": "user", '
    '"content": "hi"}}])\nprint(reply.choices[0].message.content)\n'
)


def _ask(model: str = '"gpt-4o-mini"', client: str = "client") -> str:
    return ASK.format(model=model).replace("client.", f"{client}.", 1)


# the repros' shapes: each program reads OPENAI_API_KEY once and sends one chat request
PROGRAMS = {
    # a run's config recorded by wandb, its key and model read back for the client
    "recorded.py": (
        "import os\n\nimport wandb\nfrom openai import OpenAI\n\n"
        'CONFIG = {"model": "gpt-4o-mini", "api_key": os.environ["OPENAI_API_KEY"]}\n'
        'wandb.init(project="evals", config=CONFIG)\n'
        'client = OpenAI(api_key=CONFIG["api_key"])\n' + _ask('CONFIG["model"]')
    ),
    # ... given to a library no table knows, which the same dict's key reaches the client by
    "tracked.py": (
        "import os\n\nimport tracker\nfrom openai import OpenAI\n\n"
        'CONFIG = {"model": "gpt-4o-mini", "api_key": os.environ["OPENAI_API_KEY"]}\n'
        "tracker.record(config=CONFIG)\n"
        'client = OpenAI(api_key=CONFIG["api_key"])\n' + _ask('CONFIG["model"]')
    ),
    # a copy of a client with the key (`sdk.CLIENT_COPIES`): on the client's endpoint
    "copied.py": (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "class Bot:\n"
        "    def __init__(self):\n"
        "        self.client = OpenAI()\n\n"
        "    def fast(self):\n"
        "        return self.client.with_options(\n"
        '            api_key=os.environ["OPENAI_API_KEY"], max_retries=0\n'
        "        )\n\n\n"
        "client = Bot().fast()\n" + _ask()
    ),
    "logged.py": (
        "import logging\nimport os\n\nfrom openai import OpenAI\n\n"
        "logger = logging.getLogger(__name__)\n"
        'cfg = dict(api_key=os.environ["OPENAI_API_KEY"], timeout=30)\n'
        'logger.debug("client settings %s", cfg)\n'
        'client = OpenAI(api_key=cfg["api_key"], timeout=cfg["timeout"])\n' + _ask()
    ),
    "printed.py": (
        "import os\n\nfrom openai import OpenAI\nfrom rich.console import Console\n\n"
        "console = Console()\n"
        'settings = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
        "console.print(settings)\n"
        'client = OpenAI(api_key=settings["api_key"])\n' + _ask()
    ),
    "shown.py": (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'settings = {"api_key": os.environ["OPENAI_API_KEY"], "timeout": 30}\n'
        "st.write(settings)\n"
        "client = OpenAI(**settings)\n" + _ask()
    ),
    "registered.py": (
        "import os\n\nfrom openai import OpenAI\nfrom plugins import registry\n\n"
        'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
        'registry.register("default", cfg)\n'
        'client = OpenAI(api_key=cfg["api_key"])\n' + _ask()
    ),
    "retried.py": (
        "import os\n\nimport openai\nfrom tenacity import retry\n\n\n"
        "def make(api_key):\n"
        "    return openai.OpenAI(api_key=api_key)\n\n\n"
        'client = retry(make)(api_key=os.environ["OPENAI_API_KEY"])\n' + _ask()
    ),
}
# stand-ins of the third-party libraries, outside the project
STUBS = {
    "wandb.py": "def init(**kwargs):\n    return None\n",
    "tracker.py": "def record(**kwargs):\n    return None\n",
    "rich/__init__.py": "",
    "rich/console.py": "class Console:\n    def print(self, *values):\n        return None\n",
    "streamlit.py": "def write(*values):\n    return None\n",
    "plugins.py": "class _Registry:\n    def register(self, name, cfg):\n        return None\n\n\n"
    "registry = _Registry()\n",
    "tenacity.py": "def retry(function):\n    return function\n",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_key_sent_is_the_providers_to_the_providers_host(tmp_path, monkeypatch):
    project, stubs = tmp_path / "app", tmp_path / "stubs"
    _write(project, PROGRAMS)
    _write(stubs, STUBS)
    monkeypatch.chdir(project)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    for name in PROGRAMS:
        text = (project / name).read_text(encoding="utf-8")
        assert "OPENAI_API_KEY" not in text, name
        assert 'os.environ["DEEPSEEK_API_KEY"]' in text, name
    server = LoopbackServer().start()
    env = {
        "OPENAI_API_KEY": "sk-openai-secret",
        "DEEPSEEK_API_KEY": "deepseek-key",
        "DEEPSEEK_BASE_URL": server.base,
        "PYTHONPATH": str(stubs),
    }
    got = {}
    try:
        for name in PROGRAMS:
            proc, blocked = run_guarded(name, project, env)
            assert (proc.returncode, blocked) == (0, []), (name, proc.stderr)
            (request,) = server.requests
            server.requests.clear()
            got[name] = (request.headers["authorization"], request.body["model"])
    finally:
        server.stop()
    # before (hB): the OpenAI key went there but for shown.py (`OpenAI(**settings)`, where
    # ML001 gives the client the provider's key over the dict's), and gpt-4o-mini with it
    # for the two dicts holding a model
    assert got == dict.fromkeys(PROGRAMS, ("Bearer deepseek-key", "deepseek-flash"))


# -- what scan says, shape by shape (acme) ---------------------------------------------------

RENAMED = "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)"
LEFT = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line} with no base URL: migrate-llm "
    "does not know that library and gives it none, so its default URL, which may be OpenAI's, "
    "would get Acme Cloud's key (ACME_API_KEY); move the key, a base URL of Acme Cloud's and its "
    "model together, by hand"
)


@pytest.mark.parametrize(
    ("shown", "line"),
    [
        ('logger.debug("settings %s", cfg)', 5),
        ("console.print(cfg)", 5),
        ('registry.register("default", cfg)', 5),
        ("st.write(cfg)", 5),
        ("st.sidebar.json(cfg)", 5),
        ('wandb.init(project="p", config=cfg)', 5),
        ("pprint(cfg)", 5),
    ],
)
def test_a_key_shown_logged_or_handed_to_unknown_code_is_renamed(registry, shown, line):
    # `logger`, `console` and `registry` bound nowhere in the module; the rest imported
    text = (
        "import os\n"
        "from pprint import pprint\n\n"
        "import streamlit as st\nimport wandb\n"
        'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\n' + shown + "\n"
    )
    rows, after = migrate(registry, text)
    assert rows == [(line + 1, "ML401", "safe", RENAMED)]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")


def test_a_client_copy_and_a_wrapped_factory_are_not_libraries(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\nfrom tenacity import retry\n\n"
        "client = OpenAI()\n"
        'fast = client.with_options(api_key=os.environ["OPENAI_API_KEY"], timeout=5)\n'
        'other = retry(OpenAI)(api_key=os.environ["OPENAI_API_KEY"])\n'
    )
    rows, after = migrate(registry, text)
    assert [row for row in rows if row[1] == "ML401"] == [
        (7, "ML401", "safe", RENAMED),
        (8, "ML401", "safe", RENAMED),
    ]
    assert after.count('os.environ["ACME_API_KEY"]') == 2


HEAD = "import os\n\nfrom agentfw import Framework\nfrom openai import OpenAI\n\n"
BOUND = 'cfg = {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]}\n'


@pytest.mark.parametrize(
    "client",
    [
        'client = OpenAI(api_key=cfg["api_key"])\n',
        'client = OpenAI(api_key=cfg.get("api_key"))\n',
        'key = cfg["api_key"]\nclient = OpenAI(api_key=key)\n',
    ],
)
def test_a_dict_whose_key_reaches_a_client_follows_the_client(registry, client):
    # the key follows the client; the library keeps its model and is told it has no base
    # URL (review r3, s65: it got ACME_API_KEY and acme-large with its own default URL)
    text = HEAD + BOUND + 'Framework.set_settings("OpenAI", cfg)\n' + client
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows if row[1] in ("ML401", "ML204", "ML206")] == [
        (6, "ML206", "manual"),
        (6, "ML401", "safe"),
        (7, "ML401", "manual"),
    ]
    assert [row[3] for row in rows if row[:2] == (7, "ML401")] == [FOLLOWED]
    assert 'cfg = {"model": "gpt-4o", "api_key": os.environ["ACME_API_KEY"]}\n' in after


FOLLOWED = (
    "Framework.set_settings() gets the key read on line 6, which goes to an OpenAI client too "
    'and follows it to Acme Cloud\'s key (ACME_API_KEY), with the OpenAI model `"gpt-4o"` and '
    "no base URL: migrate-llm does not know that library and gives it none, so its default "
    "URL, which may be OpenAI's, would get Acme Cloud's key; give it a base URL of Acme "
    "Cloud's (https://api.acme.example/v1) and the model, by hand"
)


def test_a_library_beside_a_client_keeps_check_failing_until_given_a_url(tmp_path, monkeypatch):
    # review r3, s65 (r3m1): before, check passed after apply with the library on its own
    # default URL holding the provider's key and model
    monkeypatch.chdir(tmp_path)
    text = (
        HEAD
        + BOUND
        + 'Framework.set_settings("OpenAI", cfg)\n'
        + ('client = OpenAI(api_key=cfg["api_key"])\n')
    )
    (tmp_path / "m.py").write_text(text)
    acme = ["--providers-dir", str(ACME_DIR), "--provider", "acme", "--no-cache"]
    done = CliRunner().invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    after = (tmp_path / "m.py").read_text()
    assert 'cfg = {"model": "gpt-4o", "api_key": os.environ["ACME_API_KEY"]}\n' in after
    check = CliRunner().invoke(app, ["check", ".", *acme, "--format", "json"])
    found = [
        (f["line"], f["rule"], f["fix"], f["message"]) for f in json.loads(check.stdout)["findings"]
    ]
    assert (check.exit_code, [row[:3] for row in found]) == (
        1,
        [(6, "ML206", "manual"), (7, "ML401", "manual")],
    )
    assert found[1][3] == FOLLOWED
    (tmp_path / "m.py").write_text(
        after.replace('"gpt-4o"', '"acme-large"').replace(
            'Framework.set_settings("OpenAI", cfg)',
            'Framework.set_settings("OpenAI", cfg, base_url="https://api.acme.example/v1")',
        )
    )
    check = CliRunner().invoke(app, ["check", ".", *acme, "--format", "json"])
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, [])


def test_a_key_name_given_to_a_client_too_follows_the_client(registry):
    text = (
        "import os\n\nfrom agentfw import Lib\nfrom openai import OpenAI\n\n"
        'key = os.environ["OPENAI_API_KEY"]\n'
        "lib = Lib(api_key=key)\n"
        "client = OpenAI(api_key=key)\n"
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows if row[1] == "ML401"] == [(6, "ML401", "safe")]
    assert 'key = os.environ["ACME_API_KEY"]\n' in after


def test_another_entry_reaching_the_client_leaves_the_settings_unmoved(registry):
    # the client reads OPENAI_API_KEY itself: the dict's key still goes to Framework alone
    text = (
        HEAD + 'cfg = {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"], "timeout": 3}\n'
        'Framework.set_settings("OpenAI", cfg)\n'
        'client = OpenAI(timeout=cfg["timeout"])\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows if row[1] in ("ML401", "ML206")] == [
        (6, "ML206", "manual"),
        (6, "ML401", "manual"),
    ]
    assert 'os.environ["OPENAI_API_KEY"], "timeout": 3}\n' in after


def test_settings_shown_and_given_to_a_library_are_still_left(registry):
    # hB's case with a log line beside it: the library's call still holds the settings
    text = (
        "import logging\nimport os\n\nfrom agentfw import Lib\n\n"
        'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
        'logging.info("%s", cfg)\n'
        "lib = Lib(cfg)\n"
    )
    rows, after = migrate(registry, text)
    assert rows == [
        (6, "ML401", "manual", LEFT.format(callee="Lib()", line=8)),
    ]
    assert after == text


def test_a_method_of_a_library_object_bound_to_a_name_is_the_librarys(registry):
    text = (
        "import os\n\nfrom agentfw import create_agent\n\n"
        "agent = create_agent()\n"
        'agent.set_settings("auth", {"api_key": os.environ["OPENAI_API_KEY"]})\n'
    )
    rows, after = migrate(registry, text)
    assert rows == [(6, "ML401", "manual", LEFT.format(callee="agent.set_settings()", line=6))]
    assert after == text


def test_a_key_spread_into_a_library_call_is_left_as_a_keyword_is(registry):
    head = "import os\n\nfrom agentfw import Lib\n\n"
    for call in (
        'lib = Lib(api_key=os.environ["OPENAI_API_KEY"])\n',
        'lib = Lib(**{"api_key": os.environ["OPENAI_API_KEY"]})\n',
        'lib = Lib(**dict(api_key=os.environ["OPENAI_API_KEY"]))\n',
    ):
        rows, after = migrate(registry, head + call)
        assert rows == [(5, "ML401", "manual", LEFT.format(callee="Lib()", line=5))], call
        assert after == head + call
    bound = head + 'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\nlib = Lib(**cfg)\n'
    rows, after = migrate(registry, bound)
    assert rows == [(5, "ML401", "manual", LEFT.format(callee="Lib()", line=6))]
    assert after == bound
