"""A program's own variable holding OpenAI's key by its name (bilingual_book_maker's
`BBM_OPENAI_API_KEY`, `OPENAI_API_KEY_2`) whose value goes to the provider: after `apply` it was
the fallback of the provider's key, so with only it set the OpenAI key went to DeepSeek, and
`check` passed. ML401 reports it (warning, manual) and never edits it. Exact text, fix
classes, and `check` on the trial's repro shape through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.key_aliases import openai_key_alias

ACME_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
CHAIN_TAIL = "remove it from the chain or point it at a variable holding Acme Cloud's key, by hand"


def migrate(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    return change, again


def env_rows(findings):
    return [
        (f.line, f.severity.value, f.fix.value, f.message) for f in findings if f.rule == "ML401"
    ]


# the trial's r2: the key read in `main`, handed to a function building the client
REPRO = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def translate(key, model, text):\n"
    "    client = OpenAI(api_key=key)\n"
    '    r = client.chat.completions.create(model=model, messages=[{"role": "user", '
    '"content": text}])\n'
    "    return r.choices[0].message.content\n\n\n"
    'if __name__ == "__main__":\n'
    '    key = os.environ.get("OPENAI_API_KEY") or os.environ.get("BBM_OPENAI_API_KEY")\n'
    '    print(translate(key, os.environ.get("MODEL", "deepseek-flash"), "hi"))\n'
)


def test_a_fallback_beside_the_switched_key_is_reported_before_and_after_apply(registry):
    change, again = migrate(registry, REPRO)
    assert env_rows(change.findings) == [
        (
            13,
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            13,
            "warning",
            "manual",
            "reads BBM_OPENAI_API_KEY, which holds an OpenAI key by its name; it goes to Acme "
            "Cloud with the key apply switches (OPENAI_API_KEY, to ACME_API_KEY): " + CHAIN_TAIL,
        ),
    ]
    alias = next(f for f in change.findings if "BBM_" in f.message)
    assert alias.edit is None and alias.data == {"variable_from": "BBM_OPENAI_API_KEY"}
    # the read stays as it is: nothing is removed or renamed for a person
    assert (
        '    key = os.environ.get("ACME_API_KEY") or os.environ.get("BBM_OPENAI_API_KEY")\n'
        in change.after
    )
    assert 'api_key=key or os.environ.get("ACME_API_KEY", "unset")' in change.after
    assert env_rows(again.findings) == [
        (
            16,
            "warning",
            "manual",
            "reads BBM_OPENAI_API_KEY, which holds an OpenAI key by its name; it goes to Acme "
            "Cloud with Acme Cloud's key (ACME_API_KEY): " + CHAIN_TAIL,
        )
    ]


def test_check_fails_on_the_repro_until_the_fallback_is_removed(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(REPRO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(app, ["apply", "app.py", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert 'os.environ.get("DEEPSEEK_API_KEY") or os.environ.get("BBM_OPENAI_API_KEY")' in migrated
    check = runner.invoke(app, ["check", "app.py", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert check.stdout == (
        "app.py:16:49 ML401 reads BBM_OPENAI_API_KEY, which holds an OpenAI key by its name; it "
        "goes to DeepSeek with DeepSeek's key (DEEPSEEK_API_KEY): remove it from the chain or "
        "point it at a variable holding DeepSeek's key, by hand\n"
        "1 finding for deepseek in 1 of 1 file; 0 error, 1 warning, 0 note\n"
    )
    fixed = migrated.replace(' or os.environ.get("BBM_OPENAI_API_KEY")', "")
    (tmp_path / "app.py").write_text(fixed, encoding="utf-8")
    assert runner.invoke(app, ["check", "app.py", "--provider", "deepseek"]).exit_code == 0


# a client that reads the alias directly, with no chain: the key it is handed is kept
HANDED = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def make(key):\n"
    "    return OpenAI(api_key=key)\n\n\n"
    'client = make(os.getenv("MYAPP_OPENAI_KEY"))\n'
)


def test_a_lone_alias_handed_to_a_client_apply_moves_is_reported(registry):
    change, again = migrate(registry, HANDED)
    assert env_rows(change.findings) == [
        (
            10,
            "warning",
            "manual",
            "reads MYAPP_OPENAI_KEY, which holds an OpenAI key by its name; it goes to Acme Cloud "
            "as the key of OpenAI() on line 7, which apply points at Acme Cloud: point it at a "
            "variable holding Acme Cloud's key, by hand",
        )
    ]
    assert env_rows(again.findings) == [
        (
            13,
            "warning",
            "manual",
            "reads MYAPP_OPENAI_KEY, which holds an OpenAI key by its name; it goes to Acme Cloud "
            "as the key of OpenAI() on line 7, which talks to Acme Cloud: point it at a "
            "variable holding Acme Cloud's key, by hand",
        )
    ]


def test_an_openai_named_alias_as_a_default_gets_this_message(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(key):\n"
        "    return OpenAI(api_key=key)\n\n\n"
        'client = make(os.getenv("OPENAI_API_KEY", os.getenv("OPENAI_API_KEY_2")))\n'
    )
    change, again = migrate(registry, text)
    assert env_rows(change.findings)[1:] == [
        (
            10,
            "warning",
            "manual",
            "reads OPENAI_API_KEY_2, which holds an OpenAI key by its name; it goes to Acme "
            "Cloud with the key apply switches (OPENAI_API_KEY, to ACME_API_KEY): " + CHAIN_TAIL,
        )
    ]
    assert 'os.getenv("ACME_API_KEY", os.getenv("OPENAI_API_KEY_2"))' in change.after
    assert [r[3] for r in env_rows(again.findings)] == [
        "reads OPENAI_API_KEY_2, which holds an OpenAI key by its name; it goes to Acme Cloud "
        "with Acme Cloud's key (ACME_API_KEY): " + CHAIN_TAIL
    ]


def test_a_chain_whose_use_the_module_does_not_show_is_reported(registry):
    """bilingual_book_maker's shape: `:=` in a test, the key handed to an imported class."""
    text = (
        "from os import environ as env\n\nfrom .translator import Translator\n\n\n"
        "def main(options):\n"
        '    if key := (options.key or env.get("OPENAI_API_KEY") or env.get("BBM_OPENAI_API_KEY")):\n'
        "        Translator(key).run()\n"
    )
    change, again = migrate(registry, text)
    assert [r[:3] for r in env_rows(change.findings)] == [
        (7, "warning", "safe"),
        (7, "warning", "manual"),
    ]
    assert [r[3] for r in env_rows(again.findings)] == [
        "reads BBM_OPENAI_API_KEY, which holds an OpenAI key by its name; it goes to Acme Cloud "
        "with Acme Cloud's key (ACME_API_KEY): " + CHAIN_TAIL
    ]


