"""A key prompt whose answer stays OpenAI's is left asking for OpenAI's key (t61c C).

Open Interpreter's validate_llm_settings.py asks for an OpenAI key only where the model is one
of OpenAI's (`if interpreter.llm.model in ["gpt-4o", ...]:`) and OPENAI_API_KEY is unset.
apply renamed the read to ZAI_API_KEY and made the prompt ask for "Zhipu AI (GLM) API key",
while the model stayed gpt-4o: the Zhipu key typed there went to api.openai.com. Now the read,
the prompt and the list deciding the branch are left, each finding saying why (manual), and
a tree an earlier apply left that way is an error."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def migrate(registry, text: str, provider: str = "acme"):
    """(line, rule, severity, fix, message) of every finding, and the text after apply; a
    second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider), None, {})
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    for f in found:
        assert (f.edit is not None) == (f.fix.value in ("safe", "review")), f.message
    rows = [(f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found]
    return rows, after


READ_LEFT = (
    "reads OPENAI_API_KEY; not switched: the prompt on line {line} asks for the key where it is "
    "unset, and {why}: renamed alone, the read would skip that prompt where Acme Cloud's key "
    "is set and send OpenAI's model no key"
)
PROMPT_LEFT = (
    "the prompt 'OpenAI API key:' asks for the key where OPENAI_API_KEY is unset; left as it "
    "is: {why}. Asked for Acme Cloud's key, it would send that key to OpenAI; ask for it where "
    "Acme Cloud's models are chosen, by hand"
)
LIST_LEFT = (
    "'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks models against "
    "them may reject Acme Cloud's models; apply leaves it: the branch for its members asks for "
    "a key at the prompt on line {line}, the one OpenAI's models need; Acme Cloud's models "
    "added here would be asked for OpenAI's key and send it to Acme Cloud: give them a branch "
    "of their own, by hand"
)
ML640 = (
    "litellm.completion() takes its model from `model` at run time: an OpenAI model there "
    "(`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Acme Cloud give it "
    "acme/<model> (acme-large, acme-medium, acme-small) and, only where the model is on that "
    'route (`if model.startswith("acme/"):`: another route would take them to its host), '
    'api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get("ACME_BASE_URL", '
    "\"https://api.acme.example/v1\") (as apply's edits write them; litellm's acme/ route "
    "reads ACME_API_BASE itself only where a call passes no api_base), by hand"
)

# /tmp/t61c_reproC before apply: the branch for OpenAI's models asks for OpenAI's key
BRANCH = """import os

import litellm

MODELS = ["gpt-4o", "gpt-4o-mini"]


def ask(model):
    key = None
    if model in MODELS and not os.environ.get("OPENAI_API_KEY"):
        key = input("OpenAI API key: ")
    return litellm.completion(model=model, api_key=key, messages=[])
"""


def test_the_prompt_of_a_branch_for_openai_models_keeps_asking_for_openais_key(registry):
    rows, after = migrate(registry, BRANCH)
    why = "it asks in the branch `if model in MODELS`, taken for OpenAI's models, which send it to OpenAI"
    assert rows == [
        (5, "ML205", "warning", "manual", LIST_LEFT.format(line=11)),
        (10, "ML401", "warning", "manual", READ_LEFT.format(line=11, why=why)),
        (11, "ML401", "warning", "manual", PROMPT_LEFT.format(why=why)),
        (12, "ML640", "warning", "manual", ML640),
    ]
    assert after == BRANCH


# the same prompt with no model test: its answer goes to a call whose model is chosen at run time
RUN_TIME = """import os

import litellm


def ask(model):
    key = None
    if not os.environ.get("OPENAI_API_KEY"):
        key = input("OpenAI API key: ")
    return litellm.completion(model=model, api_key=key, messages=[])
"""


def test_a_prompt_whose_answer_goes_to_a_litellm_call_of_a_run_time_model_is_left(registry):
    rows, after = migrate(registry, RUN_TIME)
    why = (
        "the key typed there goes to litellm.completion() on line 10, whose model sends it to "
        "OpenAI (an OpenAI model, or one chosen at run time)"
    )
    assert rows == [
        (8, "ML401", "warning", "manual", READ_LEFT.format(line=9, why=why)),
        (9, "ML401", "warning", "manual", PROMPT_LEFT.format(why=why)),
        (10, "ML640", "warning", "manual", ML640),
    ]
    assert after == RUN_TIME


# Open Interpreter's shape (prompt_toolkit; the answer kept on `interpreter.llm`, which hands
# it to litellm with the model the branch tested)
OPEN_INTERPRETER = """import os

from prompt_toolkit import prompt

OPENAI_TIP = "export OPENAI_API_KEY=your_api_key"


def validate(interpreter):
    if interpreter.llm.model in ["gpt-4o", "gpt-4o-mini"]:
        if not os.environ.get("OPENAI_API_KEY") and not interpreter.llm.api_key:
            response = prompt("OpenAI API key: ", is_password=True)
            interpreter.llm.api_key = response
"""


def test_open_interpreters_openai_branch_keeps_its_prompt_and_read(registry):
    rows, after = migrate(registry, OPEN_INTERPRETER)
    why = (
        "it asks in the branch `if interpreter.llm.model in [...]`, taken for OpenAI's models, "
        "which send it to OpenAI"
    )
    assert rows == [
        (9, "ML205", "warning", "manual", LIST_LEFT.format(line=11)),
        (10, "ML401", "warning", "manual", READ_LEFT.format(line=11, why=why)),
        (11, "ML401", "warning", "manual", PROMPT_LEFT.format(why=why)),
    ]
    assert after == OPEN_INTERPRETER


# the tree an earlier apply left (t61c's reproC as applied): the provider's key asked for in
# the branch for OpenAI's models
APPLIED = """import os

import litellm

OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini", "acme/acme-large"]


def ask(model):
    key = None
    if model in OPENAI_MODELS and not os.environ.get("ACME_API_KEY"):
        key = input("Acme Cloud API key: ")
    return litellm.completion(model=model, api_key=key, messages=[])
"""


def test_the_providers_key_asked_for_in_a_branch_for_openai_models_is_an_error(registry):
    rows, after = migrate(registry, APPLIED)
    assert [r for r in rows if r[1] == "ML401"] == [
        (
            10,
            "ML401",
            "error",
            "manual",
            "reads ACME_API_KEY, and the prompt on line 11 asks for the key where it is unset: it "
            "asks in the branch `if model in OPENAI_MODELS`, taken for OpenAI's models, which send "
            "it to OpenAI, so Acme Cloud's key typed there goes to OpenAI; ask for it where Acme "
            "Cloud's models are chosen, and for OpenAI's key (in OPENAI_API_KEY) where OpenAI's "
            "are, by hand",
        )
    ]
    assert after == APPLIED


# a prompt outside any model test whose answer goes to a client apply moves: reworded as before
MOVED = """import os

from openai import OpenAI


def client():
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        key = input("OpenAI API key: ")
    return OpenAI(api_key=key)
"""


def test_a_prompt_whose_answer_goes_only_to_a_moved_client_is_still_reworded(registry):
    rows, after = migrate(registry, MOVED)
    assert [r[:4] for r in rows] == [
        (7, "ML401", "warning", "safe"),
        (9, "ML401", "warning", "review"),
        (10, "ML001", "error", "safe"),
    ]
    assert 'key = input("Acme Cloud API key: ")' in after
    assert 'os.environ.get("ACME_API_KEY")' in after
