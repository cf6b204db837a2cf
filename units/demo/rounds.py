"""The demo follows the calendar: which year's annual round (bình xét thi đua, khen thưởng năm N) is open on a
given day. Every part of the demo (records, the dated registry, the campaigns, the printed summary) takes its
years from `open_round_year`, so a demo seeded on any day looks like that day's work of a provincial Board."""

import datetime

from django.utils import timezone

# The year-end round of year N opens in November of N: agencies and communes hold their year-end reviews
# (tổng kết công tác thi đua, khen thưởng) from mid-November after the provincial guidance of October/November,
# and the round's dossiers run into the first quarter of N + 1. Before November, the round still being worked
# on is last year's.
ROUND_OPENS_MONTH = 11

# The demo's registry lives through the reorganisation of 1 July 2025 (tree.DISTRICTS_DISSOLVED_ON) and its
# rules are the law in force from 2024 on, so it cannot be seeded as of an earlier day.
EARLIEST_TODAY = datetime.date(2025, 7, 2)


def local_today() -> datetime.date:
    """Today in the project's time zone (settings.TIME_ZONE, Asia/Ho_Chi_Minh by default)."""
    return timezone.localdate()


def open_round_year(today: datetime.date) -> int:
    """The year whose annual round is open on `today`: this year's from November, last year's before."""
    return today.year if today.month >= ROUND_OPENS_MONTH else today.year - 1


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
