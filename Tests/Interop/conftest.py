import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))


@pytest.fixture(scope="session")
def chargectl():
    path = os.environ.get("CHARGECTL")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("set CHARGECTL to the built chargectl binary (make interop does)")
    return path
