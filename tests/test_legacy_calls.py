"""openai<1.0 calls (ML302, ML304) that openai>=1.0 would reject or run differently:
positional and renamed arguments, per-call credentials, APIs the provider lacks, resource
classes used as classes, aliases, `getattr`, `Engine`.

Every rewrite: the exact text after `apply`, and a second run that edits nothing.
"""

from __future__ import annotations

import pytest

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

ACME_CLIENT = (
    "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
)


def found(registry, text: str, provider: str, *rules: str):
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in rules]


def body(after: str) -> str:
    """The migrated module after its client setup (the header is another rule's business)."""
    if "    return _aclient_on(loop)\n" in after:  # the async client's functions
        return after.split("    return _aclient_on(loop)\n", 1)[1].lstrip("\n")
    return after.split("\n)\n", 1)[1]


# Modernising only (--provider openai): the arguments v1 takes under another form.
OPENAI_CALLS = [
    pytest.param(
        'with open(p, "rb") as f:\n    t = openai.Audio.transcribe("whisper-1", f)\n',
        'with open(p, "rb") as f:\n'
        '    t = client.audio.transcriptions.create(model="whisper-1", file=f)\n',
        id="transcribe-positional",
    ),
    pytest.param(
        "async def t(f):\n    return await openai.Audio.atranslate(MODEL, f)\n",
        "async def t(f):\n"
        "    return await _aclient().audio.translations.create(model=MODEL, file=f)\n",
        id="atranslate-positional",
    ),
    pytest.param(
        "m = openai.Moderation.create(text)\n",
        "m = client.moderations.create(input=text)\n",
        id="moderation-positional",
    ),
    pytest.param(
        "e = openai.Image.create_edit(img, mask, prompt=p)\n",
        "e = client.images.edit(image=img, mask=mask, prompt=p)\n",
        id="image-edit-positional",
    ),
    pytest.param(
        'u = openai.File.create(f, "fine-tune")\n',
        'u = client.files.create(file=f, purpose="fine-tune")\n',
        id="file-create-positional",
    ),
    pytest.param(
        'r = openai.Model.retrieve("gpt-4")\n',
        'r = client.models.retrieve("gpt-4")\n',
        id="id-stays-positional",
    ),
    pytest.param(
        'r = openai.ChatCompletion.create(model=m, messages=q, headers={"X-Trace": t})\n',
        'r = client.chat.completions.create(model=m, messages=q, extra_headers={"X-Trace": t})\n',
        id="headers",
    ),
    pytest.param(
        "r = openai.ChatCompletion.create(model=m, messages=q, api_key=key, organization=org)\n",
        "r = client.with_options(api_key=key, organization=org).chat.completions.create(\n"
        "    model=m, messages=q\n)\n",
        id="credentials-to-with-options",
    ),
    pytest.param(
        'r = openai.Embedding.create(input=x, model=m, api_base="http://10.0.0.2/v1")\n',
        'r = client.with_options(base_url="http://10.0.0.2/v1").embeddings.create(\n'
        "    input=x, model=m\n)\n",
        id="api-base-to-base-url",
    ),
    pytest.param(
        "names = [m.id for m in openai.Engine.list().data]\n",
        "names = [m.id for m in client.models.list().data]\n",
        id="engine-list",
    ),
]


@pytest.mark.parametrize(("before", "after"), OPENAI_CALLS)
def test_modernised_call(registry, before, after):
    assert body(applied(registry, "import openai\n" + before, "openai")) == after


def test_azure_credentials_stay_for_a_person(registry):
    text = (
        "import openai\nr = openai.Embedding.create(input=x, model=m, api_key=k, api_version=v)\n"
    )
    assert body(applied(registry, text, "openai")) == (
        "r = client.embeddings.create(input=x, model=m, api_key=k, api_version=v)\n"
    )
    fixes = [(f.message.split("=")[0], f.fix) for f in found(registry, text, "openai", "ML304")]
    assert fixes == [("api_key", FixClass.MANUAL), ("api_version", FixClass.MANUAL)]


