"""End to end (marker `frameworks`): the two requests that `check` passed in session 57 while
the provider refused them for the OpenAI model they still sent.

- litellm given OpenAI's base URL through a name (`base = os.getenv("OPENAI_BASE_URL")` in the
  module or the function, or a parameter's default): ML401 renames the read, and ML640 now maps
  the model and moves the key with it.
- instructor's `from_openai(OpenAI(), model="gpt-4o-mini")`: its requests passing no model send
  that one, which ML201 now maps as on the SDK's own request, and which ML118 judges as that
  request's (session 58): the switch turning DeepSeek's thinking off is sent.

Each app is applied, applied again (no change), checked (exit 0), and run against the loopback
server with only the provider's variables set: the request carries the provider's model and key.
"""

from __future__ import annotations

import json

import pytest

from .test_frameworks_agents_e2e import needs, run_app, run_cli

pytestmark = pytest.mark.frameworks

ASK = (
    "def ask(prompt):\n"
    "    return litellm.completion(\n"
    '        model="gpt-4o-mini",\n'
    '        messages=[{"role": "user", "content": prompt}],\n'
    "        api_base=base,\n"
    '        api_key=os.environ["OPENAI_API_KEY"],\n'
    "    )\n"
)
PRINT = '\n\nprint(json.dumps(ask("hi").choices[0].message.content))\n'
HEAD = "import json\nimport os\n\nimport litellm\n"
ZHIPU_READ = 'os.getenv("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'
# never empty on litellm's zai/ route, which sends OPENAI_API_KEY for an empty key
ZHIPU_ASK = ASK.replace('"gpt-4o-mini"', '"zai/glm-4-air-250414"').replace(
    'os.environ["OPENAI_API_KEY"]', 'os.environ["ZAI_API_KEY"] or "unset"'
)
NAMED_BASES = {
    "module": (
        f'{HEAD}\nbase = os.getenv("OPENAI_BASE_URL")\n\n\n{ASK}{PRINT}',
        f"{HEAD}\nbase = {ZHIPU_READ}\n\n\n{ZHIPU_ASK}{PRINT}",
    ),
    "function": (
        HEAD
        + "\n\n"
        + ASK.replace("    return", '    base = os.getenv("OPENAI_BASE_URL")\n    return', 1)
        + PRINT,
        HEAD
        + "\n\n"
        + ZHIPU_ASK.replace("    return", f"    base = {ZHIPU_READ}\n    return", 1)
        + PRINT,
    ),
    "default": (
        HEAD
        + "\n\n"
        + ASK.replace("(prompt)", '(prompt, base=os.getenv("OPENAI_BASE_URL"))')
        + PRINT,
        HEAD + "\n\n" + ZHIPU_ASK.replace("(prompt)", f"(prompt, base={ZHIPU_READ})") + PRINT,
    ),
}


def applied(tmp_path, monkeypatch, before: str, provider_id: str) -> str:
    """`apply --yes` on app.py holding `before`; a second apply changes nothing, `check` exits
    0 with no finding. The text applied."""
    path = tmp_path / "app.py"
    path.write_text(before, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = run_cli("apply", "app.py", "--provider", provider_id, "--yes")
    assert first.exit_code == 0, first.stderr
    after = path.read_text(encoding="utf-8")
    assert run_cli("apply", "app.py", "--provider", provider_id, "--yes").exit_code == 0
    assert path.read_text(encoding="utf-8") == after
    check = run_cli("check", "app.py", "--provider", provider_id, "--format", "json")
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, []), check.stdout
    return after


@pytest.mark.parametrize("where", sorted(NAMED_BASES))
def test_litellm_given_openais_base_url_through_a_name_sends_the_providers_model(
    registry, server, tmp_path, monkeypatch, where
):
    needs("litellm")
    before, expected = NAMED_BASES[where]
    assert applied(tmp_path, monkeypatch, before, "zhipu") == expected
    provider = registry.get("zhipu")
    proc, path, key = run_app(registry, provider, tmp_path, "app.py", server, tmp_path)
    assert json.loads(proc.stdout) == "reply from glm-4-air-250414"
    [request] = server.requests
    assert (request.path, request.body["model"]) == (
        f"{path}/chat/completions",
        "glm-4-air-250414",
    )
    assert request.headers["authorization"] == f"Bearer {key}"


INSTRUCTOR_APP = (
    "import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
    "class User(BaseModel):\n    name: str\n\n\n"
    'client = instructor.from_openai(OpenAI(), model="gpt-4o-mini")\n\n\n'
    "def extract(text):\n"
    "    return client.chat.completions.create(\n"
    '        response_model=User, messages=[{"role": "user", "content": text}]\n'
    "    )\n\n\n"
    'print(extract("Ann signed up").name)\n'
)
INSTRUCTOR_APPLIED = (
    INSTRUCTOR_APP.replace("import instructor\n", "import os\n\nimport instructor\n", 1)
    .replace(
        'client = instructor.from_openai(OpenAI(), model="gpt-4o-mini")\n',
        "client = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    ),\n"
        '    model="deepseek-flash",\n'
        ")\n",
    )
    .replace(
        "create(\n",
        # ML118: that model thinks unless told not to, which gpt-4o-mini did not
        'create(\n        extra_body={"thinking": {"type": "disabled"}},\n',
        1,
    )
)


def test_instructors_wrapper_model_reaches_the_provider_mapped(
    registry, server, tmp_path, monkeypatch
):
    needs("instructor")
    assert applied(tmp_path, monkeypatch, INSTRUCTOR_APP, "deepseek") == INSTRUCTOR_APPLIED
    provider = registry.get("deepseek")
    proc, path, key = run_app(registry, provider, tmp_path, "app.py", server, tmp_path)
    # the loopback server fills a tool call's string arguments with "42"
    assert proc.stdout == "42\n"
    [request] = server.requests
    assert (request.path, request.body["model"]) == (f"{path}/chat/completions", "deepseek-flash")
    assert request.body["tool_choice"] == {"type": "function", "function": {"name": "User"}}
    assert request.body["thinking"] == {"type": "disabled"}
    assert request.headers["authorization"] == f"Bearer {key}"
