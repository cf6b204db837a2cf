"""One demo login per role, all with one shared password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.roles import Role
from units.models import Unit

from .tree import DEMO_LOGINS


@dataclass(frozen=True)
class LoginRow:
    username: str
    password: str
    role: str
    unit: str


def ensure_demo_users(password: str) -> list[LoginRow]:
    """Create or refresh the demo users (role group, full name, unit, password); return the login table."""
    User = get_user_model()
    hashed = make_password(password)  # hashed once: the slow hasher would otherwise dominate the run
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[d.unit_code for d in DEMO_LOGINS])}
    rows = []
    for demo in DEMO_LOGINS:
        user, _created = User.objects.get_or_create(username=demo.username)
        user.full_name = demo.full_name
        user.password = hashed
        user.must_change_password = False  # the demo's logins work straight away
        user.unit = units.get(demo.unit_code) if demo.unit_code else None
        user.is_active = True
        # The administrator works in the admin as staff with its group's permissions, never as a superuser:
        # a superuser gets no workflow right anyway (accounts/rules.py).
        user.is_staff = demo.role == Role.ADMINISTRATOR
        user.is_superuser = False
        user.save()
        user.groups.set([groups[demo.role]])
        unit = user.unit.name if user.unit else "—"
        rows.append(LoginRow(demo.username, password, f"{demo.role} – {Role(demo.role).label}", unit))
    return rows


def delete_demo_users() -> None:
    get_user_model().objects.filter(username__in=[d.username for d in DEMO_LOGINS]).delete()


def format_table(rows: list[LoginRow]) -> str:
    header = LoginRow("username", "password", "role", "unit")
    table = [header, *rows]
    widths = [max(len(getattr(r, col)) for r in table) for col in ("username", "password", "role")]
    lines = []
    for index, row in enumerate(table):
        cells = [row.username.ljust(widths[0]), row.password.ljust(widths[1]), row.role.ljust(widths[2]), row.unit]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in [*widths, 4]))
    return "\n".join(lines)
