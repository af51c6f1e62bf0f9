"""Text people or exports wrote, shown by `st.markdown` as the characters they typed.

An account or page name, a reason or a story is data, not markup: `**`, `[x](url)`, `![](url)`
(an image the browser would fetch), `<img>`, `$…$` (LaTeX) and `:red[…]` / `:material/…:`
(Streamlit's own directives) must show as written (issue 14, hole 9). CommonMark lets a
backslash escape any ASCII punctuation, so each one gets one; a line break becomes a space
(a name never starts a new paragraph or a list).
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(text: object) -> str:
    """`text` escaped for `st.markdown`: shown exactly, never rendered as markup."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
