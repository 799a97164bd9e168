"""ddb claims (de Dios & Bruna, seed 003): one module per registered claim, named by its primary id."""
