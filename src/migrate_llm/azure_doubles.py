"""The Azure client classes a project's tests double whose construction apply leaves (ML002).

A test doubles the class a module builds its Azure client with (`patch.object(llm,
"AzureOpenAI")`). ML002 names the plain class there where apply makes that construction a
plain client (`rules/client_doubles.py`); where it leaves it for a person (an Azure key the
code hands it: MoneyPrinterTurbo's `AzureOpenAI(api_key=api_key, ...)`, t52k), the module
keeps the Azure class, and a double of the plain one let the real client connect. The second
reading of the modules a project's doubles name (`RunFacts.azure_clients_left`), with ML002's
own judgment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# larger modules are not read again: their doubles are rewritten as before
MAX_BYTES = 512 * 1024


def azure_clients_left(module: str, data: bytes, rules: RuleContext) -> set[str]:
    """The Azure client classes (`AzureOpenAI`, `AsyncAzureOpenAI`) of which ML002, run with
    `rules`, leaves a construction in the module `module` (its bytes `data`) for a person:
    the module keeps that class. Empty where it cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return set()
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return set()
    text = read[0]
    import libcst as cst

    from migrate_llm.rules.clients import AzureClient
    from migrate_llm.rules.python import check_python

    try:
        found = check_python(text, rules, (AzureClient,), path=module)
    except (cst.ParserSyntaxError, RecursionError):
        return set()
    return {
        str(f.data["client"])
        for f in found
        if f.rule == "ML002" and f.edit is None and "azure_settings" in f.data
    }
