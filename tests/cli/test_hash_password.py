"""``ilp-dash hash-password`` (ilp_dash/cli/hash_password.py), run as ``python -m ilp_dash.cli``."""

import subprocess
import sys

from ilp_dash import access

from ..web.conftest import PASSWORD


def test_hash_password_command():
    run = [sys.executable, "-m", "ilp_dash.cli", "hash-password"]
    out = subprocess.run(
        run, input=PASSWORD + "\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert access.is_hash(out)
    from werkzeug.security import check_password_hash

    assert check_password_hash(out, PASSWORD) and not check_password_hash(out, PASSWORD + "x")
    line = subprocess.run(
        run + ["--user", "ana"], input=PASSWORD + "\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert line.startswith("ana:") and access.is_hash(line[4:])
    short = subprocess.run(run, input="pendek\n", capture_output=True, text=True, check=False)
    assert short.returncode == 1 and "8" in short.stderr and not short.stdout
