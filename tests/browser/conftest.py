from .fixtures import browse, browser, live_url, look, shots  # noqa: F401  (fixtures)
