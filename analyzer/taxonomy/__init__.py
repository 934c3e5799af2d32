"""Role taxonomies and career ladders as validated data."""

from analyzer.taxonomy.loader import DEFAULT_ROLE, RoleBundle, builtin_roles, load_ladder_file, load_role, load_role_file
from analyzer.taxonomy.models import Ladder, Role

__all__ = ["DEFAULT_ROLE", "Ladder", "Role", "RoleBundle", "builtin_roles", "load_ladder_file", "load_role", "load_role_file"]
