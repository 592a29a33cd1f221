"""The base of the model-string rules (ML204, ML205, ML206): a rule that feeds `ModelSites`
during the traversal and reports once it is over."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.rules.framework_classes import mentions_framework
from migrate_llm.rules.framework_litellm import names_smolagents_openai
from migrate_llm.rules.model_places import Site
from migrate_llm.rules.model_sites import ModelSites
from migrate_llm.rules.python import DeferredRule
from migrate_llm.rules.python_context import PythonContext


class SitesRule(DeferredRule):
    """A rule over the module's model strings: it feeds ModelSites during the traversal and
    reports once the traversal is over (when its findings are read)."""

    def __init__(self, ctx: PythonContext) -> None:
        self.sites = ModelSites.of(ctx)
        self.feeds = self.sites.feeder()
        super().__init__(ctx)

    def finish(self) -> None:
        self.report_sites(self.sites.finish())

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        raise NotImplementedError

    def litellm_reach(self, takers: Callable[[], set[str]], names: list[str]) -> str | None:
        """Where a model value may reach litellm, which sends a model without a provider
        prefix to OpenAI: "module" where the module calls litellm and no other client (it
        imports neither openai nor a framework's OpenAI class, and names no smolagents
        `OpenAIServerModel`), so its models are litellm's. Where this module calls litellm
        and another client, or another module of the project calls litellm and this one uses
        no other client: "sent" where the module gives the value to litellm calls only
        (`takers`, as `model_takers` finds them), "named" where one of its `names` says it is
        litellm's (`fw_litellm.SETTING_NAME_WORDS`), "both" where the module gives it to
        litellm and to an OpenAI client, "untraced" where nothing shows where it goes; None
        where the module gives it to OpenAI clients only, or its name says it is an OpenAI
        client's (`openai_model`). Else None. A module calling no litellm that only imports
        openai, building no client (`_uses_client`), is judged as one using no other
        client."""
        ctx = self.ctx
        if not self.sites.litellm_calls and not ctx.rules.facts.litellm_project:
            return None
        other_client = (
            ctx.index.imports_openai or mentions_framework(ctx) or names_smolagents_openai(ctx)
        )
        if self.sites.litellm_calls and not other_client:
            return "module"
        found = takers()
        # another module calls litellm and this one may use an OpenAI client: a value it
        # sends nowhere is that client's only where the module makes one (a bare `import
        # openai` in a test of the project's litellm code is no sign: t68g)
        if (
            not self.sites.litellm_calls
            and other_client
            and "litellm" not in found
            and (found or _uses_client(ctx))
        ):
            return None
        if found == {"litellm"}:
            return "sent"
        if found == {"client"}:
            return None
        if len(found) > 1:
            return "both"
        named = {
            library
            for word, library in fw_litellm.SETTING_NAME_WORDS.items()
            if any(word in name.lower() for name in names)
        }
        if named == {"client"}:
            return None
        return "named" if named == {"litellm"} else "untraced"

    def visit_Call(self, node: cst.Call) -> None:
        if self.feeds:
            self.sites.call(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.feeds:
            self.sites.string(node)


def rules_switching(rule: SitesRule) -> bool:
    """Whether the run switches provider (a target to map OpenAI's models to)."""
    return rule.ctx.rules.switching and rule.provider is not None


def _uses_client(ctx: PythonContext) -> bool:
    """Whether the module makes or configures an OpenAI client (the SDK's, openai<1.0's
    module client, a framework's OpenAI class, smolagents' `OpenAIServerModel`), not only
    imports openai."""
    index = ctx.index
    return (
        bool(
            index.client_names
            or index.client_attrs
            or index.factories
            or index.containers
            or index.containers_attrs
            or index.resource_names
            or index.resource_attrs
            or index.constructions
            or index.legacy_calls
            or index.config_assigns
            or index.base_url_assigns
        )
        or mentions_framework(ctx)
        or names_smolagents_openai(ctx)
    )
