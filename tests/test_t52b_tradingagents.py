"""TradingAgents on Qwen (trial t52b): a program that already serves Qwen among other services.

- D1: `[("OpenAI", "openai", "https://api.openai.com/v1"), ("Qwen", "qwen", ...)]`, a table
  of rows keyed by service: ML402 had pointed OpenAI's row at DashScope, which its OpenAI key
  then reached. Rows of a list or tuple are entries of a table keyed by service now.
- D2: `{"llm_provider": "openai", "model": "gpt-4o-mini"}` in a program picking its client by
  that name: apply mapped the model alone and `check` passed while OpenAI was reached.
- D3: `("OPENAI_API_KEY", "GOOGLE_API_KEY", "DASHSCOPE_API_KEY")` set by a test fixture:
  ML401 made a second DASHSCOPE_API_KEY of OpenAI's.
- D4: an Azure-only example .env lost AZURE_OPENAI_API_KEY to DASHSCOPE_API_KEY.
- D8: ML118 said gpt-5.5, a reasoning model, did not think.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry
from migrate_llm.service_names import ServiceName, known_services, service_names

from .test_key_reads_left import migrated

INTL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"


def rows(change, *rules):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.rule in rules
    ]


# --- D1 -------------------------------------------------------------------------------------

PROVIDERS = f"""import os

from openai import OpenAI

KEY_ENV = {{"openai": "OPENAI_API_KEY", "qwen": "DASHSCOPE_API_KEY"}}


def provider_table():
    return [
        ("OpenAI", "openai", "https://api.openai.com/v1"),
        ("Qwen", "qwen", "{INTL}"),
    ]


def make_client(provider: str) -> OpenAI:
    url = {{key: u for _, key, u in provider_table()}}[provider]
    return OpenAI(base_url=url, api_key=os.environ[KEY_ENV[provider]])
"""


def row_note(service: str, table: str) -> str:
    return (
        f"OpenAI URL https://api.openai.com/v1 under {service!r} in {table}, a table keyed by "
        "service: OpenAI's URL for OpenAI, which stays one of the program's services, with its "
        "own key; left as it is (where that entry now serves Alibaba Qwen (DashScope / Model "
        "Studio), change its URL and key together, by hand)"
    )


def row_warning(service: str, table: str) -> str:
    """ML402 on OpenAI's row where the program names no Qwen service (t68e)."""
    return (
        f"OpenAI URL https://api.openai.com/v1 under {service!r} in {table}, a table keyed by "
        "service: OpenAI's URL for OpenAI, but the program names no service of Alibaba Qwen "
        "(DashScope / Model Studio)'s own, so its requests through this entry still go to "
        "OpenAI; change this entry's URL, key and models together, by hand, or, where OpenAI "
        "stays one of the program's services, record that with `# migrate-llm: ignore[ML402]` "
        "at the end of this line"
    )


def test_openais_row_of_a_table_of_services_keeps_its_url(registry, tmp_path):
    change = migrated(registry, tmp_path, PROVIDERS, provider="qwen")
    assert change.after == PROVIDERS
    assert rows(change, "ML402", "ML401") == [
        (
            5,
            "ML401",
            "note",
            "none",
            "names OPENAI_API_KEY in a table of services' key variables, beside "
            "DASHSCOPE_API_KEY: OpenAI's entry stays for OpenAI",
        ),
        (10, "ML402", "note", "none", row_note("openai", "the table provider_table() returns")),
    ]
    ml402 = next(f for f in change.findings if f.rule == "ML402")
    assert ml402.data == {"service": "openai"}


@pytest.mark.parametrize(
    ("table", "service", "name"),
    [
        (
            'ROWS = [{"id": "openai", "url": "https://api.openai.com/v1"}, '
            '{"id": "anthropic", "url": "https://api.anthropic.com"}]\n',
            "openai",
            "ROWS",
        ),
        (
            'ROWS = (["OpenAI", "https://api.openai.com/v1"], ["Groq", "https://x.groq"])\n',
            "OpenAI",
            "ROWS",
        ),
    ],
)
def test_rows_of_dicts_and_lists_are_entries_too(registry, tmp_path, table, service, name):
    change = migrated(registry, tmp_path, table, provider="qwen")
    assert change.after == table
    # no row is Qwen's: OpenAI's is the one the program's requests take (t68e)
    assert rows(change, "ML402") == [(1, "ML402", "warning", "manual", row_warning(service, name))]


