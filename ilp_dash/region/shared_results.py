"""Results cached per data version, and shared between worker processes.

:mod:`ilp_dash.region.results` caches each analysis under ``(code, version)``
(:func:`version_key`) in each worker's memory; :func:`shared` adds the shared
cache of :mod:`ilp_dash.region.cache`, keyed by the digest of the version's
manifest (:func:`version_tag`) so results of other data or other code never mix.
"""

from __future__ import annotations

from ilp_dash.region import cache, store, versions
from ilp_dash.region.cache import code_tag


def version_key(code: str) -> tuple[str, int]:
    """``(code, version being served)``: the key every result is cached under."""
    return code, store.version(code)


def version_tag(code: str, version: int) -> str | None:
    """Identity of a data version on disk (digest of its manifest), ``None`` for one that is not on disk.

    Part of the shared-cache key, so a state folder made afresh (version numbers
    starting again at 1) never meets results of the old data, nor an updated
    app the results of its previous code (:func:`ilp_dash.region.cache.code_tag`).
    """
    import hashlib
    import json

    if store.folder(code) != versions.folder_of(code, version):
        return (
            None  # a data set handed to store.replace() (tests), or the version changed meanwhile
        )
    meta = versions.info(code, version)
    if meta is None:
        return None
    ident = [meta.created, sorted(meta.files.items()), code_tag()]
    return hashlib.sha256(json.dumps(ident).encode()).hexdigest()[:16]


def shared(fn):
    """Share ``fn(code, version, ...)`` between worker processes through :mod:`ilp_dash.region.cache`.

    Placed under ``@lru_cache``: a worker first looks in its own memory, then in
    the shared cache (key ``"<name>:<code>:<version>:<tag>"`` plus the other
    arguments), and only then computes. Cache trouble never fails the call (see
    :func:`ilp_dash.region.cache.fetch`).
    """
    from functools import wraps

    @wraps(fn)
    def wrapper(code: str, version: int, *args):
        tag = version_tag(code, version) if cache.shared() is not None else None
        if tag is None:
            return fn(code, version, *args)
        key = f"{fn.__name__}:{code}:{version}:{tag}" + "".join(f":{a!r}" for a in args)
        return cache.fetch(key, lambda: fn(code, version, *args))

    return wrapper
