"""ML207: tiktoken asked for the tokenizer of a model chosen at run time."""

from __future__ import annotations

import itertools
import json
from typing import cast

import libcst as cst

from migrate_llm.frameworks.tokenizers import TokenizerCall
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.forwarding import Forwarding
from migrate_llm.rules.model_names import model_like, tokenizer_like
from migrate_llm.rules.model_sites import ModelSites
from migrate_llm.rules.models import article
from migrate_llm.rules.python import DeferredRule
from migrate_llm.rules.python_context import (
    PythonContext,
    ends_in_exit,
    last_name,
    self_attribute,
    string_value,
    without_id_methods,
)
from migrate_llm.rules.rewrite import string_like
from migrate_llm.rules.tokenizer_branches import OpenAINames
from migrate_llm.rules.tokenizer_calls import (
    encoding_loader,
    mentions_tokenizer,
    tokenizer_model,
)
from migrate_llm.rules.tokenizer_flow import TokenizerFlow
from migrate_llm.rules.tokenizer_sources import class_default, sources

# Exception classes whose handler catches tiktoken's KeyError for a model it does not know.
_CATCHES_KEY_ERROR = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})


_COUNTER = (
    'import tiktoken\n\n\ndef count(text, model="gpt-3.5-turbo-0613"):\n'
    "    return len(tiktoken.encoding_for_model(model).encode(text))\n\n\n"
)


