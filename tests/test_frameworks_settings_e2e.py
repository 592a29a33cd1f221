"""End to end with pydantic-settings: tests/frameworks_apps/settings_app keeps its key in a
`BaseSettings` field named `openai_api_key`, which reads OPENAI_API_KEY. Migrated with
`apply`, the field reads the provider's key variable (ML401), and the app runs against
tests/loopback_server.py with no OPENAI_* variable set (before, `Settings()` failed at start:
a required field without its variable).

Marked `frameworks`: it needs `pydantic-settings` (the `frameworks` extra).
"""

from __future__ import annotations

import pytest

from .test_frameworks_agents_e2e import migrated_copy, needs, run_app

pytestmark = pytest.mark.frameworks


@pytest.mark.parametrize("provider_id", ["deepseek", "qwen"])
def test_settings_app_reads_the_provider_key_from_its_settings(
    registry,
    server,
    tmp_path,
    monkeypatch,
    provider_id,
):
    needs("pydantic_settings")
    provider = registry.get(provider_id)
    project = migrated_copy("settings_app", provider_id, tmp_path, monkeypatch)
    config = (project / "config.py").read_text()
    key_var, url_var = provider.api_key_env, provider.base_url_env
    assert f'openai_api_key: str = Field(validation_alias="{key_var}")' in config
    assert f'openai_base_url: Annotated[str, Field(validation_alias="{url_var}")]' in config
    assert provider.base_url in config  # the default, rewritten by ML402

    proc, path, key = run_app(registry, provider, project, "summarise.py", server, tmp_path)
    model = provider.map_model("gpt-4o-mini")
    assert proc.stdout.splitlines() == [
        f"endpoint: {server.base}{path}",  # the settings field reads the provider's variable
        f"summary: reply from {model}",
    ]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", model)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}


@pytest.mark.parametrize("provider_id", ["moonshot", "deepseek"])
def test_a_validator_naming_the_settings_fields_keeps_naming_them(
    registry, server, tmp_path, monkeypatch, provider_id
):
    # trial 49e's D3 (arc53/DocsGPT): the fields keep their names and read the provider's
    # variables by an alias; ML401 advised renaming the validator's strings, which then named
    # no field (PydanticUserError decorator-missing-field at import). `migrated_copy` checks
    # that `check` finds nothing left after apply (exit 0).
    needs("pydantic_settings")
    provider = registry.get(provider_id)
    project = migrated_copy("validated_settings_app", provider_id, tmp_path, monkeypatch)
    config = (project / "config.py").read_text()
    key_var = provider.api_key_env
    assert f'str | None, Field(validation_alias="{key_var}")' in config
    assert '@field_validator("OPENAI_API_KEY", "OPENAI_BASE_URL", mode="before")' in config

    proc, path, key = run_app(registry, provider, project, "ask.py", server, tmp_path)
    model = provider.map_model("gpt-4o-mini")
    assert proc.stdout.splitlines() == [
        f"endpoint: {server.base}{path}",
        f"reply: reply from {model}",
    ]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", model)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}
