"""ML698 on promptflow (`frameworks.promptflow`): an LLM node sends its requests through a
connection, which without `base_url` goes to api.openai.com. With only the node's model
mapped, check was green while `pf flow test` sent the provider's model and key to OpenAI
(t68d). And the run records pf writes under `.promptflow/` are not scanned."""

from __future__ import annotations

import json

from .cli_findings import finding_rows, invoke, run_json, write_here

FLOW = (
    "inputs:\n"
    "  question:\n"
    "    type: string\n"
    "nodes:\n"
    "- name: ask\n"
    "  type: llm\n"
    "  api: chat\n"
    "  connection: my_llm_connection{comment}\n"
    "  source:\n"
    "    type: code\n"
    "    path: ask.jinja2\n"
    "  inputs:\n"
    "    model: gpt-4o-mini\n"
    "    question: ${{inputs.question}}\n"
)
CONNECTION = 'name: my_llm_connection\ntype: open_ai  # from the docs\napi_key: "<user-input>"\n'
URL = "https://api.deepseek.com"
CONNECTION_AFTER = (
    'name: my_llm_connection\ntype: open_ai  # from the docs\napi_key: "<user-input>"\n'
    f"base_url: {URL}\n"
)
FIELDS = ("path", "rule", "line", "column", "fix", "message", "data")
HEAD = (
    "this promptflow connection (type: open_ai) has no base_url, so the LLM nodes using it "
    "send their requests, and its api_key, to api.openai.com"
)
RECREATE = (
    "pf keeps a connection as it was created: create it again with your DeepSeek key, `pf "
    "connection create --file conn/my_llm.yml --set api_key=<your DeepSeek key>`"
)
NODE = (
    "LLM node `ask` sends its requests through the promptflow connection `my_llm_connection`, "
    "which no connection file scanned with this flow defines: an OpenAI connection made "
    "without base_url sends them to api.openai.com. Point it at DeepSeek where the flow runs, "
    f"`pf connection update --name my_llm_connection --set base_url={URL}` (with your "
    "DeepSeek key in its api_key), then record that with `# migrate-llm: ignore[ML698]` on "
    "this line; or add the connection's file to the project (`name: my_llm_connection`), "
    "which apply gives the base_url"
)
MODEL = "gpt-4o-mini is an OpenAI model; it maps to deepseek-flash on DeepSeek"


def _flow(comment: str = "") -> str:
    return FLOW.format(comment=comment)


def test_the_connection_file_beside_the_flow_gets_the_base_url(tmp_path, monkeypatch):
    files = {"flow/flow.dag.yaml": _flow(), "conn/my_llm.yml": CONNECTION}
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", "flow", "conn", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, *FIELDS) == [
        (
            "conn/my_llm.yml",
            "ML698",
            2,
            7,
            "review",
            f"{HEAD}; apply adds `base_url: {URL}` (the URL itself, which needs no variable "
            f"set where the flow runs); {RECREATE} (check then warns until that is recorded)",
            {
                "framework": "promptflow",
                "base_url": URL,
                "connection": "my_llm_connection",
                "file": "conn/my_llm.yml",
            },
        ),
        ("flow/flow.dag.yaml", "ML503", 13, 12, "review", MODEL, {
            "model_from": "gpt-4o-mini", "model_to": "deepseek-flash"
        }),
    ]  # fmt: skip
    code, _ = invoke("apply", "flow", "conn", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "conn/my_llm.yml").read_bytes() == CONNECTION_AFTER.encode()
    flow_after = _flow().replace("model: gpt-4o-mini", "model: deepseek-flash")
    assert (tmp_path / "flow/flow.dag.yaml").read_bytes() == flow_after.encode()
    # pf's store keeps the connection as created: check warns until that is recorded
    code, report = run_json("check", "flow", "conn", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, *FIELDS, "severity") == [
        (
            "conn/my_llm.yml",
            "ML698",
            4,
            11,
            "manual",
            f"this promptflow connection points at DeepSeek (base_url: {URL}), but pf keeps a "
            "connection as it was created: until you create it again from this file, `pf "
            "connection create --file conn/my_llm.yml --set api_key=<your DeepSeek key>`, its "
            "LLM nodes send their requests where the old one did (api.openai.com, without "
            "base_url); once done, record that with `# migrate-llm: ignore[ML698]` at the end "
            "of this line",
            {
                "framework": "promptflow",
                "base_url": URL,
                "connection": "my_llm_connection",
                "file": "conn/my_llm.yml",
                "command": "pf connection create --file conn/my_llm.yml --set "
                "api_key=<your DeepSeek key>",
            },
            "warning",
        )
    ]
    # a second apply changes nothing
    code, _ = invoke("apply", "flow", "conn", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "conn/my_llm.yml").read_bytes() == CONNECTION_AFTER.encode()
    recorded = CONNECTION_AFTER.replace(URL, f"{URL}  # migrate-llm: ignore[ML698]")
    (tmp_path / "conn/my_llm.yml").write_text(recorded)
    code, report = run_json("check", "flow", "conn", "--provider", "deepseek")
    assert (code, report["findings"]) == (0, [])


