"""The conventions in which the papers state their problems, as values.

The papers differ in the activation (ReLU or leaky with slope alpha), the
hidden bias (absent, free, or inside the norm ||[w, b]||), the output bias,
and the weight-decay normalisation. Every check names the convention it
uses, and every report prints it.

>>> print(EP_4.describe())
ep (4): ReLU; hidden bias free; no output bias; min ||w||_1 with ||u_j||_2 <= 1 (ep Lemma 2.1: R = ||w||^2 + ||U||_F^2, no 1/2)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Convention:
    name: str
    alpha: Fraction  # leaky slope; 0 is the ReLU
    hidden_bias: str  # "free", "none" or "in-norm"
    output_bias: bool
    penalty: str

    def describe(self) -> str:
        act = "ReLU" if self.alpha == 0 else f"leaky ReLU, slope {self.alpha}"
        out = "free output bias" if self.output_bias else "no output bias"
        return f"{self.name}: {act}; hidden bias {self.hidden_bias}; {out}; {self.penalty}"


EP_4 = Convention(
    "ep (4)", Fraction(0), "free", False,
    "min ||w||_1 with ||u_j||_2 <= 1 (ep Lemma 2.1: R = ||w||^2 + ||U||_F^2, no 1/2)",
)
EP_37 = Convention(
    "ep (37)", Fraction(0), "free", False,
    "min ||w||_1 over the finite extreme-point dictionary A_e, no constant column",
)
SES_25 = Convention(
    "ses (25)", Fraction(0), "free", True,
    "C = 1/2(||w2||^2 + ||W1||_F^2) = ||w2||_1 with unit hidden weights (ses (5))",
)

EP_EXTREME = Convention(
    "ep (10)/(11)", Fraction(0), "free", False,
    "extreme points of {(A u + b 1)_+ : ||u||_2 <= 1, b in R} (proofs (25), (29) optimise over b)")
EP_ALG1 = Convention("ep (4)/(12)/(15), Algorithm 1", Fraction(0), "none", False,
                     "min ||w||_1 s.t. (A U)_+ w = y, ||u_j||_2 <= 1 (the main text drops the bias, footnote 5)")
EP_ALG3 = Convention("ep (21), Algorithm 3", Fraction(0), "free", False,
                     "min ||w||_1 s.t. (A U + 1 b^T)_+ w = y, ||u_j||_2 <= 1; dual has 1^T v = 0 (a free "
                     "constant column in the finite problem, as in exact/relu/interpolation.py)")
EP_19 = Convention("ep (19), logistic", Fraction(0), "free", False,
                   "min sum_i log(1 + exp(-y_i f(a_i))) + beta ||w||_1, |u_j| <= 1 (no 1/n, no 1/2); "
                   "free hidden bias as in (1), so constants are free (a free constant column)")
EP_18 = Convention(
    "ep (18)", Fraction(0), "free", False,
    "sum_i max(0, 1 - y_i f(a_i)) + beta ||w||_1, |u_j| <= 1, labels +-1 (no 1/n; beta on ||w||_1 only)",
)
EP_48 = Convention(
    "ep (48)", Fraction(0), "free", False,
    "min sum_j ||w_j||_2 s.t. f(A) = Y, ||u_j||_2 <= 1 (A.7 Lemma 1: ||W||_F^2 + ||U||_F^2, no 1/2); "
    "A.7.3: sum_j ||w_j||_1",
)
EP_9 = Convention("ep (9)/(22) with bias", Fraction(0), "free", False,
                  "support function sup_{|u| <= 1, b} v^T (a u + b 1)_+ of Q_A (no absolute value)")
EP_3 = Convention("ep (3)", Fraction(0), "free (unpenalised)", False,
                  "min R = ||w||_2^2 + ||U||_F^2 (no 1/2), against ep (4) and ||u_j||_2 = 1")
EP_16 = Convention("ep (16)", Fraction(0), "free", False,
                   "min 1/2 ||f - y||^2 + beta ||w||_1 with ||u_j||_2 <= 1 (free constant in the limit b -> oo)")
EP_39 = Convention("ep (39)", Fraction(0), "free", False,
                   "min beta ||w||_1 + 1/(2n) ||A_e w - y||^2 over the fixed columns A_e, no constant column")
EP_NOBIAS = Convention(
    "ep (4) without bias (footnote 5)", Fraction(0), "none", False,
    "min ||w||_1 with ||u_j||_2 <= 1; Q_A = {(A u)_+ : ||u||_2 <= 1}",
)

# --- the joint-norm conventions of issue 5 (cross.conventions) ----------------------------
PE_6 = Convention(
    "pe (6), 1-D data with the bias as a feature (Fig. 2: d = 2)", Fraction(0), "in-norm", False,
    "min sum_j |alpha_j| s.t. sum_j (X u_j)_+ alpha_j = y, ||u_j||_2 <= 1, X = [x, 1] "
    "(= lim beta^-1 p* of (2), whose weight decay carries the 1/2: beta/2 (||u_j||^2 + alpha_j^2))",
)
DDB_6 = Convention(
    "ddb (5)/(6)", Fraction(0), "in-norm", False,
    "min <V, mu> s.t. f_mu(x_i) = y_i with V(theta) = |c| ||(a, b)||_2 (variation norm, no 1/2)",
)
DDB_WD = Convention(
    "ddb (6) with weight decay", Fraction(0), "in-norm", False,
    "V(theta) = ||theta||^2 = c^2 + ||a||^2 + b^2 (no 1/2): 2 x the variation norm (AM-GM, balanced rescaling)",
)

SES_38 = Convention("ses (38)-(39)", Fraction(0), "free", False,
                    "h = int_{S^(d-1)} hat(w^T x) dw; ||alpha||_1 = int dw int db |alpha(w, b)|")
SES_49 = Convention("ses (49)", Fraction(0), "none", False,
                    "min ||alpha||_{2/L}^{2/L} s.t. A alpha = y, unit-Frobenius sub-network layers (45)")

KH_3 = Convention("kh (2)+(3)", Fraction(0), "free", False,
                  "min ||mu||_TV over W = {||w||_2 <= 1}, b free (programs (7), (11): cost sum ||w_i||_2)")
KH_8 = Convention("kh (2)+(8)", Fraction(0), "in-norm", False,
                  "min ||mu||_TV over W = {||[w, b]||_2 <= 1} (program (9): cost sum ||[w_i, b_i]||_2)")
KH_PATTERNS = Convention("kh J (Section III-A)", Fraction(1, 5), "free", False,
                         "J = {sign(sigma_alpha(X^T w + b 1))}, sign(0) = +1; any alpha > 0 (cone property: "
                         "||w|| <= lambda does not restrict J)")
SES_8 = Convention(
    "ses (8)", Fraction(0), "free", True,
    "R̄(f) = inf ||alpha||_1 over measures on {+-1} x R with h_{alpha,c} = f exactly "
    "(C = 1/2(||w2||^2 + ||W1||_F^2) = ||w2||_1 with unit hidden weights)",
)
SES_28 = Convention(
    "ses (28)", Fraction(0), "free", True,
    "min sum_n loss(h(x_n), y_n) + lambda C(theta), C = ||w2||_1 with |w1_i| = 1; squared loss (h - y)^2 "
    "(no 1/2, no 1/N), hinge max(0, 1 - y h)",
)
SES_3 = Convention(
    "ses (3)-(5)", Fraction(0), "free", True,
    "C = 1/2(||w2||^2 + ||W1||_F^2) against ||w2||_1 with ||w1_i|| = 1 (ses Lemma 1)",
)
