"""Analysis sub-commands of ``ilp-dash``: each module defines ``register(subparsers)``."""

COMMANDS = ("coverage", "hotspots", "referral", "site", "hash_password", "versions")