def test_a_flow_whose_connection_is_not_in_the_project_fails_check(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"flow/flow.dag.yaml": _flow()})
    code, report = run_json("check", "flow", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, *FIELDS, rules={"ML698"}) == [
        (
            "flow/flow.dag.yaml",
            "ML698",
            8,
            15,
            "manual",
            NODE,
            {
                "framework": "promptflow",
                "base_url": URL,
                "connection": "my_llm_connection",
                "node": "ask",
                "command": f"pf connection update --name my_llm_connection --set base_url={URL}",
            },
        )
    ]
    # apply maps the model and leaves the connection to the user
    code, _ = invoke("apply", "flow", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0
    after = _flow().replace("model: gpt-4o-mini", "model: deepseek-flash")
    assert (tmp_path / "flow/flow.dag.yaml").read_text() == after
    code, report = run_json("check", "flow", "--provider", "deepseek")
    assert (code, [f["rule"] for f in report["findings"]]) == (1, ["ML698"])
    # once the connection points at the provider, the user records it on the line
    (tmp_path / "flow/flow.dag.yaml").write_text(
        after.replace("my_llm_connection\n", "my_llm_connection  # migrate-llm: ignore[ML698]\n")
    )
    code, report = run_json("check", "flow", "--provider", "deepseek")
    assert (code, report["findings"]) == (0, [])


def test_a_connection_file_of_another_project_counts(tmp_path, monkeypatch):
    # pf keeps connections in one store of the user's, whichever flow made them
    files = {
        "flows/a/requirements.txt": "promptflow\n",
        "flows/a/flow.dag.yaml": _flow(),
        "flows/b/requirements.txt": "promptflow\n",
        "flows/b/flow.dag.yaml": _flow().replace("my_llm_connection", "other"),
        "connections/requirements.txt": "promptflow\n",
        "connections/my_llm.yml": CONNECTION,
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "path", "rule", "line", "data", rules={"ML698"}) == [
        ("connections/my_llm.yml", "ML698", 2, {
            "framework": "promptflow",
            "base_url": URL,
            "connection": "my_llm_connection",
            "file": "connections/my_llm.yml",
        }),
        ("flows/b/flow.dag.yaml", "ML698", 8, {
            "framework": "promptflow",
            "base_url": URL,
            "connection": "other",
            "node": "ask",
            "command": f"pf connection update --name other --set base_url={URL}",
        }),
    ]  # fmt: skip


def test_an_openai_key_in_the_connection_is_left_and_masked(tmp_path, monkeypatch):
    key = "sk-proj-Abc123def456ghi789jkl012mno345pqr678"
    before = f"name: c\ntype: OpenAI\napi_key: {key}\n"
    write_here(tmp_path, monkeypatch, {"c.yaml": before})
    code, report = run_json("check", "c.yaml", "--provider", "deepseek")
    assert code == 1
    rows = finding_rows(report, "rule", "fix", "message", rules={"ML698"})
    assert rows == [
        (
            "ML698",
            "manual",
            "this promptflow connection (type: OpenAI) has no base_url, so the LLM nodes using "
            "it send their requests, and its api_key, to api.openai.com; its api_key is an "
            "OpenAI key (sk-pr…78): apply leaves it, as with the provider's URL that key would "
            f"go to DeepSeek; add `base_url: {URL}` and put your DeepSeek key in place of the "
            "OpenAI one (better: out of the file, `pf connection create --file c.yaml --set "
            "api_key=<your DeepSeek key>`), together, by hand",
        )
    ]
    assert key not in json.dumps(report)
    code, _ = invoke("apply", "c.yaml", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "c.yaml").read_text() == before


def test_the_base_url_line_keeps_the_file_s_layout(tmp_path, monkeypatch):
    files = {
        # CRLF, no newline at the end, api_key on several lines: after `type`
        "crlf.yml": "name: a\r\ntype: open_ai\r\napi_key: >-\r\n  <user-input>",
        "last.yml": "name: b\ntype: open_ai\napi_key: <user-input>",
        # a flow mapping, and an empty base_url: by hand
        "flow_map.yml": "{name: c, type: open_ai, api_key: <user-input>}\n",
        "empty.yml": 'name: d\ntype: open_ai\napi_key: <user-input>\nbase_url: ""\n',
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "path", "line", "fix", rules={"ML698"}) == [
        ("crlf.yml", 2, "review"),
        ("empty.yml", 2, "manual"),
        ("flow_map.yml", 1, "manual"),
        ("last.yml", 2, "review"),
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "crlf.yml").read_bytes() == (
        f"name: a\r\ntype: open_ai\r\nbase_url: {URL}\r\napi_key: >-\r\n  <user-input>".encode()
    )
    assert (tmp_path / "last.yml").read_bytes() == (
        f"name: b\ntype: open_ai\napi_key: <user-input>\nbase_url: {URL}".encode()
    )
    for name in ("flow_map.yml", "empty.yml"):
        assert (tmp_path / name).read_text() == files[name]
    empty = next(f for f in report["findings"] if f["path"] == "empty.yml")
    assert empty["message"] == (
        "this promptflow connection (type: open_ai) has no base_url (an empty one is unset), "
        "so the LLM nodes using it send their requests, and its api_key, to api.openai.com: "
        f"write `base_url: {URL}` in it, by hand; pf keeps a connection as it was created: "
        "create it again with your DeepSeek key, `pf connection create --file empty.yml --set "
        "api_key=<your DeepSeek key>`"
    )


def test_an_azure_connection_is_ml698_s_not_ml502_s(tmp_path, monkeypatch):
    before = (
        "name: aoai\ntype: azure_open_ai\napi_key: <user-input>\n"
        "api_base: https://contoso.openai.azure.com/\napi_type: azure\n"
    )
    files = {"conn/aoai.yml": before, "flow/flow.dag.yaml": _flow().replace("my_llm_", "aoai_")}
    files["flow/flow.dag.yaml"] = files["flow/flow.dag.yaml"].replace("aoai_connection", "aoai")
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    # the node is left to its connection's finding
    assert finding_rows(report, "path", "rule", "line", "fix") == [
        ("conn/aoai.yml", "ML698", 2, "manual"),
        ("flow/flow.dag.yaml", "ML503", 13, "review"),
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "conn/aoai.yml").read_text() == before
    # without a provider, ML502 still names the Azure endpoint
    code, report = run_json("scan", "conn")
    assert [f["rule"] for f in report["findings"]] == ["ML502"]


def test_promptflow_run_records_are_not_scanned(tmp_path, monkeypatch):
    record = json.dumps({"model": "gpt-4o-mini", "api_base": "https://api.openai.com/v1"})
    files = {
        "flow/.promptflow/flow.detail.json": record + "\n",
        "flow/.promptflow/flow.output.json": '{"answer": "gpt-4o says hi"}\n',
        "flow/flow.dag.yaml": _flow(" # migrate-llm: ignore[ML698]"),
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert (code, report["files"]) == (0, 1)
    assert finding_rows(report, "path", "rule") == [("flow/flow.dag.yaml", "ML503")]
    # named on the command line, such a file is scanned (as any excluded one)
    code, report = run_json("scan", "flow/.promptflow/flow.detail.json", "--provider", "deepseek")
    assert (code, report["files"]) == (0, 1)
    assert {f["rule"] for f in report["findings"]} == {"ML502", "ML503"}


def test_a_node_giving_a_model_beside_its_deployment_is_not_read_as_azure(tmp_path, monkeypatch):
    both = _flow().replace(
        "    model: gpt-4o-mini\n", "    deployment_name: gpt-4\n    model: gpt-4\n"
    )
    alone = _flow().replace("    model: gpt-4o-mini\n", "    deployment_name: gpt-4\n")
    write_here(tmp_path, monkeypatch, {"both/flow.dag.yaml": both, "alone/flow.dag.yaml": alone})
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    commands = {f["path"]: f["data"]["command"] for f in report["findings"] if f["rule"] == "ML698"}
    assert commands == {
        "alone/flow.dag.yaml": "pf connection create --file <its file> --set "
        f"api_key=<your DeepSeek key> base_url={URL}",
        "both/flow.dag.yaml": f"pf connection update --name my_llm_connection --set base_url={URL}",
    }


def test_a_serverless_connection_defines_the_node_s_connection(tmp_path, monkeypatch):
    serverless = (
        "name: my_llm_connection\ntype: serverless\napi_key: <user-input>\n"
        "api_base: https://my-endpoint.eastus2.inference.ai.azure.com\n"
    )
    files = {"flow/flow.dag.yaml": _flow(), "conn/serverless.yml": serverless}
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "path", "rule") == [("flow/flow.dag.yaml", "ML503")]


def test_a_connection_reading_openai_s_key_variable_is_left(tmp_path, monkeypatch):
    # pf resolves `${env:NAME}` where the flow runs: OpenAI's key would go to the provider
    before = "name: c\ntype: open_ai\napi_key: ${env:OPENAI_API_KEY}\n"
    write_here(tmp_path, monkeypatch, {"c.yml": before})
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "rule", "fix", "message", rules={"ML698"}) == [
        (
            "ML698",
            "manual",
            "this promptflow connection (type: open_ai) has no base_url, so the LLM nodes using "
            "it send their requests, and its api_key, to api.openai.com; its api_key reads "
            "OPENAI_API_KEY: apply leaves it, as with the provider's URL that key would go to "
            f"DeepSeek; add `base_url: {URL}` and make it read DEEPSEEK_API_KEY "
            "(`${env:DEEPSEEK_API_KEY}`), together, by hand",
        )
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "c.yml").read_text() == before


