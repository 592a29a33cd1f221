"""The shapes of nano-graphrag's code that t52c (SiliconFlow) found mishandled, in our words:
a tokenizer setting read by tiktoken and by a Hugging Face tokenizer (D1), an Azure client's
embedding model left for a second apply (D5), the embedding size of a decorator named only
after apply (D4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
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


def test_check_passes_on_the_tokenizer_setting_apply_leaves(tmp_path, monkeypatch):
    """t52j N1: ML207 said the lookup would get a SiliconFlow model (KeyError) though apply no
    longer maps the name, and its advice, a fixed encoding, would ignore the setting again."""
    (tmp_path / "tok.py").write_text(TOKENIZER)
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "siliconflow"])
    assert (checked.exit_code, checked.stdout) == (
        0,
        "0 findings for siliconflow in 0 of 2 files\n",
    )


def test_an_azure_clients_embedding_model_is_mapped_in_one_apply(registry):
    first = migrate(registry, AZURE)
    assert 'embeddings.create(model="BAAI/bge-m3", input=texts)' in first.after
    assert 'return await complete("deepseek-ai/DeepSeek-V3.2", prompt)' in first.after
    again = migrate(registry, first.after)
    assert again.after == first.after


def test_the_decorators_size_is_rewritten_with_the_model(registry):
    """t52j D4: the decorator's 1536 was named before apply but left, and every vector store
    rejected BAAI/bge-m3's 1024 wide vectors."""
    before = migrate(registry, EMBEDDING)
    sized = [f for f in before.findings if f.rule == "ML114"]
    assert [(f.severity.value, f.fix.value, f.message, f.edit.text) for f in sized] == [
        (
            "warning",
            "review",
            "BAAI/bge-m3 returns vectors 1024 wide, embedding_dim= on line 8 expects 1536 "
            "(1536 -> 1024): apply makes it 1024; rebuild the stored vectors; SiliconFlow is "
            "not known to take dimensions=1536",
            "1024",
        )
    ]
    assert "@attrs(embedding_dim=1024)\n" in before.after
    assert 'embeddings.create(model="BAAI/bge-m3", input=texts)' in before.after
    after = migrate(registry, before.after)
    assert after.after == before.after
    assert [(f.rule, f.severity.value) for f in after.findings if f.rule == "ML114"] == [
        ("ML114", "note")
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # the size a constant holds, which other code may read
        (
            EMBEDDING.replace(
                "@attrs(embedding_dim=1536)", "DIM = 1536\n\n\n@attrs(embedding_dim=DIM)"
            ),
            "DIM=",
        ),
        # two requests beside it: whose vectors it sizes is not known
        (
            EMBEDDING.replace(
                "    return [d.embedding",
                '    await AsyncOpenAI().embeddings.create(model="text-embedding-3-large", input=texts)\n'
                "    return [d.embedding",
            ),
            "embedding_dim=",
        ),
        # (a model the provider's file gives no width for: tests/test_embedding_model_widths.py)
    ],
)
def test_a_size_not_the_requests_own_is_left_to_a_person(registry, text, why):
    result = migrate(registry, text)
    sized = [f for f in result.findings if f.rule == "ML114" and f.severity.value == "warning"]
    assert [(f.fix.value, f.edit) for f in sized] == [("manual", None)] * len(sized)
    assert sized and all(why in f.message for f in sized)
    assert "1536" in result.after or "3072" in result.after
