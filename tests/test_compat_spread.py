"""The compatibility rules read a dict spread into a request with `**` as they read keywords.

`create(**params)` sends the dict's entries: a `max_tokens` there reaches the provider as
surely as a keyword. Apply edits the dict only where it serves requests alone.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .provider_run import run_on_provider

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
COMPAT = ("ML111", "ML112", "ML113", "ML115")


def found(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.line, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in COMPAT
    ]


def applied(registry, text, provider="acme"):
    """The text with the compatibility rules' edits made (the client's rewrite left out)."""
    ctx = RuleContext(registry, registry.get(provider))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in COMPAT]
    after, _ = migrate_text(text, "python", "app.py", findings)
    return after


def test_an_inline_spread_dict_is_clamped_like_a_keyword(registry):
    text = HEAD + 'c.chat.completions.create(model=m, messages=[], **{"temperature": 1.5})\n'
    assert found(registry, text) == [
        (
            "ML111",
            3,
            FixClass.REVIEW,
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    after = applied(registry, text)
    assert (
        after == HEAD + 'c.chat.completions.create(model=m, messages=[], **{"temperature": 1.0})\n'
    )
    assert applied(registry, after) == after


PARAMS = HEAD + (
    "params = {\n"
    '    "model": "acme-think",\n'
    '    "temperature": 0.3,  # steady answers\n'
    '    "max_completion_tokens": 200,\n'
    "}\n"
    "params['stream'] = False\n"
    "c.chat.completions.create(messages=[], **params)\n"
)


def test_a_named_dict_used_only_by_requests_is_edited(registry):
    assert found(registry, PARAMS) == [
        (
            "ML115",
            5,
            FixClass.REVIEW,
            "acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
        ),
        ("ML112", 6, FixClass.SAFE, "Acme Cloud takes max_tokens=, not max_completion_tokens="),
    ]
    after = applied(registry, PARAMS)
    assert after == HEAD + (
        "params = {\n"
        '    "model": "acme-think",\n'
        '    "max_tokens": 200,\n'
        "}\n"
        "params['stream'] = False\n"
        "c.chat.completions.create(messages=[], **params)\n"
    )
    assert applied(registry, after) == after


def test_a_dict_used_elsewhere_too_is_left_for_a_person(registry):
    text = PARAMS + "print(params)\n"
    assert found(registry, text) == [
        (
            "ML115",
            5,
            FixClass.MANUAL,
            'acme-think fixes temperature on Acme Cloud: remove the entry "temperature" '
            "(the model ignores or rejects it) (apply leaves the dict: it is used elsewhere too)",
        ),
        (
            "ML112",
            6,
            FixClass.MANUAL,
            "Acme Cloud takes max_tokens=, not max_completion_tokens=; rename the entry "
            '"max_completion_tokens" by hand (apply leaves the dict: it is built or used '
            "elsewhere too)",
        ),
    ]
    assert applied(registry, text) == text


def test_a_dict_spread_into_two_requests_is_reported_once(registry):
    text = HEAD + (
        'OPTS = {"max_completion_tokens": 50}\n'
        "c.chat.completions.create(model=m, messages=[], **OPTS)\n"
        "c.chat.completions.create(model=m, messages=[], stream=True, **OPTS)\n"
    )
    assert [row[:3] for row in found(registry, text)] == [("ML112", 3, FixClass.SAFE)]
    assert 'OPTS = {"max_tokens": 50}\n' in applied(registry, text)


def test_a_keyword_written_in_the_call_wins_over_the_dict(registry):
    text = HEAD + (
        'OPTS = {"max_completion_tokens": 50, "temperature": 0.5}\n'
        "c.chat.completions.create(model=m, messages=[], **OPTS, max_tokens=9, temperature=3)\n"
    )
    assert [row[:2] for row in found(registry, text)] == [("ML111", 4)]


def test_unsupported_entries_are_named_where_they_are_written(registry):
    text = HEAD + (
        "def ask(q):\n"
        "    extra = {\n"
        '        "functions": [{"name": "f", "parameters": {}}],\n'
        '        "tool_choice": "required",\n'
        "    }\n"
        '    return c.chat.completions.create(model="kimi-k2.6", messages=q, **extra)\n'
    )
    assert found(registry, text, "moonshot") == [
        (
            "ML111",
            5,
            FixClass.MANUAL,
            "functions= is not supported by Moonshot AI (Kimi); rewrite it as tools=, then read "
            "the calls from the reply's message.tool_calls[i].function.name and .arguments (not "
            "message.function_call) and send back the assistant message with its tool_calls and "
            'each result as {"role": "tool", "tool_call_id": ..., "content": ...}',
        ),
        (
            "ML111",
            6,
            FixClass.MANUAL,
            'tool_choice="required" is not accepted by Moonshot AI (Kimi) (accepted: none, '
            'auto); use "auto" and check that the model calls a tool (unconfirmed: "required" '
            "rejected in thinking mode (measured 2026-05-20); named-function tool_choice "
            "undocumented; a reseller says kimi-k3 accepts forced tool choice)",
        ),
    ]


def test_a_dict_of_something_else_or_a_computed_one_is_not_read(registry):
    text = HEAD + (
        "def ask(q, opts):\n"
        "    c.chat.completions.create(model=m, messages=q, **opts)\n"
        "    settings = dict(opts, max_completion_tokens=5)\n"
        "    c.chat.completions.create(model=m, messages=q, **settings)\n"
        '    log(**{"temperature": 5})\n'
    )
    assert found(registry, text) == []


def test_a_dict_call_of_keywords_is_read_as_a_display(registry):
    text = HEAD + (
        "def ask(q):\n"
        "    settings = dict(max_completion_tokens=5)\n"
        "    c.chat.completions.create(model=m, messages=q, **settings)\n"
    )
    assert found(registry, text) == [
        ("ML112", 4, FixClass.SAFE, "Acme Cloud takes max_tokens=, not max_completion_tokens=")
    ]
    after = applied(registry, text)
    assert after == text.replace("dict(max_completion_tokens=5)", "dict(max_tokens=5)")
    assert applied(registry, after) == after


APP = """from openai import OpenAI

