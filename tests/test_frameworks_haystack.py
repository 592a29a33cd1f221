"""Haystack's OpenAI components (ML680) and the generation_kwargs they send (ML111, ML112,
ML115): exact before/after text and messages with every rule running, what is left to a
person (so `check` fails), the prefilter, and at the bottom the migrated program run with the
real haystack-ai against the loopback server (marked `frameworks`)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import check_rules
from .framework_rewrites import applied, assert_rewrites, migrate

CHAT = "from haystack.components.generators.chat import OpenAIChatGenerator\n"
EXPERIMENTAL = (
    "from haystack_experimental.components.generators.chat.openai import OpenAIChatGenerator\n"
)
DOCS = "from haystack.components.embedders import OpenAIDocumentEmbedder\n"
SECRET = "from haystack.utils import Secret\n"
KEY = 'api_key=Secret.from_env_var("ACME_API_KEY")'
URL = 'api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
ACME_TARGET = (
    "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
    "(default https://api.acme.example/v1)"
)


def found(registry, text: str, provider: str | None = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding on `text`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


CASES = [
    pytest.param(
        f"{CHAT}{SECRET}"
        'bot = OpenAIChatGenerator(api_key=Secret.from_env_var("OPENAI_API_KEY"), '
        'model="gpt-4o-mini", organization="org-1", generation_kwargs={"temperature": 0})\n',
        f"import os\n\n{CHAT}{SECRET}bot = OpenAIChatGenerator(\n    {URL},\n    {KEY},\n"
        '    model="acme-small",\n    generation_kwargs={"temperature": 0},\n)\n',
        id="openai-key-replaced-organization-dropped",
    ),
    pytest.param(
        "from haystack.components.generators.chat import OpenAIChatGenerator as Chat\n"
        "from haystack.utils.auth import Secret as S\n\n\n"
        "def make():\n"
        '    return Chat(model="gpt-4o", api_key=S.from_env_var("OPENAI_API_KEY", strict=False))\n',
        "import os\n\n"
        "from haystack.components.generators.chat import OpenAIChatGenerator as Chat\n"
        "from haystack.utils.auth import Secret as S\n\n\n"
        "def make():\n    return Chat(\n"
        '        api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        model="acme-large",\n'
        '        api_key=S.from_env_var("ACME_API_KEY"),\n    )\n',
        id="aliases-and-the-modules-own-secret-name",
    ),
    pytest.param(
        "from haystack.components.embedders import OpenAITextEmbedder\n"
        "embedder = OpenAITextEmbedder()\n",
        "import os\n\nfrom haystack.components.embedders import OpenAITextEmbedder\n"
        f"{SECRET}embedder = OpenAITextEmbedder(\n    {KEY},\n    {URL},\n"
        '    model="acme-embed",\n)\n',
        id="embedder-gets-the-mapped-default-model",
    ),
    pytest.param(
        "import haystack.components.generators as gens\n"
        'gen = gens.OpenAIGenerator(model="gpt-3.5-turbo", system_prompt="Be brief.")\n',
        f"import os\n\nimport haystack.components.generators as gens\n{SECRET}"
        f"gen = gens.OpenAIGenerator(\n    {KEY},\n    {URL},\n"
        '    model="acme-small",\n    system_prompt="Be brief.",\n)\n',
        id="module-alias-and-the-2x-text-generator",
    ),
    pytest.param(
        f'{EXPERIMENTAL}bot = OpenAIChatGenerator(model="gpt-4o")\n',
        f"import os\n\n{SECRET}{EXPERIMENTAL}bot = OpenAIChatGenerator(\n    {KEY},\n    {URL},\n"
        '    model="acme-large",\n)\n',
        id="haystack-experimentals-subclass",
    ),
    pytest.param(  # 32 inputs a request by default; Acme Cloud takes 16
        f"{DOCS}docs = OpenAIDocumentEmbedder()\n",
        f"import os\n\n{DOCS}{SECRET}docs = OpenAIDocumentEmbedder(\n    {KEY},\n    {URL},\n"
        '    model="acme-embed",\n    batch_size=16,\n)\n',
        id="document-embedder-batch-capped",
    ),
    pytest.param(
        f"{DOCS}docs = OpenAIDocumentEmbedder(batch_size=64)\n",
        f"import os\n\n{DOCS}{SECRET}docs = OpenAIDocumentEmbedder(\n    {KEY},\n    {URL},\n"
        '    model="acme-embed",\n    batch_size=16,\n)\n',
        id="document-embedder-written-batch-capped",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


def test_a_prompt_for_the_token_of_a_component_on_the_provider_is_reworded(registry):
    """A component pointed at the provider by hand, given the key a person types as
    `Secret.from_token(...)`: its prompt naming OpenAI's key gets the provider's name."""
    text = (
        "from getpass import getpass\n\n"
        f"{CHAT}{SECRET}"
        "bot = OpenAIChatGenerator(\n"
        '    api_key=Secret.from_token(getpass("Enter OpenAI API key:")),\n'
        '    api_base_url="https://api.acme.example/v1",\n'
        '    model="acme-large",\n)\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    assert [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.fix.value != "none"
    ] == [
        (
            6,
            "warning",
            "review",
            "the prompt 'Enter OpenAI API key:' asks for an OpenAI key, and the key typed there "
            'goes to Acme Cloud; apply writes "Enter Acme Cloud API key:"',
        )
    ]
    assert_rewrites(
        registry, text, text.replace("Enter OpenAI API key:", "Enter Acme Cloud API key:")
    )


def test_the_default_model_is_mapped_where_the_provider_has_it(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    [finding] = check_python(f"{CHAT}bot = OpenAIChatGenerator()\n", ctx, PYTHON_RULES)
    assert finding.message == (
        "OpenAIChatGenerator() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); for "
        "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
        "(default https://api.deepseek.com); model 'gpt-5-mini' -> 'deepseek-flash'"
    )
    assert finding.data == {
        "framework": "haystack",
        "class": "OpenAIChatGenerator",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "model_from": "gpt-5-mini",
        "model_to": "deepseek-flash",
    }


def test_a_default_model_without_a_mapping_is_named(registry):
    assert found(registry, f"{CHAT}bot = OpenAIChatGenerator()\n") == [
        (
            2,
            "ML680",
            "manual",
            "OpenAIChatGenerator() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); it "
            "sends its default model 'gpt-5-mini', which Acme Cloud has no mapping for: pass "
            "model= a provider model",
        )
    ]


def test_the_providers_key_without_a_base_url_still_goes_to_openai(registry):
    text = (
        f"{CHAT}{SECRET}"
        'bot = OpenAIChatGenerator(api_key=Secret.from_env_var("DEEPSEEK_API_KEY"), '
        'model="deepseek-flash")\n'
    )
    assert found(registry, text, "deepseek") == [
        (
            3,
            "ML680",
            "manual",
            "OpenAIChatGenerator() (Haystack) talks to OpenAI (key from DEEPSEEK_API_KEY); "
            "without api_base_url= it sends that key to OpenAI: pass "
            'api_base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")',
        )
    ]


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ('Secret.from_env_var("MY_LLM_KEY")', "key from MY_LLM_KEY"),
        ('Secret.from_token("sk-0123456789abcdefghijKLMN")', "hard-coded key sk-01…MN"),
        ("settings.llm_key", "key from `settings.llm_key`"),
    ],
)
def test_another_key_is_left_to_a_person(registry, key, shown):
    text = f"{CHAT}{SECRET}bot = OpenAIChatGenerator(api_key={key})\n"
    [(line, _, fix, message)] = [f for f in found(registry, text) if f[1] == "ML680"]
    assert (line, fix) == (3, "manual")
    assert message == (
        f"OpenAIChatGenerator() (Haystack) talks to OpenAI ({shown}); apply replaces only "
        f"OPENAI_API_KEY: pass {KEY} and {URL} together, by hand (an OpenAI key must not go to "
        "Acme Cloud)"
    )


def test_an_embedder_is_not_pointed_at_a_provider_without_embeddings(registry):
    text = (
        "from haystack.components.embedders import OpenAIDocumentEmbedder\n"
        'docs = OpenAIDocumentEmbedder(model="text-embedding-3-small")\n'
    )
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML680",
            "manual",
            "OpenAIDocumentEmbedder() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); "
            "DeepSeek has no OpenAI-compatible embeddings API (see "
            f"{registry.get('deepseek').docs}): keep it on OpenAI or point it at a provider "
            "that serves embeddings (its key and base URL), by hand; acme, azure, baichuan, "
            "doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "from haystack.components.embedders import AzureOpenAITextEmbedder\n"
            'emb = AzureOpenAITextEmbedder(azure_deployment="embed")\n',
            "AzureOpenAITextEmbedder() (Haystack) talks to Azure OpenAI; apply does not "
            f"rewrite it: use OpenAITextEmbedder without the Azure settings, with {KEY}, {URL} "
            "and an Acme Cloud model, by hand",
        ),
        (
            "from haystack.components.generators import DALLEImageGenerator\n"
            "images = DALLEImageGenerator()\n",
            "DALLEImageGenerator() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); it "
            "calls OpenAI's images API, which apply does not rewrite; Acme Cloud has no "
            "OpenAI-compatible images API: keep it on OpenAI or use the provider's own image "
            "API, by hand",
        ),
        (
            "from haystack.components.generators.chat import OpenAIResponsesChatGenerator\n"
            "bot = OpenAIResponsesChatGenerator()\n",
            "OpenAIResponsesChatGenerator() (Haystack) talks to OpenAI (key from "
            "OPENAI_API_KEY); it sends OpenAI's Responses API, which Acme Cloud does not "
            "serve: use OpenAIChatGenerator (chat completions), which apply then points at "
            "Acme Cloud",
        ),
    ],
)
def test_components_apply_does_not_rewrite_are_manual(registry, text, message):
    # (ML114 adds its note on the vectors of an embedder)
    assert [f for f in found(registry, text) if f[1] != "ML114"] == [
        (2, "ML680", "manual", message)
    ]


def test_the_azure_target_keeps_azure_components(registry):
    text = (
        "from haystack.components.generators.chat import AzureOpenAIChatGenerator\n"
        'bot = AzureOpenAIChatGenerator(azure_deployment="gpt-4o")\n'
    )
    assert [f for f in found(registry, text, "azure") if f[1] == "ML680"] == []


def test_a_component_pointed_at_the_provider_gets_its_key_variable(registry):
    text = (
        f"{CHAT}"
        'bot = OpenAIChatGenerator(api_base_url="https://api.acme.example/v1", '
        'model="acme-large")\n'
    )
    assert found(registry, text) == [
        (
            2,
            "ML680",
            "review",
            "OpenAIChatGenerator() (Haystack) points at Acme Cloud but reads its key from "
            "OPENAI_API_KEY: read ACME_API_KEY instead",
        )
    ]
    assert_rewrites(
        registry,
        text,
        f"{CHAT}{SECRET}bot = OpenAIChatGenerator(\n    {KEY},\n"
        '    api_base_url="https://api.acme.example/v1",\n    model="acme-large",\n)\n',
    )


def test_without_a_provider_the_message_is_neutral(registry):
    assert found(registry, f"{CHAT}bot = OpenAIChatGenerator()\n", None) == [
        (
            2,
            "ML680",
            "manual",
            "OpenAIChatGenerator() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        )
    ]


def test_haystack_experimentals_component_is_haystacks_not_a_foreign_call(registry):
    # haystack-experimental 0.2.0-0.4.0 also exported it from `components`
    text = "from haystack_experimental.components import OpenAIChatGenerator\nbot = OpenAIChatGenerator()\n"
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML680",
            "review",
            "OpenAIChatGenerator() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); for "
            "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
            "(default https://api.deepseek.com); model 'gpt-5-mini' -> 'deepseek-flash'",
        )
    ]


@pytest.mark.parametrize(
    ("batch", "said"),
    [
        ("64", "batch_size 64 -> 16 (Acme Cloud takes at most 16 inputs a request)"),
        (
            "size",
            "batch_size from `size` at run time: keep it at most 16 (Acme Cloud takes at most "
            "16 inputs a request)",
        ),
    ],
)
def test_a_batch_over_the_providers_limit_is_named(registry, batch, said):
    text = f"{DOCS}\n\ndef make(size):\n    return OpenAIDocumentEmbedder(batch_size={batch})\n"
    [message] = [f[3] for f in found(registry, text) if f[1] == "ML680"]
    assert message == (
        "OpenAIDocumentEmbedder() (Haystack) talks to OpenAI (key from OPENAI_API_KEY); "
        f"{ACME_TARGET}; model 'text-embedding-3-small' -> 'acme-embed'; {said}"
    )


@pytest.mark.parametrize(
    ("batch", "sent"),
    [
        ("", "32 inputs a request (by default)"),
        (", batch_size=64", "64 inputs a request (batch_size=64)"),
    ],
)
def test_an_embedder_on_the_provider_over_its_batch_limit_fails_check(registry, batch, sent):
    text = (
        f"{DOCS}{SECRET}docs = OpenAIDocumentEmbedder(api_base_url="
        f'"https://api.acme.example/v1", {KEY}, model="acme-embed"{batch})\n'
    )
    assert found(registry, text) == [
        (
            3,
            "ML680",
            "manual",
            "OpenAIDocumentEmbedder() (Haystack) already points at Acme Cloud; it sends up to "
            f"{sent}, and Acme Cloud takes at most 16: pass batch_size=16",
        )
    ]
    within = (
        text.replace(batch, ", batch_size=16")
        if batch
        else text.replace(")\n", ", batch_size=8)\n")
    )
    assert [f[2:] for f in found(registry, within)] == [
        ("none", "OpenAIDocumentEmbedder() (Haystack) already points at Acme Cloud")
    ]


def test_a_module_naming_only_the_component_passes_the_prefilter(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search(f"{CHAT}bot = OpenAIChatGenerator()\n")
    assert python.search(f"{EXPERIMENTAL}bot = OpenAIChatGenerator()\n")
    config = prefilters(registry.openai)["config"]
    for package in ("haystack", "haystack_experimental"):
        component = (
            f"  llm:\n    type: {package}.components.generators.chat.openai.OpenAIChatGenerator\n"
        )
        assert config.search(f"components:\n{component}")
    assert not python.search("def find(needle, haystack):\n    return needle in haystack\n")
    assert not python.search("from haystack.components.builders import PromptBuilder\n")


def test_check_fails_on_the_hand_edit_and_passes_after_apply(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "bot.py"
    program.write_text(f"{CHAT}bot = OpenAIChatGenerator()\n", encoding="utf-8")
    assert check_rules(tmp_path, "deepseek") == (1, ["ML680"])
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert check_rules(tmp_path, "deepseek") == (0, [])
    # the key alone switched by hand, no base URL: still OpenAI's host
    program.write_text(
        f"{CHAT}{SECRET}bot = OpenAIChatGenerator("
        'api_key=Secret.from_env_var("DEEPSEEK_API_KEY"), model="deepseek-flash")\n',
        encoding="utf-8",
    )
    assert check_rules(tmp_path, "deepseek") == (1, ["ML680"])


def test_check_fails_on_haystack_experimentals_component_given_a_provider_model(
    tmp_path, monkeypatch
):
    # the model changed by hand, no key or base URL: it still goes to OpenAI
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bot.py").write_text(
        f'{EXPERIMENTAL}bot = OpenAIChatGenerator(model="deepseek-flash")\n', encoding="utf-8"
    )
    # a pipeline file building only that component
    llm = PIPELINE.split("  embedder:")[0] + "connections: []\n"
    (tmp_path / "pipe.yml").write_text(
        llm.replace("haystack.components", "haystack_experimental.components"), encoding="utf-8"
    )
    assert check_rules(tmp_path, "deepseek") == (1, ["ML680", "ML503", "ML502"])


# --- generation_kwargs: the request's arguments (ML111, ML112, ML115) ---------------------

GEN = "from haystack.components.generators import OpenAIGenerator\n"
RANGE = "temperature {} is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0"
TOKENS = "Acme Cloud takes max_tokens=, not max_completion_tokens="


def compat(registry, text: str, provider: str = "acme") -> list[tuple[int, int, str, str, str]]:
    """(line, column, rule, fix, message) of the parameter findings (ML111-ML116) on `text`."""
    change = migrate(registry, text, provider)
    return [
        (f.line, f.column, f.rule, f.fix.value, f.message)
        for f in change.findings
        if f.category == "compatibility"
    ]


def test_generation_kwargs_are_checked_as_the_requests_arguments(registry):
    """Each kind of parameter, read from the dict the component sends as the request's
    arguments: the token limit renamed (safe), a temperature clamped and an argument the model
    does not take removed (review), in ML680's rewrite of the call; the rest left to a person."""
    before = (
        f"{CHAT}bot = OpenAIChatGenerator(\n"
        '    model="gpt-4o",\n'
        "    generation_kwargs={\n"
        '        "max_completion_tokens": 512,\n'
        '        "temperature": 1.8,\n'
        '        "logit_bias": {"50256": -100},\n'
        '        "tool_choice": "required",\n'
        '        "n": 2,\n'
        '        "response_format": {"type": "json_schema"},\n'
        "    },\n"
        ")\n"
    )
    assert compat(registry, before) == [
        (5, 9, "ML112", "safe", TOKENS),
        (6, 24, "ML111", "review", RANGE.format("1.8")),
        (
            7,
            9,
            "ML115",
            "review",
            "acme-large (mapped from gpt-4o) does not take logit_bias on Acme Cloud: "
            "logit_bias= is removed",
        ),
        (
            8,
            24,
            "ML111",
            "manual",
            'tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); use '
            '"auto" and check that the model calls a tool',
        ),
        (
            9,
            14,
            "ML111",
            "manual",
            "n=2 asks for more choices than Acme Cloud returns (at most 1); make several "
            "requests instead",
        ),
        (
            10,
            28,
            "ML111",
            "manual",
            'response_format type "json_schema" is not accepted by Acme Cloud (accepted: text, '
            "json_object); use json_object and describe the schema in the prompt",
        ),
    ]
    after = (
        f"import os\n\n{CHAT}{SECRET}bot = OpenAIChatGenerator(\n    {KEY},\n    {URL},\n"
        '    model="acme-large",\n'
        "    generation_kwargs={\n"
        '        "max_tokens": 512,\n'
        '        "temperature": 1.0,\n'
        '        "tool_choice": "required",\n'
        '        "n": 2,\n'
        '        "response_format": {"type": "json_schema"},\n'
        "    },\n"
        ")\n"
    )
    assert_rewrites(registry, before, after)
    assert compat(registry, after) == [(t[0] + 4, *t[1:]) for t in compat(registry, before)[3:]]


