"""ML118 on a request whose model and token limit are entries of the dicts the module's calls
pass (t62e: generative_agents' `params["engine"]` with `max_tokens` 5, once a person chose a
Zhipu model that thinks): `check` is red until the limit or the thinking is settled."""

from __future__ import annotations

from .cli_findings import finding_rows, run_json

APP = (
    "import os\n\nimport openai\n\n"
    'client = openai.OpenAI(api_key=os.environ.get("ZAI_API_KEY", "unset"), base_url=os.environ'
    '.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"))\n\n\n'
    "def ask(prompt, params):\n"
    '    r = client.chat.completions.create(model=params["engine"], messages=[{"role": "user", '
    '"content": prompt}], max_tokens=params["max_tokens"])\n'
    "    return r.choices[0].message.content\n\n\n"
    "def hour():\n"
    '    params = {"engine": "glm-4.7-flash", "max_tokens": 5}\n'
    '    return int(ask("Wake-up hour?", params))\n'
)


def _check(tmp_path, monkeypatch, text: str) -> tuple[int, list[tuple[str, str, int, str]]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    code, report = run_json("check", ".", "--provider", "zhipu")
    return code, finding_rows(report, "rule", "severity", "line", "message")


def test_a_thinking_model_from_a_passed_dict_keeps_check_red(tmp_path, monkeypatch):
    assert _check(tmp_path, monkeypatch, APP) == (
        1,
        [
            (
                "ML118",
                "warning",
                9,
                'glm-4.7-flash (the "engine" entry on line 14, which the module passes to ask()) '
                "thinks before it answers unless told not to, and the reasoning counts against "
                'max_tokens=5 (its "max_tokens" entry): it may use all of it and leave the reply '
                'empty; pass extra_body={"thinking": {"type": "disabled"}} where it sends this '
                "model, by hand; no limit clears this warning (the provider's file names no "
                "size the reasoning needs; a larger one only leaves it more room): where the "
                "requests are settled otherwise (the switch sent where this call does not show "
                "it), record that with `# migrate-llm: ignore[ML118]` on the call's first line "
                "(unconfirmed: the notes name GLM-4.5 to "
                "GLM-5.2; which of their variants (air, flash, the vision models) think by "
                "default is not stated model by model)",
            )
        ],
    )


def test_a_model_that_answers_at_once_is_left(tmp_path, monkeypatch):
    plain = APP.replace("glm-4.7-flash", "glm-4-air-250414")
    assert _check(tmp_path, monkeypatch, plain) == (0, [])


def test_any_limit_is_judged_as_ml507_judges_a_config_file(tmp_path, monkeypatch):
    # Zhipu's file gives no thinking_tokens_min: a limit of any size is reported, in Python
    # as in a YAML mapping beside it (no threshold of the tool's own)
    roomy = APP.replace('"max_tokens": 5', '"max_tokens": 300')
    (tmp_path / "cfg.yaml").write_text("llm:\n  model: glm-4.7-flash\n  max_tokens: 300\n")
    code, rows = _check(tmp_path, monkeypatch, roomy)
    assert code == 1
    assert [(rule, line) for rule, _, line, _ in rows] == [("ML118", 9), ("ML507", 2)]
    assert "counts against max_tokens=300" in rows[0][3]


def test_the_switch_in_the_request_settles_it(tmp_path, monkeypatch):
    switched = APP.replace(
        'max_tokens=params["max_tokens"])',
        'max_tokens=params["max_tokens"], extra_body={"thinking": {"type": "disabled"}})',
    )
    assert _check(tmp_path, monkeypatch, switched) == (0, [])
