"""A settings dict keyed by environment-variable names (t52f, PDFMathTranslate on Doubao).

pdf2zh's translators hold `envs = {"OPENAI_BASE_URL": URL, "OPENAI_API_KEY": None,
"OPENAI_MODEL": "gpt-4o-mini"}`, fill each entry from the variable it names, and build their
client from those entries. D1: ML402 switched the URL entry alone while the key entry kept
OpenAI's name: the OpenAI key went to Ark. Now the URL, the key and the model of one dict
change together or not at all (ML402, ML204). D2: a model default reaching an Azure client
left on Azure (ML002) is left. D3: subclasses whose `envs` lack the base's fallback entry get
no ML007. D4: a client pointed at the provider by hand with a key checked first is a note.
D5: ML118's note says when its method is shared with subclasses given other base URLs. D6:
ML401 names Doubao's ARK_MODEL. Exact messages; requests the loopback server receives."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_model_labels import migrated

DOUBAO = "ByteDance Doubao (Volcengine Ark)"
ARK_URL = "https://ark.cn-beijing.volces.com/api/v3"
ARK_MODEL_ADVICE = (
    f"{DOUBAO}'s model variable is ARK_MODEL (its provider file lists it): name ARK_MODEL here "
    f"and set a {DOUBAO} model in it, by hand"
)


def held_url(line: int) -> str:
    return (
        "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it would "
        f"take the key beside it (line {line}, the entry OPENAI_API_KEY, which holds that "
        f"variable's value at run time and keeps OpenAI's name) to {DOUBAO}. Point both at "
        f"{DOUBAO} together: base URL {ARK_URL}, key from ARK_API_KEY"
    )


def rows(found, *rules: str) -> list[tuple[int, str, str, str]]:
    return [(f[0], f[2], f[4], f[5]) for f in found if f[2] in rules]


# t52f repro1b, as it was before apply
REPRO = (
    "import os\n\nimport openai\n\n"
    'envs = {"OPENAI_BASE_URL": "https://api.openai.com/v1", "OPENAI_API_KEY": None}\n'
    "for k in envs:\n"
    "    if k in os.environ:\n"
    "        envs[k] = os.environ[k]\n"
    'client = openai.OpenAI(base_url=envs["OPENAI_BASE_URL"], api_key=envs["OPENAI_API_KEY"])\n'
)


def test_the_url_of_a_dict_whose_key_entry_stays_openais_is_left_with_it(registry):
    found, after = migrated(registry, REPRO, "doubao")
    assert after == REPRO
    assert rows(found, "ML402") == [(5, "ML402", "manual", held_url(5))]
    # the key entry and its uses stay, each saying why
    assert [(r[0], r[2]) for r in rows(found, "ML401")] == [
        (5, "manual"), (5, "manual"), (9, "manual"), (9, "manual"),
    ]  # fmt: skip


# no other use of the names: ML401 renames both, so the URL moves with them
LOOPED = (
    "import os\n\n"
    'envs = {"OPENAI_BASE_URL": "https://api.openai.com/v1", "OPENAI_API_KEY": None}\n'
    "for k in envs:\n"
    "    if k in os.environ:\n"
    "        envs[k] = os.environ[k]\n"
)


def test_where_ml401_renames_the_key_entry_the_url_moves_with_it(registry):
    found, after = migrated(registry, LOOPED, "doubao")
    assert after == LOOPED.replace(
        '    "OPENAI_BASE_URL": "https://api.openai.com/v1", "OPENAI_API_KEY": None}\n',
        "",
    ).replace(
        'envs = {"OPENAI_BASE_URL": "https://api.openai.com/v1", "OPENAI_API_KEY": None}\n',
        "envs = {\n"
        f'    "ARK_BASE_URL": os.environ.get("ARK_BASE_URL", "{ARK_URL}"),\n'
        '    "ARK_API_KEY": None,\n'
        "}\n",
    )
    assert [(f[0], f[2], f[4]) for f in found] == [
        (3, "ML401", "safe"), (3, "ML402", "safe"), (3, "ML401", "safe"),
    ]  # fmt: skip


# pdf2zh's shape: the dict a class attribute, filled by a base class's method, read through
# `self.envs[...]`; subclasses for other services pass their own URL and key to the base
TRANSLATOR = """import os

import openai


class Base:
    envs = {}

    def set_envs(self):
        self.envs = dict(self.envs)
        for key in self.envs:
            if key in os.environ:
                self.envs[key] = os.environ[key]


class Chat(Base):
    envs = {
        "OPENAI_BASE_URL": "https://api.openai.com/v1",
        "OPENAI_API_KEY": None,
        "OPENAI_MODEL": "gpt-4o-mini",
    }

    def __init__(self, model=None, base_url=None, api_key=None):
        self.set_envs()
        self.model = model or self.envs["OPENAI_MODEL"]
        self.client = openai.OpenAI(
            base_url=base_url or self.envs["OPENAI_BASE_URL"],
            api_key=api_key or self.envs["OPENAI_API_KEY"],
        )

    def translate(self, text):
        return self.client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": text}]
        )


