"""Rewrite tests for litellm, DSPy and smolagents (ML640): exact text after `apply` (every Python
rule, the real provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings
from .searched_text import Searched

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
        '        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",\n'
        "        api_base=os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        '        messages=[{"role": "user", "content": q}],\n'
        "    )\n"
        "    second = litellm.completion(\n"
        '        "dashscope/qwen-plus",\n'
        '        [{"role": "user", "content": q}],\n'
        '        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",\n'
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
        '        api_key=os.environ["ZAI_API_KEY"] or "unset",\n'
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
        '    api_key=os.environ.get("ZAI_API_KEY") or "unset",\n'
        '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    max_tokens=200,\n"
        ")\n"
        "dspy.configure(lm=lm)\n"
        "old = dspy.OpenAI(\n"
        '    model="glm-4-flash",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        "    api_base=os.environ.get(\n"
        '        "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        '    ).rstrip("/")\n'
        '    + "/",\n'
        '    model_type="chat",\n'
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
        '    api_key=os.environ.get("QIANFAN_API_KEY") or "unset",\n'
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
        '        api_key=os.environ["ZAI_API_KEY"] or "unset",\n'
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
    ("params", "written"),
    [
        (
            'params = {"model": model or "gpt-4o-mini", "messages": []}\n    return completion(**params)',
            'params = {"model": model or "dashscope/qwen-plus", "messages": []}\n'
            "    return completion(**params)",
        ),
        (
            'return completion(**{"model": model if model else "gpt-4o-mini", "messages": []})',
            "return completion(\n"
            '        **{"model": model if model else "dashscope/qwen-plus", "messages": []}\n'
            "    )",
        ),
    ],
)
def test_a_run_time_choice_in_a_dict_spread_into_litellm_is_mapped_as_on_the_call(
    registry, params, written
):
    """ML640 does not own a model chosen at run time, and warns of the call as it does for
    `completion(model=model or "gpt-4o-mini")`; the OpenAI default there is the fallback of
    the call's model, which ML204 writes on litellm's route as it does on the call (t49a:
    bilingual_book_maker's `completion(**kwargs)` was left beside a mapped `model=`)."""
    before = f"from litellm import completion\n\n\ndef ask(model=None):\n    {params}\n"
    assert findings(registry, before, "qwen") == [(5, "ML640", "manual"), (5, "ML204", "review")]
    after = before.replace(params, written)
    assert applied(registry, before, "qwen") == after


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


def test_a_module_naming_smolagents_is_searched_for_its_openai_classes_once(registry):
    """Each model setting of a module that names smolagents searched the whole text for
    smolagents' OpenAI classes: a search of the module for each setting. Each class name is
    searched for once."""
    counts = []
    for count in (5, 40):
        text = (
            "import litellm\nfrom smolagents import CodeAgent\n\n"
            "litellm.completion(model=pick(), messages=[])\n"
        ) + "".join(f'\nMODEL_{i} = "gpt-4o"\n' for i in range(count))
        words: list[str] = []
        ctx = RuleContext(registry, registry.get("zhipu"))
        found = check_python(Searched(text, words), ctx, PYTHON_RULES)
        settings = [(f.line, f.fix.value, f.edit.text) for f in found if f.rule == "ML204"]
        assert settings == [(6 + 2 * i, "review", '"zai/glm-5.3"') for i in range(count)]
        assert words.count("OpenAIServerModel") == 1
        counts.append(len(words))
    assert counts[0] == counts[1]


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
        '    api_key=os.environ.get("ZAI_API_KEY") or "unset",\n'
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
        '    api_key=os.environ.get("DEEPSEEK_API_KEY") or "unset",\n'
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
            '    api_key=os.environ.get("ZAI_API_KEY") or "unset",\n'
            '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n',
        ),
        (
            'api_base="https://api.openai.com/v1"',
            '    api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
            '    api_key=os.environ.get("ZAI_API_KEY") or "unset",\n',
        ),
        (
            "base_url=None",
            '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
            '    api_key=os.environ.get("ZAI_API_KEY") or "unset",\n',
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
        "import os\n\nimport litellm\n\n\ndef ask(q):\n"
        '    return litellm.acompletion(api_key=os.environ["OPENAI_API_KEY"], '
        'model="gpt-4o-mini", messages=q)\n'
    )
    assert _ml640(registry, text, "deepseek") == [
        (
            7,
            12,
            "review",
            ZHIPU_ENDPOINT.replace("litellm.completion", "litellm.acompletion")
            .replace("ZAI_", "DEEPSEEK_")
            .replace("https://open.bigmodel.cn/api/paas/v4", "https://api.deepseek.com"),
        )
    ]
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport litellm\n\n\ndef ask(q):\n"
        "    return litellm.acompletion(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
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


