"""What a text field read from a file people edit may hold: no control character (Unicode
category Cc; a newline only in a field that may run to several lines) and no bidirectional
override or isolate (U+202A to U+202E, U+2066 to U+2069), which reach the pages and can make a
text read other than it is."""

import re
import unicodedata

# Fields, in any file, that may run to several lines.
SEVERAL_LINES = frozenset({"quote", "note", "notes", "excerpt"})
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_LINES = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
_NAMES = {"\x00": "NUL", "\t": "a tab", "\n": "a newline", "\r": "a carriage return",
          "\x1b": "ESC", "\x7f": "DEL"}


def problem(text: str, several_lines: bool = False) -> str:
    """What is wrong with a field's text, or ''."""
    found = (_LINES if several_lines else _ONE_LINE).search(text)
    if not found:
        return ""
    char = found[0]
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cf":
        return (f"holds the bidirectional control {code} ({unicodedata.name(char).lower()}) at "
                f"character {found.start() + 1}, which can make text read other than it is: "
                "remove it")
    name = _NAMES.get(char, "a control character")
    where = ("" if several_lines or char not in "\r\n" else
             f" (only {', '.join(sorted(SEVERAL_LINES))} may run to several lines)")
    return f"holds {name} ({code}) at character {found.start() + 1}{where}: remove it"
