"""Rules about the model names that OpenAI calls use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.file_models import FileModel
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import SURFACE_TIERS
from migrate_llm.rules.azure_target import deployment_advice
from migrate_llm.rules.base import Example
from migrate_llm.rules.class_constants import class_constant
from migrate_llm.rules.file_model_reads import file_model_read
from migrate_llm.rules.fine_tuned_models import fine_tuned_message
from migrate_llm.rules.image_requests import image_model_nodes, sends_images
from migrate_llm.rules.literal_defaults import parameter_literal_reason
from migrate_llm.rules.model_left import (
    branch_reason,
    kept_reason,
    lookup_reason,
    other_service_reason,
    passed_reason,
    table_note,
)
from migrate_llm.rules.model_reach import holder_of, requests_sending
from migrate_llm.rules.model_values import known_literals
from migrate_llm.rules.python import DeferredRule, PythonRule
from migrate_llm.rules.python_context import CallInfo, PythonContext, without_id_methods
from migrate_llm.rules.rewrite import keyword_insertion, requote
from migrate_llm.rules.thinking_switch import choices_text
from migrate_llm.rules.version_gates import v0_only_gate


def model_args(node: cst.Call, info: CallInfo) -> list[cst.Arg]:
    """The arguments of an SDK call that name a model (`engine=` too in legacy calls, and the
    model a legacy method took by position: `openai.Audio.transcribe("whisper-1", f)`)."""
    names = {"model"} | (sdk.LEGACY_MODEL_KWARGS if info.kind == "legacy" else set())
    found = [a for a in node.args if a.keyword is not None and a.keyword.value in names]
    if info.kind == "legacy" and not found:
        resource, _, method = info.path.removeprefix("openai.").partition(".")
        method = method[1:] if method in sdk.ASYNC_LEGACY_METHODS else method
        params = sdk.LEGACY_POSITIONAL_PARAMS.get((resource, method), ())
        positional = [a for a in node.args if a.keyword is None and not a.star]
        found = [a for a, p in zip(positional, params, strict=False) if p == "model"]
    return found


# `CallInfo.kind` of a LangChain chat model's request method given `model=` (`_per_call_model`)
PER_CALL = "chat_model"


def _per_call_model(ctx: PythonContext, call: cst.Call) -> tuple[cst.Arg, str] | None:
    """`per_call_model` of the LangChain rules, asked only of a call of one of the methods."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value not in lc.PER_CALL_METHODS:
        return None
    # imported here: the framework rules' module imports this one
    from migrate_llm.rules.framework_langchain import per_call_model

    return per_call_model(ctx, call)


