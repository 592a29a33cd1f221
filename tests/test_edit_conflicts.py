"""No two rules rewrite one piece of code two ways: over every rule example and modules that
mix the libraries whose rules edit model strings, the edits of the findings never disagree
(`edits.conflicts`), and an edit inside another writes nothing the outer one does not, once
written into the outer one where that keeps the code it rewrites (`edits.composed`). Where
they would disagree, the engine applies neither edit and both findings say so (manual)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.edits import composed, conflicts
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.formats import classify
from migrate_llm.layout import with_quote
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules import all_rules
from migrate_llm.rules.base import RuleContext

from .notebook_builder import STYLES, cell, notebook

SCANNERS: dict[str, FileScanner] = {}


def scanned(registry, provider: str, name: str, text: str) -> list[Finding]:
    """What `scan --provider provider` reports on `text` (as `name`), edits included."""
    scanner = SCANNERS.get(provider)
    if scanner is None:  # one per target, as the engine keeps one per process
        scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
        SCANNERS[provider] = scanner
    return scanner.findings(classify(name) or "python", name, text, Path(name)) or []


def assert_edits_agree(text: str, findings: list[Finding]) -> None:
    """No two findings' edits of `text` disagree, and a replacement inside another (ML001's
    key inside the client it rebuilds) is written by the outer one too, maybe in other quotes
    (ML401 keeps a read's, ML103 writes `"`: apply writes the file's), or written into it
    (`composed`: ML402's URL inside the base URL ML003 keeps)."""
    edited = [f for f in findings if f.edit is not None]
    edits = [f.edit for f in edited if f.edit is not None]
    clashing = {
        (edited[i].rule, edited[i].where_in_file, edits[i].text): sorted(
            (edited[j].rule, edits[j].text) for j in others
        )
        for i, others in conflicts(text, edits).items()
    }
    assert clashing == {}
    whole, _ = composed(text, edits)
    for outer, written in zip(edits, whole, strict=True):
        for inner in edits:
            o, i = outer.span, inner.span
            if inner is outer or i.start == i.end or (o.start, o.end) == (i.start, i.end):
                continue
            if o.start <= i.start and i.end <= o.end:  # (the same code in other quotes too)
                assert with_quote(inner.text, "'") in with_quote(written.text, "'"), (outer, inner)


EXAMPLES = [
    pytest.param(example, id=f"{rule.code}[{i}]")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_edits_of_each_rule_example_agree(registry, example):
    text = example.before
    if example.path.endswith(".ipynb"):  # a notebook rule's example is one cell's source
        text = STYLES["jupyter"](notebook(cell(text)))
    found = scanned(registry, example.provider or "acme", example.path, text)
    assert_edits_agree(example.before, found)  # a notebook's edits are of its code: the cell


# Modules sending one model setting to libraries whose rules each edit it: litellm's calls,
# Router and smolagents' LiteLLMModel, DSPy's LM and crewAI's LLM take the provider's model on
# a route; the SDK, a framework's OpenAI class and smolagents' OpenAIServerModel as it is.
MIXED = {
    "sdk-litellm": (
        'import litellm\nfrom openai import OpenAI\nMODEL = "gpt-4o"\nclient = OpenAI()\n'
        "client.chat.completions.create(model=MODEL, messages=[])\n"
        "litellm.completion(model=MODEL, messages=[])\n"
    ),
    "default-sdk-litellm": (
        "import litellm\nfrom openai import OpenAI\nclient = OpenAI()\n\n\n"
        'def ask(q, model="gpt-4o"):\n'
        "    client.chat.completions.create(model=model, messages=q)\n"
        "    return litellm.completion(model=model, messages=q)\n"
    ),
    "sdk-router": (
        'import litellm\nfrom openai import OpenAI\nMODEL = "gpt-4o"\n'
        'router = litellm.Router(model_list=[{"model_name": "m", "litellm_params": '
        '{"model": MODEL}}])\n'
        "OpenAI().chat.completions.create(model=MODEL, messages=[])\n"
    ),
    "smolagents-both-classes": (
        'from smolagents import LiteLLMModel, OpenAIServerModel\nMODEL = "gpt-4o"\n'
        "a = LiteLLMModel(model_id=MODEL)\nb = OpenAIServerModel(model_id=MODEL)\n"
    ),
    "sdk-dspy": (
        'import dspy\nfrom openai import OpenAI\nMODEL = "gpt-4o-mini"\nlm = dspy.LM(MODEL)\n'
        "OpenAI().chat.completions.create(model=MODEL, messages=[])\n"
    ),
    "sdk-crewai": (
        'from crewai import LLM\nfrom openai import OpenAI\nMODEL = "gpt-4o"\n'
        "llm = LLM(model=MODEL)\n"
        "OpenAI().chat.completions.create(model=MODEL, messages=[])\n"
    ),
    "langchain-litellm": (
        'import litellm\nfrom langchain_openai import ChatOpenAI\nMODEL = "gpt-4o"\n'
        "llm = ChatOpenAI(model=MODEL)\nlitellm.completion(model=MODEL, messages=[])\n"
    ),
    "instructor-litellm-embeddings": (
        "import instructor\nimport litellm\nfrom openai import OpenAI\n"
        'MODEL = "gpt-4o"\nEMBED = "text-embedding-3-small"\n'
        "bot = instructor.from_openai(OpenAI())\n"
        "bot.create(model=MODEL, messages=[], response_model=Reply)\n"
        "litellm.completion(model=MODEL, messages=[])\n"
        'OpenAI().embeddings.create(model=EMBED, input="x")\n'
        'litellm.embedding(model=EMBED, input=["x"])\n'
    ),
    "endpoints": (
        "import os\n\nimport litellm\nimport openai\n\n"
        'openai.api_key = os.environ["OPENAI_API_KEY"]\n'
        'client = openai.OpenAI(base_url="https://api.openai.com/v1")\n'
        'litellm.completion(model="gpt-4o", api_base="https://api.openai.com/v1", messages=[])\n'
        'litellm.completion(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], messages=[])\n'
        'client.chat.completions.create(model="gpt-4o-mini", messages=[], temperature=2.5)\n'
    ),
    # llm-cookbook (t59b D2): ML401 keeps the read's quotes, ML103 writes `"`
    "module-client-single-quotes": (
        "import os\n\nimport openai\n\n"
        "openai.api_key = os.environ['OPENAI_API_KEY']\n"
        "openai.base_url = os.environ['OPENAI_API_BASE']\n"
        "openai.chat.completions.create(model='gpt-4o-mini', messages=[])\n"
    ),
}


@pytest.mark.parametrize("provider", ["acme", "deepseek", "qwen"])
@pytest.mark.parametrize("name", list(MIXED))
def test_the_edits_of_modules_mixing_libraries_agree(registry, provider, name):
    assert_edits_agree(MIXED[name], scanned(registry, provider, "app.py", MIXED[name]))


def _finding(rule: str, line: int, start: int, text: str) -> Finding:
    """A finding of `rule` on the string literal of `line` (8 characters from `start`), with
    an edit writing `text` there."""
    edit = Edit(Span(start, start + 8), text)
    return Finding(
        rule,
        "model",
        Severity.WARNING,
        FixClass.REVIEW,
        f"{rule} says",
        line,
        9,
        line,
        17,
        edit=edit,
    )


def test_edits_that_disagree_are_neither_applied_and_their_findings_say_so(registry):
    """The engine's guard, should two rules ever disagree again (ML202's bare id and ML640's
    route on one constant did): apply picks neither, and `scan` says what apply does."""
    text = 'MODEL = "gpt-4o"\nOTHER = "gpt-4o"\n'
    bare = _finding("ML202", 1, 8, '"acme-large"')
    routed = _finding("ML640", 1, 8, '"acme/acme-large"')
    other = _finding("ML204", 2, 25, '"acme-large"')
    found = [bare, routed, other]
    after, fixed = migrate_text(text, "python", "app.py", found)
    assert after == 'MODEL = "gpt-4o"\nOTHER = "acme-large"\n'
    assert fixed == [other]
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), Path("."))
    settled, kept = scanner.settled(found, fixed, text)
    assert [(f.rule, f.fix.value, f.message) for f in settled] == [
        (
            "ML202",
            "manual",
            "ML202 says; but apply leaves it: ML640 rewrites the same code otherwise, so change "
            "it by hand (and report this to migrate-llm: its rules disagree)",
        ),
        (
            "ML640",
            "manual",
            "ML640 says; but apply leaves it: ML202 rewrites the same code otherwise, so change "
            "it by hand (and report this to migrate-llm: its rules disagree)",
        ),
        ("ML204", "review", "ML204 says"),
    ]
    assert kept == [other]


