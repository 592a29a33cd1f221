"""A class declaring OpenAI's key variable as its own (`key_env_var = "OPENAI_API_KEY"`) and
handing its SDK clients `self.get_key()` (simonw/llm's model plugins, t55 h1): apply cannot
move that key, so it must not move those clients' base URL either, and check fails on them.

Before: the embeddings-only client was pointed at DeepSeek (which serves no embeddings)
still given `self.get_key()`, the OpenAI key; the declarations and the run-time base URL of
the chat clients were warnings."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import run_json
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

PLUGIN = """import os

import openai


class KeyedModel:
    key = None

    def get_key(self):
        return self.key or os.environ.get(self.key_env_var)


class Embedder(KeyedModel):
    key_env_var = "OPENAI_API_KEY"

    def embed(self, texts):
        client = openai.OpenAI(api_key=self.get_key(), max_retries=0)
        return client.embeddings.create(input=texts, model="text-embedding-3-small").data


class Shared:
    def get_client(self):
        kwargs = {}
        if self.api_base:
            kwargs["base_url"] = self.api_base
        if self.needs_key:
            kwargs["api_key"] = self.get_key()
        else:
            kwargs["api_key"] = "NO_KEY"
        return openai.OpenAI(**kwargs)


class Chat(Shared, KeyedModel):
    needs_key = True
    key_env_var = "OPENAI_API_KEY"

    def __init__(self, model_id, api_base=None):
        self.model_id = model_id
        self.api_base = api_base

    def ask(self, text):
        reply = self.get_client().chat.completions.create(
            model=self.model_id, messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content
"""

RUN = """from plugin import Embedder

try:
    Embedder().embed(["hello"])
except Exception:  # the network guard refuses any host but the loopback server
    print("refused")
"""


def _findings(tmp_path, monkeypatch, command: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(tmp_path)
    code, report = run_json(command, ".", "--provider", "deepseek")
    return code, [f for f in report["findings"] if f["rule"] in ("ML001", "ML003", "ML401")]


def test_scan_leaves_the_clients_on_openai_and_says_why(tmp_path, monkeypatch):
    (tmp_path / "plugin.py").write_text(PLUGIN, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "scan")
    assert code == 0
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        (14, "ML401", "warning", "manual"),
        (17, "ML001", "error", "manual"),
        (30, "ML003", "error", "manual"),
        (35, "ML401", "error", "manual"),
    ]
    messages = [f["message"] for f in found]
    assert messages[0] == (
        "names OPENAI_API_KEY as the key of class Embedder (`key_env_var`), the key of its SDK "
        "clients (line 17): apply leaves them on OpenAI, as their only requests are to APIs "
        "DeepSeek does not serve (ML001): keep it naming OpenAI's key while they stay there; "
        "renamed to DEEPSEEK_API_KEY, DeepSeek's key would go to OpenAI"
    )
    assert messages[1] == (
        "OpenAI() talks to OpenAI (key from `self.get_key()`); its only requests are "
        "embeddings, which DeepSeek does not serve: apply leaves it (base URL and key); keep "
        "it on OpenAI or point it at a provider that serves embeddings, with that provider's "
        "key, by hand"
    )
    assert messages[2] == (
        "OpenAI() takes its base URL from `self.api_base` at run time (OpenAI's when none is "
        "set) and its key from `self.get_key()`, the key its class declares in `key_env_var = "
        '"OPENAI_API_KEY"` of Chat (line 35), which apply cannot move: this client still '
        "sends OpenAI's key to OpenAI; for DeepSeek declare "
        "DEEPSEEK_API_KEY there and give the client DeepSeek's base URL where none is set "
        "(read from DEEPSEEK_BASE_URL, default https://api.deepseek.com), together, by hand"
    )
    assert messages[3] == (
        "names OPENAI_API_KEY as the key of class Chat (`key_env_var`), the key of its SDK "
        "clients (line 30): they still reach OpenAI with OpenAI's key, which apply cannot move "
        "(the class hands the name to code the module does not show); name DEEPSEEK_API_KEY "
        "here and point those clients at DeepSeek (DEEPSEEK_BASE_URL), together, by hand"
    )
    assert found[2]["data"] == {
        "client": "OpenAI",
        "endpoint": "dynamic",
        "key_declared_in": "key_env_var",
        "variable_from": "OPENAI_API_KEY",
    }


def test_apply_moves_no_client_and_check_fails_on_them(tmp_path, monkeypatch):
    (tmp_path / "plugin.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "plugin.py").read_text(encoding="utf-8") == PLUGIN
    code, found = _findings(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f["line"], f["rule"], f["severity"]) for f in found] == [
        (14, "ML401", "warning"),
        (17, "ML001", "error"),
        (30, "ML003", "error"),
        (35, "ML401", "error"),
    ]


def test_the_openai_key_reaches_no_other_host(tmp_path, monkeypatch):
    """The loopback server stands for DeepSeek: after apply it receives nothing; the
    embeddings request is for OpenAI's host (refused by the network guard), the only one
    the OpenAI key belongs to."""
    (tmp_path / "plugin.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.output
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-test-key",
            "DEEPSEEK_API_KEY": "deepseek-key",
            "DEEPSEEK_BASE_URL": server.base,
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, proc.stdout, blocked) == (0, "refused\n", ["api.openai.com"])
    assert server.requests == []


def test_a_method_key_without_a_declaration_is_still_switched(tmp_path, monkeypatch):
    """Noise down: `self.get_key()` of a class declaring no OpenAI key variable is a key the
    program hands the client, kept with DeepSeek's variable as its fallback (as before)."""
    source = (
        "import openai\n\n\nclass Bot:\n    def get_key(self):\n        return self.key\n\n"
        "    def ask(self):\n        client = openai.OpenAI(api_key=self.get_key())\n"
        '        return client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    (tmp_path / "bot.py").write_text(source, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "scan")
    assert (code, [(f["rule"], f["severity"], f["fix"]) for f in found]) == (
        0,
        [("ML001", "error", "review")],
    )


ALIASED = """import os

import openai


class KeyedModel:
    def get_key(self):
        return os.environ.get(self.key_env_var)


class Chat(KeyedModel):
    needs_key = "openai"
    key_env_var = "OPENAI_API_KEY"

    def __init__(self, api_base=None):
        self.api_base = api_base

    def ask(self, text):
        kwargs = {}
        if self.api_base:
            kwargs["base_url"] = self.api_base
        kwargs["api_key"] = self.get_key()
        client = openai.OpenAI(**kwargs)
        return client.chat.completions.create(model=self.model_id, messages=[])
"""

# the hand edit ML003 and ML401 asked for before this session: the variable and base URL only
HALF_EDITED = ALIASED.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"').replace(
    '            kwargs["base_url"] = self.api_base\n',
    '            kwargs["base_url"] = self.api_base\n        else:\n'
    '            kwargs["base_url"] = os.environ.get("DEEPSEEK_BASE_URL", '
    '"https://api.deepseek.com")\n',
)


def test_the_findings_name_the_stored_key_alias_too(tmp_path, monkeypatch):
    """llm's `needs_key = "openai"`: a key stored under that alias is looked up before the
    key variable, so the advice renames both."""
    (tmp_path / "plugin.py").write_text(ALIASED, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f["line"], f["rule"], f["severity"]) for f in found] == [
        (13, "ML401", "error"),
        (23, "ML003", "error"),
    ]
    assert found[0]["message"] == (
        "names OPENAI_API_KEY as the key of class Chat (`key_env_var`), the key of its SDK "
        "clients (line 23): they still reach OpenAI with OpenAI's key, which apply cannot move "
        "(the class hands the name to code the module does not show); name DEEPSEEK_API_KEY "
        'here, rename `needs_key = "openai"` (line 12, the alias under which a stored key is '
        'looked up first) to "deepseek" and point those clients at DeepSeek '
        "(DEEPSEEK_BASE_URL), together, by hand"
    )
    assert found[1]["message"] == (
        "OpenAI() takes its base URL from `self.api_base` at run time (OpenAI's when none is "
        "set) and its key from `self.get_key()`, the key its class declares in `key_env_var = "
        '"OPENAI_API_KEY"` of Chat (line 13), which apply cannot move: this client still '
        "sends OpenAI's key to OpenAI; for DeepSeek declare DEEPSEEK_API_KEY there, rename "
        '`needs_key = "openai"` (line 12, the alias under which a stored key is looked up '
        'first) to "deepseek" and give the client DeepSeek\'s base URL where none is set (read '
        "from DEEPSEEK_BASE_URL, default https://api.deepseek.com), together, by hand"
    )
    assert [f["data"].get("key_alias_in") for f in found] == ["needs_key", "needs_key"]


