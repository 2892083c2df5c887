"""The package pre-commit installs for claimtrace's `language: python` hooks.

pre-commit installs a Python hook by running `pip install .` in its clone of
this repository. Building claimtrace there would compile it on every
machine, so what pip finds here is a package with no code of its own that
requires the prebuilt wheel of the same version: `claimtrace-cli` (built from
`wheel/pyproject.toml` with maturin), which puts the `claimtrace` binary on
the hook's PATH. pip fetches that wheel from the Python package index once it
is published there, or from the folder or page `PIP_FIND_LINKS` names.

The version is read from Cargo.toml and the wheel's name from
wheel/pyproject.toml, so the two never drift apart. The `-rust` hooks of
.pre-commit-hooks.yaml build claimtrace from source instead.
"""

import re
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent


def first(pattern, path):
    """The first group of the first line of `path` that matches `pattern`."""
    text = (ROOT / path).read_text(encoding="utf-8")
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{path}: no line matches {pattern}")
    return found.group(1)


VERSION = first(r'^version\s*=\s*"([^"]+)"', "Cargo.toml")
WHEEL = first(r'^name\s*=\s*"([^"]+)"', "wheel/pyproject.toml")

setup(
    name="claimtrace-pre-commit-hook",
    version=VERSION,
    description="pre-commit's installer of the prebuilt claimtrace binary",
    install_requires=[f"{WHEEL}=={VERSION}"],
    # Nothing of this repository is Python to install.
    packages=[],
    py_modules=[],
)
