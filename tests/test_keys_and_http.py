"""Keys and variables wherever they are (issue 9): environment writes (ML404), names of OpenAI's
variables used as variable names (ML401), and raw HTTP requests whose URL and key change
together or not at all (ML403). Exact before/after text and messages, and idempotence."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.environment import ENVIRONMENT_RULES
from migrate_llm.rules.python import check_python

from .loopback_server import LoopbackServer
from .provider_run import run_on_provider

ACME_BASE = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
LEFT = (
    "send it to Acme Cloud's base URL (ACME_BASE_URL) with the key from ACME_API_KEY by hand, "
    "or use the openai SDK"
)
KEY_WRITE = (
    "the value is an OpenAI key and is not copied to ACME_API_KEY; set ACME_API_KEY from "
    "Acme Cloud's console instead"
)
SWITCHED_KEY = "Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)"
CHAT = "raw HTTP request to OpenAI (POST https://api.openai.com/v1/chat/completions)"
SENT = "sent to Acme Cloud's base URL from ACME_BASE_URL with the key from ACME_API_KEY"


def findings(registry, text, provider="acme", rules=ENVIRONMENT_RULES):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return check_python(text, ctx, rules)


def migrate(registry, text, provider="acme", rules=ENVIRONMENT_RULES):
    """(findings as tuples, text after apply); asserts a second run has nothing to edit."""
    found = findings(registry, text, provider, rules)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = findings(registry, after, provider, rules)
    assert [f.message for f in again if f.edit is not None] == []
    rows = [(f.line, f.column, f.rule, f.severity.value, f.fix.value, f.message) for f in found]
    for f in found:
        assert (f.edit is not None) == (f.fix.value in ("safe", "review")), f.message
    return rows, after


# -- environment writes (ML404) ---------------------------------------------------------------


WRITES = (
    "import os\n"
    "os.environ['OPENAI_API_KEY'] = settings.key\n"
    'os.environ.setdefault("OPENAI_API_KEY", "sk-proj-0123456789abcdefghijKLMN")\n'
    "os.environ.update(OPENAI_API_KEY=cfg.key)\n"
    'os.environ.update({"OPENAI_API_KEY": cfg.key, "OPENAI_BASE_URL": "http://localhost:8000/v1"})\n'
    'os.putenv("OPENAI_API_KEY", key)\n'
    'os.environ["OPENAI_ORG_ID"] = "org-1"\n'
)


# What `apply` leaves of WRITES: the statement that only sets a literal key is removed.
WRITES_AFTER = WRITES.replace(
    'os.environ.setdefault("OPENAI_API_KEY", "sk-proj-0123456789abcdefghijKLMN")\n', ""
)


def test_writes_of_openai_variables_are_manual_but_a_literal_key_is_removed(registry):
    rows, after = migrate(registry, WRITES)
    assert after == WRITES_AFTER
    assert rows == [
        (2, 1, "ML404", "error", "manual", f"sets OPENAI_API_KEY: {KEY_WRITE}"),
        (
            3,
            1,
            "ML404",
            "error",
            "review",
            "sets OPENAI_API_KEY to a hard-coded key (sk-pr…MN): apply removes the line (the key "
            "is not copied to ACME_API_KEY); set ACME_API_KEY from Acme Cloud's console instead, "
            "and rotate the key",
        ),
        (4, 1, "ML404", "error", "manual", f"sets OPENAI_API_KEY: {KEY_WRITE}"),
        (5, 1, "ML404", "error", "manual", f"sets OPENAI_API_KEY: {KEY_WRITE}"),
        (
            5,
            1,
            "ML404",
            "warning",
            "manual",
            "sets OPENAI_BASE_URL: the value is not copied to ACME_BASE_URL (default "
            "https://api.acme.example/v1); set ACME_BASE_URL yourself if this URL is meant "
            "for Acme Cloud",
        ),
        (6, 1, "ML404", "error", "manual", f"sets OPENAI_API_KEY: {KEY_WRITE}"),
        (
            7,
            1,
            "ML404",
            "warning",
            "manual",
            "sets OPENAI_ORG_ID, an OpenAI-only setting; Acme Cloud has no equivalent: remove it",
        ),
    ]


def test_writes_with_all_rules_only_remove_the_literal_key(registry):
    rows, after = migrate(registry, WRITES, rules=PYTHON_RULES)
    assert after == WRITES_AFTER
    assert [(r[0], r[2]) for r in rows if r[4] != "manual"] == [(3, "ML404")]


def test_a_literal_key_is_kept_when_the_write_does_more_or_the_target_is_openai(registry):
    text = (
        "import os\n"
        'os.environ["OPENAI_API_KEY"] = KEY = "sk-proj-0123456789abcdefghijKLMN"\n'
        'os.environ["OPENAI_API_KEY"] = "sk-proj-0123456789abcdefghijKLMN"\n'
    )
    rows, after = migrate(registry, text)
    assert [(r[0], r[4]) for r in rows] == [(2, "manual"), (3, "review")]
    assert after == text.rsplit("os.environ", 1)[0]
    rows, after = migrate(registry, text, provider="openai")
    assert (rows, after) == ([], text)


def test_a_constant_that_is_written_is_not_switched_where_it_is_read(registry):
    text = (
        "import os\n"
        'KEY_VAR = "OPENAI_API_KEY"\n'
        "os.environ[KEY_VAR] = settings.key\n"
        "print(os.environ[KEY_VAR])\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            2,
            11,
            "ML401",
            "warning",
            "manual",
            "names OPENAI_API_KEY, which the module also sets (line 3); not switched: the value "
            "set there is OpenAI's",
        ),
        (3, 1, "ML404", "error", "manual", f"sets OPENAI_API_KEY: {KEY_WRITE}"),
    ]


def test_a_key_typed_at_run_time_goes_to_the_providers_variable(registry):
    text = (
        "import getpass\n"
        "import os\n"
        'if "OPENAI_API_KEY" not in os.environ:\n'
        '    os.environ["OPENAI_API_KEY"] = getpass.getpass("Enter your OpenAI API key: ")\n'
        'key = os.environ["OPENAI_API_KEY"]\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import getpass\n"
        "import os\n"
        'if "ACME_API_KEY" not in os.environ:\n'
        '    os.environ["ACME_API_KEY"] = getpass.getpass("Enter your Acme Cloud API key: ")\n'
        'key = os.environ["ACME_API_KEY"]\n'
    )
    assert rows == [
        (3, 4, "ML401", "warning", "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
        (
            4,
            5,
            "ML404",
            "warning",
            "safe",
            "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which "
            "the migrated program reads",
        ),
        (
            4,
            52,
            "ML404",
            "warning",
            "review",
            "the prompt 'Enter your OpenAI API key:' asks for an OpenAI key, and the key typed "
            'there goes to Acme Cloud; apply writes "Enter your Acme Cloud API key: "',
        ),
        (5, 7, "ML401", "warning", "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
    ]
    assert findings(registry, after) == []


@pytest.mark.parametrize(
    ("prompt", "new"),
    [
        ('getpass("Enter OpenAI API key:")', '"Enter Acme Cloud API key:"'),
        ('getpass("Enter YOUR OPENAI_API_KEY")', '"Enter YOUR ACME_API_KEY"'),
        ("getpass('OpenAI Key: ')", '"Acme Cloud Key: "'),
    ],
)
def test_the_prompt_of_a_key_stored_in_the_renamed_variable_is_reworded(registry, prompt, new):
    """The notebook cell `os.environ["OPENAI_API_KEY"] = getpass("Enter OpenAI API key:")`:
    the variable becomes the provider's, and the prompt asks for the provider's key."""
    text = f'import os\nfrom getpass import getpass\n\nos.environ["OPENAI_API_KEY"] = {prompt}\n'
    rows, after = migrate(registry, text)
    old = prompt[prompt.index("(") + 1 : -1]
    assert [row[2:] for row in rows] == [
        (
            "ML404",
            "warning",
            "safe",
            "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which "
            "the migrated program reads",
        ),
        (
            "ML404",
            "warning",
            "review",
            f"the prompt {old[1:-1].strip()!r} asks for an OpenAI key, and the key typed there "
            f"goes to Acme Cloud; apply writes {new}",
        ),
    ]
    assert after == text.replace('OPENAI_API_KEY"]', 'ACME_API_KEY"]').replace(old, new)
    assert findings(registry, after) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            '    key = os.getenv("OPENAI_API_KEY")\n'
            "    if not key:\n"
            '        key = getpass("Input your OpenAI key here: ")\n',
            id="assigned-again-in-the-function",
        ),
        pytest.param(
            '    key = os.getenv("OPENAI_API_KEY") or getpass("Input your OpenAI key here: ")\n',
            id="an-operand-of-or",
        ),
    ],
)
def test_the_prompt_a_switched_read_falls_back_to_is_reworded(registry, body):
    """simpleaichat's CLI: the key typed when the variable is unset goes where the read's
    value goes, to the provider once the read names ACME_API_KEY."""
    text = f"import os\nfrom getpass import getpass\n\n\ndef chat():\n{body}    return key\n"
    rows, after = migrate(registry, text)
    assert [row[2:] for row in rows] == [
        ("ML401", "warning", "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
        (
            "ML401",
            "warning",
            "review",
            "the prompt 'Input your OpenAI key here:' asks for an OpenAI key, and the key "
            'typed there goes to Acme Cloud; apply writes "Input your Acme Cloud key here: "',
        ),
    ]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY").replace(
        "OpenAI key", "Acme Cloud key"
    )


def test_a_prompt_of_another_name_or_function_is_left(registry):
    text = (
        "import os\nfrom getpass import getpass\n\n\ndef chat():\n"
        '    key = os.getenv("OPENAI_API_KEY")\n'
        '    token = getpass("Your OpenAI key: ")\n'
        "    return key, token\n\n\n"
        'def other():\n    key = getpass("Your OpenAI key: ")\n    return key\n'
    )
    rows, _ = migrate(registry, text)
    assert [row[2] for row in rows] == ["ML401"]


def test_a_prompt_stored_in_the_providers_variable_by_hand_is_reworded(registry):
    text = 'import os\nfrom getpass import getpass\n\nos.environ["ACME_API_KEY"] = getpass("OpenAI key: ")\n'
    rows, after = migrate(registry, text)
    assert [row[2:] for row in rows] == [
        (
            "ML404",
            "warning",
            "review",
            "the prompt 'OpenAI key:' asks for an OpenAI key, and the key typed there goes to "
            'Acme Cloud; apply writes "Acme Cloud key: "',
        )
    ]
    assert after == text.replace("OpenAI key", "Acme Cloud key")


def test_a_prompt_naming_openai_otherwise_is_left_also_after_the_rename(registry):
    text = (
        'import os\nfrom getpass import getpass\n\nuser = "me"\n'
        'os.environ["OPENAI_API_KEY"] = getpass(f"OpenAI key for {user}: ")\n'
    )
    left = (
        'the prompt `f"OpenAI key for {user}: "` asks for an OpenAI key, and the key typed '
        "there goes to Acme Cloud: make it ask for an Acme Cloud key, by hand"
    )
    rows, after = migrate(registry, text)
    assert [row[2:] for row in rows] == [
        (
            "ML404",
            "warning",
            "safe",
            "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which "
            "the migrated program reads",
        ),
        ("ML404", "warning", "manual", left),
    ]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")
    assert [
        (f.rule, f.severity.value, f.fix.value, f.message) for f in findings(registry, after)
    ] == [("ML404", "warning", "manual", left)]


def test_a_prompt_is_left_with_a_variable_apply_does_not_rename(registry):
    """Named through a constant the module also sets otherwise: the write stays for a person,
    and so does its prompt; Azure's key, not switched, keeps its prompt as it is."""
    text = (
        'import os\nfrom getpass import getpass\n\nVAR = "OPENAI_API_KEY"\n'
        'os.environ[VAR] = getpass("OpenAI key: ")\nos.environ[VAR] = open("k").read()\n'
        'os.environ["AZURE_OPENAI_API_KEY"] = getpass("Azure OpenAI API key: ")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [row[0:1] + row[2:5] for row in rows] == [
        (5, "ML404", "warning", "manual"),
        (5, "ML404", "warning", "manual"),
        (6, "ML404", "error", "manual"),
        (7, "ML404", "warning", "manual"),
    ]
    assert rows[1][5] == (
        "the prompt 'OpenAI key:' asks for an OpenAI key, and the key typed there goes to Acme "
        "Cloud: make it ask for an Acme Cloud key, by hand"
    )
    assert rows[3][5].startswith("stores a key typed at run time in AZURE_OPENAI_API_KEY; ")


