"""Float machinery whose answers are rigorous: brackets with exact endpoints, never a solver status.

bracket (the Bracket and the comparison rule) · intervals (outward-rounded mpmath intervals) ·
repair (exact repairs of float points) · socp (the cvxpy solve) · sups (pattern-wise bounds of
sup v^T sigma(A u + b 1)) · pattern_brackets (brackets of the infinite-width problem over sign
patterns) · joint1d (the float joint-norm program in 1-D and its exact bracket) · cutting_plane
(ep's cutting-plane algorithms).
"""

from .bracket import Bracket, Position, locate
from .intervals import DPS, enclose, exact, lower_of, norm_bounds, rational_bounds, upper_of
from .repair import ball_point, repair_box_sum, restore_equality, scale_into
from .socp import SOLVER_TOL, SOLVERS, solve
from .sups import PatternSup, ReluSup, best_breakpoint, pattern_sup, relu_argmax, relu_sup, relu_value

__all__ = ["Bracket", "Position", "locate", "DPS", "enclose", "exact", "lower_of", "norm_bounds", "rational_bounds",
           "upper_of", "ball_point", "repair_box_sum", "restore_equality", "scale_into", "SOLVER_TOL", "SOLVERS",
           "solve", "PatternSup", "ReluSup", "best_breakpoint", "pattern_sup", "relu_argmax", "relu_sup",
           "relu_value"]
