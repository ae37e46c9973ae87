"""The bisection behind proposals (claims/spans.py) finds what a pass over every span finds, as
the proposals did before it (issue 30)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeclaims.claims.spans import Spans

# spans in text order that do not overlap, some empty, some touching: (gap before, length)
layouts = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), max_size=12)
positions = st.integers(-2, 60)


def laid_out(layout) -> list[tuple[int, int]]:
    spans, end = [], 0
    for gap, length in layout:
        spans.append((end + gap, end + gap + length))
        end += gap + length
    return spans


@given(layouts, positions, positions)
def test_each_lookup_finds_what_a_pass_over_every_span_finds(layout, lo, hi):
    items = laid_out(layout)
    spans = Spans(items, span=lambda item: item)
    within = [s for s in items if lo <= s[0] and s[1] <= hi]
    assert [spans[i] for i in spans.within(lo, hi)] == within
    assert [spans[i] for i in spans.starting(lo, hi)] == [s for s in items if lo <= s[0] < hi]
    assert spans.first(lo, hi) == (within[0] if within else None)
    assert spans.last(lo, hi) == (within[-1] if within else None)
    odd = [s for s in within if s[0] % 2]
    assert spans.last(lo, hi, lambda s: s[0] % 2) == (odd[-1] if odd else None)
    assert spans.first(lo, hi, lambda s: s[0] % 2) == (odd[0] if odd else None)
    assert spans.overlaps(lo, hi) == any(lo < b and a < hi for a, b in items)
    if lo < hi:
        holding = [s for s in items if s[0] <= lo and hi <= s[1]]
        assert spans.containing(lo, hi) == (holding[0] if holding else None)


@pytest.mark.parametrize("items", [[(0, 5), (4, 8)], [(3, 5), (0, 2)], [(5, 4)]])
def test_spans_that_overlap_or_are_out_of_order_are_refused(items):
    with pytest.raises(ValueError, match="overlaps the one before it or is out of order"):
        Spans(items, span=lambda item: item)
