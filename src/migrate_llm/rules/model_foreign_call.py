"""ML206: an OpenAI model id passed to a call that is not the OpenAI SDK (a framework's),
left as it is."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks.pydantic_ai import OPENAI_PREFIXES, PYDANTIC_AI
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_classes import mentions_framework
from migrate_llm.rules.framework_langroid import owns_model
from migrate_llm.rules.framework_litellm import (
    azure_route_text,
    names_smolagents_openai,
    openai_shaped,
)
from migrate_llm.rules.gateway_clients import gateway_to_provider
from migrate_llm.rules.image_requests import image_model_nodes
from migrate_llm.rules.model_expectations import expectation
from migrate_llm.rules.model_forms import litellm_need, litellm_route
from migrate_llm.rules.model_places import Site
from migrate_llm.rules.model_site_rules import SitesRule
from migrate_llm.rules.model_string_helpers import litellm_takes, slash_kept_advice
from migrate_llm.rules.models import article
from migrate_llm.rules.prefixed_recipe import build_advice, why_openai
from migrate_llm.rules.project_calls import project_import


class ModelForeignCall(SitesRule):
    """An OpenAI model id passed as `model=` to a call that is not the OpenAI SDK.

    ## What it does
    Finds `model="gpt-4o"` (or another model-like keyword) given to a framework migrate-llm
    has no rule for, or a function that migrate-llm cannot follow to an OpenAI SDK call
    (the Agents SDK, litellm, DSPy, autogen-ext, LangChain and LlamaIndex have rules of
    their own: ML6xx; the model given to a LangChain chat model's request method,
    `llm.invoke(q, model="gpt-4o")`, is ML201's, and so is the one instructor's
    `from_openai(client, model=...)` is given, which its client's requests send). A function
    of the same module whose
    parameter reaches `model=` of an SDK call is followed instead (ML204 maps its
    arguments), also through the functions handing it on as it is, and one another module of
    the project defines, imported by name (`forwarding`). A model chosen at run time for a
    DSPy call (`model or "gpt-4o"`), or in a dict spread into a DSPy call with `**` (or
    into a litellm call, not as the fallback of its model, which is ML204's as
    `completion(model=m or "gpt-4o")` is), is reported here: ML640 rewrites only a model the
    module fixes, and a bare provider model would reach litellm without its route, key and
    base URL. So is a model in
    a dict display given as a keyword argument to a class imported from another package, or
    to its `from_...` constructor (`Evaluator(metric_params={"model": "gpt-4o-mini"})`): the
    library builds its own client from it; but not one beside OpenAI's base URL that ML402
    points at the provider, or the provider's, in the same dict: the client goes there, so
    the model is ML204's, as one in a dict nested in it is (TaskWeaver's `AppConfigSource(
    config={"llm.api_base": URL, "llm.model": "gpt-3.5-turbo-1106"})`, t51e; left here
    where ML402 leaves the URL, with a key beside it). So is the model entry of a settings
    dict given to a class named like OpenAI that no table knows and the project does not hold,
    or to a class of the module deriving from one, by keyword or by position, itself or through
    a name bound to it (`dict(model=...)` too: `openai_configs`): vanna's `OpenAI_Chat(config=
    {"api_key": key, "model": "gpt-4o"})` builds its client at OpenAI's URL, and ML401 leaves
    the key beside it (t56e D1). Not a function's argument
    (`wandb.init(config={...})`), a dict given by position (`EasyDict({...})`, a container
    the program reads back), nor a class of the module, the standard library, an HTTP
    library, the SDK or a framework with
    rules of its own (AutoGen's `llm_config`, ML660). The fallback of the model of an
    SDK request, a litellm call or a framework's OpenAI class (`model=m or "gpt-4o"`, `m if c
    else "gpt-4o"`, `getattr(self, "model", "gpt-4o")`) is a setting: ML204's.
    `model="openai:gpt-4o"` in a module that imports pydantic-ai (or of a run where a module
    does) is ML671's (another model after that prefix still goes to OpenAI); elsewhere it is
    an error here with ML671's advice: pydantic-ai reads such a string (`agent.override(
    model="openai:gpt-4o")` on an agent imported from elsewhere), and the table's model after
    `openai:` would still go to OpenAI. For a
    request shaped as the SDK's through a client the module does not trace, the model the
    message suggests is the one ML201 would write there: the provider's model for images where
    the request sends images; through a client another module's function returns that apply
    points at the provider (`RunFacts.provider_factories`), the model is ML204's. A function
    of a module openai 1.0 removed
    (`openai.embeddings_utils.get_embedding`, `openai_sdk.V0_ONLY_MODULES`) is named as
    openai<1's helper, which ML302 reports the import of. For a call whose name says it goes
    to litellm (`LitellmModel(model="gpt-4o")`) it is the model on the provider's litellm
    route (`deepseek/deepseek-v4-pro`): litellm refuses a provider's bare id; so it is for the
    request of a class shaped as an OpenAI client that hands its model to litellm (mem0's
    proxy `Mem0(...).chat.completions.create`, `frameworks.litellm.OPENAI_SHAPED`), with the
    `api_key=` and `base_url=` to pass there and the gate it asks litellm first. For a call
    of the project's own code in another module (`Agent(model_name="gpt-4o")`, swarms' Agent
    handing it on to litellm, t65c R2) from a module using neither litellm nor an OpenAI
    client, where a module of the project calls litellm, it names litellm's form too: that
    litellm needs `moonshot/kimi-k2.6` (where no module of the project uses an OpenAI client),
    or that litellm needs it and an OpenAI client takes the bare id, with nothing there showing
    which the call reaches; before, the bare id alone was named, which litellm refuses
    ("LLM Provider NOT provided"). Where the project's facts show that parameter reaching
    litellm's model (`RunFacts.litellm_model_params`), the model is ML204's, written on the
    provider's route. A model on litellm's route to Azure OpenAI given there
    (`LitellmModel(model="azure/gpt-4o-mini")`, STORM's engine, t54f A; for a callee whose
    name does not say litellm, only with an OpenAI model as the deployment's name) is
    reported with ML640's words for a litellm call: it talks to Azure OpenAI; write
    `openai/<model>` (what the deployment's name maps to) with the provider's key and base
    URL and no api_version, by hand. A request through a gateway's own
    client set up for the provider (`Portkey(provider="deepseek")`, its base URL the
    provider's: `gateway_clients.provider_setting`) sends its model there as written: an
    OpenAI model given there, or in a constant or default only such requests send, is
    reported with the model to write, which apply does not write. A request through another
    service's own client (`Groq()`, `frameworks/other_sdks.py`) is that service's: no finding.

    ## Why
    Frameworks choose their provider their own way; `apply` does not migrate them, so their
    model names stay OpenAI's.

    ## Fix (manual)
    Configure the framework for the provider and use one of its models. Without a provider
    (`scan` alone) the message says only that (nothing for a model a test asserts, which
    follows the setting it checks); silent with `--provider openai`.
    """

    code = "ML206"
    name = "model-foreign-call"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # a gateway's client set up for the provider sends the model there as written
        Example(
            "from portkey_ai import Portkey\n\n"
            'client = Portkey(provider="acme")\n'
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to client.chat.completions.create(), a request "
            "through Portkey's client, which passes it on to Acme Cloud (provider='acme') with "
            "its model as written, and apply does not change requests through Portkey: Acme "
            "Cloud does not serve gpt-4o; use an Acme Cloud model there (the model table says "
            "'acme-large'), by hand",
        ),
        # t68c: a test hands the project's class a model it passes on as one: sent, as
        # outside tests, not test data (ML205's note)
        Example(
            "from llmkit import Chat\n\n\nclass Bot:\n    def __init__(self, model):\n"
            "        self.llm = Chat(model_name=model)\n\n\n"
            'def test_bot():\n    assert Bot(model="gpt-4o").llm\n',
            provider="acme",
            path="test_bot.py",
            message="model='gpt-4o' goes to Bot(), which is not an OpenAI SDK call, so apply "
            "leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large')",
        ),
        Example(  # instructor's wrapper: its client's requests send the model (ML201)
            "import instructor\nfrom openai import OpenAI\n\n"
            'client = instructor.from_openai(OpenAI(), model="gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from llmkit import completion\ncompletion(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large')",
        ),
        Example(
            'from llmkit import completion\ncompletion(model="gpt-4o", messages=[])\n',
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; for another provider use one of its models there (`migrate-llm "
            "scan --provider ID` names it)",
        ),
        # t64f: an unknown library's settings holding OpenAI's key read and no base URL: the
        # model stays with the key (ML401 leaves it), where the library's default URL sends it
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            'Framework.set_settings("OpenAI", {"model": "gpt-4o", '
            '"auth": os.environ["OPENAI_API_KEY"]})\n',
            provider="acme",
            message="model='gpt-4o' goes to Framework.set_settings(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there "
            "(the model table says 'acme-large')",
        ),
        # ... also through a name bound to the settings (s65)
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            "cfg = {}\n"
            'cfg["model"] = "gpt-4o"\n'
            'cfg["auth"] = os.environ["OPENAI_API_KEY"]\n'
            'Framework.set_settings("OpenAI", cfg)\n',
            provider="acme",
            message="model='gpt-4o' goes to Framework.set_settings(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there "
            "(the model table says 'acme-large')",
        ),
        Example(
            "from evalkit import Judge\n\n"
            'judge = Judge(judge_params={"model": "gpt-4o-mini", "threshold": 0.5})\n',
            provider="acme",
            message="judge_params['model']='gpt-4o-mini' goes to Judge(), which is not an OpenAI "
            "SDK call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model "
            "there (the model table says 'acme-small')",
        ),
        Example(
            "from app.clients import make_client\n\nclient = make_client()\n"
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to client.chat.completions.create(), an SDK call "
            "through a client this module does not trace (built or passed in elsewhere), so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the "
            "model table says 'acme-large')",
        ),
        # t56e D1: the settings a class named like OpenAI builds its own client from
        Example(
            "from sqlkit.chat import OpenAI_Chat\nfrom sqlkit.store import Store\n\n\n"
            "class MyKit(Store, OpenAI_Chat):\n    pass\n\n\n"
            'kit = MyKit(config={"model": "gpt-4o"})\n',
            provider="acme",
            message="config['model']='gpt-4o' goes to MyKit(), which is not an OpenAI SDK call, "
            "so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the "
            "model table says 'acme-large')",
        ),
        # t44b: camel's image toolkit, on a provider whose OpenAI-compatible API has no images
        Example(
            'from toolkit import make_image\n\nmake_image(prompt="cat", model="dall-e-3")\n',
            provider="qwen",
            message="model='dall-e-3' goes to make_image(), which is not an OpenAI SDK call, so "
            "apply leaves it; Alibaba Qwen (DashScope / Model Studio) serves no images API on "
            "its OpenAI-compatible endpoint, so no Alibaba Qwen (DashScope / Model Studio) "
            "model can go there: keep that call on OpenAI (its key from OpenAI's variable) or "
            "move it to another service, by hand",
        ),
        # t44g: generative-ai-for-beginners' lesson 08, on a provider serving no embeddings
        Example(
            "from openai.embeddings_utils import get_embedding\n\n"
            'v = get_embedding("hi", engine="text-embedding-ada-002")\n',
            provider="deepseek",
            message="engine='text-embedding-ada-002' goes to get_embedding(), openai<1's helper "
            "openai.embeddings_utils.get_embedding (removed in openai 1.0: ML302), so apply "
            "leaves it; DeepSeek serves no embeddings API on its OpenAI-compatible endpoint, "
            "so no DeepSeek model can go there: keep that call on OpenAI (its key from OpenAI's "
            "variable) or move it to another service, by hand",
        ),
        # t49a: what litellm takes is the model on the provider's route, not the bare id
        Example(
            "from litellm import completion\n\n\n"
            "def ask(key):\n"
            '    return completion(api_key=key, **{"model": "gpt-4o", "messages": []})\n',
            provider="acme",
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large'; litellm takes it as 'acme/acme-large')",
        ),
        # litellm, DSPy and the Agents SDK have rules of their own (ML631, ML640)
        Example(
            'from litellm import completion\ncompletion(model="gpt-4o", messages=[])\n',
            provider="acme",
            finds=False,
        ),
        # a name bound to one SDK method is that method (ML201 maps the model)
        Example(
            "from openai import OpenAI\nc = OpenAI()\nask = c.chat.completions.create\n"
            'ask(model="gpt-4o", messages=[])\n',
            provider="acme",
            finds=False,
        ),
    )

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        provider = self.provider
        if provider is not None and not self.ctx.rules.switching:
            return
        for site in sites["foreign"]:
            if self.sites.library_owns(site) or owns_model(self.ctx, site.node):
                continue  # ML671's, ML693's
            if provider is not None and provider.serves(site.model):
                continue
            helper = self._v0_helper(site)
            request = site.place.request
            shaped = None if request is None else openai_shaped(self.ctx, request)
            gateway = None if request is None else gateway_to_provider(self.ctx, request)
            if helper is not None:
                what = f"openai<1's helper {helper} (removed in openai 1.0: ML302)"
            elif gateway is not None and provider is not None:
                name, setting, value = gateway
                self.report(
                    site.node,
                    f"{site.place.detail}={site.prefix + site.model!r} goes to "
                    f"{site.place.where}(), a request through {name}'s client, which passes it "
                    f"on to {provider.name} ({setting}={value}) with its model as written, "
                    f"and apply does not change requests through {name}: {provider.name} does "
                    f"not serve {site.model}; use {article(provider.name)} {provider.name} "
                    f"model there{self._suggestion(site)}, by hand",
                    data={"gateway": name, "setting": f"{setting}={value}"},
                )
                continue
            elif shaped is not None:
                what = f"the request of {shaped[0]}, shaped as the SDK's"
            elif sdk.sdk_shaped(site.place.where) is not None:
                what = (
                    "an SDK call through a client this module does not trace (built or passed "
                    "in elsewhere)"
                )
            else:
                what = "which is not an OpenAI SDK call"
            if site.prefix in OPENAI_PREFIXES:
                self._report_prefixed(site, what)
                continue
            head = (
                f"{site.place.detail}={site.prefix + site.model!r} goes to "
                f"{site.place.where}(), {what}, so apply leaves it"
            )
            if provider is None:
                if expectation(self.ctx, site.node):
                    continue  # a test's expected value follows the setting it checks
                self.report(
                    site.node,
                    f"{head}; for another provider use one of its models there "
                    "(`migrate-llm scan --provider ID` names it)",
                )
                continue
            surface = sdk.surface_of_model(site.model)
            if provider.support(surface) is False:
                # dall-e-3 given to an images helper, on a provider serving no images
                self.report(
                    site.node,
                    f"{head}; {provider.name} serves no {surface} API on its OpenAI-compatible "
                    f"endpoint, so no {provider.name} model can go there: keep that call on "
                    "OpenAI (its key from OpenAI's variable) or move it to another service, by "
                    "hand",
                )
                continue
            hint = self._suggestion(site)
            self.report(
                site.node,
                f"{head}; if it talks to {provider.name}, use {article(provider.name)} "
                f"{provider.name} model there{hint}",
            )
        for site in self.sites.azure_sites:
            self._report_azure(site)
        for site in self.sites.slash_sites:
            if site.place.kind == "foreign":
                self.report(
                    site.node,
                    f"{site.place.detail}={site.prefix + site.model!r} goes to "
                    f"{site.place.where}(), which is not an OpenAI SDK call, so apply leaves "
                    f"it; {slash_kept_advice(self.ctx.rules, site)}",
                )

    def _report_azure(self, site: Site) -> None:
        """`model="azure/gpt-4o-mini"` given to a call this module does not know (STORM's
        `LitellmModel`, t54f A): litellm's route to Azure OpenAI, which another library
        would not take, where the deployment is named as an OpenAI model or the callee's name
        says it goes to litellm. What to write for litellm in its place, as ML640 says for a
        litellm call."""
        sites, value = self.sites, site.prefix + site.model
        named = "litellm" in site.place.where.lower()
        if not (named or sites.is_model(site.model)):
            return
        said = (
            f"{site.place.detail}={value!r} goes to {site.place.where}(), which is not an OpenAI "
            f"SDK call, so apply leaves it; {'' if named else 'if it goes to litellm, '}it talks "
            f"to Azure OpenAI: {value!r} is {azure_route_text(value)}"
        )
        provider = self.provider
        data: dict[str, object] = {"model_from": value, "litellm_route": site.prefix[:-1]}
        if provider is None:
            self.report(
                site.node, f"{said}; `migrate-llm scan --provider ID` says what to use instead"
            )
            return
        surface = sdk.surface_of_model(site.model)
        new = self.ctx.rules.map_model(site.model)
        if new is None:
            what = (
                f"a model of theirs on litellm's route ({', '.join(provider.candidates(surface))})"
            )
        else:
            routed = litellm_route(provider, new, surface == "chat")
            written = routed or f"{fw_litellm.OPENAI_PREFIX}/{new}"
            data["model_to"] = written
            what = f"{written!r} (what {site.model} maps to)"
        url = self.ctx.rules.base_url
        assert url is not None
        self.report(
            site.node,
            f"{said}; for {provider.name} write {what} with api_key={key_expr(provider)} and "
            f"api_base={base_url_expr(provider, url)}, and no api_version, by hand",
            data=data,
        )

    def _v0_helper(self, site: Site) -> str | None:
        """`openai.embeddings_utils.get_embedding` where the call `site` is given to is a
        function of a module openai 1.0 removed (`sdk.V0_ONLY_MODULES`); None otherwise."""
        ctx = self.ctx
        if not ctx.v0_only_imports:
            return None
        path = (*ctx.ancestors(site.node), site.node)
        call = next(
            (
                outer
                for outer, inner in zip(path[-2::-1], path[:0:-1], strict=True)
                if isinstance(outer, cst.Call) and isinstance(inner, cst.Arg)
            ),
            None,
        )
        if call is None:
            return None
        for name in sorted(ctx.qualnames(call.func)):
            if any(name.startswith(f"{module}.") for module in sdk.V0_ONLY_MODULES):
                return name
        return None

    def _report_prefixed(self, site: Site, what: str) -> None:
        """`"openai:gpt-4o"` given to a call of a library this module does not import (an
        agent imported from elsewhere): pydantic-ai's way of naming a model, whose prefix keeps
        it on OpenAI whatever the model. An error, with ML671's advice."""
        rules = self.ctx.rules
        advice = build_advice(
            PYDANTIC_AI, rules.provider, rules.base_url, rules.map_model(site.model), "there"
        )
        self.report(
            site.node,
            f"{site.place.detail}={site.prefix + site.model!r} goes to {site.place.where}(), "
            f"{what}, so apply leaves it; if it is a pydantic-ai model string, "
            f"{why_openai(PYDANTIC_AI, site.prefix)}: {advice}",
            severity=Severity.ERROR,
        )

    def _suggestion(self, site: Site) -> str:
        """What the model table says for `site`, chosen as ML201 chooses (`map_model`): the
        provider's model for images where the request sends images (`image_model_nodes`)."""
        rules = self.ctx.rules
        images = id(site.node) in image_model_nodes(self.ctx)
        new = rules.map_model(site.model, images)
        if images and rules.images_change(site.model):
            if new is None:
                return " (the request sends images, and it names no model that takes them)"
            if new != rules.map_model(site.model):
                return f" (the model table says {site.prefix + new!r}, its model for images)"
        if not new:
            return ""
        return f" (the model table says {site.prefix + new!r}{self._through_litellm(site, new)})"

    def _through_litellm(self, site: Site, new: str) -> str:
        """For a litellm call (`litellm_takes`), or a call whose name says it goes to litellm
        (`LitellmModel`: a word of `fw_litellm.SETTING_NAME_WORDS`), which takes a provider's
        model only on a route (bare, it raises `fw_litellm.UNKNOWN_MODEL_ERROR`): what
        litellm must be given for `new` (`litellm_need`)."""
        provider = self.provider
        if provider is None or site.prefix:
            return ""
        taken = litellm_takes(self.ctx, site.place.request, site.model, new)
        if taken:
            return taken
        where = site.place.where.lower()
        named = {lib for word, lib in fw_litellm.SETTING_NAME_WORDS.items() if word in where}
        routed = litellm_route(provider, new, sdk.surface_of_model(site.model) == "chat")
        if named != {"litellm"}:
            return self._project_litellm(site, new, litellm_need(provider, new, routed))
        return (
            f"; its name says it goes to litellm, which needs {litellm_need(provider, new, routed)}"
        )

    def _project_litellm(self, site: Site, new: str, need: str) -> str:
        """For a call of the project's own code in another module (`project_import`: swarms'
        `Agent(model_name="gpt-4o")`, which hands it on to litellm, t65c R2) from a module
        using neither litellm nor an OpenAI client, where a module of the project calls
        litellm (`RunFacts.litellm_project`): what litellm needs (`need`), and, where the
        project also uses an OpenAI client, that one takes `new` as it is. Else ""."""
        ctx = self.ctx
        call = site.place.request
        facts = ctx.rules.facts
        if call is None or not facts.litellm_project or self.sites.litellm_calls:
            return ""
        if ctx.index.imports_openai or mentions_framework(ctx) or names_smolagents_openai(ctx):
            return ""
        module = project_import(ctx, call)
        if module is None:
            return ""
        callee = site.place.where.removesuffix("()")
        head = f"; {callee}() is the project's own code ({module}), and"
        if not facts.openai_client_used:
            return f"{head} the project sends its models to litellm, which needs {need}"
        return (
            f"{head} the project calls litellm, which needs {need}, and OpenAI clients, which "
            f"take {new!r}: nothing here shows which one this reaches"
        )
