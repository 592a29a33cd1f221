"""Code that stays on openai<1 after apply (t44g: generative-ai-for-beginners' lesson 08
embeddings script): a module importing what openai 1.0 removed (`openai.embeddings_utils`,
`openai.datalib`), or one of a project whose requirements keep openai<1.

- the import is an error left for a person (ML302), saying what to write instead;
- a call of its helpers is named as openai<1's, not as "not an OpenAI SDK call" (ML206);
- the settings that tell openai<1 where to send requests (and with which key) stay: deleted,
  that code's requests would go to api.openai.com with OPENAI_API_KEY (ML301), and a key read
  assigned to one keeps its variable (ML401);
- `InvalidRequestError` given to a retry predicate becomes both v1 classes (ML303).

Every rewrite: the exact text after `apply`, and a second run that edits nothing.
"""

from __future__ import annotations

import json

import pytest

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import cli
from .framework_rewrites import applied

EMBED = """import os

import openai
from openai.embeddings_utils import get_embedding
from tenacity import retry, retry_if_not_exception_type

openai.api_type = "azure"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"


@retry(retry=retry_if_not_exception_type(openai.InvalidRequestError))
def embed(text):
    return get_embedding(text, engine="text-embedding-ada-002")
"""
RETRY = "@retry(retry=retry_if_not_exception_type(openai.InvalidRequestError))\n"
RETRY_AFTER = (
    "@retry(\n"
    "    retry=retry_if_not_exception_type((openai.BadRequestError, openai.NotFoundError))\n"
    ")\n"
)
IMPORT_MESSAGE = (
    "openai.embeddings_utils was removed in openai 1.0 and this import fails there "
    "(ModuleNotFoundError), so the module runs on openai<1 only; "
)
EMBEDDING = "client.embeddings.create(input=[text], model=...).data[0].embedding"


def _kept(attr: str, advice: str) -> str:
    return (
        f"openai.{attr} is openai<1.0 configuration; {advice}; apply leaves it while the module "
        "imports openai.embeddings_utils, which openai 1.0 removed: openai<1 sends the "
        "module's requests with this setting (without it, to OpenAI's defaults: "
        "api.openai.com, OPENAI_API_KEY); replace what it uses from openai.embeddings_utils "
        "(ML302), and apply deletes this line"
    )


def _findings(registry, text: str, provider: str | None):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return check_python(text, ctx, PYTHON_RULES)


