"""A key a person types moves to the provider only with everything that gets it (t53d D1).

Awesome-llm-apps' agno apps ask for the key in a Streamlit box that shows OPENAI_API_KEY, or
store what is typed there in OPENAI_API_KEY, and give the same key to agno's `OpenAIChat`.
ML401 and ML404 made the box ask for the Ark key (and read or store ARK_API_KEY) while
ML685 left the class on OpenAI: the Ark key went to api.openai.com. Now agno's class keeps a
typed key and moves with it, as LangChain's does; and where something that gets the key stays
on OpenAI, the prompt, the read, the write and every other client keep OpenAI's key, each
finding saying why (`typed_answers`). Also a host named in a policy text (D2) and ML685's
hand-fix hint (D3)."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ACME_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
LIKE_NOTE = (
    "it becomes OpenAILike, which sends the system prompt as 'system' (OpenAIChat: "
    "'developer'), with supports_native_structured_outputs=False: Acme Cloud is not known to "
    "take structured outputs (response_format json_schema), so agno asks for JSON mode "
    "(json_object) instead"
)
RESPONSES_LEFT = (
    "OpenAIResponses() (agno) talks to OpenAI (key from `{key}`); it sends OpenAI's Responses "
    'API, which Acme Cloud does not serve: pass OpenAILike(id="acme-large", '
    f'api_key=os.environ["ACME_API_KEY"], base_url={ACME_URL}, '
    "supports_native_structured_outputs=False) instead (from agno.models.openai import "
    "OpenAILike; chat completions), by hand"
)
RESPONSES_KEPT = (
    "which apply leaves on OpenAI (or on a base URL chosen at run time)"  # `destination_words`
)


def migrate(registry, text: str, provider: str = "acme", models: dict | None = None):
    """(line, rule, severity, fix, message) of every finding, and the text after apply; a
    second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider), None, dict(models or {}))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    for f in found:
        assert (f.edit is not None) == (f.fix.value in ("safe", "review")), f.message
    rows = [(f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found]
    return rows, after


def prompt_row(line: int, rule: str, label: str) -> tuple[int, str, str, str, str]:
    new = label.replace("OpenAI", "Acme Cloud")
    return (
        line,
        rule,
        "warning",
        "review",
        f"the prompt {label!r} asks for an OpenAI key, and the key typed there goes to Acme "
        f'Cloud; apply writes "{new}"',
    )


def typed_row(line: int, prompt_line: int, model: str = "'gpt-4o' -> 'acme-large'"):
    return (
        line,
        "ML685",
        "error",
        "review",
        "OpenAIChat() (agno) talks to OpenAI (key from `key`); for Acme Cloud the base URL comes "
        "from ACME_BASE_URL (default https://api.acme.example/v1) and the key typed at run time "
        f"(line {prompt_line}) goes there: the prompt must ask for an Acme Cloud key; model "
        f"{model}; {LIKE_NOTE}",
    )


# -- agno's class keeps the key typed in the box and moves with it ---------------------------

BOX = """import os

import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat

key = st.text_input("OpenAI API Key", type="password", value=os.getenv("OPENAI_API_KEY", ""))
if key:
    agent = Agent(model=OpenAIChat(id="gpt-4o", api_key=key))
"""


def test_the_box_showing_openais_key_moves_with_the_agno_class_given_its_answer(registry):
    """t53d D1 (agentic_rag_gpt5): the box showed ARK_API_KEY and asked for the Ark key while
    OpenAIChat(api_key=key) stayed on OpenAI. All three move together now."""
    rows, after = migrate(registry, BOX)
    assert rows == [
        prompt_row(7, "ML401", "OpenAI API Key"),
        prompt_row(7, "ML685", "OpenAI API Key"),
        (
            7,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        typed_row(9, 7),
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom agno.agent import Agent\n"
        "from agno.models.openai import OpenAILike\n\n"
        "key = st.text_input(\n"
        '    "Acme Cloud API Key", type="password", value=os.getenv("ACME_API_KEY", "")\n)\n'
        "if key:\n    agent = Agent(\n        model=OpenAILike(\n"
        f"            base_url={ACME_URL},\n"
        "            supports_native_structured_outputs=False,\n"
        '            id="acme-large",\n            api_key=key,\n        )\n    )\n'
    )


STORED = """import os

import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat

key = st.text_input("Enter OpenAI API Key:", type="password")
if key:
    os.environ["OPENAI_API_KEY"] = key
    router = Agent(model=OpenAIChat(id="gpt-4o", api_key=key))
"""


def test_a_key_typed_and_stored_in_openais_variable_moves_with_the_agno_class(registry):
    """t53d D1 (rag_database_routing): ML404 stored the key in ARK_API_KEY and the router's
    OpenAIChat, given the same key, sent it to api.openai.com."""
    rows, after = migrate(registry, STORED)
    assert rows == [
        prompt_row(7, "ML404", "Enter OpenAI API Key:"),
        prompt_row(7, "ML685", "Enter OpenAI API Key:"),
        (
            9,
            "ML404",
            "warning",
            "safe",
            "stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, which "
            "the migrated program reads",
        ),
        typed_row(10, 7),
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom agno.agent import Agent\n"
        "from agno.models.openai import OpenAILike\n\n"
        'key = st.text_input("Enter Acme Cloud API Key:", type="password")\n'
        'if key:\n    os.environ["ACME_API_KEY"] = key\n    router = Agent(\n'
        f"        model=OpenAILike(\n            base_url={ACME_URL},\n"
        "            supports_native_structured_outputs=False,\n"
        '            id="acme-large",\n            api_key=key,\n        )\n    )\n'
    )


def test_two_classes_given_one_typed_key_move_together(registry):
    """Each asks where else the key goes, and finds the other moving (no loop)."""
    text = (
        "from getpass import getpass\n\nfrom agno.models.openai import OpenAIChat\n"
        "from langchain_openai import ChatOpenAI\n\n"
        'key = getpass("OpenAI API key: ")\n'
        'llm = ChatOpenAI(model="gpt-4o", api_key=key)\n'
        'model = OpenAIChat(id="gpt-4o", api_key=key)\n'
    )
    rows, after = migrate(registry, text)
    assert [r[:4] for r in rows] == [
        (6, "ML601", "warning", "review"),
        (6, "ML685", "warning", "review"),
        (7, "ML601", "error", "review"),
        (8, "ML685", "error", "review"),
    ]
    assert 'key = getpass("Acme Cloud API key: ")\n' in after
    assert after.count("api_key=key,\n") == 2 and "OpenAIChat" not in after


def test_a_box_prefilled_from_openais_key_that_feeds_a_client_still_switches(registry):
    """What worked before stays: the box, its read, the write and the client move together."""
    text = (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.text_input("OpenAI API Key", value=os.getenv("OPENAI_API_KEY", ""))\n'
        'if key:\n    os.environ["OPENAI_API_KEY"] = key\n    client = OpenAI()\n'
    )
    rows, after = migrate(registry, text)
    assert [r[:4] for r in rows] == [
        (6, "ML401", "warning", "review"),
        (6, "ML404", "warning", "review"),
        (6, "ML401", "warning", "safe"),
        (8, "ML404", "warning", "safe"),
        (9, "ML001", "error", "safe"),
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
        'key = st.text_input("Acme Cloud API Key", value=os.getenv("ACME_API_KEY", ""))\n'
        'if key:\n    os.environ["ACME_API_KEY"] = key\n    client = OpenAI(\n'
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        f"        base_url={ACME_URL},\n    )\n"
    )


# -- something that gets the key stays on OpenAI: the key source stays OpenAI's ---------------


def test_a_read_shown_in_a_box_whose_answer_goes_to_a_class_left_on_openai_is_left(registry):
    """The box's answer is followed (`key_destinations._uses`): the read, and so its prompt,
    stay OpenAI's while OpenAIResponses (no Responses API at Acme) stays on OpenAI."""
    text = (
        "import os\n\nimport streamlit as st\nfrom agno.models.openai import OpenAIResponses\n\n"
        'key = st.text_input("OpenAI API Key", type="password", '
        'value=os.getenv("OPENAI_API_KEY", ""))\n'
        'model = OpenAIResponses(id="gpt-4o", api_key=key)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            6,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIResponses() on line 7, a class apply "
            "leaves as it is (on OpenAI, or on a base URL chosen at run time): given Acme "
            "Cloud's key (ACME_API_KEY) it could send that key to OpenAI; point the class at "
            "Acme Cloud (its base URL and key), then read ACME_API_KEY, by hand",
        ),
        (7, "ML685", "error", "manual", RESPONSES_LEFT.format(key="key")),
    ]


def _write_left(line: int, to: int) -> tuple[int, str, str, str, str]:
    return (
        line,
        "ML404",
        "warning",
        "manual",
        "stores a key typed at run time in OPENAI_API_KEY; not switched: that key also goes to "
        f"OpenAIResponses() on line {to}, {RESPONSES_KEPT}: asked for Acme Cloud's key and "
        "stored in ACME_API_KEY, it would go there too; point that at Acme Cloud, then apply "
        "stores it in ACME_API_KEY, by hand",
    )


def test_a_typed_key_stored_in_openais_variable_and_given_to_a_class_left_is_left(registry):
    text = (
        "import os\n\nimport streamlit as st\nfrom agno.models.openai import OpenAIResponses\n\n"
        'key = st.text_input("Enter OpenAI API Key:", type="password")\n'
        'os.environ["OPENAI_API_KEY"] = key\n'
        'model = OpenAIResponses(id="gpt-4o", api_key=key)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text  # the prompt too: it still asks for OpenAI's key
    assert rows == [
        _write_left(7, 8),
        (8, "ML685", "error", "manual", RESPONSES_LEFT.format(key="key")),
    ]


def test_the_session_state_entry_holding_the_answer_is_followed(registry):
    """rag_database_routing's shape: the box keeps its answer under `key=`, the module stores
    it in OPENAI_API_KEY and hands the entry to the model."""
    text = (
        "import os\n\nimport streamlit as st\nfrom agno.models.openai import OpenAIResponses\n\n"
        'st.text_input("OpenAI API Key", type="password", key="openai_key")\n'
        'os.environ["OPENAI_API_KEY"] = st.session_state.openai_key\n'
        'model = OpenAIResponses(id="gpt-4o", api_key=st.session_state["openai_key"])\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        _write_left(7, 8),
        (
            8,
            "ML685",
            "error",
            "manual",
            RESPONSES_LEFT.format(key='st.session_state["openai_key"]'),
        ),
    ]


def test_a_client_and_a_class_given_a_typed_key_stay_with_the_one_left(registry):
    """ML001 and the class rules ask the same question: the SDK client and LangChain's class
    keep OpenAI's key where the agno class given it stays on OpenAI."""
    text = (
        "from getpass import getpass\n\nfrom agno.models.openai import OpenAIResponses\n"
        "from langchain_openai import ChatOpenAI\nfrom openai import OpenAI\n\n"
        'key = getpass("OpenAI API key: ")\n'
        'llm = ChatOpenAI(model="gpt-4o", api_key=key)\n'
        "client = OpenAI(api_key=key)\n"
        'model = OpenAIResponses(id="gpt-4o", api_key=key)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    tail = (
        ": asked for Acme Cloud's key, the prompt would send that key there too, so both stay "
        "on OpenAI; point that one at Acme Cloud by hand, and apply moves this one with it"
    )
    assert rows == [
        (
            8,
            "ML601",
            "error",
            "manual",
            "ChatOpenAI() (LangChain) talks to OpenAI (key from `key`); the key typed at run time "
            "(line 7) also goes to OpenAI() on line 9, which apply leaves talking to OpenAI (see "
            f"its finding){tail}",
        ),
        (
            9,
            "ML001",
            "error",
            "manual",
            "OpenAI() talks to OpenAI (key from `key`); the key typed at run time (line 7) also "
            f"goes to OpenAIResponses() on line 10, {RESPONSES_KEPT}{tail}",
        ),
        (10, "ML685", "error", "manual", RESPONSES_LEFT.format(key="key")),
    ]


# -- D2: a host named in a text is no URL the program sends to ---------------------------------

POLICY = '''import os

from openai import OpenAI

POLICY = """
network:
  allowed_domains:
    - api.openai.com
"""


def main():
    if os.getenv("OPENAI_API_KEY"):
        client = OpenAI()
        print(client.chat.completions.create(model="gpt-4o", messages=[]))
    else:
        print("Set the key to run the LLM demo")
'''


def test_a_host_listed_in_a_policy_text_is_a_note_and_the_key_check_moves(registry):
    """t53d D2 (ai_agent_governance): the allowlist kept `if os.getenv("OPENAI_API_KEY")`
    as it was while the client moved, so the LLM demo never ran, and its ML402 warning kept
    check red on the corrected program."""
    rows, after = migrate(registry, POLICY)
    assert rows[:2] == [
        (
            8,
            "ML402",
            "note",
            "none",
            "names OpenAI's host api.openai.com inside a longer text, not a URL the program "
            "sends requests to; left as it is (where the text lists the hosts the program may "
            "reach, add api.acme.example, Acme Cloud's host, by hand)",
        ),
        (
            13,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    assert '    if os.getenv("ACME_API_KEY"):\n' in after
    left = [r for r in migrate(registry, after)[0] if r[2] != "note"]
    assert left == []  # nothing for check to stop on


def test_a_host_that_is_the_whole_string_or_after_a_scheme_is_still_left(registry):
    """Only a host standing as a word of a longer text is one: `wss://api.openai.com` and a
    string holding the host alone may be where the program connects."""
    for value in ('"wss://api.openai.com"', '"api.openai.com"'):
        text = f'import os\n\nHOST = {value}\nKEY = os.getenv("OPENAI_API_KEY")\n'
        rows, after = migrate(registry, text)
        assert after == text
        assert [r[:4] for r in rows] == [
            (3, "ML402", "warning", "manual"),
            (4, "ML401", "warning", "manual"),
        ]


# -- D3: ML685's hint for a key from a variable says what the rewrite passes --------------------

THINK = {"gpt-4o": "acme-think"}


def test_the_hint_for_a_variable_key_turns_thinking_off_as_the_rewrite_does(registry):
    """t53d D3: for `OpenAIChat(api_key=<variable>)` the hint named OpenAILike without the
    switch apply's own rewrite of the same call passes (extra_body, ML118)."""
    head = "import streamlit as st\nfrom agno.models.openai import OpenAIChat\n\n"
    text = head + 'model = OpenAIChat(id="gpt-4o", api_key=st.session_state.openai_key)\n'
    rows, after = migrate(registry, text, models=THINK)
    assert after == text
    assert rows == [
        (
            4,
            "ML685",
            "error",
            "manual",
            "OpenAIChat() (agno) talks to OpenAI (key from `st.session_state.openai_key`); apply "
            'replaces only OPENAI_API_KEY: make it OpenAILike(id="acme-think", '
            f'api_key=os.environ["ACME_API_KEY"], base_url={ACME_URL}, '
            'extra_body={"thinking": {"type": "disabled"}}, '
            "supports_native_structured_outputs=False), its other arguments kept (from "
            "agno.models.openai import OpenAILike; it sends the system prompt as 'system', where "
            "OpenAIChat sends 'developer'); 'acme-think' thinks before it answers unless told "
            'not to, which \'gpt-4o\' did not: extra_body={"thinking": {"type": "disabled"}} '
            "turns that off (drop it where the program wants the reasoning), by hand (an OpenAI "
            "key must not go to Acme Cloud)",
        )
    ]
    # the rewrite of the same call with the environment's key writes that very argument
    rewritten = migrate(registry, head + 'model = OpenAIChat(id="gpt-4o")\n', models=THINK)[1]
    assert '\n    extra_body={"thinking": {"type": "disabled"}},\n' in rewritten


def test_the_hint_for_a_variable_key_adds_the_switch_to_the_calls_own_body(registry):
    text = (
        "import streamlit as st\nfrom agno.models.openai import OpenAIChat\n\n"
        "model = OpenAIChat(\n"
        '    id="gpt-4o", api_key=st.session_state.openai_key, extra_body={"top_k": 3}\n)\n'
    )
    [row] = migrate(registry, text, models=THINK)[0]
    assert row[4].endswith(
        "supports_native_structured_outputs=False), its other arguments kept (from "
        "agno.models.openai import OpenAILike; it sends the system prompt as 'system', where "
        "OpenAIChat sends 'developer'); 'acme-think' thinks before it answers unless told not "
        'to, which \'gpt-4o\' did not: add "thinking": {"type": "disabled"} to its '
        "extra_body (drop it where the program wants the reasoning), by hand (an OpenAI key "
        "must not go to Acme Cloud)"
    )
    assert "extra_body={" not in row[4].split("its other arguments kept")[0]


# -- t53j N1: the help text beside the box, once its answer goes to OpenAILike ---------------

HELPED = """import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat

key = st.text_input("OpenAI API Key", type="password", help="Get your API key from platform.openai.com")
if key:
    st.write(Agent(model=OpenAIChat(id="gpt-4o", api_key=key)).run("hi").content)
"""
HELP_LEFT = (
    "the help= of the prompt on line {}, 'Get your API key from platform.openai.com', names "
    "OpenAI's key, and the key typed there goes to Acme Cloud: make it tell how to get an Acme "
    "Cloud key, by hand"
)


def test_a_help_text_naming_openais_key_stays_reported_after_apply(registry):
    """t53j N1: scan reported the help= (manual); once apply gave the box's answer to
    OpenAILike on the provider, check said nothing of it. It stays a warning until fixed."""
    rows, after = migrate(registry, HELPED)
    assert rows == [
        prompt_row(5, "ML685", "OpenAI API Key"),
        (5, "ML685", "warning", "manual", HELP_LEFT.format(5)),
        typed_row(7, 5),
    ]
    assert after == (
        "import os\n\nimport streamlit as st\nfrom agno.agent import Agent\n"
        "from agno.models.openai import OpenAILike\n\n"
        "key = st.text_input(\n"
        '    "Acme Cloud API Key",\n    type="password",\n'
        '    help="Get your API key from platform.openai.com",\n)\n'
        "if key:\n    st.write(\n        Agent(\n            model=OpenAILike(\n"
        f"                base_url={ACME_URL},\n"
        "                supports_native_structured_outputs=False,\n"
        '                id="acme-large",\n                api_key=key,\n'
        '            )\n        )\n        .run("hi")\n        .content\n    )\n'
    )
    again, _ = migrate(registry, after)
    assert again == [(10, "ML685", "warning", "manual", HELP_LEFT.format(7))]
    fixed = after.replace("platform.openai.com", "the Acme Cloud console")
    assert migrate(registry, fixed)[0] == []
