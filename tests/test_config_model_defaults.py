"""ML503 reads the default of an environment read in a config value (`name =
"${env:LLM_MODEL_NAME:-gpt-4o}"`, `${MODEL:-gpt-4o}`) as the model the program runs with
while the variable is unset, and maps it in place, the read kept (t64b: DB-GPT's TOML
configs sent gpt-4o and text-embedding-3-small to Zhipu with check green)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.registry import Registry

from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_config_edits import migrate

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
# a DB-GPT-style config pointed at the provider by hand, its models left as defaults
CONFIG = (
    "[[models.llms]]\n"
    'name = "${env:LLM_MODEL_NAME:-gpt-4o}"\n'
    'api_base = "${env:ACME_BASE_URL:-https://api.acme.example/v1}"\n'
    'api_key = "${env:ACME_API_KEY}"\n'
    "\n"
    "[[models.embeddings]]\n"
    'name = "${env:EMBEDDING_MODEL_NAME:-text-embedding-3-small}"\n'
    'api_url = "https://api.acme.example/v1/embeddings"\n'
    'api_key = "${env:ACME_API_KEY}"\n'
)
MIGRATED = CONFIG.replace(":-gpt-4o}", ":-acme-large}").replace(
    ":-text-embedding-3-small}", ":-acme-embed}"
)
# the program resolves `${env:VAR:-default}` itself, as DB-GPT's config loader does
APP = (
    "import os\nimport re\nimport tomllib\n\nfrom openai import OpenAI\n\n"
    'with open("app.toml", "rb") as f:\n'
    '    llm = tomllib.load(f)["models"]["llms"][0]\n\n\n'
    "def resolve(value):\n"
    '    found = re.fullmatch(r"\\$\\{env:(\\w+)(?::-(.*))?\\}", value)\n'
    "    return os.environ.get(found[1], found[2]) if found else value\n\n\n"
    'client = OpenAI(api_key=resolve(llm["api_key"]), base_url=resolve(llm["api_base"]))\n'
    'reply = client.chat.completions.create(model=resolve(llm["name"]), messages=[])\n'
    "print(reply.choices[0].message.content)\n"
)


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def test_the_default_is_mapped_inside_the_read(registry: Registry) -> None:
    after, findings = migrate(registry, "app.toml", CONFIG)
    assert after == MIGRATED
    assert [(f.rule, f.line, f.column, f.fix, f.data) for f in findings] == [
        (
            "ML503",
            2,
            31,
            FixClass.REVIEW,
            {"model_from": "gpt-4o", "model_to": "acme-large", "default_of": "LLM_MODEL_NAME"},
        ),
        (
            "ML503",
            7,
            37,
            FixClass.REVIEW,
            {
                "model_from": "text-embedding-3-small",
                "model_to": "acme-embed",
                "default_of": "EMBEDDING_MODEL_NAME",
            },
        ),
    ]
    assert findings[0].message == (
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud (the default of "
        "LLM_MODEL_NAME: where that variable is set, set it there too)"
    )
    again, rest = migrate(registry, "app.toml", after)
    assert (again, [f for f in rest if f.edit is not None]) == (after, [])


def test_shell_style_defaults_are_read_too(registry: Registry) -> None:
    text = (
        "services:\n  app:\n    environment:\n"
        "      LLM_MODEL: ${LLM_MODEL:-gpt-4o-mini}\n"
        '      FAST_MODEL: "${FAST_MODEL-gpt-4o}"\n'
        "      PLAIN: ${PLAIN}\n"
        "      OTHER: ${OTHER:-llama3}\n"
    )
    after, findings = migrate(registry, "docker-compose.yml", text)
    assert after == text.replace(":-gpt-4o-mini}", ":-acme-small}").replace(
        "-gpt-4o}", "-acme-large}"
    )
    assert [(f.line, f.data["default_of"]) for f in findings] == [
        (4, "LLM_MODEL"),
        (5, "FAST_MODEL"),
    ]


def test_a_default_beside_openai_endpoint_and_key_stays_with_them(registry: Registry) -> None:
    # DB-GPT's configs as shipped: the URL and key stay OpenAI's (ML502), so does the model
    text = (
        "[[models.llms]]\n"
        'name = "${env:LLM_MODEL_NAME:-gpt-4o}"\n'
        'api_base = "${env:OPENAI_API_BASE:-https://api.openai.com/v1}"\n'
        'api_key = "${env:OPENAI_API_KEY}"\n'
    )
    after, findings = migrate(registry, "app.toml", text)
    assert after == text
    (model,) = [f for f in findings if f.rule == "ML503"]
    assert (model.line, model.fix, model.edit) == (2, FixClass.MANUAL, None)
    assert model.message == (
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but the OpenAI base URL "
        "beside it stays (see ML502): change it with the base URL and the key, by hand"
    )


def test_check_fails_until_apply_and_the_program_sends_the_provider_model(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.toml").write_text(CONFIG)
    (tmp_path / "app.py").write_text(APP)
    # the config alone: the runner's client (its URL read at run time) is ML003's
    before = invoke("check", "app.toml", "--format", "json")
    assert before.exit_code == 1, before.stdout
    reported = json.loads(before.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["fix"]) for f in reported] == [
        ("app.toml", 2, "ML503", "review"),
        ("app.toml", 7, "ML503", "review"),
    ]
    done = invoke("apply", "app.toml", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.toml").read_text() == MIGRATED
    assert invoke("check", "app.toml").exit_code == 0
    server = LoopbackServer().start()
    try:
        env = {"ACME_API_KEY": "acme-key", "ACME_BASE_URL": server.base}
        proc, blocked = run_guarded("app.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert request.body["model"] == "acme-large"


# DB-GPT's ha-model-cluster.toml: the default embedding names the record's model
CLUSTER = (
    "[models]\n"
    'default_embedding = "${env:EMBEDDING_MODEL_NAME:-text-embedding-3-small}"\n'
    "\n"
    "[[models.embeddings]]\n"
    'name = "${env:EMBEDDING_MODEL_NAME:-text-embedding-3-small}"\n'
    'api_url = "${env:EMBEDDING_MODEL_API_URL:-https://api.openai.com/v1/embeddings}"\n'
    'api_key = "${env:OPENAI_API_KEY}"\n'
)


def test_a_default_naming_a_record_left_on_openai_stays_with_it(registry: Registry) -> None:
    after, findings = migrate(registry, "cluster.toml", CLUSTER)
    assert after == CLUSTER
    models = [(f.line, f.fix, f.edit) for f in findings if f.rule == "ML503"]
    assert models == [(2, FixClass.MANUAL, None), (5, FixClass.MANUAL, None)]
    assert findings[0].message == (
        "text-embedding-3-small is an OpenAI model; it maps to acme-embed on Acme Cloud, but it "
        "names the model of models.embeddings.0, a record that stays on OpenAI (see ML502): "
        "mapped alone, it names a model no record has: change it with the base URL and the "
        "key, by hand"
    )
    # the record pointed at the provider by hand: both are mapped, together
    moved = CLUSTER.replace(
        "${env:EMBEDDING_MODEL_API_URL:-https://api.openai.com/v1/embeddings}",
        "https://api.acme.example/v1/embeddings",
    ).replace("OPENAI_API_KEY", "ACME_API_KEY")
    after, findings = migrate(registry, "cluster.toml", moved)
    assert after == moved.replace(":-text-embedding-3-small}", ":-acme-embed}")
    assert [(f.line, f.fix) for f in findings] == [(2, FixClass.REVIEW), (5, FixClass.REVIEW)]
