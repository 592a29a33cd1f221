"""OpenAI's base URL of a class whose only requests are raw HTTP to APIs the target lacks.

ragflow-like `OpenAITTS(key, model_name="tts-1", base_url="https://api.openai.com/v1")` hands
its base URL to a base class that posts `f"{self.base_url}/audio/speech"` with `requests`.
ML402 pointed the default and the `if not base_url:` fallback at DashScope, which serves no
audio, and the caller's OpenAI key went there (t68e), while ML204 said in the same run to keep
`tts-1` on OpenAI. As ML001 leaves an SDK client whose every request is to an API the target
does not serve (`unserved_clients.unserved_only`), ML402 leaves such a URL: where every use
of it in its class and the classes of the module it derives from or that derive from it
(review r5) is a URL built from it with a REST path (`f"{base}/audio/speech"`,
`base + "/audio/speech"`) of an API the provider file marks unserved (`[supports]`), passed
along to a name (`self.base_url = base_url.rstrip("/")`, `super().__init__(key, model_name,
base_url)`) or tested (`if not base_url:`).
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.rules.raw_http import rest_surface

# methods of a URL string that keep what it is (`base_url.rstrip("/")`)
_KEEPS_URL = frozenset({"rstrip", "strip"})


def unserved_base(ctx: PythonContext, url: cst.CSTNode) -> tuple[tuple[str, ...], int] | None:
    """The APIs (`[supports]` surfaces, in the order of the text) of the raw requests that
    OpenAI's URL `url` is the base of, and the line of the first, where it is the default
    of a parameter or the value of a name, and every use of that name in its class family
    is one the module's docstring lists, with at least one request, each to an API the
    target marks false; None otherwise."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return None
    name = _holder(ctx, url)
    classes = _family(ctx, url)
    if name is None or not classes:
        return None
    nodes = [n for n in ctx.nodes if any(c in ctx.ancestors(n) for c in classes)]
    carriers = _carriers(ctx, nodes, name)
    surfaces: list[str] = []
    line = 0
    for node in nodes:
        if _carried(node, carriers) is None or _bound(ctx, node):
            continue
        path = _built_path(ctx, node)
        if path is not None:
            surface = rest_surface(path)
            if surface is None or provider.support(surface) is not False:
                return None
            line = line or ctx.position(node)[0][0]
            if surface not in surfaces:
                surfaces.append(surface)
        elif not _passed_on(ctx, node, carriers):
            return None
    return (tuple(surfaces), line) if surfaces else None


def _carried(node: cst.CSTNode, carriers: set[str]) -> str | None:
    """The name `node` reads where it is a name or `self.` attribute of `carriers`."""
    if isinstance(node, cst.Name) and node.value in carriers:
        return node.value
    if isinstance(node, cst.Attribute) and self_attribute(node) and node.attr.value in carriers:
        return node.attr.value
    return None


def _holder(ctx: PythonContext, url: cst.CSTNode) -> str | None:
    """The parameter `url` is the default of, or the name or `self.` attribute it is
    assigned to (also as the right of `or`)."""
    above = ctx.ancestors(url)
    child: cst.CSTNode = url
    for parent in reversed(above):
        if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or):
            child = parent
            continue
        if isinstance(parent, cst.Param) and parent.default is child:
            return parent.name.value
        if isinstance(parent, cst.Assign) and parent.value is child and len(parent.targets) == 1:
            return _target_name(parent.targets[0].target)
        return None
    return None


def _target_name(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Name):
        return target.value
    return cast(cst.Attribute, target).attr.value if self_attribute(target) else None


def _family(ctx: PythonContext, node: cst.CSTNode) -> list[cst.ClassDef]:
    """The class holding `node` and the classes of the module it derives from or that derive
    from it, and theirs in turn: a subclass's requests (`class Chat(Base)` posting
    `f"{self.base_url}/chat/completions"`) use the URL too (review r5)."""
    holder = next((c for c in reversed(ctx.ancestors(node)) if isinstance(c, cst.ClassDef)), None)
    if holder is None:
        return []
    classes = [n for n in ctx.nodes if isinstance(n, cst.ClassDef)]
    by_name = {c.name.value: c for c in classes}

    def bases(cls: cst.ClassDef) -> list[cst.ClassDef]:
        named = [b.value.value for b in cls.bases if isinstance(b.value, cst.Name)]
        return [by_name[n] for n in named if n in by_name]

    found, todo = [holder], [holder]
    while todo:
        cls = todo.pop()
        near = bases(cls) + [c for c in classes if cls in bases(c)]
        for named in near:
            if named not in found:
                found.append(named)
                todo.append(named)
    return found


def _carriers(ctx: PythonContext, nodes: list[cst.CSTNode], name: str) -> set[str]:
    """`name` and the names and `self.` attributes the family assigns it to, and the
    parameters of its `__init__` methods it is handed to (`super().__init__(..., base)`)."""
    inits = [n for n in nodes if isinstance(n, cst.FunctionDef) and n.name.value == "__init__"]
    carriers = {name}
    grown = True
    while grown:
        grown = False
        for node in nodes:
            found: set[str] = set()
            if isinstance(node, cst.Assign):
                found = {
                    t
                    for target, value in _pairs(node)
                    if _hands(value, carriers) and (t := _target_name(target)) is not None
                }
            elif isinstance(node, cst.Call) and _init_call(node):
                found = _params_given(node, inits, carriers)
            if found - carriers:
                carriers |= found
                grown = True
    return carriers


