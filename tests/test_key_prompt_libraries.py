"""A key typed at a prompt of prompt_toolkit, click, typer, rich or questionary is handled as
one typed at `input()` / `getpass()` (`sdk.PROMPT_READERS`): its wording is reworded or left
to a person, the key it reads is kept for the provider. And open-interpreter's shape: a prompt
in the branch of the test of OPENAI_API_KEY, its answer stored on an object
(`llm.api_key = response`), asked for an OpenAI key that then went to DeepSeek."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.environment import ENVIRONMENT_RULES
from migrate_llm.rules.python import check_python

SWITCHED_KEY = "Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)"
STORED = (
    "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which the "
    "migrated program reads"
)
NOTE = "names OPENAI_API_KEY in a message; Acme Cloud's key is in ACME_API_KEY: reword it"


def findings(registry, text, rules=ENVIRONMENT_RULES):
    return check_python(text, RuleContext(registry, registry.get("acme")), rules)


def rows(found):
    return [(f.line, f.column, f.rule, f.severity.value, f.fix.value, f.message) for f in found]


def migrate(registry, text, rules=ENVIRONMENT_RULES):
    """(rows, text after apply, rows after); a second apply edits nothing."""
    found = findings(registry, text, rules)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = findings(registry, after, rules)
    assert [f.message for f in again if f.edit is not None] == []
    return rows(found), after, rows(again)


def reworded(old: str, new: str) -> str:
    return (
        f"the prompt {old!r} asks for an OpenAI key, and the key typed there goes to Acme "
        f"Cloud; apply writes {new}"
    )


@pytest.mark.parametrize(
    ("imports", "prompt", "old", "new"),
    [
        pytest.param(
            "from prompt_toolkit import prompt",
            'prompt("OpenAI API key: ", is_password=True)',
            "OpenAI API key:",
            '"Acme Cloud API key: "',
            id="prompt_toolkit",
        ),
        pytest.param(
            "from prompt_toolkit.shortcuts import PromptSession",
            'PromptSession().prompt(message="OpenAI key: ")',
            "OpenAI key:",
            '"Acme Cloud key: "',
            id="prompt_toolkit-session",
        ),
        pytest.param(
            "from prompt_toolkit import PromptSession",
            'PromptSession("OpenAI key: ").prompt()',
            "OpenAI key:",
            '"Acme Cloud key: "',
            id="prompt_toolkit-session-message",
        ),
        pytest.param(
            "import click",
            'click.prompt("OpenAI API key", hide_input=True)',
            "OpenAI API key",
            '"Acme Cloud API key"',
            id="click",
        ),
        pytest.param(
            "import typer",
            'typer.prompt(text="Your OpenAI key", hide_input=True)',
            "Your OpenAI key",
            '"Your Acme Cloud key"',
            id="typer",
        ),
        pytest.param(
            "from rich.prompt import Prompt",
            'Prompt.ask("Enter OPENAI_API_KEY", password=True)',
            "Enter OPENAI_API_KEY",
            '"Enter ACME_API_KEY"',
            id="rich",
        ),
        pytest.param(
            "import questionary",
            'questionary.password("OpenAI API key:").ask()',
            "OpenAI API key:",
            '"Acme Cloud API key:"',
            id="questionary-password",
        ),
        pytest.param(
            "from questionary import text",
            'text(message="OpenAI API key:").unsafe_ask()',
            "OpenAI API key:",
            '"Acme Cloud API key:"',
            id="questionary-text",
        ),
    ],
)
def test_a_key_typed_at_a_library_prompt_goes_to_the_providers_variable(
    registry, imports, prompt, old, new
):
    text = f'import os\n\n{imports}\n\nos.environ["OPENAI_API_KEY"] = {prompt}\n'
    before, after, again = migrate(registry, text)
    at = prompt.index(old) - 1
    literal = prompt[at : prompt.index('"', at + 1) + 1]
    assert before == [
        (5, 1, "ML404", "warning", "safe", STORED),
        (5, 31 + at + 1, "ML404", "warning", "review", reworded(old, new)),
    ]
    assert after == text.replace('"OPENAI_API_KEY"]', '"ACME_API_KEY"]').replace(literal, new)
    assert again == []


def test_a_session_bound_to_a_name_is_read_where_it_asks(registry):
    """The key a client is given from `session.prompt(...)`: kept, its text reworded."""
    text = (
        "from openai import OpenAI\nfrom prompt_toolkit import PromptSession\n\n"
        'session = PromptSession("OpenAI key: ")\n'
        "client = OpenAI(api_key=session.prompt(is_password=True))\n"
    )
    before, after, again = migrate(registry, text, PYTHON_RULES)
    assert before == [
        (4, 25, "ML001", "warning", "review", reworded("OpenAI key:", '"Acme Cloud key: "')),
        (
            5,
            10,
            "ML001",
            "error",
            "review",
            "OpenAI() talks to OpenAI; for Acme Cloud the base URL comes from ACME_BASE_URL "
            "(default https://api.acme.example/v1) and the key typed at run time (line 5) goes "
            "there: the prompt must ask for an Acme Cloud key",
        ),
    ]
    assert after == (
        "import os\n\nfrom openai import OpenAI\nfrom prompt_toolkit import PromptSession\n\n"
        'session = PromptSession("Acme Cloud key: ")\n'
        "client = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    api_key=session.prompt(is_password=True),\n)\n"
    )
    assert [row[2] for row in again] == ["ML003"]


OI = (
    "import os\n\nfrom prompt_toolkit import prompt\n\n\n"
    "def validate(llm, display_message):\n"
    '    if not os.environ.get("OPENAI_API_KEY") and not llm.api_key:\n'
    '        display_message("> OpenAI API key not found")\n'
    '        response = prompt("OpenAI API key: ", is_password=True)\n'
    '        if response == "--local":\n'
    "            return\n"
    "        display_message(\n"
    '            """**Tip:** run `export OPENAI_API_KEY=your_api_key` to save it"""\n'
    "        )\n"
    "        llm.api_key = response\n"
)


def test_the_prompt_in_the_branch_of_a_switched_key_test_is_reworded(registry):
    """open-interpreter's validate_llm_settings: the key is asked for where the variable the
    test reads is unset, so it is the provider's once the test reads ACME_API_KEY; the tip
    naming OPENAI_API_KEY beside it is a message, as in print(); the text right before the
    prompt naming OpenAI's key is reworded with it (t44c D1)."""
    before, after, again = migrate(registry, OI)
    assert before == [
        (7, 12, "ML401", "warning", "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
        (
            8,
            25,
            "ML401",
            "warning",
            "review",
            "the text beside the prompt on line 9, '> OpenAI API key not found', names "
            "OpenAI's key, and the key typed there goes to Acme Cloud; apply writes "
            '"> Acme Cloud API key not found"',
        ),
        (
            9,
            27,
            "ML401",
            "warning",
            "review",
            reworded("OpenAI API key:", '"Acme Cloud API key: "'),
        ),
        (13, 13, "ML401", "note", "manual", NOTE),
    ]
    assert after == OI.replace('"OPENAI_API_KEY")', '"ACME_API_KEY")').replace(
        '"OpenAI API key: "', '"Acme Cloud API key: "'
    ).replace("> OpenAI API key not found", "> Acme Cloud API key not found")
    assert again == [(13, 13, "ML401", "note", "manual", NOTE)]


def test_a_prompt_naming_openai_otherwise_in_the_branch_stays_after_apply(registry):
    text = OI.replace('"OpenAI API key: "', 'f"{llm.name} OpenAI API key: "')
    left = (
        'the prompt `f"{llm.name} OpenAI API key: "` asks for an OpenAI key, and the key typed '
        "there goes to Acme Cloud: make it ask for an Acme Cloud key, by hand"
    )
    before, after, again = migrate(registry, text)
    assert [row[:5] for row in before] == [
        (7, 12, "ML401", "warning", "safe"),
        (8, 25, "ML401", "warning", "review"),
        (9, 27, "ML401", "warning", "manual"),
        (13, 13, "ML401", "note", "manual"),
    ]
    assert before[2][5] == left
    assert after == text.replace('"OPENAI_API_KEY")', '"ACME_API_KEY")').replace(
        "> OpenAI API key not found", "> Acme Cloud API key not found"
    )
    assert again == [
        (9, 27, "ML401", "warning", "manual", left),
        (13, 13, "ML401", "note", "manual", NOTE),
    ]


@pytest.mark.parametrize(
    ("parameters", "rule", "key"),
    [
        pytest.param("messages", "ML640", "key", id="bound-once"),
        pytest.param(
            "messages, key=None",
            "ML401",
            'key or os.environ.get("ACME_API_KEY", "unset")',
            id="bound-otherwise-too",
        ),
    ],
)
def test_a_branch_prompt_handed_to_a_call_is_reworded_once(registry, parameters, rule, key):
    """The key given to litellm: ML640 rewords its prompt where it can tell the argument
    holds the answer (a name bound once); ML401 where it cannot."""
    text = (
        f"import os\n\nimport litellm\n\n\ndef ask({parameters}):\n"
        '    if not os.environ.get("OPENAI_API_KEY"):\n'
        '        key = input("OpenAI API key: ")\n'
        '    return litellm.completion(model="gpt-4o", messages=messages, api_key=key)\n'
    )
    found = findings(registry, text, PYTHON_RULES)
    prompts = [(f.line, f.rule) for f in found if f.message.startswith("the prompt ")]
    assert prompts == [(8, rule)]
    after, _ = migrate_text(text, "python", "app.py", found)
    assert after == (
        f"import os\n\nimport litellm\n\n\ndef ask({parameters}):\n"
        '    if not os.environ.get("ACME_API_KEY"):\n'
        '        key = input("Acme Cloud API key: ")\n'
        "    return litellm.completion(\n"
        '        model="acme/acme-large",\n'
        "        messages=messages,\n"
        f"        api_key={key},\n"
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
    )


def test_a_prompt_in_the_branch_that_asks_for_no_key_is_not_read(registry):
    text = OI.replace(
        '        response = prompt("OpenAI API key: ", is_password=True)\n',
        '        if prompt("Use OpenAI? ") == "n":\n            return\n'
        '        response = prompt("Key: ", is_password=True)\n',
    )
    before, _, _ = migrate(registry, text)
    assert [row[:3] for row in before] == [(7, 12, "ML401"), (15, 13, "ML401")]


@pytest.mark.parametrize(
    ("imports", "shown"),
    [
        pytest.param("from prompt_toolkit import print_formatted_text as show", "show", id="pt"),
        pytest.param("from rich import print as show", "show", id="rich"),
        pytest.param("import typer\n\nshow = typer.secho", "typer.secho", id="typer"),
    ],
)
def test_messages_of_the_prompt_libraries_are_notes(registry, imports, shown):
    text = f'{imports}\n\n{shown}("Run `export OPENAI_API_KEY=...` first")\n'
    before, after, _ = migrate(registry, text)
    assert [row[2:] for row in before] == [("ML401", "note", "manual", NOTE)]
    assert after == text


def test_input_a_switched_read_falls_back_to_is_reworded(registry):
    """simpleaichat's shape with the builtin `input()`, which has no import to name it."""
    text = (
        'import os\n\n\ndef chat():\n    key = os.getenv("OPENAI_API_KEY")\n    if not key:\n'
        '        key = input("Input your OpenAI key here: ")\n    return key\n'
    )
    before, after, again = migrate(registry, text)
    assert before == [
        (5, 11, "ML401", "warning", "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
        (
            7,
            21,
            "ML401",
            "warning",
            "review",
            reworded("Input your OpenAI key here:", '"Input your Acme Cloud key here: "'),
        ),
    ]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY").replace(
        "OpenAI key", "Acme Cloud key"
    )
    assert again == []
