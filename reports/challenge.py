"""A small question against robots on the public comment form, with no outside service (no captcha, no CDN):
the sum of two numbers, asked in the reader's language and checked on the server.

The form carries a signed token holding what it is for, when it was issued, a random nonce and a keyed hash
of the answer, so the answer cannot be read from the page's source. A form sent faster than a person could
fill it in (LAUREL_PUBLIC_COMMENT_MIN_SECONDS) is refused, an old one too, and each token is taken once (the
nonce is remembered in the cache as long as the token lives)."""

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "laurel.public-comment.challenge"
MAX_AGE_SECONDS = 2 * 3600

EXPIRED = gettext_lazy("The question has expired; please answer the new one.")
TOO_FAST = gettext_lazy("The form was sent too quickly; please check your comment and send it again.")
WRONG = gettext_lazy("The answer is wrong; please answer the new question.")
USED = gettext_lazy("This form was already sent; please answer the new question.")


class ChallengeFailed(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class Challenge:
    first: int
    second: int
    token: str

    @property
    def question(self) -> str:
        return _("How much is %(first)s plus %(second)s?") % {"first": self.first, "second": self.second}


def _answer_hash(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def issue(subject: int, *, issued_at: float | None = None) -> Challenge:
    """A new question for the form about `subject` (`issued_at` lets a test date it back)."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    payload = {"s": subject, "t": int(issued_at if issued_at is not None else time.time()), "n": nonce,
               "h": _answer_hash(nonce, first + second)}
    return Challenge(first, second, signing.dumps(payload, salt=SALT))


def check(token: str, answer: int | None, subject: int):
    """Raise ChallengeFailed (with the reason for the sender) unless the token is good and the answer right.
    A good token is spent: sending the same form again fails."""
    try:
        payload = signing.loads(token or "", salt=SALT)
        age = time.time() - int(payload["t"])
        nonce, expected, for_subject = str(payload["n"]), str(payload["h"]), payload["s"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ChallengeFailed(EXPIRED) from None
    if for_subject != subject or age > MAX_AGE_SECONDS:
        raise ChallengeFailed(EXPIRED)
    if age < settings.LAUREL_PUBLIC_COMMENT_MIN_SECONDS:
        raise ChallengeFailed(TOO_FAST)
    if answer is None or not constant_time_compare(expected, _answer_hash(nonce, answer)):
        raise ChallengeFailed(WRONG)
    if not cache.add(f"public-comment:challenge:{nonce}", 1, MAX_AGE_SECONDS):
        raise ChallengeFailed(USED)
