"""The openai<1.0 module-level configuration (`openai.api_key = ...`), which the v1 SDK
ignores or rejects."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule

_CONFIG_ADVICE = {
    "api_key": "pass api_key= to the client",
    "api_base": "pass base_url= to the client",
    "organization": "pass organization= to the client",
    "api_type": "use AzureOpenAI() for Azure, OpenAI() otherwise",
    "api_version": "pass api_version= to AzureOpenAI()",
    "proxy": "pass http_client=httpx.Client(proxy=...) to the client",
    "api_key_path": "read the key file yourself and pass api_key=",
    "requestssession": "pass http_client= to the client",
    "aiosession": "pass http_client= to the async client",
    "app_info": "remove it",
    "debug": "set OPENAI_LOG=debug instead",
}


class LegacyConfig(PythonRule):
    """openai<1.0 module configuration (`openai.api_key = ...`, `openai.api_base = ...`).

    ## What it does
    Finds assignments to `openai.api_base`, `api_type`, `api_version`, `organization`,
    `proxy`, `api_key_path` and, in modules that use the v0 API, `openai.api_key`.

    ## Why
    openai>=1.0 ignores `api_base` and `proxy`; settings belong to a client object.

    ## Fix (safe)
    Switching provider, `apply` deletes these lines: the provider's key and base-URL
    variables replace them (`pass` keeps a block that would be left empty valid). Modernising
    only (`--provider openai`), a module's own settings move into its client's constructor
    when their values can be evaluated after the imports, become settings of that client
    otherwise (`client.base_url = ...`), and in a settings module without calls become the v1
    module settings (`openai.api_base` -> `openai.base_url`) that the other modules' clients
    read. `openai.proxy` is left for you, with the exact `http_client=` to write.
    """

    code = "ML301"
    name = "legacy-config"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nopenai.api_base = "https://api.openai.com/v1"\n',
            message="openai.api_base is openai<1.0 configuration; pass base_url= to the client",
        ),
        Example(
            'import openai\nopenai.api_key = key\nopenai.ChatCompletion.create(model="gpt-4")\n'
        ),
        Example("import openai\nopenai.api_key = key\n", finds=False),
        Example("import openai\nprint(openai.api_base)\n", finds=False),
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if not isinstance(target.target, cst.Attribute):
                continue
            for name in self.ctx.qualnames(target.target):
                parts = name.split(".")
                if len(parts) != 2 or parts[0] != "openai":
                    continue
                attr = parts[1]
                legacy = attr in sdk.LEGACY_ONLY_CONFIG or (
                    attr in sdk.SHARED_CONFIG and self.ctx.index.uses_legacy
                )
                if legacy:
                    self._report(node, target.target, attr)

    def _report(self, node: cst.Assign, target: cst.Attribute, attr: str) -> None:
        rules = self.ctx.rules
        modernising = rules.provider is not None and not rules.switching
        if modernising and not self.ctx.index.legacy_calls and attr in ("api_key", "organization"):
            return  # valid v1 module settings, which the clients of other modules read
        advice = _CONFIG_ADVICE.get(attr, "pass it to the client")
        message = f"openai.{attr} is openai<1.0 configuration; {advice}"
        if attr == "proxy":
            code = self.snippet(node.value)
            message = (
                f"openai.proxy is openai<1.0 configuration; pass "
                f"http_client=httpx.Client(proxy={code}) to the client instead"
            )
        edit = self._edit(node, target, attr)
        if edit is not None:
            fix = FixClass.SAFE
        elif rules.provider is None and attr not in ("proxy", "api_key_path", "app_info"):
            fix = FixClass.SAFE  # what `apply` will do with any provider
        else:
            fix = FixClass.MANUAL
        self.report(target, message, fix=fix, edit=edit)

    def _removed_when_switching(self, small: cst.BaseSmallStatement) -> bool:
        """Whether switching provider deletes this statement too (a sibling config line)."""
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            return False
        for name in self.ctx.qualnames(small.targets[0].target):
            parts = name.split(".")
            if len(parts) == 2 and parts[0] == "openai" and parts[1] != "proxy":
                attr = parts[1]
                return attr in sdk.LEGACY_ONLY_CONFIG or (
                    attr in sdk.SHARED_CONFIG and self.ctx.index.uses_legacy
                )
        return False

    def _edit(self, node: cst.Assign, target: cst.Attribute, attr: str) -> Edit | None:
        rules = self.ctx.rules
        if rules.provider is None or attr == "proxy" or len(node.targets) != 1:
            return None
        if rules.switching:  # the provider's variables replace it
            return self.remove_statement(node, self._removed_when_switching)
        clients = self.ctx.legacy_clients
        keyword = sdk.CONFIG_TO_CLIENT.get(attr)
        if keyword is None:
            return None
        if attr in (clients.hoisted if clients else ()) and (
            self.ctx.index.module_config.get(attr) is node
        ):
            return self.remove_statement(node)  # moved into the client's constructor
        if clients is None and attr == "api_base":
            # a settings module: the v1 module setting is base_url
            return Edit(self.ctx.span(target), f"{self.ctx.code(target.value)}.base_url")
        if clients is None or not self.ctx.index.imports_openai:
            return None
        names = [clients.sync_name] + ([clients.async_name] if self.ctx.index.async_legacy else [])
        text = " = ".join(f"{name}.{keyword}" for name in names)
        return Edit(self.ctx.span(target), text, clients.imports, clients.setup)


LEGACY_CONFIG_RULES = (LegacyConfig,)
