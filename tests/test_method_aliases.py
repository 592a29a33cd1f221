"""A name bound to an SDK method (`completion = client.chat.completions.create`) or to a
litellm function is that method at its calls: every rule reading the direct call reads the
aliased one (models mapped, parameters checked), and ML206 does not call it foreign. A
placeholder bound first (a lambda, None) does not count. A name bound to several request
methods (shell_gpt: `litellm.completion` in one branch, `client.chat.completions.create` in the
other) is each: the SDK's checks apply, ML640 leaves the call to a person and the model stays
with both spellings. A name bound to anything else besides is not followed.

Each case runs the whole migration for acme: exact text after, the findings with their fix
classes, scan's fix classes equal to what apply does, and a second run that changes nothing.
"""

from __future__ import annotations

import ast

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR
from .test_fix_truth import assert_fix_truth

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

HEAD = "from openai import OpenAI\n\nclient = OpenAI(api_key=key, base_url=url)\n"


def migrate(registry, tmp_path, text: str):
    """(after, [(line, rule, fix)]) of `apply --provider acme`; checks fix truth and that a
    second run changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.error is None
    assert_fix_truth(change, text)
    ast.parse(change.after)
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == change.after
    assert [f.rule for f in again.findings if f.fix.rewritten] == []
    found = [(f.line, f.rule, f.fix.value) for f in change.findings if f.rule != "ML003"]
    return change.after, found


def test_module_level_alias_is_the_sdk_method(registry, tmp_path):
    text = (
        f"{HEAD}completion = client.chat.completions.create\n\n\n"
        "def ask(p):\n"
        '    return completion(model="gpt-4o", messages=p, temperature=1.5, logit_bias={})\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == (
        f"{HEAD}completion = client.chat.completions.create\n\n\n"
        "def ask(p):\n"
        '    return completion(model="acme-large", messages=p, temperature=1.0)\n'
    )
    assert sorted(found) == [
        (8, "ML101", "none"),
        (8, "ML111", "review"),
        (8, "ML115", "review"),
        (8, "ML201", "review"),
    ]


def test_alias_messages_match_the_direct_call(registry, tmp_path):
    aliased = (
        f'{HEAD}create = client.chat.completions.create\ncreate(model="gpt-4o", messages=[])\n'
    )
    direct = f'{HEAD}client.chat.completions.create(model="gpt-4o", messages=[])\n'
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)

    def messages(text: str) -> dict[str, str]:
        change = scanner.migrate_text(text, "python", "app.py", "app.py")
        return {f.rule: f.message for f in change.findings if f.rule != "ML003"}

    assert messages(aliased) == {
        "ML101": "chat.completions.create() (as create()) through an OpenAI client; supported "
        "by Acme Cloud",
        "ML201": "model 'gpt-4o' maps to 'acme-large' on Acme Cloud",
    }
    assert messages(direct)["ML201"] == messages(aliased)["ML201"]


ALIAS_CASES = [
    pytest.param(
        f"{HEAD}\n\ndef ask(p):\n    create = client.chat.completions.create\n"
        '    return create(model="gpt-4o-mini", messages=p)\n',
        f"{HEAD}\n\ndef ask(p):\n    create = client.chat.completions.create\n"
        '    return create(model="acme-small", messages=p)\n',
        id="function-scope",
    ),
    pytest.param(
        f"{HEAD}\n\nclass Bot:\n    def __init__(self):\n"
        "        self.complete = client.chat.completions.create\n\n"
        '    def ask(self, p):\n        return self.complete(model="gpt-4o", messages=p)\n',
        f"{HEAD}\n\nclass Bot:\n    def __init__(self):\n"
        "        self.complete = client.chat.completions.create\n\n"
        '    def ask(self, p):\n        return self.complete(model="acme-large", messages=p)\n',
        id="self-attribute",
    ),
    pytest.param(
        "import openai\n\nembed = openai.embeddings.create\n"
        'vectors = embed(model="text-embedding-3-small", input=["a"])\n',
        # a program's module-level client, configured for the provider (ML102)
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ.get("ACME_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
        ")\n\nembed = openai.embeddings.create\n"
        'vectors = embed(model="acme-embed", input=["a"])\n',
        id="v1-module-client",
    ),
    pytest.param(
        f"{HEAD}\nif fast:\n    create = client.chat.completions.create\nelse:\n"
        "    create = client.chat.completions.create\n"
        'create(model="gpt-4o", messages=[])\n',
        f"{HEAD}\nif fast:\n    create = client.chat.completions.create\nelse:\n"
        "    create = client.chat.completions.create\n"
        'create(model="acme-large", messages=[])\n',
        id="bound-twice-to-the-same-method",
    ),
]


@pytest.mark.parametrize(("before", "after"), ALIAS_CASES)
def test_aliased_calls_are_migrated(registry, tmp_path, before, after):
    migrated, found = migrate(registry, tmp_path, before)
    assert migrated == after
    rules = [(rule, fix) for _, rule, fix in found]
    assert ("ML201", "review") in rules
    assert "ML206" not in {rule for rule, _ in rules}


LEFT_CASES = [
    pytest.param(
        f"{HEAD}create = client.chat.completions.create\ncreate = print\n"
        'create(model="gpt-4o", messages=[])\n',
        id="rebound",
    ),
    pytest.param(
        f"{HEAD}\n\nclass Bot:\n    def __init__(self, other):\n"
        "        self.complete = client.chat.completions.create\n"
        "        if other:\n            self.complete = other.create\n\n"
        '    def ask(self):\n        return self.complete(model="gpt-4o", messages=[])\n',
        id="self-attribute-rebound",
    ),
    pytest.param(
        f'{HEAD}\n\ndef ask(create):\n    return create(model="gpt-4o", messages=[])\n',
        id="parameter",
    ),
    pytest.param(
        f"{HEAD}create = client.chat.completions.create\nif X:\n    create = print\n"
        'create(model="gpt-4o", messages=[])\n',
        id="request-method-or-other",
    ),
]


@pytest.mark.parametrize("before", LEFT_CASES)
def test_names_bound_to_other_values_are_not_followed(registry, tmp_path, before):
    after, found = migrate(registry, tmp_path, before)
    assert after == before
    assert [(rule, fix) for _, rule, fix in found] == [("ML206", "manual")]


def test_alias_through_another_endpoint_is_left_alone(registry, tmp_path):
    """A client pointed at the program's own server (ML003): its aliased method is neither
    migrated nor called foreign."""
    text = (
        'from openai import OpenAI\n\nown = OpenAI(base_url="http://localhost:8000/v1")\n'
        'create = own.chat.completions.create\ncreate(model="gpt-4o", messages=[])\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert found == []


def test_litellm_function_alias(registry, tmp_path):
    text = (
        'import litellm\n\ncompletion = litellm.completion\ncompletion(model="gpt-4o", '
        "messages=[])\n"
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == (
        "import os\n\nimport litellm\n\ncompletion = litellm.completion\ncompletion(\n"
        '    model="acme/acme-large",\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    messages=[],\n)\n"
    )
    assert found == [(4, "ML640", "review"), (4, "ML640", "review")]


def test_placeholder_bound_first_does_not_count(registry, tmp_path):
    text = (
        f"{HEAD}completion = lambda *args, **kwargs: None\n"
        "completion = client.chat.completions.create\n"
        'completion(model="gpt-4o", messages=[])\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == text.replace('"gpt-4o"', '"acme-large"')
    assert found == [(6, "ML101", "none"), (6, "ML201", "review")]


# shell_gpt's handler.py: a placeholder, then litellm's function or the client's method
BRANCHES = (
    "import litellm\nfrom openai import OpenAI\n\n"
    "completion = lambda *args, **kwargs: None\n"
    "if USE_LITELLM:\n    completion = litellm.completion\nelse:\n"
    "    client = OpenAI(api_key=key, base_url=url)\n"
    "    completion = client.chat.completions.create\n\n\n"
)
SHARED = (
    "`completion` is litellm.completion() where line 6 binds it and "
    "client.chat.completions.create() where line 9 does, and {source}: litellm takes Acme "
    'Cloud\'s model as acme/<model> with api_key=os.environ["ACME_API_KEY"] and '
    'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") (as apply\'s '
    "edits write them; litellm's acme/ route reads ACME_API_BASE itself only where a call "
    "passes no api_base), the client the model as it is and neither keyword (TypeError); "
    "apply leaves the call: give each path a call of its own (under the test that binds "
    "`completion` to its method, or calling the method by its own name), by hand"
)


def shared_findings(registry, tmp_path, text: str) -> dict[str, tuple[str, str]]:
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py")
    return {f.rule: (f.fix.value, f.message) for f in change.findings if f.rule != "ML003"}


def test_litellm_or_sdk_by_branch_is_both(registry, tmp_path):
    """The SDK's checks run (ML115 drops logit_bias, which the provider refuses); the model
    written in the call stays (ML201, both spellings), and ML640 leaves the call: an edit for
    litellm (`api_key=`, `api_base=`) would make the client's create() raise TypeError.
    Before, the call was not followed and nothing said the litellm path sends a bare model."""
    text = (
        BRANCHES + 'def ask(q):\n    return completion(model="gpt-4o", messages=q, logit_bias={})\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == BRANCHES + 'def ask(q):\n    return completion(model="gpt-4o", messages=q)\n'
    assert found == [
        (13, "ML101", "none"),
        (13, "ML640", "manual"),
        (13, "ML201", "manual"),
        (13, "ML115", "review"),
    ]
    messages = shared_findings(registry, tmp_path, text)
    assert messages["ML640"] == ("manual", SHARED.format(source="its model is 'gpt-4o'"))
    assert messages["ML201"] == (
        "manual",
        "model 'gpt-4o' maps to 'acme-large' on Acme Cloud, but this call gives it to litellm "
        "(`completion` is litellm's function on one path: ML640), which sends a model without "
        "a provider prefix to OpenAI, and to an OpenAI client: write 'acme/acme-large' where it "
        "reaches litellm, 'acme-large' where it reaches an OpenAI client, by hand",
    )


def test_litellm_or_sdk_by_branch_with_a_constant(registry, tmp_path):
    text = BRANCHES.replace("\ncompletion = lambda", '\nMODEL = "gpt-4o"\ncompletion = lambda', 1)
    text += "def ask(q):\n    return completion(model=MODEL, messages=q)\n"
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert found == [(4, "ML202", "manual"), (14, "ML101", "none"), (14, "ML640", "manual")]
    source = "its model comes from `MODEL`, which the module sets to 'gpt-4o' (line 4)"
    assert shared_findings(registry, tmp_path, text)["ML640"] == (
        "manual",
        SHARED.format(source=source).replace("line 6", "line 7").replace("line 9", "line 10"),
    )


def test_litellm_or_sdk_by_branch_with_a_model_chosen_at_run_time(registry, tmp_path):
    """shell_gpt's own shape: the model is a parameter, handed in by another module."""
    text = BRANCHES + "def ask(model, q):\n    return completion(model=model, messages=q)\n"
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert found == [(13, "ML101", "none"), (13, "ML640", "manual"), (13, "ML203", "manual")]
    source = "its model comes from `model` at run time"
    assert shared_findings(registry, tmp_path, text)["ML640"] == (
        "manual",
        SHARED.format(source=source),
    )


