"""instructor's calls that fall back on OpenAI by themselves: `from_provider("openai/...")`
(ML652) and the validators `llm_validator` / `openai_moderation` (ML653). Exact text after
`apply` with the real provider files, nothing left to edit on a second run, the fix kind each
finding announces, and `check` failing until they are migrated."""

from __future__ import annotations

import dataclasses

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import cli as invoke
from .framework_rewrites import applied


def reported(registry, text: str, provider, rules=("ML652", "ML653")):
    """(line, rule, severity, fix, message, has an edit) of the findings of `rules`
    (`provider`: an id, or a Provider)."""
    ctx = RuleContext(registry, registry.get(provider) if isinstance(provider, str) else provider)
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message, f.edit is not None)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


QWEN_CLIENT = (
    "OpenAI(\n"
    '        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "        base_url=os.environ.get(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        ),\n"
    "    )"
)

FROM_PROVIDER = (
    "import instructor\n"
    "\n"
    'client = instructor.from_provider("openai/gpt-4o-mini")\n'
    'reply = client.chat.completions.create(model="gpt-4o", response_model=Reply, messages=[])\n'
)


def test_from_provider_becomes_from_openai_with_the_providers_client(registry):
    assert reported(registry, FROM_PROVIDER, "qwen") == [
        (
            3,
            "ML652",
            "error",
            "review",
            "instructor.from_provider('openai/gpt-4o-mini') builds OpenAI() (key from "
            "OPENAI_API_KEY, OpenAI's URL) with Mode.TOOLS, which forces a named tool call "
            "(tool_choice of type function); Alibaba Qwen (DashScope / Model Studio) takes "
            "tool_choice none, auto only: apply writes instructor.from_openai() with a client "
            "for Alibaba Qwen (DashScope / Model Studio) that reads DASHSCOPE_API_KEY and "
            "DASHSCOPE_BASE_URL, model 'gpt-4o-mini' -> 'qwen-plus' and Mode.JSON",
            True,
        )
    ]
    # the requests of the client it returns are the SDK's: their model is mapped in the same
    # run (ML201), so that a second run finds nothing to edit
    assert applied(registry, FROM_PROVIDER, "qwen") == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(\n"
        f"    {QWEN_CLIENT},\n"
        '    model="qwen-plus",\n'
        "    mode=instructor.Mode.JSON,\n"
        ")\n"
        "reply = client.chat.completions.create(\n"
        '    model="qwen4-max", response_model=Reply, messages=[]\n'
        ")\n"
    )


def test_a_provider_that_takes_named_tool_calls_keeps_the_default_mode(registry):
    text = 'import instructor\n\nclient = instructor.from_provider(model="openai/gpt-4o-mini")\n'
    assert applied(registry, text, "deepseek") == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(\n"
        "    client=OpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    ),\n"
        # deepseek-flash thinks unless told not to: the client sends the switch (ML118's)
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    model="deepseek-flash",\n'
        ")\n"
    )


def test_a_mode_given_is_kept_when_the_provider_serves_it(registry):
    text = (
        "import instructor\n\n\ndef make():\n"
        '    return instructor.from_provider("openai/gpt-4o", async_client=True, '
        "mode=instructor.Mode.MD_JSON)\n"
    )
    assert applied(registry, text, "qwen") == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "\n"
        "def make():\n"
        "    return instructor.from_openai(\n"
        "        AsyncOpenAI(\n"
        '            api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        "            base_url=os.environ.get(\n"
        '                "DASHSCOPE_BASE_URL",\n'
        '                "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "            ),\n"
        "        ),\n"
        '        model="qwen4-max",\n'
        "        mode=instructor.Mode.MD_JSON,\n"
        "    )\n"
    )


def test_a_json_schema_mode_becomes_json_mode(registry):
    text = (
        "from instructor import Mode, from_provider\n\n"
        'client = from_provider("openai/gpt-4o", mode=Mode.JSON_SCHEMA, max_retries=2)\n'
    )
    # max_retries= is a keyword of from_openai's requests in 1.8 and of the client in 1.17
    assert [r[3] for r in reported(registry, text, "qwen")] == ["manual"]
    text = text.replace("max_retries", "temperature")
    assert applied(registry, text, "qwen") == (
        "import os\n"
        "\n"
        "from instructor import Mode, from_openai\n"
        "from openai import OpenAI\n"
        "\n"
        "client = from_openai(\n"
        f"    {QWEN_CLIENT},\n"
        '    model="qwen4-max",\n'
        "    mode=Mode.JSON,\n"
        "    temperature=2,\n"
        ")\n"
    )


