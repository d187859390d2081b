"""Dates as editors know them: to the day, the month or only the year."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year only."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year': how much of the date is known."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The date as written in YAML: 2021, 2021-02 or 2021-02-01."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError in an editor's words."""
        text = str(value).strip()
        slashed = _SLASHED.match(text)
        if slashed:
            first, second, year = slashed.groups()
            raise ValueError(
                f"'{text}' is ambiguous (day/month or month/day?): write it as "
                f"{year}-{int(second):02d}-{int(first):02d} or "
                f"{year}-{int(first):02d}-{int(second):02d}")
        match = _ISO.match(text)
        if not match or isinstance(value, bool):
            raise ValueError(f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}: months run from 01 to 12")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' is not a real date: {calendar.month_name[month]} "
                                 f"{year} has {last} days")
        if any(part is not None and len(part) != 2 for part in match.groups()[1:]):
            parts = "the month and the day" if match.group(3) else "the month"
            raise ValueError(f"'{text}' needs two digits for {parts}: write it as "
                             f"{cls(year, month, day).iso()}")
        return cls(year, month, day)
