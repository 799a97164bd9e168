"""The conventions in which the papers state their problems, as values.

The papers differ in the activation (ReLU or leaky with slope alpha), the hidden bias (absent,
free, or inside the norm ||[w, b]||), the output bias, and the weight-decay normalisation. The
first three are the exact problem, :class:`exact.convention.Convention` (what the builders take and
every certificate records); the paper's name and its normalisation (factors 1/2, l1 against squared
norms) complete it here. Every check names the convention it uses, and every report prints it.

>>> EP_4.name, EP_4.problem.describe()
('ep (4)', 'ReLU; hidden bias free; no output bias')
>>> PE_9.describe().split("; ")[:2]
['pe (9): linear activation phi(t) = t', 'hidden bias none']
>>> EP_4.as_json()["hidden_bias"], KH_3.with_alpha(Fraction(1, 10)).problem.alpha
('free', Fraction(1, 10))
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from exact.convention import Convention, HiddenBias


@dataclass(frozen=True)
class PaperConvention:
    """A paper's problem: its ``name`` (equation), the exact ``problem`` convention and its ``penalty``."""

    name: str
    problem: Convention
    penalty: str
    #: the activation when it is not the problem's (leaky) ReLU: pe's linear CNNs (9)-(14) have phi(t) = t
    activation: str | None = None

    def describe(self) -> str:
        problem = self.problem.describe() if self.activation is None else \
            f"{self.activation}; {self.problem.describe().split('; ', 1)[1]}"
        return f"{self.name}: {problem}; {self.penalty}"

    def with_alpha(self, alpha: Fraction) -> "PaperConvention":
        """The same statement with leaky slope ``alpha`` (kh states every program for any alpha)."""
        return replace(self, problem=replace(self.problem, alpha=Fraction(alpha)))

    def as_json(self) -> dict[str, Any]:
        extra = {"activation": self.activation} if self.activation else {}
        return {"name": self.name, **self.problem.as_json(), **extra, "penalty": self.penalty}


#: the exact problems the papers use (ReLU): hidden bias free / absent / in the norm; a free output bias
FREE, NO_BIAS, IN_NORM = (Convention(hidden_bias=h) for h in (HiddenBias.FREE, HiddenBias.NONE, HiddenBias.IN_NORM))
FREE_OUTPUT = Convention(output_bias=True)

EP_4 = PaperConvention(
    "ep (4)", FREE,
    "min ||w||_1 with ||u_j||_2 <= 1 (ep Lemma 2.1: R = ||w||^2 + ||U||_F^2, no 1/2)",
)
EP_37 = PaperConvention(
    "ep (37)", FREE,
    "min ||w||_1 over the finite extreme-point dictionary A_e, no constant column",
)
SES_25 = PaperConvention(
    "ses (25)", FREE_OUTPUT,
    "C = 1/2(||w2||^2 + ||W1||_F^2) = ||w2||_1 with unit hidden weights (ses (5))",
)

EP_EXTREME = PaperConvention(
    "ep (10)/(11)", FREE,
    "extreme points of {(A u + b 1)_+ : ||u||_2 <= 1, b in R} (proofs (25), (29) optimise over b)")
EP_ALG1 = PaperConvention(
    "ep (4)/(12)/(15), Algorithm 1", NO_BIAS,
    "min ||w||_1 s.t. (A U)_+ w = y, ||u_j||_2 <= 1 (the main text drops the bias, footnote 5)")
EP_ALG3 = PaperConvention(
    "ep (21), Algorithm 3", FREE,
    "min ||w||_1 s.t. (A U + 1 b^T)_+ w = y, ||u_j||_2 <= 1; dual has 1^T v = 0 (a free "
                     "constant column in the finite problem, as in exact/relu/interpolation.py)")
EP_19 = PaperConvention(
    "ep (19), logistic", FREE,
    "min sum_i log(1 + exp(-y_i f(a_i))) + beta ||w||_1, |u_j| <= 1 (no 1/n, no 1/2); "
                   "free hidden bias as in (1), so constants are free (a free constant column)")