@pytest.mark.parametrize(
    ("call", "why"),
    [
        pytest.param(
            "instructor.from_provider(MODEL)",
            "the model string comes from the constant MODEL",
            id="constant",
        ),
        pytest.param(
            'instructor.from_provider("openai/gpt-4o", **settings)',
            "the call passes **kwargs, which may hold the client's settings",
            id="kwargs",
        ),
        pytest.param(
            'instructor.from_provider("openai/gpt-4o", base_url=URL)',
            "base_url= goes to the client in instructor 1.17 and to each request in 1.8",
            id="client-keyword",
        ),
        pytest.param(
            'instructor.from_provider("openai/gpt-4o", async_client=use_async)',
            "async_client is chosen at run time",
            id="async-at-run-time",
        ),
    ],
)
def test_calls_apply_cannot_rewrite_are_left_with_the_call_to_write(registry, call, why):
    text = f'import instructor\n\nMODEL = "openai/gpt-4o"\nclient = {call}\n'
    assert reported(registry, text, "qwen") == [
        (
            4,
            "ML652",
            "error",
            "manual",
            "instructor.from_provider('openai/gpt-4o') builds OpenAI() (key from "
            "OPENAI_API_KEY, OpenAI's URL) with Mode.TOOLS, which forces a named tool call "
            "(tool_choice of type function); Alibaba Qwen (DashScope / Model Studio) takes "
            f"tool_choice none, auto only; {why}: write instructor.from_openai(OpenAI(<your "
            'client\'s settings>), model="qwen4-max", mode=instructor.Mode.JSON) by hand, the '
            "client for Alibaba Qwen (DashScope / Model Studio) that reads DASHSCOPE_API_KEY "
            "and DASHSCOPE_BASE_URL",
            False,
        )
    ]
    assert applied(registry, text, "qwen") == text


def test_a_module_that_binds_mode_otherwise_is_left(registry):
    text = 'from instructor import from_provider\n\nMode = "fast"\nclient = from_provider("openai/gpt-4o")\n'
    [(line, _, _, fix, message, edited)] = reported(registry, text, "qwen")
    assert (line, fix, edited) == (4, "manual", False)
    assert "; the module binds from_openai or Mode to another object: write " in message


def test_a_model_the_table_does_not_map_is_left(registry):
    text = 'import instructor\n\nclient = instructor.from_provider("openai/gpt-4o-mini")\n'
    [(_, _, _, fix, message, _)] = reported(registry, text, "azure")  # deployments, not models
    assert fix == "manual"
    assert message == (
        "instructor.from_provider('openai/gpt-4o-mini') builds OpenAI() (key from OPENAI_API_KEY, "
        "OpenAI's URL); Azure OpenAI's model table does not map it: write "
        "instructor.from_openai(OpenAI(<your client's settings>), model=<Azure OpenAI's model>) "
        "by hand, the client for Azure OpenAI that reads AZURE_OPENAI_API_KEY and "
        "AZURE_OPENAI_ENDPOINT"
    )


@pytest.mark.parametrize(
    "call",
    [
        'instructor.from_provider("openai:gpt-4o")',  # instructor splits at "/" only: it raises
        'instructor.from_provider("anthropic/claude-sonnet-4")',
        'instructor.from_provider("ollama/llama3.2")',
        "instructor.from_provider(choice)",
        "from_provider('openai/gpt-4o')",  # the module's own function
    ],
)
def test_other_providers_and_other_functions_are_left_alone(registry, call):
    text = (
        f"import instructor\n\n\ndef from_provider(model):\n    return model\n\n\nclient = {call}\n"
    )
    assert reported(registry, text, "qwen") == []


def test_openai_as_the_target_leaves_it(registry):
    assert reported(registry, FROM_PROVIDER, "openai") == []


VALIDATORS = (
    "from typing import Annotated\n"
    "\n"
    "import instructor\n"
    "from instructor import llm_validator\n"
    "from pydantic import BaseModel, BeforeValidator\n"
    "\n"
    "client = instructor.from_openai(make_client(), mode=instructor.Mode.JSON)\n"
    "\n"
    "\n"
    "class Answer(BaseModel):\n"
    '    text: Annotated[str, BeforeValidator(llm_validator("be kind", client=client))]\n'
    '    tone: Annotated[str, BeforeValidator(llm_validator("calm", client, False, "gpt-4o"))]\n'
)


