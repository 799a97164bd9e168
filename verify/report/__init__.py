"""Appendix-style reports of a run: Markdown, LaTeX/PDF, plots and VIPR exports (:mod:`verify.report.write`).

The checks record what to show (values, figures: :mod:`verify.report.figures`); the report is rendered from
the results JSON alone, so ``python -m verify report --from results.json`` gives the same report again.
"""
