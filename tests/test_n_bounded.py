"""ML111's `n` check through `min()` / `max()` of a parameter (tree-of-thought-llm's
`cnt = min(n, 20)`): the values the module's calls pass are followed through it."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.wrapper_params import _MIN_MAX, wrapper_params

MANUAL = FixClass.MANUAL

# gpt() -> chatgpt() -> create(**kwargs), chatgpt() sending min(n, 20) and lowering n
CHAIN = """import openai


def send(**kwargs):
    return openai.chat.completions.create(**kwargs)


def gpt(prompt, n=1):
    return chatgpt([{"role": "user", "content": prompt}], n=n)


def chatgpt(messages, n=1):
    out = []
    while n > 0:
        cnt = {bound}
        n -= cnt
        out += send(model="gpt-4o", messages=messages, n=cnt).choices
    return out


gpt("a", n=3)
gpt("b", n=1)
gpt("c", n=8)
"""


def chain(bound: str) -> str:
    return CHAIN.replace("{bound}", bound)


ONE = """from openai import OpenAI

client = OpenAI()


def ask(text, n{default}):
    count = {bound}
    return client.chat.completions.create(model="gpt-4o", messages=[], n=count)


ask("hi", n={given})
"""


def findings(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.severity.value, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML111"
    ]


def over(value: int, line: int, bound: str = "min(n, 20)") -> str:
    return (
        f"n={value} (argument n of gpt(), sent as n={bound} on line {line} through chatgpt()) "
        "asks for more choices than Acme Cloud returns (at most 1); make several requests "
        "instead"
    )


def test_min_of_a_parameter_reports_each_value_the_calls_pass(registry):
    assert findings(registry, chain("min(n, 20)")) == [
        (21, 12, "warning", MANUAL, over(3, 15)),
        (23, 12, "warning", MANUAL, over(8, 15)),
    ]


def test_min_caps_the_value_it_reports(registry):
    text = chain("min(n, 2)")
    assert [m for *_, m in findings(registry, text)] == [
        over(2, 15, "min(n, 2)"),
        over(2, 15, "min(n, 2)"),
    ]


def test_max_raises_even_a_value_of_one(registry):
    text = chain("max(2, n)")
    default = (
        " (the default of n of {}(), sent as n=max(2, n) on line 15{}) asks for more "
        "choices than Acme Cloud returns (at most 1); make several requests instead"
    )
    assert [(line, m) for line, _, _, _, m in findings(registry, text)] == [
        (8, "n=2" + default.format("gpt", " through chatgpt()")),
        (12, "n=2" + default.format("chatgpt", "")),
        (21, over(3, 15, "max(2, n)")),
        (22, over(2, 15, "max(2, n)")),
        (23, over(8, 15, "max(2, n)")),
    ]


def test_a_min_within_the_maximum_says_nothing(registry):
    assert findings(registry, chain("min(n, 1)")) == []
    assert findings(registry, ONE.format(default="=1", bound="min(n, 20)", given=1)) == []


def test_a_value_not_known_must_be_one(registry):
    text = ONE.format(default="", bound="min(n, 20)", given="len(text)")
    assert findings(registry, text) == [
        (
            8,
            74,
            "warning",
            MANUAL,
            "n is sent as min(n, 20) (line 7), a value not known before the program runs: it "
            "must be 1 on Acme Cloud, which returns at most 1 choice; make several requests "
            "instead",
        )
    ]


def test_another_min_is_left_alone(registry):
    text = ONE.format(default="=1", bound="min(n, 20)", given=5).replace(
        "from openai", "def min(*a):\n    return 1\n\n\nfrom openai"
    )
    assert findings(registry, text) == []


def test_check_fails_after_apply_while_the_request_sends_n_over_one(tmp_path):
    (tmp_path / "app.py").write_text(ONE.format(default="=1", bound="min(n, 20)", given=5))
    runner = CliRunner()
    applied = runner.invoke(
        app, ["apply", str(tmp_path), "--provider", "deepseek", "--yes", "--allow-dirty"]
    )
    assert applied.exit_code == 0
    assert "count = min(n, 20)" in (tmp_path / "app.py").read_text()
    result = runner.invoke(
        app, ["check", str(tmp_path), "--provider", "deepseek", "--fail-on", "note", "--no-cache"]
    )
    assert result.exit_code == 1
    assert [line.split(" ", 1)[1] for line in result.stdout.splitlines()] == [
        "ML111 n=5 (argument n of ask(), sent as n=min(n, 20) on line 12) asks for more "
        "choices than DeepSeek returns (at most 1); make several requests instead "
        "(unconfirmed: n is absent from the API reference)",
        "finding for deepseek in 1 of 1 file; 0 error, 1 warning, 0 note",
    ]


# another module's function sending `min(n, 20)` as `n=` (tree-of-thought-llm's tot/models.py,
# whose callers are in tot/methods/bfs.py): the callers' values are followed through it
WRAPPER = """import openai


