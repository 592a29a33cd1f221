"""A read of OPENAI_API_TYPE that chooses the class the program builds (ML401, t53e: STORM's
`ModelClass = OpenAIModel if os.getenv("OPENAI_API_TYPE") == "openai" else AzureOpenAIModel`;
removed as advised, the Azure class ran)."""

from __future__ import annotations

import pytest

from .test_key_spreads import found

HEAD = "import os\n\nfrom lm import AzureOpenAIModel, OpenAIModel\n\n"
CHOICE = (
    "; the program tests it on line {line} to choose between OpenAIModel and AzureOpenAIModel: "
    "without it the other branch runs, so rewrite that choice for DeepSeek with it, by hand"
)
NO_EQUIVALENT = "reads OPENAI_API_TYPE, an OpenAI-only setting; DeepSeek has no equivalent"


@pytest.mark.parametrize(
    ("code", "line"),
    [
        (
            'ModelClass = OpenAIModel if os.getenv("OPENAI_API_TYPE") == "openai" '
            "else AzureOpenAIModel\n",
            5,
        ),
        (
            'if os.environ.get("OPENAI_API_TYPE") != "azure":\n'
            "    lm = OpenAIModel()\nelse:\n    lm = AzureOpenAIModel()\n",
            5,
        ),
        (
            'kind = os.getenv("OPENAI_API_TYPE")\n'
            'lm = OpenAIModel() if kind == "openai" else AzureOpenAIModel()\n',
            6,
        ),
    ],
)
def test_a_read_choosing_a_class_says_the_choice_must_change(registry, code, line):
    assert [f[3] for f in found(registry, HEAD + code, "ML401")] == [
        NO_EQUIVALENT + CHOICE.format(line=line)
    ]


def test_a_read_choosing_values_only_is_not_a_class_choice(registry):
    code = 'name = "gpt-35-turbo" if os.getenv("OPENAI_API_TYPE") == "azure" else "gpt-4o"\n'
    assert [f[3] for f in found(registry, HEAD + code, "ML401")] == [NO_EQUIVALENT]
