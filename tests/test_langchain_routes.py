"""LangChain model strings on the `openai:` route (t47 D1, D3, D4, D6, D7 on
open_deep_research): `init_chat_model("openai:<model>")` builds ChatOpenAI at OpenAI's URL
whatever model follows, so a provider's model may stay after `openai:` only where the call
building the model is also given the provider's base URL. Elsewhere ML204 writes it on the
provider's own route (`deepseek:`, langchain-deepseek's ChatDeepSeek, which reads
DEEPSEEK_API_KEY and DEEPSEEK_API_BASE) where the project requires that package, else leaves
it (manual); `check` stays red while one reaches OpenAI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks import langchain as lc
from migrate_llm.report import shorten
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import REQUIRES_LANGCHAIN_ROUTE, RunFacts, facts_of

from .cli_findings import finding_rows, run_json

BOTH = frozenset({"openai", "deepseek"})
READS = (
    "ChatDeepSeek of langchain-deepseek, which reads the key from DEEPSEEK_API_KEY and the base "
    "URL from DEEPSEEK_API_BASE, not DEEPSEEK_BASE_URL"
)
BUILDS = "`openai:` makes LangChain build ChatOpenAI, which sends any model to OpenAI"
GIVE = (
    "give the call that builds the model from it base_url= and api_key= for DeepSeek (apply "
    "does so where this module passes it to init_chat_model() itself), by hand"
)


def migrated(registry, text: str, routes=BOTH, provider="deepseek", readers=True):
    facts = RunFacts(langchain_routes=frozenset(routes), provider_readers_named=readers)
    ctx = RuleContext(registry, registry.get(provider), facts=facts)
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def said(change, *rules: str):
    return [
        (f.rule, f.line, f.fix.value, f.message, f.data)
        for f in change.findings
        if f.rule in (rules or ("ML204",))
    ]


CONFIG = 'CONFIG = {"research_model": "openai:gpt-4.1"}\n'


def test_a_string_read_elsewhere_moves_to_deepseeks_route(registry):
    change = migrated(registry, CONFIG)
    assert change.after == 'CONFIG = {"research_model": "deepseek:deepseek-v4-pro"}\n'
    assert said(change) == [
        (
            "ML204",
            1,
            "review",
            "entry 'research_model' = 'openai:gpt-4.1' maps to 'deepseek-v4-pro' on DeepSeek: "
            f"{BUILDS}; on LangChain's route for DeepSeek it is 'deepseek:deepseek-v4-pro' "
            f"({READS})",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "model_to": "deepseek:deepseek-v4-pro",
            },
        )
    ]
    assert not migrated(registry, change.after).findings


def test_without_langchain_deepseek_the_string_is_left(registry):
    change = migrated(registry, CONFIG, routes={"openai"})
    assert change.after == CONFIG
    assert said(change) == [
        (
            "ML204",
            1,
            "manual",
            "entry 'research_model' = 'openai:gpt-4.1' maps to 'deepseek-v4-pro' on DeepSeek, "
            f"but apply leaves it: {BUILDS}; write 'deepseek:deepseek-v4-pro' once the project "
            f"requires langchain-deepseek ({READS}), or {GIVE}",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "requires": "langchain-deepseek",
            },
        )
    ]


def test_a_provider_without_a_route_leaves_it(registry):
    change = migrated(registry, CONFIG.replace("gpt-4.1", "gpt-4o"), provider="acme")
    assert change.after == CONFIG.replace("gpt-4.1", "gpt-4o")
    assert said(change) == [
        (
            "ML204",
            1,
            "manual",
            "entry 'research_model' = 'openai:gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            f"apply leaves it: {BUILDS}; " + GIVE.replace("DeepSeek", "Acme Cloud"),
            {"model_from": "gpt-4o"},
        )
    ]


def test_a_string_the_module_gives_init_chat_model_keeps_openai(registry):
    """ML603 gives that call DeepSeek's key and base URL: `openai:` reaches DeepSeek there."""
    before = (
        "from langchain.chat_models import init_chat_model\n\n"
        'MODEL = "openai:gpt-4.1"\nllm = init_chat_model(MODEL)\n'
    )
    change = migrated(registry, before)
    assert 'MODEL = "openai:deepseek-v4-pro"\n' in change.after
    assert 'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")' in (
        change.after
    )
    assert [(r, line, fix) for r, line, fix, *_ in said(change, "ML204", "ML603")] == [
        ("ML204", 3, "review"),
        ("ML603", 4, "review"),
    ]


