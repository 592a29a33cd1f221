"""Config discovery, parsing, strictness, per-file ignores and flag precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.config import Config, find_config, load_config, merge
from migrate_llm.errors import ConfigError

FULL = """\
[tool.migrate-llm]
provider = "deepseek"
region = "intl"
exclude = ["build/", "*.ipynb"]
provider-paths = ["providers", "../shared/providers", "/opt/providers"]
ignore = ["ml001", "ML004"]

[tool.migrate-llm.models]
"gpt-4o" = "deepseek-chat"
"o1" = "deepseek-reasoner"

[tool.migrate-llm.per-file-ignores]
"tests/*" = ["ML010"]
"**/legacy/*.py" = ["ml020", "ML021"]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery -------------------------------------------------------------------------------


def test_migrate_llm_toml_beats_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.migrate-llm]\nprovider = "qwen"\n')
    own = write(tmp_path / "migrate-llm.toml", 'provider = "kimi"\n')
    assert find_config(tmp_path) == own
    assert load_config(tmp_path).provider == "kimi"


def test_pyproject_without_the_table_is_skipped_and_the_walk_goes_on(tmp_path):
    outer = write(tmp_path / "pyproject.toml", '[tool.migrate-llm]\nprovider = "qwen"\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n[tool.ruff]\n')
    assert find_config(tmp_path / "pkg") == outer
    assert load_config(tmp_path / "pkg").provider == "qwen"


def test_found_from_a_nested_subdirectory_and_from_a_file(tmp_path):
    config = write(tmp_path / "pyproject.toml", '[tool.migrate-llm]\nregion = "cn"\n')
    nested = tmp_path / "src" / "app" / "core"
    source = write(nested / "llm.py", "import openai\n")
    assert find_config(nested) == config
    assert find_config(source) == config
    loaded = load_config(nested)
    assert (loaded.region, loaded.root, loaded.source) == ("cn", tmp_path, config)


def test_nearest_config_wins(tmp_path):
    write(tmp_path / "migrate-llm.toml", 'provider = "qwen"\n')
    inner = write(tmp_path / "sub" / "pyproject.toml", '[tool.migrate-llm]\nprovider = "glm"\n')
    assert find_config(tmp_path / "sub" / "deeper") == inner


