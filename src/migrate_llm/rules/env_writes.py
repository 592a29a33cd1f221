"""ML404: a write of one of OpenAI's environment variables; and a write of an OpenAI key
variable that a test of it guards, which ML401 and ML404 rename together or leave together
(`guards`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import litellm as fw
from migrate_llm.frameworks.local_servers import local_server_key
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.env_names import (
    EnvAccess,
    EnvNames,
    NameSource,
    env_names,
    if_testing,
    switched_key_variables,
)
from migrate_llm.rules.env_read_facts import (
    direct_source,
    reads_kept,
    rename_edit,
    untraced,
    written,
)
from migrate_llm.rules.forwarded_prompts import forwarded_texts
from migrate_llm.rules.framework_classes import own_server_read
from migrate_llm.rules.issued_tokens import issuing_host
from migrate_llm.rules.key_destinations import Destination
from migrate_llm.rules.key_prompts import (
    PromptWording,
    prompt_wording,
    report_prompt,
    report_prompt_texts,
    reworded,
)
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.rewrite import requote, string_like
from migrate_llm.rules.switched_keys import switched_field
from migrate_llm.rules.test_code import in_test
from migrate_llm.rules.typed_answers import answer_destination, destination_words
from migrate_llm.rules.unread_key_writes import other_routes, proxy_routed
from migrate_llm.secrets import find_secrets, is_placeholder, mask, stand_in_words


class OpenAIEnvWrite(PythonRule):
    """A write of one of OpenAI's environment variables (`os.environ["OPENAI_API_KEY"] = x`).

    ## What it does
    Finds `os.environ[X] = v`, `os.environ.setdefault(X, v)`, `os.environ.update(X=v)` and
    `os.putenv(X, v)` where X names an `OPENAI_*` variable, directly or through a constant.

    ## Why
    The value is an OpenAI key (or URL, or setting). Writing it into the provider's variable
    instead would send the OpenAI key, or a hard-coded `sk-` key, to the provider.

    ## Fix
    Manual: set the provider's variable from the provider's console instead, and remove the
    write. Two exceptions: a statement that only writes a literal key
    (`os.environ["OPENAI_API_KEY"] = "sk-..."`, the usual notebook cell) is removed (review;
    the key is never copied, rotate it); a value a person types at run time
    (`getpass.getpass(...)`, `input(...)`, a prompt of prompt_toolkit, click, typer, rich or
    questionary: `openai_sdk.PROMPT_READERS`) is stored into the provider's variable, which
    the migrated program reads (safe), unless that key also goes somewhere apply leaves on
    OpenAI (`typed_answers`: a class or client given it, through names, session state and
    the module's functions): then the write and its prompt stay OpenAI's (manual), the
    finding naming where it goes. Its prompt, where a string literal names OpenAI's key as
    `OpenAI key`, `OpenAI API key` or `OPENAI_API_KEY`, gets the provider's name or variable (a
    finding of its own, review, also where the variable is the provider's already); one naming
    OpenAI otherwise, or whose variable apply does not rename, is left to you (a warning), so
    `check` fails until it is reworded. The prompt of Azure's key (not switched) stays.
    prompt_toolkit's `input_dialog(title, text).run()` is such a prompt (`openai_sdk.
    PROMPT_DIALOGS`: its `text` is what it asks, its `title` a text beside it). A prompt's
    text may come from its function's callers, through its parameters (`def ask(name, desc):
    input_dialog(text=f"Please enter your {desc}:").run()`, also handed on from method to
    method): a literal naming OpenAI given so in a call that also names the provider's key
    variable (`require_api_key("ACME_API_KEY", "OpenAI API key")`, self-operating-computer)
    asks for an OpenAI key that is stored as the provider's: it gets the provider's name
    there (review), or, where the answer also goes somewhere apply leaves on OpenAI, is left
    to you (a warning, manual). Beside OpenAI's variable, that name is ML401's to rename first.
    A write that a test of the same variable guards (`if not os.getenv(X):`,
    `if X not in os.environ:`, then `os.environ[X] = ...` or `setdefault` in its branches) is
    one unit with the test, so that both name the same variable: where the value is one the
    program loads (from a file, a secret store; no literal, nothing named for OpenAI), both
    name the provider's variable (review: that value must now be the provider's key); else
    both are left, with one finding here. A value that is a key field of the project whose
    default reads OpenAI's key variable (`RunFacts.openai_key_fields`: `openai_key` passed
    from `config.openai_key`), which ML401 makes read the provider's, is the provider's key
    after apply: it is stored in the provider's variable (review). So is a literal stand-in
    written in test code (`os.environ["OPENAI_API_KEY"] = "FAKE"`, no `sk-` key but stand-ins
    such as `sk-test-...`), which a test sets so that building a client does not fail: no key
    is copied (a warning, review); not in a function that also restores the value it saved
    from the variable (a fixture's save, stand-in and restore, t65e): left
    with those lines (manual), as renamed alone the stand-in stays in the provider's
    variable for every later test; nor in a module that also writes one of OpenAI's base-URL
    variables and calls litellm on its `openai/` route with a model apply leaves there
    (`base_url_write`: a test of a local proxy, `openai/my-proxy-model`, t67b): litellm reads
    both, so the key is left with that write, which apply leaves (manual). A literal
    that is no key written in OPENAI_API_KEY by a
    module none of whose requests reads it (`unread_key_writes.other_routes`: each of its
    litellm calls names a model on a route with a key of its own, `gemini/...`; it builds no
    OpenAI client, makes no request through openai's module-level client and imports no
    other framework) is a note, left as it is (maestro's litellm script, t55h); a model on
    litellm's OpenAI routes, on one falling back to OPENAI_API_KEY (`moonshot/`), with no
    route or chosen at run time keeps the error. A module that points OpenAI's base-URL
    variable at a server of its own itself (`os.environ["OPENAI_API_BASE"] =
    "http://localhost:8000/v1"`, t62a) before it builds a framework class reading it, on
    every path to that construction (`own_server_env`: written earlier at its top level, in
    its `if __name__ == "__main__":` for a class built there, in the function building
    it, or before every call of that function the module makes, none in a function;
    `framework_classes.own_server_read`), leaves that write and a stand-in key written
    beside it (no key-shaped text: `"empty"`) as they are, notes: those classes talk to that
    server (ML601 leaves them). Where only other modules' clients may read it (a test
    pointing the project's clients at a mock server), or each class is built before the
    write or without it (FastChat's `test_chain()`, which pytest calls without its
    `__main__` write: the review of session 62), the writes are reported as before. A
    key only such a server takes (`local_servers`: "EMPTY") is called a stand-in key, not an
    OpenAI key.
    """

    code = "ML404"
    name = "openai-env-write"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            'import os\nos.environ["OPENAI_API_KEY"] = settings.openai_key\n',
            provider="acme",
            message="sets OPENAI_API_KEY: the value is an OpenAI key and is not copied to "
            "ACME_API_KEY; set ACME_API_KEY from Acme Cloud's console instead",
            after='import os\nos.environ["OPENAI_API_KEY"] = settings.openai_key\n',
        ),
        Example(
            'import os\nos.environ.setdefault("OPENAI_API_KEY", "sk-0123456789abcdefghij")\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a hard-coded key (sk-01…ij): apply removes the line "
            "(the key is not copied to ACME_API_KEY); set ACME_API_KEY from Acme Cloud's "
            "console instead, and rotate the key",
            after="import os\n",
        ),
        Example(
            'import os\nos.environ["OPENAI_API_KEY"] = "sk-0123456789abcdefghij"\nprint(os.sep)\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a hard-coded key (sk-01…ij): apply removes the line "
            "(the key is not copied to ACME_API_KEY); set ACME_API_KEY from Acme Cloud's "
            "console instead, and rotate the key",
            after="import os\nprint(os.sep)\n",
        ),
        Example(
            'import getpass, os\nos.environ["OPENAI_API_KEY"] = getpass.getpass("API key: ")\n',
            provider="acme",
            message="stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, "
            "which the migrated program reads",
            after='import getpass, os\nos.environ["ACME_API_KEY"] = getpass.getpass("API key: ")\n',
        ),
        Example(
            'import os\n\nif not os.getenv("OPENAI_API_KEY"):\n'
            '    os.environ["OPENAI_API_KEY"] = open("key.txt").read()\n',
            provider="acme",
            message="sets OPENAI_API_KEY where the test on line 3 reads it: both name "
            'ACME_API_KEY now, so what is stored here (open("key.txt").read()) must be Acme '
            "Cloud's key",
        ),
        Example(
            'import os\n\nif "OPENAI_API_KEY" not in os.environ:\n'
            '    os.environ["OPENAI_API_KEY"] = settings.openai_key\n',
            provider="acme",
            message="sets OPENAI_API_KEY where the test on line 3 reads it: the value is an "
            "OpenAI key and is not copied to ACME_API_KEY, and the test keeps OPENAI_API_KEY "
            "with it; set ACME_API_KEY from Acme Cloud's console instead, then point both at "
            "it, by hand",
        ),
        # t65e: canopy's fixture saves, replaces and restores it: the three lines stay together
        # (tests/test_fixture_key_restore.py has the messages)
        Example(
            "import os\n\nimport pytest\n\n\n@pytest.fixture()\ndef bad_api_key():\n"
            '    before = os.environ.pop("OPENAI_API_KEY", None)\n'
            '    os.environ["OPENAI_API_KEY"] = "bad key"\n'
            "    yield\n"
            '    os.environ["OPENAI_API_KEY"] = before\n',
            provider="acme",
            path="tests/test_llm.py",
            after="import os\n\nimport pytest\n\n\n@pytest.fixture()\ndef bad_api_key():\n"
            '    before = os.environ.pop("OPENAI_API_KEY", None)\n'
            '    os.environ["OPENAI_API_KEY"] = "bad key"\n'
            "    yield\n"
            '    os.environ["OPENAI_API_KEY"] = before\n',
        ),
        # nano-graphrag's tests/test_rag.py sets it at its top (t52c)
        Example(
            'import os\n\n\ndef test_reply():\n    os.environ["OPENAI_API_KEY"] = "FAKE"\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a stand-in key in test code: it goes to ACME_API_KEY, "
            "which the clients apply moves to Acme Cloud read (no key is copied)",
            after='import os\n\n\ndef test_reply():\n    os.environ["ACME_API_KEY"] = "FAKE"\n',
        ),
        # t67b: RD-Agent's test of its local proxy through litellm's openai/ route, which
        # reads both variables: the stand-in stays with the URL apply leaves
        Example(
            "import os\n\nfrom litellm import completion\n\n\n"
            "def test_proxy():\n"
            '    os.environ["OPENAI_API_KEY"] = "sk-1234"\n'
            '    os.environ["OPENAI_API_BASE"] = "http://localhost:4000"\n'
            '    completion(model="openai/my-proxy-model", messages=[])\n',
            provider="acme",
            path="tests/test_proxy.py",
            message="sets OPENAI_API_KEY to a stand-in key in test code beside the URL the "
            "module writes in OPENAI_API_BASE (line 8), which apply leaves: the module's litellm "
            "calls on the openai/ route, which apply leaves too, read both, so the key is left "
            "with it; move them to ACME_API_KEY and ACME_BASE_URL together, by hand",
            after="import os\n\nfrom litellm import completion\n\n\n"
            "def test_proxy():\n"
            '    os.environ["OPENAI_API_KEY"] = "sk-1234"\n'
            '    os.environ["OPENAI_API_BASE"] = "http://localhost:4000"\n'
            '    completion(model="openai/my-proxy-model", messages=[])\n',
        ),
        Example(
            "import os\n\nfrom litellm import completion\n\n"
            'os.environ["OPENAI_API_KEY"] = "YOUR OPENAI API KEY"\n'
            'completion(model="gemini/gemini-1.5-flash", messages=[])\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a literal that is no key, and no request of this "
            "module reads it: its litellm models go on gemini/, each route with a key of its "
            "own; left as it is",
        ),
        Example('import os\nos.environ["DB_URL"] = "sqlite://"\n', finds=False),
        # t62a: FastChat's test of its own server through LangChain
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'if __name__ == "__main__":\n'
            '    os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
            '    os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
            '    print(ChatOpenAI().invoke("hi"))\n',
            provider="acme",
            message="sets OPENAI_API_BASE to http://localhost:8000/v1, a server of the "
            "program's own, not OpenAI: the classes reading it talk to that server; left as "
            "it is",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'if __name__ == "__main__":\n'
            '    os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
            '    os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
            '    print(ChatOpenAI().invoke("hi"))\n',
        ),
        Example(
            'import os\n\nos.environ["OPENAI_API_KEY"] = "EMPTY"\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a stand-in key, not an OpenAI key (only a server "
            "of one's own takes it): it is not copied to ACME_API_KEY; set ACME_API_KEY from "
            "Acme Cloud's console instead",
        ),
        # aider's Copilot token exchange: GitHub issues the token, for Copilot's endpoint
        Example(
            "import os\n\nimport requests\n\n\ndef refresh(headers):\n"
            '    res = requests.get("https://tokens.example.org/v2/token", headers=headers)\n'
            '    token = res.json().get("token")\n'
            '    os.environ["OPENAI_API_KEY"] = token\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a token the program gets from tokens.example.org at "
            "run time: that service's, for its own endpoint, not an OpenAI key; left as it is",
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        if "openai" not in self.ctx.text.lower():
            return
        names = env_names(self.ctx)
        provider_key = self.provider.api_key_env if self.provider else None
        for access in names.accesses:
            if access.kind != "write":
                continue
            for source in names.openai_sources(access):
                self._write(names, access, source)
            if provider_key in access.names and (prompt := names.is_prompt(access.value)):
                self._prompt(prompt, renamed=True)  # still there after `apply`
        # a prompt's text given beside the provider's key variable: a module naming it
        if provider_key is not None and self.ctx.rules.switching and provider_key in self.ctx.text:
            for call in names.calls:
                if names.prompt_call(call):
                    self._forwarded(call, provider_key)

    def _write(self, names: EnvNames, access: EnvAccess, source: NameSource) -> None:
        provider = self.provider
        name = source.value
        target = provider.name if provider else "the provider"
        prompt = names.is_prompt(access.value)
        guard = guards(self.ctx).get(id(access.node))
        if guard is not None and (prompt is None or not guard.renamed):
            self._guarded(access, source, guard)
            return
        if name in sdk.KEY_VARS_TO_SWITCH:
            key_env = provider.api_key_env if provider else "the provider's key variable"
            if prompt is not None:
                edit = None
                switched = name in switched_key_variables(self.ctx.rules)
                renamed = switched and provider is not None and self.ctx.rules.switching
                renamed = renamed and not written(names, source)
                left = answer_destination(self.ctx, prompt) if renamed else None
                if left is not None:
                    self._answer_left(access, name, left)
                    return
                if renamed:
                    if isinstance(source.node, cst.Name):
                        edit = Edit(self.ctx.span(source.node), key_env)
                    elif isinstance(source.node, cst.SimpleString):
                        text = requote(source.node, key_env)
                        edit = Edit(self.ctx.span(source.node), text) if text else None
                fix = FixClass.SAFE if edit is not None else FixClass.MANUAL
                goes = f"it goes to {key_env}, which the migrated program reads"
                if not switched:
                    goes = (
                        f"Azure OpenAI's key, not switched to {key_env} (a client left on Azure "
                        f"OpenAI would get {target}'s key): store it there where the code talks "
                        f"to {target}, by hand"
                    )
                self.report(
                    access.node,
                    f"stores a key typed at run time in {name}; {goes}",
                    severity=Severity.WARNING,
                    fix=fix,
                    edit=edit,
                )
                if switched:  # the key typed there is the provider's
                    self._prompt(prompt, renamed=edit is not None)
                return
            value = self.ctx.code(access.value) if access.value is not None else ""
            secrets = find_secrets(value)
            hard = f" to a hard-coded key ({mask(secrets[0].group(0))})" if secrets else ""
            console = f"{provider.name}'s console" if provider else "the provider's console"
            removal = None
            literal = access.value is not None and string_value(access.value) is not None
            if secrets and self.ctx.rules.switching and literal:
                removal = self._removal(names, access)
            field = switched_field(self.ctx, access.value) if access.value is not None else None
            if field is not None and not secrets:
                self._switched(names, access, source, field)
                return
            if removal is not None:
                self.report(
                    access.node,
                    f"sets {name}{hard}: apply removes the line (the key is not copied to "
                    f"{key_env}); set {key_env} from {console} instead, and rotate the key",
                    fix=FixClass.REVIEW,
                    edit=removal,
                    data={"variable_from": name, "variable_to": None},
                )
                return
            if literal and not secrets and self._own_server_key(access, name):
                return
            if literal and self._test_stand_in(names, access, source, secrets):
                return
            issuer = None if access.value is None else issuing_host(self.ctx, access.value)
            if issuer is not None:
                self.report(
                    access.node,
                    f"sets {name} to a token the program gets from {issuer} at run time: "
                    f"that service's, for its own endpoint, not an OpenAI key; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                return
            if literal and not secrets and self._unread(access, name):
                return
            said = f"sets {name}{hard}: the value is an OpenAI key and is not copied to"
            if access.value is not None and local_server_key(string_value(access.value) or ""):
                # FastChat's "EMPTY" (t62a): no key of OpenAI's, which refuses it
                said = (
                    f"sets {name} to a stand-in key, not an OpenAI key (only a server of "
                    "one's own takes it): it is not copied to"
                )
            self.report(access.node, f"{said} {key_env}; set {key_env} from {console} instead")
        elif name in sdk.BASE_URL_VARS_TO_SWITCH:
            url_env = provider.base_url_env if provider else "the provider's base-URL variable"
            default = f" (default {provider.base_url})" if provider else ""
            own = own_server_read(self.ctx)
            url = string_value(access.value) if access.value is not None else None
            if own is not None and url is not None and name == own.variable:
                self.report(
                    access.node,
                    f"sets {name} to {url}, a server of the program's own, not OpenAI: the "
                    "classes reading it talk to that server; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                    data={"own_server": url},
                )
                return
            self.report(
                access.node,
                f"sets {name}: the value is not copied to {url_env}{default}; set "
                f"{url_env} yourself if this URL is meant for {target}",
                severity=Severity.WARNING,
            )
        else:
            self.report(
                access.node,
                f"sets {name}, an OpenAI-only setting; {target} has no equivalent: remove it",
                severity=Severity.WARNING,
            )

    def _own_server_key(self, access: EnvAccess, name: str) -> bool:
        """Report a literal that is no key written in OpenAI's key variable by a module that
        points OpenAI's base-URL variable at a server of its own that a class it builds
        reads (`own_server_read`: FastChat's
        `os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"` beside
        `os.environ["OPENAI_API_KEY"] = "empty"`, t62a): that server's stand-in, left as it
        is (a note; moved to the provider's variable, it replaced the user's key in the
        process). False (nothing reported) otherwise."""
        own = own_server_read(self.ctx)
        if own is None or name not in sdk.KEY_VARS_TO_SWITCH:
            return False
        self.report(
            access.node,
            f"sets {name} to a stand-in key for the server the module points "
            f"{own.variable} at ({own.url}, {self.ctx.line_label(own.line)}), not OpenAI; "
            "left as it is",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"own_server": own.url},
        )
        return True

    def _unread(self, access: EnvAccess, name: str) -> bool:
        """Report a literal that is no key written in OpenAI's key variable where no request
        of the module reads that variable (`other_routes`: maestro's litellm script, whose
        models are all on `gemini/`): a note, left as it is. False (nothing reported)
        otherwise."""
        routes = other_routes(self.ctx) if name == fw.OPENAI_KEY_VAR else None
        if routes is None:
            return False
        named = ", ".join(f"{route}/" for route in routes)
        self.report(
            access.node,
            f"sets {name} to a literal that is no key, and no request of this module reads it: "
            f"its litellm models go on {named}, each route with a key of its own; left as it is",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"variable_from": name, "routes": list(routes)},
        )
        return True

    def _answer_left(self, access: EnvAccess, name: str, left: Destination) -> None:
        """A key typed at run time stored in OpenAI's key variable that also goes somewhere
        apply leaves on OpenAI (`answer_destination`): stored in the provider's variable, with
        its prompt asking for the provider's key, that key would go there; both are left."""
        provider = self.provider
        assert provider is not None
        self.report(
            access.node,
            f"stores a key typed at run time in {name}; not switched: that key also goes to "
            f"{destination_words(self.ctx, left)}: asked for {provider.name}'s key and stored in "
            f"{provider.api_key_env}, it would go there too; point that at {provider.name}, "
            f"then apply stores it in {provider.api_key_env}, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )

    def _test_stand_in(
        self,
        names: EnvNames,
        access: EnvAccess,
        source: NameSource,
        secrets: list[re.Match[str]],
    ) -> bool:
        """Report a write of a literal stand-in for OpenAI's key in test code
        (`stand_in_rename`): it goes to the provider's variable, which the migrated code reads
        (review); no key is copied. False (nothing reported) where apply leaves it."""
        provider, name = self.provider, source.value
        edit = stand_in_rename(self.ctx, names, access, source, secrets)
        if provider is None:
            return False
        if edit is None:
            if self._beside_base_url(names, access, source, secrets):
                return True
            edit_free = stand_in_rename(self.ctx, names, access, source, secrets, restores=False)
            back = restored(self.ctx, names, access, name) if edit_free is not None else None
            if back is None:
                return False
            line = self.ctx.line_label(self.ctx.position(back.node)[0][0])
            self.report(
                access.node,
                f"sets {name} to a stand-in key in test code, in a function that also sets it "
                f"back ({line}): left with the lines that save and restore it, as renamed alone "
                f"the stand-in would stay in {provider.api_key_env} for every later test; move "
                f"them to {provider.api_key_env} together, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"variable_from": name, "variable_to": provider.api_key_env},
            )
            return True
        self.report(
            access.node,
            f"sets {name} to a stand-in key in test code: it goes to {provider.api_key_env}, "
            f"which the clients apply moves to {provider.name} read (no key is copied)",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=edit,
            data={"variable_from": name, "variable_to": provider.api_key_env},
        )
        return True

    def _beside_base_url(
        self,
        names: EnvNames,
        access: EnvAccess,
        source: NameSource,
        secrets: list[re.Match[str]],
    ) -> bool:
        """Report a literal stand-in for OpenAI's key in test code that a write of OpenAI's
        base-URL variable in the module keeps (`base_url_write`): left with that write, as
        the litellm call reading the URL there reads the key beside it (a warning, manual).
        False (nothing reported) where there is no such write or the stand-in is not one
        apply would move otherwise."""
        provider, name = self.provider, source.value
        base = base_url_write(self.ctx, names)
        if provider is None or base is None:
            return False
        if stand_in_rename(self.ctx, names, access, source, secrets, base_urls=False) is None:
            return False
        variable = names.openai_sources(base)[0].value
        line = self.ctx.line_label(self.ctx.position(base.node)[0][0])
        self.report(
            access.node,
            f"sets {name} to a stand-in key in test code beside the URL the module writes in "
            f"{variable} ({line}), which apply leaves: the module's litellm calls on the "
            f"openai/ route, which apply leaves too, read both, so the key is left with it; "
            f"move them to {provider.api_key_env} and {provider.base_url_env} together, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"variable_from": name, "variable_to": None, "base_url_variable": variable},
        )
        return True

    def _switched(self, names: EnvNames, access: EnvAccess, source: NameSource, field: str) -> None:
        """A write of OpenAI's key variable whose value is a key field of the project that
        ML401 makes read the provider's (`switched_field`): after apply it holds the
        provider's key, so it is stored in the provider's variable, which migrated code reads
        (review); left where the variable is named through a constant or loop, or not
        switched."""
        provider, name = self.provider, source.value
        assert provider is not None
        key_env = provider.api_key_env
        value = self.snippet(access.value) if access.value is not None else ""
        edit = None
        if (
            self.ctx.rules.switching
            and name in switched_key_variables(self.ctx.rules)
            and direct_source(names, access) is source
        ):
            edit = rename_edit(self.ctx, source.node, key_env)
        said = (
            f"sets {name} to `{value}`, which holds {field}, whose default apply makes read "
            f"{key_env}"
        )
        if edit is None:
            self.report(
                access.node,
                f"{said}; store it in {key_env}, which migrated code reads, by hand",
                data={"variable_from": name, "variable_to": None},
            )
            return
        self.report(
            access.node,
            f"{said}: it goes to {key_env}, which migrated code reads; it must be "
            f"{provider.name}'s key",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=edit,
            data={"variable_from": name, "variable_to": key_env},
        )

    def _guarded(self, access: EnvAccess, source: NameSource, guard: Guard) -> None:
        """A write of an OpenAI key variable that a test of it guards (see `Guard`): with a
        key the program loads, renamed with the test (the variable must then hold the
        provider's key, the value needs a look); else left with it (manual)."""
        provider, name = self.provider, source.value
        key_env = provider.api_key_env if provider else "the provider's key variable"
        test = self.ctx.line_label(self.ctx.position(guard.reads[0].node)[0][0])
        data: dict[str, object] = {"variable_from": name}
        if not guard.renamed:
            console = f"{provider.name}'s console" if provider else "the provider's console"
            self.report(
                access.node,
                f"sets {name} where the test on {test} reads it: the value is an OpenAI key and "
                f"is not copied to {key_env}, and the test keeps {name} with it; set {key_env} "
                f"from {console} instead, then point both at it, by hand",
                data=data,
            )
            return
        edit = None
        if provider is not None and self.ctx.rules.switching:
            edit = rename_edit(self.ctx, source.node, key_env)
            data["variable_to"] = key_env
        value = self.snippet(access.value) if access.value is not None else ""
        target = f"{provider.name}'s key" if provider else "the provider's key"
        self.report(
            access.node,
            f"sets {name} where the test on {test} reads it: both name {key_env} now, so what "
            f"is stored here ({value}) must be {target}",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=edit,
            data=data,
        )

    def _removal(self, names: EnvNames, access: EnvAccess) -> Edit | None:
        """An edit deleting the statement that only writes a literal key
        (`os.environ["OPENAI_API_KEY"] = "sk-..."`), or None for any other shape."""
        statement = next(
            (
                a
                for a in (access.node, *names.ancestors(access.node))
                if isinstance(a, cst.BaseSmallStatement)
            ),
            None,
        )
        if isinstance(statement, cst.Assign):
            only = len(statement.targets) == 1 and statement.value is access.value
        elif isinstance(statement, cst.Expr):
            only = statement.value is access.node
        else:
            only = False
        return self.remove_statement(statement) if only and statement is not None else None

    def _prompt(self, prompt: cst.Call, renamed: bool) -> None:
        """The prompt of a key stored in the provider's variable, where it names OpenAI
        (`report_prompt`): reworded where the variable is renamed (`renamed`), else left to
        a person with the write."""
        wording = prompt_wording(self.ctx, prompt) if self.ctx.rules.switching else None
        if wording is not None:
            report_prompt(self, wording, editable=renamed)
        report_prompt_texts(self, prompt, editable=renamed)

    def _forwarded(self, prompt: cst.Call, key_env: str) -> None:
        """A text naming OpenAI that a call gives `prompt` through the parameters of the
        module's functions (`forwarded_texts`), beside the provider's key variable, which the
        answer is then stored in (`require_api_key("DASHSCOPE_API_KEY", "OpenAI API key")`):
        reworded (`report_prompt`) where the answer goes nowhere apply leaves on OpenAI
        (`answer_destination`), else left to a person, naming where it goes."""
        ctx = self.ctx
        provider = self.provider
        assert provider is not None
        line = ctx.line_label(ctx.position(prompt)[0][0])
        for text in forwarded_texts(ctx, prompt):
            value = string_value(text.node)
            if value is None or "openai" not in value.lower() or not text.beside(key_env):
                continue
            left = answer_destination(ctx, prompt)
            stored = f"the key typed there is stored as {key_env}, named beside it"
            shown = f"on {line} (its text given here: {value.strip()!r})"
            if left is not None:
                self.report(
                    text.node,
                    f"the prompt {shown} asks for an OpenAI key; {stored}, and it also goes to "
                    f"{destination_words(ctx, left)}: one key cannot serve both; point that one "
                    f"at {provider.name} and make the prompt ask for {article(provider.name)} "
                    f"{provider.name} key, by hand",
                    severity=Severity.WARNING,
                )
                continue
            new = reworded(value, provider)
            written = string_like(text.node, new) if new is not None else None
            report_prompt(self, PromptWording(text.node, shown, written), sent=stored)


@dataclass(frozen=True)
class Guard:
    """A test reading an OpenAI key variable (`if not os.getenv(X):`, `if X not in
    os.environ:`) and the writes of that variable in its branches (`os.environ[X] =
    load()`): one unit, renamed together (`renamed`) or left together."""

    reads: tuple[EnvAccess, ...]
    writes: tuple[EnvAccess, ...]
    renamed: bool


def guards(ctx: PythonContext) -> dict[int, Guard]:
    """The guards of the module (see `Guard`), by the id of each of their accesses' nodes.
    A write of a literal key is not guarded (ML404 removes it: the test alone is left), nor
    are the accesses where a raw request to OpenAI with a key not traced may send the key
    (ML401 and ML404 leave both)."""
    found = ctx.analyses.get(guards)
    if found is None:
        found = ctx.analyses[guards] = _find_guards(ctx)
    return cast(dict[int, Guard], found)


def _find_guards(ctx: PythonContext) -> dict[int, Guard]:
    names, raw = env_names(ctx), raw_http(ctx)
    switched = switched_key_variables(ctx.rules)
    tests: dict[tuple[int, str], tuple[cst.If, list[EnvAccess]]] = {}
    for access in names.accesses:
        source = direct_source(names, access)
        if access.kind != "read" or source is None or source.value not in switched:
            continue
        test = if_testing(names, access.node)
        if test is not None:
            tests.setdefault((id(test), source.value), (test, []))[1].append(access)
    found: dict[int, Guard] = {}
    if not tests:
        return found
    # the writes of each tested variable, by where they start: each test's branches are
    # searched by bisection (a search of every access for each test was quadratic)
    tested = {variable for _, variable in tests}
    placed: dict[str, list[tuple[int, int, int, EnvAccess]]] = {}
    for i, w in enumerate(names.accesses):
        if (
            w.kind == "write"
            and (source := direct_source(names, w)) is not None
            and source.value in tested
        ):
            span = ctx.span(w.node)
            placed.setdefault(source.value, []).append((span.start, i, span.end, w))
    starts: dict[str, list[int]] = {}
    for variable, entries in placed.items():
        entries.sort(key=lambda e: (e[0], e[1]))
        starts[variable] = [e[0] for e in entries]
    for (_, variable), (test, reads) in tests.items():
        start, end = ctx.span(test.test).end, ctx.span(test).end
        entries = placed.get(variable, [])
        first = bisect.bisect_left(starts.get(variable, []), start)
        last = bisect.bisect_right(starts.get(variable, []), end)
        inside = sorted(e[1:] for e in entries[first:last] if e[2] <= end)
        writes = tuple(w for _, _, w in inside if not _literal_key(w))
        if all(names.is_prompt(w.value) for w in writes):
            continue  # none, or typed at run time: the provider's key (ML404 renames them)
        if any(untraced(ctx, raw, names, r) for r in reads):
            continue
        if reads_kept(ctx, names, reads, variable):
            continue  # the test is left (ML401), so is the write (ML404)
        renamed = all(_loaded(ctx, names, w) for w in writes)
        guard = Guard(tuple(reads), writes, renamed)
        for access in (*reads, *writes):
            found[id(access.node)] = guard
    return found


def _literal_key(write: EnvAccess) -> bool:
    """Whether a write stores a literal holding a key (ML404 removes such a statement)."""
    value = string_value(write.value) if write.value is not None else None
    return value is not None and bool(find_secrets(value))


def _loaded(ctx: PythonContext, names: EnvNames, write: EnvAccess) -> bool:
    """Whether a write stores a key the program loads (from a file, a secret store, its
    settings) or a person types, not one the code shows to be OpenAI's: no literal, nothing
    named for OpenAI (`settings.openai_api_key`). Renamed with its test, it stores the key
    the provider's variable must then hold."""
    value = write.value
    if value is None or names.is_prompt(value) is not None:
        return value is not None
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return False
    return "openai" not in ctx.code(value).lower()


def _saved(
    ctx: PythonContext, names: EnvNames, value: cst.BaseExpression | None, name: str
) -> bool:
    """Whether `value` is a name bound once to a read (or removal) of `name`."""
    bound = ctx.bound_value(value) if isinstance(value, cst.Name) else None
    if bound is None:
        return False
    read = names.by_node.get(id(bound))
    return read is not None and read.kind == "read" and name in read.names


def stand_in_rename(
    ctx: PythonContext,
    names: EnvNames,
    access: EnvAccess,
    source: NameSource,
    secrets: list[re.Match[str]] | None = None,
    restores: bool = True,
    base_urls: bool = True,
) -> Edit | None:
    """The rename into the provider's key variable of a write of a literal stand-in for
    OpenAI's key in test code (`"FAKE"`, `"sk-test-..."`: no key-shaped text but stand-ins,
    `secrets`), which the test sets so that building a client does not fail (ML404); None
    where apply leaves the write (not such a literal, named through a constant or loop, not
    switched, set back in its function: `restored`, `restores=False` asks without that; or
    written beside OpenAI's base-URL variable for a litellm call apply leaves on its OpenAI
    route: `base_url_write`, `base_urls=False` asks without that).
    ML401 renames the test's removal of the variable with it."""
    provider, name = ctx.rules.provider, source.value
    if access.kind != "write" or access.value is None:
        return None
    if string_value(access.value) is None:
        return None
    if secrets is None:
        secrets = find_secrets(ctx.code(access.value))
    if (
        provider is None
        or not ctx.rules.switching
        or name not in switched_key_variables(ctx.rules)
        or direct_source(names, access) is not source
        or not all(is_placeholder(s) or stand_in_words(s) for s in secrets)
        or not in_test(ctx, ctx.ancestors(access.node))
        or own_server_read(ctx) is not None  # that server's stand-in: left
        or (base_urls and base_url_write(ctx, names) is not None)  # the URL's stand-in: left
        or (restores and restored(ctx, names, access, name) is not None)
    ):
        return None
    return rename_edit(ctx, source.node, provider.api_key_env)


def base_url_write(ctx: PythonContext, names: EnvNames) -> EnvAccess | None:
    """The first write of one of OpenAI's base-URL variables in a module that also calls
    litellm on its OpenAI route with a model apply leaves there (`proxy_routed`:
    `os.environ["OPENAI_API_BASE"] = "http://localhost:4000"` and
    `completion(model="openai/my-proxy-model")`, RD-Agent's test of its local proxy, t67b):
    litellm sends that call the stand-in key the module writes to that URL, which apply
    leaves (ML404), so the key is left with it. None otherwise: the clients of other modules
    a test points at a mock server this way read the provider's variables once applied."""
    if not proxy_routed(ctx):
        return None
    return next(
        (
            access
            for access in names.accesses
            if access.kind == "write"
            and any(s.value in sdk.BASE_URL_VARS_TO_SWITCH for s in names.openai_sources(access))
        ),
        None,
    )


def restored(ctx: PythonContext, names: EnvNames, access: EnvAccess, name: str) -> EnvAccess | None:
    """The first other write of `name`, in the function around the stand-in write `access`,
    that restores the value saved from it (a fixture's `before = os.environ.pop(X, None)`, the
    stand-in, then `os.environ[X] = before`, t65e): renamed alone, the stand-in stays in the
    provider's variable for every later test, so all are left together (ML401 and ML404 name
    the others); None where there is none."""
    scope = next(
        (n for n in reversed(ctx.ancestors(access.node)) if isinstance(n, cst.FunctionDef)), None
    )
    if scope is None:
        return None
    return next(
        (
            other
            for other in names.accesses
            if other is not access
            and other.kind == "write"
            and name in other.names
            and _saved(ctx, names, other.value, name)
            and scope in ctx.ancestors(other.node)
        ),
        None,
    )


def stand_ins_elsewhere(
    ctx: PythonContext, names: EnvNames, removal: EnvAccess, name: str
) -> tuple[list[str], list[str]]:
    """Where other test modules of the project write a stand-in in `name` that ML404 renames,
    and where one it leaves (`RunFacts.stand_in_writes`, module:line each), for a removal of
    `name` in test code (`del os.environ[X]`, `pop`) in a module writing `name` nowhere
    itself: quivr's conftest.py sets it for every test and one test deletes it (t67c);
    renamed alone, the write left the removal to raise KeyError. Both empty otherwise."""
    if (
        not ctx.rules.switching
        or name not in switched_key_variables(ctx.rules)
        or not in_test(ctx, ctx.ancestors(removal.node))
        or any(
            a.kind == "write" and any(s.value == name for s in names.openai_sources(a))
            for a in names.accesses
        )
    ):
        return [], []
    writes = sorted(w for w in ctx.rules.facts.stand_in_writes if w.variable == name)
    return [w.where for w in writes if w.renamed], [w.where for w in writes if not w.renamed]