def test_llm_validator_gets_the_providers_model(registry):
    assert reported(registry, VALIDATORS, "qwen") == [
        (
            11,
            "ML653",
            "warning",
            "review",
            "llm_validator() has no model=, so it sends instructor's default, OpenAI's "
            "'gpt-3.5-turbo', through the client; apply writes model='qwen-flash' for Alibaba "
            "Qwen (DashScope / Model Studio)",
            True,
        ),
        (
            12,
            "ML653",
            "warning",
            "review",
            "model='gpt-4o' of llm_validator() is an OpenAI model, sent through the client; "
            "apply writes 'qwen4-max' for Alibaba Qwen (DashScope / Model Studio)",
            True,
        ),
    ]
    # ML206 no longer says the model given to llm_validator is left alone
    assert reported(registry, VALIDATORS, "qwen", ("ML206",)) == []
    # the lines grown too long are laid out again, as every edit of apply is
    assert applied(registry, VALIDATORS, "qwen") == VALIDATORS.split("class Answer")[0] + (
        "class Answer(BaseModel):\n"
        "    text: Annotated[\n"
        "        str,\n"
        '        BeforeValidator(llm_validator("be kind", client=client, model="qwen-flash")),\n'
        "    ]\n"
        "    tone: Annotated[\n"
        '        str, BeforeValidator(llm_validator("calm", client, False, "qwen4-max"))\n'
        "    ]\n"
    )


def test_llm_validator_with_a_model_of_the_provider_or_a_name_is_left(registry):
    text = (
        "from instructor.dsl.validators import llm_validator\n\n"
        'a = llm_validator("x", client=c, model="qwen-plus")\n'
        'b = llm_validator("x", client=c, model=MODEL)\n'
        'd = llm_validator("x", **options)\n'
    )
    assert reported(registry, text, "qwen") == []


def test_openai_moderation_is_an_error_where_the_provider_has_no_moderations(registry):
    text = (
        "import instructor\n"
        "from pydantic import AfterValidator, BaseModel\n"
        "\n"
        "\n"
        "class Post(BaseModel):\n"
        "    body: Annotated[str, AfterValidator(instructor.openai_moderation(client=client))]\n"
    )
    assert reported(registry, text, "qwen") == [
        (
            6,
            "ML653",
            "error",
            "manual",
            "openai_moderation() calls client.moderations.create() on each value it validates; "
            "Alibaba Qwen (DashScope / Model Studio) has no OpenAI-compatible moderations API "
            "(see https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-"
            "with-dashscope): keep a client on OpenAI for it or validate another way, by hand; "
            "no catalogued provider offers it",
            False,
        )
    ]
    # partial support: the provider file's [uncertain] entry, quoted as ML101 quotes it
    why = partial_moderations(registry).uncertain["supports.moderations"]
    assert reported(registry, text, partial_moderations(registry)) == [
        (
            6,
            "ML653",
            "warning",
            "manual",
            "openai_moderation() calls client.moderations.create() on each value it validates; "
            f"Zhipu AI (GLM)'s moderations support is partial (providers/zhipu.toml: {why}): "
            "test it (see "
            "https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)",
            False,
        )
    ]
    assert reported(registry, text, "openai") == []


def partial_moderations(registry):
    """Zhipu as its file stood before its /moderations was found to answer another schema
    (t49g): moderations partial, with that doubt (no built-in provider marks it partial now)."""
    zhipu = registry.get("zhipu")
    return dataclasses.replace(
        zhipu,
        supports={**zhipu.supports, "moderations": "partial"},
        uncertain={
            **zhipu.uncertain,
            "supports.moderations": "SDK /moderations is content safety; schema vs OpenAI "
            "unconfirmed",
        },
    )


def test_openai_moderation_says_of_partial_support_what_ml101_says_of_the_call(registry):
    text = (
        "from instructor import openai_moderation\n"
        "from openai import OpenAI\n"
        "\n"
        "client = OpenAI()\n"
        "safe = openai_moderation(client=client)\n"
        'client.moderations.create(input="x")\n'
    )
    found = reported(registry, text, partial_moderations(registry), rules=("ML101", "ML653"))
    helper, call = (message for _, _, _, _, message, _ in found)
    said = "Zhipu AI (GLM)'s moderations support is partial (providers/zhipu.toml: SDK "
    said += "/moderations is content safety; "
    said += "schema vs OpenAI unconfirmed)"
    assert [(line, rule, severity, fix) for line, rule, severity, fix, _, _ in found] == [
        (5, "ML653", "warning", "manual"),
        (6, "ML101", "warning", "manual"),
    ]
    assert helper.split("; ", 1)[1] == f"{said}: test it (see {registry.get('zhipu').docs})"
    assert call.split("; ", 1)[1] == f"{said}; test this call (see {registry.get('zhipu').docs})"


