"""ML304 on openai<1.0 arguments in the `model_kwargs` of LangChain's OpenAI classes, which
LangChain passes to the client's create(): under openai>=1 `headers` raises TypeError (t50g D2,
AgentGPT's Helicone headers). Exact messages, fixes and before/after text."""

from __future__ import annotations

from migrate_llm.model import FixClass

from .framework_rewrites import migrate

OLD = "from langchain.chat_models import AzureChatOpenAI, ChatOpenAI\n\n"
SAID = (
    "is an argument of openai<1.0: LangChain passes model_kwargs to the client's create(), "
    "which raises TypeError on it under openai>=1"
)
RENAMED = (
    "v1 calls take extra_headers=: apply renames the key (review: that needs openai>=1 and "
    "langchain>=0.0.334, as ML504 asks; openai<1 sends the renamed entry in the request body)"
)
# AgentGPT's model_factory.py, cut down: a subclass of ChatOpenAI, one of AzureChatOpenAI and
# it, a name bound to either, and the keywords in a dict spread into the call
FACTORY = (
    "from typing import Type, Union\n\n" + OLD + "class WrappedChatOpenAI(ChatOpenAI):\n"
    "    max_tokens: int\n\n\n"
    "class WrappedAzureChatOpenAI(AzureChatOpenAI, WrappedChatOpenAI):\n"
    "    deployment_name: str\n\n\n"
    "def create_model(settings, user, headers, use_azure):\n"
    "    model: Type[Union[WrappedChatOpenAI, WrappedAzureChatOpenAI]] = WrappedChatOpenAI\n"
    "    kwargs = {\n"
    '        "openai_api_base": settings.base,\n'
    '        "max_tokens": 500,\n'
    '        "model_kwargs": {"user": user.email, "headers": headers},\n'
    "    }\n"
    "    if use_azure:\n"
    "        model = WrappedAzureChatOpenAI\n"
    "    return model(**kwargs)\n"
)


def legacy(registry, text: str, provider: str = "deepseek"):
    change = migrate(registry, text, provider)
    return change, [f for f in change.findings if f.rule == "ML304"]


def test_agentgpts_headers_are_renamed_through_the_name_and_the_spread_dict(registry):
    change, [finding] = legacy(registry, FACTORY)
    assert (finding.line, finding.column) == (18, 46)
    assert finding.message == (
        "key 'headers' of the model_kwargs given to model() (WrappedChatOpenAI or "
        f"WrappedAzureChatOpenAI) {SAID}; {RENAMED}"
    )
    assert finding.fix is FixClass.REVIEW
    assert finding.severity.value == "error"
    entry = '"model_kwargs": {"user": user.email, "extra_headers": headers},'
    assert change.after == FACTORY.replace(
        '"model_kwargs": {"user": user.email, "headers": headers},', entry
    )
    again, found = legacy(registry, change.after)
    assert found == [] and again.after == change.after


def test_a_dict_bound_to_a_name_given_as_model_kwargs_is_edited_where_written(registry):
    before = (
        OLD + "class Chat(ChatOpenAI):\n    pass\n\n\n"
        "EXTRA = {'headers': {\"Helicone-Auth\": KEY}}\n"
        'llm = Chat(openai_api_base="http://localhost:8000/v1", model_kwargs=EXTRA)\n'
    )
    change, [finding] = legacy(registry, before)
    assert finding.message.startswith(
        "key 'headers' of the model_kwargs given to Chat() (deriving from LangChain's "
        "ChatOpenAI) is an argument"
    )
    assert change.after == before.replace("{'headers':", "{'extra_headers':")


def test_keys_the_rename_cannot_take_are_left_with_what_v1_takes(registry):
    before = OLD + (
        'llm = ChatOpenAI(openai_api_base="http://localhost:8000/v1", model_kwargs={\n'
        '    "headers": {"A": "1"}, "extra_headers": {}, "engine": "e", "api_key": k,\n'
        '    "request_id": rid, "request_timeout": 9,\n'
        "})\n"
    )
    change, found = legacy(registry, before)
    assert change.after == before
    assert {f.fix for f in found} == {FixClass.MANUAL}
    assert [(f.line, f.column, f.message.split("; ", 1)[1]) for f in found] == [
        (4, 5, "v1 calls take extra_headers=, which the dict holds too: merge them, by hand"),
        (4, 49, "pass the model as model=, by hand"),
        (4, 64, "give it to the class instead, by hand"),
        (5, 5, 'pass extra_headers={"X-Request-Id": ...}, by hand'),
        (5, 24, "pass timeout=, by hand"),
    ]


def test_the_newer_class_is_read_too_and_without_a_provider(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n"
        'llm = ChatOpenAI(model="gpt-4o", model_kwargs={"headers": h})\n'
    )
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    [finding] = [
        f for f in check_python(before, RuleContext(registry), PYTHON_RULES) if f.rule == "ML304"
    ]
    assert finding.message == (
        f"key 'headers' of the model_kwargs given to ChatOpenAI() (LangChain) {SAID}; {RENAMED}"
    )
    assert finding.edit is not None


def test_other_model_kwargs_and_other_classes_are_not_read(registry):
    texts = [
        # Hugging Face's pipeline takes model_kwargs too
        "from transformers import pipeline\n\n"
        'p = pipeline("text-generation", model_kwargs={"headers": h})\n',
        # a class of the project not deriving from LangChain's
        OLD + "class Chat:\n    pass\n\n\nllm = Chat(model_kwargs={'headers': h})\n",
        # a name bound to LangChain's class or another
        OLD + "def build(k, plain):\n    cls = ChatOpenAI\n    if plain:\n        cls = dict\n"
        "    return cls(model_kwargs={'headers': h})\n",
        # v1's own keyword
        OLD + 'llm = ChatOpenAI(model_kwargs={"extra_headers": h})\n',
    ]
    for text in texts:
        assert legacy(registry, text)[1] == [], text