# t51j C: ML640's advice followed through the shared name, each call under the test that
# binds `completion` to its method (the litellm call given the key and base URL only there)
GUARDED = (
    "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
    'USE_LITELLM = os.getenv("USE_LITELLM") == "true"\n'
    "completion = lambda *args, **kwargs: None\n"
    "if USE_LITELLM:\n    completion = litellm.completion\nelse:\n"
    '    client = OpenAI(api_key=os.environ["ACME_API_KEY"], '
    'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n'
    "    completion = client.chat.completions.create\n\n\n"
    "def ask(model, q):\n"
    "    if USE_LITELLM:\n"
    "        return completion(\n"
    '            model="acme/" + model,\n'
    "            messages=q,\n"
    '            api_key=os.environ["ACME_API_KEY"],\n'
    '            api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "        )\n"
    "    return completion(model=model, messages=q)\n"
)
# shell_gpt's handler as a person writes it (out/sgpt_handler_variantA.py): an `if`/`else`
# in the method, the same test as the module's
GUARDED_ELSE = GUARDED.replace(
    "    return completion(model=model, messages=q)\n",
    "    else:\n        return completion(model=model, messages=q)\n",
)
# the binding written as one expression
TERNARY = (
    "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
    'USE_LITELLM = os.getenv("USE_LITELLM") == "true"\n'
    'client = OpenAI(api_key=os.environ["ACME_API_KEY"], '
    'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n'
    "completion = litellm.completion if USE_LITELLM else client.chat.completions.create\n\n\n"
    "def ask(model, q):\n"
    "    if not USE_LITELLM:\n"
    "        return completion(model=model, messages=q)\n"
    '    return completion(model="acme/" + model, messages=q, api_key=os.environ["ACME_API_KEY"])\n'
)


