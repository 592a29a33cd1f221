"""Which OpenAI requests send images, and which model names reach them.

A provider's usual replacement for `gpt-4o` may take text only: a request that carries an
image content part (`openai_sdk.IMAGE_CONTENT_TYPES`) needs the provider's model for images.
A request counts as sending images when such a part is written in the call, in what a name
in its arguments is bound to, or in the function that makes the call (where its messages are
put together). A raw HTTP request to OpenAI's chat or responses path (`requests.post(url,
json=payload)`) is one too: its model is the `"model"` entry of the JSON body.
"""

from __future__ import annotations

from typing import cast

import libcst as cst
from libcst.metadata import FunctionScope

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.config_common import MODEL_KEY, SWITCHED_ON
from migrate_llm.rules.model_expectations import untraced_request
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.raw_http import body_models, rest_surface

# the surfaces whose requests may carry image parts
_SURFACES = frozenset({"chat", "responses"})


def images_switched_on(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The statement switching images on for the object whose model attribute `value` is
    assigned to (`llm.model = "gpt-4o"` beside `llm.supports_vision = True`: open-interpreter's
    os.py profile), as a config file's key beside its model is read (`supports_vision: true`,
    ML503): an attribute of the same object named for images (`sdk.named_for_images`, not
    for a model) set to a value that is on (`True`, or one of `SWITCHED_ON` written as a
    string or number) in the same block, and none there setting it to anything else. Its
    code, else None."""
    parents = ctx.ancestors(value)
    if len(parents) < 3 or not isinstance(assign := parents[-1], cst.Assign):
        return None
    target = assign.targets[0].target if len(assign.targets) == 1 else None
    block = parents[-3]
    if not isinstance(target, cst.Attribute) or not isinstance(
        block, (cst.Module, cst.IndentedBlock)
    ):
        return None
    owner = ctx.code(target.value)
    found: str | None = None
    for line in block.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                continue
            switch = small.targets[0].target
            if (
                not isinstance(switch, cst.Attribute)
                or ctx.code(switch.value) != owner
                or not sdk.flags_images(name := switch.attr.value)
                or MODEL_KEY.search(name)
            ):
                continue
            if not _on(small.value):
                return None
            found = found or ctx.code(small)
    return found


def images_beside(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The entry of the dict display whose entry `value` is that says its model reads images
    (ChuanhuChatGPT's presets: `{"model_name": "gpt-4o-mini", "multimodal": True}`), as a
    config file's `supports_vision: true` beside its model is read (ML503): a string key
    flagging images (`sdk.flags_images`: `vision`, `supports_vision`, `supports_images`; not
    one naming a model) whose value is on, and none such set to anything else. Its code,
    else None."""
    parents = ctx.ancestors(value)
    if len(parents) < 2 or not isinstance(entry := parents[-1], cst.DictElement):
        return None
    if entry.value is not value or not isinstance(table := parents[-2], cst.Dict):
        return None
    found: str | None = None
    for other in table.elements:
        if other is entry or not isinstance(other, cst.DictElement):
            continue
        key = string_value(other.key)
        if key is None or not sdk.flags_images(key) or MODEL_KEY.search(key):
            continue
        if not _on(other.value):
            return None
        found = found or ctx.code(other)
    return found


