"""Every Python rule's documented examples run as tests, plus cross-rule behaviour."""

from __future__ import annotations

import pytest

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES, all_rules
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.rules.python_context import PythonContext

from .conftest import bare_provider

CASES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in PYTHON_RULES
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(registry, rule, example):
    provider = registry.get(example.provider) if example.provider else None
    findings = check_python(example.before, RuleContext(registry, provider), (rule,))
    assert bool(findings) == example.finds, [f.message for f in findings]
    assert all(f.rule == rule.code for f in findings)
    if example.message is not None:
        assert findings[0].message == example.message


def test_rule_codes_are_unique_and_documented():
    rules = all_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    for rule in rules:
        assert rule.summary(), rule.code
        assert any(e.finds for e in rule.examples), rule.code
        assert any(not e.finds for e in rule.examples), rule.code


def scan(registry, text, provider=None):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.column, f.rule) for f in check_python(text, ctx, PYTHON_RULES)]


def test_positions_are_one_based_and_count_characters(registry):
    text = 'x = "ü"; from openai import OpenAI\nc = OpenAI()\n'
    assert scan(registry, text) == [(2, 5, "ML001")]


def test_client_traced_through_self_attribute_alias_and_annotation(registry):
    text = (
        "import openai as oa\n"
        "from openai import AsyncOpenAI\n"
        "class A:\n"
        "    def __init__(self):\n"
        "        self.llm = oa.OpenAI()\n"
        "    def go(self):\n"
        '        return self.llm.embeddings.create(model="text-embedding-3-small", input="x")\n'
        "async def f(c: AsyncOpenAI):\n"
        "    return await c.chat.completions.create(model=m, messages=[])\n"
    )
    assert scan(registry, text) == [
        (5, 20, "ML001"),
        (7, 16, "ML101"),
        (7, 49, "ML201"),
        (9, 18, "ML101"),
        (9, 50, "ML203"),
    ]


def test_shadowed_names_and_framework_classes_are_not_the_sdk(registry):
    text = (
        "from llama_index.llms.openai import OpenAI\n"
        "llm = OpenAI(model='gpt-4o')\n"
        "def build(OpenAI):\n"
        "    return OpenAI()\n"
        "class OpenAIWrapper:\n"
        "    pass\n"
    )
    # Only the LlamaIndex rule reports the framework's class; no SDK rule does.
    assert scan(registry, text) == [(2, 7, "ML611")]


def test_variable_named_openai_is_not_the_module(registry):
    text = "openai = get_client()\nopenai.ChatCompletion.create(model='gpt-4')\n"
    # no legacy rule: only the model given to a call it cannot follow (ML206)
    assert scan(registry, text) == [(2, 36, "ML206")]


def test_secret_is_never_in_a_message(registry):
    key = "sk-proj-" + "A1b2C3d4" * 5
    text = f'from openai import OpenAI\nc = OpenAI(api_key="{key}")\nprint("{key}")  # {key}\n'
    findings = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert {f.rule for f in findings} == {"ML001", "ML004"}
    assert len([f for f in findings if f.rule == "ML004"]) == 3
    for finding in findings:
        assert key not in finding.message
        assert key[:12] not in finding.message


def test_a_key_is_found_in_every_kind_of_comment(registry, monkeypatch):
    """Comments are held by whitespace, which the rules' walk leaves out: they are read
    from the module, wherever they stand, only when the text holds a key at all."""
    key = "sk-" + "k" * 24
    text = (
        f"# {key}\n"  # a leading line
        "client = make(\n"
        f"    1,  # {key}\n"  # inside parentheses
        ")\n"
        "class A:\n"
        "    x = 1\n"
        f"    # {key}\n"  # the footer of a block
        f"y = 2  # {key}\n"  # trailing
    )
    findings = check_python(text, RuleContext(registry), PYTHON_RULES)
    assert [(f.rule, f.line, f.column, f.end_column, f.fix) for f in findings] == [
        ("ML004", line, column, column + 2 + len(key), FixClass.MANUAL)
        for line, column in ((1, 1), (3, 9), (7, 5), (8, 8))
    ]

    def unread() -> None:
        raise AssertionError("comments read without a key in the text")

    monkeypatch.setattr(PythonContext, "comments", unread)
    assert check_python(text.replace("sk-", "pk-"), RuleContext(registry), PYTHON_RULES) == []


