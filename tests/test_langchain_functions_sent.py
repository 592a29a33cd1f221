"""ML111 on the legacy `functions=` / `function_call=` a LangChain chat model's request method
sends (t50g D6: AgentGPT's analysis handed `self.model.apredict_messages` to a helper with
`functions=[...]`, and DeepSeek has no `functions`). Exact messages."""

from __future__ import annotations

from migrate_llm.model import FixClass

from .framework_rewrites import migrate

OLD = "from langchain.chat_models import ChatOpenAI\n\n"
UNCONFIRMED = (
    " (unconfirmed: functions and function_call are absent from the API reference, which "
    "lists tools and tool_choice; the docs do not say the legacy parameters are rejected)"
)
ELSEWHERE = "; the model is built elsewhere: change it by hand if it talks to DeepSeek"
# AgentGPT's OpenAIAgentService, cut down: the model is a parameter (built in model_factory.py)
SERVICE = (
    "from langchain.schema import HumanMessage\n\n\n"
    "class Service:\n"
    "    def __init__(self, model):\n"
    "        self.model = model\n\n"
    "    async def analyze(self, functions):\n"
    "        return await openai_error_handler(\n"
    "            func=self.model.apredict_messages,\n"
    '            messages=[HumanMessage(content="hi")],\n'
    "            functions=functions,\n"
    "        )\n"
)


def ml111(registry, text: str, provider: str = "deepseek"):
    return [
        (f.line, f.column, f.fix, f.message)
        for f in migrate(registry, text, provider).findings
        if f.rule == "ML111"
    ]


def test_agentgpts_helper_given_the_method_and_functions_is_reported(registry):
    assert ml111(registry, SERVICE) == [
        (
            12,
            13,
            FixClass.MANUAL,
            "functions= is not supported by DeepSeek, and openai_error_handler(), given "
            "self.model.apredict_messages beside it, passes it on to that LangChain chat "
            "model's request method, which sends it as it is; rewrite it as tools="
            f"{UNCONFIRMED}{ELSEWHERE}",
        )
    ]


def test_the_older_methods_on_a_model_the_module_does_not_build(registry):
    text = (
        OLD + "def ask(llm, fns):\n"
        '    return llm.predict_messages([], functions=fns, function_call={"name": "f"})\n'
    )
    assert ml111(registry, text) == [
        (
            4,
            37,
            FixClass.MANUAL,
            "functions= is not supported by DeepSeek, and llm.predict_messages() (a LangChain "
            f"chat model's request method) sends it as it is; rewrite it as tools={UNCONFIRMED}"
            f"{ELSEWHERE}",
        ),
        (
            4,
            52,
            FixClass.MANUAL,
            "function_call= is not supported by DeepSeek, and llm.predict_messages() (a "
            "LangChain chat model's request method) sends it as it is; rewrite it as "
            f"tool_choice={UNCONFIRMED}{ELSEWHERE}",
        ),
    ]


def test_a_model_the_module_builds_is_read_as_its_request(registry):
    text = (
        OLD + 'llm = ChatOpenAI(model_name="gpt-3.5-turbo")\n'
        "llm.apredict_messages([], functions=FNS)\n"
        "run(llm.apredict_messages, [], functions=FNS)\n"
    )
    assert ml111(registry, text) == [
        (4, 27, FixClass.MANUAL, f"functions= is not supported by DeepSeek; rewrite it as tools={UNCONFIRMED}"),
        (
            5,
            32,
            FixClass.MANUAL,
            "functions= is not supported by DeepSeek, and run(), given llm.apredict_messages "
            "beside it, passes it on to that LangChain chat model's request method, which "
            f"sends it as it is; rewrite it as tools={UNCONFIRMED}",
        ),
    ]  # fmt: skip


def test_not_reported_where_the_model_goes_elsewhere_or_the_provider_takes_them(registry):
    elsewhere = (
        OLD + 'llm = ChatOpenAI(openai_api_base="http://localhost:8000/v1")\n'
        "run(llm.apredict_messages, [], functions=FNS)\n"
        "llm.predict_messages([], functions=FNS)\n"
    )
    assert ml111(registry, elsewhere) == []
    assert ml111(registry, SERVICE, "openai") == []
    # no LangChain in the module: another library's method of that name
    plain = "def ask(model, fns):\n    return model.predict(x, functions=fns)\n"
    assert ml111(registry, plain) == []


def test_a_value_named_like_a_request_method_is_not_a_handed_method(registry):
    text = OLD + "def ask(args, fns):\n    return call_api(functions=fns, stream=args.stream)\n"
    assert ml111(registry, text) == []
