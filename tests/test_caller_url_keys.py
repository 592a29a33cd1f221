"""ML401: a key read falling back from the key a caller gives, beside a base URL the caller gives
too (camel's `OpenAIModel.__init__`, t60a D7 and A1): the rename of the key is tied to the URL,
and a decorator of the function naming the variable is renamed with its read."""

from __future__ import annotations

import subprocess
import sys

from migrate_llm.registry import load_registry

from . import network_guard
from .cli_findings import finding_rows, invoke, run_json, write
from .loopback_server import LoopbackServer
from .test_e2e_app import clean_env
from .test_project_facts import ACME, TARGET

CHECKS = """import functools
import os


def keys_required(pairs):
    def wrap(function):
        @functools.wraps(function)
        def checked(*args, **kwargs):
            for param, variable in pairs:
                if not kwargs.get(param) and not os.environ.get(variable):
                    raise ValueError(f"Missing {variable}")
            return function(*args, **kwargs)

        return checked

    return wrap


class Backend:
    def __init__(self, model, api_key, url):
        self.model = model
        self._api_key = api_key
        self._url = url
"""
MODEL = """import os

from openai import OpenAI

from checks import Backend, keys_required


class ChatModel(Backend):
    @keys_required([("api_key", "OPENAI_API_KEY")])
    def __init__(self, model, api_key=None, url=None):
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        url = url or os.environ.get("OPENAI_API_BASE_URL")
        super().__init__(model, api_key, url)

    def ask(self, text):
        client = OpenAI(api_key=self._api_key, base_url=self._url)
        reply = client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content
"""
# the head of MODEL as apply leaves it for Acme Cloud (ML003 rewrites the client in `ask`)
MODEL_HEAD_AFTER = """class ChatModel(Backend):
    @keys_required([("api_key", "ACME_API_KEY")])
    def __init__(self, model, api_key=None, url=None):
        api_key = api_key or (
            os.environ.get("ACME_API_KEY")
            if not url
            or str(url).rstrip("/").lower()
            in (
                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")
                .rstrip("/")
                .lower(),
                "https://api.acme.example/v1",
            )
            else api_key
        )
        url = url or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")
        super().__init__(model, api_key, url)
"""
RUN = """import sys

from model import ChatModel

url, key = (sys.argv[1:] + [None, None])[:2]
print(ChatModel("my-llama" if url else "qwen-plus", api_key=key, url=url).ask("hi"))
"""


def test_the_key_read_is_tied_to_the_callers_url_and_the_decorator_renamed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"checks.py": CHECKS, "model.py": MODEL})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    assert finding_rows(report, "line", "fix", "message", rules={"ML401"}) == [
        (
            9,
            "safe",
            "names OPENAI_API_KEY in a decorator of `__init__`, whose read of it on line 11 "
            "apply renames to ACME_API_KEY: apply names ACME_API_KEY here too, so the "
            "decorator checks the variable the function reads",
        ),
        (
            11,
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied), read only where the caller gives no key and its base URL `url` is empty "
            "or Acme Cloud's (the read on line 12): another server keeps the key the caller "
            "gives",
        ),
        (
            12,
            "safe",
            "reads OPENAI_API_BASE_URL; Acme Cloud's base URL is in ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
        ),
    ]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    text = (tmp_path / "model.py").read_text()
    head = MODEL.split("class ChatModel")[0]
    assert text.startswith(head + MODEL_HEAD_AFTER)
    assert invoke("apply", ".", *TARGET, "--diff", "--no-cache") == (0, "")
    code, report = run_json("check", ".", *ACME)
    assert (code, finding_rows(report, "rule")) == (0, [])


def test_the_key_is_renamed_as_before_where_the_url_is_not_the_callers(tmp_path, monkeypatch):
    """The URL read given no caller's value: the URL is always the provider's after apply."""
    monkeypatch.chdir(tmp_path)
    own = MODEL.replace("url = url or os.environ", "url = os.environ")
    write(tmp_path, {"checks.py": CHECKS, "model.py": own})
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    text = (tmp_path / "model.py").read_text()
    assert '        api_key = api_key or os.environ.get("ACME_API_KEY")\n' in text
    assert '    @keys_required([("api_key", "ACME_API_KEY")])\n' in text


def test_a_key_given_to_a_client_with_the_callers_url_is_tied_too(tmp_path, monkeypatch):
    """The key and the URL given straight to a client of the module: before, the key read
    became `api_key or os.environ.get("ACME_API_KEY", "unset")`, whatever `url` the caller
    named."""
    monkeypatch.chdir(tmp_path)
    direct = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(api_key=None, url=None):\n"
        '    api_key = api_key or os.environ.get("OPENAI_API_KEY")\n'
        '    url = url or os.environ.get("OPENAI_API_BASE_URL")\n'
        "    return OpenAI(api_key=api_key, base_url=url)\n"
    )
    write(tmp_path, {"make.py": direct})
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "make.py").read_text() == (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(api_key=None, url=None):\n"
        "    api_key = api_key or (\n"
        '        os.environ.get("ACME_API_KEY", "unset")\n'
        "        if not url\n"
        '        or str(url).rstrip("/").lower()\n'
        "        in (\n"
        '            os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '            .rstrip("/")\n'
        "            .lower(),\n"
        '            "https://api.acme.example/v1",\n'
        "        )\n"
        "        else api_key\n"
        "    )\n"
        '    url = url or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        "    return OpenAI(api_key=api_key, base_url=url)\n"
    )
    assert invoke("apply", ".", *TARGET, "--diff", "--no-cache") == (0, "")