def test_a_dict_written_before_what_ml680_rewrites_is_changed_in_its_edit(registry, tmp_path):
    """ML680's one edit of the call spans a dict written before `model=`: it makes the changes
    in it (what scan says of them is what apply does), but those a comment turns off."""
    from .test_fix_truth import assert_scan_matches_apply

    before = (
        f"{CHAT}bot = OpenAIChatGenerator(\n"
        '    generation_kwargs={"max_completion_tokens": 64, "temperature": 1.5},\n'
        '    model="gpt-4o",\n'
        ")\n"
    )
    assert compat(registry, before) == [
        (3, 24, "ML112", "safe", TOKENS),
        (3, 68, "ML111", "review", RANGE.format("1.5")),
    ]
    assert_rewrites(
        registry,
        before,
        f"import os\n\n{CHAT}{SECRET}bot = OpenAIChatGenerator(\n    {KEY},\n    {URL},\n"
        '    generation_kwargs={"max_tokens": 64, "temperature": 1.0},\n'
        '    model="acme-large",\n'
        ")\n",
    )
    assert_scan_matches_apply(registry, "acme", "bot.py", before, tmp_path)
    kept = before.replace('"temperature": 1.5},', '"temperature": 1.5},  # migrate-llm: ignore')
    kept = kept.replace("ignore", "ignore[ML111]")
    assert compat(registry, kept) == [(3, 24, "ML112", "safe", TOKENS)]
    change = migrate(registry, kept)
    assert '{"max_tokens": 64, "temperature": 1.5},  # migrate-llm' in change.after
    assert migrate(registry, change.after).after == change.after


