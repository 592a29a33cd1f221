"""ML208: a tiktoken encoding, which tiktoken downloads from OpenAI's host on first use."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.model_values import known_literals
from migrate_llm.rules.models import article
from migrate_llm.rules.python import DeferredRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.served_routes import served_route
from migrate_llm.rules.tokenizer_calls import (
    encoding_loader,
    loaded_encoding,
    mentions_loader,
    tokenizer_model,
)
from migrate_llm.rules.tokenizer_models import key_error_fallback
from migrate_llm.tiktoken_cache import sets_cache

_HOST = sdk.TIKTOKEN_HOST
_VARIABLE = sdk.TIKTOKEN_CACHE_VARIABLES[0]
# the encoding a message suggests where no model lookup can succeed (gpt-4's and
# gpt-3.5-turbo's)
_FALLBACK_ENCODING = "cl100k_base"
# what two of the rule's examples expect of a fixed `get_encoding` load
_GET_ENCODING_SAID = (
    "tiktoken.get_encoding() loads a tiktoken encoding, which tiktoken downloads from OpenAI's "
    "host openaipublic.blob.core.windows.net on first use (no key is sent); where that host "
    "cannot be reached it fails with a connection error: download the files beforehand and set "
    "TIKTOKEN_CACHE_DIR to their directory, or ship them with the program (or ignore ML208 where "
    "every machine running it reaches that host)"
)

# a token counter whose model is one of two literals by branch (the second given)
_FAMILY = (
    "import tiktoken\n\n\ndef count(text, model):\n"
    '    if model.startswith("gpt-4"):\n        family = "gpt-4"\n    else:\n'
    '        family = "{}"\n    try:\n'
    "        enc = tiktoken.encoding_for_model(family)\n    except KeyError:\n"
    '        enc = tiktoken.get_encoding("cl100k_base")\n    return len(enc.encode(text))\n'
)


class TokenizerDownload(DeferredRule):
    """A tiktoken encoding, which tiktoken downloads from OpenAI's host on first use.

    ## What it does
    Reports the load of a tiktoken encoding in a module, whatever the model or encoding it
    names: `tiktoken.get_encoding(...)`, `tiktoken.encoding_for_model(...)`, and the
    frameworks' calls that make them (`frameworks.tokenizers`: LangChain's
    `from_tiktoken_encoder()` and `TokenTextSplitter()`, LlamaIndex's `get_tokenizer()`), and
    LangChain's calls that count tokens with one of its OpenAI classes, which count with
    tiktoken whatever model they send (`frameworks.tokenizers.MODEL_COUNTERS`: a
    token-counting memory given one as `llm=`, `ConversationTokenBufferMemory(llm=llm)`, a
    retrieval chain told to count, the class's own `get_num_tokens()`), where the module
    builds the class (`rules.tokenizer_counters`: llm-cookbook's Memory notebook, t59b).
    Once a module, at the load the program runs after the switch: a fixed load before a
    lookup of a model chosen at run time, which then names the provider's model and raises
    KeyError before loading anything (gpt-engineer's `encoding_for_model(name) if "gpt-4" in
    name else get_encoding("cl100k_base")`: the `get_encoding`, t58c); else the first. A
    warning (`check` fails): after the switch the program still opens a connection to an
    OpenAI host. Not in a module that sets tiktoken's cache variable (`TIKTOKEN_CACHE_DIR`,
    or the older `DATA_GYM_CACHE_DIR`) in the environment (`os.environ[X] = ...`,
    `setdefault`, `putenv`, `os.environ.update(...)`, or requires it: `assert
    os.environ.get(X)`), where the program says where the files are; a note (information
    only) where another file of the project sets it (a `.env`, a Dockerfile's `ENV`, a
    compose file or CI workflow, a shell script, a module or notebook setting it so:
    `RunFacts.tiktoken_cache_named`). A Python constant of that name (sweep's
    `TIKTOKEN_CACHE_DIR = "/tmp/cache/tiktoken"`, never put into the environment) sets
    nothing: tiktoken reads the environment only, and check stayed green while the program
    downloaded from OpenAI's host (t63c; `tiktoken_cache`).

    A model lookup (`encoding_for_model(model)`, or a framework's above) inside a `try` whose
    KeyError handler loads an encoding (`except KeyError: enc = tiktoken.get_encoding(
    "o200k_base")`), where the model is chosen at run time or is the target's (a literal,
    constant or default), is reported in its own words: after the switch the program's
    models are the provider's, which tiktoken does not know, so every call takes that
    fallback, and the fallback downloads. Not in a module that serves OpenAI's API itself
    (`served_routes`: `@app.post("/v1/chat/completions")`, FastChat's OpenAI-compatible
    server): its models come from its clients' requests, which apply does not change, so the
    lookup is a note (fix: none) naming the route. ML207 leaves such a lookup (its KeyError is
    caught); an OpenAI model tiktoken knows, written there or as the default of the parameter
    it reads (`def count(text, model="gpt-4")`), or the only values of a name bound to
    literals (`family = "gpt-4"` or `"gpt-3.5-turbo"` by branch, t63b), is the module's load
    as above. The module's
    load is then not reported again: the fallback's warning names the host. A fallback that
    is itself a lookup of a model chosen at run time (`except KeyError: encoding_for_model(
    model.replace("_", "-"))`, RD-Agent's DeprecBackend, t67b) raises KeyError again for the
    provider's model: the message says so (the program stops at its first count, nothing
    downloaded) and suggests `get_encoding("cl100k_base")` (`data` `fallback_fails`).

    Where the module names more than one encoding (`get_encoding("cl100k_base")`, a
    splitter's `encoding_name=`), or loads one a call picks by default (LangChain's
    `from_tiktoken_encoder()` and `TokenTextSplitter()` given neither model nor encoding:
    gpt2), the message names each with the line of its first load (`data` `encodings`), so a
    person filling TIKTOKEN_CACHE_DIR caches all of them (quivr, t67c). A model lookup's
    encoding is tiktoken's choice and not named.

    ## Why
    tiktoken fetches an encoding's files from `openaipublic.blob.core.windows.net` (an OpenAI
    host) the first time it loads one on a machine, unless the directory TIKTOKEN_CACHE_DIR
    names holds them (`openai_sdk.TIKTOKEN_LOADERS`). No key is sent, but where the host
    cannot be reached the program stops at its first token count with a connection error,
    its provider's endpoint working: the migrated gpt-engineer stopped at start (`AI()`
    builds its token counter) while `check` passed on the note this was (t58c). A fallback
    that only the provider's models take is a path the switch opens on every call, and a
    program catching the connection error there goes on without what it counted for:
    gpt-researcher's `estimate_embedding_cost("text-embedding-v4")` failed under each
    sub-query's `except`, and its research gathered no sources, exiting 0 (t57a).

    ## Fix (manual)
    Download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or ship them
    with the program; where every machine running it reaches the host, ignore ML208
    (`ignore = ["ML208"]`, or `# migrate-llm: ignore[ML208]` on the line). For a fallback:
    count with `get_encoding()` from files the program ships (TIKTOKEN_CACHE_DIR set in the
    module), with the provider's own tokenizer, or approximately (`len(text) // 4`). Only with
    a target provider other than OpenAI. A module calling LlamaIndex's `get_tokenizer()` given
    nothing, which llama-index-core's own modules do everywhere, is read for it only where it
    is examined for anything else (parsing every such module of a large tree cost a fifth
    more of its scan).
    """

    code = "ML208"
    name = "tokenizer-download"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # t62a: FastChat's OpenAI-compatible server decodes with the model its clients send
        Example(
            "import tiktoken\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            "def decode(model_name, tokens):\n    try:\n"
            "        enc = tiktoken.encoding_for_model(model_name)\n    except KeyError:\n"
            '        enc = tiktoken.get_encoding("cl100k_base")\n'
            "    return enc.decode(tokens)\n\n\n"
            '@app.post("/v1/completions")\n'
            "async def completions(request: dict):\n"
            '    return decode(request["model"], request["prompt"])\n',
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time, in a module that "
            "serves OpenAI's API itself (/v1/completions on line 15): the model names its "
            "clients send, which apply does not change; a name tiktoken does not know takes the "
            "fallback on line 11, tiktoken.get_encoding(), which downloads its encoding from "
            "openaipublic.blob.core.windows.net on first use (set TIKTOKEN_CACHE_DIR where that "
            "host cannot be reached); not migration work, left as it is",
        ),
        Example(
            'import tiktoken\n\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            message=_GET_ENCODING_SAID,
        ),
        Example(
            "from langchain_text_splitters import TokenTextSplitter\n\n"
            'SPLITTER = TokenTextSplitter(model_name="gpt-4o", chunk_size=300)\n',
            provider="acme",
            message="LangChain's TokenTextSplitter() loads a tiktoken encoding, which tiktoken "
            "downloads from OpenAI's host openaipublic.blob.core.windows.net on first use (no "
            "key is sent); where that host cannot be reached it fails with a connection error: "
            "download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or "
            "ship them with the program (or ignore ML208 where every machine running it reaches "
            "that host)",
        ),
        # t59b D1: llm-cookbook's Memory notebook, its chat class as apply leaves it
        Example(
            "import os\n\nfrom langchain_community.chat_models import ChatOpenAI\n"
            "from langchain.memory import ConversationTokenBufferMemory\n\n"
            "llm = ChatOpenAI(\n"
            '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-small",\n'
            '    tiktoken_model_name="gpt-3.5-turbo",\n'
            ")\n"
            "memory = ConversationTokenBufferMemory(llm=llm, max_token_limit=30)\n",
            provider="acme",
            message="LangChain's ConversationTokenBufferMemory(), counting tokens with "
            "ChatOpenAI(), loads a tiktoken encoding, which tiktoken downloads from OpenAI's host "
            "openaipublic.blob.core.windows.net on first use (no key is sent); where that host "
            "cannot be reached it fails with a connection error: download the files beforehand "
            "and set TIKTOKEN_CACHE_DIR to their directory, or ship them with the program (or "
            "ignore ML208 where every machine running it reaches that host)",
        ),
        Example(
            "import tiktoken\n\n\ndef cost(model, docs):\n    try:\n"
            "        enc = tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            '        enc = tiktoken.get_encoding("o200k_base")\n'
            "    return sum(len(enc.encode(d)) for d in docs)\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError), so every "
            "call takes the fallback on line 8, tiktoken.get_encoding(), which downloads its "
            "encoding from OpenAI's host openaipublic.blob.core.windows.net on first use; where "
            "that host cannot be reached it fails there with a connection error: count with "
            "get_encoding() from files the program ships (set TIKTOKEN_CACHE_DIR in it), with "
            "Acme Cloud's own tokenizer, or approximately (len(text) // 4), by hand",
        ),
        Example(
            "import tiktoken\n\n\ndef cost(docs):\n    try:\n"
            '        enc = tiktoken.encoding_for_model("gpt-4o")\n    except KeyError:\n'
            '        enc = tiktoken.get_encoding("o200k_base")\n'
            "    return sum(len(enc.encode(d)) for d in docs)\n",
            provider="acme",
            message="tiktoken.encoding_for_model() loads a tiktoken encoding, which tiktoken "
            "downloads from OpenAI's host openaipublic.blob.core.windows.net on first use (no "
            "key is sent); where that host cannot be reached it fails with a connection error: "
            "download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or "
            "ship them with the program (or ignore ML208 where every machine running it reaches "
            "that host)",
        ),
        # t58c (D1): gpt-engineer's Tokenizer; after the switch the fixed load runs
        Example(
            "import tiktoken\n\n\ndef tokenizer(name):\n"
            '    if "gpt-4" in name:\n        return tiktoken.encoding_for_model(name)\n'
            '    return tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            message=_GET_ENCODING_SAID,
        ),
        # t63c: sweep's constant of that name sets nothing; tiktoken reads the environment
        Example(
            'import tiktoken\n\nTIKTOKEN_CACHE_DIR = "/tmp/cache/tiktoken"\n'
            'ENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            message=_GET_ENCODING_SAID,
        ),
        Example(
            'import os\n\nimport tiktoken\n\nos.environ.setdefault("TIKTOKEN_CACHE_DIR", '
            '"/opt/app/tiktoken")\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'import tiktoken\n\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="openai",
            finds=False,
        ),
        # t63b: AgentVerse's token counter, its model only ever one of two OpenAI literals
        # (apply leaves them: ML204): the lookup itself loads, its KeyError is never raised
        Example(
            _FAMILY.format("gpt-3.5-turbo"),
            provider="acme",
            message="tiktoken.encoding_for_model() loads a tiktoken encoding, which tiktoken "
            "downloads from OpenAI's host openaipublic.blob.core.windows.net on first use (no "
            "key is sent); where that host cannot be reached it fails with a connection error: "
            "download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or "
            "ship them with the program (or ignore ML208 where every machine running it reaches "
            "that host)",
        ),
        # t67b: RD-Agent's DeprecBackend; the fallback looks the run-time model up again
        Example(
            "import tiktoken\n\n\ndef encoder(model):\n    try:\n"
            "        return tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            '        return tiktoken.encoding_for_model(model.replace("_", "-"))\n',
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError), and the "
            "fallback on line 8, tiktoken.encoding_for_model(), looks up a model chosen at run "
            "time too, which raises KeyError again: the program stops at its first count; "
            'count with tiktoken.get_encoding("cl100k_base") (its files shipped with the '
            "program, TIKTOKEN_CACHE_DIR set), with Acme Cloud's own tokenizer, or "
            "approximately (len(text) // 4), by hand",
        ),
        # one of those literals the provider's: that branch takes the fallback
        Example(
            _FAMILY.format("acme-small"),
            provider="acme",
            message="tiktoken.encoding_for_model() is given 'acme-small', an Acme Cloud model, "
            "which tiktoken does not know (KeyError), so every call takes the fallback on line "
            "12, tiktoken.get_encoding(), which downloads its encoding from OpenAI's host "
            "openaipublic.blob.core.windows.net on first use; where that host cannot be reached "
            "it fails there with a connection error: count with get_encoding() from files the "
            "program ships (set TIKTOKEN_CACHE_DIR in it), with Acme Cloud's own tokenizer, or "
            "approximately (len(text) // 4), by hand",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # when switching; not in a module setting tiktoken's cache variable in the
        # environment (a constant of that name sets nothing: t63c)
        self.wanted = ctx.rules.switching and mentions_loader(ctx) and not sets_cache(ctx.text)
        self.loads: list[tuple[cst.Call, str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not self.wanted:
            return
        label = encoding_loader(self.ctx, node)
        if label is not None:
            self.loads.append((node, label))

    def finish(self) -> None:
        # each lookup with a fallback is reported (a list, not `any`, which stops at one)
        fallbacks = [self._fallback(node) for node, _ in self.loads]
        if any(fallbacks) or not self.loads:
            return
        # the load the program runs after the switch: a model chosen at run time is then the
        # provider's, whose lookup raises KeyError before loading (ML207), so a fixed load
        # beside it is the one that downloads (gpt-engineer's `encoding_for_model(name) if
        # "gpt-4" in name else get_encoding("cl100k_base")`, t58c D1)
        node, label = next(
            ((n, lab) for n, lab in self.loads if not self._run_time_lookup(n)), self.loads[0]
        )
        said = (
            f"{label} loads a tiktoken encoding, which tiktoken downloads from OpenAI's host "
            f"{_HOST} on first use (no key is sent)"
        )
        data: dict[str, object] = {"host": _HOST, "cache_variable": _VARIABLE}
        loaded = self._loaded()
        if loaded:
            said += f"; this module loads {loaded}"
            data["encodings"] = list(self._encodings())
        each = " of each" if len(self._encodings()) > 1 else ""
        if self.ctx.rules.facts.tiktoken_cache_named:
            self.report(
                node.func,
                f"{said}, unless the directory {_VARIABLE} names holds its files: a file of the "
                "project names that variable; make sure it holds them wherever the program runs",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data=data,
            )
            return
        self.report(
            node.func,
            f"{said}; where that host cannot be reached it fails with a connection error: "
            f"download the files{each} beforehand and set {_VARIABLE} to their directory, or ship "
            "them with the program (or ignore ML208 where every machine running it reaches "
            "that host)",
            data=data,
        )

    def _encodings(self) -> dict[str, tuple[int, bool]]:
        """Each distinct encoding the module's loads name (`loaded_encoding`), with the line
        of its first load and whether that load picks it by default."""
        found: dict[str, tuple[int, bool]] = {}
        for node, _ in self.loads:
            name, by_default = loaded_encoding(self.ctx, node)
            if name is not None:
                found.setdefault(name, (self.ctx.position(node)[0][0], by_default))
        return found

    def _loaded(self) -> str:
        """The encodings the module names, each with its line, where it names more than one
        or one a call picks by default (quivr's cl100k_base beside from_tiktoken_encoder()'s
        gpt2, t67c): a person fills the cache with all of them; "" otherwise."""
        encodings = self._encodings()
        if len(encodings) < 2 and not any(d for _, d in encodings.values()):
            return ""
        named = [
            f"{name} ({self.ctx.line_label(line)}{', by default' if by_default else ''})"
            for name, (line, by_default) in encodings.items()
        ]
        return " and ".join((", ".join(named[:-1]), named[-1])) if len(named) > 1 else named[0]

    def _run_time_lookup(self, node: cst.Call) -> bool:
        """Whether `node` asks for the tokenizer of a model chosen at run time."""
        found = tokenizer_model(self.ctx, node)
        return found is not None and self._values(found[1].value) is None

    def _values(self, model: cst.BaseExpression) -> list[str] | None:
        """Every string the model given to a lookup may hold, where the module shows them all
        (a literal, a constant, a name bound only to literals: AgentVerse's `encoding_model =
        "gpt-4"` or `"gpt-3.5-turbo"` by branch, `known_literals`); None otherwise."""
        resolved = self.ctx.resolve_literal(model)
        if resolved is not None:
            return [resolved[1]]
        known = known_literals(self.ctx, model)
        return [value for _, value, _ in known] if known else None

    def _fallback(self, node: cst.Call) -> bool:
        """Report a model lookup whose KeyError handler loads an encoding, where the model is
        chosen at run time or is the target's: every call takes that fallback after the
        switch, and it downloads."""
        provider, ctx = self.ctx.rules.provider, self.ctx
        found = tokenizer_model(ctx, node)
        if found is None or provider is None:
            return False
        lookup, arg = found
        fallback = key_error_fallback(ctx, node)
        if fallback is None:
            return False
        if self._openai_default(node, arg.value):
            return False  # callers not seen may pass nothing else: ML204's note on it
        values = self._values(arg.value)
        if values is not None:
            served = [value for value in values if provider.serves(value)]
            if not served:
                return False  # OpenAI models tiktoken knows, or no model
            given = f"is given {served[0]!r}, {article(provider.name)} {provider.name} model,"
        else:
            given = (
                f"gets the model at run time: after the switch it names "
                f"{article(provider.name)} {provider.name} model,"
            )
        loader, label = fallback
        line = ctx.line_label(ctx.position(loader)[0][0])
        route = served_route(ctx) if values is None else None
        if route is not None:
            # an OpenAI-compatible server of the program's own: the model comes from its
            # clients' requests, which apply does not change (FastChat's, t62a)
            self.report(
                arg.value,
                f"{lookup.label} gets the model at run time, in a module that serves OpenAI's "
                f"API itself ({route.path} on {ctx.line_label(route.line)}): the model names "
                "its clients send, which apply does not change; a name tiktoken does not know "
                f"takes the fallback on {line}, {label}, which downloads its encoding from "
                f"{_HOST} on first use (set {_VARIABLE} where that host cannot be reached); not "
                "migration work, left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"host": _HOST, "cache_variable": _VARIABLE, "served": route.path},
            )
            return True
        if self._looks_up_again(loader):
            # `except KeyError: encoding_for_model(model.replace("_", "-"))`: the provider's
            # model again, unknown to tiktoken too (RD-Agent's DeprecBackend, t67b)
            self.report(
                arg.value,
                f"{lookup.label} {given} which tiktoken does not know (KeyError), and the "
                f"fallback on {line}, {label}, looks up a model chosen at run time too, which "
                "raises KeyError again: the program stops at its first count; count with "
                f'tiktoken.get_encoding("{_FALLBACK_ENCODING}") (its files shipped with the '
                f"program, {_VARIABLE} set), with {provider.name}'s own tokenizer, or "
                "approximately (len(text) // 4), by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"fallback_line": line, "fallback_fails": True},
            )
            return True
        self.report(
            arg.value,
            f"{lookup.label} {given} which tiktoken does not know (KeyError), so every call "
            f"takes the fallback on {line}, {label}, which downloads its encoding from OpenAI's "
            f"host {_HOST} on first use; where that host cannot be reached it fails there with a "
            f"connection error: count with get_encoding() from files the program ships (set "
            f"{_VARIABLE} in it), with {provider.name}'s own tokenizer, or approximately "
            "(len(text) // 4), by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"host": _HOST, "cache_variable": _VARIABLE, "fallback_line": line},
        )
        return True

    def _looks_up_again(self, loader: cst.Call) -> bool:
        """Whether a KeyError fallback is itself a lookup of a model chosen at run time (not
        a literal OpenAI model tiktoken knows): after the switch it is the provider's too."""
        found = tokenizer_model(self.ctx, loader)
        return found is not None and self._values(found[1].value) is None

    def _openai_default(self, call: cst.Call, model: cst.BaseExpression) -> bool:
        """Whether `model` names a parameter of the function holding `call` whose default is
        an OpenAI model tiktoken knows (`def count(text, model="gpt-4")`, kept by apply)."""
        if not isinstance(model, cst.Name):
            return False
        function = next(
            (n for n in reversed(self.ctx.ancestors(call)) if isinstance(n, cst.FunctionDef)),
            None,
        )
        if function is None:
            return False
        params = function.params
        for param in (*params.params, *params.kwonly_params):
            if param.name.value == model.value and param.default is not None:
                value = string_value(param.default)
                return value is not None and self.ctx.rules.openai.serves(value)
        return False


TOKENIZER_DOWNLOAD_RULES = (TokenizerDownload,)
