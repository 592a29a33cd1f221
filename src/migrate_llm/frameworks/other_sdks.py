"""The client classes of other services' own SDKs, whose requests never reach OpenAI.

A program that talks to several services builds their SDKs' clients beside OpenAI's, often
under the same name: MoneyPrinterTurbo's `with genai.Client(api_key=key) as client:
client.models.generate_content(model="gemini-...")` before `client = OpenAI(...)` in the same
function (t52k). A request shaped like the SDK's (`client.models...`) through a name whose
binding reaching it is one of these, or a `self.` attribute every write of which its instance
may hold makes one (`self.client = Groq()`, `rules/class_family.py`), is that service's, not
OpenAI's (`PythonContext.other_sdk_client`), and so is a model only such requests send
(`MODEL = "gpt-4o-mini"` sent only through `Groq()`: apply had rewritten it to the
provider's, t61e). Names as `QualifiedNameProvider` gives them.

Sources (each SDK's README or reference, read 2026-12-05):
- google-genai: `from google import genai; genai.Client(api_key=...)`, also as a context
  manager (https://googleapis.github.io/python-genai/).
- anthropic: `anthropic.Anthropic`, `AsyncAnthropic`, `AnthropicBedrock`, `AnthropicVertex`
  (https://github.com/anthropics/anthropic-sdk-python).
- cohere: `cohere.Client`, `ClientV2`, `AsyncClient`, `AsyncClientV2` (https://pypi.org/
  project/cohere/).
- mistralai (1.x): `mistralai.Mistral` (https://github.com/mistralai/client-python).
- groq: `groq.Groq`, `AsyncGroq`; together: `together.Together`, `AsyncTogether`; their
  requests look like OpenAI's (`chat.completions.create`) but go to their own services.
- zhipuai: `zhipuai.ZhipuAI`; zai-sdk: `zai.ZhipuAiClient`, `zai.ZaiClient`
  (https://github.com/zai-org/z-ai-sdk-python); ollama: `ollama.Client`, `AsyncClient`.
A provider's file names the classes of its own SDK (`[detect] sdk_clients`): with that
provider the target, they take its key (`foreign_clients`).
A class missing here only leaves its requests read as OpenAI's where the module binds the
same name to an OpenAI client too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrate_llm.registry import Provider

CLIENT_CLASSES = frozenset(
    {
        "google.genai.Client",
        "google.genai.client.Client",
        "anthropic.Anthropic",
        "anthropic.AsyncAnthropic",
        "anthropic.AnthropicBedrock",
        "anthropic.AsyncAnthropicBedrock",
        "anthropic.AnthropicVertex",
        "anthropic.AsyncAnthropicVertex",
        "cohere.Client",
        "cohere.ClientV2",
        "cohere.AsyncClient",
        "cohere.AsyncClientV2",
        "mistralai.Mistral",
        "groq.Groq",
        "groq.AsyncGroq",
        "together.Together",
        "together.AsyncTogether",
        "zhipuai.ZhipuAI",
        "zai.ZhipuAiClient",
        "zai.ZaiClient",
        "ollama.Client",
        "ollama.AsyncClient",
    }
)


def foreign_clients(qualnames: Iterable[str], provider: Provider | None) -> frozenset[str]:
    """Those of `qualnames` that are clients of another service's own SDK than `provider`'s
    (`zhipuai.ZhipuAI` unless the target is Zhipu AI, whose file names it)."""
    own = provider.sdk_clients if provider is not None else frozenset()
    return (frozenset(qualnames) & CLIENT_CLASSES) - own


@functools.cache
def class_parts(qualnames: frozenset[str]) -> frozenset[str]:
    """Every part of `qualnames` (`groq`, `Groq` of `groq.Groq`): a module naming none of
    them builds none of those clients."""
    return frozenset(part for name in qualnames for part in name.split("."))
