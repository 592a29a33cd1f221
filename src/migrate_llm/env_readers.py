"""The reads of OpenAI's key and base-URL variables in a project's Python modules, each with
whether apply switches it to the provider's variable (`RunFacts.env_readers`): ML501 renames
such a variable's line in a .env file only where every read of it is switched, or nothing
reads it, so that the file and the code name the same variable after apply (t66d kotaemon's
`config("OPENAI_API_KEY")` kept with OpenAI's URL, t66c MindSearch's models.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# the variables a .env file's lines ML501 renames set (`dotenv_plan`)
VARIABLES = sdk.KEY_ENV_VARS | frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE"})
# a settings class's field reads its variable by the lower-case name too (pydantic-settings)
_NEEDLES = tuple(spelt.encode() for name in VARIABLES for spelt in (name, name.lower()))
# how ML401's findings name the variable read (`reads OPENAI_API_KEY, ...`, `names
# OPENAI_API_KEY, but the module does not show how it is used`, `settings field
# Settings.openai_api_key reads OPENAI_API_KEY; ...`); not its name in a message. Anywhere in
# the message: a finding read for a variable it does not read only leaves a line unrenamed
_READ = re.compile(r"(?:reads|names) ([A-Z][A-Z0-9_]*)\b(?! in a message)")
# larger modules are not read again: their reads tell nothing (a cost bound, as `key_left`'s)
MAX_BYTES = 512 * 1024


class EnvReader(NamedTuple):
    """A read of `variable` at `where` (module as shown:line), `switched` where ML401 makes
    it read the provider's variable."""

    variable: str
    where: str
    switched: bool


def may_read(data: bytes) -> bool:
    """Whether a module's bytes name one of `VARIABLES` (a byte test)."""
    return any(needle in data for needle in _NEEDLES)


def readers_of(module: str, shown: str, data: bytes, rules: RuleContext) -> list[EnvReader]:
    """The reads of `VARIABLES` in the module `module` (shown as `shown`, its bytes `data`)
    as ML401, run alone with `rules`, judges them: switched where its finding on the read
    carries an edit. None where the module cannot be parsed or is too large."""
    from migrate_llm.rules.env_reads import OpenAIEnvVar
    from migrate_llm.rules.python import check_python

    if len(data) > MAX_BYTES or not may_read(data):
        return []
    read = python_parsed(data)
    if read is None:
        return []
    try:
        findings = check_python(read[0], rules, (OpenAIEnvVar,), path=module)
    except Exception:
        return []
    found = []
    for finding in findings:
        match = _READ.search(finding.message)
        if match is None or match.group(1) not in VARIABLES:
            continue
        where = f"{shown}:{finding.line}"
        found.append(EnvReader(match.group(1), where, finding.edit is not None))
    return found


def left_readers(readers: frozenset[EnvReader], variable: str | None) -> list[str]:
    """Where the project's code keeps reading `variable` after apply (module:line, sorted)."""
    return sorted({r.where for r in readers if r.variable == variable and not r.switched})
