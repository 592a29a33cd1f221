"""prompt_toolkit's `input_dialog(...).run()` is a key prompt (`sdk.PROMPT_DIALOGS`: its text
is its second argument, its title a text beside it), and a prompt's text a caller gives
through the parameters of the module's functions is read at that call (`forwarded_prompts`):
self-operating-computer (t54a D1) asked "Please enter your OpenAI API key:" in a dialog whose
text came from `require_api_key("DASHSCOPE_API_KEY", "OpenAI API key", ...)`, stored the
answer as the provider's key and sent it to Qwen, with `check` green."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.environment import ENVIRONMENT_RULES
from migrate_llm.rules.python import check_python

from . import network_guard

STORED = (
    "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which the "
    "migrated program reads"
)


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


# -- the dialog ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imports", "dialog"),
    [
        pytest.param(
            "from prompt_toolkit.shortcuts import input_dialog",
            'input_dialog(title="Key", text="OpenAI API key:").run()',
            id="keywords",
        ),
        pytest.param(
            "from prompt_toolkit.shortcuts.dialogs import input_dialog",
            'input_dialog("Key", "OpenAI API key:").run()',
            id="positional",
        ),
    ],
)
def test_a_key_typed_in_a_dialog_goes_to_the_providers_variable(registry, imports, dialog):
    text = f'import os\n\n{imports}\n\nos.environ["OPENAI_API_KEY"] = {dialog}\n'
    before, after, again = migrate(registry, text)
    at = 31 + dialog.index('"OpenAI')
    assert before == [
        (5, 1, "ML404", "warning", "safe", STORED),
        (
            5,
            at + 1,
            "ML404",
            "warning",
            "review",
            reworded("OpenAI API key:", '"Acme Cloud API key:"'),
        ),
    ]
    assert after == text.replace('"OPENAI_API_KEY"]', '"ACME_API_KEY"]').replace(
        '"OpenAI API key:"', '"Acme Cloud API key:"'
    )
    assert again == []


def test_a_dialog_already_storing_the_providers_key_is_reworded_with_its_title(registry):
    """t54a's hand_app2.py: the variable renamed by hand, the dialog still asking for the
    OpenAI key (0 findings before); its title, given first, is a text beside it."""
    text = (
        "import os\n\nfrom prompt_toolkit.shortcuts import input_dialog\n\n"
        'os.environ["ACME_API_KEY"] = input_dialog("OpenAI API key", "Paste the OpenAI key:")'
        ".run()\n"
    )
    before, after, again = migrate(registry, text)
    assert before == [
        (
            5,
            43,
            "ML404",
            "warning",
            "review",
            "the title= of the prompt on line 5, 'OpenAI API key', names OpenAI's key, and the "
            'key typed there goes to Acme Cloud; apply writes "Acme Cloud API key"',
        ),
        (
            5,
            61,
            "ML404",
            "warning",
            "review",
            reworded("Paste the OpenAI key:", '"Paste the Acme Cloud key:"'),
        ),
    ]
    assert after == (
        "import os\n\nfrom prompt_toolkit.shortcuts import input_dialog\n\n"
        'os.environ["ACME_API_KEY"] = input_dialog(\n'
        '    "Acme Cloud API key", "Paste the Acme Cloud key:"\n).run()\n'
    )
    assert again == []


def test_a_dialog_not_asking_for_a_key_of_openai_is_not_reported(registry):
    text = (
        "import os\n\nfrom prompt_toolkit.shortcuts import input_dialog\n\n"
        'os.environ["ACME_API_KEY"] = input_dialog(title="OpenAI", text="Key:").run()\n'
    )
    assert rows(findings(registry, text)) == []


# -- a prompt's text given through a function's parameters ---------------------------------

HELPER = """import os
from getpass import getpass


def ask(name, desc):
    value = getpass(f"Please enter your {desc}:")
    os.environ[name] = value


