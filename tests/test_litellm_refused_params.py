"""ML644: a keyword of a litellm chat call that litellm's route for the provider refuses
(`UnsupportedParamsError` before any request: t51j B, `parallel_tool_calls` on `volcengine/`).
Listed in `allowed_openai_params` where the provider file says the provider takes it, else left
to a person; what the call lists, `drop_params` and a value litellm does not count end it."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext

TOOLS = 'TOOLS = [{"type": "function", "function": {"name": "ls", "parameters": {}}}]\n'
HEAD = "import litellm\n\n" + TOOLS


def applied(registry: Registry, text: str, provider: str = "doubao"):
    """`text` after apply, and ML644's (line, fix, message) before and after it; a second
    apply changes nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    assert first.error is None and second.after == first.after

    def ml644(findings):
        return [(f.line, f.fix.value, f.message) for f in findings if f.rule == "ML644"]

    return first.after, ml644(first.findings), ml644(second.findings)


ROUTE = "litellm.completion() goes through litellm's volcengine/ route"
REFUSES = "before it sends anything (UnsupportedParamsError)"
UNCONFIRMED = (
    " (unconfirmed: the Chat API page says parallel_tool_calls=false currently takes effect "
    "only on doubao-seed-1-6-* models: a Seed 2.x model may still return several tool calls)"
)


def test_keywords_spread_from_a_dict_get_the_list_in_it(registry):
    text = (
        HEAD + "params = {\n"
        '    "model": "gpt-4o-mini",\n'
        '    "messages": [{"role": "user", "content": "hi"}],\n'
        '    "tools": TOOLS,\n'
        '    "response_format": {"type": "json_object"},\n'
        "}\n"
        'params["parallel_tool_calls"] = False\n'
        "r = litellm.completion(**params)\n"
    )
    after, found, again = applied(registry, text)
    assert (
        '    "api_base": os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),\n'
        '    "allowed_openai_params": ["response_format", "parallel_tool_calls"],\n'
        "}\n"
    ) in after
    assert '"model": "volcengine/doubao-seed-2-1-turbo-260628",' in after
    assert found == [
        (
            8,
            "review",
            f"{ROUTE} (as apply writes its model), which refuses response_format and "
            f"parallel_tool_calls {REFUSES}; ByteDance Doubao (Volcengine Ark) takes them: apply "
            'lists them in allowed_openai_params=["response_format", "parallel_tool_calls"], so '
            f"litellm (1.65.3 or later) sends them as they are{UNCONFIRMED}",
        )
    ]
    assert again == []


def test_a_list_the_call_gives_is_extended(registry):
    text = (
        HEAD + "r = litellm.completion(\n"
        '    model="volcengine/doubao-seed-2-1-pro-260628",\n'
        "    messages=[],\n"
        "    tools=TOOLS,\n"
        "    parallel_tool_calls=False,\n"
        '    reasoning_effort="low",\n'
        '    allowed_openai_params=["store"],\n'
        "    store=True,\n"
        ")\n"
    )
    after, found, _ = applied(registry, text)
    assert after == text.replace(
        '["store"]', '["store", "parallel_tool_calls", "reasoning_effort"]'
    )
    assert found == [
        (
            8,
            "review",
            f"{ROUTE}, which refuses parallel_tool_calls and reasoning_effort {REFUSES}; "
            "ByteDance Doubao (Volcengine Ark) takes them: apply lists them in "
            'allowed_openai_params=["store", "parallel_tool_calls", "reasoning_effort"], so '
            f"litellm (1.65.3 or later) sends them as they are{UNCONFIRMED}",
        )
    ]


def test_a_list_not_written_out_is_left_to_a_person(registry):
    text = (
        HEAD + 'ALLOWED = ["store"]\n'
        'r = litellm.completion(model="volcengine/doubao-seed-2-1-pro-260628", messages=[], '
        "tools=TOOLS, parallel_tool_calls=False, allowed_openai_params=ALLOWED)\n"
    )
    after, found, again = applied(registry, text)
    assert after == text
    message = (
        f"{ROUTE}, which refuses parallel_tool_calls {REFUSES}; its allowed_openai_params (or "
        "its `**` mapping) is not written out here: make sure it lists parallel_tool_calls "
        "where ByteDance Doubao (Volcengine Ark) takes it, else remove it, by hand"
    )
    assert found == again == [(5, "manual", message)]


def test_what_the_provider_does_not_take_is_left_to_a_person(registry):
    text = (
        "import litellm\n\n"
        'r = litellm.completion(model="gpt-4o", messages=[], n=2, seed=7, '
        "frequency_penalty=0.5)\n"
    )
    after, found, again = applied(registry, text, "zhipu")
    assert "allowed_openai_params" not in after
    message = (
        "litellm.completion() goes through litellm's zai/ route (as apply writes its model), "
        f"which refuses n, seed and frequency_penalty {REFUSES}; Zhipu AI (GLM) does not take n "
        "either; Zhipu AI (GLM)'s file does not say it takes frequency_penalty: remove them, "
        "pass drop_params=True (litellm leaves them out), or, where Zhipu AI (GLM) takes it, "
        'allowed_openai_params=["frequency_penalty"], by hand'
    )
    assert found == [(3, "manual", message)]
    assert [m for _, _, m in again] == [message.replace(" (as apply writes its model)", "")]