def test_no_config_gives_the_default(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None
    assert load_config(tmp_path) == Config()
    assert Config().ignores("a.py", "ML001", cwd=tmp_path) is False


# --- parsing ---------------------------------------------------------------------------------


def test_every_key_is_parsed(tmp_path):
    path = write(tmp_path / "proj" / "pyproject.toml", FULL)
    config = load_config(tmp_path / "proj")
    root = tmp_path / "proj"
    assert config == Config(
        provider="deepseek",
        region="intl",
        exclude=("build/", "*.ipynb"),
        models={"gpt-4o": "deepseek-chat", "o1": "deepseek-reasoner"},
        provider_paths=(
            root / "providers",
            tmp_path / "shared" / "providers",
            Path("/opt/providers"),
        ),
        ignore=frozenset({"ML001", "ML004"}),
        per_file_ignores={
            "tests/*": frozenset({"ML010"}),
            "**/legacy/*.py": frozenset({"ML020", "ML021"}),
        },
        root=root,
        source=path,
    )
    assert all(p.is_absolute() for p in config.provider_paths)


def test_migrate_llm_toml_keys_are_at_top_level(tmp_path):
    write(
        tmp_path / "migrate-llm.toml",
        FULL.replace("tool.migrate-llm.", "").replace("[tool.migrate-llm]\n", ""),
    )
    config = load_config(tmp_path)
    assert config.provider == "deepseek"
    assert config.models == {"gpt-4o": "deepseek-chat", "o1": "deepseek-reasoner"}
    assert config.per_file_ignores["tests/*"] == frozenset({"ML010"})


def test_empty_table_is_a_config_with_nothing_set(tmp_path):
    path = write(tmp_path / "pyproject.toml", "[tool.migrate-llm]\n")
    assert load_config(tmp_path) == Config(root=tmp_path, source=path)


# --- strictness ------------------------------------------------------------------------------

KNOWN = (
    "provider, region, exclude, models, provider-paths, ignore, per-file-ignores, azure-api, "
    "azure-auth, fail-on"
)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "pyproject.toml",
            '[tool.migrate-llm]\nprovider = "qwen"\nexlcude = []\n',
            f"pyproject.toml: [tool.migrate-llm] unknown key 'exlcude' (known: {KNOWN})",
        ),
        (
            "migrate-llm.toml",
            "provider_paths = []\n",
            f"migrate-llm.toml: unknown key 'provider_paths' (known: {KNOWN})",
        ),
        (
            "pyproject.toml",
            "[tool.migrate-llm]\nprovider = 3\n",
            "pyproject.toml: [tool.migrate-llm] 'provider' must be a non-empty string, not an integer",
        ),
        (
            "migrate-llm.toml",
            'exclude = "build"\n',
            "migrate-llm.toml: 'exclude' must be an array of strings, not a string",
        ),
        (
            "migrate-llm.toml",
            'exclude = ["build", 1]\n',
            "migrate-llm.toml: 'exclude[1]' must be a non-empty string, not an integer",
        ),
        (
            "migrate-llm.toml",
            'models = ["gpt-4o"]\n',
            "migrate-llm.toml: 'models' must be a table, not an array",
        ),
        (
            "migrate-llm.toml",
            "[models]\ngpt-4o = true\n",
            "migrate-llm.toml: 'models.gpt-4o' must be a non-empty string, not a boolean",
        ),
        (
            "pyproject.toml",
            "[tool]\nmigrate-llm = 1\n",
            "pyproject.toml: [tool.migrate-llm] must be a table, not an integer",
        ),
        (
            "pyproject.toml",
            '[tool.migrate-llm]\nignore = ["ML001", "E501"]\n',
            "pyproject.toml: [tool.migrate-llm] 'ignore' has 'E501', which is not a rule code such as ML001",
        ),
        (
            "migrate-llm.toml",
            '[per-file-ignores]\n"tests/*" = ["ML1"]\n',
            "migrate-llm.toml: 'per-file-ignores.tests/*' has 'ML1', which is not a rule code such as ML001",
        ),
        (
            "migrate-llm.toml",
            '[per-file-ignores]\n"tests/*" = "ML001"\n',
            "migrate-llm.toml: 'per-file-ignores.tests/*' must be an array of strings, not a string",
        ),
        (
            "migrate-llm.toml",
            '[per-file-ignores]\n"\\\\" = ["ML001"]\n',
            "migrate-llm.toml: 'per-file-ignores' has an invalid pattern: Invalid git pattern: '\\\\'",
        ),
    ],
)
def test_strictness_errors(tmp_path, monkeypatch, name, text, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "head", "line"),
    [("pyproject.toml", "[tool.migrate-llm]\n", 2), ("migrate-llm.toml", "", 1)],
)
def test_invalid_toml_names_the_file_and_the_parser_message(
    tmp_path, monkeypatch, name, head, line
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name, head + 'provider = "qwen\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "sub")
    assert str(info.value) == (
        f"{name}: invalid TOML: Illegal character '\\n' (at line {line}, column 17)"
    )


def test_a_broken_pyproject_that_does_not_configure_migrate_llm_is_ignored(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x\n')
    assert load_config(tmp_path) == load_config(tmp_path / "nowhere")


def test_error_outside_cwd_names_the_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path / "elsewhere" / "x", "").parent)
    path = write(tmp_path / "proj" / "migrate-llm.toml", "ignore = [1]\n")
    with pytest.raises(ConfigError, match="^" + str(path) + ": 'ignore\\[0\\]'"):
        load_config(path.parent)


# --- ignores ---------------------------------------------------------------------------------

IGNORES = """\
[tool.migrate-llm]
ignore = ["ML001"]

[tool.migrate-llm.per-file-ignores]
"tests/*" = ["ML010"]
"**/legacy/*.py" = ["ML020"]
"generated/" = ["ML030", "ML031"]
"""


