"""Compatibility rules ML111-ML114: exact messages, positions, fixes, and when they stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
COMPAT = {"ML111", "ML112", "ML113", "ML114"}


def compat(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in COMPAT]


def rows(registry, text, provider="acme"):
    return [
        (f.rule, f.line, f.column, f.end_column, f.severity, f.fix, f.message)
        for f in compat(registry, text, provider)
    ]


def migrated(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after


def chat(args: str) -> str:
    return HEAD + f"c.chat.completions.create(model=m, messages=[], {args})\n"


W, N = Severity.WARNING, Severity.NOTE
# what the message for `functions=` in an SDK request adds after "rewrite it as tools="
TOOLS_AFTER = (
    ", then read the calls from the reply's message.tool_calls[i].function.name and .arguments "
    "(not message.function_call) and send back the assistant message with its tool_calls and "
    'each result as {"role": "tool", "tool_call_id": ..., "content": ...}'
)
SAFE, REVIEW, MANUAL = FixClass.SAFE, FixClass.REVIEW, FixClass.MANUAL


def test_temperature_out_of_range_is_clamped_in_the_literal_form(registry):
    text = chat("temperature=1.5")
    assert rows(registry, text) == [
        (
            "ML111",
            3,
            61,
            64,
            W,
            REVIEW,
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    assert migrated(registry, text).endswith("temperature=1.0)\n")
    assert migrated(registry, chat("temperature=-1")).endswith("temperature=0)\n")
    assert migrated(registry, chat("temperature=2")).endswith("temperature=1)\n")


def test_temperature_in_range_or_computed_is_silent(registry):
    assert compat(registry, chat("temperature=0.7")) == []
    assert compat(registry, chat("temperature=t")) == []
    assert compat(registry, chat("top_p=2")) == []  # acme's table has no top_p: unknown


def test_temperature_constant_is_reported_without_an_edit(registry):
    text = HEAD + "T = 2\nc.chat.completions.create(model=m, messages=[], temperature=T)\n"
    [finding] = compat(registry, text)
    assert (finding.line, finding.column, finding.fix, finding.edit) == (4, 61, MANUAL, None)
    assert finding.message == (
        "temperature 2 (constant T) is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1"
    )


def test_uncertain_parameter_carries_the_reason(registry):
    text = chat("temperature=0")
    assert rows(registry, text, "minimax") == [
        (
            "ML111",
            3,
            61,
            62,
            W,
            REVIEW,
            "temperature 0 is outside the range MiniMax accepts, [0.01, 1.0]; use 0.01 "
            "(unconfirmed: lower bound is open (0 rejected); 0.01 is migrate-llm's stand-in)",
        )
    ]
    assert migrated(registry, text, "minimax").endswith("temperature=0.01)\n")


def test_tool_choice_required_and_named(registry):
    assert rows(registry, chat('tool_choice="required"')) == [
        (
            "ML111",
            3,
            61,
            71,
            W,
            MANUAL,
            'tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); '
            'use "auto" and check that the model calls a tool',
        )
    ]
    named = chat('tool_choice={"type": "function", "function": {"name": "f"}}')
    assert [f.message for f in compat(registry, named)] == [
        "a named tool in tool_choice is not accepted by Acme Cloud (accepted: auto, none); use "
        '"auto" and offer only that tool in tools='
    ]
    assert compat(registry, chat('tool_choice="auto"')) == []
    assert compat(registry, chat('tool_choice="required"'), "deepseek") == []


def test_response_format_json_schema(registry):
    # one of the values it may send: ML111's (written alone, ML101's error says it:
    # tests/test_structured_outputs_refused.py)
    text = chat('response_format={"type": "json_schema", "json_schema": {}} if s else None')
    assert rows(registry, text) == [
        (
            "ML111",
            3,
            65,
            107,
            W,
            MANUAL,
            'response_format type "json_schema" (when s) is not accepted by Acme Cloud '
            "(accepted: text, json_object); use json_object and describe the schema in the "
            "prompt",
        )
    ]
    assert (
        compat(registry, chat('response_format={"type": "json_schema", "json_schema": {}}')) == []
    )
    assert compat(registry, chat('response_format={"type": "json_object"}')) == []
    assert compat(registry, chat("response_format=MyModel")) == []


def test_n_above_the_maximum(registry):
    assert rows(registry, chat("n=3")) == [
        (
            "ML111",
            3,
            51,
            52,
            W,
            MANUAL,
            "n=3 asks for more choices than Acme Cloud returns (at most 1); make several "
            "requests instead",
        )
    ]
    assert compat(registry, chat("n=1")) == []


def test_reasoning_effort_the_provider_does_not_list(registry):
    # DeepSeek takes low, high and max: "medium" and "minimal" went out unreported
    text = (
        HEAD
        + 'EFFORT = "minimal"\n'
        + 'c.chat.completions.create(model=m, messages=[], reasoning_effort="medium")\n'
        + "c.chat.completions.create(model=m, messages=[], reasoning_effort=EFFORT)\n"
        + 'c.chat.completions.create(model=m, messages=[], reasoning_effort="high")\n'
        + "c.chat.completions.create(model=m, messages=[], reasoning_effort=effort)\n"
    )
    accepted = "is not accepted by DeepSeek (accepted: low, high, max); choose one of those by hand"
    assert rows(registry, text, "deepseek") == [
        ("ML111", 4, 66, 74, W, MANUAL, f'reasoning_effort="medium" {accepted}'),
        ("ML111", 5, 66, 72, W, MANUAL, f'reasoning_effort="minimal" (constant EFFORT) {accepted}'),
    ]
    # a provider whose file does not list the values: nothing said
    assert compat(registry, text) == []


def test_flag_parameters_only_where_the_provider_says_false(registry):
    assert rows(registry, chat("seed=1"), "deepseek") == [
        (
            "ML111",
            3,
            49,
            55,
            W,
            MANUAL,
            "seed= is not supported by DeepSeek; remove it (outputs cannot be made reproducible) "
            "(unconfirmed: seed is absent from the API reference)",
        )
    ]
    assert [
        f.message for f in compat(registry, chat('functions=[], function_call="auto"'), "moonshot")
    ] == [
        "functions= is not supported by Moonshot AI (Kimi); rewrite it as tools=" + TOOLS_AFTER,
        "function_call= is not supported by Moonshot AI (Kimi); rewrite it as tool_choice=",
    ]
    text = chat('functions=[], function_call="auto"')
    absent = (
        " (unconfirmed: functions and function_call are absent from the API reference, which "
        "lists tools and tool_choice; the docs do not say the legacy parameters are rejected)"
    )
    assert rows(registry, text, "deepseek") == [
        (
            "ML111",
            3,
            49,
            61,
            W,
            MANUAL,
            "functions= is not supported by DeepSeek; rewrite it as tools=" + TOOLS_AFTER + absent,
        ),
        (
            "ML111",
            3,
            63,
            83,
            W,
            MANUAL,
            "function_call= is not supported by DeepSeek; rewrite it as tool_choice=" + absent,
        ),
    ]
    # zhipu's SDK takes tools and tool_choice only (t42d: llm-cookbook's function-calling
    # lessons read `message.function_call`, None there, with check green)
    assert [f.message.split(" (unconfirmed")[0] for f in compat(registry, text, "zhipu")] == [
        "functions= is not supported by Zhipu AI (GLM); rewrite it as tools=" + TOOLS_AFTER,
        "function_call= is not supported by Zhipu AI (GLM); rewrite it as tool_choice=",
    ]
    # Qwen names no legacy functions= rule, but a named function_call forces a function as a
    # named tool_choice does, which it refuses (t42f: instructor's citation example)
    named = chat('functions=[], function_call={"name": "answer"}')
    assert [f.message.split(" (unconfirmed")[0] for f in compat(registry, named, "qwen")] == [
        "a named function in function_call is not accepted by Alibaba Qwen (DashScope / Model "
        'Studio) (accepted: none, auto); use "auto" and offer only that function'
    ]
    assert compat(registry, chat('functions=[], function_call="auto"'), "qwen") == []
    # acme's table says nothing about these: unknown is not unsupported
    assert compat(registry, chat("seed=1, logprobs=True, parallel_tool_calls=False")) == []
    assert compat(registry, chat("seed=1"), "zhipu") == []  # zhipu: seed = true


def test_max_completion_tokens_renamed(registry):
    text = chat("max_completion_tokens=50")
    assert rows(registry, text) == [
        (
            "ML112",
            3,
            49,
            73,
            W,
            SAFE,
            "Acme Cloud takes max_tokens=, not max_completion_tokens=",
        )
    ]
    assert migrated(registry, text).endswith("messages=[], max_tokens=50)\n")


def test_max_tokens_renamed_the_other_way(registry):
    text = chat("max_tokens=50")
    [finding] = compat(registry, text, "minimax")
    assert finding.message == (
        "MiniMax takes max_completion_tokens=, not max_tokens= (unconfirmed: AgentScope: "
        "max_tokens is deprecated; the official text-chat reference still documents max_tokens "
        "(maximum 2048))"
    )
    assert migrated(registry, text, "minimax").endswith("max_completion_tokens=50)\n")


def test_qwen_gets_max_completion_tokens_not_max_tokens(registry):
    # qwen.toml: Alibaba deprecated max_tokens (notice effective 2026-04-20); never the reverse.
    text = chat("max_tokens=50")
    [finding] = compat(registry, text, "qwen")
    assert (finding.rule, finding.fix) == ("ML112", SAFE)
    assert finding.message == (
        "Alibaba Qwen (DashScope / Model Studio) takes max_completion_tokens=, not max_tokens="
    )
    assert migrated(registry, text, "qwen").endswith("max_completion_tokens=50)\n")
    assert compat(registry, chat("max_completion_tokens=50"), "qwen") == []


def test_max_tokens_left_alone_when_both_or_either_accepted(registry):
    assert compat(registry, chat("max_tokens=5, max_completion_tokens=5")) == []
    assert compat(registry, chat("max_completion_tokens=5"), "moonshot") == []  # its own name


DEVELOPER = HEAD + (
    "c.chat.completions.create(\n"
    "    model=m,\n"
    "    messages=[{'role': 'developer', 'content': 'Be brief.'}, {'role': 'user', 'content': q}],\n"
    ")\n"
)


def test_developer_role_becomes_system(registry):
    assert rows(registry, DEVELOPER, "qwen") == [
        (
            "ML113",
            5,
            24,
            35,
            W,
            SAFE,
            'role "developer" is not accepted by Alibaba Qwen (DashScope / Model Studio); use '
            '"system" (unconfirmed: one source (pi-free#45), 2026-04)',
        )
    ]
    after = migrated(registry, DEVELOPER, "qwen")
    assert "messages=[{'role': 'system', 'content': 'Be brief.'}" in after
    assert compat(registry, after, "qwen") == []
    assert compat(registry, DEVELOPER, "acme") == []  # developer_role unknown for acme


def test_developer_role_in_a_constant_list(registry):
    text = (
        HEAD + 'MESSAGES = [{"role": "developer", "content": "x"}]\n'
        "c.chat.completions.create(model=m, messages=MESSAGES)\n"
        "c.chat.completions.create(model=m, messages=MESSAGES)\n"
    )
    findings = compat(registry, text, "qwen")
    assert [(f.rule, f.line, f.column) for f in findings] == [("ML113", 3, 22)]
    assert 'MESSAGES = [{"role": "system", "content": "x"}]' in migrated(registry, text, "qwen")


def test_embeddings_note_dimensions_and_batch(registry):
    texts = ", ".join('"t"' for _ in range(17))
    text = HEAD + (
        f'c.embeddings.create(model="text-embedding-3-small", input=[{texts}], dimensions=1536)\n'
    )
    assert rows(registry, text) == [
        (
            "ML114",
            3,
            1,
            20,
            N,
            MANUAL,
            "vectors from acme-embed are not comparable with stored OpenAI "
            "vectors: re-embed what you store",
        ),
        (
            "ML114",
            3,
            59,
            144,
            W,
            MANUAL,
            "input= holds 17 texts; Acme Cloud embeds at most 16 inputs per request: send "
            "batches of 16",
        ),
        (
            "ML114",
            3,
            157,
            161,
            W,
            MANUAL,
            "dimensions=1536 is not offered by Acme Cloud (offered: 1024)",
        ),
    ]
    ok = (
        HEAD + 'c.embeddings.create(model="text-embedding-3-small", input=["a"], dimensions=1024)\n'
    )
    assert [f.severity for f in compat(registry, ok)] == [N]


BATCHES = """from openai import OpenAI

