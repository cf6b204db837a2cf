"""Django's own messages that its Vietnamese catalogue does not translate yet. Listing them here lets
makemessages keep them in locale/vi, whose translations take precedence over Django's."""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL (new in Django 6)
]