def test_check_fails_until_apply_migrates_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        FROM_PROVIDER + '\nkind = instructor.llm_validator("be kind", client=client)\n'
    )
    before = invoke("check", "-p", "qwen")
    assert before.exit_code == 1
    assert [line.split(" ")[:2] for line in before.stdout.splitlines()[:-1]] == [
        ["app.py:3:10", "ML652"],
        ["app.py:4:46", "ML201"],
        ["app.py:6:8", "ML653"],
    ]
    assert invoke("apply", "-p", "qwen", "--yes").exit_code == 0
    after = invoke("check", "-p", "qwen")
    assert (after.exit_code, after.stdout.splitlines()[-1]) == (
        0,
        "0 findings for qwen in 0 of 1 file",
    )


UNTRACED_BESIDE_FROM_PROVIDER = (
    "import instructor\n"
    "\n"
    'client = instructor.from_provider("openai/gpt-4o-mini")\n'
    "\n"
    "\n"
    "def ask(make, q):\n"
    '    return make().chat.completions.create(model="gpt-4o", messages=[q])\n'
)


def test_an_untraced_call_beside_from_provider_is_read_as_after_the_rewrite(registry):
    # ML652 gives the module its first openai import; the SDK-shaped call through `make()`
    # is read as probable before it too, so a second apply has nothing left to edit
    # (`applied` asserts that)
    assert applied(registry, UNTRACED_BESIDE_FROM_PROVIDER, "qwen") == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(\n"
        f"    {QWEN_CLIENT},\n"
        '    model="qwen-plus",\n'
        "    mode=instructor.Mode.JSON,\n"
        ")\n"
        "\n"
        "\n"
        "def ask(make, q):\n"
        '    return make().chat.completions.create(model="qwen4-max", messages=[q])\n'
    )


# t57c D4 and D2: the requests of a client instructor builds, and those llm_validator sends
# (it takes no extra_body), get the thinking switch from the client's own keywords, which
# instructor adds to each request (`Instructor.handle_kwargs`)
PROVIDER_APP = (
    "import instructor\n"
    "from pydantic import BaseModel\n"
    "\n"
    'client = instructor.from_provider("openai/gpt-4o-mini")\n'
    "\n"
    "\n"
    "class User(BaseModel):\n"
    "    name: str\n"
    "\n"
    "\n"
    'print(client.create(response_model=User, messages=[{"role": "user", "content": "Jo"}]))\n'
)
DOUBAO_CLIENT = (
    "    OpenAI(\n"
    '        api_key=os.environ.get("ARK_API_KEY", "unset"),\n'
    "        base_url=os.environ.get(\n"
    '            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"\n'
    "        ),\n"
    "    ),\n"
)


