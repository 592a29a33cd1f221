"""Calls of the project's own code handed the base URL of another service, and the models
they are handed with it.

DB-GPT's AI/ML API client (t64b) derives from the project's OpenAI client class and hands it
`super().__init__(api_base=api_base, model=model, ...)` after `api_base = api_base or
os.getenv("AIMLAPI_API_BASE") or "https://api.aimlapi.com/v1"`: every request of that class
goes to the aggregator, which serves OpenAI's models under their names, so the model it is
handed (`_AIMLAPI_DEFAULT_MODEL = "gpt-4o"`, its parameter defaults and fallbacks) is that
service's. apply leaves the URL and the key; ML204 had mapped the model, and the aggregator
got `glm-5.3`.

A URL counts only where the module shows it is another service's whatever the value
(`clients.endpoint_of_value`: another provider's, or a server's the module names, decided
before any fallback of OpenAI's) and the call is not an OpenAI SDK construction (those are
ML003's, `PythonContext.elsewhere_client`)."""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext


def elsewhere_url(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call`, not an OpenAI SDK client construction nor request, is handed a base URL
    (`base_url=`, `api_base=`...) the module shows is always another service's."""
    from migrate_llm.rules.clients import endpoint_of_value  # the rules build on this module

    if ctx.sdk_call(call) is not None or ctx.constructed_client(call) is not None:
        return False
    target = ctx.rules.provider
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value not in sdk.PASSED_URL_KEYWORDS:
            continue
        endpoint = endpoint_of_value(ctx, arg.value)
        if endpoint.kind == "custom" and endpoint.detail:
            return True
        if endpoint.kind == "provider" and endpoint.provider is not None:
            return target is None or endpoint.provider.id != target.id
    return False


def elsewhere_classes(ctx: PythonContext) -> frozenset[int]:
    """The classes of the module (by node id) one of whose methods hands another service's
    base URL to a call of the project's code (`elsewhere_url`: `super().__init__(api_base=
    ..., model=...)`), found once per module."""
    found = ctx.analyses.get(elsewhere_classes)
    if found is None:
        classes = set()
        for node in ctx.nodes:
            if type(node) is cst.Call and elsewhere_url(ctx, node):
                owner = next(
                    (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.ClassDef)),
                    None,
                )
                if owner is not None:
                    classes.add(id(owner))
        found = ctx.analyses[elsewhere_classes] = frozenset(classes)
    return cast("frozenset[int]", found)


def read_only_elsewhere(ctx: PythonContext, target: cst.Name) -> bool:
    """Whether every read of the module constant `target` stands in a class of
    `elsewhere_classes` (a parameter's default, a fallback, the model handed on): the
    constant is the model of that other service."""
    classes = elsewhere_classes(ctx)
    if not classes:
        return False
    reads = [
        access.node
        for assignment in ctx.bindings(target)
        for access in getattr(assignment, "references", ())
    ]
    return bool(reads) and all(
        any(isinstance(a, cst.ClassDef) and id(a) in classes for a in ctx.ancestors(read))
        for read in reads
    )


def beside_elsewhere_class(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` stands in the arguments of a call also handed a class of
    `elsewhere_classes` by name, at any depth (DB-GPT's `register_proxy_model_adapter(
    AimlapiLLMClient, supported_models=[ModelMetadata(model=["gpt-4o-mini"])])`): the models
    that class's service serves, its catalogue, not a check of the program's models."""
    classes = elsewhere_classes(ctx)
    if not classes:
        return False
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return False
        if not isinstance(parent, cst.Call):
            continue
        for arg in parent.args:
            if isinstance(arg.value, cst.Name) and any(
                id(getattr(b, "node", None)) in classes for b in ctx.bindings(arg.value)
            ):
                return True
    return False
