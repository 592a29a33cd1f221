"""ML007: the project's own client code handed another server's base URL with a key that may
be None.

A class or function of the project that builds an OpenAI client from the base URL and key it
is given (`Chat(api_key=None, base_url=None)` -> `OpenAI(api_key=api_key, base_url=base_url)`)
falls back to a key of its own where the key it gets is None: OPENAI_API_KEY, read by the
SDK, and after `apply` the provider's variable (`api_key or os.environ["DEEPSEEK_API_KEY"]`,
ML003). A caller pointing it at another server (magentic's Mistral model: `base_url or
"https://api.mistral.ai/v1/"`, `api_key or os.getenv("MISTRAL_API_KEY")`) then sends that
key to that server whenever its own is unset.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Severity
from migrate_llm.rules.base import Example, FixClass
from migrate_llm.rules.clients import (
    classify_url,
    env_var_read,
    key_may_be_none,
    names_another_endpoint,
    url_host,
)
from migrate_llm.rules.framework_classes import first_keyword
from migrate_llm.rules.key_destinations import project_callee
from migrate_llm.rules.model_reach import reads_of
from migrate_llm.rules.passed_values import class_fields, class_of, parameter_calls
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    branches,
    ends_in_exit,
    last_name,
    string_value,
    super_init,
)


def may_be_none(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a key a call hands over may be None: None, `os.getenv(X)` or
    `os.environ.get(X)` with no default (not `os.environ[X]`, which stops the program), the
    last operand of a chain of `or`s or a branch of `x if c else y` that may be, or a value
    the program hands over (`clients.key_may_be_none`: a parameter, `self.key`, a call)."""
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return may_be_none(ctx, expr.right)
    if isinstance(expr, cst.IfExp):
        return may_be_none(ctx, expr.body) or may_be_none(ctx, expr.orelse)
    read = env_var_read(ctx, expr)
    if read is not None:
        return isinstance(expr, cst.Call) and (read[1] is None or may_be_none(ctx, read[1]))
    return key_may_be_none(ctx, expr)


def _guarded(ctx: PythonContext, call: cst.Call, key: cst.BaseExpression) -> bool:
    """Whether the function holding `call` stops before it where the key is empty: an earlier
    statement of its body `if not KEY:` (or `if KEY is None:`) whose block ends in `raise` or
    `return`, KEY written as the call writes it (magentic's OpenRouter model:
    `if not (api_key or os.getenv("OPENROUTER_API_KEY")): raise ...`)."""
    shown = ctx.code(key)
    parents = ctx.ancestors(call)
    for depth, block in enumerate(parents):
        if not isinstance(block, cst.IndentedBlock):
            continue
        inside = parents[depth + 1] if depth + 1 < len(parents) else call
        for statement in block.body:
            if statement is inside:
                break
            if isinstance(statement, cst.If) and _stops_when_empty(ctx, statement, shown):
                return True
    return False


def _stops_when_empty(ctx: PythonContext, statement: cst.If, shown: str) -> bool:
    test = statement.test
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        tested = test.expression
    elif (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and last_name(test.comparisons[0].comparator) == "None"
    ):
        tested = test.left
    else:
        return False
    return ctx.code(tested.with_changes(lpar=[], rpar=[])) == shown and ends_in_exit(statement.body)


def _local_definition(ctx: PythonContext, func: cst.BaseExpression) -> cst.CSTNode | None:
    """The function or class of this module a callee names, or None."""
    if not isinstance(func, cst.Name):
        return None
    bound = ctx.bindings(func)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    return node if isinstance(node, (cst.FunctionDef, cst.ClassDef)) else None


