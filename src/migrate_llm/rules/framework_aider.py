"""aider (`migrate_llm.frameworks.aider`): ML620, the models given to aider's `Model()`, which
hands them to litellm; ML621, aider's shortcut flags choosing an OpenAI model (`aider --4o`).
Its config files' models are ML503's (`config_model`), its environment defaults ML204's."""

from __future__ import annotations

import os
from collections.abc import Iterator

import libcst as cst

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import aider as fw
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.import_roots import project_holds_package
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.config_common import migrating, scalar_text
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.framework_litellm import bare_provider_model, openai_model
from migrate_llm.rules.model_forms import litellm_route, model_takers
from migrate_llm.rules.model_reach import holder_of
from migrate_llm.rules.model_values import env_default
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.rewrite import string_like

_SHOWN = "aider's Model()"
_SENDS = "aider hands it to litellm, which sends a model without a provider prefix to OpenAI"


def aider_model(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds aider's Model (`fw.MODEL_CLASSES`) of the published package, not
    of the project's own package of that name (aider's tree, whose tests build models of
    OpenAI's names on purpose)."""
    if not ctx.mentions("aider") or qualified(ctx, call.func, fw.MODEL_CLASSES) is None:
        return False
    if project_module(ctx, call.func) is not None:
        return False
    return not (ctx.path and project_holds_package(os.path.dirname(ctx.path), fw.PACKAGE))


def _model_arguments(ctx: PythonContext, call: cst.Call) -> Iterator[tuple[str, cst.Arg]]:
    """The model arguments of a call of aider's Model (`fw.MODEL_ARGUMENTS`), by keyword."""
    if not aider_model(ctx, call):
        return
    for keyword, position in fw.MODEL_ARGUMENTS:
        arg = argument(call, keyword, position)
        if arg is not None:
            yield keyword, arg


def aider_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals given to aider's Model(): ML620's (ML204-ML206 leave them)."""
    for _, arg in _model_arguments(ctx, call):
        resolved = ctx.resolve_literal(arg.value)
        if resolved is not None:
            yield resolved[0]


class AiderModel(PythonRule):
    """A model given to aider's `Model()` that litellm sends to OpenAI, or fails on.

    ## What it does
    Finds the model, `weak_model=` and `editor_model=` of `aider.models.Model(...)` (aider's
    scripting API, `Coder.create(main_model=Model(...))`) written in the module, as a literal
    or a constant: an OpenAI model (`gpt-4o`, litellm's `openai/gpt-4o`), aider's alias of one
    (`4o`, aider/models.py MODEL_ALIASES), or the provider's model without litellm's route
    (`deepseek-v4-pro`).

    ## Why
    aider maps an alias to its model and hands the string to litellm (`litellm.completion(
    model=...)`), which sends a model without a provider prefix to OpenAI, and fails on a
    provider's model without its route ("LLM Provider NOT provided", before any request;
    aider's `Coder.run()` prints the error and returns).

    ## Fix (review)
    `apply` writes the provider's model on litellm's route for it (`deepseek/deepseek-v4-pro`),
    where litellm reads the provider's key variable (and `<PROVIDER>_API_BASE` for another
    URL). Left to a person where the constant also goes to an OpenAI client (no form suits
    both) or the provider has no litellm route of its own. A model chosen at run time
    (`os.environ.get("AIDER_MODEL", "gpt-4o")`) is ML204's, which writes its default on the
    route.

    ## Data
    `argument`, `model_from`, `model_to`, `litellm_route`.
    """

    code = "ML620"
    name = "aider-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            'from aider.models import Model\n\nmain = Model("gpt-4o", weak_model="gpt-4o-mini")\n',
            provider="acme",
            message="model='gpt-4o' of aider's Model() is an OpenAI model; apply writes "
            "'acme/acme-large' (litellm's acme route) for Acme Cloud: aider hands it to litellm, "
            "which sends a model without a provider prefix to OpenAI",
            after="from aider.models import Model\n\n"
            'main = Model("acme/acme-large", weak_model="acme/acme-small")\n',
        ),
        Example(
            "from aider.coders import Coder\nfrom aider.models import Model\n\n"
            'MODEL = "4o"\ncoder = Coder.create(main_model=Model(MODEL))\n',
            provider="acme",
            message="constant MODEL = '4o' (the model of aider's Model()) is aider's alias of "
            "gpt-4o, an "
            "OpenAI model; apply writes 'acme/acme-large' (litellm's acme route) for Acme "
            "Cloud: aider hands it to litellm, which sends a model without a provider prefix "
            "to OpenAI",
            after="from aider.coders import Coder\nfrom aider.models import Model\n\n"
            'MODEL = "acme/acme-large"\ncoder = Coder.create(main_model=Model(MODEL))\n',
        ),
        Example(
            'import aider.models\n\nm = aider.models.Model("openai/gpt-4o", editor_model='
            '"acme-large")\n',
            provider="acme",
            message="model='openai/gpt-4o' of aider's Model() is an OpenAI model on litellm's "
            "OpenAI route; apply writes 'acme/acme-large' (litellm's acme route) for Acme Cloud",
            after='import aider.models\n\nm = aider.models.Model("acme/acme-large", '
            'editor_model="acme/acme-large")\n',
        ),
        Example(
            "import os\n\nfrom aider.models import Model\n\n"
            'm = Model(os.environ.get("AIDER_MODEL", "acme-large"))\n',
            provider="acme",
            message="env default of AIDER_MODEL = 'acme-large' (the model of aider's Model()) has "
            'no provider prefix, so litellm fails on it ("LLM Provider NOT provided"); apply '
            "writes 'acme/acme-large' (litellm's acme route) for Acme Cloud",
            after="import os\n\nfrom aider.models import Model\n\n"
            'm = Model(os.environ.get("AIDER_MODEL", "acme/acme-large"))\n',
        ),
        Example(
            'from aider.models import Model\n\nm = Model("acme/acme-large", weak_model="sonnet")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'class Model:\n    pass\n\n\nm = Model("gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        for keyword, arg in _model_arguments(self.ctx, node):
            self._model(keyword, arg)

    def _model(self, keyword: str, arg: cst.Arg) -> None:
        provider = self.provider
        assert provider is not None
        read = env_default(self.ctx, arg.value)
        resolved = self.ctx.resolve_literal(arg.value) if read is None else None
        if read is not None:
            # ML204 maps an OpenAI model's default; aider's alias and the provider's model
            # without a route are this rule's
            if not (fw.openai_model(read[1]) or bare_provider_model(self.ctx, read[1], True)):
                return
            node, value, how = read[0], read[1], f"env default of {read[2]}"
        elif resolved is not None:
            node, value, how = resolved
        else:
            return
        subject = f"{keyword}={value!r} of {_SHOWN}"
        if how != "literal":
            subject = f"{how} = {value!r} (the {keyword.replace('_', ' ')} of {_SHOWN})"
        alias = fw.openai_model(value)
        model = alias or openai_model(self.ctx, value, True)
        bare = None if model is not None else bare_provider_model(self.ctx, value, True)
        new = self.ctx.rules.map_model(model) if model is not None else bare
        if new is None:
            if model is not None:
                self.report(
                    node,
                    f"{subject} is an OpenAI model that {provider.name}'s model table does not "
                    f"map; choose one of {', '.join(provider.candidates())}",
                    fix=FixClass.MANUAL,
                    data={"argument": keyword, "model_from": value},
                )
            return
        if alias is not None:
            what = f"is aider's alias of {alias}, an OpenAI model"
        elif model is not None and "/" in value:
            what = "is an OpenAI model on litellm's OpenAI route"
        elif model is not None:
            what = "is an OpenAI model"
        else:
            what = (
                f"has no provider prefix, so litellm fails on it "
                f'("{fw_litellm.UNKNOWN_MODEL_ERROR}")'
            )
        why = f": {_SENDS}" if model is not None and "/" not in value else ""
        routed = litellm_route(provider, new, True)
        data: dict[str, object] = {"argument": keyword, "model_from": value}
        if routed is None:
            self.report(
                node,
                f"{subject} {what}; {provider.name} has no litellm route of its own: give "
                f"aider openai/{new} with OPENAI_API_BASE={self.ctx.rules.base_url} and "
                f"{provider.name}'s key in OPENAI_API_KEY, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        data |= {"model_to": routed, "litellm_route": routed.partition("/")[0]}
        holder = holder_of(self.ctx, node) if how != "literal" else None
        if holder is not None and "client" in model_takers(self.ctx, holder):
            self.report(
                node,
                f"{subject} {what}; this module also gives it to an OpenAI client, which takes "
                f"{new}: write {routed!r} where it reaches aider, {new!r} where it reaches the "
                "client, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        route = f"litellm's {routed.partition('/')[0]} route"
        self.report(
            node,
            f"{subject} {what}; apply writes {routed!r} ({route}) for {provider.name}{why}",
            edit=Edit(self.ctx.span(node), string_like(node, routed)),
            data=data,
        )


class AiderShortcutFlag(ConfigRule):
    """aider's shortcut flag for an OpenAI model (`aider --4o`, `4o: true`).

    ## What it does
    Finds aider's deprecated shortcut flags that choose an OpenAI model for the main chat
    (aider/deprecated.py: `--4o`, `--mini`, `--4`, `--35turbo`, `--o1-mini`, ...) on an aider
    command line of a script, Dockerfile or Makefile, and as keys of `.aider.conf.yml`
    (`4o: true`).

    ## Why
    aider sets `--model` from the flag (gpt-4o for `--4o`) where no `--model` is given and
    hands it to litellm, which sends it to OpenAI with OPENAI_API_KEY: nothing of the model
    is written for a rule to map.

    ## Fix (manual)
    Replace the flag with `--model <provider>/<model>` (`model: ...` in the config file): the
    provider's model on litellm's route for it, which reads the provider's key variable.

    ## Data
    `flag`, `model_from`, `model_to`.
    """

    code = "ML621"
    name = "aider-shortcut-flag"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"shell", "yaml"})
    examples = (
        Example(
            "#!/bin/sh\naider --4o --yes app.py\n",
            provider="acme",
            path="run.sh",
            message="--4o makes aider use gpt-4o, an OpenAI model, which litellm sends to "
            "OpenAI; write --model acme/acme-large (litellm's acme route) in its place, by hand",
        ),
        Example(
            "mini: true\nauto-commits: false\n",
            provider="acme",
            path=".aider.conf.yml",
            message="mini: makes aider use gpt-4o-mini, an OpenAI model, which litellm sends "
            "to OpenAI; write model: acme/acme-small (litellm's acme route) in its place, by "
            "hand",
        ),
        Example("#!/bin/sh\nmytool --4o\n", provider="acme", path="run.sh", finds=False),
        # without a target nothing is to be written in its place
        Example("#!/bin/sh\naider --4o\n", path="run.sh", finds=False),
        Example("mini: false\n", provider="acme", path=".aider.conf.yml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if not migrating(self.ctx):
            return
        if doc.kind == "yaml":
            if doc.path.replace("\\", "/").rpartition("/")[2] != fw.CONF_FILE:
                return
            for entry in doc.entries:
                flag = entry.key if len(entry.path) == 1 else None
                on = (scalar_text(doc, entry) or "").lower() in ("true", "yes", "on")
                if flag in fw.OPENAI_FLAGS and on and entry.key_span is not None:
                    yield self._flag(doc, entry.key_span, flag, f"{flag}:", "model: ")
            return
        for entry in doc.entries:
            flag, span = self._shell_flag(doc, entry)
            if flag is not None and span is not None:
                yield self._flag(doc, span, flag, f"--{flag}", f"--{fw.MODEL_OPTION} ")

    def _shell_flag(self, doc: ConfigDocument, entry: Entry) -> tuple[str | None, Span | None]:
        """The shortcut flag `entry` is on an aider command line, and where it is written: a
        bare word (`--4o --yes`), or an option taking the next word (`--4o app.py`)."""
        if entry.key is None and entry.value_span is not None:
            word = doc.text[entry.value_span.start : entry.value_span.end]
            flag, span = word.removeprefix("--"), entry.value_span
            if not word.startswith("--"):
                return None, None
        elif entry.key is not None and entry.key_span is not None and len(entry.path) == 1:
            flag = entry.key
            span = Span(entry.key_span.start - 2, entry.key_span.end)
            if doc.text[span.start : span.end] != f"--{flag}":
                return None, None
        else:
            return None, None
        if flag not in fw.OPENAI_FLAGS or not fw.command_option(doc.text, span.start):
            return None, None
        return flag, span

    def _flag(self, doc: ConfigDocument, span: Span, flag: str, shown: str, option: str) -> Finding:
        provider = self.ctx.provider
        assert provider is not None
        model = fw.OPENAI_FLAGS[flag]
        new = self.ctx.map_model(model)
        data: dict[str, object] = {"flag": flag, "model_from": model}
        head = f"{shown} makes aider use {model}, an OpenAI model, which litellm sends to OpenAI"
        routed = litellm_route(provider, new, True) if new is not None else None
        if new is None:
            advice = f"{provider.name}'s model table does not map it: choose one of "
            advice += ", ".join(provider.candidates())
        elif routed is None:
            advice = (
                f"{provider.name} has no litellm route of its own: write {option}openai/{new} "
                f"with OPENAI_API_BASE={self.ctx.base_url} and {provider.name}'s key in "
                "OPENAI_API_KEY in its place, by hand"
            )
        else:
            data["model_to"] = routed
            advice = (
                f"write {option}{routed} (litellm's {routed.partition('/')[0]} route) in its "
                "place, by hand"
            )
        return self.finding_at(doc, span, f"{head}; {advice}", data=data)


AIDER_RULES = (AiderModel,)
AIDER_CONFIG_RULES = (AiderShortcutFlag,)
