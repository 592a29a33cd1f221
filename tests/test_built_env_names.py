"""ML401 on an OpenAI variable whose name an f-string or `+` builds on a pass of a loop over
services (gpt-pilot's legacy-.env importer: `values.get(f"{p.upper()}_API_KEY")` for `p` in a
list holding "openai", t51h; `f"{provider.value.upper()}_API_KEY"` for `provider` in its
`LLMProvider` enum, imported from another module, t60c D1): left to a person, naming the
read, the pass and the loop, and where a key so read goes after apply."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, plan, scan

from .test_key_reads_left import migrated

IMPORTER = (
    "from dotenv import dotenv_values\n\n\n"
    "def convert(values: dict) -> dict:\n"
    "    cfg = {}\n"
    '    for provider in ["openai", "anthropic"]:\n'
    '        key = values.get(f"{provider.upper()}_API_KEY")\n'
    "        if key:\n"
    '            cfg[provider] = {"api_key": key}\n'
    "    return cfg\n\n\n"
    "def load():\n"
    '    return convert(dotenv_values("pilot/.env"))\n'
)


def findings(change) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.rule, f.fix.value, f.message) for f in change.findings]


def test_a_key_name_built_in_a_loop_over_a_literal_list(registry, tmp_path):
    change = migrated(registry, tmp_path, IMPORTER)
    assert change.after == IMPORTER
    assert findings(change) == [
        (
            7,
            "ML401",
            "manual",
            '`values.get(f"{provider.upper()}_API_KEY")` reads OPENAI_API_KEY on the pass for '
            '"openai" of the loop on line 6: a client given that value with no base URL of its '
            "own, which apply points at DeepSeek, sends the OpenAI key to DeepSeek; read "
            'DEEPSEEK_API_KEY for "openai" instead, by hand, and put DeepSeek\'s key under '
            "DEEPSEEK_API_KEY where this reads it",
        )
    ]
    assert change.findings[0].data == {
        "variable_from": "OPENAI_API_KEY",
        "variable_to": "DEEPSEEK_API_KEY",
        "dict_read": 'values.get(f"{provider.upper()}_API_KEY")',
        "loop_value": "openai",
    }


@pytest.mark.parametrize(
    "text",
    [
        'KEYS = {p: env.get(f"{p.upper()}_BASE_URL") for p in ("anthropic", "openai")}\n',
        'KEYS = [env.get(f"{p.upper()}_API_KEY") for p in {"openai"}]\n',
    ],
)
def test_comprehensions_tuples_and_sets(registry, tmp_path, text):
    (finding,) = migrated(registry, tmp_path, text).findings
    assert (finding.rule, finding.line, finding.message.split(" on the pass")[0]) == (
        "ML401",
        1,
        '`env.get(f"{p.upper()}_BASE_URL")` reads OPENAI_BASE_URL'
        if "BASE_URL" in text
        else '`env.get(f"{p.upper()}_API_KEY")` reads OPENAI_API_KEY',
    )


def test_a_name_not_read_says_so(registry, tmp_path):
    text = 'NEEDED = [f"{p.upper()}_API_KEY" for p in ("openai", "groq")]\n'
    assert findings(migrated(registry, tmp_path, text)) == [
        (
            1,
            "ML401",
            "manual",
            'names OPENAI_API_KEY on the pass for "openai" of the loop on line 1, but the module '
            'does not show how it is used; read DEEPSEEK_API_KEY for "openai" instead, by hand',
        )
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('["openai", "anthropic"]', "PROVIDERS"),  # not a literal list
        ('["openai", "anthropic"]', '["openai", other]'),  # not all strings
        ('["openai", "anthropic"]', '["groq", "anthropic"]'),  # no OpenAI variable
        ("{provider.upper()}", "{provider.lower()}"),  # not the loop's name, nor .upper()
        ('f"{provider.upper()}_API_KEY"', 'f"{provider.upper()}_{kind}"'),  # two names put in
        ('f"{provider.upper()}_API_KEY"', 'f"{provider.upper()}_ENDPOINT"'),  # no equivalent
        ("{provider.upper()}", "{provider.upper()!s}"),  # a conversion
        ("{provider.upper()}", "{provider.upper():>6}"),  # a format spec
        ('f"{provider.upper()}_API_KEY"', 'provider.upper() + "_" + kind'),  # two names joined
    ],
)
def test_what_is_not_followed(registry, tmp_path, old, new):
    assert migrated(registry, tmp_path, IMPORTER.replace(old, new)).findings == ()


def test_the_loop_name_bound_outside_the_loop_body(registry, tmp_path):
    # the f-string in the loop's own list is not on a pass of it
    text = 'for p in [f"{p.upper()}_API_KEY"]:\n    pass\n'
    assert migrated(registry, tmp_path, text).findings == ()


def test_scan_reads_the_module(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "importer.py").write_text(IMPORTER)
    result = CliRunner().invoke(app, ["scan", "--provider", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [
        ("importer.py", 7, "ML401")
    ]


# our own importer of an old .env, gpt-pilot's shape: the name built from an enum's members
VENDORS = """\
from enum import Enum

