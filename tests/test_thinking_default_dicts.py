"""The thinking switch and a fixed temperature in a dict of the module a request spreads (t48b).

NeedleInAHaystack keeps `DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)`, defaults
`model_kwargs` (and `model_name`) to it, and sends `**self.model_kwargs`: Kimi's kimi-k2.6 thinks
by default and fixes temperature at 1.0 thinking, 0.6 with thinking off. ML118 gives such a dict
apply may edit the switch as its `extra_body` entry, ML115 writes the value the model fixes
temperature at with the switch, and ML601 reads the dict a LangChain class is given as all the
class is given (its base URL included) and writes the value there too.
"""

from __future__ import annotations

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
RULES = ("ML112", "ML115", "ML118")
OFF = 'extra_body={"thinking": {"type": "disabled"}}'
KIMI_TOKENS = (
    "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: max_tokens "
    "is marked deprecated in the API reference (read on Kimi's staging site); 'not honored' on "
    "kimi-k2.6 per a reseller's copy)"
)
THINKS = (
    "thinks before it answers unless told not to, which {} did not (replies and stream deltas "
    "carry reasoning_content, temperature is fixed at 1.0 and other values are rejected, a tool "
    "loop must send the reasoning back)"
)
LIMIT = (
    ", and the reasoning counts against max_tokens=300, below the 32000 Moonshot AI (Kimi) "
    "advises for it: it may use all of it and leave the reply empty (unconfirmed: a third "
    'party\'s advice ("raise to ≥32K"); the API reference says only that the default is about '
    "1024)"
)
WRITTEN = (
    "kimi-k2.6 (mapped from {}) fixes temperature on Moonshot AI (Kimi), and it is the default "
    "of {}: temperature=0.6 is written in place of 0, its value with thinking turned off (apply "
    "passes the switch, ML118; temperature=1.0 where the switch is dropped; a caller passing "
    "another model may need another)"
)


def findings(registry, text, rules=RULES):
    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        f
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules and f.fix != FixClass.NONE
    ]


def said(registry, text, rules=RULES):
    return [(f.rule, f.line, f.fix, f.message) for f in findings(registry, text, rules)]


def applied(registry, text, rules=RULES):
    """The text with the edits of `rules` made."""
    after, _ = migrate_text(text, "python", "app.py", findings(registry, text, rules))
    return after


def applied_by_all(registry, text, root):
    """`apply` with every rule in a project at `root` (line wrapping included, at the default
    line length), checking that a second run changes nothing."""
    ctx = RuleContext(registry, registry.get("moonshot"))
    first = FileScanner(ctx, root).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, root).migrate_text(first.after, "python", "app.py", "app.py")
    assert second.after == first.after
    assert [f for f in second.findings if f.edit is not None] == []
    return first.after


FUNCTION = HEAD + (
    "DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)\n\n\n"
    'def ask(q, model_name="gpt-4o", model_kwargs=DEFAULT_MODEL_KWARGS):\n'
    "    return c.chat.completions.create(model=model_name, messages=q, **model_kwargs)\n"
)


def test_the_switch_goes_into_the_dict_and_temperature_takes_its_value_with_thinking_off(
    registry, tmp_path
):
    assert said(registry, FUNCTION) == [
        ("ML112", 3, FixClass.REVIEW, KIMI_TOKENS),
        ("ML115", 3, FixClass.REVIEW, WRITTEN.format("gpt-4o", "model_name of ask()")),
        (
            "ML118",
            7,
            FixClass.REVIEW,
            "kimi-k2.6 (the default of model_name of ask()) "
            + THINKS.format("gpt-4o")
            + ': apply adds extra_body={"thinking": {"type": "disabled"}} to the dict it '
            "spreads (line 3)",
        ),
    ]
    [switch] = [f for f in findings(registry, FUNCTION) if f.rule == "ML118"]
    assert switch.data == {"extra_body": {"thinking": {"type": "disabled"}}}
    wrapped = (
        "DEFAULT_MODEL_KWARGS = dict(\n"
        f"    {OFF},\n"
        "    max_completion_tokens=300,\n"
        "    temperature=0.6,\n"
        ")"
    )
    after = applied(registry, FUNCTION)
    assert after == FUNCTION.replace(
        "DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)", wrapped
    )
    assert said(registry, after) == []
    # every rule: the default model mapped too, nothing left for a second run
    assert applied_by_all(registry, FUNCTION, tmp_path) == (
        "import os\n\n"
        "from openai import OpenAI\n"
        "c = OpenAI(\n"
        '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        ")\n"
        "DEFAULT_MODEL_KWARGS = dict(\n"
        f"    {OFF},\n"
        "    max_completion_tokens=300,\n"
        "    temperature=0.6,\n"
        ")\n\n\n"
        'def ask(q, model_name="kimi-k2.6", model_kwargs=DEFAULT_MODEL_KWARGS):\n'
        "    return c.chat.completions.create(model=model_name, messages=q, **model_kwargs)\n"
    )