def ml640(registry, text: str, provider: str) -> list:
    """The ML640 findings of `text` for `provider`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML640"]


def test_smolagents_router_model_deployments_are_written_on_litellms_route(registry):
    """LiteLLMRouterModel builds litellm's Router from `model_list` (its second argument):
    each deployment's model is moved as a Router's is, on litellm's deepseek route; the key
    and base URL go to LiteLLMRouterModel itself, which passes its own on every call over the
    deployment's; `model_id` and `model_name` are the application's aliases and stay."""
    before = (
        "import os\n\nfrom smolagents import LiteLLMRouterModel\n\n"
        "model = LiteLLMRouterModel(\n"
        '    "gpt-4o",\n'
        "    [\n"
        "        {\n"
        '            "model_name": "gpt-4o",\n'
        '            "litellm_params": {\n'
        '                "model": "gpt-4o-mini",\n'
        '                "api_key": os.getenv("OPENAI_API_KEY"),\n'
        "            },\n"
        "        }\n"
        "    ],\n"
        ")\n"
    )
    assert findings(registry, before, "deepseek") == [
        (5, "ML640", "review"),
        (11, "ML640", "review"),
        (12, "ML401", "safe"),
    ]
    assert applied(registry, before, "deepseek") == (
        "import os\n\nfrom smolagents import LiteLLMRouterModel\n\n"
        "model = LiteLLMRouterModel(\n"
        '    "gpt-4o",\n'
        "    [\n"
        "        {\n"
        '            "model_name": "gpt-4o",\n'
        '            "litellm_params": {\n'
        '                "model": "deepseek/deepseek-flash",\n'
        '                "api_key": os.getenv("DEEPSEEK_API_KEY"),\n'
        "            },\n"
        "        }\n"
        "    ],\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
    )


LITELLM_MODEL_CLI = (
    "import argparse\n\nfrom smolagents import LiteLLMModel\n\n\n"
    "def parse_args():\n"
    "    parser = argparse.ArgumentParser()\n"
    '    parser.add_argument("--model-id", default="o1")\n'
    "    return parser.parse_args()\n\n\n"
    "def build(args):\n"
    '    params = {"model_id": args.model_id, "max_completion_tokens": 8192}\n'
    "    return LiteLLMModel(**params)\n"
)


def test_a_command_line_model_for_litellm_model_is_written_on_litellms_route(registry):
    """A module building smolagents' LiteLLMModel calls litellm: its model option's default
    gets litellm's deepseek route (a bare "deepseek-flash" is routed nowhere), and the call,
    whose model comes from the command line through `**params`, is left for a person."""
    left = ml640(registry, LITELLM_MODEL_CLI, "deepseek")
    assert [(f.line, f.message, f.fix.value) for f in left] == [
        (
            13,
            "LiteLLMModel() takes its model from `args.model_id` (through `**`) at run time: an "
            "OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for "
            "DeepSeek give it deepseek/<model> (deepseek-v4-pro, deepseek-flash) and, only where "
            'the model is on that route (`if args.model_id.startswith("deepseek/"):`: another '
            "route would take them to its host), "
            'api_key=os.environ["DEEPSEEK_API_KEY"] and api_base=os.environ.get('
            '"DEEPSEEK_BASE_URL", "https://api.deepseek.com") (as apply\'s edits write them; '
            "litellm's deepseek/ route reads DEEPSEEK_API_BASE itself only where a call passes "
            "no api_base), by hand",
            "manual",
        )
    ]
    assert applied(registry, LITELLM_MODEL_CLI, "deepseek") == LITELLM_MODEL_CLI.replace(
        'default="o1"', 'default="deepseek/deepseek-flash"'
    )


def test_litellm_model_given_keywords_the_module_does_not_show_is_left_for_a_person(registry):
    before = (
        "from smolagents import LiteLLMModel\n\n\ndef build(**kw):\n    return LiteLLMModel(**kw)\n"
    )
    found = ml640(registry, before, "deepseek")
    assert [(f.line, f.message, f.severity.value, f.fix.value) for f in found] == [
        (
            5,
            "LiteLLMModel() takes its model from `**kw`, which this module does not show: an "
            "OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for "
            "DeepSeek give it model_id=deepseek/<model> (deepseek-v4-pro, deepseek-flash) and, "
            'only where the model is on that route (`if model.startswith("deepseek/"):`: '
            "another route would take them to its host), "
            'api_key=os.environ["DEEPSEEK_API_KEY"] and api_base=os.environ.get('
            '"DEEPSEEK_BASE_URL", "https://api.deepseek.com") (as apply\'s edits write them; '
            "litellm's deepseek/ route reads DEEPSEEK_API_BASE itself only where a call passes "
            "no api_base), by hand",
            "warning",
            "manual",
        )
    ]
    assert applied(registry, before, "deepseek") == before


def test_a_default_model_a_branch_tests_is_left_but_the_endpoint_moves(registry):
    """`model_id == "o1"` picks a branch: writing the provider's model in the default would
    change it (as ML204 leaves such a default); the key and base URL still go in the dict."""
    before = (
        "from smolagents import LiteLLMModel\n\n\n"
        'def create(model_id="o1"):\n'
        '    params = {"model_id": model_id}\n'
        '    if model_id == "o1":\n'
        '        params["reasoning_effort"] = "high"\n'
        "    return LiteLLMModel(**params)\n"
    )
    found = ml640(registry, before, "deepseek")
    assert [(f.line, f.message, f.fix.value) for f in found] == [
        (
            4,
            "default of model_id = 'o1' (the model of LiteLLMModel()) maps to "
            "'deepseek/deepseek-flash' on DeepSeek, but apply leaves it: model_id == \"o1\" on "
            "line 6 tests it, which 'o1' passes and 'deepseek/deepseek-flash' does not, so the "
            "program would take another branch; change the test and the model together, by hand",
            "manual",
        ),
        (
            5,
            "LiteLLMModel() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
            "review",
        ),
    ]
    assert applied(registry, before, "deepseek") == (
        "import os\n\nfrom smolagents import LiteLLMModel\n\n\n"
        'def create(model_id="o1"):\n'
        "    params = {\n"
        '        "model_id": model_id,\n'
        '        "api_key": os.environ["DEEPSEEK_API_KEY"],\n'
        '        "api_base": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    }\n"
        '    if model_id == "o1":\n'
        '        params["reasoning_effort"] = "high"\n'
        "    return LiteLLMModel(**params)\n"
    )


DSPY_PARAMS = 'import dspy\n\nlm = dspy.LM("openai/gpt-4o", temperature=0.7, max_tokens=2000)\n'


def test_dspy_lm_keywords_follow_the_providers_model_params(registry):
    """litellm's openai/ route sends DSPy's keywords as they are: kimi-k2.6 fixes temperature
    (ML115 removes it) and Moonshot takes max_completion_tokens (ML112 renames it), as for
    an SDK request."""
    assert findings(registry, DSPY_PARAMS, "moonshot") == [
        (3, "ML640", "review"),
        (3, "ML640", "review"),
        (3, "ML115", "review"),
        (3, "ML112", "review"),  # an uncertain fact
    ]
    assert applied(registry, DSPY_PARAMS, "moonshot") == (
        "import os\n\nimport dspy\n\nlm = dspy.LM(\n"
        '    "openai/kimi-k2.6",\n'
        '    api_key=os.environ.get("MOONSHOT_API_KEY") or "unset",\n'
        '    api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "    max_completion_tokens=2000,\n"
        ")\n"
    )


@pytest.mark.parametrize(
    ("base", "found"),
    [
        ('os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")', ["ML115"]),
        ('"http://localhost:8000/v1"', []),
    ],
)
def test_a_migrated_dspy_lm_is_checked_on_the_providers_endpoint_only(registry, base, found):
    """After apply (the provider's base URL) `check` still sees a fixed temperature; an LM
    pointed at another server (a local one) is that server's business."""
    text = f'import os\n\nimport dspy\n\nlm = dspy.LM("openai/kimi-k2.6", api_base={base}, temperature=0.7)\n'
    assert [rule for _, rule, _ in findings(registry, text, "moonshot")] == found


@pytest.mark.parametrize(
    ("prompt", "after"),
    [
        (
            'input("Enter your OpenAI API key: ")',
            'input("Enter your Moonshot AI (Kimi) API key: ")',
        ),
        ("getpass.getpass()", "getpass.getpass()"),
        (
            'getpass.getpass(prompt="OPENAI_API_KEY: ")',
            'getpass.getpass(prompt="MOONSHOT_API_KEY: ")',
        ),
    ],
)
def test_a_key_typed_for_dspy_lm_is_kept_and_its_prompt_named(registry, prompt, after):
    """The key a person types is theirs (as on an OpenAI client, ML001): it stays, the
    message says the prompt on line 5 must ask for a Moonshot key, and a prompt naming
    OpenAI's key is reworded (its own finding)."""
    before = (
        "import getpass\n\nimport dspy\n\n"
        f"api_key = {prompt}\n"
        'lm = dspy.LM("openai/gpt-4o-mini", api_key=api_key)\n'
    )
    assert _ml640(registry, before, "moonshot") == [
        (
            6,
            6,
            "review",
            "dspy.LM() sends the request to OpenAI; for Moonshot AI (Kimi) the base URL comes "
            "from MOONSHOT_BASE_URL (default https://api.moonshot.cn/v1) and the key typed at "
            "run time (line 5) goes there: the prompt must ask for a Moonshot AI (Kimi) key",
        )
    ]
    assert applied(registry, before, "moonshot") == (
        "import getpass\nimport os\n\nimport dspy\n\n"
        f"api_key = {after}\n"
        "lm = dspy.LM(\n"
        '    "openai/kimi-k2.6",\n'
        "    api_key=api_key,\n"
        '    api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        ")\n"
    )


def _prompts(registry, text: str, provider: str = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of the findings on a prompt's text."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.message.startswith("the prompt ")
    ]


def test_a_prompt_for_the_key_of_dspy_lm_naming_openai_is_reworded_by_apply(registry):
    before = (
        "import dspy\n\n\ndef make():\n"
        '    key = input("Enter your OpenAI API key: ")\n'
        '    return dspy.LM("openai/gpt-4o", api_key=key)\n'
    )
    assert _prompts(registry, before) == [
        (
            5,
            "ML640",
            "review",
            "the prompt 'Enter your OpenAI API key:' asks for an OpenAI key, and the key typed "
            'there goes to Acme Cloud; apply writes "Enter your Acme Cloud API key: "',
        )
    ]
    after = applied(registry, before, "acme")
    assert 'key = input("Enter your Acme Cloud API key: ")\n' in after
    assert _prompts(registry, after) == []


@pytest.mark.parametrize(
    ("prompt", "shown"),
    [
        (
            'input("Paste the key from platform.openai.com: ")',
            "'Paste the key from platform.openai.com:'",
        ),
        ('input(f"OpenAI key for {name}: ")', '`f"OpenAI key for {name}: "`'),
    ],
)
def test_a_prompt_naming_openai_otherwise_is_left_and_check_stays_red_after_apply(
    registry, prompt, shown
):
    """Only OpenAI's key named as such in a literal is reworded: anything else is a person's
    to reword, and is still reported once the call is on the provider's endpoint."""
    before = (
        "import litellm\n\n\ndef ask(name, q):\n"
        f"    key = {prompt}\n"
        '    return litellm.completion(model="gpt-4o", api_key=key, messages=q)\n'
    )
    left = [
        (
            5,
            "ML640",
            "manual",
            f"the prompt {shown} asks for an OpenAI key, and the key typed there goes to Acme "
            "Cloud: make it ask for an Acme Cloud key, by hand",
        )
    ]
    assert _prompts(registry, before) == left
    after = applied(registry, before, "acme")
    assert after == (
        "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
        f"    key = {prompt}\n"
        "    return litellm.completion(\n"
        '        model="acme/acme-large",\n'
        "        api_key=key,\n"
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        messages=q,\n    )\n"
    )
    assert _prompts(registry, after) == [(7, *left[0][1:])]  # below `import os`