def test_input_through_a_name_into_environ_update(registry):
    text = 'import os\nkey = input("key? ")\nos.environ.update(OPENAI_API_KEY=key)\n'
    rows, after = migrate(registry, text)
    assert after == 'import os\nkey = input("key? ")\nos.environ.update(ACME_API_KEY=key)\n'
    assert [r[2:5] for r in rows] == [("ML404", "warning", "safe")]


# -- names of variables (ML401) ---------------------------------------------------------------


def test_required_variables_list_read_in_a_loop(registry):
    text = (
        "import os\n"
        'REQUIRED = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID"]\n'
        "for v in REQUIRED:\n"
        "    if not os.environ.get(v):\n"
        '        raise SystemExit(f"missing {v}")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text.replace(
        '"OPENAI_API_KEY", "OPENAI_BASE_URL"', '"ACME_API_KEY", "ACME_BASE_URL"'
    )
    assert rows == [
        (
            2,
            13,
            "ML401",
            "warning",
            "safe",
            "names OPENAI_API_KEY, read from the environment on line 4 (through REQUIRED); "
            f"{SWITCHED_KEY}",
        ),
        (
            2,
            31,
            "ML401",
            "warning",
            "safe",
            "names OPENAI_BASE_URL, read from the environment on line 4 (through REQUIRED); "
            "Acme Cloud's base URL is in ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
        (
            2,
            50,
            "ML401",
            "warning",
            "manual",
            "names OPENAI_ORG_ID, read from the environment on line 4, an OpenAI-only setting; "
            "Acme Cloud has no equivalent",
        ),
    ]


def test_lookup_through_a_constant(registry):
    text = 'import os\nKEY_VAR = "OPENAI_API_KEY"\n\n\ndef key():\n    return os.getenv(KEY_VAR)\n'
    rows, after = migrate(registry, text)
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")
    assert rows == [
        (
            2,
            11,
            "ML401",
            "warning",
            "safe",
            "names OPENAI_API_KEY, read from the environment on line 6 (through KEY_VAR); "
            f"{SWITCHED_KEY}",
        ),
    ]


def test_config_dicts_naming_the_variable(registry):
    read = (
        "import os\n"
        'CONFIG = {"llm": {"api_key_env": "OPENAI_API_KEY"}}\n'
        'key = os.environ[CONFIG["llm"]["api_key_env"]]\n'
    )
    rows, after = migrate(registry, read)
    assert after == read.replace("OPENAI_API_KEY", "ACME_API_KEY")
    assert [r[2:5] for r in rows] == [("ML401", "warning", "safe")]
    unread = 'CONFIG = {"api_key_env": "OPENAI_API_KEY"}\nload(base_url_env="OPENAI_BASE_URL")\n'
    rows, after = migrate(registry, unread)
    assert after == 'CONFIG = {"api_key_env": "ACME_API_KEY"}\nload(base_url_env="ACME_BASE_URL")\n'
    assert rows == [
        (
            1,
            26,
            "ML401",
            "warning",
            "review",
            f"names OPENAI_API_KEY as the variable to read; {SWITCHED_KEY}",
        ),
        (
            2,
            19,
            "ML401",
            "warning",
            "review",
            "names OPENAI_BASE_URL as the variable to read; Acme Cloud's base URL is in "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
    ]


def test_pydantic_settings_fields(registry):
    text = (
        "from pydantic import AliasChoices, Field\n"
        "from pydantic_settings import BaseSettings\n"
        "class Settings(BaseSettings):\n"
        '    key: str = Field(validation_alias="OPENAI_API_KEY")\n'
        '    base: str = Field(validation_alias=AliasChoices("OPENAI_BASE_URL", "base"))\n'
        '    old: str = Field(env="OPENAI_API_KEY")\n'
        '    org: str = Field(alias="OPENAI_ORG_ID")\n'
        "class Message:\n"
        '    key: str = Field(alias="OPENAI_API_KEY")\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "from pydantic import AliasChoices, Field\n"
        "from pydantic_settings import BaseSettings\n"
        "class Settings(BaseSettings):\n"
        '    key: str = Field(validation_alias="ACME_API_KEY")\n'
        '    base: str = Field(validation_alias=AliasChoices("ACME_BASE_URL", "base"))\n'
        '    old: str = Field(env="ACME_API_KEY")\n'
        '    org: str = Field(alias="OPENAI_ORG_ID")\n'
        "class Message:\n"
        '    key: str = Field(alias="OPENAI_API_KEY")\n'
    )
    assert [r[:5] for r in rows] == [
        (4, 39, "ML401", "warning", "safe"),
        (5, 53, "ML401", "warning", "safe"),
        (6, 26, "ML401", "warning", "safe"),
        (7, 28, "ML401", "warning", "manual"),
        (9, 28, "ML401", "warning", "manual"),
    ]
    assert (
        rows[0][5] == f"names OPENAI_API_KEY, the variable a settings field reads; {SWITCHED_KEY}"
    )
    assert rows[4][5] == (
        "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
        "ACME_API_KEY by hand"
    )


# trial 49e's D3: arc53/DocsGPT's settings.py, cut down. apply gives the fields an alias and
# keeps their names, so the validator still names fields the class has; renamed by hand as
# ML401 advised, pydantic stopped at import (PydanticUserError decorator-missing-field).
VALIDATED_SETTINGS = """from typing import Optional

from pydantic import field_serializer, field_validator, validator
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    OPENAI_API_KEY: Optional[str] = None
    OPENAI_BASE_URL: Optional[str] = None

    @field_validator("OPENAI_API_KEY", "OPENAI_BASE_URL", mode="before")
    @classmethod
    def strip(cls, v):
        return v.strip() if isinstance(v, str) else v

    @field_serializer("OPENAI_API_KEY")
    def hide(self, v):
        return "***"


class Legacy(Settings):
    @validator("OPENAI_API_KEY", pre=True)
    def keep(cls, v):
        return v
"""


def test_the_strings_of_pydantics_decorators_naming_fields_are_left(registry):
    rows, after = migrate(registry, VALIDATED_SETTINGS)
    assert after == VALIDATED_SETTINGS.replace(
        "from typing import Optional\n", "from typing import Annotated, Optional\n"
    ).replace(
        "from pydantic import field_serializer", "from pydantic import Field, field_serializer"
    ).replace(
        "    OPENAI_API_KEY: Optional[str] = None\n    OPENAI_BASE_URL: Optional[str] = None\n",
        '    OPENAI_API_KEY: Annotated[Optional[str], Field(validation_alias="ACME_API_KEY")] = (\n'
        "        None\n"
        "    )\n"
        "    OPENAI_BASE_URL: Annotated[\n"
        '        Optional[str], Field(validation_alias="ACME_BASE_URL")\n'
        "    ] = None\n",
    )
    assert [r[:5] for r in rows] == [
        (8, 5, "ML401", "warning", "review"),
        (9, 5, "ML401", "warning", "review"),
    ]
    # and after apply, check has nothing left on it
    assert findings(registry, after) == []


@pytest.mark.parametrize(
    ("decorator", "field"),
    [
        ('from checks import validator\n\n\nclass C:\n    @validator("OPENAI_API_KEY")', ""),
        (
            'from pydantic import field_validator\n\n\ndef f():\n    @field_validator("OPENAI_API_KEY")',
            "",
        ),
        (
            'from checks import requires\n\n\nclass C:\n    @requires("OPENAI_API_KEY")',
            "    OPENAI_API_KEY: str = ''\n",
        ),
    ],
)
def test_a_decorator_string_that_may_name_a_variable_is_still_reported(registry, decorator, field):
    # a `validator` not seen to be pydantic's on a class without that field, pydantic's
    # decorator outside a class, another decorator: the string may name a variable
    text = f"{decorator}\n    def check(cls, v):\n        return v\n"
    text = text.replace("class C:\n", f"class C:\n{field}")
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[2:5] for r in rows] == [("ML401", "warning", "manual")]
    assert rows[0][5] == (
        "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
        "ACME_API_KEY by hand"
    )


def test_a_validator_of_another_module_naming_a_field_of_the_class_is_left(registry):
    text = (
        "from compat import validator\n\n\n"
        "class Base:\n    OPENAI_API_KEY: str = ''\n\n\n"
        "class C(Base):\n"
        '    @validator("OPENAI_API_KEY")\n'
        "    def check(cls, v):\n        return v\n"
    )
    assert migrate(registry, text) == ([], text)


def test_a_key_of_the_data_a_model_validator_is_given_is_still_reported(registry):
    # in mode="before" a settings class is given its values by their aliases: there the
    # string names the variable (MOONSHOT_API_KEY once the field reads it), so it is left as
    # it was, for a person
    text = (
        "from pydantic import model_validator\n"
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n"
        '    @model_validator(mode="before")\n'
        "    @classmethod\n"
        "    def fill(cls, data):\n"
        '        return data.get("OPENAI_API_KEY")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[:5] for r in rows] == [(9, 25, "ML401", "warning", "manual")]


def test_messages_naming_variables_are_notes(registry):
    text = (
        "import logging\n"
        "log = logging.getLogger()\n"
        'print("Please set OPENAI_API_KEY")\n'
        'log.error("OPENAI_API_KEY missing")\n'
        'raise ValueError(f"OPENAI_BASE_URL is not set ({x})")\n'
        '"""Docstring naming OPENAI_API_KEY."""\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    note = "Acme Cloud's key is in ACME_API_KEY: reword it"
    assert rows == [
        (3, 7, "ML401", "note", "manual", f"names OPENAI_API_KEY in a message; {note}"),
        (4, 11, "ML401", "note", "manual", f"names OPENAI_API_KEY in a message; {note}"),
        (
            5,
            18,
            "ML401",
            "note",
            "manual",
            "names OPENAI_BASE_URL in a message; Acme Cloud's base URL is in ACME_BASE_URL "
            "(default https://api.acme.example/v1): reword it",
        ),
    ]


def test_a_name_whose_use_is_not_shown_is_reported(registry):
    text = 'SECRET_NAMES = ("OPENAI_API_KEY",)\n'
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            1,
            17,
            "ML401",
            "warning",
            "manual",
            "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
            "ACME_API_KEY by hand",
        )
    ]


# -- raw HTTP (ML403) --------------------------------------------------------------------------


def test_literal_url_and_inline_key_change_together(registry):
    text = (
        "import os\n"
        "import httpx\n"
        "\n"
        'r = httpx.post("https://api.openai.com/v1/chat/completions", '
        'headers={"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"})\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n"
        "import httpx\n"
        "\n"
        "r = httpx.post(\n"
        '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '    + "/chat/completions",\n'
        '    headers={"Authorization": f"Bearer {os.environ[\'ACME_API_KEY\']}"},\n'
        ")\n"
    )
    assert rows == [
        (4, 5, "ML403", "error", "review", f"{CHAT}: {SENT}"),
        (
            4,
            98,
            "ML403",
            "error",
            "review",
            "key of the raw request on line 4: OPENAI_API_KEY becomes ACME_API_KEY, with its URL",
        ),
    ]


def test_base_url_variable_plus_path_with_a_headers_constant(registry):
    text = (
        "import os\n"
        "import httpx\n"
        "\n"
        'BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")\n'
        'HEADERS = {"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"}\n'
        "\n"
        "\n"
        "def ask(body):\n"
        '    return httpx.post(BASE + "/chat/completions", headers=HEADERS, json=body)\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        text.replace(
            'os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")', ACME_BASE
        ).replace("'OPENAI_API_KEY'", "'ACME_API_KEY'")
    )
    assert [r[:5] for r in rows] == [
        (5, 39, "ML403", "error", "review"),
        (9, 12, "ML403", "error", "review"),
    ]
    assert rows[1][5] == f"{CHAT}: {SENT}"


