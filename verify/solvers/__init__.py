"""The solver regression harness: numerical solvers tested against exact answers (``python -m verify solvers``).

:mod:`~verify.solvers.problem` (the variants and their LP / QP form), :mod:`~verify.solvers.truth` (answers read
from checked certificates), :mod:`~verify.solvers.store` (the SQLite store that re-checks every read),
:mod:`~verify.solvers.families`, :mod:`~verify.solvers.adapters` (one module per solver family),
:mod:`~verify.solvers.harness` and :mod:`~verify.solvers.summary` (rows, ranking, flags),
:mod:`~verify.solvers.command` (the CLI) and :mod:`~verify.solvers.plugin` (the pytest plugin, with
:mod:`~verify.solvers.exact_case`).
"""
