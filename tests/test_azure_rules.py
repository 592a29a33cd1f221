"""`apply --provider azure`: exact before/after text for each API style and credential, the
provider data behind it, and the options that choose them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.config import parse_config
from migrate_llm.engine import FileScanner
from migrate_llm.errors import ConfigError, ProviderError
from migrate_llm.model import FixClass
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ENDPOINT = '"AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com"'
V1_URL = f'os.environ.get(\n        {ENDPOINT}\n    ).rstrip("/")\n    + "/openai/v1"'
VERSION = 'api_version=os.environ.get("OPENAI_API_VERSION", "2024-10-21")'


def migrate(registry, text, target=None, models=()):
    """`target`: a region, then the client options after `+` (`cn+entra`, `+classic`)."""
    region, *options = (target or "").split("+")
    api = next((o for o in options if o in ("v1", "classic")), None)
    auth = next((o for o in options if o in ("key", "entra")), None)
    ctx = RuleContext(
        registry,
        registry.get("azure"),
        region or None,
        dict(models),
        azure_api=api,
        azure_auth=auth,
    )
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def after_and_again(registry, text, region=None, models=()):
    change = migrate(registry, text, region, models)
    assert change.error is None, change.error
    again = migrate(registry, change.after, region, models)
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change


CASES = [
    pytest.param(
        "from openai import OpenAI\nclient = OpenAI()\n",
        None,
        "import os\n\nfrom openai import OpenAI\nclient = OpenAI(\n"
        '    api_key=os.environ.get("AZURE_OPENAI_API_KEY", "unset"),\n'
        f"    base_url={V1_URL},\n)\n",
        id="v1-default",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make():\n    return OpenAI(timeout=5)\n",
        "global",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        '        api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
        f"        base_url=os.environ.get(\n            {ENDPOINT}\n"
        '        ).rstrip("/")\n        + "/openai/v1",\n        timeout=5,\n    )\n',
        id="v1-in-function-reads-key-strictly",
    ),
    pytest.param(
        "import openai\nclient = openai.OpenAI(organization='org-1')\n",
        "+classic",
        "import os\n\nimport openai\nclient = openai.AzureOpenAI(\n"
        '    api_key=os.environ.get("AZURE_OPENAI_API_KEY", "unset"),\n'
        f"    azure_endpoint=os.environ.get(\n        {ENDPOINT}\n    ),\n"
        f"    {VERSION},\n)\n",
        id="classic-option",
    ),
    pytest.param(
        "from openai import AsyncOpenAI\nclient = AsyncOpenAI()\n",
        "cn",
        "import os\n\nfrom openai import AsyncAzureOpenAI\nclient = AsyncAzureOpenAI(\n"
        '    api_key=os.environ.get("AZURE_OPENAI_API_KEY", "unset"),\n'
        "    azure_endpoint=os.environ.get(\n"
        '        "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.cn"\n'
        f"    ),\n    {VERSION},\n)\n",
        id="china-region-is-classic",
    ),
    pytest.param(
        "from openai import OpenAI\nclient = OpenAI()\n",
        "+entra",
        "import os\n\nfrom azure.identity import DefaultAzureCredential, "
        "get_bearer_token_provider\nfrom openai import OpenAI\nclient = OpenAI(\n"
        '    api_key=get_bearer_token_provider(DefaultAzureCredential(), "https://ai.azure.com/.default"),\n'
        f"    base_url={V1_URL},\n)\n",
        id="v1-keyless",
    ),
    pytest.param(
        "from openai import OpenAI\nclient = OpenAI()\n",
        "cn+entra",
        "import os\n\nfrom azure.identity import DefaultAzureCredential, "
        "get_bearer_token_provider\nfrom openai import AzureOpenAI\nclient = AzureOpenAI(\n"
        "    azure_ad_token_provider=get_bearer_token_provider(\n"
        '        DefaultAzureCredential(), "https://cognitiveservices.azure.cn/.default"\n'
        "    ),\n    azure_endpoint=os.environ.get(\n"
        '        "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.cn"\n'
        f"    ),\n    {VERSION},\n)\n",
        id="china-keyless-uses-the-token-provider-argument",
    ),
]


CASES.append(
    pytest.param(
        "from openai import AsyncOpenAI\n\n\nasync def make():\n    return AsyncOpenAI()\n",
        "+entra",
        "import os\n\nimport azure.identity.aio\nfrom openai import AsyncOpenAI\n\n\n"
        "async def make():\n    return AsyncOpenAI(\n"
        "        api_key=azure.identity.aio.get_bearer_token_provider(\n"
        '            azure.identity.aio.DefaultAzureCredential(), "https://ai.azure.com/.default"\n'
        "        ),\n        base_url=os.environ.get(\n"
        f"            {ENDPOINT}\n"
        '        ).rstrip("/")\n        + "/openai/v1",\n    )\n',
        id="async-keyless-uses-the-aio-token-provider",
    )
)


@pytest.mark.parametrize(("before", "region", "after"), CASES)
def test_client_construction(registry, before, region, after):
    assert after_and_again(registry, before, region).after == after


KWARGS_CLIENT = "from openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n"


def test_a_kwargs_mapping_keeps_its_values_for_the_v1_api_and_loses_them_to_classic(registry):
    """The v1 API takes a base URL: what the caller passes wins, Azure's is the fallback. The
    classic client takes `azure_endpoint`: the mapping's base URL cannot stay (review)."""
    v1 = after_and_again(registry, KWARGS_CLIENT)
    assert v1.after == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(\n"
        "        **{\n            **kw,\n"
        '            "api_key": kw.get("api_key") or os.environ.get("AZURE_OPENAI_API_KEY", "unset"),\n'
        '            "base_url": kw.get("base_url")\n            or os.environ.get(\n'
        f"                {ENDPOINT}\n"
        '            ).rstrip("/")\n            + "/openai/v1",\n        }\n    )\n'
    )
    classic = after_and_again(registry, KWARGS_CLIENT, "+classic")
    assert classic.after == (
        "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make(**kw):\n"
        "    return AzureOpenAI(\n        **{\n"
        '            **{k: v for k, v in kw.items() if k != "base_url"},\n'
        '            "api_key": os.environ["AZURE_OPENAI_API_KEY"],\n'
        f'            "azure_endpoint": os.environ.get(\n                {ENDPOINT}\n'
        "            ),\n"
        '            "api_version": os.environ.get("OPENAI_API_VERSION", "2024-10-21"),\n'
        "        }\n    )\n"
    )
    [finding] = [f for f in classic.findings if f.rule == "ML001"]
    assert finding.fix is FixClass.REVIEW
    assert finding.message.endswith(
        "; a key and base URL passed in `**kw` are replaced: an AzureOpenAI client reaches no "
        "other server"
    )