def test_positional_credential_is_reported(registry):
    text = 'import openai\nopenai.Embedding.create(key, input="x", model=m)\n'
    [finding] = found(registry, text, "acme", "ML304")
    assert (finding.fix, finding.edit) == (FixClass.MANUAL, None)
    assert finding.message == (
        "positional argument 1 of openai.Embedding.create() was a per-request setting "
        "(api_key, api_base, ...) in openai<1.0; v1 takes keywords: rewrite it"
    )


def test_switching_keeps_the_callers_key_and_renames(registry):
    """t50e D2: the key the program passes goes with that request, on the provider's client
    (dropped, a key check tested the client's key instead of its argument)."""
    before = (
        "import openai\n\n\ndef ask(q, key):\n"
        "    return openai.ChatCompletion.create(\n"
        '        model="gpt-4", messages=q, api_key=key, headers=H, request_timeout=9\n    )\n'
    )
    after = ACME_CLIENT + (
        "\n\ndef ask(q, key):\n    return client.with_options(api_key=key).chat.completions.create(\n"
        '        model="acme-large", messages=q, extra_headers=H, timeout=9\n    )\n'
    )
    assert applied(registry, before, "acme") == after


# t50e D2: knowledge_gpt's key check, in our words
KEY_CHECK = """import openai


def is_key_valid(user_key, model):
    try:
        openai.ChatCompletion.create(
            model=model, messages=[{"role": "user", "content": "test"}], api_key=user_key
        )
    except openai.error.AuthenticationError:
        return False
    return True
"""
KEY_CHECK_AFTER = (
    ACME_CLIENT
    + """

def is_key_valid(user_key, model):
    try:
        client.with_options(api_key=user_key).chat.completions.create(
            model=model, messages=[{"role": "user", "content": "test"}]
        )
    except openai.AuthenticationError:
        return False
    return True
"""
)
MOVED = (
    "api_key= is a per-request credential of openai<1.0; v1 takes it on the client: moved to "
    "client.with_options(api_key=...), the provider's client for this request: the key your "
    "code passes (`{}`) goes to Acme Cloud now, with ACME_API_KEY where it is empty; it must "
    "be an Acme Cloud key"
)


def test_a_key_check_still_tests_its_argument_on_the_provider(registry):
    """The key the caller passes goes with its request (review: it must be the provider's);
    the client, traced through `with_options`, leaves nothing to report on a second run."""
    assert applied(registry, KEY_CHECK, "acme") == KEY_CHECK_AFTER
    [ml304] = found(registry, KEY_CHECK, "acme", "ML304")
    assert (ml304.line, ml304.fix, ml304.message) == (
        7,
        FixClass.REVIEW,
        MOVED.format("user_key"),
    )
    assert [f.rule for f in found(registry, KEY_CHECK_AFTER, "acme", "ML005", "ML304")] == []


def test_the_kept_parts_of_a_key_go_to_with_options(registry):
    """`key or os.getenv("OPENAI_API_KEY")`: the caller's part; where it is empty the
    client's key, the provider's (with_options falls back on it, as v0 on openai.api_key)."""
    before = (
        "import os\n\nimport openai\n\n\nasync def ask(q, key=None):\n"
        "    return await openai.ChatCompletion.acreate(\n"
        '        model="gpt-4", messages=q, api_key=key or os.getenv("OPENAI_API_KEY"),\n'
        '        organization="org-1"\n    )\n'
    )
    after = applied(registry, before, "acme")
    assert body(after) == (
        "async def ask(q, key=None):\n"
        "    return await _aclient().with_options(api_key=key).chat.completions.create(\n"
        '        model="acme-large", messages=q\n    )\n'
    )
    assert [(f.fix, f.message) for f in found(registry, before, "acme", "ML304")] == [
        (FixClass.REVIEW, MOVED.format("key")),
        (
            FixClass.SAFE,
            "organization= is a per-request credential of openai<1.0; v1 takes it on the "
            "client, which reads the provider's key",
        ),
    ]


@pytest.mark.parametrize(
    "key",
    ['os.environ["OPENAI_API_KEY"]', '"sk-test"', "openai.api_key"],
    ids=["environment", "literal", "module-key"],
)
def test_a_key_the_providers_client_replaces_is_dropped(registry, key):
    before = f"import os\n\nimport openai\n\nopenai.ChatCompletion.create(model=m, messages=q, api_key={key})\n"
    after = applied(registry, before, "acme")
    assert after.endswith("\nclient.chat.completions.create(model=m, messages=q)\n")


