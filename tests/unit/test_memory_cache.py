"""The default query cache stays within its bounds under many threads and evicts the
least recently used entries (the former folder cache grew past its threshold)."""

from __future__ import annotations

import threading

import flask

from dashboard.app import _cache
from dashboard.config import Config
from data.cache import MemoryCache


def test_the_default_cache_never_holds_more_entries_than_its_limit_under_many_threads():
    cache = _cache(flask.Flask("bound"), Config.from_env({}, cache_entries=200))
    assert isinstance(cache, MemoryCache)
    seen, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            seen.append(len(cache))

    def write(i):
        for n in range(400):
            cache.set(f"k{i}-{n}", {"rows": list(range(n % 7))})
            cache.get(f"k{i}-{n // 2}")

    watcher = threading.Thread(target=watch)
    watcher.start()
    writers = [threading.Thread(target=write, args=(i,)) for i in range(32)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    watcher.join()
    assert max(seen) <= 200 and len(cache) == 200
    assert cache.size_bytes == sum(len(b) for b in cache._items.values())


def test_the_byte_bound_holds_and_the_least_recently_used_entry_goes_first():
    cache = MemoryCache(max_entries=100, max_bytes=3_000)
    for key in "abc":
        cache.set(key, "x" * 900)
    assert cache.get("a") == "x" * 900  # a is now the most recently used
    cache.set("d", "x" * 900)
    assert cache.get("b") is None and cache.get("a") is not None
    assert cache.size_bytes <= 3_000
    assert cache.set("huge", "x" * 10_000) is False and cache.get("a") is not None


def test_a_caller_changing_its_value_does_not_change_the_cache():
    cache = MemoryCache()
    cache.set("k", {"rows": [1, 2]})
    cache.get("k")["rows"].append(3)
    assert cache.get("k") == {"rows": [1, 2]}


def test_the_former_filesystem_setting_gets_the_memory_cache_and_a_typo_is_refused():
    assert isinstance(_cache(flask.Flask("old"), Config.from_env({}, cache_url="filesystem")),
                      MemoryCache)
    try:
        _cache(flask.Flask("typo"), Config.from_env({}, cache_url="memroy"))
    except ValueError as exc:
        assert "memroy" in str(exc)
    else:
        raise AssertionError("a mistyped cache setting must not pass silently")
