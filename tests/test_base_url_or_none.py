"""A read of OpenAI's base-URL variable followed by `or None` (t60b, crewAI's OpenAI class:
`self.base_url or os.getenv("OPENAI_BASE_URL") or None`).

ML401 renamed it to the provider's variable with no default, so while that optional variable
was unset the chain gave None, the client took OpenAI's URL, and the provider's key (its read
renamed too) went to api.openai.com. Now the `None` closing the chain becomes the provider's
URL: the key and the host change together; the key read, stored as the `api_key` the client's
`**` mapping hands on, gets the default "unset" so that, unset, the client never reads
OPENAI_API_KEY for Zhipu. Exact findings and bytes (a second run edits
nothing), and the requests a loopback server standing at the provider's URL receives with
only the provider's key set."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_key_reads_left import key_reads, migrated

WRAPPER = """import os
from typing import Any

from openai import OpenAI
from pydantic import BaseModel, model_validator


class ChatModel(BaseModel):
    model: str = "gpt-4o-mini"
    api_key: str | None = None
    base_url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, data: Any) -> Any:
        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")
        return data

    def _params(self) -> dict[str, Any]:
        return {
            "api_key": self.api_key,
            "base_url": self.base_url or os.getenv("OPENAI_BASE_URL") or None,
        }

    def ask(self, text: str) -> str:
        client = OpenAI(**self._params(), max_retries=0)
        messages = [{"role": "user", "content": text}]
        reply = client.chat.completions.create(model=self.model, messages=messages)
        return reply.choices[0].message.content


if __name__ == "__main__":
    print(ChatModel().ask("hi"))
