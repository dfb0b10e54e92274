"""Configuration: ``copydesk.toml`` or ``[tool.copydesk]`` in ``pyproject.toml``.

The file nearest to a checked file wins (searched upwards from the file's folder), as in ruff.
Keys may be written with ``-`` or ``_``. Unknown keys and wrong types are errors that name the
key and the file: a silently ignored typo would be worse than a failed run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.finding import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("copydesk.toml", ".copydesk.toml", "pyproject.toml")
DEFAULT_LANGUAGES = ["fr", "de", "en", "es", "it", "nl", "pt"]
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(ValueError):
    """The configuration is wrong; the message names the file and the key."""


@dataclass
class Config:
    """Settings for a set of files. ``root`` anchors relative globs and rule folders."""

    root: Path
    path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=lambda: list(DEFAULT_LANGUAGES))
    lang: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_dirs: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = "error"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: House list of names: written form → canonical form (rule corpus-name-variant).
    canonical_names: dict[str, str] = field(default_factory=dict)
    #: Preferred name of a country or body: code → form, or forms in several languages
    #: (rule alias-variant).
    preferred_aliases: dict[str, Any] = field(default_factory=dict)
    #: Translation pairs: the language originals are written in (Hugo-style siblings
    #: ``name.<lang>.md`` and parallel folders); empty: the sibling with no ``translation_of``,
    #: else ``en``.
    source_language: str = ""
    #: Parallel folders of translations, ``{lang}`` and ``{path}`` marking the parts; ``""``
    #: turns the folder lookup off.
    pair_pattern: str = "content/{lang}/{path}"

    def key(self) -> str:
        """A stable text of everything that can change findings (for caches and rule sets).

        Asked for every file; worked out once and again only after a setting changes."""
        found = self.__dict__.get("_key")
        if found is None:
            import json

            data = {k: v for k, v in self.__dict__.items() if k not in ("root", "path", "_key")}
            found = self.__dict__["_key"] = json.dumps(data, sort_keys=True, default=str) + str(
                self.root
            )
        return found

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__.pop("_key", None)
        super().__setattr__(name, value)

    def rule_settings(self, known: Iterable[str]) -> dict[str, Any]:
        """Settings that rules read as options (see :data:`RULE_SETTINGS`), for a check kind
        whose options are ``known``. A document carries no configuration; the engine passes
        these to the rule instead, under the rule's per-rule options."""
        known = set(known)
        return {
            option: getattr(self, attr)
            for option, attr in RULE_SETTINGS.items()
            if option in known and getattr(self, attr)
        }

    def rule_folders(self) -> list[Path]:
        return [(self.root / d).resolve() for d in self.rule_dirs]


# key → (attribute, expected type, element type)
_SCHEMA: dict[str, tuple[str, type, type | None]] = {
    "select": ("select", list, str),
    "extend-select": ("extend_select", list, str),
    "ignore": ("ignore", list, str),
    "severity": ("severity", dict, str),
    "languages": ("languages", list, str),
    "lang": ("lang", str, None),
    "include": ("include", list, str),
    "exclude": ("exclude", list, str),
    "rules": ("rules", dict, dict),
    "rule-dirs": ("rule_dirs", list, str),
    "per-file-ignores": ("per_file_ignores", dict, list),
    "fail-on": ("fail_on", str, None),
    "max-file-size": ("max_file_size", int, None),
    "canonical-names": ("canonical_names", dict, str),
    "preferred-aliases": ("preferred_aliases", dict, None),
    "source-language": ("source_language", str, None),
    "pair-pattern": ("pair_pattern", str, None),
}

#: Config settings handed to rules as options: rule option → Config attribute.
RULE_SETTINGS: dict[str, str] = {
    "canonical_names": "canonical_names",
    "preferred_aliases": "preferred_aliases",
}


def parse_config(data: dict[str, Any], root: Path, source: str) -> Config:
    """Validate a ``[tool.copydesk]`` table."""
    config = Config(root=root, path=Path(source) if source else None)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.copydesk] must be a table")
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        if key not in _SCHEMA:
            known = ", ".join(sorted(_SCHEMA))
            raise ConfigError(f"{source}: unknown key {raw_key!r} (known keys: {known})")
        attr, typ, elem = _SCHEMA[key]
        if not isinstance(value, typ) or isinstance(value, bool):
            raise ConfigError(
                f"{source}: {raw_key!r} must be a {typ.__name__}, "
                f"not {type(value).__name__} ({value!r})"
            )
        if elem is not None:
            items = value.values() if isinstance(value, dict) else value
            for item in items:
                if not isinstance(item, elem):
                    raise ConfigError(
                        f"{source}: every entry of {raw_key!r} must be a "
                        f"{elem.__name__}, not {type(item).__name__} ({item!r})"
                    )
        if key == "severity":
            for rule_id, sev in value.items():
                try:
                    Severity.parse(sev)
                except ValueError as exc:
                    raise ConfigError(f"{source}: severity of {rule_id!r}: {exc}") from None
        if key == "fail-on":
            try:
                Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(f"{source}: 'fail-on': {exc}") from None
        if key == "preferred-aliases":
            for code, forms in value.items():
                if not (
                    isinstance(forms, str)
                    or (
                        isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms)
                    )
                ):
                    raise ConfigError(
                        f"{source}: preferred-aliases for {code!r} must be a name or a list of "
                        f"names (one per language), not {forms!r}"
                    )
        if key == "pair-pattern" and value and "{lang}" not in value:
            raise ConfigError(
                f"{source}: 'pair-pattern' {value!r} must contain {{lang}} "
                "(e.g. 'content/{lang}/{path}')"
            )
        if key == "rule-dirs":
            _check_rule_dirs(value, root, source, raw_key)
        if key == "per-file-ignores":
            for glob, ids in value.items():
                if not all(isinstance(i, str) for i in ids):
                    raise ConfigError(f"{source}: per-file-ignores for {glob!r} must list rule ids")
        setattr(config, attr, value)
    return config


def repository_root(folder: Path) -> Path:
    """The Git (or Mercurial) work tree containing ``folder``, else ``folder`` itself."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists() or (candidate / ".hg").is_dir():
            return candidate
    return folder


def _check_rule_dirs(dirs: list[str], root: Path, source: str, key: str) -> None:
    """Rule folders named in a configuration must be inside its repository.

    A configuration is part of the content repository, which anyone opening a pull request
    can edit; only the person running copydesk can point it elsewhere (``--rule-dir``).
    """
    repo = repository_root(root)
    for entry in dirs:
        folder = (root / entry).resolve()
        if folder != repo and repo not in folder.parents:
            raise ConfigError(
                f"{source}: {key!r}: {entry!r} is {folder}, outside the repository {repo}; "
                "name a rule folder outside it on the command line instead (--rule-dir)"
            )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_config_file(path: Path) -> Config | None:
    """The copydesk settings in ``path`` (``None`` for a pyproject.toml without them)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copydesk")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("copydesk", data)
    return parse_config(table, path.parent.resolve(), str(path))


@lru_cache(maxsize=1024)
def find_config(folder: Path) -> Config:
    """The nearest configuration at or above ``folder`` (defaults when there is none)."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file():
                config = load_config_file(path)
                if config is not None:
                    return config
    return Config(root=Path.cwd().resolve())
