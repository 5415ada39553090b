from tests.extracts.conftest import area, small_register  # noqa: F401  (the generated register, as the extracts tests load it)
