"""ML204 leaves a model setting the module sends through a client `apply` leaves on Azure
OpenAI or OpenAI (rules/model_reach.py): mem0's Azure client stayed on Azure (its key is one
the program hands it) while its default deployment `gpt-5-mini` became `qwen-plus`."""

from __future__ import annotations

import pytest

from migrate_llm import engine
from migrate_llm.engine import ScanOptions, migrate_text, scan
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
KEPT = (
    "{subject} is sent as model= on line {line} through {client}() on line {at}, which stays "
    "on Azure OpenAI, where it names a deployment: apply leaves the model too; change them "
    "together, by hand"
)

# mem0's shape: the default set on a config, sent in a dict spread into the request
CONFIG_DEFAULT = (
    "from openai import AzureOpenAI\n\n\n"
    "class Chat:\n"
    "    def __init__(self, config, key):\n"
    "        self.config = config\n"
    "        if not self.config.model:\n"
    '            self.config.model = "gpt-4o-mini"\n'
    "        self.client = AzureOpenAI(\n"
    '            api_key=key, azure_endpoint=config.endpoint, api_version="2024-10-21"\n'
    "        )\n\n"
    "    def ask(self, messages, **kwargs):\n"
    "        params = dict(kwargs)\n"
    '        params.update({"model": self.config.model, "messages": messages})\n'
    "        return self.client.chat.completions.create(**params)\n"
)
RUN_TIME_OR_DEFAULT = (
    "from openai import AzureOpenAI\n\n\n"
    "def ask(q, config, key):\n"
    '    client = AzureOpenAI(api_key=key, azure_endpoint=config.url, api_version="2024-10-21")\n'
    '    model = config.model or "gpt-4o-mini"\n'
    "    return client.chat.completions.create(model=model, messages=q)\n"
)
AZURE_URL = (
    "from openai import OpenAI\n\n"
    'client = OpenAI(base_url="https://res.openai.azure.com/openai/v1/", api_key=KEY)\n'
    'EMBED_MODEL = "text-embedding-3-small"\n\n\n'
    "def embed(text, model=EMBED_MODEL):\n"
    "    return client.embeddings.create(input=[text], model=model)\n"
)
# one setting, two clients: the plain one moves to the provider, the Azure one stays
TWO_CLIENTS = (
    "import os\n\n"
    "from openai import AzureOpenAI, OpenAI\n\n"
    'MODEL = os.getenv("CHAT_MODEL", "gpt-4o")\n'
    "plain = OpenAI()\n"
    'az = AzureOpenAI(api_key=load_key(), azure_endpoint=ENDPOINT, api_version="2024-10-21")\n\n\n'
    "def ask(q, model):\n"
    "    return az.chat.completions.create(model=model, messages=q)\n\n\n"
    "def run(q):\n"
    "    plain.chat.completions.create(model=MODEL, messages=q)\n"
    "    return ask(q, model=MODEL)\n"
)


def findings(registry, text: str, provider: str = "qwen"):
    ctx = RuleContext(registry, registry.get(provider))
    return check_python(text, ctx, PYTHON_RULES)


def settings(registry, text: str, provider: str = "qwen") -> list[tuple[int, str, str]]:
    return [
        (f.line, f.fix.value, f.message)
        for f in findings(registry, text, provider)
        if f.rule == "ML204"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            CONFIG_DEFAULT,
            (8, "attribute self.config.model = 'gpt-4o-mini'", 16, "AzureOpenAI", 9),
            id="config-attribute-through-a-spread-dict",
        ),
        pytest.param(
            RUN_TIME_OR_DEFAULT,
            (6, "variable model = 'gpt-4o-mini'", 7, "AzureOpenAI", 5),
            id="run-time-value-or-default",
        ),
        pytest.param(
            AZURE_URL,
            (4, "constant EMBED_MODEL = 'text-embedding-3-small'", 8, "OpenAI", 3),
            id="plain-client-on-an-azure-endpoint",
        ),
        pytest.param(
            TWO_CLIENTS,
            (5, "env default 'gpt-4o' of constant MODEL", 11, "AzureOpenAI", 7),
            id="also-sent-to-a-client-that-moves",
        ),
    ],
)
def test_a_setting_sent_through_a_client_left_on_azure_is_left(registry, text, expected):
    line, subject, sent, client, at = expected
    message = KEPT.format(subject=subject, line=sent, client=client, at=at)
    assert settings(registry, text) == [(line, "manual", message)]
    # apply leaves the model (and here everything else that would send it elsewhere)
    found = findings(registry, text)
    ml204 = [f for f in found if f.rule == "ML204"]
    assert [(f.edit, f.data) for f in ml204] == [(None, {"model_from": subject.split("'")[1]})]
    after, _ = migrate_text(text, "python", "app.py", found)
    assert subject.split("'")[1] in after