def test_the_alias_left_naming_openai_fails_check(tmp_path, monkeypatch):
    """Before: with only the variable and the base URL changed, check was green while a key
    stored under "openai" (OpenAI's) went to DeepSeek; renamed too, check is green."""
    (tmp_path / "plugin.py").write_text(HALF_EDITED, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        (12, "ML401", "error", "manual")
    ]
    assert found[0]["message"] == (
        'names "openai" as the alias under which class Chat (`needs_key`) looks up a stored '
        "key before its key variable DEEPSEEK_API_KEY (`key_env_var`), for its SDK clients "
        'pointed at DeepSeek (line 25): OpenAI\'s key stored under "openai" goes to DeepSeek; '
        'rename it (e.g. to "deepseek") and store DeepSeek\'s key under that name, by hand'
    )
    assert found[0]["data"] == {"key_alias_in": "needs_key", "variable_to": "DEEPSEEK_API_KEY"}
    renamed = HALF_EDITED.replace('needs_key = "openai"', 'needs_key = "deepseek"')
    (tmp_path / "plugin.py").write_text(renamed, encoding="utf-8")
    assert _findings(tmp_path, monkeypatch, "check") == (0, [])


def test_an_alias_beside_openai_key_on_an_openai_client_is_left(tmp_path, monkeypatch):
    """Noise down: `needs_key = "openai"` in a class declaring no provider key variable, its
    client on OpenAI, gets no finding of its own (only the client's, line 9)."""
    source = (
        'import openai\n\n\nclass Chat:\n    needs_key = "openai"\n'
        '    key_env_var = "ACME_KEY"\n\n    def ask(self):\n'
        "        return openai.OpenAI(api_key=self.get_key()).models.list()\n"
    )
    (tmp_path / "plugin.py").write_text(source, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "check")
    assert (code, [f["line"] for f in found]) == (1, [9])
