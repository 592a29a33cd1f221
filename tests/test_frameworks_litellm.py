"""Rewrite tests for litellm, DSPy and smolagents (ML640): exact text after `apply` (every Python
rule, the real provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings

CASES = [
    pytest.param(
        "qwen",
        "import litellm\n"
        "from litellm import acompletion\n"
        "\n"
        "\n"
        'async def ask(q, model="gpt-4o"):\n'
        '    first = await acompletion(model=model, messages=[{"role": "user", "content": q}])\n'
        '    second = litellm.completion("openai/gpt-4o-mini", [{"role": "user", "content": q}])\n'
        '    local = litellm.completion(model="gpt-4o", api_base="http://localhost:4000", messages=[])\n'
        '    other = litellm.completion(model="deepseek/deepseek-chat", messages=[])\n'
        "    return first, second, local, other\n",
        "import os\n"
        "\n"
        "import litellm\n"
        "from litellm import acompletion\n"
        "\n"
        "\n"
        'async def ask(q, model="dashscope/qwen4-max"):\n'
        "    first = await acompletion(\n"
        "        model=model,\n"
        '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        "        api_base=os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        '        messages=[{"role": "user", "content": q}],\n'
        "    )\n"
        "    second = litellm.completion(\n"
        '        "dashscope/qwen-plus",\n'
        '        [{"role": "user", "content": q}],\n'
        '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        "        api_base=os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        "    )\n"
        '    local = litellm.completion(model="gpt-4o", api_base="http://localhost:4000", messages=[])\n'
        '    other = litellm.completion(model="deepseek/deepseek-chat", messages=[])\n'
        "    return first, second, local, other\n",
        id="calls-constant-default-prefixed",
    ),
    pytest.param(
        "zhipu",
        "import litellm\n"
        "\n"
        "\n"
        "def vectors(texts):\n"
        '    return litellm.embedding(model="text-embedding-3-small", input=texts)\n',
        "import os\n"
        "\n"
        "import litellm\n"
        "\n"
        "\n"
        "def vectors(texts):\n"
        "    return litellm.embedding(\n"
        '        model="openai/embedding-3",\n'
        '        api_key=os.environ["ZAI_API_KEY"],\n'
        '        api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        input=texts,\n"
        "    )\n",
        id="embeddings-openai-route",
    ),
    pytest.param(
        "deepseek",
        "import os\n"
        "\n"
        "from litellm import Router\n"
        "\n"
        "MODELS = [\n"
        "    {\n"
        '        "model_name": "gpt-4o",\n'
        '        "litellm_params": {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]},\n'
        "    },\n"
        '    {"model_name": "claude", "litellm_params": {"model": "anthropic/claude-3-5-sonnet"}},\n'
        "]\n"
        "router = Router(model_list=MODELS)\n"
        "\n"
        "\n"
        "def ask(q):\n"
        '    return router.completion(model="gpt-4o", messages=[{"role": "user", "content": q}])\n',
        "import os\n"
        "\n"
        "from litellm import Router\n"
        "\n"
        "MODELS = [\n"
        "    {\n"
        '        "model_name": "gpt-4o",\n'
        '        "litellm_params": {\n'
        '            "model": "deepseek/deepseek-v4-pro",\n'
        '            "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '            "api_base": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "        },\n"
        "    },\n"
        '    {"model_name": "claude", "litellm_params": {"model": "anthropic/claude-3-5-sonnet"}},\n'
        "]\n"
        "router = Router(model_list=MODELS)\n"
        "\n"
        "\n"
        "def ask(q):\n"
        '    return router.completion(model="gpt-4o", messages=[{"role": "user", "content": q}])\n',
        id="router-aliases-stay",
    ),
    pytest.param(
        "zhipu",
        "import dspy\n"
        "\n"
        'lm = dspy.LM("openai/gpt-4o-mini", max_tokens=200)\n'
        "dspy.configure(lm=lm)\n"
        'old = dspy.OpenAI(model="gpt-3.5-turbo")\n'
        'local = dspy.LM("ollama_chat/llama3", api_base="http://localhost:11434")\n',
        "import os\n"
        "\n"
        "import dspy\n"
        "\n"
        "lm = dspy.LM(\n"
        '    "openai/glm-4-air-250414",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    max_tokens=200,\n"
        ")\n"
        "dspy.configure(lm=lm)\n"
        "old = dspy.OpenAI(\n"
        '    model="glm-4-flash",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n"
        'local = dspy.LM("ollama_chat/llama3", api_base="http://localhost:11434")\n',
        id="dspy",
    ),
    pytest.param(
        "ernie",
        'import litellm\n\nreply = litellm.completion(model="gpt-4o", messages=[])\n',
        "import os\n"
        "\n"
        "import litellm\n"
        "\n"
        "reply = litellm.completion(\n"
        '    model="openai/ernie-4.5-turbo-128k",\n'
        '    api_key=os.environ.get("QIANFAN_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("QIANFAN_BASE_URL", "https://qianfan.baidubce.com/v2"),\n'
        "    messages=[],\n"
        ")\n",
        id="provider-without-litellm-route",
    ),
    pytest.param(
        "zhipu",
        "# run by a plugin system that injects the modules listed in `imports`\n"
        '@register(imports=["litellm"])\n'
        "def react(messages):\n"
        '    return litellm.completion(model="gpt-4o", messages=messages)\n',
        "# run by a plugin system that injects the modules listed in `imports`\n"
        "import os\n"
        "\n"
        "\n"
        '@register(imports=["litellm"])\n'
        "def react(messages):\n"
        "    return litellm.completion(\n"
        '        model="zai/glm-5.3",\n'
        '        api_key=os.environ["ZAI_API_KEY"],\n'
        '        api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        messages=messages,\n"
        "    )\n",
        id="module-injected-not-imported",
    ),
    pytest.param(
        "zhipu",
        "def react(litellm, messages):\n"
        '    return litellm.completion(model="gpt-4o", messages=messages)\n',
        "def react(litellm, messages):\n"
        '    return litellm.completion(model="gpt-4o", messages=messages)\n',
        id="a-parameter-named-like-the-module-is-not-the-module",
    ),
]


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after


@pytest.mark.parametrize(
    "params",
    [
        'params = {"model": model or "gpt-4o-mini", "messages": []}\n    return completion(**params)',
        'return completion(**{"model": model if model else "gpt-4o-mini", "messages": []})',
    ],
)
def test_a_run_time_choice_in_a_dict_spread_into_litellm_is_left_for_a_person(registry, params):
    """ML640 does not own a model chosen at run time; mapping its OpenAI default to a bare
    provider model would give litellm a name it routes nowhere (no prefix, key or base)."""
    before = f"from litellm import completion\n\n\ndef ask(model=None):\n    {params}\n"
    assert findings(registry, before, "qwen") == [(5, "ML206", "manual")]
    assert applied(registry, before, "qwen") == before


SMOLAGENTS = (
    "import os\n\nfrom smolagents import LiteLLMModel, OpenAIServerModel\n\n"
    'chat = LiteLLMModel(model_id="openai/gpt-4o-mini", api_key=os.getenv("OPENAI_API_KEY"))\n'
    'server = OpenAIServerModel("gpt-4o")\n'
)


def test_smolagents_model_classes_get_the_providers_model_key_and_base_url(registry):
    """LiteLLMModel routes by litellm's prefix; OpenAIServerModel builds an OpenAI client
    (a bare model id, OpenAI's key and URL unless given)."""
    assert applied(registry, SMOLAGENTS, "deepseek") == (
        "import os\n\nfrom smolagents import LiteLLMModel, OpenAIServerModel\n\n"
        "chat = LiteLLMModel(\n"
        '    model_id="deepseek/deepseek-flash",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
        "server = OpenAIServerModel(\n"
        '    "deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
    )
    assert "ML206" not in {rule for _, rule, _ in findings(registry, SMOLAGENTS, "deepseek")}


def test_smolagents_azure_class_is_left_for_a_person(registry):
    text = (
        "from smolagents import AzureOpenAIServerModel\n\n"
        'model = AzureOpenAIServerModel(model_id="gpt-4o", azure_endpoint="https://x.example")\n'
    )
    assert findings(registry, text, "deepseek") == [(3, "ML640", "manual")]
    assert applied(registry, text, "deepseek") == text


def test_dspy_embedder_is_moved_where_the_provider_serves_embeddings(registry):
    text = 'import dspy\n\nembedder = dspy.Embedder(model="openai/text-embedding-3-small")\n'
    assert applied(registry, text, "zhipu") == (
        "import os\n\nimport dspy\n\nembedder = dspy.Embedder(\n"
        '    model="openai/embedding-3",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n"
    )


@pytest.mark.parametrize(
    ("call", "line"),
    [
        ('dspy.Embedder("openai/text-embedding-3-small", caching=False)', 3),
        ('litellm.embedding(model="text-embedding-3-small", input=["a"])', 3),
    ],
)
def test_embeddings_for_a_provider_without_them_are_left_on_openai(registry, call, line):
    """DeepSeek serves no embeddings: pointing the call there would break it, and `check`
    must keep failing."""
    text = f"import dspy\nimport litellm\n{call}\n"
    assert findings(registry, text, "deepseek") == [(line, "ML640", "manual")]
    assert applied(registry, text, "deepseek") == text


def test_dspy_embedder_given_a_function_is_not_a_model(registry):
    text = (
        "import dspy\n\n\ndef encode(texts):\n    return texts\n\n\nemb = dspy.Embedder(encode)\n"
    )
    assert findings(registry, text, "deepseek") == []


def test_an_explicit_key_and_url_are_one_finding_with_one_edit(registry):
    """The key and the URL move together (with the model between them)."""
    text = (
        "import os\n\nimport dspy\n\nlm = dspy.LM(\n"
        '    api_key=os.environ["OPENAI_API_KEY"],\n'
        '    model="openai/gpt-4o-mini",\n'
        '    api_base="https://api.openai.com/v1",\n'
        ")\n"
    )
    assert [f for f in findings(registry, text, "deepseek") if f[1] == "ML640"] == [
        (6, "ML640", "review"),
        (7, "ML640", "review"),
    ]
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport dspy\n\nlm = dspy.LM(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    model="openai/deepseek-flash",\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
    )


def _ml640(registry, text: str, provider: str = "zhipu") -> list[tuple[int, int, str, str]]:
    """(line, column, fix, message) of the ML640 findings that move the endpoint."""
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML640" and "sends the request to OpenAI" in f.message
    ]