def test_a_decorator_beside_a_read_left_is_left_with_it(tmp_path, monkeypatch):
    """The read kept on `self` for a client of the module whose base URL is chosen at run time
    stays (manual): the decorator says so, naming the read's line."""
    monkeypatch.chdir(tmp_path)
    kept = MODEL.replace(
        "        super().__init__(model, api_key, url)\n",
        "        self.model = model\n        self._api_key = api_key\n        self._url = url\n",
    ).replace("from checks import Backend, keys_required", "from checks import keys_required")
    kept = kept.replace("class ChatModel(Backend):", "class ChatModel:")
    write(tmp_path, {"checks.py": CHECKS, "model.py": kept})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert rows[0] == (
        9,
        "manual",
        "names OPENAI_API_KEY in a decorator of `__init__`, whose read of it on line 11 apply "
        "leaves (see there): the decorator and the read name the same variable; switch both "
        "together, by hand",
    )
    assert rows[1][:2] == (11, "manual")


def test_the_providers_key_goes_only_to_the_providers_url(tmp_path):
    """As applied for qwen, run on two loopback servers: the model given no URL reaches
    DASHSCOPE_BASE_URL's server with DashScope's key; given another server's URL and no key, it
    sends nothing there (no OpenAI key either: the SDK stops); given that server's key, that
    key. Before the tie, the second run sent DashScope's key to the other server (t60a D7)."""
    root = tmp_path / "p"
    write(root, {"checks.py": CHECKS, "model.py": MODEL, "run.py": RUN})
    assert invoke("apply", str(root), "-p", "qwen", "--yes", "--allow-dirty", "--no-cache")[0] == 0
    env = clean_env(load_registry()) | {"DASHSCOPE_API_KEY": "dashscope-key"}

    def run(tag: str, *argv: str) -> tuple[int, list, list]:
        other, qwen = LoopbackServer().start(), LoopbackServer().start()
        guard = tmp_path / tag
        given = env | {"DASHSCOPE_BASE_URL": qwen.base + "/v1"}
        try:
            proc = subprocess.run(
                [sys.executable, "run.py", *(a.format(other=other.base) for a in argv)],
                cwd=root,
                env=network_guard.subprocess_env(given, guard),
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            other.stop()
            qwen.stop()
        assert network_guard.blocked_hosts(guard) == []
        seen = [
            [(r.path, r.headers.get("authorization"), r.body["model"]) for r in s.requests]
            for s in (other, qwen)
        ]
        return proc.returncode, seen[0], seen[1]

    sent = ("/v1/chat/completions", "Bearer dashscope-key", "qwen-plus")
    assert run("provider") == (0, [], [sent])
    code, to_other, to_qwen = run("other", "{other}/v1")
    assert (code != 0, to_other, to_qwen) == (True, [], [])
    own = ("/v1/chat/completions", "Bearer local-key", "my-llama")
    assert run("own-key", "{other}/v1", "local-key") == (0, [own], [])


def test_the_key_read_is_left_with_a_url_read_left(tmp_path, monkeypatch):
    """The URL's read left (a second variable for the base URL): renamed alone, the key read
    would give the provider's key to whatever URL that read gives."""
    monkeypatch.chdir(tmp_path)
    text = (
        'import os\n\nDEFAULT_URL = os.environ.get("OPENAI_BASE_URL")\n\n\n'
        "def settings(api_key=None, url=None):\n"
        '    api_key = api_key or os.environ.get("OPENAI_API_KEY")\n'
        '    url = url or os.environ.get("OPENAI_API_BASE")\n'
        "    return api_key, url\n"
    )
    write(tmp_path, {"settings.py": text})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    assert finding_rows(report, "line", "fix", "message", rules={"ML401"})[1] == (
        7,
        "manual",
        "reads OPENAI_API_KEY; not switched: it is the fallback of the key the caller gives "
        "(`api_key`), whose base URL `url` falls back to the read on line 8, which apply "
        "leaves: renamed alone, Acme Cloud's key would go where that URL points; switch both "
        "together, by hand",
    )
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    after = (tmp_path / "settings.py").read_text()
    assert after == text.replace(
        '"OPENAI_BASE_URL")', '"ACME_BASE_URL", "https://api.acme.example/v1")'
    )
