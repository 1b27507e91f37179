"""An attribution while it is being built: token-level, before ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Cue, Speaker
from .cues import MAX_GAP

if TYPE_CHECKING:
    from .quotes import Quote


# -- the extractor ------------------------------------------------------------------------------------
@dataclass
class Raw:
    """An attribution while it is being built (token-level, before ids)."""

    kind: str
    speaker: Speaker
    content: tuple[int, int]
    cue: Cue | None
    stance: str
    via: list[str] = field(default_factory=list)
    cue_tok: int | None = None  # token index of the cue
    root: int | None = None  # token index of the content's head, if the content is a clause
    quote: Quote | None = None
    speaker_head: int | None = None
    belief: bool = False
    weak: bool = False  # a belief or learnt cue: dropped when it sits inside another attribution's content
    # further pieces of the same content after the first ('"A," he said, "B."'; 'A, he said, B')
    more: list[tuple[int, int]] = field(default_factory=list)
    origin: str = ""  # which rule proposed it ("verb:speech", "noun", "according", ...): a filter feature
    plain_negation: bool = False  # a cue negated with no stance of its own in the lexicon ('did not mention')
    inside_other: bool = False  # its cue lies in another candidate's content (a filter feature)
    holds_other: bool = False  # another candidate's cue lies in its content (a filter feature)
    inside_dispute: bool = False  # it lies in a denial's or non-confirmation's content: never filtered

    @property
    def last_end(self) -> int:
        return max(e for _, e in [self.content, *self.more])

    def extend(self, start: int, end: int) -> None:
        self.more.append((start, end))

    def holds_cue_of(self, other: Raw) -> bool:
        """Whether the cue of ``other`` lies in this one's content ('said the governor believes ...')."""
        return other is not self and other.cue is not None and self.content[0] <= other.cue.start < self.last_end

    def content_span(self) -> tuple[int, int]:
        """One span for a content in pieces: the run of consecutive pieces that covers most of the
        content while taking in least of what lies between them (a short '," she said, "' is taken in,
        a long appositive speaker is not)."""
        parts = sorted([self.content, *self.more])
        if len(parts) == 1:
            return parts[0]
        if all(b[0] - a[1] <= MAX_GAP for a, b in zip(parts, parts[1:], strict=False)):
            return parts[0][0], parts[-1][1]
        total = sum(e - s for s, e in parts)
        best, best_score = parts[0], -1.0
        for a in range(len(parts)):
            for b in range(a, len(parts)):
                inside = sum(e - s for s, e in parts[a:b + 1])
                score = inside / (parts[b][1] - parts[a][0] + total - inside)
                if score > best_score + 1e-9:
                    best, best_score = (parts[a][0], parts[b][1]), score
        return best
