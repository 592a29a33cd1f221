"""What apply must not move to a provider that cannot serve it (trial t55c D4, on letta).

1. OpenAI's URL written beside an embeddings model in one call (letta's
   `EmbeddingConfig.default_config`): ML402 had switched it (safe) while ML206 said to keep
   the call on OpenAI; the embeddings requests went to DeepSeek and got 404.
2. An Azure client given a key `await enc.get_plaintext_async() if enc else None` (letta's
   Azure deployments listing): ML002 had made it DeepSeek's client with
   `os.environ["DEEPSEEK_API_KEY"]`. Such a key is the program's Azure key: left to a person."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

DEFAULTS = """from app.config import EmbeddingConfig, LLMConfig


def embedding_default(model_name):
    if model_name == "text-embedding-3-small":
        return EmbeddingConfig(
            embedding_model="text-embedding-3-small",
            embedding_endpoint="https://api.openai.com/v1",
        )
    return EmbeddingConfig(embedding_model=model_name, embedding_endpoint="https://api.openai.com/v1")


CHAT = LLMConfig(model_endpoint="https://api.openai.com/v1", context_window=128000)
"""
UNSERVED = (
    "DeepSeek serves no embeddings API on its OpenAI-compatible endpoint: keep {} on OpenAI (its "
    "key from OpenAI's variable) or move {} to another service, by hand"
)


def found(registry, text: str, provider: str = "deepseek"):
    return check_python(text, RuleContext(registry, registry.get(provider)), PYTHON_RULES)


def test_an_embeddings_url_stays_where_the_provider_serves_none(registry):
    rows = [
        (f.line, f.fix.value, f.message) for f in found(registry, DEFAULTS) if f.rule == "ML402"
    ]
    assert rows == [
        (
            8,
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it goes with the "
            "embeddings model 'text-embedding-3-small' (`embedding_model=` on line 7), and "
            + UNSERVED.format("them", "them"),
        ),
        (
            10,
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the "
            "embedding_endpoint of an embeddings service, and " + UNSERVED.format("it", "it"),
        ),
        (
            13,
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; DeepSeek's base URL replaces it "
            "(read from DEEPSEEK_BASE_URL)",
        ),
    ]
    after, _ = migrate_text(DEFAULTS, "python", "app.py", found(registry, DEFAULTS))
    assert after == "import os\n\n" + DEFAULTS.replace(
        'CHAT = LLMConfig(model_endpoint="https://api.openai.com/v1", context_window=128000)',
        "CHAT = LLMConfig(\n"
        '    model_endpoint=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    context_window=128000,\n)",
    )


def test_on_a_provider_serving_embeddings_the_url_moves(registry):
    rows = [(f.line, f.fix.value) for f in found(registry, DEFAULTS, "qwen") if f.rule == "ML402"]
    assert rows == [(8, "safe"), (10, "safe"), (13, "safe")]


AZURE_LISTING = """from openai import AsyncAzureOpenAI


class AzureDeployments:
    async def listed(self):
        api_key = await self.key_enc.get_plaintext_async() if self.key_enc else None
        client = AsyncAzureOpenAI(api_key=api_key, api_version="2024-06-01", azure_endpoint=self.base_url)
        models = await client.models.list()
        return models, {"api-key": api_key}
"""


def test_an_azure_key_the_program_decrypts_leaves_the_client_to_you(registry):
    [ml002] = [f for f in found(registry, AZURE_LISTING) if f.rule == "ML002"]
    assert (ml002.line, ml002.fix.value, ml002.edit) == (7, "manual", None)
    assert ml002.message == (
        "AsyncAzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); its key "
        "`api_key` may be an Azure key your code hands it (a parameter, a setting, a name other "
        "code uses), which must not go to DeepSeek: replace it with OpenAI() — for DeepSeek read "
        "the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
        "https://api.deepseek.com) — and map each deployment name used as model= to a provider "
        "model, leaving that key out (and what only fed it), by hand"
    )
    after, _ = migrate_text(AZURE_LISTING, "python", "app.py", found(registry, AZURE_LISTING))
    assert after == AZURE_LISTING
