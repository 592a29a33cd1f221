"""A notebook's key cell (`OPENAI_API_KEY = "YOUR API KEY HERE"`, then `OpenAI(api_key=
OPENAI_API_KEY)`) stays the place the reader pastes the key: where it holds a stand-in,
`apply` renames it to the provider's key variable's name with a stand-in naming the provider,
and the client reads it with the provider's base URL (ML001). A value that may be a key, a
variable read otherwise, and scripts keep reading the provider's environment variable.

The trial's defect (t51c, gpt_planner and the Claude conversion notebook of
mshumer/gpt-prompt-engineer on moonshot): the client was made to read
`os.environ.get("MOONSHOT_API_KEY", "unset")` and the cell the notebook tells its reader to
fill was no longer read: a Colab user pasting the key there got 401 for "Bearer unset"."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.formats.notebook import read_notebook
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .notebook_builder import STYLES, cell, notebook
from .program_runner import run_python
from .test_e2e_app import HTTPX_ALIAS, clean_env
from .test_notebook_e2e import RUNNER

REQUEST = (
    "def plan(query):\n"
    "    reply = client.chat.completions.create(\n"
    '        model="gpt-4o-mini", messages=[{"role": "user", "content": query}]\n'
    "    )\n"
    "    return reply.choices[0].message.content"
)
# gpt_planner.ipynb's first cells
PLANNER = (
    cell("# GPT planner", kind="markdown"),
    cell('!pip install openai\n\nOPENAI_API_KEY = "YOUR API KEY"'),
    cell("import openai\n\nclient = openai.OpenAI(api_key=OPENAI_API_KEY)\n\n" + REQUEST),
)
PLANNER_AFTER = (
    PLANNER[0],
    cell('!pip install openai\n\nACME_API_KEY = "your Acme Cloud API key"'),
    cell(
        "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
        "api_key=ACME_API_KEY\n)\n\n" + REQUEST.replace('model="gpt-4o-mini"', 'model="acme-small"')
    ),
)


def migrate(registry, text: str, name: str = "planner.ipynb", provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    kind = "notebook" if name.endswith(".ipynb") else "python"
    change = FileScanner(ctx, Path(".")).migrate_text(text, kind, name, name)
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, kind, name, name)
    assert again.after == change.after  # a second apply changes nothing
    assert [f for f in again.findings if f.edit is not None] == []
    return change


@pytest.mark.parametrize("style", ["jupyter", "vscode", "crlf"])
def test_the_key_cell_is_renamed_and_read(registry, style):
    write = STYLES[style]
    change = migrate(registry, write(notebook(*PLANNER)))
    assert change.after == write(notebook(*PLANNER_AFTER))
    found = [
        (f.rule, f.cell, f.line, f.column, f.severity.value, f.fix.value, f.message, f.data)
        for f in change.findings
        if f.rule == "ML001"
    ]
    assert found == [
        (
            "ML001",
            2,
            3,
            1,
            "warning",
            "safe",
            "OPENAI_API_KEY holds a stand-in for the key the notebook's reader pastes, which "
            "OpenAI() on cell 3, line 3 takes: apply renames it ACME_API_KEY, its stand-in "
            "naming Acme Cloud, and points the client at Acme Cloud reading it",
            {
                "key_variable_from": "OPENAI_API_KEY",
                "key_variable_to": "ACME_API_KEY",
                "program_key": "ACME_API_KEY",
                "file_line": found[0][7]["file_line"],
            },
        ),
        (
            "ML001",
            3,
            3,
            10,
            "error",
            "review",
            "OpenAI() talks to OpenAI (key from `OPENAI_API_KEY`); for Acme Cloud read the base "
            "URL from ACME_BASE_URL (default https://api.acme.example/v1) and the key from the "
            "notebook's variable ACME_API_KEY (OPENAI_API_KEY on cell 2, line 3, renamed): "
            "paste your Acme Cloud key there",
            {
                "client": "OpenAI",
                "key_env": "ACME_API_KEY",
                "base_url_env": "ACME_BASE_URL",
                "base_url": "https://api.acme.example/v1",
                "key_variable_from": "OPENAI_API_KEY",
                "key_variable_to": "ACME_API_KEY",
                "file_line": found[1][7]["file_line"],
            },
        ),
    ]


def test_the_exact_bytes_of_the_claude_notebooks_key_cell(registry):
    """Two key cells side by side (the Anthropic one is left), a comment asking for the OpenAI
    key: OpenAI's name goes from it, which keeps the line short."""
    before = notebook(
        cell(
            "!pip install openai\n\n"
            'OPENAI_API_KEY = "YOUR API KEY HERE" # enter your OpenAI API key here\n'
            'ANTHROPIC_API_KEY = "YOUR API KEY HERE" # enter your Anthropic API key here'
        ),
        cell("from openai import OpenAI\n\nclient = OpenAI(api_key=OPENAI_API_KEY)"),
    )
    text = json.dumps(before, indent=1, ensure_ascii=False) + "\n"
    change = migrate(registry, text, provider="moonshot")
    assert change.after == (
        "{\n"
        ' "cells": [\n'
        "  {\n"
        '   "id": "cell-1",\n'
        '   "cell_type": "code",\n'
        '   "execution_count": null,\n'
        '   "metadata": {},\n'
        '   "outputs": [],\n'
        '   "source": [\n'
        '    "!pip install openai\\n",\n'
        '    "\\n",\n'
        '    "MOONSHOT_API_KEY = \\"your Moonshot AI (Kimi) API key\\" # enter your API key '
        'here\\n",\n'
        '    "ANTHROPIC_API_KEY = \\"YOUR API KEY HERE\\" # enter your Anthropic API key '
        'here"\n'
        "   ]\n"
        "  },\n"
        "  {\n"
        '   "id": "cell-2",\n'
        '   "cell_type": "code",\n'
        '   "execution_count": null,\n'
        '   "metadata": {},\n'
        '   "outputs": [],\n'
        '   "source": [\n'
        '    "import os\\n",\n'
        '    "\\n",\n'
        '    "from openai import OpenAI\\n",\n'
        '    "\\n",\n'
        '    "client = OpenAI(\\n",\n'
        '    "    base_url=os.environ.get(\\"MOONSHOT_BASE_URL\\", '
        '\\"https://api.moonshot.cn/v1\\"),\\n",\n'
        '    "    api_key=MOONSHOT_API_KEY,\\n",\n'
        '    ")"\n'
        "   ]\n"
        "  }\n"
        " ],\n"
        ' "metadata": {\n'
        '  "kernelspec": {\n'
        '   "display_name": "Python 3",\n'
        '   "name": "python3"\n'
        "  }\n"
        " },\n"
        ' "nbformat": 4,\n'
        ' "nbformat_minor": 5\n'
        "}\n"
    )


