"""The verdicts a case file may record are the toolkit's verdicts that a check can reach on purpose."""

from cases import VERDICTS
from verify.result import Verdict


def test_expectable_verdicts_are_the_verdict_enum_without_error_and_timeout():
    assert set(VERDICTS) == {str(v) for v in Verdict} - {"ERROR", "TIMEOUT"}