KEEP = "api_key= is a per-request credential of openai<1.0; v1 takes it on the client; "


@pytest.mark.parametrize(
    ("call", "after", "why"),
    [
        (
            "openai.ChatCompletion.create(model=m, messages=q, api_key=openai_api_key)",
            "client.chat.completions.create(model=m, messages=q, api_key=openai_api_key)",
            "the key your code passes (`openai_api_key`) names OpenAI, so it likely holds the "
            "OpenAI key: kept in the call (dropped, the request would no longer use it; moved "
            "to the client, that key would go to Acme Cloud); make it Acme Cloud's key, then "
            "write `client.with_options(api_key=...)` for this request, by hand",
        ),
        (
            'openai.ChatCompletion.create(model=m, messages=q, api_key=k, api_base="http://h/v1")',
            'client.chat.completions.create(\n        model=m, messages=q, api_key=k, api_base="http://h/v1"\n    )',
            "the call also names its own endpoint (api_base=), which the key goes with: kept in "
            "the call; choose the key and the endpoint of this request for Acme Cloud by hand",
        ),
    ],
    ids=["names-openai", "own-endpoint"],
)
def test_a_key_apply_cannot_keep_for_the_provider_is_left_in_the_call(registry, call, after, why):
    """Never dropped: the call fails (TypeError) until a person decides, and check says so."""
    name = "openai_api_key" if "openai_api_key" in call else "k"
    before = f"import openai\n\n\ndef ask(q, m, {name}):\n    return {call}\n"
    assert (
        body(applied(registry, before, "acme"))
        == f"\n\ndef ask(q, m, {name}):\n    return {after}\n"
    )
    found_ml304 = found(registry, before, "acme", "ML304")
    assert next((f.fix, f.message) for f in found_ml304) == (FixClass.MANUAL, KEEP + why)
    assert {f.fix for f in found_ml304} == {FixClass.MANUAL}
    # and after apply: the v1 call still sends it
    migrated = applied(registry, before, "acme")
    assert [f.fix for f in found(registry, migrated, "acme", "ML304")][:1] == [FixClass.MANUAL]


def test_a_key_passed_to_a_method_called_through_a_name_is_left_in_the_call(registry):
    before = (
        "import openai\n\ncomplete = openai.ChatCompletion.create\n\n\ndef ask(q, key):\n"
        "    return complete(model=m, messages=q, api_key=key)\n"
    )
    after = applied(registry, before, "acme")
    assert after.endswith("    return complete(model=m, messages=q, api_key=key)\n")
    [ml304] = found(registry, before, "acme", "ML304")
    assert (ml304.fix, ml304.message) == (
        FixClass.MANUAL,
        KEEP + "the v0 method is called through a name: kept in the call; write "
        "`client.with_options(api_key=key)` where it is called, by hand",
    )


def test_headers_key_renamed_only_in_a_spread_dict(registry):
    before = (
        "import openai\n"
        'HTTP = {"headers": {"User-Agent": "bot"}}\n'
        'OPTIONS = {"headers": {"X-Trace": "1"}}\n'
        'openai.ChatCompletion.create(model="gpt-4", messages=q, **OPTIONS)\n'
    )
    after = ACME_CLIENT + (
        'HTTP = {"headers": {"User-Agent": "bot"}}\n'
        'OPTIONS = {"extra_headers": {"X-Trace": "1"}}\n'
        'client.chat.completions.create(model="acme-large", messages=q, **OPTIONS)\n'
    )
    assert applied(registry, before, "acme") == after


def test_alias_of_a_legacy_method_gets_its_arguments_renamed(registry):
    before = (
        "import openai\n\ncomplete = openai.Completion.create\n\n\ndef ask(p):\n"
        '    return complete(engine="text-davinci-003", prompt=p, request_timeout=5)\n'
    )
    after = ACME_CLIENT + (
        "\ncomplete = client.completions.create\n\n\ndef ask(p):\n"
        '    return complete(model="text-davinci-003", prompt=p, timeout=5)\n'
    )
    assert applied(registry, before, "acme") == after


