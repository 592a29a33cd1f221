"""A client's key or base URL unpacked from a helper's tuple, named for another service (t55c,
on letta's Azure client).

letta's Azure client resolves its credentials in a method returning a tuple, `api_key,
base_url = self._resolve(api_key, base_url)`, where the method falls back to AZURE_API_KEY,
then builds `OpenAI(api_key=api_key, base_url=base_url)` for the resource's v1 endpoint.
apply had given that client DeepSeek's key and URL as fallbacks: with AZURE_API_KEY unset the
DeepSeek key went to the Azure host, and with no base URL the Azure key went to DeepSeek. The
element a name is unpacked from is now followed into the function's `return`s, so the client
is named for that service as a direct read would make it; an Azure-named one is left to a
person (a warning: OpenAI's models still), another service's is a note.

Exact text, fix classes, `check`'s exit code, and the Authorization header each of two
loopback servers receives: one stands in for DeepSeek, one for the Azure resource."""

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
AZURE_KEY = "azure-resource-loopback-0000"


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


# The program: its own chat client (OpenAI's, moved to DeepSeek), and a client for its Azure
# OpenAI resource whose key and base URL a method resolves and returns as a pair.
PROGRAM = """import os

from openai import OpenAI


def summarize(text):
    client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content


class ResourceChat:
    def _resolve(self, api_key, base_url):
        if not api_key:
            api_key = os.environ.get("AZURE_API_KEY")
        return api_key, base_url

    def ask(self, text, api_key=None, base_url=None):
        api_key, base_url = self._resolve(api_key, base_url)
        resource = OpenAI(api_key=api_key, base_url=base_url)
        reply = resource.chat.completions.create(
            model="team-gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content


if __name__ == "__main__":
    print(summarize("hello"))
    try:
        print(ResourceChat().ask("hello", base_url=os.environ.get("RESOURCE_URL")))
    except Exception as error:
        print("resource failed:", type(error).__name__)
"""

# apply's text: summarize() moved to DeepSeek, the resource's client as it was
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
# What apply wrote there before this fix (the shape of t55c's letta tree)
APPLIED_BEFORE = APPLIED.replace(
    "        resource = OpenAI(api_key=api_key, base_url=base_url)\n",
    "        resource = OpenAI(\n"
    '            api_key=api_key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    "            base_url=base_url\n"
    '            or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "        )\n",
)
WARNING = (
    "OpenAI() takes its base URL from `base_url` at run time and its key from `api_key` "
    "(`os.environ.get(\"AZURE_API_KEY\")` on line {line}), named for 'azure': the client the "
    "program builds for its Azure OpenAI resource; apply leaves it, with no fallback to "
    "DEEPSEEK_API_KEY (DeepSeek's key would go to that resource, or its key to DeepSeek): move "
    "it to DeepSeek by hand, its key from DEEPSEEK_API_KEY and its base URL from "
    "DEEPSEEK_BASE_URL together, or keep it on Azure"
)
ERROR = (
    "OpenAI() may send DEEPSEEK_API_KEY (DeepSeek's key) with a key named for 'azure', "
    '`api_key or os.environ.get("DEEPSEEK_API_KEY", "unset")` '
    '(`os.environ.get("AZURE_API_KEY")` on line 21): the client is that service\'s, and so '
    "is its base URL: DeepSeek's key would go there; take DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL "
    "out of this client by hand"
)


def test_the_resources_client_is_left_to_you(registry):
    found = findings(registry, PROGRAM)
    assert rows(found, "ML003") == [(22, "ML003", "warning", "manual", WARNING.format(line=17))]
    [warning] = [f for f in found if f.rule == "ML003"]
    assert warning.edit is None
    assert warning.data == {"client": "OpenAI", "endpoint": "custom", "service": "azure"}
    assert applied(registry, PROGRAM) == APPLIED


def test_the_fallback_an_earlier_apply_wrote_is_an_error(registry):
    found = findings(registry, APPLIED_BEFORE)
    assert rows(found, "ML003") == [
        (7, "ML003", "note", "none", "OpenAI() already points at DeepSeek"),
        (26, "ML003", "error", "manual", ERROR),
    ]


