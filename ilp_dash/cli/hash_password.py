"""``ilp-dash hash-password``: turn a planner password into the hash the server is configured with.

The password is read twice without echo (or once from standard input when it
is not a terminal, for scripts); the hash goes to standard output and nothing
is written to disk. Put it in ``ILP_PLANNER_PASSWORD_HASH`` (user
``perencana``) or, with ``--user NAME``, as a ``name:hash`` line in the file
named by ``ILP_USERS_FILE``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

MIN_LENGTH = 8


def register(sub) -> None:
    p = sub.add_parser(
        "hash-password",
        help="buat hash kata sandi perencana / make a planner password hash",
        description=(
            "Cetak hash kata sandi untuk ILP_PLANNER_PASSWORD_HASH atau baris 'nama:hash' untuk ILP_USERS_FILE. "
            "Print a password hash for ILP_PLANNER_PASSWORD_HASH, or a 'name:hash' line for ILP_USERS_FILE. "
            "Tanda $ di dalam hash: pakai tanda kutip tunggal di shell / quote the $ signs with single quotes."
        ),
    )
    p.add_argument(
        "--user", help="cetak baris 'nama:hash' / print a 'name:hash' line for ILP_USERS_FILE"
    )
    p.add_argument(
        "--method",
        choices=("scrypt", "pbkdf2"),
        default="scrypt",
        help="metode hash (bawaan scrypt) / hash method (default scrypt)",
    )
    p.set_defaults(func=run)


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi / password: ")
    second = getpass.getpass("Ulangi / repeat: ")
    if first != second:
        print("Galat / error: kedua kata sandi berbeda / the two passwords differ", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    from werkzeug.security import generate_password_hash

    if args.user is not None and (
        not args.user.strip() or ":" in args.user or "#" in args.user[:1]
    ):
        print(
            "Galat / error: nama pengguna tidak boleh kosong atau memuat ':' / "
            "the user name must not be empty or contain ':'",
            file=sys.stderr,
        )
        return 2
    password = _read_password()
    if password is None:
        return 1
    if len(password) < MIN_LENGTH:
        print(
            f"Galat / error: kata sandi minimal {MIN_LENGTH} karakter / "
            f"the password needs at least {MIN_LENGTH} characters",
            file=sys.stderr,
        )
        return 1
    hashed = generate_password_hash(password, method=args.method)
    print(f"{args.user.strip()}:{hashed}" if args.user is not None else hashed)
    return 0
