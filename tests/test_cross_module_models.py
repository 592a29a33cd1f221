"""Model ids whose fate another module of the project decides (t54a, self-operating-computer).

D3: `client = config.initialize_openai()`, the factory in config.py: where apply points the
client it returns at the provider (ML001 rewrites it, or it is the provider's already), the
model of a request through it is mapped in the same apply (ML204, review), as in one module
(`RunFacts.provider_factories`); where ML001 leaves it, the model stays ML206's.
D2: `get_system_prompt("gpt-4o", objective)`, whose parameter prompts.py only compares with the
program's labels: a note, as in one module (`RunFacts.label_params`), also where prompts.py
names no OpenAI code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.label_params import LabelParam, label_params, passed_imports
from migrate_llm.provider_factories import ProviderFactory, provider_factories
from migrate_llm.registry import load_registry
from migrate_llm.rules.base import RuleContext

CONFIG = """\
import os

from openai import OpenAI


class Config:
    def initialize_openai(self):
        client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))
        return client
"""
CONFIG_AFTER = """\
import os

from openai import OpenAI


class Config:
    def initialize_openai(self):
        client = OpenAI(
            base_url=os.environ.get(
                "DASHSCOPE_BASE_URL",
                "https://dashscope.aliyuncs.com/compatible-mode/v1",
            ),
            api_key=os.environ["DASHSCOPE_API_KEY"],
        )
        return client
"""
APIS = """\
from config import Config

config = Config()


def ask(img_b64):
    client = config.initialize_openai()
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{img_b64}"}},
        ]}],
    )


def think(t):
    client = config.initialize_openai()
    return client.chat.completions.create(
        model="o1", messages=[{"role": "user", "content": t}]
    )
"""
APIS_AFTER = APIS.replace('"gpt-4o"', '"qwen3-vl-plus"').replace('"o1"', '"qwen4-max"')
# t54a's hand fix of config.py: the client already on the provider
ON_PROVIDER = """\
import os

from openai import OpenAI


class Config:
    def initialize_openai(self):
        return OpenAI(
            api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
            base_url=os.environ.get(
                "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
            ),
        )
"""
# t54a as found: its key from an attribute named for OpenAI, which ML001 leaves
LEFT = """\
from openai import OpenAI


class Config:
    def __init__(self, key):
        self.openai_api_key = key

    def initialize_openai(self):
        return OpenAI(api_key=self.openai_api_key)
