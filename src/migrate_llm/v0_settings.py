"""Where a project's modules set openai<1's settings, for the modules whose openai<1 requests
`apply` leaves on openai<1 (`rules.v0_libraries.v0_pointed`).

openai<1 sends every request of the process with `openai.api_key` and `openai.api_base`,
wherever they were set. The review of session 63 (r2 t5) had config.py set both from
DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL and chat.py, importing it, call
`openai.ChatCompletion.create(model="gpt-4")`: judged by chat.py alone, the request was said
to go to OpenAI and its model left. So the modules setting openai's configuration
(`SETS_OPENAI`) are read again where the run switches provider and the project may keep
openai<1 code, and what each sets goes into the project's facts (`RunFacts.v0_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# a module larger than this is not read again
MAX_BYTES = 512 * 1024


class V0Setting(NamedTuple):
    """A module (`module`: as `PythonContext.path` names it; `shown`: as messages show it)
    setting `openai.api_key` or `openai.api_base`, `pointed` where it sets both from the
    provider's variables, every assignment of each (`rules.v0_libraries.v0_settings_of`)."""

    module: str
    shown: str
    pointed: bool


def v0_settings(module: str, shown: str, data: bytes, rules: RuleContext) -> list[V0Setting]:
    """What a module's bytes set of openai<1's key and base URL; nothing where it sets
    neither or cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return []
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return []

    from migrate_llm.rules.v0_libraries import v0_settings_of

    with cst_context(read[0], rules, module) as ctx:
        if ctx is None:
            return []
        pointed = v0_settings_of(ctx, rules.provider)
        return [] if pointed is None else [V0Setting(module, shown, pointed)]
