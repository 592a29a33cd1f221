"""Rewrite tests for AutoGen / AG2 and autogen-ext (ML660, ML661): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

from .framework_rewrites import applied

CASES = [
    pytest.param(
        "zhipu",
        "import os\n"
        "\n"
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "\n"
        'client = OpenAIChatCompletionClient(model="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
        "import os\n"
        "\n"
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "\n"
        "client = OpenAIChatCompletionClient(\n"
        '    model="glm-4-air-250414",\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    model_info={\n"
        '        "vision": True,\n'
        '        "function_calling": True,\n'
        '        "json_output": True,\n'
        '        "family": "unknown",\n'
        '        "structured_output": False,\n'
        "    },\n"
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        ")\n",
        id="autogen-ext-client",
    ),
    pytest.param(
        "qwen",
        "import os\n"
        "\n"
        "import autogen\n"
        "\n"
        'config_list = [{"model": "gpt-4", "api_key": os.environ["OPENAI_API_KEY"]}]\n'
        'llm_config = {"config_list": config_list, "temperature": 0}\n'
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n',
        "import os\n"
        "\n"
        "import autogen\n"
        "\n"
        "config_list = [\n"
        "    {\n"
        '        "model": "qwen4-max",\n'
        '        "api_key": os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        '        "base_url": os.environ.get(\n'
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        "    }\n"
        "]\n"
        'llm_config = {"config_list": config_list, "temperature": 0}\n'
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n',
        id="autogen-config-list",
    ),
]


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after
