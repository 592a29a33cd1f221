"""A request in a method that subclasses of the module inherit while giving the client other
base URLs (pdf2zh's `OpenAITranslator.do_translate`, run by its DeepSeek, Groq, Gemini...
subclasses, each handing `super().__init__` a base URL of its own): an argument written there
for the provider goes to all of their servers too."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.framework_classes import first_keyword
from migrate_llm.rules.python_context import PythonContext, last_name, super_init


@dataclass(frozen=True)
class SharedMethod:
    """The method holding a request (`Class.method`) and the subclasses of the module that
    run it with a base URL of their own, in the order of the text."""

    method: str
    owner: str
    heirs: tuple[str, ...]


def shared_method(ctx: PythonContext, call: cst.Call) -> SharedMethod | None:
    """The method holding `call` where subclasses of the module inherit it (none of them or
    of the classes between overrides it) and hand `super().__init__` a base URL that is not
    the target's (`base_url=` of `sdk.PASSED_URL_KEYWORDS`, any value but None: the
    provider's URL written there is theirs already). None otherwise."""
    from migrate_llm.rules.clients import endpoint_of_value  # it imports the rules' helpers

    parents = ctx.ancestors(call)
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if function is None or len(parents) < 3:
        return None
    at = parents.index(function)
    owner = parents[at - 2] if at >= 2 else None
    if not isinstance(owner, cst.ClassDef):
        return None
    name = function.name.value
    classes = [n for n in ctx.module.body if isinstance(n, cst.ClassDef)]
    inheriting = {owner.name.value}
    heirs: list[str] = []
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name.value in inheriting or not any(
                last_name(b.value) in inheriting for b in cls.bases
            ):
                continue
            if _defines(cls, name):
                continue
            inheriting.add(cls.name.value)
            changed = True
            url = _url_given(cls)
            target = ctx.rules.provider
            if url is None or (isinstance(url, cst.Name) and url.value == "None"):
                continue
            found = endpoint_of_value(ctx, url).provider
            if target is not None and found is not None and found.id == target.id:
                continue  # pointed at the target already
            heirs.append(cls.name.value)
    if not heirs:
        return None
    order = {c.name.value: i for i, c in enumerate(classes)}
    heirs.sort(key=order.__getitem__)
    return SharedMethod(f"{owner.name.value}.{name}", owner.name.value, tuple(heirs))


def _defines(cls: cst.ClassDef, name: str) -> bool:
    return any(isinstance(s, cst.FunctionDef) and s.name.value == name for s in cls.body.body)


def _url_given(cls: cst.ClassDef) -> cst.BaseExpression | None:
    """The base URL a class's `__init__` hands `super().__init__(...)` by keyword, if any."""
    init = next(
        (s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
        None,
    )
    if init is None:
        return None
    found: list[cst.BaseExpression] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if super_init(node):
                arg = first_keyword(node, sdk.PASSED_URL_KEYWORDS)
                if arg is not None:
                    found.append(arg.value)

    init.visit(Calls())
    return found[0] if found else None
