"""ML645: a litellm call on a provider's route that sends OPENAI_API_KEY for an empty key."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import classify_url
from migrate_llm.rules.code_templates import os_imports
from migrate_llm.rules.framework_args import argument, insert_keywords, qualified
from migrate_llm.rules.framework_litellm import (
    litellm_function,
    model_call,
    route_key_expr,
    shared_call,
)
from migrate_llm.rules.litellm_route_keys import Sent, past_route
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext

_CALL = (
    "from litellm import completion\n\n\n"
    "def ask(q):\n"
    '    return completion(model="moonshot/kimi-k2.6", messages=q)\n'
)


class LitellmKeyFallback(PythonRule):
    """A litellm call on a provider's route that sends OPENAI_API_KEY where the key is empty.

    ## What it does
    With `--provider P`, finds the program's own `litellm.completion(...)` /
    `acompletion(...)` whose model, as written (a literal or a module constant), is on one
    of litellm's provider routes that fall back to OPENAI_API_KEY
    (`frameworks.litellm.OPENAI_KEY_FALLBACK`: `moonshot/`, `dashscope/`, `zai/`,
    `volcengine/`), given no `api_key=` and no `**` arguments. The provider is the one whose
    file names that route (`[frameworks] litellm_prefix`), whatever provider the run moves
    to; its key variable is that file's. apply never rewrites such a call for its model
    (ML640 moves OpenAI models only). Not a call whose route is named by
    `custom_llm_provider=`, nor one through a name bound to an SDK method too, nor one given
    an `api_base=` / `base_url=` not on that provider's host (`classify_url`: the program's
    own server, where the key goes instead), nor one in the `else` of the module's own test
    of that route (`litellm_route_keys.past_route`: t60e's shape), nor any where a module of
    the project sets litellm's own key (`litellm.api_key` / `litellm.openai_key`,
    `fw.GLOBAL_KEYS`: process-wide, and sent before OPENAI_API_KEY;
    `RunFacts.litellm_key_set`). `litellm.api_base` is
    not read on these routes (each gives its host as the default), so it changes nothing.

    ## Why
    On these routes litellm reads the provider's key variable and, where it is unset or
    empty, sends OPENAI_API_KEY to the provider's host in its place (measured with litellm
    1.82.3 and 1.110.2: `Bearer <OPENAI_API_KEY>` reached the loopback server standing for
    Kimi). An OpenAI key that a `.env`, a client left on OpenAI or the shell still holds
    then goes to another company; only apply's Next line said so.

    ## Fix (review)
    apply passes the key read its own edits of such calls write (`route_key_expr`:
    `api_key=os.environ["MOONSHOT_API_KEY"] or "unset"`, `os.environ.get(...)` where it
    runs at import): never empty, so an empty variable gets a 401 from the provider instead
    of carrying the OpenAI key. Where litellm's route reads another variable than the one
    apply's edits read (`volcengine/`: VOLCENGINE_API_KEY, where the Doubao file's key is
    ARK_API_KEY), the call is left to you (manual): the edit would change which variable it
    reads.

    The message names litellm's function as it is (`litellm.completion()`), also where the
    module calls it through an alias.

    ## Data
    `route` (litellm's prefix), `key_env` (the variable the route reads; apply's Next line
    names those of other providers' routes, which must now be set), `provider` (the provider
    file naming the route).
    """

    code = "ML645"
    name = "litellm-key-fallback"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            _CALL,
            provider="moonshot",
            message="litellm.completion() sends 'moonshot/kimi-k2.6' on litellm's moonshot/ "
            "route with no api_key: litellm reads MOONSHOT_API_KEY there and, where it is unset "
            "or empty, sends OPENAI_API_KEY to Moonshot AI (Kimi) in its place; apply passes "
            'api_key=os.environ["MOONSHOT_API_KEY"] or "unset", as its edits of such calls '
            "write it (an empty variable then gets a 401 from Moonshot AI (Kimi))",
            after="import os\n\n"
            + _CALL.replace(
                'completion(model="moonshot/kimi-k2.6", messages=q)',
                "completion(\n"
                '        model="moonshot/kimi-k2.6",\n'
                '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
                "        messages=q,\n"
                "    )",
            ),
        ),
        # the route reads VOLCENGINE_API_KEY, apply's edits ARK_API_KEY: left to a person
        Example(
            "import litellm\n\n"
            'r = litellm.completion(model="volcengine/doubao-seed-2-1-turbo-260628", '
            "messages=[])\n",
            provider="deepseek",
            message="litellm.completion() sends 'volcengine/doubao-seed-2-1-turbo-260628' on "
            "litellm's volcengine/ route with no api_key: litellm reads VOLCENGINE_API_KEY "
            "there and, where it is unset or empty, sends OPENAI_API_KEY to ByteDance Doubao "
            "(Volcengine Ark) in its place; pass a key read that is never empty by hand: "
            'api_key=os.environ.get("ARK_API_KEY") or "unset", as apply\'s edits write it '
            "(they read ARK_API_KEY, where this call reads VOLCENGINE_API_KEY: set ARK_API_KEY "
            "too)",
        ),
        Example(
            _CALL.replace("messages=q", "messages=q, api_key=key"), provider="moonshot", finds=False
        ),
        Example(_CALL.replace("moonshot/", "deepseek/"), provider="moonshot", finds=False),
        Example(_CALL.replace("messages=q", "**q"), provider="moonshot", finds=False),
        # the else of the module's own test of that route (t60e's shape): the default goes to
        # the if's call, which is given the key; the else sends the other routes' models
        Example(
            "import os\n\nfrom litellm import completion\n\n\n"
            'def ask(q, model="zai/glm-5.3"):\n'
            '    if model.startswith("zai/"):\n'
            "        key = os.environ['ZAI_API_KEY']\n"
            "        return completion(model=model, messages=q, api_key=key)\n"
            "    return completion(model=model, messages=q)\n",
            provider="zhipu",
            finds=False,
        ),
        # the program's own server: the key goes there, not to Moonshot
        Example(
            _CALL.replace("messages=q", 'messages=q, api_base="http://localhost:8000/v1"'),
            provider="moonshot",
            finds=False,
        ),
        # litellm's own key, set process-wide: litellm sends it before OPENAI_API_KEY
        Example(
            "import os\n\nimport litellm\n\n"
            'litellm.api_key = os.environ["MY_GATEWAY_KEY"]\n'
            'r = litellm.completion(model="moonshot/kimi-k2.6", messages=[])\n',
            provider="moonshot",
            finds=False,
        ),
        # an alias: the message names litellm's function
        Example(
            _CALL.replace("import completion", "import completion as c").replace(
                "return completion(", "return c("
            ),
            provider="moonshot",
            message="litellm.completion() sends 'moonshot/kimi-k2.6' on litellm's moonshot/ "
            "route with no api_key: litellm reads MOONSHOT_API_KEY there and, where it is unset "
            "or empty, sends OPENAI_API_KEY to Moonshot AI (Kimi) in its place; apply passes "
            'api_key=os.environ["MOONSHOT_API_KEY"] or "unset", as its edits of such calls '
            "write it (an empty variable then gets a 401 from Moonshot AI (Kimi))",
            after="import os\n\n"
            + _CALL.replace("import completion", "import completion as c").replace(
                'completion(model="moonshot/kimi-k2.6", messages=q)',
                "c(\n"
                '        model="moonshot/kimi-k2.6",\n'
                '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
                "        messages=q,\n"
                "    )",
            ),
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        ctx = self.ctx
        if self.provider is None or not ctx.mentions("litellm"):
            return
        function = litellm_function(ctx, node)
        if function is None or fw.CALLS[function[1]] != "chat" or shared_call(ctx, node):
            return
        if ctx.rules.facts.litellm_key_set or _sets_litellm_key(ctx):
            return  # litellm sends the project's own `litellm.api_key` first
        found = model_call(ctx, node)
        if found is None or found.model is None or any(a.star for a in node.args):
            return
        if argument(node, found.key, None) is not None:
            return
        if argument(node, fw.ROUTE_KEYWORD, None) is not None:
            return
        resolved = ctx.resolve_literal(found.model.value)
        head = fw.route(resolved[1])[0] if resolved is not None else ""
        owner = self._route_provider(head) if head in fw.OPENAI_KEY_FALLBACK else None
        if resolved is None or owner is None or not self._on_host(node, found.bases, owner):
            return
        if past_route(ctx, node, head, Sent(node, (found.model.value,))):
            return  # the else of the module's own test of that route: other routes' models
        variable = owner.route_variables(head)[0]
        key = route_key_expr(ctx, owner, node, head)
        head_text = (
            f"{function[1]}() sends {resolved[1]!r} on litellm's {head}/ route with no "
            f"api_key: litellm reads {variable} there and, where it is unset or empty, sends "
            f"{fw.OPENAI_KEY_VAR} to {owner.name} in its place; "
        )
        data = {"route": head, "key_env": variable, "provider": owner.id}
        if variable != owner.api_key_env:
            self.report(
                node.func,
                head_text + f"pass a key read that is never empty by hand: api_key={key}, as "
                f"apply's edits write it (they read {owner.api_key_env}, where this call reads "
                f"{variable}: set {owner.api_key_env} too)",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        after = found.model if found.model.keyword is not None else None
        inserted = insert_keywords(ctx, node, {found.key: key}, after=after)
        self.report(
            node.func,
            head_text + f"apply passes api_key={key}, as its edits of such calls write it (an "
            f"empty variable then gets a 401 from {owner.name})",
            edit=Edit(inserted.span, inserted.text, os_imports(inserted.text)),
            data=data,
        )

    def _on_host(self, node: cst.Call, bases: tuple[str, ...], owner: Provider) -> bool:
        """Whether every base URL the call gives (`api_base=`, `base_url=`) is on `owner`'s
        host (`classify_url`): one elsewhere (the program's own server) takes the key there,
        not to the provider."""
        for name in bases:
            given = argument(node, name, None)
            if given is None:
                continue
            url = self.ctx.resolve_literal(given.value)
            host = classify_url(self.ctx, url[1]).provider if url is not None else None
            if host is None or host.id != owner.id:
                return False
        return True

    def _route_provider(self, prefix: str) -> Provider | None:
        """The provider whose file names litellm's route `prefix` (`litellm_route`): the
        run's own (as its region reads it) where it does, else the registry's."""
        target = self.provider
        if target is not None and (route := target.litellm_route()) and route[0] == prefix:
            return target
        owners = [
            p
            for p in self.ctx.rules.registry.providers.values()
            if (route := p.litellm_route()) is not None and route[0] == prefix
        ]
        return owners[0] if len(owners) == 1 else None


_LITELLM = frozenset({fw.MODULE})


def _sets_litellm_key(ctx: PythonContext) -> bool:
    """Whether the module sets litellm's own key (`litellm.api_key = ...`, `fw.GLOBAL_KEYS`);
    the project's other modules tell it by `RunFacts.litellm_key_set`."""
    found = ctx.analyses.get(_sets_litellm_key)
    if found is None:
        found = ctx.analyses[_sets_litellm_key] = any(
            isinstance(node, cst.Assign)
            and any(
                isinstance(target := t.target, cst.Attribute)
                and target.attr.value in fw.GLOBAL_KEYS
                and qualified(ctx, target.value, _LITELLM) is not None
                for t in node.targets
            )
            for node in ctx.nodes
        )
    return bool(found)


LITELLM_KEY_FALLBACK_RULES = (LitellmKeyFallback,)