def test_secret_fix_class_depends_on_where_it_stands(registry):
    key = "sk-" + "x" * 30
    text = f'import openai\nopenai.api_key = "{key}"\nother = "{key}"\n'
    findings = [
        f for f in check_python(text, RuleContext(registry), PYTHON_RULES) if f.rule == "ML004"
    ]
    assert [(f.line, f.fix) for f in findings] == [(2, FixClass.SAFE), (3, FixClass.MANUAL)]


def test_unsupported_surface_is_an_error_for_the_provider(registry):
    text = (
        "from openai import OpenAI\nc = OpenAI()\n"
        "c.moderations.create(input='x')\n"
        "c.beta.chat.completions.parse(model=m, messages=[], response_format=Answer)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    calls = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML101"]
    assert [(f.line, f.severity) for f in calls] == [(3, Severity.ERROR), (4, Severity.ERROR)]
    # Acme's file lists its response_format types without json_schema: the parse fails there
    assert "Acme Cloud does not accept that type (accepted response_format types: text, " in (
        calls[1].message
    )


def test_partial_surface_says_what_the_provider_file_says_of_it(registry):
    # the uncertainty recorded in providers/zhipu.toml: a Responses call on BigModel needs
    # another base URL than the chat calls' (screenshot-to-code's 404s)
    text = "from openai import OpenAI\nc = OpenAI()\nc.responses.create(model=m, input='x')\n"
    zhipu = registry.get("zhipu")
    (call,) = [
        f
        for f in check_python(text, RuleContext(registry, zhipu), PYTHON_RULES)
        if f.rule == "ML101"
    ]
    assert call.message == (
        f"responses.create() through an OpenAI client; {zhipu.name}'s responses support is "
        f"partial (providers/zhipu.toml: {zhipu.uncertain['supports.responses']}); test this "
        f"call (see {zhipu.docs})"
    )
    assert "https://open.bigmodel.cn/api/v1/responses" in call.message


def test_legacy_module_reports_each_construct_once(registry):
    text = (
        "import openai\n"
        "from openai.error import RateLimitError\n"
        "openai.api_key = key\n"
        "def ask():\n"
        "    try:\n"
        "        return openai.ChatCompletion.create(model='gpt-3.5-turbo', messages=[])\n"
        "    except (RateLimitError, openai.error.Timeout):\n"
        "        return None\n"
    )
    assert scan(registry, text) == [
        (2, 1, "ML303"),
        (3, 1, "ML301"),
        (6, 16, "ML302"),
        (6, 51, "ML201"),
        (7, 13, "ML303"),
        (7, 29, "ML303"),
    ]


