"""One module per paper claim family; each registers its checks with :mod:`verify.registry`."""
