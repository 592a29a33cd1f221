"""A class's key looked up by a function given the class's declared names (simonw/llm's
`get_key(self.needs_key, self.key_env_var)`, t55e repro1), and a stored-key alias one class
shares with a class kept on OpenAI (t55e: llm's embeddings model and its chat models all
declare `needs_key = "openai"`).

Before: apply pointed the client given `lookup_key(self.needs_key, self.key_env_var)` at
DeepSeek, keeping that key (OPENAI_API_KEY, or the OpenAI key stored under "openai") with
DeepSeek's variable as its fallback, and ML401 on the declaration was a warning; a client
pointed at DeepSeek while its class still declared OPENAI_API_KEY got that same warning; the
alias error did not say that another class, kept on OpenAI, looks its key up under the same
alias. Exact text, `check`'s exit code, bytes on disk, and the Authorization header the
loopback server (standing for DeepSeek) receives."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import run_json
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

OPENAI_KEY = "sk-openai-stored-0000"
DEEPSEEK_KEY = "sk-deepseek-stored-0000"

LOOKUP = """import json
import os
from pathlib import Path

import openai


def lookup_key(alias, env_var):
    # a key saved under an alias wins over the environment variable
    path = Path(os.environ.get("APP_HOME", ".")) / "keys.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    return saved.get(alias) or os.environ.get(env_var)


class Model:
    needs_key = "openai"
    key_env_var = "OPENAI_API_KEY"

    def client(self):
        return openai.OpenAI(api_key=lookup_key(self.needs_key, self.key_env_var))

    def ask(self, text):
        reply = self.client().chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content


if __name__ == "__main__":
    try:
        print(Model().ask("hi"))
    except Exception as error:  # the network guard refuses any host but the loopback's
        print("failed:", type(error).__name__)
"""

# The hand edits the findings ask for: the variable, the alias and the base URL together
FOLLOWED = (
    LOOKUP.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"')
    .replace('needs_key = "openai"', 'needs_key = "deepseek"')
    .replace(
        "        return openai.OpenAI(api_key=lookup_key(self.needs_key, self.key_env_var))\n",
        "        return openai.OpenAI(\n"
        "            api_key=lookup_key(self.needs_key, self.key_env_var),\n"
        '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "        )\n",
    )
    .replace('model="gpt-4o-mini"', 'model="deepseek-flash"')
)

# What apply wrote before this fix (t55e repro1 before its hand edit)
APPLIED_BEFORE = LOOKUP.replace(
    "        return openai.OpenAI(api_key=lookup_key(self.needs_key, self.key_env_var))\n",
    "        return openai.OpenAI(\n"
    '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "            api_key=lookup_key(self.needs_key, self.key_env_var)\n"
    '            or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    "        )\n",
).replace('model="gpt-4o-mini"', 'model="deepseek-flash"')

RENAME = (
    'rename `needs_key = "openai"` (line 16, the alias under which a stored key is looked up '
    'first) to "deepseek"'
)


def _findings(tmp_path, monkeypatch, command: str, *rules: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(tmp_path)
    code, report = run_json(command, ".", "-p", "deepseek")
    return code, [f for f in report["findings"] if f["rule"] in rules]


def _keys(server: LoopbackServer) -> list[tuple[str, str]]:
    return [(r.path, r.headers.get("authorization", "")) for r in server.requests]


def _run(tmp_path, server: LoopbackServer, saved: dict[str, str], env: dict[str, str]):
    (tmp_path / "keys.json").write_text(json.dumps(saved), encoding="utf-8")
    base = {"APP_HOME": str(tmp_path), "DEEPSEEK_BASE_URL": server.base}
    return run_guarded("app.py", tmp_path, {**base, **env})


def test_a_lookup_given_the_declared_names_is_the_class_key(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(LOOKUP, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "scan", "ML001", "ML401")
    assert code == 0
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (
            17,
            "ML401",
            "error",
            "manual",
            "names OPENAI_API_KEY as the key of class Model (`key_env_var`), the key of its SDK "
            "clients (line 20): they still reach OpenAI with OpenAI's key, which apply cannot "
            "move (the class hands the name to code the module does not show); name "
            f"DEEPSEEK_API_KEY here, {RENAME} and point those clients at DeepSeek "
            "(DEEPSEEK_BASE_URL), together, by hand",
        ),
        (
            20,
            "ML001",
            "error",
            "manual",
            "OpenAI() talks to OpenAI (key from `lookup_key(self.needs_key, self.key_env_var)`); "
            "its key `lookup_key(self.needs_key, self.key_env_var)` is the one its class "
            'declares in `key_env_var = "OPENAI_API_KEY"` of Model (line 17), which apply cannot '
            "move: kept, OpenAI's key would go to DeepSeek; declare DEEPSEEK_API_KEY there, "
            f"{RENAME} and point this client at DeepSeek, together, by hand",
        ),
    ]


def test_apply_leaves_it_and_no_openai_key_reaches_deepseek(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(LOOKUP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == LOOKUP
    assert _findings(tmp_path, monkeypatch, "check", "ML001", "ML401")[0] == 1
    server = LoopbackServer().start()
    try:
        env = {"OPENAI_API_KEY": OPENAI_KEY, "DEEPSEEK_API_KEY": DEEPSEEK_KEY}
        proc, blocked = _run(tmp_path, server, {"openai": OPENAI_KEY}, env)
    finally:
        server.stop()
    assert (proc.returncode, proc.stdout, blocked) == (
        0,
        "failed: NetworkBlockedError\n",
        ["api.openai.com"],
    )
    assert server.requests == []


def test_the_hand_edits_send_deepseeks_stored_key_to_deepseek(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(FOLLOWED, encoding="utf-8")
    assert _findings(tmp_path, monkeypatch, "check", "ML001", "ML003", "ML401") == (0, [])
    server = LoopbackServer().start()
    try:
        saved = {"openai": OPENAI_KEY, "deepseek": DEEPSEEK_KEY}
        proc, blocked = _run(tmp_path, server, saved, {})
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, [])
    assert _keys(server) == [("/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
    assert [r.body["model"] for r in server.requests] == ["deepseek-flash"]


def test_the_client_an_earlier_apply_moved_is_an_error(tmp_path, monkeypatch):
    """Pointed at DeepSeek while its class still declares OPENAI_API_KEY: OpenAI's key goes
    there (the loopback receives it), and check says so as an error."""
    (tmp_path / "app.py").write_text(APPLIED_BEFORE, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "check", "ML001", "ML003", "ML401")
    assert code == 1
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (
            17,
            "ML401",
            "error",
            "manual",
            "names OPENAI_API_KEY as the key of class Model (`key_env_var`), the key of its SDK "
            "clients (line 20), which point at DeepSeek: OpenAI's key goes to DeepSeek; name "
            f"DEEPSEEK_API_KEY here, {RENAME}, by hand",
        )
    ]
    assert found[0]["data"] == {
        "variable_from": "OPENAI_API_KEY",
        "key_declared_in": "key_env_var",
        "key_alias_in": "needs_key",
    }
    server = LoopbackServer().start()
    try:
        env = {"OPENAI_API_KEY": OPENAI_KEY, "DEEPSEEK_API_KEY": DEEPSEEK_KEY}
        _run(tmp_path, server, {}, env)
    finally:
        server.stop()
    assert _keys(server) == [("/chat/completions", f"Bearer {OPENAI_KEY}")]


# Two classes sharing the alias "openai": one for embeddings (kept on OpenAI, which DeepSeek
# cannot serve), one for chat, pointed at DeepSeek by hand with its variable renamed but not
# its alias
SHARED = """import json
import os
from pathlib import Path