@pytest.mark.parametrize(
    ("key", "kept"),
    [
        ("key", "key"),
        ("self.key", "self.key"),
        ('cfg["api_key"]', 'cfg["api_key"]'),
        ('key or os.getenv("OPENAI_API_KEY")', "key"),
    ],
)
def test_a_key_the_program_passes_in_is_kept_with_the_providers_as_fallback(registry, key, kept):
    """As ML001 keeps a client's: `key or os.environ[...]`, an OpenAI read in it dropped."""
    before = (
        "import os\n\nimport dspy\n\n\nclass Bot:\n"
        "    def make(self, key, cfg):\n"
        f'        return dspy.LM("openai/gpt-4o", api_key={key})\n'
    )
    assert _ml640(registry, before, "acme") == [
        (
            8,
            16,
            "review",
            "dspy.LM() sends the request to OpenAI; for Acme Cloud read the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1) and keep the key your code "
            f"passes (`{kept}`), with ACME_API_KEY when it is empty: it must be an Acme Cloud key",
        )
    ]
    assert applied(registry, before, "acme") == (
        "import os\n\nimport dspy\n\n\nclass Bot:\n"
        "    def make(self, key, cfg):\n"
        "        return dspy.LM(\n"
        '            "openai/acme-large",\n'
        f'            api_key={kept} or os.environ.get("ACME_API_KEY") or "unset",\n'
        '            api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        )\n"
    )


@pytest.mark.parametrize(
    "key",
    [
        'os.getenv("OPENAI_API_KEY")',
        "KEY",
        '"sk-proj-0123456789abcdefghij0123"',
        "None",
    ],
)
def test_an_openai_read_or_literal_key_of_a_litellm_call_is_replaced(registry, key):
    """A read of OPENAI_API_KEY (also through a module constant) and a literal key are
    replaced by the provider's variable, as on an OpenAI client: a literal is never kept."""
    before = (
        'import os\n\nimport litellm\n\nKEY = os.environ["OPENAI_API_KEY"]\n\n\n'
        "def ask(q):\n"
        f'    return litellm.completion(model="gpt-4o", api_key={key}, messages=q)\n'
    )
    (found,) = _ml640(registry, before, "acme")
    assert found[3].endswith(
        "apply passes the key from ACME_API_KEY and the base URL from "
        "ACME_BASE_URL (default https://api.acme.example/v1)"
    )
    assert applied(registry, before, "acme") == (
        'import os\n\nimport litellm\n\nKEY = os.environ["ACME_API_KEY"]\n\n\n'
        "def ask(q):\n"
        "    return litellm.completion(\n"
        '        model="acme/acme-large",\n'
        '        api_key=os.environ["ACME_API_KEY"],\n'
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        messages=q,\n    )\n"
    )


