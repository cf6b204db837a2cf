from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken, hash_key


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, as before; the key is looked up by its hash, must not be expired or
    revoked, and its use is recorded."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("Token expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.touch()
        return token.user, token
