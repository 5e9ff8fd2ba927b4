import pytest

from kg.config import SETTINGS, load_settings
from kg.errors import ConfigError


def test_precedence_defaults_file_env_flags(tmp_path):
    cfg = tmp_path / "kg.toml"
    cfg.write_text('[kg]\nstore = "from-file"\nworkers = 3\nport = 9000\n')
    env = {"KG_WORKERS": "4"}
    s = load_settings({"port": 9100, "store": None}, config_file=cfg, environ=env)
    assert s["store"] == "from-file"  # file beats default, unset flag ignored
    assert s["workers"] == 4  # env beats file
    assert s["port"] == 9100  # flag beats file
    assert s["batch_size"] == 32  # default


def test_defaults_without_any_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(environ={})
    assert s == {x.name: x.default for x in SETTINGS}


@pytest.mark.parametrize(
    "content, message",
    [("workers = 'many'", "workers"), ("nonsense = 1", "unknown setting"), ("= broken", "TOML")],
)
def test_bad_config_names_the_file_and_setting(tmp_path, content, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(config_file=cfg, environ={})
    assert "bad.toml" in str(info.value)


def test_bad_env_value_is_named():
    with pytest.raises(ConfigError, match="KG_PORT"):
        load_settings(environ={"KG_PORT": "eighty"})


def test_settings_of_a_partial_mapping_takes_the_defaults_and_the_types():
    from kg.config import Settings

    s = Settings.of({"query_timeout": 2, "max_results": "10", "token": None, "log_level": "warning"})
    assert (s.query_timeout, s.max_results, s.token, s.port) == (2.0, 10, "", 7878)
    assert isinstance(s.query_timeout, float)
    assert Settings.of(s) is s and Settings.of(None) == Settings()
    with pytest.raises(ConfigError):
        Settings.of({"port": "eighty"})
