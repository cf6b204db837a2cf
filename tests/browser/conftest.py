from .fixtures import browse, browser, live_url, shots  # noqa: F401  (fixtures)
