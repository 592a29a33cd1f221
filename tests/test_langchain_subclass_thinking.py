"""ML601's manual advice for a chat class built where apply does not see it (a subclass of the
project, the class handed on as a value) names the switch that turns thinking off, as the
rewrite passes it, where the models it may be moved to think unless told not to (t50g D6:
AgentGPT's WrappedChatOpenAI on DeepSeek). Exact messages and data."""

from __future__ import annotations

from .framework_rewrites import migrate

OLD = "from langchain.chat_models import ChatOpenAI\n\n\n"
NEW = "from langchain_openai import ChatOpenAI\n\n\n"
HEAD = (
    "WrappedChatOpenAI derives from ChatOpenAI (LangChain); its constructions are not "
    "rewritten: pass the key, base URL and model for {} where it is built (or in its __init__)"
)
OFF = '{"thinking": {"type": "disabled"}}'
DROP = " too (drop it where the program wants the reasoning)"


def ml601(registry, text: str, provider: str):
    return [
        (f.line, f.message, f.data)
        for f in migrate(registry, text, provider).findings
        if f.rule == "ML601"
    ]


def subclass(head: str, body: str = "    max_tokens: int\n") -> str:
    return head + "class WrappedChatOpenAI(ChatOpenAI):\n" + body


def test_on_deepseek_every_model_thinks_and_the_older_class_takes_model_kwargs(registry):
    [(line, message, data)] = ml601(registry, subclass(OLD), "deepseek")
    assert line == 4
    assert message == (
        HEAD.format("DeepSeek") + "; deepseek-flash and deepseek-v4-pro, which OpenAI's chat "
        "models map to, think before answering unless told not to: built with one, pass "
        f'model_kwargs={{"extra_body": {OFF}}}{DROP}'
    )
    assert data == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "extra_body": {"thinking": {"type": "disabled"}},
    }


def test_on_kimi_the_model_the_default_maps_to_and_the_newer_class_takes_extra_body(registry):
    [(_, message, _)] = ml601(registry, subclass(NEW), "moonshot")
    assert message == (
        HEAD.format("Moonshot AI (Kimi)") + "; kimi-k2.6, which its default model "
        f"gpt-3.5-turbo maps to, thinks before answering unless told not to: built with it, "
        f"pass extra_body={OFF}{DROP}"
    )


def test_a_class_handed_on_as_a_value_gets_the_switch_too(registry):
    text = OLD + 'MODELS = {"chat": ChatOpenAI}\n'
    [(_, message, data)] = ml601(registry, text, "deepseek")
    assert message.endswith(
        "for DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from "
        "DEEPSEEK_BASE_URL (default https://api.deepseek.com); deepseek-flash and deepseek-v4-pro, which OpenAI's chat models map "
        "to, think before answering unless told not to: built with one, pass "
        f'model_kwargs={{"extra_body": {OFF}}}{DROP}'
    )
    assert data["extra_body"] == {"thinking": {"type": "disabled"}}


def test_not_said_where_the_class_chooses_or_the_provider_does_not_think(registry):
    chooses = subclass(OLD, '    model_kwargs: dict = {"extra_body": {"thinking": {}}}\n')
    [(_, message, data)] = ml601(registry, chooses, "deepseek")
    assert message == HEAD.format("DeepSeek") and "extra_body" not in data
    [(_, message, _)] = ml601(registry, subclass(OLD), "zhipu")
    assert message == HEAD.format("Zhipu AI (GLM)")