from dotenv import dotenv_values


class Vendor(str, Enum):
    OPENAI = "openai"
    MISTRAL = "mistral"


def old_settings(path="legacy/.env"):
    found = dotenv_values(path)
    return {
        v.value: {"key": found.get(f"{v.value.upper()}_API_KEY")}
        for v in Vendor
    }
"""
ENUM_READ = (
    '`found.get(f"{v.value.upper()}_API_KEY")` reads OPENAI_API_KEY on the pass for "openai" of '
    "the loop on line 13: a client given that value with no base URL of its own, which apply "
    'points at DeepSeek, sends the OpenAI key to DeepSeek; read DEEPSEEK_API_KEY for "openai" '
    "instead, by hand, and put DeepSeek's key under DEEPSEEK_API_KEY where this reads it"
)


def test_a_name_built_from_the_members_of_an_enum_of_the_module(registry, tmp_path):
    change = migrated(registry, tmp_path, VENDORS)
    assert change.after == VENDORS
    assert findings(change) == [(14, "ML401", "manual", ENUM_READ)]
    assert change.findings[0].data == {
        "variable_from": "OPENAI_API_KEY",
        "variable_to": "DEEPSEEK_API_KEY",
        "dict_read": 'found.get(f"{v.value.upper()}_API_KEY")',
        "loop_value": "openai",
    }


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        # the member itself is a string (`str` mixed in): `.upper()` of it gives the name
        ('f"{v.value.upper()}_API_KEY"', 'f"{v.upper()}_API_KEY"', 'f"{v.upper()}_API_KEY"'),
        # joined with `+`
        ('f"{v.value.upper()}_API_KEY"', 'v.value.upper() + "_API_KEY"', None),
        # a StrEnum
        ("(str, Enum)", "(StrEnum)", 'f"{v.value.upper()}_API_KEY"'),
    ],
)
def test_other_spellings_of_the_name_and_the_enum(registry, tmp_path, old, new, shown):
    text = VENDORS.replace(old, new).replace("import Enum", "import Enum, StrEnum")
    (finding,) = migrated(registry, tmp_path, text).findings
    assert finding.message == ENUM_READ.replace(
        'f"{v.value.upper()}_API_KEY"', new if shown is None else shown
    )


def test_the_keys_of_a_literal_dict_and_a_read_of_the_environment(registry, tmp_path):
    text = (
        "import os\n\n"
        'for service in {"openai": 1, "groq": 2}:\n'
        '    print(os.environ[service.upper() + "_API_KEY"])\n'
    )
    assert findings(migrated(registry, tmp_path, text)) == [
        (
            4,
            "ML401",
            "manual",
            '`os.environ[service.upper() + "_API_KEY"]` reads OPENAI_API_KEY on the pass for '
            '"openai" of the loop on line 3: a client given that value with no base URL of its '
            "own, which apply points at DeepSeek, sends the OpenAI key to DeepSeek; read "
            'DEEPSEEK_API_KEY for "openai" instead, by hand, and put DeepSeek\'s key under '
            "DEEPSEEK_API_KEY where this reads it",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('OPENAI = "openai"', 'GROQ = "groq"'),  # no member is openai
        ('OPENAI = "openai"', "OPENAI = pick()"),  # a value the module does not show
        ("(str, Enum)", "(Base)"),  # not an enum
        # a plain enum's member has no `.upper()`: only its `.value` is a string
        ("(str, Enum)", "(Enum)"),
        ("for v in Vendor", "for v in vendors()"),  # not the class itself
    ],
)
def test_what_is_not_followed_in_an_enum(registry, tmp_path, old, new):
    text = VENDORS.replace(old, new)
    if "(Enum)" in new:
        text = text.replace('f"{v.value.upper()}_API_KEY"', 'f"{v.upper()}_API_KEY"')
    assert migrated(registry, tmp_path, text).findings == ()


def test_a_literal_list_has_no_values(registry, tmp_path):
    text = VENDORS.replace("for v in Vendor", 'for v in ["openai", "mistral"]')
    assert migrated(registry, tmp_path, text).findings == ()


# the enum in a package of the project without an `__init__.py` above it (gpt-pilot's `core`)
CHAT = """\
import os