def test_a_dict_used_elsewhere_is_left_and_one_used_only_there_is_edited(registry):
    before = (
        f"{GEN}{CHAT}\n"
        'SHARED = {"max_completion_tokens": 256, "temperature": 1.5, "logit_bias": {"1": 5}}\n'
        'OWN = {"max_completion_tokens": 256, "temperature": 1.5}\n'
        'OWN["top_p"] = 0.5\n'
        "writer = OpenAIGenerator(generation_kwargs=SHARED)\n"
        'chat = OpenAIChatGenerator(model="acme-think", generation_kwargs=OWN)\n'
        "print(SHARED)\n"
    )
    think = "acme-think fixes {} on Acme Cloud: {}= is removed (the model ignores or rejects it)"
    assert compat(registry, before) == [
        (
            4,
            11,
            "ML112",
            "manual",
            f'{TOKENS}; rename the entry "max_completion_tokens" by hand (apply leaves the '
            "dict: it is built or used elsewhere too)",
        ),
        (4, 56, "ML111", "manual", RANGE.format("1.5")),
        (
            4,
            61,
            "ML115",
            "manual",
            'Acme Cloud\'s models do not take logit_bias: remove the entry "logit_bias" (apply '
            "leaves the dict: it is used elsewhere too)",
        ),
        (5, 8, "ML112", "safe", TOKENS),
        (5, 38, "ML115", "review", think.format("temperature", "temperature")),
        (6, 1, "ML115", "review", think.format("top_p", "top_p")),
    ]
    # also given to a component apply leaves on another host: that one would change too
    shared = (
        f'{CHAT}KW = {{"temperature": 1.5}}\n'
        'bot = OpenAIChatGenerator(model="gpt-4o", generation_kwargs=KW)\n'
        'local = OpenAIChatGenerator(api_base_url="http://localhost:8000/v1", generation_kwargs=KW)\n'
    )
    assert compat(registry, shared) == [(2, 22, "ML111", "manual", RANGE.format("1.5"))]
    after = applied(registry, before, "acme")
    assert after.splitlines()[6:9] == [
        'SHARED = {"max_completion_tokens": 256, "temperature": 1.5, "logit_bias": {"1": 5}}',
        'OWN = {"max_tokens": 256}',
        "writer = OpenAIGenerator(generation_kwargs=SHARED)",
    ]