import openai


def lookup_key(alias, env_var):
    path = Path(os.environ.get("APP_HOME", ".")) / "keys.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    return saved.get(alias) or os.environ.get(env_var)


class Keyed:
    def get_key(self):
        return lookup_key(self.needs_key, self.key_env_var)


class Vectors(Keyed):
    needs_key = "openai"
    key_env_var = "OPENAI_API_KEY"

    def embed(self, texts):
        client = openai.OpenAI(api_key=self.get_key())
        return client.embeddings.create(input=texts, model="text-embedding-3-small").data


class Talk(Keyed):
    needs_key = "openai"
    key_env_var = "DEEPSEEK_API_KEY"

    def ask(self, text):
        client = openai.OpenAI(
            api_key=self.get_key(),
            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        )
        reply = client.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model="deepseek-flash",
            messages=[{"role": "user", "content": text}],
        )
        return reply.choices[0].message.content


if __name__ == "__main__":
    print(Talk().ask("hi"))
    try:
        Vectors().embed(["hi"])
    except Exception as error:  # the network guard refuses api.openai.com
        print("embeddings:", type(error).__name__)
"""


def test_an_alias_shared_with_a_class_kept_on_openai_is_named(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(SHARED, encoding="utf-8")
    code, found = _findings(tmp_path, monkeypatch, "check", "ML401")
    assert code == 1
    [alias] = [f for f in found if f["line"] == 29]
    assert (alias["severity"], alias["fix"]) == ("error", "manual")
    assert alias["message"] == (
        'names "openai" as the alias under which class Talk (`needs_key`) looks up a stored '
        "key before its key variable DEEPSEEK_API_KEY (`key_env_var`), for its SDK clients "
        'pointed at DeepSeek (line 33): OpenAI\'s key stored under "openai" goes to DeepSeek; '
        'class Vectors (line 20) looks up its key under "openai" too, for its SDK clients left '
        'on OpenAI (line 24): DeepSeek\'s key stored under "openai" instead would go to '
        'OpenAI; rename it (e.g. to "deepseek") and store DeepSeek\'s key under that name, by '
        "hand"
    )
    assert alias["data"] == {
        "key_alias_in": "needs_key",
        "variable_to": "DEEPSEEK_API_KEY",
        "alias_shared_with": ["Vectors"],
    }


def test_renamed_each_class_sends_its_own_stored_key(tmp_path, monkeypatch):
    renamed = SHARED.replace(
        'needs_key = "openai"\n    key_env_var = "DEEPSEEK_API_KEY"',
        'needs_key = "deepseek"\n    key_env_var = "DEEPSEEK_API_KEY"',
    )
    (tmp_path / "app.py").write_text(renamed, encoding="utf-8")
    _, found = _findings(tmp_path, monkeypatch, "check", "ML401")
    # only the embeddings class's own key variable is left: keep it (a warning)
    assert [(f["line"], f["severity"]) for f in found] == [(21, "warning")]
    server = LoopbackServer().start()
    try:
        saved = {"openai": OPENAI_KEY, "deepseek": DEEPSEEK_KEY}
        proc, blocked = _run(tmp_path, server, saved, {})
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, ["api.openai.com"])
    assert proc.stdout == "reply from deepseek-flash\nembeddings: NetworkBlockedError\n"
    assert _keys(server) == [("/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