NEEDLE = HEAD + (
    "\n\nclass OpenAI:\n"
    "    DEFAULT_MODEL_KWARGS: dict = dict(max_tokens  = 300,\n"
    "                                      temperature = 0)\n\n"
    "    def __init__(self,\n"
    '                 model_name: str = "gpt-3.5-turbo-0125",\n'
    "                 model_kwargs: dict = DEFAULT_MODEL_KWARGS):\n"
    "        self.model_name = model_name\n"
    "        self.model_kwargs = model_kwargs\n\n"
    "    def ask(self, prompt):\n"
    "        return c.chat.completions.create(\n"
    "                model=self.model_name,\n"
    "                messages=prompt,\n"
    "                **self.model_kwargs\n"
    "            )\n"
)


def test_needle_in_a_haystacks_class_gets_the_entry_aligned_with_the_others(registry):
    assert [(r, line, fix) for r, line, fix, _ in said(registry, NEEDLE)] == [
        ("ML112", 6, FixClass.REVIEW),
        ("ML115", 7, FixClass.REVIEW),
        ("ML118", 16, FixClass.REVIEW),
    ]
    assert said(registry, NEEDLE)[1][3] == WRITTEN.format(
        "gpt-3.5-turbo-0125", "model_name of OpenAI()"
    )
    after = applied(registry, NEEDLE)
    assert after == NEEDLE.replace(
        "dict(max_tokens  = 300,\n                                      temperature = 0)",
        f"dict({OFF},\n"
        "                                      max_completion_tokens  = 300,\n"
        "                                      temperature = 0.6)",
    )
    assert said(registry, after) == []


def test_a_known_model_loses_the_entry_and_the_display_gets_the_switch(registry):
    text = HEAD + (
        "KW = {\n"
        '    "max_tokens": 300,\n'
        '    "temperature": 0,  # deterministic\n'
        "}\n\n\n"
        "def ask(q, kw=KW):\n"
        '    return c.chat.completions.create(model="gpt-4o", messages=q, **kw)\n'
    )
    assert [(r, line, fix) for r, line, fix, _ in said(registry, text)] == [
        ("ML112", 4, FixClass.REVIEW),
        ("ML115", 5, FixClass.REVIEW),
        ("ML118", 10, FixClass.REVIEW),
    ]
    assert said(registry, text)[2][3] == (
        "kimi-k2.6 "
        + THINKS.format("gpt-4o")
        + ': apply adds "extra_body": {"thinking": {"type": "disabled"}} to the dict it '
        "spreads (line 3)"
    )
    after = applied(registry, text)
    assert after == text.replace(
        '    "max_tokens": 300,\n    "temperature": 0,  # deterministic\n',
        '    "extra_body": {"thinking": {"type": "disabled"}},\n    "max_completion_tokens": 300,\n',
    )
    assert said(registry, after) == []


