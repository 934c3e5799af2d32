"""Load and validate role taxonomies and career ladders from YAML.

Validation errors name the file, the line and the reason, e.g.::

    my_role.yaml:42: requirements[3].aliasses: unknown key (extra inputs are not permitted)

YAML is read with ``yaml.SafeLoader`` only (no Python object tags).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from analyzer.errors import RoleNotFoundError, TaxonomyError
from analyzer.taxonomy.models import Ladder, Role

DEFAULT_ROLE = "lead_ai_engineer"
MAX_TAXONOMY_BYTES = 2_000_000


@dataclass(frozen=True)
class RoleBundle:
    """A validated role together with its career ladder."""

    role: Role
    ladder: Ladder
    path: str  # where the role was loaded from (for messages)

    @property
    def id(self) -> str:
        return self.role.id


def builtin_dir() -> Path:
    return Path(str(resources.files("analyzer.taxonomies")))


def builtin_roles() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Best line (1-based) for a pydantic error location inside a composed YAML tree."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    # an unknown key is best reported at the key itself
                    nxt = v
                    line = k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if 0 <= key < len(node.value):
                nxt = node.value[key]
                line = nxt.start_mark.line + 1
        if nxt is None:
            # discriminated unions add the tag name ('skill', 'degree'...) to loc: skip it
            continue
        node = nxt
    return line


def _fmt_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _read_yaml(path: Path, label: str) -> tuple[Any, str]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TaxonomyError(f"{label}: cannot read file ({exc.strerror or exc})") from None
    if size > MAX_TAXONOMY_BYTES:
        raise TaxonomyError(f"{label}: file is larger than {MAX_TAXONOMY_BYTES} bytes")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{label}: cannot read file as UTF-8 ({exc})") from None
    try:
        # libyaml's safe loader when PyYAML has it (several times faster), else the pure-Python one
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise TaxonomyError(f"{label}{where}: invalid YAML ({problem})") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{label}:1: expected a mapping at the top level")
    return data, text


def _validate(model: type, path: Path, label: str):
    data, text = _read_yaml(path, label)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # line numbers, for the message only
        errors = exc.errors()
        # a misspelt key also makes the right key "missing": report the typo, the root cause
        err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
        loc = tuple(err.get("loc", ()))
        line = _node_line(node, loc)
        msg = err.get("msg", "invalid value")
        if err.get("type") == "extra_forbidden":
            msg = "unknown key (not allowed here; check the spelling)"
        where = f":{line}" if line else ""
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        raise TaxonomyError(f"{label}{where}: {_fmt_loc(loc) or 'file'}: {msg}{more}") from None


def load_role_file(path: str | Path) -> Role:
    p = Path(path)
    return _validate(Role, p, str(path))


def load_ladder_file(path: str | Path) -> Ladder:
    p = Path(path)
    return _validate(Ladder, p, str(path))


def _find_ladder(ladder_id: str, near: Path | None) -> Path:
    candidates = []
    if near is not None:
        candidates += [near / "ladders" / f"{ladder_id}.yaml", near / f"{ladder_id}.yaml"]
    candidates.append(builtin_dir() / "ladders" / f"{ladder_id}.yaml")
    for c in candidates:
        if c.is_file():
            return c
    raise TaxonomyError(f"career ladder {ladder_id!r} not found (looked in {', '.join(map(str, candidates))})")


def _looks_like_path(spec: str) -> bool:
    return spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec


@functools.lru_cache(maxsize=32)
def _load_cached(path_str: str, mtime: float) -> RoleBundle:
    path = Path(path_str)
    role = load_role_file(path)
    ladder_path = _find_ladder(role.ladder, path.parent)
    ladder = load_ladder_file(ladder_path)
    if role.level not in {lv.id for lv in ladder.levels}:
        raise TaxonomyError(f"{path}: level {role.level!r} is not on ladder {ladder.id!r}")
    return RoleBundle(role=role, ladder=ladder, path=str(path))


def load_role(spec: str | Path | RoleBundle | None = None) -> RoleBundle:
    """Load a role by built-in id (``"lead_ai_engineer"``) or by path to a YAML file."""
    if isinstance(spec, RoleBundle):
        return spec
    spec = str(spec) if spec is not None else DEFAULT_ROLE
    if _looks_like_path(spec) or Path(spec).is_file():
        path = Path(spec)
        if not path.is_file():
            raise RoleNotFoundError(f"{spec}: role file not found")
    else:
        path = builtin_dir() / f"{spec}.yaml"
        if not path.is_file():
            known = ", ".join(builtin_roles()) or "none"
            raise RoleNotFoundError(f"unknown role {spec!r} (built-in roles: {known}; or give a path to a YAML file)")
    path = path.resolve()
    return _load_cached(str(path), path.stat().st_mtime)