ask(VARIABLE, DESC)
"""


def helper(variable: str, desc: str) -> str:
    return HELPER.replace("VARIABLE", variable).replace("DESC", desc)


def test_a_text_given_to_the_prompts_function_beside_the_providers_variable(registry):
    """t54a's app5.py: `ask("DASHSCOPE_API_KEY", "OpenAI API key")` (0 findings before)."""
    text = helper('"ACME_API_KEY"', '"OpenAI API key"')
    before, after, again = migrate(registry, text)
    assert before == [
        (
            10,
            21,
            "ML404",
            "warning",
            "review",
            "the prompt on line 6 (its text given here: 'OpenAI API key') asks for an OpenAI "
            "key, and the key typed there is stored as ACME_API_KEY, named beside it; apply "
            'writes "Acme Cloud API key"',
        )
    ]
    assert after == text.replace('"OpenAI API key"', '"Acme Cloud API key"')
    assert again == []


@pytest.mark.parametrize(
    ("variable", "desc"),
    [
        pytest.param('"OPENAI_API_KEY"', '"OpenAI API key"', id="openai-variable"),
        pytest.param('"GOOGLE_API_KEY"', '"Google API key"', id="another-service"),
        pytest.param('"GOOGLE_API_KEY"', '"OpenAI API key"', id="another-variable"),
        pytest.param("KEY_NAME", '"OpenAI API key"', id="variable-not-written"),
    ],
)
def test_a_text_given_beside_no_provider_variable_is_not_reported_here(registry, variable, desc):
    """Stored in OpenAI's variable, that name is ML401's (left to a person, `check` red); in
    another service's, or one the call does not write, the prompt is not the provider's."""
    text = helper(variable, desc)
    assert [r for r in rows(findings(registry, text)) if r[2] == "ML404"] == []


# self-operating-computer's operate/config.py after following the findings by hand, in our words
CONFIG = """import os
import sys

from openai import OpenAI
from prompt_toolkit.shortcuts import input_dialog


class Config:
    def __init__(self):
        self.acme_api_key = None

    def client(self):
        key = self.acme_api_key or os.environ["ACME_API_KEY"]
        url = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")
        return OpenAI(api_key=key, base_url=url)

    def validation(self, model):
        self.require_api_key("ACME_API_KEY", "OpenAI API key", model == "fast")
        self.require_api_key("GOOGLE_API_KEY", "Google API key", model == "gemini")

    def require_api_key(self, key_name, key_description, is_required):
        if is_required and not os.environ.get(key_name):
            self.prompt_and_save_api_key(key_name, key_description)

    def prompt_and_save_api_key(self, key_name, key_description):
        key_value = input_dialog(
            title="API Key Required", text=f"Please enter your {key_description}:"
        ).run()
        if key_value is None:
            sys.exit("Operation cancelled by user.")
        if key_name == "ACME_API_KEY":
            self.acme_api_key = key_value
        with open(".env", "a") as file:
            file.write(f"\\n{key_name}='{key_value}'")
"""


def test_a_text_handed_on_through_two_methods_is_reworded_where_it_is_written(registry):
    text = CONFIG
    before, after, again = migrate(registry, text, PYTHON_RULES)
    assert before == [
        (15, 16, "ML003", "note", "none", "OpenAI() already points at Acme Cloud"),
        (
            18,
            46,
            "ML404",
            "warning",
            "review",
            "the prompt on line 26 (its text given here: 'OpenAI API key') asks for an OpenAI "
            "key, and the key typed there is stored as ACME_API_KEY, named beside it; apply "
            'writes "Acme Cloud API key"',
        ),
    ]
    assert after == text.replace('"OpenAI API key"', '"Acme Cloud API key"')
    assert again == [before[0]]


def test_a_forwarded_text_whose_answer_also_goes_where_apply_leaves_it_is_left(registry):
    """The answer also reaches a client whose base URL is chosen at run time: reworded, the
    prompt would send the provider's key there too."""
    text = (
        "import os\nfrom getpass import getpass\n\nfrom openai import OpenAI\n\n\n"
        "def ask(name, desc, url):\n"
        '    value = getpass(f"Please enter your {desc}:")\n'
        "    os.environ[name] = value\n"
        "    return OpenAI(api_key=value, base_url=url)\n\n\n"
        'ask("ACME_API_KEY", "OpenAI API key", os.environ["LLM_URL"])\n'
    )
    assert [r for r in rows(findings(registry, text)) if r[2] == "ML404"] == [
        (
            13,
            21,
            "ML404",
            "warning",
            "manual",
            "the prompt on line 8 (its text given here: 'OpenAI API key') asks for an OpenAI "
            "key; the key typed there is stored as ACME_API_KEY, named beside it, and it also "
            "goes to OpenAI() on line 10, a client whose base URL is chosen at run time "
            "(OpenAI's when none is given): one key cannot serve both; point that one at Acme "
            "Cloud and make the prompt ask for an Acme Cloud key, by hand",
        )
    ]


