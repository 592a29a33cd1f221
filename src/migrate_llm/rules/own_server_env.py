"""OpenAI's base-URL variables a module itself points at a server of its own.

FastChat's tests/test_openai_langchain.py (t62a) sets `os.environ["OPENAI_API_BASE"] =
"http://localhost:8000/v1"` and `os.environ["OPENAI_API_KEY"] = "empty"` in its
`if __name__ == "__main__":` block, then builds LangChain's `ChatOpenAI()` and
`OpenAIEmbeddings()` (in a function it calls), which read those variables when built:
they talk to that server, as a class given that URL does (ML003, ML601 leave it). Pointed
at the provider, the tests' requests went to Zhipu, and the stand-in key was written into
ZAI_API_KEY, over the user's key in-process.
Only a write that runs before the class is built counts (the review of session 62): a class
built first, or in a function while the write is only under `__main__` (FastChat's own
`test_chain()`, which pytest calls without it), reaches OpenAI; a class built in a function
the module calls only after the write counts (`_runs_before_callers`: `def make(): return
ChatOpenAI()` above the write and `llm = make()`, which that review's fix had moved to Zhipu).
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


def own_server_env(
    ctx: PythonContext, variables: tuple[str, ...], call: cst.CSTNode
) -> OwnServerEnv | None:
    """The first write of one of `variables` that runs before `call` builds the class reading
    them (`_runs_before`), where every write the module makes of them stores a URL it shows
    that is neither OpenAI's nor a provider's (`classify_url`'s "custom", as ML003 reads
    `OpenAI(base_url="http://localhost:8000/v1")`). None otherwise (a URL the program
    computes, a write that may come after the class is built, or not at all, no write):
    the class reads the variable when it is built (langchain-openai)."""
    if not variables:
        return None
    found: OwnServerEnv | None = None
    for access in env_names(ctx).accesses:
        if access.kind != "write" or not access.names & set(variables):
            continue
        url = string_value(access.value) if access.value is not None else None
        if url is None or len(access.names) != 1 or classify_url(ctx, url).kind != "custom":
            return None
        if found is None and _runs_before(ctx, access.node, call):
            line = ctx.position(access.node)[0][0]
            found = OwnServerEnv(next(iter(access.names)), url, line)
    return found


def _runs_before(ctx: PythonContext, write: cst.CSTNode, call: cst.CSTNode) -> bool:
    """Whether the statement holding `write` runs, whatever path the program takes, before
    `call`: a statement of the module's top level written before it (wherever the call
    is: a function defined below it is called after it ran); one of the body of a top-level
    `if __name__ == "__main__":` written before a call in that body, not in a function (a
    function of the module another module imports, or pytest calls, runs without it); one
    of a function's own body written before a call in that function, not in a function of
    its own."""
    chain = (*ctx.ancestors(write), write)
    calls = ctx.ancestors(call)
    if ctx.position(write)[0] >= ctx.position(call)[0]:
        return _runs_before_callers(ctx, chain, calls)
    if len(chain) > 1 and isinstance(chain[1], cst.SimpleStatementLine):
        return True  # the module's top level
    functions = [n for n in calls if isinstance(n, cst.FunctionDef | cst.Lambda)]
    if _in_main_block(chain):
        return not functions and len(calls) > 2 and calls[1] is chain[1] and calls[2] is chain[2]
    inner = [i for i, n in enumerate(chain) if isinstance(n, cst.FunctionDef | cst.Lambda)]
    if not inner or not functions:
        return False
    at = inner[-1]
    own = chain[at]
    return (
        isinstance(own, cst.FunctionDef)
        and len(chain) > at + 2
        and chain[at + 1] is own.body
        and isinstance(chain[at + 2], cst.SimpleStatementLine)
        and functions[-1] is own
    )


def _in_main_block(chain: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the statement `chain` leads to (the module down to it) stands directly in the
    body of the module's `if __name__ == "__main__":`."""
    return (
        len(chain) > 3
        and isinstance(chain[1], cst.If)
        and names_main(chain[1].test)
        and chain[2] is chain[1].body
        and isinstance(chain[3], cst.SimpleStatementLine)
    )


def _runs_before_callers(
    ctx: PythonContext, chain: tuple[cst.CSTNode, ...], calls: tuple[cst.CSTNode, ...]
) -> bool:
    """Whether a write written after the call (`chain`: the module down to it) runs before
    it all the same: the call is in a function of the module's top level (`calls`: its
    ancestors; not a method, nor in a function of its own) that the module calls, and only
    where the write ran first. Written at the top level, every call of the function
    must be written after it, outside any function (`def make(): return ChatOpenAI()`
    above `os.environ[...] = URL` and `llm = make()`: a module importing it ran the write
    too). Written in `if __name__ == "__main__":`, every call must follow it in that block,
    and the function be its `main()`: one of another name (`make()`) is the kind another
    module imports and calls without the write. Not a `test_*` function (pytest calls it),
    nor one the module never calls, or names otherwise than by calling it (callers
    elsewhere may skip the write)."""
    if len(calls) < 2 or not isinstance(calls[1], cst.FunctionDef):
        return False
    function = calls[1]
    if any(isinstance(n, cst.FunctionDef | cst.Lambda | cst.ClassDef) for n in calls[2:]):
        return False
    name = function.name.value
    if name.startswith("test_"):
        return False
    if len(chain) > 1 and isinstance(chain[1], cst.SimpleStatementLine):
        block: cst.CSTNode | None = None
    elif _in_main_block(chain) and name == "main":
        block = chain[2]
    else:
        return False
    after = ctx.position(chain[-1])[1]
    called = False
    for node in ctx.nodes:
        if not isinstance(node, cst.Name) or node.value != name or node is function.name:
            continue
        above = ctx.ancestors(node)
        if not (isinstance(above[-1], cst.Call) and above[-1].func is node):
            return False  # handed on, bound or shadowed: may be called without the write
        if any(isinstance(n, cst.FunctionDef | cst.Lambda | cst.ClassDef) for n in above):
            return False
        if block is not None and block not in above:
            return False
        if ctx.position(node)[0] <= after:
            return False
        called = True
    return called