def test_an_azure_openai_target_keeps_azure_nodes_and_asks_for_the_others(tmp_path, monkeypatch):
    azure = _flow().replace("    model: gpt-4o-mini\n", "    deployment_name: chat\n")
    files = {
        "flow/flow.dag.yaml": _flow(),
        "aflow/flow.dag.yaml": azure.replace("my_llm_connection", "aoai"),
        "conn/aoai.yml": "name: aoai\ntype: azure_open_ai\napi_key: <user-input>\n"
        "api_base: https://contoso.openai.azure.com/\n",
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "azure")
    assert code == 1
    assert finding_rows(report, "path", "line", "fix", "data", rules={"ML698"}) == [
        ("flow/flow.dag.yaml", 8, "manual", {
            "framework": "promptflow",
            "base_url": "https://YOUR-RESOURCE-NAME.openai.azure.com",
            "connection": "my_llm_connection",
            "node": "ask",
            "command": "pf connection create --file <its file> --set "
            "api_key=<your Azure OpenAI key>",
        })
    ]  # fmt: skip


def test_a_connection_without_base_url_keeps_any_key_it_holds_or_reads(tmp_path, monkeypatch):
    # with no base_url the key goes to api.openai.com, so a real one there is OpenAI's: the
    # provider's URL beside it would send it to the provider (pf resolves MY_KEY at run time)
    files = {
        "read.yml": "name: a\ntype: open_ai\napi_key: ${env:MY_KEY}\n",
        "literal.yml": "name: b\ntype: open_ai\napi_key: k3y-abcdefghijklmnopqrstuvwx\n",
        # a stand-in, none, or the provider's variable: the line is added
        "asked.yml": "name: c\ntype: open_ai\napi_key: <user-input>\n",
        "empty.yml": 'name: d\ntype: open_ai\napi_key: ""\n',
        "target.yml": "name: e\ntype: open_ai\napi_key: ${env:DEEPSEEK_API_KEY}\n",
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    rows = {path: (fix, message) for path, fix, message in finding_rows(
        report, "path", "fix", "message", rules={"ML698"}
    )}  # fmt: skip
    head = HEAD + "; its api_key "
    leaves = "apply leaves it, as with the provider's URL that key would go to DeepSeek"
    assert [rows.pop("literal.yml"), rows.pop("read.yml")] == [
        ("manual", f"{head}is a key written in the file, an OpenAI key as it "
            f"goes to api.openai.com: {leaves}; add `base_url: {URL}` and put your DeepSeek key "
            "in place of the OpenAI one (better: out of the file, `pf connection create --file "
            "literal.yml --set api_key=<your DeepSeek key>`), together, by hand"),
        ("manual", f"{head}reads MY_KEY (`${{env:MY_KEY}}`, which pf resolves where "
            f"the flow runs), an OpenAI key as long as it goes to api.openai.com: {leaves}; add "
            f"`base_url: {URL}` and make it read DEEPSEEK_API_KEY (`${{env:DEEPSEEK_API_KEY}}`), "
            "together, by hand"),
    ]  # fmt: skip
    assert {path: fix for path, (fix, _) in rows.items()} == {
        "asked.yml": "review",
        "empty.yml": "review",
        "target.yml": "review",
    }
    assert "k3y-abcdefghijklmnopqrstuvwx" not in json.dumps(report)
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    for name in ("read.yml", "literal.yml"):
        assert (tmp_path / name).read_bytes() == files[name].encode()
    for name in ("asked.yml", "empty.yml", "target.yml"):
        assert (tmp_path / name).read_bytes() == (files[name] + f"base_url: {URL}\n").encode()


def test_a_connection_of_the_type_name_openai_defines_the_node_s_connection(tmp_path, monkeypatch):
    # `type: OpenAI` (pf's type name; `openai` is none) holds no lowercase "openai"
    connection = "name: my_llm_connection\ntype: OpenAI\napi_key: <user-input>\n"
    files = {"flow/flow.dag.yaml": _flow(), "conn/c.yml": connection}
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "path", "rule", "line", "fix") == [
        ("conn/c.yml", "ML698", 2, "review"),
        ("flow/flow.dag.yaml", "ML503", 13, "review"),
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "conn/c.yml").read_bytes() == (connection + f"base_url: {URL}\n").encode()


