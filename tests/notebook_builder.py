"""Notebooks written as Jupyter, VS Code and other tools write them, for tests.

Jupyter: indent 1, raw UTF-8, a final newline; VS Code: indent 4, no final newline; minified;
CRLF; `\\u` escapes (ensure_ascii); sorted keys. Cells' source as a list of lines (nbformat's
own way) or as one string.
"""

from __future__ import annotations

import json


def cell(
    source: str, kind: str = "code", outputs: list | None = None, language: str | None = None
) -> dict:
    """A cell; `language`: the language VS Code runs it in (its `languageId`)."""
    metadata: dict = {"vscode": {"languageId": language}} if language else {}
    data: dict = {"cell_type": kind, "metadata": metadata, "source": source}
    if kind == "code":
        data = {"cell_type": "code", "execution_count": None, "metadata": metadata}
        data["outputs"] = outputs or []
        data["source"] = source
    return data


def notebook(*cells: dict, as_list: bool = True, language: str | None = None) -> dict:
    """A notebook of `cells`; `language`: its kernel's (Python's when not given)."""
    body = []
    for i, c in enumerate(cells, 1):
        c = {"id": f"cell-{i}", **c}  # nbformat 4.5 cells have an id
        if as_list:
            c["source"] = c["source"].splitlines(keepends=True)
        body.append(c)
    return {
        "cells": body,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "name": "python3"}
            if language is None
            else {"display_name": language, "language": language, "name": language.lower()}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


STYLES = {
    "jupyter": lambda nb: json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
    "vscode": lambda nb: json.dumps(nb, indent=4, ensure_ascii=False),
    "minified": lambda nb: json.dumps(nb, separators=(",", ":"), ensure_ascii=False),
    "crlf": lambda nb: (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").replace("\n", "\r\n"),
    "ascii": lambda nb: json.dumps(nb, indent=2, ensure_ascii=True) + "\n",
    "sorted-keys": lambda nb: json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
}