def test_module_client_base_url_is_the_v1_path_with_a_final_slash(registry):
    # the module-level client adds a request's path to openai.base_url as written
    change = after_and_again(
        registry, 'import openai\nopenai.base_url = "https://api.openai.com/v1/"\n'
    )
    code = "".join(change.after.split())
    assert code == (
        'importosimportopenaiopenai.base_url=(os.environ.get("AZURE_OPENAI_ENDPOINT",'
        '"https://YOUR-RESOURCE-NAME.openai.azure.com").rstrip("/")+"/openai/v1/")'
    )


def test_models_become_deployments_only_when_mapped(registry):
    text = (
        "from openai import OpenAI\n\n\ndef ask(client: OpenAI):\n"
        '    client.chat.completions.create(model="gpt-4o", messages=[])\n'
        '    return client.chat.completions.create(model="gpt-4o-mini", messages=[])\n'
    )
    change = after_and_again(registry, text, models={"gpt-4o": "chat-prod"})
    assert change.after == text.replace('"gpt-4o"', '"chat-prod"')
    left = [f for f in change.findings if f.rule == "ML201" and f.fix is FixClass.MANUAL]
    assert [(f.line, f.message, f.edit) for f in left] == [
        (
            6,
            "Azure OpenAI has no mapping for model 'gpt-4o-mini'; name the deployment that "
            "serves it: pass --model gpt-4o-mini=DEPLOYMENT or set it in [tool.migrate-llm] "
            "models",
            None,
        )
    ]


def test_existing_azure_client_is_left_alone(registry):
    text = (
        "import os\nfrom openai import AzureOpenAI\n\n"
        'c = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], '
        'api_version="2024-06-01")\n'
        'c.chat.completions.create(model="my-gpt4o", messages=[])\n'
    )
    change = migrate(registry, text)
    assert change.after == text
    assert [(f.rule, f.fix) for f in change.findings if f.fix is not FixClass.NONE] == []
    assert [f.message for f in change.findings if f.rule == "ML002"] == [
        "AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); it is a client "
        "of the target already: nothing to migrate"
    ]


