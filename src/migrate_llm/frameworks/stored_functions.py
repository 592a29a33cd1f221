"""Decorators that store the source of the function they decorate and later run that source
alone, without the module around it: a name the function uses must be bound inside it, so an
import that `apply` adds for code in such a function goes into the function
(`imports.add_function_imports`), even where the module imports the name too.

Knowledge of the frameworks only; each entry checked against the package's source.
"""

from __future__ import annotations

# The decorators, by the qualified name they are imported under.
# functionz (babyagi 2, github.com/yoheinakajima/babyagi at 4f4fd1f, 2024-11-06):
# babyagi/functionz/core/registration.py `register_function(metadata=None, imports=None, ...)`
# keeps `inspect.getsourcelines(func)` from the `def` line on and stores it
# (`add_function(function_name, code=function_code, imports=imports, ...)`);
# functionz/core/execution.py runs it as `exec(function_version['code'], local_scope)`, the
# scope holding only `func`, `parent_log_id`, `datetime`, the packages named in `imports=` and
# the secret keys: a module-level `import os` is not there (NameError). Reached as
# `func.register_function` (`func = Functionz()` of functionz/core/framework.py, imported by
# the packs as `from functionz.core.framework import func`, earlier `PythonFunc.core...`) and
# as babyagi's own `register_function` (babyagi/__init__.py, which calls the same one).
SOURCE_REGISTRARS: frozenset[str] = frozenset(
    {
        "functionz.core.framework.func.register_function",
        "babyagi.functionz.core.framework.func.register_function",
        "PythonFunc.core.framework.func.register_function",
        "babyagi.register_function",
    }
)
