"""The import graph goes one way (model/kb → nlp → extract → resolve → pipeline → store → link → serve → cli),
no function is longer than 80 lines, and the language parts keep their word lists in data files
(``python -m wirewatch.tools.layers``)."""

from __future__ import annotations

from wirewatch.tools import layers


def test_imports_only_go_down_the_layers() -> None:
    assert layers.violations() == []


def test_no_function_over_80_lines() -> None:
    assert layers.long_functions() == []


def test_extract_and_resolve_know_nothing_of_each_other() -> None:
    for module in layers.modules():
        if module.part in ("extract", "resolve", "kb"):
            other = {"extract": ("resolve",), "resolve": ("extract",), "kb": ("extract", "resolve", "nlp")}
            for _, target in layers.imports(module):
                assert target.split(".")[1] not in other[module.part], (module.name, target)


def test_the_check_sees_an_upward_import(tmp_path) -> None:
    pkg = tmp_path / "wirewatch"
    (pkg / "extract").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "extract" / "__init__.py").write_text("from ..resolve import places\n")
    (pkg / "resolve").mkdir()
    (pkg / "resolve" / "__init__.py").write_text("")
    found = layers.violations(pkg)
    assert len(found) == 1 and "extract imports wirewatch.resolve" in found[0]


def test_no_word_list_in_the_code_of_the_language_parts() -> None:
    assert layers.word_lists() == []


def test_the_check_sees_a_word_list_but_not_parse_labels(tmp_path) -> None:
    pkg = tmp_path / "wirewatch"
    (pkg / "extract").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "extract" / "__init__.py").write_text(
        'DEPS = {"dobj", "dative", "prt", "prep", "pobj", "attr", "oprd", "compound", "amod"}\n'
        'def f(w):\n    return w in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep")\n')
    found = layers.word_lists(pkg)
    assert len(found) == 1 and "__init__.py:3: a list of 8 words" in found[0] and "jan" in found[0]