def test_dotenv_renames_the_base_url_variable_to_the_endpoint(registry, tmp_path):
    ctx = RuleContext(registry, registry.get("azure"))
    text = "OPENAI_API_KEY=sk-xxx\nOPENAI_BASE_URL=https://api.openai.com/v1\n"
    change = FileScanner(ctx, tmp_path).migrate_text(text, "dotenv", ".env", ".env")
    assert change.after == (
        "OPENAI_API_KEY=sk-xxx\n# AZURE_OPENAI_API_KEY=\n"
        "AZURE_OPENAI_ENDPOINT=https://YOUR-RESOURCE-NAME.openai.azure.com\n"
    )


def test_provider_data(registry):
    azure = registry.get("azure-openai")
    assert registry.get("aoai") is azure
    assert (azure.api_key_env, azure.base_url_env) == (
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_ENDPOINT",
    )
    assert azure.models == {} and azure.tiers == {}
    default = azure.azure_client(None)
    assert (default.api, default.auth, default.api_version) == ("v1", "key", "2024-10-21")
    china = azure.azure_client("cn", auth="entra")
    assert (china.region, china.api, china.auth, china.token_scope) == (
        "cn",
        "classic",
        "entra",
        "https://cognitiveservices.azure.cn/.default",
    )
    assert azure.azure_client("cn", "v1").api == "v1"
    assert azure.base_url_for("foundry") == "https://YOUR-RESOURCE-NAME.services.ai.azure.com"
    with pytest.raises(ProviderError, match=r"unknown client option 'bearer' \(known: key, entra"):
        azure.azure_client(None, auth="bearer")
    with pytest.raises(ProviderError, match=r"has no region 'eu'"):
        azure.azure_client("eu", "classic")
    assert registry.get("acme").azure_client("cn") is None


AZURE_TABLE = {
    "api": "v1",
    "v1_path": "/openai/v1",
    "api_version": "2024-10-21",
    "api_version_env": "OPENAI_API_VERSION",
    "token_scope": "https://ai.azure.com/.default",
    "classic_token_scope": "https://cognitiveservices.azure.com/.default",
}
BASE = {
    "schema": 1,
    "id": "x",
    "name": "X",
    "docs": "https://example.com/docs",
    "as_of": __import__("datetime").date(2026, 1, 1),
    "api_key_env": "X_API_KEY",
    "base_url_env": "X_ENDPOINT",
    "base_url": "https://res.example.com",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"api": "latest"}, r"^x\.toml: azure\.api: expected 'v1' or 'classic', got 'latest'"),
        ({"v1_path": "openai/v1"}, r"^x\.toml: azure\.v1_path: expected a path like /openai/v1"),
        ({"api_version": "preview"}, r"^x\.toml: azure\.api_version: expected a dated"),
        ({"token_scope": "ai.azure.com"}, r"^x\.toml: azure\.token_scope: expected an https"),
        ({"scope": "x"}, r"^x\.toml: azure\.scope: unknown key"),
        ({"regions": {"cn": {"api": "classic"}}}, r"^x\.toml: azure\.regions\.cn: is not in"),
    ],
)
def test_azure_table_is_validated(change, message):
    with pytest.raises(ProviderError, match=message):
        parse_provider({**BASE, "azure": {**AZURE_TABLE, **change}}, "x.toml")
    missing = dict(AZURE_TABLE)
    del missing["api_version"]
    with pytest.raises(ProviderError, match=r"^x\.toml: azure\.api_version: missing required"):
        parse_provider({**BASE, "azure": missing}, "x.toml")


def test_config_keys_are_validated(tmp_path):
    path = tmp_path / "migrate-llm.toml"
    config = parse_config({"azure-api": "classic", "azure-auth": "entra"}, path)
    assert (config.azure_api, config.azure_auth) == ("classic", "entra")
    with pytest.raises(ConfigError, match=r"'azure-auth' must be 'key' or 'entra', not 'token'"):
        parse_config({"azure-auth": "token"}, path)