def test_a_call_through_an_alias_gets_its_model_and_its_response_migrated(registry):
    before = (
        "import openai\n\nchat = openai.ChatCompletion.create\n\n\ndef ask(m):\n"
        '    r = chat(model="gpt-4o", messages=m)\n'
        '    return r["choices"][0]["message"]["content"]\n'
    )
    after = ACME_CLIENT + (
        "\nchat = client.chat.completions.create\n\n\ndef ask(m):\n"
        '    r = chat(model="acme-large", messages=m)\n'
        "    return r.choices[0].message.content\n"
    )
    assert applied(registry, before, "acme") == after


def test_a_resource_class_kept_on_self_is_called_as_the_old_api(registry):
    before = (
        "import openai\n\n\nclass Writer:\n    def __init__(self):\n"
        "        self.api = openai.Completion\n\n    def write(self, p):\n"
        '        r = self.api.create(engine="text-davinci-003", prompt=p, request_timeout=5)\n'
        '        return r["choices"][0]["text"]\n'
    )
    after = ACME_CLIENT + (
        "\n\nclass Writer:\n    def __init__(self):\n"
        "        self.api = client.completions\n\n    def write(self, p):\n"
        '        r = self.api.create(model="text-davinci-003", prompt=p, timeout=5)\n'
        "        return r.choices[0].text\n"
    )
    assert applied(registry, before, "acme") == after


def test_a_resource_class_a_validator_sets_is_called_as_the_old_api_in_its_class(registry):
    """Each class's own `client` (pydantic<2 validators set fields through `values`)."""
    before = (
        "import openai\nfrom pydantic import BaseModel, root_validator\n\n\n"
        "class Chat(BaseModel):\n    client: object = None\n\n    @root_validator()\n"
        "    def setup(cls, values):\n"
        '        values["client"] = openai.ChatCompletion\n        return values\n\n'
        "    def ask(self, m):\n"
        '        r = self.client.create(model="gpt-4o", messages=m)\n'
        '        return r["choices"][0]["message"]["content"]\n\n\n'
        "class Embed:\n    def __init__(self):\n        self.client = openai.Embedding\n\n"
        "    def embed(self, t):\n"
        '        return self.client.create(input=t, model="text-embedding-3-small")["data"]\n'
    )
    after = ACME_CLIENT.replace(
        "import openai\n", "import openai\nfrom pydantic import BaseModel, root_validator\n"
    ).replace("client =", "openai_client =") + (
        "\n\nclass Chat(BaseModel):\n    client: object = None\n\n    @root_validator()\n"
        "    def setup(cls, values):\n"
        '        values["client"] = openai_client.chat.completions\n        return values\n\n'
        "    def ask(self, m):\n"
        '        r = self.client.create(model="acme-large", messages=m)\n'
        "        return r.choices[0].message.content\n\n\n"
        "class Embed:\n    def __init__(self):\n        self.client = openai_client.embeddings\n\n"
        "    def embed(self, t):\n"
        '        return self.client.create(input=t, model="acme-embed").data\n'
    )
    assert applied(registry, before, "acme") == after


def test_a_name_holding_a_resource_class_with_other_values_is_not_followed(registry):
    text = (
        "import openai\n\n\nclass Writer:\n    def __init__(self, api=None):\n"
        "        self.api = openai.Completion\n        if api:\n            self.api = api\n\n"
        "    def write(self, p):\n"
        '        return self.api.create(engine="e", prompt=p, request_timeout=5)["choices"]\n'
    )
    assert found(registry, text, "acme", "ML304", "ML305") == []


