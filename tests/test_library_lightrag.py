"""LightRAG (lightrag-hku): its OpenAI and Azure OpenAI helpers passed or called (ML670,
`frameworks.lightrag`). Each text runs the whole pipeline (prefilter, every Python rule)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

WHERE = "the base URL, with the key, its module defaults to (OpenAI's, as lightrag-hku ships it)"
DS_AT = (
    'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"), '
    'api_key=os.environ["DEEPSEEK_API_KEY"]'
)
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_AT = (
    'base_url=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1"), api_key=os.environ["DASHSCOPE_API_KEY"]'
)
RECIPE = "as LightRAG's recipe for OpenAI-compatible APIs does"
IMPORT = "from lightrag.llm.openai import openai_complete_if_cache, openai_embed\n\n\n"


def findings(registry, text: str, provider: str | None = "deepseek"):
    return file_findings(registry, text, provider)


def chat(model: str, at: str = DS_AT) -> str:
    return (
        f"use an async function of your own instead, {RECIPE}: `async def llm_model_func(prompt, "
        "system_prompt=None, history_messages=None, **kwargs): return await "
        f'openai_complete_if_cache("{model}", prompt, system_prompt=system_prompt, '
        f"history_messages=history_messages, {at}, **kwargs)` (from lightrag.llm.openai import "
        "openai_complete_if_cache), by hand"
    )


def test_the_trials_demo_each_helper_reported(registry):
    text = (
        "from lightrag import LightRAG\n"
        "from lightrag.llm.openai import gpt_4o_mini_complete, openai_embed\n"
        'rag = LightRAG(working_dir="./w", llm_model_func=gpt_4o_mini_complete, '
        "embedding_func=openai_embed)\n"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            50,
            "gpt_4o_mini_complete is LightRAG's OpenAI chat helper: it sends gpt-4o-mini to "
            f"{WHERE}; for DeepSeek {chat('deepseek-flash')}",
        ),
        (
            "ML670",
            3,
            87,
            "openai_embed is LightRAG's OpenAI embedding: it sends its default model to "
            f"{WHERE}; DeepSeek serves no embeddings: for the embeddings of a provider that serves "
            f"them pass embedding_func= an embedding function of your own, {RECIPE}: "
            "`@wrap_embedding_func_with_attrs(embedding_dim=<the size of its vectors>, "
            "max_token_size=8192, model_name=<its model>) async def embedding_func(texts): return "
            "await openai_embed.func(texts, model=<its model>, base_url=<its base URL>, "
            "api_key=<its key>)` (from lightrag.utils import wrap_embedding_func_with_attrs), by "
            "hand",
        ),
    ]


def test_a_provider_with_embeddings_gets_its_model_and_variables(registry):
    text = "import lightrag.llm.openai as lo\n\nfuncs = (lo.gpt_4o_complete, lo.openai_embed)\n"
    assert findings(registry, text, "qwen") == [
        (
            "ML670",
            3,
            10,
            "gpt_4o_complete is LightRAG's OpenAI chat helper: it sends gpt-4o to "
            f"{WHERE}; for {QWEN} {chat('qwen4-max', QWEN_AT)}",
        ),
        (
            "ML670",
            3,
            30,
            "openai_embed is LightRAG's OpenAI embedding: it sends its default model to "
            f"{WHERE}; for {QWEN} pass embedding_func= an embedding function of your own, "
            f"{RECIPE}: `@wrap_embedding_func_with_attrs(embedding_dim=1024, max_token_size=8192, "
            'model_name="text-embedding-v4") async def embedding_func(texts): return await '
            f'openai_embed.func(texts, model="text-embedding-v4", {QWEN_AT})` (from lightrag.utils '
            "import wrap_embedding_func_with_attrs), by hand",
        ),
    ]


@pytest.mark.parametrize(
    ("call", "given", "outcome", "passed"),
    [
        (
            "openai_complete_if_cache(m, prompt)",
            "neither base_url= nor api_key=",
            f"LightRAG sends it to {WHERE}",
            DS_AT,
        ),
        (
            "openai_complete_if_cache(m, prompt, base_url=URL, api_key=None)",
            "base_url= but no api_key=",
            "LightRAG reads OPENAI_API_KEY for the key (an OpenAI key goes to that URL; unset, "
            "the call fails)",
            'api_key=os.environ["DEEPSEEK_API_KEY"]',
        ),
        (
            "openai_complete_if_cache(m, prompt, api_key=KEY, **kwargs)",
            "api_key= but no base_url= (unless ** holds them)",
            "LightRAG sends it to the base URL its module defaults to (OpenAI's, as lightrag-hku "
            "ships it)",
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")',
        ),
    ],
)
def test_a_call_without_base_url_or_key(registry, call, given, outcome, passed):
    text = IMPORT + f"async def ask(m, prompt, **kwargs):\n    return await {call}\n"
    assert findings(registry, text) == [
        (
            "ML670",
            5,
            18,
            f"openai_complete_if_cache() is given {given}: {outcome}; for DeepSeek pass {passed}, "
            "by hand",
        )
    ]


def test_embedding_calls_and_partials(registry):
    text = IMPORT + (
        "async def embed(texts):\n    return await openai_embed.func(texts)\n\n\n"
        "from functools import partial\n\n"
        'func = partial(openai_embed.func, model="text-embedding-v4")\n'
    )
    assert findings(registry, text, "qwen") == [
        (
            "ML670",
            5,
            18,
            "openai_embed.func() is given neither base_url= nor api_key= (nor model=: "
            f"its default model): LightRAG sends it to {WHERE}; for {QWEN} pass "
            f'model="text-embedding-v4", {QWEN_AT}, by hand',
        ),
        (
            "ML670",
            10,
            16,
            "partial(openai_embed.func, ...) is given neither base_url= nor api_key=: LightRAG "
            f"sends it to {WHERE}; for {QWEN} pass {QWEN_AT}, by hand",
        ),
    ]


def test_the_older_module_and_the_azure_helpers(registry):
    text = (
        "from lightrag import LightRAG\n"
        "from lightrag.llm import gpt_4o_complete\n"
        "from lightrag.llm.azure_openai import azure_openai_embed\n\n"
        "rag = LightRAG(llm_model_func=gpt_4o_complete, embedding_func=azure_openai_embed)\n"
    )
    found = findings(registry, text, "acme")
    assert [(rule, line, column) for rule, line, column, _ in found or []] == [
        ("ML670", 5, 31),
        ("ML670", 5, 63),
    ]
    assert found is not None
    assert found[0][3].startswith("gpt_4o_complete is LightRAG's OpenAI chat helper: it sends ")
    assert found[1][3] == (
        "azure_openai_embed is LightRAG's Azure OpenAI embedding: it builds AsyncAzureOpenAI "
        "from AZURE_EMBEDDING_ENDPOINT, AZURE_EMBEDDING_API_KEY, AZURE_EMBEDDING_API_VERSION, "
        "text-embedding-3-small unless told otherwise, whatever base URL it is given; for Acme "
        "Cloud pass embedding_func= an embedding function of your own, "
        f"{RECIPE}: `@wrap_embedding_func_with_attrs(embedding_dim=1024, "
        'max_token_size=8192, model_name="acme-embed") async def embedding_func(texts): return '
        'await openai_embed.func(texts, model="acme-embed", base_url=os.environ.get('
        '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"])` '
        "(from lightrag.utils import wrap_embedding_func_with_attrs), by hand"
    )


@pytest.mark.parametrize(
    "text",
    [
        # the recipe, pointed at the provider
        IMPORT + "async def ask(prompt, **kw):\n"
        '    return await openai_complete_if_cache("deepseek-flash", prompt, base_url=URL, '
        "api_key=KEY, **kw)\n",
        IMPORT + "async def embed(texts):\n"
        '    return await openai_embed(texts, model="m", base_url=URL, api_key=KEY)\n',
        # a look at the helper, not a use
        IMPORT + "openai_embed.embedding_dim = 8\nok = isinstance(openai_embed, object)\n",
        # openai_complete sends llm_model_name where llm_model_kwargs points it
        "from lightrag import LightRAG\nfrom lightrag.llm.openai import openai_complete\n\n"
        'kw = {"base_url": URL, "api_key": KEY}\n'
        'rag = LightRAG(llm_model_func=openai_complete, llm_model_name="m", llm_model_kwargs=kw)\n',
        # an import alone
        IMPORT + "__all__ = ['openai_embed']\n",
    ],
)
def test_left_alone(registry, text):
    assert findings(registry, text) == []


def test_silent_for_openai_and_another_provider_named_without_one(registry):
    text = "from lightrag.llm.openai import openai_complete\n\nfunc = openai_complete\n"
    assert findings(registry, text, "openai") == []
    assert findings(registry, text, None) == [
        (
            "ML670",
            3,
            8,
            "openai_complete is LightRAG's OpenAI chat helper: it sends LightRAG's llm_model_name "
            f"(gpt-4o-mini unless given) to {WHERE}; for another provider use an async "
            f"function of your own instead, {RECIPE}: `async def llm_model_func(prompt, "
            "system_prompt=None, history_messages=None, **kwargs): return await "
            "openai_complete_if_cache(<its model>, prompt, system_prompt=system_prompt, "
            "history_messages=history_messages, base_url=<its base URL>, api_key=<its key>, "
            "**kwargs)` (from lightrag.llm.openai import openai_complete_if_cache), by hand "
            "(`migrate-llm scan --provider ID` names them)",
        )
    ]


def test_a_module_of_the_older_path_passes_the_prefilter(registry):
    text = "from lightrag.llm import gpt_4o_complete\n\nfunc = gpt_4o_complete\n"
    found = findings(registry, text)
    assert [(rule, line, column) for rule, line, column, _ in found or []] == [("ML670", 3, 8)]


def test_check_is_red_on_the_helpers_and_green_on_the_recipe(tmp_path, monkeypatch):
    (tmp_path / "demo.py").write_text(
        "from lightrag import LightRAG\n"
        "from lightrag.llm.openai import gpt_4o_mini_complete, openai_embed\n"
        'rag = LightRAG(working_dir="./w", llm_model_func=gpt_4o_mini_complete, '
        "embedding_func=openai_embed)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    variables = ["OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_BASE_URL"]
    assert [(f["rule"], f["line"], f["fix"], f["data"]) for f in found] == [
        (
            "ML670",
            3,
            "manual",
            {
                "library": "lightrag-hku",
                "variables": variables,
                "helper": "gpt_4o_mini_complete",
                "kind": "chat",
                "model": "gpt-4o-mini",
            },
        ),
        (
            "ML670",
            3,
            "manual",
            {
                "library": "lightrag-hku",
                "variables": variables,
                "helper": "openai_embed",
                "kind": "embedding",
                "model": "text-embedding-3-small",
            },
        ),
    ]
    source = (tmp_path / "demo.py").read_text(encoding="utf-8")
    CliRunner().invoke(app, ["apply", "-p", "deepseek", "--yes"])
    assert (tmp_path / "demo.py").read_text(encoding="utf-8") == source
    (tmp_path / "demo.py").write_text(
        "import os\n\n"
        "from lightrag import LightRAG\n"
        "from lightrag.llm.openai import openai_complete_if_cache, openai_embed\n"
        "from lightrag.utils import wrap_embedding_func_with_attrs\n\n\n"
        "async def llm_model_func(prompt, system_prompt=None, history_messages=None, **kwargs):\n"
        "    return await openai_complete_if_cache(\n"
        '        "deepseek-flash",\n'
        "        prompt,\n"
        "        system_prompt=system_prompt,\n"
        "        history_messages=history_messages,\n"
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        "        **kwargs,\n"
        "    )\n\n\n"
        '@wrap_embedding_func_with_attrs(embedding_dim=1024, max_token_size=8192, model_name="m")\n'
        "async def embedding_func(texts):\n"
        "    return await openai_embed.func(\n"
        '        texts, model="text-embedding-v4", base_url=os.environ["DASHSCOPE_BASE_URL"],\n'
        '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        "    )\n\n\n"
        'rag = LightRAG(working_dir="./w", llm_model_func=llm_model_func, '
        "embedding_func=embedding_func)\n",
        encoding="utf-8",
    )
    again = CliRunner().invoke(app, ["check", "-p", "deepseek"])
    assert again.exit_code == 0, again.stdout


def test_a_helper_bound_to_a_name_only_looked_at_or_given_its_endpoint_is_left(registry):
    """t53 D3 (LightRAG's server): a name a function binds the helper to, whose uses only read
    its attributes, test it, or call it given base_url and api_key (a `**kwargs` dict display
    holding both), sends nothing to OpenAI."""
    text = (
        "from lightrag.llm.openai import openai_embed\n"
        "from lightrag.utils import EmbeddingFunc\n\n\n"
        "def sizes(binding):\n"
        "    provider_func = None\n"
        '    if binding == "openai":\n'
        "        provider_func = openai_embed\n"
        "    if provider_func and isinstance(provider_func, EmbeddingFunc):\n"
        "        return provider_func.embedding_dim\n"
        "    if provider_func is not None:\n"
        '        return getattr(provider_func, "model_name", None)\n\n\n'
        "async def embed(texts, host, api_key, model):\n"
        "    actual_func = (\n"
        "        openai_embed.func if isinstance(openai_embed, EmbeddingFunc) else openai_embed\n"
        "    )\n"
        '    kwargs = {"texts": texts, "base_url": host, "api_key": api_key}\n'
        "    if model:\n"
        '        kwargs["model"] = model\n'
        "    return await actual_func(**kwargs)\n\n\n"
        "async def embed_given(texts, host, key):\n"
        "    func = openai_embed.func\n"
        '    return await func(**{"texts": texts, "base_url": host, "api_key": key})\n'
    )
    assert findings(registry, text, "qwen") == []


@pytest.mark.parametrize(
    "use",
    [
        "return await actual_func(texts)",  # no endpoint given
        "return actual_func",  # handed on
        'return await actual_func(**{"texts": texts, "api_key": key})',
    ],
)
def test_a_helper_bound_to_a_name_used_otherwise_is_reported(registry, use):
    text = (
        "from lightrag.llm.openai import openai_embed\n\n\n"
        "async def embed(texts, key):\n"
        "    actual_func = openai_embed.func\n"
        f"    {use}\n"
    )
    assert [(f[0], f[1]) for f in findings(registry, text, "qwen")] == [("ML670", 5)]
