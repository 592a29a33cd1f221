"""Whether a libcst node class derives from others, without `ABCMeta`'s subclass test.

libcst's node classes are abstract base classes: `issubclass(kind, cst.CSTNode)` goes
through `ABCMeta.__subclasscheck__`, which, the first time it is asked of a class that is
not a subclass, asks again of every subclass of the base (hundreds for `CSTNode`): a
twentieth of a `check` of one file. libcst registers no virtual subclasses, so a class's
own method resolution order answers.
"""

from __future__ import annotations


def derives(kind: type, bases: type | tuple[type, ...]) -> bool:
    """`issubclass(kind, bases)` for classes that are subclasses only by inheritance."""
    mro = kind.__mro__
    if isinstance(bases, tuple):
        return any(base in mro for base in bases)
    return bases in mro