"""
# a base URL chosen at run time: not decided to be the provider's
DYNAMIC = CONFIG.replace(
    'OpenAI(api_key=os.getenv("OPENAI_API_KEY"))',
    'OpenAI(api_key=os.environ["KEY"], base_url=os.environ["GATEWAY_URL"])',
)


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files shown from the project, as a user runs it


def invoke(root: Path, *args: str, cache: bool = False) -> tuple[int, str]:
    command = [*args[:1], str(root), "-p", "qwen", *args[1:]]
    result = CliRunner().invoke(app, [*command, *([] if cache else ["--no-cache"])])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def scanned(root: Path) -> list[tuple[str, int, str, str, str]]:
    """(file, line, rule, severity, fix) of the findings of `scan --format json` on
    apis.py."""
    findings = json.loads(invoke(root, "scan", "--format", "json")[1])["findings"]
    return [
        (Path(f["path"]).name, f["line"], f["rule"], f["severity"], f["fix"])
        for f in findings
        if Path(f["path"]).name == "apis.py" and f["rule"] in ("ML204", "ML205", "ML206")
    ]


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_model_through_another_modules_factory_is_mapped_in_the_same_apply(tmp_path, cache):
    root = project(tmp_path, {"config.py": CONFIG, "apis.py": APIS})
    findings = json.loads(invoke(root, "scan", "--format", "json", cache=cache)[1])["findings"]
    mapped = [f for f in findings if f["rule"] == "ML204"]
    assert [(f["line"], f["severity"], f["fix"], f["data"]) for f in mapped] == [
        (9, "warning", "review", {"model_from": "gpt-4o", "model_to": "qwen3-vl-plus"}),
        (19, "warning", "review", {"model_from": "o1", "model_to": "qwen4-max"}),
    ]
    assert mapped[0]["message"] == (
        "model= of client.chat.completions.create() = 'gpt-4o' (the client "
        "Config.initialize_openai() of config.py returns goes to Alibaba Qwen (DashScope / "
        "Model Studio) once applied) maps to 'qwen3-vl-plus' on Alibaba Qwen (DashScope / "
        "Model Studio), its model for images"
    )
    assert not [f for f in findings if f["rule"] == "ML206"]
    assert invoke(root, "apply", "--yes", cache=cache)[0] == 0
    assert (root / "apis.py").read_text() == APIS_AFTER
    assert (root / "config.py").read_text() == CONFIG_AFTER
    # one apply gives the final result: a second changes nothing, and check is clean
    assert invoke(root, "apply", "--yes", cache=cache)[0] == 0
    assert (root / "apis.py").read_text() == APIS_AFTER
    assert (root / "config.py").read_text() == CONFIG_AFTER
    assert invoke(root, "check", cache=cache)[0] == 0


def test_a_factory_on_the_provider_already(tmp_path):
    root = project(tmp_path, {"config.py": ON_PROVIDER, "apis.py": APIS})
    assert scanned(root) == [
        ("apis.py", 9, "ML204", "warning", "review"),
        ("apis.py", 19, "ML204", "warning", "review"),
    ]
    assert invoke(root, "apply", "--yes")[0] == 0
    assert (root / "apis.py").read_text() == APIS_AFTER
    assert (root / "config.py").read_text() == ON_PROVIDER


CALL_FORMS = {
    # a function imported relatively, called in place
    "function": (
        "def make_client():\n    return OpenAI()\n",
        "from .config import make_client\n\n\n"
        "def ask():\n"
        '    return make_client().chat.completions.create(model="gpt-4o-mini", messages=[])\n',
    ),
    # a method called on an instance built in place
    "instance": (
        "class Config:\n    def make(self):\n        return OpenAI()\n",
        "from pkg.config import Config\n\n\n"
        "def ask():\n"
        "    client = Config().make()\n"
        '    return client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
    ),
}


@pytest.mark.parametrize("form", sorted(CALL_FORMS))
def test_the_forms_of_a_factory_call(tmp_path, form):
    factory, caller = CALL_FORMS[form]
    files = {
        "pkg/__init__.py": "",
        "pkg/config.py": f"from openai import OpenAI\n\n\n{factory}",
        "pkg/apis.py": caller,
    }
    root = project(tmp_path, files)
    line = 6 if form == "instance" else 5
    assert scanned(root) == [("apis.py", line, "ML204", "warning", "review")]
    invoke(root, "apply", "--yes")
    assert (root / "pkg/apis.py").read_text() == caller.replace("gpt-4o-mini", "qwen-plus")


UNDECIDED = {
    "left by ML001": ({"config.py": LEFT}, APIS),
    "a base URL chosen at run time": ({"config.py": DYNAMIC}, APIS),
    # a factory of that name in a module the import does not name
    "another module": ({"elsewhere/config.py": CONFIG, "config.py": "class Config: ...\n"}, APIS),
}


@pytest.mark.parametrize("case", sorted(UNDECIDED))
def test_a_model_through_a_client_not_decided_to_be_the_providers_stays_ml206s(tmp_path, case):
    files, apis = UNDECIDED[case]
    root = project(tmp_path, {**files, "apis.py": apis})
    assert [(line, rule, fix) for _, line, rule, _, fix in scanned(root)] == [
        (9, "ML206", "manual"),
        (19, "ML206", "manual"),
    ]
    invoke(root, "apply", "--yes")
    assert (root / "apis.py").read_text() == apis


def test_a_request_whose_client_may_come_from_elsewhere_stays_ml206s(tmp_path):
    apis = APIS.replace(
        "    client = config.initialize_openai()\n    return client.chat.completions.create(\n",
        "    client = config.initialize_openai()\n    if img_b64 is None:\n"
        "        client = other()\n    return client.chat.completions.create(\n",
        1,
    )
    root = project(tmp_path, {"config.py": CONFIG, "apis.py": apis})
    # the other function's client comes from the factory alone
    assert [(line, rule, fix) for _, line, rule, _, fix in scanned(root)] == [
        (11, "ML206", "manual"),
        (21, "ML204", "review"),
    ]
    invoke(root, "apply", "--yes")
    assert (root / "apis.py").read_text() == apis.replace('"o1"', '"qwen4-max"')


PROMPTS = """\
def get_system_prompt(model, objective):
    if model == "gpt-4-with-som":
        return "labeled: " + objective
    print("prompt for", model)
    return "standard: " + objective
"""
CALLER = """\
from prompts import get_system_prompt


def fallback(messages, objective):
    messages[0] = {"role": "system", "content": get_system_prompt("gpt-4o", objective)}
    return messages