def test_a_setting_sent_through_an_azure_client_apply_moves_is_mapped(registry):
    text = RUN_TIME_OR_DEFAULT.replace(
        "api_key=key, azure_endpoint=config.url",
        'api_key=os.environ["AZURE_OPENAI_API_KEY"], azure_endpoint=os.environ["AZ_URL"]',
    ).replace("from openai", "import os\n\nfrom openai")
    [(line, fix, message)] = settings(registry, text)
    assert (line, fix, message) == (
        8,
        "review",
        f"variable model = 'gpt-4o-mini' maps to 'qwen-plus' on {QWEN}",
    )
    found = findings(registry, text)
    after, _ = migrate_text(text, "python", "app.py", found)
    assert '    model = config.model or "qwen-plus"\n' in after
    assert "AzureOpenAI" not in after
    assert [f for f in findings(registry, after) if f.rule == "ML204"] == []


def test_a_setting_sent_only_to_a_plain_client_is_mapped(registry):
    text = TWO_CLIENTS.replace("    return ask(q, model=MODEL)\n", "    return None\n")
    [(line, fix, _)] = settings(registry, text)
    assert (line, fix) == (5, "review")


def test_with_azure_as_the_target_its_clients_do_not_stay_behind(registry):
    """Switching to Azure OpenAI, neither client stays where it was: the setting is asked for
    a deployment, as before."""
    assert settings(registry, CONFIG_DEFAULT, "azure") == [
        (
            8,
            "manual",
            "Azure OpenAI has no mapping for attribute self.config.model = 'gpt-4o-mini'; name "
            "the deployment that serves it: pass --model gpt-4o-mini=DEPLOYMENT or set it in "
            "[tool.migrate-llm] models",
        )
    ]
    assert [line for line, _, _ in settings(registry, AZURE_URL, "azure")] == [4]
    assert "stays on" not in settings(registry, AZURE_URL, "azure")[0][2]


def test_scan_says_what_apply_does_and_a_second_apply_changes_nothing(registry, tmp_path):
    (tmp_path / "chat.py").write_text(CONFIG_DEFAULT)
    (tmp_path / "both.py").write_text(TWO_CLIENTS)
    options = ScanOptions(provider="qwen", cwd=tmp_path, jobs=1)
    scanned = scan(options).findings
    assert [(f.path, f.line, f.fix) for f in scanned if f.rule == "ML204"] == [
        ("both.py", 5, FixClass.MANUAL),
        ("chat.py", 8, FixClass.MANUAL),
    ]
    planned = {p.path.name: p for p in engine.plan(options).planned}
    rewritten = {(f.path, f.line, f.rule) for f in scanned if f.fix.rewritten}
    fixed = {(name, f.line, f.rule) for name, p in planned.items() for f in p.change.fixed}
    assert rewritten == fixed
    for item in planned.values():
        assert engine.write(item) is None
    assert [p.change.after for p in engine.plan(options).planned if p.change.changed] == []
    assert 'MODEL = os.getenv("CHAT_MODEL", "gpt-4o")\n' in (tmp_path / "both.py").read_text()


# --- ML202: a constant or default that reaches model= of the request itself ----------------

# one constant, two requests: the plain client moves to the provider, the one on an Azure
# endpoint stays where it is and still needs the OpenAI name
CONSTANT_TWO_CLIENTS = (
    "from openai import OpenAI\n\n"
    'REPLY_MODEL = "gpt-4o"\n'
    "here = OpenAI()\n"
    'there = OpenAI(base_url="https://team.openai.azure.com/openai/v1/", api_key=TOKEN)\n\n\n'
    "def both(q):\n"
    "    here.chat.completions.create(model=REPLY_MODEL, messages=q)\n"
    "    return there.chat.completions.create(model=REPLY_MODEL, messages=q)\n"
)
# a default sent through an Azure client given a key the program hands it
DEFAULT_HANDED_KEY = (
    "from openai import AzureOpenAI\n\n"
    'bot = AzureOpenAI(api_key=read_secret(), azure_endpoint=URL, api_version="2024-10-21")\n\n\n'
    'def reply(q, model="gpt-4o-mini"):\n'
    "    return bot.chat.completions.create(model=model, messages=q)\n"
)


