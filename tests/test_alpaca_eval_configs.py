"""ML503 on alpaca_eval annotator configs (`frameworks.alpaca_eval`): `openai_completions`
builds an openai.OpenAI client from alpaca_eval's client config file or OPENAI_API_KEY and
OPENAI_API_BASE, so a `model_name` mapped alone went to api.openai.com as the provider's
model while check was green (t67b). Left with the endpoint, and the provider's model there
reported until a person says the client was pointed at the provider."""

from __future__ import annotations

from .cli_findings import finding_rows, invoke, run_json, write_here

ANNOTATOR = (
    "my_judge_fn:\n"
    '  prompt_template: "annotators/judge.txt"\n'
    '  fn_completions: "openai_completions"\n'
    "  completions_kwargs:\n"
    '    model_name: "{model}"\n'
    "    max_tokens: 100\n"
    "{extra}"
    '  fn_completion_parser: "ranking_parser"\n'
)
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
SENT = (
    "alpaca_eval's openai_completions (fn_completions, line 3) sends it to OpenAI: it builds "
    "an openai.OpenAI client from the client config file OPENAI_CLIENT_CONFIG_PATH names, "
    "else from OPENAI_API_KEY or OPENAI_API_KEYS and OPENAI_API_BASE, and nothing in this file "
    "points it elsewhere"
)
POINT = (
    f"point it at {QWEN} with a client config file holding `default: [{{api_key: <the {QWEN} "
    f"key>, base_url: {URL}}}]` (kept out of version control) named by "
    "OPENAI_CLIENT_CONFIG_PATH or by client_config_path: in completions_kwargs, or with "
    f"OPENAI_API_BASE={URL} and the {QWEN} key in OPENAI_API_KEY where it runs"
)
FIELDS = ("rule", "line", "column", "fix", "message", "data")


def _annotator(model: str, extra: str = "") -> str:
    return ANNOTATOR.format(model=model, extra=extra)


def test_an_openai_model_is_left_with_the_client(tmp_path, monkeypatch):
    before = _annotator("gpt-4o-mini")
    write_here(tmp_path, monkeypatch, {"annotators/configs.yaml": before})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, *FIELDS) == [
        (
            "ML503",
            5,
            17,
            "manual",
            f"gpt-4o-mini is an OpenAI model; it maps to qwen-plus on {QWEN}, but {SENT}: "
            f"{POINT}; then write model_name: qwen-plus, by hand",
            {"model_from": "gpt-4o-mini", "library": "alpaca-eval"},
        )
    ]
    code, _ = invoke("apply", ".", "--provider", "qwen", "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "annotators/configs.yaml").read_text() == before


def test_the_providers_model_there_goes_to_openai(tmp_path, monkeypatch):
    # the config as an earlier apply left it: check was green
    write_here(tmp_path, monkeypatch, {"configs.yaml": _annotator("qwen-plus")})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, *FIELDS) == [
        (
            "ML503",
            5,
            17,
            "manual",
            f"qwen-plus is an {QWEN} model, but {SENT}; OpenAI does not serve it: {POINT}, by "
            "hand (then record that with `# migrate-llm: ignore[ML503]` on this line)",
            {"model": "qwen-plus", "library": "alpaca-eval"},
        )
    ]


def test_recorded_as_pointed_there_check_passes(tmp_path, monkeypatch):
    text = _annotator("qwen-plus").replace(
        '"qwen-plus"\n', '"qwen-plus"  # migrate-llm: ignore[ML503]\n'
    )
    write_here(tmp_path, monkeypatch, {"configs.yaml": text})
    assert invoke("check", ".", "--provider", "qwen")[0] == 0


def test_an_endpoint_chosen_in_the_file_is_not_held(tmp_path, monkeypatch):
    # `client_config_path` names the client config the judge uses: the model is mapped
    before = _annotator("gpt-4o-mini", "    client_config_path: clients.yaml\n")
    write_here(tmp_path, monkeypatch, {"configs.yaml": before})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "rule", "fix", "message") == [
        ("ML503", "review", f"gpt-4o-mini is an OpenAI model; it maps to qwen-plus on {QWEN}")
    ]
    assert invoke("apply", ".", "--provider", "qwen", "--yes", "--allow-dirty")[0] == 0
    after = (tmp_path / "configs.yaml").read_text()
    assert after == before.replace('"gpt-4o-mini"', '"qwen-plus"')


def test_another_completions_function_is_not_held(tmp_path, monkeypatch):
    # not a client alpaca_eval builds for OpenAI: ML503 as for any config
    text = _annotator("gpt-4o-mini").replace("openai_completions", "my_completions")
    write_here(tmp_path, monkeypatch, {"configs.yaml": text})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "rule", "fix") == [("ML503", "review")]


def test_client_kwargs_without_a_base_url_is_held(tmp_path, monkeypatch):
    # r3 al/b.yaml: `client_kwargs: {timeout: 30}` leaves the client on OpenAI's host; the model
    # was mapped and check passed while the judge sent it to api.openai.com
    before = _annotator("gpt-4o-mini", "    client_kwargs: {timeout: 30}\n")
    write_here(tmp_path, monkeypatch, {"configs.yaml": before})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "rule", "line", "fix") == [("ML503", 5, "manual")]
    assert invoke("apply", ".", "--provider", "qwen", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "configs.yaml").read_text() == before
    write_here(
        tmp_path,
        monkeypatch,
        {"configs.yaml": _annotator("qwen-plus", "    client_kwargs:\n      timeout: 30\n")},
    )
    assert invoke("check", ".", "--provider", "qwen")[0] == 1


def test_client_kwargs_holding_a_base_url_chooses_the_endpoint(tmp_path, monkeypatch):
    before = _annotator("gpt-4o-mini", f"    client_kwargs: {{timeout: 30, base_url: {URL}}}\n")
    write_here(tmp_path, monkeypatch, {"configs.yaml": before})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "rule", "fix") == [("ML503", "review")]