def test_url_constant_and_headers_built_in_the_function(registry):
    text = (
        "import os\n"
        "import requests\n"
        "\n"
        'API_URL = "https://api.openai.com/v1/embeddings"\n'
        "\n"
        "\n"
        "def embed(texts):\n"
        '    headers = {"Content-Type": "application/json"}\n'
        '    headers["Authorization"] = f"Bearer {os.environ[\'OPENAI_API_KEY\']}"\n'
        '    return requests.post(API_URL, headers=headers, json={"input": texts})\n'
    )
    rows, after = migrate(registry, text)
    assert after == text.replace(
        '"https://api.openai.com/v1/embeddings"', f'{ACME_BASE} + "/embeddings"'
    ).replace("'OPENAI_API_KEY'", "'ACME_API_KEY'")
    assert [r[:5] for r in rows] == [
        (9, 42, "ML403", "error", "review"),
        (10, 12, "ML403", "error", "review"),
    ]
    assert rows[1][5] == (
        f"raw HTTP request to OpenAI (POST https://api.openai.com/v1/embeddings): {SENT}"
    )


def test_fstring_url_and_key_in_a_variable(registry):
    text = (
        "import os\n"
        "import httpx\n"
        "\n"
        'KEY = os.environ["OPENAI_API_KEY"]\n'
        "\n"
        "\n"
        "def chat(body):\n"
        '    url = f"https://api.openai.com/v1/chat/completions"\n'
        '    return httpx.post(url, headers={"Authorization": f"Bearer {KEY}"}, json=body)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text.replace('"OPENAI_API_KEY"', '"ACME_API_KEY"').replace(
        'f"https://api.openai.com/v1/chat/completions"',
        "f\"{os.environ.get('ACME_BASE_URL', 'https://api.acme.example/v1')}/chat/completions\"",
    )
    assert [r[2:5] for r in rows] == [("ML403", "error", "review")] * 2


def test_httpx_client_with_base_url(registry):
    text = (
        "import os\n"
        "import httpx\n"
        "\n"
        "client = httpx.Client(\n"
        '    base_url="https://api.openai.com/v1",\n'
        '    headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]},\n'
        ")\n"
        'r = client.post("/chat/completions", json={})\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n"
        "import httpx\n"
        "\n"
        "client = httpx.Client(\n"
        f"    base_url={ACME_BASE},\n"
        '    headers={"Authorization": "Bearer " + os.environ["ACME_API_KEY"]},\n'
        ")\n"
        'r = client.post("/chat/completions", json={})\n'
    )
    assert rows == [
        (
            6,
            43,
            "ML403",
            "error",
            "review",
            "key of the raw request on line 8: OPENAI_API_KEY becomes ACME_API_KEY, with its URL",
        ),
        (8, 5, "ML403", "error", "review", f"{CHAT}: {SENT}"),
    ]


def test_aiohttp_session_headers_and_post(registry):
    text = (
        "import os\n"
        "import aiohttp\n"
        "\n"
        'URL = "https://api.openai.com/v1/embeddings"\n'
        'HEADERS = {"Authorization": f"Bearer {os.getenv(\'OPENAI_API_KEY\')}"}\n'
        "\n"
        "\n"
        "async def ask(body):\n"
        "    async with aiohttp.ClientSession(headers=HEADERS) as session:\n"
        "        async with session.post(URL, json=body) as response:\n"
        "            return await response.json()\n"
    )
    rows, after = migrate(registry, text)
    assert after == text.replace(
        '"https://api.openai.com/v1/embeddings"', f'{ACME_BASE} + "/embeddings"'
    ).replace("'OPENAI_API_KEY'", "'ACME_API_KEY'")
    assert [r[:5] for r in rows] == [
        (5, 39, "ML403", "error", "review"),
        (10, 20, "ML403", "error", "review"),
    ]


def test_path_the_provider_does_not_serve_is_manual(registry):
    text = (
        "import os\n"
        "import urllib.request\n"
        "\n"
        'URL = "https://api.openai.com/v1/images/generations"\n'
        'HEADERS = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}\n'
        "req = urllib.request.Request(URL, b'{}', HEADERS)\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            6,
            7,
            "ML403",
            "error",
            "manual",
            "raw HTTP request to OpenAI (https://api.openai.com/v1/images/generations) left "
            "unchanged: Acme Cloud does not serve /images/generations (images); keep it on "
            "OpenAI (its key from OPENAI_API_KEY), or send it to another service that serves "
            "images, with that service's key, by hand",
        )
    ]


def test_a_request_to_an_api_the_provider_lacks_is_kept_on_openai(registry):
    # t41b D8: "DeepSeek does not serve /audio/speech", then "send it to deepseek's base URL"
    text = (
        "import os\n\nimport requests\n\n"
        'KEY = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}\n'
        'r = requests.post("https://api.openai.com/v1/audio/speech", headers=KEY, json={})\n'
    )
    rows, after = migrate(registry, text, provider="deepseek")
    assert after == text
    assert [row for row in rows if row[2] == "ML403"] == [
        (
            6,
            5,
            "ML403",
            "error",
            "manual",
            "raw HTTP request to OpenAI (POST https://api.openai.com/v1/audio/speech) left "
            "unchanged: DeepSeek does not serve /audio/speech (audio); keep it on OpenAI (its "
            "key from OPENAI_API_KEY), or send it to another service that serves audio, with "
            "that service's key, by hand",
        )
    ]


def test_openai_url_with_a_key_from_elsewhere_is_one_manual_finding(registry):
    text = (
        "import requests\n"
        "\n"
        "\n"
        "def ask(key, body):\n"
        '    headers = {"Authorization": f"Bearer {key}"}\n'
        '    return requests.post("https://api.openai.com/v1/chat/completions", headers=headers)\n'
    )
    for rules in (ENVIRONMENT_RULES, PYTHON_RULES):
        rows, after = migrate(registry, text, rules=rules)
        assert after == text
        assert [r for r in rows if r[2].startswith("ML4")] == [
            (
                6,
                12,
                "ML403",
                "error",
                "manual",
                f"{CHAT} left unchanged: the key it sends is not traced to a read of OPENAI_API_KEY in "
                f"this module; {LEFT}",
            )
        ]


def test_openai_key_sent_to_a_url_not_shown_is_left_with_its_key(registry):
    """ML401 alone would switch the key read: the provider's key would go wherever `url`
    points, OpenAI included. The read stays OpenAI's and the request is reported."""
    text = (
        "import os\n"
        "import httpx\n"
        "\n"
        "\n"
        "def post(url, body):\n"
        "    key = os.environ['OPENAI_API_KEY']\n"
        '    return httpx.post(url, headers={"Authorization": f"Bearer {key}"}, json=body)\n'
    )
    for rules in (ENVIRONMENT_RULES, PYTHON_RULES):
        rows, after = migrate(registry, text, rules=rules)
        assert after == text
        assert [r for r in rows if r[2].startswith("ML4")] == [
            (
                7,
                12,
                "ML403",
                "error",
                "manual",
                "raw HTTP request (POST url) with the key from OPENAI_API_KEY left unchanged: "
                f"its URL is not shown in this module; {LEFT}",
            )
        ]


def test_requests_sharing_a_url_change_together_or_not_at_all(registry):
    text = (
        "import os\n"
        "import requests\n"
        "\n"
        'API_URL = "https://api.openai.com/v1/chat/completions"\n'
        "\n"
        "\n"
        "def ask(body):\n"
        "    key = os.environ['OPENAI_API_KEY']\n"
        '    return requests.post(API_URL, headers={"Authorization": key}, json=body)\n'
        "\n"
        "\n"
        "def ask_as(key, body):\n"
        '    return requests.post(API_URL, headers={"Authorization": key}, json=body)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            9,
            12,
            "ML403",
            "error",
            "manual",
            f"{CHAT} left unchanged: it shares its URL or key with the request on line 13, "
            f"which cannot be rewritten; {LEFT}",
        ),
        (
            13,
            12,
            "ML403",
            "error",
            "manual",
            f"{CHAT} left unchanged: the key it sends is not traced to a read of OPENAI_API_KEY in this "
            f"module; {LEFT}",
        ),
    ]


def test_key_kept_on_self_in_a_class(registry):
    text = (
        "import os\n"
        "import requests\n"
        "\n"
        'URL = "https://api.openai.com/v1/embeddings"\n'
        "\n"
        "\n"
        "class Embedder:\n"
        "    def __init__(self):\n"
        '        self.key = os.getenv("OPENAI_API_KEY")\n'
        "\n"
        "    def embed(self, texts):\n"
        '        headers = {"Authorization": f"Bearer {self.key}"}\n'
        '        return requests.post(URL, headers=headers, json={"input": texts})\n'
    )
    rows, after = migrate(registry, text)
    assert after == text.replace(
        '"https://api.openai.com/v1/embeddings"', f'{ACME_BASE} + "/embeddings"'
    ).replace('"OPENAI_API_KEY"', '"ACME_API_KEY"')
    assert [r[:5] for r in rows] == [
        (9, 20, "ML403", "error", "review"),
        (13, 16, "ML403", "error", "review"),
    ]


