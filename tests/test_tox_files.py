"""tox's test environments (`formats/tox.py`): the OpenAI variables `tox.ini` (or a `setup.cfg`
with `[tox:tox]`) passes into them or sets there, which ML501 reports and `apply` gives the
provider's beside, by name only."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.formats import tox
from migrate_llm.model import FixClass
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.registry import Registry, load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
PASSED_KEY = (
    "OPENAI_API_KEY, which tox passes into [{}], is OpenAI's key variable; Acme Cloud reads "
    "ACME_API_KEY: apply passes that too (a name: the OpenAI key is never copied)"
)
GONE = "OPENAI_API_KEY is no longer read after the migration; remove it once Acme Cloud works"


def items(path: str, text: str) -> list[tuple]:
    """(section, option, name, name as cut by its span, value, where an added item goes and
    what goes before it) for every item."""
    return [
        (
            i.section,
            i.option,
            i.entry.key,
            text[i.entry.key_span.start : i.entry.key_span.end],
            i.entry.value,
            i.insert_at,
            i.joiner,
        )
        for i in tox.read(path, text)
    ]


def migrate(registry: Registry, path: str, text: str, provider: str | None = "acme"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    findings = check_config(path, text, ctx)
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def found(findings) -> list[tuple]:
    return [(f.rule, f.line, f.column, f.severity.value, f.fix, f.message) for f in findings]


# -- the reader ----------------------------------------------------------------------------


def test_the_reader_gives_each_passed_and_set_name_with_where_one_goes_beside_it() -> None:
    text = (
        "[tox]\nenvlist = py\npassenv = NOT_AN_ENV\n\n"
        "[testenv]\npassenv = OPENAI_API_KEY  # the key\n"
        "commands = pytest\n"
        "[testenv:b]\npass_env =\n    HOME, OPENAI_BASE_URL\n    # a comment\n"
        "    live: OPENAI_API_KEY\n"
        "[testenv:c]\nsetenv = OPENAI_API_KEY={env:OPENAI_API_KEY}\n"
        "  file|.env\n  OPENAI_BASE_URL = https://api.openai.com/v1 # prod\n"
        "[other]\nsetenv = OPENAI_API_KEY=x\n"
    )
    got = items("tox.ini", text)
    assert got == [
        ("testenv", "passenv", "OPENAI_API_KEY", "OPENAI_API_KEY", None, 86, "\n    "),
        ("testenv:b", "passenv", "HOME", "HOME", None, 136, ", "),
        ("testenv:b", "passenv", "OPENAI_BASE_URL", "OPENAI_BASE_URL", None, 153, ", "),
        ("testenv:b", "passenv", "OPENAI_API_KEY", "OPENAI_API_KEY", None, 194, "\n    live: "),
        (
            "testenv:c",
            "setenv",
            "OPENAI_API_KEY",
            "OPENAI_API_KEY",
            "{env:OPENAI_API_KEY}",
            251,
            "\n  ",
        ),
        (
            "testenv:c",
            "setenv",
            "OPENAI_BASE_URL",
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
            316,
            "\n  ",
        ),
    ]
    assert text[136] == ","
    assert text[86] == text[153] == text[194] == text[251] == text[316] == "\n"


def test_setup_cfg_is_read_only_with_a_tox_section_and_other_ini_files_never() -> None:
    text = "[metadata]\nname = x\n\n[testenv]\npassenv = HOME OPENAI_API_KEY\r\n"
    assert items("setup.cfg", text) == []
    assert items("pkg/config.ini", "[tox:tox]\n" + text) == []
    assert items("pkg/setup.cfg", "[tox:tox]\n" + text) == [
        ("testenv", "passenv", "HOME", "HOME", None, 55, " "),
        ("testenv", "passenv", "OPENAI_API_KEY", "OPENAI_API_KEY", None, 70, " "),
    ]


# -- the rule ------------------------------------------------------------------------------

CASES = [
    pytest.param(
        "[testenv]\npassenv = OPENAI_API_KEY\ncommands = pytest\n",
        "[testenv]\npassenv = OPENAI_API_KEY\n    ACME_API_KEY\ncommands = pytest\n",
        id="one-name",
    ),
    pytest.param(
        "[testenv:live]\npassenv =\n    HOME\n    OPENAI_API_KEY\n    OTHER\n",
        "[testenv:live]\npassenv =\n    HOME\n    OPENAI_API_KEY\n    ACME_API_KEY\n    OTHER\n",
        id="a-name-a-line",
    ),
    pytest.param(
        "[testenv]\npass_env = HOME, OPENAI_API_KEY,OPENAI_BASE_URL # live\n",
        "[testenv]\npass_env = HOME, OPENAI_API_KEY, ACME_API_KEY,OPENAI_BASE_URL, ACME_BASE_URL"
        " # live\n",
        id="commas",
    ),
    pytest.param(
        "[testenv]\npassenv = HOME OPENAI_API_KEY\n",
        "[testenv]\npassenv = HOME OPENAI_API_KEY ACME_API_KEY\n",
        id="tox3-spaces",
    ),
    pytest.param(
        "[testenv]\r\npassenv =\r\n  live: OPENAI_API_KEY  # the key\r\n",
        "[testenv]\r\npassenv =\r\n  live: OPENAI_API_KEY  # the key\r\n  live: ACME_API_KEY\r\n",
        id="factor-crlf",
    ),
    pytest.param(
        "[testenv]\npassenv = OPENAI_API_KEY",
        "[testenv]\npassenv = OPENAI_API_KEY\n    ACME_API_KEY",
        id="no-final-newline",
    ),
    pytest.param(
        "[testenv]\nsetenv =\n    OPENAI_API_KEY = {env:OPENAI_API_KEY}\n"
        "    OPENAI_BASE_URL={env:OPENAI_BASE_URL:https://api.openai.com/v1}\n",
        "[testenv]\nsetenv =\n    OPENAI_API_KEY = {env:OPENAI_API_KEY}\n"
        "    ACME_API_KEY = {env:ACME_API_KEY}\n"
        "    OPENAI_BASE_URL={env:OPENAI_BASE_URL:https://api.openai.com/v1}\n"
        "    ACME_BASE_URL={env:ACME_BASE_URL:https://api.acme.example/v1}\n",
        id="setenv-from-the-host",
    ),
    pytest.param(
        "[testenv]\nsetenv = OPENAI_BASE_URL = https://api.openai.com/v1\n",
        "[testenv]\nsetenv = ACME_BASE_URL = https://api.acme.example/v1\n",
        id="setenv-openai-url-renamed",
    ),
    pytest.param(
        "[tox:tox]\nenvlist = py\n\n[testenv]\npassenv = OPENAI_API_KEY\n",
        "[tox:tox]\nenvlist = py\n\n[testenv]\npassenv = OPENAI_API_KEY\n    ACME_API_KEY\n",
        id="setup.cfg",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_apply_passes_or_sets_the_providers_variable_and_again_changes_nothing(
    registry: Registry, request: pytest.FixtureRequest, before: str, after: str
) -> None:
    path = "setup.cfg" if request.node.callspec.id == "setup.cfg" else "tox.ini"
    new, findings = migrate(registry, path, before)
    assert new == after
    assert {f.fix for f in findings if f.rule == "ML501"} == {FixClass.SAFE}
    again, findings = migrate(registry, path, after)
    assert again == after
    assert [f for f in findings if f.edit is not None] == []
    left = {(f.severity.value, f.fix) for f in findings if f.rule == "ML501"}
    assert left <= {("note", FixClass.MANUAL)}


def test_what_scan_says_of_each(registry: Registry) -> None:
    text = (
        "[testenv]\npassenv = OPENAI_API_KEY, AZURE_OPENAI_API_KEY\n"
        "[testenv:b]\npassenv = ACME_*\nsetenv =\n    OPENAI_API_KEY = {env:OPENAI_API_KEY}\n"
        "[testenv:c]\nsetenv =\n    OPENAI_API_KEY = test\n"
        "    OPENAI_BASE_URL = {env:OPENAI_BASE_URL:https://proxy.local/v1}\n"
        "    OPENAI_ORG_ID = org-1\n"
    )
    new, findings = migrate(registry, "tox.ini", text)
    assert found(findings) == [
        ("ML501", 2, 11, "warning", FixClass.SAFE, PASSED_KEY.format("testenv")),
        ("ML501", 2, 27, "note", FixClass.MANUAL, GONE.replace("OPENAI_", "AZURE_OPENAI_")),
        ("ML501", 6, 5, "note", FixClass.MANUAL, GONE),
        (
            "ML501",
            9,
            5,
            "warning",
            FixClass.MANUAL,
            "OPENAI_API_KEY, which tox sets in [testenv:c] to a value apply does not move, is "
            "OpenAI's key variable; Acme Cloud reads ACME_API_KEY: set or pass that there by "
            "hand (the OpenAI key does not work there)",
        ),
        (
            "ML501",
            10,
            5,
            "warning",
            FixClass.MANUAL,
            "OPENAI_BASE_URL points at a server other than OpenAI (a proxy?), so it is left "
            "alone; migrated code reads ACME_BASE_URL: set it to that server if it serves Acme "
            "Cloud's API",
        ),
        (
            "ML501",
            11,
            5,
            "warning",
            FixClass.MANUAL,
            "OPENAI_ORG_ID is OpenAI's organization id: the openai SDK's clients given no "
            "organization= read it and send it as the OpenAI-Organization header to whatever "
            "host they call, Acme Cloud too; remove it",
        ),
    ]
    assert new == text.replace("OPENAI_API_KEY, AZURE", "OPENAI_API_KEY, ACME_API_KEY, AZURE")
    assert findings[0].data == {"variable_from": "OPENAI_API_KEY", "variable_to": "ACME_API_KEY"}


GLOBBED = (
    "OPENAI_*, which tox passes into [testenv], matches OpenAI's variables, not those Acme Cloud "
    "reads: apply passes {} too (names: the OpenAI key is never copied)"
)


@pytest.mark.parametrize(
    ("before", "after", "passed"),
    [
        (
            "[testenv]\npassenv = OPENAI_*\n    HOME\n",
            "[testenv]\npassenv = OPENAI_*\n    ACME_API_KEY\n    ACME_BASE_URL\n    HOME\n",
            "ACME_API_KEY and ACME_BASE_URL",
        ),
        (
            "[testenv]\npassenv = OPENAI_*, HOME\n",
            "[testenv]\npassenv = OPENAI_*, ACME_API_KEY, ACME_BASE_URL, HOME\n",
            "ACME_API_KEY and ACME_BASE_URL",
        ),
        (
            "[testenv]\npassenv = OPENAI_*\n    ACME_API_KEY\n",
            "[testenv]\npassenv = OPENAI_*\n    ACME_BASE_URL\n    ACME_API_KEY\n",
            "ACME_BASE_URL",
        ),
    ],
)
def test_a_pattern_matching_openais_variables_gets_the_providers_passed_after_it(
    registry: Registry, before: str, after: str, passed: str
) -> None:
    """tox 4 passes what `OPENAI_*` matches: the migrated program's key would not reach it."""
    new, findings = migrate(registry, "tox.ini", before)
    assert new == after
    assert found(findings) == [("ML501", 2, 11, "warning", FixClass.SAFE, GLOBBED.format(passed))]
    assert findings[0].data == {"variable_from": "OPENAI_*"}
    assert migrate(registry, "tox.ini", after) == (after, [])


