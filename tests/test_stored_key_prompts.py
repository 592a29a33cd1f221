"""A prompt whose answer the module stores under a key variable's name (shell_gpt's config:
`__api_key = getpass(prompt="Please enter your OpenAI API key: ")`, then
`defaults["OPENAI_API_KEY"] = __api_key`).

Under OpenAI's name, ML401 leaves the entry to a person, so the clients reading it keep
OpenAI's URL (ML003 leaves the `"default"` -> None branch for a key named for OpenAI): the
prompt is left asking for OpenAI's key, and the entry's finding says why. t51j A: apply
reworded it to ask for the Doubao key, which shell_gpt then sent to api.openai.com. Under the
provider's name (the entry renamed by hand), a prompt still naming OpenAI is reported, manual.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]


def migrate(registry, text: str):
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), Path("."))
    change = scanner.migrate_text(text, "python", "config.py", "config.py")
    again = scanner.migrate_text(change.after, "python", "config.py", "config.py")
    assert again.after == change.after
    return change.after, [(f.line, f.rule, f.fix.value, f.message) for f in change.findings]


SHELL_GPT = (
    "import os\nfrom getpass import getpass\n\n\n"
    "class Config(dict):\n"
    "    def __init__(self, **defaults):\n"
    '        if not os.getenv("OPENAI_API_KEY"):\n'
    '            __api_key = getpass(prompt="Please enter your OpenAI API key: ")\n'
    '            defaults["OPENAI_API_KEY"] = __api_key\n'
    "        super().__init__(**defaults)\n"
)
ENTRY = (
    "names OPENAI_API_KEY, but the module does not show how it is used (the module reads it "
    "on line 7: if this names it for a check that it is set, that check stops the program "
    "until both name the same variable); make it name ACME_API_KEY by hand; apply leaves the "
    "prompt on line 8 ('Please enter your OpenAI API key:'), whose answer is stored here: the "
    "clients reading this entry send it to OpenAI until their base URL is switched; make it "
    "ask for an Acme Cloud key when you rename the entry and point them at Acme Cloud"
)
RENAMED_PROMPT = (
    "the prompt 'Please enter your OpenAI API key:' asks for an OpenAI key, and its answer is "
    "stored under ACME_API_KEY, Acme Cloud's key variable: make it ask for an Acme Cloud key, "
    "by hand"
)


def test_the_prompt_of_a_key_stored_under_openais_name_is_left(registry):
    after, found = migrate(registry, SHELL_GPT)
    assert after == SHELL_GPT
    assert [f for f in found if f[1] == "ML401" and f[0] != 7] == [(9, "ML401", "manual", ENTRY)]


def test_a_dict_entry_holding_the_answer(registry):
    text = 'from getpass import getpass\n\nsettings = {"OPENAI_API_KEY": getpass("OpenAI key: ")}\n'
    after, found = migrate(registry, text)
    assert after == text
    ((line, rule, fix, message),) = found
    assert (line, rule, fix) == (3, "ML401", "manual")
    assert message.endswith(
        "; apply leaves the prompt on line 3 ('OpenAI key:'), whose answer is stored here: the "
        "clients reading this entry send it to OpenAI until their base URL is switched; make "
        "it ask for an Acme Cloud key when you rename the entry and point them at Acme Cloud"
    )


def test_the_prompt_of_an_entry_renamed_by_hand_is_reported(registry):
    text = SHELL_GPT.replace("OPENAI_API_KEY", "ACME_API_KEY")
    after, found = migrate(registry, text)
    assert after == text
    assert found == [(8, "ML401", "manual", RENAMED_PROMPT)]


@pytest.mark.parametrize(
    "text",
    [
        # another variable's entry: not the key the program sends
        'from getpass import getpass\n\nd = {}\nd["OPENAI_ORG_ID"] = getpass("OpenAI key: ")\n',
        # the answer is not what is stored
        "from getpass import getpass\n\nd = {}\n"
        'key = getpass("OpenAI key: ")\nd["OPENAI_API_KEY"] = key.upper()\n',
        # a name bound twice: the entry may hold the other value
        "from getpass import getpass\n\nd = {}\n"
        'key = getpass("OpenAI key: ")\nif not key:\n    key = "x"\n'
        'd["OPENAI_API_KEY"] = key\n',
        # the provider's entry, a prompt not naming OpenAI
        'from getpass import getpass\n\nd = {}\nd["ACME_API_KEY"] = getpass("API key: ")\n',
    ],
)
def test_other_stores_leave_the_prompt(registry, text):
    after, found = migrate(registry, text)
    assert after == text
    assert all("prompt" not in message for *_, message in found)


# t51j repro/new_prompt: the key stored by config.py is read by handler.py's client, whose
# base URL is OpenAI's where the setting says "default"
CONFIG = (
    "import os\nfrom getpass import getpass\n\n"
    'DEFAULT_CONFIG = {"API_BASE_URL": os.getenv("API_BASE_URL", "default")}\n\n\n'
    "class Config(dict):\n"
    "    def __init__(self, **defaults):\n"
    '        if not os.getenv("OPENAI_API_KEY"):\n'
    '            defaults["OPENAI_API_KEY"] = getpass(prompt="Please enter your OpenAI API key: ")\n'
    "        super().__init__(**defaults)\n\n\n"
    "cfg = Config(**DEFAULT_CONFIG)\n"
)
HANDLER = (
    "from openai import OpenAI\n\nfrom .config import cfg\n\n"
    'base_url = cfg.get("API_BASE_URL")\n'
    'client = OpenAI(api_key=cfg.get("OPENAI_API_KEY"), '
    'base_url=None if base_url == "default" else base_url)\n'
    'client.chat.completions.create(model="acme-small", messages=[])\n'
)


def _project(root: Path, config: str, handler: str) -> Path:
    package = root / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "config.py").write_text(config)
    (package / "handler.py").write_text(handler)
    return package


def _run(root: Path, *args: str):
    return CliRunner().invoke(app, [*args, *ACME, "."])


def test_no_provider_key_prompt_where_the_url_stays_openais(tmp_path, monkeypatch):
    """t51j A: apply asked for the provider's key while the client reading it kept OpenAI's
    URL. Now nothing is written in either module: the prompt and the branch stay OpenAI's,
    and check fails on both (the entry's finding saying why the prompt is left)."""
    monkeypatch.chdir(tmp_path)
    package = _project(tmp_path, CONFIG, HANDLER)
    applied = _run(tmp_path, "apply", "--yes")
    assert applied.exit_code == 0
    assert (package / "config.py").read_text() == CONFIG
    assert (package / "handler.py").read_text() == HANDLER
    checked = _run(tmp_path, "check")
    assert checked.exit_code == 1
    lines = checked.stdout.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines[:-1]] == [
        ["pkg/config.py:9:16", "ML401"],
        ["pkg/config.py:10:22", "ML401"],
        ["pkg/handler.py:6:10", "ML003"],
        ["pkg/handler.py:6:33", "ML401"],
    ]
    assert lines[1].endswith(
        "; apply leaves the prompt on line 10 ('Please enter your OpenAI API key:'), whose "
        "answer is stored here: the clients reading this entry send it to OpenAI until their "
        "base URL is switched; make it ask for an Acme Cloud key when you rename the entry and "
        "point them at Acme Cloud"
    )
    assert "Acme Cloud API key" not in checked.stdout + applied.stdout


