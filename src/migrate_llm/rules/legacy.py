"""Rules about the openai<1.0 API, which the v1 SDK and every provider endpoint reject."""

from __future__ import annotations

import functools
import re
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import support_verdict
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.langchain_model_kwargs import legacy_entries
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    CallInfo,
    PythonContext,
    V0Import,
    flatten,
    last_name,
    string_value,
)
from migrate_llm.rules.request_arguments import keys_set, request_arguments
from migrate_llm.rules.request_keys import request_key, request_key_options
from migrate_llm.rules.rewrite import argument_removal, requote
from migrate_llm.rules.switched_keys import left_on_openai_words
from migrate_llm.rules.v0_libraries import kept_v0
from migrate_llm.rules.v1_async_legacy import async_legacy_method
from migrate_llm.rules.version_gates import v0_only_gate

# v0 method -> v1 method where they differ.
_V1_METHODS = {
    ("Image", "create"): "generate",
    ("Image", "create_edit"): "edit",
    ("Audio", "transcribe"): "transcriptions.create",
    ("Audio", "translate"): "translations.create",
    ("FineTune", "create"): "create",
}


def _v1_method(resource: str, base: str) -> str | None:
    """`chat.completions.create` for (ChatCompletion, create); None when v1 has none."""
    special = sdk.LEGACY_METHOD_PATHS.get((resource, base))
    if special is not None:
        return special
    if (resource, base) in sdk.LEGACY_METHODS_BY_HAND:
        return None
    path = sdk.LEGACY_RESOURCES.get(resource, "")
    if not path:
        return None
    return f"{path}.{_V1_METHODS.get((resource, base), base)}" if base else path


def v1_path(resource: str, method: str) -> tuple[bool, str] | None:
    """(async, `chat.completions.create`) for ChatCompletion.acreate; None without a v1 form."""
    is_async = method in sdk.ASYNC_LEGACY_METHODS
    path = _v1_method(resource, method[1:] if is_async else method)
    return None if path is None else (is_async, path)


def v1_call(resource: str, method: str) -> str | None:
    """`client.chat.completions.create` for ChatCompletion.create; None when v1 has none."""
    is_async = method.startswith("a") and method[1:] in ("create", "transcribe", "translate")
    path = _v1_method(resource, method[1:] if is_async else method)
    if path is None:
        return None
    client = "await aclient" if is_async else "client"
    return f"{client}.{path}"


