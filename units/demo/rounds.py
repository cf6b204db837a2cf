"""The demo follows the calendar: which year's annual round (bình xét thi đua, khen thưởng năm N) is open on a
given day. Every part of the demo (records, the dated registry, the campaigns, the printed summary) takes its
years from `open_round_year`, so a demo seeded on any day looks like that day's work of a provincial Board."""

import datetime

from django.utils import timezone

from awards.rounds import open_round_year as open_round_year  # the demo's years follow the site's rule

# The demo's registry lives through the reorganisation of 1 July 2025 (tree.DISTRICTS_DISSOLVED_ON) and its
# rules are the law in force from 2024 on, so it cannot be seeded as of an earlier day.
EARLIEST_TODAY = datetime.date(2025, 7, 2)


def local_today() -> datetime.date:
    """Today in the project's time zone (settings.TIME_ZONE, Asia/Ho_Chi_Minh by default)."""
    return timezone.localdate()


def check_today(today: datetime.date) -> None:
    if today < EARLIEST_TODAY:
        raise ValueError(f"The demo cannot be seeded as of {today:%d/%m/%Y}: its registry includes the "
                         f"reorganisation of 1 July 2025, so the day must be {EARLIEST_TODAY:%d/%m/%Y} or later.")


def not_after(day: datetime.date, today: datetime.date) -> datetime.date:
    """`day`, or a day of the four weeks before `today` when `day` would lie after it (a record of the open year
    cannot be dated in the future); spread by the day's own number so moved records do not pile on one day."""
    if day < today:
        return day
    return today - datetime.timedelta(days=1 + day.toordinal() % 28)