@pytest.mark.parametrize(
    ("one", "other", "clash"),
    [
        # the same read in other quotes, one with more around it: they agree
        ("os.environ.get('B', 'https://x/v1')", 'os.environ.get("B", "https://x/v1") + "/"', False),
        ("'acme-large'", '"acme-large"', False),
        # other values, or a backslash (whose meaning quotes may change outside Python)
        ("'acme-large'", '"acme-small"', True),
        ("'a\\nb'", '"a\\nb"', True),
    ],
)
def test_replacements_differing_only_in_their_quotes_agree(one, other, clash):
    text = "value = os.environ['OPENAI_BASE_URL']\n"
    span = Span(8, len(text) - 1)
    found = conflicts(text, [Edit(span, one), Edit(span, other)])
    assert found == ({0: {1}, 1: {0}} if clash else {})


# A base URL left to the program (ML003 writes `<it> or <the provider's read>`) holding code
# another rule rewrites: apply wrote ML003's edit alone (the inner code kept), called the inner
# finding fixed, and a second apply rewrote it; meanwhile `setting()` gave OpenAI's URL while
# LLM_BASE_URL was unset, so the `or` never ran and DeepSeek's key went to OpenAI.
SETTING = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def setting(name, placeholder=None):\n    return os.environ.get(name) or placeholder\n\n\n"
    'client = OpenAI(\n    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
)
SETTING_MIGRATED = (
    SETTING + "    base_url=setting(\n"
    '        "LLM_BASE_URL",\n'
    '        placeholder=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    )\n"
    '    or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    ")\n"
)


