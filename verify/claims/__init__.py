"""The claims: one package per paper (ep, kh, ses, cross), one module per registered claim, named by its
primary id (``ep.thm-3.3`` lives in ``verify/claims/ep/thm_3_3.py``); helpers shared within a paper in
``<paper>/_shared.py``, shared between papers in ``_shared.py``; what a paper prints (its programs
as printed, its conditions) in ``<paper>/programs.py``. :func:`verify.registry.all_claims` finds the
modules itself.
"""