"""


# Zhipu's regions share ZAI_API_KEY: the key fallback takes either URL (s63)
_ZHIPU = ("https://open.bigmodel.cn/api/paas/v4", "https://api.z.ai/api/paas/v4")
_OTHER_REGION = {_ZHIPU[0]: _ZHIPU[1], _ZHIPU[1]: _ZHIPU[0]}


def applied_wrapper(url: str) -> str:
    return (
        WRAPPER.replace('"gpt-4o-mini"', '"glm-4-air-250414"')
        .replace(
            '        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")\n',
            '        data["api_key"] = data.get("api_key") or (\n'
            '            os.getenv("ZAI_API_KEY", "unset")\n'
            '            if not data.get("base_url")\n'
            '            or str(data.get("base_url")).rstrip("/").lower()\n'
            "            in (\n"
            f'                os.environ.get("ZAI_BASE_URL", "{url}")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            f'                "{url}",\n'
            f'                "{_OTHER_REGION[url]}",\n'
            "            )\n"
            '            else data.get("api_key")\n'
            "        )\n",
        )
        .replace(
            '            "base_url": self.base_url or os.getenv("OPENAI_BASE_URL") or None,\n',
            '            "base_url": self.base_url\n'
            '            or os.getenv("ZAI_BASE_URL")\n'
            f'            or "{url}",\n',
        )
    )


def ml401(change) -> list[tuple[int, str, str, dict]]:
    return [(f.line, f.fix.value, f.message, f.data) for f in change.findings if f.rule == "ML401"]


def test_the_none_closing_the_chain_becomes_the_providers_url(registry, tmp_path):
    change = migrated(registry, tmp_path, WRAPPER, "zhipu")
    assert change.after == applied_wrapper("https://open.bigmodel.cn/api/paas/v4")
    assert ml401(change) == [
        (
            16,
            "safe",
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is "
            'not copied); with the default "unset": given None, OpenAI() on line 26 would read '
            "OPENAI_API_KEY and send the OpenAI key to Zhipu AI (GLM); read only where the "
            'caller gives no key and its base URL `data.get("base_url")` is empty or Zhipu AI '
            "(GLM)'s: another server keeps the key the caller gives",
            {"variable_from": "OPENAI_API_KEY", "variable_to": "ZAI_API_KEY"},
        ),
        (
            22,
            "safe",
            "reads OPENAI_BASE_URL; Zhipu AI (GLM)'s base URL is in ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4)",
            {"variable_from": "OPENAI_BASE_URL", "variable_to": "ZAI_BASE_URL"},
        ),
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'URL = os.environ["OPENAI_BASE_URL"] or None\n',
            'URL = os.environ.get("DEEPSEEK_BASE_URL") or "https://api.deepseek.com"\n',
        ),
        (
            "URL = os.getenv('OPENAI_BASE_URL') or None\n",
            "URL = os.getenv('DEEPSEEK_BASE_URL') or 'https://api.deepseek.com'\n",
        ),
        (
            'URL = given or os.environ.get("OPENAI_BASE_URL")  or  None\n',
            'URL = given or os.environ.get("DEEPSEEK_BASE_URL")  or  "https://api.deepseek.com"\n',
        ),
        # another read of OpenAI's base URL between them (crewAI's OPENAI_API_BASE), which
        # ML401 leaves to a person: the None still becomes the provider's URL
        (
            'URL = os.getenv("OPENAI_BASE_URL") or os.getenv("OPENAI_API_BASE") or None\n',
            'URL = (\n    os.getenv("DEEPSEEK_BASE_URL")\n    or os.getenv("OPENAI_API_BASE")\n'
            '    or "https://api.deepseek.com"\n)\n',
        ),
        # a read of the program's own variable between them, or a value other than None
        # after the read: the program's own fallback, renamed only
        (
            'URL = os.getenv("OPENAI_BASE_URL") or os.getenv("MY_URL") or None\n',
            'URL = os.getenv("DEEPSEEK_BASE_URL") or os.getenv("MY_URL") or None\n',
        ),
        (
            'URL = os.getenv("OPENAI_BASE_URL") or None or LOCAL\n',
            'URL = os.getenv("DEEPSEEK_BASE_URL") or None or LOCAL\n',
        ),
        (
            'URL = os.getenv("OPENAI_BASE_URL") or LOCAL\n',
            'URL = os.getenv("DEEPSEEK_BASE_URL") or LOCAL\n',
        ),
    ],
)
def test_other_shapes_of_the_chain(registry, tmp_path, before, after):
    head = "import os\n\nLOCAL = None\ngiven = None\n"
    change = migrated(registry, tmp_path, head + before)
    assert change.after == head + after


def test_an_azure_target_keeps_the_none(registry, tmp_path):
    text = 'import os\n\nURL = os.getenv("OPENAI_BASE_URL") or None\n'
    change = migrated(registry, tmp_path, text, "azure")
    assert change.after == text.replace("OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT")


def test_the_providers_key_goes_only_to_the_providers_url(tmp_path, monkeypatch):
    """With ZAI_BASE_URL set (a loopback server standing for Zhipu), the request goes there with
    the Zhipu key; with ZAI_API_KEY alone set, to Zhipu's official host (which the guard
    refuses here), never to api.openai.com as before the fix."""
    official = "https://open.bigmodel.cn/api/paas/v4"
    (tmp_path / "wrapper.py").write_text(WRAPPER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "wrapper.py", "-p", "zhipu", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "wrapper.py").read_text(encoding="utf-8") == applied_wrapper(official)

    server = LoopbackServer(key="zhipu-loopback-key").start()
    try:
        env = {"ZAI_API_KEY": "zhipu-loopback-key", "ZAI_BASE_URL": server.base + "/api/paas/v4"}
        proc, blocked = run_guarded("wrapper.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.body["model"], r.headers["authorization"]) for r in server.requests] == [
        ("/api/paas/v4/chat/completions", "glm-4-air-250414", "Bearer zhipu-loopback-key")
    ]

    proc, blocked = run_guarded("wrapper.py", tmp_path, {"ZAI_API_KEY": "zhipu-loopback-key"})
    assert proc.returncode == 1
    assert blocked == ["open.bigmodel.cn"]

    # ZAI_API_KEY unset, an OpenAI key exported: the key read's default "unset" goes, never
    # the OpenAI key (given None, the client would read OPENAI_API_KEY)
    server = LoopbackServer().start()
    try:
        env = {"OPENAI_API_KEY": "sk-openai-test", "ZAI_BASE_URL": server.base + "/api/paas/v4"}
        proc, blocked = run_guarded("wrapper.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer unset"]


def test_a_callers_own_server_never_gets_the_providers_key(tmp_path, monkeypatch):
    """Review of t60b: the key read stored for the `**`-built client was renamed untied, so
    `ChatModel(base_url=<a server of the caller's>)` sent the Zhipu key there. Tied to the
    URL the caller gives (`data.get("base_url")`), the provider's key goes where that URL is
    none or Zhipu's in any spelling (here ZAI_BASE_URL's loopback, its scheme upper-cased and
    a trailing slash added); a server of the caller's gets the key the caller gives, or, with
    none, OPENAI_API_KEY, as before apply."""
    (tmp_path / "wrapper.py").write_text(WRAPPER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "wrapper.py", "-p", "zhipu", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "wrapper.py").read_text(encoding="utf-8") == applied_wrapper(
        "https://open.bigmodel.cn/api/paas/v4"
    )
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    calls = [
        ("provider.py", f'base_url="{provider.base.upper()}/api/paas/v4/"'),
        ("own.py", f'base_url="{own.base}/v1"'),
        ("own_key.py", f'base_url="{own.base}/v1", api_key="own-key"'),
    ]
    env = {
        "ZAI_API_KEY": "zhipu-key",
        "ZAI_BASE_URL": provider.base + "/api/paas/v4",
        "OPENAI_API_KEY": "sk-openai-test",
    }
    try:
        for script, given in calls:
            code = f'from wrapper import ChatModel\n\nprint(ChatModel({given}).ask("hi"))\n'
            (tmp_path / script).write_text(code, encoding="utf-8")
            proc, blocked = run_guarded(script, tmp_path, env)
            assert (proc.returncode, blocked) == (0, []), proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert [(r.path, r.headers["authorization"]) for r in provider.requests] == [
        ("/api/paas/v4/chat/completions", "Bearer zhipu-key")
    ]
    assert [(r.path, r.headers["authorization"]) for r in own.requests] == [
        ("/v1/chat/completions", "Bearer sk-openai-test"),
        ("/v1/chat/completions", "Bearer own-key"),
    ]


@pytest.mark.parametrize(
    ("client", "read"),
    [
        ("OpenAI(**self.params())", 'os.getenv("DEEPSEEK_API_KEY", "unset")'),
        # the key it is given, no mapping: renamed as before
        ("OpenAI(api_key=self.api_key, **self.params())", 'os.getenv("DEEPSEEK_API_KEY")'),
        ("OpenAI(base_url=URL)", 'os.getenv("DEEPSEEK_API_KEY")'),
        # Azure's: left to the Azure client's rule (ML401 does not switch it)
        ("AzureOpenAI(**self.params())", 'os.getenv("OPENAI_API_KEY")'),
    ],
)
def test_a_key_stored_as_api_key_for_a_client_built_from_a_mapping(
    registry, tmp_path, client, read
):
    text = (
        "import os\n\nfrom openai import AzureOpenAI, OpenAI\n\nURL = None\n\n\n"
        "class Chat:\n"
        "    def __init__(self, key=None):\n"
        '        self.api_key = key or os.getenv("OPENAI_API_KEY")\n\n'
        "    def params(self):\n"
        '        return {"api_key": self.api_key}\n\n'
        "    def client(self):\n"
        f"        return {client}\n"
    )
    change = migrated(registry, tmp_path, text)
    assert f"        self.api_key = key or {read}\n" in change.after


# the key stored by a method, beside the URL the caller gives it (the mapping's URL already
# the provider's, as apply leaves it)
SELF_STORED = """import os

