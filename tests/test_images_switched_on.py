"""A model attribute assigned beside an attribute of the same object that switches images on
gets the provider's model for images, as a config file's `supports_vision: true` beside its
model does (t48d defect 5). open-interpreter's os.py profile (`interpreter.llm.supports_vision
= True`, then `interpreter.llm.model = "gpt-4o"`) was told `deepseek-v4-pro`, which reads text
only, while its vision.yaml got `deepseek-flash`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .test_model_labels import migrated

CLIENT = "from openai import OpenAI\n\n\nclass Llm:\n    def __init__(self):\n"
SEND = (
    "\n    def run(self, messages):\n"
    "        return OpenAI().chat.completions.create(model=self.model, messages=messages)\n"
)

OPENAI_AFTER = (
    'OpenAI(\n            api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "        )"
)
# the request as migrated: its client pointed at DeepSeek, thinking off (ML118: both models
# DeepSeek gives OpenAI's chat models think unless told not to)
SEND_AFTER = (
    "\n    def run(self, messages):\n"
    f"        return {OPENAI_AFTER}.chat.completions.create(\n"
    '            extra_body={"thinking": {"type": "disabled"}}, model=self.model, messages=messages\n'
    "        )\n"
)


def model_rows(found):
    return [(line, fix, message) for line, _, rule, _, fix, message in found if rule == "ML204"]


@pytest.mark.parametrize(
    ("switch", "model"),
    [
        ("        self.supports_vision = True\n", "deepseek-flash"),
        ('        self.vision = "yes"\n', "deepseek-flash"),
        ("        self.multimodal = 1\n", "deepseek-flash"),
        # switched off, not a switch for images, or switched on then off again in the block
        ("        self.supports_vision = False\n", "deepseek-v4-pro"),
        ("        self.no_vision = True\n", "deepseek-v4-pro"),
        ("        self.supports_functions = True\n", "deepseek-v4-pro"),
        (
            "        self.supports_vision = True\n        self.supports_vision = None\n",
            "deepseek-v4-pro",
        ),
    ],
)
def test_a_switch_for_images_beside_the_model_picks_the_model_for_images(registry, switch, model):
    head = CLIENT + switch + '        self.model = "gpt-4o"\n'
    text = head + SEND
    found, after = migrated(registry, text, provider="deepseek")
    expected = head.replace('"gpt-4o"', f'"{model}"') + SEND_AFTER
    assert after == "import os\n\n" + expected
    line = text[: text.index('"gpt-4o"')].count("\n") + 1
    images = ", its model for images" if model == "deepseek-flash" else ""
    assert model_rows(found) == [
        (
            line,
            "review",
            f"attribute self.model = 'gpt-4o' maps to '{model}' on DeepSeek{images}",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # another object's switch
        'import app\n\napp.other.supports_vision = True\napp.llm.model = "gpt-4o"\napp.llm.run()\n',
        # a switch in another block
        "import app\n\n\ndef vision():\n    app.llm.supports_vision = True\n\n\n"
        'app.llm.model = "gpt-4o"\n',
    ],
)
def test_a_switch_of_another_object_or_block_does_not_count(registry, text):
    found, _ = migrated(registry, text, provider="deepseek")
    assert [message.split(" on ")[0] for _, _, message in model_rows(found)] == [
        "attribute app.llm.model = 'gpt-4o' maps to 'deepseek-v4-pro'"
    ]


CORE = (
    "import litellm\n\n\n"
    "class Llm:\n"
    "    def __init__(self):\n"
    '        self.model = "gpt-4o"\n'
    "        self.supports_vision = None\n\n"
    "    def run(self, messages):\n"
    "        return litellm.completion(model=self.model, messages=messages)\n\n\n"
    "llm = Llm()\n"
)
# the trial's repro (t48d r5): open-interpreter's os.py profile, and its vision.yaml
PROFILE = 'from core import llm\n\nllm.supports_vision = True\nllm.model = "gpt-4o"\n'
VISION_YAML = "llm:\n  model: gpt-4o\n  supports_vision: true\n"


def test_the_python_profile_gets_what_the_yaml_profile_gets(tmp_path, monkeypatch):
    (tmp_path / "core.py").write_text(CORE, encoding="utf-8")
    (tmp_path / "profile_os.py").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "vision.yaml").write_text(VISION_YAML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = {
        f["path"]: f
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] in ("ML204", "ML503") and "model_from" in f["data"]
    }
    profile = found["profile_os.py"]
    assert (profile["rule"], profile["line"], profile["fix"], profile["message"]) == (
        "ML204",
        4,
        "manual",
        "attribute llm.model = 'gpt-4o' maps to 'deepseek-flash' on DeepSeek, but a module of "
        "this project calls litellm, which sends a model without a provider prefix to OpenAI, "
        "and nothing here shows where this one goes: write 'deepseek/deepseek-flash' where it "
        "reaches litellm, 'deepseek-flash' where it reaches an OpenAI client, by hand",
    )
    assert profile["data"] == {"model_from": "gpt-4o"}
    yaml = found["vision.yaml"]
    assert (yaml["rule"], yaml["data"]["model_to"]) == ("ML503", "deepseek/deepseek-flash")
    # the attribute of core.py with no switch on keeps the table's model
    assert found["core.py"]["data"]["model_to"] == "deepseek/deepseek-v4-pro"