KEY = "sk-proj-abcdefghijklmnop0123456789"


@pytest.mark.parametrize(
    ("cells", "why"),
    [
        # a value that may be a key: never carried over to the provider's variable
        (
            (
                f'OPENAI_API_KEY = "{KEY}"',
                "from openai import OpenAI\nclient = OpenAI(api_key=OPENAI_API_KEY)",
            ),
            "key",
        ),
        (
            (
                'OPENAI_API_KEY = "a1b2c3d4e5f6a7b8"',
                "from openai import OpenAI\nclient = OpenAI(api_key=OPENAI_API_KEY)",
            ),
            "key",
        ),
        # read otherwise too: renamed, that read would fail
        (
            (
                'OPENAI_API_KEY = "YOUR API KEY"',
                "import os\nfrom openai import OpenAI\n"
                'os.environ["OPENAI_API_KEY"] = OPENAI_API_KEY\n'
                "client = OpenAI(api_key=OPENAI_API_KEY)",
            ),
            "read",
        ),
        # the provider's variable name is taken
        (
            (
                'OPENAI_API_KEY = "YOUR API KEY"\nACME_API_KEY = ""',
                "from openai import OpenAI\nclient = OpenAI(api_key=OPENAI_API_KEY)",
            ),
            "taken",
        ),
    ],
)
def test_other_key_variables_keep_todays_environment_read(registry, cells, why):
    text = STYLES["jupyter"](notebook(*(cell(c) for c in cells)))
    change = migrate(registry, text)
    sources = [c.source for c in read_notebook(change.after).cells]
    assert 'api_key=os.environ.get("ACME_API_KEY", "unset")' in sources[-1]
    assert "OPENAI_API_KEY = " in sources[0]
    assert KEY not in "".join(sources[1:])
    assert not any("key_variable_to" in f.data for f in change.findings)
    if why == "key" and KEY in text:
        secrets = [f for f in change.findings if f.rule == "ML004"]
        assert [f.message.split(";")[0] for f in secrets] == ["hard-coded API key sk-pr…89"]