def test_generation_kwargs_given_at_run_time_are_checked(registry):
    """`run(...)` of a component the module builds (through a name bound once to it, or in
    the same expression) sends them over those given at construction."""
    before = (
        f"{CHAT}\n"
        'chat = OpenAIChatGenerator(model="gpt-4o")\n'
        'reply = chat.run([], generation_kwargs={"temperature": 1.5, "max_completion_tokens": 9})\n'
        'again = OpenAIChatGenerator(model="gpt-4o").run([], generation_kwargs={"top_p": 2.0})\n'
        "\n\nasync def ask(bot):\n"
        '    return await bot.run_async([], generation_kwargs={"temperature": 1.5})\n'
    )
    assert compat(registry, before) == [
        (4, 56, "ML111", "review", RANGE.format("1.5")),
        (4, 61, "ML112", "safe", TOKENS),
    ]
    after = applied(registry, before, "acme")
    assert 'reply = chat.run([], generation_kwargs={"temperature": 1.0, "max_tokens": 9})' in after
    # a component apply leaves on another host keeps them: that server's business
    local = before.replace('model="gpt-4o")\n', 'api_base_url="http://localhost:8000/v1")\n', 1)
    assert compat(registry, local) == []


def test_a_provider_that_takes_them_and_openai_say_nothing(registry):
    text = (
        f"{CHAT}bot = OpenAIChatGenerator(\n"
        '    model="gpt-4o",\n'
        '    generation_kwargs={"max_completion_tokens": 512, "temperature": 1.8, "seed": 7, '
        '"logprobs": True},\n'
        ")\n"
    )
    assert compat(registry, text, "doubao") == []
    assert compat(registry, text.replace('"seed"', '"logit_bias": {"1": 2}, "seed"'), "azure") == []


