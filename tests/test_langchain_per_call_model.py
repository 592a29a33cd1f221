"""A `model=` given to a request method of a LangChain chat model (`llm.ainvoke(..., model=m)`,
`llm.bind(model=m)`), which the request sends instead of the class's model: a literal is mapped
in place (ML201), a value chosen at run time is named (ML203), a constant is mapped where it is
written (ML204). Exact before/after text and messages."""

from __future__ import annotations

import pytest

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import assert_rewrites, migrate

HEAD = "from langchain_openai import ChatOpenAI\n\n"
# what apply makes of `ChatOpenAI()` for Acme Cloud (ML601)
BUILT = (
    "import os\n\n" + HEAD + "llm = ChatOpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '    model="acme-small",\n'
    '    tiktoken_model_name="gpt-3.5-turbo",\n'
    ")\n"
)


def rule_findings(text: str, registry, rule: str, provider: str = "acme"):
    return [f for f in migrate(registry, text, provider).findings if f.rule == rule]


@pytest.mark.parametrize(
    ("call", "written"),
    [
        pytest.param(
            'llm.invoke("hi", model="gpt-4o")', 'llm.invoke("hi", model="acme-large")', id="invoke"
        ),
        pytest.param(
            "await llm.ainvoke(input=m, model='gpt-4o', temperature=0.2)",
            "await llm.ainvoke(input=m, model='acme-large', temperature=0.2)",
            id="ainvoke-keeps-the-quotes",
        ),
        pytest.param(
            'llm.stream("hi", model="gpt-4o-mini")',
            'llm.stream("hi", model="acme-small")',
            id="stream",
        ),
        pytest.param(
            'llm.abatch(["hi"], model="gpt-4o")',
            'llm.abatch(["hi"], model="acme-large")',
            id="abatch",
        ),
        pytest.param('llm.bind(model="gpt-4o")', 'llm.bind(model="acme-large")', id="bind"),
        pytest.param(
            'llm.invoke("hi", model=os.getenv("CHAT_MODEL", "gpt-4o"))',
            'llm.invoke("hi", model=os.getenv("CHAT_MODEL", "acme-large"))',
            id="an-environment-reads-default",
        ),
    ],
)
def test_a_literal_given_to_a_request_method_is_mapped(registry, call, written):
    before = "import os\n\n" + HEAD + "llm = ChatOpenAI()\n" + f"{call}\n"
    assert_rewrites(registry, before, BUILT + f"{written}\n")


def test_the_message_says_the_request_sends_it_instead_of_the_class_model(registry):
    before = HEAD + 'llm = ChatOpenAI(model="gpt-4o-mini")\nllm.invoke("hi", model="gpt-4o")\n'
    [finding] = rule_findings(before, registry, "ML201")
    assert (finding.line, finding.column) == (4, 24)
    assert finding.message == (
        "model 'gpt-4o' of llm.invoke() (sent instead of ChatOpenAI()'s model) maps to "
        "'acme-large' on Acme Cloud"
    )
    assert finding.fix is FixClass.REVIEW
    assert finding.data == {"model_from": "gpt-4o", "model_to": "acme-large"}
    # ML206 ("not an OpenAI SDK call, so apply leaves it") no longer says the opposite
    assert rule_findings(before, registry, "ML206") == []


def test_a_model_chosen_at_run_time_is_named(registry):
    """The trial's pr-agent handler: the class got a provider model, the call sent OpenAI's."""
    before = (
        HEAD + "async def answer(model, messages):\n"
        "    llm = ChatOpenAI()\n"
        "    return await llm.ainvoke(input=messages, model=model, temperature=0.2)\n"
    )
    [finding] = rule_findings(before, registry, "ML203")
    assert finding.message == (
        "model comes from `model` at run time, and llm.ainvoke() sends it instead of "
        "ChatOpenAI()'s model; make sure it names an Acme Cloud model (acme-large, acme-medium, "
        "acme-small)"
    )
    assert (finding.line, finding.severity, finding.fix) == (5, Severity.NOTE, FixClass.MANUAL)
    assert finding.edit is None
    # still said once the class points at the provider
    after = migrate(registry, before).after
    assert "ACME_BASE_URL" in after
    [again] = rule_findings(after, registry, "ML203")
    assert again.message == finding.message


