"""Strings naming one of OpenAI's variables outside an environment access, for ML401: a
settings source, a config value under an `*_env` key, a message shown to people, a name the
module does not show the use of."""

from __future__ import annotations

import re
from collections.abc import Callable

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.built_name_clients import built_name_client
from migrate_llm.rules.built_names import built_names
from migrate_llm.rules.chromadb_functions import (
    chroma_function,
    no_embeddings_model,
    pointing,
    unserved_advice,
)
from migrate_llm.rules.class_keys import (
    OPENAI_KEY_ALIASES,
    KeyDeclaration,
    alias_at,
    alias_of,
    alias_renamed,
    alias_sharers,
    declaration_at,
    declared_clients,
    stored_alias_clients,
)
from migrate_llm.rules.config_pairs import option_said
from migrate_llm.rules.enum_members import enum_values
from migrate_llm.rules.env_entry_pairs import sdk_entry_pair
from migrate_llm.rules.env_names import NAME_IN_TEXT, env_names
from migrate_llm.rules.env_read_facts import in_message, own_setting
from migrate_llm.rules.env_roles import switched_keys
from migrate_llm.rules.framework_args import owns_key
from migrate_llm.rules.key_destinations import foreign_user, sdk_key_given
from migrate_llm.rules.key_prompts import (
    prompt_wording,
    report_prompt,
    report_prompt_texts,
    stored_prompt,
)
from migrate_llm.rules.langchain_routes import (
    route_key_branch,
    route_key_kept,
    route_key_left,
    route_test,
)
from migrate_llm.rules.models import article
from migrate_llm.rules.printed_keys import printed_key
from migrate_llm.rules.python_context import ENV_NAME, PythonContext, last_name, string_value
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.route_key_names import routed_model_beside
from migrate_llm.rules.service_tables import (
    names_target_service,
    service_entry,
    service_key_variable,
)
from migrate_llm.rules.setting_fallbacks import pair_reason
from migrate_llm.rules.settings_fields import SettingsFields
from migrate_llm.rules.url_keys import env_name_key, name_moves, record_urls

# how many names a message template is followed through (`_message_template`)
_TEMPLATE_HOPS = 2
# a variable that holds a service's key (`DEEPSEEK_API_KEY`, `ANTHROPIC_API_KEY`)
_KEY_VARIABLE = re.compile(r"^[A-Z][A-Z0-9_]*_(API_)?KEY$")


def _name_read(
    node: cst.BaseExpression, parent: Callable[[cst.CSTNode], cst.CSTNode | None]
) -> cst.BaseExpression | None:
    """The read `node` is the name of: the call `x.get(node)`, `getenv(node)` (its first
    argument), or the subscript `x[node]`; None otherwise."""
    holder = parent(node)
    if isinstance(holder, cst.Arg) and holder.keyword is None:
        call = parent(holder)
        if (
            isinstance(call, cst.Call)
            and bool(call.args)
            and call.args[0] is holder
            and last_name(call.func) in ("get", "getenv")
        ):
            return call
    if isinstance(holder, cst.Index):
        element = parent(holder)
        subscript = parent(element) if isinstance(element, cst.SubscriptElement) else None
        if isinstance(subscript, cst.Subscript) and len(subscript.slice) == 1:
            return subscript
    return None


def _environment_read(read: cst.BaseExpression) -> bool:
    """Whether `read` (`_name_read`) reads the environment (`os.getenv(...)`,
    `os.environ[...]`, `os.environ.get(...)`), not a mapping of the program's."""
    held = read.value if isinstance(read, cst.Subscript) else read
    if isinstance(held, cst.Call):
        if last_name(held.func) == "getenv":
            return True
        held = held.func.value if isinstance(held.func, cst.Attribute) else held.func
    return last_name(held) == "environ"


