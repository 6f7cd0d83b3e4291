"""Loaded first by pytest: import the real ``kernel`` and ``contracts`` packages up front.

In importlib mode pytest names ``kernel/tests/test_x.py`` ``kernel.tests.test_x`` and, when
``kernel`` is not imported yet, registers a placeholder module under that name which hides the
installed package. Importing the packages first keeps the real ones in place.
"""

import contracts
import kernel

__all__ = ["contracts", "kernel"]
