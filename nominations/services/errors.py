from django.utils.translation import gettext as _


class MoveRefused(Exception):
    """A workflow move that may not happen now. The message is meant for the user as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)

    def __str__(self):
        return self.message


class NotAllowed(MoveRefused):
    def __init__(self, message=None):
        super().__init__(message or _("You are not allowed to do this."))


class FieldRefused(MoveRefused):
    """A refused move caused by one input field; a form shows the message next to that field."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field
