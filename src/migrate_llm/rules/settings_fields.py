"""The fields of a pydantic settings class that read one of OpenAI's variables by their own
name (`openai_api_key: str`), for ML401: made to read the provider's variable by an alias."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.held_settings import HeldField
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.env_read_facts import own_setting
from migrate_llm.rules.env_var_targets import VariableTargets
from migrate_llm.rules.python_context import ENV_NAME, last_name, string_value
from migrate_llm.rules.settings_bases import project_settings_base
from migrate_llm.rules.settings_holds import (
    alias_values,
    compared,
    given_to_callee,
    hold_reasons,
)

if TYPE_CHECKING:
    from migrate_llm.rules.callee_keys import CalleeClient


class SettingsFields(VariableTargets):
    """ML401's part for settings classes and their fields."""

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """`openai_api_key: str` in a pydantic `BaseSettings` class: the field is read from
        the variable of its name (after the class's `env_prefix`), OPENAI_API_KEY, even once
        the client reads the provider's key, and a required one stops the program at start."""
        if not self._settings_class(node):
            return
        config = _settings_config(node)
        # a prefix the module does not show (sec-insights' `model_config = model_config`, its
        # `env_prefix` chosen at run time): the field still reads OpenAI's variable where the
        # prefix is empty, so it is reported, for a person
        if config is None and not _may_read_unprefixed(node, self.ctx.module):
            return
        prefix, case_sensitive = config if config is not None else ("", False)
        for statement in node.body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                    continue
                name = prefix + small.target.value
                name = name if case_sensitive else name.upper()
                if ENV_NAME.match(name) and _aliased(small):
                    self._aliased_key_field(node, small)
                if not ENV_NAME.match(name) or _aliased(small):
                    continue
                if config is None:
                    self._unsure_field(node, small, name)
                else:
                    self._settings_field(node, small, name)

    def _aliased_key_field(self, klass: cst.ClassDef, small: cst.AnnAssign) -> None:
        """A field reading the provider's key variable by its alias (an earlier apply's
        `validation_alias="MOONSHOT_API_KEY"`) that the module hands to another module's class
        or function whose client stays on OpenAI (`given_to_callee`): the provider's key goes
        to OpenAI there (t64c: check was green on vocode's quickstart so)."""
        provider = self.provider
        field = small.target
        if provider is None or not self.ctx.rules.switching or not isinstance(field, cst.Name):
            return
        if provider.api_key_env not in {string_value(v) for v in alias_values(small)}:
            return
        given = given_to_callee(self.ctx, field.value)
        if given is None or given[1].kind in ("opaque", "unknown"):
            return
        call, there = given
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        self.report(
            field,
            f"settings field {klass.name.value}.{field.value} reads {provider.api_key_env} "
            f"({provider.name}'s key) by its alias, and goes to {self.snippet(call.func)}() on "
            f"{line}, whose module hands it to {there.words()}, which apply leaves talking to "
            f"OpenAI: {provider.name}'s key would go to OpenAI; give that client OpenAI's key "
            f"from its own variable, or point it at {provider.name}, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"variable_from": provider.api_key_env, "callee": self.snippet(call.func)},
        )

    def _unsure_field(self, klass: cst.ClassDef, small: cst.AnnAssign, name: str) -> None:
        """A field of OpenAI's variable in a class whose `env_prefix` is chosen at run time, ""
        among the choices: manual."""
        where = self._where(name)
        if where is None:
            return
        field = small.target
        assert isinstance(field, cst.Name)
        message = (
            f"settings field {klass.name.value}.{field.value} reads {name} (after the env_prefix "
            f"its model_config chooses at run time: {name} itself where it is empty); {where}: "
            "make the field read it (validation_alias=, or env= in pydantic<2), by hand"
        )
        self.report(field, message, fix=FixClass.MANUAL, data=self._data(name))

    def _settings_field(self, klass: cst.ClassDef, small: cst.AnnAssign, name: str) -> None:
        field = small.target
        assert isinstance(field, cst.Name)
        where = self._where(name)
        subject = f"settings field {klass.name.value}.{field.value} reads {name}"
        target = self._target(name)
        data = self._data(name)
        if where is None and own_setting(name):
            message = f"{subject}, {self._own()}"
            self.report(field, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data)
            return
        if where is None:
            advice = self._no_equivalent(name)
            self.report(field, f"{subject}; {advice}", fix=FixClass.MANUAL, data=data)
            return
        azure = self._azure_endpoint_of(field.value, name)
        if azure is not None:
            data.pop("variable_to", None)  # migrated code still reads it
            data["azure_endpoint_in"] = azure
            self.report(
                field, f"{subject}; {self._azure_advice(azure)}", fix=FixClass.MANUAL, data=data
            )
            return
        held = (
            self._held(klass, field.value, name)
            or self._beside_left_read(klass, field, name)
            or self._beside_held_key(klass, name)
        )
        if held is not None:
            message, severity = held
            self.report(
                field,
                f"{subject}; not switched: {message}",
                severity=severity,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        alias = self._alias_keyword(klass)
        if alias is None:
            advice = f"{where}: make the field read it (validation_alias=, or env= in pydantic<2)"
            self.report(field, f"{subject}; {advice}, by hand", fix=FixClass.MANUAL, data=data)
            return
        keyword, module = alias
        refused = keyword in sdk.SETTINGS_ALIAS_KWARGS
        call = self._built_by_name(klass, field.value) if refused else None
        if call is not None:
            advice = self._by_name_advice(call, field.value, name, target)
            message = f"{subject}; {where}: {advice}"
            self.report(field, message, fix=FixClass.MANUAL, data=data)
            return
        message = f"{subject}; {where}: the field reads it by {keyword}="
        if refused:
            message += f" ({self._alias_note(klass, field.value, name, target)})"
        edit = None
        if target is not None and self.ctx.rules.switching:
            edit = self._alias_edit(small, f'{keyword}="{target}"', module)
        self.report(field, message, fix=FixClass.REVIEW, edit=edit, data=data)

    def _held(self, klass: cst.ClassDef, field: str, name: str) -> tuple[str, Severity] | None:
        """Why a field `apply` would alias to the provider's variable stays (`hold_reasons`):
        subclasses built for other servers, an embeddings configuration, calls elsewhere
        passing the field by name, or what another module importing the class holds it for; a
        read of the same variable the module keeps is `_beside_left_read`'s. None where none
        holds it."""
        provider = self.provider
        if provider is None or not self.ctx.rules.switching or self._target(name) is None:
            return None
        hold = next(
            (h for h in hold_reasons(self.ctx, klass, field, name) if h.kind != "read"), None
        )
        if hold is None:
            return None
        target = self._target(name)
        cls = klass.name.value
        if hold.kind == "prefix":
            computed = cast(cst.Call, hold.shown)
            line = self.ctx.line_label(self.ctx.position(computed)[0][0])
            return (
                f"the module builds settings classes with an env_prefix chosen at run time "
                f"(`{self.snippet(computed)}` on {line}), for other servers' variables "
                f"(an `OLLAMA_` prefix: OLLAMA_{field.upper()}): an alias ignores the prefix, "
                "so each of them would read "
                f"{target} instead and send its requests to {provider.name}; make the field "
                f"read {target} only where the prefix is {name.removesuffix(field.upper())!r}, "
                "by hand",
                Severity.WARNING,
            )
        if hold.kind == "embeddings":
            embeddings = cast(tuple[str, str], hold.shown)
            return (
                f"{cls} configures OpenAI embeddings (`{embeddings[0]} = {embeddings[1]!r}`), "
                f"which {provider.name} does not serve: it stays on OpenAI with the client it "
                "configures (ML001, ML003); point both at a provider that serves embeddings, "
                "with that provider's key, by hand",
                Severity.WARNING,
            )
        if hold.kind == "passed":
            callers = cast(list[str], hold.shown)
            more = len(callers) - 3
            shown = ", ".join(callers[:3]) + (f" and {more} more" if more > 0 else "")
            return (
                f"code in {shown} builds `{cls}({field}=...)`, which pydantic refuses once the "
                f"field has an alias (extra inputs are not permitted): give it "
                f'validation_alias="{target}" and pass `{cls}({target}=...)` in each of them, '
                f"or keep the field and pass {provider.name}'s value explicitly, by hand",
                Severity.WARNING,
            )
        if hold.kind == "callee":
            call, there = cast("tuple[cst.Call, CalleeClient]", hold.shown)
            return self._given_to_callee(call, there, target), Severity.ERROR
        if hold.kind == "library":
            call, model = cast("tuple[cst.Call, str]", hold.shown)
            line = self.ctx.line_label(self.ctx.position(call)[0][0])
            return (
                f"it goes to {self.snippet(call.func)}() on {line} with the OpenAI model "
                f"{model} and no base URL, a library migrate-llm does not rewrite, which stays "
                f"on OpenAI: aliased to {target}, the field would give it {provider.name}'s "
                f"key, which it would send to OpenAI; point that call at {provider.name} (its "
                f"model, base URL and key) or give it OpenAI's key from its own variable, then "
                f"make the field read {target}, by hand",
                Severity.ERROR,
            )
        return self._held_elsewhere(cls, field, target, cast(list[HeldField], hold.shown))

    def _given_to_callee(self, call: cst.Call, there: CalleeClient, target: str | None) -> str:
        """Why a key field stays that the module hands to another module's class or function
        whose client apply leaves (`settings_holds.given_to_callee`)."""
        provider = self.provider.name if self.provider else "the provider"
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        head = f"it goes to {self.snippet(call.func)}() on {line}"
        if there.kind in ("opaque", "unknown"):
            reached = (
                f"whose module hands it on to {there.words()}, the project's code that cannot "
                "be followed from there, which may be a client apply leaves on OpenAI"
            )
            if there.kind == "opaque":
                reached = (
                    f"the project's own code that cannot be followed ({there.path}), which may "
                    "reach a client apply leaves on OpenAI"
                )
        else:
            kept = (
                "which apply leaves talking to OpenAI (see its finding there)"
                if there.kind == "left"
                else "which apply leaves as it is and could send it to OpenAI"
            )
            reached = f"whose module hands it to {there.words()}, {kept}"
        return (
            f"{head}, {reached}: aliased to {target}, the field would give {provider}'s key to "
            f"that client, which would send it to OpenAI; give that client OpenAI's key from "
            f"its own variable, or point it at {provider}, then make the field read {target}, "
            "by hand (until then, a client apply points at the provider given this field gets "
            "OpenAI's key)"
        )

    def _held_elsewhere(
        self, cls: str, field: str, target: str | None, held: list[HeldField]
    ) -> tuple[str, Severity]:
        """Why a field stays that a module importing its class holds (`held_elsewhere`)."""
        provider = self.provider.name if self.provider else "the provider"
        first = held[0]
        more = len({h.module for h in held}) - 1
        where = first.module + (f" (and {more} more module{'s' * (more > 1)})" if more else "")
        if first.kind == "read":
            return (
                f"code in {where} tests `{field}` against a read of {first.variable} that stays "
                f"there (see there): switched alone, {cls}.{field} would read {target}, the test "
                f"would tell them apart and the branch it guards would send {provider}'s key to "
                "the server that branch picks (another provider's); switch both together, or "
                "keep both, by hand",
                Severity.ERROR,
            )
        if first.kind in ("callee", "library"):
            through = "the project's code" if first.kind == "callee" else "a library"
            return (
                f"code in {where} imports an instance of {cls} and hands `{field}` to a "
                f"client apply leaves on OpenAI, through {through} (see there): aliased to "
                f"{target}, the field would give {provider}'s key to that client, which would "
                f"send it to OpenAI; point that client at {provider}, or give it OpenAI's key "
                f"from its own variable, then make the field read {target}, by hand",
                Severity.ERROR,
            )
        why = {
            "prefix": "with an env_prefix chosen at run time, for other servers' variables: "
            f"an alias ignores the prefix, so it would read {target} instead and send its "
            f"requests to {provider}",
            "embeddings": f"configuring OpenAI embeddings, which {provider} does not serve: "
            f"it stays on OpenAI with its client, which would send {target}'s key there",
        }[first.kind]
        return (
            f"code in {where} builds a subclass of {cls} {why}; make the field read {target} "
            "only where that subclass does not, by hand",
            Severity.WARNING,
        )

    def _beside_left_read(
        self, klass: cst.ClassDef, field: cst.Name, name: str
    ) -> tuple[str, Severity] | None:
        """Why a field stays beside a read of the same variable the module leaves (see there):
        switched alone, the two would disagree, and code comparing the key the field holds
        with that read (`if self.api_key == OPENAI_API_KEY: self.api_key =
        os.getenv("GEMINI_API_KEY")`) would send the provider's key to another server."""
        provider = self.provider
        read = getattr(self, "reads_left", {}).get(name)
        if provider is None or read is None or not self.ctx.rules.switching:
            return None
        target = self._target(name)
        if target is None:
            return None
        line = self.ctx.line_label(self.ctx.position(read)[0][0])
        said = (
            f"the read of {name} on {line} stays (see there); switched alone, "
            f"{klass.name.value}.{field.value} would read {target} while that read keeps "
            f"reading {name}"
        )
        test = compared(self.ctx, read)
        if test is not None:
            where = self.ctx.line_label(self.ctx.position(test)[0][0])
            said += (
                f", so the test `{self.snippet(test)}` on {where} would tell them apart and "
                f"the branch it guards would keep {provider.name}'s key and send it to the "
                "server that branch picks (another provider's)"
            )
        return f"{said}; switch both together, or keep both, by hand", Severity.ERROR

    def _beside_held_key(self, klass: cst.ClassDef, name: str) -> tuple[str, Severity] | None:
        """Why a base-URL field stays beside a key field of its class that stays reading
        OpenAI's key (`_held`, `_beside_left_read`): switched alone, the client given both
        would send that key to the provider's URL."""
        config = _settings_config(klass)
        if name not in sdk.BASE_URL_VARS_TO_SWITCH or config is None:
            return None
        prefix, case_sensitive = config
        for key, _ in _assigned_names(klass):
            variable = prefix + key if case_sensitive else (prefix + key).upper()
            if variable not in sdk.KEY_VARS_TO_SWITCH or self._target(variable) is None:
                continue
            field = cst.Name(key)
            if self._held(klass, key, variable) or self._beside_left_read(klass, field, variable):
                cls = klass.name.value
                return (
                    f"the key field {cls}.{key} stays reading {variable} (see there): switched "
                    f"alone ({self._target(name)}), a client given both would send that key "
                    f"to {self.provider.name if self.provider else 'the provider'}; switch both "
                    "together, by hand",
                    Severity.WARNING,
                )
        return None

    def held_variables(self) -> dict[str, str]:
        """The variables of the module's settings fields that `_held` keeps, with the field
        (`Cls.field`): ML401 leaves the reads of those variables too."""
        found = self.ctx.analyses.get(SettingsFields.held_variables)
        if found is not None:
            return cast("dict[str, str]", found)
        held: dict[str, str] = {}
        for node in self.ctx.nodes:
            # not `isinstance`: see python_context.string_value
            if type(node) is not cst.ClassDef or not self._settings_class(node):
                continue
            config = _settings_config(node)
            if config is None:
                continue
            prefix, case_sensitive = config
            for field, _ in _assigned_names(node):
                name = prefix + field if case_sensitive else (prefix + field).upper()
                switched = name in sdk.KEY_VARS_TO_SWITCH | sdk.BASE_URL_VARS_TO_SWITCH
                if switched and self._held(node, field, name) is not None:
                    held.setdefault(name, f"{node.name.value}.{field}")
        self.ctx.analyses[SettingsFields.held_variables] = held
        return held

    def _azure_endpoint_of(self, field: str, name: str) -> list[str] | None:
        """The modules (as shown) giving the base-URL field `field` (reading `name`) as the
        endpoint of an Azure client or class apply leaves, where the project gives it nowhere
        else (`RunFacts.azure_endpoint_fields`); None otherwise."""
        if name not in sdk.BASE_URL_VARS_TO_SWITCH or not self.ctx.rules.switching:
            return None
        facts = self.ctx.rules.facts.azure_endpoint_fields
        found = sorted(shown for each, shown in facts if each == field)
        return found or None

    def _azure_advice(self, modules: list[str]) -> str:
        """Why a base-URL field the project gives only to Azure clients is left."""
        provider = self.provider.name if self.provider else "the provider"
        target = self.provider.base_url_env if self.provider else "the provider's variable"
        return (
            f"not switched: the project gives it only as the endpoint of an Azure OpenAI client "
            f"or class that apply leaves on Azure (in {', '.join(modules)}; see the finding "
            f"there): made to read {target}, it would point that client at {provider}, with its "
            f"Azure key; move that client to {provider}, then this field, by hand"
        )

    def _alias_note(self, klass: cst.ClassDef, field: str, name: str, target: str | None) -> str:
        """What code elsewhere building `klass` by `field`'s name must do once it has an alias.

        pydantic refuses the field's name as an argument then (extra inputs are not
        permitted), and `populate_by_name=True` (`validate_by_name`) is no way out:
        pydantic-settings then also reads the variable of the field's name, `env_prefix` +
        name, where the alias's is unset (pydantic_settings/sources/base.py line 602 in 2.16.3,
        `_extract_field_info`: `if not v_alias or _validate_by_name_enabled(model_config)`;
        a run showed it: OPENAI_API_KEY set alone, such a field held its value), so the OpenAI
        key would be read and sent to the provider again."""
        cls = klass.name.value
        return (
            f"code building `{cls}({field}=...)` must then pass it by the alias, "
            f"`{cls}({target or _SOME_ALIAS}=...)`: populate_by_name=True would read {name} again"
        )

    def _by_name_advice(self, call: cst.Call, field: str, name: str, target: str | None) -> str:
        """Why a field the module's `call` passes by name keeps reading OpenAI's variable."""
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        cls = cast(cst.Name, call.func).value
        alias = target or _SOME_ALIAS
        provider = self.provider.name if self.provider else "the provider"
        value = "key" if name in sdk.KEY_VARS_TO_SWITCH else "base URL"
        return (
            f"not switched: the call on {line} passes it by name (`{cls}({field}=...)`), which "
            f'the alias would refuse; give the field validation_alias="{alias}" and pass it '
            f"there by that name, `{cls}({alias}=...)`, or keep the field and pass it "
            f"{provider}'s {value} explicitly, by hand"
        )

    def _built_by_name(self, klass: cst.ClassDef, field: str) -> cst.Call | None:
        """The first call of the module building `klass`, or a class of the module deriving
        from it, that passes `field` by its name (`Cfg(api_key=k)`, `Cfg(**{"api_key": k})`)."""
        for node in self.ctx.nodes:
            if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Name):
                continue
            built = self._module_class(node.func)
            if built is not None and _passes(node, field) and self._derives(built, klass):
                return node
        return None

    def _module_class(self, name: cst.Name) -> cst.ClassDef | None:
        """The class of the module `name` refers to, when it refers to one only."""
        bound = self.ctx.bindings(name)
        defined = getattr(bound[0], "node", None) if len(bound) == 1 else None
        return defined if isinstance(defined, cst.ClassDef) else None

    def _derives(self, klass: cst.ClassDef, base: cst.ClassDef, depth: int = 0) -> bool:
        """Whether `klass` is `base` or derives from it through classes of the module."""
        if klass is base:
            return True
        for parent in klass.bases:
            if depth < 8 and isinstance(parent.value, cst.Name):
                defined = self._module_class(parent.value)
                if defined is not None and self._derives(defined, base, depth + 1):
                    return True
        return False

    def _alias_keyword(self, klass: cst.ClassDef) -> tuple[str, str] | None:
        """The `Field` keyword naming a field's variable in `klass` and the module of that
        `Field`, when its settings base is one `SETTINGS_FIELD_ALIAS` knows (or the builder of
        its `model_config`, `SETTINGS_CONFIG_ALIAS`)."""
        for base in klass.bases:
            for qualified in sorted(self.ctx.qualnames(base.value)):
                if qualified in sdk.SETTINGS_FIELD_ALIAS:
                    return sdk.SETTINGS_FIELD_ALIAS[qualified]
        for name, value in _assigned_names(klass):
            if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
                for qualified in sorted(self.ctx.qualnames(value.func)):
                    if qualified in sdk.SETTINGS_CONFIG_ALIAS:
                        return sdk.SETTINGS_CONFIG_ALIAS[qualified]
        return None

    def _alias_edit(self, small: cst.AnnAssign, argument: str, module: str) -> Edit:
        """`key: str` -> `key: str = Field(<argument>)`; a `Field(...)` gets the argument
        last; with another default, the annotation takes the `Field`
        (`url: Annotated[str, Field(<argument>)] = "..."`), so that the default stays where
        other rules may rewrite it (an OpenAI URL, a model)."""
        imports = (f"from {module} import Field",)
        value = small.value
        annotation = small.annotation.annotation
        if value is None:
            end = self.ctx.span(annotation).end
            return Edit(Span(end, end), f" = Field({argument})", imports)
        if isinstance(value, cst.Call) and last_name(value.func) == "Field":
            if not value.args:
                end = self.ctx.span(value).end - 1  # before `)`
                return Edit(Span(end, end), argument)
            end = self.ctx.span(value.args[-1].value).end
            return Edit(Span(end, end), f", {argument}")
        text = f"Annotated[{self.ctx.code(annotation)}, Field({argument})]"
        return Edit(self.ctx.span(annotation), text, ("from typing import Annotated", *imports))

    def _names_field(self, node: cst.CSTNode, value: str) -> bool:
        """Whether the string `node` is a positional argument of a pydantic decorator naming
        fields (`FIELD_NAMING_DECORATORS`: `@field_validator("OPENAI_API_KEY", mode="before")`)
        on a method of a class: a field's name, which stays when the field is made to read the
        provider's variable by an alias. A decorator of that last name that is not seen to be
        pydantic's counts where the class, or one of the module it derives from, has the
        field."""
        names = env_names(self.ctx)
        arg = names.parent(node)
        call = names.parent(arg) if isinstance(arg, cst.Arg) and arg.keyword is None else None
        decorator = names.parent(call) if isinstance(call, cst.Call) else None
        function = names.parent(decorator) if isinstance(decorator, cst.Decorator) else None
        body = names.parent(function) if isinstance(function, cst.FunctionDef) else None
        klass = names.parent(body) if isinstance(body, cst.IndentedBlock) else None
        if not isinstance(klass, cst.ClassDef) or not isinstance(call, cst.Call):
            return False
        if self.ctx.qualnames(call.func) & sdk.FIELD_NAMING_DECORATORS:
            return True
        return last_name(call.func) in _DECORATOR_NAMES and self._has_field(klass, value)

    def _has_field(self, klass: cst.ClassDef, field: str, depth: int = 0) -> bool:
        """Whether `klass`, or a class of the module it derives from, assigns `field`."""
        if any(name == field for name, _ in _assigned_names(klass)):
            return True
        for parent in klass.bases:
            if depth < 8 and isinstance(parent.value, cst.Name):
                defined = self._module_class(parent.value)
                if defined is not None and self._has_field(defined, field, depth + 1):
                    return True
        return False

    def _in_settings_class(self, node: cst.CSTNode) -> bool:
        for ancestor in env_names(self.ctx).ancestors(node):
            if isinstance(ancestor, cst.ClassDef):
                return self._settings_class(ancestor)
        return False

    def _settings_class(self, klass: cst.ClassDef, depth: int = 0) -> bool:
        """Whether `klass` is a pydantic settings class: it derives from `BaseSettings`, or
        from a class of this module that is one, or from one of another module of the
        project (`project_settings_base`: WrenAI's `EvalSettings(Settings)`, t67d), or states
        the prefix of the variables its fields read (`env_prefix`, which only settings read:
        langroid's `OpenAIGPTConfig` derives from a settings class of another module)."""
        for base in klass.bases:
            if last_name(base.value) in sdk.SETTINGS_BASES:
                return True
            if depth < 8 and isinstance(base.value, cst.Name):
                defined = self._module_class(base.value)
                if defined is not None and self._settings_class(defined, depth + 1):
                    return True
                if defined is None and project_settings_base(self.ctx, base.value):
                    return True
        return bool(klass.bases) and _states_prefix(klass)