c = OpenAI()
SIZE = 16


def embed(texts, text: str, *more):
    c.embeddings.create(model="acme-embed", input=texts)
    c.embeddings.create(model="acme-embed", input=[t.strip() for t in texts])
    c.embeddings.create(model="acme-embed", input=("a", *more))
    c.embeddings.create(model="acme-embed", input=texts[:32])
    c.embeddings.create(model="acme-embed", input=texts[::2])
    c.embeddings.create(model="acme-embed", input=text)
    c.embeddings.create(model="acme-embed", input=f"{text}!")
    c.embeddings.create(model="acme-embed", input=[text, text])
    c.embeddings.create(model="acme-embed", input=texts[:16])
    for start in range(0, len(texts), SIZE):
        batch = texts[start : start + SIZE]
        c.embeddings.create(model="acme-embed", input=batch)
    params = {"model": "acme-embed", "input": texts}
    c.embeddings.create(**params)
    c.embeddings.create(**params)
"""


def test_embeddings_input_not_shown_to_fit_the_batch_limit_is_a_warning(registry):
    """camel's `embed_list` sent `input=texts`, twelve of them, in one request: DashScope
    takes ten. A string, a short list or a slice no longer than the limit is shown to fit."""
    warnings = [
        (f.line, f.column, f.fix, f.message) for f in compat(registry, BATCHES) if f.severity == W
    ]
    tail = "; Acme Cloud embeds at most 16 inputs per request: send batches of 16"
    assert warnings == [
        (8, 51, MANUAL, "input=texts may hold more than 16 texts" + tail),
        (9, 51, MANUAL, "input=[t.strip() for t in texts] may hold more than 16 texts" + tail),
        (10, 52, MANUAL, 'input=("a", *more) may hold more than 16 texts' + tail),
        (11, 51, MANUAL, "input=texts[:32] may hold more than 16 texts" + tail),
        (12, 51, MANUAL, "input=texts[::2] may hold more than 16 texts" + tail),
        (20, 47, MANUAL, "input=texts may hold more than 16 texts" + tail),
    ]


ONE_TEXT = """from typing import List

