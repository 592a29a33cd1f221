"""Fixes from the mem0 trial (t47b): agno runs that send images get the provider's model for
images (ML685), a model test that picks max_completion_tokens over max_tokens is left with a
note (ML205), and clients whose key falls back to a local server's word are left (ML003,
ML114). Exact findings and before/after text, and a second apply that changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ZHIPU = "Zhipu AI (GLM)"
ZHIPU_KEY = 'api_key=os.environ.get("ZAI_API_KEY", "unset")'
ZHIPU_URL = 'base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'
HEAD = "from agno.agent import Agent\nfrom agno.media import Image\n"
MODELS = "from agno.models.openai import OpenAIChat\n"
NO_OUTPUTS = "supports_native_structured_outputs=False"
LIKE = (
    "it becomes OpenAILike, which sends the system prompt as 'system' (OpenAIChat: "
    "'developer'), with supports_native_structured_outputs=False: Zhipu AI (GLM) has no "
    "structured outputs (response_format json_schema), so agno asks for JSON mode "
    "(json_object) instead"
)
ZHIPU_HEAD = (
    "OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); for Zhipu AI (GLM) read "
    "the key from ZAI_API_KEY and the base URL from ZAI_BASE_URL (default "
    "https://open.bigmodel.cn/api/paas/v4)"
)


def found(registry, text: str, provider: str, rule: str) -> list[tuple]:
    """(line, severity, fix, message, data) of the findings of `rule` on `text`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def migrated(registry, text: str, provider: str) -> str:
    ctx = RuleContext(registry, registry.get(provider))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f for f in again if f.edit is not None] == []  # a second apply changes nothing
    return after


# --- ML685: agno runs with images ------------------------------------------------------------

IMAGES_ONLY = (
    f"{HEAD}{MODELS}\n"
    'model = OpenAIChat(id="gpt-4.1-nano")\n'
    "agent = Agent(model=model)\n\n\n"
    "def describe(path):\n"
    '    return agent.run("What is in it?", images=[Image(filepath=path)])\n'
)
BOTH = (
    f"{HEAD}{MODELS}\n"
    'agent = Agent(model=OpenAIChat(id="gpt-4.1-nano"), markdown=True)\n\n\n'
    "def chat(prompt, path=None):\n"
    "    if path:\n"
    "        return agent.run(prompt, images=[Image(filepath=path)])\n"
    "    return agent.run(prompt)\n"
)


def test_a_model_whose_agent_is_run_with_images_gets_the_model_for_images(registry):
    assert found(registry, IMAGES_ONLY, "zhipu", "ML685") == [
        (
            5,
            "error",
            "review",
            f"{ZHIPU_HEAD}; model 'gpt-4.1-nano' -> 'glm-4.6v'; the run on line 10 sends it "
            f"images: 'glm-4.6v' is {ZHIPU}'s model for images; {LIKE}",
            {
                "framework": "agno",
                "class": "OpenAIChat",
                "api_key_env": "ZAI_API_KEY",
                "base_url_env": "ZAI_BASE_URL",
                "model_from": "gpt-4.1-nano",
                "model_to": "glm-4.6v",
                "vision": True,
                "replacement": "agno.models.openai.OpenAILike",
            },
        )
    ]
    assert migrated(registry, IMAGES_ONLY, "zhipu") == (
        "import os\n\n"
        f"{HEAD}from agno.models.openai import OpenAILike\n\n"
        f"model = OpenAILike(\n    {ZHIPU_KEY},\n    {ZHIPU_URL},\n    {NO_OUTPUTS},\n"
        '    id="glm-4.6v",\n)\n'
        "agent = Agent(model=model)\n\n\n"
        "def describe(path):\n"
        '    return agent.run("What is in it?", images=[Image(filepath=path)])\n'
    )


def test_an_agent_run_with_and_without_images_takes_a_model_for_images_answering_text(registry):
    (finding,) = found(registry, BOTH, "zhipu", "ML685")
    assert finding[:4] == (
        5,
        "error",
        "review",
        f"{ZHIPU_HEAD}; model 'gpt-4.1-nano' -> 'glm-4.6v'; the run on line 10 sends it "
        f"images, the run on line 11 none: 'glm-4.6v' is {ZHIPU}'s model for images, and "
        f"answers text too; {LIKE}",
    )
    assert 'id="glm-4.6v"' in migrated(registry, BOTH, "zhipu")


