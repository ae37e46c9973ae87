"""Numbers with the rounding they were printed with: a point and the interval it stands for.

A figure printed as 45.47 (trillion) stands for [45.465, 45.475]; arithmetic on such figures
carries the interval along, so a verdict can tell a real gap from the rounding of the inputs."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Interval:
    point: float
    low: float
    high: float
    # a figure as read from a table, not computed from others: it keeps every digit it has
    as_read: bool = field(default=False, compare=False)

    @classmethod
    def exact(cls, value: float) -> "Interval":
        return cls(value, value, value)

    @classmethod
    def rounded(cls, value: float, half_width: float) -> "Interval":
        return cls(value, value - half_width, value + half_width)

    @classmethod
    def read(cls, value: float, half_width: float) -> "Interval":
        """A figure as a table prints it, with its rounding."""
        return cls(value, value - half_width, value + half_width, as_read=True)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.point + other.point, self.low + other.low, self.high + other.high)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.point - other.point, self.low - other.high, self.high - other.low)

    def __mul__(self, other: "Interval") -> "Interval":
        corners = [a * b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(self.point * other.point, min(corners), max(corners))

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError("the divisor's interval contains zero")
        return self * Interval(1 / other.point, 1 / other.high, 1 / other.low)

    def scale(self, factor: float) -> "Interval":
        ends = sorted((self.low * factor, self.high * factor))
        return Interval(self.point * factor, *ends)

    def overlaps(self, low: float, high: float) -> bool:
        """Whether it shares more than an end point with [low, high]: a figure rounded to x
        stands for the half-open interval [x - h, x + h)."""
        return self.low < high and low < self.high


def growth(current: Interval, previous: Interval) -> Interval:
    """Percentage change from previous to current."""
    return (current / previous).scale(100) - Interval.exact(100)


def share(part: Interval, whole: Interval) -> Interval:
    return (part / whole).scale(100)
