"""ses claims: one module per registered claim, named by its primary id."""