def test_the_model_for_images_a_text_tier_names_too_answers_text(registry):
    # DeepSeek's model for images is its fast text model as well
    (finding,) = found(registry, BOTH, "deepseek", "ML685")
    assert finding[2] == "review"
    assert (
        "the run on line 10 sends it images, the run on line 11 none: 'deepseek-flash' is "
        "DeepSeek's model for images, and answers text too" in finding[3]
    )


def test_an_agent_run_both_ways_is_left_where_the_model_for_images_may_not_answer_text(
    registry,
):
    assert found(registry, BOTH, "qwen", "ML685") == [
        (
            5,
            "error",
            "manual",
            "OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); the run on line 10 "
            "sends it images, the run on line 11 none: 'qwen3-vl-plus', Alibaba Qwen "
            "(DashScope / Model Studio)'s model for images, is not known to answer text alone; "
            'give the runs with images an agent of their own on OpenAILike(id="qwen3-vl-plus", '
            'api_key=os.environ["DASHSCOPE_API_KEY"], base_url=os.environ.get('
            '"DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"), '
            "supports_native_structured_outputs=False), the others one on a text model, by hand",
            {"framework": "agno", "class": "OpenAIChat"},
        )
    ]
    assert migrated(registry, BOTH, "qwen") == BOTH


@pytest.mark.parametrize(
    "run",
    [
        'agent.print_response("Hi", images=[Image(url=u)])',
        'await agent.arun("Hi", images=[Image(url=u)])',
        'await agent.aprint_response("Hi", stream=False, images=[Image(url=u)])',
    ],
)
def test_each_run_method_given_images_counts(registry, run):
    text = (
        f"{HEAD}{MODELS}\n"
        'agent = Agent(model=OpenAIChat(id="gpt-4.1-nano"))\n\n\n'
        f"async def main(u):\n    {run}\n"
    )
    (finding,) = found(registry, text, "zhipu", "ML685")
    assert "model 'gpt-4.1-nano' -> 'glm-4.6v'; the run on line 9 sends it images:" in finding[3]


def test_runs_without_images_or_given_none_keep_the_text_model(registry):
    text = (
        f"{HEAD}{MODELS}\n"
        'agent = Agent(model=OpenAIChat(id="gpt-4.1-nano"))\n'
        'agent.print_response("Hi", images=None)\n'
        'agent.run("Hi")\n'
    )
    (finding,) = found(registry, text, "zhipu", "ML685")
    assert "model 'gpt-4.1-nano' -> 'glm-4.7-flash';" in finding[3]
    assert "images" not in finding[4]


def test_an_agent_held_by_self_is_traced(registry):
    text = (
        f"{HEAD}{MODELS}\n\n"
        "class Bot:\n"
        "    def __init__(self):\n"
        '        self.agent = Agent(model=OpenAIChat(id="gpt-4o-mini"))\n\n'
        "    def look(self, path):\n"
        '        return self.agent.run("What?", images=[Image(filepath=path)])\n'
    )
    (finding,) = found(registry, text, "zhipu", "ML685")
    assert "model 'gpt-4o-mini' -> 'glm-4.6v'; the run on line 11 sends it images:" in finding[3]


def test_an_agent_without_a_model_run_with_images_is_told_the_model_for_images(registry):
    text = f'{HEAD}\nagent = Agent()\nagent.run("What?", images=[Image(url="u")])\n'
    (finding,) = found(registry, text, "zhipu", "ML685")
    assert 'pass model=OpenAILike(id="glm-4.6v", ' in finding[3]


# --- ML205: a test picking max_completion_tokens -----------------------------------------------

PICKED = (
    "def uses_completion_tokens(model):\n"
    '    base = (model or "").lower()\n'
    '    return base.startswith("gpt-5")\n\n\n'
    "def params(model, n):\n"
    "    if uses_completion_tokens(model):\n"
    '        return {"max_completion_tokens": n}\n'
    "    else:\n"
    '        return {"max_tokens": n}\n'
)
TUPLE = (
    "def params(model, n):\n"
    '    if model in ("o1", "o3-mini"):\n'
    '        return {"max_completion_tokens": n}\n'
    '    return {"max_tokens": n}\n'
)
LEFT = (
    "it picks max_completion_tokens for the models that pass it (line {line}) and max_tokens "
    "for the others: {name}'s models take max_tokens, which the other branch sends; leave it"
)
PICK_DATA = {"parameter_passing": "max_completion_tokens", "parameter_failing": "max_tokens"}