def test_a_provider_model_after_openai_is_moved_or_left(registry):
    before = 'CONFIG = {"writer_model": "openai:deepseek-v4-pro"}\n'
    change = migrated(registry, before)
    assert change.after == 'CONFIG = {"writer_model": "deepseek:deepseek-v4-pro"}\n'
    assert said(change)[0][2:4] == (
        "review",
        "entry 'writer_model' = 'openai:deepseek-v4-pro' names a DeepSeek model after "
        f"`openai:`: {BUILDS}; on LangChain's route for DeepSeek it is "
        f"'deepseek:deepseek-v4-pro' ({READS})",
    )
    left = migrated(registry, before, routes=())
    assert left.after == before
    assert [(f.rule, f.fix.value) for f in left.findings] == [("ML204", "manual")]


def _project(tmp_path: Path, monkeypatch, requirements: str, source: str) -> None:
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / "settings.py").write_text(source)
    monkeypatch.chdir(tmp_path)


def _check(provider: str = "deepseek") -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", "-p", provider)
    return code, finding_rows(report, "rule", "line", "fix")


def test_check_is_red_on_a_provider_model_after_openai(tmp_path, monkeypatch):
    """What ML204 wrote before this release: the DeepSeek model went to api.openai.com."""
    source = 'MODELS = {"writer_model": "openai:deepseek-v4-pro"}\n'
    _project(tmp_path, monkeypatch, "langchain-openai>=0.3\n", source)
    assert _check() == (1, [("ML204", 1, "manual")])
    result = CliRunner().invoke(app, ["apply", "-p", "deepseek", "-y"])
    assert result.exit_code == 0
    assert (tmp_path / "settings.py").read_text() == source
    assert _check() == (1, [("ML204", 1, "manual")])
    # with langchain-deepseek required, apply moves it and check passes
    (tmp_path / "requirements.txt").write_text("langchain-openai>=0.3\nlangchain-deepseek\n")
    assert _check() == (1, [("ML204", 1, "review")])
    assert CliRunner().invoke(app, ["apply", "-p", "deepseek", "-y"]).exit_code == 0
    assert (tmp_path / "settings.py").read_text() == (
        'MODELS = {"writer_model": "deepseek:deepseek-v4-pro"}\n'
    )
    assert _check() == (0, [])


# --- a model setting beside a provider setting naming OpenAI (D3) ---------------------------

LEGACY = """from langchain_core.runnables import RunnableConfig


class Configuration:
    writer_provider: str = "openai"
    writer_model: str = "gpt-4.1"
    summarization_model_provider: str = "openai"
    summarization_model: str = "deepseek-v4-pro"
"""


