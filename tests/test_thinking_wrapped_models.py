"""ML118 on two requests whose model thinks by default that it did not see (session 58; the
e2e runs are in test_thinking_wrapped_models_e2e.py):

- instructor's `from_openai(OpenAI(), model="gpt-4o-mini")`: its requests passing no model
  send that one, judged as a model written in the request (the switch, or the note of a model
  that always thinks); before, a note "chosen at run time" that check passed after apply.
- LangChain's `ChatOpenAI(model=self.model_name, temperature=0.1)` talking to OpenAI or
  already to the provider (gpt-engineer's core/ai.py, t58c): a note naming the class's switch,
  as the SDK's request choosing its model at run time gets; apply writes nothing for it.
"""

from __future__ import annotations

import pytest

from .cli_findings import check_rules, cli, finding_rows, run_json, write

SWITCH = {"thinking": {"type": "disabled"}}
WRAPPED = """import instructor
from openai import OpenAI
from pydantic import BaseModel


class User(BaseModel):
    name: str


client = instructor.from_openai(OpenAI(), model="MODEL")


def extract(text):
    return client.chat.completions.create(
        response_model=User, messages=[{"role": "user", "content": text}]
    )
"""
WRAPPED_APPLIED = """import os

import instructor
from openai import OpenAI
from pydantic import BaseModel


class User(BaseModel):
    name: str


client = instructor.from_openai(
    OpenAI(
        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
    ),
    model="deepseek-flash",
)


def extract(text):
    return client.chat.completions.create(
        extra_body={"thinking": {"type": "disabled"}},
        response_model=User, messages=[{"role": "user", "content": text}]
    )
"""
WRAPPED_FOUND = (
    "deepseek-flash thinks before it answers unless told not to, which gpt-4o-mini did not "
    "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    'must send the reasoning back): apply passes extra_body={"thinking": {"type": "disabled"}}'
)
ALWAYS_FOUND = (
    "glm-5.3 always thinks before it answers (no switch turns it off), which gpt-4o did not "
    "(replies and stream deltas carry reasoning_content, the provider file does not say whether "
    'a tool loop must send the reasoning back): for quick answers pass reasoning_effort="low", or map gpt-4o to a model that can '
    "stop thinking (--model gpt-4o=NAME)"
)


def ml118(root, provider: str) -> list[tuple]:
    code, report = run_json("scan", root, "--provider", provider, "--show-notes")
    assert code == 0
    return finding_rows(report, "line", "severity", "fix", "message", "data", rules={"ML118"})