def test_a_completions_node_gets_what_the_provider_serves_of_that_api(tmp_path, monkeypatch):
    flow = _flow().replace("api: chat", "api: completion")
    flow = flow.replace("gpt-4o-mini", "gpt-3.5-turbo-instruct")
    files = {"flow/flow.dag.yaml": flow, "conn/my_llm.yml": CONNECTION}
    write_here(tmp_path, monkeypatch, files)
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "conn/my_llm.yml").read_bytes() == CONNECTION_AFTER.encode()
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    flows = [f for f in report["findings"] if f["path"] == "flow/flow.dag.yaml"]
    assert finding_rows({"findings": flows}, *FIELDS, "severity") == [
        (
            "flow/flow.dag.yaml",
            "ML698",
            7,
            8,
            "manual",
            "LLM node `ask` sends its requests to the completions API (`api: completion`; its "
            "connection `my_llm_connection` (in conn/my_llm.yml)): DeepSeek serves completions "
            "only at https://api.deepseek.com/beta/completions (another base URL), as "
            "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode; its chat "
            "API serves the rest at https://api.deepseek.com/chat/completions (the prompt as a "
            "user message, the reply in choices[0].message.content); make it a chat node "
            "(`api: chat`, its prompt a chat prompt), or, for fill-in-the-middle, point its "
            "connection at that base URL, by hand",
            {
                "framework": "promptflow",
                "base_url": URL,
                "node": "ask",
                "partial": flows[0]["data"]["partial"],
            },
            "warning",
        )
    ]
    assert flows[0]["data"]["partial"]["base_url"] == f"{URL}/beta"


