"""`openai.api_key = <read of OPENAI_API_KEY>` (ML103): a read that tolerates the variable unset
keeps that form for the provider's variable, so a program run without that key still starts;
with "unset" where it gave None, which the module-level client would replace by OPENAI_API_KEY.
And which other module-client settings ML103 reports: OpenAI's own, not any endpoint's.
"""

from __future__ import annotations

import ast
import json

import openai
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app as app_cli
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

BASE = (
    '    openai.base_url = (\n        os.environ.get("ZAI_BASE_URL", '
    '"https://open.bigmodel.cn/api/paas/v4").rstrip(\n            "/"\n        )\n        + "/"\n'
    "    )\n"
)


def applied(registry, text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text `apply --provider zhipu` writes, and (rule, fix) of the findings with an edit;
    a second run edits nothing."""
    ctx = RuleContext(registry, registry.get("zhipu"))
    findings = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", findings)
    ast.parse(after)
    assert [f.message for f in check_python(after, ctx, PYTHON_RULES) if f.edit] == []
    return after, [(f.rule, f.fix.value) for f in findings if f.edit is not None]


def setup_module_text(value: str) -> str:
    return f"import os\n\nimport openai\n\n\ndef configure():\n    openai.api_key = {value}\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('os.getenv("OPENAI_API_KEY")', 'os.getenv("ZAI_API_KEY", "unset")'),
        ("os.environ.get('OPENAI_API_KEY')", "os.environ.get('ZAI_API_KEY', \"unset\")"),
        ('os.environ.get("OPENAI_API_KEY", "")', 'os.environ.get("ZAI_API_KEY", "")'),
        ('os.getenv("OPENAI_API_KEY", None)', 'os.getenv("ZAI_API_KEY", "unset")'),
        # already strict: stays strict
        ('os.environ["OPENAI_API_KEY"]', 'os.environ["ZAI_API_KEY"]'),
        # a key as the default is never kept: the provider's variable alone
        (
            'os.getenv("OPENAI_API_KEY", "sk-live-4f9a8b7c6d5e4f3a2b1c")',
            'os.environ["ZAI_API_KEY"]',
        ),
    ],
)
def test_the_key_read_keeps_its_tolerance_of_an_unset_variable(registry, before, after):
    text, edits = applied(registry, setup_module_text(before))
    assert text == setup_module_text(after) + BASE
    assert ("ML103", "safe") in edits


def test_a_module_level_read_keeps_its_form_too(registry):
    text = 'import os\n\nimport openai\n\nopenai.api_key = os.getenv("OPENAI_API_KEY")\n'
    assert applied(registry, text)[0] == (
        'import os\n\nimport openai\n\nopenai.api_key = os.getenv("ZAI_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4").rstrip("/")\n'
        '    + "/"\n)\n'
    )


def test_the_migrated_setup_runs_without_the_providers_key(registry, monkeypatch):
    # the program configured for another provider (or a command needing no key) starts
    text, _ = applied(registry, setup_module_text('os.getenv("OPENAI_API_KEY")'))
    monkeypatch.delenv("ZAI_API_KEY", raising=False)
    monkeypatch.delenv("ZAI_BASE_URL", raising=False)
    monkeypatch.setattr(openai, "api_key", "before")
    monkeypatch.setattr(openai, "base_url", None)
    namespace: dict[str, object] = {}
    exec(compile(text, "app.py", "exec"), namespace)
    namespace["configure"]()  # type: ignore[operator]
    assert openai.api_key == "unset"
    assert str(openai.base_url) == "https://open.bigmodel.cn/api/paas/v4/"


def test_an_exported_openai_key_never_reaches_the_provider(registry, monkeypatch):
    # openai.api_key = None makes the module-level client read OPENAI_API_KEY when a request is
    # made: OpenAI's key, still exported while a project migrates, would go to Zhipu's host
    text, _ = applied(registry, setup_module_text('os.getenv("OPENAI_API_KEY")'))
    monkeypatch.delenv("ZAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-exported")
    monkeypatch.setattr(openai, "api_key", None)
    monkeypatch.setattr(openai, "base_url", None)
    monkeypatch.setattr(openai, "_client", None)
    namespace: dict[str, object] = {}
    exec(compile(text, "app.py", "exec"), namespace)
    namespace["configure"]()  # type: ignore[operator]
    client = openai._load_client()
    assert (client.api_key, str(client.base_url)) == (
        "unset",
        "https://open.bigmodel.cn/api/paas/v4/",
    )


TWICE = """import os

import openai


def configure(settings):
    openai.api_key = os.getenv("OPENAI_API_KEY")
    if settings.token:
        openai.api_key = settings.token


def pick(remote):
    if remote:
        openai.api_key = os.environ["OPENAI_API_KEY"]
    else:
        openai.api_key = "sk-local-placeholder"
"""


def test_the_base_url_line_is_added_once_where_every_path_runs_it(registry):
    text, edits = applied(registry, TWICE)
    nested = (
        "        openai.base_url = (\n            os.environ.get(\n"
        '                "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        '            ).rstrip("/")\n'
        '            + "/"\n'
        "        )\n"
    )
    assert text == (
        "import os\n\nimport openai\n\n\ndef configure(settings):\n"
        '    openai.api_key = os.getenv("ZAI_API_KEY", "unset")\n'
        + BASE
        + "    if settings.token:\n"
        '        openai.api_key = settings.token or os.environ.get("ZAI_API_KEY", "unset")\n\n\n'
        "def pick(remote):\n    if remote:\n"
        '        openai.api_key = os.environ["ZAI_API_KEY"]\n' + nested + "    else:\n"
        '        openai.api_key = os.environ["ZAI_API_KEY"]\n' + nested
    )
    assert text.count("openai.base_url") == 3
    assert ("ML103", "review") in edits


def test_a_key_the_program_sets_is_kept_as_a_clients_is(registry):
    # one helper for both: the key the program hands over stays, the provider's as fallback
    module, _ = applied(registry, setup_module_text("settings.token"))
    client, _ = applied(
        registry,
        "import os\n\nfrom openai import OpenAI\n\n\ndef configure():\n"
        "    return OpenAI(api_key=settings.token)\n",
    )
    kept = 'settings.token or os.environ.get("ZAI_API_KEY", "unset")'
    assert f"    openai.api_key = {kept}\n" in module
    assert f"        api_key={kept},\n" in client
    ctx = RuleContext(registry, registry.get("zhipu"))
    [finding] = [
        f
        for f in check_python(setup_module_text("settings.token"), ctx, PYTHON_RULES)
        if f.rule == "ML103"
    ]
    assert finding.fix.value == "review"
    assert finding.message == (
        "openai.api_key configures the module-level client; for Zhipu AI (GLM) keep the key "
        "your code sets (`settings.token`), with ZAI_API_KEY when it is empty: it must be a "
        "Zhipu AI (GLM) key, and set openai.base_url beside it from ZAI_BASE_URL (the module "
        "sets none: the key would go to OpenAI)"
    )


# --- which module-client settings ML103 reports (openai_sdk.MODULE_CLIENT_SETTINGS) -------

SETTINGS = (
    "import os\n\nimport httpx\nimport openai\n\n"
    'openai.api_key = os.environ["OPENAI_API_KEY"]\n'
    'openai.base_url = "https://api.openai.com/v1/"\n'
    'openai.default_headers = {"x-team": "search"}\n'
    'openai.default_query = {"trace": "1"}\n'
    "openai.max_retries = 4\n"
    "openai.timeout = 20.0\n"
    "openai.http_client = httpx.Client(proxy=PROXY)\n"
    'openai.organization = "org-research"\n'
    'openai.webhook_secret = os.environ["OPENAI_WEBHOOK_SECRET"]\n'
)


def test_only_settings_that_are_openais_own_are_reported(registry):
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = [
        (f.line, f.fix.value, f.message)
        for f in check_python(SETTINGS, ctx, PYTHON_RULES)
        if f.rule == "ML103"
    ]
    head = "configures the module-level client"
    assert found == [
        (6, "safe", f"openai.api_key {head}; for Zhipu AI (GLM) take it from ZAI_API_KEY"),
        (
            7,
            "safe",
            f"openai.base_url {head}; for Zhipu AI (GLM) take it from ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4)",
        ),
        (13, "manual", f"openai.organization {head}; Zhipu AI (GLM) has no use for it: remove it"),
        (
            14,
            "manual",
            f"openai.webhook_secret {head}; Zhipu AI (GLM) has no use for it: remove it",
        ),
    ]
    # without a provider, a header or a timeout is no more reported than with one
    plain = [f.line for f in check_python(SETTINGS, RuleContext(registry), PYTHON_RULES)]
    assert not {8, 9, 10, 11, 12} & set(plain)


def test_generic_settings_are_kept_as_written(registry):
    text, edits = applied(registry, SETTINGS)
    assert text == SETTINGS.replace(
        'openai.api_key = os.environ["OPENAI_API_KEY"]\n'
        'openai.base_url = "https://api.openai.com/v1/"\n',
        'openai.api_key = os.environ.get("ZAI_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4").rstrip("/")\n'
        '    + "/"\n)\n',
    )
    assert edits == [("ML103", "safe"), ("ML401", "safe"), ("ML103", "safe")]


def test_check_passes_on_a_migrated_module_client_with_a_custom_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "app.py"
    app.write_text(
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ["OPENAI_API_KEY"]\n'
        'openai.base_url = "https://api.openai.com/v1/"\n'
        'openai.default_headers = {"x-team": "search"}\n'
        "openai.max_retries = 4\n\n"
        'reply = openai.chat.completions.create(model="gpt-4o", messages=[])\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    before = runner.invoke(app_cli, ["check", "-p", "zhipu"])
    assert before.exit_code == 1
    assert [line.split(" ")[:2] for line in before.stdout.splitlines()[:-1]] == [
        ["app.py:5:1", "ML103"],
        ["app.py:5:18", "ML401"],
        ["app.py:6:1", "ML103"],
        ["app.py:10:9", "ML102"],
        ["app.py:10:46", "ML201"],
    ]
    assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    migrated = app.read_bytes()
    assert b'openai.default_headers = {"x-team": "search"}\nopenai.max_retries = 4\n' in migrated
    after = runner.invoke(app_cli, ["check", "-p", "zhipu"])
    assert (after.exit_code, after.stdout.splitlines()[-1]) == (
        0,
        "0 findings for zhipu in 0 of 1 file",
    )
    assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert app.read_bytes() == migrated


# llm-cookbook's notebooks (t59b D2): the key and the base URL read from the environment in
# single quotes, the URL from openai<1's OPENAI_API_BASE. ML401 renames the read keeping its
# quotes, ML103 rewrites the same read in double quotes: the engine took them for rules that
# disagree and applied neither, so the provider's key went to $OPENAI_API_BASE (a proxy).
PAIRED = "import os\n\nimport openai\n\nopenai.api_key = os.environ[{q}OPENAI_API_KEY{q}]\n"


@pytest.mark.parametrize("quote", ["'", '"'])
@pytest.mark.parametrize("variable", ["OPENAI_API_BASE", "OPENAI_BASE_URL"])
def test_a_base_url_read_moves_with_the_key_in_either_quotes(
    registry, tmp_path, monkeypatch, quote, variable
):
    text = PAIRED.format(q=quote) + f"openai.base_url = os.environ[{quote}{variable}{quote}]\n"
    ctx = RuleContext(registry, registry.get("zhipu"))
    findings = check_python(text, ctx, PYTHON_RULES)
    after, fixed = migrate_text(text, "python", "app.py", findings)
    assert after == (
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ.get("ZAI_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4").rstrip("/")\n'
        '    + "/"\n)\n'
    )
    assert [(f.rule, f.line) for f in fixed] == [
        ("ML103", 5),
        ("ML401", 5),
        ("ML103", 6),
        ("ML401", 6),
    ]
    assert check_python(after, ctx, PYTHON_RULES) == []
    # what scan says of the base URL's line is what apply does (no "its rules disagree")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    scanned = CliRunner().invoke(app_cli, ["scan", ".", "-p", "zhipu", "--format", "json"])
    found = json.loads(scanned.stdout)["findings"]
    assert [(f["rule"], f["fix"], f["message"]) for f in found if f["line"] == 6] == [
        (
            "ML103",
            "safe",
            "openai.base_url configures the module-level client; for Zhipu AI (GLM) take it "
            "from ZAI_BASE_URL (default https://open.bigmodel.cn/api/paas/v4)",
        ),
        (
            "ML401",
            "safe",
            f"reads {variable}; Zhipu AI (GLM)'s base URL is in ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4)",
        ),
    ]