EP_18 = PaperConvention(
    "ep (18)", FREE,
    "sum_i max(0, 1 - y_i f(a_i)) + beta ||w||_1, |u_j| <= 1, labels +-1 (no 1/n; beta on ||w||_1 only)",
)
EP_48 = PaperConvention(
    "ep (48)", FREE,
    "min sum_j ||w_j||_2 s.t. f(A) = Y, ||u_j||_2 <= 1 (A.7 Lemma 1: ||W||_F^2 + ||U||_F^2, no 1/2); "
    "A.7.3: sum_j ||w_j||_1",
)
EP_9 = PaperConvention(
    "ep (9)/(22) with bias", FREE,
    "support function sup_{|u| <= 1, b} v^T (a u + b 1)_+ of Q_A (no absolute value)")
EP_3 = PaperConvention(
    "ep (3)", FREE,
    "min R = ||w||_2^2 + ||U||_F^2 (no 1/2; the bias unpenalised), against ep (4) and ||u_j||_2 = 1")
EP_16 = PaperConvention(
    "ep (16)", FREE,
    "min 1/2 ||f - y||^2 + beta ||w||_1 with ||u_j||_2 <= 1 (free constant in the limit b -> oo)")
EP_39 = PaperConvention(
    "ep (39)", FREE,
    "min beta ||w||_1 + 1/(2n) ||A_e w - y||^2 over the fixed columns A_e, no constant column")
EP_NOBIAS = PaperConvention(
    "ep (4) without bias (footnote 5)", NO_BIAS,
    "min ||w||_1 with ||u_j||_2 <= 1; Q_A = {(A u)_+ : ||u||_2 <= 1}",
)

# --- pe (Pilanci & Ergen): bias-free neurons (X u)_+; a bias is a column of ones in X, so it sits in the norm ---
PE_2 = PaperConvention(
    "pe (2)", NO_BIAS,
    "min 1/2 ||sum_j (X u_j)_+ alpha_j - y||^2 + beta/2 sum_j (||u_j||^2 + alpha_j^2); no hidden bias "
    "(a bias is a column of ones in X, then it is inside ||u_j||)")
PE_8 = PaperConvention(
    "pe (8)", NO_BIAS,
    "min 1/2 ||sum_i D_i X (v_i - w_i) - y||^2 + beta sum_i (||v_i|| + ||w_i||) s.t. (2 D_i - I) X v_i >= 0, "
    "(2 D_i - I) X w_i >= 0 over every D_i = diag(1[X u >= 0])")
PE_39 = PaperConvention(
    "pe (38)/(39)", NO_BIAS,
    "min l(sum_j (X u_j)_+ alpha_j, y) + beta/2 sum_j (||u_j||^2 + alpha_j^2), l convex (hinge, absolute); "
    "(39): l(sum_i D_i X (v_i - w_i), y) + beta sum_i (||v_i|| + ||w_i||)")
PE_ARRANGEMENT = PaperConvention(
    "pe Section 3 / A.2", NO_BIAS,
    "D_i = diag(1[X u >= 0]) over every u in R^d (closed: x_i^T u = 0 gives 1; u = 0 included); "
    "H_X = {sign(X u)} (sign(0) = 0), S_X = {{i : sign(x_i^T u) = +1}}")

# pe's linear CNNs (Section 4): phi(t) = t, which exact.convention.Convention (a leaky ReLU) cannot state
PE_9 = PaperConvention(
    "pe (9)", NO_BIAS,
    "min 1/2 ||sum_k sum_j X_k u_j alpha_jk - y||^2 + beta/2 sum_j (||u_j||^2 + ||alpha_j||^2), u_j in R^h, "
    "alpha_j in R^K; patches X_k = X[:, k:k+h], k = 0..d-h (stride one, no padding); (11)/(12) in the same scale",
    activation="linear activation phi(t) = t")
PE_13 = PaperConvention(
    "pe (13)", NO_BIAS,
    "min 1/2 ||sum_j X U_j alpha_j - y||^2 + beta/2 sum_j (||u_j||^2 + ||alpha_j||^2), U_j circulant with first "
    "column (u_j, 0) in R^d, u_j in R^h, alpha_j in R^d (= (9) with X_k = X S^k P, K = d)",
    activation="linear activation phi(t) = t")
PE_14 = PaperConvention(
    "pe (14)", NO_BIAS,
    "min_{z in C^d} 1/2 ||X F z - y||^2 + beta ||z||_1 (sum of moduli), F_ab = e^{-2 pi i ab/d} (unnormalised) "
    "or F / sqrt(d) (unitary): the paper does not say which",
    activation="no network: the DFT-domain l1 problem of the linear circular CNN (13)")

