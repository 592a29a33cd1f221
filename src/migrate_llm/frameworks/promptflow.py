"""What promptflow (microsoft) looks like in a project's files (ML698): the connection YAML
files `pf connection create --file` reads, which hold the endpoint an LLM node's requests go
to, the flow files whose LLM nodes name a connection, and the run records pf writes beside a
flow.

Checked against promptflow-devkit / promptflow-core 1.18.5 and promptflow-tools 1.6.1 (PyPI
wheels, checked 2026-12-07); each entry names the file.
"""

from __future__ import annotations

PACKAGE = "promptflow"

# _sdk/schemas/_connection.py `ConnectionSchema` and its subclasses: a connection file is a
# mapping with `name` and `type` (`_Connection._resolve_cls_and_type`: required), its type
# written snake_case (`open_ai`) or as promptflow's type name (`OpenAI`, `_casting_type`).
NAME_KEY = "name"
TYPE_KEY = "type"
# (`snake_to_camel`: `openai` would be `Openai`, which no class is)
OPENAI_TYPES = frozenset({"open_ai", "OpenAI"})
AZURE_TYPES = frozenset({"azure_open_ai", "AzureOpenAI"})
# `OpenAIConnectionSchema`: api_key (required), organization, base_url (optional: core's
# `OpenAIConnection(base_url=None)`, "leave None to use OpenAI default api base"; "" and "_"
# read as None too); promptflow-tools common.py `normalize_connection_config` hands them to
# `openai.OpenAI(api_key=, organization=, base_url=)`, whose default is OPENAI_BASE_URL or
# api.openai.com.
API_KEY = "api_key"
# A connection's value may read a variable where the flow runs, `api_key: ${env:NAME}`
# (promptflow-core core/_utils.py `resolve_connections_environment_variable_reference`).
ENV_REFERENCE = r"^\$\{env:(.+)}$"
BASE_URL = "base_url"
UNSET_BASE_URLS = frozenset({"", "_", "null", "~"})
# `ServerlessConnectionSchema`: api_key and api_base (required), an OpenAI client on api_base
# + "/v1" (promptflow-tools common.py): not OpenAI's, but a connection a node may name.
SERVERLESS_TYPES = frozenset({"serverless", "Serverless"})
# `AzureOpenAIConnectionSchema`: api_base (required), api_type, api_version, api_key or
# auth_mode meid_token: an `openai.AzureOpenAI(azure_endpoint=api_base)` client.
AZURE_BASE = "api_base"

# The command that creates (or replaces) a connection from its file, given values that the
# file leaves out (`pf connection create --file F --set k=v`); and the one that changes one
# already created (`pf connection update --name N --set k=v`).
CREATE = "pf connection create --file {file} --set {key}={value}"
UPDATE = "pf connection update --name {name} --set {key}={value}"

# A flow: `flow.dag.yaml` (promptflow-core _constants.py DAG_FILE_NAME; .yml accepted), its
# `nodes` each with `name` and `type`. An LLM node (`type: llm`) names its connection in
# `connection`; a node running a promptflow-tools tool (`source: {type: package, tool:
# promptflow.tools.llm.llm}`, tools/yamls/*.yaml) takes it in `inputs: {connection: ...}`.
FLOW_FILES = frozenset({"flow.dag.yaml", "flow.dag.yml"})
NODES_KEY = "nodes"
NODE_NAME = "name"
NODE_TYPE = "type"
LLM_NODE = "llm"
CONNECTION_KEY = "connection"
INPUTS_KEY = "inputs"
SOURCE_KEY = "source"
TOOL_KEY = "tool"
# promptflow-tools' tools taking an AzureOpenAI, OpenAI or Serverless connection
# (tools/yamls/llm.yaml, llm_vision.yaml, embedding.yaml, openai_gpt4v.yaml, and the older
# openai.py / aoai.py tools still listed by their module)
CONNECTED_TOOLS = frozenset(
    {
        "promptflow.tools.llm.llm",
        "promptflow.tools.llm_vision.llm_vision",
        "promptflow.tools.embedding.embedding",
        "promptflow.tools.openai_gpt4v.OpenAI.chat",
        "promptflow.tools.aoai_gpt4v.AzureOpenAI.chat",
        "promptflow.tools.openai.chat",
        "promptflow.tools.openai.completion",
        "promptflow.tools.aoai.chat",
        "promptflow.tools.aoai.completion",
    }
)
# (of which the completion tools send to the completions API, as an LLM node's `api:
# completion` does: tools/openai.py and aoai.py `completion`)
COMPLETION_TOOLS = frozenset(
    {"promptflow.tools.openai.completion", "promptflow.tools.aoai.completion"}
)
# The node's Azure form names a deployment (`inputs: {deployment_name: ...}`), its OpenAI
# form a model (`inputs: {model: ...}`); `provider: AzureOpenAI` is what the flow editor
# writes for the first.
DEPLOYMENT_KEY = "deployment_name"
MODEL_KEY = "model"
PROVIDER_KEY = "provider"
AZURE_PROVIDER = "AzureOpenAI"

# What pf writes beside a flow when it runs it (`pf flow test`: `.promptflow/flow.detail.json`,
# `flow.output.json`, `flow.log`, the tools' metadata): records of a run, not settings.
RUN_DIRECTORY = ".promptflow"
