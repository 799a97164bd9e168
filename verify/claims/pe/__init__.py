"""pe claims (Pilanci & Ergen, seed 002): one module per registered claim, named by its primary id."""
