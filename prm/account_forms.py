"""The sign-in form says why a right password is refused; the password reset form sends its
email from the worker, never inside the request."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _

from prm.lib.jobs import enqueue
from prm.lib.sign_in import ACCESS_ENDED_MESSAGE, access_ended
from prm.tasks import send_email

DEACTIVATED_MESSAGE = _(
    "This account has been deactivated. Ask your company's partner admin (or your channel "
    "manager) to reactivate it."
)

logger = logging.getLogger(__name__)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form whose email goes through the `prm.send_email` task (retried with
    backoff while the mail server fails). With the job queue down it sends at once; a mail
    server that fails then too is logged, and the page still answers as for any address."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        if enqueue(send_email, subject, body, [to_email], html):
            return
        try:
            send_email.run(subject, body, [to_email], html)
        except OSError as error:  # SMTPException is an OSError
            logger.error("Password reset email to %s not sent: %s", to_email, error)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, which says plainly why the right password of a deactivated
    account, or of a user whose company's partnership has ended, does not sign in. A wrong
    password gets the usual answer, so nothing is told to someone guessing."""

    def get_invalid_login_error(self):
        user = self._user_with_right_password()
        if user is not None and not user.is_active:
            return ValidationError(DEACTIVATED_MESSAGE, code="inactive")
        if user is not None and access_ended(user):
            return ValidationError(ACCESS_ENDED_MESSAGE, code="access_ended")
        return super().get_invalid_login_error()

    def _user_with_right_password(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return None
        model = get_user_model()
        user = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None or not user.check_password(password):
            return None
        return user