class TokenizerModel(DeferredRule):
    """tiktoken asked for the tokenizer of a model chosen at run time.

    ## What it does
    Finds `tiktoken.encoding_for_model(model)` where `model` is not an OpenAI model id the
    module writes there, outside a `try` that catches `KeyError` (or `LookupError`,
    `Exception`, a bare `except`) and falls back (a handler ending in `raise`, `except
    KeyError: raise ValueError(...)`, stops the program as well: the message names it; one
    ending in `return False` is an availability probe, whose callers refuse every model
    tiktoken does not know as surely: the message says to return True there);
    likewise a framework's call that hands its model to it
    (`frameworks.tokenizers`): LangChain's `from_tiktoken_encoder(model_name=model)` and
    `TokenTextSplitter(model_name=model)`, LlamaIndex's `get_tokenizer(model)`.

    ## Why
    tiktoken knows OpenAI's model names only. After the switch the program's models are the
    provider's (`apply` maps its settings and defaults), and `encoding_for_model("kimi-k2.6")`
    raises KeyError: a token counter that worked stops the program (gptme's `tokens count`
    did). A name written at the call (`encoding_for_model("gpt-4o")`) stays OpenAI's and keeps
    working: it is not reported, nor rewritten by the model rules; nor is a name or attribute
    named for a tokenizer (`cfg.tokenizer_model`), which the model rules leave OpenAI's. A
    constant named like a model is mapped by ML204, and so reported here before `apply` as
    after it; so is a parameter with such a default (`def count(text,
    model="gpt-3.5-turbo")`): its callers pass the program's models, the provider's after the
    switch, even where ML204 leaves the default (a token counter's); but not where ML204
    leaves it, the module calls the function, and each call leaves it that default or gives
    it an OpenAI model literal apply leaves too (QAnything's `num_tokens(text)`): only a model
    tiktoken knows reaches it. Nor is a call in the
    branch of a test that only OpenAI's model names pass (`encoding_for_model(m) if "gpt" in m
    else get_encoding(...)`; `m.startswith("gpt-")`; `m in OPENAI_MODELS`, a collection of
    OpenAI model ids; `m == "gpt-4o"` too where the other branch counts with a fixed
    encoding), or past such a test's early exit in a block that holds it, in the same
    function (`if not m.startswith("gpt"):` ending in `return`, `raise` or `continue`, no
    `else`, `m` not bound again before the call): no name the target's tables give passes
    it, so no provider model reaches the call (ML205 reports the test, unless it only picks
    the lookup or a fixed encoding: `tokenizer_branches`). Nor is a parameter or
    a `self` attribute that only ever holds OpenAI model ids the module passes to its own
    function or class as arguments and that only tiktoken reads (`Tok("gpt-3.5-turbo")`
    stored in `self.m`, then `encoding_for_model(self.m)`): those stay OpenAI's, and neither
    rule reports them (`tokenizer_flow`). Nor is a parameter or `self` attribute read only to
    count tokens that is also given to a Hugging Face tokenizer as the repository it loads
    (`AutoTokenizer.from_pretrained(self.model_name)` in another branch: nano-graphrag's
    `TokenizerWrapper`): its callers give a tokenizer's name, which apply leaves (ML204's
    `NAMED_LOADS`). A call from another module is not seen. A
    provider's model given as the default of the `self.<field>` it reads (`tiktoken_model_name:
    str = field(default="deepseek-flash")`, an earlier `apply`'s mapping) is reported
    whatever the field's name: put back the OpenAI model. A variable of a function that only
    tiktoken reads (`model = "gpt-4o"`, then `encoding_for_model(model)`) is a token
    counter's: ML204 leaves it, and it is not reported.

    ## Fix
    Where a model literal that `apply` maps reaches the call in the module (`tokenizer_sources`:
    through a constant or variable, a parameter's default, or `self.X`, from the class's
    default for X or what its methods assign it; NeedleInAHaystack's `model_name=
    "gpt-3.5-turbo-0125"` stored in `self.model_name`, read by `encoding_for_model()` and
    sent as `model=`), the same `apply` gives the call that OpenAI model in place of what it
    read (review): `encoding_for_model("gpt-3.5-turbo-0125")`, or `model_name="gpt-4o"` of a
    framework's call. tiktoken knew it wherever the program ran before, so the call cannot
    raise, whatever model the program is given; tokens are counted as that OpenAI model
    counted them, an estimate of the provider's (a fixed `get_encoding("o200k_base")`
    would raise on tiktoken<0.7: `openai_sdk.TOKENIZER_CALLS`). Several such literals: the
    first in the text. Otherwise (manual): count with a fixed encoding
    (`tiktoken.get_encoding("o200k_base")`: an estimate, the provider's tokenizer differs;
    LangChain's `encoding_name="o200k_base"` instead of `model_name=`; LlamaIndex's
    `set_global_tokenizer(...)` before `get_tokenizer()`), or catch KeyError and fall back
    to one. Where the model is a setting of the counter (a parameter, `self.X` or a field
    the module reads only to count tokens, `ModelSites.counting`), only the fallback is
    advised: a fixed encoding alone would ignore the setting (nano-graphrag's
    `tiktoken_model_name` would be ignored again). Where the project's requirements pin
    tiktoken below 0.7.0, which has no o200k_base (`get_encoding()` raises ValueError), the
    advice names cl100k_base (`tokenizers.fixed_encoding`). Reported only with a target
    provider other than OpenAI.
    """

    code = "ML207"
    name = "tokenizer-model"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # t65b: lmql's TiktokenTokenizer.is_available(), a probe refusing what tiktoken lacks
        Example(
            "import tiktoken\n\n\ndef available(model):\n    try:\n"
            "        tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            "        return False\n    return True\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError: the except on "
            "line 7 returns False: its callers refuse the model as if it raised); return True "
            "there and, where the encoding is loaded, catch KeyError and fall back to tiktoken."
            'get_encoding("o200k_base"), by hand',
        ),
        Example(
            "import tiktoken\n\n\ndef available(model):\n    try:\n"
            "        tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            "        return True\n    return True\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\nfrom openai import OpenAI\n\n\nclass Bot:\n"
            '    def __init__(self, model_name="gpt-3.5-turbo"):\n'
            "        self.model_name = model_name\n"
            "        self.enc = tiktoken.encoding_for_model(self.model_name)\n\n"
            "    def ask(self, text):\n"
            "        return OpenAI().chat.completions.create(model=self.model_name, messages=[])\n",
            provider="acme",
            message="tiktoken.encoding_for_model() is given self.model_name, 'gpt-3.5-turbo' "
            "(default of model_name, line 6), which apply maps to 'acme-small', an Acme Cloud "
            "model tiktoken does not know (KeyError); apply gives it 'gpt-3.5-turbo' instead: "
            "tokens are counted as that OpenAI model counts them (an estimate for acme-small)",
            after="import tiktoken\nfrom openai import OpenAI\n\n\nclass Bot:\n"
            '    def __init__(self, model_name="gpt-3.5-turbo"):\n'
            "        self.model_name = model_name\n"
            '        self.enc = tiktoken.encoding_for_model("gpt-3.5-turbo")\n\n'
            "    def ask(self, text):\n"
            "        return OpenAI().chat.completions.create(model=self.model_name, messages=[])\n",
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n"
            "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError); catch "
            'KeyError and fall back to tiktoken.get_encoding("o200k_base"), by hand (counting '
            "with it alone would ignore model)",
        ),
        # t63c: a loop over OpenAI's names alone, none mapped: tiktoken knows each
        Example(
            'import tiktoken\n\nfor m in ["gpt-4", "gpt-3.5-turbo"]:\n'
            "    print(m, tiktoken.encoding_for_model(m).name)\n",
            provider="acme",
            finds=False,
        ),
        # the model also sent: the program's, which a fixed encoding counts well enough
        Example(
            "import tiktoken\nfrom openai import OpenAI\n\n\ndef ask(text, model):\n"
            "    print(len(tiktoken.encoding_for_model(model).encode(text)))\n"
            "    return OpenAI().chat.completions.create(model=model, messages=[])\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError); count with "
            'tiktoken.get_encoding("o200k_base") or catch KeyError, by hand',
        ),
        # nano-graphrag's TokenizerWrapper: the name is also a Hugging Face repository's, a
        # tokenizer's name its callers give, which apply leaves (ML204) (t52j N1)
        Example(
            "import tiktoken\n\n\nclass Tokens:\n"
            '    def __init__(self, kind="tiktoken", model_name="gpt-4o"):\n'
            "        self.model_name = model_name\n"
            '        if kind == "tiktoken":\n'
            "            self.tok = tiktoken.encoding_for_model(self.model_name)\n"
            "        else:\n"
            "            from transformers import AutoTokenizer\n\n"
            "            self.tok = AutoTokenizer.from_pretrained(self.model_name)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n    try:\n"
            "        enc = tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            '        enc = tiktoken.get_encoding("cl100k_base")\n'
            "    return len(enc.encode(text))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'import tiktoken\n\nENC = tiktoken.encoding_for_model("gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n    enc = (\n"
            "        tiktoken.encoding_for_model(model)\n"
            '        if model.lower().startswith("gpt-")\n'
            '        else tiktoken.get_encoding("cl100k_base")\n    )\n'
            "    return len(enc.encode(text))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\nclass Tok:\n"
            '    def __init__(self, model_name="gpt-4o-mini"):\n'
            "        try:\n            self.enc = tiktoken.encoding_for_model(model_name)\n"
            "        except KeyError:\n"
            '            raise ValueError(f"Invalid model_name: {model_name}")\n',
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError: the except on "
            'line 8 raises again); catch KeyError and fall back to tiktoken.get_encoding("o200k_'
            'base"), by hand (counting with it alone would ignore model_name)',
        ),
        Example(
            "from dataclasses import dataclass, field\n\nimport tiktoken\n\n\n"
            "@dataclass\nclass Rag:\n"
            '    tiktoken_model_name: str = field(default="acme-large")\n\n'
            "    def __post_init__(self):\n"
            "        self.enc = tiktoken.encoding_for_model(self.tiktoken_model_name)\n",
            provider="acme",
            message="tiktoken.encoding_for_model() is given 'acme-large' (field "
            "Rag.tiktoken_model_name), an Acme Cloud model tiktoken does not know (KeyError); "
            "give it the OpenAI model it counted with, which tiktoken knows, or catch KeyError "
            'and fall back to tiktoken.get_encoding("o200k_base"), by hand',
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n"
            '    if "claude" not in model:\n'
            "        return len(tiktoken.encoding_for_model(model).encode(text))\n"
            "    return len(text) // 4\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError); catch "
            'KeyError and fall back to tiktoken.get_encoding("o200k_base"), by hand (counting '
            "with it alone would ignore model)",
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n"
            '    if not model.startswith("gpt-"):\n'
            "        return len(text) // 4\n"
            "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\nclass Tok:\n    def __init__(self, m):\n        self.m = m\n\n"
            "    def encode(self, text):\n"
            "        return tiktoken.encoding_for_model(self.m).encode(text)\n\n\n"
            'tok = Tok("gpt-3.5-turbo")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\nclass Tok:\n    def __init__(self, m):\n        self.m = m\n\n"
            "    def encode(self, text):\n"
            "        return tiktoken.encoding_for_model(self.m).encode(text)\n\n\n"
            'tok = Tok("gpt-3.5-turbo")\nmine = Tok(MODEL)\n',
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError); catch "
            'KeyError and fall back to tiktoken.get_encoding("o200k_base"), by hand (counting '
            "with it alone would ignore self.m)",
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, cfg):\n"
            "    return len(tiktoken.encoding_for_model(cfg.tokenizer_model).encode(text))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n\n"
            "def chunks(text, model):\n"
            "    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(\n"
            "        model_name=model, chunk_size=300\n    )\n"
            "    return splitter.split_text(text)\n",
            provider="acme",
            message="LangChain's from_tiktoken_encoder() gets the model at run time: after the "
            "switch it names an Acme Cloud model, which tiktoken does not know (KeyError); catch "
            'KeyError and fall back to encoding_name="o200k_base", by hand (counting with it alone '
            "would ignore model)",
        ),
        Example(
            "from langchain_text_splitters import TokenTextSplitter\n\n"
            'SPLITTER = TokenTextSplitter(model_name="gpt-4o", chunk_size=300)\n',
            provider="acme",
            finds=False,
        ),
        # t63a: QAnything's token counter, its default left by apply, called with it
        Example(
            _COUNTER + "def size(text):\n    return count(text)\n",
            provider="moonshot",
            finds=False,
        ),
        Example(
            _COUNTER + "def size(text, settings):\n    return count(text, settings.model)\n",
            provider="moonshot",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names a Moonshot AI (Kimi) model, which tiktoken does not know (KeyError); catch "
            'KeyError and fall back to tiktoken.get_encoding("o200k_base"), by hand (counting '
            "with it alone would ignore model)",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # only a module that names the call, when switching: every other one costs nothing
        self.wanted = ctx.rules.switching and mentions_tokenizer(ctx)
        # the module's nodes (by index) inside a `try` whose handlers catch KeyError: a
        # `try` is met before the calls it holds
        self.guarded: list[tuple[int, int]] = []
        # ... and inside one whose KeyError handler raises again or refuses the model
        # (`_refusal`): (start, end, its line, what it does)
        self.reraised: list[tuple[int, int, int, str]] = []
        self.names = OpenAINames.of(ctx)
        # which literals apply maps is known once the traversal is over (`ModelSites`),
        # which this rule feeds when it is the first to ask (alone, in its examples)
        self.sites = ModelSites.of(ctx)
        self.feeds = self.sites.feeder()
        self.lookups: list[cst.Call] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.feeds:
            self.sites.string(node)

    def visit_Try(self, node: cst.Try) -> None:
        handler = _key_error_handler(node) if self.wanted else None
        if handler is None:
            return
        at = self.ctx.index_of(node)
        refusal = _refusal(handler)
        if not refusal:
            self.guarded.append((at, self.ctx.ends[at]))
        else:
            line = self.ctx.position(handler)[0][0]
            self.reraised.append((at, self.ctx.ends[at], line, refusal))

    def visit_Call(self, node: cst.Call) -> None:
        if self.feeds:
            self.sites.call(node)
        if self.wanted and self.provider is not None and node.args:
            self.lookups.append(node)

    def finish(self) -> None:
        for node in self.lookups:
            self._lookup(node)

    def _lookup(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        found = tokenizer_model(self.ctx, node)
        if found is None or self.provider is None:
            return
        lookup, arg = found
        at = self.ctx.index_of(node)
        if any(start < at < end for start, end in self.guarded):
            return
        if isinstance(arg.value, cst.Name) and arg.value.value == "None":
            return  # `model_name=None`: a framework's encoding instead
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is not None and rules.openai.serves(resolved[1]):
            literal, _, how = resolved
            if how.startswith("constant ") and self.sites.counted(literal):
                return  # a variable only tiktoken reads: left OpenAI's (ML204's note)
            if not _mapped(how) and not self.sites.mapped(literal):
                return
        if TokenizerFlow.of(self.ctx).lookup_of_literals(arg.value):
            return  # `self.model` only ever OpenAI's literal `Tok("gpt-4o")` (tokenizer_flow)
        if self._kept_default(arg.value):
            return  # `def count(text, model="gpt-3.5-turbo")` that apply leaves, no caller's
        if self._fixed_loop(arg.value):
            return  # `for m in ["gpt-4", "gpt-3.5-turbo"]:`: OpenAI's names, none mapped
        default = self._field_default(arg.value)
        guarded = self._in_openai_branch(node, arg.value) or self._after_openai_guard(
            node, arg.value
        )
        setting, named = self.sites.counting(arg.value)
        old = self.ctx.rules.facts.tiktoken_before_encoding
        if default is not None and self.provider.serves(default[1]) and not guarded:
            name = self.provider.name
            instead = lookup.fallback_advice(old) if setting else lookup.advice(old)
            self.report(
                arg.value,
                f"{lookup.label} is given {default[1]!r} ({default[0]}), {article(name)} {name} "
                "model tiktoken does not know (KeyError); give it the OpenAI model it counted "
                f"with, which tiktoken knows, or {instead}, by hand",
            )
            return
        if tokenizer_like(last_name(arg.value)):
            return  # `cfg.tokenizer_model`: kept an OpenAI name, by its name (see sdk)
        if guarded:
            return  # `encoding_for_model(m) if "gpt" in m else ...`
        if self._keep_openai_model(lookup, arg):
            return
        if named:
            return  # a tokenizer's name, also a Hugging Face repository's: apply leaves it
        name = self.provider.name
        raised = [(line, how) for start, end, line, how in self.reraised if start < at < end]
        why = "KeyError"
        if raised:
            why += f": the except on {self.ctx.line_label(raised[-1][0])} {raised[-1][1]}"
        if raised and raised[-1][1] == _PROBE:  # a probe's answer must change
            instead = "return True there and, where the encoding is loaded, "
            instead += f"{lookup.fallback_advice(old)}, by hand"
        elif setting:  # a fixed encoding would leave the setting unread
            instead = f"{lookup.fallback_advice(old)}, by hand (counting with it alone would "
            instead += f"ignore {self.snippet(arg.value)})"
        else:
            instead = f"{lookup.advice(old)} or catch KeyError"
            instead += f"{' and fall back' if raised else ''}, by hand"
        self.report(
            arg.value,
            f"{lookup.label} gets the model at run time: after the switch it names "
            f"{article(name)} {name} model, which tiktoken does not know ({why}); {instead}",
        )

    def _fixed_loop(self, value: cst.BaseExpression) -> bool:
        """Whether `value` is the target of the one `for` binding it, over a list or tuple
        display of OpenAI models only, none of which apply maps or adds to (ML205 may widen
        such a list): the lookup is given those names alone, which tiktoken knows (t63c:
        sweep's `for m in ["gpt-4", "gpt-3.5-turbo"]: tiktoken.encoding_for_model(m)`)."""
        from migrate_llm.rules.model_left import widened_by_ml205  # it builds on ModelSites

        bound = self.ctx.bindings(value) if isinstance(value, cst.Name) else []
        target = getattr(bound[0], "node", None) if len(bound) == 1 else None
        above = self.ctx.ancestors(target) if isinstance(target, cst.Name) else []
        loop = above[-1] if above else None
        if not isinstance(loop, cst.For) or loop.target is not target:
            return False
        items = loop.iter
        if not isinstance(items, (cst.List, cst.Tuple)):
            return False
        texts = [
            (e.value, string_value(e.value)) for e in items.elements if isinstance(e, cst.Element)
        ]
        return (
            bool(texts)
            and len(texts) == len(items.elements)
            and all(t is not None and self.ctx.rules.openai.serves(t) for _, t in texts)
            and not any(self.sites.mapped(node) for node, _ in texts)
            and not widened_by_ml205(self.ctx, items)
        )

    def _keep_openai_model(self, lookup: TokenizerCall, arg: cst.Arg) -> bool:
        """Report the lookup with its edit where a model literal apply maps reaches it
        (`tokenizer_sources`: `encoding_for_model(self.model_name)`, the default of
        `model_name` stored there): it is given the first such OpenAI model instead, which
        tiktoken knew where the program ran (`sdk.TOKENIZER_CALLS`)."""
        provider, rules = self.provider, self.ctx.rules
        if provider is None:
            return False
        for source in sources(self.ctx, arg.value):
            new = rules.map_model(source.model)
            if (
                not rules.openai.serves(source.model)
                or provider.serves(source.model)
                or new is None
                or not self.sites.mapped(source.node)
            ):
                continue
            line = self.ctx.line_label(self.ctx.position(source.node)[0][0])
            read = "" if arg.value is source.node else f"{self.snippet(arg.value)}, "
            self.report(
                arg.value,
                f"{lookup.label} is given {read}{source.model!r} ({source.where}, {line}), "
                f"which apply maps to {new!r}, {article(provider.name)} {provider.name} model "
                f"tiktoken does not know (KeyError); apply gives it {source.model!r} instead: "
                f"tokens are counted as that OpenAI model counts them (an estimate for {new})",
                fix=FixClass.REVIEW,
                edit=Edit(self.ctx.span(arg.value), string_like(source.node, source.model)),
                data={"tokenizer_model": source.model},
            )
            return True
        return False

    def _kept_default(self, model: cst.BaseExpression) -> bool:
        """Whether the model is a parameter whose default is an OpenAI model literal apply
        leaves (a token counter's, which ML204 does not map), whose function the module or
        the project's other modules call (`_given_elsewhere`), and that those calls give
        nothing else (`Forwarding.arguments`: each an OpenAI model literal apply leaves, none
        a `*args` or `**kwargs` spread): QAnything's `num_tokens(text,
        model="gpt-3.5-turbo-0613")` called with its default from three other modules;
        tiktoken knows it. With no call seen, a caller may pass the provider's model:
        reported."""
        forwarding = Forwarding.of(self.ctx)
        slot = forwarding.source(model)
        if slot is None or slot.param is None or slot.param.default is None:
            return False
        calls = forwarding.calls().get(id(slot.function), [])
        if any(a.star for call, _ in calls for a in call.args):
            return False  # a `*args`/`**kwargs` call that may give it
        elsewhere = self._given_elsewhere(slot.function, slot.name)
        if not calls and not elsewhere:
            return False  # no call seen
        values = [slot.param.default, *forwarding.arguments(slot)]
        return all(self._openai_kept(value) for value in values) and all(
            self._openai_kept(cst.SimpleString(json.dumps(model))) for model in elsewhere
        )

    def _given_elsewhere(self, function: cst.FunctionDef, param: str) -> list[str]:
        """What the calls of the project's other modules give `param` of `function`, a
        top-level function of the module (`RunFacts.caller_models`, from `counter_callers`:
        its default where a call gives none, "" where it is not a string)."""
        if function not in self.ctx.module.body:
            return []
        name, path = function.name.value, self.ctx.path
        return [
            given.model
            for given in self.ctx.rules.facts.caller_models
            if (given.module, given.owner, given.function, given.param) == (path, "", name, param)
        ]

    def _openai_kept(self, value: cst.BaseExpression) -> bool:
        """Whether `value` is an OpenAI model literal the target does not serve and apply
        leaves as it is."""
        provider, rules = self.provider, self.ctx.rules
        model = string_value(value)
        return (
            model is not None
            and provider is not None
            and rules.openai.serves(model)
            and not provider.serves(model)
            and not self.sites.mapped(value)
        )

    def _field_default(self, model: cst.BaseExpression) -> tuple[str, str] | None:
        """(`field Rag.m`, the string) for `self.m` in a method of a class whose body gives
        `m` a string default (`m: str = "..."`, `m: str = field(default="...")`)."""
        if not self_attribute(model):
            return None
        owner = TokenizerFlow.of(self.ctx).class_of(model)
        name = cast(cst.Attribute, model).attr.value
        found = class_default(self.ctx, owner, name) if owner is not None else None
        if found is None or owner is None:
            return None
        return f"field {owner.name.value}.{name}", found[1]

    def _in_openai_branch(self, call: cst.Call, model: cst.BaseExpression) -> bool:
        """Whether `call` runs only in the branch of a test that no provider model passes:
        the body of `if T:` or `X if T else Y` (the `else` of `not T`), or what follows
        `T and`, where T tests `model` against OpenAI names (`OpenAINames.only`); or a
        test that picks the lookup only for them, a fixed encoding for the rest (`m ==
        "gpt-4o"` too there: ML205 leaves it, `OpenAINames.guards_lookup`)."""
        subject = self.ctx.code(without_id_methods(model)[0])
        path = (*self.ctx.ancestors(call), call)
        for parent, child in itertools.pairwise(path):
            if isinstance(parent, (cst.If, cst.IfExp)) and (
                child is parent.body or child is parent.orelse
            ):
                test, holds = parent.test, child is parent.body
                if self.names.guards_lookup(test):
                    return True
            elif isinstance(parent, cst.BooleanOperation) and child is parent.right:
                test, holds = parent.left, isinstance(parent.operator, cst.And)
            else:
                continue
            if self.names.only(test, subject, holds):
                return True
        return False

    def _after_openai_guard(self, call: cst.Call, model: cst.BaseExpression) -> bool:
        """Whether `call` runs only past a guard that turns away every name but OpenAI's: an
        earlier statement of a block holding it, in the same function, `if T:` with no
        `else` whose body ends in `return`, `raise` or `continue`, where T tests `model`
        and only OpenAI's model names fail it (`if not m.startswith("gpt"): return ...`);
        `model`, a name, not bound again between the two."""
        tested = without_id_methods(model)[0]
        subject = self.ctx.code(tested)
        path = (*self.ctx.ancestors(call), call)
        for parent, child in reversed(list(itertools.pairwise(path))):
            if isinstance(child, _SCOPES):
                return False
            if not isinstance(parent, (cst.IndentedBlock, cst.Module)):
                continue
            for statement in parent.body:
                if statement is child:
                    break
                if (
                    isinstance(statement, cst.If)
                    and statement.orelse is None
                    and ends_in_exit(statement.body)
                    and self.names.only(statement.test, subject, holds=False)
                    and not self._bound_between(tested, statement, call)
                ):
                    return True
        return False

    def _bound_between(self, tested: cst.BaseExpression, guard: cst.If, call: cst.Call) -> bool:
        """Whether the name `tested` may be bound again between `guard` and `call`. An
        attribute (`self.model`) is taken as the branch tests take it; anything else
        (a call, a subscript) is never the same value twice."""
        if isinstance(tested, cst.Attribute):
            return False
        if not isinstance(tested, cst.Name):
            return True
        indices = self.ctx.indices()
        after, before = indices[id(guard)], indices[id(call)]
        for binding in self.ctx.bindings(tested):
            at = indices.get(id(getattr(binding, "node", None)))
            if at is not None and after < at < before:
                return True
        return False


def _mapped(how: str) -> bool:
    """Whether the OpenAI model a constant or a default holds (`how`, as `resolve_literal`
    says it) is one ML204 maps: it is named like a model (`def count(text,
    model="gpt-3.5-turbo")`, chatgpt_telegram_bot's token counter, whose default became a
    GLM name)."""
    for prefix in ("constant ", "default of "):
        if how.startswith(prefix):
            return model_like(how[len(prefix) :])
    return False


_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def key_error_fallback(ctx: PythonContext, call: cst.Call) -> tuple[cst.Call, str] | None:
    """The first call loading a tiktoken encoding (and how messages name it) in the KeyError
    handler of the innermost `try` whose body holds `call`, where that handler does not raise
    again: the fallback every lookup of a model tiktoken does not know takes (ML208)."""
    above = ctx.ancestors(call)
    for i in range(len(above) - 2, -1, -1):
        node = above[i]
        if not isinstance(node, cst.Try) or above[i + 1] is not node.body:
            continue
        handler = _key_error_handler(node)
        if handler is None or _raises(handler):
            return None
        at = ctx.index_of(handler)
        for inner in ctx.nodes[at : ctx.ends[at]]:
            if isinstance(inner, cst.Call) and (label := encoding_loader(ctx, inner)):
                return inner, label
        return None
    return None


def _key_error_handler(node: cst.Try) -> cst.ExceptHandler | None:
    """The first handler of the `try` that catches KeyError (a bare `except` too)."""
    return next((h for h in node.handlers if _handles_key_error(h)), None)


def _raises(handler: cst.ExceptHandler) -> bool:
    """Whether a handler's body ends in `raise`: no fallback (`except KeyError: raise
    ValueError(...)`, LightRAG's TiktokenTokenizer), the program stops as on tiktoken's
    KeyError."""
    return _refusal(handler) == _RAISES


_RAISES = "raises again"
_PROBE = "returns False: its callers refuse the model as if it raised"


def _refusal(handler: cst.ExceptHandler) -> str:
    """What a KeyError handler does that is no fallback, as messages say it: its body ends in
    `raise` (`_raises`), or in `return False`, an availability probe (lmql's
    `is_available()`: its callers refuse every model tiktoken does not know, t65b); "" for
    another handler."""
    body = handler.body.body
    last = body[-1] if body else None
    if not isinstance(last, cst.SimpleStatementLine):
        return ""
    for statement in last.body:
        if isinstance(statement, cst.Raise):
            return _RAISES
        if (
            isinstance(statement, cst.Return)
            and isinstance(statement.value, cst.Name)
            and statement.value.value == "False"
        ):
            return _PROBE
    return ""


def _handles_key_error(handler: cst.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    for kind in kinds:
        value = kind.value if isinstance(kind, cst.Element) else kind
        last = value.attr.value if isinstance(value, cst.Attribute) else None
        if isinstance(value, cst.Name):
            last = value.value
        if last in _CATCHES_KEY_ERROR:
            return True
    return False


TOKENIZER_RULES = (TokenizerModel,)
