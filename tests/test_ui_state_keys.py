"""A key typed into a Streamlit text box that reaches a client through session state (t50h
N3, D4): the client keeps it, and the box is reworded for the provider where the module shows
it; an entry of session state is no environment variable."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

SF_READ = 'os.environ.get("SILICONFLOW_CN_API_KEY", "unset")'
SF_URL = 'base_url=os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1")'


def migrated(registry, text, provider="siliconflow"):
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    rows = [(f.line, f.rule, f.fix.value, f.message) for f in found]
    left = [(f.line, f.rule, f.message) for f in again if f.severity.value != "note"]
    return rows, after, left


def test_a_box_stored_in_session_state_and_read_back_is_the_typed_key(registry):
    """repro r1: apply gave the client SILICONFLOW_CN_API_KEY as a safe fix; what was typed
    in the box, still asking for an OpenAI key, was never used."""
    text = (
        "import streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.text_input("OpenAI API Key", type="password")\n'
        'st.session_state["OPENAI_KEY"] = key\n\n'
        'client = OpenAI(api_key=st.session_state.get("OPENAI_KEY"))\n'
    )
    rows, after, again = migrated(registry, text)
    assert rows == [
        (
            4,
            "ML001",
            "review",
            "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes "
            'to SiliconFlow; apply writes "SiliconFlow API Key"',
        ),
        (
            7,
            "ML001",
            "review",
            "OpenAI() talks to OpenAI; for SiliconFlow the base URL comes from "
            "SILICONFLOW_BASE_URL (default https://api.siliconflow.cn/v1) and the key typed at "
            "run time (line 4) goes there (SILICONFLOW_CN_API_KEY where session state holds "
            "none yet): the prompt must ask for a SiliconFlow key",
        ),
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.text_input("SiliconFlow API Key", type="password")\n'
        'st.session_state["OPENAI_KEY"] = key\n\n'
        f"client = OpenAI(\n    {SF_URL},\n"
        f'    api_key=st.session_state.get("OPENAI_KEY")\n    or {SF_READ},\n)\n'
    )
    assert again == []
    # the box asking for OpenAI's key again: check says so
    reverted = after.replace("SiliconFlow API Key", "OpenAI API Key")
    rows, _, _ = migrated(registry, reverted)
    assert [row[:3] for row in rows if row[2] != "none"] == [(6, "ML001", "review")]


def test_a_langchain_class_given_the_entry_keeps_it_too(registry):
    text = (
        "import streamlit as st\nfrom langchain_openai import ChatOpenAI\n\n"
        'st.session_state["OPENAI_KEY"] = st.text_input("OpenAI API Key", type="password")\n'
        'llm = ChatOpenAI(model="gpt-4o", api_key=st.session_state.get("OPENAI_KEY"))\n'
    )
    rows, after, _ = migrated(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in rows] == [
        (4, "ML601", "review"),
        (5, "ML601", "review"),
    ]
    assert after.endswith(f'    api_key=st.session_state.get("OPENAI_KEY")\n    or {SF_READ},\n)\n')
    assert 'st.text_input("SiliconFlow API Key", type="password")' in after


def test_an_entry_also_set_otherwise_is_not_the_typed_key(registry):
    text = (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.text_input("OpenAI API Key", type="password")\n'
        'st.session_state["k"] = key\n'
        'st.session_state["k"] = os.environ["OPENAI_API_KEY"]\n'
        'client = OpenAI(api_key=st.session_state.get("k"))\n'
    )
    rows, _, _ = migrated(registry, text)
    assert not [row for row in rows if "typed" in row[3] or "prompt" in row[3]]


def test_an_entry_another_module_writes_is_kept_as_a_key_the_program_hands_over(registry):
    """A page reading what knowledge_gpt-style sidebar stored: the module does not show the
    box (another module writes the entry), so the read is kept as a key the program hands
    the client, the provider's variable after it; the entry's name is no variable (ML401)."""
    text = (
        "import streamlit as st\nfrom openai import OpenAI\n\n"
        'client = OpenAI(api_key=st.session_state["OPENAI_API_KEY"])\n'
    )
    rows, after, _ = migrated(registry, text)
    assert rows == [
        (
            4,
            "ML001",
            "review",
            'OpenAI() talks to OpenAI (key from `st.session_state["OPENAI_API_KEY"]`); for '
            "SiliconFlow read the base URL from SILICONFLOW_BASE_URL (default "
            "https://api.siliconflow.cn/v1) and keep the key your code passes "
            '(`st.session_state["OPENAI_API_KEY"]`), with SILICONFLOW_CN_API_KEY when it is '
            "empty: it must be a SiliconFlow key",
        )
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        f"client = OpenAI(\n    {SF_URL},\n"
        f'    api_key=st.session_state["OPENAI_API_KEY"]\n    or {SF_READ},\n)\n'
    )


SIDEBAR = """import os

