"""ML009: a gateway's own SDK client (Portkey's, `frameworks.gateways.GATEWAY_CLIENTS`) set
up to pass its requests on to OpenAI.

Its requests are shaped as the OpenAI SDK's (`client.chat.completions.create`), but go to the
gateway, which sends them to the service its construction names (`provider="openai"`). `apply`
does not move such a client, so neither its requests' models nor their parameters are
rewritten (`PythonContext.through_gateway_client`); this rule keeps `check` red on it.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks.gateways import (
    GATEWAY_CLIENTS,
    GATEWAY_MODULES,
    catalogue_entry,
    names_openai,
    names_service,
)
from migrate_llm.frameworks.gateways import GatewayClient as ClientClass
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_litellm import provider_url
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    flatten,
    keyword,
    match_surface,
    string_value,
)


def gateway_client(ctx: PythonContext, call: cst.Call) -> ClientClass | None:
    """The gateway client class `call` constructs (`GATEWAY_CLIENTS`), if any."""
    found = ctx.qualnames(call.func) & GATEWAY_CLIENTS.keys()
    return GATEWAY_CLIENTS[min(found)] if found else None


def _config_values(
    ctx: PythonContext, client: ClientClass, expr: cst.BaseExpression, nested: bool = False
) -> list[tuple[str, str]]:
    """(Key, value) of each key of a config mapping (a dict display, or a name bound once to
    one: `config=CONFIG`) naming a service (`client.config_keys`), and of each mapping of its
    targets (a list display, or a name bound once to one: `"targets": TARGETS`)."""
    expr = _displayed(ctx, expr)
    if not isinstance(expr, cst.Dict):
        return []
    values: list[tuple[str, str]] = []
    for element in expr.elements:
        if not isinstance(element, cst.DictElement):
            continue
        key = string_value(element.key)
        targets = _displayed(ctx, element.value)
        if key in client.config_keys:
            resolved = ctx.resolve_literal(element.value)
            values += [(key, resolved[1])] if resolved is not None else []
        elif key == client.targets_key and isinstance(targets, (cst.List, cst.Tuple)):
            for target in targets.elements if not nested else ():
                values += _config_values(ctx, client, target.value, nested=True)
    return values


def _displayed(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """The value a name is bound to by its one plain assignment (`ctx.bound_value`), else
    `expr` itself."""
    if isinstance(expr, cst.Name):
        return ctx.bound_value(expr) or expr
    return expr


def _settings(ctx: PythonContext, call: cst.Call) -> list[tuple[str, str]]:
    """(Setting, value) of each setting of a gateway client's construction naming a service:
    its service keywords (`provider`) and its config's entries (`config's virtual_key`)."""
    client = gateway_client(ctx, call)
    if client is None:
        return []
    found: list[tuple[str, str]] = []
    for name in client.service_keywords:
        arg = keyword(call, name)
        resolved = ctx.resolve_literal(arg.value) if arg is not None else None
        found += [(name, resolved[1])] if resolved is not None else []
    arg = keyword(call, client.config_keyword) if client.config_keyword else None
    if arg is not None:
        entries = _config_values(ctx, client, arg.value)
        found += [(f"{client.config_keyword}'s {k}", v) for k, v in entries]
    return found


def openai_setting(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """(Keyword, value) of the first setting of a gateway client's construction naming OpenAI
    (`provider="openai"`, `config={"targets": [{"virtual_key": "openai-vk"}]}`), if any."""
    client = gateway_client(ctx, call)
    if client is None:
        return None
    return next(((k, v) for k, v in _settings(ctx, call) if names_openai(client, v)), None)


def provider_setting(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """(Setting, its value as code) of a gateway client's construction pointing it at the
    target provider, where none names OpenAI: a service setting naming the provider by its id
    or an alias (`provider="deepseek"`, `"@deepseek-prod"`), or its base URL given as the
    provider's (`base_url="https://api.deepseek.com"`, a read of its base-URL variable)."""
    client = gateway_client(ctx, call)
    provider = ctx.rules.provider
    if client is None or provider is None or openai_setting(ctx, call) is not None:
        return None
    names = tuple(n.lower() for n in (provider.id, *provider.aliases))
    settings = _settings(ctx, call)
    for name, value in settings:
        if names_service(client, value, names):
            return name, repr(value)
    for name in client.url_keywords:
        arg = keyword(call, name)
        if arg is not None and provider_url(ctx, arg.value):
            return name, ctx.code(arg.value)
    return None


def through_gateway(ctx: PythonContext, call: cst.Call) -> list[cst.Call]:
    """The constructions of the gateway client an SDK-shaped request `call` goes through
    (`PythonContext.gateway_clients`); empty for another call."""
    if not isinstance(call.func, cst.Attribute):
        return []
    nodes, attrs = flatten(call.func)
    for i in range(len(attrs)):
        if match_surface(attrs[i:]) is not None and (found := ctx.gateway_clients(nodes[i])):
            return found
    return []


def gateway_to_provider(ctx: PythonContext, call: cst.Call) -> tuple[str, str, str] | None:
    """For an SDK-shaped request through a gateway client every construction of which points
    at the target provider (`provider_setting`): the gateway's name and the first one's
    setting and value (as code); else None. Its model goes to the provider as written (an
    OpenAI model fails there)."""
    clients = through_gateway(ctx, call)
    found = [provider_setting(ctx, c) for c in clients]
    client = gateway_client(ctx, clients[0]) if clients else None
    if client is None or not found or found[0] is None or any(f is None for f in found):
        return None
    return client.gateway, *found[0]


def openai_entry(ctx: PythonContext, call: cst.Call) -> tuple[cst.Arg, str] | None:
    """For a request through a gateway client (`through_gateway`) whose model names an entry
    of the gateway's model catalogue for OpenAI (`model="@openai/gpt-4o"`): its `model=`
    argument and the model as written; None otherwise."""
    clients = through_gateway(ctx, call)
    client = gateway_client(ctx, clients[0]) if clients else None
    arg = keyword(call, "model")
    resolved = ctx.resolve_literal(arg.value) if client is not None and arg is not None else None
    if client is None or arg is None or resolved is None:
        return None
    entry = catalogue_entry(client, resolved[1])
    return (arg, resolved[1]) if entry is not None and names_openai(client, entry[0]) else None


class GatewayClient(PythonRule):
    """A gateway's own SDK client (Portkey's) that passes its requests on to OpenAI.

    ## What it does
    Finds a construction of a gateway's own client (`portkey_ai.Portkey`, `AsyncPortkey`:
    the table `frameworks/gateways.py`, with its source) whose `provider=` or `virtual_key=`
    names OpenAI (`"openai"`, a model catalogue slug such as `"@openai-prod"`), as a string
    or a name bound to one, or whose `config=` mapping does (its `provider` or `virtual_key`,
    or those of one of its `targets`; the mapping or its targets list may be a name bound
    once to one; a config's ID says nothing here); and a request through
    such a client naming none whose model picks an OpenAI entry of the gateway's model
    catalogue (`model="@openai-prod/gpt-4o"`). A key given to such a client is left (ML401);
    a client set up for the provider sends its requests' models there as written (ML206).

    ## Why
    The client sends every request to the gateway, which passes it on to OpenAI with the key
    the client gives it. `apply` moves OpenAI's own clients, not this one: its requests keep
    OpenAI's models and go on reaching OpenAI after the migration.

    ## Fix (manual)
    Set the gateway up for the provider (an entry of its model catalogue holding the
    provider's key, named by `provider=`), give the client that key instead of OpenAI's,
    and change the models of its requests to the provider's; or replace the client with an
    OpenAI client pointed at the provider.
    """

    code = "ML009"
    name = "gateway-client"
    category = "client"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import os\n\nfrom portkey_ai import Portkey\n\n"
            "client = Portkey(\n"
            '    config={"provider": "openai", "api_key": os.environ["OPENAI_API_KEY"]}\n)\n',
            provider="acme",
            message="Portkey's client passes its requests on to OpenAI (config's provider="
            "'openai'), and apply does not move it nor change its requests: set Portkey up for "
            "Acme Cloud (an entry of its model catalogue holding Acme Cloud's key, named by "
            "provider=), give the client that key (ACME_API_KEY) instead of OpenAI's and its "
            "requests Acme Cloud's models, or use an OpenAI client pointed at Acme Cloud, by "
            "hand",
        ),
        Example(
            "from portkey_ai import Portkey\n\nclient = Portkey()\n"
            'client.chat.completions.create(model="@openai-prod/gpt-4o", messages=[])\n',
            provider="acme",
            message="Portkey passes this request on to OpenAI (model='@openai-prod/gpt-4o': "
            "an entry of its model catalogue for OpenAI), and apply does not move it nor change "
            "it: set Portkey up for Acme Cloud (an entry of its model catalogue holding Acme "
            "Cloud's key, named by provider=), give the client that key (ACME_API_KEY) instead "
            "of OpenAI's and its requests Acme Cloud's models, or use an OpenAI client pointed "
            "at Acme Cloud, by hand",
        ),
        Example(  # the targets list bound to a module-level name
            "from portkey_ai import Portkey\n\n"
            'TARGETS = [{"virtual_key": "openai-vk"}]\n'
            'client = Portkey(config={"strategy": {"mode": "fallback"}, "targets": TARGETS})\n'
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="Portkey's client passes its requests on to OpenAI (config's virtual_key="
            "'openai-vk'), and apply does not move it nor change its requests: set Portkey up "
            "for Acme Cloud (an entry of its model catalogue holding Acme Cloud's key, named "
            "by provider=), give the client that key (ACME_API_KEY) instead of OpenAI's and its "
            "requests Acme Cloud's models, or use an OpenAI client pointed at Acme Cloud, by "
            "hand",
        ),
        Example(  # a config's ID: what it stands for is not known here
            'from portkey_ai import Portkey\n\nclient = Portkey(config="pc-openai-1a2b")\n'
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nfrom portkey_ai import Portkey\n\n"
            "client = Portkey(\n"
            '    api_key=os.environ["PORTKEY_API_KEY"],\n'
            '    provider="openai",\n'
            '    Authorization="Bearer " + os.environ["OPENAI_API_KEY"],\n)\n'
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="Portkey's client passes its requests on to OpenAI (provider='openai'), "
            "and apply does not move it nor change its requests: set Portkey up for Acme Cloud "
            "(an entry of its model catalogue holding Acme Cloud's key, named by provider=), "
            "give the client that key (ACME_API_KEY) instead of OpenAI's and its requests Acme "
            "Cloud's models, or use an OpenAI client pointed at Acme Cloud, by hand",
        ),
        Example(
            "from portkey_ai import AsyncPortkey\n\n"
            'client = AsyncPortkey(virtual_key="openai-vk")\n',
            message="Portkey's client passes its requests on to OpenAI (virtual_key="
            "'openai-vk'), and apply does not move it nor change its requests: set Portkey up "
            "for the provider (an entry of its model catalogue holding the provider's key, "
            "named by provider=), give the client that key instead of OpenAI's and its "
            "requests the provider's models, or use an OpenAI client pointed at the provider, "
            "by hand",
        ),
        Example(
            'from portkey_ai import Portkey\n\nclient = Portkey(provider="@acme-prod")\n',
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # Where the module's text spells no gateway's module, no call of it can build or go
        # through a gateway's client: a qualified name comes from an import or a dotted name
        # as written (the project's lazy stand-ins are litellm's). Asking every call's
        # qualified names was some 2% of the instructions of a scan of LlamaIndex's tree.
        self._gateways = any(module in ctx.text for module in GATEWAY_MODULES)

    def visit_Call(self, node: cst.Call) -> None:
        if not self._gateways:
            return
        client = gateway_client(self.ctx, node)
        if client is None:
            self._entry(node)
            return
        found = openai_setting(self.ctx, node)
        if found is None:
            return
        name, value = found
        self.report(
            node.func,
            f"{client.gateway}'s client passes its requests on to OpenAI ({name}={value!r}), "
            f"and apply does not move it nor change its requests: {self._advice(client)}",
            data={"gateway": client.gateway, "keyword": name, "value": value},
        )

    def _entry(self, node: cst.Call) -> None:
        """A request through a gateway client naming no OpenAI setting whose model names an
        entry of the gateway's model catalogue for OpenAI (`model="@openai/gpt-4o"`)."""
        found = openai_entry(self.ctx, node)
        clients = through_gateway(self.ctx, node) if found is not None else []
        if found is None or any(openai_setting(self.ctx, c) for c in clients):
            return  # the client's own finding covers its requests
        client = gateway_client(self.ctx, clients[0])
        assert client is not None
        arg, value = found
        self.report(
            arg.value,
            f"{client.gateway} passes this request on to OpenAI (model={value!r}: an entry "
            f"of its model catalogue for OpenAI), and apply does not move it nor change it: "
            f"{self._advice(client)}",
            data={"gateway": client.gateway, "keyword": "model", "value": value},
        )

    def _advice(self, client: ClientClass) -> str:
        provider = self.provider
        target = provider.name if provider is not None else "the provider"
        key = "that key" + (f" ({provider.api_key_env})" if provider else "")
        return (
            f"set {client.gateway} up for {target} (an entry of its model catalogue holding "
            f"{target}'s key, named by provider=), give the client {key} instead of "
            f"OpenAI's and its requests {target}'s models, or use an OpenAI client pointed "
            f"at {target}, by hand"
        )


GATEWAY_CLIENT_RULES = (GatewayClient,)
