"""The texts a key prompt of one of the module's functions is given by that function's
callers, through its parameters: self-operating-computer's `require_api_key(
"OPENAI_API_KEY", "OpenAI API key", ...)` hands its description on to `prompt_and_save_api_key(
key_name, key_description)`, whose `input_dialog(text=f"Please enter your {key_description}:")`
asks for the key (t54a D1: renamed to the provider's variable by hand, the dialog still asked
for the OpenAI key, and the key typed there went to Qwen)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.call_parameters import called_function, parameter_for
from migrate_llm.rules.key_prompts import prompt_text
from migrate_llm.rules.python_context import PythonContext, string_value

# how many functions a text is followed back through
_MAX_DEPTH = 4


@dataclass(frozen=True)
class ForwardedText:
    """A string literal (`node`) that reaches a prompt's text as a parameter's value, and the
    calls handing it on to the prompt's function (`calls`, the one holding it first)."""

    node: cst.SimpleString
    calls: tuple[cst.Call, ...]

    def beside(self, variable: str) -> bool:
        """Whether one of `calls` is also given the string `variable` (the key variable the
        answer is stored in: `require_api_key("DASHSCOPE_API_KEY", "OpenAI API key")`)."""
        return any(string_value(arg.value) == variable for call in self.calls for arg in call.args)


def forwarded_texts(ctx: PythonContext, prompt: cst.Call) -> list[ForwardedText]:
    """The string literals the module's calls give `prompt`'s text through the parameters of
    the functions holding it (`f"Please enter your {key_description}:"`), also handed on
    from function to function as they are; in the order of the text."""
    text = prompt_text(ctx, prompt)
    if text is None:
        return []
    found = [t for name in _names(ctx, text) for t in _given(ctx, name, (), _MAX_DEPTH)]
    unique = {id(t.node): t for t in reversed(found)}
    return sorted(unique.values(), key=lambda t: ctx.span(t.node).start)


def _names(ctx: PythonContext, node: cst.CSTNode) -> Iterator[cst.Name]:
    i = ctx.index_of(node)
    for current in ctx.nodes[i : ctx.ends[i]]:
        if isinstance(current, cst.Name):
            yield current


def _given(
    ctx: PythonContext, name: cst.Name, calls: tuple[cst.Call, ...], depth: int
) -> Iterator[ForwardedText]:
    """What the callers give the parameter `name` reads, where it reads only a parameter."""
    bound = ctx.bindings(name)
    if depth <= 0 or len(bound) != 1 or not isinstance(bound[0], Assignment):
        return
    param = bound[0].node
    if not isinstance(param, cst.Param):
        return
    for call in _callers(ctx, param):
        for arg in call.args:
            found = parameter_for(ctx, call, arg)
            if found is None or found[1] is not param:
                continue
            chain = (call, *calls)
            if isinstance(arg.value, cst.SimpleString):
                yield ForwardedText(arg.value, chain)
            elif isinstance(arg.value, cst.Name):
                yield from _given(ctx, arg.value, chain, depth - 1)


def _callers(ctx: PythonContext, param: cst.Param) -> list[cst.Call]:
    """The module's calls of the function `param` is a parameter of."""
    function = next(
        (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
    )
    if function is None:
        return []
    return [
        node
        for node in ctx.nodes
        if isinstance(node, cst.Call)
        and (called := called_function(ctx, node)) is not None
        and called[0] is function
    ]
