"""Rewrite tests for instructor (ML650): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run; and the `from_response` of
openai_function_call's schemas, which reads a v0 dict (ML651)."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings

CASES = [
    pytest.param(
        "zhipu",
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(OpenAI())\n",
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        ")\n",
        id="instructor-default-tools",
    ),
    pytest.param(
        "qwen",
        "from instructor import Mode, patch\n"
        "from openai import OpenAI\n"
        "\n"
        'client = patch(OpenAI(base_url="https://dashscope.aliyuncs.com/compatible-mode/v1", api_key=key), mode=Mode.JSON_SCHEMA)\n',
        "from instructor import Mode, patch\n"
        "from openai import OpenAI\n"
        "\n"
        "client = patch(\n"
        '    OpenAI(base_url="https://dashscope.aliyuncs.com/compatible-mode/v1", api_key=key),\n'
        "    mode=Mode.JSON,\n"
        ")\n",
        id="instructor-patch-json-schema",
    ),
    # instructor's own `from_provider` chooses its mode so (auto_client.py:109 in 1.8.3): the
    # branch that gives Mode.TOOLS is the one a provider without named tool calls refuses
    pytest.param(
        "qwen",
        "import instructor\n"
        "\n"
        "\n"
        "def wrap(client, mode=None):\n"
        "    return instructor.from_openai(client, mode=mode if mode else instructor.Mode.TOOLS)\n",
        "import instructor\n"
        "\n"
        "\n"
        "def wrap(client, mode=None):\n"
        "    return instructor.from_openai(client, mode=mode if mode else instructor.Mode.JSON)\n",
        id="instructor-conditional-mode",
    ),
    pytest.param(
        "zhipu",
        "import instructor\n"
        "\n"
        "\n"
        "def wrap(client, mode=None):\n"
        "    return instructor.from_openai(client, mode=mode or instructor.Mode.TOOLS)\n",
        "import instructor\n"
        "\n"
        "\n"
        "def wrap(client, mode=None):\n"
        "    return instructor.from_openai(client, mode=mode or instructor.Mode.JSON)\n",
        id="instructor-fallback-mode",
    ),
    pytest.param(
        "qwen",
        "from instructor import Mode, patch\n"
        "\n"
        "\n"
        "def wrap(client, strict):\n"
        "    return patch(client, mode=Mode.TOOLS_STRICT if strict else Mode.MD_JSON)\n",
        "from instructor import Mode, patch\n"
        "\n"
        "\n"
        "def wrap(client, strict):\n"
        "    return patch(client, mode=Mode.JSON if strict else Mode.MD_JSON)\n",
        id="instructor-conditional-mode-first-branch",
    ),
]


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after


def test_each_branch_of_a_conditional_mode_is_reported_where_it_stands(registry):
    text = (
        "import instructor\n"
        "\n"
        "\n"
        "def wrap(client, strict):\n"
        "    return instructor.patch(\n"
        "        client,\n"
        "        mode=instructor.Mode.TOOLS if strict else instructor.Mode.JSON_SCHEMA,\n"
        "    )\n"
    )
    ctx = RuleContext(registry, registry.get("qwen"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML650"]
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    assert [(f.line, f.column, f.fix.value, f.message, f.data) for f in found] == [
        (
            7,
            14,
            "review",
            "instructor.patch() uses Mode.TOOLS when `strict` is true, which forces a named tool "
            f"call (tool_choice of type function); {qwen} takes tool_choice none, auto only: "
            "apply sets Mode.JSON there (response_format json_object)",
            {"mode_from": "TOOLS", "mode_to": "JSON"},
        ),
        (
            7,
            51,
            "review",
            f"instructor.patch() uses Mode.JSON_SCHEMA when `strict` is false, which asks for "
            f"response_format json_schema; {qwen} does not take it: apply sets Mode.JSON there "
            "(response_format json_object)",
            {"mode_from": "JSON_SCHEMA", "mode_to": "JSON"},
        ),
    ]
    assert applied(registry, text, "qwen") == text.replace(
        "instructor.Mode.TOOLS if strict else instructor.Mode.JSON_SCHEMA",
        "instructor.Mode.JSON if strict else instructor.Mode.JSON",
    )
    # DeepSeek takes a named tool call and no json_schema: only the second branch changes
    assert [f[0] for f in findings(registry, text, "deepseek") if f[1] == "ML650"] == [7]


@pytest.mark.parametrize(
    ("provider", "mode", "problem"),
    [
        # t42f: Mode.FUNCTIONS forced `function_call={"name": ...}` on Qwen with check green
        pytest.param(
            "qwen",
            "JSON",
            "which forces a named function call (function_call with a name); Alibaba Qwen "
            "(DashScope / Model Studio) takes tool_choice none, auto only",
            id="no-named-choice",
        ),
        # DeepSeek takes tools and a named tool choice, not the legacy functions=
        pytest.param(
            "deepseek",
            "TOOLS",
            "which sends the legacy functions= and function_call=; DeepSeek takes tools=",
            id="no-legacy-functions",
        ),
    ],
)
def test_the_functions_mode_is_replaced_where_the_provider_refuses_it(
    registry, provider, mode, problem
):
    text = "import instructor\n\n\ndef wrap(client):\n"
    text += "    return instructor.from_openai(client, mode=instructor.Mode.FUNCTIONS)\n"
    assert applied(registry, text, provider) == text.replace("FUNCTIONS", mode)
    ctx = RuleContext(registry, registry.get(provider))
    [message] = [f.message for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML650"]
    assert message.startswith(f"instructor.from_openai() uses Mode.FUNCTIONS, {problem}: ")
    # Zhipu refuses functions= and takes tool_choice auto only: a forced tool would not do
    assert applied(registry, text, "zhipu") == text.replace("FUNCTIONS", "JSON")


def test_a_conditional_of_modes_the_provider_serves_is_left(registry):
    text = (
        "import instructor\n\n\ndef wrap(client, mode=None):\n"
        "    return instructor.from_openai(client, mode=mode if mode else instructor.Mode.MD_JSON)\n"
    )
    assert [f for f in findings(registry, text, "qwen") if f[1] == "ML650"] == []


def test_a_provider_that_forces_named_tools_keeps_the_mode(registry):
    text = "import instructor\nfrom openai import OpenAI\n\nclient = instructor.from_openai(OpenAI())\n"
    assert [f[1] for f in findings(registry, text, "deepseek")] == ["ML001"]
    assert [f[1] for f in findings(registry, text, "moonshot")] == ["ML650", "ML001"]


@pytest.mark.parametrize(
    ("module", "reported"),
    [
        pytest.param(
            "import openai_function_call as ofc\n\n\n"
            "@ofc.openai_function\ndef pick(files: list) -> list:\n    return files\n\n\n"
            "def read(r):\n    return pick.from_response(r)\n",
            [(10, "pick", "a function decorated with openai_function_call's openai_function")],
            id="module-alias",
        ),
        pytest.param(
            "from instructor import openai_function\n\n\n"
            "@openai_function\ndef pick(files: list) -> list:\n    return files\n\n\n"
            "def read(r):\n    return pick.from_response(r)\n",
            [(10, "pick", "a function decorated with instructor's openai_function")],
            id="instructor-kept-it",
        ),
        pytest.param(
            "from openai_function_call import OpenAISchema\n\n\n"
            "class Pick(OpenAISchema):\n    files: list\n\n\n"
            "def read(r):\n    return Pick.from_response(r), OpenAISchema.from_response(r)\n",
            [
                (9, "Pick", "a subclass of openai_function_call's OpenAISchema"),
                (9, "OpenAISchema", "openai_function_call's OpenAISchema"),
            ],
            id="schema-class",
        ),
        pytest.param(
            "import json\n\n\nclass Parser:\n    @staticmethod\n    def from_response(r):\n"
            "        return json.loads(r)\n\n\nvalue = Parser.from_response('{}')\n",
            [],
            id="another-from-response",
        ),
    ],
)
def test_from_response_that_reads_a_v0_dict_is_reported_where_called(registry, module, reported):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(module, ctx, PYTHON_RULES) if f.rule == "ML651"]
    assert [
        (f.line, f.message.split(".from_response()")[0], f.message.split("(")[2].split(")")[0])
        for f in found
    ] == reported
    assert {f.fix.value for f in found} <= {"manual"}
    assert all(f.edit is None for f in found)


GLOBAL_PATCH = (
    "import instructor\n"
    "import openai\n"
    "\n"
    "instructor.patch()\n"
    "\n"
    "\n"
    "def ask(q, schema):\n"
    '    return openai.ChatCompletion.create(model="gpt-4o", messages=q, response_model=schema)\n'
)


def test_a_global_patch_gets_the_client_apply_builds(registry):
    # instagraph: `instructor.patch()` patched openai<1.0's module; rewritten to
    # `instructor.patch(mode=...)` it patched no client and instructor>=1 raised at import
    after = applied(registry, GLOBAL_PATCH, "moonshot")
    assert "instructor.patch(client, mode=instructor.Mode.JSON)\n" in after
    assert after.index("client = openai.OpenAI(") < after.index("instructor.patch(client")
    # DeepSeek takes a named tool call, not the legacy functions= that patch() sends with no
    # mode before instructor 0.6.0 (instagraph, t41d D1)
    deepseek = applied(registry, GLOBAL_PATCH, "deepseek")
    assert "\ninstructor.patch(client, mode=instructor.Mode.TOOLS)\n" in deepseek
    assert applied(registry, GLOBAL_PATCH, "qwen").count("instructor.patch(client, mode=") == 1


def test_a_global_patch_with_no_client_to_pass_is_left_for_a_person(registry):
    before_imports = GLOBAL_PATCH.replace(
        "import openai\n\ninstructor.patch()\n", "instructor.patch()\nimport openai\n"
    )
    v1_only = (
        "import instructor\nfrom openai import OpenAI\n\ninstructor.patch()\nclient = OpenAI()\n"
    )
    for text in (before_imports, v1_only):
        rows = [f for f in findings(registry, text, "deepseek") if f[1] == "ML650"]
        assert [f[2] for f in rows] == ["manual"], text


def test_a_global_patch_above_load_dotenv_moves_below_it(registry):
    # instagraph: `instructor.patch()` stood above `load_dotenv()`, and the key is in `.env`:
    # the client, built on first use, is patched once the file is loaded
    text = GLOBAL_PATCH.replace(
        "import openai\n\ninstructor.patch()\n",
        "import openai\nfrom dotenv import load_dotenv\n\ninstructor.patch()\n\nload_dotenv()\n",
    )
    after = applied(registry, text, "moonshot")
    assert (
        "\n\nload_dotenv()\ninstructor.patch(_client(), mode=instructor.Mode.JSON)\n\n\n" in after
    )
    assert after.count("instructor.patch(") == 1


# instructor's own client (`from_openai`) sends `c.create(...)`, `create_with_completion`,
# `create_partial`, `create_iterable` (also under `chat.completions.` or `messages.`) to the
# wrapped client's `chat.completions.create` with the same `model=` (swarm's triage eval sent
# gpt-4o to the provider after apply)
OWN_CLIENT = (
    "import instructor\n"
    "from openai import AsyncOpenAI, OpenAI\n"
    "\n"
    "bot = instructor.from_openai(OpenAI(), mode=instructor.Mode.JSON)\n"
    "abot = instructor.from_openai(AsyncOpenAI(), mode=instructor.Mode.JSON)\n"
    "fixed = instructor.patch(OpenAI(), mode=instructor.Mode.JSON)\n"
    "\n"
    "\n"
    "def extract(msgs, kind):\n"
    '    one, raw = bot.chat.completions.create_with_completion(model="gpt-4o", messages=msgs)\n'
    '    parts = bot.create_partial(model="gpt-4o-mini", messages=msgs, response_model=kind)\n'
    '    rows = bot.chat.completions.create_iterable(model="gpt-4o", messages=msgs)\n'
    '    return bot.create(model="gpt-4o", messages=msgs, response_model=kind), one, parts, rows\n'
    "\n"
    "\n"
    "async def later(msgs, kind):\n"
    '    await abot.messages.create(model="gpt-4o-mini", messages=msgs, response_model=kind)\n'
    '    return await abot.create_with_completion(model="gpt-4o", messages=msgs)\n'
    "\n"
    "\n"
    "def patched(msgs, kind):\n"
    '    return fixed.chat.completions.create(model="gpt-4o", messages=msgs, response_model=kind)\n'
)


def test_requests_of_instructors_own_client_get_the_providers_model(registry):
    after = applied(registry, OWN_CLIENT, "acme")
    assert after == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import AsyncOpenAI, OpenAI\n"
        "\n"
        "bot = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        ")\n"
        "abot = instructor.from_openai(\n"
        "    AsyncOpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        ")\n"
        "fixed = instructor.patch(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        ")\n"
        "\n"
        "\n"
        "def extract(msgs, kind):\n"
        "    one, raw = bot.chat.completions.create_with_completion(\n"
        '        model="acme-large", messages=msgs\n'
        "    )\n"
        '    parts = bot.create_partial(model="acme-small", messages=msgs, response_model=kind)\n'
        '    rows = bot.chat.completions.create_iterable(model="acme-large", messages=msgs)\n'
        "    return (\n"
        '        bot.create(model="acme-large", messages=msgs, response_model=kind),\n'
        "        one,\n"
        "        parts,\n"
        "        rows,\n"
        "    )\n"
        "\n"
        "\n"
        "async def later(msgs, kind):\n"
        '    await abot.messages.create(model="acme-small", messages=msgs, response_model=kind)\n'
        '    return await abot.create_with_completion(model="acme-large", messages=msgs)\n'
        "\n"
        "\n"
        "def patched(msgs, kind):\n"
        "    return fixed.chat.completions.create(\n"
        '        model="acme-large", messages=msgs, response_model=kind\n'
        "    )\n"
    )
    # what scan says of each model is what apply wrote: a review fix with that edit
    models = [
        (line, fix) for line, rule, fix in findings(registry, OWN_CLIENT, "acme") if rule == "ML201"
    ]
    assert models == [(line, "review") for line in (10, 11, 12, 13, 17, 18, 22)]
    left = [f for f in findings(registry, after, "acme") if f[1] in ("ML201", "ML206")]
    assert {fix for _, _, fix in left} == {"none"}  # the provider's models, information


def test_instructors_requests_get_the_checks_of_create(registry):
    text = OWN_CLIENT.replace(
        'model="gpt-4o", messages=msgs)\n', 'model="gpt-4o", n=2, messages=msgs)\n', 1
    )
    rows = [f for f in findings(registry, text, "acme") if f[1] == "ML111"]
    assert rows == [(10, "ML111", "manual")]


def test_a_client_instructor_wraps_from_elsewhere_is_probable(registry):
    text = (
        "import instructor\n"
        "\n"
        "from app.llm import make_client\n"
        "\n"
        "bot = instructor.from_openai(make_client())\n"
        "\n"
        "\n"
        "def ask(msgs, kind):\n"
        '    return bot.create_iterable(model="gpt-4o", messages=msgs, response_model=kind)\n'
    )
    rows = findings(registry, text, "acme")
    assert [r for r in rows if r[0] == 9] == [
        (9, "ML005", "manual"),
        (9, "ML101", "none"),
        (9, "ML201", "review"),
    ]
    assert 'bot.create_iterable(model="acme-large", ' in applied(registry, text, "acme")


def test_instructor_over_another_providers_client_is_left(registry):
    text = (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        'xai = OpenAI(base_url="https://api.x.ai/v1", api_key=os.environ["XAI_API_KEY"])\n'
        "bot = instructor.from_openai(xai, mode=instructor.Mode.MD_JSON)\n"
        "\n"
        "\n"
        "def ask(msgs):\n"
        '    return bot.create_with_completion(model="grok-3", messages=msgs)\n'
    )
    assert findings(registry, text, "acme") == [(6, "ML003", "none")]


def test_the_same_method_of_another_object_is_not_a_model_site(registry):
    text = (
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "from app.agents import Planner\n"
        "\n"
        "bot = instructor.from_openai(OpenAI(), mode=instructor.Mode.JSON)\n"
        "\n"
        "\n"
        "def plan(msgs):\n"
        '    return Planner().create_with_completion(model="gpt-4o", messages=msgs)\n'
        "\n"
        "\n"
        "def vectors(texts):\n"
        '    return bot.embeddings.create(model="text-embedding-3-small", input=texts)\n'
    )
    rows = findings(registry, text, "acme")
    assert (10, "ML206", "manual") in rows  # not instructor's: left, with the reason
    assert (14, "ML201", "review") in rows  # any other attribute is the wrapped client's


@pytest.mark.parametrize(("provider", "written"), [("deepseek", "TOOLS"), ("azure", None)])
def test_a_patch_given_no_mode_gets_tools_where_the_legacy_default_is_refused(
    registry, provider, written
):
    """instagraph (t41d D1): with the instructor>=0.4.0 ML504 advised, 0.4.0's patch() sent
    functions= to DeepSeek, which has no such parameter, and check was green. Azure takes the
    same tool calls and says nothing of functions=: left."""
    text = "import instructor\n\nclient = instructor.patch(make_client())\n"
    after = applied(registry, text, provider)
    if written is None:
        assert after == text
    else:
        assert after == text.replace("())\n", f"(), mode=instructor.Mode.{written})\n")


def test_create_fn_is_a_request_of_instructors_client(registry, tmp_path, monkeypatch):
    # t57c D1: `create_fn` is the patched create itself; a raw stream through it got the
    # provider's model but not the thinking switch, and check passed
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    before = (
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "bot = instructor.from_openai(OpenAI(), mode=instructor.Mode.MD_JSON)\n"
        "raw = bot.chat.completions.create_fn(\n"
        '    model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True\n'
        ")\n"
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(before)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", "-p", "doubao", "--yes"]).exit_code == 0
    assert (tmp_path / "app.py").read_text() == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "bot = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ARK_API_KEY", "unset"),\n'
        "        base_url=os.environ.get(\n"
        '            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"\n'
        "        ),\n"
        "    ),\n"
        "    mode=instructor.Mode.MD_JSON,\n"
        ")\n"
        "raw = bot.chat.completions.create_fn(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    model="doubao-seed-2-1-pro-260628",\n'
        '    messages=[{"role": "user", "content": "hi"}],\n'
        "    stream=True,\n"
        ")\n"
    )
    # what scan says is what apply wrote: a review fix with that edit
    rows = [f for f in findings(registry, before, "doubao") if f[1] == "ML118"]
    assert rows == [(5, "ML118", "review")]
    after = runner.invoke(app, ["check", "-p", "doubao", "--fail-on", "note"])
    assert (after.exit_code, after.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")
