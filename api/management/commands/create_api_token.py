from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import ApiToken


class Command(BaseCommand):
    help = ("Create an API token for a user and print its key. The key is shown only this once (it is stored "
            "hashed); the token expires after LAUREL_API_TOKEN_DAYS days unless --days says otherwise.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for (e.g. the system using it).")
        parser.add_argument("--days", type=int, help="Days until it expires (default LAUREL_API_TOKEN_DAYS).")
        parser.add_argument("--reset", action="store_true", help="Revoke the user's other tokens.")

    def handle(self, username, name="", days=None, reset=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive.")
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("--days must be between 1 and 3650.")
        if reset:
            revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
            self.stderr.write(f"Revoked {revoked} earlier token(s) of {username}.")
        token, key = ApiToken.issue(user, name=name, days=days)
        self.stdout.write(key)
        self.stderr.write(f"Token {token.prefix}… for {username}, expires {token.expires_at:%Y-%m-%d %H:%M %Z}. "
                          "The key is not stored: copy it now.")