ZHIPU_ENDPOINT = (
    "litellm.completion() sends the request to OpenAI; apply passes the key from ZAI_API_KEY "
    "and the base URL from ZAI_BASE_URL (default https://open.bigmodel.cn/api/paas/v4)"
)


@pytest.mark.parametrize(
    ("given", "after"),
    [
        (
            'api_key=os.environ["OPENAI_API_KEY"]',
            '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
            '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n',
        ),
        (
            'api_base="https://api.openai.com/v1"',
            '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
            '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n',
        ),
        (
            "base_url=None",
            '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
            '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n',
        ),
    ],
)
def test_a_call_giving_its_key_or_its_url_alone_is_one_finding_with_one_edit(
    registry, given, after
):
    # the t34 trials: the key given and the base URL missing were two findings with the same
    # message, one on the call and one on the key
    text = (
        "import os\n\nimport litellm\n\n"
        f'reply = litellm.completion(model="gpt-4o", {given}, messages=[])\n'
    )
    assert _ml640(registry, text) == [(5, 9, "review", ZHIPU_ENDPOINT)]
    assert applied(registry, text, "zhipu") == (
        "import os\n\nimport litellm\n\nreply = litellm.completion(\n"
        '    model="zai/glm-5.3",\n' + after + "    messages=[],\n)\n"
    )


