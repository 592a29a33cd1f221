"""OpenAI's base-URL variables a module itself points at a server of its own.

FastChat's tests/test_openai_langchain.py (t62a) sets `os.environ["OPENAI_API_BASE"] =
"http://localhost:8000/v1"` and `os.environ["OPENAI_API_KEY"] = "empty"` in its
`if __name__ == "__main__":` block, then builds LangChain's `ChatOpenAI()` and
`OpenAIEmbeddings()`, which read those variables: they talk to that server, as a class given
that URL does (ML003, ML601 leave it). Pointed at the provider, the tests' requests went to
Zhipu, and the stand-in key was written into ZAI_API_KEY, over the user's key in-process.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.clients import classify_url
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.python_context import PythonContext, names_main, string_value


@dataclass(frozen=True)
class OwnServerEnv:
    """The write pointing a base-URL variable at a server of the program's own: the
    variable, the URL and the line of the write."""

    variable: str
    url: str
    line: int

    def words(self, ctx: PythonContext) -> str:
        """How a message names it: `http://localhost:8000/v1 (OPENAI_API_BASE, which the
        module sets on line 18)`."""
        return f"{self.url} ({self.variable}, which the module sets on {ctx.line_label(self.line)})"


def own_server_env(ctx: PythonContext, variables: tuple[str, ...]) -> OwnServerEnv | None:
    """The first write of one of `variables` where every write the module makes of them
    stores a URL it shows that is neither OpenAI's nor a provider's (`classify_url`'s
    "custom", as ML003 reads `OpenAI(base_url="http://localhost:8000/v1")`), one of them made
    whatever path the program takes: at the module's top level or in the body of its `if
    __name__ == "__main__":`. None otherwise (a URL the program computes, another written
    under a test or in a function, no write)."""
    if not variables:
        return None
    found: OwnServerEnv | None = None
    plain = False
    for access in env_names(ctx).accesses:
        if access.kind != "write" or not access.names & set(variables):
            continue
        url = string_value(access.value) if access.value is not None else None
        if url is None or len(access.names) != 1 or classify_url(ctx, url).kind != "custom":
            return None
        variable = next(iter(access.names))
        if found is None:
            line = ctx.position(access.node)[0][0]
            found = OwnServerEnv(variable, url, line)
        plain = plain or _always_runs(ctx, access.node)
    return found if plain else None


def _always_runs(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether the statement holding `node` stands at the module's top level or in the body
    of a top-level `if __name__ == "__main__":` (not under another test, nor in a function)."""
    chain = (*ctx.ancestors(node), node)
    if len(chain) > 1 and isinstance(chain[1], cst.SimpleStatementLine):
        return True
    return (
        len(chain) > 3
        and isinstance(chain[1], cst.If)
        and names_main(chain[1].test)
        and chain[2] is chain[1].body
        and isinstance(chain[3], cst.SimpleStatementLine)
    )
