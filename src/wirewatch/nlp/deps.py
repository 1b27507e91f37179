"""Named groups of spaCy dependency labels, defined once for every stage that reads the parse.

Each group answers one question about a dependent, so two stages asking it get the same answer:

* ``CONTENT_CLAUSE_DEPS`` -- a clause that states what was said or thought ("said *that Iran sent
  troops*", "wants *to talk*", "'It is over,' *he added*"): the content of an attribution cue.
* ``CLAUSE_DEPS`` -- a closed clause that hangs on a word (complement, adverbial, relative and subject
  clauses): an event's arguments are not looked for inside one.
* ``NOUN_CLAUSE_DEPS`` -- a clause that describes a noun ("troops, *who have been deployed since
  2021*"): its time expressions date that noun, not the event.
"""

from __future__ import annotations

CONTENT_CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")

NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})

# not "xcomp": an open clause shares its head's arguments ("vowed to attack the town" is one act on the town)
CLAUSE_DEPS = frozenset({"ccomp", "parataxis", *NOUN_CLAUSE_DEPS, "advcl", "csubj"})