from openai import OpenAI

c = OpenAI()


def cut(text: str):
    c.embeddings.create(model="acme-embed", input=text[:8000])


def stripped(text: str):
    t = text.strip()
    c.embeddings.create(model="acme-embed", input=t)
    c.embeddings.create(model="acme-embed", input=" ".join([text, t]).lower())


def sentences(text: str):
    for part in text.split("."):
        c.embeddings.create(model="acme-embed", input=part)


def clean(text) -> str:
    return text


def cleaned(raw):
    c.embeddings.create(model="acme-embed", input=clean(raw)[:500])


class Embedder:
    def prepare(self, text) -> str:
        return text

    def chunks(self, text) -> List[str]:
        return [text]

    def pieces(self, text) -> list[str]:
        return [text]

    def embed(self, raw, limit):
        short = self.prepare(raw)[:limit]
        c.embeddings.create(model="acme-embed", input=short)
        for chunk in self.chunks(raw):
            c.embeddings.create(model="acme-embed", input=chunk)
        for piece in self.pieces(raw):
            c.embeddings.create(model="acme-embed", input=piece)
"""


def test_embeddings_batch_one_string_fits(registry):
    """ChatDev's embedder sent a slice of `self._preprocess_text(text)` (annotated `-> str`)
    and each item of `self._chunk_text(...)` (`-> List[str]`): one text each. So do a slice
    or a str method's result of a parameter annotated `str`, and the parts of its split."""
    found = [(f.line, f.severity) for f in compat(registry, ONE_TEXT) if f.rule == "ML114"]
    assert found == [(line, N) for line in (9, 14, 15, 20, 28, 43, 45, 47)]


