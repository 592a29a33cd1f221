"""promptflow (`frameworks.promptflow`): ML698, the connection an LLM node sends its requests
through. A connection file of OpenAI's type without `base_url` goes to api.openai.com (apply
adds the provider's); an Azure OpenAI one to its Azure resource; a flow's node naming a
connection no file of the run defines goes wherever that connection was made to go."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import promptflow as pf
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.promptflow_connections import Connection, connection_of
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.config_common import (
    is_openai_var,
    key_beside,
    migrating,
    plain_yaml_string,
)
from migrate_llm.rules.partial_apis import partial_offer
from migrate_llm.secrets import find_secrets, is_openai_key, is_placeholder, mask


def _after_line(text: str, entry: Entry | None, line: str) -> Edit | None:
    """The edit adding `line` after the line of `entry`, a top-level entry of a block
    mapping written on one line (a comment may follow it); None where it is not so."""
    if entry is None or entry.key_span is None or entry.value_span is None:
        return None
    start = entry.key_span.start
    if start != text.rfind("\n", 0, start) + 1:
        return None  # not at the start of its line: a flow mapping, or nested
    if "\n" in text[start : entry.value_span.end]:
        return None
    end = text.find("\n", entry.value_span.end)
    rest = text[entry.value_span.end : end if end != -1 else len(text)].strip()
    if rest and not rest.startswith("#"):
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    if end == -1:
        return Edit(Span(len(text), len(text)), newline + line)
    return Edit(Span(end + 1, end + 1), line + newline)


_ENV_REFERENCE = re.compile(pf.ENV_REFERENCE)


# the API surface of a node's `api: completion` (`openai_sdk.REST_PATHS`)
_COMPLETIONS = "completions"


def _reference(value: str) -> bool:
    """Whether a node's connection is a reference (`${inputs.connection}`), not a name."""
    return value.startswith("${")


