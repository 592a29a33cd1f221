"""OpenAI model ids outside `model=` of SDK calls: settings that `apply` maps, and the rest.

ML201/ML202 keep the literals that reach `model=` of an OpenAI SDK call. The rules here look
at every other string literal that is an OpenAI model id (a whole token matching the
`[detect] models` of providers/openai.toml) and sort it, once per module, into

- a model setting (ML204, mapped by `apply`): a parameter default, class attribute or field,
  module constant or variable, dict entry under a model-like key, command-line option default
  or choice, environment-variable default, or an argument of a function of the same module
  that sends it as `model=` (also as the `"model"` entry of a dict spread into the request);
- a model passed to a call that is not the OpenAI SDK (ML206: a framework, left alone);
- anything else (ML205): a collection of models, a prefix check, a table keyed by model, a
  comparison. Code like that may reject the provider's models; only a person can fix it.

Prose is never a model id (`"gpt-4o continued"` is not one token), docstrings and other
expression statements are skipped, and `tiktoken.encoding_for_model("gpt-4o")` keeps its
OpenAI name (tiktoken needs it), as a framework's tokenizer parameter does
(`rules/tokenizer_calls.py`).

Where the code is: `model_sites` collects and sorts the strings (`ModelSites`, on the data of
`model_places`, the name tests of `model_names` and the helpers of `model_string_helpers`);
`model_site_rules` is the rules' base; `model_setting` (ML204), `model_elsewhere` (ML205) and
`model_foreign_call` (ML206) report.
"""

from __future__ import annotations

from migrate_llm.rules.model_elsewhere import ModelElsewhere
from migrate_llm.rules.model_foreign_call import ModelForeignCall
from migrate_llm.rules.model_setting import ModelSetting

MODEL_STRING_RULES = (ModelSetting, ModelElsewhere, ModelForeignCall)
