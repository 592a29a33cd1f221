"""Rewrite tests for instructor (ML650): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

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
