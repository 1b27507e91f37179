"""Components are factories with declared requirements; the pipeline refuses an order that cannot work."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli
from wirewatch.config import Settings
from wirewatch.errors import ConfigError
from wirewatch.pipeline import Pipeline
from wirewatch.registry import check_order, default_config_toml, registered


def test_every_builtin_component_declares_what_it_needs_and_makes() -> None:
    factories = registered()
    for name in Settings().pipeline + ("event_retype",):
        assert name in factories and factories[name].assigns, name
    check_order(Settings().pipeline, factories)  # the default order is sound


def test_an_order_with_unmet_requirements_is_refused_in_one_line() -> None:
    with pytest.raises(ConfigError) as err:
        Pipeline(Settings(pipeline=("attributions", "entities")))
    message = str(err.value)
    assert "\n" not in message
    assert "'attributions' requires 'entities'" in message and "(from entities)" in message


def test_unknown_components_and_settings_are_refused() -> None:
    with pytest.raises(ConfigError, match="unknown pipeline component"):
        Pipeline(Settings(pipeline=("entities", "nope")))
    with pytest.raises(ConfigError, match="no setting"):
        Pipeline(Settings(pipeline=("entities", "attributions"), components=(("attributions", (("x", 1),)),)))
    with pytest.raises(ConfigError, match="unknown component"):
        Pipeline(Settings(pipeline=("entities",), components=(("nope", ()),)))


def test_component_config_comes_from_wirewatch_toml(tmp_path) -> None:
    cfg = tmp_path / "wirewatch.toml"
    cfg.write_text('[tool.wirewatch]\npipeline = ["entities", "attributions"]\n'
                   '[tool.wirewatch.components.attributions]\nfilter = false\n', encoding="utf-8")
    settings = Settings.load(cfg)
    assert settings.component_config("attributions") == {"filter": False}
    hash(settings)  # settings stay hashable (the dask engine keys its pipelines by them)
    assert "[tool.wirewatch.components.attributions]\nfilter = true" in default_config_toml(registered())


def test_the_command_line_gives_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The ministry said the bridge was unsafe.", encoding="utf-8")
    monkeypatch.setenv("WIREWATCH_PIPELINE", "events,entities")
    result = CliRunner().invoke(cli, ["extract", str(article)])
    assert result.exit_code == 2
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "requires 'entities'" in lines[0]


def test_attributions_can_keep_claims_only() -> None:
    from wirewatch.model import Article

    claims_only = Settings(components=(("attributions", (("noun_contents", False),)),))

    def contents(text: str, settings: Settings) -> list[str]:
        return [a.content.text for a in Pipeline(settings)(Article(text=text)).attributions]

    topic = "The Kenyan interior ministry announced the decision on Monday."
    assert contents(topic, Settings()) == ["the decision"]  # the default keeps it, as PolNeAR annotates it
    assert contents(topic, claims_only) == []
    for text, content in (("The Kenyan interior ministry said the decision was final.", "the decision was final"),
                          ("Rwanda denied any involvement.", "any involvement"),
                          ("The ministry called the sanctions illegal and futile.", "the sanctions illegal and futile")):
        assert contents(text, claims_only) == [content]  # a clause, a denial, a verdict: still claims
    assert "noun_contents = true" in default_config_toml(registered())


def test_a_component_setting_of_the_wrong_type_is_refused_in_one_line() -> None:
    for key, value in (("noun_contents", "maybe"), ("filter", 1)):
        with pytest.raises(ConfigError, match=f"setting {key} = .* must be a bool") as err:
            Pipeline(Settings(components=(("attributions", ((key, value),)),)))
        assert "\n" not in str(err.value)
    with pytest.raises(ConfigError, match="profile = 3 must be a str"):
        Pipeline(Settings(components=(("places", (("profile", 3),)),)))
