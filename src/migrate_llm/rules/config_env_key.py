"""ML501: OpenAI environment variables set or referenced in config files."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm import openai_sdk as sdk
from migrate_llm.deployed_keys import deploys
from migrate_llm.env_readers import VARIABLES, left_readers
from migrate_llm.formats import FORMATS, tox
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import aider, crewai
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks import semantic_kernel as sk
from migrate_llm.frameworks.services import OPENAI_SERVICES
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.action_steps import step_on_target
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_common import (
    BASE_VARS,
    ENV_REFERENCE,
    LEGACY_ENV,
    host_owner,
    is_openai_var,
    is_target,
    migrating,
    shown,
)
from migrate_llm.rules.dotenv_plan import (
    RouteLine,
    azure_kept,
    dotenv_plan,
    example_url,
    key_kept,
    no_key,
    placeholder_line,
    route_line,
)
from migrate_llm.rules.langchain_routes import route_of, route_reads
from migrate_llm.rules.models import article
from migrate_llm.rules.tox_plan import is_glob, tox_plan
from migrate_llm.service_names import dispatches


class ConfigEnvKey(ConfigRule):
    """An OpenAI environment variable set or referenced in a config file.

    ## What it does
    Finds `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_API_BASE` and the other `OPENAI_*` /
    `AZURE_OPENAI_*` variables as keys in .env, YAML, TOML and JSON files, as docker compose
    list items (`- OPENAI_API_KEY=...`), as Kubernetes/ECS `name:` entries, as references
    such as `${OPENAI_API_KEY}`, `$(OPENAI_API_KEY)` or `${{ secrets.OPENAI_API_KEY }}`, and
    as what scripts, Dockerfiles, Makefiles, Procfiles and systemd units hand a program
    (`export OPENAI_API_KEY=...`, `ENV`, `ARG`, `docker run -e`, `Environment=`), and as
    what tox passes into or sets in a test environment (`passenv = OPENAI_API_KEY`,
    `setenv = OPENAI_API_KEY = {env:OPENAI_API_KEY}` in `tox.ini`, or in a `setup.cfg` with
    `[tox:tox]`).

    ## Why
    Migrated code reads the provider's variables (`api_key_env`, `base_url_env`), so
    deployments must set those instead. The OpenAI key is never copied into them: it would not
    work on another provider, and moving secrets around is how they leak.

    ## Fix
    In `.env` files, `apply` adds the provider's key variable after the OpenAI key line (which
    it never touches), commented out and empty (`# ACME_API_KEY=`): an empty live line would
    replace the key the environment exports wherever the file is loaded with override (aider's
    `load_dotenv(override=True)`; an example file, which no program loads, gets it live). Where
    the project reaches the provider through litellm (`RunFacts.litellm_project`: a module
    calls litellm or uses Open Interpreter's API, which hands its model to litellm; the .env
    sets an `AIDER_*` variable: aider calls litellm, or a module imports crewAI, which hands the
    provider's models to litellm where it has no route of its own for them: `zai/`, see ML690)
    on a route that sends OPENAI_API_KEY when the provider's key variable is unset or empty
    (`litellm.OPENAI_KEY_FALLBACK`), an OpenAI key line holding a key is an error until a
    person removes it (t54b: the OpenAI key went to Kimi; t60b: crewAI's `zai/` agents sent the
    .env's OpenAI key to Zhipu). It renames an `OPENAI_BASE_URL` / `OPENAI_API_BASE` line that is
    empty or points at OpenAI to the provider's variable and URL. A base URL pointing elsewhere
    (a proxy) is left alone; one naming an Azure OpenAI resource (a host of a provider with an
    `[azure]` table) is left with the advice to replace the line with the provider's variable
    and URL, never to point that variable at Azure. Once the .env sets the provider's key,
    OPENAI_API_KEY there is a note (remove it), except in a run that imports Semantic
    Kernel, which reads it from ./.env: a warning until it is removed. Where the project's
    chat models are on the provider's own LangChain route after apply (it names `deepseek:`
    models, or names `openai:` ones and requires langchain-deepseek, so ML204 moves them),
    whose class reads its base URL from a variable of its own (ChatDeepSeek:
    DEEPSEEK_API_BASE), the first key line apply edits also gets that variable, set to the
    provider's base URL, added after it (after the provider's key line where that is added),
    unless the file sets or names it (`route_base_url_env` in the data).

    In tox's test environments a section's first `passenv` name of OpenAI's key or base-URL
    variable gets the provider's passed too, added after it (`, ` or ` ` where the line lists
    several names, else on a line of its own, with that line's factor condition); a
    `setenv` line setting OpenAI's variable from the host's (`{env:OPENAI_API_KEY}`, no
    default) gets one setting the provider's from the host's after it (the base URL with the
    provider's as default), and a `setenv` base URL that is empty or OpenAI's is renamed with
    the provider's URL. A key set to a value there is left to a person (manual); where the
    section passes or sets the provider's variable already, OpenAI's is a note (remove it).
    A `passenv` pattern matching OpenAI's key or base-URL variable (`OPENAI_*`) gets the
    provider's variables it matches passed after it, unless the section passes them already
    (`*`, `ACME_*`).
    In other files the variables are for a person to change. In a GitHub Actions step running
    an action (`uses:`, no `run:`) whose `env:`/`with:` (or its job's or the workflow's
    `env:`) sets a base URL on the provider's host beside them (MaxKB's code review:
    `OPENAI_API_ENDPOINT: https://dashscope.aliyuncs.com/compatible-mode/v1`), they are a note
    (`action_steps`): the step is on the provider already, and the action reads these names;
    manual only where the key's value names OpenAI (data `url_variable`, `url`).

    A variable named as OpenAI's key by its spelling (`OPENAI_KEY`, `OPENAI_APIKEY`,
    `OPENAI_SECRET_KEY`) that a deployment file (a compose file, Dockerfile, script or .env;
    not an example file) sets, where the project's Python code names it
    (`RunFacts.key_names_read`: ML401 makes that read the provider's key variable), must set
    the provider's variable instead: where its value hands on the host's variable of the
    same name (`- OPENAI_KEY=${OPENAI_KEY}`), apply renames the entry whole in a file it
    edits (`- DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}`, review; by hand in a Dockerfile or a
    script); a value (`OPENAI_KEY=YOUR_KEY_HERE`) is never copied: an error naming the
    variable the code reads. Where the code names the provider's key variable and no longer
    the old name (after apply), such an entry is an error until the file sets the provider's
    (then a note: remove it). t53i N2: the container sent "unset" and got 401 under a
    green check.

    OpenAI's account ids (`sdk.ACCOUNT_ENV_HEADERS`: OPENAI_ORG_ID, OPENAI_PROJECT_ID) set
    there are a warning left to a person (manual) that says why: an SDK client given no
    `organization=` / `project=` reads them and sends them as headers to any host, the
    provider's too, so removing the argument (ML001) is not enough (t64f:
    chatgpt-retrieval-plugin sent the user's OpenAI organization id to DashScope).

    An example file (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, also
    `.env-template`, `.env_example`, `example.env`) is read by people, not programs: there
    a key line holding no key (empty, or a stand-in such as `XXX` or `your-key-here`) is
    renamed to the provider's variable in place, its stand-in kept
    (emptied where it asks for OpenAI's key; a value that may be a key gets the provider's
    variable added after it, as in a .env), and a base URL on a host reserved for examples
    (`https://example.com/v1/`) is renamed with its URL kept. The key and base-URL lines
    commented out there (`# OPENAI_BASE_URL=...`), which people uncomment, are renamed the
    same way; those apply leaves (a value that may be a key, a URL of another server, a
    variable the file already sets or names) are notes: uncommented, they would set a
    variable migrated code no longer reads. An OpenAI key line left beside the provider's
    is a note (remove it), or, where the project picks its services by name with OpenAI's among
    them (`RunFacts.service_names`: TradingAgents' `llm_provider`), a note that the program still
    reads it where it picks OpenAI. Other commented-out variables are left (ML503 reads their
    models; ML401 reports the code reading them). Azure OpenAI's key line in an example file
    that also sets or names Azure's endpoint or a deployment (`dotenv_plan.azure_kept`) is left
    for another target (a note): that file configures an Azure client, where the provider's key
    must not go (TradingAgents' `.env.enterprise.example`, t52b).

    Where a Python module of the project reads OpenAI's key variable and builds a class named
    like OpenAI that no table knows (`RunFacts.openai_key_kept`: chromadb's
    `OpenAIEmbeddingFunction`, whose key read ML401 leaves), or gives it to an SDK client whose
    base URL is chosen at run time from a variable not OpenAI's, with no default (ML003 and
    ML401 leave both: `AsyncOpenAI(api_key=os.environ["OPENAI_API_KEY"],
    base_url=os.environ["BASE_URL"])`), the program may still read that
    variable after apply: an example file's key line is then kept, the provider's added after
    it as in a .env, and the message says to put only OpenAI's key there (`data`
    `still_read`): renamed, the program stopped at its check of OPENAI_API_KEY, and a person
    following it would put the provider's key where that class sends it to OpenAI. Once the
    file sets the provider's variable, the kept line is a note saying so, not "remove it".
    So is a line that a client apply leaves on OpenAI reads, its requests all to APIs the
    provider lacks (ML001, ML103: quivr-whisper's audio-only module-level client, t55d, whose
    `.env_example` was renamed while the code kept reading OPENAI_API_KEY), and one that a
    framework class or a litellm `embedding()` given no key reads where apply leaves it on
    OpenAI, the provider serving no embeddings (ML601, ML611, ML612, ML640: WrenAI's litellm
    embedder, its model from config.yaml, t67d).
    Only where ML401 leaves such a read (`key_left`): a class the key reaches only inside a
    dict (chatgpt-telegram-bot's `OpenAIHelper(config=openai_config)`) or that the module
    defines, whose read apply moves, leaves the line renamed in place. The modules counted
    are those of the env file's project and of the projects within it (R2R: `.env.example`
    at the top, the code in `py/` with a `pyproject.toml` of its own, t68b), not a sibling's.

    A base-URL line holding OpenAI's whole endpoint (`OPENAI_API_BASE=https://api.openai.com/
    v1/chat/completions`: it ends in a request path, `openai_sdk.ENDPOINT_PATHS`) is left
    (manual): the code reading it posts there as it is, and the provider's variable holds a
    base URL without the path; renamed with the base URL (t66c), the requests went to the
    base URL (404). ML502 names the provider's endpoint with the path kept.

    ## Example
    ```
    OPENAI_API_KEY=sk-...        # -> set ACME_API_KEY to your Acme Cloud key
    OPENAI_BASE_URL=https://api.openai.com/v1
    ```
    """

    code = "ML501"
    name = "config-env-key"
    category = "config"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    # INI and setup.cfg: only what tox passes into its test environments (`formats.tox`)
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "shell", "ini", "setup"})
    examples = (
        # t66c: a whole endpoint is no base URL: not renamed to the provider's variable
        Example(
            "OPENAI_API_BASE=https://api.openai.com/v1/chat/completions\n",
            path=".env",
            provider="acme",
            message="OPENAI_API_BASE holds a whole endpoint (it ends in /chat/completions), not "
            "a base URL: the code reading it takes it as the whole URL, and ACME_BASE_URL, which "
            "apply renames a base URL to, holds Acme Cloud's base URL without the path; left "
            "alone: change it with the code that reads it (ML401 says there), by hand",
        ),
        Example(
            "OPENAI_API_KEY=sk-test\n",
            path=".env",
            message="OPENAI_API_KEY is OpenAI's key variable; set the provider's key variable "
            "instead (pass --provider to name it)",
        ),
        Example(
            "export OPENAI_API_KEY=sk-test\nOPENAI_BASE_URL=https://api.openai.com/v1\n",
            path=".env",
            provider="acme",
            after="export OPENAI_API_KEY=sk-test\n# export ACME_API_KEY=\n"
            "ACME_BASE_URL=https://api.acme.example/v1\n",
        ),
        Example(
            "services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n",
            path="docker-compose.yml",
            provider="acme",
            message="OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: "
            "set that from Acme Cloud's console here (the OpenAI key does not work there)",
        ),
        Example(
            "services:\n  app:\n    environment:\n      - OPENAI_API_BASE=https://proxy.local/v1\n",
            path="compose.yaml",
            provider="acme",
            message="OPENAI_API_BASE is OpenAI's base-URL variable; Acme Cloud reads "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
        Example(
            'FROM python:3.12\nENV OPENAI_API_KEY=""\nCMD ["python", "app.py"]\n',
            path="Dockerfile",
            provider="acme",
            message="OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: "
            "set that from Acme Cloud's console here (the OpenAI key does not work there)",
            after='FROM python:3.12\nENV OPENAI_API_KEY=""\nCMD ["python", "app.py"]\n',
        ),
        Example(
            "env:\n  - name: OPENAI_ORG_ID\n    value: org-123\n",
            path="deployment.yaml",
            provider="acme",
            message="OPENAI_ORG_ID is OpenAI's organization id: the openai SDK's clients given "
            "no organization= read it and send it as the OpenAI-Organization header to whatever "
            "host they call, Acme Cloud too; remove it",
        ),
        # t64f: a compose file giving the project id to a service apply moves
        Example(
            "services:\n  app:\n    environment:\n      OPENAI_PROJECT_ID: ${OPENAI_PROJECT_ID}\n",
            path="docker-compose.yml",
            provider="acme",
            message="OPENAI_PROJECT_ID is OpenAI's project id: the openai SDK's clients given no "
            "project= read it and send it as the OpenAI-Project header to whatever host they "
            "call, Acme Cloud too; remove it",
        ),
        Example(
            "# Your OpenAI API key\nOPENAI_API_KEY=XXX\n# OPENAI_BASE_URL=https://example.com/v1/\n",
            path=".env.example",
            provider="acme",
            message="OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: "
            "apply renames it in this example file, its stand-in XXX kept",
            after="# Your OpenAI API key\nACME_API_KEY=XXX\n# ACME_BASE_URL=https://example.com/v1/\n",
        ),
        Example(
            "API_KEY=your-key\nOPENAI_API_KEY=\n",
            path=".env-template",
            provider="acme",
            message="OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: "
            "apply renames it in this example file",
            after="API_KEY=your-key\nACME_API_KEY=\n",
        ),
        Example(
            "[testenv]\npassenv = OPENAI_API_KEY\ncommands = pytest\n",
            path="tox.ini",
            provider="acme",
            message="OPENAI_API_KEY, which tox passes into [testenv], is OpenAI's key variable; "
            "Acme Cloud reads ACME_API_KEY: apply passes that too (a name: the OpenAI key is "
            "never copied)",
            after="[testenv]\npassenv = OPENAI_API_KEY\n    ACME_API_KEY\ncommands = pytest\n",
        ),
        Example(
            "[testenv]\npassenv = OPENAI_*, HOME\n",
            path="tox.ini",
            provider="acme",
            message="OPENAI_*, which tox passes into [testenv], matches OpenAI's variables, not "
            "those Acme Cloud reads: apply passes ACME_API_KEY and ACME_BASE_URL too (names: "
            "the OpenAI key is never copied)",
            after="[testenv]\npassenv = OPENAI_*, ACME_API_KEY, ACME_BASE_URL, HOME\n",
        ),
        Example(
            "[testenv:live]\nsetenv =\n    OPENAI_BASE_URL = {env:OPENAI_BASE_URL}\n",
            path="tox.ini",
            provider="acme",
            after="[testenv:live]\nsetenv =\n    OPENAI_BASE_URL = {env:OPENAI_BASE_URL}\n"
            "    ACME_BASE_URL = {env:ACME_BASE_URL:https://api.acme.example/v1}\n",
        ),
        # t64a: MaxKB's LLM code review, an action reading OPENAI_API_KEY, on DashScope
        Example(
            "jobs:\n  review:\n    steps:\n      - uses: org/review-action@v1\n"
            "        env:\n          OPENAI_API_KEY: ${{ secrets.ACME_LLM_KEY }}\n"
            "          OPENAI_API_ENDPOINT: https://api.acme.example/v1\n",
            path=".github/workflows/review.yml",
            provider="acme",
            message="OPENAI_API_KEY is handed to the action this step runs beside "
            "OPENAI_API_ENDPOINT, Acme Cloud's base URL (https://api.acme.example/v1): the step "
            "is on Acme Cloud already, and the action reads these names; left as it is",
        ),
        Example('{"llm": {"api_key": "${OPENAI_API_KEY}"}}\n', path="config.json"),
        Example("[llm]\nOPENAI_API_KEY = ${KEY}\n", path="config.ini", finds=False),
        Example("ACME_API_KEY=\nOPENAI_LOG=debug\n", path=".env", provider="acme", finds=False),
        Example("[tool.app]\nkey_env = 'MY_KEY'\n", path="settings.toml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if doc.kind in ("ini", "setup"):
            yield from self._tox(doc)
            return
        plan = dotenv_plan(self.ctx, doc)
        route = route_line(self.ctx, doc, plan) if doc.kind == "dotenv" else None
        provider = self.ctx.provider
        # the file sets the provider's key (not only names it in apply's placeholder)
        sets_key = provider is not None and any(e.key == provider.api_key_env for e in doc.entries)
        for entry in doc.entries:
            found = self._variable(entry)
            if found is None:
                continue
            name, span = found
            if _crewai_model_setting(self.ctx, doc, entry, name):
                continue  # crewAI's own model variable: ML503 routes its value
            deployed = self._deployed_key(doc, entry, name)
            if deployed is not None:
                yield deployed
                continue
            advice = self._advice(name, doc.kind == "dotenv", doc.example)
            if advice is None:
                continue
            on_target = self._step_on_target(doc, entry, name, span)
            if on_target is not None:
                yield on_target
                continue
            message, severity, fix = advice
            edit = None
            data_left: tuple[str, ...] = ()  # where code keeps reading the line's variable
            if doc.kind != "dotenv":
                fix = FixClass.MANUAL  # deployment manifests and app config are for a person
            elif migrating(self.ctx):
                edit = plan.get(span)
                azure = azure_kept(self.ctx, doc, name) if doc.example else None
                if edit is None and azure is not None:
                    message, severity, fix = self._azure_kept(name, doc, azure)
                elif edit is None and (left := self._reads_left(name, span, entry)):
                    message, severity, fix = self._read_left(name, left)
                    data_left = tuple(left)
                elif edit is None:
                    setting = span == entry.key_span
                    value = entry.value if setting else None
                    message, severity, fix = self._left_alone(
                        name, value, span in plan, message, doc.example, sets_key
                    )
                    if span in plan and name in sdk.KEY_VARS_TO_SWITCH:  # kept: where read
                        data_left = tuple(self._kept_at(name))
                elif doc.example and entry.value is not None:
                    message = self._example_rename(name, entry.value, edit, span, message)
            data = self._data(name)
            if data_left:
                data["read_at"] = list(data_left)
            fallback = self._litellm_fallback(doc, entry, name, edit is not None)
            if fallback is not None:  # apply adds the placeholder; the line is for a person
                message = fallback
                severity, fix = Severity.ERROR, FixClass.REVIEW if edit else FixClass.MANUAL
                data["litellm_fallback"] = True
            if edit is not None and self._kept_read(name, edit, span):
                message = f"{message}; {self._kept_advice(name)}"
                data["still_read"] = True
                if kept_at := left_readers(self.ctx.facts.env_readers, name):
                    message += f" (read at {_places(kept_at)})"
                    data["read_at"] = kept_at
            if route is not None and edit is not None and span == route.span:
                edit, message = route.edit, f"{message}; {self._route_advice(route)}"
                data["route_base_url_env"] = route.variable
            yield self.finding_at(
                doc, span, message, severity=severity, fix=fix, edit=edit, data=data
            )
        if doc.commented and migrating(self.ctx):
            yield from self._commented(doc, plan)

    def _step_on_target(
        self, doc: ConfigDocument, entry: Entry, name: str, span: Span
    ) -> Finding | None:
        """A note for OpenAI's variable in a workflow step running an action, beside a base URL
        on the target's host (`action_steps.step_on_target`): already on the target, the
        action reading these names (renamed, it would break); None otherwise."""
        provider = self.ctx.provider
        if provider is None or name.startswith("AZURE_") or is_target(self.ctx):
            return None
        found = step_on_target(self.ctx, doc, entry)
        if found is None:
            return None
        data = self._data(name) | {"url_variable": found.name, "url": found.url}
        data.pop("variable_to", None)
        beside = f"beside {found.name}, {provider.name}'s base URL ({found.url})"
        if found.name == name:
            beside = f"set to {provider.name}'s base URL ({found.url})"
        said = (
            f"{name} is handed to the action this step runs {beside}: the step is on "
            f"{provider.name} already, and the action reads these names; left as it is"
        )
        fix = FixClass.NONE
        value = entry.value or ""
        if name in sdk.KEY_ENV_VARS and "OPENAI" in value.upper():
            said += f" (its value names OpenAI: make sure it holds {article(provider.name)} "
            said += f"{provider.name} key)"
            fix = FixClass.MANUAL
        return self.finding_at(doc, span, said, severity=Severity.NOTE, fix=fix, data=data)

    def _litellm_fallback(
        self, doc: ConfigDocument, entry: Entry, name: str, adds: bool
    ) -> str | None:
        """Why OpenAI's key set to a value in a .env programs load (not an example file) must
        go, where the project reaches the provider through litellm (`RunFacts.litellm_project`,
        the .env configures aider, which calls litellm, or crewAI hands the provider's models
        to litellm: `_crewai_through_litellm`) on a route that sends
        OPENAI_API_KEY where the provider's key variable is unset or empty
        (`litellm.OPENAI_KEY_FALLBACK`): the OpenAI key would go to the provider (t54b: aider's
        `load_dotenv(override=True)` emptied the exported key with the empty line apply then
        added). `adds`: apply adds the placeholder for the provider's key after it. None
        otherwise."""
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx) or doc.kind != "dotenv" or doc.example:
            return None
        if name != fw_litellm.OPENAI_KEY_VAR or entry.key != name or no_key(entry.value or ""):
            return None
        route = provider.frameworks.get("litellm_prefix")
        if route not in fw_litellm.OPENAI_KEY_FALLBACK:
            return None
        if not (
            self.ctx.facts.litellm_project
            or aider.configures({e.key for e in doc.entries})
            or _crewai_through_litellm(self.ctx, route)
        ):
            return None
        variable = provider.api_key_env
        added = (
            f" (apply adds `{placeholder_line(variable)}` after it, commented out: an empty "
            "line would override the key the environment sets)"
            if adds
            else ""
        )
        return (
            f"{name} holds an OpenAI key here{added}, and litellm's {route}/ route sends {name} "
            f"where {variable} is unset or empty and a call passes no api_key, or an empty one: "
            f"the OpenAI key would go to {provider.name}; remove this line by hand (apply never "
            "edits a key) "
            f"and set {variable} to your {provider.name} key"
        )

    def _deployed_key(self, doc: ConfigDocument, entry: Entry, name: str) -> Finding | None:
        """A variable named as OpenAI's key (`OPENAI_KEY`: `sdk.KEY_VAR_SPELLINGS`) that a
        deployment file sets (`deployed_keys.deploys`; not an example file) for code of the
        project reading it, whose read ML401 renames to the provider's (`key_names_read`), or
        that code reading the provider's instead no longer reads. Renamed where its value
        is the host's variable of the same name (`OPENAI_KEY=${OPENAI_KEY}`), in a file apply
        edits; otherwise left to a person: a value is never copied into the provider's
        variable. None where the rule's other advice applies."""
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx) or name not in sdk.KEY_VAR_SPELLINGS:
            return None
        if doc.example or not deploys(doc.path, doc.kind):
            return None
        setting = _setting(doc, entry, name)
        if setting is None:
            return None
        span, value = setting
        read = self.ctx.facts.key_names_read
        target = provider.api_key_env
        renamed = name in read
        if not renamed and target not in read:
            return None  # no code of the project shown reading either
        data: dict[str, object] = {"variable_from": name, "variable_to": target}
        head = (
            f"{name} is the variable the project's code reads its key from, which apply makes "
            f"read {target}"
            if renamed
            else f"{name} is no longer read: the project's code reads its key from {target}"
        )
        if any(e.key == target or (e.value or "").startswith(target + "=") for e in doc.entries):
            message = f"{head}, which this file sets too: remove {name}"
            return self.finding_at(
                doc, span, message, severity=Severity.NOTE, fix=FixClass.MANUAL, data=data
            )
        if renamed and _host_reference(value, name):
            raw = doc.text[span.start : span.end]
            if FORMATS[doc.kind].writable and raw.count(name) == 2:
                new = raw.replace(name, target)
                message = (
                    f"{head}: apply renames it here, with the host's variable it passes on "
                    f"(a name: the OpenAI key is never copied); set {target} to {provider.name}'s "
                    "key where this is deployed"
                )
                return self.finding_at(
                    doc,
                    span,
                    message,
                    severity=Severity.WARNING,
                    fix=FixClass.REVIEW,
                    edit=Edit(span, new),
                    data=data,
                )
            message = (
                f"{head}: rename both names here to {target} by hand (apply does not edit this "
                f"file), and set {target} to {provider.name}'s key where this is deployed"
            )
        else:
            message = (
                f"{head}; this file sets only {name}, so the program gets no key: set {target} "
                f"here to {provider.name}'s key, or to the host's variable (${{{target}}}), by "
                f"hand (its value is never copied; the OpenAI key does not work there)"
            )
        return self.finding_at(
            doc, span, message, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data
        )

    def _tox(self, doc: ConfigDocument) -> Iterator[Finding]:
        """OpenAI's variables that tox passes into a test environment or sets there
        (`passenv = OPENAI_API_KEY`): the program under test reads the provider's after the
        migration, and tox hands it only the variables named there."""
        items = tox.read(doc.path, doc.text)
        plan = tox_plan(self.ctx, doc, items)
        provider = self.ctx.provider
        for item in items:
            name, span = item.entry.key, item.entry.key_span
            if name is not None and span is not None and is_glob(name) and provider is not None:
                planned = plan.get(span)
                if planned is not None and planned[0] is not None:
                    yield self.finding_at(
                        doc,
                        span,
                        f"{name}, which tox passes into [{item.section}], matches OpenAI's "
                        f"variables, not those {provider.name} reads: {planned[1]}",
                        edit=planned[0],
                        data={"variable_from": name},
                    )
                continue
            if name is None or span is None or not is_openai_var(self.ctx, name):
                continue
            advice = self._advice(name, False)
            if advice is None:
                continue
            message, severity, fix = advice
            edit = None
            how = "passes into" if item.option == tox.PASS else "sets in"
            head = f"{name}, which tox {how} [{item.section}],"
            planned = plan.get(span)
            if planned is not None and planned[0] is not None and provider is not None:
                edit, done = planned
                key = name in sdk.KEY_ENV_VARS
                variable = provider.api_key_env if key else provider.base_url_env
                message = (
                    f"{head} is {_owner(name)} {'key' if key else 'base-URL'} variable; "
                    f"{provider.name} reads {variable}: {done}"
                )
            elif planned is not None and provider is not None:  # the section passes its own
                message = (
                    f"{name} is no longer read after the migration; remove it once "
                    f"{provider.name} works"
                )
                severity, fix = Severity.NOTE, FixClass.MANUAL
            else:
                fix = FixClass.MANUAL
                if provider is not None and name in sdk.KEY_ENV_VARS and migrating(self.ctx):
                    message = (
                        f"{name}, which tox sets in [{item.section}] to a value apply does not "
                        f"move, is {_owner(name)} key variable; {provider.name} reads "
                        f"{provider.api_key_env}: set or pass that there by hand (the OpenAI "
                        "key does not work there)"
                    )
                elif provider is not None and name in BASE_VARS and migrating(self.ctx):
                    message, severity, fix = self._left_alone(name, item.entry.value, False, "")
            yield self.finding_at(
                doc, span, message, severity=severity, fix=fix, edit=edit, data=self._data(name)
            )

    def _kept_read(self, name: str, edit: Edit, span: Span) -> bool:
        """Whether apply keeps the key line `name` (adding the provider's after it) as code
        of the project may still read it (`dotenv_plan.key_kept`, or a read of it ML401
        leaves: `RunFacts.env_readers`)."""
        return (
            name in sdk.KEY_VARS_TO_SWITCH
            and (key_kept(self.ctx) or bool(left_readers(self.ctx.facts.env_readers, name)))
            and edit.span.start != span.start  # added after it, not renamed
        )

    def _kept_at(self, name: str) -> list[str]:
        """Where code apply leaves keeps reading the key variable `name` (module:line), for
        the note on its line kept beside the provider's; [] where the program picks OpenAI as
        a service by name (`_openai_picked`, whose note says so) or no read is left."""
        if name == "OPENAI_API_KEY" and _openai_picked(self.ctx) is not None:
            return []
        return left_readers(self.ctx.facts.env_readers, name)

    def _reads_left(self, name: str, span: Span, entry: Entry) -> list[str]:
        """Where the project's modules keep reading `name` after apply, for a line setting
        OpenAI's base-URL variable that apply leaves for them (`dotenv_plan`); [] otherwise."""
        if span != entry.key_span or name not in VARIABLES:
            return []
        if name in sdk.KEY_ENV_VARS:
            return []  # kept, the provider's line added after it (`_kept_read`)
        return left_readers(self.ctx.facts.env_readers, name)

    def _read_left(self, name: str, left: list[str]) -> tuple[str, Severity | None, FixClass]:
        """The advice for a line of OpenAI's base-URL variable `name` left as code keeps
        reading it at `left` (module:line; ML401 there says why apply leaves that read)."""
        provider = self.ctx.provider
        assert provider is not None
        variable = provider.base_url_env
        message = (
            f"{name} is still read at {_places(left)}, which apply leaves on OpenAI (ML401 "
            f"there says why): the line stays, so that this file and the code name the same "
            f"variable, and {provider.name}'s key must not go where it points; point that "
            f"code and its key at {provider.name} together (the base URL from {variable}), "
            f"then rename this line to {variable}, by hand"
        )
        return message, Severity.WARNING, FixClass.MANUAL

    def _kept_advice(self, name: str) -> str:
        """Why a key line is kept: the read ML401 leaves, and whose key goes there."""
        provider = self.ctx.provider
        assert provider is not None
        return (
            f"apply keeps {name} (a comment above the provider's line says why), as code of "
            "the project may still read it for a class named like OpenAI that migrate-llm "
            "does not rewrite, a client whose base URL is chosen at run time, a client "
            f"apply leaves on OpenAI as {provider.name} lacks its APIs (ML401, ML001 or ML103 "
            "names the read), or a framework class or litellm embeddings call apply leaves "
            "on OpenAI given no key, which reads it itself (ML601, ML611, ML612 or ML640 "
            "names it), which may send it to "
            "OpenAI: put only OpenAI's key there, never "
            f"{provider.name}'s, until that code reads {provider.api_key_env}"
        )

    def _route_advice(self, route: RouteLine) -> str:
        """What the line added for the provider's own LangChain route is for."""
        found = route_of(self.ctx.provider)
        assert found is not None and self.ctx.provider is not None
        return (
            f"apply adds {route.line} after it, for a proxy or a test server to go in: the "
            f"project's `{found.name}:` models are built by "
            f"{route_reads(found, self.ctx.provider)}"
        )

    def _azure_kept(
        self, name: str, doc: ConfigDocument, beside: Entry
    ) -> tuple[str, Severity | None, FixClass]:
        """Azure OpenAI's key line in an example file that also configures Azure's endpoint
        or a deployment (`azure_kept`): left, a note."""
        provider = self.ctx.provider
        assert provider is not None and beside.key_span is not None
        line = doc.lines.position(beside.key_span.start)[0]
        message = (
            f"{name} is Azure OpenAI's key variable, beside {beside.key} (line {line}), which "
            f"this example file keeps: it configures Azure OpenAI, where {provider.name}'s key "
            f"must not go, so apply leaves it; {provider.name}'s key goes in "
            f"{provider.api_key_env}, where the program reads it"
        )
        return message, Severity.NOTE, FixClass.MANUAL

    def _example_rename(self, name: str, value: str, edit: Edit, span: Span, message: str) -> str:
        """What apply does to a line of an example .env file that it renames in place, rather
        than adding the provider's key variable after it: a key variable holding no key, a
        base URL on a host reserved for examples."""
        provider = self.ctx.provider
        assert provider is not None
        if name in BASE_VARS and example_url(value):
            return (
                f"{name} is OpenAI's base-URL variable; {provider.name} reads "
                f"{provider.base_url_env}: apply renames it in this example file, its example "
                f"URL kept"
            )
        if name not in sdk.KEY_ENV_VARS or edit.span.start != span.start:
            return message  # the provider's key variable added after it
        owner = "Azure OpenAI's" if name.startswith("AZURE_") else "OpenAI's"
        if not value.strip():
            done = "apply renames it in this example file"
        elif edit.text == provider.api_key_env:
            done = f"apply renames it in this example file, its stand-in {shown(value)} kept"
        else:
            done = (
                "apply renames it in this example file and empties its stand-in, which asks "
                "for OpenAI's key"
            )
        variable = provider.api_key_env
        return f"{name} is {owner} key variable; {provider.name} reads {variable}: {done}"

    def _commented(self, doc: ConfigDocument, plan: dict[Span, Edit | None]) -> Iterator[Finding]:
        """OpenAI's key and base-URL variables commented out in an example .env file (`#
        OPENAI_BASE_URL=https://example.com/v1/`): migrated code no longer reads them, so the
        example would have people set a variable nothing reads. Renamed where a live line
        would be (`dotenv_plan`); otherwise a note (the line sets nothing)."""
        provider = self.ctx.provider
        assert provider is not None
        for entry in doc.commented:
            name, span = entry.key, entry.key_span
            if name is None or span is None or entry.value is None:
                continue
            if name not in sdk.KEY_ENV_VARS and name not in BASE_VARS:
                continue  # still read where the code reads it (ML401): a model, ML503's
            key = name in sdk.KEY_ENV_VARS
            variable = provider.api_key_env if key else provider.base_url_env
            data = {**self._data(name), "commented": True}
            azure = azure_kept(self.ctx, doc, name)
            if azure is not None:
                message, severity, fix = self._azure_kept(name, doc, azure)
                yield self.finding_at(doc, span, message, severity=severity, fix=fix, data=data)
                continue
            head = (
                f"{name}, commented out in this example file, is no longer read after the migration"
            )
            edit = plan.get(span)
            if edit is not None:
                if name in BASE_VARS and not example_url(entry.value):
                    message = (
                        f"{head}; {provider.name} reads {variable}: apply renames it here, with "
                        f"{provider.name}'s base URL {self.ctx.base_url}"
                    )
                else:
                    kept = ", its example URL kept" if not key else ""
                    message = (
                        f"{head}; {provider.name} reads {variable}: apply renames it here{kept}"
                    )
                yield self.finding_at(doc, span, message, edit=edit, data=data)
                continue
            if span in plan:
                message = f"{head}; the file sets or names {variable}: remove this line"
            elif key:
                message = (
                    f"{head}; {provider.name} reads {variable}: change the example by hand "
                    "(its value may be a key, which apply never moves)"
                )
            else:
                message = (
                    f"{head}; {provider.name} reads {variable}: rename it by hand where "
                    f"{shown(entry.value)} serves {provider.name}'s API"
                )
            yield self.finding_at(
                doc, span, message, severity=Severity.NOTE, fix=FixClass.MANUAL, data=data
            )

    def _data(self, name: str) -> dict[str, object]:
        """The finding's facts: the variable, and the one migrated code reads instead (the
        provider's key or base-URL variable; for OpenAI itself, the openai>=1.0 name)."""
        data: dict[str, object] = {"variable_from": name}
        provider = self.ctx.provider
        if is_target(self.ctx):
            if name in LEGACY_ENV:
                data["variable_to"] = LEGACY_ENV[name]
        elif provider is not None and name in sdk.KEY_ENV_VARS:
            data["variable_to"] = provider.api_key_env
        elif provider is not None and name in sdk.BASE_URL_ENV_VARS:
            data["variable_to"] = provider.base_url_env
        return data

    def _left_alone(
        self,
        name: str,
        value: str | None,
        superseded: bool,
        message: str,
        example: bool = False,
        sets_key: bool = True,
    ) -> tuple[str, Severity | None, FixClass]:
        """The advice for a .env line that apply does not edit.

        `value`: what the line sets `name` to (None where it refers to it); `superseded`: the
        file sets the provider's own variable already (or, `sets_key` False, names its key
        only in the placeholder apply writes, `# ACME_API_KEY=`); `example`: an example file,
        which no program reads.
        """
        provider = self.ctx.provider
        assert provider is not None
        if superseded and name == sk.KEY_ENV and self.ctx.facts.semantic_kernel_project:
            # OpenAISettings reads it from ./.env: a service given no client still sends it
            message = (
                f"{name} is still read by {sk.LABEL} (OpenAISettings reads ./.env): a service "
                f"given no {sk.CLIENT}= sends it to OpenAI; remove it once every service is "
                f"given {provider.name}'s client (ML686)"
            )
            return message, Severity.WARNING, FixClass.MANUAL
        left = self._kept_at(name)
        if superseded and name in sdk.KEY_VARS_TO_SWITCH and (key_kept(self.ctx) or left):
            said = self._kept_advice(name).replace(
                "apply keeps " + name + " (a comment above the provider's line says why)",
                "keep " + name,
                1,
            )
            if left:  # where code apply leaves reads it (ML401 warns there)
                said += f" (read at {_places(left)})"
            return said, Severity.NOTE, FixClass.MANUAL
        picked = _openai_picked(self.ctx) if name == "OPENAI_API_KEY" else None
        if superseded and picked is not None:
            # TradingAgents picks its service by name: "openai" still reads the key (t52b D2)
            message = (
                f"{name} is read where the program picks OpenAI as its service (it picks "
                f"services by name: 'openai' in {picked}); keep it only for that choice, and "
                f"put {provider.name}'s key in {provider.api_key_env}, which this file sets"
            )
            return message, Severity.NOTE, FixClass.MANUAL
        if superseded and example:
            message = (
                f"{name} is no longer read after the migration; remove it from this example "
                f"file, which sets {provider.name}'s variable"
            )
            return message, Severity.NOTE, FixClass.MANUAL
        if superseded and name in sdk.KEY_ENV_VARS and not sets_key:
            message = (
                f"{name} is no longer read after the migration; {provider.name}'s key goes in "
                f"{provider.api_key_env}, which this file names only commented out: set it "
                f"there, and remove this line once {provider.name} works"
            )
            return message, Severity.NOTE, FixClass.MANUAL
        if superseded:
            message = (
                f"{name} is no longer read after the migration; remove it once "
                f"{provider.name} works"
            )
            return message, Severity.NOTE, FixClass.MANUAL
        owner = host_owner(self.ctx, value) if value is not None else None
        path = sdk.endpoint_path(value) if value is not None and name in BASE_VARS else None
        if path is not None and owner is not None and owner.id == self.ctx.openai.id:
            message = (
                f"{name} holds a whole endpoint (it ends in {path}), not a base URL: the code "
                f"reading it takes it as the whole URL, and {provider.base_url_env}, which apply "
                f"renames a base URL to, holds {provider.name}'s base URL without the path; "
                "left alone: change it with the code that reads it (ML401 says there), by hand"
            )
        elif value is not None and name in BASE_VARS and owner is not None and owner.azure:
            # an Azure OpenAI resource (openai<1.0's OPENAI_API_BASE with api_type "azure"):
            # the provider's variable never goes there, its URL replaces it
            if owner.id == provider.id:
                message = (
                    f"{name} points at {owner.name}, so it is left alone; migrated code reads "
                    f"{provider.base_url_env}: set that to this resource's endpoint instead"
                )
            else:
                message = (
                    f"{name} points at {owner.name}, not a server for {provider.name}; replace "
                    f"the line with {provider.base_url_env}={self.ctx.base_url} "
                    f"({provider.name}'s base URL, which migrated code reads)"
                )
        elif value is not None and name in BASE_VARS:
            message = (
                f"{name} points at a server other than OpenAI (a proxy?), so it is left alone; "
                f"migrated code reads {provider.base_url_env}: set it to that server if it "
                f"serves {provider.name}'s API"
            )
        return message, None, FixClass.MANUAL

    def _variable(self, entry: Entry) -> tuple[str, Span] | None:
        """The OpenAI variable an entry sets or names, and where to report it."""
        key, key_span = entry.key, entry.key_span
        if key is not None and key_span is not None and is_openai_var(self.ctx, key):
            return key, key_span
        value, span = entry.value, entry.value_span
        if value is None or span is None:
            return None
        name = value.split("=", 1)[0].strip()
        if ("=" in value or entry.key == "name") and is_openai_var(self.ctx, name):
            return name, span
        reference = ENV_REFERENCE.search(value)
        if reference is not None and is_openai_var(self.ctx, reference.group(1)):
            return reference.group(1), span
        return None

    def _advice(
        self, name: str, dotenv: bool, example: bool = False
    ) -> tuple[str, Severity | None, FixClass | None] | None:
        """What to say of OpenAI's variable `name` (`dotenv`: in a .env file, where `apply`
        adds the provider's key variable, commented out where programs load it, empty in an
        `example` file; elsewhere a person sets it)."""
        provider = self.ctx.provider
        if is_target(self.ctx):
            if name not in LEGACY_ENV:
                return None
            return (
                f"{name} is read only by openai<1.0; rename it to {LEGACY_ENV[name]}",
                None,
                None,
            )
        if provider is not None and name in (provider.api_key_env, provider.base_url_env):
            return None
        owner = "Azure OpenAI's" if name.startswith("AZURE_") else "OpenAI's"
        if name in sdk.KEY_ENV_VARS:
            if provider is None:
                where = "set the provider's key variable instead (pass --provider to name it)"
            elif dotenv:
                added = (
                    "it empty"
                    if example
                    else f"`{placeholder_line(provider.api_key_env)}` for you to fill in"
                )
                where = (
                    f"{provider.name} reads {provider.api_key_env} (apply adds {added}; the "
                    "OpenAI key is never copied)"
                )
            else:
                where = (
                    f"{provider.name} reads {provider.api_key_env}: set that from "
                    f"{provider.name}'s console here (the OpenAI key does not work there)"
                )
            return f"{name} is {owner} key variable; {where}", None, None
        if name in sdk.BASE_URL_ENV_VARS:
            if provider is None:
                where = "set the provider's base-URL variable instead (pass --provider to name it)"
            else:
                where = (
                    f"{provider.name} reads {provider.base_url_env} (default {self.ctx.base_url})"
                )
            return f"{name} is {owner} base-URL variable; {where}", None, None
        if name in sdk.ACCOUNT_ENV_HEADERS:
            what, header = sdk.ACCOUNT_ENV_HEADERS[name]
            target = provider.name if provider else "the provider"
            message = (
                f"{name} is OpenAI's {what} id: the openai SDK's clients given no {what}= read "
                f"it and send it as the {header} header to whatever host they call, {target} "
                "too; remove it"
            )
            return message, None, FixClass.MANUAL
        if name in self.ctx.openai.env_vars:
            where = f"{provider.name} has no equivalent, so remove it" if provider else "remove it"
            message = f"{name} is an OpenAI-only setting; {where} once the code is migrated"
            return message, None, FixClass.MANUAL
        target = provider.name if provider else "the provider"
        return (
            f"{name} is named after OpenAI; check what reads it before pointing it at {target}",
            Severity.NOTE,
            FixClass.MANUAL,
        )


def _setting(doc: ConfigDocument, entry: Entry, name: str) -> tuple[Span, str] | None:
    """Where `entry` sets `name` (its key and value: `OPENAI_KEY: ${OPENAI_KEY}`, `ENV
    OPENAI_KEY=...`; a list item `- OPENAI_KEY=...`), and the value it sets; None where it
    only refers to the variable."""
    if entry.key == name and entry.key_span is not None:
        if entry.value_span is None or entry.value is None:
            return entry.key_span, ""
        return Span(entry.key_span.start, entry.value_span.end), entry.value
    value, span = entry.value, entry.value_span
    if value is None or span is None or "=" not in value:
        return None
    before, _, after = value.partition("=")
    return (span, after) if before.strip() == name else None


def _host_reference(value: str, name: str) -> bool:
    """Whether `value` is the host's variable `name` itself (`${OPENAI_KEY}`, `$OPENAI_KEY`)."""
    return value.strip().strip("\"'") in (f"${{{name}}}", f"${name}")


def _owner(name: str) -> str:
    return "Azure OpenAI's" if name.startswith("AZURE_") else "OpenAI's"


def _openai_picked(ctx: RuleContext) -> str | None:
    """Where the project picks its services by name, OpenAI's among them
    (`RunFacts.service_names`): the first module naming OpenAI so (as shown); else None."""
    names = ctx.facts.service_names
    if not dispatches(n.name for n in names):
        return None
    return next(n.shown for n in sorted(names) if n.name.lower() in OPENAI_SERVICES)


def _crewai_through_litellm(ctx: RuleContext, route: str) -> bool:
    """Whether a module of the project imports crewAI, which hands the provider's models
    (written after `route`, as ML690 and ML503 write them) to litellm (`crewai.route_of`:
    crewAI has no route of its own for it, or not in the project's pinned crewai; t60b D4)."""
    return ctx.facts.crewai_project and "litellm_route" in crewai.route_of(ctx, route)[1]


def _crewai_model_setting(ctx: RuleContext, doc: ConfigDocument, entry: Entry, name: str) -> bool:
    """Whether `entry` sets `name`, one of the variables crewAI reads its default model from
    (`OPENAI_MODEL_NAME=...`), in a .env of a project that imports crewAI."""
    return (
        doc.kind == "dotenv"
        and ctx.facts.crewai_project
        and entry.key == name
        and name in crewai.MODEL_ENV
    )


def _places(where: list[str]) -> str:
    """`where` (module:line) as a message names them: the first three, then how many more."""
    shown = ", ".join(where[:3])
    return shown if len(where) <= 3 else f"{shown} and {len(where) - 3} more"