def test_no_key_read_is_switched_while_an_untraced_openai_request_remains(registry):
    """The request's key comes through a parameter: switching the read that feeds it would
    send the provider's key to OpenAI."""
    text = (
        "import os\n"
        "import requests\n"
        "\n"
        'URL = "https://api.openai.com/v1/chat/completions"\n'
        "\n"
        "\n"
        "def call(key, body):\n"
        '    return requests.post(URL, headers={"Authorization": key}, json=body)\n'
        "\n"
        "\n"
        "def main():\n"
        '    return call(os.environ["OPENAI_API_KEY"], {})\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[:5] for r in rows] == [
        (8, 12, "ML403", "error", "manual"),
        (12, 17, "ML401", "warning", "manual"),
    ]
    assert rows[1][5] == (
        "reads OPENAI_API_KEY; not switched: the raw request to OpenAI on line 8 may send this "
        "key, and Acme Cloud's key must not go to OpenAI (see ML403)"
    )


def test_a_client_whose_requests_are_not_shown_keeps_its_key(registry):
    text = (
        "import os\n"
        "import aiohttp\n"
        "\n"
        "\n"
        "def session():\n"
        '    key = os.environ["OPENAI_API_KEY"]\n'
        '    return aiohttp.ClientSession(headers={"Authorization": f"Bearer {key}"})\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[:5] for r in rows] == [(7, 12, "ML403", "error", "manual")]
    assert rows[0][5].endswith(f"left unchanged: its URL is not shown in this module; {LEFT}")


def test_openai_key_sent_to_another_host_is_left_with_its_key(registry):
    text = (
        "import os\n"
        "import requests\n"
        "\n"
        'URL = "http://localhost:8000/v1/chat/completions"\n'
        "requests.post(URL, headers={\"Authorization\": os.environ['OPENAI_API_KEY']})\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            5,
            1,
            "ML403",
            "error",
            "manual",
            "raw HTTP request (POST URL) with the key from OPENAI_API_KEY left unchanged: it "
            f"goes to a host that is not OpenAI's; {LEFT}",
        )
    ]


def test_modernising_to_openai_leaves_keys_and_requests_alone(registry):
    text = (
        "import os\n"
        "import httpx\n"
        "os.environ['OPENAI_API_KEY'] = settings.key\n"
        'httpx.post("https://api.openai.com/v1/chat/completions", '
        'headers={"Authorization": os.environ["OPENAI_API_KEY"]})\n'
    )
    assert [f.rule for f in findings(registry, text, provider="openai")] == []


def test_raw_request_without_a_provider(registry):
    text = 'import httpx\nhttpx.get(f"https://api.openai.com/v1/models/{m}")\n'
    rows, _ = migrate(registry, text, provider=None)
    assert rows == [
        (
            2,
            1,
            "ML403",
            "error",
            "manual",
            "raw HTTP request to OpenAI (GET https://api.openai.com/v1/models/{}): send it to "
            "the provider's base URL with the provider's key, or use the openai SDK",
        )
    ]


def test_unrelated_requests_and_urls_are_silent(registry):
    text = (
        "import os\n"
        "import requests\n"
        'requests.get("https://example.com/api", headers={"X-Key": os.environ["DB_KEY"]})\n'
        'DOCS = "https://platform.openai.com/docs"\n'
    )
    assert findings(registry, text) == []


RAW_APP = (
    "import os\n"
    "import httpx\n"
    "\n"
    'URL = "https://api.openai.com/v1/chat/completions"\n'
    "\n"
    "\n"
    "def ask(text):\n"
    '    headers = {"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"}\n'
    '    body = {"model": "acme-small", "messages": [{"role": "user", "content": text}]}\n'
    "    response = httpx.post(URL, headers=headers, json=body, timeout=10)\n"
    "    response.raise_for_status()\n"
    '    return response.json()["choices"][0]["message"]["content"]\n'
)


@pytest.fixture
def loopback():
    running = LoopbackServer().start()
    yield running
    running.stop()


def test_migrated_raw_httpx_call_reaches_the_provider_with_its_key(
    registry, loopback, monkeypatch, no_network
):
    found = findings(registry, RAW_APP, rules=PYTHON_RULES)
    migrated, _ = migrate_text(RAW_APP, "python", "app.py", found)
    assert "api.openai.com" not in migrated and "OPENAI_API_KEY" not in migrated
    for name in list(os.environ):
        if "OPENAI" in name or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("ACME_BASE_URL", loopback.base + "/v1")
    monkeypatch.setenv("ACME_API_KEY", "acme-loopback-key")
    try:
        import httpx  # noqa: F401
    except ModuleNotFoundError:  # the openai SDK here ships its HTTP client as httpx2
        monkeypatch.setitem(sys.modules, "httpx", importlib.import_module("httpx2"))
    namespace: dict = {}
    exec(compile(migrated, "app.py", "exec"), namespace)
    assert isinstance(namespace["ask"]("hello"), str)
    [request] = loopback.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["host"].startswith("127.0.0.1:")
    assert request.headers["authorization"] == "Bearer acme-loopback-key"


def test_env_var_findings_carry_the_variables_as_data(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    text = 'import os\nKEY_VAR = "OPENAI_API_KEY"\nkey = os.getenv(KEY_VAR)\norg = os.getenv("OPENAI_ORG_ID")\n'
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML401"]
    assert [f.data for f in found] == [
        {"variable_from": "OPENAI_API_KEY", "variable_to": "ACME_API_KEY"},
        {"variable_from": "OPENAI_ORG_ID"},
    ]


@pytest.mark.parametrize(
    "lookup",
    [
        'REDIRECT = {}\ntarget = REDIRECT.get("https://api.openai.com/v1/chat/completions")\n',
        'target = dict(a=1).get("https://api.openai.com/v1/chat/completions")\n',
        'target = conf.get("https://api.openai.com/v1/chat/completions", None)\n',
    ],
)
def test_a_dict_lookup_keyed_by_an_openai_url_is_no_request(registry, lookup):
    """A table's `.get(url)` (a dict the module shows, or a key with a default) is a URL in
    code (ML402), not an HTTP GET (ML403)."""
    rules = [f.rule for f in findings(registry, lookup)]
    assert rules == ["ML402"]


def test_an_unknown_receivers_get_with_headers_stays_a_request(registry):
    text = (
        "import os\n\nKEY = os.environ['OPENAI_API_KEY']\n"
        "r = http.get('https://api.openai.com/v1/models', headers={'Authorization': KEY})\n"
    )
    assert "ML403" in [f.rule for f in findings(registry, text)]


def test_an_openai_url_inside_a_docstring_is_reported_where_it_stands(registry):
    text = (
        "def make(base_url=None):\n"
        '    """Build a client.\n\n'
        "    :param base_url: the API root,\n"
        '        defaults to "https://api.openai.com/v1"\n'
        '    """\n'
        "    return base_url\n"
    )
    [finding] = [f for f in findings(registry, text) if f.rule == "ML402"]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 22, 5, 47)
    assert finding.severity.value == "note"  # prose: nothing the program sends
    assert finding.message == (
        "hard-coded OpenAI URL https://api.openai.com/v1; replace it with Acme Cloud's base URL "
        "by hand"
    )


TYPED = """import streamlit as st
from openai import OpenAI

key = st.text_input("OpenAI API Key", type="password")
client = OpenAI(api_key=key)


def cli():
    return OpenAI(api_key=input("API key: ").strip())
"""


def test_a_key_a_person_types_is_kept_and_the_client_pointed_at_the_provider(registry):
    # streamlit/llm-examples: the key typed into the sidebar was dropped for ACME_API_KEY
    # ("unset" when not set) while the app still asked for one
    rows, after = migrate(registry, TYPED, "acme", PYTHON_RULES)
    clients = [(row[2], row[0], row[4], row[5]) for row in rows if row[2] == "ML001"]
    assert clients == [
        (
            "ML001",
            4,
            "review",
            "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes to "
            'Acme Cloud; apply writes "Acme Cloud API Key"',
        ),
        (
            "ML001",
            5,
            "review",
            "OpenAI() talks to OpenAI; for Acme Cloud the base URL comes from ACME_BASE_URL "
            "(default https://api.acme.example/v1) and the key typed at run time (line 4) goes "
            "there: the prompt must ask for an Acme Cloud key",
        ),
        (
            "ML001",
            9,
            "review",
            "OpenAI() talks to OpenAI; for Acme Cloud the base URL comes from ACME_BASE_URL "
            "(default https://api.acme.example/v1) and the key typed at run time (line 9) goes "
            "there: the prompt must ask for an Acme Cloud key",
        ),
    ]
    base = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
    assert after == "import os\n\n" + TYPED.replace(
        "OpenAI(api_key=key)", f"OpenAI(\n    {base}, api_key=key\n)"
    ).replace('"OpenAI API Key"', '"Acme Cloud API Key"').replace(
        'return OpenAI(api_key=input("API key: ").strip())',
        f'return OpenAI(\n        {base},\n        api_key=input("API key: ").strip(),\n    )',
    )


@pytest.mark.parametrize(
    ("prompt", "after"),
    [
        ('input("OpenAI key: ")', 'input("Acme Cloud key: ")'),
        (
            'getpass.getpass("Your OPENAI_API_KEY: ").strip()',
            'getpass.getpass("Your ACME_API_KEY: ").strip()',
        ),
    ],
)
def test_a_prompt_for_the_key_of_a_client_naming_openai_is_reworded_in_the_call(
    registry, prompt, after
):
    """The prompt written in `api_key=` lies inside the client's rewrite, which writes it
    reworded; its own finding says so, and nothing is left after apply."""
    text = f"import getpass\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key={prompt})\n"
    rows, migrated = migrate(registry, text, "acme", PYTHON_RULES)
    shown = "'OpenAI key:'" if "input" in prompt else "'Your OPENAI_API_KEY:'"
    written = '"Acme Cloud key: "' if "input" in prompt else '"Your ACME_API_KEY: "'
    assert [
        (row[2], row[0], row[4], row[5]) for row in rows if row[5].startswith("the prompt")
    ] == [
        (
            "ML001",
            5,
            "review",
            f"the prompt {shown} asks for an OpenAI key, and the key typed there goes to Acme "
            f"Cloud; apply writes {written}",
        )
    ]
    assert migrated == (
        "import getpass\nimport os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        f"    api_key={after},\n)\n"
    )
    again, _ = migrate(registry, migrated, "acme", PYTHON_RULES)
    assert [row[2] for row in again if row[4] != "none"] == []


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("Enter your OpenAI API key: ", "Enter your Acme Cloud API key: "),
        ("OPENAI API KEY", "Acme Cloud API KEY"),
        ("open ai key?", "Acme Cloud key?"),
        ("OPENAI_API_KEY=", "ACME_API_KEY="),
        ("OpenAI API key (from platform.openai.com): ", None),
        ("OpenAI token: ", None),
    ],
)
def test_only_openais_key_named_as_such_is_reworded(registry, text, new):
    from migrate_llm.rules.key_prompts import reworded

    assert reworded(text, registry.get("acme")) == new


