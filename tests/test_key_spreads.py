"""A key read given to a call inside a `**` mapping (`f(**kw)` with `kw = {"api_key": ...}`, or
`self.kw` spread in a method) is judged as though the call took it as its `api_key=`: where
`apply` does not point that call at the provider with a base URL, the read is left (manual).
Also DSPy's legacy OpenAI class given `**` arguments (ML640): its model, key and base URL are
left to a person together, and `check` stays red until a base URL reaches it (t45a, STORM).
"""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied


def found(registry, text: str, *rules: str) -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of the findings of `rules` for DeepSeek."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    return [
        (f.line, f.rule, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


WRAPPER_FROM_THE_PROJECT = """import os
from pkg.lm import OpenAIModel

kw = {"api_key": os.getenv("OPENAI_API_KEY"), "temperature": 1.0}
lm = OpenAIModel(model="gpt-4o", max_tokens=500, **kw)
"""


def test_a_key_spread_into_a_class_named_like_openai_is_left(registry):
    """STORM's `OpenAIModel(dspy.OpenAI)`: renamed, DeepSeek's key went to api.openai.com."""
    assert found(registry, WRAPPER_FROM_THE_PROJECT, "ML401") == [
        (
            4,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIModel(**kw) on line 5, named like OpenAI "
            "and not rewritten by migrate-llm: if it talks to OpenAI, DeepSeek's key "
            "(DEEPSEEK_API_KEY) would go there; point it at DeepSeek (its base URL and key) and "
            "read DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        )
    ]
    assert applied(registry, WRAPPER_FROM_THE_PROJECT, "deepseek") == WRAPPER_FROM_THE_PROJECT


SET_ON_THE_DICT = """import os
from pkg.lm import OpenAIModel

kw = {"temperature": 1.0}
kw["api_key"] = os.environ["OPENAI_API_KEY"]
lm = OpenAIModel(model="gpt-4o", **kw)
"""


def test_a_key_set_on_a_dict_spread_into_such_a_class_is_left(registry):
    assert found(registry, SET_ON_THE_DICT, "ML401") == [
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIModel(**kw) on line 6, named like OpenAI "
            "and not rewritten by migrate-llm: if it talks to OpenAI, DeepSeek's key "
            "(DEEPSEEK_API_KEY) would go there; point it at DeepSeek (its base URL and key) and "
            "read DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        )
    ]


WRAPPER_OF_THE_MODULE = """import os
import litellm


class LitellmModel:
    def __init__(self, model, **kwargs):
        self.model, self.kwargs = model, kwargs

    def __call__(self, prompt):
        return litellm.completion(model=self.model, messages=[], **self.kwargs)


kw = {"api_key": os.getenv("OPENAI_API_KEY"), "api_base": None}
lm = LitellmModel(model="gpt-4o-2024-05-13", **kw)
"""


def test_a_key_kept_by_a_class_of_the_module_with_an_openai_model_is_left(registry):
    """The class keeps its `**kwargs` (not followed): judged as unknown code given an OpenAI
    model and `api_base=None`, OpenAI's URL."""
    assert found(registry, WRAPPER_OF_THE_MODULE, "ML401") == [
        (
            13,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to LitellmModel(**kw) on line 14 with the OpenAI "
            "model 'gpt-4o-2024-05-13' and no base URL of DeepSeek's: the model string sends the "
            "call to OpenAI, so given DeepSeek's key (DEEPSEEK_API_KEY) it would send it to "
            "OpenAI; point the call at DeepSeek (its model, base URL and key) and read "
            "DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        )
    ]
    given = WRAPPER_OF_THE_MODULE.replace(
        "**kw)\n", 'api_key=os.getenv("OPENAI_API_KEY"), api_base=None)\n'
    ).replace('kw = {"api_key": os.getenv("OPENAI_API_KEY"), "api_base": None}\n', "")
    assert [(f[0], f[2]) for f in found(registry, given, "ML401")] == [(13, "manual")]


KEPT_ON_SELF = """import os
import litellm


class Encoder:
    def __init__(self):
        self.embedding_model_name = "text-embedding-3-small"
        self.kargs = {"api_key": os.getenv("OPENAI_API_KEY")}

    def encode(self, texts):
        return litellm.embedding(model=self.embedding_model_name, input=texts, **self.kargs)
"""


def test_a_key_kept_on_self_and_spread_into_litellm_later_is_left(registry):
    assert found(registry, KEPT_ON_SELF, "ML401") == [
        (
            8,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to litellm.embedding(**self.kargs) on line 11 with "
            "a model chosen at run time (`self.embedding_model_name`) and no base URL of "
            "DeepSeek's: the model string sends the call to OpenAI, so given DeepSeek's key "
            "(DEEPSEEK_API_KEY) it would send it to OpenAI; point the call at DeepSeek (its "
            "model, base URL and key) and read DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        )
    ]


LEGACY_DSPY = """import os
import dspy

kw = {"api_key": os.getenv("OPENAI_API_KEY"), "temperature": 1.0}
lm = dspy.OpenAI(model="gpt-4o", max_tokens=500, **kw)
"""


def test_dspy_openai_given_its_key_in_a_spread_is_left_whole(registry):
    """Before, apply wrote the model and the key, and check then found nothing while the
    call still went to api.openai.com."""
    assert found(registry, LEGACY_DSPY, "ML401", "ML640") == [
        (
            4,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to dspy.OpenAI(**kw) on line 5, whose key and "
            "base URL apply leaves to you (ML640: its `**` arguments may hold them): with no base "
            "URL of DeepSeek's it talks to OpenAI, so given DeepSeek's key (DEEPSEEK_API_KEY) it "
            "would send that key there; give that call DeepSeek's base URL (and model), then "
            "read DEEPSEEK_API_KEY, by hand",
        ),
        (
            5,
            "ML640",
            "manual",
            "dspy.OpenAI() also takes `**` arguments: make sure they set no api_key or api_base, "
            'then add api_key=os.environ["DEEPSEEK_API_KEY"], api_base=os.environ.get('
            '"DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/" and '
            'model_type="chat" by hand',
        ),
        (
            5,
            "ML640",
            "manual",
            "model='gpt-4o' of dspy.OpenAI() is an OpenAI model; apply leaves it, as the call's "
            "`**` arguments leave its key and base URL to you: write 'deepseek-v4-pro' for "
            "DeepSeek together with them, by hand",
        ),
    ]
    assert applied(registry, LEGACY_DSPY, "deepseek") == LEGACY_DSPY


def test_a_direct_key_beside_unseen_arguments_of_dspy_openai_is_left(registry):
    text = (
        "import os\nimport dspy\n\n\ndef make(**kw):\n"
        '    return dspy.OpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], **kw)\n'
    )
    assert [(f[0], f[1], f[2]) for f in found(registry, text, "ML401", "ML640")] == [
        (6, "ML640", "manual"),
        (6, "ML640", "manual"),
        (6, "ML401", "manual"),
    ]
    assert applied(registry, text, "deepseek") == text


PROVIDER_MODEL_WITHOUT_BASE = """import os
import dspy

kw = {"api_key": os.getenv("DEEPSEEK_API_KEY"), "temperature": 1.0}
lm = dspy.OpenAI(model="deepseek-v4-pro", max_tokens=500, **kw)
"""


def test_the_providers_model_on_dspy_openai_with_no_base_url_keeps_check_red(registry):
    """What apply used to leave (and what a person following the model advice writes): the
    spread shows no base URL, so the request and DeepSeek's key go to OpenAI."""
    assert found(registry, PROVIDER_MODEL_WITHOUT_BASE, "ML401", "ML640") == [
        (
            5,
            "ML640",
            "manual",
            "dspy.OpenAI() sends DeepSeek's model 'deepseek-v4-pro' to OpenAI: no base URL "
            "reaches it (`**kw` shows none), so the key goes there too; give it "
            'api_key=os.environ["DEEPSEEK_API_KEY"], api_base=os.environ.get('
            '"DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/" and '
            'model_type="chat", by hand',
        )
    ]
    base = 'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
    with_base = PROVIDER_MODEL_WITHOUT_BASE.replace(
        '"temperature": 1.0}', f'"api_base": {base}.rstrip("/") + "/", "model_type": "chat"}}'
    )
    assert found(registry, with_base, "ML401", "ML640") == []
    # t53e: dspy hands the base URL to openai's module-level client as it is
    unslashed = with_base.replace('.rstrip("/") + "/"', "")
    assert [(f[0], f[1], f[2]) for f in found(registry, unslashed, "ML640")] == [
        (4, "ML640", "review")
    ]
    fixed = applied(registry, unslashed, "deepseek")
    assert '+ "/",' in fixed
    assert found(registry, fixed, "ML401", "ML640") == []
    openai_key = with_base.replace("DEEPSEEK_API_KEY", "OPENAI_API_KEY")
    assert [(f[0], f[2]) for f in found(registry, openai_key, "ML401")] == [(4, "safe")]


def test_the_providers_model_on_dspy_openai_gets_the_base_url(registry):
    text = (
        "import os\nimport dspy\n\n"
        'lm = dspy.OpenAI(model="deepseek-v4-pro", api_key=os.getenv("DEEPSEEK_API_KEY"))\n'
    )
    assert [(f[0], f[1], f[2]) for f in found(registry, text, "ML640")] == [(4, "ML640", "review")]
    assert applied(registry, text, "deepseek") == (
        "import os\nimport dspy\n\n"
        "lm = dspy.OpenAI(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")\n'
        '    + "/",\n'
        '    model_type="chat",\n'
        ")\n"
    )
    assert applied(registry, applied(registry, text, "deepseek"), "deepseek") == applied(
        registry, text, "deepseek"
    )


CLIENT_SPREAD = """import os

from openai import OpenAI

kw = {"api_key": os.getenv("OPENAI_API_KEY")}
client = OpenAI(**kw)
"""

FORWARDED_TO_A_CLIENT = """import os

from openai import OpenAI


def make(**kwargs):
    return OpenAI(**kwargs)


client = make(api_key=os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_spread_into_a_client_apply_moves_is_still_renamed(registry):
    assert [(f[0], f[2]) for f in found(registry, CLIENT_SPREAD, "ML401")] == [(5, "safe")]
    assert applied(registry, CLIENT_SPREAD, "deepseek") == (
        "import os\n\nfrom openai import OpenAI\n\nkw = {\n"
        '    "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        "}\nclient = OpenAI(**kw)\n"
    )
    assert [(f[0], f[2]) for f in found(registry, FORWARDED_TO_A_CLIENT, "ML401")] == [(10, "safe")]


def test_a_class_deriving_from_dspy_openai_is_reported(registry):
    text = (
        "import dspy\n\n\nclass OpenAIModel(dspy.OpenAI):\n"
        '    def __init__(self, model="gpt-4o-mini", api_key=None, **kwargs):\n'
        "        super().__init__(model=model, api_key=api_key, **kwargs)\n"
    )
    # t53e: it hands its constructions' key and base URL on, so each is checked where it is
    # built (tests/test_dspy_subclasses.py), not here
    assert found(registry, text, "ML640") == []
    own = text.replace("api_key=None, **kwargs):", "):").replace(
        "api_key=api_key, **kwargs)", "max_tokens=500)"
    )
    assert found(registry, own, "ML640") == [
        (
            4,
            "ML640",
            "manual",
            "OpenAIModel derives from dspy.OpenAI and gives it no api_base: its constructions "
            "are not rewritten and talk to OpenAI; give it DeepSeek's model with "
            'api_key=os.environ["DEEPSEEK_API_KEY"], api_base=os.environ.get('
            '"DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/" and '
            'model_type="chat" in its __init__ (or hand them on from where it is built), by hand',
        )
    ]
    own_endpoint = text.replace(
        "api_key=api_key, **", 'api_key=api_key, api_base="https://x", model_type="chat", **'
    )
    assert found(registry, own_endpoint, "ML640") == []
    # t45f N1: given a base URL but no model_type, the provider's models go to /completions
    no_type = own_endpoint.replace(', model_type="chat"', "")
    assert found(registry, no_type, "ML640") == [
        (
            4,
            "ML640",
            "manual",
            "OpenAIModel derives from dspy.OpenAI, which sends a model whose name holds none of "
            "gpt-3.5, turbo, gpt-4 to the legacy /completions endpoint unless given model_type: "
            'DeepSeek\'s models go there; pass model_type="chat" in its __init__ (to '
            "dspy.OpenAI), by hand",
        )
    ]


KEY_ON_SELF = """import os
from pkg.lm import OpenAIModel


class Runner:
    def __init__(self):
        self.key = os.getenv("OPENAI_API_KEY")

    def lm(self):
        return OpenAIModel(model="gpt-4o", api_key=self.key)
"""


def test_a_key_kept_on_self_and_given_to_such_a_class_later_is_left(registry):
    """STORM's runner kept the key on `self.key`; renamed, DeepSeek's key went to OpenAI."""
    assert found(registry, KEY_ON_SELF, "ML401") == [
        (
            7,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIModel() on line 10, named like OpenAI "
            "and not rewritten by migrate-llm: if it talks to OpenAI, DeepSeek's key "
            "(DEEPSEEK_API_KEY) would go there; point it at DeepSeek (its base URL and key) and "
            "read DEEPSEEK_API_KEY, or keep it on OpenAI, by hand",
        )
    ]
    assert applied(registry, KEY_ON_SELF, "deepseek") == KEY_ON_SELF


def test_a_key_kept_on_self_for_a_client_apply_moves_is_renamed(registry):
    moved = KEY_ON_SELF.replace("from pkg.lm import OpenAIModel", "from openai import OpenAI")
    moved = moved.replace(
        'OpenAIModel(model="gpt-4o", api_key=self.key)', "OpenAI(api_key=self.key)"
    )
    assert found(registry, moved, "ML401") == [
        (
            7,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        )
    ]
    assert 'os.getenv("DEEPSEEK_API_KEY")' in applied(registry, moved, "deepseek")
