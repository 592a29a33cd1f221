"""alpaca_eval's annotator configs (`frameworks.alpaca_eval`): an annotator whose
`fn_completions` builds an OpenAI client, with no endpoint chosen in its `completions_kwargs`,
sends its `model_name` wherever alpaca_eval's client config or OPENAI_* variables say:
OpenAI's, until a person points them at the provider."""

from __future__ import annotations

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import alpaca_eval as ae
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import config_key, keyed_mappings


def alpaca_openai_blocks(doc: ConfigDocument) -> dict[tuple[str, ...], Entry]:
    """The `completions_kwargs` mappings of a YAML or JSON file naming a `model_name` beside
    an `fn_completions` that builds an OpenAI client (`openai_completions`) and none of the
    entries that choose its endpoint in the file (`client_config_path`, `openai_api_base`, a
    `client_kwargs` holding `base_url`), each with its `fn_completions` entry."""
    found: dict[tuple[str, ...], Entry] = {}
    mappings = keyed_mappings(doc)
    for block, keys in mappings.items():
        function = keys.get(config_key(ae.FUNCTION_KEY))
        name = (function.value or "").strip().strip("\"'") if function is not None else ""
        if function is None or ae.FUNCTIONS.get(name) != ae.OPENAI:
            continue
        for inner, kwargs in mappings.items():
            if inner[:-1] != block or config_key(inner[-1]) != config_key(ae.KWARGS_KEY):
                continue
            model = kwargs.get(config_key(ae.MODEL_KEY))
            if model is None or not (model.value or "").strip():
                continue
            if _chooses_endpoint(mappings, inner, kwargs):
                continue  # the file chooses the endpoint (ML502 reads a URL it writes)
            found[inner] = function
    return found


def _chooses_endpoint(
    mappings: dict[tuple[str, ...], dict[str, Entry]],
    inner: tuple[str, ...],
    kwargs: dict[str, Entry],
) -> bool:
    """Whether `completions_kwargs` (`kwargs`, at `inner`) choose the client's endpoint: a
    `client_config_path` or `openai_api_base`, or a `client_kwargs` mapping holding
    `base_url` (one giving only `timeout` leaves the client on OpenAI's host, r3)."""
    if any(config_key(k) in kwargs for k in ae.ENDPOINT_KWARGS - {ae.CLIENT_KWARGS}):
        return True
    if config_key(ae.CLIENT_KWARGS) not in kwargs:
        return False
    return any(
        path[:-1] == inner
        and config_key(path[-1]) == config_key(ae.CLIENT_KWARGS)
        and config_key(ae.CLIENT_BASE_KWARG) in entries
        for path, entries in mappings.items()
    )


def held_why(doc: ConfigDocument, function: Entry) -> str:
    """Why the model of an annotator `alpaca_openai_blocks` finds stays with its endpoint."""
    line = doc.lines.position(function.value_span.start)[0] if function.value_span else 0
    keys = " or ".join(ae.KEY_VARIABLES)
    return (
        f"alpaca_eval's {(function.value or '').strip()} ({ae.FUNCTION_KEY}, line {line}) "
        f"sends it to OpenAI: it builds an openai.OpenAI client from the client config file "
        f"{ae.CLIENT_CONFIG_VARIABLE} names, else from {keys} and {ae.BASE_VARIABLE}, and "
        "nothing in this file points it elsewhere"
    )


def point_at(ctx: RuleContext) -> str:
    """How to point such an annotator's client at the provider of the run."""
    provider = ctx.provider
    assert provider is not None
    return (
        f"point it at {provider.name} with a client config file holding "
        f"`{ae.DEFAULT_CLIENTS}: [{{api_key: <the {provider.name} key>, base_url: "
        f"{ctx.base_url}}}]` (kept out of version control) named by "
        f"{ae.CLIENT_CONFIG_VARIABLE} or by {ae.CONFIG_PATH_KWARG}: in {ae.KWARGS_KEY}, or with "
        f"{ae.BASE_VARIABLE}={ctx.base_url} and the {provider.name} key in "
        f"{ae.KEY_VARIABLES[0]} where it runs"
    )
