"""The people who act in the demo stories: the demo logins (officer, officer2, reviewer, council1..5,
chair) and, for every other unit that files a dossier, a unit officer `officer-<unit code>` created on
demand with the demo password."""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.roles import Role
from units.models import Unit

ROOT = "KHH"
DEMO_LOGIN_OFFICERS = {"SNV": "officer", "PNT": "officer2"}
COUNCIL = [f"council{i}" for i in range(1, 6)]
EXTRA_OFFICER = re.compile(r"^officer-[a-z0-9]+$")
NAMES = [
    "Trương Thị Kim Oanh", "Lâm Quang Vinh", "Cao Thị Bích Ngọc", "Dương Minh Tuấn", "Mai Thị Hồng Nhung",
    "Tạ Văn Lực", "Phan Thị Thu Trang", "Kiều Văn Hải", "Lưu Thị Mai Anh", "Đoàn Ngọc Hiếu",
    "Châu Thị Diễm My", "Hà Văn Quyết", "Triệu Thị Lan Chi", "Vương Đình Khải", "Quách Thị Ngọc Hân",
    "Thái Văn Toàn", "Nghiêm Thị Thảo", "Lạc Minh Quân", "Âu Thị Kim Liên", "La Văn Đức",
]


@dataclass
class Cast:
    reviewer: object
    chair: object
    council: list
    root: Unit
    units: dict  # unit code suffix (e.g. "SYT") -> top-level Unit
    password_hash: str
    officers: dict = field(default_factory=dict)  # unit code suffix -> User
    created: list = field(default_factory=list)  # usernames of the extra officers

    def unit(self, suffix: str) -> Unit:
        return self.units[suffix]

    def officer(self, suffix: str):
        """The unit's officer: a demo login, or an extra officer created with the demo password."""
        if suffix not in self.officers:
            User = get_user_model()
            username = f"officer-{suffix.lower()}"
            user, _created = User.objects.get_or_create(username=username, defaults={
                "full_name": NAMES[len(self.created) % len(NAMES)], "unit": self.units[suffix],
                "password": self.password_hash})
            user.groups.set([Group.objects.get(name=Role.UNIT_OFFICER)])
            self.officers[suffix] = user
            self.created.append(username)
        return self.officers[suffix]


def load(password: str) -> Cast:
    """The demo logins (they must exist); extra officers come on demand."""
    User = get_user_model()
    units = {u.code.split("-", 1)[1]: u for u in Unit.objects.filter(code__startswith=f"{ROOT}-", depth=1)}
    by_name = {u.username: u for u in User.objects.filter(
        username__in=["reviewer", "chair", *COUNCIL, *DEMO_LOGIN_OFFICERS.values()])}
    officers = {suffix: by_name[username] for suffix, username in DEMO_LOGIN_OFFICERS.items()}
    return Cast(reviewer=by_name["reviewer"], chair=by_name["chair"], council=[by_name[n] for n in COUNCIL],
                root=Unit.objects.get(code=ROOT), units=units, password_hash=make_password(password), officers=officers)


def delete_extra_officers() -> None:
    """The extra officers of the demo: `officer-<code>` users bound to a unit of the demo province."""
    User = get_user_model()
    users = User.objects.filter(username__startswith="officer-", unit__code__startswith=ROOT)
    User.objects.filter(pk__in=[u.pk for u in users if EXTRA_OFFICER.match(u.username)]).delete()