def test_the_entry_renamed_by_hand_moves_the_branch_and_reports_the_prompt(tmp_path, monkeypatch):
    """After the rename by hand, apply points the client's `"default"` branch at the provider
    (ML003) and reports the prompt still asking for OpenAI's key; reworded by hand, check
    passes."""
    monkeypatch.chdir(tmp_path)
    config = CONFIG.replace("OPENAI_API_KEY", "ACME_API_KEY")
    package = _project(tmp_path, config, HANDLER.replace("OPENAI_API_KEY", "ACME_API_KEY"))
    applied = _run(tmp_path, "apply", "--yes")
    assert applied.exit_code == 0
    assert (package / "config.py").read_text() == config
    assert (package / "handler.py").read_text() == (
        "import os\n\nfrom openai import OpenAI\n\nfrom .config import cfg\n\n"
        'base_url = cfg.get("API_BASE_URL")\n'
        "client = OpenAI(\n"
        # s59, t59g: Acme's key on the branch apply points at Acme's URL; on Acme's URL the
        # program names, its key, Acme's where that is empty (never OPENAI_API_KEY)
        '    api_key=os.environ.get("ACME_API_KEY", "unset")\n'
        '    if base_url == "default"\n'
        "    else (\n"
        '        cfg.get("ACME_API_KEY")\n'
        "        or (\n"
        '            os.environ.get("ACME_API_KEY", "unset")\n'
        '            if str(base_url).rstrip("/").lower()\n'
        "            in (\n"
        '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '                .rstrip("/")\n'
        "                .lower(),\n"
        '                "https://api.acme.example/v1",\n'
        "            )\n"
        '            else cfg.get("ACME_API_KEY")\n'
        "        )\n"
        "    ),\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '    if base_url == "default"\n'
        "    else base_url,\n)\n"
        'client.chat.completions.create(model="acme-small", messages=[])\n'
    )
    checked = _run(tmp_path, "check")
    assert (checked.exit_code, checked.stdout.splitlines()[:-1]) == (
        1,
        [f"pkg/config.py:10:55 ML401 {RENAMED_PROMPT}"],
    )
    (package / "config.py").write_text(config.replace("your OpenAI API", "your Acme Cloud API"))
    assert _run(tmp_path, "check").exit_code == 0