def test_a_component_already_on_the_provider_is_checked(registry):
    text = (
        f"{CHAT}bot = OpenAIChatGenerator(\n"
        '    api_base_url="https://api.acme.example/v1",\n'
        '    model="acme-think",\n'
        '    generation_kwargs={"temperature": 0.2},\n'
        ")\n"
    )
    assert compat(registry, text) == [
        (
            5,
            24,
            "ML115",
            "review",
            "acme-think fixes temperature on Acme Cloud: temperature= is removed (the model "
            "ignores or rejects it)",
        )
    ]
    assert "    generation_kwargs={},\n" in applied(registry, text, "acme")


def test_scan_json_names_them(tmp_path, monkeypatch):
    from .conftest import ACME_DIR

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bot.py").write_text(
        f'{GEN}gen = OpenAIGenerator(model="gpt-4o", generation_kwargs={{"temperature": 3}})\n',
        encoding="utf-8",
    )
    acme = ["--providers-dir", str(ACME_DIR), "--provider", "acme", "--format", "json"]
    result = CliRunner().invoke(app, ["scan", "bot.py", *acme])
    findings = json.loads(result.stdout)["findings"]
    assert [
        {k: f[k] for k in ("line", "column", "end_column", "rule", "fix", "message", "data")}
        for f in findings
        if f["rule"] == "ML111"
    ] == [
        {
            "line": 2,
            "column": 73,
            "end_column": 74,
            "rule": "ML111",
            "fix": "review",
            "message": "temperature 3 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1",
            "data": {},
        }
    ]