def test_azure_flags_are_for_azure_targets_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text("from openai import OpenAI\nc = OpenAI()\n")
    result = CliRunner().invoke(
        app, ["apply", "app.py", "--diff", "--provider", "deepseek", "--azure-api", "classic"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "migrate-llm: error: --azure-api and --azure-auth apply to Azure OpenAI targets only, "
        "not DeepSeek\n"
    )
    result = CliRunner().invoke(
        app, ["apply", "app.py", "--diff", "--provider", "azure", "--azure-auth", "token"]
    )
    assert result.exit_code == 2
    assert result.stderr == "migrate-llm: error: --azure-auth takes key or entra, got 'token'\n"
    result = CliRunner().invoke(
        app, ["apply", "app.py", "--diff", "--provider", "azure", "--azure-auth", "entra"]
    )
    assert result.exit_code == 0
    assert "+    api_key=get_bearer_token_provider(\n" in result.stdout


def test_literal_base_urls_become_the_endpoints_v1_api(registry, tmp_path):
    ctx = RuleContext(registry, registry.get("azure"))
    yaml = "llm:\n  base_url: https://api.openai.com/v1/\n"
    change = FileScanner(ctx, tmp_path).migrate_text(yaml, "yaml", "c.yaml", "c.yaml")
    assert (
        change.after == "llm:\n  base_url: https://YOUR-RESOURCE-NAME.openai.azure.com/openai/v1/\n"
    )
    # in code, the read of the endpoint's variable, as clients get it
    text = 'import openai\nURL = "https://api.openai.com/v1"\n'
    assert migrate(registry, text).after == (
        "import os\n\nimport openai\nURL = (\n"
        '    os.environ.get("AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com")'
        '.rstrip(\n        "/"\n    )\n'
        '    + "/openai/v1"\n)\n'
    )


def test_config_file_model_names_what_to_configure(registry, tmp_path):
    ctx = RuleContext(registry, registry.get("azure"))
    text = "llm:\n  model: gpt-4o-mini\n"
    change = FileScanner(ctx, tmp_path).migrate_text(text, "yaml", "c.yaml", "c.yaml")
    assert change.after == text
    assert [(f.rule, f.fix, f.message) for f in change.findings] == [
        (
            "ML503",
            FixClass.MANUAL,
            "gpt-4o-mini is an OpenAI model with no Azure OpenAI mapping; name the deployment "
            "that serves it: pass --model gpt-4o-mini=DEPLOYMENT or set it in "
            "[tool.migrate-llm] models",
        )
    ]


def test_an_azure_client_built_from_a_mapping_a_class_builds_is_left_for_a_person(registry):
    # pandas-ai's Azure class: `AzureOpenAI(**self._client_params)`, whose property merges
    # `super()._client_params` with the caller's `api_token`; merged over, the key was lost
    text = (
        "import openai\n\n\nclass Chat(Base):\n"
        "    def __init__(self, endpoint=None):\n"
        "        self.endpoint = endpoint\n"
        "        self.client = openai.AzureOpenAI(**self._client_params)\n\n"
        "    @property\n"
        "    def _client_params(self):\n"
        '        return {"azure_endpoint": self.endpoint, **super()._client_params}\n'
    )
    ctx = RuleContext(registry, registry.get("qwen"))
    rows = [(f.line, f.rule, f.fix.value, f.edit) for f in check_python(text, ctx, PYTHON_RULES)]
    assert [(line, rule, fix, edit) for line, rule, fix, edit in rows if rule == "ML002"] == [
        (7, "ML002", "manual", None)
    ]


def test_a_base_url_read_an_azure_client_left_to_a_person_may_take_is_left(registry):
    # pandas-ai: renamed, DASHSCOPE_BASE_URL went into the Azure client's mapping beside
    # `azure_endpoint` (set, the class raised at construction; with the URL as its default,
    # always)
    text = (
        "import os\n\nimport openai\n\n\nclass Chat(Base):\n"
        "    def __init__(self, api_base=None):\n"
        '        self.api_base = api_base or os.getenv("OPENAI_API_BASE")\n'
        "        self.client = openai.AzureOpenAI(**self._client_params)\n"
    )
    ctx = RuleContext(registry, registry.get("qwen"))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.after == text
    assert [(f.line, f.fix, f.message) for f in change.findings if f.rule == "ML401"] == [
        (
            8,
            FixClass.MANUAL,
            "reads OPENAI_API_BASE; not switched: it goes as `self.api_base` (through "
            "`**self._client_params`, which the module does not show whole) to "
            "openai.AzureOpenAI() on line 9, which stays on Azure OpenAI (apply leaves it, see "
            "its finding): switched, it would take that client's key (from "
            "`**self._client_params`, else AZURE_OPENAI_API_KEY) to Alibaba Qwen (DashScope / "
            "Model Studio) (beside its azure_endpoint, it raises); point that call at Alibaba "
            "Qwen (DashScope / Model Studio) (the key from DASHSCOPE_API_KEY), by hand",
        )
    ]