def send(**kwargs):
    return openai.chat.completions.create(**kwargs)


def ask(prompt, n=1):
    return several([{"role": "user", "content": prompt}], n)


def several(messages, n):
    out = []
    while n > 0:
        cnt = {bound}
        n -= cnt
        out += send(model="gpt-4o", messages=messages, n=cnt).choices
    return out
"""

CALLER = """from pkg.models import ask


def rate(text, samples):
    return ask(text, n=samples)


def run(opts):
    ask("a", n=3)
    ask("b", n=1)
    return rate("c", opts.samples)
"""


def imported_check(tmp_path, bound: str) -> tuple[int, list[str]]:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "models.py").write_text(WRAPPER.replace("{bound}", bound))
    (tmp_path / "pkg" / "search.py").write_text(CALLER)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "deepseek", "--fail-on", "note", "--no-cache"]
    )
    lines = [
        line for line in result.stdout.splitlines() if "search.py:" in line and " ML111 " in line
    ]
    return result.exit_code, lines


def test_another_modules_min_is_followed_from_its_callers(tmp_path):
    code, lines = imported_check(tmp_path, "min(n, 20)")
    sent = (
        f"sent as n=min(n, 20) on line 5 of {tmp_path / 'pkg' / 'models.py'} through "
        "{}several() and send())"
    )
    unconfirmed = " (unconfirmed: n is absent from the API reference)"
    assert code == 1
    assert lines == [
        f"{tmp_path / 'pkg' / 'search.py'}:9:16 ML111 n=3 (argument n of ask(), "
        + sent.format("")
        + " asks for more choices than DeepSeek returns (at most 1); make several requests "
        "instead" + unconfirmed,
        f"{tmp_path / 'pkg' / 'search.py'}:11:22 ML111 n is sent as opts.samples (argument "
        "samples of rate(), " + sent.format("ask(), ") + ", a value not known before the "
        "program runs: it must be 1 on DeepSeek, which returns at most 1 choice; make several "
        "requests instead" + unconfirmed,
    ]


def test_another_modules_min_within_the_maximum_says_nothing(tmp_path):
    assert imported_check(tmp_path, "min(n, 1)")[1] == []


def test_another_modules_max_raises_even_a_value_of_one(tmp_path):
    code, lines = imported_check(tmp_path, "max(2, n)")
    assert code == 1
    assert [line.split(" ML111 ")[1].split(" (")[0] for line in lines] == [
        "n=3",
        "n=2",
        "n is sent as opts.samples",
    ]
    assert [line.split(" ")[0].rsplit(":", 2)[1:] for line in lines] == [
        ["9", "16"],
        ["10", "16"],
        ["11", "22"],
    ]


# the caller binding the imported name again to a `functools.partial` of itself (tree-of-thought
# -llm's bfs.py: `global gpt; gpt = partial(gpt, model=args.backend)` in each entry point)
REBOUND = """{imports}


def rate(text, samples):
    return ask(text, n=samples)


def run(opts):
    global ask
    ask = {partial}
    ask("a", n=3)
    ask("b", n=1)
    return rate("c", opts.samples)


def other(opts):
    global ask
    ask = {partial}
    return ask("d", n=4)