@pytest.mark.parametrize(
    ("call", "v1_form"),
    [
        ('openai.Image.create(prompt="a cat")', 'c.images.generate(prompt="a cat")'),
        (
            'openai.Audio.transcribe("whisper-1", f)',
            'c.audio.transcriptions.create(file=f, model="whisper-1")',
        ),
        ("openai.Moderation.create(input=text, api_key=k)", "c.moderations.create(input=text)"),
    ],
)
def test_api_the_provider_lacks_is_reported_like_its_v1_form(registry, call, v1_form):
    before = f"import openai\nr = {call}\n"
    assert applied(registry, before, "acme") == before  # left for a person, untouched
    [legacy] = found(registry, before, "acme", "ML302")
    v1 = f"from openai import OpenAI\nc = OpenAI()\nr = {v1_form}\nsend(c)\n"  # c moves
    [modern] = found(registry, v1, "acme", "ML101")
    assert (legacy.severity, legacy.fix, legacy.edit) == (Severity.ERROR, FixClass.MANUAL, None)
    verdict = modern.message.split("; ", 1)[1]
    # the v1 client moves to the provider; the v0 call stays on the module-level client,
    # which nothing configures: it still goes to OpenAI (t50, h2)
    stays = verdict.replace(
        "this call fails after the switch",
        "apply leaves it as it is: openai>=1, which the migrated code needs, raises "
        "APIRemovedInV1 on it, and openai<1 sends it through its module-level client, which "
        "nothing configures (OpenAI's), so this call still goes there",
    )
    assert stays != verdict and legacy.message.endswith("; " + stays)
    assert "has no OpenAI-compatible" in verdict
    assert all(f.edit is None for f in found(registry, before, "acme", "ML304"))


def test_api_with_unconfirmed_support_is_rewritten_for_review(registry):
    text = "import openai\nmodels = openai.Model.list()\n"
    [finding] = found(registry, text, "acme", "ML302")
    assert (finding.fix, finding.severity) == (FixClass.REVIEW, Severity.ERROR)
    assert finding.message.endswith(
        "; Acme Cloud's models support is unconfirmed (its provider file does not state it); "
        "test this call (see https://docs.acme.example/openai)"
    )
    assert applied(registry, text, "acme") == ACME_CLIENT + "models = client.models.list()\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "from openai import Completion\n\n\nclass Scored(Completion):\n    pass\n", id="base"
        ),
        pytest.param(
            "import openai\nok = isinstance(x, (openai.ChatCompletion, dict))\n", id="isinstance"
        ),
        pytest.param("import openai as oa\nok = issubclass(T, oa.Embedding)\n", id="issubclass"),
    ],
)
def test_resource_class_used_as_a_class_is_reported_never_replaced(registry, text):
    assert applied(registry, text, "acme") == text
    [finding] = found(registry, text, "acme", "ML302")
    assert (finding.fix, finding.edit) == (FixClass.MANUAL, None)
    assert "is used as a class (a base class, isinstance or issubclass)" in finding.message


def test_getattr_on_openai_is_reported(registry):
    text = (
        'import openai\nresource = getattr(openai, "ChatCompletion")\n'
        'r = getattr(openai, "ChatCompletion").create(model="gpt-4", messages=q)\n'
    )
    messages = [(f.line, f.fix, f.message) for f in found(registry, text, "acme", "ML302")]
    message = (
        "getattr(openai, 'ChatCompletion') reaches openai.ChatCompletion, which was removed in "
        "openai 1.0; use client.chat.completions"
    )
    assert messages == [(2, FixClass.MANUAL, message), (3, FixClass.MANUAL, message)]
    assert found(registry, 'import os\ngetattr(os, "ChatCompletion")\n', "acme", "ML302") == []


def test_engine_methods_without_a_model_form_are_left(registry):
    text = 'import openai\nopenai.Engine.generate(prompt="x")\n'
    [finding] = found(registry, text, "acme", "ML302")
    assert (finding.fix, finding.edit) == (FixClass.MANUAL, None)


def test_credentials_of_an_alias_call_stay_for_a_person(registry):
    """`with_options` goes on the client expression of a direct call; an alias call keeps its
    `api_key=` (reported) rather than losing it."""
    text = "import openai\nfn = openai.Completion.create\nfn(engine=e, prompt=p, api_key=k)\n"
    assert body(applied(registry, text, "openai")) == (
        "fn = client.completions.create\nfn(model=e, prompt=p, api_key=k)\n"
    )
    fixes = [(f.line, f.fix) for f in found(registry, text, "openai", "ML304")]
    assert fixes == [(3, FixClass.SAFE), (3, FixClass.MANUAL)]