def test_a_prompt_in_the_dict_a_client_takes_is_reworded_with_the_dict(registry):
    text = (
        "from openai import OpenAI\n\n\ndef make():\n"
        '    kw = {"api_key": input("OpenAI key: "), "timeout": 5}\n'
        "    return OpenAI(**kw)\n"
    )
    rows, migrated = migrate(registry, text, "acme", PYTHON_RULES)
    assert [(row[2], row[0], row[4]) for row in rows] == [
        ("ML001", 5, "review"),
        ("ML001", 6, "review"),
    ]
    assert migrated == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    kw = {\n"
        '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        "api_key": input("Acme Cloud key: "),\n'
        '        "timeout": 5,\n    }\n    return OpenAI(**kw)\n'
    )


def test_a_clients_prompt_naming_openai_otherwise_stays_reported_after_apply(registry):
    """`check` stays red until a person rewords the prompt: reported on a client already on
    the provider's endpoint too."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'key = input("Key (see platform.openai.com): ")\n'
        "client = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    api_key=key,\n)\n"
    )
    rows, migrated = migrate(registry, text, "acme", PYTHON_RULES)
    assert migrated == text
    assert [(row[2], row[0], row[3], row[4], row[5]) for row in rows if row[4] != "none"] == [
        (
            "ML001",
            5,
            "warning",
            "manual",
            "the prompt 'Key (see platform.openai.com):' asks for an OpenAI key, and the key "
            "typed there goes to Acme Cloud: make it ask for an Acme Cloud key, by hand",
        )
    ]


# -- a literal key beside an OpenAI URL in a dict (ML402) --------------------------------------


def key_beside(where: str, provider: str = "Acme Cloud", variable: str = "ACME_API_KEY") -> str:
    return (
        f'"{where[0]}" is a literal key beside the OpenAI URL on line {where[1]}, which apply '
        f"points at {provider}: the key would go there too; the entry reads {variable} instead"
    )


@pytest.mark.parametrize("key", ['"sk-proj-"', '"sk-"', "'your-api-key'", '"EMPTY"'])
def test_a_literal_key_beside_a_switched_url_reads_the_providers_variable(registry, key):
    # Langchain-Chatchat: the URL went to the provider's, the placeholder key with it
    text = f'PLATFORM = {{"api_base_url": "https://api.openai.com/v1", "api_key": {key}}}\n'
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert [row for row in rows if row[2] != "ML004"] == [
        (
            1,
            29,
            "ML402",
            "warning",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL replaces it "
            "(read from ACME_BASE_URL)",
        ),
        (1, 69, "ML402", "error", "review", key_beside(("api_key", 1))),
    ]
    assert after == (
        "import os\n\nPLATFORM = {\n"
        f'    "api_base_url": {ACME_BASE},\n'
        '    "api_key": os.environ.get("ACME_API_KEY", "unset"),\n}\n'
    )


def test_a_key_beside_a_url_within_an_expression_and_entries_left_alone(registry):
    text = (
        "import os\n\nLLM = {\n"
        '    "base_url": os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1",\n'
        '    "api_base": "https://api.openai.com/v1/",\n'
        '    "openai_api_key": "EMPTY",\n'
        '    "key_env": "OPENAI_API_KEY",\n'
        '    "timeout": "30",\n}\n'
        'TABLE = {"https://api.openai.com/v1": "openai", "api_key": "sk-"}\n'
        'CHECK = {"is_openai": url == "https://api.openai.com/v1", "api_key": "sk-"}\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:5] for row in rows if row[2] == "ML402"] == [
        (4, 49, "ML402", "warning", "safe"),
        (5, 17, "ML402", "warning", "safe"),
        (6, 23, "ML402", "error", "review"),  # once for both URLs
        (10, 10, "ML402", "warning", "safe"),  # a table's key: its entries are no settings
        (11, 30, "ML402", "note", "none"),  # a test of where a URL points: kept as it is
    ]
    assert [row[5] for row in rows if row[:2] == (6, 23)] == [key_beside(("openai_api_key", 4))]
    assert after == (
        "import os\n\nLLM = {\n"
        '    "base_url": os.getenv("ACME_BASE_URL") or "https://api.acme.example/v1",\n'
        f'    "api_base": {ACME_BASE},\n'
        '    "openai_api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
        '    "key_env": "ACME_API_KEY",\n'
        '    "timeout": "30",\n}\n'
        f'TABLE = {{\n    {ACME_BASE}: "openai",\n    "api_key": "sk-",\n}}\n'
        'CHECK = {"is_openai": url == "https://api.openai.com/v1", "api_key": "sk-"}\n'
    )


def test_a_real_key_beside_an_openai_url_keeps_both_for_a_person(registry):
    text = (
        'LLM = {"base_url": "https://api.openai.com/v1", '
        '"api_key": "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6"}\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert rows == [
        (
            1,
            20,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it "
            "would take the key beside it (line 1) to Acme Cloud. Point both at Acme Cloud together: base "
            "URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        (
            1,
            60,
            "ML004",
            "error",
            "manual",
            "hard-coded API key sk-pr…D6; read it from ACME_API_KEY and rotate it",
        ),
    ]
    assert after == text


SETTINGS = 'PLATFORM = {"api_base_url": "https://api.openai.com/v1", "api_key": "sk-proj-"}\n'
USE = """import openai
from settings import PLATFORM