def _states_prefix(klass: cst.ClassDef) -> bool:
    """Whether `klass` states an `env_prefix` (in `model_config` or an inner `Config`)."""
    stated: list[str | None] = []
    for statement in klass.body.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            stated += [name for name, _ in _assigned_names(statement)]
    for name, value in _assigned_names(klass):
        if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
            stated += [a.keyword.value for a in value.args if a.keyword is not None]
        elif name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Dict):
            stated += [
                string_value(e.key) for e in value.elements if isinstance(e, cst.DictElement)
            ]
    return sdk.SETTINGS_PREFIX in stated


def _settings_config(klass: cst.ClassDef) -> tuple[str, bool] | None:
    """The `env_prefix` a settings class states ("" when none) and whether it reads
    variables case-sensitively; None when either is not a literal the module shows."""
    found: dict[str, cst.BaseExpression | None] = {}
    for statement in klass.body.body:  # pydantic<2: `class Config: env_prefix = ...`
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            found.update(_assigned_names(statement))
    for name, value in _assigned_names(klass):
        if name != sdk.SETTINGS_ATTRIBUTE:
            continue
        if isinstance(value, cst.Call):  # `SettingsConfigDict(env_prefix=...)`
            if any(a.keyword is None for a in value.args):
                return None
            found.update((a.keyword.value, a.value) for a in value.args if a.keyword)
        elif isinstance(value, cst.Dict):
            for element in value.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                if key is None:
                    return None
                found[key] = element.value
        else:
            return None
    prefix = found.get(sdk.SETTINGS_PREFIX)
    given = string_value(prefix) if prefix is not None else ""
    case = found.get(sdk.SETTINGS_CASE)
    if given is None or not (case is None or isinstance(case, cst.Name)):
        return None
    return given, case is not None and case.value == "True"