import streamlit as st


def sidebar():
    with st.sidebar:
        api_key_input = st.text_input(
            "OpenAI API Key",
            type="password",
            help="You can get your API key from https://platform.openai.com/account/api-keys.",
            value=os.environ.get("OPENAI_API_KEY", None)
            or st.session_state.get("OPENAI_API_KEY", ""),
        )
        st.session_state["OPENAI_API_KEY"] = api_key_input
"""


def test_a_box_showing_the_key_variable_asks_for_the_providers_key(registry):
    """knowledge_gpt's sidebar (t50h D4): the box shows OPENAI_API_KEY's value, and keeps what
    is typed in session state under that name. The entry's name held ML401 back ("the module
    also uses the name as a key"), so the box kept reading OpenAI's variable and asking for an
    OpenAI key while the key went to SiliconFlow. The read is renamed, and with it the box."""
    rows, after, again = migrated(registry, SIDEBAR)
    assert rows == [
        (
            9,
            "ML401",
            "review",
            "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes "
            'to SiliconFlow; apply writes "SiliconFlow API Key"',
        ),
        (
            11,
            "ML401",
            "review",
            "the help= of the prompt on line 8, 'You can get your API key from "
            "https://platform.openai.com/account/api-keys.', names OpenAI's key, and the key "
            'typed there goes to SiliconFlow; apply writes "You can get your API key from '
            'https://cloud.siliconflow.cn/account/ak."',
        ),
        (
            12,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; SiliconFlow's key is in SILICONFLOW_CN_API_KEY (the OpenAI "
            "key is not copied)",
        ),
    ]
    assert after == (
        SIDEBAR.replace('"OpenAI API Key"', '"SiliconFlow API Key"')
        .replace(
            "https://platform.openai.com/account/api-keys",
            "https://cloud.siliconflow.cn/account/ak",
        )
        .replace('os.environ.get("OPENAI_API_KEY"', 'os.environ.get("SILICONFLOW_CN_API_KEY"')
    )
    assert again == []


def test_the_project_scan_of_the_sidebar_and_its_page(tmp_path, monkeypatch):
    (tmp_path / "sidebar.py").write_text(SIDEBAR, encoding="utf-8")
    (tmp_path / "main.py").write_text(
        "import streamlit as st\n\nfrom sidebar import sidebar\n\nsidebar()\n"
        'openai_api_key = st.session_state.get("OPENAI_API_KEY")\n'
        "if not openai_api_key:\n"
        '    st.warning("Enter your key in the sidebar.")\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "siliconflow", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)["findings"]
    # main.py's read of session state names no variable: nothing there
    assert [(f["path"], f["line"], f["rule"], f["fix"]) for f in findings] == [
        ("sidebar.py", 9, "ML401", "review"),
        ("sidebar.py", 11, "ML401", "review"),
        ("sidebar.py", 12, "ML401", "safe"),
    ]
