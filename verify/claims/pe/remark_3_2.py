"""pe.remark-3.2: (8) over sampled patterns D_i = diag(1[X u_i >= 0]), u_i ~ N(0, I), gives an upper bound, and the
bounds approach the optimum as samples grow.

Convention pe (8), squared loss, no hidden bias (a bias is a ones column, case ``bias``). For k = 2, 4, ...,
1024 Gaussian directions (seeded) the distinct patterns they meet
(:func:`exact.relu.arrangements.sample_patterns`) define a restricted (8); its solution, made exactly
feasible, is an upper bound of p(8) = p*(2) (:func:`verify.numeric.cone_program.restricted_upper`). Each is
certified as kind cone-program-bracket with the dual of the full bracket, so the checker re-verifies every
sampled upper end against the same certified lower end. The relative excess over the full bracket's upper
end is the table Remark 3.2 promises ("works extremely well").
"""

from __future__ import annotations

from cases import Case
from exact.certificates.cone_program_bracket import cone_program_certificate
from exact.relu.arrangements import sample_patterns

from ...context import Context
from ...conventions import PE_8
from ...numeric.cone_program import restricted_upper
from ...registry import claim
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, Draft
from .._shared import certify
from ._shared import BETA, BIAS, certified_bracket, matrix, named_cases

SAMPLES = (2, 4, 8, 16, 64, 256, 1024)
PLACE = "Remark 3.2 (Section 3)"
STATEMENT = ("(8) can be approximated by sampling D_i = Diag(1[X u_i >= 0]), u_i ~ N(0, I_d), and solving the "
             "reduced program: an upper bound that works extremely well")


def sampling_cases() -> list[Case]:
    return [c for c in named_cases("pe-example-6") if c.name == "pe-example-6-bias"] + named_cases("pe-2d-six")


@claim("pe.remark-3.2", "pe", PLACE, STATEMENT, "float", sampling_cases, expect=CONFIRMED,
       needs=Needs(Data.ANY, parameters=(BETA, BIAS)))
def check_sampling(case: Case, ctx: Context) -> Draft:
    """CONFIRMED when every certified sampled upper end is >= the certified lower end of the full (8) (the upper-bound
    property; CONTRADICTED if one is below); the excess per k is measured."""
    beta, X = BETA.of(case), matrix(case)
    res = Draft("pe.remark-3.2", case.name, ERROR, "float", PE_8)
    got = certified_bracket(X, case.y, beta, res, ctx)
    if got is None:
        return res
    full, cert = got
    about = {"X": X, "y": case.y, "beta": beta}
    lower, upper = cert.lower, cert.upper
    res.value = full.bracket
    rows, below = [], []
    for k in SAMPLES:
        patterns = sample_patterns(X, k, seed=k)
        sampled = restricted_upper(X, case.y, beta, sorted(patterns))
        doc = cone_program_certificate(res.claim, case.name, f"(8) over the {len(patterns)} patterns of {k} Gaussian "
                                       "samples (upper end), the full program's dual (lower end)", X, case.y, beta,
                                       "squared", full.dual.v, full.dual.pieces, sampled.blocks, lower, sampled.upper,
                                       sum(any(b.v) + any(b.w) for b in sampled.blocks))
        got = certify(doc, res, ctx, f"__k{k}", f"{k} samples", about=about)
        if not got.ok:
            return res
        excess = float((got.upper - upper) / upper)
        rows.append({"k": k, "patterns": len(patterns), "used": sampled.patterns, "upper": float(got.upper),
                     "excess": excess})
        if got.upper < lower:
            below.append(k)
    res.notes.append(f"full (8) over {full.regions} regions: {full.bracket.text(12)}")
    res.notes.append("sampled (8): " + "; ".join(f"k = {r['k']}: {r['patterns']} patterns, upper {r['upper']:.10g} "
                                                 f"({r['excess']:+.2e})" for r in rows))
    res.data = {"regions": full.regions, "rows": rows}
    res.verdict = CONTRADICTED if below else CONFIRMED
    return res