def _may_read_unprefixed(klass: cst.ClassDef, module: cst.Module) -> bool:
    """Whether the `env_prefix` of a class whose `model_config` is not all literal may be
    empty: a `SettingsConfigDict(...)` (in the class, or bound once at the module's level to
    the name it gives) whose `env_prefix` is one of strings the module shows, "" among them
    (`"PREVIEW_" if preview else ""`). An imported prefix is not known: passed over."""
    value = dict(_assigned_names(klass)).get(sdk.SETTINGS_ATTRIBUTE)
    if isinstance(value, cst.Name):
        bound = [v for n, v in _assigned_at_top(module) if n == value.value]
        value = bound[0] if len(bound) == 1 else None
    if not isinstance(value, cst.Call):
        return False
    prefix = next(
        (a.value for a in value.args if a.keyword and a.keyword.value == sdk.SETTINGS_PREFIX),
        None,
    )
    return prefix is not None and "" in _strings(prefix)


def _strings(expr: cst.BaseExpression) -> set[str | None]:
    """The strings `expr` may be (None for a value not shown)."""
    if isinstance(expr, cst.IfExp):
        return _strings(expr.body) | _strings(expr.orelse)
    return {string_value(expr)}


def _assigned_at_top(module: cst.Module) -> list[tuple[str, cst.BaseExpression | None]]:
    """(name, value) of each plain `name = value` at a module's top level."""
    found: list[tuple[str, cst.BaseExpression | None]] = []
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.Assign):
                    found += [
                        (t.target.value, small.value)
                        for t in small.targets
                        if isinstance(t.target, cst.Name)
                    ]
    return found