def _pairs(assign: cst.Assign) -> list[tuple[cst.BaseExpression, cst.BaseExpression]]:
    """Each target of `assign` with the value it gets: element by element where a tuple is
    assigned a tuple of the same length (`self.key, self.url = key, url`)."""
    pairs = []
    for target in (t.target for t in assign.targets):
        value = assign.value
        if (
            isinstance(target, cst.Tuple)
            and isinstance(value, cst.Tuple)
            and len(target.elements) == len(value.elements)
        ):
            pairs += [
                (t.value, v.value) for t, v in zip(target.elements, value.elements, strict=True)
            ]
        else:
            pairs.append((target, value))
    return pairs


def _hands(node: cst.CSTNode, carriers: set[str]) -> bool:
    """Whether `node` gives a carrier's value on: the read itself, through a method keeping a
    URL (`base_url.rstrip("/")`), or a side of `or` (`base_url or DEFAULT`)."""
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
        return _hands(node.left, carriers) or _hands(node.right, carriers)
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in _KEEPS_URL
    ):
        return _hands(node.func.value, carriers)
    return _carried(node, carriers) is not None


def _init_call(call: cst.Call) -> bool:
    """`super().__init__(...)`, `Base.__init__(self, ...)`."""
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "__init__"


def _params_given(call: cst.Call, inits: list[cst.FunctionDef], carriers: set[str]) -> set[str]:
    """The parameters of the family's `__init__` methods that `call` gives a carrier."""
    found: set[str] = set()
    explicit = not isinstance(call.func, cst.Attribute) or not (
        isinstance(call.func.value, cst.Call)
        and isinstance(call.func.value.func, cst.Name)
        and call.func.value.func.value == "super"
    )
    for index, arg in enumerate(call.args):
        if not _hands(arg.value, carriers) or arg.star:
            continue
        for init in inits:
            params = [p.name.value for p in init.params.params][0 if explicit else 1 :]
            if arg.keyword is not None:
                found.add(arg.keyword.value)
            elif index < len(params):
                found.add(params[index])
    return found


def _bound(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is bound rather than read: an assignment's target, a parameter's name,
    the attribute name of `self.X`, a keyword."""
    parent = ctx.ancestors(node)[-1] if ctx.ancestors(node) else None
    if isinstance(parent, cst.AssignTarget) and parent.target is node:
        return True
    if isinstance(parent, cst.Element):  # `self.key, self.base_url = ...`
        above = ctx.ancestors(node)
        return len(above) >= 3 and isinstance(above[-3], cst.AssignTarget)
    if isinstance(parent, cst.Param) and parent.name is node:
        return True
    if isinstance(parent, cst.Attribute) and parent.attr is node:
        return True
    if isinstance(parent, cst.Arg) and parent.keyword is node:
        return True
    return isinstance(parent, cst.FunctionDef | cst.ClassDef)


def _built_path(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The REST path of a URL built from `node` at its head: `f"{node}/audio/speech"`,
    `node + "/audio/speech"`."""
    above = ctx.ancestors(node)
    if len(above) >= 2 and isinstance(above[-1], cst.FormattedStringExpression):
        string = above[-2]
        parts = string.parts if isinstance(string, cst.FormattedString) else ()
        if len(parts) >= 2 and parts[0] is above[-1]:
            rest = parts[1]
            if isinstance(rest, cst.FormattedStringText) and rest.value.startswith("/"):
                return rest.value.split("?")[0]
        return None
    parent = above[-1] if above else None
    if (
        isinstance(parent, cst.BinaryOperation)
        and isinstance(parent.operator, cst.Add)
        and parent.left is node
    ):
        text = string_value(parent.right)
        return text.split("?")[0] if text is not None and text.startswith("/") else None
    return None


def _passed_on(ctx: PythonContext, node: cst.CSTNode, carriers: set[str]) -> bool:
    """Whether the read `node` only hands the URL on: in the value of an assignment to a
    carrier (through `.rstrip("/")`, `or`), an argument of an `__init__` call, a test."""
    child = node
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, cst.If | cst.While | cst.IfExp) and child is parent.test:
            return True
        if isinstance(parent, cst.Assign):
            given = [t for t, v in _pairs(parent) if v is node or v in ctx.ancestors(node)]
            return bool(given) and all(_target_name(t) in carriers for t in given)
        if isinstance(parent, cst.Tuple):
            child = parent  # an element of `a, b = x, url`: its pair is looked at above
            continue
        if isinstance(parent, cst.Call):
            if _init_call(parent):
                return True
            keeps = isinstance(parent.func, cst.Attribute) and parent.func.attr.value in _KEEPS_URL
            if not keeps or parent.func is not child:
                return False
        elif isinstance(parent, cst.Attribute):
            if parent.value is not child or parent.attr.value not in _KEEPS_URL:
                return False
        elif isinstance(parent, cst.Element):
            pass
        elif not isinstance(
            parent, cst.BooleanOperation | cst.UnaryOperation | cst.Comparison | cst.Arg
        ):
            return False
        child = parent
    return False