def _builds_client(ctx: PythonContext, definition: cst.CSTNode, depth: int = 3) -> bool:
    """Whether a function or class of this module builds an SDK client or hands its
    arguments on to code of the project that may (a class or function imported from another
    module of the project, `super().__init__` of such a class): a function's body, a class's
    `__init__`, or, where it has none, its bases."""
    if depth == 0:
        return False
    if isinstance(definition, cst.ClassDef):
        init = _init_of(definition)
        if init is None:
            return any(_base_builds(ctx, b.value, depth) for b in definition.bases)
        definition = init
    found = False

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            nonlocal found
            if found:
                return
            if ctx.constructed_client(node) is not None:
                found = True
            elif super_init(node):
                owner = class_of(ctx, node)
                found = owner is not None and any(
                    _base_builds(ctx, b.value, depth) for b in owner.bases
                )
            else:
                local = _local_definition(ctx, node.func)
                found = (
                    _builds_client(ctx, local, depth - 1)
                    if local is not None
                    else project_callee(ctx, node) is not None
                )

    definition.visit(Calls())
    return found


def _base_builds(ctx: PythonContext, base: cst.BaseExpression, depth: int) -> bool:
    if project_module(ctx, base) is not None:
        return True
    local = _local_definition(ctx, base)
    return local is not None and _builds_client(ctx, local, depth - 1)


def _callee(ctx: PythonContext, call: cst.Call) -> tuple[str, bool] | None:
    """(how to name it, whether this module shows it building a client) for a callee that is
    the project's own code: a function or class of this module that builds an SDK client from
    what it is given (`_builds_client`), a class or function imported from another module of
    the project (not seen: `project_calls`), `super().__init__` of a class with such a base.
    None for anything else (an SDK client, a library's class)."""
    if ctx.constructed_client(call) is not None:
        return None
    if super_init(call):
        owner = class_of(ctx, call)
        if owner is None:
            return None
        for base in owner.bases:
            if project_module(ctx, base.value) is not None:
                return f"{ctx.code(base.value)}.__init__", False
            local = _local_definition(ctx, base.value)
            if local is not None and _builds_client(ctx, local):
                return f"{ctx.code(base.value)}.__init__", True
        return None
    local = _local_definition(ctx, call.func)
    if local is not None:
        return (ctx.code(call.func), True) if _builds_client(ctx, local) else None
    if project_callee(ctx, call) is not None:
        return ctx.code(call.func), False
    return None


def _fallback_raises(ctx: PythonContext, call: cst.Call, keyword: str) -> bool:
    """Whether the key handed by `keyword=` to `super().__init__(...)` can never be replaced by
    a key of the base's own: the class holding the call has one base, a class of the module
    whose `__init__` uses that parameter only as `param or self.X["K"]`, and the calling
    class's body binds X to a dict display whose keys (all strings) lack K, with no entry K
    written in the module (pdf2zh's ZhipuTranslator: `envs = {"ZHIPU_API_KEY": None, ...}`,
    its base `api_key or self.envs["OPENAI_API_KEY"]`): a None key raises KeyError before any
    client is built. Keys the program adds to the dict at run time by other means (a mapping
    it is handed) are not followed."""
    owner = class_of(ctx, call)
    if owner is None or len(owner.bases) != 1:
        return False
    base = _local_definition(ctx, owner.bases[0].value)
    init = _init_of(base) if isinstance(base, cst.ClassDef) else None
    params = (*init.params.params, *init.params.kwonly_params) if init is not None else ()
    param = next((p for p in params if p.name.value == keyword), None)
    if param is None:
        return False
    reads = reads_of(ctx, param)
    fallbacks = [_fallback_entry(ctx, read) for read in reads]
    if not reads or None in fallbacks:
        return False
    fields = class_fields(owner)
    for fallback in fallbacks:
        assert fallback is not None
        attribute, key = fallback
        held = fields.get(attribute)
        if not isinstance(held, cst.Dict) or _entry_written(ctx, key):
            return False
        keys = [
            string_value(e.key) if isinstance(e, cst.DictElement) else None for e in held.elements
        ]
        if None in keys or key in keys:
            return False
    return True