def test_a_model_beside_an_openai_provider_setting_is_left(registry):
    change = migrated(registry, LEGACY)
    assert change.after == LEGACY
    tail = (
        "beside it picks OpenAI, where the model would still go (LangChain's "
        "init_chat_model(model_provider='openai') builds ChatOpenAI); change the two "
        "together, by hand: set {name} to 'deepseek' and the model to 'deepseek-v4-pro' "
        f"({READS}), or give the call that builds the model base_url= and api_key= for DeepSeek"
    )
    assert said(change) == [
        (
            "ML204",
            6,
            "manual",
            "attribute Configuration.writer_model = 'gpt-4.1' maps to 'deepseek-v4-pro' on "
            'DeepSeek, but apply leaves it: writer_provider = "openai" on line 5 '
            + tail.format(name="writer_provider"),
            {
                "model_from": "gpt-4.1",
                "provider_setting": "writer_provider",
                "langchain_route": "deepseek",
            },
        ),
        (
            "ML204",
            8,
            "manual",
            "attribute Configuration.summarization_model = 'deepseek-v4-pro' is a DeepSeek "
            'model, but apply leaves it: summarization_model_provider = "openai" on line 7 '
            + tail.format(name="summarization_model_provider"),
            {
                "model_from": "deepseek-v4-pro",
                "provider_setting": "summarization_model_provider",
                "langchain_route": "deepseek",
            },
        ),
    ]
    without = migrated(registry, LEGACY, routes={"openai"})
    assert "once the project requires langchain-deepseek" in said(without)[0][3]
    assert said(without)[0][4]["requires"] == "langchain-deepseek"


def test_a_provider_setting_outside_langchain_is_the_programs_own(registry):
    """No LangChain in the module or the project: `provider = "openai"` picks the program's
    OpenAI client, which apply points at the provider; the model is mapped."""
    before = 'class Settings:\n    llm_provider = "openai"\n    llm_model = "gpt-4.1"\n'
    change = migrated(registry, before, routes=(), readers=False)
    assert change.after == before.replace("gpt-4.1", "deepseek-v4-pro")


def test_a_provider_setting_where_nothing_reads_it_for_langchain_is_the_programs_own(registry):
    """LangChain used and langchain-openai required, but no module of the project names
    init_chat_model or init_embeddings (NeedleInAHaystack's `provider = "openai"` picks its
    own class, whose client apply points at the provider): the model is mapped."""
    before = (
        "from dataclasses import dataclass\n\n"
        "from langchain_community.chat_models import ChatOpenAI\n\n\n"
        "@dataclass\n"
        "class CommandArgs:\n"
        '    provider: str = "openai"\n'
        '    model_name: str = "gpt-4.1"\n'
    )
    change = migrated(registry, before, routes={"openai"}, readers=False)
    assert change.after == before.replace("gpt-4.1", "deepseek-v4-pro")
    # the module naming init_chat_model itself is enough
    named = before + "\n\nfrom langchain.chat_models import init_chat_model\n"
    assert migrated(registry, named, routes={"openai"}, readers=False).after == named


@pytest.mark.parametrize(
    ("data", "worth", "named"),
    [
        (b"from langchain.chat_models import init_chat_model\n", True, True),
        (b"from langchain.embeddings import init_embeddings\n", True, True),
        (b"from langchain.chat_models import init_chat_model\n", False, False),
        (b"from langchain_openai import ChatOpenAI\n", True, False),
    ],
)
def test_modules_naming_a_provider_reader(data, worth, named):
    facts = RunFacts.of_bits(facts_of("python", data, worth, False, None))
    assert facts.provider_readers_named is named


# --- embeddings DeepSeek does not serve (D4) ------------------------------------------------


def test_init_embeddings_is_left_where_the_provider_has_no_embeddings(registry):
    before = (
        "from langchain.embeddings import init_embeddings\n\n"
        'embedder = init_embeddings("openai:text-embedding-3-small")\n'
    )
    change = migrated(registry, before)
    assert change.after == before
    assert said(change, "ML603") == [
        (
            "ML603",
            3,
            "manual",
            "init_embeddings() (LangChain) builds OpenAIEmbeddings, which talks to OpenAI (key "
            "from OPENAI_API_KEY); DeepSeek has no OpenAI-compatible embeddings API (see "
            "https://api-docs.deepseek.com): keep it on OpenAI or point it at a provider that "
            "serves embeddings (its key and base URL), by hand; acme, azure, baichuan, doubao, ernie, "
            "hunyuan, qwen, siliconflow, zhipu offer it",
            {
                "framework": "langchain",
                "class": "OpenAIEmbeddings",
                "surface": "embeddings",
                "model_from": "text-embedding-3-small",
            },
        )
    ]


