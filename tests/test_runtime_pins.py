"""Installs of openai<1 a program runs itself (ML509, t52g D6): gptcache's
`_check_library("openai", package="openai==0.28.1")` installed openai 0.28.1 where openai was
missing, and the migrated `openai.OpenAI(...)` then failed; no requirements file held the pin."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

INSTALLS = """import subprocess
import sys


def import_openai():
    subprocess.check_call("pip install -q openai==0.28.1", shell=True)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "openai<1"])
    _check_library("openai", package="openai==0.28.1")
    subprocess.check_call("pip install -q 'openai>=1' tiktoken", shell=True)
    print("openai 0.28 is no longer needed")
"""


def ml508(registry, text: str, path: str = "app.py") -> list[tuple[int, str, str]]:
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_python(text, ctx, PYTHON_RULES, path=path)
    return [(f.line, f.fix.value, f.message) for f in found if f.rule == "ML509"]


def _said(requirement: str, what: str) -> str:
    return (
        f"{requirement} pins the pre-1.0 SDK; migrated code needs openai>=1, and this code asks "
        f"for it at run time ({what}): make it install openai>=1"
    )


def test_a_pip_command_or_a_requirement_pinning_openai_0_is_reported(registry):
    assert ml508(registry, INSTALLS) == [
        (6, "manual", _said("openai==0.28.1", "a pip command")),
        (7, "manual", _said("openai<1", "a requirement")),
        (8, "manual", _said("openai==0.28.1", "a requirement")),
    ]


def test_setup_py_is_left_to_ml504(registry):
    assert ml508(registry, 'setup(install_requires=["openai==0.28.1"])\n', "setup.py") == []
