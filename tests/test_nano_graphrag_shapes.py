"""The shapes of nano-graphrag's code that t52c (SiliconFlow) found mishandled, in our words:
a tokenizer setting read by tiktoken and by a Hugging Face tokenizer (D1), an Azure client's
embedding model left for a second apply (D5), the embedding size of a decorator named only
after apply (D4)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

TOKENIZER = """import tiktoken


class TokenizerWrapper:
    def __init__(self, tokenizer_type: str = "tiktoken", model_name: str = "gpt-4o"):
        self.model_name = model_name
        if tokenizer_type == "tiktoken":
            self._tok = tiktoken.encoding_for_model(self.model_name)
        else:
            from transformers import AutoTokenizer

            self._tok = AutoTokenizer.from_pretrained(self.model_name, use_fast=True)
"""

AZURE = """from openai import AsyncAzureOpenAI

_client = None


def client():
    global _client
    if _client is None:
        _client = AsyncAzureOpenAI()
    return _client


async def complete(deployment_name, prompt):
    messages = [{"role": "user", "content": prompt}]
    r = await client().chat.completions.create(model=deployment_name, messages=messages)
    return r.choices[0].message.content


async def gpt_4o_complete(prompt):
    return await complete("gpt-4o", prompt)


async def embed(texts):
    r = await client().embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in r.data]
"""

EMBEDDING = """from openai import AsyncOpenAI


def attrs(embedding_dim):
    return lambda f: f


@attrs(embedding_dim=1536)
async def embed(texts):
    r = await AsyncOpenAI().embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in r.data]
"""


def migrate(registry, text: str, path: str = "app.py"):
    ctx = RuleContext(registry, registry.get("siliconflow"))
    result = FileScanner(ctx, Path(".")).migrate_text(text, "python", path, path)
    assert result.error is None
    return result


def test_a_tokenizer_setting_is_left_with_its_lookup(registry):
    result = migrate(registry, TOKENIZER)
    assert result.after == TOKENIZER
    assert [(f.rule, f.fix.value, f.message) for f in result.findings if f.rule == "ML204"] == [
        (
            "ML204",
            "none",
            "default of model_name = 'gpt-4o' (tiktoken.encoding_for_model() on line 8 reads "
            "it): a token counter's model, which no request of the module sends; apply leaves "
            "it OpenAI's, which tiktoken knows",
        )
    ]


def test_an_azure_clients_embedding_model_is_mapped_in_one_apply(registry):
    first = migrate(registry, AZURE)
    assert 'embeddings.create(model="BAAI/bge-m3", input=texts)' in first.after
    assert 'return await complete("deepseek-ai/DeepSeek-V3.2", prompt)' in first.after
    again = migrate(registry, first.after)
    assert again.after == first.after


def test_the_decorators_size_is_named_before_apply_as_after(registry):
    def sized(result):
        return [f.message for f in result.findings if f.rule == "ML114"]

    before = migrate(registry, EMBEDDING)
    after = migrate(registry, before.after)
    message = (
        "BAAI/bge-m3 returns vectors 1024 wide, embedding_dim= on line {line} expects 1536 "
        "(1536 -> 1024): make it 1024 and rebuild the stored vectors; SiliconFlow is not known "
        "to take dimensions=1536"
    )
    assert sized(before) == [message.format(line=8)]
    assert sized(after) == [message.format(line=10)]