def _init_of(owner: cst.ClassDef) -> cst.FunctionDef | None:
    """The `__init__` a class body defines, if any."""
    return next(
        (
            s
            for s in owner.body.body
            if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
        ),
        None,
    )


def _fallback_entry(ctx: PythonContext, read: cst.CSTNode) -> tuple[str, str] | None:
    """(X, K) where `read` stands as `read or self.X["K"]`, else None."""
    parents = ctx.ancestors(read)
    held = parents[-1] if parents else None
    if not (
        isinstance(held, cst.BooleanOperation)
        and isinstance(held.operator, cst.Or)
        and held.left is read
        and isinstance(fallback := held.right, cst.Subscript)
        and len(fallback.slice) == 1
        and isinstance(index := fallback.slice[0].slice, cst.Index)
        and isinstance(mapping := fallback.value, cst.Attribute)
        and isinstance(mapping.value, cst.Name)
        and mapping.value.value == "self"
    ):
        return None
    key = string_value(index.value)
    return (mapping.attr.value, key) if key is not None else None


def _entry_written(ctx: PythonContext, key: str) -> bool:
    """Whether the module writes an entry `key` of some mapping (`d["K"] = v`)."""
    for node in ctx.nodes:
        if type(node) is cst.AssignTarget and isinstance(node.target, cst.Subscript):
            slices = node.target.slice
            index = slices[0].slice if len(slices) == 1 else None
            if isinstance(index, cst.Index) and string_value(index.value) == key:
                return True
    return False


def _host(ctx: PythonContext, value: cst.BaseExpression) -> str:
    """The host of a URL the value shows (`x or "https://api.mistral.ai/v1/"`), or the
    variable it reads, else the code of the value."""
    for part in branches(value):
        text = string_value(part)
        if text is not None and classify_url(ctx, text).kind != "openai":
            return url_host(text) or text
        read = env_var_read(ctx, part)
        if read is not None:
            return f"the URL in {read[0]}"
    return f"`{ctx.code(value)}`"


