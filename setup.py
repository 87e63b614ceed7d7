"""Builds the compiled scoring core (``kenning.matching._core``, Cython); everything else is in pyproject.toml.

``make`` builds it (``pip install -e .`` with Cython from requirements.lock); ``make core`` rebuilds it in place.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize([Extension("kenning.matching._core", ["src/kenning/matching/_core.pyx"])],
                            compiler_directives={"language_level": "3"}, quiet=True))
