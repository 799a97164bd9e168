"""Claims, numerics, CLI and reports of relu-certify (uses :mod:`exact`)."""
