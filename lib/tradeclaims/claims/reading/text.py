"""An article's sentences: the one splitter the proposals read figures by."""

import re

# A run this long with no full stop or line break (a table or a transcript flattened into one
# line) is read in pieces, cut after a comma or a space: each figure reads its own sentence,
# so an unbounded one would make extract quadratic in it. News sentences stay far below.
MAX_SENTENCE = 2_000
_CUT = re.compile(r"[,;，；、\s]")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a full stop that is no decimal point and no initial
    (U.S.), 。！？, or a line break; pieces of MAX_SENTENCE at most."""
    spans, start = [], 0
    ends = (match.end() for match in re.finditer(r"[.!?](?=\s|$)|[。！？\n]", text)
            if match[0] != "." or not re.search(r"(?:^|[\s.])[A-Z]\.$",
                                                  text[max(0, match.end() - 3):match.end()]))
    for end in [*ends, len(text)]:  # a full stop after U.S. or S. ends no sentence
        while end - start > MAX_SENTENCE:
            cuts = [m.end() for m in _CUT.finditer(text, start + MAX_SENTENCE // 2,
                                                   start + MAX_SENTENCE)]
            cut = cuts[-1] if cuts else start + MAX_SENTENCE
            if text[start:cut].strip():
                spans.append((start, cut))
            start = cut
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    return spans