def test_file_download_is_left_with_its_v1_form(registry):
    text = 'import openai\ndata = openai.File.download("file-1")\n'
    assert applied(registry, text, "openai") == text
    [finding] = found(registry, text, "openai", "ML302")
    assert (finding.fix, finding.message) == (
        FixClass.MANUAL,
        "openai.File.download() was removed in openai 1.0; write "
        "client.files.content(file_id).content (its v1 counterpart returns another type)",
    )


def test_request_id_becomes_its_header(registry):
    before = (
        'import openai\nopenai.ChatCompletion.create(model="gpt-4", messages=q, request_id=rid)\n'
    )
    after = ACME_CLIENT + (
        "client.chat.completions.create(\n"
        '    model="acme-large", messages=q, extra_headers={"X-Request-Id": rid}\n)\n'
    )
    assert applied(registry, before, "acme") == after
    # next to headers= it is left for a person: the two must be merged by hand
    both = "import openai\nopenai.ChatCompletion.create(model=m, messages=q, request_id=r, headers=h)\n"
    fixes = [(f.message.split("=")[0], f.fix) for f in found(registry, both, "acme", "ML304")]
    assert fixes == [("request_id", FixClass.MANUAL), ("headers", FixClass.SAFE)]


FIX_TRUTH_TEXTS = [
    "import openai\n"
    "try:\n"
    '    t = openai.Audio.transcribe("whisper-1", f, api_key=k, headers=h)\n'
    "    m = openai.Moderation.create(text, request_id=r)\n"
    '    i = openai.Image.create(prompt="x")\n'
    "    e = openai.Engine.list()\n"
    "except openai.error.APIError:\n"
    "    pass\n"
    "except (openai.error.APIConnectionError, openai.error.InvalidRequestError):\n"
    "    pass\n"
    "except openai.error.Timeout:\n"
    "    pass\n"
    "class C(openai.Completion):\n"
    "    pass\n",
]


@pytest.mark.parametrize("provider", ["openai", "acme", "qwen"])
@pytest.mark.parametrize("text", FIX_TRUTH_TEXTS)
def test_scan_says_what_apply_does(registry, tmp_path, provider, text):
    from .test_fix_truth import assert_scan_matches_apply

    assert_scan_matches_apply(registry, provider, "app.py", text, tmp_path)


def test_a_model_taken_by_position_is_named_and_mapped_in_one_run(registry):
    """`openai.Audio.transcribe("whisper-1", f)`: the first run writes `model=` and the
    provider's model together, so a second run has nothing left to do."""
    from dataclasses import replace

    from migrate_llm.engine import migrate_text
    from migrate_llm.registry import Registry

    acme = registry.get("acme")
    hearing = replace(
        acme,
        supports={**acme.supports, "audio": True},
        models={**acme.models, "whisper-1": "acme-ears"},
    )
    ctx = RuleContext(Registry({**registry.providers, "acme": hearing}), hearing)
    text = (
        "import openai\n\n\ndef hear(f):\n"
        '    return openai.Audio.transcribe("whisper-1", f)["text"]\n'
    )
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    assert body(after) == (
        "\n\ndef hear(f):\n"
        '    return client.audio.transcriptions.create(model="acme-ears", file=f).text\n'
    )
    assert [f for f in check_python(after, ctx, PYTHON_RULES) if f.edit is not None] == []


@pytest.mark.parametrize("provider", ["acme", "openai"])
def test_sessions_in_context_variables_are_reported_where_used(registry, provider):
    text = (
        "import openai\nfrom aiohttp import ClientSession\n\n\n"
        "async def run(m):\n"
        "    openai.aiosession.set(ClientSession())\n"
        '    r = await openai.ChatCompletion.acreate(model="gpt-4", messages=m)\n'
        "    await openai.aiosession.get().close()\n"
        "    return r\n\n\n"
        "openai.requestssession = None\n"
    )
    reported = [
        (f.line, f.fix, f.message.split(" (")[0]) for f in found(registry, text, provider, "ML301")
    ]
    removed = "openai.aiosession was removed in openai 1.0"
    assert reported[:2] == [(6, FixClass.MANUAL, removed), (8, FixClass.MANUAL, removed)]
    # an assignment is the configuration form: reported once, as such
    assert [(line, message) for line, _, message in reported[2:]] == [
        (12, "openai.requestssession is openai<1.0 configuration; pass http_client= to the client")
    ]
    after = applied(registry, text, provider)
    assert after.count("openai.aiosession") == 2  # left for a person
    # and still reported once nothing else of openai<1.0 is left: `check` fails on them
    assert [f.line for f in found(registry, after, provider, "ML301")] == [
        after.splitlines().index(line) + 1
        for line in after.splitlines()
        if "openai.aiosession" in line or "openai.requestssession" in line
    ]