class NameStrings(SettingsFields):
    """ML401's part for string literals naming a variable."""

    # the `if`s testing a key read that names the provider's variable, or will (ML401)
    key_tests: list[cst.If]

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.key_tests = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._literal(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._literal(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if self._built(node):
            return
        text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        match = NAME_IN_TEXT.search(text)
        if (
            match is not None
            and self._in_message(node, match.group(0))
            and not self._label_renamed(node, match.group(0))
        ):
            self._message_note(node, match.group(0))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        parent = env_names(self.ctx).parent(node)
        if isinstance(node.operator, cst.Add) and not (
            isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add)
        ):
            self._built(node)

    def _built(self, node: cst.FormattedString | cst.BinaryOperation) -> bool:
        """A name built from a loop over services that is OpenAI's key or base-URL variable on
        one pass (`values.get(f"{p.value.upper()}_API_KEY")` for `p` in an enum or literal list
        holding "openai", `built_names`): apply cannot rename one pass, so it is left to a
        person, saying where a key read so goes now."""
        names = env_names(self.ctx)
        for built in built_names(node, names.parent, lambda name: enum_values(self.ctx, name)):
            if self._where(built.name) is None:
                continue
            line = self.ctx.line_label(names.line(built.loop))
            target = self._target(built.name)
            advice = (
                f'read {target} for "{built.value}" instead, by hand'
                if target
                else "switch it to the provider's variable by hand"
            )
            read = _name_read(node, names.parent)
            provider = self.provider
            if read is None:
                message = (
                    f'names {built.name} on the pass for "{built.value}" of the loop on {line}, '
                    f"but the module does not show how it is used; {advice}"
                )
            elif built.name in switched_keys(self.ctx) and provider is not None:
                message = (
                    f"`{self.snippet(read)}` reads {built.name} on the pass for "
                    f'"{built.value}" of the loop on {line}: a client given that value with no '
                    f"base URL of its own, which apply points at {provider.name}, sends the "
                    f"OpenAI key to {provider.name}; {advice}, and put {provider.name}'s key "
                    f"under {target} where this reads it"
                )
            else:
                message = (
                    f"`{self.snippet(read)}` reads {built.name} on the pass for "
                    f'"{built.value}" of the loop on {line}, which apply cannot rename; {advice}'
                )
            data = dict(self._data(built.name))
            if read is not None and not _environment_read(read):
                # where a gitignored .env read this way says what the program reads (ML501)
                data.update(dict_read=self.snippet(read), loop_value=built.value)
            self.report(node, message, fix=FixClass.MANUAL, data=data)
            return True
        return False

    def _label_renamed(self, node: cst.FormattedString, name: str) -> bool:
        """Report the label naming `name` in an f-string that shows whether the variable is set
        (`f"OPENAI_API_KEY: {'set' if os.environ['OPENAI_API_KEY'] else 'unset'}"`, paper-qa's
        tutorial) where this rule renames that read (its finding, made in `visit_Module`,
        carries the edit): the label is renamed with it (safe), so the message names what the
        code reads. Only a label in one text part of the f-string."""
        target = self._target(name)
        span = self.ctx.span(node)
        read = any(
            f.edit is not None
            and f.data.get("variable_from") == name
            and f.data.get("variable_to") == target
            and span.start <= f.edit.span.start
            and f.edit.span.end <= span.end
            for f in self.findings
        )
        parts = [
            p
            for p in node.parts
            if isinstance(p, cst.FormattedStringText) and name in NAME_IN_TEXT.findall(p.value)
        ]
        if target is None or not read or len(parts) != 1 or printed_key(self.ctx, node):
            return False
        label = NAME_IN_TEXT.sub(
            lambda m: target if m.group(0) == name else m.group(0), parts[0].value
        )
        self.report(
            parts[0],
            f"names {name} in a message beside its read, which apply renames: apply names "
            f"{target} there too",
            severity=Severity.NOTE,
            fix=FixClass.SAFE,
            edit=Edit(self.ctx.span(parts[0]), label),
            data=self._data(name),
        )
        return True

    def _literal(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        value = string_value(node)
        provider = self.provider
        if (
            self.ctx.rules.switching
            and provider is not None
            and value == provider.api_key_env
            and id(node) not in env_names(self.ctx).by_source  # os.environ[...] is ML404's
        ):
            self._provider_entry_prompt(node)
            self._provider_name_routed(node, provider.api_key_env)
        if value in OPENAI_KEY_ALIASES and self._stored_alias(node):
            return
        if value is None or "OPENAI_" not in value:
            return
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.ConcatenatedString) or id(node) in names.by_source:
            return
        if raw_http(self.ctx).holds(names, node) or owns_key(self.ctx, node, names.parent):
            return
        if names.state_entry(node):  # an entry of Streamlit's session state
            return
        if self._names_field(node, value):
            return
        if not ENV_NAME.match(value):
            match = NAME_IN_TEXT.search(value)
            if match is not None and (
                self._in_message(node, match.group(0)) or self._message_template(node)
            ):
                self._message_note(node, match.group(0))
            return
        where = self._where(value)
        context = self._context(node)
        if context == "message":
            self._message_note(node, value)
        elif where is None and own_setting(value):
            self.report(
                node, f"names {value}, {self._own()}", severity=Severity.NOTE, fix=FixClass.NONE
            )
        elif context in ("settings", "env-key") and where is None:
            self.report(node, f"names {value}, {self._no_equivalent(value)}", fix=FixClass.MANUAL)
        elif context == "settings":
            self.report(
                node,
                f"names {value}, the variable a settings field reads; {where}",
                edit=self._edit(node, value),
            )
        elif context == "env-key" and self._record_key_name(node, value):
            pass  # beside OpenAI URLs of its record that stay: left with them
        elif context == "env-key" and (user := self._foreign_key_user(node, value)):
            self.report(node, self._foreign_name_message(value, user), fix=FixClass.MANUAL)
        elif context == "env-key":
            self.report(
                node,
                f"names {value} as the variable to read; {where}",
                fix=FixClass.REVIEW,
                edit=self._edit(node, value),
            )
        elif (said := option_said(self.ctx, node, value)) is not None:
            self.report(node, said, fix=FixClass.MANUAL, data={"variable_from": value})
        elif value in sdk.KEY_VARS_TO_SWITCH and (branch := self._route_branch(node)):
            data = {"variable_from": value}
            if (own := route_key_branch(self.ctx, branch)) is not None:
                said = f"names {value}"
                message = route_key_kept(self.ctx, said, branch, own)
                self.report(node, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data)
            else:
                message = route_key_left(self.ctx, f"names {value}", branch)
                self.report(node, message, fix=FixClass.MANUAL, data=data)
        elif (declared := declaration_at(self.ctx, node)) is not None and self._class_key(
            node, declared
        ):
            pass  # a class's own key variable, its clients still on OpenAI (`class_keys`)
        elif self._decorator_of_read(node, value):
            pass  # named with the reads of the function it decorates
        elif (pair := pair_reason(self.ctx, node, value)) is not None:
            self.report(
                node,
                f"names {value}, but the module does not show how it is used; {pair}",
                fix=FixClass.MANUAL,
                data={"variable_from": value},
            )
        elif (client := self._built_name_client(node, value)) is not None:
            self.report(node, client, fix=FixClass.MANUAL, data={"variable_from": value})
        elif (moved := self._unknown_key_read(node, value)) is not None:
            self.report(
                node,
                moved,
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data={"variable_from": value},
            )
        elif value in sdk.KEY_VARS_TO_SWITCH and (said := self._routed_name(node, value)):
            self.report(node, said, fix=FixClass.MANUAL, data={"variable_from": value})
        elif self.provider is not None and sdk_entry_pair(self.ctx, node):
            provider = self.provider
            self.report(
                node,
                f"names {value} as an entry of a mapping that also gets OpenAI's "
                f"{'base URL' if value in sdk.KEY_VARS_TO_SWITCH else 'key'} (an environment "
                "for a child process, whose openai SDK reads them by these names): keep the "
                f"entries' names, and fill them from {provider.api_key_env} and "
                f"{provider.base_url_env} together, by hand",
                fix=FixClass.MANUAL,
                data={"variable_from": value},
            )
        elif not self.service_key(node, value):  # a table of services' keys: its own note
            advice = (
                f"make it name {self._target(value)} by hand"
                if self._target(value)
                else "switch it to the provider's variable by hand"
                if where is not None
                else self._no_equivalent(value)
            )
            stored = (
                self._prompt_kept(node)
                if self._target(value) == getattr(self.provider, "api_key_env", None)
                else ""
            )
            self.report(
                node,
                f"names {value}, but the module does not show how it is used"
                f"{self._read_here(value)}; {advice}{stored}",
                fix=FixClass.MANUAL,
            )

    def _unknown_key_read(self, node: cst.BaseExpression, value: str) -> str | None:
        """Where the string naming OpenAI's key variable `value` is the first argument of a
        call this module cannot follow (`config.get_key("OPENAI_API_KEY")`; a project's own
        wrapper of os.getenv is a read, `env_wrappers`) whose result is the key of an SDK
        client apply points at the provider (`sdk_key_given`): that call may read OpenAI's
        key, which would go to the provider (t64c). The message saying so; None elsewhere."""
        from migrate_llm.rules.clients import client_left  # it imports the environment rules

        provider, target = self.provider, self._target(value)
        if provider is None or target is None or value not in switched_keys(self.ctx):
            return None
        names = env_names(self.ctx)
        arg = names.parent(node)
        call = names.parent(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call) or not call.args or call.args[0] is not arg:
            return None
        client = _keyed_client(self.ctx, call)
        if client is None:
            client = sdk_key_given(self.ctx, names, call)
        if client is None or client_left(self.ctx, client):
            return None
        line = self.ctx.line_label(self.ctx.position(client)[0][0])
        return (
            f"names {value} as what `{self.snippet(call.func)}()` looks up, whose result is the "
            f"key of {self.snippet(client.func)}() on {line}, which apply points at "
            f"{provider.name}: where that call reads {value}, OpenAI's key would go to "
            f"{provider.name}; make it name {target} (and read it), by hand"
        )

    def _built_name_client(self, node: cst.BaseExpression, value: str) -> str | None:
        """Where the string naming OpenAI's key variable `value` is the name a read under a
        built name reads for the key of a client apply leaves on OpenAI
        (`built_name_clients`): renamed alone, the provider's key would go to OpenAI; the
        message saying to point that client at the provider first. None elsewhere."""
        target, provider = self._target(value), self.provider
        if target is None or provider is None or value not in switched_keys(self.ctx):
            return None
        found = built_name_client(self.ctx, node, value)
        if found is None:
            return None
        at = self.ctx.line_label
        return (
            f"names {value}, the variable `{found.read}` ({at(found.line)}) reads for the key of "
            f"{self.snippet(found.call.func)}() on {at(self.ctx.position(found.call)[0][0])}, "
            f"which apply leaves talking to OpenAI (see there): renamed alone, {provider.name}'s "
            f"key would go to OpenAI; point that client at {provider.name} first, then make "
            f"this name {target}, by hand"
        )

    def _class_key(self, node: cst.BaseExpression, declared: KeyDeclaration) -> bool:
        """Report a class attribute declaring OpenAI's key variable as the class's key
        (`class_keys`: llm's `key_env_var = "OPENAI_API_KEY"`), whose SDK clients still reach
        OpenAI, and whether it did: an error where one of them is a client apply could point
        at the provider (ML001, ML003 say how), since requests go to OpenAI with OpenAI's key
        through it; a warning to keep it where every one is left on OpenAI for an API the
        provider does not serve (`unserved_left`: renamed, the provider's key would go to
        OpenAI)."""
        from migrate_llm.rules.clients import unserved_left  # it imports this module

        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return False
        clients = declared_clients(self.ctx, declared)
        moved = declared_clients(self.ctx, declared, provider) if not clients else []
        if not clients and not moved:
            return False
        where = self._lines(clients or moved)
        said = (
            f"names {declared.variable} as the key of class {declared.owner.name.value} "
            f"(`{declared.name}`), the key of its SDK clients ({where})"
        )
        data = {"variable_from": declared.variable, "key_declared_in": declared.name}
        if moved:
            # pointed at the provider by an earlier apply or by hand, the variable left
            self.report(
                node,
                f"{said}, which point at {provider.name}: OpenAI's key goes to "
                f"{provider.name}; name {provider.api_key_env} here"
                f"{alias_renamed(self.ctx, declared, provider)}, by hand",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data=data | self._alias_data(declared),
            )
            return True
        if all(unserved_left(self.ctx, c) for c in clients):
            self.report(
                node,
                f"{said}: apply leaves them on OpenAI, as their only requests are to APIs "
                f"{provider.name} does not serve (ML001): keep it naming OpenAI's key while they "
                f"stay there; renamed to {provider.api_key_env}, {provider.name}'s key would go "
                "to OpenAI",
                fix=FixClass.MANUAL,
                data=data,
            )
            return True
        self.report(
            node,
            f"{said}: they still reach OpenAI with OpenAI's key, which apply cannot move (the "
            "class hands the name to code the module does not show); name "
            f"{provider.api_key_env} here{alias_renamed(self.ctx, declared, provider)} and "
            f"point those clients at {provider.name} ({provider.base_url_env}), together, by "
            "hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data=data | self._alias_data(declared),
        )
        return True

    @staticmethod
    def _alias_data(declared: KeyDeclaration) -> dict[str, str]:
        alias = alias_of(declared.owner)
        return {"key_alias_in": alias.name} if alias is not None else {}

    def _stored_alias(self, node: cst.BaseExpression) -> bool:
        """Report the alias of OpenAI under which a class looks its stored key up before its
        key variable (`class_keys.alias_of`: llm's `needs_key = "openai"`), left beside the
        provider's variable (renamed by hand) in a class whose SDK clients point at the
        provider (`stored_alias_clients`): OpenAI's key stored under that alias (`llm keys
        set openai`) goes to the provider (an error), and whether it did."""
        alias = alias_at(self.ctx, node)
        provider = self.provider
        if alias is None or provider is None or not self.ctx.rules.switching:
            return False
        found = stored_alias_clients(self.ctx, alias, provider)
        if found is None:
            return False
        declared, clients = found
        where = self._lines(clients)
        data: dict[str, object] = {"key_alias_in": alias.name, "variable_to": declared.variable}
        shared = ""
        sharers = alias_sharers(self.ctx, alias)
        if sharers:
            # one alias for two hosts: whichever key is stored there goes to the wrong one
            names = [other.owner.name.value for other, _ in sharers]
            data["alias_shared_with"] = names
            shared = "; " + "; ".join(
                f"class {other.owner.name.value} "
                f"({self.ctx.line_label(self.ctx.position(other.value)[0][0])}) looks up its "
                f'key under "{other.variable}" too, for its SDK clients left on OpenAI '
                f"({self._lines(kept)})"
                for other, kept in sharers
            )
            shared += (
                f': {provider.name}\'s key stored under "{alias.variable}" instead would go '
                "to OpenAI"
            )
        self.report(
            node,
            f'names "{alias.variable}" as the alias under which class '
            f"{alias.owner.name.value} (`{alias.name}`) looks up a stored key before its key "
            f"variable {declared.variable} (`{declared.name}`), for its SDK clients pointed at "
            f'{provider.name} ({where}): OpenAI\'s key stored under "{alias.variable}" goes '
            f'to {provider.name}{shared}; rename it (e.g. to "{provider.id}") and store '
            f"{provider.name}'s key under that name, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _lines(self, nodes: list[cst.Call]) -> str:
        return ", ".join(self.ctx.line_label(self.ctx.position(c)[0][0]) for c in nodes)

    def _prompt_kept(self, node: cst.BaseExpression) -> str:
        """What the finding says of a prompt whose answer the module stores under OpenAI's
        key variable `node` names (`stored_prompt`: shell_gpt's `defaults["OPENAI_API_KEY"]
        = getpass("Please enter your OpenAI API key: ")`), where it names OpenAI: apply
        leaves it. The entry keeps OpenAI's name (renaming it is left to a person), so the
        clients reading it keep OpenAI's URL (ML003 switches a run-time URL's OpenAI branch
        only for a key named for the provider): asked for the provider's key, a person
        would send it to OpenAI (t51j A). "" for no such prompt."""
        provider = self.provider
        prompt = stored_prompt(self.ctx, node) if self.ctx.rules.switching else None
        wording = prompt_wording(self.ctx, prompt) if prompt is not None else None
        if provider is None or prompt is None or wording is None:
            return ""
        line = self.ctx.line_label(self.ctx.position(prompt)[0][0])
        return (
            f"; apply leaves the prompt on {line} ({wording.shown}), whose answer is stored "
            "here: the clients reading this entry send it to OpenAI until their base URL is "
            f"switched; make it ask for {article(provider.name)} {provider.name} key when you "
            f"rename the entry and point them at {provider.name}"
        )

    def _provider_entry_prompt(self, node: cst.BaseExpression) -> None:
        """A prompt naming OpenAI's key whose answer the module stores under the provider's
        key variable (`stored_prompt`: shell_gpt's entry renamed by hand, `defaults[
        "ARK_API_KEY"] = getpass("Please enter your OpenAI API key: ")`), and the texts
        beside it: left to a person (manual), since the clients reading the entry are in
        other modules, where this rule cannot see that they go to the provider."""
        provider = self.provider
        prompt = stored_prompt(self.ctx, node) if provider is not None else None
        if provider is None or prompt is None:
            return
        sent = f"its answer is stored under {provider.api_key_env}, {provider.name}'s key variable"
        wording = prompt_wording(self.ctx, prompt)
        if wording is not None:
            report_prompt(self, wording, editable=False, sent=sent)
        report_prompt_texts(self, prompt, editable=False, sent=sent)

    def _route_branch(self, node: cst.CSTNode) -> cst.If | None:
        """The branch for models on LangChain's `openai:` route holding `node`, switching."""
        return route_test(self.ctx, node) if self.ctx.rules.switching else None

    def _beside_keys(self, node: cst.CSTNode) -> list[str]:
        """The other services' key variables named beside `node` as values of the same dict
        (`{"openai": "OPENAI_API_KEY", "deepseek": "DEEPSEEK_API_KEY"}`, also `dict(...)`'s
        keywords) or in the same place of the other rows of a list of tuples: a table of
        which variable holds each service's key."""
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.DictElement) and parent.value is node:
            holder = names.parent(parent)
            values = (
                [e.value for e in holder.elements if isinstance(e, cst.DictElement)]
                if isinstance(holder, cst.Dict)
                else []
            )
        elif isinstance(parent, cst.Arg) and parent.keyword is not None:
            call = names.parent(parent)
            values = (
                [a.value for a in call.args if a.keyword is not None]
                if isinstance(call, cst.Call) and last_name(call.func) == "dict"
                else []
            )
        elif isinstance(parent, cst.Element) and isinstance(row := names.parent(parent), cst.Tuple):
            values = self._column(row, row.elements.index(parent))
            if not values:
                return self._listed_keys(node, row)
        elif isinstance(parent, cst.Element) and isinstance(
            listed := names.parent(parent), (cst.List, cst.Set)
        ):
            return self._listed_keys(node, listed)
        else:
            return []
        found = [string_value(v) or "" for v in values if v is not node]
        return [v for v in found if _KEY_VARIABLE.match(v) and not ENV_NAME.match(v)]

    def _listed_keys(self, node: cst.CSTNode, listed: cst.List | cst.Tuple | cst.Set) -> list[str]:
        """The other LLM services' key variables a flat list, tuple or set holding `node`
        names (`("OPENAI_API_KEY", "GOOGLE_API_KEY", "DASHSCOPE_API_KEY")`, the keys a test
        fixture sets: `service_tables.service_key_variable`): renamed, OpenAI's would repeat
        the provider's and the program's OpenAI path would lose its variable (t52b D3). Not a
        list of the variables one program needs together (`["OPENAI_API_KEY", "DB_URL"]`,
        `"SERPAPI_API_KEY"`), whose OpenAI key the provider's replaces."""
        found = [string_value(e.value) or "" for e in listed.elements if e.value is not node]
        return [v for v in found if service_key_variable(self.ctx, v)]

    def _column(self, row: cst.Tuple, at: int) -> list[cst.BaseExpression]:
        """The `at`-th values of the rows of the list or tuple of tuples `row` is one of
        (aider's `[("ANTHROPIC_API_KEY", "sonnet"), ("OPENAI_API_KEY", "gpt-4o")]`)."""
        names = env_names(self.ctx)
        element = names.parent(row)
        table = names.parent(element) if isinstance(element, cst.Element) else None
        if not isinstance(table, (cst.List, cst.Tuple)):
            return []
        return [
            e.value.elements[at].value
            for e in table.elements
            if isinstance(e.value, cst.Tuple) and len(e.value.elements) > at
        ]

    def service_key(self, node: cst.CSTNode, value: str) -> bool:
        """Report OpenAI's key variable in a table of services' key variables
        (`_beside_keys`, `_key_table`) or in OpenAI's entry of a table keyed by service
        (`service_tables`: `{"openai": (URL, "OPENAI_API_KEY"), "qwen": ...}`): it stays
        OpenAI's, a note. Whether it is one."""
        if value not in sdk.KEY_VARS_TO_SWITCH:
            return False
        others = self._beside_keys(node)
        if others:
            self._key_table(node, value, others)
            return True
        entry = service_entry(self.ctx, node)
        if entry is None or not entry.openai:
            return False
        self.report(
            node,
            f"names {value} under {entry.service!r} in {entry.table}, a table keyed by service: "
            "OpenAI's entry stays for OpenAI",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
        )
        return True

    def _key_table(self, node: cst.CSTNode, value: str, others: list[str]) -> None:
        """OpenAI's key variable in a table of services' key variables: its entry is for
        OpenAI, so it stays; the provider's is needed there too."""
        provider = self.provider
        if provider is None or provider.api_key_env in others:
            beside = provider.api_key_env if provider is not None else others[0]
            self.report(
                node,
                f"names {value} in a table of services' key variables, beside {beside}: "
                "OpenAI's entry stays for OpenAI",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        self.report(
            node,
            f"names {value} in a table of services' key variables ({', '.join(others)} "
            f"beside it) that has no entry for {provider.name}: OpenAI's stays for OpenAI; add "
            f"one naming {provider.api_key_env} by hand if the program looks {provider.name}'s "
            "key up there",
            fix=FixClass.MANUAL,
        )

    def _decorator_of_read(self, node: cst.BaseExpression, value: str) -> bool:
        """Report a string naming `value` in a decorator of a function that reads that variable
        itself (camel's `@api_keys_required([("api_key", "OPENAI_API_KEY")])` on an
        `__init__` reading `api_key or os.environ.get("OPENAI_API_KEY")`), and whether it did:
        the decorator checks or sets the variable the function reads, so it names what the
        reads name. Renamed with them where apply renames every read of it in the function
        (the reads' fix), else left with the one left (manual, t60a A1)."""
        decorator = next(
            (a for a in reversed(self.ctx.ancestors(node)) if isinstance(a, cst.Decorator)), None
        )
        function = self.ctx.ancestors(decorator)[-1] if decorator is not None else None
        if not isinstance(function, cst.FunctionDef):
            return False
        (first, _), (last, _) = self.ctx.position(function.body)
        reads = [
            f
            for f in self.findings
            if f.rule == self.code
            and f.data.get("variable_from") == value
            and first <= f.line <= last
        ]
        if not reads:
            return False
        name = function.name.value
        lines = ", ".join(str(f.line) for f in reads)
        said = (
            f"names {value} in a decorator of `{name}`, whose "
            f"{'reads' if len(reads) > 1 else 'read'} of it on line{'s' if len(reads) > 1 else ''} "
            f"{lines}"
        )
        left = [f for f in reads if f.edit is None]
        target = self._target(value)
        if left or target is None:
            self.report(
                node,
                f"{said} apply leaves (see there): the decorator and the read name the same "
                "variable; switch both together, by hand",
                fix=FixClass.MANUAL,
                data=self._data(value),
            )
            return True
        fixes = {f.fix for f in reads}
        self.report(
            node,
            f"{said} apply renames to {target}: apply names {target} here too, so the "
            "decorator checks the variable the function reads",
            fix=FixClass.REVIEW if FixClass.REVIEW in fixes else FixClass.SAFE,
            edit=self._edit(node, value),
            data=self._data(value),
        )
        return True

    def _routed_model(self, node: cst.BaseExpression, value: str) -> str:
        """`names X beside ... on line N, a model on litellm's OpenAI route` for a string
        bound to a name beside such a model (`routed_model_beside`: crawl4ai's
        `DEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"` beside `DEFAULT_PROVIDER =
        "openai/gpt-4o"`); empty elsewhere."""
        beside = routed_model_beside(self.ctx, node)
        if beside is None:
            return ""
        line = self.ctx.line_label(self.ctx.position(beside)[0][0])
        return (
            f"names {value} beside `{self.snippet(beside)}` on {line}, a model on litellm's "
            "OpenAI route: the key read under this name goes with that model to OpenAI"
        )

    def _routed_name(self, node: cst.BaseExpression, value: str) -> str:
        """Why a string naming OpenAI's key variable beside a model on litellm's OpenAI route
        (`_routed_model`) is left, not renamed: renamed, the provider's key would go to
        OpenAI (t66g: crawl4ai's default model); empty elsewhere."""
        said, provider = self._routed_model(node, value), self.provider
        if not said or provider is None:
            return ""
        return (
            f"{said}, so naming {provider.api_key_env} here would send {provider.name}'s key "
            "to OpenAI; change that model and this name together, by hand"
        )

    def _provider_name_routed(self, node: cst.BaseExpression, value: str) -> None:
        """Report the provider's key variable named beside a model on litellm's OpenAI route
        (`_routed_model`; renamed by hand as ML401 once advised of crawl4ai's
        `DEFAULT_PROVIDER_API_KEY`): the provider's key goes to OpenAI. An error, manual."""
        said, provider = self._routed_model(node, value), self.provider
        if not said or provider is None:
            return
        self.report(
            node,
            f"{said}: {provider.name}'s key would be sent to OpenAI; give that model "
            f"{provider.name}'s route, or name OpenAI's key variable here, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"variable_from": value},
        )

    def _read_here(self, value: str) -> str:
        """Where the module reads the variable a bare string names, said: the string most
        likely names it for a check that it is set, which stops every run until it names what
        the read now reads (in a decorator of the reading function: `_decorator_of_read`)."""
        names = env_names(self.ctx)
        for access in names.accesses:
            if access.kind == "read" and value in access.names:
                line = self.ctx.line_label(names.line(access.node))
                return (
                    f" (the module reads it on {line}: if this names it for a check that it is "
                    "set, that check stops the program until both name the same variable)"
                )
        return ""

    def _record_key_name(self, node: cst.CSTNode, value: str) -> bool:
        """Report OpenAI's key variable named as the one to read a record's key from, beside
        OpenAI URLs of the same call or dict that apply leaves (`record_urls`, `name_moves`:
        DB-GPT's `Profile(env_var="OPENAI_API_KEY", ..., embedding_api_url=
        "https://api.openai.com/v1/embeddings")`), and whether it did: renamed alone, the
        provider's key went to OpenAI (t64b). The name and the URLs change together or not at
        all: left (manual), or a note in OpenAI's entry of a table keyed by service where the
        program names a service of the provider's own (OpenAI stays one of its services)."""
        provider = self.provider
        if provider is None or value not in sdk.KEY_VARS_TO_SWITCH:
            return False
        urls = record_urls(self.ctx, node)
        if not urls or name_moves(self.ctx, node):
            return False
        entry = service_entry(self.ctx, node)
        if entry is not None and entry.openai and names_target_service(self.ctx):
            return self.service_key(node, value)
        url = urls[0]
        line = self.ctx.line_label(self.ctx.position(url)[0][0])
        where = f"under {entry.service!r} in {entry.table}, " if entry is not None else ""
        self.report(
            node,
            f"names {value} as the variable to read, {where}beside OpenAI's URL "
            f"{string_value(url)} ({line}) in the same record, which apply leaves: renamed "
            f"alone, {provider.name}'s key would go to OpenAI; where this record now serves "
            f"{provider.name}, point its URLs at {provider.name} ({provider.base_url_env}) and "
            f"name {provider.api_key_env} here together, by hand, else keep both OpenAI's",
            fix=FixClass.MANUAL,
            data={"variable_from": value},
        )
        return True

    def _foreign_key_user(self, node: cst.CSTNode, name: str) -> cst.Call | None:
        """The call that `node`, naming OpenAI's key variable, is passed to as the variable to
        read its key from, when that call is named like OpenAI and not rewritten
        (chromadb's `OpenAIEmbeddingFunction(api_key_env_var="OPENAI_API_KEY")`)."""
        if name not in sdk.KEY_VARS_TO_SWITCH:
            return None
        names = env_names(self.ctx)
        arg = names.parent(node)
        call = names.parent(arg) if isinstance(arg, cst.Arg) else None
        if isinstance(arg, cst.Arg) and isinstance(call, cst.Call):
            return call if foreign_user(self.ctx, call, arg) else None
        return None

    def _foreign_name_message(self, name: str, call: cst.Call) -> str:
        """Why a key variable named to a class like OpenAI's is left (as its key read is)."""
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        provider = self.provider.name if self.provider else "the provider"
        key = self.provider.api_key_env if self.provider else "the provider's key variable"
        how = "(its base URL and key)"
        if chroma_function(self.ctx, call) and no_embeddings_model(self.ctx):
            return (
                f"names {name} as the variable {self.snippet(call.func)}() on {line} reads its "
                f"key from, {chroma.LABEL}, which migrate-llm does not rewrite: it talks to "
                f"OpenAI, where {provider}'s key ({key}) must not go; "
                f"{unserved_advice(self.ctx)}, by hand"
            )
        if chroma_function(self.ctx, call):
            how = f"with {pointing(self.ctx, call)}"
        return (
            f"names {name} as the variable {self.snippet(call.func)}() on {line} reads its key "
            f"from, named like OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, "
            f"{provider}'s key ({key}) would go there; point it at {provider} {how} and name "
            f"{key}, or keep it on OpenAI, by hand"
        )

    def _message_note(self, node: cst.CSTNode, name: str) -> None:
        shown = printed_key(self.ctx, node)
        if shown is not None:
            # reworded, the line would print the provider's key instead (`printed_keys`)
            self.report(
                node,
                f"names {name} in a message that prints the key itself (`{shown}`): a "
                "secret leaking into the output and logs, whichever variable it comes from; "
                "remove the key from this line or mask it, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"variable_from": name, "prints_key": shown},
            )
            return
        where = self._where(name)
        if where is None and name == sdk.AZURE_KEY_VAR:
            key = self.provider.api_key_env if self.provider else "the provider's key variable"
            where = f"Azure OpenAI's key, not switched to {key}: reword it where the code reads it"
        elif where is None:
            target = self.provider.name if self.provider else "the provider"
            where = f"an OpenAI-only setting, {target} has no equivalent: reword it"
        elif self.provider is not None:
            where = where.replace(" (the OpenAI key is not copied)", "") + ": reword it"
        else:
            where = "reword it for the provider's variable"
        self.report(
            node,
            f"names {name} in a message; {where}",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
        )

    def _context(self, node: cst.CSTNode) -> str:
        """How a string naming a variable is used: "settings", "env-key", "message", "other"."""
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.Arg):
            call = names.parent(parent)
            func = last_name(call.func) if isinstance(call, cst.Call) else None
            kw = parent.keyword.value if parent.keyword is not None else None
            if func in sdk.SETTINGS_NAME_CALLS:
                return "settings"
            if func == "Field" and kw in sdk.SETTINGS_ENV_KWARGS:
                return "settings"
            if kw in sdk.SETTINGS_ALIAS_KWARGS and self._in_settings_class(node):
                return "settings"
            if kw is not None and env_name_key(kw):
                return "env-key"
        if isinstance(parent, cst.DictElement) and parent.value is node:
            key = string_value(parent.key)
            if key is not None and env_name_key(key):
                return "env-key"
        return "message" if self._in_message(node) else "other"

    def _message_template(self, node: cst.CSTNode) -> bool:
        """Whether a text is the value of a name bound to it alone (a multi-line `_MISSING`
        telling people to define OPENAI_API_KEY) that a message reads (`raise Error(_MISSING.
        format(paths))`), or a name bound once to what is made of it does (t65b: lmql's
        `m = _MISSING_CREDS_ERROR_MSG_TEMPLATE.format(...)`, then `raise
        FileNotFoundError(m)`): a message template."""
        names = env_names(self.ctx)
        value: cst.CSTNode = node
        for _ in range(_TEMPLATE_HOPS):
            parent = names.parent(value)
            if not (
                isinstance(parent, cst.Assign)
                and parent.value is value
                and len(parent.targets) == 1
                and isinstance(parent.targets[0].target, cst.Name)
            ):
                return False
            bound = self.ctx.bindings(parent.targets[0].target)
            if len(bound) != 1 or not isinstance(bound[0], Assignment):
                return False
            references = [r.node for r in bound[0].references]
            if any(in_message(self.ctx, r) for r in references):
                return True
            if len(references) != 1:
                return False
            # `m = TEMPLATE.format(...)`: what the one use makes, followed once more
            value = references[0]
            while not isinstance(names.parent(value), (cst.Assign, cst.BaseSmallStatement)):
                above = names.parent(value)
                if not isinstance(above, (cst.Attribute, cst.Call, cst.Arg, cst.BinaryOperation)):
                    return False
                value = above
        return False

    def _in_message(self, node: cst.CSTNode, name: str | None = None) -> bool:
        """Whether a string is shown to people (`in_message`); one whose text names the key
        variable `name` also wherever it stands in a branch of a key test (`key_tests`:
        open-interpreter's `interpreter.display_message("... export OPENAI_API_KEY=...")`
        after `if not os.environ.get("OPENAI_API_KEY")`), whose read names the provider's
        variable once switched."""
        if in_message(self.ctx, node):
            return True
        if name not in sdk.KEY_VARS_TO_SWITCH:
            return False
        at = self.ctx.index_of(node)
        for test in self.key_tests:
            for branch in (test.body, test.orelse):
                start = self.ctx.index_of(branch) if branch is not None else -1
                if start >= 0 and start <= at < self.ctx.ends[start]:
                    return True
        return False


def _keyed_client(ctx: PythonContext, value: cst.CSTNode) -> cst.Call | None:
    """The plain SDK client construction given `value` itself as its `api_key=`
    (`OpenAI(api_key=lookup("OPENAI_API_KEY"))`; `sdk_key_given` follows it through names)."""
    names = env_names(ctx)
    arg = names.parent(value)
    call = names.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(arg, cst.Arg) or not isinstance(call, cst.Call) or arg.keyword is None:
        return None
    client = ctx.constructed_client(call)
    keyed = arg.keyword.value == "api_key" and client is not None and not client.azure
    return call if keyed else None
