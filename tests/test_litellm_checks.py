"""What ML205 adds to a list, tuple, set or comparison of OpenAI models takes the form the
values it tests take: litellm's route where they go to litellm, the bare id where they go to an
OpenAI client, nothing (manual, both spellings named) where both may read it. open-interpreter's
`if model in [...]` had gained bare ids that never equalled the `deepseek/deepseek-v4-pro`
apply wrote for its default."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import RunFacts

SENDS = "which sends a model without a provider prefix to OpenAI"


def applied(registry: Registry, text: str, ctx: RuleContext | None = None):
    """`text` after apply with every rule (acme unless `ctx`), ML205's (line, fix, message),
    and ML205's after a second apply, which must change nothing."""
    ctx = ctx or RuleContext(registry, registry.get("acme"))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    assert first.error is None and second.after == first.after
    assert [f for f in second.findings if f.edit is not None] == []

    def ml205(findings):
        return [(f.line, f.fix.value, f.message) for f in findings if f.rule == "ML205"]

    return first.after, ml205(first.findings), ml205(second.findings)


def test_a_list_of_a_module_calling_litellm_gains_the_route_its_default_takes(registry):
    text = (
        "import litellm\n\n"
        'SUPPORTED = ["gpt-4o", "gpt-4o-mini"]\n\n\n'
        "class Agent:\n"
        "    def __init__(self):\n"
        '        self.model = "gpt-4o"\n\n'
        "    def ask(self, q):\n"
        "        if self.model not in SUPPORTED:\n"
        "            raise ValueError(self.model)\n"
        "        return litellm.completion(model=self.model, messages=q)\n"
    )
    after, found, again = applied(registry, text)
    assert after == text.replace(
        '"gpt-4o-mini"]', '"gpt-4o-mini", "acme/acme-large", "acme/acme-small"]'
    ).replace('self.model = "gpt-4o"', 'self.model = "acme/acme-large"')
    assert found == [
        (
            3,
            "review",
            "'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks models "
            "against them may reject Acme Cloud's models; the code raises for the models not "
            "in it (line 12), so apply adds what they map to ('acme/acme-large', "
            "'acme/acme-small') beside them, on litellm's route: this "
            f"module calls litellm, {SENDS}",
        )
    ]
    assert again == []  # the routed models count as what the OpenAI ones map to


