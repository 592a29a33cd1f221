"""ML401 gives a renamed read of OPENAI_API_KEY the default "unset" where an SDK client takes
its value as the key: `os.getenv(X)` is None while X is unset, and a client given None reads
OPENAI_API_KEY itself, so the OpenAI key went to the provider (mem0's `api_key =
config.api_key or os.getenv("OPENAI_API_KEY")`, then `OpenAI(api_key=api_key, ...)`). A read
whose name the program tests (a skip without a key), or with more of a chain after it, keeps
its shape. Every migration here is checked: safe/review findings are exactly its edits, and a
second run edits nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_key_reads_left import key_reads, migrated

KEY_OR_ENV = """import os

from openai import OpenAI


class LLM:
    def __init__(self, api_key=None, base_url=None):
        api_key = api_key or os.getenv("OPENAI_API_KEY")
        base_url = base_url or os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        self.client = OpenAI(api_key=api_key, base_url=base_url, max_retries=0)
"""


def test_a_key_read_a_client_takes_gets_the_unset_default(registry, tmp_path):
    change = migrated(registry, tmp_path, KEY_OR_ENV)
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n\nclass LLM:\n"
        "    def __init__(self, api_key=None, base_url=None):\n"
        '        api_key = api_key or os.getenv("DEEPSEEK_API_KEY", "unset")\n'
        "        base_url = (\n"
        '            base_url or os.getenv("DEEPSEEK_BASE_URL") or "https://api.deepseek.com"\n'
        "        )\n"
        "        self.client = OpenAI(api_key=api_key, base_url=base_url, max_retries=0)\n"
    )
    assert key_reads(change)[0] == (
        8,
        "safe",
        "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
        'copied); with the default "unset": given None, OpenAI() on line 10 would read '
        "OPENAI_API_KEY and send the OpenAI key to DeepSeek",
    )


def test_environ_get_and_a_function_parameter_get_it_too(registry, tmp_path):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(key):\n    return OpenAI(api_key=key)\n\n\n"
        'client = make(os.environ.get("OPENAI_API_KEY"))\n'
    )
    change = migrated(registry, tmp_path, text)
    assert 'make(os.environ.get("DEEPSEEK_API_KEY", "unset"))\n' in change.after


TESTED = KEY_OR_ENV.replace(
    "        base_url = base_url",
    '        if not api_key:\n            raise SystemExit("no key")\n        base_url = base_url',
)


def test_a_key_the_program_tests_keeps_none_where_unset(registry, tmp_path):
    """With "unset", a test that stops or skips without a key would pass, and the program
    fail later on the provider's 401."""
    for shape in ("if not api_key:", "if api_key is None:", "if api_key == None:"):
        text = TESTED.replace("if not api_key:", shape)
        after = migrated(registry, tmp_path, text).after
        assert '        api_key = api_key or os.getenv("DEEPSEEK_API_KEY")\n' in after
    text = TESTED.replace(
        'if not api_key:\n            raise SystemExit("no key")', "assert api_key"
    )
    after = migrated(registry, tmp_path, text).after
    assert '        api_key = api_key or os.getenv("DEEPSEEK_API_KEY")\n' in after


def test_a_read_with_more_of_the_chain_after_it_keeps_its_shape(registry, tmp_path):
    text = KEY_OR_ENV.replace(
        'api_key or os.getenv("OPENAI_API_KEY")',
        'api_key or os.getenv("OPENAI_API_KEY") or os.getenv("LLM_KEY")',
    )
    change = migrated(registry, tmp_path, text)
    assert 'api_key or os.getenv("DEEPSEEK_API_KEY") or os.getenv("LLM_KEY")' in change.after


def test_a_read_no_client_takes_keeps_its_shape(registry, tmp_path):
    text = 'import os\n\nKEY = os.getenv("OPENAI_API_KEY")\nprint(bool(KEY))\n'
    change = migrated(registry, tmp_path, text)
    assert change.after == text.replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY")


RUN = (
    KEY_OR_ENV
    + """

reply = LLM().client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""
)


def test_the_openai_key_does_not_reach_the_provider(server, tmp_path, monkeypatch):
    """Migrated and run with OPENAI_API_KEY set and the provider's key unset: the request
    reaches the provider's server with the placeholder, never with the OpenAI key."""
    (tmp_path / "bot.py").write_text(RUN)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    proc, blocked = run_guarded(
        "bot.py", tmp_path, {"OPENAI_API_KEY": "sk-openai-test", "DEEPSEEK_BASE_URL": server.base}
    )
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer unset"
    assert request.body["model"] == "deepseek-flash"
