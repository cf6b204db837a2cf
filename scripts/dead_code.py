"""Dead code check (`make lint`): vulture over the project's Python, reporting unused functions, methods,
classes, properties and imports, and unreachable code. Django and library hooks are named below; the few
names used only from templates or by frameworks are in scripts/vulture_allowlist.py. Exit status 1 when
anything is reported."""

import sys
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["accounts", "api", "awards", "certificates", "config", "nominations", "reports", "units", "bench", "scripts",
         "tests", "manage.py"]
EXCLUDE = ["*/migrations/*", "*/.venv/*"]
REPORTED = {"function", "method", "class", "property", "import", "unreachable_code"}
# Names the frameworks call: Django (admin, apps, commands, forms, middleware), DRF, django-filter, Celery.
HOOKS = [
    "Meta", "Command", "*Config", "*Admin", "*Inline", "*FormSet", "ready", "handle", "add_arguments",
    "get_queryset", "has_*_permission", "clean_*", "get_*_display", "render_change_form", "get_context_data",
    "process_request", "filter_*", "get_*", "test_*", "__getattr__", "__str__",
    # Classes named in settings (middleware, authentication, throttles, lock-out handler, mail backends) and
    # the hooks they implement; Django's lookups and urllib's redirect handler.
    "*Middleware", "*Authentication", "*Throttle", "*Handler", "*Backend", "process_view",
    "authenticate_credentials", "output_field", "redirect_request",
]
DECORATORS = [
    "@admin.*", "@register", "@register.*", "@shared_task", "@login_required", "@receiver", "@pytest.fixture",
    "@*.register",
    "@require_POST", "@require_GET", "@rules.predicate", "@predicate", "@factory.*", "@pytest.mark.*",
    "@extend_schema*", "@admin.display", "@admin.action",
]


def main() -> int:
    vulture = Vulture(ignore_names=HOOKS, ignore_decorators=DECORATORS)
    vulture.scavenge([str(ROOT / p) for p in PATHS] + [str(ROOT / "scripts" / "vulture_allowlist.py")],
                     exclude=EXCLUDE)
    found = [item for item in vulture.get_unused_code(min_confidence=60) if item.typ in REPORTED]
    for item in found:
        print(item.get_report())
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