# -- end to end: the key typed in the dialog reaches the provider, and only there ------------

# prompt_toolkit's dialog as a stand-in: records the text it shows, answers TYPED_KEY
DIALOG_STUB = """import os


class _Dialog:
    def __init__(self, text):
        self.text = text

    def run(self):
        with open("shown.txt", "a") as shown:
            shown.write(self.text + "\\n")
        return os.environ["TYPED_KEY"]


def input_dialog(title="", text="", **kwargs):
    return _Dialog(text)
"""
PROGRAM = """import os

from openai import OpenAI
from prompt_toolkit.shortcuts import input_dialog

if not os.environ.get("OPENAI_API_KEY"):
    os.environ["OPENAI_API_KEY"] = input_dialog(
        title="Key", text="Please enter your OpenAI API key:"
    ).run()
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
reply = client.chat.completions.create(
    model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""


def test_the_key_typed_in_the_dialog_reaches_the_provider_only(registry, server, tmp_path):
    """Applied: the dialog asks for Qwen's key and stores it in DASHSCOPE_API_KEY; a set
    DASHSCOPE_API_KEY skips it; an OPENAI_API_KEY left in the environment is sent nowhere."""
    project = tmp_path / "app"
    (project / "prompt_toolkit" / "shortcuts").mkdir(parents=True)
    (project / "prompt_toolkit" / "__init__.py").write_text("")
    (project / "prompt_toolkit" / "shortcuts" / "__init__.py").write_text(DIALOG_STUB)
    (project / "main.py").write_text(PROGRAM)
    result = CliRunner().invoke(
        app, ["apply", str(project / "main.py"), "--provider", "qwen", "--yes"]
    )
    assert result.exit_code == 0, result.stdout
    assert (project / "main.py").read_text() == (
        "import os\n\nfrom openai import OpenAI\nfrom prompt_toolkit.shortcuts import "
        'input_dialog\n\nif not os.environ.get("DASHSCOPE_API_KEY"):\n'
        '    os.environ["DASHSCOPE_API_KEY"] = input_dialog(\n'
        '        title="Key",\n'
        '        text="Please enter your Alibaba Qwen (DashScope / Model Studio) API key:",\n'
        "    ).run()\nclient = OpenAI(\n"
        "    base_url=os.environ.get(\n"
        '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    ),\n"
        '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n)\n'
        "reply = client.chat.completions.create(\n"
        '    model="qwen4-max", messages=[{"role": "user", "content": "hi"}]\n)\n'
        "print(reply.choices[0].message.content)\n"
    )
    check = CliRunner().invoke(
        app, ["check", str(project / "main.py"), "--provider", "qwen", "--fail-on", "note"]
    )
    assert check.exit_code == 0, check.stdout
    base = {
        **{k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()},
        "DASHSCOPE_BASE_URL": server.base + "/v1",
        "TYPED_KEY": "sk-typed-qwen",
    }
    guard = tmp_path / "guard"
    runs = [
        {},
        {"OPENAI_API_KEY": "sk-proj-openai-left"},
        {"DASHSCOPE_API_KEY": "sk-env-qwen"},
    ]
    for extra in runs:
        proc = subprocess.run(
            [sys.executable, "main.py"],
            cwd=project,
            env=network_guard.subprocess_env({**base, **extra}, guard),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    assert [
        (urlsplit(r.path).path, r.headers["authorization"], r.body["model"])
        for r in server.requests
    ] == [
        ("/v1/chat/completions", "Bearer sk-typed-qwen", "qwen4-max"),
        ("/v1/chat/completions", "Bearer sk-typed-qwen", "qwen4-max"),
        ("/v1/chat/completions", "Bearer sk-env-qwen", "qwen4-max"),
    ]
    assert (project / "shown.txt").read_text() == (
        "Please enter your Alibaba Qwen (DashScope / Model Studio) API key:\n" * 2
    )
