"""Deadlines in working days: weekends and the PublicHoliday list are skipped."""

import datetime


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    from ..models import PublicHoliday

    return set(PublicHoliday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def add_working_days(start: datetime.date, days: int, holidays: set | None = None) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted)."""
    if holidays is None:
        # A generous window: enough calendar days for the count even with long Tết holidays.
        holidays = holidays_between(start, start + datetime.timedelta(days=days * 2 + 30))
    current, left = start, days
    while left > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date, holidays: set | None = None) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    if end <= start:
        return 0
    if holidays is None:
        holidays = holidays_between(start, end)
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            count += 1
    return count