# --- end to end -----------------------------------------------------------------------------

APP = Path(__file__).resolve().parent / "frameworks_apps" / "haystack_app"


@pytest.mark.frameworks
@pytest.mark.parametrize("provider_id", ["zhipu", "qwen"])
def test_haystack_app_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    pytest.importorskip("haystack", reason="pip install haystack-ai")
    from .test_frameworks_langchain_e2e import KEY, migrate, run

    provider = registry.get(provider_id)
    project = migrate("haystack_app", provider_id, tmp_path, monkeypatch)
    assert "OPENAI_API_KEY" not in (project / "assistant.py").read_text()
    path = urlsplit(provider.base_url).path
    # Haystack's own usage statistics (PostHog)
    result = run(project, provider, server, registry, tmp_path, HAYSTACK_TELEMETRY_ENABLED="False")
    chat_model = provider.map_model("gpt-5-mini")  # the component's default, mapped
    assert result == {
        "answer": f"reply from {chat_model}",
        "vectors": 2,
    }
    sent = sorted((r.path, r.body["model"]) for r in server.requests)
    assert sent == [
        (f"{path}/chat/completions", chat_model),
        (f"{path}/embeddings", provider.map_model("text-embedding-3-small")),
    ]
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}
    embeddings = next(r.body for r in server.requests if r.path.endswith("/embeddings"))
    assert embeddings["input"] == ["first document", "second document"]
    # the generation settings as apply left them for the provider (ML111, ML112, ML115):
    # Zhipu takes temperatures up to 1 and no frequency_penalty, Qwen max_completion_tokens
    chat = next(r.body for r in server.requests if r.path.endswith("/chat/completions"))
    sent = {k: chat.get(k) for k in ("max_tokens", "max_completion_tokens", "temperature")}
    expected = {
        "zhipu": ({"max_tokens": 64, "max_completion_tokens": None, "temperature": 1.0}, None),
        "qwen": ({"max_tokens": None, "max_completion_tokens": 64, "temperature": 1.5}, 0.5),
    }
    assert (sent, chat.get("frequency_penalty")) == expected[provider_id]


