"""pandas-ai's LLM extensions (t54g): pandasai-openai's `OpenAI` / `AzureOpenAI`, which no
argument points at a provider (ML694, manual, with the pandasai-litellm recipe), and
pandasai-litellm's `LiteLLM`, a litellm call (ML640 moves it); ML401's words for a key handed to
a class of a package the project holds itself (D2); ML003 quiet on a client whose settings a
property of another module builds once the class's `api_base` reads the provider's variable
(D3). Exact messages and text; the end-to-end test runs the migrated `LiteLLM(...)` through a
stand-in of pandasai-litellm's shape (`LiteLLM(model, **kwargs)` calling
`litellm.completion(model=..., messages=..., **kwargs)`) with the real litellm; pandasai itself
(heavy dependencies) was run by hand in t54g's venv."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import assert_rewrites, file_findings
from .loopback_run import run_guarded

ACME_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
ACME_KEY = 'os.environ.get("ACME_API_KEY", "unset")'
HEAD = (
    "OpenAI() (pandasai-openai) talks to OpenAI (OPENAI_API_BASE, else "
    "https://api.openai.com/v1) with api_token= or OPENAI_API_KEY, and takes only OpenAI's "
    "model ids (any other raises UnsupportedModelError), so no argument points it at Acme Cloud"
)
TAIL = "(from pandasai_litellm.litellm import LiteLLM; pandasai-litellm) instead"


def recipe(model: str, key: str = ACME_KEY) -> str:
    return f'build LiteLLM(model="{model}", api_base={ACME_URL}, api_key={key}) {TAIL}'


def found(registry, text: str) -> list[tuple[str, int, str]]:
    """(rule, line, message) of every finding as a scan finds them (prefilter first)."""
    return [(r, line, m) for r, line, _, m in file_findings(registry, text, "acme") or []]


def test_the_class_on_its_defaults_is_reported_with_the_litellm_recipe(registry):
    # t54g p1: no finding before (nothing in the module but the import names OpenAI's)
    text = (
        "import pandasai as pai\nfrom pandasai_openai import OpenAI\n\n"
        'pai.config.set({"llm": OpenAI()})\n'
    )
    assert found(registry, text) == [
        ("ML694", 4, f"{HEAD}; {recipe('acme/acme-large')}, by hand"),
    ]


def test_a_model_in_a_spread_dict_is_not_mapped(registry):
    # t54g p4: ML204 mapped it (UnsupportedModelError, and still api.openai.com)
    text = (
        "from pandasai_openai import OpenAI\n\n"
        'CONFIG = {"model": "gpt-4o", "temperature": 0}\nllm = OpenAI(**CONFIG)\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    [finding] = check_python(text, ctx, PYTHON_RULES)
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.edit) == (
        "ML694",
        "error",
        "manual",
        None,
    )
    assert finding.message == (
        f"{HEAD}; {recipe('acme/acme-large')}, with its other keywords, by hand"
    )
    assert finding.data == {
        "framework": "pandasai-openai",
        "class": "OpenAI",
        "model_from": "gpt-4o",
        "model_to": "acme-large",
    }


def test_the_readme_usage_keeps_the_key_left_and_the_model_unmapped(registry):
    text = (
        "import os\n\nfrom pandasai_openai import OpenAI\n\n"
        'llm = OpenAI(api_token=os.getenv("OPENAI_API_KEY"), model="gpt-4o-mini")\n'
    )
    assert found(registry, text) == [
        ("ML694", 5, f"{HEAD}; {recipe('acme/acme-small')}, with its other keywords, by hand"),
        (
            "ML401",
            5,
            "reads OPENAI_API_KEY, which goes to OpenAI() on line 5, named like OpenAI and not "
            "rewritten by migrate-llm: if it talks to OpenAI, Acme Cloud's key (ACME_API_KEY) "
            "would go there; point it at Acme Cloud (its base URL and key) and read "
            "ACME_API_KEY, or keep it on OpenAI, by hand",
        ),
    ]


def test_the_providers_model_given_to_it_is_still_reported(registry):
    # what ML206's hint led to in t54g: UnsupportedModelError with check green
    text = (
        "import os\n\nfrom pandasai_openai import OpenAI\n\n\ndef make():\n"
        '    return OpenAI(api_token=os.environ["ACME_API_KEY"], '
        f'api_base={ACME_URL}, model="acme-large")\n'
    )
    key = 'os.environ["ACME_API_KEY"]'
    assert found(registry, text) == [
        ("ML694", 7, f"{HEAD}; {recipe('acme/acme-large', key)}, with its other keywords, by hand"),
    ]


def test_another_server_is_left_alone(registry):
    text = (
        "from pandasai_openai import OpenAI\n\n"
        'llm = OpenAI(api_token="x", api_base="http://localhost:8000/v1", model="gpt-4o")\n'
    )
    assert [r for r, _, _ in found(registry, text)] == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            # t54g p3: no finding before
            "import pandasai as pai\nfrom pandasai_litellm.litellm import LiteLLM\n\n"
            'pai.config.set({"llm": LiteLLM(model="openai/gpt-4o-mini")})\n',
            "import os\n\nimport pandasai as pai\nfrom pandasai_litellm.litellm import LiteLLM\n\n"
            'pai.config.set(\n    {\n        "llm": LiteLLM(\n'
            '            model="acme/acme-small",\n'
            f"            api_key={ACME_KEY},\n"
            f"            api_base={ACME_URL},\n"
            "        )\n    }\n)\n",
            id="openai-route",
        ),
        pytest.param(
            # the README's usage: the OpenAI key read goes with the rewrite
            "import os\n\nfrom pandasai_litellm import LiteLLM\n\n"
            'llm = LiteLLM(model="gpt-4.1-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
            "import os\n\nfrom pandasai_litellm import LiteLLM\n\n"
            'llm = LiteLLM(\n    model="acme/acme-large",\n'
            f"    api_key={ACME_KEY},\n    api_base={ACME_URL},\n)\n",
            id="bare-model-and-openai-key",
        ),
    ],
)
def test_the_litellm_wrapper_moves_as_litellms_calls_do(registry, before, after):
    assert_rewrites(registry, before, after)


def _own_project(tmp_path):
    (tmp_path / ".git").mkdir()
    package = tmp_path / "extensions" / "openai" / "pandasai_openai"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .openai import OpenAI\n", encoding="utf-8")
    (tmp_path / "userapp").mkdir()
    (tmp_path / "userapp" / "app.py").write_text(
        "import os\n\nfrom pandasai_openai import OpenAI\n\n"
        'llm = OpenAI(api_token=os.getenv("OPENAI_API_KEY"), model="gpt-4o-mini")\n',
        encoding="utf-8",
    )


def test_the_projects_own_package_is_left_to_the_other_rules(tmp_path, monkeypatch):
    # t54g D2: pandas-ai's tree, whose class apply points at the provider
    _own_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["check", "userapp", "--provider", "deepseek", "--format", "json", "--no-cache"]
    )
    found = [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert [rule for rule, _, _ in found] == ["ML401", "ML206"]
    assert found[0] == (
        "ML401",
        5,
        "reads OPENAI_API_KEY, which goes to OpenAI() on line 5, a class of this project's own "
        "package pandasai_openai, whose code apply migrates where it is written: where that "
        "points it at DeepSeek, this OpenAI key would go to DeepSeek; read DEEPSEEK_API_KEY here "
        "(and pass DeepSeek's model), or keep that class on OpenAI, by hand",
    )


CLASS = (
    "import os\n\nimport openai\n\nfrom .base import BaseOpenAI\n\n\n"
    "class OpenAI(BaseOpenAI):\n    def __init__(self, **kwargs):\n"
    '        self.api_base = kwargs.get("api_base") or os.getenv("{var}") or self.api_base\n'
    "        self.client = openai.OpenAI(**self._client_params).chat.completions\n"
)


def test_a_base_url_read_from_the_providers_variable_leaves_nothing_at_the_client(registry):
    # t54g D3: pandas-ai's openai.py once applied (the class default is base.py's)
    assert found(registry, CLASS.format(var="ACME_BASE_URL")) == []


def test_another_variable_keeps_the_warning(registry):
    assert found(registry, CLASS.format(var="LLM_BASE")) == [
        (
            "ML003",
            11,
            "OpenAI() takes its base URL from `**self._client_params` at run time (OpenAI's when "
            "that is None); make sure it names Acme Cloud (https://api.acme.example/v1) in place of OpenAI's"
            "; a server of your own needs no change",
        )
    ]


STAND_IN = (
    '"""A stand-in of pandasai-litellm 0.0.1\'s LiteLLM: its shape, not its code."""\n'
    "from litellm import completion\n\n\n"
    "class LiteLLM:\n"
    "    def __init__(self, model, **kwargs):\n"
    "        self.model = model\n        self.params = kwargs\n\n"
    "    def call(self, prompt):\n"
    '        messages = [{"content": prompt, "role": "user"}]\n'
    "        reply = completion(model=self.model, messages=messages, **self.params)\n"
    "        return reply.choices[0].message.content\n"
)
PROGRAM = (
    "import json\n\nfrom pandasai_litellm.litellm import LiteLLM\n\n"
    'llm = LiteLLM(model="openai/gpt-4o-mini", temperature=0)\n'
    'print(json.dumps(llm.call("How many rows?")))\n'
)


@pytest.mark.frameworks
def test_the_migrated_wrapper_reaches_the_provider(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    package = tmp_path / "pandasai_litellm"
    package.mkdir()
    (package / "__init__.py").write_text("from .litellm import LiteLLM\n", encoding="utf-8")
    (package / "litellm.py").write_text(STAND_IN, encoding="utf-8")
    (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    applied = runner.invoke(app, ["apply", "app.py", "--provider", "deepseek", "--yes"])
    assert applied.exit_code == 0, applied.output
    check = runner.invoke(app, ["check", "app.py", "--provider", "deepseek"])
    assert (check.exit_code, check.stdout) == (0, "0 findings for deepseek in 0 of 1 file\n")
    env = {
        "DEEPSEEK_API_KEY": "test-key-deepseek",
        "DEEPSEEK_BASE_URL": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert request.path == "/v1/chat/completions"
    assert (request.body["model"], request.body["temperature"]) == ("deepseek-flash", 0)
    assert json.loads(proc.stdout) == "reply from deepseek-flash"