"""


def test_a_model_passed_to_another_modules_label_test_is_a_note(tmp_path):
    root = project(tmp_path, {"prompts.py": PROMPTS, "apis.py": CALLER})
    findings = json.loads(invoke(root, "scan", "--format", "json")[1])["findings"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in findings] == [
        (
            5,
            "ML205",
            "note",
            "none",
            "'gpt-4o' passed to get_system_prompt() (in prompts.py), which only compares it "
            "with 'gpt-4-with-som' and shows it in a message and never sends it as a model: "
            "apply leaves it; no request depends on it",
        )
    ]
    assert invoke(root, "apply", "--yes")[0] == 0
    assert (root / "apis.py").read_text() == CALLER
    assert invoke(root, "check")[0] == 0


@pytest.mark.parametrize(
    "prompts",
    [
        PROMPTS.replace('print("prompt for", model)', "send(model)"),
        PROMPTS.replace("def get_system_prompt(model,", "def other(model,"),
    ],
    ids=["sent", "another-function"],
)
def test_a_model_another_module_may_send_keeps_its_warning(tmp_path, prompts):
    root = project(tmp_path, {"prompts.py": prompts, "apis.py": CALLER})
    assert scanned(root) == [("apis.py", 5, "ML205", "warning", "manual")]


def test_what_the_modules_read_again_tell(tmp_path):
    registry = load_registry()
    rules = RuleContext(registry, registry.get("qwen"))
    config = tmp_path / "config.py"
    assert provider_factories(str(config), "config.py", CONFIG.encode(), rules) == [
        ProviderFactory(str(config), "config.py", "Config.initialize_openai", 7, True)
    ]
    assert provider_factories(str(config), "config.py", LEFT.encode(), rules) == [
        ProviderFactory(str(config), "config.py", "Config.initialize_openai", 8, False)
    ]
    assert provider_factories(str(config), "config.py", b"def f(:\n", rules) == []
    # no provider: nothing is pointed anywhere
    plain = RuleContext(registry)
    assert not provider_factories(str(config), "config.py", CONFIG.encode(), plain)[0].provider
    assert passed_imports(CALLER.encode(), rules.openai.serves) == [
        ("", "prompts", "get_system_prompt")
    ]
    assert passed_imports(CALLER.replace("gpt-4o", "mode-a").encode(), rules.openai.serves) == []
    assert label_params("p.py", "p.py", PROMPTS.encode(), rules) == [
        LabelParam("p.py", "p.py", "get_system_prompt", "model", 0, ("gpt-4-with-som",), True)
    ]


# two methods named `make`: what a factory returns is known by the function's name alone, so
# both are read, and neither is decided to be the provider's (one may return another client)
TWO_MAKES = """\
from openai import OpenAI


class Made:
    def make(self):
        return OpenAI()


class Kept:
    def make(self):
        return self.client or None


async def ask(client, prompt):
    reply = await client.chat.completions.create(model="gpt-4o", messages=[])
    return reply.choices[0].message.content or prompt
"""


def test_functions_of_one_name_are_read_together(tmp_path):
    registry = load_registry()
    rules = RuleContext(registry, registry.get("qwen"))
    config = str(tmp_path / "config.py")
    assert provider_factories(config, "config.py", TWO_MAKES.encode(), rules) == [
        ProviderFactory(config, "config.py", "Made.make", 5, False),
        ProviderFactory(config, "config.py", "Kept.make", 10, False),
    ]


def test_a_module_returning_no_call_or_name_is_not_read_with_libcst(tmp_path, monkeypatch):
    """Only a returned call or name can give a construction: a module whose functions return
    other values (an item of a list, `a or b`, an attribute) is not read again with libcst."""
    import migrate_llm.provider_factories as factories

    def unread(*args, **kwargs):
        raise AssertionError("read with libcst")

    monkeypatch.setattr(factories, "cst_context", unread)
    registry = load_registry()
    rules = RuleContext(registry, registry.get("qwen"))
    config = str(tmp_path / "config.py")
    quiet = TWO_MAKES.replace("return OpenAI()", "return [OpenAI()][0]")
    assert provider_factories(config, "config.py", quiet.encode(), rules) == []
    with pytest.raises(AssertionError, match="read with libcst"):
        provider_factories(config, "config.py", TWO_MAKES.encode(), rules)


COSTS = """\
def cost(n, label):
    if label == "gpt-4o":
        return n * 0.03
    return n * 0.002


print(cost(1, "gpt-4o"))
"""
COSTS_APP = """\
from openai import OpenAI

