"""Which year's annual round (bình xét thi đua, khen thưởng năm N) is being worked on: the default year of the
pages that look at one round (the eligibility check, the dashboard's awards by PAR class) and of the demo."""

import datetime

from django.conf import settings
from django.utils import timezone

from .enums import CampaignKind


def open_round_year(today: datetime.date | None = None) -> int:
    """The year whose annual round is open on `today` (default: today in the project's time zone): this year's
    from settings.LAUREL_ROUND_OPENS_MONTH (November), last year's before."""
    today = today or timezone.localdate()
    return today.year if today.month >= settings.LAUREL_ROUND_OPENS_MONTH else today.year - 1


def current_round_year(today: datetime.date | None = None) -> int:
    """The year of the annual campaign open today (its submission window contains the day), which the Board
    set itself; without one, the calendar's rule (open_round_year)."""
    from nominations.models import Campaign  # nominations' models import awards: import them only when asked

    today = today or timezone.localdate()
    open_now = Campaign.objects.filter(kind=CampaignKind.ANNUAL, opens_on__lte=today, closes_on__gte=today)
    year = open_now.order_by("-year").values_list("year", flat=True).first()
    return year if year is not None else open_round_year(today)