client = openai.Client(base_url=PLATFORM["api_base_url"], api_key=PLATFORM["api_key"])
reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
print(reply.choices[0].message.content)
"""


def test_check_fails_until_the_key_beside_the_url_is_switched(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "use.py").write_text(USE)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", "-p", "zhipu", "settings.py"])
    assert before.exit_code == 1
    assert before.stdout.splitlines()[1] == "settings.py:1:69 ML402 " + key_beside(
        ("api_key", 1), "Zhipu AI (GLM)", "ZAI_API_KEY"
    )
    assert runner.invoke(app, ["apply", "-p", "zhipu", "--yes", "."]).exit_code == 0
    assert (
        '"api_key": os.environ.get("ZAI_API_KEY", "unset")'
        in (tmp_path / "settings.py").read_text()
    )
    after = runner.invoke(app, ["check", "-p", "zhipu", "."])
    assert after.exit_code == 0, after.stdout
    provider = registry.get("zhipu")
    run_on_provider(Path("use.py"), tmp_path, provider, server, tmp_path / "guard")
    [request] = server.requests
    assert request.headers["authorization"] == "Bearer test-key"  # not the placeholder


def test_an_entry_named_key_counts_only_with_a_key_in_it(registry):
    # a table of providers names each by "key" (`{"key": "openai", ...}`): no key to switch
    text = (
        "PROVIDERS = [\n"
        '    {"key": "openai", "base_url": "https://api.openai.com/v1"},\n'
        '    {"base_url": "https://api.openai.com/v1", "key": "sk-"},\n]\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:5] for row in rows] == [
        (2, 35, "ML402", "warning", "safe"),
        (3, 18, "ML402", "warning", "safe"),
        (3, 54, "ML402", "error", "review"),
    ]
    assert after == (
        "import os\n\nPROVIDERS = [\n"
        '    {\n        "key": "openai",\n'
        f'        "base_url": {ACME_BASE},\n'
        "    },\n    {\n"
        f'        "base_url": {ACME_BASE},\n'
        '        "key": os.environ.get("ACME_API_KEY", "unset"),\n'
        "    },\n]\n"
    )


# -- a key a call takes beside an OpenAI URL (ML402) -------------------------------------------


def read_beside(name: str, line: int, variable: str = "ACME_API_KEY") -> str:
    return (
        f"reads OPENAI_API_KEY for {name}= beside the OpenAI URL on line {line}, which apply "
        f"points at Acme Cloud: the OpenAI key would go there too; it reads {variable} instead"
    )


URL_SWITCHED = (
    "hard-coded OpenAI URL https://api.openai.com/v1{}; Acme Cloud's base URL replaces it "
    "(read from ACME_BASE_URL)"
)
HELD = (
    "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it would "
    "take the key beside it ({}) to Acme Cloud. Point both at Acme Cloud together: base URL "
    "https://api.acme.example/v1, key from ACME_API_KEY"
)


def test_a_key_read_a_call_takes_beside_a_switched_url_is_renamed_with_it(registry):
    # marvin: pydantic-ai's provider got DashScope's URL and kept reading OPENAI_API_KEY
    text = (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n"
        "from rag import Embedder\n\n"
        'chat = OpenAIProvider(api_key=os.getenv("OPENAI_API_KEY"), '
        'base_url="https://api.openai.com/v1")\n'
        "embed = Embedder(\n"
        '    endpoint="https://api.openai.com/v1/",\n'
        '    openai_api_key=os.environ.get("OPENAI_API_KEY") or "",\n)\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert rows == [
        (6, 31, "ML402", "warning", "safe", read_beside("api_key", 6)),
        (6, 69, "ML402", "warning", "safe", URL_SWITCHED.format("")),
        (8, 14, "ML402", "warning", "safe", URL_SWITCHED.format("/")),
        (9, 20, "ML402", "warning", "safe", read_beside("openai_api_key", 8)),
    ]
    assert after == (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n"
        "from rag import Embedder\n\n"
        "chat = OpenAIProvider(\n"
        '    api_key=os.getenv("ACME_API_KEY"),\n'
        f"    base_url={ACME_BASE},\n)\n"
        "embed = Embedder(\n"
        f"    endpoint={ACME_BASE},\n"
        '    openai_api_key=os.environ.get("ACME_API_KEY") or "",\n)\n'
    )


def test_a_key_read_ml401_leaves_keeps_the_url_beside_it(registry):
    # through a name into a class named like OpenAI, or through a constant the module sets:
    # ML401 keeps OPENAI_API_KEY, so the URL stays OpenAI's with it
    text = (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'KEY = os.getenv("OPENAI_API_KEY")\n'
        'KEY_VAR = "OPENAI_API_KEY"\n'
        "os.environ[KEY_VAR] = settings.key\n"
        'chat = OpenAIProvider(api_key=KEY, base_url="https://api.openai.com/v1")\n'
        'other = OpenAIProvider(api_key=os.getenv(KEY_VAR), base_url="https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    stays = "line {}, from OPENAI_API_KEY, which stays"
    assert [row for row in rows if row[2] == "ML402"] == [
        (8, 45, "ML402", "warning", "manual", HELD.format(stays.format(8))),
        (9, 61, "ML402", "warning", "manual", HELD.format(stays.format(9))),
    ]
    assert [row[:5] for row in rows if row[2] != "ML402"] == [
        (5, 7, "ML401", "warning", "manual"),  # "...named like OpenAI..."
        (6, 11, "ML401", "warning", "manual"),  # "...which the module also sets"
        (7, 1, "ML404", "error", "manual"),
    ]
    assert after == text


def test_a_key_read_through_a_constant_ml401_renames_goes_with_the_url(registry):
    text = (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'KEY_VAR = "OPENAI_API_KEY"\n'
        'chat = OpenAIProvider(api_key=os.getenv(KEY_VAR), base_url="https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert [row[:5] for row in rows] == [
        (5, 11, "ML401", "warning", "safe"),
        (6, 60, "ML402", "warning", "safe"),
    ]
    assert after == (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'KEY_VAR = "ACME_API_KEY"\n'
        "chat = OpenAIProvider(\n"
        "    api_key=os.getenv(KEY_VAR),\n"
        f"    base_url={ACME_BASE},\n)\n"
    )


def test_a_literal_key_argument_beside_an_openai_url(registry):
    text = (
        "from rag import Embedder\n\n"
        'local = Embedder(base_url="https://api.openai.com/v1", api_key="EMPTY")\n'
        'real = Embedder(base_url="https://api.openai.com/v1", '
        'api_key="sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6")\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert rows == [
        (3, 27, "ML402", "warning", "safe", URL_SWITCHED.format("")),
        (
            3,
            64,
            "ML402",
            "error",
            "review",
            "api_key= is a literal key beside the OpenAI URL on line 3, which apply points at "
            "Acme Cloud: the key would go there too; the argument reads ACME_API_KEY instead",
        ),
        (4, 26, "ML402", "warning", "manual", HELD.format("line 4")),
        (
            4,
            63,
            "ML004",
            "error",
            "manual",
            "hard-coded API key sk-pr…D6; read it from ACME_API_KEY and rotate it",
        ),
    ]
    assert after == (
        "import os\n\nfrom rag import Embedder\n\n"
        "local = Embedder(\n"
        f"    base_url={ACME_BASE},\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
        + text.splitlines(keepends=True)[3]
    )


def test_an_empty_string_beside_an_openai_url_is_no_key(registry):
    # private-gpt: `api_key=""` was "a literal key" and read ZAI_API_KEY instead
    text = (
        "from rag import Embedder\n\n"
        'local = Embedder(base_url="https://api.openai.com/v1", api_key="")\n'
        'PLATFORM = {"api_base_url": "https://api.openai.com/v1", "api_key": "", "key": ""}\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert rows == [
        (3, 27, "ML402", "warning", "safe", URL_SWITCHED.format("")),
        (4, 29, "ML402", "warning", "safe", URL_SWITCHED.format("")),
    ]
    assert after == (
        "import os\n\nfrom rag import Embedder\n\n"
        f'local = Embedder(\n    base_url={ACME_BASE}, api_key=""\n)\n'
        f'PLATFORM = {{\n    "api_base_url": {ACME_BASE},\n    "api_key": "",\n    "key": "",\n}}\n'
    )


TEST_DATA = (
    "OpenAI URL https://api.openai.com/v1 given to {}(), the project's own, in a test: test data "
    "for the project's handling of OpenAI's URL, with no OpenAI key beside it; left (switched, "
    "the test would check something else)"
)


def test_an_openai_url_given_to_the_projects_code_in_a_test_is_test_data(registry):
    # private-gpt's test of its OpenAI branch: switched, with its "" key read from ZAI_API_KEY,
    # the test that passed before apply failed after it
    text = (
        "from dataclasses import dataclass\n\n\n"
        "@dataclass\nclass Cfg:\n    api_base: str\n    api_key: str\n\n\n"
        "def _settings(*, api_base, api_key):\n    return Cfg(api_base=api_base, api_key=api_key)\n"
        "\n\ndef test_real_openai_endpoint_keeps_empty_key():\n"
        '    s = _settings(api_base="https://api.openai.com/v1", api_key="")\n'
        '    assert s.api_key == ""\n'
        "\n\ndef test_cfg():\n"
        '    assert Cfg("https://api.openai.com/v1", "").api_key == ""\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert after == text
    assert rows == [
        (15, 28, "ML402", "note", "none", TEST_DATA.format("_settings")),
        (20, 16, "ML402", "note", "none", TEST_DATA.format("Cfg")),
    ]


def test_test_data_is_known_by_the_file_name_and_an_openai_key_read_is_no_data(registry):
    text = (
        "import os\n\n\ndef make(api_base, api_key=None):\n    return [api_base, api_key]\n\n\n"
        'DATA = make(api_base="https://api.openai.com/v1")\n'
        'LIVE = make(api_base="https://api.openai.com/v1", api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    for path in ("tests/test_settings.py", "pkg/settings_test.py", "conftest.py", "app.py"):
        found = check_python(text, ctx, PYTHON_RULES, path=path)
        rows = [(f.line, f.rule, f.severity.value, f.fix.value) for f in found]
        if path == "app.py":
            assert rows[0] == (8, "ML402", "warning", "safe")
        else:
            assert rows[0] == (8, "ML402", "note", "none")
            assert found[0].message == TEST_DATA.format("make")
        # the key read goes to the provider with the URL, in a test too
        assert rows[1:] == [(9, "ML402", "warning", "safe"), (9, "ML402", "warning", "safe")]


def test_a_key_read_beside_a_url_without_a_provider_or_in_a_client_or_framework(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\nfrom langchain_openai import ChatOpenAI\n"
        "from rag import Embedder\n\n"
        'e = Embedder(base_url="https://api.openai.com/v1", api_key=os.getenv("OPENAI_API_KEY"))\n'
        'c = OpenAI(base_url="https://api.openai.com/v1", api_key=os.getenv("OPENAI_API_KEY"))\n'
        'l = ChatOpenAI(base_url="https://api.openai.com/v1", '
        'api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    rows = [
        (f.line, f.rule, f.fix.value, f.message)
        for f in findings(registry, text, provider=None, rules=ENVIRONMENT_RULES)
    ]
    assert rows[:2] == [
        (
            7,
            "ML402",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; the provider's base URL replaces it",
        ),
        (
            7,
            "ML402",
            "safe",
            "reads OPENAI_API_KEY for api_key= beside the OpenAI URL on line 7, which apply "
            "points at the provider: the OpenAI key would go there too; it reads the "
            "provider's key variable instead",
        ),
    ]
    # the SDK's client and the frameworks' classes are their rules': ML401 reads the key
    assert sorted(r[:3] for r in rows[2:]) == [
        (8, "ML401", "safe"),
        (9, "ML401", "safe"),
        (9, "ML402", "safe"),
    ]


APP = """import os

from service import OpenAIService

service = OpenAIService(api_key=os.getenv("OPENAI_API_KEY"), base_url="https://api.openai.com/v1")
print(service.ask("hi"))
"""
SERVICE = """from openai import OpenAI


