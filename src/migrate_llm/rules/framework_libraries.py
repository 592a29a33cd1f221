"""ML670: a library that builds its own OpenAI client from OpenAI's variables (see
`migrate_llm.frameworks.libraries`)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm.frameworks.libraries import LIBRARIES, OpenAILibrary
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_args import argument, callee, qualified
from migrate_llm.rules.python import PythonRule


class OpenAILibraryClient(PythonRule):
    """A library that sends its requests to OpenAI with OpenAI's variables (spiceai).

    ## What it does
    In a module that uses such a library, reports once: at the first construction of its
    client class (`Spice()`), else at an import through which that class is reached
    (`import spice`, `from spice import Spice`; not `from spice.errors import APIError`
    alone). A module is left alone when it builds a backend of its own (`Provider(...)`,
    with which models are registered), or passes one everywhere it picks one: every
    `get_response(provider=...)` (and the library's other methods taking a provider), or
    every `Spice(provider=...)` (early spiceai), names a provider other than OpenAI's, and
    none names OpenAI's (`"openai"`, `OPEN_AI`). A string other than `"openai"`, an imported
    provider other than `OPEN_AI`, or a `Provider(...)` is one; a parameter or attribute,
    which may hold anything, is not.

    ## Why
    The library builds its OpenAI client itself: spiceai's default `openai` provider reads
    `OPENAI_API_KEY` and `OPENAI_API_BASE` (spice/providers.py, spiceai 0.2.2), so the program
    still needs an OpenAI key and talks to OpenAI however the rest of the code is migrated.
    spiceai also refuses a model it does not list unless a provider is passed
    (`UnknownModelError: Provider is required when unknown models are used`).

    ## Fix (manual)
    Register a spice `Provider` whose client reads the provider's key and base URL variables
    (the message names them), register the provider's models with spice, and pass that
    provider (`provider=`) where the program picks one. Model names given to the library's
    calls stay ML206's (not an OpenAI SDK call). Silent with `--provider openai`.

    ## Data
    `library` (the package), `variables` (what it reads).
    """

    code = "ML670"
    name = "openai-library"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    examples = (
        Example(
            "from spice import Spice\n\nclient = Spice()\n",
            provider="acme",
            message="Spice() sends its requests to OpenAI with OPENAI_API_KEY and "
            "OPENAI_API_BASE (spiceai's default openai provider); for Acme Cloud register a "
            "spice provider that reads ACME_API_KEY and ACME_BASE_URL, register Acme Cloud's "
            "models with it and pass it as provider=, by hand",
        ),
        Example(
            "import spice\n\n\ndef make():\n    return spice.Spice\n",
            message="spice sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            "(spiceai's default openai provider); for another provider register a spice "
            "provider that reads its key and base URL variables, register its models with it "
            "and pass it as provider=, by hand (`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            "from spice import Spice\n\nfrom .backends import BACKEND\n\nclient = Spice()\n\n\n"
            "async def ask(messages):\n"
            '    return await client.get_response(messages, "acme-large", provider=BACKEND)\n',
            provider="acme",
            finds=False,
        ),
        Example("from spice import Spice\n\nclient = Spice()\n", provider="openai", finds=False),
    )

    def visit_Module(self, node: cst.Module) -> None:
        text = self.ctx.text
        for library in LIBRARIES:
            if library.module in text:
                self._check(library)

    def _check(self, library: OpenAILibrary) -> None:
        imported: cst.CSTNode | None = None
        first: cst.Call | None = None
        picks: set[str] = set()  # how the module picks the backend (`_pick`)
        for node in self.ctx.nodes:
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                if imported is None and _reaches_client(node, library):
                    imported = node
            elif isinstance(node, cst.Call):
                if qualified(self.ctx, node.func, library.provider_classes):
                    picks.add("registered")
                elif qualified(self.ctx, node.func, library.clients):
                    first = first or node
                    given = argument(node, library.provider_keyword, None)
                    if given is not None:  # spiceai's client takes no provider: its calls do
                        picks.add(self._pick(library, given.value))
                elif (position := _provider_position(library, node)) is not None:
                    given = argument(node, library.provider_keyword, position)
                    picks.add("unknown" if given is None else self._pick(library, given.value))
        place = first or imported
        own = "registered" in picks or picks == {"own"}
        if place is not None and ("openai" in picks or not own):
            self._report(library, place)

    def _pick(self, library: OpenAILibrary, value: cst.BaseExpression, depth: int = 1) -> str:
        """ "own" where `value` names a backend other than the library's OpenAI one (a string
        other than OpenAI's, a literal, constant or default; an imported provider other than
        OpenAI's; a construction of the library's provider class; a name bound once to one
        of these), "openai" where it names that one, "unknown" for anything else (None, a
        parameter or an attribute, which may hold anything)."""
        resolved = self.ctx.resolve_literal(value)
        if resolved is not None:
            return "openai" if resolved[1] in library.openai_providers else "own"
        if isinstance(value, cst.Call):
            found = qualified(self.ctx, value.func, library.provider_classes)
            return "unknown" if found is None else "own"
        names = self.ctx.qualnames(value)
        if names:
            return "openai" if names & library.openai_provider_objects else "own"
        if isinstance(value, cst.Name) and value.value != "None" and depth > 0:
            bound = self.ctx.bound_value(value)
            if bound is not None:
                return self._pick(library, bound, depth - 1)
        return "unknown"

    def _report(self, library: OpenAILibrary, node: cst.CSTNode) -> None:
        subject = f"{callee(node.func)}()" if isinstance(node, cst.Call) else library.module
        reads = " and ".join(library.variables)
        head = f"{subject} sends its requests to OpenAI with {reads} ({library.default})"
        provider = self.provider
        if provider is None:
            how = library.instead.format(
                variables="its key and base URL variables", models="its models"
            )
            advice = (
                f"for another provider {how}, by hand (`migrate-llm scan --provider ID` names them)"
            )
        else:
            variables = f"{provider.api_key_env} and {provider.base_url_env}"
            how = library.instead.format(variables=variables, models=f"{provider.name}'s models")
            advice = f"for {provider.name} {how}, by hand"
        self.report(
            node.func if isinstance(node, cst.Call) else node,
            f"{head}; {advice}",
            data={"library": library.package, "variables": list(library.variables)},
        )


def _provider_position(library: OpenAILibrary, call: cst.Call) -> int | None:
    """Where a call of one of the library's methods that pick a provider (`x.get_response`)
    takes it; None for any other call."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return library.provider_calls.get(func.attr.value)
    return None


def _reaches_client(node: cst.Import | cst.ImportFrom, library: OpenAILibrary) -> bool:
    """Whether an import binds a name through which the library's client class is reached
    (`import spice`, `from spice import Spice`); not one of its other parts only
    (`from spice.errors import APIError`, `from spice import SpiceMessage`)."""
    if isinstance(node, cst.ImportFrom):
        module = get_full_name_for_node(node.module) if node.module is not None else None
        if node.relative or module is None:
            return False
        if isinstance(node.names, cst.ImportStar):
            return _leads_to(module, library)
        paths = [f"{module}.{get_full_name_for_node(alias.name)}" for alias in node.names]
        return any(path in library.clients or _leads_to(path, library) for path in paths)
    for alias in node.names:
        name = get_full_name_for_node(alias.name) or ""
        bound = name if alias.asname is not None else name.partition(".")[0]
        if _leads_to(bound, library):
            return True
    return False


def _leads_to(module: str, library: OpenAILibrary) -> bool:
    """Whether `module` is the library's module or one that holds one of its client classes."""
    return any(client.startswith(module + ".") for client in library.clients)


LIBRARY_RULES = (OpenAILibraryClient,)
