"""A config mapping whose key or base URL is another service's (`${env:AIMLAPI_API_KEY}`, an
`api_url` on api.aimlapi.com) sends its model there: ML503 leaves it, and ML502 names no
variable of it to fill with the provider's key (t64b: DB-GPT's AI/ML API and BurnCloud
configs)."""

from __future__ import annotations

from migrate_llm.registry import Registry

from .test_config_edits import migrate

# an aggregator serving OpenAI's models under their names, with its own key and host
AGGREGATOR = (
    "[[models.llms]]\n"
    'name = "${env:LLM_MODEL_NAME:-gpt-4o}"\n'
    'provider = "proxy/aimlapi"\n'
    'api_key = "${env:AIMLAPI_API_KEY}"\n'
    "\n"
    "[[models.embeddings]]\n"
    'name = "text-embedding-3-small"\n'
    'api_url = "https://api.aimlapi.com/v1/embeddings"\n'
    'api_key = "${env:EMBEDDING_KEY}"\n'
    "\n"
    "[[models.rerank]]\n"
    'name = "gpt-4o-mini"\n'
    'api_base = "https://api.deepseek.com"\n'
)


def test_the_models_of_another_services_mappings_are_left(registry: Registry) -> None:
    after, findings = migrate(registry, "app.toml", AGGREGATOR)
    assert (after, findings) == (AGGREGATOR, [])


def test_a_mapping_reading_the_programs_own_variables_is_mapped(registry: Registry) -> None:
    # the same mapping with a key variable named for no service: the program's, which the
    # user points at the provider
    text = AGGREGATOR.replace("AIMLAPI_API_KEY", "LLM_API_KEY")
    after, findings = migrate(registry, "app.toml", text)
    assert after == text.replace(":-gpt-4o}", ":-acme-large}")
    assert [(f.rule, f.line, f.data.get("model_to")) for f in findings] == [
        ("ML503", 2, "acme-large")
    ]


def test_a_key_named_for_another_service_gets_no_placeholder_note(registry: Registry) -> None:
    text = (
        "[[models.llms]]\n"
        'name = "gpt-4o"\n'
        'provider = "proxy/burncloud"\n'
        'api_key = "${BURNCLOUD_API_KEY}"\n'
    )
    assert migrate(registry, "app.toml", text) == (text, [])


def test_openai_and_azure_aliases_are_not_another_service(registry: Registry) -> None:
    # `oai` is OpenAI's alias in providers/openai.toml, `aoai` Azure OpenAI's: a key
    # variable or a host label named so is OpenAI's, and the model is still mapped
    for key in ("OAI_API_KEY", "AOAI_API_KEY"):
        text = AGGREGATOR.replace("AIMLAPI_API_KEY", key)
        after, findings = migrate(registry, "app.toml", text)
        assert after == text.replace(":-gpt-4o}", ":-acme-large}"), key
        assert [(f.rule, f.line) for f in findings] == [("ML503", 2)], key
