"""litellm's route to Azure OpenAI (`azure/<deployment>`: `frameworks.litellm.AZURE_ROUTES`),
reported as the SDK's `AzureOpenAI()` is (ML640, t53e: STORM's `azure/gpt-4o-mini` checks were
never reported while `AzureOpenAI()` was, ML002)."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied
from .test_key_spreads import found

TEXT = """import litellm
from litellm import Router

DEPLOYMENT = "azure/gpt-4o-mini"
reply = litellm.completion(model=DEPLOYMENT, messages=[])
vectors = litellm.embedding(model="azure/text-embedding-3-small", input=["x"])
router = Router(model_list=[{"model_name": "m", "litellm_params": {"model": "azure/gpt-4o"}}])
other = litellm.completion(model="azure_ai/mistral-large", messages=[])
"""
SAID = (
    "talks to Azure OpenAI: model='azure/{0}' is litellm's azure route, which sends the "
    "deployment '{0}' to the resource of api_base (else AZURE_API_BASE) with api_key (else "
    "AZURE_API_KEY) and api_version (else AZURE_API_VERSION)"
)
ENDPOINT = (
    'with api_key=os.environ["DEEPSEEK_API_KEY"] and api_base=os.environ.get('
    '"DEEPSEEK_BASE_URL", "https://api.deepseek.com"), and no api_version, by hand'
)


def test_an_azure_route_is_left_to_a_person_and_keeps_check_red(registry):
    assert found(registry, TEXT, "ML640") == [
        (
            4,
            "ML640",
            "manual",
            "litellm.completion() " + SAID.format("gpt-4o-mini") + "; for DeepSeek write "
            f"'deepseek/deepseek-flash' (what gpt-4o-mini maps to) {ENDPOINT}",
        ),
        (
            6,
            "ML640",
            "manual",
            "litellm.embedding() " + SAID.format("text-embedding-3-small") + "; DeepSeek serves "
            "no embeddings: embed with another provider, or keep this call on Azure OpenAI and "
            "say so with `# migrate-llm: ignore[ML640]` on it, by hand",
        ),
        (
            7,
            "ML640",
            "manual",
            "a Router deployment " + SAID.format("gpt-4o") + "; for DeepSeek write "
            f"'deepseek/deepseek-v4-pro' (what gpt-4o maps to) {ENDPOINT}",
        ),
    ]
    assert applied(registry, TEXT, "deepseek") == TEXT
    reported = check_python(TEXT, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES)
    assert {f.severity.value for f in reported if f.rule == "ML640"} == {"error"}


def test_an_azure_route_is_reported_without_a_provider_and_not_for_an_azure_target(registry):
    text = 'import litellm\n\nr = litellm.completion(model="azure/gpt-4o-mini", messages=[])\n'
    bare = check_python(text, RuleContext(registry, None), PYTHON_RULES)
    assert [(f.line, f.rule, f.fix.value, f.message) for f in bare if f.rule == "ML640"] == [
        (
            3,
            "ML640",
            "manual",
            "litellm.completion() " + SAID.format("gpt-4o-mini") + "; `migrate-llm scan "
            "--provider ID` says what to use instead",
        )
    ]
    target = check_python(text, RuleContext(registry, registry.get("azure")), PYTHON_RULES)
    assert [f for f in target if f.rule == "ML640"] == []