def constants(registry, text: str, provider: str = "acme") -> list[tuple[int, str, str]]:
    return [
        (f.line, f.fix.value, f.message)
        for f in findings(registry, text, provider)
        if f.rule == "ML202"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            CONSTANT_TWO_CLIENTS,
            (
                3,
                "constant REPLY_MODEL = 'gpt-4o' (used as model= on line 9) is sent as model= "
                "on line 10 through OpenAI() on line 5, which stays on Azure OpenAI, where it "
                "names a deployment",
                'REPLY_MODEL = "gpt-4o"\n',
            ),
            id="constant-also-sent-through-an-azure-endpoint",
        ),
        pytest.param(
            DEFAULT_HANDED_KEY,
            (
                6,
                "default of model = 'gpt-4o-mini' (used as model= on line 7) is sent as model= "
                "on line 7 through AzureOpenAI() on line 3, which stays on Azure OpenAI, where "
                "it names a deployment",
                'def reply(q, model="gpt-4o-mini"):\n',
            ),
            id="default-through-an-azure-client-with-a-handed-key",
        ),
    ],
)
def test_ml202_leaves_a_literal_a_kept_client_is_sent(registry, text, expected):
    line, head, kept = expected
    message = f"{head}: apply leaves the model too; change them together, by hand"
    assert constants(registry, text) == [(line, "manual", message)]
    found = findings(registry, text, "acme")
    [ml202] = [f for f in found if f.rule == "ML202"]
    assert (ml202.edit, ml202.data) == (None, {"model_from": head.split("'")[1]})
    after, _ = migrate_text(text, "python", "app.py", found)
    assert kept in after
    assert [f for f in findings(registry, after, "acme") if f.edit is not None] == []


def test_ml202_maps_a_constant_only_a_moved_client_is_sent(registry):
    text = CONSTANT_TWO_CLIENTS.replace(
        "    return there.chat.completions.create(model=REPLY_MODEL, messages=q)\n",
        '    return there.chat.completions.create(model="gpt-4o", messages=q)\n',
    )
    assert constants(registry, text) == [
        (
            3,
            "review",
            "constant REPLY_MODEL = 'gpt-4o' (used as model= on line 9) maps to 'acme-large' "
            "on Acme Cloud",
        )
    ]
    after, _ = migrate_text(text, "python", "app.py", findings(registry, text, "acme"))
    assert 'REPLY_MODEL = "acme-large"\n' in after
    assert '    return there.chat.completions.create(model="gpt-4o", messages=q)\n' in after


def test_ml202_scan_says_what_apply_does(registry, tmp_path):
    (tmp_path / "two.py").write_text(CONSTANT_TWO_CLIENTS)
    options = ScanOptions(provider="qwen", cwd=tmp_path, jobs=1)
    scanned = scan(options).findings
    assert [(f.line, f.fix) for f in scanned if f.rule == "ML202"] == [(3, FixClass.MANUAL)]
    [planned] = engine.plan(options).planned
    rewritten = {(f.line, f.rule) for f in scanned if f.fix.rewritten}
    assert rewritten == {(f.line, f.rule) for f in planned.change.fixed}
    assert engine.write(planned) is None
    assert 'REPLY_MODEL = "gpt-4o"\n' in (tmp_path / "two.py").read_text()
    assert [p for p in engine.plan(options).planned if p.change.changed] == []


def test_the_reads_of_a_binding_come_in_the_order_of_the_text(registry):
    # a binding's reads are a set: a message naming "the first call" must not move with
    # where the nodes happen to lie in memory
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.model_reach import reads_of
    from migrate_llm.rules.python_context import PythonContext

    text = "def f(model):\n" + "".join(f"    g{i}(model)\n" for i in range(40))
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    param = next(n for n in ctx.nodes if isinstance(n, cst.Param))
    lines = [ctx.position(node)[0][0] for node in reads_of(ctx, param)]
    assert lines == list(range(2, 42))