def test_already_migrated_client_is_only_information(registry):
    text = (
        "import os\nfrom openai import OpenAI\n"
        'c = OpenAI(api_key=os.environ["ACME_API_KEY"], '
        'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n'
        'c.chat.completions.create(model="acme-large", messages=[])\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    findings = check_python(text, ctx, PYTHON_RULES)
    assert [(f.rule, f.severity, f.fix.value) for f in findings] == [
        ("ML003", Severity.NOTE, "none"),
        ("ML101", Severity.NOTE, "none"),
        ("ML201", Severity.NOTE, "none"),
    ]
    assert findings[2].data == {"model": "acme-large"}


def test_unsupported_surface_names_the_providers_that_have_it(registry):
    # a client passed on: apply points it at the provider (one whose every request is to an
    # API the provider lacks stays on OpenAI: test_apply_still_on_openai)
    text = "from openai import OpenAI\nc = OpenAI()\nc.images.generate(prompt='x')\nsend(c)\n"
    ctx = RuleContext(registry, registry.get("acme"))
    (call,) = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML101"]
    having = sorted(
        p.id
        for p in registry.providers.values()
        if p.id not in ("acme", "openai") and p.support("images") is True
    )
    assert having
    assert call.message == (
        "images.generate() through an OpenAI client; Acme Cloud has no OpenAI-compatible "
        "images API; this call fails after the switch (see https://docs.acme.example/openai); "
        f"{', '.join(having)} offer it"
    )


SDK_CLIENT = "from openai import OpenAI\nc = OpenAI()\n"


def call_findings(registry, provider, text):
    """(line, severity, fix, message, data) of the ML101 findings for `provider`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.severity, f.fix, f.message, dict(f.data))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML101"
    ]


def unconfirmed(provider, call, surface):
    """ML101's warning for a surface `provider`'s file does not state."""
    return (
        f"{call}() through an OpenAI client; {provider.name}'s {surface} support is unconfirmed "
        f"(its provider file does not state it); test this call (see {provider.docs})"
    )


@pytest.mark.parametrize(
    ("request_", "call", "surface"),
    [
        pytest.param(
            'c.videos.create_and_poll(model=m, prompt="x")',
            "videos.create_and_poll",
            "videos",
            id="videos",
        ),
        pytest.param(
            "c.containers.files.list(container_id=i)",
            "containers.files.list",
            "containers",
            id="containers",
        ),
        pytest.param(
            "c.conversations.items.list(conversation_id=i)",
            "conversations.items.list",
            "conversations",
            id="conversations",
        ),
        pytest.param(
            "c.evals.runs.create(eval_id=i, data_source=d)",
            "evals.runs.create",
            "evals",
            id="evals",
        ),
        pytest.param("c.skills.list()", "skills.list", "skills", id="skills"),
        pytest.param("c.beta.agents.list()", "beta.agents.list", "agents", id="beta-agents"),
        pytest.param(
            'c.uploads.upload_file_chunked(file=p, mime_type="txt", purpose="batch")',
            "uploads.upload_file_chunked",
            "uploads",
            id="uploads",
        ),
        pytest.param(
            "c.responses.input_tokens.count(model=m, input=items)",
            "responses.input_tokens.count",
            "responses_input_tokens",
            id="input-tokens",
        ),
        pytest.param(
            "c.responses.connect()", "responses.connect", "responses_websocket", id="websocket"
        ),
        pytest.param(
            "c.beta.responses.connect()",
            "beta.responses.connect",
            "responses_websocket",
            id="beta-websocket",
        ),
        pytest.param(
            "c.responses.create(model=m, input=q, background=True)",
            "responses.create",
            "responses_background",
            id="background",
        ),
        pytest.param(
            "c.responses.with_raw_response.cancel(rid)",
            "responses.with_raw_response.cancel",
            "responses_background",
            id="cancel",
        ),
        pytest.param(
            "c.responses.compact(model=m, input=q)",
            "responses.compact",
            "responses_compact",
            id="compact",
        ),
    ],
)
def test_an_openai_only_api_the_provider_file_does_not_state_is_unconfirmed(
    registry, request_, call, surface
):
    # f34: openai-python's examples/ (video.py, uploads.py, responses/*.py) were clean for
    # doubao, and `check` passed on them: no surface knew these resources
    doubao = registry.get("doubao")
    assert surface not in doubao.supports
    found = call_findings(registry, "doubao", SDK_CLIENT + request_ + "\n")
    assert found == [
        (
            3,
            Severity.WARNING,
            FixClass.MANUAL,
            unconfirmed(doubao, call, surface),
            {"surface": surface, "call": call},
        )
    ]
    # OpenAI's own file states them: `--provider openai` notes the call, nothing to do
    assert [f[1:3] for f in call_findings(registry, "openai", SDK_CLIENT + request_ + "\n")] == [
        (Severity.NOTE, FixClass.NONE)
    ]


@pytest.mark.parametrize(
    ("request_", "surface"),
    [
        pytest.param("c.responses.create(model=m, input=q)", "responses", id="plain"),
        pytest.param(
            "c.responses.create(model=m, input=q, background=False)", "responses", id="false"
        ),
        pytest.param(
            "c.responses.create(model=m, input=q, background=None)", "responses", id="none"
        ),
        pytest.param("c.responses.retrieve(rid)", "responses", id="retrieve"),
        pytest.param(
            "c.responses.stream(model=m, input=q, background=bg)",
            "responses_background",
            id="run-time",
        ),
    ],
)
def test_background_mode_is_a_surface_of_its_own_only_when_asked_for(registry, request_, surface):
    doubao = registry.get("doubao")
    [(line, severity, fix, message, data)] = call_findings(
        registry, "doubao", SDK_CLIENT + request_ + "\n"
    )
    call = data["call"]
    assert line == 3
    if surface == "responses":
        assert (severity, fix) == (Severity.NOTE, FixClass.NONE)
        assert message == f"{call}() through an OpenAI client; supported by {doubao.name}"
    else:
        assert (severity, fix, message) == (
            Severity.WARNING,
            FixClass.MANUAL,
            unconfirmed(doubao, call, surface),
        )
    assert data == {"surface": surface, "call": call}


def test_uploads_are_not_the_files_api(registry):
    # doubao serves /files; the multipart /uploads API is another, which its file does not state
    doubao = registry.get("doubao")
    text = (
        SDK_CLIENT
        + 'c.files.create(file=f, purpose="batch")\n'
        + 'c.uploads.create(bytes=n, filename=f, mime_type="txt", purpose="batch")\n'
    )
    assert call_findings(registry, "doubao", text) == [
        (
            3,
            Severity.NOTE,
            FixClass.NONE,
            f"files.create() through an OpenAI client; supported by {doubao.name}",
            {"surface": "files", "call": "files.create"},
        ),
        (
            4,
            Severity.WARNING,
            FixClass.MANUAL,
            unconfirmed(doubao, "uploads.create", "uploads"),
            {"surface": "uploads", "call": "uploads.create"},
        ),
    ]


def test_a_stated_unknown_keeps_its_reason_and_false_stays_an_error(registry):
    # a file stating a further surface is read as any other: "unknown" quotes [uncertain]
    # (not "does not state it"), false is the error naming who offers it
    text = SDK_CLIENT + "c.videos.list()\nsend(c)\n"
    stated = bare_provider(supports={"videos": "unknown"}, uncertain={"supports.videos": "why"})
    lacking = bare_provider(supports={"videos": False})
    head = "videos.list() through an OpenAI client; "
    for provider, severity, verdict in (
        (
            stated,
            Severity.WARNING,
            "X's videos support is unconfirmed (why); test this call (see https://x.example)",
        ),
        (
            lacking,
            Severity.ERROR,
            "X has no OpenAI-compatible videos API; this call fails after the switch (see "
            "https://x.example); no catalogued provider offers it",
        ),
    ):
        ctx = RuleContext(registry, provider)
        [finding] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML101"]
        assert (finding.severity, finding.message) == (severity, head + verdict)


def test_support_the_provider_file_marks_uncertain_says_so_with_its_reason(registry):
    # every verdict on a surface `[uncertain]` names (true, false, partial) carries the file's
    # reason after the file, in the message and in `data` (DeepSeek's Responses API: "yes *")
    text = SDK_CLIENT + "c.videos.list()\nsend(c)\n"
    head = "videos.list() through an OpenAI client; "
    doubt = "x.toml: one reseller's page"
    for support, severity, verdict in (
        (
            True,
            Severity.WARNING,
            f"supported by X, unconfirmed ({doubt}); test this call (see https://x.example)",
        ),
        (
            False,
            Severity.ERROR,
            f"X has no OpenAI-compatible videos API, unconfirmed ({doubt}); this call fails "
            "after the switch (see https://x.example); no catalogued provider offers it",
        ),
        (
            "partial",
            Severity.WARNING,
            f"X's videos support is partial ({doubt}); test this call (see https://x.example)",
        ),
    ):
        provider = bare_provider(
            source="x.toml",
            supports={"videos": support},
            uncertain={"supports.videos": "one reseller's page"},
        )
        [finding] = [
            f
            for f in check_python(text, RuleContext(registry, provider), PYTHON_RULES)
            if f.rule == "ML101"
        ]
        assert (finding.severity, finding.message) == (severity, head + verdict)
        assert finding.data == {"surface": "videos", "call": "videos.list", "unconfirmed": doubt}


def test_deepseek_responses_api_is_supported_but_unconfirmed(registry):
    deepseek = registry.get("deepseek")
    reason = deepseek.uncertain["supports.responses"]
    assert deepseek.supports["responses"] is True
    # a fact its file doubts is a warning to try the call, so `check` fails until a person has
    # (t64f: the program's only request went to /responses while `check` was green)
    assert call_findings(registry, "deepseek", SDK_CLIENT + "c.responses.create(model=m)\n") == [
        (
            3,
            Severity.WARNING,
            FixClass.MANUAL,
            "responses.create() through an OpenAI client; supported by DeepSeek, unconfirmed "
            f"(providers/deepseek.toml: {reason}); test this call (see "
            "https://api-docs.deepseek.com); the call goes to /responses, and without it there "
            'use chat.completions.create instead, with response_format={"type": "json_object"} '
            "for structured output (which DeepSeek takes)",
            {
                "surface": "responses",
                "call": "responses.create",
                "unconfirmed": f"providers/deepseek.toml: {reason}",
            },
        )
    ]


def test_every_resource_of_the_installed_sdk_has_a_surface():
    # a resource missing from openai_sdk.SURFACES would make its calls no request at all (its
    # path, or a longer one under it: `chat` has `chat.completions`)
    import openai
    from openai.resources.beta import Beta

    from migrate_llm import openai_sdk as sdk
    from migrate_llm.registry import KNOWN_SURFACES

    def resources(cls):
        return [
            name
            for name, value in vars(cls).items()
            if not name.startswith(("_", "with_")) and hasattr(value, "func")  # cached_property
        ]

    paths = [(name,) for name in resources(openai.OpenAI)]
    paths += [("beta", name) for name in resources(Beta)]
    assert ("videos",) in paths and ("beta", "agents") in paths
    prefixes = {prefix for prefix, _ in sdk.SURFACES}
    missing = [p for p in paths if p != ("beta",) and not any(x[: len(p)] == p for x in prefixes)]
    assert missing == []
    named = {s for _, s in sdk.SURFACES} | set(sdk.METHOD_SURFACES.values())
    named |= set(sdk.KEYWORD_SURFACES.values()) | {s for _, s in sdk.REST_PATHS}
    assert named - {"structured_outputs"} <= set(KNOWN_SURFACES)


def test_a_video_request_is_unconfirmed_and_its_model_has_no_mapping(registry):
    # f34's video.py after apply: the client goes to Ark, and nothing was reported
    doubao = registry.get("doubao")
    text = (
        "from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\nasync def main():\n"
        '    return await client.videos.create_and_poll(model="sora-2", prompt="x")\n'
    )
    ctx = RuleContext(registry, doubao)
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in ("ML101", "ML201")]
    assert [(f.rule, f.line, f.severity, f.fix, f.message, dict(f.data)) for f in found] == [
        (
            "ML101",
            7,
            Severity.WARNING,
            FixClass.MANUAL,
            unconfirmed(doubao, "videos.create_and_poll", "videos"),
            {"surface": "videos", "call": "videos.create_and_poll"},
        ),
        (
            "ML201",
            7,
            Severity.WARNING,
            FixClass.MANUAL,
            f"{doubao.name} has no mapping for model 'sora-2'; choose a model from "
            f"{doubao.docs} (or pass --model sora-2=NAME)",
            {"model_from": "sora-2"},
        ),
    ]
    assert all(f.edit is None for f in found)


# Every request that asks for structured outputs (openai_sdk.STRUCTURED_HELPERS and
# STRUCTURED_ARGUMENTS), in the path ML101 names it by.
STRUCTURED_REQUESTS = [
    (
        "chat.completions.parse(model=m, messages=q, response_format=Answer)",
        "chat.completions.parse",
    ),
    (
        "chat.completions.stream(model=m, messages=q, response_format=Answer)",
        "chat.completions.stream",
    ),
    ("beta.chat.completions.parse(model=m, messages=q, response_format=Answer)", None),
    ("beta.chat.completions.stream(model=m, messages=q, response_format=Answer)", None),
    ("responses.parse(model=m, input=q, text_format=Answer)", "responses.parse"),
    ("responses.stream(model=m, input=q, text_format=Answer)", "responses.stream"),
    ("responses.with_raw_response.parse(model=m, input=q, text_format=Answer)", None),
    (
        'chat.completions.create(model=m, messages=q, response_format={"type": "json_schema", '
        '"json_schema": SCHEMA})',
        "chat.completions.create",
    ),
    ("chat.completions.create(model=m, messages=q, response_format=SCHEMA_FORMAT)", None),
    (
        'chat.completions.stream(model=m, messages=q, response_format={"type": "json_schema"})',
        None,
    ),
    (
        'responses.create(model=m, input=q, text={"format": {"type": "json_schema", '
        '"schema": SCHEMA}})',
        "responses.create",
    ),
    ("responses.create(model=m, input=q, text=TEXT)", None),
]
STRUCTURED_MODULE = (
    "from openai import OpenAI\n\n"
    'SCHEMA_FORMAT = {"type": "json_schema", "json_schema": SCHEMA}\n'
    'TEXT = {"format": {"type": FORMAT_TYPE}}\n'
    'FORMAT_TYPE = "json_schema"\n'
    "c = OpenAI()\n"
)


@pytest.mark.parametrize(("request_code", "path"), STRUCTURED_REQUESTS)
def test_every_structured_output_request_gets_the_structured_outputs_warning(
    registry, request_code, path
):
    doubao = registry.get("doubao")
    text = STRUCTURED_MODULE + f"c.{request_code}\n"
    (call,) = [
        f
        for f in check_python(text, RuleContext(registry, doubao), PYTHON_RULES)
        if f.rule == "ML101"
    ]
    called = path or request_code.split("(")[0]
    assert (call.line, call.severity, call.fix) == (7, Severity.WARNING, FixClass.MANUAL)
    doubt = f"providers/doubao.toml: {doubao.uncertain['supports.structured_outputs']}"
    assert call.message == (
        f"{called}() through an OpenAI client; ByteDance Doubao (Volcengine Ark)'s "
        f"structured_outputs support is partial ({doubt}); test this call (see {doubao.docs})"
    )
    assert call.data == {"surface": "structured_outputs", "call": called, "unconfirmed": doubt}


@pytest.mark.parametrize(
    "request_code",
    [
        "chat.completions.stream(model=m, messages=q)",
        'chat.completions.stream(model=m, messages=q, response_format={"type": "json_object"})',
        "chat.completions.stream(model=m, messages=q, response_format=None)",
        # a name create() takes is a dict the module does not show: not known to ask for one
        "chat.completions.create(model=m, messages=q, response_format=rf)",
        'responses.create(model=m, input=q, text={"format": {"type": "text"}})',
        # strict tools: no provider file says whether it takes them
        "chat.completions.stream(model=m, messages=q, tools=[pydantic_function_tool(Answer)])",
    ],
)
def test_requests_asking_for_no_schema_keep_their_apis_verdict(registry, request_code):
    text = "from openai import OpenAI, pydantic_function_tool\n\nc = OpenAI()\n"
    text += f"c.{request_code}\n"
    (call,) = [
        f
        for f in check_python(text, RuleContext(registry, registry.get("doubao")), PYTHON_RULES)
        if f.rule == "ML101"
    ]
    surface = request_code.split(".")[0].replace("completions", "chat")
    assert (call.severity, call.fix, call.data["surface"]) == (
        Severity.NOTE,
        FixClass.NONE,
        surface,
    )
    assert call.message.endswith("; supported by ByteDance Doubao (Volcengine Ark)")


def test_a_structured_request_is_judged_by_the_least_supported_api_it_needs(registry):
    text = "from openai import OpenAI\n\nc = OpenAI()\nc.responses.parse(model=m, input=q, text_format=A)\n"
    acme, zhipu = registry.get("acme"), registry.get("zhipu")
    # Acme has no Responses API (structured outputs: unknown)
    (call,) = [
        f
        for f in check_python(text, RuleContext(registry, acme), PYTHON_RULES)
        if f.rule == "ML101"
    ]
    assert (call.severity, call.data["surface"]) == (Severity.ERROR, "responses")
    assert "Acme Cloud has no OpenAI-compatible responses API" in call.message
    # Zhipu's Responses API is partial, its structured outputs false
    (call,) = [
        f
        for f in check_python(text, RuleContext(registry, zhipu), PYTHON_RULES)
        if f.rule == "ML101"
    ]
    assert (call.severity, call.data["surface"]) == (Severity.ERROR, "structured_outputs")
    assert (
        "Zhipu AI (GLM) does not accept that type (accepted response_format types: text, "
        "json_object)" in call.message
    )
    # and the module-level client's request the same (ML102)
    module = "import openai\n\nopenai.responses.parse(model=m, input=q, text_format=A)\n"
    (call,) = [
        f
        for f in check_python(module, RuleContext(registry, zhipu), PYTHON_RULES)
        if f.rule == "ML102"
    ]
    assert (call.severity, call.data["surface"]) == (Severity.ERROR, "structured_outputs")


def test_responses_parse_names_the_unconfirmed_responses_api(registry):
    """t53m D6: with neither the Responses API nor structured outputs confirmed, the call's
    verdict is about the API, with chat completions and json_object offered instead."""
    from migrate_llm.rules.calls import CALL_RULES

    baichuan = registry.get("baichuan")
    src = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'r = client.responses.parse(model="x", input="q", text_format=Answer)\n'
    )
    findings = [
        f
        for f in check_python(src, RuleContext(registry, baichuan), CALL_RULES)
        if f.rule == "ML101"
    ]
    assert [f.message for f in findings] == [
        "responses.parse() through an OpenAI client; Baichuan's responses support is unconfirmed; "
        f"test this call (see {baichuan.docs}); the call goes to /responses, and without it there "
        'use chat.completions.create instead, with response_format={"type": "json_object"} for '
        "structured output (which Baichuan takes)"
    ]
    assert findings[0].data["surface"] == "responses"
