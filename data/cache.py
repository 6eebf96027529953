"""The default query cache: a bounded least-recently-used cache in this process's memory.

Why not on disk: cachelib's FileSystemCache keeps a file counter with a racy
read-modify-write under threads and scans the whole folder on every write once past its
threshold, so a busy day left it collapsed (and a restart did not help: the state was on
disk). Every cache key holds the database's epoch and data version (see
``Store.cache_namespace``), which each web request reads from the database, so a cache
that each process keeps for itself is never stale, across processes too: an import in
another process changes the version, and old entries are simply never asked for again
and fall out at the cold end. Several processes that should share results use Redis.

Values are stored pickled: the byte bound is exact, and a caller changing what it got
can never change what the next caller gets.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict

DEFAULT_MAX_ENTRIES = 20_000
DEFAULT_MAX_MB = 256


class MemoryCache:
    """A thread-safe LRU bounded by entry count and by pickled bytes (get/set like
    flask-caching's caches; timeouts are ignored: keys hold the data version)."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES,
                 max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024):
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("A memory cache needs room for at least one entry.")
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        """Return the value under key (None when absent), marking it recently used."""
        with self._lock:
            blob = self._items.get(key)
            if blob is None:
                return None
            self._items.move_to_end(key)
        return pickle.loads(blob)  # outside the lock: other threads need not wait for it

    def set(self, key: str, value, timeout: int | None = None) -> bool:
        """Store value under key, evicting the least recently used entries to fit."""
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(blob) > self.max_bytes:
            return False  # would evict everything and still not fit
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = blob
            self._bytes += len(blob)
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted)
        return True

    def delete(self, key: str) -> bool:
        with self._lock:
            blob = self._items.pop(key, None)
            if blob is not None:
                self._bytes -= len(blob)
            return blob is not None

    def clear(self) -> bool:
        with self._lock:
            self._items.clear()
            self._bytes = 0
        return True

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        """Pickled bytes held now (never above max_bytes)."""
        return self._bytes
