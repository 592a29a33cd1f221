"""What the files of a run tell the rules about the whole run.

The engine finds these while it screens the files, before any is examined, and hands them to
every rule (`RuleContext.facts`): a module that calls the openai<1.0 API reads its settings
from whichever module of the run sets them, a LlamaIndex default model no file sets is
OpenAI's, crewAI and Semantic Kernel read variables from a `.env` of the project.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

_DEFAULT_MODELS = frozenset({"llm", "embed_model"})


@dataclass(frozen=True)
class RunFacts:
    """`openai_configured`: a Python file of the run sets openai's module configuration
    (`openai.api_key = ...`). `llamaindex_unset`: the LlamaIndex default models (`llm`,
    `embed_model`) no file of the run sets (both when the run is not known: a text given
    alone). `crewai_project`: a module imports crewAI (its model variables in a .env are read
    by crewAI); `crewai_model_set`: a .env sets crewAI's default model (`MODEL=`).
    `semantic_kernel_project`: a module imports Semantic Kernel, whose OpenAI services read
    OPENAI_API_KEY from ./.env when given no client."""

    openai_configured: bool = False
    llamaindex_unset: frozenset[str] = _DEFAULT_MODELS
    crewai_project: bool = False
    crewai_model_set: bool = False
    semantic_kernel_project: bool = False

    def joined(self, found: RunFacts) -> RunFacts:
        """These facts with what screening `found` added to them."""
        return RunFacts(
            self.openai_configured or found.openai_configured,
            self.llamaindex_unset & found.llamaindex_unset,
            self.crewai_project or found.crewai_project,
            self.crewai_model_set or found.crewai_model_set,
            self.semantic_kernel_project or found.semantic_kernel_project,
        )

    @property
    def key(self) -> str:
        """The facts as a short text (part of the result cache's keys)."""
        unset = ",".join(sorted(self.llamaindex_unset))
        flags = f"{self.crewai_project:d}{self.crewai_model_set:d}{self.semantic_kernel_project:d}"
        return f"{self.openai_configured}:{unset}:{flags}"

    @classmethod
    def every(cls) -> Iterator[RunFacts]:
        """Every value the facts take."""
        unsets = [
            frozenset(c)
            for n in range(3)
            for c in itertools.combinations(("llm", "embed_model"), n)
        ]
        for configured, unset, crew, crew_model, kernel in itertools.product(
            (False, True), unsets, (False, True), (False, True), (False, True)
        ):
            yield cls(configured, unset, crew, crew_model, kernel)
