"""HiGHS's copyright banner never reaches stdout, which carries only results."""
from __future__ import annotations

import subprocess
import sys


def test_the_banner_goes_to_stderr():
    code = "from exact.lp.highs import new_highs; new_highs(); new_highs(); print('result')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "result\n", (done.stdout, done.stderr)
