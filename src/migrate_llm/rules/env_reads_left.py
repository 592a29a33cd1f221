"""Why ML401 leaves a read of OpenAI's key variable as it is, in words: a write under a
computed name, a feature the provider lacks, another use of the name, a base URL left beside
it, where its value goes (`key_destinations`), a raw request, a write of the variable."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.frameworks import graphrag, lagent, other_sdks
from migrate_llm.model import FixClass, Severity
from migrate_llm.raw_key_callers import RawKeyCaller
from migrate_llm.rules.base_url_reads import other_words, through_words
from migrate_llm.rules.chromadb_functions import (
    chroma_function,
    no_embeddings_model,
    pointing,
    unserved_advice,
)
from migrate_llm.rules.config_exports import exported_key, exported_message
from migrate_llm.rules.env_entry_pairs import sdk_entry_pair
from migrate_llm.rules.env_names import EnvAccess, EnvNames, NameSource, env_names
from migrate_llm.rules.env_read_facts import other_use
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.env_var_targets import VariableTargets
from migrate_llm.rules.env_writes import Guard
from migrate_llm.rules.guarded_features import guarded_feature
from migrate_llm.rules.imported_keys import shown_import
from migrate_llm.rules.key_destinations import (
    Destination,
    module_key_unread,
    on_azure,
    other_vendor,
    project_callee,
    risky_destination,
)
from migrate_llm.rules.legacy_config import v1_pin_words
from migrate_llm.rules.library_callers import openai_caller
from migrate_llm.rules.library_configs import configured_part, part_builds, part_taker
from migrate_llm.rules.library_graphrag import graphrag_site
from migrate_llm.rules.openai_configs import openai_class_words
from migrate_llm.rules.project_calls import own_package
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.switched_keys import given_elsewhere, given_words
from migrate_llm.rules.unserved_clients import module_client_unserved
from migrate_llm.rules.url_keys import UrlPair, left_url_reads, paired_keys

if TYPE_CHECKING:
    from migrate_llm.key_imports import KeyImport
    from migrate_llm.rules.framework_autogen import ConfigEntry


class LeftReads(VariableTargets):
    """ML401's part saying why a read is left."""

    def _left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why reads of `name` that would be renamed are left, if they are (see `reads_kept`): the
        module also sets the variable under a computed name, a read tests for OpenAI's key
        before a feature the provider does not offer, or another module of the project sets a
        key variable under a computed name."""
        provider = self._provider_name
        target = self._target(name) or "the provider's variable"
        for access in accesses:
            given = given_elsewhere(self.ctx, access.node)
            if given is not None:
                key = name in key_variables(self.ctx)
                return given_words(*given, provider, key, "renamed")
        computed = names.computed_write(name)
        if computed is not None:
            write, shape = computed
            line = self.ctx.line_label(names.line(write.node))
            return (
                f"the module sets `{shape}` under a name computed at run time ({line}), which "
                f"can be {name}: renamed, this read would miss what that write stores; make "
                f"both use {target}, by hand"
            )
        if name not in key_variables(self.ctx):
            return None
        for access in accesses:
            feature = guarded_feature(self.ctx, names, access)
            if feature is not None:
                call = feature.call
                if feature.there is not None:  # in another module of the project
                    reached = feature.there.words()
                    lacking = (
                        f"a call to the {feature.surface} API, which {provider} does not "
                        f"offer: renamed, the test would pass on {provider}'s key while that "
                        "feature still needs OpenAI's; replace or remove the feature"
                        if feature.surface
                        else f"{'one ' if call is None else ''}which apply leaves and which "
                        "reads OpenAI's key itself: "
                        f"renamed, the test would pass on {provider}'s key while that call "
                        f"still needs OpenAI's; point that call at {provider} (or replace it)"
                    )
                    if call is None:  # the class its message names
                        return (
                            f"it tests for OpenAI's key for {feature.named}, which its message "
                            f"names: {reached}, in that class, is {lacking}, then the test, by "
                            "hand"
                        )
                    line = self.ctx.line_label(self.ctx.position(call)[0][0])
                    return (
                        f"it tests for OpenAI's key before {self.snippet(call.func)}() on "
                        f"{line}, which reaches {reached}, {lacking}, then the test, by hand"
                    )
                assert call is not None
                line = self.ctx.line_label(self.ctx.position(call)[0][0])
                if not feature.surface:
                    return (
                        f"it tests for OpenAI's key before {self.snippet(call.func)}() on "
                        f"{line}, which apply leaves and which reads OpenAI's key itself: "
                        f"renamed, the test would pass on {provider}'s key while that call "
                        f"still needs OpenAI's; point that call at {provider} (or replace it), "
                        "then the test, by hand"
                    )
                return (
                    f"it tests for OpenAI's key before {self.snippet(call.func)}() on {line}, "
                    f"a call to the {feature.surface} API, which {provider} does not offer: "
                    f"renamed, the test would pass on {provider}'s key while that feature "
                    "still needs OpenAI's; replace or remove the feature, then the test, by hand"
                )
        if self.ctx.rules.facts.computed_key_written:
            return (
                f"a module of the project sets `*_API_KEY` under a name computed at run time, "
                f"which can be {name}: renamed, this read would miss what that write stores; "
                f"make both use {target}, by hand"
            )
        for access in accesses:
            exported = exported_key(self.ctx, names, access.node)
            if exported is not None:
                return exported_message(exported, provider, target)
        return None

    def _paired(self, names: EnvNames, name: str, read: cst.CSTNode | None = None) -> str | None:
        """Why reads of `name` are left beside a use of the name as another key (`other_use`;
        the one in the statement of `read`, where there is one: `env["X"] = os.getenv("X")`)."""
        used = other_use(self.ctx, name)
        if used is None:
            return None
        used = _beside(self.ctx, name, read) or used
        line = self.ctx.line_label(names.line(used))
        entry = (
            used.slice[0].slice.value
            if isinstance(used, cst.Subscript) and isinstance(used.slice[0].slice, cst.Index)
            else None
        )
        if entry is not None and self.provider is not None and sdk_entry_pair(self.ctx, entry):
            provider = self.provider
            other = "base URL" if name in key_variables(self.ctx) else "key"
            return (
                f"the module also stores it as `{self.snippet(used)}` on {line}, an entry of a "
                f"mapping that also gets OpenAI's {other} (an environment for a child process, "
                "whose openai SDK reads them by these names): keep the entries' names and fill "
                f"them from {provider.api_key_env} and {provider.base_url_env} together, by hand"
            )
        return (
            f"the module also uses the name as a key on {line} (`{self.snippet(used)}`), which "
            "apply does not rename: renamed alone, this read and that key would name different "
            f"variables; make both use {self._target(name) or 'the provider variable'}, by hand"
        )

    def _pair_left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why the reads of a key variable named through a constant, a loop or a dict are
        left: one goes with a base-URL read that is left (`paired_keys`)."""
        if name not in key_variables(self.ctx):
            return None
        pairs = paired_keys(self.ctx, names)
        pair = next((pairs[id(a.node)] for a in accesses if id(a.node) in pairs), None)
        return self._paired_message(pair) if pair is not None else None

    def _paired_message(self, pair: UrlPair) -> str:
        """Why a key read goes unswitched with the base-URL read beside it (`paired_keys`)."""
        names = env_names(self.ctx)
        holder = pair.holder
        line = self.ctx.line_label(self.ctx.position(holder)[0][0])
        where = f"{self.snippet(holder.func)}()" if isinstance(holder, cst.Call) else "the dict"
        url = names.openai_sources(pair.url)[0].value
        url_line = self.ctx.line_label(names.line(pair.url.node))
        provider = self._provider_name
        key = self._provider_key
        return (
            f"it is the key of {where} on {line}, whose base URL (the read of {url} on "
            f"{url_line}) apply leaves as it is (see there): switched, {provider}'s key would go "
            f"to that URL (the program's own server, or OpenAI's); point both at {provider} (the "
            f"key from {key}) together, or keep both, by hand"
        )

    def _to_openai(self, names: EnvNames, access: EnvAccess) -> bool:
        """Whether the value of a read of the program's own setting goes to something of
        OpenAI's: a class or function named like OpenAI that apply does not rewrite, or an
        OpenAI variable (see `key_destinations`)."""
        destination = risky_destination(self.ctx, names, access.node)
        return destination is not None and destination.kind in (
            "foreign",
            "environment",
            "library",
        )

    def _openai_bound(self, name: str) -> tuple[str, FixClass, Severity]:
        """For a read of the program's own setting whose value goes to something of OpenAI's."""
        target = self._provider_name
        message = (
            f"reads {name}, the program's own setting, whose value goes to something of "
            f"OpenAI's; see whether {target} needs it"
        )
        return message, FixClass.MANUAL, self.severity

    def _risky_message(
        self, name: str, destination: Destination, read: cst.CSTNode | None = None
    ) -> str:
        """Why a key read is left as it is: where its value goes (`key_destinations`)."""
        call = destination.call
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        provider = self._provider_name
        key = self._provider_key
        if destination.kind == "beside" and destination.url is not None:
            holder = "call" if isinstance(call, cst.Call) else "dict"
            return (
                f"reads {name}, which goes with the base URL `{self.snippet(destination.url)}` "
                f"of the same {holder} on {line}, chosen at run time (OpenAI's when it is "
                f"None) and left as it is: given {provider}'s key ({key}) it could send that "
                f"key to OpenAI; make sure that URL is {provider}'s, then read {key}, by hand"
            )
        if (
            destination.kind == "elsewhere"
            and destination.url is not None
            and isinstance(call, cst.DictElement)
        ):
            return (
                f"reads {name}, which goes with the base URL `{self.snippet(destination.url)}` "
                f"of the same dict on {line}, which may be another provider's or a server of "
                f"the program's own and apply leaves as it is: given {provider}'s key ({key}) "
                f"it would send that key there; give it the key its server takes, by hand"
            )
        if destination.kind == "url":
            return self._url_message(name, destination, line)
        if destination.kind == "library" and isinstance(call, cst.Call):
            caller = openai_caller(self.ctx, call)
            assert caller is not None  # what made it `library`
            return (
                f"reads {name}, which goes to {self.snippet(call.func)}() on {line}, "
                f"{caller.label}: the library calls OpenAI's API itself ({caller.request}, "
                f"api.openai.com) with the key it is given and takes no base URL, so given "
                f"{provider}'s key ({key}) it would send that key to OpenAI; keep OpenAI's "
                f"key there, or replace the call by a request to {provider} (ML670 there says "
                f"how) and then read {key}, by hand"
            )
        if (
            destination.kind == "local"
            and destination.url is not None
            and isinstance(call, cst.Call)
        ):
            variable = self.provider.base_url_env if self.provider else "its base-URL variable"
            return (
                f"reads {name}, the key of {self.snippet(call.func)}() on {line}, whose base "
                f"URL `{self.snippet(destination.url)}` defaults to a server on this machine: "
                f"renamed, {provider}'s key would go there while {variable} is unset; keep both "
                f"for that server, or point both at {provider}, by hand"
            )
        if destination.kind == "project" and isinstance(call, cst.Call):
            return self._project_message(name, call, line)
        if destination.kind == "callee" and destination.there is not None:
            there = destination.there
            if there.kind == "opaque":
                return (
                    f"reads {name}, which goes to {there.shown} on {line}, the project's own "
                    f"code that cannot be followed ({there.path}): renamed, {provider}'s key "
                    f"({key}) may go to a client apply leaves on OpenAI; make sure the client "
                    f"it reaches is pointed at {provider}, then read {key}, by hand"
                )
            if there.kind == "unknown":
                return (
                    f"reads {name}, which goes to {self.snippet(cast(cst.Call, call).func)}() on "
                    f"{line}, whose module hands it on to {there.words()}, the project's code "
                    f"that cannot be followed from there: renamed, {provider}'s key ({key}) "
                    "may go to a client apply leaves on OpenAI; make sure the client it reaches "
                    f"is pointed at {provider}, then read {key}, by hand"
                )
            kept = (
                "which apply leaves talking to OpenAI (see its finding there)"
                if there.kind == "left"
                else "which apply leaves as it is and could send it to OpenAI"
            )
            return (
                f"reads {name}, which goes to {self.snippet(cast(cst.Call, call).func)}() on "
                f"{line}, whose module hands it to {there.words()}, {kept}: renamed, "
                f"{provider}'s key ({key}) would go to OpenAI; point that client at {provider} "
                f"first, then read {key}, by hand"
            )
        if destination.kind == "forwarded" and isinstance(call, cst.DictElement):
            header = string_value(call.key) or ""
            service = sdk.FORWARDED_KEY_HEADERS[header.lower()]
            return (
                f"reads {name}, which goes in the header {header} on {line}, the key "
                f"{service} forwards to OpenAI's API (its OpenAI modules): given {provider}'s "
                f"key ({key}) it would send that key to OpenAI; point those modules at "
                f"{provider} (the base_url= of the collection's OpenAI vectorizer or generative "
                f"config), then read {key}, by hand"
            )
        if destination.kind == "graphrag":
            entry_of = (
                env_names(self.ctx).parent(call) if isinstance(call, cst.DictElement) else call
            )
            site = graphrag_site(self.ctx, entry_of)
            where = self.ctx.line_label(self.ctx.position(site.node if site else call)[0][0])
            service = (
                "Azure OpenAI" if site and site.provider == graphrag.AZURE_PROVIDER else "OpenAI"
            )
            return (
                f"reads {name}, the key of the GraphRAG model entry on {where}, which apply "
                f"leaves talking to {service} (ML670): given {provider}'s key ({key}) it would "
                f"send that key there; point that entry at {provider} (its api_base and model), "
                f"then read {key}, by hand"
            )
        if destination.kind == "configured":
            return self._configured_message(name, call)
        if destination.kind == "left" and (entry := self._left_entry(call)) is not None:
            where = self.ctx.line_label(self.ctx.position(entry.node)[0][0])
            return (
                f"reads {name}, which goes in {entry.shown} on {where}, which apply leaves "
                f"talking to OpenAI (ML660: {entry.why}): given {provider}'s key ({key}) it "
                f"would send that key there; point that entry at {provider} (its model and "
                f"base URL), then read {key}, by hand"
            )
        if destination.kind == "elsewhere" and (entry := self._left_entry(call, True)):
            where = self.ctx.line_label(self.ctx.position(entry.node)[0][0])
            return (
                f"reads {name}, which goes in {entry.shown} on {where}, which apply leaves as "
                f"it is (ML660 skips it: {entry.elsewhere}): given {provider}'s key ({key}) it "
                "would send that key there; give that entry the key its server takes, or point "
                f"the whole entry at {provider}, by hand"
            )
        if destination.kind == "v0" and isinstance(call, cst.Assign) and self.ctx.v1_pin:
            return (  # t65a: the notebook's pip line moves to openai>=1
                f"reads {name}, which goes to `{self.snippet(call.targets[0].target)}` on "
                f"{line}, a line apply leaves for the module's openai<1 code (ML301 says "
                f"why): {v1_pin_words(self.ctx, 'that code raises')} and sends no key; remove this "
                "read with ML301's line once that code is rewritten, by hand"
            )
        if destination.kind == "v0" and isinstance(call, cst.Assign):
            return (
                f"reads {name}, which goes to `{self.snippet(call.targets[0].target)}` on "
                f"{line}, a line apply leaves for the module's openai<1 code (ML301 says "
                f"why): given {provider}'s key ({key}) openai<1 would send that key where "
                "the module's openai<1 settings send its requests (its openai.api_base, else "
                f"OpenAI); leave it until ML301's lines go, or point them all at {provider} "
                "together, by hand"
            )
        if destination.kind == "left" and module_key_unread(self.ctx, call):
            assert isinstance(call, cst.Assign)
            return (
                f"reads {name}, which goes to `{self.snippet(call.targets[0].target)}` on "
                f"{line}, the module-level client, which no module of the project requests "
                "through: ML103 leaves it and its base URL (OpenAI's) as they are, so it stays "
                f"OpenAI's key; given {provider}'s key ({key}) any library using that client "
                "would send that key to api.openai.com"
            )
        if destination.kind == "left" and isinstance(call, cst.Assign):
            apis = " and ".join(module_client_unserved(self.ctx) or ())
            if not apis:  # its base URL read by LlamaIndex's classes left on OpenAI (ML103)
                return (
                    f"reads {name}, which goes to `{self.snippet(call.targets[0].target)}` on "
                    f"{line}, the module-level client apply leaves on OpenAI (ML103 says why: "
                    f"LlamaIndex's classes read its base URL): given {provider}'s key ({key}) "
                    "it would send that key there; keep it, or point that client and those "
                    f"classes at {provider} together, by hand"
                )
            return (
                f"reads {name}, which goes to `{self.snippet(call.targets[0].target)}` on "
                f"{line}, the module-level client apply leaves on OpenAI (its only requests "
                f"are {apis}, which {provider} does not serve): given {provider}'s key ({key}) "
                f"it would send that key there; keep it, or point that client at a provider "
                "serving them with its key, by hand"
            )
        if destination.kind == "model" and isinstance(call, cst.DictElement) and destination.model:
            return (  # `{"provider": "openai/...", "api_token": KEY}` (crawl4ai, t66g)
                f"reads {name}, which is the key of the dict on {line} beside "
                f"`{self.snippet(destination.model)}`, a model on litellm's OpenAI route: "
                f"given {provider}'s key ({key}) it would send that key to OpenAI; change the "
                f"key and that model together, by hand"
            )
        if destination.kind == "environment" or not isinstance(call, cst.Call):
            return (
                f"reads {name}, which is stored as an OpenAI variable on {line}: given "
                f"{provider}'s key ({key}) it would put that key where any library reading "
                f"OpenAI's key would send it to OpenAI; remove the write if nothing needs it "
                f"(then read {key}), by hand"
            )
        spread = destination.spread
        given = f"{spread.star}{self.snippet(spread.value)}" if spread is not None else ""
        callee = f"{self.snippet(call.func)}({given})"
        if destination.kind == "by_hand":
            return (
                f"reads {name}, which goes to {callee} on {line}, whose key and base URL apply "
                f"leaves to you (ML640: its `**` arguments may hold them): with no base URL of "
                f"{provider}'s it talks to OpenAI, so given {provider}'s key ({key}) it would "
                f"send that key there; give that call {provider}'s base URL (and model), then "
                f"read {key}, by hand"
            )
        emptied = self._emptied_base(call)
        if destination.kind == "framework" and emptied:
            return (
                f"reads {name}, which goes to {callee} on {line}, a class apply leaves on a "
                f"base URL chosen at run time (OpenAI's when {emptied} is empty): given "
                f"{provider}'s key ({key}) it would send that key to OpenAI there; point the "
                f"class at {provider} (its base URL and key), then read {key}, by hand"
            )
        if destination.kind == "framework":
            return (
                f"reads {name}, which goes to {callee} on {line}, a class apply leaves as it is "
                f"(on OpenAI, or on a base URL chosen at run time): given {provider}'s key "
                f"({key}) it could send that key to OpenAI; point the class at {provider} (its "
                f"base URL and key), then read {key}, by hand"
            )
        if destination.kind == "client" and emptied:
            return (
                f"reads {name}, which goes to {callee} on {line}, a client whose base URL is "
                f"chosen at run time (OpenAI's when {emptied} is empty): given {provider}'s "
                f"key ({key}) it would send that key to OpenAI there; make sure the client "
                f"gets {provider}'s base URL, then read {key}, by hand"
            )
        if destination.kind == "client":
            return (
                f"reads {name}, which goes to {callee} on {line}, a client whose base URL is "
                f"chosen at run time (OpenAI's when none is given): given {provider}'s key "
                f"({key}) it could send that key to OpenAI; make sure the client gets "
                f"{provider}'s base URL, then read {key}, by hand"
            )
        if destination.kind == "elsewhere" and destination.url is not None:
            known = env_names(self.ctx)
            urls = left_url_reads(self.ctx, known, destination.url)
            if urls:  # RD-Agent's health check: key and base URL chosen in branches
                reads = " and ".join(
                    f"the read of {known.openai_sources(a)[0].value} on "
                    f"{self.ctx.line_label(known.line(a.node))}"
                    for a in urls
                )
                base_env = self.provider.base_url_env if self.provider else "its base URL"
                return (
                    f"reads {name}, which goes to {callee} on {line}, whose base URL "
                    f"(`{self.snippet(destination.url)}`) may hold {reads} or another "
                    f"provider's or the program's own server: apply leaves this read and "
                    f"that one as they are (OpenAI's key with OpenAI's base URL); renamed "
                    f"alone, {provider}'s key ({key}) would go to OpenAI or that server; "
                    f"point both at {provider} together ({key} and {base_env}), by hand"
                )
            return (
                f"reads {name}, which goes to {callee} on {line}, whose base URL "
                f"(`{self.snippet(destination.url)}`) may be another provider's or a server of "
                f"the program's own, which apply leaves: given {provider}'s key ({key}) it "
                f"would send that key there; give that call the key its server takes, by hand"
            )
        if destination.kind == "model" and destination.model is not None:
            return self._routed_message(name, destination.model, callee, line)
        if destination.kind == "unmoved":
            model = destination.model
            given = f"the OpenAI model `{self.snippet(model)}` and " if model is not None else ""
            also = "the model" if model is not None else "its model"
            return (
                f"reads {name}, which goes to {callee} on {line} with {given}no base URL: "
                f"migrate-llm does not know that library and gives it none, so its default "
                f"URL, which may be OpenAI's, would get {provider}'s key ({key}); move the "
                f"key, a base URL of {provider}'s and {also} together, by hand"
            )
        if destination.kind == "vendor" and destination.model is not None:
            resolved = self.ctx.resolve_literal(destination.model)
            vendor = other_vendor(self.ctx, resolved[1]) if resolved else "another service"
            return (
                f"reads {name}, which goes to {callee} on {line}, whose model "
                f"`{self.snippet(destination.model)}` routes it to {vendor}: neither OpenAI's "
                f"key nor {provider}'s ({key}) belongs there, and apply leaves the call; give "
                f"it {vendor}'s key, by hand"
            )
        if destination.kind == "left" and on_azure(self.ctx, call):
            via = through_words(self, destination)
            also = ""
            if read is not None and (other := other_words(self, env_names(self.ctx), read, call)):
                also = f"; it also goes to {other}, which needs {provider}'s key apart"
            return (
                f"reads {name}, which goes{via} to {callee} on {line}, which stays on Azure "
                f"OpenAI (apply leaves it, see its finding): given {provider}'s key ({key}) "
                f"it would send that key to Azure; point that call at {provider}, then read "
                f"{key}, by hand{also}"
            )
        if destination.kind == "left":
            return (
                f"reads {name}, which goes to {callee} on {line}, which apply leaves talking to "
                f"OpenAI or Azure OpenAI (see its finding): given {provider}'s key ({key}) it "
                f"would send that key there; point that call at {provider}, then read {key}, "
                "by hand"
            )
        if destination.kind == "request":
            return (
                f"reads {name}, which goes to the HTTP request {callee} on {line}, whose URL "
                f"apply does not point at {provider}: given {provider}'s key ({key}) it would "
                f"send that key wherever the request goes; point the request at {provider}, "
                f"then read {key}, by hand"
            )
        if destination.kind == "sdk" and isinstance(call, cst.Call):
            qualname = min(self.ctx.qualnames(call.func) & other_sdks.CLIENT_CLASSES)
            return (
                f"reads {name}, which goes to {callee} on {line}, a client of another "
                f"service's own SDK ({qualname}), which sends it to that service: neither "
                f"OpenAI's key nor {provider}'s ({key}) belongs there, and apply leaves the "
                "call; give it that service's key, by hand"
            )
        if destination.kind == "default":
            config = isinstance(call.func, cst.Name) and call.func.value == "dict"
            shown = f"the dict(type={destination.label}) config" if config else callee
            return (
                f"reads {name}, which goes to {shown} on {line}, {lagent.LABEL}'s "
                f"{destination.label}, given no {lagent.URL_KEYWORDS[0]}: it posts to its "
                f"default URL, OpenAI's {lagent.DEFAULT_URL}, so given {provider}'s key "
                f"({key}) it would send that key there; give it {provider}'s chat completions "
                f"URL as {lagent.URL_KEYWORDS[0]}, then read {key}, by hand"
            )
        if destination.kind == "gateway":
            return (
                f"reads {name}, which goes to {callee} on {line}, a gateway's own client that "
                f"passes it on with its requests to the service its settings name (ML009), "
                f"and apply leaves the call: given {provider}'s key ({key}) it would send that "
                f"key there; set the gateway up for {provider} first, then give it {key}, by "
                "hand"
            )
        if destination.kind == "foreign" and (destination.taker or destination.base):
            return self._openai_config_message(name, destination, call, line)
        if chroma_function(self.ctx, call) and no_embeddings_model(self.ctx):
            return (
                f"reads {name}, which goes to {callee} on {line}, {chroma.LABEL}, which "
                f"migrate-llm does not rewrite: it talks to OpenAI, where {provider}'s key "
                f"({key}) must not go; {unserved_advice(self.ctx)}, by hand"
            )
        if chroma_function(self.ctx, call):
            return (
                f"reads {name}, which goes to {callee} on {line}, {chroma.LABEL}, which "
                f"migrate-llm does not rewrite: it talks to OpenAI, where {provider}'s key "
                f"({key}) must not go; point it at {provider} with "
                f"{pointing(self.ctx, call)} and read {key}, or keep it on OpenAI, by hand"
            )
        package = own_package(self.ctx, call.func)
        if package is not None:
            # the project's own class (pandas-ai's pandasai_openai, t54g D2): apply points its
            # code at the provider where it is written, so this key goes there
            return (
                f"reads {name}, which goes to {callee} on {line}, a class of this project's own "
                f"package {package}, whose code apply migrates where it is written: where that "
                f"points it at {provider}, this OpenAI key would go to {provider}; read {key} "
                f"here (and pass {provider}'s model), or keep that class on OpenAI, by hand"
            )
        return (
            f"reads {name}, which goes to {callee} on {line}, named like OpenAI and not "
            f"rewritten by migrate-llm: if it talks to OpenAI, {provider}'s key ({key}) would "
            f"go there; point it at {provider} (its base URL and key) and read {key}, or keep "
            "it on OpenAI, by hand"
        )

    def _openai_config_message(
        self, name: str, destination: Destination, call: cst.Call, line: str
    ) -> str:
        """For a key in a settings dict given to a class named like OpenAI, or given to a
        class of the module deriving from one (`openai_configs`)."""
        provider = self._provider_name
        key = self._provider_key
        taker = destination.taker
        given = f"in the settings given as {taker.given(self.ctx)} " if taker is not None else ""
        return (
            f"reads {name}, which goes {given}to {self.snippet(call.func)}() on {line}, "
            f"{openai_class_words(destination.base)}: if it talks to OpenAI, {provider}'s key "
            f"({key}) would go there; point it at {provider} (its base URL and key) and read "
            f"{key}, or keep it on OpenAI, by hand"
        )

    def _left_entry(self, holder: cst.CSTNode, elsewhere: bool = False) -> ConfigEntry | None:
        """The AutoGen entry ML660 leaves (with `elsewhere`, skips as sending elsewhere) that
        a key's destination is (`dict(...)`) or is an entry of (a dict display's key entry)."""
        # it imports these rules
        from migrate_llm.rules.framework_autogen import elsewhere_config, left_config

        found = elsewhere_config if elsewhere else left_config
        if isinstance(holder, cst.DictElement):
            return found(self.ctx, env_names(self.ctx).parent(holder))
        return found(self.ctx, holder)

    def _configured_message(self, name: str, holder: cst.CSTNode) -> str:
        """For a key given in the settings of a part of a library's config that ML670 reports
        (`key_destinations`' `configured`)."""
        settings = (
            env_names(self.ctx).parent(holder) if isinstance(holder, cst.DictElement) else holder
        )
        found = configured_part(self.ctx, settings)
        assert found is not None  # what made it `configured`
        part = found[1]
        section = part.section
        provider = self._provider_name
        key = self._provider_key
        line = self.ctx.line_label(self.ctx.position(part.node)[0][0])
        talks = "possibly talking" if part.how == "unknown" else "talking"
        return (
            f'reads {name}, the key of "{section.keys[0]}" of {part_taker(part)} on {line}, '
            f"{part_builds(part)}, which apply leaves {talks} to OpenAI (ML670): given "
            f"{provider}'s key ({key}) it would send that key there; point that "
            f'"{section.keys[0]}" at {provider} (its "{section.base_url_key}" and "model"), then '
            f"read {key}, by hand"
        )

    def _url_message(self, name: str, destination: Destination, line: str) -> str:
        """For a key the module does not show going only where apply points it at the
        provider, in a module holding an OpenAI URL apply leaves (`key_destinations`' `url`)."""
        from migrate_llm.rules.openai_urls import urls_left  # it imports this rule's parts

        provider = self._provider_name
        key = self._provider_key
        url = next(u for node, u in urls_left(self.ctx) if node is destination.call)
        return (
            f"reads {name}, which the module does not show going only to a client apply "
            f"points at {provider}, beside the OpenAI URL {url} on {line}, which apply leaves "
            f"(ML402): given {provider}'s key ({key}) it could send that key there, to OpenAI; "
            f"point that URL and this key at {provider} together, or keep both on OpenAI, by "
            "hand"
        )

    def _project_message(self, name: str, call: cst.Call, line: str) -> str:
        """For a key going to a class or function imported from the project, in a project
        one of whose modules holds an OpenAI URL with an API path (`key_destinations`'
        `project`)."""
        provider = self._provider_name
        key = self._provider_key
        return (
            f"reads {name}, which goes to {self.snippet(call.func)}() on {line}, imported from "
            f"the project (`{project_callee(self.ctx, call)}`), and a module of the project "
            "holds an OpenAI URL with an API path, which apply leaves (ML402): given "
            f"{provider}'s key ({key}) that code may send it there, to OpenAI; point that URL "
            f"at {provider} first, then read {key} here, by hand"
        )

    def _emptied_base(self, call: cst.Call) -> str:
        """`X` (quoted) where the client or framework class `call` is given `base_url=X or
        None` (a text box left blank gives it no URL, so OpenAI's), else ""."""
        from migrate_llm.rules.clients import without_empty_default  # it imports this module
        from migrate_llm.rules.framework_classes import any_framework_class

        cls = any_framework_class(self.ctx, call)
        keywords = cls.base_url if cls is not None else ("base_url",)
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in keywords:
                emptied = without_empty_default(arg.value, strings=False)
                if emptied is not arg.value:
                    return f"`{self.snippet(emptied)}`"
        return ""

    def _routed_message(self, name: str, model: cst.BaseExpression, callee: str, line: str) -> str:
        """For a key going to a call whose model string sends it to OpenAI."""
        provider = self._provider_name
        key = self._provider_key
        resolved = self.ctx.resolve_literal(model)
        carried = (
            f"the OpenAI model {resolved[1]!r}"
            if resolved is not None
            else f"a model chosen at run time (`{self.snippet(model)}`)"
        )
        return (
            f"reads {name}, which goes to {callee} on {line} with {carried} and no base URL of "
            f"{provider}'s: the model string sends the call to OpenAI, so given {provider}'s "
            f"key ({key}) it would send it to OpenAI; point the call at {provider} (its model, "
            f"base URL and key) and read {key}, or keep it on OpenAI, by hand"
        )

    def _guarded_message(self, guard: Guard) -> str:
        """How a test's read is renamed with the writes it guards (see `Guard`)."""
        lines = sorted({self.ctx.position(w.node)[0][0] for w in guard.writes})
        where = ", ".join(self.ctx.line_label(line) for line in lines)
        return f": the write it guards ({where}) is renamed with it"

    def _untraced_message(self, name: str, line: int) -> str:
        target = self._provider_name
        return (
            f"reads {name}; not switched: the raw request to OpenAI on "
            f"{self.ctx.line_label(line)} may send this key, and {target}'s key must not go to "
            "OpenAI (see ML403)"
        )

    def _handed_message(
        self, name: str, read: cst.CSTNode, caller: EnvAccess, call: cst.Call, line: int
    ) -> str:
        """Why a key read stays where a caller gives the parameter it is the fallback of a
        read of OpenAI's key that a raw request keeps (`env_read_facts.handed_left`)."""
        label, names = self.ctx.line_label, env_names(self.ctx)
        return (
            f"reads {name}; not switched: the call on {label(names.line(call))} gives "
            f"{self._callee(read)} the key read on {label(names.line(caller.node))}, which "
            f"stays OpenAI's for the raw request to OpenAI on {label(line)} (see ML403): "
            + self._handed_tail()
        )

    def _handed_elsewhere_message(self, name: str, read: cst.CSTNode, caller: RawKeyCaller) -> str:
        """`_handed_message` for a caller in another module of the project
        (`env_read_facts.handed_elsewhere`)."""
        return (
            f"reads {name}; not switched: the call on line {caller.line} of {caller.caller} "
            f"gives {self._callee(read)} a key read there, which stays OpenAI's for the raw "
            f"request to OpenAI on line {caller.request} (see ML403): " + self._handed_tail()
        )

    def _imported_message(self, name: str, sent: KeyImport) -> str:
        """For a key read reaching a name another module of the project imports and sends
        beside an OpenAI URL apply leaves (`imported_keys.sent_import`)."""
        target = self._provider_name
        key = self._provider_key
        return (
            f"reads {name}; not switched: this read reaches {shown_import(self.ctx, sent)}, which "
            f"{sent.sender} imports, and that module holds the OpenAI URL {sent.url} on line "
            f"{sent.line}, which apply leaves ({sent.rule}): renamed, this read would send "
            f"{target}'s key ({key}) there, to OpenAI. Point that URL at {target} first, "
            "then read the key here, by hand"
        )

    def _azure_built_message(self, name: str, built: cst.CSTNode) -> str:
        """For a base-URL read whose value the module builds into an Azure OpenAI request's
        URL (`azure_bases.azure_url_built`)."""
        target = self._provider_name
        line = self.ctx.line_label(self.ctx.position(built)[0][0])
        return self._azure_request_left(
            name,
            f"its value is the Azure OpenAI endpoint of the request URL built on {line} (a "
            "deployment path or api-version), whose requests carry an Azure key: pointed at "
            f"{target}, they would send that key there, on a path {target} does not serve. It "
            "stays Azure's, as Azure clients do",
        )

    def _azure_key_message(self, name: str, built: cst.CSTNode) -> str:
        """For a key read in a function building an Azure OpenAI request's URL
        (`azure_bases.azure_url_beside`)."""
        target = self._provider_name
        line = self.ctx.line_label(self.ctx.position(built)[0][0])
        return self._azure_request_left(
            name,
            f"the function reading it builds an Azure OpenAI request URL on {line} (a deployment "
            "path or api-version), whose requests carry an Azure key: renamed, this read would "
            f"send {target}'s key to Azure. It stays Azure's with that URL",
        )

    def _azure_request_left(self, name: str, why: str) -> str:
        """The message for a read left with an Azure OpenAI request URL the module builds:
        `why`, then what to do instead."""
        target = self._provider_name
        return (
            f"reads {name}; not switched: {why}; move the request to {target} (its URL, path "
            "and key together) or keep it on Azure, by hand"
        )

    def _openai_secret_message(self, what: str, sent: KeyImport) -> str:
        """For a key named for OpenAI under the program's own name reaching a name another
        module of the project imports and sends to the provider's URL
        (`imported_keys.openai_named_secrets`)."""
        target = self._provider_name
        key = self._provider_key
        return (
            f"names {what}, an OpenAI key under the program's own name, whose value reaches "
            f"{shown_import(self.ctx, sent)}, which {sent.sender} imports, and that module "
            "sends requests to "
            f"{target}'s URL ({sent.url}, line {sent.line}): where it is set, the OpenAI key "
            f"goes to {target}; take the key from {key} there, by hand"
        )

    def _callee(self, read: cst.CSTNode) -> str:
        """The function `read` is in, as the handed-key messages name it."""
        function = next(
            (a for a in reversed(self.ctx.ancestors(read)) if isinstance(a, cst.FunctionDef)),
            None,
        )
        return f"{function.name.value}()" if function is not None else "the function"

    def _handed_tail(self) -> str:
        """The handed-key messages' end: what renaming would do, and what to do instead."""
        target = self._provider_name
        key = self._provider_key
        return (
            f"renamed, this read would move its client to {target} with OpenAI's key; the "
            f"client stays on OpenAI. Give it {target}'s key ({key}) and URL together, by hand"
        )

    def _written(self, source: NameSource) -> str:
        names = env_names(self.ctx)
        line = next(
            names.line(a.node) for a in names.by_source[id(source.node)] if a.kind == "write"
        )
        return (
            f"names {source.value}, which the module also sets ({self.ctx.line_label(line)}); "
            "not switched: the value set there is OpenAI's"
        )


def _beside(ctx: PythonContext, name: str, read: cst.CSTNode | None) -> cst.Subscript | None:
    """The subscript `x["NAME"]` the statement holding `read` assigns to, if any."""
    statement = (
        next((a for a in reversed(ctx.ancestors(read)) if isinstance(a, cst.Assign)), None)
        if read is not None
        else None
    )
    for target in statement.targets if statement is not None else ():
        node = target.target
        if (
            isinstance(node, cst.Subscript)
            and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)
            and string_value(node.slice[0].slice.value) == name
        ):
            return node
    return None