def test_without_a_provider_a_run_time_model_is_to_check(registry):
    before = HEAD + "llm = ChatOpenAI()\n\n\ndef ask(m):\n    return llm.invoke('hi', model=m)\n"
    assert rule_findings(before, registry, "ML203", "openai") == []  # modernising: it stays
    found = check_python(before, RuleContext(registry, None), PYTHON_RULES)
    [finding] = [f for f in found if f.rule == "ML203"]
    assert finding.message == (
        "model comes from `m` at run time, and llm.invoke() sends it instead of ChatOpenAI()'s "
        "model; check its values when you switch provider"
    )


def test_a_model_held_on_self_is_followed(registry):
    before = (
        HEAD + "class Bot:\n"
        "    def __init__(self):\n"
        "        self.llm = ChatOpenAI()\n\n"
        "    def ask(self, q):\n"
        '        return self.llm.invoke(q, model="gpt-4o")\n'
    )
    [finding] = rule_findings(before, registry, "ML201")
    assert finding.message.startswith("model 'gpt-4o' of self.llm.invoke() (sent instead of")
    assert 'self.llm.invoke(q, model="acme-large")' in migrate(registry, before).after


def test_a_constant_is_mapped_where_it_is_written(registry):
    before = (
        HEAD + 'CHAT_MODEL = "gpt-4o"\nllm = ChatOpenAI()\nllm.invoke("hi", model=CHAT_MODEL)\n'
    )
    change = migrate(registry, before)
    assert [(f.rule, f.line) for f in change.findings if f.rule.startswith("ML20")] == [
        ("ML204", 3)
    ]
    assert 'CHAT_MODEL = "acme-large"\n' in change.after
    assert 'llm.invoke("hi", model=CHAT_MODEL)\n' in change.after


@pytest.mark.parametrize(
    "built",
    [
        pytest.param('ChatOpenAI(base_url="http://localhost:8000/v1")', id="another-host"),
        pytest.param("OpenAIEmbeddings()", id="not-a-chat-class"),
        pytest.param("make_llm()", id="not-built-here"),
    ],
)
def test_other_objects_are_left_to_the_other_rules(registry, built):
    before = (
        "from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\n"
        f"llm = {built}\nllm.invoke('hi', model=pick())\nllm.invoke('hi', model='gpt-4o')\n"
    )
    rules = [f.rule for f in migrate(registry, before).findings if f.line >= 4]
    assert rules == ["ML206"]  # the literal, as before: not an SDK call, left


def test_a_provider_model_there_is_one_of_its_models(registry):
    before = HEAD + "llm = ChatOpenAI()\nllm.invoke('hi', model='acme-large')\n"
    [finding] = rule_findings(before, registry, "ML201")
    assert finding.message == (
        "model 'acme-large' of llm.invoke() (sent instead of ChatOpenAI()'s model) is one of "
        "Acme Cloud's models"
    )
    assert finding.severity is Severity.NOTE and finding.edit is None


def test_the_keywords_of_a_request_method_are_checked_as_the_requests(registry):
    # llm-cookbook (t42d 1b): the tagging lessons' `bind(functions=..., function_call=...)`
    # went to Zhipu, which takes tools only, with check green
    text = (
        HEAD + 'tagger = ChatOpenAI(model="gpt-3.5-turbo").bind(\n'
        '    functions=[{"name": "Tag", "parameters": {}}], function_call={"name": "Tag"}\n)\n'
        'other = ChatOpenAI(base_url="http://localhost:8000/v1").bind(functions=[])\n'
    )
    found = [
        (f.line, f.column, f.fix, f.message.split(" (unconfirmed")[0])
        for f in rule_findings(text, registry, "ML111", "deepseek")
    ]
    assert found == [
        (
            4,
            5,
            FixClass.MANUAL,
            "functions= is not supported by DeepSeek; rewrite it as tools=",
        ),
        (
            4,
            52,
            FixClass.MANUAL,
            "function_call= is not supported by DeepSeek; rewrite it as tool_choice=",
        ),
    ]
    # the migrated text still says so: check fails until the call is rewritten by hand
    after = migrate(registry, text, "deepseek").after
    again = rule_findings(after, registry, "ML111", "deepseek")
    assert [after.splitlines()[f.line - 1][f.column - 1 :][:9] for f in again] == [
        "functions",
        "function_",
    ]