def test_an_old_argument_a_builder_sends_to_a_v1_request_is_reported(registry):
    """Early LangChain's Azure class adds `engine` to the base class's parameters; once its
    calls are v1 requests, `check` must still fail there."""
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "class Base:\n"
        "    @property\n    def params(self):\n"
        '        return {"temperature": 0}\n\n'
        "    def gen(self, p):\n"
        "        return client.completions.create(prompt=p, **self.params, request_timeout=9)\n\n\n"
        "class Azure(Base):\n"
        "    @property\n    def params(self):\n"
        '        return {"engine": "my-deployment", **super().params}\n'
    )
    assert [(f.line, f.fix, f.message) for f in found(registry, text, "acme", "ML304")] == [
        (
            12,
            FixClass.MANUAL,
            "request_timeout= is an argument of openai<1.0; completions.create() of openai>=1.0 "
            "raises TypeError on it: pass timeout=",
        ),
        (
            18,
            FixClass.MANUAL,
            "engine= is an argument of openai<1.0 (in a dict it spreads); completions.create() "
            "of openai>=1.0 raises TypeError on it: pass the model as model=",
        ),
    ]


# langchain 0.0.61 llms/openai.py in short: the base class's dict spread into two v0
# requests, the Azure subclass's builder adding `engine` (t45c D5)
AZURE_BUILDER = (
    "import openai\n\n\n"
    "class Base:\n"
    "    def setup(self):\n"
    "        self.client = openai.Completion\n\n"
    "    @property\n    def params(self):\n"
    '        return {"model": self.model_name, "temperature": 0}\n\n'
    "    def gen(self, p):\n"
    "        params = self.params\n"
    "        return self.client.create(prompt=p, **params)\n\n"
    "    def stream(self, p):\n"
    "        params = self.params\n"
    "        return self.client.create(prompt=p, stream=True, **params)\n\n\n"
    "class Azure(Base):\n"
    "    @property\n    def params(self):\n"
    '        return {**{"engine": self.deployment_name}, **super().params}\n'
)


def test_an_old_argument_a_builder_sends_to_a_v0_request_is_reported_once(registry):
    """Before apply too (apply rewrites the calls, not the dict), and once for the two
    requests sending it, before and after."""
    spread = (
        "`**params` is passed to an openai<1.0 call; v1 rejects the old arguments it may hold "
        "(engine, request_timeout, api_key, api_base...): check its keys"
    )
    engine = "engine= is an argument of openai<1.0 (in a dict it spreads); "
    said = [
        (f.line, f.column, f.severity, f.fix, f.message)
        for f in found(registry, AZURE_BUILDER, "acme", "ML304")
    ]
    assert said == [
        (14, 47, Severity.WARNING, FixClass.MANUAL, spread),
        (18, 60, Severity.WARNING, FixClass.MANUAL, spread),
        (
            24,
            20,
            Severity.ERROR,
            FixClass.MANUAL,
            engine + "v1 calls raise TypeError on it: pass the model as model=",
        ),
    ]
    after = applied(registry, AZURE_BUILDER, "acme")
    assert after == ACME_CLIENT.replace("client = ", "openai_client = ") + "\n\n" + (
        AZURE_BUILDER[len("import openai\n\n\n") :].replace(
            "openai.Completion", "openai_client.completions"
        )
    )
    # 7 lines more above it: the client's
    assert [(f.line, f.message) for f in found(registry, after, "acme", "ML304")] == [
        (
            31,
            engine + "completions.create() of openai>=1.0 raises TypeError on it: pass the model "
            "as model=",
        )
    ]