MANY_TEXTS = """from openai import OpenAI

c = OpenAI()


def listed(text) -> list:
    return [text]


def batches(text) -> list[list[str]]:
    return [[text]]


def embed(text: str, items: list[str], raw):
    c.embeddings.create(model="acme-embed", input=text.split("."))
    c.embeddings.create(model="acme-embed", input=items[:100])
    c.embeddings.create(model="acme-embed", input=raw.strip())
    c.embeddings.create(model="acme-embed", input=listed(text)[:50])
    for batch in batches(text):
        c.embeddings.create(model="acme-embed", input=batch)
    for item in items:
        c.embeddings.create(model="acme-embed", input=item)
"""


def test_embeddings_batch_a_value_that_may_be_a_list_is_still_a_warning(registry):
    """A split is a list; a slice of a list of strings, a method called on a value of
    unknown type, a call annotated `-> list` and the items of a list of lists may hold more
    than the limit. The items of a parameter annotated `list[str]` are one text each."""
    warnings = [(f.line, f.message) for f in compat(registry, MANY_TEXTS) if f.severity == W]
    tail = " may hold more than 16 texts; Acme Cloud embeds at most 16 inputs per request: " + (
        "send batches of 16"
    )
    assert warnings == [
        (15, 'input=text.split(".")' + tail),
        (16, "input=items[:100]" + tail),
        (17, "input=raw.strip()" + tail),
        (18, "input=listed(text)[:50]" + tail),
        (20, "input=batch" + tail),
    ]


