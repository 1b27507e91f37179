"""The import graph goes one way (model/kb → nlp → extract → resolve → pipeline → store → link → serve → cli),
and no function of kb, extract or resolve is longer than 80 lines (``python -m wirewatch.tools.layers``)."""

from __future__ import annotations

from wirewatch.tools import layers


def test_imports_only_go_down_the_layers() -> None:
    assert layers.violations() == []


def test_no_core_function_over_80_lines() -> None:
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
