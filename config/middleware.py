from django.conf import settings
from django.contrib.auth import get_user_model
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese first: the language is the one the user picked in the top bar (the language cookie), else
    settings.LANGUAGE_CODE. The browser's Accept-Language is ignored on purpose: most officials' browsers
    announce English, and the interface must still open in Vietnamese."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        """A signed-in user's pick in the top bar is also the language of their e-mails (User.language)."""
        response = super().process_response(request, response)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if (chosen in dict(settings.LANGUAGES) and user is not None and user.is_authenticated
                and getattr(user, "language", chosen) != chosen):
            get_user_model().objects.filter(pk=user.pk).update(language=chosen)
            user.language = chosen
        return response