@pytest.mark.parametrize(
    ("text", "line"),
    [(GUARDED, 23), (GUARDED_ELSE, 24), (TERNARY, 13)],
    ids=["past", "else", "ternary"],
)
def test_each_path_calling_through_the_shared_name_under_its_test(registry, tmp_path, text, line):
    """Before: ML640 on both calls, and ML304 errors (api_key=/api_base= "are openai<1.0
    arguments") on the call only litellm receives; check exit 1 after a correct fix. Now the
    call under the binding's test is that binding's method alone: litellm's call is checked
    as litellm's (its key and URL are the provider's), the client's as the client's (a
    model chosen at run time: ML203, a note)."""
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert found == [(line, "ML101", "none"), (line, "ML203", "manual")]
    (tmp_path / "app.py").write_text(text)
    result = CliRunner().invoke(app, ["check", *ACME, str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, "0 findings for acme in 0 of 1 file\n")


@pytest.mark.parametrize(
    "guard",
    [
        "use_litellm",  # a parameter: may differ from the module's test
        "USE_LITELLM and q",  # another test
    ],
)
def test_a_call_under_another_test_is_still_both(registry, tmp_path, guard):
    text = GUARDED.replace(
        "def ask(model, q):\n    if USE_LITELLM:",
        f"def ask(model, q, use_litellm=True):\n    if {guard}:",
    )
    _, found = migrate(registry, tmp_path, text)
    assert [rule for _, rule, _ in found if rule in ("ML640", "ML304")] == ["ML640", "ML640"]


def test_litellm_keywords_through_the_shared_name_are_not_openai_0_arguments(registry, tmp_path):
    """A call through the shared name outside any test, given litellm's `api_key=` and
    `api_base=`: ML640 (the client's create() raises TypeError on them), no ML304 error."""
    text = BRANCHES + (
        "def ask(q):\n    return completion(model=m, messages=q, api_key=k, api_base=u)\n"
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert [(rule, fix) for _, rule, fix in found] == [
        ("ML101", "none"),
        ("ML640", "manual"),
        ("ML203", "manual"),
    ]


# t56d D3: the client's key is the program's own (a settings object's entry, given through the
# dict the construction spreads): litellm is told to take the same, not the variable alone,
# which a program keeping its key in its settings file never sets
KEPT_KEY = (
    "import litellm\nfrom openai import OpenAI\n\nfrom settings import cfg\n\n"
    "completion = lambda *args, **kwargs: None\n"
    'client_kwargs = {"api_key": cfg.get("ACME_API_KEY"), "timeout": 60}\n'
    "if USE_LITELLM:\n    completion = litellm.completion\nelse:\n"
    "    client = OpenAI(**client_kwargs)\n"
    "    completion = client.chat.completions.create\n"
    "    client_kwargs = {}\n\n\n"
    "def ask(model, q):\n    return completion(model=model, messages=q, **client_kwargs)\n"
)


def test_litellm_is_told_to_take_the_key_the_client_is_given(registry, tmp_path):
    fix, message = shared_findings(registry, tmp_path, KEPT_KEY)["ML640"]
    assert fix == "manual"
    assert message.startswith(
        "`completion` is litellm.completion() where line 9 binds it and "
        "client.chat.completions.create() where line 12 does, and its model comes from `model` "
        "at run time: litellm takes Acme Cloud's model as acme/<model> with "
        'api_key=cfg.get("ACME_API_KEY") (the key your code gives the client on line 11; it '
        'must be an Acme Cloud key) and api_base=os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1") (as apply\'s edits write them;'
    )
    # a key read from OpenAI's own variable is not one to hand on: the provider's variable
    openai_key = KEPT_KEY.replace('cfg.get("ACME_API_KEY")', 'os.getenv("OPENAI_API_KEY")')
    assert (
        'with api_key=os.environ["ACME_API_KEY"] and'
        in (shared_findings(registry, tmp_path, openai_key)["ML640"][1])
    )
