"""A model in a dict display given to another package's class beside a base URL that apply
points at the provider (or that is the provider's) is mapped, as in a dict nested in it: the
library's client goes where that URL does (t51e: TaskWeaver's test paired Zhipu's URL with
gpt-3.5-turbo-1106). Where ML402 leaves the URL, with a key beside it, the model is left too."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ZHIPU_URL = "https://open.bigmodel.cn/api/paas/v4"
FLAT = """\
from myapp import AppConfigSource

src = AppConfigSource(
    config={
        "llm.api_base": "https://api.openai.com/v1",
        "llm.api_key": "YOUR_API_KEY",
        "llm.model": "gpt-3.5-turbo-1106",
        "ext": {
            "llm.api_base": "https://api.openai.com/v1",
            "llm.model": "gpt-4-1106-preview",
        },
    },
)
"""
FLAT_AFTER = """\
import os

from myapp import AppConfigSource

src = AppConfigSource(
    config={
        "llm.api_base": os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
        "llm.api_key": "YOUR_API_KEY",
        "llm.model": "glm-4-flash",
        "ext": {
            "llm.api_base": os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
            "llm.model": "glm-4-plus",
        },
    },
)
"""


def findings(registry, text, provider="zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.line, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML204", "ML206", "ML402")
    ]


def migrate(registry, text, provider="zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def test_the_model_beside_a_switched_url_is_mapped_as_in_the_nested_dict(registry):
    switched = (
        "hard-coded OpenAI URL https://api.openai.com/v1; Zhipu AI (GLM)'s base URL replaces "
        "it (read from ZAI_BASE_URL)"
    )
    assert findings(registry, FLAT) == [
        ("ML402", 5, FixClass.SAFE, switched),
        (
            "ML204",
            7,
            FixClass.REVIEW,
            "entry 'llm.model' = 'gpt-3.5-turbo-1106' maps to 'glm-4-flash' on Zhipu AI (GLM)",
        ),
        ("ML402", 9, FixClass.SAFE, switched),
        (
            "ML204",
            10,
            FixClass.REVIEW,
            "entry 'llm.model' = 'gpt-4-1106-preview' maps to 'glm-4-plus' on Zhipu AI (GLM)",
        ),
    ]
    after = migrate(registry, FLAT).after
    assert after == FLAT_AFTER
    assert migrate(registry, after).after == after


def test_the_model_beside_the_providers_url_is_mapped(registry):
    text = (
        "from evalkit import Judge\n\n"
        f'judge = Judge(settings={{"base_url": "{ZHIPU_URL}", "model": "gpt-4o-mini"}})\n'
    )
    assert migrate(registry, text).after == (
        "from evalkit import Judge\n\njudge = Judge(\n"
        f'    settings={{"base_url": "{ZHIPU_URL}", "model": "glm-4-air-250414"}}\n)\n'
    )


def test_a_url_left_with_its_key_leaves_the_model_too(registry):
    text = (
        "from evalkit import Judge\n\n"
        "judge = Judge(\n    settings={\n"
        '        "api_base": "https://api.openai.com/v1",\n'
        '        "api_key": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD",\n'
        '        "model": "gpt-4o-mini",\n    },\n)\n'
    )
    assert [(rule, line, fix) for rule, line, fix, _ in findings(registry, text)] == [
        ("ML402", 5, FixClass.MANUAL),
        ("ML206", 7, FixClass.MANUAL),
    ]
    assert migrate(registry, text).after == text


def test_without_a_url_the_model_stays_the_librarys(registry):
    text = (
        "from evalkit import Judge\n\n"
        'judge = Judge(judge_params={"model": "gpt-4o-mini", "threshold": 0.5})\n'
    )
    assert findings(registry, text) == [
        (
            "ML206",
            3,
            FixClass.MANUAL,
            "judge_params['model']='gpt-4o-mini' goes to Judge(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Zhipu AI (GLM), use a Zhipu AI (GLM) model "
            "there (the model table says 'glm-4-air-250414')",
        )
    ]
