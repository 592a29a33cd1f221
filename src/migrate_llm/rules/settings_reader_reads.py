"""The provider's key or base URL read with the settings reader a program used for OpenAI's.

python-decouple's `config("OPENAI_API_KEY")` reads the process environment, then the `.env`
it finds, which it never exports (`openai_sdk.SETTINGS_READERS`). A client given such a read,
rewritten with `os.environ.get("DEEPSEEK_API_KEY", "unset")`, no longer saw a key kept in
`.env` (review of t66d's change): the read apply writes in place of any settings reader's read
in a key or base-URL slot is the same reader's, of the provider's variable
(`config("DEEPSEEK_API_KEY")`). Which variables ML401 renames (`env_roles`) decides only
whether the variable is renamed there or the slot's read replaced, never the reader: a slot's
`config("MY_OPENAI_PROXY_KEY")` read its key from `.env` too (review r1 t7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.code_templates import UNSET_KEY, literal
from migrate_llm.rules.python_context import string_value
from migrate_llm.secrets import find_secrets

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext


def reader_read(
    ctx: PythonContext,
    value: cst.BaseExpression | None,
    variable: str,
    url: str | None = None,
    tolerant: bool = False,
) -> str | None:
    """`value`, a settings reader's read in a key slot (`config("OPENAI_API_KEY")`; a base
    URL's where `url` is given), written to read the provider's `variable` with the same
    reader: its `cast=` kept; a base URL's default the provider's URL; a key's
    default kept where it holds no key, else, where the read must not raise (`tolerant`: it
    runs at import), `default="unset"` as `key_expr`'s `os.environ.get` has (decouple raises
    for an unset variable without one, review r1 t1b). None where `value` is no such read."""
    if not isinstance(value, cst.Call) or not ctx.qualnames(value.func) & sdk.SETTINGS_READERS:
        return None
    args = list(value.args)
    positional = [a for a in args if a.keyword is None]
    if not args or args[0].keyword is not None or len(positional) > 2 or any(a.star for a in args):
        return None
    written = [literal(variable)]
    given = next((a for a in args[1:] if a.keyword is None or a.keyword.value == "default"), None)
    default = None if given is None else given.value
    # as written, by keyword or by position; none written, by position as ML401's rename of
    # the read inside the same call writes it (one engine pass takes the outer edit)
    by_name = "default=" if given is not None and given.keyword is not None else ""
    if url is not None:
        written.append(f"{by_name}{literal(url)}")
    elif default is not None and not find_secrets(string_value(default) or ""):
        written.append(f"{by_name}{ctx.code(default)}")
    elif tolerant:
        written.append(f"default={literal(UNSET_KEY)}")
    written += [
        f"{a.keyword.value}={ctx.code(a.value)}"
        for a in args[1:]
        if a.keyword is not None and a.keyword.value != "default"
    ]
    return f"{ctx.code(value.func)}({', '.join(written)})"