OWN_SERVER = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def make(key):\n"
    '    return OpenAI(base_url=os.environ["VLLM_OPENAI_API_BASE"], api_key=key)\n\n\n'
)


@pytest.mark.parametrize(
    ("provider", "text"),
    [
        # the program's own server: its own base URL and key variables (vLLM)
        (
            "acme",
            "import os\n\nfrom openai import OpenAI\n\n"
            'client = OpenAI(base_url=os.environ["VLLM_OPENAI_API_BASE"], '
            'api_key=os.environ.get("VLLM_OPENAI_API_KEY"))\n',
        ),
        (
            "acme",
            OWN_SERVER
            + 'client = make(os.getenv("OPENAI_API_KEY") or os.getenv("VLLM_OPENAI_API_KEY"))\n',
        ),
        # as it reads once migrated: the provider's key beside it, for that same server
        (
            "acme",
            OWN_SERVER
            + 'client = make(os.getenv("ACME_API_KEY") or os.getenv("VLLM_OPENAI_API_KEY"))\n',
        ),
        # a class apply leaves on OpenAI (DeepSeek has no embeddings)
        (
            "deepseek",
            "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n\n"
            "def embedder(key):\n"
            '    return OpenAIEmbeddings(model="text-embedding-3-small", api_key=key)\n\n\n'
            'one = embedder(os.getenv("MYAPP_OPENAI_KEY"))\n'
            'two = embedder(os.getenv("OPENAI_API_KEY") or os.getenv("MYAPP_OPENAI_KEY"))\n',
        ),
        # a key apply replaces with the provider's variable (after apply: a name nothing uses)
        (
            "acme",
            "import os\n\nfrom openai import OpenAI\n\n"
            'key = os.getenv("OPENAI_API_KEY") or os.getenv("BBM_OPENAI_API_KEY")\n'
            "client = OpenAI(api_key=key)\n",
        ),
        (
            "acme",
            "import os\n\nfrom openai import OpenAI\n\n"
            'client = OpenAI(api_key=os.getenv("MYAPP_OPENAI_KEY"))\n',
        ),
        # only tested
        (
            "acme",
            "import os\n\n"
            'if os.getenv("OPENAI_API_KEY") or os.getenv("BBM_OPENAI_API_KEY"):\n'
            '    print("ready")\n',
        ),
    ],
)
def test_an_alias_that_does_not_go_to_the_provider_is_not_this_finding(registry, provider, text):
    change, again = migrate(registry, text, provider)
    for findings in (change.findings, again.findings):
        assert not [r for r in env_rows(findings) if "holds an OpenAI key" in r[3]]


def test_a_replaced_key_leaves_the_openai_named_alias_as_it_was(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'key = os.getenv("OPENAI_API_KEY") or os.getenv("OPENAI_KEY")\n'
        "client = OpenAI(api_key=key)\n"
    )
    change, _ = migrate(registry, text)
    assert env_rows(change.findings)[1] == (
        5,
        "warning",
        "manual",
        "reads OPENAI_KEY, OpenAI's key by its name, beside OPENAI_API_KEY, which this module "
        "also reads (renamed to ACME_API_KEY): renamed too, both would read ACME_API_KEY; keep "
        "one read of ACME_API_KEY, by hand",
    )


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("BBM_OPENAI_API_KEY", True),
        ("MYAPP_OPENAI_KEY", True),
        ("OPENAI_API_KEY_2", True),
        ("OPENAI_API_KEY2", True),
        ("APP_OPENAI_TOKEN", True),
        ("VLLM_OPENAI_API_KEY", True),
        ("OPENAI_KEY", True),
        ("OPENAI_API_KEY", False),  # OpenAI's own
        ("AZURE_OPENAI_API_KEY", False),
        ("AZURE_OPENAI_KEY", False),  # Azure's
        ("OPENAI_API_KEY_FILE", False),
        ("OPENAI_TOKEN_LIMIT", False),
        ("MAX_OPENAI_TOKEN", False),
        ("OPENAI_KEYWORDS", False),
        ("OPENAI_API_BASE", False),
        ("BBM_DEEPSEEK_API_KEY", False),
    ],
)
def test_names_holding_openais_key(name, alias):
    assert openai_key_alias(name) is alias