INSTANCE_METHODS = """from openai import OpenAI

c = OpenAI()


class Page:
    def __init__(self, title, body):
        self.title, self.body = title, body

    def as_text(self) -> str:
        return self.title + self.body

    def parts(self) -> list[str]:
        return [self.title, self.body]


class Note:
    def as_text(self):
        return [self]


def store(page: Page, note: Note, other):
    c.embeddings.create(model="acme-embed", input=page.as_text())
    built = Page("t", "b")
    c.embeddings.create(model="acme-embed", input=built.as_text())
    c.embeddings.create(model="acme-embed", input=page.parts())
    c.embeddings.create(model="acme-embed", input=note.as_text())
    c.embeddings.create(model="acme-embed", input=other.as_text())
"""


def test_embeddings_batch_a_method_of_an_instance_of_the_module_s_class(registry):
    """pydantic-ai's RAG example sent `section.embedding_content()`, `section` a parameter
    annotated with the module's class whose method is annotated `-> str`: one text. So is
    that method called on a name bound to an instance of the class. Another method, one not
    annotated `-> str`, or a receiver of unknown class may hold many."""
    tail = " may hold more than 16 texts; Acme Cloud embeds at most 16 inputs per request: " + (
        "send batches of 16"
    )
    found = [(f.line, f.severity, f.message) for f in compat(registry, INSTANCE_METHODS)]
    assert [(line, severity) for line, severity, _ in found if severity == N] == [
        (23, N),
        (25, N),
        (26, N),
        (27, N),
        (28, N),
    ]
    assert [(line, message) for line, severity, message in found if severity == W] == [
        (26, "input=page.parts()" + tail),
        (27, "input=note.as_text()" + tail),
        (28, "input=other.as_text()" + tail),
    ]


HELPERS = """from openai import OpenAI

c = OpenAI()


def send(batch):
    return c.embeddings.create(model="acme-embed", input=batch)


def chunked(texts):
    chunks = [texts[i : i + 8] for i in range(0, len(texts), 8)]
    return [send(chunk) for chunk in chunks]


def pairs():
    for group in (["a", "b"], ["c"]):
        send(group)


def loose(q):
    return c.embeddings.create(model="acme-embed", input=q)


def callers(docs):
    loose("x")
    loose(docs)
"""


def test_embeddings_batch_a_helper_is_always_given_within_the_limit_fits(registry):
    """The assistant app's `embed(batch)` over `texts[i : i + 2]` slices: every call of the
    helper in the module passes a batch that fits, so its `input=` does. One call passing
    a list of unknown length is enough to warn."""
    assert [(f.line, f.message) for f in compat(registry, HELPERS) if f.severity == W] == [
        (
            21,
            "input=q may hold more than 16 texts; Acme Cloud embeds at most 16 inputs per "
            "request: send batches of 16",
        )
    ]


