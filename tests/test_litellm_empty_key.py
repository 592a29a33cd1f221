"""An empty provider key on a litellm route that sends OPENAI_API_KEY in its place
(`litellm.empty_key_sends_openai_key`): the key reads apply writes there are never empty
(`os.environ["MOONSHOT_API_KEY"] or "unset"`), so a blank `MOONSHOT_API_KEY=` copied from the
example file gets a 401 from the provider instead of carrying the OpenAI key that a client
left on OpenAI keeps set (AutoAgent on Kimi, t67a). The Next line no longer says to unset
OPENAI_API_KEY where the Still on OpenAI line says to keep it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from migrate_llm.frameworks import litellm as fw_litellm

from .cli_findings import cli, finding_rows, run_json, write
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

APP = (
    "from litellm import completion\n"
    "from openai import OpenAI\n\n\n"
    "def answer(q):\n"
    '    return completion(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])\n\n\n'
    "def embed(text):\n"
    '    return OpenAI().embeddings.create(model="text-embedding-3-small", input=text)\n'
)
MIGRATED = (
    "import os\n\n"
    "from litellm import completion\n"
    "from openai import OpenAI\n\n\n"
    "def answer(q):\n"
    "    return completion(\n"
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    '        model="moonshot/kimi-k2.6",\n'
    '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
    '        api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    '        messages=[{"role": "user", "content": q}],\n'
    "    )\n\n\n"
    "def embed(text):\n"
    '    return OpenAI().embeddings.create(model="text-embedding-3-small", input=text)\n'
)
ENV_EXAMPLE = (
    "OPENAI_API_KEY=\n"
    "# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check names it\n"
    "MOONSHOT_API_KEY=\n"
)
FAKE_OPENAI_KEY = "sk-openai-test-0000"  # a made-up value standing for the user's OpenAI key


def _migrated(tmp_path: Path, monkeypatch, provider: str = "moonshot") -> str:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": APP, ".env.example": "OPENAI_API_KEY=\n"})
    result = cli("apply", ".", "--provider", provider, "--yes")
    assert result.exit_code == 0, result.stderr
    return result.stdout + result.stderr


def test_the_routes_that_send_openais_key_for_an_empty_one():
    assert [
        p
        for p in ("moonshot", "dashscope", "zai", "volcengine", "openai", "deepseek")
        if fw_litellm.empty_key_sends_openai_key(p)
    ] == ["moonshot", "dashscope", "zai", "volcengine", "openai"]


def test_apply_writes_a_key_read_that_is_never_empty_and_a_next_line_keeping_openais_key(
    tmp_path, monkeypatch
):
    shown = _migrated(tmp_path, monkeypatch)
    assert (tmp_path / "app.py").read_bytes() == MIGRATED.encode()
    assert (tmp_path / ".env.example").read_bytes() == ENV_EXAMPLE.encode()
    assert "Still on OpenAI: keep OPENAI_API_KEY set" in shown
    assert "unset OPENAI_API_KEY" not in shown
    assert (
        "Where MOONSHOT_API_KEY is unset or empty it sends OPENAI_API_KEY instead, which the "
        "client left on OpenAI needs (Still on OpenAI): never leave MOONSHOT_API_KEY empty "
        'where it runs. The key read apply wrote for litellm (app.py:11) sends "unset" in '
        "place of an empty MOONSHOT_API_KEY: a 401 from Moonshot AI (Kimi) means it is empty."
        in " ".join(shown.split())
    )
    again = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert again.exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == MIGRATED.encode()


@pytest.mark.parametrize(
    ("provider", "read"),
    [
        # litellm's deepseek/ route fails before sending given an empty key: left as it was
        ("deepseek", 'os.environ["DEEPSEEK_API_KEY"]'),
        # no route of its own: openai/ with the provider's api_base, which falls back
        ("siliconflow", 'os.environ["SILICONFLOW_CN_API_KEY"] or "unset"'),
        ("zhipu", 'os.environ["ZAI_API_KEY"] or "unset"'),
    ],
)
def test_the_key_read_by_route(tmp_path, monkeypatch, provider, read):
    _migrated(tmp_path, monkeypatch, provider)
    assert f"api_key={read}," in (tmp_path / "app.py").read_text()


def test_at_import_and_after_a_passed_key_the_read_tolerates_the_variable_unset(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "app.py": "import litellm\n\n\n"
            "def ask(q, key):\n"
            '    return litellm.completion(model="gpt-4o", messages=q, api_key=key)\n\n\n'
            'ROUTER = litellm.Router(model_list=[{"model_name": "m", "litellm_params": '
            '{"model": "gpt-4o"}}])\n'
        },
    )
    assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    text = (tmp_path / "app.py").read_text()
    assert '        api_key=key or os.environ.get("MOONSHOT_API_KEY") or "unset",\n' in text
    assert '                "api_key": os.environ.get("MOONSHOT_API_KEY") or "unset",\n' in text


@pytest.mark.frameworks
@pytest.mark.parametrize("moonshot_key", ["", "test-key"])
def test_real_litellm_never_sends_the_openai_key_to_the_provider(
    registry, tmp_path, monkeypatch, moonshot_key
):
    """The migrated app run with real litellm, OPENAI_API_KEY set (the client left on OpenAI
    needs it) and MOONSHOT_API_KEY empty as a copied example file leaves it: the loopback
    server standing for Moonshot gets the placeholder (401), never the OpenAI key."""
    if importlib.util.find_spec("litellm") is None:
        pytest.skip("litellm is not installed (pip install -e '.[frameworks]')")
    _migrated(tmp_path, monkeypatch)
    server = LoopbackServer.for_provider(registry.get("moonshot"), key="test-key").start()
    try:
        script = "import app\ntry:\n    print(app.answer('hi').choices[0].message.content)\n"
        script += "except Exception as e:\n    print(type(e).__name__)\n"
        (tmp_path / "drive.py").write_text(script, encoding="utf-8")
        env = {
            "OPENAI_API_KEY": FAKE_OPENAI_KEY,
            "MOONSHOT_API_KEY": moonshot_key,
            "MOONSHOT_BASE_URL": server.base + "/v1",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # no price list fetched from GitHub
        }
        proc, blocked = run_guarded("drive.py", tmp_path, env)
        assert blocked == [], proc.stderr
        sent = [r.headers.get("authorization") for r in server.requests]
    finally:
        server.stop()
    assert f"Bearer {FAKE_OPENAI_KEY}" not in sent
    if moonshot_key:
        assert (sent, proc.stdout.split()[-1]) == (["Bearer test-key"], "kimi-k2.6")
    else:
        assert sent[:1] == ["Bearer unset"]
        assert proc.stdout.split()[-1] == "AuthenticationError"


# the program's own call, its model written on litellm's moonshot/ route, given no key: apply
# never rewrote it for its model, and ML645 now gives it the key read apply writes elsewhere
OWN_CALL = (
    "from litellm import completion\n\n\n"
    "def answer(q):\n"
    '    return completion(model="moonshot/kimi-k2.6", messages=[{"role": "user", "content": q}])\n'
)
OWN_CALL_KEYED = (
    "import os\n\n"
    "from litellm import completion\n\n\n"
    "def answer(q):\n"
    "    return completion(\n"
    '        model="moonshot/kimi-k2.6",\n'
    '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
    '        messages=[{"role": "user", "content": q}],\n'
    "    )\n"
)


def test_check_reports_the_own_call_and_apply_gives_it_a_key_never_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": OWN_CALL})
    code, report = run_json("check", "app.py", "--provider", "moonshot")
    assert code == 1
    assert finding_rows(report, "line", "column", "rule", "severity", "fix", "data") == [
        (
            5,
            12,
            "ML645",
            "warning",
            "review",
            {"route": "moonshot", "key_env": "MOONSHOT_API_KEY", "provider": "moonshot"},
        )
    ]
    assert cli("apply", "app.py", "--provider", "moonshot", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == OWN_CALL_KEYED.encode()
    assert run_json("check", "app.py", "--provider", "moonshot") == (
        0,
        {**report, "findings": []},
    )


@pytest.mark.frameworks
def test_real_litellm_sent_the_openai_key_for_the_own_call_until_apply(
    registry, tmp_path, monkeypatch
):
    """The program's own `moonshot/` call run with real litellm, OPENAI_API_KEY set and
    MOONSHOT_API_KEY empty: the loopback server standing for Moonshot got the OpenAI key as
    written, and the placeholder once apply gave the call its key read."""
    if importlib.util.find_spec("litellm") is None:
        pytest.skip("litellm is not installed (pip install -e '.[frameworks]')")
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": OWN_CALL})
    script = "import app\ntry:\n    print(app.answer('hi').choices[0].message.content)\n"
    script += "except Exception as e:\n    print(type(e).__name__)\n"
    (tmp_path / "drive.py").write_text(script, encoding="utf-8")
    server = LoopbackServer.for_provider(registry.get("moonshot"), key="test-key").start()
    env = {
        "OPENAI_API_KEY": FAKE_OPENAI_KEY,
        "MOONSHOT_API_KEY": "",
        "MOONSHOT_API_BASE": server.base + "/v1",  # what the route reads for no api_base
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    try:
        before, blocked = run_guarded("drive.py", tmp_path, env)
        assert blocked == [], before.stderr
        sent_before = [r.headers.get("authorization") for r in server.requests]
        assert cli("apply", "app.py", "--provider", "moonshot", "--yes").exit_code == 0
        assert (tmp_path / "app.py").read_bytes() == OWN_CALL_KEYED.encode()
        after, blocked = run_guarded("drive.py", tmp_path, env)
        assert blocked == [], after.stderr
        sent_after = [r.headers.get("authorization") for r in server.requests][len(sent_before) :]
    finally:
        server.stop()
    assert sent_before[:1] == [f"Bearer {FAKE_OPENAI_KEY}"]
    assert sent_after[:1] == ["Bearer unset"]
    assert f"Bearer {FAKE_OPENAI_KEY}" not in sent_after
    assert after.stdout.split()[-1] == "AuthenticationError"


# litellm's key set process-wide in another module of the project: litellm sends it before
# OPENAI_API_KEY where the route's variable is empty, so the call is not the fallback's
GATEWAY = 'import os\n\nimport litellm\n\nlitellm.api_key = os.environ["MY_GATEWAY_KEY"]\n'


@pytest.mark.parametrize("setting", ["api_key", "openai_key"])
def test_a_key_the_project_sets_on_litellm_leaves_the_call_alone(tmp_path, monkeypatch, setting):
    monkeypatch.chdir(tmp_path)
    files = {"settings.py": GATEWAY.replace("api_key", setting), "app.py": OWN_CALL}
    write(tmp_path, files)
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert (code, finding_rows(report, "rule", "path")) == (0, [])
    assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == OWN_CALL.encode()
    # without that module, the call is ML645's again
    (tmp_path / "settings.py").unlink()
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert (code, finding_rows(report, "rule", "path")) == (1, [("ML645", "app.py")])


@pytest.mark.parametrize(
    ("base", "found"),
    [
        # the program's own server: the key goes there, not to Moonshot
        ('"http://localhost:8000/v1"', []),
        ("base", []),
        # Moonshot's own host: the fallback reaches Moonshot
        ('"https://api.moonshot.ai/v1"', [(5, "ML645")]),
    ],
)
def test_a_call_given_a_base_url_not_the_providers_is_left(tmp_path, monkeypatch, base, found):
    monkeypatch.chdir(tmp_path)
    text = OWN_CALL.replace("def answer(q)", "def answer(q, base)").replace(
        "messages=", f"api_base={base}, messages="
    )
    write(tmp_path, {"app.py": text})
    code, report = run_json("check", "app.py", "--provider", "moonshot")
    assert (code, finding_rows(report, "line", "rule")) == (int(bool(found)), found)


def test_the_message_names_the_function_and_the_next_line_the_other_routes_key(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    text = OWN_CALL.replace("import completion", "import completion as ask").replace(
        'completion(model="moonshot/kimi-k2.6"', 'ask(model="zai/glm-5.3"'
    )
    write(tmp_path, {"app.py": text})
    code, report = run_json("check", "app.py", "--provider", "moonshot")
    assert code == 1
    assert finding_rows(report, "rule", "message")[0][1].startswith(
        "litellm.completion() sends 'zai/glm-5.3' on litellm's zai/ route with no api_key"
    )
    done = cli("apply", "app.py", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0
    shown = done.stdout + done.stderr
    assert 'api_key=os.environ["ZAI_API_KEY"] or "unset"' in (tmp_path / "app.py").read_text()
    assert (
        "Next: export ZAI_API_KEY: the litellm call on zai/ apply gave a key read (app.py:5:12) "
        "now reads it, not OPENAI_API_KEY." in " ".join(shown.split())
    )


@pytest.mark.frameworks
def test_real_litellm_sends_the_projects_own_litellm_key_first(registry, tmp_path, monkeypatch):
    """litellm.api_key set by the project, MOONSHOT_API_KEY unset and OPENAI_API_KEY set: real
    litellm sent the project's key to the route's host, before apply and after it (apply
    leaves the call; the key read ML645 wrote before stopped it with KeyError)."""
    if importlib.util.find_spec("litellm") is None:
        pytest.skip("litellm is not installed (pip install -e '.[frameworks]')")
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path, {"settings.py": GATEWAY, "app.py": "import settings  # noqa: F401\n" + OWN_CALL}
    )
    script = "import app\ntry:\n    print(app.answer('hi').choices[0].message.content)\n"
    script += "except Exception as e:\n    print(type(e).__name__)\n"
    (tmp_path / "drive.py").write_text(script, encoding="utf-8")
    server = LoopbackServer.for_provider(registry.get("moonshot"), key="gw-key").start()
    env = {
        "OPENAI_API_KEY": FAKE_OPENAI_KEY,
        "MY_GATEWAY_KEY": "gw-key",
        "MOONSHOT_API_BASE": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    try:
        before, blocked = run_guarded("drive.py", tmp_path, env)
        assert blocked == [], before.stderr
        app_before = (tmp_path / "app.py").read_bytes()
        assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
        assert (tmp_path / "app.py").read_bytes() == app_before
        after, blocked = run_guarded("drive.py", tmp_path, env)
        assert blocked == [], after.stderr
    finally:
        server.stop()
    sent = [r.headers.get("authorization") for r in server.requests]
    assert sent == ["Bearer gw-key", "Bearer gw-key"]
    assert "KeyError" not in after.stdout