def test_a_row_beside_no_other_service_is_switched(registry, tmp_path):
    text = 'ROWS = [("OpenAI", "openai", "https://api.openai.com/v1"), ("Mine", "mine", None)]\n'
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert [f.fix.value for f in change.findings if f.rule == "ML402"] == ["safe"]


def test_a_model_in_openais_row_is_openais(registry, tmp_path):
    text = (
        'MODELS = [("openai", "gpt-4o"), ("anthropic", "claude-sonnet-4"), ("qwen", "qwen-plus")]\n'
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text
    assert rows(change, "ML204") == [
        (
            1,
            "ML204",
            "note",
            "none",
            "'gpt-4o' under 'openai' in MODELS, a table keyed by service: OpenAI's models for "
            "OpenAI, which stays one of the program's services; left as they are (where that "
            "entry's models now go to Alibaba Qwen (DashScope / Model Studio), change them by "
            "hand)",
        )
    ]


def test_a_key_variable_in_openais_entry_stays(registry, tmp_path):
    text = (
        'PROVIDERS = {"openai": ("https://api.openai.com/v1", "OPENAI_API_KEY"), '
        f'"qwen": ("{INTL}", "DASHSCOPE_API_KEY")}}\n'
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text
    assert rows(change, "ML401") == [
        (
            1,
            "ML401",
            "note",
            "none",
            "names OPENAI_API_KEY under 'openai' in PROVIDERS, a table keyed by service: "
            "OpenAI's entry stays for OpenAI",
        )
    ]


# --- D2 -------------------------------------------------------------------------------------

CONFIG = f"""import os

from openai import OpenAI

CONFIG = {{"llm_provider": "openai", "model": "gpt-4o-mini"}}
KEY_ENV = {{"openai": "OPENAI_API_KEY", "qwen": "DASHSCOPE_API_KEY"}}
URLS = {{"openai": None, "qwen": "{INTL}"}}


def ask(q):
    p = CONFIG["llm_provider"]
    client = OpenAI(base_url=URLS[p], api_key=os.environ[KEY_ENV[p]])
    return client.chat.completions.create(model=CONFIG["model"], messages=q)
"""
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
PICKS = (
    'llm_provider = "openai" beside the model settings on line {line} ({models}) picks the '
    "service their models go to, OpenAI, with its key; the program picks its services by such "
    "names and "
)


def test_the_selector_moves_with_the_models_where_the_program_has_the_target(registry, tmp_path):
    change = migrated(registry, tmp_path, CONFIG, provider="qwen")
    assert change.after == CONFIG.replace(
        '{"llm_provider": "openai", "model": "gpt-4o-mini"}',
        '{"llm_provider": "qwen", "model": "qwen-plus"}',
    )
    assert rows(change, "ML204") == [
        (
            5,
            "ML204",
            "error",
            "review",
            PICKS.format(line=5, models="'gpt-4o-mini'")
            + f"has 'qwen' (this module): apply sets it to 'qwen', for the {QWEN} models",
        ),
        (
            5,
            "ML204",
            "warning",
            "review",
            f"entry 'model' = 'gpt-4o-mini' maps to 'qwen-plus' on {QWEN}",
        ),
    ]
    selector = next(f for f in change.findings if f.severity.value == "error")
    assert selector.data == {
        "provider_setting": "llm_provider",
        "value_from": "openai",
        "value_to": "qwen",
    }


def test_openai_selected_beside_the_targets_model_is_an_error(registry, tmp_path):
    after = CONFIG.replace('"gpt-4o-mini"', '"qwen-plus"')
    change = migrated(registry, tmp_path, after, provider="qwen")
    assert rows(change, "ML204") == [
        (
            5,
            "ML204",
            "error",
            "review",
            PICKS.format(line=5, models="'qwen-plus'")
            + f"has 'qwen' (this module): apply sets it to 'qwen', for the {QWEN} models",
        )
    ]


def test_without_the_target_in_the_program_both_stay(registry, tmp_path):
    text = CONFIG.replace('"qwen": "DASHSCOPE_API_KEY"', '"anthropic": "ANTHROPIC_API_KEY"')
    text = text.replace(f'"qwen": "{INTL}"', '"anthropic": "https://api.anthropic.com/v1"')
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text
    assert rows(change, "ML204") == [
        (
            5,
            "ML204",
            "error",
            "manual",
            PICKS.format(line=5, models="'gpt-4o-mini'")
            + f"has none for {QWEN} ('anthropic', 'openai'): apply leaves it and those models; "
            f"make the program pick {QWEN} there (key from DASHSCOPE_API_KEY, base URL "
            f"https://dashscope.aliyuncs.com/compatible-mode/v1) and select it here, by hand",
        ),
        (
            5,
            "ML204",
            "warning",
            "manual",
            f"entry 'model' = 'gpt-4o-mini' maps to 'qwen-plus' on {QWEN}, but apply leaves it: "
            'llm_provider = "openai" on line 5 beside it picks OpenAI, where the model would go, '
            f"and the program names no {QWEN} to pick there; change the two together, by hand",
        ),
    ]


@pytest.mark.parametrize(
    "config",
    [
        # a base URL beside: the setting picks a protocol, not a service
        '{"provider": "openai", "model": "gpt-4o-mini", "base_url": URL}',
        # another service's setting
        '{"embedding_provider": "openai", "chat_model": "gpt-4o-mini"}',
        # a name that picks nothing
        '{"vendor": "openai", "model": "gpt-4o-mini"}',
    ],
)
def test_settings_that_pick_no_service_of_the_models_are_left(registry, tmp_path, config):
    text = f'URL = "https://proxy.example/v1"\nCONFIG = {config}\n' + (
        'URLS = {"openai": None, "qwen": "x"}\n'
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert [f.fix.value for f in change.findings if f.rule == "ML204"] == ["review"]
    assert "qwen-plus" in change.after


def test_a_program_choosing_no_service_by_name_maps_the_model_alone(registry, tmp_path):
    text = 'CONFIG = {"llm_provider": "openai", "model": "gpt-4o-mini"}\n'
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text.replace("gpt-4o-mini", "qwen-plus")


def test_service_names_are_the_keys_tests_and_rows_of_a_module(registry):
    known = known_services(registry)
    text = (
        'SPECS = {"openai": 1, "qwen": 2}\n'
        'ONE = {"openai": 1}\n'
        'ROWS = [("OpenAI", "openai"), ("Kimi", "kimi")]\n'
        "def pick(p):\n"
        '    if p == "anthropic" or p in ("glm", "local-thing"):\n'
        "        return 1\n"
        "    match p:\n"
        '        case "deepseek":\n'
        "            return 2\n"
    )
    assert service_names("m.py", "m.py", text.encode(), known) == [
        ServiceName(name, "m.py", "m.py")
        for name in ["Kimi", "OpenAI", "anthropic", "deepseek", "glm", "kimi", "openai", "qwen"]
    ]


MODULES = {
    "pyproject.toml": '[project]\nname = "app"\n',
    "app/__init__.py": "",
    "app/config.py": (
        "DEFAULT_CONFIG = {\n"
        '    "llm_provider": "openai",\n'
        '    "deep_think_llm": "gpt-4o",\n'
        '    "quick_think_llm": "gpt-4o-mini",\n'
        "}\n"
    ),
    "app/clients.py": (
        "import os\n\nfrom openai import OpenAI\n\n"
        f'SPECS = {{"openai": None, "qwen": "{INTL}"}}\n'
        'KEYS = {"openai": "OPENAI_API_KEY", "qwen": "DASHSCOPE_API_KEY"}\n\n\n'
        "def client_for(provider):\n"
        "    return OpenAI(base_url=SPECS[provider], api_key=os.environ[KEYS[provider]])\n"
    ),
    ".env.example": "OPENAI_API_KEY=\nDASHSCOPE_API_KEY=\n",
}


def test_the_selector_finds_the_target_in_another_module(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in MODULES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    args = ["--provider", "qwen", "--no-cache"]
    scanned = CliRunner().invoke(app, ["scan", ".", *args, "--format", "json"])
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["rule"] in ("ML204", "ML501")
    ]
    assert found == [
        (
            ".env.example",
            1,
            "ML501",
            "note",
            "manual",
            "OPENAI_API_KEY is read where the program picks OpenAI as its service (it picks "
            "services by name: 'openai' in app/clients.py); keep it only for that choice, and "
            f"put {QWEN}'s key in DASHSCOPE_API_KEY, which this file sets",
        ),
        (
            "app/config.py",
            2,
            "ML204",
            "error",
            "review",
            PICKS.format(line="lines 3, 4", models="'gpt-4o', 'gpt-4o-mini'").replace(
                "on line lines", "on lines"
            )
            + f"has 'qwen' (app/clients.py): apply sets it to 'qwen', for the {QWEN} models",
        ),
        (
            "app/config.py",
            3,
            "ML204",
            "warning",
            "review",
            f"entry 'deep_think_llm' = 'gpt-4o' maps to 'qwen4-max' on {QWEN}",
        ),
        (
            "app/config.py",
            4,
            "ML204",
            "warning",
            "review",
            f"entry 'quick_think_llm' = 'gpt-4o-mini' maps to 'qwen-plus' on {QWEN}",
        ),
    ]
    args += ["--region", "intl"]
    applied = CliRunner().invoke(app, ["apply", ".", *args, "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "app/config.py").read_text() == (
        "DEFAULT_CONFIG = {\n"
        '    "llm_provider": "qwen",\n'
        '    "deep_think_llm": "qwen4-max",\n'
        '    "quick_think_llm": "qwen-plus",\n'
        "}\n"
    )
    checked = CliRunner().invoke(app, ["check", "app", *args])
    assert checked.exit_code == 0, checked.stdout


def test_an_example_env_files_selector_moves_with_its_models(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in MODULES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    env = "#APP_LLM_PROVIDER=openai\n#APP_DEEP_THINK_LLM=gpt-4o\n#APP_QUICK_THINK_LLM=gpt-4o-mini\n"
    (tmp_path / ".env.example").write_text(env)
    args = ["--provider", "qwen", "--no-cache"]
    scanned = CliRunner().invoke(app, ["scan", ".env.example", "app", *args, "--format", "json"])
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["path"] == ".env.example"
    ]
    assert found[0] == (
        1,
        "ML503",
        "error",
        "review",
        "APP_LLM_PROVIDER=openai picks the service of the models this file sets, OpenAI, with "
        "its key; the program picks its services by such names and has 'qwen' (app/clients.py): "
        f"apply sets it to 'qwen', for the {QWEN} models",
        {
            "provider_setting": "APP_LLM_PROVIDER",
            "value_from": "openai",
            "value_to": "qwen",
            "commented": True,
        },
    )
    assert [f[:4] for f in found[1:]] == [
        (2, "ML503", "warning", "review"),
        (3, "ML503", "warning", "review"),
    ]
    applied = CliRunner().invoke(app, ["apply", ".", *args, "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / ".env.example").read_text() == (
        "#APP_LLM_PROVIDER=qwen\n#APP_DEEP_THINK_LLM=qwen4-max\n#APP_QUICK_THINK_LLM=qwen-plus\n"
    )


def test_an_env_files_selector_without_the_target_leaves_the_models(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        'URLS = {"openai": None, "anthropic": "https://api.anthropic.com/v1"}\n'
    )
    (tmp_path / ".env").write_text("LLM_PROVIDER=openai\nLLM_MODEL=gpt-4o-mini\n")
    args = ["--provider", "qwen", "--no-cache", "--format", "json"]
    scanned = CliRunner().invoke(app, ["scan", ".", *args])
    assert [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["rule"] == "ML503"
    ] == [
        (
            1,
            "error",
            "manual",
            "LLM_PROVIDER=openai picks the service of the models this file sets, OpenAI, with its "
            f"key; the program picks its services by such names and has none for {QWEN} "
            f"('anthropic', 'openai'): apply leaves it and those models; make the program pick "
            f"{QWEN} there (key from DASHSCOPE_API_KEY, base URL "
            "https://dashscope.aliyuncs.com/compatible-mode/v1) and select it here, by hand",
        ),
        (
            2,
            "warning",
            "manual",
            f"gpt-4o-mini is an OpenAI model; it maps to qwen-plus on {QWEN}, but apply leaves it: "
            "LLM_PROVIDER=openai on line 1 beside it picks OpenAI, where the model would go, and "
            f"the program names no {QWEN} to pick there; change the two together, by hand",
        ),
    ]


def test_a_tests_assertion_of_the_selector_accepts_the_target_too(registry, tmp_path):
    text = (
        'SPECS = {"openai": 1, "qwen": 2}\n\n\n'
        "def test_defaults(cfg):\n"
        '    assert cfg["model"] == "gpt-4o"\n'
        '    assert cfg["llm_provider"] == "openai"\n'
        '    assert cfg.backend == "openai"\n'
        '    assert cfg["name"] == "openai"\n'
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text.replace(
        '["llm_provider"] == "openai"', '["llm_provider"] in ("openai", "qwen")'
    ).replace('backend == "openai"', 'backend in ("openai", "qwen")').replace(
        '== "gpt-4o"', 'in ("gpt-4o", "qwen4-max")'
    )
    assert rows(change, "ML204") == [
        (
            line,
            "ML204",
            "warning",
            "review",
            f'assert ... == "openai" checks {name}, a setting that picks the program\'s service, '
            "which apply sets to 'qwen' beside the models it maps: apply makes it accept that as "
            "well",
        )
        for line, name in ((6, "llm_provider"), (7, "backend"))
    ]


def test_a_tests_expected_url_of_openais_entry_stays(registry, tmp_path):
    text = (
        "def test_urls(self):\n"
        '    self.assertEqual(default_url("openai"), "https://api.openai.com/v1")\n'
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text
    assert rows(change, "ML402") == [
        (
            2,
            "ML402",
            "note",
            "none",
            'OpenAI URL https://api.openai.com/v1 expected of `default_url("openai")`, OpenAI\'s '
            "entry of the program's services, which stays: left as it is",
        )
    ]


# --- D3 -------------------------------------------------------------------------------------

FIXTURE = """import os

import pytest

_KEYS = ("OPENAI_API_KEY", "GOOGLE_API_KEY", "DASHSCOPE_API_KEY")


@pytest.fixture(autouse=True)
def dummy_keys(monkeypatch):
    for v in _KEYS:
        monkeypatch.setenv(v, os.environ.get(v) or "placeholder")
"""


def test_a_tuple_of_services_key_variables_is_a_table_of_services(registry, tmp_path):
    change = migrated(registry, tmp_path, FIXTURE, provider="qwen")
    assert change.after == FIXTURE
    assert rows(change, "ML401") == [
        (
            5,
            "ML401",
            "note",
            "none",
            "names OPENAI_API_KEY in a table of services' key variables, beside "
            "DASHSCOPE_API_KEY: OpenAI's entry stays for OpenAI",
        )
    ]


def test_a_list_without_the_providers_key_asks_for_one(registry, tmp_path):
    text = FIXTURE.replace(
        '("OPENAI_API_KEY", "GOOGLE_API_KEY", "DASHSCOPE_API_KEY")',
        '["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]',
    )
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text
    assert rows(change, "ML401") == [
        (
            5,
            "ML401",
            "warning",
            "manual",
            "names OPENAI_API_KEY in a table of services' key variables (ANTHROPIC_API_KEY "
            f"beside it) that has no entry for {QWEN}: OpenAI's stays for OpenAI; add one naming "
            f"DASHSCOPE_API_KEY by hand if the program looks {QWEN}'s key up there",
        )
    ]


def test_keys_one_program_needs_together_are_renamed(registry, tmp_path):
    text = FIXTURE.replace('"GOOGLE_API_KEY", "DASHSCOPE_API_KEY"', '"SERPAPI_API_KEY"')
    change = migrated(registry, tmp_path, text, provider="qwen")
    assert change.after == text.replace('"OPENAI_API_KEY"', '"DASHSCOPE_API_KEY"')


# --- D4 -------------------------------------------------------------------------------------

AZURE_ENV = (
    "# Azure OpenAI\n"
    "AZURE_OPENAI_API_KEY=\n"
    "AZURE_OPENAI_ENDPOINT=https://your-resource-name.openai.azure.com/\n"
    "AZURE_OPENAI_DEPLOYMENT_NAME=\n"
)


def kept_azure(line: int) -> str:
    return (
        f"AZURE_OPENAI_API_KEY is Azure OpenAI's key variable, beside AZURE_OPENAI_ENDPOINT "
        f"(line {line}), which this example file keeps: it configures Azure OpenAI, where "
        f"{QWEN}'s key must not go, so apply leaves it; {QWEN}'s key goes in DASHSCOPE_API_KEY, "
        "where the program reads it"
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (AZURE_ENV, 3, 1),
        ("# AZURE_OPENAI_API_KEY=\n# AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/\n", 2, 3),
    ],
)
def test_azures_key_beside_its_endpoint_stays_in_an_example_file(
    tmp_path, monkeypatch, text, line, column
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env.enterprise.example").write_text(text)
    args = ["--provider", "qwen", "--no-cache"]
    scanned = CliRunner().invoke(app, ["scan", ".", *args, "--format", "json"])
    found = json.loads(scanned.stdout)["findings"]
    assert [
        (f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in found
        if f["data"].get("variable_from") == "AZURE_OPENAI_API_KEY"
    ] == [(line - 1, column, "note", "manual", kept_azure(line))]
    applied = CliRunner().invoke(app, ["apply", ".", *args, "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / ".env.enterprise.example").read_text() == text


def test_azures_key_alone_in_an_example_file_is_still_renamed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env.example").write_text("AZURE_OPENAI_API_KEY=\n")
    args = ["--provider", "qwen", "--no-cache", "--yes", "--allow-dirty"]
    assert CliRunner().invoke(app, ["apply", ".", *args]).exit_code == 0
    assert (tmp_path / ".env.example").read_text() == "DASHSCOPE_API_KEY=\n"


# --- D8 -------------------------------------------------------------------------------------

RAW = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'r = client.chat.completions.create(model="{model}", messages=[])\n'
)
ALWAYS = (
    "qwen4-max always thinks before it answers (no switch turns it off), which {said} "
    "(replies and stream deltas carry reasoning_content, the provider file does not say "
    'whether a tool loop must send the reasoning back): for quick answers pass reasoning_effort="low", or map '
    "{model} to a model that can stop thinking (--model {model}={name})"
)


@pytest.mark.parametrize(
    ("model", "said"),
    [
        (
            "gpt-5.5",
            "gpt-5.5 did only when asked (a reasoning model whose reasoning_effort is none by default;",
        ),
        ("gpt-4o", "gpt-4o did not"),
    ],
)
def test_a_reasoning_model_is_not_said_to_have_not_thought(registry, tmp_path, model, said):
    change = migrated(registry, tmp_path, RAW.format(model=model), provider="qwen")
    message = ALWAYS.format(said=said, model=model, name="NAME")
    if model == "gpt-5.5":
        message = message.replace(f"{said} (replies", f"{said} replies")
    assert rows(change, "ML118") == [(4, "ML118", "note", "manual", message)]


def test_openais_file_names_its_reasoning_models():
    openai = load_registry().get("openai")
    assert openai.params["reasoning_models"] == ["o1", "o1-*", "o3", "o3-*", "o4-*", "gpt-5*"]
    assert "gpt-5-pro*" in openai.params["thinking_models"]
