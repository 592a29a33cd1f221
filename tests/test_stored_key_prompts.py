"""A prompt whose answer the module stores under OpenAI's key variable name (shell_gpt's
config: `__api_key = getpass(prompt="Please enter your OpenAI API key: ")`, then
`defaults["OPENAI_API_KEY"] = __api_key`): ML401 says to rename that entry to the provider's
variable, so the prompt asks for the provider's key (review). Before, a migrated user was
still asked for "your OpenAI API key" (t51d defect 7). Same module, direct assignment only."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext


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
PROMPT = (
    "the prompt 'Please enter your OpenAI API key:' asks for an OpenAI key, and the key typed "
    'there goes to Acme Cloud; apply writes "Please enter your Acme Cloud API key: "'
)
ENTRY = (
    "names OPENAI_API_KEY, but the module does not show how it is used (the module reads it "
    "on line 7: if this names it for a check that it is set, that check stops the program "
    "until both name the same variable); make it name ACME_API_KEY by hand"
)


def test_the_prompt_of_a_key_stored_under_openais_name_is_reworded(registry):
    after, found = migrate(registry, SHELL_GPT)
    assert after == SHELL_GPT.replace("your OpenAI API key", "your Acme Cloud API key")
    assert [f for f in found if f[1] == "ML401" and f[0] != 7] == [
        (8, "ML401", "review", PROMPT),
        (9, "ML401", "manual", ENTRY),
    ]


def test_a_dict_entry_holding_the_answer(registry):
    text = 'from getpass import getpass\n\nsettings = {"OPENAI_API_KEY": getpass("OpenAI key: ")}\n'
    after, found = migrate(registry, text)
    assert after == text.replace('"OpenAI key: "', '"Acme Cloud key: "')
    assert [f[:3] for f in found] == [(3, "ML401", "manual"), (3, "ML401", "review")]


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
    ],
)
def test_other_stores_leave_the_prompt(registry, text):
    after, found = migrate(registry, text)
    assert after == text
    assert all("prompt" not in message for *_, message in found)
