"""ML642: code that puts litellm's OpenAI route on a model chosen at run time."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_litellm import calls_litellm
from migrate_llm.rules.python import DeferredRule
from migrate_llm.rules.python_context import string_value

_CALL = "    return litellm.completion(model=model, messages=messages, api_base=api_base)\n"
_PREFIXED = (
    "import litellm\n\n\ndef ask(model, messages, api_base=None):\n"
    '    if api_base and not model.startswith("openai/"):\n'
    '        model = "openai/" + model\n' + _CALL
)


class LitellmOpenAIRoute(DeferredRule):
    """Code that puts litellm's OpenAI route on a model chosen at run time.

    ## What it does
    With `--provider P` (not `openai`), finds a route of `fw.OPENAI_ROUTES` (`openai/`,
    `text-completion-openai/`) put in front of a value at run time: `"openai/" + model`,
    `f"openai/{model}"`, `"openai/%s" % model`, `"openai/{}".format(model)`, in a module that
    calls litellm or in a run where one does (open-interpreter's `--api_base`: `if
    llm.api_base and not model.lower().startswith("openai/"): model = "openai/" + model`).
    Not where a test around it names the provider's litellm route (`not
    model.startswith("deepseek/")`): the code already keeps the provider's models off it.

    ## Why
    litellm sends a model on that route with OPENAI_API_KEY (`fw.OPENAI_ROUTES`) unless the
    call passes `api_key=`, to the `api_base` the call gives, and the name after the prefix
    as it is. After the switch the program's models are the provider's, on litellm's route
    for it (`deepseek/deepseek-v4-pro`, as apply writes them): the prefix makes it
    `openai/deepseek/deepseek-v4-pro`, and the server at that `api_base` receives your OpenAI
    key (t48d: the loopback server got `Bearer sk-openai-...`) and a model name it does not
    know. Nothing else reports it, and `check` passed.

    ## Fix (manual)
    Leave the provider's route out of the prefix (its route takes `api_base=` too), or pass
    the provider's key with it (`api_key=os.environ["DEEPSEEK_API_KEY"]`) and its model
    without the route. Never the OpenAI key: it is not the provider's. A warning, before and
    after apply, so `check` fails until the code changes.

    ## Data
    `route` (the prefix put on, `openai`), `key_sent` (the variable litellm reads for it),
    `api_key_env` (the provider's), `litellm_route` (the provider's route, where it has one).
    """

    code = "ML642"
    name = "litellm-openai-route"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    silent_when_modernising = True
    examples = (
        Example(
            _PREFIXED,
            provider="acme",
            message='`"openai/" + model` puts litellm\'s OpenAI route on a model chosen at run '
            "time: litellm sends it with OPENAI_API_KEY unless the call passes api_key=, to the "
            "api_base given (else to OpenAI), and the name after the prefix as it is. After the "
            "switch the models here are Acme Cloud's, on litellm's acme/ route (as apply writes "
            "them): your OpenAI key and acme/<model> would go to that server. Leave acme/ models "
            "out of it (their route takes api_base= too), or pass Acme Cloud's key with it "
            '(api_key=os.environ["ACME_API_KEY"]) and the model without acme/, by hand',
        ),
        Example(
            "import litellm\n\n\ndef ask(model, messages, api_base=None):\n"
            '    model = f"openai/{model}" if api_base else model\n' + _CALL,
            provider="acme",
        ),
        Example(
            _PREFIXED.replace('startswith("openai/")', 'startswith(("openai/", "acme/"))'),
            provider="acme",
            finds=False,
        ),
        Example('def route(model):\n    return "openai/" + model\n', provider="acme", finds=False),
        Example(_PREFIXED, provider="openai", finds=False),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.built: list[tuple[cst.BaseExpression, str]] = []  # (expression, route)
        self.calls = False

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        left = string_value(node.left)
        if left is None:
            return
        if isinstance(node.operator, cst.Add) and string_value(node.right) is None:
            self._built(node, left, "")
        elif isinstance(node.operator, cst.Modulo):
            self._built(node, left, "%")

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        parts = node.parts
        if (
            len(parts) > 1
            and isinstance(parts[0], cst.FormattedStringText)
            and isinstance(parts[1], cst.FormattedStringExpression)
        ):
            self._built(node, parts[0].value, "")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            text = string_value(func.value)
            if text is not None:
                self._built(node, text, "{")
        if not self.calls:
            self.calls = calls_litellm(self.ctx, node)

    def _built(self, node: cst.BaseExpression, text: str, placeholder: str) -> None:
        """Note `node` where `text` is a route of `fw.OPENAI_ROUTES` and a slash, then the
        `placeholder` a value fills at run time (`%`, `{`), or nothing (`placeholder` "":
        the value follows the text, `+` or an f-string's expression)."""
        head, slash, rest = text.partition("/")
        if (
            head in fw.OPENAI_ROUTES
            and slash
            and (rest[:1] == placeholder if placeholder else not rest)
        ):
            self.built.append((node, head))

    def finish(self) -> None:
        provider, rules = self.provider, self.ctx.rules
        if not self.built or provider is None or not rules.switching:
            return
        if not (self.calls or rules.facts.litellm_project):
            return
        prefix = provider.frameworks.get("litellm_prefix")
        route = prefix if isinstance(prefix, str) else None
        for node, head in self.built:
            if route is not None and self._kept_apart(node, route):
                continue
            self.report(
                node,
                self._message(node, head, route),
                data={
                    "route": head,
                    "key_sent": fw.OPENAI_ROUTES[head],
                    "api_key_env": provider.api_key_env,
                    **({"litellm_route": route} if route else {}),
                },
            )

    def _message(self, node: cst.BaseExpression, head: str, route: str | None) -> str:
        assert self.provider is not None
        name, env = self.provider.name, self.provider.api_key_env
        sent = (
            f"`{self.snippet(node)}` puts litellm's OpenAI route on a model chosen at run time: "
            f"litellm sends it with {fw.OPENAI_ROUTES[head]} unless the call passes api_key=, to "
            "the api_base given (else to OpenAI), and the name after the prefix as it is. "
        )
        key = f'pass {name}\'s key with it (api_key=os.environ["{env}"])'
        if route is None:
            return (
                f"{sent}After the switch the models here are {name}'s: your OpenAI key would go "
                f"to its server; {key}, by hand"
            )
        return (
            f"{sent}After the switch the models here are {name}'s, on litellm's {route}/ route "
            f"(as apply writes them): your OpenAI key and {route}/<model> would go to that "
            f"server. Leave {route}/ models out of it (their route takes api_base= too), or "
            f"{key} and the model without {route}/, by hand"
        )

    def _kept_apart(self, node: cst.BaseExpression, route: str) -> bool:
        """Whether a test around `node` (of an `if`, `elif`, `while` or `X if T else Y`
        holding it) names the provider's litellm route (`"deepseek/"`, `"deepseek"`)."""
        ctx = self.ctx
        for holder in ctx.ancestors(node):
            test = holder.test if isinstance(holder, (cst.If, cst.While, cst.IfExp)) else None
            if test is None or test is node:
                continue
            start = ctx.index_of(test)
            for inner in ctx.nodes[start : ctx.ends[start]]:
                text = string_value(inner) if isinstance(inner, cst.SimpleString) else None
                if text is not None and text.partition("/")[0] == route:
                    return True
        return False


LITELLM_ROUTE_RULES = (LitellmOpenAIRoute,)
