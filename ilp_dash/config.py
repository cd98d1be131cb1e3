"""One frozen settings object, read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    geodata_dir: Path
    data_dir: Path
    default_region: str
    host: str
    port: int
    debug: bool


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    return Settings(
        geodata_dir=Path(env.get("ILP_GEODATA_DIR", PROJECT_ROOT / "geodata")),
        data_dir=Path(env.get("ILP_DATA_DIR", PROJECT_ROOT / "data")),
        default_region=env.get("ILP_DEFAULT_REGION", "33.20"),
        host=env.get("ILP_HOST", "127.0.0.1"),
        port=int(env.get("ILP_PORT", "8050")),
        debug=env.get("ILP_DEBUG", "0") == "1",
    )