def test_a_family_test_returned_to_a_max_tokens_choice_is_a_note(registry):
    assert found(registry, PICKED, "zhipu", "ML205") == [
        (
            3,
            "note",
            "none",
            ".startswith('gpt-5') is an OpenAI model-family check: "
            + LEFT.format(line=8, name=ZHIPU),
            PICK_DATA,
        )
    ]
    assert migrated(registry, PICKED, "zhipu") == PICKED


def test_a_tuple_deciding_max_completion_tokens_gains_nothing(registry):
    assert found(registry, TUPLE, "acme", "ML205") == [
        (
            2,
            "note",
            "none",
            "'o1', 'o3-mini' in a tuple are OpenAI model ids: code that checks models against "
            "them may reject Acme Cloud's models; " + LEFT.format(line=3, name="Acme Cloud"),
            PICK_DATA,
        )
    ]
    assert migrated(registry, TUPLE, "acme") == TUPLE


def test_a_negated_test_picks_the_other_way(registry):
    text = (
        "def params(model, n):\n"
        '    key = "max_tokens" if not model.startswith("o1") else "max_completion_tokens"\n'
        "    return {key: n}\n"
    )
    ((line, severity, fix, message, _),) = found(registry, text, "zhipu", "ML205")
    assert (line, severity, fix) == (2, "note", "none")
    assert message.endswith(LEFT.format(line=2, name=ZHIPU))


def test_a_test_picking_something_else_keeps_its_advice(registry):
    text = (
        "def params(model, n):\n"
        '    if model.startswith("gpt-5"):\n'
        '        return {"reasoning": n}\n'
        '    return {"max_tokens": n}\n'
    )
    ((_, severity, fix, message, _),) = found(registry, text, "zhipu", "ML205")
    assert (severity, fix) == ("warning", "manual")
    assert message.endswith(f"make it accept {ZHIPU}'s models (starting with 'glm-') by hand")


def test_where_the_provider_takes_the_passing_name_the_advice_stays(registry):
    provider = registry.get("zhipu")
    params = {**provider.params, "max_tokens_param": "max_completion_tokens"}
    ctx = RuleContext(registry, replace(provider, params=params))
    (finding,) = [f for f in check_python(PICKED, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert (finding.severity.value, finding.fix.value) == ("warning", "manual")


# --- ML003 / ML114: a key that falls back to a local server's word ------------------------------

LOCAL = (
    "from openai import OpenAI\n\n\n"
    "class Embedder:\n"
    "    def __init__(self, config):\n"
    "        self.config = config\n"
    '        self.config.model = self.config.model or "nomic-embed-text"\n'
    "        self.config.api_key = self.config.api_key or {fallback}\n"
    "        self.client = OpenAI(base_url=self.config.base_url, api_key=self.config.api_key)\n\n"
    "    def embed(self, texts):\n"
    "        return self.client.embeddings.create(input=texts, model=self.config.model)\n"
)


@pytest.mark.parametrize(
    ("fallback", "key"),
    [('"lm-studio"', "lm-studio"), ('os.getenv("VLLM_API_KEY") or "vllm-api-key"', "vllm-api-key")],
)
def test_a_key_set_above_to_a_local_servers_word_leaves_the_client(registry, fallback, key):
    text = LOCAL.format(fallback=fallback)
    assert [f[:4] for f in found(registry, text, "zhipu", "ML003")] == [
        (
            9,
            "note",
            "none",
            "OpenAI() takes its base URL from `self.config.base_url` at run time and the key "
            f"{key!r} by default, which only a server of your own takes (OpenAI refuses it); "
            "left as it is",
        )
    ]
    assert found(registry, text, "zhipu", "ML114") == []
    assert migrated(registry, text, "zhipu") == text


def test_a_key_set_in_a_branch_above_is_not_followed(registry):
    text = LOCAL.format(fallback='"lm-studio"').replace(
        '        self.config.api_key = self.config.api_key or "lm-studio"\n',
        "        if config.local:\n"
        '            self.config.api_key = self.config.api_key or "lm-studio"\n',
    )
    ((_, severity, fix, _),) = [f[:4] for f in found(registry, text, "zhipu", "ML003")]
    assert (severity, fix) == ("warning", "review")