from openai import OpenAI

from core.setup.importer import old_settings


def chat():
    key = old_settings()["openai"]["key"]
    client = OpenAI(api_key=key)
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])
"""
PROJECT = {
    ".gitignore": "legacy/.env\n",
    "legacy/.env": "OPENAI_API_KEY=sk-proj-Xb7Nq2Wm5Lr8Kt3Vz6Hc9Jd4Fg1Ps0Ya\n",
    "core/setup/__init__.py": VENDORS.split("\n\n\ndef ")[0] + "\n",
    "core/setup/importer.py": (
        "from dotenv import dotenv_values\n\n"
        "from core.setup import Vendor\n\n\n"
        + "def old_settings"
        + VENDORS.split("def old_settings")[1]
    ),
    "main.py": CHAT,
}


def test_check_stays_red_on_a_name_built_from_an_imported_enum(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in PROJECT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0
    assert (tmp_path / "core/setup/importer.py").read_text() == PROJECT["core/setup/importer.py"]
    result = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "-f", "json"])
    assert result.exit_code == 1
    assert [
        (f["path"], f["line"], f["rule"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ] == [
        (
            "core/setup/importer.py",
            9,
            "ML401",
            "manual",
            ENUM_READ.replace("line 13", "line 8"),
        ),
        (
            "legacy/.env",
            1,
            "ML501",
            "manual",
            "OPENAI_API_KEY is OpenAI's key variable, and core/setup/importer.py reads it from "
            'this file by a name it builds (`found.get(f"{v.value.upper()}_API_KEY")` on the pass '
            'for "openai", its ML401), not DEEPSEEK_API_KEY: make that read DEEPSEEK_API_KEY for '
            '"openai" first, then put the provider\'s key in DEEPSEEK_API_KEY here and remove '
            "this line (apply adds `# DEEPSEEK_API_KEY=`; the OpenAI key is never copied) (in a "
            "gitignored file that core/setup/importer.py:6 reads: apply makes this edit only when "
            "the file is named, `apply legacy/.env`)",
        ),
    ]
    assert "sk-proj" not in result.stdout
    # the .env applied as ML501 says: the OpenAI key stays there, and the read keeps check red
    named = ["apply", "legacy/.env", "-p", "deepseek", "--yes", "--allow-dirty"]
    assert CliRunner().invoke(app, named).exit_code == 0
    assert (tmp_path / "legacy/.env").read_text() == PROJECT[
        "legacy/.env"
    ] + "# DEEPSEEK_API_KEY=\n"
    again = CliRunner().invoke(app, ["check", ".", "-p", "deepseek"])
    assert (again.exit_code, again.stdout.splitlines()[1:]) == (
        1,
        ["1 finding for deepseek in 1 of 4 files; 0 error, 1 warning, 0 note"],
    )
    assert again.stdout.startswith("core/setup/importer.py:9:36 ML401 ")


def test_scan_and_plan_say_the_same_of_the_env_file(tmp_path):
    for name, text in PROJECT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    options = ScanOptions(paths=(tmp_path,), provider="deepseek", cwd=tmp_path)
    scanned = [(f.path, f.rule, f.message) for f in scan(options).findings]
    planned = [
        (f.path, f.rule, f.message) for p in plan(options).planned for f in p.change.findings
    ]
    env = [f for f in scanned if f[0] == "legacy/.env"]
    assert [f[1] for f in env] == ["ML501"] and "by a name it builds" in env[0][2]
    assert sorted(f for f in planned if f[1] in ("ML401", "ML501")) == sorted(
        f for f in scanned if f[1] in ("ML401", "ML501")
    )