# --- a key chosen by the model string (D7) --------------------------------------------------

KEYS = """import os


def get_api_key_for_model(model_name, config):
    if os.getenv("GET_API_KEYS_FROM_CONFIG") == "true":
        api_keys = config.get("apiKeys", {})
        if model_name.startswith("openai:"):
            return api_keys.get("OPENAI_API_KEY")
        return None
    if model_name.startswith("openai:"):
        return os.getenv("OPENAI_API_KEY")
    return None
"""


def test_a_key_read_for_the_openai_route_is_not_renamed(registry):
    """Renamed alone, DeepSeek's key would go to OpenAI with `openai:` models, and models on
    `deepseek:` would get none (api_key=None keeps ChatDeepSeek from reading its variable)."""
    change = migrated(registry, KEYS)
    assert change.after == KEYS
    how = (
        "for models on LangChain's `openai:` route (the test on line {line}), which go to "
        "OpenAI; not switched: renamed alone, DeepSeek's key would go to OpenAI with them; "
        "models on `deepseek:` (ML204) take no branch here, and given api_key=None "
        "ChatDeepSeek reads no DEEPSEEK_API_KEY: at its default base URL it fails, and at "
        "another (DEEPSEEK_API_BASE: a proxy, a test server) the openai SDK under it falls "
        "back to OPENAI_API_KEY and sends the OpenAI key there; test for 'deepseek:' and name "
        "DEEPSEEK_API_KEY together, by hand"
    )
    assert said(change, "ML401") == [
        (
            "ML401",
            8,
            "manual",
            "names OPENAI_API_KEY " + how.format(line=7),
            {"variable_from": "OPENAI_API_KEY"},
        ),
        (
            "ML401",
            11,
            "manual",
            "reads OPENAI_API_KEY " + how.format(line=10),
            {"variable_from": "OPENAI_API_KEY", "variable_to": "DEEPSEEK_API_KEY"},
        ),
    ]
    acme = said(migrated(registry, KEYS, provider="acme"), "ML401")
    assert acme[1][3].endswith(
        "where its models go to Acme Cloud (given its base URL), test for them and name "
        "ACME_API_KEY together, by hand"
    )


# --- facts, table, report -----------------------------------------------------------------


def test_the_project_facts_name_the_routes_required():
    data = b"langchain>=1.0\nlangchain_openai\nLangChain-DeepSeek>=0.1.2\n"
    bits = facts_of("requirements", data, True, False, None)
    assert bits & REQUIRES_LANGCHAIN_ROUTE["openai"]
    assert bits & REQUIRES_LANGCHAIN_ROUTE["deepseek"]
    facts = RunFacts.of_bits(bits)
    assert facts.langchain_routes == BOTH
    assert facts.key != RunFacts().key
    assert RunFacts().joined(facts).langchain_routes == BOTH
    assert facts_of("requirements", b"langchain-deepseek-extra\n", True, False, None) == 0


def test_the_route_table_names_what_chatdeepseek_reads(registry):
    route = lc.INIT_ROUTES["deepseek"]
    assert (route.api_key_env, route.base_url_env, route.base_url_keyword) == (
        "DEEPSEEK_API_KEY",
        "DEEPSEEK_API_BASE",
        "api_base",
    )
    assert registry.get("deepseek").frameworks["langchain_route"] == "deepseek"
    assert lc.ROUTE_PACKAGES == {"openai": "langchain-openai", "deepseek": "langchain-deepseek"}


def test_the_table_keeps_a_class_named_after_the_provider(registry):
    message = "on LangChain's route for DeepSeek it is ChatDeepSeek of DeepSeek's package"
    assert shorten(message, registry.get("deepseek")) == (
        "on LangChain's route for deepseek it is ChatDeepSeek of deepseek's package"
    )