def test_embeddings_batch_limit_on_qwen_is_ten_and_check_fails(registry):
    text = HEAD + 'c.embeddings.create(input=texts, model="text-embedding-3-small")\n'
    assert [(f.message, f.fix) for f in compat(registry, text, "qwen") if f.severity == W] == [
        (
            "input=texts may hold more than 10 texts; Alibaba Qwen (DashScope / Model Studio) "
            "embeds at most 10 inputs per request: send batches of 10",
            MANUAL,
        )
    ]
    after = migrated(registry, text, "qwen")
    assert "input=texts" in after
    assert [f.message for f in compat(registry, after, "qwen") if f.severity == W] == [
        "input=texts may hold more than 10 texts; Alibaba Qwen (DashScope / Model Studio) "
        "embeds at most 10 inputs per request: send batches of 10"
    ]
    # OpenAI's own limit (2048) is not checked when staying on OpenAI
    assert compat(registry, text, "openai") == []


FRAMEWORK_EMBEDDINGS = """from langchain_openai import OpenAIEmbeddings
from litellm import embedding
from llama_index.embeddings.openai import OpenAIEmbedding

a = OpenAIEmbeddings()
b = OpenAIEmbedding(model="text-embedding-3-small", embed_batch_size=8)
c = embedding(model="openai/text-embedding-ada-002", input=["x"])
d = embedding("text-embedding-3-small", input=["x"])
e = OpenAIEmbeddings(model=name)
f = OpenAIEmbeddings(base_url="http://localhost:8000/v1")
g = embedding(model="cohere/embed-english-v3.0", input=["x"])
h = embedding(model="text-embedding-3-small", input=["x"], api_base=BASE)
"""


def test_framework_embeddings_get_the_note_too(registry):
    """babyagi keeps litellm embeddings of its functions in a CSV: stored OpenAI vectors. A
    class given a base URL of its own, or another provider's model, is not OpenAI's. Where
    the OpenAI model is known, its vectors' size changes (1536 -> 1024): a warning, as on an
    SDK request."""
    note = (
        "vectors from acme-embed (1024 dimensions) are not comparable with stored OpenAI "
        "vectors: re-embed what you store"
    )

    def resized(model: str) -> str:
        return (
            f"acme-embed returns vectors 1024 wide, {model}'s were 1536 (1536 -> 1024): rebuild "
            "the stored vectors; Acme Cloud offers no dimensions=1536 (offered: 1024)"
        )

    ada, small = resized("text-embedding-ada-002"), resized("text-embedding-3-small")
    assert [(f.line, f.severity, f.message) for f in compat(registry, FRAMEWORK_EMBEDDINGS)] == [
        (5, W, ada),
        (6, W, small),
        (7, W, ada),
        (8, W, small),
        (9, N, note),
    ]
    assert compat(registry, FRAMEWORK_EMBEDDINGS, "deepseek") == []  # no embeddings at all


def test_litellm_embeddings_through_a_spread_dict(registry):
    """babyagi 2's `embed_input`: the model reaches `embedding(**params)` through the dict, as
    ML640 reads it; its stored CSV of 1536-wide vectors then failed against 1024-wide ones
    (t51d defect 4). Given the provider's base URL in the dict (what apply writes), the call
    is the provider's: no warning, as for the keyword form."""
    spread = (
        "from litellm import embedding\n\n\n"
        'def embed(text, model="text-embedding-ada-002"):\n'
        '    params = {"model": model, "input": [text]}\n'
        "    return embedding(**params)\n"
    )
    keyword = (
        "from litellm import embedding\n\n\n"
        'def embed(text, model="text-embedding-ada-002"):\n'
        "    return embedding(model=model, input=[text])\n"
    )
    message = (
        "acme-embed returns vectors 1024 wide, text-embedding-ada-002's were 1536 (1536 -> "
        "1024): rebuild the stored vectors; Acme Cloud offers no dimensions=1536 (offered: 1024)"
    )
    assert rows(registry, spread) == [("ML114", 6, 12, 21, W, MANUAL, message)]
    assert rows(registry, keyword) == [("ML114", 5, 12, 21, W, MANUAL, message)]
    sized = spread.replace('"input": [text]}', '"input": [text], "dimensions": 1024}')
    assert [(f.line, f.severity) for f in compat(registry, sized)] == [(6, N)]
    # babyagi's own: a size set on some paths only may be unset (its default, None)
    maybe = spread.replace(", model=", ", dims=None, model=").replace(
        "    return", '    if dims:\n        params["dimensions"] = dims\n    return'
    )
    assert rows(registry, maybe) == [("ML114", 8, 12, 21, W, MANUAL, message)]
    assert compat(registry, migrated(registry, spread)) == []