def test_a_connection_reading_openai_s_base_url_variable_is_reported(tmp_path, monkeypatch):
    before = (
        "name: c\ntype: open_ai\napi_key: ${env:DEEPSEEK_API_KEY}\n"
        "base_url: ${env:OPENAI_BASE_URL}\n"
    )
    write_here(tmp_path, monkeypatch, {"c.yml": before})
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert finding_rows(report, "rule", "line", "fix", "message", rules={"ML698"}) == [
        (
            "ML698",
            4,
            "manual",
            "this promptflow connection's base_url reads OPENAI_BASE_URL "
            "(`${env:OPENAI_BASE_URL}`, which pf resolves where the flow runs), OpenAI's "
            "variable, which holds OpenAI's URL (or nothing: api.openai.com) where OpenAI's SDK "
            "is set up: make it read DEEPSEEK_BASE_URL (`${env:DEEPSEEK_BASE_URL}`) or write "
            f"`{URL}`, with its api_key the DeepSeek key, by hand",
        )
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "c.yml").read_text() == before


def test_only_a_top_level_type_line_of_a_connection_type_is_parsed_again():
    from migrate_llm.promptflow_connections import may_define

    assert may_define(b"name: c\ntype: OpenAI\n") and may_define(b"{name: c, type: open_ai}\n")
    assert may_define(b'name: c\ntype: "serverless"\n')
    # a node's `type:`, a word in prose, another type: no parse
    assert not may_define(b"nodes:\n- name: a\n  type: open_ai\n")
    assert not may_define(b"type: llm\ndescription: OpenAI and open_ai\n")
