"""The provider's variable that replaces one of OpenAI's, as ML401 says it: in words, in a
finding's data, as the edit renaming it."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import langroid
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.env_names import EnvAccess, EnvNames
from migrate_llm.rules.env_read_facts import names_model
from migrate_llm.rules.env_roles import base_url_variables, switched_keys
from migrate_llm.rules.key_destinations import ProxySetting, proxy_setting
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.rewrite import requote


class VariableTargets(PythonRule):
    """The base of ML401's parts (see `env_reads`): the provider's variable for OpenAI's,
    and the nodes already reported (`done`)."""

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    @property
    def _provider_name(self) -> str:
        """The target provider as messages name it ("the provider" where there is none)."""
        return self.provider.name if self.provider else "the provider"

    @property
    def _provider_key(self) -> str:
        """The target's key variable as messages name it."""
        return self.provider.api_key_env if self.provider else "the provider's key variable"

    def _target(self, name: str) -> str | None:
        """The provider's variable replacing OpenAI's `name`, if any."""
        provider = self.provider
        if provider is None:
            return None
        if name in switched_keys(self.ctx):
            return provider.api_key_env
        if name in base_url_variables(self.ctx):
            return provider.base_url_env
        return None

    def _where(self, name: str) -> str | None:
        """ "Acme Cloud's key is in ACME_API_KEY (...)" for switchable variables."""
        provider = self.provider
        if name in switched_keys(self.ctx):
            if provider is None:
                return "the provider's key variable replaces it"
            return (
                f"{provider.name}'s key is in {provider.api_key_env} (the OpenAI key is not copied)"
            )
        if name in base_url_variables(self.ctx):
            if provider is None:
                return "the provider's base-URL variable replaces it"
            return (
                f"{provider.name}'s base URL is in {provider.base_url_env} "
                f"(default {provider.base_url})"
            )
        return None

    def _no_equivalent(self, name: str) -> str:
        """Why a variable of OpenAI's that has no provider variable for it (`_where` is None)
        is left, after "reads X, ": an OpenAI-only setting, or Azure OpenAI's key on another
        target (`env_roles.switched_keys`)."""
        provider = self.provider
        target = provider.name if provider else "the provider"
        variable = self._model_variable(name)
        if variable is not None:
            return (
                f"{target}'s model variable is {variable} (its provider file lists it): name "
                f"{variable} here and set {article(target)} {target} model in it, by hand"
            )
        if name == langroid.MODEL_VARIABLE and self.ctx.mentions(langroid.MODULE):
            return (
                "langroid's model selector (the chat_model of its OpenAIGPTConfig, read through "
                "env_prefix OPENAI_), not OpenAI's: set it to "
                f"{article(target)} {target} model only where the configs it reaches point at "
                f"{target} (api_base=, ML693), by hand"
            )
        if name != sdk.AZURE_KEY_VAR:
            return f"an OpenAI-only setting; {target} has no equivalent"
        key = provider.api_key_env if provider else "the provider's key variable"
        return (
            f"Azure OpenAI's key; not switched to {key}: {target}'s key must not go where "
            f"Azure's does (a client left on Azure OpenAI would send it there); a client apply "
            f"points at {target} reads {key} itself: remove this read once nothing uses it, "
            "by hand"
        )

    def _model_variable(self, name: str) -> str | None:
        """The provider's variable holding a model that its file lists (`detect.env_vars`:
        Doubao's ARK_MODEL) in place of OpenAI's `name` (OPENAI_MODEL): the same words after
        the service's prefix. None for Azure's (a deployment) and where the file lists none."""
        provider = self.provider
        if provider is None or not name.startswith("OPENAI_") or not names_model(name):
            return None
        suffix = name.removeprefix("OPENAI_")
        return next(
            (v for v in provider.env_vars if names_model(v) and v.partition("_")[2] == suffix),
            None,
        )

    def _proxy(
        self, names: EnvNames, accesses: list[EnvAccess], name: str
    ) -> tuple[str, FixClass, Severity] | None:
        """For reads of a variable with no provider variable for it (`_no_equivalent`) whose
        value goes only to HTTP proxy settings (`proxy_setting`: the program's own proxy,
        OPENAI_PROXY passed to `httpx.AsyncClient(proxy=...)`): a note, as that proxy now
        carries the traffic of the clients apply points at the provider; openai<1.0's
        `openai.proxy`, which openai>=1.0 ignores, is left with ML301's advice. None
        otherwise."""
        if name in sdk.KEY_ENV_VARS or not accesses:
            return None
        settings = [proxy_setting(self.ctx, names, a.node) for a in accesses]
        if any(s is None for s in settings):
            return None
        target = self.provider.name if self.provider else "the provider"
        legacy = next((s for s in settings if s is not None and s.legacy), None)
        if legacy is not None:
            line = self.ctx.line_label(self.ctx.position(legacy.node)[0][0])
            return (
                f"reads {name} for openai.proxy on {line}, openai<1.0's proxy setting, which "
                f"openai>=1.0 ignores (ML301); pass it to the client as "
                f"http_client=httpx.Client(proxy=...), by hand: that proxy then carries "
                f"{target}'s traffic",
                FixClass.MANUAL,
                self.severity,
            )
        first = settings[0]
        assert first is not None
        return (
            f"reads {name} only for an HTTP proxy ({self._proxy_where(first)}), the program's "
            f"own setting: that proxy now carries the traffic of the clients apply points at "
            f"{target}; nothing to change (rename the variable if it should not name OpenAI)",
            FixClass.NONE,
            Severity.NOTE,
        )

    def _proxy_where(self, setting: ProxySetting) -> str:
        """`proxy= of httpx.AsyncClient() on line 5`, `the 'proxy' entry on line 3`."""
        line = self.ctx.line_label(self.ctx.position(setting.node)[0][0])
        if setting.call is not None and setting.name:
            return f"{setting.name}= of {self.snippet(setting.call.func)}() on {line}"
        if setting.call is not None:
            return f"{self.snippet(setting.call.func)}() on {line}"
        if isinstance(setting.node, cst.DictElement):
            return f"the {self.snippet(setting.node.key)} entry on {line}"
        return f"{self.snippet(setting.node)} on {line}"

    def _own(self) -> str:
        """Why the program's own `OPENAI_*` setting (`own_setting`) needs no change."""
        target = self.provider.name if self.provider else "the provider"
        return (
            f"the program's own setting (the openai SDK does not read it), which works the same "
            f"with {target}; nothing to change"
        )

    def _model_reason(self, requests: list[cst.Call]) -> str:
        """Why a read of a variable naming a model (`names_model`), or whose value is the model
        of a request apply moves to the provider (`model_requests`), must change, after
        "reads X, "."""
        provider = self.provider
        target = provider.name if provider is not None else "the provider"
        named = f"names an OpenAI or Azure model or deployment, not {target}'s"
        if not requests:
            return f"which {named}; set {target}'s model there, by hand"
        call = requests[0]
        info = self.ctx.sdk_call(call)
        choices = provider.candidates(info.surface) if provider and info else []
        model = f"{target}'s model" + (f" ({', '.join(choices)})" if choices else "")
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        return (
            f"the model of {self.snippet(call.func)}() on {line}: the variable {named}; set "
            f"{model} there, by hand"
        )

    def _data(self, name: str) -> dict[str, object]:
        """The finding's facts: the variable, and the provider's that replaces it (if any)."""
        data: dict[str, object] = {"variable_from": name}
        target = self._target(name) if self.provider is not None else None
        if target is not None:
            data["variable_to"] = target
        return data

    def _edit(self, node: cst.CSTNode, name: str) -> Edit | None:
        if not self.ctx.rules.switching:
            return None
        new = self._target(name)
        if new is None:
            return None
        if isinstance(node, cst.Name):
            return Edit(self.ctx.span(node), new)
        text = requote(node, new) if isinstance(node, cst.SimpleString) else None
        return Edit(self.ctx.span(node), text) if text else None