def _assigned_names(klass: cst.ClassDef) -> list[tuple[str, cst.BaseExpression | None]]:
    """(name, value) of each plain `name = value` / `name: T = value` in a class's body."""
    found = []
    for line in klass.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue  # a method, a nested class
        for small in line.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign):
                targets = [small.target]
            else:
                continue
            found += [(t.value, small.value) for t in targets if isinstance(t, cst.Name)]
    return found


_SOME_ALIAS = "<the provider's variable>"
_DECORATOR_NAMES = frozenset(q.rsplit(".", 1)[1] for q in sdk.FIELD_NAMING_DECORATORS)


def _passes(call: cst.Call, field: str) -> bool:
    """Whether `call` passes `field` by name: `field=...` or `**{"field": ...}`."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == field:
            return True
        if arg.star == "**" and isinstance(arg.value, cst.Dict):
            for element in arg.value.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) == field:
                    return True
    return False


def _aliased(field: cst.AnnAssign) -> bool:
    """Whether a field names the variable it reads (`Field(env=...)`, an alias, in its value
    or in an `Annotated[...]` annotation): then that name is what counts, and the string is
    reported where it stands."""
    fields = [field.value]
    annotation = field.annotation.annotation
    if isinstance(annotation, cst.Subscript) and last_name(annotation.value) == "Annotated":
        fields += [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    named = sdk.SETTINGS_ENV_KWARGS | sdk.SETTINGS_ALIAS_KWARGS
    return any(
        isinstance(value, cst.Call)
        and last_name(value.func) == "Field"
        and any(a.keyword is not None and a.keyword.value in named for a in value.args)
        for value in fields
    )