def vision_fallback(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The test of the `if` whose body assigns `value` to a name (or attribute) the test finds
    reading no images: `model not in VISION_MODELS` (a collection named for images,
    `sdk.named_for_images`), `not supports_vision(model)` (a function so named given it), as
    a term of the test or of its `and`s (`if photo and model not in VISION_MODELS: model =
    "gpt-4o"`): the model written there is the one picked for images. Its code, else None."""
    parents = ctx.ancestors(value)
    if len(parents) < 2 or not isinstance(assign := parents[-1], cst.Assign):
        return None
    if len(assign.targets) != 1 or assign.value is not value:
        return None
    target = ctx.code(assign.targets[0].target)
    for i, parent in enumerate(parents[:-1]):
        if not isinstance(parent, cst.If) or parents[i + 1] is not parent.body:
            continue
        if any(_reads_no_images(ctx, term, target) for term in _and_terms(parent.test)):
            return ctx.code(parent.test)
    return None


def _and_terms(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The terms of a test joined by `and` (the test itself where it is not such a join)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _and_terms(test.left) + _and_terms(test.right)
    return [test]


def _reads_no_images(ctx: PythonContext, term: cst.BaseExpression, target: str) -> bool:
    """Whether `term` is true where the model `target` names reads no images: `target not in
    C` with C named for images, or `not F(target)` with F so named."""
    if isinstance(term, cst.Comparison) and len(term.comparisons) == 1:
        compared = term.comparisons[0]
        return (
            isinstance(compared.operator, cst.NotIn)
            and ctx.code(term.left) == target
            and _named_for_images(compared.comparator)
        )
    if not (isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not)):
        return False
    call = term.expression
    return (
        isinstance(call, cst.Call)
        and _named_for_images(call.func)
        and any(ctx.code(a.value) == target for a in call.args)
    )


def _named_for_images(node: cst.BaseExpression) -> bool:
    """Whether a name or attribute (its last part) is named for models that read images."""
    if isinstance(node, cst.Attribute):
        node = node.attr
    return isinstance(node, cst.Name) and sdk.named_for_images(node.value)


def _on(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Name):
        return value.value == "True"
    text = value.value if isinstance(value, cst.Integer) else string_value(value)
    return text is not None and text.lower() in SWITCHED_ON


def sends_images(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the request `call` makes carries an image content part."""
    if _holds_image_part(ctx, call):
        return True
    scope = ctx.scope(call)
    if isinstance(scope, FunctionScope) and scope.node is not None:
        return _holds_image_part(ctx, scope.node)
    for arg in call.args:
        start = ctx.index_of(arg.value)
        for node in ctx.nodes[start : ctx.ends[start]]:
            if isinstance(node, cst.Name):
                bound = ctx.bound_value(node)
                if bound is not None and _holds_image_part(ctx, bound):
                    return True
    return False


def image_model_nodes(ctx: PythonContext) -> frozenset[int]:
    """The ids of the model literals (at `model=`, or the constant or default a name there is
    bound to) that reach a request sending images, an SDK request or one through a client
    the module does not trace (`untraced_request`), or a raw HTTP request's JSON body
    (`_raw_models`); computed once per module."""
    found = ctx.analyses.get(image_model_nodes)
    if found is None:
        nodes: set[int] = set()
        for node in ctx.nodes:
            if type(node) is not cst.Call:  # the exact type: `isinstance` goes through ABCMeta
                continue
            info = ctx.sdk_call(node)
            untraced = untraced_request(ctx, node) if info is None else None
            surface = info.surface if info is not None else untraced and untraced[0]
            if surface not in _SURFACES:
                continue
            models = [a for a in node.args if a.keyword is not None and a.keyword.value == "model"]
            resolved = [ctx.resolve_literal(a.value) for a in models]
            literals = [id(r[0]) for r in resolved if r is not None]
            literals += [id(v) for a in models for v in table_values(ctx, a.value)]
            if literals and sends_images(ctx, node):
                nodes.update(literals)
        nodes.update(_raw_models(ctx))
        found = ctx.analyses[image_model_nodes] = frozenset(nodes)
    return found  # type: ignore[return-value]


def table_values(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.SimpleString]:
    """The string literals a lookup in a table the module writes may give `expr`
    (`MODEL_CONFIG[tier]["api_name"]`, or a name bound once to one): the values of the
    table's entries, of their records' entries under a written key, or all of a record's
    where the key is chosen at run time. None for anything else."""
    if isinstance(expr, cst.Name) and isinstance(bound := ctx.bound_value(expr), cst.Subscript):
        expr = bound
    keys: list[str | None] = []
    while isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if not isinstance(index, cst.Index):
            return []
        keys.append(string_value(index.value))
        expr = expr.value
    if not keys or not isinstance(expr, cst.Name):
        return []
    values: list[cst.BaseExpression] = []
    if (table := ctx.bound_value(expr)) is not None:
        values.append(table)
    for key in reversed(keys):  # the innermost lookup first
        values = [
            element.value
            for value in values
            if isinstance(value, cst.Dict)
            for element in value.elements
            if isinstance(element, cst.DictElement)
            and (key is None or string_value(element.key) == key)
        ]
    return [v for v in values if isinstance(v, cst.SimpleString)]


def _raw_models(ctx: PythonContext) -> set[int]:
    """The ids of the model literals of raw HTTP requests to OpenAI's chat or responses path
    that send images (`body_models`: the `"model"` entry of the `json=` body)."""
    return {
        model
        for model, request in body_models(ctx).items()
        if request.url.path is not None
        and rest_surface(request.url.path) in _SURFACES
        and sends_images(ctx, request.call)
    }


def _holds_image_part(ctx: PythonContext, root: cst.CSTNode) -> bool:
    """Whether `root`'s code writes an image content part, answered once for each node: a
    function was searched again for each request it makes."""
    known = cast("dict[int, bool]", ctx.analyses.setdefault(_holds_image_part, {}))
    start = ctx.index_of(root)
    found = known.get(start)
    if found is None:
        found = False
        for node in ctx.nodes[start : ctx.ends[start]]:
            if type(node) is cst.SimpleString and string_value(node) in sdk.IMAGE_CONTENT_TYPES:
                found = True
                break
        known[start] = found
    return found
