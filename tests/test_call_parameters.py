"""Which parameter of the module's own function an argument fills (`call_parameters`), shared by
the model rules (a literal passed to a function that sends it as `model=`) and tokenizer_flow
(one that only tiktoken reads): a staticmethod called as `self.m(...)` binds no `self`, a
classmethod binds `cls`, a class binds its `__init__`'s `self`."""

from __future__ import annotations

import libcst as cst
import pytest

from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.python_context import PythonContext

from .test_model_labels import migrated

KINDS = (
    "class Bot:\n"
    "    @staticmethod\n"
    "    def static(a, b):\n        return a\n\n"
    "    @classmethod\n"
    "    def klass(cls, a, b):\n        return a\n\n"
    "    def plain(self, a, b):\n        return a\n\n"
)


def filled(registry, text: str) -> list[str | None]:
    """For each argument of the module's last call, `function.parameter` it fills (or None)."""
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    call = [n for n in ctx.nodes if isinstance(n, cst.Call)][-1]
    names: list[str | None] = []
    for arg in call.args:
        found = parameter_for(ctx, call, arg)
        names.append(None if found is None else f"{found[0].name.value}.{found[1].name.value}")
    return names


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('self.static("x", 1)', ["static.a", "static.b"]),
        ('self.klass("x", 1)', ["klass.a", "klass.b"]),
        ('self.plain("x", 1)', ["plain.a", "plain.b"]),
        ('cls.klass("x", 1)', ["klass.a", "klass.b"]),
        ('cls.static("x", 1)', ["static.a", "static.b"]),
        # a plain method called on the class: its first argument is its `self`
        ('cls.plain(obj, "x")', ["plain.self", "plain.a"]),
        ('self.static(b=1, a="x")', ["static.b", "static.a"]),
    ],
)
def test_the_receiver_binds_what_the_decorator_says(registry, call, expected):
    text = KINDS + f"    def run(self, obj):\n        return {call}\n"
    assert filled(registry, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a function called by its name: from its first parameter
        ("def f(a, /, b, *, c):\n    pass\n\n\nf(1, 2, c=3)\n", ["f.a", "f.b", "f.c"]),
        # a class: its `__init__`, past `self`
        (
            "class Tok:\n    def __init__(self, model, size=1):\n        pass\n\n\n"
            'Tok("gpt-4o", size=2)\n',
            ["__init__.model", "__init__.size"],
        ),
        # a star argument, and what follows it, fill nothing known
        ("def f(a, b):\n    pass\n\n\nf(*rest, 2)\n", [None, None]),
        # a keyword only `**kwargs` takes, a position only `*args` takes
        ("def f(a, *args, **kw):\n    pass\n\n\nf(1, 2, z=3)\n", ["f.a", None, None]),
        # a function of another module
        ("from tools import f\n\nf(1)\n", [None]),
        # the last `def` of a name is the method
        (
            "class A:\n    def m(self, a):\n        pass\n\n    @staticmethod\n"
            "    def m(a):\n        pass\n\n    def run(self):\n        self.m(1)\n",
            ["m.a"],
        ),
        # a function of a class body called by its name there is not followed
        ("class A:\n    def helper(a):\n        return a\n\n    X = helper(1)\n", [None]),
    ],
)
def test_arguments_fill_the_parameters_python_binds(registry, text, expected):
    assert filled(registry, text) == expected


# A chat request's model given to a staticmethod through `self`: the model rules used to take
# the first argument for the second parameter (as if it were `self`) and left the literal.
STATIC_SENDER = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "class Bot:\n"
    "    @staticmethod\n"
    "    def ask(model, question):\n"
    "        return client.chat.completions.create(\n"
    '            model=model, messages=[{"role": "user", "content": question}]\n'
    "        )\n\n"
    "    def run(self, question):\n"
    '        return self.ask("gpt-4o", question)\n'
)


def test_a_model_given_to_a_staticmethod_through_self_is_mapped(registry):
    found, after = migrated(registry, STATIC_SENDER)
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found][2] == (
        14,
        "ML204",
        "review",
        "argument 1 of ask() = 'gpt-4o' (sent as model= on line 10) maps to 'acme-large' on "
        "Acme Cloud",
    )
    assert after == (
        "import os\n\nfrom openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        ")\n\n\n" + STATIC_SENDER.split("\n\n\n", 1)[1].replace('"gpt-4o"', '"acme-large"')
    )


def test_a_model_given_to_a_class_whose_init_sends_it_is_mapped(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "class Agent:\n"
        "    def __init__(self, model):\n"
        "        self.reply = client.chat.completions.create(model=model, messages=[])\n\n\n"
        'agent = Agent("gpt-4o")\n'
    )
    found, after = migrated(registry, text)
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found][-1] == (
        11,
        "ML204",
        "review",
        "argument 1 of Agent() = 'gpt-4o' (sent as model= on line 8) maps to 'acme-large' on "
        "Acme Cloud",
    )
    assert after.endswith('\nagent = Agent("acme-large")\n')


@pytest.mark.parametrize(
    ("base", "call", "expected"),
    [
        ("Base", 'super().__init__("x", b=1)', ["__init__.a", "__init__.b"]),
        ("Base", 'super(Sub, self).__init__("x")', ["__init__.a"]),
        # a base from elsewhere, one that does not define the method itself
        ("Other", 'super().__init__("x")', [None]),
        ("Middle", 'super().__init__("x")', [None]),
    ],
)
def test_super_calls_the_first_bases_method_only_when_asked(registry, base, call, expected):
    text = (
        "from lib import Other\n\n\n"
        "class Base:\n    def __init__(self, a, b=0):\n        self.a = a\n\n\n"
        "class Middle(Base):\n    pass\n\n\n"
        f"class Sub({base}):\n    def __init__(self):\n        {call}\n"
    )
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    calls = [n for n in ctx.nodes if isinstance(n, cst.Call)]
    call_node = next(c for c in calls if isinstance(c.func, cst.Attribute))
    names = []
    for arg in call_node.args:
        found = parameter_for(ctx, call_node, arg, through_super=True)
        names.append(None if found is None else f"{found[0].name.value}.{found[1].name.value}")
    assert names == expected
    # not without `through_super`
    assert [parameter_for(ctx, call_node, arg) for arg in call_node.args] == [None] * len(names)