from openai import OpenAI


class Chat:
    def __init__(self, key=None, url=None):
        self.api_key = key or os.getenv("OPENAI_API_KEY")
        self.base_url = url

    def params(self):
        return {
            "api_key": self.api_key,
            "base_url": self.base_url
            or os.getenv("DEEPSEEK_BASE_URL")
            or "https://api.deepseek.com",
        }

    def client(self):
        return OpenAI(**self.params())
"""
SELF_STORED_TIED = """        self.api_key = key or (
            os.getenv("DEEPSEEK_API_KEY", "unset")
            if not url
            or str(url).rstrip("/").lower()
            in (
                os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                .rstrip("/")
                .lower(),
                "https://api.deepseek.com",
                "https://api.deepseek.com/v1",
                "https://api.deepseek.com/beta",
            )
            else key
        )
"""


@pytest.mark.parametrize(
    ("before", "stored"),
    [
        (SELF_STORED, SELF_STORED_TIED),
        # the caller's URL bound again in the method after both statements: still the
        # caller's where the key is stored, tied (review of s61: it was renamed untied)
        (
            SELF_STORED.replace("self.base_url = url\n", "self.base_url = url\n        url = 1\n"),
            SELF_STORED_TIED,
        ),
        # bound again before the key is stored: not the caller's there; the URL not seen,
        # the key is renamed as before
        (
            SELF_STORED.replace(
                '        self.api_key = key or os.getenv("OPENAI_API_KEY")\n',
                "        url = url or None\n"
                '        self.api_key = key or os.getenv("OPENAI_API_KEY")\n',
            ),
            '        self.api_key = key or os.getenv("DEEPSEEK_API_KEY", "unset")\n',
        ),
        # the mapping's base URL not the caller's setting first: not tied
        (
            SELF_STORED.replace('"base_url": self.base_url\n            or', '"base_url":'),
            '        self.api_key = key or os.getenv("DEEPSEEK_API_KEY", "unset")\n',
        ),
    ],
)
def test_a_key_a_method_stores_is_tied_to_the_url_its_caller_gives(
    registry, tmp_path, before, stored
):
    change = migrated(registry, tmp_path, before)
    line = '        self.api_key = key or os.getenv("OPENAI_API_KEY")\n'
    assert change.after == before.replace(line, stored)


def test_the_key_is_tied_in_the_run_that_points_the_mapping_at_the_provider(registry, tmp_path):
    """The mapping's URL still `... or os.getenv("OPENAI_BASE_URL") or None`: the key read
    counted as going with a URL chosen at run time, OpenAI's when None, and was left (manual)
    while the same run wrote the provider's URL in place of that None; a second run then
    renamed it (and the first run's program sent the OpenAI key to DeepSeek). The None that
    ML401 replaces now counts as the provider's URL: one run moves both."""
    before = SELF_STORED.replace(
        '            "base_url": self.base_url\n'
        '            or os.getenv("DEEPSEEK_BASE_URL")\n'
        '            or "https://api.deepseek.com",\n',
        '            "base_url": self.base_url or os.getenv("OPENAI_BASE_URL") or None,\n',
    )
    assert before != SELF_STORED
    change = migrated(registry, tmp_path, before)
    line = '        self.api_key = key or os.getenv("OPENAI_API_KEY")\n'
    assert change.after == SELF_STORED.replace(line, SELF_STORED_TIED)
    assert [f[:2] for f in key_reads(change)] == [(8, "safe"), (14, "safe")]


# crewAI's OpenAI class gives the URL as `self.base_url or self.api_base or ...`
TWO_URLS = WRAPPER.replace(
    "    base_url: str | None = None\n",
    "    base_url: str | None = None\n    api_base: str | None = None\n",
).replace(
    '"base_url": self.base_url or os.getenv("OPENAI_BASE_URL") or None,\n',
    '"base_url": self.base_url or self.api_base or os.getenv("OPENAI_BASE_URL") or None,\n',
)


def test_the_key_is_tied_to_every_url_the_caller_may_give(tmp_path, monkeypatch):
    """Review of s61 (r2): with the mapping's URL `self.base_url or self.api_base or ...`,
    the key was tied to `data.get("base_url")` alone, so `ChatModel(api_base=<a server of the
    caller's>)` with no key sent the Zhipu key there. Tied to the chain of both, the caller's
    server gets the key the caller gives (or, with none, OPENAI_API_KEY as before apply); the
    provider's URL given either way gets the Zhipu key."""
    url = "https://open.bigmodel.cn/api/paas/v4"
    given = '(data.get("base_url") or data.get("api_base"))'
    expected = (
        TWO_URLS.replace('"gpt-4o-mini"', '"glm-4-air-250414"')
        .replace(
            '        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")\n',
            '        data["api_key"] = data.get("api_key") or (\n'
            '            os.getenv("ZAI_API_KEY", "unset")\n'
            f"            if not {given}\n"
            f'            or str({given[1:-1]}).rstrip("/").lower()\n'
            "            in (\n"
            f'                os.environ.get("ZAI_BASE_URL", "{url}")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            f'                "{url}",\n'
            f'                "{_OTHER_REGION[url]}",\n'
            "            )\n"
            '            else data.get("api_key")\n'
            "        )\n",
        )
        .replace(
            '            "base_url": self.base_url or self.api_base or os.getenv("OPENAI_BASE_URL") '
            "or None,\n",
            '            "base_url": self.base_url\n'
            "            or self.api_base\n"
            '            or os.getenv("ZAI_BASE_URL")\n'
            f'            or "{url}",\n',
        )
    )
    (tmp_path / "wrapper.py").write_text(TWO_URLS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "wrapper.py", "-p", "zhipu", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "wrapper.py").read_text(encoding="utf-8") == expected
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    calls = [
        ("provider.py", f'api_base="{provider.base}/api/paas/v4"'),
        ("own.py", f'api_base="{own.base}/v1"'),
        ("own_first.py", f'base_url="{own.base}/v1", api_base="{provider.base}/api/paas/v4"'),
        ("own_key.py", f'api_base="{own.base}/v1", api_key="own-key"'),
    ]
    env = {
        "ZAI_API_KEY": "zhipu-key",
        "ZAI_BASE_URL": provider.base + "/api/paas/v4",
        "OPENAI_API_KEY": "sk-openai-test",
    }
    try:
        for script, args in calls:
            code = f'from wrapper import ChatModel\n\nprint(ChatModel({args}).ask("hi"))\n'
            (tmp_path / script).write_text(code, encoding="utf-8")
            proc, blocked = run_guarded(script, tmp_path, env)
            assert (proc.returncode, blocked) == (0, []), proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert [(r.path, r.headers["authorization"]) for r in provider.requests] == [
        ("/api/paas/v4/chat/completions", "Bearer zhipu-key")
    ]
    assert [(r.path, r.headers["authorization"]) for r in own.requests] == [
        ("/v1/chat/completions", "Bearer sk-openai-test"),
        ("/v1/chat/completions", "Bearer sk-openai-test"),
        ("/v1/chat/completions", "Bearer own-key"),
    ]


OWN_CLIENT = """import os

from openai import OpenAI


class Chat:
    def __init__(self, api_key=None, base_url=None):
        self.api_key = api_key
        self.base_url = base_url

    def client(self):
        return OpenAI(
            api_key=self.api_key or os.getenv("OPENAI_API_KEY"),
            base_url=self.base_url or os.getenv("OPENAI_BASE_URL") or None,
        )
"""


def test_a_clients_own_chain_after_a_callers_url_is_left(registry, tmp_path):
    """Review of s61 (r9): counting the closing None as the provider's URL made a client's own
    `base_url=self.base_url or os.getenv("OPENAI_BASE_URL") or None` a chain apply points at
    the provider, and its key `self.api_key or os.getenv(...)` was renamed untied: `Chat(
    base_url=<any host>)` with no key sent DeepSeek's key there. The caller's URL first, the
    client is left as before (ML003 and ML401, manual), nothing written."""
    change = migrated(registry, tmp_path, OWN_CLIENT)
    assert change.after == OWN_CLIENT
    assert [(f.rule, f.line, f.fix.value) for f in change.findings] == [
        ("ML003", 12, "manual"),
        ("ML401", 13, "manual"),
        ("ML401", 14, "manual"),
    ]
