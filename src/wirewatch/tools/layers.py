"""The layering check: wirewatch's import graph goes one way, no function grows past 80 lines, and no word
list of eight or more words is written in code (word lists are data: ``data/lexicons/*.json``).

    python -m wirewatch.tools.layers            # exit 0, or 1 with one line per violation
    python -m wirewatch.tools.layers --sizes    # also the largest modules and the longest functions

Layers, lowest first (a module may import its own layer and the ones below, never one above):

    model/kb → nlp → extract → resolve → pipeline → store → link → serve → cli

``model/kb`` is the document model and everything below the stages (errors, settings, the registry, the
knowledge base ``wirewatch.kb``); ``pipeline`` is what assembles and drives the stages (``pipeline``,
``ingest``, ``evaluate``). Every import counts, those inside functions and under ``TYPE_CHECKING`` too. The
check reads the source (``ast``), so it imports nothing it checks.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model/kb", ("errors", "model", "analysis", "config", "registry", "summary", "kb", "__init__")),
    ("nlp", ("nlp",)),
    ("extract", ("extract",)),
    ("resolve", ("resolve",)),
    ("pipeline", ("pipeline", "ingest", "evaluate")),
    ("store", ("store",)),
    ("link", ("link",)),
    ("serve", ("serve",)),
    ("cli", ("cli", "tools")),
)
RANK = {part: rank for rank, (_, parts) in enumerate(LAYERS) for part in parts}
# the packages whose functions must stay short
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. wirewatch.extract.attributions.cues
    path: Path

    @property
    def part(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else "__init__"


def modules(root: Path = PACKAGE) -> list[Module]:
    out = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(Module(".".join(parts), path))
    return out


def imports(module: Module) -> list[tuple[int, str]]:
    """(line, imported wirewatch module or name) for every import in the module."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    package = module.name if module.path.name == "__init__.py" else module.name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "wirewatch" or target.startswith("wirewatch."):
                if target == "wirewatch":  # "from wirewatch import model": the names are modules
                    found.extend((node.lineno, f"wirewatch.{a.name}") for a in node.names)
                else:
                    found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("wirewatch."))
    return found


def layer_of(name: str) -> int | None:
    parts = name.split(".")
    return RANK.get(parts[1] if len(parts) > 1 else "__init__")


def violations(root: Path = PACKAGE) -> list[str]:
    """One line per import that goes up a layer (or from a module no layer names)."""
    out = []
    for module in modules(root):
        own = RANK.get(module.part)
        if own is None:
            out.append(f"{module.path.relative_to(root.parent)}: {module.part!r} is in no layer (see LAYERS)")
            continue
        for line, target in imports(module):
            rank = layer_of(target)
            if rank is not None and rank > own:
                out.append(f"{module.path.relative_to(root.parent)}:{line}: {LAYERS[own][0]} imports "
                           f"{target} ({LAYERS[rank][0]}), a layer above it")
    return out


def function_lengths(root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(lines, 'module:function') of every function and method, longest first."""
    out = []
    for module in modules(root):
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out.append((node.end_lineno - node.lineno + 1, f"{module.name}:{node.name}"))  # type: ignore[operator]
    return sorted(out, reverse=True)


def long_functions(root: Path = PACKAGE, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """The functions of the package longer than ``limit`` lines."""
    return [f"{name}: {n} lines (more than {limit})" for n, name in function_lengths(root) if n > limit]


# the parts of the package that read language: a word list of theirs is data (data/lexicons/*.json)
LANGUAGE_PARTS = ("kb", "nlp", "extract", "resolve", "evaluate")
MAX_LISTED_WORDS = 7
_WORD = re.compile(r"[a-z][a-z' .-]*")


def word_lists(root: Path = PACKAGE, limit: int = MAX_LISTED_WORDS) -> list[str]:
    """Lists, sets and tuples written in the code of the language parts with more than ``limit`` words in them
    (dependency and part-of-speech labels, which spaCy's glossary knows, are not words)."""
    from spacy.glossary import GLOSSARY  # only this check needs spaCy; the import graph check does not

    out = []
    for module in modules(root):
        if module.part not in LANGUAGE_PARTS:
            continue
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.List | ast.Set | ast.Tuple):
                continue
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and _WORD.fullmatch(e.value.strip()) and e.value not in GLOSSARY]
            if len(words) > limit:
                out.append(f"{module.path.relative_to(root.parent)}:{node.lineno}: a list of {len(words)} words "
                           f"in code ({', '.join(words[:4])}, ...): move it to data/lexicons")
    return out


def module_sizes(root: Path = PACKAGE) -> list[tuple[int, str]]:
    return sorted(((len(m.path.read_text(encoding="utf-8").splitlines()), m.name) for m in modules(root)),
                  reverse=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", action="store_true", help="also print the largest modules and longest functions")
    args = ap.parse_args(argv)
    problems = violations() + long_functions() + word_lists()
    if args.sizes:
        print("largest modules (lines):")
        for n, name in module_sizes()[:12]:
            print(f"  {n:5d}  {name}")
        lengths = function_lengths()
        print(f"functions over 60 lines: {sum(1 for n, _ in lengths if n > 60)}, "
              f"over 80: {sum(1 for n, _ in lengths if n > 80)}, over 100: {sum(1 for n, _ in lengths if n > 100)}")
        for n, name in lengths:
            if n > 60:
                print(f"  {n:5d}  {name}")
    for line in problems:
        print(line)
    if not problems:
        print(f"layers: {' → '.join(name for name, _ in LAYERS)}: every import goes down; "
              f"no function over {MAX_FUNCTION_LINES} lines; no word list in the code of {', '.join(LANGUAGE_PARTS)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