from costs import cost

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o", messages=[])
print(cost(r.usage.total_tokens, r.model))
"""


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_label_test_another_module_hands_a_response_model_is_widened(tmp_path, cache):
    # t65 review: cost() is called with a string in costs.py, but app.py imports it and hands
    # it the reply's model, which after the switch is the provider's: the test is widened
    root = project(tmp_path, {"costs.py": COSTS, "app.py": COSTS_APP})
    findings = json.loads(invoke(root, "scan", "--format", "json", cache=cache)[1])["findings"]
    assert [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in findings
        if f["path"].endswith("costs.py") and f["rule"] == "ML205"
    ] == [
        (
            2,
            "warning",
            "review",
            "comparison with OpenAI model 'gpt-4o': Alibaba Qwen (DashScope / Model Studio)'s "
            "model names never equal it, so the branch would change after the switch; apply "
            "makes it accept 'qwen4-max' as well (what 'gpt-4o' maps to)",
        ),
        (
            7,
            "note",
            "none",
            "'gpt-4o' passed to cost(), which only compares it with 'gpt-4o' and never sends "
            "it as a model: apply leaves it; no request depends on it",
        ),
    ]
    assert invoke(root, "check", cache=cache)[0] == 1
    assert invoke(root, "apply", "--yes", cache=cache)[0] == 0
    assert (root / "costs.py").read_text() == COSTS.replace(
        'if label == "gpt-4o":', 'if label in ("gpt-4o", "qwen4-max"):'
    )
    # without the import, every call gives a string apply leaves: a note
    alone = project(
        tmp_path / "alone",
        {
            "costs.py": COSTS,
            "app.py": COSTS_APP.replace("from costs import cost\n\n", "").replace(
                "cost(r.usage.total_tokens, r.model)", "r.model"
            ),
        },
    )
    findings = json.loads(invoke(alone, "scan", "--format", "json", cache=cache)[1])["findings"]
    assert [
        (f["line"], f["severity"], f["message"])
        for f in findings
        if f["path"].endswith("costs.py") and f["rule"] == "ML205"
    ] == [
        (
            2,
            "note",
            "'gpt-4o' compared with label, a parameter of cost() that every call gives a string "
            "apply leaves (line 7): the test decides as before the switch; left as it is",
        ),
        (
            7,
            "note",
            "'gpt-4o' passed to cost(), which only compares it with 'gpt-4o' and never sends "
            "it as a model: apply leaves it; no request depends on it",
        ),
    ]


def test_only_modules_comparing_with_a_model_id_are_read_for_their_importers():
    """A module imported by name is read again for ML205's label parameters only where it
    compares a value with a model id (the reviewer's +19% CPU on swarms: nearly every module
    compares with some string); whole, or after a prefix."""
    from migrate_llm.label_params import compares_models

    serves = load_registry().openai.serves
    assert compares_models(b'if label == "gpt-4o":\n', serves)
    assert compares_models(b"if 'gpt-4o' != label:\n", serves)
    assert compares_models(b'if label == """gpt-4o""":\n', serves)
    assert compares_models(b'ok = label == "fast" or label == "openai/gpt-4o"\n', serves)
    assert not compares_models(b'if mode == "fast" or "slow" != mode:\n', serves)
    assert not compares_models(b'label = "gpt-4o"\nif mode == "fast":\n', serves)


def test_a_module_comparing_only_its_own_labels_is_not_read_again(tmp_path, monkeypatch):
    import migrate_llm.engine as engine

    read: list[str] = []

    def counted(module, shown, data, rules, parsed=None):
        read.append(Path(shown).name)
        return label_params(module, shown, data, rules, parsed)

    monkeypatch.setattr(engine, "label_params", counted)
    # worth reading (it names a model), but compares `label` with its own labels only
    own = COSTS.replace('"gpt-4o":', '"fast":').replace('(1, "gpt-4o")', '(1, "fast")')
    own += 'DEFAULT = "gpt-4o"\n'
    root = project(tmp_path / "own", {"costs.py": own, "app.py": COSTS_APP})
    invoke(root, "scan")
    assert read == []
    root = project(tmp_path / "model", {"costs.py": COSTS, "app.py": COSTS_APP})
    invoke(root, "scan")
    assert read == ["costs.py"]


def test_a_module_is_parsed_once_for_its_imports():
    from migrate_llm.label_params import passed_and_imported
    from migrate_llm.textio import python_parsed

    parsed: list[bytes] = []

    def parse(data: bytes):
        parsed.append(data)
        return python_parsed(data)

    serves = load_registry().openai.serves
    data = (CALLER + "def later():\n    from costs import cost\n").encode()
    assert passed_and_imported(data, serves, True, parse) == (
        [("", "prompts", "get_system_prompt")],
        [("", "prompts", "get_system_prompt"), ("", "costs", "cost")],
    )
    assert parsed == [data]
    assert passed_and_imported(data, serves, False, parse)[1] == []