class OpenAIService:
    def __init__(self, api_key, base_url):
        self.client = OpenAI(api_key=api_key, base_url=base_url)

    def ask(self, text):
        reply = self.client.chat.completions.create(
            model="qwen-plus", messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content
"""


def test_check_fails_until_the_key_read_and_the_url_are_switched_together(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "service.py").write_text(SERVICE)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", "-p", "qwen", "app.py"])
    assert before.exit_code == 1
    # switched by hand one without the other: still failing
    url_only = APP.replace('"https://api.openai.com/v1"', 'os.environ["DASHSCOPE_BASE_URL"]')
    (tmp_path / "app.py").write_text(url_only)
    assert runner.invoke(app, ["check", "-p", "qwen", "app.py"]).exit_code == 1
    (tmp_path / "app.py").write_text(APP.replace("OPENAI_API_KEY", "DASHSCOPE_API_KEY"))
    assert runner.invoke(app, ["check", "-p", "qwen", "app.py"]).exit_code == 1
    (tmp_path / "app.py").write_text(APP)
    assert runner.invoke(app, ["apply", "-p", "qwen", "--yes", "app.py"]).exit_code == 0
    assert 'api_key=os.getenv("DASHSCOPE_API_KEY")' in (tmp_path / "app.py").read_text()
    after = runner.invoke(app, ["check", "-p", "qwen", "app.py"])
    assert after.exit_code == 0, after.stdout
    run_on_provider(Path("app.py"), tmp_path, registry.get("qwen"), server, tmp_path / "guard")
    [request] = server.requests
    assert request.headers["authorization"] == "Bearer test-key"  # the provider's key


# -- a write of the key variable that a test of it guards (ML401, ML404) -----------------------


def guarded_write(test_line: int, value: str) -> str:
    return (
        f"sets OPENAI_API_KEY where the test on line {test_line} reads it: both name "
        f"ACME_API_KEY now, so what is stored here ({value}) must be Acme Cloud's key"
    )


def guarded_read(write_line: int) -> str:
    return (
        f"reads OPENAI_API_KEY; {SWITCHED_KEY}: the write it guards (line {write_line}) is "
        "renamed with it"
    )


def test_a_guarded_write_of_a_key_the_program_loads_is_renamed_with_its_test(registry):
    # marvin: only the test was renamed, so the program checked one variable and set another
    text = (
        "import os\n\n"
        'if not os.getenv("OPENAI_API_KEY"):\n'
        '    os.environ["OPENAI_API_KEY"] = open("key.txt").read()\n'
        'if "OPENAI_API_KEY" not in os.environ or not os.environ["OPENAI_API_KEY"]:\n'
        '    with open(".key") as f:\n'
        '        os.environ.setdefault("OPENAI_API_KEY", f.read().strip())\n'
        'if os.environ.get("OPENAI_API_KEY"):\n'
        '    print("set")\nelse:\n'
        '    os.environ.update(OPENAI_API_KEY=vault.secret("llm"))\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert rows == [
        (3, 8, "ML401", "warning", "safe", guarded_read(4)),
        (4, 5, "ML404", "warning", "review", guarded_write(3, 'open("key.txt").read()')),
        (5, 4, "ML401", "warning", "safe", guarded_read(7)),
        (5, 46, "ML401", "warning", "safe", guarded_read(7)),
        (7, 9, "ML404", "warning", "review", guarded_write(5, "f.read().strip()")),
        (8, 4, "ML401", "warning", "safe", guarded_read(11)),
        (11, 5, "ML404", "warning", "review", guarded_write(8, 'vault.secret("llm")')),
    ]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")


def test_a_guarded_write_of_an_openai_key_is_left_with_its_test(registry):
    text = (
        "import os\n\n"
        'if not os.getenv("OPENAI_API_KEY"):\n'
        '    os.environ["OPENAI_API_KEY"] = settings.openai_api_key\n'
        'if "OPENAI_API_KEY" not in os.environ:\n'
        '    os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    left = (
        "sets OPENAI_API_KEY where the test on line {} reads it: the value is an OpenAI key and "
        "is not copied to ACME_API_KEY, and the test keeps OPENAI_API_KEY with it; set "
        "ACME_API_KEY from Acme Cloud's console instead, then point both at it, by hand"
    )
    assert rows == [
        (4, 5, "ML404", "error", "manual", left.format(3)),
        (6, 5, "ML404", "error", "manual", left.format(5)),
    ]
    assert after == text


def test_a_guarded_literal_key_is_removed_and_a_typed_key_renamed_as_before(registry):
    text = (
        "import getpass\nimport os\n\n"
        'if not os.getenv("OPENAI_API_KEY"):\n'
        '    os.environ["OPENAI_API_KEY"] = "sk-proj-0123456789abcdefghijKLMN"\n'
        'if not os.getenv("OPENAI_API_KEY"):\n'
        '    os.environ["OPENAI_API_KEY"] = getpass.getpass("Key: ")\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:5] for row in rows] == [
        (4, 8, "ML401", "warning", "safe"),
        (5, 5, "ML404", "error", "review"),  # removed: the test alone is left
        (6, 8, "ML401", "warning", "safe"),
        (7, 5, "ML404", "warning", "safe"),
    ]
    assert rows[0][5] == f"reads OPENAI_API_KEY; {SWITCHED_KEY}"
    assert after == (
        "import getpass\nimport os\n\n"
        'if not os.getenv("ACME_API_KEY"):\n'
        "    pass\n"
        'if not os.getenv("ACME_API_KEY"):\n'
        '    os.environ["ACME_API_KEY"] = getpass.getpass("Key: ")\n'
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [('open("key.txt").read()', 0), ("settings.openai_api_key", 1)],
)
def test_check_after_apply_on_a_guarded_write(registry, tmp_path, monkeypatch, value, code):
    text = (
        "import os\n\n"
        'if not os.getenv("OPENAI_API_KEY"):\n'
        f'    os.environ["OPENAI_API_KEY"] = {value}\n'
    )
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["check", "-p", "qwen", "app.py"]).exit_code == 1
    assert runner.invoke(app, ["apply", "-p", "qwen", "--yes", "app.py"]).exit_code == 0
    after = (tmp_path / "app.py").read_text()
    assert after == (text.replace("OPENAI_API_KEY", "DASHSCOPE_API_KEY") if code == 0 else text)
    assert runner.invoke(app, ["check", "-p", "qwen", "app.py"]).exit_code == code


@pytest.mark.parametrize(
    ("test", "found"),
    [
        # None counted as OpenAI's too: apply's fallback makes it the provider's (t55a D4,
        # tests/test_none_as_openai_url.py)
        (
            'base_url is None or base_url.startswith("https://api.openai.com/v1")',
            ("ML402", "warning", "manual"),
        ),
        ('base_url == "https://api.openai.com/v1"', ("ML402", "note", "none")),
        ('"https://api.openai.com/v1" != base_url', ("ML402", "note", "none")),
    ],
)
def test_a_test_of_whether_a_url_is_openais_keeps_openais_url(registry, test, found):
    # khoj's is_openai_api(): with the provider's URL in it, the provider got the Responses
    # API and OpenAI's reasoning arguments
    text = f"def is_openai_api(base_url=None):\n    return {test}\n"
    rows, after = migrate(registry, text)
    assert after == text
    assert [row[2:5] for row in rows] == [found]


def test_a_guard_that_keeps_what_it_read_in_a_name_is_a_guard(registry):
    # marvin's slackbot: `if not (k := os.getenv(...))`
    text = (
        "import os\n\n"
        'if not (key := os.getenv("OPENAI_API_KEY")):\n'
        '    os.environ["OPENAI_API_KEY"] = key = open("key.txt").read()\n'
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert [row[2:5] for row in rows] == [
        ("ML401", "warning", "safe"),
        ("ML404", "warning", "review"),
    ]
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")


def test_the_writes_a_guard_holds_are_not_searched_for_each_guard(registry, monkeypatch):
    """Each test read every write of the module for those in its branches: a module of
    thousands of guarded writes took minutes. The writes are listed once."""
    from migrate_llm.rules import env_writes

    asked = []
    original = env_writes.direct_source

    def counting(names, access):
        asked.append(access)
        return original(names, access)

    monkeypatch.setattr(env_writes, "direct_source", counting)
    count = 40
    text = "import os\n" + "".join(
        f"\n\ndef load_{i}():\n"
        '    if not os.getenv("OPENAI_API_KEY"):\n'
        f'        os.environ["OPENAI_API_KEY"] = open("key{i}.txt").read()\n'
        for i in range(count)
    )
    rows, after = migrate(registry, text, rules=PYTHON_RULES)
    assert [row[:5] for row in rows[:2]] == [
        (5, 12, "ML401", "warning", "safe"),
        (6, 9, "ML404", "warning", "review"),
    ]
    assert rows[1][5] == guarded_write(5, 'open("key0.txt").read()')
    assert len(rows) == 2 * count
    assert after == text.replace("OPENAI_API_KEY", "ACME_API_KEY")
    # each access once (is it a tested read?), each write once more (whose is it?); the
    # migrated text, which `migrate` scans again, has no guard of an OpenAI variable
    assert len(asked) == 3 * count


SETTINGS_OF_ANOTHER_BASE = (
    "from pydantic_settings import SettingsConfigDict\n"
    "from app.base import LLMConfig\n"
    "class GPTConfig(LLMConfig):\n"
    '    model_config = SettingsConfigDict(env_prefix="OPENAI_")\n'
    '    api_key: str = "xxx"\n'
    "class Local(GPTConfig):\n"
    "    class Config:\n"
    '        env_prefix = "OPENAI_"\n'
    "    org_id: str = None\n"
    "class Plain(LLMConfig):\n"
    '    api_key: str = "xxx"\n'
)


def test_a_settings_class_is_known_by_its_env_prefix_and_its_bases_in_the_module(registry):
    # langroid: `OpenAIGPTConfig(LLMConfig)` derives from a settings class of another module and
    # reads OPENAI_API_KEY through its `env_prefix`; its placeholder key went to the provider
    rows, after = migrate(registry, SETTINGS_OF_ANOTHER_BASE)
    assert [r[:5] for r in rows] == [
        (5, 5, "ML401", "warning", "review"),
        (9, 5, "ML401", "warning", "manual"),
    ]
    assert rows[0][5] == (
        f"settings field GPTConfig.api_key reads OPENAI_API_KEY; {SWITCHED_KEY}: the field reads "
        "it by validation_alias= (code building `GPTConfig(api_key=...)` must then pass it by the "
        "alias, `GPTConfig(ACME_API_KEY=...)`: populate_by_name=True would read OPENAI_API_KEY "
        "again)"
    )
    assert rows[1][5].startswith("settings field Local.org_id reads OPENAI_ORG_ID; ")
    assert after == SETTINGS_OF_ANOTHER_BASE.replace(
        "from pydantic_settings import SettingsConfigDict\n",
        "from typing import Annotated\n\nfrom pydantic import Field\n"
        "from pydantic_settings import SettingsConfigDict\n",
    ).replace(
        '    api_key: str = "xxx"\nclass Local',
        '    api_key: Annotated[str, Field(validation_alias="ACME_API_KEY")] = "xxx"\nclass Local',
    )


SETTINGS_BUILT_BY_NAME = (
    "from pydantic_settings import BaseSettings, SettingsConfigDict\n"
    "class Cfg(BaseSettings):\n"
    '    model_config = SettingsConfigDict(env_prefix="OPENAI_")\n'
    '    api_key: str = ""\n'
    "    api_base: str | None = None\n"
    "    organization: str | None = None\n"
    "class Team(Cfg):\n"
    "    pass\n"
    "def ask(key='', base=None):\n"
    "    cfg = Cfg(api_key=key, api_base=base) if key else Cfg()\n"
    "    team = Team(**{'organization': 'x'})\n"
    "    return cfg, team\n"
)


def by_name(field: str, line: int, value: str, cls: str = "Cfg") -> str:
    alias = "ACME_API_KEY" if value == "key" else "ACME_BASE_URL"
    return (
        f"not switched: the call on line {line} passes it by name (`{cls}({field}=...)`), which "
        f'the alias would refuse; give the field validation_alias="{alias}" and pass it there by '
        f"that name, `{cls}({alias}=...)`, or keep the field and pass it Acme Cloud's {value} "
        "explicitly, by hand"
    )


def test_a_settings_field_the_module_builds_by_its_name_keeps_it(registry):
    # langroid re-run: `OpenAIGPTConfig(api_key=..., api_base=...)`; given validation_alias=, the
    # call stopped with "Extra inputs are not permitted", and check passed
    rows, after = migrate(registry, SETTINGS_BUILT_BY_NAME)
    assert after == SETTINGS_BUILT_BY_NAME
    assert [r[:5] for r in rows] == [
        (4, 5, "ML401", "warning", "manual"),
        (5, 5, "ML401", "warning", "manual"),
        (6, 5, "ML401", "warning", "manual"),
    ]
    assert rows[0][5] == (
        f"settings field Cfg.api_key reads OPENAI_API_KEY; {SWITCHED_KEY}: "
        + by_name("api_key", 10, "key")
    )
    assert rows[1][5] == (
        "settings field Cfg.api_base reads OPENAI_API_BASE; Acme Cloud's base URL is in "
        "ACME_BASE_URL (default https://api.acme.example/v1): "
        + by_name("api_base", 10, "base URL")
    )
    assert rows[2][5].startswith("settings field Cfg.organization reads OPENAI_ORGANIZATION; ")


@pytest.mark.parametrize(
    "call",
    [
        "Team(api_key=key)",
        'Team(**{"api_key": key})',
        'Team(**{"timeout": 3, "api_key": key})',
    ],
)
def test_a_subclass_or_a_dict_passing_a_settings_field_by_name_keeps_it(registry, call):
    text = (
        "from pydantic_settings import BaseSettings\n"
        "class Cfg(BaseSettings):\n"
        "    openai_api_key: str\n"
        "class Team(Cfg):\n"
        "    pass\n"
        f"team = {call.replace('api_key', 'openai_api_key')}\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            3,
            5,
            "ML401",
            "warning",
            "manual",
            f"settings field Cfg.openai_api_key reads OPENAI_API_KEY; {SWITCHED_KEY}: "
            + by_name("openai_api_key", 6, "key", cls="Team"),
        )
    ]


@pytest.mark.parametrize(
    "call",
    [
        "Cfg(debug=True)",  # another field
        "Cfg(ACME_API_KEY=key)",  # by the alias already
        "Cfg(**options)",  # what it holds is not shown
        "Other(openai_api_key=key)",  # a class that is not the settings one
        "Base(openai_api_key=key)",  # the class the field's class derives from
        "make.Cfg(openai_api_key=key)",  # another module's class
    ],
)
def test_a_settings_field_not_passed_by_name_to_its_class_is_aliased(registry, call):
    text = (
        "from pydantic_settings import BaseSettings, SettingsConfigDict\n"
        "class Base(BaseSettings):\n"
        "    debug: bool = False\n"
        "class Cfg(Base):\n"
        "    model_config = SettingsConfigDict(env_file='.env')\n"
        "    openai_api_key: str\n"
        "class Other:\n"
        "    pass\n"
        f"cfg = {call}\n"
    )
    rows, after = migrate(registry, text)
    assert [r[:5] for r in rows] == [(6, 5, "ML401", "warning", "review")]
    assert rows[0][5].endswith(
        "(code building `Cfg(openai_api_key=...)` must then pass it by the alias, "
        "`Cfg(ACME_API_KEY=...)`: populate_by_name=True would read OPENAI_API_KEY again)"
    )
    assert '    openai_api_key: str = Field(validation_alias="ACME_API_KEY")\n' in after


def test_a_pydantic_v1_settings_field_built_by_name_is_switched(registry):
    # `Field(env=...)` sets no alias: pydantic<2 still takes the field by its name
    text = (
        "from pydantic import BaseSettings\n"
        "class Cfg(BaseSettings):\n"
        "    openai_api_key: str\n"
        "cfg = Cfg(openai_api_key=key)\n"
    )
    rows, after = migrate(registry, text)
    assert rows == [
        (
            3,
            5,
            "ML401",
            "warning",
            "review",
            f"settings field Cfg.openai_api_key reads OPENAI_API_KEY; {SWITCHED_KEY}: the field "
            "reads it by env=",
        )
    ]
    assert after == text.replace(
        "from pydantic import BaseSettings\n", "from pydantic import BaseSettings, Field\n"
    ).replace("    openai_api_key: str\n", '    openai_api_key: str = Field(env="ACME_API_KEY")\n')


def test_a_bare_name_of_a_variable_the_module_reads_says_where(registry):
    # camel: `@api_keys_required([("api_key", "OPENAI_API_KEY")])` beside the read apply
    # switches; the decorator's check stopped every run (t60a A1): renamed with the read
    text = (
        "import os\n"
        '@require([("api_key", "OPENAI_API_KEY"), ("x", "OPENAI_ORG_ID")])\n'
        "def key():\n"
        '    return os.environ.get("OPENAI_API_KEY")\n'
    )
    rows = [(r[0], r[4], r[5]) for r in migrate(registry, text)[0]]
    assert rows == [
        (
            2,
            "safe",
            "names OPENAI_API_KEY in a decorator of `key`, whose read of it on line 4 apply "
            "renames to ACME_API_KEY: apply names ACME_API_KEY here too, so the decorator checks "
            "the variable the function reads",
        ),
        (
            2,
            "manual",
            "names OPENAI_ORG_ID, but the module does not show how it is used; an OpenAI-only "
            "setting; Acme Cloud has no equivalent",
        ),
        (4, "safe", f"reads OPENAI_API_KEY; {SWITCHED_KEY}"),
    ]


def test_a_removal_of_an_openai_variable_is_left(registry):
    # agno's examples put a key back with `os.environ.pop(...)`: renamed, the pop removed the
    # provider's key; langroid's tests got the provider's URL as a default to pop
    text = (
        "import os\n"
        'os.environ.pop("OPENAI_API_KEY", None)\n'
        'key = os.environ.pop("OPENAI_API_KEY", "")\n'
        'os.environ.pop("OPENAI_BASE_URL")\n'
        'del os.environ["OPENAI_API_KEY"]\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[:5] for r in rows] == [
        (2, 1, "ML401", "note", "none"),
        (3, 7, "ML401", "warning", "manual"),
        (4, 1, "ML401", "note", "none"),
        # aider's tests: renamed, the `del` raised KeyError on a variable they never set
        (5, 5, "ML401", "note", "none"),
    ]
    assert rows[0][5] == (
        "removes OPENAI_API_KEY from the environment; left as it is (renamed, it would remove "
        "Acme Cloud's variable)"
    )
    assert rows[1][5] == (
        "reads and removes OPENAI_API_KEY: renamed, it would remove Acme Cloud's variable from "
        "the environment; read that with os.environ.get and keep this removal, by hand"
    )


FAKE_ERRORS = """import httpx
import openai

URL = "https://api.openai.com/v1/chat/completions"


def fake_error(status):
    request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
    return openai.RateLimitError("slow down", response=httpx.Response(status, request=request), body=None)


TIMEOUT = openai.APITimeoutError(request=httpx.Request("POST", "https://api.openai.com/v1/chat/completions"))


def sent(client):
    request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
    return client.send(request)
"""


def test_a_request_object_only_handed_to_a_made_up_error_is_a_note(registry):
    """bilingual_book_maker's tests build the SDK's errors around `httpx.Request(URL)`: nothing
    is sent, so `check` does not stop there; a request object sent by a client does."""
    rows = [
        (f.line, f.severity.value, f.fix.value)
        for f in findings(registry, FAKE_ERRORS, rules=PYTHON_RULES)
        if f.rule == "ML402"
    ]
    assert rows == [
        (4, "warning", "manual"),
        (8, "note", "none"),
        (12, "note", "none"),
        (16, "warning", "manual"),
    ]
    assert migrate(registry, FAKE_ERRORS, rules=PYTHON_RULES)[1] == FAKE_ERRORS


# -- a key prompt's surroundings and its session state (t44c D1, D2) -------------------------


SIDEBAR = """import streamlit as st
from openai import OpenAI

with st.sidebar:
    key = st.text_input("API Key", type="password", help="Your OpenAI API key")
    "[Get an OpenAI API key](https://platform.openai.com/account/api-keys)"
    "[View the source code](https://github.com/streamlit/llm-examples)"
st.caption("powered by OpenAI LLM")
if not key:
    st.info("Please add your OpenAI API key to continue.")
    st.stop()
client = OpenAI(api_key=key)
"""


def test_the_texts_beside_a_typed_keys_prompt_are_reworded_or_left(registry):
    """streamlit/llm-examples (t44c D1): the prompt's help=, the link beside it in the
    sidebar and the text shown without a key told the person to get an OpenAI key, which
    then went to the provider, with check green. Texts not about the key stay."""
    rows, after = migrate(registry, SIDEBAR, "acme", PYTHON_RULES)
    beside = "and the key typed there goes to Acme Cloud"
    assert [(row[0], row[2], row[4], row[5]) for row in rows if beside in row[5]] == [
        (
            5,
            "ML001",
            "review",
            "the help= of the prompt on line 5, 'Your OpenAI API key', names OpenAI's key, "
            f'{beside}; apply writes "Your Acme Cloud API key"',
        ),
        (
            6,
            "ML001",
            "manual",
            "the text beside the prompt on line 5, '[Get an OpenAI API key]"
            "(https://platform.openai.com/account/api-keys)', names OpenAI's key, "
            f"{beside}: make it tell how to get an Acme Cloud key, by hand",
        ),
        (
            10,
            "ML001",
            "review",
            "the text shown when the key typed on line 5 fails its test, 'Please add your "
            f"OpenAI API key to continue.', names OpenAI's key, {beside}; apply writes "
            '"Please add your Acme Cloud API key to continue."',
        ),
    ]
    base = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
    assert after == "import os\n\n" + SIDEBAR.replace(
        'help="Your OpenAI API key"', 'help="Your Acme Cloud API key"'
    ).replace(
        '"Please add your OpenAI API key to continue."',
        '"Please add your Acme Cloud API key to continue."',
    ).replace("OpenAI(api_key=key)", f"OpenAI(\n    {base}, api_key=key\n)")


def test_check_fails_until_the_texts_beside_the_prompt_name_the_provider(registry, tmp_path):
    applied = (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.sidebar.text_input("Acme Cloud API Key", type="password")\n'
        'st.sidebar.markdown("[Get an OpenAI API key](https://platform.openai.com/account/api-keys)")\n'
        "client = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), api_key=key\n'
        ")\n"
    )
    (tmp_path / "app.py").write_text(applied)
    args = ["check", str(tmp_path), "--provider", "acme", "--format", "json", "--no-cache"]
    args += ["--providers-dir", str(Path(__file__).parent / "fixtures" / "providers")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"], f["fix"]) for f in report["findings"]] == [
        ("ML001", 7, "manual")
    ]
    (tmp_path / "app.py").write_text(
        applied.replace(
            "[Get an OpenAI API key](https://platform.openai.com/account/api-keys)",
            "[Get an Acme Cloud API key](https://console.acme.example/keys)",
        )
    )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "read",
    ["st.session_state.api_key", 'st.session_state["api_key"]', 'st.session_state.get("api_key")'],
)
def test_a_key_read_from_the_prompts_session_state_is_the_typed_key(registry, read):
    """streamlit/llm-examples (t44c D2): `text_input(..., key="api_key")` read back as
    `st.session_state.api_key` was not linked to its prompt: the label kept asking for an
    OpenAI key, which went to the provider, with check green."""
    text = (
        "import streamlit as st\nfrom openai import OpenAI\n\n"
        'st.sidebar.text_input("OpenAI API Key", key="api_key", type="password")\n'
        f"client = OpenAI(api_key={read})\n"
    )
    rows, after = migrate(registry, text, "acme", PYTHON_RULES)
    # `.get()` gives None until the box is drawn, and a client given None reads OPENAI_API_KEY
    unset = ".get(" in read
    assert [(row[0], row[2], row[4], row[5]) for row in rows] == [
        (
            4,
            "ML001",
            "review",
            "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes "
            'to Acme Cloud; apply writes "Acme Cloud API Key"',
        ),
        (
            5,
            "ML001",
            "review",
            "OpenAI() talks to OpenAI; for Acme Cloud the base URL comes from ACME_BASE_URL "
            "(default https://api.acme.example/v1) and the key typed at run time (line 4) goes "
            f"there{' (ACME_API_KEY where session state holds none yet)' if unset else ''}: "
            "the prompt must ask for an Acme Cloud key",
        ),
    ]
    key = f'{read} or os.environ.get("ACME_API_KEY", "unset")' if unset else read
    assert after == (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'st.sidebar.text_input("Acme Cloud API Key", key="api_key", type="password")\n'
        "client = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        f"    api_key={key},\n)\n"
    )


@pytest.mark.parametrize(
    "other",
    [
        'st.session_state.api_key = os.environ["OPENAI_API_KEY"]\n',  # not only typed
        'st.text_input("Other key", key="api_key")\n',  # two widgets with that key
    ],
)
def test_a_session_state_key_set_otherwise_is_not_the_typed_key(registry, other):
    text = (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'st.sidebar.text_input("OpenAI API Key", key="api_key", type="password")\n'
        f"{other}client = OpenAI(api_key=st.session_state.api_key)\n"
    )
    rows, _ = migrate(registry, text, "acme", PYTHON_RULES)
    assert not [row for row in rows if row[5].startswith("the prompt")]
    assert "key typed at run time" not in " ".join(row[5] for row in rows)


def test_a_sentence_naming_openais_host_in_a_docstring_is_not_an_endpoint(registry):
    # t49a: bilingual_book_maker's groq translator; its full stop was read as part of the URL
    text = (
        "def classify(key):\n"
        '    """Use our own client.\n\n'
        "    Inheriting the parent's would have posted a Groq key to\n"
        "    api.openai.com. So we do not.\n"
        '    """\n'
        "    return key\n"
    )
    assert [f for f in findings(registry, text) if f.rule == "ML402"] == []


def test_a_url_ending_a_sentence_is_reported_without_its_full_stop(registry):
    text = (
        "def ping():\n"
        '    """Never call https://api.openai.com/v1/models. It costs."""\n'
        '    raise RuntimeError("could not reach https://api.openai.com/v1/models.")\n'
    )
    found = [f for f in findings(registry, text) if f.rule == "ML402"]
    assert [(f.line, f.column, f.end_column, f.severity.value) for f in found] == [
        (2, 19, 51, "note"),
        (3, 41, 73, "warning"),
    ]
    assert {f.message for f in found} == {
        "hard-coded OpenAI URL https://api.openai.com/v1/models; replace it with Acme Cloud's "
        "base URL + /models by hand (https://api.acme.example/v1/models, the base URL read from "
        "ACME_BASE_URL): the base URL alone is no endpoint"
    }
