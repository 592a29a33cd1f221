"""guidance's OpenAI model class and its Azure OpenAI helper (ML688), the provider's key given to
a class named like OpenAI that no table knows (ML401), and a model setting left with a class
apply leaves on OpenAI (ML204): exact before/after text and messages with every rule running,
what is left to a person (so `check` fails), and the prefilter. No run with guidance itself
(t46d ran guidance 0.3.1's programs, pointed as below, against a loopback server)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import check_rules
from .framework_rewrites import applied, assert_rewrites, file_findings

KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
ACME_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
TALKS = "OpenAI() (guidance) talks to OpenAI"
TARGET = (
    "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
    "(default https://api.acme.example/v1)"
)


def found(registry, text: str, provider: str | None = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding on `text`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


CASES = [
    pytest.param(
        # t46d g1: the key read in the call goes with the rewrite
        "import os\n\nimport guidance\n\n"
        'lm = guidance.models.OpenAI("gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
        "import os\n\nimport guidance\n\n"
        f'lm = guidance.models.OpenAI(\n    "acme-small",\n    {URL},\n    {KEY},\n)\n',
        id="the-openai-key-in-the-call",
    ),
    pytest.param(
        "from guidance.models import OpenAI as G\n\n"
        "lm = G(model='gpt-4.1-mini', organization='org-1', echo=False)\n",
        "import os\n\nfrom guidance.models import OpenAI as G\n\n"
        f"lm = G(\n    {KEY},\n    {URL},\n    model='acme-large',\n    echo=False,\n)\n",
        id="aliased-model-keyword-organization-dropped",
    ),
    pytest.param(
        # t46d g3: OPENAI_BASE_URL with OpenAI's URL as its default is OpenAI
        "import os\n\nfrom guidance.models import OpenAI\n\n"
        "lm = OpenAI(\n    model='gpt-4o',\n    api_key=os.environ.get('OPENAI_API_KEY'),\n"
        "    base_url=os.environ.get('OPENAI_BASE_URL', 'https://api.openai.com/v1'),\n)\n",
        "import os\n\nfrom guidance.models import OpenAI\n\n"
        f"lm = OpenAI(\n    model='acme-large',\n    {KEY},\n    {URL},\n)\n",
        id="openais-base-url-variable",
    ),
    pytest.param(
        # t46d D4: the constant's default and the class move together
        "import os\n\nfrom guidance import models\n\n"
        'OPENAI_KEY = os.getenv("OPENAI_API_KEY")\n'
        'MODEL = os.getenv("GUIDANCE_MODEL", "gpt-4o")\n\n\n'
        "def main():\n    return models.OpenAI(MODEL, api_key=OPENAI_KEY, echo=False)\n",
        "import os\n\nfrom guidance import models\n\n"
        'OPENAI_KEY = os.getenv("ACME_API_KEY")\n'
        'MODEL = os.getenv("GUIDANCE_MODEL", "acme-large")\n\n\n'
        "def main():\n    return models.OpenAI(\n        MODEL,\n"
        f"        {URL},\n"
        '        api_key=os.environ["ACME_API_KEY"],\n        echo=False,\n    )\n',
        id="a-model-constant-moves-with-the-class",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


def test_the_class_message_and_data(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    text = "from guidance import models\n\nlm = models.OpenAI('gpt-4o-mini')\n"
    [finding] = check_python(text, ctx, PYTHON_RULES)  # nor ML205 on its model
    assert (finding.rule, finding.severity.value, finding.fix.value) == ("ML688", "error", "review")
    assert finding.message == (
        f"{TALKS} (key from OPENAI_API_KEY); {TARGET}; model 'gpt-4o-mini' -> 'acme-small'"
    )
    assert finding.data == {
        "framework": "guidance",
        "class": "OpenAI",
        "api_key_env": "ACME_API_KEY",
        "base_url_env": "ACME_BASE_URL",
        "model_from": "gpt-4o-mini",
        "model_to": "acme-small",
    }
    assert applied(registry, text, "acme") == (
        "import os\n\nfrom guidance import models\n\n"
        f"lm = models.OpenAI(\n    'acme-small',\n    {KEY},\n    {URL},\n)\n"
    )


# --- D5: the provider's key, and no base URL ------------------------------------------------


def test_the_providers_key_without_a_base_url_is_left_to_a_person(registry):
    # t46d repro2: what ML205 and ML401 used to lead to; check passed, the key went to OpenAI
    text = (
        "import os\nimport guidance\n\n"
        'lm = guidance.models.OpenAI("acme-small", api_key=os.environ["ACME_API_KEY"])\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    [finding] = check_python(text, ctx, PYTHON_RULES)
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.edit) == (
        "ML688",
        "error",
        "manual",
        None,
    )
    assert finding.message == (
        f"{TALKS} (key from ACME_API_KEY); without base_url= it sends that key to OpenAI: pass "
        f"base_url={ACME_URL}"
    )


def test_another_key_is_left_with_the_model_constant(registry):
    # the class stays on OpenAI, so its model stays OpenAI's (t46d D4, the other way)
    text = (
        "import os\nfrom guidance import models\n\n"
        "MODEL = os.getenv('GUIDANCE_MODEL', 'gpt-4o')\n"
        "llm = models.OpenAI(MODEL, api_key=os.environ['MY_KEY'])\n"
    )
    assert found(registry, text) == [
        (
            4,
            "ML204",
            "manual",
            "env default 'gpt-4o' of constant MODEL is the model of models.OpenAI() on line 5, "
            "which apply leaves on OpenAI (see there); apply leaves the model too: change them "
            "together, by hand",
        ),
        (
            5,
            "ML688",
            "manual",
            f"{TALKS} (key from MY_KEY); apply replaces only OPENAI_API_KEY: pass "
            f'api_key=os.environ["ACME_API_KEY"] and base_url={ACME_URL} together, by hand (an '
            "OpenAI key must not go to Acme Cloud)",
        ),
    ]
    assert applied(registry, text, "acme") == text


def test_positional_settings_after_the_model_are_left_with_the_model(registry):
    text = (
        "from guidance import models\n\nMODEL = 'gpt-4o'\nllm = models.OpenAI(MODEL, None, False)\n"
    )
    assert found(registry, text) == [
        (
            3,
            "ML204",
            "manual",
            "constant MODEL = 'gpt-4o' is the model of models.OpenAI() on line 4, which apply "
            "leaves on OpenAI (see there); apply leaves the model too: change them together, by "
            "hand",
        ),
        (
            4,
            "ML688",
            "manual",
            f"{TALKS} (key from OPENAI_API_KEY); it passes positional arguments: pass them by "
            "keyword (model=...)",
        ),
    ]


def test_pointed_at_the_provider_it_is_a_note(registry):
    text = (
        "import os\nfrom guidance import models\n\n"
        f"lm = models.OpenAI('acme-small', api_key=os.environ['ACME_API_KEY'], base_url={ACME_URL})\n"
    )
    assert found(registry, text) == [
        (4, "ML688", "none", "OpenAI() (guidance) already points at Acme Cloud")
    ]


def test_pointed_at_the_provider_without_a_key_it_gets_the_providers(registry):
    text = f"import os\nfrom guidance import models\n\nlm = models.OpenAI('acme-small', base_url={ACME_URL})\n"
    assert found(registry, text) == [
        (
            4,
            "ML688",
            "safe",
            "OpenAI() (guidance) already points at Acme Cloud, but takes its key from "
            "OPENAI_API_KEY: the OpenAI key would go to Acme Cloud; apply passes api_key from "
            "ACME_API_KEY",
        )
    ]
    assert applied(registry, text, "acme") == (
        "import os\nfrom guidance import models\n\n"
        f"lm = models.OpenAI(\n    'acme-small',\n    {KEY},\n    {URL},\n)\n"
    )


def test_without_a_provider(registry):
    text = "from guidance import models\n\nlm = models.OpenAI('gpt-4o-mini')\n"
    assert found(registry, text, None) == [
        (
            3,
            "ML688",
            "manual",
            f"{TALKS} (key from OPENAI_API_KEY); `migrate-llm apply --provider ID` points it at "
            "a provider",
        )
    ]


def test_a_class_of_that_name_from_elsewhere_is_not_guidances(registry):
    text = "from mylib.models import OpenAI\n\nlm = OpenAI(model='acme-small')\n"
    assert [rule for _, rule, _, _ in found(registry, text)] == []


# --- create_azure_openai_model ----------------------------------------------------------------

AZURE_CALL = (
    "from guidance.models import create_azure_openai_model\n\n"
    "lm = create_azure_openai_model(\n"
    "    'https://x.openai.azure.com/', 'chat', model_name={}, api_key=k\n"
    ")\n"
)
RECIPE = (
    "create_azure_openai_model() (guidance) talks to Azure OpenAI; for Acme Cloud build "
    'models.OpenAI("{}", api_key=os.environ["ACME_API_KEY"], base_url=' + ACME_URL + ") (from "
    "guidance import models) instead, without the Azure settings, by hand"
)


@pytest.mark.parametrize(
    ("model", "shown"),
    [
        pytest.param("'gpt-4o-mini'", "acme-small", id="mapped"),
        pytest.param("'acme-large'", "acme-large", id="the-providers-model"),
        pytest.param("model", "<model>", id="not-shown"),  # t46d's AzureOpenAI notebook
    ],
)
def test_the_azure_helper_is_left_to_a_person_with_the_class_to_build(registry, model, shown):
    ctx = RuleContext(registry, registry.get("acme"))
    [finding] = check_python(AZURE_CALL.format(model), ctx, PYTHON_RULES)  # nor ML205
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.edit) == (
        "ML688",
        "error",
        "manual",
        None,
    )
    assert finding.message == RECIPE.format(shown)


def test_the_azure_helper_without_a_provider_and_on_azure(registry):
    text = AZURE_CALL.format("'my-deployment'")
    assert found(registry, text, None) == [
        (
            3,
            "ML688",
            "manual",
            "create_azure_openai_model() (guidance) talks to Azure OpenAI; `migrate-llm scan "
            "--provider ID` says what to build instead",
        )
    ]
    assert [rule for _, rule, _, _ in found(registry, text, "azure")] == []  # already there


# --- the provider's key given to a class named like OpenAI that no table knows (ML401) --------

FOREIGN = (
    "reads ACME_API_KEY, which goes to {}() on line {}, a class named like OpenAI that "
    "migrate-llm does not rewrite, given no base URL: it talks to OpenAI, so Acme Cloud's key "
    f"goes there; pass it base_url={ACME_URL} (or the keyword it takes for one), or keep it on "
    "OpenAI with OpenAI's key, by hand"
)


def test_the_providers_key_given_to_a_class_named_like_openai_is_an_error(registry):
    text = (
        "import os\nfrom mylib import OpenAIChat\n\n"
        "key = os.getenv('ACME_API_KEY')\n\n\n"
        "def build(k):\n    return OpenAIChat('acme-small', api_key=k)\n\n\n"
        "llm = build(key)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    [finding] = check_python(text, ctx, PYTHON_RULES)
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.edit) == (
        "ML401",
        "error",
        "manual",
        None,
    )
    assert finding.message == FOREIGN.format("OpenAIChat", 8)
    assert finding.data == {"variable_from": "ACME_API_KEY"}


def test_a_base_url_of_none_is_openais(registry):
    text = (
        "import os\nfrom mylib import OpenAIChat\n\n"
        "llm = OpenAIChat(api_key=os.environ['ACME_API_KEY'], api_base=None)\n"
    )
    assert found(registry, text) == [(4, "ML401", "manual", FOREIGN.format("OpenAIChat", 4))]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("OpenAIChat(api_key=KEY, api_base='https://api.acme.example/v1')", id="url"),
        pytest.param("OpenAIChat(api_key=KEY, host=HOST)", id="a-host-keyword"),
        pytest.param("OpenAIChat('http://localhost:8000/v1', api_key=KEY)", id="a-written-url"),
        pytest.param("OpenAIChat(api_key=KEY, **settings)", id="a-mapping"),
        pytest.param("ChatModel(api_key=KEY)", id="not-named-like-openai"),
        pytest.param("OpenAIChat(KEY)", id="not-given-as-its-key"),
    ],
)
def test_the_providers_key_elsewhere_is_not_reported(registry, call):
    text = (
        "import os\nfrom mylib import ChatModel, OpenAIChat\n\n"
        f"KEY = os.environ['ACME_API_KEY']\nllm = {call}\n"
    )
    assert found(registry, text) == []


def test_a_class_of_the_project_is_not_reported(registry, tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "llm.py").write_text("class OpenAIChat:\n    pass\n")
    (tmp_path / "pkg" / "app.py").write_text(
        "import os\nfrom .llm import OpenAIChat\n\n"
        "llm = OpenAIChat(api_key=os.environ['DEEPSEEK_API_KEY'])\n"
    )
    monkeypatch.chdir(tmp_path)
    assert check_rules(tmp_path, "deepseek") == (0, [])


def test_a_module_naming_the_providers_key_and_a_class_named_like_openai_is_scanned(registry):
    # neither `openai` nor an OpenAI variable: the prefilter read it for the target's key
    text = "import os\nfrom mylib import OpenAIChat\n\nllm = OpenAIChat(api_key=os.environ['ACME_API_KEY'])\n"
    assert file_findings(registry, text, "acme") == [
        ("ML401", 4, 26, FOREIGN.format("OpenAIChat", 4))
    ]
    assert file_findings(registry, text.replace("OpenAIChat", "ChatModel"), "acme") is None


# --- a model setting left with a class named like OpenAI (ML204) ------------------------------


def test_a_model_constant_given_to_a_class_named_like_openai_is_left(registry):
    text = "from mylib import OpenAIChat\n\nMODEL = 'gpt-4o'\nllm = OpenAIChat(model=MODEL)\n"
    assert found(registry, text) == [
        (
            3,
            "ML204",
            "manual",
            "constant MODEL = 'gpt-4o' is the model of OpenAIChat() on line 4, a class named like "
            "OpenAI that migrate-llm does not rewrite, given no base URL: it talks to OpenAI; "
            "apply leaves the model too: change them together, by hand",
        )
    ]
    assert applied(registry, text, "acme") == text


def test_a_model_constant_given_to_such_a_class_with_a_base_url_is_mapped(registry):
    text = (
        "from mylib import OpenAIChat\n\nMODEL = 'gpt-4o'\n"
        "llm = OpenAIChat(model=MODEL, api_base=URL)\n"
    )
    assert applied(registry, text, "acme") == text.replace("'gpt-4o'", "'acme-large'")


def test_a_model_constant_of_a_framework_class_left_on_openai_stays(registry):
    # browser-use's ChatOpenAI given the provider's key and no base URL (ML687 manual)
    text = (
        "import os\nfrom browser_use import ChatOpenAI\n\n"
        "MODEL = os.getenv('M', 'gpt-4o')\n"
        "llm = ChatOpenAI(model=MODEL, api_key=os.getenv('ACME_API_KEY'))\n"
    )
    assert [(line, rule, fix) for line, rule, fix, _ in found(registry, text)] == [
        (4, "ML204", "manual"),
        (5, "ML687", "manual"),
    ]


# --- check and the prefilter ----------------------------------------------------------------


def test_a_module_naming_only_guidances_class_or_helper_passes_the_prefilter(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search("from guidance import models\nlm = models.OpenAI(m)\n")
    assert python.search("import guidance\nlm = guidance.models.create_azure_openai_model(m)\n")
    assert not python.search("from guidance import gen\nlm += gen('x')\n")


def test_check_fails_until_apply_and_on_what_is_left_to_a_person(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "app.py"
    program.write_text(
        "from guidance import gen, models, user\n\nlm = models.OpenAI('gpt-4o-mini')\n"
        "with user():\n    lm += gen('a', max_tokens=5)\n"
    )
    assert check_rules(tmp_path, "qwen") == (1, ["ML688"])
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert check_rules(tmp_path, "qwen") == (0, [])
    # t46d repro2: check passed with the DashScope key going to api.openai.com
    program.write_text(
        "import os\nimport guidance\n\n"
        'lm = guidance.models.OpenAI("qwen-plus", api_key=os.environ["DASHSCOPE_API_KEY"])\n'
    )
    assert check_rules(tmp_path, "qwen") == (1, ["ML688"])
    program.write_text(AZURE_CALL.format("'gpt-4o'"))
    assert check_rules(tmp_path, "qwen") == (1, ["ML688"])
