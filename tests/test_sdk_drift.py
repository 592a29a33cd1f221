"""The installed openai SDK against the recording of its model ids and providers/openai.toml.
Marked `sdk_drift`: not part of the default run, whose outcome a new SDK release must not
change; `.ci/run` reports these without failing. When one fails, classify the new ids in
providers/openai.toml (`[detect] models`, `model_words`) and run `python -m tests.sdk_models
--write`."""

from __future__ import annotations

import pytest

from .sdk_models import installed_models, recorded_models

pytestmark = pytest.mark.sdk_drift


def test_the_tables_classify_every_model_the_installed_sdk_names(registry):
    version, named = installed_models()
    openai = registry.openai
    unknown = sorted(m for m in named if not openai.serves(m))
    assert unknown == [], (
        f"openai {version} names models that providers/openai.toml does not take for OpenAI "
        f"ids: {unknown}"
    )


def test_the_recording_holds_every_model_the_installed_sdk_names():
    version, named = installed_models()
    missing = sorted(named - recorded_models())
    assert missing == [], (
        f"openai {version} names models that tests/data/openai_sdk_models.txt does not hold: "
        f"{missing}; run `python -m tests.sdk_models --write`"
    )