class KeyToOtherServer(PythonRule):
    """The project's own client code pointed at another server with a key that may be None.

    ## What it does
    Finds a call of a class or function of the project (of this module, where it builds an
    OpenAI client from what it is given; imported from another module of the project;
    `super().__init__` of such a class) that passes a base URL naming a server other than
    OpenAI and the target (`base_url="https://api.mistral.ai/v1/"`, `base_url or
    "https://..."`, another provider's base-URL variable) and a key that may be None
    (`os.getenv("MISTRAL_API_KEY")`, `api_key or os.getenv(...)`, a parameter). A key the
    function checks first (`if not KEY: raise ...`, KEY written the same way) is not. Nor is
    a key handed to `super().__init__` of a class of the module that uses it only as
    `api_key or self.envs["OPENAI_API_KEY"]`, where the calling class's own `envs` (a dict
    display of string keys) has no such entry and the module writes none: a None key stops
    there with a KeyError before any client is built, so no key of its own can go to the
    other server (pdf2zh's Zhipu, Groq, DeepSeek... translators).

    ## Why
    Such code falls back to a key of its own where the key it gets is None: the SDK reads
    OPENAI_API_KEY, and `apply` gives a key the program hands a client the provider's variable
    as its fallback (`api_key or os.environ["DEEPSEEK_API_KEY"]`, ML003). With the other
    server's variable unset, that key goes to the other server: the provider's key to
    api.mistral.ai after the switch (magentic's Mistral model), OpenAI's before it.

    ## Fix (manual)
    Make the key required where the other server is named (`os.environ["MISTRAL_API_KEY"]`,
    or stop with an error when it is missing), so that no fallback is ever used there.
    """

    code = "ML007"
    name = "key-to-other-server"
    category = "secret"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import os\nimport openai\n\n"
            "class Chat:\n"
            "    def __init__(self, api_key=None, base_url=None):\n"
            "        self.client = openai.OpenAI(api_key=api_key, base_url=base_url)\n\n"
            "class MistralChat(Chat):\n"
            "    def __init__(self):\n"
            "        super().__init__(\n"
            '            api_key=os.getenv("MISTRAL_API_KEY"), base_url="https://api.mistral.ai/v1/"\n'
            "        )\n",
            provider="acme",
            message="`Chat.__init__` is given a base URL for api.mistral.ai and the key "
            '`os.getenv("MISTRAL_API_KEY")`, which may be None: the client it builds then '
            "takes a key of its own (OPENAI_API_KEY, or ACME_API_KEY where apply gives it "
            "that fallback), which would go to api.mistral.ai; make this key required "
            "(`os.environ[...]`, or stop when it is missing)",
        ),
        # t52f D3: pdf2zh's subclasses, whose envs lack the base's fallback entry
        Example(
            "import openai\n\n\nclass Chat:\n"
            '    envs = {"OPENAI_API_KEY": None}\n\n'
            "    def __init__(self, api_key=None, base_url=None):\n"
            "        self.client = openai.OpenAI(\n"
            '            api_key=api_key or self.envs["OPENAI_API_KEY"], base_url=base_url\n'
            "        )\n\n\n"
            "class ZhipuChat(Chat):\n"
            '    envs = {"ZHIPU_API_KEY": None}\n\n'
            "    def __init__(self):\n"
            "        super().__init__(\n"
            '            api_key=self.envs["ZHIPU_API_KEY"],\n'
            '            base_url="https://open.bigmodel.cn/api/paas/v4",\n'
            "        )\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\nfrom .models import Chat\n"
            'chat = Chat(api_key=os.environ["MISTRAL_API_KEY"], '
            'base_url="https://api.mistral.ai/v1/")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\nimport openai\n"
            'c = openai.OpenAI(api_key=os.getenv("MISTRAL_API_KEY"), '
            'base_url="https://api.mistral.ai/v1/")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        target = self.provider
        if target is None or not self.ctx.rules.switching:
            return
        url = first_keyword(node, sdk.PASSED_URL_KEYWORDS)
        key = first_keyword(node, sdk.PASSED_KEY_KEYWORDS)
        if url is None or key is None:
            return
        if not names_another_endpoint(self.ctx, url.value):
            return
        if not self._may_be_none(node, key.value):
            return
        if (
            super_init(node)
            and key.keyword is not None
            and _fallback_raises(self.ctx, node, key.keyword.value)
        ):
            return  # a None key stops with KeyError: no key of the base's own goes there
        callee = _callee(self.ctx, node)
        if callee is None:
            return
        name, seen = callee
        host = _host(self.ctx, url.value)
        builds = "the client it builds" if seen else "a client it builds"
        self.report(
            node,
            f"`{name}` is given a base URL for {host} and the key `{self.snippet(key.value)}`, "
            f"which may be None: {builds} then takes a key of its own (OPENAI_API_KEY, or "
            f"{target.api_key_env} where apply gives it that fallback), which would go to "
            f"{host}; make this key required (`os.environ[...]`, or stop when it is missing)",
            data={"callee": name, "host": host, "key": self.snippet(key.value)},
        )

    def _may_be_none(self, call: cst.Call, key: cst.BaseExpression) -> bool:
        """Whether the key `call` hands over may be None there: `may_be_none`, not checked
        first (`_guarded`); for a parameter of the function holding the call, where a call of
        that function in the module passes None or no value for it, or one that may be None
        (magentic's private OpenRouter model, built only with a key checked first, is not
        reported), or where the module holds no call of it."""
        if not may_be_none(self.ctx, key) or _guarded(self.ctx, call, key):
            return False
        calls = parameter_calls(self.ctx, key) if isinstance(key, cst.Name) else None
        if not calls:
            return True
        return any(
            value is None or (may_be_none(self.ctx, value) and not _guarded(self.ctx, c, value))
            for c, value in calls
        )


KEY_TO_OTHER_SERVER_RULES = (KeyToOtherServer,)
