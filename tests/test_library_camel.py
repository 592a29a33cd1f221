"""camel (camel-ai): agents on its default platform, `ModelFactory.create` on OpenAI's, its
OpenAI embedding (ML670, `frameworks.camel`). Each text runs the whole pipeline (prefilter,
every Python rule)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

READS = "which reads OPENAI_API_KEY and OPENAI_API_BASE_URL"
DEFAULT = (
    "camel builds its default model (ModelPlatformType.DEFAULT with ModelType.DEFAULT: OpenAI's "
    "gpt-4.1-mini-2025-04-14 unless DEFAULT_MODEL_PLATFORM_TYPE and DEFAULT_MODEL_TYPE name "
    f"others), {READS}"
)
NAMED = (
    "without a platform: camel sends it through ModelPlatformType.DEFAULT (OpenAI unless "
    f"DEFAULT_MODEL_PLATFORM_TYPE names another platform), {READS}; a model name alone does not "
    "move camel"
)
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN_AT = (
    f'url=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"), '
    'api_key=os.environ["DASHSCOPE_API_KEY"]'
)
QWEN_OWN = "given neither url= nor api_key=, camel's QWEN platform reads QWEN_API_KEY and "
QWEN_OWN += "QWEN_API_BASE_URL"
ENV = (
    f"set DEFAULT_MODEL_PLATFORM_TYPE=tongyi-qianwen, DEFAULT_MODEL_TYPE=qwen-plus, QWEN_API_KEY "
    f"(the {QWEN} key) and QWEN_API_BASE_URL={QWEN_URL} where the program runs, before camel is "
    "imported (then suppress this finding)"
)
HEAD = (
    "from camel.agents import ChatAgent\nfrom camel.models import ModelFactory\n"
    "from camel.types import ModelPlatformType, ModelType\n\n"
)


def findings(registry, text: str, provider: str | None = "qwen"):
    return file_findings(registry, text, provider)


def create(model: str = "qwen-plus", platform: str = "QWEN") -> str:
    return (
        f'ModelFactory.create(model_platform=ModelPlatformType.{platform}, model_type="{model}", '
        f"{QWEN_AT})"
    )


def test_the_trials_three_agents_each_kind_once(registry):
    # r1_enum_default: an OpenAI platform, the default model, a ModelType without platform
    text = HEAD + (
        "model = ModelFactory.create(model_platform=ModelPlatformType.OPENAI, "
        "model_type=ModelType.GPT_4O_MINI)\n"
        'a = ChatAgent("You are a helpful assistant.", model=model)\n'
        'b = ChatAgent("You are a helpful assistant.")\n'
        'c = ChatAgent("You are a helpful assistant.", model=ModelType.GPT_4O_MINI)\n'
        'd = ChatAgent("Another.")\n'
    )
    assert findings(registry, text) == [
        (
            "ML670",
            5,
            9,
            "ModelFactory.create() picks ModelPlatformType.OPENAI: camel's OpenAI backend, "
            f"{READS}; for {QWEN} pass model_platform=ModelPlatformType.QWEN, "
            f'model_type="qwen-plus", {QWEN_AT} ({QWEN_OWN}), by hand',
        ),
        (
            "ML670",
            7,
            5,
            f"ChatAgent() is given no model=: {DEFAULT} (also line 9); for {QWEN} {ENV}, or pass "
            f"model={create()} ({QWEN_OWN}), by hand",
        ),
        (
            "ML670",
            8,
            5,
            f"ChatAgent() is given model=ModelType.GPT_4O_MINI {NAMED}; for {QWEN} pass "
            f"model={create()} ({QWEN_OWN}), by hand",
        ),
    ]


def test_the_providers_model_name_alone_still_goes_to_openai(registry):
    # r2_follow_advice: ML206's former advice followed; ML206 no longer gives it
    text = 'from camel.agents import ChatAgent\n\nagent = ChatAgent("Hi.", model="gpt-4o-mini")\n'
    expected = (
        f"ChatAgent() is given model='gpt-4o-mini' {NAMED}; for {QWEN} pass model={create()} "
        f"({QWEN_OWN}), by hand"
    )
    assert findings(registry, text) == [("ML670", 3, 9, expected)]
    followed = text.replace("gpt-4o-mini", "qwen-plus")
    assert findings(registry, followed) == [
        ("ML670", 3, 9, expected.replace("'gpt-4o-mini'", "'qwen-plus'"))
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "given"),
    [
        (
            'from camel.societies import RolePlaying\n\nsession = RolePlaying("A", "B", '
            'task_prompt="Plan")\n',
            3,
            11,
            "RolePlaying() is given no model=",
        ),
        (
            'from camel.societies.workforce import Workforce\n\nteam = Workforce("Team")\n',
            3,
            8,
            "Workforce() is given no default_model=",
        ),
        (
            "from camel.agents import ChatAgent\n\n\ndef main(model=None):\n"
            '    return ChatAgent("Hi.", model=model)\n',
            5,
            12,
            "ChatAgent() is given model=model, a parameter that defaults to None",
        ),
        (
            "from camel.agents import TaskSpecifyAgent\n\nspec = TaskSpecifyAgent(None)\n",
            3,
            8,
            "TaskSpecifyAgent() is given no model=",
        ),
    ],
)
def test_agents_built_on_the_default_model(registry, text, line, column, given):
    keyword = "default_model" if "Workforce" in text else "model"
    assert findings(registry, text) == [
        (
            "ML670",
            line,
            column,
            f"{given}: {DEFAULT}; for {QWEN} {ENV}, or pass {keyword}={create()} ({QWEN_OWN}), "
            "by hand",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        HEAD + 'm = ModelFactory.create(ModelPlatformType.QWEN, "qwen-plus")\n'
        'a = ChatAgent("Hi.", model=m)\n',
        HEAD + 'a = ChatAgent("Hi.", model=(ModelPlatformType.DEEPSEEK, "deepseek-chat"))\n',
        HEAD + "m = ModelFactory.create(ModelPlatformType.OPENAI, ModelType.GPT_4O, url=URL)\n",
        HEAD + "def make(settings):\n    return ChatAgent(**settings)\n",
        HEAD + "def make(model):\n    return ChatAgent('Hi.', model=model)\n",
        "from camel.societies import RolePlaying\n\n\ndef make(model):\n"
        '    return RolePlaying("A", "B", model=model)\n',
    ],
)
def test_a_platform_of_the_providers_or_a_model_not_shown_is_left(registry, text):
    assert findings(registry, text) == []


def test_the_openai_string_and_the_default_platform(registry):
    text = HEAD + (
        'm = ModelFactory.create(model_platform="openai", model_type="gpt-4o-mini")\n'
        "d = ModelFactory.create(ModelPlatformType.DEFAULT, ModelType.DEFAULT)\n"
    )
    own = f"{QWEN_AT} ({QWEN_OWN}), by hand"
    assert findings(registry, text) == [
        (
            "ML670",
            5,
            5,
            f"ModelFactory.create() picks 'openai': camel's OpenAI backend, {READS} (also line "
            f'6); for {QWEN} pass model_platform=ModelPlatformType.QWEN, model_type="qwen-plus", '
            + own,
        )
    ]
    alone = HEAD + "d = ModelFactory.create(ModelPlatformType.DEFAULT, ModelType.DEFAULT)\n"
    assert findings(registry, alone) == [
        (
            "ML670",
            5,
            5,
            "ModelFactory.create() picks ModelPlatformType.DEFAULT: camel's OpenAI backend unless "
            f"DEFAULT_MODEL_PLATFORM_TYPE names another platform, {READS}; for {QWEN} {ENV}, or "
            f'pass model_platform=ModelPlatformType.QWEN, model_type="qwen-plus", ' + own,
        )
    ]


def test_the_openai_embedding(registry):
    text = "from camel.embeddings import OpenAIEmbedding\n\nembedding = OpenAIEmbedding()\n"
    head = f"OpenAIEmbedding() is camel's OpenAI embedding, {READS}, and takes OpenAI's models only"
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            13,
            f'{head}; for {QWEN} build OpenAICompatibleEmbedding(model_type="text-embedding-v4", '
            f"{QWEN_AT}, output_dim=<the size of its vectors>) (from camel.embeddings) instead, "
            "by hand",
        )
    ]
    assert findings(registry, text, "moonshot") == [
        (
            "ML670",
            3,
            13,
            f"{head}; Moonshot AI (Kimi) serves no embeddings: build OpenAICompatibleEmbedding("
            "model_type=..., url=..., api_key=...) for a provider that does, by hand",
        )
    ]


def test_the_openai_speech_models(registry):
    # t44f: camel's OpenAIAudioModels() had no finding
    text = (
        "from camel.models import OpenAIAudioModels\n\naudio = OpenAIAudioModels()\n"
        'mine = OpenAIAudioModels(url="http://localhost:9000/v1")\n'
    )
    head = f"OpenAIAudioModels() is camel's OpenAI speech (tts-1, whisper-1), {READS}"
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            9,
            f"{head}; {QWEN} serves no audio API on its OpenAI-compatible endpoint: keep it on "
            "OpenAI (its key from OpenAI's variable) or use another speech service, by hand",
        )
    ]
    zhipu = 'url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"), '
    zhipu += 'api_key=os.environ["ZAI_API_KEY"]'
    assert findings(registry, text, "zhipu") == [
        (
            "ML670",
            3,
            9,
            f"{head}; for Zhipu AI (GLM) pass {zhipu} and its speech models to text_to_speech() "
            "and speech_to_text() (Zhipu AI (GLM)'s audio support is partial: check which "
            "speech models it serves), by hand",
        )
    ]


def test_camels_own_platform_per_provider_and_the_compatible_one_otherwise(registry):
    text = 'from camel.agents import ChatAgent\n\nagent = ChatAgent("Hi.", model="gpt-4o")\n'
    zhipu = findings(registry, text, "zhipu")
    assert zhipu is not None
    assert "model=ModelFactory.create(model_platform=ModelPlatformType.ZHIPU, " in zhipu[0][3]
    assert "camel's ZHIPU platform reads ZHIPUAI_API_KEY and ZHIPUAI_API_BASE_URL" in zhipu[0][3]
    hunyuan = findings(registry, text, "hunyuan")
    assert hunyuan is not None
    assert "ModelPlatformType.OPENAI_COMPATIBLE_MODEL" in hunyuan[0][3]
    assert findings(registry, text, "openai") == []


def test_a_module_naming_neither_openai_nor_a_model_passes_the_prefilter(registry):
    text = 'from camel.agents import ChatAgent\n\nagent = ChatAgent("Hi.")\n'
    found = findings(registry, text)
    assert [(rule, line, column) for rule, line, column, _ in found or []] == [("ML670", 3, 9)]


def test_check_is_red_on_a_camel_project_and_apply_leaves_it(tmp_path, monkeypatch):
    source = HEAD + (
        "model = ModelFactory.create(ModelPlatformType.OPENAI, ModelType.GPT_4O_MINI)\n"
        'agent = ChatAgent("Hi.", model="gpt-4o-mini")\n'
    )
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    (tmp_path / "single.py").write_text(
        'from camel.agents import ChatAgent\n\nagent = ChatAgent("Hi.")\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    variables = ["OPENAI_API_KEY", "OPENAI_API_BASE_URL"]
    assert [(f["path"], f["rule"], f["line"], f["fix"], f["data"]) for f in found] == [
        (
            "app.py",
            "ML670",
            5,
            "manual",
            {
                "library": "camel-ai",
                "variables": variables,
                "kind": "platform",
                "model": "gpt-4o-mini",
            },
        ),
        (
            "app.py",
            "ML670",
            6,
            "manual",
            {
                "library": "camel-ai",
                "variables": variables,
                "kind": "named",
                "model": "gpt-4o-mini",
            },
        ),
        (
            "single.py",
            "ML670",
            3,
            "manual",
            {
                "library": "camel-ai",
                "variables": variables,
                "kind": "default",
                "model": "gpt-4.1-mini-2025-04-14",
            },
        ),
    ]
    CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"])
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == source
    again = CliRunner().invoke(app, ["check", "-p", "qwen"])
    assert again.exit_code == 1


def test_a_platform_read_from_a_variable_that_defaults_to_openai(registry):
    # t60a D1: the model's env default was mapped to qwen-plus, which then went to OpenAI
    text = (
        "import os\n\nfrom camel.models import ModelFactory\n\n"
        'PLATFORM = os.getenv("LLM_PLATFORM", "openai")\n'
        'MODEL = os.getenv("LLM_MODEL", "gpt-4o-mini")\n'
        "model = ModelFactory.create(model_platform=PLATFORM, model_type=MODEL)\n"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            7,
            9,
            'ModelFactory.create() picks PLATFORM (os.getenv("LLM_PLATFORM", "openai")), '
            f"'openai' unless LLM_PLATFORM is set: camel's OpenAI backend, {READS}; for {QWEN} "
            'pass model_platform=ModelPlatformType.QWEN, model_type="qwen-plus", '
            f"{QWEN_AT} ({QWEN_OWN}), by hand",
        )
    ]
    # a default naming camel's Qwen platform: the model is mapped for it (ML204)
    qwen = findings(registry, text.replace('"openai")', '"tongyi-qianwen")'))
    assert [(f[0], f[1]) for f in qwen] == [("ML204", 6)]


def test_camels_openai_backend_built_directly(registry):
    # t60a D3: `OpenAIModel(...)` is what ModelFactory builds for OpenAI's platform
    text = (
        "import os\n\nfrom camel.models import OpenAIModel\nfrom camel.types import ModelType\n\n"
        "model = OpenAIModel(ModelType.GPT_4O_MINI)\n"
        'local = OpenAIModel("my-llama", url=os.environ["LOCAL_LLM_URL"])\n'
    )
    assert findings(registry, text) == [
        (
            "ML670",
            6,
            9,
            f"OpenAIModel() is camel's OpenAI backend, {READS}; for {QWEN} build "
            f"{create()} ({QWEN_OWN}) instead, by hand",
        )
    ]
    assert [f[0] for f in findings(registry, text, None)] == ["ML670"]


def test_an_openai_model_type_sent_to_the_provider(registry):
    # t60a D4: camel's Qwen platform, or its OpenAI one given Qwen's URL, with gpt-4o-mini
    text = HEAD + (
        "import os\n\n"
        "a = ModelFactory.create(\n    ModelPlatformType.OPENAI,\n    ModelType.GPT_4O_MINI,\n"
        '    url=os.environ["DASHSCOPE_BASE_URL"],\n    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        ")\n"
        "b = ModelFactory.create(ModelPlatformType.QWEN, ModelType.GPT_4O_MINI)\n"
        "c = ModelFactory.create(ModelPlatformType.QWEN, ModelType.DEFAULT)\n"
        'd = ModelFactory.create(ModelPlatformType.QWEN, "qwen-plus")\n'
    )
    assert findings(registry, text) == [
        (
            "ML670",
            7,
            5,
            f"ModelFactory.create() sends ModelType.GPT_4O_MINI (gpt-4o-mini) to {QWEN}, which "
            'does not serve it and refuses the request (also line 13); pass model_type="qwen-plus"'
            ", by hand",
        )
    ]
    # without a provider, nothing says where the platform sends
    assert findings(registry, text, None) == []


def test_toolkits_and_persona_hub_built_without_a_model(registry):
    # t60a D5: ImageAnalysisToolkit() built camel's default model and went to OpenAI
    text = (
        "from camel.personas import PersonaHub\nfrom camel.toolkits import (\n"
        "    AudioAnalysisToolkit,\n    ImageAnalysisToolkit,\n    VideoAnalysisToolkit,\n)\n\n"
        'image = ImageAnalysisToolkit()\nvideo = VideoAnalysisToolkit("/tmp/videos", None)\n'
        "audio = AudioAnalysisToolkit(None, speech, audio_reasoning_model=None)\n"
        "hub = PersonaHub()\nmine = ImageAnalysisToolkit(model=vision)\n"
        "clip = VideoAnalysisToolkit(model=vision)\n"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            8,
            9,
            f"ImageAnalysisToolkit() is given no model=: {DEFAULT} (also line 9, line 10, line "
            f"11); for {QWEN} {ENV}, or pass model={create()} ({QWEN_OWN}), by hand",
        )
    ]


def test_the_audio_toolkit_without_its_models(registry):
    # t60a D5: it builds OpenAIAudioModels() to transcribe and ChatAgent() to reason
    text = (
        "from camel.toolkits import AudioAnalysisToolkit\n\nkit = AudioAnalysisToolkit()\n"
        "mine = AudioAnalysisToolkit(transcribe_model=speech, audio_reasoning_model=model)\n"
    )
    speech = (
        "AudioAnalysisToolkit() is given no transcribe_model=: camel builds its OpenAI speech "
        f"(OpenAIAudioModels(), whisper-1 to transcribe), {READS}"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            7,
            f"AudioAnalysisToolkit() is given no audio_reasoning_model=: {DEFAULT}; for {QWEN} "
            f"{ENV}, or pass audio_reasoning_model={create()} ({QWEN_OWN}), by hand",
        ),
        (
            "ML670",
            3,
            7,
            f"{speech}; {QWEN} serves no audio API on its OpenAI-compatible endpoint: keep it "
            "on OpenAI (its key from OpenAI's variable) or use another speech service, by hand",
        ),
    ]
    zhipu = 'url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"), '
    zhipu += 'api_key=os.environ["ZAI_API_KEY"]'
    assert findings(registry, text, "zhipu")[1] == (
        "ML670",
        3,
        7,
        f"{speech}; for Zhipu AI (GLM) pass transcribe_model=OpenAIAudioModels({zhipu}) (its "
        "speech_to_text() sends whisper-1: check that Zhipu AI (GLM) serves it), by hand",
    )


EMBEDDS = (
    "camel builds its OpenAI embedding (OpenAIEmbedding(), text-embedding-3-small), "
    f"{READS}, and takes OpenAI's models only"
)


def test_retrievers_built_without_an_embedding_model(registry):
    # t60a D5: VectorRetriever() embedded with OpenAI's text-embedding-3-small at OpenAI
    text = (
        "from camel.retrievers import AutoRetriever, VectorRetriever\n"
        "from camel.retrievers.hybrid_retrival import HybridRetriever\n\n\n"
        "def build(storage, embedding=None):\n"
        "    return VectorRetriever(embedding, storage)\n\n\n"
        'auto = AutoRetriever(vector_storage_local_path="store")\nhybrid = HybridRetriever()\n'
        "mine = VectorRetriever(embedding_model=embedder, storage=store)\n"
        'own = AutoRetriever(None, "store", None, embedder)\n'
    )
    qwen_embedding = (
        'OpenAICompatibleEmbedding(model_type="text-embedding-v4", '
        f"{QWEN_AT}, output_dim=<the size of its vectors>)"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            6,
            12,
            "VectorRetriever() is given embedding_model=embedding, a parameter that defaults to "
            f"None: {EMBEDDS} (also line 9, line 10); for {QWEN} pass embedding_model="
            f"{qwen_embedding} (from camel.embeddings), by hand",
        )
    ]
    alone = "from camel.retrievers import VectorRetriever\n\nretriever = VectorRetriever()\n"
    assert findings(registry, alone, "deepseek") == [
        (
            "ML670",
            3,
            13,
            f"VectorRetriever() is given no embedding_model=: {EMBEDDS}; DeepSeek serves no "
            "embeddings: pass embedding_model=OpenAICompatibleEmbedding(model_type=..., url=..., "
            "api_key=...) for a provider that does, by hand",
        )
    ]
    assert findings(registry, alone, None) == [
        (
            "ML670",
            3,
            13,
            f"VectorRetriever() is given no embedding_model=: {EMBEDDS}; for another provider "
            "pass embedding_model=OpenAICompatibleEmbedding(model_type=..., url=..., "
            "api_key=...) reading its variables, by hand (`migrate-llm scan --provider ID` "
            "names them)",
        )
    ]


def test_a_model_file_camel_reads(registry):
    # t60a D2: model.yaml's model_platform picked OpenAI; only its model_type was mapped
    text = (
        "from camel.models import ModelFactory\n\n"
        'model = ModelFactory.create_from_yaml("model.yaml")\n'
        'other = ModelFactory.create_from_json("model.json")\n'
        "given = ModelFactory.create_from_json(path)\n"
    )
    head = (
        "ModelFactory.create_from_yaml() builds the model model.yaml names: its model_platform "
        f"picks the platform, camel's OpenAI backend for openai or default ({READS}), which "
        "gets its model_type whatever model that names"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            9,
            f"{head} (also line 4); for {QWEN} write model_platform: qwen (camel reads the "
            "ModelPlatformType member's name there, not tongyi-qianwen) and model_type: <model> "
            "in model.yaml (<model> one of qwen4-max, qwen-plus, qwen-flash, qwen3-vl-plus), and "
            f"set QWEN_API_KEY (the {QWEN} key) and QWEN_API_BASE_URL={QWEN_URL} where the "
            "program runs (given no api_key: or url: entries, camel's QWEN platform reads them; "
            "keep the key out of the file), then suppress this finding, by hand",
        )
    ]
    assert findings(registry, text, None) == [
        (
            "ML670",
            3,
            9,
            f"{head} (also line 4); for another provider write its camel platform and model "
            "there, by hand (`migrate-llm scan --provider ID` names them)",
        )
    ]


CAMEL_FILE = (
    "gpt-4o-mini is an OpenAI model; it maps to deepseek-flash on DeepSeek, but camel sends it "
    "to OpenAI: model_platform: {platform} picks camel's OpenAI backend and the entry names no "
    "url (ModelFactory.create_from_yaml / create_from_json, see ML670): write model_platform: "
    "deepseek and model_type: deepseek-flash, and set DEEPSEEK_API_KEY (the DeepSeek key) and "
    "DEEPSEEK_API_BASE_URL=https://api.deepseek.com where the program runs (given no api_key: "
    "or url: entries, camel's DEEPSEEK platform reads them; keep the key out of the file), by "
    "hand"
)


@pytest.mark.parametrize(
    ("path", "text", "platform"),
    [
        ("model.yaml", "model_platform: openai\nmodel_type: gpt-4o-mini\n", "openai"),
        (
            "model.json",
            '{"model_platform": "ModelPlatformType.DEFAULT", "model_type": "gpt-4o-mini",\n'
            ' "model_config_dict": {"temperature": 0.2}}\n',
            "ModelPlatformType.DEFAULT",
        ),
    ],
)
def test_a_model_file_on_camels_openai_platform_keeps_its_model(
    tmp_path, monkeypatch, path, text, platform
):
    # t60a D2: apply mapped model_type alone, so deepseek-flash went to OpenAI
    (tmp_path / path).write_text(text, encoding="utf-8")
    (tmp_path / "settings.yaml").write_text("model_type: gpt-4o-mini\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "-p", "deepseek", "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"], f["line"], f["fix"], f["message"]) for f in found] == [
        (
            path,
            "ML503",
            1 if path.endswith(".json") else 2,
            "manual",
            CAMEL_FILE.format(platform=platform),
        ),
        (
            "settings.yaml",
            "ML503",
            1,
            "review",
            "gpt-4o-mini is an OpenAI model; it maps to deepseek-flash on DeepSeek",
        ),
    ]
    CliRunner().invoke(app, ["apply", "-p", "deepseek", "--yes"])
    assert (tmp_path / path).read_text(encoding="utf-8") == text
    assert (tmp_path / "settings.yaml").read_text(
        encoding="utf-8"
    ) == "model_type: deepseek-flash\n"


def test_the_providers_url_written_in_another_spelling(registry):
    # review of s60: only a trailing slash was ignored
    text = (
        "from camel.models import OpenAIModel\nfrom camel.types import ModelType\n\n"
        'model = OpenAIModel(ModelType.GPT_4O, url="https://API.deepseek.com/v1/")\n'
    )
    assert [(f[0], f[1]) for f in findings(registry, text, "deepseek")] == [("ML670", 4)]
    other = text.replace("https://API.deepseek.com/v1/", "https://api.deepseek.com.example/v1")
    assert findings(registry, other, "deepseek") == []