def test_what_litellm_does_not_count_or_drops_is_not_reported(registry):
    call = 'r = litellm.completion(model="zai/glm-5.3", messages=[], n=1, seed=None{})\n'
    assert applied(registry, HEAD + call.format(""), "zhipu")[1] == []
    sent = call.replace("n=1", "n=3")
    assert applied(registry, HEAD + sent.format(", drop_params=True"), "zhipu")[1] == []
    dropped = HEAD + "litellm.drop_params = True\n" + sent.format("")
    assert applied(registry, dropped, "zhipu")[1] == []
    assert [f[1] for f in applied(registry, HEAD + sent.format(""), "zhipu")[1]] == ["manual"]


def test_a_guarded_call_through_a_shared_name_is_checked_as_litellm_s(registry):
    """shell_gpt's hand fix (t51j): the litellm path called through `completion` under the
    test binding it, its model put on the route at run time."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'USE_LITELLM = os.getenv("USE_LITELLM") == "true"\n'
        "if USE_LITELLM:\n"
        "    import litellm\n\n"
        "    completion = litellm.completion\n"
        "else:\n"
        '    client = OpenAI(api_key=os.environ["ARK_API_KEY"], base_url='
        'os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"))\n'
        "    completion = client.chat.completions.create\n\n\n"
        "def ask(model, messages, tools):\n"
        "    if USE_LITELLM:\n"
        "        return completion(\n"
        '            model="volcengine/" + model,\n'
        "            messages=messages,\n"
        '            api_key=os.environ["ARK_API_KEY"],\n'
        '            api_base=os.environ.get("ARK_BASE_URL", '
        '"https://ark.cn-beijing.volces.com/api/v3"),\n'
        "            tools=tools,\n"
        "            parallel_tool_calls=False,\n"
        "        )\n"
        "    return completion(model=model, messages=messages, tools=tools, "
        "parallel_tool_calls=False)\n"
    )
    after, found, again = applied(registry, text)
    assert after == text.replace(
        "            parallel_tool_calls=False,\n",
        "            parallel_tool_calls=False,\n"
        '            allowed_openai_params=["parallel_tool_calls"],\n',
    )
    assert [(line, fix) for line, fix, _ in found] == [(23, "review")]
    assert found[0][2].startswith("completion() goes through litellm's volcengine/ route, ")
    assert again == []


def test_a_provider_routed_through_openai_keeps_what_that_route_takes(registry):
    text = (
        HEAD + 'r = litellm.completion(model="gpt-4o", messages=[], tools=TOOLS, '
        'parallel_tool_calls=False, verbosity="low")\n'
    )
    after, found, _ = applied(registry, text, "siliconflow")
    assert "allowed_openai_params" not in after
    assert [(line, fix) for line, fix, _ in found] == [(4, "manual")]
    assert (
        "litellm's openai/ route (as apply writes its model), which refuses verbosity "
        in (found[0][2])
    )


SHELL_GPT = (
    "import os\n\nimport litellm\n\n"
    'use_litellm = os.getenv("USE_LITELLM") == "true"\n'
    'additional_kwargs = {"timeout": 60, "api_key": os.environ["ARK_API_KEY"]}\n'
    "if not use_litellm:\n"
    "    additional_kwargs = {}\n\n\n"
    "def ask(model, messages, functions):\n"
    "    if functions:\n"
    '        additional_kwargs["tools"] = functions\n'
    '        additional_kwargs["parallel_tool_calls"] = False\n'
    "{kwargs}"
    "    return litellm.completion(\n"
    '        model="volcengine/" + model,\n'
    "        messages=messages,\n"
    '        api_base=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),'
    "\n"
    "        **{spread},\n"
    "    )\n"
)


def test_keys_set_on_a_mapping_the_module_does_not_show_whole_are_left_to_a_person(registry):
    """shell_gpt's module-level `additional_kwargs`, bound twice, given `parallel_tool_calls` in
    the function that spreads it (as is, or filtered by a comprehension: t51j's hand fix)."""
    filtered = '    litellm_kwargs = {k: v for k, v in additional_kwargs.items() if k not in ("timeout",)}\n'
    message = (
        "litellm.completion() goes through litellm's volcengine/ route, which refuses "
        "parallel_tool_calls (set on line 14 in the `**` mapping it spreads) before it sends "
        "anything (UnsupportedParamsError); ByteDance Doubao (Volcengine Ark) takes "
        'parallel_tool_calls: pass allowed_openai_params=["parallel_tool_calls"] to the call '
        "(apply does not: the call's keywords are not all written in one place it can edit), "
        "by hand"
    )
    for kwargs, spread in (("", "additional_kwargs"), (filtered, "litellm_kwargs")):
        text = SHELL_GPT.replace("{kwargs}", kwargs).replace("{spread}", spread)
        after, found, _ = applied(registry, text)
        assert after == text
        assert found == [(15 + bool(kwargs), "manual", message)]
        listed = text.replace(
            "        messages=messages,\n",
            '        messages=messages,\n        allowed_openai_params=["parallel_tool_calls"],\n',
        )
        assert applied(registry, listed)[1] == []
    dropped = SHELL_GPT.replace(
        "{kwargs}", filtered.replace('"timeout",', '"parallel_tool_calls",')
    )
    assert applied(registry, dropped.replace("{spread}", "litellm_kwargs"))[1] == []