PIPELINE = """components:
  llm:
    init_parameters:
      api_base_url: null
      api_key:
        env_vars:
        - OPENAI_API_KEY
        strict: true
        type: env_var
      model: gpt-4o-mini
    type: haystack.components.generators.chat.openai.OpenAIChatGenerator
  embedder:
    init_parameters: {}
    type: haystack.components.embedders.openai_text_embedder.OpenAITextEmbedder
connections: []
"""


def test_a_pipeline_file_of_openai_components_fails_check_and_is_left(tmp_path, monkeypatch):
    # haystack re-run: `Pipeline.loads(...)` of such a file went to OpenAI with check passing
    # once apply had mapped its model
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    from .conftest import ACME_DIR

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pipe.yml").write_text(PIPELINE)
    acme = ["--providers-dir", str(ACME_DIR), "--provider", "acme", "-j", "1"]
    assert CliRunner().invoke(app, ["apply", *acme, "--yes"]).exit_code == 0
    assert (tmp_path / "pipe.yml").read_text() == PIPELINE
    result = CliRunner().invoke(app, ["check", *acme])
    set_ = (
        "set init_parameters api_base_url: https://api.acme.example/v1 and api_key: {type: "
        "env_var, env_vars: [ACME_API_KEY], strict: true} and Acme Cloud's model, by hand"
    )
    assert (result.exit_code, result.stdout.splitlines()[:3]) == (
        1,
        [
            "pipe.yml:10:14 ML503 gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme "
            "Cloud, but this Haystack OpenAIChatGenerator still talks to OpenAI (see ML502): "
            "change it with the base URL and the key, by hand",
            "pipe.yml:11:11 ML502 this Haystack pipeline builds OpenAIChatGenerator, which talks "
            f"to OpenAI; {set_}",
            "pipe.yml:14:11 ML502 this Haystack pipeline builds OpenAITextEmbedder, which talks "
            f"to OpenAI; {set_}",
        ],
    )
    pointed = PIPELINE.replace("api_base_url: null", "api_base_url: https://api.acme.example/v1")
    pointed = pointed.replace("OPENAI_API_KEY", "ACME_API_KEY").replace("gpt-4o-mini", "acme-small")
    pointed = pointed.replace(
        "init_parameters: {}", "init_parameters: {api_base_url: https://api.acme.example/v1}"
    )
    (tmp_path / "pipe.yml").write_text(pointed)
    assert (
        CliRunner().invoke(app, ["check", *acme]).stdout.splitlines()[-1].startswith("0 findings")
    )
