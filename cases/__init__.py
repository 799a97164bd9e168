"""Instance files (TOML, rationals as strings) and seeded instance generators."""
