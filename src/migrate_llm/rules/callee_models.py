"""Whether the project's own function or class a test calls sends a value it is given as a
model (ML205, ML206).

A test's `pkg.Bot(model="gpt-3.5-turbo-0125")` was test data (ML205's note, check green), yet
`Bot.__init__` hands its `model` to `ChatOpenAI(model_name=model)`, which apply points at the
provider: the test sent OpenAI's model there (t68c, ChemCrow's `ChemCrow(model=...)`). What a
test hands a parameter that its callee passes on as a model keyword (`model=`, `model_name=`:
the parameter itself, or handed on to a function of that module that does) is sent, as
outside tests. One stored first (`self.model = model`, read by a method) is not followed: it
stays test data. Nor is one given to a tokenizer (`tiktoken.encoding_for_model(model_name=
model)`) or to a client of a server of the program's own (`base_url="http://localhost:8000/
v1"`), which apply leaves. The callee is the module's own, or found by its import in another
module of the project (`callee_keys.callee_found`: a package re-exporting it too), that
module read again once; every module of such a project keys its cached results
(`callee_stamps`).
"""

from __future__ import annotations

import os

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import tokenizers
from migrate_llm.reread import cst_context, module_text
from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.callee_keys import callee_found
from migrate_llm.rules.filled_callees import top_function
from migrate_llm.rules.model_names import model_like
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import MODULE_LIMIT

# whether a callee's parameter is sent as a model, by its file's stamp, callee and parameter
_memo: dict[tuple[object, ...], bool] = {}


def sends_as_model(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether the project's own function or class `call` calls passes the value `arg` gives
    it on as a model keyword (see the module's docstring)."""
    if arg.star:
        return False
    found = parameter_for(ctx, call, arg)
    if found is not None:
        function, param = found
        return _sent(ctx, function, param.name.value)
    there = callee_found(ctx, call)
    if there is None:
        return False
    path, _root, name, method = there
    index = next((i for i, a in enumerate(call.args) if a is arg), None)
    if arg.keyword is None and (
        index is None or any(a.keyword is not None or a.star for a in call.args[:index])
    ):
        return False
    given: str | int = arg.keyword.value if arg.keyword is not None else int(index or 0)
    try:
        status = os.stat(path)
    except OSError:
        return False
    key = (path, status.st_mtime_ns, status.st_size, name, method, given)
    if key not in _memo:
        _memo[key] = _sent_there(ctx, path, name, method, given)
    return _memo[key]


def _sent_there(
    ctx: PythonContext, path: str, name: str, method: str | None, given: str | int
) -> bool:
    """`sends_as_model` for the callee `name` (its `method`) of the module at `path`, its
    parameter by keyword or position (after `self` for a class)."""
    with cst_context(module_text(path, MODULE_LIMIT), ctx.rules, path) as there:
        if there is None:
            return False
        function = top_function(there.module, name, method)
        if function is None:
            return False
        owner = next(
            (s for s in there.module.body if isinstance(s, cst.ClassDef) and s.name.value == name),
            None,
        )
        params = function.params
        if isinstance(given, str):
            named = (*params.params, *params.kwonly_params)
            param = next((p for p in named if p.name.value == given), None)
        else:
            positional = [*params.posonly_params, *params.params][int(owner is not None) :]
            param = positional[given] if given < len(positional) else None
        return param is not None and _sent(there, function, param.name.value)


def _sent(ctx: PythonContext, function: cst.FunctionDef, param: str, depth: int = 3) -> bool:
    """Whether `function` (of the module `ctx` reads) gives its parameter `param` as a model
    keyword of a call, itself or handed on as it is to a top-level function of the module
    that does (ChemCrow's `_make_llm(model, ...)`), `depth` functions deep. Not a request of
    the openai SDK: where that goes is ML204's to tell (its own server's: left)."""
    module = ctx.module
    defined = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    handed: list[tuple[cst.FunctionDef, str]] = []
    found: list[bool] = []

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            callee = defined.get(call.func.value) if isinstance(call.func, cst.Name) else None
            params = [*callee.params.posonly_params, *callee.params.params] if callee else []
            for index, arg in enumerate(call.args):
                if not (isinstance(arg.value, cst.Name) and arg.value.value == param):
                    continue
                keyword = arg.keyword.value if arg.keyword is not None else None
                if model_like(keyword):
                    if not _openai_request(ctx, call) and not _not_sent_on(ctx, call):
                        found.append(True)
                elif callee is not None and callee is not function and not arg.star:
                    if keyword is not None:
                        handed.append((callee, keyword))
                    elif index < len(params) and not any(a.keyword for a in call.args[:index]):
                        handed.append((callee, params[index].name.value))

    function.body.visit(_Calls())
    if found:
        return True
    return depth > 1 and any(_sent(ctx, f, p, depth - 1) for f, p in handed)


def _openai_request(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is a request of the openai SDK (a client's, the module client's:
    `openai.chat.completions.create`) or one shaped so through another server's client."""
    if ctx.sdk_call(call) is not None or ctx.through_elsewhere_client(call):
        return True
    return any(name.startswith("openai.") for name in ctx.qualnames(call.func))


def _not_sent_on(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the model `call` is given goes nowhere apply points at the provider: a
    tokenizer's (`tiktoken.encoding_for_model(model_name=...)`, `tokenizers.CALLS`: ML207's
    to tell), or a client of a server of the program's own (`ChatOpenAI(model_name=...,
    base_url="http://localhost:8000/v1")`, which ML601 leaves: `own_server_detail`)."""
    from migrate_llm.rules.own_server_models import own_server_detail  # it imports rules

    names = ctx.qualnames(call.func)
    if names & sdk.TIKTOKEN_LOADERS or any(t.takes(n) for t in tokenizers.CALLS for n in names):
        return True
    return own_server_detail(ctx, call) is not None