def test_a_variable_assigned_again_is_a_key_the_program_hands_over(registry):
    cells = (
        'OPENAI_API_KEY = "YOUR API KEY"\nif not OPENAI_API_KEY:\n    OPENAI_API_KEY = input()',
        "from openai import OpenAI\nclient = OpenAI(api_key=OPENAI_API_KEY)",
    )
    change = migrate(registry, STYLES["jupyter"](notebook(*(cell(c) for c in cells))))
    sources = [c.source for c in read_notebook(change.after).cells]
    assert sources[0] == cells[0]
    assert "api_key=OPENAI_API_KEY" in sources[1]
    assert not any("key_variable_to" in f.data for f in change.findings)


def test_a_script_keeps_reading_the_environment(registry):
    text = (
        'OPENAI_API_KEY = "YOUR API KEY"\n\nfrom openai import OpenAI\n\n'
        "client = OpenAI(api_key=OPENAI_API_KEY)\n"
    )
    change = migrate(registry, text, name="planner.py")
    assert change.after == (
        'OPENAI_API_KEY = "YOUR API KEY"\n\nimport os\n\nfrom openai import OpenAI\n\n'
        "client = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
    )


def test_two_clients_reading_the_cell_and_the_next_step(registry, tmp_path, monkeypatch):
    cells = (
        cell('OPENAI_API_KEY = ""  # paste your OpenAI key'),
        cell(
            "from openai import AsyncOpenAI, OpenAI\n\n"
            "client = OpenAI(api_key=OPENAI_API_KEY)\n"
            "aclient = AsyncOpenAI(api_key=OPENAI_API_KEY)"
        ),
    )
    (tmp_path / "demo.ipynb").write_text(STYLES["jupyter"](notebook(*cells)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    sources = [c.source for c in read_notebook((tmp_path / "demo.ipynb").read_text()).cells]
    assert sources[0] == 'MOONSHOT_API_KEY = "your Moonshot AI (Kimi) API key"  # paste your key'
    assert sources[1].count("api_key=MOONSHOT_API_KEY,") == 2
    assert (
        "Put your Moonshot AI (Kimi) key where the program keeps the key it hands this client: "
        "`MOONSHOT_API_KEY` (demo.ipynb:cell 1:1:1)" in " ".join(done.stderr.split())
    )
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert check.exit_code == 0, check.stdout


def test_the_key_pasted_into_the_renamed_cell_reaches_the_provider(
    registry, server, tmp_path, monkeypatch
):
    """Run as Colab would, after the reader pastes the provider's key into the cell: the
    request carries that key, with no key variable set in the environment."""
    provider = registry.get("moonshot")
    path = tmp_path / "project" / "planner.ipynb"
    path.parent.mkdir()
    path.write_text(
        STYLES["jupyter"](notebook(*PLANNER, cell('print(plan("hi"))'))), encoding="utf-8"
    )
    monkeypatch.chdir(path.parent)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = path.read_text(encoding="utf-8")
    pasted = migrated.replace("your Moonshot AI (Kimi) API key", "pasted-moonshot-key")
    assert pasted != migrated
    path.write_text(pasted, encoding="utf-8")

    prefix = urlsplit(provider.base_url).path.rstrip("/")
    env = clean_env(registry) | {provider.base_url_env: server.base + prefix}
    env.pop(provider.api_key_env, None)
    guard = tmp_path / "guard"
    runner = tmp_path / "run_cells.py"
    runner.write_text(RUNNER, encoding="utf-8")
    run = run_python(
        [str(runner), str(path)],
        env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert network_guard.blocked_hosts(guard) == []
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer pasted-moonshot-key"
    assert request.body["model"] == provider.map_model("gpt-4o-mini")
