"""The provider's own model id given to litellm with no route (trial t56c, defect 3):
`litellm.completion(model="glm-4-air-250414")` raises "LLM Provider NOT provided" before any
request (litellm 1.110.2, also with the provider's official URL as `api_base=`). ML640 writes
it on the provider's route (`zai/...`) with the key and base URL; mem0's proxy, whose
`chat.completions.create()` hands its model to litellm, gets ML640's error for a bare id and
ML206's advice with the route for an OpenAI model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

from .loopback_run import run_guarded

URL = "https://open.bigmodel.cn/api/paas/v4"
BASE = f'os.environ.get("ZAI_BASE_URL", "{URL}")'
RAISES = (
    "is Zhipu AI (GLM)'s model with no litellm route: litellm finds no provider for it and "
    'raises ("LLM Provider NOT provided") before any request'
)


def found(registry, text: str, provider: str = "zhipu"):
    """(rule, line, column, severity, fix, message) of each finding."""
    ctx = RuleContext(registry, registry.get(provider))
    results = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.rule, f.line, f.column, f.severity, f.fix, f.message) for f in results]


BARE = (
    "import litellm\n\n\n"
    "def ask(q):\n"
    '    return litellm.completion(model="glm-4-air-250414", messages=q)\n'
)
APPLIED = (
    "import os\n\nimport litellm\n\n\n"
    "def ask(q):\n"
    "    return litellm.completion(\n"
    '        model="zai/glm-4-air-250414",\n'
    '        api_key=os.environ["ZAI_API_KEY"] or "unset",\n'
    f"        api_base={BASE},\n"
    "        messages=q,\n"
    "    )\n"
)


def test_a_bare_provider_model_is_written_on_its_route(registry):
    assert found(registry, BARE) == [
        (
            "ML640",
            5,
            12,
            Severity.ERROR,
            FixClass.REVIEW,
            "litellm.completion() is not pointed at Zhipu AI (GLM); apply passes the key from "
            f"ZAI_API_KEY and the base URL from ZAI_BASE_URL (default {URL})",
        ),
        (
            "ML640",
            5,
            37,
            Severity.ERROR,
            FixClass.REVIEW,
            f"model='glm-4-air-250414' of litellm.completion() {RAISES}; apply writes "
            "'zai/glm-4-air-250414' (litellm's zai route)",
        ),
    ]
    # a provider without a route of litellm's own: the OpenAI route, with its base URL
    ernie = BARE.replace("glm-4-air-250414", "ernie-4.5-turbo-128k")
    [_, (_, _, _, _, _, message)] = found(registry, ernie, "ernie")
    assert message.endswith("before any request; apply writes 'openai/ernie-4.5-turbo-128k'")


def test_apply_and_check_on_a_bare_provider_model(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text(BARE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 1
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == APPLIED
    assert CliRunner().invoke(app, ["check", "-p", "zhipu"]).exit_code == 0


AT_PROVIDER = (
    "import os\n\nimport litellm\n\n\n"
    "def ask(q):\n"
    "    return litellm.completion(\n"
    '        model="glm-4.7-flash",\n'
    '        api_key=os.environ["ZAI_API_KEY"],\n'
    f"        api_base={BASE},\n"
    "        messages=q,\n"
    "    )\n"
)


def test_a_bare_provider_model_beside_the_providers_base_url(registry):
    # litellm takes no route from the official URL: the model alone moves
    assert found(registry, AT_PROVIDER) == [
        (
            "ML640",
            8,
            15,
            Severity.ERROR,
            FixClass.REVIEW,
            f"model='glm-4.7-flash' of litellm.completion() {RAISES}; apply writes "
            "'zai/glm-4.7-flash' (litellm's zai route)",
        )
    ]


def test_a_route_named_or_written_is_left(registry):
    named = BARE.replace("messages=q)", 'custom_llm_provider="zai", messages=q)')
    assert found(registry, named) == []
    assert found(registry, APPLIED) == []
    at = AT_PROVIDER.replace(
        "        messages=q,\n", '        custom_llm_provider="zai",\n        messages=q,\n'
    )
    assert found(registry, at) == []
    # another host (a gateway of the program's own) may know the bare name
    assert (
        found(registry, BARE.replace("messages=q)", 'api_base="http://gw:4000", messages=q)')) == []
    )


def test_a_bare_provider_model_in_a_constant_is_left_to_a_person(registry):
    text = (
        'import litellm\n\nMODEL = "glm-4-air-250414"\n\n\n'
        "def ask(q):\n    return litellm.completion(model=MODEL, messages=q)\n"
    )
    assert [f[:5] for f in found(registry, text)] == [
        ("ML640", 3, 9, Severity.ERROR, FixClass.MANUAL),
        ("ML640", 7, 12, Severity.ERROR, FixClass.REVIEW),
    ]
    assert found(registry, text)[0][5] == (
        f"model='glm-4-air-250414' (constant MODEL) of litellm.completion() {RAISES}; write "
        "'zai/glm-4-air-250414' where it reaches litellm (other code may read the constant), "
        "by hand"
    )


ROUTER = (
    "import litellm\n\n"
    "router = litellm.Router(\n"
    "    model_list=[\n"
    '        {"model_name": "chat", "litellm_params": {"model": "glm-4-air-250414"}},\n'
    '        {"model_name": "own", "litellm_params": {"model": "glm-4.7-flash", '
    '"custom_llm_provider": "zai"}},\n'
    "    ]\n"
    ")\n"
)


def test_a_router_deployment_with_a_bare_provider_model(registry):
    assert [f[:5] for f in found(registry, ROUTER)] == [
        ("ML640", 5, 50, Severity.ERROR, FixClass.REVIEW),
        ("ML640", 5, 60, Severity.ERROR, FixClass.REVIEW),
    ]
    assert found(registry, ROUTER)[0][5].startswith(
        "a Router deployment is not pointed at Zhipu AI (GLM); apply passes the key"
    )


PROXY = (
    "import os\n\nfrom mem0.proxy.main import Mem0\n\n"
    'client = Mem0(api_key=os.environ["MEM0_API_KEY"])\n'
    'reply = client.chat.completions.create(model="glm-4-air-250414", messages=[], user_id="a")\n'
)
GATE = (
    "mem0's proxy Mem0 refuses a model for which litellm.supports_function_calling() answers "
    "False, as it does for one litellm's map of models does not mark so: choose one it marks"
)


def test_mem0s_proxy_given_a_bare_provider_model(registry):
    at_import_key = 'os.environ.get("ZAI_API_KEY", "unset")'
    assert found(registry, PROXY) == [
        (
            "ML640",
            6,
            46,
            Severity.ERROR,
            FixClass.MANUAL,
            "model='glm-4-air-250414' of mem0's proxy Mem0's chat.completions.create() is Zhipu "
            "AI (GLM)'s model with no litellm route: mem0's proxy Mem0 hands it to litellm, "
            'which finds no provider for it and raises ("LLM Provider NOT provided"); write '
            f"'zai/glm-4-air-250414' and pass api_key={at_import_key} and base_url={BASE} "
            f"({GATE}), by hand",
        )
    ]
    routed = PROXY.replace('"glm-4-air-250414"', '"zai/glm-5.3"')
    assert found(registry, routed) == []


def test_mem0s_proxy_given_an_openai_model_is_told_the_route(registry):
    text = PROXY.replace('"glm-4-air-250414"', '"gpt-4o-mini"')
    assert found(registry, text) == [
        (
            "ML206",
            6,
            46,
            Severity.WARNING,
            FixClass.MANUAL,
            "model='gpt-4o-mini' goes to client.chat.completions.create(), the request of "
            "mem0's proxy Mem0, shaped as the SDK's, so apply leaves it; if it talks to Zhipu "
            "AI (GLM), use a Zhipu AI (GLM) model there (the model table says "
            "'glm-4-air-250414'; mem0's proxy Mem0 hands it to litellm, which takes it as "
            '\'zai/glm-4-air-250414\' with api_key=os.environ.get("ZAI_API_KEY", "unset") and '
            f"base_url={BASE} passed there ({GATE}))",
        )
    ]


@pytest.mark.frameworks
def test_litellm_reaches_the_provider_once_routed(tmp_path, monkeypatch):
    """With the real litellm: the bare id raises before any request; as applied, the request
    reaches the loopback server with Zhipu's key and the model without its route."""
    pytest.importorskip("litellm")
    from .loopback_server import LoopbackServer

    program = BARE + (
        '\nprint(json.dumps(ask([{"role": "user", "content": "hi"}]).choices[0].message.content))\n'
    )
    (tmp_path / "a.py").write_text("import json\n" + program, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    server = LoopbackServer().start()
    try:
        env = {
            "ZAI_API_KEY": "test-key-zai",
            "ZAI_BASE_URL": server.base + "/api/paas/v4",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        }
        proc, blocked = run_guarded("a.py", tmp_path, env)
        assert (blocked, server.requests) == ([], [])
        assert proc.returncode == 1 and "LLM Provider NOT provided" in proc.stderr
        assert CliRunner().invoke(app, ["apply", "a.py", "-p", "zhipu", "--yes"]).exit_code == 0
        proc, blocked = run_guarded("a.py", tmp_path, env)
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == "reply from glm-4-air-250414"
        (request,) = server.requests
        assert request.headers["authorization"] == "Bearer test-key-zai"
        assert (request.path, request.body["model"]) == (
            "/api/paas/v4/chat/completions",
            "glm-4-air-250414",
        )
    finally:
        server.stop()