class ZhipuChat(Chat):
    envs = {"ZHIPU_API_KEY": None, "ZHIPU_MODEL": "glm-4-flash"}

    def __init__(self, model=None):
        self.set_envs()
        super().__init__(
            model or self.envs["ZHIPU_MODEL"],
            base_url="https://open.bigmodel.cn/api/paas/v4",
            api_key=self.envs["ZHIPU_API_KEY"],
        )


class GroqChat(Chat):
    envs = {"GROQ_API_KEY": None, "GROQ_MODEL": "llama-3-3-70b-versatile"}

    def __init__(self, model=None):
        self.set_envs()
        super().__init__(
            model or self.envs["GROQ_MODEL"],
            base_url="https://api.groq.com/openai/v1",
            api_key=self.envs["GROQ_API_KEY"],
        )
"""
SHARED = (
    "its model is chosen at run time, and every ByteDance Doubao (Volcengine Ark) model that "
    "apply maps OpenAI's chat models to thinks before it answers unless told not to (replies "
    "and stream deltas carry reasoning_content): where the program "
    'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": "disabled"}}; '
    "Chat.translate is shared: 2 subclasses of the module (ZhipuChat, GroqChat) run it with "
    "base URLs of their own, and would send that to their servers too: send it only for the "
    f"client pointed at {DOUBAO} (under `if type(self) is Chat:`, or a setting each class gives)"
)


def test_the_translators_url_key_and_model_stay_together(registry):
    found, after = migrated(registry, TRANSLATOR, "doubao")
    assert after == TRANSLATOR
    assert rows(found, "ML402", "ML204", "ML007", "ML118") == [
        (18, "ML402", "manual", held_url(19)),
        (
            20,
            "ML204",
            "manual",
            "entry 'OPENAI_MODEL' = 'gpt-4o-mini' goes with the OpenAI base URL beside it (line "
            "18), which apply leaves with the key beside it (see ML402): apply leaves the model "
            "too; change the URL, key and model together, by hand",
        ),
        (32, "ML118", "manual", SHARED),
    ]
    # D6: the model variable Doubao's file lists
    assert [r[3] for r in rows(found, "ML401") if "OPENAI_MODEL" in r[3]] == [
        f"names OPENAI_MODEL, but the module does not show how it is used; {ARK_MODEL_ADVICE}",
    ] * 2


def test_a_subclass_whose_envs_hold_the_fallback_entry_is_still_reported(registry):
    text = TRANSLATOR.replace(
        '    envs = {"GROQ_API_KEY": None, ',
        '    envs = {"OPENAI_API_KEY": None, "GROQ_API_KEY": None, ',
    ).replace('    envs = {"ZHIPU_API_KEY": None, "ZHIPU_MODEL": "glm-4-flash"}\n', "")
    found, _ = migrated(registry, text, "doubao")
    assert [(r[0], r[1]) for r in rows(found, "ML007")] == [(41, "ML007"), (53, "ML007")]
    # an entry written in the module may be the fallback's: reported as before
    written = TRANSLATOR.replace(
        "        self.set_envs()\n        super",
        '        self.envs["OPENAI_API_KEY"] = None\n        super',
    )
    found, _ = migrated(registry, written, "doubao")
    assert len(rows(found, "ML007")) == 2


def test_a_subclass_that_overrides_the_method_or_is_on_the_provider_is_not_named(registry):
    text = TRANSLATOR.replace(
        '            base_url="https://api.groq.com/openai/v1",\n',
        f'            base_url="{ARK_URL}",\n',
    ).replace(
        "class ZhipuChat(Chat):\n",
        "class ZhipuChat(Chat):\n    def translate(self, text):\n        return text\n\n",
    )
    found, _ = migrated(registry, text, "doubao")
    assert [r[3] for r in rows(found, "ML118")] == [SHARED.split("; Chat.translate")[0]]


# t52f repro2: a deployment default reaching an AzureOpenAI client ML002 leaves
AZURE = """import os

import openai


class AzureChat:
    envs = {"AZURE_OPENAI_MODEL": "gpt-4o-mini"}

    def __init__(self, api_key):
        self.model = os.environ.get("AZURE_OPENAI_MODEL") or self.envs["AZURE_OPENAI_MODEL"]
        self.client = openai.AzureOpenAI(
            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
            azure_deployment=self.model,
            api_version="2024-06-01",
            api_key=api_key,
        )

    def ask(self, text):
        return self.client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": text}]
        )
