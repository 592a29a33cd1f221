"""ML503 on lmi's embedding names (`hybrid-text-embedding-3-small`, paper-qa's configs/
wikicrow.json, trial 48a): left to a person with what litellm takes after the prefixes."""

from __future__ import annotations

import pytest

from migrate_llm.edits import apply_edits
from migrate_llm.frameworks.lmi import embedding_tail
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

WIKICROW = '{\n  "llm": "acme-large",\n  "embedding": "hybrid-text-embedding-3-small"\n}\n'


def model_findings(registry: Registry, text: str, provider: str | None = "acme"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [f for f in check_config("configs/wikicrow.json", text, ctx) if f.rule == "ML503"]


def test_a_hybrid_embedding_name_is_left_with_its_litellm_form(registry) -> None:
    [finding] = model_findings(registry, WIKICROW)
    assert (finding.line, finding.column, finding.fix.value, finding.edit) == (
        3,
        16,
        "manual",
        None,
    )
    assert finding.message == (
        "hybrid-text-embedding-3-small is lmi's 'hybrid-' form of OpenAI's "
        "'text-embedding-3-small': lmi hands 'text-embedding-3-small' to litellm, which sends a "
        "model without a provider prefix to OpenAI; it maps to 'acme-embed' on Acme Cloud: write "
        "'hybrid-openai/acme-embed' with Acme Cloud's api_base and key in the embedding config's "
        "'kwargs' entry there instead (lmi gives litellm what follows 'hybrid-'), by hand"
    )
    assert finding.data == {
        "model_from": "text-embedding-3-small",
        "prefix": "hybrid-",
        "model_to": "acme-embed",
    }
    assert apply_edits(WIKICROW, [])[0] == WIKICROW


def test_a_chat_model_after_litellm_prefix_is_given_the_route(registry) -> None:
    [finding] = model_findings(registry, '{"summary": "litellm-gpt-4o"}')
    assert finding.message.endswith(
        "it maps to 'acme-large' on Acme Cloud: write 'litellm-acme/acme-large' there instead "
        "(lmi gives litellm what follows 'litellm-'), by hand"
    )


def test_without_a_provider_and_on_openai(registry) -> None:
    [finding] = model_findings(registry, WIKICROW, provider=None)
    assert finding.message.endswith("to OpenAI; `--provider ID` shows its replacement")
    assert model_findings(registry, WIKICROW, provider="openai") == []


def test_a_model_the_table_does_not_map(registry) -> None:
    [finding] = model_findings(registry, '{"embedding": "hybrid-text-embedding-3-large"}')
    assert finding.message.endswith(
        "to OpenAI; Acme Cloud's table maps it to no model: write one of Acme Cloud's models "
        "after 'hybrid-' as litellm takes it, by hand"
    )


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("hybrid-text-embedding-3-small", ("hybrid-", "text-embedding-3-small")),
        ("hybrid-litellm-text-embedding-3-large", ("hybrid-litellm-", "text-embedding-3-large")),
        ("litellm-gpt-4o", ("litellm-", "gpt-4o")),
        ("hybrid-st-multi-qa-MiniLM-L6-cos-v1", None),  # a local SentenceTransformer model
        ("hybrid-acme-embed", None),
        ("text-embedding-3-small", None),  # no prefix: ML503's own case
        ("hybrid-", None),
    ],
)
def test_lmi_prefixes_are_read_one_after_another(registry, value, found) -> None:
    assert embedding_tail(value, registry.openai.serves) == found