@pytest.mark.parametrize("passenv", ["*", "OPENAI_*\n    ACME_*", "HOME_*", "OPENAI_ORG_*"])
def test_a_pattern_that_passes_the_providers_or_none_of_openais_variables_is_left(
    registry: Registry, passenv: str
) -> None:
    text = f"[testenv]\npassenv = {passenv}\n"
    assert migrate(registry, "tox.ini", text) == (text, [])


def test_a_key_with_a_default_is_left_and_no_value_is_ever_copied(registry: Registry) -> None:
    text = "[testenv]\nsetenv =\n    OPENAI_API_KEY = {env:OPENAI_API_KEY:sk-test-1234}\n"
    new, findings = migrate(registry, "tox.ini", text)
    assert new == text
    assert [(f.fix, f.edit) for f in findings] == [(FixClass.MANUAL, None)]


@pytest.mark.parametrize("provider", [None, "openai"])
def test_no_edits_without_a_provider_or_for_openai(registry: Registry, provider) -> None:
    text = "[testenv]\npassenv = OPENAI_API_KEY\n"
    new, findings = migrate(registry, "tox.ini", text, provider)
    assert new == text
    assert all(f.edit is None for f in findings)


def test_other_ini_files_keep_their_keys_as_the_apps_settings(registry: Registry) -> None:
    text = "[testenv]\npassenv = OPENAI_API_KEY\n"
    assert migrate(registry, "config.ini", text) == (text, [])