def test_a_router_deployment_keeps_a_key_from_settings(registry):
    before = (
        "from litellm import Router\n\nfrom app.config import settings\n\n"
        "router = Router(\n    model_list=[\n        {\n"
        '            "model_name": "fast",\n'
        '            "litellm_params": {"model": "gpt-4o", "api_key": settings.llm_api_key},\n'
        "        }\n    ]\n)\n"
    )
    assert applied(registry, before, "acme") == (
        "import os\n\nfrom litellm import Router\n\nfrom app.config import settings\n\n"
        "router = Router(\n    model_list=[\n        {\n"
        '            "model_name": "fast",\n'
        '            "litellm_params": {\n'
        '                "model": "acme/acme-large",\n'
        '                "api_key": settings.llm_api_key\n'
        '                or os.environ.get("ACME_API_KEY", "unset"),\n'
        '                "api_base": os.environ.get(\n'
        '                    "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "                ),\n"
        "            },\n        }\n    ]\n)\n"
    )


def test_a_router_deployment_given_a_key_named_for_openai_is_left(registry):
    """`settings.openai_api_key` is most likely the OpenAI key: kept, it would go to the
    provider (as ML001 and ML601 leave such a key)."""
    before = (
        "from litellm import Router\n\nfrom app.config import settings\n\n"
        "router = Router(\n    model_list=[\n        {\n"
        '            "model_name": "fast",\n'
        '            "litellm_params": {"model": "gpt-4o", "api_key": settings.openai_api_key},\n'
        "        }\n    ]\n)\n"
    )
    assert _ml640(registry, before, "acme") == [
        (
            9,
            31,
            "manual",
            "a Router deployment sends the request to OpenAI; its key "
            "`settings.openai_api_key` names OpenAI, so it likely holds the OpenAI key: kept, "
            "that key would go to Acme Cloud; give this deployment Acme Cloud's key "
            "(ACME_API_KEY) in its place, by hand: apply points it at Acme Cloud once "
            "`settings.openai_api_key` no longer names OpenAI (renamed where it is set and "
            "read, as it then holds that key)",
        )
    ]
    assert applied(registry, before, "acme") == before


def test_a_passed_key_that_may_hold_an_azure_key_leaves_the_call_to_a_person(registry):
    """As ML001 leaves such a client: kept, the Azure key would go to the provider."""
    before = (
        "import os\n\nimport litellm\n\n\nclass Bot:\n    def __init__(self):\n"
        '        self.key = os.environ["AZURE_OPENAI_API_KEY"]\n\n'
        "    def ask(self, q):\n"
        '        return litellm.completion(model="gpt-4o", api_key=self.key, messages=q)\n'
    )
    assert _ml640(registry, before, "acme") == [
        (
            11,
            16,
            "manual",
            "litellm.completion() sends the request to OpenAI; its key `self.key` may hold "
            "AZURE_OPENAI_API_KEY (read on line 8, which apply leaves as it is: see there): "
            "kept, that key would go to Acme Cloud; give this call Acme Cloud's key "
            "(ACME_API_KEY) apart, by hand",
        )
    ]
    assert applied(registry, before, "acme") == before