def test_the_switch_takes_the_place_of_the_only_entry_removed(registry):
    for written, after in (
        ('{"temperature": 0}', '{"extra_body": {"thinking": {"type": "disabled"}}}'),
        ("dict(temperature=0)", f"dict({OFF})"),
        ("{}", '{"extra_body": {"thinking": {"type": "disabled"}}}'),
        ("dict()", f"dict({OFF})"),
    ):
        text = HEAD + (
            f"KW = {written}\n\n\ndef ask(q, kw=KW):\n"
            '    return c.chat.completions.create(model="gpt-4o", messages=q, **kw)\n'
        )
        done = applied(registry, text)
        assert done == text.replace(f"KW = {written}", f"KW = {after}"), written
        assert applied(registry, done) == done


def test_a_dict_a_caller_may_replace_is_left_with_the_reason(registry):
    text = FUNCTION + '\n\nask([], model_kwargs={"temperature": 1})\n'
    why = "the call of ask() on line 10 may pass another as model_kwargs"
    assert said(registry, text) == [
        (
            "ML112",
            3,
            FixClass.MANUAL,
            f'{KIMI_TOKENS}; rename the entry "max_tokens" by hand (apply leaves the dict: {why})',
        ),
        (
            "ML115",
            3,
            FixClass.MANUAL,
            "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi), and it is "
            'the default of model_name of ask(): remove the entry "temperature" by hand (the '
            "model ignores or rejects it; apply leaves it: a caller may pass another model)",
        ),
        # left on by apply: the reasoning counts against the dict's limit (t62d)
        (
            "ML118",
            7,
            FixClass.MANUAL,
            "kimi-k2.6 (the default of model_name of ask()) "
            + THINKS.format("gpt-4o")
            + LIMIT
            + f': add extra_body={{"thinking": {{"type": "disabled"}}}} to the dict it spreads '
            f"(line 3; apply leaves it: {why})",
        ),
    ]
    assert applied(registry, text) == text


def test_a_mapping_not_followed_keeps_todays_report(registry):
    text = HEAD + (
        'def ask(q, model_name="gpt-4o", **kwargs):\n'
        "    return c.chat.completions.create(model=model_name, messages=q, **kwargs)\n"
    )
    [(rule, line, fix, message)] = said(registry, text)
    assert (rule, line, fix) == ("ML118", 4, FixClass.MANUAL)
    assert message.endswith(
        ': pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to a request '
        "built from **kwargs, which may hold one)"
    )


def test_the_values_a_hand_fix_writes_are_not_reported(registry):
    fixed = HEAD + (
        f"KW = dict({OFF}, max_completion_tokens=300, temperature=0.6)\n\n\n"
        'def ask(q, model_name="kimi-k2.6", kw=KW):\n'
        "    return c.chat.completions.create(model=model_name, messages=q, **kw)\n"
    )
    assert said(registry, fixed) == []
    thinking = fixed.replace(f"{OFF}, ", "").replace("0.6", "1.0")
    assert said(registry, thinking, ("ML115",)) == []
    # 0.6 is not the value kimi-k2.6 takes while it thinks: left, as before
    refused = fixed.replace(f"{OFF}, ", "")
    left = said(registry, refused, ("ML115",))
    assert [(r, fix) for r, _, fix, _ in left] == [("ML115", FixClass.MANUAL)]


EVALUATOR = """import os

from langchain_community.chat_models import ChatOpenAI


class OpenAIEvaluator:
    DEFAULT_MODEL_KWARGS: dict = dict(temperature=0)

    def __init__(self, model_name="gpt-3.5-turbo-0125", model_kwargs=DEFAULT_MODEL_KWARGS):
        self.model_name = model_name
        self.model_kwargs = model_kwargs
        self.api_key = os.getenv("NIAH_EVALUATOR_API_KEY")
        self.evaluator = ChatOpenAI(model=self.model_name,
                                    openai_api_key=self.api_key,
                                    **self.model_kwargs)
"""