client = OpenAI()
REQUEST = {
    "model": "gpt-4o",
    "temperature": 0.2,
    "max_tokens": 300,
}


def ask(question):
    reply = client.chat.completions.create(
        messages=[{"role": "user", "content": question}], **REQUEST
    )
    return reply.choices[0].message.content


print(ask("ping"))
"""


def test_the_migrated_request_sends_what_the_provider_takes(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(APP)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == "import os\n\n" + APP.replace(
        "client = OpenAI()\n",
        "client = OpenAI(\n"
        '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        ")\n",
    ).replace(
        '    "model": "gpt-4o",\n    "temperature": 0.2,\n    "max_tokens": 300,\n',
        '    "model": "kimi-k2.6",\n    "max_completion_tokens": 300,\n',
    )
    run_on_provider(Path("app.py"), tmp_path, registry.get("moonshot"), server, tmp_path / "guard")
    [request] = server.requests
    assert request.path == "/chat/completions"
    assert {k: v for k, v in request.body.items() if k != "messages"} == {
        "model": "kimi-k2.6",
        "max_completion_tokens": 300,
    }
    # no thinking switch reaches the request (apply adds none to **REQUEST): ML118 stays (t62d)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert check.exit_code == 1, check.stdout
    assert [line.split(" kimi-k2.6 ")[0] for line in check.stdout.splitlines()] == [
        "app.py:16:13 ML118",
        "1 finding for moonshot in 1 of 2 files; 0 error, 1 warning, 0 note",
    ]


def test_a_key_the_code_sets_on_the_dict_is_read_and_edited_like_its_entries(registry):
    text = HEAD + (
        'params = {"model": "acme-think", "messages": []}\n'
        "params['max_completion_tokens'] = 200\n"
        'params["temperature"] = 0.3  # steady\n'
        "c.chat.completions.create(**params)\n"
    )
    assert found(registry, text) == [
        ("ML112", 4, FixClass.SAFE, "Acme Cloud takes max_tokens=, not max_completion_tokens="),
        (
            "ML115",
            5,
            FixClass.REVIEW,
            "acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
        ),
    ]
    after = applied(registry, text)
    assert after == HEAD + (
        'params = {"model": "acme-think", "messages": []}\n'
        "params['max_tokens'] = 200\n"
        "c.chat.completions.create(**params)\n"
    )
    assert applied(registry, after) == after


def test_a_key_set_beside_other_code_on_its_line_is_left_for_a_person(registry):
    text = HEAD + (
        'params = {"model": "acme-think", "messages": []}\n'
        'x = 1; params["temperature"] = 0.3\n'
        "c.chat.completions.create(**params)\n"
    )
    assert [(rule, line, fix) for rule, line, fix, _ in found(registry, text)] == [
        ("ML115", 4, FixClass.MANUAL)
    ]
    assert applied(registry, text) == text


BUILDERS = HEAD + (
    "\n\nclass Bot:\n"
    "    @property\n"
    "    def _defaults(self):\n"
    '        p = {"temperature": 0.3}\n'
    '        p["max_completion_tokens"] = 100\n'
    "        return p\n\n"
    "    def _payload(self, prompt):\n"
    '        return {"model": "acme-think", "messages": prompt, "max_completion_tokens": 50}\n\n'
    "    def ask(self, prompt):\n"
    '        params = {**self._defaults, "messages": prompt}\n'
    '        return c.chat.completions.create(model="acme-think", **params)\n\n'
    "    def submit(self, prompt):\n"
    "        payload = self._payload(prompt)\n"
    "        return c.chat.completions.create(**payload)\n"
)


def test_entries_a_method_of_the_class_builds_are_read_and_left_for_a_person(registry):
    # pandas-ai's `{**self._default_params, ...}` and vanna's payload builder sent
    # max_tokens to the provider while `check` passed
    assert [(rule, line, fix) for rule, line, fix, _ in found(registry, BUILDERS)] == [
        ("ML115", 8, FixClass.MANUAL),
        ("ML112", 9, FixClass.MANUAL),
        ("ML112", 13, FixClass.MANUAL),
    ]
    assert applied(registry, BUILDERS) == BUILDERS


def test_a_builder_spreading_another_builder_is_followed(registry):
    # pandas-ai: `{**self._invocation_params, ...}`, whose builder spreads
    # `self._default_params`, which sets max_tokens
    text = HEAD + (
        "\n\nclass Bot:\n"
        "    @property\n"
        "    def _default_params(self):\n"
        '        params = {"temperature": 0}\n'
        '        params["max_completion_tokens"] = 100\n'
        "        return params\n\n"
        "    @property\n"
        "    def _invocation_params(self):\n"
        "        return {**self._default_params}\n\n"
        "    def ask(self, prompt):\n"
        '        params = {**self._invocation_params, "messages": prompt}\n'
        '        return c.chat.completions.create(model="acme-large", **params)\n'
    )
    assert [(rule, line, fix) for rule, line, fix, _ in found(registry, text)] == [
        ("ML112", 9, FixClass.MANUAL)
    ]


def test_a_builder_a_subclass_overrides_is_read_in_both(registry):
    # pandas-ai: the base class's request spreads `self._default_params`, which the OpenAI
    # subclass overrides as `{**super()._default_params, "model": ...}`
    text = HEAD + (
        "\n\nclass Base:\n"
        "    @property\n"
        "    def _default_params(self):\n"
        '        return {"temperature": 0, "max_completion_tokens": 100}\n\n'
        "    def ask(self, prompt):\n"
        "        return c.chat.completions.create(messages=prompt, **self._default_params)\n\n\n"
        "class Chat(Base):\n"
        "    @property\n"
        "    def _default_params(self):\n"
        '        return {**super()._default_params, "model": "acme-large"}\n'
    )
    assert [(rule, line, fix) for rule, line, fix, _ in found(registry, text)] == [
        ("ML112", 8, FixClass.MANUAL)
    ]


def test_a_model_a_class_sets_in_its_body_decides_the_model_facts(registry):
    # pandas-ai (t42b D4): `model: str = "gpt-4o"` in the class body, sent as
    # `"model": self.model` through a builder: its fixed sampling went out unreported
    text = HEAD + (
        "\n\nclass Chat:\n"
        '    model: str = "acme-think"\n'
        "    temperature: float = 0.3\n\n"
        "    @property\n"
        "    def _params(self):\n"
        '        return {"model": self.model, "temperature": self.temperature}\n\n'
        "    def ask(self, prompt):\n"
        "        return c.chat.completions.create(messages=prompt, **self._params)\n"
    )
    assert found(registry, text) == [
        (
            "ML115",
            11,
            FixClass.MANUAL,
            'acme-think fixes temperature on Acme Cloud: remove the entry "temperature" (the '
            "model ignores or rejects it) (apply leaves the dict: it is used elsewhere too)",
        )
    ]
    # a construction passing another model: the argument is left to a person, naming both
    passing = text + '\n\nChat(model="acme-large")\n'
    assert found(registry, passing) == [
        (
            "ML115",
            11,
            FixClass.MANUAL,
            "`self.model` may be acme-think or acme-large, and acme-think fixes temperature on "
            'Acme Cloud; remove the entry "temperature" by hand, or send it only to a model '
            "that takes it (the model ignores or rejects it; apply leaves it: the model is "
            "chosen at run time)",
        )
    ]