"""


def rebound_check(tmp_path, imports: str, partial: str) -> tuple[int, list[str]]:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "models.py").write_text(WRAPPER.replace("{bound}", "min(n, 20)"))
    caller = REBOUND.replace("{imports}", imports).replace("{partial}", partial)
    (tmp_path / "pkg" / "search.py").write_text(caller)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "deepseek", "--fail-on", "note", "--no-cache"]
    )
    lines = [
        line.split(" ML111 ")[0].rsplit(":", 2)[1] + " " + line.split(" ML111 ")[1].split(" (")[0]
        for line in result.stdout.splitlines()
        if "search.py:" in line and " ML111 " in line
    ]
    return result.exit_code, lines


def test_an_imported_function_rebound_to_a_partial_of_itself_is_followed(tmp_path):
    code, lines = rebound_check(
        tmp_path,
        "from functools import partial\n\nfrom pkg.models import ask",
        "partial(ask, temperature=opts.temperature)",
    )
    assert code == 1
    assert lines == ["13 n=3", "15 n is sent as opts.samples", "21 n=4"]


def test_functools_partial_by_its_module_is_followed_too(tmp_path):
    code, lines = rebound_check(
        tmp_path, "import functools\n\nfrom pkg.models import ask", "functools.partial(ask)"
    )
    assert code == 1
    assert lines == ["13 n=3", "15 n is sent as opts.samples", "21 n=4"]


def test_a_partial_moving_the_positions_is_not_followed(tmp_path):
    # `partial(ask, "x")`: the call's first argument is the function's second
    assert (
        rebound_check(
            tmp_path,
            "from functools import partial\n\nfrom pkg.models import ask",
            'partial(ask, "x")',
        )[1]
        == []
    )


def test_a_name_rebound_to_something_else_is_not_followed(tmp_path):
    assert (
        rebound_check(
            tmp_path, "from pkg.models import ask\nfrom pkg.other import wrap", "wrap(ask)"
        )[1]
        == []
    )


# --- the table `wrapper_params` keeps of bounded requests (#16: each function's requests are
# found once for all of its parameters; a module naming neither `min` nor `max` skips them) ---

# one function bounding two of its parameters: `a` sent as `n=` directly, `b` through
# `send()`; `limit` bounded by no `min()` / `max()`
TWO_BOUNDS = """from openai import OpenAI

client = OpenAI()


def send(messages, n=1):
    return client.chat.completions.create(model="gpt-4o", messages=messages, n=n)


def both(messages, a, b, limit):
    first = min(a, 4)
    client.chat.completions.create(model="gpt-4o", messages=messages, n=first)
    send(messages, n=max(2, b))
    return client.chat.completions.create(model="gpt-4o", messages=messages, n=limit)
"""


def bounded_table(registry, text: str) -> list[tuple[str, str, str, int, str, tuple[str, ...]]]:
    ctx = RuleContext(registry, registry.get("acme"))
    found = wrapper_params("/p/app/two.py", "app/two.py", text.encode(), ctx)
    return [
        (p.function, p.param, p.keyword, p.line, p.bound, p.through)
        for p in found
        if p.keyword == "n" and not p.entry
    ]


def test_each_parameter_gets_only_its_own_bounded_requests(registry):
    assert bounded_table(registry, TWO_BOUNDS) == [
        ("send", "n", "n", 7, "", ()),
        ("both", "a", "n", 12, "min(a, 4)", ()),
        ("both", "b", "n", 7, "max(2, b)", ("send",)),
        ("both", "limit", "n", 14, "", ()),
    ]


def test_a_module_naming_neither_min_nor_max_records_its_plain_requests(registry):
    # `max_tokens` and `minimum` are not the builtins' names: the same plain requests, and
    # no bounded one (a call of `smallest()` bounds nothing)
    text = (
        TWO_BOUNDS.replace("min(a, 4)", "smallest(a, 4)")
        .replace("max(2, b)", "b")
        .replace(
            'model="gpt-4o", messages=messages, n=limit',
            'messages=messages, n=limit, model="gpt-4o", max_tokens=minimum',
        )
        .replace("b, limit", "b, limit, minimum")
    )
    assert bounded_table(registry, text) == [
        ("send", "n", "n", 7, "", ()),
        ("both", "b", "n", 7, "", ("send",)),
        ("both", "limit", "n", 14, "", ()),
    ]


def test_the_names_that_may_call_min_or_max():
    names = ["min(n, 20)", "max (2, n)", "x = min\n", "max_tokens=n", "minimum(n)", "maxi(n)"]
    assert [bool(_MIN_MAX.search(t)) for t in names] == [True, True, True, False, False, False]