def legacy_target(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """(Resource, method) of a call of the v0 API: `openai.Completion.create(...)`, or
    `fn(...)` where `fn` is bound once to `openai.Completion.create`."""
    info = ctx.sdk_call(call)
    if info is None or info.kind != "legacy":
        return None
    return ctx.called_legacy(call)


def support_of(
    ctx: PythonContext, legacy: tuple[str, str]
) -> tuple[Severity, FixClass, str] | None:
    """What the target provider's [supports] table says of a v0 call's API once switched (the
    verdict its v1 form gets from ML101): None when supported or when not switching."""
    provider = ctx.rules.provider
    if not ctx.rules.switching or provider is None:
        return None
    resource, method = legacy
    if v1_path(resource, method or "create") is None:
        return None
    surface = sdk.LEGACY_SURFACE.get(resource, resource.lower())
    # left as it is (ML302), the request goes on through openai<1's module-level client:
    # to OpenAI, where no module of the project configures that client; openai>=1, which the
    # migrated code needs (and the pin apply moves: ML504, ML506), raises on it (t65a); said
    # so alone where apply moves the notebook's pip line to openai>=1 (`v1_pin`). Not said of
    # an API served in part or unconfirmed: apply rewrites that call onto the v1 client, for
    # review, so it does not stay (`support_verdict` reads `stays` as a client left on OpenAI)
    partly = provider.support(surface) in ("partial", "unknown")
    stays = (
        ""
        if ctx.rules.facts.openai_configured or ctx.v1_pin or partly
        else "apply leaves it as it is: openai>=1, which the migrated code needs, raises "
        "APIRemovedInV1 on it, and openai<1 sends it through its module-level client, which "
        "nothing configures (OpenAI's)"
    )
    verdict = support_verdict(provider, surface, ctx.rules.registry, stays)
    return None if verdict[1] is FixClass.NONE else verdict


def every_use_moved(ctx: PythonContext) -> bool:
    """Whether `apply` moves every use of the openai<1.0 API in the module onto the clients it
    builds (ML302): none is left reading the module settings (`openai.api_key`) as it is, as a
    call to an API the target does not serve, one with no v1 form, a resource used as a
    class, or a use in the branch for openai<1 of code that runs on both."""
    memo = ctx.analyses.get(every_use_moved)
    if memo is None:
        memo = ctx.analyses[every_use_moved] = _every_use_moved(ctx)
    return bool(memo)


def _every_use_moved(ctx: PythonContext) -> bool:
    if kept_v0(ctx) is not None:
        return False  # left on openai<1 for the package (`v0_libraries.kept_v0`)
    seen: set[int] = set()  # the prefixes of a use already judged (`openai.ChatCompletion`)
    for node in ctx.nodes:
        if id(node) in seen or type(node) not in (cst.Attribute, cst.Name):
            continue
        legacy = ctx.legacy_resource(node)
        if legacy is None:
            continue
        seen.update(id(n) for n in flatten(cast(cst.BaseExpression, node))[0])
        parents = ctx.ancestors(node)
        if isinstance(parents[-1], (cst.ImportAlias, cst.ImportFrom)):
            continue  # `from openai import ChatCompletion`: its uses are judged
        verdict = support_of(ctx, legacy)
        if (
            v1_path(legacy[0], legacy[1] or "create") is None
            or (verdict is not None and verdict[0] is Severity.ERROR)
            or any(isinstance(p, (cst.ClassDef, cst.Arg)) for p in parents[-2:])
            or v0_only_gate(ctx, node) is not None
        ):
            return False
    return True


def per_call_options(ctx: PythonContext, call: cst.Call) -> list[tuple[int, str]] | None:
    """The per-request credentials of a v0 call that go to `client.with_options(...)`, as
    (argument index, `with_options` argument text). Modernising only, all of them, when
    every one has a `with_options` form; None when there are none or one has no such form
    (api_type, api_version). Switching provider, the key the program hands the request
    (`request_key`), the others dropped: the client carries the provider's."""
    if ctx.rules.switching:
        return request_key_options(ctx, call)
    if ctx.legacy_clients is None:
        return None
    found = []
    for i, arg in enumerate(call.args):
        name = arg.keyword.value if arg.keyword is not None else None
        if name not in sdk.LEGACY_REQUEST_KWARGS:
            continue
        option = sdk.LEGACY_REQUEST_OPTIONS.get(name)
        if option is None:
            return None
        found.append((i, f"{option}={ctx.code(arg.value)}"))
    return found or None


_CLASS_CHECKS = frozenset({"isinstance", "issubclass"})


class LegacyResource(PythonRule):
    """A call to, or a reference of, an openai<1.0 resource class (`openai.ChatCompletion`).

    ## What it does
    Finds `openai.ChatCompletion.create`, `Completion`, `Embedding`, `Image`, `Audio`,
    `Moderation`, `File`, `FineTune`, `FineTuningJob`, `Model`, `Engine` (also `acreate` and
    the classes passed around as values), through `import openai as x` and
    `from openai import ChatCompletion`; also `getattr(openai, "ChatCompletion")` and a
    resource class used as a class (a base class, `isinstance`, `issubclass`). Also the
    imports of modules openai 1.0 removed with nothing in their place (`from
    openai.embeddings_utils import get_embedding`, `openai.datalib`:
    `openai_sdk.V0_ONLY_MODULES`).

    ## Why
    openai>=1.0 raises `APIRemovedInV1` when they are called; importing a removed module
    raises ModuleNotFoundError, so a module doing so runs on openai<1 only.

    ## Fix (safe)
    `apply` creates one client per module after its imports (`client = openai.OpenAI(...)`,
    and when coroutines are used an `openai.AsyncOpenAI(...)` for each event loop, which
    `_aclient()` returns: a client's connections stay on the loop that opened them, and each
    `asyncio.run()` opens a new one) and calls it: `client.chat.completions.create(...)`,
    `await _aclient().chat.completions.create(...)` for `acreate`, `client.images.generate`
    for `Image.create`, `client.models.list()` for `Engine.list()` (engines were models).
    Modernising only, a call's own `api_key=`, `organization=` and `api_base=` move to
    `client.with_options(...)` for that call.
    Switching provider, the clients read the provider's variables; a call to an API the
    provider's `[supports]` table says it lacks (`Image.create` where it has no images API)
    is not rewritten but reported as its v1 form is (ML101): where no module of the project
    configures openai's module-level client, that it still goes to OpenAI through it; one
    whose support is partial or unconfirmed is rewritten for review. `getattr(openai, ...)`,
    class uses, `Edit`, `Customer`, `Deployment` and `Engine`'s other methods have no v1 form
    and are left for you,
    as is `File.download` (v1's `files.content(file_id)` returns a response: `.content` is
    the bytes).
    A v0 use in the branch a test of the installed SDK keeps for openai<1 (`... if
    is_openai_v1() else openai.ChatCompletion`) is a note, left as it is with nothing added
    (so do the other legacy rules: `rules/version_gates.py`).
    A module using a package that runs on openai<1 only (`frameworks.pins.
    OPENAI_V0_LIBRARIES`: GPTCache's `from gptcache.adapter import openai`), or, switching
    provider, in a project whose requirements require one (`RunFacts.openai_v0_libraries`:
    ML504 keeps openai<1 for it), stays on openai<1: its own openai<1 code is left as it is,
    a note saying why (so do ML303 to ML307: `v0_libraries.kept_v0`), pointed at the
    provider by openai<1's `openai.api_key` and `openai.api_base` (ML670, ML301), its models
    mapped (ML201) and the thinking switch passed as a keyword, which openai<1 sends as a
    field of the body (ML118); rewritten to the v1 client, it failed at import there (t62c).
    In a project requiring such a package, a module not setting both from the provider's
    variables gets an error here instead (manual): its calls would go to OpenAI.
    openai<1.0's coroutine methods written on an openai>=1.0 client (`await
    client.chat.completions.acreate(...)`, `aclient.images.acreate`, `files.alist`:
    `openai_sdk.V1_FORMS_OF_ASYNC_LEGACY`, `v1_async_legacy`) raise AttributeError on every
    run: on an AsyncOpenAI client the method becomes its v1 form (safe:
    `aclient.chat.completions.create`, `aclient.images.generate`), which returns the coroutine
    the v0 one did; on a synchronous client, openai's module-level client or a receiver not
    traced to a client, an error left for you, naming `await async_client.<resource>.<method>`.
    The import of a removed module is left for you (manual): the message says what openai>=1
    code writes instead of each name it takes (`get_embedding`:
    `client.embeddings.create(input=[text], model=...).data[0].embedding`;
    `cosine_similarity`: numpy). One in a `try:` with a handler for ImportError is a note: the
    module has a way without it.
    """

    code = "ML302"
    name = "legacy-resource"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n',
            message="openai.ChatCompletion.create() was removed in openai 1.0; use "
            "client.chat.completions.create()",
        ),
        Example(
            "from openai import Embedding\nasync def f():\n"
            '    return await Embedding.acreate(input="x", model="text-embedding-ada-002")\n',
            message="openai.Embedding.acreate() was removed in openai 1.0; use "
            "await aclient.embeddings.create()",
        ),
        Example(
            "import openai as oa\nfn = oa.Completion.create\n",
            message="openai.Completion.create was removed in openai 1.0; use "
            "client.completions.create",
        ),
        Example(
            'import openai\nopenai.Edit.create(model="text-davinci-edit-001")\n',
            message="openai.Edit.create() was removed in openai 1.0 and has no v1 equivalent; "
            "rewrite it with chat completions",
        ),
        Example(
            "import openai\nfor engine in openai.Engine.list().data:\n    print(engine.id)\n",
            provider="openai",
            message="openai.Engine.list() was removed in openai 1.0; use client.models.list()",
        ),
        Example(
            'import openai\nopenai.Image.create(prompt="a cat", n=1)\n',
            provider="acme",
            message="openai.Image.create() was removed in openai 1.0; use "
            "client.images.generate(); Acme Cloud has no OpenAI-compatible images API; apply "
            "leaves it as it is: openai>=1, which the migrated code needs, raises "
            "APIRemovedInV1 on it, and openai<1 sends it through its module-level client, "
            "which nothing configures (OpenAI's), so this call still goes there (see "
            "https://docs.acme.example/openai); doubao, ernie, siliconflow, zhipu offer it",
            after='import openai\nopenai.Image.create(prompt="a cat", n=1)\n',
        ),
        Example(
            "from openai import Completion\nclass Scored(Completion):\n    pass\n",
            provider="acme",
            message="openai.Completion is used as a class (a base class, isinstance or "
            "issubclass); it was removed in openai 1.0 and client.completions is an object, not "
            "a class: rewrite this code by hand",
            after="from openai import Completion\nclass Scored(Completion):\n    pass\n",
        ),
        Example(
            'import openai\nif hasattr(openai, "OpenAI"):\n    c = openai.OpenAI().completions\n'
            "else:\n    c = openai.Completion\n",
            provider="openai",
            message="openai.Completion was removed in openai 1.0; runs only on openai<1 (gated "
            'by `hasattr(openai, "OpenAI")`); left as it is',
            after='import openai\nif hasattr(openai, "OpenAI"):\n'
            "    c = openai.OpenAI().completions\nelse:\n    c = openai.Completion\n",
        ),
        # t44g: generative-ai-for-beginners' lesson 08 embeddings script
        Example(
            "import openai\nfrom openai.embeddings_utils import get_embedding, cosine_similarity\n",
            provider="acme",
            message="openai.embeddings_utils was removed in openai 1.0 and this import fails "
            "there (ModuleNotFoundError), so the module runs on openai<1 only; instead of "
            "get_embedding, write client.embeddings.create(input=[text], model=...)"
            ".data[0].embedding; instead of cosine_similarity, write np.dot(a, b) / "
            "(np.linalg.norm(a) * np.linalg.norm(b)) (numpy)",
            after="import openai\n"
            "from openai.embeddings_utils import get_embedding, cosine_similarity\n",
        ),
        Example(
            "try:\n    from openai.embeddings_utils import cosine_similarity\n"
            "except ImportError:\n    cosine_similarity = None\n",
            message="openai.embeddings_utils was removed in openai 1.0; runs only on openai<1 "
            "(guarded by `except ImportError`); left as it is",
        ),
        # s64: v0's coroutine method on a v1 client read as a request, `check` green
        Example(
            "from openai import AsyncOpenAI\n\naclient = AsyncOpenAI()\n\n\nasync def ask(q):\n"
            "    return await aclient.chat.completions.acreate(model=M, messages=q)\n",
            message="chat.completions.acreate() is openai<1.0's coroutine method; openai>=1.0's "
            "resources have no acreate (AttributeError on every run): on this AsyncOpenAI "
            "client the same request is chat.completions.create(), awaited as before",
            after="from openai import AsyncOpenAI\n\naclient = AsyncOpenAI()\n\n\n"
            "async def ask(q):\n"
            "    return await aclient.chat.completions.create(model=M, messages=q)\n",
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\nasync def draw(p):\n"
            "    return await client.images.acreate(prompt=p)\n",
            message="images.acreate() is openai<1.0's coroutine method; openai>=1.0's resources "
            "have no acreate (AttributeError on every run), and OpenAI() is synchronous: make "
            "this request on an openai.AsyncOpenAI() client, `await "
            "async_client.images.generate(...)`, by hand",
            after="from openai import OpenAI\n\nclient = OpenAI()\n\n\nasync def draw(p):\n"
            "    return await client.images.acreate(prompt=p)\n",
        ),
        Example("import openai\nclient = openai.OpenAI()\nclient.models.list()\n", finds=False),
        # t62c: GPTCache's examples call openai<1 beside its adapter, which needs openai<1
        Example(
            "import openai\nfrom gptcache.adapter import openai as cached\n\n"
            'r = openai.ChatCompletion.create(model="gpt-4", messages=m)\n',
            provider="acme",
            message="openai.ChatCompletion.create() was removed in openai 1.0; left on "
            "openai<1: the module uses gptcache.adapter.openai, which runs on openai<1 only "
            "(frameworks/pins.py), so this code stays there too",
            after="import openai\nfrom gptcache.adapter import openai as cached\n\n"
            'r = openai.ChatCompletion.create(model="gpt-4", messages=m)\n',
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        self.as_class: set[int] = set()  # id() of expressions used as a class

    def _mark(self, node: cst.BaseExpression) -> None:
        for inner in flatten(node)[0]:
            self.done.add(id(inner))

    def _message(self, resource: str, method: str, called: bool) -> tuple[str, FixClass | None]:
        parens = "()" if called else ""
        shown = f"openai.{resource}" + (f".{method}" if method else "") + parens
        v1 = v1_call(resource, method or "create")
        by_hand = sdk.LEGACY_METHODS_BY_HAND.get((resource, method.removeprefix("a")))
        if by_hand is not None:
            return (
                f"{shown} was removed in openai 1.0; write {by_hand} (its v1 counterpart "
                "returns another type)",
                FixClass.MANUAL,
            )
        if v1 is None:
            return (
                f"{shown} was removed in openai 1.0 and has no v1 equivalent; "
                "rewrite it with chat completions",
                FixClass.MANUAL,
            )
        if not method:
            v1 = v1.rsplit(".", 1)[0]
        return f"{shown} was removed in openai 1.0; use {v1}{parens}", None

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for base in node.bases:
            self.as_class.add(id(base.value))

    def visit_Call(self, node: cst.Call) -> None:
        # monkeypatch.setattr(openai.ChatCompletion, ...): the mock rule rewrites it
        mocked = node.args[0].value if node.args else None
        is_patch = last_name(node.func) in ("setattr", "object")
        if is_patch and mocked is not None and self.ctx.legacy_resource(mocked) is not None:
            self._mark(mocked)
        self._class_check(node)
        if self._getattr(node):
            return
        legacy = self.ctx.legacy_resource(node.func)
        if legacy is None:
            return
        self._mark(node.func)
        message, fix = self._message(*legacy, called=True)
        resource, method = legacy
        surface = sdk.LEGACY_SURFACE.get(resource, resource.lower())
        data = {"surface": surface, "call": f"{resource}.{method}"}
        verdict = support_of(self.ctx, legacy)
        if verdict is not None and verdict[0] is Severity.ERROR:
            # the v1 form fails the same way: said once, left for a person
            self.report(node.func, f"{message}; {verdict[2]}", fix=FixClass.MANUAL, data=data)
            return
        edit = self._edit(node.func, *legacy, options=per_call_options(self.ctx, node))
        if verdict is not None and edit is not None:
            self.report(
                node.func, f"{message}; {verdict[2]}", fix=FixClass.REVIEW, edit=edit, data=data
            )
            return
        self.report(node.func, message, fix=FixClass.SAFE if edit else fix, edit=edit, data=data)

    def _class_check(self, node: cst.Call) -> None:
        """`isinstance(x, openai.ChatCompletion)`: the classes it names are used as classes."""
        if not isinstance(node.func, cst.Name) or node.func.value not in _CLASS_CHECKS:
            return
        if len(node.args) == 2:
            second = node.args[1].value
            elements = (
                [e.value for e in second.elements]
                if isinstance(second, (cst.Tuple, cst.List))
                else [second]
            )
            self.as_class.update(id(e) for e in elements)

    def _getattr(self, node: cst.Call) -> bool:
        """`getattr(openai, "ChatCompletion")`: reported, left for a person."""
        if not isinstance(node.func, cst.Name) or node.func.value != "getattr":
            return False
        if len(node.args) < 2 or not self.ctx.is_openai_module(node.args[0].value):
            return False
        resource = string_value(node.args[1].value)
        if resource not in sdk.LEGACY_RESOURCES:
            return False
        v1 = v1_call(resource, "create")
        instead = f"; use {v1.rsplit('.', 1)[0]}" if v1 else " and has no v1 equivalent"
        self.report(
            node,
            f"getattr(openai, {resource!r}) reaches openai.{resource}, which was removed in "
            f"openai 1.0{instead}",
            fix=FixClass.MANUAL,
        )
        return True

    def _reference(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        legacy = self.ctx.legacy_resource(node)
        if legacy is None:
            return
        self._mark(node)
        resource, method = legacy
        if id(node) in self.as_class and not method:
            v1 = v1_call(resource, "create")
            instead = (
                f"{v1.rsplit('.', 1)[0]} is an object, not a class"
                if v1
                else "v1 has no such class"
            )
            self.report(
                node,
                f"openai.{resource} is used as a class (a base class, isinstance or issubclass); "
                f"it was removed in openai 1.0 and {instead}: rewrite this code by hand",
                fix=FixClass.MANUAL,
            )
            return
        message, fix = self._message(*legacy, called=False)
        verdict = support_of(self.ctx, legacy)
        if verdict is not None and verdict[0] is Severity.ERROR:
            self.report(node, f"{message}; {verdict[2]}", fix=FixClass.MANUAL)
            return
        edit = self._edit(node, *legacy)
        self.report(node, message, fix=FixClass.SAFE if edit else fix, edit=edit)

    def _edit(
        self,
        node: cst.BaseExpression,
        resource: str,
        method: str,
        options: list[tuple[int, str]] | None = None,
    ) -> Edit | None:
        clients = self.ctx.legacy_clients
        target = v1_path(resource, method)
        if clients is None or target is None:
            return None
        is_async, path = target
        name = clients.async_name if is_async else clients.sync_name
        if options:
            name += f".with_options({', '.join(text for _, text in options)})"
        return Edit(self.ctx.span(node), f"{name}.{path}", clients.imports, clients.setup)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._reference(node)
        self._async_legacy_method(node)

    def _async_legacy_method(self, node: cst.Attribute) -> None:
        """openai<1.0's `acreate` on an openai>=1.0 client (`v1_async_legacy`): renamed to
        the v1 method on an AsyncOpenAI client (safe), else left (manual): the request
        needs an async client."""
        found = async_legacy_method(self.ctx, node)
        if found is None:
            return
        info, resource, v1, renamed = found
        ancestors = self.ctx.ancestors(node)
        parent = ancestors[-1] if ancestors else None
        parens = "()" if isinstance(parent, cst.Call) and parent.func is node else ""
        shown = f"{info.path}{parens}"
        if info.kind == "module":
            shown = f"openai.{shown}"
        removed = (
            f"{shown} is openai<1.0's coroutine method; openai>=1.0's resources have no "
            f"{node.attr.value} (AttributeError on every run)"
        )
        data = {"surface": info.surface, "call": info.path, "v1_call": f"{resource}.{v1}"}
        if renamed:
            self.report(
                node,
                f"{removed}: on this AsyncOpenAI client the same request is "
                f"{resource}.{v1}{parens}, awaited as before",
                fix=FixClass.SAFE,
                edit=Edit(self.ctx.span(node.attr), v1),
                data=data,
            )
            return
        receiver = {
            "client": f"{info.client.cls}() is synchronous"
            if info.client
            else "the client is not an AsyncOpenAI one",
            "module": "openai's module-level client is synchronous",
            "probable": f"`{self.snippet(node.value).rsplit('.' + resource, 1)[0]}` is not "
            "traced to an AsyncOpenAI client",
        }[info.kind]
        self.report(
            node,
            f"{removed}, and {receiver}: make this request on an openai.AsyncOpenAI() client, "
            f"`await async_client.{resource}.{v1}(...)`, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in sdk.LEGACY_RESOURCES:  # what `legacy_resource` asks of a name first
            self._reference(node)

    def visit_Module(self, node: cst.Module) -> None:
        for found in self.ctx.v0_only_imports:
            self._v0_only_import(found)

    def _v0_only_import(self, found: V0Import) -> None:
        """`from openai.embeddings_utils import get_embedding`: the module is gone in v1, with
        nothing in its place; the message says what to write instead of each name."""
        table = sdk.V0_ONLY_MODULES[found.module]
        head = f"{found.module} was removed in openai 1.0"
        data = {"module": found.module, "names": list(found.names)}
        if found.guarded:
            self.report(
                found.node,
                f"{head}; runs only on openai<1 (guarded by `except ImportError`); left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data=data,
            )
            return
        known = [name for name in found.names if name in table]
        if known and len(known) == len(found.names):
            instead = "; ".join(f"instead of {name}, write {table[name]}" for name in known)
        else:
            instead = table[""]
        self.report(
            found.node,
            f"{head} and this import fails there (ModuleNotFoundError), so the module runs on "
            f"openai<1 only; {instead}",
            fix=FixClass.MANUAL,
            data=data,
        )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        # `from openai import ChatCompletion` still imports in v1; its uses are reported.
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self.done.add(id(alias.name))
                if alias.asname is not None:
                    self.done.add(id(alias.asname.name))


_CAUGHT_REASON = (
    "openai<1.0 raised APIError only for server errors it did not classify (HTTP 5xx), while "
    "openai>=1.0's APIError is the base of every API error (400, 401, 429, connection errors)"
)


_V1_ERRORS = frozenset(sdk.V1_ERROR_BASES) | {"OpenAIError"}
# the last names of `sdk.EXCEPTION_CLASS_ARGS`: the cheap test before resolving a callee
_CLASS_ARG_NAMES = frozenset(name.rsplit(".", 1)[1] for name in sdk.EXCEPTION_CLASS_ARGS)


def _v1_bases(name: str) -> list[str]:
    """The bases of an openai>=1.0 exception class, nearest first."""
    bases = []
    while name in sdk.V1_ERROR_BASES:
        name = sdk.V1_ERROR_BASES[name]
        bases.append(name)
    return bases


def _v1_constructor(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The openai>=1.0 class whose `__init__` builds `name` (itself or its nearest base) and
    its parameters; None for OpenAIError, a plain Exception."""
    for owner in (name, *_v1_bases(name)):
        if owner in sdk.V1_ERROR_SIGNATURES:
            return owner, sdk.V1_ERROR_SIGNATURES[owner]
    return None


def _signature(name: str, params: tuple[str, ...]) -> str:
    """`APIConnectionError(*, message=..., request)`."""
    return f"{name}({', '.join(p + '...' if p.endswith('=') else p for p in params)})"


def _build(name: str, params: tuple[str, ...]) -> str:
    """The advice of a finding on an exception built by hand."""
    return f"build it as openai.{_signature(name, params)} (tests: raise your own exception)"


def _bind(params: tuple[str, ...], call: cst.Call) -> tuple[dict[str, cst.Arg], list[str]] | None:
    """The arguments of `call` by the parameter each goes to, and why the call raises
    TypeError (nothing when it binds); None when an argument is unpacked (`*a`, `**kw`)."""
    if any(arg.star for arg in call.args):
        return None
    star = params.index("*") if "*" in params else len(params)
    positional = [p.rstrip("=") for p in params[:star]]
    names = {p.rstrip("=") for p in params if p != "*"}
    given = [arg for arg in call.args if arg.keyword is None]
    bound = dict(zip(positional, given, strict=False))
    why = []
    if len(given) > len(positional):
        why.append(f"{len(given)} positional argument{'s' if len(given) > 1 else ''}")
    for arg in call.args:
        if arg.keyword is not None:
            name = arg.keyword.value
            if name in bound:
                why.append(f"{name} twice")
            elif name not in names:
                why.append(f"an unexpected {name}=")
            bound[name] = arg
    missing = [p for p in params if p != "*" and not p.endswith("=") and p not in bound]
    if missing:
        why.append("no " + " or ".join(f"{p}=" for p in missing))
    return bound, why


def _is_text(node: cst.BaseExpression) -> bool:
    """A string written or built in place: `"x"`, an f-string, `str(e)`, `"a: " + b`,
    `"...".format(...)`."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.BinaryOperation):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute):
            return func.attr.value == "format" and _is_text(func.value)
        return isinstance(func, cst.Name) and func.value in ("str", "repr")
    return False


def _message_like(arg: cst.Arg) -> bool:
    """An argument that is a message rather than an httpx request: text, or given by position
    as a name that does not say request (`msg`, `e.message`; not `request`, `req`)."""
    if _is_text(arg.value):
        return True
    name = last_name(arg.value)
    return arg.keyword is None and name is not None and "req" not in name.lower()


def _lost_text(
    owner: str, params: tuple[str, ...], bound: dict[str, cst.Arg]
) -> tuple[cst.Arg, str] | None:
    """The message given to a class that sets its own (APITimeoutError) and why it is lost;
    None when `bound` (the arguments taken for messages, by parameter) gives it none."""
    fixed = sdk.V1_ERROR_FIXED_MESSAGES.get(owner)
    param = next((p for p in bound if p != "message"), None)
    if fixed is None or param is None:
        return None
    why = (
        f"openai>=1.0's {_signature(owner, params)} stores the argument as .{param} and sets "
        f'the message to "{fixed}", so the text is lost (openai 3.60 and later read its '
        "headers and raise AttributeError)"
    )
    return bound[param], why


def _renamed_import(statement: cst.CSTNode, name: str) -> bool:
    """Whether the import `statement` binds `name` as the alias of something named
    otherwise (`import mypkg.bopenai as openai`)."""
    if not isinstance(statement, (cst.Import, cst.ImportFrom)) or isinstance(
        statement.names, cst.ImportStar
    ):
        return False
    for alias in statement.names:
        if alias.asname is not None and cst.ensure_type(alias.asname.name, cst.Name).value == name:
            imported = cst.helpers.get_full_name_for_node(alias.name) or ""
            return imported.rsplit(".", 1)[-1] != name
    return False


class LegacyError(PythonRule):
    """`openai.error.X`, which does not exist in openai>=1.0.

    ## What it does
    Finds `openai.error.RateLimitError` and friends in `except` clauses and elsewhere (also
    through `import openai as oa`), and `from openai.error import ...`, `from openai import
    error` and `import openai.error`, which fail at import time. Also reports `openai.error.X`
    where `openai` is not traced to an import (a parameter, an injected name; not a name
    bound by importing another module, `import mypkg.bopenai as openai`), an exception
    built by hand (`openai.error.RateLimitError("x")`; in code for openai>=1.0, also after
    `apply`, a v1 class given arguments its constructor rejects, `openai.RateLimitError("x")`,
    or a message `openai.APITimeoutError` drops), and an `except` clause that an earlier
    clause of the same `try` now shadows (also once renamed to v1 names, so that `check` after
    `apply` still says it).

    ## Why
    openai>=1.0 has no `openai.error` module; its exceptions live on `openai` itself and
    several were renamed, so every `except openai.error...` clause dies with AttributeError.
    The classes also changed shape: in v0 they were siblings under `OpenAIError`; in v1
    `APIError` is the base of `APIStatusError` (`BadRequestError`, `AuthenticationError`,
    `RateLimitError`, `InternalServerError`, ...) and of `APIConnectionError`, itself the base
    of `APITimeoutError`. v0 raised `APIError` only for server errors it did not classify
    (HTTP 5xx but 503, undecodable bodies), so `except openai.APIError:` would also catch the
    400, 401 and 429 that v0 sent to a later `except`. v1 exceptions are built from an httpx
    request or response, so `RateLimitError("x")` raises TypeError (it needs `response=` and
    `body=`), and `APITimeoutError("x")` keeps "x" as its request, its message always "Request
    timed out.".

    ## Fix
    `apply` writes the v1 class everywhere in the file: `InvalidRequestError` is
    `BadRequestError`, and where it is caught (an `except` clause, a tuple of classes,
    isinstance, the argument of another library that takes a class or a tuple of them:
    tenacity's `retry_if_not_exception_type(...)`, backoff's `on_exception`, `pytest.raises`,
    `contextlib.suppress`, `openai_sdk.EXCEPTION_CLASS_ARGS`) `BadRequestError` and
    `NotFoundError`: v0 raised it for a 400 and for a 404 (a model or file that does not
    exist; a 415, rare, is APIStatusError in v1); elsewhere (`errors =
    openai.error.InvalidRequestError`) the namesake is written for review. v0's
    `openai.InvalidRequestError` (its export of the same class) and `from openai import
    InvalidRequestError` are rewritten alike. `ServiceUnavailableError` is
    `InternalServerError`, `TryAgain` (409)
    is `ConflictError`,
    `Timeout` is `APITimeoutError`, `PermissionError` is `PermissionDeniedError`. Where code
    catches `APIError` (`except`, `isinstance`, a retry predicate) it becomes
    `InternalServerError` (review: v1 raises it for every 5xx, 503 included; a 422 or 405,
    v0's `APIError`, is now `UnprocessableEntityError` or `APIStatusError`); a raise or a
    subclass keeps `APIError`.
    `from openai.error import A, B as C` becomes `from openai import A2, B2 as C` (uses of an
    unaliased name are renamed; two old names for one new class are imported once; `APIError
    as C` becomes `InternalServerError as C` when the module only catches `C`);
    `from openai import error` and `import openai.error` become `import openai` (or go, when
    the module already has it). Left to you, with the reason: unknown names such as
    `openai.error.Foo`, an aliased `APIError` caught and also raised, exceptions built by hand
    (but `OpenAIError(message="x")`, a plain Exception in v1 that takes no keyword, becomes
    `OpenAIError("x")`; its other keywords are left, in v1 code too), an
    `except` shadowed by an earlier one (`APIConnectionError` above `Timeout`: move it up),
    and `openai.error` reached through a name that is not the imported module.
    """

    code = "ML303"
    name = "legacy-error"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.InvalidRequestError:\n    pass\n",
            message="openai.error.InvalidRequestError does not exist in openai 1.0; catch "
            "openai.BadRequestError and openai.NotFoundError: openai<1.0 raised "
            "InvalidRequestError for HTTP 400 and 404 (a model or file that does not exist), "
            "openai>=1.0 raises BadRequestError and NotFoundError",
            provider="acme",
            after="import openai\ntry:\n    pass\n"
            "except (openai.BadRequestError, openai.NotFoundError):\n    pass\n",
        ),
        Example(
            "import openai\nfrom openai import InvalidRequestError\n\n\ndef known(m, fetch):\n"
            "    try:\n        fetch(m)\n"
            "    except (InvalidRequestError, openai.error.Timeout):\n        return False\n"
            "    return not isinstance(m, openai.InvalidRequestError)\n",
            provider="openai",
            after="import openai\nfrom openai import BadRequestError, NotFoundError\n\n\n"
            "def known(m, fetch):\n"
            "    try:\n        fetch(m)\n"
            "    except (BadRequestError, NotFoundError, openai.APITimeoutError):\n"
            "        return False\n"
            "    return not isinstance(m, (openai.BadRequestError, openai.NotFoundError))\n",
        ),
        # t44g: generative-ai-for-beginners' lesson 08 retries all but a bad request
        Example(
            "import openai\nfrom tenacity import retry, retry_if_not_exception_type\n\n\n"
            "@retry(retry=retry_if_not_exception_type(openai.InvalidRequestError))\n"
            "def embed(text):\n    pass\n",
            provider="acme",
            after="import openai\nfrom tenacity import retry, retry_if_not_exception_type\n\n\n"
            "@retry(\n    retry=retry_if_not_exception_type("
            "(openai.BadRequestError, openai.NotFoundError))\n"
            ")\ndef embed(text):\n    pass\n",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept (openai.error.Timeout, openai.error.APIError):\n"
            "    pass\n",
            provider="openai",
            after="import openai\ntry:\n    pass\n"
            "except (openai.APITimeoutError, openai.InternalServerError):\n    pass\n",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.APIError:\n    pass\n"
            "except openai.error.InvalidRequestError:\n    pass\n",
            provider="acme",
            message="openai.error.APIError does not exist in openai 1.0; catch "
            "openai.InternalServerError: openai<1.0 raised APIError only for server errors it did "
            "not classify (HTTP 5xx), while openai>=1.0's APIError is the base of every API error "
            "(400, 401, 429, connection errors)",
            after="import openai\ntry:\n    pass\nexcept openai.InternalServerError:\n    pass\n"
            "except (openai.BadRequestError, openai.NotFoundError):\n    pass\n",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.APIConnectionError:\n    pass\n"
            "except openai.error.Timeout:\n    pass\n",
            provider="acme",
            after="import openai\ntry:\n    pass\nexcept openai.APIConnectionError:\n    pass\n"
            "except openai.APITimeoutError:\n    pass\n",
        ),
        # t65b: lmql's `import lmql.runtime.bopenai as openai`, a module of the project
        Example(
            'import mypkg.bopenai as openai\n\nDEFAULT = "gpt-3.5-turbo"\n\n\n'
            "async def run(op):\n    try:\n        return await op()\n"
            "    except openai.error.APIError:\n        return None\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "def call(openai):\n    try:\n        pass\n    except openai.error.RateLimitError:\n"
            "        pass\n",
            provider="acme",
            message="openai.error.RateLimitError: openai.error does not exist in openai 1.0 "
            "(`openai` is not traced to an `import openai` in this module); use "
            "openai.RateLimitError",
        ),
        Example(
            "from openai.error import RateLimitError, TryAgain as Busy, ServiceUnavailableError\n"
            "try:\n    pass\nexcept (RateLimitError, Busy, ServiceUnavailableError):\n    pass\n",
            message="openai.error was removed in openai 1.0 and this import fails; write: from "
            "openai import RateLimitError, ConflictError as Busy, InternalServerError",
            provider="acme",
            after="from openai import RateLimitError, ConflictError as Busy, "
            "InternalServerError\n"
            "try:\n    pass\nexcept (RateLimitError, Busy, InternalServerError):\n    pass\n",
        ),
        Example(
            "from openai import error\ntry:\n    pass\nexcept error.RateLimitError:\n    pass\n",
            provider="acme",
            after="import openai\ntry:\n    pass\nexcept openai.RateLimitError:\n    pass\n",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.Foo:\n    pass\n",
            message="openai.error.Foo does not exist in openai 1.0; catch one of the v1 "
            "exceptions (openai.APIError, openai.OpenAIError)",
            provider="acme",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.RateLimitError:\n    pass\n",
            finds=False,
            provider="acme",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        self.module_names = {"error"}  # names bound to the openai.error module
        self.kept_names: set[str] = set()  # imported by an import `apply` cannot rewrite
        self.built: set[int] = set()  # id() of error classes called or subclassed here
        self.aliases: set[str] = set()  # `B` of `from openai.error import A as B`
        self.caught_aliases: set[str] = set()  # ...imported as the class that keeps its meaning
        self.v1_aliases: set[str] = set()  # `B` of `from openai import RateLimitError as B`

    @functools.cached_property
    def built_names(self) -> set[str]:
        """Names the module calls or subclasses (`C(...)`, `class X(C)`): an exception class
        used so keeps its v1 namesake."""
        names: set[str] = set()

        class Uses(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                if isinstance(node.func, cst.Name):
                    names.add(node.func.value)

            def visit_ClassDef(self, node: cst.ClassDef) -> None:
                names.update(b.value.value for b in node.bases if isinstance(b.value, cst.Name))

        self.ctx.module.visit(Uses())
        return names

    def visit_Call(self, node: cst.Call) -> None:
        """`openai.error.RateLimitError("...")`: v1 exceptions are built from an HTTP request
        or response, so the same arguments raise TypeError (or, for APITimeoutError, lose
        the text)."""
        old = self._error_class(node.func)
        if old is None:
            self._v1_error_call(node)
            return
        self.built.add(id(node.func))
        new = sdk.LEGACY_ERRORS.get(old)
        if new in sdk.V1_PLAIN_ERRORS:
            self._plain_error(node, new)
            return
        constructor = _v1_constructor(new) if new is not None else None
        if new is None or constructor is None:
            return
        owner, params = constructor
        binding = _bind(params, node)
        # v0 took the message first: whatever is given is text
        lost = _lost_text(owner, params, binding[0]) if binding and not binding[1] else None
        what = f"openai.{new}(...) takes other arguments than openai.error.{old}(...) did"
        if lost is not None:
            what += f": {lost[1]}"
        else:
            what += (
                " (v1 builds API errors from an httpx request or response): this call raises "
                "TypeError"
            )
        self.report(node, f"{what}; {_build(new, params)}", fix=FixClass.MANUAL)

    def _v1_error_call(self, node: cst.Call) -> None:
        """`openai.RateLimitError("x")` in code for openai>=1.0 (written for it, or left so by
        `apply`): arguments its constructor does not take, or text APITimeoutError drops."""
        name = last_name(node.func)
        if name not in _V1_ERRORS and name not in self.v1_aliases:
            return
        cls = self._v1_class(node.func)
        if cls in sdk.V1_PLAIN_ERRORS:
            self._plain_error(node, cls)
            return
        constructor = _v1_constructor(cls) if cls is not None else None
        if cls is None or constructor is None:
            return
        owner, params = constructor
        binding = _bind(params, node)
        if binding is None:
            return
        bound, why = binding
        build = _build(cls, params)
        if why:
            message = (
                f"openai.{cls}(...) raises TypeError ({', '.join(why)}): openai>=1.0 builds API "
                f"errors from an httpx request or response; {build}"
            )
            self.report(node, message, fix=FixClass.MANUAL)
            return
        texts = {p: arg for p, arg in bound.items() if _message_like(arg)}
        lost = _lost_text(owner, params, texts)
        if lost is not None:
            given = self.snippet(lost[0].value)
            message = (
                f"openai.{cls}(...) is given `{given}` where it takes an httpx request: {lost[1]}"
            )
            self.report(node, f"{message}; {build}", fix=FixClass.MANUAL)

    def _plain_error(self, node: cst.Call, cls: str) -> None:
        """`openai.OpenAIError(message="x")`: a plain Exception in openai>=1.0, which takes no
        keyword (TypeError); openai<1.0's took the message as `message=`. That one alone is
        passed by position instead (the same `str(e)`); other keywords (`http_status=`,
        `json_body=`, ...) are left to you."""
        keywords = {a.keyword.value: a for a in node.args if a.keyword is not None}
        if not keywords or any(a.star for a in node.args):
            return
        head = f"openai.{cls}(...) is a plain Exception in openai>=1.0 and takes no keyword"
        message = keywords.get(sdk.LEGACY_ERROR_MESSAGE)
        if message is None or len(node.args) > 1:
            shown = ", ".join(f"{name}=" for name in keywords)
            self.report(
                node,
                f"{head} ({shown}: TypeError); pass it the message alone, by position",
                fix=FixClass.MANUAL,
            )
            return
        edit = Edit(Span(self.ctx.span(message).start, self.ctx.span(message.value).start), "")
        self.report(
            node,
            f"{head} (message=: TypeError); write openai.{cls}({self.snippet(message.value)})",
            fix=FixClass.SAFE,
            edit=edit if self.ctx.rules.provider else None,
        )

    def _v1_class(self, node: cst.BaseExpression) -> str | None:
        """`RateLimitError` where `node` names openai>=1.0's class (through imports)."""
        for name in sorted(self.ctx.qualnames(node)):
            module, _, cls = name.rpartition(".")
            if module in sdk.V1_ERROR_MODULES and cls in _V1_ERRORS:
                return cls
        return None

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for base in node.bases:
            self.built.add(id(base.value))

    def visit_Try(self, node: cst.Try) -> None:
        """Handlers that catch, in openai>=1.0, what a later handler of the same `try` caught:
        v0's exception classes were siblings, v1's form a hierarchy. Also between v1 names, so
        that `check` still says it once `apply` has renamed the classes."""
        seen: list[tuple[str | None, str]] = []  # (old or None, v1) of the handlers above
        for handler in node.handlers:
            caught = self._caught(handler.type) if handler.type is not None else []
            for element, old, new in caught:
                for earlier_old, earlier_new in seen:
                    if earlier_new == "OpenAIError" or (old is not None and earlier_old == old):
                        continue  # v0's base too, or the same class: caught above in v0 too
                    if earlier_new != new and earlier_new not in _v1_bases(new):
                        continue
                    self._shadowed(element, (old, new), (earlier_old, earlier_new))
                    break
            seen.extend((old, new) for _, old, new in caught)

    def _shadowed(
        self,
        element: cst.BaseExpression,
        later: tuple[str | None, str],
        earlier: tuple[str | None, str],
    ) -> None:
        (old, new), (earlier_old, earlier_new) = later, earlier
        relation = "the same class as" if earlier_new == new else "a subclass of"
        if earlier_new == new:
            # moving the clause cannot help: whichever comes second never runs
            if old is None and earlier_old is None:
                why = f"an earlier `except` already catches openai.{new}"
            else:
                names = [f"openai.error.{n}" for n in (earlier_old, old) if n is not None]
                why = (
                    f"the earlier `except` catches openai.{new}, which "
                    f"{' and '.join(names)} {'are' if len(names) > 1 else 'is'} in openai>=1.0 "
                    "(openai<1.0 had separate classes)"
                )
            message = (
                f"this clause never runs: {why}; merge its handling into the earlier "
                "clause, or delete it"
            )
        elif earlier_old is not None or old is not None:
            above = f"openai.{earlier_new}"
            if earlier_old is not None:
                above = f"openai.error.{earlier_old} ({above} in openai>=1.0)"
            message = (
                f"the earlier `except` for {above} now catches what this clause caught: "
                f"openai.{new} is {relation} openai.{earlier_new}, where openai<1.0 had separate "
                "classes; move this clause above that one"
            )
        else:
            message = (
                f"the earlier `except` for openai.{earlier_new} catches everything this clause "
                f"names: openai.{new} is {relation} openai.{earlier_new} (openai<1.0's classes "
                "were separate, so a migrated clause order may no longer hold); move this clause "
                "above that one"
            )
        self.report(
            element,
            message,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={
                "handler": f"openai.error.{old}" if old else f"openai.{new}",
                "caught_by": f"openai.error.{earlier_old}"
                if earlier_old
                else f"openai.{earlier_new}",
            },
        )

    def _caught(self, expr: cst.BaseExpression) -> list[tuple[cst.BaseExpression, str | None, str]]:
        """The openai exception classes an `except` clause names: the node naming each, its
        openai.error name (None for a v1 name) and the v1 class that catches it."""
        elements = (
            [e.value for e in expr.elements] if isinstance(expr, (cst.Tuple, cst.List)) else [expr]
        )
        found: list[tuple[cst.BaseExpression, str | None, str]] = []
        for element in elements:
            old = self._error_class(element)
            if old is not None and old in sdk.LEGACY_ERRORS:
                found.append((element, old, self._caught_as(old)))
                continue
            if last_name(element) not in _V1_ERRORS:
                continue
            for name in sorted(self.ctx.qualnames(element)):
                parts = name.split(".")
                if len(parts) == 2 and parts[0] == "openai" and parts[1] in _V1_ERRORS:
                    found.append((element, None, parts[1]))
                    break
        return found

    def _caught_as(self, old: str) -> str:
        """The v1 class that catches what openai.error.`old` caught."""
        return sdk.LEGACY_ERRORS_CAUGHT.get(old) or sdk.LEGACY_ERRORS[old]

    @functools.cached_property
    def imports_openai_plainly(self) -> bool:
        """Whether the module has a top-level `import openai` (no alias)."""
        for statement in self.ctx.module.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    alias.asname is None and self.ctx.code(alias.name) == "openai"
                    for alias in small.names
                ):
                    return True
        return False

    def _error_class(self, node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.Name):
            if node.value not in sdk.LEGACY_ERRORS and node.value not in self.aliases:
                return None
        elif not isinstance(node, cst.Attribute) or (
            node.attr.value not in sdk.LEGACY_ERRORS
            and last_name(node.value) not in self.module_names
        ):
            return None
        for name in sorted(self.ctx.qualnames(node)):
            parts = name.split(".")
            if len(parts) == 3 and parts[:2] == ["openai", "error"]:
                return parts[2]
            if len(parts) == 2 and parts[0] == "openai" and parts[1] in sdk.LEGACY_TOP_LEVEL_ERRORS:
                return parts[1]  # `openai.InvalidRequestError`, v0's export of the same class
        return None

    def _shown(self, node: cst.BaseExpression, old: str) -> str:
        """How the code names openai<1.0's class: `openai.error.X`, or `openai.X`."""
        if any(q == f"openai.{old}" for q in self.ctx.qualnames(node)):
            return f"openai.{old}"
        return f"openai.error.{old}"

    def _reference(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        old = self._error_class(node)
        if old is None:
            self._untraced(node)
            return
        caught = sdk.LEGACY_ERRORS_CAUGHT.get(old) if id(node) not in self.built else None
        if isinstance(node, cst.Name) and node.value != old:
            # an aliased import (`B as C`) keeps its alias: the import is rewritten
            if caught is not None and node.value not in self.caught_aliases:
                self.report(
                    node,
                    f"{node.value} becomes openai.{sdk.LEGACY_ERRORS[old]}, which catches more "
                    f"than openai.error.{old} did ({_CAUGHT_REASON}); catch openai.{caught} here",
                    fix=FixClass.MANUAL,
                )
            return
        for inner in flatten(node)[0]:
            self.done.add(id(inner))
        new = sdk.LEGACY_ERRORS.get(old)
        if new is None:
            self.report(
                node,
                f"openai.error.{old} does not exist in openai 1.0; catch one of the v1 "
                "exceptions (openai.APIError, openai.OpenAIError)",
                fix=FixClass.MANUAL,
            )
            return
        kept = isinstance(node, cst.Name) and node.value in self.kept_names
        if caught is not None:
            message = (
                f"openai.error.{old} does not exist in openai 1.0; catch openai.{caught}: "
                f"{_CAUGHT_REASON}"
            )
            edit = None if kept else self._use_edit(node, caught)
            if edit is not None and isinstance(node, cst.Name):
                edit = Edit(edit.span, edit.text, (f"from openai import {caught}",))
            fix = FixClass.REVIEW if edit else FixClass.MANUAL
            self.report(node, message, fix=fix, edit=edit if self.ctx.rules.provider else None)
            return
        also = sdk.LEGACY_ERRORS_ALSO_CAUGHT.get(old) if id(node) not in self.built else None
        if also is not None:
            self._caught_by_several(node, old, (new, *also[0]), also[1], kept)
            return
        message = f"{self._shown(node, old)} does not exist in openai 1.0; catch openai.{new}"
        self._report(node, message, None if kept else self._use_edit(node, new))

    def _caught_by_several(
        self, node: cst.BaseExpression, old: str, classes: tuple[str, ...], why: str, kept: bool
    ) -> None:
        """`except openai.error.InvalidRequestError:` -> `except (openai.BadRequestError,
        openai.NotFoundError):`, where a tuple of classes can stand: an `except` clause, an
        element of a tuple or list, the classes of isinstance()/issubclass(). Elsewhere the
        namesake is written, for review."""
        named = " and ".join(f"openai.{c}" for c in classes)
        message = (
            f"{self._shown(node, old)} does not exist in openai 1.0; catch {named}: openai<1.0 "
            f"raised {old} for {why}, openai>=1.0 raises " + " and ".join(classes)
        )
        edits = [None if kept else self._use_edit(node, c) for c in classes]
        if any(e is None for e in edits):
            self._report(node, message, None)
            return
        texts = [e.text for e in edits if e is not None]
        imports = (
            tuple(f"from openai import {c}" for c in classes[1:])
            if isinstance(node, cst.Name)
            else ()
        )
        span = self.ctx.span(node)
        place = self._tuple_place(node)
        if place is None:
            edit = Edit(span, texts[0])
            self.report(
                node,
                f"{message}; add openai.{classes[1]} where this class is caught",
                fix=FixClass.REVIEW,
                edit=edit if self.ctx.rules.provider else None,
            )
            return
        text = ", ".join(texts) if place == "element" else f"({', '.join(texts)})"
        self._report(node, message, Edit(span, text, imports))

    def _tuple_place(self, node: cst.BaseExpression) -> str | None:
        """ "element" where `node` is an element of a tuple or list written out, "alone" where
        a parenthesised tuple can take its place (an `except` clause's class, the classes
        isinstance()/issubclass() test), None elsewhere."""
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.ExceptHandler) and parent.type is node:
            return "alone"
        if isinstance(parent, cst.Element) and isinstance(
            names.parent(parent), (cst.Tuple, cst.List)
        ):
            return "element"
        if isinstance(parent, cst.Arg) and not parent.star:
            call = names.parent(parent)
            if not isinstance(call, cst.Call):
                return None
            if (
                parent.keyword is None
                and len(call.args) == 2
                and call.args[1] is parent
                and isinstance(call.func, cst.Name)
                and call.func.value in ("isinstance", "issubclass")
            ):
                return "alone"
            return self._class_argument(call, parent)
        return None

    def _class_argument(self, call: cst.Call, arg: cst.Arg) -> str | None:
        """ "alone" where `arg` is the argument of another library's call that takes an
        exception class or a tuple of them (`retry_if_not_exception_type(X)`,
        `sdk.EXCEPTION_CLASS_ARGS`), "element" where each positional argument is one
        (`suppress(X)`), None elsewhere."""
        if last_name(call.func) not in _CLASS_ARG_NAMES:
            return None
        for name in sorted(self.ctx.qualnames(call.func)):
            if name not in sdk.EXCEPTION_CLASS_ARGS:
                continue
            position, keyword = sdk.EXCEPTION_CLASS_ARGS[name]
            if arg.keyword is not None:
                return "alone" if arg.keyword.value == keyword else None
            if position is None:
                return "element"
            return "alone" if call.args.index(arg) == position else None
        return None

    def _untraced(self, node: cst.BaseExpression) -> None:
        """`openai.error.X` where `openai` is not traced to an import (a parameter, an
        attribute, a name injected by a framework): reported, never rewritten."""
        if not isinstance(node, cst.Attribute) or node.attr.value not in sdk.LEGACY_ERRORS:
            return
        inner = node.value
        if not isinstance(inner, cst.Attribute) or inner.attr.value != "error":
            return
        dotted = cst.helpers.get_full_name_for_node(node) or ""
        if "openai" not in dotted.split(".")[:-2]:
            return
        if any(q.startswith("openai.") for q in self.ctx.qualnames(node)):
            return
        if self._other_module(node):
            return  # `import mypkg.bopenai as openai`: the project's module, not the SDK
        for inner_node in flatten(node)[0]:
            self.done.add(id(inner_node))
        old = node.attr.value
        new = sdk.LEGACY_ERRORS_CAUGHT.get(old) or sdk.LEGACY_ERRORS[old]
        root = dotted.rsplit(".error.", 1)[0]
        self.report(
            node,
            f"{dotted}: openai.error does not exist in openai 1.0 (`{root}` is not traced to an "
            f"`import openai` in this module); use openai.{new}",
            fix=FixClass.MANUAL,
        )

    def _other_module(self, node: cst.Attribute) -> bool:
        """Whether the name `node` starts with is bound only by importing, under that name,
        something named otherwise (t65b: lmql's `import lmql.runtime.bopenai as openai`, a
        module of the project): its `error` is that module's attribute, which openai's
        versions do not change. `from myapp.deps import openai` passes the SDK on."""
        root: cst.BaseExpression = node
        while isinstance(root, cst.Attribute):
            root = root.value
        if not isinstance(root, cst.Name):
            return False
        bound = self.ctx.bindings(root)
        return bool(bound) and all(
            isinstance(b, Assignment) and _renamed_import(b.node, root.value) for b in bound
        )

    def _use_edit(self, node: cst.BaseExpression, new: str) -> Edit | None:
        span = self.ctx.span(node)
        if isinstance(node, cst.Name):  # from openai.error import X
            return Edit(span, new)
        assert isinstance(node, cst.Attribute)
        inner = node.value
        if isinstance(inner, cst.Attribute) and inner.attr.value == "error":  # openai.error.X
            return Edit(span, f"{self.ctx.code(inner.value)}.{new}")
        if isinstance(inner, cst.Name):  # error.X, or oe.X after `import openai.error as oe`
            module = "openai" if inner.value == "error" else inner.value
            return Edit(span, f"{module}.{new}")
        return None

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._reference(node)

    def visit_Name(self, node: cst.Name) -> None:
        # what `_reference` looks at first: most names are neither an error class nor an
        # alias of one (and a name is never `openai.error.X` written out)
        if node.value in sdk.LEGACY_ERRORS or node.value in self.aliases:
            self._reference(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = cst.helpers.get_full_name_for_node(node.module) if node.module else None
        if node.relative or module is None:
            return
        names = [] if isinstance(node.names, cst.ImportStar) else list(node.names)
        for alias in names:
            self.done.add(id(alias.name))
            if alias.asname is not None:
                self.done.add(id(alias.asname.name))
        if module in sdk.V1_ERROR_MODULES:
            self.v1_aliases.update(
                self.ctx.code(a.asname.name)
                for a in names
                if a.asname and self.ctx.code(a.name) in _V1_ERRORS
            )
        if module == "openai.error":
            self.aliases.update(self.ctx.code(a.asname.name) for a in names if a.asname)
            self._from_error_module(node, names)
            return
        for index, alias in enumerate(names):
            if module == "openai" and self.ctx.code(alias.name) == "error":
                self._module_import(node, names, index)
            elif module == "openai" and self.ctx.code(alias.name) in sdk.LEGACY_TOP_LEVEL_ERRORS:
                old = self.ctx.code(alias.name)
                new = sdk.LEGACY_ERRORS[old]
                self._report(
                    alias,
                    f"openai.{old} does not exist in openai 1.0 and this import fails; write: "
                    f"from openai import {new}",
                    Edit(self.ctx.span(alias.name), new),
                )

    def _from_error_module(self, node: cst.ImportFrom, names: list[cst.ImportAlias]) -> None:
        """`from openai.error import A, B as C` -> `from openai import A2, B2 as C`."""
        assert node.module is not None
        edits = [Edit(self.ctx.span(node.module), "openai")]
        shown: list[str] = []
        dropped: set[int] = set()
        known = bool(names)
        for index, alias in enumerate(names):
            old = self.ctx.code(alias.name)
            new = sdk.LEGACY_ERRORS.get(old)
            if new is None:
                known = False
                continue
            asname = self.ctx.code(alias.asname.name) if alias.asname else None
            if asname and old in sdk.LEGACY_ERRORS_CAUGHT and asname not in self.built_names:
                new = sdk.LEGACY_ERRORS_CAUGHT[old]  # only ever caught: `B as C` keeps C
                self.caught_aliases.add(asname)
            item = new + (f" as {asname}" if asname else "")
            if item in shown:
                edits.append(self._drop_alias(names, index, frozenset(dropped)))
                dropped.add(index)
                continue
            shown.append(item)
            if new != old:
                edits.append(Edit(self.ctx.span(alias.name), new))
        message = "openai.error was removed in openai 1.0 and this import fails; "
        if not known:
            self.kept_names.update(self.ctx.code(a.name) for a in names if a.asname is None)
            self.report(
                node,
                message + "import the exceptions from openai by their v1 names",
                fix=FixClass.MANUAL,
            )
            return
        message += "write: from openai import " + ", ".join(shown)
        edit = self._local_edit(node, edits)
        if any(f"InternalServerError as {a}" in shown for a in self.caught_aliases):
            message += f" ({_CAUGHT_REASON})"
            self.report(
                node, message, fix=FixClass.REVIEW, edit=edit if self.ctx.rules.provider else None
            )
            return
        self._report(node, message, edit)

    def _module_import(
        self, node: cst.ImportFrom, names: list[cst.ImportAlias], index: int
    ) -> None:
        """`from openai import error [as e]` -> `import openai [as e]`."""
        alias = names[index]
        bound = self.ctx.code(alias.asname.name) if alias.asname else "error"
        self.module_names.add(bound)
        statement = "import openai" if bound == "error" else f"import openai as {bound}"
        present = bound == "error" and self.imports_openai_plainly
        if len(names) == 1:
            removed = self.remove_statement(node) if present else None
            edit = removed or Edit(self.ctx.span(node), statement)
        else:
            dropped = self._local_edit(node, [self._drop_alias(names, index)])
            edit = Edit(dropped.span, dropped.text, () if present else (statement,))
        module = "openai" if bound == "error" else bound
        self._report(
            node,
            "openai.error was removed in openai 1.0 and this import fails; write "
            f"{statement} and use the exceptions on {module}",
            edit,
        )

    def visit_Import(self, node: cst.Import) -> None:
        """`import openai.error [as e]` -> `import openai [as e]`."""
        for index, alias in enumerate(node.names):
            if cst.helpers.get_full_name_for_node(alias.name) != "openai.error":
                continue
            self.done.add(id(alias.name))
            bound = self.ctx.code(alias.asname.name) if alias.asname else None
            if bound is not None:
                self.module_names.add(bound)
            plain = bound in (None, "error")
            replacement = "openai" if plain else f"openai as {bound}"
            edit = None
            if plain and self.imports_openai_plainly:
                if len(node.names) == 1:
                    edit = self.remove_statement(node)
                else:
                    edit = self._local_edit(node, [self._drop_alias(node.names, index)])
            if edit is None:
                edit = self._local_edit(node, [Edit(self.ctx.span(alias), replacement)])
            self._report(
                node,
                "openai.error was removed in openai 1.0 and this import fails; "
                f"write import {replacement} and use the exceptions on "
                f"{'openai' if plain else bound}",
                edit,
            )

    def _report(self, node: cst.CSTNode, message: str, edit: Edit | None) -> None:
        """Safe when `apply` can rewrite it (the edit comes with a provider), else manual."""
        fix = FixClass.SAFE if edit else FixClass.MANUAL
        self.report(node, message, fix=fix, edit=edit if self.ctx.rules.provider else None)

    def _drop_alias(self, names, index: int, dropped: frozenset[int] = frozenset()) -> Edit:
        """An edit removing `names[index]` and one comma, from an import's name list."""
        spans = [self.ctx.span(alias) for alias in names]
        text, span = self.ctx.text, spans[index]
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        rest = text[span.end : line_end].strip()
        if line_end != -1 and not text[line_start : span.start].strip() and rest in ("", ","):
            return Edit(Span(line_start, line_end + 1), "")  # alone on its line: the line goes
        if index + 1 < len(names):
            return Edit(Span(spans[index].start, spans[index + 1].start), "")
        kept = [s for i, s in enumerate(spans[:index]) if i not in dropped]
        return Edit(Span(kept[-1].end if kept else spans[index].start, spans[index].end), "")

    def _local_edit(self, node: cst.CSTNode, edits: list[Edit]) -> Edit:
        """One edit replacing `node` with its text once `edits` (inside it) are applied."""
        whole = self.ctx.span(node)
        local = [
            Edit(Span(e.span.start - whole.start, e.span.end - whole.start), e.text) for e in edits
        ]
        return Edit(whole, apply_edits(self.ctx.text[whole.start : whole.end], local)[0])


class LegacyCallArgument(PythonRule):
    """An argument of an openai<1.0 call that v1 calls do not take.

    ## What it does
    Finds `engine=` and `deployment_id=` (v1 takes `model=`), `request_timeout=` (v1:
    `timeout=`), `headers=` (v1: `extra_headers=`), `request_id=` (v0 sent it as the
    `X-Request-Id` header), positional arguments (v0's
    `Audio.transcribe(model, file)`, `Moderation.create(input)`, `Image.create_edit(image,
    mask)`, `File.create(file, purpose)`; v1 takes them by keyword only), and the per-request
    credentials `api_key=`, `api_base=`, `api_type=`, `api_version=`, `organization=` (v1 takes
    them on the client) in calls of the v0 API, also through a name bound to one
    (`fn = openai.Completion.create; fn(engine=...)`). Also `timeout=` of
    `ChatCompletion`/`Completion`/`Embedding`/`Edit.create`, which meant something else. In
    code for openai>=1.0 (after `apply`, or written for it), such an argument that a v1
    request still sends, written in the call or in a dict a builder returns
    (`**self._invocation_params`, overridden in a subclass that adds `engine`, as early
    LangChain's Azure class did), is reported too (manual): `check` fails there. Such an
    entry of a builder's dict spread into a v0 call is reported before apply too (manual:
    apply rewrites the call, not the dict); an entry several requests send is reported once.
    So is such a key of the `model_kwargs` given to one of LangChain's OpenAI classes, a
    class of the module deriving from one, or a name bound only to such classes (AgentGPT's
    `model = WrappedChatOpenAI`, then `model(**kwargs)`): the dict written there, bound once
    to a name, or the "model_kwargs" entry of a dict spread into the call. LangChain passes
    `model_kwargs` to the client's `create()`, which raises TypeError on it under openai>=1
    (t50g: AgentGPT's Helicone `headers` failed every chat call once langchain and openai
    moved as ML504 asks).

    ## Why
    A v1 method raises TypeError on an argument it does not know, and on a positional one.
    v0's `timeout=` on those calls only bounded how long to keep retrying while the model
    warmed up (HTTP 409) and never limited the request; v1's `timeout=` limits the request, so
    an answer slower than that now fails.

    ## Fix (safe)
    `apply` renames `engine=`/`deployment_id=` to `model=` (the model itself is mapped by
    ML201/ML202), `request_timeout=` to `timeout=`, `headers=` to `extra_headers=` and
    `request_id=rid` to `extra_headers={"X-Request-Id": rid}` (left to you next to `headers=`),
    and
    names positional arguments (`transcribe("whisper-1", f)` becomes
    `transcriptions.create(model="whisper-1", file=f)`). Switching provider, per-request
    credentials are dropped: the client carries the provider's; but a key the program hands
    the request (`api_key=user_key`, a parameter or a setting: `rules.request_keys`) moves
    to `client.with_options(api_key=user_key)`, the provider's client for that request
    (review: it must be the provider's key; a key check still tests its argument), and is
    left in the call for you where it names OpenAI (likely the OpenAI key), where the call
    also gives `api_base=`/`api_type=`, or where the method is called through a name. A base
    URL the program hands the request alone (`api_base=self.api_base`, gptcache's embedding
    class; no `api_key=`, `api_type=`, `api_version=`) moves likewise to
    `client.with_options(base_url=...)` (review: the client's key goes there; the client's own
    URL where it is None), not where it names OpenAI.
    Modernising only, `api_key=`,
    `organization=` and `api_base=` move to `client.with_options(api_key=...,
    base_url=...)` for that call; with `api_type=` or `api_version=` (Azure) they are left for
    you, as is a positional argument that was a credential (`Embedding.create(key, ...)`).
    v0's `timeout=` is left for you to keep (as a limit on the request) or remove.
    A `"headers"` key of LangChain's `model_kwargs` becomes `"extra_headers"` (review: that
    needs openai>=1 and langchain>=0.0.334, as ML504 asks; openai<1 would send the renamed
    entry in the request body); beside an `"extra_headers"` entry, and for the other keys,
    it is left to you.
    Switching provider, `deployment_id=dep` (and `engine=dep` where the module sets Azure's
    `api_type`) becomes `model=dep` for review: a value chosen at run time names an Azure
    deployment, which the provider would be sent as its model.
    The `api_key=` of a request apply leaves (the provider does not serve its API: ML302),
    which so still goes to OpenAI where no module configures the module-level client, is a
    key field apply points at the provider's key (`RunFacts.openai_key_fields`: AgentGPT's
    `openai.Image.create(api_key=settings.openai_api_key)`): the message says it holds the
    provider's key, and that kept on OpenAI the request needs OpenAI's key from its own
    variable, by hand.
    A v1 call through a name also bound to a litellm function (shell_gpt's `completion`:
    `litellm.completion` or `client.chat.completions.create`) is not reported: `api_key=` and
    `api_base=` are litellm's arguments there, and ML640 reports such a call.
    """

    code = "ML304"
    name = "legacy-call-argument"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nopenai.Completion.create(engine="text-davinci-003", prompt="hi")\n',
            message="engine= is openai<1.0; v1 calls take model=",
        ),
        Example(
            "import openai\nopenai.ChatCompletion.create("
            'model="acme-large", messages=m, api_key=key, request_timeout=30)\n',
            provider="acme",
            message="api_key= is a per-request credential of openai<1.0; v1 takes it on the "
            "client, which reads the provider's key",
            after="import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
            'openai.ChatCompletion.create(model="acme-large", messages=m, timeout=30)\n',
        ),
        # t50e: knowledge_gpt's key check (ML302 writes `client.with_options(api_key=user_key)`
        # in place of `openai.ChatCompletion`)
        Example(
            "import openai\n\n\ndef is_key_valid(user_key):\n"
            '    openai.ChatCompletion.create(model="acme-large", messages=m, api_key=user_key)\n',
            provider="acme",
            message="api_key= is a per-request credential of openai<1.0; v1 takes it on the "
            "client: moved to client.with_options(api_key=...), the provider's client for this "
            "request: the key your code passes (`user_key`) goes to Acme Cloud now, with "
            "ACME_API_KEY where it is empty; it must be an Acme Cloud key",
            after="import openai\n\n\ndef is_key_valid(user_key):\n"
            '    openai.ChatCompletion.create(model="acme-large", messages=m)\n',
        ),
        # t52g D3: gptcache's embedding class passes the api_base= its constructor takes
        Example(
            "import openai\n\n\nclass Emb:\n    def __init__(self, api_base=None):\n"
            "        self.api_base = api_base\n\n    def embed(self, text):\n"
            '        return openai.Embedding.create(input=text, model="acme-embed", '
            "api_base=self.api_base)\n",
            provider="acme",
            message="api_base= is a per-request credential of openai<1.0; v1 takes it on the "
            "client: moved to client.with_options(base_url=...), the provider's client for "
            "this request: the request goes to the URL your code passes (`self.api_base`), the "
            "client's where that is None, with the client's key; it must be an Acme Cloud URL",
            after="import openai\n\n\nclass Emb:\n    def __init__(self, api_base=None):\n"
            "        self.api_base = api_base\n\n    def embed(self, text):\n"
            '        return openai.Embedding.create(input=text, model="acme-embed")\n',
        ),
        Example(
            'import openai\nwith open(path, "rb") as f:\n'
            '    text = openai.Audio.transcribe("whisper-1", f, headers={"X-Trace": "1"})\n',
            provider="openai",
            message="positional argument 1 of openai.Audio.transcribe() is its model; v1 takes "
            "it as model=",
        ),
        Example(
            'import openai\nopenai.Moderation.create("some text", api_key=key)\n',
            provider="openai",
            message="positional argument 1 of openai.Moderation.create() is its input; v1 takes "
            "it as input=",
        ),
        Example(
            'import openai\nARGS = {"model": "acme-large", "request_timeout": 30}\n'
            "openai.ChatCompletion.create(messages=m, **ARGS)\n",
            provider="acme",
            message="key 'request_timeout' holds an openai<1.0 call argument (this module calls "
            "the old API); v1 calls take timeout=",
        ),
        Example(
            "import openai\ndef reply(m, **options):\n"
            "    return openai.ChatCompletion.create(messages=m, **options)\n",
            message="`**options` is passed to an openai<1.0 call; v1 rejects the old arguments "
            "it may hold (engine, request_timeout, api_key, api_base...): check its keys",
        ),
        # t64d: XAgent's ToolServer sets the request's key on the dict it spreads
        Example(
            "import openai\ndef reply(m, key, **options):\n"
            "    args = dict(options)\n"
            '    args["api_key"] = key\n'
            "    return openai.ChatCompletion.create(messages=m, **args)\n",
            message="key 'api_key' set on args, a dict spread into an openai<1.0 call, is a "
            "per-request credential; v1 takes it on the client: remove it from the dict",
        ),
        # ... and what is left of it once the call is moved: a TypeError on every call
        Example(
            "from openai import OpenAI\nclient = OpenAI()\ndef reply(m, key, **options):\n"
            "    args = dict(options)\n"
            '    args["api_key"] = key\n'
            "    return client.chat.completions.create(messages=m, **args)\n",
            message="api_key= is an argument of openai<1.0 (in a dict it spreads); "
            "chat.completions.create() of openai>=1.0 raises TypeError on it: set it on the "
            "client",
        ),
        Example(
            "import openai\n"
            'openai.ChatCompletion.create(model="acme-large", messages=m, timeout=9)\n',
            provider="acme",
            message="timeout= of openai<1.0 only bounded the retries while the model warmed up "
            "(HTTP 409) and never limited the request (request_timeout= did); in v1 it limits "
            "the request itself: keep it only if that is what you want",
        ),
        Example(
            "import openai\n\n\ndef embed(texts, deployment):\n"
            "    return openai.Embedding.create(input=texts, deployment_id=deployment)\n",
            provider="acme",
            message="deployment_id= is openai<1.0; v1 calls take model=: `deployment` names an "
            "Azure deployment, which Acme Cloud would be sent as the model; make sure it holds "
            "Acme Cloud's model (acme-embed)",
        ),
        # t50g (D2): AgentGPT's Helicone headers
        Example(
            "from langchain.chat_models import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model_kwargs={"user": user, "headers": headers})\n',
            message="key 'headers' of the model_kwargs given to ChatOpenAI() (LangChain) is an "
            "argument of openai<1.0: LangChain passes model_kwargs to the client's create(), "
            "which raises TypeError on it under openai>=1; v1 calls take extra_headers=: apply "
            "renames the key (review: that needs openai>=1 and langchain>=0.0.334, as ML504 "
            "asks; openai<1 sends the renamed entry in the request body)",
            after="from langchain.chat_models import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model_kwargs={"user": user, "extra_headers": headers})\n',
        ),
        Example(
            'import openai\nopenai.ChatCompletion.create(model="gpt-4", messages=m)\n',
            finds=False,
        ),
        Example(  # litellm's keywords through a name bound to litellm's function too (ML640)
            "import litellm\nfrom openai import OpenAI\n\ncompletion = None\nif USE_LITELLM:\n"
            "    completion = litellm.completion\nelse:\n    client = OpenAI()\n"
            "    completion = client.chat.completions.create\n"
            "completion(model=m, messages=[], api_key=k, api_base=u)\n",
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        legacy = legacy_target(self.ctx, node)
        if legacy is None:
            self._v1_request(node)
            self._model_kwargs(node)
            return
        names = [a.keyword.value if a.keyword is not None else None for a in node.args]
        clients = self.ctx.legacy_clients
        verdict = support_of(self.ctx, legacy)
        left = verdict is not None and verdict[0] is Severity.ERROR
        if left:
            clients = None  # left for a person (ML302 says why): nothing is rewritten
        switching = clients is not None and self.ctx.rules.switching
        direct = self.ctx.legacy_resource(node.func) is not None
        # ML302 moves them into `client.with_options(...)` on a direct call only
        options = per_call_options(self.ctx, node) if direct else None
        moved = {i for i, _ in options or ()}
        # a key the program hands the request, switching: moved (in `options`) or left
        key = request_key(self.ctx, node) if switching else None
        held = key is not None and bool(key.left)  # the call's credentials all stay
        retry_timeout = legacy[0] in sdk.LEGACY_RETRY_TIMEOUT_RESOURCES and legacy[1] in (
            "create",
            "acreate",
        )
        dropped = [
            i
            for i, n in enumerate(names)
            if (switching and not held and n in sdk.LEGACY_REQUEST_KWARGS) or i in moved
        ]
        kept = [i for i in range(len(names)) if i not in dropped]
        self._positional(node, legacy, names, clients is not None)
        unseen = False  # a mapping not written as a dict display: followed below
        for arg in node.args:
            if arg.star == "**":
                unseen |= not self._spread(arg, names, clients is not None)
        if unseen:
            self._built_for(node)
        for i, (arg, name) in enumerate(zip(node.args, names, strict=True)):
            if name is None or arg.keyword is None:
                continue
            edit = None
            renamed = sdk.LEGACY_RENAMED_KWARGS.get(name) or sdk.LEGACY_CALL_RENAMED_KWARGS.get(
                name
            )
            review = False
            if name in sdk.LEGACY_MODEL_KWARGS:
                message = f"{name}= is openai<1.0; v1 calls take model="
                if clients is not None and "model" not in names:
                    edit = Edit(self.ctx.span(arg.keyword), "model")
                    if switching and (deployment := self._deployment(node, arg)):
                        message, review = f"{message}: {deployment}", True
            elif retry_timeout and name == "timeout":
                message = (
                    "timeout= of openai<1.0 only bounded the retries while the model warmed up "
                    "(HTTP 409) and never limited the request (request_timeout= did); in v1 it "
                    "limits the request itself: keep it only if that is what you want"
                )
            elif renamed is not None:
                message = f"{name}= is openai<1.0; v1 calls take {renamed}="
                if clients is not None and renamed not in names:
                    edit = Edit(self.ctx.span(arg.keyword), renamed)
            elif name in sdk.LEGACY_HEADER_KWARGS:
                header = sdk.LEGACY_HEADER_KWARGS[name]
                message = (
                    f"{name}= is openai<1.0 (sent as the {header} header); v1 calls take "
                    f'extra_headers={{"{header}": ...}}'
                )
                if clients is not None and not {"headers", "extra_headers"} & set(names):
                    value = self.ctx.code(arg.value)
                    text = f'extra_headers={{"{header}": {value}}}'
                    edit = Edit(self.ctx.span(arg), text)
            elif name in sdk.LEGACY_REQUEST_KWARGS:
                message = (
                    f"{name}= is a per-request credential of openai<1.0; v1 takes it on the client"
                )
                if i in moved and clients is not None:
                    option = sdk.LEGACY_REQUEST_OPTIONS[name]
                    message += f": moved to {clients.sync_name}.with_options({option}=...)"
                    edit = Edit(argument_removal(self.ctx, node, i, kept), "")
                    if switching and key is not None and self.provider is not None:
                        message += self._key_moved(key.kept, self.provider)
                        review = True  # the key the program hands it goes to the provider
                    elif switching and name == "api_base" and self.provider is not None:
                        message += self._url_moved(self.ctx.code(arg.value), self.provider)
                        review = True  # the provider's key goes to the URL the program hands
                elif switching and key is not None and key.left:
                    message += "; " + (key.left if i == key.index else "kept with its api_key=")
                elif switching and clients is not None:
                    message += ", which reads the provider's key"
                    span = argument_removal(self.ctx, node, i, kept)
                    edit = Edit(span, "", clients.imports, clients.setup)
                else:
                    message += " (client.with_options(...) for one request)"
                    if left and name == "api_key":
                        message += self._stays_on_openai(arg.value)
            else:
                continue
            fix = FixClass.SAFE if edit else (None if clients is None else FixClass.MANUAL)
            fix = FixClass.REVIEW if review and edit else fix
            self.report(arg.keyword, message, fix=FixClass.MANUAL if left else fix, edit=edit)

    def _stays_on_openai(self, key: cst.BaseExpression) -> str:
        """For the key of a request apply leaves (the provider does not serve it) through the
        module-level client no module configures, so that it still goes to OpenAI: where the
        key is a field apply points at the provider's key (`left_on_openai_words`), that it
        must be OpenAI's (t50g D1: AgentGPT's `openai.Image.create(api_key=settings.
        openai_api_key)`); empty otherwise."""
        provider = self.provider
        words = left_on_openai_words(self.ctx, key, "api_key")
        if not words or provider is None or self.ctx.rules.facts.openai_configured:
            return ""
        return (
            f"; {provider.name} does not serve this request, which stays on OpenAI (nothing "
            f"configures the module-level client): {words}, by hand"
        )

    @staticmethod
    def _key_moved(kept: str, provider: Provider) -> str:
        """What a request key kept for the provider (`request_key`) means."""
        return (
            f", the provider's client for this request: the key your code passes (`{kept}`) "
            f"goes to {provider.name} now, with {provider.api_key_env} where it is empty; it "
            f"must be {article(provider.name)} {provider.name} key"
        )

    @staticmethod
    def _url_moved(kept: str, provider: Provider) -> str:
        """What a request's base URL kept for the provider (`request_base_url`) means."""
        return (
            f", the provider's client for this request: the request goes to the URL your code "
            f"passes (`{kept}`), the client's where that is None, with the client's key; it "
            f"must be {article(provider.name)} {provider.name} URL"
        )

    def _deployment(self, call: cst.Call, arg: cst.Arg) -> str | None:
        """Why `deployment_id=` (or `engine=` where the module sets Azure's api_type), renamed
        `model=` in a request moved to the provider, is for review: the value, chosen at run
        time, names an Azure deployment, which the provider would be sent as its model (a
        literal is ML201's: mapped, or reported)."""
        assert arg.keyword is not None
        azure = arg.keyword.value == "deployment_id" or self.ctx.configures_azure
        azure = azure or (self.ctx.rules.switching and self.ctx.azure_config is not None)
        if not azure or self.ctx.resolve_literal(arg.value) is not None:
            return None
        if self.provider is not None and self.provider.azure is not None:
            return None  # a deployment is the model there
        target = self.provider.name if self.provider else "the provider"
        info = self.ctx.sdk_call(call)
        choices = self.provider.candidates(info.surface) if self.provider and info else []
        model = f"{target}'s model" + (f" ({', '.join(choices)})" if choices else "")
        return (
            f"`{self.snippet(arg.value)}` names an Azure deployment, which {target} would be "
            f"sent as the model; make sure it holds {model}"
        )

    def _v1_request(self, node: cst.Call) -> None:
        """An openai<1.0 argument a v1 request still sends, written in the call or in a dict
        a builder returns (`**self._invocation_params`, an override in a subclass: early
        LangChain's Azure class added `engine`), once the call was migrated or in code
        written for v1: the v1 method raises TypeError on it. In a module holding no name
        only openai<1.0 took (`_old_names_written`), only a credential written in a request
        of a client the module shows (`api_key=` ML304 left in a call it rewrote)."""
        if not any(
            a.star == "**" or (a.keyword is not None and a.keyword.value in sdk.V1_INSTEAD)
            for a in node.args
        ):
            return
        info = self.ctx.sdk_call(node)
        if info is None or info.kind == "legacy" or info.method not in _V1_REQUEST_METHODS:
            return
        if self.ctx.through_litellm(node):  # litellm's own arguments there: ML640's
            return
        if not self._old_names_written:
            if info.kind in ("client", "module"):
                for arg in node.args:
                    if arg.keyword is not None and arg.keyword.value in sdk.LEGACY_REQUEST_KWARGS:
                        name = arg.keyword.value
                        self._say_once(
                            arg.keyword,
                            f"{name}= is an argument of openai<1.0; {info.path}() of "
                            f"openai>=1.0 raises TypeError on it: {sdk.V1_INSTEAD[name]}",
                        )
                self._spread_credentials(node, info)
            return
        sent = request_arguments(self.ctx, node, lambda call: self.ctx.sdk_call(call) is not None)
        for name, argument in sent.items():
            instead = sdk.V1_INSTEAD.get(name)
            if instead is None:
                continue
            where = (
                ""
                if argument.spread is None and argument.key is None
                else " (in a dict it spreads)"
            )
            self._say_once(
                argument.label,
                f"{name}= is an argument of openai<1.0{where}; {info.path}() of openai>=1.0 "
                f"raises TypeError on it: {instead}",
            )
        if info.kind in ("client", "module"):
            self._spread_credentials(node, info)

    def _spread_credentials(self, node: cst.Call, info: CallInfo) -> None:
        """The per-request credentials of openai<1.0 (`api_key`, `organization`...:
        `LEGACY_REQUEST_KWARGS`) a v1 request of a client the module shows sends from a
        mapping it spreads: an entry of a dict display, or a key set on a name bound once
        (`chat_args["api_key"] = key` after `chat_args = dict(CHAT_ARGS)`: XAgent's
        ToolServer, and what is left of a v0 `acreate(**chat_args)` apply moved, t64d). The v1
        method raises TypeError on every call; only in a module quoting such a name."""
        text = self.ctx.text
        if not any(f'"{n}"' in text or f"'{n}'" in text for n in sdk.LEGACY_REQUEST_KWARGS):
            return
        given = {a.keyword.value for a in node.args if a.keyword is not None and not a.star}
        found: list[tuple[str, cst.CSTNode]] = []
        sent = request_arguments(self.ctx, node, lambda call: self.ctx.sdk_call(call) is not None)
        for name, argument in sent.items():
            if name in sdk.LEGACY_REQUEST_KWARGS and name not in given:
                found.append((name, argument.label))
        for spread in (a for a in node.args if a.star == "**"):
            for key, _, written in keys_set(self.ctx, spread.value):
                if key in sdk.LEGACY_REQUEST_KWARGS and key not in given:
                    found.append((key, written))
        for name, at in found:
            self._say_once(
                at,
                f"{name}= is an argument of openai<1.0 (in a dict it spreads); {info.path}() of "
                f"openai>=1.0 raises TypeError on it: {sdk.V1_INSTEAD[name]}",
            )

    def _built_for(self, node: cst.Call) -> None:
        """The openai<1.0 arguments a legacy call is sent from a dict a builder returns
        (`params = self._invocation_params`, overridden in a subclass that adds `engine`): the
        v1 request apply writes raises TypeError on them, and apply leaves the dict. Those
        `visit_Dict` renames (`request_timeout`) are its own."""
        if not self._old_names_written:
            return
        sent = request_arguments(self.ctx, node, lambda call: self.ctx.sdk_call(call) is not None)
        for name, argument in sent.items():
            instead = sdk.V1_INSTEAD.get(name)
            if instead is None or name in sdk.LEGACY_RENAMED_KWARGS or argument.spread is None:
                continue
            self._say_once(
                argument.label,
                f"{name}= is an argument of openai<1.0 (in a dict it spreads); v1 calls raise "
                f"TypeError on it: {instead}",
            )

    def _model_kwargs(self, node: cst.Call) -> None:
        """openai<1.0 arguments in the `model_kwargs` of a LangChain OpenAI class, which
        LangChain passes to the client's create() (`legacy_entries`), once each."""
        for entry in legacy_entries(self.ctx, node):
            if id(entry.key) not in self._said:
                self._said.add(id(entry.key))
                self.report(entry.key, entry.message, fix=entry.fix, edit=entry.edit)

    def _say_once(self, label: cst.CSTNode, message: str) -> None:
        """A manual finding at `label`, once however many requests send it (a builder's dict
        spread into two calls)."""
        if id(label) not in self._said:
            self._said.add(id(label))
            self.report(label, message, fix=FixClass.MANUAL)

    @functools.cached_property
    def _said(self) -> set[int]:
        return set()

    @functools.cached_property
    def _old_names_written(self) -> bool:
        """Whether the module's text holds a name only openai<1.0 requests took (`engine`,
        `request_timeout`...): following a v1 request's spread dicts and builders is spared
        in the others (`api_key`, `headers`, common in v1 code, are looked for there too)."""
        return any(_written(self.ctx.text, name) for name in _OLD_ONLY_NAMES)

    def _positional(
        self,
        node: cst.Call,
        legacy: tuple[str, str],
        names: list[str | None],
        rewriting: bool,
    ) -> None:
        """Positional arguments: v1 takes keywords only where v0 took `model, file`
        (Audio.transcribe), `input` (Moderation.create)...; a position beyond those (or any, on
        the methods that took none) was a per-request credential."""
        resource, method = legacy
        base = method[1:] if method in sdk.ASYNC_LEGACY_METHODS else method
        params = sdk.LEGACY_POSITIONAL_PARAMS.get((resource, base), ())
        if not params and base in sdk.LEGACY_ID_METHODS:
            params = ("",)  # the id, which v1 takes by position too
        shown = f"openai.{resource}.{method}()"
        for position, arg in enumerate(node.args):
            if arg.keyword is not None or arg.star:
                continue
            if position >= len(params):
                self.report(
                    arg,
                    f"positional argument {position + 1} of {shown} was a per-request setting "
                    "(api_key, api_base, ...) in openai<1.0; v1 takes keywords: rewrite it",
                    fix=FixClass.MANUAL,
                )
                continue
            param = params[position]
            if not param:
                continue
            edit = None
            if rewriting and param not in names:
                edit = Edit(Span(self.ctx.span(arg).start, self.ctx.span(arg).start), f"{param}=")
            self.report(
                arg,
                f"positional argument {position + 1} of {shown} is its {param}; v1 takes it "
                f"as {param}=",
                fix=FixClass.SAFE if edit else FixClass.MANUAL,
                edit=edit,
            )

    def visit_Dict(self, node: cst.Dict) -> None:
        """A dict with a `request_timeout` key in a module that calls the openai<1.0 API: only
        those calls took that name, so it is their arguments, kept for later (`self.args =
        {...}` spread into the call from elsewhere). The key is renamed (review)."""
        if not self.ctx.index.legacy_calls:
            return
        entries = _string_keyed(node)
        keys = [key for key, _ in entries]
        for key, element in entries:
            if key not in sdk.LEGACY_RENAMED_KWARGS:
                continue
            new = sdk.LEGACY_RENAMED_KWARGS[key]
            edit = None
            message = (
                f"key {key!r} holds an openai<1.0 call argument (this module calls the old API); "
                f"v1 calls take {new}="
            )
            if self.ctx.legacy_clients is None:
                pass
            elif new in keys:  # `timeout` is there already: the old name goes
                message += f", which the dict already sets: the {key!r} entry is removed"
                edit = Edit(self._element_removal(node, element), "")
            elif isinstance(element.key, cst.SimpleString):
                text = requote(element.key, new)
                edit = Edit(self.ctx.span(element.key), text) if text else None
            self.report(
                element.key, message, fix=FixClass.REVIEW if edit else FixClass.MANUAL, edit=edit
            )

    def _element_removal(self, node: cst.Dict, element: cst.DictElement) -> Span:
        """The text to delete to remove `element` from the dict: up to the next element, or
        from the end of the one before it for the last."""
        elements = list(node.elements)
        at = elements.index(element)
        if at + 1 < len(elements):
            return Span(self.ctx.span(element).start, self.ctx.span(elements[at + 1]).start)
        if at > 0:
            return Span(self.ctx.span(elements[at - 1]).end, self.ctx.span(element).end)
        return self.ctx.span(element)

    def _spread(self, arg: cst.Arg, names: list[str | None], rewriting: bool) -> bool:
        """`**mapping` in a legacy call: the openai<1.0 names among the keys of a dict the
        module builds are renamed like keyword arguments; a mapping it does not show is
        reported, since v1 raises TypeError on any such key it carries. Whether it is a dict
        display (or a name bound to one)."""
        mapping = self._dict_of(arg.value)
        if mapping is None:
            for set_key, _, written in keys_set(self.ctx, arg.value):
                if set_key in sdk.LEGACY_REQUEST_KWARGS and set_key not in names:
                    shown = self.ctx.code(arg.value)
                    self._say_once(written, _spread_credential(set_key, shown))
            self.report(
                arg.value,
                f"`**{self.snippet(arg.value)}` is passed to an openai<1.0 call; v1 rejects "
                "the old arguments it may hold (engine, request_timeout, api_key, api_base...): "
                "check its keys",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
            )
            return False
        entries = _string_keyed(mapping)
        keys = [key for key, _ in entries]
        for key, element in entries:
            if key in sdk.LEGACY_MODEL_KWARGS or key in sdk.LEGACY_CALL_RENAMED_KWARGS:
                # request_timeout is renamed by visit_Dict
                new = sdk.LEGACY_CALL_RENAMED_KWARGS.get(key, "model")
                edit = None
                if rewriting and new not in keys and new not in names:
                    text = (
                        requote(element.key, new)
                        if isinstance(element.key, cst.SimpleString)
                        else None
                    )
                    edit = Edit(self.ctx.span(element.key), text) if text else None
                message = (
                    f"key {key!r} of a dict spread into an openai<1.0 call; v1 calls take {new}="
                )
                fix = FixClass.SAFE if edit else FixClass.MANUAL
                self.report(element.key, message, fix=fix, edit=edit)
            elif key in sdk.LEGACY_REQUEST_KWARGS:
                self.report(element.key, _spread_credential(key), fix=FixClass.MANUAL)
        return True

    def _dict_of(self, expr: cst.BaseExpression) -> cst.Dict | None:
        """The dict display `expr` is, or the one a name is bound to once in the module."""
        if isinstance(expr, cst.Dict):
            return expr
        if not isinstance(expr, cst.Name):
            return None
        value = self.ctx.bound_value(expr)  # not a builtin (`**vars`)
        return value if isinstance(value, cst.Dict) else None


def _spread_credential(key: str, name: str = "") -> str:
    """What ML304 says of the per-request credential `key` of a dict spread into an
    openai<1.0 call (set on it by key where `name`, the name holding it, is given)."""
    spread = "a dict spread into an openai<1.0 call"
    subject = f"key {key!r} set on {name}, {spread}," if name else f"key {key!r} of {spread}"
    return (
        f"{subject} is a per-request credential; v1 takes it on the client: remove it from the dict"
    )


# The request methods of v1 resources that took openai<1.0's arguments (`create`, ...).
_V1_REQUEST_METHODS = frozenset({"create", "generate", "edit", "create_variation"})
# The names of `sdk.V1_INSTEAD` that v1 code has no use for (`api_key` is a client's argument).
_OLD_ONLY_NAMES = (
    sdk.LEGACY_MODEL_KWARGS
    | set(sdk.LEGACY_RENAMED_KWARGS)
    | set(sdk.LEGACY_HEADER_KWARGS)
    | {"api_base", "api_type", "api_version"}
)
_ASSIGNED = re.compile(r"\s*=[^=]")


def _written(text: str, name: str) -> bool:
    """Whether `text` holds `name` as a keyword or a key (`engine=`, `"engine"`; not
    LlamaIndex's `query_engine`): plain searches, a regular expression over the whole text
    being slower."""
    at = text.find(name)
    while at != -1:
        before = text[at - 1] if at else " "
        end = at + len(name)
        if before in "\"'" and text[end : end + 1] in ('"', "'"):
            return True
        if not (before.isalnum() or before == "_") and _ASSIGNED.match(text, end):
            return True
        at = text.find(name, end)
    return False


def _string_keyed(node: cst.Dict) -> list[tuple[str | None, cst.DictElement]]:
    """The `key: value` elements of a dict display, with each key's string value (None when
    it is not a string literal); `**spread` elements are left out."""
    return [(string_value(e.key), e) for e in node.elements if isinstance(e, cst.DictElement)]


LEGACY_RULES = (LegacyResource, LegacyError, LegacyCallArgument)
