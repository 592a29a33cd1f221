"""ML009: a gateway's own SDK client (Portkey's, `frameworks.gateways.GATEWAY_CLIENTS`) set
up to pass its requests on to OpenAI.

Its requests are shaped as the OpenAI SDK's (`client.chat.completions.create`), but go to the
gateway, which sends them to the service its construction names (`provider="openai"`). `apply`
does not move such a client, so neither its requests' models nor their parameters are
rewritten (`PythonContext.through_gateway_client`); this rule keeps `check` red on it.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks.gateways import GATEWAY_CLIENTS, names_openai
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import keyword


class GatewayClient(PythonRule):
    """A gateway's own SDK client (Portkey's) that passes its requests on to OpenAI.

    ## What it does
    Finds a construction of a gateway's own client (`portkey_ai.Portkey`, `AsyncPortkey`:
    the table `frameworks/gateways.py`, with its source) whose `provider=` or `virtual_key=`
    names OpenAI (`"openai"`, a model catalogue slug such as `"@openai-prod"`), as a string
    or a name bound to one.

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

    def visit_Call(self, node: cst.Call) -> None:
        found = self.ctx.qualnames(node.func) & GATEWAY_CLIENTS.keys()
        if not found:
            return
        client = GATEWAY_CLIENTS[min(found)]
        for name in client.service_keywords:
            arg = keyword(node, name)
            resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
            if resolved is None or not names_openai(client, resolved[1]):
                continue
            provider = self.provider
            target = provider.name if provider is not None else "the provider"
            key = "that key" + (f" ({provider.api_key_env})" if provider else "")
            self.report(
                node.func,
                f"{client.gateway}'s client passes its requests on to OpenAI ({name}="
                f"{resolved[1]!r}), and apply does not move it nor change its requests: set "
                f"{client.gateway} up for {target} (an entry of its model catalogue holding "
                f"{target}'s key, named by provider=), give the client {key} instead of "
                f"OpenAI's and its requests {target}'s models, or use an OpenAI client pointed "
                f"at {target}, by hand",
                data={"gateway": client.gateway, "keyword": name, "value": resolved[1]},
            )
            return


GATEWAY_CLIENT_RULES = (GatewayClient,)
