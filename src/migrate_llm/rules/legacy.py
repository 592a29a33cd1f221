"""Rules about the openai<1.0 API, which the v1 SDK and every provider endpoint reject."""

from __future__ import annotations

import functools

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, flatten, last_name, string_value
from migrate_llm.rules.rewrite import argument_removal, requote

# v0 method -> v1 method where they differ.
_V1_METHODS = {
    ("Image", "create"): "generate",
    ("Image", "create_edit"): "edit",
    ("Audio", "transcribe"): "transcriptions.create",
    ("Audio", "translate"): "translations.create",
    ("FineTune", "create"): "create",
}


def v1_path(resource: str, method: str) -> tuple[bool, str] | None:
    """(async, `chat.completions.create`) for ChatCompletion.acreate; None without a v1 form."""
    path = sdk.LEGACY_RESOURCES.get(resource, "")
    if not path:
        return None
    is_async = method in sdk.ASYNC_LEGACY_METHODS
    base = method[1:] if is_async else method
    if not base:
        return is_async, path
    return is_async, f"{path}.{_V1_METHODS.get((resource, base), base)}"


def v1_call(resource: str, method: str) -> str | None:
    """`client.chat.completions.create` for ChatCompletion.create; None when v1 has none."""
    path = sdk.LEGACY_RESOURCES.get(resource, "")
    if not path:
        return None
    is_async = method.startswith("a") and method[1:] in ("create", "transcribe", "translate")
    base = method[1:] if is_async else method
    v1 = _V1_METHODS.get((resource, base), base)
    client = "await aclient" if is_async else "client"
    return f"{client}.{path}.{v1}"