def test_a_setup_cfg_configuring_tox_gets_past_the_prefilter() -> None:
    filters = prefilters(load_registry().openai)
    text = "[metadata]\nname = x\n\n[testenv]\npassenv = OPENAI_API_KEY\n"
    assert worth_examining(filters, "setup", "[tox:tox]\n" + text, unused=False)
    assert not worth_examining(filters, "setup", text, unused=False)
    assert worth_examining(filters, "ini", text, unused=False)


# -- the commands --------------------------------------------------------------------------

APP = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n'
)
TOX = "[testenv]\npassenv = OPENAI_API_KEY\ncommands = python app.py\n"


def test_check_fails_until_apply_passes_the_providers_key_under_tox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "tox.ini").write_text(TOX)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    applied = runner.invoke(app, ["apply", *ACME, "--yes", "--allow-dirty"])
    assert applied.exit_code == 0
    assert (tmp_path / "tox.ini").read_text() == TOX.replace(
        "OPENAI_API_KEY\n", "OPENAI_API_KEY\n    ACME_API_KEY\n"
    )
    checked = runner.invoke(app, ["check", *ACME])
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for acme in 0 of 2 files\n")
    (tmp_path / "tox.ini").write_text(TOX)
    checked = runner.invoke(app, ["check", *ACME])
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f"tox.ini:2:11 ML501 {PASSED_KEY.format('testenv')}",
        "1 finding for acme in 1 of 2 files; 0 error, 1 warning, 0 note",
    ]
