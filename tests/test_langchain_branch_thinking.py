"""t59b D5: a chat class whose model the module sets in an `if` (llm-cookbook's `llm_name`,
chosen by date) gets DeepSeek's thinking switch where every value it may hold maps to a model
needing it, as a single constant does; where only some do, the message says which, and the
switch is left to a person. Exact before/after text and messages."""

from __future__ import annotations

import pytest

from .framework_rewrites import migrate

KEY = 'openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
URL = 'openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
SWITCH = '"extra_body": {"thinking": {"type": "disabled"}}'


def by_date(first: str, second: str, module: str = "langchain.chat_models") -> str:
    return (
        f"import datetime\n\nfrom {module} import ChatOpenAI\n\n"
        "if datetime.date.today() < datetime.date(2023, 9, 2):\n"
        f'    llm_name = "{first}"\nelse:\n    llm_name = "{second}"\n'
        "llm = ChatOpenAI(model_name=llm_name, temperature=0)\n"
    )


def rewritten(first: str, second: str, middle: str, module: str = "langchain.chat_models") -> str:
    return (
        f"import datetime\nimport os\n\nfrom {module} import ChatOpenAI\n\n"
        "if datetime.date.today() < datetime.date(2023, 9, 2):\n"
        f'    llm_name = "{first}"\nelse:\n    llm_name = "{second}"\n'
        f"llm = ChatOpenAI(\n{middle}    model_name=llm_name,\n    temperature=0,\n)\n"
    )


def ml601(change) -> str:
    (message,) = [f.message for f in change.findings if f.rule == "ML601"]
    return message


def test_every_value_mapped_to_a_model_that_thinks_gets_the_switch(registry):
    change = migrate(registry, by_date("gpt-3.5-turbo-0301", "gpt-3.5-turbo"), "deepseek")
    assert change.after == rewritten(
        "deepseek-flash",
        "deepseek-flash",
        f"    {KEY},\n    {URL},\n    model_kwargs={{{SWITCH}}},\n",
    )
    assert ml601(change).endswith(
        "; model from `llm_name`, which the module sets to 'gpt-3.5-turbo' or "
        "'gpt-3.5-turbo-0301', each mapped where it is written; 'deepseek-flash', which each of "
        "them maps to, thinks before it answers unless told not to, which gpt-3.5-turbo, "
        f"gpt-3.5-turbo-0301 did not: model_kwargs={{{SWITCH}}} turns that off (drop it where "
        "the program wants the reasoning)"
    )
    assert [f.data.get("extra_body") for f in change.findings if f.rule == "ML601"] == [
        {"thinking": {"type": "disabled"}}
    ]
    assert migrate(registry, change.after, "deepseek").after == change.after


def test_the_newer_class_gets_it_as_extra_body(registry):
    module = "langchain_openai"
    change = migrate(registry, by_date("gpt-4o", "gpt-4", module), "deepseek")
    assert change.after == rewritten(
        "deepseek-v4-pro",
        "deepseek-v4-pro",
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    extra_body={"thinking": {"type": "disabled"}},\n',
        module,
    )


def test_a_value_that_reasoned_already_leaves_the_switch_to_a_person(registry):
    change = migrate(registry, by_date("o3", "gpt-4o"), "deepseek")
    assert change.after == rewritten(
        "deepseek-flash", "deepseek-v4-pro", f"    {KEY},\n    {URL},\n"
    )
    assert ml601(change).endswith(
        "; model from `llm_name`, which the module sets to 'gpt-4o' or 'o3', each mapped where "
        "it is written; 'deepseek-v4-pro', which gpt-4o maps to, thinks before it answers "
        "unless told not to, which gpt-4o did not; o3 thought already, as 'deepseek-flash' "
        f"does: pass model_kwargs={{{SWITCH}}} only with 'deepseek-v4-pro', by hand (ML118)"
    )


@pytest.mark.parametrize(
    "other", ['os.environ["CHAT_MODEL"]', "settings.model"], ids=["environment", "setting"]
)
def test_a_value_the_module_does_not_show_leaves_it_as_before(registry, other):
    before = by_date("gpt-3.5-turbo", "X").replace('"X"', other)
    if "os.environ" in other:
        before = "import os\n" + before
    change = migrate(registry, before, "deepseek")
    assert "thinking" not in change.after
    assert ml601(change).endswith(
        "; model from `llm_name` at run time: make sure it names a DeepSeek model"
    )