def test_a_setting_beside_litellm_model_and_openai_server_model_is_left_with_both_spellings(
    registry,
):
    """A module building both of smolagents' classes may send a setting to either: litellm
    needs deepseek/<model>, the OpenAI client the bare id."""
    text = (
        "from smolagents import LiteLLMModel, OpenAIServerModel\n\n"
        'MODEL = "gpt-4o"\n\n\n'
        "def make(name, kind):\n"
        '    if kind == "litellm":\n'
        "        return LiteLLMModel(model_id=name)\n"
        "    return OpenAIServerModel(model_id=name)\n"
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    (setting,) = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert (setting.line, setting.fix.value) == (3, "manual")
    assert setting.message.endswith(
        "write 'deepseek/deepseek-v4-pro' where it reaches litellm, 'deepseek-v4-pro' where it "
        "reaches an OpenAI client, by hand"
    )


def test_a_bare_openai_model_of_dspy_lm_is_read_on_the_route_apply_writes(registry):
    before = 'import dspy\n\nlm = dspy.LM(model="gpt-5", temperature=1.0, max_tokens=32000)\n'
    assert applied(registry, before, "moonshot") == (
        "import os\n\nimport dspy\n\nlm = dspy.LM(\n"
        '    model="openai/kimi-k2.6",\n'
        '    api_key=os.environ.get("MOONSHOT_API_KEY") or "unset",\n'
        '    api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "    max_completion_tokens=32000,\n"
        ")\n"
    )


LITELLM_MODEL_LIMITS = (
    "import os\n\nfrom smolagents import LiteLLMModel\n\n"
    "model = LiteLLMModel(\n"
    '    model_id="deepseek/deepseek-v4-pro",\n'
    '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    max_completion_tokens=8192,\n"
    ")\n"
    "params = {\n"
    '    "model_id": "deepseek/deepseek-v4-pro",\n'
    '    "max_completion_tokens": 8192,\n'
    '    "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    "}\n"
    "spread = LiteLLMModel(**params)\n"
)


def test_litellm_model_keywords_on_deepseeks_own_route_use_its_token_limit_name(registry):
    """litellm's deepseek/ route sends max_completion_tokens as it is (DeepSeekChatConfig keeps
    OpenAIGPTConfig's mapping), and DeepSeek takes max_tokens: ML112 renames it in the call
    and in the dict spread into LiteLLMModel, as in an SDK request."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(LITELLM_MODEL_LIMITS, ctx, PYTHON_RULES)]
    assert [(f.line, f.rule, f.fix.value, f.message) for f in found] == [
        (9, "ML112", "safe", "DeepSeek takes max_tokens=, not max_completion_tokens="),
        (13, "ML112", "safe", "DeepSeek takes max_tokens=, not max_completion_tokens="),
    ]
    assert applied(registry, LITELLM_MODEL_LIMITS, "deepseek") == LITELLM_MODEL_LIMITS.replace(
        "max_completion_tokens", "max_tokens"
    )


def test_an_openai_model_for_litellm_model_gets_the_routes_token_limit_name_with_the_model(
    registry,
):
    """Before apply: the OpenAI model goes on litellm's deepseek route in the same run, so its
    keywords (a dict spread into LiteLLMModel too) are read as that route sends them."""
    before = (
        "from smolagents import LiteLLMModel\n\n"
        'params = {"model_id": "gpt-4o", "max_completion_tokens": 8192}\n'
        "model = LiteLLMModel(**params)\n"
    )
    assert findings(registry, before, "deepseek") == [
        (3, "ML640", "review"),
        (3, "ML640", "review"),
        (3, "ML112", "safe"),
    ]
    assert applied(registry, before, "deepseek") == (
        "import os\n\nfrom smolagents import LiteLLMModel\n\n"
        "params = {\n"
        '    "model_id": "deepseek/deepseek-v4-pro",\n'
        '    "max_tokens": 8192,\n'
        '    "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    "api_base": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "}\n"
        "model = LiteLLMModel(**params)\n"
    )


@pytest.mark.parametrize(
    "call", ['LiteLLMRouterModel(\n    "m",\n    [', "Router(\n    model_list=["]
)
def test_a_router_deployments_params_are_the_requests_keywords(registry, call):
    """The Router sends a deployment's `litellm_params` as the call's keywords: an entry
    there is renamed as a keyword of `litellm.completion` is."""
    before = (
        "import os\n\nfrom litellm import Router\nfrom smolagents import LiteLLMRouterModel\n\n"
        f"model = {call}\n"
        "        {\n"
        '            "model_name": "m",\n'
        '            "litellm_params": {\n'
        '                "model": "deepseek/deepseek-flash",\n'
        '                "max_completion_tokens": 50,\n'
        '                "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '                "api_base": os.environ.get("DEEPSEEK_BASE_URL"),\n'
        "            },\n"
        "        }\n"
        "    ],\n"
        ")\n"
    )
    line = before.splitlines().index('                "max_completion_tokens": 50,') + 1
    assert findings(registry, before, "deepseek") == [(line, "ML112", "safe")]
    assert applied(registry, before, "deepseek") == before.replace(
        '"max_completion_tokens"', '"max_tokens"'
    )


def test_openai_server_model_keywords_go_into_the_openai_clients_request(registry):
    """OpenAIServerModel hands its other keywords to `chat.completions.create`: kimi-k2.6
    fixes temperature (ML115 removes it) and Moonshot takes max_completion_tokens (ML112)."""
    before = (
        "from smolagents import OpenAIServerModel\n\n"
        'model = OpenAIServerModel(model_id="gpt-4o", temperature=0.2, max_tokens=512)\n'
    )
    assert findings(registry, before, "moonshot") == [
        (3, "ML640", "review"),
        (3, "ML640", "review"),
        (3, "ML115", "review"),
        (3, "ML112", "review"),
    ]
    assert applied(registry, before, "moonshot") == (
        "import os\n\nfrom smolagents import OpenAIServerModel\n\n"
        "model = OpenAIServerModel(\n"
        '    model_id="kimi-k2.6",\n'
        '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "    max_completion_tokens=512,\n"
        ")\n"
    )


@pytest.mark.parametrize(
    ("provider", "model", "keyword"),
    [
        ("moonshot", "moonshot/kimi-k2.6", "max_tokens"),
        ("zhipu", "zai/glm-5.3", "max_completion_tokens"),
        ("baichuan", "openai/gpt-4o", "max_tokens"),
    ],
)
def test_a_token_limit_the_route_renames_itself_is_not_reported(registry, provider, model, keyword):
    """litellm's moonshot/ route sends max_completion_tokens as max_tokens and its zai/ route
    sends either as max_tokens: renaming the keyword changes nothing on the wire. On the
    openai/ route it goes as it is, and Baichuan takes max_tokens."""
    text = (
        "from smolagents import LiteLLMModel\n\n"
        f'model = LiteLLMModel(model_id="{model}", api_base=None, {keyword}=512)\n'
    )
    rules = [rule for _, rule, _ in findings(registry, text, provider)]
    assert "ML112" not in rules


ROUTER_MODEL = (
    "from smolagents import LiteLLMRouterModel\n\n"
    'model = LiteLLMRouterModel("m", [{"model_name": "m", "litellm_params": {"model": "gpt-4o"}}])\n'
)


def test_a_router_model_gets_the_endpoint_its_deployments_would_lose(registry):
    """LiteLLMRouterModel calls the Router with its own api_base and api_key (None unless
    given), which win over the deployment's: on litellm's openai/ route a deployment's would
    leave the request on OpenAI's URL with OPENAI_API_KEY (check was green on it)."""
    found = ml640(registry, ROUTER_MODEL, "baichuan")
    assert [(f.line, f.column, f.fix.value, f.message) for f in found] == [
        (
            3,
            9,
            "review",
            "LiteLLMRouterModel sends the request to OpenAI; apply passes the key from "
            "BAICHUAN_API_KEY and the base URL from BAICHUAN_BASE_URL (default "
            "https://api.baichuan-ai.com/v1), to LiteLLMRouterModel itself: it passes its "
            "api_base and api_key on every call, over each deployment's",
        ),
        (
            3,
            82,
            "review",
            "model='gpt-4o' of a LiteLLMRouterModel deployment is an OpenAI model; apply writes "
            "'openai/Baichuan4' for Baichuan",
        ),
    ]
    after = applied(registry, ROUTER_MODEL, "baichuan")
    assert after == (
        "import os\n\nfrom smolagents import LiteLLMRouterModel\n\n"
        "model = LiteLLMRouterModel(\n"
        '    "m",\n'
        '    [{"model_name": "m", "litellm_params": {"model": "openai/Baichuan4"}}],\n'
        '    api_key=os.environ.get("BAICHUAN_API_KEY") or "unset",\n'
        '    api_base=os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1"),\n'
        ")\n"
    )
    # an earlier apply moved the deployment alone: the call still lacks the endpoint
    halfway = ROUTER_MODEL.replace('"gpt-4o"', '"openai/Baichuan4"')
    assert [f.fix.value for f in ml640(registry, halfway, "baichuan")] == ["review"]
    assert applied(registry, halfway, "baichuan") == after
    # on the provider's own litellm route, litellm reads DEEPSEEK_API_KEY itself
    own = ROUTER_MODEL.replace('"gpt-4o"', '"deepseek/deepseek-flash"')
    assert ml640(registry, own, "deepseek") == []


def test_a_router_model_with_a_deployment_left_elsewhere_is_left(registry):
    """The call's endpoint would reach every deployment: with one on another provider's
    model, a person decides."""
    text = ROUTER_MODEL.replace(
        "}}])", '}}, {"model_name": "c", "litellm_params": {"model": "anthropic/claude-x"}}])'
    )
    found = ml640(registry, text, "baichuan")
    assert [(f.fix.value, f.message.split(";")[0]) for f in found] == [
        (
            "manual",
            "LiteLLMRouterModel sends its deployments with its own api_base and api_key (None: "
            "OpenAI's on litellm's openai/ route)",
        ),
        ("review", "model='gpt-4o' of a LiteLLMRouterModel deployment is an OpenAI model"),
    ]


def test_a_default_a_branch_tests_stays_reported_after_the_endpoint_moved(registry):
    """After apply the call has DeepSeek's key and base URL, but `create_agent(model_id="o1")`
    still sends o1 where another caller relies on the default: check keeps the manual
    finding, as ML204 keeps one on a default that `== "o1"` tests."""
    before = (
        "from smolagents import LiteLLMModel\n\n\n"
        'def create_agent(model_id="o1"):\n'
        '    params = {"model_id": model_id, "max_completion_tokens": 8192}\n'
        '    if model_id == "o1":\n'
        '        params["reasoning_effort"] = "high"\n'
        "    return LiteLLMModel(**params)\n"
    )
    after = applied(registry, before, "deepseek")
    assert [(f.line, f.fix.value, f.message) for f in ml640(registry, after, "deepseek")] == [
        (
            6,
            "manual",
            "default of model_id = 'o1' (the model of LiteLLMModel()) maps to "
            "'deepseek/deepseek-flash' on DeepSeek, but apply leaves it: model_id == \"o1\" on "
            "line 13 tests it, which 'o1' passes and 'deepseek/deepseek-flash' does not, so the "
            "program would take another branch; change the test and the model together, by hand",
        )
    ]
    assert '"max_tokens": 8192' in after


def _both_forms(subject: str, bare: str, routed: str, name: str, library: str = "litellm") -> str:
    """The message for a setting the module sends to litellm (or crewAI) and an OpenAI client
    (ML204's for such a setting)."""
    return (
        f"{subject} maps to {bare!r} on {name}, but this module gives it to {library}, which "
        "sends a model without a provider prefix to OpenAI, and to an OpenAI client: write "
        f"{routed!r} where it reaches {library}, {bare!r} where it reaches an OpenAI client, "
        "by hand"
    )


def _reported(registry, text: str, provider: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML202", "ML640", "ML601")
    ]


def test_a_constant_sent_to_an_openai_client_and_litellm_is_left_with_both_spellings(registry):
    """ML202 wrote the bare id and ML640 the route on the same constant; apply kept one (the
    bare id, which litellm sends to OpenAI) and scan called ML640's route rewritten. Now no
    rule edits it: ML202 names both spellings, the endpoints still move, and check keeps
    reporting it after apply."""
    before = (
        "import litellm\nfrom openai import OpenAI\n\n"
        'MODEL = "gpt-4o"\nclient = OpenAI()\n\n\n'
        "def ask(q):\n"
        "    client.chat.completions.create(model=MODEL, messages=q)\n"
        "    return litellm.completion(model=MODEL, messages=q)\n"
    )
    left = _both_forms(
        "constant MODEL = 'gpt-4o' (used as model= on line 9)",
        "deepseek-v4-pro",
        "deepseek/deepseek-v4-pro",
        "DeepSeek",
    )
    assert _reported(registry, before, "deepseek") == [
        (4, "ML202", "manual", left),
        (
            10,
            "ML640",
            "review",
            "litellm.completion() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
    ]
    after = applied(registry, before, "deepseek")
    assert after == (
        "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
        'MODEL = "gpt-4o"\n'
        "client = OpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n\n\n"
        "def ask(q):\n"
        "    client.chat.completions.create(\n"
        '        extra_body={"thinking": {"type": "disabled"}}, model=MODEL, messages=q\n'
        "    )\n"
        "    return litellm.completion(\n"
        "        model=MODEL,\n"
        '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        '        api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "        messages=q,\n"
        "    )\n"
    )
    assert _reported(registry, after, "deepseek") == [
        (6, "ML202", "manual", left.replace("line 9", "line 15"))
    ]


def test_a_default_sent_to_both_and_a_router_deployment_are_left_alike(registry):
    default = (
        "import litellm\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        'def ask(q, model="gpt-4o"):\n'
        "    client.chat.completions.create(model=model, messages=q)\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    router = (
        "import litellm\nfrom openai import OpenAI\n\n"
        'MODEL = "gpt-4o"\n'
        'router = litellm.Router(model_list=[{"model_name": "m", "litellm_params": '
        '{"model": MODEL}}])\n'
        "reply = OpenAI().chat.completions.create(model=MODEL, messages=[])\n"
    )
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    assert [f for f in _reported(registry, default, "qwen") if f[2] == "manual"] == [
        (
            7,
            "ML202",
            "manual",
            _both_forms(
                "default of model = 'gpt-4o' (used as model= on line 8)",
                "qwen4-max",
                "dashscope/qwen4-max",
                qwen,
            ),
        )
    ]
    assert [f for f in _reported(registry, router, "qwen") if f[2] == "manual"] == [
        (
            4,
            "ML202",
            "manual",
            _both_forms(
                "constant MODEL = 'gpt-4o' (used as model= on line 6)",
                "qwen4-max",
                "dashscope/qwen4-max",
                qwen,
            ),
        )
    ]
    assert 'MODEL = "gpt-4o"\n' in applied(registry, router, "qwen")
    assert 'def ask(q, model="gpt-4o"):\n' in applied(registry, default, "qwen")


def test_a_constant_for_litellm_and_a_langchain_class_is_left_and_stays_reported(registry):
    """No SDK request sends it, so ML640 reports it; ChatOpenAI's message no longer says the
    constant is mapped (ML640 wrote litellm's route there, which ChatOpenAI then sent)."""
    before = (
        "import litellm\nfrom langchain_openai import ChatOpenAI\n\n"
        'MODEL = "gpt-4o"\nllm = ChatOpenAI(model=MODEL)\n'
        "reply = litellm.completion(model=MODEL, messages=[])\n"
    )
    left = _both_forms(
        "constant MODEL = 'gpt-4o' (the model of litellm.completion())",
        "deepseek-v4-pro",
        "deepseek/deepseek-v4-pro",
        "DeepSeek",
    )
    assert _reported(registry, before, "deepseek") == [
        (4, "ML640", "manual", left),
        (
            5,
            "ML601",
            "review",
            "ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for DeepSeek "
            "read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
            "(default https://api.deepseek.com); model 'gpt-4o' (constant MODEL) is left as it "
            "is: this module also gives it to litellm, which takes it on a route (ML640)",
        ),
        (
            6,
            "ML640",
            "review",
            "litellm.completion() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
    ]
    after = applied(registry, before, "deepseek")
    assert after == (
        "import os\n\nimport litellm\nfrom langchain_openai import ChatOpenAI\n\n"
        'MODEL = "gpt-4o"\n'
        "llm = ChatOpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    model=MODEL,\n"
        ")\n"
        "reply = litellm.completion(\n"
        "    model=MODEL,\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    messages=[],\n"
        ")\n"
    )
    assert _reported(registry, after, "deepseek") == [
        (6, "ML640", "manual", left),
        (
            7,
            "ML601",
            "manual",
            "ChatOpenAI() (LangChain) already points at DeepSeek; its model 'gpt-4o' is "
            "OpenAI's: pass a DeepSeek model",
        ),
    ]


def test_a_constant_for_both_smolagents_classes_is_reported_once(registry):
    """LiteLLMModel takes deepseek/<model>, OpenAIServerModel the bare id: ML640 wrote both
    on one constant."""
    before = (
        "from smolagents import LiteLLMModel, OpenAIServerModel\n\n"
        'MODEL = "gpt-4o"\nrouted = LiteLLMModel(model_id=MODEL)\n'
        "plain = OpenAIServerModel(model_id=MODEL)\n"
    )
    left = _both_forms(
        "constant MODEL = 'gpt-4o' (the model of LiteLLMModel())",
        "deepseek-v4-pro",
        "deepseek/deepseek-v4-pro",
        "DeepSeek",
    )
    assert [f for f in _reported(registry, before, "deepseek") if f[2] == "manual"] == [
        (3, "ML640", "manual", left)
    ]
    after = applied(registry, before, "deepseek")
    assert 'MODEL = "gpt-4o"\n' in after and after.count("DEEPSEEK_BASE_URL") == 2
    assert _reported(registry, after, "deepseek") == [(5, "ML640", "manual", left)]


OPENAI_ROUTED = (
    'import litellm\n\nr = litellm.completion(model="openai/deepseek-flash", messages=[])\n'
)


def test_a_provider_model_on_litellms_openai_route_is_moved_to_the_providers(registry):
    """t43f: `openai/deepseek-flash` without api_base goes to api.openai.com with
    OPENAI_API_KEY: written on DeepSeek's route with its key and base URL; given DeepSeek's
    api_base it is left."""
    assert [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in ml640(registry, OPENAI_ROUTED, "deepseek")
    ] == [
        (
            3,
            "error",
            "review",
            "litellm.completion() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
        (
            3,
            "error",
            "review",
            "model='openai/deepseek-flash' of litellm.completion() is DeepSeek's deepseek-flash "
            "on litellm's OpenAI route, which sends it to api.openai.com with OPENAI_API_KEY; "
            "apply writes 'deepseek/deepseek-flash' (litellm's deepseek route) for DeepSeek",
        ),
    ]
    assert applied(registry, OPENAI_ROUTED, "deepseek") == (
        "import os\n\nimport litellm\n\nr = litellm.completion(\n"
        '    model="deepseek/deepseek-flash",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    messages=[],\n)\n"
    )
    pointed = OPENAI_ROUTED.replace("messages", 'api_base="https://api.deepseek.com", messages')
    assert ml640(registry, pointed, "deepseek") == []


def test_a_provider_model_on_the_openai_route_it_keeps_gets_the_endpoint(registry):
    """DSPy's LM (and a provider without a litellm route of its own) stays on `openai/`:
    only the key and base URL are added, one finding."""
    text = 'import dspy\n\nlm = dspy.LM("openai/deepseek-flash")\n'
    assert [f.message for f in ml640(registry, text, "deepseek")] == [
        "dspy.LM() sends the request to OpenAI; apply passes the key from DEEPSEEK_API_KEY and "
        "the base URL from DEEPSEEK_BASE_URL (default https://api.deepseek.com)"
    ]
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport dspy\n\nlm = dspy.LM(\n"
        '    "openai/deepseek-flash",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY") or "unset",\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n)\n'
    )


# t45a (STORM, dspy 2.4.9): dsp/modules/gpt3.py sends a model without gpt-3.5, turbo or gpt-4 in
# its name to /completions unless model_type is given; DeepSeek answered 404
LEGACY_DSPY = (
    "import os\n\nimport dspy\n\n"
    'lm = dspy.OpenAI(model="gpt-4o", api_key=os.getenv("OPENAI_API_KEY"), max_tokens=500)\n'
)
CHAT_NOTE = (
    '; apply also passes model_type="chat": without it dspy.OpenAI() sends a model whose name '
    "holds none of gpt-3.5, turbo, gpt-4 to the legacy /completions endpoint"
)


def test_the_legacy_dspy_class_moved_to_the_provider_keeps_the_chat_api(registry):
    assert _reported(registry, LEGACY_DSPY, "deepseek") == [
        (
            5,
            "ML640",
            "review",
            "dspy.OpenAI() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)" + CHAT_NOTE,
        ),
        (
            5,
            "ML640",
            "review",
            "model='gpt-4o' of dspy.OpenAI() is an OpenAI model; apply writes 'deepseek-v4-pro' "
            "for DeepSeek",
        ),
    ]
    assert applied(registry, LEGACY_DSPY, "deepseek") == (
        "import os\n\nimport dspy\n\nlm = dspy.OpenAI(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")\n'
        '    + "/",\n'
        '    model_type="chat",\n'
        "    max_tokens=500,\n)\n"
    )


def test_the_legacy_dspy_class_keeps_a_model_type_it_is_given(registry):
    text = 'import dspy\n\nlm = dspy.OpenAI(model="gpt-4o", model_type="chat")\n'
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport dspy\n\nlm = dspy.OpenAI(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")\n'
        '    + "/",\n'
        '    model_type="chat",\n)\n'
    )


def test_the_legacy_dspy_class_given_its_keywords_as_a_dict_gets_the_chat_api_there(registry):
    text = 'import dspy\n\nparams = {"model": "gpt-4o", "max_tokens": 500}\nlm = dspy.OpenAI(**params)\n'
    assert applied(registry, text, "deepseek") == (
        "import os\n\nimport dspy\n\nparams = {\n"
        '    "model": "deepseek-v4-pro",\n'
        '    "max_tokens": 500,\n'
        '    "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    "api_base": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip(\n'
        '        "/"\n    )\n    + "/",\n'
        '    "model_type": "chat",\n}\nlm = dspy.OpenAI(**params)\n'
    )


def test_the_legacy_dspy_class_with_unseen_keywords_names_the_chat_api_too(registry):
    text = (
        "import os\n\nimport dspy\n\n"
        'kw = {"api_key": os.getenv("OPENAI_API_KEY"), "temperature": 1.0}\n'
        'lm = dspy.OpenAI(model="gpt-4o", max_tokens=500, **kw)\n'
    )
    assert [m for _, rule, fix, m in _reported(registry, text, "deepseek") if fix == "manual"] == [
        "dspy.OpenAI() also takes `**` arguments: make sure they set no api_key or api_base, "
        'then add api_key=os.environ["DEEPSEEK_API_KEY"], api_base=os.environ.get('
        '"DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/" and '
        'model_type="chat" by hand',
        "model='gpt-4o' of dspy.OpenAI() is an OpenAI model; apply leaves it, as the call's `**` "
        "arguments leave its key and base URL to you: write 'deepseek-v4-pro' for DeepSeek "
        "together with them, by hand",
    ]


def test_the_legacy_dspy_class_on_the_provider_without_the_chat_api_gets_it(registry):
    """What an earlier apply (or a person) wrote: each request went to /completions."""
    text = (
        "import os\n\nimport dspy\n\nlm = dspy.OpenAI(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")\n'
        '    + "/",\n)\n'
    )
    assert _reported(registry, text, "deepseek") == [
        (
            5,
            "ML640",
            "review",
            "dspy.OpenAI() sends model='deepseek-v4-pro' to the legacy /completions endpoint "
            "(without model_type it takes the chat API only for a name holding one of gpt-3.5, "
            'turbo, gpt-4); apply passes model_type="chat"',
        )
    ]
    assert applied(registry, text, "deepseek") == text.replace(
        '+ "/",\n)', '+ "/",\n    model_type="chat",\n)'
    )
    # a name the class takes to the chat API by itself, and `**` that may give model_type
    assert _reported(registry, text.replace("deepseek-v4-pro", "qwen-turbo"), "qwen") == []
    spread = text.replace("\n)\n", "\n    **kw,\n)\n")
    assert _reported(registry, spread, "deepseek") == []


@pytest.mark.parametrize(
    "call",
    [
        'dspy.OpenAI(model="gpt-4o", model_type="text")',
        'dspy.OpenAI(model="deepseek-v4-pro", api_base=os.environ["DEEPSEEK_BASE_URL"], '
        'model_type="text")',
    ],
)
def test_the_legacy_dspy_class_given_the_text_api_is_left_to_a_person(registry, call):
    text = f"import os\n\nimport dspy\n\nlm = {call}\n"
    left = [m for _, _, fix, m in _reported(registry, text, "deepseek") if fix == "manual"]
    assert left == [
        "dspy.OpenAI() is given model_type='text', so it sends its requests to the legacy "
        '/completions endpoint, which DeepSeek serves only in part: write model_type="chat" '
        "with one of its chat models, by hand"
    ]
    after = applied(registry, text, "deepseek")
    assert 'model_type="text"' in after
    assert [m for _, _, fix, m in _reported(registry, after, "deepseek") if fix == "manual"] == left


def test_legacy_chat_follows_dspys_switch():
    from migrate_llm.frameworks.dspy import legacy_chat

    assert [
        legacy_chat(m)
        for m in ("gpt-4o", "gpt-3.5-turbo", "qwen-turbo", "gpt-3.5-turbo-instruct", "glm-4-flash")
    ] == [True, True, True, False, False]


# t45a: STORM's Encoder keeps its embeddings model on an attribute
RUN_TIME_EMBEDDER = (
    "import litellm\n\n\nclass Encoder:\n    def __init__(self):\n"
    '        self.embedding_model_name = "text-embedding-3-small"\n\n'
    "    def encode(self, texts):\n"
    "        return litellm.embedding(model=self.embedding_model_name, input=texts)\n"
)


def test_a_run_time_embeddings_model_for_a_provider_without_embeddings_is_not_sent_there(
    registry,
):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [
        (f.line, f.rule, f.fix.value, f.message)
        for f in check_python(RUN_TIME_EMBEDDER, ctx, PYTHON_RULES)
    ]
    assert found == [
        (
            6,
            "ML204",
            "manual",
            "attribute self.embedding_model_name = 'text-embedding-3-small' is an OpenAI "
            "embeddings model; DeepSeek has no OpenAI-compatible embeddings API (see "
            "https://api-docs.deepseek.com): keep it on OpenAI or point it at a provider that "
            "serves embeddings (its key and base URL), by hand; acme, azure, baichuan, doubao, "
            "ernie, hunyuan, qwen, siliconflow, zhipu offer it",
        ),
        (
            9,
            "ML640",
            "manual",
            "litellm.embedding() takes its model from `self.embedding_model_name`, which the "
            "module sets to 'text-embedding-3-small' (line 6): an OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY, "
            "and DeepSeek serves no embeddings: embed with another provider, or keep this call "
            "on OpenAI with OpenAI's key and say so with `# migrate-llm: ignore[ML640,ML401]` on "
            "it, by hand",
        ),
    ]
    assert applied(registry, RUN_TIME_EMBEDDER, "deepseek") == RUN_TIME_EMBEDDER


def test_a_run_time_embeddings_model_is_offered_the_providers_embeddings_models(registry):
    (message,) = [m for _, rule, _, m in _reported(registry, RUN_TIME_EMBEDDER, "qwen")]
    assert message == (
        "litellm.embedding() takes its model from `self.embedding_model_name`, which the "
        "module sets to 'text-embedding-3-small' (line 6): an OpenAI model there (`gpt-4o`, "
        "`openai/...` without an api_base) goes to OpenAI with OPENAI_API_KEY; for Alibaba Qwen "
        "(DashScope / Model Studio) give it openai/<model> (text-embedding-v4) and, only where the model is on "
        'that route (`if self.embedding_model_name.startswith("openai/"):`: another route '
        "would take them to its host), "
        'api_key=os.environ["DASHSCOPE_API_KEY"] and api_base=os.environ.get('
        '"DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"), by hand'
    )


# t45a: STORM's LitellmModel wraps litellm.completion(model=self.model, ...) in another module
@pytest.mark.parametrize(
    ("provider", "cls", "hint"),
    [
        (
            "deepseek",
            "LitellmModel",
            "'deepseek-v4-pro'; its name says it goes to litellm, which needs "
            "'deepseek/deepseek-v4-pro'",
        ),
        (
            "ernie",
            "LitellmModel",
            "'ernie-4.5-turbo-128k'; its name says it goes to litellm, which needs "
            "'openai/ernie-4.5-turbo-128k' with Baidu Qianfan (ERNIE)'s api_base and key",
        ),
        ("deepseek", "OpenAIModel", "'deepseek-v4-pro'"),
        ("deepseek", "OpenAILitellmModel", "'deepseek-v4-pro'"),
    ],
)
def test_a_model_for_a_call_named_for_litellm_is_suggested_on_its_route(
    registry, provider, cls, hint
):
    text = f'from lm import {cls}\n\nlm = {cls}(model="gpt-4o-2024-05-13")\n'
    ctx = RuleContext(registry, registry.get(provider))
    name = registry.get(provider).name
    found = [(f.rule, f.message) for f in check_python(text, ctx, PYTHON_RULES)]
    assert found == [
        (
            "ML206",
            f"model='gpt-4o-2024-05-13' goes to {cls}(), which is not an OpenAI SDK call, so "
            f"apply leaves it; if it talks to {name}, use a {name} model there (the model table "
            f"says {hint})",
        )
    ]
