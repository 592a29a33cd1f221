"""A model string given to a parameter that the project hands on to litellm's model across
its modules (`RunFacts.litellm_model_params`): the default of such a parameter of a
top-level function or class (`class Agent: def __init__(self, model_name="gpt-4o")`), or the
argument a call of the project's own code in another module passes for one
(`Agent(model_name="kimi-k2.6")`).

swarms' Agent hands `model_name` to its LiteLLM class, which sends it to `litellm.completion`
(t65c R2, R4): litellm takes an OpenAI model (bare or `openai/`) to api.openai.com, and the
provider's model with no route not at all ("LLM Provider NOT provided"). ML204 writes the
former on the provider's route, ML640 reports the latter. The call's callee is what its
import names in full (`from pkg import agent` ... `agent.Agent(` is `pkg.agent.Agent`, not
the `Agent` pkg/__init__.py re-exports), resolved among the modules of the facts; an absolute
import names a module by its whole package chain (`core` is not backend/app/core/, which
Python imports as `app.core`): whether the .git directory is there does not matter.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.litellm_model_params import resolved_file
from migrate_llm.rules.project_calls import imported_target
from migrate_llm.rules.python_context import PythonContext


class Forwarded(NamedTuple):
    """The function or class `name` whose parameter `param` the string is given to: as its
    default (`module` empty), or by a call of it imported from `module`; `shared`: the
    parameter also reaches an OpenAI SDK request's model (`RunFacts.litellm_shared_params`)."""

    name: str
    param: str
    module: str = ""
    shared: bool = False

    def subject(self, value: str) -> str:
        """What a message calls the string: `default of model_name of Agent() = 'gpt-4o'`,
        `model_name='kimi-k2.6' of Agent() (the project's own code in agent)`."""
        if not self.module:
            return f"default of {self.param} of {self.name}() = {value!r}"
        return f"{self.param}={value!r} of {self.name}() (the project's own code in {self.module})"


def forwarded_param(ctx: PythonContext, node: cst.CSTNode) -> Forwarded | None:
    """Where `node` (a string) is given to a parameter in `RunFacts.litellm_model_params`, as
    its default or as a call's keyword argument (see the module's docstring); else None."""
    params = ctx.rules.facts.litellm_model_params
    if not params:
        return None
    parents = ctx.ancestors(node)
    if len(parents) < 2:
        return None
    holder = parents[-1]
    if isinstance(holder, cst.Param) and holder.default is node:
        shared = ctx.rules.facts.litellm_shared_params
        return _default_of(parents, holder.name.value, ctx.path, params, shared)
    call = parents[-2]
    if isinstance(holder, cst.Arg) and holder.keyword is not None and isinstance(call, cst.Call):
        target = imported_target(ctx, call.func)
        if target is None:
            return None
        dots = len(target) - len(target.lstrip("."))
        module, _, name = target[dots:].rpartition(".")
        module, param = target[:dots] + module, holder.keyword.value
        # the one module of the facts the import names, not another's class of that name
        packages = dict(ctx.rules.facts.litellm_param_packages)
        file = resolved_file(ctx.path, module, {m for m, _, _ in params}, packages)
        if not module or file is None or (file, name, param) not in params:
            return None
        held = ctx.rules.facts.litellm_shared_params
        return Forwarded(name, param, module, (file, name, param) in held)
    return None


def _default_of(
    parents: tuple[cst.CSTNode, ...],
    param: str,
    path: str,
    params: frozenset[tuple[str, str, str]],
    shared: frozenset[tuple[str, str, str]],
) -> Forwarded | None:
    """The parameter of a top-level function, or of a top-level class's `__init__`, of the
    module at `path`, in `params`, whose default the string is (`parents`: its ancestors,
    the Param last)."""
    function = parents[-3] if len(parents) >= 3 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    name = function.name.value
    if len(parents) == 4 and isinstance(parents[0], cst.Module):
        pass  # a top-level function
    elif (
        name == "__init__"
        and len(parents) == 6
        and isinstance(parents[-5], cst.ClassDef)
        and isinstance(parents[0], cst.Module)
    ):
        owner = parents[-5]
        assert isinstance(owner, cst.ClassDef)
        name = owner.name.value
    else:
        return None
    if (path, name, param) not in params:
        return None
    return Forwarded(name, param, shared=(path, name, param) in shared)


def openai_routed_model(value: str) -> str | None:
    """The OpenAI model of a string on litellm's openai route (`openai/o1` → `o1`), else
    None (whether it is OpenAI's is the caller's to ask)."""
    head, model = fw.route(value)
    return model if head == fw.OPENAI_PREFIX else None