@pytest.mark.parametrize(
    ("placeholder", "inner"),
    [
        ('"https://api.openai.com/v1"', "ML402"),  # OpenAI's URL
        ('os.environ.get("OPENAI_BASE_URL")', "ML401"),  # OpenAI's variable
    ],
)
def test_an_edit_inside_one_keeping_its_code_is_written_into_it(
    registry, tmp_path, placeholder, inner
):
    text = SETTING + f'    base_url=setting("LLM_BASE_URL", placeholder={placeholder}),\n)\n'
    scanner = FileScanner(RuleContext(registry, registry.get("deepseek")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.after == SETTING_MIGRATED
    found = [(f.rule, f.fix.value) for f in change.findings]
    assert found == [("ML003", "review"), (inner, "safe")]
    assert [f.rule for f in change.fixed] == ["ML003", inner]
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == SETTING_MIGRATED
    assert [f for f in again.findings if f.fix.rewritten] == []


# The code ML003 keeps holds the inner code twice. By text, which copy was the inner finding's
# own could not be told, so neither was rewritten, yet scan called the inner findings fixed
# (inside ML003's rewrite) and a second apply changed them. By position, each copy a finding
# owns is rewritten; one no finding edits (a name ML401 leaves to a person) stays.
DEEPSEEK_URL = 'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
KEPT_TWICE = {
    "two-urls": (
        'setting("LLM_BASE_URL", "https://api.openai.com/v1", '
        'placeholder="https://api.openai.com/v1")',
        f'        "LLM_BASE_URL",\n        {DEEPSEEK_URL},\n        placeholder={DEEPSEEK_URL},\n',
        [("ML003", "review", True), ("ML402", "safe", True), ("ML402", "safe", True)],
    ),
    "read-and-name": (
        'setting("LLM_BASE_URL", placeholder=os.environ.get("OPENAI_BASE_URL"), '
        'other="OPENAI_BASE_URL")',
        f'        "LLM_BASE_URL",\n        placeholder={DEEPSEEK_URL},\n'
        '        other="OPENAI_BASE_URL",\n',
        [("ML003", "review", True), ("ML401", "safe", True), ("ML401", "manual", False)],
    ),
}


@pytest.mark.parametrize("case", list(KEPT_TWICE))
def test_each_copy_an_inner_finding_owns_is_written_into_the_outer_edit(registry, tmp_path, case):
    kept, arguments, found = KEPT_TWICE[case]
    text = SETTING + f"    base_url={kept},\n)\n"
    scanner = FileScanner(RuleContext(registry, registry.get("deepseek")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    migrated = (
        SETTING + "    base_url=setting(\n" + arguments + f"    )\n    or {DEEPSEEK_URL},\n)\n"
    )
    assert change.after == migrated
    assert [(f.rule, f.fix.value, f in change.fixed) for f in change.findings] == found
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == migrated  # idempotent: nothing of the inner code left to rewrite
    assert [f for f in again.findings if f.fix.rewritten] == []


@pytest.mark.parametrize(
    ("outer", "inner", "after"),
    [
        # kept once: rewritten there
        ("f(x) or g()", ("x", "y"), "f(y) or g()"),
        # a second copy the outer edit's template writes (not the kept code): left
        ("f(x) or g(x)", ("x", "y"), "f(y) or g(x)"),
        ("g(x) or f(x)", ("x", "y"), "g(x) or f(y)"),
        # the kept code copied twice (two branches of the outer code): no one place is its
        # own, so neither is rewritten
        ("f(x) if c else f(x)", ("x", "y"), "f(x) if c else f(x)"),
        # the outer edit wrote the inner one's text already: not again
        ("f(x or z)", ("x", "x or z"), "f(x or z)"),
        # not kept verbatim: the outer edit rewrote the inner one's code
        ("f(z)", ("x", "y"), "f(z)"),
        ("f(xz)", ("x", "y"), "f(xz)"),
        # kept, but now part of longer code: a longer name, an attribute, a longer model id
        ("xx(a.x)", ("x", "y"), "xx(a.x)"),
        ("f(x.a)", ("x", "y"), "f(x.a)"),
        ("f(x-mini)", ("x", "y"), "f(x-mini)"),
    ],
)
def test_composed_writes_the_inner_edit_where_its_code_was_kept(outer, inner, after):
    text = "v = f(x)\n"
    edits = [Edit(Span(4, 8), outer), Edit(Span(6, 7), inner[1])]
    whole, went = composed(text, edits)
    assert whole[0].text == after
    assert whole[1] == edits[1]
    assert went == ({1: 0} if after != outer else {})


@pytest.mark.parametrize(
    ("text", "outer", "inner", "after"),
    [
        # the outer edit keeps code holding the inner one's twice: the copy at the inner
        # edit's own place is rewritten, the other (another node) left
        ("v = g(x, x)\n", "g(x, x) or h", Span(6, 7), "g(y, x) or h"),
        ("v = g(x, x)\n", "g(x, x) or h", Span(9, 10), "g(x, y) or h"),
        ("v = x if c else x\n", "(x if c else x) or d", Span(4, 5), "(y if c else x) or d"),
        ("v = x if c else x\n", "(x if c else x) or d", Span(16, 17), "(x if c else y) or d"),
        # the same string twice, one kept beside a rewritten part
        ('v = f("k", "k")\n', 'h("k", "k", 1)', Span(6, 9), 'h("y", "k", 1)'),
        ('v = f("k", "k")\n', 'h("k", "k", 1)', Span(11, 14), 'h("k", "y", 1)'),
    ],
)
def test_composed_writes_the_inner_edit_at_its_own_copy(text, outer, inner, after):
    span = Span(4, len(text) - 1)
    written = '"y"' if text[inner.start] == '"' else "y"
    edits = [Edit(span, outer), Edit(inner, written)]
    whole, went = composed(text, edits)
    assert whole[0].text == after
    assert went == {1: 0}


def test_composed_writes_several_inner_edits_into_one_outer():
    text = "v = g(x, x) + k\n"
    edits = [
        Edit(Span(4, 15), "(g(x, x) + k) or h"),
        Edit(Span(6, 7), "y"),
        Edit(Span(9, 10), "z"),
        Edit(Span(14, 15), "m"),
    ]
    whole, went = composed(text, edits)
    assert whole[0].text == "(g(y, z) + m) or h"
    assert went == {1: 0, 2: 0, 3: 0}


def test_a_second_copy_of_the_inner_code_in_the_outer_edit_is_left(registry, tmp_path):
    # ML001 rewrites the whole call and ML401 the key read inside it; the header holding
    # the same text is another node, which scan leaves to a person (ML401, manual)
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    api_key=os.environ["OPENAI_API_KEY"],\n'
        '    default_headers={"X-Env": "OPENAI_API_KEY"},\n'
        ")\n"
    )
    scanner = FileScanner(RuleContext(registry, registry.get("deepseek")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    assert '"X-Env": "OPENAI_API_KEY"' in change.after
    assert 'api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")' in change.after
    header = [f for f in change.findings if f.rule == "ML401" and f.line == 7]
    assert [f.fix.value for f in header] == ["manual"]
    assert not any(f.line == 7 for f in change.fixed)


def test_a_huge_outer_edit_keeps_only_its_unchanged_head_and_tail_aligned():
    # past `_ALIGNED` token pairs, the changed middle is not aligned (it would take seconds):
    # an inner edit there is left to the outer one, as where the outer code is not kept
    args = ", ".join(f"a{k}" for k in range(2500))
    text = f"v = f(x, {args}, z)\n"
    outer = f"f(x, {args}, z)".replace("a1,", "b1,").replace("a2400,", "b2400,")
    inner = [Span(6, 7), Span(text.index("a2000"), text.index("a2000") + 5)]
    inner.append(Span(len(text) - 3, len(text) - 2))
    edits = [Edit(Span(4, len(text) - 1), outer), *(Edit(s, "y") for s in inner)]
    whole, went = composed(text, edits)
    assert whole[0].text == outer.replace("f(x,", "f(y,").replace(", z)", ", y)")
    assert went == {1: 0, 3: 0}


@pytest.mark.parametrize(
    ("text", "outer", "inner", "after"),
    [
        # a kept run of one short token: its copies are counted as whole tokens, so `gpt` is
        # not also in `gpt_url`, nor `m` in `MOONSHOT_API_KEY`
        (
            "v = f(a, gpt)\n",
            "f(\n    a,\n    gpt,\n    base=gpt_url,\n)",
            ("gpt", "glm"),
            "f(\n    a,\n    glm,\n    base=gpt_url,\n)",
        ),
        (
            "v = f(m)\n",
            'f(m, api_key=os.environ["MOONSHOT_API_KEY"] or "unset")',
            ("m", "z"),
            'f(z, api_key=os.environ["MOONSHOT_API_KEY"] or "unset")',
        ),
    ],
)
def test_composed_counts_copies_of_a_kept_run_as_whole_tokens(text, outer, inner, after):
    at = text.rindex(inner[0])
    edits = [Edit(Span(4, len(text) - 1), outer), Edit(Span(at, at + len(inner[0])), inner[1])]
    whole, went = composed(text, edits)
    assert whole[0].text == after
    assert went == {1: 0}


def _at(rule: str, span: Span, text: str) -> Finding:
    """A finding of `rule` on line 1 over `span`, with an edit writing `text` there."""
    return Finding(
        rule,
        "model",
        Severity.WARNING,
        FixClass.REVIEW,
        f"{rule} says",
        1,
        span.start + 1,
        1,
        span.end + 1,
        edit=Edit(span, text),
    )


@pytest.mark.parametrize(
    ("outer", "after", "inner_fixed"),
    [
        # written into the outer edit: fixed
        ("g(f(x))", "v = g(f(y))\n", True),
        # the outer edit rewrote the inner one's code: fixed by it
        ("f(z)", "v = f(z)\n", True),
        # the outer edit copies the code twice: no one place is the inner one's, apply leaves
        # both copies, so scan does not count the inner finding fixed
        ("f(x) if c else f(x)", "v = f(x) if c else f(x)\n", False),
    ],
)
def test_an_inner_finding_is_fixed_only_where_apply_changes_its_code(outer, after, inner_fixed):
    text = "v = f(x)\n"
    outside = _at("ML001", Span(4, 8), outer)
    inside = _at("ML202", Span(6, 7), "y")
    done, fixed = migrate_text(text, "python", "app.py", [outside, inside])
    assert done == after
    assert fixed == ([outside, inside] if inner_fixed else [outside])