class PromptflowConnection(ConfigRule):
    """A promptflow connection an LLM node sends its requests through, that goes to OpenAI.

    ## What it does
    In YAML files, finds promptflow's connection files (a top-level `type: open_ai` or
    `OpenAI` with `api_key`, or `type: azure_open_ai` / `AzureOpenAI` with `api_base`:
    `frameworks.promptflow`, promptflow 1.18), and in a flow (`flow.dag.yaml`) the nodes
    naming a connection: `type: llm` nodes (`connection:`) and nodes running a tool of
    promptflow-tools (`source: {tool: promptflow.tools.llm.llm}`, `inputs: {connection:
    ...}`).
    - A connection of OpenAI's type without `base_url` (or with an empty one) goes to
      api.openai.com: `apply` adds `base_url:` with the provider's URL, written out (it
      needs no variable set where the flow runs), on a line of its own after `api_key` (or
      `type`), comments and order kept (review), where its api_key is a stand-in
      (`<user-input>`), empty, absent, or reads the provider's variable
      (`${env:DEEPSEEK_API_KEY}`). Any other key there (written in the file, masked where it
      is OpenAI's, or read from any variable, `${env:MY_KEY}`, which pf resolves where the
      flow runs) is sent to api.openai.com, so it is an OpenAI key: with the provider's URL
      it would go to the provider, and nothing is changed (manual; ML502's key-beside test).
      So is a line that cannot be added cleanly (a flow mapping, a value on several lines,
      an empty `base_url:`).
    - A connection whose base_url is the provider's (apply's line) is a warning (manual):
      pf keeps a connection as it was created, so until it is created again from the file
      (`pf connection create --file ...`, the command in the message) its nodes go where
      they went; `# migrate-llm: ignore[ML698]` at the end of the line records that. One
      whose base_url reads an OpenAI variable (`${env:OPENAI_BASE_URL}`) is manual. One with
      OpenAI's URL is ML502's; one with any other URL is left (a proxy, a server of yours).
    - A node sending to the completions API (`api: completion`, or promptflow-tools'
      completion tool) where the provider's file marks it served in part
      (`[partial.completions]`: DeepSeek's fill-in-the-middle under `/beta`) gets what it
      serves there, in ML101's words (warning, manual), naming its connection's file where
      the run holds it.
    - An Azure OpenAI connection sends to its Azure resource (manual): keep it there, or
      write it as an OpenAI connection with the provider's base URL, and give its nodes
      `model:` in place of `deployment_name:`.
    - A node whose connection no connection file of the run defines (`name:`; of any
      project: pf keeps connections in one store of the user's; a Serverless connection's
      file counts too, and is not reported) is an error (manual): what that
      connection points at is in pf's own store, not in the project, and an OpenAI
      connection made without base_url goes to api.openai.com. The message gives the `pf
      connection update --name <name> --set base_url=<URL>` command; once run (or where the
      connection points elsewhere on purpose), `# migrate-llm: ignore[ML698]` on the line of
      `connection:` records it. Adding the connection's file to the project does too: its
      own finding then carries the fix. A node naming a connection by reference
      (`${inputs.connection}`) is not read.

    With an Azure OpenAI target (`--provider azure`), Azure OpenAI connections and the nodes
    naming a deployment are left; an OpenAI connection without base_url is manual (it must
    become `type: azure_open_ai` with your resource's `api_base`), and so is a node whose
    connection is not in the run.

    ## Why
    promptflow-tools builds `openai.OpenAI(api_key=, organization=, base_url=)` from an
    OpenAI connection (`normalize_connection_config`), its base_url None unless the
    connection sets one: with only the node's model mapped (ML503), `pf flow test` sent the
    provider's model, and the provider's key put in the connection, to api.openai.com while
    `check` passed (t68d).

    ## Fix (review)
    `apply` adds `base_url: <the provider's URL>` to the connection file. pf keeps a
    connection as it was created: create it again from the file, with your provider key
    (`pf connection create --file <file> --set api_key=<key>`). Never put the key in the
    file.

    ## Data
    `framework` ("promptflow"), `connection` (its name, where known), `base_url` (the
    provider's URL: added, or to set), `file` (the connection file); on a node, `node`
    and `command` (the pf command to run).
    """

    code = "ML698"
    name = "promptflow-connection"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    kinds = frozenset({"yaml"})
    examples = (
        Example(
            "name: my_llm_connection\ntype: open_ai  # promptflow's OpenAI type\n"
            'api_key: "<user-input>"\n',
            path="connections/openai.yml",
            provider="acme",
            message="this promptflow connection (type: open_ai) has no base_url, so the LLM "
            "nodes using it send their requests, and its api_key, to api.openai.com; apply "
            "adds `base_url: https://api.acme.example/v1` (the URL itself, which needs no "
            "variable set where the flow runs); pf keeps a connection as it was created: "
            "create it again with your Acme Cloud key, `pf connection create --file "
            "connections/openai.yml --set api_key=<your Acme Cloud key>` (check then warns "
            "until that is recorded)",
            after="name: my_llm_connection\ntype: open_ai  # promptflow's OpenAI type\n"
            'api_key: "<user-input>"\nbase_url: https://api.acme.example/v1\n',
        ),
        Example(
            "$schema: https://azuremlschemas.azureedge.net/promptflow/latest/"
            "OpenAIConnection.schema.json\nname: open_ai_connection\ntype: open_ai\n"
            "api_key: sk-proj-Abc123def456ghi789jkl012mno345pqr678\n",
            path="openai.yaml",
            provider="acme",
            message="this promptflow connection (type: open_ai) has no base_url, so the LLM "
            "nodes using it send their requests, and its api_key, to api.openai.com; its "
            "api_key is an OpenAI key (sk-pr…78): apply leaves it, as with the provider's URL "
            "that key would go to Acme Cloud; add `base_url: https://api.acme.example/v1` and "
            "put your Acme Cloud key in place of the OpenAI one (better: out of the file, `pf "
            "connection create --file openai.yaml --set api_key=<your Acme Cloud key>`), "
            "together, by hand",
        ),
        Example(
            "name: aoai\ntype: azure_open_ai\napi_key: <user-input>\n"
            "api_base: https://contoso.openai.azure.com/\napi_type: azure\n"
            "api_version: 2024-02-01\n",
            path="azure_openai.yml",
            provider="acme",
            message="this promptflow connection is an Azure OpenAI one (type: "
            "azure_open_ai): the LLM nodes using it send their requests to its api_base, an "
            "Azure OpenAI resource, not to Acme Cloud: keep them there (then record that with "
            "`# migrate-llm: ignore[ML698]` on this line), or make it an OpenAI connection "
            "for Acme Cloud (`type: open_ai`, `base_url: https://api.acme.example/v1`, no "
            "api_base, api_type or api_version; created again with your Acme Cloud key) and "
            "give its nodes `model:` in place of `deployment_name:`, by hand",
        ),
        Example(
            "nodes:\n- name: ask\n  type: llm\n  api: chat\n  connection: my_llm_connection\n"
            "  source:\n    type: code\n    path: ask.jinja2\n  inputs:\n"
            "    model: acme-small\n",
            path="flow.dag.yaml",
            provider="acme",
            message="LLM node `ask` sends its requests through the promptflow connection "
            "`my_llm_connection`, which no connection file scanned with this flow defines: an "
            "OpenAI connection made without base_url sends them to api.openai.com. Point it at "
            "Acme Cloud where the flow runs, `pf connection update --name my_llm_connection --set "
            "base_url=https://api.acme.example/v1` (with your Acme Cloud key in its api_key), "
            "then record that with `# migrate-llm: ignore[ML698]` on this line; or add the "
            "connection's file to the project (`name: my_llm_connection`), which apply gives "
            "the base_url",
        ),
        Example(
            "nodes:\n- name: embed\n  type: python\n  source:\n    type: package\n"
            "    tool: promptflow.tools.embedding.embedding\n  inputs:\n"
            "    connection: aoai\n    deployment_name: text-embedding-ada-002\n"
            "    input: ${inputs.text}\n",
            path="flow.dag.yaml",
            provider="acme",
            message="node `embed` sends its requests through the Azure OpenAI connection "
            "`aoai` (it names a deployment_name), which no connection file scanned with this "
            "flow defines: it goes to that Azure OpenAI resource, not to Acme Cloud. Keep it there "
            "(then record that with `# migrate-llm: ignore[ML698]` on this line), or create "
            "`aoai` as an OpenAI connection, `pf connection create --file <its file> --set "
            "api_key=<your Acme Cloud key> base_url=https://api.acme.example/v1` (with "
            "`type: open_ai` in the file), and give the node `model:` in place of "
            "`deployment_name:`, by hand",
        ),
        # after apply: pf's store keeps the connection as it was created
        Example(
            "name: ds\ntype: open_ai\napi_key: <user-input>\nbase_url: https://api.acme.example/v1\n",
            path="conn.yml",
            provider="acme",
            message="this promptflow connection points at Acme Cloud (base_url: "
            "https://api.acme.example/v1), but pf keeps a connection as it was created: until "
            "you create it again from this file, `pf connection create --file conn.yml --set "
            "api_key=<your Acme Cloud key>`, its LLM nodes send their requests where the old "
            "one did (api.openai.com, without base_url); once done, record that with `# "
            "migrate-llm: ignore[ML698]` at the end of this line",
        ),
        Example(  # a server of the user's
            "name: ds\ntype: open_ai\napi_key: <user-input>\nbase_url: http://localhost:8000/v1\n",
            path="conn.yml",
            provider="acme",
            finds=False,
        ),
        # any key without base_url goes to api.openai.com: an OpenAI key
        Example(
            "name: c1\ntype: open_ai\napi_key: ${env:MY_KEY}\n",
            path="conn.yml",
            provider="acme",
            message="this promptflow connection (type: open_ai) has no base_url, so the LLM "
            "nodes using it send their requests, and its api_key, to api.openai.com; its "
            "api_key reads MY_KEY (`${env:MY_KEY}`, which pf resolves where the flow runs), an "
            "OpenAI key as long as it goes to api.openai.com: apply leaves it, as with the "
            "provider's URL that key would go to Acme Cloud; add `base_url: "
            "https://api.acme.example/v1` and make it read ACME_API_KEY "
            "(`${env:ACME_API_KEY}`), together, by hand",
        ),
        Example(
            "name: c1\ntype: open_ai\napi_key: ${env:OPENAI_API_KEY}\n"
            "base_url: ${env:OPENAI_BASE_URL}\n",
            path="conn.yml",
            provider="acme",
            message="this promptflow connection's base_url reads OPENAI_BASE_URL "
            "(`${env:OPENAI_BASE_URL}`, which pf resolves where the flow runs), OpenAI's "
            "variable, which holds OpenAI's URL (or nothing: api.openai.com) where OpenAI's "
            "SDK is set up: make it read ACME_BASE_URL (`${env:ACME_BASE_URL}`) or write "
            "`https://api.acme.example/v1`, with its api_key the Acme Cloud key, by hand",
        ),
        # the completions API, which DeepSeek serves in part
        Example(
            "nodes:\n- name: ask\n  type: llm\n  api: completion\n"
            "  connection: ${inputs.connection}\n  inputs:\n    model: deepseek-flash\n",
            path="flow.dag.yaml",
            provider="deepseek",
            message="LLM node `ask` sends its requests to the completions API (`api: "
            "completion`): DeepSeek serves completions only at "
            "https://api.deepseek.com/beta/completions (another base URL), as "
            "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode; its "
            "chat API serves the rest at https://api.deepseek.com/chat/completions (the prompt "
            "as a user message, the reply in choices[0].message.content); make it a chat node "
            "(`api: chat`, its prompt a chat prompt), or, for fill-in-the-middle, point its "
            "connection at that base URL, by hand",
        ),
        Example(
            "nodes:\n- name: ask\n  type: llm\n  connection: ${inputs.connection}\n",
            path="flow.dag.yaml",
            provider="acme",
            finds=False,
        ),
        # an Azure OpenAI target: promptflow's Azure connection type
        Example(
            "name: c\ntype: open_ai\napi_key: <user-input>\n",
            path="c.yml",
            provider="azure",
            message="this promptflow connection (type: open_ai) has no base_url, so the LLM "
            "nodes using it send their requests to api.openai.com; promptflow reaches Azure "
            "OpenAI through its own connection type: make it `type: azure_open_ai` with "
            "`api_base:` your resource's endpoint (https://YOUR-RESOURCE-NAME.openai.azure.com), "
            "`api_version` and your Azure OpenAI key (created again), and give its nodes "
            "`deployment_name:` in place of `model:`, by hand",
        ),
        Example(
            "name: aoai\ntype: azure_open_ai\napi_key: <user-input>\n"
            "api_base: https://contoso.openai.azure.com/\n",
            path="c.yml",
            provider="azure",
            finds=False,
        ),
        # without a provider there is nothing to point it at
        Example("name: c\ntype: open_ai\napi_key: <user-input>\n", path="c.yml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if not migrating(self.ctx):
            return
        connection = connection_of(doc)
        provider = self.ctx.provider
        assert provider is not None
        if provider.azure is not None and connection is not None:
            if connection.kind == "openai":  # an Azure OpenAI target: its connections stay
                yield from self._to_azure(doc, connection)
        elif connection is not None and connection.kind == "openai":
            yield from self._openai(doc, connection)
        elif connection is not None and connection.kind == "azure":
            yield self._azure(doc, connection)
        elif connection is None and os.path.basename(doc.path) in pf.FLOW_FILES:
            yield from self._nodes(doc)

    def _data(self, name: str | None, **more: object) -> dict[str, object]:
        data: dict[str, object] = {"framework": pf.PACKAGE, "base_url": self.ctx.base_url}
        if name is not None:
            data["connection"] = name
        return {**data, **more}

    @staticmethod
    def _unset(connection: Connection) -> tuple[Entry, Entry | None] | None:
        """(its `type:` entry, its `base_url:` entry or None) of an OpenAI connection that
        sends to api.openai.com: no base_url, or an empty one; None where it sets one (OpenAI's
        URL is ML502's; the provider's, `_set`; any other, the user's choice)."""
        base = connection.entries.get(pf.BASE_URL)
        if base is not None and (base.value or "").strip() not in pf.UNSET_BASE_URLS:
            return None
        typed = connection.entries[pf.TYPE_KEY]
        assert typed.value_span is not None
        return typed, base

    @staticmethod
    def _head(typed: Entry, base: Entry | None, key: bool = True) -> str:
        """What an OpenAI connection without base_url does (`_unset`)."""
        return (
            f"this promptflow connection ({pf.TYPE_KEY}: {(typed.value or '').strip()}) has "
            f"no {pf.BASE_URL}"
            + (" (an empty one is unset)" if base is not None else "")
            + ", so the LLM nodes using it send their requests"
            + (f", and its {pf.API_KEY}," if key else "")
            + " to api.openai.com"
        )

    def _openai(self, doc: ConfigDocument, connection: Connection) -> Iterator[Finding]:
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None
        unset = self._unset(connection)
        if unset is None:
            yield from self._set(doc, connection)
            return
        typed, base = unset
        assert typed.value_span is not None
        head = self._head(typed, base)
        key = f"<your {provider.name} key>"
        create = pf.CREATE.format(file=doc.path, key=pf.API_KEY, value=key)
        data = self._data(connection.name, file=doc.path)
        # a connection without base_url sends its key to api.openai.com: any key there but a
        # stand-in or the provider's variable is an OpenAI key (ML502's key-beside test)
        if key_beside(self.ctx, doc, ()) is not None:
            yield self._keyed(doc, connection, typed, head, create)
            return
        scalar = url if plain_yaml_string(url) else json.dumps(url)
        line = f"{pf.BASE_URL}: {scalar}"
        edit = None
        if base is None:
            edit = _after_line(doc.text, connection.entries.get(pf.API_KEY), line)
            edit = edit or _after_line(doc.text, typed, line)
        recreate = (
            f"pf keeps a connection as it was created: create it again with your "
            f"{provider.name} key, `{create}`"
        )
        if edit is None:
            message = f"{head}: write `{line}` in it, by hand; {recreate}"
            yield self.finding_at(doc, typed.value_span, message, fix=FixClass.MANUAL, data=data)
            return
        message = (
            f"{head}; apply adds `{line}` (the URL itself, which needs no variable set where "
            f"the flow runs); {recreate} (check then warns until that is recorded)"
        )
        yield self.finding_at(doc, typed.value_span, message, edit=edit, data=data)

    def _keyed(
        self, doc: ConfigDocument, connection: Connection, typed: Entry, head: str, create: str
    ) -> Finding:
        """The connection without base_url whose api_key holds or reads a key: an OpenAI
        one, which the provider's URL would send to the provider (manual)."""
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None and typed.value_span is not None
        openai_key = self._openai_key(connection)
        entry = connection.entries.get(pf.API_KEY)
        read = _ENV_REFERENCE.match((entry.value or "").strip()) if entry is not None else None
        variable = read.group(1).strip() if read is not None else ""
        if openai_key is not None:
            what = f"is an OpenAI key ({openai_key})"
        elif read is not None and is_openai_var(self.ctx, variable):
            what = f"reads {variable}"
        elif read is not None:
            what = (
                f"reads {variable} (`${{env:{variable}}}`, which pf resolves where the flow "
                "runs), an OpenAI key as long as it goes to api.openai.com"
            )
        else:
            what = "is a key written in the file, an OpenAI key as it goes to api.openai.com"
        put = (
            f"make it read {provider.api_key_env} (`${{env:{provider.api_key_env}}}`)"
            if read is not None
            else f"put your {provider.name} key in place of the OpenAI one (better: out of "
            f"the file, `{create}`)"
        )
        message = (
            f"{head}; its {pf.API_KEY} {what}: apply leaves it, as with the provider's URL "
            f"that key would go to {provider.name}; add `{pf.BASE_URL}: {url}` and {put}, "
            "together, by hand"
        )
        data = self._data(connection.name, file=doc.path)
        return self.finding_at(doc, typed.value_span, message, fix=FixClass.MANUAL, data=data)

    def _set(self, doc: ConfigDocument, connection: Connection) -> Iterator[Finding]:
        """An OpenAI connection whose base_url is the provider's (apply's, or the user's):
        pf's store keeps the connection as it was created until it is created again
        (warning until recorded); one whose base_url reads an OpenAI variable (manual)."""
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None
        base = connection.entries[pf.BASE_URL]
        assert base.value_span is not None
        written = (base.value or "").strip().strip("\"'")
        read = _ENV_REFERENCE.match(written)
        data = self._data(connection.name, file=doc.path)
        ignore = f"`# migrate-llm: ignore[{self.code}]` at the end of this line"
        if read is not None and is_openai_var(self.ctx, read.group(1).strip()):
            variable = read.group(1).strip()
            message = (
                f"this promptflow connection's {pf.BASE_URL} reads {variable} "
                f"(`${{env:{variable}}}`, which pf resolves where the flow runs), OpenAI's "
                f"variable, which holds OpenAI's URL (or nothing: api.openai.com) where "
                f"OpenAI's SDK is set up: "
                f"make it read {provider.base_url_env} (`${{env:{provider.base_url_env}}}`) "
                f"or write `{url}`, with its {pf.API_KEY} the {provider.name} key, by hand"
            )
            yield self.finding_at(doc, base.value_span, message, fix=FixClass.MANUAL, data=data)
            return
        if written.rstrip("/") != url.rstrip("/") or provider.azure is not None:
            return
        key = f"<your {provider.name} key>"
        create = pf.CREATE.format(file=doc.path, key=pf.API_KEY, value=key)
        message = (
            f"this promptflow connection points at {provider.name} ({pf.BASE_URL}: {url}), "
            f"but pf keeps a connection as it was created: until you create it again from "
            f"this file, `{create}`, its LLM nodes send their requests where the old one did "
            f"(api.openai.com, without base_url); once done, record that with {ignore}"
        )
        yield self.finding_at(
            doc,
            base.value_span,
            message,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={**data, "command": create},
        )

    @staticmethod
    def _openai_key(connection: Connection) -> str | None:
        """The OpenAI key written as the connection's api_key, masked; None where it holds
        none (a placeholder, `<user-input>`, the provider's key)."""
        entry = connection.entries.get(pf.API_KEY)
        for found in find_secrets((entry.value or "") if entry is not None else ""):
            if is_openai_key(found) and not is_placeholder(found):
                return mask(found.group(0))
        return None

    def _to_azure(self, doc: ConfigDocument, connection: Connection) -> Iterator[Finding]:
        """An OpenAI connection without a base URL, for an Azure OpenAI target: promptflow
        talks to Azure through its own connection type, which the file must become."""
        unset = self._unset(connection)
        if unset is None:
            return
        typed, base = unset
        assert typed.value_span is not None
        message = (
            f"{self._head(typed, base, key=False)}; promptflow reaches Azure OpenAI through "
            f"its own connection type: make it `{pf.TYPE_KEY}: azure_open_ai` with "
            f"`{pf.AZURE_BASE}:` your resource's endpoint ({self.ctx.base_url}), "
            f"`api_version` and your Azure OpenAI key (created again), and give its nodes "
            f"`{pf.DEPLOYMENT_KEY}:` in place of `model:`, by hand"
        )
        data = self._data(connection.name, file=doc.path)
        yield self.finding_at(doc, typed.value_span, message, fix=FixClass.MANUAL, data=data)

    def _azure(self, doc: ConfigDocument, connection: Connection) -> Finding:
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None
        typed = connection.entries[pf.TYPE_KEY]
        assert typed.value_span is not None
        message = (
            f"this promptflow connection is an Azure OpenAI one ({pf.TYPE_KEY}: "
            f"{(typed.value or '').strip()}): the LLM nodes using it send their requests to "
            f"its {pf.AZURE_BASE}, an Azure OpenAI resource, not to {provider.name}: keep them "
            f"there (then record that with `# migrate-llm: ignore[{self.code}]` on this line), "
            f"or make it an OpenAI connection for {provider.name} (`{pf.TYPE_KEY}: open_ai`, "
            f"`{pf.BASE_URL}: {url}`, no {pf.AZURE_BASE}, api_type or api_version; created "
            f"again with your {provider.name} key) and give its nodes `model:` in place of "
            f"`{pf.DEPLOYMENT_KEY}:`, by hand"
        )
        data = self._data(connection.name, file=doc.path)
        return self.finding_at(doc, typed.value_span, message, fix=FixClass.MANUAL, data=data)

    def _nodes(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The flow's nodes whose connection no connection file of the run defines."""
        # (the file defining each: the first by path where several do)
        defined: dict[str, str] = {}
        for name, shown in sorted(self.ctx.facts.promptflow_connections):
            defined.setdefault(name, shown)
        by_path = {e.rooted: e for e in doc.entries if e.key is not None}
        for entry in doc.entries:
            path = entry.rooted
            if len(path) != 3 or path[0] != pf.NODES_KEY or entry.key != pf.NODE_TYPE:
                continue
            node = path[:2]
            where: tuple[str, ...]
            if (entry.value or "").strip() == pf.LLM_NODE:
                where = (*node, pf.CONNECTION_KEY)
            else:
                tool = by_path.get((*node, pf.SOURCE_KEY, pf.TOOL_KEY))
                if tool is None or (tool.value or "").strip() not in pf.CONNECTED_TOOLS:
                    continue
                where = (*node, pf.INPUTS_KEY, pf.CONNECTION_KEY)
            named = by_path.get((*node, pf.NODE_NAME))
            label = (named.value or "").strip() if named is not None else node[1]
            connection = by_path.get(where)
            name = (connection.value or "").strip() if connection is not None else ""
            inputs = (*node, pf.INPUTS_KEY)
            # a node giving both (promptflow's examples, "to easily switch") may use either
            azure = (
                (*inputs, pf.DEPLOYMENT_KEY) in by_path and (*inputs, pf.MODEL_KEY) not in by_path
            ) or (
                (p := by_path.get((*node, pf.PROVIDER_KEY))) is not None
                and (p.value or "").strip() == pf.AZURE_PROVIDER
            )
            if not azure:  # (on an Azure OpenAI connection, the completions API is served)
                through = f"`{name}` (in {defined[name]})" if name in defined else ""
                completions = self._completions(doc, by_path, node, entry, label, through)
                if completions is not None:
                    yield completions
            if not name or _reference(name) or name in defined:
                continue
            assert connection is not None and connection.value_span is not None
            if azure and self.ctx.provider is not None and self.ctx.provider.azure is not None:
                continue  # on Azure OpenAI already, the target
            yield self._node(doc, connection.value_span, entry, label, name, azure)

    def _completions(
        self,
        doc: ConfigDocument,
        by_path: dict[tuple[str, ...], Entry],
        node: tuple[str, ...],
        typed: Entry,
        label: str,
        through: str,
    ) -> Finding | None:
        """A node sending its requests to the completions API (`api: completion`, or a
        completion tool of promptflow-tools) where the provider serves it in part
        (`[partial.completions]`): what it serves there, as ML101 says of a call (manual).
        `through`: its connection and the file defining it, where one of the run does."""
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None
        api = by_path.get((*node, sdk.CONFIG_API_KEY))
        tool = by_path.get((*node, pf.SOURCE_KEY, pf.TOOL_KEY))
        if api is not None and (api.value or "").strip().lower() in sdk.CONFIG_COMPLETIONS_APIS:
            where = api
        elif tool is not None and (tool.value or "").strip() in pf.COMPLETION_TOOLS:
            where = tool
        else:
            return None
        offer = partial_offer(provider, _COMPLETIONS, url)
        if offer is None or where.value_span is None:
            return None
        kind = "LLM node" if (typed.value or "").strip() == pf.LLM_NODE else "node"
        message = (
            f"{kind} `{label}` sends its requests to the completions API "
            f"(`{where.key}: {(where.value or '').strip()}`"
            + (f"; its connection {through}" if through else "")
            + f"): {offer}; make it a chat node "
            + f"(`{sdk.CONFIG_API_KEY}: chat`, its prompt a chat prompt), or, for "
            f"fill-in-the-middle, point its connection at that base URL, by hand"
        )
        data = self._data(None, node=label, partial=provider.partial[_COMPLETIONS].to_json())
        return self.finding_at(
            doc,
            where.value_span,
            message,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _node(
        self, doc: ConfigDocument, span: Span, typed: Entry, label: str, name: str, azure: bool
    ) -> Finding:
        provider, url = self.ctx.provider, self.ctx.base_url
        assert provider is not None and url is not None
        kind = "LLM node" if (typed.value or "").strip() == pf.LLM_NODE else "node"
        ignore = f"`# migrate-llm: ignore[{self.code}]` on this line"
        key = f"<your {provider.name} key>"
        if azure:
            command = pf.CREATE.format(file="<its file>", key=pf.API_KEY, value=key)
            command += f" {pf.BASE_URL}={url}"
            message = (
                f"{kind} `{label}` sends its requests through the Azure OpenAI connection "
                f"`{name}` (it names a {pf.DEPLOYMENT_KEY}), which no connection file scanned "
                f"with this flow defines: it goes to that Azure OpenAI resource, not to "
                f"{provider.name}. Keep it there (then record that with {ignore}), or create "
                f"`{name}` as an OpenAI connection, `{command}` (with `{pf.TYPE_KEY}: open_ai` "
                f"in the file), and give the node `model:` in place of `{pf.DEPLOYMENT_KEY}:`, "
                "by hand"
            )
        elif provider.azure is not None:
            command = pf.CREATE.format(file="<its file>", key=pf.API_KEY, value=key)
            message = (
                f"{kind} `{label}` sends its requests through the promptflow connection "
                f"`{name}`, which no connection file scanned with this flow defines: an "
                f"OpenAI connection sends them to OpenAI. Create `{name}` as an Azure OpenAI "
                f"connection where the flow runs, `{command}` (with `{pf.TYPE_KEY}: "
                f"azure_open_ai` and `{pf.AZURE_BASE}:` your resource's endpoint in the file), "
                f"and give the node `{pf.DEPLOYMENT_KEY}:` in place of `model:`, then record "
                f"that with {ignore}, by hand"
            )
        else:
            command = pf.UPDATE.format(name=name, key=pf.BASE_URL, value=url)
            message = (
                f"{kind} `{label}` sends its requests through the promptflow connection "
                f"`{name}`, which no connection file scanned with this flow defines: an "
                f"OpenAI connection made without {pf.BASE_URL} sends them to api.openai.com. Point "
                f"it at {provider.name} where the flow runs, `{command}` (with your "
                f"{provider.name} key in its {pf.API_KEY}), then record that with {ignore}; "
                f"or add the connection's file to the project (`{pf.NAME_KEY}: {name}`), "
                f"which apply gives the {pf.BASE_URL}"
            )
        data = self._data(name, node=label, command=command)
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
