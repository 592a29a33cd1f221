"""Where a model string stands (`Place`), the model strings the model-string rules sort
(`Site`) and the literals they start from (`Candidate`): the data `ModelSites` hands ML204,
ML205 and ML206."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.python_context import literal_value


@dataclass(frozen=True)
class Place:
    """Where a model string stands.

    kind: "setting" (ML204), "foreign" (ML206), "check" (ML205), "counter" (a token
    counter's default, which ML204 notes and leaves) or "label" (a comparison beside one with
    the program's own label, the detail: ML205 notes and leaves it).
    where: a setting's name (`entry 'model'`), the callee of a foreign call (`completion`), or
    the shape of a check: "collection", "prefix", "comparison", "table" or "other".
    detail: for settings, what follows the value (`(sent as model= on line 5)`); for a foreign
    call, the keyword; for checks, the words that show the code (`a tuple`, `.startswith(...)`).
    named: whether a model-like name (parameter, key, keyword, option, class) says it is a
    model, or the module sends it as `model=` (a class member); for a family check, whether
    the name it tests is one (`"gpt" in model`).
    test: for a family check, its kind in `model_branches.FAMILY_TESTS` ("contains" for
    `"gpt" in m`).
    """

    kind: str
    where: str
    detail: str = ""
    named: bool = False
    # a collection's members share one finding: the id of the collection; for a class's
    # members (an enum's, or settings of a class that may be one), the id of the class
    group: int = 0
    # a comparison's Comparison node, a list's, tuple's or set's node (ML205 reads them), the
    # dict display of a table key (ML204 reads its lookups: `model_lookups`)
    container: cst.CSTNode | None = None
    # for a setting that is the fallback of an OpenAI SDK call's model= (`model=m or "gpt-4o"`),
    # that call; for a foreign model, the call it is given to
    request: cst.Call | None = None
    test: str = ""
    # for a label passed to a function that only looks it up in a table keyed by OpenAI
    # model (`lookup_labels`), that table as messages show it
    table: str = ""
    # test data (ML205's note): handed by test code to the project's own code
    # (`test_code.project_call_in_test`), or a case of a parametrized test
    test_data: bool = False

    @property
    def sent(self) -> bool:
        """Whether the module sends the setting as `model=` of an OpenAI SDK call (its detail
        names the line, or it is the fallback of that call's model)."""
        return self.kind == "setting" and (bool(self.detail) or self.request is not None)


LITERAL_TYPE = "a Literal[...] type"


@dataclass(frozen=True)
class Site:
    """One model string (`node`, value `model`) and where it stands."""

    node: cst.SimpleString
    model: str
    place: Place
    env: bool = False  # the default of an environment lookup at that place
    prefix: str = ""  # `openai:` before the model in the string (`"openai:gpt-4o"`)
    listed: tuple[str, ...] = ()  # every model of `"gpt-4o,gpt-4o-mini"` (`model` is the first)
    short: bool = False  # a short name (`O1 = "o1"`) kept only as a member of a class
    methods: tuple[str, ...] = ()  # what reads it through `.lower()` and the like (in order)

    @property
    def subject(self) -> str:
        """What a setting message calls it: `entry 'model' = 'gpt-4o'`."""
        place = self.place
        written = str(literal_value(self.node)) if self.listed else self.prefix + self.model
        if self.env:
            text = f"env default {written!r} of {place.where}"
        else:
            text = f"{place.where} = {written!r}"
        return f"{text} {place.detail}" if place.detail else text


@dataclass
class Candidate:
    node: cst.SimpleString
    model: str
    exact: bool  # an OpenAI model id, not only a family prefix
    ancestors: tuple[cst.CSTNode, ...] = ()
    prefix: str = ""
    listed: tuple[str, ...] = ()
    fragment: bool = False  # a part of OpenAI's names (`-vision`: `sdk.model_fragment`)