def test_legacy_calls_are_checked(registry):
    text = (
        "import openai\n"
        'openai.ChatCompletion.create(model="gpt-4o", messages=[], temperature=1.5)\n'
        'openai.Embedding.create(model="text-embedding-ada-002", input="x")\n'
    )
    assert [(f.rule, f.line) for f in compat(registry, text)] == [("ML111", 2), ("ML114", 3)]


CASES = [
    chat("temperature=1.5, n=3, max_completion_tokens=5"),
    DEVELOPER,
    HEAD + 'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
]


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("provider", [None, "openai"])
def test_silent_without_a_provider_or_for_openai(registry, text, provider):
    assert compat(registry, text, provider) == []


def test_silent_on_calls_that_are_not_the_sdk(registry):
    text = "import litellm\nlitellm.completion(model='gpt-4o', temperature=1.5, n=3)\n"
    assert compat(registry, text) == []


def test_apply_fixes_then_second_run_has_nothing_to_edit(registry):
    text = chat("temperature=1.5, max_completion_tokens=5")
    after = migrated(registry, text)
    assert after.endswith("temperature=1.0, max_tokens=5)\n")
    assert [f for f in compat(registry, after) if f.edit is not None] == []


def test_a_tag_opening_an_uncertain_reason_is_not_said_twice(registry):
    from dataclasses import replace

    from migrate_llm.registry import Registry

    acme = registry.get("acme")
    tagged = replace(acme, uncertain={"params.max_tokens_param": "CONFLICT: two pages disagree"})
    ctx = RuleContext(Registry({**registry.providers, "acme": tagged}), tagged)
    text = chat("max_completion_tokens=5")
    [found] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML112"]
    assert found.message == (
        "Acme Cloud takes max_tokens=, not max_completion_tokens= (unconfirmed: two pages disagree)"
    )


SIZED = """from openai import OpenAI

client = OpenAI()
DIMS = 1536  # the vector store's column


def embed(texts):
    return client.embeddings.create(model="text-embedding-3-small", input=texts)
"""