def sent_literal(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[tuple[cst.BaseExpression, str, str] | None, tuple[str, ...]]:
    """`resolve_literal` of what `model=` sends, through `.lower()` and the like, and those
    methods (`without_id_methods`)."""
    inner, methods = without_id_methods(expr)
    return ctx.resolve_literal(inner), methods


def is_azure(info: CallInfo) -> bool:
    return bool(info.client and info.client.azure)


def deployment_name(
    ctx: PythonContext, info: CallInfo, model: str, requests: Sequence[cst.Call]
) -> bool:
    """Whether `model`, sent through `info`'s client by `requests`, names an Azure deployment
    after `apply`: the client is Azure's, and apply leaves one of them on Azure or the name is
    not an OpenAI model. An OpenAI model sent only through Azure clients that apply makes the
    provider's plain clients (ML002) goes to the provider: it is mapped as through any other
    client (one apply, not two: a second would map it there)."""
    if not is_azure(info):
        return False
    if not requests or not ctx.rules.switching or not ctx.rules.openai.serves(model):
        return True
    return not all(_through_replaced_azure(ctx, call) for call in requests)


def _through_replaced_azure(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether every client construction the request `call` goes through is an Azure client
    that `apply` makes the provider's plain client (`clients.azure_replaced`)."""
    from migrate_llm.rules.clients import azure_replaced  # it imports this module

    sources = ctx.request_clients(call)
    if not sources or None in sources:
        return False
    return all(
        (client := ctx.constructed_client(source)) is not None
        and client.azure
        and azure_replaced(ctx, source)
        for source in sources
        if source is not None
    )


class _ModelRule(PythonRule):
    """Shared reporting for literal and constant model names."""

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.reported: set[int] = set()

    def mapping_message(
        self,
        subject: str,
        model: str,
        azure: bool,
        surface: str,
        images: bool = False,
        prefix: str = "",
    ) -> tuple[str, FixClass]:
        """What is said of `subject`, naming `model`'s mapping as written (`prefix` before
        it), and the fix class."""
        provider = self.provider
        if azure:
            return (
                f"{subject} is an Azure deployment name; map it to a provider model by hand",
                FixClass.MANUAL,
            )
        rules = self.ctx.rules
        mapped = model in rules.models  # by --model or the configuration
        base = rules.openai.fine_tuned_base(model)
        if base is not None and not mapped:
            return fine_tuned_message(subject, model, base, provider, surface), FixClass.MANUAL
        if provider is not None and not mapped and base is None and not rules.openai.serves(model):
            return (
                f"{subject} is neither an OpenAI model nor one {provider.name} lists; check that "
                f"{provider.name} serves it",
                FixClass.MANUAL,
            )
        if provider is None:
            return f"{subject} is an OpenAI model; `--provider ID` shows its replacement", self.fix
        if surface == "completions" and not mapped and provider.support(surface) == "partial":
            # the table's models are chat models: the provider's completions API serves
            # models of its own (qwen: Coder models; DeepSeek: FIM on its /beta base)
            return (
                f"{subject} is sent to the completions API, which {provider.name} serves only "
                f"in part (ML101), with models of its own: a chat model there may be refused; "
                f"choose one it serves there (see {provider.docs}) or move the call to "
                f"chat.completions, by hand (or pass --model {model}=NAME)",
                FixClass.MANUAL,
            )
        new = rules.map_model(model, images)
        if mapped and new is not None and surface in SURFACE_TIERS and provider.chat_model(new):
            return (
                f"{subject} maps to {prefix + new!r} on {provider.name} (by --model or the "
                f"configuration), a chat model, but this request goes to the {surface} API, "
                f"where a chat model is refused; {self._surface_advice(surface)}",
                FixClass.REVIEW,
            )
        if images and rules.images_change(model):
            if new is None:
                return (
                    f"{subject} is used with images, and {provider.name} names no model that "
                    f"takes images; choose one from {provider.docs} (or pass --model "
                    f"{model}=NAME)",
                    FixClass.MANUAL,
                )
            if new != rules.map_model(model):
                return (
                    f"{subject} maps to {prefix + new!r} on {provider.name}, its model for images",
                    FixClass.REVIEW,
                )
        if new is not None:
            return f"{subject} maps to {prefix + new!r} on {provider.name}", FixClass.REVIEW
        if surface in SURFACE_TIERS and provider.support(surface) is False:
            # imported here: it imports this module
            from migrate_llm.rules.framework_classes import unserved_advice

            advice = unserved_advice(self.ctx, surface)
            return f"{subject} is an OpenAI {surface} model; {advice}", FixClass.MANUAL
        choices = choices_text(provider, surface)
        pick = f"choose one of {choices}" if choices else f"choose a model from {provider.docs}"
        if provider.azure is not None:  # Azure OpenAI: model= names a deployment you made
            advice = deployment_advice(model)
            return f"{provider.name} has no mapping for {subject}; {advice}", FixClass.MANUAL
        kind = sdk.audio_kind(model) if surface == "audio" else None
        unserved = rules.unserved_audio(model) if kind is not None else None
        if unserved is not None:  # the same words as ML001's for a client left so
            return (
                f"{provider.name} has no mapping for {subject}, a {unserved} model, and its "
                f"provider file names no {unserved} model: keep this request on OpenAI or move "
                f"it to another service (or pass --model {model}=NAME)",
                FixClass.MANUAL,
            )
        if kind is not None and provider.tiers.get(kind) is not None:  # speech for speech
            pick = f"choose {provider.tiers[kind]} ({sdk.AUDIO_KINDS[kind]})"
        return (
            f"{provider.name} has no mapping for {subject}; {pick} (or pass --model {model}=NAME)",
            FixClass.MANUAL,
        )

    def _surface_advice(self, surface: str) -> str:
        """What to choose for a request to `surface`, an API other than chat: the provider's
        model for it, or where it names none, its docs (or, where it does not serve the API,
        to keep the request on OpenAI or move it to a provider that serves it)."""
        provider = self.provider
        assert provider is not None
        if provider.support(surface) is False:
            from migrate_llm.rules.framework_classes import unserved_advice  # it imports this

            return unserved_advice(self.ctx, surface)
        choices = ", ".join(provider.candidates(surface))
        return f"choose {choices}" if choices else f"choose its {surface} model ({provider.docs})"

    def wants(self, model: str, azure: bool) -> bool:
        """Report OpenAI model names, and any literal deployment name of an Azure client."""
        rules = self.ctx.rules
        if self.provider is not None and self.provider.serves(model):
            return False
        # Azure OpenAI: a name that is not OpenAI's is a deployment name (user-chosen), and so
        # are an Azure client's names and a name an OpenAI model is mapped to itself
        if (
            self.provider is not None
            and self.provider.azure is not None
            and rules.switching
            and (azure or not rules.openai.serves(model) or rules.models.get(model) == model)
        ):
            return False
        if rules.provider is not None and not rules.switching and model not in rules.models:
            return False  # `--provider openai` keeps OpenAI models unless told otherwise
        # With a target, a name nobody lists (an Azure deployment, a typo) is worth a look.
        openai = rules.openai
        return (
            azure
            or rules.switching
            or openai.serves(model)
            or openai.fine_tuned_base(model) is not None
        )

    def report_model(
        self,
        node: cst.BaseExpression,
        subject: str,
        model: str,
        info: CallInfo,
        methods: tuple[str, ...] = (),
        requests: Sequence[cst.Call] = (),
    ) -> None:
        """Report `subject` with its mapping; `requests`: those sending it (an OpenAI model
        sent through Azure clients apply makes plain is mapped: `deployment_name`)."""
        images = self.ctx.rules.switching and id(node) in image_model_nodes(self.ctx)
        azure = deployment_name(self.ctx, info, model, requests)
        self.report_mapping(node, subject, model, azure, info.surface, images, methods=methods)

    def report_mapping(
        self,
        node: cst.BaseExpression,
        subject: str,
        model: str,
        azure: bool,
        surface: str,
        images: bool = False,
        prefix: str = "",
        methods: tuple[str, ...] = (),
        tables: bool = False,
    ) -> None:
        """Report `subject` with its mapping (to the provider's model for images where the
        model is sent with images); the edit requotes the literal in place, `prefix` (the
        provider written before the model: `openai:`) kept. `methods` (`.lower()`...) are
        what the code reads the literal through: a mapping they would change is manual.
        `tables`: the message names a table of the project keyed by `model` with no entry for
        its mapping (`model_left.table_note`)."""
        message, fix = self.mapping_message(subject, model, azure, surface, images, prefix)
        edit = None
        new = self.ctx.rules.map_model(model, images) if self.provider is not None else None
        if tables and new and fix is FixClass.REVIEW:
            message += table_note(self.ctx.rules.facts.model_tables, model, new, self.ctx.path)
        data: dict[str, object] = {"model_from": model}
        changed = self.changed_by(methods, prefix + new) if new else None
        if changed is not None and fix is FixClass.REVIEW:
            message, fix = message + changed, FixClass.MANUAL
        if new and fix is FixClass.REVIEW:
            data["model_to"] = new
        if fix is FixClass.REVIEW and new and new != model and isinstance(node, cst.SimpleString):
            text = requote(node, prefix + new)
            if text is not None:
                edit = Edit(self.ctx.span(node), text)
        if fix is FixClass.REVIEW and new and edit is None:
            fix = FixClass.MANUAL  # `"gpt" "-4o"` or a name that needs escaping: by hand
        self.report(node, message, fix=fix, edit=edit, data=data)

    @staticmethod
    def changed_by(methods: tuple[str, ...], new: str) -> str | None:
        """Why `new` cannot be written where the code reads it through `methods` (`.lower()`
        of a provider id in capitals sends no id of the provider), or None."""
        sent = sdk.through_methods(new, methods)
        if sent == new:
            return None
        calls = "".join(f".{m}()" for m in methods)
        return f", but the {calls} after it would send {sent!r} instead: change it by hand"

    def served(self, node: cst.BaseExpression, subject: str, model: str) -> bool:
        """Report a model the target already serves as information (`verify` checks the
        models the code uses from these), or one it retired as an error left to a person
        (with what the provider file says to use instead: `how` may take more than the id);
        False when `model` is not one of them."""
        provider = self.provider
        if provider is None or not self.ctx.rules.switching or not provider.serves(model):
            return False
        if id(node) in self.reported:
            return True
        if self.retired(node, subject, model):  # requests for it fail
            return True
        self.reported.add(id(node))
        self.report(
            node,
            f"{subject} is one of {provider.name}'s models",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"model": model},
        )
        return True

    def retired(self, node: cst.BaseExpression, subject: str, model: str, prefix: str = "") -> bool:
        """Report `model` where the target retired it (`[retired]` of its file), written after
        `prefix` (litellm's route for the target, `deepseek/`, or ""): requests for it fail, so
        it is an error left to a person, with what the file says to use instead (after the
        same prefix). False when it is not one (or `node` was reported)."""
        provider = self.provider
        retired = provider.retirement(model) if provider is not None else None
        if retired is None or id(node) in self.reported:
            return False
        self.reported.add(id(node))
        self.report(
            node,
            self.ctx.rules.retired_message(subject, prefix, retired),
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data=self.ctx.rules.retired_data(prefix + model, prefix, retired),
        )
        return True


class _SdkModelRule(_ModelRule):
    """A model rule over the `model=` arguments of OpenAI SDK calls, and of the OpenAI classes
    of LangChain, LlamaIndex, Haystack and agno for a model the target retired."""

    def visit_Call(self, node: cst.Call) -> None:
        info = self.ctx.sdk_call(node)
        if info is None and self.ctx.mentions("from_openai"):
            wrapped = self.ctx.wrapper_model(node)
            if wrapped is not None:  # `instructor.from_openai(OpenAI(), model="gpt-4o")`
                self.check_arg(node, *wrapped)
                return
        if info is None:
            found = self._framework_model(node)
            if found is not None:
                self.check_framework(node, *found)
            per_call = _per_call_model(self.ctx, node)
            if per_call is not None:
                func = node.func
                assert isinstance(func, cst.Attribute)
                request = CallInfo(PER_CALL, "chat", self.ctx.code(func), func.attr.value)
                self.check_per_call(node, per_call[0], request, per_call[1])
            return
        for arg in model_args(node, info):
            self.check_arg(node, arg, info)

    def check_arg(self, call: cst.Call, arg: cst.Arg, info: CallInfo) -> None:
        raise NotImplementedError

    def check_framework(self, call: cst.Call, arg: cst.Arg, shown: str) -> None:
        """Report a model the target retired at `arg`, the model of the framework class
        construction `call` (`shown`: `ChatOpenAI()`); the framework rules move the rest."""

    def check_per_call(self, call: cst.Call, arg: cst.Arg, info: CallInfo, shown: str) -> None:
        """Report `arg`, the `model=` a LangChain chat model's request method is given
        (`llm.ainvoke(..., model=m)`, `info.path` `llm.ainvoke`), which the request sends
        instead of the model of the class it was built from (`shown`: `ChatOpenAI()`). A
        constant is mapped where it is written (ML204), as the class's own model is."""

    def _framework_model(self, call: cst.Call) -> tuple[cst.Arg, str] | None:
        """The model argument of a framework's OpenAI class construction (`ChatOpenAI(model=
        "deepseek-chat")`) and the class as messages show it, where a target that retired
        models is chosen and the construction is not pointed at another host (a proxy may
        serve the name); else None."""
        provider = self.provider
        if provider is None or not provider.retired or not self.ctx.rules.switching:
            return None
        # imported here: the framework rules' module imports the SDK rules' (clients.py)
        from migrate_llm.rules.framework_classes import (
            any_framework_class,
            endpoint,
            model_argument,
        )

        cls = any_framework_class(self.ctx, call)
        arg = model_argument(call, cls) if cls is not None else None
        if cls is None or arg is None:
            return None
        where = endpoint(self.ctx, call, cls.base_url)
        if where.kind == "custom" or (
            where.provider is not None and where.provider.id != provider.id
        ):
            return None
        return arg, f"{cls.name}()"


class ModelLiteral(_SdkModelRule):
    """An OpenAI model name written at `model=` of an OpenAI call.

    ## What it does
    Finds string literals passed as `model=` (or `engine=` in openai<1.0 calls) and maps
    them through the provider's model table (`providers/<id>.toml`, overridable with
    `--model OLD=NEW` and `[tool.migrate-llm] models`).

    ## Fix (review)
    `apply` writes the provider's model; a person should check the choice. A model the table
    does not know is left for a person, with the candidates named. A request that sends
    images (an `image_url` or `input_image` content part written in the call, in what a name
    it passes is bound to, or in the function that makes it) gets the provider's model for
    images (`[tiers] vision`), as the table's choice may read text only; where the provider
    names none, the model is left for a person. An image request with no `model=`
    (`images.generate(prompt=...)`) asks for OpenAI's default, dall-e-2: it gets the model
    that one maps to, or is left for a person where the table maps none.

    A model sent to the completions API (`completions.create`, openai<1's
    `Completion.create`) is left for a person where the provider file marks `completions`
    partial: the table's models are chat models, and such a provider serves completions
    with models of its own. An OpenAI model of an API other than chat (embeddings, images,
    audio, moderations) the table does not map, for a provider whose file marks that API
    false, is left for a person with ML101's words (no OpenAI-compatible embeddings API: keep
    it on OpenAI or use a provider that serves them, named), not a choice of the provider's
    chat models; so is a constant (ML202) or setting (ML204) holding one. Where the provider
    serves it, the choices named are its models for that API (`[tiers]` embedding, image,
    transcription, speech; none for moderations: its docs). A `--model` (or configured)
    mapping of such a model to one of the provider's chat models is applied as asked, with a
    warning that the API refuses a chat model and what to choose instead.

    A model fine-tuned on OpenAI (`ft:gpt-4o-mini:org:name:id`, or the older
    `curie:ft-org-...`: `[detect] fine_tuned_models` of providers/openai.toml) exists only
    in the OpenAI account that trained it: it is left for a person, with or without a
    provider, unless `--model` maps it (so is a constant holding one, ML202). A `--model`
    mapping also applies to a name that is no OpenAI model.

    A model of the provider is information, except one its file lists as retired
    (`[retired]`: DeepSeek's `deepseek-chat`): requests for it fail, so it is an error left
    to a person (manual), with what to use instead (the replacement may take more than its
    name, such as DeepSeek's thinking switch). So is a retired model at `model=` of the OpenAI
    classes of LangChain, LlamaIndex, Haystack, agno, browser-use and guidance
    (`ChatOpenAI(model="deepseek-chat")`; ML202 where a constant or default holds it), unless
    the class's base URL names another host (a proxy may serve the name).

    The requests of instructor's own client (`instructor.from_openai(client)`: `create`,
    `create_with_completion`, `create_partial`, `create_iterable`, also under
    `chat.completions.` or `messages.`) are its client's `chat.completions.create`, with the
    same `model=`; so is the model the wrapper itself is given (`instructor.from_openai(OpenAI(),
    model="gpt-4o")`, by keyword or third: `frameworks.instructor.WRAPPER_MODELS`), which each
    of those requests passing none sends (a constant holding it is ML202's).

    So is a `model=` given to a request method of a chat model the module builds from a
    LangChain OpenAI class (`llm.invoke`, `ainvoke`, `stream`, `astream`, `batch`, `abatch`,
    and `bind`, `frameworks.langchain.PER_CALL_METHODS`; the model found through a name
    bound once or `self.X`): the request sends it instead of the class's model, so a
    literal there (also an environment read's default) is mapped as the class's is; not
    where the class points at another host. A constant is mapped where it is written, ML204.

    A literal sent through an Azure client is a deployment name, left for a person, except
    one named like an OpenAI model sent only through Azure clients that `apply` makes the
    provider's plain clients (ML002): it is mapped in the same apply, as a second would.

    A request through a client `apply` leaves where it is (on OpenAI for a person to move:
    ML001's manual findings; Bedrock's `provider=`; a client whose OpenAI URL written out
    ML402 leaves with the key beside it, `base_url=api_base or "https://api.openai.com/v1"`
    given a caller's OpenAI key) keeps its model (manual, as ML202 keeps a constant), and the
    provider's parameter rules skip it: mapped, both would go there. So does an openai<1 call
    ML302 leaves on openai<1 (beside GPTCache's adapter, or in a project requiring GPTCache)
    in a module that does not point both `openai.api_key` and `openai.api_base` at the
    provider's variables: openai<1 sends it to api.openai.com (ML302, ML670 say what to set);
    once both are pointed, a run maps its model (and ML118 turns thinking off).

    A request through a name bound to litellm's function on another path (shell_gpt's
    `completion`: `litellm.completion` or `client.chat.completions.create`) keeps its model
    too (manual, both spellings named): litellm takes the provider's model on its route.
    """

    code = "ML201"
    name = "model-literal"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        # t63 review g1: an openai<1 call left on openai<1 beside GPTCache's adapter goes
        # where openai<1's unset settings send it, OpenAI: its model stays
        Example(
            "import openai\nfrom gptcache.adapter import openai as cached\n\n"
            'r = openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
            provider="deepseek",
            message="model 'gpt-4' is sent as model= on line 4 through openai<1, left there "
            "with openai.api_key and openai.api_base, which no module of the project points "
            "at the provider: the request goes to api.openai.com (see ML302), so apply leaves "
            "the model too; point both at the provider, by hand, and a later run maps it",
        ),
        # pointed at the provider by both settings: mapped
        Example(
            "import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ["DEEPSEEK_BASE_URL"]\n'
            'r = openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
            provider="deepseek",
            after="import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ["DEEPSEEK_BASE_URL"]\n'
            'r = openai.ChatCompletion.create(model="deepseek-v4-pro", messages=[])\n',
        ),
        # t62e: the models to choose from for text-davinci-003, those that think last and
        # said so (its callers sent max_tokens 5 to 50)
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.completions.create(model="text-davinci-003", prompt="x")\n',
            provider="zhipu",
            message="Zhipu AI (GLM) has no mapping for model 'text-davinci-003'; choose one of "
            "glm-4-air-250414, glm-4.6v, glm-4-long, glm-4.7-flash (thinks unless told not to), "
            "glm-5.3 (always thinks) (or pass --model text-davinci-003=NAME)",
        ),
        # t62a: OpenAI's URL left with a key a caller hands over (ML402): the model stays too
        Example(
            "import os\n\nimport openai\nimport requests\n\n\n"
            "def chat(messages, api_base=None, api_key=None):\n"
            '    api_key = api_key or os.environ["OPENAI_API_KEY"]\n'
            '    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", '
            "api_key=api_key)\n"
            '    return client.chat.completions.create(model="gpt-4o", messages=messages)\n\n\n'
            "def start_run(thread_id, api_key=None):\n"
            '    api_key = api_key or os.environ["OPENAI_API_KEY"]\n'
            "    return requests.post(\n"
            '        f"https://api.openai.com/v1/threads/{thread_id}/runs",\n'
            '        headers={"Authorization": f"Bearer {api_key}"},\n'
            "    )\n\n\n"
            "def main():\n"
            '    key = os.environ["OPENAI_API_KEY"]\n'
            '    start_run("t1", key)\n'
            "    return chat([], api_key=key)\n",
            provider="acme",
            message="model 'gpt-4o' is sent as model= on line 10 through openai.OpenAI() on "
            "line 9, which stays on OpenAI: apply leaves the model too; change them together, "
            "by hand",
        ),
        # nano-graphrag's Azure embedding: the client becomes the provider's (ML002), so the
        # model is mapped in the same apply as the chat models (t52c)
        Example(
            "from openai import AzureOpenAI\n\nc = AzureOpenAI()\n"
            'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="acme",
            message="model 'text-embedding-3-small' maps to 'acme-embed' on Acme Cloud",
            after="from openai import AzureOpenAI\n\nc = AzureOpenAI()\n"
            'c.embeddings.create(model="acme-embed", input="x")\n',
        ),
        Example(
            "from openai import AzureOpenAI\n\nc = AzureOpenAI()\n"
            'c.embeddings.create(model="my-embedding", input="x")\n',
            provider="acme",
            message="model 'my-embedding' is an Azure deployment name; map it to a provider "
            "model by hand",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
            provider="acme",
            message="model 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after="from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="acme-small", messages=[])\n',
        ),
        Example(
            "import litellm\nfrom openai import OpenAI\n\ncompletion = None\nif USE_LITELLM:\n"
            "    completion = litellm.completion\nelse:\n"
            "    client = OpenAI()\n    completion = client.chat.completions.create\n"
            'completion(model="gpt-4o-mini", messages=[])\n',
            provider="acme",
            message="model 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud, but this call gives "
            "it to litellm (`completion` is litellm's function on one path: ML640), which sends "
            "a model without a provider prefix to OpenAI, and to an OpenAI client: write "
            "'acme/acme-small' where it reaches litellm, 'acme-small' where it reaches an OpenAI "
            "client, by hand",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.images.generate(model="dall-e-3", prompt="x")\n'
            "c.chat.completions.create(model=m, messages=[])\n",
            provider="acme",
            message="model 'dall-e-3' is an OpenAI images model; Acme Cloud has no "
            "OpenAI-compatible images API (see https://docs.acme.example/openai): keep it on "
            "OpenAI or point it at a provider that serves images (its key and base URL), by "
            "hand; doubao, ernie, siliconflow, zhipu offer it",
        ),
        # t49g: a moderation model is no chat model: none of the provider's chat models fits
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.moderations.create(model="omni-moderation-latest", input=x)\n'
            "c.chat.completions.create(model=m, messages=[])\n",
            provider="acme",
            message="model 'omni-moderation-latest' is an OpenAI moderations model; Acme Cloud "
            "has no OpenAI-compatible moderations API (see https://docs.acme.example/openai): "
            "keep it on OpenAI or point it at a provider that serves moderations (its key and "
            "base URL), by hand; no catalogued provider offers it",
        ),
        Example(
            'import openai\nopenai.Completion.create(engine="text-davinci-003", prompt="x")\n',
            message="model 'text-davinci-003' is an OpenAI model; `--provider ID` shows its "
            "replacement",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="acme-large", messages=[])\n',
            provider="acme",
            message="model 'acme-large' is one of Acme Cloud's models",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="acme-old", messages=[])\n',
            provider="acme",
            message="model 'acme-old': Acme Cloud retired it on 2025-12-01, so requests for it "
            "fail; use acme-medium (with temperature at most 1) instead, by hand",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'image = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}\n'
            'c.chat.completions.create(model="gpt-4o", messages=[{"role": "user", '
            '"content": [image]}])\n',
            provider="acme",
            message="model 'gpt-4o' is used with images, and Acme Cloud names no model that "
            "takes images; choose one from https://docs.acme.example/openai (or pass --model "
            "gpt-4o=NAME)",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\nask = c.chat.completions.create\n"
            'ask(model="gpt-4o-mini", messages=[])\n',
            provider="acme",
            message="model 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after="from openai import OpenAI\nc = OpenAI()\nask = c.chat.completions.create\n"
            'ask(model="acme-small", messages=[])\n',
        ),
        Example('from litellm import completion\ncompletion(model="gpt-4o")\n', finds=False),
        # instructor's own client: its request methods are its client's chat.completions.create
        Example(
            "import instructor\n\nbot = instructor.from_openai(make_client())\n"
            'bot.create_with_completion(model="gpt-4o-mini", messages=[], response_model=Reply)\n',
            provider="acme",
            message="model 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after="import instructor\n\nbot = instructor.from_openai(make_client())\n"
            'bot.create_with_completion(model="acme-small", messages=[], response_model=Reply)\n',
        ),
        # s58: the model instructor's wrapper is given, sent by its requests that pass none
        Example(
            "import instructor\nfrom openai import OpenAI\n\n"
            'client = instructor.from_openai(OpenAI(), model="gpt-4o-mini")\n',
            provider="acme",
            message="model 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after="import instructor\nfrom openai import OpenAI\n\n"
            'client = instructor.from_openai(OpenAI(), model="acme-small")\n',
        ),
        # LangChain: the model a chat model's request method is given, sent instead of its own
        Example(
            "from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI()\n"
            'llm.invoke("hi", model="gpt-4o")\n',
            provider="acme",
            message="model 'gpt-4o' of llm.invoke() (sent instead of ChatOpenAI()'s model) maps "
            "to 'acme-large' on Acme Cloud",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="prod-gpt4-deployment", messages=[])\n',
            provider="acme",
            message="model 'prod-gpt4-deployment' is neither an OpenAI model nor one Acme Cloud "
            "lists; check that Acme Cloud serves it",
        ),
        # a model fine-tuned on OpenAI: only the account that trained it has it
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="ft:gpt-4o-mini:acme:triage:a1b2", messages=[])\n',
            provider="acme",
            message="model 'ft:gpt-4o-mini:acme:triage:a1b2' is a model fine-tuned on OpenAI from "
            "gpt-4o-mini: only the OpenAI account that trained it can use it; fine-tune a model "
            "on Acme Cloud with the same data or choose one of acme-large, acme-medium, "
            "acme-small (or pass --model ft:gpt-4o-mini:acme:triage:a1b2=NAME)",
        ),
        Example(
            "import openai\n"
            'openai.Completion.create(model="curie:ft-acme-2022-03-01", prompt="x")\n',
            message="model 'curie:ft-acme-2022-03-01' is a model fine-tuned on OpenAI from curie: "
            "only the OpenAI account that trained it can use it; `--provider ID` names models to "
            "choose from",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        info = self.ctx.sdk_call(node)
        if info is not None and info.surface == "images" and not model_args(node, info):
            self._default_image_model(node, info)

    def _default_image_model(self, call: cst.Call, info: CallInfo) -> None:
        """An image request with no `model=`: OpenAI picks dall-e-2, which the provider does
        not serve (chatgpt_telegram_bot's `openai.Image.create(prompt=...)`); `apply` passes
        the model that one maps to."""
        provider, rules = self.provider, self.ctx.rules
        if (
            provider is None
            or not rules.switching
            or is_azure(info)
            or info.method not in sdk.IMAGE_METHODS_WITH_DEFAULT
            or any(a.star == "**" for a in call.args)
        ):
            return
        default = sdk.IMAGE_DEFAULT_MODEL
        if provider.serves(default):
            return
        new = rules.map_model(default)
        head = f"{info.path}() sends no model, so OpenAI's default, {default!r}, is asked for"
        edit = keyword_insertion(self.ctx, call, "model", f'"{new}"') if new else None
        if edit is None:
            self.report(
                call.func,
                f"{head}; {provider.name} needs one of its models there: pass model= by hand",
                fix=FixClass.MANUAL,
            )
            return
        self.report(
            call.func,
            f"{head}; apply passes {new!r}, what {default!r} maps to on {provider.name}",
            edit=edit,
            data={"model_from": default, "model_to": new},
        )

    def check_arg(self, call: cst.Call, arg: cst.Arg, info: CallInfo) -> None:
        resolved, methods = sent_literal(self.ctx, arg.value)
        if resolved is None or resolved[2] != "literal":
            return
        node, model, _how = resolved
        azure = deployment_name(self.ctx, info, model, [call])
        if self.served(node, f"model {model!r}", model) or not self.wants(model, azure):
            return
        kept = (
            kept_reason(self.ctx, f"model {model!r}", [call]) if self.ctx.rules.switching else None
        )
        gate = v0_only_gate(self.ctx, call) if kept is not None and info.kind == "legacy" else None
        if gate is not None:
            # the openai<1 branch of code that runs on both, which the legacy rules leave
            shown = self.snippet(gate)
            self.report(
                node,
                f"model {model!r} is sent through openai<1 in code that runs only on openai<1 "
                f"(gated by `{shown}`), which apply leaves on OpenAI; left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"model_from": model, "gated_by": shown},
            )
            return
        if kept is not None:
            # mapped, the model would go to the client's own endpoint (OpenAI, Bedrock)
            self.report(node, kept, fix=FixClass.MANUAL, data={"model_from": model})
            return
        shared = self._shared(call, f"model {model!r}", model) if self.provider else None
        if shared is not None:
            self.report(node, shared, fix=FixClass.MANUAL, data={"model_from": model})
            return
        self.report_model(node, f"model {model!r}", model, info, methods, [call])

    def _shared(self, call: cst.Call, subject: str, model: str) -> str | None:
        """Why `apply` leaves a literal sent through a name that is litellm's function too
        (`shared_call`: shell_gpt's `completion`), which takes the provider's model on its
        route: no one form suits both (ML640 reports the call)."""
        # imported here: the litellm rules' module imports the SDK rules' (clients.py)
        from migrate_llm.rules.framework_litellm import shared_call
        from migrate_llm.rules.model_forms import both_forms_advice, litellm_need, litellm_route

        provider = self.provider
        new = self.ctx.rules.map_model(model)
        if provider is None or new is None or not shared_call(self.ctx, call):
            return None
        routed = litellm_route(provider, new, sdk.surface_of_model(model) == "chat")
        because = (
            f"this call gives it to litellm (`{self.snippet(call.func)}` is litellm's function "
            "on one path: ML640)"
        )
        return both_forms_advice(
            subject, new, provider, litellm_need(provider, new, routed), because
        )

    def check_framework(self, call: cst.Call, arg: cst.Arg, shown: str) -> None:
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is not None and resolved[2] == "literal":
            node, model, _how = resolved
            self.retired(node, f"model {model!r} of {shown}", model)

    def check_per_call(self, call: cst.Call, arg: cst.Arg, info: CallInfo, shown: str) -> None:
        """The literal written there, also as an environment read's default: mapped in place
        (`per_call_model_values`)."""
        resolved, methods = sent_literal(self.ctx, arg.value)
        if resolved is None or resolved[2] not in ("literal", "env default"):
            return
        node, model, how = resolved
        named = f"model {model!r}" if how == "literal" else f"env default {model!r}"
        subject = f"{named} of {info.path}() (sent instead of {shown}'s model)"
        if self.served(node, subject, model) or not self.wants(model, False):
            return
        self.report_model(node, subject, model, info, methods)


class ModelConstant(DeferredRule, _SdkModelRule):
    """An OpenAI model name that reaches `model=` through a constant or a default.

    ## What it does
    Follows `model=NAME` to a module constant (`MODEL = "gpt-4o"`), a parameter default
    (`def ask(q, model="gpt-4o")`) or the default of an environment lookup
    (`os.getenv("MODEL", "gpt-4o")`), also through `.lower()`, `.strip()` and the like
    (`MODEL_ID_METHODS`), and reports the literal where it is written.

    ## Fix (review)
    `apply` rewrites the literal at its definition, so every use follows; not where a method
    the value is read through would change the provider's id (`.lower()` of
    `Qwen/Qwen3-8B`): that is left to you. Left too (manual), as ML204 leaves a setting: a
    literal the module also sends through a client `apply` leaves on Azure OpenAI or OpenAI
    (an `AzureOpenAI(...)` given a key the program hands it, `OpenAI(base_url=<an Azure
    endpoint>)`), which still takes the OpenAI name; one it also sends to another service's
    own SDK client (`anthropic.Anthropic().messages.create(model=MODEL)`), which never
    reaches OpenAI; one the module also gives to litellm (a
    call, a Router deployment, smolagents' LiteLLMModel, DSPy's LM; also through names and
    parameters, as ML204 follows a setting) or to crewAI's LLM, which take the provider's
    model on their route (`deepseek/deepseek-v4-pro`) where the client takes it as it is: no
    one spelling suits both, so the message names both, as ML204's does (ML640 and ML690 edit
    it neither); and one that a test of the module on the name it sets
    (`MODEL.startswith("gpt-3.5")`, `model == "gpt-4o"`, `model in MODELS`), as `apply`
    leaves or widens it (ML205), would treat otherwise once mapped: the program would take
    another branch. Decided once the module is read, when ML205's edits are known.
    """

    code = "ML202"
    name = "model-constant"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            'from openai import OpenAI\nMODEL = "gpt-4o"\nc = OpenAI()\n'
            "c.chat.completions.create(model=MODEL, messages=[])\n",
            provider="acme",
            message="constant MODEL = 'gpt-4o' (used as model= on line 4) maps to 'acme-large' "
            "on Acme Cloud",
            after='from openai import OpenAI\nMODEL = "acme-large"\nc = OpenAI()\n'
            "c.chat.completions.create(model=MODEL, messages=[])\n",
        ),
        # shared with Anthropic's own client: mapped, Anthropic would get acme-large
        Example(
            "import anthropic\nfrom openai import OpenAI\n\n"
            'MODEL = "gpt-4o"\n'
            "OpenAI().chat.completions.create(model=MODEL, messages=[])\n"
            "anthropic.Anthropic().messages.create(model=MODEL, max_tokens=9, messages=[])\n",
            provider="acme",
            message="constant MODEL = 'gpt-4o' (used as model= on line 5) is also sent as "
            "model= on line 6 to anthropic.Anthropic().messages.create(), a request through "
            "another service's own SDK client, which never reaches OpenAI: mapped, that request "
            "would get 'acme-large' too; apply leaves it: give the OpenAI requests a setting of "
            "their own, by hand",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'def ask(q, model="gpt-3.5-turbo"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
        ),
        Example(
            "import os\nfrom openai import OpenAI\nc = OpenAI()\n"
            'c.embeddings.create(model=os.getenv("EMBED_MODEL", "text-embedding-3-small"), '
            "input=x)\n",
            provider="acme",
            message="env default 'text-embedding-3-small' (used as model= on line 4) maps to "
            "'acme-embed' on Acme Cloud",
        ),
        Example(
            'from openai import OpenAI\nMODEL = "gpt-3.5-turbo"\nc = OpenAI()\n'
            'if MODEL.startswith("gpt-3.5"):\n'
            "    c.chat.completions.create(model=MODEL, messages=[])\n",
            provider="acme",
            message="constant MODEL = 'gpt-3.5-turbo' (used as model= on line 5) maps to "
            "'acme-small' on Acme Cloud, but apply leaves it: MODEL.startswith(\"gpt-3.5\") on "
            "line 4 tests it, which 'gpt-3.5-turbo' passes and 'acme-small' does not, so the "
            "program would take another branch; change the test and the model together, by hand",
        ),
        # t68a: a default outside its own Literal type once mapped: left, with why
        Example(
            "from typing import Literal\n\nfrom openai import OpenAI\n\nc = OpenAI()\n\n\n"
            'def ask(q, model: Literal["gpt-4o"] = "gpt-4o"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
            provider="acme",
            message="default of model = 'gpt-4o' (used as model= on line 9) maps to "
            "'acme-large' on Acme Cloud, but apply leaves it: the parameter's type "
            "Literal[\"gpt-4o\"] is a Literal[...] without 'acme-large', so the default would "
            "fall outside it, and what reads the signature (a type checker, a tool schema made "
            "from it) would still name the OpenAI model; add 'acme-large' to that Literal "
            "(ML205), then change this default, by hand",
            after="from typing import Literal\n\nfrom openai import OpenAI\n\nc = OpenAI()\n\n\n"
            'def ask(q, model: Literal["gpt-4o"] = "gpt-4o"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
        ),
        # t68a: a default the provider serves, reported above, leaves the one below mapped
        Example(
            "from openai import OpenAI\nc = OpenAI()\n\n\n"
            'def describe(q, model="acme-large"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n\n\n"
            'def ask(q, model="gpt-4o"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
            provider="acme",
            message="default of model = 'acme-large' (used as model= on line 6) is one of Acme "
            "Cloud's models",
            after="from openai import OpenAI\nc = OpenAI()\n\n\n"
            'def describe(q, model="acme-large"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n\n\n"
            'def ask(q, model="acme-large"):\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
        ),
        Example(
            'from openai import OpenAI\nMODEL = "gpt-4o"\nMODEL = pick()\nc = OpenAI()\n'
            "c.chat.completions.create(model=MODEL, messages=[])\n",
            finds=False,
        ),
        Example(
            'import litellm\nfrom openai import OpenAI\nMODEL = "gpt-4o"\nc = OpenAI()\n'
            "c.chat.completions.create(model=MODEL, messages=[])\n"
            "litellm.completion(model=MODEL, messages=[])\n",
            provider="acme",
            message="constant MODEL = 'gpt-4o' (used as model= on line 5) maps to 'acme-large' "
            "on Acme Cloud, but this module gives it to litellm, which sends a model without a "
            "provider prefix to OpenAI, and to an OpenAI client: write 'acme/acme-large' where "
            "it reaches litellm, 'acme-large' where it reaches an OpenAI client, by hand",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.pending: dict[int, _Held] = {}  # id(literal) -> what is decided at the end

    def check_arg(self, call: cst.Call, arg: cst.Arg, info: CallInfo) -> None:
        resolved, methods = sent_literal(self.ctx, arg.value)
        if resolved is None or resolved[2] == "literal":
            return
        node, model, how = resolved
        held = self.pending.get(id(node))
        if held is not None:
            held.requests.append(call)
            return
        azure = is_azure(info)
        line = self.ctx.position(arg)[0][0]
        subject = f"{how} = {model!r} (used as model= on {self.ctx.line_label(line)})"
        if how == "env default":
            subject = f"env default {model!r} (used as model= on {self.ctx.line_label(line)})"
        if self.served(node, subject, model):
            return
        if id(node) in self.reported or not self.wants(model, azure):
            return
        self.reported.add(id(node))
        self.pending[id(node)] = _Held(node, subject, model, info, methods, [call])

    def finish(self) -> None:
        """Map each literal, or leave it (manual) where `model_left` says apply must: once
        the traversal is over, when ML205's edits are known."""
        for held in self.pending.values():
            reason = self._left(held) if self.ctx.rules.switching else None
            if reason is not None:
                data = {"model_from": held.model}
                self.report(held.node, reason, fix=FixClass.MANUAL, data=data)
                continue
            self.report_model(
                held.node, held.subject, held.model, held.info, held.methods, held.requests
            )

    def _left(self, held: _Held) -> str | None:
        """Why `apply` leaves the literal: a request sending it goes through a client left on
        Azure OpenAI or OpenAI, the module sends it to litellm too (`_both_forms`), a test of
        the name it sets would take another branch, a table keyed by OpenAI model the module
        looks it up in has no entry for its mapping, or it is passed on to a parameter whose
        default apply leaves for one of those."""
        ctx = self.ctx
        requests = list(held.requests)
        holder = holder_of(ctx, held.node)
        if holder is not None and (ctx.index.name_sources or ctx.index.attr_sources):
            sent = requests_sending(ctx, holder)
            requests += [c for c in sent if all(c is not r for r in held.requests)]
        reason = kept_reason(ctx, held.subject, requests)
        if reason is None and holder is not None:
            reason = other_service_reason(ctx, held.subject, holder, held.model)
        if reason is not None or deployment_name(ctx, held.info, held.model, requests):
            return reason
        images = id(held.node) in image_model_nodes(ctx)
        new = ctx.rules.map_model(held.model, images)
        if new is None:
            return None
        return (
            self._both_forms(held, new)
            or branch_reason(ctx, held.subject, held.node, held.model, new, held.methods)
            or lookup_reason(ctx, held.subject, held.node, new, held.methods, "model")
            or parameter_literal_reason(ctx, held.subject, held.node, new)
            or passed_reason(ctx, held.subject, held.node, new)
        )

    def _both_forms(self, held: _Held, new: str) -> str | None:
        """Why `apply` leaves a literal the module also sends to litellm (or crewAI), which
        takes the provider's model on its route: no one form suits both (`both_forms`)."""
        # imported here: the litellm rules' module imports the SDK rules' (clients.py)
        from migrate_llm.rules.model_forms import (
            both_forms,
            both_forms_advice,
            litellm_need,
            litellm_route,
        )

        found = both_forms(self.ctx, held.node)
        provider = self.provider
        if found is None or found.reporter != self.code or provider is None:
            return None
        routed = litellm_route(provider, new, sdk.surface_of_model(held.model) == "chat")
        need = litellm_need(provider, new, routed)
        return both_forms_advice(
            held.subject, new, provider, need, found.because, library=found.library
        )

    def check_framework(self, call: cst.Call, arg: cst.Arg, shown: str) -> None:
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is None or resolved[2] == "literal":
            return
        node, model, how = resolved
        line = self.ctx.line_label(self.ctx.position(arg)[0][0])
        subject = f"{how} = {model!r} (used as model= of {shown} on {line})"
        if how == "env default":
            subject = f"env default {model!r} (used as model= of {shown} on {line})"
        self.retired(node, subject, model)


@dataclass
class _Held:
    """An ML202 literal waiting for the end of the module: the requests that send it (as
    `model=`, the first one's `info`) and the methods they read it through."""

    node: cst.BaseExpression
    subject: str
    model: str
    info: CallInfo
    methods: tuple[str, ...]
    requests: list[cst.Call] = field(default_factory=list)


class ModelDynamic(_SdkModelRule):
    """A model name computed at run time.

    ## What it does
    Finds `model=` arguments of OpenAI calls whose value the module does not fix: an
    attribute, a call, an f-string, a parameter without a default. Also those given to a
    request method of a chat model the module builds from a LangChain OpenAI class
    (`await llm.ainvoke(messages, model=model)`, `llm.bind(model=m)`: see ML201), which the
    request sends instead of the class's model: `apply` maps the class's model, not this one.
    Not an attribute of a class of the module holding a string it writes (`Models.MINI` for
    `class Models: MINI = "gpt-4o-mini"`, `Models.MINI.value` of an enum): ML204 (ML205 for
    an enum's member) reports it where the class sets it.

    ## Why
    After the switch the value must name one of the provider's models; only a person can
    check where it comes from (configuration, a database, user input).
    """

    code = "ML203"
    name = "model-dynamic"
    silent_when_modernising = True  # the model stays what it was
    category = "model"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            "c.chat.completions.create(model=settings.model, messages=[])\n",
            provider="acme",
            message="model comes from `settings.model` at run time; make sure it names an "
            "Acme Cloud model (acme-large, acme-medium, acme-small)",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model=f"gpt-{v}", messages=[])\n',
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n\nasync def answer(model, messages):\n"
            "    llm = ChatOpenAI()\n"
            "    return await llm.ainvoke(messages, model=model)\n",
            provider="acme",
            message="model comes from `model` at run time, and llm.ainvoke() sends it instead of "
            "ChatOpenAI()'s model; make sure it names an Acme Cloud model (acme-large, "
            "acme-medium, acme-small)",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI()\n"
            'c.chat.completions.create(model="gpt-4o", messages=[])\n',
            finds=False,
        ),
    )

    def check_arg(self, call: cst.Call, arg: cst.Arg, info: CallInfo) -> None:
        if sent_literal(self.ctx, arg.value)[0] is not None or self.class_literal(arg.value):
            return
        read = file_model_read(self.ctx, arg.value)
        if read is None:
            source = f"model comes from `{self.snippet(arg.value)}` at run time"
        else:
            source = (
                f"model comes from `{self.snippet(arg.value)}`, the `{read.entry}` entry of "
                f"{read.file} ({settings_models(read.models)})"
            )
        self.report_source(call, arg, info, source)

    def class_literal(self, value: cst.BaseExpression) -> bool:
        """Whether `value` reads a class attribute holding a string the module writes
        (`Models.MINI`, `class_constant`): ML204 (ML205 for an enum's member) reports it
        where the class sets it."""
        inner = without_id_methods(value)[0]
        return class_constant(self.ctx, inner) is not None and bool(known_literals(self.ctx, inner))

    def check_per_call(self, call: cst.Call, arg: cst.Arg, info: CallInfo, shown: str) -> None:
        if sent_literal(self.ctx, arg.value)[0] is not None:
            return
        source = (
            f"model comes from `{self.snippet(arg.value)}` at run time, and {info.path}() "
            f"sends it instead of {shown}'s model"
        )
        self.report_source(call, arg, info, source)

    def report_source(self, call: cst.Call, arg: cst.Arg, info: CallInfo, source: str) -> None:
        """Say what `arg`'s value, chosen at run time (`source` says where), must name."""
        provider = self.provider
        image_model = provider.image_model() if provider is not None else None
        if provider is None:
            message = f"{source}; check its values when you switch provider"
        elif (
            self.ctx.rules.switching
            and info.surface in ("chat", "responses")
            and sends_images(self.ctx, call)
        ):
            message = (
                f"{source} and the request sends images; make sure it names "
                f"{article(provider.name)} {provider.name} model that takes images"
            )
            message += f" ({image_model})" if image_model else f": see {provider.docs}"
        else:
            choices = ", ".join(provider.candidates(info.surface))
            message = f"{source}; make sure it names {article(provider.name)} {provider.name} model"
            message += f" ({choices})" if choices else ""
        self.report(arg.value, message)


def settings_models(models: list[FileModel]) -> str:
    """What the project's settings files give a model entry, as ML503 leaves them
    (`gpt-4o, which ML503 maps to kimi-k2.6`, or the provider's model as written)."""
    said = (
        f"{m.model_from}, which ML503 maps to {m.model}" if m.model_from else m.model
        for m in models
    )
    return "; ".join(dict.fromkeys(said))


def article(word: str) -> str:
    """The indefinite article for `word` ("an Acme Cloud model", "a DeepSeek model")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


MODEL_RULES = (ModelLiteral, ModelConstant, ModelDynamic)
