"""Clients whose key or base URL is named for another service (trial t55c D1, on letta).

letta builds its Together, Fireworks and Z.ai clients with the OpenAI SDK, the key read from
that service's variable or setting and the base URL from the model's configuration. apply had
given them the provider's key as a fallback (`api_key or os.environ.get("DEEPSEEK_API_KEY",
...)`): with TOGETHER_API_KEY unset, the DeepSeek key went to Together, and `check` passed.
Now such a client is left (a note), one given no base URL is left to a person (ML001,
manual), and the fallback an earlier apply wrote is an error `check` keeps red.

Exact text, fix classes, `check`'s exit code, and the Authorization header each of two
loopback servers receives: one stands in for DeepSeek, one for the other service."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

DEEPSEEK_KEY = "sk-deepseek-loopback-0000"
TOGETHER_KEY = "together-loopback-0000"
NOTE_TAIL = (
    "the client the program builds for that service, not OpenAI; left as it is (no fallback "
    "to DEEPSEEK_API_KEY: DeepSeek's key would go to that service)"
)


def findings(registry, text: str, provider: str = "deepseek"):
    return check_python(text, RuleContext(registry, registry.get(provider)), PYTHON_RULES)


def rows(found, *rules: str):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found if f.rule in rules
    ]


def applied(registry, text: str) -> str:
    found = findings(registry, text)
    for f in found:
        assert (f.edit is not None) == (f.fix in (FixClass.SAFE, FixClass.REVIEW)), f
    after, _ = migrate_text(text, "python", "app.py", found)
    assert [f for f in findings(registry, after) if f.edit is not None] == []
    return after


# The program: its own chat client (OpenAI's, moved to DeepSeek), and a client for a
# second service whose key it reads from that service's variable and whose base URL its
# configuration gives (the shape of letta's together_client.py, in our words).
PROGRAM = """import os

from openai import OpenAI


def summarize(text):
    client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content