"""


def test_a_deployment_default_of_an_azure_client_left_on_azure_is_left(registry):
    found, after = migrated(registry, AZURE, "doubao")
    assert after == AZURE
    assert rows(found, "ML204", "ML002")[0] == (
        7,
        "ML204",
        "manual",
        "entry 'AZURE_OPENAI_MODEL' = 'gpt-4o-mini' is sent as model= on line 19 through "
        "openai.AzureOpenAI() on line 11, which stays on Azure OpenAI, where it names a "
        "deployment: apply leaves the model too; change them together, by hand",
    )
    # pdf2zh's: the default only given as the deployment (the request's model set elsewhere)
    local = AZURE.replace(
        '        self.model = os.environ.get("AZURE_OPENAI_MODEL") or self.envs["AZURE_OPENAI_MODEL"]\n',
        '        model = self.envs["AZURE_OPENAI_MODEL"]\n',
    ).replace("azure_deployment=self.model,", "azure_deployment=model,")
    found, after = migrated(registry, local, "doubao")
    assert after == local
    assert rows(found, "ML204")[0][2:] == (
        "manual",
        "entry 'AZURE_OPENAI_MODEL' = 'gpt-4o-mini' is the deployment (azure_deployment=) of "
        "openai.AzureOpenAI() on line 11, which stays on Azure OpenAI: apply leaves the model "
        "too; map it when you convert that client, by hand",
    )


# t52f's hand fix of the translator (fixed/pdf2zh/translator.py, cut down)
FIXED = """import openai


class Chat:
    envs = {"ARK_BASE_URL": "https://ark.cn-beijing.volces.com/api/v3", "ARK_API_KEY": None}

    def __init__(self, base_url=None, api_key=None):
        key = api_key or self.envs["ARK_API_KEY"]
        if not key:
            raise ValueError("ARK_API_KEY is missing.")
        self.client = openai.OpenAI(
            base_url=base_url or self.envs["ARK_BASE_URL"],
            api_key=key,
        )
"""


def test_a_client_pointed_at_the_provider_by_hand_with_a_checked_key_is_a_note(registry):
    found, after = migrated(registry, FIXED, "doubao")
    assert after == FIXED
    assert [(f[0], f[2], f[3], f[4], f[5]) for f in found] == [
        (
            11,
            "ML003",
            "note",
            "none",
            'OpenAI() takes its base URL from `base_url or self.envs["ARK_BASE_URL"]` and its key '
            f"from `key`, which read {DOUBAO}'s settings (ARK_BASE_URL, ARK_API_KEY), the key "
            f"never empty where it is built (line 9): pointed at {DOUBAO} by hand; left as it is",
        )
    ]
    # unchecked, the key may be None and the SDK would read OPENAI_API_KEY: a warning
    found, _ = migrated(
        registry, FIXED.replace("        if not key:\n", "        if key:\n"), "doubao"
    )
    assert [(f[2], f[3]) for f in found] == [("ML003", "warning")]


APP = REPRO + (
    'reply = client.chat.completions.create(model="doubao-seed-2-1-turbo-260628", '
    'messages=[{"role": "user", "content": "ping"}])\n'
    "print(reply.choices[0].message.content)\n"
)
SENTINEL = "sk-openai-sentinel-never-sent"


def run_app(provider, tmp_path, text: str):
    """apply --yes on app.py, then run it with OPENAI_API_KEY set to the sentinel and the
    provider's variables on the loopback server: (after, process, blocked hosts, requests)."""
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "doubao", "--yes"])
    assert done.exit_code == 0, done.stderr
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": SENTINEL,
            provider.api_key_env: "ark-key",
            provider.base_url_env: server.base + "/api/v3",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        requests = list(server.requests)
    finally:
        server.stop()
    return (tmp_path / "app.py").read_text(encoding="utf-8"), proc, blocked, requests


def test_the_openai_key_goes_nowhere_after_apply(registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    after, proc, blocked, requests = run_app(registry.get("doubao"), tmp_path, APP)
    assert after == APP  # left: still OpenAI's URL with OpenAI's key, as check says
    assert CliRunner().invoke(app, ["check", "app.py", "--provider", "doubao"]).exit_code == 1
    assert proc.returncode != 0 and blocked != []  # the guard refused api.openai.com
    assert requests == []


def test_a_looped_dict_moves_whole_and_sends_the_provider_key(registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = LOOPED.replace("import os\n", "import os\n\nimport openai\n") + (
        "base_url, api_key = envs.values()\n"
        "client = openai.OpenAI(base_url=base_url, api_key=api_key)\n"
        'reply = client.chat.completions.create(model="doubao-seed-2-1-turbo-260628", '
        'messages=[{"role": "user", "content": "ping"}])\n'
        "print(reply.choices[0].message.content)\n"
    )
    after, proc, blocked, requests = run_app(registry.get("doubao"), tmp_path, text)
    assert '    "ARK_API_KEY": None,\n' in after
    assert proc.returncode == 0, proc.stderr
    assert blocked == []
    assert [(r.path, r.headers.get("authorization")) for r in requests] == [
        ("/api/v3/chat/completions", "Bearer ark-key")
    ]
