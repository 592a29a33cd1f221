"""Rules about requests made through OpenAI clients and the v1 module-level client."""

from __future__ import annotations

import functools
import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider, Registry
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import (
    UNKNOWN_SETTING,
    client_left,
    derived_endpoint_var,
    endpoint_of,
    env_var_read,
    environment_reads,
    migrated_key,
    module_client_endpoint,
    setting,
    unserved_words,
)
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    key_expr,
    module_api_base_expr,
    module_base_url_expr,
)
from migrate_llm.rules.given_urls import run_time_url
from migrate_llm.rules.litellm_structured import litellm_schema_request
from migrate_llm.rules.llamaindex_module_base import module_base_readers, module_client_stays
from migrate_llm.rules.model_expectations import untraced_request
from migrate_llm.rules.models import article
from migrate_llm.rules.module_client_setup import Setup, module_client_setup
from migrate_llm.rules.openai_branches import openai_branch
from migrate_llm.rules.partial_apis import partial_offer
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    CallInfo,
    PythonContext,
    flatten,
    keyword,
    last_name,
    match_surface,
    self_attribute,
)
from migrate_llm.rules.shut_down_apis import move_words, shut_down_data, shut_down_words
from migrate_llm.rules.structured_requests import request_surfaces, value_surface
from migrate_llm.rules.unserved_clients import module_client_unserved, unserved_only
from migrate_llm.rules.v0_libraries import v0_library, v0_library_reason


def call_data(info: CallInfo, surface: str) -> dict[str, object]:
    """The facts of a call finding: the API surface it counts under (`decisive_surface`) and
    the call's path."""
    return {"surface": surface, "call": info.path}


# How well a `[supports]` value serves a request, worst first.
_SUPPORT_RANK: dict[bool | str, int] = {False: 0, "partial": 1, "unknown": 1, True: 2}


def decisive_surface(provider: Provider | None, surfaces: tuple[str, ...]) -> str:
    """Of the surfaces a request needs (`request_surfaces`), the one its verdict is about: the
    least supported by `provider`; on a tie the API (a `responses.parse` to a provider whose
    file confirms neither the Responses API nor structured outputs fails first on the API:
    t53m's 404), with no provider the last (the most specific: `structured_outputs`)."""
    if provider is None:
        return surfaces[-1]
    return min(surfaces, key=lambda s: _SUPPORT_RANK.get(provider.support(s), 1))


def support_doubt(provider: Provider, surface: str) -> str | None:
    """Why `provider`'s file marks its `[supports]` entry for `surface` (or the whole table)
    uncertain, after the file (`providers/deepseek.toml: listed as supported on the pricing
    page; ...`); None where it does not."""
    reason = next(
        (
            provider.uncertain[k]
            for k in (f"supports.{surface}", "supports")
            if k in provider.uncertain
        ),
        None,
    )
    if not reason:
        return None
    return f"{provider.source}: {reason}" if provider.source else reason


def lacks_api(provider: Provider, surface: str) -> str:
    """What is said of an API `provider`'s [supports] table marks false (ML101's words, which
    the framework class rules say of a class calling it too), with the file's doubt where it
    marks that uncertain."""
    doubt = support_doubt(provider, surface)
    unconfirmed = f", unconfirmed ({doubt})" if doubt else ""
    return f"{provider.name} has no OpenAI-compatible {surface} API{unconfirmed}"


def offered_by(provider: Provider, surface: str, registry: Registry) -> str:
    """The catalogued providers other than `provider` (and OpenAI) that serve `surface`."""
    others = [
        p.id
        for p in registry.providers.values()
        if p.id not in (provider.id, "openai") and p.support(surface) is True
    ]
    if not others:
        return "no catalogued provider offers it"
    return f"{', '.join(sorted(others))} {'offers' if len(others) == 1 else 'offer'} it"


def support_words(provider: Provider, surface: str) -> str:
    """What is said of an API `provider`'s [supports] table marks partial or unknown, with
    what its [uncertain] table says of it (Zhipu's Responses API stands under another base
    URL): ML101's words for a call, ML653's for instructor's `openai_moderation`."""
    word = "partial" if provider.support(surface) == "partial" else "unconfirmed"
    reason = support_doubt(provider, surface)
    if reason is None and surface not in provider.supports:
        reason = "its provider file does not state it"
    return f"{provider.name}'s {surface} support is {word}" + (f" ({reason})" if reason else "")


# The request parameter naming the reply's format, and the type of JSON mode (no schema)
_RESPONSE_FORMAT = "response_format"
_JSON_MODE = "json_object"


def schema_refused(provider: Provider) -> list[str] | None:
    """The response_format types `provider` takes, where its file lists them without
    json_schema (not marked uncertain, and its structured outputs not "partial", which says
    some of its models take it): a request for structured outputs fails there on every run
    (ML101, ML102, ML635); None otherwise."""
    accepted = provider.params.get(_RESPONSE_FORMAT)
    if (
        isinstance(accepted, list)
        and sdk.STRUCTURED_TYPE not in accepted
        and provider.support(sdk.STRUCTURED_OUTPUTS) != "partial"
        and not provider.is_uncertain("params", _RESPONSE_FORMAT)
    ):
        return [str(kind) for kind in accepted]
    return None


def schema_refused_words(provider: Provider, accepted: list[str], subject: str) -> str:
    """What is said of a request for structured outputs (`subject`: "this call") to a
    provider whose file leaves json_schema out of its response_format types (`accepted`):
    that it fails on every run, or, where the file marks its structured outputs uncertain
    (`support_doubt`: DeepSeek's reseller saw json_schema accepted but not enforced), that
    type undocumented, with the file's reason, and the schema not guaranteed."""
    types = ", ".join(accepted)
    doubt = support_doubt(provider, sdk.STRUCTURED_OUTPUTS)
    if doubt is not None:
        return (
            f"{provider.name} does not document that type (documented response_format "
            f"types: {types}); its file marks that uncertain ({doubt}), so the schema is not "
            f"guaranteed ({subject} may be refused, or get a reply that does not follow it)"
        )
    return (
        f"{provider.name} does not accept that type (accepted response_format types: "
        f"{types}), whatever the schema's strictness, so {subject} fails on every run"
    )


def structured_models(provider: Provider) -> list[str] | None:
    """The models `provider`'s file names as taking response_format json_schema (`[params]
    structured_models`), where its structured outputs are "partial"; None otherwise."""
    listed = provider.params.get("structured_models")
    if provider.support(sdk.STRUCTURED_OUTPUTS) != "partial" or not isinstance(listed, list):
        return None
    return [str(model) for model in listed] or None


def request_model(
    ctx: PythonContext, provider: Provider, call: cst.Call
) -> tuple[str, str | None] | None:
    """The provider model a request sends once migrated, where its `model=` is a literal or
    a module constant: one of the provider's (as an earlier apply wrote it), or an OpenAI
    model apply maps in the same run (named second); None where not known here."""
    arg = keyword(call, "model")
    found = ctx.resolve_literal(arg.value) if arg is not None else None
    if found is None or not (found[2] == "literal" or found[2].startswith("constant")):
        return None
    written = found[1]
    if provider.serves(written):
        return written, None
    mapped = ctx.rules.map_model(written) if ctx.rules.openai.serves(written) else None
    return (mapped, written) if mapped is not None and mapped != written else None


Verdict = tuple[Severity, FixClass, str]


def structured_model_verdict(
    ctx: PythonContext, provider: Provider, call: cst.Call, surfaces: tuple[str, ...]
) -> tuple[str, Verdict | None, dict[str, object]]:
    """For a request whose verdict is about `structured_outputs` on a provider whose file
    names the models that take json_schema (`structured_models`): the surface its verdict is
    about, the verdict where its model decides it, and the facts for its `data`. A model
    (`request_model`) the file lists: the verdict of its other surfaces (None: the caller's).
    One it does not list: an error, manual, naming the models that take it (and JSON mode
    where the provider takes it). A model not known here: `support_verdict`'s warning with
    the list (None for the verdict, the caller passes `takes`)."""
    listed = structured_models(provider)
    if listed is None:
        return sdk.STRUCTURED_OUTPUTS, None, {}
    sent = request_model(ctx, provider, call)
    if sent is None:
        return sdk.STRUCTURED_OUTPUTS, None, {"structured_models": listed}
    model, model_from = sent
    data: dict[str, object] = {"model": model}
    if model_from is not None:
        data["model_from"] = model_from
    if provider.takes_structured(model):
        others = tuple(s for s in surfaces if s != sdk.STRUCTURED_OUTPUTS)
        return decisive_surface(provider, others), None, data
    accepted = provider.params.get(_RESPONSE_FORMAT)
    json_mode = (
        f", or ask for JSON mode instead (type {_JSON_MODE}), describe the fields in the "
        "prompt and validate the reply yourself"
        if isinstance(accepted, list) and _JSON_MODE in accepted
        else ""
    )
    verdict = (
        "it asks for structured outputs (response_format json_schema); "
        f"{unlisted_words(provider, sent, listed, 'this call')}: use one of "
        f"those models{json_mode}, by hand (see {provider.docs})"
    )
    data["structured_models"] = listed
    return sdk.STRUCTURED_OUTPUTS, (Severity.ERROR, FixClass.MANUAL, verdict), data


def unlisted_words(
    provider: Provider, sent: tuple[str, str | None], listed: list[str], subject: str
) -> str:
    """What is said of a request for structured outputs (`subject`: "this call") whose model
    (`request_model`'s `sent`) the provider's file does not list among those taking
    json_schema (`structured_models`)."""
    model, model_from = sent
    shown = model if model_from is None else f"{model}, to which apply maps {model_from},"
    return (
        f"{shown} does not take it ({provider.name}'s file names the models that do: "
        f"{', '.join(listed)}), so {subject} fails on every run (HTTP 400)"
    )


def unknown_model_words(provider: Provider, facts: dict[str, object]) -> str:
    """`support_verdict`'s `takes` where `structured_model_verdict` names the models taking
    json_schema (its `facts`) but not the request's, not known here; empty otherwise."""
    listed = facts.get("structured_models")
    if "model" in facts or not isinstance(listed, list):
        return ""
    return (
        f"{provider.name}'s file names the models that take json_schema: "
        f"{', '.join(listed)}; check that this call's model is one of them"
    )


def request_verdict(
    ctx: PythonContext,
    provider: Provider,
    request: tuple[cst.Call, CallInfo],
    surfaces: tuple[str, ...],
    surface: str,
    stays: str,
    limits: tuple[str, list[str]] | None,
    by_model: bool,
    goes: str = "",
) -> tuple[str, dict[str, object], Verdict, bool]:
    """(the surface, the finding's data, the verdict, whether it is the request model's) of
    an SDK request on the provider (ML101, ML102): `structured_outputs` judged by the
    request's model where the provider's file lists the models taking json_schema (`by_model`
    and the request not left on OpenAI: `stays`), else `support_verdict`'s (`goes`: the
    run-time value its client's base URL comes from, `given_urls.run_time_url`)."""
    call, info = request
    data = call_data(info, surface)
    takes = limits[0] if limits else ""
    judged: Verdict | None = None
    if surface == sdk.STRUCTURED_OUTPUTS and by_model and not stays:
        surface, judged, facts = structured_model_verdict(ctx, provider, call, surfaces)
        data = {**call_data(info, surface), **facts}
        takes = unknown_model_words(provider, facts) or takes
    base = partial_base(ctx, call, provider, surface) or ctx.rules.base_url or ""
    verdict = judged or support_verdict(
        provider, surface, ctx.rules.registry, stays, takes, goes, base
    )
    data = with_doubt(data, provider, surface)
    if judged is None and verdict[1] is FixClass.MANUAL and surface in provider.partial:
        data["partial"] = provider.partial[surface].to_json()  # what ML101's message names
    return surface, data, verdict, judged is not None