def test_from_provider_to_a_model_that_thinks_gets_the_switch_on_the_client(
    registry, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(PROVIDER_APP)
    assert invoke("apply", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == (
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "from pydantic import BaseModel\n"
        "\n"
        "client = instructor.from_openai(\n"
        + DOUBAO_CLIENT
        + '    model="doubao-seed-2-1-turbo-260628",\n'
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        ")\n"
        "\n"
        "\n"
        "class User(BaseModel):\n"
        "    name: str\n"
        "\n"
        "\n"
        'print(client.create(response_model=User, messages=[{"role": "user", "content": "Jo"}]))\n'
    )
    # the request through that client is not told to pass the switch again
    after = invoke("check", "-p", "doubao", "--fail-on", "note")
    assert (after.exit_code, after.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")


def test_from_provider_message_names_the_switch(registry):
    rows = reported(registry, PROVIDER_APP, "doubao")
    assert [r[:4] + r[5:] for r in rows] == [(4, "ML652", "error", "review", True)]
    assert rows[0][4].endswith(
        ", model 'gpt-4o-mini' -> 'doubao-seed-2-1-turbo-260628', with "
        'extra_body={"thinking": {"type": "disabled"}}, which the client adds to each request '
        "(doubao-seed-2-1-turbo-260628 thinks before it answers unless told not to, ML118)"
    )


VALIDATOR_APP = (
    "from typing import Annotated\n"
    "\n"
    "import instructor\n"
    "from openai import OpenAI\n"
    "from pydantic import BaseModel, BeforeValidator\n"
    "\n"
    "client = instructor.from_openai(OpenAI())\n"
    'polite = instructor.llm_validator("be polite", client=client, model="gpt-4o-mini")\n'
    'short = instructor.llm_validator("be short", client)\n'
    "\n"
    "\n"
    "class Answer(BaseModel):\n"
    "    text: Annotated[str, BeforeValidator(polite), BeforeValidator(short)]\n"
)


def test_llm_validators_client_gets_the_switch_once(registry, tmp_path, monkeypatch):
    rows = reported(registry, VALIDATOR_APP, "doubao", rules=("ML118",))
    assert [r[:4] + r[5:] for r in rows] == [(7, "ML118", "warning", "review", True)]
    assert rows[0][4].startswith(
        "doubao-seed-2-1-turbo-260628 (the model of llm_validator()) thinks before it answers "
        "unless told not to, which gpt-4o-mini did not (replies and stream deltas carry "
        "reasoning_content, the provider file does not say whether a tool loop must send the "
        "reasoning back), and llm_validator() "
        'takes no extra_body: apply passes extra_body={"thinking": {"type": "disabled"}} to '
        "the instructor client llm_validator() is given"
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(VALIDATOR_APP)
    assert invoke("check", "-p", "doubao").exit_code == 1
    assert invoke("apply", "-p", "doubao", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == (
        "import os\n"
        "from typing import Annotated\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "from pydantic import BaseModel, BeforeValidator\n"
        "\n"
        "client = instructor.from_openai(\n"
        + DOUBAO_CLIENT
        + '    extra_body={"thinking": {"type": "disabled"}},\n'
        ")\n"
        "polite = instructor.llm_validator(\n"
        '    "be polite", client=client, model="doubao-seed-2-1-turbo-260628"\n'
        ")\n"
        "short = instructor.llm_validator(\n"
        '    "be short", client, model="doubao-seed-2-0-mini-260215"\n'
        ")\n"
        "\n"
        "\n"
        "class Answer(BaseModel):\n"
        "    text: Annotated[str, BeforeValidator(polite), BeforeValidator(short)]\n"
    )
    after = invoke("check", "-p", "doubao", "--fail-on", "note")
    assert (after.exit_code, after.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")


def test_llm_validators_client_built_elsewhere_is_told_by_hand(registry):
    text = (
        "import instructor\n\nfrom app.llm import client\n\n"
        'polite = instructor.llm_validator("be polite", client=client, model="gpt-4o")\n'
    )
    rows = reported(registry, text, "doubao", rules=("ML118",))
    assert [r[:4] + r[5:] for r in rows] == [(5, "ML118", "warning", "manual", False)]
    assert (
        "build the instructor client it is given with instructor.from_openai(<client>, "
        'extra_body={"thinking": {"type": "disabled"}}), which adds it to each request the '
        "client sends, by hand"
    ) in rows[0][4]


def test_llm_validator_over_from_provider_leaves_the_switch_to_its_rewrite(registry):
    text = (
        "import instructor\n\n"
        'client = instructor.from_provider("openai/gpt-4o-mini")\n'
        'polite = instructor.llm_validator("be polite", client=client, model="gpt-4o")\n'
    )
    assert reported(registry, text, "doubao", rules=("ML118",)) == []
    assert applied(registry, text, "doubao").endswith(
        '    model="doubao-seed-2-1-turbo-260628",\n'
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        ")\n"
        "polite = instructor.llm_validator(\n"
        '    "be polite", client=client, model="doubao-seed-2-1-pro-260628"\n'
        ")\n"
    )


def test_a_provider_model_of_llm_validator_keeps_check_red_until_its_client_has_the_switch(
    registry,
):
    text = (
        "import instructor\n\nfrom app.llm import client\n\n"
        'polite = instructor.llm_validator("be polite", client=client, model="gpt-4o")\n'
    )
    after = applied(registry, text, "doubao")
    assert after.endswith(
        "polite = instructor.llm_validator(\n"
        '    "be polite", client=client, model="doubao-seed-2-1-pro-260628"\n'
        ")\n"
    )
    rows = reported(registry, after, "doubao", rules=("ML118",))
    assert [r[:4] + r[5:] for r in rows] == [(5, "ML118", "warning", "manual", False)]
    assert rows[0][4].startswith(
        "doubao-seed-2-1-pro-260628 (the model of llm_validator()) thinks before it answers "
        "unless told not to (replies and stream deltas carry reasoning_content"
    )
    switched = (
        "import instructor\nfrom openai import OpenAI\n\n"
        'client = instructor.from_openai(OpenAI(), extra_body={"thinking": {"type": "enabled"}})\n'
        'polite = instructor.llm_validator("be polite", client=client, '
        'model="doubao-seed-2-1-pro-260628")\n'
    )
    assert reported(registry, switched, "doubao", rules=("ML118",)) == []
