"""ML509: a pip install of the pre-1.0 openai SDK that the program runs itself."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.dependency_pin import pins_legacy
from migrate_llm.rules.notebook_magics import OPENAI_REQUIREMENT, PIP_LINE
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import string_value

# a string that is one requirement of openai and nothing else (`"openai==0.28.1"`)
_REQUIREMENT = re.compile(r"\s*" + OPENAI_REQUIREMENT.pattern + r"\s*")
_INSTALL = re.compile(r"\binstall\b")


class RuntimePipPin(PythonRule):
    """A pip install of the pre-1.0 openai SDK that the program runs itself.

    ## What it does
    Finds string literals that pin openai<1 for an install made at run time: a pip command
    (`"pip install -q openai==0.28.1"`, run through `subprocess`), or a requirement alone
    (`"openai==0.28"`, `"openai<1"`), as handed to an installer (gptcache's
    `_check_library("openai", package="openai==0.28.1")`, a `[sys.executable, "-m", "pip",
    "install", "openai==0.28"]` list). The specifiers are those ML504 reads. Not in `setup.py`,
    whose requirements are ML504's.

    ## Why
    Where openai is missing, the program installs openai<1, and the migrated code (the v1
    client) fails with `AttributeError: module 'openai' has no attribute 'OpenAI'`.

    ## Fix (manual)
    Make that install ask for `openai>=1`. `apply` leaves it: where the string goes (a shell,
    an argument list, a message) decides how `>=` must be quoted.
    """

    code = "ML509"
    name = "runtime-pip-pin"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import subprocess\n\n"
            'subprocess.check_call("pip install -q openai==0.28.1", shell=True)\n',
            provider="acme",
            message="openai==0.28.1 pins the pre-1.0 SDK; migrated code needs openai>=1, and "
            "this code asks for it at run time (a pip command): make it install openai>=1",
        ),
        Example(
            'def import_openai():\n    _check_library("openai", package="openai==0.28.1")\n',
            message="openai==0.28.1 pins the pre-1.0 SDK; migrated code needs openai>=1, and "
            "this code asks for it at run time (a requirement): make it install openai>=1",
        ),
        Example(
            'PACKAGES = ["openai>=1", "tiktoken"]\nprint("needs openai==0.28 or older")\n',
            finds=False,
        ),
    )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        self._string(node)
        return False

    def _string(self, node: cst.SimpleString | cst.ConcatenatedString) -> None:
        if self.ctx.path.rsplit("/", 1)[-1] == "setup.py":
            return
        value = string_value(node)
        if value is None or "openai" not in value:
            return
        whole = _REQUIREMENT.fullmatch(value)
        if whole is not None:  # a requirement alone (a message would name it in words)
            self._report(node, whole, "a requirement")
            return
        if not PIP_LINE.match(value) or not _INSTALL.search(value):
            return
        for match in OPENAI_REQUIREMENT.finditer(value):
            self._report(node, match, "a pip command")

    def _report(self, node: cst.CSTNode, match: re.Match[str], what: str) -> None:
        spec = match.group("spec")
        if not pins_legacy(spec):
            return
        requirement = f"openai{match.group('extras') or ''}{spec}"
        self.report(
            node,
            f"{requirement} pins the pre-1.0 SDK; migrated code needs openai>=1, and this code "
            f"asks for it at run time ({what}): make it install openai>=1",
            fix=FixClass.MANUAL,
            data={"package": "openai", "pin_from": spec},
        )


RUNTIME_PIN_RULES = (RuntimePipPin,)