def partial_base(ctx: PythonContext, call: cst.Call, provider: Provider, surface: str) -> str:
    """The base URL under which `provider` serves the part of `surface` it serves
    (`[partial.<surface>]`: DeepSeek's `/beta`) where every client the request `call` goes
    through is given it (a literal, or an environment read's default); "" otherwise."""
    part = provider.partial.get(surface)
    clients = ctx.request_clients(call)
    if part is None or not part.base_url or not clients:
        return ""
    for client in clients:
        value = setting(ctx, client, "base_url") if client is not None else None
        if value is None or value is UNKNOWN_SETTING:
            return ""
        literal = ctx.resolve_literal(value)
        if literal is None or literal[1].rstrip("/") != part.base_url.rstrip("/"):
            return ""
    return part.base_url


def with_doubt(data: dict[str, object], provider: Provider, surface: str) -> dict[str, object]:
    """A call finding's `data` with `unconfirmed` (`support_doubt`) where the provider's file
    marks its support for `surface` uncertain."""
    doubt = support_doubt(provider, surface)
    return {**data, "unconfirmed": doubt} if doubt else data


def support_verdict(
    provider: Provider,
    surface: str,
    registry: Registry | None = None,
    stays: str = "",
    takes: str = "",
    goes: str = "",
    base: str = "",
) -> tuple[Severity, FixClass, str]:
    """How a call to `surface` fares on `provider`, from its [supports] table; for an API it
    lacks, the catalogued providers that have it (`stays`: why its client stays on OpenAI,
    so that the call goes on there: a client apply leaves, `unserved_only`, or the
    module-level client apply leaves unconfigured), and, where OpenAI's file says it shut
    the API down as well (`shut_down_apis`), that the call fails there too. Support the file
    states but marks uncertain says so, with the file's reason. `takes`: what the API takes
    of the call's input where the file narrows it (`transcription_limits`): a warning where
    it is served. `goes`: the value, decided at run time, its client takes its base URL
    from (the provider's URL at most its fallback: `given_urls.run_time_url`): an API the
    provider lacks fails only where that value is the provider's, a warning saying so. An API
    served in part whose file says what it serves (`[partial.<surface>]`) gets those words
    (`partial_offer`, the rest at `base`, the run's base URL)."""
    support = provider.support(surface)
    accepted = schema_refused(provider) if surface == sdk.STRUCTURED_OUTPUTS else None
    if accepted is not None and not stays:
        json_mode = (
            f"ask for JSON mode instead (type {_JSON_MODE}), describe the fields in the prompt "
            "and validate the reply yourself"
            if _JSON_MODE in accepted
            else "drop the schema, ask for the JSON in the prompt and parse the reply yourself"
        )
        return (
            Severity.ERROR,
            FixClass.MANUAL,
            "it asks for structured outputs (response_format json_schema); "
            f"{schema_refused_words(provider, accepted, 'this call')}: {json_mode}, by hand "
            f"(see {provider.docs})",
        )
    if support is True:
        doubt = support_doubt(provider, surface)
        unconfirmed = f", unconfirmed ({doubt})" if doubt else ""
        served = f"supported by {provider.name}{unconfirmed}"
        if takes:
            return Severity.WARNING, FixClass.MANUAL, f"{served}; {takes}, by hand"
        if doubt and not stays:  # a fact its file doubts: a person tries the call (t64f)
            return (
                Severity.WARNING,
                FixClass.MANUAL,
                f"{served}; test this call (see {provider.docs})" + _instead(provider, surface),
            )
        return Severity.NOTE, FixClass.NONE, served
    if support is False and registry and surface in provider.shut_down:
        # `--provider openai`, the API OpenAI shut down: no switch is the matter
        day = provider.shut_down[surface].on.isoformat()
        return (
            Severity.ERROR,
            FixClass.MANUAL,
            f"the {surface} API was shut down on {provider.name} on {day}, so "
            f"this call fails: {move_words(provider, None, surface)} (see {provider.docs}); "
            f"{offered_by(provider, surface, registry)}",
        )
    if support is False:
        instead = f"; {offered_by(provider, surface, registry)}" if registry else ""
        # an API OpenAI shut down too (the Assistants API): the call fails there as well
        gone = (
            shut_down_words(registry.openai, provider, (surface,), "this call") if registry else ""
        )
        if stays and goes and not gone:
            fate = (
                f"{stays}, so this call goes where `{goes}` points at run time (OpenAI's URL "
                "where that is empty)"
            )
        elif stays:
            fate = f"{stays}, but {gone}" if gone else f"{stays}, so this call still goes there"
        elif goes:
            # a server the program's settings name (MaxKB's SiliconFlow client, t64a)
            fate = (
                f"this call goes where `{goes}` points at run time, and fails where that is "
                f"{provider.name}'s URL (or empty, where it falls back to it)"
                + (f"; {gone}" if gone else "")
            )
        else:
            fate = "this call fails after the switch" + (f"; {gone}" if gone else "")
        return (
            Severity.WARNING if goes and not gone else Severity.ERROR,
            FixClass.MANUAL,
            f"{lacks_api(provider, surface)}; {fate} (see {provider.docs}){instead}",
        )
    if stays:  # partly served, but its client is left on OpenAI: nothing to test there
        return (
            Severity.NOTE,
            FixClass.NONE,
            f"{support_words(provider, surface)}; {stays}, so this call still goes there",
        )
    test = f"{takes}, then test it" if takes else "test this call"
    part = provider.partial.get(surface)
    here = (
        part is not None and bool(part.base_url) and base.rstrip("/") == part.base_url.rstrip("/")
    )
    offer = partial_offer(provider, surface, base or provider.base_url)
    if part is not None and here:  # the client is given the base URL serving it already
        return (
            Severity.WARNING,
            FixClass.MANUAL,
            f"{provider.name} serves {surface} at this base URL ({part.base_url}) only as "
            f"{part.only}; {test} (see {provider.docs})",
        )
    if offer is not None:  # what the file says it serves of it (`[partial.<surface>]`)
        doubt = support_doubt(provider, surface)
        return (
            Severity.WARNING,
            FixClass.MANUAL,
            f"{offer}{f' ({doubt})' if doubt else ''}; {_partial_moves(provider, surface)}, by "
            f"hand, then {'test it' if not takes else f'{takes} and test it'} "
            f"(see {provider.docs})",
        )
    return (
        Severity.WARNING,
        FixClass.MANUAL,
        f"{support_words(provider, surface)}; {test} (see {provider.docs})"
        + _instead(provider, surface),
    )


def _partial_moves(provider: Provider, surface: str) -> str:
    """What a person does with a request to an API `provider` serves in part
    (`[partial.<surface>]`): point its client at the base URL serving it (for what it
    serves), or move it to the API serving the rest."""
    part = provider.partial[surface]
    moves = []
    if part.base_url:
        moves.append(f"point this call's client at {part.base_url}")
    if part.instead:
        moves.append(f"move the call to {part.instead}")
    return " or ".join(moves) or "keep the call to what it serves"


def _instead(provider: Provider, surface: str) -> str:
    """For a Responses API call where the provider's file does not confirm the API (unknown,
    or true but marked uncertain): the chat completions call to use if the provider has none
    (json_object for structured output, where the file says the provider takes it)."""
    support = provider.support(surface)
    doubted = support is True and support_doubt(provider, surface) is not None
    if surface != "responses" or (support != "unknown" and not doubted):
        return ""
    json = provider.support("json_mode") in (True, "partial")
    structured = (
        ', with response_format={"type": "json_object"} for structured output (which '
        f"{provider.name} takes)"
        if json
        else ""
    )
    return (
        f"; the call goes to /responses, and without it there use chat.completions.create "
        f"instead{structured}"
    )


def transcription_limits(provider: Provider, path: str) -> tuple[str, list[str]] | None:
    """What `provider`'s transcription API takes, for a transcription request (`path`:
    `sdk.TRANSCRIPTION_PATHS`), from its file (`[params] transcription_formats`, and the most
    of one file, `transcription_max_mb`, `transcription_max_seconds`): `Zhipu AI (GLM)
    transcribes .wav and .mp3 files only, of at most 25 MB and 30 seconds: convert other audio
    to one of them and split longer audio before this call`, with the formats; None for
    another request or where the file lists no formats."""
    path = ".".join(p for p in path.split(".") if p not in sdk.RESPONSE_WRAPPERS)
    formats: list[str] = provider.params.get("transcription_formats") or []
    if path not in sdk.TRANSCRIPTION_PATHS or not formats:
        return None
    named = [f".{f}" for f in formats]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    most = [
        f"{value} {unit}"
        for key, unit in (("transcription_max_mb", "MB"), ("transcription_max_seconds", "seconds"))
        if (value := provider.params.get(key)) is not None
    ]
    limit = f", of at most {' and '.join(most)}" if most else ""
    split = " and split longer audio" if provider.params.get("transcription_max_seconds") else ""
    one = "it" if len(named) == 1 else "one of them"
    words = (
        f"{provider.name} transcribes {listed} files only{limit}: convert other audio to {one}"
        f"{split} before this call"
    )
    return words, formats


def shown_call(ctx: PythonContext, call: cst.Call, info: CallInfo) -> str:
    """How a finding names the request `call`: `chat.completions.create()`, with the value
    that puts it on another API's surface where it writes one (`value_surface`):
    `files.create(purpose="assistants") (for the assistants API)`."""
    valued = value_surface(ctx, call, info)
    if valued is None:
        return f"{info.path}()"
    name, value, surface = valued
    return f'{info.path}({name}="{value}") (for the {surface} API)'


def refused_value(
    ctx: PythonContext, provider: Provider, call: cst.Call, info: CallInfo
) -> tuple[str, dict[str, object]] | None:
    """A value written in `call` (a literal or a constant) that the provider's file lists
    others for (`sdk.LISTED_VALUES`: Moonshot's files API takes purpose "file-extract", not
    "assistants"): what to say (with the file's reason where it marks the list uncertain)
    and the finding's data. None where it is accepted, not known, or not listed."""
    path = ".".join(p for p in info.path.split(".") if p not in sdk.RESPONSE_WRAPPERS)
    for (listed_path, name), key in sdk.LISTED_VALUES.items():
        accepted: list[str] = provider.params.get(key) or []
        arg = keyword(call, name) if listed_path == path and accepted else None
        resolved = ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is None or resolved[1] in accepted:
            continue
        value = resolved[1]
        reason = provider.uncertain.get(f"params.{key}")
        message = (
            f'{provider.name} does not accept {name}="{value}" (accepted: '
            f"{', '.join(accepted)}): this call fails after the switch; change it by hand"
        )
        if reason:
            message += f" (unconfirmed: {reason})"
        return message, {name: value}
    return None


def untraced_call(ctx: PythonContext, call: cst.Call) -> CallInfo | None:
    """A request shaped as the SDK's through a client a module that does not import openai
    does not trace (`untraced_request`, as ML206 reads it: `self.llm.aclient.images.generate(
    ...)` on a client built in another module), as a probable SDK call; None where its
    receiver is built here (by a class not OpenAI's: `client = ZhipuAI()`) or its model, as
    written, is neither an OpenAI model nor the provider's (another SDK's request)."""
    shaped = untraced_request(ctx, call)
    if shaped is None or shaped[0] not in sdk.TELLTALE_SURFACES:
        return None
    assert isinstance(call.func, cst.Attribute)
    nodes, attrs = flatten(call.func)
    i = next(i for i in range(len(attrs)) if match_surface(attrs[i:]) is not None)
    matched = match_surface(attrs[i:])
    assert matched is not None
    if _built_here(ctx, nodes[i]):
        return None
    arg = keyword(call, "model")
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if resolved is not None and (resolved[2] == "literal" or resolved[2].startswith("constant ")):
        model, rules = resolved[1], ctx.rules
        provider = rules.provider
        if not (
            model in rules.models
            or rules.openai.serves(model)
            or (provider is not None and provider.serves(model))
        ):
            return None
    return CallInfo("probable", matched[0], ".".join(attrs[i:]), matched[1])


