"""Exact solvers for shallow ReLU network problems: one module per mathematical problem.

dictionary (1-D atoms, kink coordinates) · networks (one Neuron type) · rank_one (X = c a^T) ·
interpolation (1-D min-l1 interpolation) · support (the support function of the 1-D rectified set) ·
arrangements (central and affine sign patterns) · pattern_program (programs over sign patterns) ·
joint_norm (1-D optimum with the bias inside the norm) · face_pieces (pieces over an optimal face) ·
hinge (hinge and hard-margin classification) · function_norm (R(f) of piecewise-linear f) ·
hull (vertices of the sample hull, diagonal networks) · spike_free (spike-free matrices) ·
bias_free_l1 (bias-free l1 and l0 optima) · bridge (the l_{2/L} penalty over a finite dictionary).
"""
