"""One frozen settings object, read from the environment once.

Every setting has an ``ILP_*`` environment variable (``REDIS_URL`` for Redis);
docs/deploy.md lists them for the IT officer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_KEPT_VERSIONS = 5


def _flag(value: str | None) -> bool:
    return str(value or "").strip().lower() in ("1", "true", "yes", "ya", "on")


@dataclass(frozen=True)
class Settings:
    geodata_dir: (
        Path  # the regions shipped with the app (geodata/, built by ``ilp-dash build-geodata``)
    )
    # regions a user adds with ``ilp-dash add-region`` (same layout as geodata/); outside the package
    regions_dir: Path
    data_dir: Path
    default_region: str
    host: str
    port: int
    debug: bool
    # data versions (ilp_dash.region.versions): validated copies of data/<code>/, the one served, problems
    state_dir: Path
    keep_versions: int
    keep_child_rows: bool
    # shared caches and background jobs (ilp_dash.region.cache, ilp_dash.web.background)
    cache_dir: Path | None
    redis_url: str | None
    background: str  # "diskcache" | "celery"
    # access (ilp_dash.web.login)
    auth: str  # "auto" | "on" | "off"
    users_file: Path | None
    planner_password_hash: str | None
    secret_key: str | None
    session_hours: float
    briefing_login: bool
    prod: bool


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    data_dir = Path(env.get("ILP_DATA_DIR", PROJECT_ROOT / "data"))
    redis_url = env.get("REDIS_URL") or None
    state_dir = Path(env.get("ILP_STATE_DIR", data_dir / ".ilp"))
    return Settings(
        geodata_dir=Path(env.get("ILP_GEODATA_DIR", PROJECT_ROOT / "geodata")),
        regions_dir=Path(env.get("ILP_REGIONS_DIR", state_dir / "regions")),
        data_dir=data_dir,
        default_region=env.get("ILP_DEFAULT_REGION", "33.20"),
        host=env.get("ILP_HOST", "127.0.0.1"),
        port=int(env.get("ILP_PORT", "8050")),
        debug=env.get("ILP_DEBUG", "0") == "1",
        state_dir=state_dir,
        keep_versions=max(MIN_KEPT_VERSIONS, int(env.get("ILP_KEEP_VERSIONS", "10"))),
        keep_child_rows=_flag(env.get("ILP_KEEP_CHILD_ROWS")),
        cache_dir=Path(env["ILP_CACHE_DIR"]) if env.get("ILP_CACHE_DIR") else None,
        redis_url=redis_url,
        background=env.get("ILP_BACKGROUND", "diskcache").strip().lower(),
        auth=env.get("ILP_AUTH", "auto").strip().lower(),
        users_file=Path(env["ILP_USERS_FILE"]) if env.get("ILP_USERS_FILE") else None,
        planner_password_hash=env.get("ILP_PLANNER_PASSWORD_HASH") or None,
        secret_key=env.get("ILP_SECRET_KEY") or None,
        session_hours=float(env.get("ILP_SESSION_HOURS", "8")),
        briefing_login=_flag(env.get("ILP_BRIEFING_LOGIN")),
        prod=_flag(env.get("ILP_PROD")),
    )