def _built_here(ctx: PythonContext, receiver: cst.BaseExpression) -> bool:
    """Whether `receiver` is, or is a name or `self.` attribute bound to, the construction of
    a class in this module (`ZhipuAI()`: a name in capitals called)."""
    if isinstance(receiver, cst.Name):
        values = [ctx.bound_value(receiver)]
    elif self_attribute(receiver):
        assert isinstance(receiver, cst.Attribute)
        values = list(ctx.self_values(receiver))
    else:
        values = [receiver]
    return any(isinstance(v, cst.Call) and (last_name(v.func) or "a")[:1].isupper() for v in values)


class ClientCall(PythonRule):
    """A request made through an OpenAI client.

    ## What it does
    Lists every call through a client: `client.chat.completions.create`, `embeddings`,
    `images`, `audio`, `moderations`, `responses`, `beta.*`, `files`, `batches`,
    `fine_tuning`. Clients are traced through the names they are bound to in the same module
    (globals, function locals, `self.` attributes, annotated parameters); an SDK-shaped call
    on a receiver it cannot trace is reported as probable when the module imports openai:
    `create`/`parse`/`stream` on chat, completions, embeddings, images, audio or responses
    (khoj's chat helpers get their client from another module's factory), and any
    call under `beta.` (`client.beta.threads.create()`), a namespace only the SDK has; when
    switching, not one whose model, as written, is neither an OpenAI model nor the
    provider's (another service's client, t68g: Skyvern's `app.YUTORI_CLIENT`). A
    module that does not import openai gets the same for such a request through a client it
    neither builds nor traces (`self.llm.aclient.images.generate(...)`, MetaGPT's client held
    by another object), as ML206 reads one: a receiver, the resource path of chat,
    completions, embeddings, images or responses and one of those methods; not where the
    receiver is a class built in the module (`client = ZhipuAI()`) or the model written in
    the call is neither OpenAI's nor the provider's (another SDK's request). A client bound
    to `x if c else y` is traced where both branches are that client, or one is and the
    other `None` (`OpenAI(...) if KEY else None`). A client the module builds as Azure's on
    one path and as another on another (`self.client = OpenAI()` in `__init__`, replaced by
    `AzureOpenAI()` in `use_azure()`) is named by each construction and its line. A
    method passed uncalled to a call that forwards arguments to it
    (`retry(client.completions.create, **kwargs)`, `functools.partial(..., model=m)`, as
    openai/evals does) counts as a call too, and so does one handed to a function calling it
    with the arguments given (`openai_sdk.CALL_WRAPPERS`: asgiref's `sync_to_async(client.
    audio.translations.create)(model=m, file=f)`, khoj's voice input, t55a; `asyncio.
    to_thread(method, ...)`, `functools.partial(method, ...)`), reported `(by
    sync_to_async())`: that call is the method's request, its keywords the request's, for
    every rule; and the function an event loop's `run_in_executor(None, method, f)` runs. So
    does, where the provider does not plainly serve its API (it lacks it: an error; its file
    marks it partial or unknown: a warning, as for a call), any other reference to a request
    method of a client (`openai_sdk.REFERENCED_REQUEST_METHODS`: `create`, `parse`,
    `stream`, `generate`...) that is not called there: handed to a helper that calls it
    (`self._call(self.client.responses.create, params)`, DocsGPT's tool fallback), stored or
    returned as a callback (`HANDLERS = {"draw": client.images.generate}`); one bound to a
    name the module calls (`create = client.embeddings.create`, then `create(...)`) is
    reported at that call. A reference to a served API says nothing: its parameters are
    checked where it is called.

    Every resource of the SDK's client counts (`openai_sdk.SURFACES`: also `videos`,
    `conversations`, `containers`, `evals`, `uploads`...), and so do the Responses API's
    OpenAI-only parts, each under a surface of its own: `responses.input_tokens.count`
    (responses_input_tokens), `responses.connect` and `beta.responses.connect`, its WebSocket
    mode (responses_websocket), `background=` given anything but False or None and
    `responses.cancel` (responses_background), `responses.compact` (responses_compact). A
    file uploaded for the Assistants API (`files.create(purpose="assistants")`, the value
    written or a constant: `openai_sdk.VALUE_SURFACES`) is an assistants request, reported
    `files.create(purpose="assistants") (for the assistants API)`: a client whose other
    requests are all the Assistants API's is one ML001 leaves on OpenAI (t55g's
    assistant-flask: switched for its upload, the app failed on the provider's 404s).

    ## Why
    With a provider chosen, each call is checked against what the provider supports: a call
    to an API it lacks fails after the switch. So does one that writes a value the provider's
    file lists others for (`openai_sdk.LISTED_VALUES`: `purpose=` of `files.create`, which
    Moonshot takes as "file-extract", not "assistants" or "fine-tune"): an error, manual; a
    provider whose file lists none is not checked. A request asking for structured outputs
    (`openai_sdk.STRUCTURED_HELPERS` / `STRUCTURED_ARGUMENTS`: `chat.completions.parse`,
    `responses.parse`, `chat.completions.stream(response_format=Answer)`,
    `responses.stream(text_format=Answer)`, a `response_format` or `text` dict of type
    `json_schema`) needs the provider's `structured_outputs` as well as its API: the less
    supported of the two decides the verdict and the finding's `surface` (not a parse helper
    given a format dict of another type, `response_format={"type": "json_object"}`, which it
    sends as it is, nor one given no format at all, `parse(tools=[pydantic_function_tool(Q)])`,
    which sends only its tools, strict: ML111 says what the provider's file says of those,
    t58e). Where the provider's `[params] response_format` lists its types without
    json_schema (not marked uncertain, its structured outputs not "partial"), such a request
    fails on every run (GLM: HTTP 400), as ML635 says of an Agent's output type: an error,
    manual, naming the types and JSON mode instead; where the file marks its structured
    outputs uncertain (DeepSeek: a reseller saw json_schema accepted but not enforced; Kimi:
    claimed for one model by one reseller), the message says the type is undocumented, quotes
    the file's reason and that the schema is not guaranteed (the same error). ML111 then says
    nothing more of the json_schema `response_format` it reads in the call. Where the file
    says only some of its models take json_schema (`[supports] structured_outputs =
    "partial"` with `[params] structured_models`: Qwen's qwen4-max, qwen3.8-max), the
    request's model decides, as written (a literal or a module constant), as apply maps it in
    the same run, or the provider's as an earlier apply wrote it: a model the file lists gets
    the verdict of the request's API alone; one it does not list fails on every run (HTTP 400:
    gpt-4o-mini mapped to qwen-plus), an error, manual, naming the models that take it and
    JSON mode instead; a model not known here (a parameter, an environment read) keeps the
    warning below, with the list; data `model`, `model_from`, `structured_models`. ML111
    says nothing of its json_schema `response_format` either. Support marked
    partial or unconfirmed (`"unknown"`, or a surface the provider's file does not state) is
    a warning that keeps `check` failing, with the reason the provider's file gives
    (`[uncertain]`): a person must try the call. An API served in part whose file says what
    it serves (`[partial.<surface>]`) gets those words instead (DeepSeek's completions:
    fill-in-the-middle only, non-thinking, under its `/beta` base, chat for the rest), with
    what to do: point the call's client at that base URL or move the call to that API (a
    client given that base URL already, as a literal or a variable's default: what it serves
    there); `data` carries the table as `partial`. Support the file states but marks uncertain
    says so, with the file and its reason; `data` carries it as `unconfirmed`. Stated support
    so marked is a warning too, manual, to test the call (`supported by DeepSeek, unconfirmed
    (providers/deepseek.toml: listed as supported on the pricing page; ...); test this call`,
    with the chat completions call to use instead for a Responses API request), where it was a
    note and `check` passed while the program's only request went to /responses (t64f); a
    stated lack stays an error (`has no OpenAI-compatible ... API, unconfirmed (...)`).

    litellm's `completion` / `acompletion` (and a Router's, built in the module) given
    `response_format=` a class (pydantic: litellm sends its schema as json_schema) or a dict of
    type json_schema (`frameworks.litellm.STRUCTURED_ARGUMENT`) needs the same, where its
    requests go to the provider (an OpenAI model ML640 moves, the provider's own route, a
    Router deployment on either): reported with the same verdict, `completion() through
    litellm`, where the provider does not plainly serve structured outputs (t59e: babyagi's
    packs on qwen-plus, HTTP 400 "json_schema is not supported" after a green `check`); a
    model chosen at run time counts where the module shows it is the provider's
    (`litellm_structured.on_route`: the program's own test of the provider's route decides
    what reaches the provider, around the call or its key and base URL, t67a AutoAgent; a
    model built on the route; a value given on it), else it is not read.

    A transcription request (`audio.transcriptions.create`, `audio.translations.create`) to a
    provider whose file lists the audio files it takes (`[params] transcription_formats`, with
    `transcription_max_mb` and `transcription_max_seconds`) says which, in place of a bare
    "test this call": a warning left to a person (manual) even where the API is served
    (Telegram's .oga voice notes went to Zhipu, which takes .wav and .mp3); data
    `audio_formats`.

    A request to an API the provider lacks in code run only where the program's own choice of
    service is OpenAI (`if provider == "openai":`, `if self.provider == "openai":`, a call of
    the module's function returning such a test, a private function called only there:
    `openai_branches`) still goes to OpenAI after apply: a note (gptme's Responses requests),
    unless a client it may go through is one apply points at the provider. One through a
    client whose base URL is a value decided at run time, the provider's URL at most its
    fallback (`given_urls.run_time_url`: MaxKB's stored `self.api_base`, t64a), goes where
    that value points: a warning saying so (data `base_url_from`), not an error.
    """

    code = "ML101"
    name = "client-call"
    category = "api-call"
    severity = Severity.NOTE
    fix = FixClass.NONE
    examples = (
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.create(model=m, messages=[])\n",
            message="chat.completions.create() through an OpenAI client",
        ),
        # t64a: MaxKB's SiliconFlow client, its URL a stored setting: the call goes there
        Example(
            "from openai import OpenAI\n\n\n"
            "def listen(base_url, f, q):\n"
            "    client = OpenAI(base_url=base_url)\n"
            '    client.audio.transcriptions.create(model="whisper-1", file=f)\n'
            '    return client.chat.completions.create(model="gpt-4o", messages=q)\n',
            provider="acme",
            message="audio.transcriptions.create() through an OpenAI client; Acme Cloud has no "
            "OpenAI-compatible audio API; this call goes where `base_url` points at run time, "
            "and fails where that is Acme Cloud's URL (or empty, where it falls back to it) "
            "(see https://docs.acme.example/openai); siliconflow offers it",
        ),
        Example(
            "from openai import OpenAI\n"
            "class Bot:\n"
            "    def __init__(self):\n"
            "        self.client = OpenAI()\n"
            "    def image(self, p):\n"
            "        return self.client.images.generate(prompt=p)\n",
            provider="acme",
        ),
        Example(
            "import openai\n"
            "def ask(client, q):\n"
            "    return client.chat.completions.create(model=m, messages=q)\n",
            message="chat.completions.create() on `client`, which looks like an OpenAI client "
            "(not traced to its construction)",
        ),
        Example(
            "import openai\n"
            "def start(client):\n"
            "    return client.beta.threads.runs.list(thread_id=t)\n",
            provider="acme",
            message="beta.threads.runs.list() on `client`, which looks like an OpenAI client "
            "(not traced to its construction); Acme Cloud has no OpenAI-compatible assistants "
            "API; this call fails after the switch; the assistants API was shut down on OpenAI "
            "on 2026-08-26, so this call fails there as well: it needs a manual move to the "
            "responses API (on OpenAI) (see https://docs.acme.example/openai); no catalogued "
            "provider offers it",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "image = with_retries(client.images.generate, prompt=p)\n",
            provider="acme",
            message="images.generate() (by with_retries()) through an OpenAI client; Acme Cloud "
            "has no OpenAI-compatible images API; this call fails after the switch (see "
            "https://docs.acme.example/openai); doubao, ernie, siliconflow, zhipu offer it",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "same_signature(client.chat.completions.create, client.chat.completions.parse)\n",
            provider="acme",
            finds=False,
        ),
        # t49e: DocsGPT's `_create_with_tool_fallback(self.client.responses.create, ...)`
        Example(
            "from openai import OpenAI\n\n\nclass LLM:\n    def __init__(self):\n"
            "        self.client = OpenAI()\n\n    def _call(self, fn, params):\n"
            "        return fn(**params)\n\n    def gen(self, m, t):\n"
            '        return self._call(self.client.responses.create, {"model": m, "input": t})\n',
            provider="acme",
            message="responses.create() (passed to self._call()) through an OpenAI client; Acme "
            "Cloud has no OpenAI-compatible responses API; this call fails after the switch (see "
            "https://docs.acme.example/openai); azure, deepseek, doubao, qwen offer it",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'HANDLERS = {"chat": client.chat.completions.create, "draw": client.images.generate}\n',
            provider="acme",
            message="images.generate() (referenced here, called elsewhere) through an OpenAI "
            "client; Acme Cloud has no OpenAI-compatible images API; this call fails after the "
            "switch (see https://docs.acme.example/openai); doubao, ernie, siliconflow, zhipu "
            "offer it",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "ask = run_with_timeout(client.chat.completions.create)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import openai\n\n\ndef answer(client, q):\n"
            "    return client.responses.create(model=m, input=q)\n",
            provider="acme",
            message="responses.create() on `client`, which looks like an OpenAI client (not "
            "traced to its construction); Acme Cloud has no OpenAI-compatible responses API; "
            "this call fails after the switch (see https://docs.acme.example/openai); azure, "
            "deepseek, doubao, qwen offer it",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'client.files.create(file=f, purpose="fine-tune")\n',
            provider="acme",
            message="files.create() through an OpenAI client; Acme Cloud does not accept "
            'purpose="fine-tune" (accepted: file-extract, batch): this call fails after the '
            "switch; change it by hand",
        ),
        # t64f: support its file states but doubts is a warning to try the call
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'client.responses.create(model=m, input="hi")\n',
            provider="deepseek",
            message="responses.create() through an OpenAI client; supported by DeepSeek, "
            "unconfirmed (providers/deepseek.toml: listed as supported on the pricing page; the "
            "endpoint path is not on an official page); test this call (see "
            "https://api-docs.deepseek.com); the call goes to /responses, and without it there "
            'use chat.completions.create instead, with response_format={"type": "json_object"} '
            "for structured output (which DeepSeek takes)",
        ),
        # t68d: promptflow's completions node; DeepSeek serves /completions as FIM under /beta
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.completions.create(model=m, prompt=text, max_tokens=50)\n",
            provider="deepseek",
            message="completions.create() through an OpenAI client; DeepSeek serves completions "
            "only at https://api.deepseek.com/beta/completions (another base URL), as "
            "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode; its chat "
            "API serves the rest at https://api.deepseek.com/chat/completions (the prompt as a "
            "user message, the reply in choices[0].message.content); point this call's client "
            "at https://api.deepseek.com/beta or move the call to chat, by hand, then test it "
            "(see https://api-docs.deepseek.com)",
        ),
        # t50c: the bot sent Telegram's .oga voice notes; Zhipu takes .wav and .mp3
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.audio.transcriptions.create(model=m, file=voice)\n",
            provider="zhipu",
            message="audio.transcriptions.create() through an OpenAI client; Zhipu AI (GLM)'s "
            "audio support is partial (providers/zhipu.toml: transcription (glm-asr-2512) is on "
            "Z.ai's API reference; the BigModel (cn) page was not read, and speech is in the "
            "SDKs only); Zhipu AI (GLM) transcribes .wav and .mp3 files only, of at most 25 MB "
            "and 30 seconds: convert other audio to one of them and split longer audio before "
            "this call, then test it (see "
            "https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.stream(model=m, messages=q, response_format=Answer)\n",
            provider="acme",
            message="chat.completions.stream() through an OpenAI client; it asks for structured "
            "outputs (response_format json_schema); Acme Cloud does not accept that type "
            "(accepted response_format types: text, json_object), whatever the schema's "
            "strictness, so this call fails on every run: ask for JSON mode instead (type "
            "json_object), describe the fields in the prompt and validate the reply yourself, "
            "by hand (see https://docs.acme.example/openai)",
        ),
        # s62: qwen-plus (gpt-4o-mini's) is not among the models taking json_schema
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'client.chat.completions.parse(model="gpt-4o-mini", messages=q, response_format=A)\n',
            provider="qwen",
            message="chat.completions.parse() through an OpenAI client; it asks for structured "
            "outputs (response_format json_schema); qwen-plus, to which apply maps gpt-4o-mini, "
            "does not take it (Alibaba Qwen (DashScope / Model Studio)'s file names the models "
            "that do: qwen4-max, qwen3.8-max), so this call fails on every run (HTTP 400): use "
            "one of those models, or ask for JSON mode instead (type json_object), describe the "
            "fields in the prompt and validate the reply yourself, by hand (see "
            "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-"
            "dashscope)",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'client.chat.completions.parse(model="gpt-4o", messages=q, response_format=A)\n',
            provider="qwen",
            message="chat.completions.parse() through an OpenAI client; supported by Alibaba "
            "Qwen (DashScope / Model Studio)",
        ),
        # t59e D1: babyagi's function packs, `completion(..., response_format=Decision)`
        Example(
            "from litellm import completion\nfrom pydantic import BaseModel\n\n\n"
            "class Decision(BaseModel):\n    name: str\n\n\n"
            "def decide(q):\n"
            '    return completion(model="gpt-4o-mini", messages=q, response_format=Decision)\n',
            provider="acme",
            message="completion() through litellm; it asks for structured outputs "
            "(response_format json_schema); Acme Cloud does not accept that type (accepted "
            "response_format types: text, json_object), whatever the schema's strictness, so "
            "this call fails on every run: ask for JSON mode instead (type json_object), "
            "describe the fields in the prompt and validate the reply yourself, by hand (see "
            "https://docs.acme.example/openai)",
        ),
        Example(  # t67a: a model chosen at run time, the key given on the route only
            "import os\n\nimport litellm\nfrom pydantic import BaseModel\n\n\n"
            "class Answer(BaseModel):\n    city: str\n\n\n"
            "def ask(model, q):\n"
            '    params = {"model": model, "messages": q, "response_format": Answer}\n'
            '    if model.startswith("acme/"):\n'
            '        params["api_key"] = os.environ["ACME_API_KEY"]\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            message="litellm.completion() through litellm; it asks for structured outputs "
            "(response_format json_schema); Acme Cloud does not accept that type (accepted "
            "response_format types: text, json_object), whatever the schema's strictness, so "
            "this call fails on every run: ask for JSON mode instead (type json_object), "
            "describe the fields in the prompt and validate the reply yourself, by hand (see "
            "https://docs.acme.example/openai)",
        ),
        Example(
            "import litellm\n\n"
            'FORM = {"type": "json_schema", "json_schema": {"name": "A", "schema": {}}}\n'
            'router = litellm.Router(model_list=[{"model_name": "fast", "litellm_params": '
            '{"model": "gpt-4o-mini"}}])\n\n\n'
            "async def ask(q):\n"
            '    return await router.acompletion(model="fast", messages=q, response_format=FORM)\n',
            provider="acme",
            message="router.acompletion() through litellm; it asks for structured outputs "
            "(response_format json_schema); Acme Cloud does not accept that type (accepted "
            "response_format types: text, json_object), whatever the schema's strictness, so "
            "this call fails on every run: ask for JSON mode instead (type json_object), "
            "describe the fields in the prompt and validate the reply yourself, by hand (see "
            "https://docs.acme.example/openai)",
        ),
        Example(
            "import litellm\n\n\ndef ask(q, form):\n"
            '    litellm.completion(model="gpt-4o-mini", messages=q, response_format=form)\n'
            '    return litellm.completion(model="gpt-4o-mini", messages=q, response_format='
            '{"type": "json_object"})\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n"
            'client.chat.completions.parse(model=m, messages=q, response_format={"type": '
            '"json_object"})\n',
            provider="acme",
            message="chat.completions.parse() through an OpenAI client; supported by Acme Cloud",
        ),
        Example(
            "class Text2Image:\n    def __init__(self, llm):\n        self.llm = llm\n\n"
            "    async def draw(self, text):\n"
            "        return await self.llm.aclient.images.generate(prompt=text)\n",
            provider="acme",
            message="images.generate() on `self.llm.aclient`, which looks like an OpenAI client "
            "(not traced to its construction); Acme Cloud has no OpenAI-compatible images API; "
            "this call fails after the switch (see https://docs.acme.example/openai); doubao, "
            "ernie, siliconflow, zhipu offer it",
        ),
        # t49a: bilingual_book_maker's translator, Azure only after use_azure()
        Example(
            "from openai import AzureOpenAI, OpenAI\n\n\nclass Bot:\n"
            "    def __init__(self, key):\n        self.client = OpenAI(api_key=key)\n\n"
            "    def use_azure(self, url):\n"
            "        self.client = AzureOpenAI(azure_endpoint=url, api_version=V)\n\n"
            "    def ask(self, q):\n"
            "        return self.client.chat.completions.create(model=m, messages=q)\n",
            message="chat.completions.create() through a client built as OpenAI() (line 6) or "
            "AzureOpenAI() (line 9)",
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI() if KEY else None\n"
            "client.images.generate(prompt=p)\n",
            provider="acme",
            message="images.generate() through an OpenAI client; Acme Cloud has no "
            "OpenAI-compatible images API; this call fails after the switch (see "
            "https://docs.acme.example/openai); doubao, ernie, siliconflow, zhipu offer it",
        ),
        # t58b: a method passed to a helper gets the verdict of a call, a warning where the
        # provider's file does not confirm its API
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n\n\ndef forward(method, body):\n"
            "    return method(**body)\n\n\nforward(client.completions.create, body)\n",
            provider="acme",
            message="completions.create() (passed to forward()) through an OpenAI client; Acme "
            "Cloud's completions support is unconfirmed (its provider file does not state it); "
            "test this call (see https://docs.acme.example/openai)",
        ),
        Example(
            'def draw(client, p):\n    return client.images.generate(model="flux-dev", prompt=p)\n',
            provider="acme",
            finds=False,
        ),
        # MoneyPrinterTurbo's Gemini branch before its OpenAI client (t52k)
        Example(
            "from google import genai\nfrom openai import OpenAI\n\n\ndef ask(key, prompt):\n"
            "    with genai.Client(api_key=key) as client:\n"
            '        client.models.generate_content(model="gemini-2.0-flash", contents=prompt)\n'
            "    client = OpenAI()\n"
            '    return client.chat.completions.create(model="acme-large", messages=prompt)\n',
            provider="acme",
            message="chat.completions.create() through an OpenAI client; supported by Acme Cloud",
        ),
        # t51f: gptme sends Responses requests only where its provider is openai
        Example(
            "def answer(provider, client, q):\n"
            '    if provider == "openai":\n'
            "        return client.responses.create(model=m, input=q)\n"
            "    return client.chat.completions.create(model=m, messages=q)\n",
            provider="acme",
            message="responses.create() on `client`, which looks like an OpenAI client (not "
            "traced to its construction); Acme Cloud has no OpenAI-compatible responses API, "
            "but the call stands in code run only where the program's service is OpenAI (`if "
            'provider == "openai"`), which still goes to OpenAI after apply: left as it is',
        ),
        Example("def start(engine):\n    return engine.beta.threads.create()\n", finds=False),
        Example(
            "from zhipuai import ZhipuAI\nclient = ZhipuAI()\n"
            "client.chat.completions.create(model=m, messages=[])\n",
            finds=False,
        ),
        Example("self.files.create(name)\n", finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._called: set[int] = set()  # the callees of the calls met so far

    def visit_Call(self, node: cst.Call) -> None:
        self._called.add(id(node.func))  # met before its callee (`visit_Attribute`)
        info = self.ctx.sdk_call(node) or untraced_call(self.ctx, node)
        if info is None:
            self._litellm_schema(node)
        method = self.ctx.callee(node) if info is not None else node.func
        wrapped = self.ctx.wrapped_method(node) if method is not node.func else None
        if method is node.func:
            self._request(node, node.func, info)
        elif wrapped is not None:  # `sync_to_async(client.audio.translations.create)(...)`
            by = f" (by {self.snippet(wrapped[1].func)}())"
            self._request(node, node.func, info, by, method)
        else:  # `completion(...)` for `completion = client.chat.completions.create`
            self._request(node, node.func, info, f" (as {self.snippet(node.func)}())", method)
        # `retry(client.completions.create, model=m, **kw)`: `retry` calls it with what it
        # forwards (a call given methods alone compares or registers them); the loop's
        # `run_in_executor(None, client.x.create)` calls it too
        for arg in node.args:
            value = arg.value
            if value is method:
                continue  # the wrapper's request, reported above
            if isinstance(value, cst.Attribute) and (_forwarded(node, arg) or _executed(node, arg)):
                callee = self.snippet(node.func)
                self._request(node, value, self.ctx.sdk_reference(value), f" (by {callee}())")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        # `self._call(self.client.responses.create, params)` (DocsGPT), `self.send =
        # client.embeddings.create`: a request the provider lacks, wherever it is called
        provider = self.provider
        if (
            node.attr.value not in sdk.REFERENCED_REQUEST_METHODS
            or provider is None
            or id(node) in self._called
        ):
            return
        parents = self.ctx.ancestors(node)
        parent = parents[-1] if parents else None
        if isinstance(parent, cst.Attribute):
            return  # a longer chain
        by = " (referenced here, called elsewhere)"
        if isinstance(parent, cst.Arg) and isinstance(parents[-2], cst.Call):
            if _forwarded(parents[-2], parent) or _executed(parents[-2], parent):
                return  # `visit_Call`'s, whatever the provider serves
            by = f" (passed to {self.snippet(parents[-2].func)}())"
        info = self.ctx.sdk_reference(node)
        if info is None or info.kind != "client" or id(node) in self._aliased:
            return  # not a client's method, or reported where its alias is called
        self._request(cst.Call(func=node), node, info, by, reference=node)

    def _litellm_schema(self, node: cst.Call) -> None:
        """Report litellm's `completion(..., response_format=Answer)` (or a json_schema dict)
        sent to a provider whose structured outputs are not plainly served, with the verdict
        the SDK's request gets (`litellm_structured`); a served one says nothing."""
        provider = self.provider
        function = litellm_schema_request(self.ctx, node) if provider is not None else None
        if provider is None or function is None:
            return
        surface = decisive_surface(provider, ("chat", sdk.STRUCTURED_OUTPUTS))
        severity, fix, verdict = support_verdict(provider, surface, self.ctx.rules.registry)
        if fix is FixClass.NONE:
            return
        data = with_doubt({"surface": surface, "call": function}, provider, surface)
        head = f"{self.snippet(node.func)}() through litellm"
        self.report(node.func, f"{head}; {verdict}", severity=severity, fix=fix, data=data)

    @functools.cached_property
    def _aliased(self) -> frozenset[int]:
        """The SDK methods bound to a name or `self.X` whose calls the module makes
        (`create = client.embeddings.create`, then `create(...)`): reported at those calls."""
        ctx = self.ctx
        return frozenset(id(ctx.callee(n)) for n in ctx.nodes if type(n) is cst.Call)

    def _request(
        self,
        call: cst.Call,
        func: cst.BaseExpression,
        info: CallInfo | None,
        by: str = "",
        method: cst.BaseExpression | None = None,
        reference: cst.Attribute | None = None,
    ) -> None:
        """Report the request `func` makes, with the arguments of `call`; `method`: the SDK
        method it stands for. `reference`: an SDK method referenced uncalled (`call` is made
        for it, without arguments), reported only where the provider does not plainly serve
        its API (the parameter checks follow calls only)."""
        if info is None or info.kind not in ("client", "probable"):
            return
        if info.kind == "client":
            shown = shown_call(self.ctx, call, info)
            head = f"{shown}{by} through {self._client_words(call, info)}"
        else:
            receiver = self.snippet(method or func).rsplit("." + info.path, 1)[0]
            head = (
                f"{info.path}(){by} on `{receiver}`, which looks like an OpenAI client "
                "(not traced to its construction)"
            )
        surfaces = request_surfaces(self.ctx, None if reference else call, info)
        surface = decisive_surface(self.provider, surfaces)
        data = call_data(info, surface)
        if reference is not None and (
            self.provider is None
            or (surface == sdk.STRUCTURED_OUTPUTS and self.provider.support(surface) is not False)
        ):
            return  # whether a parse helper's call asks for a schema is seen where it is made
        if self.provider is None:
            self.report(func, head, data=data)
            return
        stays = self._left_words(call) if info.kind == "client" and self._client_left(call) else ""
        limits = transcription_limits(self.provider, info.path)
        goes = run_time_url(self.ctx, call) if info.kind == "client" else None
        surface, data, (severity, fix, verdict), by_model = request_verdict(
            self.ctx,
            self.provider,
            (call, info),
            surfaces,
            surface,
            stays,
            limits,
            reference is None,
            goes or "",
        )
        if goes is not None and f"`{goes}`" in verdict:
            data["base_url_from"] = goes
        branch = (
            self._openai_branch(reference or call)
            if severity is Severity.ERROR and not stays
            else None
        )
        if branch is not None:
            severity, fix = Severity.NOTE, FixClass.NONE
            model = data.get("model") if by_model else None
            verdict = self._branch_words(surface, branch, model if isinstance(model, str) else "")
            data["openai_branch"] = branch
        if limits is not None and fix is FixClass.MANUAL:
            data["audio_formats"] = limits[1]
        refused = (
            refused_value(self.ctx, self.provider, call, info) if fix is FixClass.NONE else None
        )
        if refused is not None:
            verdict, values = refused
            severity, fix, data = Severity.ERROR, FixClass.MANUAL, {**data, **values}
        if reference is not None and fix is FixClass.NONE and branch is None:
            return  # a served API: its parameters are checked where it is called
        self.report(func, f"{head}; {verdict}", severity=severity, fix=fix, data=data)

    def _openai_branch(self, node: cst.Call | cst.Attribute) -> str | None:
        """The test keeping a request (or a reference to its method) in code run only where
        the program's service is OpenAI (`openai_branches`), where no client it may go
        through is one apply points at the provider (built with OpenAI's URL); None
        otherwise."""
        test = openai_branch(self.ctx, node)
        if test is None:
            return None
        call = node if isinstance(node, cst.Call) else cst.Call(func=node)
        for source in self.ctx.request_clients(call) or ():
            if (
                source is not None
                and endpoint_of(self.ctx, source).kind == "openai"
                and not client_left(self.ctx, source)
            ):
                return None  # apply moves it: the branch now talks to the provider
        return test

    def _branch_words(self, surface: str, test: str, model: str = "") -> str:
        """ML101's verdict on a request `_openai_branch` finds (`model`: the provider model
        `structured_model_verdict` says takes no json_schema)."""
        assert self.provider is not None
        refused = surface == sdk.STRUCTURED_OUTPUTS and schema_refused(self.provider)
        doubted = support_doubt(self.provider, surface) is not None
        lacks = (
            f"{self.provider.name} does not "
            f"{'document' if doubted else 'accept'} response_format json_schema"
            if refused
            else lacks_api(self.provider, surface)
        )
        if model:
            lacks = f"{model} does not take response_format json_schema on {self.provider.name}"
        return (
            f"{lacks}, but the call stands in code run only where "
            f"the program's service is OpenAI ({test}), which still goes to OpenAI after "
            "apply: left as it is"
        )

    def _client_left(self, call: cst.Call) -> bool:
        """Whether every client the request `call` may go through is one apply leaves on
        OpenAI, its requests all to APIs the provider lacks (`unserved_only`)."""
        sources = self.ctx.request_clients(call)
        return bool(sources) and all(
            c is not None and unserved_only(self.ctx, c) is not None for c in sources or ()
        )

    def _left_words(self, call: cst.Call) -> str:
        """How a request through clients `_client_left` holds is left: on OpenAI (ML001), on
        Azure OpenAI (ML002), or on either."""
        azure = {
            bool(c.azure)
            for s in self.ctx.request_clients(call) or ()
            if s is not None and (c := self.ctx.constructed_client(s)) is not None
        }
        if azure == {True}:
            return "apply leaves its client on Azure OpenAI (ML002)"
        if azure == {True, False}:
            return "apply leaves its clients on OpenAI and Azure OpenAI (ML001, ML002)"
        return "apply leaves its client on OpenAI (ML001)"

    def _client_words(self, call: cst.Call, info: CallInfo) -> str:
        """`an OpenAI client` or `an Azure OpenAI client`; where the receiver is bound to an
        Azure client and to another (`OpenAI()` in `__init__`, `AzureOpenAI()` in
        `use_azure()`: `request_clients`), each construction: `a client built as OpenAI()
        (line 6) or AzureOpenAI() (line 9)`."""
        ctx = self.ctx
        plain = f"an {'Azure ' if info.client and info.client.azure else ''}OpenAI client"
        built = [
            (client, ctx.position(c)[0][0])
            for c in ctx.request_clients(call) or ()
            if c is not None and (client := ctx.constructed_client(c)) is not None
        ]
        if len({client.azure for client, _ in built}) < 2:
            return plain
        named = [
            f"{client.cls}() ({ctx.line_label(line)})"
            for client, line in sorted(built, key=lambda b: b[1])
        ]
        return f"a client built as {', '.join(named[:-1])} or {named[-1]}"


def _forwarded(call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` hands `call` an SDK request method that `call` calls with what it
    forwards (`retry(client.completions.create, model=m, **kw)`): a positional method
    beside a keyword or `**` argument (a call given methods alone compares or registers
    them)."""
    return (
        isinstance(arg.value, cst.Attribute)
        and arg.value.attr.value in sdk.REFERENCED_REQUEST_METHODS
        and not arg.star
        and arg.keyword is None
        and any(a.keyword is not None or a.star == "**" for a in call.args)
    )


def _executed(call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` is the function an event loop's `run_in_executor(executor, func, *args)`
    (`call`) runs: an SDK request method given second (`sdk.EXECUTOR_METHOD`)."""
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == sdk.EXECUTOR_METHOD
        and len(call.args) >= 2
        and call.args[1] is arg
        and not arg.star
        and arg.keyword is None
        and isinstance(arg.value, cst.Attribute)
        and arg.value.attr.value in sdk.REFERENCED_REQUEST_METHODS
    )


class ModuleClientCall(PythonRule):
    """A request through the openai>=1.0 module-level client (`openai.chat.completions.create`).

    ## What it does
    Finds calls such as `openai.chat.completions.create(...)` and `openai.embeddings.create`.

    ## Why
    The module-level client is configured by assignments (`openai.api_key`,
    `openai.base_url`) that may live in another module; an explicit client makes the
    endpoint visible and testable.

    ## Fix (manual; review where apply configures the client)
    Make sure the module client is configured for the provider (`apply` rewrites
    `openai.api_key = ...` and `openai.base_url = ...` where they are set), or create a client.
    In a module that configures nothing (the SDK reads OPENAI_API_KEY), `apply` sets both,
    once, after the imports (`module_client_setup`): `openai.api_key = os.environ.get(<KEY_VAR>,
    "unset")` (given None the SDK would read OPENAI_API_KEY and send OpenAI's key to the
    provider) and `openai.base_url = os.environ.get(<BASE_URL_VAR>, <URL>).rstrip("/") + "/"`,
    below a top-level `load_dotenv()`, or after the imports of the function whose own
    `import openai` every request follows. Only where the provider serves every request
    through the module-level client in the module and in the project
    (`RunFacts.module_requests`), no module sets `openai.api_key` or `openai.base_url`
    (`RunFacts.openai_configured`), the requirements do not keep openai<1, and the module
    runs as a program (a top-level call or request, `if __name__ == "__main__":`; not a
    package's `__init__.py` nor a module that only defines what others import); the message
    says which of these stops it. A request the provider does not serve, through a
    module-level client apply leaves unconfigured where no module of the project configures
    it, still goes to OpenAI (with OPENAI_API_KEY): the message says so, not that it fails.
    So does any request through a module-level client that a LlamaIndex class apply leaves on
    OpenAI keeps there (ML103 leaves its settings, or apply adds none and no module of the
    project configures it: `module_client_stays`), served or not: a warning (manual), and
    the model rules leave its model (t7).
    """

    code = "ML102"
    name = "module-client-call"
    category = "api-call"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import openai\nopenai.chat.completions.create(model=m, messages=[])\n",
            message="openai.chat.completions.create() uses the module-level client; its endpoint "
            "is whatever openai.base_url and OPENAI_BASE_URL say",
        ),
        Example(
            "import openai\nopenai.embeddings.create(input=x, model=m)\n",
            provider="acme",
            message="openai.embeddings.create() uses the module-level client; its endpoint is "
            "whatever openai.base_url and OPENAI_BASE_URL say; supported by Acme Cloud; apply "
            "sets openai.api_key from ACME_API_KEY and openai.base_url from ACME_BASE_URL "
            "(default https://api.acme.example/v1) after the imports: nothing configures the "
            "module-level client, and Acme Cloud serves each of the project's requests "
            "through it",
            after="import os\n\nimport openai\n\n"
            'openai.api_key = os.environ.get("ACME_API_KEY", "unset")\n'
            "openai.base_url = (\n"
            '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
            ")\nopenai.embeddings.create(input=x, model=m)\n",
        ),
        Example(
            "def ask(q):\n    import openai\n\n"
            "    return openai.chat.completions.create(model=m, messages=[q])\n",
            provider="acme",
            after="def ask(q):\n    import os\n\n    import openai\n\n"
            '    openai.api_key = os.environ.get("ACME_API_KEY", "unset")\n'
            "    openai.base_url = (\n"
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/")'
            ' + "/"\n    )\n\n'
            "    return openai.chat.completions.create(model=m, messages=[q])\n",
        ),
        Example(
            "import openai\n\n\ndef embed(x):\n"
            "    return openai.embeddings.create(input=x, model=m)\n",
            provider="acme",
            message="openai.embeddings.create() uses the module-level client; its endpoint is "
            "whatever openai.base_url and OPENAI_BASE_URL say; supported by Acme Cloud; apply "
            "leaves the module-level client unconfigured: it only defines what other modules "
            'may import (no top-level call, no `if __name__ == "__main__":`), so its importers '
            "configure the client",
        ),
        Example(
            'import os\n\nimport openai\n\nopenai.base_url = os.environ["ACME_BASE_URL"]\n'
            "openai.embeddings.create(input=x, model=m)\n",
            provider="acme",
            finds=False,
        ),
        Example("import openai\nopenai.ChatCompletion.create(model=m, messages=[])\n", finds=False),
        # t62a: pointed at the program's own server (ML103's note says so)
        Example(
            'import openai\n\nopenai.api_key = "EMPTY"\n'
            'openai.base_url = "http://localhost:8000/v1/"\n'
            "openai.embeddings.create(input=x, model=m)\n",
            provider="acme",
            finds=False,
        ),
        # t50 (h2): nothing configures the module-level client, nor does apply: OpenAI's
        Example(
            'import openai\n\nimage = openai.images.generate(prompt="a cat")\n',
            provider="acme",
            message="openai.images.generate() uses the module-level client; its endpoint is "
            "whatever openai.base_url and OPENAI_BASE_URL say; Acme Cloud has no "
            "OpenAI-compatible images API; apply leaves the module-level client on OpenAI "
            "(unconfigured), so this call still goes there (see https://docs.acme.example/openai)"
            "; doubao, ernie, siliconflow, zhipu offer it",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        info = self.ctx.sdk_call(node)
        if info is None or info.kind != "module":
            return
        head = (
            f"openai.{shown_call(self.ctx, node, info)} uses the module-level client; its "
            "endpoint is whatever openai.base_url and OPENAI_BASE_URL say"
        )
        surfaces = request_surfaces(self.ctx, node, info)
        surface = decisive_surface(self.provider, surfaces)
        data = call_data(info, surface)
        if self.provider is None:
            self.report(node.func, head, data=data)
            return
        if module_client_pointed(self.ctx, self.provider):
            return
        setup, edit = self.setup, None
        stays = self._stays(node, surface)
        limits = transcription_limits(self.provider, info.path)
        surface, data, (severity, fix, verdict), _ = request_verdict(
            self.ctx, self.provider, (node, info), surfaces, surface, stays, limits, True
        )
        if stays and self.provider.support(surface) is not False:
            # served, but the request never reaches the provider (t7): its model neither
            severity, fix = Severity.WARNING, FixClass.MANUAL
            verdict = f"{stays}, so this call and its model still go there"
        if limits is not None and fix is FixClass.MANUAL:
            data["audio_formats"] = limits[1]
        refused = (
            refused_value(self.ctx, self.provider, node, info) if fix is FixClass.NONE else None
        )
        if refused is not None:
            verdict, values = refused
            severity, data = Severity.ERROR, {**data, **values}
        if setup is not None and setup.edit is not None:
            edit = setup.edit
            verdict += f"; apply {self._configures(setup)}"
        elif setup is not None and setup.blocker is not node and not stays:
            verdict += f"; apply leaves the module-level client unconfigured: {setup.blocked}"
        self.report(
            node.func,
            f"{head}; {verdict}",
            severity=max(severity, Severity.WARNING, key=lambda s: s.rank),
            fix=FixClass.REVIEW if edit is not None else None,
            edit=edit,
            data=data,
        )

    def _stays(self, node: cst.Call, surface: str) -> str:
        """Why a request still goes to OpenAI: a LlamaIndex class left on OpenAI keeps the
        module-level client there (`module_client_stays`), whatever the request; or, for one
        the provider does not serve, apply leaves the module-level client unconfigured
        (`setup`) and no module of the project configures it (`RunFacts.openai_configured`),
        so the SDK sends it to OpenAI with OPENAI_API_KEY, as before; empty where the client
        may point at the provider."""
        setup, provider = self.setup, self.provider
        if provider is not None and module_client_stays(self.ctx):
            why = (
                f"unconfigured: {setup.blocked}"
                if setup is not None
                else "ML103 says why: LlamaIndex's classes read its base URL"
            )
            return f"apply leaves the module-level client on OpenAI ({why})"
        if (
            provider is None
            or provider.support(surface) is not False
            or setup is None
            or setup.edit is not None
            or self.ctx.rules.facts.openai_configured
        ):
            return ""
        why = f": {setup.blocked}" if setup.blocker is not node else ""
        return f"apply leaves the module-level client on OpenAI (unconfigured{why})"

    @functools.cached_property
    def setup(self) -> Setup | None:
        """The configuration of the module-level client `apply` adds to the module, or why
        it adds none (`module_client_setup`)."""
        return module_client_setup(self.ctx, self._unserved)

    def _unserved(self, node: cst.Call, info: CallInfo) -> str | None:
        """What makes a request of the module one the provider may not serve (after "its
        request on line N"); None where it serves it."""
        provider = self.provider
        assert provider is not None
        surface = decisive_surface(provider, request_surfaces(self.ctx, node, info))
        support = provider.support(surface)
        if support is not True:
            serves = "does not serve" if support is False else "may not serve"
            return f"asks for {surface}, which {provider.name} {serves}"
        if refused_value(self.ctx, provider, node, info) is not None:
            return f"passes a value {provider.name} refuses"
        return None

    def _configures(self, setup: Setup) -> str:
        """What `apply` writes to configure the module-level client, in words."""
        provider, rules = self.provider, self.ctx.rules
        assert provider is not None
        key, base = (s.split(" = ", 1)[0] for s in setup.statements)
        return (
            f"sets {key} from {provider.api_key_env} and {base} from {provider.base_url_env} "
            f"(default {rules.base_url}) {setup.placed}: nothing configures the module-level "
            f"client, and {provider.name} serves each of the project's requests through it"
        )


class ModuleClientConfig(PythonRule):
    """Configuration of the openai>=1.0 module-level client (`openai.base_url = ...`).

    ## What it does
    Finds assignments to `openai.api_key`, `openai.base_url`, `openai.organization`,
    `openai.project` and the other module-client settings in code that uses the v1 API.

    ## Fix (safe)
    `apply` sets the key from the provider's key variable and the base URL from its base-URL
    variable with the official URL as the default, ending with a slash: the module-level
    client joins each request's path to it as written. A key read that tolerates the
    variable unset (`os.getenv(X)`, `os.environ.get(X)`) keeps that form: the program may run
    without the key (for another provider), and its requests fail (401) until it is set. Its
    default is "unset" where it gave None: the module-level client given no key reads
    OPENAI_API_KEY, and would send OpenAI's key, where it is exported, to the provider.
    A key the program sets (`settings.key`) is kept, with the provider's variable when it is
    empty (review), as for a client given one (ML001). A module setting no base URL gets
    `openai.base_url = ...` after the key, once per function: not after a later key
    assignment that always runs after one that has it. Settings only OpenAI reads
    (`organization`, `project`, `webhook_secret`, the Azure ones) are left to you to remove
    (manual); those any endpoint honours (`default_headers`, `default_query`, `http_client`,
    `max_retries`, `timeout`) are not reported (`openai_sdk.MODULE_CLIENT_SETTINGS`). Where
    the project's requirements keep openai<1 after apply (`RunFacts.openai_v0_kept`: ML504
    leaves its pins to you), or the module imports what openai 1.0 removed
    (`openai_sdk.V0_ONLY_MODULES`), `openai.api_base = os.environ.get(...).rstrip("/")`, which
    openai 0.x reads instead, is written after the `openai.base_url` line too (also after one
    already migrated): the key and the host change together on either SDK.
    Where nothing reads them, the key and base URL are left as they are (a note for
    information): the project builds its own clients (`RunFacts.openai_client_used`; the
    clients apply builds for openai<1.0 calls read the provider's variables), no module of it
    may request through the module-level client (`RunFacts.module_client_requested`), none
    stays on openai<1, and the module imports no framework (LlamaIndex reads the module's
    settings): PentestGPT's connection test set `openai.api_key` beside a class building its
    own client. A read of OPENAI_API_KEY given there is left too (ML401, a note): renamed
    alone, the provider's key went to api.openai.com with any library using that client
    (t65e). A key that reads the provider's variable already (by hand, or an earlier apply)
    in a module setting no `openai.base_url` is an error: that client sends it to OpenAI;
    apply writes the base-URL line after it (safe), as for a key it rewrites.
    A key the program hands `openai.api_key` in a function (a parameter, `self.key`, a local
    bound to one) of a module that makes no request through the module-level client and builds
    a client at its level reading the provider's key variable (what apply writes for openai<1
    calls, where ML301 leaves a key that may be OpenAI's: t59f D1) is an error (manual): that
    key is never sent; the message says to set it on that client or delete the line.
    A module building a LlamaIndex OpenAI class that apply leaves on OpenAI and that reads
    this base URL with OPENAI_API_KEY (`llamaindex_module_base`: a default model no file
    sets, an `OpenAIEmbedding()` on a provider serving no embeddings) has its key and base
    URL left as they are, an error (manual) naming the call: pointed at the provider, that
    class would send OpenAI's key there (t62d, Chainlit's cookbook llama-index). The module's
    requests through that client still go to OpenAI: the model rules leave their model and
    ML102 says so (`llamaindex_module_base.module_client_stays`, t7).
    A module pointing the module-level client at a server of its own (`openai.base_url =
    "http://localhost:8000/v1/"`, `openai.api_key = "EMPTY"`: `module_client_endpoint`, as
    ML003 decides for a client) is left as it is, a note for information; its requests
    through that client are not the SDK's to migrate (ML102 and the model rules skip them).
    """

    code = "ML103"
    name = "module-client-config"
    category = "client"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nopenai.base_url = "https://api.openai.com/v1/"\n',
            provider="acme",
            message="openai.base_url configures the module-level client; for Acme Cloud take it "
            "from ACME_BASE_URL (default https://api.acme.example/v1)",
            after="import os\n\nimport openai\n"
            "openai.base_url = (\n"
            '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
            ")\n",
        ),
        Example(
            'import os, openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
            message="openai.api_key configures the module-level client; set it for the provider",
        ),
        Example(
            "import os\n\nimport openai\n\n\ndef setup():\n"
            '    openai.api_key = os.getenv("OPENAI_API_KEY")\n',
            provider="acme",
            message="openai.api_key configures the module-level client; for Acme Cloud take it "
            "from ACME_API_KEY, and set openai.base_url beside it from ACME_BASE_URL (the module "
            "sets none: the key would go to OpenAI)",
            after="import os\n\nimport openai\n\n\ndef setup():\n"
            '    openai.api_key = os.getenv("ACME_API_KEY", "unset")\n    openai.base_url = (\n'
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/")'
            ' + "/"\n    )\n',
        ),
        Example(
            "import openai\nopenai.api_key = settings.key\n"
            'openai.base_url = "https://api.openai.com/v1/"\n',
            provider="acme",
            message="openai.api_key configures the module-level client; for Acme Cloud keep the "
            "key your code sets (`settings.key`), with ACME_API_KEY when it is empty: it must be "
            "an Acme Cloud key",
            after="import os\n\nimport openai\n"
            'openai.api_key = settings.key or os.environ.get("ACME_API_KEY", "unset")\n'
            "openai.base_url = (\n"
            '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
            ")\n",
        ),
        Example(
            "import openai\nopenai.api_key = k\nopenai.ChatCompletion.create(model=m)\n",
            finds=False,
        ),
        # t59f D1: the line ML301 leaves beside the client apply builds
        Example(
            "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n\n'
            "class Emb:\n    def __init__(self, openai_api_key):\n"
            "        openai.api_key = openai_api_key\n        self.client = client.embeddings\n",
            provider="acme",
            message="openai.api_key configures the module-level client, which this module "
            "makes no request through: its requests go through client (line 5), which reads "
            "its key from ACME_API_KEY, so the key your code sets here (`openai_api_key`, per "
            "instance or call) is never sent; give client an Acme Cloud key here by hand "
            "(client.api_key = ...), or delete this line if ACME_API_KEY is the key to use",
        ),
        Example(
            'import openai\nopenai.default_headers = {"x-team": "search"}\nopenai.timeout = 20\n',
            provider="acme",
            finds=False,
        ),
        # t62d: Chainlit's cookbook llama-index, whose default embedding stays on OpenAI
        Example(
            "import os\n\nimport openai\nfrom llama_index.core import VectorStoreIndex\n\n"
            'openai.api_key = os.environ.get("OPENAI_API_KEY")\n'
            "index = VectorStoreIndex.from_documents(docs)\n",
            provider="acme",
            message="openai.api_key configures the module-level client, whose base URL "
            "LlamaIndex's OpenAI classes read: VectorStoreIndex.from_documents() (LlamaIndex's "
            "default embedding model) on line 7 builds one apply leaves on OpenAI, which takes "
            "its key from OPENAI_API_KEY (before openai.api_key) but its base URL from "
            "openai.base_url; pointed at Acme Cloud, that client would have each send OpenAI's "
            "key there; left as it is: give those classes api_base= and api_key= of one "
            "endpoint (Settings.llm / Settings.embed_model for the defaults) before pointing "
            "this client at Acme Cloud",
        ),
        # t65e: a key given the provider's variable by hand (or by an earlier apply) with no
        # base URL: the module-level client sent it to api.openai.com
        Example(
            'import os\n\nimport openai\n\nopenai.api_key = os.getenv("ACME_API_KEY")\n'
            "openai.chat.completions.create(model=m, messages=[])\n",
            provider="acme",
            message="openai.api_key gives the module-level client Acme Cloud's key "
            "(ACME_API_KEY), but the module sets no openai.base_url: that client sends the key "
            "to api.openai.com; set openai.base_url beside it from ACME_BASE_URL",
            after='import os\n\nimport openai\n\nopenai.api_key = os.getenv("ACME_API_KEY")\n'
            "openai.base_url = (\n"
            '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
            ")\n"
            "openai.chat.completions.create(model=m, messages=[])\n",
        ),
        # t62a: FastChat's tests of its own OpenAI-compatible server
        Example(
            'import openai\n\nopenai.api_key = "EMPTY"\n'
            'openai.base_url = "http://localhost:8000/v1/"\n'
            "openai.chat.completions.create(model=m, messages=[])\n",
            provider="acme",
            message="openai.api_key configures the module-level client, which the module "
            "points at http://localhost:8000/v1/, not OpenAI; left as it is",
            after='import openai\n\nopenai.api_key = "EMPTY"\n'
            'openai.base_url = "http://localhost:8000/v1/"\n'
            "openai.chat.completions.create(model=m, messages=[])\n",
        ),
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            attr = _openai_attr(self, target.target)
            if attr is None:
                continue
            if attr in sdk.SHARED_CONFIG and self.ctx.index.uses_legacy:
                continue  # openai<1.0 configuration (ML301)
            if sdk.MODULE_CLIENT_SETTINGS.get(attr, "generic") == "generic":
                continue  # any endpoint's (headers, timeout...): kept as it is
            own = module_client_endpoint(self.ctx)
            if own is not None:
                # FastChat's tests (t62a): its own server on this machine, as ML003 leaves
                # `OpenAI(base_url="http://localhost:8000/v1/")`
                self.report(
                    target.target,
                    f"openai.{attr} configures the module-level client, which the module "
                    f"points at {own.detail}, not OpenAI; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                    data={"own_server": own.detail},
                )
                continue
            unsent = _unsent_key(self.ctx, node) if attr == "api_key" else None
            if unsent is not None:
                self._unsent(target.target, *unsent)
                continue
            migrated = reads_target_variable(self.ctx, self.provider, node.value)
            readers = module_base_readers(self.ctx) if attr in ("api_key", "base_url") else ()
            if readers:
                self._llamaindex_readers(target.target, attr, readers, migrated)
                continue
            if attr == "base_url" and migrated and _api_base_line(self.ctx, node) is not None:
                self._api_base_missing(node)
                continue
            if migrated or (
                attr == "api_key"
                and self.provider is not None
                and self.provider.api_key_env in environment_reads(self.ctx, node.value)
            ):
                # migrated (`key or os.environ[<KEY_VAR>]` too); its base URL, if none is set
                if attr == "api_key" and self._lacks_base_url():
                    self._key_without_base_url(node, target.target)
                continue
            if attr in ("api_key", "base_url") and unread_settings(self.ctx):
                # PentestGPT's test_connection: its requests go through the clients
                # ChatGPTAPI builds, which read neither
                self.report(
                    target.target,
                    f"openai.{attr} configures the module-level client, which no module of the "
                    "project calls (its requests go through the clients it builds): nothing "
                    "reads it; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                continue
            head = f"openai.{attr} configures the module-level client"
            provider = self.provider
            unserved = module_client_unserved(self.ctx) if attr in ("api_key", "base_url") else None
            if unserved is not None and provider is not None:
                # quivr-whisper (t55d D2): audio alone, which the provider lacks
                self.report(
                    target.target,
                    f"{head}; {unserved_words(provider, unserved, self.ctx.rules.openai)}",
                    severity=Severity.ERROR,
                    fix=FixClass.MANUAL,
                    data={
                        "unserved": list(unserved),
                        **shut_down_data(self.ctx.rules.openai, unserved),
                    },
                )
                continue
            kept_v0 = _keeps_v0(self.ctx)
            if provider is None:
                message = f"{head}; set it for the provider"
            elif attr == "base_url":
                message = (
                    f"{head}; for {provider.name} take it from {provider.base_url_env} "
                    f"(default {self.ctx.rules.base_url})"
                )
                if kept_v0 and not _sets_api_base(self.ctx):
                    message += f", and set openai.api_base beside it ({_v0_reason(self.ctx)})"
            elif attr == "api_key":
                kept = self._kept_key(node)
                if kept:
                    message = (
                        f"{head}; for {provider.name} keep the key your code sets (`{kept}`), "
                        f"with {provider.api_key_env} when it is empty: it must be "
                        f"{article(provider.name)} {provider.name} key"
                    )
                else:
                    message = f"{head}; for {provider.name} take it from {provider.api_key_env}"
                if self._lacks_base_url() and not _base_url_set_before(self.ctx, node):
                    beside = "openai.base_url"
                    if kept_v0 and not _sets_api_base(self.ctx):
                        beside = "openai.base_url and openai.api_base"
                    why = "the module sets none: the key would go to OpenAI"
                    if beside != "openai.base_url":
                        why += f"; {_v0_reason(self.ctx)}"
                    message += f", and set {beside} beside it from {provider.base_url_env} ({why})"
            else:
                message = f"{head}; {provider.name} has no use for it: remove it"
            edit = self._edit(node, target.target, attr)
            fix = FixClass.SAFE if attr in ("api_key", "base_url") else FixClass.MANUAL
            if edit is None and (
                (attr == "api_key" and self._lacks_base_url())
                or (attr == "base_url" and _api_base_line(self.ctx, node) == "")
            ):
                fix = FixClass.MANUAL
            elif edit is not None and attr == "api_key" and self._kept_key(node):
                fix = FixClass.REVIEW  # whatever the program sets must now be the provider's
            self.report(target.target, message, fix=fix, edit=edit)

    def _llamaindex_readers(
        self, target: cst.BaseExpression, attr: str, readers: tuple[str, ...], migrated: bool
    ) -> None:
        """`openai.api_key` / `openai.base_url` in a module building a LlamaIndex OpenAI class
        that apply leaves on OpenAI, which reads that base URL with OPENAI_API_KEY
        (`llamaindex_module_base`): left as it is (t62d)."""
        provider = self.provider
        name = provider.name if provider is not None else "the provider"
        if migrated and module_client_pointed(self.ctx, provider):
            state = f"the module points that client at {name}, so each sends OpenAI's key there"
            then = "or point this client back at OpenAI"
        elif migrated:
            state = (
                f"this line gives that client {name}'s key, which each sends to OpenAI where "
                "OPENAI_API_KEY is unset"
            )
            then = "or point this client back at OpenAI"
        else:
            state = f"pointed at {name}, that client would have each send OpenAI's key there"
            then = f"before pointing this client at {name}"
        self.report(
            target,
            f"openai.{attr} configures the module-level client, whose base URL LlamaIndex's "
            f"OpenAI classes read: {', '.join(readers)} "
            f"{'builds one' if len(readers) == 1 else 'each build one'} apply leaves on OpenAI, "
            "which takes its key from OPENAI_API_KEY (before openai.api_key) but its base URL "
            f"from openai.base_url; {state}; left as it is: give those classes api_base= and "
            "api_key= of one endpoint (Settings.llm / Settings.embed_model for the defaults) "
            f"{then}",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"llamaindex_readers": list(readers)},
        )

    def _unsent(self, target: cst.BaseExpression, key: str, client: cst.Assign) -> None:
        """`openai.api_key = <a key the program hands>` in a function of a module whose
        requests go through a client reading the provider's key variable (`_unsent_key`: what
        apply leaves beside the clients it builds where that key may be OpenAI's, ML301)."""
        provider = self.provider
        assert provider is not None
        name = self.ctx.code(client.targets[0].target)
        line = self.ctx.line_label(self.ctx.position(client)[0][0])
        self.report(
            target,
            f"openai.api_key configures the module-level client, which this module makes no "
            f"request through: its requests go through {name} ({line}), which reads its key "
            f"from {provider.api_key_env}, so the key your code sets here (`{key}`, per "
            f"instance or call) is never sent; give {name} {article(provider.name)} "
            f"{provider.name} key here by hand ({name}.api_key = ...), or delete this line if "
            f"{provider.api_key_env} is the key to use",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"program_key": key, "client": name},
        )

    def _api_base_missing(self, node: cst.Assign) -> None:
        """Report `openai.base_url = <the provider's>` in a project kept on openai<1, in a
        module setting no `openai.api_base`: add it after."""
        line = _api_base_line(self.ctx, node)
        assert line is not None and self.provider is not None
        self.report(
            node.targets[0].target,
            f"openai.base_url configures the module-level client of openai>=1 only; set "
            f"openai.api_base beside it from {self.provider.base_url_env} ({_v0_reason(self.ctx)})",
            edit=Edit(self.ctx.span(node), f"{self.ctx.code(node)}{line}") if line else None,
            fix=FixClass.SAFE if line else FixClass.MANUAL,
        )

    def _kept_key(self, node: cst.Assign) -> str:
        """The code of the key the program sets that `apply` keeps (`migrated_key`), or ""."""
        provider = self.ctx.rules.provider
        if provider is None:
            return ""
        read = key_expr(provider, at_import=self.ctx.at_import(node))
        return migrated_key(self.ctx, node.value, read, tolerant=True)[1]

    def _key_without_base_url(self, node: cst.Assign, target: cst.BaseExpression) -> None:
        """`openai.api_key` read from the provider's key variable in a module that sets no
        `openai.base_url` (by hand, or an earlier apply that left the base URL, t65e): the
        module-level client sends the provider's key to OpenAI's URL; apply writes the base
        URL after it (as for a key it rewrites), else a person does. Not where a module of
        the project sets that base URL (`module_base_url_set`: a settings module imported
        beside it), which ML103 points at the provider there."""
        provider = self.provider
        if (
            provider is None
            or self.ctx.rules.facts.module_base_url_set
            or _base_url_set_before(self.ctx, node)
            or _keeps_v0(self.ctx)
            or any(attr == "api_base" for attr, _ in self.ctx.index.config_assigns)
        ):
            return  # openai<1 reads `openai.api_base` (ML301's)
        line = _base_url_line(self.ctx, node)
        edit = None
        if line is not None:
            edit = Edit(self.ctx.span(node), f"{self.ctx.code(node)}{line}", (IMPORT_OS,))
        self.report(
            target,
            f"openai.api_key gives the module-level client {provider.name}'s key "
            f"({provider.api_key_env}), but the module sets no openai.base_url: that client "
            f"sends the key to api.openai.com; set openai.base_url beside it from "
            f"{provider.base_url_env}",
            severity=Severity.ERROR,
            fix=FixClass.SAFE if edit is not None else FixClass.MANUAL,
            edit=edit,
        )

    def _lacks_base_url(self) -> bool:
        """Whether the module sets the key of the module-level client but not its base URL:
        with only the key rewritten, the provider's key would go to OpenAI's URL."""
        return self.ctx.rules.switching and not self.ctx.index.base_url_assigns

    def _edit(self, node: cst.Assign, target: cst.BaseExpression, attr: str) -> Edit | None:
        ctx = self.ctx.rules
        if not ctx.switching or ctx.provider is None or ctx.base_url is None:
            return None
        if attr == "base_url":
            code = module_base_url_expr(ctx.provider, ctx.base_url)
            line = _api_base_line(self.ctx, node)
            if line is None:
                return Edit(self.ctx.span(node.value), code, (IMPORT_OS,))
            if not line:
                return None  # kept on openai<1, and the line cannot be written
            text = f"{self.ctx.code(target)} = {code}{line}"
            return Edit(self.ctx.span(node), text, (IMPORT_OS,))
        if attr != "api_key":
            return None
        read = key_expr(ctx.provider, at_import=self.ctx.at_import(node))
        code = migrated_key(self.ctx, node.value, read, tolerant=True)[0]
        if not self._lacks_base_url() or _base_url_set_before(self.ctx, node):
            return Edit(self.ctx.span(node.value), code, (IMPORT_OS,))
        line = _base_url_line(self.ctx, node)
        if line is None:
            return None
        return Edit(self.ctx.span(node), f"{self.ctx.code(target)} = {code}{line}", (IMPORT_OS,))


def _unsent_key(ctx: PythonContext, node: cst.Assign) -> tuple[str, cst.Assign] | None:
    """`handed_keys.unsent_key`, in a module that does not stay on openai<1 (which reads
    `openai.api_key`) and does not import LlamaIndex (which reads the module's settings; a
    module of LangChain 0.0.61 itself imports `langchain`, which reads none)."""
    from migrate_llm.rules.handed_keys import unsent_key

    if _keeps_v0(ctx) or _LLAMAINDEX_IMPORT.search(ctx.text) is not None:
        return None
    return unsent_key(ctx, node)


def unread_settings(ctx: PythonContext) -> bool:
    """Whether nothing reads the module-level client's key and base URL a module sets, once
    the run has switched provider: its project builds its own clients (`openai_client_used`;
    apply's clients for openai<1.0 calls read the provider's variables) and no module may
    make a request through the module-level client (`module_client_requested`) nor reads
    `openai.api_key` or its base URL as a value (`module_settings_read`: a client given
    `api_key=openai.api_key` sends that key wherever ML001 points it), none stays on openai<1
    (which reads `openai.api_key`), the module makes no openai<1 call (apply moves those and
    drops its `openai.api_key = X` with ML301, after which the read of X is judged again:
    t65f, babyagi's tools/results.py), and the module imports no framework (some read the
    module's settings: LlamaIndex's `resolve_openai_credentials`)."""
    facts = ctx.rules.facts
    return (
        ctx.rules.switching
        and facts.openai_client_used
        and not facts.module_client_requested
        and not facts.module_settings_read
        and not _keeps_v0(ctx)
        and not ctx.index.legacy_calls
        and _FRAMEWORK_IMPORT.search(ctx.text) is None
    )


# an import of a framework module (`from llama_index.core import ...`)
_FRAMEWORK_IMPORT = re.compile(import_pattern(), re.MULTILINE)
_LLAMAINDEX_IMPORT = re.compile(import_pattern(("llama_index",)), re.MULTILINE)


def _base_url_set_before(ctx: PythonContext, assign: cst.Assign) -> bool:
    """Whether an earlier `openai.api_key = ...` of the same function (or module level) that
    gets the `openai.base_url` line (`_base_url_line`) always runs before `assign`: it stands
    in the block holding `assign` or one around it. One such line per function is enough."""
    parents = ctx.ancestors(assign)
    at = ctx.index_of(assign)
    for attr, earlier in ctx.index.config_assigns:
        if attr != "api_key" or earlier is assign or ctx.index_of(earlier) >= at:
            continue
        block = ctx.ancestors(earlier)[-2]  # the block holding its line
        if block not in parents:
            continue
        inner = parents[parents.index(block) + 1 :]
        if any(isinstance(p, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for p in inner):
            continue  # a nested function's: it may run before, after, or never
        if _base_url_line(ctx, earlier) is not None:
            return True
    return False


def module_client_pointed(ctx: PythonContext, provider: Provider | None) -> bool:
    """Whether the module points the module-level client at `provider` (its `openai.base_url`
    reads the provider's variable) or apply will (it writes the line after `openai.api_key =
    ...`): ML102 then says nothing of its requests."""
    return any(
        reads_target_variable(ctx, provider, assign.value) for assign in ctx.index.base_url_assigns
    ) or any(_base_url_line(ctx, assign) for _, assign in ctx.index.config_assigns)


def reads_target_variable(
    ctx: PythonContext, provider: Provider | None, value: cst.BaseExpression
) -> bool:
    """Already migrated: `value` reads the target provider's key or base-URL variable."""
    if provider is None:
        return False
    read = env_var_read(ctx, value)
    if read is not None and read[0] in (provider.api_key_env, provider.base_url_env):
        return True
    return derived_endpoint_var(ctx, value) is not None


def _base_url_line(ctx: PythonContext, assign: cst.Assign) -> str | None:
    """The line `apply` writes after `openai.api_key = ...` in a module that sets no
    `openai.base_url` (else the provider's key would go to OpenAI's URL), with its newline
    and indentation; None where that assignment cannot take one (`openai.api_key` shares
    its line or its value: `x = 1; openai.api_key = k`, `a = openai.api_key = k`)."""
    provider, url = ctx.rules.provider, ctx.rules.base_url
    target = assign.targets[0].target
    if (
        not ctx.rules.switching
        or provider is None
        or url is None
        or ctx.index.base_url_assigns
        or ctx.index.uses_legacy
        or len(assign.targets) != 1
        or not isinstance(target, cst.Attribute)
        or target.attr.value != "api_key"
        or module_base_readers(ctx)  # LlamaIndex's classes left on OpenAI read it (t62d)
    ):
        return None
    start = ctx.span(assign).start
    indent = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
    if indent.strip():
        return None
    line = f"\n{indent}{ctx.code(target.value)}.base_url = {module_base_url_expr(provider, url)}"
    api_base = _api_base_line(ctx, assign)
    if api_base == "":
        return None
    return line + (api_base or "")


# Why a module setting openai's v1 module client gets `openai.api_base` too.
_V0_REASON = (
    "the project's requirements keep openai<1, which reads openai.api_base, not "
    "openai.base_url, until ML504's pins move"
)


def _keeps_v0(ctx: PythonContext) -> bool:
    """Whether the module stays on openai<1 after apply while the run moves it to another
    provider: its project's requirements keep it (`RunFacts.openai_v0_kept`), or it imports a
    module openai 1.0 removed (`v0_only_import`) or a package running on openai<1 only
    (`v0_libraries.v0_library`: GPTCache's adapter)."""
    return ctx.rules.switching and (
        ctx.rules.facts.openai_v0_kept
        or v0_only_import(ctx) is not None
        or v0_library_reason(ctx) is not None
    )


def v0_only_import(ctx: PythonContext) -> str | None:
    """The first module openai 1.0 removed (`sdk.V0_ONLY_MODULES`) that the module imports
    with no `try:` for ImportError around it, so that it runs on openai<1 only; None where it
    imports none."""
    return next((found.module for found in ctx.v0_only_imports if not found.guarded), None)


def _v0_reason(ctx: PythonContext) -> str:
    """Why `_keeps_v0`, in words."""
    if ctx.rules.facts.openai_v0_kept:
        return _V0_REASON
    library = v0_library(ctx)
    if library is not None and v0_only_import(ctx) is None:
        return (
            f"the module uses {library}, which runs on openai<1 only, which reads "
            "openai.api_base, not openai.base_url"
        )
    shown = v0_only_import(ctx) or "a module openai 1.0 removed"
    return (
        f"the module imports {shown}, which openai 1.0 removed, so it runs on openai<1, which "
        "reads openai.api_base, not openai.base_url"
    )


def _sets_api_base(ctx: PythonContext) -> bool:
    """Whether the module sets `openai.api_base` itself."""
    return any(attr == "api_base" for attr, _ in ctx.index.config_assigns)


def _api_base_line(ctx: PythonContext, assign: cst.Assign) -> str | None:
    """The `openai.api_base = ...` line written after `assign` (an `openai.api_key` or
    `openai.base_url` assignment) in a project kept on openai<1 (`_keeps_v0`), in a module
    setting no `openai.api_base`: openai<1 sends requests there, so the provider's key must
    not go without it. None where none is needed; "" where one is but cannot be written
    (the assignment shares its line or its value, or the target is Azure)."""
    provider, url = ctx.rules.provider, ctx.rules.base_url
    if (
        not _keeps_v0(ctx)
        or provider is None
        or url is None
        or ctx.index.uses_legacy
        or _sets_api_base(ctx)
    ):
        return None
    target = assign.targets[0].target
    start = ctx.span(assign).start
    indent = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
    if provider.azure is not None or len(assign.targets) != 1 or indent.strip():
        return ""
    assert isinstance(target, cst.Attribute)
    return f"\n{indent}{ctx.code(target.value)}.api_base = {module_api_base_expr(provider, url)}"


def _openai_attr(rule: PythonRule, target: cst.BaseExpression) -> str | None:
    """`X` when `target` is the module attribute `openai.X`."""
    if not isinstance(target, cst.Attribute):
        return None
    for name in rule.ctx.qualnames(target):
        parts = name.split(".")
        if len(parts) == 2 and parts[0] == "openai":
            return parts[1]
    return None


CALL_RULES = (ClientCall, ModuleClientCall, ModuleClientConfig)