# --- the joint-norm conventions of issue 5 (cross.conventions) ----------------------------
PE_6 = PaperConvention(
    "pe (6), 1-D data with the bias as a feature (Fig. 2: d = 2)", IN_NORM,
    "min sum_j |alpha_j| s.t. sum_j (X u_j)_+ alpha_j = y, ||u_j||_2 <= 1, X = [x, 1] "
    "(= lim beta^-1 p* of (2), whose weight decay carries the 1/2: beta/2 (||u_j||^2 + alpha_j^2))",
)
DDB_6 = PaperConvention(
    "ddb (5)/(6)", IN_NORM,
    "min <V, mu> s.t. f_mu(x_i) = y_i with V(theta) = |c| ||(a, b)||_2 (variation norm, no 1/2)",
)
DDB_NO_BIAS = PaperConvention(
    "ddb remark after Theorem 4.7 (V = |c| ||a||)", FREE,
    "min <V, mu> s.t. f_mu(x_i) = y_i with V(theta) = |c| ||a||: the bias is free and a = 0 neurons cost 0, so "
    "a constant is free (= ep (4) / kh (3) in 1-D with an attained free constant)",
)
DDB_22 = PaperConvention(
    "ddb (7)/(22)", IN_NORM,
    "min 1/n sum_i (f_nu(x_i) - y_i)^2 + lambda ||nu||_TV over measures on the sphere ||(a, b)|| = 1 "
    "(squared loss, no 1/2)",
)
DDB_20 = PaperConvention(
    "ddb (20)", IN_NORM,
    "min ||nu||_TV over measures on the sphere ||(a, b)|| = 1 s.t. int (a^T x_i + b)_+ dnu = y_i: (6) with "
    "V = |c| ||(a, b)|| projected to the sphere, the same value and optimal functions",
)
DDB_WD = PaperConvention(
    "ddb (6) with weight decay", IN_NORM,
    "V(theta) = ||theta||^2 = c^2 + ||a||^2 + b^2 (no 1/2): 2 x the variation norm (AM-GM, balanced rescaling)",
)
DDB_LABEL_NOISE = PaperConvention(
    "ddb (12)/(13), label noise", IN_NORM,
    "V(theta) = |c| w_b(a, b), w_b = sqrt(E_D[(a^T x + b)_+^2]), E_D the uniform average over the n data points",
)

SES_38 = PaperConvention(
    "ses (38)-(39)", FREE,
    "h = int_{S^(d-1)} hat(w^T x) dw; ||alpha||_1 = int dw int db |alpha(w, b)|")
SES_49 = PaperConvention(
    "ses (49)", NO_BIAS,
    "min ||alpha||_{2/L}^{2/L} s.t. A alpha = y, unit-Frobenius sub-network layers (45)")

KH_3 = PaperConvention(
    "kh (2)+(3)", FREE,
    "min ||mu||_TV over W = {||w||_2 <= 1}, b free (programs (7), (11): cost sum ||w_i||_2)")
KH_8 = PaperConvention(
    "kh (2)+(8)", IN_NORM,
    "min ||mu||_TV over W = {||[w, b]||_2 <= 1} (program (9): cost sum ||[w_i, b_i]||_2)")
KH_PATTERNS = PaperConvention(
    "kh J (Section III-A)", Convention(Fraction(1, 5), HiddenBias.FREE, False),
    "J = {sign(sigma_alpha(X^T w + b 1))}, sign(0) = +1; any alpha > 0 (cone property: "
                         "||w|| <= lambda does not restrict J)")
SES_8 = PaperConvention(
    "ses (8)", FREE_OUTPUT,
    "R̄(f) = inf ||alpha||_1 over measures on {+-1} x R with h_{alpha,c} = f exactly "
    "(C = 1/2(||w2||^2 + ||W1||_F^2) = ||w2||_1 with unit hidden weights)",
)
SES_28 = PaperConvention(
    "ses (28)", FREE_OUTPUT,
    "min sum_n loss(h(x_n), y_n) + lambda C(theta), C = ||w2||_1 with |w1_i| = 1; squared loss (h - y)^2 "
    "(no 1/2, no 1/N), hinge max(0, 1 - y h)",
)
SES_3 = PaperConvention(
    "ses (3)-(5)", FREE_OUTPUT,
    "C = 1/2(||w2||^2 + ||W1||_F^2) against ||w2||_1 with ||w1_i|| = 1 (ses Lemma 1)",
)