def test_on_azure_openai_the_resources_key_is_the_targets(registry):
    """With Azure OpenAI the target, an Azure-named key is the target's: no finding names the
    client for another service."""
    found = findings(registry, PROGRAM, "azure")
    assert [f for f in found if "named for" in f.message] == []


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
    deepseek, resource = LoopbackServer().start(), LoopbackServer().start()
    url = {"RESOURCE_URL": resource.base + "/openai/v1"}
    try:
        (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        done = CliRunner().invoke(app, ["apply", "app.py", "-p", "deepseek", "--yes"])
        assert done.exit_code == 0, done.output
        assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED
        check = CliRunner().invoke(app, ["check", "app.py", "-p", "deepseek"])
        assert check.exit_code == 1
        assert check.stdout.splitlines()[0] == f"app.py:26:20 ML003 {WARNING.format(line=21)}"

        # the resource's key set: it goes there, and DeepSeek's to DeepSeek
        out = _run(tmp_path, deepseek, {**url, "AZURE_API_KEY": AZURE_KEY})
        assert "resource failed" not in out
        assert _keys(deepseek) == [("/v1/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
        assert _keys(resource) == [("/openai/v1/chat/completions", f"Bearer {AZURE_KEY}")]
        assert [r.body["model"] for r in resource.requests] == ["team-gpt-4o"]

        # unset: the SDK stops for want of a key, and DeepSeek's goes nowhere else
        out = _run(tmp_path, deepseek, {**url, "AZURE_API_KEY": ""})
        assert out.endswith("resource failed: OpenAIError\n")
        assert len(deepseek.requests) == 2 and len(resource.requests) == 1
    finally:
        deepseek.stop()
        resource.stop()


def test_the_fallbacks_apply_wrote_before_crossed_the_keys(registry, tmp_path, monkeypatch):
    """Why check must stay red on it: run as apply left it before, DeepSeek's key reaches the
    resource where AZURE_API_KEY is unset, and the resource's key reaches DeepSeek where no
    base URL is given."""
    deepseek, resource = LoopbackServer().start(), LoopbackServer().start()
    try:
        (tmp_path / "app.py").write_text(APPLIED_BEFORE, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        check = CliRunner().invoke(app, ["check", "app.py", "-p", "deepseek"])
        assert check.exit_code == 1
        assert check.stdout.splitlines()[0] == f"app.py:26:20 ML003 {ERROR}"
        url = {"RESOURCE_URL": resource.base + "/openai/v1"}
        _run(tmp_path, deepseek, {**url, "AZURE_API_KEY": ""})
        assert _keys(resource) == [("/openai/v1/chat/completions", f"Bearer {DEEPSEEK_KEY}")]
        _run(tmp_path, deepseek, {"RESOURCE_URL": "", "AZURE_API_KEY": AZURE_KEY})
        assert _keys(deepseek)[-1] == ("/v1/chat/completions", f"Bearer {AZURE_KEY}")
    finally:
        deepseek.stop()
        resource.stop()


# Another service's key returned by a function of the module, the base URL beside it
TOGETHER = """import os

from openai import OpenAI


def credentials(endpoint):
    if endpoint is None:
        return None, None
    return os.environ.get("TOGETHER_API_KEY"), endpoint


def complete(data, endpoint=None):
    key, url = credentials(endpoint)
    client = OpenAI(api_key=key, base_url=url)
    return client.chat.completions.create(**data)
"""


def test_another_services_key_returned_by_a_function(registry):
    assert rows(findings(registry, TOGETHER), "ML003") == [
        (
            14,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `url` at run time and its key from `key` "
            "(`os.environ.get(\"TOGETHER_API_KEY\")` on line 9), named for 'together': the "
            "client the program builds for that service, not OpenAI; left as it is (no fallback "
            "to DEEPSEEK_API_KEY: DeepSeek's key would go to that service)",
        )
    ]
    assert applied(registry, TOGETHER) == TOGETHER


def test_a_pair_naming_no_service_keeps_its_fallbacks(registry):
    text = TOGETHER.replace('os.environ.get("TOGETHER_API_KEY")', "load_key()")
    assert applied(registry, text) == text.replace(
        "    client = OpenAI(api_key=key, base_url=url)\n",
        "    client = OpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        "        if not url\n"
        "        else (\n"
        "            key\n"
        "            or (\n"
        '                os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '                if str(url).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.deepseek.com",\n'
        '                    "https://api.deepseek.com/v1",\n'
        '                    "https://api.deepseek.com/beta",\n'
        "                )\n"
        "                else key\n"
        "            )\n"
        "        ),\n"
        '        base_url=url or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    )\n",
    )