def test_an_offered_size_keeps_the_openai_models_vectors_size(registry, tmp_path):
    # Qwen's text-embedding-v4 returns 1024 by default and offers 1536: a store sized for
    # text-embedding-3-small's vectors takes the new ones (mem0's 1536-wide collection)
    # (the batch warning on `input=texts` is test_embeddings_batch_limit_*'s)
    found = [f for f in rows(registry, SIZED, "qwen") if f[0] == "ML114" and f[4] == N]
    assert found == [
        (
            "ML114",
            8,
            12,
            36,
            N,
            FixClass.REVIEW,
            "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable "
            "with stored OpenAI vectors: re-embed what you store; apply passes "
            "dimensions=1536, the size of text-embedding-3-small's vectors, so what holds them "
            "takes the new ones",
        )
    ]
    scanner = FileScanner(RuleContext(registry, registry.get("qwen")), tmp_path)
    change = scanner.migrate_text(SIZED, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.after.endswith(
        "def embed(texts):\n    return client.embeddings.create(\n"
        '        dimensions=1536, model="text-embedding-v4", input=texts\n    )\n'
    )
    again = [f for f in rows(registry, change.after, "qwen") if f[0] == "ML114" and f[4] == N]
    assert again == [
        (
            "ML114",
            15,
            12,
            36,
            N,
            MANUAL,
            "vectors from text-embedding-v4 (1536 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
        )
    ]
    # a size the provider does not offer is a warning (check fails) naming the size the
    # module writes, as check names it after apply
    zhipu = [f[4:] for f in rows(registry, SIZED, "zhipu") if f[0] == "ML114" and f[2] == 12]
    assert zhipu == [
        (
            W,
            MANUAL,
            "embedding-3 returns vectors 2048 wide, DIMS= on line 4 expects 1536 (1536 -> 2048): "
            "make it 2048 and rebuild the stored vectors; Zhipu AI (GLM) offers no "
            "dimensions=1536 (offered: 256, 512, 1024, 2048)",
        )
    ]


def test_keys_a_function_sets_on_a_mapping_parameter_it_spreads_are_sent(registry):
    # khoj: `model_kwargs["max_completion_tokens"] = ...` on a parameter, then `**model_kwargs`
    text = HEAD + (
        "\n\ndef ask(q, model_kwargs={}):\n"
        '    model_kwargs["max_completion_tokens"] = 1000\n'
        "    return c.chat.completions.create(model=m, messages=q, **model_kwargs)\n"
    )
    assert [(rule, line, fix) for rule, line, _, _, _, fix, _ in rows(registry, text, "zhipu")] == [
        ("ML112", 6, MANUAL)
    ]
    # a caller may pass its own mapping: a person removes the key
    assert 'model_kwargs["max_completion_tokens"] = 1000\n' in migrated(registry, text, "zhipu")


@pytest.mark.parametrize(
    ("args", "left"),
    [("n=2, temperature=0.3", "n=2"), ("temperature=0.3, n=2", "n=2"), ("n=1, temperature=0", "")],
)
def test_a_fixed_parameter_removed_beside_n_leaves_n_to_a_person(registry, args, left):
    # kimi-k2.6 fixes both: `n=2` asks for choices the model will not give (a person's call),
    # and it stayed reported while the removal of `temperature` beside it took it away
    text = HEAD + f'c.chat.completions.create(model="kimi-k2.6", messages=[], {args})\n'
    kept = f", {left}" if left else ""
    assert migrated(registry, text, "moonshot").endswith(
        f'c.chat.completions.create(model="kimi-k2.6", messages=[]{kept})\n'
    )


def test_openai_server_model_keywords_are_read_as_the_request_its_client_sends(registry):
    """smolagents' OpenAIServerModel hands its other keywords to `chat.completions.create`:
    a temperature out of the provider's range is clamped there as in an SDK request; one
    pointed at a local server is that server's business."""
    text = (
        "from smolagents import OpenAIServerModel\n\n"
        'model = OpenAIServerModel(model_id="acme-large", temperature=1.5)\n'
        'local = OpenAIServerModel("llama3", api_base="http://localhost:11434/v1", temperature=1.5)\n'
    )
    assert rows(registry, text) == [
        (
            "ML111",
            3,
            62,
            65,
            W,
            REVIEW,
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    # with no api_base the client is OpenAI's: ML640 gives it Acme Cloud's key and base URL too
    assert migrated(registry, text) == (
        "import os\n\nfrom smolagents import OpenAIServerModel\n\n"
        "model = OpenAIServerModel(\n"
        '    model_id="acme-large",\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    temperature=1.0,\n)\n"
        'local = OpenAIServerModel("llama3", api_base="http://localhost:11434/v1", temperature=1.5)\n'
    )


def test_a_token_limit_on_a_litellm_route_that_renames_it_is_left(registry):
    """litellm's moonshot/ route sends max_completion_tokens as max_tokens itself: renaming
    max_tokens there would change nothing on the wire, so ML112 says nothing; on the openai/
    route the same keyword goes as it is and is renamed."""
    own = (
        "from smolagents import LiteLLMModel\n\n"
        'model = LiteLLMModel("moonshot/kimi-k2.6", max_tokens=512)\n'
    )
    assert rows(registry, own, "moonshot") == []
    routed = own.replace("moonshot/kimi-k2.6", "openai/kimi-k2.6")
    assert [
        (rule, fix, message) for rule, *_, fix, message in rows(registry, routed, "moonshot")
    ] == [
        (
            "ML112",
            REVIEW,  # the provider's file marks the fact uncertain
            "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: "
            "max_tokens is marked deprecated in the API reference (read on Kimi's staging site); "
            "'not honored' on kimi-k2.6 per a reseller's copy)",
        )
    ]