class SecondOpinion:
    def ask(self, text, endpoint, api_key=None):
        if not api_key:
            api_key = os.environ.get("TOGETHER_API_KEY")
        second = OpenAI(api_key=api_key, base_url=endpoint)
        reply = second.chat.completions.create(
            model="meta-llama/Llama-3.3-70B", messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content


if __name__ == "__main__":
    print(summarize("hello"))
    try:
        print(SecondOpinion().ask("hello", os.environ["SECOND_OPINION_URL"]))
    except Exception as error:
        print("second opinion failed:", type(error).__name__)
"""

# apply's text: summarize() moved to DeepSeek, the other service's client as it was
APPLIED = PROGRAM.replace(
    "    client = OpenAI()\n",
    "    client = OpenAI(\n"
    '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    )\n",
).replace(
    '        model="gpt-4o-mini", messages',
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    '        model="deepseek-flash", messages',
)
# What apply wrote there before this fix (t55c's letta tree)
APPLIED_BEFORE = APPLIED.replace(
    "        second = OpenAI(api_key=api_key, base_url=endpoint)\n",
    "        second = OpenAI(\n"
    '            api_key=api_key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    "            base_url=endpoint\n"
    '            or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "        )\n",
)
ERROR_MESSAGE = (
    "OpenAI() may send DEEPSEEK_API_KEY (DeepSeek's key) with a key named for 'together', "
    '`api_key or os.environ.get("DEEPSEEK_API_KEY", "unset")` '
    '(`os.environ.get("TOGETHER_API_KEY")` on line 21): the client is that service\'s, and so '
    "is its base URL: DeepSeek's key would go there; take DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL "
    "out of this client by hand"
)


def test_the_other_services_client_is_left_and_said_so(registry):
    found = findings(registry, PROGRAM)
    assert rows(found, "ML003") == [
        (
            18,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `endpoint` at run time and its key from "
            '`api_key` (`os.environ.get("TOGETHER_API_KEY")` on line 17), named for '
            f"'together': {NOTE_TAIL}",
        )
    ]
    [note] = [f for f in found if f.rule == "ML003"]
    assert note.data == {"client": "OpenAI", "endpoint": "custom", "service": "together"}
    assert applied(registry, PROGRAM) == APPLIED


def test_the_fallback_an_earlier_apply_wrote_is_an_error(registry):
    found = findings(registry, APPLIED_BEFORE)
    assert rows(found, "ML003") == [
        (7, "ML003", "note", "none", "OpenAI() already points at DeepSeek"),
        (22, "ML003", "error", "manual", ERROR_MESSAGE),
    ]
    [error] = [f for f in found if f.rule == "ML003" and f.line == 22]
    assert error.edit is None
    assert error.data == {
        "client": "OpenAI",
        "endpoint": "provider",
        "service": "together",
        "key_variable": "DEEPSEEK_API_KEY",
    }


def _run(tmp_path, deepseek: LoopbackServer, env: dict[str, str]) -> str:
    proc, blocked = run_guarded(
        "app.py",
        tmp_path,
        {"DEEPSEEK_API_KEY": DEEPSEEK_KEY, "DEEPSEEK_BASE_URL": deepseek.base + "/v1", **env},
    )
    assert blocked == [] and proc.returncode == 0, proc.stderr
    return proc.stdout


def _keys(server: LoopbackServer) -> list[tuple[str, str]]:
    return [(r.path, r.headers.get("authorization", "")) for r in server.requests]


def test_each_host_gets_its_own_key_after_apply(registry, tmp_path, monkeypatch):
    deepseek, other = LoopbackServer().start(), LoopbackServer().start()
    second = {"SECOND_OPINION_URL": other.base + "/v1"}
    try:
        (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        done = CliRunner().invoke(app, ["apply", "app.py", "-p", "deepseek", "--yes"])
        assert done.exit_code == 0, done.output
        check = CliRunner().invoke(app, ["check", "app.py", "-p", "deepseek"])
        assert (check.exit_code, check.stdout) == (0, "0 findings for deepseek in 0 of 1 file\n")

        # the other service's key set: it goes there, and DeepSeek's to DeepSeek
        out = _run(tmp_path, deepseek, {**second, "TOGETHER_API_KEY": TOGETHER_KEY})
        assert "second opinion failed" not in out
        assert _keys(deepseek) == [("/v1/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
        assert _keys(other) == [("/v1/chat/completions", f"Bearer {TOGETHER_KEY}")]
        assert [r.body["model"] for r in other.requests] == ["meta-llama/Llama-3.3-70B"]

        # unset: the SDK stops for want of a key, and DeepSeek's goes nowhere else
        out = _run(tmp_path, deepseek, {**second, "TOGETHER_API_KEY": ""})
        assert out.endswith("second opinion failed: OpenAIError\n")
        assert len(deepseek.requests) == 2 and len(other.requests) == 1
    finally:
        deepseek.stop()
        other.stop()


def test_the_fallback_apply_wrote_before_sent_deepseeks_key_there(registry, tmp_path, monkeypatch):
    """Why check must stay red on it: run as t55c's apply left it, with the other service's
    key unset, the DeepSeek key reaches the other host."""
    deepseek, other = LoopbackServer().start(), LoopbackServer().start()
    try:
        (tmp_path / "app.py").write_text(APPLIED_BEFORE, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        check = CliRunner().invoke(app, ["check", "app.py", "-p", "deepseek"])
        assert check.exit_code == 1
        assert check.stdout.splitlines()[0] == f"app.py:22:18 ML003 {ERROR_MESSAGE}"
        _run(tmp_path, deepseek, {"SECOND_OPINION_URL": other.base + "/v1", "TOGETHER_API_KEY": ""})
        assert _keys(other) == [("/v1/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
    finally:
        deepseek.stop()
        other.stop()


# letta's fireworks_client.py and zai_client.py shapes, in our words: a setting named for the
# service, read directly and through a method of the class
FIREWORKS = """from openai import OpenAI

from app.settings import model_settings


def complete(data, llm_config):
    api_key = model_settings.fireworks_api_key
    client = OpenAI(api_key=api_key, base_url=llm_config.model_endpoint)
    return client.chat.completions.create(**data)
"""
ZAI = """from openai import OpenAI

from app.settings import model_settings


class GlmChat:
    def _key(self, llm_config):
        api_key = llm_config.own_key
        if not api_key:
            api_key = model_settings.zai_api_key
        return api_key

    def complete(self, data, llm_config):
        api_key = self._key(llm_config)
        client = OpenAI(api_key=api_key, base_url=llm_config.model_endpoint)
        return client.chat.completions.create(**data)
"""
NAMED_URL = """import os

from openai import OpenAI


def complete(data, key=None):
    client = OpenAI(api_key=key, base_url=os.environ.get("FIREWORKS_BASE_URL"))
    return client.chat.completions.create(**data)
"""


def test_a_setting_named_for_the_service_read_directly_or_through_a_method(registry):
    assert rows(findings(registry, FIREWORKS), "ML003") == [
        (
            8,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `llm_config.model_endpoint` at run time and its "
            "key from `api_key` (`model_settings.fireworks_api_key` on line 7), named for "
            f"'fireworks': {NOTE_TAIL}",
        )
    ]
    assert applied(registry, FIREWORKS) == FIREWORKS
    assert rows(findings(registry, ZAI), "ML003") == [
        (
            15,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `llm_config.model_endpoint` at run time and its "
            "key from `api_key` (`model_settings.zai_api_key` on line 10), named for 'zai': "
            f"{NOTE_TAIL}",
        )
    ]
    assert applied(registry, ZAI) == ZAI


def test_a_base_url_variable_named_for_the_service(registry):
    assert rows(findings(registry, NAMED_URL), "ML003") == [
        (
            7,
            "ML003",
            "note",
            "none",
            'OpenAI() takes its base URL from `os.environ.get("FIREWORKS_BASE_URL")` at run '
            f"time, named for 'fireworks': {NOTE_TAIL}",
        )
    ]
    assert applied(registry, NAMED_URL) == NAMED_URL


def test_on_the_named_services_own_provider_the_key_is_the_targets(registry):
    """On Zhipu (alias zai) `model_settings.zai_api_key` names the target: the client gets
    the provider's fallbacks as any run-time client does."""
    [found] = [f for f in findings(registry, ZAI, "zhipu") if f.rule == "ML003"]
    assert (found.severity.value, found.fix.value) == ("warning", "review")
    assert found.message.endswith(
        "and ZAI_API_KEY when `api_key` is empty where the URL given is Zhipu AI (GLM)'s (its "
        "variable's value or any of its regions' URLs in any spelling); another "
        "server keeps the key the program gives it, which must be a Zhipu AI (GLM) key on Zhipu "
        "AI (GLM)'s URL"
    )


def test_a_client_given_no_base_url_and_a_key_named_for_a_service_is_left_to_you(registry):
    text = (
        "from openai import OpenAI\n\nfrom app.settings import settings\n\n\n"
        "def make():\n    return OpenAI(api_key=settings.together_api_key)\n"
    )
    assert rows(findings(registry, text), "ML001") == [
        (
            7,
            "ML001",
            "error",
            "manual",
            "OpenAI() talks to OpenAI (key from `settings.together_api_key`); "
            "`settings.together_api_key` is named for 'together': that service's client, given "
            "no base URL (or OpenAI's, given a key named otherwise); apply leaves it: point it "
            "at that service's base URL, or at DeepSeek with DEEPSEEK_API_KEY, by hand",
        )
    ]
    assert applied(registry, text) == text


def test_the_targets_key_beside_another_services_url(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def other(key=None):\n"
        "    return OpenAI(\n"
        '        api_key=key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url="https://api.together.xyz/v1",\n'
        "    )\n\n\n"
        "def proxy():\n"
        '    return OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://llm.example.net/v1")\n'
    )
    assert rows(findings(registry, text), "ML003") == [
        (
            7,
            "ML003",
            "error",
            "manual",
            "OpenAI() may send DEEPSEEK_API_KEY (DeepSeek's key) to a base URL named for "
            "'together', `\"https://api.together.xyz/v1\"`: DeepSeek's key would go there; take "
            "DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL out of this client by hand",
        ),
        (
            14,
            "ML003",
            "note",
            "none",
            "OpenAI() points at https://llm.example.net/v1, not OpenAI; left as it is",
        ),
    ]


def test_a_run_time_client_named_for_no_service_keeps_its_fallbacks(registry):
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(endpoint, api_key=None):\n"
        "    return OpenAI(api_key=api_key, base_url=endpoint)\n"
    )
    assert applied(registry, text) == (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(endpoint, api_key=None):\n"
        "    return OpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        "        if not endpoint\n"
        "        else (\n"
        "            api_key\n"
        "            or (\n"
        '                os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '                if str(endpoint).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.deepseek.com",\n'
        '                    "https://api.deepseek.com/v1",\n'
        '                    "https://api.deepseek.com/beta",\n'
        "                )\n"
        "                else api_key\n"
        "            )\n"
        "        ),\n"
        "        base_url=endpoint\n"
        '        or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    )\n"
    )