class LegacyResource(PythonRule):
    """A call to, or a reference of, an openai<1.0 resource class (`openai.ChatCompletion`).

    ## What it does
    Finds `openai.ChatCompletion.create`, `Completion`, `Embedding`, `Image`, `Audio`,
    `Moderation`, `File`, `FineTune`, `FineTuningJob`, `Model` (also `acreate` and the
    classes passed around as values), through `import openai as x` and
    `from openai import ChatCompletion`.

    ## Why
    openai>=1.0 raises `APIRemovedInV1` when they are called.

    ## Fix (safe)
    `apply` creates one client per module after its imports (`client = openai.OpenAI(...)`,
    and `aclient = openai.AsyncOpenAI(...)` when coroutines are used) and calls it:
    `client.chat.completions.create(...)`, `await aclient.chat.completions.create(...)` for
    `acreate`, `client.images.generate` for `Image.create`. Switching provider, the clients
    read the provider's variables. `Edit`, `Engine`, `Customer` and `Deployment` have no v1
    equivalent and are left for you.
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
        Example("import openai\nclient = openai.OpenAI()\nclient.models.list()\n", finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    def _mark(self, node: cst.BaseExpression) -> None:
        for inner in flatten(node)[0]:
            self.done.add(id(inner))

    def _message(self, resource: str, method: str, called: bool) -> tuple[str, FixClass | None]:
        parens = "()" if called else ""
        shown = f"openai.{resource}" + (f".{method}" if method else "") + parens
        v1 = v1_call(resource, method or "create")
        if v1 is None:
            return (
                f"{shown} was removed in openai 1.0 and has no v1 equivalent; "
                "rewrite it with chat completions",
                FixClass.MANUAL,
            )
        if not method:
            v1 = v1.rsplit(".", 1)[0]
        return f"{shown} was removed in openai 1.0; use {v1}{parens}", None

    def visit_Call(self, node: cst.Call) -> None:
        # monkeypatch.setattr(openai.ChatCompletion, ...): the mock rule rewrites it
        mocked = node.args[0].value if node.args else None
        is_patch = last_name(node.func) in ("setattr", "object")
        if is_patch and mocked is not None and self.ctx.legacy_resource(mocked) is not None:
            self._mark(mocked)
        legacy = self.ctx.legacy_resource(node.func)
        if legacy is None:
            return
        self._mark(node.func)
        message, fix = self._message(*legacy, called=True)
        edit = self._edit(node.func, *legacy)
        resource, method = legacy
        surface = sdk.LEGACY_SURFACE.get(resource, resource.lower())
        data = {"surface": surface, "call": f"{resource}.{method}"}
        self.report(node.func, message, fix=FixClass.SAFE if edit else fix, edit=edit, data=data)

    def _reference(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        legacy = self.ctx.legacy_resource(node)
        if legacy is None:
            return
        self._mark(node)
        message, fix = self._message(*legacy, called=False)
        edit = self._edit(node, *legacy)
        self.report(node, message, fix=FixClass.SAFE if edit else fix, edit=edit)

    def _edit(self, node: cst.BaseExpression, resource: str, method: str) -> Edit | None:
        clients = self.ctx.legacy_clients
        target = v1_path(resource, method)
        if clients is None or target is None:
            return None
        is_async, path = target
        name = clients.async_name if is_async else clients.sync_name
        return Edit(self.ctx.span(node), f"{name}.{path}", clients.imports, clients.setup)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._reference(node)

    def visit_Name(self, node: cst.Name) -> None:
        self._reference(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        # `from openai import ChatCompletion` still imports in v1; its uses are reported.
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self.done.add(id(alias.name))
                if alias.asname is not None:
                    self.done.add(id(alias.asname.name))


class LegacyError(PythonRule):
    """`openai.error.X`, which does not exist in openai>=1.0.

    ## What it does
    Finds `openai.error.RateLimitError` and friends in `except` clauses and elsewhere (also
    through `import openai as oa`), and `from openai.error import ...`, `from openai import
    error` and `import openai.error`, which fail at import time.

    ## Why
    openai>=1.0 has no `openai.error` module; its exceptions live on `openai` itself and
    several were renamed, so every `except openai.error...` clause dies with AttributeError.

    ## Fix
    `apply` writes the v1 class everywhere in the file: `InvalidRequestError` is
    `BadRequestError`, `ServiceUnavailableError` and `TryAgain` are `InternalServerError`,
    `Timeout` is `APITimeoutError`, `PermissionError` is `PermissionDeniedError`.
    `from openai.error import A, B as C` becomes `from openai import A2, B2 as C` (uses of an
    unaliased name are renamed; two old names for one new class are imported once);
    `from openai import error` and `import openai.error` become `import openai` (or go, when
    the module already has it). Unknown names such as `openai.error.Foo` are left to you.
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
            "openai.BadRequestError",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept (openai.error.Timeout, openai.error.APIError):\n"
            "    pass\n",
            provider="openai",
            after="import openai\ntry:\n    pass\n"
            "except (openai.APITimeoutError, openai.APIError):\n    pass\n",
        ),
        Example(
            "from openai.error import RateLimitError, TryAgain as Busy, ServiceUnavailableError\n"
            "try:\n    pass\nexcept (RateLimitError, Busy, ServiceUnavailableError):\n    pass\n",
            message="openai.error was removed in openai 1.0 and this import fails; write: from "
            "openai import RateLimitError, InternalServerError as Busy, InternalServerError",
            provider="acme",
            after="from openai import RateLimitError, InternalServerError as Busy, "
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
            if node.value not in sdk.LEGACY_ERRORS:
                return None
        elif not isinstance(node, cst.Attribute) or (
            node.attr.value not in sdk.LEGACY_ERRORS
            and last_name(node.value) not in self.module_names
        ):
            return None
        for name in self.ctx.qualnames(node):
            parts = name.split(".")
            if len(parts) == 3 and parts[:2] == ["openai", "error"]:
                return parts[2]
        return None

    def _reference(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        old = self._error_class(node)
        if old is None or (isinstance(node, cst.Name) and node.value != old):
            return  # an aliased import (`B as C`) keeps its alias: the import is rewritten
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
        message = f"openai.error.{old} does not exist in openai 1.0; catch openai.{new}"
        kept = isinstance(node, cst.Name) and node.value in self.kept_names
        self._report(node, message, None if kept else self._use_edit(node, new))

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
        if module == "openai.error":
            self._from_error_module(node, names)
            return
        for index, alias in enumerate(names):
            if module == "openai" and self.ctx.code(alias.name) == "error":
                self._module_import(node, names, index)

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
        self._report(node, message, self._local_edit(node, edits))

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
    `timeout=`), and the per-request credentials `api_key=`, `api_base=`, `api_type=`,
    `api_version=`, `organization=` (v1 takes them on the client) in calls of the v0 API.

    ## Why
    A v1 method raises TypeError on an argument it does not know.

    ## Fix (safe)
    `apply` renames `engine=`/`deployment_id=` to `model=` (the model itself is mapped by
    ML201/ML202) and `request_timeout=` to `timeout=`. Switching provider, per-request
    credentials are dropped: the client carries the provider's. Modernising only, they are
    left for you (`client.with_options(api_key=...)` keeps a per-request key).
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
        Example(
            'import openai\nopenai.ChatCompletion.create(model="gpt-4", messages=m)\n',
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        info = self.ctx.sdk_call(node)
        if info is None or info.kind != "legacy":
            return
        names = [a.keyword.value if a.keyword is not None else None for a in node.args]
        clients = self.ctx.legacy_clients
        switching = clients is not None and self.ctx.rules.switching
        dropped = [i for i, n in enumerate(names) if switching and n in sdk.LEGACY_REQUEST_KWARGS]
        kept = [i for i in range(len(names)) if i not in dropped]
        for arg in node.args:
            if arg.star == "**":
                self._spread(arg, names, clients is not None)
        for i, (arg, name) in enumerate(zip(node.args, names, strict=True)):
            if name is None or arg.keyword is None:
                continue
            edit = None
            if name in sdk.LEGACY_MODEL_KWARGS:
                message = f"{name}= is openai<1.0; v1 calls take model="
                if clients is not None and "model" not in names:
                    edit = Edit(self.ctx.span(arg.keyword), "model")
            elif name in sdk.LEGACY_RENAMED_KWARGS:
                new = sdk.LEGACY_RENAMED_KWARGS[name]
                message = f"{name}= is openai<1.0; v1 calls take {new}="
                if clients is not None and new not in names:
                    edit = Edit(self.ctx.span(arg.keyword), new)
            elif name in sdk.LEGACY_REQUEST_KWARGS:
                message = (
                    f"{name}= is a per-request credential of openai<1.0; v1 takes it on the client"
                )
                if switching and clients is not None:
                    message += ", which reads the provider's key"
                    span = argument_removal(self.ctx, node, i, kept)
                    edit = Edit(span, "", clients.imports, clients.setup)
                else:
                    message += " (client.with_options(...) for one request)"
            else:
                continue
            fix = FixClass.SAFE if edit else (None if clients is None else FixClass.MANUAL)
            self.report(arg.keyword, message, fix=fix, edit=edit)

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

    def _spread(self, arg: cst.Arg, names: list[str | None], rewriting: bool) -> None:
        """`**mapping` in a legacy call: the openai<1.0 names among the keys of a dict the
        module builds are renamed like keyword arguments; a mapping it does not show is
        reported, since v1 raises TypeError on any such key it carries."""
        mapping = self._dict_of(arg.value)
        if mapping is None:
            self.report(
                arg.value,
                f"`**{self.snippet(arg.value)}` is passed to an openai<1.0 call; v1 rejects "
                "the old arguments it may hold (engine, request_timeout, api_key, api_base...): "
                "check its keys",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
            )
            return
        entries = _string_keyed(mapping)
        keys = [key for key, _ in entries]
        for key, element in entries:
            if key in sdk.LEGACY_MODEL_KWARGS:  # renamed keys: see visit_Dict
                new = "model"
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
                message = (
                    f"key {key!r} of a dict spread into an openai<1.0 call is a per-request "
                    "credential; v1 takes it on the client: remove it from the dict"
                )
                self.report(element.key, message, fix=FixClass.MANUAL)

    def _dict_of(self, expr: cst.BaseExpression) -> cst.Dict | None:
        """The dict display `expr` is, or the one a name is bound to once in the module."""
        if isinstance(expr, cst.Dict):
            return expr
        if not isinstance(expr, cst.Name):
            return None
        bound = self.ctx.bindings(expr)
        if len(bound) != 1 or not isinstance(bound[0], Assignment):  # not a builtin (`**vars`)
            return None
        value = self.ctx.index.assigned.get(id(bound[0].node))
        return value if isinstance(value, cst.Dict) else None


def _string_keyed(node: cst.Dict) -> list[tuple[str | None, cst.DictElement]]:
    """The `key: value` elements of a dict display, with each key's string value (None when
    it is not a string literal); `**spread` elements are left out."""
    return [(string_value(e.key), e) for e in node.elements if isinstance(e, cst.DictElement)]


LEGACY_RULES = (LegacyResource, LegacyError, LegacyCallArgument)