def test_instructors_wrapper_model_gets_deepseeks_switch_and_apply_writes_it(tmp_path):
    write(tmp_path, {"app.py": WRAPPED.replace("MODEL", "gpt-4o-mini")})
    assert ml118(tmp_path, "deepseek") == [
        (14, "warning", "review", WRAPPED_FOUND, {"extra_body": SWITCH})
    ]
    assert check_rules(tmp_path, "deepseek") == (1, ["ML001", "ML201", "ML118"])
    assert cli("apply", tmp_path, "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == WRAPPED_APPLIED
    assert cli("apply", tmp_path, "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == WRAPPED_APPLIED
    assert ml118(tmp_path, "deepseek") == []
    assert check_rules(tmp_path, "deepseek") == (0, [])


def test_instructors_wrapper_model_that_always_thinks_on_zhipu_is_a_note(tmp_path):
    write(tmp_path, {"app.py": WRAPPED.replace("MODEL", "gpt-4o")})
    assert ml118(tmp_path, "zhipu") == [(14, "note", "manual", ALWAYS_FOUND, {})]


def test_a_wrapper_given_a_model_read_at_run_time_keeps_the_run_time_note(tmp_path):
    text = WRAPPED.replace('model="MODEL"', 'model=os.environ["LLM_MODEL"]').replace(
        "import instructor\n", "import os\n\nimport instructor\n", 1
    )
    write(tmp_path, {"app.py": text})
    [(line, severity, fix, message, _)] = ml118(tmp_path, "deepseek")
    assert (line, severity, fix) == (16, "note", "manual")
    assert message.startswith("its model is chosen at run time")


CHAT_CLASS = """import os

from langchain_openai import ChatOpenAI


class AI:
    def __init__(self, model_name, temperature=0.1):
        self.model_name = model_name
        self.llm = ChatOpenAI(
            model=self.model_name,
            temperature=temperature,
            ENDPOINT
        )
"""
ON_OPENAI = 'api_key=os.environ["OPENAI_API_KEY"],'
ON_DEEPSEEK = (
    'api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),'
)


def class_found(wanted: str) -> str:
    return (
        "ChatOpenAI() (LangChain) chooses its model at run time, and every DeepSeek model that "
        "apply maps OpenAI's chat models to thinks before it answers unless told not to (its "
        "replies carry reasoning_content, temperature is ignored): where the program wants "
        f"answers as OpenAI's gave them, pass {wanted}"
    )


LANGCHAIN_DATA = {"framework": "langchain", "extra_body": SWITCH}
NEW_SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


def test_chat_class_choosing_its_model_at_run_time_on_openai_gets_the_note(tmp_path):
    write(tmp_path, {"ai.py": CHAT_CLASS.replace("ENDPOINT", ON_OPENAI)})
    assert ml118(tmp_path, "deepseek") == [
        (9, "note", "manual", class_found(NEW_SWITCH), LANGCHAIN_DATA)
    ]
    assert cli("apply", tmp_path, "--provider", "deepseek", "--yes").exit_code == 0
    applied = (tmp_path / "ai.py").read_text()
    assert "extra_body" not in applied  # manual: apply writes no switch
    assert ml118(tmp_path, "deepseek") == [
        (9, "note", "manual", class_found(NEW_SWITCH), LANGCHAIN_DATA)
    ]


def test_chat_class_already_on_deepseek_gets_the_note_until_it_chooses(tmp_path):
    path = tmp_path / "ai.py"
    before = CHAT_CLASS.replace("ENDPOINT", ON_DEEPSEEK)
    write(tmp_path, {"ai.py": before})
    assert ml118(tmp_path, "deepseek") == [
        (9, "note", "manual", class_found(NEW_SWITCH), LANGCHAIN_DATA)
    ]
    followed = before.replace(
        "temperature=temperature,\n", f"temperature=temperature,\n            {NEW_SWITCH},\n"
    )
    assert followed != before
    path.write_text(followed)
    assert ml118(tmp_path, "deepseek") == []
    path.write_text(before.replace("temperature=temperature,", 'reasoning_effort="high",'))
    assert ml118(tmp_path, "deepseek") == []


@pytest.mark.parametrize(
    "endpoint",
    [
        'base_url="https://api.groq.com/openai/v1",',  # another service
        "**settings,",  # a mapping the module does not show
    ],
)
def test_chat_class_elsewhere_or_given_a_mapping_gets_no_note(tmp_path, endpoint):
    write(tmp_path, {"ai.py": CHAT_CLASS.replace("ENDPOINT", endpoint)})
    assert ml118(tmp_path, "deepseek") == []


def test_chat_class_with_a_model_written_keeps_ml601s_switch_alone(tmp_path):
    text = CHAT_CLASS.replace("ENDPOINT", ON_OPENAI).replace(
        "model=self.model_name", 'model="gpt-4o"'
    )
    write(tmp_path, {"ai.py": text})
    assert ml118(tmp_path, "deepseek") == []
    assert cli("apply", tmp_path, "--provider", "deepseek", "--yes").exit_code == 0
    assert f"            {NEW_SWITCH},\n" in (tmp_path / "ai.py").read_text()


def test_chat_class_on_a_provider_not_thinking_by_default_gets_no_note(tmp_path):
    write(tmp_path, {"ai.py": CHAT_CLASS.replace("ENDPOINT", ON_OPENAI)})
    assert ml118(tmp_path, "zhipu") == []


def test_the_older_chat_class_is_told_its_model_kwargs_form(tmp_path):
    text = (
        "from langchain.chat_models import ChatOpenAI\n\n\n"
        "def chat(name):\n"
        "    return ChatOpenAI(model_name=name, temperature=0.1)\n"
    )
    write(tmp_path, {"app.py": text})
    wanted = 'model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}}'
    assert ml118(tmp_path, "deepseek") == [
        (5, "note", "manual", class_found(wanted), LANGCHAIN_DATA)
    ]
