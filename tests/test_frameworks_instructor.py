"""Rewrite tests for instructor (ML650): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run; and the `from_response` of
openai_function_call's schemas, which reads a v0 dict (ML651)."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings

CASES = [
    pytest.param(
        "zhipu",
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(OpenAI())\n",
        "import os\n"
        "\n"
        "import instructor\n"
        "from openai import OpenAI\n"
        "\n"
        "client = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        ")\n",
        id="instructor-default-tools",
    ),
    pytest.param(
        "qwen",
        "from instructor import Mode, patch\n"
        "from openai import OpenAI\n"
        "\n"
        'client = patch(OpenAI(base_url="https://dashscope.aliyuncs.com/compatible-mode/v1", api_key=key), mode=Mode.JSON_SCHEMA)\n',
        "from instructor import Mode, patch\n"
        "from openai import OpenAI\n"
        "\n"
        "client = patch(\n"
        '    OpenAI(base_url="https://dashscope.aliyuncs.com/compatible-mode/v1", api_key=key),\n'
        "    mode=Mode.JSON,\n"
        ")\n",
        id="instructor-patch-json-schema",
    ),
]


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after


def test_a_provider_that_forces_named_tools_keeps_the_mode(registry):
    text = "import instructor\nfrom openai import OpenAI\n\nclient = instructor.from_openai(OpenAI())\n"
    assert [f[1] for f in findings(registry, text, "deepseek")] == ["ML001"]
    assert [f[1] for f in findings(registry, text, "moonshot")] == ["ML650", "ML001"]


@pytest.mark.parametrize(
    ("module", "reported"),
    [
        pytest.param(
            "import openai_function_call as ofc\n\n\n"
            "@ofc.openai_function\ndef pick(files: list) -> list:\n    return files\n\n\n"
            "def read(r):\n    return pick.from_response(r)\n",
            [(10, "pick", "a function decorated with openai_function_call's openai_function")],
            id="module-alias",
        ),
        pytest.param(
            "from instructor import openai_function\n\n\n"
            "@openai_function\ndef pick(files: list) -> list:\n    return files\n\n\n"
            "def read(r):\n    return pick.from_response(r)\n",
            [(10, "pick", "a function decorated with instructor's openai_function")],
            id="instructor-kept-it",
        ),
        pytest.param(
            "from openai_function_call import OpenAISchema\n\n\n"
            "class Pick(OpenAISchema):\n    files: list\n\n\n"
            "def read(r):\n    return Pick.from_response(r), OpenAISchema.from_response(r)\n",
            [
                (9, "Pick", "a subclass of openai_function_call's OpenAISchema"),
                (9, "OpenAISchema", "openai_function_call's OpenAISchema"),
            ],
            id="schema-class",
        ),
        pytest.param(
            "import json\n\n\nclass Parser:\n    @staticmethod\n    def from_response(r):\n"
            "        return json.loads(r)\n\n\nvalue = Parser.from_response('{}')\n",
            [],
            id="another-from-response",
        ),
    ],
)
def test_from_response_that_reads_a_v0_dict_is_reported_where_called(registry, module, reported):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(module, ctx, PYTHON_RULES) if f.rule == "ML651"]
    assert [
        (f.line, f.message.split(".from_response()")[0], f.message.split("(")[2].split(")")[0])
        for f in found
    ] == reported
    assert {f.fix.value for f in found} <= {"manual"}
    assert all(f.edit is None for f in found)


GLOBAL_PATCH = (
    "import instructor\n"
    "import openai\n"
    "\n"
    "instructor.patch()\n"
    "\n"
    "\n"
    "def ask(q, schema):\n"
    '    return openai.ChatCompletion.create(model="gpt-4o", messages=q, response_model=schema)\n'
)


def test_a_global_patch_gets_the_client_apply_builds(registry):
    # instagraph: `instructor.patch()` patched openai<1.0's module; rewritten to
    # `instructor.patch(mode=...)` it patched no client and instructor>=1 raised at import
    after = applied(registry, GLOBAL_PATCH, "moonshot")
    assert "instructor.patch(client, mode=instructor.Mode.JSON)\n" in after
    assert after.index("client = openai.OpenAI(") < after.index("instructor.patch(client")
    deepseek = applied(registry, GLOBAL_PATCH, "deepseek")
    assert "\ninstructor.patch(client)\n" in deepseek  # DeepSeek takes a named tool call


def test_a_global_patch_with_no_client_to_pass_is_left_for_a_person(registry):
    before_imports = GLOBAL_PATCH.replace(
        "import openai\n\ninstructor.patch()\n", "instructor.patch()\nimport openai\n"
    )
    v1_only = (
        "import instructor\nfrom openai import OpenAI\n\ninstructor.patch()\nclient = OpenAI()\n"
    )
    for text in (before_imports, v1_only):
        rows = [f for f in findings(registry, text, "deepseek") if f[1] == "ML650"]
        assert [f[2] for f in rows] == ["manual"], text


def test_a_global_patch_above_load_dotenv_moves_below_it(registry):
    # instagraph: `instructor.patch()` stood above `load_dotenv()`, and the key is in `.env`:
    # the client, built on first use, is patched once the file is loaded
    text = GLOBAL_PATCH.replace(
        "import openai\n\ninstructor.patch()\n",
        "import openai\nfrom dotenv import load_dotenv\n\ninstructor.patch()\n\nload_dotenv()\n",
    )
    after = applied(registry, text, "moonshot")
    assert (
        "\n\nload_dotenv()\ninstructor.patch(_client(), mode=instructor.Mode.JSON)\n\n\n" in after
    )
    assert after.count("instructor.patch(") == 1
