"""DRF's throttles, reading their rates when asked (DRF's own read them once at import), so a changed
setting takes effect. Signed-in calls are counted per user (all of a user's tokens together), anonymous
calls per address."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _CurrentRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class PerUserThrottle(_CurrentRate, UserRateThrottle):
    pass


class PerAddressThrottle(_CurrentRate, AnonRateThrottle):
    pass
