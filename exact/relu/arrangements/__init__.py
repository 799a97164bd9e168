"""Hyperplane arrangements of a finite point set, exactly: kh's sign patterns and pe's central arrangement.

* :mod:`.sign_patterns` -- the affine (kh's J) and central sign patterns with sign(0) = +1, one LP per
  pattern, with the prefix tree the ``sign-patterns`` certificate re-checks;
* :mod:`.central` -- every face of the central arrangement of the rows of X (sign(0) = 0) with an integer
  point, its regions, pe's D_i and S_X, by restriction to every flat and insertion of hyperplanes
  (:mod:`.deletion`, :mod:`.planar`), re-checked by the ``arrangement`` certificate;
* :mod:`.sampling` -- how many D_i Gaussian directions find (pe Remark 3.2).
"""

from .central import Arrangement, Face, central_arrangement, region_bound
from .sampling import sample_patterns, sampled_patterns
from .sign_patterns import (
    Exclusion,
    Matrix,
    Pattern,
    PatternTree,
    Realisation,
    affine_sign_patterns,
    central_sign_patterns,
    cover_count,
    in_general_position,
    lifted,
    pattern_of,
    pattern_tree,
    patterns_1d,
    realisations,
    realise,
    sign,
)
from .sign_patterns import _between as _between
from .sign_patterns import _realise_line as _realise_line

__all__ = ["Arrangement", "Exclusion", "Face", "Matrix", "Pattern", "PatternTree", "Realisation",
           "affine_sign_patterns", "central_arrangement", "central_sign_patterns", "cover_count",
           "in_general_position", "lifted", "pattern_of", "pattern_tree", "patterns_1d", "realisations", "realise",
           "region_bound", "sample_patterns", "sampled_patterns", "sign"]
