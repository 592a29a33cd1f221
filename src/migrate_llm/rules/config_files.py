"""The config-file rules (ML501-ML511) and the runner that reads a file and applies them."""

from __future__ import annotations

from migrate_llm.formats import KINDS, classify
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.recorded import recorded_output
from migrate_llm.model import Finding
from migrate_llm.rules.base import ConfigRule, RuleContext
from migrate_llm.rules.config_base_url import ConfigBaseUrl
from migrate_llm.rules.config_embedding_sizes import ConfigEmbeddingSize
from migrate_llm.rules.config_env_key import ConfigEnvKey
from migrate_llm.rules.config_fixed_params import ConfigFixedParameter
from migrate_llm.rules.config_model import ConfigModel
from migrate_llm.rules.config_secret import ConfigSecret
from migrate_llm.rules.config_thinking import ConfigThinking
from migrate_llm.rules.dependency_pin import DependencyPin
from migrate_llm.rules.framework_aider import AIDER_CONFIG_RULES
from migrate_llm.rules.framework_autogen_file import AutogenComponentFile, AutogenConfigFile
from migrate_llm.rules.framework_evals_file import DatasetDefaultJudge
from migrate_llm.rules.framework_litellm_pins import LitellmPin
from migrate_llm.rules.framework_promptflow import PromptflowConnection
from migrate_llm.rules.framework_requirements import FrameworkRequirements
from migrate_llm.rules.javascript_openai import JavaScriptOpenAI
from migrate_llm.rules.pickled_clients import PickledClient

CONFIG_RULES: tuple[type[ConfigRule], ...] = (
    ConfigEnvKey,
    ConfigBaseUrl,
    ConfigModel,
    ConfigEmbeddingSize,
    DependencyPin,
    ConfigSecret,
    ConfigThinking,
    ConfigFixedParameter,
    FrameworkRequirements,
    LitellmPin,
    AutogenConfigFile,
    AutogenComponentFile,
    PromptflowConnection,
    DatasetDefaultJudge,
    PickledClient,
    JavaScriptOpenAI,
    *AIDER_CONFIG_RULES,
)


def check_config(
    path: str,
    text: str,
    ctx: RuleContext,
    rules: tuple[type[ConfigRule], ...] = CONFIG_RULES,
    kind: str | None = None,
    within: str | None = None,
) -> list[Finding]:
    """Read `text` as config `kind` (by default, the kind of `path`) and run the rules for that
    kind. `within`: the file's path below its repository's root (by default `path`), which
    tells recorded output (`formats.recorded`) from configuration.

    Returns findings sorted by position; raises FormatError when the file does not parse, and
    returns nothing for a path that is not a config file.
    """
    kind = kind or classify(path)
    if kind is None or kind not in KINDS:
        return []
    recorded = recorded_output(kind, path if within is None else within)
    doc = ConfigDocument.read(path, kind, text, recorded)
    findings = [f for rule in rules if kind in rule.kinds for f in rule(ctx).run(doc)]
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))
