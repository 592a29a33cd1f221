"""txtai (`migrate_llm.frameworks.txtai`): ML622, the models given to txtai's `LLM()`, `RAG()`
and `Embeddings()`, which it hands to litellm. Its application configs' models are ML503's
(`config_model`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import txtai as fw
from migrate_llm.import_roots import project_holds_package
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.framework_litellm import bare_provider_model, openai_model
from migrate_llm.rules.model_forms import litellm_route, model_takers
from migrate_llm.rules.model_reach import holder_of
from migrate_llm.rules.model_values import env_default
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import string_like

_SENDS = "txtai hands it to litellm, which sends a model without a provider prefix to OpenAI"
_HUB = (
    "has no provider prefix, so txtai does not take it for litellm's and loads it from the "
    "Hugging Face Hub with transformers"
)


def txtai_class(ctx: PythonContext, call: cst.Call) -> str | None:
    """The txtai class (`fw.MODEL_POSITIONS`) `call` builds, of the published package (not the
    project's own package of that name), else None."""
    if not ctx.mentions(fw.PACKAGE) or project_module(ctx, call.func) is not None:
        return None
    for classes, _ in fw.MODEL_POSITIONS:
        found = qualified(ctx, call.func, classes)
        if found is not None:
            if ctx.path and project_holds_package(os.path.dirname(ctx.path), fw.PACKAGE):
                return None
            return found
    return None


def _litellm_method(ctx: PythonContext, method: cst.BaseExpression | None) -> bool:
    """Whether a `method=` (None: not given) leaves the model to litellm: not given (txtai
    picks litellm for a model litellm knows), or "litellm"."""
    if method is None:
        return True
    resolved = ctx.resolve_literal(method)
    return resolved is not None and resolved[1] == fw.LITELLM_METHOD


def txtai_models(ctx: PythonContext, call: cst.Call) -> Iterator[cst.BaseExpression]:
    """The model expressions a call of txtai's `LLM()`, `RAG()` or `Embeddings()` hands to
    litellm: its `path` (by keyword or position), or the `"path"` entry of the config dict
    given to Embeddings; none where `method=` names another framework."""
    found = txtai_class(ctx, call)
    if found is None:
        return
    position = next(p for classes, p in fw.MODEL_POSITIONS if found in classes)
    # `LLM(path, method)`: its second positional argument too
    method = argument(call, fw.METHOD_KEYWORD, 1 if found in fw.LLM_CLASSES else None)
    arg = argument(call, fw.MODEL_KEYWORD, position)
    if arg is not None:
        if _litellm_method(ctx, method.value if method is not None else None):
            yield arg.value
        return
    if position is not None:
        return
    entries = _config_entries(call)
    model = entries.get(fw.MODEL_KEYWORD)
    if model is not None and _litellm_method(ctx, entries.get(fw.METHOD_KEYWORD)):
        yield model


def _config_entries(call: cst.Call) -> dict[str | None, cst.BaseExpression]:
    """The entries of the config dict display given to txtai's Embeddings (`Embeddings({"path":
    ..., "method": "litellm"})`), by key; empty for another argument."""
    config = argument(call, "config", fw.CONFIG_POSITION)
    if config is None or not isinstance(config.value, cst.Dict):
        return {}
    elements = config.value.elements
    return {string_value(e.key): e.value for e in elements if isinstance(e, cst.DictElement)}


def txtai_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals given to txtai's classes, also the default of an environment read
    (`MODEL = os.environ.get("MODEL", "gpt-4o-mini")`): ML622's (ML204-ML206 leave them)."""
    for expr in txtai_models(ctx, call):
        resolved = env_default(ctx, expr) or ctx.resolve_literal(expr)
        if resolved is not None:
            yield resolved[0]


@dataclass(frozen=True)
class _Judged:
    """What ML622 makes of one model string: `model` the OpenAI model it names (None for the
    provider's own without a route), `new` the provider's, `routed` that on litellm's route for
    it (None: left to a person), `what` how the string is said."""

    model: str | None
    new: str | None
    routed: str | None
    what: str


def judged(ctx: PythonContext, value: str) -> _Judged | None:
    """ML622's reading of the model string `value` given to txtai, None where it leaves it
    (another service's route, the provider's on its route, a Hugging Face repo)."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    model = openai_model(ctx, value, True)
    bare = None if model is not None else bare_provider_model(ctx, value, True)
    if model is None and bare is None:
        return None
    new = ctx.rules.map_model(model) if model is not None else bare
    if model is not None and "/" in value:
        what = "is an OpenAI model on litellm's OpenAI route"
    elif model is not None:
        what = "is an OpenAI model"
    else:
        what = _HUB
    # a chat model only: litellm's route for the provider's embeddings is not in its file
    chat = sdk.surface_of_model(model or value) == "chat"
    routed = litellm_route(provider, new, chat) if new is not None else None
    return _Judged(model, new, routed, what)


def left_model(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The model of a txtai call that may send it to OpenAI once `apply` has run: an OpenAI
    model ML622 does not rewrite (unmapped, with no route of the provider's for it, or also
    given to an OpenAI client), or one chosen at run time (`LLM(os.environ["LLM_MODEL"])`,
    a parameter), which may be OpenAI's. A key given to that call goes where the model sends
    it (ML401 leaves its read)."""
    for expr in txtai_models(ctx, call):
        resolved = env_default(ctx, expr) or ctx.resolve_literal(expr)
        if resolved is None:
            return expr  # chosen at run time
        found = judged(ctx, resolved[1])
        if found is None or found.model is None:
            continue
        if found.routed is None or _also_to_client(ctx, resolved):
            return expr
    return None


def _also_to_client(ctx: PythonContext, resolved: tuple[cst.BaseExpression, str, str]) -> bool:
    """Whether the constant holding a model (`resolve_literal`'s answer) also reaches an OpenAI
    client, so that ML622 leaves it to a person (no form suits both)."""
    holder = holder_of(ctx, resolved[0]) if resolved[2] != "literal" else None
    return holder is not None and "client" in model_takers(ctx, holder)


class TxtaiModel(PythonRule):
    """A model given to txtai's `LLM()`, `RAG()` or `Embeddings()` that goes to OpenAI, or fails.

    ## What it does
    Finds the `path` of `txtai.LLM(...)` (also its first positional argument), of
    `txtai.RAG(similarity, path)` and of `txtai.Embeddings(path=...)` (or the `"path"` entry of
    its config dict), written in the module as a literal or a constant, where `method=` is not
    given or is "litellm": an OpenAI model (`gpt-4o`, litellm's `openai/gpt-4o`) or the
    provider's model without litellm's route (`qwen4-max`, as an earlier apply wrote it); also
    the default of an environment read given there (`os.environ.get("LLM_MODEL", "gpt-4o")`,
    or a constant bound to one), which ML204 leaves to this rule.

    ## Why
    txtai hands a model litellm knows to `litellm.completion(model=path)` (or
    `litellm.embedding`), which sends a model without a provider prefix, and `openai/...`, to
    OpenAI. A provider's model without its route is no litellm model for txtai: it loads it
    from the Hugging Face Hub with transformers and fails ("Can't load the configuration").

    ## Fix (review)
    `apply` writes the provider's chat model on litellm's route for it (`dashscope/qwen4-max`),
    where litellm reads the provider's key variable (and its base-URL variable, the
    provider file's `litellm_base_url_env`, for another region). Left to a person for an
    embedding model (litellm's route for it is not in the provider file), a model the table
    does not map, a provider without a litellm route, and a constant that also reaches an
    OpenAI client.

    An Embeddings whose model goes to the provider warns (manual) where the provider embeds
    fewer texts a request (`embedding_batch_max`: Qwen's 10) than txtai sends: its `batch`
    (default 1024, embeddings/index/transform.py), given neither as a keyword nor in its
    config dict, or above the limit.

    ## Data
    `argument`, `model_from`, `model_to`, `litellm_route`.
    """

    code = "ML622"
    name = "txtai-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            'from txtai import LLM\n\nllm = LLM("gpt-4o")\n',
            provider="acme",
            message="path='gpt-4o' of txtai's LLM() is an OpenAI model; apply writes "
            "'acme/acme-large' (litellm's acme route) for Acme Cloud: txtai hands it to "
            "litellm, which sends a model without a provider prefix to OpenAI",
            after='from txtai import LLM\n\nllm = LLM("acme/acme-large")\n',
        ),
        Example(
            "import os\n\nfrom txtai import LLM\n\n"
            'llm = LLM(path="openai/gpt-4o-mini", method="litellm", '
            'api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            path="app.py",
            message="path='openai/gpt-4o-mini' of txtai's LLM() is an OpenAI model on "
            "litellm's OpenAI route; apply writes 'acme/acme-small' (litellm's acme route) for "
            "Acme Cloud",
            after="import os\n\nfrom txtai import LLM\n\nllm = LLM(\n"
            '    path="acme/acme-small", method="litellm", api_key=os.environ["OPENAI_API_KEY"]\n'
            ")\n",
        ),
        Example(
            'from txtai.pipeline import LLM\n\nMODEL = "acme-large"\nllm = LLM(MODEL)\n',
            provider="acme",
            message="constant MODEL = 'acme-large' (the path of txtai's LLM()) has no provider "
            "prefix, so txtai does not take it for litellm's and loads it from the Hugging "
            "Face Hub with transformers; apply writes 'acme/acme-large' (litellm's acme route) "
            "for Acme Cloud",
            after='from txtai.pipeline import LLM\n\nMODEL = "acme/acme-large"\nllm = LLM(MODEL)\n',
        ),
        Example(
            "import os\n\nfrom txtai import RAG\n\n"
            'rag = RAG(index, os.environ.get("RAG_MODEL", "gpt-4o"))\n',
            provider="acme",
            message="env default of RAG_MODEL = 'gpt-4o' (the path of txtai's RAG()) is an "
            "OpenAI model; apply writes 'acme/acme-large' (litellm's acme route) for Acme "
            "Cloud: txtai hands it to litellm, which sends a model without a provider prefix to "
            "OpenAI",
            after="import os\n\nfrom txtai import RAG\n\n"
            'rag = RAG(index, os.environ.get("RAG_MODEL", "acme/acme-large"))\n',
        ),
        Example(  # a constant holding the read: ML204 leaves its default to ML622
            "import os\n\nfrom txtai import LLM\n\n"
            'MODEL = os.environ.get("MODEL", "gpt-4o")\nllm = LLM(MODEL)\n',
            provider="acme",
            message="env default of MODEL = 'gpt-4o' (the path of txtai's LLM()) is an OpenAI "
            "model; apply writes 'acme/acme-large' (litellm's acme route) for Acme Cloud: txtai "
            "hands it to litellm, which sends a model without a provider prefix to OpenAI",
            after="import os\n\nfrom txtai import LLM\n\n"
            'MODEL = os.environ.get("MODEL", "acme/acme-large")\nllm = LLM(MODEL)\n',
        ),
        Example(
            "from txtai import Embeddings\n\n"
            'emb = Embeddings({"path": "text-embedding-3-small", "batch": 16})\n',
            provider="acme",
            message="path='text-embedding-3-small' of txtai's Embeddings() is an OpenAI model; "
            "it maps to acme-embed on Acme Cloud, but litellm's route for Acme Cloud's "
            "embeddings is not known here: write acme/acme-embed if litellm's acme route serves "
            "them, else openai/acme-embed with api_base=https://api.acme.example/v1 and "
            "Acme Cloud's key, by hand",
        ),
        Example(
            'from txtai import LLM\n\nllm = LLM("acme/acme-large")\n', provider="acme", finds=False
        ),
        Example(
            "from txtai import Embeddings\n\n"
            'emb = Embeddings(path="dashscope/text-embedding-v4", method="litellm")\n',
            provider="qwen",
            message="txtai's Embeddings() sends up to 1024 texts in one embeddings request "
            "(batch's default); Alibaba Qwen (DashScope / Model Studio) embeds at most 10 "
            "inputs per request: give it batch=10, by hand",
        ),
        Example(
            "from txtai import Embeddings\n\n"
            'emb = Embeddings({"path": "dashscope/text-embedding-v4", "batch": 10})\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            'from txtai import LLM\n\nllm = LLM("gpt-4o", "llama.cpp")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from txtai import LLM\n\nllm = LLM("gpt-4o", method="transformers")\n',
            provider="acme",
            finds=False,
        ),
        Example('class LLM:\n    pass\n\n\nllm = LLM("gpt-4o")\n', provider="acme", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.provider is None or not self.ctx.rules.switching:
            return
        found = txtai_class(self.ctx, node)
        models = list(txtai_models(self.ctx, node))
        for expr in models:
            assert found is not None
            self._model(expr, found.rpartition(".")[2] + "()")
        if found in fw.EMBEDDINGS_CLASSES:
            self._batch(node, models)

    def _batch(self, call: cst.Call, models: list[cst.BaseExpression]) -> None:
        """An Embeddings whose model goes to the provider (on its litellm route, or written
        there by apply) without `batch` at most the provider's `embedding_batch_max`: txtai
        sends up to `batch` texts (default 1024) in one litellm request."""
        from migrate_llm.rules.compat import param_unconfirmed  # it imports the rule modules

        provider = self.provider
        assert provider is not None
        most = provider.params.get("embedding_batch_max")
        if not isinstance(most, int) or most >= fw.BATCH_DEFAULT:
            return
        route = provider.frameworks.get("litellm_prefix")
        values = [
            found[1]
            for expr in models
            if (found := env_default(self.ctx, expr) or self.ctx.resolve_literal(expr))
        ]
        if not any(
            (isinstance(route, str) and value.startswith(f"{route}/"))
            or ((judge := judged(self.ctx, value)) is not None and judge.new is not None)
            for value in values
        ):
            return
        given = keyword(call, fw.BATCH_KEY)
        batch = given.value if given is not None else _config_entries(call).get(fw.BATCH_KEY)
        if batch is not None:
            number = batch.evaluated_value if isinstance(batch, cst.Integer) else None
            if not isinstance(number, int) or number <= most:
                return  # at most the limit, or chosen at run time
            sends, how = number, f"batch={number}"
        else:
            sends, how = fw.BATCH_DEFAULT, "batch's default"
        self.report(
            call.func,
            f"txtai's Embeddings() sends up to {sends} texts in one embeddings request ({how}); "
            f"{provider.name} embeds at most {most} inputs per request: give it "
            f"batch={most}, by hand{param_unconfirmed(provider, 'embedding_batch_max')}",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"batch": sends, "embedding_batch_max": most},
        )

    def _model(self, expr: cst.BaseExpression, shown: str) -> None:
        provider = self.provider
        assert provider is not None
        read = env_default(self.ctx, expr)  # `os.environ.get("LLM_MODEL", "gpt-4o")`
        resolved = self.ctx.resolve_literal(expr) if read is None else None
        if read is not None:
            node, value, how = read[0], read[1], f"env default of {read[2]}"
        elif resolved is not None:
            node, value, how = resolved
        else:
            return
        found = judged(self.ctx, value)
        if found is None:
            return
        subject = f"path={value!r} of txtai's {shown}"
        if how != "literal":
            subject = f"{how} = {value!r} (the path of txtai's {shown})"
        data: dict[str, object] = {"argument": fw.MODEL_KEYWORD, "model_from": value}
        if found.new is None:
            self.report(
                node,
                f"{subject} is an OpenAI model that {provider.name}'s model table does not "
                f"map; choose one of {', '.join(provider.candidates())}",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        if found.routed is None:
            route = provider.frameworks.get("litellm_prefix")
            head = f"{subject} {found.what}"
            if found.model is not None:
                head += f"; it maps to {found.new} on {provider.name}"
            need = (
                f"openai/{found.new} with api_base={self.ctx.rules.base_url} and "
                f"{provider.name}'s key, by hand"
            )
            if isinstance(route, str):
                advice = (
                    f"litellm's route for {provider.name}'s embeddings is not known here: write "
                    f"{route}/{found.new} if litellm's {route} route serves them, else {need}"
                )
            else:
                advice = f"{provider.name} has no litellm route of its own: write {need}"
            self.report(node, f"{head}, but {advice}", fix=FixClass.MANUAL, data=data)
            return
        routed = found.routed
        data |= {"model_to": routed, "litellm_route": routed.partition("/")[0]}
        if _also_to_client(self.ctx, (node, value, how)):
            self.report(
                node,
                f"{subject} {found.what}; this module also gives it to an OpenAI client, which "
                f"takes {found.new}: write {routed!r} where it reaches txtai, {found.new!r} "
                "where it reaches the client, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        why = f": {_SENDS}" if found.model is not None and "/" not in value else ""
        self.report(
            node,
            f"{subject} {found.what}; apply writes {routed!r} (litellm's "
            f"{routed.partition('/')[0]} route) for {provider.name}{why}",
            edit=Edit(self.ctx.span(node), string_like(node, routed)),
            data=data,
        )


TXTAI_RULES = (TxtaiModel,)
