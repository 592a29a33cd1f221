"""Whether a module needs an openai release taking `max_completion_tokens=`
(`RunFacts.token_limit_named`): the second reading of the modules the screening flagged
(`run_facts.NAMES_TOKEN_LIMIT`, a byte test that also takes a parameter's default,
`def __init__(self, max_tokens=10000)`, and litellm's keywords), with ML112's own judgment:
a request the project's openai SDK sends that apply renames to `max_completion_tokens=`
(its finding's `openai_requires`) or that already gives it. A litellm call is not one:
litellm sends its requests with the openai release it requires itself
(`RoutedRequest.litellm`), whatever it is given (gpt-migrate's `completion(...,
max_tokens=self.max_tokens)` beside `litellm==0.1.213`, which needs openai<1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# larger modules keep the screening's verdict: their second reading would cost too much
MAX_BYTES = 512 * 1024


def needs_completion_tokens(module: str, data: bytes, rules: RuleContext) -> bool:
    """Whether ML112, run with `rules`, renames max_tokens= to max_completion_tokens= in a
    request the openai SDK sends in the module `module` (its bytes `data`), or such a request
    already gives max_completion_tokens=. True where the module cannot be read or parsed, or
    is too large: the screening said it may."""
    if len(data) > MAX_BYTES:
        return True
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return True
    with cst_context(read[0], rules, module) as ctx:
        if ctx is None:
            return True
        from migrate_llm.rules.compat import MaxTokensParameter
        from migrate_llm.rules.python import dispatch

        rule = MaxTokensParameter(ctx)
        dispatch(ctx, [rule])
        findings = rule.findings
        return rule.sdk_sends_completion_tokens or any(
            "openai_requires" in (f.data or {}) for f in findings
        )