def test_a_key_before_the_model_gets_the_url_beside_it(registry):
    text = (
        "import litellm\n\n\ndef ask(key, q):\n"
        '    return litellm.acompletion(api_key=key, model="gpt-4o-mini", messages=q)\n'
    )
    assert _ml640(registry, text, "deepseek") == [
        (
            5,
            12,
            "review",
            ZHIPU_ENDPOINT.replace("litellm.completion", "litellm.acompletion")
            .replace("ZAI_", "DEEPSEEK_")
            .replace("https://open.bigmodel.cn/api/paas/v4", "https://api.deepseek.com"),
        )
    ]
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport litellm\n\n\ndef ask(key, q):\n"
        "    return litellm.acompletion(\n"
        '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        '        api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '        model="deepseek/deepseek-flash",\n'
        "        messages=q,\n    )\n"
    )


def test_an_embedder_kept_on_openai_says_how_to_record_it(registry, tmp_path, monkeypatch):
    # dspy re-run: keeping the call on OpenAI with OpenAI's key, as the message said, left
    # check failing; the suppression it now names ends that
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    monkeypatch.chdir(tmp_path)
    call = (
        'emb = dspy.Embedder("openai/text-embedding-3-small", api_key=os.environ["OPENAI_API_KEY"])'
    )
    (tmp_path / "embed.py").write_text(f"import os\n\nimport dspy\n\n{call}\n")
    result = CliRunner().invoke(app, ["check", "-p", "deepseek"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "embed.py:5:21 ML640 model='openai/text-embedding-3-small' of dspy.Embedder() is an "
        "OpenAI embeddings model and DeepSeek serves no embeddings: embed with another provider, "
        "or keep this call on OpenAI with OpenAI's key and say so with `# migrate-llm: "
        "ignore[ML640,ML401]` on it, by hand"
    )
    (tmp_path / "embed.py").write_text(
        f"import os\n\nimport dspy\n\n{call}  # migrate-llm: ignore[ML640,ML401]\n"
    )
    assert CliRunner().invoke(app, ["check", "-p", "deepseek"]).exit_code == 0


def _plain_scan(registry, text: str) -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding of `scan` without a provider."""
    ctx = RuleContext(registry, None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


NO_PROVIDER_TAIL = "`migrate-llm apply --provider ID` points it at a provider"


def test_scan_without_a_provider_reports_calls_that_send_an_openai_model(registry):
    """Without a provider no edit is known, so each call that `apply --provider` would move
    is a manual finding naming its model (the same in a Router deployment and a dict spread
    into the call); a call pointed elsewhere, another provider's model and a model chosen at
    run time are not."""
    text = (
        "import dspy\nimport litellm\nfrom litellm import Router\n\n"
        'MODEL = "text-embedding-3-small"\n'
        'lm = dspy.LM("openai/gpt-4o-mini")\n'
        'reply = litellm.completion(model="gpt-4o", messages=[])\n'
        'vectors = litellm.embedding(MODEL, input=["a"])\n'
        'local = litellm.completion(model="gpt-4o", api_base="http://localhost:4000")\n'
        'other = litellm.completion(model="anthropic/claude-3-5-sonnet", messages=[])\n'
        'params = {"model": "gpt-4o-mini", "messages": []}\n'
        "spread = litellm.completion(**params)\n"
        'router = Router(model_list=[{"model_name": "m", "litellm_params": {"model": "gpt-4o"}}])\n'
        "\n\ndef ask(name):\n    return litellm.completion(model=name, messages=[])\n"
    )
    assert _plain_scan(registry, text) == [
        (
            6,
            "ML640",
            "manual",
            "dspy.LM() sends the request to OpenAI: model='openai/gpt-4o-mini' is an OpenAI "
            f"model; {NO_PROVIDER_TAIL}",
        ),
        (
            7,
            "ML640",
            "manual",
            "litellm.completion() sends the request to OpenAI: model='gpt-4o' is an OpenAI "
            f"model; {NO_PROVIDER_TAIL}",
        ),
        (
            8,
            "ML640",
            "manual",
            "litellm.embedding() sends the request to OpenAI: model='text-embedding-3-small' "
            f"is an OpenAI model; {NO_PROVIDER_TAIL}",
        ),
        (
            11,
            "ML640",
            "manual",
            "litellm.completion() sends the request to OpenAI: model='gpt-4o-mini' is an "
            f"OpenAI model; {NO_PROVIDER_TAIL}",
        ),
        (
            13,
            "ML640",
            "manual",
            "a Router deployment sends the request to OpenAI: model='gpt-4o' is an OpenAI "
            f"model; {NO_PROVIDER_TAIL}",
        ),
    ]


def test_scan_without_a_provider_sends_a_call_with_mapping_arguments_to_scan(registry):
    """`**kwargs` may hold the key or URL: with a provider apply leaves the endpoint to a
    person, so the advice is `scan --provider`, not `apply`."""
    text = (
        'import litellm\n\n\ndef ask(**kw):\n    return litellm.completion(model="gpt-4o", **kw)\n'
    )
    assert _plain_scan(registry, text) == [
        (
            5,
            "ML640",
            "manual",
            "litellm.completion() sends the request to OpenAI: model='gpt-4o' is an OpenAI "
            "model; `migrate-llm scan --provider ID` says what to pass",
        )
    ]


def test_scan_with_openai_as_the_provider_reports_no_litellm_call(registry):
    text = 'import litellm\nlitellm.completion(model="gpt-4o", messages=[])\n'
    assert findings(registry, text, "openai") == []