def test_apply_leaves_the_azure_settings_of_the_openai_0_code_and_check_stays_red(
    tmp_path, monkeypatch
):
    (tmp_path / "embed.py").write_text(EMBED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = cli("scan", "embed.py", "--provider", "deepseek", "--format", "json")
    found = {(f["line"], f["rule"]): f for f in json.loads(scan.stdout)["findings"]}
    assert sorted(found) == [
        (4, "ML302"),
        (7, "ML301"),
        (8, "ML301"),
        (8, "ML401"),
        (9, "ML301"),
        (9, "ML401"),
        (10, "ML301"),
        (13, "ML303"),
        (15, "ML206"),
    ]
    imported = found[4, "ML302"]
    assert (imported["severity"], imported["fix"]) == ("error", "manual")
    assert imported["message"] == f"{IMPORT_MESSAGE}instead of get_embedding, write {EMBEDDING}"
    assert imported["data"] == {"module": "openai.embeddings_utils", "names": ["get_embedding"]}
    advice = {
        7: ("api_type", "use AzureOpenAI() for Azure, OpenAI() otherwise"),
        8: ("api_key", "pass api_key= to the client"),
        9: ("api_base", "pass base_url= to the client"),
        10: ("api_version", "pass api_version= to AzureOpenAI()"),
    }
    for line, (attr, text) in advice.items():
        setting = found[line, "ML301"]
        assert (setting["severity"], setting["fix"]) == ("error", "manual")
        assert setting["message"] == _kept(attr, text)
    # the Azure key stays where the module's openai<1 settings send it
    assert found[8, "ML401"]["fix"] == "manual"
    assert found[8, "ML401"]["message"] == (
        "reads AZURE_OPENAI_API_KEY, which goes to `openai.api_key` on line 8, a line apply "
        "leaves for the module's openai<1 code (ML301 says why): given DeepSeek's key "
        "(DEEPSEEK_API_KEY) openai<1 would send that key where the module's openai<1 settings "
        "send its requests (its openai.api_base, else OpenAI); leave it until ML301's lines go, "
        "or point them all at DeepSeek together, by hand"
    )
    assert found[15, "ML206"]["message"] == (
        "engine='text-embedding-ada-002' goes to get_embedding(), openai<1's helper "
        "openai.embeddings_utils.get_embedding (removed in openai 1.0: ML302), so apply leaves "
        "it; DeepSeek serves no embeddings API on its OpenAI-compatible endpoint, so no "
        "DeepSeek model can go there: keep that call on OpenAI (its key from OpenAI's "
        "variable) or move it to another service, by hand"
    )
    for _ in range(2):  # a second apply changes nothing
        assert cli("apply", "embed.py", "--provider", "deepseek", "--yes").exit_code == 0
        after = (tmp_path / "embed.py").read_text(encoding="utf-8")
        assert after == EMBED.replace(RETRY, RETRY_AFTER)
    check = cli("check", "embed.py", "--provider", "deepseek")
    assert check.exit_code == 1
    rules = [line.split(" ")[1] for line in check.stdout.splitlines() if " ML" in line]
    assert rules == ["ML302", "ML301", "ML301", "ML401", "ML301", "ML401", "ML301", "ML206"]


def test_scan_without_a_provider_says_apply_leaves_them(registry):
    found = [f for f in _findings(registry, EMBED, None) if f.rule == "ML301"]
    assert [(f.line, f.fix) for f in found] == [(n, FixClass.MANUAL) for n in (7, 8, 9, 10)]
    assert found[2].message == _kept("api_base", "pass base_url= to the client")


def test_modernising_leaves_them_too(registry):
    # `--provider openai` renamed openai.api_base to the v1 openai.base_url, which openai<1
    # ignores: the Azure key went to api.openai.com
    assert applied(registry, EMBED, "openai") == EMBED.replace(RETRY, RETRY_AFTER)
    settings = [(f.line, f.fix) for f in _findings(registry, EMBED, "openai") if f.rule == "ML301"]
    assert settings == [(7, FixClass.MANUAL), (9, FixClass.MANUAL), (10, FixClass.MANUAL)]


@pytest.mark.parametrize(
    ("statement", "names", "instead"),
    [
        (
            "import openai.embeddings_utils",
            [],
            "use client.embeddings.create(input=..., "
            "model=...) for its embedding helpers, numpy for cosine_similarity",
        ),
        (
            "from openai import embeddings_utils as eu",
            [],
            "use client.embeddings.create("
            "input=..., model=...) for its embedding helpers, numpy for cosine_similarity",
        ),
        (
            "from openai.embeddings_utils import *",
            [],
            "use client.embeddings.create("
            "input=..., model=...) for its embedding helpers, numpy for cosine_similarity",
        ),
        (
            "from openai.embeddings_utils import get_embeddings, cosine_similarity",
            ["get_embeddings", "cosine_similarity"],
            "instead of get_embeddings, write [d.embedding for d in client.embeddings.create("
            "input=texts, model=...).data]; instead of cosine_similarity, write np.dot(a, b) / "
            "(np.linalg.norm(a) * np.linalg.norm(b)) (numpy)",
        ),
        # a name the table does not know: the module's advice
        (
            "from openai.embeddings_utils import helper",
            ["helper"],
            "use client.embeddings."
            "create(input=..., model=...) for its embedding helpers, numpy for cosine_similarity",
        ),
    ],
)
def test_each_import_says_what_to_write_instead(registry, statement, names, instead):
    [found] = [f for f in _findings(registry, f"{statement}\n", "acme") if f.rule == "ML302"]
    assert (found.line, found.severity, found.fix) == (1, Severity.ERROR, FixClass.MANUAL)
    assert found.message == IMPORT_MESSAGE + instead
    assert found.data == {"module": "openai.embeddings_utils", "names": names}


def test_datalib_names_its_submodule(registry):
    text = "from openai.datalib.numpy_helper import numpy as np\nimport openai.datalib\n"
    found = [(f.line, f.message) for f in _findings(registry, text, None) if f.rule == "ML302"]
    head = (
        "openai.datalib was removed in openai 1.0 and this import fails there "
        "(ModuleNotFoundError), so the module runs on openai<1 only; "
    )
    assert found == [
        (1, f"{head}instead of numpy_helper, write import numpy"),
        (2, f"{head}import numpy and pandas themselves"),
    ]


GUARDED = """import os

import openai

try:
    from openai.embeddings_utils import cosine_similarity
except ImportError:
    cosine_similarity = None

openai.api_key = os.getenv("OPENAI_API_KEY")
"""


def test_an_import_guarded_against_import_error_is_a_note_and_keeps_nothing_on_v0(registry):
    [found] = [f for f in _findings(registry, GUARDED, "acme") if f.rule == "ML302"]
    assert (found.line, found.severity, found.fix) == (6, Severity.NOTE, FixClass.NONE)
    assert found.message == (
        "openai.embeddings_utils was removed in openai 1.0; runs only on openai<1 (guarded by "
        "`except ImportError`); left as it is"
    )
    # the module runs on openai>=1 too: the v1 base-URL line alone, as anywhere (ML103)
    assert applied(registry, GUARDED, "acme") == GUARDED.replace(
        'openai.api_key = os.getenv("OPENAI_API_KEY")\n',
        'openai.api_key = os.getenv("ACME_API_KEY", "unset")\nopenai.base_url = (\n'
        '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
        ")\n",
    )


def test_the_0x_base_url_line_ml103_writes_stays_on_a_second_apply(registry):
    # ML103 writes openai.api_base for the module's openai<1 helpers; ML301 deleted it again
    text = (
        "import os\n\nimport openai\nfrom openai.embeddings_utils import get_embedding\n\n"
        'openai.api_key = os.getenv("OPENAI_API_KEY")\n'
    )
    after = applied(registry, text, "acme")
    assert after == text.replace(
        'openai.api_key = os.getenv("OPENAI_API_KEY")\n',
        'openai.api_key = os.getenv("ACME_API_KEY", "unset")\nopenai.base_url = (\n'
        '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
        ")\n"
        'openai.api_base = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip(\n'
        '    "/"\n)\n',
    )
    assert [f.rule for f in _findings(registry, after, "acme")] == ["ML302"]


PINS = '[tool.poetry.dependencies]\nopenai = "^0.27.8"\nlangchain = "^0.0.238"\n'
MOVED = '[tool.poetry.dependencies]\nopenai = ">=1"\nlangchain = "^0.0.340"\n'
PINNED = """import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")
openai.api_base = "https://api.openai.com/v1"


def ask(q):
    return openai.ChatCompletion.create(model="gpt-4o", messages=[q])
"""
CLIENT = (
    "client = openai.OpenAI(\n"
    '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "    base_url=os.environ.get(\n"
    '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "    ),\n)\n\n"
)
CALL = 'openai.ChatCompletion.create(model="gpt-4o", messages=[q])'
V1_CALL = 'client.chat.completions.create(model="qwen4-max", messages=[q])'


def test_while_the_pins_keep_openai_0_the_settings_stay_and_the_key_read_too(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(PINS, encoding="utf-8")
    (tmp_path / "app.py").write_text(PINNED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = cli("scan", ".", "--provider", "qwen", "--format", "json")
    found = {
        (f["line"], f["rule"]): f
        for f in json.loads(scan.stdout)["findings"]
        if f["path"] == "app.py"
    }
    assert found[5, "ML301"]["fix"] == found[6, "ML301"]["fix"] == "manual"
    assert found[6, "ML301"]["message"] == (
        "openai.api_base is openai<1.0 configuration; pass base_url= to the client; apply "
        "leaves it while the project's requirements keep openai<1 (ML504): the module's "
        "requests go through the clients apply builds, which do not read it; openai<1 code "
        "elsewhere in the program may (a setting of the openai module, for the whole process); "
        "once those pins move, apply deletes this line"
    )
    # switched alone, DashScope's key would go to the api.openai.com of line 6
    assert found[5, "ML401"]["fix"] == "manual"
    # the calls are rewritten to openai>=1, which the pins keep out: apply says so, exit 1
    applied = cli("apply", ".", "--provider", "qwen", "--yes")
    assert applied.exit_code == 1
    assert "Needs openai>=1, which the project's requirements keep below 1" in applied.stderr
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after == PINNED.replace("openai.api_key", CLIENT + "openai.api_key", 1).replace(
        CALL, V1_CALL
    )
    # once the pins move, the settings go
    (tmp_path / "pyproject.toml").write_text(MOVED, encoding="utf-8")
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after.replace(
        'openai.api_key = os.getenv("OPENAI_API_KEY")\n'
        'openai.api_base = "https://api.openai.com/v1"\n',
        "",
    ).replace(")\n\n\n\n", ")\n\n\n")
    assert cli("check", ".", "--provider", "qwen").exit_code == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import openai\nfrom tenacity import retry_if_exception_type\n\n"
            "r = retry_if_exception_type(openai.error.InvalidRequestError)\n",
            "import openai\nfrom tenacity import retry_if_exception_type\n\n"
            "r = retry_if_exception_type((openai.BadRequestError, openai.NotFoundError))\n",
        ),
        (
            "import openai\nimport tenacity\n\n"
            "r = tenacity.retry_unless_exception_type(\n"
            "    exception_types=openai.error.InvalidRequestError\n)\n",
            "import openai\nimport tenacity\n\n"
            "r = tenacity.retry_unless_exception_type(\n"
            "    exception_types=(openai.BadRequestError, openai.NotFoundError)\n)\n",
        ),
        (
            "from openai.error import InvalidRequestError\n"
            "from tenacity.retry import retry_if_exception_type\n\n"
            "r = retry_if_exception_type(InvalidRequestError)\n",
            "from openai import BadRequestError, NotFoundError\n"
            "from tenacity.retry import retry_if_exception_type\n\n"
            "r = retry_if_exception_type((BadRequestError, NotFoundError))\n",
        ),
        (
            "import backoff\nimport openai\n\n\n"
            "@backoff.on_exception(backoff.expo, openai.error.InvalidRequestError)\n"
            "def ask():\n    pass\n",
            "import backoff\nimport openai\n\n\n"
            "@backoff.on_exception(backoff.expo, (openai.BadRequestError, openai.NotFoundError))\n"
            "def ask():\n    pass\n",
        ),
        (
            "import openai\nimport pytest\n\n\ndef test_bad():\n"
            "    with pytest.raises(openai.error.InvalidRequestError):\n        pass\n",
            "import openai\nimport pytest\n\n\ndef test_bad():\n"
            "    with pytest.raises((openai.BadRequestError, openai.NotFoundError)):\n"
            "        pass\n",
        ),
        # each positional argument is a class
        (
            "import contextlib\n\nimport openai\n\n"
            "with contextlib.suppress(openai.error.InvalidRequestError):\n    pass\n",
            "import contextlib\n\nimport openai\n\n"
            "with contextlib.suppress(openai.BadRequestError, openai.NotFoundError):\n    pass\n",
        ),
    ],
)
def test_a_class_argument_of_a_retry_or_test_helper_gets_both_classes(registry, before, after):
    assert applied(registry, before, "acme") == after
    fixes = {f.fix for f in _findings(registry, before, "acme") if f.rule == "ML303"}
    assert fixes == {FixClass.SAFE}


def test_another_argument_keeps_the_namesake_for_review(registry):
    # backoff's first argument is the wait generator; a function of the program is unknown
    text = "import openai\n\nlog_errors(openai.error.InvalidRequestError)\n"
    assert applied(registry, text, "acme") == text.replace(
        "openai.error.InvalidRequestError", "openai.BadRequestError"
    )
    [found] = [f for f in _findings(registry, text, "acme") if f.rule == "ML303"]
    assert found.fix is FixClass.REVIEW
    assert found.message.endswith("; add openai.NotFoundError where this class is caught")