@pytest.mark.parametrize(
    ("path", "code", "ignored"),
    [
        ("app/main.py", "ML001", True),  # `ignore` applies everywhere
        ("app/main.py", "ml001", True),
        ("app/main.py", "ML010", False),
        ("tests/test_a.py", "ML010", True),
        ("tests/unit/test_b.py", "ML010", True),  # tests/unit matches, so all below it does
        ("tests/test_a.py", "ML020", False),
        ("app/legacy/old.py", "ML020", True),
        ("legacy/old.py", "ML020", True),
        ("app/legacy/sub/old.py", "ML020", False),
        ("app/legacy/old.txt", "ML020", False),
        ("generated/client.py", "ML031", True),
        ("app/generated/deep/client.py", "ML030", True),
        ("app/generated.py", "ML030", False),
    ],
)
def test_ignores_relative_to_a_config_in_a_parent_of_cwd(tmp_path, path, code, ignored):
    # The config is in `repo`, cwd is `repo/svc`: the finding path `tests/test_a.py` is matched
    # as `svc/tests/test_a.py`.
    repo = tmp_path / "repo"
    write(repo / "pyproject.toml", IGNORES.replace('"tests/*"', '"svc/tests/*"'))
    cwd = repo / "svc"
    cwd.mkdir()
    config = load_config(cwd)
    assert config.root == repo
    assert config.ignores(path, code, cwd=cwd) is ignored


def test_ignores_patterns_are_not_relative_to_cwd(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "pyproject.toml", IGNORES)
    cwd = repo / "svc"
    cwd.mkdir()
    config = load_config(cwd)
    # `tests/*` means repo/tests, not repo/svc/tests.
    assert config.ignores("tests/test_a.py", "ML010", cwd=cwd) is False
    assert config.ignores("../tests/test_a.py", "ML010", cwd=cwd) is True
    # A path outside the config's tree is only subject to `ignore`.
    assert config.ignores(str(tmp_path / "other" / "tests" / "a.py"), "ML010", cwd=cwd) is False
    assert config.ignores(str(tmp_path / "other" / "a.py"), "ML001", cwd=cwd) is True


def test_ignores_defaults_to_the_current_directory(tmp_path, monkeypatch):
    write(tmp_path / "migrate-llm.toml", '[per-file-ignores]\n"tests/*" = ["ML010"]\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(tmp_path).ignores("tests/a.py", "ML010") is True


# --- merge -----------------------------------------------------------------------------------


@pytest.fixture
def config(tmp_path):
    write(tmp_path / "pyproject.toml", FULL)
    return load_config(tmp_path)


def test_merge_without_flags_keeps_the_config(config):
    assert merge(config) == config
    assert merge(config, provider=None, region=None, exclude=(), models={}, ignore=()) == config


def test_merge_scalar_flags_win(config):
    merged = merge(config, provider="qwen", region="cn")
    assert (merged.provider, merged.region) == ("qwen", "cn")
    assert merge(Config(), provider="kimi").provider == "kimi"


def test_merge_models_override_per_key(config):
    merged = merge(config, models={"gpt-4o": "deepseek-reasoner", "gpt-4o-mini": "deepseek-chat"})
    assert merged.models == {
        "gpt-4o": "deepseek-reasoner",
        "o1": "deepseek-reasoner",
        "gpt-4o-mini": "deepseek-chat",
    }
    assert config.models["gpt-4o"] == "deepseek-chat"  # the original is untouched


def test_merge_exclude_and_provider_paths_add(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    merged = merge(config, exclude=("vendor/", "build/"), provider_paths=(Path("mine"),))
    assert merged.exclude == ("build/", "*.ipynb", "vendor/")
    assert merged.provider_paths == (*config.provider_paths, tmp_path / "mine")


def test_merge_ignore_replaces_and_is_validated(config):
    assert merge(config, ignore=["ml050"]).ignore == frozenset({"ML050"})
    with pytest.raises(ConfigError) as info:
        merge(config, ignore=["X1"])
    assert str(info.value) == "--ignore: 'X1' is not a rule code such as ML001"


def test_merge_keeps_per_file_ignores_and_origin(config, tmp_path):
    merged = merge(config, provider="qwen")
    assert (merged.root, merged.source) == (tmp_path, tmp_path / "pyproject.toml")
    assert merged.ignores("tests/a.py", "ML010", cwd=tmp_path) is True


def test_merge_rejects_unknown_flags(config):
    with pytest.raises(TypeError, match="per_file_ignores"):
        merge(config, per_file_ignores={})