def test_a_langchain_class_given_the_dict_is_pointed_at_the_provider(registry, tmp_path):
    found = findings(registry, EVALUATOR, ("ML601", "ML204"))
    assert [(f.rule, f.line, f.fix) for f in found] == [
        ("ML601", 7, FixClass.REVIEW),
        ("ML204", 9, FixClass.REVIEW),
        ("ML601", 13, FixClass.REVIEW),
    ]
    assert found[0].message == (
        "kimi-k2.6 (mapped from gpt-3.5-turbo-0125) fixes temperature on Moonshot AI (Kimi), "
        'and it is the default of model_name of OpenAIEvaluator(): the entry "temperature" of '
        "the dict spread into it is written 1.0 in place of 0, its value when thinking; a caller "
        "passing another model may need another"
    )
    assert found[0].data["value"] == 1.0
    assert found[0].data["default_of"] == "model_name of OpenAIEvaluator()"
    assert found[2].message.startswith(
        "ChatOpenAI() (LangChain) talks to OpenAI (key from `self.api_key`); for Moonshot AI "
        "(Kimi) read the base URL from MOONSHOT_BASE_URL"
    )
    assert applied_by_all(registry, EVALUATOR, tmp_path) == EVALUATOR.replace(
        "dict(temperature=0)", "dict(temperature=1.0)"
    ).replace('model_name="gpt-3.5-turbo-0125"', 'model_name="kimi-k2.6"').replace(
        "ChatOpenAI(model=self.model_name,\n"
        "                                    openai_api_key=self.api_key,\n"
        "                                    **self.model_kwargs)",
        "ChatOpenAI(\n"
        "            openai_api_base=os.environ.get(\n"
        '                "MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"\n'
        "            ),\n"
        "            model=self.model_name,\n"
        '            openai_api_key=self.api_key or os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        "            **self.model_kwargs,\n"
        "        )",
    )


def test_a_langchain_class_whose_dict_a_caller_may_replace_stays_manual(registry):
    text = EVALUATOR + '\n\nOpenAIEvaluator(model_kwargs={"openai_api_base": "http://x"})\n'
    found = findings(registry, text, ("ML601",))
    assert [(f.rule, f.line, f.fix) for f in found] == [("ML601", 13, FixClass.MANUAL)]
    assert found[0].message == (
        "ChatOpenAI() (LangChain) takes its base URL from `**self.model_kwargs` at run time and "
        "its key from `self.api_key`; make sure they are Moonshot AI (Kimi)'s "
        "(https://api.moonshot.cn/v1, the key from MOONSHOT_API_KEY)"
    )


def test_a_dict_giving_a_base_url_points_the_class_there(registry):
    text = EVALUATOR.replace(
        "dict(temperature=0)", 'dict(temperature=0, openai_api_base="http://localhost:8000/v1")'
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    [note] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML601"]
    assert (note.line, note.fix) == (13, FixClass.NONE)
    assert "points at" in note.message and "http://localhost:8000/v1" in note.message


def test_top_p_and_the_penalties_take_the_value_kimi_fixes_in_either_mode(registry):
    """Kimi's parameter table fixes kimi-k2.6's top_p at 0.95 and its penalties at 0, thinking
    or not: ML115 writes them as it writes temperature's (`[fixed_values]`); `n=1` is taken."""
    text = HEAD + (
        "KWARGS = dict(top_p=0.5, presence_penalty=0.2, frequency_penalty=0, n=1)\n\n\n"
        'def ask(q, model="gpt-4o", kwargs=KWARGS):\n'
        "    return c.chat.completions.create(model=model, messages=q, **kwargs)\n"
    )
    head = (
        "kimi-k2.6 (mapped from gpt-4o) fixes {} on Moonshot AI (Kimi), and it is the default "
        "of model of ask(): {}={} is written in place of {}, its value whether it thinks or "
        "not (a caller passing another model may need another)"
    )
    assert said(registry, text, ("ML115",)) == [
        ("ML115", 3, FixClass.REVIEW, head.format("top_p", "top_p", "0.95", "0.5")),
        (
            "ML115",
            3,
            FixClass.REVIEW,
            head.format("presence_penalty", "presence_penalty", "0.0", "0.2"),
        ),
    ]
    assert applied(registry, text, ("ML115",)) == text.replace(
        "top_p=0.5, presence_penalty=0.2", "top_p=0.95, presence_penalty=0.0"
    )
