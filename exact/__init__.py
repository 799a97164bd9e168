"""The trusted exact core of relu-certify.

Every answer leaving this package is an exact rational (``fractions.Fraction``)
or an exact algebraic number; floats appear only as warm starts. Nothing here
imports from ``verify``.
"""