def test_a_comparison_of_a_module_calling_litellm_accepts_the_route(registry):
    text = (
        "import litellm\n\n\n"
        "def ask(q, model):\n"
        '    if model == "gpt-4":\n'
        "        q = q[-5:]\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    after, found, again = applied(registry, text)
    assert after == text.replace('model == "gpt-4"', 'model in ("gpt-4", "acme/acme-large")')
    assert found == [
        (
            5,
            "review",
            "comparison with OpenAI model 'gpt-4': Acme Cloud's model names never equal it, so "
            "the branch would change after the switch; apply makes it accept 'acme/acme-large' "
            "as well (what 'gpt-4' maps to, on litellm's route: this module calls litellm, "
            f"{SENDS})",
        )
    ]
    assert again == []


def test_each_check_takes_the_form_of_the_client_its_values_go_to(registry):
    text = (
        "import litellm\nfrom openai import OpenAI\n\n"
        "client = OpenAI()\n"
        'CHEAP = ["gpt-4o-mini"]\n'
        'SMART = ["gpt-4o"]\n\n\n'
        "def route(q, model):\n"
        "    if model in CHEAP:\n"
        "        return litellm.completion(model=model, messages=q)\n"
        "    return q\n\n\n"
        "def ask(q, model):\n"
        "    if model in SMART:\n"
        "        return client.chat.completions.create(model=model, messages=q)\n"
        "    return q\n"
    )
    after, found, again = applied(registry, text)
    assert after.split("\n")[9:11] == [
        'CHEAP = ["gpt-4o-mini", "acme/acme-small"]',
        'SMART = ["gpt-4o", "acme-large"]',
    ]
    assert found == [
        (
            5,
            "review",
            "'gpt-4o-mini' in a list is an OpenAI model id: code that checks models against it "
            "may reject Acme Cloud's models; apply adds what it maps to ('acme/acme-small') "
            "beside it, on litellm's route: this module gives what it tests to litellm, "
            f"{SENDS}",
        ),
        (
            6,
            "review",
            "'gpt-4o' in a list is an OpenAI model id: code that checks models against it may "
            "reject Acme Cloud's models; apply adds what it maps to ('acme-large') beside it",
        ),
    ]
    assert again == []


BOTH = (
    "import litellm\nfrom openai import OpenAI\n\n"
    "client = OpenAI()\n"
    'SUPPORTED = ["gpt-4o", "gpt-4o-mini"]\n\n\n'
    "def ask(q, model):\n"
    "    if model not in SUPPORTED:\n"
    "        raise ValueError(model)\n"
    "    if q:\n"
    "        return litellm.completion(model=model, messages=q)\n"
    "    return client.chat.completions.create(model=model, messages=q)\n"
)


def test_a_check_whose_values_go_to_litellm_and_an_openai_client_names_both_spellings(registry):
    after, found, again = applied(registry, BOTH)
    assert 'SUPPORTED = ["gpt-4o", "gpt-4o-mini"]\n' in after
    message = (
        "'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks models "
        "against them may reject Acme Cloud's models; apply leaves it: this module calls "
        f"litellm, {SENDS}, and the module gives what it tests to an OpenAI client too: accept "
        "'acme/acme-large', 'acme/acme-small' where what it tests goes to litellm, "
        "'acme-large', 'acme-small' where it goes to an OpenAI client, by hand"
    )
    assert found == [(5, "manual", message)]
    assert again == [(10, "manual", message)]  # the client's construction took five lines


VALIDATE = (
    "import os\n\nimport litellm\n\n\n"
    "def validate_llm_settings(interpreter):\n"
    "    if interpreter.llm.model in [\n"
    '        "gpt-4",\n'
    '        "gpt-4o",\n'
    '        "gpt-4o-mini",\n'
    "    ]:\n"
    '        if not os.environ.get("OPENAI_API_KEY") and not interpreter.llm.api_key:\n'
    '            interpreter.llm.api_key = input("API key: ")\n'
)


def test_open_interpreters_check_in_a_run_calling_litellm_elsewhere_is_left(registry):
    """The module calls no model; another of the run calls litellm (open-interpreter's
    llm.py, whose default apply writes `deepseek/deepseek-v4-pro`). Its branch for the listed
    models asks for their key, OpenAI's, so the list gains nothing, with litellm in the run or
    not, and the read of OPENAI_API_KEY the prompt is the fallback of stays (t61c C: with the
    provider's models listed, the prompt asked for their key and sent it to OpenAI for
    gpt-4o)."""
    message = (
        "'gpt-4', 'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks "
        "models against them may reject Acme Cloud's models; apply leaves it: the branch for "
        "its members asks for a key at the prompt on line 13, the one OpenAI's models need; "
        "Acme Cloud's models added here would be asked for OpenAI's key and send it to Acme "
        "Cloud: give them a branch of their own, by hand"
    )
    ctx = RuleContext(registry, registry.get("acme"), facts=RunFacts(litellm_project=True))
    for run in (ctx, None):
        after, found, again = applied(registry, VALIDATE, run)
        assert after == VALIDATE
        assert found == again == [(8, "manual", message)]


def test_a_name_saying_litellm_takes_the_route(registry):
    text = (
        "import litellm\nfrom openai import OpenAI\n\n"
        "client = OpenAI()\n"
        'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\n'
        "def check(settings):\n"
        "    return settings.litellm_model in SUPPORTED\n\n\n"
        "def ask(m, q):\n"
        "    return litellm.completion(model=m, messages=q)\n"
    )
    after, found, _ = applied(registry, text)
    assert 'SUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme/acme-large", "acme/acme-small")\n' in after
    assert found[0][2].endswith(
        f"on litellm's route: the name it tests says it goes to litellm, {SENDS}"
    )


def test_a_provider_without_a_litellm_route_leaves_the_check(registry):
    ctx = RuleContext(registry, dataclasses.replace(registry.get("acme"), frameworks={}))
    text = (
        "import litellm\n\n\n"
        "def ask(q, model):\n"
        '    if model == "gpt-4":\n'
        "        q = q[-5:]\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    after, found, again = applied(registry, text, ctx)
    assert after == text
    message = (
        "comparison with OpenAI model 'gpt-4': Acme Cloud's model names never equal it; apply "
        f"leaves it: this module calls litellm, {SENDS}, and litellm takes Acme Cloud's models "
        "there as 'openai/acme-large' with Acme Cloud's api_base and key: accept them so, by "
        "hand"
    )
    assert found == again == [(5, "manual", message)]


def test_a_default_litellm_takes_tested_against_the_list_leaves_both(registry):
    """ML640 reads the test as it stands, which the routed default fails, and leaves the
    default: widened alone, the list would accept the route while the default stayed
    `gpt-4o`, and a second run would report neither."""
    text = (
        "import litellm\n\n"
        'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\n'
        'def ask(q, model="gpt-4o"):\n'
        "    if model not in SUPPORTED:\n"
        "        raise ValueError(model)\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    after, found, again = applied(registry, text, ctx)
    assert 'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\ndef ask(q, model="gpt-4o"):' in after
    message = (
        "'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids: code that checks models "
        "against them may reject Acme Cloud's models; apply leaves it: 'gpt-4o' on line {}, "
        "which litellm takes and this check tests, stays as it is (ML640 reads the check as it "
        "stands, which 'acme/acme-large' passes and 'gpt-4o' does not); widened alone, the "
        "check would let that model stay OpenAI's unreported; change them together, by hand"
    )
    assert found == [(3, "manual", message.format(6))]
    assert again == [(5, "manual", message.format(8))]  # `import os` came in
    second = FileScanner(ctx, Path(".")).migrate_text(after, "python", "app.py", "app.py")
    assert [(f.line, f.fix.value) for f in second.findings if f.rule == "ML640"] == [(8, "manual")]
